"""Step 2 in real chromium on the real server: an actor with markup in its name is added
through the page; every open page's map shows it as text, and no script of it runs."""
from __future__ import annotations

import time

import pytest

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=alert(1)>"
PAGE = "parties_prenantes.ipynb"


def _open(page, server, person_id: str) -> list[str]:  # noqa: ANN001
    dialogs: list[str] = []
    page.set_default_timeout(120_000)  # a page's first rendering runs the analysis and builds the map
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url(PAGE, server.token(person_id)))
    page.wait_for_selector(".maillage-add-actor .maillage-save")
    return dialogs


def _map_frame_with(page, actor_id: str, timeout: float = 60):  # noqa: ANN001
    """The map frame (sandboxed srcdoc iframe) once it is settled and shows ``actor_id``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for frame in page.frames:
            try:
                found = frame.evaluate(
                    "id => document.body && document.body.dataset.ready === '1' && !!window.maillageNetwork"
                    " && !!window.maillageNetwork.body.data.nodes.get(id)", actor_id)
            except Exception:  # a frame being replaced by a newer map
                continue
            if found:
                return frame
        page.wait_for_timeout(250)
    raise AssertionError(f"la carte n'affiche pas {actor_id} après {timeout} s")


def test_actor_with_markup_added_through_the_page_shows_as_text(server, browser, page, assert_local):  # noqa: ANN001
    server.open_step("parties_prenantes")
    # a second participant already has the page open: their map must follow
    other = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    other_dialogs = _open(other, server, "PER-10")
    dialogs = _open(page, server, "PER-04")

    form = ".maillage-add-actor"
    page.fill(f"{form} .maillage-field-name input", HOSTILE)
    page.press(f"{form} .maillage-field-name input", "Tab")
    page.select_option(f"{form} .maillage-field-category select", label="association")
    page.click(f"{form} .maillage-field-power button[data-value='2']")
    page.click(f"{form} .maillage-field-interest button[data-value='3']")
    page.click(f"{form} .maillage-save")
    page.wait_for_selector(f"{form} .maillage-status.maillage-ok")

    (record,) = [a for a in server.store.all("actors") if a["name"] == HOSTILE]
    assert record["created_by"] == "PER-04" and record["power"] == 2 and record["interest"] == 3

    for viewer in (page, other):
        frame = _map_frame_with(viewer, record["id"])
        # drawn on the canvas as the very text typed, not parsed as markup
        assert frame.evaluate("id => window.maillageNetwork.body.data.nodes.get(id).label", record["id"]) == HOSTILE
        assert frame.locator("img").count() == 0
        assert HOSTILE in frame.eval_on_selector_all("#actor-names option", "os => os.map(o => o.value)")
        assert viewer.locator("img[src='x']").count() == 0
    # the rating list shows the name as text too
    options = page.eval_on_selector_all(".maillage-rate-actor select option", "os => os.map(o => o.textContent)")
    assert HOSTILE in [o.replace("\xa0", " ") for o in options]   # ipywidgets keeps spaces as nbsp
    page.wait_for_timeout(500)
    assert dialogs == [] and other_dialogs == []
    assert_local(page)
    other.context.close()


def test_probable_duplicate_is_flagged_before_saving(server, page):  # noqa: ANN001
    server.open_step("parties_prenantes")
    _open(page, server, "PER-12")
    before = server.store.count("actors")
    form = ".maillage-add-actor"
    page.fill(f"{form} .maillage-field-name input", "Conseil régional Nouvelle-Aquitaine")
    page.press(f"{form} .maillage-field-name input", "Tab")
    page.wait_for_selector(f"{form} .maillage-duplicates .maillage-warning")
    assert "Région Nouvelle-Aquitaine" in page.inner_text(f"{form} .maillage-duplicates")
    page.select_option(f"{form} .maillage-field-category select", label="cofinanceur")
    page.click(f"{form} .maillage-field-power button[data-value='4']")
    page.click(f"{form} .maillage-field-interest button[data-value='2']")
    page.click(f"{form} .maillage-save")
    page.wait_for_selector(f"{form} .maillage-status.maillage-error")
    assert server.store.count("actors") == before
    page.click(f"{form} .maillage-add-anyway")
    page.wait_for_selector(f"{form} .maillage-status.maillage-ok")
    assert server.store.count("actors") == before + 1
