"""Helpers of the Excel tests: a tiny workshop, workbooks edited by hand, signatures.

A *signature* is everything an analyst sees in a workbook, without the zip's timestamps:
sheet names and states, cell values and types, drop-downs, conditional formats, defined
names, frozen panes, widths, filters and print titles. Two workbooks with the same
signature hold the same thing.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from openpyxl import load_workbook

from toolkit.core import model
from toolkit.excel.template import write_records
from toolkit.core.store import Store

TINY: dict[str, list[dict[str, Any]]] = {
    "project": [{"name": "Projet test", "territory": "Commune test", "programme": "Autre",
                 "start_date": "2026-09-01", "horizon_months": 12}],
    "competences": [{"id": "CMP-1", "name": "Conduite de projet", "family": "Pilotage"}],
    "actors": [
        {"id": "ACT-1", "name": "Mairie", "category": "élu", "power": 4, "interest": 4, "attitude": "allié",
         "mobilised": True, "competences": ["CMP-1"]},
        {"id": "ACT-2", "name": "Région", "category": "cofinanceur", "power": 3, "interest": 2},
    ],
    "relations": [{"id": "REL-1", "source_id": "ACT-1", "target_id": "ACT-2", "type": "financement"}],
    "persons": [{"id": "PER-1", "name": "Alice Martin", "organisation": "Mairie", "role": "chef de projet",
                 "capacity_days": 10, "actor_id": "ACT-1"}],
    "axes": [{"id": "AX-1", "name": "Commerce"}],
    "actions": [{"id": "ACN-1", "axis_id": "AX-1", "name": "Boutique à l'essai", "pilot_id": "PER-1"}],
    "tasks": [{"id": "TAC-1", "action_id": "ACN-1", "name": "Trouver un local", "load_days": 6,
               "start_month": "2026-09", "end_month": "2026-11"}],
    "raci": [{"id": "RAC-1", "task_id": "TAC-1", "person_id": "PER-1", "letter": "A"}],
}


def tiny_records() -> dict[str, list[dict[str, Any]]]:
    """A fresh copy of the tiny workshop (every kind present, most empty)."""
    return {k: [dict(r) for r in TINY.get(k, [])] for k in model.KIND_ORDER}


def tiny_book(folder: Path, edit: Callable[[Any], None] | None = None, name: str = "classeur.xlsx",
              records: dict[str, list[dict[str, Any]]] | None = None) -> Path:
    """The tiny workshop as an import workbook, then ``edit(workbook)`` applied by openpyxl."""
    path = write_records(folder / name, records or tiny_records())
    if edit is not None:
        wb = load_workbook(path)
        edit(wb)
        wb.save(path)
    return path


def snapshot(store: Store) -> dict[str, Any]:
    """Everything a store holds (records of every kind and the history length)."""
    return {**{k: store.frame(k).to_dict("records") for k in model.KIND_ORDER},
            "history": len(store.history())}


def signature(path: Path) -> dict[str, Any]:
    """What a workbook holds, for comparing two generations (see module docstring)."""
    wb = load_workbook(path)
    out: dict[str, Any] = {
        "sheets": wb.sheetnames,
        "names": {name: dn.attr_text for name, dn in wb.defined_names.items()},
    }
    for ws in wb.worksheets:
        out[ws.title] = {
            "state": ws.sheet_state,
            "freeze": ws.freeze_panes,
            "filter": ws.auto_filter.ref,
            "print_titles": ws.print_title_rows,
            "orientation": ws.page_setup.orientation,
            "fit": (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight,
                    ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None),
            "widths": {k: d.width for k, d in sorted(ws.column_dimensions.items())},
            "heights": {k: d.height for k, d in sorted(ws.row_dimensions.items()) if d.height},
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "cells": [[(c.value, c.data_type, c.number_format) for c in row] for row in ws.iter_rows()],
            "validations": sorted(
                (str(dv.sqref), dv.type, dv.formula1, dv.formula2, dv.operator, dv.errorStyle, dv.prompt, dv.error)
                for dv in ws.data_validations.dataValidation),
            "conditional": sorted(
                (str(rng.sqref), rule.type, tuple(rule.formula or ()))
                for rng in ws.conditional_formatting for rule in rng.rules),
        }
    return out
