"""The preheated kernel's request, read from the server's websocket as Voilà hands it over."""
from __future__ import annotations

import json
import os
import threading

import pytest
from websockets.sync.server import serve

from toolkit import page_request


@pytest.fixture
def handover(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    """A websocket server standing for Voilà's ``/voila/query/<kernel id>`` handler."""
    seen: list[str] = []

    def handler(ws) -> None:  # noqa: ANN001
        seen.append(ws.request.path)
        ws.send(json.dumps({"QUERY_STRING": "jeton=abc&x=1", "SCRIPT_NAME": "/voila/render/accueil.ipynb"}))

    server = serve(handler, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.socket.getsockname()[1]
    monkeypatch.setenv("VOILA_APP_IP", "127.0.0.1")
    monkeypatch.setenv("VOILA_APP_PORT", str(port))
    monkeypatch.setenv("VOILA_SERVER_URL", "/")
    monkeypatch.setenv("VOILA_KERNEL_ID", "noyau-1")
    monkeypatch.delenv("VOILA_WS_BASE_URL", raising=False)
    monkeypatch.delenv("QUERY_STRING", raising=False)
    monkeypatch.delenv("SCRIPT_NAME", raising=False)
    yield seen
    server.shutdown()
    thread.join(5)


def test_request_put_in_the_environment(handover: list[str]) -> None:
    assert page_request.wait_for_request() is True
    assert os.environ["QUERY_STRING"] == "jeton=abc&x=1"
    assert os.environ["SCRIPT_NAME"] == "/voila/render/accueil.ipynb"
    assert handover == ["/voila/query/noyau-1"]


def test_unreachable_server_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("VOILA_APP_IP", "127.0.0.1")
    monkeypatch.setenv("VOILA_APP_PORT", str(port))
    monkeypatch.delenv("QUERY_STRING", raising=False)
    assert page_request.wait_for_request(open_timeout=1) is False
    assert "QUERY_STRING" not in os.environ


def test_url_follows_the_server_prefix() -> None:
    env = {"VOILA_APP_IP": "10.0.0.2", "VOILA_APP_PORT": "9000", "VOILA_SERVER_URL": "/services/atelier/",
           "VOILA_KERNEL_ID": "k"}
    assert page_request.query_url(env) == "ws://10.0.0.2:9000/services/atelier/voila/query/k"
    assert page_request.query_url({**env, "VOILA_WS_BASE_URL": "/ws/"}) == "ws://10.0.0.2:9000/ws/voila/query/k"
