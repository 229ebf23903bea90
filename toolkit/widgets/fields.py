"""Inputs built from the model's fields: :func:`field_widget` (labelled in French, full
width), :func:`fill_field` (a value and fresh lists), one-tap scales (:func:`scale_buttons`),
drop-downs that start empty (:func:`choose`) and dates as pages write them
(:func:`french_date`)."""
from __future__ import annotations

from typing import Any, Iterable

import ipywidgets as widgets

from ..core import formats as F
from ..core import labels as L
from ..core import model
from . import look
from .page_session import Session

_EMPTY = ("—", None)


def _options_for_ref(session: Session, target: str) -> list[tuple[str, Any]]:
    rows = session.records(target)
    return [(str(r.get("name") or r["id"]), r["id"]) for r in sorted(rows, key=lambda r: str(r.get("name") or r["id"]))]


def field_widget(session: Session | None, f: model.Field, value: Any = None,
                 labels: Iterable[str] | None = None) -> widgets.Widget:
    """An input for one model field, labelled in French, full width, initial ``value``.

    ``labels`` names the points of a small integer scale (e.g. ``labels.SCALES["savoir"]``).
    Without a session (an input built before its visitor came), lists of records stay empty
    until :func:`fill_field` is called with one.
    """
    common = dict(description=f.label)
    if _is_scale(f):
        w = scale_buttons(f.label, [])
    elif f.type in ("choice", "ref"):
        w = widgets.Dropdown(**common, **look.full_width(widgets.Dropdown))
    elif f.type == "refs":
        w = widgets.SelectMultiple(**common, **look.full_width(widgets.SelectMultiple))
    elif f.type == "bool":
        w = widgets.Checkbox(indent=False, **common, **look.full_width(widgets.Checkbox))
    elif f.type == "text" and f.max_length > 300:
        w = widgets.Textarea(**common, **look.full_width(widgets.Textarea))
    else:  # numbers, text, date, month: typed as text, checked by the model
        w = widgets.Text(**common, **look.full_width(widgets.Text))
        if f.type in ("int", "float") and f.min is not None and f.max is not None:
            w.placeholder = L.EXPECT[f"{f.type}_range"].format(min=f"{f.min:g}", max=f"{f.max:g}")
        elif f.type == "date":
            w.placeholder = L.SAVE["date_placeholder"]
        elif f.type == "month":
            w.placeholder = L.EXPECT[f.type]
    w.add_class("maillage-field")
    w.add_class(f"maillage-field-{f.name}")
    fill_field(session, f, w, value, labels)
    return w


def _is_scale(f: model.Field) -> bool:
    return f.type == "int" and f.min is not None and f.max is not None and f.max - f.min <= 10


def scale_legend(words: Iterable[str], start: int = 0) -> str:
    """« 0 aucune notion · 1 notions · … »: what the points of a scale mean.

    >>> scale_legend(["nul", "faible", "fort"], start=1)
    '1 nul · 2 faible · 3 fort'
    """
    return " · ".join(f"{i} {w}" for i, w in enumerate(words, start))


def scale_buttons(description: str, points: list[tuple[str, Any]], value: Any = None,
                  words: Iterable[str] | None = None) -> widgets.ToggleButtons:
    """A small scale as one button per point, in one row: one tap per answer (a drop-down
    takes two, three on some phones). Nothing is chosen while ``value`` is None; ``words``
    (what each point means) are written after the description and as the buttons' tips.

    >>> w = scale_buttons("Pouvoir", [("0", 0), ("1", 1)], words=["nul", "fort"])
    >>> w.value is None, w.description, w.tooltips
    (True, 'Pouvoir — 0 nul · 1 fort', ('nul', 'fort'))
    """
    names = list(words or [])
    w = widgets.ToggleButtons(options=points, value=value,
                              description=f"{description} — {scale_legend(names, int(points[0][1]))}"
                              if names and points else description,
                              tooltips=names if len(names) == len(points) else [],
                              **look.full_width(widgets.ToggleButtons))
    w.add_class("maillage-field")
    w.add_class("maillage-scale")
    return w


def fill_field(session: Session | None, f: model.Field, w: widgets.Widget, value: Any = None,
               labels: Iterable[str] | None = None) -> None:
    """Show ``value`` in the input ``w`` made by :func:`field_widget` (lists refreshed)."""
    if f.type == "choice":
        _fill_dropdown(f, w, [(c, c) for c in f.choices or ()], value if value in (f.choices or ()) else None)
    elif _is_scale(f):
        names = list(labels or [])
        points = [(str(i), i) for i in range(int(f.min), int(f.max) + 1)]
        with w.hold_sync():
            if list(w.options) != points:
                w.options = points
            if names and len(names) == len(points):
                w.description, w.tooltips = f"{f.label} — {scale_legend(names, int(f.min))}", names
            w.value = value if value in {p[1] for p in points} else None
    elif f.type == "ref":
        options = [_EMPTY] + (_options_for_ref(session, f.ref or "") if session else [])
        with w.hold_sync():
            w.options = options
            choose(w, value if value in [o[1] for o in options] else None)
    elif f.type == "refs":
        options = _options_for_ref(session, f.ref or "") if session else []
        ids = {o[1] for o in options}
        with w.hold_sync():
            w.options, w.value = options, tuple(v for v in (value or []) if v in ids)
    elif f.type == "bool":
        w.value = bool(value)
    elif f.type in ("int", "float"):
        w.value = "" if value is None else f"{value:g}"
    elif f.type == "date":
        w.value = french_date(value)
    else:
        w.value = "" if value is None else str(value)


def french_date(value: Any) -> str:
    """A date as the pages write it, JJ/MM/AAAA (what cannot be read as a date is kept).

    >>> french_date("2026-06-01"), french_date(None), french_date("bientôt")
    ('01/06/2026', '', 'bientôt')
    """
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return ""
    try:
        return F.date_short(model.parse_date(value))
    except (ValueError, TypeError):
        return str(value)


def _fill_dropdown(f: model.Field, w: widgets.Dropdown, options: list[tuple[str, Any]], value: Any) -> None:
    """A closed list that starts empty unless a value is set: a required rating nobody chose
    must be refused by the model (« obligatoire »), never saved as its first point."""
    if not f.required:
        options = [_EMPTY] + options
    elif value is None:
        options = [(L.SAVE["unset"], None)] + options
    with w.hold_sync():
        if list(w.options) != options:  # an unchanged list is not sent again
            w.options = options
        choose(w, value)


def choose(w: widgets.Dropdown, value: Any) -> None:
    """Select ``value`` in a drop-down; None selects its empty first choice (« — à choisir — »)
    where there is one, so that the list shows it rather than a blank box.

    >>> d = widgets.Dropdown(options=[("— à choisir —", None), ("A", 1)])
    >>> choose(d, None); d.index, d.label
    (0, '— à choisir —')
    """
    if value is None and w.options and w.options[0][1] is None:
        w.index = 0
    else:
        w.value = value
