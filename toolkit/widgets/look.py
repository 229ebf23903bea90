"""Layouts and styles shared by the widgets of a page: one model per look, not one per widget.

Every ipywidget comes with a ``Layout`` and often a ``Style`` of its own: two more models
created in the kernel, sent through the server and read by the browser when the page
opens. On the welcome page that was 27 of its 43 models, while 30 people open it at the
same moment. Widgets built here share them instead.

A shared layout or style must never be changed through one widget (it would change them
all): a widget that is shown and hidden (``layout.display``) keeps a layout of its own.

Example
-------
>>> import ipywidgets as widgets
>>> a = widgets.Text(description="Nom", **full_width(widgets.Text))
>>> b = widgets.Text(description="Fonction", **full_width(widgets.Text))
>>> a.layout is b.layout and a.style is b.style
True
>>> html("<p>Bonjour</p>").style is html("<p>Au revoir</p>").style
True
>>> a.layout.close(); widgets.Text(**full_width(widgets.Text)).layout is a.layout  # never a closed one
False
"""
from __future__ import annotations

from typing import Any

import ipywidgets as widgets

_LOOKS: dict[tuple[type, tuple[tuple[str, Any], ...]], widgets.Widget] = {}


def _shared(cls: type, items: tuple[tuple[str, Any], ...]) -> Any:
    made = _LOOKS.get((cls, items))
    if made is None or made.comm is None:  # closed (e.g. ``Widget.close_all()``): a new one
        made = _LOOKS[cls, items] = cls(**dict(items))
    return made


def is_shared(widget: widgets.Widget) -> bool:
    """True for a layout or style made here (never closed with one of its widgets)."""
    return any(widget is look for look in _LOOKS.values())


def layout(**css: Any) -> widgets.Layout:
    """The shared layout with these CSS properties (never change it afterwards)."""
    return _shared(widgets.Layout, tuple(sorted(css.items())))


def style(widget_cls: type, **attributes: Any) -> widgets.Widget:
    """The shared style of ``widget_cls`` (e.g. ``TextStyle`` for ``Text``) with these attributes."""
    style_cls = widget_cls.class_traits()["style"].klass
    return _shared(style_cls, tuple(sorted(attributes.items())))


def full_width(widget_cls: type) -> dict[str, Any]:
    """``layout`` and ``style`` arguments of a full-width input labelled above or beside it."""
    looks: dict[str, Any] = {"layout": layout(width="100%")}
    if "style" in widget_cls.class_traits():
        attributes = {"description_width": "initial"} if "description_width" in widget_cls.class_traits()[
            "style"].klass.class_traits() else {}
        looks["style"] = style(widget_cls, **attributes)
    return looks


def plain(widget_cls: type) -> dict[str, Any]:
    """``layout`` and ``style`` arguments for the default look, shared."""
    looks: dict[str, Any] = {"layout": layout()}
    if "style" in widget_cls.class_traits():
        looks["style"] = style(widget_cls)
    return looks


def html(value: str = "") -> widgets.HTML:
    """A block of (already escaped) HTML with the shared default look."""
    return widgets.HTML(value, **plain(widgets.HTML))


def box(children: Any = (), **kw: Any) -> widgets.VBox:
    """A vertical box with the shared default layout (never shown and hidden)."""
    return widgets.VBox(children, layout=layout(), **kw)


def preload() -> None:
    """Create the shared looks now (a preheated kernel does it before its visitor comes)."""
    for cls in (widgets.HTML, widgets.Text, widgets.Textarea, widgets.Dropdown, widgets.Button,
                widgets.Checkbox, widgets.SelectMultiple, widgets.ToggleButtons):
        plain(cls)
        full_width(cls)
