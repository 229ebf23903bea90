"""A headless participant: opens a Voilà page and drives its widgets over the websocket.

It does what a browser does, without the browser: GET the page (Voilà runs the notebook),
read the kernel id from the page, connect to the kernel's websocket, ask the widget
states (the ``jupyter.widget.control`` comm), then set widget values and click buttons
with the same comm messages the front end sends. Used by the durability test and by
``bench/bench_serve.py`` to play tens of participants at once on one machine; also handy
to check a running server from a script.

It speaks the kernel websocket protocol of Voilà's front end (``v1.kernel.websocket.jupyter.org``:
binary frames the server relays without decoding them). Only what a browser may send goes
through: widget (comm) messages. Sending code to run (``execute_request``) is possible
with :meth:`PageClient.send_execute` precisely to prove that the server drops it.

Example
-------
::

    async with PageClient("http://127.0.0.1:8866", "accueil.ipynb", token) as page:
        await page.set_value("maillage-field-function", "Cheffe de projet")
        status = await page.click_and_wait("maillage-save", "maillage-status")
"""
from __future__ import annotations

import asyncio
import json
import re
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import quote

import websockets
from jupyter_server.services.kernels.connection.base import deserialize_msg_from_ws_v1, serialize_msg_to_ws_v1

from .core import labels as L

# asyncio.to_thread's default pool has cpu+4 threads: too few to let 30 participants
# load their page at the same moment.
_HTTP_THREADS = ThreadPoolExecutor(max_workers=128, thread_name_prefix="voila-client")

KERNEL_ID_RE = re.compile(r'"kernelId":\s*"([0-9a-f-]{36})"')
#: The kernel websocket protocol Voilà's front end speaks: the server relays the kernel's
#: frames as they are, where the older JSON protocol made it decode and re-encode each one.
WS_PROTOCOL = "v1.kernel.websocket.jupyter.org"
_PARTS = ("header", "parent_header", "metadata", "content")


def encode(msg: dict[str, Any]) -> bytes:
    """A message as a binary websocket frame of the v1 protocol."""
    return serialize_msg_to_ws_v1([json.dumps(msg[part]).encode() for part in _PARTS], msg["channel"])


def decode(frame: bytes) -> dict[str, Any]:
    """A v1 websocket frame as a message dict (``msg_type`` at the top, as in the JSON protocol)."""
    channel, parts = deserialize_msg_from_ws_v1(frame)
    msg: dict[str, Any] = {part: json.loads(raw) for part, raw in zip(_PARTS, parts)}
    msg.update(channel=channel, msg_type=msg["header"].get("msg_type"), buffers=parts[len(_PARTS):])
    return msg


def _msg(msg_type: str, content: dict[str, Any], session: str, channel: str = "shell",
         metadata: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "header": {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "maillage", "session": session,
                   "date": "", "version": "5.3"},
        "parent_header": {}, "metadata": metadata or {}, "content": content, "channel": channel, "buffers": [],
    }


def fetch_page(base_url: str, page: str, token: str, timeout: float = 120) -> tuple[str, float]:
    """GET a page with a token; returns (html, seconds until the whole page arrived)."""
    text, seconds, _ = fetch_page_and_cookie(base_url, page, token, timeout)
    return text, seconds


def fetch_page_and_cookie(base_url: str, page: str, token: str, timeout: float = 120) -> tuple[str, float, str]:
    """:func:`fetch_page`, plus the page's ``_xsrf`` cookie ("" if none was set)."""
    url = f"{base_url}/voila/render/{quote(page)}?jeton={quote(token)}"
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - our own local server
        text = response.read().decode("utf-8")
        cookies = response.headers.get_all("Set-Cookie") or []
    xsrf = next((c.split(";", 1)[0].split("=", 1)[1] for c in cookies if c.startswith("_xsrf=")), "")
    return text, time.perf_counter() - start, xsrf


class PageClient:
    """One page opened by one participant (async context manager)."""

    def __init__(self, base_url: str, page: str, token: str, timeout: float = 120) -> None:
        self.base_url, self.page, self.token, self.timeout = base_url.rstrip("/"), page, token, timeout
        self.session = uuid.uuid4().hex
        self.html = ""
        self.kernel_id: str | None = None
        self.join_seconds = 0.0  # page rendered, websocket connected, widgets' states read
        self.page_seconds = 0.0  # page rendered (the whole HTML received)
        self.states: dict[str, dict[str, Any]] = {}
        self.ws: Any = None
        self.xsrf = ""  # the page's XSRF cookie, sent back with the goodbye as a browser does
        self._control = uuid.uuid4().hex

    async def __aenter__(self) -> "PageClient":
        if self.ws is None:
            await self.open()
        return self

    async def __aexit__(self, *exc: Any) -> None:
        await self.close()

    async def open(self) -> None:
        """Load the page, connect to its kernel, read every widget's state."""
        start = time.perf_counter()
        self.html, self.page_seconds, self.xsrf = await asyncio.get_running_loop().run_in_executor(
            _HTTP_THREADS, fetch_page_and_cookie, self.base_url, self.page, self.token, self.timeout)
        match = KERNEL_ID_RE.search(self.html)
        if not match:
            raise RuntimeError("no kernel id in the page")
        self.kernel_id = match.group(1)
        ws_url = self.base_url.replace("http", "ws", 1) + f"/api/kernels/{self.kernel_id}/channels?session_id={self.session}"
        # No client pings, as in a browser (whose WebSocket never pings): a server slow to
        # answer a ping under load must not end a participant's connection.
        self.ws = await websockets.connect(ws_url, max_size=None, open_timeout=self.timeout, ping_interval=None,
                                           subprotocols=[WS_PROTOCOL])
        await self.request_states()
        self.join_seconds = time.perf_counter() - start

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    async def shutdown_kernel(self) -> None:
        """What the page does when its tab closes: ask the server to stop the kernel.

        As Voilà's front end does: the ``_xsrf`` cookie's value, as cookie and as form field.
        """
        url = f"{self.base_url}/voila/api/shutdown/{self.kernel_id}"
        request = urllib.request.Request(url, method="POST", data=f"_xsrf={quote(self.xsrf)}".encode(),
                                         headers={"Cookie": f"_xsrf={self.xsrf}",
                                                  "Content-Type": "application/x-www-form-urlencoded"})
        try:
            await asyncio.get_running_loop().run_in_executor(
                _HTTP_THREADS, lambda: urllib.request.urlopen(request, timeout=30).read())
        except Exception:  # noqa: BLE001 - best effort, as in the browser
            pass

    async def send(self, msg: dict[str, Any]) -> None:
        await self.ws.send(encode(msg))

    async def receive(self, timeout: float | None = None) -> dict[str, Any]:
        frame = await asyncio.wait_for(self.ws.recv(), timeout or self.timeout)
        return decode(frame) if isinstance(frame, bytes) else json.loads(frame)

    async def request_states(self) -> None:
        """Open the widget control comm and store every widget's state."""
        await self.send(_msg("comm_open", {"comm_id": self._control, "target_name": "jupyter.widget.control",
                                           "data": {}}, self.session, metadata={"version": "1.0.0"}))
        await self.send(_msg("comm_msg", {"comm_id": self._control, "data": {"method": "request_states"}},
                             self.session))
        while True:
            msg = await self.receive()
            content = msg.get("content", {})
            if msg.get("msg_type") == "comm_msg" and content.get("comm_id") == self._control:
                data = content.get("data", {})
                if data.get("method") == "update_states":
                    self.states = {mid: s["state"] for mid, s in data["states"].items()}
                    return

    def find(self, css_class: str) -> str:
        """The model id of the (first) widget carrying ``css_class``."""
        for model_id, state in self.states.items():
            if css_class in (state.get("_dom_classes") or []):
                return model_id
        refused = "maillage-refus" in self.html
        raise KeyError(L.VOILA_CLIENT["missing"].format(css_class=css_class)
                       + (L.VOILA_CLIENT["refused"] if refused else ""))

    def find_all(self, css_class: str) -> list[str]:
        return [m for m, s in self.states.items() if css_class in (s.get("_dom_classes") or [])]

    async def set_value(self, css_class: str, value: Any) -> None:
        """Type ``value`` into the widget carrying ``css_class``."""
        model_id = self.find(css_class)
        self.states[model_id]["value"] = value
        await self.send(_msg("comm_msg", {"comm_id": model_id, "data": {
            "method": "update", "state": {"value": value}, "buffer_paths": []}}, self.session))

    async def click(self, css_class: str) -> None:
        await self.send(_msg("comm_msg", {"comm_id": self.find(css_class), "data": {
            "method": "custom", "content": {"event": "click"}}}, self.session))

    async def wait_update(self, css_class: str, accept: Any, timeout: float | None = None) -> dict[str, Any]:
        """Wait until the widget carrying ``css_class`` gets a state for which ``accept(state)``
        is true; returns that state (the kernel only sends what changed)."""
        model_id = self.find(css_class)
        deadline = time.perf_counter() + (timeout or self.timeout)
        while True:
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(css_class)
            msg = await self.receive(left)
            content = msg.get("content", {})
            if msg.get("msg_type") != "comm_msg" or content.get("comm_id") != model_id:
                continue
            data = content.get("data", {})
            if data.get("method") in ("update", "echo_update"):
                self.states[model_id].update(data.get("state", {}))
                if accept(self.states[model_id]):
                    return self.states[model_id]

    async def click_and_wait(self, button: str, status: str, timeout: float | None = None) -> dict[str, Any]:
        """Click ``button``; return the status widget's state once it says ok or error."""
        await self.click(button)
        return await self.wait_update(status, lambda s: bool({"maillage-ok", "maillage-error"}
                                                              & set(s.get("_dom_classes") or []))
                                      and "maillage-busy" not in (s.get("_dom_classes") or []), timeout)

    async def send_execute(self, code: str) -> None:
        """Send code to run, as a hostile front end would (the server must drop it)."""
        await self.send(_msg("execute_request", {"code": code, "silent": False, "store_history": False,
                                                 "user_expressions": {}, "allow_stdin": False,
                                                 "stop_on_error": True}, self.session))


async def reload_page(base_url: str, page: str, token: str, reloads: int, goodbye: list[bool],
                      timeout: float = 180) -> tuple[list[str], PageClient]:
    """A participant reloading ``page`` ``reloads`` times, then staying on it.

    Each time the tab goes, it says goodbye (the shutdown beacon) when ``goodbye[i]`` is
    true, else vanishes (a phone put away). Returns the kernels of the pages left and the
    page still open (connected; the caller closes it).
    """
    left = []
    for i in range(reloads):
        client = PageClient(base_url, page, token, timeout=timeout)
        await client.open()
        left.append(client.kernel_id or "")
        if goodbye[i % len(goodbye)]:
            await client.shutdown_kernel()
        await client.close()
    staying = PageClient(base_url, page, token, timeout=timeout)
    await staying.open()
    return left, staying


def kernel_alive(base_url: str, kernel_id: str) -> bool:
    """True while the server still runs ``kernel_id`` (the front end's own kernel query)."""
    try:
        with urllib.request.urlopen(f"{base_url.rstrip('/')}/api/kernels/{kernel_id}", timeout=10) as response:  # noqa: S310
            return json.load(response)["id"] == kernel_id
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return False
        raise
