"""Serving many workshops from one JupyterHub: consultants in JupyterLab, participants in Voilà.

One hub for a consulting firm:

- each **consultant** logs in to the hub and gets JupyterLab with the carnets (copied into
  their home on first start, never overwritten); when starting a server they choose the
  workshop it works on (an options form), which the carnets find through
  ``MAILLAGE_ATELIER``; named servers allow one server per workshop;
- each **workshop** (a folder of the workshops' folder, its store in PostgreSQL) is served
  to participants by its own Voilà, a *managed hub service* named ``atelier-<folder>``,
  reached through the hub's proxy at ``/services/atelier-<folder>/``. Participants have no
  hub account: the proxy routes them to Voilà, and their personal token link (``?jeton=``)
  is what lets them in, exactly as with ``maillage servir``.

``deploy/jupyterhub_config.py`` is just ``configure(c, settings_from_env())``; every setting
comes from ``MAILLAGE_HUB_*`` environment variables (:func:`settings_from_env`, README).

Example
-------
>>> participant_url("https://ateliers.example.fr", "montaurel", "abc")
'https://ateliers.example.fr/services/atelier-montaurel/voila/render/accueil.ipynb?jeton=abc'
"""
from __future__ import annotations

import html
import json
import os
import pwd
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import quote

from .core import labels as L
from .access import TOKEN_PARAM
from .core.errors import MaillageError
from .core.workshop import CONFIG_NAME, ENV_FOLDER, ENV_URL, Workshop, default_url

REPO_ROOT = Path(__file__).resolve().parent.parent
CARNETS_DIR = REPO_ROOT / "carnets"
#: Where ``deploy/install-proxy.sh`` puts configurable-http-proxy (from the npm registry).
LOCAL_PROXY = REPO_ROOT / "deploy" / "node_modules" / ".bin" / "configurable-http-proxy"
SERVICE_PREFIX = "atelier-"
WELCOME_PAGE = "accueil.ipynb"
#: A workshop folder's name becomes part of a URL and a service name: kept plain.
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
#: The only variables a workshop's Voilà gets from the hub's environment (the hub's own
#: secrets stay out of participants' kernels).
KEPT_ENV = ("PATH", "LANG", "LC_ALL", "TZ", "TMPDIR", "HOME", "VIRTUAL_ENV")


@dataclass(frozen=True)
class HubSettings:
    """What a firm's hub needs to know; :func:`settings_from_env` reads it.

    Parameters
    ----------
    workshops_dir : the workshops' folder; each sub-folder with ``atelier.json`` is served.
    state_dir : the hub's own files (its database, cookie secret).
    bind_url : where the proxy listens, e.g. ``http://0.0.0.0:8000``.
    public_url : the address participants and consultants type (for links), if not bind_url.
    first_service_port : the workshops' Voilà listen on loopback from this port up.
    participants : expected participants per workshop (sizes Voilà's preheated kernels).
    service_user : system user the Voilà services run as (None: the hub's user).
    authenticator, spawner : JupyterHub's entry-point names (``pam``, ``dummy``,
        ``localprocess``, ``simple``…) or class paths.
    consultants, admins : user names allowed to log in / administering the hub.
    db_url : the hub's own database (default: SQLite in state_dir).
    """

    workshops_dir: Path
    state_dir: Path
    bind_url: str = "http://127.0.0.1:8000"
    public_url: str | None = None
    first_service_port: int = 9100
    participants: int = 10
    service_user: str | None = None
    authenticator: str = "pam"
    spawner: str = "localprocess"
    consultants: tuple[str, ...] = ()
    admins: tuple[str, ...] = ()
    db_url: str | None = None
    extra_spawner_args: tuple[str, ...] = field(default_factory=tuple)

    @property
    def links_base(self) -> str:
        return (self.public_url or self.bind_url).rstrip("/")


def _names(value: str | None) -> tuple[str, ...]:
    return tuple(n.strip() for n in (value or "").split(",") if n.strip())


def settings_from_env(environ: Mapping[str, str] | None = None) -> HubSettings:
    """Read ``MAILLAGE_HUB_*`` variables (README, section « Déploiement »).

    >>> settings_from_env({"MAILLAGE_HUB_ATELIERS": "/srv/a", "MAILLAGE_HUB_CONSULTANTS": "claire, paul"}).consultants
    ('claire', 'paul')
    """
    env = os.environ if environ is None else environ
    get = env.get

    def number(name: str, default: int) -> int:
        raw = get(name)
        if raw in (None, ""):
            return default
        try:
            return int(raw)
        except ValueError:
            raise MaillageError(L.HUB["bad_number"].format(name=name, value=raw)) from None

    return HubSettings(
        workshops_dir=Path(get("MAILLAGE_HUB_ATELIERS", "/srv/maillage/ateliers")),
        state_dir=Path(get("MAILLAGE_HUB_ETAT", "/srv/maillage/hub")),
        bind_url=get("MAILLAGE_HUB_ADRESSE", "http://127.0.0.1:8000"),
        public_url=get("MAILLAGE_HUB_ADRESSE_PUBLIQUE") or None,
        first_service_port=number("MAILLAGE_HUB_PORT_SERVICES", 9100),
        participants=number("MAILLAGE_HUB_PARTICIPANTS", 10),
        service_user=get("MAILLAGE_HUB_UTILISATEUR_SERVICES") or None,
        authenticator=get("MAILLAGE_HUB_AUTHENTIFICATION", "pam"),
        spawner=get("MAILLAGE_HUB_LANCEUR", "localprocess"),
        consultants=_names(get("MAILLAGE_HUB_CONSULTANTS")),
        admins=_names(get("MAILLAGE_HUB_ADMINS")),
        db_url=get("MAILLAGE_HUB_BASE") or None,
        extra_spawner_args=tuple(get("MAILLAGE_HUB_ARGS_SERVEUR", "").split()),
    )


# --- workshops ------------------------------------------------------------------------


@dataclass(frozen=True)
class HubWorkshop:
    """A workshop served by the hub: its folder name (slug), folder and store URL."""

    slug: str
    folder: Path
    url: str

    @property
    def service(self) -> str:
        return SERVICE_PREFIX + self.slug

    @property
    def prefix(self) -> str:
        return f"/services/{self.service}/"


def discover_workshops(workshops_dir: Path) -> list[HubWorkshop]:
    """The workshops of the folder, sorted by name (a folder is one if it has ``atelier.json``).

    The store URL is read from each ``atelier.json`` (not from ``MAILLAGE_STORE_URL``,
    which would give every workshop the same store). A folder whose name cannot be a
    URL segment is refused with a French error naming it.
    """
    found = []
    if not workshops_dir.is_dir():
        return found
    for folder in sorted(p for p in workshops_dir.iterdir() if (p / CONFIG_NAME).is_file()):
        if not SLUG.match(folder.name):
            raise MaillageError(L.HUB["bad_folder"].format(name=folder.name))
        try:
            settings = json.loads((folder / CONFIG_NAME).read_text(encoding="utf-8"))
        except ValueError as exc:
            raise MaillageError(L.HUB["bad_config"].format(path=folder / CONFIG_NAME, error=exc)) from None
        found.append(HubWorkshop(folder.name, folder.resolve(), settings.get("store_url") or default_url(folder)))
    return found


def participant_url(base: str, slug: str, token: str, page: str = WELCOME_PAGE) -> str:
    """A participant's link through the hub (the Voilà service of workshop ``slug``)."""
    return f"{base.rstrip('/')}/services/{SERVICE_PREFIX}{slug}/voila/render/{quote(page)}?{TOKEN_PARAM}={quote(token)}"


def hub_join_links(ws: Workshop, base: str, slug: str | None = None) -> list[dict[str, str]]:
    """One link per participant holding a token, through the hub (id, name, organisation, url)."""
    slug = slug or ws.folder.name
    return [{"id": p["id"], "name": p["name"], "organisation": p["organisation"],
             "url": participant_url(base, slug, p["token"])}
            for p in ws.store.all("persons") if p.get("token")]


def voila_service(entry: HubWorkshop, port: int, settings: HubSettings, host: str = "127.0.0.1") -> dict[str, Any]:
    """The hub's managed-service definition of one workshop's Voilà.

    Voilà listens on loopback (``host``: 0.0.0.0 in its own pod on Kubernetes), under the
    service's prefix (``Voila.base_url``): the hub's proxy forwards
    ``/services/atelier-<slug>/…`` to it unchanged.
    """
    from .serve import ENV_LINKS_BASE, PAGES_DIR, server_env, voila_command

    ws = Workshop(entry.folder, url=entry.url)
    command = voila_command(ws, host, port, settings.participants) + [f"--Voila.base_url={entry.prefix}"]
    full = server_env(ws, host)
    env = {k: v for k, v in full.items() if k in KEPT_ENV}
    env.update({ENV_FOLDER: str(entry.folder), ENV_URL: entry.url, "VOILA_APP_IP": full["VOILA_APP_IP"],
                "JUPYTER_PATH": full["JUPYTER_PATH"], "PYTHONUNBUFFERED": "1",
                # links shown on the workshop's own pages (management page, QR sheet)
                ENV_LINKS_BASE: settings.links_base + entry.prefix.rstrip("/")})
    service: dict[str, Any] = {
        "name": entry.service,
        "url": f"http://{'127.0.0.1' if host in ('0.0.0.0', '::', '') else host}:{port}",
        "command": command,
        "environment": env,
        "cwd": str(PAGES_DIR),  # as ``maillage servir`` does
        "display": False,  # not a link on consultants' hub home: participants come by token
    }
    if settings.service_user:
        service["user"] = settings.service_user
    return service


def services(settings: HubSettings) -> list[dict[str, Any]]:
    """Every workshop's Voilà service, on consecutive loopback ports."""
    return [voila_service(entry, settings.first_service_port + i, settings)
            for i, entry in enumerate(discover_workshops(settings.workshops_dir))]


# --- consultants' servers -----------------------------------------------------------


def options_form(workshops: list[HubWorkshop]) -> str:
    """The form a consultant sees when starting a server: which workshop (escaped HTML)."""
    if not workshops:
        return f"<p>{html.escape(L.HUB['no_workshop'])}</p>"
    options = "".join(f'<option value="{html.escape(w.slug)}">{html.escape(w.slug)}</option>' for w in workshops)
    return (f'<label for="maillage-atelier">{html.escape(L.HUB["choose_workshop"])}</label>'
            f'<select id="maillage-atelier" name="atelier" class="form-control">{options}</select>')


def chosen_workshop(user_options: Mapping[str, Any], workshops: list[HubWorkshop]) -> HubWorkshop | None:
    """The workshop a consultant chose (None when there is none to choose); a French error
    if the choice is not one of the workshops (a form can be forged)."""
    if not workshops:
        return None
    raw = user_options.get("atelier") or workshops[0].slug
    raw = raw[0] if isinstance(raw, list) else raw
    for w in workshops:
        if w.slug == raw:
            return w
    raise MaillageError(L.HUB["unknown_workshop"].format(name=raw))


def prepare_home(home: Path, owner: str | None = None, carnets: Path = CARNETS_DIR) -> Path:
    """Copy the carnets into ``home/carnets`` (missing ones only: a consultant's edits stay).

    ``owner`` (a system user) gets the copied files when the hub runs as root.
    Returns the carnets folder of the home.
    """
    target = home / "carnets"
    target.mkdir(parents=True, exist_ok=True)
    copied = [target]
    for source in sorted(carnets.glob("*.ipynb")) if carnets.is_dir() else []:
        dest = target / source.name
        if not dest.exists():
            shutil.copyfile(source, dest)
            copied.append(dest)
    if owner and os.geteuid() == 0:
        pw = pwd.getpwnam(owner)
        for path in [home, *copied]:
            os.chown(path, pw.pw_uid, pw.pw_gid)
    return target


def _pre_spawn_hook(settings: HubSettings):  # noqa: ANN202 - JupyterHub hook
    def hook(spawner: Any) -> None:
        workshop = chosen_workshop(spawner.user_options or {}, discover_workshops(settings.workshops_dir))
        if workshop is not None:
            spawner.environment[ENV_FOLDER] = str(workshop.folder)
            spawner.environment[ENV_URL] = workshop.url
        home = getattr(spawner, "home_dir", None)
        owner = None
        if not home:  # LocalProcessSpawner: the system user's home
            try:
                pw = pwd.getpwnam(spawner.user.name)
            except KeyError:  # not a system user (containers): the image copies the carnets
                return
            home, owner = pw.pw_dir, spawner.user.name
        prepare_home(Path(home), owner)

    return hook


# --- the whole configuration --------------------------------------------------------


def configure(c: Any, settings: HubSettings) -> None:
    """Fill JupyterHub's traitlets configuration ``c`` for Maillage (``jupyterhub_config.py``)."""
    settings.state_dir.mkdir(parents=True, exist_ok=True)
    c.JupyterHub.bind_url = settings.bind_url
    if settings.public_url:
        c.JupyterHub.public_url = settings.public_url
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.db_url = settings.db_url or f"sqlite:///{settings.state_dir / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(settings.state_dir / "jupyterhub_cookie_secret")
    c.ConfigurableHTTPProxy.pid_file = str(settings.state_dir / "proxy.pid")
    if LOCAL_PROXY.exists():
        c.ConfigurableHTTPProxy.command = [str(LOCAL_PROXY)]
    c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:8001"

    c.JupyterHub.authenticator_class = settings.authenticator
    if settings.consultants:
        c.Authenticator.allowed_users = set(settings.consultants)
    c.Authenticator.admin_users = set(settings.admins)

    c.JupyterHub.spawner_class = settings.spawner
    c.JupyterHub.allow_named_servers = True  # one server per workshop if a consultant likes
    c.Spawner.default_url = "/lab/tree/carnets"
    c.Spawner.args = list(settings.extra_spawner_args)
    workshops = discover_workshops(settings.workshops_dir)
    c.Spawner.options_form = options_form(workshops)
    c.Spawner.pre_spawn_hook = _pre_spawn_hook(settings)

    c.JupyterHub.services = services(settings)


def main(argv: list[str] | None = None) -> int:
    """``python -m toolkit.hub``: participants' links through the hub; one workshop's Voilà
    as the hub serves it (for a Voilà in its own container, Kubernetes)."""
    import argparse
    import subprocess
    import sys

    parser = argparse.ArgumentParser(prog="python -m toolkit.hub", description=L.HUB["cli"])
    sub = parser.add_subparsers(dest="commande", required=True)
    p = sub.add_parser("liens", help=L.HUB["cli_links"])
    p.add_argument("atelier", metavar="DOSSIER")
    p.add_argument("adresse", metavar="ADRESSE_PUBLIQUE", help="https://ateliers.exemple.fr")
    p = sub.add_parser("servir", help=L.HUB["cli_serve"])
    p.add_argument("atelier", metavar="DOSSIER")
    p.add_argument("--hote", default="0.0.0.0")
    p.add_argument("--port", type=int, default=8866)
    p.add_argument("--participants", type=int, default=None)
    args = parser.parse_args(argv)
    try:
        if args.commande == "liens":
            ws = Workshop.open(args.atelier)
            for link in hub_join_links(ws, args.adresse):
                print(f"{link['id']}\t{link['name']}\t{link['url']}")
            return 0
        folder = Path(args.atelier).resolve()
        [entry] = [w for w in discover_workshops(folder.parent) if w.folder == folder] or [None]
        if entry is None:
            raise MaillageError(L.MESSAGES["no_workshop"].format(path=folder))
        settings = settings_from_env()
        if args.participants is not None:
            settings = HubSettings(**{**settings.__dict__, "participants": args.participants})
        service = voila_service(entry, args.port, settings, host=args.hote)
        return subprocess.call(service["command"], env=service["environment"], cwd=service["cwd"])
    except MaillageError as exc:
        print(L.CLI["error"].format(error=exc), file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
