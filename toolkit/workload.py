"""Step 5 of the method: the plan de charge — days per person per month against capacity.

How a task's load becomes days per person per month (the rule, and its one parameter):

1. A task's ``load_days`` is spread **evenly over its months** (``start_month`` …
   ``end_month`` inclusive, ``model.months_between``).
2. The **R**'s share it equally: ``load_days`` is the work of *doing* the task.
3. The **A** (approbation, arbitrage, pilotage) is charged **in addition** a small share
   of it, ``a_share`` (10 % by default), split between the A's if there are several:
   approving takes time that the estimate of the work does not include. ``a_share=0``
   charges the R's only.
   Days entered per person on a task (``raci.days``) replace the equal split: an R or an
   A with entered days carries those; the R's without share what is left of the load.
4. A task without R: its load is **not attributed** (``person_id`` None) — work nobody
   does; the A still gets its share.
5. C and I carry no load: consultation and information are counted as meetings, not days.

Only validated RACI rows count (``status == "validée"``). Capacity is each person's
``capacity_days`` (days a month for the project). A person-month is **en surcharge** when
its load exceeds the capacity, **en sous-emploi** when it is under ``idle_below`` (half by
default) of the capacity. A month is **at risk** when at least one person is overloaded.

Everything is vectorised pandas: a workshop of 500 tasks × 1,000 persons × 12 months is
analysed in a few hundredths of a second (``bench/bench_raci.py``).

Notes
-----
The plan de charge is the method's step 5 (charge against capacity over the 6–12 months
horizon, the first six months in detail); the even spread is the usual first estimate of
a workload plan before tasks are scheduled finely (uniform loading).

Example
-------
>>> from toolkit.core.store import Store
>>> from toolkit.demo import build_demo
>>> s = Store("sqlite://"); build_demo(s)
>>> result = analyse(s.frames())
>>> "PER-02" in set(result["overloads"]["person_id"])
True
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd

from .core import labels as L
from .core import values as V
from .core import model
from . import memo
from .core.errors import MaillageError
from .raci import VALIDATED, count_letters, kind_frame, letter_rows

# The approver's extra time on a task, as a share of its load (reviews, decisions).
A_SHARE = 0.10
# A person-month under this fraction of the capacity is idle capacity (sous-emploi).
IDLE_BELOW = 0.5
# The first months shown one by one in the plan (the method: six months in detail).
DETAIL_MONTHS = 6
_EPS = 1e-9


def _fraction(value: Any, what: str) -> float:
    """A parameter between 0 and 1, or a French error naming it."""
    try:
        number = float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if not 0 <= number <= 1:
        raise MaillageError(L.WORKLOAD_ERRORS[what].format(value=value))
    return number


# --- months ---------------------------------------------------------------------------

def _month_index(months: pd.Series) -> np.ndarray:
    """``AAAA-MM`` → year × 12 + month − 1 (vectorised)."""
    text = months.astype(str)
    return text.str.slice(0, 4).astype(int).to_numpy() * 12 + text.str.slice(5, 7).astype(int).to_numpy() - 1


def _month_text(index: np.ndarray) -> np.ndarray:
    """Inverse of ``_month_index``; formats each distinct month once."""
    uniques, inverse = np.unique(index, return_inverse=True)
    text = np.array([f"{i // 12:04d}-{i % 12 + 1:02d}" for i in uniques], dtype=object)
    return text[inverse]


def horizon(frames: Mapping[str, pd.DataFrame]) -> list[str]:
    """The workshop's months: from the project's start over ``horizon_months``; without a
    project, from the first to the last month of the tasks.

    >>> horizon({"project": pd.DataFrame([{"start_date": "2026-09-01", "horizon_months": 3}])})
    ['2026-09', '2026-10', '2026-11']
    """
    project = frames.get("project")
    if project is not None and len(project) and pd.notna(project.iloc[0].get("start_date")):
        start = model.parse_month(project.iloc[0]["start_date"])
        n = int(project.iloc[0].get("horizon_months") or 12)
        return model.months_between(start, model.add_months(start, n - 1))
    tasks = kind_frame(frames, "tasks")
    if tasks.empty:
        return []
    return model.months_between(min(tasks["start_month"]), max(tasks["end_month"]))


# --- allocation -----------------------------------------------------------------------

def allocation(frames: Mapping[str, pd.DataFrame], a_share: float = A_SHARE,
               statuses: Iterable[str] = (VALIDATED,)) -> pd.DataFrame:
    """Days of each task per person and per month, by the module's rule.

    Parameters
    ----------
    frames : the workshop's DataFrames (``tasks`` and ``raci`` are used).
    a_share : the A's share of a task's load (0 ≤ a_share ≤ 1); 0 charges the R's only.
    statuses : the RACI rows that count.

    Returns
    -------
    DataFrame ``task_id, action_id, person_id, letter, month, days``; rows with
    ``person_id`` None are load nobody carries (task without R). Summed over a task, the
    R rows (or the unattributed rows) give its ``load_days``, the A rows ``a_share`` of it.

    Example
    -------
    >>> tasks = pd.DataFrame([{"id": "T1", "action_id": "N1", "load_days": 10.0,
    ...                        "start_month": "2026-09", "end_month": "2026-10"}])
    >>> raci = pd.DataFrame([{"id": "K1", "task_id": "T1", "person_id": "P1", "letter": "R",
    ...                       "status": "validée"},
    ...                      {"id": "K2", "task_id": "T1", "person_id": "P2", "letter": "A",
    ...                       "status": "validée"}])
    >>> a = allocation({"tasks": tasks, "raci": raci})
    >>> a.groupby("person_id")["days"].sum().round(2).to_dict()
    {'P1': 10.0, 'P2': 1.0}
    """
    a_share = _fraction(a_share, "share")
    statuses = tuple(statuses)
    return memo.shared("workload.allocation", frames, ("tasks", "raci"),
                       lambda: _allocation(frames, a_share, statuses), a_share, statuses)


def _allocation(frames: Mapping[str, pd.DataFrame], a_share: float, statuses: tuple[str, ...]) -> pd.DataFrame:
    """``allocation`` itself (its memo aside)."""
    cols = ["task_id", "action_id", "person_id", "letter", "month", "days"]
    tasks = kind_frame(frames, "tasks")
    if tasks.empty:
        return pd.DataFrame(columns=cols)
    t = pd.DataFrame({"task_id": tasks["id"].to_numpy(), "action_id": tasks["action_id"].to_numpy(),
                      "load": pd.to_numeric(tasks["load_days"]).fillna(0.0).to_numpy(dtype=float),
                      "start": _month_index(tasks["start_month"]), "end": _month_index(tasks["end_month"])})
    t["n"] = np.maximum(t["end"] - t["start"] + 1, 1)

    letters = letter_rows(frames, statuses)
    ra = letters.loc[letters["letter"].isin(["R", "A"]), ["task_id", "person_id", "letter"]].drop_duplicates()
    counts = count_letters(ra, t["task_id"])
    n_r, n_a = counts["R"].to_numpy(), counts["A"].to_numpy()
    load = t["load"].to_numpy()
    a_part = np.where(n_a > 0, load * a_share, 0.0)
    r_part = load
    per_r = pd.Series(np.where(n_r > 0, r_part / np.maximum(n_r, 1), 0.0), index=t["task_id"])
    per_a = pd.Series(np.where(n_a > 0, a_part / np.maximum(n_a, 1), 0.0), index=t["task_id"])

    shares = ra.copy()
    shares["total"] = np.where(shares["letter"] == "R", shares["task_id"].map(per_r), shares["task_id"].map(per_a))
    shares = _entered_days(frames, statuses, shares, t)
    orphans = t.loc[n_r == 0, ["task_id"]].assign(person_id=None, letter=None, total=r_part[n_r == 0])
    shares = pd.concat([shares, orphans], ignore_index=True)
    shares = shares.loc[shares["total"] > 0]
    shares = shares.merge(t[["task_id", "action_id", "start", "n"]], on="task_id", how="inner")

    # One row per month of the task: repeat each share n times, then offset the month.
    reps = shares["n"].to_numpy()
    out = shares.loc[shares.index.repeat(reps)].reset_index(drop=True)
    offset = np.arange(len(out)) - np.repeat(np.cumsum(reps) - reps, reps)
    out["month"] = _month_text(out["start"].to_numpy() + offset)
    out["days"] = out["total"] / out["n"]
    return out[cols]


def _entered_days(frames: Mapping[str, pd.DataFrame], statuses: Iterable[str], shares: pd.DataFrame,
                  t: pd.DataFrame) -> pd.DataFrame:
    """The shares with the days entered per person on a task (``raci.days``, issue 19) in
    place of the equal split: an R's or an A's entered days are theirs; the R's without
    entered days share what is left of the task's load (never below 0). Nothing entered:
    the shares are returned as they are (the equal split, unchanged)."""
    raci = kind_frame(frames, "raci")
    if "days" not in raci or not raci["days"].notna().any():
        return shares
    given = raci.loc[raci["status"].isin(list(statuses)) & raci["days"].notna() & raci["letter"].isin(["R", "A"]),
                     ["task_id", "person_id", "letter", "days"]]
    given = given.drop_duplicates(["task_id", "person_id", "letter"])
    out = shares.merge(given, on=["task_id", "person_id", "letter"], how="left")
    out["days"] = pd.to_numeric(out["days"]).astype(float)
    is_r, entered = out["letter"] == "R", out["days"].notna()
    r_entered = out.loc[is_r & entered].groupby("task_id")["days"].sum()
    r_free = out.loc[is_r & ~entered].groupby("task_id").size()
    load = pd.Series(t["load"].to_numpy(), index=t["task_id"])
    rest = (load.reindex(r_entered.index) - r_entered).clip(lower=0.0)
    per_free = (rest / r_free.reindex(rest.index)).dropna()
    touched = is_r & ~entered & out["task_id"].isin(per_free.index)
    out["total"] = out["total"].astype(float)
    if touched.any():
        out.loc[touched, "total"] = out.loc[touched, "task_id"].map(per_free).to_numpy(dtype=float)
    out.loc[entered, "total"] = out.loc[entered, "days"].to_numpy(dtype=float)
    return out.drop(columns="days")


def internal(persons: pd.DataFrame) -> pd.Series:
    """True for the persons who belong to the organisation (``affiliation`` « interne »,
    issue 19); a workshop without affiliations falls back on « Équipe projet »."""
    if "affiliation" in persons and persons["affiliation"].notna().any():
        return persons["affiliation"].fillna(V.AFFILIATION_INTERNAL).eq(V.AFFILIATION_INTERNAL).astype(bool)
    return persons["in_team"].fillna(False).astype(bool) if "in_team" in persons else \
        pd.Series(True, index=persons.index)


# --- load against capacity ------------------------------------------------------------

def load_table(frames: Mapping[str, pd.DataFrame], a_share: float = A_SHARE, idle_below: float = IDLE_BELOW,
               months: list[str] | None = None, alloc: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per person and per month of the horizon: load, capacity and situation.

    Parameters
    ----------
    frames : the workshop's DataFrames.
    a_share : see ``allocation``.
    idle_below : a month under this fraction of the capacity is ``sous-emploi``.
    months : the months to show (default: ``horizon(frames)``).
    alloc : an ``allocation`` already computed (to avoid computing it twice).

    Returns
    -------
    DataFrame ``person_id, person, month, load, capacity, balance, ratio, status``: one row
    per month for every person with a capacity or a load; ``balance`` = capacity − load,
    ``ratio`` = load / capacity (inf when the capacity is 0), ``status`` one of
    ``labels.WORKLOAD_STATUS`` (surcharge, sous-emploi, équilibré).
    """
    idle_below = _fraction(idle_below, "fraction")
    if alloc is None:  # everything from the frames: shared by every analysis of them
        key = (_fraction(a_share, "share"), idle_below, None if months is None else tuple(months))
        return memo.shared("workload.load_table", frames, ("tasks", "raci", "persons", "project"),
                           lambda: _load_table(frames, a_share, idle_below, months, None), *key)
    return _load_table(frames, a_share, idle_below, months, alloc)


def _load_table(frames: Mapping[str, pd.DataFrame], a_share: float, idle_below: float,
                months: list[str] | None, alloc: pd.DataFrame | None) -> pd.DataFrame:
    """``load_table`` itself (its memo aside)."""
    months = horizon(frames) if months is None else list(months)
    alloc = allocation(frames, a_share) if alloc is None else alloc
    persons = kind_frame(frames, "persons")
    capacity = pd.Series(pd.to_numeric(persons["capacity_days"]).fillna(0.0).to_numpy(dtype=float),
                         index=persons["id"])
    assigned = alloc.loc[alloc["person_id"].notna() & alloc["month"].isin(months)]
    load = assigned.groupby(["person_id", "month"])["days"].sum()
    who = sorted(set(capacity.index[capacity > 0]) | set(load.index.get_level_values(0)))
    grid = pd.MultiIndex.from_product([who, months], names=["person_id", "month"])
    df = load.reindex(grid, fill_value=0.0).rename("load").reset_index()
    df["person"] = df["person_id"].map(dict(zip(persons["id"], persons["name"])))
    df["capacity"] = df["person_id"].map(capacity).fillna(0.0)
    df["balance"] = df["capacity"] - df["load"]
    with np.errstate(divide="ignore", invalid="ignore"):
        df["ratio"] = np.where(df["capacity"] > 0, df["load"] / df["capacity"],
                               np.where(df["load"] > _EPS, np.inf, 0.0))
    status = np.select([df["load"] > df["capacity"] + _EPS, df["capacity"] <= 0,
                        df["load"] < idle_below * df["capacity"] - _EPS],
                       [L.WORKLOAD_STATUS["over"], L.WORKLOAD_STATUS["none"], L.WORKLOAD_STATUS["idle"]],
                       default=L.WORKLOAD_STATUS["ok"])
    df["status"] = status
    return df[["person_id", "person", "month", "load", "capacity", "balance", "ratio", "status"]]


def overloads(table: pd.DataFrame) -> pd.DataFrame:
    """The overloaded person-months of ``load_table``, largest overload first, with
    ``overload`` = load − capacity (days)."""
    over = table.loc[table["status"] == L.WORKLOAD_STATUS["over"]].copy()
    over["overload"] = over["load"] - over["capacity"]
    return over.sort_values(["overload", "person_id", "month"], ascending=[False, True, True]).reset_index(drop=True)


def idle_capacity(table: pd.DataFrame) -> pd.DataFrame:
    """Per person, the capacity left unused over the horizon.

    Returns
    -------
    DataFrame ``person_id, person, capacity, load, idle, idle_months``: capacity and load
    summed over the months, ``idle`` = the days of capacity not used (months of overload
    count 0, they do not compensate), ``idle_months`` the months of sous-emploi. Persons
    with idle days only, most idle first.
    """
    t = table.assign(idle=np.maximum(table["balance"], 0.0),
                     idle_month=table["status"] == L.WORKLOAD_STATUS["idle"])
    g = t.groupby(["person_id", "person"], dropna=False).agg(
        capacity=("capacity", "sum"), load=("load", "sum"), idle=("idle", "sum"),
        idle_months=("idle_month", "sum")).reset_index()
    g = g.loc[g["idle"] > _EPS]
    return g.sort_values(["idle", "person_id"], ascending=[False, True]).reset_index(drop=True)


def months_at_risk(table: pd.DataFrame) -> pd.DataFrame:
    """Per month of the horizon: total load and capacity, who is overloaded and by how much.

    Returns
    -------
    DataFrame ``month, load, capacity, persons_over, overload, names_over, at_risk``; a
    month is at risk when at least one person is overloaded in it.
    """
    t = table.assign(over=(table["status"] == L.WORKLOAD_STATUS["over"]),
                     excess=np.maximum(table["load"] - table["capacity"], 0.0))
    g = t.groupby("month").agg(load=("load", "sum"), capacity=("capacity", "sum"),
                               persons_over=("over", "sum"), overload=("excess", "sum"))
    names: dict[str, list[str]] = {}
    for month, person in zip(t.loc[t["over"], "month"], t.loc[t["over"], "person"]):
        names.setdefault(month, []).append(str(person))
    g["names_over"] = [", ".join(sorted(names.get(m, []))) for m in g.index]
    g["at_risk"] = g["persons_over"] > 0
    return g.reset_index()


def monthly_plan(table: pd.DataFrame, detail_months: int = DETAIL_MONTHS) -> pd.DataFrame:
    """The plan de charge as read in a workshop: persons × the first months in detail.

    Parameters
    ----------
    table : ``load_table``.
    detail_months : how many first months get their own column (six in the method).

    Returns
    -------
    DataFrame indexed by person id: ``person``, ``capacity`` (days a month), one column per
    detailed month (days), then the monthly average over the remaining months (column named
    by ``labels.WORKLOAD_COLUMNS["later"]``) when the horizon is longer.
    """
    if isinstance(detail_months, bool) or not isinstance(detail_months, int) or detail_months < 1:
        raise MaillageError(L.WORKLOAD_ERRORS["detail"].format(value=detail_months))
    months = sorted(table["month"].unique())
    detail, later = months[:detail_months], months[detail_months:]
    wide = table.pivot(index="person_id", columns="month", values="load")
    out = table.drop_duplicates("person_id").set_index("person_id")[["person", "capacity"]]
    out = out.join(wide[detail])
    if later:
        label = L.WORKLOAD_COLUMNS["later"].format(first=detail_months + 1, last=len(months))
        out[label] = wide[later].mean(axis=1)
    out.columns.name = None
    return out


def staffing(frames: Mapping[str, pd.DataFrame], alloc: pd.DataFrame | None = None,
             table: pd.DataFrame | None = None, a_share: float = A_SHARE) -> pd.DataFrame:
    """Per action, how much of its load has someone to do it.

    Parameters
    ----------
    frames : the workshop's DataFrames.
    alloc, table : ``allocation`` and ``load_table`` already computed (else computed).
    a_share : see ``allocation``.

    Returns
    -------
    DataFrame ``action_id, action, pilot, tasks, tasks_without_r, load_days, staffed_days,
    staffing_rate, days_at_risk``: ``staffed_days`` is the load of the tasks that have at
    least one R, ``staffing_rate`` = staffed_days / load_days (1 for an action without
    load), ``days_at_risk`` the action's days carried by persons in a month where they are
    overloaded. Least staffed first.
    """
    if table is None:  # from the frames alone when it can be: the table is shared (toolkit.memo)
        table = load_table(frames, a_share) if alloc is None else load_table(frames, a_share, alloc=alloc)
    alloc = allocation(frames, a_share) if alloc is None else alloc
    tasks = kind_frame(frames, "tasks")
    actions = kind_frame(frames, "actions")
    names = dict(zip(kind_frame(frames, "persons")["id"], kind_frame(frames, "persons")["name"]))
    letters = letter_rows(frames)
    with_r = set(letters.loc[letters["letter"] == "R", "task_id"])
    t = pd.DataFrame({"action_id": tasks["action_id"], "load": pd.to_numeric(tasks["load_days"]).fillna(0.0),
                      "no_r": ~tasks["id"].isin(with_r)})
    t["staffed"] = np.where(t["no_r"], 0.0, t["load"])
    g = t.groupby("action_id").agg(tasks=("load", "size"), tasks_without_r=("no_r", "sum"),
                                   load_days=("load", "sum"), staffed_days=("staffed", "sum"))
    over = table.loc[table["status"] == L.WORKLOAD_STATUS["over"], ["person_id", "month"]]
    risky = alloc.merge(over, on=["person_id", "month"], how="inner").groupby("action_id")["days"].sum()
    out = actions[["id", "name", "pilot_id"]].rename(columns={"id": "action_id", "name": "action"})
    out["pilot"] = out["pilot_id"].map(names)
    out = out.drop(columns="pilot_id").merge(g.reset_index(), on="action_id", how="inner")
    out["staffing_rate"] = np.where(out["load_days"] > 0, out["staffed_days"] / out["load_days"].where(
        out["load_days"] > 0, 1.0), 1.0)
    out["days_at_risk"] = out["action_id"].map(risky).fillna(0.0)
    out["tasks"] = out["tasks"].astype(int)
    return out.sort_values(["staffing_rate", "action_id"]).reset_index(drop=True)


def tasks_without_r(frames: Mapping[str, pd.DataFrame]) -> int:
    """How many tasks of the workshop's actions have no validated R: the sum of
    ``staffing``'s ``tasks_without_r``, without its load and risk columns (a scenario's
    indicator needs the count alone).

    >>> tasks = pd.DataFrame([{"id": "T1", "action_id": "N1"}, {"id": "T2", "action_id": "N1"}])
    >>> raci = pd.DataFrame([{"id": "K1", "task_id": "T1", "person_id": "P1", "letter": "R", "status": "validée"}])
    >>> tasks_without_r({"tasks": tasks, "raci": raci, "actions": pd.DataFrame({"id": ["N1"]})})
    1
    """
    tasks = kind_frame(frames, "tasks")
    letters = letter_rows(frames)
    with_r = set(letters.loc[letters["letter"] == "R", "task_id"])
    actions = set(kind_frame(frames, "actions")["id"])  # staffing counts the tasks of known actions
    return sum(1 for tid, aid in zip(tasks["id"].tolist(), tasks["action_id"].tolist())
               if aid in actions and tid not in with_r)


def analyse(frames: Mapping[str, pd.DataFrame], a_share: float = A_SHARE, idle_below: float = IDLE_BELOW,
            detail_months: int = DETAIL_MONTHS) -> dict[str, Any]:
    """The whole plan de charge in one call (each piece computed once).

    Returns
    -------
    dict with ``months`` (the horizon), ``allocation``, ``table`` (``load_table``),
    ``plan`` (``monthly_plan``), ``overloads``, ``idle``, ``months_at_risk``, ``staffing``.
    """
    months = horizon(frames)
    alloc = allocation(frames, a_share)
    table = load_table(frames, a_share, idle_below)  # the horizon's months, shared with the gap analysis
    return {
        "months": months,
        "allocation": alloc,
        "table": table,
        "plan": monthly_plan(table, detail_months),
        "overloads": overloads(table),
        "idle": idle_capacity(table),
        "months_at_risk": months_at_risk(table),
        "staffing": staffing(frames, alloc=alloc, table=table),
    }


def readable(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` ready to read: French headings (``labels.WORKLOAD_COLUMNS``), rates as
    percentages, yes/no in words, a missing pilot said so. For display and export."""
    out = df.copy()
    for col in ("ratio", "staffing_rate"):
        if col in out:
            out[col] = [L.WORKLOAD_PERCENT.format(value=100 * v) if np.isfinite(v) else "—" for v in out[col]]
    if "at_risk" in out:
        out["at_risk"] = out["at_risk"].map(L.WORKLOAD_YES_NO)
    if "pilot" in out:
        out["pilot"] = out["pilot"].where(out["pilot"].notna(), L.WORKLOAD_PICTURES["no_pilot"])
    if out.index.name in L.WORKLOAD_COLUMNS:
        out.index.name = L.WORKLOAD_COLUMNS[out.index.name]
    return out.rename(columns={k: v for k, v in L.WORKLOAD_COLUMNS.items() if k in out.columns})
