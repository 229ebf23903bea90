"""Step 6 — the gap analysis: what the tasks need against what the project can count on.

The method asks to « objectiver les écarts entre les moyens, les ressources, les
compétences d'ores et déjà identifiées ou mobilisées sur le projet et les moyens
complémentaires nécessaires », then to « rechercher des solutions pour combler ces écarts ».
Two kinds of gaps:

- **competence gaps** — for each competence, the level the tasks require against the best
  *mobilisable* holder (Le Boterf: savoir, vouloir and pouvoir agir together), when it is
  needed (the months of the tasks) and how much (their days). Who counts and at what level
  is the competence review's business (``toolkit.competences``): this module calls it.
- **capacity gaps** — load against capacity per month, per person and for the whole team.
  How a task's load becomes days per person per month is the workload plan's business
  (``toolkit.workload``): this module calls it.

Then the **remedies** the method names, each with a French reason and a cost where one
can be estimated (``CostParams``, defaults documented there):

==========================  ==============================================================
remedy                      when
==========================  ==============================================================
réaffectation               someone with idle capacity and the competence (a qualified,
                            willing person whose pouvoir is rated low but whose plan shows
                            free days; an overloaded person's task taken over by someone
                            mobilisable at the required level with free days)
montée en compétences       a motivated person one level below the required level
accompagnement              qualified people exist but lack vouloir (motivation) or
                            pouvoir (time, mandate): accompaniment, mission letter
élargissement               an actor who has the competence (``actors.competences``) and
                            is not mobilised yet
expertise externe           a short, specialised need (few days over few months)
recrutement                 a lasting need above the available capacity
==========================  ==============================================================

Every function takes the workshop's frames (``Store.frames()``) and returns DataFrames
with English column names; ``readable`` gives the French headers.

Example
-------
>>> from toolkit.core.store import Store
>>> from toolkit.demo import build_demo
>>> s = Store("sqlite://"); build_demo(s)
>>> gaps = competence_gaps(s.frames())
>>> "CMP-09" in gaps.index and "CMP-11" in gaps.index
True
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from . import competences as comp
from .core import formats as F
from .core import french as FR
from .core import labels as L
from .core import values as V
from .core import model
from . import memo, workload

Frames = Mapping[str, pd.DataFrame]
_EPS = 1e-9


@dataclass(frozen=True)
class CostParams:
    """Unit costs used to put a figure on each remedy (change them to the local prices).

    Parameters
    ----------
    expert_day_rate : € HT per day of external expertise (AMO, bureau d'études); 900 € is
        a usual day rate of a consultancy working for local authorities.
    training_days_per_level : days of training and tutoring to gain one level (5 days,
        about one CNFPT or inter-company module plus practice).
    training_day_cost : € per day of training (450 €: an inter-company training day).
    coaching_days : days of accompaniment (accompagnement au changement, mission letter,
        mandate) for one person (3 days).
    recruit_monthly_cost : € per month of a recruit, loaded cost (4 500 €: a contractual
        chargé(e) de mission of category A).
    expertise_max_days : a need of at most this many days is bought as external expertise
        (30 days).
    lasting_need_months : a need over this many months or more, and of more days than
        ``expertise_max_days``, is lasting: recruitment (6 months).
    lasting_overload_months : a person or a team overloaded this many months or more has
        a *lasting* capacity gap: recruitment rather than a one-off reinforcement (3).
    """

    expert_day_rate: float = 900.0
    training_days_per_level: float = 5.0
    training_day_cost: float = 450.0
    coaching_days: float = 3.0
    recruit_monthly_cost: float = 4500.0
    expertise_max_days: float = 30.0
    lasting_need_months: int = 6
    lasting_overload_months: int = 3


DEFAULT_COSTS = CostParams()
REMEDY_ORDER: tuple[str, ...] = tuple(L.REMEDY_KINDS)
REMEDY_COLUMNS = ["target_kind", "target_id", "target", "remedy", "candidate_id", "candidate", "reason",
                  "cost_days", "cost_euros", "recommended"]


# --- helpers ------------------------------------------------------------------------------

def _columns(df: pd.DataFrame, *names: str) -> Iterable[tuple[Any, ...]]:
    """The rows of some columns as tuples of Python values (iterating a pandas string
    column element by element costs a method call each)."""
    return zip(*(df[n].tolist() for n in names))


def _task_months(tasks: pd.DataFrame) -> dict[str, list[str]]:
    return {t: model.months_between(s, e) for t, s, e in _columns(tasks, "id", "start_month", "end_month")}


def _months_of(task_ids: Iterable[str], months: Mapping[str, list[str]]) -> list[str]:
    return sorted({m for t in task_ids for m in months.get(t, [])})


def _resolved(frames: Frames) -> pd.DataFrame:
    """The assessments that count (consultant's over self), as the competence review reads them."""
    return comp.resolve_assessments(frames["assessments"])


def _load_table(frames: Frames) -> pd.DataFrame:
    return workload.load_table(frames)


# --- competence gaps ------------------------------------------------------------------------

def competence_needs(frames: Frames, thresholds: comp.Thresholds | None = None) -> pd.DataFrame:
    """Every competence the tasks require: required level against the best mobilisable level.

    Parameters
    ----------
    frames : the workshop's frames.
    thresholds : the mobilisable thresholds (``competences.Thresholds``, default 2 each).

    Returns
    -------
    DataFrame indexed by competence_id: competence, family, required_level (highest level
    required), best_level (best savoir among the mobilisable holders,
    ``competences.best_mobilisable_level``), gap (levels missing, 0 when met), tasks
    (requiring it), first_month, last_month, days (load of those tasks). Gaps first.

    Example
    -------
    >>> from toolkit.demo import demo_records
    >>> frames = {k: pd.DataFrame(v) for k, v in demo_records().items()}
    >>> int(competence_needs(frames).loc["CMP-09", "gap"])
    4
    """
    return memo.shared("gaps.competence_needs", frames, _COMPETENCE_KINDS,
                       lambda: _competence_needs(frames, thresholds), _key(thresholds))


# What the competence side reads (the assessments, what the tasks require, and when).
_COMPETENCE_KINDS = ("requirements", "assessments", "competences", "tasks")
# What the remedies read besides.
_REMEDY_KINDS = (*_COMPETENCE_KINDS, "raci", "persons", "actors", "project")


def _key(thresholds: comp.Thresholds | dict[str, int] | None) -> comp.Thresholds:
    """Thresholds as a memo key (a dict is not hashable; None is the defaults)."""
    return comp.as_thresholds(thresholds)


def _competence_needs(frames: Frames, thresholds: comp.Thresholds | None) -> pd.DataFrame:
    req = frames["requirements"]
    tasks = frames["tasks"]
    cols = ["competence", "family", "required_level", "best_level", "gap", "tasks", "first_month",
            "last_month", "days"]
    if not len(req):
        return pd.DataFrame(columns=cols, index=pd.Index([], name="competence_id"))
    best = comp.best_mobilisable_level(frames["assessments"], frames["competences"], thresholds)
    load = dict(zip(tasks["id"], pd.to_numeric(tasks["load_days"]).fillna(0.0)))
    months = _task_months(tasks)
    req = req[req["task_id"].isin(set(tasks["id"]))]
    rows = []
    for cid, group in req.groupby("competence_id", sort=True):
        level = int(group["level"].max())
        best_level = int(best["best_level"].get(cid, 0))
        tids = sorted(set(group["task_id"]))
        span = _months_of(tids, months)
        rows.append({"competence_id": cid, "required_level": level, "best_level": best_level,
                     "gap": max(level - best_level, 0), "tasks": tids,
                     "first_month": span[0] if span else None, "last_month": span[-1] if span else None,
                     "days": float(sum(load[t] for t in tids))})
    out = pd.DataFrame(rows).set_index("competence_id")
    c = frames["competences"].set_index("id")
    out.insert(0, "competence", out.index.map(c["name"]))
    out.insert(1, "family", out.index.map(c["family"]))
    return out.sort_values(["gap", "days"], ascending=False, kind="stable")[cols]


def competence_gaps(frames: Frames, thresholds: comp.Thresholds | None = None) -> pd.DataFrame:
    """The competences the project lacks, with when and how much they are needed.

    A competence is in gap when a task requires it at level L and nobody mobilisable
    (savoir ≥ L with vouloir and pouvoir at their thresholds) holds it: that is
    ``competences.lacking_competences``, which also says why (``reason``: nobody at the
    level, qualified but unwilling, qualified but unavailable). This adds the time and
    the volume of the need: the months of the tasks whose requirement is unmet and their
    days.

    Returns
    -------
    DataFrame indexed by competence_id: competence, family, required_level, best_level,
    best_holders (mobilisable holders at the best level), gap, reason, qualified (ids with
    the level, not mobilisable), tasks, first_month, last_month, months (number of
    months of need), days (load of the tasks concerned). Largest gap first.

    Example
    -------
    >>> from toolkit.demo import demo_records
    >>> frames = {k: pd.DataFrame(v) for k, v in demo_records().items()}
    >>> row = competence_gaps(frames).loc["CMP-11"]
    >>> int(row["required_level"]), int(row["best_level"]), row["reason"]
    (3, 0, 'no_level')
    """
    return memo.shared("gaps.competence_gaps", frames, _COMPETENCE_KINDS,
                       lambda: _competence_gaps(frames, thresholds), _key(thresholds))


def _competence_gaps(frames: Frames, thresholds: comp.Thresholds | None) -> pd.DataFrame:
    cols = ["competence", "family", "required_level", "best_level", "best_holders", "gap", "reason",
            "qualified", "tasks", "first_month", "last_month", "months", "days"]
    lacking = comp.lacking_competences(frames["requirements"], frames["assessments"], frames["competences"],
                                       thresholds)
    if not len(lacking):
        return pd.DataFrame(columns=cols, index=pd.Index([], name="competence_id"))
    best = comp.best_mobilisable_level(frames["assessments"], frames["competences"], thresholds)
    tasks = frames["tasks"]
    load = dict(zip(tasks["id"], pd.to_numeric(tasks["load_days"]).fillna(0.0)))
    months = _task_months(tasks)
    out = lacking.rename(columns={"name": "competence"}).copy()
    out["best_holders"] = [list(best["best_holders"].get(c, [])) for c in out.index]
    spans = [_months_of(t, months) for t in out["tasks"]]
    out["first_month"] = [s[0] if s else None for s in spans]
    out["last_month"] = [s[-1] if s else None for s in spans]
    out["months"] = [len(s) for s in spans]
    out["days"] = [float(sum(load.get(t, 0.0) for t in ts)) for ts in out["tasks"]]
    return out[cols]


# --- capacity gaps --------------------------------------------------------------------------

def capacity_gaps(frames: Frames, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The overloaded person-months: load above capacity (``workload.overloads``).

    Returns
    -------
    DataFrame person_id, person, month, load, capacity, overload (days), largest first.

    Example
    -------
    >>> from toolkit.demo import demo_records
    >>> frames = {k: pd.DataFrame(v) for k, v in demo_records().items()}
    >>> capacity_gaps(frames)["person_id"].iloc[0]
    'PER-02'
    """
    table = _load_table(frames) if table is None else table
    return workload.overloads(table)[["person_id", "person", "month", "load", "capacity", "overload"]]


def capacity_by_person(frames: Frames, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per person over the horizon: capacity, load, overload days and months, idle days.

    Returns
    -------
    DataFrame person_id, person, capacity, load, overload, overload_months, idle: sums over
    the months of the horizon (``idle`` counts the free days of the months not overloaded;
    an overload does not use up the free days of another month). Most overloaded first,
    then the most idle.
    """
    table = _load_table(frames) if table is None else table
    t = table.assign(overload=np.maximum(table["load"] - table["capacity"], 0.0),
                     idle=np.maximum(table["capacity"] - table["load"], 0.0))
    t["over_month"] = t["overload"] > _EPS
    g = t.groupby(["person_id", "person"], dropna=False).agg(
        capacity=("capacity", "sum"), load=("load", "sum"), overload=("overload", "sum"),
        overload_months=("over_month", "sum"), idle=("idle", "sum")).reset_index()
    g["overload_months"] = g["overload_months"].astype(int)
    return g.sort_values(["overload", "idle", "person_id"], ascending=[False, False, True]).reset_index(drop=True)


def team_capacity(frames: Frames, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per month, the whole team — the organisation's own people (affiliation « interne »):
    load against capacity.

    Returns
    -------
    DataFrame month, load, capacity, balance (capacity − load), overload (the team's
    excess, max(load − capacity, 0)), persons_over, person_overload (the sum of the
    individual overloads, which free days elsewhere do not absorb unless tasks move).
    """
    if table is None:  # from the frames alone: shared (the remedies, the scenarios)
        return memo.shared("gaps.team_capacity", frames, ("tasks", "raci", "persons", "project"),
                           lambda: _team_capacity(_own_people(frames, _load_table(frames))))
    return _team_capacity(_own_people(frames, table))


def _own_people(frames: Frames, table: pd.DataFrame) -> pd.DataFrame:
    """The load table's rows of the organisation's own people (issue 19: a partner's or a
    provider's days are not the team's capacity, nor their load its load)."""
    people = frames["persons"]
    return table[table["person_id"].isin(set(people.loc[workload.internal(people), "id"]))]


def _team_capacity(table: pd.DataFrame) -> pd.DataFrame:
    risk = workload.months_at_risk(table)
    out = risk[["month", "load", "capacity", "persons_over"]].copy()
    out["balance"] = out["capacity"] - out["load"]
    out["overload"] = np.maximum(out["load"] - out["capacity"], 0.0)
    out["person_overload"] = risk["overload"]
    return out[["month", "load", "capacity", "balance", "overload", "persons_over", "person_overload"]]


# --- remedies ------------------------------------------------------------------------------

def _row(target_kind: str, target_id: str, target: str, remedy: str, candidate_id: str | None,
         candidate: str | None, reason: str, cost_days: float | None, cost_euros: float | None) -> dict[str, Any]:
    return {"target_kind": target_kind, "target_id": target_id, "target": target, "remedy": remedy,
            "candidate_id": candidate_id, "candidate": candidate, "reason": reason,
            "cost_days": cost_days, "cost_euros": cost_euros, "recommended": False}


class _Idle:
    """The free days (capacity − load, never below 0) of each person and month of a load
    table, looked up by person and summed over months in the table's order (the sums are
    numpy's over the same values in the same order as a filter of the table would give)."""

    def __init__(self, table: pd.DataFrame) -> None:
        free = np.maximum(table["capacity"].to_numpy(dtype=float) - table["load"].to_numpy(dtype=float), 0.0)
        # numpy scalars, as a Series lookup gave them (numpy's round differs from Python's)
        self.cell: dict[tuple[str, str], np.float64] = dict(zip(zip(table["person_id"].tolist(),
                                                                    table["month"].tolist()), free))
        self._rows: dict[str, list[tuple[str, np.float64]]] | None = None

    def total(self, person_id: str, months: Iterable[str]) -> float:
        """Free days of ``person_id`` over ``months`` (what a filter of the table summed)."""
        if self._rows is None:
            self._rows = {}
            for (pid, month), value in self.cell.items():  # the table's order
                self._rows.setdefault(pid, []).append((month, value))
        wanted = set(months)
        values = [v for m, v in self._rows.get(person_id, ()) if m in wanted]
        return float(np.array(values, dtype=float).sum()) if values else 0.0


def _widening_actors(actors: pd.DataFrame) -> dict[str, list[tuple[Any, Any, Any]]]:
    """Competence id → the actors not mobilised who hold it (id, name, category), in the
    actors' order."""
    out: dict[str, list[tuple[Any, Any, Any]]] = {}
    for a in actors.itertuples():
        held = a.competences if isinstance(a.competences, (list, tuple, np.ndarray)) else []
        if bool(a.mobilised if pd.notna(a.mobilised) else False):
            continue
        for cid in dict.fromkeys(list(held)):
            out.setdefault(cid, []).append((a.id, a.name, a.category))
    return out


def _competence_remedies(frames: Frames, gap: pd.Series, cid: str, resolved: pd.DataFrame,
                         idle: _Idle, thresholds: comp.Thresholds, costs: CostParams,
                         persons: Mapping[str, str],
                         widening: Mapping[str, list[tuple[Any, Any, Any]]],
                         internal_ids: set[str] | frozenset[str]) -> list[dict[str, Any]]:
    """Remedies for one competence gap, in the order of ``REMEDY_ORDER``.

    ``resolved`` holds the resolved assessments of this competence (or more), ``idle``
    the free days of the load table, ``widening`` the not mobilised actors by competence
    held (``_widening_actors``), ``internal_ids`` the persons a remedy may name (the
    organisation's own, issue 19: a partner's agent is never handed an internal task; a
    partner organisation comes in through « élargissement »)."""
    level = int(gap["required_level"])
    name = gap["competence"]
    span = [m for m in model.months_between(gap["first_month"], gap["last_month"])] if gap["first_month"] else []
    rows: list[dict[str, Any]] = []
    R = L.GAP_REASONS
    target = ("competence", cid, name)
    mine = resolved[(resolved["competence_id"] == cid) & resolved["person_id"].isin(internal_ids)]
    qualified = mine[mine["savoir"] >= level]
    # Réaffectation: qualified and willing, rated short of time, yet the plan shows free days.
    for p in qualified[(qualified["vouloir"] >= thresholds.vouloir)].itertuples():
        free = idle.total(p.person_id, span)
        if free >= float(gap["days"]) - _EPS and free > _EPS:
            rows.append(_row(*target, V.REMEDY_REASSIGN, p.person_id, persons.get(p.person_id, p.person_id),
                             R["reassign_competence"].format(person=persons.get(p.person_id, p.person_id),
                                                             current=p.savoir, competence=name, vouloir=p.vouloir,
                                                             pouvoir=p.pouvoir, idle=F.days(free, long=True)),
                             0.0, 0.0))
    reassigned = {r["candidate_id"] for r in rows}
    # Montée en compétences: one level below, motivated, with some room to act.
    trainees = mine[(mine["savoir"] == level - 1) & (mine["vouloir"] >= thresholds.vouloir)
                    & (mine["pouvoir"] >= thresholds.pouvoir)]
    for p in trainees.sort_values(["vouloir", "pouvoir"], ascending=False).itertuples():
        days = costs.training_days_per_level
        rows.append(_row(*target, V.REMEDY_UPSKILL, p.person_id, persons.get(p.person_id, p.person_id),
                         R["training"].format(person=persons.get(p.person_id, p.person_id), current=p.savoir,
                                              competence=name, level=level, vouloir=p.vouloir,
                                              days=F.days(days, long=True)),
                         days, days * costs.training_day_cost))
    # Accompagnement: the level is there, the will or the room to act is not.
    for p in qualified.itertuples():
        if p.person_id in reassigned:
            continue
        if p.vouloir < thresholds.vouloir:
            why = R["coaching_vouloir"].format(vouloir=p.vouloir)
        elif p.pouvoir < thresholds.pouvoir:
            why = R["coaching_pouvoir"].format(pouvoir=p.pouvoir)
        else:
            continue
        days = costs.coaching_days
        rows.append(_row(*target, V.REMEDY_SUPPORT, p.person_id, persons.get(p.person_id, p.person_id),
                         R["coaching"].format(person=persons.get(p.person_id, p.person_id), current=p.savoir,
                                              competence=name, why=why, days=F.days(days, long=True)),
                         days, days * costs.expert_day_rate))
    # Élargissement du tour de table: an actor who brings it and is not mobilised.
    for a_id, a_name, a_category in widening.get(cid, []):
        rows.append(_row(*target, V.REMEDY_WIDEN, a_id, a_name,
                         R["widening"].format(actor=a_name, category=a_category, competence=name),
                         None, None))
    # Expertise externe or recrutement: buying the competence, for a short or a lasting need.
    days, n_months = float(gap["days"]), int(gap["months"])
    if days <= costs.expertise_max_days or n_months < costs.lasting_need_months:
        rows.append(_row(*target, V.REMEDY_EXPERTISE, None, None,
                         R["expertise"].format(days=F.days(days, long=True), months=n_months,
                                                rate=F.amount(costs.expert_day_rate)),
                         days, days * costs.expert_day_rate))
    else:
        rows.append(_row(*target, V.REMEDY_RECRUIT, None, None,
                         R["recruitment"].format(months=n_months, days=F.days(days, long=True),
                                                  monthly=F.amount(costs.recruit_monthly_cost)),
                         None, n_months * costs.recruit_monthly_cost))
    return rows


def _capacity_remedies(frames: Frames, table: pd.DataFrame, costs: CostParams,
                       thresholds: comp.Thresholds, persons: Mapping[str, str],
                       idle: _Idle | None = None, holders: pd.DataFrame | None = None,
                       team: pd.DataFrame | None = None) -> list[dict[str, Any]]:
    """Remedies for each overloaded person, then for the team when it is short overall.

    Everything a person's remedies look up (their R tasks, each task's requirements, who
    holds a competence at a level, anybody's free days) is grouped once into dicts."""
    rows: list[dict[str, Any]] = []
    over = workload.overloads(table)
    if not len(over):
        return rows
    R = L.GAP_REASONS
    tasks = frames["tasks"]
    task_load = dict(_columns(tasks, "id", "load_days"))
    task_name = dict(_columns(tasks, "id", "name"))
    months = _task_months(tasks)
    raci = frames["raci"]
    r_rows = raci[(raci["status"] == V.STATUS_VALIDATED) & (raci["letter"] == "R")]
    r_tasks: dict[str, set[str]] = {}
    n_r: dict[str, int] = {}
    for pid, tid in _columns(r_rows, "person_id", "task_id"):
        r_tasks.setdefault(pid, set()).add(tid)
        n_r[tid] = n_r.get(tid, 0) + 1
    req = frames["requirements"]
    needed: dict[str, list[tuple[Any, Any]]] = {}
    for tid, cid, level in _columns(req, "task_id", "competence_id", "level"):
        needed.setdefault(tid, []).append((cid, level))
    holders = comp.mobilisable_holders(frames["assessments"], thresholds) if holders is None else holders
    by_competence: dict[Any, list[tuple[Any, Any]]] = {}
    for cid, pid, savoir in _columns(holders, "competence_id", "person_id", "savoir"):
        by_competence.setdefault(cid, []).append((pid, savoir))
    free = (idle or _Idle(table)).cell
    people = frames["persons"]
    internal_ids = set(people.loc[workload.internal(people), "id"])
    everybody: set[str] | None = None  # anybody with free days, for a task with no requirement
    # Each overloaded person's months and overload days, persons in order of first row.
    by_person: dict[str, tuple[list[str], list[float]]] = {}
    for pid, month, excess in _columns(over, "person_id", "month", "overload"):
        entry = by_person.setdefault(pid, ([], []))
        entry[0].append(month)
        entry[1].append(excess)
    horizon = table["month"].nunique()
    for pid, (their_months, excess) in by_person.items():
        who = persons.get(pid, pid)
        over_months = set(their_months)
        target = ("capacity", pid, who)
        found = False
        for tid in sorted(r_tasks.get(pid, ())):
            if tid not in task_load or not over_months & set(months[tid]):
                continue
            share = float(task_load[tid]) / max(len(months[tid]), 1) / n_r[tid]
            able: set[str] | None = None
            for cid, level in needed.get(tid, ()):
                ok = {p for p, savoir in by_competence.get(cid, ()) if savoir >= level}
                able = ok if able is None else able & ok
            if able is None:  # no requirement: anybody with free days
                everybody = set(table["person_id"].tolist()) if everybody is None else everybody
                able = set(everybody)
            able.discard(pid)
            able &= internal_ids  # the organisation's work goes to its own people (issue 19)
            for other in sorted(able):
                spare = [free.get((other, m), 0.0) for m in months[tid]]
                if spare and min(spare) >= share - _EPS:
                    days = share * len(months[tid])
                    rows.append(_row(*target, V.REMEDY_REASSIGN, other, persons.get(other, other),
                                     R["reassign_load"].format(person=persons.get(other, other),
                                                               task=task_name[tid], days=F.days(days),
                                                               idle=F.days(sum(spare), long=True)),
                                     0.0, 0.0))
                    found = True
        if not found:
            days = float(np.array(excess, dtype=float).sum())  # numpy's sum, as the group's was
            if len(over_months) >= costs.lasting_overload_months:
                rows.append(_row(*target, V.REMEDY_RECRUIT, None, None,
                                 R["recruit_capacity"].format(months=len(over_months), horizon=horizon,
                                                              days=F.days(days, long=True),
                                                              monthly=F.amount(costs.recruit_monthly_cost)),
                                 None, len(over_months) * costs.recruit_monthly_cost))
            else:
                rows.append(_row(*target, V.REMEDY_EXPERTISE, None, None,
                                 R["expertise_capacity"].format(of_person=FR.de(who), days=F.days(days, long=True),
                                                                months=len(over_months),
                                                                rate=F.amount(costs.expert_day_rate)),
                                 days, days * costs.expert_day_rate))
    team = team_capacity(frames, table) if team is None else team
    short = team[team["overload"] > _EPS]
    if len(short) >= costs.lasting_overload_months:
        days = float(short["overload"].sum())
        rows.append(_row("capacity", V.GAP_TEAM_TARGET, L.GAP_TEAM, V.REMEDY_RECRUIT, None, None,
                         R["recruit_capacity"].format(months=len(short), horizon=len(team), days=F.days(days, long=True),
                                                      monthly=F.amount(costs.recruit_monthly_cost)),
                         None, len(short) * costs.recruit_monthly_cost))
    return rows


def remedies(frames: Frames, costs: CostParams | None = DEFAULT_COSTS,
             thresholds: comp.Thresholds | None = None, table: pd.DataFrame | None = None,
             lacking: pd.DataFrame | None = None) -> pd.DataFrame:
    """The remedies to each gap, with a French reason and a cost; one recommended per gap.

    For each competence gap (``competence_gaps``) and each overloaded person
    (``capacity_gaps``), every remedy that applies (see the module's table); the
    *recommended* one is the first applicable in ``REMEDY_ORDER`` (internal solutions
    before buying: réaffectation, montée en compétences, accompagnement, élargissement,
    expertise externe, recrutement).

    Parameters
    ----------
    frames : the workshop's frames.
    costs : unit costs (``CostParams``).
    thresholds : the mobilisable thresholds (``competences.Thresholds``).
    table, lacking : ``workload.load_table`` and ``competence_gaps`` already computed.

    Returns
    -------
    DataFrame target_kind (``competence`` or ``capacity``), target_id, target (name),
    remedy (a key of ``labels.REMEDY_KINDS``), candidate_id, candidate (person or actor,
    when the remedy names one), reason (French), cost_days, cost_euros (None when it
    cannot be estimated), recommended.

    Example
    -------
    >>> from toolkit.demo import demo_records
    >>> frames = {k: pd.DataFrame(v) for k, v in demo_records().items()}
    >>> r = remedies(frames)
    >>> r.loc[(r.target_id == "CMP-11") & (r.remedy == "élargissement"), "candidate_id"].tolist()
    ['ACT-25']
    """
    t = thresholds or comp.DEFAULT_THRESHOLDS
    costs = costs or DEFAULT_COSTS
    if table is None and lacking is None:  # from the frames alone: shared (remedy_cost, scenarios)
        return memo.shared("gaps.remedies", frames, _REMEDY_KINDS,
                           lambda: _remedies(frames, costs, t, None, None), costs, _key(t))
    return _remedies(frames, costs, t, table, lacking)


def _remedies(frames: Frames, costs: CostParams, t: comp.Thresholds | dict[str, int],
              table: pd.DataFrame | None, lacking: pd.DataFrame | None) -> pd.DataFrame:
    """``remedies`` itself (its memo aside)."""
    from_frames = table is None
    persons = model.names(frames, "persons")
    table = _load_table(frames) if table is None else table
    resolved = _resolved(frames)
    rows: list[dict[str, Any]] = []
    gaps = competence_gaps(frames, t) if lacking is None else lacking
    idle = _Idle(table)
    if len(gaps):
        widening = _widening_actors(frames["actors"])
        by_competence = {cid: group for cid, group in resolved.groupby("competence_id", sort=False)}
        empty = resolved.iloc[0:0]
        people = frames["persons"]
        internal_ids = frozenset(people.loc[workload.internal(people), "id"])
        for cid, gap in gaps.iterrows():
            rows += _competence_remedies(frames, gap, cid, by_competence.get(cid, empty), idle, t, costs,
                                         persons, widening, internal_ids)
    team = team_capacity(frames) if from_frames else None  # the same table, shared
    rows += _capacity_remedies(frames, table, costs, t, persons, idle, team=team)
    out = pd.DataFrame(rows, columns=REMEDY_COLUMNS)
    if not len(out):
        return out
    rank = out["remedy"].map({k: i for i, k in enumerate(REMEDY_ORDER)})
    out = out.assign(_rank=rank, _cost=out["cost_euros"].fillna(np.inf), _order=np.arange(len(out)))
    out = out.sort_values(["target_kind", "_order"], kind="stable")
    best = out.sort_values(["_rank", "_cost", "_order"], kind="stable").groupby(["target_kind", "target_id"]).head(1)
    out.loc[best.index, "recommended"] = True
    kinds = {"competence": 0, "capacity": 1}
    out = out.assign(_kind=out["target_kind"].map(kinds))
    out = out.sort_values(["_kind", "_order", "_rank"], kind="stable")
    return out.drop(columns=["_rank", "_cost", "_order", "_kind"]).reset_index(drop=True)


def remedy_cost(frames: Frames, costs: CostParams | None = DEFAULT_COSTS,
                thresholds: comp.Thresholds | None = None, table: pd.DataFrame | None = None,
                lacking: pd.DataFrame | None = None) -> float:
    """The euros of the recommended remedies (a remedy with no estimate counts 0)."""
    r = remedies(frames, costs, thresholds, table=table, lacking=lacking)
    if not len(r):
        return 0.0
    return float(r.loc[r["recommended"], "cost_euros"].fillna(0.0).sum())


# --- presentation ------------------------------------------------------------------------

def readable(df: pd.DataFrame, frames: Frames | None = None) -> pd.DataFrame:
    """``df`` with French headers, remedies and reasons in words, person ids as names.

    Lists (tasks, holders) are joined with commas. The input is not modified.
    """
    out = df.copy()
    persons = model.names(frames, "persons") if frames is not None else {}
    for col in ("best_holders", "qualified"):
        if col in out.columns:
            out[col] = out[col].map(lambda v: ", ".join(persons.get(p, p) for p in v)
                                    if isinstance(v, (list, tuple)) else v)
    if "tasks" in out.columns:
        out["tasks"] = out["tasks"].map(lambda v: ", ".join(v) if isinstance(v, (list, tuple)) else v)
    if "reason" in out.columns and "remedy" not in out.columns:
        out["reason"] = out["reason"].map(lambda v: L.COMPETENCE_REASONS.get(v, v))
    if "remedy" in out.columns:
        out["remedy"] = out["remedy"].map(lambda v: L.REMEDY_KINDS.get(v, v))
    if "target_kind" in out.columns:
        out["target_kind"] = out["target_kind"].map(lambda v: L.GAP_TARGETS.get(v, v))
    if "recommended" in out.columns:
        out["recommended"] = out["recommended"].map(lambda v: "oui" if v else "")
    index_name = out.index.name
    out = out.rename(columns=L.GAP_COLUMNS)
    if index_name in L.GAP_COLUMNS:
        out.index.name = L.GAP_COLUMNS[index_name]
    return out
