"""Import of the large exported workbook: this checkout against a baseline revision, same run.

The large synthetic workshop (``bench/synthetic.py``) is exported once (the deliverable,
``export_workbook``), then imported into a new workshop ``--runs`` times by this
checkout's toolkit and by the toolkit of ``--before`` (``git archive`` into a temporary
folder, run in a subprocess on the same file), alternately, so that both see the same
load. Each import is timed in wall and CPU seconds (CPU is the steadier figure on a
shared machine); the medians are printed, then the headlines on lines of their own:
``import_rows_per_s`` (wall, this checkout), ``import_rows_per_cpu_s``, and the same for
the baseline (``import_before_rows_per_s``, ``import_before_rows_per_cpu_s``).

Usage: ``.venv/bin/python bench/bench_import.py [--runs 3] [--before main]``.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def import_once(source: Path, folder: Path) -> dict[str, float]:
    """One import of ``source`` into a new workshop at ``folder`` (the toolkit on the path)."""
    try:  # a baseline revision may predate toolkit/core/
        from toolkit.core.workshop import Workshop
    except ImportError:
        from toolkit.workshop import Workshop  # type: ignore[no-redef]
    from toolkit.excel.importer import import_workbook

    shutil.rmtree(folder, ignore_errors=True)
    ws = Workshop.create(folder)
    cpu, wall = time.process_time(), time.perf_counter()
    counts = import_workbook(source, ws.store, by="bench")
    out = {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu, "rows": sum(counts.values())}
    ws.close()
    return out


def _child(toolkit: Path, source: Path, folder: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(toolkit)}
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(source), str(folder)],
                          capture_output=True, text=True, env=env, cwd=str(toolkit), check=False)
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--before", default="main", help="git revision whose importer is timed too")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(import_once(Path(args.child[0]), Path(args.child[1]))))
        return
    sys.path.insert(0, str(ROOT / "bench"))
    sys.path.insert(0, str(ROOT))
    from synthetic import load, synthetic_records

    from toolkit.core.workshop import Workshop
    from toolkit.method import export_workbook  # the deliverable with the method's sheets

    print(f"load average at start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
    tmp = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        ws = Workshop.create(tmp / "source")
        load(ws.store, synthetic_records())
        source = tmp / "export.xlsx"
        export_workbook(ws.store, source)
        ws.close()
        before = tmp / "before"
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.before, "toolkit"],
                                 capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(before, filter="data")
        ours, theirs = [], []
        for _ in range(args.runs):  # alternately: both see the same load
            ours.append(_child(ROOT, source, tmp / "target"))
            theirs.append(_child(before, source, tmp / "target"))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    rows = ours[0]["rows"]
    print(f"records imported: {rows} (large synthetic workshop, its exported deliverable)")
    med = {name: {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu")}
           for name, runs in (("this checkout", ours), (args.before, theirs))}
    for name, m in med.items():
        print(f"  {name:<14}: {m['wall']:6.2f} s wall, {m['cpu']:6.2f} s CPU  "
              f"({rows / m['wall']:,.0f} rows/s, {rows / m['cpu']:,.0f} rows per CPU s; median of {args.runs})")
    ours_m, theirs_m = med["this checkout"], med[args.before]
    print(f"  speed-up against {args.before}: ×{theirs_m['cpu'] / ours_m['cpu']:.2f} CPU, "
          f"×{theirs_m['wall'] / ours_m['wall']:.2f} wall (target ≥ 20,000 rows/s)")
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    print(f"import_before_rows_per_s: {rows / theirs_m['wall']:.0f}")
    print(f"import_before_rows_per_cpu_s: {rows / theirs_m['cpu']:.0f}")
    print(f"import_rows_per_cpu_s: {rows / ours_m['cpu']:.0f}")
    print(f"import_rows_per_s: {rows / ours_m['wall']:.0f}")


if __name__ == "__main__":
    main()
