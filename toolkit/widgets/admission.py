"""Who comes in: :func:`open_page` and :func:`step_page`, what every page of ``ateliers/``
calls first.

``open_page`` reads the link's query string (the right way for Voilà's preheated kernels),
opens the current workshop, checks the token and the step, and notes the visit; refused,
it displays *only* a French refusal and returns None. A preheated kernel rehearses a
visitor's arrival (:func:`rehearse`) before it waits for one.
"""
from __future__ import annotations

import html
import logging
import os
import time
from typing import Any, Callable

from IPython import get_ipython
from IPython.display import HTML, display

from ..core import labels as L
from .. import steps as steps_mod
from ..access import Access, identify, record_visit, require, token_from_query
from ..core.errors import AccessDenied, MaillageError, NotFoundError
from ..page_request import wait_for_request  # not voila.utils: Voilà's server side, 45 MiB a kernel
from ..core.store import Store, new_token
from ..core.workshop import Workshop
from . import look
from .page_frame import PAGE_CSS
from .page_session import Session


def preheated() -> bool:
    """True in a kernel Voilà preheated: the page runs before anyone asked for it."""
    return os.environ.get("VOILA_PREHEAT", "False") == "True"


log = logging.getLogger("maillage.pages")
READ_QUERY_ATTEMPTS = 120
#: Written to the server's log by each preheated page once warm, before waiting.
READY_MARK = L.LOGS["page_ready"]


def read_query_string() -> str:
    """The page's query string.

    In a preheated kernel (``VOILA_PREHEAT=True``) the notebook starts before anyone asks
    for the page, so the query string is not in the environment yet:
    :func:`toolkit.page_request.wait_for_request` waits for it (what Voilà's
    ``get_query_string`` does, without loading Voilà's server side). Otherwise Voilà put it in
    ``QUERY_STRING`` when it started the kernel.
    """
    if preheated():
        # The helper gives up when it cannot reach the server within 5 s (a machine busy
        # starting kernels); the request is kept for this kernel until it connects, so
        # asking again is safe. Until it arrives, QUERY_STRING is absent, not empty.
        for _attempt in range(READ_QUERY_ATTEMPTS):
            wait_for_request()
            if "QUERY_STRING" in os.environ:
                return os.environ["QUERY_STRING"]
            time.sleep(0.5)
        log.error(L.LOGS["query_never_received"])
        return ""
    return os.environ.get("QUERY_STRING", "")


def refusal(message: str) -> HTML:
    """The refusal shown alone on a page (escaped, in French)."""
    return HTML(f'{PAGE_CSS}<div class="maillage-refus" role="alert"><strong>{html.escape(L.ACCESS["refused_title"])}'
                f"</strong><p>{html.escape(message)}</p></div>")


def open_page(step: str, facilitator: bool = False, *, query: str | None = None,
              workshop: Workshop | None = None, show: bool = True) -> "Session | None":
    """Check who opens the page; return a :class:`Session`, or display a refusal and return None.

    Parameters
    ----------
    step : the page's step key (``steps.STEPS``), e.g. ``"accueil"``, ``"parties_prenantes"``.
    facilitator : True on pages only the facilitator may open.
    query : the query string (default: read from Voilà, see :func:`read_query_string`).
    workshop : the workshop (default: ``Workshop.current()``).
    show : display the refusal (False in tests that only want the outcome).

    Returns
    -------
    Session, or None when the token is missing, unknown, revoked, a participant's on a
    facilitator page, or the step is closed (the French reason has been displayed).
    """
    try:
        ws = workshop or Workshop.current()
        store = ws.store  # opened (schema checked, connections made) before waiting
    except MaillageError:
        log.exception("atelier indisponible")
        if show:
            display(refusal(L.ACCESS["no_workshop"]))
        return None
    if query is None:
        if preheated():
            try:
                rehearse(store, step)
            except Exception:  # only a head start: a failed rehearsal keeps nobody out
                log.exception(L.LOGS["arrival_repeat_failed"])
            # In the server's log: how many preheated pages wait for a visitor (the
            # tests and the bench wait for these before letting the room in).
            # one write(2) of one line: the kernels' lines never interleave in the shared log
            os.write(2, f"{READY_MARK}{step}\n".encode())
        query = read_query_string()
    token = token_from_query(query)
    try:
        access = identify(store, token)
        require(access, facilitator or steps_mod.get(step).facilitator)
        admit(store, access, step)
    except AccessDenied as exc:
        if show:
            display(refusal(str(exc)))
        return None
    return Session(ws, access, step, token)


def rehearse(store: Store, step: str) -> None:
    """Run what a visitor's arrival runs, on nobody's behalf and writing nothing.

    The first time a kernel runs a statement, SQLAlchemy compiles it for this kernel's
    engines, and IPython's first display creates its formatters: a dozen milliseconds a
    page that a preheated kernel pays while it waits, rather than when the whole room
    arrives at once. The visit is rolled back.

    >>> from toolkit.access import visits
    >>> s = Store("sqlite://")
    >>> rehearse(s, "accueil")
    >>> len(visits(s))
    0
    """
    try:
        identify(store, new_token())
    except AccessDenied:
        pass
    try:
        store.get("persons", "")  # the visitor's own record, as their pages read it
    except NotFoundError:
        pass
    steps_mod.is_open(store, step)
    store.project()
    with store.writer.connect() as c:
        rollback = c.begin()
        try:
            record_visit(store, Access("facilitator"), step, conn=c)
        finally:
            rollback.rollback()
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters  # noqa: B018 - created on first use


def admit(store: Store, access: Access, step: str) -> None:
    """Let ``access`` into ``step`` (raises ``AccessDenied`` while it is closed to
    participants) and note the visit for the board. Pages and the welcome page's
    in-place steps both come through here."""
    if not access.is_facilitator and not steps_mod.is_open(store, step):
        raise AccessDenied(L.ACCESS["step_closed"].format(title=steps_mod.get(step).title))
    try:
        record_visit(store, access, step)
    except Exception:  # a missed visit must not keep anyone out of the page
        log.exception(L.LOGS["visit_not_recorded"])


def step_page(step: str, view: Callable[..., Any], ahead: Callable[[], Any] | None = None, *,
              query: str | None = None, workshop: Workshop | None = None) -> "Session | None":
    """Check who opens the page of ``step``, then draw it with ``view(session)``.

    ``view`` and ``ahead`` are the step's, as the step registry declares them
    (``toolkit.method.step_page`` passes them: a page of ``ateliers/`` calls that one).
    ``ahead``, when given, builds the widgets that do not depend on the visitor first,
    while a preheated kernel waits, so that only the person's own data is left to load
    when they arrive; the view then receives it as ``ahead=``, and a refused visitor's
    is closed.
    """
    look.preload()
    built = ahead() if ahead is not None else None
    session = open_page(step, steps_mod.get(step).facilitator, query=query, workshop=workshop)
    if session and built is not None:
        view(session, ahead=built)
    elif session:
        view(session)
    elif built is not None:
        built.close()
    return session
