"""Pages left, closed or reloaded free their kernels; a page still connected keeps its own.

Simulated participants (headless clients speaking the browser's protocol) reload their
welcome page several times: some tabs say goodbye as Voilà's front end does (the shutdown
beacon with the page's XSRF cookie), others vanish without a word (a phone put away).
Within two minutes the server runs no more kernels than its preheated pools plus the pages
still connected; the connected page's kernel is alive and answers.
"""
from __future__ import annotations

import asyncio
import shutil
import time
from pathlib import Path

import psutil
import pytest

from toolkit import serve
from toolkit.voila_client import kernel_alive, reload_page

from .conftest import start_server

PARTICIPANTS = ["PER-02", "PER-03", "PER-05"]
RELOADS = 3


def kernel_processes(server_pid: int) -> list[psutil.Process]:
    """The server's kernels (ipykernel processes among its descendants)."""
    return [p for p in psutil.Process(server_pid).children(recursive=True)
            if "ipykernel" in " ".join(p.cmdline())]


@pytest.mark.slow
def test_reloaded_pages_free_their_kernels_connected_ones_keep_theirs(
        _demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serve, "ABANDON_AFTER_SECONDS", 5.0)
    folder = tmp_path / "demo"
    shutil.copytree(_demo_template, folder)
    server = start_server(folder, participants=len(PARTICIPANTS))
    pools = sum(serve.pool_sizes(len(PARTICIPANTS), serve.served_pages(serve.PAGES_DIR)).values())

    async def run() -> None:
        results = await asyncio.gather(*[
            reload_page(server.base_url, "accueil.ipynb", server.token(pid), RELOADS, [i % 2 == 0, i % 2 == 1])
            for i, pid in enumerate(PARTICIPANTS)])
        left = [kid for kids, _ in results for kid in kids]
        staying = [page for _, page in results]
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                alive = [kid for kid in left if kernel_alive(server.base_url, kid)]
                if not alive and len(kernel_processes(server.process.pid)) <= pools + len(staying):
                    break
                await asyncio.sleep(2)
            assert [kid for kid in left if kernel_alive(server.base_url, kid)] == []
            assert len(kernel_processes(server.process.pid)) <= pools + len(staying)
            for page in staying:  # still there, and still answering
                assert kernel_alive(server.base_url, page.kernel_id)
                await page.request_states()
                assert page.find("maillage-save")
        finally:
            for page in staying:
                await page.close()

    try:
        asyncio.run(run())
        log = server.log.read_text(encoding="utf-8")
        assert "_xsrf' argument missing" not in log  # every goodbye was accepted
        assert "arrêté : sa page est fermée" in log  # the silent ones were stopped by the grace
    finally:
        server.stop()
        server.workshop.close()
