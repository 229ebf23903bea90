"""Import a workbook in the template's format into a workshop: all or nothing.

The whole workbook is read and checked before anything is written; every problem found
is reported (not only the first), each naming the sheet, the row, the column (letter,
and header as the field), the value read and what was expected, in French. If there is
none, every record is inserted (or updated) in ONE store transaction; if the store still refuses
something (a record added by somebody else meanwhile), the transaction rolls back.

Decisions (also written on the template's instructions sheet):

- The import *adds* records. An identifier that already exists in the workshop is
  refused: nothing is replaced or updated. References may point to records of the
  workbook or to records already in the workshop. The project is imported only into a
  workshop that has none (its identifier is always ``PRJ``).
- Updating is asked for (``plan_import(..., update=True)``, ``maillage importer
  --mettre-a-jour``): a row whose identifier exists changes that record's fields that
  differ (the old values go to the history), a new one is added, records absent from the
  workbook are left alone (never deleted). The plan is shown before ``apply_plan`` writes
  it, and a record changed by somebody else since the preview refuses the whole plan.
- Attachments (« Pièces jointes ») stay in the workshop: a path names a file of its
  ``pieces_jointes/`` or a file beside the workbook (copied there at import, under the
  attachment's id); ``..``, other absolute paths and links leading out are refused, and
  files follow the action-sheet page's type and size rules.
- Every kind's sheet must be there with every column (in any order; headers compared
  without case, accents or extra spaces); other sheets (instructions, cover, analyses of
  an exported deliverable) are ignored; an unknown column is refused rather than
  silently dropped.
- Formulas and merged cells are refused (a formula's value may be stale or missing; a
  merged cell hides the values of the cells under it); error values (``#N/A``) too.
- Values are forgiving the way ``model.validate`` is: trailing spaces, case and accents
  in list values, dates typed as text (``JJ/MM/AAAA``), numbers typed as text, integral
  numbers in identifier columns; an identifier differing from a known one only by case
  is corrected.

Example
-------
>>> import tempfile, pathlib
>>> from toolkit.core.workshop import Workshop
>>> from toolkit.excel.template import write_example
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> ws = Workshop.create(folder / "atelier")
>>> counts = import_workbook(write_example(folder / "exemple.xlsx"), ws.store, by="doc")
>>> counts["actors"], ws.store.count("actors")
(51, 51)
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator
from xml.etree import ElementTree

import sqlalchemy as sa
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet._reader import WorkSheetParser
from python_calamine import CalamineWorkbook

from ..core import formats as F
from ..core import french
from ..core import labels as L
from ..core import model
from ..actions import DEFAULT_LIMITS, FILE_TYPES, safe_filename
from ..core.errors import ConflictError, Problem, ValidationError
from ..core.gc_pause import paused
from ..review import record_reviews
from ..core.store import TABLES, Store
from .template import fields, headers, sheet_name

Progress = Callable[[int, int, str], None]
X = L.EXCEL_EXPECT
REPORT_EVERY = 1000  # rows between two progress reports


@dataclass
class Row:
    """One non-empty data row: its Excel row number, cleaned record (or None) and raw ids."""

    number: int
    record: dict[str, Any] | None
    id: str | None


@dataclass
class SheetData:
    """What was read from one kind's sheet."""

    kind: str
    sheet: str
    columns: dict[str, str] = field(default_factory=dict)  # field name ("id" too) → column letter
    rows: list[Row] = field(default_factory=list)


class _Problems:
    """Problems in reading order (sheet order, row, column), named in French."""

    def __init__(self) -> None:
        self.items: list[tuple[tuple[int, int, int], Problem]] = []

    def add(self, sheet: str | None, row: int | None, col: int | None, header: str, value: Any,
            expected: str, order: int = 0) -> None:
        letter = get_column_letter(col) if col else None
        self.items.append(((order, row or 0, col or 0),
                           Problem(header, value, expected, sheet=sheet, row=row, column=letter)))

    def sorted(self) -> list[Problem]:
        return [p for _, p in sorted(self.items, key=lambda item: item[0])]

    def __bool__(self) -> bool:
        return bool(self.items)


def _refused(problems: list[Problem]) -> ValidationError:
    return ValidationError(problems, L.EXCEL_TEXT["import_refused"])


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


class _Book:
    """A workbook read fast: values by python-calamine, formulas and errors from the XML.

    calamine reads every cell's value (about 15 times faster than openpyxl) but shows a
    formula only by its cached value and an error value as an empty cell. So each sheet's
    XML is searched for a formula (``<f>``) or an error cell (``t="e"``) first: a sheet
    that has one (a workbook the import will refuse) is read again cell by cell by
    openpyxl's parser, which names them exactly; the others are read by calamine alone.
    Merged ranges come from calamine.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.values = CalamineWorkbook.from_path(str(path))
        self.zip = zipfile.ZipFile(path)
        self.sheetnames: list[str] = list(self.values.sheet_names)
        self.parts = _sheet_parts(self.zip)
        self._openpyxl: Any = None

    def xml(self, name: str) -> bytes:
        part = self.parts.get(name)
        return self.zip.read(part) if part is not None else b""

    def openpyxl(self) -> Any:
        """openpyxl's read-only workbook, opened only for a sheet that needs it."""
        if self._openpyxl is None:
            self._openpyxl = load_workbook(self.path, read_only=True, data_only=False)
        return self._openpyxl

    def close(self) -> None:
        self.values.close()
        self.zip.close()
        if self._openpyxl is not None:
            self._openpyxl.close()


_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# A formula element (``<f>``, with attributes or a namespace prefix) or an error cell. Plain
# substring searches (memchr-fast); a false hit only sends the sheet to the exact reader.
_FORMULA_OR_ERROR = (b"<f>", b"<f ", b"<f/", b":f>", b":f ", b't="e"')


def _sheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its XML part in the zip (through the workbook's relationships)."""
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    parts = {}
    for sheet in workbook.iter():
        if sheet.tag.endswith("}sheet") and sheet.get("name") is not None:
            target = targets.get(sheet.get(f"{_REL_NS}id"), "")
            parts[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return parts


def _open(path: Path) -> _Book:
    """The workbook, or a ValidationError that says it is not one."""
    file_label = L.EXCEL_FIELDS["file"]
    if not path.is_file():
        raise _refused([Problem(file_label, str(path), X["missing_file"])])
    try:
        return _Book(path)
    except Exception:  # noqa: BLE001 - whatever the reason, it is not a readable workbook
        raise _refused([Problem(file_label, path.name, X["workbook"])]) from None


Cells = dict[int, Any]  # column index (from 1) → value, for the non-empty cells of a row
NO_FORMULAS: dict[int, str] = {}  # a row without formula nor error cell (calamine's rows)


class _SheetReader:
    """A sheet's non-empty cells row by row, as ``(Excel row number, Cells, kinds)`` where
    ``kinds`` names the formula (``"f"``) and error (``"e"``) cells by column; then its
    merged ranges. Blank text counts as empty."""

    def __init__(self, book: _Book, name: str) -> None:
        self.book, self.name = book, name
        self.sheet = book.values.get_sheet_by_name(name)
        self.merged: list[str] = []

    def height(self) -> int:
        return self.sheet.total_height or 0

    def rows(self) -> Iterator[tuple[int, Cells, dict[int, str]]]:
        ranges = self.sheet.merged_cell_ranges or []
        self.merged = [_range_ref(a, b) for a, b in ranges]
        xml = self.book.xml(self.name)
        if any(mark in xml for mark in _FORMULA_OR_ERROR):
            yield from self._cell_by_cell()
            return
        for number, values in enumerate(self.sheet.to_python(skip_empty_area=False), start=1):
            cells = {}
            for col, value in enumerate(values, start=1):
                if value == "":
                    continue
                kind = type(value)
                if kind is float:
                    cells[col] = int(value) if value.is_integer() else value  # as openpyxl reads "12"
                elif kind is not str or not value.isspace():
                    cells[col] = value
            yield number, cells, NO_FORMULAS

    def _cell_by_cell(self) -> Iterator[tuple[int, Cells, dict[int, str]]]:
        """openpyxl's parser, driven directly (as ``ReadOnlyWorksheet`` does): it names
        formulas (their text) and error values, which calamine does not show."""
        wb = self.book.openpyxl()
        ws = wb[self.name]
        with ws._get_source() as src:
            parser = WorkSheetParser(src, ws._shared_strings, data_only=False, epoch=wb.epoch,
                                     date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats)
            for number, cells in parser.parse():
                kept = [c for c in cells if c["value"] is not None
                        and not (c["data_type"] == "s" and str(c["value"]).strip() == "")]
                yield (number, {c["column"]: c["value"] for c in kept},
                       {c["column"]: c["data_type"] for c in kept if c["data_type"] in ("f", "e")})


def _range_ref(start: tuple[int, int], end: tuple[int, int]) -> str:
    """``((1, 2), (2, 2))`` (0-based row, column) → ``"C2:C3"``."""
    return f"{get_column_letter(start[1] + 1)}{start[0] + 1}:{get_column_letter(end[1] + 1)}{end[0] + 1}"


def _find_sheet(book: _Book, title: str) -> str | None:
    for name in book.sheetnames:
        if name == title:
            return name
    wanted = model.fold(title)
    for name in book.sheetnames:
        if model.fold(name) == wanted:
            return name
    return None


def _cell_text(value: Any) -> Any:
    """Integral numbers typed in identifier columns become text (``12`` → ``"12"``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _read_sheet(reader: _SheetReader, kind_name: str, order: int, problems: _Problems,
                progress: Progress | None, done: list[int], total: int) -> SheetData:
    """Read and check one kind's sheet, row by row (references are checked later)."""
    title = reader.name
    data = SheetData(kind_name, title)
    kind_fields = {f.label: f for f in fields(kind_name)}
    expected_headers = headers(kind_name)
    by_fold = {model.fold(h): h for h in expected_headers}
    col_field: dict[int, model.Field | None] = {}  # column index → field (None: the id)
    col_header: dict[int, str] = {}
    headerless_reported: set[int] = set()
    raw_rows: list[tuple[int, Cells, dict[int, str]]] = []

    header_seen = False
    for number, cells, kinds in reader.rows():
        if number == 1:
            header_seen = True
            found: dict[str, int] = {}
            for col, value in cells.items():
                if _empty(value):
                    continue
                text = str(value)
                header = by_fold.get(model.fold(text))
                if header is None:
                    problems.add(title, 1, col, L.EXCEL_FIELDS["header"], text,
                                 X["extra_column"].format(headers=", ".join(expected_headers)), order)
                    col_header[col] = text
                    continue
                if header in found:
                    problems.add(title, 1, col, header, text, X["duplicate_column"].format(header=header), order)
                    col_header[col] = header  # its cells are ignored: the header is reported
                    continue
                found[header] = col
                col_header[col] = header
                col_field[col] = kind_fields.get(header)
                if header == L.FIELD_LABELS["id"]:
                    data.columns["id"] = get_column_letter(col)
                else:
                    data.columns[kind_fields[header].name] = get_column_letter(col)
            for header in expected_headers:
                if header not in found:
                    problems.add(title, 1, None, header, None, X["column"].format(header=header), order)
            continue
        if cells:
            raw_rows.append((number, cells, kinds))
            done[0] += 1
            if progress and done[0] % REPORT_EVERY == 0:
                progress(done[0], total, L.EXCEL_TEXT["progress_read"].format(sheet=title))
    if not header_seen:
        for header in expected_headers:
            problems.add(title, 1, None, header, None, X["column"].format(header=header), order)

    # Merged cells: reported once per range; the cells they hide are not reported again.
    hidden: set[tuple[int, int]] = set()
    for ref in reader.merged:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        problems.add(title, min_row, min_col, col_header.get(min_col, ""), ref, X["merged"].format(ref=ref), order)
        hidden.update((r, c) for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)
                      if (r, c) != (min_row, min_col))

    id_label = L.FIELD_LABELS["id"]
    # Each column's reading decided once: None for an unknown or duplicate column (reported
    # at the header), else (record key, header, identifier-like, JSON).
    reading: dict[int, tuple[str, str, bool, bool] | None] = {
        col: None if col not in col_field else
        ("id" if f is None else f.name, header, f is None or f.type in ("ref", "refs"),
         f is not None and f.type == "json")
        for col, header in col_header.items() for f in [col_field.get(col)]}
    for number, cells, kinds in raw_rows:
        record: dict[str, Any] = {}
        reported: set[str] = set()
        # calamine's cells come in column order; openpyxl's in the file's order: sorted.
        for col, value in (cells.items() if kinds is NO_FORMULAS else sorted(cells.items())):
            if col not in reading:
                if col not in headerless_reported:
                    headerless_reported.add(col)
                    problems.add(title, number, col, "", value, X["headerless"], order)
                continue
            how = reading[col]
            if how is None:  # an unknown or duplicate column, reported at the header
                continue
            key, header, is_id, is_json = how
            if kinds:
                dtype = kinds.get(col)
                if dtype == "f":
                    problems.add(title, number, col, header, value, X["formula"], order)
                    reported.add(header)
                    continue
                if dtype == "e":
                    problems.add(title, number, col, header, value, X["error_value"], order)
                    reported.add(header)
                    continue
            if is_id:
                value = _cell_text(value)
            if is_json and isinstance(value, str):
                try:
                    value = json.loads(value)
                except ValueError:
                    problems.add(title, number, col, header, value, X["json"], order)
                    reported.add(header)
                    continue
            record[key] = value
        if not record and not reported:
            continue  # data only in columns reported at the header: nothing more to say
        rid = str(record["id"]).strip() if "id" in record else None
        if kind_name == "project":
            record["id"] = rid = "PRJ"  # one project per workshop, always PRJ
        try:
            clean: dict[str, Any] | None = model.validate(kind_name, record)
        except ValidationError as exc:
            clean = None
            letters = {h: c for c, h in col_header.items() if c in col_field}
            for p in exc.problems:
                if p.field in reported:
                    continue
                col = letters.get(p.field)
                if col is not None and p.value is None and (number, col) in hidden:
                    continue  # an empty cell under a merged range: the merge is reported
                if col is None and p.value is None and p.field != id_label and p.field not in letters:
                    continue  # the whole column is missing: reported once at the header
                problems.add(title, number, col, p.field, p.value, p.expected, order)
        data.rows.append(Row(number, clean, rid))
    return data


def _store_ids(store: Store, kind_name: str) -> set[str]:
    table = TABLES[kind_name]
    with store.reader.connect() as conn:
        return {r[0] for r in conn.execute(sa.select(table.c.id))}


def _check_across(sheets: dict[str, SheetData], store: Store | None, problems: _Problems,
                  update: bool = False) -> None:
    """Identifiers unique (and new, unless ``update``); references pointing to a known
    record; one project (and none in the workshop yet, unless ``update``)."""
    order = {k: i for i, k in enumerate(model.KIND_ORDER)}
    in_store: dict[str, set[str]] = {k: (_store_ids(store, k) if store is not None else set())
                                     for k in model.KIND_ORDER}
    in_book: dict[str, set[str]] = {k: set() for k in model.KIND_ORDER}
    id_label = L.FIELD_LABELS["id"]
    for k, data in sheets.items():
        id_col = data.columns.get("id")
        col = _col_index(id_col)
        first_row: dict[str, int] = {}
        if k == "project":
            rows, name_col = data.rows, _col_index(data.columns.get("name"))
            name = L.FIELD_LABELS["name"]
            for extra in rows[1:]:
                problems.add(data.sheet, extra.number, name_col, name, (extra.record or {}).get("name"),
                             X["project_once"], order[k])
            if rows and in_store[k] and not update:
                problems.add(data.sheet, rows[0].number, name_col, name, (rows[0].record or {}).get("name"),
                             X["project_exists"], order[k])
            in_book[k].update(r.id for r in rows if r.id)
            continue
        for row in data.rows:
            if not row.id:
                continue
            if row.id in first_row:
                problems.add(data.sheet, row.number, col, id_label, row.id,
                             X["duplicate_id"].format(row=first_row[row.id]), order[k])
                continue
            first_row[row.id] = row.number
            if row.id in in_store[k] and not update:
                problems.add(data.sheet, row.number, col, id_label, row.id, X["existing_id"], order[k])
        in_book[k].update(first_row)
    # References: to the workbook or to the store; an id differing only by case is corrected.
    known = {k: in_book[k] | in_store[k] for k in model.KIND_ORDER}
    folded: dict[str, dict[str, list[str]]] = {}
    for k, data in sheets.items():
        for f, target in model.references(k):
            col = _col_index(data.columns.get(f.name))
            if target not in folded:
                folded[target] = {}
                for rid in known[target]:
                    folded[target].setdefault(rid.lower(), []).append(rid)
            for row in data.rows:
                rec = row.record
                if rec is None or not rec.get(f.name):
                    continue
                values = rec[f.name] if f.type == "refs" else [rec[f.name]]
                fixed = []
                for v in values:
                    if v not in known[target]:
                        matches = folded[target].get(v.lower(), [])
                        if len(matches) == 1:
                            v = matches[0]
                        else:
                            problems.add(data.sheet, row.number, col, f.label, v, X["reference"].format(
                                **french.one_of_kind(target), sheet=sheet_name(target)), order[k])
                    fixed.append(v)
                rec[f.name] = fixed if f.type == "refs" else fixed[0]


def _col_index(letter: str | None) -> int | None:
    if not letter:
        return None
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(letter)


def _read(path: Path, store: Store | None, progress: Progress | None, update: bool,
          problems: _Problems) -> dict[str, SheetData]:
    """Every kind's sheet read and checked; problems collected (nothing raised for them)."""
    book = _open(path)
    sheets: dict[str, SheetData] = {}
    try:
        found = {k: _find_sheet(book, sheet_name(k)) for k in model.KIND_ORDER}
        readers = {k: _SheetReader(book, name) for k, name in found.items() if name is not None}
        total = sum(max(0, r.height() - 1) for r in readers.values())
        done = [0]
        for order, k in enumerate(model.KIND_ORDER):
            if k not in readers:
                problems.add(sheet_name(k), None, None, L.EXCEL_FIELDS["sheet"], None,
                             X["sheet"].format(sheet=sheet_name(k)), order)
                continue
            sheets[k] = _read_sheet(readers[k], k, order, problems, progress, done, total)
        if progress:
            progress(done[0], max(total, done[0]), L.EXCEL_TEXT["progress_check"])
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - a broken part inside the zip: not a readable workbook
        raise _refused([Problem(L.EXCEL_FIELDS["file"], path.name, X["workbook"])]) from None
    finally:
        book.close()
    _check_across(sheets, store, problems, update=update)
    return sheets


def _records_of(sheets: dict[str, SheetData]) -> dict[str, list[dict[str, Any]]]:
    return {k: [r.record for r in sheets[k].rows if r.record is not None] if k in sheets else []
            for k in model.KIND_ORDER}


def read_workbook(path: str | Path, store: Store | None = None,
                  progress: Progress | None = None) -> dict[str, list[dict[str, Any]]]:
    """Read and check a workbook; return the cleaned records by kind (nothing is written).

    Parameters
    ----------
    path : the ``.xlsx`` file (the template's format; other sheets are ignored).
    store : the workshop the records are meant for: its identifiers count as known
        references and as taken identifiers. None checks the workbook on its own.
    progress : called as ``progress(done, total, message)`` while rows are read.

    Returns
    -------
    kind → list of records as ``model.validate`` returns them, in ``KIND_ORDER``.

    Raises
    ------
    ValidationError listing every problem (sheet, row, column, value, expected).
    """
    problems = _Problems()
    sheets = _read(Path(path), store, progress, False, problems)
    if problems:
        raise _refused(problems.sorted())
    return _records_of(sheets)


# --- attachments: only files that stay in the workshop ----------------------------------------

@dataclass
class Copy:
    """A file named beside the workbook, to copy into the workshop's ``pieces_jointes/``."""

    source: Path
    target: Path  # absolute, inside the workshop's pieces_jointes/


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def _type_problem(name: str) -> str | None:
    """The page's refusal of a file's type by its name (extension), or None."""
    safe = safe_filename(name)
    ext = safe.rpartition(".")[2].lower() if "." in safe else ""
    if ext not in DEFAULT_LIMITS.extensions:
        return L.ACTION_MESSAGES["file_type"].format(types=", ".join(DEFAULT_LIMITS.extensions))
    return None


def _file_problem(name: str, content: bytes) -> str | None:
    """What the action-sheet page would refuse in this file (type, content, size), or None."""
    problem = _type_problem(name)
    if problem is not None:
        return problem
    if not content:
        return L.ACTION_MESSAGES["file_empty"]
    if len(content) > DEFAULT_LIMITS.max_bytes:
        return L.ACTION_MESSAGES["file_size"].format(max=F.file_size(DEFAULT_LIMITS.max_bytes))
    ext = safe_filename(name).rpartition(".")[2].lower()
    if not FILE_TYPES[ext][1](content):
        return L.ACTION_MESSAGES["file_content"].format(ext=ext.upper())
    return None


def _check_attachments(data: SheetData, folder: Path | None, book_dir: Path, problems: _Problems,
                       order: int) -> list[Copy]:
    """Each attachment's path must stay in the workshop: a file of its ``pieces_jointes/``
    (an absolute path there too), or a file beside the workbook (copied there at import).
    ``..``, other absolute paths and links that lead out are refused on the « Chemin » cell.
    Without a workshop folder (a store alone), only a relative path under ``pieces_jointes/``
    is accepted, as a record (its file is checked when read). Sizes, types and totals per
    action follow the action-sheet page's rules (``actions.DEFAULT_LIMITS``)."""
    col = _col_index(data.columns.get("path"))
    label = L.FIELD_LABELS["path"]
    root = folder.resolve() / "pieces_jointes" if folder is not None else None
    copies: list[Copy] = []
    totals: dict[str, int] = {}
    for row in data.rows:
        rec = row.record
        if rec is None:
            continue
        raw = str(rec["path"]).strip().replace("\\", "/")
        given = Path(raw)

        def refuse(expected: str) -> None:
            problems.add(data.sheet, row.number, col, label, rec["path"], expected, order)

        if ".." in given.parts:
            refuse(X["attachment_parent"])
            continue
        if root is None:
            if given.is_absolute() or given.parts[:1] != ("pieces_jointes",):
                refuse(X["attachment_outside"])
            elif (problem := _type_problem(raw)) is not None:
                refuse(problem)
            continue
        in_workshop = given if given.is_absolute() else folder / given
        beside = None if given.is_absolute() else book_dir / given
        if in_workshop.exists() or in_workshop.is_symlink():
            real = in_workshop.resolve()
            if not _inside(real, root):
                refuse(X["attachment_link"] if _inside(in_workshop.absolute(), root)
                       else X["attachment_outside"])
                continue
            source, copy = real, False
        elif given.is_absolute():
            refuse(X["attachment_outside"])
            continue
        elif beside is not None and (beside.exists() or beside.is_symlink()):
            real = beside.resolve()
            if not _inside(real, book_dir.resolve()):
                refuse(X["attachment_link"])
                continue
            source, copy = real, True
        elif given.parts[:1] == ("pieces_jointes",):
            continue  # a deliverable's record whose file was not brought along: kept as a record
        else:
            refuse(X["attachment_missing"])
            continue
        if not source.is_file():
            refuse(X["attachment_missing"])
            continue
        content = source.read_bytes()
        problem = _file_problem(source.name, content)
        used = totals.get(rec["action_id"], 0) + len(content)
        if problem is None and used > DEFAULT_LIMITS.max_total_bytes:
            problem = L.ACTION_MESSAGES["file_total"].format(
                max=F.file_size(DEFAULT_LIMITS.max_total_bytes), used=F.file_size(used - len(content)))
        if problem is not None:
            refuse(problem)
            continue
        totals[rec["action_id"]] = used
        rec["id"] = rec.get("id") or f"PJ-{secrets.token_hex(4)}"  # names the copied file
        if copy:
            target = root / safe_filename(rec["action_id"]) / f"{rec['id']}_{safe_filename(source.name)}"
            copies.append(Copy(source, target))
        else:
            target = source
        rec["path"] = target.relative_to(folder.resolve()).as_posix()
        rec["size"] = len(content)
        rec["mime"] = FILE_TYPES[safe_filename(source.name).rpartition(".")[2].lower()][0]
    return copies


# --- the plan: what an import will add and change, shown before it is written --------------

@dataclass
class Change:
    """One record of the workbook that differs from the workshop: field → (old, new)."""

    kind: str
    id: str
    sheet: str
    row: int
    version: int
    fields: dict[str, tuple[Any, Any]]


@dataclass
class ImportPlan:
    """What importing a workbook will do, computed without writing anything.

    ``added``: kind → new records; ``changed``: records whose identifier exists and whose
    fields differ (only those fields); ``unchanged``: how many rows already match;
    ``problems``: every refusal (sheet, row, column) — a plan with problems cannot be applied.
    """

    path: Path
    update: bool
    added: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    added_rows: dict[tuple[str, str], int] = field(default_factory=dict)
    changed: list[Change] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)
    copies: list[Copy] = field(default_factory=list)
    names: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def n_added(self) -> int:
        return sum(len(v) for v in self.added.values())

    @property
    def empty(self) -> bool:
        """True when there is nothing to write (no addition, no change)."""
        return not self.n_added and not self.changed

    def name(self, kind: str, rid: str | None) -> str:
        return self.names.get(kind, {}).get(rid or "", rid or "")

    def show(self, kind: str, name: str, value: Any) -> str:
        """A field's value as the consultant reads it: names for references, French formats."""
        f = model.KINDS[kind].field(name)
        if F.is_missing(value) or value in ([], ()):
            return L.EXCEL_TEXT["empty_value"]
        if f.type == "ref":
            return self.name(f.ref, value)
        if f.type == "refs":
            return ", ".join(self.name(f.ref, v) for v in value)
        if f.type == "json":
            return json.dumps(value, ensure_ascii=False, default=str)
        return F.text(value, digits=2)

    def counts(self) -> dict[str, str]:
        """The plan's counts in words: ``added``, ``changed``, ``fields``, ``unchanged``, ``refused``."""
        T = L.EXCEL_TEXT
        return {"added": F.count(self.n_added, T["n_added"]),
                "changed": F.count(len(self.changed), T["n_changed"], T["n_changed_plural"]),
                "fields": F.count(sum(len(c.fields) for c in self.changed), T["n_fields"]),
                "unchanged": F.count(self.unchanged, T["n_unchanged"]),
                "refused": F.count(len(self.problems), T["n_problems"])}

    def summary(self) -> str:
        """One sentence: what will be added and changed, or how many problems refuse it."""
        key = "update_summary_refused" if self.problems else "update_summary"
        return L.EXCEL_TEXT[key].format(**self.counts())

    def rows(self) -> list[dict[str, Any]]:
        """One row per added record and per changed field, in French (for a table)."""
        T = L.EXCEL_TEXT
        out = []
        for k in model.KIND_ORDER:
            for rec in self.added.get(k, []):
                out.append({T["col_sheet"]: sheet_name(k), T["col_row"]: self.added_rows.get((k, rec.get("id")), ""),
                            T["col_record"]: self.name(k, rec.get("id")) or L.EXCEL_TEXT["empty_value"],
                            T["col_change"]: T["op_added"], T["col_field"]: "", T["col_old"]: "",
                            T["col_new"]: ""})
        for c in self.changed:
            for name, (old, new) in c.fields.items():
                out.append({T["col_sheet"]: c.sheet, T["col_row"]: c.row, T["col_record"]: self.name(c.kind, c.id),
                            T["col_change"]: T["op_changed"], T["col_field"]: model.KINDS[c.kind].field(name).label,
                            T["col_old"]: self.show(c.kind, name, old), T["col_new"]: self.show(c.kind, name, new)})
        return out

    def problem_rows(self) -> list[dict[str, Any]]:
        """One row per refusal: sheet, row, column, field, value read, expected."""
        T = L.EXCEL_TEXT
        return [{T["col_sheet"]: p.sheet or "", T["col_row"]: p.row or "", T["col_column"]: p.column or "",
                 T["col_field"]: p.field, T["col_value"]: "" if p.value is None else str(p.value),
                 T["col_expected"]: p.expected} for p in self.problems]

    def lines(self) -> list[str]:
        """The preview as text lines (the command line prints them)."""
        T = L.EXCEL_TEXT
        out = []
        for k in model.KIND_ORDER:
            for rec in self.added.get(k, []):
                out.append(T["update_added_line"].format(kind=model.KINDS[k].label, name=self.name(k, rec.get("id")),
                                                         id=rec.get("id") or "", sheet=sheet_name(k),
                                                         row=self.added_rows.get((k, rec.get("id")), "")))
        for c in self.changed:
            out.append(T["update_changed_line"].format(kind=model.KINDS[c.kind].label, name=self.name(c.kind, c.id),
                                                       id=c.id, sheet=c.sheet, row=c.row))
            out += [T["update_field_line"].format(field=model.KINDS[c.kind].field(n).label,
                                                  old=self.show(c.kind, n, o), new=self.show(c.kind, n, v))
                    for n, (o, v) in c.fields.items()]
        return out


def _same(old: Any, new: Any) -> bool:
    """Equal as the consultant sees it: empty is empty (None, "", []), 10 is 10.0."""
    if F.is_missing(old) or old in ([], ()):
        return F.is_missing(new) or new in ([], ())
    if isinstance(old, (list, tuple)) and isinstance(new, (list, tuple)):
        return list(old) == list(new)
    return bool(old == new)


def _names(store: Store, sheets: dict[str, SheetData]) -> dict[str, dict[str, str]]:
    """kind → id → how the record is named (its name, else its id), workbook over workshop."""
    out: dict[str, dict[str, str]] = {}
    for k in model.KIND_ORDER:
        named = model.KINDS[k].has("name")
        table = TABLES[k]
        with store.reader.connect() as conn:
            cols = [table.c.id] + ([table.c.name] if named else [])
            out[k] = {r[0]: (r[1] if named and r[1] else r[0]) for r in conn.execute(sa.select(*cols))}
        for row in sheets[k].rows if k in sheets else []:
            if row.record is not None and row.record.get("id"):
                out[k][row.record["id"]] = row.record.get("name") or row.record["id"]
    return out


def plan_import(store: Store, path: str | Path, update: bool = False, folder: str | Path | None = None,
                progress: Progress | None = None) -> ImportPlan:
    """What importing ``path`` into ``store`` would do; nothing is written.

    Parameters
    ----------
    store : the workshop's store.
    path : the ``.xlsx`` workbook (template format).
    update : records whose identifier exists are updated (only the fields that differ);
        otherwise an existing identifier is refused, as by ``import_workbook``.
    folder : the workshop's folder: attachments must be files in its ``pieces_jointes/``
        or beside the workbook (then copied there by ``apply_plan``).

    Returns
    -------
    An ``ImportPlan``: additions, changes field by field (old → new), refusals with their
    sheet, row and column. ``apply_plan`` writes it, all or nothing.
    """
    with paused():  # a record and a row object per line, alive until the plan is done with
        return _plan_import(store, Path(path), update, folder, progress)


def _plan_import(store: Store, path: Path, update: bool, folder: str | Path | None,
                 progress: Progress | None) -> ImportPlan:
    """``plan_import`` itself (the collector's pause aside)."""
    problems = _Problems()
    plan = ImportPlan(path=path, update=update)
    try:
        sheets = _read(path, store, progress, update, problems)
    except ValidationError as exc:  # not a workbook at all
        plan.problems = exc.problems
        return plan
    if "attachments" in sheets:
        plan.copies = _check_attachments(sheets["attachments"], Path(folder) if folder else None,
                                         path.resolve().parent, problems,
                                         model.KIND_ORDER.index("attachments"))
    plan.problems = problems.sorted()
    plan.names = _names(store, sheets)
    if plan.problems:
        return plan
    for k in model.KIND_ORDER:
        data = sheets.get(k)
        if data is None:
            continue
        existing = {}
        if update:
            existing = {r["id"]: r for r in store.all(k)}
        shown = [f.name for f in fields(k) if f.name in data.columns]
        for row in data.rows:
            rec = row.record
            if rec is None:
                continue
            old = existing.get(rec.get("id"))
            if old is None:
                plan.added.setdefault(k, []).append(rec)
                plan.added_rows[(k, rec.get("id"))] = row.number
                continue
            diff = {n: (old.get(n), rec.get(n)) for n in shown if n in rec and not _same(old.get(n), rec.get(n))}
            if k == "reviews" and "changes" in diff:  # applied when it was recorded: not replayed
                problems.add(data.sheet, row.number, _col_index(data.columns.get("changes")),
                             model.KINDS[k].field("changes").label, json.dumps(rec["changes"], ensure_ascii=False,
                                                                               default=str),
                             X["review_changes"], model.KIND_ORDER.index(k))
            if diff:
                plan.changed.append(Change(k, rec["id"], data.sheet, row.number, old["version"], diff))
            else:
                plan.unchanged += 1
    if problems:
        plan.problems, plan.added, plan.added_rows, plan.changed = problems.sorted(), {}, {}, []
    return plan


def apply_plan(store: Store, plan: ImportPlan, by: str, progress: Progress | None = None) -> dict[str, int]:
    """Write a plan in ONE transaction: additions, then each change (its old values go to
    the history), kind by kind in reference order; attachment files copied first and
    removed again if anything is refused. A record changed by somebody else since the
    preview is refused (nothing is written: preview again).

    Returns kind → number of records added or changed. Raises ValidationError (French,
    with sheets) when the plan has problems or the store refuses; the store is then unchanged.
    """
    if plan.problems:
        raise _refused(plan.problems)
    with paused():  # the rows and history rows of every record, made and dropped in bulk
        return _apply_plan(store, plan, by, progress)


def _apply_plan(store: Store, plan: ImportPlan, by: str, progress: Progress | None) -> dict[str, int]:
    """``apply_plan`` itself (the collector's pause aside)."""
    pending = {k: {r["id"] for r in recs if r.get("id")} for k, recs in plan.added.items()}
    changes: dict[str, list[Change]] = {}
    for c in plan.changed:
        changes.setdefault(c.kind, []).append(c)
    total = plan.n_added + len(plan.changed)
    done, k, copied = 0, "", []
    try:
        for cp in plan.copies:
            cp.target.parent.mkdir(parents=True, exist_ok=True)
            partial = cp.target.with_name(cp.target.name + ".partiel")
            shutil.copyfile(cp.source, partial)
            os.replace(partial, cp.target)  # a reader never sees half a file
            copied.append(cp.target)
        with store.transaction() as tx:
            for k in model.KIND_ORDER:
                if plan.added.get(k):
                    if progress:
                        progress(done, total, L.EXCEL_TEXT["progress_write"].format(kind=model.KINDS[k].label))
                    _insert(store, k, plan.added[k], by, tx, pending)
                    done += len(plan.added[k])
                for c in changes.get(k, []):
                    try:
                        store.update(k, c.id, {n: new for n, (_old, new) in c.fields.items()}, by=by,
                                     expected_version=c.version, conn=tx)
                    except ConflictError:
                        raise ValidationError([Problem(L.FIELD_LABELS["id"], c.id, L.EXCEL_TEXT["update_stale"],
                                                       row=c.row, record=c.id)]) from None
                    except ValidationError as exc:
                        raise ValidationError([Problem(p.field, p.value, p.expected, row=c.row, record=c.id)
                                               for p in exc.problems]) from None
                    done += 1
    except ValidationError as exc:  # changed meanwhile by somebody else: rolled back
        for target in copied:
            target.unlink(missing_ok=True)
        raise _refused([Problem(p.field, p.value, p.expected, sheet=p.sheet or sheet_name(k), row=p.row,
                                record=p.record) for p in exc.problems]) from None
    except BaseException:
        for target in copied:
            target.unlink(missing_ok=True)
        raise
    if progress:
        progress(total, total, L.EXCEL_TEXT["progress_done"])
    counts = {kind: len(plan.added.get(kind, [])) + len(changes.get(kind, [])) for kind in model.KIND_ORDER}
    return counts


def _insert(store: Store, kind: str, records: list[dict[str, Any]], by: str, tx: Any,
            pending: dict[str, set[str]]) -> None:
    """Add one kind's new records inside the import's transaction."""
    if kind == "reviews":  # the one path of a review: its changes applied, as by the API
        record_reviews(store, records, by=by, conn=tx)
    else:
        store.insert_many(kind, records, by=by, conn=tx, pending=pending, validated=True)


def import_workbook(path: str | Path, store: Store, by: str,
                    progress: Progress | None = None, folder: str | Path | None = None) -> dict[str, int]:
    """Import a workbook into ``store``: every record, or nothing at all.

    Parameters
    ----------
    path : the ``.xlsx`` file, in the format of ``gabarits_excel/gabarit_import.xlsx``
        (an exported deliverable also imports: its data sheets have that format).
    store : the workshop's store; records are added (existing identifiers are refused;
        ``plan_import(..., update=True)`` then ``apply_plan`` updates them).
    by : who imports (kept in the history of every record).
    progress : called as ``progress(done, total, message)`` while reading and writing.
    folder : the workshop's folder, for the « Pièces jointes » sheet (see ``plan_import``).

    Returns
    -------
    kind → number of records added.

    Raises
    ------
    ValidationError (French, one ``Problem`` per problem with sheet, row, column letter,
    header, value and expectation); the store is then unchanged.

    Example
    -------
    ``import_workbook("gabarits_excel/exemple_montaurel.xlsx", ws.store, by="analyste")``
    """
    plan = plan_import(store, path, update=False, folder=folder, progress=progress)
    if plan.problems:
        raise _refused(plan.problems)
    apply_plan(store, plan, by=by, progress=progress)
    return {k: len(plan.added.get(k, [])) for k in model.KIND_ORDER}
