"""The pilots' page (ateliers/fiches_actions.ipynb) driven through its widget, without a browser."""
from __future__ import annotations

import datetime as dt

import pytest

from toolkit import steps
from toolkit.access import reissue_token
from toolkit.widgets.action_sheet import ActionSheets, latest_entries, sheet_html
from toolkit.widgets.session import Session, open_page
from toolkit.core.workshop import Workshop

TODAY = dt.date(2026, 11, 23)
PDF = b"%PDF-1.4\n" + b"0" * 200


def _open(ws: Workshop, pid: str | None) -> Session:
    steps.set_open(ws.store, "fiches_actions", True, by="animateur")
    token = ws.store.facilitator_token() if pid is None else ws.store.get("persons", pid)["token"]
    session = open_page("fiches_actions", query=f"jeton={token}", workshop=ws, show=False)
    assert session is not None
    return session


def test_page_refused_to_participants_while_step_closed(demo_workshop: Workshop) -> None:
    token = demo_workshop.store.get("persons", "PER-04")["token"]
    assert open_page("fiches_actions", query=f"jeton={token}", workshop=demo_workshop, show=False) is None


def test_pilot_updates_state_and_journal_of_own_sheet(demo_workshop: Workshop) -> None:
    page = ActionSheets(_open(demo_workshop, "PER-04"), today=TODAY)
    assert page.selector.value == "ACN-01"  # the first action she pilots is shown
    assert set(page.sheet_inputs) == {"state", "completion", "budget_committed", "budget_spent",
                                      "start_date", "end_date", "description"}
    page.sheet_inputs["state"].value = "engagée"
    page.sheet_inputs["completion"].value = "55"
    assert page.save_sheet() is not None
    assert page.sheet_status.state == "ok" and "Enregistré à" in page.sheet_status.value
    record = demo_workshop.store.get("actions", "ACN-01")
    assert record["state"] == "engagée" and record["completion"] == 55 and record["updated_by"] == "PER-04"
    changed = demo_workshop.store.history("actions", "ACN-01")[-1]
    assert changed["new"] == {"state": "engagée", "completion": 55}  # only what was changed

    page.journal_kind.value = "décision"
    page.journal_text.value = "Bail signé <b>aujourd'hui</b>."
    jid = page.add_entry()
    entry = demo_workshop.store.get("journal", jid)
    assert entry["author"] == "PER-04" and entry["date"] == TODAY and entry["kind"] == "décision"
    assert "Bail signé &lt;b&gt;aujourd&#x27;hui&lt;/b&gt;." in page.view.value
    assert page.journal_text.value == ""


def test_other_pilot_reads_but_cannot_edit(demo_workshop: Workshop) -> None:
    page = ActionSheets(_open(demo_workshop, "PER-10"), today=TODAY)
    assert page.selector.value == "ACN-02"
    page.selector.value = "ACN-01"
    assert "Boutique à l&#x27;essai rue Nationale" in page.view.value
    assert len(page.edit.children) == 1 and "seul son pilote (Sandrine Pougnard)" in page.edit.children[0].value
    assert "maillage-save" not in page.edit.children[0]._dom_classes  # a note, no form, no button


def test_refused_value_keeps_what_was_typed(demo_workshop: Workshop) -> None:
    page = ActionSheets(_open(demo_workshop, "PER-04"), today=TODAY)
    page.sheet_inputs["completion"].value = "cent"
    assert page.save_sheet() is None
    assert page.sheet_status.state == "error" and "Avancement (%)" in page.sheet_status.value
    assert page.sheet_inputs["completion"].value == "cent"
    assert demo_workshop.store.get("actions", "ACN-01")["completion"] == 30


def test_future_journal_date_refused(demo_workshop: Workshop) -> None:
    page = ActionSheets(_open(demo_workshop, "PER-04"), today=TODAY)
    page.journal_date.value = "2027-01-01"
    page.journal_text.value = "Plus tard"
    assert page.add_entry() is None and "date passée" in page.journal_status.value
    assert page.journal_text.value == "Plus tard"


def test_revoked_link_stops_writing_at_once(demo_workshop: Workshop) -> None:
    page = ActionSheets(_open(demo_workshop, "PER-04"), today=TODAY)
    reissue_token(demo_workshop.store, "PER-04", by="animateur")
    page.sheet_inputs["completion"].value = "60"
    assert page.save_sheet() is None and page.sheet_status.state == "error"
    assert demo_workshop.store.get("actions", "ACN-01")["completion"] == 30


def test_someone_else_changed_the_sheet_meanwhile(demo_workshop: Workshop) -> None:
    page = ActionSheets(_open(demo_workshop, "PER-04"), today=TODAY)
    demo_workshop.store.update("actions", "ACN-01", {"completion": 33}, by="animateur")
    page.sheet_inputs["completion"].value = "60"
    assert page.save_sheet() is None and "modifié entre-temps" in page.sheet_status.value
    assert "par l'animateur" in page.sheet_status.text and "ACN-" not in page.sheet_status.text
    assert demo_workshop.store.get("actions", "ACN-01")["completion"] == 33


def test_facilitator_reassigns_a_sheet_without_pilot(demo_workshop: Workshop) -> None:
    page = ActionSheets(_open(demo_workshop, None), today=TODAY)
    page.selector.value = "ACN-09"
    assert "pilot_id" in page.sheet_inputs and "budget_planned" in page.sheet_inputs
    page.sheet_inputs["pilot_id"].value = "PER-08"
    assert page.save_sheet() is not None
    assert demo_workshop.store.get("actions", "ACN-09")["pilot_id"] == "PER-08"
    assert demo_workshop.store.history("actions", "ACN-09")[-1]["by"] == "animateur"


def test_attachments_through_the_page(demo_workshop: Workshop) -> None:
    page = ActionSheets(_open(demo_workshop, "PER-04"), today=TODAY)
    assert page.attach() is None and "Choisissez d&#x27;abord un fichier" in page.upload_status.value
    assert page.attach("virus.exe", b"MZ") is None and "types acceptés" in page.upload_status.value
    aid = page.attach("compte rendu.pdf", PDF)
    assert aid and "compte_rendu.pdf" in page.view.value
    assert (demo_workshop.folder / "pieces_jointes" / "ACN-01").is_dir()


def test_sheet_html_escapes_everything(demo_workshop: Workshop) -> None:
    from toolkit.actions import sheet

    demo_workshop.store.update("actions", "ACN-01", {"name": "<img src=x onerror=alert(1)>"}, by="t")
    out = sheet_html(sheet(demo_workshop.store.frames(), "ACN-01"))
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)&gt;" in out


def test_board_section_hides_names_on_request(demo_workshop: Workshop) -> None:
    page = ActionSheets(_open(demo_workshop, "PER-04"), today=TODAY)
    page.journal_text.value = "Point d'étape"
    page.add_entry()
    table = latest_entries(demo_workshop.store, hide_names=False)
    assert table.iloc[0]["Texte"] == "Point d'étape" and table.iloc[0]["Auteur"] == "Sandrine Pougnard"
    hidden = latest_entries(demo_workshop.store, hide_names=True)
    assert "Sandrine Pougnard" not in hidden.to_string()


@pytest.mark.parametrize("pid", ["PER-17"])  # a person who pilots nothing
def test_person_without_sheet_reads_only(demo_workshop: Workshop, pid: str) -> None:
    page = ActionSheets(_open(demo_workshop, pid), today=TODAY)
    assert "Vous ne pilotez aucune action" in page.children[0].value
    assert len(page.edit.children) == 1  # the read-only note


def test_dates_in_one_french_format_and_a_double_tap_adds_one_entry(demo_workshop: Workshop) -> None:
    page = ActionSheets(_open(demo_workshop, "PER-04"), today=TODAY)
    demo_workshop.store.update("actions", "ACN-01", {"start_date": "2026-06-01"}, by="animateur")
    page.show()
    assert "01/06/2026" in page.view.value and "2026-06-01" not in page.view.value
    assert page.sheet_inputs["start_date"].value == "01/06/2026"      # the form as the sheet
    assert page.journal_date.value == TODAY.strftime("%d/%m/%Y")
    assert "ACN-" not in page.selector.label
    page.sheet_inputs["start_date"].value = "02/06/2026"
    assert page.save_sheet() is not None
    assert str(demo_workshop.store.get("actions", "ACN-01")["start_date"])[:10] == "2026-06-02"
    n = len(demo_workshop.store.all("journal", action_id="ACN-01"))
    page.journal_text.value = "Réunion avec le propriétaire."
    first = page.add_entry()
    assert page.add_entry() == first and page.journal_status.state == "ok"  # the second tap
    assert len(demo_workshop.store.all("journal", action_id="ACN-01")) == n + 1
