"""A form for some fields of one record kind (:class:`Form`), with its save button and
status line wired to :meth:`Session.save`."""
from __future__ import annotations

from typing import Any, Callable, Iterable

import ipywidgets as widgets

from ..core import labels as L
from ..core import model
from . import look
from .choice_search import searchable
from .fields import field_widget, fill_field
from .page_session import Session
from .status import RepeatedTap, StatusLine, saves


class Form(widgets.VBox):
    """A form for some fields of one record kind, with a save button and a status line.

    Parameters
    ----------
    session : the page's session (writes go through its access rules).
    kind_name : record kind, e.g. ``"actors"``.
    fields : the fields shown, in order.
    record_id : edit this record (prefilled from the store) instead of adding one.
    clear_on_save : empty the inputs after a successful add (to add another).
    on_saved : called with the record id after each successful save.
    scale_labels : field name → names of the points of its 0–4 scale.
    search : fields whose drop-down gets a search field when its list is long (:func:`searchable`).

    Example
    -------
    ``Form(session, "persons", ["function", "capacity_days"], record_id=session.person["id"])``
    """

    def __init__(self, session: Session | None, kind_name: str, fields: list[str], record_id: str | None = None,
                 clear_on_save: bool = False, on_saved: Callable[[str], Any] | None = None,
                 scale_labels: dict[str, Iterable[str]] | None = None, button: str | None = None,
                 search: Iterable[str] = ()) -> None:
        self.session, self.kind_name, self.record_id = session, kind_name, record_id
        self.clear_on_save, self.on_saved = clear_on_save, on_saved
        self._kind, self._labels = model.kind(kind_name), scale_labels or {}
        current = session.get(kind_name, record_id) if session and record_id else {}
        self.inputs = {name: field_widget(session, self._kind.field(name), current.get(name), self._labels.get(name))
                       for name in fields}
        self._initial = {name: w.value for name, w in self.inputs.items()}
        self.button = widgets.Button(description=button or L.SAVE["button"], button_style="primary",
                                     **look.full_width(widgets.Button))
        self.button.add_class("maillage-save")
        self.status = StatusLine()
        self.taps = RepeatedTap()
        self.button.on_click(lambda _b: self.submit())
        shown = [searchable(w) if name in set(search) else w for name, w in self.inputs.items()]
        super().__init__(shown + [self.button, self.status], layout=look.layout())
        self.add_class("maillage-form")
        saves(self, False, self.button)

    def bind(self, session: Session, record_id: str | None = None) -> "Form":
        """Give a form built ahead of its visitor (``session=None``) to them: their record's
        values, their lists, their rights. Only what differs is sent to the browser."""
        self.session, self.record_id = session, record_id
        current = session.get(self.kind_name, record_id) if record_id else {}
        for name, w in self.inputs.items():
            fill_field(session, self._kind.field(name), w, current.get(name), self._labels.get(name))
        self._initial = {name: w.value for name, w in self.inputs.items()}
        return self

    def values(self) -> dict[str, Any]:
        """What is typed now, as sent to the store (empty texts as None)."""
        out = {}
        for name, w in self.inputs.items():
            value = w.value
            if isinstance(value, tuple):
                value = list(value)
            if isinstance(value, str) and not value.strip():
                value = None
            out[name] = value
        return out

    def submit(self) -> str | None:
        """Save what is typed; returns the record id, or None (the status says why)."""
        if self.session is None:  # built ahead and never given to a visitor
            return None
        data = self.values()
        if self.taps.is_repeat(data):  # the same tap twice: saved once, said once more
            self.status.ok(self.taps.message)
            return self.taps.result
        self.button.disabled = True  # one click, one write
        try:
            if self.record_id:
                rid = self.session.save(lambda: self.session.update(self.kind_name, self.record_id, data)["id"],
                                        self.status)
            else:
                rid = self.session.save(lambda: self.session.insert(self.kind_name, data), self.status)
        finally:
            self.button.disabled = False
        if rid is not None:
            if self.clear_on_save and not self.record_id:
                for name, w in self.inputs.items():
                    w.value = self._initial[name]
            self.taps.saved(self.values(), self.status.text, rid)
            if self.on_saved:
                self.on_saved(rid)
        return rid
