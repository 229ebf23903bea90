"""Step 3 — the competence and motivation review (Le Boterf's savoir, vouloir, pouvoir agir).

Guy Le Boterf describes acting competently as the meeting of three conditions: *savoir
agir* (the person knows how: knowledge, know-how), *vouloir agir* (the person wants to:
motivation, meaning, recognition) and *pouvoir agir* (the context lets them: time,
mandate, legitimacy, means). A competence someone knows but does not want to exercise, or
has no time for, cannot be counted on by the project. Each dimension is rated 0–4 on the
scales of ``labels.SCALES``.

This module is the one home of these concepts; the other steps (stakeholder mapping, gap
analysis, staffing) call it rather than re-deriving them:

- :func:`resolve_assessments` — which assessment counts for a person and a competence
  (the consultant's when there is one, else the self-assessment; both stay in the store);
- :class:`Thresholds` and :func:`is_mobilisable` — a competence is *mobilisable* for a
  person when savoir, vouloir and pouvoir all reach their thresholds (default 2 each:
  « pratique », « intéressé », « partiel »);
- :func:`mobilisable_holders`, :func:`best_mobilisable_level`, :func:`requirement_status`
  and :func:`lacking_competences` — who can be counted on, at what level, and which
  competences required by the tasks nobody mobilisable covers;
- the consultant's review: :func:`matrix`, :func:`coverage`,
  :func:`single_points_of_failure`, :func:`training_candidates`,
  :func:`reluctant_experts`, :func:`self_vs_consultant`, :func:`team_profile`,
  :func:`team_matrix`, :func:`person_profile`, :func:`self_assessment_progress`.

Every function takes plain DataFrames (as ``Store.frame`` returns them) and returns
DataFrames; nothing here draws, prints or writes, except :func:`export_review`, which
writes the review tables to a workbook for the carnet. Column names are English
identifiers; :func:`readable` gives the French headers and names for a person.

Reference: G. Le Boterf, *Construire les compétences individuelles et collectives*,
Eyrolles (7e éd. 2015) — « savoir agir, vouloir agir, pouvoir agir ».

Example
-------
>>> import pandas as pd
>>> a = pd.DataFrame([
...     {"person_id": "P1", "competence_id": "C1", "savoir": 3, "vouloir": 3, "pouvoir": 2, "source": "auto-évaluation"},
...     {"person_id": "P1", "competence_id": "C1", "savoir": 3, "vouloir": 1, "pouvoir": 2, "source": "consultant"},
...     {"person_id": "P2", "competence_id": "C1", "savoir": 2, "vouloir": 2, "pouvoir": 2, "source": "auto-évaluation"},
... ])
>>> resolve_assessments(a)[["person_id", "vouloir", "source"]].values.tolist()
[['P1', 1, 'consultant'], ['P2', 2, 'auto-évaluation']]
>>> mobilisable_holders(a)["person_id"].tolist()
['P2']
"""
from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

import numpy as np
import pandas as pd

from .core import labels as L
from . import memo
from .core.errors import MaillageError

DIMENSIONS: tuple[str, ...] = ("savoir", "vouloir", "pouvoir")
SOURCE_SELF, SOURCE_CONSULTANT = L.ASSESSMENT_SOURCES
SCALE_MAX = 4
F = TypeVar("F", bound=Callable[..., Any])
# Savoir at or above this level is « maîtrise » (3) or « référent » (4): an expert.
EXPERT_LEVEL = 3
# Vouloir at or below this level is « pas du tout » (0) or « peu » (1): unwilling.
UNWILLING_LEVEL = 1

_ASSESSMENT_COLUMNS = ("person_id", "competence_id", *DIMENSIONS, "source")
_RESOLVED_COLUMNS = ["person_id", "competence_id", *DIMENSIONS, "source", "comment", "assessment_id"]


# --- Thresholds --------------------------------------------------------------------

@dataclass(frozen=True)
class Thresholds:
    """Minimum level on each dimension for a competence to be *mobilisable*.

    The defaults (2, 2, 2) read as: the person practises it (« pratique »), is interested
    (« intéressé ») and has at least part of the time and mandate (« partiel »). Raise
    ``pouvoir`` to 3 to count only people who are « disponible ».

    Parameters
    ----------
    savoir, vouloir, pouvoir : int between 0 and 4.

    Example
    -------
    >>> Thresholds(pouvoir=3).pouvoir
    3
    """

    savoir: int = 2
    vouloir: int = 2
    pouvoir: int = 2

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or not 0 <= value <= SCALE_MAX:
                raise MaillageError(L.COMPETENCE_MESSAGES["bad_threshold"].format(
                    dimension=L.DIMENSIONS[f.name], value=value, max=SCALE_MAX))

    def as_dict(self) -> dict[str, int]:
        return {d: int(getattr(self, d)) for d in DIMENSIONS}


DEFAULT_THRESHOLDS = Thresholds()


def as_thresholds(value: Thresholds | dict[str, int] | None) -> Thresholds:
    """``Thresholds`` from a ``Thresholds``, a dict or None (the defaults).

    >>> as_thresholds({"pouvoir": 3}) == Thresholds(pouvoir=3)
    True
    """
    return _thresholds(value)


def _thresholds(value: Thresholds | dict[str, int] | None) -> Thresholds:
    if value is None:
        return DEFAULT_THRESHOLDS
    if isinstance(value, Thresholds):
        return value
    return Thresholds(**dict(value))


def _shared(*tables: str) -> Callable[[F], F]:
    """Decorator: the function's result kept per equal input tables (``toolkit.memo``), so
    that the carnet, the deliverable's review sheets and the gap analysis compute each
    review table once. The other arguments are part of the key (thresholds normalised);
    an argument that cannot be a key (a list, a dict of levels) skips the memo."""
    def wrap(fn: F) -> F:
        signature = inspect.signature(fn)

        @functools.wraps(fn)
        def shared(*args: Any, **kwargs: Any) -> Any:
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            given = {name: bound.arguments[name] for name in tables}
            key: list[Any] = []
            for name, value in bound.arguments.items():
                if name in tables:
                    continue
                if name == "thresholds" and (value is None or isinstance(value, (Thresholds, dict))):
                    value = _thresholds(value)
                key.append((name, value))
            try:
                hash(tuple(key))
            except TypeError:
                return fn(*args, **kwargs)
            if any(v is not None and not isinstance(v, pd.DataFrame) for v in given.values()):
                return fn(*args, **kwargs)  # let the function refuse it in French
            return memo.shared(f"competences.{fn.__name__}", given, tables, lambda: fn(*args, **kwargs), *key)
        return shared  # type: ignore[return-value]
    return wrap


# --- Input checks ------------------------------------------------------------------

def _require(df: pd.DataFrame, columns: Iterable[str], table: str) -> None:
    """Refuse a table that lacks columns, naming them in French."""
    if not isinstance(df, pd.DataFrame):
        raise MaillageError(L.COMPETENCE_MESSAGES["not_a_table"].format(table=table))
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise MaillageError(L.COMPETENCE_MESSAGES["missing_columns"].format(
            table=table, columns=", ".join(missing), expected=", ".join(columns)))


def _check_dimension(dimension: str, allowed: Iterable[str]) -> None:
    allowed = tuple(allowed)
    if dimension not in allowed:
        raise MaillageError(L.COMPETENCE_MESSAGES["bad_dimension"].format(
            value=dimension, expected=", ".join(allowed)))


# --- Which assessment counts -------------------------------------------------------

def resolve_assessments(assessments: pd.DataFrame, prefer: str = SOURCE_CONSULTANT) -> pd.DataFrame:
    """One assessment per (person, competence): the one the analyses use.

    The consultant's assessment, when there is one, is the reading the project relies
    on; otherwise the person's self-assessment. Both remain in the store (see
    :func:`self_vs_consultant` for the difference). If a pair has several assessments
    of the same source, the most recently updated one counts (``updated_at`` when the
    table has it, else the last row).

    Parameters
    ----------
    assessments : the assessments table (``Store.frame("assessments")``): person_id,
        competence_id, savoir, vouloir, pouvoir, source (comment, id, updated_at optional).
        An already resolved table is returned unchanged.
    prefer : the source that wins when both exist: ``"consultant"`` (default) or
        ``"auto-évaluation"`` (to read the participants' own view).

    Returns
    -------
    DataFrame with person_id, competence_id, savoir, vouloir, pouvoir (int), source,
    comment, assessment_id, sorted by person then competence.

    Example
    -------
    >>> a = pd.DataFrame([{"person_id": "P1", "competence_id": "C1", "savoir": 1, "vouloir": 4,
    ...                    "pouvoir": 2, "source": "auto-évaluation"}])
    >>> resolve_assessments(a)["savoir"].tolist()
    [1]
    """
    _require(assessments, _ASSESSMENT_COLUMNS, L.KIND_LABELS["assessments"])
    if prefer not in L.ASSESSMENT_SOURCES:
        raise MaillageError(L.COMPETENCE_MESSAGES["bad_source"].format(
            value=prefer, expected=", ".join(L.ASSESSMENT_SOURCES)))
    # A carnet and the gap analysis resolve the same assessments a dozen times.
    return memo.shared("resolve_assessments", {"assessments": assessments}, ("assessments",),
                       lambda: _resolve(assessments, prefer), prefer)


def _resolve(assessments: pd.DataFrame, prefer: str) -> pd.DataFrame:
    """``resolve_assessments`` itself (its memo aside)."""
    df = assessments.copy()
    if "assessment_id" not in df.columns:
        df["assessment_id"] = df["id"] if "id" in df.columns else None
    if "comment" not in df.columns:
        df["comment"] = None
    # Rank: the preferred source last, so that keep="last" picks it; then the newest.
    df["_rank"] = (df["source"] == prefer).astype(int)
    df["_order"] = np.arange(len(df))
    keys = ["_rank", "updated_at", "_order"] if "updated_at" in df.columns else ["_rank", "_order"]
    df = df.sort_values(keys, kind="stable")
    df = df.drop_duplicates(["person_id", "competence_id"], keep="last")
    df = df[_RESOLVED_COLUMNS].sort_values(["person_id", "competence_id"], ignore_index=True)
    for d in DIMENSIONS:
        df[d] = pd.to_numeric(df[d]).astype(int)
    return df


def is_mobilisable(assessments: pd.DataFrame, thresholds: Thresholds | dict[str, int] | None = None) -> pd.Series:
    """True where savoir, vouloir and pouvoir all reach their thresholds (row by row).

    Le Boterf: a competence is put to work only when the person knows how, wants to and
    can; the weakest of the three limits the other two.

    Parameters
    ----------
    assessments : rows with savoir, vouloir, pouvoir (resolved or not: row by row).
    thresholds : :class:`Thresholds` or a dict; default 2 on each dimension.

    Returns
    -------
    Boolean Series aligned on ``assessments``.

    Example
    -------
    >>> is_mobilisable(pd.DataFrame({"savoir": [3, 3], "vouloir": [2, 1], "pouvoir": [2, 4]})).tolist()
    [True, False]
    """
    t = _thresholds(thresholds)
    _require(assessments, DIMENSIONS, L.KIND_LABELS["assessments"])
    ok = pd.Series(True, index=assessments.index)
    for d in DIMENSIONS:
        ok &= pd.to_numeric(assessments[d]) >= getattr(t, d)
    return ok


def _resolved(assessments: pd.DataFrame, thresholds: Thresholds | dict[str, int] | None = None,
              persons: pd.DataFrame | None = None, team_only: bool = False) -> pd.DataFrame:
    """Resolved assessments with a ``mobilisable`` column, restricted to the team if asked."""
    df = resolve_assessments(assessments)
    if team_only:
        if persons is None:
            raise MaillageError(L.COMPETENCE_MESSAGES["team_needs_persons"])
        _require(persons, ("id", "in_team"), L.KIND_LABELS["persons"])
        team = set(persons.loc[persons["in_team"].fillna(False).astype(bool), "id"])
        df = df[df["person_id"].isin(team)].reset_index(drop=True)
    df["mobilisable"] = is_mobilisable(df, thresholds)
    return df


# --- Functions the other steps rely on ----------------------------------------------

@_shared("assessments", "persons")
def mobilisable_holders(assessments: pd.DataFrame, thresholds: Thresholds | dict[str, int] | None = None,
                        persons: pd.DataFrame | None = None, team_only: bool = False,
                        min_level: int | None = None) -> pd.DataFrame:
    """The (competence, person) pairs the project can count on.

    Parameters
    ----------
    assessments : the assessments table (raw or resolved; see :func:`resolve_assessments`).
    thresholds : minimum savoir, vouloir and pouvoir (default 2 each).
    persons : the persons table; needed with ``team_only``.
    team_only : keep only members of the project team (``persons.in_team``); by default
        everybody in the workshop counts, partners included.
    min_level : also require savoir ≥ this level (e.g. the level a task requires).

    Returns
    -------
    DataFrame competence_id, person_id, savoir, vouloir, pouvoir, source — sorted by
    competence, then best savoir first.

    Example
    -------
    >>> a = pd.DataFrame([{"person_id": "P1", "competence_id": "C1", "savoir": 4, "vouloir": 3,
    ...                    "pouvoir": 3, "source": "auto-évaluation"}])
    >>> mobilisable_holders(a, min_level=4)["person_id"].tolist()
    ['P1']
    """
    df = _resolved(assessments, thresholds, persons, team_only)
    df = df[df["mobilisable"]]
    if min_level is not None:
        df = df[df["savoir"] >= min_level]
    cols = ["competence_id", "person_id", *DIMENSIONS, "source"]
    return df.sort_values(["competence_id", "savoir", "person_id"], ascending=[True, False, True],
                          ignore_index=True)[cols]


@_shared("assessments", "competences", "persons")
def best_mobilisable_level(assessments: pd.DataFrame, competences: pd.DataFrame | None = None,
                           thresholds: Thresholds | dict[str, int] | None = None,
                           persons: pd.DataFrame | None = None, team_only: bool = False) -> pd.DataFrame:
    """For each competence, the best savoir among its mobilisable holders.

    This is the level the project can actually rely on (Le Boterf: knowing is not enough
    without wanting and being able to); the gap analysis compares it with the levels the
    tasks require.

    Parameters
    ----------
    assessments : the assessments table.
    competences : the competences table; when given, every competence has a row (level 0
        and no holder when nobody is mobilisable).
    thresholds, persons, team_only : as in :func:`mobilisable_holders`.

    Returns
    -------
    DataFrame indexed by competence_id: best_level (int, 0 when nobody), holders (number
    of mobilisable holders), best_holders (list of the person ids at the best level).

    Example
    -------
    >>> a = pd.DataFrame([
    ...     {"person_id": "P1", "competence_id": "C1", "savoir": 4, "vouloir": 1, "pouvoir": 3, "source": "consultant"},
    ...     {"person_id": "P2", "competence_id": "C1", "savoir": 2, "vouloir": 3, "pouvoir": 3, "source": "consultant"}])
    >>> int(best_mobilisable_level(a).loc["C1", "best_level"])
    2
    """
    holders = mobilisable_holders(assessments, thresholds, persons, team_only)
    index = pd.Index(_competence_ids(competences, holders), name="competence_id")
    out = pd.DataFrame(index=index)
    if len(holders):
        grouped = holders.groupby("competence_id")
        best = grouped["savoir"].max()
        count = grouped["person_id"].nunique()
        top = holders[holders["savoir"] == holders["competence_id"].map(best)]
        names = top.groupby("competence_id")["person_id"].agg(lambda s: sorted(s))
    else:
        best = count = names = pd.Series(dtype=object)
    out["best_level"] = pd.Series(best, dtype="float").reindex(index).fillna(0).astype(int)
    out["holders"] = pd.Series(count, dtype="float").reindex(index).fillna(0).astype(int)
    out["best_holders"] = [list(names.get(c, [])) for c in index]
    return out


@_shared("requirements", "assessments", "persons")
def requirement_status(requirements: pd.DataFrame, assessments: pd.DataFrame,
                       thresholds: Thresholds | dict[str, int] | None = None,
                       persons: pd.DataFrame | None = None, team_only: bool = False) -> pd.DataFrame:
    """Each requirement of a task, with the best mobilisable level and whether it is met.

    Parameters
    ----------
    requirements : the requirements table: task_id, competence_id, level (1–4).
    assessments, thresholds, persons, team_only : as in :func:`mobilisable_holders`.

    Returns
    -------
    The requirements (id if present, task_id, competence_id, level) plus best_level and
    met (best_level ≥ level).

    Example
    -------
    >>> r = pd.DataFrame([{"task_id": "T1", "competence_id": "C1", "level": 3}])
    >>> a = pd.DataFrame([{"person_id": "P1", "competence_id": "C1", "savoir": 3, "vouloir": 2,
    ...                    "pouvoir": 2, "source": "auto-évaluation"}])
    >>> bool(requirement_status(r, a).loc[0, "met"])
    True
    """
    _require(requirements, ("task_id", "competence_id", "level"), L.KIND_LABELS["requirements"])
    best = best_mobilisable_level(assessments, None, thresholds, persons, team_only)["best_level"]
    cols = [c for c in ("id", "task_id", "competence_id", "level") if c in requirements.columns]
    out = requirements[cols].copy().reset_index(drop=True)
    out["level"] = pd.to_numeric(out["level"]).astype(int)
    out["best_level"] = out["competence_id"].map(best).fillna(0).astype(int)
    out["met"] = out["best_level"] >= out["level"]
    return out


@_shared("requirements", "assessments", "competences", "persons")
def lacking_competences(requirements: pd.DataFrame, assessments: pd.DataFrame,
                        competences: pd.DataFrame | None = None,
                        thresholds: Thresholds | dict[str, int] | None = None,
                        persons: pd.DataFrame | None = None, team_only: bool = False) -> pd.DataFrame:
    """The competences the project lacks: required by a task at level L, nobody mobilisable at ≥ L.

    For each lacking competence the *reason* says which of Le Boterf's conditions fails
    for the people who do know it at the required level (the "qualified"):

    - ``no_level`` — nobody has savoir ≥ L: train someone, hire, or widen the table;
    - ``unwilling`` — qualified people exist but none reaches the vouloir threshold:
      a matter of motivation (accompagnement au changement), not of training;
    - ``unavailable`` — some qualified people are willing but none reaches the pouvoir
      threshold: free up time or give a mandate.

    Parameters
    ----------
    requirements : task_id, competence_id, level.
    assessments : the assessments table.
    competences : when given, adds name and family.
    thresholds, persons, team_only : as in :func:`mobilisable_holders`.

    Returns
    -------
    DataFrame indexed by competence_id (its index is the set of lacking competences):
    [name, family,] required_level (the highest unmet level), best_level, gap, reason,
    qualified (person ids with savoir ≥ required_level), tasks (ids of the tasks whose
    requirement is unmet), n_tasks. Sorted by gap then id.

    Example
    -------
    >>> r = pd.DataFrame([{"task_id": "T1", "competence_id": "C1", "level": 3}])
    >>> a = pd.DataFrame([{"person_id": "P1", "competence_id": "C1", "savoir": 4, "vouloir": 0,
    ...                    "pouvoir": 3, "source": "consultant"}])
    >>> lacking_competences(r, a).loc["C1", "reason"]
    'unwilling'
    """
    t = _thresholds(thresholds)
    status = requirement_status(requirements, assessments, t, persons, team_only)
    unmet = status[~status["met"]]
    resolved = _resolved(assessments, t, persons, team_only)
    columns = ["required_level", "best_level", "gap", "reason", "qualified", "tasks", "n_tasks"]
    rows = []
    for cid, group in unmet.groupby("competence_id", sort=True):
        level = int(group["level"].max())
        best = int(group["best_level"].iloc[0])
        qualified = resolved[(resolved["competence_id"] == cid) & (resolved["savoir"] >= level)]
        if qualified.empty:
            reason = "no_level"
        elif (qualified["vouloir"] < t.vouloir).all():
            reason = "unwilling"
        else:
            reason = "unavailable"
        tasks = sorted(set(group["task_id"]))
        rows.append({"competence_id": cid, "required_level": level, "best_level": best, "gap": level - best,
                     "reason": reason, "qualified": sorted(qualified["person_id"]), "tasks": tasks,
                     "n_tasks": len(tasks)})
    out = pd.DataFrame(rows, columns=["competence_id", *columns]).set_index("competence_id")
    out = out.sort_values(["gap", "n_tasks"], ascending=False, kind="stable")
    return _with_names(out, competences)


# --- The consultant's review --------------------------------------------------------

@_shared("assessments", "persons", "competences")
def matrix(assessments: pd.DataFrame, dimension: str = "savoir", persons: pd.DataFrame | None = None,
           competences: pd.DataFrame | None = None,
           thresholds: Thresholds | dict[str, int] | None = None) -> pd.DataFrame:
    """The person × competence matrix of one dimension, or combined.

    Parameters
    ----------
    assessments : the assessments table (resolved inside).
    dimension : ``"savoir"``, ``"vouloir"``, ``"pouvoir"``; ``"combined"`` — the lowest of
        the three, since the weakest condition limits acting (Le Boterf); or
        ``"mobilisable"`` — 1 where the three thresholds are met, else 0.
    persons, competences : when given, rows and columns follow them (every person and
        every competence, competences ordered by family then id); otherwise only the
        assessed ones.
    thresholds : used by ``"mobilisable"``.

    Returns
    -------
    DataFrame indexed by person_id, columns competence_id, float values (NaN where the
    person did not assess the competence).

    Example
    -------
    >>> a = pd.DataFrame([{"person_id": "P1", "competence_id": "C1", "savoir": 3, "vouloir": 1,
    ...                    "pouvoir": 2, "source": "auto-évaluation"}])
    >>> float(matrix(a, "combined").loc["P1", "C1"])
    1.0
    """
    _check_dimension(dimension, (*DIMENSIONS, "combined", "mobilisable"))
    df = _resolved(assessments, thresholds)
    if dimension == "combined":
        df["value"] = df[list(DIMENSIONS)].min(axis=1)
    elif dimension == "mobilisable":
        df["value"] = df["mobilisable"].astype(int)
    else:
        df["value"] = df[dimension]
    m = df.pivot(index="person_id", columns="competence_id", values="value").astype(float)
    rows = list(persons["id"]) if persons is not None and "id" in persons else list(m.index)
    cols = _competence_ids(competences, df)
    m = m.reindex(index=rows, columns=cols)
    m.index.name, m.columns.name = "person_id", "competence_id"
    return m


@_shared("assessments", "competences", "persons")
def coverage(assessments: pd.DataFrame, competences: pd.DataFrame | None = None,
             thresholds: Thresholds | dict[str, int] | None = None,
             persons: pd.DataFrame | None = None, team_only: bool = False,
             expert_level: int = EXPERT_LEVEL) -> pd.DataFrame:
    """Per competence: how many people can be counted on, and how many know it.

    Parameters
    ----------
    assessments : the assessments table.
    competences : when given, every competence has a row (with name and family), the
        unassessed ones included.
    thresholds : the mobilisable thresholds.
    persons, team_only : as in :func:`mobilisable_holders`.
    expert_level : savoir from which a person counts as an expert (default 3, « maîtrise »).

    Returns
    -------
    DataFrame indexed by competence_id: [name, family,] assessed (people who rated it),
    holders (number of mobilisable holders: the coverage), experts (savoir ≥
    expert_level, motivated or not), best_level (best savoir among the mobilisable),
    savoir/vouloir/pouvoir (means over the assessed), status: ``uncovered`` (nobody
    mobilisable), ``single`` (exactly one) or ``covered``.

    Example
    -------
    >>> a = pd.DataFrame([{"person_id": "P1", "competence_id": "C1", "savoir": 3, "vouloir": 3,
    ...                    "pouvoir": 3, "source": "auto-évaluation"}])
    >>> coverage(a).loc["C1", "status"]
    'single'
    """
    df = _resolved(assessments, thresholds, persons, team_only)
    index = pd.Index(_competence_ids(competences, df), name="competence_id")
    g = df.groupby("competence_id")
    out = pd.DataFrame(index=index)
    out["assessed"] = g["person_id"].nunique().reindex(index).fillna(0).astype(int)
    out["holders"] = df[df["mobilisable"]].groupby("competence_id")["person_id"].nunique() \
        .reindex(index).fillna(0).astype(int)
    out["experts"] = df[df["savoir"] >= expert_level].groupby("competence_id")["person_id"].nunique() \
        .reindex(index).fillna(0).astype(int)
    out["best_level"] = df[df["mobilisable"]].groupby("competence_id")["savoir"].max() \
        .reindex(index).fillna(0).astype(int)
    for d in DIMENSIONS:
        out[d] = g[d].mean().reindex(index).round(2)
    out["status"] = np.select([out["holders"] == 0, out["holders"] == 1], ["uncovered", "single"], "covered")
    return _with_names(out, competences)


@_shared("assessments", "competences", "persons")
def single_points_of_failure(assessments: pd.DataFrame, competences: pd.DataFrame | None = None,
                             thresholds: Thresholds | dict[str, int] | None = None,
                             held: str = "mobilisable", expert_level: int = EXPERT_LEVEL,
                             persons: pd.DataFrame | None = None, team_only: bool = False) -> pd.DataFrame:
    """Competences held by exactly one person: if they leave, nobody is left.

    What "held" means is a choice, stated by ``held``:

    - ``"mobilisable"`` (default) — the person knows, wants and can (the three
      thresholds): the project depends on that one person to act;
    - ``"expert"`` — savoir ≥ ``expert_level`` whatever the motivation: only one person
      knows the subject well (knowledge at risk, even if somebody else could act).

    Parameters
    ----------
    assessments, competences, thresholds, persons, team_only : as in :func:`coverage`.
    held : ``"mobilisable"`` or ``"expert"``.
    expert_level : used when ``held="expert"``.

    Returns
    -------
    DataFrame indexed by competence_id: [name, family,] holder_id, savoir, vouloir,
    pouvoir (the holder's levels). Sorted by competence id.

    Example
    -------
    >>> a = pd.DataFrame([
    ...     {"person_id": "P1", "competence_id": "C1", "savoir": 3, "vouloir": 3, "pouvoir": 3, "source": "consultant"},
    ...     {"person_id": "P2", "competence_id": "C1", "savoir": 3, "vouloir": 0, "pouvoir": 3, "source": "consultant"}])
    >>> single_points_of_failure(a)["holder_id"].tolist(), len(single_points_of_failure(a, held="expert"))
    (['P1'], 0)
    """
    _check_dimension(held, ("mobilisable", "expert"))
    df = _resolved(assessments, thresholds, persons, team_only)
    holding = df[df["mobilisable"]] if held == "mobilisable" else df[df["savoir"] >= expert_level]
    counts = holding.groupby("competence_id")["person_id"].nunique()
    single = holding[holding["competence_id"].isin(counts[counts == 1].index)]
    out = single.rename(columns={"person_id": "holder_id"}).set_index("competence_id")[
        ["holder_id", *DIMENSIONS]].sort_index()
    return _with_names(out, competences)


@_shared("assessments")
def training_candidates(assessments: pd.DataFrame, min_margin: int = 1) -> pd.DataFrame:
    """People whose motivation exceeds their level: candidates for training (montée en compétences).

    Le Boterf: *vouloir agir* without *savoir agir* is the best ground for training —
    the person wants to, the project teaches.

    Parameters
    ----------
    assessments : the assessments table.
    min_margin : keep pairs where vouloir − savoir ≥ this (default 1: vouloir > savoir).

    Returns
    -------
    DataFrame person_id, competence_id, savoir, vouloir, pouvoir, margin, source; the
    largest margin first.

    Example
    -------
    >>> a = pd.DataFrame([{"person_id": "P1", "competence_id": "C1", "savoir": 1, "vouloir": 4,
    ...                    "pouvoir": 2, "source": "auto-évaluation"}])
    >>> training_candidates(a)["margin"].tolist()
    [3]
    """
    df = resolve_assessments(assessments)
    df["margin"] = df["vouloir"] - df["savoir"]
    df = df[df["margin"] >= min_margin]
    return df.sort_values(["margin", "person_id", "competence_id"], ascending=[False, True, True],
                          ignore_index=True)[["person_id", "competence_id", *DIMENSIONS, "margin", "source"]]


@_shared("assessments")
def reluctant_experts(assessments: pd.DataFrame, expert_level: int = EXPERT_LEVEL,
                      max_vouloir: int = UNWILLING_LEVEL) -> pd.DataFrame:
    """Experts who do not want to act: savoir ≥ ``expert_level`` and vouloir ≤ ``max_vouloir``.

    The reverse of :func:`training_candidates`: the knowledge is there, the will is not
    (Le Boterf's *vouloir agir*); training will not help, recognition, meaning or a
    change of role might.

    Parameters
    ----------
    assessments : the assessments table.
    expert_level : default 3 (« maîtrise »).
    max_vouloir : default 1 (« peu »).

    Returns
    -------
    DataFrame person_id, competence_id, savoir, vouloir, pouvoir, source, comment;
    sorted by competence then person.

    Example
    -------
    >>> a = pd.DataFrame([{"person_id": "P1", "competence_id": "C1", "savoir": 4, "vouloir": 0,
    ...                    "pouvoir": 1, "source": "consultant"}])
    >>> reluctant_experts(a)["person_id"].tolist()
    ['P1']
    """
    df = resolve_assessments(assessments)
    df = df[(df["savoir"] >= expert_level) & (df["vouloir"] <= max_vouloir)]
    return df.sort_values(["competence_id", "person_id"], ignore_index=True)[
        ["person_id", "competence_id", *DIMENSIONS, "source", "comment"]]


@_shared("assessments")
def self_vs_consultant(assessments: pd.DataFrame) -> pd.DataFrame:
    """The gap between a person's self-assessment and the consultant's, where both exist.

    Both readings are kept; the gap tells where the person over- or under-rates
    themselves (or where the context, *pouvoir agir*, is seen differently).

    Parameters
    ----------
    assessments : the raw assessments table (both sources).

    Returns
    -------
    DataFrame person_id, competence_id, then for each dimension ``<d>_self``,
    ``<d>_consultant`` and ``<d>_gap`` (consultant − self), then total_gap (sum of the
    absolute gaps) and the consultant's comment; the largest total gap first.

    Example
    -------
    >>> a = pd.DataFrame([
    ...     {"person_id": "P1", "competence_id": "C1", "savoir": 3, "vouloir": 3, "pouvoir": 2, "source": "auto-évaluation"},
    ...     {"person_id": "P1", "competence_id": "C1", "savoir": 2, "vouloir": 3, "pouvoir": 0, "source": "consultant"}])
    >>> self_vs_consultant(a)[["savoir_gap", "pouvoir_gap", "total_gap"]].values.tolist()
    [[-1, -2, 3]]
    """
    own = resolve_assessments(assessments[assessments["source"] == SOURCE_SELF]) \
        if "source" in assessments else resolve_assessments(assessments)
    theirs = resolve_assessments(assessments[assessments["source"] == SOURCE_CONSULTANT])
    both = own.merge(theirs, on=["person_id", "competence_id"], suffixes=("_self", "_consultant"))
    cols = ["person_id", "competence_id"]
    for d in DIMENSIONS:
        both[f"{d}_gap"] = both[f"{d}_consultant"] - both[f"{d}_self"]
        cols += [f"{d}_self", f"{d}_consultant", f"{d}_gap"]
    both["total_gap"] = both[[f"{d}_gap" for d in DIMENSIONS]].abs().sum(axis=1).astype(int)
    both["comment"] = both["comment_consultant"]
    return both.sort_values(["total_gap", "person_id", "competence_id"], ascending=[False, True, True],
                            ignore_index=True)[[*cols, "total_gap", "comment"]]


@_shared("assessments", "persons")
def team_profile(assessments: pd.DataFrame, persons: pd.DataFrame,
                 thresholds: Thresholds | dict[str, int] | None = None, by: str = "organisation") -> pd.DataFrame:
    """The profile of each organisation (or any column of persons): what it brings to the project.

    Parameters
    ----------
    assessments : the assessments table.
    persons : the persons table (id, capacity_days and the ``by`` column).
    thresholds : the mobilisable thresholds.
    by : the persons column to group by (default ``organisation``; ``role`` works too).

    Returns
    -------
    DataFrame indexed by the ``by`` values: persons, assessed (persons with at least one
    assessment), capacity_days (sum of the days per month given to the project),
    savoir/vouloir/pouvoir (means over their assessments), mobilisable_pairs,
    mobilisable_competences (distinct competences they can be counted on for).
    Sorted by mobilisable competences, then capacity.

    Example
    -------
    >>> p = pd.DataFrame([{"id": "P1", "organisation": "Commune", "capacity_days": 4.0}])
    >>> a = pd.DataFrame([{"person_id": "P1", "competence_id": "C1", "savoir": 3, "vouloir": 3,
    ...                    "pouvoir": 3, "source": "auto-évaluation"}])
    >>> int(team_profile(a, p).loc["Commune", "mobilisable_competences"])
    1
    """
    _require(persons, ("id", by, "capacity_days"), L.KIND_LABELS["persons"])
    df = _resolved(assessments, thresholds).merge(
        persons[["id", by]].rename(columns={"id": "person_id"}), on="person_id", how="inner")
    groups = persons.groupby(by, sort=True)
    out = pd.DataFrame({"persons": groups["id"].nunique(),
                        "capacity_days": groups["capacity_days"].sum().astype(float)})
    out.index.name = by
    g = df.groupby(by)
    out.insert(1, "assessed", g["person_id"].nunique().reindex(out.index).fillna(0).astype(int))
    for d in DIMENSIONS:
        out[d] = g[d].mean().reindex(out.index).round(2)
    mob = df[df["mobilisable"]].groupby(by)
    out["mobilisable_pairs"] = mob.size().reindex(out.index).fillna(0).astype(int)
    out["mobilisable_competences"] = mob["competence_id"].nunique().reindex(out.index).fillna(0).astype(int)
    return out.sort_values(["mobilisable_competences", "capacity_days"], ascending=False, kind="stable")


@_shared("assessments", "persons", "competences")
def team_matrix(assessments: pd.DataFrame, persons: pd.DataFrame, competences: pd.DataFrame,
                dimension: str = "savoir", by: str = "organisation", only_mobilisable: bool = False,
                thresholds: Thresholds | dict[str, int] | None = None) -> pd.DataFrame:
    """Organisation × competence family: the best level each organisation brings.

    Parameters
    ----------
    assessments, persons, competences : the workshop's tables.
    dimension : ``savoir``, ``vouloir``, ``pouvoir`` or ``combined`` (lowest of the three).
    by : the persons column for the rows (default ``organisation``).
    only_mobilisable : count only mobilisable pairs.
    thresholds : used with ``only_mobilisable``.

    Returns
    -------
    DataFrame indexed by the ``by`` values, one column per family, the maximum level
    (NaN where nobody of the organisation assessed a competence of the family).

    Example
    -------
    >>> p = pd.DataFrame([{"id": "P1", "organisation": "Commune"}])
    >>> c = pd.DataFrame([{"id": "C1", "name": "Marchés", "family": "Juridique"}])
    >>> a = pd.DataFrame([{"person_id": "P1", "competence_id": "C1", "savoir": 3, "vouloir": 1,
    ...                    "pouvoir": 2, "source": "auto-évaluation"}])
    >>> float(team_matrix(a, p, c).loc["Commune", "Juridique"])
    3.0
    """
    _check_dimension(dimension, (*DIMENSIONS, "combined"))
    _require(persons, ("id", by), L.KIND_LABELS["persons"])
    _require(competences, ("id", "family"), L.KIND_LABELS["competences"])
    df = _resolved(assessments, thresholds)
    if only_mobilisable:
        df = df[df["mobilisable"]]
    df["value"] = df[list(DIMENSIONS)].min(axis=1) if dimension == "combined" else df[dimension]
    df = df.merge(persons[["id", by]].rename(columns={"id": "person_id"}), on="person_id") \
        .merge(competences[["id", "family"]].rename(columns={"id": "competence_id"}), on="competence_id")
    families = list(dict.fromkeys(competences.sort_values(["family", "id"])["family"]))
    out = df.pivot_table(index=by, columns="family", values="value", aggfunc="max")
    out = out.reindex(index=sorted(set(persons[by].dropna())), columns=families).astype(float)
    out.columns.name = "family"
    return out


def person_profile(assessments: pd.DataFrame, person_id: str,
                   competences: pd.DataFrame | None = None,
                   thresholds: Thresholds | dict[str, int] | None = None) -> pd.DataFrame:
    """One person's competences: the three levels and whether each is mobilisable.

    Parameters
    ----------
    assessments : the assessments table.
    person_id : the person.
    competences : when given, adds name and family (and orders by family).
    thresholds : the mobilisable thresholds.

    Returns
    -------
    DataFrame indexed by competence_id: [name, family,] savoir, vouloir, pouvoir,
    mobilisable, source. Empty when the person assessed nothing.

    Example
    -------
    >>> a = pd.DataFrame([{"person_id": "P1", "competence_id": "C1", "savoir": 2, "vouloir": 2,
    ...                    "pouvoir": 2, "source": "auto-évaluation"}])
    >>> bool(person_profile(a, "P1").loc["C1", "mobilisable"])
    True
    """
    df = _resolved(assessments, thresholds)
    df = df[df["person_id"] == person_id].set_index("competence_id")[[*DIMENSIONS, "mobilisable", "source"]]
    out = _with_names(df, competences)
    if competences is not None and len(out):
        out = out.sort_values(["family", "name"], kind="stable")
    return out


def self_assessment_progress(assessments: pd.DataFrame, persons: pd.DataFrame,
                             competences: pd.DataFrame) -> pd.DataFrame:
    """Who has filled in their self-assessment, as counts (never the answers).

    A self-assessment is *complete* when the person has rated every competence of the
    workshop's referential (rating 0, « aucune notion », is an answer).

    Parameters
    ----------
    assessments : the assessments table (only self-assessments are counted).
    persons : the persons table.
    competences : the competences table (the referential).

    Returns
    -------
    DataFrame indexed by person_id: answered (competences self-assessed), total,
    share (0–1), started, complete.

    Example
    -------
    >>> p = pd.DataFrame([{"id": "P1"}, {"id": "P2"}])
    >>> c = pd.DataFrame([{"id": "C1"}])
    >>> a = pd.DataFrame([{"person_id": "P1", "competence_id": "C1", "savoir": 0, "vouloir": 0,
    ...                    "pouvoir": 0, "source": "auto-évaluation"}])
    >>> self_assessment_progress(a, p, c)["complete"].tolist()
    [True, False]
    """
    _require(persons, ("id",), L.KIND_LABELS["persons"])
    _require(competences, ("id",), L.KIND_LABELS["competences"])
    _require(assessments, ("person_id", "competence_id", "source"), L.KIND_LABELS["assessments"])
    referential = set(competences["id"])
    own = assessments[(assessments["source"] == SOURCE_SELF) & assessments["competence_id"].isin(referential)]
    answered = own.groupby("person_id")["competence_id"].nunique()
    index = pd.Index(list(persons["id"]), name="person_id")
    out = pd.DataFrame(index=index)
    out["answered"] = answered.reindex(index).fillna(0).astype(int)
    out["total"] = len(referential)
    out["share"] = (out["answered"] / out["total"]).fillna(0.0) if len(referential) else 0.0
    out["started"] = out["answered"] > 0
    out["complete"] = (out["answered"] >= out["total"]) & (out["total"] > 0)
    return out


# --- Presentation helpers (pure) -----------------------------------------------------

def _competence_ids(competences: pd.DataFrame | None, df: pd.DataFrame) -> list[str]:
    """Every competence of the referential (by family, then id), or those in ``df``."""
    if competences is not None:
        _require(competences, ("id",), L.KIND_LABELS["competences"])
        keys = ["family", "id"] if "family" in competences.columns else ["id"]
        return list(competences.sort_values(keys)["id"])
    return sorted(df["competence_id"].unique()) if len(df) else []


def _with_names(df: pd.DataFrame, competences: pd.DataFrame | None) -> pd.DataFrame:
    """Prefix name and family columns (from the competences table) to a competence-indexed frame."""
    if competences is None:
        return df
    _require(competences, ("id", "name", "family"), L.KIND_LABELS["competences"])
    names = competences.set_index("id")[["name", "family"]]
    out = names.reindex(df.index).join(df)
    out.index.name = "competence_id"
    return out


def readable(df: pd.DataFrame, persons: pd.DataFrame | None = None,
                competences: pd.DataFrame | None = None, anonymise: bool = False) -> pd.DataFrame:
    """A result table with French headers, people and competences by name.

    Parameters
    ----------
    df : any table returned by this module.
    persons : to show person names instead of ids (person_id, holder_id columns, index
        or list cells).
    competences : to show competence names instead of ids.
    anonymise : show stable pseudonyms (« Personne 3 ») instead of names, for projection.

    Returns
    -------
    A new DataFrame (the input is not modified); reasons and statuses in French, lists
    joined with commas.

    Example
    -------
    >>> readable(pd.DataFrame({"holders": [2]})).columns.tolist()
    ['Détenteurs mobilisables']
    """
    from .core.pseudonyms import pseudonymise

    out = df.copy()
    person_names: dict[str, str] = {}
    if persons is not None and len(persons):
        person_names = (pseudonymise(persons["id"]) if anonymise
                        else dict(zip(persons["id"], persons["name"])))
    comp_names = dict(zip(competences["id"], competences["name"])) if competences is not None else {}

    def rename_ids(value: Any, names: dict[str, str]) -> Any:
        if isinstance(value, (list, tuple)):
            return ", ".join(names.get(v, v) for v in value)
        return names.get(value, value) if isinstance(value, str) else value

    for col in out.columns:
        if col in ("person_id", "holder_id"):
            out[col] = out[col].map(lambda v: rename_ids(v, person_names))
        elif col == "competence_id":
            out[col] = out[col].map(lambda v: rename_ids(v, comp_names))
        elif col in ("qualified", "best_holders"):
            out[col] = out[col].map(lambda v: rename_ids(v, person_names))
        elif col == "tasks":
            out[col] = out[col].map(lambda v: ", ".join(v) if isinstance(v, (list, tuple)) else v)
        elif col == "reason":
            out[col] = out[col].map(lambda v: L.COMPETENCE_REASONS.get(v, v))
        elif col == "status":
            out[col] = out[col].map(lambda v: L.COMPETENCE_STATUSES.get(v, v))
    if out.index.name == "person_id":
        out.index = out.index.map(lambda v: rename_ids(v, person_names))
    elif out.index.name == "competence_id" and "name" not in out.columns:
        out.index = out.index.map(lambda v: rename_ids(v, comp_names))
    if out.columns.name == "competence_id":
        out.columns = out.columns.map(lambda v: rename_ids(v, comp_names))
    index_name = out.index.name
    out = out.rename(columns=L.COMPETENCE_COLUMNS)
    if index_name == "competence_id" and "name" in df.columns:
        out.index.name = L.FIELD_LABELS["id"]  # the name column already says « Compétence »
    else:
        out.index.name = L.COMPETENCE_COLUMNS.get(index_name, index_name)
    if out.columns.name:
        out.columns.name = L.COMPETENCE_COLUMNS.get(out.columns.name, out.columns.name)
    return out


def review_tables(frames: dict[str, pd.DataFrame], thresholds: Thresholds | dict[str, int] | None = None,
                  anonymise: bool = False) -> dict[str, pd.DataFrame]:
    """Every table of the review, with French headers, keyed by a French sheet title.

    Parameters
    ----------
    frames : the workshop's tables (``Store.frames()``): assessments, persons,
        competences, requirements.
    thresholds : the mobilisable thresholds.
    anonymise : pseudonyms instead of names.

    Returns
    -------
    dict title → DataFrame (titles from ``labels.COMPETENCE_SHEETS``, at most 31
    characters, as Excel allows).
    """
    a, p, c = frames["assessments"], frames["persons"], frames["competences"]
    r = frames.get("requirements")
    t = _thresholds(thresholds)
    S = L.COMPETENCE_SHEETS

    def show(df: pd.DataFrame) -> pd.DataFrame:
        return readable(df, p, c, anonymise=anonymise)

    tables = {
        S["coverage"]: show(coverage(a, c, t)),
        S["single"]: show(single_points_of_failure(a, c, t)),
        S["training"]: show(training_candidates(a)),
        S["reluctant"]: show(reluctant_experts(a)),
        S["gap"]: show(self_vs_consultant(a)),
        S["teams"]: show(team_profile(a, p, t)),
    }
    if r is not None:
        tables[S["lacking"]] = show(lacking_competences(r, a, c, t))
    for d in (*DIMENSIONS, "combined"):
        tables[S[d]] = show(matrix(a, d, p, c, t))
    return tables


def export_review(frames: dict[str, pd.DataFrame], path: str | Path,
                  thresholds: Thresholds | dict[str, int] | None = None, anonymise: bool = False) -> Path:
    """Write the review tables to an Excel workbook, one sheet per table.

    Text cells are always written as text: a name typed as ``=HYPERLINK(…)`` shows as
    typed and is never run as a formula.

    Parameters
    ----------
    frames : the workshop's tables (``Store.frames()``).
    path : the .xlsx file to write (its folder must exist).
    thresholds, anonymise : as in :func:`review_tables`.

    Returns
    -------
    The path written.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    path = Path(path)
    wb = Workbook()
    wb.remove(wb.active)
    for title, df in review_tables(frames, thresholds, anonymise).items():
        ws = wb.create_sheet(title)
        table = df.reset_index()
        header = [str(h) for h in table.columns]
        ws.append(header)
        for row in table.itertuples(index=False):
            ws.append([_cell(v) for v in row])
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # never a formula, whatever it starts with
        for i, h in enumerate(header, start=1):
            width = max([len(h)] + [len(str(v)) for v in table.iloc[:, i - 1].head(200)])
            ws.column_dimensions[get_column_letter(i)].width = min(60, max(8, width + 2))
        ws.freeze_panes = "B2"
    wb.save(path)
    return path


def _cell(value: Any) -> Any:
    """A value openpyxl can write: NaN → empty, numpy scalars → Python, lists → text."""
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    if isinstance(value, (np.bool_, bool)):
        return L.COMPETENCE_YES if bool(value) else L.COMPETENCE_NO
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    if value is pd.NA or value is None:
        return None
    return value


# --- who counts for coverage: one answer for every carnet (issue 16, item 7) -------------

def coverage_by_circle(requirements: pd.DataFrame, assessments: pd.DataFrame, persons: pd.DataFrame,
                       competences: pd.DataFrame | None = None,
                       thresholds: Thresholds | dict[str, int] | None = None) -> pd.DataFrame:
    """Each required competence, and *who* covers it: the project team, only outside people, or nobody.

    The rule every carnet follows: a requirement is **covered** when a mobilisable person
    of the workshop (project team or not, ``persons.in_team``) has the required level;
    when only people outside the project team cover it (a consultant, a partner, the
    State's services), the project **depends** on them, and this says so by name.

    Returns
    -------
    DataFrame indexed by competence_id: name, family, required_level, circle (``team``,
    ``outside_only`` or ``nobody``), outside_holders (names and organisations of the
    outside people who cover it, when only they do), reason (for ``nobody``: no_level,
    unwilling, unavailable). Ordered nobody, outside_only, team.

    Example
    -------
    >>> from toolkit.demo import demo_records
    >>> frames = {k: pd.DataFrame(v) for k, v in demo_records().items()}
    >>> from toolkit.core import model
    >>> frames["persons"] = pd.DataFrame([model.validate("persons", p) for p in demo_records()["persons"]])
    >>> c = coverage_by_circle(frames["requirements"], frames["assessments"], frames["persons"], frames["competences"])
    >>> c.loc["CMP-01", ["circle", "outside_holders"]].tolist()
    ['outside_only', 'Antoine Rivière (Cabinet Territoires & Dialogues)']
    """
    cols = ["name", "family", "required_level", "circle", "outside_holders", "reason"]
    if requirements is None or len(requirements) == 0:
        return pd.DataFrame(columns=cols, index=pd.Index([], name="competence_id"))
    everyone = lacking_competences(requirements, assessments, competences, thresholds, persons=persons)
    team = lacking_competences(requirements, assessments, competences, thresholds, persons=persons, team_only=True)
    levels = requirements.groupby("competence_id")["level"].max()
    inside = set(persons.loc[persons["in_team"].fillna(False).astype(bool), "id"])
    who = persons.set_index("id")
    names = competences.set_index("id") if competences is not None else None
    rows = []
    for cid, level in levels.items():
        if cid in everyone.index:
            circle, holders, reason = "nobody", "", everyone.loc[cid, "reason"]
        elif cid in team.index:
            held = mobilisable_holders(assessments, thresholds, min_level=int(level))
            outside = [p for p in held.loc[held["competence_id"] == cid, "person_id"] if p not in inside and p in who.index]
            holders = ", ".join(f"{who.loc[p, 'name']} ({who.loc[p, 'organisation']})" for p in outside)
            circle, reason = "outside_only", None
        else:
            circle, holders, reason = "team", "", None
        rows.append({"competence_id": cid, "required_level": int(level), "circle": circle,
                     "outside_holders": holders, "reason": reason,
                     "name": names.loc[cid, "name"] if names is not None and cid in names.index else cid,
                     "family": names.loc[cid, "family"] if names is not None and cid in names.index else ""})
    order = {"nobody": 0, "outside_only": 1, "team": 2}
    out = pd.DataFrame(rows).set_index("competence_id")
    return out.sort_values("circle", key=lambda s: s.map(order), kind="stable")[cols]
