"""Step 4 of the method: the organigramme des tâches et des responsabilités (RACI).

Each task (under an action, under an axis) gets letters per person: **R** réalise,
**A** approuve / pilote (exactly one per task), **C** consulté, **I** informé. This module
reads the matrix, checks it against the method's rules and edits it with history.

Only rows whose ``status`` is ``"validée"`` are the matrix; ``"proposée"`` rows are the
participants' proposals, shown apart until the consultant accepts or rejects them.

The checks (``check``) take the workshop's DataFrames (``Store.frames()``) and return one
DataFrame of findings, one row per finding, with the check's code, the task, the persons
and a French explanation:

========================  ==================================================================
code                      rule
========================  ==================================================================
``no_a``                  a task without A
``several_a``             a task with several A
``no_r``                  a task without R
``a_not_in_team``         an A who is not in the project team (``persons.in_team``)
``r_lacks_competence``    an R whose level (savoir) is below a competence the task requires
``too_many_ci``           more than ``max_consulted_informed`` C and I on one task
``doublon``               two R or more holding the same required competence on one task
``no_capacity``           a person who is R or A somewhere but has 0 day a month of capacity
``pilot_not_a``           an action whose pilot is A on none of its tasks
========================  ==================================================================

Notes
-----
The RACI matrix (Responsible, Accountable, Consulted, Informed) is the classic tool of
responsibility assignment (PMI, *PMBOK Guide*, "Responsibility Assignment Matrix"); the
rules above follow the method's step 4 (one A, at least one R, no A outside the project,
no overload of C/I, doublons and pertes de temps). A person's level in a competence is the
*savoir agir* of Le Boterf's three dimensions, the consultant's assessment taking
precedence over the self-assessment.

Example
-------
>>> from toolkit.core.store import Store
>>> from toolkit.demo import build_demo
>>> s = Store("sqlite://"); build_demo(s)
>>> findings = check(s.frames())
>>> findings.loc[findings.check == "several_a", "task_id"].tolist()
['TAC-023']
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

import numpy as np
import pandas as pd
import sqlalchemy as sa

from . import memo
from .core import formats, model
from .core import french as W
from .core import labels as L
from .core import values as V
from .core import permissions as P
from .competences import resolve_assessments
from .core.errors import AccessDenied, ConflictError, NotFoundError, Problem, ValidationError
from .core.gc_pause import paused
from .core.store import TABLES, Store

VALIDATED = V.STATUS_VALIDATED
PROPOSED = V.STATUS_PROPOSED
REJECTED = V.STATUS_REJECTED
LETTERS: tuple[str, ...] = L.RACI_LETTERS
CHECKS: tuple[str, ...] = tuple(L.RACI_CHECKS)
FINDING_COLUMNS = ["check", "title", "action_id", "task_id", "task", "person_ids", "persons",
                   "competence_id", "explanation"]
# A task with more C and I than this calls for too many meetings (method, step 4).
MAX_CONSULTED_INFORMED = 4


# --- inputs ---------------------------------------------------------------------------

def kind_frame(frames: Mapping[str, pd.DataFrame], kind: str) -> pd.DataFrame:
    """The frame of ``kind``, or an empty one with the model's columns when absent."""
    df = frames.get(kind)
    if df is None:
        return pd.DataFrame(columns=["id"] + model.KINDS[kind].field_names)
    return df


def letter_rows(frames: Mapping[str, pd.DataFrame], statuses: Iterable[str] = (VALIDATED,)) -> pd.DataFrame:
    """RACI rows with one of ``statuses`` whose task exists, with the task's action."""
    raci = kind_frame(frames, "raci")
    tasks = kind_frame(frames, "tasks")
    rows = raci.loc[raci["status"].isin(list(statuses)), ["id", "task_id", "person_id", "letter"]]
    return rows.merge(tasks[["id", "action_id"]].rename(columns={"id": "task_id"}), on="task_id", how="inner")


def count_letters(letters: pd.DataFrame, task_ids: pd.Series) -> pd.DataFrame:
    """Letters per task: a frame indexed by task id with one count column per letter."""
    counts = letters.groupby(["task_id", "letter"]).size().unstack("letter", fill_value=0)
    return counts.reindex(index=task_ids, columns=list(LETTERS), fill_value=0)


def _group_ids(keys: Iterable[Any], ids: Iterable[str]) -> dict[Any, list[str]]:
    """``{key: sorted distinct ids}`` — plain Python: far faster than a groupby with a
    Python function per group, and the groups are small."""
    out: dict[Any, set[str]] = {}
    # Python lists: iterating a pandas string column costs a method call per element
    keys = keys.tolist() if isinstance(keys, pd.Series) else keys
    ids = ids.tolist() if isinstance(ids, pd.Series) else ids
    for key, rid in zip(keys, ids):
        out.setdefault(key, set()).add(rid)
    return {k: sorted(v) for k, v in out.items()}


def _cell_letters(letters: pd.DataFrame) -> dict[tuple[str, str], str]:
    """``{(task, person): "A/R"}``: a person's distinct letters on a task, in RACI order."""
    found: dict[tuple[str, str], set[str]] = {}
    for tid, pid, letter in zip(letters["task_id"].tolist(), letters["person_id"].tolist(),
                                letters["letter"].tolist()):
        if isinstance(tid, str) and isinstance(pid, str):
            found.setdefault((tid, pid), set()).add(letter)
    return {k: "/".join(sorted(v, key=LETTERS.index)) for k, v in found.items()}


def _join_names(ids: Iterable[str], names: Mapping[str, str]) -> str:
    return ", ".join(names.get(i, i) for i in ids)


def _all(person_ids: Iterable[str], civilities: Mapping[str, Any]) -> str:
    """« tous », or « toutes » when every one of them is a woman (« Madame »)."""
    women = [W.gender(civilities.get(pid)) == W.FEMININE for pid in person_ids]
    return L.RACI_WORDS["all_women"] if women and all(women) else L.RACI_WORDS["all"]


# --- checks ---------------------------------------------------------------------------

def check(frames: Mapping[str, pd.DataFrame], max_consulted_informed: int = MAX_CONSULTED_INFORMED,
          team_covers: bool = True, statuses: Iterable[str] = (VALIDATED,)) -> pd.DataFrame:
    """Check the RACI matrix against the method's rules.

    Parameters
    ----------
    frames : the workshop's DataFrames (``Store.frames()``); uses ``tasks``, ``raci``,
        ``persons``, ``actions``, ``requirements``, ``assessments``, ``competences``.
    max_consulted_informed : a task with more C and I than this is reported (``too_many_ci``).
    team_covers : for ``r_lacks_competence``, a requirement met by another R of the same task
        is not reported (the R's share the work); ``False`` reports every R below the level.
    statuses : the RACI rows that count; ``("validée", "proposée")`` shows what the matrix
        would be if every proposal were accepted.

    Returns
    -------
    DataFrame with columns ``check`` (code, see the module's table), ``title`` (French),
    ``action_id``, ``task_id`` (None for person- or action-level findings), ``task`` (name),
    ``person_ids`` (list), ``persons`` (names), ``competence_id`` and ``explanation`` (French).
    Ordered by check, then action, then task.

    Example
    -------
    >>> from toolkit.demo import build_demo
    >>> s = Store("sqlite://"); build_demo(s)
    >>> sorted(check(s.frames()).query("check == 'no_r'").task_id)
    ['TAC-026', 'TAC-043', 'TAC-045']
    """
    statuses = tuple(statuses)
    # Shared per frame set (toolkit.memo): the carnet, the restitution and the deliverable
    # check the same matrix with the same rules.
    return memo.shared("raci.check", frames, _CHECK_KINDS,
                       lambda: _paused_check(frames, max_consulted_informed, team_covers, statuses),
                       max_consulted_informed, team_covers, statuses)


# Every frame ``check`` reads.
_CHECK_KINDS = ("tasks", "persons", "raci", "competences", "requirements", "assessments", "actions")


def _paused_check(frames: Mapping[str, pd.DataFrame], max_consulted_informed: int, team_covers: bool,
                  statuses: tuple[str, ...]) -> pd.DataFrame:
    with paused():  # a finding dict per task and rule, dropped once framed (core.gc_pause)
        return _check(frames, max_consulted_informed, team_covers, statuses)


def _check(frames: Mapping[str, pd.DataFrame], max_consulted_informed: int, team_covers: bool,
           statuses: tuple[str, ...]) -> pd.DataFrame:
    """``check`` itself (its memo aside)."""
    tasks = kind_frame(frames, "tasks")
    persons = kind_frame(frames, "persons")
    names = model.names(frames, "persons")
    civilities = dict(zip(persons["id"].tolist(), persons["civility"].tolist())) if "civility" in persons else {}
    letters = letter_rows(frames, statuses)
    task_name = dict(zip(tasks["id"].tolist(), tasks["name"].tolist()))
    task_action = dict(zip(tasks["id"].tolist(), tasks["action_id"].tolist()))
    comp_name = dict(zip(kind_frame(frames, "competences")["id"], kind_frame(frames, "competences")["name"]))

    counts = count_letters(letters, tasks["id"])
    by_letter = {x: letters.loc[letters["letter"] == x] for x in LETTERS}
    people = {x: _group_ids(df["task_id"], df["person_id"]) for x, df in by_letter.items()}

    out: list[dict[str, Any]] = []

    def add(code: str, task_id: str | None, person_ids: list[str], action_id: str | None = None,
            competence_id: str | None = None, **fmt: Any) -> None:
        task = task_name.get(task_id) if task_id else None
        who = _join_names(person_ids, names)
        out.append({
            "check": code, "title": L.RACI_CHECKS[code],
            "action_id": action_id if action_id else task_action.get(task_id),
            "task_id": task_id, "task": task, "person_ids": list(person_ids), "persons": who,
            "competence_id": competence_id,
            # in a sentence, « Martine Gérard et Céline Kieffer »; in the column, a list
            "explanation": L.RACI_EXPLAIN[code].format(
                task=task, persons=formats.join(names.get(i, i) for i in person_ids), **fmt),
        })

    for tid in counts.index[counts["A"] == 0]:
        add("no_a", tid, [])
    for tid in counts.index[counts["A"] > 1]:
        ids = people["A"][tid]
        add("several_a", tid, ids, n=len(ids))
    load = dict(zip(tasks["id"].tolist(), tasks["load_days"].tolist()))
    for tid in counts.index[counts["R"] == 0]:
        add("no_r", tid, [], load=formats.days(float(load.get(tid) or 0), long=True))

    # An A outside the project team: in_team unknown counts as in the team (its default).
    in_team = persons.set_index("id")["in_team"].astype("boolean").fillna(True)
    outsiders = by_letter["A"].loc[~by_letter["A"]["person_id"].map(in_team).fillna(True).astype(bool)]
    for tid, pid in outsiders[["task_id", "person_id"]].drop_duplicates().itertuples(index=False):
        add("a_not_in_team", tid, [pid])

    # Competences: every R of a task against every competence the task requires.
    req = kind_frame(frames, "requirements")[["task_id", "competence_id", "level"]]
    # The level retained for a person: step 3's one home for it (consultant over self).
    levels = resolve_assessments(kind_frame(frames, "assessments"))[["person_id", "competence_id", "savoir", "source"]]
    r_req = (by_letter["R"][["task_id", "person_id"]].drop_duplicates()
             .merge(req, on="task_id", how="inner")
             .merge(levels, on=["person_id", "competence_id"], how="left"))
    r_req["held"] = r_req["savoir"].fillna(-1) >= r_req["level"]
    lacking = r_req.loc[~r_req["held"]]
    if team_covers:
        covered = r_req.groupby(["task_id", "competence_id"])["held"].any()
        key = pd.MultiIndex.from_frame(lacking[["task_id", "competence_id"]])
        lacking = lacking.loc[~covered.reindex(key).to_numpy(dtype=bool)]
    for row in lacking.sort_values(["task_id", "competence_id", "person_id"]).itertuples(index=False):
        shown = (L.RACI_LEVEL_NONE if pd.isna(row.savoir)
                 else L.RACI_LEVEL_SHOWN.format(level=int(row.savoir), source=row.source))
        add("r_lacks_competence", row.task_id, [row.person_id], competence_id=row.competence_id,
            competence=comp_name.get(row.competence_id, row.competence_id),
            required=int(row.level), level=shown)

    ci = counts["C"] + counts["I"]
    ci_rows = pd.concat([by_letter["C"], by_letter["I"]])
    ci_people = _group_ids(ci_rows["task_id"], ci_rows["person_id"])
    for tid in ci.index[ci > max_consulted_informed]:
        add("too_many_ci", tid, ci_people[tid], n=int(ci[tid]), limit=max_consulted_informed)

    held = r_req.loc[r_req["held"]]
    n_holders = held.groupby(["task_id", "competence_id"])["person_id"].nunique()
    doubled = held.set_index(["task_id", "competence_id"]).loc[n_holders.index[n_holders >= 2]].reset_index()
    ids = _group_ids(list(zip(doubled["task_id"], doubled["competence_id"])), doubled["person_id"])
    level = doubled.groupby(["task_id", "competence_id"])["level"].max()
    for (tid, cid), who in sorted(ids.items()):
        add("doublon", tid, who, competence_id=cid, all=_all(who, civilities),
            competence=comp_name.get(cid, cid), required=int(level[(tid, cid)]))

    capacity = persons.set_index("id")["capacity_days"].astype(float).fillna(0.0)
    duties = pd.concat([by_letter["R"], by_letter["A"]]).groupby("person_id")["task_id"].nunique()
    for pid, n in duties.items():
        if capacity.get(pid, 0.0) <= 0:
            add("no_capacity", None, [pid], duties=formats.count(int(n), L.RACI_WORDS["duty"]))

    actions = kind_frame(frames, "actions")
    n_tasks = tasks.groupby("action_id")["id"].size()
    approvers = set(zip(by_letter["A"]["action_id"], by_letter["A"]["person_id"]))
    for aid, name, pilot in actions[["id", "name", "pilot_id"]].itertuples(index=False):
        if pd.isna(pilot) or not pilot or n_tasks.get(aid, 0) == 0:
            continue
        if (aid, pilot) not in approvers:
            add("pilot_not_a", None, [pilot], action_id=aid, action=name,
                tasks=formats.count(int(n_tasks[aid]), L.RACI_WORDS["task"]))

    df = pd.DataFrame(out, columns=FINDING_COLUMNS)
    order = {c: i for i, c in enumerate(CHECKS)}
    df["_o"] = df["check"].map(order)
    df = df.sort_values(["_o", "action_id", "task_id"], kind="stable", na_position="first")
    return df.drop(columns="_o").reset_index(drop=True)


def summary(findings: pd.DataFrame) -> pd.DataFrame:
    """How many findings of each check (every check listed, 0 included), French titles.

    >>> summary(pd.DataFrame(columns=FINDING_COLUMNS))["count"].tolist()
    [0, 0, 0, 0, 0, 0, 0, 0, 0]
    """
    n = findings["check"].value_counts().reindex(list(CHECKS), fill_value=0)
    return pd.DataFrame({"check": list(CHECKS), "title": [L.RACI_CHECKS[c] for c in CHECKS],
                         "count": n.to_numpy(dtype=int)})


def readable(df: pd.DataFrame, brief: bool = True) -> pd.DataFrame:
    """``df`` (findings, their summary or proposals) ready to read: French headings, no
    internal codes, empty cells blank.

    Parameters
    ----------
    df : a frame of ``check``, ``summary`` or ``proposals``.
    brief : for findings, keep only the control, the action, the task and the explanation
        (which names the task and the persons); ``False`` keeps every column (for export).
    """
    out = df.copy()
    if brief and "explanation" in out:
        out = out[list(L.RACI_BRIEF_COLUMNS)]
    elif "check" in out and "title" in out and brief:
        out = out.drop(columns="check")
    if "person_ids" in out:
        out["person_ids"] = out["person_ids"].map(lambda ids: ", ".join(ids) if isinstance(ids, list) else ids)
    columns = {**L.RACI_FINDING_COLUMNS, **L.RACI_PROPOSAL_COLUMNS}
    out = out.astype(object).where(out.notna(), "").reset_index(drop=True)
    return out.rename(columns={k: v for k, v in columns.items() if k in out})


# --- reading the matrix ---------------------------------------------------------------

def matrix(frames: Mapping[str, pd.DataFrame], action_id: str | None = None,
           statuses: Iterable[str] = (VALIDATED,), names: bool = False) -> pd.DataFrame:
    """The RACI matrix: one row per task, one column per person involved, letters in cells.

    Parameters
    ----------
    frames : the workshop's DataFrames.
    action_id : only the tasks of this action (and the persons involved in them).
    statuses : which rows count (the validated matrix by default).
    names : head the person columns with names rather than ids (for reading).

    Returns
    -------
    DataFrame indexed by task id, first column ``task`` (the name), then one column per
    person id (ordered by id) whose cells hold the letters ("" when none; "A/R" when a
    person holds two letters on a task).

    Example
    -------
    >>> from toolkit.demo import build_demo
    >>> s = Store("sqlite://"); build_demo(s)
    >>> matrix(s.frames(), "ACN-16").loc["TAC-050", "PER-05"]
    'A'
    """
    with paused():  # a cell per task and person, a text column per person (core.gc_pause)
        return _matrix(frames, action_id, tuple(statuses), names)


def _matrix(frames: Mapping[str, pd.DataFrame], action_id: str | None, statuses: tuple[str, ...],
            names: bool) -> pd.DataFrame:
    """``matrix`` itself (the collector's pause aside)."""
    tasks = kind_frame(frames, "tasks")
    if action_id is not None:
        tasks = tasks.loc[tasks["action_id"] == action_id]
    letters = letter_rows(frames, statuses)
    letters = letters.loc[letters["task_id"].isin(tasks["id"])]
    # Plain dicts rather than a groupby with a Python function per cell (thousands of cells).
    held = _cell_letters(letters)
    columns: dict[str, dict[str, str]] = {}
    for (tid, pid), text in held.items():
        columns.setdefault(pid, {})[tid] = text
    task_ids = tasks["id"].tolist()
    people = sorted(columns)
    grid = np.full((len(task_ids), len(people)), "", dtype=object)
    row_of: dict[str, list[int]] = {}
    for i, tid in enumerate(task_ids):
        row_of.setdefault(tid, []).append(i)
    for j, pid in enumerate(people):
        for tid, text in columns[pid].items():
            grid[row_of[tid], j] = text
    # one block of text columns at once (a frame column by column infers each one's type)
    cells = pd.DataFrame(grid, index=pd.Index(tasks["id"]), columns=people, dtype="str")
    cells.insert(0, "task", tasks.set_index("id")["name"].reindex(cells.index))
    cells.index.name = "task_id"
    cells.columns.name = None
    if names:
        who = model.names(frames, "persons")
        cells = cells.rename(columns={p: who.get(p, p) for p in cells.columns[1:]})
        cells = cells.rename(columns={"task": L.RACI_FINDING_COLUMNS["task"]})
        cells.index.name = L.RACI_FINDING_COLUMNS["task_id"]
    return cells


def proposals(frames: Mapping[str, pd.DataFrame], status: str = PROPOSED) -> pd.DataFrame:
    """The participants' proposals (pending by default), with names and the cell's current letter.

    Returns
    -------
    DataFrame ``id, action_id, task_id, task, person_id, person, letter, current,
    proposed_by, proposer, comment`` ordered by task then person; ``current`` is the
    validated letter of that person on that task ("—" when none).
    """
    raci = kind_frame(frames, "raci")
    tasks = kind_frame(frames, "tasks")
    names = model.names(frames, "persons")
    rows = raci.loc[raci["status"] == status].copy()
    rows = rows.merge(tasks[["id", "action_id", "name"]].rename(columns={"id": "task_id", "name": "task"}),
                      on="task_id", how="left")
    current = _cell_letters(letter_rows(frames))
    key = list(zip(rows["task_id"], rows["person_id"]))
    rows["current"] = [current.get(k, L.RACI_NO_LETTER) for k in key]
    rows["person"] = rows["person_id"].map(names)
    rows["proposer"] = rows["proposed_by"].map(names)
    cols = list(L.RACI_PROPOSAL_COLUMNS)
    return rows[cols].sort_values(["task_id", "person_id", "id"]).reset_index(drop=True)


def actions_of_person(frames: Mapping[str, pd.DataFrame], person_id: str) -> list[str]:
    """The actions a participant may propose letters for: those they pilot or hold a
    validated letter on (any task of the action).

    >>> from toolkit.demo import build_demo
    >>> s = Store("sqlite://"); build_demo(s)
    >>> actions_of_person(s.frames(), "PER-05")
    ['ACN-12', 'ACN-16']
    """
    actions = kind_frame(frames, "actions")
    letters = letter_rows(frames)
    mine = set(actions.loc[actions["pilot_id"] == person_id, "id"])
    mine |= set(letters.loc[letters["person_id"] == person_id, "action_id"])
    return sorted(mine)


# --- editing (every write checked by the rights table, then the store: validated, with history)

def _letter(value: Any, allow_empty: bool) -> str | None:
    text = "" if value is None else str(value).strip().upper()
    if text in ("", L.RACI_NO_LETTER) and allow_empty:
        return None
    if text in LETTERS:
        return text
    expected = L.RACI_ERRORS["letter_expected"].format(letters=", ".join(LETTERS))
    raise ValidationError([Problem(L.FIELD_LABELS["letter"], value, expected)], L.RACI_ERRORS["letter"])


def _cell_rows(conn: sa.Connection, task_id: str, person_id: str, status: str = VALIDATED) -> list[dict]:
    t = TABLES["raci"]
    q = sa.select(t).where(t.c.task_id == task_id, t.c.person_id == person_id,
                           t.c.status == status).order_by(t.c.id)
    return [dict(r._mapping) for r in conn.execute(q)]


def _require(store: Store, kind: str, rid: str, conn: sa.Connection, message: str, **fmt: Any) -> dict:
    try:
        return store.get(kind, rid, conn=conn)
    except NotFoundError:
        raise NotFoundError(L.RACI_ERRORS[message].format(**fmt)) from None


def set_letter(store: Store, task_id: str, person_id: str, letter: str | None, by: "str | P.Actor") -> str | None:
    """Set the validated letter of a person on a task (the cell of the matrix).

    After the call the person holds exactly ``letter`` on the task (one letter per cell);
    an empty ``letter`` (None, "" or "—") erases the cell. Every change is written with
    history (who, when, the old value); nothing changes when the letter is already there.
    Each write is checked by the rights table (``toolkit.core.permissions``): the
    consultant and the facilitator decide the matrix, a participant only proposes.

    Parameters
    ----------
    store : the workshop's store.
    task_id, person_id : the cell.
    letter : "R", "A", "C", "I" (any case), or empty to erase.
    by : who makes the change: the consultant of that name (kept in history), or an
        ``Actor`` (the facilitator on the RACI page).

    Returns
    -------
    The id of the RACI row now holding the letter, or None when the cell was erased.

    Raises
    ------
    ValidationError for a letter outside R, A, C, I; NotFoundError for an unknown task or
    person; AccessDenied (French) for someone who may not decide the matrix. Nothing is
    written then.

    Example
    -------
    >>> from toolkit.demo import build_demo
    >>> s = Store("sqlite://"); build_demo(s)
    >>> rid = set_letter(s, "TAC-050", "PER-13", "i", by="consultant")
    >>> s.get("raci", rid)["letter"]
    'I'
    """
    actor = P.Actor.of(by)
    wanted = _letter(letter, allow_empty=True)
    with store.transaction() as tx:
        _require(store, "tasks", task_id, tx, "unknown_task", task=task_id)
        _require(store, "persons", person_id, tx, "unknown_person", person=person_id)
        rows = _cell_rows(tx, task_id, person_id)
        keep = next((r for r in rows if r["letter"] == wanted), None)
        if keep is None and rows and wanted:
            keep = rows[0]
            _decide(store, actor, P.UPDATE, {"letter": wanted}, keep, tx)
        for r in rows:
            if keep is None or r["id"] != keep["id"]:
                _decide(store, actor, P.DELETE, {}, r, tx)
        if wanted and keep is None:
            return _decide(store, actor, P.INSERT, {"task_id": task_id, "person_id": person_id,
                                                     "letter": wanted, "status": VALIDATED}, None, tx)
        return keep["id"] if keep else None


def _decide(store: Store, actor: P.Actor, operation: str, data: dict[str, Any], record: dict[str, Any] | None,
            conn: sa.Connection) -> Any:
    """One write of the consultant's or facilitator's decisions, checked by the rights table.

    The table forces « proposée » on what a participant writes: a decision it would turn
    into a proposal (a letter validated, a proposal accepted or rejected) is refused, not
    quietly written as something else. Returns the new id (insert) or record (update).
    """
    checked = P.check(store, actor, operation, "raci", data, record=record, conn=conn)
    if any(checked.get(k) != v for k, v in data.items()):
        raise AccessDenied(L.RACI_ERRORS_MORE["not_yours_to_decide"])
    if operation == P.INSERT:
        return store.insert("raci", checked, by=actor.by, conn=conn)
    if operation == P.UPDATE:
        return store.update("raci", record["id"], checked, by=actor.by, conn=conn)
    store.delete("raci", record["id"], by=actor.by, conn=conn)
    return None


def propose(store: Store, task_id: str, person_id: str, letter: str, proposer_id: str,
            comment: str | None = None, by: str | None = None) -> str:
    """A participant proposes a letter for a person on a task of one of their actions.

    The proposal is a RACI row with status "proposée", attributed to ``proposer_id``
    (``proposed_by``); it changes nothing in the validated matrix until the consultant
    ``accept``s it. Proposing the same thing twice keeps one proposal (a double click
    makes no duplicate).

    Parameters
    ----------
    store : the workshop's store.
    task_id, person_id, letter : what is proposed ("R", "A", "C" or "I").
    proposer_id : the participant (a person id) making the proposal.
    comment : the participant's reason, optional.
    by : who writes, for history (defaults to ``proposer_id``).

    Returns
    -------
    The proposal's id.

    Raises
    ------
    AccessDenied when the task is not in one of the proposer's actions (the rights table's
    ``member`` rule, ``toolkit.core.permissions``); ValidationError for a bad letter;
    NotFoundError for an unknown task or person.
    """
    wanted = _letter(letter, allow_empty=False)
    with store.transaction() as tx:
        _require(store, "tasks", task_id, tx, "unknown_task", task=task_id)
        _require(store, "persons", person_id, tx, "unknown_person", person=person_id)
        proposer = _require(store, "persons", proposer_id, tx, "unknown_person", person=proposer_id)
        data = {"task_id": task_id, "person_id": person_id, "letter": wanted}
        if comment and str(comment).strip():
            data["comment"] = comment
        # checked in the write's transaction: the right and the write see the same letters
        data = P.check(store, P.Actor.for_person(proposer), P.INSERT, "raci", data, conn=tx)
        for r in _cell_rows(tx, task_id, person_id, status=PROPOSED):
            if r["letter"] == wanted and r["proposed_by"] == proposer_id:
                return r["id"]
        return store.insert("raci", data, by=by or proposer_id, conn=tx)


def accept(store: Store, raci_id: str, by: "str | P.Actor") -> dict[str, Any]:
    """Accept a proposal: it becomes the validated letter of that person on that task.

    In one transaction the proposal's status becomes "validée" and any other validated
    letter the person held on the task is removed (one letter per cell); both changes go
    to history, each checked by the rights table. ``by``: the consultant of that name, or
    an ``Actor`` (as :func:`set_letter`). Returns the accepted record.

    Raises
    ------
    ConflictError when the row is not a pending proposal (already accepted or rejected,
    by someone else perhaps); NotFoundError when it does not exist; AccessDenied (French,
    nothing written) for someone who may not decide the matrix.
    """
    actor = P.Actor.of(by)
    with store.transaction() as tx:
        rec = _pending(store, raci_id, tx)
        for r in _cell_rows(tx, rec["task_id"], rec["person_id"]):
            _decide(store, actor, P.DELETE, {}, r, tx)
        return _decide(store, actor, P.UPDATE, {"status": VALIDATED}, rec, tx)


def reject(store: Store, raci_id: str, by: "str | P.Actor") -> dict[str, Any]:
    """Reject a proposal: its status becomes "rejetée" (kept, with history). Returns it.

    ``by``: the consultant of that name, or an ``Actor`` (as :func:`set_letter`).

    Raises
    ------
    ConflictError when the row is not a pending proposal; NotFoundError when it does not
    exist; AccessDenied (French, nothing written) for someone who may not decide the matrix.
    """
    actor = P.Actor.of(by)
    with store.transaction() as tx:
        rec = _pending(store, raci_id, tx)
        return _decide(store, actor, P.UPDATE, {"status": REJECTED}, rec, tx)


def _pending(store: Store, raci_id: str, conn: sa.Connection) -> dict[str, Any]:
    rec = store.get("raci", raci_id, conn=conn)
    if rec["status"] != PROPOSED:
        raise ConflictError(L.RACI_ERRORS["not_proposal"].format(id=raci_id, status=rec["status"]))
    return rec


def withdraw(store: Store, raci_id: str, person_id: str, by: str | None = None) -> None:
    """A participant withdraws one of their own pending proposals (deleted, with history).

    Raises
    ------
    AccessDenied when the proposal is someone else's; ConflictError when it is no longer
    pending (already accepted or rejected); NotFoundError when it does not exist.
    """
    with store.transaction() as tx:
        rec = _pending(store, raci_id, tx)
        person = _require(store, "persons", person_id, tx, "unknown_person", person=person_id)
        if not P.allowed(store, P.Actor.for_person(person), P.DELETE, "raci", record=rec, conn=tx):
            raise AccessDenied(L.RACI_ERRORS_MORE["not_yours"])  # the table's owner rule, said for a withdrawal
        store.delete("raci", raci_id, by=by or person_id, conn=tx)
