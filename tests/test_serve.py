"""Serving configuration, links and the join sheet (no server started here)."""
from __future__ import annotations

import json
import re

import pytest

from toolkit import serve
from toolkit.cli import main
from toolkit.core.errors import MaillageError
from toolkit.core.workshop import Workshop


def test_pool_sized_from_participants() -> None:
    sizes = serve.pool_sizes(30, ["accueil.ipynb", "animateur.ipynb", "gestion.ipynb", "competences.ipynb"])
    # steps open inside the welcome page's kernel: their own pages need no room-sized pool
    # and two spare ones: a page opened twice within the refill delay does not wait 30 s
    assert sizes == {"accueil.ipynb": 30, "animateur.ipynb": 2, "gestion.ipynb": 2, "competences.ipynb": 2}
    assert serve.pool_sizes(0, ["accueil.ipynb", "raci.ipynb"]) == {"accueil.ipynb": 1, "raci.ipynb": 1}


def test_voila_config_preheats_culls_and_hides_tracebacks() -> None:
    config = serve.voila_config(12, ["accueil.ipynb", "animateur.ipynb"])
    assert config["VoilaConfiguration"]["preheat_kernel"] is True
    assert config["VoilaConfiguration"]["show_tracebacks"] is False
    assert config["VoilaConfiguration"]["template"] == "maillage"
    assert config["VoilaKernelManager"]["kernel_pools_config"]["accueil.ipynb"] == {"pool_size": 12}
    assert config["MappingKernelManager"]["cull_idle_timeout"] > 0
    assert config["MappingKernelManager"]["cull_connected"] is False  # an open page is never culled
    assert config["KernelManager"]["transport"] == "ipc"  # no TCP port to collide on, nothing on the network
    # preheated kernels warm up a few at a time (the class is importable by the server)
    from traitlets.utils.importstring import import_item

    from toolkit.paced_kernels import PacedKernelManager

    assert import_item(config["VoilaConfiguration"]["multi_kernel_manager_class"]) is PacedKernelManager


def test_voila_command_written_config_and_environment(demo_workshop: Workshop) -> None:
    cmd = serve.voila_command(demo_workshop, "0.0.0.0", 9000, participants=5)
    assert "--preheat_kernel=True" in cmd and "--show_tracebacks=False" in cmd and "--port=9000" in cmd
    written = json.loads((demo_workshop.folder / ".serveur" / "voila.json").read_text())
    assert written["VoilaKernelManager"]["kernel_pools_config"]["accueil.ipynb"]["pool_size"] == 5
    env = serve.server_env(demo_workshop, "0.0.0.0")
    assert env["MAILLAGE_ATELIER"] == str(demo_workshop.folder) and env["VOILA_APP_IP"] == "127.0.0.1"
    assert str(serve.DATA_DIR) in env["JUPYTER_PATH"]
    assert serve.server_env(demo_workshop, "192.0.2.5")["VOILA_APP_IP"] == "192.0.2.5"


def test_template_loads_nothing_remote() -> None:
    text = (serve.DATA_DIR / "voila" / "templates" / "maillage" / "index.html.j2").read_text()
    assert not re.search(r"(href|src)=\"https?://", text)


def test_join_sheet_one_card_and_qr_per_participant(demo_workshop: Workshop) -> None:
    store = demo_workshop.store
    store.update("persons", "PER-02", {"name": "<script>alert(1)</script>"}, by="test")
    from toolkit.access import revoke_token

    revoke_token(store, "PER-03", by="test")
    path = serve.write_join_sheet(demo_workshop, "192.0.2.5", 8866)
    text = path.read_text(encoding="utf-8")
    holders = [p for p in store.all("persons") if p["token"]]
    assert path.parent == demo_workshop.exports_dir
    assert text.count("<section class='card'>") == len(holders) == store.count("persons") - 1
    assert text.count("<svg") == len(holders)
    for p in holders:
        assert f"jeton={p['token']}" in text
    assert "<script>alert" not in text and "&lt;script&gt;" in text
    assert store.facilitator_token() not in text
    assert not re.search(r"(href|src)=[\"']https?://", text)


def test_qr_code_encodes_the_link() -> None:
    import segno

    link = serve.page_url("192.0.2.5", 8866, "accueil.ipynb", "abc-DEF_123")
    assert link.endswith("?jeton=abc-DEF_123")
    assert segno.make(link, error="m").designator  # segno builds it offline, no exception


@pytest.mark.parametrize("value", ["beaucoup", "-1", "500"])
def test_bad_participants_refused_in_french(value: str) -> None:
    with pytest.raises(MaillageError, match="--participants"):
        serve.check_participants(value)


def test_cli_refuses_bad_participants_without_traceback(demo_workshop: Workshop, capsys) -> None:  # noqa: ANN001
    code = main(["servir", "--atelier", str(demo_workshop.folder), "--participants", "beaucoup"])
    err = capsys.readouterr().err
    assert code == 2 and "un nombre entier" in err and "Traceback" not in err


def test_stopping_maillage_servir_stops_voila(demo_workshop: Workshop, tmp_path) -> None:  # noqa: ANN001
    """SIGTERM to ``maillage servir`` must not leave Voilà (its own session) running."""
    import signal
    import subprocess
    import sys
    import time

    import psutil

    from toolkit.serve import PAGES_DIR

    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cli = subprocess.Popen([sys.executable, "-m", "toolkit.cli", "servir", "--atelier", str(demo_workshop.folder),
                            "--port", str(port), "--participants", "0"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, cwd=str(PAGES_DIR.parent))
    try:
        deadline = time.monotonic() + 30
        voila = []
        while not voila and time.monotonic() < deadline:
            voila = [c for c in psutil.Process(cli.pid).children() if "voila" in " ".join(c.cmdline())]
            time.sleep(0.2)
        assert voila, "Voilà n'a pas démarré"
        served = serve.served_address(demo_workshop)  # noted for `maillage liens`
        assert served is not None and served["port"] == port and served["running"]
        assert served["links_root"] == f"http://127.0.0.1:{port}" and served["pid"] == cli.pid
        cli.send_signal(signal.SIGTERM)
        cli.wait(40)
        gone, alive = psutil.wait_procs(voila, timeout=10)
        assert not alive
    finally:
        if cli.poll() is None:
            cli.kill()


def test_warm_pages_counted_from_the_log() -> None:
    from toolkit.widgets.session import READY_MARK

    log = f"[Voila] x\n{READY_MARK}accueil\n{READY_MARK}animateur\n{READY_MARK}accueil\n"
    assert serve.warm_pages(log) == 2 and serve.warm_pages(log, "animateur") == 1
    # two kernels' lines glued together in the shared log still count twice
    glued = f"{READY_MARK}accueil{READY_MARK}competences\n{READY_MARK}accueil{READY_MARK}accueil\n"
    assert serve.warm_pages(glued) == 3 and serve.warm_pages(glued, "competences") == 1


def test_readiness_log_counts_marks_and_announces_ready_once() -> None:
    import io

    from toolkit.widgets.session import READY_MARK

    console, log = io.StringIO(), io.StringIO()
    readiness = serve.ReadinessLog(3, log, console)
    lines = ["[Voila] Kernel started\n", f"{READY_MARK}accueil\n", f"{READY_MARK}raci{READY_MARK}accueil\n",
             f"{READY_MARK}accueil\n"]  # a refilled page after the room came in: no second announcement
    for line in lines:
        readiness.feed(line)
    assert log.getvalue() == "".join(lines)
    out = console.getvalue()
    assert "Préchauffage des pages : 1/3" in out and "3/3" in out
    assert out.count("Prêt : les 3 pages préchauffées") == 1 and readiness.ready


@pytest.mark.slow
def test_maillage_servir_says_when_the_room_can_come_in(demo_workshop: Workshop) -> None:
    """The console shows the pages warming and « Prêt » once every pool is full; Voilà's
    own output goes to the workshop's server log."""
    import signal
    import socket
    import subprocess
    import sys
    import threading
    import time

    from toolkit.serve import PAGES_DIR

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    cli = subprocess.Popen([sys.executable, "-m", "toolkit.cli", "servir", "--atelier", str(demo_workshop.folder),
                            "--port", str(port), "--participants", "1"], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, cwd=str(PAGES_DIR.parent))
    seen: list[str] = []
    reader = threading.Thread(target=lambda: seen.extend(cli.stdout), daemon=True)  # type: ignore[arg-type]
    reader.start()
    try:
        deadline = time.monotonic() + 400
        while not any("Prêt : les" in line for line in seen) and time.monotonic() < deadline and cli.poll() is None:
            time.sleep(1)
        out = "".join(seen)
        total = serve.warm_target(1)
        assert f"Prêt : les {total} pages préchauffées" in out, out[-2000:]
        assert f"Préchauffage des pages : {total}/{total}" in out
        log = (demo_workshop.folder / serve.RUN_DIR / "voila.log").read_text()
        assert "Voila" in log and serve.warm_pages(log) >= 1
        assert "[Voila]" not in out  # the server's chatter stays in the log
    finally:
        cli.send_signal(signal.SIGTERM)
        try:
            cli.wait(60)
        except subprocess.TimeoutExpired:
            cli.kill()


# --- links that work in the room (issue 17) --------------------------------------------


def _no_serving(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """``maillage servir`` without starting Voilà: what it would serve is kept."""
    calls: list[dict] = []
    monkeypatch.setattr(serve, "serve", lambda ws, **kw: calls.append(kw) or 0)
    return calls


def test_room_address_found_without_sending_anything(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    import psutil

    sent: list[object] = []
    real = socket.socket

    class Watched(real):  # type: ignore[misc, valid-type]
        def send(self, *a, **k):  # noqa: ANN002, ANN003, ANN204
            sent.append(a)
            return super().send(*a, **k)

        sendto = send

    monkeypatch.setattr(socket, "socket", Watched)
    mine = {a.address for addrs in psutil.net_if_addrs().values() for a in addrs if a.family == socket.AF_INET}
    found = serve.room_address()
    assert sent == []
    if found is None:
        pytest.skip("cette machine n'a aucun réseau")
    assert found in mine and not serve.is_loopback(found)
    assert serve.advertised_host("0.0.0.0") == found and serve.advertised_host("192.0.2.9") == "192.0.2.9"


def test_room_address_read_from_interfaces_when_no_route(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    import psutil

    from collections import namedtuple

    def no_route(self, address):  # noqa: ANN001, ANN202
        raise OSError("Network is unreachable")

    monkeypatch.setattr(socket.socket, "connect", no_route)
    Addr = namedtuple("Addr", "family address netmask broadcast ptp")
    Stat = namedtuple("Stat", "isup")
    monkeypatch.setattr(psutil, "net_if_addrs", lambda: {
        "lo": [Addr(socket.AF_INET, "127.0.0.1", None, None, None)],
        "docker0": [Addr(socket.AF_INET, "172.17.0.1", None, None, None)],
        "wlan0": [Addr(socket.AF_INET, "169.254.3.4", None, None, None),
                  Addr(socket.AF_INET, "192.168.43.17", None, None, None)]})
    monkeypatch.setattr(psutil, "net_if_stats", lambda: {n: Stat(True) for n in ("lo", "docker0", "wlan0")})
    assert serve.room_address() == "192.168.43.17"
    monkeypatch.setattr(psutil, "net_if_addrs", lambda: {"lo": [Addr(socket.AF_INET, "127.0.0.1", None, None, None)]})
    assert serve.room_address() is None and serve.advertised_host("0.0.0.0") == "127.0.0.1"


@pytest.mark.parametrize("value, root", [("http://192.168.1.20:8866/", "http://192.168.1.20:8866"),
                                         ("https://atelier.exemple.fr/salle-b", "https://atelier.exemple.fr/salle-b")])
def test_public_address_accepted(value: str, root: str) -> None:
    assert serve.check_public_address(value) == root
    assert serve.links_root("127.0.0.1", 8866, value) == root
    assert serve.page_url("127.0.0.1", 8866, "accueil.ipynb", "t", root).startswith(root + "/voila/render/")


@pytest.mark.parametrize("value", ["192.168.1.20", "ftp://x", "http://", "http://x:port", "http://x/?a=1"])
def test_bad_public_address_refused_in_french(value: str) -> None:
    with pytest.raises(MaillageError, match="--adresse-publique"):
        serve.check_public_address(value)


def test_servir_on_all_interfaces_links_to_the_room_address(demo_workshop: Workshop, capsys,  # noqa: ANN001
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(serve, "room_address", lambda: "192.168.43.17")
    calls = _no_serving(monkeypatch)
    assert main(["servir", "--atelier", str(demo_workshop.folder), "--hote", "0.0.0.0", "--port", "8871"]) == 0
    out, err = capsys.readouterr()
    assert "http://192.168.43.17:8871/voila/render/accueil.ipynb?jeton=" in out
    assert "Adresse sur le réseau de la salle : 192.168.43.17" in out and "Attention" not in err
    sheet = (demo_workshop.exports_dir / serve.JOIN_SHEET).read_text(encoding="utf-8")
    assert "http://192.168.43.17:8871/" in sheet and "127.0.0.1" not in sheet and "class='warning'" not in sheet
    assert calls == [{"host": "0.0.0.0", "port": 8871, "participants": 10, "public": None}]


def test_servir_on_loopback_warns_on_console_and_sheet(demo_workshop: Workshop, capsys,  # noqa: ANN001
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _no_serving(monkeypatch)
    assert main(["servir", "--atelier", str(demo_workshop.folder)]) == 0
    out, err = capsys.readouterr()
    assert "http://127.0.0.1:8866/" in out
    assert "téléphones de la salle ne pourront ouvrir ni ces liens ni les QR codes" in err and "--hote 0.0.0.0" in err
    sheet = (demo_workshop.exports_dir / serve.JOIN_SHEET).read_text(encoding="utf-8")
    assert "class='warning' role='alert'>Attention : ces liens pointent vers cet ordinateur seul" in sheet


def test_servir_with_public_address_links_to_it(demo_workshop: Workshop, capsys,  # noqa: ANN001
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _no_serving(monkeypatch)
    assert main(["servir", "--atelier", str(demo_workshop.folder), "--adresse-publique", "http://atelier.local:80"]) == 0
    out, err = capsys.readouterr()
    assert "http://atelier.local:80/voila/render/animateur.ipynb?jeton=" in out and "Attention" not in err
    assert calls[0]["public"] == "http://atelier.local:80"
    assert "class='warning'" not in (demo_workshop.exports_dir / serve.JOIN_SHEET).read_text(encoding="utf-8")


def test_server_environment_carries_the_links_root(demo_workshop: Workshop) -> None:
    env = serve.server_env(demo_workshop, "0.0.0.0", "http://192.168.43.17:8871")
    assert env[serve.ENV_LINKS_BASE] == "http://192.168.43.17:8871"  # the Gestion page's links and sheet


def test_liens_uses_the_address_the_workshop_is_served_on(demo_workshop: Workshop, capsys) -> None:  # noqa: ANN001
    import os

    serve.record_address(demo_workshop, "0.0.0.0", 8871, "http://192.168.43.17:8871")
    assert main(["liens", "--atelier", str(demo_workshop.folder)]) == 0
    out, err = capsys.readouterr()
    lines = out.strip().splitlines()
    assert len(lines) == demo_workshop.store.count("persons")
    assert all("\thttp://192.168.43.17:8871/voila/render/accueil.ipynb?jeton=" in line for line in lines)
    assert "servi en ce moment sur http://192.168.43.17:8871" in err
    assert serve.served_address(demo_workshop)["pid"] == os.getpid()


def test_liens_falls_back_with_a_note_when_not_served(demo_workshop: Workshop, capsys) -> None:  # noqa: ANN001
    import json

    assert main(["liens", "--atelier", str(demo_workshop.folder)]) == 0
    out, err = capsys.readouterr()
    assert "pas encore été servi" in err and "\thttp://127.0.0.1:8866/voila/render/" in out
    path = serve.record_address(demo_workshop, "0.0.0.0", 8872, "http://192.168.43.17:8872")
    path.write_text(json.dumps({**json.loads(path.read_text()), "pid": 2 ** 22 + 17}))  # a process gone
    assert main(["liens", "--atelier", str(demo_workshop.folder)]) == 0
    out, err = capsys.readouterr()
    assert "n'est pas servi en ce moment : liens du dernier lancement (http://192.168.43.17:8872" in err
    assert "\thttp://192.168.43.17:8872/voila/render/" in out
    assert main(["liens", "--atelier", str(demo_workshop.folder), "--port", "9001"]) == 0  # asked: as asked
    out, err = capsys.readouterr()
    assert "\thttp://127.0.0.1:9001/voila/render/" in out and "adresse donnée en option" in err
