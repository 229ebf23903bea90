"""Merging two actors (or two persons) who are the same: pick, read what merges, confirm.

What merges is shown before anything is written (``changes.merge_plan``: their relations,
ratings, co-fundings, memberships, RACI lines…); the merge is one transaction, kept in the
history, and « Annuler la dernière fusion » undoes it.
"""
from __future__ import annotations

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
from .feedback import say
from .editor import UNSET, record_label


class MergeRecords:
    """Merge two records of ``kind_name`` (``actors`` or ``persons``) of the workshop."""

    def __init__(self, store: Store, kind_name: str = "actors", by: str = "consultant",
                 keep: str | None = None, drop: str | None = None) -> None:
        self.store, self.kind, self.by = store, kind_name, by
        self.last: str | None = None
        wide = {"style": {"description_width": "14em"}, "layout": widgets.Layout(width="95%")}
        self.keep = widgets.Dropdown(description=L.CHANGES["keep"], **wide)
        self.drop = widgets.Dropdown(description=L.CHANGES["drop"], **wide)
        self.preview_button = widgets.Button(layout=widgets.Layout(width="auto"), description=L.CHANGES["preview"])
        self.confirm = widgets.Checkbox(description=L.CHANGES["confirm"], indent=False)
        self.merge_button = widgets.Button(layout=widgets.Layout(width="auto"), description=L.CHANGES["merge"], button_style="danger")
        self.undo_button = widgets.Button(layout=widgets.Layout(width="auto"), description=L.CHANGES["undo_merge"])
        self.plan = look.html()
        self.message = look.html()
        self.preview_button.on_click(lambda _b: self.preview())
        self.merge_button.on_click(lambda _b: self.merge())
        self.undo_button.on_click(lambda _b: self.undo())
        self.widget = widgets.VBox([self.keep, self.drop, self.preview_button, self.plan,
                                    widgets.HBox([self.confirm, self.merge_button, self.undo_button]), self.message])
        self.refresh()
        if keep and drop:
            self.keep.value, self.drop.value = keep, drop
            self.preview()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def refresh(self) -> None:
        frames = self.store.frames([self.kind])
        options = [UNSET] + [(record_label(frames, self.kind, r), r["id"])
                                               for r in frames[self.kind].to_dict("records")]
        self.keep.options, self.drop.options = options, options


    def _readable(self, plan: pd.DataFrame) -> str:
        """The plan with the changed records named, fields and kinds in French."""
        frames = self.store.frames()
        shown = plan.copy()
        shown["record_id"] = [record_label(frames, k, frames[k].set_index("id").loc[rid].to_dict() | {"id": rid})
                              if rid in set(frames[k]["id"]) else rid
                              for k, rid in zip(plan["kind"], plan["record_id"])]
        names = {k: dict(zip(f["id"], f["name"])) for k, f in frames.items() if "name" in f}
        for col in ("old", "new"):
            shown[col] = [names.get(self.kind, {}).get(v, v) if isinstance(v, str) else v for v in plan[col]]
        shown["kind"] = [model.KINDS[k].label for k in plan["kind"]]
        shown["op"] = [L.CHANGES[f"op_{op}"] for op in plan["op"]]
        shown["field"] = [L.FIELD_LABELS.get(f, f) if isinstance(f, str) else None for f in plan["field"]]
        return readable_frame(shown, frames).to_html(index=False, escape=True)

    def preview(self) -> pd.DataFrame | None:
        """Show what the merge would change (nothing written)."""
        if not self.keep.value or not self.drop.value:
            say(self.message, L.CHANGES["pick_two"], error=True)
            return None
        try:
            plan = changes.merge_plan(self.store, self.kind, self.keep.value, self.drop.value)
        except MaillageError as exc:
            say(self.message, str(exc), error=True)
            return None
        self.plan.value = self._readable(plan)
        self.message.value = ""
        return plan

    def merge(self) -> str | None:
        """Merge after the confirmation box is ticked; returns the merge's label."""
        if self.preview() is None:
            return None
        if not self.confirm.value:
            say(self.message, L.CHANGES["confirm_first"], error=True)
            return None
        try:
            self.last = changes.merge_records(self.store, self.kind, self.keep.value, self.drop.value, by=self.by)
        except MaillageError as exc:
            say(self.message, str(exc), error=True)
            return None
        count = sum(1 for r in self.store.history() if r["by"] == self.last)
        self.confirm.value = False
        self.plan.value = ""
        self.refresh()
        say(self.message, L.CHANGES["merged_done"].format(count=count))
        return self.last

    def undo(self) -> int:
        """Undo the last merge made here."""
        if not self.last:
            say(self.message, L.CHANGES["nothing_to_undo"], error=True)
            return 0
        count = changes.undo_merge(self.store, self.last, by=self.by)
        self.last = None
        self.refresh()
        say(self.message, L.CHANGES["undone_merge"].format(count=count))
        return count
