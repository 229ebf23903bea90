"""Who is on the other end of a page, and what they may read and write.

A link carries a token (``?jeton=…``). :func:`identify` turns it into an :class:`Access`:
a participant (one person of the workshop), the facilitator (the token kept in the
store's meta), or a refusal (:class:`~toolkit.core.errors.AccessDenied`, message in French).
:class:`Guard` then wraps the store for that access: every read hides what is not theirs
(another person's private records, everybody's tokens) and every write is checked and
attributed (``by=``) to whoever made it.

The rights themselves are data, in :data:`toolkit.core.permissions.RULES` (who may write
what: kind, role, fields, forced values); the guard applies them with
:func:`toolkit.core.permissions.check`, the same function the analyses' write functions
(action sheets: ``toolkit.actions``) call, so a page and a carnet go through one path.
A page writing through such a function takes its writer from :meth:`Guard.writer`, which
checks the link and the step again first.

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
from typing import TYPE_CHECKING, Any, Iterable
from urllib.parse import parse_qs

import sqlalchemy as sa

from .core import labels as L
from .core import model
from .core import permissions
from . import steps as steps_mod
from .core.errors import AccessDenied
from .core.store import SECRET_FIELDS, TABLES, Store, new_token, now

if TYPE_CHECKING:  # the frames below are for the board and analyses: a participant's
    import pandas as pd  # kernel checks its writes without pandas (see toolkit.core.store)

#: The query-string parameter that carries the token.
TOKEN_PARAM = "jeton"


#: Who is on the other end of a page: the permissions' actor (role ``participant`` with
#: the person's record, without its token, or ``facilitator``).
Access = permissions.Actor


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
        return permissions.owns(kind_name, record, self.access)

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

    def writer(self) -> Access:
        """The access, for a write through a domain function (``actions.update_sheet``…),
        once :meth:`check_writable` passed: link still valid, step still open."""
        self.check_writable()
        return self.access

    def insert(self, kind_name: str, data: dict[str, Any]) -> str:
        """Insert a record attributed to this access; returns its id."""
        self.check_writable()
        if not self.access.is_facilitator:  # a participant never chooses an id
            data = {n: v for n, v in data.items() if n != "id"}
        return permissions.insert(self.store, self.access, kind_name, data)

    def update(self, kind_name: str, record_id: str, changes: dict[str, Any],
               expected_version: int | None = None) -> dict[str, Any]:
        """Change a record this access may change; returns the new record."""
        self.check_writable()
        if not self.access.is_facilitator:
            changes = {n: v for n, v in changes.items() if n != "id"}
        new = permissions.update(self.store, self.access, kind_name, record_id, changes, expected_version)
        return new if self.access.is_facilitator else _public(new)

    def delete(self, kind_name: str, record_id: str) -> None:
        """Delete a record this access may delete."""
        self.check_writable()
        permissions.delete(self.store, self.access, kind_name, record_id)


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
