"""Scenarios (step 6): change operations on a copy, stored with the workshop, compared."""
from __future__ import annotations

import pandas as pd
import pytest
from gaps_world import build

from toolkit.core import labels as L
from toolkit import scenarios as sc
from toolkit.core.errors import NotFoundError, ValidationError

ACTORS = [{"id": "A1", "name": "SAFER", "competences": ["C2"], "mobilised": False},
          {"id": "A2", "name": "Région", "category": "cofinanceur", "competences": [], "mobilised": True}]


@pytest.fixture
def world(empty_workshop):
    frames = build(empty_workshop, tasks="T1:10:2026-09:2026-10 T2:6:2027-01:2027-03",
                   requirements="T1 C1:3; T2 C2:3", assessments="P1 C1 2/3/3; P2 C1 3/3/3",
                   raci="T1 R=P2 A=P3; T2 R=P1 A=P3", actors=ACTORS, budget=50000.0,
                   fundings=[{"id": "F1", "action_id": "N1", "actor_id": "A2", "amount": 20000.0}])
    return empty_workshop, frames


def snapshot(frames):
    return {k: v.copy() for k, v in frames.items()}


def assert_same(a, b):
    assert set(a) == set(b)
    for k in a:
        pd.testing.assert_frame_equal(a[k], b[k])


# --- applying operations: a copy, never the reference --------------------------------------

def test_apply_leaves_the_reference_untouched(world):
    _, frames = world
    before = snapshot(frames)
    sc.apply_changes(frames, [sc.postpone(2, task="T1"), sc.leaving("P1"), sc.assign("T2", "P2"),
                              sc.recruitment("Nouvelle recrue", 15, {"C2": 3}), sc.widening("A1"),
                              sc.capacity("P2", 1), sc.funding_refused("F1", "réduction"),
                              sc.funding_obtained("N1", "A2", 1000), sc.abandon("N1")])
    assert_same(frames, before)


def test_abandon_drops_tasks_and_their_letters(world):
    _, frames = world
    out = sc.apply_changes(frames, [sc.abandon("N1")])
    assert out["actions"].set_index("id").loc["N1", "state"] == "abandonnée"
    assert out["tasks"].empty and out["requirements"].empty and out["raci"].empty


def test_budget_and_fundings(world):
    _, frames = world
    out = sc.apply_changes(frames, [{"op": "budget", "action": "N1", "montant": "30 000"},
                                    sc.funding_obtained("N1", "A2", 5000)])
    assert out["actions"].set_index("id").loc["N1", "budget_planned"] == 30000.0
    assert sorted(out["fundings"]["amount"]) == [5000.0, 20000.0]


@pytest.mark.parametrize("consequence, budget, tasks", [
    ("autofinancement", 50000.0, 2), ("réduction", 30000.0, 2), ("abandon", 50000.0, 0)])
def test_refused_funding_consequences(world, consequence, budget, tasks):
    _, frames = world
    out = sc.apply_changes(frames, [sc.funding_refused("F1", consequence)])
    assert out["fundings"].empty
    assert out["actions"].set_index("id").loc["N1", "budget_planned"] == budget
    assert len(out["tasks"]) == tasks


def test_recruitment_adds_a_person_with_assessments(world):
    _, frames = world
    out = sc.apply_changes(frames, [sc.recruitment("Nora Nadal", 15, {"C2": 3, "C1": [2, 4, 2]})])
    new = out["persons"][~out["persons"]["id"].isin(frames["persons"]["id"])]
    assert new[["id", "name", "capacity_days", "in_team"]].values.tolist() == [["PER-S1", "Nora Nadal", 15.0, True]]
    a = out["assessments"][out["assessments"]["person_id"] == "PER-S1"].set_index("competence_id")
    # A level alone: the default motivation (3) and pouvoir (3); a triple as given.
    assert a.loc["C2", ["savoir", "vouloir", "pouvoir"]].tolist() == [3, 3, 3]
    assert a.loc["C1", ["savoir", "vouloir", "pouvoir"]].tolist() == [2, 4, 2]
    assert set(a["source"]) == {"consultant"}


def test_widening_mobilises_the_actor_and_seats_its_representative(world):
    _, frames = world
    out = sc.apply_changes(frames, [sc.widening("A1", capacite=2)])
    assert bool(out["actors"].set_index("id").loc["A1", "mobilised"])
    rep = out["persons"][out["persons"]["actor_id"] == "A1"].iloc[0]
    assert rep["capacity_days"] == 2.0 and rep["organisation"] == "SAFER"
    a = out["assessments"][out["assessments"]["person_id"] == rep["id"]]
    assert a[["competence_id", "savoir"]].values.tolist() == [["C2", 3]]  # the actor's competence, level 3


def test_leaving_person(world):
    _, frames = world
    out = sc.apply_changes(frames, [sc.leaving("P3")])
    p = out["persons"].set_index("id").loc["P3"]
    assert p["capacity_days"] == 0 and not bool(p["in_team"])
    assert "P3" not in set(out["raci"]["person_id"]) and "P3" not in set(out["assessments"]["person_id"])
    assert pd.isna(out["actions"].set_index("id").loc["N1", "pilot_id"])


def test_postpone_task_and_action(world):
    _, frames = world
    one = sc.apply_changes(frames, [sc.postpone(3, task="T1")])["tasks"].set_index("id")
    assert one.loc["T1", ["start_month", "end_month"]].tolist() == ["2026-12", "2027-01"]
    assert one.loc["T2", "start_month"] == "2027-01"
    both = sc.apply_changes(frames, [sc.postpone(12, action="N1")])["tasks"].set_index("id")
    assert both.loc["T2", ["start_month", "end_month"]].tolist() == ["2028-01", "2028-03"]


def test_assign_and_unassign(world):
    _, frames = world
    out = sc.apply_changes(frames, [sc.unassign("T1", "P2"), sc.assign("T1", "P1", "R")])
    letters = out["raci"][out["raci"]["task_id"] == "T1"][["person_id", "letter"]].values.tolist()
    assert sorted(letters) == [["P1", "R"], ["P3", "A"]]


def test_a_change_can_use_a_recruit_made_earlier(world):
    _, frames = world
    out = sc.apply_changes(frames, [sc.recruitment("Nora Nadal", 15, {"C2": 3}), sc.assign("T2", "PER-S1")])
    assert ["T2", "PER-S1", "R"] in out["raci"][["task_id", "person_id", "letter"]].values.tolist()


# --- validation: French errors that say where and what was expected ----------------------

def test_bad_changes_are_refused_all_together(world):
    _, frames = world
    changes = [{"op": "licenciement", "personne": "P1"},                 # unknown op
               {"op": "report", "tache": "T9", "mois": 2},                # unknown task
               {"op": "report", "tache": "T1", "mois": 0},                # bad months
               {"op": "recrutement", "nom": "X", "capacite": 30, "competences": {"C1": 3}},  # capacity > 23
               {"op": "report", "tache": "T1", "action": "N1", "mois": 1},  # both
               {"op": "depart"},                                          # missing person
               {"op": "capacite", "personne": "P1", "jours": 2, "heures": 3},  # unknown parameter
               {"op": "recrutement", "nom": "Y", "capacite": 5, "competences": {"C9": 3}},  # unknown competence
               "pas une modification"]
    with pytest.raises(ValidationError) as exc:
        sc.apply_changes(frames, changes)
    problems = exc.value.problems
    assert [p.record.split(" (")[0] for p in problems] == [f"modification n° {n}" for n in range(1, 10)]
    text = str(exc.value)
    assert text.startswith(L.SCENARIO_MESSAGES["invalid"])
    assert "une des opérations" in text and "nombre entier de mois entre 1 et 36" in text
    assert "une tâche ou une action (l'une des deux)" in text and "obligatoire" in text
    assert "un paramètre connu de l'opération « capacite »" in text


def test_unassign_of_a_missing_letter_is_refused(world):
    _, frames = world
    with pytest.raises(ValidationError, match="affectation existante"):
        sc.apply_changes(frames, [sc.unassign("T1", "P1")])


def test_leaving_twice_is_refused(world):
    _, frames = world
    with pytest.raises(ValidationError, match="encore présente"):
        sc.apply_changes(frames, [sc.leaving("P1"), sc.leaving("P1")])


# --- stored scenarios ----------------------------------------------------------------------

def test_create_stores_the_changes_not_an_edit(world):
    ws, frames = world
    store = ws.store
    history_before = len(store.history())
    sid = sc.create_scenario(store, "Départ de Bruno", [sc.leaving("P2")], by="consultant",
                             description="Mobilité annoncée")
    assert_same(store.frames([k for k in frames if k != "scenarios"]),
                {k: v for k, v in frames.items() if k != "scenarios"})
    new = store.history()[history_before:]
    assert [(h["kind"], h["op"]) for h in new] == [("scenarios", "insert")]
    rec = store.get("scenarios", sid)
    assert rec["changes"] == [{"op": "depart", "personne": "P2"}]
    f = sc.scenario_frames(store, "départ de bruno")  # name, accents and case ignored
    assert "P2" not in set(f["raci"]["person_id"])


def test_create_refuses_a_duplicate_name_and_bad_changes(world):
    ws, _ = world
    sc.create_scenario(ws.store, "Sans SAFER", [], by="consultant")
    with pytest.raises(ValidationError, match="n'existe pas déjà"):
        sc.create_scenario(ws.store, "sans safer", [], by="consultant")
    with pytest.raises(ValidationError):
        sc.create_scenario(ws.store, "Autre", [sc.leaving("P9")], by="consultant")
    assert ws.store.count("scenarios") == 1


def test_save_creates_then_updates_with_history(world):
    ws, _ = world
    sid = sc.save_scenario(ws.store, "Report", [sc.postpone(1, task="T1")], by="consultant")
    again = sc.save_scenario(ws.store, "report", [sc.postpone(2, task="T1")], by="consultant")
    assert again == sid and ws.store.count("scenarios") == 1
    assert ws.store.get("scenarios", sid)["changes"] == [{"op": "report", "tache": "T1", "mois": 2}]
    assert [h["op"] for h in ws.store.history("scenarios", sid)] == ["insert", "update"]
    with pytest.raises(ValidationError):
        sc.save_scenario(ws.store, "Report", [sc.postpone(99, task="T1")], by="consultant")
    assert ws.store.get("scenarios", sid)["changes"][0]["mois"] == 2


def test_unknown_scenario(world):
    ws, _ = world
    with pytest.raises(NotFoundError, match="Scénario introuvable"):
        sc.scenario_frames(ws.store, "Nulle part")


def test_describe_in_french(world):
    table = sc.describe([sc.postpone(2, task="T1")])
    assert table.iloc[0]["Opération"] == L.SCENARIO_OPS["report"]
    assert "nombre de mois : 2" in table.iloc[0]["Paramètres"]


# --- comparison side by side ---------------------------------------------------------------------

def test_compare_side_by_side(world):
    ws, frames = world
    sc.create_scenario(ws.store, "Recrutement foncier", [sc.recruitment("Nora Nadal", 15, {"C2": 3},
                                                                        cout_mensuel=4000)], by="consultant")
    sc.create_scenario(ws.store, "Sans la Région", [sc.funding_refused("F1")], by="consultant")
    table = sc.compare(frames, sc.stored_scenarios(ws.store))
    assert list(table.columns) == ["Référence", "Recrutement foncier", "Sans la Région"]
    I = L.SCENARIO_INDICATORS
    ref, hire, no_region = (table[c] for c in table.columns)
    # Reference: C2 (T2, level 3) has nobody; the recruit closes it.
    assert ref[I["competence_gaps"]] == 1 and hire[I["competence_gaps"]] == 0
    assert ref[I["gap_days"]] == 6.0 and hire[I["gap_days"]] == 0.0
    # Budget 50 000 €, Région 20 000 €: own share 30 000 €, 50 000 € without the Région.
    assert (ref[I["budget"]], ref[I["fundings"]], ref[I["own_share"]]) == (50000.0, 20000.0, 30000.0)
    assert no_region[I["own_share"]] == 50000.0
    # 12 months × 4 000 € for the recruit.
    assert hire[I["recruitment_cost"]] == 48000.0
    assert hire[I["total_cost"]] == hire[I["own_share"]] + 48000.0 + hire[I["remedy_cost"]]


def test_compare_counts_overloads(world):
    _, frames = world
    table = sc.compare(frames, {"Moins de temps": [sc.capacity("P2", 1)]})
    I = L.SCENARIO_INDICATORS
    # P2 does T1 alone: 5 days a month for two months; with 1 day a month, 4 days over twice.
    assert table.loc[I["overloaded_persons"], "Référence"] == 0
    assert table.loc[I["overloaded_persons"], "Moins de temps"] == 1
    assert table.loc[I["overload_days"], "Moins de temps"] == 8.0
