"""The scenario builder: choose an operation, pick by name, see the effect, save on click."""
from __future__ import annotations

from toolkit import scenarios as sc
from toolkit.widgets.scenario_builder import ScenarioBuilder
from toolkit.core.workshop import Workshop


def label_of(dropdown, record_id):
    return next(label for label, value in dropdown.options if value == record_id)


def test_build_preview_and_save_a_scenario(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    builder = ScenarioBuilder(store)
    assert [v for _, v in builder.operation.options] == list(sc.OPS)
    builder.name.value = "Sans la Région"
    builder.operation.value = "financement_refuse"
    funding = builder.inputs["financement"]
    # fundings are offered by action, actor and amount, never by identifier
    assert all(not label.startswith("FIN-") for label, _ in funding.options)
    builder.set(financement="FIN-11", consequence="abandon")
    builder.add_button.click()
    assert "Modification ajoutée" in builder.message.value
    assert "Cofinancement refusé" in builder.pending.value and "FIN-11" not in builder.pending.value
    assert "Sans la Région" in builder.effect.value and "Référence" in builder.effect.value
    assert store.count("scenarios") == 0  # nothing written before the click
    builder.save_button.click()
    assert sc.stored_scenarios(store) == {"Sans la Région": [
        {"op": "financement_refuse", "financement": "FIN-11", "consequence": "abandon"}]}
    assert store.history("scenarios")[-1]["by"] == "consultant"


def test_a_recruitment_with_competences_and_an_assignment(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    builder = ScenarioBuilder(store)
    builder.name.value = "Recrutement"
    builder.operation.value = "recrutement"
    builder.set(nom="Chargé(e) de mission", capacite="18", competences={"CMP-03": 4, "CMP-09": 4})
    builder.add_button.click()
    builder.operation.value = "affectation"
    builder.set(tache="TAC-062", personne="PER-02", lettre="R")
    builder.add_button.click()
    assert len(builder.changes) == 2
    builder.save_button.click()
    stored = sc.stored_scenarios(store)["Recrutement"]
    assert stored[0] == {"op": "recrutement", "nom": "Chargé(e) de mission", "capacite": 18.0,
                         "competences": {"CMP-03": 4, "CMP-09": 4}}
    assert stored[1] == {"op": "affectation", "tache": "TAC-062", "personne": "PER-02", "lettre": "R"}


def test_a_bad_change_is_refused_in_french_and_not_added(demo_workshop: Workshop) -> None:
    builder = ScenarioBuilder(demo_workshop.store)
    builder.operation.value = "capacite"
    builder.set(personne="PER-02", jours="40")
    builder.add_button.click()
    assert builder.changes == [] and "Scénario refusé" in builder.message.value
    builder.save_button.click()
    assert "Donnez un nom" in builder.message.value and demo_workshop.store.count("scenarios") == 0


def test_compare_stored_scenarios_side_by_side(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    sc.save_scenario(store, "Départ", [sc.leaving("PER-09")], by="test")
    sc.save_scenario(store, "Report", [sc.postpone(4, action="ACN-14")], by="test")
    builder = ScenarioBuilder(store)
    assert builder.stored.value == ("Départ", "Report")
    builder.stored.value = ("Report",)
    builder.compare_button.click()
    assert "Report" in builder.comparison.value and "Départ" not in builder.comparison.value


def test_keep_as_scenario_writes_only_on_click(demo_workshop: Workshop) -> None:
    from toolkit.widgets.scenario_builder import KeepAsScenario

    keep = KeepAsScenario(demo_workshop.store, "Staffing proposé", [sc.assign("TAC-062", "PER-02")])
    assert demo_workshop.store.count("scenarios") == 0
    keep.button.click()
    assert list(sc.stored_scenarios(demo_workshop.store)) == ["Staffing proposé"]
