"""Preheated kernels warm up a few at a time; a visitor's kernel never waits its turn."""
from __future__ import annotations

import asyncio

import pytest
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from voila.request_info_handler import RequestInfoSocketHandler

from toolkit import paced_kernels
from toolkit.paced_kernels import PacedKernelManager

PREHEAT = {"env": {"VOILA_PREHEAT": "True"}}
VISITOR = {"env": {"VOILA_PREHEAT": "False"}}


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Kernel starts recorded instead of made: the pacing is what is tested here."""
    ids: list[str] = []
    count = iter(range(100))

    async def fake_start(self, *args, **kwargs) -> str:  # noqa: ANN001, ANN002, ANN003
        ids.append(f"k{next(count)}")
        return ids[-1]

    monkeypatch.setattr(AsyncMappingKernelManager, "start_kernel", fake_start)
    monkeypatch.setattr(PacedKernelManager, "__contains__", lambda self, kid: kid in ids)
    return ids


def test_one_preheated_kernel_warms_at_a_time_visitors_never_wait(started: list[str]) -> None:
    async def scenario() -> None:
        km = PacedKernelManager(warming_limit=1, poll_seconds=0.01)
        first = asyncio.create_task(km.start_kernel(**PREHEAT))
        second = asyncio.create_task(km.start_kernel(**PREHEAT))
        await asyncio.sleep(0.05)
        assert started == ["k0"] and first.done() and not second.done()  # second waits its turn
        assert await km.start_kernel(**VISITOR) == "k1"  # a visitor's kernel starts at once
        await asyncio.sleep(0.05)
        assert not second.done()
        km.page_waiting("k0")  # k0's page now waits for its visitor
        assert await asyncio.wait_for(second, 1) == "k2"
        third = asyncio.create_task(km.start_kernel(**PREHEAT))
        await asyncio.sleep(0.05)
        assert not third.done()
        km.page_waiting("k2")  # taken by a visitor before it waited: its page connects all the same
        assert await asyncio.wait_for(third, 1) == "k3"

    asyncio.run(scenario())


def test_the_request_socket_tells_the_manager_a_page_waits(started: list[str]) -> None:
    """Voilà's request-info socket as the workshop serves it: a page connecting to wait for
    its visitor makes its kernel warm (and still gets the request Voilà kept for it)."""
    from unittest import mock

    import tornado.web
    from tornado.httputil import HTTPHeaders, HTTPServerRequest, RequestStartLine

    from toolkit.voila_app import _REPLACED

    assert _REPLACED[RequestInfoSocketHandler] is paced_kernels.RequestSocketHandler

    async def scenario() -> None:
        km = PacedKernelManager(warming_limit=1, poll_seconds=0.01)
        await km.start_kernel(**PREHEAT)
        waiting = asyncio.create_task(km.start_kernel(**PREHEAT))
        await asyncio.sleep(0.05)
        assert not waiting.done() and not km.waiting_for_visitor("k0")
        app = tornado.web.Application(kernel_manager=km)
        request = HTTPServerRequest(start_line=RequestStartLine("GET", "/voila/query/k0", "HTTP/1.1"),
                                    headers=HTTPHeaders({"Host": "127.0.0.1"}), connection=mock.Mock())
        handler = paced_kernels.RequestSocketHandler(app, request)
        sent: list[object] = []
        handler.write_message = sent.append  # type: ignore[method-assign]
        # the visitor came first: Voilà keeps their request until the page connects
        RequestInfoSocketHandler.send_updates({"kernel_id": "k0", "payload": {"QUERY_STRING": "jeton=x"}})
        handler.open("k0")
        assert km.waiting_for_visitor("k0") and sent == [{"QUERY_STRING": "jeton=x"}]
        assert await asyncio.wait_for(waiting, 1) == "k1"
        handler.on_close()

    asyncio.run(scenario())


def test_a_kernel_that_never_gets_warm_releases_its_turn(started: list[str]) -> None:
    async def scenario() -> None:
        km = PacedKernelManager(warming_limit=1, poll_seconds=0.01, warm_timeout=0.1)
        await km.start_kernel(**PREHEAT)
        assert await asyncio.wait_for(km.start_kernel(**PREHEAT), 2) == "k1"

    asyncio.run(scenario())


def test_a_stopped_kernel_releases_its_turn(started: list[str]) -> None:
    async def scenario() -> None:
        km = PacedKernelManager(warming_limit=1, poll_seconds=0.01)
        await km.start_kernel(**PREHEAT)
        started.remove("k0")  # shut down (or died) before its page was warm
        assert await asyncio.wait_for(km.start_kernel(**PREHEAT), 2) == "k1"

    asyncio.run(scenario())


def test_default_limit_leaves_a_core_to_the_room(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paced_kernels.os, "cpu_count", lambda: 2)
    assert PacedKernelManager().warming_limit == 1
    monkeypatch.setattr(paced_kernels.os, "cpu_count", lambda: 8)
    assert PacedKernelManager().warming_limit == 7


# --- kernels of pages left -------------------------------------------------------------


@pytest.fixture
def stops(started: list[str], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Kernel stops recorded instead of made; ``started`` holds the kernels alive."""
    stopped: list[str] = []

    async def fake_shutdown(self, kernel_id, *args, **kwargs) -> None:  # noqa: ANN001, ANN002, ANN003
        stopped.append(kernel_id)
        started.remove(kernel_id)

    monkeypatch.setattr(AsyncMappingKernelManager, "shutdown_kernel", fake_shutdown)
    monkeypatch.setattr(AsyncMappingKernelManager, "notify_connect", lambda self, kid: None)
    monkeypatch.setattr(AsyncMappingKernelManager, "notify_disconnect", lambda self, kid: None)
    return stopped


def test_a_page_left_frees_its_kernel_after_the_grace(started: list[str], stops: list[str]) -> None:
    async def scenario() -> None:
        km = PacedKernelManager(abandon_after=0.2, abandon_check_seconds=0.05)
        waiting = await km.start_kernel(**PREHEAT)  # a preheated page, never visited
        visited = await km.start_kernel(**VISITOR)
        km.notify_connect(visited)
        await asyncio.sleep(0.3)
        assert stops == []  # a connected page and a waiting one are both kept
        km.notify_disconnect(visited)  # the phone went away without a word
        await asyncio.sleep(0.1)
        assert stops == []  # still within the grace
        await asyncio.sleep(0.3)
        assert stops == [visited] and waiting in started

    asyncio.run(scenario())


def test_a_connection_back_within_the_grace_keeps_the_page(started: list[str], stops: list[str]) -> None:
    async def scenario() -> None:
        km = PacedKernelManager(abandon_after=0.2, abandon_check_seconds=0.05)
        kid = await km.start_kernel(**VISITOR)
        km.notify_connect(kid)
        km.notify_disconnect(kid)  # network cut
        await asyncio.sleep(0.1)
        km.notify_connect(kid)  # back
        await asyncio.sleep(0.4)
        assert stops == [] and kid in started
        km.notify_connect(kid)  # a second connection (two tabs)
        km.notify_disconnect(kid)
        await asyncio.sleep(0.4)
        assert stops == []  # one page still connected

    asyncio.run(scenario())


def test_a_kernel_already_stopped_by_its_beacon_is_only_forgotten(started: list[str], stops: list[str]) -> None:
    async def scenario() -> None:
        km = PacedKernelManager(abandon_after=0.0, abandon_check_seconds=60)
        kid = await km.start_kernel(**VISITOR)
        km.notify_connect(kid)
        km.notify_disconnect(kid)
        started.remove(kid)  # the tab's shutdown beacon stopped it
        assert km.abandoned() == [kid]
        assert await km.stop_abandoned() == [] and stops == []
        assert km.abandoned() == []

    asyncio.run(scenario())
