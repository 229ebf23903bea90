"""Pictures of the plan de charge (step 5): the person × month heat map and the Gantt of
actions with their pilots. They draw what ``toolkit.workload`` computed; nothing is
computed here but positions and colours.

Figures are ``matplotlib.figure.Figure`` objects made without pyplot (no global state, safe
in Voilà kernels and tests); Jupyter shows them inline, ``fig.savefig`` writes PNG or SVG.
Every text drawn comes from the workshop and is escaped for matplotlib's mathtext (a name
with ``$`` stays a name).
"""
from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd
from matplotlib.cm import ScalarMappable
from matplotlib.colors import LinearSegmentedColormap, Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from ..core import formats
from ..core import labels as L
from ..raci import kind_frame, letter_rows

OVER_COLOUR = "#b2182b"
# Load / capacity: pale (idle) to blue (full) up to 1, then a jump to red (overload).
LOAD_CMAP = LinearSegmentedColormap.from_list("charge", [
    (0.0, "#f7fbff"), (0.5, "#4a90c8"), (0.5001, "#f4a582"), (0.75, "#d6604d"), (1.0, "#8c0d1f")])
AXIS_COLOURS = ["#4c72b0", "#55a868", "#c44e52", "#8172b2", "#ccb974", "#64b5cd", "#937860", "#da8bc3"]


def plain(text: object, width: int | None = None) -> str:
    """``text`` as matplotlib shows it literally: ``$`` escaped (no mathtext), cut to ``width``."""
    s = "" if text is None or (isinstance(text, float) and np.isnan(text)) else str(text)
    if width and len(s) > width:
        s = s[: width - 1] + "…"
    return s.replace("$", r"\$")


def _empty(fig: Figure) -> Figure:
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, L.WORKLOAD_PICTURES["empty"], ha="center", va="center")
    return fig


def heatmap(table: pd.DataFrame, limit: int | None = 40, annotate: bool = True) -> Figure:
    """Person × month heat map of the load against capacity.

    Parameters
    ----------
    table : ``workload.load_table`` (one row per person and month).
    limit : show at most this many persons, the most loaded first (None: everyone with a
        load; a big workshop otherwise draws a picture nobody can read).
    annotate : write the days in each cell.

    Returns
    -------
    Figure: pale where capacity is left, blue up to the capacity, red beyond it;
    overloaded cells are framed and their days written in bold.
    """
    loaded = table.groupby("person_id")["load"].sum()
    who = loaded.index[loaded > 0]
    t = table.loc[table["person_id"].isin(who)]
    if t.empty:
        return _empty(Figure(figsize=(8, 2)))
    peak = t.groupby("person_id")["ratio"].max().replace(np.inf, 99.0)
    order = peak.sort_values(ascending=False, kind="stable")
    if limit:
        order = order.iloc[:limit]
    persons = sorted(order.index, key=lambda p: (-order[p], p)) if limit else sorted(order.index)
    months = sorted(t["month"].unique())
    load = t.pivot(index="person_id", columns="month", values="load").reindex(index=persons, columns=months)
    ratio = t.pivot(index="person_id", columns="month", values="ratio").reindex(index=persons, columns=months)
    info = t.drop_duplicates("person_id").set_index("person_id").reindex(persons)

    fig = Figure(figsize=(1.0 + 0.75 * len(months) + 2.5, 1.2 + 0.32 * len(persons)), layout="constrained")
    ax = fig.add_subplot()
    over = table.loc[table["person_id"].isin(persons) & (table["status"] == L.WORKLOAD_STATUS["over"])]
    over_cells = {(p, m) for p, m in zip(over["person_id"], over["month"])}
    hot_grid = np.array([[(p, m) in over_cells for m in months] for p in persons], dtype=bool)
    shown = np.clip(ratio.to_numpy(dtype=float), 0, 2)
    # Colour by situation, not by rounding: a person exactly at capacity stays blue.
    position = np.where(hot_grid, np.maximum(shown / 2, 0.51), np.minimum(shown / 2, 0.499))
    ax.imshow(LOAD_CMAP(position), aspect="auto")
    ax.set_xticks(range(len(months)), months, rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(persons)),
                  [f"{plain(n, 28)} ({formats.number(c)} {L.FORMAT_DAY_SHORT})" for n, c in zip(info["person"], info["capacity"])], fontsize=8)
    for i, p in enumerate(persons):
        for j, m in enumerate(months):
            value = load.iat[i, j]
            hot = bool(hot_grid[i, j])
            if hot:
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, edgecolor=OVER_COLOUR, linewidth=2))
            if annotate and value > 0.05:
                dark = hot or 0.75 <= position[i, j] * 2 < 1.0
                ax.text(j, i, formats.number(value, fixed=True), ha="center", va="center", fontsize=7,
                        fontweight="bold" if hot else "normal", color="white" if dark else "black")
    fig.colorbar(ScalarMappable(norm=Normalize(vmin=0, vmax=2), cmap=LOAD_CMAP), ax=ax, label=L.WORKLOAD_PICTURES["ratio"], shrink=0.8)
    ax.set_title(L.WORKLOAD_PICTURES["heatmap_title"], fontsize=10)
    return fig


def gantt(frames: Mapping[str, pd.DataFrame], months: list[str] | None = None) -> Figure:
    """Gantt of the actions over the horizon, each labelled with its pilot.

    Parameters
    ----------
    frames : the workshop's DataFrames (``axes``, ``actions``, ``tasks``, ``persons``, ``raci``).
    months : the months shown (default: ``workload.horizon(frames)``).

    Returns
    -------
    Figure: one row per action (grouped by axis, one colour per axis), a bar from its first
    to its last task's month, its tasks as thin bars inside; tasks without R are hatched
    red; the pilot's name at the end of the bar, "sans pilote" in red.
    """
    from ..workload import horizon

    months = horizon(frames) if months is None else list(months)
    tasks = kind_frame(frames, "tasks")
    if tasks.empty or not months:
        return _empty(Figure(figsize=(8, 2)))
    def x(month: str) -> int:
        y0, m0 = map(int, months[0].split("-"))
        y, m = map(int, str(month).split("-"))
        return (y - y0) * 12 + (m - m0)

    actions = kind_frame(frames, "actions").set_index("id")
    axes = kind_frame(frames, "axes")
    axis_colour = {a: AXIS_COLOURS[i % len(AXIS_COLOURS)] for i, a in enumerate(axes["id"])}
    names = dict(zip(kind_frame(frames, "persons")["id"], kind_frame(frames, "persons")["name"]))
    with_r = set(letter_rows(frames).query("letter == 'R'")["task_id"])
    t = tasks.assign(x0=tasks["start_month"].map(x), x1=tasks["end_month"].map(x) + 1)
    t = t.loc[(t["x1"] > 0) & (t["x0"] < len(months))]
    if t.empty:
        return _empty(Figure(figsize=(8, 2)))
    span = t.groupby("action_id").agg(x0=("x0", "min"), x1=("x1", "max"))
    span["axis_id"] = actions["axis_id"].reindex(span.index)
    span = span.reset_index().sort_values(["axis_id", "x0", "action_id"]).reset_index(drop=True)

    fig = Figure(figsize=(4 + 0.7 * len(months) + 3, 1.2 + 0.42 * len(span)), layout="constrained")
    ax = fig.add_subplot()
    for row, a in span.iterrows():
        colour = axis_colour.get(a["axis_id"], AXIS_COLOURS[0])
        left, right = max(a["x0"], 0), min(a["x1"], len(months))
        ax.barh(row, right - left, left=left - 0.5, height=0.8, color=colour, alpha=0.25, edgecolor=colour)
        mine = t.loc[t["action_id"] == a["action_id"]].sort_values("x0")
        h = 0.7 / max(len(mine), 1)
        for k, task in enumerate(mine.itertuples()):
            y = row - 0.35 + h * (k + 0.5)
            staffed = task.id in with_r
            ax.barh(y, min(task.x1, len(months)) - max(task.x0, 0), left=max(task.x0, 0) - 0.5, height=h * 0.8,
                    color=colour if staffed else "white", edgecolor=colour if staffed else OVER_COLOUR,
                    hatch=None if staffed else "////", linewidth=0.5)
        pilot = actions.at[a["action_id"], "pilot_id"] if a["action_id"] in actions.index else None
        has_pilot = isinstance(pilot, str) and pilot
        label = (L.WORKLOAD_PICTURES["pilot"].format(name=plain(names.get(pilot, pilot)))
                 if has_pilot else L.WORKLOAD_PICTURES["no_pilot"])
        ax.text(right - 0.4, row, " " + label, va="center", fontsize=8,
                color="black" if has_pilot else OVER_COLOUR, fontweight="normal" if has_pilot else "bold")
    ax.set_yticks(range(len(span)),
                  [f"{aid} {plain(actions.at[aid, 'name'] if aid in actions.index else '', 38)}"
                   for aid in span["action_id"]], fontsize=8)
    ax.invert_yaxis()
    ax.set_xticks(range(len(months)), months, rotation=45, ha="right", fontsize=8)
    ax.set_xlim(-0.5, len(months) + 3.5)  # room for the pilots' names
    ax.grid(axis="x", alpha=0.3)
    handles = [Patch(facecolor=axis_colour[a], alpha=0.6, label=plain(n, 40))
               for a, n in zip(axes["id"], axes["name"]) if a in set(span["axis_id"])]
    handles.append(Patch(facecolor="white", edgecolor=OVER_COLOUR, hatch="////",
                         label=L.WORKLOAD_PICTURES["task_without_r"]))
    ax.legend(handles=handles, fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
    ax.set_title(L.WORKLOAD_PICTURES["gantt_title"], fontsize=10)
    return fig
