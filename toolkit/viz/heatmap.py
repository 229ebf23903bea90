"""Heat maps of the competence review: persons × competences, organisations × families.

The matrices come from ``toolkit.competences`` (``matrix``, ``team_matrix``); this module
only draws them. Figures are ``matplotlib.figure.Figure`` objects made without pyplot
(no global state: safe in Voilà kernels); Jupyter shows them inline, and
``fig.savefig(path)`` writes PNG or SVG for the report — nothing is fetched online.

Readable at 60 persons × 40 competences: the figure grows with the matrix (about a
quarter of an inch per row and column), long competence names are shortened, columns
are grouped by family with a family label on top, and the colour scale carries the
French words of ``labels.SCALES``.

Example
-------
>>> import pandas as pd
>>> m = pd.DataFrame([[0, 4], [2, None]], index=["P1", "P2"], columns=["C1", "C2"], dtype=float)
>>> fig = heatmap(m, "savoir")
>>> fig.get_suptitle()
'Savoir agir (niveau)'
"""
from __future__ import annotations

import textwrap
from typing import Mapping

import numpy as np
import pandas as pd
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure

from ..core import labels as L
from ..core.pseudonyms import pseudonymise

# Five steps from pale to dark, one colour per level (0–4) (ColorBrewer YlGn, readable
# in grey and by colour-blind readers); two contrasted ones for the yes/no matrix.
LEVEL_COLOURS = ("#fee391", "#c2e699", "#78c679", "#31a354", "#006837")
BINARY_COLOURS = ("#fdb863", "#1b7837")
# Not assessed stays blank: a missing answer must not look like a level.
MISSING_COLOUR = "#ffffff"
GRID_COLOUR = "#d4d4d4"
CELL_INCHES = 0.26
MAX_LABEL = 38


def plain(text: object) -> str:
    """Text shown as typed: matplotlib would read ``$…$`` as mathematics (and may fail).

    >>> plain("Coût $ HT")
    'Coût \\\\$ HT'
    """
    return str(text).replace("\\", "\\\\").replace("$", r"\$")


def shorten(text: object, width: int = MAX_LABEL) -> str:
    """Cut a long label with an ellipsis, so that 40 columns stay legible.

    >>> shorten("Circuits courts et restauration collective", 20)
    'Circuits courts et…'
    """
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def scale_words(dimension: str) -> tuple[str, ...]:
    """The words of each level for a dimension (``savoir``, ``combined``, ``mobilisable``…)."""
    if dimension in L.SCALES:
        return L.SCALES[dimension]
    return L.HEATMAP_SCALES[dimension]


def heatmap(matrix: pd.DataFrame, dimension: str = "savoir", row_labels: Mapping[str, str] | None = None,
            column_labels: Mapping[str, str] | None = None, column_groups: Mapping[str, str] | None = None,
            title: str | None = None, annotate: bool | None = None) -> Figure:
    """Draw a level matrix (rows × columns, values 0–4 or NaN) as a heat map.

    Parameters
    ----------
    matrix : values 0–4 (or 0/1 for ``"mobilisable"``), NaN where not assessed.
    dimension : ``savoir``, ``vouloir``, ``pouvoir``, ``combined`` or ``mobilisable``:
        chooses the colour scale and its French words.
    row_labels, column_labels : id → shown text (default: the ids).
    column_groups : column id → group (a family): contiguous groups are separated by a
        white line and named on top.
    title : default: the dimension's French name.
    annotate : write the level in each cell (default: when the matrix is at most 30 × 30).

    Returns
    -------
    matplotlib Figure.
    """
    words = scale_words(dimension)
    n_levels = len(words)
    colours = BINARY_COLOURS if n_levels == 2 else LEVEL_COLOURS[:n_levels]
    cmap = ListedColormap(colours).with_extremes(bad=MISSING_COLOUR)
    norm = BoundaryNorm(np.arange(-0.5, n_levels + 0.5, 1), cmap.N)

    rows, cols = list(matrix.index), list(matrix.columns)
    n_rows, n_cols = max(len(rows), 1), max(len(cols), 1)
    row_text = [plain(shorten((row_labels or {}).get(r, r), 32)) for r in rows]
    col_text = [plain(shorten((column_labels or {}).get(c, c))) for c in cols]
    # Room for the labels: rotated column names below, row names on the left.
    label_w = 0.075 * max([len(t) for t in row_text] + [8])
    label_h = 0.055 * max([len(t) for t in col_text] + [8])
    width = label_w + n_cols * CELL_INCHES + 2.6
    height = label_h + n_rows * CELL_INCHES + 1.6 + (0.5 if column_groups else 0)
    fig = Figure(figsize=(max(width, 6.0), max(height, 3.5)), layout="constrained")
    ax = fig.add_subplot()
    values = np.ma.masked_invalid(matrix.to_numpy(dtype=float)) if len(rows) and len(cols) \
        else np.ma.masked_all((1, 1))
    image = ax.imshow(values, cmap=cmap, norm=norm, aspect="auto", interpolation="nearest")

    ax.set_xticks(range(len(cols)), col_text, rotation=60, ha="right", rotation_mode="anchor", fontsize=8)
    ax.set_yticks(range(len(rows)), row_text, fontsize=8)
    ax.set_xticks(np.arange(-0.5, len(cols), 1), minor=True)
    ax.set_yticks(np.arange(-0.5, len(rows), 1), minor=True)
    ax.grid(which="minor", color=GRID_COLOUR, linewidth=0.6)
    ax.tick_params(which="minor", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)

    if annotate is None:
        annotate = len(rows) <= 30 and len(cols) <= 30
    if annotate:
        for i in range(len(rows)):
            for j in range(len(cols)):
                v = values[i, j]
                if v is not np.ma.masked:
                    ax.text(j, i, f"{int(v)}", ha="center", va="center", fontsize=7,
                            color="white" if v >= n_levels / 2 else "#222222")

    if column_groups:
        _draw_groups(ax, cols, column_groups)
    text = title or L.HEATMAP_TITLES[dimension]
    fig.suptitle(plain(textwrap.fill(text, int(fig.get_figwidth() * 9))), fontsize=11, x=0.02, ha="left")

    bar = fig.colorbar(image, ax=ax, ticks=range(n_levels), shrink=min(1.0, 6.0 / max(height, 1)),
                       aspect=12, pad=0.01)
    bar.ax.set_yticklabels([f"{i} — {w}" if n_levels > 2 else w for i, w in enumerate(words)], fontsize=8)
    if np.ma.is_masked(values) and values.mask.any():
        ax.set_xlabel(L.HEATMAP_MISSING, fontsize=8, color="#666666", loc="right")
    return fig


def _draw_groups(ax, cols: list[str], groups: Mapping[str, str]) -> None:  # noqa: ANN001 - Axes
    """White separators between contiguous column groups and the group names on top."""
    spans: list[tuple[str, int, int]] = []
    for j, c in enumerate(cols):
        g = groups.get(c, "")
        if spans and spans[-1][0] == g:
            spans[-1] = (g, spans[-1][1], j)
        else:
            spans.append((g, j, j))
    for _g, start, _end in spans[1:]:
        ax.axvline(start - 0.5, color="#555555", linewidth=1.4)
    top = ax.secondary_xaxis("top")
    top.set_xticks([(s + e) / 2 for _g, s, e in spans],
                   [plain(shorten(g, 28)) for g, _s, _e in spans], fontsize=8, rotation=35, ha="left",
                   rotation_mode="anchor")
    top.tick_params(length=0)
    top.spines["top"].set_visible(False)


def competence_heatmap(matrix: pd.DataFrame, persons: pd.DataFrame | None = None,
                       competences: pd.DataFrame | None = None, dimension: str = "savoir",
                       anonymise: bool = False, title: str | None = None) -> Figure:
    """The persons × competences heat map, with names (or pseudonyms) and families.

    Parameters
    ----------
    matrix : from ``toolkit.competences.matrix`` (persons × competence ids).
    persons : for the names (and the stable pseudonyms when ``anonymise``).
    competences : for the names and the family groups.
    dimension : as in :func:`heatmap`.
    anonymise : « Personne N » instead of names: for projection in a meeting.
    title : default: the dimension's French name (« — anonymisé » added when so).

    Returns
    -------
    matplotlib Figure.

    Example
    -------
    >>> m = pd.DataFrame([[3.0]], index=["PER-01"], columns=["CMP-01"])
    >>> p = pd.DataFrame({"id": ["PER-01"], "name": ["Catherine Morisset"]})
    >>> fig = competence_heatmap(m, p, anonymise=True)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['Personne 1']
    """
    rows: dict[str, str] = {}
    if persons is not None and len(persons):
        rows = pseudonymise(persons["id"]) if anonymise else dict(zip(persons["id"], persons["name"]))
    elif anonymise:
        rows = pseudonymise(matrix.index)
    cols, groups = {}, None
    if competences is not None and len(competences):
        cols = dict(zip(competences["id"], competences["name"]))
        if "family" in competences:
            groups = dict(zip(competences["id"], competences["family"]))
    if title is None:
        title = L.HEATMAP_TITLES[dimension] + (L.HEATMAP_ANONYMOUS if anonymise else "")
    return heatmap(matrix, dimension, rows, cols, groups, title)


def team_heatmap(matrix: pd.DataFrame, dimension: str = "savoir", title: str | None = None) -> Figure:
    """The organisations × families heat map (from ``toolkit.competences.team_matrix``).

    Parameters
    ----------
    matrix : organisations × families, best level.
    dimension : the colour scale's words.
    title : default: « Profil des organisations — » and the dimension.

    Returns
    -------
    matplotlib Figure.
    """
    return heatmap(matrix, dimension, title=title or L.HEATMAP_TEAM_TITLE.format(
        dimension=L.HEATMAP_TITLES[dimension]))
