"""Persistence of a workshop: one store reached by URL (SQLite by default, PostgreSQL too).

Every write is a short transaction that also writes a row of history (who, when, the old
and the new value), so nothing is silently overwritten and a past state can be read back.
Many processes (one per Voilà page) write at once: on SQLite the store runs in WAL mode
and each write transaction first waits for its turn on a file beside the database
(``atelier.db-lock``: a ticket queue on byte locks, served in order), then takes SQLite's
write lock (``BEGIN IMMEDIATE``). Waiting writers sleep in the kernel and the next one
wakes as soon as the turn is passed on, instead of SQLite's busy handler polling with ever
longer sleeps; the statements of a save run straight on SQLite (``statements.py``), so a
turn is short (``bench/bench_store.py``: 30 writers, p95 of a save 1.4 s with the busy
handler). A lock held by someone else for longer than ``lock_timeout`` (60 s) is refused
with a French ``StoreBusy``, on SQLite and on PostgreSQL.

Example
-------
>>> s = Store("sqlite://")                     # in memory, for a quick try
>>> cid = s.insert("competences", {"name": "Conduite de projet", "family": "Pilotage"}, by="doc")
>>> s.update("competences", cid, {"family": "Pilotage de projet"}, by="doc")["family"]
'Pilotage de projet'
>>> [h["op"] for h in s.history("competences", cid)]
['insert', 'update']
"""
from __future__ import annotations

import datetime as dt
import os
import secrets
import sqlite3
import struct
import threading
import weakref
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool

from . import labels as L
from . import model
from . import statements as sql
from .errors import ConflictError, NotFoundError, Problem, StoreBusy, ValidationError
from .migrations import migrate

try:
    import fcntl
except ImportError:  # not on Windows: SQLite's own busy handler does the waiting there
    fcntl = None  # type: ignore[assignment]

if TYPE_CHECKING:  # pandas is imported by the methods returning frames: a participant's
    import pandas as pd  # kernel fills forms without it (about 40 MiB and 0.3 s of CPU each)

SCHEMA_VERSION = 5  # history in toolkit/core/migrations.py

_SQL_TYPES: dict[str, Callable[[], sa.types.TypeEngine]] = {
    "text": sa.Text,
    "int": sa.Integer,
    "float": sa.Float,
    "bool": sa.Boolean,
    "date": sa.Date,
    "month": lambda: sa.String(7),
    "choice": lambda: sa.String(80),
    "ref": lambda: sa.String(40),
    "refs": sa.JSON,
    "json": sa.JSON,
}


def build_metadata() -> sa.MetaData:
    """The SQL schema, derived from ``model.KINDS`` plus the history and meta tables."""
    md = sa.MetaData()
    for name in model.KIND_ORDER:
        k = model.KINDS[name]
        cols: list[sa.Column] = [sa.Column("id", sa.String(40), primary_key=True)]
        for f in k.fields:
            cols.append(sa.Column(f.name, _SQL_TYPES[f.type](), nullable=True, index=f.type == "ref"))
        cols += [
            sa.Column("version", sa.Integer, nullable=False, default=1),
            sa.Column("created_at", sa.String(32), nullable=False),
            sa.Column("created_by", sa.String(120), nullable=False),
            sa.Column("updated_at", sa.String(32), nullable=False),
            sa.Column("updated_by", sa.String(120), nullable=False),
        ]
        sa.Table(name, md, *cols)
    sa.Table(
        "history", md,
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("record_id", sa.String(40), nullable=False),
        sa.Column("op", sa.String(10), nullable=False),
        sa.Column("old", sa.JSON),
        sa.Column("new", sa.JSON),
        sa.Column("by", sa.String(120), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Index("ix_history_record", "kind", "record_id"),
    )
    sa.Table(
        "meta", md,
        sa.Column("key", sa.String(80), primary_key=True),
        sa.Column("value", sa.Text),
    )
    # Page openings during a live workshop (who joined, on which page, when): not a
    # record kind (no history, not in Excel), written by ``toolkit.access.record_visit``.
    sa.Table(
        "visits", md,
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("person_id", sa.String(40), nullable=True, index=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("page", sa.String(80), nullable=False),
        sa.Column("at", sa.String(32), nullable=False),
    )
    return md


METADATA = build_metadata()
TABLES = METADATA.tables


def now() -> str:
    """UTC timestamp, ISO 8601 with microseconds: sortable as text on every backend."""
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


def new_token() -> str:
    """An unguessable URL-safe token (participant or facilitator link)."""
    return secrets.token_urlsafe(18)


# Secrets never go to history: it is read more widely than the tokens should be.
SECRET_FIELDS = {"token"}


def _jsonable(rec: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in rec.items():
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        if key in SECRET_FIELDS and value:
            value = L.HISTORY_SECRET["masked"]
        out[key] = value
    return out


# The French refusal of a store locked too long by someone else.
BUSY_MESSAGE = L.MESSAGES["store_busy"]


# Open file description locks (Linux): a lock belongs to one open of the file, so two
# stores of one process exclude each other as two processes do. Elsewhere, SQLite's busy
# handler does the waiting.
_OFD = fcntl is not None and hasattr(fcntl, "F_OFD_SETLKW")
_DESK = 0  # the byte held while a ticket is taken (a few system calls)
_PLACES = 1 << 32  # ticket n holds the byte at _PLACES + n until its transaction ends


def _byte_lock(fd: int, kind: int, offset: int, wait: bool) -> bool:
    """Lock, share or unlock one byte of ``fd`` (an OFD lock); False when taken and not ``wait``."""
    request = struct.pack("hhqqi", kind, os.SEEK_SET, offset, 1, 0)
    try:
        fcntl.fcntl(fd, fcntl.F_OFD_SETLKW if wait else fcntl.F_OFD_SETLK, request)
        return True
    except (BlockingIOError, PermissionError):  # EAGAIN or EACCES: held by another
        return False


def _take_ticket(fd: int, wait: bool) -> int | None:
    """The next ticket (its place locked), or None when the desk is busy and not ``wait``."""
    if not _byte_lock(fd, fcntl.F_WRLCK, _DESK, wait):
        return None
    try:
        ticket = int.from_bytes(os.pread(fd, 8, 0).ljust(8, b"\0"), "little")
        os.pwrite(fd, (ticket + 1).to_bytes(8, "little"), 0)
        _byte_lock(fd, fcntl.F_WRLCK, _PLACES + ticket, wait=False)  # nobody else has this one
    finally:
        _byte_lock(fd, fcntl.F_UNLCK, _DESK, wait=False)
    return ticket


def _turn_came(fd: int, ticket: int, wait: bool) -> bool:
    """True once ticket - 1 has released its place (its transaction ended, or it died)."""
    if ticket == 0:
        return True
    before = _PLACES + ticket - 1
    if not _byte_lock(fd, fcntl.F_RDLCK, before, wait):
        return False
    _byte_lock(fd, fcntl.F_UNLCK, before, wait=False)
    return True


def _lock_file(path: str, timeout: float) -> int | None:
    """Open ``path`` and wait for this writer's turn; the descriptor (closing it ends the turn).

    Writers are served in the order they asked (a ticket queue on byte locks): each waits
    for the one before it only, so a release wakes one writer, not all of them, and no
    writer is overtaken (with a plain ``flock`` every release woke the 29 others, who raced
    for it). None when the file cannot be opened (a read-only folder): SQLite's busy
    handler then does the waiting, as before. Raises ``StoreBusy`` after ``timeout`` seconds.
    """
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
    except OSError:
        return None
    ticket = _take_ticket(fd, wait=False)
    if ticket is not None and _turn_came(fd, ticket, wait=False):
        return fd
    # Not yet: wait in the kernel, in a helper thread so that the wait can time out (the
    # lock call has no timeout of its own). An abandoned waiter closes its descriptor when
    # its turn comes, which passes the turn on at once.
    got = threading.Event()
    guard = threading.Lock()
    abandoned = False

    def wait() -> None:
        try:
            mine = ticket if ticket is not None else _take_ticket(fd, wait=True)
            _turn_came(fd, mine, wait=True)  # type: ignore[arg-type]
        except OSError:
            pass
        with guard:
            if abandoned:
                os.close(fd)
            else:
                got.set()

    threading.Thread(target=wait, name="maillage-verrou", daemon=True).start()
    if not got.wait(timeout):
        with guard:
            if not got.is_set():
                abandoned = True
                raise StoreBusy(BUSY_MESSAGE.format(seconds=round(timeout)))
    return fd


# Connections holding the file lock. A forked child inherits their descriptors, and
# a byte lock holds until every copy is closed: the child closes its copies at once, so that a
# child started during a write transaction does not keep everybody out.
_HOLDERS: "weakref.WeakSet[_LockingConnection]" = weakref.WeakSet()


def _forget_locks_in_child() -> None:
    for conn in list(_HOLDERS):
        fd, conn._lock_fd = conn._lock_fd, None
        if fd is not None:
            os.close(fd)  # the child's copy only: the parent keeps its lock
    _HOLDERS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_locks_in_child)


class _LockingConnection(sqlite3.Connection):
    """A sqlite3 connection whose write transactions hold the file lock until they end."""

    lock_path: str | None = None
    lock_timeout: float = 60.0
    _lock_fd: int | None = None

    def begin_write(self) -> None:
        """Take the file lock (when there is one), then SQLite's write lock."""
        if self.lock_path and self._lock_fd is None:
            self._lock_fd = _lock_file(self.lock_path, self.lock_timeout)
            if self._lock_fd is not None:
                _HOLDERS.add(self)
        try:
            self.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            self._release()
            if "locked" in str(exc) or "busy" in str(exc):  # held outside Maillage
                raise StoreBusy(BUSY_MESSAGE.format(seconds=round(self.lock_timeout))) from exc
            raise

    def _release(self) -> None:
        fd, self._lock_fd = self._lock_fd, None
        if fd is not None:
            _HOLDERS.discard(self)
            os.close(fd)

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self._release()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._release()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._release()


def _sqlite_setup(engine: Engine, immediate: bool, wal: bool = True, lock_path: str | None = None,
                  lock_timeout: float = 60.0) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        if isinstance(dbapi_conn, _LockingConnection):
            dbapi_conn.lock_path = lock_path
            dbapi_conn.lock_timeout = lock_timeout
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(lock_timeout * 1000)}")
        if wal:  # a property of the file, set outside any transaction; a no-op once set
            cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = OFF")
        cur.execute("PRAGMA synchronous = FULL")  # a confirmed write survives a crash
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        dbapi_conn = conn.connection.dbapi_connection
        if immediate and isinstance(dbapi_conn, _LockingConnection):
            dbapi_conn.begin_write()  # the file lock, then BEGIN IMMEDIATE
            return
        # IMMEDIATE takes the write lock up front: no deadlock when a reader upgrades.
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _postgresql_setup(engine: Engine, lock_timeout: float = 60.0) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # A confirmed write survives a server crash even where the server or role is tuned
        # with synchronous_commit = off (which drops the last commits on a crash).
        cur = dbapi_conn.cursor()
        cur.execute("SET synchronous_commit = on")
        # A row or advisory lock held longer than this is refused (then StoreBusy).
        cur.execute(f"SET lock_timeout = {int(lock_timeout * 1000)}")
        cur.close()
        dbapi_conn.commit()


def make_engines(url: str, write_lock: str = "file", lock_timeout: float = 60.0) -> tuple[Engine, Engine]:
    """A (writer, reader) pair of engines for ``url``; one shared engine off SQLite.

    ``write_lock`` (SQLite files): ``"file"``, a lock file beside the database taken
    around each write transaction (the default); ``"sqlite"``, SQLite's busy handler alone
    (the former mechanism, kept to measure against in ``bench/bench_store.py``).
    """
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() != "sqlite":
        engine = sa.create_engine(url, pool_pre_ping=True, future=True)
        if parsed.get_backend_name() == "postgresql":
            _postgresql_setup(engine, lock_timeout)
        return engine, engine
    memory = parsed.database in (None, "", ":memory:")
    kw: dict[str, Any] = {"connect_args": {"timeout": lock_timeout, "check_same_thread": False}}
    if memory:
        kw["poolclass"] = StaticPool
        engine = sa.create_engine(url, **kw)
        _sqlite_setup(engine, immediate=False, wal=False)
        return engine, engine
    lock_path = None
    if write_lock == "file" and _OFD:
        lock_path = os.path.abspath(parsed.database) + "-lock"
    writer = sa.create_engine(url, connect_args={**kw["connect_args"], "factory": _LockingConnection})
    _sqlite_setup(writer, immediate=True, lock_path=lock_path, lock_timeout=lock_timeout)
    reader = sa.create_engine(url, **kw)
    _sqlite_setup(reader, immediate=False, lock_timeout=lock_timeout)
    return writer, reader


def _lock_timed_out(exc: sa.exc.DBAPIError) -> bool:
    """True for a lock wait that gave up: SQLite's "database is locked", PostgreSQL's
    lock_timeout (SQLSTATE 55P03)."""
    orig = exc.orig
    return (isinstance(orig, sqlite3.OperationalError) and "locked" in str(orig)) or \
        getattr(orig, "sqlstate", None) == "55P03"


def _meta_upsert(conn: Connection, key: str, value: str, replace: bool) -> sa.Executable:
    """INSERT … ON CONFLICT for the meta table, in the connection's dialect."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(TABLES["meta"]).values(key=key, value=value)
    if replace:
        return statement.on_conflict_do_update(index_elements=["key"], set_={"value": value})
    return statement.on_conflict_do_nothing(index_elements=["key"])


class Store:
    """A workshop's records, reached by SQLAlchemy URL.

    Parameters
    ----------
    url : ``sqlite:///chemin/atelier.db`` (default kind), ``postgresql+psycopg://…``, or
        ``sqlite://`` for a throw-away in-memory store.
    write_lock : how SQLite writers wait for each other (see ``make_engines``).
    lock_timeout : seconds a write waits for a lock held by someone else before
        ``StoreBusy`` (a French message) is raised.
    """

    def __init__(self, url: str, write_lock: str = "file", lock_timeout: float = 60.0) -> None:
        self.url = url
        self.lock_timeout = lock_timeout
        self.writer, self.reader = make_engines(url, write_lock, lock_timeout)
        self.backend = self.writer.dialect.name
        self._migrate()

    # --- schema ------------------------------------------------------------------

    def _migrate(self) -> None:
        migrate(self, METADATA, SCHEMA_VERSION)

    def schema_version(self) -> int:
        return int(self.get_meta("schema_version") or 0)

    def get_meta(self, key: str) -> str | None:
        meta = TABLES["meta"]
        with self.reader.connect() as conn:
            row = conn.execute(sa.select(meta.c.value).where(meta.c.key == key)).first()
        return row[0] if row else None

    def set_meta(self, key: str, value: str, conn: Connection | None = None) -> None:
        """Set one meta value (insert or replace, in one statement: safe against a
        concurrent first write on PostgreSQL too)."""
        with self._write(conn) as c:
            c.execute(_meta_upsert(c, key, value, replace=True))

    def meta_setdefault(self, key: str, value: str) -> str:
        """The meta value of ``key``, set to ``value`` first when it has none.

        Atomic: when several processes ask at once on a new store, all get the value the
        first one wrote (pages opening at once all see the same facilitator token).
        """
        meta = TABLES["meta"]
        with self._write() as c:
            c.execute(_meta_upsert(c, key, value, replace=False))
            return c.execute(sa.select(meta.c.value).where(meta.c.key == key)).scalar_one()

    # --- transactions ------------------------------------------------------------

    @contextmanager
    def _write(self, conn: Connection | None = None) -> Iterator[Connection]:
        """A write transaction (or the caller's, when one is passed in).

        Waits up to ``lock_timeout`` for the write lock, then raises ``StoreBusy``.
        """
        if conn is not None:
            yield conn
            return
        try:
            with self.writer.begin() as c:
                yield c
        except sa.exc.OperationalError as exc:
            if _lock_timed_out(exc):
                raise StoreBusy(BUSY_MESSAGE.format(seconds=round(self.lock_timeout))) from exc
            raise

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """Group several writes in one all-or-nothing transaction.

        >>> s = Store("sqlite://")
        >>> with s.transaction() as tx:
        ...     _ = s.insert("axes", {"name": "Habitat"}, by="doc", conn=tx)
        ...     _ = s.insert("axes", {"name": "Commerce"}, by="doc", conn=tx)
        >>> len(s.all("axes"))
        2
        """
        with self._write() as conn:
            yield conn

    # --- reading -----------------------------------------------------------------

    def get(self, kind_name: str, record_id: str, conn: Connection | None = None,
            for_update: bool = False) -> dict[str, Any]:
        """One record as a dict (raises ``NotFoundError``).

        ``for_update`` (inside a write transaction) locks the row until commit: on
        PostgreSQL two writers would otherwise both read version n and both write n + 1,
        losing a change and its history. SQLite's ``BEGIN IMMEDIATE`` already serialises
        writers, and SQLAlchemy renders nothing there.
        """
        table = TABLES[kind_name]
        if conn is not None:
            rows = sql.select_rows(conn, table, {"id": record_id}, order_by_id=False, for_update=for_update)
        else:
            with self.reader.connect() as c:
                rows = sql.select_rows(c, table, {"id": record_id}, order_by_id=False)
        if not rows:
            raise NotFoundError(L.MESSAGES["not_found"].format(kind=model.KINDS[kind_name].label, id=record_id))
        return rows[0]

    def exists(self, kind_name: str, record_id: str) -> bool:
        table = TABLES[kind_name]
        with self.reader.connect() as c:
            return c.execute(sa.select(table.c.id).where(table.c.id == record_id)).first() is not None

    def all(self, kind_name: str, **where: Any) -> list[dict[str, Any]]:
        """Every record of a kind, optionally filtered by equality on fields."""
        with self.reader.connect() as c:
            return sql.select_rows(c, TABLES[kind_name], where)

    def count(self, kind_name: str, **where: Any) -> int:
        table = TABLES[kind_name]
        query = sa.select(sa.func.count()).select_from(table)
        for key, value in where.items():
            query = query.where(table.c[key] == value)
        with self.reader.connect() as c:
            return int(c.execute(query).scalar_one())

    def frame(self, kind_name: str, system: bool = False) -> pd.DataFrame:
        """A kind as a DataFrame: ``id`` then the model's fields (plus audit columns if ``system``)."""
        table = TABLES[kind_name]
        k = model.KINDS[kind_name]
        import pandas as pd  # heavy, for the analyses only: see the imports

        columns = ["id"] + k.field_names
        if system:
            columns += ["version", "created_at", "created_by", "updated_at", "updated_by"]
        with self.reader.connect() as c:
            rows = c.execute(sa.select(*[table.c[n] for n in columns]).order_by(table.c.id)).all()
        df = pd.DataFrame.from_records([tuple(r) for r in rows], columns=columns)
        for f in k.fields:
            if f.type in ("int", "float") and f.name in df and not f.required and f.default is None:
                # optional, no default (raci.days): « not entered » stays None, not NaN, so that
                # records read back compare equal; numbers stay numbers
                df[f.name] = df[f.name].astype(object).where(df[f.name].notna(), None)
            elif f.type in ("int", "float") and f.name in df:
                df[f.name] = pd.to_numeric(df[f.name])
            elif f.type == "bool":
                df[f.name] = df[f.name].astype("boolean") if len(df) else df[f.name].astype(bool)
        return df

    def frames(self, kinds: Iterable[str] | None = None) -> dict[str, pd.DataFrame]:
        """Every kind (or those named) as DataFrames: the input of the analyses."""
        return {k: self.frame(k) for k in (kinds or model.KIND_ORDER)}

    def project(self) -> dict[str, Any] | None:
        """The workshop's territorial project, or None before it is set."""
        rows = self.all("project")
        return rows[0] if rows else None

    # --- writing -----------------------------------------------------------------

    def _check_refs(self, conn: Connection, kind_name: str, records: list[dict[str, Any]],
                    pending: dict[str, set[str]] | None = None) -> list[Problem]:
        """Problems for references to records that do not exist (batched per target kind)."""
        problems = []
        wanted: dict[str, set[str]] = {}
        for f, target in model.references(kind_name):
            for rec in records:
                value = rec.get(f.name)
                values = value if isinstance(value, list) else ([value] if value else [])
                wanted.setdefault(target, set()).update(values)
        pending = pending or {}
        stored = sql.ids_in(conn, {TABLES[t]: ids - pending.get(t, set()) for t, ids in wanted.items()})
        found = {t: stored[t] | pending.get(t, set()) for t in wanted}
        for f, target in model.references(kind_name):
            for rec in records:
                value = rec.get(f.name)
                values = value if isinstance(value, list) else ([value] if value else [])
                for v in values:
                    if v not in found[target]:
                        problems.append(Problem(f.label, v, model.expectation(f), record=rec.get("id")))
        return problems

    def _check_cycles(self, conn: Connection, kind_name: str, records: list[dict[str, Any]]) -> list[Problem]:
        """Problems for a self-reference that would close a loop (an action its own
        ancestor): the tree as stored, with the records' new values, walked from each."""
        problems = []
        for f in model.self_references(kind_name):
            changed = [r for r in records if f.name in r and r.get("id")]
            if not any(r.get(f.name) for r in changed):
                continue
            table = TABLES[kind_name]
            parent = {r["id"]: r[f.name] for r in sql.select_rows(conn, table, columns=("id", f.name), order_by_id=False)}
            parent.update({r["id"]: r.get(f.name) for r in changed})
            for rec in changed:
                seen, node = {rec["id"]}, rec.get(f.name)
                while node:
                    if node in seen:
                        problems.append(Problem(f.label, rec.get(f.name), L.EXPECT["no_cycle"], record=rec["id"]))
                        break
                    seen.add(node)
                    node = parent.get(node)
        return problems

    def _history(self, conn: Connection, kind_name: str, record_id: str, op: str,
                 old: dict | None, new: dict | None, by: str, at: str) -> None:
        sql.insert_rows(conn, TABLES["history"], [{
            "kind": kind_name, "record_id": record_id, "op": op,
            "old": _jsonable(old) if old else None, "new": _jsonable(new) if new else None, "by": by, "at": at}])

    def _new_id(self, kind_name: str) -> str:
        return f"{model.KINDS[kind_name].prefix}-{secrets.token_hex(4)}"

    def insert(self, kind_name: str, data: dict[str, Any], by: str,
               conn: Connection | None = None) -> str:
        """Validate and insert one record; returns its id. ``by`` says who (kept in history)."""
        return self.insert_many(kind_name, [data], by=by, conn=conn)[0]

    def insert_many(self, kind_name: str, records: list[dict[str, Any]], by: str,
                    conn: Connection | None = None,
                    pending: dict[str, set[str]] | None = None, validated: bool = False) -> list[str]:
        """Validate and insert records of one kind in one transaction (all or nothing).

        ``pending`` lists ids being inserted in the same transaction by the caller, so
        that references between not-yet-committed records are accepted.
        ``validated``: the records are ``model.validate``'s output already (the Excel
        import checks every row once, naming its cell): they are not validated twice.
        Identifiers, references and uniqueness are still checked here, in the transaction.
        """
        cleaned: list[dict[str, Any]] = []
        problems: list[Problem] = []
        for i, data in enumerate(records):
            try:
                rec = dict(data) if validated else model.validate(kind_name, data)
            except ValidationError as exc:
                problems.extend(Problem(p.field, p.value, p.expected, record=data.get("id") or f"n° {i + 1}")
                                for p in exc.problems)
                continue
            rec.setdefault("id", self._new_id(kind_name))
            if kind_name == "persons" and not rec.get("token"):
                rec["token"] = new_token()
            if kind_name == "project":
                rec["id"] = "PRJ"
            cleaned.append(rec)
        seen: set[str] = set()
        for rec in cleaned:
            if rec["id"] in seen:
                problems.append(Problem(L.FIELD_LABELS["id"], rec["id"], L.EXPECT["unique"]))
            seen.add(rec["id"])
        if problems:
            raise ValidationError(problems, L.MESSAGES["invalid_record"].format(kind=model.KINDS[kind_name].label))
        table = TABLES[kind_name]
        with self._write(conn) as c:
            at = now()  # taken under the write lock, so history times follow its order
            problems = self._check_refs(c, kind_name, cleaned, pending)
            problems += self._check_cycles(c, kind_name, cleaned)
            existing: set[str] = set()
            ids = [r["id"] for r in cleaned]
            # An empty table holds none of them (an import into a new workshop): one query
            # instead of one per CHUNK ids.
            if len(ids) <= sql.CHUNK or not sql.is_empty(c, table):
                existing = sql.ids_in(c, {table: ids})[table.name]
            problems += [Problem(L.FIELD_LABELS["id"], rid, L.EXPECT["unique"]) for rid in ids if rid in existing]
            if problems:
                raise ValidationError(problems, L.MESSAGES["invalid_record"].format(kind=model.KINDS[kind_name].label))
            audit = {"version": 1, "created_at": at, "created_by": by, "updated_at": at, "updated_by": by}
            rows = [{**rec, **audit} for rec in cleaned]
            if rows:
                sql.insert_rows(c, table, rows)
                sql.insert_rows(c, TABLES["history"], [
                    {"kind": kind_name, "record_id": r["id"], "op": "insert", "old": None,
                     "new": _jsonable(r), "by": by, "at": at} for r in cleaned])
        return ids

    def update(self, kind_name: str, record_id: str, changes: dict[str, Any], by: str,
               expected_version: int | None = None, conn: Connection | None = None) -> dict[str, Any]:
        """Change some fields of a record; the old values go to history. Returns the new record.

        ``expected_version`` (from a record read earlier) refuses the change with a
        ``ConflictError`` if somebody else changed the record in between.
        """
        changes = {k: v for k, v in changes.items() if k != "id"}
        clean = model.validate(kind_name, changes, partial=True)
        table = TABLES[kind_name]
        with self._write(conn) as c:
            old = self.get(kind_name, record_id, conn=c, for_update=True)
            if expected_version is not None and old["version"] != expected_version:
                raise ConflictError(L.MESSAGES["conflict"].format(
                    kind=model.KINDS[kind_name].label, id=record_id, by=old["updated_by"]))
            merged = {k: old[k] for k in model.KINDS[kind_name].field_names}
            merged.update(clean)
            problems = self._check_refs(c, kind_name, [{**clean, "id": record_id}])
            problems += self._check_cycles(c, kind_name, [{**clean, "id": record_id}])
            problems += model.cross_checks(kind_name, {**merged, "id": record_id})
            if problems:
                raise ValidationError(problems, L.MESSAGES["invalid_record"].format(kind=model.KINDS[kind_name].label))
            real = {k: v for k, v in clean.items() if old.get(k) != v}
            if not real:
                return old
            at = now()
            values = {**real, "version": old["version"] + 1, "updated_at": at, "updated_by": by}
            sql.update_row(c, table, record_id, values)
            new = {**old, **values}
            self._history(c, kind_name, record_id, "update",
                          {k: old[k] for k in real}, {k: new[k] for k in real}, by, at)
        return new

    def delete(self, kind_name: str, record_id: str, by: str, conn: Connection | None = None) -> None:
        """Delete a record not referenced any more; the whole record goes to history."""
        table = TABLES[kind_name]
        with self._write(conn) as c:
            old = self.get(kind_name, record_id, conn=c, for_update=True)
            users = self._referrers(c, kind_name, record_id)
            if users:
                raise ConflictError(L.MESSAGES["still_referenced"].format(
                    kind=model.KINDS[kind_name].label, id=record_id, by=", ".join(users)))
            c.execute(table.delete().where(table.c.id == record_id))
            self._history(c, kind_name, record_id, "delete", old, None, by, now())

    def _referrers(self, conn: Connection, kind_name: str, record_id: str) -> list[str]:
        users = []
        for other in model.KIND_ORDER:
            for f, target in model.references(other):
                if target != kind_name:
                    continue
                t = TABLES[other]
                if f.type == "ref":
                    rows = conn.execute(sa.select(t.c.id).where(t.c[f.name] == record_id).limit(3)).all()
                else:
                    rows = [r for r in conn.execute(sa.select(t.c.id, t.c[f.name])) if record_id in (r[1] or [])][:3]
                users += [f"{model.KINDS[other].label} {r[0]}" for r in rows]
        return users

    # --- history -----------------------------------------------------------------

    def history(self, kind_name: str | None = None, record_id: str | None = None) -> list[dict[str, Any]]:
        """History rows (oldest first): kind, record_id, op, old, new, by, at."""
        h = TABLES["history"]
        query = sa.select(h).order_by(h.c.seq)
        if kind_name:
            query = query.where(h.c.kind == kind_name)
        if record_id:
            query = query.where(h.c.record_id == record_id)
        with self.reader.connect() as c:
            return [dict(r._mapping) for r in c.execute(query)]

    def as_of(self, kind_name: str, when: str) -> pd.DataFrame:
        """The records of a kind as they were at ``when`` (ISO timestamp), rebuilt from history."""
        state: dict[str, dict[str, Any] | None] = {}
        for row in self.history(kind_name):
            if row["at"] > when:  # not `break`: a caller's outer transaction may commit late
                continue
            if row["op"] == "insert":
                state[row["record_id"]] = dict(row["new"])
            elif row["op"] == "update" and state.get(row["record_id"]) is not None:
                state[row["record_id"]].update(row["new"])  # type: ignore[union-attr]
            elif row["op"] == "delete":
                state[row["record_id"]] = None
        import pandas as pd  # heavy, for the analyses only: see the imports

        columns = ["id"] + model.KINDS[kind_name].field_names
        records = [{c: r.get(c) for c in columns} for r in state.values() if r is not None]
        return pd.DataFrame.from_records(records, columns=columns).sort_values("id", ignore_index=True)

    # --- tokens ------------------------------------------------------------------

    def facilitator_token(self) -> str:
        """The facilitator's token (created on first use)."""
        return self.get_meta("facilitator_token") or self.meta_setdefault("facilitator_token", new_token())

    def person_by_token(self, token: str) -> dict[str, Any] | None:
        """The person holding this participant token, or None (unknown or revoked)."""
        if not token:
            return None
        rows = self.all("persons", token=token)
        return rows[0] if rows else None

    def reissue_token(self, person_id: str, by: str) -> str:
        """Revoke a person's token and give them a new one; returns the new token."""
        token = new_token()
        with self._write() as c:
            old = self.get("persons", person_id, conn=c, for_update=True)
            at = now()
            t = TABLES["persons"]
            c.execute(t.update().where(t.c.id == person_id).values(
                token=token, version=old["version"] + 1, updated_at=at, updated_by=by))
            # The old token is a secret: history records that it changed, not its value.
            self._history(c, "persons", person_id, "update", {"token": L.HISTORY_SECRET["revoked"]}, {"token": L.HISTORY_SECRET["new"]}, by, at)
        return token

    def dispose(self) -> None:
        self.writer.dispose()
        if self.reader is not self.writer:
            self.reader.dispose()

