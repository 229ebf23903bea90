"""Excel import and export of the large synthetic workshop: time, peak memory, ratio.

Run: ``.venv/bin/python bench/bench_excel.py [--small]``.

1. The synthetic workshop (``bench/synthetic.py``) is loaded into a SQLite store.
2. *plain*: the same tables (every record kind and every available analysis section)
   written by XlsxWriter with nothing else (``write_row``), one sheet each; and by pandas'
   ``to_excel`` on XlsxWriter, for reference.
3. *formatted*: the deliverable's writing (``write_deliverable``) from the same tables —
   cover, analysis sheets, data sheets with drop-downs, filters, frozen panes, print
   settings, conditional formats, charts; then the whole ``export_workbook``.
4. *import*: the formatted export imported into an empty workshop (round trip at scale);
   headline ``import_rows_per_s`` (wall; ``import_rows_per_cpu_s`` is steadier on a
   shared machine).

Each step runs in a forked child so that its peak memory (RSS high-water mark) is its
own; the writing is timed inside the child, after the tables are made, so that the
ratio formatted / plain (headline ``export_vs_xlsxwriter_ratio``, CPU seconds, target
≤ 1.5) compares the writing of the same tables in the same run.
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

from toolkit.core import model  # noqa: E402
from toolkit.excel.export import build_sections, export_workbook, make_context, write_deliverable  # noqa: E402
from toolkit.excel.formatting import plain  # noqa: E402
from toolkit.excel.importer import import_workbook  # noqa: E402
from toolkit.excel.template import headers, record_rows, sheet_name  # noqa: E402
from toolkit.core.workshop import Workshop  # noqa: E402
from toolkit.method import workbook_sections  # noqa: E402

SECTIONS = workbook_sections()


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


def _prepared(folder: Path) -> tuple[Any, list, dict[str, list[list[Any]]]]:
    """What the export writes: the context, the analyses' tables, the data rows."""
    ws = Workshop.open(folder)
    ctx = make_context(ws.store)
    return ctx, build_sections(ctx, SECTIONS), {k: record_rows(k, ctx.frames[k]) for k in model.KIND_ORDER}


def _timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - start, time.process_time() - cpu, result


def plain_xlsxwriter(folder: Path, path: Path) -> tuple[float, float, int]:
    """The same tables written by XlsxWriter as plainly as it goes: one sheet per table,
    header then rows (``write_row``), no format, no validation, no chart. Times the
    writing only (wall, CPU); the values made writable (``plain``) as the export must."""
    import xlsxwriter

    ctx, built, data_rows = _prepared(folder)
    frames = [(s.title, df.reset_index() if s.hints.index else df) for s, df in built]

    def write() -> int:
        # The tables as the export gets them: DataFrames for the analyses, rows for the data.
        tables = [(title, [str(c) for c in df.columns], df.itertuples(index=False, name=None))
                  for title, df in frames]
        tables += [(sheet_name(k), headers(k), data_rows[k]) for k in model.KIND_ORDER]
        wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
        cells = 0
        for title, head, rows in tables:
            ws = wb.add_worksheet(title)
            ws.write_row(0, 0, head)
            for n, row in enumerate(rows, start=1):
                ws.write_row(n, 0, [plain(v) for v in row])
                cells += len(row)
        wb.close()
        return cells

    return _timed(write)


def plain_pandas(folder: Path, path: Path) -> tuple[float, float, int]:
    """The same tables with pandas' ``to_excel`` on XlsxWriter (writing only)."""
    ctx, built, data_rows = _prepared(folder)
    tables = [(s.title, df, s.hints.index) for s, df in built]
    tables += [(sheet_name(k), pd.DataFrame(data_rows[k], columns=headers(k)), False) for k in model.KIND_ORDER]

    def write() -> int:
        with pd.ExcelWriter(path, engine="xlsxwriter") as writer:
            for title, df, index in tables:
                df.to_excel(writer, sheet_name=title, index=index)
        return len(tables)

    return _timed(write)


def formatted_writing(folder: Path, path: Path) -> tuple[float, float, int]:
    """The deliverable's writing alone (``write_deliverable``), from the same tables."""
    ctx, built, data_rows = _prepared(folder)
    return _timed(lambda: write_deliverable(path, ctx, built, data_rows).stat().st_size)


def analyses_only(folder: Path) -> int:
    """What both exports share: reading the store and running the analyses."""
    ws = Workshop.open(folder)
    return len(build_sections(make_context(ws.store), SECTIONS))


def formatted_export(folder: Path, path: Path) -> int:
    ws = Workshop.open(folder)
    export_workbook(ws.store, path, sections=SECTIONS)
    return path.stat().st_size


def import_into_new(source: Path, folder: Path) -> tuple[float, float, dict[str, int]]:
    """The import alone (wall, CPU, counts), into a workshop created beforehand."""
    ws = Workshop.create(folder)
    return _timed(lambda: import_workbook(source, ws.store, by="bench"))


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
    *_, (xw_s, xw_cpu, cells) = measure(lambda: plain_xlsxwriter(tmp / "source", tmp / "plain.xlsx"))
    *_, (pd_s, pd_cpu, sheets) = measure(lambda: plain_pandas(tmp / "source", tmp / "pandas.xlsx"))
    *_, (wr_s, wr_cpu, _size) = measure(lambda: formatted_writing(tmp / "source", tmp / "written.xlsx"))
    fmt_s, fmt_cpu, fmt_base, fmt_peak, size_b = measure(
        lambda: formatted_export(tmp / "source", tmp / "formatted.xlsx"))
    _, _, imp_base, imp_peak, (imp_s, imp_cpu, counts) = measure(
        lambda: import_into_new(tmp / "formatted.xlsx", tmp / "target"))
    assert sum(counts.values()) == n_rows, (sum(counts.values()), n_rows)

    print(f"records                 : {n_rows} ({', '.join(f'{k}={len(v)}' for k, v in records.items() if v)})")
    print(f"analysis sections       : {len([s for s in SECTIONS])} registered, sheets written: {sheets}")
    print(f"load store (setup)      : {load_s:6.2f} s")
    print(f"analyses (both share)   : {ana_s:6.2f} s wall, {ana_cpu:6.2f} s CPU ({n_sections} tables), "
          f"peak RSS {ana_peak:5.0f} MiB")
    print("writing only, the same tables:")
    print(f"  plain XlsxWriter      : {xw_s:6.2f} s wall, {xw_cpu:6.2f} s CPU ({cells:,} cells, "
          f"{cells / max(xw_cpu, 1e-9):,.0f} cells per CPU s)")
    print(f"  pandas to_excel (xw)  : {pd_s:6.2f} s wall, {pd_cpu:6.2f} s CPU")
    print(f"  formatted export      : {wr_s:6.2f} s wall, {wr_cpu:6.2f} s CPU")
    print(f"  ratio formatted / plain XlsxWriter: {wr_cpu / xw_cpu:.2f} CPU, {wr_s / xw_s:.2f} wall (target ≤ 1.5)")
    print(f"  ratio formatted / pandas to_excel : {wr_cpu / pd_cpu:.2f} CPU, {wr_s / pd_s:.2f} wall")
    print(f"whole export            : {fmt_s:6.2f} s wall, {fmt_cpu:6.2f} s CPU, "
          f"peak RSS {fmt_peak:5.0f} MiB (start {fmt_base:.0f}), {size_b / 1e6:.1f} MB")
    print(f"import of the export    : {imp_s:6.2f} s wall, {imp_cpu:6.2f} s CPU, "
          f"peak RSS {imp_peak:5.0f} MiB (start {imp_base:.0f}), {n_rows / imp_s:,.0f} rows/s "
          f"({n_rows / imp_cpu:,.0f} rows per CPU second)")
    print(f"export_vs_xlsxwriter_ratio: {wr_cpu / xw_cpu:.3f}")
    print(f"export_vs_xlsxwriter_ratio_wall: {wr_s / xw_s:.3f}")
    print(f"import_rows_per_s: {n_rows / imp_s:.0f}")
    print(f"import_rows_per_cpu_s: {n_rows / imp_cpu:.0f}")


if __name__ == "__main__":
    main()
