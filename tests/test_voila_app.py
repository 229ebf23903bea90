"""Voilà as ``maillage servir`` runs it (toolkit.voila_app), against a real server:
no directory listing, static files compressed and cached, pages still served."""
from __future__ import annotations

import gzip
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from toolkit import serve
from toolkit.core.workshop import Workshop


@pytest.fixture(params=["/"])
def served(demo_workshop: Workshop, tmp_path: Path, request: pytest.FixtureRequest):  # noqa: ANN201
    """A server on the demo workshop, at the root or (parametrised) under a hub's prefix."""
    prefix = request.param
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "voila.log"
    cmd = serve.voila_command(demo_workshop, "127.0.0.1", port, 0, preheat=False)
    if prefix != "/":
        cmd.append(f"--Voila.base_url={prefix}")
    with open(log, "w") as out:
        process = subprocess.Popen(cmd, env=serve.server_env(demo_workshop, "127.0.0.1"), cwd=str(serve.PAGES_DIR),
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}{prefix.rstrip('/')}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/voila/static/voila.js", timeout=2).read()
            break
        except OSError:
            assert process.poll() is None, log.read_text()
            time.sleep(0.3)
    yield base
    import os

    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


def _get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


def test_no_directory_listing(served: str) -> None:
    for path in ("/", "/voila/tree", "/voila/tree/", "/voila/api/contents", "/voila/api/contents/accueil.ipynb"):
        status, _, body = _get(served + path)
        assert status == 404, path
        assert b"accueil.ipynb" not in body and b"https://" not in body  # nothing listed, nothing remote


def test_every_error_page_in_french_with_nothing_remote(served: str) -> None:
    """A URL no handler matches, a missing page, a static file outside Voilà's folders: the
    workshop's French page, not tornado's « 404: Not Found » / « 403: Forbidden »."""
    from toolkit.core import labels as L

    for path, code in (("/nexiste/pas", 404), ("/api/nexiste-pas", 404), ("/voila/render/nexiste-pas.ipynb", 404),
                       ("/voila/static/nexiste-pas.js", 403), ("/voila/files/nexiste-pas", 403),
                       ("/voila/labextensions/nexiste-pas.js", 404), ("/voila/query/nexiste-pas", 404)):
        status, headers, body = _get(served + path)
        text = body.decode("utf-8")
        assert status == code, path
        assert headers["Content-Type"].startswith("text/html"), path
        assert L.ERROR_PAGE[f"{code}_title"] in text and 'lang="fr"' in text, path
        assert "Not Found" not in text and "Forbidden" not in text and "https://" not in text, path


def test_static_files_compressed_once_and_cached(served: str) -> None:
    status, headers, plain = _get(served + "/voila/static/voila.js")
    assert status == 200 and "Content-Encoding" not in headers  # a client without gzip gets the file
    for _ in range(2):  # compressed on the first request, from memory on the second
        status, headers, body = _get(served + "/voila/static/voila.js", **{"Accept-Encoding": "gzip"})
        assert status == 200 and headers["Content-Encoding"] == "gzip"
        assert gzip.decompress(body) == plain and int(headers["Content-Length"]) == len(body) < len(plain) / 2
        assert headers["Cache-Control"] == f"max-age={serve.ASSET_MAX_AGE_SECONDS}"
    status, headers, part = _get(served + "/voila/static/voila.js", Range="bytes=0-99")
    assert status == 206 and part == plain[:100]


@pytest.mark.parametrize("served", ["/", "/services/atelier-x/"], indirect=True)
def test_labextensions_immutable_and_compressed(served: str) -> None:
    import re
    import sys

    ext = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "@jupyter-widgets" / "jupyterlab-manager"
    entry = next((ext / "static").glob("remoteEntry.*.js"), None)
    if entry is None:
        pytest.skip("jupyterlab-manager n'est pas installé ici")
    url = f"{served}/voila/labextensions/@jupyter-widgets/jupyterlab-manager/static/{entry.name}?v=1"
    status, headers, body = _get(url, **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip" and gzip.decompress(body) == entry.read_bytes()
    assert "immutable" in headers["Cache-Control"] and re.search(r"max-age=\d{7,}", headers["Cache-Control"])


def test_pages_still_served_compressed(served: str, demo_workshop: Workshop) -> None:
    token = demo_workshop.store.get("persons", "PER-02")["token"]
    status, headers, body = _get(serve.page_url("127.0.0.1", int(served.rsplit(":", 1)[1]), "accueil.ipynb", token),
                                 **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    page = gzip.decompress(body).decode("utf-8")
    assert "maillage" in page
    # Voilà's lab template as the maillage template changes it: nothing remote, French texts
    import re

    from toolkit.core import labels as L

    assert not re.findall(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert L.CONNECTION["loading"] in page and "Running" not in page and "maillageLoadingText" in page
    assert page.count('type="application/vnd.voila.cell-output+json"') == 1  # the page's one output
