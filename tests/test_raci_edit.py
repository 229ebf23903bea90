"""Editing the RACI (step 4): letters set by the consultant, proposals by participants,
accepted or rejected — every change in the store with history; refusals change nothing."""
from __future__ import annotations

import pytest

from raci_world import build
from toolkit import raci
from toolkit.core.errors import AccessDenied, ConflictError, NotFoundError, ValidationError


def cell(ws, task, person, status="validée"):
    return [r for r in ws.store.all("raci", task_id=task, person_id=person) if r["status"] == status]


def test_set_letter_inserts_a_validated_letter_with_history(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1")
    rid = raci.set_letter(ws.store, "T1", "P2", "a", by="consultant")
    (row,) = cell(ws, "T1", "P2")
    assert row["id"] == rid and row["letter"] == "A" and row["status"] == "validée"
    (h,) = ws.store.history("raci", rid)
    assert h["op"] == "insert" and h["by"] == "consultant"
    assert raci.matrix(ws.store.frames()).loc["T1", "P2"] == "A"


def test_set_letter_changes_the_letter_and_keeps_the_old_one_in_history(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 C=P2")
    (before,) = cell(ws, "T1", "P2")
    rid = raci.set_letter(ws.store, "T1", "P2", "A", by="consultant")
    assert rid == before["id"]
    assert [r["letter"] for r in cell(ws, "T1", "P2")] == ["A"]
    last = ws.store.history("raci", rid)[-1]
    assert last["op"] == "update" and last["old"] == {"letter": "C"} and last["new"] == {"letter": "A"}


def test_set_letter_empty_erases_the_cell_with_history(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 C=P2")
    (before,) = cell(ws, "T1", "P2")
    assert raci.set_letter(ws.store, "T1", "P2", "", by="consultant") is None
    assert cell(ws, "T1", "P2") == []
    last = ws.store.history("raci", before["id"])[-1]
    assert last["op"] == "delete" and last["old"]["letter"] == "C"


def test_set_letter_leaves_one_letter_per_cell(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P1")
    raci.set_letter(ws.store, "T1", "P1", "A", by="consultant")
    assert [r["letter"] for r in cell(ws, "T1", "P1")] == ["A"]


def test_set_letter_same_letter_writes_nothing(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1")
    n = len(ws.store.history())
    raci.set_letter(ws.store, "T1", "P1", "R", by="consultant")
    assert len(ws.store.history()) == n


@pytest.mark.parametrize("bad", ["X", "RA", "=1+1", 3])
def test_set_letter_refuses_a_bad_letter_in_french_and_changes_nothing(empty_workshop, bad):
    ws = build(empty_workshop, raci="T1 R=P1")
    n = len(ws.store.history())
    with pytest.raises(ValidationError) as err:
        raci.set_letter(ws.store, "T1", "P1", bad, by="consultant")
    assert "Lettre RACI refusée" in str(err.value) and "R, A, C, I" in str(err.value)
    assert len(ws.store.history()) == n and cell(ws, "T1", "P1")[0]["letter"] == "R"


def test_set_letter_unknown_task_or_person_refused(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1")
    n = len(ws.store.history())
    with pytest.raises(NotFoundError, match="Tâche introuvable : T9"):
        raci.set_letter(ws.store, "T9", "P1", "R", by="consultant")
    with pytest.raises(NotFoundError, match="Personne introuvable : P9"):
        raci.set_letter(ws.store, "T1", "P9", "R", by="consultant")
    assert len(ws.store.history()) == n


def test_propose_writes_an_attributed_proposal_outside_the_matrix(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2")
    pid = raci.propose(ws.store, "T1", "P3", "c", proposer_id="P1", comment="Elle connaît le dossier.")
    rec = ws.store.get("raci", pid)
    assert (rec["status"], rec["letter"], rec["proposed_by"], rec["created_by"]) == ("proposée", "C", "P1", "P1")
    assert "P3" not in raci.matrix(ws.store.frames()).columns
    props = raci.proposals(ws.store.frames())
    assert props[["id", "person", "letter", "current", "proposer"]].values.tolist() == [
        [pid, "Chloé Caron", "C", "—", "Alice Aubert"]]


def test_propose_twice_keeps_one_proposal(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2")
    first = raci.propose(ws.store, "T1", "P3", "C", proposer_id="P1")
    assert raci.propose(ws.store, "T1", "P3", "C", proposer_id="P1") == first
    assert len(cell(ws, "T1", "P3", status="proposée")) == 1


def test_propose_refused_outside_the_proposers_actions(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2")
    with pytest.raises(AccessDenied, match="aucune de vos actions"):
        raci.propose(ws.store, "T1", "P3", "R", proposer_id="P4")
    assert cell(ws, "T1", "P3", status="proposée") == []


def test_pilot_may_propose_on_its_action_without_any_letter(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1", pilot="P4")
    assert raci.actions_of_person(ws.store.frames(), "P4") == ["N1"]
    assert raci.propose(ws.store, "T1", "P4", "A", proposer_id="P4")


def test_accept_validates_the_proposal_and_replaces_the_cell_with_history(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2 C=P3")
    (old,) = cell(ws, "T1", "P3")
    pid = raci.propose(ws.store, "T1", "P3", "R", proposer_id="P1")
    rec = raci.accept(ws.store, pid, by="consultant")
    assert rec["status"] == "validée" and rec["updated_by"] == "consultant"
    assert [r["letter"] for r in cell(ws, "T1", "P3")] == ["R"]
    assert raci.matrix(ws.store.frames()).loc["T1", "P3"] == "R"
    assert raci.proposals(ws.store.frames()).empty
    ops = [(h["op"], h["by"]) for h in ws.store.history("raci", pid)]
    assert ops == [("insert", "P1"), ("update", "consultant")]
    assert ws.store.history("raci", pid)[-1]["new"] == {"status": "validée"}
    assert ws.store.history("raci", old["id"])[-1]["op"] == "delete"


def test_accept_twice_is_a_conflict(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2")
    pid = raci.propose(ws.store, "T1", "P3", "I", proposer_id="P1")
    raci.accept(ws.store, pid, by="consultant")
    n = len(ws.store.history())
    with pytest.raises(ConflictError, match="n'est pas une proposition en attente"):
        raci.accept(ws.store, pid, by="consultant")
    assert len(ws.store.history()) == n


def test_reject_keeps_the_proposal_marked_rejected(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2")
    pid = raci.propose(ws.store, "T1", "P3", "R", proposer_id="P1")
    rec = raci.reject(ws.store, pid, by="consultant")
    assert rec["status"] == "rejetée"
    assert "P3" not in raci.matrix(ws.store.frames()).columns
    assert raci.proposals(ws.store.frames(), status="rejetée")["id"].tolist() == [pid]
    assert ws.store.history("raci", pid)[-1]["new"] == {"status": "rejetée"}
    with pytest.raises(ConflictError):
        raci.accept(ws.store, pid, by="consultant")


def test_demo_proposal_accepted_adds_an_r_and_the_check_changes(demo_workshop):
    s = demo_workshop.store
    props = raci.proposals(s.frames())
    assert set(props["task_id"]) == {"TAC-044", "TAC-066"}
    pid = props.loc[props["task_id"] == "TAC-066", "id"].item()
    raci.accept(s, pid, by="consultant")
    m = raci.matrix(s.frames(), "ACN-20")
    assert m.loc["TAC-066", "PER-26"] == "R"


def test_withdraw_own_pending_proposal(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2")
    pid = raci.propose(ws.store, "T1", "P3", "C", proposer_id="P1")
    with pytest.raises(AccessDenied, match="pas la vôtre"):
        raci.withdraw(ws.store, pid, "P2")
    raci.withdraw(ws.store, pid, "P1")
    assert cell(ws, "T1", "P3", status="proposée") == []
    assert [h["op"] for h in ws.store.history("raci", pid)] == ["insert", "delete"]


def test_withdraw_refused_once_decided(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2")
    pid = raci.propose(ws.store, "T1", "P3", "C", proposer_id="P1")
    raci.accept(ws.store, pid, by="consultant")
    with pytest.raises(ConflictError):
        raci.withdraw(ws.store, pid, "P1")
    assert ws.store.get("raci", pid)["status"] == "validée"
