"""Step 6 — a proposed staffing: who does each task (R) and who approves it (one A).

The optimiser answers the method's last question of step 6, « une proposition de staffing
qui tienne compte des compétences, des motivations et des capacités »: it is a
mixed-integer linear programme solved by HiGHS through ``scipy.optimize.milp``.

Why HiGHS, through scipy's ``milp`` and ``highspy``: HiGHS is a state-of-the-art open
MILP solver, shipped in wheels (no native build, no licence, works offline); PuLP would
need an external CBC binary and OR-Tools is a much heavier dependency for a model of this
size. scipy's interface solves an ordinary workshop whole. A large one is handed once to
HiGHS's own Python interface (``highspy``), which scipy's lacks two things for: changing
only the bounds between two solves (the model is built once) and starting from a known
staffing (the solver then only has to improve it). A greedy staffing is built in the same
run and kept whenever the solver has not done better: the proposal is never worse than
the greedy one.

A workshop of ordinary size (up to ``DIRECT_LIMIT`` binaries: the demo has about 1,300)
is solved whole, usually to optimality in a second or two. A bigger one (the benchmark's
500 tasks × 200 persons) is solved in stages within the same time limit, on one model
whose bounds alone change: HiGHS solves the linear relaxation, which is rounded into a
staffing; HiGHS then solves the programme on the people the relaxation uses; then a
large-neighbourhood search re-solves windows of tasks with HiGHS, from the best staffing
so far, while the others keep theirs. The default time limit is 5 s
(``DEFAULT_TIME_LIMIT``).

The model
---------
The days are charged as the workload plan charges them (``toolkit.workload``): a task's
load ``L_t`` spread evenly over its months (share ``f_{t,m}`` of month *m*), **shared
equally between its R**, plus ``s·L_t`` for its A (``workload.A_SHARE``). So the proposal,
written as RACI letters, gives exactly the plan de charge it was computed with. The equal
share of a team of *n* people is ``L_t / n``; the team size is chosen among
``1 … max_team`` (2, or one more than the R kept on the task). Days entered per person on
a task (``raci.days``, issue 19) are what that assignment costs the person, as in the plan
de charge: an R with entered days carries ``d_{t,p}`` whatever the team, the other R
share what is left (``(L_t − Σd) / (n − e_t)`` for *e_t* R with entered days), an A with
entered days carries them instead of ``s·L_t``. Such an R or A is the consultant's plan:
it stays, even with ``reassign=True``, unless a lock takes it out. For each task *t*:

- ``x[t,p,n]`` ∈ {0, 1}: *p* is R in a team of *n*; ``k[t,n]`` ∈ {0, 1}: the team has
  *n* members (``Σ_p x[t,p,n] = n·k[t,n]``); ``Σ_n k[t,n] = 1 − w_t``: one team, or the
  task stays without R and its days undone (``w_t``);
- each requirement (competence *c* at level *ℓ*) is held by one of the task's R
  (``Σ_{p: savoir ≥ ℓ, n} x[t,p,n] ≥ 1 − v_{t,c}``); a kept or locked R stays
  (``Σ_n x[t,p,n] = 1``);
- ``a[t,p]`` ∈ {0, 1}: *p* is A on *t*, ``Σ_p a[t,p] = 1 − z_t`` (one A per task);
- capacity, per person and month:
  ``Σ_{t,n} (L_t/n)·f_{t,m}·x[t,p,n] + Σ_t s·L_t·f_{t,m}·a[t,p] ≤ C_{p,m} + o_{p,m}``,
  where the overload ``o`` exists only for people whose kept or locked letters force it
  (a newcomer is never proposed beyond their capacity).

Minimised: big penalties on what stays uncovered (a task without R and its days, a
requirement nobody holds, a task without A, an overload), then the preferences: days done
by less motivated people cost more (Le Boterf's *vouloir agir*), each R costs a little
(fewer people per task), each new assignment costs a change, and on a task whose R are
kept a newcomer's day costs more than any motivation difference; an A is preferably the
action's pilot. Everything is feasible by construction (slack variables), so an
impossible staffing gives a report of what cannot be covered, never a failure.

Candidates: an R must meet at least one requirement of the task at the required level
(any person with capacity for a task that requires nothing); an A must be in the project
team. At most ``max_candidates`` per task are kept (best levels, motivation, capacity),
plus the existing and locked ones.

By default the existing validated R and A stay (``reassign=False``): the optimiser adds
people where an R, a competence or the A is missing, or where a kept R is overloaded
(one more R lowers everybody's share).
With ``reassign=True`` it may move tasks (each change costs). The consultant can lock a
person in or out of a task (``locks``) and run again.

Example
-------
>>> from toolkit.core.store import Store
>>> from toolkit.demo import build_demo
>>> s = Store("sqlite://"); build_demo(s)
>>> result = propose_staffing(s.frames())
>>> sorted(set(result.uncovered.loc[result.uncovered["what"] == "competence", "competence_id"]))
['CMP-03', 'CMP-04', 'CMP-05', 'CMP-11', 'CMP-15', 'CMP-16', 'CMP-18']
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

from . import competences as comp
from .core import formats as F
from .core import french as FR
from .core import labels as L
from .core import values as V
from .core import model
from . import workload
from .core.errors import Problem, ValidationError

Frames = Mapping[str, pd.DataFrame]
_EPS = 1e-6
NEUTRAL_MOTIVATION = 2.0
# R candidates kept per task (plus the existing and locked ones): the best levels first.
MAX_CANDIDATES = 10
# Binaries up to which the whole programme goes to the solver at once.
DIRECT_LIMIT = 3000
# People who do a task together (more only where more R are kept: one more to relieve them).
MAX_TEAM = 2
# Seconds a proposal may take by default: a consultant runs it in front of the room, and
# the staged solve of a large workshop (500 tasks × 200 persons) does as well in 5 s as it
# did in 20 s before the model was handed to HiGHS once (bench/bench_staffing.py).
DEFAULT_TIME_LIMIT = 5.0
# Seconds kept at the end of a solve to write its result (assignments, reasons, load).
RESULT_SECONDS = 0.5
# HiGHS worker threads: one, so that a solve does not wait on threads a busy machine (a
# workshop server, a laptop running the carnets) has no core for.
THREADS = 1
A_ROLES = (V.ROLE_DIRECTOR, V.ROLE_PROJECT_LEAD, V.ROLE_ACTION_PILOT, V.ROLE_ELECTED)


@dataclass(frozen=True)
class Weights:
    """The objective's coefficients: penalties for what stays uncovered, then preferences.

    The penalties dominate every preference, so the optimiser never leaves a day or a
    requirement uncovered to satisfy a preference.
    """

    uncovered_day: float = 100.0
    uncovered_requirement: float = 300.0
    no_r: float = 100.0
    no_a: float = 1000.0          # above the days an A takes (a_share of the load)
    overload_day: float = 1000.0
    motivation_day: float = 1.0   # per day, times (4 − vouloir) / 4
    per_r: float = 1.0            # per R on a task
    change: float = 5.0           # per new R or A (keeps the existing assignments)
    new_day: float = 1.5          # per day a newcomer takes from a task's kept R (above any
                                  # motivation difference: the kept R keep their work)
    a_pilot: float = 0.0          # A is the action's pilot
    a_sibling: float = 1.0        # A already approves other tasks of the action
    a_other: float = 3.0          # any other team member


DEFAULT_WEIGHTS = Weights()


# --- the problem, from the workshop's frames -------------------------------------------------

@dataclass
class StaffingProblem:
    """Everything the optimiser needs, as plain arrays and dicts (built by ``build_problem``)."""

    task_ids: list[str]
    task_names: list[str]
    action_ids: list[str]
    loads: np.ndarray
    task_spread: list[list[tuple[int, float]]]     # per task: (month index, share of the load)
    months: list[str]
    person_ids: list[str]
    person_names: list[str]
    capacity: np.ndarray                            # persons × months, days
    requirements: list[list[tuple[str, int]]]       # per task: (competence, level)
    levels: dict[tuple[str, str], tuple[int, int]]  # (person, competence) → (savoir, vouloir)
    r_candidates: list[list[int]]                   # per task: person indexes
    a_candidates: list[list[int]]
    existing_r: set[tuple[int, int]]
    existing_a: set[tuple[int, int]]
    fixed_r: set[tuple[int, int]]
    fixed_a: set[tuple[int, int]]
    locked: set[tuple[int, int, str]]
    pilots: dict[str, int]
    a_share: float
    reassign: bool = False
    max_team: int = 2
    # persons × months: the overload allowed (default: what kept letters alone force)
    overload_cap: np.ndarray | None = None
    weights: Weights = DEFAULT_WEIGHTS
    competence_names: dict[str, str] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)
    # Days entered per person on a task (``raci.days``): (task, person) → days, for the
    # kept R and A that have them.
    entered_r: dict[tuple[int, int], float] = field(default_factory=dict)
    entered_a: dict[tuple[int, int], float] = field(default_factory=dict)
    # Per task: the load the R without entered days share, and how many R have entered days.
    rest: np.ndarray = field(init=False)
    entered_count: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.rest = np.asarray(self.loads, dtype=float).copy()
        self.entered_count = np.zeros(len(self.rest), dtype=int)
        for (t, _p), days in self.entered_r.items():
            self.rest[t] -= days
            self.entered_count[t] += 1
        self.rest = np.where(self.entered_count > 0, np.maximum(self.rest, 0.0), self.rest)


def _check_locks(frames: Frames, locks: Any) -> list[tuple[str, str, str, bool]]:
    """Locks as (task, person, letter, in?) after checking them (French errors)."""
    if locks is None:
        return []
    rows = locks.to_dict("records") if isinstance(locks, pd.DataFrame) else list(locks)
    tasks, persons = set(frames["tasks"]["id"]), set(frames["persons"]["id"])
    problems: list[Problem] = []
    out: list[tuple[str, str, str, bool]] = []
    E = L.STAFFING_EXPECT
    for n, row in enumerate(rows, 1):
        where = f"verrou n° {n}"
        if isinstance(row, (tuple, list)) and len(row) in (3, 4):
            row = dict(zip(("task_id", "person_id", "letter", "locked"), row))
        if not isinstance(row, Mapping):
            problems.append(Problem("verrou", row, E["lock"], record=where))
            continue
        task, person = str(row.get("task_id", "")).strip(), str(row.get("person_id", "")).strip()
        letter = str(row.get("letter", "")).strip().upper()
        keep = row.get("locked", True)
        ok = True
        if task not in tasks:
            problems.append(Problem(L.FIELD_LABELS["task_id"], row.get("task_id"),
                                    E["lock_ref"].format(**FR.one_of_kind("tasks")), record=where))
            ok = False
        if person not in persons:
            problems.append(Problem(L.FIELD_LABELS["person_id"], row.get("person_id"),
                                    E["lock_ref"].format(**FR.one_of_kind("persons")), record=where))
            ok = False
        if letter not in ("R", "A"):
            problems.append(Problem(L.FIELD_LABELS["letter"], row.get("letter"), E["lock_letter"], record=where))
            ok = False
        value, err = model.check_value(model.Field("locked", "bool"), keep)
        if err:
            problems.append(Problem(L.STAFFING_COLUMNS["locked"], keep, L.EXPECT["bool"], record=where))
            ok = False
        if ok:
            out.append((task, person, letter, bool(value)))
    a_in: dict[str, list[str]] = {}
    for task, person, letter, keep in out:
        if letter == "A" and keep:
            a_in.setdefault(task, []).append(person)
    for task, people in a_in.items():
        if len(set(people)) > 1:
            problems.append(Problem(L.FIELD_LABELS["task_id"], task, E["lock_two_a"]))
    if problems:
        raise ValidationError(problems, L.STAFFING_MESSAGES["invalid_locks"])
    return out


def build_problem(frames: Frames, locks: Any = None, reassign: bool = False, a_share: float = workload.A_SHARE,
                  max_candidates: int = MAX_CANDIDATES, weights: Weights = DEFAULT_WEIGHTS,
                  max_team: int = MAX_TEAM, allow_external: bool = False) -> StaffingProblem:
    """Turn the workshop's frames into a ``StaffingProblem``.

    Parameters
    ----------
    frames : the workshop's frames (tasks, requirements, persons, assessments, raci,
        actions, project).
    locks : the consultant's locks: rows (dicts, tuples or a DataFrame) ``task_id,
        person_id, letter`` (R or A), ``locked`` (True: this person has this letter on this
        task; False: never). Checked, with French errors.
    reassign : False (default) keeps every existing validated R and A; True lets the
        optimiser move them (each change costs ``weights.change``).
    a_share : the A's share of a task's load (``workload.A_SHARE``).
    max_candidates : at most this many R candidates per task (plus existing and locked).
    weights : the objective's coefficients.
    max_team : at most this many R on a task the optimiser staffs (one more than the kept
        R where there are as many).
    allow_external : False (default): an A, and the R of a task that requires no
        competence, are proposed among the organisation's own people only (affiliation
        « interne », issue 19; « Équipe projet » before it). True: among everybody. The R of
        a task with requirements is proposed among everybody qualified either way (a
        stricter rule left the demo's cheffe de projet overloaded: see the issue's report).
    """
    lock_rows = _check_locks(frames, locks)
    months = workload.horizon(frames)
    month_index = {m: i for i, m in enumerate(months)}
    tasks_all = frames["tasks"]
    # The spread of each task over months, by the workload plan's rule (nobody assigned).
    empty_raci = frames["raci"].iloc[0:0]
    alloc = workload.allocation({"tasks": tasks_all, "raci": empty_raci}, a_share=0.0)
    spread_rows: dict[str, list[tuple[int, float]]] = {}
    loads_all = dict(zip(tasks_all["id"], pd.to_numeric(tasks_all["load_days"]).fillna(0.0)))
    for tid, month, days in zip(alloc["task_id"], alloc["month"], alloc["days"]):
        if month in month_index and loads_all[tid] > 0:
            spread_rows.setdefault(tid, []).append((month_index[month], float(days) / loads_all[tid]))
    in_horizon = {t for t, s, e in zip(tasks_all["id"], tasks_all["start_month"], tasks_all["end_month"])
                  if any(m in month_index for m in model.months_between(s, e))}
    tasks = tasks_all[tasks_all["id"].isin(in_horizon)].reset_index(drop=True)
    task_ids = list(tasks["id"])
    t_index = {t: i for i, t in enumerate(task_ids)}
    loads = pd.to_numeric(tasks["load_days"]).fillna(0.0).to_numpy(dtype=float)

    persons = frames["persons"].reset_index(drop=True)
    person_ids = list(persons["id"])
    p_index = {p: i for i, p in enumerate(person_ids)}
    cap_days = pd.to_numeric(persons["capacity_days"]).fillna(0.0).to_numpy(dtype=float)
    capacity = np.repeat(cap_days[:, None], len(months), axis=1)
    # who may be proposed: the organisation's own people, unless the consultant allows others
    in_team = (np.ones(len(persons), dtype=bool) if allow_external
               else workload.internal(persons).to_numpy(dtype=bool))
    roles = [str(r) for r in persons["role"].fillna("")]

    resolved = comp.resolve_assessments(frames["assessments"])
    levels = {(p, c): (int(s), int(v)) for p, c, s, v in
              zip(resolved["person_id"], resolved["competence_id"], resolved["savoir"], resolved["vouloir"])}
    by_competence: dict[str, list[tuple[str, int]]] = {}
    for (p, c), (s, _v) in levels.items():
        by_competence.setdefault(c, []).append((p, s))

    req = frames["requirements"]
    requirements: list[list[tuple[str, int]]] = [[] for _ in task_ids]
    for tid, cid, level in zip(req["task_id"], req["competence_id"], req["level"]):
        if tid in t_index:
            requirements[t_index[tid]].append((cid, int(level)))

    raci = frames["raci"]
    valid = raci[(raci["status"] == V.STATUS_VALIDATED) & raci["task_id"].isin(t_index) & raci["person_id"].isin(p_index)]
    existing_r = {(t_index[t], p_index[p]) for t, p in
                  zip(valid.loc[valid["letter"] == "R", "task_id"], valid.loc[valid["letter"] == "R", "person_id"])}
    existing_a = {(t_index[t], p_index[p]) for t, p in
                  zip(valid.loc[valid["letter"] == "A", "task_id"], valid.loc[valid["letter"] == "A", "person_id"])}
    locked_in = {(t_index[t], p_index[p], letter) for t, p, letter, keep in lock_rows if keep and t in t_index}
    locked_out = {(t_index[t], p_index[p], letter) for t, p, letter, keep in lock_rows if not keep and t in t_index}

    actions = frames["actions"]
    pilots = {a: p_index[p] for a, p in zip(actions["id"], actions["pilot_id"]) if isinstance(p, str) and p in p_index}
    action_of = list(tasks["action_id"])
    a_by_action: dict[str, set[int]] = {}
    r_by_action: dict[str, set[int]] = {}
    for (t, p) in existing_a:
        a_by_action.setdefault(action_of[t], set()).add(p)
    for (t, p) in existing_r:
        r_by_action.setdefault(action_of[t], set()).add(p)

    def motivation(p: int, t: int) -> float:
        values = [levels[(person_ids[p], c)][1] for c, _l in requirements[t] if (person_ids[p], c) in levels]
        # the mean of small integers (what np.mean gave, without its cost per candidate)
        return sum(values) / len(values) if values else NEUTRAL_MOTIVATION

    # Each task's kept, locked and excluded people, grouped once.
    def by_task(pairs: Iterable[tuple[int, int]]) -> dict[int, set[int]]:
        out: dict[int, set[int]] = {}
        for t, p in pairs:
            out.setdefault(t, set()).add(p)
        return out

    forced_r = by_task(list(existing_r) + [(t, p) for (t, p, l) in locked_in if l == "R"])
    forced_a_of = by_task(list(existing_a) + [(t, p) for (t, p, l) in locked_in if l == "A"])
    out_r = by_task((t, p) for (t, p, l) in locked_out if l == "R")
    out_a_of = by_task((t, p) for (t, p, l) in locked_out if l == "A")
    team_ids = [p for p in range(len(person_ids)) if in_team[p]]

    r_candidates: list[list[int]] = []
    a_candidates: list[list[int]] = []
    for t, tid in enumerate(task_ids):
        forced = forced_r.get(t, set())
        out = out_r.get(t, set())
        months_t = [m for m, _f in spread_rows.get(tid, [])]
        # Each person's smallest capacity over the task's months, for every person at once.
        room = capacity[:, months_t].min(axis=1) if months_t else cap_days
        if requirements[t]:
            met: dict[int, int] = {}
            for cid, level in requirements[t]:
                for pid, s in by_competence.get(cid, []):
                    if s >= level:
                        met[p_index[pid]] = met.get(p_index[pid], 0) + 1
            pool = [p for p in met if p not in forced]
            score = {p: (met[p], motivation(p, t), room[p]) for p in pool}
        else:
            pool = [p for p in team_ids if p not in forced]
            near = r_by_action.get(action_of[t], set()) | ({pilots[action_of[t]]} if action_of[t] in pilots else set())
            score = {p: (1 if p in near else 0, 0.0, room[p]) for p in pool}
        pool = [p for p in pool if p not in out and (score[p][2] > _EPS)]
        pool.sort(key=lambda p: (-score[p][0], -score[p][1], -score[p][2], p))
        r_candidates.append(sorted(forced - out) + pool[:max_candidates])

        forced_a = forced_a_of.get(t, set())
        out_a = out_a_of.get(t, set())
        near_a = set(a_by_action.get(action_of[t], set()))
        if action_of[t] in pilots:
            near_a.add(pilots[action_of[t]])
        pool_a = [p for p in near_a if in_team[p] and p not in forced_a]
        if not pool_a and not forced_a:
            pool_a = [p for p in team_ids if roles[p] in A_ROLES]
            pool_a.sort(key=lambda p: (-cap_days[p], p))
            pool_a = pool_a[:5]
        a_candidates.append(sorted((forced_a | set(pool_a)) - out_a))

    fixed_r = {(t, p) for (t, p, l) in locked_in if l == "R"}
    fixed_a = {(t, p) for (t, p, l) in locked_in if l == "A"}
    entered_r, entered_a = _entered_days(valid, t_index, p_index)
    # An R or A with entered days is the consultant's plan: it stays unless locked out.
    entered_r = {k: d for k, d in entered_r.items() if (k[0], k[1], "R") not in locked_out}
    entered_a = {k: d for k, d in entered_a.items() if (k[0], k[1], "A") not in locked_out}
    fixed_r |= set(entered_r)
    if not reassign:
        fixed_r |= {(t, p) for (t, p) in existing_r if (t, p, "R") not in locked_out}
        # One existing A is kept; with several (a RACI fault), the optimiser chooses one.
        count_a: dict[int, int] = {}
        for (t, p) in existing_a:
            count_a[t] = count_a.get(t, 0) + 1
        fixed_a |= {(t, p) for (t, p) in existing_a
                    if count_a[t] == 1 and (t, p, "A") not in locked_out and not any(ft == t for ft, _ in fixed_a)}
    for (t, p) in sorted(entered_a):  # an A with entered days stays too (one per task)
        if not any(ft == t for ft, _ in fixed_a):
            fixed_a.add((t, p))
    competences = frames.get("competences")
    return StaffingProblem(
        task_ids=task_ids, task_names=list(tasks["name"]), action_ids=action_of, loads=loads,
        task_spread=[spread_rows.get(t, []) for t in task_ids], months=months, person_ids=person_ids,
        person_names=list(persons["name"]), capacity=capacity, requirements=requirements, levels=levels,
        r_candidates=r_candidates, a_candidates=a_candidates, existing_r=existing_r, existing_a=existing_a,
        fixed_r=fixed_r, fixed_a=fixed_a, locked={(t, p, l) for (t, p, l) in locked_in}, pilots=pilots,
        a_share=a_share, reassign=reassign, max_team=max_team, weights=weights,
        competence_names=dict(zip(competences["id"], competences["name"])) if competences is not None else {},
        roles=roles, entered_r=entered_r, entered_a={k: d for k, d in entered_a.items() if k in fixed_a})


def _entered_days(valid: pd.DataFrame, t_index: Mapping[str, int],
                  p_index: Mapping[str, int]) -> tuple[dict[tuple[int, int], float], dict[tuple[int, int], float]]:
    """The days entered per person on a task (``raci.days``) of the validated R and A rows."""
    if "days" not in valid or not valid["days"].notna().any():
        return {}, {}
    given = valid[valid["days"].notna() & valid["letter"].isin(["R", "A"])].drop_duplicates(
        ["task_id", "person_id", "letter"])
    out: dict[str, dict[tuple[int, int], float]] = {"R": {}, "A": {}}
    for tid, pid, letter, days in zip(given["task_id"], given["person_id"], given["letter"],
                                      pd.to_numeric(given["days"])):
        out[letter][(t_index[tid], p_index[pid])] = float(days)
    return out["R"], out["A"]


# --- the linear model -----------------------------------------------------------------------

@dataclass
class _Model:
    """Variable layout and matrices of the MILP (shared by the solver and the greedy)."""

    r_triples: list[tuple[int, int, int]]    # (task, person, team size): p is R in a team of n
    sizes: list[tuple[int, int]]             # (task, team size)
    a_pairs: list[tuple[int, int]]
    req_rows: list[tuple[int, int]]          # (task, index in its requirements)
    cap_rows: list[tuple[int, int]]          # (person, month)
    c: np.ndarray
    lb: np.ndarray
    ub: np.ndarray
    integrality: np.ndarray
    A: sparse.csr_matrix
    row_lb: np.ndarray
    row_ub: np.ndarray
    offsets: dict[str, int]

    @property
    def n(self) -> int:
        return len(self.c)


def _fits(problem: StaffingProblem, t: int, p: int, days: float) -> bool:
    """Whether ``days`` of task ``t`` fit in person ``p``'s capacity, month by month."""
    return all(days * f <= problem.capacity[p, m] + _EPS for m, f in problem.task_spread[t])


def r_days(problem: StaffingProblem, t: int, p: int, n: int) -> float:
    """The days of task ``t`` person ``p`` carries as R in a team of ``n``: her entered days
    (``raci.days``), else an equal share of what the R with entered days leave."""
    days = problem.entered_r.get((t, p)) if problem.entered_r else None
    if days is not None:
        return days
    return problem.rest[t] / max(n - int(problem.entered_count[t]), 1)


def a_days(problem: StaffingProblem, t: int, p: int) -> float:
    """The days of task ``t`` person ``p`` carries as its A: entered, else ``a_share`` of the load."""
    days = problem.entered_a.get((t, p)) if problem.entered_a else None
    return problem.a_share * problem.loads[t] if days is None else days


def _kept_share(problem: StaffingProblem, t: int, p: int) -> float:
    """The days of task ``t`` kept or locked R ``p`` carries at most (the kept R alone on it)."""
    fixed = sum(1 for q in problem.r_candidates[t] if (t, q) in problem.fixed_r)
    return r_days(problem, t, p, fixed) if fixed else 0.0


def _kept_load(problem: StaffingProblem) -> np.ndarray:
    """Persons × months: the most the kept and locked letters alone charge (smallest teams)."""
    out = np.zeros_like(problem.capacity)
    for (t, p) in problem.fixed_r:
        share = _kept_share(problem, t, p)
        for m, f in problem.task_spread[t]:
            out[p, m] += share * f
    for (t, p) in problem.fixed_a:
        days = a_days(problem, t, p)
        for m, f in problem.task_spread[t]:
            out[p, m] += days * f
    return out


def team_sizes(problem: StaffingProblem, t: int) -> list[int]:
    """The team sizes considered for task ``t``: from its kept R (at least 1) up to
    ``max_team`` (or one more than the kept R), within its candidates."""
    fixed = sum(1 for p in problem.r_candidates[t] if (t, p) in problem.fixed_r)
    top = min(max(problem.max_team, fixed + 1), len(problem.r_candidates[t]))
    return list(range(max(1, fixed), top + 1))


def _motivation(problem: StaffingProblem, t: int, p: int) -> float:
    pid = problem.person_ids[p]
    values = [problem.levels[(pid, c)][1] for c, _l in problem.requirements[t] if (pid, c) in problem.levels]
    return float(np.mean(values)) if values else NEUTRAL_MOTIVATION


def _meets(problem: StaffingProblem, p: int, cid: str, level: int) -> bool:
    return problem.levels.get((problem.person_ids[p], cid), (0, 0))[0] >= level


def _approvers(problem: StaffingProblem) -> set[tuple[str, int]]:
    """(action, person) pairs where the person is already A on a task of the action."""
    return {(problem.action_ids[t], p) for (t, p) in problem.existing_a}


def _a_cost(problem: StaffingProblem, t: int, p: int, approvers: set[tuple[str, int]]) -> float:
    w = problem.weights
    action = problem.action_ids[t]
    if (t, p) in problem.existing_a:
        return 0.0
    if problem.pilots.get(action) == p:
        base = w.a_pilot
    elif (action, p) in approvers:
        base = w.a_sibling
    else:
        base = w.a_other
    return base + w.change


def _build_model(problem: StaffingProblem) -> _Model:
    w = problem.weights
    nT = len(problem.task_ids)
    loads = problem.loads
    # A newcomer whose whole capacity cannot hold the share is no candidate for that size:
    # only kept and locked assignments may overload anybody.
    r_triples = [(t, p, n) for t in range(nT) for n in team_sizes(problem, t) for p in problem.r_candidates[t]
                 if (t, p) in problem.fixed_r or _fits(problem, t, p, r_days(problem, t, p, n))]
    members: dict[tuple[int, int], int] = {}
    for (t, _p, n) in r_triples:
        members[(t, n)] = members.get((t, n), 0) + 1
    sizes = [(t, n) for t in range(nT) for n in team_sizes(problem, t) if members.get((t, n), 0) >= n]
    keep = set(sizes)
    r_triples = [(t, p, n) for (t, p, n) in r_triples if (t, n) in keep]
    a_pairs = [(t, p) for t in range(nT) for p in problem.a_candidates[t]
               if (t, p) in problem.fixed_a or _fits(problem, t, p, a_days(problem, t, p))]
    req_rows = [(t, k) for t in range(nT) for k in range(len(problem.requirements[t]))]
    used: set[tuple[int, int]] = set()
    for (t, p, _n) in r_triples:
        used.update((p, m) for m, _f in problem.task_spread[t])
    for (t, p) in a_pairs:
        used.update((p, m) for m, _f in problem.task_spread[t])
    # Only the excess of what kept and locked letters alone charge may be overload: nothing
    # new is piled on an overloaded person.
    cap_over = (np.maximum(_kept_load(problem) - problem.capacity, 0.0) if problem.overload_cap is None
                else problem.overload_cap)
    cap_rows = sorted(used)
    cap_index = {pm: i for i, pm in enumerate(cap_rows)}
    nX, nK, nA, nQ, nC = len(r_triples), len(sizes), len(a_pairs), len(req_rows), len(cap_rows)
    off = {"x": 0, "k": nX, "a": nX + nK, "v": nX + nK + nA, "w": nX + nK + nA + nQ,
           "z": nX + nK + nA + nQ + nT, "o": nX + nK + nA + nQ + 2 * nT}
    n_vars = off["o"] + nC
    c = np.zeros(n_vars)
    lb = np.zeros(n_vars)
    ub = np.ones(n_vars)
    integrality = np.zeros(n_vars)
    staffed = {t for (t, p) in problem.fixed_r}
    motivation = {}
    for i, (t, p, n) in enumerate(r_triples):
        new = (t, p) not in problem.existing_r
        if (t, p) not in motivation:
            motivation[(t, p)] = w.motivation_day * (4.0 - _motivation(problem, t, p)) / 4.0
        per_day = motivation[(t, p)] + (w.new_day if new and not problem.reassign and t in staffed else 0.0)
        entered = problem.entered_r.get((t, p)) if problem.entered_r else None
        c[off["x"] + i] = w.per_r + (w.change if new else 0.0) + (
            per_day * entered if entered is not None
            else per_day * problem.rest[t] / max(n - int(problem.entered_count[t]), 1))
    integrality[off["x"]:off["x"] + nX] = 1
    integrality[off["k"]:off["k"] + nK] = 1
    approvers = _approvers(problem)
    for j, (t, p) in enumerate(a_pairs):
        c[off["a"] + j] = _a_cost(problem, t, p, approvers)
        integrality[off["a"] + j] = 1
        if (t, p) in problem.fixed_a:
            lb[off["a"] + j] = 1
    c[off["v"]:off["v"] + nQ] = w.uncovered_requirement
    c[off["w"]:off["w"] + nT] = w.no_r + w.uncovered_day * loads   # the task stays without R
    c[off["z"]:off["z"] + nT] = w.no_a
    c[off["o"]:off["o"] + nC] = w.overload_day
    ub[off["o"]:off["o"] + nC] = [cap_over[p, m] for (p, m) in cap_rows]

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    rlb: list[float] = []
    rub: list[float] = []

    def row(entries: list[tuple[int, float]], low: float, high: float) -> None:
        k = len(rlb)
        for col, val in entries:
            rows.append(k)
            cols.append(col)
            vals.append(val)
        rlb.append(low)
        rub.append(high)

    x_of_size: dict[tuple[int, int], list[int]] = {}
    x_of_pair: dict[tuple[int, int], list[int]] = {}
    for i, (t, p, n) in enumerate(r_triples):
        x_of_size.setdefault((t, n), []).append(i)
        x_of_pair.setdefault((t, p), []).append(i)
    k_of_task: dict[int, list[int]] = {}
    for j, (t, n) in enumerate(sizes):
        k_of_task.setdefault(t, []).append(j)
        # (2) a team of size n has n members, each of them in it only if that size is chosen
        # (the second, redundant for integers, tightens the relaxation: no share of a team of
        # three for someone who works alone)
        row([(off["x"] + i, 1.0) for i in x_of_size[(t, n)]] + [(off["k"] + j, -float(n))], 0.0, 0.0)
        for i in x_of_size[(t, n)]:
            row([(off["x"] + i, 1.0), (off["k"] + j, -1.0)], -np.inf, 0.0)
    for t in range(nT):
        # (1) one team size, or the task stays without R (w)
        row([(off["k"] + j, 1.0) for j in k_of_task.get(t, [])] + [(off["w"] + t, 1.0)], 1.0, 1.0)
    for (t, p) in problem.fixed_r:
        if (t, p) in x_of_pair:  # (4) a kept or locked R stays, whatever the team size
            row([(off["x"] + i, 1.0) for i in x_of_pair[(t, p)]], 1.0, 1.0)
    # (3) every requirement held by one of the task's R at the level
    for q, (t, k) in enumerate(req_rows):
        cid, level = problem.requirements[t][k]
        holders = [i for p in problem.r_candidates[t] if _meets(problem, p, cid, level)
                   for i in x_of_pair.get((t, p), [])]
        row([(off["x"] + i, 1.0) for i in holders] + [(off["v"] + q, 1.0)], 1.0, np.inf)
    # (5) exactly one A (or z)
    a_of_task: dict[int, list[int]] = {}
    for j, (t, p) in enumerate(a_pairs):
        a_of_task.setdefault(t, []).append(j)
    for t in range(nT):
        row([(off["a"] + j, 1.0) for j in a_of_task.get(t, [])] + [(off["z"] + t, 1.0)], 1.0, 1.0)
    # (6) capacity per person and month: an equal share L/n of the task, spread over its months
    cap_entries: list[list[tuple[int, float]]] = [[] for _ in cap_rows]
    for i, (t, p, n) in enumerate(r_triples):
        days = r_days(problem, t, p, n)
        for m, f in problem.task_spread[t]:
            if days * f > 0:
                cap_entries[cap_index[(p, m)]].append((off["x"] + i, days * f))
    for j, (t, p) in enumerate(a_pairs):
        days = a_days(problem, t, p)
        for m, f in problem.task_spread[t]:
            if days * f > 0:
                cap_entries[cap_index[(p, m)]].append((off["a"] + j, days * f))
    for k, (p, m) in enumerate(cap_rows):
        row(cap_entries[k] + [(off["o"] + k, -1.0)], -np.inf, problem.capacity[p, m])
    A = sparse.csr_matrix((vals, (rows, cols)), shape=(len(rlb), n_vars))
    return _Model(r_triples, sizes, a_pairs, req_rows, cap_rows, c, lb, ub, integrality, A,
                  np.array(rlb, dtype=float), np.array(rub, dtype=float), off)


# --- greedy assignment (the baseline, and the fallback) --------------------------------------

def _greedy(problem: StaffingProblem, mdl: _Model, guide: np.ndarray | None = None) -> np.ndarray:
    """A feasible solution built task by task: the kept R, the cheapest holder of each
    requirement, then more people (cheapest first) until everybody's equal share fits in
    their remaining capacity; a team that cannot fit leaves the task without R (the kept R
    stay, overloaded if they must). Then the cheapest A that fits.

    Without ``guide``, tasks are taken earliest first: the baseline. With ``guide``, a
    solution of the linear relaxation, this is a rounding of it: the tasks the relaxation
    staffs most first, and within a task the people it uses most first.
    """
    sol = np.zeros(mdl.n)
    off = mdl.offsets
    loads = problem.loads
    # Capacity kept letters will need is reserved from the start, released task by task.
    left = problem.capacity - _kept_load(problem)
    x_index = {triple: i for i, triple in enumerate(mdl.r_triples)}
    k_index = {size: j for j, size in enumerate(mdl.sizes)}
    a_index = {pair: j for j, pair in enumerate(mdl.a_pairs)}
    weight: dict[tuple[int, int], float] = {}
    if guide is None:
        order = sorted(range(len(problem.task_ids)),
                       key=lambda t: (min((m for m, _ in problem.task_spread[t]), default=0), -loads[t], t))
    else:
        for (t, p, _n), i in x_index.items():
            weight[(t, p)] = weight.get((t, p), 0.0) + float(guide[off["x"] + i])
        for (t, p), j in a_index.items():
            weight[(t, -1 - p)] = float(guide[off["a"] + j])
        staffed = 1.0 - guide[off["w"]:off["w"] + len(problem.task_ids)]
        order = sorted(range(len(problem.task_ids)), key=lambda t: (-round(float(staffed[t]), 6), -loads[t], t))

    def room(p: int, t: int) -> float:
        spread = problem.task_spread[t]
        if not spread:
            return np.inf
        return max(0.0, min(left[p, m] / f for m, f in spread if f > 0))

    def take(p: int, t: int, days: float) -> None:
        for m, f in problem.task_spread[t]:
            left[p, m] -= days * f

    for t in order:
        load = loads[t]
        cands = problem.r_candidates[t]
        allowed = [n for n in team_sizes(problem, t) if (t, n) in k_index]
        biggest = max(allowed) if allowed else 0

        def cost(p: int, t: int = t, allowed: list[int] = allowed) -> tuple[float, float, int]:
            i = next((x_index[(t, p, n)] for n in allowed if (t, p, n) in x_index), None)
            return (-weight.get((t, p), 0.0), mdl.c[off["x"] + i] if i is not None else np.inf, p)

        def fits(p: int, n: int, t: int = t) -> bool:
            """Whether ``p``'s days in a team of ``n`` (``r_days``) fit in her room."""
            return room(p, t) >= r_days(problem, t, p, n) - _EPS

        fixed = [p for p in cands if (t, p) in problem.fixed_r]
        for p in fixed:
            take(p, t, -_kept_share(problem, t, p))
        team = list(fixed)
        tried = set(team)
        for cid, level in problem.requirements[t]:
            if len(team) >= biggest or any(_meets(problem, p, cid, level) for p in team):
                continue
            size = len(team) + 1
            holders = sorted((p for p in cands if p not in tried and _meets(problem, p, cid, level)),
                             key=lambda p: (not fits(p, size), cost(p)))
            if holders:
                team.append(holders[0])
                tried.add(holders[0])
        others = sorted(cands, key=cost)
        while len(team) < biggest:
            if team and all(fits(p, len(team)) for p in team):
                break
            nxt = next((p for p in others if p not in tried and fits(p, len(team) + 1)), None)
            if nxt is None:
                break
            team.append(nxt)
            tried.add(nxt)
        # Whoever cannot carry an equal share leaves, until the team is stable (kept R stay).
        while team and any(p not in fixed and not fits(p, len(team)) for p in team):
            team = [p for p in team if p in fixed or fits(p, len(team))]
        if team and len(team) in allowed and all((t, p, len(team)) in x_index for p in team):
            n = len(team)
            for p in team:
                sol[off["x"] + x_index[(t, p, n)]] = 1
                take(p, t, r_days(problem, t, p, n))
            sol[off["k"] + k_index[(t, n)]] = 1
        else:
            sol[off["w"] + t] = 1
        # A: the fixed one, else the cheapest that fits in capacity.
        a_cands = [p for p in problem.a_candidates[t] if (t, p) in a_index]
        fixed_a = [p for p in a_cands if (t, p) in problem.fixed_a]
        for p in fixed_a:  # its reserved share, taken again just below
            take(p, t, -a_days(problem, t, p))
        pick = fixed_a[0] if fixed_a else None
        if pick is None:
            for p in sorted(a_cands, key=lambda p: (-weight.get((t, -1 - p), 0.0), mdl.c[off["a"] + a_index[(t, p)]], p)):
                if a_days(problem, t, p) <= room(p, t) + _EPS or load == 0:
                    pick = p
                    break
        if pick is None:
            sol[off["z"] + t] = 1
        else:
            sol[off["a"] + a_index[(t, pick)]] = 1
            take(pick, t, a_days(problem, t, pick))
    chosen = {(t, p) for (t, p, n), i in x_index.items() if sol[off["x"] + i] > 0.5}
    for q, (t, k) in enumerate(mdl.req_rows):
        cid, level = problem.requirements[t][k]
        met = any((t, p) in chosen and _meets(problem, p, cid, level) for p in problem.r_candidates[t])
        sol[off["v"] + q] = 0.0 if met else 1.0
    for k, (p, m) in enumerate(mdl.cap_rows):
        sol[off["o"] + k] = max(0.0, -left[p, m])
    return sol


# --- solving ----------------------------------------------------------------------------------

@dataclass
class StaffingResult:
    """The proposal: assignments with their reasons, what stays uncovered, the load after.

    Attributes
    ----------
    assignments : task_id, task, action_id, person_id, person, letter, days, status
        (``kept``, ``new``, ``locked``, ``dropped``), reason (French).
    uncovered : task_id, task, what (``days``, ``competence``, ``no_r``, ``no_a``,
        ``overload``), competence_id, amount, months, reason (French).
    load : person_id, person, month, load, capacity (the load the proposal gives).
    objective, greedy_objective : the objective of the proposal and of the greedy one.
    method : ``optimal``, ``time_limit``, ``greedy`` or ``greedy_only`` (see
        ``labels.STAFFING_SOLVER``); ``solver_message`` says it in French.
    seconds : the time spent.
    """

    assignments: pd.DataFrame
    uncovered: pd.DataFrame
    load: pd.DataFrame
    objective: float
    greedy_objective: float
    method: str
    solver_message: str
    seconds: float
    solution: np.ndarray = field(repr=False, default_factory=lambda: np.zeros(0))

    @property
    def ratio(self) -> float:
        """Objective of the proposal divided by the greedy one (≤ 1: never worse)."""
        return self.objective / self.greedy_objective if self.greedy_objective > 0 else 1.0


def objective_of(problem: StaffingProblem, solution: np.ndarray) -> float:
    """The objective value of a solution vector (same layout as the model)."""
    return float(_build_model(problem).c @ solution)


def is_feasible(problem: StaffingProblem, solution: np.ndarray, tol: float = 1e-6) -> bool:
    """Whether a solution vector respects the model's bounds and constraints."""
    return _feasible(_build_model(problem), solution, tol)


def _feasible(mdl: _Model, solution: np.ndarray, tol: float = 1e-6,
              lb: np.ndarray | None = None, ub: np.ndarray | None = None) -> bool:
    lb = mdl.lb if lb is None else lb
    ub = mdl.ub if ub is None else ub
    if np.any(solution < lb - tol) or np.any(solution > ub + tol):
        return False
    ax = mdl.A @ solution
    return bool(np.all(ax >= mdl.row_lb - tol) and np.all(ax <= mdl.row_ub + tol))


def _milp(mdl: _Model, seconds: float, mip_gap: float, relax: bool = False) -> Any:
    return milp(mdl.c, integrality=None if relax else mdl.integrality, bounds=Bounds(mdl.lb, mdl.ub),
                constraints=LinearConstraint(mdl.A, mdl.row_lb, mdl.row_ub),
                options={"time_limit": max(float(seconds), 0.5), "mip_rel_gap": float(mip_gap), "disp": False})


class _Highs:
    """The model handed once to HiGHS (``highspy``); each later solve only changes column
    bounds (a neighbourhood fixes the staffing outside it, a restriction closes candidates)
    and starts from the best staffing so far, which HiGHS then only has to improve."""

    def __init__(self, mdl: _Model) -> None:
        import highspy

        self._hs = highspy
        inf = highspy.kHighsInf
        lp = highspy.HighsLp()
        n, m = mdl.n, mdl.A.shape[0]
        lp.num_col_, lp.num_row_ = n, m
        lp.col_cost_ = mdl.c
        lp.col_lower_, lp.col_upper_ = mdl.lb, mdl.ub
        lp.row_lower_ = np.where(np.isneginf(mdl.row_lb), -inf, mdl.row_lb)
        lp.row_upper_ = np.where(np.isposinf(mdl.row_ub), inf, mdl.row_ub)
        a = mdl.A.tocsr()
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = n, m
        lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = a.indptr, a.indices, a.data
        kinds = (highspy.HighsVarType.kContinuous, highspy.HighsVarType.kInteger)
        lp.integrality_ = [kinds[int(v)] for v in mdl.integrality]
        self.h = highspy.Highs()
        self.h.setOptionValue("output_flag", False)
        self.h.setOptionValue("threads", THREADS)
        self.h.passModel(lp)
        self.mdl = mdl
        self._columns = np.arange(n, dtype=np.int32)

    def run(self, lb: np.ndarray, ub: np.ndarray, seconds: float, gap: float,
            start: np.ndarray | None = None, relax: bool = False) -> np.ndarray | None:
        """A solution within bounds ``lb``–``ub`` (rounded binaries), or None."""
        h = self.h
        h.changeColsBounds(self.mdl.n, self._columns, lb, ub)
        h.setOptionValue("solve_relaxation", bool(relax))
        h.setOptionValue("time_limit", max(float(seconds), 0.05))
        h.setOptionValue("mip_rel_gap", float(gap))
        if start is not None:
            given = self._hs.HighsSolution()
            given.col_value = start.tolist()
            given.value_valid = True
            h.setSolution(given)
        h.run()
        solution = h.getSolution()
        if not solution.value_valid:
            return None
        x = np.asarray(solution.col_value, dtype=float)
        if relax:
            return x
        x = _clean(x, self.mdl)
        return x if _feasible(self.mdl, x, 1e-6, lb, ub) else None


def _task_columns(problem: StaffingProblem, mdl: _Model) -> list[np.ndarray]:
    """Per task, the columns that say how it is staffed (R, team size, A, its uncovered
    requirements, no R, no A): what a neighbourhood fixes for the tasks outside it."""
    off = mdl.offsets
    out: list[list[int]] = [[] for _ in problem.task_ids]
    for i, (t, _p, _n) in enumerate(mdl.r_triples):
        out[t].append(off["x"] + i)
    for j, (t, _n) in enumerate(mdl.sizes):
        out[t].append(off["k"] + j)
    for j, (t, _p) in enumerate(mdl.a_pairs):
        out[t].append(off["a"] + j)
    for q, (t, _k) in enumerate(mdl.req_rows):
        out[t].append(off["v"] + q)
    for t in range(len(problem.task_ids)):
        out[t] += [off["w"] + t, off["z"] + t]
    return [np.array(c, dtype=np.int64) for c in out]


def _restricted_bounds(problem: StaffingProblem, mdl: _Model, *solutions: np.ndarray) -> np.ndarray:
    """Upper bounds that close every R candidate (all team sizes) and A candidate no
    solution among ``solutions`` uses, kept and locked ones aside: the neighbourhood
    where the relaxation says the optimum lies."""
    off = mdl.offsets
    used = np.zeros(mdl.n, dtype=bool)
    for sol in solutions:
        used |= sol > 1e-3
    pairs = {(t, p) for i, (t, p, _n) in enumerate(mdl.r_triples) if used[off["x"] + i]} | problem.fixed_r
    ub = mdl.ub.copy()
    for i, (t, p, _n) in enumerate(mdl.r_triples):
        if (t, p) not in pairs:
            ub[off["x"] + i] = 0.0
    for j, (t, p) in enumerate(mdl.a_pairs):
        if not used[off["a"] + j] and (t, p) not in problem.fixed_a:
            ub[off["a"] + j] = 0.0
    return ub


def _improve(problem: StaffingProblem, mdl: _Model, solver: _Highs, sol: np.ndarray, deadline: float,
             window_size: int = 150, step_limit: float = 4.0, gap: float = 1e-4) -> np.ndarray:
    """Large-neighbourhood search: re-solve, with HiGHS, windows of tasks (by start month,
    each overlapping the previous by half) while the rest keeps its staffing (fixed
    through the model's bounds, the model itself unchanged); keep each better staffing;
    stop at ``deadline`` or when a whole pass improves nothing.

    A window that HiGHS solves slowly (a free reassignment has many more choices per task)
    makes the next ones smaller, a quick one larger: about half a second each. ``gap`` is
    relative to the whole objective, most of which a window cannot change: hence far below
    the direct solve's."""
    order = sorted(range(len(problem.task_ids)),
                   key=lambda t: (min((m for m, _ in problem.task_spread[t]), default=0), t))
    columns = _task_columns(problem, mdl)
    best, best_obj = sol, float(mdl.c @ sol)
    size = window_size
    while time.perf_counter() < deadline - 0.2:
        improved = False
        position = 0
        while position < len(order):
            seconds = min(step_limit, deadline - time.perf_counter())
            if seconds < 0.2:
                break
            window = set(order[position:position + size])
            position += max(size // 2, 1)
            outside = [columns[t] for t in range(len(problem.task_ids)) if t not in window]
            fixed = np.concatenate(outside) if outside else np.zeros(0, dtype=np.int64)
            lb, ub = mdl.lb.copy(), mdl.ub.copy()
            lb[fixed] = ub[fixed] = best[fixed]
            began = time.perf_counter()
            found = solver.run(lb, ub, seconds, gap, start=best)
            took = time.perf_counter() - began
            size = max(20, size // 2) if took > 1.0 else min(300, size * 3 // 2) if took < 0.25 else size
            if found is None:
                continue
            value = float(mdl.c @ found)
            if value < best_obj - 1e-6:
                best, best_obj, improved = found, value, True
        if not improved:
            break
    return best


def solve(problem: StaffingProblem, time_limit: float = DEFAULT_TIME_LIMIT, mip_gap: float = 1e-2,
          use_solver: bool = True, direct_limit: int = DIRECT_LIMIT) -> StaffingResult:
    """Solve the staffing problem within ``time_limit``; never worse than the greedy one.

    A model of at most ``direct_limit`` binaries (a workshop of ordinary size) goes to
    HiGHS whole. A bigger one is handed to HiGHS once (``_Highs``) and solved in stages
    that only change its bounds: its linear relaxation, rounded into a staffing
    (``_greedy`` guided by it); the programme on the people the relaxation and these
    staffings use (``_restricted_bounds``); then a large-neighbourhood search improves the
    best staffing so far: windows of tasks are re-solved by HiGHS, starting from it, while
    the others keep theirs (``_improve``). Each stage only replaces the staffing when it
    does better by the same objective.

    Parameters
    ----------
    problem : from ``build_problem``.
    time_limit : seconds for the whole solve (HiGHS gets what is left after the model and
        the greedy staffing are built); ``DEFAULT_TIME_LIMIT`` (5 s) by default.
    mip_gap : relative optimality gap at which HiGHS stops the direct solve (1 %).
    use_solver : False gives the greedy assignment alone (the benchmark's baseline).
    direct_limit : binaries up to which the whole programme goes to HiGHS at once.
    """
    start = time.perf_counter()
    mdl = _build_model(problem)
    greedy = _greedy(problem, mdl)
    greedy_obj = float(mdl.c @ greedy)
    best, best_obj = greedy, greedy_obj
    method, message = ("greedy", L.STAFFING_SOLVER["greedy"]) if use_solver else \
        ("greedy_only", L.STAFFING_SOLVER["greedy_only"])

    def left() -> float:
        return time_limit - (time.perf_counter() - start)

    def consider(sol: np.ndarray, how: str, text: str) -> None:
        nonlocal best, best_obj, method, message
        value = float(mdl.c @ sol)
        # A proven optimum is named as such even when the greedy staffing was as good.
        if value < best_obj - 1e-7 or (how == "optimal" and value <= best_obj + 1e-7):
            best, best_obj, method, message = sol, value, how, text

    if use_solver and not mdl.n:  # nothing to staff: nothing can be better
        method, message = "optimal", L.STAFFING_SOLVER["optimal"]
    if use_solver and mdl.n:
        if int(mdl.integrality.sum()) <= direct_limit:
            res = _milp(mdl, left(), mip_gap)
            if res.x is not None:
                sol = _clean(res.x, mdl)
                if res.status == 0:
                    consider(sol, "optimal", L.STAFFING_SOLVER["optimal"])
                else:
                    gap = float(getattr(res, "mip_gap", np.nan) or 0.0)
                    consider(sol, "time_limit", L.STAFFING_SOLVER["time_limit"].format(gap=F.percent(gap)))
        else:
            solver = _Highs(mdl)
            relaxed = solver.run(mdl.lb, mdl.ub, left() * 0.4, mip_gap, relax=True)
            window = 150
            if relaxed is not None:
                rounded = _greedy(problem, mdl, relaxed)
                consider(rounded, "rounding", L.STAFFING_SOLVER["rounding"])
                # The programme on the people the relaxation and the staffings so far use.
                narrow = solver.run(mdl.lb, _restricted_bounds(problem, mdl, relaxed, rounded, greedy),
                                    left() * 0.5, min(mip_gap, 1e-4), start=best)
                if narrow is not None:
                    consider(narrow, "restricted", L.STAFFING_SOLVER["restricted"])
            else:  # a relaxation too slow for the time given: small windows from the greedy staffing
                window = 40
            # what is left, but the time to write the result (a few tenths of a second)
            consider(_improve(problem, mdl, solver, best, start + time_limit - RESULT_SECONDS, window),
                     "neighbourhood", L.STAFFING_SOLVER["neighbourhood"])
    seconds = time.perf_counter() - start
    return _result(problem, mdl, best, best_obj, greedy_obj, method, message, seconds)


def _clean(x: np.ndarray, mdl: _Model) -> np.ndarray:
    """Round the binaries (the solver returns them within a tolerance)."""
    out = x.copy()
    ints = mdl.integrality == 1
    out[ints] = np.round(out[ints])
    small = np.abs(out) < 1e-9
    out[small] = 0.0
    return out


# --- explaining the result ---------------------------------------------------------------------

def _span(problem: StaffingProblem, t: int) -> str:
    ms = [problem.months[m] for m, _f in problem.task_spread[t]]
    if not ms:
        return ""
    return F.month(f"{ms[0]}-01") if len(ms) == 1 else f"{F.month(f'{ms[0]}-01')} → {F.month(f'{ms[-1]}-01')}"


def _result(problem: StaffingProblem, mdl: _Model, sol: np.ndarray, objective: float, greedy_obj: float,
            method: str, message: str, seconds: float) -> StaffingResult:
    R = L.STAFFING_REASONS
    off = mdl.offsets
    names = problem.person_names
    rows: list[dict[str, Any]] = []
    loads = problem.loads
    chosen_r = {(t, p): r_days(problem, t, p, n) for i, (t, p, n) in enumerate(mdl.r_triples)
                if sol[off["x"] + i] > 0.5}
    chosen_a = {(t, p) for j, (t, p) in enumerate(mdl.a_pairs) if sol[off["a"] + j] > 0.5}

    left_cap = problem.capacity.copy()
    for (t, p), days in chosen_r.items():
        for m, f in problem.task_spread[t]:
            left_cap[p, m] -= days * f
    for (t, p) in chosen_a:
        days = a_days(problem, t, p)
        for m, f in problem.task_spread[t]:
            left_cap[p, m] -= days * f

    def status(t: int, p: int, letter: str) -> str:
        if (t, p, letter) in problem.locked:
            return "locked"
        existing = problem.existing_r if letter == "R" else problem.existing_a
        return "kept" if (t, p) in existing else "new"

    for (t, p), days in sorted(chosen_r.items()):
        parts = []
        for cid, level in problem.requirements[t]:
            s, _v = problem.levels.get((problem.person_ids[p], cid), (0, 0))
            if s >= level:
                parts.append(R["level"].format(level=s, competence=problem.competence_names.get(cid, cid),
                                               required=level))
                others = [q for q in problem.r_candidates[t] if q != p and _meets(problem, q, cid, level)]
                if not others:
                    parts.append(R["only"])
        vouloirs = [problem.levels[(problem.person_ids[p], c)][1] for c, _l in problem.requirements[t]
                    if (problem.person_ids[p], c) in problem.levels]
        if vouloirs:
            parts.append(R["motivation"].format(vouloir=F.number(float(np.mean(vouloirs)))))
        if days > _EPS:
            parts.append(R["days"].format(days=F.days(float(days)), months=_span(problem, t)))
        elif all(left_cap[p, m] > _EPS for m, _f in problem.task_spread[t]):
            parts.append(R["no_days_others"])
        else:
            parts.append(R["no_days_full"])
        st = status(t, p, "R")
        parts.append(R[st])
        rows.append(_assignment(problem, t, p, "R", float(days), st, " ; ".join(parts)))
    approvers = _approvers(problem)
    for (t, p) in sorted(chosen_a):
        st = status(t, p, "A")
        action = problem.action_ids[t]
        if (t, p) in problem.existing_a:
            why = R["a_kept"]
        elif problem.pilots.get(action) == p:
            why = R["pilot"]
        elif (action, p) in approvers:
            why = R["a_sibling"]
        else:
            why = R["a_role"].format(role=problem.roles[p] if problem.roles else "")
        parts = [why, R[st]] if st != "kept" else [why]
        rows.append(_assignment(problem, t, p, "A", a_days(problem, t, p), st, " ; ".join(parts)))
    for (t, p) in sorted(problem.existing_r - set(chosen_r)):
        rows.append(_assignment(problem, t, p, "R", 0.0, "dropped", R["dropped"]))
    for (t, p) in sorted(problem.existing_a - chosen_a):
        rows.append(_assignment(problem, t, p, "A", 0.0, "dropped", R["dropped"]))
    assignments = pd.DataFrame(rows, columns=["task_id", "task", "action_id", "person_id", "person", "letter",
                                              "days", "status", "reason"])
    order = {t: i for i, t in enumerate(problem.task_ids)}
    assignments = assignments.sort_values(["task_id", "letter", "person_id"],
                                          key=lambda s: s.map(order) if s.name == "task_id" else s,
                                          kind="stable").reset_index(drop=True)

    # What stays uncovered, and why.
    left = []
    for t, tid in enumerate(problem.task_ids):
        u = loads[t] if sol[off["w"] + t] > 0.5 else 0.0
        if u > 1e-3:
            cands = [q for q in problem.r_candidates[t]]
            if cands:
                who = ", ".join(names[q] for q in cands[:5]) + ("…" if len(cands) > 5 else "")
                reason = R["uncovered_days"].format(amount=F.days(float(u)), who=who, months=_span(problem, t))
            else:
                reason = R["uncovered_days_nobody"].format(amount=F.days(float(u)))
            left.append(_uncovered(problem, t, "days", None, round(float(u), 2), reason))
    for q, (t, k) in enumerate(mdl.req_rows):
        if sol[off["v"] + q] > 0.5:
            cid, level = problem.requirements[t][k]
            left.append(_uncovered(problem, t, "competence", cid, level, R["uncovered_competence"].format(
                required=level, competence=problem.competence_names.get(cid, cid))))
    for t in range(len(problem.task_ids)):
        if sol[off["w"] + t] > 0.5 and loads[t] <= 1e-3:
            left.append(_uncovered(problem, t, "no_r", None, 1, R["uncovered_no_r"]))
        if sol[off["z"] + t] > 0.5:
            left.append(_uncovered(problem, t, "no_a", None, 1, R["uncovered_no_a"]))
    for k, (p, m) in enumerate(mdl.cap_rows):
        o = sol[off["o"] + k]
        if o > 1e-3:
            left.append({"task_id": None, "task": None, "what": "overload", "competence_id": None,
                         "amount": round(float(o), 2), "months": problem.months[m],
                         "reason": R["uncovered_overload"].format(person=names[p], amount=F.days(float(o)),
                                                                  month=F.month(f"{problem.months[m]}-01"))})
    uncovered = pd.DataFrame(left, columns=["task_id", "task", "what", "competence_id", "amount", "months", "reason"])

    load_rows = []
    used = problem.capacity - left_cap
    for p, pid in enumerate(problem.person_ids):
        if problem.capacity[p].sum() <= 0 and used[p].sum() <= _EPS:
            continue
        for m, month in enumerate(problem.months):
            load_rows.append({"person_id": pid, "person": names[p], "month": month,
                              "load": float(used[p, m]), "capacity": float(problem.capacity[p, m])})
    load = pd.DataFrame(load_rows, columns=["person_id", "person", "month", "load", "capacity"])
    return StaffingResult(assignments, uncovered, load, objective, greedy_obj, method, message, seconds, sol)


def _assignment(problem: StaffingProblem, t: int, p: int, letter: str, days: float, status: str,
                reason: str) -> dict[str, Any]:
    return {"task_id": problem.task_ids[t], "task": problem.task_names[t], "action_id": problem.action_ids[t],
            "person_id": problem.person_ids[p], "person": problem.person_names[p], "letter": letter,
            "days": round(days, 2), "status": status, "reason": reason}


def _uncovered(problem: StaffingProblem, t: int, what: str, cid: str | None, amount: float,
               reason: str) -> dict[str, Any]:
    return {"task_id": problem.task_ids[t], "task": problem.task_names[t], "what": what, "competence_id": cid,
            "amount": amount, "months": _span(problem, t), "reason": reason}


# --- the entry points ----------------------------------------------------------------------------

def propose_staffing(frames: Frames, locks: Any = None, reassign: bool = False,
                     time_limit: float = DEFAULT_TIME_LIMIT,
                     weights: Weights = DEFAULT_WEIGHTS, max_candidates: int = MAX_CANDIDATES,
                     a_share: float = workload.A_SHARE, max_team: int = MAX_TEAM,
                     allow_external: bool = False) -> StaffingResult:
    """Propose who does (R) and who approves (A) each task of the horizon.

    Only the organisation's own people are proposed unless ``allow_external`` (see
    ``build_problem``).

    Parameters
    ----------
    frames : the workshop's frames (``Store.frames()``), or a scenario's.
    locks : the consultant's locks (``task_id, person_id, letter, locked``): lock a person
        in (True) or out (False) of a task, then run again.
    reassign : False keeps the existing validated R and A; True lets them move.
    time_limit : seconds given to the solver (``DEFAULT_TIME_LIMIT``, 5 s).
    weights : the objective's coefficients (``Weights``).
    max_candidates : R candidates kept per task (plus the existing and locked ones).
    a_share : the A's share of a task's load (``workload.A_SHARE``).
    max_team : at most this many R per task (``MAX_TEAM``; one more than the kept R).

    Returns
    -------
    ``StaffingResult``: assignments with a French reason each, what stays uncovered and
    why, the load per person and month the proposal gives, the objective against the
    greedy one.

    Example
    -------
    >>> from toolkit.demo import demo_records
    >>> frames = {k: pd.DataFrame(v) for k, v in demo_records().items()}
    >>> r = propose_staffing(frames)
    >>> kept = r.assignments[r.assignments["status"] != "dropped"]  # "dropped": taken off by the proposal
    >>> bool((kept.groupby("task_id")["letter"].apply(lambda s: (s == "A").sum()) <= 1).all())
    True
    """
    problem = build_problem(frames, locks=locks, reassign=reassign, a_share=a_share,
                            max_candidates=max_candidates, weights=weights, max_team=max_team,
                            allow_external=allow_external)
    return solve(problem, time_limit=time_limit)


def as_changes(result: StaffingResult) -> list[dict[str, Any]]:
    """The proposal as scenario changes (``scenarios.assign``/``unassign``), to store it as
    a scenario and compare it with the reference."""
    out: list[dict[str, Any]] = []
    a = result.assignments
    for row in a.itertuples():
        if row.status == "dropped":
            out.append({"op": "retrait", "tache": row.task_id, "personne": row.person_id, "lettre": row.letter})
    for row in a.itertuples():
        if row.status in ("new", "locked"):
            out.append({"op": "affectation", "tache": row.task_id, "personne": row.person_id, "lettre": row.letter})
    return out


def readable(df: pd.DataFrame) -> pd.DataFrame:
    """An assignments or uncovered table with French headers and words."""
    out = df.copy()
    if "status" in out.columns:
        out["status"] = out["status"].map(lambda v: L.STAFFING_STATUSES.get(v, v))
    if "what" in out.columns:
        out["what"] = out["what"].map(lambda v: L.STAFFING_UNCOVERED.get(v, v))
    return out.rename(columns=L.STAFFING_COLUMNS)
