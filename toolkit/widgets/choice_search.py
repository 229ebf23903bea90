"""A search field over a long drop-down: on a phone, a list of 30 actors, persons or tasks
is scrolled through in the phone's own picker, where a few letters typed find the one.

:func:`searchable` puts a text field under a drop-down (its label first: what is chosen). What is typed lists the matching
choices (case and accents ignored) as buttons, whole and wrapped, 44 px high; a tap on
one chooses it in the drop-down and clears the search. The drop-down stays the page's
widget, untouched until a choice is tapped: its ``value``, ``options`` and observers are
the page's own, and it still offers the whole list. A list short enough to read at a
glance (``SEARCH_FROM`` choices or fewer) gets no field.

The buttons are made at the first search (``SHOWN`` of them) and relabelled as it changes:
a page opens with two models more per long list (the field and its note), and a keystroke
sends a few labels to the browser, not new widgets. Shown and hidden by a class, they
share one layout and one style.

Example
-------
>>> import ipywidgets as widgets
>>> d = widgets.Dropdown(options=[("— à choisir —", None)] + [(f"Acteur {i}", i) for i in range(9)]
...                      + [("Élus du conseil", "E")])
>>> box = searchable(d)
>>> box.search.value = "elu"
>>> box.found
[('Élus du conseil', 'E')]
>>> box.pick(0); d.value, box.search.value
('E', '')
"""
from __future__ import annotations

import html
from typing import Any

import ipywidgets as widgets

from ..core import labels as L
from ..core.model import fold
from . import look

#: Lists longer than this get a search field.
SEARCH_FROM = 8
#: Matching choices shown at most (the others: « précisez la recherche »).
SHOWN = 6
S = L.CHOICE_SEARCH
#: The class that hides a part of the page (the page's styles).
HIDDEN = "maillage-hidden"


class ChoiceSearch(widgets.VBox):
    """A search field, the matching choices as buttons, and the drop-down (see the module)."""

    def __init__(self, dropdown: widgets.Dropdown, search_from: int = SEARCH_FROM) -> None:
        self.dropdown, self.search_from = dropdown, search_from
        self.found: list[tuple[str, Any]] = []
        self.search = widgets.Text(placeholder=S["placeholder"], description=S["label"], continuous_update=True,
                                   **look.full_width(widgets.Text))
        self.search.add_class("maillage-field")
        self.search.add_class("maillage-choice-search-field")
        self.buttons: list[widgets.Button] = []  # made at the first search
        self.note = look.html()
        self.note.add_class("maillage-choice-search-note")
        self.note.add_class(HIDDEN)
        self.search.observe(lambda _c: self.narrow(), names="value")
        dropdown.observe(lambda _c: self._show_field(), names="options")
        super().__init__([dropdown, self.search, self.note], layout=look.layout())
        self.add_class("maillage-choice-search")
        self._show_field()

    def _make_buttons(self) -> None:
        for i in range(SHOWN):
            button = widgets.Button(**look.full_width(widgets.Button))
            button.add_class("maillage-choice-search-result")
            button.add_class(HIDDEN)
            button.on_click(lambda _b, i=i: self.pick(i))
            self.buttons.append(button)
        self.children = (self.dropdown, self.search, *self.buttons, self.note)

    def choices(self) -> list[tuple[str, Any]]:
        """The drop-down's real choices (not its empty first one)."""
        return [(str(label), value) for label, value in self.dropdown.options if value is not None]

    def _show_field(self) -> None:
        long = len(self.choices()) > self.search_from
        (self.search.remove_class if long else self.search.add_class)(HIDDEN)
        if not long and self.search.value:
            self.search.value = ""
        elif self.search.value:  # the page refreshed its list: search the new one
            self.narrow()

    def narrow(self) -> list[tuple[str, Any]]:
        """List the choices whose label holds what is typed (the first ``SHOWN``)."""
        query = fold(self.search.value)
        self.found = [c for c in self.choices() if query in fold(c[0])] if query else []
        if self.found and not self.buttons:
            self._make_buttons()
        for i, button in enumerate(self.buttons):
            with button.hold_sync():
                if i < len(self.found):
                    button.description = self.found[i][0]
                    button.button_style = "info" if self.found[i][1] == self.dropdown.value else ""
                    button.remove_class(HIDDEN)
                else:
                    button.add_class(HIDDEN)
        if query and not self.found:
            self._say(S["none"].format(query=self.search.value))
        elif len(self.found) > SHOWN:
            self._say(S["more"].format(shown=SHOWN, found=len(self.found)))
        else:
            self._say("")
        return self.found

    def _say(self, text: str) -> None:
        """The note under the matches; an empty one takes no room on the page."""
        with self.note.hold_sync():
            self.note.value = f"<p>{html.escape(text)}</p>" if text else ""
            (self.note.remove_class if text else self.note.add_class)(HIDDEN)

    def pick(self, i: int) -> None:
        """Choose the ``i``-th choice found in the drop-down, and clear the search."""
        if i < len(self.found):
            self.dropdown.value = self.found[i][1]
            self.search.value = ""


def searchable(dropdown: widgets.Dropdown, search_from: int = SEARCH_FROM) -> ChoiceSearch:
    """``dropdown`` with a search field under it when it holds more than ``search_from``
    choices (shown or hidden as the list changes). Put the returned box on the page in
    place of the drop-down."""
    return ChoiceSearch(dropdown, search_from)
