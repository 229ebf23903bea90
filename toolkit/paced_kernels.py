"""Preheated kernels warm up a few at a time, so the room keeps the CPU.

Voilà refills a page's pool ``fill_delay`` seconds after each visit: when 30 participants
arrive together, 30 kernels start together half a minute later, each spending seconds of
CPU on imports, while the room is saving its first answers (measured on 2 cores: saves
p50 28 ms but p95 8 s during that storm). :class:`PacedKernelManager` lets at most
``warming_limit`` preheated kernels warm up at once; the others wait their turn. A kernel
started for a visitor (no pool) never waits.

It is Voilà's configured kernel manager class (``VoilaConfiguration.multi_kernel_manager_class``),
which Voilà extends with its pools: nothing of Voilà is patched.

A kernel counts as warm once its page waits for its visitor: it has connected to Voilà's
request-info socket (``RequestInfoSocketHandler``), or a visitor already took it, or it
stopped; after ``warm_timeout`` seconds it counts as warm anyway, so that a page failing
before that point cannot hold the others back.
"""
from __future__ import annotations

import asyncio
import os
import time
from typing import Any

from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from traitlets import Float, Int, default

#: Where Voilà marks a kernel preheated for a pool (``voila.utils.ENV_VARIABLE.VOILA_PREHEAT``).
PREHEAT_ENV = "VOILA_PREHEAT"


def waiting_for_visitor(kernel_id: str) -> bool:
    """True once a preheated page waits for its request, or has received it."""
    try:
        from voila.request_info_handler import RequestInfoSocketHandler
    except ImportError:  # pragma: no cover - Voilà is a dependency
        return True
    # Voilà's own registry of waiting kernels and of requests kept for kernels not yet waiting.
    return kernel_id in RequestInfoSocketHandler._waiters or kernel_id in RequestInfoSocketHandler._cache


class PacedKernelManager(AsyncMappingKernelManager):
    """Voilà's kernel manager, with preheated kernels warming up ``warming_limit`` at a time."""

    warming_limit = Int(config=True, help="Preheated kernels allowed to warm up at the same time.")
    warm_timeout = Float(120.0, config=True, help="Seconds after which a warming kernel no longer holds its turn.")
    poll_seconds = Float(0.1, config=True, help="How often a warming kernel is checked.")

    @default("warming_limit")
    def _default_warming_limit(self) -> int:
        # One core left to the people already in the room.
        return max(1, (os.cpu_count() or 1) - 1)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._warming: asyncio.Semaphore | None = None

    def _gate(self) -> asyncio.Semaphore:
        if self._warming is None:  # made on the server's loop, at first use
            self._warming = asyncio.Semaphore(self.warming_limit)
        return self._warming

    async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
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

    async def _release_when_warm(self, kernel_id: str, gate: asyncio.Semaphore) -> None:
        deadline = time.monotonic() + self.warm_timeout
        try:
            while (kernel_id in self and not waiting_for_visitor(kernel_id)
                   and time.monotonic() < deadline):
                await asyncio.sleep(self.poll_seconds)
        finally:
            gate.release()
