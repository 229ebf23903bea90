"""Import: all or nothing, every problem named with its sheet, row, column, value, expectation.

Each malformed case is a small named test on the tiny workshop of ``excel_helpers``,
edited by openpyxl as an analyst would in Excel; each checks where the problem is
reported and that the store did not change.
"""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from excel_helpers import snapshot, tiny_book, tiny_records
from toolkit.cli import main
from toolkit.demo import build_demo
from toolkit.core.errors import Problem, ValidationError
from toolkit.excel.importer import import_workbook, read_workbook
from toolkit.excel.template import write_example, write_records
from toolkit.core.workshop import Workshop


def refused(path: Path, ws: Workshop) -> list[Problem]:
    """Import ``path``; assert it is refused and the store unchanged; return the problems."""
    before = snapshot(ws.store)
    with pytest.raises(ValidationError) as info:
        import_workbook(path, ws.store, by="test")
    assert snapshot(ws.store) == before
    assert "rien n'a été enregistré" in str(info.value)
    return info.value.problems


def find(problems: list[Problem], sheet: str, row: int | None, column: str | None) -> Problem:
    for p in problems:
        if (p.sheet, p.row, p.column) == (sheet, row, column):
            return p
    raise AssertionError(f"aucun problème en {sheet}!{column}{row} parmi :\n" + "\n".join(map(str, problems)))


# --- the good case -----------------------------------------------------------------

def test_tiny_workbook_imports(tmp_path: Path, empty_workshop: Workshop) -> None:
    counts = import_workbook(tiny_book(tmp_path), empty_workshop.store, by="analyste")
    s = empty_workshop.store
    assert counts["actors"] == 2 and s.count("actors") == 2
    assert s.get("actors", "ACT-1")["competences"] == ["CMP-1"]
    assert s.get("raci", "RAC-1")["letter"] == "A"
    assert s.project()["name"] == "Projet test"
    assert {h["by"] for h in s.history()} == {"analyste"}
    assert s.get("persons", "PER-1")["token"]  # the store gives a participant token


def test_example_imports_into_empty_workshop_same_as_demo(tmp_path: Path, empty_workshop: Workshop,
                                                          demo_workshop: Workshop) -> None:
    import_workbook(write_example(tmp_path / "exemple.xlsx"), empty_workshop.store, by="test")
    for kind, frame in demo_workshop.store.frames().items():
        got = empty_workshop.store.frame(kind)
        assert got.drop(columns=["token"], errors="ignore").equals(frame.drop(columns=["token"], errors="ignore")), kind


# --- file and structure --------------------------------------------------------------

def test_not_a_workbook(tmp_path: Path, empty_workshop: Workshop) -> None:
    path = tmp_path / "faux.xlsx"
    path.write_text("nom;catégorie\nMairie;élu\n", encoding="utf-8")
    (p,) = refused(path, empty_workshop)
    assert p.field == "Fichier" and p.value == "faux.xlsx" and "classeur Excel .xlsx" in p.expected


def test_csv_file_refused(tmp_path: Path, empty_workshop: Workshop) -> None:
    path = tmp_path / "acteurs.csv"
    path.write_text("a,b\n", encoding="utf-8")
    (p,) = refused(path, empty_workshop)
    assert "classeur Excel" in p.expected


def test_missing_file(tmp_path: Path, empty_workshop: Workshop) -> None:
    (p,) = refused(tmp_path / "absent.xlsx", empty_workshop)
    assert p.expected == "un fichier existant"


def test_missing_sheet(tmp_path: Path, empty_workshop: Workshop) -> None:
    path = tiny_book(tmp_path, lambda wb: wb.remove(wb["Cofinancements"]))
    problems = refused(path, empty_workshop)
    p = find(problems, "Cofinancements", None, None)
    assert p.field == "Feuille" and "une feuille nommée « Cofinancements »" in p.expected


def test_sheet_name_case_and_accents_tolerated(tmp_path: Path, empty_workshop: Workshop) -> None:
    def rename(wb):
        wb["Évaluations"].title = "evaluations"
    import_workbook(tiny_book(tmp_path, rename), empty_workshop.store, by="test")
    assert empty_workshop.store.count("actors") == 2


def test_missing_column(tmp_path: Path, empty_workshop: Workshop) -> None:
    path = tiny_book(tmp_path, lambda wb: wb["Acteurs"].delete_cols(3))  # Catégorie
    problems = refused(path, empty_workshop)
    p = find(problems, "Acteurs", 1, None)
    assert p.field == "Catégorie" and p.expected == "une colonne « Catégorie » en ligne 1"
    # reported once, not once per row
    assert sum(1 for q in problems if q.field == "Catégorie") == 1


def test_extra_column(tmp_path: Path, empty_workshop: Workshop) -> None:
    def add(wb):
        ws = wb["Acteurs"]
        ws["J1"], ws["J2"] = "Notes perso", "à rappeler"
    problems = refused(tiny_book(tmp_path, add), empty_workshop)
    p = find(problems, "Acteurs", 1, "J")
    assert p.value == "Notes perso" and "uniquement les colonnes du gabarit" in p.expected
    assert len(problems) == 1


def test_duplicate_column(tmp_path: Path, empty_workshop: Workshop) -> None:
    def add(wb):
        ws = wb["Axes"]
        ws["D1"], ws["D2"] = "nom", "Commerce bis"
    (p,) = refused(tiny_book(tmp_path, add), empty_workshop)
    assert (p.sheet, p.row, p.column, p.field) == ("Axes", 1, "D", "Nom")
    assert p.expected == "une seule colonne « Nom »"


def test_columns_in_another_order_and_headers_with_spaces_accepted(tmp_path: Path, empty_workshop: Workshop) -> None:
    def shuffle(wb):
        ws = wb["Acteurs"]
        for row in ws.iter_rows(min_row=1, max_row=3):
            row[1].value, row[2].value = row[2].value, row[1].value  # swap Nom and Catégorie
        ws["B1"] = "  catégorie "
    import_workbook(tiny_book(tmp_path, shuffle), empty_workshop.store, by="test")
    assert empty_workshop.store.get("actors", "ACT-2")["name"] == "Région"


def test_data_in_a_column_without_header(tmp_path: Path, empty_workshop: Workshop) -> None:
    problems = refused(tiny_book(tmp_path, lambda wb: wb["Acteurs"].cell(row=3, column=12, value="x")), empty_workshop)
    p = find(problems, "Acteurs", 3, "L")
    assert "un en-tête en ligne 1" in p.expected


# --- values ----------------------------------------------------------------------------

def test_wrong_type(tmp_path: Path, empty_workshop: Workshop) -> None:
    problems = refused(tiny_book(tmp_path, lambda wb: wb["Acteurs"].cell(row=2, column=4, value="beaucoup")),
                       empty_workshop)
    (p,) = problems
    assert (p.sheet, p.row, p.column, p.field, p.value) == ("Acteurs", 2, "D", "Pouvoir (influence)", "beaucoup")
    assert p.expected == "un nombre entier entre 0 et 4"


def test_out_of_range(tmp_path: Path, empty_workshop: Workshop) -> None:
    def edit(wb):
        wb["Personnes"]["F2"] = 30  # Capacité (jours/mois), 0 to 23
        wb["Tâches"]["D2"] = -2  # Charge (jours) ≥ 0
    problems = refused(tiny_book(tmp_path, edit), empty_workshop)
    assert find(problems, "Personnes", 2, "F").expected == "un nombre entre 0 et 23"
    assert find(problems, "Tâches", 2, "D").value == -2


def test_unknown_choice_value(tmp_path: Path, empty_workshop: Workshop) -> None:
    problems = refused(tiny_book(tmp_path, lambda wb: wb["RACI"].cell(row=2, column=4, value="X")), empty_workshop)
    p = find(problems, "RACI", 2, "D")
    assert p.field == "Lettre" and p.expected == "une des valeurs : R, A, C, I"


def test_empty_required_cell(tmp_path: Path, empty_workshop: Workshop) -> None:
    def edit(wb):
        wb["Acteurs"]["B3"] = None
    problems = refused(tiny_book(tmp_path, edit), empty_workshop)
    (p,) = problems
    assert (p.sheet, p.row, p.column, p.field) == ("Acteurs", 3, "B", "Nom")
    assert "obligatoire" in p.expected and p.value is None


def test_duplicate_identifiers(tmp_path: Path, empty_workshop: Workshop) -> None:
    problems = refused(tiny_book(tmp_path, lambda wb: wb["Acteurs"].cell(row=3, column=1, value="ACT-1")),
                       empty_workshop)
    p = find(problems, "Acteurs", 3, "A")
    assert p.value == "ACT-1" and p.expected == "un identifiant unique dans la feuille (déjà utilisé ligne 2)"


def test_unknown_reference(tmp_path: Path, empty_workshop: Workshop) -> None:
    def edit(wb):
        wb["Relations"]["C2"] = "ACT-99"
        wb["Acteurs"]["H2"] = "CMP-1; CMP-7"  # refs: one known, one not
    problems = refused(tiny_book(tmp_path, edit), empty_workshop)
    p = find(problems, "Relations", 2, "C")
    assert p.field == "Acteur cible" and p.value == "ACT-99"
    assert p.expected == "l'identifiant d'un acteur de la feuille « Acteurs » ou déjà dans l'atelier"
    assert find(problems, "Acteurs", 2, "H").value == "CMP-7"


def test_reference_to_record_already_in_store_accepted(tmp_path: Path, empty_workshop: Workshop) -> None:
    s = empty_workshop.store
    s.insert("actors", {"id": "ACT-9", "name": "Préfecture", "category": "État et opérateurs",
                        "power": 4, "interest": 2}, by="avant")
    records = tiny_records()
    records["relations"].append({"id": "REL-2", "source_id": "ACT-2", "target_id": "ACT-9", "type": "information"})
    import_workbook(tiny_book(tmp_path, records=records), s, by="test")
    assert s.get("relations", "REL-2")["target_id"] == "ACT-9"


def test_identifier_already_in_store_refused(tmp_path: Path, empty_workshop: Workshop) -> None:
    s = empty_workshop.store
    s.insert("actors", {"id": "ACT-2", "name": "Autre", "category": "élu", "power": 1, "interest": 1}, by="avant")
    problems = refused(tiny_book(tmp_path), empty_workshop)
    p = find(problems, "Acteurs", 3, "A")
    assert p.value == "ACT-2" and "l'import ajoute, il ne remplace pas" in p.expected
    assert s.get("actors", "ACT-2")["name"] == "Autre"


def test_second_project_refused(tmp_path: Path, empty_workshop: Workshop) -> None:
    empty_workshop.store.insert("project", {"name": "Déjà là", "territory": "T", "start_date": "2026-01-01"},
                                by="avant")
    problems = refused(tiny_book(tmp_path), empty_workshop)
    p = find(problems, "Projet", 2, "B")
    assert p.expected == "aucun projet : l'atelier en a déjà un"


def test_merged_cells(tmp_path: Path, empty_workshop: Workshop) -> None:
    problems = refused(tiny_book(tmp_path, lambda wb: wb["Acteurs"].merge_cells("C2:C3")), empty_workshop)
    (p,) = problems  # the empty cell C3 under the merge is not reported again
    assert (p.sheet, p.row, p.column, p.field, p.value) == ("Acteurs", 2, "C", "Catégorie", "C2:C3")
    assert p.expected == "des cellules non fusionnées (défusionnez C2:C3)"


def test_formula_refused_text_starting_with_equals_accepted(tmp_path: Path, empty_workshop: Workshop) -> None:
    def edit(wb):
        wb["Acteurs"]["B3"] = "=B2"  # a real formula
    problems = refused(tiny_book(tmp_path, edit), empty_workshop)
    (p,) = problems
    assert (p.sheet, p.row, p.column, p.value) == ("Acteurs", 3, "B", "=B2")
    assert "pas une formule" in p.expected


def test_error_value_refused(tmp_path: Path, empty_workshop: Workshop) -> None:
    def edit(wb):
        cell = wb["Acteurs"]["D2"]
        cell.value, cell.data_type = "#N/A", "e"
    (p,) = refused(tiny_book(tmp_path, edit), empty_workshop)
    assert (p.row, p.column, p.value) == (2, "D", "#N/A") and "erreur de formule" in p.expected


def test_dates_and_months_written_as_text(tmp_path: Path, empty_workshop: Workshop) -> None:
    def edit(wb):
        wb["Projet"]["E2"] = "15/09/2026"  # Date de début, typed as text
        wb["Tâches"]["E2"] = "09/2026"
        wb["Tâches"]["F2"] = dt.datetime(2026, 12, 1)  # a month given as an Excel date
    import_workbook(tiny_book(tmp_path, edit), empty_workshop.store, by="test")
    s = empty_workshop.store
    assert s.project()["start_date"] == dt.date(2026, 9, 15)
    task = s.get("tasks", "TAC-1")
    assert (task["start_month"], task["end_month"]) == ("2026-09", "2026-12")


def test_bad_date_text_named(tmp_path: Path, empty_workshop: Workshop) -> None:
    (p,) = refused(tiny_book(tmp_path, lambda wb: wb["Projet"].cell(row=2, column=5, value="mi-septembre")),
                   empty_workshop)
    assert (p.sheet, p.row, p.column) == ("Projet", 2, "E") and p.expected.startswith("une date")


def test_trailing_spaces_and_case_in_list_values(tmp_path: Path, empty_workshop: Workshop) -> None:
    def edit(wb):
        ws = wb["Acteurs"]
        ws["C3"], ws["F3"], ws["G3"] = "  Cofinanceur ", "FAVORABLE", "OUI "
        wb["RACI"]["D2"] = " a"
        wb["Relations"]["C2"] = " act-2 "  # an identifier differing only by case
        wb["Personnes"]["E2"] = "Chef de Projet"
    import_workbook(tiny_book(tmp_path, edit), empty_workshop.store, by="test")
    s = empty_workshop.store
    actor = s.get("actors", "ACT-2")
    assert (actor["category"], actor["attitude"], actor["mobilised"]) == ("cofinanceur", "favorable", True)
    assert s.get("raci", "RAC-1")["letter"] == "A"
    assert s.get("relations", "REL-1")["target_id"] == "ACT-2"
    assert s.get("persons", "PER-1")["role"] == "chef de projet"


def test_numbers_as_text_and_numeric_identifiers(tmp_path: Path, empty_workshop: Workshop) -> None:
    def edit(wb):
        wb["Personnes"]["F2"] = "7,5"
        wb["Axes"]["A2"], wb["Actions"]["B2"] = 12, 12  # an integer id, referenced as an integer
    import_workbook(tiny_book(tmp_path, edit), empty_workshop.store, by="test")
    s = empty_workshop.store
    assert s.get("persons", "PER-1")["capacity_days"] == 7.5
    assert s.get("actions", "ACN-1")["axis_id"] == "12"


def test_empty_rows_skipped_and_ids_generated(tmp_path: Path, empty_workshop: Workshop) -> None:
    def edit(wb):
        ws = wb["Compétences"]
        ws["B5"], ws["C5"] = "Marchés publics", "Juridique"  # rows 3-4 empty, no id
    import_workbook(tiny_book(tmp_path, edit), empty_workshop.store, by="test")
    names = {r["name"]: r["id"] for r in empty_workshop.store.all("competences")}
    assert set(names) == {"Conduite de projet", "Marchés publics"}
    assert names["Marchés publics"].startswith("CMP-")


def test_every_problem_listed_in_sheet_order(tmp_path: Path, empty_workshop: Workshop) -> None:
    def edit(wb):
        wb["Tâches"]["F2"] = "2026-01"  # end before start
        wb["Acteurs"]["E2"] = 9
        wb["Acteurs"]["B3"] = None
        wb["RACI"]["C2"] = "PER-404"
        wb["Personnes"]["G2"] = "peut-être"
    problems = refused(tiny_book(tmp_path, edit), empty_workshop)
    where = [(p.sheet, p.row, p.column) for p in problems]
    assert where == [("Acteurs", 2, "E"), ("Acteurs", 3, "B"), ("Personnes", 2, "G"),
                     ("Tâches", 2, "F"), ("RACI", 2, "C")]
    assert problems[3].expected == "un mois de fin postérieur ou égal au mois de début"
    assert problems[2].expected == "oui ou non"


def test_read_workbook_checks_without_a_store(tmp_path: Path) -> None:
    records = read_workbook(tiny_book(tmp_path))
    assert [r["id"] for r in records["actors"]] == ["ACT-1", "ACT-2"]
    assert records["project"][0]["id"] == "PRJ"


# --- size and progress -------------------------------------------------------------------

@pytest.mark.slow
def test_ten_thousand_rows_with_progress(tmp_path: Path, empty_workshop: Workshop) -> None:
    records = tiny_records()
    records["actors"] = [{"id": f"A{i:03d}", "name": f"Acteur {i}", "category": "association",
                          "power": i % 5, "interest": (i * 3) % 5} for i in range(200)]
    records["relations"] = [{"id": f"R{i:05d}", "source_id": f"A{i % 200:03d}",
                             "target_id": f"A{(i * 7 + 1) % 200:03d}", "type": "information"}
                            for i in range(10_500) if i % 200 != (i * 7 + 1) % 200]
    records["persons"][0]["actor_id"] = "A000"
    n = len(records["relations"])
    assert n > 10_000
    path = write_records(tmp_path / "grand.xlsx", records)
    calls: list[tuple[int, int, str]] = []
    start = time.process_time()  # CPU time: the machine running the tests may be shared
    counts = import_workbook(path, empty_workshop.store, by="test", progress=lambda *a: calls.append(a))
    elapsed = time.process_time() - start
    assert counts["relations"] == n and empty_workshop.store.count("relations") == n
    reads = [c for c in calls if c[2].startswith("Lecture")]
    assert len(reads) >= 10 and [c[0] for c in reads] == sorted(c[0] for c in reads)
    assert any(c[2].startswith("Enregistrement") for c in calls)
    assert elapsed < 30


def test_large_workbook_with_one_bad_row_changes_nothing(tmp_path: Path, empty_workshop: Workshop) -> None:
    records = tiny_records()
    records["competences"] += [{"id": f"C{i:05d}", "name": f"Compétence {i}", "family": "F"} for i in range(3000)]
    path = write_records(tmp_path / "grand.xlsx", records)
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb["Compétences"]["C2999"] = None
    wb.save(path)
    (p,) = refused(path, empty_workshop)
    assert (p.sheet, p.row, p.column, p.field) == ("Compétences", 2999, "C", "Famille")


# --- command line ---------------------------------------------------------------------------

def test_cli_import_ok(tmp_path: Path, empty_workshop: Workshop, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["importer", str(tiny_book(tmp_path)), "--atelier", str(empty_workshop.folder)])
    out = capsys.readouterr()
    assert code == 0 and "Import terminé : 10 enregistrements" in out.out
    assert empty_workshop.store.count("raci") == 1


def test_cli_import_refused_lists_problems_without_traceback(tmp_path: Path, empty_workshop: Workshop,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    def edit(wb):
        wb["Acteurs"]["D2"] = "beaucoup"
        wb["Relations"]["C2"] = "ACT-99"
    code = main(["importer", str(tiny_book(tmp_path, edit)), "--atelier", str(empty_workshop.folder)])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err
    assert "Import refusé : rien n'a été enregistré dans l'atelier. (2 problèmes)" in err
    assert "feuille « Acteurs », ligne 2, colonne D, champ « Pouvoir (influence) » : valeur 'beaucoup'" in err
    assert "feuille « Relations », ligne 2, colonne C" in err
    assert empty_workshop.store.count("actors") == 0


def test_cli_import_many_problems_shortened(tmp_path: Path, empty_workshop: Workshop,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    records = tiny_records()
    records["competences"] += [{"id": f"C{i}", "name": f"C {i}", "family": "F"} for i in range(30)]
    path = write_records(tmp_path / "x.xlsx", records)
    from openpyxl import load_workbook

    wb = load_workbook(path)
    for row in range(3, 33):
        wb["Compétences"].cell(row=row, column=3).value = None
    wb.save(path)
    code = main(["importer", str(path), "--atelier", str(empty_workshop.folder), "--limite", "5"])
    err = capsys.readouterr().err
    assert code == 2 and "(30 problèmes)" in err and "… et 25 autres problèmes" in err


def test_cli_import_not_a_workbook(tmp_path: Path, empty_workshop: Workshop, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"PK\x03\x04 pas vraiment un zip")
    assert main(["importer", str(path), "--atelier", str(empty_workshop.folder)]) == 2
    assert "champ « Fichier » : valeur 'x.xlsx' — attendu : un classeur Excel .xlsx" in capsys.readouterr().err


def test_demo_into_demo_refused_entirely(tmp_path: Path, demo_workshop: Workshop) -> None:
    problems = refused(write_example(tmp_path / "exemple.xlsx"), demo_workshop)
    assert len(problems) > 700  # every id of every sheet already exists
    assert problems[0].sheet == "Projet"


def test_store_unchanged_when_build_demo_then_import_of_small_additions(tmp_path: Path, empty_workshop: Workshop) -> None:
    build_demo(empty_workshop.store)
    records = {k: [] for k in tiny_records()}
    records["relations"] = [{"id": "REL-900", "source_id": "ACT-26", "target_id": "ACT-33", "type": "coopération"}]
    counts = import_workbook(write_records(tmp_path / "ajout.xlsx", records), empty_workshop.store, by="test")
    assert counts["relations"] == 1
    assert empty_workshop.store.get("relations", "REL-900")["source_id"] == "ACT-26"


# --- one transaction, on both backends ------------------------------------------------------

def test_import_on_each_backend(tmp_path: Path, store_workshop: Workshop) -> None:
    counts = import_workbook(tiny_book(tmp_path), store_workshop.store, by="test")
    assert counts["raci"] == 1 and store_workshop.store.count("actors") == 2
    problems = refused(tiny_book(tmp_path, name="encore.xlsx"), store_workshop)  # every id taken now
    assert all("l'import ajoute" in p.expected or "déjà un" in p.expected for p in problems)


def test_failure_inside_the_transaction_rolls_everything_back(tmp_path: Path, store_workshop: Workshop,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Checks pass, then the store refuses the last kind (a record added meanwhile): nothing stays."""
    store = store_workshop.store
    real = store.insert_many

    def insert_many(kind, records, by, conn=None, pending=None, **options):
        ids = real(kind, records, by=by, conn=conn, pending=pending, **options)
        if kind == "raci":
            raise ValidationError([Problem("Identifiant", "RAC-1", "un identifiant qui n'existe pas déjà")])
        return ids

    monkeypatch.setattr(store, "insert_many", insert_many)
    problems = refused(tiny_book(tmp_path), store_workshop)
    assert problems[0].sheet == "RACI" and problems[0].value == "RAC-1"
    assert all(store.count(k) == 0 for k in ("project", "actors", "tasks", "raci"))


def _with_cell_xml(path: Path, sheet_part: str, ref: str, cell_xml: str) -> Path:
    """The workbook with cell ``ref`` of a sheet's XML replaced by ``cell_xml`` (as another
    program would write it: a formula with its cached value, an error value)."""
    import re
    import zipfile

    out = path.with_name("modifie.xlsx")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == sheet_part:
                text, n = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', cell_xml, data.decode("utf-8"), count=1)
                assert n == 1
                data = text.encode("utf-8")
            dst.writestr(item, data)
    return out


def _sheet_part(path: Path, title: str) -> str:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)  # the templates' sheets are sheet1.xml, sheet2.xml… in order
    names = wb.sheetnames
    wb.close()
    return f"xl/worksheets/sheet{names.index(title) + 1}.xml"


def test_formula_with_a_cached_value_refused(tmp_path: Path, empty_workshop: Workshop) -> None:
    # Excel and LibreOffice store a formula's last value beside it: the fast reader sees only
    # that value, so the sheet's XML is searched for the formula itself.
    book = tiny_book(tmp_path)
    path = _with_cell_xml(book, _sheet_part(book, "Acteurs"), "B3", '<c r="B3" t="str"><f>B2</f><v>Mairie</v></c>')
    (p,) = refused(path, empty_workshop)
    assert (p.sheet, p.row, p.column, p.value) == ("Acteurs", 3, "B", "=B2") and "pas une formule" in p.expected
    assert empty_workshop.store.count("actors") == 0


def test_error_cell_written_by_another_program_refused(tmp_path: Path, empty_workshop: Workshop) -> None:
    book = tiny_book(tmp_path)
    path = _with_cell_xml(book, _sheet_part(book, "Acteurs"), "E2", '<c r="E2" t="e"><v>#DIV/0!</v></c>')
    (p,) = refused(path, empty_workshop)
    assert (p.row, p.column, p.value) == (2, "E", "#DIV/0!") and "erreur de formule" in p.expected


# --- issue 18: civility as typed, messages in French -------------------------------------

def test_civility_accepted_as_consultants_type_it(tmp_path: Path, empty_workshop: Workshop) -> None:
    records = tiny_records()
    base = records["persons"][0]
    typed = {"PER-1": "Mme", "PER-2": "M.", "PER-3": "madame", "PER-4": "MONSIEUR", "PER-5": None}
    records["persons"] = [{**base, "id": pid, "name": f"Personne {pid}"} for pid in typed]

    def edit(wb):  # typed in the cells, as a consultant does
        sheet = wb["Personnes"]
        column = next(c.column for c in sheet[1] if c.value == "Civilité")
        for row in range(2, 7):
            sheet.cell(row=row, column=column, value=typed[sheet.cell(row=row, column=1).value])
    import_workbook(tiny_book(tmp_path, edit, records=records), empty_workshop.store, by="test")
    stored = {pid: empty_workshop.store.get("persons", pid)["civility"] for pid in typed}
    assert stored == {"PER-1": "Madame", "PER-2": "Monsieur", "PER-3": "Madame", "PER-4": "Monsieur", "PER-5": None}


def test_unknown_civility_refused_in_french(tmp_path: Path, empty_workshop: Workshop) -> None:
    def edit(wb):
        sheet = wb["Personnes"]
        column = next(c.column for c in sheet[1] if c.value == "Civilité")
        sheet.cell(row=2, column=column, value="Docteur")
    (p,) = refused(tiny_book(tmp_path, edit), empty_workshop)
    assert (p.sheet, p.field, p.value) == ("Personnes", "Civilité", "Docteur")
    assert p.expected == "une des valeurs : Madame, Monsieur"


def test_import_messages_read_as_french(tmp_path: Path, empty_workshop: Workshop) -> None:
    from french_checks import machine_french

    def edit(wb):
        wb["Acteurs"]["D2"] = "beaucoup"        # a number expected
        wb["Relations"]["C2"] = "ACT-99"        # an actor that does not exist
        wb["Personnes"]["F2"] = 30              # out of range
        wb["RACI"]["B2"] = "TAC-404"            # a task that does not exist
        wb["RACI"]["C2"] = "PER-404"            # a person that does not exist
        wb["Actions"]["B2"] = "AX-404"          # an axis that does not exist
        wb["Tâches"]["D2"] = "deux jours"       # a number expected
    problems = refused(tiny_book(tmp_path, edit), empty_workshop)
    assert len(problems) >= 6
    for problem in problems:
        assert not machine_french(str(problem)), (str(problem), machine_french(str(problem)))
    said = "\n".join(str(p) for p in problems)
    assert "d'une personne" in said and "d'une tâche" in said and "d'un acteur" in said
    assert "un nombre entre 0 et 10\u202f000" in said and "un nombre entre 0 et 23" in said
