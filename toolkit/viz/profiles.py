"""A person's competence profile: savoir, vouloir and pouvoir side by side, per competence.

Horizontal grouped bars (a radar is unreadable with one or two competences, which is
common): one group per competence the person assessed, three bars in the colours of the
three dimensions, the mobilisable thresholds as ticks on each bar's scale, and a mark
on the competences that are mobilisable.

Example
-------
>>> import pandas as pd
>>> prof = pd.DataFrame({"name": ["SIG"], "family": ["Données"], "savoir": [4], "vouloir": [3],
...                      "pouvoir": [2], "mobilisable": [True]}, index=["CMP-15"])
>>> fig = person_profile_chart(prof, "Romain Texier")
>>> len(fig.axes[0].patches)
3
"""
from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..core import labels as L
from .heatmap import plain, shorten

DIMENSION_COLOURS = {"savoir": "#2166ac", "vouloir": "#e08214", "pouvoir": "#1b7837"}
DIMENSIONS = ("savoir", "vouloir", "pouvoir")


def person_profile_chart(profile: pd.DataFrame, person: str,
                         thresholds: Mapping[str, int] | None = None) -> Figure:
    """Draw one person's profile (``toolkit.competences.person_profile``) as grouped bars.

    Parameters
    ----------
    profile : indexed by competence, with savoir, vouloir, pouvoir (0–4), optional name,
        family and mobilisable.
    person : the name shown in the title (or a pseudonym for projection).
    thresholds : dimension → threshold, drawn as a dotted line on each bar (e.g.
        ``Thresholds().as_dict()``); none by default.

    Returns
    -------
    matplotlib Figure (an explanatory text when the person assessed nothing).
    """
    n = len(profile)
    fig = Figure(figsize=(8.5, 1.4 + 0.62 * max(n, 1)), layout="constrained")
    ax = fig.add_subplot()
    fig.suptitle(plain(L.PROFILE_TITLE.format(person=person)), x=0.02, ha="left", fontsize=11)
    if n == 0:
        ax.text(0.5, 0.5, L.PROFILE_EMPTY, ha="center", va="center", transform=ax.transAxes, color="#666666")
        ax.set_axis_off()
        return fig
    labels = []
    for cid, row in profile.iterrows():
        text = shorten(row["name"] if "name" in profile and isinstance(row.get("name"), str) else cid, 42)
        if bool(row.get("mobilisable", False)):
            text += L.PROFILE_MOBILISABLE_MARK
        labels.append(plain(text))
    y = np.arange(n)
    height = 0.26
    for k, d in enumerate(DIMENSIONS):
        values = profile[d].astype(float).to_numpy()
        offset = (k - 1) * height
        ax.barh(y + offset, values, height=height * 0.92, color=DIMENSION_COLOURS[d], label=L.DIMENSIONS[d])
        if thresholds and d in thresholds:
            for yi in y:
                ax.plot([thresholds[d]] * 2, [yi + offset - height / 2, yi + offset + height / 2],
                        color="#333333", linestyle=":", linewidth=1)
    ax.set_yticks(y, labels, fontsize=9)
    ax.invert_yaxis()  # first competence on top
    ax.set_xlim(0, 4.05)
    ax.set_xticks(range(5), [str(i) for i in range(5)], fontsize=8)
    ax.set_xlabel(L.PROFILE_XLABEL, fontsize=8)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    fig.legend(loc="outside lower center", ncols=3, fontsize=8, frameon=False)
    return fig
