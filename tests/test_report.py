"""Step 9 — restitution: a self-contained, escaped HTML report, its sections, and the PDF."""
from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest

from toolkit import method, report, steps
from toolkit.cli import main
from toolkit.core.workshop import Workshop

TODAY = dt.date(2026, 11, 23)


def test_report_has_every_section_and_is_self_contained(demo_workshop: Workshop) -> None:
    page = method.build_report(demo_workshop, today=TODAY)
    for title in ("Parties prenantes", "Carte des parties prenantes", "Compétences et motivations",
                  "Matrice RACI et ses défauts", "Plan de charge", "Écarts et remèdes",
                  "Gouvernance et pilotage", "Fiches actions", "Revue de projet"):
        assert f"{title}</h2>" in page
    # nothing fetched: no script, no stylesheet link, no remote URL, pictures inline
    assert "<script" not in page.lower() and "<link" not in page.lower()
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    sources = re.findall(r'src="([^"]*)"', page)
    assert sources and all(s.startswith("data:image/png;base64,") for s in sources)
    # governance and review content, computed by their modules
    assert "Comité de gouvernance Montaurel 2030" in page
    assert "Îlot dégradé de la rue des Tanneurs (RHI-THIRORI)" in page  # an action without pilot
    assert "Prochaine revue de projet : mardi 12 janvier 2027 à 18\u00a0h\u00a030 (semaine 2)." in page


def test_other_steps_sections_present_their_modules_findings(demo_workshop: Workshop) -> None:
    """The report calls the analyses of steps 2–6; the demo's deliberate flaws show."""
    keys = ("parties_prenantes", "carte", "competences", "raci", "plan_de_charge", "ecarts")
    sections = [s for s in method.report_sections() if s.key in keys]
    assert len(sections) == 6
    page = report.build_report(demo_workshop, today=TODAY, sections=sections)
    assert "pas pu être produite" not in page

    def part(start: str, end: str) -> str:
        return page[page.index(f"{start}</h2>"):page.index(f"{end}</h2>")]

    stakeholders = part("Parties prenantes", "Carte des parties prenantes")
    assert "Hypermarché de la zone commerciale des Justices" in stakeholders and "Opposant influent" in stakeholders  # influential_opponent (ACT-42)
    assert "SAFER Nouvelle-Aquitaine" in stakeholders and "Foncier agricole" in stakeholders  # unmobilised_holder (ACT-25)
    network = part("Carte des parties prenantes", "Compétences et motivations")
    assert "Chambre d&#x27;agriculture" in network  # broker_actor, among the brokers
    assert "Lycée agricole du Bocage (EPLEFPA)" in network[network.index("Acteurs isolés"):]  # isolated_actor (ACT-26)
    gaps = page[page.index("Écarts et remèdes</h2>"):]
    assert "Élargissement du tour de table" in gaps and "SAFER Nouvelle-Aquitaine" in gaps
    raci = part("Matrice RACI et ses défauts", "Plan de charge")
    assert "Plusieurs A" in raci and "Choisir le scénario d&#x27;aménagement (stationnement, marché, arbres)" in raci  # two_a_task (TAC-023)
    assert all(t in raci for t in ("Enquête sur l&#x27;état des immeubles et des propriétaires",  # no_r_tasks: TAC-026,
                                    "Mobiliser les producteurs et les cantines clientes",  # TAC-043,
                                    "Convention de veille foncière avec la SAFER"))  # TAC-045
    # the client reads the records' names, never their identifiers (AXE-, ACT-, CMP-, TAC-, PER-…)
    assert not re.findall(r">[^<]*\b(?:AXE|ACT|CMP|TAC|PER|ACN|INS|EVA)-\d+", page)
    workload = part("Plan de charge", "Écarts et remèdes")
    assert "Surcharges" in workload and "Léa Fradin" in workload and "11/2026" in workload  # overloaded_person
    competences = part("Compétences et motivations", "Matrice RACI et ses défauts")
    assert "Marchés publics" in competences  # unmotivated_competence: lacking although held


def test_everything_from_the_workshop_is_escaped(demo_workshop: Workshop) -> None:
    s = demo_workshop.store
    s.update("project", "PRJ", {"name": "<script>alert('x')</script>"}, by="t")
    s.update("bodies", "INS-01", {"name": "Comité <img src=x onerror=alert(1)>"}, by="t")
    s.update("actions", "ACN-01", {"name": "Boutique \" onmouseover=\"alert(2)"}, by="t")
    mine = [x for x in method.report_sections() if x.key in ("projet", "gouvernance", "fiches_actions", "revue")]
    page = report.build_report(demo_workshop, today=TODAY, sections=mine)
    assert "<script" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "Comité &lt;img src=x onerror=alert(1)&gt;" in page
    assert "Boutique &quot; onmouseover=&quot;alert(2)" in page


def test_a_failing_section_does_not_lose_the_report(demo_workshop: Workshop) -> None:
    def broken(_ctx: report.ReportContext) -> str:
        raise ValueError("données incohérentes")

    sections = [report.Section("casse", "Section cassée", broken)] + [
        s for s in method.report_sections() if s.key in ("projet", "fiches_actions")]
    page = report.build_report(demo_workshop, today=TODAY, sections=sections)
    assert "Cette section n&#x27;a pas pu être produite : données incohérentes" in page
    assert "Fiches actions</h2>" in page and "Boutique à l&#x27;essai rue Nationale" in page


def test_a_registered_step_places_its_sections_in_method_order_and_replaces_in_place() -> None:
    class Essai(method.MethodStep):
        key = "essai"

        def report(self) -> tuple:
            return (report.Section("essai", "Essai", lambda ctx: "<p>ok</p>"),)

    steps.register(steps.Step("essai", 4))  # a step numbered like the RACI: after it, in declaration order
    try:
        method.register(Essai())
        keys = [s.key for s in method.report_sections()]
        assert keys[keys.index("raci") + 1] == "essai"
        method.register(Essai())  # same key: replaced in place
        assert [s.key for s in method.report_sections()] == keys
    finally:
        method.unregister("essai")
        del steps.STEPS["essai"]
    assert "essai" not in [s.key for s in method.report_sections()]


def test_french_values() -> None:
    assert report.esc(1234567.0) == "1\u202f234\u202f567"
    assert report.esc(12.5) == "12,5"
    assert report.esc(float("nan")) == ""
    assert report.esc(True) == "oui"
    assert report.esc(dt.date(2027, 1, 12)) == "12/01/2027"
    assert report.french_columns(__import__("pandas").DataFrame(columns=["pilot", "budget_spent"])).columns.tolist() \
        == ["Pilote", "Budget dépensé (€)"]


def test_empty_workshop_report_says_what_is_missing(empty_workshop: Workshop) -> None:
    page = method.build_report(empty_workshop, today=TODAY)
    assert "cadrage" in page and "Revue de projet</h2>" in page


def test_cli_restitution_html_only(demo_workshop: Workshop, capsys: pytest.CaptureFixture) -> None:
    assert main(["restitution", "--atelier", str(demo_workshop.folder), "--sans-pdf"]) == 0
    html_path = demo_workshop.folder / "exports" / "restitution" / "restitution.html"
    assert html_path.exists() and str(html_path) in capsys.readouterr().out
    assert not html_path.with_suffix(".pdf").exists()


@pytest.mark.slow
@pytest.mark.skipif(report.soffice_path() is None, reason="LibreOffice absent")
def test_pdf_through_libreoffice(demo_workshop: Workshop, tmp_path: Path) -> None:
    paths = method.write_report(demo_workshop, folder=tmp_path, today=TODAY)
    pdf = paths["pdf"].read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000  # text and the organisation picture
    assert paths["html"].exists()


def test_missing_libreoffice_is_a_french_error(demo_workshop: Workshop, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(report, "soffice_path", lambda: None)
    with pytest.raises(Exception, match="LibreOffice .* introuvable"):
        report.write_report(demo_workshop, folder=tmp_path, today=TODAY, sections=method.report_sections()[:1])
    assert (tmp_path / "restitution.html").exists()  # the HTML is there all the same


# --- Issue 18: a report with a story, printed as it should be ----------------------------------

MACHINE = re.compile(r"\(s\)|\(e\)|\(trice\)|\d\.\d|\bde (?=[AEIOUYÉaeiouyé][a-zé])|Madame, Monsieur")


def _section(page: str, key: str) -> str:
    start = page.index(f'id="s-{key}"')
    end = page.find('<h2 id="s-', start + 10)
    return page[start:end if end > 0 else None]


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r'src="data:[^"]*"', "", fragment)))


def _with_scenarios(ws: Workshop) -> None:
    from toolkit import scenarios as sc

    for name, changes in {"Sans l'appel à projets régional": [sc.funding_refused("FIN-11", "abandon")],
                          "Départ du responsable des finances": [sc.leaving("PER-09")],
                          "Foncier agricole reporté de quatre mois": [sc.postpone(4, action="ACN-14")]}.items():
        sc.save_scenario(ws.store, name, changes, by="consultant")


def test_report_tells_the_story_first(demo_workshop: Workshop) -> None:
    from toolkit import demo
    from toolkit import review as R

    _with_scenarios(demo_workshop)
    R.record_review(demo_workshop.store, **demo.DEMO_REVIEW)
    page = method.build_report(demo_workshop, today=TODAY)
    keys = re.findall(r'<h2 id="s-([a-z_]+)"', page)
    assert keys[:4] == ["synthese", "scenarios", "proposition", "projet"]
    summary = _text(_section(page, "synthese"))
    assert summary.count("À décider :") == 5
    assert "Léa Fradin jusqu'à 167\u00a0% de sa capacité en novembre 2026" in summary  # the planted overload
    assert "« Marchés publics »" in summary                                              # the unmotivated competence
    assert "Hypermarché de la zone commerciale des Justices" in summary                   # the influential opponent
    assert "a le coût total le plus bas" in summary
    scenarios = _text(_section(page, "scenarios"))
    for name in ("Référence", "Sans l'appel à projets régional", "Départ du responsable des finances"):
        assert name in scenarios
    assert "3\u202f583\u202f000\u00a0€" in scenarios
    staffing = _text(_section(page, "proposition"))
    assert "Ce que la proposition change" in staffing and "Ce qui reste non couvert" in staffing
    review = _text(_section(page, "revue"))
    assert "Relevé de conclusions — revue de projet du 17 novembre 2026" in review
    assert "Élodie Marchais" in review and "PER-" not in review and "AXE-" not in review
    governance = _text(_section(page, "gouvernance"))
    assert "mar. 22/09/2026 (S39)" in governance
    for key in ("synthese", "scenarios", "revue", "gouvernance"):
        found = MACHINE.findall(_text(_section(page, key)))
        assert not found, (key, found)


def test_paginate_puts_wide_tables_on_landscape_pages_and_keeps_words_whole(tmp_path: Path) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document()
    doc.add_paragraph("Avant")
    narrow = doc.add_table(rows=2, cols=3)
    wide = doc.add_table(rows=3, cols=9)
    for table in (narrow, wide):
        for i, cell in enumerate(table.rows[0].cells):
            cell.text = "Approvisionnement" if i == 0 else f"Mois {i}"
    doc.add_paragraph("Après")
    path = tmp_path / "t.docx"
    doc.save(str(path))
    assert report.paginate_docx(path) == 1
    doc = Document(str(path))
    orientations = [s.orientation for s in doc.sections]
    assert len(orientations) == 3 and orientations[1] == 1 and orientations[0] == orientations[2] == 0
    for table in doc.tables:
        rows = table._tbl.findall(qn("w:tr"))
        assert rows[0].find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
        assert all(r.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for r in rows)
        widths = [int(c.get(qn("w:w"))) for c in table._tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")]
        assert widths[0] >= len("Approvisionnement") * 100  # the longest word fits its column
        assert widths[0] > widths[1]


@pytest.mark.slow
@pytest.mark.skipif(report.soffice_path() is None, reason="LibreOffice absent")
def test_pdf_has_landscape_pages_for_wide_tables(demo_workshop: Workshop, tmp_path: Path) -> None:
    paths = method.write_report(demo_workshop, folder=tmp_path, today=TODAY)
    pdf = paths["pdf"].read_bytes()
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert boxes
    landscape = [b for b in boxes if float(b[0]) > float(b[1])]
    portrait = [b for b in boxes if float(b[0]) < float(b[1])]
    assert landscape and portrait


def test_report_says_who_made_it_for_whom_and_its_version(demo_workshop: Workshop) -> None:
    def heading(page: str) -> str:  # the title and what is said under it, before the contents
        return _text(page[page.index("<body>"):page.index("Sommaire</h2>")])

    head = heading(report.build_report(demo_workshop, today=TODAY, sections=method.report_sections()[:1]))
    assert ("Document établi par Cabinet Territoires & Dialogues pour Commune de Montaurel-sur-Sèvre et "
            "Communauté de communes du Pays de Montaurel (Deux-Sèvres), le") in head
    assert "— version 1." in head and "Document confidentiel" in head and "Maillage" not in head.split("—")[-1]
    store = demo_workshop.store
    store.update("project", store.project()["id"], {"firm": None, "client": "Ville de Montaurel",
                                                    "deliverable_version": "2", "confidentiality": "Diffusion libre"},
                 by="test")
    head = heading(report.build_report(demo_workshop, today=TODAY, sections=method.report_sections()[:1]))
    assert "Document établi pour Ville de Montaurel, le 23 novembre 2026 — version 2." in head
    assert "Diffusion libre" in head and not MACHINE.findall(head)


def test_summary_agrees_with_one_finding(empty_workshop: Workshop) -> None:
    from raci_world import build

    ws = build(empty_workshop, raci="T1 R=P1 A=P2", requirements="T1 C2:3", assessments="P1 C1 3")
    ws.store.insert("actors", {"name": "France Travail", "category": "État et opérateurs", "power": 4,
                               "interest": 3, "attitude": "réservé"}, by="test")
    summary = [s for s in method.report_sections() if s.key == "synthese"]
    text = _text(_section(report.build_report(ws, today=TODAY, sections=summary), "synthese"))
    assert "1\u00a0compétence requise sans titulaire" in text
    assert "1\u00a0acteur influent, réservé ou opposant : France Travail." in text
    assert "qui le rencontre" in text and not MACHINE.findall(text)
