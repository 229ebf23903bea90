"""What a page says about its saves: the status line under a form (:class:`StatusLine`),
the marks the page's template reads when the connection is down (:func:`saves`), and the
double tap told from a new one (:class:`RepeatedTap`)."""
from __future__ import annotations

import html
import re
import time
from typing import Any

import ipywidgets as widgets

from ..core import labels as L
from . import look


class StatusLine(widgets.HTML):
    """A one-line status under a form: busy, saved (green) or failed (red), announced to
    screen readers (``role=status``)."""

    def __init__(self, **kw: Any) -> None:
        super().__init__(**{**look.plain(widgets.HTML), **kw})
        self.add_class("maillage-status")
        self.state = ""
        self._writes = 0

    def _set(self, state: str, text: str) -> None:
        # Numbered: the same text written again still reaches the browser, where it replaces
        # « En attente de connexion… » (the page's template marks a change made offline so).
        self._writes += 1
        with self.hold_sync():  # text and class reach the browser in one message
            self.value = (f'<div role="status" data-n="{self._writes}">'
                          f'{html.escape(text).replace(chr(10), "<br>")}</div>' if text else "")
            for cls in ("maillage-ok", "maillage-error", "maillage-busy"):
                self.remove_class(cls)
            if state:
                self.add_class(f"maillage-{state}")
        self.state = state

    def busy(self, text: str = L.SAVE["saving"]) -> None:
        self._set("busy", text)

    def ok(self, text: str) -> None:
        self._set("ok", text)

    def error(self, text: str) -> None:
        self._set("error", text)

    def clear(self) -> None:
        self._set("", "")

    @property
    def text(self) -> str:
        """What the line says now (plain text)."""
        return html.unescape(re.sub(r"<[^>]+>", "", self.value.replace("<br>", "\n")))


def saves(box: widgets.Widget, autosave: bool = False, *commit: widgets.Button) -> widgets.Widget:
    """Mark ``box`` as a part of the page that saves, for the page's template: its status
    line (the ``StatusLine`` after the tap) says « En attente de connexion… » when a change
    is made while the connection is down. ``commit``: the buttons whose tap saves;
    ``autosave``: every change in ``box`` saves. Returns ``box``."""
    box.add_class("maillage-saves")
    if autosave:
        box.add_class("maillage-autosave")
    for button in commit:
        button.add_class("maillage-commit")
    return box


class RepeatedTap:
    """Tells a repeated tap on a save button from a new one.

    A double tap (or two taps queued while the connection was down) reaches the kernel as
    two clicks in a row: the second would save again, or fail on a form already cleared
    (« obligatoire », in red, after a success). A tap that comes within ``window`` seconds
    of a successful save, with the form as that save left it, is the same tap: its success
    is shown again and nothing is written.

    >>> taps = RepeatedTap()
    >>> taps.is_repeat(("", None))
    False
    >>> taps.saved(("", None), "Enregistré à 10:00:00.", "REC-1")
    >>> taps.is_repeat(("", None)), taps.result, taps.message
    (True, 'REC-1', 'Enregistré à 10:00:00.')
    >>> taps.is_repeat(("Autre", None))
    False
    """

    def __init__(self, window: float = 3.0) -> None:
        self.window = window
        self._state: Any = None
        self._at = -1e9
        self.message = ""
        self.result: Any = None

    def is_repeat(self, state: Any) -> bool:
        return time.monotonic() - self._at < self.window and state == self._state

    def saved(self, state: Any, message: str, result: Any = None) -> None:
        """Note a successful save: ``state`` is the form as the save left it."""
        self._state, self._at, self.message, self.result = state, time.monotonic(), message, result
