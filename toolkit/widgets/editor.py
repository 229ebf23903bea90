"""One editor for every record kind, generated from ``toolkit/core/model.py``'s description.

``RecordEditor(store, "tasks")`` lists the records of a kind (by name), and edits one in a
form whose inputs follow each field's type: text, numbers (typed as a French reader writes
them, « 2,5 »), yes/no, dates, months, closed lists, and references picked **by name**. Saving
goes through ``Store.insert`` / ``update`` / ``delete``: the same French validation messages
as the Excel import, and every change in the history. No form is written per kind.

``CadrageEditor`` puts the kinds of step 1 side by side in tabs, with the starter
referential of competences to pick from.
"""
from __future__ import annotations

import datetime as dt
import html
import json
from pathlib import Path
from typing import Any, Callable

import ipywidgets as widgets
import pandas as pd

from ..core import formats
from ..core import labels as L
from ..core import model
from ..access import Guard
from ..core.permissions import Actor
from ..display import readable_frame
from ..core.errors import MaillageError
from ..core.store import Store
from . import look
from .feedback import refusal, say

REFERENTIAL = Path(__file__).resolve().parent.parent / "referentiels" / "competences_territoire.json"
# The first choice of a list nobody has picked yet (a value, so the list shows it).
UNSET = (L.SAVE["unset"], "")
# Long texts get a multi-line box.
LONG_TEXTS = ("description", "comment", "text", "decisions")


def record_label(store_frames: dict[str, pd.DataFrame], kind_name: str, record: dict[str, Any]) -> str:
    """How a record is named in a list: its name, else its references' names and values.

    >>> record_label({"tasks": pd.DataFrame({"id": ["T1"], "name": ["Diagnostic"]}),
    ...               "competences": pd.DataFrame({"id": ["C1"], "name": ["Urbanisme"]})},
    ...              "requirements", {"task_id": "T1", "competence_id": "C1", "level": 3})
    'Diagnostic — Urbanisme — 3'
    """
    k = model.KINDS[kind_name]
    if k.has("name") and not formats.is_missing(record.get("name")):
        return str(record["name"])
    parts = []
    for f in k.fields:
        value = record.get(f.name)
        if f.system or f.type in ("json", "refs") or f.name in LONG_TEXTS or formats.is_missing(value):
            continue
        if f.type == "ref":
            frame = store_frames.get(f.ref or "")
            names = dict(zip(frame["id"], frame["name"])) if frame is not None and "name" in frame else {}
            parts.append(str(names.get(value, value)))
        else:
            parts.append(formats.text(value))
    return " — ".join(parts) or str(record.get("id", ""))


class FieldInput:
    """The input of one field, and its value as ``model.validate`` accepts it."""

    def __init__(self, f: model.Field, options: list[tuple[str, str]] | None = None) -> None:
        self.field = f
        label = f.label + (" *" if f.required else "")
        common: dict[str, Any] = {"description": label, "style": {"description_width": "14em"},
                                  "layout": widgets.Layout(width="95%")}
        unset = UNSET
        if f.type == "bool":
            self.widget: widgets.Widget = widgets.Checkbox(indent=True, **common)
        elif f.type == "date":
            self.widget = widgets.DatePicker(**common)
        elif f.type == "choice":
            choices = [(c, c) for c in f.choices or ()]
            self.widget = widgets.Dropdown(options=([] if f.default else [unset]) + choices, **common)
        elif f.type == "ref":
            self.widget = widgets.Dropdown(options=[unset] + list(options or []), **common)
        elif f.type == "refs":
            self.widget = widgets.SelectMultiple(options=list(options or []), rows=min(8, max(3, len(options or []))),
                                                 **common)
        elif f.name in LONG_TEXTS:
            self.widget = widgets.Textarea(**common)
        else:
            placeholder = {"month": "AAAA-MM", "int": "nombre entier", "float": "nombre (2,5)"}.get(f.type, "")
            self.widget = widgets.Text(placeholder=placeholder, **common)
        self.clear()

    def set_options(self, options: list[tuple[str, str]]) -> None:
        """New choices for a reference (after a record of the referenced kind changed)."""
        if self.field.type not in ("ref", "refs"):
            return
        current = self.widget.value
        if self.field.type == "ref":
            self.widget.options = [UNSET] + options
            self.widget.value = current if current in dict(options).values() else ""
        else:
            self.widget.options = options
            ids = {v for _, v in options}
            self.widget.value = tuple(v for v in current if v in ids)

    def clear(self) -> None:
        f = self.field
        default = f.default
        if f.type == "bool":
            self.widget.value = bool(default)
        elif f.type == "date":
            self.widget.value = None
        elif f.type in ("choice", "ref"):
            self.widget.value = default if f.type == "choice" and default else ""
        elif f.type == "refs":
            self.widget.value = ()
        else:
            self.widget.value = "" if default is None else formats.text(default)

    def show(self, value: Any) -> None:
        """Put a stored value in the input."""
        f = self.field
        if f.type == "bool":
            self.widget.value = bool(value) if not formats.is_missing(value) else False
        elif f.type == "date":
            self.widget.value = formats.as_date(value)
        elif f.type in ("choice", "ref"):
            wanted = "" if formats.is_missing(value) else value
            values = [v for _, v in self.widget.options]
            self.widget.value = wanted if wanted in values else values[0]
        elif f.type == "refs":
            ids = {v for _, v in self.widget.options}
            self.widget.value = tuple(v for v in (value or []) if v in ids)
        elif f.type in ("int", "float"):
            self.widget.value = formats.plain(formats.number(value, 2)) .replace(" ", "")
        else:
            self.widget.value = "" if formats.is_missing(value) else str(value)

    def value(self) -> Any:
        """The value to validate (strings as typed; ``model`` converts and checks them)."""
        value = self.widget.value
        if self.field.type in ("choice", "ref") and value == "":
            return None
        if self.field.type == "refs":
            return list(value)
        if self.field.type == "date" and isinstance(value, dt.datetime):
            return value.date()
        return value


class RecordEditor:
    """List, add, edit and delete the records of one kind, through the store (history kept).

    ``fixed`` pins fields to a value (e.g. the requirements of one task); ``on_change`` is
    called after every saved change (the cadrage editor refreshes the other tabs).
    """

    def __init__(self, store: Store, kind_name: str, by: str = "consultant",
                 fixed: dict[str, Any] | None = None, on_change: Callable[[], None] | None = None) -> None:
        self.store, self.kind, self.by = store, model.KINDS[kind_name], by
        # the consultant's writes go through the same guard as the pages' (one permission path)
        self.guard = Guard(store, Actor.for_consultant(by))
        self.fixed = dict(fixed or {})
        self.on_change = on_change
        self.current: dict[str, Any] | None = None
        self.inputs = {f.name: FieldInput(f) for f in self.kind.fields
                       if not f.system and f.type != "json" and f.name not in self.fixed}
        self.records = widgets.Select(options=[], rows=8, layout=widgets.Layout(width="95%"))
        self.new_button = widgets.Button(layout=widgets.Layout(width="auto"), description=L.EDITOR["new"])
        self.save_button = widgets.Button(layout=widgets.Layout(width="auto"), description=L.EDITOR["save"], button_style="primary")
        self.delete_button = widgets.Button(layout=widgets.Layout(width="auto"), description=L.EDITOR["delete"], button_style="danger")
        self.confirm = widgets.Checkbox(description=L.EDITOR["confirm_delete"], indent=False)
        self.message = look.html()
        self.table = look.html()
        self.records.observe(self._on_pick, names="value")
        self.new_button.on_click(lambda _b: self.start_new())
        self.save_button.on_click(lambda _b: self.save())
        self.delete_button.on_click(lambda _b: self.delete())
        self.form_title = look.html()
        self.widget = widgets.VBox([
            self.records,
            widgets.HBox([self.new_button]),
            self.form_title,
            widgets.VBox([i.widget for i in self.inputs.values()]),
            widgets.HBox([self.save_button, self.delete_button, self.confirm]),
            self.message,
            self.table,
        ])
        self.widget.add_class(f"maillage-editor-{kind_name}")
        self.save_button.add_class("maillage-save")
        self.refresh()
        self.start_new()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    # --- reading ------------------------------------------------------------------

    def _frames(self) -> dict[str, pd.DataFrame]:
        kinds = {self.kind.name} | {target for _f, target in model.references(self.kind.name)}
        return self.store.frames([k for k in model.KIND_ORDER if k in kinds])

    def rows(self) -> list[dict[str, Any]]:
        """This kind's records (those matching ``fixed``)."""
        return self.store.all(self.kind.name, **self.fixed)

    def refresh(self) -> None:
        """Reload the list, the reference choices and the table from the store."""
        frames = self._frames()
        for name, fi in self.inputs.items():
            if fi.field.type in ("ref", "refs"):
                target = frames[fi.field.ref or ""]
                fi.set_options([(record_label(frames, fi.field.ref or "", r), r["id"])
                                for r in target.to_dict("records")])
        rows = self.rows()
        picked = self.records.value
        self.records.unobserve(self._on_pick, names="value")
        self.records.options = [(record_label(frames, self.kind.name, r), r["id"]) for r in rows]
        self.records.value = picked if picked in {r["id"] for r in rows} else None
        self.records.observe(self._on_pick, names="value")
        single = self.kind.name == "project"
        self.new_button.disabled = single and bool(rows)
        shown = pd.DataFrame(rows, columns=["id"] + self.kind.field_names) if rows else None
        if shown is None:
            self.table.value = f"<p><em>{html.escape(L.EDITOR['none'].format(kind=self.kind.label.lower()))}</em></p>"
        else:
            keep = [c for c in shown.columns if c == "id" or (not self.kind.field(c).system
                                                             and self.kind.field(c).type != "json")]
            self.table.value = readable_frame(shown[keep].drop(columns="id"), frames).to_html(index=False, escape=True)
        if single and rows and self.current is None:
            self.pick(rows[0]["id"])

    # --- editing ------------------------------------------------------------------

    def _on_pick(self, change: dict) -> None:
        if change["new"]:
            self.pick(change["new"])

    def pick(self, record_id: str) -> None:
        """Show a record in the form, to edit or delete it."""
        self.current = self.store.get(self.kind.name, record_id)
        for name, fi in self.inputs.items():
            fi.show(self.current.get(name))
        self.form_title.value = f"<h4>{html.escape(L.EDITOR['editing'].format(name=self.records.label or ''))}</h4>"
        self.delete_button.disabled = False
        self.confirm.value = False

    def start_new(self) -> None:
        """Empty the form for a new record."""
        self.current = None
        for fi in self.inputs.values():
            fi.clear()
        self.records.value = None
        self.form_title.value = f"<h4>{html.escape(L.EDITOR['adding'].format(kind=self.kind.label.lower()))}</h4>"
        self.delete_button.disabled = True

    def set(self, **values: Any) -> None:
        """Fill inputs by field name (what a consultant types or picks; used by tests)."""
        for name, value in values.items():
            self.inputs[name].widget.value = value


    def data(self) -> dict[str, Any]:
        """The form's values, as ``model.validate`` takes them (blank optional fields left out)."""
        out = {**self.fixed}
        for name, fi in self.inputs.items():
            value = fi.value()
            if value in ("", None) and self.current is None and not fi.field.required:
                continue
            out[name] = value
        return out

    def save(self) -> str | None:
        """Insert the new record or update the one shown; returns its id (None if refused)."""
        data = self.data()
        try:
            if self.current is None:
                record_id = self.guard.insert(self.kind.name, data)
            else:
                record_id = self.current["id"]
                self.guard.update(self.kind.name, record_id, data, expected_version=self.current["version"])
        except MaillageError as exc:  # one record in the form: no record number
            say(self.message, refusal(exc, single=True), error=True)
            return None
        self.records.value = None
        self.refresh()
        self.records.value = record_id
        say(self.message, L.EDITOR["saved"].format(kind=self.kind.label.lower()))
        if self.on_change:
            self.on_change()
        return record_id

    def delete(self) -> bool:
        """Delete the record shown (after the confirmation box is ticked)."""
        if self.current is None:
            return False
        if not self.confirm.value:
            say(self.message, L.EDITOR["confirm_first"], error=True)
            return False
        try:
            self.guard.delete(self.kind.name, self.current["id"])
        except MaillageError as exc:
            say(self.message, str(exc), error=True)
            return False
        self.start_new()
        self.refresh()
        say(self.message, L.EDITOR["deleted"])
        if self.on_change:
            self.on_change()
        return True


def starter_referential() -> list[dict[str, str]]:
    """The competences of the starter referential (name, family, description)."""
    return json.loads(REFERENTIAL.read_text(encoding="utf-8"))["competences"]


class ReferentialPicker:
    """Pick competences of the starter referential and add them to the workshop (one click)."""

    def __init__(self, store: Store, by: str = "consultant", on_change: Callable[[], None] | None = None) -> None:
        self.store, self.by, self.on_change = store, by, on_change
        self.items = starter_referential()
        self.choice = widgets.SelectMultiple(
            options=[(f"{c['family']} — {c['name']}", i) for i, c in enumerate(self.items)],
            rows=10, description=L.EDITOR["referential"], style={"description_width": "14em"},
            layout=widgets.Layout(width="95%"))
        self.add_button = widgets.Button(layout=widgets.Layout(width="auto"), description=L.EDITOR["referential_add"])
        self.add_button.on_click(lambda _b: self.add())
        self.message = look.html()
        self.widget = widgets.VBox([self.choice, self.add_button, self.message])

    def add(self) -> list[str]:
        """Insert the chosen competences not in the workshop yet (by folded name); their ids."""
        have = {model.fold(r["name"]) for r in self.store.all("competences")}
        chosen = [self.items[i] for i in self.choice.value if model.fold(self.items[i]["name"]) not in have]
        ids = self.store.insert_many("competences", chosen, by=self.by) if chosen else []
        self.message.value = html.escape(L.EDITOR["referential_added"].format(
            count=formats.count(len(ids), *L.COUNT_WORDS["competence_added"])))
        self.choice.value = ()
        if ids and self.on_change:
            self.on_change()
        return ids


# The kinds of step 1, in the order a consultant fills them in.
CADRAGE_KINDS = ("project", "axes", "actions", "tasks", "requirements", "persons", "competences",
                 "fundings", "bodies", "memberships")


class CadrageEditor:
    """Step 1 in tabs, one ``RecordEditor`` per kind; a change in one refreshes the others."""

    def __init__(self, store: Store, by: str = "consultant", kinds: tuple[str, ...] = CADRAGE_KINDS) -> None:
        self.editors = {k: RecordEditor(store, k, by=by, on_change=self.refresh) for k in kinds}
        pages = []
        for k, editor in self.editors.items():
            hint = look.html(f"<p>{html.escape(L.EDITOR_HINTS.get(k, ''))}</p>") if k in L.EDITOR_HINTS else None
            parts = [hint] if hint else []
            if k == "competences":
                self.referential = ReferentialPicker(store, by=by, on_change=self.refresh)
                parts.append(self.referential.widget)
            pages.append(widgets.VBox(parts + [editor.widget]))
        self.widget = widgets.Tab(children=pages)
        for i, k in enumerate(self.editors):
            self.widget.set_title(i, model.KINDS[k].label)

    def refresh(self) -> None:
        for editor in self.editors.values():
            editor.refresh()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)
