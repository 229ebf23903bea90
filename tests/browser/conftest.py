"""Fixtures for tests that need the real server: one ``maillage servir`` per test session.

Reuse them for the step pages:

- ``server``: a running server on a copy of the demo workshop (``server.url(page, token)``,
  ``server.token("PER-02")``, ``server.facilitator``, ``server.store``, ``server.open_step(key)``);
- ``browser``: Debian's chromium driven by Playwright (headless, no network features);
- ``page``: a fresh phone-sized page that records every request in ``page.requests``;
- ``assert_local(page)``: asserts that no request left 127.0.0.1.

Example
-------
::

    @pytest.mark.browser
    def test_something(server, page, assert_local):
        page.goto(server.url("accueil.ipynb", server.token("PER-02")))
        page.wait_for_selector(".maillage-save")
        assert_local(page)
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import urlparse

import pytest

from toolkit import serve, steps
from toolkit.core.store import Store
from toolkit.core.workshop import Workshop

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL_HOSTS = {"127.0.0.1"}
PHONE = {"width": 390, "height": 844}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(base_url: str, process: subprocess.Popen, log: Path, warm: int = 1,
                       timeout: float = 300) -> None:
    """Wait until the server answers and ``warm`` welcome pages are preheated and waiting."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"le serveur s'est arrêté :\n{log.read_text(errors='replace')[-3000:]}")
        try:
            # any answer of the server (/voila/tree is not served: no directory listing)
            urllib.request.urlopen(f"{base_url}/voila/static/voila.js", timeout=5).read()
            if serve.warm_pages(log.read_text(errors="replace")) >= warm:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"le serveur ne répond pas :\n{log.read_text(errors='replace')[-3000:]}")


@dataclass
class Server:
    """A running ``maillage servir`` on its own workshop folder."""

    workshop: Workshop
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def store(self) -> Store:
        return self.workshop.store

    @property
    def facilitator(self) -> str:
        return self.store.facilitator_token()

    def token(self, person_id: str) -> str:
        return self.store.get("persons", person_id)["token"]

    def url(self, page: str, token: str | None = None) -> str:
        if token is None:
            return f"{self.base_url}/voila/render/{page}"
        return serve.page_url("127.0.0.1", self.port, page, token)

    def open_step(self, key: str, opened: bool = True) -> None:
        steps.set_open(self.store, key, opened, by="animateur")

    def stop(self) -> None:
        stop_process_group(self.process)


def stop_process_group(process: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
    """Stop the server and its kernels (kernels run in their own sessions: found by pid)."""
    import psutil

    if process.poll() is not None:
        return
    try:
        children = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    try:
        os.killpg(process.pid, sig)
        process.wait(timeout)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout)
    if sig == signal.SIGKILL:  # a crash: the kernels die with the server
        for child in children:
            try:
                child.kill()
            except psutil.NoSuchProcess:
                pass
    _, alive = psutil.wait_procs(children, timeout=timeout)
    for child in alive:  # left behind by a server that could not stop them
        try:
            child.kill()
        except psutil.NoSuchProcess:
            pass


def start_server(folder: Path, participants: int = 3, port: int | None = None, preheat: bool = True) -> Server:
    """Start ``maillage servir`` on ``folder`` and wait until it serves."""
    port = port or free_port()
    log = folder.parent / f"serveur-{port}.log"
    ws = Workshop.open(folder)
    log.write_text("")
    with open(log, "a") as out:  # O_APPEND: the kernels' lines never overwrite each other
        process = serve.start(ws, "127.0.0.1", port, participants, preheat, stdout=out, stderr=subprocess.STDOUT)
    server = Server(ws, port, process, log)
    try:
        wait_until_serving(server.base_url, process, log, warm=max(1, participants) if preheat else 0)
    except Exception:
        server.stop()
        raise
    return server


@pytest.fixture(scope="session")
def server(_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server for the whole test session, on its own copy of the demo workshop."""
    folder = tmp_path_factory.mktemp("servi") / "demo"
    shutil.copytree(_demo_template, folder)
    srv = start_server(folder, participants=6)  # the suite opens the welcome page ~9 times
    yield srv
    srv.stop()
    srv.workshop.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium for one test module. Playwright's sync API keeps an event loop running in
    the main thread while it is started, so it must stop before tests that use asyncio
    (test_kernel_safety, test_durability) or start their own Playwright (test_deploy)."""
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium absent : lancez scripts/system-deps.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh phone-sized page; ``page.requests`` lists every URL it asked for."""
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    pg = context.new_page()
    pg.requests = []  # type: ignore[attr-defined]
    pg.on("request", lambda r: pg.requests.append(r.url))  # type: ignore[attr-defined]
    pg.on("websocket", lambda ws: pg.requests.append(ws.url))  # type: ignore[attr-defined]
    pg.set_default_timeout(60_000)
    yield pg
    context.close()


@pytest.fixture
def assert_local() -> Callable[[Any], None]:
    """``assert_local(page)``: every request the page made stayed on 127.0.0.1."""
    def check(pg: Any) -> None:
        remote = [u for u in pg.requests if urlparse(u).scheme in ("http", "https", "ws", "wss")
                  and urlparse(u).hostname not in LOCAL_HOSTS]
        assert not remote, f"requêtes hors de 127.0.0.1 : {remote}"
        assert pg.requests, "aucune requête enregistrée"
    return check
