"""The history of any record, and undo of one of its changes (carnets' « Historique »)."""
from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd

from .. import changes
from ..core import labels as L
from ..core import model
from ..display import readable_frame
from ..core.errors import MaillageError
from ..core.store import Store
from . import look
from .editor import UNSET, record_label


def history_frame(store: Store, kind_name: str, record_id: str) -> pd.DataFrame:
    """One row per field changed: N°, when, by, operation, field, before, after.

    ``by`` names a participant who wrote with their own link (a pilot, a named editor of
    every sheet) by their name, not their identifier."""
    rows = []
    names = {p["id"]: p["name"] for p in store.all("persons")}
    for h in store.history(kind_name, record_id):
        old, new = h["old"] or {}, h["new"] or {}
        fields = sorted(set(old) | set(new)) if h["op"] == "update" else [None]
        for f in fields:
            rows.append({"seq": h["seq"], "at": h["at"], "by": names.get(h["by"], h["by"]), "op": L.CHANGES[f"op_{h['op']}"],
                         "field": model.KINDS[kind_name].field(f).label if f and model.KINDS[kind_name].has(f) else f,
                         "old": old.get(f) if f else None, "new": new.get(f) if f else None})
    return pd.DataFrame(rows, columns=["seq", "at", "by", "op", "field", "old", "new"])


class RecordHistory:
    """Pick a kind and a record by name, read its history, undo one change."""

    def __init__(self, store: Store, by: str = "consultant", kind_name: str = "actions") -> None:
        self.store, self.by = store, by
        wide = {"style": {"description_width": "10em"}, "layout": widgets.Layout(width="95%")}
        self.kind = widgets.Dropdown(options=[(model.KINDS[k].label, k) for k in model.KIND_ORDER
                                              if k not in ("attachments",)],
                                     value=kind_name, description=L.CHANGES["history_kind"], **wide)
        self.record = widgets.Dropdown(description=L.CHANGES["history_record"], **wide)
        self.change = widgets.Dropdown(description=L.CHANGES["history_pick"], **wide)
        self.undo_button = widgets.Button(layout=widgets.Layout(width="auto"), description=L.CHANGES["undo"])
        self.table = look.html()
        self.message = look.html()
        self.kind.observe(lambda _c: self._records(), names="value")
        self.record.observe(lambda _c: self.show(), names="value")
        self.undo_button.on_click(lambda _b: self.undo())
        self.widget = widgets.VBox([self.kind, self.record, self.table, widgets.HBox([self.change, self.undo_button]),
                                    self.message])
        self._records()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def _records(self) -> None:
        frames = self.store.frames([self.kind.value] + [t for _f, t in model.references(self.kind.value)])
        self.record.options = [UNSET] + [
            (record_label(frames, self.kind.value, r), r["id"]) for r in frames[self.kind.value].to_dict("records")]
        self.show()

    def show(self) -> None:
        """The chosen record's history (and the changes that can be undone)."""
        if not self.record.value:
            self.table.value, self.change.options = "", []
            return
        frame = history_frame(self.store, self.kind.value, self.record.value)
        if frame.empty:
            self.table.value = f"<p><em>{html.escape(L.CHANGES['history_none'])}</em></p>"
            self.change.options = []
            return
        self.table.value = readable_frame(frame, self.store.frames()).to_html(index=False, escape=True)
        seen = frame.drop_duplicates("seq")
        self.change.options = [(f"n° {r.seq} — {r.op} ({r.by})", int(r.seq)) for r in seen.itertuples()][::-1]

    def undo(self) -> bool:
        """Undo the chosen change (itself recorded in the history)."""
        if self.change.value is None:
            return False
        try:
            changes.undo_change(self.store, self.change.value, by=self.by)
        except MaillageError as exc:
            self.message.value = f"<p style='color:#a40000'>{html.escape(str(exc))}</p>"
            return False
        self.message.value = f"<p style='color:#1b5e20'>{html.escape(L.CHANGES['undone'])}</p>"
        record = self.record.value
        self._records()
        if record in dict((v, k) for k, v in self.record.options):
            self.record.value = record
        return True
