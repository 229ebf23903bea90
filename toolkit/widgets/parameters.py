"""Thresholds and parameters of a carnet as inputs, their defaults shown beside them.

A carnet declares its parameters once (``Setting``: name, default, bounds, shown in % or
not); the consultant changes a value, then runs the cells below again (the analyses read
``values``). Nothing is written unless « Garder pour cet atelier » is clicked: the values are
then kept in the workshop (its ``meta`` table) and become that workshop's starting values.
"""
from __future__ import annotations

import html
import json
from dataclasses import dataclass, fields
from typing import Any

import ipywidgets as widgets

from ..core import formats
from ..core import labels as L
from ..core.store import Store
from . import look


@dataclass(frozen=True)
class Setting:
    """One parameter: its name in the analysis, its default, its bounds; ``percent`` shows a
    fraction (0.10) as a percentage (10)."""

    name: str
    default: float
    min: float = 0
    max: float = 100000
    percent: bool = False


def settings_of(dataclass_obj: Any, **bounds: tuple[float, float]) -> list[Setting]:
    """The settings of a parameters dataclass (e.g. ``gaps.CostParams()``), defaults from it."""
    out = []
    for f in fields(dataclass_obj):
        low, high = bounds.get(f.name, (0, 100000))
        out.append(Setting(f.name, getattr(dataclass_obj, f.name), low, high))
    return out


class Parameters:
    """The inputs of ``settings``; ``values`` gives them back as the analyses take them."""

    def __init__(self, settings: list[Setting], store: Store | None = None, key: str = "", by: str = "consultant") -> None:
        self.settings = {s.name: s for s in settings}
        self.store, self.key, self.by = store, f"carnet_params:{key}" if key else "", by
        kept = json.loads(store.get_meta(self.key) or "{}") if store is not None and self.key else {}
        self.inputs: dict[str, widgets.BoundedFloatText] = {}
        rows = []
        for s in settings:
            scale = 100 if s.percent else 1
            value = kept.get(s.name, s.default)
            default = formats.percent(s.default, 0) if s.percent else formats.number(s.default, 2)
            label = L.PARAMETER_LABELS.get(s.name, s.name)
            box = widgets.BoundedFloatText(value=value * scale, min=s.min * scale, max=s.max * scale,
                                           description=label, style={"description_width": "28em"},
                                           layout=widgets.Layout(width="40em"))
            self.inputs[s.name] = box
            rows.append(widgets.HBox([box, look.html(
                f"<span style='color:#555'>{html.escape(L.PARAMETERS['default'].format(value=default))}</span>")]))
        self.reset_button = widgets.Button(layout=widgets.Layout(width="auto"), description=L.PARAMETERS["reset"])
        self.keep_button = widgets.Button(layout=widgets.Layout(width="auto"), description=L.PARAMETERS["keep"],
                                          disabled=store is None or not self.key)
        self.message = look.html(f"<p>{html.escape(L.PARAMETERS['help'])}</p>")
        self.reset_button.on_click(lambda _b: self.reset())
        self.keep_button.on_click(lambda _b: self.keep())
        self.widget = widgets.VBox(rows + [widgets.HBox([self.reset_button, self.keep_button]), self.message])

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)

    @property
    def values(self) -> dict[str, float]:
        """Name → value, fractions back from percentages, whole numbers as ``int``."""
        out = {}
        for name, box in self.inputs.items():
            s = self.settings[name]
            value = box.value / 100 if s.percent else box.value
            if isinstance(s.default, bool):  # a yes/no setting, entered as 1 or 0
                out[name] = bool(value)
            else:
                out[name] = int(value) if isinstance(s.default, int) and float(value).is_integer() else value
        return out

    def reset(self) -> None:
        for name, box in self.inputs.items():
            s = self.settings[name]
            box.value = s.default * (100 if s.percent else 1)

    def keep(self) -> None:
        """Keep the values as this workshop's starting values (one write, on click)."""
        if self.store is None or not self.key:
            return
        self.store.set_meta(self.key, json.dumps(self.values))
        self.message.value = f"<p style='color:#1b5e20'>{html.escape(L.PARAMETERS['kept'])}</p>"
