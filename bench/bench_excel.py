"""Excel import and export of the large synthetic workshop: time, peak memory, ratio.

Run: ``.venv/bin/python bench/bench_excel.py [--small]``.

1. The synthetic workshop (``bench/synthetic.py``) is loaded into a SQLite store.
2. *plain*: the same tables (every record kind and every available analysis section)
   written with ``DataFrame.to_excel``, one sheet each, no formatting.
3. *formatted*: ``export_workbook`` — cover, analysis sheets, data sheets with drop-downs,
   filters, frozen panes, print settings.
4. *import*: the formatted export imported into an empty workshop (round trip at scale);
   headline ``import_rows_per_s`` (wall; ``import_rows_per_cpu_s`` is steadier on a
   shared machine).

Each step runs in a forked child so that its peak memory (RSS high-water mark) is its
own; the ratio formatted / plain compares two steps of the same run (target ≤ 2).
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402
from synthetic import load, synthetic_records  # noqa: E402

from toolkit import model  # noqa: E402
from toolkit.excel.export import build_sections, export_workbook, make_context  # noqa: E402
from toolkit.excel.importer import import_workbook  # noqa: E402
from toolkit.excel.sections import SECTIONS  # noqa: E402
from toolkit.workshop import Workshop  # noqa: E402


def rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _child(fn: Callable[[], Any], queue: Any) -> None:
    before, cpu = rss_mib(), cpu_s()
    start = time.perf_counter()
    result = fn()
    queue.put((time.perf_counter() - start, cpu_s() - cpu, before, rss_mib(), result))


def measure(fn: Callable[[], Any]) -> tuple[float, float, float, float, Any]:
    """(wall seconds, CPU seconds, RSS before, peak RSS, result) of ``fn`` in a forked child.

    The machine may be shared: CPU seconds are the steadier figure, wall seconds what a
    user waits.
    """
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_child, args=(fn, queue))
    proc.start()
    out = queue.get()
    proc.join()
    return out


def plain_export(folder: Path, path: Path) -> int:
    """The same tables with pandas' ``to_excel``: what a formatted export is compared to."""
    ws = Workshop.open(folder)
    ctx = make_context(ws.store)
    tables = [(s.title, df) for s, df in build_sections(ctx, SECTIONS)]
    tables += [(model.KINDS[k].label, ctx.frames[k]) for k in model.KIND_ORDER]
    with pd.ExcelWriter(path) as writer:
        for title, df in tables:
            df.to_excel(writer, sheet_name=title, index=False)
    return len(tables)


def analyses_only(folder: Path) -> int:
    """What both exports share: reading the store and running the analyses."""
    ws = Workshop.open(folder)
    return len(build_sections(make_context(ws.store), SECTIONS))


def formatted_export(folder: Path, path: Path) -> int:
    ws = Workshop.open(folder)
    export_workbook(ws.store, path)
    return path.stat().st_size


def import_into_new(source: Path, folder: Path) -> dict[str, int]:
    ws = Workshop.create(folder)
    return import_workbook(source, ws.store, by="bench")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true", help="a tenth of the size, for a quick try")
    args = parser.parse_args()
    size = dict(persons=100, competences=20, tasks=50, actors=200, relations=1000, actions=10) if args.small else {}
    tmp = Path(tempfile.mkdtemp(prefix="bench-excel-"))
    records = synthetic_records(**size)
    ws = Workshop.create(tmp / "source")
    t0 = time.perf_counter()
    load(ws.store, records)
    load_s = time.perf_counter() - t0
    ws.close()
    n_rows = sum(len(v) for v in records.values())

    ana_s, ana_cpu, _, ana_peak, n_sections = measure(lambda: analyses_only(tmp / "source"))
    plain_s, plain_cpu, plain_base, plain_peak, sheets = measure(
        lambda: plain_export(tmp / "source", tmp / "plain.xlsx"))
    fmt_s, fmt_cpu, fmt_base, fmt_peak, size_b = measure(
        lambda: formatted_export(tmp / "source", tmp / "formatted.xlsx"))
    imp_s, imp_cpu, imp_base, imp_peak, counts = measure(
        lambda: import_into_new(tmp / "formatted.xlsx", tmp / "target"))
    assert sum(counts.values()) == n_rows, (sum(counts.values()), n_rows)

    try:
        import xlsxwriter  # noqa: F401
        engine = "xlsxwriter"
    except ImportError:
        engine = "openpyxl"
    print(f"records                 : {n_rows} ({', '.join(f'{k}={len(v)}' for k, v in records.items() if v)})")
    print(f"analysis sections       : {len([s for s in SECTIONS])} registered, sheets in plain export: {sheets}")
    print(f"load store (setup)      : {load_s:6.2f} s")
    print(f"plain to_excel ({engine}) : {plain_s:6.2f} s wall, {plain_cpu:6.2f} s CPU, "
          f"peak RSS {plain_peak:5.0f} MiB (start {plain_base:.0f})")
    print(f"formatted export        : {fmt_s:6.2f} s wall, {fmt_cpu:6.2f} s CPU, "
          f"peak RSS {fmt_peak:5.0f} MiB (start {fmt_base:.0f}), {size_b / 1e6:.1f} MB")
    print(f"import of the export    : {imp_s:6.2f} s wall, {imp_cpu:6.2f} s CPU, "
          f"peak RSS {imp_peak:5.0f} MiB (start {imp_base:.0f}), {n_rows / imp_s:,.0f} rows/s "
          f"({n_rows / imp_cpu:,.0f} rows per CPU second)")
    print(f"ratio formatted / plain : {fmt_s / plain_s:6.2f} wall, {fmt_cpu / plain_cpu:.2f} CPU  (target ≤ 2)")
    print(f"  of which analyses     : {ana_s:6.2f} s wall, {ana_cpu:6.2f} s CPU ({n_sections} tables), "
          f"peak RSS {ana_peak:5.0f} MiB")
    print(f"  writing only (CPU)    : plain {plain_cpu - ana_cpu:6.2f} s, formatted {fmt_cpu - ana_cpu:6.2f} s, "
          f"ratio {(fmt_cpu - ana_cpu) / max(plain_cpu - ana_cpu, 1e-9):.2f}")


    print(f"import_rows_per_s: {n_rows / imp_s:.0f}")
    print(f"import_rows_per_cpu_s: {n_rows / imp_cpu:.0f}")


if __name__ == "__main__":
    main()
