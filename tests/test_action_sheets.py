"""Action sheets as the field keeps them (issue 19 §9): priority, « en pause » and
« bloquée », budget by year and kind, co-funders versus self-funding, steps, one sheet as a
document."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from toolkit import actions as A
from toolkit import report
from toolkit import review as R
from toolkit.core.errors import AccessDenied, ValidationError
from toolkit.core.workshop import Workshop

TODAY = dt.date(2026, 11, 23)
CONSULTANT = A.Editor.for_consultant()


def _pilot(ws: Workshop, pid: str) -> A.Editor:
    return A.Editor.for_person(ws.store.get("persons", pid))


def test_priority_and_new_states(demo_workshop: Workshop) -> None:
    s = demo_workshop.store
    A.update_sheet(s, "ACN-03", {"state": "en pause"}, _pilot(demo_workshop, "PER-04"))  # a pilot may pause
    assert s.get("actions", "ACN-03")["state"] == "en pause"
    with pytest.raises(AccessDenied):  # the priority is the consultant's (or a review's)
        A.update_sheet(s, "ACN-03", {"priority": "élevée"}, _pilot(demo_workshop, "PER-04"))
    A.update_sheet(s, "ACN-03", {"priority": "Élevée"}, CONSULTANT)
    assert s.get("actions", "ACN-03")["priority"] == "élevée"
    with pytest.raises(ValidationError) as err:
        A.update_sheet(s, "ACN-03", {"priority": "urgente"}, CONSULTANT)
    assert err.value.problems[0].expected == "une des valeurs : élevée, moyenne, faible"
    held = R.held_actions(s.frames())
    assert held["id"].tolist() == ["ACN-10", "ACN-03", "ACN-11"]  # bloquée first
    assert held.iloc[0]["last_text"].startswith("Bloquée : le conseil communautaire")
    by_state = R.actions_by_state(s.frames()).set_index("state")
    assert by_state.loc["en pause", "actions"] == 2 and by_state.loc["bloquée", "actions"] == 1


def test_budget_by_year_and_kind_and_self_funding(demo_workshop: Workshop) -> None:
    s = demo_workshop.store
    sheet = A.sheet(s.frames(), "ACN-11")
    assert sheet["budget_by_year"] == [
        {"year": 2026, "investissement": 0.0, "fonctionnement": 30000.0, "total": 30000.0},
        {"year": 2027, "investissement": 0.0, "fonctionnement": 20000.0, "total": 20000.0}]
    assert sheet["budget_total"] == 50000 and sheet["aid"] == 35000 and sheet["self_funded"] == 15000
    assert sheet["aid_share"] == pytest.approx(0.7)
    with pytest.raises(AccessDenied):
        A.set_budget_line(s, "ACN-11", 2027, "investissement", 5000, _pilot(demo_workshop, "PER-12"))
    line = A.set_budget_line(s, "ACN-11", 2027, "Investissement", "5 000", CONSULTANT)
    assert A.set_budget_line(s, "ACN-11", 2027, "investissement", 6000, CONSULTANT) == line  # same line updated
    assert s.get("budget_lines", line)["amount"] == 6000
    # the lines no longer sum to the planned budget: the review says so
    alerts = R.budget_consumption(s.frames()).set_index("id")["alert"]
    assert alerts["ACN-11"] == "budget par année différent du budget prévu" and alerts["ACN-08"] == ""
    table = A.budget_lines_table(s.frames()).set_index("year")
    assert table.loc[2027, "investissement"] == 1_056_000 and table.loc[2026, "total"] == 165_000


def test_steps_checklist(demo_workshop: Workshop) -> None:
    s = demo_workshop.store
    pilot = _pilot(demo_workshop, "PER-12")
    sid = A.add_step(s, "ACN-11", "Comité de suivi du diagnostic", pilot, due_date="2027-03-01")
    steps = A.sheet(s.frames(), "ACN-11")["steps"]
    assert [e["order"] for e in steps] == [1, 2, 3, 4, 5] and steps[-1]["id"] == sid
    A.check_step(s, "ETP-03", pilot, date="2026-11-20", today=TODAY)
    step = s.get("action_steps", "ETP-03")
    assert step["done"] is True and step["done_date"] == dt.date(2026, 11, 20)
    with pytest.raises(ValidationError):  # never done in the future
        A.check_step(s, "ETP-04", pilot, date="2026-12-01", today=TODAY)
    A.check_step(s, "ETP-03", pilot, done=False, today=TODAY)
    assert s.get("action_steps", "ETP-03")["done_date"] is None
    A.update_step(s, sid, {"due_date": "2027-03-15"}, pilot)
    with pytest.raises(ValidationError):
        A.update_step(s, sid, {"action_id": "ACN-01"}, pilot)
    with pytest.raises(AccessDenied):  # not her sheet
        A.check_step(s, "ETP-05", pilot, today=TODAY)
    A.remove_step(s, sid, pilot)
    assert not s.exists("action_steps", sid) and s.history("action_steps", sid)[-1]["op"] == "delete"
    assert A.sheet(s.frames(), "ACN-11")["steps_done"] == 2


def test_sheet_document_reads_in_french(demo_workshop: Workshop) -> None:
    A.update_sheet(demo_workshop.store, "ACN-11", {"description": "<script>alert(1)</script>"}, CONSULTANT)
    page = report.sheet_html(demo_workshop, "ACN-11", today=TODAY)
    assert "Diagnostic agricole et alimentaire partagé" in page and "en pause" in page
    assert "<script>" not in page and "&lt;script&gt;" in page
    for text in ("Autofinancement de la collectivité", "15\u202f000\u00a0€", "30\u202f000\u00a0€",
                 "Total des aides", "70\u00a0% du budget", "Étapes (2\u00a0faites sur 4)",
                 "☑ Choix du bureau d&#x27;études — faite le 24/09/2026",
                 "☐ Atelier de restitution avec les producteurs — échéance le 15/02/2027",
                 "Priorité", "moyenne", "Fonctionnement"):
        assert text in page, text
    parent = report.sheet_html(demo_workshop, "ACN-17", today=TODAY)
    assert "Sous-actions" in parent and "Observatoire du centre-bourg" in parent
    assert "Action parente" in report.sheet_html(demo_workshop, "ACN-20", today=TODAY)


@pytest.mark.skipif(report.soffice_path() is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice or pdftotext absent")
def test_one_sheet_as_pdf(demo_workshop: Workshop, tmp_path: Path) -> None:
    paths = report.write_sheet(demo_workshop, "ACN-11", folder=tmp_path, today=TODAY)
    assert paths["pdf"].read_bytes().startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", str(paths["pdf"]), "-"], capture_output=True, text=True).stdout
    assert "Diagnostic agricole et alimentaire partagé" in text and "Autofinancement" in text


def test_demo_shows_a_sheet_en_pause_with_co_funders(demo_workshop: Workshop) -> None:
    sheet = A.sheet(demo_workshop.store.frames(), "ACN-11")
    assert sheet["state"] == "en pause" and len(sheet["fundings"]) == 2 and sheet["priority"] == "moyenne"
    assert len(sheet["steps"]) == 4
