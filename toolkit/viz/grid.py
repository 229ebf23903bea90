"""Mendelow's power/interest grid as a picture (matplotlib, no pyplot state, offline).

Ratings are integers 0–4, so many actors share a point: each cell of the 5 × 5 board
lists its actors one under the other (a marker coloured by attitude, filled when the
actor is mobilised, and the name), so labels do not pile up. The two low/high halves
are split at ``high_from − 0.5`` and each quadrant is titled with its strategy.

Example
-------
>>> import pandas as pd
>>> from toolkit.stakeholders import power_interest_grid
>>> grid = power_interest_grid(pd.DataFrame([{"id": "A", "name": "Maire", "power": 4,
...                                           "interest": 4, "attitude": "allié"}]))
>>> fig = grid_figure(grid)
>>> figure_svg(fig).startswith("<?xml")
True
"""
from __future__ import annotations

import io
import math
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from ..core import labels as L
from ..core import values as V
from ..stakeholders import HIGH_FROM

# From allié (green) to opposant (red), in the order of ``labels.ATTITUDES``.
ATTITUDE_COLOURS: dict[str, str] = dict(zip(L.ATTITUDES, ("#1A9850", "#91CF60", "#9E9E9E", "#FC8D59", "#D73027")))
QUADRANT_SHADES: dict[str, str] = {"manage_closely": "#FDE9E7", "keep_satisfied": "#FFF6DD",
                                   "keep_informed": "#E8F1FB", "monitor": "#F3F3F3"}
NAME_MAX = 30


def _short(name: str, limit: int = NAME_MAX) -> str:
    name = " ".join(str(name).split())
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _cell(value: float, high_from: float) -> int:
    """The board cell of a rating, kept on its side of the boundary (2.6 stays low)."""
    cell = int(min(4, max(0, math.floor(value + 0.5))))
    if value < high_from and cell >= high_from:
        cell = int(math.ceil(high_from) - 1)
    if value >= high_from and cell < high_from:
        cell = int(math.ceil(high_from))
    return cell


def grid_figure(grid: pd.DataFrame, high_from: float = HIGH_FROM, max_per_cell: int = 12,
                width: float = 13.0, height: float = 9.5, title: str | None = None) -> Figure:
    """Draw the power/interest grid.

    Parameters
    ----------
    grid : ``stakeholders.power_interest_grid(actors)`` (id, name, power, interest,
        attitude, mobilised).
    high_from : the boundary used for the grid (default 3: ratings 3–4 are high).
    max_per_cell : names listed in one cell before « + n autres » (big workshops).
    width, height : figure size in inches.
    title : default « Matrice pouvoir / intérêt (Mendelow) ».

    Returns
    -------
    ``matplotlib.figure.Figure`` (interest across, power up); show it with
    ``figure_svg``/``figure_png`` or let Jupyter display it.
    """
    m = L.STAKEHOLDER_MESSAGES
    fig = Figure(figsize=(width, height), layout="constrained")
    ax = fig.add_subplot()
    boundary = math.ceil(high_from) - 0.5
    ax.set_xlim(-0.5, 4.5)
    ax.set_ylim(-0.85, 4.85)  # room for the quadrant titles above and below the board
    for key, (x0, x1, y0, y1) in {
        "manage_closely": (boundary, 4.5, boundary, 4.5), "keep_satisfied": (-0.5, boundary, boundary, 4.5),
        "keep_informed": (boundary, 4.5, -0.5, boundary), "monitor": (-0.5, boundary, -0.5, boundary),
    }.items():
        ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor=QUADRANT_SHADES[key], edgecolor="none", zorder=0))
        top = y1 > boundary
        ax.text((x0 + x1) / 2, 4.52 if top else -0.52, L.QUADRANTS[key], ha="center", va="bottom" if top else "top",
                fontsize=13, fontweight="bold", color="#444444")
    for v in range(6):
        ax.axhline(v - 0.5, color="#FFFFFF", lw=1.2, zorder=1)
        ax.axvline(v - 0.5, color="#FFFFFF", lw=1.2, zorder=1)
    ax.axhline(boundary, color="#555555", lw=1.6, zorder=2)
    ax.axvline(boundary, color="#555555", lw=1.6, zorder=2)
    ticks = [f"{i}\n{w}" for i, w in enumerate(L.SCALE_WORDS)]
    ax.set_xticks(range(5), ticks, fontsize=9)
    ax.set_yticks(range(5), [t.replace("\n", " ") for t in ticks], fontsize=9)
    ax.set_xlabel(L.GRID_AXES["interest"], fontsize=11)
    ax.set_ylabel(L.GRID_AXES["power"], fontsize=11)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.set_title(title or m["grid_title"], fontsize=14, loc="left")

    cells: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for rec in grid.dropna(subset=["power", "interest"]).to_dict("records"):
        key = (_cell(rec["interest"], high_from), _cell(rec["power"], high_from))
        cells.setdefault(key, []).append(rec)
    rows = min(max((len(v) for v in cells.values()), default=1), max_per_cell + 1)
    # One cell is 1/5.7 of the axes height; share it between its rows.
    cell_pt = height * 0.78 / 5.7 * 72
    fontsize = max(4.5, min(8.5, cell_pt / (rows + 0.6) * 0.8))
    step = 0.92 / (rows + 0.2)
    for (cx, cy), members in cells.items():
        members = sorted(members, key=lambda r: str(r["name"]).casefold())
        if len(members) > max_per_cell + 1:
            # A crowded cell lists the clear-cut attitudes first (opponents, then allies).
            members.sort(key=lambda r: (-abs(V.ATTITUDE_SCORES.get(r.get("attitude"), 0)),
                                        V.ATTITUDE_SCORES.get(r.get("attitude"), 0)))
        shown = members if len(members) <= max_per_cell + 1 else members[:max_per_cell]
        for i, rec in enumerate(shown):
            y = cy + 0.46 - step * (i + 0.6)
            colour = ATTITUDE_COLOURS.get(rec.get("attitude"), "#9E9E9E")
            filled = bool(rec.get("mobilised"))
            ax.plot([cx - 0.44], [y], marker="o", markersize=fontsize * 0.9, zorder=3,
                    markerfacecolor=colour if filled else "white", markeredgecolor=colour, markeredgewidth=1.4)
            # usetex is off and "$" is escaped: a name is shown as typed, never as mathtext.
            ax.text(cx - 0.39, y, _short(rec["name"]).replace("$", r"\$"), fontsize=fontsize,
                    va="center", ha="left", zorder=3, clip_on=True)
        if len(shown) < len(members):
            y = cy + 0.46 - step * (len(shown) + 0.6)
            ax.text(cx - 0.39, y, m["grid_more"].format(n=len(members) - len(shown)), fontsize=fontsize,
                    style="italic", va="center", ha="left", color="#555555", zorder=3)

    handles = [Line2D([], [], marker="o", ls="", markersize=8, markerfacecolor=c, markeredgecolor=c, label=a)
               for a, c in ATTITUDE_COLOURS.items()]
    handles += [Line2D([], [], marker="o", ls="", markersize=8, markerfacecolor="#777777", markeredgecolor="#777777",
                       label=m["grid_mobilised"]),
                Line2D([], [], marker="o", ls="", markersize=8, markerfacecolor="white", markeredgecolor="#777777",
                       markeredgewidth=1.4, label=m["grid_not_mobilised"])]
    fig.legend(handles=handles, loc="outside lower center", ncol=len(handles), fontsize=9, frameon=False,
               title=m["grid_legend_attitude"], title_fontsize=9)
    return fig


def figure_svg(fig: Figure) -> str:
    """The figure as SVG text (fonts as paths: the picture needs no font on the reader's side)."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    return buffer.getvalue()


def figure_png(fig: Figure, dpi: int = 110) -> bytes:
    """The figure as PNG bytes (for an ``ipywidgets.Image`` or the Excel deliverable)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def save_figure(fig: Figure, path: str | Path, dpi: int = 150) -> Path:
    """Write the figure to ``path`` as PNG or SVG (by its suffix); returns the path."""
    path = Path(path)
    if path.suffix.lower() == ".svg":
        path.write_text(figure_svg(fig), encoding="utf-8")
    else:
        path.write_bytes(figure_png(fig, dpi=dpi))
    return path
