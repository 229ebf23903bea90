"""Merging two actors or persons, the history of a record and undo, through their widgets."""
from __future__ import annotations

import pytest

from toolkit import changes
from toolkit.core.errors import MaillageError
from toolkit.widgets.history import RecordHistory
from toolkit.widgets.merge import MergeRecords
from toolkit.core.workshop import Workshop


def refs_to(store, actor_id):
    rel = [r["id"] for r in store.all("relations") if actor_id in (r["source_id"], r["target_id"])]
    return (rel, [f["id"] for f in store.all("fundings", actor_id=actor_id)],
            [m["id"] for m in store.all("memberships", actor_id=actor_id)],
            [r["id"] for r in store.all("actor_ratings", actor_id=actor_id)])


def two_actors_with_relations(store):
    busy = {}
    for r in store.all("relations"):
        for a in (r["source_id"], r["target_id"]):
            busy[a] = busy.get(a, 0) + 1
    keep, drop = sorted(busy, key=lambda a: -busy[a])[:2]
    return keep, drop


def test_merge_two_actors_shows_then_merges_then_undoes(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    keep, drop = two_actors_with_relations(store)
    before = {t: store.count(t) for t in ("actors", "relations", "fundings", "memberships", "actor_ratings")}
    moved = refs_to(store, drop)
    widget = MergeRecords(store, "actors")
    widget.keep.value, widget.drop.value = keep, drop
    widget.preview_button.click()
    drop_name = store.get("actors", drop)["name"]
    assert drop_name in widget.plan.value and drop not in widget.plan.value
    widget.merge_button.click()  # not confirmed
    assert store.exists("actors", drop) and "Cochez" in widget.message.value
    widget.confirm.value = True
    widget.merge_button.click()
    assert "Fusion faite" in widget.message.value
    assert not store.exists("actors", drop)
    assert refs_to(store, drop) == ([], [], [], [])
    assert all(r["source_id"] != r["target_id"] for r in store.all("relations"))
    assert len(moved[0]) > 0
    widget.undo_button.click()
    assert "Fusion annulée" in widget.message.value
    assert {t: store.count(t) for t in before} == before
    assert refs_to(store, drop) == moved
    assert store.get("actors", drop)["name"] == drop_name


def test_merge_two_persons_moves_raci_and_assessments(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    label = changes.merge_records(store, "persons", "PER-01", "PER-02", by="consultant")
    assert not store.all("raci", person_id="PER-02") and not store.all("assessments", person_id="PER-02")
    pairs = [(r["task_id"], r["person_id"]) for r in store.all("raci")]
    assert len(pairs) == len(set(pairs))  # one letter per person and task, still
    changes.undo_merge(store, label, by="consultant")
    assert store.all("raci", person_id="PER-02") and store.get("persons", "PER-02")["token"]


def test_merge_refuses_the_same_record_twice(demo_workshop: Workshop) -> None:
    with pytest.raises(MaillageError, match="deux enregistrements différents"):
        changes.merge_plan(demo_workshop.store, "actors", "ACT-01", "ACT-01")


def test_history_of_a_record_and_undo_of_a_change(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    old = store.get("actions", "ACN-09")["state"]
    store.update("actions", "ACN-09", {"state": "abandonnée"}, by="pilote")
    widget = RecordHistory(store, kind_name="actions")
    widget.record.value = "ACN-09"
    assert "abandonnée" in widget.table.value and "pilote" in widget.table.value
    assert "ACN-09" not in widget.table.value  # the record is named, its identifier not shown
    widget.change.value = widget.change.options[0][1]  # the newest change first
    widget.undo_button.click()
    assert "ancienne valeur est rétablie" in widget.message.value
    assert store.get("actions", "ACN-09")["state"] == old
    assert store.history("actions", "ACN-09")[-1]["by"] == "consultant"


def test_undo_a_deletion_recreates_the_record(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    jid = store.all("journal")[0]["id"]
    record = store.get("journal", jid)
    store.delete("journal", jid, by="pilote")
    changes.undo_change(store, store.history("journal", jid)[-1]["seq"], by="consultant")
    assert store.get("journal", jid)["text"] == record["text"]
