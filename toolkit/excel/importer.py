"""Import a workbook in the template's format into a workshop: all or nothing.

The whole workbook is read and checked before anything is written; every problem found
is reported (not only the first), each naming the sheet, the row, the column (letter,
and header as the field), the value read and what was expected, in French. If there is
none, every record is inserted in ONE store transaction; if the store still refuses
something (a record added by somebody else meanwhile), the transaction rolls back.

Decisions (also written on the template's instructions sheet):

- The import *adds* records. An identifier that already exists in the workshop is
  refused: nothing is replaced or updated. References may point to records of the
  workbook or to records already in the workshop. The project is imported only into a
  workshop that has none (its identifier is always ``PRJ``).
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
>>> from toolkit.workshop import Workshop
>>> from toolkit.excel.template import write_example
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> ws = Workshop.create(folder / "atelier")
>>> counts = import_workbook(write_example(folder / "exemple.xlsx"), ws.store, by="doc")
>>> counts["actors"], ws.store.count("actors")
(51, 51)
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import sqlalchemy as sa
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet._reader import WorkSheetParser

from .. import labels as L
from .. import model
from ..errors import Problem, ValidationError
from ..review import record_reviews
from ..store import TABLES, Store
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


def _open(path: Path) -> Any:
    """The workbook in read-only mode, or a ValidationError that says it is not one."""
    file_label = L.EXCEL_FIELDS["file"]
    if not path.is_file():
        raise _refused([Problem(file_label, str(path), X["missing_file"])])
    try:
        return load_workbook(path, read_only=True, data_only=False)
    except Exception:  # noqa: BLE001 - whatever the reason, it is not a readable workbook
        raise _refused([Problem(file_label, path.name, X["workbook"])]) from None


class _SheetReader:
    """Streams a read-only sheet's cells with their types, then knows its merged cells.

    openpyxl's read-only worksheets do not expose merged cells; its own sheet parser
    collects them when it reaches the end of the sheet, so we drive that parser directly
    (as ``ReadOnlyWorksheet`` does) to read values, types and merges in one pass.
    """

    def __init__(self, wb: Any, ws: Any) -> None:
        self.wb, self.ws = wb, ws
        self.merged: list[str] = []

    def rows(self) -> Iterator[tuple[int, list[dict[str, Any]]]]:
        with self.ws._get_source() as src:
            parser = WorkSheetParser(src, self.ws._shared_strings, data_only=False, epoch=self.wb.epoch,
                                     date_formats=self.wb._date_formats,
                                     timedelta_formats=self.wb._timedelta_formats)
            for number, cells in parser.parse():
                yield number, cells
            if parser.merged_cells is not None:
                self.merged = [str(m.ref) for m in parser.merged_cells.mergeCell]


def _find_sheet(wb: Any, title: str) -> Any | None:
    for name in wb.sheetnames:
        if name == title:
            return wb[name]
    wanted = model.fold(title)
    for name in wb.sheetnames:
        if model.fold(name) == wanted:
            return wb[name]
    return None


def _cell_text(value: Any) -> Any:
    """Integral numbers typed in identifier columns become text (``12`` → ``"12"``)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _read_sheet(wb: Any, ws: Any, kind_name: str, order: int, problems: _Problems,
                progress: Progress | None, done: list[int], total: int) -> SheetData:
    """Read and check one kind's sheet, row by row (references are checked later)."""
    data = SheetData(kind_name, ws.title)
    kind_fields = {f.label: f for f in fields(kind_name)}
    expected_headers = headers(kind_name)
    by_fold = {model.fold(h): h for h in expected_headers}
    col_field: dict[int, model.Field | None] = {}  # column index → field (None: the id)
    col_header: dict[int, str] = {}
    headerless_reported: set[int] = set()
    raw_rows: list[tuple[int, dict[int, tuple[Any, str]]]] = []

    reader = _SheetReader(wb, ws)
    header_seen = False
    for number, cells in reader.rows():
        if number == 1:
            header_seen = True
            found: dict[str, int] = {}
            for cell in cells:
                value, col = cell["value"], cell["column"]
                if _empty(value):
                    continue
                text = str(value)
                header = by_fold.get(model.fold(text))
                if header is None:
                    problems.add(ws.title, 1, col, L.EXCEL_FIELDS["header"], text,
                                 X["extra_column"].format(headers=", ".join(expected_headers)), order)
                    col_header[col] = text
                    continue
                if header in found:
                    problems.add(ws.title, 1, col, header, text, X["duplicate_column"].format(header=header), order)
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
                    problems.add(ws.title, 1, None, header, None, X["column"].format(header=header), order)
            continue
        row: dict[int, tuple[Any, str]] = {}
        for cell in cells:
            if cell["value"] is None or (cell["data_type"] == "s" and str(cell["value"]).strip() == ""):
                continue
            row[cell["column"]] = (cell["value"], cell["data_type"])
        if row:
            raw_rows.append((number, row))
        done[0] += 1
        if progress and done[0] % REPORT_EVERY == 0:
            progress(done[0], total, L.EXCEL_TEXT["progress_read"].format(sheet=ws.title))
    if not header_seen:
        for header in expected_headers:
            problems.add(ws.title, 1, None, header, None, X["column"].format(header=header), order)

    # Merged cells: reported once per range; the cells they hide are not reported again.
    hidden: set[tuple[int, int]] = set()
    for ref in reader.merged:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        problems.add(ws.title, min_row, min_col, col_header.get(min_col, ""), ref, X["merged"].format(ref=ref), order)
        hidden.update((r, c) for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)
                      if (r, c) != (min_row, min_col))

    id_label = L.FIELD_LABELS["id"]
    for number, cells in raw_rows:
        record: dict[str, Any] = {}
        reported: set[str] = set()
        for col, (value, dtype) in sorted(cells.items()):
            if col not in col_header:
                if col not in headerless_reported:
                    headerless_reported.add(col)
                    problems.add(ws.title, number, col, "", value, X["headerless"], order)
                continue
            if col not in col_field:  # an unknown or duplicate column, reported at the header
                continue
            f = col_field[col]
            header = col_header[col]
            if dtype == "f":
                problems.add(ws.title, number, col, header, value, X["formula"], order)
                reported.add(header)
                continue
            if dtype == "e":
                problems.add(ws.title, number, col, header, value, X["error_value"], order)
                reported.add(header)
                continue
            if f is None or f.type in ("ref", "refs"):
                value = _cell_text(value)
            if f is not None and f.type == "json" and isinstance(value, str):
                try:
                    value = json.loads(value)
                except ValueError:
                    problems.add(ws.title, number, col, header, value, X["json"], order)
                    reported.add(header)
                    continue
            record["id" if f is None else f.name] = value
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
                problems.add(ws.title, number, col, p.field, p.value, p.expected, order)
        data.rows.append(Row(number, clean, rid))
    return data


def _store_ids(store: Store, kind_name: str) -> set[str]:
    table = TABLES[kind_name]
    with store.reader.connect() as conn:
        return {r[0] for r in conn.execute(sa.select(table.c.id))}


def _check_across(sheets: dict[str, SheetData], store: Store | None, problems: _Problems) -> None:
    """Identifiers unique and new; references pointing to a known record; one project."""
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
            if rows and in_store[k]:
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
            if row.id in in_store[k]:
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
                                kind=model.KINDS[target].label.lower(), sheet=sheet_name(target)), order[k])
                    fixed.append(v)
                rec[f.name] = fixed if f.type == "refs" else fixed[0]


def _col_index(letter: str | None) -> int | None:
    if not letter:
        return None
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(letter)


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
    path = Path(path)
    wb = _open(path)
    problems = _Problems()
    sheets: dict[str, SheetData] = {}
    try:
        found = {k: _find_sheet(wb, sheet_name(k)) for k in model.KIND_ORDER}
        total = sum(max(0, (ws.max_row or 1) - 1) for ws in found.values() if ws is not None)
        done = [0]
        for order, k in enumerate(model.KIND_ORDER):
            ws = found[k]
            if ws is None:
                problems.add(sheet_name(k), None, None, L.EXCEL_FIELDS["sheet"], None,
                             X["sheet"].format(sheet=sheet_name(k)), order)
                continue
            sheets[k] = _read_sheet(wb, ws, k, order, problems, progress, done, total)
        if progress:
            progress(done[0], max(total, done[0]), L.EXCEL_TEXT["progress_check"])
    except ValidationError:
        raise
    except Exception:  # noqa: BLE001 - a broken part inside the zip: not a readable workbook
        raise _refused([Problem(L.EXCEL_FIELDS["file"], path.name, X["workbook"])]) from None
    finally:
        wb.close()
    _check_across(sheets, store, problems)
    if problems:
        raise _refused(problems.sorted())
    return {k: [r.record for r in sheets[k].rows if r.record is not None] if k in sheets else []
            for k in model.KIND_ORDER}


def import_workbook(path: str | Path, store: Store, by: str,
                    progress: Progress | None = None) -> dict[str, int]:
    """Import a workbook into ``store``: every record, or nothing at all.

    Parameters
    ----------
    path : the ``.xlsx`` file, in the format of ``gabarits_excel/gabarit_import.xlsx``
        (an exported deliverable also imports: its data sheets have that format).
    store : the workshop's store; records are added (existing identifiers are refused).
    by : who imports (kept in the history of every record).
    progress : called as ``progress(done, total, message)`` while reading and writing.

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
    records = read_workbook(path, store, progress)
    pending = {k: {r["id"] for r in recs if r.get("id")} for k, recs in records.items()}
    total = sum(len(v) for v in records.values())
    done, k = 0, ""
    try:
        with store.transaction() as tx:
            for k in model.KIND_ORDER:
                if not records[k]:
                    continue
                if progress:
                    progress(done, total, L.EXCEL_TEXT["progress_write"].format(kind=model.KINDS[k].label))
                if k == "reviews":  # the one path of a review: its changes applied, as by the API
                    record_reviews(store, records[k], by=by, conn=tx)
                else:
                    store.insert_many(k, records[k], by=by, conn=tx, pending=pending)
                done += len(records[k])
    except ValidationError as exc:  # changed meanwhile by somebody else: rolled back
        raise _refused([Problem(p.field, p.value, p.expected, sheet=sheet_name(k), record=p.record)
                        for p in exc.problems]) from None
    if progress:
        progress(total, total, L.EXCEL_TEXT["progress_done"])
    return {k: len(v) for k, v in records.items()}
