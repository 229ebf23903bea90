"""Recording a project review through its widget."""
from __future__ import annotations

import datetime as dt

from toolkit.widgets.review_form import ReviewForm
from toolkit.core.workshop import Workshop


def test_record_a_review_with_attendance_decisions_and_a_changed_sheet(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    form = ReviewForm(store, today=dt.date(2027, 1, 12))
    names = dict(form.present.options)
    assert "PER-01" in names.values() and not any(label.startswith("PER-") for label in names)
    form.present.value = ("PER-01", "PER-02")
    form.excused.value = ("PER-17",)
    form.decisions.value = "L'îlot de la rue des Tanneurs est confié au service urbanisme."
    form.action.value = "ACN-09"
    assert form.fields["state"].widget.value == store.get("actions", "ACN-09")["state"]
    form.fields["pilot_id"].widget.value = "PER-08"
    form.fields["state"].widget.value = "engagée"
    form.add_button.click()
    assert form.changes == [{"action_id": "ACN-09", "pilot_id": "PER-08", "state": "engagée"}]
    assert store.count("reviews") == 0
    form.save_button.click()
    assert "Revue enregistrée" in form.message.value
    rev = store.all("reviews")[0]
    assert rev["present"] == ["PER-01", "PER-02"] and rev["excused"] == ["PER-17"]
    assert rev["date"] == dt.date(2027, 1, 12)
    action = store.get("actions", "ACN-09")
    assert (action["pilot_id"], action["state"]) == ("PER-08", "engagée")
    assert any(j["kind"] == "décision" for j in store.all("journal", action_id="ACN-09"))


def test_a_person_both_present_and_excused_is_refused(demo_workshop: Workshop) -> None:
    form = ReviewForm(demo_workshop.store)
    form.present.value = ("PER-01",)
    form.excused.value = ("PER-01",)
    form.save_button.click()
    assert "Enregistrement refusé" in form.message.value
    assert demo_workshop.store.count("reviews") == 0
