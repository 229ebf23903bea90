"""Cell values and sheet formatting shared by the templates and the export.

Everything here writes to openpyxl *write-only* worksheets (streamed rows, low memory):
column widths and frozen panes must be set before the first row is appended; filters,
validations, conditional formats, print settings and charts may be added until saving.

The one safety rule lives in ``cell_value``: text typed by a user is written as text,
never as a formula. openpyxl turns any string starting with ``=`` into a formula and
strings such as ``#N/A`` into error values; we force the cell type back to text and mark
text starting with ``= + - @`` with Excel's quote prefix, so that it stays text even when
somebody edits the cell in Excel or LibreOffice.
"""
from __future__ import annotations

import datetime as dt
import itertools
import math
from typing import Any, Iterable, Sequence

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName

# Characters that make a spreadsheet read a text as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@")
DATE_FORMAT = "DD/MM/YYYY"

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_ALIGN = Alignment(wrap_text=True, vertical="center")
TITLE_FONT = Font(bold=True, size=16, color="1F4E79")
SUBTITLE_FONT = Font(bold=True, size=12, color="1F4E79")
NOTE_FONT = Font(italic=True, color="595959")
BOLD_FONT = Font(bold=True)
LINK_FONT = Font(color="0563C1", underline="single")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
THIN = Side(style="thin", color="BFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# Highlights: violations and overloads (red), warnings (orange), fine (green).
BAD_FILL = PatternFill("solid", fgColor="F8CBAD", bgColor="F8CBAD")
BAD_FONT = Font(color="9C0006", bold=True)
WARN_FILL = PatternFill("solid", fgColor="FFE699", bgColor="FFE699")
GOOD_FILL = PatternFill("solid", fgColor="C6EFCE", bgColor="C6EFCE")

_ERROR_LIKE = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}


def plain(value: Any) -> Any:
    """A value openpyxl can write: numpy scalars to Python, NaN/NA to None, lists to text."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):  # numpy scalar
        try:
            value = value.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(value, float) and not math.isfinite(value):
        return None  # NaN, and infinities Excel cannot hold (a ratio over a zero capacity)
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)
    if hasattr(value, "to_pydatetime"):  # pandas Timestamp
        value = value.to_pydatetime()
    if isinstance(value, (list, tuple, set, frozenset)):
        return "; ".join(str(v) for v in value)
    return value


def text_needs_guard(text: str) -> bool:
    """True when ``text`` would be read as a formula or an error by a spreadsheet."""
    return text.startswith(FORMULA_STARTS) or text in _ERROR_LIKE


def cell_value(ws: Any, value: Any, style: dict[str, Any] | None = None) -> Any:
    """What to append to a write-only sheet for ``value``: the value itself, or a cell.

    Strings are cleaned of characters XML cannot hold; strings a spreadsheet would read
    as a formula or an error become explicit text cells with the quote prefix. ``style``
    (font, fill, alignment, border, number_format) makes a styled cell.

    Example
    -------
    >>> from openpyxl import Workbook
    >>> ws = Workbook(write_only=True).create_sheet()
    >>> c = cell_value(ws, '=HYPERLINK("http://x","y")')
    >>> c.data_type, c.value
    ('s', '=HYPERLINK("http://x","y")')
    """
    value = plain(value)
    guard = False
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        guard = text_needs_guard(value)
    if not guard and not style:
        return value
    cell = WriteOnlyCell(ws, value=value)
    if guard:
        cell.data_type = "s"  # openpyxl guessed "f" (formula) or "e" (error): it is text
        cell.quotePrefix = True
    for key, attr in (style or {}).items():
        setattr(cell, key, attr)
    return cell


def styled(ws: Any, value: Any, **style: Any) -> Any:
    """``cell_value`` with a style given as keywords (font=…, fill=…, number_format=…)."""
    return cell_value(ws, value, style)


def header_row(ws: Any, headers: Sequence[str]) -> list[Any]:
    """Header cells: bold white on dark blue, wrapped."""
    return [styled(ws, h, font=HEADER_FONT, fill=HEADER_FILL, alignment=HEADER_ALIGN, border=BOX) for h in headers]


def text_width(value: Any) -> int:
    """Display width of a value in characters (longest line)."""
    kind = type(value)
    if kind is str and value.isprintable():  # no line break in it (the common case, fast)
        return len(value)
    if kind is int:
        return len(str(value))
    value = plain(value)
    if value is None:
        return 0
    if isinstance(value, (dt.date, dt.datetime)):
        return 10
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def column_widths(headers: Sequence[str], rows: Iterable[Sequence[Any]], sample: int = 500,
                  low: int = 8, high: int = 60) -> list[float]:
    """Widths fitted to the header and the first ``sample`` rows, between ``low`` and ``high``;
    never narrower than the header's longest word (a header wraps on spaces, never inside
    a word: « Intermédiarité » whole, not « Intermédiar / ité »). A header may take two
    lines: « Relations (nombre d'acteurs liés) » over a column of small numbers does not
    widen the printed page by half its width.

    >>> column_widths(["Relations (nombre d'acteurs liés)", "Nom"], [[7, "Chambre d'agriculture"]])
    [19, 23]
    """
    widths = [max(low, min(high, two_lines(str(h)) + 2), longest_word(h) + 2) for h in headers]
    # Column by column over the sampled rows, each distinct value measured once (a matrix
    # repeats a few values; the type is part of the key: 1 and 1.0 are shown differently).
    columns = itertools.zip_longest(*itertools.islice(rows, sample), fillvalue=None)
    for j, column in zip(range(len(widths)), columns):
        try:
            values: Iterable[Any] = {(type(v), v) for v in column}
            longest = max((text_width(v) for _, v in values), default=0)
        except TypeError:  # an unhashable value (a list): every value measured
            longest = max(map(text_width, column), default=0)
        widths[j] = max(widths[j], min(high, longest + 2))
    return widths


def two_lines(text: str) -> int:
    """The width (in characters) of the shorter of the two lines ``text`` wraps into at most.

    >>> two_lines("Relations (nombre d'acteurs liés)"), two_lines("Nom")
    (17, 3)
    """
    if len(text) <= 12:
        return len(text)
    words = text.split()
    best = len(text)
    for i in range(1, len(words)):
        best = min(best, max(len(" ".join(words[:i])), len(" ".join(words[i:]))))
    return best


def longest_word(text: Any) -> int:
    """Length of the longest word (between spaces or line breaks) of ``text``.

    >>> longest_word("Capacité libre (jours)")
    8
    """
    return max((len(word) for word in str(text).split()), default=0)


def header_height(headers: Sequence[str], widths: Sequence[float], line: float = 15.0) -> float:
    """Height of a wrapped header row so that every header shows whole.

    Spreadsheets do not grow a row for wrapped text written by a program (LibreOffice
    keeps the default height), so the height is set from the longest header.
    """
    lines = max((wrapped_lines(h, w) for h, w in zip(headers, widths)), default=1)
    return line * lines


def wrapped_lines(text: Any, width: float) -> int:
    """How many lines ``text`` takes once wrapped (by words) in a column ``width`` wide."""
    per_line = max(1, int(width) - 1)
    n = 0
    for paragraph in str(text).splitlines() or [""]:
        n, used = n + 1, 0
        for word in paragraph.split():
            if used and used + 1 + len(word) > per_line:
                n, used = n + 1, len(word)
            else:
                used += (1 if used else 0) + len(word)
    return n


def set_widths(ws: Any, widths: Sequence[float], first: int = 1) -> None:
    """Column widths (before the first row of a write-only sheet)."""
    for i, width in enumerate(widths, start=first):
        ws.column_dimensions[get_column_letter(i)].width = width


def declare_size(ws: Any, n_rows: int, n_cols: int) -> None:
    """Announce a write-only sheet's used range (before the first row).

    openpyxl cannot know it when streaming, so it writes no ``<dimension>``; readers
    (openpyxl in read-only mode, our importer) then scan the whole sheet once more just
    to size it. Excel and LibreOffice always write it; so do we.
    """
    ref = f"A1:{get_column_letter(max(1, n_cols))}{max(1, n_rows)}"
    ws.calculate_dimension = lambda: ref  # read by openpyxl's sheet writer at the top


def print_setup(ws: Any, title_rows: str | None = None, landscape: bool = True) -> None:
    """A4, landscape, fitted to one page wide (as many pages tall as needed), titles repeated.

    On a write-only sheet, call it before the first row: the fit-to-page flag is written
    at the top of the sheet.
    """
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if title_rows:
        ws.print_title_rows = title_rows


def sheet_ref(sheet: str, ref: str) -> str:
    """``'Sheet name'!$A$1:$A$9``: a reference to another sheet, quoted for any name."""
    return "'" + sheet.replace("'", "''") + "'!" + ref


def define_name(wb: Any, name: str, sheet: str, ref: str) -> None:
    """A workbook-level defined name pointing at ``ref`` on ``sheet``."""
    wb.defined_names[name] = DefinedName(name, attr_text=sheet_ref(sheet, ref))


def internal_link(ws: Any, text: str, sheet: str) -> Any:
    """A cell that jumps to cell A1 of ``sheet`` in the same workbook."""
    from openpyxl.worksheet.hyperlink import Hyperlink

    cell = cell_value(ws, text, {"font": LINK_FONT})
    if not hasattr(cell, "hyperlink"):
        cell = WriteOnlyCell(ws, value=text)
        cell.font = LINK_FONT
    cell.hyperlink = Hyperlink(ref="A1", location=sheet_ref(sheet, "A1"), display=text)
    return cell
