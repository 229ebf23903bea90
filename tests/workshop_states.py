"""Workshops in the states a consultant meets them: empty, half filled, complete (the demo).

Used by the nbval runs of ``carnets/`` (root ``conftest.py``, option ``--atelier-etat``)
and by the tests that execute every carnet on every state. Partial workshops are cut
from the demo's records, so their names read like a real workshop.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from toolkit.demo import build_demo, demo_records
from toolkit.core.store import Store
from toolkit.core.workshop import Workshop


def _insert(store: Store, records: dict[str, list[dict]], kinds: list[str]) -> None:
    # the project names its signatory, a person inserted after it: announced as pending
    pending = {kind: {r["id"] for r in records[kind] if r.get("id")} for kind in kinds}
    for kind in kinds:
        store.insert_many(kind, records[kind], by="test", pending=pending)


def _empty(store: Store) -> None:
    """Nothing at all: the workshop ``maillage creer`` makes."""


def _persons_only(store: Store) -> None:
    """Only the persons (no project, no actor, no competence): a list typed in first."""
    records = demo_records()
    persons = [{k: v for k, v in p.items() if k != "actor_id"} for p in records["persons"]]
    _insert(store, {"persons": persons}, ["persons"])


def _actors_only(store: Store) -> None:
    """Only the actors and their relations: step 2 done before step 1."""
    records = demo_records()
    actors = [{**a, "competences": []} for a in records["actors"]]
    _insert(store, {**records, "actors": actors}, ["actors", "relations"])


def _tasks_without_raci(store: Store) -> None:
    """Step 1 filled in (project, persons, axes, actions, tasks, requirements), nothing after."""
    records = demo_records()
    persons = [{k: v for k, v in p.items() if k != "actor_id"} for p in records["persons"]]
    _insert(store, {**records, "persons": persons},
            ["competences", "persons", "project", "axes", "actions", "phases", "tasks", "requirements"])


STATES: dict[str, Callable[[Store], None]] = {
    "vide": _empty,
    "personnes": _persons_only,
    "acteurs": _actors_only,
    "taches_sans_raci": _tasks_without_raci,
    "demo": build_demo,
}


def build_state(state: str, folder: Path) -> Path:
    """Make a workshop in ``folder`` holding ``state`` (a key of ``STATES``); returns the folder."""
    ws = Workshop.create(folder)
    STATES[state](ws.store)
    ws.close()
    return folder
