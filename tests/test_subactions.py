"""Sub-actions (issue 19 §5): re-attachment, no cycle, journal and history, roll-up, review."""
from __future__ import annotations

import datetime as dt

import pytest

from toolkit import actions as A
from toolkit import review as R
from toolkit.core.errors import AccessDenied, ValidationError
from toolkit.core.store import Store

DAY = dt.date(2026, 11, 17)
CONSULTANT = A.Editor.for_consultant()


@pytest.fixture
def s() -> Store:
    s = Store("sqlite://")
    s.insert_many("persons", [{"id": "P1", "name": "Ana", "organisation": "Ville", "role": "pilote d'action"},
                              {"id": "P2", "name": "Bruno", "organisation": "Ville", "role": "pilote d'action"}], by="t")
    s.insert_many("axes", [{"id": "X1", "name": "Gouvernance"}, {"id": "X2", "name": "Vie locale"}], by="t")
    s.insert_many("actions", [
        {"id": "G", "axis_id": "X1", "name": "Gouvernance du projet", "pilot_id": "P1", "state": "en cours",
         "completion": 50, "budget_planned": 3000, "budget_spent": 1000},
        {"id": "C", "axis_id": "X2", "name": "Réanimer les coordinations", "state": "engagée",
         "completion": 0, "budget_planned": 1000, "budget_spent": 200},
        {"id": "D", "axis_id": "X2", "name": "Fête de quartier", "pilot_id": "P2", "state": "en cours"},
    ], by="t")
    s.insert("journal", {"action_id": "C", "date": "2026-10-01", "text": "Première réunion des coordinations."}, by="t")
    return s


def test_reattach_makes_a_sub_action_with_journal_and_history(s: Store) -> None:
    A.reattach(s, "C", "G", CONSULTANT, today=DAY)
    c = s.get("actions", "C")
    assert c["parent_id"] == "G" and c["axis_id"] == "X1"  # it follows its parent's axis
    texts = {j["action_id"]: j["text"] for j in s.all("journal", kind="décision")}
    assert texts["C"] == "Rattachée à l'action « Gouvernance du projet », dont elle devient une sous-action."
    assert texts["G"] == "L'action « Réanimer les coordinations » lui est rattachée comme sous-action."
    assert s.count("journal", action_id="C") == 2  # its own journal kept
    last = s.history("actions", "C")[-1]
    assert last["new"]["parent_id"] == "G" and last["old"]["parent_id"] is None and last["by"] == "animateur"
    # detached again: said in both journals
    A.reattach(s, "C", None, CONSULTANT, today=DAY)
    assert s.get("actions", "C")["parent_id"] is None
    assert any("redevient une action à part entière" in j["text"] for j in s.all("journal", action_id="C"))


def test_no_cycle_and_only_the_consultant(s: Store) -> None:
    A.reattach(s, "C", "G", CONSULTANT, today=DAY)
    with pytest.raises(ValidationError) as err:
        A.reattach(s, "G", "C", CONSULTANT, today=DAY)
    assert err.value.problems[0].expected == ("une action parente qui n'est ni l'action elle-même "
                                             "ni une de ses sous-actions")
    with pytest.raises(ValidationError):
        s.update("actions", "G", {"parent_id": "G"}, by="t")
    with pytest.raises(ValidationError):  # a cycle inside one batch is refused too
        s.insert_many("actions", [{"id": "E", "axis_id": "X1", "name": "E", "parent_id": "F"},
                                  {"id": "F", "axis_id": "X1", "name": "F", "parent_id": "E"}], by="t",
                      pending={"actions": {"E", "F"}})
    assert s.get("actions", "G")["parent_id"] is None and not s.exists("actions", "E")
    with pytest.raises(AccessDenied):
        A.reattach(s, "D", "G", A.Editor.for_person(s.get("persons", "P1")), today=DAY)


def test_parent_pilot_edits_the_sub_action_and_roll_up(s: Store) -> None:
    A.reattach(s, "C", "G", CONSULTANT, today=DAY)
    ana = A.Editor.for_person(s.get("persons", "P1"))
    A.update_sheet(s, "C", {"completion": 40}, ana)  # the parent's pilot answers for it
    with pytest.raises(AccessDenied):
        A.update_sheet(s, "C", {"completion": 41}, A.Editor.for_person(s.get("persons", "P2")))
    f = s.frames()
    tree = A.sheets_tree(f)
    assert tree["id"].tolist() == ["D", "G", "C"] and tree["level"].tolist() == [0, 0, 1]
    g = tree.set_index("id").loc["G"]
    assert g["budget_planned"] == 4000 and g["own_budget_planned"] == 3000 and g["budget_spent"] == 1200
    assert g["completion"] == round((50 * 3000 + 40 * 1000) / 4000)
    sheet = A.sheet(f, "G")
    assert sheet["sub_actions"] == [{"id": "C", "name": "Réanimer les coordinations", "state": "engagée",
                                     "completion": 40}]
    assert A.sheet(f, "C")["parent"] == "Gouvernance du projet"
    # the dashboard: counted, and not « sans pilote » (its parent's pilot answers for it)
    assert R.actions_without_pilot(f)["id"].tolist() == []
    by_state = R.actions_by_state(f).set_index("state")
    assert by_state.loc["engagée", "actions"] == 1 and by_state.loc["engagée", "sub_actions"] == 1
    board = R.review_dashboard(s, today=DAY)
    assert board["programme"] == {"actions": 2, "sub_actions": 1}


def test_a_review_reattaches(s: Store) -> None:
    R.record_review(s, DAY, present=["P1"], changes=[{"action_id": "C", "parent_id": "G"}])
    c = s.get("actions", "C")
    assert c["parent_id"] == "G" and c["axis_id"] == "X1"
    review = R.last_review(s)
    assert {(x["field"], x["old"], x["new"]) for x in review["changes"]} == {
        ("parent_id", None, "G"), ("axis_id", "X2", "X1")}
    (entry,) = s.all("journal", kind="décision")
    assert entry["text"] == ("Revue de projet du 17 novembre 2026 : Action parente : (aucun) → Gouvernance du projet"
                             " ; Axe : Vie locale → Gouvernance")
    minutes = R.minutes(s)
    assert {"action": "Réanimer les coordinations", "field": "Action parente", "before": "(aucun)",
            "after": "Gouvernance du projet"} in minutes["changes"]
    with pytest.raises(ValidationError):
        R.record_review(s, DAY, changes=[{"action_id": "G", "parent_id": "C"}])
    assert R.last_review(s)["id"] == review["id"]


def test_demo_has_a_sub_action(demo_workshop) -> None:
    f = demo_workshop.store.frames()
    tree = A.sheets_tree(f).set_index("id")
    assert tree.loc["ACN-20", "parent"] == "Pilotage du programme et avenant à la convention ORT"
    assert tree.loc["ACN-20", "level"] == 1 and tree.loc["ACN-17", "children"] == 1
