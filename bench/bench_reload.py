"""A reload storm: every participant reloads the welcome page 3 times, then stays.

Phones reload all the time (screen lock, switching apps). Before kernels of pages left were
stopped (issue 17, item 1), each reload left a kernel of ~150 MB running: 30 participants
reloading 3 times left 90 kernels. Here, on the real server (``maillage servir``'s code, a
copy of the demo workshop), half the tabs say goodbye (Voilà's shutdown beacon with the
page's XSRF cookie) and half vanish without a word (the kernel then stops after the
grace period, ``serve.ABANDON_AFTER_SECONDS``).

Printed: kernels and their memory (USS) before the storm, right after it, and every 10 s
until they are back to the preheated pools plus the pages still connected; the time it
took. Headlines as ``name: value`` lines: ``kernels_left_after_reloads`` (kernels above
pools + connected pages at the end, target 0), ``reload_recovery_s`` (target < 120),
``kernels_uss_after_mib``.

Usage: ``.venv/bin/python bench/bench_reload.py [--participants 30] [--reloads 3] [--grace 45]``
"""
from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_serve import memory_mb, start, stop  # noqa: E402
from toolkit import serve  # noqa: E402
from toolkit.demo import build_demo  # noqa: E402
from toolkit.voila_client import kernel_alive, reload_page  # noqa: E402
from toolkit.core.workshop import Workshop  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--reloads", type=int, default=3)
    parser.add_argument("--grace", type=float, default=serve.ABANDON_AFTER_SECONDS)
    args = parser.parse_args()
    serve.ABANDON_AFTER_SECONDS = args.grace

    root = Path(tempfile.mkdtemp(prefix="bench-reload-"))
    folder = root / "demo"
    ws = Workshop.create(folder)
    build_demo(ws.store)
    persons = [p for p in ws.store.all("persons") if p.get("token")][: args.participants]
    tokens = [p["token"] for p in persons]
    ws.close()
    n = len(tokens)
    pools = sum(serve.pool_sizes(n, serve.served_pages(serve.PAGES_DIR)).values())
    print(f"{n} participants, {args.reloads} rechargements chacun, délai de grâce {args.grace:.0f} s, "
          f"{pools} noyaux préchauffés", flush=True)

    process, port, _ = start(folder, n, preheat=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _, rss, uss, count = memory_mb(process)
        print(f"  avant : {count} noyaux, USS {uss:.0f} Mio (RSS {rss:.0f})", flush=True)

        async def storm() -> tuple[list[str], list]:
            results = await asyncio.gather(*[
                reload_page(base, serve.WELCOME_PAGE, token, args.reloads, [i % 2 == 0, i % 2 == 1], timeout=600)
                for i, token in enumerate(tokens)])
            return [k for left, _ in results for k in left], [page for _, page in results]

        async def run() -> None:
            t0 = time.perf_counter()
            left, staying = await storm()
            storm_s = time.perf_counter() - t0
            _, rss, uss, count = memory_mb(process)
            print(f"  rechargements faits en {storm_s:.0f} s : {count} noyaux, USS {uss:.0f} Mio "
                  f"(sans arrêt des pages quittées : {pools + n + len(left)} noyaux)", flush=True)
            t1 = time.perf_counter()
            recovered = None
            while time.perf_counter() - t1 < 300:
                await asyncio.sleep(10)
                _, rss, uss, count = memory_mb(process)
                alive = sum(kernel_alive(base, k) for k in left)
                print(f"  +{time.perf_counter() - t1:4.0f} s : {count} noyaux (dont {alive} de pages quittées), "
                      f"USS {uss:.0f} Mio", flush=True)
                if alive == 0 and count <= pools + len(staying):
                    recovered = time.perf_counter() - t1
                    break
            still = sum(kernel_alive(base, page.kernel_id) for page in staying)
            print(f"  pages restées ouvertes dont le noyau vit encore : {still}/{len(staying)}")
            for page in staying:
                await page.close()
            print(f"kernels_left_after_reloads: {max(0, count - pools - len(staying))}")
            print(f"reload_recovery_s: {recovered if recovered is not None else float('nan'):.0f}")
            print(f"kernels_uss_after_mib: {uss:.0f}")

        asyncio.run(run())
    finally:
        stop(process)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
