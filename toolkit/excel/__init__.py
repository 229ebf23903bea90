"""Excel at the edges: import templates, validated import, the formatted deliverable.

- ``template``: the import format (one sheet per record kind) and ``gabarits_excel/``;
- ``importer``: ``import_workbook`` — all or nothing, every problem named in French;
- ``export``: ``export_workbook`` — the deliverable (cover, analyses, data sheets).
"""
from __future__ import annotations

from .importer import import_workbook, read_workbook
from .template import write_example, write_records, write_template, write_templates

__all__ = ["import_workbook", "read_workbook", "write_example", "write_records", "write_template",
           "write_templates"]
