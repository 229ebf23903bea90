"""What every participant or facilitator page calls first: :func:`open_page`.

This module gathers the page framework under one import for pages, carnets and widgets;
each part lives in a module named after what it holds: ``admission`` (open_page,
step_page, preheating), ``page_session`` (Session), ``page_frame`` (styles, PageFrame),
``status`` (StatusLine, saves, RepeatedTap), ``fields`` (inputs from the model), ``form``
(Form).

``open_page`` reads the link's query string (the right way for Voilà's preheated kernels),
opens the current workshop (``MAILLAGE_ATELIER``, set by ``maillage servir``), checks the
token and the step, and notes the visit. When access is refused it displays *only* a
French refusal and returns None: the page then shows nothing else. Otherwise it returns a
:class:`Session`:

- ``session.person`` (the participant's record, without token, or None for the
  facilitator), ``session.is_facilitator``, ``session.by`` (who, for history);
- ``session.records / get / frame / insert / update / delete``: the store as this person
  may see and change it (:class:`toolkit.access.Guard`: private records stay private,
  writes are checked and attributed);
- ``session.store``: the raw store, for read-only analyses on facilitator pages;
- ``session.save(action, status)``: "saved means saved" — the confirmation shows only
  after ``action`` (a write) has committed; on failure a French error shows and the page
  keeps what was typed;
- ``session.link(step)``: the relative link to another page, carrying the same token;
- ``session.every(seconds, fn)``: refresh something live (board, open steps);
- ``session.show(*widgets)``: display the page (phone-friendly styles included).

:class:`Form` builds a form from the model's fields (labels, drop-downs, checks) with a
save button and a status line wired to ``session.save``.

Example page (``ateliers/ma_page.ipynb``, one code cell and nothing else, so that a
refused visitor sees nothing but the refusal)::

    from toolkit.widgets.session import open_page, Form

    session = open_page("parties_prenantes")        # facilitator=True on facilitator pages
    if session:
        form = Form(session, "actors", ["name", "category", "power", "interest"],
                    clear_on_save=True)
        session.show(form)

Everything the page needs before knowing who is there (imports, opening the store) runs
*before* the query string is read, so a preheated kernel has done that work in advance.
"""
from __future__ import annotations

from .admission import (READ_QUERY_ATTEMPTS, READY_MARK, admit, open_page, preheated, read_query_string,
                        refusal, rehearse, step_page)
from .fields import choose, field_widget, fill_field, french_date, scale_buttons, scale_legend
from .form import Form
from .page_frame import PAGE_CSS, PageFrame, close_all
from .page_session import Session
from .status import RepeatedTap, StatusLine, saves

__all__ = ["READ_QUERY_ATTEMPTS", "READY_MARK", "PAGE_CSS", "Form", "PageFrame", "RepeatedTap", "Session",
           "StatusLine", "admit", "choose", "close_all", "field_widget", "fill_field", "french_date",
           "open_page", "preheated", "read_query_string", "refusal", "rehearse", "saves", "scale_buttons",
           "scale_legend", "step_page"]
