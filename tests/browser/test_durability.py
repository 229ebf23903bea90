"""Saved means saved, even through a crash: every confirmed submission survives SIGKILL.

Simulated participants (headless clients driving the real page's widgets over the
websocket, exactly as the browser does) submit their profile again and again; the server
and its kernels are killed with SIGKILL in the middle; the server is started again on the
same workshop. Every value a participant saw confirmed must be in the store's history.
"""
from __future__ import annotations

import asyncio
import shutil
import signal
import time
from pathlib import Path

import pytest

from toolkit.voila_client import PageClient
from toolkit.core.workshop import Workshop

from .conftest import start_server, stop_process_group

PARTICIPANTS = ["PER-02", "PER-03", "PER-05", "PER-06"]


async def _participant(base_url: str, pid: str, token: str, confirmed: list, stop_at: float) -> None:
    try:
        async with PageClient(base_url, "accueil.ipynb", token, timeout=60) as page:
            i = 0
            while time.monotonic() < stop_at:
                value = f"{pid} envoi {i}"
                await page.set_value("maillage-field-function", value)
                status = await page.click_and_wait("maillage-save", "maillage-status", timeout=30)
                if "maillage-ok" in status["_dom_classes"]:
                    confirmed.append((pid, value))
                i += 1
    except Exception:  # the crash cuts the connection: what was confirmed before counts
        return


@pytest.mark.slow
def test_confirmed_submissions_survive_sigkill(_demo_template: Path, tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    shutil.copytree(_demo_template, folder)
    server = start_server(folder, participants=len(PARTICIPANTS))
    tokens = {pid: server.token(pid) for pid in PARTICIPANTS}
    confirmed: list[tuple[str, str]] = []

    async def run() -> None:
        stop_at = time.monotonic() + 120
        tasks = [asyncio.create_task(_participant(server.base_url, pid, tokens[pid], confirmed, stop_at))
                 for pid in PARTICIPANTS]
        while len(confirmed) < 4 * len(PARTICIPANTS):  # well into the submissions
            await asyncio.sleep(0.05)
        await asyncio.to_thread(stop_process_group, server.process, signal.SIGKILL)
        await asyncio.wait_for(asyncio.gather(*tasks), 90)

    try:
        asyncio.run(run())
    finally:
        stop_process_group(server.process, signal.SIGKILL)
    server.workshop.close()
    assert len(confirmed) >= 4 * len(PARTICIPANTS)

    restarted = start_server(folder, participants=1)
    try:
        ws = Workshop.open(folder)
        saved = {(h["by"], h["new"]["function"]) for h in ws.store.history("persons")
                 if h["op"] == "update" and "function" in (h["new"] or {})}
        lost = [c for c in confirmed if c not in saved]
        assert lost == [], f"{len(lost)} envoi(s) confirmé(s) perdu(s) : {lost[:5]}"
        for pid in PARTICIPANTS:  # the last confirmed value is at least as recent as the record
            mine = [v for p, v in confirmed if p == pid]
            if mine:
                current = ws.store.get("persons", pid)["function"]
                assert int(current.rsplit(" ", 1)[1]) >= int(mine[-1].rsplit(" ", 1)[1])

        async def after() -> dict:  # and the restarted server takes submissions again
            async with PageClient(restarted.base_url, "accueil.ipynb", tokens["PER-02"]) as page:
                await page.set_value("maillage-field-function", "après redémarrage")
                return await page.click_and_wait("maillage-save", "maillage-status")

        assert "maillage-ok" in asyncio.run(after())["_dom_classes"]
        assert ws.store.get("persons", "PER-02")["function"] == "après redémarrage"
        ws.close()
    finally:
        restarted.stop()
