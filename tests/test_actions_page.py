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


# --- the fields added in issue 19 §9, and the named editors of every sheet (§4) -----------------

def test_sheet_shows_priority_budget_by_year_co_funders_and_steps(demo_workshop: Workshop) -> None:
    import html

    page = ActionSheets(_open(demo_workshop, "PER-17"), today=TODAY)  # a reader: everything shown
    page.selector.value = "ACN-11"
    shown = html.unescape(page.view.value)
    for text in ("Priorité</th><td>moyenne", "État</th><td>en pause", "Budget par année",
                 "2026</strong> : 30\u202f000\u00a0€ — investissement 0\u00a0€, fonctionnement 30\u202f000\u00a0€",
                 "Total des aides</strong> : 35\u202f000\u00a0€ (70\u00a0% du budget)",
                 "Autofinancement de la collectivité</strong> : 15\u202f000\u00a0€",
                 "Étapes (2\u00a0faites sur 4)", "☑ Choix du bureau d'études — faite le 24/09/2026",
                 "☐ Atelier de restitution avec les producteurs — échéance le 15/02/2027"):
        assert text in shown, text
    assert "2026-09-24" not in shown and "2027-02-15" not in shown  # one date format
    page.selector.value = "ACN-17"
    assert "Sous-actions" in page.view.value and "Observatoire du centre-bourg" in page.view.value


def test_pilot_ticks_adds_steps_sets_a_co_funder_and_pauses(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    page = ActionSheets(_open(demo_workshop, "PER-12"), today=TODAY)
    assert page.selector.value == "ACN-11"
    assert not hasattr(page, "budget_amount")  # the planned budget by year is the facilitator's
    page.step_boxes["ETP-03"].value = True
    step = store.get("action_steps", "ETP-03")
    assert step["done"] is True and step["done_date"] == TODAY and page.steps_status.state == "ok"
    assert "faite le 23/11/2026" in page.step_boxes["ETP-03"].description
    page.step_name.value, page.step_due.value = "Comité de suivi du diagnostic", "15/03/2027"
    sid = page.new_step()
    assert store.get("action_steps", sid)["due_date"] == dt.date(2027, 3, 15)
    assert "Comité de suivi du diagnostic — échéance le 15/03/2027" in page.step_boxes[sid].description
    page.funder.value, page.funding_amount.value = "ACT-28", "12 000"
    assert page.save_funding() is not None
    assert "Région Nouvelle-Aquitaine : 12\u202f000\u00a0€" in page.view.value
    page.sheet_inputs["state"].value = "bloquée"
    assert page.save_sheet() is not None and store.get("actions", "ACN-11")["state"] == "bloquée"
    assert {h["by"] for h in store.history()[-4:]} == {"PER-12"}


def test_refused_tick_shows_the_stored_state_again(demo_workshop: Workshop) -> None:
    page = ActionSheets(_open(demo_workshop, "PER-12"), today=TODAY)
    steps.set_open(demo_workshop.store, "fiches_actions", False, by="animateur")  # closed meanwhile
    page.step_boxes["ETP-03"].value = True
    assert page.steps_status.state == "error" and "vient d'être fermée" in page.steps_status.text
    assert page.step_boxes["ETP-03"].value is False
    assert demo_workshop.store.get("action_steps", "ETP-03")["done"] is False


def test_named_editor_edits_every_sheet_with_her_own_link(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    page = ActionSheets(_open(demo_workshop, "PER-16"), today=TODAY)  # Laëtitia Bodin pilots nothing
    assert "La mise à jour de toutes les fiches actions vous est confiée" in page.children[0].value
    page.selector.value = "ACN-01"  # Sandrine Pougnard's
    assert set(page.sheet_inputs) == {"state", "completion", "budget_committed", "budget_spent",
                                      "start_date", "end_date", "description"}
    page.sheet_inputs["completion"].value = "40"
    assert page.save_sheet() is not None
    assert store.history("actions", "ACN-01")[-1]["by"] == "PER-16"
    page.journal_text.value = "Point fait avec la pilote."
    jid = page.add_entry()
    assert store.get("journal", jid)["author"] == "PER-16" and "(Laëtitia Bodin)" in page.view.value
    assert not hasattr(page, "budget_amount")


def test_parent_pilot_edits_the_sub_action_on_the_page(demo_workshop: Workshop) -> None:
    page = ActionSheets(_open(demo_workshop, "PER-07"), today=TODAY)  # pilot of ACN-17
    page.selector.value = "ACN-20"  # its sub-action, piloted by PER-10
    assert "completion" in page.sheet_inputs


def test_facilitator_sets_priority_and_a_budget_line(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    page = ActionSheets(_open(demo_workshop, None), today=TODAY)
    page.selector.value = "ACN-11"
    page.sheet_inputs["priority"].value = "élevée"
    assert page.save_sheet() is not None and store.get("actions", "ACN-11")["priority"] == "élevée"
    page.budget_year.value, page.budget_nature.value, page.budget_amount.value = "2027", "investissement", "5 000"
    assert page.save_budget_line() is not None
    assert "2027</strong> : 25\u202f000\u00a0€ — investissement 5\u202f000\u00a0€" in page.view.value
    assert store.history()[-1]["by"] == "animateur"
