"""The interactive map of actors and relations (pyvis / vis-network), offline and inert.

``network_map_html`` turns the relation graph of ``toolkit.stakeholders`` into one
self-contained HTML page: vis-network's script and style are inlined from the pyvis
package (pyvis' ``cdn_resources="in_line"`` resources), a Content-Security-Policy forbids
any fetch, so the map works in a town hall without internet. ``map_iframe`` wraps it in a
sandboxed ``<iframe srcdoc>`` for a notebook or a Voilà page.

Safety: actor names are data typed by participants. Labels are drawn on a canvas and
tooltips are set with ``innerText`` by vis-network 9 (checked in its source), so neither
runs markup; our template escapes everything else (Jinja2 autoescape, ``tojson`` inside
the script), and we do not use pyvis' stock template (it loads Bootstrap from a CDN and
switches its tooltips to ``innerHTML`` when a title contains "href").

Example
-------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("A", name="<b>Mairie</b>", category="élu", power=4, interest=4,
...            attitude="allié", mobilised=True)
>>> html = network_map_html(g)
>>> "<b>Mairie</b>" in html, "\\\\u003cb\\\\u003eMairie" in html
(False, True)
"""
from __future__ import annotations

import html as html_lib
import math
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import networkx as nx
import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from ..core import labels as L
from ..core import formats as F
from ..core import values as V

TEMPLATES = Path(__file__).resolve().parent / "templates"
VIS_VERSION = "vis-9.1.2"

# Qualitative palette (Tableau 10 and lighter companions), in the order of
# ``labels.ACTOR_CATEGORIES``: neighbouring categories get well separated colours.
_PALETTE = ("#4E79A7", "#F28E2B", "#A0CBE8", "#59A14F", "#B07AA1", "#EDC948",
            "#9C755F", "#FF9DA7", "#D37295", "#8CD17D", "#BAB0AC")
CATEGORY_COLOURS: dict[str, str] = dict(zip(L.ACTOR_CATEGORIES, _PALETTE))
OTHER_COLOUR = "#DDDDDD"

# Line style per relation type, in the order of ``labels.RELATION_TYPES``
# (coopération, financement, hiérarchie, information, conflit): colour and dash pattern
# (vis-network ``dashes``: False for a solid line, else [dash, gap, …] in pixels).
_STYLES = (("#5B7083", False), ("#B8860B", [12, 6]), ("#444444", [16, 4, 3, 4]),
           ("#6FA8DC", [3, 5]), ("#D62728", [8, 4]))
RELATION_STYLES: dict[str, dict[str, Any]] = {
    t: {"colour": c, "dashes": d} for t, (c, d) in zip(L.RELATION_TYPES, _STYLES)}

LABEL_MAX = 34          # characters of a label on the map (the tooltip has the full name)
PYTHON_LAYOUT_MAX = 450  # above, vis-network places the actors itself (dense layout is O(n²))


def _short(name: str, limit: int = LABEL_MAX) -> str:
    name = " ".join(str(name).split())
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _number(value: Any, default: float = 0.0) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return default if math.isnan(number) else number


def _rating(value: Any) -> str:
    number = _number(value, float("nan"))
    if math.isnan(number):
        return "?"
    return F.number(number, 2)


def layout_positions(graph: nx.Graph, previous: dict[str, tuple[float, float]] | None = None,
                     seed: int = 0, spread: float | None = None) -> dict[str, tuple[float, float]]:
    """Starting positions (pixels) for the map: a force-directed layout (Fruchterman-Reingold).

    Parameters
    ----------
    graph : the relation graph (any networkx graph; directions and parallel links ignored).
    previous : positions of an earlier map; those actors stay where they were and only
        the new ones are placed, so a map refreshed during a workshop does not jump.
    seed : makes the layout deterministic.
    spread : half-width of the drawing in pixels (default grows with the number of actors).

    Returns
    -------
    dict actor id → (x, y); empty above ``PYTHON_LAYOUT_MAX`` actors (the browser then
    places them itself, which is faster for big maps).

    Example
    -------
    >>> pos = layout_positions(nx.path_graph(["A", "B", "C"]))
    >>> sorted(pos)
    ['A', 'B', 'C']
    """
    n = graph.number_of_nodes()
    if n == 0 or n > PYTHON_LAYOUT_MAX:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes)
    for u, v, data in graph.edges(data=True):
        w = data.get("weight", 1)
        simple.add_edge(u, v, weight=simple[u][v]["weight"] + w if simple.has_edge(u, v) else w)
    spread = spread or 60.0 * math.sqrt(n)
    kept = {k: v for k, v in (previous or {}).items() if k in simple}
    if kept and len(kept) == n:
        return {k: (float(x), float(y)) for k, (x, y) in kept.items()}
    if kept:
        scaled = {k: (x / spread, y / spread) for k, (x, y) in kept.items()}
        pos = nx.spring_layout(simple, pos=scaled, fixed=list(kept), seed=seed, weight="weight")
        return {k: (round(float(x) * spread, 1), round(float(y) * spread, 1)) if k not in kept else kept[k]
                for k, (x, y) in pos.items()}
    pos = nx.spring_layout(simple, seed=seed, weight="weight", scale=spread)
    return {k: (round(float(x), 1), round(float(y), 1)) for k, (x, y) in pos.items()}


def _tooltip(data: dict[str, Any]) -> str:
    m = L.STAKEHOLDER_MESSAGES
    return m["tooltip"].format(
        name=" ".join(str(data.get("name", "")).split()), category=data.get("category") or "?",
        power=_rating(data.get("power")), interest=_rating(data.get("interest")),
        attitude=data.get("attitude") or "?", mobilised=m["yes"] if data.get("mobilised") else m["no"])


def build_network(graph: nx.MultiDiGraph, metrics: pd.DataFrame | None = None,
                  positions: dict[str, tuple[float, float]] | None = None) -> Network:
    """The pyvis ``Network`` of the map (nodes, edges and vis-network options).

    Parameters
    ----------
    graph : ``stakeholders.relation_graph`` (node attributes name, category, power…;
        edge attributes type and weight).
    metrics : ``stakeholders.network_metrics`` (optional): brokers and the most central
        actors get a bold label that stays readable when the map is zoomed out.
    positions : starting positions (``layout_positions``); default: computed here.

    Returns
    -------
    ``pyvis.network.Network`` with ``cdn_resources="in_line"``; render it with
    ``network_map_html``.
    """
    n = graph.number_of_nodes()
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    positions = layout_positions(graph, seed=0) if positions is None else positions
    key: set[str] = set()
    if metrics is not None and len(metrics):
        key |= set(metrics.loc[metrics["broker"] & (metrics["cut_off"] >= 2), "id"])
        top = max(3, n // 15)
        key |= set(metrics.nlargest(top, "betweenness")["id"])
    known = set()
    for node, data in graph.nodes(data=True):
        power = _number(data.get("power"))
        important = node in key or power >= 4
        colour = CATEGORY_COLOURS.get(data.get("category"), OTHER_COLOUR)
        options: dict[str, Any] = {
            "title": _tooltip(data),
            "fullName": " ".join(str(data.get("name", node)).split()),
            "size": 8 + 5 * power,
            "color": {"background": colour, "border": "#333333",
                      "highlight": {"background": colour, "border": "#000000"}},
            "borderWidth": 1.5,
            "font": {"size": 26 if important else 14, "bold": important,
                     "strokeWidth": 3, "strokeColor": "#ffffff"},
        }
        if not data.get("mobilised"):
            options["shapeProperties"] = {"borderDashes": [3, 3]}
            options["borderWidth"] = 2
        if node in positions:
            options["x"], options["y"] = positions[node]
        # Labels are drawn on the canvas (never parsed as HTML): the raw name is safe here.
        net.add_node(str(node), label=_short(data.get("name", node)), shape="dot", **options)
        known.add(node)
    parallel: dict[frozenset, int] = {}
    for u, v, k, data in graph.edges(keys=True, data=True):
        rel_type = data.get("type")
        style = RELATION_STYLES.get(rel_type, {"colour": "#999999", "dashes": False})
        weight = int(_number(data.get("weight"), 1))
        pair = frozenset((u, v))
        rank = parallel.get(pair, 0)
        parallel[pair] = rank + 1
        edge: dict[str, Any] = {
            "id": str(k), "title": L.STAKEHOLDER_MESSAGES["edge_tooltip"].format(type=rel_type, weight=weight),
            "color": {"color": style["colour"], "highlight": style["colour"], "opacity": 0.85},
            "dashes": style["dashes"], "width": 1 + 1.5 * (weight - 1),
            "arrows": "to" if rel_type in V.DIRECTED_RELATION_TYPES else "",
        }
        if rank:  # a second relation between the same two actors bends aside
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.18 * rank}
        # pyvis' add_edge scans its node list for every edge (O(n·m)); the nodes are
        # known to exist (same graph), so append the edge record pyvis would build.
        net.edges.append({"from": str(u), "to": str(v), **edge})
    net.options = _options(n, graph.number_of_edges(), bool(positions))
    return net


def _options(n_nodes: int, n_edges: int, placed: bool) -> dict[str, Any]:
    """vis-network options: a force layout that settles, then stops (see the template)."""
    big = n_nodes > 150
    return {
        "autoResize": True,
        "nodes": {"shape": "dot", "scaling": {"label": {"drawThreshold": 6, "maxVisible": 30}}},
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 0.5,
                  "arrows": {"to": {"scaleFactor": 0.6}}},
        "physics": {
            "enabled": n_nodes > 0,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {"gravitationalConstant": -110, "centralGravity": 0.01,
                                 "springLength": 150, "springConstant": 0.05, "damping": 0.5,
                                 "avoidOverlap": 0.8},
            "minVelocity": 1.5,
            "maxVelocity": 60,
            # From a computed start fewer iterations are needed to settle.
            "stabilization": {"enabled": True, "iterations": 250 if placed else (600 if big else 400),
                              "updateInterval": 20, "fit": True},
        },
        "layout": {"improvedLayout": not placed and n_nodes <= 100, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n_edges > 400,
                        "hideEdgesOnZoom": n_edges > 2000, "navigationButtons": False,
                        "keyboard": False, "multiselect": False},
    }


@lru_cache(maxsize=1)
def _vis_resources() -> tuple[Markup, Markup]:
    """vis-network's script and style, as shipped inside the pyvis package (offline)."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / VIS_VERSION
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # Inline code must not close its own element early.
    js = js.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")
    css = css.replace("</style", "<\\/style")
    return Markup(js), Markup(css)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(loader=FileSystemLoader(str(TEMPLATES)),
                       autoescape=select_autoescape(default=True, default_for_string=True),
                       trim_blocks=True, lstrip_blocks=True)


def _legend(categories: Iterable[str]) -> dict[str, Any]:
    m = L.STAKEHOLDER_MESSAGES
    present = [c for c in L.ACTOR_CATEGORIES if c in set(categories)]
    return {
        "title": m["map_legend"], "categories_title": m["map_categories"], "relations_title": m["map_relations"],
        "categories": [{"label": c, "colour": CATEGORY_COLOURS[c]} for c in present],
        "relations": [{"label": t, "colour": s["colour"], "directed": t in V.DIRECTED_RELATION_TYPES,
                       "dasharray": ",".join(map(str, s["dashes"])) if s["dashes"] else ""}
                      for t, s in RELATION_STYLES.items()],
        "size": m["map_size"], "dashed": m["map_dashed_border"], "key_actors": m["map_key_actors"],
        "hint": m["map_hint"],
    }


def network_map_html(graph: nx.MultiDiGraph, metrics: pd.DataFrame | None = None,
                     positions: dict[str, tuple[float, float]] | None = None,
                     title: str | None = None, legend_open: bool = True) -> str:
    """The interactive map as one self-contained, offline HTML page.

    Parameters
    ----------
    graph : ``stakeholders.relation_graph(actors, relations)``.
    metrics : ``stakeholders.network_metrics(graph)`` to emphasise the key actors (optional).
    positions : starting positions (``layout_positions``), e.g. those of the previous map.
    title : page title (default: « Carte des acteurs et de leurs relations »).
    legend_open : show the legend unfolded (fold it on a phone).

    Returns
    -------
    The HTML document (str). Colour by category, disc size by power, dashed border for
    actors not mobilised, line style by relation type, arrows on one-way relations
    (financement, hiérarchie, information), a legend and a search box. The layout settles
    (vis-network stabilisation), then physics is switched off; ``body[data-ready="1"]``
    marks the moment the map is still and interactive.

    Example
    -------
    >>> html = network_map_html(nx.MultiDiGraph())
    >>> "https://" in html.split("<script>")[0]
    False
    """
    net = build_network(graph, metrics, positions)
    nodes, edges, _heading, _height, _width, _options_json = net.get_network_data()
    js, css = _vis_resources()
    m = L.STAKEHOLDER_MESSAGES
    names = sorted({n["fullName"] for n in nodes}, key=str.casefold)
    categories = [d.get("category") for _n, d in graph.nodes(data=True)]
    return _environment().get_template("network_map.html").render(
        title=title or m["map_title"], vis_js=js, vis_css=css, nodes=nodes, edges=edges,
        options=net.options, names=names, legend=_legend(categories), legend_open=legend_open,
        search=m["map_search"], loading=m["map_loading"], empty=m["map_empty"] if not nodes else "")


def map_iframe(document: str, height: int | str = 620, title: str | None = None) -> str:
    """An ``<iframe>`` showing ``document`` (a map page) inside a notebook or a Voilà page.

    The page goes in ``srcdoc``, escaped, so nothing of it is parsed by the host page, and
    the frame is sandboxed (``allow-scripts`` only): the map's script runs in an opaque
    origin that cannot reach the host page, its cookies or its kernel.

    Parameters
    ----------
    document : the result of ``network_map_html``.
    height : pixels (int) or a CSS length.
    title : accessible title of the frame.

    Returns
    -------
    HTML text for ``IPython.display.HTML`` or ``ipywidgets.HTML``.

    Example
    -------
    >>> frame = map_iframe('<p title="x">a & b</p>', height=300)
    >>> '<iframe sandbox="allow-scripts"' in frame, 'srcdoc="&lt;p title=&quot;x&quot;&gt;a &amp; b' in frame
    (True, True)
    """
    h = f"{height}px" if isinstance(height, (int, float)) else str(height)
    # Wrapped in a div: IPython warns about HTML that starts with an iframe.
    return (f'<div class="maillage-map"><iframe sandbox="allow-scripts" '
            f'title="{html_lib.escape(title or L.STAKEHOLDER_MESSAGES["iframe_title"])}" '
            f'style="width:100%;height:{html_lib.escape(h)};border:1px solid #ddd;border-radius:6px" '
            f'srcdoc="{html_lib.escape(document, quote=True)}"></iframe></div>')


def save_map(document: str, path: str | Path) -> Path:
    """Write a map page to ``path`` (UTF-8); returns the path. Opens offline in any browser."""
    path = Path(path)
    path.write_text(document, encoding="utf-8")
    return path
