"""The organisation diagram (step 7): the bodies and who sits in them, who reports to whom.

Draws the graph of ``toolkit.governance.organisation_graph`` with matplotlib (no remote
resource): on the left, the bodies as boxes from the comité de gouvernance down to the
technical committees, each with its rhythm and its members, and arrows to the body each
reports to; on the right, the project line (person → the person they report to).

Example
-------
>>> from toolkit import governance
>>> fig = organisation_figure(governance.organisation_graph(store.frames()))  # doctest: +SKIP
>>> png = figure_png(fig)  # doctest: +SKIP
"""
from __future__ import annotations

import io
from typing import Any

import networkx as nx
# A bare Figure (no pyplot): no window, no global state, whatever backend a notebook uses.
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from ..core import labels as L
from ..core import values as V
from ..core.model import fold

BODY_COLOURS = ("#1f4e79", "#2e75b6", "#548235", "#bf9000")
MAX_MEMBERS_SHOWN = 12
UNIT_INCHES = 0.17  # one line of member names; the bodies' column is laid out in these units
BODY_HEAD = 3.4  # units above the member lines: name, kind and rhythm
GAP = 1.4
ROLE_MARKS = {V.MEMBER_CHAIR: L.GOV_LABELS["mark_chair"], V.MEMBER_FACILITATOR: L.GOV_LABELS["mark_facilitator"],
              V.MEMBER_SECRETARIAT: L.GOV_LABELS["mark_secretariat"], V.MEMBER_GUEST: L.GOV_LABELS["mark_guest"]}


def _rhythm(weeks: int) -> str:
    return L.GOV_LABELS["diagram_rhythm_1"] if weeks == 1 else L.GOV_LABELS["diagram_rhythm"].format(weeks=weeks)


def _members(g: nx.DiGraph, body: str) -> list[str]:
    order = {r: i for i, r in enumerate(L.MEMBER_ROLES)}
    rows = [(order.get(d.get("role"), 9), fold(g.nodes[u]["label"]), g.nodes[u]["label"], d.get("role"))
            for u, _v, d in g.in_edges(body, data=True) if d.get("relation") == "sits_in"]
    lines = [f"{label}{ROLE_MARKS.get(role, '')}" for _o, _f, label, role in sorted(rows)]
    if len(lines) > MAX_MEMBERS_SHOWN:
        rest = len(lines) - MAX_MEMBERS_SHOWN + 1
        lines = lines[:MAX_MEMBERS_SHOWN - 1] + [L.GOV_LABELS["diagram_more"].format(n=rest)]
    return lines


def _heights(g: nx.DiGraph) -> dict[int, float]:
    """Height of each tier of bodies, in units: its longest member list plus the heading."""
    out: dict[int, float] = {}
    for n, d in g.nodes(data=True):
        if d["type"] == "body":
            out[d["rank"]] = max(out.get(d["rank"], 0.0), len(_members(g, n)) + BODY_HEAD)
    return out


def _total_units(g: nx.DiGraph) -> float:
    heights = _heights(g)
    return sum(heights.values()) + GAP * max(0, len(heights) - 1)


def _draw_bodies(ax: Any, g: nx.DiGraph) -> None:
    bodies = sorted((d["rank"], n) for n, d in g.nodes(data=True) if d["type"] == "body")
    ax.set_title(L.GOV_LABELS["diagram_bodies"], fontsize=13, loc="left")
    ax.axis("off")
    if not bodies:
        ax.text(0.5, 0.5, L.GOV_LABELS["diagram_empty"], ha="center", va="center")
        return
    ranks = sorted({r for r, _ in bodies})
    heights = _heights(g)
    total = _total_units(g)
    y, pos = total, {}
    for r in ranks:
        row = [n for rr, n in bodies if rr == r]
        width = 1.0 / len(row)
        for i, n in enumerate(row):
            x0 = i * width + 0.02
            d = g.nodes[n]
            colour = BODY_COLOURS[d["rank"] % len(BODY_COLOURS)]
            ax.add_patch(FancyBboxPatch((x0, y - heights[r]), width - 0.04, heights[r],
                                        boxstyle="round,pad=0.02,rounding_size=0.3", linewidth=1.5,
                                        edgecolor=colour, facecolor=colour + "14"))
            ax.text(x0 + 0.02, y - 0.45, d["label"], fontsize=10.5, fontweight="bold", color=colour, va="top")
            ax.text(x0 + 0.02, y - 1.75, f"{d['kind']} — {_rhythm(d['rhythm_weeks'])}", fontsize=8.5,
                    style="italic", color="#444444", va="top")
            ax.text(x0 + 0.03, y - 2.9, "\n".join(_members(g, n)), fontsize=8, va="top", linespacing=1.45)
            pos[n] = (x0 + (width - 0.04) / 2, y - heights[r], y)
        y -= heights[r] + GAP
    for child, parent, d in g.edges(data=True):
        if d.get("relation") == "reports_to" and child in pos and parent in pos:
            (cx, _cb, ctop), (px, pbottom, _pt) = pos[child], pos[parent]
            ax.add_patch(FancyArrowPatch((cx, ctop), (px, pbottom), arrowstyle="-|>", mutation_scale=14,
                                         color="#555555", linewidth=1.2))
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.3, total + 0.3)


def _draw_hierarchy(ax: Any, g: nx.DiGraph) -> None:
    ax.set_title(L.GOV_LABELS["diagram_hierarchy"], fontsize=13, loc="left")
    ax.axis("off")
    line = nx.DiGraph()
    for sub, boss, d in g.edges(data=True):
        if d.get("relation") == "reports_to" and g.nodes[sub]["type"] == "person":
            line.add_edge(boss, sub)
    if line.number_of_nodes() == 0:
        return
    if not nx.is_directed_acyclic_graph(line):  # a cycle in the data: draw it flat rather than fail
        layers = [sorted(line.nodes)]
    else:
        layers = []
        for layer in nx.topological_generations(line):
            # under their boss: order by the boss's place in the layer above (fewer crossings)
            above = {n: i for i, n in enumerate(layers[-1])} if layers else {}
            layers.append(sorted(layer, key=lambda n: (min((above[b] for b in line.predecessors(n) if b in above),
                                                            default=0), fold(g.nodes[n]["label"]))))
    pos = {}
    for depth, layer in enumerate(layers):
        for i, n in enumerate(layer):
            pos[n] = ((i + 1) / (len(layer) + 1), -depth)
    for boss, sub in line.edges:
        ax.annotate("", xy=pos[sub], xytext=pos[boss],
                    arrowprops=dict(arrowstyle="-", color="#999999", linewidth=1, shrinkA=9, shrinkB=9))
    for n, (x, y) in pos.items():
        ax.text(x, y, g.nodes[n]["label"].replace(" ", "\n", 1), ha="center", va="center", fontsize=7.5,
                bbox=dict(boxstyle="round,pad=0.3", facecolor="white", edgecolor="#1f4e79"))
    ax.set_xlim(0, 1)
    ax.set_ylim(-len(layers) + 0.5, 0.5)


def organisation_figure(graph: nx.DiGraph) -> Figure:
    """The organisation diagram as a matplotlib ``Figure`` (bodies left, project line right).

    Parameters
    ----------
    graph : from ``toolkit.governance.organisation_graph``.

    Returns
    -------
    A matplotlib ``Figure`` (not registered with pyplot: nothing to close).
    """
    tall = _total_units(graph) * UNIT_INCHES + 0.8
    fig = Figure(figsize=(15, max(7.0, tall)))
    left, right = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1.25, 1]})
    _draw_bodies(left, graph)
    _draw_hierarchy(right, graph)
    fig.tight_layout()
    return fig


def figure_png(fig: Figure, dpi: int = 110) -> bytes:
    """The figure as PNG bytes (for an inline ``data:`` image in a page, a carnet or a report)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return buffer.getvalue()
