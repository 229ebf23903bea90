"""Recording a project review (carnet 08) by pointing and clicking.

Date, body, attendance (présents, excusés) picked among the persons by name, decisions as
written in the minutes, and changes to action sheets (new pilot, axis, state, completion,
budget, dates), each built with the action's own fields (``editor.FieldInput``). One click
records it all through ``review.record_review``: all or nothing, with history and a
« décision » entry in each changed sheet's journal.
"""
from __future__ import annotations

import datetime as dt
import html
from typing import Any

import ipywidgets as widgets
import pandas as pd

from ..core import labels as L
from ..core import model
from .. import review
from ..display import readable_frame
from ..core.errors import MaillageError, ValidationError
from ..core.store import Store
from . import look
from .feedback import refusal, say
from .editor import UNSET, FieldInput, record_label


class ReviewForm:
    """The form of a project review; ``save()`` (the button) records it."""

    def __init__(self, store: Store, by: str = "consultant", today: dt.date | None = None) -> None:
        self.store, self.by = store, by
        frames = store.frames(["persons", "axes", "actions", "bodies"])
        self.frames = frames
        people = [(p["name"], p["id"]) for p in frames["persons"].to_dict("records")]
        wide = {"style": {"description_width": "12em"}, "layout": widgets.Layout(width="95%")}
        self.date = widgets.DatePicker(value=today or dt.date.today(), description=L.FIELD_LABELS["date"], **wide)
        self.body = widgets.Dropdown(options=[(L.REVIEW_FORM["default_body"], "")]
                                     + [(b["name"], b["id"]) for b in frames["bodies"].to_dict("records")],
                                     description=L.FIELD_LABELS["body_id"], **wide)
        rows = min(10, max(3, len(people)))
        self.present = widgets.SelectMultiple(options=people, rows=rows, description=L.REVIEW_FORM["present"], **wide)
        self.excused = widgets.SelectMultiple(options=people, rows=rows, description=L.REVIEW_FORM["excused"], **wide)
        self.decisions = widgets.Textarea(description=L.REVIEW_FORM["decisions"], rows=4, **wide)
        self.action = widgets.Dropdown(options=[UNSET] + [
            (record_label(frames, "actions", a), a["id"]) for a in frames["actions"].to_dict("records")],
            description=L.FIELD_LABELS["action_id"], **wide)
        kind = model.KINDS["actions"]
        self.fields = {name: FieldInput(kind.field(name)) for name in review.REVIEW_FIELDS}
        for name, fi in self.fields.items():
            if fi.field.type == "ref":
                target = frames[fi.field.ref or ""]
                fi.set_options([(record_label(frames, fi.field.ref or "", r), r["id"]) for r in target.to_dict("records")])
            fi.widget.description = fi.field.label
        self.changes: list[dict[str, Any]] = []
        self.add_button = widgets.Button(layout=widgets.Layout(width="auto"), description=L.REVIEW_FORM["add_change"])
        self.save_button = widgets.Button(layout=widgets.Layout(width="auto"), description=L.REVIEW_FORM["save"], button_style="primary")
        self.pending = look.html()
        self.message = look.html()
        self.action.observe(lambda _c: self._show_action(), names="value")
        self.add_button.on_click(lambda _b: self.add_change())
        self.save_button.on_click(lambda _b: self.save())
        e = html.escape
        self.widget = widgets.VBox([
            self.date, self.body, widgets.HBox([self.present, self.excused]), self.decisions,
            look.html(f"<h4>{e(L.REVIEW_FORM['changes_title'])}</h4><p>{e(L.REVIEW_FORM['changes_help'])}</p>"),
            self.action, widgets.VBox([fi.widget for fi in self.fields.values()]), self.add_button, self.pending,
            self.save_button, self.message,
        ])
        self._draw_pending()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def _show_action(self) -> None:
        """Put the chosen action's current values in the fields (change only what was decided)."""
        if not self.action.value:
            for fi in self.fields.values():
                fi.clear()
            return
        current = self.store.get("actions", self.action.value)
        for name, fi in self.fields.items():
            fi.show(current.get(name))

    def add_change(self) -> bool:
        """Keep the fields that differ from the action's current sheet as one change."""
        if not self.action.value:
            say(self.message, L.REVIEW_FORM["pick_action"], error=True)
            return False
        current = self.store.get("actions", self.action.value)
        try:
            values = model.validate("actions", {n: fi.value() for n, fi in self.fields.items()}, partial=True)
        except ValidationError as exc:
            say(self.message, refusal(exc), error=True)
            return False
        changed = {n: v for n, v in values.items() if current.get(n) != v}
        if not changed:
            say(self.message, L.REVIEW_FORM["nothing_changed"], error=True)
            return False
        self.changes = [c for c in self.changes if c["action_id"] != self.action.value]
        self.changes.append({"action_id": self.action.value, **changed})
        say(self.message, L.REVIEW_FORM["change_added"])
        self._draw_pending()
        return True

    def _draw_pending(self) -> None:
        if not self.changes:
            self.pending.value = f"<p><em>{html.escape(L.REVIEW_FORM['no_change'])}</em></p>"
            return
        rows = [{"action_id": c["action_id"], "field": L.FIELD_LABELS.get(k, k), "new": v}
                for c in self.changes for k, v in c.items() if k != "action_id"]
        frame = pd.DataFrame(rows)
        for name in ("pilot_id", "axis_id"):
            lookup = dict(zip(self.frames[self.fields[name].field.ref]["id"], self.frames[self.fields[name].field.ref]["name"]))
            frame["new"] = [lookup.get(v, v) if f == L.FIELD_LABELS[name] else v for f, v in zip(frame["field"], frame["new"])]
        self.pending.value = readable_frame(frame, self.frames).to_html(index=False, escape=True)


    def save(self) -> str | None:
        """Record the review and its changes (all or nothing); its id, or None if refused."""
        try:
            rid = review.record_review(self.store, date=self.date.value, present=list(self.present.value),
                                       excused=list(self.excused.value), decisions=self.decisions.value.strip(),
                                       changes=self.changes, body_id=self.body.value or None, by=self.by)
        except MaillageError as exc:
            say(self.message, refusal(exc), error=True)
            return None
        self.changes = []
        self._draw_pending()
        say(self.message, L.REVIEW_FORM["saved"])
        return rid
