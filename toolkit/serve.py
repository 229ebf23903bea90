"""Serving the participant pages of ``ateliers/`` with Voilà, and the links to join.

Voilà is configured, not patched: :func:`voila_config` builds its traitlets configuration
(preheated kernel pools sized from the expected number of participants, culling of
abandoned kernels, no tracebacks, no-referrer headers so tokens in links do not travel,
the ``maillage`` template: Voilà's lab template without its remote stylesheets),
written as ``voila.json`` in the workshop's ``.serveur/`` folder and found through
``--Voila.config_file_paths``. It runs as :mod:`toolkit.voila_app`, Voilà's application
with what it has no setting for: no listing of the pages, responses compressed (static
files once), Voilà's scripts cached. Links go to the machine's address on the room's
network (:func:`links_root`), noted in ``.serveur/adresse.json`` for ``maillage liens``. The workshop reaches every kernel through the environment
(``MAILLAGE_ATELIER``, ``MAILLAGE_STORE_URL``).

The front end can never run code in a kernel: Voilà only lets widget (comm) messages,
``kernel_info_request`` and ``shutdown_request`` through the websocket
(``allowed_message_types`` of its kernel manager); an ``execute_request`` sent by a
browser is dropped. ``tests/test_serve.py`` proves it against a running server.

Example
-------
>>> page_url("127.0.0.1", 8866, "accueil.ipynb", "abc")
'http://127.0.0.1:8866/voila/render/accueil.ipynb?jeton=abc'
>>> pool_sizes(30, ["accueil.ipynb", "animateur.ipynb", "parties_prenantes.ipynb"])["accueil.ipynb"]
30
"""
from __future__ import annotations

import html
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import quote

from .core import labels as L
from . import steps as steps_mod
from .access import TOKEN_PARAM
from .core.errors import MaillageError
from .core.workshop import ENV_FOLDER, ENV_URL, Workshop

PAGES_DIR = steps_mod.PAGES_DIR
#: Our Jupyter data folder: the ``maillage`` Voilà template (lab without remote stylesheets).
DATA_DIR = Path(__file__).resolve().parent / "jupyter_data"
TEMPLATE = "maillage"
WELCOME_PAGE = "accueil.ipynb"
FACILITATOR_PAGE = "animateur.ipynb"
RUN_DIR = ".serveur"
JOIN_SHEET = "liens_participants.html"
MAX_PARTICIPANTS = 200

#: Voilà as we run it (toolkit/voila_app.py): no directory listing, cached static files.
VOILA_APP = "toolkit.voila_app"
#: How long a phone keeps Voilà's scripts without asking again (one session of a workshop).
ASSET_MAX_AGE_SECONDS = 4 * 3600
#: Kernels of closed tabs whose browser could not say goodbye are shut down after this
#: long without activity; a page still connected is never culled (``cull_connected``).
CULL_IDLE_SECONDS = 3600
CULL_INTERVAL_SECONDS = 300
FILL_DELAY_SECONDS = 30.0
#: Preheated kernels kept for each page other than the welcome page (see pool_sizes).
SPARE_PER_PAGE = 2
#: A page without connection for this long has been left: its kernel stops (a dropped
#: connection that comes back sooner keeps its page). Overridden by tests through
#: ``MAILLAGE_ABANDON_SECONDS``.
ABANDON_AFTER_SECONDS = float(os.environ.get("MAILLAGE_ABANDON_SECONDS", "45"))


#: Behind a JupyterHub (``toolkit.hub``), the public address of the workshop's Voilà,
#: prefix included (``https://hub/services/atelier-x``): links are built on it instead of
#: the host and port Voilà was reached on, which are the proxy's view, not the public one.
ENV_LINKS_BASE = "MAILLAGE_ADRESSE_LIENS"


#: Where ``maillage servir`` notes the address and port it serves the workshop on
#: (``.serveur/adresse.json``): ``maillage liens`` and the Gestion page build links on it.
ADDRESS_FILE = "adresse.json"
ALL_INTERFACES = ("0.0.0.0", "", "::")
#: Private addresses whose route reveals the room's interface (a UDP ``connect`` sends nothing).
_ROUTE_PROBES = ("10.254.254.254", "192.168.254.254", "172.31.254.254")


def page_url(host: str, port: int, page: str, token: str, root: str | None = None) -> str:
    """The link a person opens: a Voilà page with their token in the query string.

    On ``root`` when given (see :func:`links_root`), else on the hub's address, else on
    ``http://host:port``.
    """
    root = (root or os.environ.get(ENV_LINKS_BASE, "")).rstrip("/") or f"http://{_url_host(host)}:{port}"
    return f"{root}/voila/render/{quote(page)}?{TOKEN_PARAM}={quote(token)}"


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def is_loopback(host: str | None) -> bool:
    """True for an address only this machine reaches (127.x, ``localhost``, ``::1``)."""
    import ipaddress

    host = (host or "").strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def room_address() -> str | None:
    """This machine's IPv4 address on the room's network, or None when it has none.

    No traffic leaves the machine: a UDP socket ``connect`` only asks the system which
    local address would carry a packet to a private address (nothing is sent); when no
    route exists (a room hotspot without internet, say), the interfaces are read instead
    (``psutil``, a dependency of ipykernel), private addresses first.
    """
    import ipaddress

    for probe in _ROUTE_PROBES:
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.connect((probe, 9))
                address = s.getsockname()[0]
        except OSError:
            continue
        if address != "0.0.0.0" and not is_loopback(address):
            return address
    try:
        import psutil
    except ImportError:  # pragma: no cover - ipykernel requires it
        return None
    up = {name for name, st in psutil.net_if_stats().items() if st.isup}
    found = []
    for name, addresses in psutil.net_if_addrs().items():
        if name not in up or name.startswith(("docker", "br-", "veth", "virbr")):
            continue  # containers' bridges are not the room's network
        for a in addresses:
            if a.family == socket.AF_INET:
                ip = ipaddress.ip_address(a.address)
                if not (ip.is_loopback or ip.is_link_local):
                    found.append((not ip.is_private, a.address))
    return min(found)[1] if found else None


def advertised_host(host: str) -> str:
    """The address to put in links: ``host``, or this machine's address on the room's
    network when listening on all interfaces (``127.0.0.1`` when it has none)."""
    if host not in ALL_INTERFACES:
        return host
    return room_address() or "127.0.0.1"


def check_public_address(value: str | None) -> str | None:
    """``--adresse-publique`` as a link root (``http(s)://host[:port][/prefix]``, no final
    slash), or None when not given; a French error otherwise."""
    from urllib.parse import urlsplit

    if value is None or not value.strip():
        return None
    parts = urlsplit(value.strip())
    try:
        port_ok = parts.port is None or parts.port > 0
    except ValueError:  # not a number, or out of range
        port_ok = False
    if (parts.scheme not in ("http", "https") or not parts.hostname or not port_ok
            or parts.query or parts.fragment):
        raise MaillageError(L.SERVE["bad_public_address"].format(value=value))
    return value.strip().rstrip("/")


def links_root(host: str, port: int, public: str | None = None) -> str:
    """The root every link starts with: ``--adresse-publique`` when given, else the hub's
    address (``MAILLAGE_ADRESSE_LIENS``), else ``http://<address on the room's network>:<port>``."""
    return (check_public_address(public) or os.environ.get(ENV_LINKS_BASE, "").rstrip("/")
            or f"http://{_url_host(advertised_host(host))}:{port}")


def record_address(ws: Workshop, host: str, port: int, root: str) -> Path:
    """Note in ``.serveur/`` where the workshop is being served (read by :func:`served_address`)."""
    import datetime as dt

    run_dir = ws.folder / RUN_DIR
    run_dir.mkdir(exist_ok=True)
    path = run_dir / ADDRESS_FILE
    path.write_text(json.dumps({"host": host, "port": port, "links_root": root, "pid": os.getpid(),
                                "since": dt.datetime.now().astimezone().isoformat(timespec="seconds")},
                               indent=2), encoding="utf-8")
    return path


def served_address(ws: Workshop) -> dict[str, Any] | None:
    """Where ``maillage servir`` last served the workshop (host, port, links_root, pid,
    since, and ``running``: whether that ``maillage servir`` still runs), or None."""
    try:
        found = json.loads((ws.folder / RUN_DIR / ADDRESS_FILE).read_text(encoding="utf-8"))
        found["port"] = int(found["port"])
        str(found["links_root"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    found["running"] = _alive(found.get("pid"))
    return found


def _alive(pid: Any) -> bool:
    try:
        import psutil

        return bool(pid) and psutil.pid_exists(int(pid))
    except (ImportError, TypeError, ValueError):  # pragma: no cover
        return False


def join_links(ws: Workshop, host: str, port: int, root: str | None = None) -> list[dict[str, str]]:
    """One welcome link per person holding a token, as plain dicts (id, name, organisation, url)."""
    return [
        {"id": p["id"], "name": p["name"], "organisation": p["organisation"],
         "url": page_url(host, port, WELCOME_PAGE, p["token"], root)}
        for p in ws.store.all("persons")
        if p.get("token")
    ]


def facilitator_url(ws: Workshop, host: str, port: int, root: str | None = None) -> str:
    """The facilitator's link (board page), creating the facilitator token if needed."""
    return page_url(host, port, FACILITATOR_PAGE, ws.store.facilitator_token(), root)


def join_sheet_html(links: list[dict[str, str]], project_name: str) -> str:
    """A printable page: per participant a card with name, organisation, QR code and link.

    QR codes are inline SVG made by ``segno`` (offline); every text is escaped.
    """
    import segno

    cards = []
    for link in links:
        svg = segno.make(link["url"], error="m").svg_inline(scale=4, title=link["name"])
        cards.append(
            "<section class='card'>"
            f"<h2>{html.escape(link['name'])}</h2><p class='org'>{html.escape(link.get('organisation', ''))}</p>"
            f"<div class='qr'>{svg}</div><p class='url'>{html.escape(link['url'])}</p></section>")
    title = L.JOIN_SHEET["title"].format(project=project_name)
    from urllib.parse import urlsplit

    local = bool(links) and all(is_loopback(urlsplit(link["url"]).hostname) for link in links)
    warning = (f"<p class='warning' role='alert'>{html.escape(L.JOIN_SHEET['loopback'])}</p>" if local else "")
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
body {{ font-family: sans-serif; margin: 1cm; }}
.cards {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(8.5cm, 1fr)); gap: .4cm; }}
.card {{ border: 1px dashed #888; padding: .4cm; break-inside: avoid; page-break-inside: avoid; }}
.card h2 {{ font-size: 14pt; margin: 0; }}
.org {{ margin: .1cm 0 .2cm; color: #444; }}
.url {{ font-family: monospace; font-size: 8pt; word-break: break-all; }}
.warning {{ border: 3px solid #b00020; color: #b00020; padding: .3cm; font-weight: bold; }}
@media print {{ body {{ margin: 0; }} .intro {{ font-size: 10pt; }} }}
</style></head><body>
<h1>{html.escape(title)}</h1>
{warning}<p class="intro">{html.escape(L.JOIN_SHEET["intro"])} {html.escape(L.JOIN_SHEET["cut"])}</p>
<div class="cards">
{chr(10).join(cards)}
</div></body></html>
"""


def write_join_sheet(ws: Workshop, host: str, port: int, root: str | None = None) -> Path:
    """Write the printable join sheet into the workshop's ``exports/``; returns its path.

    Links pointing to this machine only (127.0.0.1) get a warning at the top of the sheet.
    """
    project = ws.store.project()
    name = project["name"] if project else ws.folder.name
    path = ws.exports_dir / JOIN_SHEET
    path.write_text(join_sheet_html(join_links(ws, host, port, root), name), encoding="utf-8")
    return path


def served_pages(pages_dir: Path = PAGES_DIR) -> list[str]:
    """The notebooks Voilà will serve (relative names)."""
    return sorted(p.name for p in pages_dir.glob("*.ipynb"))


def pool_sizes(participants: int, pages: Iterable[str]) -> dict[str, int]:
    """Preheated kernels to keep ready per page.

    Everybody opens the welcome page at once when the session starts: one kernel each.
    The steps open inside the welcome page, in the same kernel (``welcome.StepMenu``), so
    a step's own page is only opened through a direct link, like the facilitator's
    pages: :data:`SPARE_PER_PAGE` kernels each. With one, a page opened twice within the
    refill delay (``FILL_DELAY_SECONDS``) waited for a kernel to start (33 s measured:
    the facilitator's board on the projector and on their laptop, a participant reloading).
    """
    spare = SPARE_PER_PAGE if participants else 1
    return {page: max(1, participants) if page == WELCOME_PAGE else spare for page in pages}


def voila_config(participants: int, pages: Iterable[str], preheat: bool = True) -> dict[str, Any]:
    """Voilà's traitlets configuration for a live workshop (the content of ``voila.json``)."""
    sizes = pool_sizes(participants, pages)
    return {
        "VoilaConfiguration": {
            "preheat_kernel": preheat,
            "default_pool_size": 1,
            "show_tracebacks": False,
            "strip_sources": True,
            "theme": "light",
            "template": TEMPLATE,
            # Preheated kernels warm up a few at a time (toolkit/paced_kernels.py).
            "multi_kernel_manager_class": "toolkit.paced_kernels.PacedKernelManager",
        },
        # Kernels of pages left without a goodbye (a phone put away, a lost beacon) stop
        # after a grace period without any connection (toolkit/paced_kernels.py).
        "PacedKernelManager": {"abandon_after": ABANDON_AFTER_SECONDS},
        # A machine busy starting kernels delivers outputs late: wait for them rather
        # than render a page without its widgets.
        "VoilaExecutor": {"iopub_timeout": 30, "startup_timeout": 300},
        "VoilaKernelManager": {
            "kernel_pools_config": {
                "default": {"pool_size": 1},
                **{page: {"pool_size": n} for page, n in sizes.items()},
            },
            # Refill after the wave of arrivals rather than in the middle of it: kernels
            # starting compete for the CPU with the first submissions.
            "fill_delay": FILL_DELAY_SECONDS,
        },
        # Kernels talk to the server over Unix sockets, not TCP ports: a pool of 60 kernels
        # started at once picked colliding "free" ports (ZMQError: Address already in use)
        # and lost kernels; sockets are named after each kernel, and stay off the network.
        "KernelManager": {"transport": "ipc"},
        "MappingKernelManager": {
            "cull_idle_timeout": CULL_IDLE_SECONDS,
            "cull_interval": CULL_INTERVAL_SECONDS,
            "cull_connected": False,
            "cull_busy": False,
        },
        "Voila": {
            # Sets each page's XSRF cookie, so the tab's shutdown beacon is accepted and the
            # kernel of a closed or reloaded page stops at once (toolkit/voila_identity.py).
            "identity_provider_class": "toolkit.voila_identity.PageIdentityProvider",
            "tornado_settings": {
                "headers": {"Referrer-Policy": "no-referrer", "X-Content-Type-Options": "nosniff"},
                # gzip for pages, scripts and styles: a fresh phone downloaded 5.0 MB, 1.4 MB so
                "compress_response": True,
                # labextensions' files have content hashes in their names: cached for good
                "static_immutable_cache": ["/voila/labextensions/"],
            },
        },
        # toolkit.voila_app: no listing of the pages (/, /voila/tree: a CDN stylesheet),
        # Voilà's own scripts cached for a session
        "MaillageVoila": {"directory_listing": False, "asset_max_age": ASSET_MAX_AGE_SECONDS},
    }


def voila_command(ws: Workshop, host: str, port: int, participants: int = 10,
                  preheat: bool = True, pages_dir: Path = PAGES_DIR) -> list[str]:
    """The Voilà command line serving ``ateliers/`` for this workshop (writes ``voila.json``)."""
    run_dir = ws.folder / RUN_DIR
    run_dir.mkdir(exist_ok=True)
    config = voila_config(participants, served_pages(pages_dir), preheat)
    (run_dir / "voila.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    return [
        sys.executable, "-m", VOILA_APP, str(pages_dir),
        "--no-browser",
        f"--Voila.ip={host}",
        f"--port={port}",
        "--Voila.port_retries=0",
        f"--Voila.config_file_paths={run_dir}",
        f"--preheat_kernel={preheat}",
        f"--pool_size={1 if preheat else 0}",
        "--show_tracebacks=False",
        "--theme=light",
        f"--template={TEMPLATE}",
    ]


def server_env(ws: Workshop, host: str, links_root: str | None = None) -> dict[str, str]:
    """The environment of the server and so of every kernel: the workshop, where a
    preheated kernel reaches the server for its request (Voilà's ``VOILA_APP_IP``), and
    the root of the links pages show (the Gestion page's links and sheet, when given)."""
    env = dict(os.environ)
    if links_root:
        env[ENV_LINKS_BASE] = links_root
    env[ENV_FOLDER] = str(ws.folder)
    env[ENV_URL] = ws.url
    env["VOILA_APP_IP"] = "127.0.0.1" if host in ("0.0.0.0", "", "::", "localhost") else host
    env["JUPYTER_PATH"] = os.pathsep.join([str(DATA_DIR)] + [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p])
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def warm_pages(log_text: str, step: str = "accueil") -> int:
    """How many preheated ``step`` pages are warm and waiting, from the server's log."""
    from .widgets.session import READY_MARK

    # Kernels share the log: count marks, not lines, in case two end up on one line.
    return sum(1 for found in re.findall(re.escape(READY_MARK) + r"([a-z_]+)", log_text) if found == step)


def check_participants(value: Any) -> int:
    """The ``--participants`` value as an int in range, else a French error."""
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise MaillageError(L.SERVE["bad_participants"].format(value=value)) from None
    if not 0 <= n <= MAX_PARTICIPANTS:
        raise MaillageError(L.SERVE["bad_participants"].format(value=value))
    return n


def start(ws: Workshop, host: str = "127.0.0.1", port: int = 8866, participants: int = 10,
          preheat: bool = True, links_root: str | None = None, **popen: Any) -> subprocess.Popen:
    """Start Voilà in the background for this workshop; returns the process (its own group).

    ``links_root``: the root of the links the pages show (see :func:`links_root`).
    """
    if not served_pages():
        raise MaillageError(L.SERVE["no_pages"].format(path=PAGES_DIR))
    cmd = voila_command(ws, host, port, check_participants(participants), preheat)
    return subprocess.Popen(cmd, env=server_env(ws, host, links_root), cwd=str(PAGES_DIR), start_new_session=True,
                            **popen)


def warm_target(participants: int, preheat: bool = True) -> int:
    """How many preheated pages the server keeps ready (the sum of its pools)."""
    return sum(pool_sizes(participants, served_pages()).values()) if preheat else 0


class ReadinessLog:
    r"""Copies the server's output (Voilà and its kernels) to a log file and reports, on
    the console, the preheated pages warming up: « Préchauffage des pages : 12/72 », then
    once when every pool is full.

    Example
    -------
    >>> import io
    >>> from toolkit.widgets.session import READY_MARK
    >>> console, log = io.StringIO(), io.StringIO()
    >>> r = ReadinessLog(2, log, console)
    >>> for line in ["[Voila] ...\n", f"{READY_MARK}accueil\n", f"{READY_MARK}raci\n"]:
    ...     r.feed(line)
    >>> r.warm, r.ready
    (2, True)
    """

    def __init__(self, target: int, log: Any, console: Any) -> None:
        from .widgets.session import READY_MARK

        self.target, self.log, self.console = target, log, console
        self.mark, self.warm, self.ready = READY_MARK, 0, target == 0
        self.started = time.monotonic()

    def feed(self, line: str) -> None:
        self.log.write(line)
        self.log.flush()
        found = line.count(self.mark)
        if not found or self.ready:
            return
        self.warm += found
        self.console.write("\r" + L.SERVE["warming"].format(warm=min(self.warm, self.target), total=self.target))
        if self.warm >= self.target:
            self.ready = True
            minutes, seconds = divmod(round(time.monotonic() - self.started), 60)
            self.console.write("\n" + L.SERVE["ready"].format(total=self.target, minutes=minutes, seconds=seconds)
                               + "\n")
        self.console.flush()


def serve(ws: Workshop, host: str = "127.0.0.1", port: int = 8866, participants: int = 10,
          preheat: bool = True, public: str | None = None) -> int:
    """Run Voilà until interrupted (Ctrl+C or SIGTERM); returns its exit code.

    Where it serves (address, port, root of the links, ``public`` being
    ``--adresse-publique``) is noted in ``.serveur/adresse.json`` for ``maillage liens``.
    Voilà's and the kernels' output goes to ``.serveur/voila.log`` in the workshop folder;
    the console shows the pages warming up and when the room can come in. Voilà runs in
    its own session, so stopping ``maillage servir`` must stop it too: it then shuts its
    kernels down cleanly.
    """
    import signal
    import threading

    log_path = ws.folder / RUN_DIR / "voila.log"
    log_path.parent.mkdir(exist_ok=True)
    print(L.SERVE["log"].format(path=log_path), flush=True)
    readiness = ReadinessLog(warm_target(check_participants(participants), preheat),
                             open(log_path, "a", encoding="utf-8"), sys.stdout)

    def stop(_signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt

    # Before Voilà starts: a SIGTERM from then on must stop it too (it runs in its own session).
    previous = signal.signal(signal.SIGTERM, stop)
    process: subprocess.Popen | None = None
    try:
        root = links_root(host, port, public)
        process = start(ws, host, port, participants, preheat, links_root=root, stdout=subprocess.PIPE,
                        stderr=subprocess.STDOUT, text=True, errors="replace", bufsize=1)
        record_address(ws, host, port, root)
        if readiness.ready:
            print(L.SERVE["ready_cold"], flush=True)

        def pump() -> None:
            assert process is not None and process.stdout is not None
            for line in process.stdout:
                readiness.feed(line)
            readiness.log.close()

        reader = threading.Thread(target=pump, name="journal-voila", daemon=True)
        reader.start()
        code = process.wait()
    except KeyboardInterrupt:
        if process is None:
            return 130
        process.terminate()
        try:
            code = process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
    finally:
        signal.signal(signal.SIGTERM, previous)
    if code not in (0, -signal.SIGTERM, -signal.SIGINT):
        print(L.SERVE["exited"].format(code=code, path=log_path), file=sys.stderr, flush=True)
    return code
