"""Pictures of the gap analysis (step 6): competences needed against available, when they
are needed, the team's load against its capacity, and scenarios side by side.

They draw what ``toolkit.gaps`` and ``toolkit.scenarios`` computed; nothing is computed
here but positions and colours. Figures are ``matplotlib.figure.Figure`` objects made
without pyplot (no global state, safe in Voilà kernels and tests); Jupyter shows them
inline, ``fig.savefig`` writes PNG or SVG. Every text that comes from the workshop is
escaped for matplotlib's mathtext (``viz.workload.plain``).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..core import formats, model
from ..core import labels as L
from .workload import OVER_COLOUR, plain

OK_COLOUR = "#4a90c8"
NEED_COLOUR = "#333333"
P = L.GAP_PICTURES


def _empty(text: str) -> Figure:
    fig = Figure(figsize=(8, 1.6))
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, text, ha="center", va="center")
    return fig


def competence_chart(needs: pd.DataFrame) -> Figure:
    """Required level against the best mobilisable level, one row per required competence.

    Parameters
    ----------
    needs : ``gaps.competence_needs`` (indexed by competence_id).

    Returns
    -------
    Figure: a bar for the best mobilisable level (red when it falls short), a black tick
    at the level required, and the days of tasks concerned at the end of the row.
    """
    if needs is None or needs.empty:
        return _empty(P["no_need"])
    n = len(needs)
    fig = Figure(figsize=(9, 1.2 + 0.36 * n), layout="constrained")
    ax = fig.add_subplot()
    y = np.arange(n)
    short = needs["gap"].to_numpy() > 0
    ax.barh(y, needs["best_level"], color=np.where(short, OVER_COLOUR, OK_COLOUR), height=0.6)
    nobody = short & (needs["best_level"].to_numpy() == 0)
    ax.scatter(np.zeros(nobody.sum()) + 0.08, y[nobody], marker="x", color=OVER_COLOUR, s=40, zorder=3)
    ax.scatter(needs["required_level"], y, marker="|", s=400, color=NEED_COLOUR, linewidths=3, zorder=3)
    for i, (days, first, last) in enumerate(zip(needs["days"], needs["first_month"], needs["last_month"])):
        ax.text(4.15, i, P["days_months"].format(days=formats.number(days), first=first, last=last), va="center", fontsize=7)
    ax.set_yticks(y, [plain(c, 40) for c in needs["competence"]], fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(0, 6.2)
    ax.set_xticks(range(5), [f"{i} {plain(w)}" for i, w in enumerate(L.SCALES["savoir"])], fontsize=7,
                  rotation=20, ha="right")
    ax.grid(axis="x", alpha=0.3)
    ax.legend(handles=[Patch(color=OK_COLOUR, label=P["met"]), Patch(color=OVER_COLOUR, label=P["short"]),
                       Patch(color=NEED_COLOUR, label=P["required"])],
              fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False)
    ax.set_title(P["competence_title"], fontsize=10)
    return fig


def need_timeline(gaps: pd.DataFrame, months: list[str]) -> Figure:
    """When each missing competence is needed: a bar from the first to the last month of
    the tasks whose requirement is unmet, labelled with their days.

    Parameters
    ----------
    gaps : ``gaps.competence_gaps``.
    months : the months of the horizon (``workload.horizon``).
    """
    if gaps is None or gaps.empty or not months:
        return _empty(P["no_gap"])
    index = {m: i for i, m in enumerate(months)}
    fig = Figure(figsize=(3 + 0.7 * len(months) + 2, 1.2 + 0.42 * len(gaps)), layout="constrained")
    ax = fig.add_subplot()
    for row, (_cid, g) in enumerate(gaps.iterrows()):
        span = [index[m] for m in model.months_between(g["first_month"], g["last_month"]) if m in index]
        if span:
            ax.barh(row, len(span), left=span[0] - 0.5, height=0.6, color=OVER_COLOUR, alpha=0.75)
            ax.text(span[-1] + 0.6, row, P["gap_label"].format(days=formats.number(g["days"]), required=g["required_level"],
                                                               best=g["best_level"]), va="center", fontsize=7)
    ax.set_yticks(range(len(gaps)), [plain(c, 40) for c in gaps["competence"]], fontsize=8)
    ax.invert_yaxis()
    ax.set_xticks(range(len(months)), months, rotation=45, ha="right", fontsize=8)
    ax.set_xlim(-0.5, len(months) + 2.5)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(P["timeline_title"], fontsize=10)
    return fig


def capacity_chart(team: pd.DataFrame) -> Figure:
    """The team's load against its capacity, month by month.

    Parameters
    ----------
    team : ``gaps.team_capacity``.

    Returns
    -------
    Figure: load bars (red above the capacity), the capacity as a line, and over each
    month the number of persons overloaded and the days of their overloads.
    """
    if team is None or team.empty:
        return _empty(P["no_load"])
    x = np.arange(len(team))
    fig = Figure(figsize=(1.5 + 0.7 * len(team), 4), layout="constrained")
    ax = fig.add_subplot()
    over = team["overload"].to_numpy() > 0
    ax.bar(x, team["load"], color=np.where(over, OVER_COLOUR, OK_COLOUR), width=0.7, label=P["load"])
    ax.step(np.append(x, x[-1] + 1) - 0.5, np.append(team["capacity"], team["capacity"].iloc[-1]), where="post",
            color=NEED_COLOUR, linewidth=2, label=P["capacity"])
    top = float(max(team["load"].max(), team["capacity"].max()))
    for i, (load, n, days) in enumerate(zip(team["load"], team["persons_over"], team["person_overload"])):
        if n:
            ax.text(i, load + top * 0.01, P["persons_over"].format(n=int(n), days=formats.number(days, fixed=True)), ha="center",
                    va="bottom", fontsize=7, color=OVER_COLOUR)
    ax.set_ylim(0, top * 1.2 + 1)
    ax.set_xticks(x, team["month"], rotation=45, ha="right", fontsize=8)
    ax.set_ylabel(P["days"])
    ax.legend(fontsize=7, loc="upper right", frameon=False)
    ax.set_title(P["capacity_title"], fontsize=10)
    return fig


def scenario_chart(table: pd.DataFrame) -> Figure:
    """Scenarios side by side: what stays uncovered (left) and what it costs (right).

    Parameters
    ----------
    table : ``scenarios.compare`` (indicators × scenarios, French row labels).

    Returns
    -------
    Figure: tasks without R, competences in gap and overloaded persons per scenario; the
    costs each scenario adds (recruitments, remedies to the gaps left) in k€, the
    authority's own share written above.
    """
    if table is None or table.empty:
        return _empty(P["no_scenario"])
    I = L.SCENARIO_INDICATORS
    counts = [I["tasks_without_r"], I["competence_gaps"], I["overloaded_persons"]]
    names = [plain(c, 24) for c in table.columns]
    fig = Figure(figsize=(11, 4), layout="constrained")
    left, right = fig.subplots(1, 2)
    width = 0.8 / len(counts)
    x = np.arange(len(names))
    for k, row in enumerate(counts):
        left.bar(x + (k - (len(counts) - 1) / 2) * width, table.loc[row], width=width, label=plain(row))
    left.set_xticks(x, names, fontsize=8, rotation=15, ha="right")
    left.legend(fontsize=7, frameon=False)
    left.set_title(P["scenario_counts"], fontsize=10)
    bottom = np.zeros(len(names))
    for row in (I["recruitment_cost"], I["remedy_cost"]):
        values = table.loc[row].to_numpy(dtype=float) / 1000
        right.bar(x, values, bottom=bottom, label=plain(row), width=0.6)
        bottom += values
    # The authority's own share is large and mostly shared by every scenario: written, not drawn.
    for i, own in enumerate(table.loc[I["own_share"]].to_numpy(dtype=float)):
        right.text(i, bottom[i], P["own_share"].format(value=formats.amount(own)), ha="center", va="bottom", fontsize=7)
    right.set_ylim(0, max(float(bottom.max()) * 1.25, 1.0))
    right.set_xticks(x, names, fontsize=8, rotation=15, ha="right")
    right.set_ylabel(P["keuros"])
    right.legend(fontsize=7, frameon=False)
    right.set_title(P["scenario_costs"], fontsize=10)
    return fig
