"""The consultant's reading of a person's competences, through its widget."""
from __future__ import annotations

from toolkit.widgets.consultant_reading import ConsultantReading
from toolkit.core.workshop import Workshop


def test_record_the_consultants_reading_beside_the_self_assessment(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    reading = ConsultantReading(store)
    person = store.get("persons", "PER-02")
    assert (person["name"], "PER-02") in reading.person.options
    reading.person.value = "PER-02"
    own = store.all("assessments", person_id="PER-02", source="auto-évaluation")
    before = len(own)
    competence = next(c["id"] for c in store.all("competences")
                      if not store.all("assessments", person_id="PER-02", competence_id=c["id"], source="consultant"))
    reading.set(competence, savoir=2, vouloir=3, pouvoir=1, comment="Vu en entretien")
    reading.save_button.click()
    rows = store.all("assessments", person_id="PER-02", competence_id=competence, source="consultant")
    assert [(r["savoir"], r["vouloir"], r["pouvoir"], r["comment"]) for r in rows] == [(2, 3, 1, "Vu en entretien")]
    assert len(store.all("assessments", person_id="PER-02", source="auto-évaluation")) == before
    # reading again shows the consultant's values, and a change updates (with history)
    reading.person.value = ""
    reading.person.value = "PER-02"
    assert reading.rows[competence]["savoir"].value == 2
    reading.set(competence, savoir=3)
    reading.save_button.click()
    assert store.get("assessments", rows[0]["id"])["savoir"] == 3
    assert [h["op"] for h in store.history("assessments", rows[0]["id"])] == ["insert", "update"]


def test_an_incomplete_row_is_refused(demo_workshop: Workshop) -> None:
    reading = ConsultantReading(demo_workshop.store)
    reading.person.value = "PER-02"
    competence = next(iter(reading.rows))
    before = demo_workshop.store.count("assessments")
    reading.set(competence, savoir="", vouloir="", pouvoir="")
    reading.set(competence, savoir=4)
    reading.save_button.click()
    assert "trois dimensions" in reading.message.value
    assert demo_workshop.store.count("assessments") == before
