"""The import format: one sheet per record kind, with French headers and drop-down lists.

Everything comes from ``toolkit.core.model``: a sheet per kind of ``KIND_ORDER`` (named
``Kind.label``), an ``Identifiant`` column then one column per non-system field (header =
the field's French label), a drop-down list for every closed list (choices, oui/non) and
for every reference (the identifiers of the referenced sheet, through a defined name), a
range check for bounded numbers, and a prompt saying what is expected. A hidden sheet
« Listes » holds the closed lists.

The same sheets make the blank template, the filled demo example and the data part of
the deliverable (``toolkit.excel.export``), so an exported workbook imports back as is.

Example
-------
>>> import tempfile, pathlib
>>> path = write_template(pathlib.Path(tempfile.mkdtemp()) / "gabarit.xlsx")
>>> from openpyxl import load_workbook
>>> load_workbook(path).sheetnames[:3]
['Instructions', 'Projet', 'Compétences']
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import pandas as pd
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..core import labels as L
from ..core import model
from . import formatting as F

Progress = Callable[[int, int, str], None]

# Drop-downs and checks cover at least this many data rows (and 1000 more than filled).
MIN_ROWS = 2000
# Fixed workbook dates: generated templates do not change from one run to the next.
FIXED_DATE = dt.datetime(2026, 1, 1)


def fields(kind_name: str) -> list[model.Field]:
    """The fields a workbook carries for a kind: every field but the system ones (tokens)."""
    return [f for f in model.KINDS[kind_name].fields if not f.system]


def headers(kind_name: str) -> list[str]:
    """The French headers of a kind's sheet: ``Identifiant`` then the field labels."""
    return [L.FIELD_LABELS["id"]] + [f.label for f in fields(kind_name)]


def sheet_name(kind_name: str) -> str:
    """The sheet of a kind: its French label (« Acteurs », « RACI »…)."""
    return model.KINDS[kind_name].label


def capacity(n_records: int) -> int:
    """Last row covered by drop-downs and checks for a sheet holding ``n_records``."""
    return max(MIN_ROWS, n_records + 1000) + 1


def _bool_word(value: Any) -> str | None:
    if value is None:
        return None
    return L.EXCEL_TEXT["yes"] if bool(value) else L.EXCEL_TEXT["no"]


def _date(value: Any) -> Any:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return model.parse_date(value)
    except ValueError:
        return value


def _json(value: Any) -> str | None:
    if value is None or (isinstance(value, (list, tuple)) and not value):
        return None
    return json.dumps(value, ensure_ascii=False)


def _refs(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    return "; ".join(str(v) for v in value) or None


_CONVERT: dict[str, Callable[[Any], Any]] = {
    "bool": _bool_word,
    "date": _date,
    "json": _json,
    "refs": _refs,
}


def record_rows(kind_name: str, records: Iterable[dict[str, Any]] | pd.DataFrame) -> list[list[Any]]:
    """Records (dicts or a store frame) as rows of cell values in the order of ``headers``.

    Booleans become oui/non, identifier lists ``A; B``, dates real dates; nothing else
    changes (the safety of text is applied when cells are written).
    """
    names = ["id"] + [f.name for f in fields(kind_name)]
    converters = [None] + [_CONVERT.get(f.type) for f in fields(kind_name)]
    if isinstance(records, pd.DataFrame):
        frame = records.reindex(columns=names)
        source: Iterable[Sequence[Any]] = frame.itertuples(index=False, name=None)
    else:
        source = ([rec.get(n) for n in names] for rec in records)
    rows = []
    for values in source:
        row = []
        for value, convert in zip(values, converters):
            value = F.plain(value) if not isinstance(value, (list, tuple)) else value
            row.append(convert(value) if convert else value)
        rows.append(row)
    return rows


def normalised_records(records: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """Records as the store would hold them (``model.validate``: types, defaults, list values)."""
    return {k: [model.validate(k, r) for r in records.get(k, [])] for k in model.KIND_ORDER}


def _expected(f: model.Field) -> str:
    note = L.FIELD_NOTES.get(f.name)
    if note:
        return f"{_expected_type(f)} — {note}"
    return _expected_type(f)


def _expected_type(f: model.Field) -> str:
    if f.type == "refs":
        return f"{model.expectation(f)} ({L.EXCEL_TEXT['refs_hint']})"
    if f.type == "json":
        return L.EXCEL_TEXT["json_hint"]
    return model.expectation(f)


def _required(f: model.Field) -> bool:
    # A required field with a default is filled by the default when the cell is empty.
    return f.required and f.default is None


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


# --- sheets ----------------------------------------------------------------------

def write_instructions(wb: Workbook, title: str) -> None:
    """The « Instructions » sheet: how to fill the workbook, then every column explained."""
    ws = wb.create_sheet(L.EXCEL_SHEETS["instructions"])
    F.set_widths(ws, [24, 28, 12, 90])
    F.print_setup(ws, landscape=False)
    ws.append([F.styled(ws, title, font=F.TITLE_FONT)])
    ws.append([])
    ws.append([F.styled(ws, L.EXCEL_TEXT["how_title"], font=F.SUBTITLE_FONT)])
    for i, paragraph in enumerate(L.EXCEL_INSTRUCTIONS, start=1):
        ws.append([f"{i}.", F.styled(ws, paragraph, alignment=F.WRAP)])
    ws.append([])
    ws.append([F.styled(ws, L.EXCEL_TEXT["columns_title"], font=F.SUBTITLE_FONT)])
    ws.append(F.header_row(ws, [L.EXCEL_TEXT["col_sheet"], L.EXCEL_TEXT["col_column"],
                                L.EXCEL_TEXT["col_required"], L.EXCEL_TEXT["col_expected"]]))
    for kind_name in model.KIND_ORDER:
        id_hint = L.EXCEL_TEXT["project_id_hint"] if kind_name == "project" else L.EXCEL_TEXT["id_hint"]
        ws.append([sheet_name(kind_name), L.FIELD_LABELS["id"], L.EXCEL_TEXT["no"],
                   f"{model.expect('id')} — {id_hint}"])
        for f in fields(kind_name):
            ws.append([sheet_name(kind_name), f.label,
                       L.EXCEL_TEXT["yes"] if _required(f) else L.EXCEL_TEXT["no"],
                       F.cell_value(ws, _expected(f))])


class ListsSheet:
    """The hidden « Listes » sheet: one column per closed list, each behind a defined name."""

    def __init__(self) -> None:
        self.columns: list[tuple[str, list[str]]] = []
        self.names: dict[tuple[str, str], str] = {}

    def name_for(self, kind_name: str, f: model.Field) -> str:
        key = (kind_name, f.name)
        if key not in self.names:
            self.columns.append((f"{sheet_name(kind_name)} — {f.label}", list(f.choices or ())))
            self.names[key] = f"liste_{kind_name}_{f.name}"
        return self.names[key]

    def write(self, wb: Workbook) -> None:
        title = L.EXCEL_SHEETS["lists"]
        ws = wb.create_sheet(title)
        ws.sheet_state = "hidden"
        F.set_widths(ws, [max(12, len(h) + 2) for h, _ in self.columns])
        ws.append(F.header_row(ws, [h for h, _ in self.columns]))
        depth = max((len(v) for _, v in self.columns), default=0)
        for i in range(depth):
            ws.append([F.cell_value(ws, v[i]) if i < len(v) else None for _, v in self.columns])
        for j, (_, values, name) in enumerate(list_columns(self), start=1):
            col = get_column_letter(j)
            F.define_name(wb, name, title, f"${col}$2:${col}${len(values) + 1}")


def validation_spec(f: model.Field, kind_name: str, lists: ListsSheet) -> dict[str, Any]:
    """The data validation of one column (drop-down, range or prompt only), as openpyxl's
    ``DataValidation`` keywords; the export's XlsxWriter sheets translate the same spec."""
    prompt = _clip(_expected(f), 250)
    title = _clip(f.label, 32)
    common = dict(allow_blank=True, showInputMessage=True, promptTitle=title, prompt=prompt)
    if f.type == "choice":
        return dict(type="list", formula1=f"={lists.name_for(kind_name, f)}", showErrorMessage=True,
                    errorTitle=L.EXCEL_TEXT["list_error_title"], error=L.EXCEL_TEXT["list_error"], **common)
    if f.type == "bool":
        return dict(type="list", formula1=f'"{L.EXCEL_TEXT["yes"]},{L.EXCEL_TEXT["no"]}"',
                    showErrorMessage=True, errorTitle=L.EXCEL_TEXT["list_error_title"],
                    error=L.EXCEL_TEXT["list_error"], **common)
    if f.type == "ref" and f.ref:
        # A warning, not a stop: an id already in the workshop is not on the sheet.
        return dict(type="list", formula1=f"=ids_{f.ref}", showErrorMessage=True, errorStyle="warning",
                    errorTitle=L.EXCEL_TEXT["ref_error_title"],
                    error=_clip(L.EXCEL_TEXT["ref_error"].format(sheet=sheet_name(f.ref)), 250), **common)
    if f.type in ("int", "float") and (f.min is not None or f.max is not None):
        kind = "whole" if f.type == "int" else "decimal"
        if f.min is not None and f.max is not None:
            bounds = dict(operator="between", formula1=f"{f.min:g}", formula2=f"{f.max:g}")
        elif f.min is not None:
            bounds = dict(operator="greaterThanOrEqual", formula1=f"{f.min:g}")
        else:
            bounds = dict(operator="lessThanOrEqual", formula1=f"{f.max:g}")
        return dict(type=kind, showErrorMessage=True, errorTitle=L.EXCEL_TEXT["number_error_title"],
                    error=prompt, **bounds, **common)
    return common


def id_validation_spec(kind_name: str) -> dict[str, Any]:
    """The prompt of the identifier column."""
    return dict(allow_blank=True, showInputMessage=True, promptTitle=L.FIELD_LABELS["id"],
                prompt=_clip(L.EXCEL_TEXT["project_id_hint" if kind_name == "project" else "id_hint"], 250))


def list_columns(lists: ListsSheet) -> list[tuple[str, list[str], str]]:
    """The lists sheet's columns: (header, values, defined name)."""
    return [(h, values, name) for (h, values), name in zip(lists.columns, lists.names.values())]


def write_record_sheet(wb: Workbook, kind_name: str, rows: list[list[Any]], lists: ListsSheet,
                       capacities: dict[str, int], progress: Progress | None = None) -> Any:
    """One kind's sheet: headers, rows, frozen header, widths, filters, drop-downs, print set-up."""
    ws = wb.create_sheet(sheet_name(kind_name))
    head = headers(kind_name)
    widths = F.column_widths(head, rows, low=10, high=50)
    F.set_widths(ws, widths)
    ws.row_dimensions[1].height = F.header_height(head, widths)
    ws.freeze_panes = "B2"
    F.declare_size(ws, len(rows) + 1, len(head))
    F.print_setup(ws, title_rows="1:1")
    ws.append(F.header_row(ws, head))
    kind_fields = fields(kind_name)
    date_cols = {i for i, f in enumerate(kind_fields, start=1) if f.type == "date"}
    step = max(1, len(rows) // 20)
    for n, row in enumerate(rows, start=1):
        ws.append([F.styled(ws, v, number_format=F.DATE_FORMAT) if j in date_cols and v is not None
                   else F.cell_value(ws, v) for j, v in enumerate(row)])
        if progress and n % step == 0:
            progress(n, len(rows), L.EXCEL_TEXT["progress_sheet"].format(sheet=ws.title))
    last = capacities[kind_name]
    ws.auto_filter.ref = f"A1:{get_column_letter(len(head))}{max(2, len(rows) + 1)}"
    id_check = DataValidation(**id_validation_spec(kind_name))
    id_check.add(f"A2:A{last}")
    ws.data_validations.append(id_check)
    for j, f in enumerate(kind_fields, start=2):
        dv = DataValidation(**validation_spec(f, kind_name, lists))
        col = get_column_letter(j)
        dv.add(f"{col}2:{col}{last}")
        ws.data_validations.append(dv)
    return ws


def add_record_sheets(wb: Workbook, rows_by_kind: dict[str, list[list[Any]]],
                      progress: Progress | None = None) -> dict[str, int]:
    """Every kind's sheet (in ``KIND_ORDER``) then the hidden lists; returns rows per sheet."""
    lists = ListsSheet()
    capacities = {k: capacity(len(rows_by_kind.get(k, []))) for k in model.KIND_ORDER}
    for k in model.KIND_ORDER:
        write_record_sheet(wb, k, rows_by_kind.get(k, []), lists, capacities, progress)
        F.define_name(wb, f"ids_{k}", sheet_name(k), f"$A$2:$A${capacities[k]}")
    lists.write(wb)
    return {sheet_name(k): len(rows_by_kind.get(k, [])) for k in model.KIND_ORDER}


def _fix_dates(wb: Workbook) -> None:
    wb.properties.creator = "Maillage"
    wb.properties.created = FIXED_DATE
    wb.properties.modified = FIXED_DATE


def write_records(path: str | Path, records: dict[str, list[dict[str, Any]]] | None = None,
                  title: str | None = None, progress: Progress | None = None) -> Path:
    """Write an import workbook: instructions, one sheet per kind (filled with ``records``).

    Parameters
    ----------
    path : the ``.xlsx`` file to write.
    records : kind → list of records (dicts as ``demo_records()`` gives them, or as the
        store holds them); None or missing kinds give empty sheets (the blank template).
    title : the heading of the instructions sheet.
    progress : called as ``progress(done, total, message)`` while rows are written.

    Returns
    -------
    The path written.

    Example
    -------
    >>> import tempfile, pathlib
    >>> from toolkit.demo import demo_records
    >>> p = write_records(pathlib.Path(tempfile.mkdtemp()) / "x.xlsx", demo_records())
    >>> p.suffix
    '.xlsx'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = Workbook(write_only=True)
    _fix_dates(wb)
    write_instructions(wb, title or L.EXCEL_TEXT["template_title"])
    clean = normalised_records(records) if records else {}
    add_record_sheets(wb, {k: record_rows(k, clean.get(k, [])) for k in model.KIND_ORDER}, progress)
    wb.save(path)
    return path


def write_template(path: str | Path) -> Path:
    """The blank import template (``gabarits_excel/gabarit_import.xlsx``)."""
    return write_records(path, None, L.EXCEL_TEXT["template_title"])


def write_example(path: str | Path) -> Path:
    """The demo workshop as a filled import workbook (``gabarits_excel/exemple_montaurel.xlsx``)."""
    from ..demo import demo_records

    return write_records(path, demo_records(), L.EXCEL_TEXT["example_title"])


TEMPLATE_FILES: dict[str, Callable[[str | Path], Path]] = {
    "gabarit_import.xlsx": write_template,
    "exemple_montaurel.xlsx": write_example,
}


def write_templates(folder: str | Path) -> list[Path]:
    """Generate every file of ``gabarits_excel/`` into ``folder``; returns their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [make(folder / name) for name, make in TEMPLATE_FILES.items()]
