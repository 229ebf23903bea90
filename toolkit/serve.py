"""Serving the participant pages of ``ateliers/`` with Voilà, and the links to join.

Voilà is configured, not patched: we build its command line (traitlets options) and
pass the workshop to every kernel through the ``MAILLAGE_ATELIER`` environment variable.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from .workshop import ENV_FOLDER, ENV_URL, Workshop

PAGES_DIR = Path(__file__).resolve().parent.parent / "ateliers"
WELCOME_PAGE = "accueil.ipynb"


def page_url(host: str, port: int, page: str, token: str) -> str:
    """The link a person opens: a Voilà page with their token in the query string.

    >>> page_url("127.0.0.1", 8866, "accueil.ipynb", "abc")
    'http://127.0.0.1:8866/voila/render/accueil.ipynb?jeton=abc'
    """
    return f"http://{host}:{port}/voila/render/{quote(page)}?jeton={quote(token)}"


def join_links(ws: Workshop, host: str, port: int) -> list[dict[str, str]]:
    """One welcome link per person, as plain dicts (id, name, url)."""
    return [
        {"id": p["id"], "name": p["name"], "url": page_url(host, port, WELCOME_PAGE, p["token"])}
        for p in ws.store.all("persons")
        if p.get("token")
    ]


def voila_command(ws: Workshop, host: str, port: int) -> list[str]:
    """The Voilà command line serving ``ateliers/`` for this workshop."""
    return [
        sys.executable, "-m", "voila", str(PAGES_DIR),
        "--no-browser",
        f"--Voila.ip={host}",
        f"--port={port}",
        "--show_tracebacks=False",
        "--theme=light",
    ]


def serve(ws: Workshop, host: str = "127.0.0.1", port: int = 8866) -> int:
    """Start Voilà in the foreground until interrupted; returns its exit code."""
    env = dict(os.environ)
    env[ENV_FOLDER] = str(ws.folder)
    env[ENV_URL] = ws.url
    process = subprocess.Popen(voila_command(ws, host, port), env=env, cwd=str(PAGES_DIR))
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait()
