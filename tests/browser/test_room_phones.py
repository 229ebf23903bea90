"""The room on phones (issue 17): pages that fit a 360 or 390 px screen and tell the truth
about their connection.

- Every participant page and every step opened from the welcome page: nothing scrolls
  sideways (``scrollWidth > clientWidth`` on every element; text inputs, which scroll
  their own text, excepted), text at 16 px at least, touch targets 44 px high, no record
  identifier, no English from Voilà.
- The network cut (``context.set_offline``) and the kernel's websocket dropped (Playwright
  closes it and refuses reconnections for a while): a banner says so, a change made
  meanwhile is « En attente de connexion… » until the kernel has saved it, then the banner
  says it is saved; a double tap during the cut saves once, with no red failure.
"""
from __future__ import annotations

import os
import re
import tempfile
import time
from pathlib import Path

import pytest

from toolkit.core import labels as L

pytestmark = pytest.mark.browser

PILOT = "PER-04"  # pilots sheets (forms on the action sheets), has RACI actions
IDENTIFIER = re.compile(r"\b(?:PER|TAC|ACN|EVA|RAC|ACT|CMP|REL|NOT|JRN|AXE|REQ|PJ|SCN)-[0-9A-Fa-f]{2,}")
ENGLISH = re.compile(r"Running|Executing \d|Reading \d|Loading widget|Error displaying widget")
STEPS = ("parties_prenantes", "competences", "raci", "fiches_actions")

#: Every element wider inside than its box (text inputs scroll their own text: allowed).
OVERFLOWING = """() => [...document.querySelectorAll('*')].filter(e => e.scrollWidth > e.clientWidth
    && !['INPUT', 'TEXTAREA', 'OPTION', 'SELECT'].includes(e.tagName) && e.getClientRects().length)
  .map(e => e.tagName + '.' + [...e.classList].slice(-3).join('.') + ' ' + e.scrollWidth + '>' + e.clientWidth)"""
#: Visible text under 16 px in the page.
SMALL_TEXT = """() => [...document.querySelectorAll('.maillage-page *')].filter(e => e.getClientRects().length
    && [...e.childNodes].some(n => n.nodeType === 3 && n.data.trim())
    && parseFloat(getComputedStyle(e).fontSize) < 16)
  .map(e => e.tagName + '.' + [...e.classList].slice(-2).join('.') + ' ' + getComputedStyle(e).fontSize)"""
#: Visible controls less than 44 px high (a checkbox's row is measured, not its box).
SMALL_TARGETS = """() => [...document.querySelectorAll(`.maillage-page button, .maillage-page select,
    .maillage-page input:not([type=checkbox]), .maillage-page textarea, .maillage-page .widget-checkbox`)]
  .filter(e => e.getClientRects().length && e.getBoundingClientRect().height < 43.5)
  .map(e => e.tagName + '.' + [...e.classList].slice(-2).join('.') + ' ' + e.getBoundingClientRect().height)"""
#: Visible English from Voilà, looked for every 20 ms from the first byte of the page.
WATCH_ENGLISH = """window.__english = []; setInterval(() => { const t = document.body && document.body.innerText;
  const m = t && t.match(/%s/); if (m) window.__english.push(m[0]); }, 20);""" % ENGLISH.pattern


def _phone(browser, width: int):  # noqa: ANN001, ANN202
    height = {360: 780, 390: 844}[width]
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=True, has_touch=True,
                                  locale="fr-FR")
    context.add_init_script(WATCH_ENGLISH)
    page = context.new_page()
    page.set_default_timeout(120_000)
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("websocket", lambda ws: page.requests.append(ws.url))
    return page


def _settled(page) -> None:  # noqa: ANN001
    """Wait until the page's widgets are drawn (no placeholder left) and still for a moment."""
    page.wait_for_selector(".maillage-page")
    page.wait_for_function("() => !document.querySelector('#loading') && "
                           "!/Chargement…/.test(document.querySelector('#rendered_cells').innerText)")
    page.wait_for_timeout(1500)


def _check_fits(page, where: str) -> None:  # noqa: ANN001
    assert page.evaluate(OVERFLOWING) == [], f"{where} : déborde sur le côté"
    assert page.evaluate(SMALL_TEXT) == [], f"{where} : texte de moins de 16 px"
    assert page.evaluate(SMALL_TARGETS) == [], f"{where} : cibles de moins de 44 px"
    text = page.inner_text("body")
    assert not IDENTIFIER.findall(text), f"{where} : identifiants montrés {IDENTIFIER.findall(text)}"
    assert page.evaluate("() => window.__english") == [], f"{where} : anglais de Voilà"


@pytest.mark.parametrize("width", [360, 390])
def test_every_page_and_open_step_fits_the_phone(server, browser, assert_local, width) -> None:  # noqa: ANN001
    for step in STEPS:
        server.open_step(step)
    page = _phone(browser, width)
    token = server.token(PILOT)
    for step in STEPS:  # each step's own page
        page.goto(server.url(f"{step}.ipynb", token))
        _settled(page)
        _check_fits(page, f"{step} ({width} px)")
    page.goto(server.url("accueil.ipynb", token))  # the welcome page, then each step inside it
    page.wait_for_selector(".maillage-step-fiches_actions")
    _settled(page)
    _check_fits(page, f"accueil ({width} px)")
    for step in STEPS:
        page.click(f".maillage-step-{step}")
        page.wait_for_selector(".maillage-step-stage .maillage-back", state="visible")
        page.wait_for_timeout(2500)
        _check_fits(page, f"accueil → {step} ({width} px)")
        page.click(".maillage-back")
        page.wait_for_selector(f".maillage-step-{step}", state="visible")
    assert_local(page)
    page.context.close()


SHOTS = Path(os.environ.get("MAILLAGE_SHOTS", tempfile.gettempdir())) / "maillage-shots"


@pytest.mark.parametrize("width", [360, 390])
def test_long_lists_searched_on_the_phone(server, browser, width) -> None:  # noqa: ANN001
    """30 actors or persons in one drop-down: a few letters typed list the matches, whole and
    wrapped, as targets of 44 px; a tap chooses. The page still fits the phone."""
    server.open_step("parties_prenantes")
    server.open_step("raci")
    actor = server.store.get("actors", "ACT-26")["name"]
    page = _phone(browser, width)
    page.goto(server.url("parties_prenantes.ipynb", server.token(PILOT)))
    _settled(page)
    search = page.locator(".maillage-choice-search:has(.maillage-rate-actor) .maillage-choice-search-field input")
    search.scroll_into_view_if_needed()
    search.fill(actor[:5].lower())
    results = page.locator(".maillage-choice-search:has(.maillage-rate-actor) .maillage-choice-search-result:visible")
    results.first.wait_for()
    labels = results.all_inner_texts()
    assert actor in labels and all(actor[:5].lower() in label.lower() for label in labels)
    _check_fits(page, f"parties prenantes, recherche ({width} px)")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"recherche-acteur-{width}.png"))
    results.nth(labels.index(actor)).tap()
    page.wait_for_function("() => !document.querySelector("
                           "'.maillage-choice-search:has(.maillage-rate-actor) .maillage-choice-search-result:not(.maillage-hidden)')")
    chosen = page.locator(".maillage-rate-actor select")
    chosen_text = chosen.evaluate("s => s.options[s.selectedIndex].text").replace("\xa0", " ")  # ipywidgets: nbsp
    assert chosen_text == actor and search.input_value() == ""
    page.goto(server.url("raci.ipynb", server.token(PILOT)))  # the persons of a RACI proposal
    _settled(page)
    person = page.locator(".maillage-choice-search:has(.maillage-raci-person) .maillage-choice-search-field input").first
    person.scroll_into_view_if_needed()
    person.fill("e")
    page.locator(".maillage-choice-search-result:visible").first.wait_for()
    _check_fits(page, f"raci, recherche ({width} px)")
    page.screenshot(path=str(SHOTS / f"recherche-personne-{width}.png"))
    page.context.close()


def test_self_assessment_one_tap_per_answer_with_the_count_in_sight(server, browser) -> None:  # noqa: ANN001
    server.open_step("competences")
    page = _phone(browser, 360)
    page.goto(server.url("competences.ipynb", server.token("PER-05")))
    page.wait_for_selector(".maillage-card .maillage-scale button")
    cards = page.locator(".maillage-card")
    last = cards.nth(cards.count() - 1)
    last.scroll_into_view_if_needed()
    bar = page.locator(".maillage-progress-bar")
    box = bar.bounding_box()
    assert box and box["y"] + box["height"] <= 780 + 1 and "sur 18" in bar.inner_text()  # still in sight
    taps = 0
    for dimension, level in (("savoir", 1), ("vouloir", 3), ("pouvoir", 2)):
        last.locator(f".maillage-dim-{dimension} button[data-value='{level}']").tap()
        taps += 1
    last.locator(".maillage-status.maillage-ok").wait_for()
    assert taps == 3 and "Enregistré à" in last.locator(".maillage-status").inner_text()
    page.context.close()


def test_loading_texts_and_missing_page_in_french_with_nothing_remote(server, browser, assert_local) -> None:  # noqa: ANN001
    page = _phone(browser, 390)
    page.goto(server.url("accueil.ipynb", server.token("PER-03")))
    page.wait_for_selector(".maillage-save")
    assert page.evaluate("() => window.__english") == []
    response = page.goto(f"{server.base_url}/voila/render/nexiste-pas.ipynb")
    assert response.status == 404
    text = page.inner_text("body")
    assert L.ERROR_PAGE["404_title"] in text and "does not exist" not in text
    assert page.evaluate("() => [...document.styleSheets].filter(s => s.href).length") == 0
    for path in ("/nexiste/pas", "/voila/tree"):  # a URL no handler matches: the same French page
        response = page.goto(f"{server.base_url}{path}")
        text = page.inner_text("body")
        assert response.status == 404 and L.ERROR_PAGE["404_title"] in text and "Not Found" not in text, path
        assert page.evaluate("() => [...document.styleSheets].filter(s => s.href).length") == 0
    assert_local(page)
    page.context.close()


def _banner(page) -> str:  # noqa: ANN001
    return page.evaluate("() => { const b = document.getElementById('maillage-connection');"
                         " return b && b.style.display !== 'none' ? b.innerText : ''; }")


def test_network_cut_change_pending_then_saved(server, browser) -> None:  # noqa: ANN001
    """The issue's cut: a competence card must not keep « Enregistré » for a level that is
    not saved; the banner says the page is offline, then that the change is saved."""
    from toolkit import competences as C

    person = "PER-05"
    server.open_step("competences")
    page = _phone(browser, 390)
    page.goto(server.url("competences.ipynb", server.token(person)))
    page.wait_for_selector(".maillage-card .maillage-scale button")
    card = page.locator(".maillage-card").first
    cid = re.search(r"maillage-cmp-(\S+)", card.get_attribute("class")).group(1)
    for dimension in C.DIMENSIONS:
        card.locator(f".maillage-dim-{dimension} button[data-value='2']").click()
    page.wait_for_function("c => document.querySelector(c).innerText.includes('Enregistré à')",
                           arg=f".maillage-cmp-{cid} .maillage-status")

    def stored() -> int:
        (row,) = [r for r in server.store.all("assessments", person_id=person, competence_id=cid)
                  if r["source"] == C.SOURCE_SELF]
        return row["savoir"]

    page.context.set_offline(True)
    page.wait_for_function("t => document.getElementById('maillage-connection').innerText === t",
                           arg=L.CONNECTION["offline"], timeout=10_000)
    card.locator(".maillage-dim-savoir button[data-value='4']").click()
    status = card.locator(".maillage-status")
    assert status.inner_text() == L.CONNECTION["pending"]
    time.sleep(3)
    assert stored() == 2 and status.inner_text() == L.CONNECTION["pending"]  # not saved, not said saved

    page.context.set_offline(False)
    page.wait_for_function("t => document.getElementById('maillage-connection').innerText === t",
                           arg=L.CONNECTION["saved"], timeout=60_000)
    assert (stored(), status.inner_text()[:12]) == (4, "Enregistré à"), (
        status.inner_text(), status.get_attribute("class"),
        server.store.all("assessments", person_id=person, competence_id=cid))
    page.wait_for_function("() => document.getElementById('maillage-connection').style.display === 'none'",
                           timeout=15_000)
    page.context.close()


def test_dropped_websocket_double_tap_saves_once_without_false_failure(server, browser) -> None:  # noqa: ANN001
    person = "PER-03"
    page = _phone(browser, 360)
    cut = {"on": False}
    live = []

    def route(ws) -> None:  # noqa: ANN001
        if cut["on"]:  # the kernel cannot be reached while the connection is cut
            ws.close(code=4000, reason="coupure")
            return
        ws.connect_to_server()
        live.append(ws)

    page.route_web_socket(re.compile(r"/api/kernels/"), route)
    page.goto(server.url("accueil.ipynb", server.token(person)))
    page.wait_for_selector(".maillage-save")
    page.wait_for_function("() => window.maillageConnection().open === 1")
    before = server.store.get("persons", person)

    cut["on"] = True
    for ws in live:
        ws.close(code=4000, reason="coupure")
    page.wait_for_function("() => document.getElementById('maillage-connection').style.display === 'block'",
                           timeout=10_000)
    assert _banner(page) in (L.CONNECTION["reconnecting"], L.CONNECTION["offline"])
    page.fill(".maillage-field-function input", "Directrice générale des services")
    page.click(".maillage-save")
    page.click(".maillage-save")  # a double tap during the cut
    assert page.inner_text(".maillage-form .maillage-status") == L.CONNECTION["pending"]
    time.sleep(2)
    assert server.store.get("persons", person)["version"] == before["version"]  # nothing arrived

    cut["on"] = False
    page.wait_for_function("t => document.getElementById('maillage-connection').innerText === t",
                           arg=L.CONNECTION["saved"], timeout=90_000)
    after = server.store.get("persons", person)
    assert after["function"] == "Directrice générale des services"
    assert after["version"] == before["version"] + 1  # saved once
    status = page.locator(".maillage-form .maillage-status")
    assert "Enregistré à" in status.inner_text() and "maillage-error" not in status.get_attribute("class")
    page.context.close()
