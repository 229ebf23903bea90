"""The self-assessment page in real chromium on the real server (phone-sized page).

A participant fills part of the form, closes the page, reopens the link and finds the
answers, completes the rest; the consultant's matrix shows them; another participant's
link shows none of them; the facilitator's board says who has completed.
"""
from __future__ import annotations

import pytest

from toolkit import competences as C
from toolkit.core import labels as L
from toolkit.core.formats import plain

pytestmark = pytest.mark.browser

PERSON = "PER-27"  # Martine Guérin: no self-assessment in the demo
OTHER = "PER-19"
COMMENT = "Trente ans de commerce <b>rue Nationale</b>"
SAVED = "Enregistré à"


def _open(page, server, person_id):  # noqa: ANN001
    """Open the person's link and wait until every scale is drawn with its five buttons."""
    page.goto(server.url("competences.ipynb", server.token(person_id)))
    page.wait_for_function(
        "n => { const s = [...document.querySelectorAll('.maillage-card .maillage-scale')];"
        " return s.length === n && s.every(e => e.querySelectorAll('button').length === 5); }",
        arg=3 * server.store.count("competences"), timeout=120_000)


def _select(page, cid, dimension, level):  # noqa: ANN001
    """One tap on the level's button."""
    page.click(f".maillage-cmp-{cid} .maillage-dim-{dimension} button[data-value='{level}']")


def _rate(page, cid, levels):  # noqa: ANN001
    for dimension, level in zip(C.DIMENSIONS, levels):
        _select(page, cid, dimension, level)
    page.wait_for_function(
        "([sel, text]) => (document.querySelector(sel)?.innerText || '').includes(text)",
        arg=[f".maillage-cmp-{cid} .maillage-status", SAVED], timeout=30_000)


def _shown(page, cid, dimension):  # noqa: ANN001
    """The level shown as chosen (its button pressed), or None."""
    return page.eval_on_selector(f".maillage-cmp-{cid} .maillage-dim-{dimension}",
                                 "e => { const b = e.querySelector('button.mod-active');"
                                 " return b ? Number(b.dataset.value) : null; }")


def _answers(store, person_id):  # noqa: ANN001
    rows = [r for r in store.all("assessments", person_id=person_id) if r["source"] == C.SOURCE_SELF]
    return {r["competence_id"]: (r["savoir"], r["vouloir"], r["pouvoir"]) for r in rows}


def _recorded(page):  # noqa: ANN001
    """A new tab that records its requests like the ``page`` fixture (for ``assert_local``)."""
    page.set_default_timeout(180_000)  # a fresh kernel may have to start: pools refill later
    page.requests = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("websocket", lambda ws: page.requests.append(ws.url))
    return page


def _levels(i):  # a different, known answer for each competence
    return (i % 5, (i + 2) % 5, (i + 4) % 5)


def test_fill_close_reopen_complete_and_private(server, browser, page, assert_local):  # noqa: ANN001
    page.set_default_timeout(180_000)
    server.open_step("competences")
    order = [c["id"] for c in sorted(server.store.all("competences"), key=lambda c: (c["family"], c["name"]))]
    first, rest = order[:3], order[3:]

    # part of the form, on a phone
    _open(page, server, PERSON)
    page.fill(".maillage-capacity input", "2,5")
    page.press(".maillage-capacity input", "Tab")
    page.wait_for_function("t => document.querySelector('.maillage-capacity-status').innerText.includes(t)",
                           arg=SAVED, timeout=30_000)
    for i, cid in enumerate(first):
        _rate(page, cid, _levels(i))
    page.fill(f".maillage-cmp-{first[0]} .maillage-comment textarea", COMMENT)
    page.press(f".maillage-cmp-{first[0]} .maillage-comment textarea", "Tab")
    page.wait_for_function("() => document.querySelectorAll('.maillage-card .maillage-ok').length >= 3")
    _select(page, rest[0], "savoir", 4)  # started, not complete: nothing to save yet
    page.wait_for_function(
        "sel => (document.querySelector(sel)?.innerText || '').includes('compléter')",
        arg=f".maillage-cmp-{rest[0]} .maillage-status")
    stored = _answers(server.store, PERSON)
    assert stored == {cid: _levels(i) for i, cid in enumerate(first)}
    assert server.store.get("persons", PERSON)["capacity_days"] == 2.5
    assert_local(page)
    context = page.context
    page.close()  # the tab is closed

    # the link reopened: the answers are there
    page = _recorded(context.new_page())
    _open(page, server, PERSON)
    for i, cid in enumerate(first):
        for dimension, level in zip(C.DIMENSIONS, _levels(i)):
            assert _shown(page, cid, dimension) == level
    assert page.input_value(f".maillage-cmp-{first[0]} .maillage-comment textarea") == COMMENT
    assert page.input_value(".maillage-capacity input") == "2.5"
    assert _shown(page, rest[0], "savoir") is None

    # completed, one earlier answer changed
    for i, cid in enumerate(rest, start=len(first)):
        _rate(page, cid, _levels(i))
    _select(page, first[1], "vouloir", 4)
    page.wait_for_function("t => document.querySelector('.maillage-progress').innerText.includes(t)",
                           arg=L.SELF_ASSESSMENT["progress_done"][:25], timeout=30_000)
    page.wait_for_function(
        "([sel, n]) => document.querySelector(sel).innerText.includes(n)",
        arg=[f".maillage-cmp-{first[1]} .maillage-status", SAVED])

    expected = {cid: _levels(i) for i, cid in enumerate(order)}
    expected[first[1]] = (_levels(1)[0], 4, _levels(1)[2])
    assert _answers(server.store, PERSON) == expected
    # the consultant's matrix shows them
    f = server.store.frames(["assessments", "persons", "competences"])
    m = C.matrix(f["assessments"], "vouloir", f["persons"], f["competences"])
    assert {cid: int(m.loc[PERSON, cid]) for cid in order} == {cid: v for cid, (_s, v, _p) in expected.items()}
    assert C.self_assessment_progress(f["assessments"], f["persons"], f["competences"]).loc[PERSON, "complete"]
    assert_local(page)

    # another participant's link shows none of it
    other = _recorded(browser.new_context(viewport={"width": 390, "height": 844}).new_page())
    _open(other, server, OTHER)
    assert all(_shown(other, cid, d) is None for cid in first for d in C.DIMENSIONS)
    assert "rue Nationale" not in other.content()
    assert other.input_value(f".maillage-cmp-{first[0]} .maillage-comment textarea") == ""
    assert_local(other)
    other.context.close()

    # the facilitator's board: who has completed, no answers until asked
    board = _recorded(browser.new_context(viewport={"width": 1280, "height": 900}).new_page())
    board.goto(server.url("animateur.ipynb", server.facilitator))
    board.wait_for_selector(".maillage-self-assessment-board")
    name = server.store.get("persons", PERSON)["name"]
    board.wait_for_function("n => document.querySelector('.maillage-self-assessment-board').innerText.includes(n)",
                            arg=name)
    text = board.inner_text(".maillage-self-assessment-board")
    assert "1 auto-évaluation terminée" in plain(text) and "rue Nationale" not in text
    assert board.locator(".maillage-self-assessment-board table").count() == 0
    assert_local(board)
    board.context.close()
