"""The step registry (``toolkit.method``): one declaration per step, read by the workbook,
the report, the board and the pages.

The first tests record the deliverables as they were before the registry (issue 15): the
workbook's sheets (names, order) and the report's sections, on the demo and on an empty
workshop. A move that drops, adds or reorders one fails here.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from toolkit import method, steps
from toolkit.core.errors import MaillageError
from toolkit.core.workshop import Workshop

TODAY = dt.date(2026, 11, 23)

#: The deliverable's sheets before the registry, on the demo and on an empty workshop alike
#: (an analysis with nothing to show still gets its sheet, saying so).
SHEETS = [
    "Page de garde", "Grille pouvoir-intérêt", "Stratégies par quadrant", "Attitude et pouvoir",
    "Indicateurs du réseau", "Passeurs", "Acteurs isolés", "Communautés", "Élargir le tour de table",
    "Doublons probables", "Avis des participants", "Couverture", "Compétences manquantes",
    "Points de fragilité", "Candidats à la formation", "Experts peu motivés",
    "Auto-évaluation vs consultant", "Profil des organisations", "Matrice savoir agir",
    "Matrice vouloir agir", "Matrice pouvoir agir", "Matrice combinée", "Matrice RACI", "Contrôles RACI",
    "Synthèse des contrôles RACI", "Propositions RACI", "Plan de charge", "Mois à risque", "Surcharges",
    "Capacité inutilisée", "Staffing des actions", "Écarts de compétences", "Écarts de capacité",
    "Capacité par personne", "Capacité de l'équipe", "Remèdes", "Instances de gouvernance",
    "Composition des instances", "Calendrier des réunions", "Fiches actions", "Actions par état",
    "Consommation budgétaire", "Cofinanceurs", "Actions en retard", "Actions sans nouvelles", "Projet",
    "Compétences", "Acteurs", "Relations", "Personnes", "Évaluations", "Axes", "Actions", "Cofinancements",
    "Budget par année", "Étapes des actions", "Phases", "Tâches", "Compétences requises", "RACI",
    "Instances", "Membres des instances", "Journal des actions", "Pièces jointes", "Scénarios",
    "Revues de projet", "Notations des acteurs", "Listes",
]
#: The report's sections (their anchors) before the registry.
REPORT = [
    "synthese", "scenarios", "proposition", "projet", "parties_prenantes", "carte", "competences", "raci",
    "plan_de_charge", "ecarts", "gouvernance", "fiches_actions", "revue",
]


def sheet_names(ws: Workshop, folder: Path) -> list[str]:
    return load_workbook(method.export_workbook(ws.store, folder / "r.xlsx", today=TODAY), read_only=True).sheetnames


def report_keys(ws: Workshop) -> list[str]:
    page = method.build_report(ws, today=TODAY)
    assert "pas pu être produite" not in page  # every section built, none replaced by its error note
    return re.findall(r'<h2 id="s-([^"]+)">', page)


@pytest.mark.parametrize("which", ["demo_workshop", "empty_workshop"])
def test_workbook_sheets_and_report_sections_unchanged(which: str, request: pytest.FixtureRequest,
                                                       tmp_path: Path) -> None:
    ws = request.getfixturevalue(which)
    assert sheet_names(ws, tmp_path) == SHEETS
    assert report_keys(ws) == REPORT


# --- a new step touches only the registry, its analysis, its labels and its tests ------------

def _evaluation_results(frames: dict) -> pd.DataFrame:
    """The fake step's analysis: one line per action, its completion."""
    actions = frames["actions"]
    return pd.DataFrame({"Action": actions["name"], "Avancement": actions["completion"]})


class Evaluation(method.MethodStep):
    """10 — a step the method does not have yet, declared as ARCHITECTURE.md says."""

    key = "evaluation"

    def analyses(self) -> tuple:
        return (_evaluation_results,)

    def sheets(self) -> tuple:
        from toolkit.excel.kinds import Hints, Section
        return (Section("evaluation.results", "Évaluation", "Étape 10 — Évaluation : l'avancement de chaque action.",
                        lambda ctx: _evaluation_results(ctx.frames), Hints(freeze=1)),)

    def report(self) -> tuple:
        from toolkit import report
        return (report.Section("evaluation", "Évaluation",
                               lambda ctx: report.table_html(_evaluation_results(ctx.frames))),)


@pytest.fixture
def step_ten() -> Evaluation:
    steps.register(steps.Step("evaluation", 10))
    step = method.register(Evaluation())
    yield step
    method.unregister("evaluation")
    del steps.STEPS["evaluation"]


def test_a_new_step_declared_once_reaches_the_workbook_and_the_report(step_ten: Evaluation, demo_workshop: Workshop,
                                                                      tmp_path: Path) -> None:
    sheets = sheet_names(demo_workshop, tmp_path)
    analysis = SHEETS.index("Actions sans nouvelles") + 1  # after step 8's last sheet, before the data sheets
    assert sheets == SHEETS[:analysis] + ["Évaluation"] + SHEETS[analysis:]
    rows = list(load_workbook(tmp_path / "r.xlsx", read_only=True)["Évaluation"].values)
    assert "Boutique à l'essai rue Nationale" in {r[0] for r in rows}
    assert report_keys(demo_workshop) == REPORT + ["evaluation"]
    assert [s.key for s in method.method_steps()][-2:] == ["restitution", "evaluation"]
    assert "evaluation" not in method.views()  # no page declared: none offered on the welcome page


def test_the_fake_step_is_gone_once_the_fixture_is_done() -> None:
    assert "evaluation" not in method.METHOD and "evaluation" not in steps.STEPS
    assert "Évaluation" not in [s.title for s in method.workbook_sections()]


def test_a_step_unknown_to_the_store_level_code_is_refused() -> None:
    with pytest.raises(LookupError, match="evaluation"):
        method.register(Evaluation())


# --- every declared part builds, loudly --------------------------------------------------------

@pytest.mark.parametrize("which", ["demo_workshop", "empty_workshop"])
def test_every_declared_analysis_runs(which: str, request: pytest.FixtureRequest) -> None:
    """Each analysis returns, or refuses the workshop in French (a ``MaillageError`` saying
    what is missing, which the workbook shows on the sheet); any other error fails here."""
    frames = request.getfixturevalue(which).store.frames()
    ran, refused = [], []
    for step in method.method_steps():
        for analysis in step.analyses():
            name = f"{step.key}:{analysis.__name__}"
            try:
                analysis(frames)
            except MaillageError:
                refused.append(name)
            ran.append(name)
    assert len(ran) >= 15 and "raci:check" in ran and "ecarts:remedies" in ran
    assert refused == ([] if which == "demo_workshop" else ["gouvernance:meeting_calendar"])


@pytest.mark.parametrize("which", ["demo_workshop", "empty_workshop"])
def test_every_sheet_builds_a_table(which: str, request: pytest.FixtureRequest) -> None:
    from toolkit.excel.export import make_context

    ctx = make_context(request.getfixturevalue(which).store, today=TODAY)
    none, refused = set(), set()
    for sheet in method.workbook_sections():
        try:
            if sheet.build(ctx) is None:
                none.add(sheet.key)
        except MaillageError:  # shown on its sheet, in French
            refused.add(sheet.key)
    assert none == {"gaps.scenarios"}  # nothing to compare without stored scenarios: its only way out
    assert refused == (set() if which == "demo_workshop" else {"governance.calendar"})


def test_a_broken_analysis_fails_the_export_instead_of_dropping_its_sheet(demo_workshop: Workshop, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from toolkit import raci

    def broken(frames: dict) -> pd.DataFrame:
        raise KeyError("colonne renommée")

    monkeypatch.setattr(raci, "check", broken)
    with pytest.raises(KeyError, match="colonne renommée"):
        method.export_workbook(demo_workshop.store, tmp_path / "r.xlsx")


def test_the_deliverables_need_their_sections_said() -> None:
    from toolkit import report
    from toolkit.excel.export import export_workbook

    with pytest.raises(TypeError, match="workbook_sections"):
        export_workbook(None, "r.xlsx")
    with pytest.raises(TypeError, match="report_sections"):
        report.build_report(None)


def test_board_sections_keep_their_order() -> None:
    assert [s.key for s in method.board_sections()] == [
        "joined", "submissions", "profiles", "auto_evaluation", "parties_prenantes", "raci", "fiches_actions", "latest"]


def test_every_page_of_ateliers_has_its_view_and_every_view_its_page() -> None:
    pages = {p.stem for p in steps.PAGES_DIR.glob("*.ipynb")}
    assert set(method.views()) == pages
    for key, load in method.views().items():
        assert callable(load()), key
    for page in steps.PAGES_DIR.glob("*.ipynb"):  # the three lines of every page call the registry
        assert f'step_page(\\"{page.stem}\\")' in page.read_text(encoding="utf-8")
        assert "from toolkit.method import step_page" in page.read_text(encoding="utf-8")


def test_every_step_has_one_identity_and_one_declaration() -> None:
    """Who a step is (``steps``) and what it produces (``method``): the same steps, the same order."""
    assert set(method.METHOD) == set(steps.STEPS)
    assert [s.key for s in method.method_steps() if s.number > 0] == [s.key for s in steps.participant_steps()]


def test_the_registry_and_the_welcome_page_load_no_analysis_library() -> None:
    """A kernel waiting with the welcome page imports the registry and builds the page ahead
    of its visitor: still no pandas, networkx… (issue 17) — those come with a step."""
    import os
    import subprocess
    import sys

    heavy = ["pandas", "numpy", "networkx", "pyvis", "matplotlib", "scipy", "openpyxl", "xlsxwriter"]
    code = ("import sys, toolkit.method as m; s = m.get('accueil'); s.view(); s.ahead()(); m.views(); "
            f"print([x for x in {heavy!r} if x in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "VOILA_PREHEAT": "True"}).stdout.strip()
    assert out == "[]"
