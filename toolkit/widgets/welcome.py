"""The welcome page: who you are, the steps open now (live), your profile.

The steps open inside this page (:class:`StepMenu`), in the participant's one kernel.
The menu is given the steps' views by the step registry (``toolkit.method``) as loaders:
a step's module (and pandas, networkx… with it) is imported when the step is first
opened, not with this page: a kernel waiting for its visitor stays light (issue 17).

Example (the whole of ``ateliers/accueil.ipynb``)::

    from toolkit.method import step_page

    session = step_page("accueil")
"""
from __future__ import annotations

import html
import logging
from typing import Any, Callable, Mapping

import ipywidgets as widgets

from ..core import labels as L
from .. import steps as steps_mod
from ..core.errors import AccessDenied
from . import look
from .session import Form, PageFrame, Session, admit, close_all, refusal

log = logging.getLogger("maillage.pages")

#: Step key -> what loads its view (``toolkit.method.views()``): called when the step opens.
Views = Mapping[str, Callable[[], Callable[..., Any]]]


class StepMenu(widgets.VBox):
    """The steps open now that have a view in ``views``, one button each. A click draws the
    step inside this page, in the same kernel: the room does not need a second kernel per
    person, and a step opens at once instead of loading a new page. « Retour à l'accueil »
    comes back."""

    def __init__(self, session: Session | None, home: widgets.Box, views: Views) -> None:
        super().__init__(layout=look.layout())
        self.session, self.home, self.views = session, home, views
        self.stage = widgets.VBox(layout=widgets.Layout(display="none"))
        self.stage.add_class("maillage-step-stage")
        self.back = widgets.Button(description=L.WELCOME["back"], **look.full_width(widgets.Button))
        self.back.add_class("maillage-back")
        self.back.on_click(lambda _b: self.close_step())
        self.current: Session | None = None
        self._keys: tuple[str, ...] | None = None
        self.add_class("maillage-steps")
        self.refresh()

    def bind(self, session: Session) -> None:
        """Give a menu built ahead of its visitor to them (and show the steps open now)."""
        self.session = session
        self.refresh()

    def available(self) -> list[steps_mod.Step]:
        if self.session is None:  # built ahead: nobody to open a step for yet
            return []
        return [s for s in steps_mod.open_steps(self.session.store) if s.key in self.views]

    def refresh(self) -> None:
        """Redraw the buttons when the open steps changed (called every few seconds)."""
        steps = self.available()
        keys = tuple(s.key for s in steps)
        if keys == self._keys:
            return
        self._keys = keys
        if not steps:
            empty = look.html(f"<p class='maillage-no-step'>{html.escape(L.WELCOME['no_open_step'])}</p>")
            self.children = (empty,)
            return
        buttons = []
        for step in steps:
            b = widgets.Button(description=f"{step.number}. {step.title}", button_style="info",
                               **look.full_width(widgets.Button))
            b.add_class("maillage-step-button")
            b.add_class(f"maillage-step-{step.key}")
            b.on_click(lambda _b, key=step.key: self.open_step(key))
            buttons.append(b)
        self.children = tuple(buttons)

    def open_step(self, key: str) -> Session | None:
        """Draw step ``key`` in place of the welcome content; None when it is closed."""
        step = steps_mod.get(key)
        assert self.session is not None, "menu not given to a visitor (bind)"
        host = look.box()
        self.stage.children = (self.back, host)
        self.home.layout.display = "none"
        self.stage.layout.display = None
        try:
            admit(self.session.store, self.session.access, key)
        except AccessDenied:
            host.children = (look.html(refusal(L.WELCOME["step_closed"].format(title=step.title)).data),)
            return None
        self.current = self.session.for_step(key, host)
        try:
            self.views[key]()(self.current)
        except Exception:
            log.exception(L.LOGS["step_not_shown"], key, self.session.by)
            host.children = (look.html(refusal(L.WELCOME["step_failed"]).data),)
        return self.current

    def close_step(self) -> None:
        """Back to the welcome content; the step's live refreshes stop."""
        if self.current is not None:
            self.current.close()
            self.current = None
        self.stage.children = ()
        self.stage.layout.display = "none"
        self.home.layout.display = None
        self.refresh()


def facilitator_links_html(session: Session) -> str:
    """Links to the facilitator pages and every step with a page."""
    pages = [steps_mod.get("animateur"), steps_mod.get("gestion")] + [
        s for s in steps_mod.participant_steps() if s.page_exists()]
    items = "".join(f'<li><a href="{html.escape(session.link(s.key))}" target="_self">{html.escape(s.title)}</a></li>'
                    for s in pages)
    return f"<ul>{items}</ul>"


class WelcomeAhead:
    """The widgets of a participant's welcome page, built before anyone comes (a preheated
    kernel builds them while it waits): when the room arrives at once, each kernel only
    fills in its visitor's name, steps and profile, instead of creating the page's models
    in front of everybody. ``welcome_page`` fills them in. ``views``: see :class:`StepMenu`."""

    def __init__(self, views: Views) -> None:
        self.frame = PageFrame()
        self.who = look.html()
        self.home = widgets.VBox()  # a layout of its own: hidden while a step is open
        self.menu = StepMenu(None, self.home, views)
        self.profile = Form(None, "persons", ["function", "capacity_days"])
        self.home.children = (
            self.who, self.menu,
            look.html(f"<h3>{html.escape(L.WELCOME['profile_title'])}</h3>"
                      f"<p>{html.escape(L.WELCOME['profile_help'])}</p>"), self.profile,
        )

    def close(self) -> None:
        """Not used (a refused visitor, the facilitator): nothing of it stays readable."""
        close_all(self.frame, self.home, self.menu.stage, self.menu.back)


def welcome_page(session: Session, views: Views, refresh_seconds: float = 5,
                 ahead: WelcomeAhead | None = None) -> widgets.VBox:
    """Display the welcome page for this session; returns the page widget.

    ``views``: the steps that open inside the page (``toolkit.method.views()``).
    ``ahead``: the page's widgets built before the visitor came (:class:`WelcomeAhead`).
    """
    if session.is_facilitator:
        if ahead is not None:
            ahead.close()
        return session.show(look.html(f"<h3>{html.escape(L.WELCOME['facilitator_pages'])}</h3>"
                                      + facilitator_links_html(session)),
                            title=L.WELCOME["facilitator_hello"])
    parts = ahead or WelcomeAhead(views)
    person = session.person or {}
    project = session.store.project() or {}
    parts.who.value = "<p class='maillage-who'>" + html.escape(L.WELCOME["you_are"].format(
        project=project.get("name", ""), territory=project.get("territory", ""),
        role=person.get("role", ""), organisation=person.get("organisation", ""))) + "</p>" + (
        f"<h3>{html.escape(L.WELCOME['open_steps'])}</h3>")
    parts.menu.bind(session)
    session.every(refresh_seconds, parts.menu.refresh)
    parts.profile.bind(session, person["id"])
    page = session.show(parts.home, parts.menu.stage, title=L.WELCOME["hello"].format(name=person.get("name", "")),
                        frame=parts.frame)
    page.menu = parts.menu  # type: ignore[attr-defined]  # tests and callers reach the steps from the page
    return page
