"""The welcome page: who you are, the steps open now (live), your profile.

Example (the whole of ``ateliers/accueil.ipynb``)::

    from toolkit.widgets.session import open_page
    from toolkit.widgets.welcome import welcome_page

    session = open_page("accueil")
    if session:
        welcome_page(session)
"""
from __future__ import annotations

import html

import ipywidgets as widgets

from .. import labels as L
from .. import steps as steps_mod
from .session import Form, Session


def steps_links_html(session: Session) -> str:
    """The open steps as links carrying the session's token (escaped HTML)."""
    available = [s for s in steps_mod.open_steps(session.store) if s.page_exists()]
    if not available:
        return f"<p class='maillage-no-step'>{html.escape(L.WELCOME['no_open_step'])}</p>"
    items = "".join(
        f'<li><a class="maillage-step-link" href="{html.escape(session.link(s.key))}" target="_self">'
        f"{s.number}. {html.escape(s.title)}</a></li>" for s in available)
    return f"<ul class='maillage-steps'>{items}</ul>"


def facilitator_links_html(session: Session) -> str:
    """Links to the facilitator pages and every step with a page."""
    pages = [steps_mod.get("animateur"), steps_mod.get("gestion")] + [
        s for s in steps_mod.participant_steps() if s.page_exists()]
    items = "".join(f'<li><a href="{html.escape(session.link(s.key))}" target="_self">{html.escape(s.title)}</a></li>'
                    for s in pages)
    return f"<ul>{items}</ul>"


def welcome_page(session: Session, refresh_seconds: float = 5) -> widgets.VBox:
    """Display the welcome page for this session; returns the page widget."""
    if session.is_facilitator:
        return session.show(widgets.HTML(f"<h3>{html.escape(L.WELCOME['facilitator_pages'])}</h3>"
                                         + facilitator_links_html(session)),
                            title=L.WELCOME["facilitator_hello"])
    person = session.person or {}
    project = session.store.project() or {}
    who = widgets.HTML("<p class='maillage-who'>" + html.escape(L.WELCOME["you_are"].format(
        project=project.get("name", ""), territory=project.get("territory", ""),
        role=person.get("role", ""), organisation=person.get("organisation", ""))) + "</p>")
    links = widgets.HTML(steps_links_html(session))

    def refresh() -> None:
        value = steps_links_html(session)
        if links.value != value:
            links.value = value

    session.every(refresh_seconds, refresh)
    profile = Form(session, "persons", ["function", "capacity_days"], record_id=person["id"])
    return session.show(
        who,
        widgets.HTML(f"<h3>{html.escape(L.WELCOME['open_steps'])}</h3>"), links,
        widgets.HTML(f"<h3>{html.escape(L.WELCOME['profile_title'])}</h3>"
                     f"<p>{html.escape(L.WELCOME['profile_help'])}</p>"), profile,
        title=L.WELCOME["hello"].format(name=person.get("name", "")),
    )
