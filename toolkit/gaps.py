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
étalement                   an overloaded person (or team) has free days in other months
                            of the same tasks' windows: spread the work there first
réaffectation               someone with idle capacity and the competence (a qualified,
                            willing person whose pouvoir is rated low but whose plan shows
                            free days; an overloaded person's task taken over by someone
                            mobilisable at the required level with free days)
montée en compétences       a motivated person one level below the required level
accompagnement              qualified people exist but lack vouloir (motivation) or
                            pouvoir (time, mandate): accompaniment, mission letter
élargissement               an actor who has the competence (``actors.competences``) and
                            is not mobilised yet
absorption                  what is left of an overload is under the minimum purchase
                            (``min_purchase_days``, ``min_purchase_euros``): nothing bought
expertise externe           a short, specialised need (few days over few months), or a
                            lasting one under ``min_recruit_fte`` of a post
recrutement                 a lasting need of at least ``min_recruit_fte`` of a post, costed
                            at its share of a post (ETP) over its months
==========================  ==============================================================

A remedy names the organisation's own people only (affiliation « interne ») unless
``CostParams.allow_external``; then its own people come first. Each remedy has, besides its
detailed ``reason``, a short one (``why``: « étaler : 12 j vers 12 j libres en mars–avril »,
« recrutement : 0,8 ETP manquant sur 9 mois »).

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

import functools
import math
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
# Days as written (« 2,5 j », « 3 jours »), memoised: babel's number formatting is most of
# the remedies' time on a large workshop, and the same task shares recur in every scenario.
_days = functools.lru_cache(maxsize=8192)(F.days)


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
    fte_days_per_month : the days a full-time post (one ETP) works in a month, leave
        deducted (18: about 1 607 hours a year).
    min_recruit_fte : no recruitment for less than this share of a post over the months
        of the need (0.5 ETP): below it, the need is bought as days of external help.
    min_purchase_days, min_purchase_euros : no external help is bought for less than this
        many days or this many euros (2 days, 1 500 €): below either, what is left of an
        overload is marginal, to be absorbed by the organisation.
    allow_external : False (default) — a remedy never hands the organisation's work to a
        partner's or a provider's person (affiliation « partenaire », « prestataire »,
        issue 19); True — it may, after the organisation's own people (the carnet's input:
        1 or 0).

    Costs are written as a consultant writes an estimate (``formats.estimate``: to the
    50 € under 10 000 €, to the 100 € above); days to the tenth.
    """

    expert_day_rate: float = 900.0
    training_days_per_level: float = 5.0
    training_day_cost: float = 450.0
    coaching_days: float = 3.0
    recruit_monthly_cost: float = 4500.0
    expertise_max_days: float = 30.0
    lasting_need_months: int = 6
    lasting_overload_months: int = 3
    fte_days_per_month: float = 18.0
    min_recruit_fte: float = 0.5
    min_purchase_days: float = 2.0
    min_purchase_euros: float = 1500.0
    allow_external: bool = False


DEFAULT_COSTS = CostParams()
REMEDY_ORDER: tuple[str, ...] = tuple(L.REMEDY_KINDS)
REMEDY_COLUMNS = ["target_kind", "target_id", "target", "remedy", "candidate_id", "candidate", "reason",
                  "cost_days", "cost_euros", "recommended", "why"]


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
         candidate: str | None, reason: str, cost_days: float | None, cost_euros: float | None,
         why: str = "") -> dict[str, Any]:
    """One remedy; its days to the tenth and its euros as an estimate is written."""
    return {"target_kind": target_kind, "target_id": target_id, "target": target, "remedy": remedy,
            "candidate_id": candidate_id, "candidate": candidate, "reason": reason,
            "cost_days": None if cost_days is None else round(float(cost_days), 1),
            "cost_euros": F.estimate(cost_euros) if cost_euros else cost_euros, "recommended": False, "why": why}


def _fte(days: float, months: int, costs: CostParams) -> float:
    """The share of a post ``days`` over ``months`` take, to the tenth as it is written
    (0.73 → 0.7; at least 0.1): the thresholds are compared with what the reason says."""
    raw = days / max(months, 1) / max(costs.fte_days_per_month, _EPS)
    return max(math.floor(raw * 10 + 0.5 + 1e-9) / 10, 0.1)


def _buy(target: tuple[str, str, str], days: float, months: list[str], horizon: int, of_whom: str,
         costs: CostParams) -> dict[str, Any]:
    """What is left of an overload once spread and reassigned (``days`` over ``months``):
    a recruitment when it lasts and makes at least ``min_recruit_fte`` of a post, external
    help when it is above the minimum purchase, else a marginal overload to absorb."""
    R, W = L.GAP_REASONS, L.GAP_WHY
    n = len(months)
    fte = _fte(days, n, costs)
    fte_text, min_fte = F.number(fte), F.number(costs.min_recruit_fte)
    lasting = n >= costs.lasting_overload_months
    if lasting and fte >= costs.min_recruit_fte - _EPS:
        return _row(*target, V.REMEDY_RECRUIT, None, None,
                    R["recruit_capacity"].format(of_whom=of_whom, months=n, horizon=horizon,
                                                 days=_days(days, long=True), fte=fte_text,
                                                 monthly=F.amount(costs.recruit_monthly_cost)),
                    None, fte * n * costs.recruit_monthly_cost,
                    W["recruitment"].format(fte=fte_text, months=n))
    euros = days * costs.expert_day_rate
    if days >= costs.min_purchase_days - _EPS and euros >= costs.min_purchase_euros - _EPS:
        why = (W["expertise_capacity_small"].format(fte=fte_text, months=n, min_fte=min_fte) if lasting
               else W["expertise_capacity"].format(days=_days(days), months=F.month_runs(months)))
        return _row(*target, V.REMEDY_EXPERTISE, None, None,
                    R["expertise_capacity"].format(of_whom=of_whom, days=_days(days, long=True), months=n,
                                                   rate=F.amount(costs.expert_day_rate)),
                    days, euros, why)
    return _row(*target, V.REMEDY_ABSORB, None, None,
                R["absorb"].format(of_whom=of_whom, days=_days(days, long=True), months=n,
                                   min_days=_days(costs.min_purchase_days, long=True),
                                   min_euros=F.amount(costs.min_purchase_euros)),
                0.0, 0.0, W["absorb"].format(days=_days(days), months=F.month_runs(months)))


@functools.lru_cache(maxsize=4096)
def _free(days: float) -> tuple[str, str]:
    """Free days agreed by count, short and long: « 1 j libre », « 3,5 jours libres » (the
    number written once: a large workshop's remedies write thousands of them)."""
    number, plural = F.number(days), F.is_plural(days)
    return tuple(f"{number}{F.NBSP}{L.GAP_FREE_DAYS[form][plural]}" for form in ("short", "long"))  # type: ignore[return-value]


def _month_number(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7])


def _spread(over: Mapping[str, float], free: Mapping[str, float], carried: Mapping[str, Mapping[str, float]],
            windows: Mapping[str, list[str]]) -> tuple[float, dict[str, float], dict[str, float]]:
    """Move an overload to free days within each task's window (« étaler dans le temps »).

    ``over`` is the overload by month, ``free`` the free days by month (of a person or of
    the team), ``carried`` the days carried of each task by month, ``windows`` each task's
    months. Month by month, the days of the tasks carried that month go to the nearest
    months of the same task's window with free days. Returns the days moved, the free days
    used by month, and the overload left by month."""
    left = {m: float(v) for m, v in over.items()}
    room = {m: float(v) for m, v in free.items() if v > _EPS}
    used: dict[str, float] = {}
    moved = 0.0
    for m in sorted(left):
        for tid in sorted(carried):
            if left[m] <= _EPS:
                break
            movable = min(left[m], float(carried[tid].get(m, 0.0)))
            if movable <= _EPS:
                continue
            targets = sorted((x for x in windows.get(tid, ()) if room.get(x, 0.0) > _EPS and x not in left),
                             key=lambda x: (abs(_month_number(x) - _month_number(m)), x))
            for x in targets:
                step = min(movable, room[x])
                room[x] -= step
                used[x] = used.get(x, 0.0) + step
                left[m] -= step
                movable -= step
                moved += step
                if movable <= _EPS:
                    break
    return moved, used, left


def _spread_row(target: tuple[str, str, str], over: Mapping[str, float], free: Mapping[str, float],
                moved: float, used: Mapping[str, float], of_whom: str) -> dict[str, Any]:
    """The « étalement » remedy: ``moved`` days of ``over`` into the free days ``used``."""
    R, W = L.GAP_REASONS, L.GAP_WHY
    total = float(sum(over.values()))
    into = sorted(used)
    free_there = float(sum(free.get(m, 0.0) for m in into))
    free_short, free_long = _free(free_there)
    months, over_months = F.month_runs(into), F.month_runs(over)
    if moved >= total - 1e-6:
        return _row(*target, V.REMEDY_SPREAD, None, None,
                    R["spread"].format(days=_days(moved, long=True), of_whom=of_whom, over=over_months,
                                       free=free_long, months=months),
                    0.0, 0.0, W["spread"].format(days=_days(moved), free=free_short, months=months))
    return _row(*target, V.REMEDY_SPREAD, None, None,
                R["spread_partial"].format(days=_days(moved, long=True), total=_days(total, long=True),
                                           of_whom=of_whom, over=over_months, months=months,
                                           left=_days(total - moved, long=True)),
                0.0, 0.0, W["spread_partial"].format(days=_days(moved), total=_days(total), months=months))


def _carried(alloc: pd.DataFrame, who: set[str] | None) -> dict[str, dict[str, dict[str, float]]]:
    """Person → task → month → days carried (``workload.allocation``), for ``who`` (None:
    everybody's rows summed under the key ``""``)."""
    rows = alloc[alloc["person_id"].isin(who)] if who is not None else alloc[alloc["person_id"].notna()]
    out: dict[str, dict[str, dict[str, float]]] = {}
    for pid, tid, month, days in _columns(rows, "person_id", "task_id", "month", "days"):
        cell = out.setdefault(pid if who is not None else "", {}).setdefault(tid, {})
        cell[month] = cell.get(month, 0.0) + float(days)
    return out


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
    R, W = L.GAP_REASONS, L.GAP_WHY
    target = ("competence", cid, name)
    if costs.allow_external:  # the organisation's own people first, then the others
        mine = resolved[resolved["competence_id"] == cid]
        mine = mine.assign(_outside=~mine["person_id"].isin(internal_ids)).sort_values("_outside", kind="stable")
    else:
        mine = resolved[(resolved["competence_id"] == cid) & resolved["person_id"].isin(internal_ids)]
    qualified = mine[mine["savoir"] >= level]
    # Réaffectation: qualified and willing, rated short of time, yet the plan shows free days.
    for p in qualified[(qualified["vouloir"] >= thresholds.vouloir)].itertuples():
        free = idle.total(p.person_id, span)
        if free >= float(gap["days"]) - _EPS and free > _EPS:
            who = persons.get(p.person_id, p.person_id)
            free_short, free_long = _free(free)
            rows.append(_row(*target, V.REMEDY_REASSIGN, p.person_id, who,
                             R["reassign_competence"].format(person=who, current=p.savoir, competence=name,
                                                             vouloir=p.vouloir, pouvoir=p.pouvoir,
                                                             idle=free_long),
                             0.0, 0.0, W["reassign_competence"].format(person=who, idle=free_short)))
    reassigned = {r["candidate_id"] for r in rows}
    # Montée en compétences: one level below, motivated, with some room to act.
    trainees = mine[(mine["savoir"] == level - 1) & (mine["vouloir"] >= thresholds.vouloir)
                    & (mine["pouvoir"] >= thresholds.pouvoir)]
    for p in trainees.sort_values(["vouloir", "pouvoir"], ascending=False).itertuples():
        days = costs.training_days_per_level
        who = persons.get(p.person_id, p.person_id)
        rows.append(_row(*target, V.REMEDY_UPSKILL, p.person_id, who,
                         R["training"].format(person=who, current=p.savoir, competence=name, level=level,
                                              vouloir=p.vouloir, days=_days(days, long=True)),
                         days, days * costs.training_day_cost, W["training"].format(person=who, vouloir=p.vouloir)))
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
        who = persons.get(p.person_id, p.person_id)
        rows.append(_row(*target, V.REMEDY_SUPPORT, p.person_id, who,
                         R["coaching"].format(person=who, current=p.savoir, competence=name, why=why,
                                              days=_days(days, long=True)),
                         days, days * costs.expert_day_rate, W["coaching"].format(person=who, why=why)))
    # Élargissement du tour de table: an actor who brings it and is not mobilised.
    for a_id, a_name, a_category in widening.get(cid, []):
        rows.append(_row(*target, V.REMEDY_WIDEN, a_id, a_name,
                         R["widening"].format(actor=a_name, category=a_category, competence=name),
                         None, None, W["widening"].format(actor=a_name)))
    # Expertise externe or recrutement: buying the competence, for a short or a lasting need;
    # no recruitment for less than ``min_recruit_fte`` of a post.
    days, n_months = float(gap["days"]), int(gap["months"])
    fte = _fte(days, n_months, costs)
    lasting = days > costs.expertise_max_days and n_months >= costs.lasting_need_months
    if lasting and fte >= costs.min_recruit_fte - _EPS:
        rows.append(_row(*target, V.REMEDY_RECRUIT, None, None,
                         R["recruitment"].format(months=n_months, days=_days(days, long=True), fte=F.number(fte),
                                                  monthly=F.amount(costs.recruit_monthly_cost)),
                         None, fte * n_months * costs.recruit_monthly_cost,
                         W["recruitment"].format(fte=F.number(fte), months=n_months)))
    else:
        # ponctuel: a few months; limité: many months but few days; else under half a post
        kind = ("expertise_lasting" if lasting else "expertise" if n_months < costs.lasting_need_months
                else "expertise_small")
        why = (W["expertise_small"].format(fte=F.number(fte), months=n_months, min_fte=F.number(costs.min_recruit_fte))
               if lasting else W["expertise" if kind == "expertise" else "expertise_limited"].format(
                   days=_days(days), months=n_months))
        reason = R[kind].format(
            days=_days(days, long=True), months=n_months, rate=F.amount(costs.expert_day_rate),
            min_fte=F.number(costs.min_recruit_fte))
        rows.append(_row(*target, V.REMEDY_EXPERTISE, None, None, reason, days, days * costs.expert_day_rate, why))
    return rows


def _capacity_remedies(frames: Frames, table: pd.DataFrame, costs: CostParams,
                       thresholds: comp.Thresholds, persons: Mapping[str, str],
                       idle: _Idle | None = None, holders: pd.DataFrame | None = None,
                       team: pd.DataFrame | None = None) -> list[dict[str, Any]]:
    """Remedies for each overloaded person, then for the team when it is short overall.

    For a person, in the order a consultant tries them: spread her own work over the
    months of the same tasks where she has free days (« étalement »); have an able person
    with free days take over one of her tasks (« réaffectation »: the organisation's own
    people, others only with ``costs.allow_external``, after them); then for what is left,
    a recruitment when it lasts and makes ``min_recruit_fte`` of a post, external help
    above the minimum purchase, else a marginal overload to absorb. The rows that make up
    the plan (spreading, the first taker of each task while some overload is left, the
    purchase of the rest) are marked ``recommended``; the other takers are alternatives.

    Everything a person's remedies look up (their R tasks, each task's requirements, who
    holds a competence at a level, anybody's free days) is grouped once into dicts."""
    rows: list[dict[str, Any]] = []
    over = workload.overloads(table)
    if not len(over):
        return rows
    R, W = L.GAP_REASONS, L.GAP_WHY
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
    all_months = list(dict.fromkeys(table["month"].tolist()))
    horizon = len(all_months)
    alloc = workload.allocation(frames)
    carried = _carried(alloc, set(by_person))
    for pid, (their_months, excess) in by_person.items():
        who = persons.get(pid, pid)
        of_whom = FR.de(who)
        over_months = set(their_months)
        target = ("capacity", pid, who)
        # 1. Étaler: her own work moved to her free months, within each task's window.
        overload = {m: float(e) for m, e in zip(their_months, excess)}
        her_free = {m: float(free.get((pid, m), 0.0)) for m in all_months if m not in over_months}
        moved, used, left = _spread(overload, her_free, carried.get(pid, {}), months)
        if moved > 0.05:  # less than a twentieth of a day is no remedy worth writing
            rows.append({**_spread_row(target, overload, her_free, moved, used, of_whom), "recommended": True})
        else:
            left = overload
        # 2. Réaffecter: a task of hers taken over by an able person with free days.
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
            if not costs.allow_external:
                able &= internal_ids  # the organisation's work goes to its own people (issue 19)
            first = True
            days_text = ""  # the same for every taker, written once
            for other in sorted(able, key=lambda o: (o not in internal_ids, o)):
                spare = [free.get((other, m), 0.0) for m in months[tid]]
                if spare and min(spare) >= share - _EPS:
                    days_text = days_text or _days(share * len(months[tid]))
                    name = persons.get(other, other)
                    idle_short, idle_long = _free(sum(spare))
                    row = _row(*target, V.REMEDY_REASSIGN, other, name,
                               R["reassign_load"].format(person=name, task=task_name[tid], days=days_text,
                                                         idle=idle_long),
                               0.0, 0.0, W["reassign_load"].format(task=task_name[tid], person=name, idle=idle_short))
                    if first:  # the plan's taker of this task, if it relieves what is left
                        hers = carried.get(pid, {}).get(tid, {})
                        relief = {m: min(float(hers.get(m, share)), left[m]) for m in months[tid] if m in left}
                        if sum(relief.values()) > 0.05:
                            row["recommended"] = True
                            for m, days_off in relief.items():
                                left[m] -= days_off
                    first = False
                    rows.append(row)
        # 3. What is left: recruit, buy or absorb.
        rest_months = [m for m in sorted(left) if left[m] > _EPS]
        if rest_months:
            rest = float(np.array([left[m] for m in rest_months], dtype=float).sum())
            rows.append({**_buy(target, rest, rest_months, horizon, of_whom, costs), "recommended": True})
    team = team_capacity(frames, table) if team is None else team
    short = team[team["overload"] > _EPS]
    if len(short) >= costs.lasting_overload_months:
        target = ("capacity", V.GAP_TEAM_TARGET, L.GAP_TEAM)
        of_team = FR.de(L.GAP_TEAM_IN_SENTENCE)
        overload = dict(zip(short["month"].tolist(), short["overload"].astype(float).tolist()))
        team_free = {m: float(b) for m, b in _columns(team, "month", "balance") if m not in overload and b > _EPS}
        own = alloc[alloc["person_id"].isin(internal_ids)]
        moved, used, left = _spread(overload, team_free, _carried(own, None).get("", {}), months)
        if moved > 0.05:
            rows.append({**_spread_row(target, overload, team_free, moved, used, of_team), "recommended": True})
        rest_months = [m for m in sorted(left) if left[m] > _EPS]
        if rest_months:
            rest = float(sum(left[m] for m in rest_months))
            rows.append({**_buy(target, rest, rest_months, len(team), of_team, costs), "recommended": True})
    return rows


def remedies(frames: Frames, costs: CostParams | None = DEFAULT_COSTS,
             thresholds: comp.Thresholds | None = None, table: pd.DataFrame | None = None,
             lacking: pd.DataFrame | None = None) -> pd.DataFrame:
    """The remedies to each gap, with a French reason and a cost; one recommended per gap.

    For each competence gap (``competence_gaps``) and each overloaded person
    (``capacity_gaps``), every remedy that applies (see the module's table). For a
    competence gap the *recommended* one is the first applicable in ``REMEDY_ORDER``
    (internal solutions before buying: réaffectation, montée en compétences,
    accompagnement, élargissement, expertise externe, recrutement). For an overload the
    recommended rows are a plan (``_capacity_remedies``): spread, then the takers of tasks
    while some overload is left, then recruit, buy or absorb what remains.

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
    when the remedy names one), reason (French), cost_days (to the tenth), cost_euros (an
    estimate, ``formats.estimate``; None when it cannot be estimated), recommended, why
    (the reason in a few words, French).

    Example
    -------
    >>> from toolkit.demo import demo_records
    >>> frames = {k: pd.DataFrame(v) for k, v in demo_records().items()}
    >>> r = remedies(frames)
    >>> r.loc[(r.target_id == "CMP-11") & (r.remedy == V.REMEDY_WIDEN), "candidate_id"].tolist()
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
    if costs.allow_external:  # a partner's or a provider's person comes after the organisation's
        people = frames["persons"]  # own solutions and the table's widening, before buying
        outside = set(people.loc[~workload.internal(people), "id"])
        rank = rank.where(~out["candidate_id"].isin(outside), REMEDY_ORDER.index(V.REMEDY_WIDEN) + 0.5)
    out = out.assign(_rank=rank, _cost=out["cost_euros"].fillna(np.inf), _order=np.arange(len(out)))
    out = out.sort_values(["target_kind", "_order"], kind="stable")
    # A competence gap gets the first applicable remedy; a capacity gap's plan (spreading,
    # takers, the purchase of the rest) is marked by ``_capacity_remedies``.
    ranked = out[out["target_kind"] == "competence"]
    best = ranked.sort_values(["_rank", "_cost", "_order"], kind="stable").groupby(["target_kind", "target_id"]).head(1)
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
