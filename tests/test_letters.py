"""Step 7 — mission letters: one .docx per person, read back to check what it says."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest
from docx import Document

from toolkit import demo, letters
from toolkit.cli import main
from toolkit.errors import MaillageError
from toolkit.workshop import Workshop

TODAY = dt.date(2026, 11, 23)


def _expected_tasks() -> dict[str, set[str]]:
    """Each person's task names from the demo's validated RACI rows (computed from the data)."""
    data = demo.demo_records()
    names = {t["id"]: t["name"] for t in data["tasks"]}
    out: dict[str, set[str]] = defaultdict(set)
    for r in data["raci"]:
        if r["status"] == "validée":
            out[r["person_id"]].add(names[r["task_id"]])
    return out


def test_every_letter_names_exactly_its_persons_tasks(demo_workshop: Workshop, tmp_path: Path) -> None:
    paths = letters.write_letters(demo_workshop, folder=tmp_path / "lettres", today=TODAY)
    persons = demo.demo_records()["persons"]
    assert len(paths) == len(persons) == 30
    expected = _expected_tasks()
    all_tasks = {t["name"] for t in demo.demo_records()["tasks"]}
    for person, path in zip(persons, paths):
        assert path.name.startswith(f"lettre_de_mission_{person['id']}_")
        read = letters.letter_text(path)
        named = [row[1] for row in read["tasks"]]
        assert len(named) == len(set(named))
        assert set(named) == expected[person["id"]], person["id"]
        # no other task is named anywhere else in the letter
        text = "\n".join(read["paragraphs"])
        assert not [t for t in all_tasks - expected[person["id"]] if t in text], person["id"]
        assert person["name"] in text


def test_letter_gives_letters_days_bodies_and_review_rhythm(demo_workshop: Workshop, tmp_path: Path) -> None:
    [path] = letters.write_letters(demo_workshop, folder=tmp_path, person_ids=["PER-02"], today=TODAY)
    read = letters.letter_text(path)
    rows = {row[1]: row for row in read["tasks"]}
    # TAC-006: PER-02 is R; TAC-003: I; TAC-065: A
    assert rows["Plan d'affaires de la foncière avec la Banque des Territoires"][2] == "R"
    assert rows["Suivi des versements et des justificatifs de dépenses"][2] == "A"
    assert rows["Accompagner le commerçant à l'essai (suivi mensuel)"][2] == "I"
    text = "\n".join(read["paragraphs"])
    assert "15 jour(s) par mois" in text
    assert "Équipe projet (équipe projet) — animateur — réunion toutes les 2 semaines" in text
    assert "revue de projet se tient toutes les 8 semaines" in text
    assert "12/01/2027, 09/03/2027, 04/05/2027" in text  # the next reviews after 23/11/2026
    assert "Plan de financement pluriannuel et dossiers de subvention" in text  # an action she pilots


def test_person_with_both_letters_on_a_task_gets_them_together(empty_workshop: Workshop, tmp_path: Path) -> None:
    s = empty_workshop.store
    s.insert("project", {"name": "P", "territory": "T", "start_date": "2026-01-05"}, by="t")
    s.insert("persons", {"id": "P1", "name": "Ana", "organisation": "Ville", "role": "agent"}, by="t")
    s.insert("axes", {"id": "X", "name": "Axe"}, by="t")
    s.insert("actions", {"id": "N", "axis_id": "X", "name": "Action"}, by="t")
    s.insert("tasks", {"id": "T1", "action_id": "N", "name": "Tâche une", "load_days": 2,
                       "start_month": "2026-01", "end_month": "2026-02"}, by="t")
    s.insert("tasks", {"id": "T2", "action_id": "N", "name": "Tâche proposée", "load_days": 2,
                       "start_month": "2026-01", "end_month": "2026-02"}, by="t")
    s.insert_many("raci", [{"task_id": "T1", "person_id": "P1", "letter": "A"},
                           {"task_id": "T1", "person_id": "P1", "letter": "R"},
                           {"task_id": "T2", "person_id": "P1", "letter": "R", "status": "proposée"}], by="t")
    [path] = letters.write_letters(empty_workshop, folder=tmp_path, today=TODAY)
    read = letters.letter_text(path)
    assert read["tasks"] == [["Action", "Tâche une", "R, A", "01/2026 – 02/2026", "2"]]
    assert "Tâche proposée" not in "\n".join(read["paragraphs"])


def test_hostile_text_is_escaped_not_interpreted(empty_workshop: Workshop, tmp_path: Path) -> None:
    s = empty_workshop.store
    s.insert("project", {"name": "P </w:t></w:r> & {{ projet }}", "territory": "T", "start_date": "2026-01-05"}, by="t")
    s.insert("persons", {"id": "P1", "name": "<b>Zoé</b> & \x07Cie {% raw %}", "organisation": "=1+1",
                         "role": "agent"}, by="t")
    [path] = letters.write_letters(empty_workshop, folder=tmp_path, today=TODAY)
    text = "\n".join(letters.letter_text(path)["paragraphs"])
    assert "<b>Zoé</b> & Cie {% raw %}" in text  # shown as typed (the bell character dropped)
    assert "P </w:t></w:r> & {{ projet }}" in text


def test_consultant_template_is_used_and_broken_template_is_refused(demo_workshop: Workshop,
                                                                  tmp_path: Path) -> None:
    own = letters.install_template(demo_workshop)
    assert own == demo_workshop.folder / "gabarits" / "lettre_de_mission.docx"
    assert letters.template_path(demo_workshop) == own
    doc = Document(str(own))
    doc.add_paragraph("Mention ajoutée par le cabinet pour {{ personne.nom }}.")
    doc.save(str(own))
    [path] = letters.write_letters(demo_workshop, folder=tmp_path / "ok", person_ids=["PER-05"], today=TODAY)
    assert "Mention ajoutée par le cabinet pour Nadia Bensaïd." in letters.letter_text(path)["paragraphs"]

    doc.add_paragraph("{{ personne.age }}")
    doc.save(str(own))
    with pytest.raises(MaillageError) as info:
        letters.write_letters(demo_workshop, folder=tmp_path / "ko")
    assert "variable inconnue" in str(info.value)
    assert not (tmp_path / "ko").exists()  # nothing written

    doc.paragraphs[-1].text = "{% for x in %}"
    doc.save(str(own))
    with pytest.raises(MaillageError, match="balise invalide"):
        letters.write_letters(demo_workshop, folder=tmp_path / "ko")

    own.write_bytes(b"pas un document Word")
    with pytest.raises(MaillageError, match="n'est pas un document Word"):
        letters.write_letters(demo_workshop, folder=tmp_path / "ko")


def test_install_template_keeps_an_edited_copy(empty_workshop: Workshop) -> None:
    own = letters.install_template(empty_workshop)
    own.write_bytes(b"edited")
    assert letters.install_template(empty_workshop).read_bytes() == b"edited"


def test_cli_lettres_writes_every_letter(demo_workshop: Workshop, capsys: pytest.CaptureFixture) -> None:
    assert main(["lettres", "--atelier", str(demo_workshop.folder)]) == 0
    out = capsys.readouterr().out
    written = sorted((demo_workshop.folder / "exports" / "lettres").glob("*.docx"))
    assert len(written) == 30 and "30 lettres de mission" in out


def test_cli_lettres_without_project_fails_in_french(empty_workshop: Workshop,
                                                      capsys: pytest.CaptureFixture) -> None:
    empty_workshop.store.insert("persons", {"name": "Ana", "organisation": "Ville", "role": "agent"}, by="t")
    assert main(["lettres", "--atelier", str(empty_workshop.folder)]) == 2
    assert "cadrage" in capsys.readouterr().err
