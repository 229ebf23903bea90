"""Pictures of the stakeholder step: the offline, escaped network map and the grid."""
from __future__ import annotations

import html
import re

import networkx as nx
import pandas as pd
import pytest
from matplotlib.figure import Figure

from toolkit.core import labels as L
from toolkit import stakeholders as S
from toolkit.viz import grid as G
from toolkit.viz import network_map as M

HOSTILE = "<img src=x onerror=alert(1)>"
BREAKOUT = "</script><script>alert(2)</script>"


def small_graph(*extra_names: str) -> nx.MultiDiGraph:
    rows = [
        {"id": "A", "name": "Mairie", "category": "élu", "power": 4, "interest": 4, "attitude": "allié", "mobilised": True},
        {"id": "B", "name": "Région", "category": "cofinanceur", "power": 2, "interest": 1, "attitude": "neutre",
         "mobilised": False},
        {"id": "C", "name": "Association", "category": "association", "power": 0, "interest": 3,
         "attitude": "opposant", "mobilised": False},
    ]
    rows += [{"id": f"X{i}", "name": n, "category": "habitants", "power": 1, "interest": 1} for i, n in enumerate(extra_names)]
    rels = pd.DataFrame([
        {"id": "R1", "source_id": "B", "target_id": "A", "type": "financement", "weight": 3},
        {"id": "R2", "source_id": "A", "target_id": "C", "type": "conflit", "weight": 1},
        {"id": "R3", "source_id": "C", "target_id": "A", "type": "coopération", "weight": 2},
    ])
    return S.relation_graph(pd.DataFrame(rows), rels)


REMOTE = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""",
                    re.IGNORECASE)


def test_map_references_no_remote_resource():
    doc = M.network_map_html(small_graph())
    assert not REMOTE.search(doc)
    # vis-network is inlined, and the page forbids any fetch should one slip in
    assert "vis.Network" in doc and 'src="' not in doc.split("<body")[0]
    assert "default-src 'none'" in doc
    assert "<link" not in doc


def test_hostile_names_are_escaped_everywhere():
    doc = M.network_map_html(small_graph(HOSTILE, BREAKOUT))
    assert HOSTILE not in doc and BREAKOUT not in doc
    # no script element more than in a harmless map (vis-network's code quotes "<script>" once)
    assert doc.lower().count("<script") == M.network_map_html(small_graph()).lower().count("<script")
    assert doc.lower().count("</script") == 2
    # as data in the script (JSON with <, > escaped) and as text in the search list
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in doc
    assert html.escape(HOSTILE, quote=True) in doc
    assert "\\u003c/script\\u003e" in doc


def test_node_and_edge_styles():
    net = M.build_network(small_graph())
    nodes = {n["id"]: n for n in net.nodes}
    assert nodes["A"]["size"] > nodes["B"]["size"] > nodes["C"]["size"]       # size by power
    assert nodes["A"]["color"]["background"] == M.CATEGORY_COLOURS["élu"]     # colour by category
    assert nodes["B"]["shapeProperties"]["borderDashes"]                       # not mobilised
    assert "shapeProperties" not in nodes["A"]
    assert nodes["A"]["font"]["bold"] and not nodes["C"]["font"]["bold"]       # power 4 is a key actor
    assert nodes["C"]["title"].startswith("Association\nCatégorie : association")
    edges = {e["id"]: e for e in net.edges}
    assert edges["R1"]["dashes"] == M.RELATION_STYLES["financement"]["dashes"] != False  # noqa: E712
    assert edges["R3"]["dashes"] is False                                      # coopération: solid
    assert edges["R1"]["arrows"] == "to" and edges["R3"]["arrows"] == ""       # one-way vs mutual
    assert edges["R1"]["width"] > edges["R3"]["width"] > edges["R2"]["width"]  # by weight
    # the second relation between A and C bends aside instead of hiding the first
    assert "smooth" not in edges["R2"] and edges["R3"]["smooth"]["type"] == "curvedCW"


def test_every_dash_pattern_differs():
    patterns = [str(s["dashes"]) for s in M.RELATION_STYLES.values()]
    assert len(set(patterns)) == len(L.RELATION_TYPES)


def test_legend_lists_relation_types_and_present_categories():
    doc = M.network_map_html(small_graph())
    legend = doc[doc.index('<details id="legend"'):doc.index("</details>")]
    for t in L.RELATION_TYPES:
        assert t in legend
    assert "cofinanceur" in legend and "entreprise" not in legend
    assert legend.count("stroke-dasharray") == 4                               # all but the solid line


def test_physics_settles_then_stops():
    net = M.build_network(small_graph())
    assert net.options["physics"]["enabled"] and net.options["physics"]["stabilization"]["enabled"]
    doc = M.network_map_html(small_graph())
    assert 'network.once("stabilizationIterationsDone", ready)' in doc
    assert "network.setOptions({physics: {enabled: false}})" in doc


def test_empty_map_says_so():
    doc = M.network_map_html(nx.MultiDiGraph())
    empty = doc[doc.index('<div id="empty">'):]
    assert html.unescape(empty[16:empty.index("</div>")]) == L.STAKEHOLDER_MESSAGES["map_empty"]


def test_iframe_srcdoc_is_escaped_and_sandboxed():
    doc = M.network_map_html(small_graph(HOSTILE))
    frame = M.map_iframe(doc, height=500)
    assert frame.count("<iframe") == 1 and '<iframe sandbox="allow-scripts" ' in frame
    assert "allow-same-origin" not in frame
    srcdoc = frame[frame.index('srcdoc="') + 8:frame.rindex('"></iframe>')]
    assert "<" not in srcdoc and '"' not in srcdoc
    assert html.unescape(srcdoc) == doc
    assert "height:500px" in frame


def test_layout_keeps_previous_positions():
    g = nx.path_graph(["A", "B", "C", "D"])
    first = M.layout_positions(g, seed=1)
    assert set(first) == set(g)
    g.add_edge("D", "E")
    second = M.layout_positions(g, previous=first, seed=1)
    assert all(second[k] == pytest.approx(first[k]) for k in first)
    assert "E" in second and second["E"] not in first.values()
    assert M.layout_positions(nx.empty_graph(M.PYTHON_LAYOUT_MAX + 1)) == {}


def test_demo_map_shows_every_actor(demo_workshop):
    f = demo_workshop.store.frames(["actors", "relations"])
    g = S.relation_graph(f["actors"], f["relations"])
    net = M.build_network(g, S.network_metrics(g))
    assert len(net.nodes) == len(f["actors"]) and len(net.edges) == len(f["relations"])
    broker = next(n for n in net.nodes if n["id"] == "ACT-33")
    assert broker["font"]["bold"]                                              # the broker stands out


# --- the grid ---------------------------------------------------------------------------

@pytest.mark.parametrize("value, cell", [(0, 0), (2, 2), (2.4, 2), (2.6, 2), (2.99, 2), (3, 3), (3.4, 3), (4, 4)])
def test_grid_cell_stays_on_its_side_of_the_boundary(value, cell):
    assert G._cell(value, 3) == cell


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.axes[0].texts]


def test_grid_figure_has_quadrant_titles_and_names():
    grid = S.power_interest_grid(pd.DataFrame([
        {"id": "A", "name": "Maire", "power": 4, "interest": 4, "attitude": "allié", "mobilised": True},
        {"id": "B", "name": "Prix $5 et $6", "power": 0, "interest": 0, "attitude": "opposant"},
    ]))
    fig = G.grid_figure(grid)
    shown = texts(fig)
    for label in L.QUADRANTS.values():
        assert label in shown
    assert "Maire" in shown
    assert r"Prix \$5 et \$6" in shown   # no mathtext: the name is shown as typed
    assert G.figure_svg(fig).lstrip().startswith("<?xml")
    assert G.figure_png(fig)[:8] == b"\x89PNG\r\n\x1a\n"


def test_crowded_cell_is_summarised():
    grid = S.power_interest_grid(pd.DataFrame([
        {"id": f"A{i}", "name": f"Acteur {i:02d}", "power": 1, "interest": 1,
         "attitude": "opposant" if i == 19 else "neutre"} for i in range(20)]))
    shown = texts(G.grid_figure(grid, max_per_cell=5))
    assert "+ 15 autres" in shown
    assert "Acteur 19" in shown          # the opponent is listed first in a crowded cell
