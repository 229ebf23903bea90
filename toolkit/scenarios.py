"""Scenarios: named variants of a workshop, stored with it, compared side by side.

A scenario is a record of kind ``scenarios`` (``name``, ``description``, ``changes``): a
list of change operations applied, in order, to a *copy* of the workshop's frames. The
reference records are never edited; the scenario's frames are recomputed each time from
the reference and the changes (a pure function), so a scenario follows the workshop as
the participants keep filling it.

Change operations (each a dict with ``op`` and French keys, values as a form gives them):

===================  ==============================================================
``op``               parameters
===================  ==============================================================
abandon              ``action``: the action is abandoned, its tasks leave the plan
budget               ``action``, ``montant``: new planned budget (€)
financement_obtenu   ``action``, ``acteur``, ``montant``: a co-funding is added
financement_refuse   ``financement``, ``consequence`` (autofinancement | réduction |
                     abandon): the co-funding is removed; the authority pays the
                     difference, or the budget is cut by its amount, or the action
                     is abandoned
recrutement          ``nom``, ``capacite`` (days/month), ``competences`` ({id: level}
                     or {id: [savoir, vouloir, pouvoir]}), optional ``organisation``,
                     ``fonction``, ``role``, ``motivation`` (default 3),
                     ``cout_mensuel`` (€ per month, default ``CostParams``)
elargissement        ``acteur``, optional ``nom``, ``capacite`` (default 1),
                     ``competences`` (default: the actor's competences at level 3):
                     the actor is mobilised and its representative joins the table
depart               ``personne``: leaves the project (no capacity, no assessment,
                     no RACI letter, no longer pilot)
capacite             ``personne``, ``jours``: new capacity (days/month)
report               ``tache`` or ``action``, ``mois``: postponed by N months
affectation          ``tache``, ``personne``, ``lettre``: a RACI letter is added
retrait              ``tache``, ``personne``, optional ``lettre``: letters removed
===================  ==============================================================

Example
-------
>>> from toolkit.core.store import Store
>>> from toolkit.demo import build_demo
>>> s = Store("sqlite://"); build_demo(s)
>>> sid = create_scenario(s, "Sans la Région", [
...     {"op": "financement_refuse", "financement": "FIN-11", "consequence": "abandon"}], by="doc")
>>> f = scenario_frames(s, "Sans la Région")
>>> "ACN-13" in set(f["tasks"]["action_id"]), "ACN-13" in set(s.frame("tasks")["action_id"])
(False, True)
"""
from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .core import french
from .core import labels as L
from .core import values as V
from .core import model
from .core.errors import NotFoundError, Problem, ValidationError
from .core.gc_pause import paused

Frames = dict[str, pd.DataFrame]

# --- parameters of the operations ----------------------------------------------------


@dataclass(frozen=True)
class Param:
    """One parameter of a change operation: its key, type and whether it is required.

    ``type`` is a model field type (int, float, bool, text, choice) or the kind of the
    record it refers to (actions, tasks, persons, actors, fundings), or ``competence_map``.
    """

    key: str
    type: str
    required: bool = True
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] | None = None


_REF_KINDS = ("actions", "tasks", "persons", "actors", "fundings")

OPS: dict[str, tuple[Param, ...]] = {
    "abandon": (Param("action", "actions"),),
    "budget": (Param("action", "actions"), Param("montant", "float", min=0)),
    "financement_obtenu": (Param("action", "actions"), Param("acteur", "actors"),
                           Param("montant", "float", min=0)),
    "financement_refuse": (Param("financement", "fundings"),
                           Param("consequence", "choice", required=False, choices=L.FUNDING_CONSEQUENCES)),
    "recrutement": (Param("nom", "text"), Param("capacite", "float", min=0, max=23),
                    Param("competences", "competence_map"),
                    Param("organisation", "text", required=False), Param("fonction", "text", required=False),
                    Param("role", "choice", required=False, choices=L.PROJECT_ROLES),
                    Param("motivation", "int", required=False, min=0, max=4),
                    Param("cout_mensuel", "float", required=False, min=0)),
    "elargissement": (Param("acteur", "actors"), Param("nom", "text", required=False),
                      Param("capacite", "float", required=False, min=0, max=23),
                      Param("competences", "competence_map", required=False)),
    "depart": (Param("personne", "persons"),),
    "capacite": (Param("personne", "persons"), Param("jours", "float", min=0, max=23)),
    "report": (Param("tache", "tasks", required=False), Param("action", "actions", required=False),
               Param("mois", "int", min=1, max=36)),
    "affectation": (Param("tache", "tasks"), Param("personne", "persons"),
                    Param("lettre", "choice", choices=L.RACI_LETTERS)),
    "retrait": (Param("tache", "tasks"), Param("personne", "persons"),
                Param("lettre", "choice", required=False, choices=L.RACI_LETTERS)),
}

# Level given to an actor's competence when the consultant does not say (« maîtrise »).
ACTOR_COMPETENCE_LEVEL = 3
DEFAULT_RECRUIT_MOTIVATION = 3
DEFAULT_WIDENING_CAPACITY = 1.0


def _field(p: Param) -> model.Field:
    return model.Field(name=p.key, type=p.type, required=p.required, min=p.min, max=p.max, choices=p.choices)


def _ids(frames: Frames, kind: str) -> set[str]:
    df = frames.get(kind)
    return set(df["id"].tolist()) if df is not None and len(df) else set()


class _Refusal(Exception):
    """A problem with one operation (collected, then raised together as a ValidationError)."""

    def __init__(self, key: str, value: Any, expected: str) -> None:
        super().__init__(expected)
        self.problem = (key, value, expected)


def _clean_competences(frames: Frames, value: Any) -> dict[str, tuple[int, int | None, int | None]]:
    """``{competence: level}`` or ``{competence: [savoir, vouloir, pouvoir]}`` → tuples."""
    if not isinstance(value, Mapping) or not value:
        raise _Refusal("competences", value, L.SCENARIO_EXPECT["competences"])
    known = _ids(frames, "competences")
    out: dict[str, tuple[int, int | None, int | None]] = {}
    for cid, spec in value.items():
        if str(cid) not in known:
            raise _Refusal("competences", cid, L.SCENARIO_EXPECT["ref"].format(**french.one_of_kind("competences")))
        scores = list(spec) if isinstance(spec, (list, tuple)) else [spec]
        if len(scores) not in (1, 3):
            raise _Refusal("competences", spec, L.SCENARIO_EXPECT["competences"])
        parsed = []
        for i, s in enumerate(scores):
            low = 1 if i == 0 and len(scores) == 1 else 0
            f = model.Field(name="competences", type="int", min=low, max=4)
            v, err = model.check_value(f, s)
            if err or v is None:
                raise _Refusal("competences", spec, L.SCENARIO_EXPECT["competences"])
            parsed.append(v)
        out[str(cid)] = (parsed[0], None, None) if len(parsed) == 1 else (parsed[0], parsed[1], parsed[2])
    return out


def clean_change(frames: Frames, change: Any) -> dict[str, Any]:
    """Check one change against the frames as they stand; return it normalised.

    Raises ``_Refusal`` (internal) on the first problem; ``apply_changes`` turns it into
    a French ``Problem`` that names the change and the parameter.
    """
    if not isinstance(change, Mapping) or "op" not in change:
        raise _Refusal("op", change, L.SCENARIO_EXPECT["change"])
    op = model.fold(str(change["op"])).replace(" ", "_").replace("-", "_")
    op = {model.fold(k): k for k in OPS}.get(op, op)
    if op not in OPS:
        raise _Refusal("op", change["op"], L.SCENARIO_EXPECT["op"].format(ops=", ".join(OPS)))
    params = OPS[op]
    keys = {p.key for p in params}
    for key in change:
        if key != "op" and key not in keys:
            raise _Refusal(str(key), change[key], L.SCENARIO_EXPECT["unknown_param"].format(
                op=op, params=", ".join(p.key for p in params)))
    out: dict[str, Any] = {"op": op}
    for p in params:
        value = change.get(p.key)
        empty = (not value) if isinstance(value, (Mapping, list, tuple)) else model.is_empty(value)
        if empty:
            if p.required:
                raise _Refusal(p.key, value, L.EXPECT["required"])
            continue
        if p.type in _REF_KINDS:
            rid = str(value).strip()
            if rid not in _ids(frames, p.type):
                raise _Refusal(p.key, value, L.SCENARIO_EXPECT["ref"].format(**french.one_of_kind(p.type)))
            out[p.key] = rid
        elif p.type == "competence_map":
            out[p.key] = _clean_competences(frames, value)
        else:
            v, err = model.check_value(_field(p), value)
            if err:
                if p.key == "mois":
                    err = L.SCENARIO_EXPECT["months"]
                raise _Refusal(p.key, value, err)
            out[p.key] = v
    if op == "report" and ("tache" in out) == ("action" in out):
        raise _Refusal("tache", change.get("tache"), L.SCENARIO_EXPECT["task_or_action"])
    return out


# --- applying the operations (pure: on copies) ---------------------------------------


def _append(df: pd.DataFrame, rows: list[dict[str, Any]]) -> pd.DataFrame:
    new = pd.DataFrame.from_records(rows, columns=df.columns)
    if not len(df):
        return new
    return pd.concat([df, new], ignore_index=True)


def _new_id(frames: Frames, kind: str, base: str) -> str:
    taken = _ids(frames, kind)
    rid, n = base, 1
    while rid in taken:
        n += 1
        rid = f"{base}-{n}"
    return rid


def _drop_tasks(f: Frames, task_ids: set[str]) -> None:
    f["tasks"] = f["tasks"][~f["tasks"]["id"].isin(task_ids)].reset_index(drop=True)
    f["requirements"] = f["requirements"][~f["requirements"]["task_id"].isin(task_ids)].reset_index(drop=True)
    f["raci"] = f["raci"][~f["raci"]["task_id"].isin(task_ids)].reset_index(drop=True)


def _abandon(f: Frames, action_id: str) -> None:
    actions = f["actions"].copy()
    actions.loc[actions["id"] == action_id, "state"] = V.STATE_ABANDONED
    f["actions"] = actions
    _drop_tasks(f, set(f["tasks"].loc[f["tasks"]["action_id"] == action_id, "id"]))


def _add_person(f: Frames, n: int, name: str, organisation: str, function: str, role: str,
                capacity: float, in_team: bool, actor_id: str | None,
                competences: Mapping[str, tuple[int, int | None, int | None]], motivation: int) -> str:
    pid = _new_id(f, "persons", f"PER-S{n}")
    f["persons"] = _append(f["persons"], [{
        "id": pid, "name": name, "organisation": organisation, "function": function, "role": role,
        "capacity_days": float(capacity), "in_team": in_team, "actor_id": actor_id, "token": None}])
    rows = []
    for j, (cid, (savoir, vouloir, pouvoir)) in enumerate(competences.items(), 1):
        rows.append({"id": _new_id(f, "assessments", f"EVA-S{n}-{j}"), "person_id": pid, "competence_id": cid,
                     "savoir": savoir, "vouloir": motivation if vouloir is None else vouloir,
                     "pouvoir": 3 if pouvoir is None else pouvoir, "source": V.SOURCE_CONSULTANT, "comment": None})
    f["assessments"] = _append(f["assessments"], rows)
    return pid


def _op_abandon(f: Frames, c: dict[str, Any], n: int) -> None:
    _abandon(f, c["action"])


def _op_budget(f: Frames, c: dict[str, Any], n: int) -> None:
    actions = f["actions"].copy()
    actions.loc[actions["id"] == c["action"], "budget_planned"] = float(c["montant"])
    f["actions"] = actions


def _op_funding_obtained(f: Frames, c: dict[str, Any], n: int) -> None:
    f["fundings"] = _append(f["fundings"], [{
        "id": _new_id(f, "fundings", f"FIN-S{n}"), "action_id": c["action"], "actor_id": c["acteur"],
        "amount": float(c["montant"]), "comment": None}])


def _op_funding_refused(f: Frames, c: dict[str, Any], n: int) -> None:
    fundings = f["fundings"]
    row = fundings.loc[fundings["id"] == c["financement"]].iloc[0]
    f["fundings"] = fundings[fundings["id"] != c["financement"]].reset_index(drop=True)
    consequence = c.get("consequence", V.CONSEQUENCE_SELF_FUNDING)
    if consequence == V.CONSEQUENCE_ABANDON:
        _abandon(f, row["action_id"])
    elif consequence == V.CONSEQUENCE_REDUCTION:
        actions = f["actions"].copy()
        mask = actions["id"] == row["action_id"]
        actions.loc[mask, "budget_planned"] = (actions.loc[mask, "budget_planned"] - float(row["amount"])).clip(lower=0)
        f["actions"] = actions


def _op_recruit(f: Frames, c: dict[str, Any], n: int) -> None:
    _add_person(f, n, c["nom"], c.get("organisation") or L.SCENARIO_MESSAGES["recruit_organisation"],
                c.get("fonction") or L.SCENARIO_MESSAGES["recruit_function"], c.get("role") or V.ROLE_AGENT,
                c["capacite"], True, None, c["competences"], c.get("motivation", DEFAULT_RECRUIT_MOTIVATION))


def _op_widen(f: Frames, c: dict[str, Any], n: int) -> None:
    actors = f["actors"].copy()
    mask = actors["id"] == c["acteur"]
    actors.loc[mask, "mobilised"] = True
    f["actors"] = actors
    actor = actors.loc[mask].iloc[0]
    competences = c.get("competences") or {cid: (ACTOR_COMPETENCE_LEVEL, None, None)
                                           for cid in (actor["competences"] or [])}
    _add_person(f, n, c.get("nom") or L.SCENARIO_MESSAGES["widening_name"].format(actor=actor["name"]),
                actor["name"], "", V.ROLE_PARTNER, c.get("capacite", DEFAULT_WIDENING_CAPACITY), False,
                c["acteur"], competences, DEFAULT_RECRUIT_MOTIVATION)


def _op_leave(f: Frames, c: dict[str, Any], n: int) -> None:
    pid = c["personne"]
    persons = f["persons"].copy()
    mask = persons["id"] == pid
    persons.loc[mask, "capacity_days"] = 0.0
    persons.loc[mask, "in_team"] = False
    f["persons"] = persons
    f["assessments"] = f["assessments"][f["assessments"]["person_id"] != pid].reset_index(drop=True)
    f["raci"] = f["raci"][f["raci"]["person_id"] != pid].reset_index(drop=True)
    if "memberships" in f:
        f["memberships"] = f["memberships"][f["memberships"]["person_id"] != pid].reset_index(drop=True)
    actions = f["actions"].copy()
    actions.loc[actions["pilot_id"] == pid, "pilot_id"] = None
    f["actions"] = actions


def _op_capacity(f: Frames, c: dict[str, Any], n: int) -> None:
    persons = f["persons"].copy()
    persons.loc[persons["id"] == c["personne"], "capacity_days"] = float(c["jours"])
    f["persons"] = persons


def _op_postpone(f: Frames, c: dict[str, Any], n: int) -> None:
    tasks = f["tasks"].copy()
    mask = (tasks["id"] == c["tache"]) if "tache" in c else (tasks["action_id"] == c["action"])
    for col in ("start_month", "end_month"):
        tasks.loc[mask, col] = [model.add_months(m, c["mois"]) for m in tasks.loc[mask, col]]
    f["tasks"] = tasks


def _op_assign(f: Frames, c: dict[str, Any], n: int) -> None:
    raci = f["raci"]
    same = (raci["task_id"] == c["tache"]) & (raci["person_id"] == c["personne"]) & (raci["letter"] == c["lettre"])
    if same.any():
        return
    f["raci"] = _append(raci, [{"id": _new_id(f, "raci", f"RAC-S{n}"), "task_id": c["tache"],
                                "person_id": c["personne"], "letter": c["lettre"], "status": V.STATUS_VALIDATED,
                                "proposed_by": None, "comment": None}])


def _op_unassign(f: Frames, c: dict[str, Any], n: int) -> None:
    raci = f["raci"]
    mask = (raci["task_id"] == c["tache"]) & (raci["person_id"] == c["personne"])
    if "lettre" in c:
        mask &= raci["letter"] == c["lettre"]
    if not mask.any():
        raise _Refusal("personne", c["personne"], L.SCENARIO_EXPECT["assignment"])
    f["raci"] = raci[~mask].reset_index(drop=True)


_APPLY: dict[str, Callable[[Frames, dict[str, Any], int], None]] = {
    "abandon": _op_abandon,
    "budget": _op_budget,
    "financement_obtenu": _op_funding_obtained,
    "financement_refuse": _op_funding_refused,
    "recrutement": _op_recruit,
    "elargissement": _op_widen,
    "depart": _op_leave,
    "capacite": _op_capacity,
    "report": _op_postpone,
    "affectation": _op_assign,
    "retrait": _op_unassign,
}


def apply_changes(frames: Frames, changes: Iterable[Any]) -> Frames:
    """The frames of a scenario: ``changes`` applied in order to a copy of ``frames``.

    Parameters
    ----------
    frames : the reference frames (``Store.frames()``); they are not modified.
    changes : change operations (see the module's table); later changes may refer to
        records made by earlier ones (a recruit ``PER-S1`` given a task, say).

    Returns
    -------
    dict kind → DataFrame, the scenario's frames.

    Raises
    ------
    ValidationError listing, for every refused change, its number, the parameter, the
    value and what was expected (in French). Nothing is applied then.

    Example
    -------
    >>> from toolkit.demo import demo_records
    >>> frames = {k: pd.DataFrame(v) for k, v in demo_records().items()}
    >>> out = apply_changes(frames, [{"op": "report", "tache": "TAC-026", "mois": 2}])
    >>> out["tasks"].set_index("id").loc["TAC-026", "start_month"], \\
    ...     frames["tasks"].set_index("id").loc["TAC-026", "start_month"]
    ('2027-01', '2026-11')
    """
    f: Frames = {k: v.copy() for k, v in frames.items()}
    problems: list[Problem] = []
    gone: set[str] = set()
    for n, change in enumerate(list(changes), 1):
        op_label = L.SCENARIO_OPS.get(str(change.get("op")) if isinstance(change, Mapping) else "", "?")
        where = L.SCENARIO_MESSAGES["change"].format(n=n, op=op_label)
        try:
            clean = clean_change(f, change)
            if clean["op"] == "depart":
                if clean["personne"] in gone:
                    raise _Refusal("personne", clean["personne"], L.SCENARIO_EXPECT["already_left"])
                gone.add(clean["personne"])
            _APPLY[clean["op"]](f, clean, n)
        except _Refusal as exc:
            key, value, expected = exc.problem
            problems.append(Problem(L.SCENARIO_PARAMS.get(key, key), value, expected, record=where))
    if problems:
        raise ValidationError(problems, L.SCENARIO_MESSAGES["invalid"])
    return f


def validate_changes(frames: Frames, changes: Iterable[Any]) -> list[dict[str, Any]]:
    """The changes normalised (op names, types), after checking they apply to ``frames``.

    Raises the same ``ValidationError`` as ``apply_changes``. The stored form keeps the
    consultant's keys and values in JSON (levels as lists, not tuples).
    """
    changes = list(changes)
    apply_changes(frames, changes)
    f: Frames = {k: v.copy() for k, v in frames.items()}
    out = []
    for n, change in enumerate(changes, 1):
        clean = clean_change(f, change)
        _APPLY[clean["op"]](f, clean, n)
        if "competences" in clean:
            clean["competences"] = {cid: (list(t) if t[1] is not None else t[0])
                                    for cid, t in clean["competences"].items()}
        out.append(clean)
    return out


# --- helpers that write the operations ----------------------------------------------


def abandon(action: str) -> dict[str, Any]:
    """Change: the action is abandoned (its tasks leave the plan)."""
    return {"op": "abandon", "action": action}


def funding_refused(funding: str, consequence: str = V.CONSEQUENCE_SELF_FUNDING) -> dict[str, Any]:
    """Change: a co-funding is refused; ``consequence`` is autofinancement, réduction or abandon."""
    return {"op": "financement_refuse", "financement": funding, "consequence": consequence}


def funding_obtained(action: str, actor: str, amount: float) -> dict[str, Any]:
    """Change: a new co-funding of ``amount`` € by ``actor`` for ``action``."""
    return {"op": "financement_obtenu", "action": action, "acteur": actor, "montant": amount}


def recruitment(name: str, capacity: float, competences: Mapping[str, Any], **extra: Any) -> dict[str, Any]:
    """Change: a recruit with ``capacity`` days a month and ``competences`` ({id: level})."""
    return {"op": "recrutement", "nom": name, "capacite": capacity, "competences": dict(competences), **extra}


def widening(actor: str, **extra: Any) -> dict[str, Any]:
    """Change: the actor is mobilised and its representative joins the table."""
    return {"op": "elargissement", "acteur": actor, **extra}


def leaving(person: str) -> dict[str, Any]:
    """Change: the person leaves the project."""
    return {"op": "depart", "personne": person}


def postpone(months: int, task: str | None = None, action: str | None = None) -> dict[str, Any]:
    """Change: a task (or every task of an action) postponed by ``months``."""
    out: dict[str, Any] = {"op": "report", "mois": months}
    if task:
        out["tache"] = task
    if action:
        out["action"] = action
    return out


def capacity(person: str, days: float) -> dict[str, Any]:
    """Change: the person's capacity becomes ``days`` a month."""
    return {"op": "capacite", "personne": person, "jours": days}


def assign(task: str, person: str, letter: str = "R") -> dict[str, Any]:
    """Change: the person gets ``letter`` on the task."""
    return {"op": "affectation", "tache": task, "personne": person, "lettre": letter}


def unassign(task: str, person: str, letter: str | None = None) -> dict[str, Any]:
    """Change: the person's letters (or one letter) on the task are removed."""
    out = {"op": "retrait", "tache": task, "personne": person}
    if letter:
        out["lettre"] = letter
    return out


def describe(changes: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """The changes as a French table: number, operation, parameters."""
    D = L.SCENARIO_DESCRIBE
    rows = []
    for n, c in enumerate(changes, 1):
        params = "; ".join(f"{L.SCENARIO_PARAMS.get(k, k)} : {_show(v)}" for k, v in c.items() if k != "op")
        rows.append({D["number"]: n, D["op"]: L.SCENARIO_OPS.get(str(c.get("op")), str(c.get("op"))),
                     D["params"]: params})
    return pd.DataFrame(rows, columns=[D["number"], D["op"], D["params"]])


def _show(value: Any) -> str:
    if isinstance(value, Mapping):
        return ", ".join(f"{k} {_show(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "/".join(str(v) for v in value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value)


# --- stored scenarios ----------------------------------------------------------------


def create_scenario(store: Any, name: str, changes: Iterable[Any], by: str, description: str = "") -> str:
    """Store a new scenario after checking its changes apply to the workshop; returns its id.

    The reference records are not touched: only a ``scenarios`` record is written.
    Raises ``ValidationError`` (French) for a bad change or a name already used.
    """
    existing = store.frame("scenarios")
    if any(model.fold(n) == model.fold(name) for n in existing["name"]):
        raise ValidationError([Problem(L.FIELD_LABELS["name"], name, L.SCENARIO_EXPECT["name_unique"])],
                              L.SCENARIO_MESSAGES["invalid"])
    clean = validate_changes(store.frames(), changes)
    return store.insert("scenarios", {"name": name, "description": description, "changes": clean}, by=by)


def save_scenario(store: Any, name: str, changes: Iterable[Any], by: str, description: str = "") -> str:
    """Create the scenario ``name``, or replace its changes if it exists (with history).

    What a carnet calls: running it again updates the variant instead of failing. The
    changes are checked first (``ValidationError`` in French); the reference records are
    never touched. Returns the scenario's id.
    """
    clean = validate_changes(store.frames(), changes)
    for rec in store.all("scenarios"):
        if model.fold(rec["name"]) == model.fold(name):
            store.update("scenarios", rec["id"], {"changes": clean, "description": description}, by=by)
            return rec["id"]
    return store.insert("scenarios", {"name": name, "description": description, "changes": clean}, by=by)


def get_scenario(store: Any, scenario: str) -> dict[str, Any]:
    """The stored scenario named ``scenario`` (name, accents and case ignored) or with that id."""
    for rec in store.all("scenarios"):
        if rec["id"] == scenario or model.fold(rec["name"]) == model.fold(scenario):
            return rec
    raise NotFoundError(L.SCENARIO_MESSAGES["not_found"].format(name=scenario))


def scenario_frames(store: Any, scenario: str, frames: Frames | None = None) -> Frames:
    """The frames of a stored scenario (the reference's current frames, changed)."""
    rec = get_scenario(store, scenario)
    return apply_changes(frames if frames is not None else store.frames(), rec["changes"] or [])


def stored_scenarios(store: Any) -> dict[str, list[dict[str, Any]]]:
    """Every stored scenario as name → changes, in the order they were created."""
    records = sorted(store.all("scenarios"), key=lambda r: (r["created_at"], r["id"]))
    return {r["name"]: copy.deepcopy(r["changes"] or []) for r in records}


# --- comparison ----------------------------------------------------------------------


def recruitment_cost(frames: Frames, changes: Iterable[Mapping[str, Any]], params: Any = None) -> float:
    """Cost in € over the horizon of the recruitments a scenario makes."""
    from .gaps import CostParams

    params = params or CostParams()
    months = horizon_months(frames)
    total = 0.0
    for c in changes:
        if model.fold(str(c.get("op"))) == "recrutement":
            monthly = c.get("cout_mensuel")
            total += float(monthly if monthly not in (None, "") else params.recruit_monthly_cost) * months
    return total


def horizon_months(frames: Frames) -> int:
    """The workshop's horizon in months (12 when no project is set)."""
    project = frames.get("project")
    if project is not None and len(project) and pd.notna(project["horizon_months"].iloc[0]):
        return int(project["horizon_months"].iloc[0])
    return 12


def indicators(frames: Frames, changes: Iterable[Mapping[str, Any]] = (), params: Any = None) -> dict[str, float]:
    """The figures of one variant (its frames, and the changes that made it): see ``compare``."""
    from . import gaps

    changes = list(changes)
    from . import workload

    # From the frames alone, so that a frame set seen before (the reference, analysed by
    # the carnet) is not computed again: see toolkit.memo.
    table = workload.load_table(frames)
    cg = gaps.competence_gaps(frames)
    cap = gaps.capacity_gaps(frames, table)
    overall = gaps.team_capacity(frames)
    actions = frames["actions"]
    kept = actions[actions["state"] != V.STATE_ABANDONED]
    budget = float(kept["budget_planned"].fillna(0).sum())
    fundings = frames["fundings"]
    funded = float(fundings.loc[fundings["action_id"].isin(set(kept["id"])), "amount"].fillna(0).sum())
    rec_cost = recruitment_cost(frames, changes, params)
    remedy_cost = gaps.remedy_cost(frames, params)
    own = max(budget - funded, 0.0)
    return {
        "tasks": float(len(frames["tasks"])),
        "tasks_without_r": float(workload.tasks_without_r(frames)),
        "competence_gaps": float(len(cg)),
        "gap_days": float(cg["days"].sum()) if len(cg) else 0.0,
        "overloaded_persons": float(cap["person_id"].nunique()) if len(cap) else 0.0,
        "overload_days": float(cap["overload"].sum()) if len(cap) else 0.0,
        "overloaded_months": float((overall["overload"] > 0).sum()) if len(overall) else 0.0,
        "budget": budget,
        "fundings": funded,
        "own_share": own,
        "recruitment_cost": rec_cost,
        "remedy_cost": remedy_cost,
        "total_cost": own + rec_cost + remedy_cost,
    }


def compare(frames: Frames, scenarios: Mapping[str, Iterable[Any]], params: Any = None,
            reference: bool = True) -> pd.DataFrame:
    """Scenarios side by side: one column per variant, one row per indicator (French).

    Parameters
    ----------
    frames : the reference frames (``Store.frames()``).
    scenarios : name → changes (e.g. ``stored_scenarios(store)``).
    params : ``gaps.CostParams`` for the costs (defaults documented there).
    reference : put the reference itself in the first column.

    Returns
    -------
    DataFrame indexed by the indicators' French labels: tasks without R, competences in
    gap and their days, overloaded persons and days, months of global overload, budget,
    co-fundings, own share, cost of recruitments and of the remedies left, total cost.

    Example
    -------
    >>> from toolkit.demo import demo_records
    >>> frames = {k: pd.DataFrame(v) for k, v in demo_records().items()}
    >>> table = compare(frames, {"Report": [postpone(3, action="ACN-14")]})
    >>> list(table.columns)
    ['Référence', 'Report']
    """
    with paused():  # each variant's frames and tables, freed as it is done (core.gc_pause)
        return _compare(frames, scenarios, params, reference)


def _compare(frames: Frames, scenarios: Mapping[str, Iterable[Any]], params: Any, reference: bool) -> pd.DataFrame:
    """``compare`` itself (the collector's pause aside)."""
    columns: dict[str, dict[str, float]] = {}
    if reference:
        columns[L.SCENARIO_MESSAGES["reference"]] = indicators(frames, (), params)
    for name, changes in scenarios.items():
        changes = list(changes)
        columns[name] = indicators(apply_changes(frames, changes), changes, params)
    table = pd.DataFrame(columns)
    table.index = [L.SCENARIO_INDICATORS[k] for k in table.index]
    return table


__all__ = [
    "OPS",
    "abandon",
    "apply_changes",
    "assign",
    "capacity",
    "clean_change",
    "compare",
    "create_scenario",
    "describe",
    "funding_obtained",
    "funding_refused",
    "get_scenario",
    "indicators",
    "leaving",
    "postpone",
    "recruitment",
    "recruitment_cost",
    "save_scenario",
    "scenario_frames",
    "stored_scenarios",
    "unassign",
    "validate_changes",
    "widening",
]
