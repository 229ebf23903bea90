"""The deliverable: cover, sections, formatting, text safety, pseudonyms, round trip, LibreOffice."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from excel_helpers import tiny_book
from toolkit.core import model
from toolkit.cli import main
from toolkit.excel.export import Chart, Hints, Section
from toolkit.method import export_workbook
from toolkit.excel.importer import import_workbook
from toolkit.core.workshop import Workshop

REPO = Path(__file__).resolve().parent.parent
HOSTILE = '=HYPERLINK("http://x","y")'


def _hostile(store) -> None:
    """A person, an actor and a journal entry whose texts look like formulas."""
    store.update("persons", "PER-02", {"name": HOSTILE}, by="test")
    store.update("actors", "ACT-42", {"name": "+33 6 12 34 56 78", "comment": "@SOMME(A1:A9)"}, by="test")
    store.update("journal", "JRN-001", {"text": "-1 boutique ; =1+1"}, by="test")
    store.update("competences", "CMP-01", {"description": "#N/A"}, by="test")


def _rows(path: Path, sheet: str) -> list[tuple]:
    return list(load_workbook(path, read_only=True)[sheet].iter_rows(values_only=True))


# --- cover and structure -----------------------------------------------------------------

def test_cover_first_with_project_date_and_linked_contents(tmp_path: Path, demo_workshop: Workshop) -> None:
    path = export_workbook(demo_workshop.store, tmp_path / "r.xlsx", today=dt.date(2026, 11, 23))
    wb = load_workbook(path)
    assert wb.sheetnames[0] == "Page de garde"
    assert wb.sheetnames[-1] == "Listes" and wb["Listes"].sheet_state == "hidden"
    cover = wb["Page de garde"]
    rows = list(cover.iter_rows())
    contents_at = next(i for i, r in enumerate(rows) if r[0].value == "Sommaire")
    facts = {r[0].value: r[1].value for r in rows[:contents_at] if r[0].value and len(r) > 1}
    assert facts["Projet"].startswith("Montaurel 2030")
    assert facts["Date de l'export"] == "23 novembre 2026"  # written, as a consultant dates a document
    assert facts["Début et horizon"] == "1er septembre 2026 — 12 mois"  # written, as the export date
    links = {c.value: c.hyperlink.location for row in cover.iter_rows() for c in row if c.hyperlink}
    for k in model.KIND_ORDER:
        label = model.KINDS[k].label
        assert label in wb.sheetnames
        assert links[label] == f"'{label}'!A1"
    counts = {r[0].value: r[2].value for r in cover.iter_rows() if r[0].hyperlink}
    assert counts["Acteurs"] == 51 and counts["RACI"] == 259


def test_data_sheets_filtered_frozen_and_set_for_printing(tmp_path: Path, demo_workshop: Workshop) -> None:
    wb = load_workbook(export_workbook(demo_workshop.store, tmp_path / "r.xlsx"))
    ws = wb["Acteurs"]
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == "A1:I52"
    # A readable scale rather than « one page wide » (which shrank the text below 8 pt):
    # the sheet goes on over the next pages, its identifier column repeated.
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.scale >= 73
    assert not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"


def test_no_participant_token_in_the_export(tmp_path: Path, demo_workshop: Workshop) -> None:
    path = export_workbook(demo_workshop.store, tmp_path / "r.xlsx")
    tokens = {p["token"] for p in demo_workshop.store.all("persons")}
    cells = {c for ws in load_workbook(path, read_only=True).worksheets for r in ws.iter_rows(values_only=True) for c in r}
    assert not tokens & cells


# --- user text is never a formula -------------------------------------------------------------

def test_text_starting_with_formula_characters_stays_text(tmp_path: Path, demo_workshop: Workshop) -> None:
    _hostile(demo_workshop.store)
    wb = load_workbook(export_workbook(demo_workshop.store, tmp_path / "r.xlsx"))
    name = wb["Personnes"]["B3"]
    assert name.value == HOSTILE and name.data_type == "s" and name.quotePrefix
    actor = next(r for r in wb["Acteurs"].iter_rows(min_row=2) if r[0].value == "ACT-42")
    assert (actor[1].value, actor[1].data_type) == ("+33 6 12 34 56 78", "s")
    assert (actor[8].value, actor[8].data_type) == ("@SOMME(A1:A9)", "s")
    assert wb["Journal des actions"]["E2"].data_type == "s"
    assert (wb["Compétences"]["D2"].value, wb["Compétences"]["D2"].data_type) == ("#N/A", "s")
    formulas = [c.coordinate for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_hostile_name_comes_back_as_text_through_import(tmp_path: Path, demo_workshop: Workshop,
                                                        empty_workshop: Workshop) -> None:
    _hostile(demo_workshop.store)
    import_workbook(export_workbook(demo_workshop.store, tmp_path / "r.xlsx"), empty_workshop.store, by="test")
    assert empty_workshop.store.get("persons", "PER-02")["name"] == HOSTILE
    assert empty_workshop.store.get("actors", "ACT-42")["comment"] == "@SOMME(A1:A9)"


# --- pseudonyms --------------------------------------------------------------------------------

def test_pseudonymised_export_hides_every_person_name(tmp_path: Path, demo_workshop: Workshop) -> None:
    names = {p["name"] for p in demo_workshop.store.all("persons")}
    path = export_workbook(demo_workshop.store, tmp_path / "r.xlsx", pseudonymise=True)
    text = [str(c) for ws in load_workbook(path, read_only=True).worksheets
            for r in ws.iter_rows(values_only=True) for c in r if c is not None]
    assert not [t for t in text if any(n in t for n in names)]
    persons = _rows(path, "Personnes")
    assert persons[1][:2] == ("PER-01", "Personne 1") and persons[30][:2] == ("PER-30", "Personne 30")
    assert any("pseudonymes" in t for t in text)


def test_pseudonyms_are_stable_between_exports(tmp_path: Path, demo_workshop: Workshop) -> None:
    a = _rows(export_workbook(demo_workshop.store, tmp_path / "a.xlsx", pseudonymise=True), "Personnes")
    demo_workshop.store.insert("persons", {"id": "PER-31", "name": "Nouvelle", "organisation": "X",
                                           "role": "agent"}, by="test")
    b = _rows(export_workbook(demo_workshop.store, tmp_path / "b.xlsx", pseudonymise=True), "Personnes")
    assert a[1:] == b[1:31]


def test_section_output_pseudonymised_too(tmp_path: Path, demo_workshop: Workshop) -> None:
    """A section that reads real names from the store directly is caught by the safety net."""
    def names_from_store(ctx):
        persons = ctx.store.frame("persons")  # not the pseudonymised frames
        return persons[["name", "capacity_days"]].set_index("name").T

    section = Section("noms", "Noms", "Des noms lus dans le magasin.", names_from_store, Hints(index=True))
    path = export_workbook(demo_workshop.store, tmp_path / "r.xlsx", pseudonymise=True, sections=[section])
    header = _rows(path, "Noms")[3]
    assert "Personne 2" in header and "Léa Fradin" not in header


def test_names_in_text_columns_pseudonymised(tmp_path: Path, demo_workshop: Workshop) -> None:
    def names_in_a_column(ctx):
        persons = ctx.store.frame("persons")  # real names, in a text column
        return pd.DataFrame({"Qui": persons["name"].astype("string"), "Rôle": persons["role"]})

    section = Section("noms", "Noms", "Des noms en colonne.", names_in_a_column)
    rows = _rows(export_workbook(demo_workshop.store, tmp_path / "r.xlsx", pseudonymise=True, sections=[section]),
                 "Noms")
    assert rows[4][0] == "Personne 1" and rows[5][0] == "Personne 2"


# --- the section machinery ------------------------------------------------------------------

def _load_table(ctx) -> pd.DataFrame:
    return pd.DataFrame({
        "Personne": ["Alice", "Bruno", "Chloé"],
        "Capacité": [10.0, 4.0, 2.0],
        "2026-09": [8.0, 5.0, 1.0],
        "2026-10": [12.0, 3.0, 2.5],
        "Surcharge": [True, True, True],
        "Niveau": [1, 3, 4],
    })


SECTION = Section(
    "charge", "Plan de charge", "Jours par personne et par mois.", _load_table,
    Hints(heatmap=("Niveau",), flag="Surcharge", limit=((), "Capacité"), formats={"Capacité": "0.0"},
          chart=Chart("bar", "Charge par mois", x="Personne", y=("2026-09", "2026-10"))),
)


def test_section_sheet_formatted(tmp_path: Path, demo_workshop: Workshop) -> None:
    path = export_workbook(demo_workshop.store, tmp_path / "r.xlsx", sections=[SECTION])
    wb = load_workbook(path)
    assert wb.sheetnames[:2] == ["Page de garde", "Plan de charge"]
    ws = wb["Plan de charge"]
    assert ws["A1"].value == "Plan de charge" and ws["A2"].value == "Jours par personne et par mois."
    assert ws["A3"].hyperlink.location == "'Page de garde'!A1"
    assert [c.value for c in ws[4]] == ["Personne", "Capacité", "2026-09", "2026-10", "Surcharge", "Niveau"]
    assert ws.freeze_panes == "B5" and ws.auto_filter.ref == "A4:F7"
    assert ws.print_title_rows == "$4:$4" and ws.page_setup.orientation == "landscape"
    assert ws["B5"].number_format == "0.0"
    rules = {(str(r.sqref), rule.type, tuple(rule.formula or ())) for r in ws.conditional_formatting for rule in r.rules}
    assert ("F5:F7", "colorScale", ()) in rules
    assert ("A5:F7", "expression", ('OR($E5=TRUE,$E5="oui")',)) in rules
    assert ("C5:C7", "expression", ("AND(ISNUMBER(C5),C5>$B5)",)) in rules
    assert ("D5:D7", "expression", ("AND(ISNUMBER(D5),D5>$B5)",)) in rules
    assert len(ws._charts) == 1
    linked = [r[0].value for r in wb["Page de garde"].iter_rows() if r[0].hyperlink]
    assert linked[:2] == ["Plan de charge", "Projet"]


def test_unavailable_section_left_out(tmp_path: Path, demo_workshop: Workshop) -> None:
    absent = Section("absent", "Absente", "Module pas encore là.", lambda ctx: None)
    wb = load_workbook(export_workbook(demo_workshop.store, tmp_path / "r.xlsx", sections=[absent, SECTION]),
                       read_only=True)
    assert "Absente" not in wb.sheetnames and "Plan de charge" in wb.sheetnames


def test_refusing_analysis_gets_a_sheet_saying_why(tmp_path: Path, demo_workshop: Workshop) -> None:
    from toolkit.core.errors import MaillageError

    def refuses(ctx):
        raise MaillageError("Tableau « Évaluations » : colonnes manquantes.")

    section = Section("refus", "Refus", "Une analyse qui refuse.", refuses)
    rows = _rows(export_workbook(demo_workshop.store, tmp_path / "r.xlsx", sections=[section, SECTION]), "Refus")
    assert rows[3] == ("Analyse indisponible pour cet atelier",)
    assert rows[4] == ("Tableau « Évaluations » : colonnes manquantes.",)


def test_duplicate_section_titles_refused(tmp_path: Path, demo_workshop: Workshop) -> None:
    with pytest.raises(ValueError, match="double"):
        export_workbook(demo_workshop.store, tmp_path / "r.xlsx", sections=[SECTION, SECTION])


def test_section_titles_checked() -> None:
    with pytest.raises(ValueError, match="trop long"):
        Section("x", "Un titre de feuille beaucoup trop long pour Excel", "", lambda ctx: None)
    with pytest.raises(ValueError, match="déjà pris"):
        Section("x", "RACI", "", lambda ctx: None)


# --- round trip ----------------------------------------------------------------------------------

def test_round_trip_export_then_import_gives_same_records(tmp_path: Path, demo_workshop: Workshop,
                                                          empty_workshop: Workshop) -> None:
    s = demo_workshop.store
    s.insert("scenarios", {"id": "SCN-1", "name": "Sans FEDER",
                           "changes": [{"kind": "fundings", "id": "FIN-01", "amount": 0}]}, by="test")
    s.insert("attachments", {"id": "PJ-1", "action_id": "ACN-01", "filename": "bail.pdf",
                             "path": "pieces_jointes/bail.pdf", "size": 1234, "author": "PER-02"}, by="test")
    path = export_workbook(s, tmp_path / "r.xlsx", sections=[SECTION])
    counts = import_workbook(path, empty_workshop.store, by="test")
    assert counts["raci"] == 259
    for kind in model.KIND_ORDER:
        want = s.frame(kind).drop(columns=["token"], errors="ignore")
        got = empty_workshop.store.frame(kind).drop(columns=["token"], errors="ignore")
        pd.testing.assert_frame_equal(got, want, check_dtype=False, obj=kind)


def test_round_trip_of_the_tiny_workshop(tmp_path: Path, empty_workshop: Workshop) -> None:
    first = Workshop.create(tmp_path / "premier")
    import_workbook(tiny_book(tmp_path), first.store, by="test")
    import_workbook(export_workbook(first.store, tmp_path / "r.xlsx"), empty_workshop.store, by="test")
    for kind in model.KIND_ORDER:
        assert empty_workshop.store.frame(kind).drop(columns=["token"], errors="ignore").equals(
            first.store.frame(kind).drop(columns=["token"], errors="ignore")), kind
    first.close()


# --- command line -------------------------------------------------------------------------------

def test_cli_export_default_path(demo_workshop: Workshop, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["exporter", "--atelier", str(demo_workshop.folder), "--pseudonymiser"]) == 0
    files = list((demo_workshop.folder / "exports").glob("restitution_*_pseudonymise.xlsx"))
    assert len(files) == 1
    assert "Classeur de restitution écrit" in capsys.readouterr().out


def test_cli_export_to_file(tmp_path: Path, demo_workshop: Workshop) -> None:
    out = tmp_path / "livrable.xlsx"
    assert main(["exporter", "--atelier", str(demo_workshop.folder), "--sortie", str(out)]) == 0
    assert load_workbook(out, read_only=True).sheetnames[0] == "Page de garde"


# --- LibreOffice ----------------------------------------------------------------------------------

def _soffice() -> str:
    """LibreOffice's command, installed by scripts/system-deps.sh when missing."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        subprocess.run(["bash", str(REPO / "scripts" / "system-deps.sh")], check=False, timeout=900)
        found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        pytest.fail("LibreOffice introuvable : lancez bash scripts/system-deps.sh (paquets libreoffice-calc-nogui)")
    return found


def _convert(source: Path, target: str, outdir: Path, profile: Path) -> subprocess.CompletedProcess:
    # A private profile: several conversions (and other engineers' runs) never share a lock.
    return subprocess.run(
        [_soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", target, "--outdir", str(outdir), str(source)],
        capture_output=True, text=True, timeout=240, env={**os.environ, "HOME": str(profile)})


@pytest.mark.slow
def test_libreoffice_converts_the_export_to_pdf(tmp_path: Path, demo_workshop: Workshop) -> None:
    _hostile(demo_workshop.store)
    path = export_workbook(demo_workshop.store, tmp_path / "restitution.xlsx")  # the real deliverable
    done = _convert(path, "pdf", tmp_path / "pdf", tmp_path / "lo-profile")
    assert done.returncode == 0, done.stderr
    pdf = tmp_path / "pdf" / "restitution.pdf"
    assert pdf.exists() and pdf.stat().st_size > 10_000
    assert pdf.read_bytes()[:5] == b"%PDF-"


@pytest.mark.slow
def test_libreoffice_reads_the_hostile_name_as_text(tmp_path: Path, demo_workshop: Workshop) -> None:
    _hostile(demo_workshop.store)
    path = export_workbook(demo_workshop.store, tmp_path / "r.xlsx")
    sheet = load_workbook(path, read_only=True).sheetnames.index("Personnes") + 1
    # CSV of that sheet: a formula would show its result ("y"), text shows itself.
    done = _convert(path, f"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,{sheet}",
                    tmp_path / "csv", tmp_path / "lo-profile")
    assert done.returncode == 0, done.stderr
    (csv,) = (tmp_path / "csv").glob("*.csv")
    text = csv.read_text(encoding="utf-8")
    assert 'PER-02,"=HYPERLINK(""http://x"",""y"")"' in text


# --- the analyses of the demo workshop -------------------------------------------------------

@pytest.fixture(scope="module")
def demo_export(_demo_template: Path, tmp_path_factory: pytest.TempPathFactory):
    """The demo's deliverable, written once for the tests below (they only read it)."""
    ws = Workshop.open(_demo_template)
    path = export_workbook(ws.store, tmp_path_factory.mktemp("export") / "restitution.xlsx")
    ws.close()
    return load_workbook(path)


def _rules(ws) -> set[tuple[str, str, tuple]]:
    return {(str(r.sqref), rule.type, tuple(rule.formula or ())) for r in ws.conditional_formatting for rule in r.rules}


def _column(ws, header: str, row: int = 4) -> str:
    return next(c.column_letter for c in ws[row] if c.value == header)


def test_analysis_sheets_between_cover_and_data(demo_export) -> None:
    names = demo_export.sheetnames
    analyses = names[1:names.index("Projet")]
    assert analyses[:2] == ["Grille pouvoir-intérêt", "Stratégies par quadrant"]  # step 2 first
    steps = ["Indicateurs du réseau", "Matrice savoir agir", "Matrice RACI", "Plan de charge", "Remèdes",
             "Calendrier des réunions", "Fiches actions"]
    assert [analyses.index(t) for t in steps] == sorted(analyses.index(t) for t in steps)  # the method's order
    for title in ("Contrôles RACI", "Synthèse des contrôles RACI", "Propositions RACI", "Mois à risque",
                  "Surcharges", "Capacité inutilisée", "Staffing des actions", "Écarts de compétences",
                  "Instances de gouvernance", "Composition des instances", "Consommation budgétaire"):
        assert title in analyses
    assert "Scénarios comparés" not in analyses  # the demo stores no scenario
    linked = [r[0].value for r in demo_export["Page de garde"].iter_rows() if r[0].hyperlink]
    assert linked == names[1:-1]


def test_raci_matrix_shows_the_two_a_task_in_red(demo_export) -> None:
    ws = demo_export["Matrice RACI"]
    col = _column(ws, "Contrôles")
    row = next(r for r in ws.iter_rows(min_row=5) if r[0].value == "TAC-023")
    assert "Plusieurs A" in row[ws[f"{col}1"].column - 1].value
    last = ws.max_row
    assert (f"A5:{ws.cell(row=4, column=ws.max_column).column_letter}{last}", "expression",
            (f"AND(LEN(${col}5)>0,${col}5<>0)",)) in _rules(ws)
    letters = {c.value for c in row[3:]}
    assert "A" in letters


def test_plan_de_charge_highlights_the_overloaded_person(demo_export) -> None:
    ws = demo_export["Plan de charge"]
    cap, nov = _column(ws, "Capacité (jours)"), _column(ws, "2026-11")
    row = next(r for r in ws.iter_rows(min_row=5) if r[0].value == "PER-02")
    by_col = {c.column_letter: c.value for c in row}
    assert by_col[nov] > by_col[cap] == 15
    assert (f"{nov}5:{nov}{ws.max_row}", "expression", (f"AND(ISNUMBER({nov}5),{nov}5>${cap}5)",)) in _rules(ws)


def test_competence_matrix_is_a_heat_map(demo_export) -> None:
    ws = demo_export["Matrice savoir agir"]
    scales = [r for r in ws.conditional_formatting for rule in r.rules if rule.type == "colorScale"]
    assert len(scales) == ws.max_column - 1  # every competence column, not the names
    rule = scales[0].rules[0]
    assert [v.val for v in rule.colorScale.cfvo] == [0.0, 2.0, 4.0]


def test_months_at_risk_charted_and_marked(demo_export) -> None:
    ws = demo_export["Mois à risque"]
    assert len(ws._charts) == 1
    risk = _column(ws, "Mois à risque")
    assert any(f'${risk}5="oui"' in f for _, _, fs in _rules(ws) for f in fs)
    months = {r[0].value: r for r in ws.iter_rows(min_row=5)}
    assert months["2026-11"][ws[f"{risk}1"].column - 1].value == "oui"


def test_rates_stay_numbers_shown_as_percent(demo_export) -> None:
    ws = demo_export["Staffing des actions"]
    col = _column(ws, "Taux de staffing")
    cell = ws[f"{col}5"]
    assert isinstance(cell.value, float) and 0 <= cell.value <= 1 and cell.number_format == "0 %"


def test_stakeholders_flag_the_influential_opponent_isolated_and_broker(demo_export) -> None:
    ws = demo_export["Attitude et pouvoir"]
    finding = _column(ws, "Constat")
    rows = {r[0].value: r for r in ws.iter_rows(min_row=5)}
    assert rows["ACT-42"][ws[f"{finding}1"].column - 1].value == "Opposant influent"
    assert any('="Opposant influent"' in f for _, _, fs in _rules(ws) for f in fs)
    metrics = demo_export["Indicateurs du réseau"]
    by_id = {r[0].value: {metrics.cell(row=4, column=c.column).value: c.value for c in r}
             for r in metrics.iter_rows(min_row=5)}
    assert by_id["ACT-26"]["Isolé"] == "oui" and by_id["ACT-33"]["Passeur"] == "oui"
    assert "ACT-33" in [r[0].value for r in demo_export["Passeurs"].iter_rows(min_row=5)]


def test_gaps_and_remedies(demo_export) -> None:
    gaps = [r[0].value for r in demo_export["Écarts de compétences"].iter_rows(min_row=5)]
    assert "CMP-09" in gaps and "CMP-11" in gaps
    ws = demo_export["Remèdes"]
    head = [c.value for c in ws[4]]
    rows = [dict(zip(head, (c.value for c in r))) for r in ws.iter_rows(min_row=5)]
    assert any(r["Écart (id)"] == "CMP-11" and r["Candidat (id)"] == "ACT-25" for r in rows)
    assert any(rule == "expression" and '="oui"' in f[0] for _, rule, f in _rules(ws))


def test_governance_and_action_sheets(demo_export) -> None:
    calendar = demo_export["Calendrier des réunions"]
    assert calendar["E5"].number_format == "DD/MM/YYYY" and calendar.max_row > 4 + 10
    sheets = demo_export["Fiches actions"]
    head = [c.value for c in sheets[4]]
    assert "Pilote (id)" in head and head.count("Pilote") == 1
    budget = sheets.cell(row=5, column=head.index("Budget prévu (€)") + 1)
    assert budget.value == 45000 and "€" in budget.number_format
