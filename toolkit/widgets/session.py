"""What every participant or facilitator page calls first: :func:`open_page`.

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

import asyncio
import html
import logging
import os
import re
import time
from typing import Any, Callable, Iterable, TypeVar
from urllib.parse import quote

import ipywidgets as widgets
from IPython import get_ipython
from IPython.display import HTML, display

from ..core import labels as L
from ..core import formats as F
from ..core import model
from .. import steps as steps_mod
from ..access import TOKEN_PARAM, Access, Guard, identify, record_visit, require, token_from_query
from ..core.errors import AccessDenied, ConflictError, MaillageError, NotFoundError
from ..page_request import wait_for_request  # not voila.utils: Voilà's server side, 45 MiB a kernel
from ..core.store import Store, new_token
from ..core.workshop import Workshop
from . import look


def preheated() -> bool:
    """True in a kernel Voilà preheated: the page runs before anyone asked for it."""
    return os.environ.get("VOILA_PREHEAT", "False") == "True"


log = logging.getLogger("maillage.pages")
READ_QUERY_ATTEMPTS = 120
#: Written to the server's log by each preheated page once warm, before waiting.
READY_MARK = "[maillage] page préchauffée prête : "
T = TypeVar("T")

#: Styles for every page, phone first: text at 16 px at least (16 px inputs also avoid the
#: zoom on focus), touch targets 44 px high, nothing wider than the screen (long choices
#: wrap, buttons wrap their text, widgets lose their side margins), status colours.
#: Inline: nothing is fetched.
PAGE_CSS = """<style>
.maillage-page { max-width: 46rem; margin: 0 auto; font-size: 16px; line-height: 1.45;
  --jp-widgets-margin: 2px 0; --jp-widgets-font-size: 16px; overflow-wrap: anywhere; }
/* at least 16 px, and never smaller than around it (a larger text, e.g. on the board, stays larger) */
.maillage-page *:not(h1, h2, h3, h4) { font-size: max(16px, 1em) !important; }
.maillage-page h2 { font-size: 24px; } .maillage-page h3 { font-size: 20px; } .maillage-page h4 { font-size: 18px; }
.maillage-page .jupyter-widgets { max-width: 100%; min-width: 0; box-sizing: border-box; }
.maillage-page .widget-label { min-width: 0 !important; }
.maillage-page .widget-html-content, .maillage-page .widget-label { line-height: 1.45; }
.maillage-page .widget-inline-hbox { height: auto; min-height: 44px; }
.maillage-page input, .maillage-page textarea, .maillage-page select, .maillage-page button { font-family: inherit; }
.maillage-page input, .maillage-page select, .maillage-page textarea { min-height: 44px; max-width: 100%; min-width: 0; }
.maillage-page select { width: 100%; text-overflow: ellipsis; }
.maillage-page .jupyter-button, .maillage-page .widget-toggle-button {
  min-height: 44px; height: auto; white-space: normal; line-height: 1.3; padding: .35em .6em; }
.maillage-page .widget-checkbox, .maillage-page .widget-checkbox label { min-height: 44px; align-items: center; }
.maillage-page .widget-checkbox input { width: 24px; height: 24px; min-height: 24px; }
.maillage-page .maillage-field { width: 100%; flex-wrap: wrap; }
.maillage-page .maillage-field .widget-label { width: 100% !important; white-space: normal; text-align: left;
  height: auto; line-height: 1.35; margin-bottom: .15em; }
/* labels above their inputs on a phone: the row grows to hold both instead of overlapping */
.maillage-page .maillage-field.widget-dropdown, .maillage-page .maillage-field.widget-text,
.maillage-page .maillage-field.widget-textarea, .maillage-page .maillage-field.widget-toggle-buttons,
.maillage-page .maillage-field.widget-select-multiple { height: auto !important; margin-bottom: .35em; }
.maillage-page .maillage-field > select, .maillage-page .maillage-field > input,
.maillage-page .maillage-field > textarea { flex: 1 1 100%; width: 100%; }
/* a scale: one button per point, all in one row, one tap per answer */
.maillage-page .maillage-scale > div { display: flex; width: 100%; gap: 4px; }
.maillage-page .maillage-scale .widget-toggle-button { flex: 1 1 0; min-width: 44px; width: auto !important;
  margin: 0; font-weight: 600; }
.maillage-page .maillage-scale .widget-toggle-button.mod-active { background: #1b5e8c; color: #fff; }
.maillage-status { min-height: 1.5em; font-weight: 600; }
.maillage-ok { color: #176b2c; }
.maillage-error { color: #b00020; }
.maillage-busy { color: #555; }
.maillage-page table { border-collapse: collapse; width: 100%; }
.maillage-page th, .maillage-page td { border-bottom: 1px solid #ddd; padding: .25em .5em; text-align: left;
  vertical-align: top; }
.maillage-refus { max-width: 40rem; margin: 2em auto; padding: 1em 1.2em; border: 2px solid #b00020;
  border-radius: 6px; font-size: 18px; }
</style>"""


# --- reading the request --------------------------------------------------------------


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
        log.error("chaîne de requête jamais reçue")
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
                log.exception("répétition de l'arrivée en échec")
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
        log.exception("visite non enregistrée")


# --- the session ----------------------------------------------------------------------


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


class Session:
    """One person on one page: who they are and the store as they may use it."""

    def __init__(self, workshop: Workshop, access: Access, step: str, token: str) -> None:
        self.workshop = workshop
        self.store = workshop.store
        self.access = access
        self.step = step
        self.guard = Guard(self.store, access, token=token, step=step)
        self._token = token
        self._tasks: list[Any] = []
        #: Where :meth:`show` puts the page: None displays it as the notebook's output; a
        #: box hosts it inside another page (a step opened from the welcome page).
        self.host: widgets.Box | None = None

    def for_step(self, step: str, host: widgets.Box) -> "Session":
        """The same person on another step, drawn inside ``host`` (same kernel, no new page)."""
        other = Session(self.workshop, self.access, step, self._token)
        other.host = host
        return other

    def close(self) -> None:
        """Stop this page's live refreshes (its widgets are being taken off the screen)."""
        for task in self._tasks:
            task.cancel()
        self._tasks.clear()

    # who

    @property
    def person(self) -> dict[str, Any] | None:
        return self.access.person

    @property
    def is_facilitator(self) -> bool:
        return self.access.is_facilitator

    @property
    def by(self) -> str:
        return self.access.by

    # the store as this person may use it

    def records(self, kind_name: str, **where: Any) -> list[dict[str, Any]]:
        return self.guard.records(kind_name, **where)

    def get(self, kind_name: str, record_id: str) -> dict[str, Any]:
        return self.guard.get(kind_name, record_id)

    def frame(self, kind_name: str):  # noqa: ANN201 - a DataFrame
        return self.guard.frame(kind_name)

    def insert(self, kind_name: str, data: dict[str, Any]) -> str:
        return self.guard.insert(kind_name, data)

    def update(self, kind_name: str, record_id: str, changes: dict[str, Any],
               expected_version: int | None = None) -> dict[str, Any]:
        return self.guard.update(kind_name, record_id, changes, expected_version=expected_version)

    def delete(self, kind_name: str, record_id: str) -> None:
        self.guard.delete(kind_name, record_id)

    # saved means saved

    def save(self, action: Callable[[], T], status: StatusLine, success: str | None = None) -> T | None:
        """Run a write and report it honestly.

        The confirmation (``success``, default "Enregistré à HH:MM:SS.") is shown only
        after ``action`` returned, i.e. after the store committed. A refusal
        (``MaillageError``: invalid value, access, conflict) shows its French message; any
        other failure a generic French message. Either way nothing on the page is reset,
        so what was typed is kept. Returns what ``action`` returned, or None on failure.
        """
        status.busy()
        try:
            self.guard.check_writable()  # a write through a domain function too (step closed since)
            result = action()
        except ConflictError as exc:  # named, not « EVA-… modifié par PER-04 »
            status.error(self.conflict_message(exc))
            return None
        except MaillageError as exc:
            status.error(L.SAVE["failed"].format(error=exc) + "\n" + L.SAVE["kept"])
            return None
        except Exception:
            log.exception("échec d'enregistrement (%s, %s)", self.step, self.by)
            status.error(L.SAVE["failed_unknown"])
            return None
        status.ok(success or L.SAVE["saved"].format(time=F.clock()))
        return result

    def conflict_message(self, exc: Exception) -> str:
        """The French message of a conflict (changed meanwhile), with a name, not identifiers."""
        pattern = re.escape(L.MESSAGES["conflict"]).replace(r"\{kind\}", ".*?").replace(
            r"\{id\}", r"\S+").replace(r"\{by\}", "(?P<by>.+?)")
        found = re.fullmatch(pattern, str(exc))
        by = found.group("by") if found else ""
        if by == L.FACILITATOR_BY:
            who = L.SAVE["conflict_facilitator"]
        elif by == self.by:
            who = L.SAVE["conflict_you"]
        else:
            try:
                who = str(self.store.get("persons", by).get("name") or L.SAVE["conflict_someone"])
            except MaillageError:
                who = L.SAVE["conflict_someone"]
        return L.SAVE["conflict"].format(who=who)

    # navigation and display

    def link(self, step: str) -> str:
        """Relative link to another page of the workshop, with this session's token."""
        return f"{quote(steps_mod.get(step).page)}?{TOKEN_PARAM}={quote(self._token)}"

    def every(self, seconds: float, fn: Callable[[], Any]) -> Any:
        """Call ``fn`` every ``seconds`` on the kernel's event loop (live refresh).

        A failing call is logged and the next one still happens. Returns the task.
        """
        async def loop() -> None:
            while True:
                await asyncio.sleep(seconds)
                try:
                    fn()
                except Exception:
                    log.exception("rafraîchissement en échec (%s)", self.step)

        task = asyncio.get_event_loop().create_task(loop())
        self._tasks.append(task)
        return task

    def show(self, *children: widgets.Widget, title: str | None = None, intro: str | None = None,
             frame: "PageFrame | None" = None) -> widgets.VBox:
        """Display the page: a title, a short text (both escaped) and the widgets.

        ``frame``: the page's frame built ahead (by a preheated page, :class:`PageFrame`).
        """
        page = frame or PageFrame()
        page.fill(children, title, intro)
        if self.host is not None:
            self.host.children = (page,)
        else:
            display(page)
        return page


class PageFrame(widgets.VBox):
    """A page: the styles, title and text in one block (fewer models for the browser to
    load), then its content. A preheated page builds it before its visitor comes."""

    def __init__(self) -> None:
        self.head = look.html(PAGE_CSS)
        super().__init__([self.head], layout=look.layout())
        self.add_class("maillage-page")

    def __repr__(self) -> str:
        # The page's text form, sent with it on display: ipywidgets' walks every widget
        # of the page (its CSS, the visitor's name, ...) for a text nobody reads.
        return "PageFrame()"

    def fill(self, children: Iterable[widgets.Widget], title: str | None = None, intro: str | None = None) -> None:
        self.head.value = PAGE_CSS + (f"<h2>{html.escape(title)}</h2>" if title else "") + (
            f"<p>{html.escape(intro)}</p>" if intro else "")
        self.children = (self.head, *children)


def close_all(*roots: widgets.Widget) -> None:
    """Close widgets and every widget they hold (built ahead for a visitor who was then
    refused: the browser must not be able to read them). Shared looks stay."""
    for root in roots:
        close_all(*getattr(root, "children", ()))
        for look_of in (getattr(root, "layout", None), getattr(root, "style", None)):
            if isinstance(look_of, widgets.Widget) and not look.is_shared(look_of):
                look_of.close()
        root.close()


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


# --- forms built from the model -------------------------------------------------------

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

    Example
    -------
    ``Form(session, "persons", ["function", "capacity_days"], record_id=session.person["id"])``
    """

    def __init__(self, session: Session | None, kind_name: str, fields: list[str], record_id: str | None = None,
                 clear_on_save: bool = False, on_saved: Callable[[str], Any] | None = None,
                 scale_labels: dict[str, Iterable[str]] | None = None, button: str | None = None) -> None:
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
        super().__init__(list(self.inputs.values()) + [self.button, self.status], layout=look.layout())
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
