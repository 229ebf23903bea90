"""The store: validation, history, concurrency, migrations — on real SQLite files."""
from __future__ import annotations

import multiprocessing as mp
import sqlite3
from pathlib import Path

import pytest

from toolkit.errors import ConflictError, NotFoundError, ValidationError
from toolkit.store import SCHEMA_VERSION, Store
from toolkit.workshop import Workshop


def _competence(store: Store, name: str = "Conduite de projet") -> str:
    return store.insert("competences", {"name": name, "family": "Pilotage"}, by="test")


def test_wal_mode_on_file_store(empty_workshop: Workshop) -> None:
    db = empty_workshop.folder / "atelier.db"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_insert_get_and_frame(empty_workshop: Workshop) -> None:
    s = empty_workshop.store
    cid = _competence(s)
    aid = s.insert("actors", {"name": "Région Grand Est", "category": "Cofinanceur", "power": "4",
                              "interest": 2, "competences": f"{cid}"}, by="test")
    rec = s.get("actors", aid)
    assert rec["category"] == "cofinanceur" and rec["power"] == 4 and rec["competences"] == [cid]
    assert rec["attitude"] == "neutre" and rec["mobilised"] is False
    df = s.frame("actors")
    assert list(df["name"]) == ["Région Grand Est"]
    assert df.loc[0, "power"] == 4


def test_invalid_record_names_field_in_french_and_changes_nothing(empty_workshop: Workshop) -> None:
    s = empty_workshop.store
    with pytest.raises(ValidationError) as info:
        s.insert("actors", {"name": "", "category": "martien", "power": 9, "interest": 1}, by="test")
    text = str(info.value)
    assert "Nom" in text and "obligatoire" in text
    assert "Catégorie" in text and "une des valeurs" in text
    assert "Pouvoir (influence)" in text and "entre 0 et 4" in text
    assert s.count("actors") == 0
    assert s.history("actors") == []


def test_unknown_reference_refused(empty_workshop: Workshop) -> None:
    s = empty_workshop.store
    with pytest.raises(ValidationError) as info:
        s.insert("assessments", {"person_id": "PER-x", "competence_id": "CMP-y", "savoir": 1,
                                 "vouloir": 1, "pouvoir": 1}, by="test")
    assert "Personne" in str(info.value) and "PER-x" in str(info.value)
    assert s.count("assessments") == 0


def test_insert_many_is_all_or_nothing(empty_workshop: Workshop) -> None:
    s = empty_workshop.store
    with pytest.raises(ValidationError) as info:
        s.insert_many("axes", [{"id": "AX1", "name": "Habitat"}, {"id": "AX2", "name": ""}], by="test")
    assert "AX2" in str(info.value)
    assert s.count("axes") == 0
    with pytest.raises(ValidationError, match="existe pas déjà"):
        s.insert_many("axes", [{"id": "AX1", "name": "Habitat"}, {"id": "AX1", "name": "Commerce"}], by="test")
    assert s.count("axes") == 0


def test_record_changed_twice_keeps_both_earlier_values(empty_workshop: Workshop) -> None:
    s = empty_workshop.store
    cid = _competence(s, "Urbanisme")
    s.update("competences", cid, {"family": "Aménagement"}, by="consultante")
    s.update("competences", cid, {"family": "Urbanisme et habitat"}, by="chef de projet")
    rows = s.history("competences", cid)
    assert [r["op"] for r in rows] == ["insert", "update", "update"]
    assert rows[0]["new"]["family"] == "Pilotage"
    assert rows[1]["old"] == {"family": "Pilotage"} and rows[1]["new"] == {"family": "Aménagement"}
    assert rows[2]["old"] == {"family": "Aménagement"} and rows[2]["by"] == "chef de projet"
    assert s.get("competences", cid)["version"] == 3


def test_past_state_read_back(empty_workshop: Workshop) -> None:
    s = empty_workshop.store
    cid = _competence(s)
    first = s.history("competences", cid)[-1]["at"]
    s.update("competences", cid, {"name": "Gestion de projet"}, by="test")
    assert s.as_of("competences", first).loc[0, "name"] == "Conduite de projet"
    s.delete("competences", cid, by="test")
    assert s.count("competences") == 0
    assert s.as_of("competences", first).loc[0, "name"] == "Conduite de projet"
    assert s.history("competences", cid)[-1]["old"]["name"] == "Gestion de projet"


def test_stale_version_is_a_conflict(empty_workshop: Workshop) -> None:
    s = empty_workshop.store
    cid = _competence(s)
    s.update("competences", cid, {"name": "A"}, by="un", expected_version=1)
    with pytest.raises(ConflictError, match="modifié entre-temps"):
        s.update("competences", cid, {"name": "B"}, by="deux", expected_version=1)
    assert s.get("competences", cid)["name"] == "A"


def test_referenced_record_cannot_be_deleted(empty_workshop: Workshop) -> None:
    s = empty_workshop.store
    axis = s.insert("axes", {"name": "Commerce"}, by="test")
    s.insert("actions", {"axis_id": axis, "name": "Boutique à l'essai"}, by="test")
    with pytest.raises(ConflictError, match="encore utilisé"):
        s.delete("axes", axis, by="test")
    assert s.exists("axes", axis)
    with pytest.raises(NotFoundError):
        s.get("axes", "AXE-inconnu")


def test_tokens_generated_and_reissued(empty_workshop: Workshop) -> None:
    s = empty_workshop.store
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
        queue.put("ok")
    except Exception as exc:  # reported to the parent, which fails the test
        queue.put(f"{type(exc).__name__}: {exc}")


def test_eight_processes_write_at_once_and_lose_nothing(tmp_path: Path) -> None:
    ws = Workshop.create(tmp_path / "concurrence")
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(ws.url, w, 200, queue)) for w in range(8)]
    for p in procs:
        p.start()
    results = [queue.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
    assert results == ["ok"] * 8, results
    assert ws.store.count("axes") == 1600
    assert len(ws.store.history("axes")) == 1600


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
INSERT INTO persons VALUES ('PER-1', 'Anne Roussel', 'Mairie', 'DGS', 'agent', 4, 1, NULL,
  1, '2026-01-01T00:00:00', 'v1', '2026-01-01T00:00:00', 'v1');
INSERT INTO actors VALUES ('ACT-1', 'Préfecture', 'État et opérateurs', 4, 3, 'favorable', '[]', NULL,
  1, '2026-01-01T00:00:00', 'v1', '2026-01-01T00:00:00', 'v1');
"""


def test_migration_from_version_1_keeps_data(tmp_path: Path) -> None:
    db = tmp_path / "ancien.db"
    with sqlite3.connect(db) as conn:
        conn.executescript(V1_SCHEMA)
    store = Store(f"sqlite:///{db}")
    assert store.schema_version() == SCHEMA_VERSION
    person = store.get("persons", "PER-1")
    assert person["name"] == "Anne Roussel" and person["capacity_days"] == 4
    assert person["token"] and store.person_by_token(person["token"])["id"] == "PER-1"
    actor = store.get("actors", "ACT-1")
    assert actor["name"] == "Préfecture" and actor["mobilised"] is False
    # and the migrated store takes new records of the new shape
    store.insert("axes", {"name": "Habitat"}, by="test")
    assert store.count("axes") == 1


def test_newer_schema_refused(tmp_path: Path) -> None:
    db = tmp_path / "futur.db"
    Store(f"sqlite:///{db}").set_meta("schema_version", str(SCHEMA_VERSION + 1))
    with pytest.raises(Exception, match="version plus récente"):
        Store(f"sqlite:///{db}")
