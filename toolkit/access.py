"""Who is on the other end of a page, and what they may read and write.

A link carries a token (``?jeton=…``). :func:`identify` turns it into an :class:`Access`:
a participant (one person of the workshop), the facilitator (the token kept in the
store's meta), or a refusal (:class:`~toolkit.core.errors.AccessDenied`, message in French).
:class:`Guard` then wraps the store for that access: every read hides what is not theirs
(another person's private records, everybody's tokens) and every write is checked against
the participant rules below and attributed (``by=``) to whoever made it.

Rules for participants (the facilitator may do everything):

- private kinds (``model.Kind.private_owner``, e.g. self-assessments): read and written
  only by their owner, whose id is forced into the owner field;
- a record is a participant's own only when it also holds every forced value of its rule:
  the consultant's assessment *of* a person (source « consultant ») is neither shown to nor
  changed by that person, and a RACI proposal once accepted or rejected is no longer theirs
  to change;
- shared kinds listed in :data:`PARTICIPANT_RULES` (actors, relations, RACI proposals…):
  anyone may add; changing or deleting is for the record's owner (owner field) or, when
  the kind has none, its creator; forced fields (a RACI proposal is ``proposée``, proposed
  by its author) cannot be chosen by the participant;
- every other kind is read-only for participants.

Other modules add or change a rule with :func:`set_rule` (e.g. pilots editing their own
action sheet).

Example
-------
>>> from toolkit.core.store import Store
>>> s = Store("sqlite://")
>>> pid = s.insert("persons", {"name": "Ana", "organisation": "Mairie", "role": "agent"}, by="doc")
>>> who = identify(s, s.get("persons", pid)["token"])
>>> who.is_facilitator, who.by == pid
(False, True)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable
from urllib.parse import parse_qs

import sqlalchemy as sa

from .core import labels as L
from .core import values as V
from .core import model
from . import steps as steps_mod
from .core.errors import AccessDenied
from .core.store import SECRET_FIELDS, TABLES, Store, new_token, now

if TYPE_CHECKING:  # the frames below are for the board and analyses: a participant's
    import pandas as pd  # kernel checks its writes without pandas (see toolkit.core.store)

#: The query-string parameter that carries the token.
TOKEN_PARAM = "jeton"


@dataclass(frozen=True)
class Access:
    """The outcome of a token check: who is there.

    ``person`` is the participant's record (without its token) or None for the facilitator.
    """

    role: str  # "participant" or "facilitator"
    person: dict[str, Any] | None = None

    @property
    def is_facilitator(self) -> bool:
        return self.role == "facilitator"

    @property
    def person_id(self) -> str | None:
        return self.person["id"] if self.person else None

    @property
    def by(self) -> str:
        """Who, for history: the participant's person id, or ``animateur``."""
        return self.person["id"] if self.person else L.FACILITATOR_BY


@dataclass(frozen=True)
class Rule:
    """What participants may do with one record kind.

    Parameters
    ----------
    owner : field holding the person id that owns a record (None: records are shared
        and their creator owns them for changes).
    insert, update, delete : which operations participants may do at all.
    fields : the fields a participant may set (None: every non-system field).
    forced : values set for the participant whatever they send, from their person id.
    """

    owner: str | None = None
    insert: bool = True
    update: bool = True
    delete: bool = True
    fields: tuple[str, ...] | None = None
    forced: Callable[[str], dict[str, Any]] | None = None


PARTICIPANT_RULES: dict[str, Rule] = {
    # Their own profile: function and days per month they can give, nothing else.
    "persons": Rule(owner="id", insert=False, delete=False, fields=("function", "capacity_days")),
    "assessments": Rule(owner="person_id", forced=lambda pid: {"person_id": pid, "source": V.SOURCE_SELF}),
    "actors": Rule(fields=("name", "category", "power", "interest", "attitude", "competences", "comment")),
    "relations": Rule(),
    "raci": Rule(owner="proposed_by", forced=lambda pid: {"proposed_by": pid, "status": V.STATUS_PROPOSED}),
}


def set_rule(kind_name: str, rule: Rule | None) -> None:
    """Add, replace or (with None) remove the participant rule of a kind."""
    model.kind(kind_name)  # unknown kinds fail loudly, not silently
    if rule is None:
        PARTICIPANT_RULES.pop(kind_name, None)
    else:
        PARTICIPANT_RULES[kind_name] = rule


def _owner_field(kind_name: str) -> str | None:
    rule = PARTICIPANT_RULES.get(kind_name)
    return model.kind(kind_name).private_owner or (rule.owner if rule else None)


def _forced_match(kind_name: str, person_id: str | None, record: dict[str, Any]) -> bool:
    """True when ``record`` holds every value the kind's rule forces for ``person_id``."""
    rule = PARTICIPANT_RULES.get(kind_name)
    if rule is None or rule.forced is None or person_id is None:
        return True
    return all(record.get(name) == value for name, value in rule.forced(person_id).items())


# --- tokens ---------------------------------------------------------------------------


def token_from_query(query: str | None) -> str:
    """The token in a query string (``jeton=…``), or an empty string.

    >>> token_from_query("jeton=abc&x=1")
    'abc'
    >>> token_from_query(None)
    ''
    """
    values = parse_qs(query or "", keep_blank_values=True).get(TOKEN_PARAM) or [""]
    return values[0].strip()


def identify(store: Store, token: str | None) -> Access:
    """Who holds ``token``: a participant, the facilitator, or a refusal.

    Raises
    ------
    AccessDenied with a French message saying what to do (missing or invalid token).
    """
    token = (token or "").strip()
    if not token:
        raise AccessDenied(L.ACCESS["no_token"])
    if len(token) > 64:
        raise AccessDenied(L.ACCESS["bad_token"])
    facilitator = store.get_meta("facilitator_token")
    if facilitator and _same(token, facilitator):
        return Access("facilitator")
    person = store.person_by_token(token)
    if person is None:
        raise AccessDenied(L.ACCESS["bad_token"])
    return Access("participant", _public(person))


def _same(a: str, b: str) -> bool:
    import hmac

    return hmac.compare_digest(a.encode(), b.encode())


def require(access: Access, facilitator: bool) -> None:
    """Refuse a participant on a facilitator page (``AccessDenied``)."""
    if facilitator and not access.is_facilitator:
        raise AccessDenied(L.ACCESS["facilitator_only"])


def revoke_token(store: Store, person_id: str, by: str) -> None:
    """Make a person's link stop working, without giving a new one."""
    store.update("persons", person_id, {"token": None}, by=by)


def reissue_token(store: Store, person_id: str, by: str) -> str:
    """Revoke a person's link and return their new token."""
    return store.reissue_token(person_id, by=by)


def reissue_facilitator_token(store: Store, by: str = L.FACILITATOR_BY) -> str:
    """Replace the facilitator's token; the old link stops working at once."""
    token = new_token()
    store.set_meta("facilitator_token", token)
    with store.writer.begin() as c:  # the change is kept in history, not the secret
        c.execute(TABLES["history"].insert().values(
            kind="meta", record_id="facilitator_token", op="update",
            old={"token": L.HISTORY_SECRET["revoked"]}, new={"token": L.HISTORY_SECRET["new"]}, by=by, at=now()))
    return token


# --- visits (who joined) --------------------------------------------------------------


def record_visit(store: Store, access: Access, page: str, conn: sa.Connection | None = None) -> None:
    """Note that ``access`` opened ``page`` now (for the facilitator's joined count);
    within ``conn``'s transaction when one is given."""
    if conn is None:
        with store.transaction() as c:
            return record_visit(store, access, page, c)
    conn.execute(TABLES["visits"].insert().values(
        person_id=access.person_id, role=access.role, page=page[:80], at=now()))


def visits(store: Store) -> pd.DataFrame:
    """Page openings, oldest first: person_id, role, page, at."""
    import pandas as pd  # heavy, for the board and analyses only

    v = TABLES["visits"]
    with store.reader.connect() as c:
        rows = c.execute(sa.select(v.c.person_id, v.c.role, v.c.page, v.c.at).order_by(v.c.seq)).all()
    return pd.DataFrame.from_records([tuple(r) for r in rows], columns=["person_id", "role", "page", "at"])


# --- the guarded store ----------------------------------------------------------------


def _public(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in SECRET_FIELDS}


@dataclass
class Guard:
    """The store as one access sees it: filtered reads, checked and attributed writes.

    Example
    -------
    >>> from toolkit.core.store import Store
    >>> s = Store("sqlite://")
    >>> g = Guard(s, Access("facilitator"))
    >>> cid = g.insert("competences", {"name": "Urbanisme", "family": "Technique"})
    >>> s.get("competences", cid)["created_by"]
    'animateur'
    """

    store: Store
    access: Access
    #: The token the access came from: when given, every write checks it again, so a link
    #: revoked while its page is open stops writing at once.
    token: str | None = field(default=None, repr=False)
    #: The step the page serves (``steps.STEPS`` key): when given, every participant's write
    #: checks it is still open, so a step closed on the Gestion page while a page is open
    #: takes no more answers from it.
    step: str | None = None

    @property
    def by(self) -> str:
        return self.access.by

    def check_writable(self) -> None:
        """Raise ``AccessDenied`` (French message) when this access may no longer write here:
        its link was revoked, or the page's step was closed since the page opened.

        Every write of the guard calls it; a page writing through a domain function
        (``raci.propose``…) calls it first (``Session.save`` does).
        """
        if self.token is not None:
            now_access = identify(self.store, self.token)  # raises AccessDenied once revoked
            if now_access.role != self.access.role or now_access.person_id != self.access.person_id:
                raise AccessDenied(L.ACCESS["bad_token"])
        if self.step is not None and not self.access.is_facilitator and not steps_mod.is_open(self.store, self.step):
            raise AccessDenied(L.SERVE_WRITES["step_closed"].format(title=steps_mod.get(self.step).title))

    # reading

    def can_read(self, kind_name: str, record: dict[str, Any]) -> bool:
        """False for another person's private record (participants only)."""
        if self.access.is_facilitator:
            return True
        owner = model.kind(kind_name).private_owner
        if owner is None:
            return True
        pid = self.access.person_id
        return record.get(owner) == pid and _forced_match(kind_name, pid, record)

    def records(self, kind_name: str, **where: Any) -> list[dict[str, Any]]:
        """Records of a kind this access may read (tokens removed for participants)."""
        rows = self.store.all(kind_name, **where)
        if self.access.is_facilitator:
            return rows
        return [_public(r) for r in rows if self.can_read(kind_name, r)]

    def get(self, kind_name: str, record_id: str) -> dict[str, Any]:
        record = self.store.get(kind_name, record_id)
        if not self.can_read(kind_name, record):
            raise AccessDenied(L.ACCESS["read_private"])
        return record if self.access.is_facilitator else _public(record)

    def frame(self, kind_name: str) -> pd.DataFrame:
        """A kind as a DataFrame, restricted like :meth:`records`."""
        df = self.store.frame(kind_name)
        if self.access.is_facilitator:
            return df
        if model.kind(kind_name).private_owner:
            keep = [self.can_read(kind_name, row) for row in df.to_dict("records")]
            df = df[keep].reset_index(drop=True) if keep else df
        return df.drop(columns=[c for c in SECRET_FIELDS if c in df.columns])

    # writing

    def _rule(self, kind_name: str) -> Rule:
        k = model.kind(kind_name)
        rule = PARTICIPANT_RULES.get(kind_name)
        if rule is None and k.private_owner:
            rule = Rule(owner=k.private_owner, forced=lambda pid, f=k.private_owner: {f: pid})
        if rule is None:
            raise AccessDenied(L.ACCESS["write_kind"].format(kind=k.label))
        return rule

    def _check_fields(self, kind_name: str, rule: Rule, data: dict[str, Any]) -> dict[str, Any]:
        k = model.kind(kind_name)
        pid = self.access.person_id
        forced = rule.forced(pid) if rule.forced else {}
        allowed = set(rule.fields) if rule.fields is not None else {f.name for f in k.fields if not f.system}
        allowed |= set(forced)
        for name, value in data.items():
            if name == "id" or name in forced:
                continue
            if name not in allowed or (k.has(name) and k.field(name).system):
                label = k.field(name).label if k.has(name) else name
                raise AccessDenied(L.ACCESS["write_field"].format(field=label, kind=k.label))
        owner = _owner_field(kind_name)
        if owner and owner != "id" and data.get(owner) not in (None, "", pid):
            raise AccessDenied(L.ACCESS["write_owner_field"].format(field=k.field(owner).label, kind=k.label))
        return {**{n: v for n, v in data.items() if n != "id"}, **forced}

    def _check_owner(self, kind_name: str, rule: Rule, record: dict[str, Any]) -> None:
        owner = _owner_field(kind_name)
        mine = record.get(owner) == self.access.person_id if owner else record.get("created_by") == self.by
        if not mine or not _forced_match(kind_name, self.access.person_id, record):
            raise AccessDenied(L.ACCESS["write_not_owner"].format(kind=model.kind(kind_name).label))

    def insert(self, kind_name: str, data: dict[str, Any]) -> str:
        """Insert a record attributed to this access; returns its id."""
        self.check_writable()
        if not self.access.is_facilitator:
            rule = self._rule(kind_name)
            if not rule.insert:
                raise AccessDenied(L.ACCESS["write_kind"].format(kind=model.kind(kind_name).label))
            data = self._check_fields(kind_name, rule, data)
        return self.store.insert(kind_name, data, by=self.by)

    def update(self, kind_name: str, record_id: str, changes: dict[str, Any],
               expected_version: int | None = None) -> dict[str, Any]:
        """Change a record this access may change; returns the new record."""
        self.check_writable()
        if not self.access.is_facilitator:
            rule = self._rule(kind_name)
            if not rule.update:
                raise AccessDenied(L.ACCESS["write_kind"].format(kind=model.kind(kind_name).label))
            self._check_owner(kind_name, rule, self.store.get(kind_name, record_id))
            changes = self._check_fields(kind_name, rule, changes)
        new = self.store.update(kind_name, record_id, changes, by=self.by, expected_version=expected_version)
        return new if self.access.is_facilitator else _public(new)

    def delete(self, kind_name: str, record_id: str) -> None:
        """Delete a record this access may delete."""
        self.check_writable()
        if not self.access.is_facilitator:
            rule = self._rule(kind_name)
            if not rule.delete:
                raise AccessDenied(L.ACCESS["write_kind"].format(kind=model.kind(kind_name).label))
            self._check_owner(kind_name, rule, self.store.get(kind_name, record_id))
        self.store.delete(kind_name, record_id, by=self.by)


def participant_ids(store: Store) -> set[str]:
    """Ids of every person (the ``by`` of participants' writes)."""
    return {r["id"] for r in store.all("persons")}


def contributions(store: Store, kinds: Iterable[str]) -> pd.DataFrame:
    """Participants' writes to ``kinds`` from history: kind, record_id, op, by, at."""
    import pandas as pd  # heavy, for the board and analyses only

    h = TABLES["history"]
    ids = participant_ids(store)
    kinds = list(kinds)
    cols = ["kind", "record_id", "op", "by", "at"]
    if not kinds or not ids:
        return pd.DataFrame(columns=cols)
    with store.reader.connect() as c:
        rows = c.execute(sa.select(h.c.kind, h.c.record_id, h.c.op, h.c.by, h.c.at)
                         .where(h.c.kind.in_(kinds)).where(h.c.by.in_(sorted(ids))).order_by(h.c.seq)).all()
    return pd.DataFrame.from_records([tuple(r) for r in rows], columns=cols)
