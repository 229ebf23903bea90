"""Step 8 — the relevé de conclusions of a project review, as an editable Word document.

The data come from ``toolkit.review.minutes`` (présents, excusés, decisions, each action
sheet's change before → after, the next review with its weekday and ISO week); this module
only lays them out: a title, the meeting's date and place, the lists, a changes table whose
header repeats on each page and whose rows never split, and the next review.

Example
-------
>>> path = write_minutes(ws)  # doctest: +SKIP
>>> path.name  # doctest: +SKIP
'releve_de_conclusions_2026-11-17.docx'
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from .core import formats as F
from .core import labels as L
from . import review as R

MINUTES_FOLDER = "revues"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # not allowed in Word's XML


def _clean(text: Any) -> str:
    return _CONTROL.sub("", F.text(text))


def minutes_document(m: dict[str, Any], today: dt.date) -> Any:
    """The python-docx ``Document`` of the minutes ``m`` (from ``review.minutes``)."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    T = L.MINUTES
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Liberation Sans"
    style.font.size = Pt(10.5)
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2.2)
    doc.add_heading(_clean(m["title"]), level=1)
    doc.add_paragraph(_clean(T["when"].format(when=m["when"]) + (f" — {m['body']}" if m["body"] else "")))
    if m["place"]:
        doc.add_paragraph(_clean(T["place"].format(place=m["place"])))
    for key in ("present", "excused"):
        paragraph = doc.add_paragraph()
        paragraph.add_run(T[key]).bold = True
        if not m[key]:
            paragraph.add_run(" " + T["nobody"])
        for line in m[key]:
            doc.add_paragraph(_clean(line), style="List Bullet")
    doc.add_heading(T["h_decisions"], level=2)
    for line in m["decisions"] or [T["no_decision"]]:
        doc.add_paragraph(_clean(line), style="List Bullet" if m["decisions"] else None)
    doc.add_heading(T["h_changes"], level=2)
    if m["changes"]:
        headers = T["changes_columns"].split("|")
        table = doc.add_table(rows=1 + len(m["changes"]), cols=len(headers))
        table.style = "Light Grid Accent 1"
        for cell, text in zip(table.rows[0].cells, headers):
            cell.text = text
        for row, change in zip(table.rows[1:], m["changes"]):
            for cell, key in zip(row.cells, ("action", "field", "before", "after")):
                cell.text = _clean(change[key])
        table.autofit = False
        for i, row in enumerate(table.rows):
            properties = row._tr.get_or_add_trPr()
            properties.append(OxmlElement("w:cantSplit"))
            if i == 0:
                header = OxmlElement("w:tblHeader")
                header.set(qn("w:val"), "true")
                properties.append(header)
            for cell, width in zip(row.cells, (6.0, 3.2, 3.2, 3.2)):
                cell.width = Cm(width)
        for column, width in zip(table.columns, (6.0, 3.2, 3.2, 3.2)):
            column.width = Cm(width)
    else:
        doc.add_paragraph(T["no_change"])
    nxt = doc.add_paragraph(_clean(T["next"].format(when=m["next"]) if m["next"] else T["no_next"]))
    nxt.runs[0].bold = True
    nxt.paragraph_format.space_before = Pt(12)
    doc.add_paragraph(T["made_on"].format(date=F.date_long(today, weekday=False))).runs[0].italic = True
    return doc


def write_minutes(ws: Any, review_id: str | None = None, folder: Path | None = None,
                  today: dt.date | None = None) -> Path:
    """Write the relevé de conclusions of a review (default: the last one) into
    ``exports/revues/`` (or ``folder``); returns its path.

    Raises
    ------
    MaillageError (French) when no review is recorded.
    """
    m = R.minutes(ws.store, review_id)
    folder = Path(folder) if folder else Path(ws.exports_dir) / MINUTES_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"releve_de_conclusions_{m['date'].isoformat()}.docx"
    minutes_document(m, today or dt.date.today()).save(str(path))
    return path
