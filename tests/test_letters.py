"""Step 7 — mission letters: one .docx per person, read back to check what it says."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from french_checks import machine_french
from toolkit import demo, letters
from toolkit.cli import main
from toolkit.core.errors import MaillageError
from toolkit.core.formats import plain
from toolkit.core.workshop import Workshop

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
    text = plain("\n".join(read["paragraphs"]))
    assert "Le temps réservé à votre mission est de 15 jours par mois" in text
    # Madame; the body named after its kind says it once (not « Équipe projet (équipe projet) »)
    assert "\nÉquipe projet — animatrice — réunion toutes les 2 semaines" in text
    assert "revue de projet se tient toutes les 8 semaines" in text
    # the next reviews after 23/11/2026, with weekday and ISO week
    assert ("mardi 12 janvier 2027 à 18 h 30 (semaine 2), mardi 9 mars 2027 à 18 h 30 (semaine 10) "
            "et mardi 4 mai 2027 à 18 h 30 (semaine 18)") in text
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
    # her own days on the task: the R's 2 days plus the A's 10 % (workload.A_SHARE)
    assert [[plain(c) for c in row] for row in read["tasks"]] == [["Action", "Tâche une", "R, A", "01/2026 – 02/2026",
                                                                   "2,2 j"]]
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
    assert "Signataire : Philippe Arnaud" in out and "désigné dans le cadrage" in out


def test_cli_lettres_without_project_fails_in_french(empty_workshop: Workshop,
                                                      capsys: pytest.CaptureFixture) -> None:
    empty_workshop.store.insert("persons", {"name": "Ana", "organisation": "Ville", "role": "agent"}, by="t")
    assert main(["lettres", "--atelier", str(empty_workshop.folder)]) == 2
    assert "cadrage" in capsys.readouterr().err


# --- Issue 18: mandates that read as a consultant writes them ---------------------------------

def _all_text(path: Path) -> str:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return plain("\n".join([p.text for p in doc.paragraphs] + cells))


def test_demo_letters_read_as_french(demo_workshop: Workshop, tmp_path: Path) -> None:
    paths = letters.write_letters(demo_workshop, folder=tmp_path, today=TODAY)
    civility = {p["id"]: p["civility"] for p in demo.demo_records()["persons"]}
    for path in paths:
        pid = path.name.split("_")[3]
        text = _all_text(path)
        assert not machine_french(text), (pid, machine_french(text))
        assert "Madame, Monsieur" not in text, pid  # every civility of the demo is known
        assert f"\n{civility[pid]},\n" in text, pid
        assert "Le 23 novembre 2026" in text and "23/11/2026" not in text


def test_sous_prefete_letter_agrees_with_madame(demo_workshop: Workshop, tmp_path: Path) -> None:
    [path] = letters.write_letters(demo_workshop, folder=tmp_path, person_ids=["PER-19"], today=TODAY)
    text = _all_text(path)
    assert "À l'attention de Madame Isabelle Carré" in text
    assert "en qualité de représentante des services de l'État" in text
    assert "La titulaire de la mission" in text
    assert "0,5 jour par mois" in text and "sont réservés" not in text


def test_mandate_has_perimeter_means_success_and_load(demo_workshop: Workshop, tmp_path: Path) -> None:
    [path] = letters.write_letters(demo_workshop, folder=tmp_path, person_ids=["PER-02"], today=TODAY)
    text = _all_text(path)
    for line in ("Montage des dossiers de subvention et suivi des conventions",           # perimeter
                 "L'appui de la référente PMO pour le suivi administratif",               # means
                 "Un arbitrage des élus à chaque comité de gouvernance"):                 # success factors
        assert line in text
    context = letters.letter_context(demo_workshop.store.frames(), "PER-02", today=TODAY)
    months = context["charge_mensuelle"]
    assert len(months) == 12 and months[0]["mois"] == "septembre 2026"
    assert plain(context["personne"]["charge_totale"]).endswith(" jours")
    assert {m["situation"] for m in months} >= {"surcharge"}  # her planted overload shows in her own letter
    assert plain(context["personne"]["jours_alloues"]) == "180 jours"


def test_each_task_line_shows_the_persons_share_not_the_whole_task(demo_workshop: Workshop) -> None:
    frames = demo_workshop.store.frames()
    tasks = letters.person_tasks(frames, "PER-07")
    approved = tasks[tasks["letters"] == "A"]
    assert len(approved) and (approved["person_days"] < approved["load_days"]).all()
    shared = frames["raci"][(frames["raci"]["letter"] == "R") & (frames["raci"]["status"] == "validée")]
    two_r = shared.groupby("task_id").size()
    two_r = set(two_r[two_r > 1].index)
    for t in letters.person_tasks(frames, "PER-02").itertuples():
        if t.task_id in two_r and t.letters == "R":
            assert t.person_days < t.load_days


def test_signatory_is_chosen_never_silent(empty_workshop: Workshop, tmp_path: Path) -> None:
    s = empty_workshop.store
    s.insert("project", {"name": "P", "territory": "T", "start_date": "2026-01-05"}, by="t")
    s.insert("persons", {"id": "D1", "name": "Anne Roussel", "organisation": "Région", "role": "directeur de projet",
                         "civility": "Madame", "function": "Déléguée régionale"}, by="t")
    s.insert("persons", {"id": "D2", "name": "Inès Adam", "organisation": "Ville", "role": "directeur de projet",
                         "civility": "Madame", "function": "Directrice"}, by="t")
    with pytest.raises(MaillageError, match="Qui signe.*Anne Roussel et Inès Adam"):
        letters.write_letters(empty_workshop, folder=tmp_path, today=TODAY)
    s.update("project", s.project()["id"], {"signatory_id": "D2"}, by="t")
    frames = s.frames()
    assert letters.signatory(frames).name == "Inès Adam"
    assert "cadrage" in letters.signatory(frames).reason
    # nobody signs their own mandate; here nobody is above her: she is told so, not hidden
    own = letters.signatory(frames, "D2")  # nobody above her in this workshop: said, not hidden
    assert own.person_id == "D2" and "sa propre lettre porte sa signature" in own.reason
    [path] = letters.write_letters(empty_workshop, folder=tmp_path, person_ids=["D1"], today=TODAY)
    text = _all_text(path)
    assert "Pour le projet\nInès Adam\nDirectrice" in text
    assert "Madame,\n" in text and "en qualité de directrice de projet" in text


def test_unknown_civility_writes_both_forms_without_brackets(empty_workshop: Workshop, tmp_path: Path) -> None:
    s = empty_workshop.store
    s.insert("project", {"name": "P", "territory": "T", "start_date": "2026-01-05"}, by="t")
    s.insert("persons", {"id": "P1", "name": "Hélène", "organisation": "Ville", "role": "directeur de projet"}, by="t")
    s.insert("persons", {"id": "P2", "name": "Anne-Marie", "organisation": "Ville", "role": "agent"}, by="t")
    [path] = letters.write_letters(empty_workshop, folder=tmp_path, person_ids=["P2"], today=TODAY)
    text = _all_text(path)
    assert "À l'attention d'Anne-Marie" in text and "Madame, Monsieur," in text
    assert "en qualité d'agent" in text and "Le ou la titulaire de la mission" in text
    assert not machine_french(text)


def test_every_page_of_a_letter_numbered(demo_workshop: Workshop, tmp_path: Path) -> None:
    [path] = letters.write_letters(demo_workshop, folder=tmp_path, person_ids=["PER-02"], today=TODAY)
    doc = Document(str(path))
    footer = doc.sections[0].footer
    assert footer.paragraphs[0].text.startswith("Lettre de mission de Léa Fradin — page ")
    codes = [e.text.strip() for e in footer._element.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]


def test_cli_lettres_one_person_by_name(demo_workshop: Workshop, capsys: pytest.CaptureFixture) -> None:
    assert main(["lettres", "--atelier", str(demo_workshop.folder), "--personne", "isabelle carré",
                 "--date", "2026-11-23"]) == 0
    out = capsys.readouterr().out
    written = list((demo_workshop.folder / "exports" / "lettres").glob("*.docx"))
    assert [p.name for p in written] == ["lettre_de_mission_PER-19_isabelle-carre.docx"]
    assert "1 lettre de mission écrite" in out
    assert "Le 23 novembre 2026" in _all_text(written[0])
    assert main(["lettres", "--atelier", str(demo_workshop.folder), "--personne", "Personne Inconnue"]) == 2
    assert "Aucune personne ne correspond" in capsys.readouterr().err


def test_default_template_keeps_headers_rows_and_signature_together() -> None:
    doc = Document(str(letters.DEFAULT_TEMPLATE))
    loops = [t for t in doc.tables if len(t.rows) > 1 and "{%tr for" in t.rows[1].cells[0].text]
    assert len(loops) == 3
    for table in loops:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    closing = next(p for p in doc.paragraphs if p.text.startswith("Nous vous remercions"))
    assert closing.paragraph_format.keep_with_next
    signature = doc.tables[-1]
    assert "signature.nom" in signature.rows[0].cells[0].text
    assert signature.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
