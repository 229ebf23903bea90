"""Writing the deliverable with XlsxWriter: typed cells, cached formats, sheet set-up.

The export writes ~350,000 cells for a region-sized workshop. openpyxl builds a Python
object per styled cell and serialises through its own XML layer (27-31 s); XlsxWriter
writes typed values with shared ``Format`` objects (a few seconds), and writes every
feature the deliverable uses: data validation lists, conditional formats, native charts
(with visible axes), frozen panes, print settings, defined names, quote-prefixed text.
The templates stay on openpyxl (``formatting``), whose styles are the single source of
the colours and fonts: ``Writer`` converts them.

The safety rule of ``formatting.cell_value`` holds here too: a string is always written
as a string (never a formula, an error value or a link), cleaned of characters XML
cannot hold, and text starting with ``= + - @`` carries Excel's quote prefix.
"""
from __future__ import annotations

import datetime as dt
import math
import os
import re
import zipfile
from typing import Any, Sequence

import xlsxwriter
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from . import formatting as F

_VALIGN = {"center": "vcenter", "top": "top", "bottom": "bottom"}
_ILLEGAL = ILLEGAL_CHARACTERS_RE
_INFINITIES = (float("inf"), float("-inf"))


def _color(color: Any) -> str:
    return "#" + str(color.rgb)[-6:]


def style_properties(font: Any = None, fill: Any = None, alignment: Any = None, border: Any = None,
                     number_format: str | None = None, quote: bool = False) -> dict[str, Any]:
    """XlsxWriter format properties for openpyxl style objects (those of ``formatting``)."""
    props: dict[str, Any] = {}
    if font is not None:
        if font.b:
            props["bold"] = True
        if font.i:
            props["italic"] = True
        if font.sz:
            props["font_size"] = font.sz
        if font.color is not None and font.color.rgb:
            props["font_color"] = _color(font.color)
        if font.u:
            props["underline"] = 1
    if fill is not None and fill.fgColor is not None:
        props["pattern"], props["bg_color"] = 1, _color(fill.fgColor)
    if alignment is not None:
        if alignment.wrap_text:
            props["text_wrap"] = True
        if alignment.vertical:
            props["valign"] = _VALIGN[alignment.vertical]
    if border is not None and border.left is not None and border.left.style:
        props["border"], props["border_color"] = 1, _color(border.left.color)
    if number_format and number_format != "General":
        props["num_format"] = number_format
    if quote:
        props["quote_prefix"] = True
    return props


class Writer:
    """One XlsxWriter workbook, with formats made once per combination of styles."""

    def __init__(self, path: Any) -> None:
        self.wb = xlsxwriter.Workbook(str(path), {
            "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
            "remove_timezone": True})
        self.wb.set_properties({"author": "Maillage"})
        self._formats: dict[tuple, Any] = {}
        self._props: dict[int, dict[str, Any]] = {}  # id of a format made here → its properties
        self.path = path
        self.charts = 0
        # The running header and footer of every printed page (set by the export).
        self.header = ""
        self.footer = ""

    def format(self, **style: Any) -> Any:
        """The shared ``Format`` for openpyxl-style keywords (font=…, fill=…, number_format=…)."""
        # The styles are the module constants of ``formatting``: known by identity.
        key = tuple(sorted((k, v if isinstance(v, (str, bool, int, float)) else id(v))
                           for k, v in style.items() if v is not None and v is not False))
        if key not in self._formats:
            props = style_properties(**style)
            fmt = self.wb.add_format(props) if props else None
            self._formats[key] = fmt
            self._props[id(fmt)] = props
        return self._formats[key]

    def dxf(self, fill: Any = None, font: Any = None) -> Any:
        """A conditional format's look (fill, font) as a ``Format``."""
        props = style_properties(font=font)
        if fill is not None:
            props["bg_color"] = _color(fill.bgColor if fill.bgColor is not None else fill.fgColor)
        return self.wb.add_format(props)

    def sheet(self, title: str) -> Any:
        return self.wb.add_worksheet(title)

    def close(self) -> None:
        self.wb.close()
        if self.charts:
            show_chart_axes(self.path)

    def chart(self, options: dict[str, Any]) -> Any:
        """A native chart; at :meth:`close` each of its axes is written ``<c:delete val="0"/>``
        (:func:`show_chart_axes`). The deliverable's axes are all visible (never ``visible: False``)."""
        self.charts += 1
        return self.wb.add_chart(options)

    def page(self, ws: Any, **setup: Any) -> None:
        """``print_setup`` with this workbook's running header and footer."""
        print_setup(ws, header=self.header, footer=self.footer, **setup)

    # --- cells -------------------------------------------------------------------

    def put(self, ws: Any, row: int, col: int, value: Any, number_format: str | None = None,
            **style: Any) -> None:
        """Write one value (0-based row and column) with its type, number format and style.

        Dates get ``DD/MM/YYYY`` unless a format is given; text needing it gets the quote
        prefix; None writes nothing (or a blank styled cell when a style is given).
        """
        value = F.plain(value)
        if value is None:
            if style:
                ws.write_blank(row, col, None, self.format(**style))
            return
        kind = type(value)
        if kind is str:
            value = ILLEGAL_CHARACTERS_RE.sub("", value)
            guard = F.text_needs_guard(value)
            fmt = self.format(quote=guard, **style) if (guard or style) else None
            ws.write_string(row, col, value, fmt)
        elif kind is bool:
            ws.write_boolean(row, col, value, self.format(**style) if style else None)
        elif kind is int or kind is float:
            fmt = self.format(number_format=number_format, **style) if (number_format or style) else None
            ws.write_number(row, col, value, fmt)
        elif isinstance(value, (dt.date, dt.datetime, dt.time)):
            ws.write_datetime(row, col, value, self.format(number_format=number_format or F.DATE_FORMAT, **style))
        else:
            self.put(ws, row, col, str(value), None, **style)

    def quoted(self, text_format: Any) -> Any:
        """``text_format`` with Excel's quote prefix added (made once per format)."""
        key = ("quoted", id(text_format))
        if key not in self._formats:
            props = dict(self._props.get(id(text_format), {}))
            props["quote_prefix"] = True
            self._formats[key] = self.wb.add_format(props)
        return self._formats[key]

    def cell(self, ws: Any, row: int, col: int, value: Any, number: Any = None, text: Any = None,
             date: Any = None) -> None:
        """The bulk form of ``put``, with formats made beforehand: ``number`` for numbers,
        ``text`` for strings (and booleans), ``date`` for dates (a date format needed).

        An empty value (None, "", NaN) writes nothing, whatever the format: an alignment
        on an empty cell shows nothing, and a sparse matrix (tasks × persons, mostly empty)
        would otherwise be written whole.
        """
        kind = type(value)
        if kind is str:
            if not value:
                return
            if not value.isprintable():  # the characters XML cannot hold are all unprintable
                value = _ILLEGAL.sub("", value)
            if F.text_needs_guard(value):
                ws.write_string(row, col, value, self.quoted(text))
            else:
                ws.write_string(row, col, value, text)
        elif kind is float:
            if value == value and value not in _INFINITIES:
                ws.write_number(row, col, value, number)
        elif kind is int:
            ws.write_number(row, col, value, number)
        elif value is None:
            return
        elif kind is bool:
            ws.write_boolean(row, col, value, text)
        else:
            value = F.plain(value)
            if isinstance(value, (dt.date, dt.datetime, dt.time)):
                ws.write_datetime(row, col, value, date)
            elif value is None or type(value) in (str, int, float, bool):
                self.cell(ws, row, col, value, number, text, date)
            else:
                self.cell(ws, row, col, str(value), number, text, date)

    def put_row(self, ws: Any, row: int, values: Sequence[Any], **style: Any) -> None:
        for col, value in enumerate(values):
            self.put(ws, row, col, value, **style)

    def header_row(self, ws: Any, row: int, headers: Sequence[str]) -> None:
        """Header cells: bold white on dark blue, wrapped, boxed."""
        self.put_row(ws, row, headers, font=F.HEADER_FONT, fill=F.HEADER_FILL, alignment=F.HEADER_ALIGN,
                     border=F.BOX)

    def link(self, ws: Any, row: int, col: int, text: str, sheet: str, **style: Any) -> None:
        """A cell that jumps to cell A1 of ``sheet`` in the same workbook."""
        ws.write_url(row, col, "internal:" + F.sheet_ref(sheet, "A1"), self.format(font=F.LINK_FONT, **style),
                     string=ILLEGAL_CHARACTERS_RE.sub("", text))

    def define_name(self, name: str, sheet: str, ref: str) -> None:
        self.wb.define_name(name, "=" + F.sheet_ref(sheet, ref))


# An axis of a chart part (DrawingML: CT_CatAx, CT_ValAx, CT_DateAx, CT_SerAx), and its
# ``<c:scaling>``, which ``<c:delete>`` follows in the schema's sequence.
_AXIS_RE = re.compile(rb"<c:(catAx|valAx|dateAx|serAx)>.*?</c:\1>", re.S)
_CHART_PART_RE = re.compile(r"xl/charts/chart\d+\.xml")


def _axis_shown(match: re.Match[bytes]) -> bytes:
    axis = match.group(0)
    if b"<c:delete " in axis:
        return axis
    return axis.replace(b"</c:scaling>", b'</c:scaling><c:delete val="0"/>', 1)


def show_chart_axes(path: Any) -> int:
    """Write ``<c:delete val="0"/>`` in every chart axis of the saved workbook at ``path``
    that leaves it unset; returns the number of chart parts changed.

    XlsxWriter writes ``delete`` only for a hidden axis, and has no option to write it for
    a shown one; Microsoft Excel is known to hide an axis that leaves it unset. So the chart
    parts of the saved package (ECMA-376: ``xl/charts/chartN.xml``) are rewritten, every
    other part copied as it is, and the file replaced at once (never left half written).
    """
    path = os.fspath(path)
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()
                 if _CHART_PART_RE.fullmatch(info.filename)}
        changed = {name: _AXIS_RE.sub(_axis_shown, xml) for name, xml in parts.items()}
        changed = {name: xml for name, xml in changed.items() if xml != parts[name]}
        if not changed:
            return 0
        temporary = path + ".axes"
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                data = changed.get(info.filename)
                target.writestr(info, data if data is not None else source.read(info))
    os.replace(temporary, path)
    return len(changed)


def set_widths(ws: Any, widths: Sequence[float]) -> None:
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)


# A4 at 96 dpi, less the margins below (0.5 in each side): the printable width in pixels.
PRINTABLE_PX = {True: round((11.69 - 1.0) * 96), False: round((8.27 - 1.0) * 96)}  # landscape?
# Of that width, what the columns may fill: LibreOffice draws a column a little wider than
# Excel (another font's character width), and a column past the edge goes to a new page.
FILLED = 0.9
SMALLEST_PRINTED_PT = 8.0  # no text printed smaller than this
HEADER_PT = 9  # the running header and footer, printed at this size whatever the scale
BODY_PT = 11.0  # the workbook's default font (Calibri 11): the smallest one the sheets use


def column_px(width: float) -> int:
    """A column's width in pixels, as Excel draws a width given in characters (Calibri 11)."""
    return int(width * 7 + 5)


def print_scale(widths: Sequence[float], landscape: bool = True, smallest_pt: float = BODY_PT) -> int:
    """The print scale: one page wide when that keeps text at 8 pt or more, otherwise the
    smallest scale that does (the table then continues on the next pages, its first
    columns repeated) — never the « fit to width » that prints a 40-column matrix at 2.5 pt.
    """
    least = math.ceil(100 * SMALLEST_PRINTED_PT / smallest_pt)
    total = sum(column_px(w) for w in widths)
    fit = int(100 * FILLED * PRINTABLE_PX[landscape] / total) if total else 100
    return max(least, min(100, fit))


def one_page_wide(widths: Sequence[float], landscape: bool = True) -> bool:
    """True when the columns print on one page wide at the scale of ``print_scale``."""
    total = sum(column_px(w) for w in widths)
    return total * print_scale(widths, landscape) / 100 <= FILLED * PRINTABLE_PX[landscape]


def print_setup(ws: Any, title_row: int | None = None, landscape: bool = True, widths: Sequence[float] = (),
                repeat_columns: int = 0, header: str = "", footer: str = "") -> None:
    """A4, the scale of ``print_scale``, the header row (``title_row``, 0-based) and the first
    ``repeat_columns`` columns repeated on every page, the running header and footer."""
    ws.set_paper(9)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.set_print_scale(print_scale(widths, landscape))
    ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    if title_row is not None:
        ws.repeat_rows(title_row)
    if repeat_columns:
        ws.repeat_columns(0, repeat_columns - 1)
    if header:
        ws.set_header(header, {"margin": 0.3, "scale_with_doc": False})
    if footer:
        ws.set_footer(footer, {"margin": 0.3, "scale_with_doc": False})


def header_text(text: Any, limit: int = 45) -> str:
    """Text put in a page header or footer: ``&`` (its code character) doubled, cut after a
    whole word when longer than ``limit`` (the three sections share one line)."""
    text = str(text or "")
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(" —,;:&") + "…"
    return text.replace("&", "&&")


def validation_options(spec: dict[str, Any]) -> dict[str, Any]:
    """XlsxWriter's data validation options for a ``template.validation_spec``."""
    kind = spec.get("type")
    out: dict[str, Any] = {"ignore_blank": spec.get("allow_blank", True)}
    if kind is None:
        out["validate"] = "any"
    elif kind == "list":
        formula = spec["formula1"]
        out["validate"] = "list"
        out["source"] = formula if formula.startswith("=") else formula.strip('"').split(",")
    else:
        out["validate"] = "integer" if kind == "whole" else "decimal"
        operator = spec.get("operator")
        if operator == "between":
            out.update(criteria="between", minimum=_bound(spec["formula1"]), maximum=_bound(spec["formula2"]))
        else:
            out.update(criteria=">=" if operator == "greaterThanOrEqual" else "<=", value=_bound(spec["formula1"]))
    if spec.get("showInputMessage"):
        out.update(input_title=spec.get("promptTitle") or "", input_message=spec.get("prompt") or "")
    out["show_error"] = bool(spec.get("showErrorMessage"))
    if spec.get("showErrorMessage"):
        out.update(error_title=spec.get("errorTitle") or "", error_message=spec.get("error") or "",
                   error_type=spec.get("errorStyle") or "stop")
    return out


def _bound(text: str) -> int | float:
    """A bound as written in the spec (``"4"`` stays 4, not 4.0, for a whole number)."""
    number = float(text)
    return int(number) if number.is_integer() else number
