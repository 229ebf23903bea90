"""The consultant's RACI matrix widget: cells write to the store with history, refusals
change nothing, proposals are accepted or rejected, every text is escaped."""
from __future__ import annotations

from raci_world import build
from toolkit.core import labels as L
from toolkit import raci
from toolkit.widgets.raci_matrix import RaciMatrix


def texts(widget) -> str:
    out = []
    stack = [widget]
    while stack:
        x = stack.pop()
        if hasattr(x, "value") and isinstance(x.value, str):
            out.append(x.value)
        stack.extend(getattr(x, "children", ()))
    return "\n".join(out)


def test_matrix_shows_the_actions_letters(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2 C=P3")
    m = RaciMatrix(ws.store, by="consultant")
    assert m.action.value == "N1"
    assert (m.cell("T1", "P1").value, m.cell("T1", "P2").value, m.cell("T1", "P3").value) == ("R", "A", "C")


def test_setting_a_cell_writes_to_the_store_with_history(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 C=P2")
    m = RaciMatrix(ws.store, by="consultant")
    m.cell("T1", "P2").value = "A"
    assert raci.matrix(ws.store.frames()).loc["T1", "P2"] == "A"
    h = ws.store.history("raci")[-1]
    assert (h["op"], h["by"], h["new"]) == ("update", "consultant", {"letter": "A"})
    assert "Enregistré" in m.message.value
    assert L.RACI_WIDGET["no_findings"] in m.findings.value  # the A fixed the "no A" finding


def test_erasing_a_cell_deletes_the_letter(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2 C=P3")
    m = RaciMatrix(ws.store)
    m.cell("T1", "P3").value = ""
    assert "P3" not in raci.matrix(ws.store.frames()).columns
    assert "Effacé" in m.message.value


def test_adding_a_person_column_then_a_letter(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2")
    m = RaciMatrix(ws.store)
    m.person_pick.value = "P4"
    m.add_button.click()
    m.cell("T1", "P4").value = "I"
    assert raci.matrix(ws.store.frames()).loc["T1", "P4"] == "I"


def test_refused_change_shows_french_and_restores_the_cell(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2")
    m = RaciMatrix(ws.store)
    for row in ws.store.all("raci", task_id="T1"):  # the task vanished meanwhile
        ws.store.delete("raci", row["id"], by="autre")
    ws.store.delete("tasks", "T1", by="autre")
    n = len(ws.store.history())
    m.cell("T1", "P2").value = "C"
    assert "Tâche introuvable" in m.message.value
    assert m.cell("T1", "P2").value == "A"
    assert len(ws.store.history()) == n


def test_findings_of_the_action_are_listed(empty_workshop):
    ws = build(empty_workshop, raci="T1 A=P2")
    m = RaciMatrix(ws.store)
    assert L.RACI_CHECKS["no_r"] in m.findings.value


def test_accepting_a_proposal_from_the_widget(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2")
    pid = raci.propose(ws.store, "T1", "P3", "C", proposer_id="P1", comment="utile")
    m = RaciMatrix(ws.store, by="consultant")
    assert "Alice Aubert" in texts(m.proposals) and "utile" in texts(m.proposals)
    ok, _no = m.buttons(pid)
    ok.click()
    assert ws.store.get("raci", pid)["status"] == "validée"
    assert m.cell("T1", "P3").value == "C"
    assert "acceptée" in m.message.value
    assert L.RACI_WIDGET["no_proposals"] in texts(m.proposals)


def test_rejecting_a_proposal_from_the_widget(empty_workshop):
    ws = build(empty_workshop, raci="T1 R=P1 A=P2")
    pid = raci.propose(ws.store, "T1", "P3", "R", proposer_id="P1")
    m = RaciMatrix(ws.store, by="consultant")
    m.buttons(pid)[1].click()
    assert ws.store.get("raci", pid)["status"] == "rejetée"
    assert ("T1", "P3") not in m._cells


def test_hostile_names_are_escaped(empty_workshop):
    people = {"P1": {"name": "<script>alert(1)</script>", "capacity_days": 2, "in_team": True},
              "P2": {"name": "Bob <b>", "capacity_days": 2, "in_team": True}}
    ws = build(empty_workshop, raci="T1 R=P1", persons=people)
    ws.store.update("tasks", "T1", {"name": "<img src=x onerror=alert(1)>"}, by="test")
    m = RaciMatrix(ws.store)
    shown = texts(m.widget)
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert "<img" not in shown and "&lt;img" in shown
