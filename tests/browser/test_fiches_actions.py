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
