"""A still picture of the stakeholder map, for the printed restitution (step 9).

The interactive map (``toolkit.viz.network_map``) needs a browser; a PDF needs a picture.
This draws the same graph (``stakeholders.relation_graph``) at the same places
(``network_map.layout_positions``) with the results of ``stakeholders.network_metrics``:
colour by attitude, size by number of relations, brokers and isolated actors named.
Nothing is computed here but the drawing.
"""
from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..core import labels as L
from ..core import values as V

ATTITUDE_COLOURS = {V.ATTITUDE_ALLY: "#1a7f37", V.ATTITUDE_FAVOURABLE: "#7cc47f", V.ATTITUDE_NEUTRAL: "#b0b0b0",
                    V.ATTITUDE_RESERVED: "#f0a030", V.ATTITUDE_OPPONENT: "#c62828"}
RELATION_STYLES = {V.RELATION_CONFLICT: ("#c62828", "--"), V.RELATION_FUNDING: ("#1f4e79", "-"),
                   V.RELATION_HIERARCHY: ("#555555", "-"), V.RELATION_COOPERATION: ("#8aa8c8", "-"),
                   V.RELATION_INFORMATION: ("#cccccc", ":")}


def network_picture(graph: nx.MultiDiGraph, metrics: pd.DataFrame, positions: dict[str, Any],
                    max_labels: int = 15) -> Figure:
    """The stakeholder map as a matplotlib ``Figure``.

    Parameters
    ----------
    graph : ``stakeholders.relation_graph`` (nodes carry ``name`` and ``attitude``).
    metrics : ``stakeholders.network_metrics`` (``id``, ``degree``, ``broker``, ``isolated``).
    positions : ``network_map.layout_positions(graph)``.
    max_labels : brokers, isolated actors, then the most connected are named, up to this many.
    """
    fig = Figure(figsize=(12, 9))
    ax = fig.subplots()
    ax.axis("off")
    if not positions:
        ax.text(0.5, 0.5, L.REPORT_LABELS["map_empty"], ha="center", va="center")
        return fig
    m = metrics.set_index("id") if "id" in metrics else metrics
    for u, v, data in graph.edges(data=True):
        if u in positions and v in positions:
            colour, style = RELATION_STYLES.get(data.get("type"), ("#cccccc", "-"))
            (x1, y1), (x2, y2) = positions[u], positions[v]
            ax.plot([x1, x2], [y1, y2], color=colour, linestyle=style, linewidth=0.5 + 0.6 * float(data.get("weight", 1)),
                    alpha=0.7, zorder=1)
    for node, data in graph.nodes(data=True):
        if node not in positions:
            continue
        degree = float(m.loc[node, "degree"]) if node in m.index and "degree" in m else 1.0
        x, y = positions[node]
        ax.scatter([x], [y], s=60 + 40 * degree, color=ATTITUDE_COLOURS.get(data.get("attitude"), "#b0b0b0"),
                   edgecolors="black" if node in m.index and bool(m.loc[node].get("broker", False)) else "white",
                   linewidths=2, zorder=2)
    named = []
    if len(m):
        order = m.assign(_b=m.get("broker", False).astype(bool), _i=m.get("isolated", False).astype(bool))
        order = order.sort_values(["_b", "_i", "degree"], ascending=False)
        named = [n for n in order.index if n in positions][:max_labels]
    for node in named:
        x, y = positions[node]
        name = str(graph.nodes[node].get("name", node))
        ax.text(x, y, name if len(name) <= 32 else name[:31] + "…", fontsize=7.5, ha="center", va="bottom",
                zorder=3, bbox=dict(boxstyle="round,pad=0.15", facecolor="white", edgecolor="none", alpha=0.8))
    handles = [Line2D([], [], marker="o", linestyle="", color=c, label=a, markersize=8)
               for a, c in ATTITUDE_COLOURS.items()]
    handles += [Line2D([], [], color=c, linestyle=s, label=t) for t, (c, s) in RELATION_STYLES.items()]
    ax.legend(handles=handles, loc="lower left", fontsize=7.5, frameon=False, ncol=2)
    ax.set_title(L.REPORT_LABELS["map_title"], loc="left", fontsize=12)
    return fig
