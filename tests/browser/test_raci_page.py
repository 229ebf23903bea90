"""Step 4 in a real browser: a participant proposes a letter on the RACI page, the
consultant accepts it through ``toolkit.raci.accept``, and the page shows it validated."""
from __future__ import annotations

import re

import pytest

from toolkit import raci

pytestmark = pytest.mark.browser

PILOT = "PER-10"  # Manon Lestang, pilot of ACN-20 (observatoire)


def test_proposal_accepted_by_the_consultant_shows_validated_with_history(server, page, assert_local) -> None:  # noqa: ANN001
    server.open_step("raci")
    page.goto(server.url("raci.ipynb", server.token(PILOT)))
    card = page.locator(".maillage-raci-ACN-20")
    card.locator(".maillage-save").wait_for()

    card.locator(".maillage-raci-task select").select_option(
        label="Tableau de bord cartographique de l'observatoire")
    card.locator(".maillage-raci-person select").select_option(label="Frédéric Pineau (CCI des Deux-Sèvres)")
    card.locator(".maillage-raci-letter select").select_option(label="I – Informé")
    card.locator(".maillage-raci-comment input").fill("La CCI relaiera le tableau de bord <b>aux commerçants</b>")
    card.locator(".maillage-save").click()
    card.locator(".maillage-status.maillage-ok").wait_for()
    assert re.search(r"Proposition enregistrée à \d\d:\d\d:\d\d", card.locator(".maillage-status").inner_text())

    # saved means saved: the proposal is in the store, attributed, and not yet in the matrix
    (rec,) = [r for r in server.store.all("raci", task_id="TAC-067", person_id="PER-26")
              if r["status"] == "proposée"]
    assert (rec["proposed_by"], rec["created_by"], rec["letter"]) == (PILOT, PILOT, "I")
    assert rec["comment"] == "La CCI relaiera le tableau de bord <b>aux commerçants</b>"
    mine = page.locator(f".maillage-raci-proposal[data-id='{rec['id']}']")
    assert "en attente" in mine.inner_text()
    assert page.locator(".maillage-raci-row", has=mine).locator(".maillage-raci-withdraw").count() == 1

    # the consultant accepts (carnet 04_raci); the page refreshes by itself
    raci.accept(server.store, rec["id"], by="animateur")
    page.wait_for_function(
        "id => { const e = document.querySelector(`.maillage-raci-proposal[data-id='${id}']`);"
        " return e && e.innerText.includes('acceptée'); }", arg=rec["id"], timeout=30_000)
    row = page.locator(".maillage-raci-row", has=page.locator(f"[data-id='{rec['id']}']"))
    assert row.locator(".maillage-raci-withdraw").count() == 0  # decided: no longer withdrawable

    assert raci.matrix(server.store.frames(), "ACN-20").loc["TAC-067", "PER-26"] == "I"
    history = [(h["op"], h["by"], h["new"].get("status") if h["new"] else None)
               for h in server.store.history("raci", rec["id"])]
    assert history == [("insert", PILOT, "proposée"), ("update", "animateur", "validée")]
    assert_local(page)
