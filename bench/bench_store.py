"""Loading a large synthetic workshop into the store and reading it back as DataFrames.

Run: ``.venv/bin/python bench/bench_store.py [--url URL]``. Prints seconds and peak memory.
"""
from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import load, synthetic_records  # noqa: E402

from toolkit.store import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=None, help="store URL (default: a SQLite file in a temp folder)")
    args = parser.parse_args()
    url = args.url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    t0 = time.perf_counter()
    records = synthetic_records()
    t1 = time.perf_counter()
    store = Store(url)
    load(store, records)
    t2 = time.perf_counter()
    frames = store.frames()
    t3 = time.perf_counter()
    sizes = ", ".join(f"{k}={len(v)}" for k, v in frames.items() if len(v))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"backend            : {store.backend}")
    print(f"records            : {sizes}")
    print(f"generate           : {t1 - t0:6.2f} s")
    print(f"load into store    : {t2 - t1:6.2f} s")
    print(f"read as DataFrames : {t3 - t2:6.2f} s")
    print(f"peak memory (RSS)  : {peak_mb:6.0f} MiB")


if __name__ == "__main__":
    main()
