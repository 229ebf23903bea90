"""The deliverable workbook: a cover, one sheet per analysis available, the data sheets.

The export presents; it never computes. Each analysis sheet is a ``Section`` of the
registry (``toolkit.excel.sections.SECTIONS``): a title, a function that *calls* the
analysis module and returns a DataFrame (or None when the analysis is not available),
and formatting hints (heat map, highlighted rows or cells, number formats, a native Excel
chart). The machinery here turns any such DataFrame into a formatted sheet: title and
description, frozen header and first column, autofilter, conditional formatting,
print settings (A4 landscape, one page wide, header repeated).

After the analyses come the data sheets, in the import format of
``toolkit.excel.template`` (same sheet names and headers, drop-downs): the deliverable
imports back into a new workshop as is (round trip). With ``pseudonymise=True`` person
names are replaced by stable pseudonyms (``toolkit.pseudonyms``) everywhere, data sheets
included, before any analysis runs; a safety net also replaces any cell equal to a real
name in what the analyses return.

Example
-------
>>> import tempfile, pathlib
>>> from toolkit.store import Store
>>> from toolkit.demo import build_demo
>>> s = Store("sqlite://"); build_demo(s)
>>> path = export_workbook(s, pathlib.Path(tempfile.mkdtemp()) / "restitution.xlsx")
>>> from openpyxl import load_workbook
>>> load_workbook(path, read_only=True).sheetnames[0]
'Page de garde'
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference, ScatterChart, Series
from openpyxl.formatting.rule import ColorScaleRule, FormulaRule
from openpyxl.utils import get_column_letter

from .. import labels as L
from .. import model
from ..errors import MaillageError
from ..pseudonyms import pseudonymise as make_pseudonyms
from ..store import Store
from . import formatting as F
from .template import add_record_sheets, record_rows, sheet_name

Progress = Callable[[int, int, str], None]

# Analysis sheets: title in row 1, description in row 2, link back in row 3, header in row 4.
HEADER_ROW = 4
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
            raise ValueError(f"titre de feuille trop long (31 caractères au plus) : {self.title}")
        if self.title in {sheet_name(k) for k in model.KIND_ORDER} | set(L.EXCEL_SHEETS.values()):
            raise ValueError(f"titre de feuille déjà pris par une feuille de données : {self.title}")


# --- building ------------------------------------------------------------------------

def make_context(store: Store, pseudonymise: bool = False, today: dt.date | None = None) -> Context:
    """The store's frames, with person names replaced by stable pseudonyms if asked."""
    frames = store.frames()
    aliases: dict[str, str] = {}
    if pseudonymise:
        persons = frames["persons"]
        aliases = make_pseudonyms(persons["id"].tolist())
        frames["persons"] = persons.assign(name=persons["id"].map(aliases))
    return Context(store, frames, aliases, today or dt.date.today())


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
        raise ValueError(f"titres de feuilles en double : {sorted(t for t in set(titles) if titles.count(t) > 1)}")
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

def _table(df: pd.DataFrame, index: bool) -> tuple[list[str], list[list[Any]]]:
    if index:
        df = df.reset_index()
    headers = [str(c) if not isinstance(c, tuple) else " — ".join(str(x) for x in c) for c in df.columns]
    return headers, [list(row) for row in df.itertuples(index=False, name=None)]


def _heat_rule(high_is_bad: bool, bounds: tuple[float, float] | None) -> ColorScaleRule:
    low, high = ("63BE7B", "F8696B") if high_is_bad else ("F8696B", "63BE7B")
    if bounds:
        return ColorScaleRule(start_type="num", start_value=bounds[0], start_color=low,
                              mid_type="num", mid_value=(bounds[0] + bounds[1]) / 2, mid_color="FFEB84",
                              end_type="num", end_value=bounds[1], end_color=high)
    return ColorScaleRule(start_type="min", start_color=low, mid_type="percentile", mid_value=50,
                          mid_color="FFEB84", end_type="max", end_color=high)


def _chart(ws: Any, spec: Chart, headers: list[str], n_rows: int) -> Any | None:
    """A native chart from the table's columns, or None when a column is missing."""
    if spec.x not in headers or not all(y in headers for y in spec.y) or n_rows == 0:
        return None
    first, last = HEADER_ROW + 1, HEADER_ROW + n_rows
    x_col = headers.index(spec.x) + 1
    if spec.kind == "scatter":
        chart: Any = ScatterChart()
        chart.style = 13
        xs = Reference(ws, min_col=x_col, min_row=first, max_row=last)
        for y in spec.y:
            col = headers.index(y) + 1
            series = Series(Reference(ws, min_col=col, min_row=HEADER_ROW, max_row=last), xs, title_from_data=True)
            series.marker.symbol = "circle"
            series.graphicalProperties.line.noFill = True
            chart.series.append(series)
    else:
        chart = LineChart() if spec.kind == "line" else BarChart()
        if spec.kind in ("bar", "stacked", "barh"):
            chart.type = "bar" if spec.kind == "barh" else "col"
        if spec.kind == "stacked":
            chart.grouping, chart.overlap = "stacked", 100
        for y in spec.y:
            col = headers.index(y) + 1
            chart.add_data(Reference(ws, min_col=col, min_row=HEADER_ROW, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=x_col, min_row=first, max_row=last))
    chart.title = spec.title
    chart.x_axis.title = spec.x_title or spec.x
    chart.y_axis.title = spec.y_title or None
    chart.height, chart.width = 9, max(16, min(32, n_rows * 0.8))
    return chart


def _numeric_columns(rows: list[list[Any]], width: int, sample: int = 200) -> dict[str, set[int]]:
    """Columns holding numbers (and those holding decimals), from the first rows."""
    found: dict[str, set[int]] = {"all": set(), "float": set(), "other": set()}
    for row in rows[:sample]:
        for j, v in enumerate(row[:width]):
            v = F.plain(v)
            if v is None:
                continue
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                found["other"].add(j)
            else:
                found["all"].add(j)
                if isinstance(v, float):
                    found["float"].add(j)
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


def _cell(ws: Any, value: Any, number_format: str | None) -> Any:
    value = F.plain(value)
    if value is None:
        return None
    if number_format is None and isinstance(value, (dt.date, dt.datetime)):
        number_format = F.DATE_FORMAT
    return F.styled(ws, value, number_format=number_format) if number_format else F.cell_value(ws, value)


def write_section(wb: Workbook, section: Section, df: pd.DataFrame, cover: str) -> int:
    """One formatted analysis sheet; returns its number of rows."""
    hints = section.hints
    headers, rows = _table(df, hints.index)
    ws = wb.create_sheet(section.title)
    # Wide tables (matrices: one column per person or competence) get narrow columns.
    high = 14 if len(headers) > 12 else 45
    widths = F.column_widths(headers, rows, low=8, high=high)
    if hints.index or hints.freeze:
        widths[:hints.freeze] = F.column_widths(headers[:hints.freeze], [r[:hints.freeze] for r in rows],
                                                low=8, high=45)
    F.set_widths(ws, widths)
    ws.row_dimensions[HEADER_ROW].height = F.header_height(headers, widths)
    ws.freeze_panes = f"{get_column_letter(min(hints.freeze, len(headers)) + 1)}{HEADER_ROW + 1}"
    F.declare_size(ws, HEADER_ROW + len(rows), len(headers))
    F.print_setup(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    ws.append([F.styled(ws, section.title, font=F.TITLE_FONT)])
    ws.append([F.styled(ws, section.description, font=F.NOTE_FONT)])
    ws.append([F.internal_link(ws, L.EXCEL_TEXT["back_to_cover"], cover)])
    ws.append(F.header_row(ws, headers))
    numeric = _numeric_columns(rows, len(headers))
    formats = {headers.index(c): fmt for c, fmt in hints.formats.items() if c in headers}
    if hints.float_format:
        for j in numeric["float"]:
            formats.setdefault(j, hints.float_format)
    for row in rows:
        ws.append([_cell(ws, v, formats.get(j)) for j, v in enumerate(row)])
    first, last = HEADER_ROW + 1, HEADER_ROW + max(1, len(rows))
    last_col = get_column_letter(max(1, len(headers)))
    ws.auto_filter.ref = f"A{HEADER_ROW}:{last_col}{last}"
    if rows:
        heat = [headers.index(n) for n in hints.heatmap if n in headers]
        if hints.heat_all:
            heat = sorted(set(heat) | numeric["all"])
        for j in heat:
            col = get_column_letter(j + 1)
            ws.conditional_formatting.add(f"{col}{first}:{col}{last}", _heat_rule(hints.high_is_bad, hints.heat_range))
        if hints.flag and hints.flag in headers:
            col = get_column_letter(headers.index(hints.flag) + 1)
            ws.conditional_formatting.add(f"A{first}:{last_col}{last}", FormulaRule(
                formula=[f'OR(${col}{first}=TRUE,${col}{first}="{L.EXCEL_TEXT["yes"]}")'], fill=F.BAD_FILL))
        for mark in hints.marks:
            if mark.column not in headers:
                continue
            ref = f"${get_column_letter(headers.index(mark.column) + 1)}{first}"
            # No values: any cell neither empty nor zero (text compares unequal to 0).
            tests = [f"{ref}={_literal(v)}" for v in mark.values] or [f"AND(LEN({ref})>0,{ref}<>0)"]
            formula = tests[0] if len(tests) == 1 else f"OR({','.join(tests)})"
            fill = {"bad": F.BAD_FILL, "warn": F.WARN_FILL, "good": F.GOOD_FILL}[mark.level]
            ws.conditional_formatting.add(f"A{first}:{last_col}{last}", FormulaRule(formula=[formula], fill=fill))
        if hints.limit and hints.limit[1] in headers:
            names, limit = hints.limit
            limit_idx = headers.index(limit)
            if not names:
                names = tuple(headers[j] for j in sorted(numeric["all"]) if j > limit_idx)
            lim = get_column_letter(limit_idx + 1)
            for name in names:
                if name in headers:
                    col = get_column_letter(headers.index(name) + 1)
                    ws.conditional_formatting.add(
                        f"{col}{first}:{col}{last}",
                        FormulaRule(formula=[f"AND(ISNUMBER({col}{first}),{col}{first}>${lim}{first})"],
                                    fill=F.BAD_FILL, font=F.BAD_FONT))
        if hints.chart:
            chart = _chart(ws, hints.chart, headers, len(rows))
            if chart is not None:
                ws.add_chart(chart, f"{get_column_letter(len(headers) + 2)}{HEADER_ROW}")
    return len(rows)


# --- the cover -----------------------------------------------------------------------

def write_cover(wb: Workbook, ctx: Context, contents: list[tuple[str, str, int]], today: dt.date) -> None:
    """The cover: project, territory, programme, horizon, export date, contents with links."""
    T = L.EXCEL_TEXT
    ws = wb.create_sheet(L.EXCEL_SHEETS["cover"])
    F.set_widths(ws, [34, 110, 10])
    F.print_setup(ws, landscape=False)
    project = ctx.frames["project"]
    p = project.iloc[0].to_dict() if len(project) else {}
    ws.append([F.styled(ws, T["cover_title"], font=F.TITLE_FONT)])
    ws.append([])
    start = p.get("start_date")
    facts = [
        (T["cover_project"], p.get("name") or T["cover_no_project"]),
        (T["cover_territory"], p.get("territory")),
        (T["cover_programme"], p.get("programme")),
        (T["cover_start"], T["cover_horizon"].format(start=start.strftime("%d/%m/%Y"), months=p.get("horizon_months"))
         if isinstance(start, dt.date) else None),
        (T["cover_date"], today.strftime("%d/%m/%Y")),
    ]
    if ctx.pseudonymised:
        facts.append((T["cover_pseudonymised"], T["cover_pseudonymised_text"]))
    for label, value in facts:
        ws.append([F.styled(ws, label, font=F.BOLD_FONT), F.cell_value(ws, value)])
    ws.append([])
    ws.append([F.styled(ws, T["cover_contents"], font=F.SUBTITLE_FONT)])
    ws.append(F.header_row(ws, [L.EXCEL_TEXT["col_sheet"], T["cover_description"], T["cover_rows"]]))
    for title, description, n in contents:
        ws.append([F.internal_link(ws, title, title), F.cell_value(ws, description), n])
    ws.append([])
    ws.append([F.styled(ws, T["cover_data_note"], font=F.NOTE_FONT)])


# --- the export ----------------------------------------------------------------------

def default_export_path(workshop: Any, pseudonymise: bool = False, today: dt.date | None = None) -> Path:
    """``exports/restitution_AAAA-MM-JJ[_pseudonymise].xlsx`` in the workshop folder."""
    today = today or dt.date.today()
    suffix = "_pseudonymise" if pseudonymise else ""
    return Path(workshop.exports_dir) / f"restitution_{today.isoformat()}{suffix}.xlsx"


def export_workbook(store: Store, path: str | Path, pseudonymise: bool = False,
                    progress: Progress | None = None, sections: Sequence[Section] | None = None,
                    today: dt.date | None = None) -> Path:
    """Write the deliverable workbook of a workshop.

    Parameters
    ----------
    store : the workshop's store.
    path : the ``.xlsx`` file to write.
    pseudonymise : replace person names by stable pseudonyms (sharing beyond the team).
    progress : called as ``progress(done, total, message)`` sheet by sheet.
    sections : the analysis sections (default: ``toolkit.excel.sections.SECTIONS``,
        those whose analysis is available).
    today : the export date shown on the cover (default: today).

    Returns
    -------
    The path written.

    Example
    -------
    ``export_workbook(ws.store, ws.exports_dir / "restitution.xlsx", pseudonymise=True)``
    """
    if sections is None:
        from .sections import SECTIONS

        sections = SECTIONS
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    ctx = make_context(store, pseudonymise, today)
    built = build_sections(ctx, sections)
    data_rows = {k: record_rows(k, ctx.frames[k]) for k in model.KIND_ORDER}
    contents = [(s.title, s.description, len(df)) for s, df in built]
    contents += [(sheet_name(k), L.EXCEL_TEXT["records_description"].format(kind=model.KINDS[k].label),
                  len(data_rows[k])) for k in model.KIND_ORDER]
    total = len(built) + 2
    wb = Workbook(write_only=True)
    wb.properties.creator = "Maillage"
    cover = L.EXCEL_SHEETS["cover"]
    write_cover(wb, ctx, contents, ctx.today)
    for i, (section, df) in enumerate(built, start=1):
        if progress:
            progress(i, total, L.EXCEL_TEXT["progress_sheet"].format(sheet=section.title))
        write_section(wb, section, df, cover)
    if progress:
        progress(total - 1, total, L.EXCEL_TEXT["progress_data"])
    add_record_sheets(wb, data_rows)
    if progress:
        progress(total, total, L.EXCEL_TEXT["progress_save"])
    wb.save(path)
    return path
