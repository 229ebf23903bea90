"""Step 8 in a real browser: a pilot updates their sheet's state and journal on the action
sheets page; another pilot reads that sheet but cannot change it."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PILOT = "PER-04"  # Sandrine Pougnard, pilot of ACN-01 (boutique à l'essai)
OTHER = "PER-12"  # Élodie Marchais, pilot of ACN-11 (diagnostic agricole)


def test_pilot_updates_state_and_journal_other_pilot_cannot(server, browser, page, assert_local) -> None:  # noqa: ANN001
    server.open_step("fiches_actions")
    before = server.store.get("actions", "ACN-01")
    page.goto(server.url("fiches_actions.ipynb", server.token(PILOT)))
    page.wait_for_selector(".maillage-save-sheet")
    assert "Boutique à l'essai rue Nationale" in page.inner_text(".maillage-sheet-view")

    page.locator(".maillage-field-state select").select_option(label="engagée")
    page.fill(".maillage-field-completion input", "45")
    page.click(".maillage-save-sheet")
    page.wait_for_selector(".maillage-status-sheet.maillage-ok")
    assert re.search(r"Enregistré à \d\d:\d\d:\d\d", page.inner_text(".maillage-status-sheet"))
    record = server.store.get("actions", "ACN-01")
    assert (record["state"], record["completion"], record["updated_by"]) == ("engagée", 45, PILOT)
    assert record["version"] == before["version"] + 1

    page.locator(".maillage-field-kind select").select_option(label="décision")
    page.fill(".maillage-field-text textarea", "Bail signé avec le propriétaire <b>du 12</b>.")
    page.click(".maillage-save-journal")
    page.wait_for_selector(".maillage-status-journal.maillage-ok")
    (entry,) = [j for j in server.store.all("journal", action_id="ACN-01") if j["author"] == PILOT
                and j["text"].startswith("Bail signé")]
    assert entry["kind"] == "décision" and entry["created_by"] == PILOT
    page.wait_for_function("() => document.querySelector('.maillage-sheet-view').innerText"
                           ".includes('Bail signé avec le propriétaire <b>du 12</b>.')")
    assert_local(page)

    # another pilot sees the sheet, and no form to change it
    other = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    other.set_default_timeout(60_000)
    other.goto(server.url("fiches_actions.ipynb", server.token(OTHER)))
    other.wait_for_selector(".maillage-save-sheet")  # their own sheet (ACN-11) is editable
    other.locator(".maillage-sheet-choice select").select_option(
        label="Boutique à l'essai rue Nationale (Sandrine Pougnard)")  # named, no number
    other.wait_for_selector(".maillage-read-only")
    assert "seul son pilote (Sandrine Pougnard)" in other.inner_text(".maillage-read-only")
    assert other.locator(".maillage-save-sheet").count() == 0
    assert other.locator(".maillage-save-journal").count() == 0
    assert "Bail signé" in other.inner_text(".maillage-sheet-view")
    after = server.store.get("actions", "ACN-01")
    assert (after["completion"], after["version"]) == (45, record["version"])
    other.context.close()


EDITOR = "PER-16"  # Laëtitia Bodin, named to edit every sheet, pilots none
FIELDS_SHOWN = ("Priorité", "Budget par année", "2026 : 30 000 € — investissement 0 €, fonctionnement 30 000 €",
                "Total des aides : 35 000 € (70 % du budget)", "Autofinancement de la collectivité : 15 000 €",
                "Étapes (2 faites sur 4)", "☐ Atelier de restitution avec les producteurs — échéance le 15/02/2027")


def _phone_page(browser, width: int):  # noqa: ANN001, ANN202
    context = browser.new_context(viewport={"width": width, "height": {360: 780, 390: 844}[width]},
                                  is_mobile=True, has_touch=True, locale="fr-FR")
    pg = context.new_page()
    pg.set_default_timeout(120_000)
    return pg


def _fits(pg, where: str) -> None:  # noqa: ANN001
    from .test_room_phones import IDENTIFIER, OVERFLOWING, SMALL_TARGETS, SMALL_TEXT

    assert pg.evaluate(OVERFLOWING) == [], f"{where} : déborde sur le côté"
    assert pg.evaluate(SMALL_TEXT) == [], f"{where} : texte de moins de 16 px"
    assert pg.evaluate(SMALL_TARGETS) == [], f"{where} : cibles de moins de 44 px"
    assert not IDENTIFIER.findall(pg.inner_text("body")), where


def test_named_editor_ticks_a_step_of_another_pilots_sheet_on_a_phone(server, browser) -> None:  # noqa: ANN001
    """Issue 19 §4 and §9: with her own link, the person named to edit every sheet opens
    Élodie Marchais's sheet (en pause, co-funders, budget by year, steps), ticks a step
    with one tap; the history has her id; the page fits 360 and 390 px."""
    server.open_step("fiches_actions")
    for width in (360, 390):
        pg = _phone_page(browser, width)
        pg.goto(server.url("fiches_actions.ipynb", server.token(EDITOR)))
        pg.wait_for_selector(".maillage-sheet-choice select")
        assert "toutes les fiches actions vous est confiée" in pg.inner_text(".maillage-mine")
        pg.locator(".maillage-sheet-choice select").select_option(
            label="Diagnostic agricole et alimentaire partagé (Élodie Marchais)")
        pg.wait_for_function("() => document.querySelector('.maillage-sheet-title').innerText"
                             ".includes('Diagnostic agricole')")  # that sheet drawn, not the first one
        pg.wait_for_selector(".maillage-step >> text=Données de la Chambre")
        view = pg.inner_text(".maillage-sheet-view").replace("\u202f", " ").replace("\u00a0", " ")
        for text in FIELDS_SHOWN:
            assert text in view, text
        pg.wait_for_timeout(1500)
        _fits(pg, f"fiches actions ({width} px)")
        if width == 390:  # the last: the tick changes the sheet
            step = pg.locator(".maillage-step", has_text="Données de la Chambre d'agriculture")
            step.locator("input[type=checkbox]").tap()
            pg.wait_for_selector(".maillage-status-steps.maillage-ok")
            pg.wait_for_function("() => [...document.querySelectorAll('.maillage-step')].some(e => "
                                 "e.innerText.includes('Chambre') && e.innerText.includes('faite le'))")
            record = server.store.get("action_steps", "ETP-03")
            assert record["done"] is True and record["updated_by"] == EDITOR
            assert "Gestion" not in pg.inner_text("body")  # her link opens no facilitator page
        pg.context.close()
