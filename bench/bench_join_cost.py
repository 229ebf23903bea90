"""What one arrival costs: participants join one after the other, each measured alone.

``bench_serve.py`` lets 30 participants join at once: its p95 is what a room feels, but on
a machine shared with other work it moves by half a second from one run to the next. Here
the same server (``maillage servir``'s code, preheated pools, demo workshop) takes
``--joins`` participants one at a time, and for each join measures:

- wall time of its phases: the page (GET, Voilà sends the preheated page and the kernel
  draws it for its visitor), the kernel websocket opened, the widgets' states read;
- CPU of the server (one thread: what 30 arrivals queue behind) and of the kernel that
  took the visitor.

The same bench runs first on the toolkit of ``--avant`` (default ``main``: ``git archive``
into a temporary folder, in a subprocess), then on this tree: figures side by side, same
run, with ratios. Headlines on their own lines (``name: value``).

Usage: ``.venv/bin/python bench/bench_join_cost.py [--joins 12] [--avant main]``
"""
from __future__ import annotations

import argparse
import asyncio
import io
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_serve import start, stop  # noqa: E402
from toolkit.core.workshop import Workshop  # noqa: E402
from toolkit.demo import build_demo  # noqa: E402
from toolkit.voila_client import KERNEL_ID_RE, WS_PROTOCOL, _HTTP_THREADS, PageClient, fetch_page_and_cookie  # noqa: E402

FIGURES = ("page_ms", "ws_ms", "states_ms", "join_ms", "server_cpu_ms", "kernel_cpu_ms")


def cpu(process: psutil.Process) -> float:
    times = process.cpu_times()
    return times.user + times.system


def kernel_process(server: psutil.Process, kernel_id: str) -> psutil.Process | None:
    for child in server.children(recursive=True):
        try:
            if any(kernel_id in part for part in child.cmdline()):
                return child
        except psutil.Error:
            continue
    return None


async def join(base: str, token: str, server: psutil.Process) -> dict[str, float]:
    import websockets

    kernels = {c.pid: (c, cpu(c)) for c in server.children(recursive=True)}
    server_before = cpu(server)
    client = PageClient(base, "accueil.ipynb", token, timeout=120)
    t0 = time.perf_counter()
    client.html, _, client.xsrf = await asyncio.get_running_loop().run_in_executor(
        _HTTP_THREADS, fetch_page_and_cookie, base, "accueil.ipynb", token, 120)
    t1 = time.perf_counter()
    client.kernel_id = KERNEL_ID_RE.search(client.html).group(1)
    url = base.replace("http", "ws", 1) + f"/api/kernels/{client.kernel_id}/channels?session_id={client.session}"
    client.ws = await websockets.connect(url, max_size=None, ping_interval=None, subprotocols=[WS_PROTOCOL])
    t2 = time.perf_counter()
    await client.request_states()
    t3 = time.perf_counter()
    await asyncio.sleep(0.3)  # what the kernel still does after the states (its last messages)
    server_cpu = cpu(server) - server_before
    kernel = kernel_process(server, client.kernel_id)
    kernel_cpu = cpu(kernel) - kernels[kernel.pid][1] if kernel and kernel.pid in kernels else float("nan")
    await client.close()
    return {"page_ms": (t1 - t0) * 1000, "ws_ms": (t2 - t1) * 1000, "states_ms": (t3 - t2) * 1000,
            "join_ms": (t3 - t0) * 1000, "server_cpu_ms": server_cpu * 1000, "kernel_cpu_ms": kernel_cpu * 1000}


def measure(joins: int) -> dict[str, float]:
    root = Path(tempfile.mkdtemp(prefix="bench-join-cost-"))
    folder = root / "demo"
    ws = Workshop.create(folder)
    build_demo(ws.store)
    tokens = [p["token"] for p in ws.store.all("persons")[:joins]]
    ws.close()
    process, port, _ = start(folder, joins, preheat=True)
    server = psutil.Process(process.pid)
    rows = []
    try:
        async def run() -> None:
            for token in tokens:
                rows.append(await join(f"http://127.0.0.1:{port}", token, server))
                await asyncio.sleep(1.0)  # the server back to quiet between two arrivals

        asyncio.run(run())
    finally:
        stop(process)
    figures = {}
    for name in FIGURES:
        values = [r[name] for r in rows if r[name] == r[name]]
        figures[name] = statistics.median(values)
        figures[name.replace("_ms", "_mean_ms")] = statistics.fmean(values)
        print(f"  {name:<15}: median {figures[name]:7.1f} ms   mean {statistics.fmean(values):7.1f} ms   "
              f"({', '.join(f'{v:.0f}' for v in values)})", flush=True)
    print(f"  load average: {os.getloadavg()[0]:.1f}")
    return figures


def before(revision: str, joins: int) -> dict[str, float]:
    """The same bench on the toolkit and pages of ``revision``, in a subprocess."""
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory(prefix="bench-join-cost-before-") as folder:
        archive = subprocess.run(["git", "-C", str(root), "archive", revision, "toolkit", "ateliers", "bench"],
                                 capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        # this very script, next to that revision's toolkit (it puts its own parent first on the path)
        script = Path(folder) / "bench" / Path(__file__).name
        script.write_text(Path(__file__).read_text(encoding="utf-8"), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": folder, "PYTHONDONTWRITEBYTECODE": "1"}
        done = subprocess.run([sys.executable, str(script), "--joins", str(joins), "--sans-avant"],
                              capture_output=True, text=True, env=env, cwd=folder)
    print(f"--- {revision} (its toolkit, pages and template; same bench) ---")
    figures = {}
    for line in done.stdout.splitlines():
        if line.startswith("  "):
            print("  |" + line)
        if ": " in line and line.split(": ")[0] in {f"join_cost_{n}" for n in FIGURES}:
            figures[line.split(": ")[0].removeprefix("join_cost_")] = float(line.split(": ")[1])
    if not figures:
        print(done.stdout[-2000:], done.stderr[-3000:])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--joins", type=int, default=12)
    parser.add_argument("--avant", default="main", help="revision measured first, for comparison")
    parser.add_argument("--sans-avant", action="store_true", help="this tree only")
    args = parser.parse_args()
    print(f"bench_join_cost: {args.joins} participants joining one at a time, {os.cpu_count()} cores, "
          f"load avg {os.getloadavg()[0]:.1f}", flush=True)
    old = {} if args.sans_avant else before(args.avant, args.joins)
    if not args.sans_avant:
        print("--- this tree ---")
    now = measure(args.joins)
    for name in FIGURES:
        print(f"join_cost_{name}: {now[name]:.1f}")
    for name in ("server_cpu_ms", "kernel_cpu_ms", "join_ms"):
        if old.get(name):
            print(f"join_cost_{name.removesuffix('_ms')}_ratio: {now[name] / old[name]:.2f}")


if __name__ == "__main__":
    main()
