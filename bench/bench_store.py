"""The store on SQLite and on PostgreSQL, side by side.

Three measures on each backend:
1. load a large synthetic workshop (``synthetic.py``) and read it back as DataFrames;
2. 8 processes × 200 inserts at once (the concurrency test's load), records per second;
3. a 30-participant session: 30 processes, one per participant page, each saving 20
   answers one at a time (insert, then a correction of its profile every 4th answer) with
   a short read of its own answers between saves; latency of a save (p50, p95, max).
   The pages open first and stay open until all have saved (two barriers), so the figures
   measure the writers, not interpreters starting or ending beside them.
   On SQLite it runs twice: with the store's write lock (a lock file taken around each
   write transaction) and, as the baseline of the same run, with SQLite's busy handler
   alone (the former mechanism, ``Store(url, write_lock="sqlite")``). The write lock is
   a queue of turns on byte locks of a file beside the database (``core/store.py``).

Headlines, one a line (SQLite, 30 writers, the store's mechanism): ``saves_p95_ms``,
``saves_max_ms``, ``saves_lost`` (saves refused or missing from the store afterwards);
the baseline as ``baseline_saves_*``, PostgreSQL as ``pg_saves_*``.

Run: ``.venv/bin/python bench/bench_store.py [--sqlite-only] [--pg URL] [--url URL]``.
PostgreSQL: ``--pg`` names a server (a fresh database is made and dropped on it), else
``MAILLAGE_TEST_PG_URL``, else the throw-away server of ``scripts/postgres.sh`` is started.
``--url`` measures one given store only (the original single-backend run).
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from synthetic import load, synthetic_records  # noqa: E402

from toolkit.core.store import Store  # noqa: E402


# --- the three measures -------------------------------------------------------------


def bulk(url: str) -> dict[str, float]:
    records = synthetic_records()
    store = Store(url)
    t0 = time.perf_counter()
    load(store, records)
    t1 = time.perf_counter()
    frames = store.frames()
    t2 = time.perf_counter()
    store.dispose()
    return {"records": sum(len(v) for v in frames.values()), "load_s": t1 - t0, "read_s": t2 - t1}


def _inserter(url: str, worker: int, n: int, queue: Any) -> None:
    store = Store(url)
    for i in range(n):
        store.insert("axes", {"id": f"B{worker}-{i}", "name": f"Axe {worker}/{i}"}, by=f"p{worker}")
    store.dispose()
    queue.put(None)


def _participant(url: str, write_lock: str, start: Any, end: Any, worker: int, person_id: str,
                 competences: list[str], answers: int, queue: Any) -> None:
    latencies: list[float] = []
    errors = 0
    try:
        t0 = time.perf_counter()
        store = Store(url, write_lock=write_lock)  # the page opening
        opened = time.perf_counter() - t0
        store.all("assessments", person_id=person_id)  # the page shows what is saved
    except Exception:
        queue.put((None, [], answers))
        return
    # All pages are open (Python started, the store reached): the 30 save at once from here,
    # so the latencies measure the writers' contention, not 30 interpreters importing pandas.
    start.wait(timeout=600)
    for i in range(answers):
        t0 = time.perf_counter()
        try:
            if i % 4 == 3:
                store.update("persons", person_id, {"function": f"Fonction v{i}"}, by=person_id)
            else:
                store.insert("assessments", {"person_id": person_id,
                                             "competence_id": competences[i % len(competences)],
                                             "savoir": i % 5, "vouloir": (i + 1) % 5, "pouvoir": (i + 2) % 5},
                             by=person_id)
        except Exception:  # the page would show "L'enregistrement a échoué": counted, not hidden
            errors += 1
            continue
        latencies.append(time.perf_counter() - t0)
        store.all("assessments", person_id=person_id)  # the page shows what is saved
    # The pages stay open until all have saved, as in a room: the last saves measure the
    # writers, not the first ones' interpreters tearing down beside them (CPU on 2 cores).
    end.wait(timeout=600)
    store.dispose()
    queue.put((opened, latencies, errors))


def _spawn(target: Callable, args_list: list[tuple]) -> tuple[float, list]:
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=target, args=(*args, queue)) for args in args_list]
    t0 = time.perf_counter()
    for p in procs:
        p.start()
    results = [queue.get(timeout=600) for _ in procs]
    elapsed = time.perf_counter() - t0
    for p in procs:
        p.join(timeout=60)
    return elapsed, results


def concurrent_inserts(url: str, workers: int = 8, n: int = 200) -> dict[str, float]:
    Store(url).dispose()
    elapsed, _ = _spawn(_inserter, [(url, w, n) for w in range(workers)])
    store = Store(url)
    count = store.count("axes")
    store.dispose()
    assert count == workers * n, count
    return {"writes": count, "elapsed_s": elapsed, "per_s": count / elapsed}


def participants(url: str, people: int = 30, answers: int = 20, write_lock: str = "file") -> dict[str, float]:
    store = Store(url)
    cids = store.insert_many("competences", [{"name": f"Compétence {i}", "family": "Pilotage"} for i in range(5)],
                             by="bench")
    pids = store.insert_many("persons", [{"name": f"Participant {i}", "organisation": "Mairie", "role": "agent"}
                                         for i in range(people)], by="bench")
    store.dispose()
    ctx = mp.get_context("spawn")
    start, end = ctx.Barrier(people), ctx.Barrier(people)
    elapsed, results = _spawn(_participant, [(url, write_lock, start, end, w, pids[w], cids, answers)
                                             for w in range(people)])
    lat = sorted(x for r in results for x in r[1]) or [float("nan")]
    opens = sorted(r[0] for r in results if r[0] is not None) or [float("nan")]
    # Lost: a save the page was not told about, or one it was told about that is missing.
    store = Store(url)
    inserts_expected = people * sum(1 for i in range(answers) if i % 4 != 3)
    updates_expected = people * sum(1 for i in range(answers) if i % 4 == 3)
    inserted = store.count("assessments")
    updated = sum(1 for h in store.history("persons") if h["op"] == "update")
    store.dispose()
    lost = (inserts_expected - inserted) + (updates_expected - updated)
    return {"saves": len(lat), "failed": sum(r[2] for r in results), "lost": lost, "elapsed_s": elapsed,
            "open_max_s": opens[-1], "p50_ms": 1000 * statistics.median(lat),
            "p95_ms": 1000 * lat[int(0.95 * (len(lat) - 1))], "max_ms": 1000 * lat[-1]}


# --- backends -----------------------------------------------------------------------


def _sqlite_url() -> str:
    return f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"


def _pg_server(explicit: str | None) -> str:
    if explicit:
        return explicit
    if os.environ.get("MAILLAGE_TEST_PG_URL"):
        return os.environ["MAILLAGE_TEST_PG_URL"]
    out = subprocess.run(["bash", str(HERE.parent / "scripts" / "postgres.sh")], capture_output=True, text=True,
                         check=True)
    return out.stdout.strip()


class PgDatabase:
    """A fresh database on the server for one measure, dropped afterwards."""

    def __init__(self, server: str) -> None:
        import sqlalchemy as sa

        self.admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
        self.name = f"maillage_bench_{secrets.token_hex(4)}"
        with self.admin.connect() as c:
            c.exec_driver_sql(f'CREATE DATABASE "{self.name}"')
        self.url = sa.engine.make_url(server).set(database=self.name).render_as_string(hide_password=False)

    def drop(self) -> None:
        with self.admin.connect() as c:
            c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        self.admin.dispose()


def run_all(make_url: Callable[[], tuple[str, Callable[[], None]]]) -> dict[str, dict[str, float]]:
    out = {}
    for name, measure in (("bulk", bulk), ("concurrent", concurrent_inserts), ("participants", participants)):
        url, cleanup = make_url()
        try:
            out[name] = measure(url)
        finally:
            cleanup()
    return out


ROWS = [
    ("bulk", "records", "synthetic workshop: records", "{:.0f}"),
    ("bulk", "load_s", "  load into store (s)", "{:.2f}"),
    ("bulk", "read_s", "  read as DataFrames (s)", "{:.2f}"),
    ("concurrent", "elapsed_s", "8 processes x 200 inserts (s)", "{:.2f}"),
    ("concurrent", "per_s", "  inserts per second", "{:.0f}"),
    ("participants", "elapsed_s", "30 participants x 20 saves (s)", "{:.2f}"),
    ("participants", "failed", "  saves refused (errors)", "{:.0f}"),
    ("participants", "lost", "  saves lost (refused or missing)", "{:.0f}"),
    ("participants", "open_max_s", "  slowest store opening (s)", "{:.2f}"),
    ("participants", "p50_ms", "  save latency p50 (ms)", "{:.1f}"),
    ("participants", "p95_ms", "  save latency p95 (ms)", "{:.1f}"),
    ("participants", "max_ms", "  save latency max (ms)", "{:.1f}"),
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default=None, help="measure this one store URL only")
    parser.add_argument("--pg", default=None, help="PostgreSQL server URL (a fresh database is made on it)")
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    results: dict[str, dict[str, dict[str, float]]] = {}
    if args.url:
        results[Store(args.url).backend] = run_all(lambda: (args.url, lambda: None))
    else:
        results["sqlite"] = run_all(lambda: (_sqlite_url(), lambda: None))
        # The baseline, in the same run: the participants' session with SQLite's busy handler.
        results["sqlite-busy"] = {"participants": participants(_sqlite_url(), write_lock="sqlite")}
        if not args.sqlite_only:
            server = _pg_server(args.pg)

            def make_pg() -> tuple[str, Callable[[], None]]:
                db = PgDatabase(server)
                return db.url, db.drop

            results["postgresql"] = run_all(make_pg)
    names = list(results)
    print(f"{'measure':<34}" + "".join(f"{n:>12}" for n in names))
    for group, key, label, fmt in ROWS:
        values = [results[n][group][key] if group in results[n] else None for n in names]
        print(f"{label:<34}" + "".join(f"{'-' if v is None else fmt.format(v):>12}" for v in values))
    for prefix, name in (("", "sqlite"), ("baseline_", "sqlite-busy"), ("pg_", "postgresql")):
        if name in results:
            p = results[name]["participants"]
            print(f"{prefix}saves_p95_ms: {p['p95_ms']:.1f}")
            print(f"{prefix}saves_max_ms: {p['max_ms']:.1f}")
            print(f"{prefix}saves_lost: {p['lost']:.0f}")
    if "sqlite-busy" in results:
        print(f"saves_p95_vs_busy_handler: {results['sqlite']['participants']['p95_ms'] / results['sqlite-busy']['participants']['p95_ms']:.3f}")
    print(f"peak memory of this process (RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print(f"cores: {os.cpu_count()}, load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
