"""Import or update from Excel in a carnet: preview what will change, then apply (issue 16 §3).

The consultant names a workbook (a path, or a file dropped on the upload button), clicks
« Prévisualiser » and reads what the import will add and change, field by field (old → new,
with names), and every problem with its sheet, row and column; « Appliquer » writes the
previewed plan, all or nothing. Nothing is written before that click.
"""
from __future__ import annotations

import html
import tempfile
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from ..core import labels as L
from ..core.errors import MaillageError
from ..excel.importer import ImportPlan, apply_plan, plan_import
from . import look
from .feedback import refusal, say

T = L.IMPORT_PREVIEW


def _table(rows: list[dict[str, Any]]) -> str:
    return pd.DataFrame(rows).to_html(index=False, escape=True, na_rep="") if rows else ""


class ImportPreview:
    """Preview then apply a workbook's import into a workshop (``update``: existing records
    are updated, as ``maillage importer --mettre-a-jour``)."""

    def __init__(self, ws: Any, by: str = "consultant", update: bool = True) -> None:
        self.ws, self.by = ws, by
        self.plan: ImportPlan | None = None
        self.path = widgets.Text(description=T["path"], placeholder=T["path_hint"], **look.full_width(widgets.Text))
        self.upload = widgets.FileUpload(accept=".xlsx", multiple=False, description=T["upload"])
        self.update = widgets.Checkbox(value=update, description=T["update"], indent=False)
        self.preview_button = widgets.Button(description=T["preview"], button_style="primary")
        self.apply_button = widgets.Button(description=T["apply"], button_style="success", disabled=True)
        self.summary = look.html()
        self.changes = look.html()
        self.problems = look.html()
        self.message = look.html()
        self.preview_button.on_click(lambda _b: self.preview())
        self.apply_button.on_click(lambda _b: self.apply())
        self.widget = widgets.VBox([self.path, widgets.HBox([self.upload, self.update]),
                                    widgets.HBox([self.preview_button, self.apply_button]),
                                    self.summary, self.problems, self.changes, self.message])

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def _workbook(self) -> Path | None:
        """The uploaded workbook (saved to a temporary file), else the path typed."""
        if self.upload.value:
            item = self.upload.value[0]
            folder = Path(tempfile.mkdtemp(prefix="maillage-import-"))
            target = folder / Path(str(item["name"])).name
            target.write_bytes(bytes(item["content"]))
            return target
        text = self.path.value.strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if not path.is_absolute() and not path.exists() and (Path(self.ws.folder) / path).exists():
            path = Path(self.ws.folder) / path  # named from the workshop's folder
        return path

    def preview(self) -> ImportPlan | None:
        """Compute and show the plan; nothing is written. Returns it (None without a file)."""
        self.plan, self.apply_button.disabled = None, True
        self.summary.value = self.changes.value = self.problems.value = self.message.value = ""
        path = self._workbook()
        if path is None:
            say(self.message, T["no_file"], error=True)
            return None
        plan = plan_import(self.ws.store, path, update=self.update.value, folder=self.ws.folder)
        self.summary.value = f"<p><strong>{html.escape(plan.summary())}</strong></p>"
        if plan.problems:
            self.problems.value = (f"<h4 style='color:#a40000'>{html.escape(T['refused'])}</h4>"
                                   + _table(plan.problem_rows()))
            return plan
        if plan.empty:
            say(self.message, L.EXCEL_TEXT["update_none"])
            return plan
        self.changes.value = f"<h4>{html.escape(T['changes'])}</h4>" + _table(plan.rows())
        self.plan, self.apply_button.disabled = plan, False
        return plan

    def apply(self) -> bool:
        """Write the previewed plan, all or nothing; True if written."""
        if self.plan is None:
            say(self.message, T["nothing_to_apply"], error=True)
            return False
        plan, self.plan, self.apply_button.disabled = self.plan, None, True
        try:
            apply_plan(self.ws.store, plan, by=self.by)
        except MaillageError as exc:
            say(self.message, refusal(exc), error=True)
            return False
        say(self.message, T["applied"].format(**plan.counts()))
        return True
