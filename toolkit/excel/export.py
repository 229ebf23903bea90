"""The deliverable workbook: a cover, one sheet per analysis available, the data sheets.

The export presents; it never computes. Each analysis sheet is a ``Section`` (built in
``toolkit.excel.sections``, handed over by the step registry,
``toolkit.method.workbook_sections()``): a title, a function that *calls* the analysis
module and returns a DataFrame (or None when it has nothing to compare), and formatting
hints (heat map, highlighted rows or cells, number formats, a native Excel chart).
The machinery here turns any such DataFrame into a formatted sheet: title and
description, frozen header and first column, autofilter, conditional formatting,
print settings (A4 landscape at a scale that keeps text at 8 pt or more, header row and,
for tables wider than a page, first columns repeated; the running header and footer with
the project, the client, the confidentiality, the firm and « Page N sur M »), the chart
under its table.

After the analyses come the data sheets, in the import format of
``toolkit.excel.template`` (same sheet names and headers, drop-downs): the deliverable
imports back into a new workshop as is (round trip). With ``pseudonymise=True`` person
names are replaced by stable pseudonyms (``toolkit.core.pseudonyms``) everywhere, data sheets
included, before any analysis runs, and what else could point at one person is removed
(``MASKS``: functions, organisations of one person, e-mails, mandates, comments; ``keep``
names those to leave); a safety net also replaces any cell equal to a real name in what
the analyses return.

Example
-------
>>> import tempfile, pathlib
>>> from toolkit.core.store import Store
>>> from toolkit.demo import build_demo
>>> from toolkit.excel.sections import stakeholder_sections
>>> s = Store("sqlite://"); build_demo(s)
>>> path = export_workbook(s, pathlib.Path(tempfile.mkdtemp()) / "restitution.xlsx", sections=stakeholder_sections())
>>> from openpyxl import load_workbook
>>> load_workbook(path, read_only=True).sheetnames[:2]
['Page de garde', 'Grille pouvoir-intérêt']
"""
from __future__ import annotations

import re

import datetime as dt
import math
from pathlib import Path
from typing import Any, Callable, Sequence

import pandas as pd
from openpyxl.utils import get_column_letter

from ..core import labels as L
from ..core import formats, model
from ..core.errors import MaillageError
from ..core.pseudonyms import pseudonymise as make_pseudonyms
from ..core.store import Store
from . import formatting as F
from . import xlsx as X
from .kinds import Chart, Context, Hints, Mark, Section
from .template import (ListsSheet, capacity, fields, headers, id_validation_spec, list_columns, record_rows,
                       sheet_name, validation_spec)

__all__ = ["MASKS", "Chart", "Context", "Hints", "Mark", "Section", "build_sections", "default_export_path",
           "export_workbook", "make_context", "mask_persons", "write_deliverable"]

Progress = Callable[[int, int, str], None]

# Analysis sheets: title in row 1, description in row 2, link back in row 3, header in row 4.
HEADER_ROW = 4
MAX_LINES = 8  # a wrapped cell shows at most this many lines (the rest in the formula bar)
DESCRIPTION_WIDTH = 130  # characters: a sheet's description wraps within its first printed page


# --- building ------------------------------------------------------------------------

# What a pseudonymised workbook removes besides the names, each of which could point at one
# person: a unique function (« Directrice générale des services »), the organisation of
# somebody alone in it (and the actor standing for it), an e-mail address, the mandate's
# free texts, the free-text comments (« souhait de mobilité »). The consultant may keep some.
MASKS = ("functions", "lonely_organisations", "emails", "mandates", "comments")
MANDATE_FIELDS = ("perimeter", "means", "success_factors")


def _refuse_unknown_masks(masks: Sequence[str]) -> None:
    """Refuse, in French, a mask name that is not one of ``MASKS`` (a typo would keep data in)."""
    unknown = set(masks) - set(MASKS)
    if unknown:
        raise ValueError(L.EXPORT["unknown_masks"].format(unknown=sorted(unknown), known=", ".join(MASKS)))


def mask_persons(frames: dict[str, pd.DataFrame], masks: Sequence[str]) -> dict[str, pd.DataFrame]:
    """The frames with what could re-identify a person removed (``MASKS``; names apart)."""
    _refuse_unknown_masks(masks)
    frames = dict(frames)
    persons = frames["persons"].copy()
    if "functions" in masks:
        # An actor of the map named after a person's function (« Cheffe de projet… »,
        # « Vice-président agriculture et alimentation (CC) », « UDAP — Architecte des
        # Bâtiments de France ») is that person: it takes the person's pseudonym.
        holders = [(str(f).strip().casefold(), name) for f, name in zip(persons["function"], persons["name"])
                   if isinstance(f, str) and f.strip()]

        def actor_name(name: Any) -> Any:
            folded = str(name).strip().casefold()
            return next((alias for function, alias in holders
                         if re.search(rf"(?<!\w){re.escape(function)}(?!\w)", folded)), name)

        actors = frames["actors"]
        if len(actors):
            frames["actors"] = actors.assign(name=actors["name"].map(actor_name))
        persons["function"] = None
    if "emails" in masks:
        persons["email"] = None
    if "mandates" in masks:
        for name in MANDATE_FIELDS:
            persons[name] = None
    if "lonely_organisations" in masks and len(persons):
        sizes = persons["organisation"].map(persons["organisation"].value_counts())
        alone = sizes.eq(1) & persons["organisation"].notna()
        persons["organisation"] = persons["organisation"].mask(alone, L.EXCEL_TEXT["masked_organisation"])
        persons["actor_id"] = persons["actor_id"].mask(alone, None)
    frames["persons"] = persons
    if "comments" in masks:
        for k, df in frames.items():
            if "comment" in df.columns and len(df):
                frames[k] = df.assign(comment=None)
    return frames


def make_context(store: Store, pseudonymise: bool = False, today: dt.date | None = None, firm: str = "",
                 version: str = "", keep: Sequence[str] = ()) -> Context:
    """The store's frames; pseudonymised if asked: person names replaced by stable
    pseudonyms, and what else could point at one person removed (``MASKS``, but those
    named in ``keep``)."""
    frames = store.frames()
    aliases: dict[str, str] = {}
    if pseudonymise:
        persons = frames["persons"]
        aliases = make_pseudonyms(persons["id"].tolist())
        frames["persons"] = persons.assign(name=persons["id"].map(aliases))
        _refuse_unknown_masks(keep)
        frames = mask_persons(frames, [m for m in MASKS if m not in keep])
    return Context(store, frames, aliases, today or dt.date.today(), firm=firm, version=version)


def _hide_names(df: pd.DataFrame, real_to_alias: dict[str, str]) -> pd.DataFrame:
    """Any cell, index or column label equal to a real person name becomes its pseudonym."""
    if not real_to_alias:
        return df
    out = df.copy()
    text_cols = [c for c in out.columns if out[c].dtype == object or isinstance(out[c].dtype, pd.StringDtype)]
    if text_cols:
        out[text_cols] = out[text_cols].replace(real_to_alias)
    out.index = out.index.map(lambda v: real_to_alias.get(v, v) if isinstance(v, str) else v)
    out.columns = out.columns.map(lambda v: real_to_alias.get(v, v) if isinstance(v, str) else v)
    return out


def build_sections(ctx: Context, sections: Sequence[Section]) -> list[tuple[Section, pd.DataFrame]]:
    """Run each section's build; keep those that return a table.

    An analysis that refuses the workshop's data (a ``MaillageError``) gets a sheet that
    says why, rather than blocking the whole deliverable; any other error is a bug and
    propagates.
    """
    real_to_alias: dict[str, str] = {}
    if ctx.pseudonymised:
        real = {r.id: r.name for r in ctx.store.frame("persons").itertuples()}
        real_to_alias = {name: ctx.pseudonyms[pid] for pid, name in real.items() if name}
    titles = [s.title for s in sections]
    if len(set(titles)) != len(titles):
        raise ValueError(L.EXPORT["duplicate_titles"].format(titles=sorted(t for t in set(titles) if titles.count(t) > 1)))
    out = []
    for section in sections:
        try:
            df = section.build(ctx)
        except MaillageError as exc:  # the analysis refuses this workshop's data: say so, go on
            df = pd.DataFrame({L.EXCEL_TEXT["section_failed"]: [str(exc)]})
        if df is None:
            continue
        out.append((section, _hide_names(df, real_to_alias)))
    return out


# --- writing an analysis sheet ----------------------------------------------------------

def _table(df: pd.DataFrame, index: bool) -> tuple[list[str], list[tuple[Any, ...]]]:
    if index:
        df = df.reset_index()
    headers = [str(c) if not isinstance(c, tuple) else " — ".join(str(x) for x in c) for c in df.columns]
    return headers, list(df.itertuples(index=False, name=None))


def _heat_rule(high_is_bad: bool, bounds: tuple[float, float] | None) -> dict[str, Any]:
    low, high = ("#63BE7B", "#F8696B") if high_is_bad else ("#F8696B", "#63BE7B")
    rule: dict[str, Any] = {"type": "3_color_scale", "min_color": low, "mid_color": "#FFEB84", "max_color": high}
    if bounds:
        rule.update(min_type="num", min_value=bounds[0], mid_type="num", mid_value=(bounds[0] + bounds[1]) / 2,
                    max_type="num", max_value=bounds[1])
    else:
        rule.update(min_type="min", mid_type="percentile", mid_value=50, max_type="max")
    return rule


CM_PX = 37.8  # pixels per centimetre at 96 dpi (the chart sizes are in cm, as Excel shows them)
_CHART_TYPES = {"bar": ("column", None), "stacked": ("column", "stacked"), "barh": ("bar", None),
                "line": ("line", None), "scatter": ("scatter", None)}


CHART_PT = 11  # chart texts at the body's size: printed at 8 pt or more at the smallest scale


def chart_size(kind: str, n: int) -> tuple[float, float]:
    """Width and height in cm that show every category's label: horizontal bars grow in
    height with the categories, columns and lines in width (up to a page, then the labels
    turn), the 2×2 grid is square enough to read."""
    if kind == "scatter":
        return 26.5, 17.0
    if kind == "barh":
        return 24.0, min(25.0, max(8.0, 3.0 + 1.1 * n))
    return min(25.0, max(16.0, 3.0 + 1.2 * n)), 11.0


LABEL_CHARS = 28  # a point's label on the 2×2 grid: the name cut after a whole word
LABEL_ROOM = 0.95  # the x axis goes on so far past its last value: room for those labels
SPREAD = 0.8  # the points sharing a position spread over this much of a unit, one above the other


def placed_points(xs: Sequence[Any], ys: Sequence[Any], spread: float = SPREAD,
                  bounds: tuple[float, float] | None = None) -> list[tuple[float, float]]:
    """Where each point is drawn: at its own position, the points sharing one (actors rated
    alike: 9 at power 1, interest 3) set one above the other so that every label shows,
    kept within ``bounds`` (the axis' range: a point beyond it is not drawn).

    >>> placed_points([1, 1, 2], [3, 3, 2])
    [(1.0, 3.08), (1.0, 2.92), (2.0, 2.0)]
    >>> placed_points([4, 4], [4, 4], bounds=(0, 4))
    [(4.0, 4.0), (4.0, 3.84)]
    """
    groups: dict[tuple[float, float], list[int]] = {}
    for i, (x, y) in enumerate(zip(xs, ys)):
        groups.setdefault((float(x), float(y)), []).append(i)
    out: list[tuple[float, float]] = [(0.0, 0.0)] * len(xs)
    for (x, y), members in groups.items():
        step = min(0.16, spread / len(members))
        top = y + (len(members) - 1) / 2 * step
        if bounds and (top > bounds[1] or top - (len(members) - 1) * step < bounds[0]):
            # against an edge: all on one side of the value, closer together, each point
            # nearer its own rating than the next one's
            step = min(step, 0.45 / max(1, len(members) - 1))
            top = bounds[1] if top > bounds[1] else bounds[0] + (len(members) - 1) * step
        for rank, i in enumerate(members):  # the first of the table on top
            out[i] = (x, round(top - rank * step, 4))
    return out


def _point_labels(out: X.Writer, title: str, spec: Chart, headers: list[str],
                  rows: Sequence[Sequence[Any]]) -> tuple[list[Any], list[Any], list[dict[str, Any]]]:
    """The 2×2 grid's points, placed (``placed_points``) in two hidden columns after the
    table, and a label per point naming its row (cut to ``LABEL_CHARS``), right of it
    (the x axis goes ``LABEL_ROOM`` further for the last column's).

    The labels are the names as text, not formulas pointing at the cells: LibreOffice
    draws a custom label's text but not one read from a cell (Excel draws both).
    """
    ws = out.wb.get_worksheet_by_name(title)
    xi, yi, ni = headers.index(spec.x), headers.index(spec.y[0]), headers.index(spec.labels)
    points = [(r[xi], r[yi]) for r in rows]
    ok = [F.plain(x) is not None and F.plain(y) is not None for x, y in points]
    placed = placed_points([x for (x, _), k in zip(points, ok) if k], [y for (_, y), k in zip(points, ok) if k],
                           bounds=spec.bounds)
    x_col, y_col = len(headers) + 1, len(headers) + 2  # one empty column after the table
    ws.set_column(x_col, y_col, None, None, {"hidden": True})
    labels, at = [], iter(placed)
    for n, (row, keep) in enumerate(zip(rows, ok), start=HEADER_ROW):
        if not keep:
            labels.append({"delete": True})
            continue
        x, y = next(at)
        out.put(ws, n, x_col, x)
        out.put(ws, n, y_col, y)
        labels.append({"value": X.header_text(F.plain(row[ni]), LABEL_CHARS).replace("&&", "&")})
    first, last = HEADER_ROW, HEADER_ROW + len(rows) - 1
    return [title, first, x_col, last, x_col], [title, first, y_col, last, y_col], labels


def _chart(out: X.Writer, title: str, spec: Chart, headers: list[str], rows: Sequence[Sequence[Any]]) -> Any | None:
    """A native chart from the table's columns, or None when a column is missing."""
    n_rows = len(rows)
    if spec.x not in headers or not all(y in headers for y in spec.y) or n_rows == 0:
        return None
    kind, subtype = _CHART_TYPES[spec.kind]
    chart = out.chart({"type": kind, **({"subtype": subtype} if subtype else {})})
    head, first, last = HEADER_ROW - 1, HEADER_ROW, HEADER_ROW + n_rows - 1  # 0-based rows
    x_col = headers.index(spec.x)
    font = {"size": CHART_PT}
    for y in spec.y:
        col = headers.index(y)
        series: dict[str, Any] = {"name": [title, head, col], "categories": [title, first, x_col, last, x_col],
                                  "values": [title, first, col, last, col]}
        if spec.kind == "scatter":
            series.update(marker={"type": "circle", "size": 6}, line={"none": True})
            if spec.labels in headers and len(spec.y) == 1:
                xs, ys, labels = _point_labels(out, title, spec, headers, rows)
                # « value » on, each label's own text in its place: what Excel writes for
                # edited labels, and what LibreOffice needs to draw them at all.
                series.update(categories=xs, values=ys, data_labels={
                    "value": True, "position": "right", "font": {"size": 8}, "custom": labels})
        chart.add_series(series)
    chart.set_title({"name": spec.title, "name_font": {"size": 13}})
    # Axes shown: <c:delete val="0"/> written on each (Excel hides an axis left unset).
    x_axis: dict[str, Any] = {"name": spec.x_title or spec.x, "visible": True, "num_font": font, "name_font": font}
    y_axis: dict[str, Any] = {"visible": True, "num_font": font, "name_font": font}
    if spec.y_title:
        y_axis["name"] = spec.y_title
    if kind == "bar":  # horizontal bars: every category named, the first at the top; XlsxWriter's
        # y axis is then the (vertical) category axis, unnamed (its long labels leave no room
        # for a title: the table's header names it), its x axis the values'.
        x_axis["name"] = spec.y_title or spec.y[0]
        y_axis.pop("name", None)
        y_axis.update(interval_unit=1, reverse=True)
    elif kind in ("column", "line"):
        x_axis.update(interval_unit=1)
    if spec.bounds:
        for axis in (x_axis, y_axis):
            axis.update(min=spec.bounds[0], max=spec.bounds[1], major_unit=1,
                        major_gridlines={"visible": False})
    if spec.cross is not None:  # the axes cross at the thresholds: the four quadrants,
        # their figures along the plot's edges (at the crossing, they would sit on the points)
        x_axis["crossing"] = y_axis["crossing"] = spec.cross
        x_axis["label_position"] = y_axis["label_position"] = "low"
    if spec.kind == "scatter" and spec.labels in headers and spec.bounds:
        x_axis["max"] = spec.bounds[1] + LABEL_ROOM  # the last column's labels inside the plot
    chart.set_x_axis(x_axis)
    chart.set_y_axis(y_axis)
    if spec.kind == "scatter":
        chart.set_legend({"none": True})
    else:
        chart.set_legend({"position": "bottom", "font": font})
    width, height = chart_size(spec.kind, n_rows)
    chart.set_size({"width": width * CM_PX, "height": height * CM_PX})
    return chart


def _numeric_columns(rows: list[list[Any]], width: int, sample: int = 200) -> dict[str, set[int]]:
    """Columns holding numbers (and those holding decimals), from the first rows."""
    found: dict[str, set[int]] = {"all": set(), "float": set(), "other": set()}
    for row in rows[:sample]:
        for j, v in enumerate(row[:width]):
            kind = type(v)
            if kind is not int and kind is not float and kind is not str:
                v = F.plain(v)  # numpy scalars, NA, dates…
                kind = type(v)
            if v is None or (kind is float and not math.isfinite(v)):
                continue  # empty (plain makes NaN and infinities empty cells)
            if kind is float:
                found["all"].add(j)
                found["float"].add(j)
            elif kind is int:
                found["all"].add(j)
            else:
                found["other"].add(j)
    found["all"] -= found["other"]
    found["float"] &= found["all"]
    return found


def _literal(value: Any) -> str:
    """A value as an Excel formula literal (text quoted, quotes doubled)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return f"{value:g}"
    return '"' + str(value).replace('"', '""') + '"'


def _formula_rule(out: X.Writer, formula: str, fill: Any, font: Any = None) -> dict[str, Any]:
    return {"type": "formula", "criteria": formula, "format": out.dxf(fill=fill, font=font)}


def no_data_text(description: str) -> str:
    """What an empty analysis sheet says, naming the step that fills it when its description does.

    >>> no_data_text("Étape 2 — les acteurs isolés.")
    "Aucune donnée pour l'instant : cette feuille se remplit à l'étape 2 (voir le sommaire)."
    """
    step = re.match(L.EXPORT["step_of_description"], description)
    if step:
        return L.EXCEL_TEXT["no_data_step"].format(step=step.group(1))
    return L.EXCEL_TEXT["no_data"]


def write_section(out: X.Writer, section: Section, df: pd.DataFrame, cover: str) -> int:
    """One formatted analysis sheet; returns its number of rows."""
    hints = section.hints
    headers, rows = _table(df, hints.index)
    title = section.title
    ws = out.sheet(title)
    # Wide tables (matrices: one column per person or competence) get narrow columns.
    high = 14 if len(headers) > 12 else 45
    widths = F.column_widths(headers, rows, low=8, high=high)
    if hints.index or hints.freeze:
        widths[:hints.freeze] = F.column_widths(headers[:hints.freeze], [r[:hints.freeze] for r in rows],
                                                low=8, high=45)
    X.set_widths(ws, widths)
    head = HEADER_ROW - 1  # 0-based row of the header
    ws.set_row(head, F.header_height(headers, widths))
    ws.freeze_panes(HEADER_ROW, min(hints.freeze, len(headers)))
    # Wider than a page at a readable scale: the table goes on over the next pages, its
    # first columns (the row's name) repeated on each.
    repeat = 0 if X.one_page_wide(widths) else min(max(1, hints.freeze), len(headers))
    out.page(ws, title_row=head, widths=widths, repeat_columns=repeat)
    out.put(ws, 0, 0, title, font=F.TITLE_FONT)
    # The description wraps over the columns of the first page: a long line would
    # otherwise run on over the next pages.
    span, used = 0, 0.0
    while span < len(headers) and (span == 0 or used + widths[span] <= DESCRIPTION_WIDTH):
        used += widths[span]
        span += 1
    span = max(1, span)
    ws.set_row(1, F.header_height([section.description], [sum(widths[:span])], line=14.0))
    description = out.format(font=F.NOTE_FONT, alignment=F.WRAP)
    if span > 1:
        ws.merge_range(1, 0, 1, span - 1, "", description)
    out.put(ws, 1, 0, section.description, font=F.NOTE_FONT, alignment=F.WRAP)
    out.link(ws, 2, 0, L.EXCEL_TEXT["back_to_cover"], cover)
    out.header_row(ws, head, headers)
    if not rows:  # the sheet is there, and says why it is empty
        out.put(ws, HEADER_ROW, 0, no_data_text(section.description), font=F.NOTE_FONT)
    numeric = _numeric_columns(rows, len(headers))
    formats: dict[int, str | None] = {headers.index(c): fmt for c, fmt in hints.formats.items() if c in headers}
    if hints.float_format:
        for j in numeric["float"]:
            formats.setdefault(j, hints.float_format)
    # Formats made once per column: numbers (the column's format), dates, and the same
    # aligned at the top for the rows that hold a wrapped text.
    width = len(headers)
    number = [out.format(number_format=formats.get(j)) for j in range(width)]
    date = [out.format(number_format=formats.get(j) or F.DATE_FORMAT) for j in range(width)]
    top_number = [out.format(number_format=formats.get(j), alignment=F.TOP) for j in range(width)]
    top_date = [out.format(number_format=formats.get(j) or F.DATE_FORMAT, alignment=F.TOP) for j in range(width)]
    top, wrap = out.format(alignment=F.TOP), out.format(alignment=F.WRAP)
    limits = [w - 2 for w in widths]
    cell = out.cell
    for n, row in enumerate(rows, start=HEADER_ROW):
        # Text longer than its column wraps (and the row grows): text running over the
        # next empty cells would widen the printed page.
        long = {j for j, v in enumerate(row) if type(v) is str and len(v) > limits[j]}
        if long:  # the whole row aligned at the top, beside its tall cells
            lines = max(F.wrapped_lines(row[j], widths[j]) for j in long)
            ws.set_row(n, 15.0 * min(lines, MAX_LINES))
            for j, v in enumerate(row):
                if j in long:
                    cell(ws, n, j, v, wrap, wrap, wrap)
                else:
                    cell(ws, n, j, v, top_number[j], top, top_date[j])
        else:
            for j, v in enumerate(row):
                cell(ws, n, j, v, number[j], None, date[j])
    first, last = HEADER_ROW + 1, HEADER_ROW + max(1, len(rows))  # Excel rows, as in the formulas
    last_col = get_column_letter(max(1, len(headers)))
    ws.autofilter(head, 0, last - 1, max(1, len(headers)) - 1)
    if rows:
        heat = [headers.index(n) for n in hints.heatmap if n in headers]
        if hints.heat_all:
            heat = sorted(set(heat) | numeric["all"])
        for j in heat:
            col = get_column_letter(j + 1)
            ws.conditional_format(f"{col}{first}:{col}{last}", _heat_rule(hints.high_is_bad, hints.heat_range))
        if hints.flag and hints.flag in headers:
            col = get_column_letter(headers.index(hints.flag) + 1)
            ws.conditional_format(f"A{first}:{last_col}{last}", _formula_rule(
                out, f'OR(${col}{first}=TRUE,${col}{first}="{L.EXCEL_TEXT["yes"]}")', F.BAD_FILL))
        for mark in hints.marks:
            if mark.column not in headers:
                continue
            ref = f"${get_column_letter(headers.index(mark.column) + 1)}{first}"
            # No values: any cell neither empty nor zero (text compares unequal to 0).
            tests = [f"{ref}={_literal(v)}" for v in mark.values] or [f"AND(LEN({ref})>0,{ref}<>0)"]
            formula = tests[0] if len(tests) == 1 else f"OR({','.join(tests)})"
            fill = {"bad": F.BAD_FILL, "warn": F.WARN_FILL, "good": F.GOOD_FILL}[mark.level]
            ws.conditional_format(f"A{first}:{last_col}{last}", _formula_rule(out, formula, fill))
        if hints.limit and hints.limit[1] in headers:
            names, limit = hints.limit
            limit_idx = headers.index(limit)
            if not names:
                names = tuple(headers[j] for j in sorted(numeric["all"]) if j > limit_idx)
            lim = get_column_letter(limit_idx + 1)
            for name in names:
                if name in headers:
                    col = get_column_letter(headers.index(name) + 1)
                    ws.conditional_format(f"{col}{first}:{col}{last}", _formula_rule(
                        out, f"AND(ISNUMBER({col}{first}),{col}{first}>${lim}{first})", F.BAD_FILL, F.BAD_FONT))
        if hints.chart:
            chart = _chart(out, title, hints.chart, headers, rows)
            if chart is not None:  # on its own rows, under the table (beside it, it widens the page),
                # from the top of a page (a page break would cut it in two)
                ws.set_h_pagebreaks([HEADER_ROW + len(rows) + 1])
                ws.insert_chart(HEADER_ROW + len(rows) + 1, 0, chart)
    return len(rows)


# --- the cover -----------------------------------------------------------------------

def project_facts(ctx: Context) -> dict[str, Any]:
    """The project's row (empty when there is none)."""
    project = ctx.frames["project"]
    return project.iloc[0].to_dict() if len(project) else {}


def firm_name(ctx: Context) -> str:
    """The firm named on the cover and in the footer: the export's ``firm``, else the
    project's (« Cabinet », cadrage), else empty (the cover then asks for it)."""
    return str(ctx.firm or "").strip() or model.handover(project_facts(ctx))["firm"]


def client_name(ctx: Context) -> str:
    """The client on the cover and in the header: the project's « Client », else its territory."""
    return model.handover(project_facts(ctx))["client"]


def deliverable_version(ctx: Context) -> str:
    """The version on the cover: the export's ``version``, else the project's, else « 1 »."""
    return str(ctx.version or "").strip() or model.handover(project_facts(ctx))["version"]


def confidentiality_notice(ctx: Context) -> str:
    """The cover's confidentiality: the pseudonymised version's notice, else the project's
    own « Mention de confidentialité », else the standard notice."""
    if ctx.pseudonymised:
        return L.EXCEL_TEXT["confidential_pseudonymised"]
    return model.handover(project_facts(ctx))["confidentiality"] or L.EXCEL_TEXT["confidential"]


def deliverable_title(ctx: Context) -> str:
    """The cover's title: the project's own (« Classeur de restitution — Montaurel 2030 … »)."""
    name = project_facts(ctx).get("name") or L.EXCEL_TEXT["cover_no_project"]
    return L.EXCEL_TEXT["cover_title"].format(project=name)


def page_furniture(ctx: Context) -> tuple[str, str]:
    """The header (project, client; confidentiality) and footer (firm; page N of M; date)
    printed on every page of every sheet, in XlsxWriter's codes."""
    T, p = L.EXCEL_TEXT, project_facts(ctx)
    project, client = X.header_text(p.get("name")), X.header_text(client_name(ctx))
    right = T["pseudonymised_short"] if ctx.pseudonymised else T["confidential_short"]
    # Each section's font size (9 pt, not scaled with the sheet) and colour (grey): the
    # colour code also ends the size's digits before a text starting with one (« 1er »).
    size = f"&{X.HEADER_PT}&K595959"
    header = f"&L{size}{project}&C{size}{client}&R{size}{X.header_text(right)}"
    firm = firm_name(ctx) or T["cover_no_firm"]
    footer = (f"&L{size}{X.header_text(firm)}&C{size}{T['page_footer']}"
              f"&R{size}{X.header_text(formats.date_long(ctx.today, weekday=False))}")
    return header, footer


def write_cover(out: X.Writer, ctx: Context, contents: list[tuple[str, str, int]], today: dt.date) -> None:
    """The cover (client, project, firm, date, version, confidentiality), then the contents
    with links, from the second printed page."""
    T = L.EXCEL_TEXT
    ws = out.sheet(L.EXCEL_SHEETS["cover"])
    widths = [30, 80, 8]
    X.set_widths(ws, widths)
    out.page(ws, landscape=False, widths=widths)
    p = project_facts(ctx)
    # The title wraps across the page (16 pt: about 11/16 of a column's characters a line).
    title = deliverable_title(ctx)
    ws.set_row(0, 22.0 * F.wrapped_lines(title, sum(widths) * 11 / 16))
    ws.merge_range(0, 0, 0, len(widths) - 1, "", out.format(font=F.TITLE_FONT, alignment=F.WRAP))
    out.put(ws, 0, 0, title, font=F.TITLE_FONT, alignment=F.WRAP)
    start = p.get("start_date")
    client = client_name(ctx)
    firm = firm_name(ctx)
    confidentiality = confidentiality_notice(ctx)
    facts = [
        (T["cover_client"], client),
        (T["cover_project"], p.get("name") or T["cover_no_project"]),
        (T["cover_programme"], p.get("programme")),
        (T["cover_start"], T["cover_horizon"].format(start=formats.date_long(start, weekday=False),
                                                     months=p.get("horizon_months"))
         if isinstance(start, dt.date) else None),
        (T["cover_firm"], firm or T["cover_no_firm"]),
        (T["cover_date"], formats.date_long(today, weekday=False)),
        (T["cover_version"], deliverable_version(ctx)),
        (T["cover_confidentiality"], confidentiality),
    ]
    if ctx.pseudonymised:
        facts.append((T["cover_pseudonymised"], T["cover_pseudonymised_text"]))
    row = 2
    for label, value in facts:
        out.put(ws, row, 0, label, font=F.BOLD_FONT, alignment=F.TOP)
        if isinstance(value, str) and len(value) > widths[1] - 2:
            ws.set_row(row, 15.0 * F.wrapped_lines(value, widths[1]))
            out.put(ws, row, 1, value, alignment=F.WRAP)
        else:
            out.put(ws, row, 1, value, font=F.NOTE_FONT if value == T["cover_no_firm"] else None)
        row += 1
    row += 1
    ws.set_h_pagebreaks([row])  # the cover alone on its page, the contents after
    out.put(ws, row, 0, T["cover_contents"], font=F.SUBTITLE_FONT)
    out.header_row(ws, row + 1, [L.EXCEL_TEXT["col_sheet"], T["cover_description"], T["cover_rows"]])
    ws.repeat_rows(row + 1)
    row += 2
    for title, description, n in contents:
        # Texts wrapped, never cut: the row as tall as its longest cell.
        lines = max(F.wrapped_lines(title, widths[0]), F.wrapped_lines(description, widths[1]))
        if lines > 1:
            ws.set_row(row, 15.0 * lines)
        out.link(ws, row, 0, title, title, alignment=F.WRAP)  # level with its description
        out.put(ws, row, 1, description, alignment=F.WRAP)
        out.put(ws, row, 2, n, alignment=F.TOP)
        row += 1
    note = T["cover_data_note"]
    ws.set_row(row + 1, 15.0 * F.wrapped_lines(note, sum(widths[:2])))
    ws.merge_range(row + 1, 0, row + 1, 1, "", out.format(font=F.NOTE_FONT, alignment=F.WRAP))
    out.put(ws, row + 1, 0, note, font=F.NOTE_FONT, alignment=F.WRAP)


# --- the data sheets (the import format of ``template``) -----------------------------------

def write_record_sheet(out: X.Writer, kind_name: str, rows: list[list[Any]], lists: ListsSheet, last: int) -> None:
    """One kind's sheet as ``template.write_record_sheet`` makes it, written by XlsxWriter."""
    title = sheet_name(kind_name)
    ws = out.sheet(title)
    head = headers(kind_name)
    widths = F.column_widths(head, rows, low=10, high=50)
    X.set_widths(ws, widths)
    ws.set_row(0, F.header_height(head, widths))
    ws.freeze_panes(1, 1)
    out.page(ws, title_row=0, widths=widths, repeat_columns=0 if X.one_page_wide(widths) else 1)
    out.header_row(ws, 0, head)
    kind_fields = fields(kind_name)
    date_cols = {i for i, f in enumerate(kind_fields, start=1) if f.type == "date"}
    date = out.format(number_format=F.DATE_FORMAT)
    cell = out.cell
    for n, row in enumerate(rows, start=1):
        for j, v in enumerate(row):
            cell(ws, n, j, v, date if j in date_cols else None, None, date)
    ws.autofilter(0, 0, max(1, len(rows)), len(head) - 1)
    ws.data_validation(1, 0, last - 1, 0, X.validation_options(id_validation_spec(kind_name)))
    for j, f in enumerate(kind_fields, start=1):
        ws.data_validation(1, j, last - 1, j, X.validation_options(validation_spec(f, kind_name, lists)))


def write_lists(out: X.Writer, lists: ListsSheet) -> None:
    """The hidden « Listes » sheet, each column behind its defined name."""
    title = L.EXCEL_SHEETS["lists"]
    ws = out.sheet(title)
    ws.hide()
    columns = list_columns(lists)
    X.set_widths(ws, [max(12, len(h) + 2) for h, _, _ in columns])
    out.header_row(ws, 0, [h for h, _, _ in columns])
    for j, (_, values, name) in enumerate(columns):
        for i, value in enumerate(values, start=1):
            out.put(ws, i, j, value)
        col = get_column_letter(j + 1)
        out.define_name(name, title, f"${col}$2:${col}${len(values) + 1}")


def write_record_sheets(out: X.Writer, rows_by_kind: dict[str, list[list[Any]]]) -> None:
    """Every kind's sheet (in ``KIND_ORDER``), then the hidden lists."""
    lists = ListsSheet()
    for k in model.KIND_ORDER:
        last = capacity(len(rows_by_kind.get(k, [])))
        write_record_sheet(out, k, rows_by_kind.get(k, []), lists, last)
        out.define_name(f"ids_{k}", sheet_name(k), f"$A$2:$A${last}")
    write_lists(out, lists)


# --- the export ----------------------------------------------------------------------

def default_export_path(workshop: Any, pseudonymise: bool = False, today: dt.date | None = None) -> Path:
    """``exports/restitution_AAAA-MM-JJ[_pseudonymise].xlsx`` in the workshop folder."""
    today = today or dt.date.today()
    suffix = "_pseudonymise" if pseudonymise else ""
    return Path(workshop.exports_dir) / f"restitution_{today.isoformat()}{suffix}.xlsx"


def export_workbook(store: Store, path: str | Path, pseudonymise: bool = False,
                    progress: Progress | None = None, sections: Sequence[Section] | None = None,
                    today: dt.date | None = None, firm: str = "", version: str = "",
                    keep: Sequence[str] = ()) -> Path:
    """Write the deliverable workbook of a workshop.

    Parameters
    ----------
    store : the workshop's store.
    path : the ``.xlsx`` file to write.
    pseudonymise : replace person names by stable pseudonyms (sharing beyond the team).
    progress : called as ``progress(done, total, message)`` sheet by sheet.
    sections : the analysis sheets, in order — the method's are
        ``toolkit.method.workbook_sections()`` (``toolkit.method.export_workbook`` passes
        them). Required: the workbook never guesses its contents, so a sheet can only be
        left out by its caller.
    today : the export date shown on the cover (default: today).
    firm : the consulting firm named on the cover and in the footer (default: the
        project's « Cabinet », cadrage; if neither, a blank the consultant fills).
    version : the deliverable's version, on the cover (default: the project's « Version
        des livrables », else « 1 »).
    keep : with ``pseudonymise``, what to keep of ``MASKS`` (by default all is removed:
        functions, organisations of one person, e-mails, mandates, comments).

    Returns
    -------
    The path written.

    Example
    -------
    ``export_workbook(ws.store, ws.exports_dir / "restitution.xlsx", pseudonymise=True)``
    """
    if sections is None:
        raise TypeError(L.EXPORT["no_sections"])
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    ctx = make_context(store, pseudonymise, today, firm=firm, version=version, keep=keep)
    built = build_sections(ctx, sections)
    data_rows = {k: record_rows(k, ctx.frames[k]) for k in model.KIND_ORDER}
    return write_deliverable(path, ctx, built, data_rows, progress)


def write_deliverable(path: Path, ctx: Context, built: list[tuple[Section, pd.DataFrame]],
                      data_rows: dict[str, list[list[Any]]], progress: Progress | None = None) -> Path:
    """Write the workbook from what ``export_workbook`` prepared (the analyses' tables and
    the data rows): the writing alone, which ``bench/bench_excel.py`` times."""
    contents = [(s.title, s.description, len(df)) for s, df in built]
    contents += [(sheet_name(k), L.EXCEL_TEXT["records_description"].format(kind=model.KINDS[k].label),
                  len(data_rows[k])) for k in model.KIND_ORDER]
    total = len(built) + 2
    out = X.Writer(path)
    out.header, out.footer = page_furniture(ctx)
    cover = L.EXCEL_SHEETS["cover"]
    write_cover(out, ctx, contents, ctx.today)
    for i, (section, df) in enumerate(built, start=1):
        if progress:
            progress(i, total, L.EXCEL_TEXT["progress_sheet"].format(sheet=section.title))
        write_section(out, section, df, cover)
    if progress:
        progress(total - 1, total, L.EXCEL_TEXT["progress_data"])
    write_record_sheets(out, data_rows)
    if progress:
        progress(total, total, L.EXCEL_TEXT["progress_save"])
    out.close()
    return path
