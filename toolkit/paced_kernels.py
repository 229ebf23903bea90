"""Voilà's kernel manager for a room: kernels warm up a few at a time, and kernels of
pages that were left are stopped.

Warming up a few at a time, so the room keeps the CPU.

Voilà refills a page's pool ``fill_delay`` seconds after each visit: when 30 participants
arrive together, 30 kernels start together half a minute later, each spending seconds of
CPU on imports, while the room is saving its first answers (measured on 2 cores: saves
p50 28 ms but p95 8 s during that storm). :class:`PacedKernelManager` lets at most
``warming_limit`` preheated kernels warm up at once; the others wait their turn. A kernel
started for a visitor (no pool) never waits.

It is Voilà's configured kernel manager class (``VoilaConfiguration.multi_kernel_manager_class``),
which Voilà extends with its pools: nothing of Voilà is patched.

A kernel counts as warm once its page waits for its visitor: it has connected to Voilà's
request-info socket (``/voila/query/<kernel id>``), or it stopped; after ``warm_timeout``
seconds it counts as warm anyway, so that a page failing before that point cannot hold the
others back. Voilà keeps no public record of who waits on that socket (only its handler's
private ``_waiters``): :class:`RequestSocketHandler`, Voilà's handler with one more line
in its public ``open``, tells the manager (``toolkit.voila_app`` serves it in Voilà's place).

Stopping the kernels of pages left (closed, reloaded, a phone put away): a page's kernel
keeps its own timers, so jupyter_server's idle culling never sees it idle; and the tab's
goodbye (Voilà's shutdown beacon) is lost whenever the browser cannot send it. So the
manager counts each kernel's websocket connections (jupyter_server's ``notify_connect`` /
``notify_disconnect`` hooks) and stops a kernel that has had a page connected and none for
``abandon_after`` seconds. A page whose connection drops and comes back within that grace
(a network cut, a tunnel) keeps its kernel. A preheated kernel still waiting for its
visitor has never had a connection, and is left alone.
"""
from __future__ import annotations

import asyncio
import os
import time
from typing import Any

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Float, Int, default
from voila.request_info_handler import RequestInfoSocketHandler

from .core import labels as L

#: Where Voilà marks a kernel preheated for a pool (``voila.utils.ENV_VARIABLE.VOILA_PREHEAT``).
PREHEAT_ENV = "VOILA_PREHEAT"


class RequestSocketHandler(RequestInfoSocketHandler):
    """Voilà's request-info socket (``/voila/query/<kernel id>``), where a preheated page
    waits for its visitor's request; it also tells the kernel manager that the page is warm."""

    def open(self, kernel_id: str) -> None:  # type: ignore[override]
        super().open(kernel_id)
        manager = self.settings.get("kernel_manager")
        if isinstance(manager, PacedKernelManager):
            manager.page_waiting(kernel_id)


class PacedKernelManager(AsyncMappingKernelManager):
    """Voilà's kernel manager, with preheated kernels warming up ``warming_limit`` at a time."""

    warming_limit = Int(config=True, help="Preheated kernels allowed to warm up at the same time.")
    warm_timeout = Float(120.0, config=True, help="Seconds after which a warming kernel no longer holds its turn.")
    poll_seconds = Float(0.1, config=True, help="How often a warming kernel is checked.")
    abandon_after = Float(45.0, config=True,
                          help="Seconds without any page connected after which a kernel that had one is stopped.")
    abandon_check_seconds = Float(10.0, config=True, help="How often kernels left by their page are looked for.")

    @default("warming_limit")
    def _default_warming_limit(self) -> int:
        # One core left to the people already in the room.
        return max(1, (os.cpu_count() or 1) - 1)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._warming: asyncio.Semaphore | None = None
        self._connections: dict[str, int] = {}
        self._left_since: dict[str, float] = {}  # kernel id -> when its last page went away
        self._reaper: asyncio.Task | None = None
        self._waiting: set[str] = set()  # kernels whose page waits for (or has) its visitor

    def _gate(self) -> asyncio.Semaphore:
        if self._warming is None:  # made on the server's loop, at first use
            self._warming = asyncio.Semaphore(self.warming_limit)
        return self._warming

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
        self._start_reaper()
        env = kwargs.get("env") or {}
        if env.get(PREHEAT_ENV) != "True":  # a visitor is waiting for this one
            return await super().start_kernel(*args, **kwargs)
        gate = self._gate()
        await gate.acquire()
        try:
            kernel_id = await super().start_kernel(*args, **kwargs)
        except BaseException:
            gate.release()
            raise
        asyncio.get_running_loop().create_task(self._release_when_warm(kernel_id, gate))
        return kernel_id

    def page_waiting(self, kernel_id: str) -> None:
        """``kernel_id``'s page waits for its visitor (:class:`RequestSocketHandler`): it is warm."""
        self._waiting.add(kernel_id)

    def waiting_for_visitor(self, kernel_id: str) -> bool:
        """True once ``kernel_id``'s page has connected to wait for its visitor's request."""
        return kernel_id in self._waiting

    async def _release_when_warm(self, kernel_id: str, gate: asyncio.Semaphore) -> None:
        deadline = time.monotonic() + self.warm_timeout
        try:
            while (kernel_id in self and not self.waiting_for_visitor(kernel_id)
                   and time.monotonic() < deadline):
                await asyncio.sleep(self.poll_seconds)
        finally:
            gate.release()

    # --- kernels of pages left -------------------------------------------------------

    def notify_connect(self, kernel_id: str) -> None:
        """A page connected to ``kernel_id``: it is in use, whatever happened before."""
        super().notify_connect(kernel_id)
        self._connections[kernel_id] = self._connections.get(kernel_id, 0) + 1
        self._left_since.pop(kernel_id, None)

    def notify_disconnect(self, kernel_id: str) -> None:
        """A page's connection closed; with none left, the grace period starts."""
        super().notify_disconnect(kernel_id)
        count = max(0, self._connections.get(kernel_id, 0) - 1)
        self._connections[kernel_id] = count
        if count == 0:
            self._left_since[kernel_id] = time.monotonic()

    def abandoned(self, now: float | None = None) -> list[str]:
        """Kernels that had a page and have had none for ``abandon_after`` seconds."""
        now = time.monotonic() if now is None else now
        return [kid for kid, since in self._left_since.items()
                if now - since >= self.abandon_after and self._connections.get(kid, 0) == 0]

    async def stop_abandoned(self) -> list[str]:
        """Stop the kernels :meth:`abandoned` lists; returns their ids."""
        stopped = []
        for kernel_id in self.abandoned():
            self._forget(kernel_id)
            if kernel_id not in self:
                continue  # already stopped (the tab's shutdown beacon got through)
            self.log.info(L.LOGS["kernel_stopped"], kernel_id, self.abandon_after)
            try:
                await self.shutdown_kernel(kernel_id)
            except Exception:  # noqa: BLE001 - one kernel failing to stop must not stop the reaper
                self.log.exception(L.LOGS["kernel_stop_failed"], kernel_id)
                continue
            stopped.append(kernel_id)
        return stopped

    def _forget(self, kernel_id: str) -> None:
        self._left_since.pop(kernel_id, None)
        self._connections.pop(kernel_id, None)
        self._waiting.discard(kernel_id)

    def _start_reaper(self) -> None:
        if self._reaper is None or self._reaper.done():
            self._reaper = asyncio.get_running_loop().create_task(self._reap_forever())

    async def _reap_forever(self) -> None:
        while True:
            await asyncio.sleep(self.abandon_check_seconds)
            try:
                await self.stop_abandoned()
            except Exception:  # noqa: BLE001 - keep looking at the next round
                self.log.exception(L.LOGS["reaper_failed"])
            for kernel_id in [k for k in self._connections if k not in self]:
                self._forget(kernel_id)  # stopped some other way (beacon, culling, server)
