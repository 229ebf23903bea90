"""Real chromium on the real server: join, submit, confirmation, store, board, refusals."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def _join(page, server, person_id: str) -> None:  # noqa: ANN001
    page.goto(server.url("accueil.ipynb", server.token(person_id)))
    page.wait_for_selector(".maillage-save")


def test_join_submit_confirmed_stored_and_on_board(server, browser, page, assert_local) -> None:  # noqa: ANN001
    name = server.store.get("persons", "PER-06")["name"]
    board = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    board.goto(server.url("animateur.ipynb", server.facilitator))
    board.wait_for_selector(".maillage-section-joined .maillage-joined")

    _join(page, server, "PER-06")
    assert page.locator("h2", has_text=f"Bonjour {name}").is_visible()
    page.fill(".maillage-field-function input", "Responsable du service <i>urbanisme</i>")
    page.fill(".maillage-field-capacity_days input", "4,5")
    page.click(".maillage-save")
    page.wait_for_selector(".maillage-status.maillage-ok")
    assert re.search(r"Enregistré à \d\d:\d\d:\d\d", page.inner_text(".maillage-status"))

    record = server.store.get("persons", "PER-06")
    assert record["function"] == "Responsable du service <i>urbanisme</i>" and record["capacity_days"] == 4.5
    assert record["updated_by"] == "PER-06"

    # the board refreshes by itself (no reload): the join and the contribution appear
    board.wait_for_function(
        "n => document.querySelector('.maillage-section-latest') && "
        "document.querySelector('.maillage-section-latest').innerText.includes(n)", arg=name, timeout=30_000)
    assert "Profils" in board.inner_text(".maillage-board")
    board.click(".maillage-hide-names input")
    board.wait_for_function(
        "n => !document.querySelector('.maillage-board').innerText.includes(n)", arg=name, timeout=15_000)
    board.context.close()
    assert_local(page)


def test_reload_finds_answers_again(server, page) -> None:  # noqa: ANN001
    _join(page, server, "PER-08")
    page.fill(".maillage-field-function input", "Chargée de mission PAT")
    page.click(".maillage-save")
    page.wait_for_selector(".maillage-status.maillage-ok")
    page.reload()
    page.wait_for_selector(".maillage-save")
    assert page.input_value(".maillage-field-function input") == "Chargée de mission PAT"


def test_invalid_input_refused_and_kept(server, page) -> None:  # noqa: ANN001
    _join(page, server, "PER-10")
    before = server.store.get("persons", "PER-10")["capacity_days"]
    page.fill(".maillage-field-capacity_days input", "quarante")
    page.click(".maillage-save")
    page.wait_for_selector(".maillage-status.maillage-error")
    assert "entre 0 et 23" in page.inner_text(".maillage-status")
    assert page.input_value(".maillage-field-capacity_days input") == "quarante"
    assert server.store.get("persons", "PER-10")["capacity_days"] == before


def test_refused_without_token(server, page, assert_local) -> None:  # noqa: ANN001
    page.goto(server.url("accueil.ipynb"))
    page.wait_for_selector(".maillage-refus")
    text = page.inner_text("body")
    assert "Accès refusé" in text and "jeton" in text
    assert page.locator(".maillage-save").count() == 0 and page.locator(".maillage-page").count() == 0
    assert_local(page)


def test_refused_with_unknown_token(server, page) -> None:  # noqa: ANN001
    page.goto(server.url("accueil.ipynb", "inconnu"))
    page.wait_for_selector(".maillage-refus")
    assert "n'est pas (ou plus) valide" in page.inner_text(".maillage-refus")


def test_participant_refused_on_facilitator_pages(server, page) -> None:  # noqa: ANN001
    token = server.token("PER-02")
    for facilitator_page in ("animateur.ipynb", "gestion.ipynb"):
        page.goto(server.url(facilitator_page, token))
        page.wait_for_selector(".maillage-refus")
        assert "réservée à l'animateur" in page.inner_text(".maillage-refus")
        assert page.locator(".maillage-board").count() == 0


def test_reissued_link_refused_then_new_one_works(server, page) -> None:  # noqa: ANN001
    from toolkit.access import reissue_token

    old = server.token("PER-11")
    new = reissue_token(server.store, "PER-11", by="animateur")
    assert new != old
    page.goto(server.url("accueil.ipynb", old))
    page.wait_for_selector(".maillage-refus")
    assert page.locator(".maillage-save").count() == 0
    page.goto(server.url("accueil.ipynb", new))
    page.wait_for_selector(".maillage-save")
    assert page.locator(".maillage-refus").count() == 0


def test_step_opens_inside_the_welcome_page_and_saves(server, page, assert_local) -> None:  # noqa: ANN001
    """A participant opens the self-assessment from the welcome page's button: it is drawn
    in the same page (same kernel, no new page load), saves to the store, and « Retour à
    l'accueil » brings the welcome content back."""
    from toolkit import competences as C
    from toolkit.access import visits

    person = "PER-21"
    server.open_step("competences")
    _join(page, server, person)
    page.wait_for_selector(".maillage-step-competences", timeout=60_000)
    loaded = page.url
    page.click(".maillage-step-competences")
    stage = ".maillage-step-stage"
    n = 3 * server.store.count("competences")
    page.wait_for_function(
        "([sel, n]) => { const s = [...document.querySelectorAll(sel + ' .maillage-card .maillage-scale')];"
        " return s.length === n && s.every(e => e.querySelectorAll('button').length === 5); }",
        arg=[stage, n], timeout=60_000)
    assert page.url == loaded  # drawn in place: no navigation, no new kernel
    assert not page.is_visible(".maillage-field-function")  # the welcome content is put away

    cid = sorted(server.store.all("competences"), key=lambda c: (c["family"], c["name"]))[0]["id"]
    before = {r["competence_id"]: r for r in server.store.all("assessments", person_id=person)
              if r["source"] == C.SOURCE_SELF}
    old = before.get(cid)
    levels = tuple(((old[d] if old else 0) + 1) % 5 for d in C.DIMENSIONS)
    for dimension, level in zip(C.DIMENSIONS, levels):
        page.click(f"{stage} .maillage-cmp-{cid} .maillage-dim-{dimension} button[data-value='{level}']")
    page.wait_for_function(
        "sel => (document.querySelector(sel)?.innerText || '').includes('Enregistré à')",
        arg=f"{stage} .maillage-cmp-{cid} .maillage-status", timeout=30_000)
    [row] = [r for r in server.store.all("assessments", person_id=person, competence_id=cid)
             if r["source"] == C.SOURCE_SELF]
    assert tuple(row[d] for d in C.DIMENSIONS) == levels and row["updated_by"] == person

    page.click(".maillage-back")
    page.wait_for_selector(".maillage-field-function", state="visible", timeout=30_000)
    assert not page.is_visible(stage + " .maillage-card")
    # the board counts the step's visit as for a page of its own
    seen = visits(server.store)
    assert {"accueil", "competences"} <= set(seen[seen["person_id"] == person]["page"])
    assert_local(page)
