"""The workbook a firm hands over: cover, running header and footer, readable print scale,
charts on their own rows with visible axes, the 2×2 grid, whole words in headers, and a
pseudonymised version nobody can be re-identified from."""
from __future__ import annotations

import datetime as dt
import html
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from toolkit.method import export_workbook
from toolkit.core.workshop import Workshop

DAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def handed(_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's deliverable (read only by the tests below)."""
    ws = Workshop.open(_demo_template)
    path = export_workbook(ws.store, tmp_path_factory.mktemp("handover") / "restitution.xlsx", today=DAY,
                           firm="Cabinet Territoires & Dialogues", version="2")
    ws.close()
    return path


@pytest.fixture(scope="module")
def book(handed: Path):
    return load_workbook(handed)


@pytest.fixture(scope="module")
def hidden(_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's pseudonymised deliverable."""
    ws = Workshop.open(_demo_template)
    path = export_workbook(ws.store, tmp_path_factory.mktemp("hidden") / "r.xlsx", pseudonymise=True, today=DAY)
    ws.close()
    return path


def _printed(book) -> list:
    return [ws for ws in book.worksheets if ws.sheet_state == "visible"]


# --- cover, header, footer ------------------------------------------------------------

def test_cover_names_client_project_firm_date_version_confidentiality(book) -> None:
    cover = book["Page de garde"]
    assert cover["A1"].value == ("Classeur de restitution — Montaurel 2030 — revitalisation du centre-bourg "
                                 "et projet alimentaire territorial")
    facts = {r[0].value: r[1].value for r in cover.iter_rows(max_row=14) if r[0].value}
    assert facts["Client"] == ("Commune de Montaurel-sur-Sèvre et Communauté de communes du Pays de Montaurel "
                               "(Deux-Sèvres)")
    assert facts["Projet"].startswith("Montaurel 2030")
    assert facts["Cabinet"] == "Cabinet Territoires & Dialogues"
    assert facts["Date de l'export"] == "1er décembre 2026"
    assert facts["Version"] == "2"
    assert facts["Confidentialité"] == "Document confidentiel — diffusion réservée au client et au cabinet"
    assert cover.row_breaks.count == 1  # the cover alone on its first page, the contents after


def _cover_facts(path: Path) -> dict:
    cover = load_workbook(path)["Page de garde"]
    return {r[0].value: r[1].value for r in cover.iter_rows(max_row=14) if r[0].value}


def test_cover_without_a_firm_asks_for_it(tmp_path: Path, demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    store.update("project", store.project()["id"], {"firm": None}, by="test")
    facts = _cover_facts(export_workbook(store, tmp_path / "r.xlsx", today=DAY))
    assert facts["Cabinet"] == "(nom du cabinet à compléter)"  # no invented name
    assert facts["Version"] == "1"


def test_cover_reads_the_handover_fields_of_the_cadrage(tmp_path: Path, demo_workshop: Workshop) -> None:
    from toolkit.demo import DEMO_FIRM

    store = demo_workshop.store
    facts = _cover_facts(export_workbook(store, tmp_path / "demo.xlsx", today=DAY))
    assert facts["Cabinet"] == DEMO_FIRM == "Cabinet Territoires & Dialogues"  # the demo's firm, from its project
    store.update("project", store.project()["id"], {
        "client": "Communauté de communes du Pays de Montaurel", "deliverable_version": "2 (définitive)",
        "confidentiality": "Diffusion limitée au comité de pilotage"}, by="test")
    path = export_workbook(store, tmp_path / "r.xlsx", today=DAY)
    facts = _cover_facts(path)
    assert facts["Client"] == "Communauté de communes du Pays de Montaurel"
    assert facts["Version"] == "2 (définitive)"
    assert facts["Confidentialité"] == "Diffusion limitée au comité de pilotage"
    book = load_workbook(path)
    assert book["Acteurs"].oddHeader.center.text == "Communauté de communes du Pays de Montaurel"
    assert book["Acteurs"].oddFooter.left.text == "Cabinet Territoires && Dialogues"
    # the export's own firm and version win over the cadrage's (a one-off copy)
    facts = _cover_facts(export_workbook(store, tmp_path / "x.xlsx", today=DAY, firm="Autre cabinet", version="3"))
    assert (facts["Cabinet"], facts["Version"]) == ("Autre cabinet", "3")
    # the pseudonymised copy keeps its own notice, whatever the cadrage says
    hidden = _cover_facts(export_workbook(store, tmp_path / "p.xlsx", today=DAY, pseudonymise=True))
    assert hidden["Confidentialité"].startswith("Version pseudonymisée")


def test_cli_export_names_the_firm_version_and_date(tmp_path: Path, demo_workshop: Workshop) -> None:
    from toolkit.cli import main

    out = tmp_path / "r.xlsx"
    assert main(["exporter", "--atelier", str(demo_workshop.folder), "--sortie", str(out),
                 "--cabinet", "Atelier Lisière & Associés", "--version", "4", "--date", "2026-12-01"]) == 0
    facts = _cover_facts(out)
    assert facts["Cabinet"] == "Atelier Lisière & Associés" and facts["Version"] == "4"
    assert facts["Date de l'export"] == "1er décembre 2026"
    assert main(["exporter", "--atelier", str(demo_workshop.folder), "--date", "2026-12-02"]) == 0
    assert (demo_workshop.folder / "exports" / "restitution_2026-12-02.xlsx").exists()


def test_every_sheet_has_header_footer_and_page_numbers(book) -> None:
    for ws in _printed(book):
        header, footer = ws.oddHeader, ws.oddFooter
        # Project and client, each cut after a whole word (the line is shared by three parts).
        assert header.left.text == "Montaurel 2030 — revitalisation du…", ws.title
        assert header.center.text == "Commune de Montaurel-sur-Sèvre et Communauté…", ws.title
        assert header.left.size == 9 and footer.center.size == 9, ws.title
        assert header.right.text == "Confidentiel", ws.title
        assert footer.center.text == "Page &P sur &N", ws.title
        assert footer.left.text == "Cabinet Territoires && Dialogues", ws.title  # « & » escaped
        assert footer.right.text == "1er décembre 2026", ws.title


def test_print_titles_repeated(book) -> None:
    assert book["Matrice RACI"].print_title_rows == "$4:$4"
    assert book["Acteurs"].print_title_rows == "$1:$1"
    # The RACI matrix is wider than a page: its task column comes back on every page.
    assert book["Matrice RACI"].print_title_cols == "$A:$B"
    assert book["Matrice savoir agir"].print_title_cols is not None


# --- a readable print --------------------------------------------------------------------

def test_printed_text_never_below_8_points(book) -> None:
    for ws in _printed(book):
        setup = ws.page_setup
        assert not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        scale = setup.scale or 100
        sizes = {c.font.sz or 11 for row in ws.iter_rows() for c in row if c.value is not None}
        smallest = min(sizes | {11})
        assert smallest * scale / 100 >= 8, (ws.title, smallest, scale)


def test_wide_matrices_split_across_pages_not_shrunk(book) -> None:
    for title in ("Matrice RACI", "Matrice savoir agir", "Plan de charge"):
        setup = book[title].page_setup
        assert setup.orientation == "landscape"
        assert (setup.scale or 100) >= 73, (title, setup.scale)


def test_charts_under_their_table_sized_for_every_label(book) -> None:
    for title in ("Stratégies par quadrant", "Mois à risque", "Synthèse des contrôles RACI", "Grille pouvoir-intérêt"):
        ws = book[title]
        assert len(ws._charts) == 1, title
        anchor = ws._charts[0].anchor._from
        assert anchor.col == 0 and anchor.row >= ws.max_row - 1, title  # on its own rows, not beside
    # Horizontal bars: at least a row's height (15 pt) per category, so each label shows.
    for title in ("Synthèse des contrôles RACI", "Couverture"):
        ws = book[title]
        anchor = ws._charts[0].anchor
        assert anchor.to.row - anchor._from.row >= ws.max_row - 4, title


def _charts_xml(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)}


def test_every_chart_axis_visible_in_excel(handed: Path) -> None:
    charts = _charts_xml(handed)
    assert len(charts) >= 8
    for name, xml in charts.items():
        axes = re.findall(r"<c:(?:catAx|valAx|dateAx|serAx)>.*?</c:(?:catAx|valAx|dateAx|serAx)>", xml, re.S)
        assert axes, name
        for axis in axes:
            # right after <c:scaling>, where the schema's sequence puts it
            assert '</c:scaling><c:delete val="0"/>' in axis, name
            assert axis.count("<c:delete ") == 1, name
        assert '<c:delete val="1"/>' not in xml, name


def test_power_interest_grid_is_a_native_scatter(handed: Path) -> None:
    with zipfile.ZipFile(handed) as z:
        book_xml = z.read("xl/workbook.xml").decode()
        sheets = re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"', book_xml)
        rid = dict(sheets)["Grille pouvoir-intérêt"]
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels).group(1)
        sheet_rels = z.read(f"xl/worksheets/_rels/{Path(target).name}.rels").decode()
        drawing = re.search(r'Target="\.\./drawings/(drawing\d+\.xml)"', sheet_rels).group(1)
        drawing_rels = z.read(f"xl/drawings/_rels/{drawing}.rels").decode()
        chart = re.search(r'Target="\.\./charts/(chart\d+\.xml)"', drawing_rels).group(1)
        xml = z.read(f"xl/charts/{chart}").decode()
    assert "<c:scatterChart>" in xml
    # Interest across, power up, crossing at the thresholds (2.5 on the 0–4 scale), the
    # figures along the edges.
    assert xml.count('<c:crossesAt val="2.5"/>') == 2 and xml.count('<c:tickLblPos val="low"/>') == 2
    # The points drawn from two hidden columns after the table: each actor at its own
    # interest and power, those rated alike one above the other (nearer their own rating
    # than the next one, inside 0–4).
    assert "'Grille pouvoir-intérêt'!$J$5:$J$55" in xml and "'Grille pouvoir-intérêt'!$K$5:$K$55" in xml
    sheet = load_workbook(handed)["Grille pouvoir-intérêt"]
    assert sheet.column_dimensions["J"].hidden and sheet["I4"].value is None and sheet["J4"].value is None
    rows = list(sheet.iter_rows(min_row=5, max_row=55, values_only=True))
    placed = {(r[9], r[10]) for r in rows}
    assert len(placed) == 51  # no two points on top of each other
    for r in rows:
        interest, power, x, y = r[4], r[3], r[9], r[10]
        assert x == interest and abs(y - power) < 0.5 and 0 <= y <= 4, r
    # Each actor's point labelled with its name, as text (LibreOffice draws no label read
    # from a cell), cut after a whole word.
    labels = [html.unescape(t) for t in re.findall(r"<c:dLbl>.*?<a:t>([^<]*)</a:t>", xml, re.S)]
    assert len(labels) == 51 and "Maire de Montaurel-sur-Sèvre" in labels
    names = [r[1] for r in rows]
    for name, label in zip(names, labels):
        assert label == name or (label.endswith("…") and name.startswith(label[:-1])), (name, label)


# --- whole words -------------------------------------------------------------------------

def test_header_cells_never_break_inside_a_word(book) -> None:
    for ws in _printed(book):
        if ws.title == "Page de garde":
            continue
        header_row = 4 if ws["A3"].hyperlink else 1
        # openpyxl keys a run of equal widths by its first column: spread them out.
        widths = {i: d.width for d in ws.column_dimensions.values() if d.min for i in range(d.min, d.max + 1)}
        for cell in ws[header_row]:
            if not cell.value:
                continue
            width = widths[cell.column]
            longest = max(len(w) for w in str(cell.value).split())
            assert width >= longest + 1, (ws.title, cell.value, width)


# --- French --------------------------------------------------------------------------------

def test_workbook_texts_read_as_french(book) -> None:
    from french_checks import machine_french

    found = {}
    for ws in _printed(book):
        texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
        texts += [ws.oddHeader.left.text, ws.oddHeader.center.text, ws.oddFooter.right.text]
        for text in filter(None, texts):
            if machine_french(text):
                found.setdefault(ws.title, []).append((text[:120], machine_french(text)))
    assert not found, found


def test_template_instructions_read_as_french(tmp_path: Path) -> None:
    from french_checks import machine_french
    from toolkit.excel.template import write_template

    sheet = load_workbook(write_template(tmp_path / "gabarit.xlsx"))["Instructions"]
    texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert len(texts) > 100
    assert not [(t, machine_french(t)) for t in texts if machine_french(t)]
    assert any("Cabinet" == t for t in texts)  # the hand-over fields are documented


# --- pseudonymised -----------------------------------------------------------------------

def _all_text(path: Path) -> str:
    book = load_workbook(path, read_only=True)
    return "\n".join(str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
                     for v in row if v is not None)


def _rows(path: Path) -> list[tuple]:
    book = load_workbook(path, read_only=True)
    return [row for ws in book.worksheets for row in ws.iter_rows(values_only=True)]


def test_nobody_re_identified_from_the_pseudonymised_workbook(hidden: Path, demo_workshop: Workshop) -> None:
    persons = demo_workshop.store.frame("persons")
    text = _all_text(hidden)
    cells = set(text.splitlines())
    by_org = persons.groupby("organisation")["id"].count()
    functions = persons["function"].dropna()
    unique_functions = functions[~functions.duplicated(keep=False)]
    assert len(unique_functions) > 5
    rows = _rows(hidden)
    aliases = {r.id: f"Personne {i}" for i, r in enumerate(persons.sort_values("id").itertuples(), start=1)}
    for p in persons[persons["function"].isin(unique_functions)].itertuples():
        # A unique function names its holder: never a cell of its own (an actor of the map
        # named after it is renamed), never in a row about its holder.
        assert p.function not in cells, p.function
        for row in rows:
            if aliases[p.id] in row or p.id in row:
                assert not any(p.function in str(v) for v in row if v is not None), (p.function, row)
    for email in persons["email"].dropna():
        assert email not in text
    for name in ("perimeter", "means", "success_factors"):
        for value in persons[name].dropna():
            assert value.strip().splitlines()[0] not in text, value
    # The personal comment of the issue, and every assessment and RACI comment.
    assert "souhait de mobilité" not in text
    for kind in ("assessments", "raci"):
        for comment in demo_workshop.store.frame(kind)["comment"].dropna():
            assert comment not in text, comment
    # Alone in their organisation: no row holds both their pseudonym and that organisation
    # (nor the actor standing for it, by its identifier).
    alone = persons[persons["organisation"].map(by_org).eq(1)]
    assert len(alone) >= 5
    for p in alone.itertuples():
        alias = aliases[p.id]
        for row in rows:
            cells = {str(v) for v in row if v is not None}
            if alias in cells or p.id in cells:
                assert p.organisation not in cells, (alias, p.organisation, row)
                if isinstance(p.actor_id, str) and row[0] == p.id:  # their own record
                    assert p.actor_id not in cells, (alias, row)
    cover = load_workbook(hidden)["Page de garde"]
    facts = {r[0].value: r[1].value for r in cover.iter_rows(max_row=14) if r[0].value}
    assert facts["Confidentialité"].startswith("Version pseudonymisée")
    assert cover.oddHeader.right.text == "Version pseudonymisée"


def test_consultant_may_keep_functions(tmp_path: Path, demo_workshop: Workshop) -> None:
    path = export_workbook(demo_workshop.store, tmp_path / "r.xlsx", pseudonymise=True, keep=("functions",))
    text = _all_text(path)
    assert "Cheffe de projet Petites villes de demain" in text
    assert "souhait de mobilité" not in text
    with pytest.raises(ValueError, match="inconnus"):
        export_workbook(demo_workshop.store, tmp_path / "x.xlsx", pseudonymise=True, keep=("nothing",))
