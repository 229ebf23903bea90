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

import pytest
from openpyxl import load_workbook

from toolkit import report
from toolkit.core.workshop import Workshop
from toolkit.excel.export import export_workbook

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
    return load_workbook(export_workbook(ws.store, folder / "r.xlsx", today=TODAY), read_only=True).sheetnames


def report_keys(ws: Workshop) -> list[str]:
    page = report.build_report(ws, today=TODAY)
    assert "pas pu être produite" not in page  # every section built, none replaced by its error note
    return re.findall(r'<h2 id="s-([^"]+)">', page)


@pytest.mark.parametrize("which", ["demo_workshop", "empty_workshop"])
def test_workbook_sheets_and_report_sections_unchanged(which: str, request: pytest.FixtureRequest,
                                                       tmp_path: Path) -> None:
    ws = request.getfixturevalue(which)
    assert sheet_names(ws, tmp_path) == SHEETS
    assert report_keys(ws) == REPORT
