"""Who may write what: one table of rules for every write, from a page or a carnet.

Every write is one *operation* (insert, update, delete) on one record *kind*, by one
:class:`Actor` — the facilitator on a page, the consultant in a carnet, or a participant
with their own link. :data:`RULES` says, as data, which role may do which operation on
which kind, which fields it may set and which values are set for it whatever it sends.
:func:`check` applies it; the live layer's guard (``toolkit.access.Guard``) and the
analyses' write functions (``toolkit.actions.update_sheet``, ``add_journal_entry``…) both
call it, so a page, a carnet and a domain function cannot disagree on a right. A write
function that has nothing more to decide than the right writes through :func:`insert`,
:func:`update` and :func:`delete` (check, then the store's write, attributed to the actor):
the guard, the reviews, the merges and undos of ``toolkit.changes``.

The roles a participant may hold toward a record (:func:`roles`):

- ``participant``: anyone with a participant link;
- ``member``: the record (a RACI proposal) is on a task of an action they take part in —
  they pilot it or hold a validated letter on one of its tasks (:func:`actions_of_person`);
- ``owner``: the record is theirs — its owner field names them (:data:`OWNER_FIELDS`, or
  the kind's private owner) or, for a kind without one, they created it — and it still
  holds the values their rule forces (an assessment *of* them by the consultant, or a RACI
  proposal already accepted, is not theirs);
- ``pilot``: the record is an action sheet or belongs to one (:data:`SHEET_KINDS`) and
  they pilot that action or one above it (the pilot of an action answers for its
  sub-actions);
- ``sheet_editor``: they are named by the consultant to edit every action sheet
  (``persons.edits_all_sheets``: « une gestion centralisée »), with their own link — they
  do what a pilot does, on every sheet, and their writes are theirs in the history.

The facilitator and the consultant may do everything. A refusal raises
:class:`~toolkit.core.errors.AccessDenied` with a French message saying what was refused,
before anything is written.

Example
-------
>>> from toolkit.core.store import Store
>>> s = Store("sqlite://")
>>> pid = s.insert("persons", {"name": "Ana", "organisation": "Mairie", "role": "agent"}, by="doc")
>>> ana = Actor.for_person(s.get("persons", pid))
>>> check(s, ana, UPDATE, "persons", {"function": "DGS"}, record=s.get("persons", pid))
{'function': 'DGS'}
>>> allowed(s, ana, UPDATE, "persons", {"role": "élu"}, record=s.get("persons", pid))
False
"""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any, Iterable

import sqlalchemy as sa

from . import labels as L
from . import values as V
from . import model
from .errors import AccessDenied
from .store import SECRET_FIELDS, TABLES

# --- who ---------------------------------------------------------------------------------

FACILITATOR = "facilitator"  # the facilitator's link, on a page
CONSULTANT = "consultant"  # the consultant, in a carnet
PARTICIPANT = "participant"  # a participant's own link
MEMBER = "member"
OWNER = "owner"
PILOT = "pilot"
SHEET_EDITOR = "sheet_editor"
ROLES: tuple[str, ...] = (FACILITATOR, CONSULTANT, PARTICIPANT, MEMBER, OWNER, PILOT, SHEET_EDITOR)

INSERT, UPDATE, DELETE = "insert", "update", "delete"
OPERATIONS: tuple[str, ...] = (INSERT, UPDATE, DELETE)
ANY_KIND = "*"
#: In a rule's forced values: the participant's own person id.
PERSON = L.PERMISSIONS["self"]


@dataclass(frozen=True)
class Actor:
    """Who writes: the facilitator (a page), the consultant (a carnet) or one participant.

    ``person`` is the participant's record (without its token). ``by`` is what the store's
    history records: the person's id, the consultant's name, or ``animateur``.
    """

    role: str  # FACILITATOR, CONSULTANT or PARTICIPANT
    person: dict[str, Any] | None = None
    label: str = ""  # the consultant's name in history

    @classmethod
    def for_consultant(cls, name: str = L.FACILITATOR_BY) -> "Actor":
        """The consultant in a carnet, written ``name`` in the history."""
        return cls(CONSULTANT, label=name)

    @classmethod
    def for_person(cls, person: dict[str, Any]) -> "Actor":
        """A participant (their record, as stored: the token is left out)."""
        return cls(PARTICIPANT, {k: v for k, v in person.items() if k not in SECRET_FIELDS})

    @classmethod
    def of(cls, who: "str | Actor") -> "Actor":
        """The actor a write function was given: an actor as it is, a name as the consultant
        of that name (a carnet's functions have always taken ``by="…"``)."""
        return who if isinstance(who, Actor) else cls.for_consultant(who)

    @classmethod
    def from_access(cls, access: "Actor") -> "Actor":
        """The actor of a page's access (they are the same thing)."""
        return access

    @property
    def is_facilitator(self) -> bool:
        """True for the facilitator and the consultant (every right, every record)."""
        return self.role in (FACILITATOR, CONSULTANT)

    @property
    def consultant(self) -> bool:
        return self.is_facilitator

    @property
    def person_id(self) -> str | None:
        return self.person["id"] if self.person else None

    @property
    def name(self) -> str:
        return str(self.person.get("name") or "") if self.person else (self.label or L.FACILITATOR_BY)

    @property
    def by(self) -> str:
        """Who, for history: the participant's person id, or the consultant's name, or ``animateur``."""
        if self.person:
            return self.person["id"]
        return self.label or L.FACILITATOR_BY


# --- what: the rules, as data --------------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    """One right: ``role`` may do ``operations`` on records of ``kind``.

    ``fields``: the fields it may set (None: every field but the system ones).
    ``forced``: (field, value) set whatever is sent; :data:`PERSON` stands for their id.
    """

    kind: str
    role: str
    operations: tuple[str, ...]
    fields: tuple[str, ...] | None = None
    forced: tuple[tuple[str, Any], ...] = ()


ALL: tuple[str, ...] = OPERATIONS
#: The field naming the person who owns a record (besides ``model.Kind.private_owner``);
#: a shared kind without one is owned by its creator.
OWNER_FIELDS: dict[str, str] = {"persons": "id", "raci": "proposed_by"}
#: The kinds of an action sheet, and the field naming their action.
SHEET_KINDS: dict[str, str] = {"actions": "id", "journal": "action_id", "fundings": "action_id",
                               "budget_lines": "action_id", "action_steps": "action_id",
                               "attachments": "action_id"}
#: The kinds a participant writes only on the actions they take part in, and the field
#: naming the task whose action decides it.
MEMBER_KINDS: dict[str, str] = {"raci": "task_id"}
#: What a pilot (or a named editor of every sheet) may change on a sheet; its structure
#: (name, axis, pilot, parent, priority, planned budget and its lines) is decided by the
#: consultant or in project review.
SHEET_FIELDS: tuple[str, ...] = ("state", "completion", "budget_committed", "budget_spent",
                                 "start_date", "end_date", "description")
ACTOR_FIELDS: tuple[str, ...] = ("name", "category", "power", "interest", "attitude", "competences", "comment")
_SELF_ASSESSED = (("person_id", PERSON), ("source", V.SOURCE_SELF))
_PROPOSED = (("proposed_by", PERSON), ("status", V.STATUS_PROPOSED))
_AUTHOR = (("author", PERSON),)


def _sheet_rules(role: str) -> tuple[Rule, ...]:
    """What the pilot of a sheet may do on it; a named editor of every sheet does the same."""
    return (
        Rule("actions", role, (UPDATE,), fields=SHEET_FIELDS),
        Rule("journal", role, (INSERT,), forced=_AUTHOR),
        Rule("fundings", role, (INSERT,), fields=("action_id", "actor_id", "amount", "comment")),
        Rule("fundings", role, (UPDATE,), fields=("amount", "comment")),
        Rule("fundings", role, (DELETE,)),
        Rule("action_steps", role, (INSERT,), fields=("action_id", "name", "order", "due_date", "done", "done_date")),
        Rule("action_steps", role, (UPDATE,), fields=("name", "order", "due_date", "done", "done_date")),
        Rule("action_steps", role, (DELETE,)),
        Rule("attachments", role, (INSERT,), forced=_AUTHOR),
        Rule("attachments", role, (DELETE,)),
    )


#: Every right there is. A kind or an operation not listed for a role is refused to it.
RULES: tuple[Rule, ...] = (
    Rule(ANY_KIND, FACILITATOR, ALL),
    Rule(ANY_KIND, CONSULTANT, ALL),
    # their own profile: function and the days a month they can give, nothing else
    Rule("persons", OWNER, (UPDATE,), fields=("function", "capacity_days")),
    # self-assessments and ratings of actors: private, always their own
    Rule("assessments", PARTICIPANT, (INSERT,), forced=_SELF_ASSESSED),
    Rule("assessments", OWNER, (UPDATE, DELETE), forced=_SELF_ASSESSED),
    Rule("actor_ratings", PARTICIPANT, (INSERT,), forced=(("person_id", PERSON),)),
    Rule("actor_ratings", OWNER, (UPDATE, DELETE), forced=(("person_id", PERSON),)),
    # the stakeholders' map: anyone adds, its author changes
    Rule("actors", PARTICIPANT, (INSERT,), fields=ACTOR_FIELDS),
    Rule("actors", OWNER, (UPDATE, DELETE), fields=ACTOR_FIELDS),
    Rule("relations", PARTICIPANT, (INSERT,)),
    Rule("relations", OWNER, (UPDATE, DELETE)),
    # RACI proposals: on the tasks of their own actions, always « proposée », changed by
    # their author until settled
    Rule("raci", MEMBER, (INSERT,), forced=_PROPOSED),
    Rule("raci", OWNER, (UPDATE, DELETE), forced=_PROPOSED),
    # action sheets: their pilot (or the pilot of an action above), and the named editors
    *_sheet_rules(PILOT),
    *_sheet_rules(SHEET_EDITOR),
)


def rules_for(kind_name: str, operation: str, rules: Iterable[Rule] = RULES) -> list[Rule]:
    """The rules that speak of ``operation`` on ``kind_name`` (the catch-all ones included)."""
    return [r for r in rules if r.kind in (kind_name, ANY_KIND) and operation in r.operations]


def owner_field(kind_name: str) -> str | None:
    """The field naming a record's owner (None: the record's creator owns it)."""
    return model.kind(kind_name).private_owner or OWNER_FIELDS.get(kind_name)


def _forced(rule_list: Iterable[Rule], person_id: str | None) -> dict[str, Any]:
    return {name: (person_id if value == PERSON else value) for r in rule_list for name, value in r.forced}


def owns(kind_name: str, record: dict[str, Any], actor: Actor) -> bool:
    """True when ``record`` is ``actor``'s own: named (or created) by them, and still
    holding every value their owner rule forces."""
    if actor.person_id is None:
        return False
    field = owner_field(kind_name)
    mine = record.get(field) == actor.person_id if field else record.get("created_by") == actor.by
    forced = _forced((r for r in RULES if r.kind == kind_name and r.role == OWNER), actor.person_id)
    return mine and all(record.get(name) == value for name, value in forced.items())


def _pilots(store: Any, person_id: str, action_id: str, conn: Any = None) -> bool:
    """True when ``person_id`` pilots the action or one above it (its parent, …)."""
    seen: set[str] = set()
    while action_id and action_id not in seen:
        seen.add(action_id)
        action = store.get("actions", action_id, conn=conn)
        if action.get("pilot_id") == person_id:
            return True
        action_id = action.get("parent_id")
    return False


def actions_of_person(store: Any, person_id: str, conn: Any = None) -> set[str]:
    """The actions ``person_id`` takes part in: those they pilot, and those where they hold a
    validated RACI letter on a task (what ``raci.actions_of_person`` lists on the RACI page)."""
    a, r, t = TABLES["actions"], TABLES["raci"], TABLES["tasks"]
    held = (sa.select(t.c.action_id).join(r, r.c.task_id == t.c.id)
            .where(r.c.person_id == person_id, r.c.status == V.STATUS_VALIDATED))
    with (store.reader.connect() if conn is None else nullcontext(conn)) as c:
        mine = {row[0] for row in c.execute(sa.select(a.c.id).where(a.c.pilot_id == person_id))}
        return mine | {row[0] for row in c.execute(held)}


def _member(store: Any, person_id: str, task_id: Any, conn: Any) -> bool:
    """True when the task ``task_id`` belongs to one of ``person_id``'s actions."""
    t = TABLES["tasks"]
    with (store.reader.connect() if conn is None else nullcontext(conn)) as c:
        action_id = c.execute(sa.select(t.c.action_id).where(t.c.id == task_id)).scalar()
    return action_id is not None and action_id in actions_of_person(store, person_id, conn)


def roles(store: Any, actor: Actor, kind_name: str, record: dict[str, Any], conn: Any = None) -> set[str]:
    """The roles ``actor`` holds toward ``record`` (a stored record, or the data of one to insert)."""
    if actor.is_facilitator:
        return {actor.role}
    found = {PARTICIPANT}
    if owns(kind_name, record, actor):
        found.add(OWNER)
    task_id = record.get(MEMBER_KINDS[kind_name]) if kind_name in MEMBER_KINDS else None
    if task_id and actor.person_id and _member(store, actor.person_id, task_id, conn):
        found.add(MEMBER)
    action_id = record.get(SHEET_KINDS[kind_name]) if kind_name in SHEET_KINDS else None
    if action_id and actor.person_id:
        if store.get("persons", actor.person_id, conn=conn).get("edits_all_sheets"):
            found.add(SHEET_EDITOR)  # read now: a right taken back stops at once
        if _pilots(store, actor.person_id, action_id, conn):
            found.add(PILOT)
    return found


def _action_name(store: Any, kind_name: str, record: dict[str, Any], conn: Any) -> str:
    action_id = record.get(SHEET_KINDS[kind_name])
    return store.get("actions", action_id, conn=conn)["name"] if action_id else ""


def _refusal(store: Any, kind_name: str, operation: str, record: dict[str, Any], held: set[str],
             conn: Any) -> str:
    """The French message of a refused write: what was refused, and who may."""
    label = model.kind(kind_name).label
    wanted = {r.role for r in rules_for(kind_name, operation)}
    if kind_name in SHEET_KINDS and wanted & {PILOT, SHEET_EDITOR}:
        return L.ACCESS["write_sheet"].format(action=_action_name(store, kind_name, record, conn))
    if kind_name in SHEET_KINDS and kind_name != "actions" and held & {PILOT, SHEET_EDITOR}:
        return L.ACCESS["write_sheet_kind"].format(kind=label, action=_action_name(store, kind_name, record, conn))
    if kind_name in MEMBER_KINDS and MEMBER in wanted:
        return L.RACI_ERRORS["not_your_action"].format(task=record.get(MEMBER_KINDS[kind_name]) or "")
    if OWNER in wanted:
        return L.ACCESS["write_not_owner"].format(kind=label)
    return L.ACCESS["write_kind"].format(kind=label)


def check(store: Any, actor: Actor, operation: str, kind_name: str, data: dict[str, Any] | None = None,
          record: dict[str, Any] | None = None, conn: Any = None) -> dict[str, Any]:
    """Allow one write, or refuse it before anything is written.

    Parameters
    ----------
    operation : ``INSERT`` (``data`` is the new record), ``UPDATE`` (``record`` as stored,
        ``data`` the changes) or ``DELETE`` (``record``).
    conn : the transaction the write runs in (its reads see the same state).

    Returns
    -------
    The values to write: ``data`` with the values the rule forces (their person id as
    author, a RACI proposal « proposée »…).

    Raises
    ------
    AccessDenied, in French: the kind, the sheet, the record or the fields refused.
    """
    data = dict(data or {})
    target = data if operation == INSERT else (record or {})
    held = roles(store, actor, kind_name, target, conn)
    granted = [r for r in rules_for(kind_name, operation) if r.role in held]
    if not granted:
        raise AccessDenied(_refusal(store, kind_name, operation, target, held, conn))
    if actor.is_facilitator or operation == DELETE:
        return data
    k = model.kind(kind_name)
    forced = _forced(granted, actor.person_id)
    field = owner_field(kind_name)
    if field and field != "id" and data.get(field) not in (None, "", actor.person_id):
        raise AccessDenied(L.ACCESS["write_owner_field"].format(field=k.field(field).label, kind=k.label))
    open_fields = any(r.fields is None for r in granted)
    may_set = {n for r in granted for n in (r.fields or ())} | set(forced)
    refused = [n for n in data if n != "id" and n not in forced
               and ((k.has(n) and k.field(n).system) or not (open_fields or n in may_set))]
    if refused:
        shown = [f.label for f in k.fields if not f.system and (open_fields or f.name in may_set)
                 and f.name not in forced and f.name != SHEET_KINDS.get(kind_name)]
        raise AccessDenied(L.ACCESS["write_fields"].format(
            fields=", ".join(k.field(n).label if k.has(n) else n for n in refused), kind=k.label,
            allowed=", ".join(shown)))
    return {**data, **forced}


def allowed(store: Any, actor: Actor, operation: str, kind_name: str, data: dict[str, Any] | None = None,
            record: dict[str, Any] | None = None, conn: Any = None) -> bool:
    """Whether :func:`check` would let this write through (a page decides what to offer)."""
    try:
        check(store, actor, operation, kind_name, data, record, conn)
    except AccessDenied:
        return False
    return True


def settable_fields(store: Any, actor: Actor, operation: str, kind_name: str, record: dict[str, Any],
                    conn: Any = None) -> tuple[str, ...]:
    """The fields ``actor`` may set in this write, in the kind's order (none when refused)."""
    target = record
    held = roles(store, actor, kind_name, target, conn)
    granted = [r for r in rules_for(kind_name, operation) if r.role in held]
    k = model.kind(kind_name)
    if any(r.fields is None for r in granted):
        return tuple(f.name for f in k.fields if not f.system)
    names = {n for r in granted for n in (r.fields or ())}
    return tuple(f.name for f in k.fields if f.name in names)


# --- checked writes: the right, then the store's write ------------------------------------

def insert(store: Any, actor: Actor, kind_name: str, data: dict[str, Any], conn: Any = None,
           by: str | None = None) -> str:
    """Insert a record if :func:`check` allows it (with the values it forces); its id.

    ``by`` names the write in the history (default: the actor's ``by``; a merge writes all
    its changes under its own label). ``conn``: the caller's transaction, else one of its own.
    """
    with (store.transaction() if conn is None else nullcontext(conn)) as tx:
        data = check(store, actor, INSERT, kind_name, data, conn=tx)
        return store.insert(kind_name, data, by=by or actor.by, conn=tx)


def update(store: Any, actor: Actor, kind_name: str, record_id: str, changes: dict[str, Any],
           expected_version: int | None = None, conn: Any = None, by: str | None = None) -> dict[str, Any]:
    """Change a record if :func:`check` allows it; the new record (as :func:`insert`)."""
    with (store.transaction() if conn is None else nullcontext(conn)) as tx:
        record = store.get(kind_name, record_id, conn=tx)
        changes = check(store, actor, UPDATE, kind_name, changes, record=record, conn=tx)
        return store.update(kind_name, record_id, changes, by=by or actor.by, expected_version=expected_version,
                            conn=tx)


def delete(store: Any, actor: Actor, kind_name: str, record_id: str, conn: Any = None,
           by: str | None = None) -> None:
    """Delete a record if :func:`check` allows it (as :func:`insert`)."""
    with (store.transaction() if conn is None else nullcontext(conn)) as tx:
        record = store.get(kind_name, record_id, conn=tx)
        check(store, actor, DELETE, kind_name, record=record, conn=tx)
        store.delete(kind_name, record_id, by=by or actor.by, conn=tx)
