"""The shapes an analysis sheet is described with: ``Section``, its ``Hints``, ``Chart``s
and ``Mark``s, and the ``Context`` a section's build function receives.

Their own module so that the registry (``sections``) and the writer (``export``) both
import them, and neither imports the other back.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import pandas as pd

from ..core import labels as L
from ..core import model
from ..core.store import Store
from .template import sheet_name

MAX_SHEET_TITLE = 31


@dataclass(frozen=True)
class Chart:
    """A native Excel chart drawn from columns of the section's table.

    ``kind``: ``bar`` (clustered columns), ``stacked`` (stacked columns), ``barh``
    (horizontal bars), ``line`` or ``scatter`` (``x`` numeric). ``x`` names the column of
    categories (or x values), ``y`` the columns of the series.
    """

    kind: str
    title: str
    x: str
    y: tuple[str, ...]
    x_title: str = ""
    y_title: str = ""
    labels: str = ""  # a column whose cells label the points (scatter)
    bounds: tuple[float, float] | None = None  # both axes' range (scatter on a 0–4 scale)
    cross: float | None = None  # where the axes cross (the 2×2 grid's thresholds)


@dataclass(frozen=True)
class Mark:
    """Rows to highlight: where ``column`` holds one of ``values`` (if none: anything but
    an empty cell or 0).

    ``level``: ``bad`` (red: a violation, an overload), ``warn`` (orange: fragile) or
    ``good`` (green: a recommendation).
    """

    column: str
    values: tuple[Any, ...] = ()
    level: str = "bad"


@dataclass(frozen=True)
class Hints:
    """How a section's table is formatted.

    - ``heatmap``: columns shaded by a colour scale (``high_is_bad`` turns red the high
      values, e.g. loads; otherwise low values are red, e.g. levels); ``heat_all``: every
      numeric column; ``heat_range``: fixed bounds (a 0–4 scale) instead of min and max;
    - ``flag``: a boolean column; rows where it is true are highlighted (a violation);
    - ``marks``: rows highlighted by the value of a column (``Mark``);
    - ``limit``: ``(columns, limit column)``: cells above the row's limit are highlighted
      (an overload); ``columns`` empty means every numeric column after the limit;
    - ``formats``: number formats by column (``"0.0"``, ``"0 %"``, ``"# ##0 €"``…);
      ``float_format`` for the other columns of decimals;
    - ``chart``: a native chart beside the table; ``index``: write the DataFrame index;
    - ``freeze``: how many first columns stay visible when scrolling right.
    """

    heatmap: tuple[str, ...] = ()
    heat_all: bool = False
    high_is_bad: bool = False
    heat_range: tuple[float, float] | None = None
    flag: str | None = None
    marks: tuple[Mark, ...] = ()
    limit: tuple[tuple[str, ...], str] | None = None
    formats: Mapping[str, str] = field(default_factory=dict)
    float_format: str | None = "0.0"
    chart: Chart | None = None
    index: bool = False
    freeze: int = 1


@dataclass
class Context:
    """What a section's build function receives: the store and its frames (pseudonymised if asked)."""

    store: Store
    frames: dict[str, pd.DataFrame]
    pseudonyms: dict[str, str]  # person id → pseudonym (empty when names are kept)
    today: dt.date = field(default_factory=dt.date.today)  # the export date (late actions…)
    cache: dict[str, Any] = field(default_factory=dict)
    firm: str = ""  # the consulting firm named on the cover and the footer (empty: the project's)
    version: str = ""  # the version handed over (empty: the project's, else « 1 »)

    @property
    def pseudonymised(self) -> bool:
        return bool(self.pseudonyms)


@dataclass(frozen=True)
class Section:
    """One analysis sheet of the deliverable.

    ``build(context)`` calls the analysis module and returns its DataFrame, or None when
    the analysis is not available (module absent, nothing to show).
    """

    key: str
    title: str
    description: str
    build: Callable[[Context], pd.DataFrame | None]
    hints: Hints = Hints()

    def __post_init__(self) -> None:
        if len(self.title) > MAX_SHEET_TITLE:
            raise ValueError(L.EXCEL_KINDS["title_too_long"].format(title=self.title))
        if self.title in {sheet_name(k) for k in model.KIND_ORDER} | set(L.EXCEL_SHEETS.values()):
            raise ValueError(L.EXCEL_KINDS["title_taken"].format(title=self.title))
