"""The competence review on a large workshop: 1,000 persons × 80 competences.

Every person rates every competence (80,000 self-assessments) and the consultant reviews
one in ten (8,000 more); 500 tasks carry requirements. Prints the time of each analysis
(best of two runs), the peak memory it allocates (tracemalloc, a separate run) and the
process's peak RSS.

Run: ``.venv/bin/python bench/bench_competences.py [--persons N] [--competences N] [--url URL]``.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import load, synthetic_records  # noqa: E402

from toolkit import competences as C  # noqa: E402
from toolkit.core.store import Store  # noqa: E402


def records(persons: int, competences: int, seed: int = 11) -> dict:
    """The synthetic workshop, with a full persons × competences self-assessment."""
    recs = synthetic_records(persons=persons, competences=competences, actors=10, relations=5, seed=seed)
    rnd = random.Random(seed)
    for p in recs["persons"]:
        p.pop("actor_id", None)  # no actors needed here
    rows = []
    for p in recs["persons"]:
        for c in recs["competences"]:
            s = rnd.choice([0, 0, 1, 1, 2, 2, 3, 4])
            rows.append({"id": f"E{len(rows):06d}", "person_id": p["id"], "competence_id": c["id"], "savoir": s,
                         "vouloir": rnd.randint(0, 4), "pouvoir": rnd.choice([0, 1, 1, 2, 2, 3, 4]),
                         "source": "auto-évaluation"})
    for r in list(rows[::10]):
        rows.append({**r, "id": f"K{len(rows):06d}", "source": "consultant",
                     "vouloir": max(0, r["vouloir"] - 1), "pouvoir": max(0, r["pouvoir"] - 1)})
    recs["assessments"] = rows
    for kind in ("actors", "relations", "raci", "memberships", "bodies"):
        recs[kind] = []
    return recs


def timed(label: str, fn, results: list) -> object:  # noqa: ANN001
    """Time ``fn`` (best of two runs), then run it once more under tracemalloc for its peak.

    tracemalloc slows allocation-heavy code several times over: never time under it.
    """
    elapsed = cpu = float("inf")
    for _ in range(2):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        elapsed = min(elapsed, time.perf_counter() - t0)
        cpu = min(cpu, time.process_time() - c0)
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    results.append((label, elapsed, cpu, peak / 2**20, len(out) if hasattr(out, "__len__") else ""))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=1000)
    parser.add_argument("--competences", type=int, default=80)
    parser.add_argument("--url", default=None, help="store URL (default: a SQLite file in a temp folder)")
    args = parser.parse_args()
    url = args.url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"

    t0 = time.perf_counter()
    recs = records(args.persons, args.competences)
    store = Store(url)
    load(store, recs)
    t_load = time.perf_counter() - t0

    res: list = []
    f = timed("read tables (Store.frames)", lambda: store.frames(
        ["persons", "competences", "assessments", "requirements"]), res)
    a, p, c, r = f["assessments"], f["persons"], f["competences"], f["requirements"]
    timed("resolve_assessments", lambda: C.resolve_assessments(a), res)
    timed("mobilisable_holders", lambda: C.mobilisable_holders(a), res)
    timed("best_mobilisable_level", lambda: C.best_mobilisable_level(a, c), res)
    timed("lacking_competences", lambda: C.lacking_competences(r, a, c), res)
    timed("coverage", lambda: C.coverage(a, c), res)
    timed("single_points_of_failure", lambda: C.single_points_of_failure(a, c), res)
    timed("training_candidates", lambda: C.training_candidates(a), res)
    timed("reluctant_experts", lambda: C.reluctant_experts(a), res)
    timed("self_vs_consultant", lambda: C.self_vs_consultant(a), res)
    timed("team_profile", lambda: C.team_profile(a, p), res)
    timed("team_matrix", lambda: C.team_matrix(a, p, c), res)
    for dim in ("savoir", "vouloir", "pouvoir", "combined"):
        timed(f"matrix {dim}", lambda dim=dim: C.matrix(a, dim, p, c), res)
    timed("self_assessment_progress", lambda: C.self_assessment_progress(a, p, c), res)
    timed("review_tables (all of the above, French)", lambda: C.review_tables(f), res)

    from toolkit.viz.heatmap import competence_heatmap
    sub = C.matrix(a, "savoir", p, c).iloc[:60, :40]
    timed("heat map 60 × 40 (draw + PNG)", lambda: _png(competence_heatmap(sub, p, c)), res)

    print(f"backend              : {store.backend}")
    print(f"workshop             : {len(p)} persons, {len(c)} competences, {len(a)} assessments, "
          f"{len(r)} requirements")
    print(f"generate + load      : {t_load:6.2f} s")
    print(f"{'step':42s} {'wall (s)':>9s} {'CPU (s)':>8s} {'peak (MiB)':>11s} {'rows':>8s}")
    for label, elapsed, cpu, peak, rows in res:
        print(f"{label:42s} {elapsed:9.3f} {cpu:8.3f} {peak:11.1f} {rows!s:>8s}")
    analyses = [r for r in res if not r[0].startswith(("read", "review", "heat"))]
    print(f"{'sum of the analyses':42s} {sum(r[1] for r in analyses):9.3f} {sum(r[2] for r in analyses):8.3f}")
    review = next(r for r in res if r[0].startswith("review"))
    print(f"whole review / reading its tables (CPU)   : {review[2] / res[0][2]:.2f}×")
    print(f"load average while running               : {os.getloadavg()[0]:.1f} (2 cores shared)")
    print(f"peak memory of the process (RSS)         : {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


def _png(fig) -> bytes:  # noqa: ANN001
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    return buf.getvalue()


if __name__ == "__main__":
    main()
