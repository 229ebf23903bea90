"""The generic record editor of the cadrage carnet: set values, click, find the rows in the store."""
from __future__ import annotations

import datetime as dt

import pytest

from toolkit.core import model
from toolkit.core.store import Store
from toolkit.widgets.editor import CADRAGE_KINDS, CadrageEditor, RecordEditor, starter_referential


@pytest.fixture
def store() -> Store:
    return Store("sqlite://")


def test_every_kind_of_step_one_gets_its_form_from_the_model(store: Store) -> None:
    editor = CadrageEditor(store)
    assert tuple(editor.editors) == CADRAGE_KINDS
    for kind_name, sub in editor.editors.items():
        editable = [f.name for f in model.KINDS[kind_name].fields if not f.system and f.type != "json"]
        assert list(sub.inputs) == editable


def test_a_consultant_fills_step_one_by_clicking(store: Store) -> None:
    editor = CadrageEditor(store)
    e = editor.editors
    e["project"].set(name="Bourg 2030", territory="Bourg", programme="Petites villes de demain",
                     start_date=dt.date(2026, 9, 1), horizon_months="12")
    e["project"].save_button.click()
    assert store.project()["name"] == "Bourg 2030"
    assert e["project"].new_button.disabled  # one project per workshop

    e["axes"].set(name="Habitat")
    e["axes"].save_button.click()
    axis = store.all("axes")[0]
    # the new axis is offered by name in the actions' form, at once
    assert ("Habitat", axis["id"]) in e["actions"].inputs["axis_id"].widget.options
    e["persons"].set(name="Martine Gérard", organisation="Mairie", role="directeur de projet",
                     capacity_days="4,5", in_team=True)
    e["persons"].save_button.click()
    person = store.all("persons")[0]
    assert person["capacity_days"] == 4.5 and person["in_team"] is True and person["token"]

    e["actions"].set(name="OPAH-RU", axis_id=axis["id"], pilot_id=person["id"])
    e["actions"].save_button.click()
    action = store.all("actions")[0]
    e["tasks"].set(name="Diagnostic", action_id=action["id"], load_days="12", start_month="2026-10",
                   end_month="2027-01")
    e["tasks"].save_button.click()
    task = store.all("tasks")[0]
    assert (task["start_month"], task["end_month"], task["load_days"]) == ("2026-10", "2027-01", 12)

    editor.referential.choice.value = (0, 1)
    editor.referential.add_button.click()
    names = {c["name"] for c in store.all("competences")}
    assert {starter_referential()[0]["name"], starter_referential()[1]["name"]} <= names
    competence = store.all("competences")[0]
    e["requirements"].set(task_id=task["id"], competence_id=competence["id"], level="3")
    e["requirements"].save_button.click()
    assert store.all("requirements")[0]["level"] == 3
    assert "Diagnostic" in e["requirements"].records.options[0][0]


def test_validation_messages_are_the_imports(store: Store) -> None:
    tasks = RecordEditor(store, "tasks")
    tasks.set(name="Diagnostic", load_days="beaucoup", start_month="2026-13", end_month="2026-02")
    tasks.save_button.click()
    message = tasks.message.value
    assert "Enregistrement refusé (Tâches)" in message
    assert "Charge (jours)" in message and "un nombre entre 0 et 10\u202f000" in message
    assert "un mois (AAAA-MM)" in message
    assert "Action" in message and "une valeur (champ obligatoire)" in message
    assert store.count("tasks") == 0


def test_edit_and_delete_keep_the_history(store: Store) -> None:
    axes = RecordEditor(store, "axes")
    axes.set(name="Habitt")
    axes.save_button.click()
    axis_id = axes.records.value
    axes.records.value = axis_id
    axes.set(name="Habitat")
    axes.save_button.click()
    assert store.get("axes", axis_id)["name"] == "Habitat"
    axes.delete_button.click()  # not confirmed: nothing deleted
    assert store.count("axes") == 1 and "Cochez" in axes.message.value
    axes.confirm.value = True
    axes.delete_button.click()
    assert store.count("axes") == 0
    ops = [(h["op"], h["by"]) for h in store.history("axes", axis_id)]
    assert ops == [("insert", "consultant"), ("update", "consultant"), ("delete", "consultant")]
    assert store.history("axes", axis_id)[1]["old"] == {"name": "Habitt"}


def test_a_referenced_record_is_not_deleted(store: Store) -> None:
    editor = CadrageEditor(store)
    e = editor.editors
    e["axes"].set(name="Habitat")
    e["axes"].save_button.click()
    e["actions"].set(name="OPAH-RU", axis_id=e["axes"].records.value)
    e["actions"].save_button.click()
    e["axes"].records.value = store.all("axes")[0]["id"]
    e["axes"].confirm.value = True
    e["axes"].delete_button.click()
    assert store.count("axes") == 1 and "encore utilisé" in e["axes"].message.value


def test_the_referential_adds_a_competence_once(store: Store) -> None:
    editor = CadrageEditor(store)
    editor.referential.choice.value = (0,)
    editor.referential.add_button.click()
    editor.referential.choice.value = (0,)
    editor.referential.add_button.click()
    assert store.count("competences") == 1
    assert len(starter_referential()) >= 20
