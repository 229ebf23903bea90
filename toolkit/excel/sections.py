"""The analysis sheets of the deliverable: a registry of ``Section``s, in reading order.

Each section CALLS an analysis module of ``toolkit`` (stakeholders, competences, raci,
workload, gaps, governance, actions) and returns its DataFrame; the export formats it.
A section whose module is not there (yet) returns None and is left out of the workbook.
"""
from __future__ import annotations

from .export import Section

SECTIONS: list[Section] = []
