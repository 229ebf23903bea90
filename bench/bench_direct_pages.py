"""A step page opened directly twice in a row: with one spare kernel per page (before) and
with ``serve.SPARE_PER_PAGE`` (now).

Each run serves a copy of the demo workshop (``--participants 1``, preheated, 127.0.0.1),
waits until every pool is full, opens the « competences » step (open) for its page, then
three participants open ``competences.ipynb`` through a direct link one after the other,
as fast as they can. Before, the second waited for a kernel to start once the refill
delay (30 s) had passed.

Usage: ``.venv/bin/python bench/bench_direct_pages.py``
"""
from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_serve import start, stop  # noqa: E402

from toolkit import serve, steps  # noqa: E402
from toolkit.demo import build_demo  # noqa: E402
from toolkit.voila_client import fetch_page  # noqa: E402
from toolkit.core.workshop import Workshop  # noqa: E402

PAGE = "competences.ipynb"


def run(folder: Path, tokens: list[str], spare: int) -> list[float]:
    serve.SPARE_PER_PAGE = spare  # read by serve.pool_sizes when the configuration is written
    process, port, _ = start(folder, 1, preheat=True)
    try:
        return [fetch_page(f"http://127.0.0.1:{port}", PAGE, token, timeout=300)[1] for token in tokens]
    finally:
        stop(process)


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="bench-direct-"))
    try:
        ws = Workshop.create(root / "demo")
        build_demo(ws.store)
        steps.set_open(ws.store, "competences", True, by="bench")
        tokens = [ws.store.get("persons", pid)["token"] for pid in ("PER-02", "PER-03", "PER-04")]
        ws.close()
        now = serve.SPARE_PER_PAGE
        figures = {}
        for name, spare in (("before", 1), ("now", now)):
            figures[name] = run(root / "demo", tokens, spare)
            print(f"{name} ({spare} spare kernel(s) a page): " + ", ".join(f"{t:.1f} s" for t in figures[name]),
                  flush=True)
        print(f"second_direct_open_before: {figures['before'][1]:.1f} s")
        print(f"second_direct_open: {figures['now'][1]:.1f} s")
        print(f"third_direct_open: {figures['now'][2]:.1f} s (beyond the {now} spare kernels)")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
