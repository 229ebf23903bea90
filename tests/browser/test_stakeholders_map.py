"""The network map in a real browser (Debian's chromium through Playwright), offline.

The page is opened from a file with every network request recorded (and refused): the
map must become interactive without any, show a hostile actor name as text, and run no
script of it (no dialog, no element injected). ``browser`` comes from ``conftest.py``.
"""
from __future__ import annotations

import pandas as pd
import pytest

from toolkit import stakeholders as S
from toolkit.viz import network_map as M

pytestmark = pytest.mark.browser

HOSTILE = "<img src=x onerror=alert(1)>"


def open_map(browser, path):
    page = browser.new_page(viewport={"width": 1100, "height": 760})
    seen = {"dialogs": [], "requests": [], "errors": []}
    page.on("dialog", lambda d: (seen["dialogs"].append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: seen["errors"].append(str(e)))

    def refuse_remote(route):
        if not route.request.url.startswith("file:"):
            seen["requests"].append(route.request.url)
            return route.abort()
        return route.continue_()

    page.route("**/*", refuse_remote)
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=30000)
    return page, seen


def test_demo_map_with_hostile_name_runs_offline_and_shows_text(browser, demo_workshop, tmp_path):
    store = demo_workshop.store
    aid = store.insert("actors", {"name": HOSTILE, "category": "association", "power": 3, "interest": 2}, by="test")
    store.insert("relations", {"source_id": aid, "target_id": "ACT-01", "type": "conflit"}, by="test")
    f = store.frames(["actors", "relations"])
    g = S.relation_graph(f["actors"], f["relations"])
    path = M.save_map(M.network_map_html(g, S.network_metrics(g)), tmp_path / "carte.html")

    page, seen = open_map(browser, path)
    # the label drawn on the canvas is the name as typed, not markup
    assert page.evaluate("id => window.maillageNetwork.body.data.nodes.get(id).label", aid) == HOSTILE
    assert page.locator("img").count() == 0
    # physics stopped once the layout settled
    assert page.evaluate("() => window.maillageNetwork.physics.options.enabled") is False
    # hovering the actor shows its tooltip as plain text
    point = page.evaluate("""id => {
        const n = window.maillageNetwork; const p = n.canvasToDOM(n.getPositions([id])[id]);
        const r = document.getElementById('map').getBoundingClientRect();
        return {x: p.x + r.left, y: p.y + r.top}; }""", aid)
    page.mouse.move(point["x"], point["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    assert tooltip.inner_text().startswith(HOSTILE)
    # innerText turns the line breaks into <br>; nothing else is an element
    assert tooltip.evaluate("t => [...t.querySelectorAll('*')].map(e => e.tagName)") == ["BR"] * 4
    # the search box finds it too (datalist option carries the raw name as its value)
    assert HOSTILE in page.eval_on_selector_all("#actor-names option", "os => os.map(o => o.value)")
    page.wait_for_timeout(300)
    assert seen == {"dialogs": [], "requests": [], "errors": []}
    page.close()


def test_map_in_sandboxed_iframe_works(browser, tmp_path):
    actors = pd.DataFrame([{"id": "A", "name": HOSTILE, "category": "élu", "power": 2, "interest": 2},
                           {"id": "B", "name": "Région", "category": "cofinanceur", "power": 4, "interest": 1}])
    rel = pd.DataFrame([{"id": "R", "source_id": "B", "target_id": "A", "type": "financement", "weight": 2}])
    frame = M.map_iframe(M.network_map_html(S.relation_graph(actors, rel)), height=400)
    host = tmp_path / "hote.html"
    host.write_text(f"<!DOCTYPE html><html><body><h1>Hôte</h1>{frame}</body></html>", encoding="utf-8")
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(host.as_uri())
    inner = page.frame_locator("iframe")
    inner.locator("body[data-ready='1']").wait_for(timeout=30000)
    assert inner.locator("#legend summary").inner_text() == "Légende"
    assert page.locator("img").count() == 0 and inner.locator("img").count() == 0
    assert dialogs == []
    page.close()
