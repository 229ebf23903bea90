"""The request a preheated Voilà kernel is waiting for, read without Voilà's server side.

A preheated kernel runs its page before anyone asks for it; when a visitor comes, Voilà
hands that kernel the visitor's request (query string, URL…) over a websocket of its own,
``/voila/query/<kernel id>``. Voilà's helper (``voila.utils.get_query_string``) does the
same thing, but importing ``voila.utils`` loads Voilà's server side into every kernel
(jupyter_server, jinja2, jsonschema and its RFC 3987 grammar): about 45 MiB and 0.5 s of
CPU per kernel, for one websocket message. This module speaks to the same endpoint with
``websockets``' synchronous client (a dependency of Voilà, light to import) and sets the
same environment variables.

Example
-------
>>> query_url({"VOILA_APP_IP": "127.0.0.1", "VOILA_APP_PORT": "8870", "VOILA_KERNEL_ID": "k1"})
'ws://127.0.0.1:8870/voila/query/k1'
"""
from __future__ import annotations

import json
import os
from typing import Mapping

#: How long to wait for the server to accept the websocket (Voilà's helper: 5 s too).
OPEN_TIMEOUT_SECONDS = 5.0


def query_url(env: Mapping[str, str] = os.environ) -> str:
    """Where this kernel's request is handed over, from the variables Voilà gives kernels."""
    protocol = env.get("VOILA_WS_PROTOCOL", "ws")
    host = env.get("VOILA_APP_IP", "127.0.0.1")
    port = env.get("VOILA_APP_PORT", "8866")
    base = env.get("VOILA_WS_BASE_URL", env.get("VOILA_SERVER_URL", "/"))
    return f"{protocol}://{host}:{port}{base}voila/query/{env.get('VOILA_KERNEL_ID', '')}"


def wait_for_request(open_timeout: float = OPEN_TIMEOUT_SECONDS) -> bool:
    """Wait for this kernel's visitor and put their request into ``os.environ``
    (``QUERY_STRING`` among others), as Voilà's own helper does.

    Blocks until the visitor comes. Returns False when the server could not be reached
    within ``open_timeout`` (a machine busy starting kernels): the request is kept for
    this kernel, so calling again is safe.
    """
    from websockets.exceptions import WebSocketException
    from websockets.sync.client import connect

    try:
        # proxy=None: the server is this machine; a proxy from the environment must not see it.
        with connect(query_url(), open_timeout=open_timeout, proxy=None, compression=None) as ws:
            message = ws.recv()
    except (TimeoutError, OSError, WebSocketException):
        return False
    for key, value in json.loads(message).items():
        os.environ[key] = str(value)
    return True
