"""The store: validation, history, concurrency, durability, migrations.

Each test runs on both backends, a real SQLite file and a fresh database on a real
PostgreSQL server (fixtures ``store_workshop``/``store_url`` of ``conftest.py``), except
the few that look at one backend's own machinery (WAL mode, a server crash)."""
from __future__ import annotations

import multiprocessing as mp
import multiprocessing.connection as mpc
import os
import signal
import socket
import sqlite3
import subprocess
import time
from typing import Any
from pathlib import Path

import pytest
import sqlalchemy as sa

from toolkit.core.errors import ConflictError, MaillageError, NotFoundError, ValidationError
from toolkit.core.store import SCHEMA_VERSION, Store
from toolkit.core.workshop import Workshop


def _competence(store: Store, name: str = "Conduite de projet") -> str:
    return store.insert("competences", {"name": name, "family": "Pilotage"}, by="test")


def test_wal_mode_on_file_store(empty_workshop: Workshop) -> None:
    db = empty_workshop.folder / "atelier.db"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_insert_get_and_frame(store_workshop: Workshop) -> None:
    s = store_workshop.store
    cid = _competence(s)
    aid = s.insert("actors", {"name": "Région Grand Est", "category": "Cofinanceur", "power": "4",
                              "interest": 2, "competences": f"{cid}"}, by="test")
    rec = s.get("actors", aid)
    assert rec["category"] == "cofinanceur" and rec["power"] == 4 and rec["competences"] == [cid]
    assert rec["attitude"] == "neutre" and rec["mobilised"] is False
    df = s.frame("actors")
    assert list(df["name"]) == ["Région Grand Est"]
    assert df.loc[0, "power"] == 4


def test_invalid_record_names_field_in_french_and_changes_nothing(store_workshop: Workshop) -> None:
    s = store_workshop.store
    with pytest.raises(ValidationError) as info:
        s.insert("actors", {"name": "", "category": "martien", "power": 9, "interest": 1}, by="test")
    text = str(info.value)
    assert "Nom" in text and "obligatoire" in text
    assert "Catégorie" in text and "une des valeurs" in text
    assert "Pouvoir (influence)" in text and "entre 0 et 4" in text
    assert s.count("actors") == 0
    assert s.history("actors") == []


def test_unknown_reference_refused(store_workshop: Workshop) -> None:
    s = store_workshop.store
    with pytest.raises(ValidationError) as info:
        s.insert("assessments", {"person_id": "PER-x", "competence_id": "CMP-y", "savoir": 1,
                                 "vouloir": 1, "pouvoir": 1}, by="test")
    assert "Personne" in str(info.value) and "PER-x" in str(info.value)
    assert s.count("assessments") == 0


def test_insert_many_is_all_or_nothing(store_workshop: Workshop) -> None:
    s = store_workshop.store
    with pytest.raises(ValidationError) as info:
        s.insert_many("axes", [{"id": "AX1", "name": "Habitat"}, {"id": "AX2", "name": ""}], by="test")
    assert "AX2" in str(info.value)
    assert s.count("axes") == 0
    with pytest.raises(ValidationError, match="existe pas déjà"):
        s.insert_many("axes", [{"id": "AX1", "name": "Habitat"}, {"id": "AX1", "name": "Commerce"}], by="test")
    assert s.count("axes") == 0


def test_record_changed_twice_keeps_both_earlier_values(store_workshop: Workshop) -> None:
    s = store_workshop.store
    cid = _competence(s, "Urbanisme")
    s.update("competences", cid, {"family": "Aménagement"}, by="consultante")
    s.update("competences", cid, {"family": "Urbanisme et habitat"}, by="chef de projet")
    rows = s.history("competences", cid)
    assert [r["op"] for r in rows] == ["insert", "update", "update"]
    assert rows[0]["new"]["family"] == "Pilotage"
    assert rows[1]["old"] == {"family": "Pilotage"} and rows[1]["new"] == {"family": "Aménagement"}
    assert rows[2]["old"] == {"family": "Aménagement"} and rows[2]["by"] == "chef de projet"
    assert s.get("competences", cid)["version"] == 3


def test_past_state_read_back(store_workshop: Workshop) -> None:
    s = store_workshop.store
    cid = _competence(s)
    first = s.history("competences", cid)[-1]["at"]
    s.update("competences", cid, {"name": "Gestion de projet"}, by="test")
    assert s.as_of("competences", first).loc[0, "name"] == "Conduite de projet"
    s.delete("competences", cid, by="test")
    assert s.count("competences") == 0
    assert s.as_of("competences", first).loc[0, "name"] == "Conduite de projet"
    assert s.history("competences", cid)[-1]["old"]["name"] == "Gestion de projet"


def test_stale_version_is_a_conflict(store_workshop: Workshop) -> None:
    s = store_workshop.store
    cid = _competence(s)
    s.update("competences", cid, {"name": "A"}, by="un", expected_version=1)
    with pytest.raises(ConflictError, match="modifié entre-temps"):
        s.update("competences", cid, {"name": "B"}, by="deux", expected_version=1)
    assert s.get("competences", cid)["name"] == "A"


def test_referenced_record_cannot_be_deleted(store_workshop: Workshop) -> None:
    s = store_workshop.store
    axis = s.insert("axes", {"name": "Commerce"}, by="test")
    s.insert("actions", {"axis_id": axis, "name": "Boutique à l'essai"}, by="test")
    with pytest.raises(ConflictError, match="encore utilisé"):
        s.delete("axes", axis, by="test")
    assert s.exists("axes", axis)
    with pytest.raises(NotFoundError):
        s.get("axes", "AXE-inconnu")


def test_tokens_generated_and_reissued(store_workshop: Workshop) -> None:
    s = store_workshop.store
    pid = s.insert("persons", {"name": "Claire Martin", "organisation": "Mairie", "role": "agent"}, by="test")
    token = s.get("persons", pid)["token"]
    assert len(token) >= 20 and s.person_by_token(token)["id"] == pid
    new = s.reissue_token(pid, by="animateur")
    assert new != token and s.person_by_token(token) is None and s.person_by_token(new)["id"] == pid
    assert all(token not in str(h) for h in s.history("persons", pid))
    assert s.facilitator_token() == s.facilitator_token()


def _writer(url: str, worker: int, n: int, queue: "mp.Queue[str]") -> None:
    try:
        store = Store(url)
        for i in range(n):
            store.insert("axes", {"id": f"W{worker}-{i}", "name": f"Axe {worker}/{i}"}, by=f"processus {worker}")
        store.dispose()
        queue.put("ok")
    except Exception as exc:  # reported to the parent, which fails the test
        queue.put(f"{type(exc).__name__}: {exc}")


def _run_workers(target, args_per_worker: list[tuple]) -> list:  # noqa: ANN001
    """Start one spawned process per argument tuple (a queue is appended); their reports."""
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=target, args=(*args, queue)) for args in args_per_worker]
    for p in procs:
        p.start()
    results = [queue.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    return results


def test_eight_processes_write_at_once_and_lose_nothing(store_workshop: Workshop) -> None:
    results = _run_workers(_writer, [(store_workshop.url, w, 200) for w in range(8)])
    assert results == ["ok"] * 8, results
    assert store_workshop.store.count("axes") == 1600
    history = store_workshop.store.history("axes")
    assert len(history) == 1600
    assert {h["record_id"] for h in history} == {f"W{w}-{i}" for w in range(8) for i in range(200)}


def test_eight_processes_open_a_new_store_at_once(store_url: str) -> None:
    # Every page opens the store when it starts: the first openings create the schema
    # concurrently, and must neither fail nor create it twice.
    results = _run_workers(_writer, [(store_url, w, 5) for w in range(8)])
    assert results == ["ok"] * 8, results
    store = Store(store_url)
    assert store.schema_version() == SCHEMA_VERSION and store.count("axes") == 40
    store.dispose()


def test_opening_an_up_to_date_store_takes_no_write_lock(tmp_path: Path) -> None:
    # 30 pages open the store while participants write: opening must not queue for the lock.
    url = f"sqlite:///{tmp_path / 'ouvert.db'}"
    Store(url).dispose()
    holder = sqlite3.connect(tmp_path / "ouvert.db", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a writer holds the lock
    try:
        t0 = time.perf_counter()
        store = Store(url)
        assert time.perf_counter() - t0 < 5
        assert store.schema_version() == SCHEMA_VERSION
        store.dispose()
    finally:
        holder.rollback()
        holder.close()


def _facilitator_token(url: str, start: Any, queue: "mp.Queue[str]") -> None:
    try:
        store = Store(url)
        store.get_meta("schema_version")  # connected: the race starts when all are ready
        start.wait(timeout=120)
        queue.put(store.facilitator_token())
        store.dispose()
    except Exception as exc:
        queue.put(f"{type(exc).__name__}: {exc}")


def test_pages_opening_at_once_on_a_new_store_share_one_facilitator_token(store_url: str) -> None:
    # Every page asks for the facilitator token when it opens: on a new store the first
    # askers race to create it, and all must get the one that was kept.
    start = mp.get_context("spawn").Barrier(8)
    results = _run_workers(_facilitator_token, [(store_url, start) for _ in range(8)])
    store = Store(store_url)
    try:
        assert results == [store.get_meta("facilitator_token")] * 8, results
        store.set_meta("facilitator_token", "remplacé")  # set_meta still replaces
        assert store.facilitator_token() == "remplacé"
    finally:
        store.dispose()


def _updater(url: str, record_id: str, worker: int, n: int, queue: "mp.Queue") -> None:
    """Make ``n`` optimistic updates of one record, retrying on conflict; reports the count."""
    try:
        store = Store(url)
        done = 0
        while done < n:
            version = store.get("competences", record_id)["version"]
            try:
                store.update("competences", record_id, {"name": f"Nom {worker}/{done}"},
                             by=f"processus {worker}", expected_version=version)
                done += 1
            except ConflictError:
                continue
        store.dispose()
        queue.put(done)
    except Exception as exc:
        queue.put(f"{type(exc).__name__}: {exc}")


def test_concurrent_updates_of_one_record_keep_an_unbroken_history(store_workshop: Workshop) -> None:
    # Four processes update the same record: no update may slip past the version check,
    # and the history must chain (each change's old value is the previous change's new one).
    s = store_workshop.store
    cid = _competence(s)
    results = _run_workers(_updater, [(store_workshop.url, cid, w, 25) for w in range(4)])
    assert results == [25] * 4, results
    assert s.get("competences", cid)["version"] == 101
    updates = [h for h in s.history("competences", cid) if h["op"] == "update"]
    assert len(updates) == 100
    assert updates[0]["old"] == {"name": "Conduite de projet"}
    for before, after in zip(updates, updates[1:]):
        assert after["old"] == before["new"]
    assert updates[-1]["new"]["name"] == s.get("competences", cid)["name"]


def _acknowledging_writer(url: str, prefix: str, conn: "mpc.Connection") -> None:
    """Insert records one by one and say which were saved, until killed (or the server dies)."""
    store = Store(url)
    for i in range(100_000):
        rid = f"{prefix}-{i}"
        try:
            store.insert("axes", {"id": rid, "name": f"Axe {i}"}, by="participant")
        except Exception:
            return  # the server went away: nothing more is acknowledged
        conn.send(rid)  # "enregistré": the participant has been told


def _collect_acks(url: str, prefix: str, wanted: int, interrupt) -> list[str]:  # noqa: ANN001
    """Run the acknowledging writer, call ``interrupt(process)`` after ``wanted`` acks."""
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_acknowledging_writer, args=(url, prefix, child))
    proc.start()
    child.close()
    acked: list[str] = []
    while len(acked) < wanted:
        assert parent.poll(120), "le processus d'écriture ne répond plus"
        acked.append(parent.recv())
    interrupt(proc)
    proc.join(timeout=60)
    while parent.poll(1):  # acks sent before the interruption
        try:
            acked.append(parent.recv())
        except EOFError:
            break
    return acked


def _assert_acked_kept(url: str, acked: list[str]) -> None:
    store = Store(url)
    saved = {r["id"] for r in store.all("axes")}
    inserts = [h["record_id"] for h in store.history("axes")]
    store.dispose()
    assert set(acked) <= saved, f"perdus : {sorted(set(acked) - saved)[:5]}"
    assert len(saved) <= len(acked) + 1  # at most the one in flight, committed but not acknowledged
    assert sorted(inserts) == sorted(saved)  # record and history commit together or not at all


def test_acknowledged_writes_survive_a_killed_writer(store_url: str) -> None:
    # A participant's kernel killed mid-write (closed laptop lid, culled kernel).
    Store(store_url).dispose()
    acked = _collect_acks(store_url, "K", 60, lambda proc: os.kill(proc.pid, signal.SIGKILL))
    assert len(acked) >= 60
    _assert_acked_kept(store_url, acked)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.postgresql
@pytest.mark.slow
def test_acknowledged_writes_survive_a_postgresql_server_crash(pg_server_url: str) -> None:
    # The server stopped without a checkpoint (``pg_ctl -m immediate``, as a power cut) while
    # a participant writes: after restart, everything acknowledged is there. A private
    # cluster, so the shared test server is not disturbed.
    script = Path(__file__).resolve().parent.parent / "scripts" / "postgres.sh"
    env = {**os.environ, "MAILLAGE_PG_PORT": str(_free_port())}

    def pg(action: str) -> str:
        done = subprocess.run(["bash", str(script), action], env=env, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    url = pg("start")
    try:
        Store(url).dispose()
        acked = _collect_acks(url, "C", 60, lambda proc: pg("crash"))
        pg("start")
        _assert_acked_kept(url, acked)
    finally:
        pg("destroy")


V1_SCHEMA = """
CREATE TABLE meta (key VARCHAR(80) PRIMARY KEY, value TEXT);
INSERT INTO meta VALUES ('schema_version', '1');
CREATE TABLE persons (id VARCHAR(40) PRIMARY KEY, name TEXT, organisation TEXT, function TEXT,
  role VARCHAR(80), capacity_days FLOAT, in_team BOOLEAN, actor_id VARCHAR(40),
  version INTEGER NOT NULL, created_at VARCHAR(32) NOT NULL, created_by VARCHAR(120) NOT NULL,
  updated_at VARCHAR(32) NOT NULL, updated_by VARCHAR(120) NOT NULL);
CREATE TABLE actors (id VARCHAR(40) PRIMARY KEY, name TEXT, category VARCHAR(80), power INTEGER,
  interest INTEGER, attitude VARCHAR(80), competences JSON, comment TEXT,
  version INTEGER NOT NULL, created_at VARCHAR(32) NOT NULL, created_by VARCHAR(120) NOT NULL,
  updated_at VARCHAR(32) NOT NULL, updated_by VARCHAR(120) NOT NULL);
INSERT INTO persons VALUES ('PER-1', 'Anne Roussel', 'Mairie', 'DGS', 'agent', 4, TRUE, NULL,
  1, '2026-01-01T00:00:00', 'v1', '2026-01-01T00:00:00', 'v1');
INSERT INTO actors VALUES ('ACT-1', 'Préfecture', 'État et opérateurs', 4, 3, 'favorable', '[]', NULL,
  1, '2026-01-01T00:00:00', 'v1', '2026-01-01T00:00:00', 'v1')
"""


def test_migration_from_version_1_keeps_data(store_url: str) -> None:
    engine = sa.create_engine(store_url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        for statement in V1_SCHEMA.split(";"):
            conn.exec_driver_sql(statement)
    engine.dispose()
    store = Store(store_url)
    assert store.schema_version() == SCHEMA_VERSION
    person = store.get("persons", "PER-1")
    assert person["name"] == "Anne Roussel" and person["capacity_days"] == 4 and person["in_team"] is True
    assert person["token"] and store.person_by_token(person["token"])["id"] == "PER-1"
    actor = store.get("actors", "ACT-1")
    assert actor["name"] == "Préfecture" and actor["mobilised"] is False
    # and the migrated store takes new records of the new shape
    store.insert("axes", {"name": "Habitat"}, by="test")
    assert store.count("axes") == 1
    store.dispose()


def test_newer_schema_refused(store_url: str) -> None:
    store = Store(store_url)
    store.set_meta("schema_version", str(SCHEMA_VERSION + 1))
    store.dispose()
    with pytest.raises(MaillageError, match="version plus récente"):
        Store(store_url)


def test_store_is_on_the_backend_asked_for(store_workshop: Workshop, store_url: str) -> None:
    # Guards the parametrisation itself: the PostgreSQL run really is on PostgreSQL.
    expected = "postgresql" if store_url.startswith("postgresql") else "sqlite"
    assert store_workshop.store.backend == expected


V2_BODIES = """
CREATE TABLE bodies (id VARCHAR(40) PRIMARY KEY, name TEXT, kind VARCHAR(80), rhythm_weeks INTEGER,
  first_date DATE, description TEXT,
  version INTEGER NOT NULL, created_at VARCHAR(32) NOT NULL, created_by VARCHAR(120) NOT NULL,
  updated_at VARCHAR(32) NOT NULL, updated_by VARCHAR(120) NOT NULL);
INSERT INTO bodies VALUES ('INS-1', 'Copil', 'comité de pilotage', 8, NULL, NULL,
  1, '2026-01-01T00:00:00', 'v2', '2026-01-01T00:00:00', 'v2')
"""


def test_migration_to_version_3_adds_civility_and_meeting_fields(store_url: str) -> None:
    engine = sa.create_engine(store_url, poolclass=sa.pool.NullPool)
    with engine.begin() as conn:
        for statement in (V1_SCHEMA + ";" + V2_BODIES).split(";"):
            conn.exec_driver_sql(statement)
    engine.dispose()
    store = Store(store_url)
    assert store.schema_version() == SCHEMA_VERSION >= 3
    person = store.get("persons", "PER-1")
    assert person["name"] == "Anne Roussel" and person["civility"] is None  # unknown, never guessed
    body = store.get("bodies", "INS-1")
    assert body["duration_minutes"] == 120 and list(body["rescheduled"]) == []
    store.update("persons", "PER-1", {"civility": "Madame", "perimeter": "Le foncier"}, by="test")
    assert store.get("persons", "PER-1")["civility"] == "Madame"
    store.dispose()


# Today's (v3) shape of the tables version 4 changes, as main wrote them before issue 19.
V3_ACTIONS_TASKS = """
INSERT INTO meta VALUES ('schema_version', '3');
CREATE TABLE axes (id VARCHAR(40) PRIMARY KEY, name TEXT, description TEXT,
  version INTEGER NOT NULL, created_at VARCHAR(32) NOT NULL, created_by VARCHAR(120) NOT NULL,
  updated_at VARCHAR(32) NOT NULL, updated_by VARCHAR(120) NOT NULL);
CREATE TABLE actions (id VARCHAR(40) PRIMARY KEY, axis_id VARCHAR(40), name TEXT, pilot_id VARCHAR(40),
  state VARCHAR(80), completion INTEGER, budget_planned FLOAT, budget_committed FLOAT, budget_spent FLOAT,
  start_date DATE, end_date DATE, description TEXT,
  version INTEGER NOT NULL, created_at VARCHAR(32) NOT NULL, created_by VARCHAR(120) NOT NULL,
  updated_at VARCHAR(32) NOT NULL, updated_by VARCHAR(120) NOT NULL);
CREATE TABLE tasks (id VARCHAR(40) PRIMARY KEY, action_id VARCHAR(40), name TEXT, load_days FLOAT,
  start_month VARCHAR(7), end_month VARCHAR(7), description TEXT,
  version INTEGER NOT NULL, created_at VARCHAR(32) NOT NULL, created_by VARCHAR(120) NOT NULL,
  updated_at VARCHAR(32) NOT NULL, updated_by VARCHAR(120) NOT NULL);
INSERT INTO axes VALUES ('AXE-1', 'Commerce', NULL, 1, '2026-01-01T00:00:00', 'v3', '2026-01-01T00:00:00', 'v3');
INSERT INTO actions VALUES ('ACN-1', 'AXE-1', 'Boutique à l''essai', 'PER-1', 'en cours', 30, 50000, 20000, 5000,
  '2026-09-01', '2027-06-30', NULL, 1, '2026-01-01T00:00:00', 'v3', '2026-01-01T00:00:00', 'v3');
INSERT INTO tasks VALUES ('TAC-1', 'ACN-1', 'Conventionner avec le propriétaire', 3, '2026-09', '2026-10', NULL,
  1, '2026-01-01T00:00:00', 'v3', '2026-01-01T00:00:00', 'v3')
"""


@pytest.mark.parametrize("start", [1, 2, 3])
def test_migration_to_version_4_keeps_data_and_takes_phases(store_url: str, start: int) -> None:
    engine = sa.create_engine(store_url, poolclass=sa.pool.NullPool)
    statements = (V1_SCHEMA + ";" + V2_BODIES).split(";")
    statements = [s for s in statements if "schema_version" not in s]
    statements += [f"INSERT INTO meta VALUES ('schema_version', '{start}')"]
    statements += [s for s in V3_ACTIONS_TASKS.split(";") if "schema_version" not in s]
    statements += ["INSERT INTO persons VALUES ('PER-2', 'Marc Obin', 'Région', NULL, 'partenaire', 1, FALSE, NULL, "
                   "1, '2026-01-01T00:00:00', 'v1', '2026-01-01T00:00:00', 'v1')"]
    with engine.begin() as conn:
        for statement in statements:
            conn.exec_driver_sql(statement)
    engine.dispose()
    store = Store(store_url)
    assert store.schema_version() == SCHEMA_VERSION >= 4
    # every record kept, as it was
    assert store.get("persons", "PER-1")["name"] == "Anne Roussel"
    action = store.get("actions", "ACN-1")
    assert (action["name"], action["state"], action["budget_planned"]) == ("Boutique à l'essai", "en cours", 50000)
    task = store.get("tasks", "TAC-1")
    assert task["load_days"] == 3 and task["phase_id"] is None  # never put in a phase it was not given
    assert store.count("phases") == 0
    assert action["parent_id"] is None and action["priority"] is None
    # « Équipe projet = non » was ignored: now a partner; the others belong to the organisation
    assert store.get("persons", "PER-1")["affiliation"] == "interne"
    assert store.get("persons", "PER-2")["affiliation"] == "partenaire"
    assert store.count("budget_lines") == 0 and store.count("action_steps") == 0
    # the migrated store takes phases and tasks attached to them
    pid = store.insert("phases", {"name": "Diagnostic", "order": 1, "start_date": "2026-09-01"}, by="test")
    store.update("tasks", "TAC-1", {"phase_id": pid}, by="test")
    assert store.get("tasks", "TAC-1")["phase_id"] == pid
    store.dispose()
    assert Store(store_url).schema_version() == SCHEMA_VERSION  # opening again changes nothing


@pytest.mark.parametrize("start", [1, 2, 3, 4])
def test_migration_to_version_5_names_no_sheet_editor(store_url: str, start: int) -> None:
    """Issue 19 §4: ``persons.edits_all_sheets`` — from every past version, the persons are
    kept and nobody edits every action sheet until the consultant names them."""
    engine = sa.create_engine(store_url, poolclass=sa.pool.NullPool)
    statements = [s for s in (V1_SCHEMA + ";" + V2_BODIES).split(";") if "schema_version" not in s]
    statements += [f"INSERT INTO meta VALUES ('schema_version', '{start}')"]
    statements += [s for s in V3_ACTIONS_TASKS.split(";") if "schema_version" not in s]
    with engine.begin() as conn:
        for statement in statements:
            conn.exec_driver_sql(statement)
    engine.dispose()
    store = Store(store_url)
    assert store.schema_version() == SCHEMA_VERSION >= 5
    person = store.get("persons", "PER-1")
    assert person["name"] == "Anne Roussel" and person["edits_all_sheets"] is False
    assert store.get("actions", "ACN-1")["pilot_id"] == "PER-1"
    store.update("persons", "PER-1", {"edits_all_sheets": "oui"}, by="test")
    assert store.get("persons", "PER-1")["edits_all_sheets"] is True
    store.dispose()
    assert Store(store_url).get("persons", "PER-1")["edits_all_sheets"] is True


def _project_table(with_signatory: bool) -> list[str]:
    """The project table as versions 1–2 (no signatory) or 3–4 (with it) wrote it, one row."""
    signatory = " signatory_id VARCHAR(40)," if with_signatory else ""
    value = " 'PER-1'," if with_signatory else ""
    return [f"""CREATE TABLE project (id VARCHAR(40) PRIMARY KEY, name TEXT, territory TEXT, programme VARCHAR(80),
  start_date DATE, horizon_months INTEGER, description TEXT,{signatory}
  version INTEGER NOT NULL, created_at VARCHAR(32) NOT NULL, created_by VARCHAR(120) NOT NULL,
  updated_at VARCHAR(32) NOT NULL, updated_by VARCHAR(120) NOT NULL)""",
            f"""INSERT INTO project VALUES ('PRJ', 'Cœur de ville', 'Ville de Saint-Aubin', 'Autre', '2026-09-01', 12,
  NULL,{value} 1, '2026-01-01T00:00:00', 'v1', '2026-01-01T00:00:00', 'v1')"""]


@pytest.mark.parametrize("start", [1, 2, 3, 4])
def test_migration_to_version_5_keeps_the_project_and_takes_the_handover_fields(store_url: str,
                                                                                 start: int) -> None:
    engine = sa.create_engine(store_url, poolclass=sa.pool.NullPool)
    statements = [s for s in (V1_SCHEMA + ";" + V2_BODIES).split(";") if "schema_version" not in s]
    statements += [f"INSERT INTO meta VALUES ('schema_version', '{start}')"]
    if start >= 4:
        statements += [s for s in V3_ACTIONS_TASKS.split(";") if "schema_version" not in s]
    statements += _project_table(with_signatory=start >= 3)
    with engine.begin() as conn:
        for statement in statements:
            conn.exec_driver_sql(statement)
    engine.dispose()
    store = Store(store_url)
    assert store.schema_version() == SCHEMA_VERSION >= 5
    project = store.project()
    assert (project["name"], project["territory"], project["horizon_months"]) == ("Cœur de ville",
                                                                                  "Ville de Saint-Aubin", 12)
    assert project["signatory_id"] == ("PER-1" if start >= 3 else None)
    # nothing invented: the cover shows the territory, asks for the firm, says version 1
    assert all(project[k] is None for k in ("client", "firm", "deliverable_version", "confidentiality"))
    store.update("project", "PRJ", {"firm": "Bocage & Territoires Conseil", "deliverable_version": "2 (définitive)"},
                 by="test")
    assert store.project()["firm"] == "Bocage & Territoires Conseil"
    assert store.get("persons", "PER-1")["name"] == "Anne Roussel"
    store.dispose()
    assert Store(store_url).schema_version() == SCHEMA_VERSION
