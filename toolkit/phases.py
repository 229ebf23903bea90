"""The project's phases (issue 19): the plan de charge and the tasks read phase by phase.

A chef de projet mobilises colleagues « en fonction des étapes du projet » (enquêtes
téléphoniques, diagnostic, analyse des besoins, plan d'action…). A phase has a name, an
order and dates; a task may belong to one phase (``tasks.phase_id``). The days are those of
``toolkit.workload.allocation`` (same rule, same parameters): this module only groups them
by phase, it never computes a load of its own.

Example
-------
>>> from toolkit.core.store import Store
>>> from toolkit.demo import build_demo
>>> s = Store("sqlite://"); build_demo(s)
>>> table = phase_summary(s.frames())
>>> table["phase"].iloc[0]
'Diagnostic et lancement'
"""
from __future__ import annotations

from typing import Mapping

import pandas as pd

from .core import labels as L
from . import workload as W


def phases_in_order(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """The phases by their order (then start date, then id): ``id, name, order, start_date,
    end_date``."""
    phases = frames.get("phases")
    columns = ["id", "name", "order", "start_date", "end_date"]
    if phases is None or phases.empty:
        return pd.DataFrame(columns=columns)
    out = phases[columns].copy()
    out["_start"] = out["start_date"].astype(str)
    return out.sort_values(["order", "_start", "id"]).drop(columns="_start").reset_index(drop=True)


def _phase_of_tasks(frames: Mapping[str, pd.DataFrame]) -> pd.Series:
    tasks = frames["tasks"]
    if "phase_id" not in tasks:
        return pd.Series(dtype=object)
    return tasks.set_index("id")["phase_id"]


def workload_by_phase(frames: Mapping[str, pd.DataFrame], a_share: float = W.A_SHARE) -> pd.DataFrame:
    """Days per phase and per person (the plan de charge read by phase).

    Parameters
    ----------
    frames : the workshop's DataFrames (``phases``, ``tasks``, ``raci``, ``persons``).
    a_share : the A's share of a task's load, as in ``workload.allocation``.

    Returns
    -------
    DataFrame ``phase_id, phase, order, person_id, person, days`` in the phases' order,
    persons by name. Tasks without a phase are grouped under « sans phase » (``phase_id``
    None, last); load nobody carries (task without R) under « non attribuée » (``person_id``
    None). Summed over the rows, the days equal those of ``workload.allocation``.
    """
    columns = ["phase_id", "phase", "order", "person_id", "person", "days"]
    alloc = W.allocation(frames, a_share=a_share)
    if alloc.empty:
        return pd.DataFrame(columns=columns)
    ordered = phases_in_order(frames)
    rank = {pid: i for i, pid in enumerate(ordered["id"])}
    names = dict(zip(ordered["id"], ordered["name"]))
    orders = dict(zip(ordered["id"], ordered["order"]))
    phase_of = _phase_of_tasks(frames)
    alloc = alloc.assign(phase_id=alloc["task_id"].map(phase_of).where(lambda s: s.notna(), None),
                         person_key=alloc["person_id"].fillna(""))
    grouped = alloc.groupby([alloc["phase_id"].fillna(""), "person_key"], sort=False)["days"].sum().reset_index()
    persons = dict(zip(frames["persons"]["id"], frames["persons"]["name"]))
    out = pd.DataFrame({
        "phase_id": pd.Series([p or None for p in grouped["phase_id"]], dtype=object),
        "phase": grouped["phase_id"].map(lambda p: names.get(p, L.PHASE_LABELS["no_phase"]) if p
                                         else L.PHASE_LABELS["no_phase"]),
        "order": grouped["phase_id"].map(lambda p: orders.get(p)),
        "person_id": pd.Series([p or None for p in grouped["person_key"]], dtype=object),
        "person": grouped["person_key"].map(lambda p: persons.get(p, p) if p else L.PHASE_LABELS["unattributed"]),
        "days": grouped["days"].astype(float),
    })
    out["_rank"] = out["phase_id"].map(lambda p: rank.get(p, len(rank)) if p else len(rank) + 1)
    out["_none"] = out["person_id"].isna()
    out = out.sort_values(["_rank", "_none", "person"]).drop(columns=["_rank", "_none"])
    return out.reset_index(drop=True)[columns]


def phase_summary(frames: Mapping[str, pd.DataFrame], a_share: float = W.A_SHARE) -> pd.DataFrame:
    """One row per phase: ``phase_id, phase, order, start_date, end_date, tasks, load_days,
    days, persons`` — ``load_days`` the tasks' estimate, ``days`` what the plan charges (with
    the A's share), ``persons`` how many people carry some of it. Phases without a task
    are listed (zeros); a « sans phase » row comes last when some task has no phase."""
    columns = ["phase_id", "phase", "order", "start_date", "end_date", "tasks", "load_days", "days", "persons"]
    ordered = phases_in_order(frames)
    tasks = frames["tasks"]
    phase_col = tasks["phase_id"] if "phase_id" in tasks else pd.Series(None, index=tasks.index, dtype=object)
    load = workload_by_phase(frames, a_share)
    rows = []
    keys = [(p.id, p.name, p.order, p.start_date, p.end_date) for p in ordered.itertuples(index=False)]
    if phase_col.isna().any():
        keys.append((None, L.PHASE_LABELS["no_phase"], None, None, None))
    for pid, name, order, start, end in keys:
        in_phase = tasks[phase_col == pid] if pid else tasks[phase_col.isna()]
        carried = load[(load["phase_id"] == pid) if pid else load["phase_id"].isna()]
        rows.append({"phase_id": pid, "phase": name, "order": order, "start_date": start, "end_date": end,
                     "tasks": int(len(in_phase)), "load_days": float(pd.to_numeric(in_phase["load_days"]).sum()),
                     "days": float(carried["days"].sum()),
                     "persons": int(carried["person_id"].dropna().nunique())})
    out = pd.DataFrame(rows, columns=columns)
    out["phase_id"] = out["phase_id"].astype(object).where(out["phase_id"].notna(), None)
    return out


def phase_plan(frames: Mapping[str, pd.DataFrame], a_share: float = W.A_SHARE) -> pd.DataFrame:
    """The plan de charge as a persons × phases table of days (the OPCA's « charge de
    travail prévisionnelle de chacun » by step): index the person's name, columns the
    phases' names in order, zeros where a person has nothing in a phase."""
    load = workload_by_phase(frames, a_share)
    if load.empty:
        return pd.DataFrame()
    phases = list(dict.fromkeys(load["phase"]))
    table = load.pivot_table(index="person", columns="phase", values="days", aggfunc="sum", fill_value=0.0)
    return table.reindex(columns=phases)


def tasks_outside_their_phase(frames: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Tasks whose months fall outside their phase's dates: ``task_id, task, phase,
    start_month, end_month, phase_start, phase_end`` (a phase without dates holds any)."""
    columns = ["task_id", "task", "phase", "start_month", "end_month", "phase_start", "phase_end"]
    phases = frames.get("phases")
    tasks = frames["tasks"]
    if phases is None or phases.empty or "phase_id" not in tasks:
        return pd.DataFrame(columns=columns)
    by_id = phases.set_index("id")
    rows = []
    for t in tasks.itertuples(index=False):
        if not isinstance(t.phase_id, str) or t.phase_id not in by_id.index:
            continue
        p = by_id.loc[t.phase_id]
        start = f"{p['start_date']}"[:7] if pd.notna(p["start_date"]) else None
        end = f"{p['end_date']}"[:7] if pd.notna(p["end_date"]) else None
        if (start and t.start_month < start) or (end and t.end_month > end):
            rows.append({"task_id": t.id, "task": t.name, "phase": p["name"], "start_month": t.start_month,
                         "end_month": t.end_month, "phase_start": p["start_date"], "phase_end": p["end_date"]})
    return pd.DataFrame(rows, columns=columns)
