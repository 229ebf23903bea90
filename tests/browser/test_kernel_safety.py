"""The front end can never run code in a kernel: Voilà drops ``execute_request``."""
from __future__ import annotations

import asyncio
from pathlib import Path

from toolkit.voila_client import PageClient


def test_execute_request_from_websocket_is_dropped(server, tmp_path: Path) -> None:  # noqa: ANN001
    target = tmp_path / "pirate.txt"

    async def attack() -> dict:
        async with PageClient(server.base_url, "accueil.ipynb", server.token("PER-12")) as page:
            await page.send_execute(f"open({str(target)!r}, 'w').write('pirate')")
            replies = []
            # Collect what the kernel answers for 10 s at most: live widgets may keep the
            # socket busy, so a quiet spell alone would not end the wait.
            deadline = asyncio.get_running_loop().time() + 10
            try:
                while asyncio.get_running_loop().time() < deadline:
                    msg = await page.receive(timeout=3)
                    replies.append(msg.get("msg_type"))
            except asyncio.TimeoutError:
                pass
            # the page itself still works: widget messages do go through
            await page.set_value("maillage-field-function", "Toujours là")
            status = await page.click_and_wait("maillage-save", "maillage-status")
            return {"replies": replies, "status": status}

    result = asyncio.run(attack())
    assert not target.exists()
    assert "execute_reply" not in result["replies"] and "execute_input" not in result["replies"]
    assert "maillage-ok" in result["status"]["_dom_classes"]
    assert "execute_request" in server.log.read_text(errors="replace")  # Voilà logged and ignored it
