"""The JupyterHub deployment (deploy/, toolkit/hub.py).

Small tests of the configuration's pieces, then a smoke test that starts JupyterHub on
loopback with deploy/jupyterhub_config.py (its proxy installed from the npm registry by
deploy/install-proxy.sh), opens a participant's token link through the hub in Debian's
chromium, saves the profile form, and finds the change in PostgreSQL; and a consultant
who logs in, chooses the workshop and gets JupyterLab on the carnets.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from toolkit import hub
from toolkit.core.errors import MaillageError
from toolkit.core.workshop import Workshop

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"


def _settings(tmp_path: Path, **kw) -> hub.HubSettings:  # noqa: ANN003
    return hub.HubSettings(workshops_dir=tmp_path / "ateliers", state_dir=tmp_path / "hub", **kw)


# --- pieces of the configuration ----------------------------------------------------


def test_settings_read_from_environment() -> None:
    s = hub.settings_from_env({"MAILLAGE_HUB_ATELIERS": "/srv/x", "MAILLAGE_HUB_PARTICIPANTS": "25",
                               "MAILLAGE_HUB_CONSULTANTS": "claire,  paul ,", "MAILLAGE_HUB_ADRESSE_PUBLIQUE":
                               "https://ateliers.exemple.fr/"})
    assert s.workshops_dir == Path("/srv/x") and s.participants == 25
    assert s.consultants == ("claire", "paul") and s.authenticator == "pam"
    assert s.links_base == "https://ateliers.exemple.fr"


def test_bad_number_in_environment_is_a_french_error() -> None:
    with pytest.raises(MaillageError, match="MAILLAGE_HUB_PARTICIPANTS : un nombre entier est attendu"):
        hub.settings_from_env({"MAILLAGE_HUB_PARTICIPANTS": "trente"})


def test_workshops_discovered_with_their_own_store_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Workshop.create(tmp_path / "ateliers" / "montaurel", url=f"sqlite:///{tmp_path / 'm.db'}").close()
    Workshop.create(tmp_path / "ateliers" / "chaumes").close()
    (tmp_path / "ateliers" / "pas-un-atelier").mkdir()
    # the hub's own MAILLAGE_STORE_URL must not give every workshop the same store
    monkeypatch.setenv("MAILLAGE_STORE_URL", "sqlite:///ailleurs.db")
    found = hub.discover_workshops(tmp_path / "ateliers")
    assert [w.slug for w in found] == ["chaumes", "montaurel"]
    assert found[1].url == f"sqlite:///{tmp_path / 'm.db'}"
    assert found[0].url.endswith("/ateliers/chaumes/atelier.db")
    assert found[1].prefix == "/services/atelier-montaurel/"


def test_workshop_folder_name_must_fit_in_an_address(tmp_path: Path) -> None:
    Workshop.create(tmp_path / "ateliers" / "Montaurel Été").close()
    with pytest.raises(MaillageError, match="« Montaurel Été ».*lettres minuscules"):
        hub.discover_workshops(tmp_path / "ateliers")


def test_voila_service_under_its_prefix_without_the_hubs_secrets(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    Workshop.create(tmp_path / "ateliers" / "montaurel").close()
    monkeypatch.setenv("CONFIGPROXY_AUTH_TOKEN", "secret-du-hub")
    [service] = hub.services(_settings(tmp_path, first_service_port=9200, participants=3,
                                       service_user="maillage"))
    assert service["name"] == "atelier-montaurel" and service["url"] == "http://127.0.0.1:9200"
    assert "--Voila.base_url=/services/atelier-montaurel/" in service["command"]
    assert "--Voila.ip=127.0.0.1" in service["command"] and "--port=9200" in service["command"]
    assert service["environment"]["MAILLAGE_ATELIER"] == str(tmp_path / "ateliers" / "montaurel")
    assert "CONFIGPROXY_AUTH_TOKEN" not in service["environment"]
    # the workshop's own pages (management, QR sheet) build links on the hub's address
    assert service["environment"]["MAILLAGE_ADRESSE_LIENS"] == "http://127.0.0.1:8000/services/atelier-montaurel"
    monkeypatch.setenv("MAILLAGE_ADRESSE_LIENS", service["environment"]["MAILLAGE_ADRESSE_LIENS"])
    from toolkit.serve import page_url

    assert page_url("127.0.0.1", 9200, "accueil.ipynb", "abc") == hub.participant_url(
        "http://127.0.0.1:8000", "montaurel", "abc")
    assert service["user"] == "maillage"
    voila_json = json.loads((tmp_path / "ateliers" / "montaurel" / ".serveur" / "voila.json").read_text())
    assert voila_json["VoilaKernelManager"]["kernel_pools_config"]["accueil.ipynb"]["pool_size"] == 3


def test_participant_url_through_the_hub(demo_workshop: Workshop) -> None:
    links = hub.hub_join_links(demo_workshop, "https://ateliers.exemple.fr/", slug="montaurel")
    person = demo_workshop.store.all("persons")[0]
    [link] = [x for x in links if x["id"] == person["id"]]
    assert link["url"] == ("https://ateliers.exemple.fr/services/atelier-montaurel/voila/render/accueil.ipynb"
                           f"?jeton={person['token']}")


def test_options_form_escapes_and_choice_is_checked(tmp_path: Path) -> None:
    workshops = [hub.HubWorkshop("montaurel", tmp_path, "sqlite://")]
    form = hub.options_form(workshops)
    assert 'name="atelier"' in form and "Atelier sur lequel travailler" in form
    assert hub.chosen_workshop({"atelier": ["montaurel"]}, workshops).slug == "montaurel"
    with pytest.raises(MaillageError, match="Atelier inconnu : « ../../etc »"):
        hub.chosen_workshop({"atelier": "../../etc"}, workshops)
    assert "Aucun atelier" in hub.options_form([])


def test_carnets_copied_into_home_without_overwriting(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    (source / "1_cadrage.ipynb").write_text("modèle")
    (source / "2_parties.ipynb").write_text("modèle")
    home = tmp_path / "claire"
    (home / "carnets").mkdir(parents=True)
    (home / "carnets" / "1_cadrage.ipynb").write_text("mes notes")
    target = hub.prepare_home(home, carnets=source)
    assert (target / "1_cadrage.ipynb").read_text() == "mes notes"
    assert (target / "2_parties.ipynb").read_text() == "modèle"


def test_pre_spawn_hook_points_the_server_at_the_chosen_workshop(tmp_path: Path) -> None:
    from types import SimpleNamespace

    Workshop.create(tmp_path / "ateliers" / "montaurel", url=f"sqlite:///{tmp_path / 'm.db'}").close()
    hook = hub._pre_spawn_hook(_settings(tmp_path))
    spawner = SimpleNamespace(user_options={"atelier": ["montaurel"]}, environment={},
                              home_dir=str(tmp_path / "homes" / "claire"), user=SimpleNamespace(name="claire"))
    hook(spawner)
    assert spawner.environment["MAILLAGE_ATELIER"] == str(tmp_path / "ateliers" / "montaurel")
    assert spawner.environment["MAILLAGE_STORE_URL"] == f"sqlite:///{tmp_path / 'm.db'}"
    assert (tmp_path / "homes" / "claire" / "carnets").is_dir()
    spawner.user_options = {"atelier": ["autre"]}
    with pytest.raises(MaillageError, match="Atelier inconnu"):
        hook(spawner)


# --- smoke test: a real hub on loopback -----------------------------------------------


def _free_ports(n: int) -> list[int]:
    socks = [socket.socket() for _ in range(n)]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def _wait_http(url: str, timeout: float, ok=lambda code: code < 500) -> int:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as resp:
                code = resp.status
        except urllib.error.HTTPError as exc:
            code = exc.code
        except OSError as exc:
            last = exc
            time.sleep(0.5)
            continue
        if ok(code):
            return code
        last = code
        time.sleep(0.5)
    raise AssertionError(f"{url} ne répond pas après {timeout} s ({last})")


@pytest.fixture(scope="module")
def running_hub(tmp_path_factory: pytest.TempPathFactory, pg_database_maker) -> Iterator[dict]:  # noqa: ANN001
    """JupyterHub started with deploy/jupyterhub_config.py, one demo workshop in PostgreSQL
    (one hub for the module's browser tests: starting it is the slow part)."""
    with pg_database_maker() as url:
        yield from _run_hub(tmp_path_factory.mktemp("hub"), url)


def _run_hub(tmp_path: Path, pg_database: str) -> Iterator[dict]:
    from toolkit.demo import build_demo

    done = subprocess.run(["bash", str(DEPLOY / "install-proxy.sh")], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr

    ws = Workshop.create(tmp_path / "ateliers" / "montaurel", url=pg_database)
    build_demo(ws.store)
    proxy_port, hub_port, api_port, service_port = _free_ports(4)
    base = f"http://127.0.0.1:{proxy_port}"
    local = tmp_path / "jupyterhub_config_local.py"
    # The site's own file: loads the deployed configuration, then only test-specific bits
    # (free loopback ports, a password for the dummy login, homes in the temp folder).
    local.write_text(f"""
load_subconfig({str(DEPLOY / 'jupyterhub_config.py')!r})
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{api_port}"
c.DummyAuthenticator.password = "mot-de-passe-de-test"
c.SimpleLocalProcessSpawner.home_dir_template = {str(tmp_path / 'homes' / '{username}')!r}
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
""", encoding="utf-8")
    venv_bin = str(Path(sys.executable).parent)
    env = {**os.environ,
           "PATH": venv_bin + os.pathsep + os.environ.get("PATH", ""),
           "MAILLAGE_HUB_ATELIERS": str(tmp_path / "ateliers"),
           "MAILLAGE_HUB_ETAT": str(tmp_path / "hub"),
           "MAILLAGE_HUB_ADRESSE": base,
           "MAILLAGE_HUB_PORT_SERVICES": str(service_port),
           "MAILLAGE_HUB_PARTICIPANTS": "1",
           "MAILLAGE_HUB_AUTHENTIFICATION": "dummy",
           "MAILLAGE_HUB_LANCEUR": "simple",
           "MAILLAGE_HUB_CONSULTANTS": "claire",
           # jupyter-server refuses root without it (CI runs as root)
           "MAILLAGE_HUB_ARGS_SERVEUR": "--allow-root" if os.geteuid() == 0 else ""}
    env.pop("MAILLAGE_ATELIER", None)
    env.pop("MAILLAGE_STORE_URL", None)
    log = open(tmp_path / "jupyterhub.log", "w")
    proc = subprocess.Popen([os.path.join(venv_bin, "jupyterhub"), "-f", str(local)], cwd=tmp_path, env=env,
                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_http(f"{base}/hub/health", 120, ok=lambda code: code == 200)
        _wait_http(f"{base}/services/atelier-montaurel/voila/static/", 180, ok=lambda code: code != 503)
        yield {"base": base, "workshop": ws, "tmp": tmp_path, "log": tmp_path / "jupyterhub.log"}
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)  # the hub stops its services and servers
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()
        ws.close()


def _browser():  # noqa: ANN202
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    return pw, pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.postgresql
def test_participant_page_through_the_hub_saves_into_postgresql(running_hub: dict) -> None:
    ws: Workshop = running_hub["workshop"]
    person = next(p for p in ws.store.all("persons") if p.get("token"))
    [link] = [x["url"] for x in hub.hub_join_links(ws, running_hub["base"]) if x["id"] == person["id"]]
    assert "/services/atelier-montaurel/voila/render/accueil.ipynb?jeton=" in link
    pw, browser = _browser()
    try:
        page = browser.new_page()
        page.goto(link, timeout=180_000)
        field = page.locator(".widget-text", has=page.locator("label", has_text="Fonction")).locator("input")
        field.wait_for(timeout=180_000)
        field.fill("Cheffe de projet « PVD »")
        page.get_by_role("button", name="Enregistrer").click()
        page.get_by_text("Enregistré à").wait_for(timeout=60_000)
    finally:
        browser.close()
        pw.stop()
    # read back straight from PostgreSQL, through a new store
    assert ws.store.backend == "postgresql"
    assert ws.store.get("persons", person["id"])["function"] == "Cheffe de projet « PVD »"
    last = ws.store.history("persons", person["id"])[-1]
    assert last["op"] == "update" and last["new"] == {"function": "Cheffe de projet « PVD »"}
    assert person["name"] in last["by"] or person["id"] in last["by"]


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.postgresql
def test_consultant_gets_jupyterlab_on_the_chosen_workshop(running_hub: dict) -> None:
    base = running_hub["base"]
    pw, browser = _browser()
    try:
        page = browser.new_page()
        page.goto(f"{base}/hub/login", timeout=60_000)
        page.fill("#username_input", "claire")
        page.fill("#password_input", "mot-de-passe-de-test")
        page.click("#login_submit")
        page.locator("select[name=atelier]").select_option("montaurel", timeout=60_000)
        page.locator("form#spawn_form input[type=submit], form#spawn_form button[type=submit]").first.click()
        page.wait_for_url("**/user/claire/lab/**", timeout=240_000)
        page.locator(".jp-DirListing").first.wait_for(timeout=120_000)
    finally:
        browser.close()
        pw.stop()
    carnets = running_hub["tmp"] / "homes" / "claire" / "carnets"
    assert carnets.is_dir()
    expected = {p.name for p in hub.CARNETS_DIR.glob("*.ipynb")} if hub.CARNETS_DIR.is_dir() else set()
    assert {p.name for p in carnets.glob("*.ipynb")} == expected


# --- Kubernetes (Zero to JupyterHub) files: consistent with toolkit/hub.py ------------


def _z2jh() -> tuple[dict, list[dict]]:
    import yaml

    config = yaml.safe_load((DEPLOY / "z2jh" / "config.yaml").read_text(encoding="utf-8"))
    manifests = list(yaml.safe_load_all((DEPLOY / "z2jh" / "atelier.yaml").read_text(encoding="utf-8")))
    return config, manifests


def test_z2jh_services_are_the_workshop_voila_deployments() -> None:
    config, manifests = _z2jh()
    deployment = next(m for m in manifests if m["kind"] == "Deployment")
    service = next(m for m in manifests if m["kind"] == "Service")
    name = deployment["metadata"]["name"]
    assert name.startswith(hub.SERVICE_PREFIX) and service["metadata"]["name"] == name
    assert config["hub"]["services"][name]["url"] == f"http://{name}:8866"
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert container["command"][:4] == ["python", "-m", "toolkit.hub", "servir"]
    assert container["command"][4].endswith("/" + name.removeprefix(hub.SERVICE_PREFIX))
    assert container["readinessProbe"]["httpGet"]["path"].startswith(f"/services/{name}/")
    assert service["spec"]["selector"] == deployment["spec"]["selector"]["matchLabels"]


def test_z2jh_consultants_get_lab_on_carnets_with_the_workshop_chosen() -> None:
    config, _ = _z2jh()
    single = config["singleuser"]
    assert single["defaultUrl"] == "/lab/tree/carnets"
    assert "cp -rn /opt/maillage/carnets/." in " ".join(single["lifecycleHooks"]["postStart"]["exec"]["command"])
    envs = [p["kubespawner_override"]["environment"] for p in single["profileList"]]
    assert all("MAILLAGE_ATELIER" in e for e in envs)
    assert config["hub"]["db"]["type"] == "postgres" and config["hub"]["allowNamedServers"] is True


def test_hub_servir_serves_one_workshop_under_its_prefix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Workshop.create(tmp_path / "ateliers" / "montaurel").close()
    calls = []
    monkeypatch.setattr(subprocess, "call", lambda cmd, **kw: calls.append((cmd, kw)) or 0)
    assert hub.main(["servir", str(tmp_path / "ateliers" / "montaurel"), "--port", "8866",
                     "--participants", "30"]) == 0
    [(cmd, kw)] = calls
    assert "--Voila.base_url=/services/atelier-montaurel/" in cmd and "--Voila.ip=0.0.0.0" in cmd
    assert kw["env"]["VOILA_APP_IP"] == "127.0.0.1"  # preheated kernels reach Voilà locally
