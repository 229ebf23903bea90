"""The few statements a save and a page's read run, lean on SQLite.

On SQLite each runs straight on the DBAPI connection under the caller's SQLAlchemy
connection (same transaction), with values bound and read back as SQLAlchemy's SQLite
dialect binds and reads them: SQLAlchemy's per-statement work (building the statement,
its cache key, the result's processing) was most of a save's time under the write lock
(1.1 ms of CPU of 1.2 ms, ``bench/bench_store.py``), and every other writer waits for it.
Elsewhere (PostgreSQL) they go through SQLAlchemy.

Example
-------
>>> from toolkit.core.store import Store, TABLES
>>> s = Store("sqlite://")
>>> aid = s.insert("axes", {"name": "Habitat"}, by="doc")
>>> with s.transaction() as tx:
...     [r["name"] for r in select_rows(tx, TABLES["axes"], {"id": aid})]
['Habitat']
"""
from __future__ import annotations

import datetime as dt
import json
import operator
from functools import lru_cache
from typing import Any, Callable, Iterable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

CHUNK = 500  # ids per IN (…): under every backend's limit on bound parameters


def _is_sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def _raw(conn: Connection) -> Any:
    """The SQLite connection under ``conn``: statements on it join ``conn``'s transaction."""
    return conn.connection.dbapi_connection


def _quote(name: str) -> str:
    return '"' + name + '"'


def sqlite_binder(column: sa.Column) -> Callable[[Any], Any] | None:
    """How SQLAlchemy's SQLite dialect binds a column's values (JSON as text, dates ISO)."""
    if isinstance(column.type, sa.JSON):
        # None too, as JSON null, as SQLAlchemy does (none_as_null=False).
        return lambda v: "null" if v is None else json.dumps(v)
    if isinstance(column.type, sa.Date):
        return lambda v: v.isoformat() if v is not None else None
    return None


def sqlite_reader(column: sa.Column) -> Callable[[Any], Any] | None:
    """How SQLAlchemy's SQLite dialect reads a column's values back (JSON, dates, booleans)."""
    if isinstance(column.type, sa.JSON):
        return lambda v: None if v is None else json.loads(v)
    if isinstance(column.type, sa.Date):
        return lambda v: None if v is None else dt.date.fromisoformat(v)
    if isinstance(column.type, sa.Boolean):
        return lambda v: None if v is None else bool(v)
    return None


@lru_cache(maxsize=None)
def _binder(table: sa.Table, name: str) -> Callable[[Any], Any] | None:
    return sqlite_binder(table.c[name])


def _bound(table: sa.Table, names: Iterable[str], values: Iterable[Any]) -> list[Any]:
    out = []
    for name, value in zip(names, values):
        bind = _binder(table, name)
        out.append(bind(value) if bind else value)
    return out


@lru_cache(maxsize=None)
def _readers(table: sa.Table, names: tuple[str, ...]) -> list[tuple[int, Callable[[Any], Any]]]:
    return [(i, read) for i, n in enumerate(names) if (read := sqlite_reader(table.c[n]))]


def _where(table: sa.Table, where: dict[str, Any]) -> tuple[str, list[Any]]:
    if not where:
        return "", []
    # None matches an empty value, as SQLAlchemy's ``column == None`` (IS NULL) does.
    tests = [f"{_quote(k)} IS NULL" if v is None else f"{_quote(k)} = ?" for k, v in where.items()]
    given = {k: v for k, v in where.items() if v is not None}
    return " WHERE " + " AND ".join(tests), _bound(table, given, given.values())


def select_rows(conn: Connection, table: sa.Table, where: dict[str, Any] | None = None,
                columns: Iterable[str] | None = None, order_by_id: bool = True,
                for_update: bool = False, limit: int | None = None) -> list[dict[str, Any]]:
    """Rows of ``table`` matching ``where`` (equality on columns), as dicts of ``columns``
    (all by default), ordered by id. ``for_update`` locks them until commit (PostgreSQL;
    SQLite's write transaction holds the whole file already)."""
    where = where or {}
    names = tuple(columns) if columns is not None else tuple(c.name for c in table.columns)
    if not _is_sqlite(conn):
        query = sa.select(*[table.c[n] for n in names])
        for key, value in where.items():
            query = query.where(table.c[key] == value)
        if order_by_id:
            query = query.order_by(table.c.id)
        if limit is not None:
            query = query.limit(limit)
        if for_update:
            query = query.with_for_update()
        return [dict(zip(names, r)) for r in conn.execute(query)]
    clause, params = _where(table, where)
    sql = f"SELECT {', '.join(map(_quote, names))} FROM {_quote(table.name)}{clause}"
    if order_by_id:
        sql += ' ORDER BY "id"'
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    readers = _readers(table, names)
    rows = _raw(conn).execute(sql, params).fetchall()
    if not readers:
        return [dict(zip(names, r)) for r in rows]
    out = []
    for r in rows:
        values = list(r)
        for i, read in readers:
            values[i] = read(values[i])
        out.append(dict(zip(names, values)))
    return out


def ids_in(conn: Connection, wanted: dict[sa.Table, Iterable[str]]) -> dict[str, set[str]]:
    """For each table, those of its wanted ids that it holds (keyed by table name).

    A save's few references are looked up in one statement (a ``UNION ALL`` over the
    tables: one round trip to PostgreSQL instead of one per table); an import's many ids
    in statements of at most ``CHUNK`` ids.
    """
    found: dict[str, set[str]] = {table.name: set() for table in wanted}
    batch: list[tuple[sa.Table, list[str]]] = []  # at most CHUNK ids in all

    def flush() -> None:
        for name, rid in _select_ids(conn, batch):
            found[name].add(rid)
        batch.clear()

    for table, ids in wanted.items():
        ordered = sorted(set(ids))
        for i in range(0, len(ordered), CHUNK):
            piece = ordered[i:i + CHUNK]
            if sum(len(b) for _, b in batch) + len(piece) > CHUNK:
                flush()
            batch.append((table, piece))
    if batch:
        flush()
    return found


def _select_ids(conn: Connection, batch: list[tuple[sa.Table, list[str]]]) -> list[tuple[str, str]]:
    if _is_sqlite(conn):
        parts = [f"SELECT '{table.name}', \"id\" FROM {_quote(table.name)} WHERE \"id\" IN ({', '.join('?' * len(ids))})"
                 for table, ids in batch]
        params = [rid for _, ids in batch for rid in ids]
        return _raw(conn).execute(" UNION ALL ".join(parts), params).fetchall()
    selects = [sa.select(sa.literal(table.name).label("kind"), table.c.id).where(table.c.id.in_(ids))
               for table, ids in batch]
    query = selects[0] if len(selects) == 1 else sa.union_all(*selects)
    return [tuple(r) for r in conn.execute(query)]


def is_empty(conn: Connection, table: sa.Table) -> bool:
    """True when ``table`` holds no row."""
    return not select_rows(conn, table, columns=("id",), order_by_id=False, limit=1)


def insert_rows(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows that all have the same keys, in one executemany.

    On SQLite the values are bound as SQLAlchemy's dialect binds them but in a plain
    DBAPI ``executemany`` (SQLAlchemy's per-row parameter processing took 40 % of an
    import of 25,000 records); elsewhere through SQLAlchemy.
    """
    if not _is_sqlite(conn):
        conn.execute(table.insert(), rows)
        return
    names = list(rows[0])
    binders = [(i, bind) for i, n in enumerate(names) if (bind := _binder(table, n))]
    sql = (f'INSERT INTO {_quote(table.name)} ({", ".join(map(_quote, names))}) '
           f'VALUES ({", ".join("?" * len(names))})')
    get = operator.itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    params = []
    for row in rows:
        values = list(get(row))
        for i, bind in binders:
            values[i] = bind(values[i])
        params.append(tuple(values))
    _raw(conn).executemany(sql, params)


def update_row(conn: Connection, table: sa.Table, record_id: str, values: dict[str, Any]) -> None:
    """Set ``values`` on the row ``record_id`` of ``table``."""
    if not _is_sqlite(conn):
        conn.execute(table.update().where(table.c.id == record_id).values(**values))
        return
    sql = f'UPDATE {_quote(table.name)} SET {", ".join(f"{_quote(k)} = ?" for k in values)} WHERE "id" = ?'
    _raw(conn).execute(sql, [*_bound(table, values, values.values()), record_id])
