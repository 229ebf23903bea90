"""Every analysis the carnets and the deliverable call, on the large synthetic workshop.

Staffing aside (a solver, benchmarked by ``bench_staffing.py``). For each analysis prints
its CPU seconds (``time.process_time``: it does not grow with the machine's load) and its
wall seconds, then the total, and the headline ``analyses_cpu_s: <value>`` on its own
line. The betweenness of the relation network is also timed against networkx's own
(``nx.betweenness_centrality`` with the same sample and seed), as a baseline measured in
the same run, and compared value by value.

``ANALYSES`` (name → function of a ``Run``) is the list the equality test
(``tests/test_analyses_equal.py``) also uses: one list of what the carnets call.

Usage: ``.venv/bin/python bench/bench_analyses.py [--runs 3] [--profile NAME]``.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))
if not os.environ.get("PYTHONPATH"):  # a baseline run (--before) brings its own toolkit
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd  # noqa: E402
from synthetic import load, synthetic_records  # noqa: E402

from toolkit import actions as A  # noqa: E402
from toolkit import competences as C  # noqa: E402
from toolkit import gaps as G  # noqa: E402
from toolkit import governance as Gv  # noqa: E402
from toolkit import letters as Lt  # noqa: E402
try:  # noqa: SIM105
    from toolkit import memo  # noqa: E402
except ImportError:  # a revision before the memo (the baseline run of --before)
    memo = None  # type: ignore[assignment]
from toolkit import raci as R  # noqa: E402
from toolkit import review as Rv  # noqa: E402
from toolkit import scenarios as Sc  # noqa: E402
from toolkit import stakeholders as S  # noqa: E402
from toolkit import workload as W  # noqa: E402
try:  # a baseline run (--before) may predate toolkit/core/
    from toolkit.core.store import Store  # noqa: E402
except ImportError:
    from toolkit.store import Store  # type: ignore[no-redef]  # noqa: E402

# The carnet 06's unit costs.
COSTS = G.CostParams(expert_day_rate=900, training_days_per_level=5, training_day_cost=450,
                     coaching_days=3, recruit_monthly_cost=4500)
TODAY = dt.date(2027, 3, 15)


@dataclass
class Run:
    """One workshop's frames, the scenarios to compare and a first action and person."""

    frames: dict[str, pd.DataFrame]
    scenarios: dict[str, list[dict[str, Any]]]
    action_id: str
    person_id: str
    thresholds: C.Thresholds = field(default_factory=lambda: C.Thresholds(savoir=2, vouloir=2, pouvoir=2))


def synthetic_scenarios() -> dict[str, list[dict[str, Any]]]:
    """Three variants of the synthetic workshop (as the carnet 06 makes for the demo)."""
    return {
        "Recrutement": [Sc.recruitment("Chargé(e) de mission", 15, {"C003": 4, "C010": 3, "C017": [3, 4, 3]},
                                       cout_mensuel=4500),
                        Sc.assign("T0001", "PER-S1"), Sc.assign("T0002", "PER-S1")],
        "Départ": [Sc.leaving("P0001"), Sc.capacity("P0002", 2)],
        "Report et élargissement": [Sc.postpone(3, action="N005"), Sc.widening("A0005", capacite=2)],
    }


def demo_scenarios() -> dict[str, list[dict[str, Any]]]:
    """The carnet 06's variants of the demo workshop."""
    return {
        "Sans l'appel à projets régional": [Sc.funding_refused("FIN-11", "abandon")],
        "Recrutement d'un(e) chargé(e) de mission": [
            Sc.recruitment("Chargé(e) de mission financements", 18,
                           {"CMP-03": 4, "CMP-09": 3, "CMP-04": 3}, cout_mensuel=4500),
            Sc.assign("TAC-062", "PER-S1"), Sc.unassign("TAC-062", "PER-02"),
            Sc.assign("TAC-063", "PER-S1"), Sc.unassign("TAC-063", "PER-02")],
        "La SAFER au tour de table": [Sc.widening("ACT-25", capacite=1), Sc.assign("TAC-045", "PER-S1")],
        "Départ du responsable des finances": [Sc.leaving("PER-09")],
        "Foncier agricole reporté de quatre mois": [Sc.postpone(4, action="ACN-14")],
    }


def synthetic_run(**sizes: int) -> Run:
    """The synthetic workshop of the given sizes (``synthetic_records``' defaults: large)."""
    store = Store("sqlite://")
    load(store, synthetic_records(**sizes))
    frames = store.frames()
    store.dispose()
    return Run(frames, synthetic_scenarios(), "N001", "P0000")


def demo_run() -> Run:
    from toolkit.demo import build_demo

    store = Store("sqlite://")
    build_demo(store)
    frames = store.frames()
    store.dispose()
    return Run(frames, demo_scenarios(), "ACN-08", "PER-01")


def _competences(r: Run) -> dict[str, Any]:
    """Carnet 03, cell by cell (the heatmaps' matrices included)."""
    f, t = r.frames, r.thresholds
    a, p, c = f["assessments"], f["persons"], f["competences"]
    out = {
        "progress": C.self_assessment_progress(a, p, c), "coverage": C.coverage(a, c, t),
        "single": C.single_points_of_failure(a, c, t), "lacking": C.lacking_competences(f["requirements"], a, c, t),
        "training": C.training_candidates(a), "reluctant": C.reluctant_experts(a),
        "self_vs_consultant": C.self_vs_consultant(a), "team_profile": C.team_profile(a, p, t),
        "team_matrix": C.team_matrix(a, p, c, "combined"),
        "profile": C.person_profile(a, r.person_id, c, t),
    }
    for d in ("savoir", "vouloir", "pouvoir"):
        out[f"matrix_{d}"] = C.matrix(a, d, p, c)
    out["matrix_combined"] = C.matrix(a, "combined", p, c, t)
    out["matrix_mobilisable"] = C.matrix(a, "mobilisable", p, c, t)
    return out


def _raci(r: Run) -> dict[str, Any]:
    """Carnet 04 and the deliverable's RACI sheets."""
    f = r.frames
    checks = R.check(f, max_consulted_informed=4)
    default = R.check(f)
    return {"matrix_action": R.matrix(f, r.action_id, names=True), "matrix": R.matrix(f, names=True),
            "check": checks, "summary": R.summary(checks), "check_default": default,
            "summary_default": R.summary(default), "proposals": R.proposals(f),
            "summary_proposed": R.summary(R.check(f, statuses=("validée", "proposée")))}


def _workload(r: Run) -> dict[str, Any]:
    return W.analyse(r.frames, a_share=0.10, idle_below=0.5, detail_months=6)


def _gaps(r: Run) -> dict[str, Any]:
    """Carnet 06 before the scenarios, and the deliverable's gap sheets (default costs)."""
    f = r.frames
    return {"needs": G.competence_needs(f), "competence_gaps": G.competence_gaps(f),
            "team_capacity": G.team_capacity(f), "capacity_by_person": G.capacity_by_person(f),
            "capacity_gaps": G.capacity_gaps(f), "remedies": G.remedies(f, COSTS),
            "remedies_default": G.remedies(f)}


def _scenarios(r: Run) -> pd.DataFrame:
    return Sc.compare(r.frames, r.scenarios, COSTS)


def _governance(r: Run) -> dict[str, Any]:
    f = r.frames
    graph = Gv.organisation_graph(f)
    return {"bodies": Gv.bodies_table(f), "members": Gv.members_table(f),
            "calendar": Gv.meeting_calendar(f, holidays="décaler"), "calendar_default": Gv.meeting_calendar(f),
            "organisation": sorted(graph.edges()), "person_tasks": Lt.person_tasks(f, r.person_id)}


def _actions(r: Run) -> dict[str, Any]:
    f = r.frames
    return {"sheets": A.sheets_overview(f), "by_state": Rv.actions_by_state(f),
            "budget": Rv.budget_consumption(f), "cofunders": Rv.funding_by_cofunder(f),
            "late": Rv.late_actions(f, TODAY), "stalled": Rv.stalled_actions(f, TODAY),
            "without_pilot": Rv.actions_without_pilot(f), "reviews": Rv.reviews_table(f)}


def _stakeholders(r: Run) -> dict[str, Any]:
    """Carnet 02 and the deliverable's stakeholder sheets (the graph itself left out)."""
    result = S.analyse(r.frames)
    result = {k: v for k, v in result.items() if k != "graph"}
    result["rated_grid"] = S.power_interest_grid(S.rated_actors(r.frames["actors"], result["ratings"]))
    return result


ANALYSES: dict[str, Callable[[Run], Any]] = {
    "stakeholders.analyse": _stakeholders,
    "competences (carnet 03)": _competences,
    "competences.review_tables": lambda r: C.review_tables(r.frames, r.thresholds),
    "raci": _raci,
    "workload.analyse": _workload,
    "gaps": _gaps,
    "scenarios.compare": _scenarios,
    "governance": _governance,
    "actions and review": _actions,
}


def run_all(run: Run) -> dict[str, Any]:
    """Every analysis's outputs, by name (what the equality test compares)."""
    return {name: fn(run) for name, fn in ANALYSES.items()}


def timed_all(run: Run) -> dict[str, float]:
    """CPU seconds of each analysis, in the carnets' order, from cold: the memo of shared
    results (``toolkit.memo``) is emptied first, so that a run reuses only its own work."""
    if memo is not None:
        memo.clear()
    cpu: dict[str, float] = {}
    for name, fn in ANALYSES.items():
        c0 = time.process_time()
        fn(run)
        cpu[name] = time.process_time() - c0
    return cpu


def betweenness_baseline(run: Run) -> None:
    """networkx's own betweenness and Louvain against the module's, same sample and seeds."""
    import networkx as nx

    g = S.contact_graph(S.relation_graph(run.frames["actors"], run.frames["relations"]))
    k = None if g.number_of_nodes() <= S.BETWEENNESS_EXACT_MAX else S.BETWEENNESS_SAMPLE
    c0 = time.process_time()
    theirs = nx.betweenness_centrality(g, k=k, seed=0, normalized=True)
    nx_cpu = time.process_time() - c0
    ours_fn = getattr(S, "betweenness", None)
    if ours_fn is None:
        print(f"  betweenness, networkx                  : {nx_cpu:6.2f} s CPU (the module calls it)")
        print(f"betweenness_nx_cpu_s: {nx_cpu:.3f}")
        return
    c0 = time.process_time()
    ours = ours_fn(g, k=k, seed=0)
    our_cpu = time.process_time() - c0
    worst = max(abs(ours[v] - theirs[v]) for v in g)
    print(f"  betweenness, networkx                  : {nx_cpu:6.2f} s CPU")
    print(f"  betweenness, stakeholders.betweenness  : {our_cpu:6.2f} s CPU  (×{nx_cpu / max(our_cpu, 1e-9):.1f}; "
          f"largest difference {worst:.1e})")
    print(f"betweenness_nx_cpu_s: {nx_cpu:.3f}")
    print(f"betweenness_cpu_s: {our_cpu:.3f}")
    if getattr(S, "louvain", None) is None:
        return
    active = [v for v in g if g.degree(v) > 0]
    c0 = time.process_time()
    theirs_c = nx.community.louvain_communities(g.subgraph(active), weight="weight", seed=0)
    nx_cpu = time.process_time() - c0
    c0 = time.process_time()
    ours_c = S.louvain(g, seed=0, nodes=active)
    our_cpu = time.process_time() - c0
    print(f"  louvain, networkx                      : {nx_cpu:6.2f} s CPU")
    print(f"  louvain, stakeholders.louvain          : {our_cpu:6.2f} s CPU  (×{nx_cpu / max(our_cpu, 1e-9):.1f}; "
          f"{'the same' if ours_c == theirs_c else 'DIFFERENT'} {len(theirs_c)} communities)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", help="profile one analysis (a name of ANALYSES) with cProfile")
    parser.add_argument("--before", default="main",
                        help="git revision whose toolkit is timed too, in a subprocess of the same run")
    parser.add_argument("--no-before", action="store_true", help="time this checkout only")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
    t0 = time.perf_counter()
    run = synthetic_run()
    sizes = ", ".join(f"{k}={len(v)}" for k, v in run.frames.items() if len(v))
    print(f"large synthetic workshop ({sizes}) built in {time.perf_counter() - t0:.1f} s")
    if args.profile:
        import cProfile
        import pstats

        cProfile.runctx("ANALYSES[name](run)", globals(), {"ANALYSES": ANALYSES, "name": args.profile, "run": run},
                        "/tmp/bench_analyses.prof")
        pstats.Stats("/tmp/bench_analyses.prof").sort_stats("cumulative").print_stats(40)
        return
    runs = [timed_all(run) for _ in range(args.runs)]
    print(f"CPU seconds per analysis (median of {args.runs} runs; min – max)")
    for name in ANALYSES:
        values = [r[name] for r in runs]
        print(f"  {name:<38} : {statistics.median(values):6.2f} s  ({min(values):.2f} – {max(values):.2f})")
    totals = [sum(r.values()) for r in runs]
    total = statistics.median(totals)
    print(f"  {'= all analyses':<38} : {total:6.2f} s  ({min(totals):.2f} – {max(totals):.2f}; target < 2 s)")
    betweenness_baseline(run)
    before = None if args.no_before else before_total(args.before, args.runs)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    if before is not None:
        print(f"  {'= all analyses, ' + args.before:<38} : {before:6.2f} s  (same machine, same run: ×{before / total:.1f})")
        print(f"analyses_before_cpu_s: {before:.2f}")
        print(f"analyses_speedup: {before / total:.1f}")
    print(f"analyses_cpu_s: {total:.2f}")


def before_total(revision: str, runs: int) -> float | None:
    """The same bench on the toolkit of ``revision`` (``git archive`` into a temporary
    folder, run in a subprocess): today's figures measured beside the branch's."""
    import subprocess
    import tarfile
    import tempfile

    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory(prefix="bench-analyses-before-") as folder:
        archive = subprocess.run(["git", "-C", str(root), "archive", revision, "toolkit"],
                                 capture_output=True, check=True).stdout
        import io

        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(folder, filter="data")
        env = {**os.environ, "PYTHONPATH": folder}
        done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--runs", str(runs), "--no-before"],
                              capture_output=True, text=True, env=env, cwd=folder)
    print(f"--- {revision} (toolkit of that revision, same bench) ---")
    print("\n".join("  | " + line for line in done.stdout.splitlines() if line.startswith("  ")))
    for line in done.stdout.splitlines():
        if line.startswith("analyses_cpu_s: "):
            return float(line.split(": ")[1])
    print(done.stderr[-2000:])
    return None


if __name__ == "__main__":
    main()
