"""The store's writers: the lock file around write transactions (no stall, a French
refusal when someone holds the store too long) and the lean insert path.

Tests that look at SQLite's machinery use a SQLite file; the PostgreSQL one needs the
server of ``MAILLAGE_TEST_PG_URL`` (``scripts/postgres.sh``)."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from toolkit.core import model
from toolkit.core.errors import MaillageError, StoreBusy, ValidationError
from toolkit.core.store import TABLES, Store
from toolkit.core.workshop import Workshop


def _competence(store: Store, name: str = "Conduite de projet") -> str:
    return store.insert("competences", {"name": name, "family": "Pilotage"}, by="test")


# --- a store held locked by someone else ------------------------------------------------


def _assert_busy_in_french(exc: BaseException) -> None:
    text = str(exc)
    assert isinstance(exc, StoreBusy) and isinstance(exc, MaillageError)
    assert "L'atelier est occupé" in text and "verrouillé" in text
    assert "database is locked" not in text and "sqlalchemy" not in text.lower()


def test_a_maillage_writer_holding_the_lock_too_long_gives_a_french_message(tmp_path: Path) -> None:
    # Another page's write transaction (another process) holds the store's write turn.
    url = f"sqlite:///{tmp_path / 'occupe.db'}"
    Store(url).dispose()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, url], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        cwd=Path(__file__).resolve().parents[1])
    assert holder.stdout.readline().strip() == "tenu"
    store = Store(url, lock_timeout=0.5)
    try:
        t0 = time.perf_counter()
        with pytest.raises(StoreBusy) as info:
            store.insert("axes", {"name": "Habitat"}, by="test")
        assert 0.4 < time.perf_counter() - t0 < 5
        _assert_busy_in_french(info.value)
    finally:
        holder.communicate("fin\n", timeout=30)  # released: the next write goes through at once
    t0 = time.perf_counter()
    store.insert("axes", {"name": "Habitat"}, by="test")
    assert time.perf_counter() - t0 < 1
    assert sorted(a["name"] for a in store.all("axes")) == ["Avant", "Habitat"]
    store.dispose()


# A writer that holds its transaction open until told to end it.
HOLDER = """
import sys

from toolkit.core.store import Store
store = Store(sys.argv[1])
with store.transaction() as tx:
    store.insert("axes", {"name": "Avant"}, by="autre page", conn=tx)
    print("tenu", flush=True)
    sys.stdin.readline()
"""


def test_an_outside_sqlite_writer_holding_the_lock_too_long_gives_a_french_message(tmp_path: Path) -> None:
    # A tool outside Maillage (the sqlite3 shell, a script) holds SQLite's write lock.
    url = f"sqlite:///{tmp_path / 'occupe.db'}"
    Store(url).dispose()
    holder = sqlite3.connect(tmp_path / "occupe.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    store = Store(url, lock_timeout=0.5)
    try:
        with pytest.raises(StoreBusy) as info:
            store.insert("axes", {"name": "Habitat"}, by="test")
        _assert_busy_in_french(info.value)
        with pytest.raises(StoreBusy):  # a transaction of several writes as well
            with store.transaction() as tx:
                store.insert("axes", {"name": "Commerce"}, by="test", conn=tx)
    finally:
        holder.rollback()
        holder.close()
    # the refused writes left neither the file lock held nor anything half-written
    store.insert("axes", {"name": "Habitat"}, by="test")
    assert [a["name"] for a in store.all("axes")] == ["Habitat"]
    store.dispose()


@pytest.mark.postgresql
def test_a_postgresql_row_locked_too_long_gives_a_french_message(pg_database: str) -> None:
    store = Store(pg_database, lock_timeout=0.5)
    cid = _competence(store)
    holder = sa.create_engine(pg_database, poolclass=sa.pool.NullPool)
    try:
        with holder.connect() as c:
            with c.begin():
                c.exec_driver_sql("SELECT id FROM competences WHERE id = %(id)s FOR UPDATE", {"id": cid})
                with pytest.raises(StoreBusy) as info:
                    store.update("competences", cid, {"name": "Autre nom"}, by="test")
                _assert_busy_in_french(info.value)
    finally:
        holder.dispose()
    assert store.update("competences", cid, {"name": "Autre nom"}, by="test")["name"] == "Autre nom"
    store.dispose()


def test_file_lock_serialises_writers_of_one_process_and_releases_on_rollback(tmp_path: Path) -> None:
    # Two stores on one file in one process (two threads' connections): the second waits for
    # the first's transaction, and a rolled-back transaction releases the lock as a commit does.
    url = f"sqlite:///{tmp_path / 'fil.db'}"
    first, second = Store(url), Store(url, lock_timeout=0.3)
    with pytest.raises(RuntimeError):
        with first.transaction() as tx:
            first.insert("axes", {"name": "Annulé"}, by="test", conn=tx)
            with pytest.raises(StoreBusy):
                second.insert("axes", {"name": "Trop tôt"}, by="test")
            raise RuntimeError("annulation")
    second.insert("axes", {"name": "Après"}, by="test")
    assert [a["name"] for a in first.all("axes")] == ["Après"]
    first.dispose()
    second.dispose()


def _raw_tables(path: Path) -> dict[str, list[str]]:
    """Every table's rows as SQLite holds them (values and storage types), times left out."""
    con = sqlite3.connect(path)
    out = {}
    for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        cols = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')
                if r[1] not in ("created_at", "updated_at", "at", "token", "seq")]
        select = ", ".join(f'"{c}", typeof("{c}")' for c in cols)
        out[table] = sorted(map(repr, con.execute(f'SELECT {select} FROM "{table}"')))
    con.close()
    return out


def test_lean_sqlite_insert_stores_what_sqlalchemy_stores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # insert_many binds values itself on SQLite (JSON as text, dates ISO, booleans 0/1):
    # the file must hold exactly what SQLAlchemy's own executemany wrote.
    from toolkit.core import statements as statements_module
    from toolkit.demo import build_demo

    lean = Store(f"sqlite:///{tmp_path / 'lean.db'}")
    build_demo(lean)
    lean.dispose()
    monkeypatch.setattr(statements_module, "insert_rows", lambda conn, table, rows: conn.execute(table.insert(), rows))
    reference = Store(f"sqlite:///{tmp_path / 'reference.db'}")
    build_demo(reference)
    reference.dispose()
    ours, theirs = _raw_tables(tmp_path / "lean.db"), _raw_tables(tmp_path / "reference.db")
    assert sum(len(v) for v in ours.values()) > 1000
    assert ours == theirs


def test_validated_insert_still_checks_identifiers_and_references(store_workshop: Workshop) -> None:
    # The import's path (records validated once, by the importer) keeps the store's own
    # checks: an unknown reference or a taken identifier is refused, nothing is written.
    s = store_workshop.store
    s.insert("axes", {"id": "AX-1", "name": "Habitat"}, by="test")
    with pytest.raises(ValidationError) as info:
        s.insert_many("actions", [{"id": "ACN-1", "axis_id": "AX-9", "name": "Boutique"}], by="test",
                      validated=True)
    assert "AX-9" in str(info.value)
    with pytest.raises(ValidationError):
        s.insert_many("axes", [{"id": "AX-1", "name": "Encore"}], by="test", validated=True)
    assert s.count("actions") == 0 and s.count("axes") == 1


def test_a_child_forked_during_a_write_does_not_keep_the_lock(tmp_path: Path) -> None:
    # the write turn holds while any copy of the descriptor is open: a child forked inside a write
    # transaction (a kernel starting a worker) must not keep every writer out once the
    # parent commits.
    url = f"sqlite:///{tmp_path / 'fourche.db'}"
    store, other = Store(url), Store(url, lock_timeout=0.5)
    with store.transaction() as tx:
        store.insert("axes", {"name": "Habitat"}, by="test", conn=tx)
        child = os.fork()
        if child == 0:  # the child lives on for a while, doing nothing with the store
            time.sleep(3)
            os._exit(0)
    try:
        other.insert("axes", {"name": "Commerce"}, by="test")  # the parent committed: free
        assert other.count("axes") == 2
    finally:
        os.waitpid(child, 0)
        store.dispose()
        other.dispose()


def test_lean_sqlite_reads_return_what_sqlalchemy_returns(tmp_path: Path) -> None:
    # get and all read rows straight from SQLite and convert them as SQLAlchemy's dialect
    # does (JSON, dates, booleans): every record of the demo must come back the same.
    from toolkit.demo import build_demo

    store = Store(f"sqlite:///{tmp_path / 'lecture.db'}")
    build_demo(store)
    compared = 0
    with store.reader.connect() as c:
        for kind in model.KIND_ORDER:
            table = TABLES[kind]
            theirs = [dict(r._mapping) for r in c.execute(sa.select(table).order_by(table.c.id))]
            assert store.all(kind) == theirs
            for row in theirs[:3]:
                assert store.get(kind, row["id"]) == row
            compared += len(theirs)
    typed = {type(v) for kind in model.KIND_ORDER for r in store.all(kind) for v in r.values()}
    assert {list, bool, str, int, float, dt.date} <= typed
    assert compared > 800
    store.dispose()


def test_writers_waiting_for_the_store_are_served_in_the_order_they_asked(tmp_path: Path) -> None:
    # Five pages save while another page's transaction holds the store: when it ends, they
    # go through one after the other in the order they clicked (a queue of turns), none
    # overtaken.
    import threading

    url = f"sqlite:///{tmp_path / 'file.db'}"
    holder = Store(url)
    stores = [Store(url) for _ in range(5)]
    threads = []
    with holder.transaction() as tx:
        holder.insert("axes", {"name": "Avant"}, by="test", conn=tx)
        for i, store in enumerate(stores):
            thread = threading.Thread(target=store.insert, args=("axes", {"name": f"Page {i}"}), kwargs={"by": "test"})
            thread.start()
            threads.append(thread)
            time.sleep(0.15)  # each has asked for its turn before the next one clicks
        assert holder.count("axes") == 0  # all wait
    for thread in threads:
        thread.join(timeout=30)
    order = [h["new"]["name"] for h in holder.history("axes")]
    assert order == ["Avant"] + [f"Page {i}" for i in range(5)]
    for store in [holder, *stores]:
        store.dispose()


def test_lean_reads_filter_as_sqlalchemy_does(tmp_path: Path) -> None:
    # all(kind, field=None) finds the records where the field is empty (IS NULL), booleans
    # and dates filter as they are stored, on SQLite as through SQLAlchemy.
    store = Store(f"sqlite:///{tmp_path / 'filtre.db'}")
    axis = store.insert("axes", {"name": "Habitat"}, by="test")
    store.insert("actions", {"axis_id": axis, "name": "Boutique", "start_date": dt.date(2027, 1, 1)}, by="test")
    store.insert("actions", {"axis_id": axis, "name": "Marché"}, by="test")
    assert [a["name"] for a in store.all("actions", start_date=None)] == ["Marché"]
    assert [a["name"] for a in store.all("actions", start_date=dt.date(2027, 1, 1))] == ["Boutique"]
    store.insert("persons", {"name": "Lucie Martin", "organisation": "Mairie", "role": "agent",
                             "edits_all_sheets": True}, by="test")
    store.insert("persons", {"name": "Paul Roux", "organisation": "Mairie", "role": "agent"}, by="test")
    with store.reader.connect() as c:
        t = TABLES["persons"]
        for value in (True, False, None):
            theirs = sorted(r[0] for r in c.execute(sa.select(t.c.name).where(t.c.edits_all_sheets == value)))
            assert sorted(p["name"] for p in store.all("persons", edits_all_sheets=value)) == theirs
    assert [p["name"] for p in store.all("persons", edits_all_sheets=True)] == ["Lucie Martin"]
    store.dispose()


def test_ids_are_looked_up_across_tables_and_chunks(tmp_path: Path) -> None:
    # One statement for a save's few references, several of at most CHUNK ids for an
    # import's many: the same answer either way.
    from toolkit.core import statements

    store = Store(f"sqlite:///{tmp_path / 'ids.db'}")
    axes = store.insert_many("axes", [{"name": f"Axe {i}"} for i in range(700)], by="test")
    comps = store.insert_many("competences", [{"name": f"C {i}", "family": "Pilotage"} for i in range(3)], by="test")
    wanted = {TABLES["axes"]: axes[::2] + ["AX-absent"], TABLES["competences"]: comps[:2] + ["CMP-absent"]}
    with store.reader.connect() as c:
        found = statements.ids_in(c, wanted)
        few = statements.ids_in(c, {TABLES["competences"]: comps[1:], TABLES["axes"]: axes[:1]})
    assert found == {"axes": set(axes[::2]), "competences": set(comps[:2])}
    assert few == {"competences": set(comps[1:]), "axes": {axes[0]}}
    store.dispose()
