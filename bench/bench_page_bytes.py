"""What a phone downloads to open its welcome page, as served today and as Voilà was served before.

Two servers in turn on a copy of the demo workshop (127.0.0.1 only, no preheating: the
bytes do not depend on it): *before* is plain ``python -m voila`` with the configuration
without compression nor cache settings (what ``maillage servir`` ran before issue 17);
*now* is ``maillage servir``'s own (``toolkit.voila_app``: gzip compressed once, cache
headers, no directory listing). A phone-sized Chromium (Playwright) opens the welcome
page of PER-02 with an empty cache, then opens it again (a reload after a screen lock)
in the same browser context.

Printed, for each server: bytes transferred (response bodies as sent plus headers,
Playwright's ``Request.sizes()``), requests that reached the server, the server's CPU
time for the fresh load, and what ``/voila/tree`` answers (and whether it names a CDN).

Usage: ``.venv/bin/python bench/bench_page_bytes.py``
"""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from toolkit import serve  # noqa: E402
from toolkit.demo import build_demo  # noqa: E402
from toolkit.core.workshop import Workshop  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(ws: Workshop, port: int, before: bool, log: Path) -> subprocess.Popen:
    cmd = serve.voila_command(ws, "127.0.0.1", port, participants=0, preheat=False)
    if before:  # the server of before: plain Voilà, no compression nor cache settings
        cmd[cmd.index(serve.VOILA_APP)] = "voila"
        path = ws.folder / serve.RUN_DIR / "voila.json"
        config = json.loads(path.read_text())
        config.pop("MaillageVoila")
        for key in ("compress_response", "static_immutable_cache"):
            config["Voila"]["tornado_settings"].pop(key)
        path.write_text(json.dumps(config))
    with open(log, "w") as out:
        process = subprocess.Popen(cmd, env=serve.server_env(ws, "127.0.0.1"), cwd=str(serve.PAGES_DIR),
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/static/voila.js", timeout=2).read()
            return process
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    raise SystemExit(log.read_text()[-2000:])


def stop(process: subprocess.Popen) -> None:
    children = psutil.Process(process.pid).children(recursive=True)
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
    for child in psutil.wait_procs(children, timeout=10)[1]:
        child.kill()


def tree(port: int) -> str:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/voila/tree", timeout=10) as r:
            status, body = r.status, r.read().decode(errors="replace")
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read().decode(errors="replace")
    return f"{status}" + (" (names a CDN)" if "cdn." in body or "https://" in body else "")


def load(browser, url: str) -> dict[str, float]:  # noqa: ANN001
    """Fresh phone, then the same phone again: bytes and requests that reached the server."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    figures = {}
    for visit in ("fresh", "again"):
        page = context.new_page()
        done: list = []
        page.on("requestfinished", lambda request: done.append(request))
        # Chromium's own account of which responses came from the network (not its cache)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        network: set[str] = set()
        cached: set[str] = set()
        cdp.on("Network.responseReceived", lambda e: None if e["response"].get("fromDiskCache")
               or e["response"].get("fromPrefetchCache") else network.add(e["requestId"]))
        cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))
        page.goto(url)
        page.wait_for_selector(".maillage-save", timeout=120_000)
        time.sleep(1.0)
        sizes = [r.sizes() for r in done]
        figures[f"{visit}_bytes"] = sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes)
        figures[f"{visit}_requests"] = len(network - cached)
        cdp.detach()
        page.close()
    context.close()
    return figures


def main() -> None:
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="maillage-octets-"))
    try:
        ws = Workshop.create(tmp / "demo")
        build_demo(ws.store)
        token = ws.store.get("persons", "PER-02")["token"]
        results = {}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"])
            for name, before in (("before", True), ("now", False)):
                port = free_port()
                process = start(ws, port, before, tmp / f"voila-{name}.log")
                try:
                    server = psutil.Process(process.pid)
                    cpu0 = sum(server.cpu_times()[:2])
                    figures = load(browser, serve.page_url("127.0.0.1", port, serve.WELCOME_PAGE, token))
                    figures["server_cpu_s"] = sum(server.cpu_times()[:2]) - cpu0
                    figures["tree"] = tree(port)
                finally:
                    stop(process)
                results[name] = figures
                print(f"{name}: fresh {figures['fresh_bytes'] / 1e6:.2f} MB in {figures['fresh_requests']} requests, "
                      f"again {figures['again_bytes'] / 1e3:.1f} kB in {figures['again_requests']} requests, "
                      f"server CPU for both {figures['server_cpu_s']:.2f} s, /voila/tree: {figures['tree']}",
                      flush=True)
            browser.close()
        b, n = results["before"], results["now"]
        headlines = {
            "fresh_phone_bytes_before": f"{b['fresh_bytes'] / 1e6:.2f} MB",
            "fresh_phone_bytes": f"{n['fresh_bytes'] / 1e6:.2f} MB",
            "fresh_phone_bytes_ratio": f"{n['fresh_bytes'] / b['fresh_bytes']:.2f}",
            "reload_requests_before": b["again_requests"],
            "reload_requests": n["again_requests"],
            "voila_tree": f"{n['tree']} (before: {b['tree']})",
        }
        for name, value in headlines.items():
            print(f"{name}: {value}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
