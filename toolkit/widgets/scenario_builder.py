"""The scenario builder of carnet 06: decide a variant by pointing and clicking.

The operation is chosen from a list (``scenarios.OPS``: a refused or obtained co-funding, a
recruitment, widening the table, a departure, a postponement, an assignment…); its inputs are
generated from the operation's parameters, and every record is picked **by name**. Each added
change shows its effect at once (the variant beside the reference, ``scenarios.compare``),
nothing is written until « Enregistrer le scénario »; stored scenarios are compared side by side.
"""
from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets
import pandas as pd

from ..core import labels as L
from .. import scenarios as sc
from ..display import readable_frame
from ..core.errors import MaillageError, ValidationError
from ..core.store import Store
from . import look
from .feedback import refusal, say
from .editor import UNSET, record_label


def _table_html(frame: pd.DataFrame, frames: dict[str, pd.DataFrame] | None = None) -> str:
    return readable_frame(frame, frames).to_html(index=False, escape=True)


class ScenarioBuilder:
    """Build, preview, save and compare scenarios of the workshop in ``store``.

    ``costs`` are the ``gaps.CostParams`` of the comparison (the carnet's inputs).
    """

    def __init__(self, store: Store, costs: Any = None, by: str = "consultant") -> None:
        self.store, self.costs, self.by = store, costs, by
        self.frames = store.frames()
        self.changes: list[dict[str, Any]] = []
        self.inputs: dict[str, widgets.Widget] = {}
        wide = {"style": {"description_width": "14em"}, "layout": widgets.Layout(width="95%")}
        self.name = widgets.Text(description=L.BUILDER["name"], **wide)
        self.operation = widgets.Dropdown(options=[(label, op) for op, label in L.SCENARIO_OPS.items()],
                                          description=L.BUILDER["operation"], **wide)
        self.params = widgets.VBox()
        self.add_button = widgets.Button(layout=widgets.Layout(width="auto"), description=L.BUILDER["add"])
        self.undo_button = widgets.Button(layout=widgets.Layout(width="auto"), description=L.BUILDER["remove_last"])
        self.save_button = widgets.Button(layout=widgets.Layout(width="auto"), description=L.BUILDER["save"], button_style="primary")
        self.message = look.html()
        self.pending = look.html()
        self.effect = look.html()
        self.stored = widgets.SelectMultiple(description=L.BUILDER["stored"], rows=6, **wide)
        self.compare_button = widgets.Button(layout=widgets.Layout(width="auto"), description=L.BUILDER["compare"])
        self.comparison = look.html()
        self.operation.observe(lambda _c: self._draw_params(), names="value")
        self.add_button.on_click(lambda _b: self.add())
        self.undo_button.on_click(lambda _b: self.remove_last())
        self.save_button.on_click(lambda _b: self.save())
        self.compare_button.on_click(lambda _b: self.compare())
        e = html.escape
        self.widget = widgets.VBox([
            look.html(f"<h4>{e(L.BUILDER['build_title'])}</h4>"),
            self.name, self.operation, self.params,
            widgets.HBox([self.add_button, self.undo_button]),
            self.message, self.pending, self.effect, widgets.HBox([self.save_button]),
            look.html(f"<h4>{e(L.BUILDER['compare_title'])}</h4>"),
            self.stored, self.compare_button, self.comparison,
        ])
        self.widget.add_class("maillage-scenario-builder")
        self.save_button.add_class("maillage-save")
        self.add_button.add_class("maillage-add")
        self._draw_params()
        self._draw_pending()
        self._refresh_stored()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    # --- the operation's inputs ------------------------------------------------------

    def _options(self, kind: str) -> list[tuple[str, str]]:
        frame = self.frames.get(kind)
        if frame is None:
            return []
        return [(record_label(self.frames, kind, r), r["id"]) for r in frame.to_dict("records")]

    def _input(self, p: sc.Param) -> widgets.Widget:
        label = L.SCENARIO_PARAMS.get(p.key, p.key).capitalize() + ("" if p.required else L.BUILDER["optional"])
        common = {"description": label, "style": {"description_width": "14em"}, "layout": widgets.Layout(width="95%")}
        unset = UNSET
        if p.type in ("actions", "tasks", "persons", "actors", "fundings"):
            return widgets.Dropdown(options=[unset] + self._options(p.type), **common)
        if p.type == "choice":
            return widgets.Dropdown(options=[unset] + [(c, c) for c in p.choices or ()], **common)
        if p.type == "competence_map":
            box = widgets.SelectMultiple(options=self._options("competences"), rows=6, **common)
            level = widgets.Dropdown(options=[(str(n), n) for n in range(1, 5)], value=3,
                                     description=L.BUILDER["level"], style={"description_width": "14em"})
            return widgets.VBox([box, level])
        return widgets.Text(**common)

    def _draw_params(self) -> None:
        params = sc.OPS[self.operation.value]
        self.inputs = {p.key: self._input(p) for p in params}
        self.params.children = list(self.inputs.values())

    def set(self, **values: Any) -> None:
        """Fill the current operation's inputs (``competences`` takes ``{id: level}``)."""
        for key, value in values.items():
            field = self.inputs[key]
            if isinstance(field, widgets.VBox):  # competences and their level
                field.children[0].value = tuple(value)
                field.children[1].value = next(iter(value.values()))
            else:
                field.value = value

    def change(self) -> dict[str, Any]:
        """The change the inputs describe (ids, as ``scenarios`` takes them)."""
        out: dict[str, Any] = {"op": self.operation.value}
        for key, field in self.inputs.items():
            if isinstance(field, widgets.VBox):
                chosen, level = field.children[0].value, field.children[1].value
                if chosen:
                    out[key] = {cid: level for cid in chosen}
            elif field.value not in (None, ""):
                out[key] = field.value
        return out

    # --- building --------------------------------------------------------------------


    def _named(self, change: dict[str, Any]) -> dict[str, Any]:
        """A change with names where it holds identifiers (for reading)."""
        out = {}
        kinds = {p.key: p.type for p in sc.OPS.get(change["op"], ())}
        for key, value in change.items():
            kind = kinds.get(key)
            if kind in ("actions", "tasks", "persons", "actors", "fundings"):
                value = {v: k for k, v in self._options(kind)}.get(value, value)
            elif kind == "competence_map":
                names = {v: k for k, v in self._options("competences")}
                value = {names.get(cid, cid): level for cid, level in value.items()}
            out[key] = value
        return out

    def _draw_pending(self) -> None:
        if not self.changes:
            self.pending.value = f"<p><em>{html.escape(L.BUILDER['no_change'])}</em></p>"
            self.effect.value = ""
            return
        self.pending.value = _table_html(sc.describe([self._named(c) for c in self.changes]))
        try:
            effect = sc.compare(self.frames, {self.name.value or L.BUILDER["unnamed"]: self.changes}, self.costs)
        except MaillageError as exc:
            self.effect.value = f"<p style='color:#a40000'>{html.escape(str(exc))}</p>"
            return
        self.effect.value = (f"<h4>{html.escape(L.BUILDER['effect'])}</h4>" + _table_html(effect))

    def add(self) -> bool:
        """Add the change described by the inputs (checked against the workshop first)."""
        change = self.change()
        try:
            sc.validate_changes(self.frames, self.changes + [change])
        except ValidationError as exc:
            say(self.message, refusal(exc), error=True)
            return False
        self.changes.append(change)
        say(self.message, L.BUILDER["added"])
        self._draw_pending()
        return True

    def remove_last(self) -> None:
        if self.changes:
            self.changes.pop()
        self._draw_pending()

    def save(self) -> str | None:
        """Store the scenario (the reference records are untouched); its id, or None if refused."""
        if not self.name.value.strip():
            say(self.message, L.BUILDER["name_needed"], error=True)
            return None
        if not self.changes:
            say(self.message, L.BUILDER["no_change"], error=True)
            return None
        try:
            sid = sc.save_scenario(self.store, self.name.value.strip(), self.changes, by=self.by)
        except MaillageError as exc:
            say(self.message, str(exc), error=True)
            return None
        say(self.message, L.BUILDER["saved"].format(name=self.name.value.strip()))
        self.changes = []
        self._draw_pending()
        self._refresh_stored()
        return sid

    # --- comparing -------------------------------------------------------------------

    def _refresh_stored(self) -> None:
        names = list(sc.stored_scenarios(self.store))
        self.stored.options = names
        self.stored.value = tuple(names)

    def compare(self) -> pd.DataFrame | None:
        """The chosen stored scenarios side by side with the reference."""
        stored = sc.stored_scenarios(self.store)
        chosen = {name: stored[name] for name in self.stored.value if name in stored}
        if not chosen:
            self.comparison.value = f"<p><em>{html.escape(L.BUILDER['none_stored'])}</em></p>"
            return None
        result = sc.compare(self.store.frames(), chosen, self.costs)
        self.comparison.value = _table_html(result)
        return result


class KeepAsScenario:
    """A button that stores ready-made changes as a scenario, on click only (e.g. a staffing)."""

    def __init__(self, store: Store, name: str, changes: list[dict[str, Any]], by: str = "consultant") -> None:
        self.store, self.name, self.changes, self.by = store, name, changes, by
        self.button = widgets.Button(layout=widgets.Layout(width="auto"), description=L.BUILDER["keep"].format(name=name))
        self.message = look.html()
        self.button.on_click(lambda _b: self.save())
        self.widget = widgets.VBox([self.button, self.message])

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    def save(self) -> str:
        sid = sc.save_scenario(self.store, self.name, self.changes, by=self.by)
        self.message.value = html.escape(L.BUILDER["saved"].format(name=self.name))
        return sid
