"""One person on one page (:class:`Session`): who they are, the store as they may use it
(through :class:`toolkit.access.Guard`), saves reported honestly, links, live refreshes and
the page's display. :func:`toolkit.widgets.admission.open_page` makes one."""
from __future__ import annotations

import asyncio
import logging
import re
from typing import Any, Callable, TypeVar
from urllib.parse import quote

import ipywidgets as widgets
from IPython.display import display

from ..core import formats as F
from ..core import labels as L
from .. import steps as steps_mod
from ..access import TOKEN_PARAM, Access, Guard
from ..core.errors import ConflictError, MaillageError
from ..core.workshop import Workshop
from .page_frame import PageFrame
from .status import StatusLine

log = logging.getLogger("maillage.pages")
T = TypeVar("T")


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
            log.exception(L.LOGS["save_failed"], self.step, self.by)
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
                    log.exception(L.LOGS["refresh_failed"], self.step)

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
