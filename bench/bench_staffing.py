"""Benchmark of the proposed staffing: 500 tasks × 200 persons × 12 months.

For each mode (existing assignments kept, then free to move) prints the time to build the
problem and to solve it, the model's size, the objective of the proposal, of the greedy
assignment and of *today's* solver, all computed in the same run: today's is the
``toolkit/staffing.py`` of a git revision (``--before``, default ``main``), loaded from git
and run on the same problem with its own default time limit (20 s).

The objective is a cost, **minimised**: penalties for what stays uncovered, then
preferences. So ``staffing_vs_greedy`` (proposal / greedy) ≤ 1 means the proposal is as
good as the greedy one or better, and ``staffing_vs_before`` ≤ 1 as good as today's or
better. Headlines, for the default mode (existing assignments kept), each on its own line:
``staffing_s`` (problem and solve, wall seconds; target ≤ 5), ``staffing_vs_greedy``,
``staffing_vs_before``.

Usage: ``.venv/bin/python bench/bench_staffing.py [--tasks 500] [--persons 200] [--limit S]
[--before main] [--no-before]``
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import load, synthetic_records  # noqa: E402

from toolkit import staffing  # noqa: E402
try:  # a baseline run (--before) may predate toolkit/core/
    from toolkit.core.store import Store  # noqa: E402
except ImportError:
    from toolkit.store import Store  # type: ignore[no-redef]  # noqa: E402


def module_at(revision: str) -> ModuleType:
    """``toolkit/staffing.py`` as it is at a git revision, importable beside today's."""
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{revision}:toolkit/staffing.py"],
                            capture_output=True, text=True, check=True).stdout
    spec = importlib.util.spec_from_loader("toolkit.staffing_before", loader=None)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "toolkit"
    sys.modules[spec.name] = module
    exec(compile(source, f"{revision}:toolkit/staffing.py", "exec"), module.__dict__)
    return module


def timed(fn, *args, **kwargs):  # noqa: ANN001, ANN201
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=500)
    parser.add_argument("--persons", type=int, default=200)
    parser.add_argument("--limit", type=float, default=staffing.DEFAULT_TIME_LIMIT, help="solver time limit (s)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--before", default="main", help="git revision of today's solver")
    parser.add_argument("--no-before", action="store_true", help="do not run today's solver")
    args = parser.parse_args()

    t0 = time.perf_counter()
    store = Store("sqlite://")
    load(store, synthetic_records(persons=args.persons, tasks=args.tasks, actors=400, relations=1000,
                                  seed=args.seed))
    frames = store.frames()
    months = len(staffing.workload.horizon(frames))
    before = None if args.no_before else module_at(args.before)
    print(f"Charge de la machine (load average 1 min) : {os.getloadavg()[0]:.1f} sur {os.cpu_count()} cœurs")
    print(f"Atelier synthétique : {len(frames['tasks'])} tâches × {len(frames['persons'])} personnes × "
          f"{months} mois (chargé en {time.perf_counter() - t0:.1f} s)")
    print("Objectif : un coût à minimiser (rapport ≤ 1 : aussi bon ou meilleur)")
    headline: dict[str, float] = {}
    for reassign in (False, True):
        label = "affectations libres" if reassign else "affectations existantes conservées"
        print(f"\n— {label}")
        problem, built = timed(staffing.build_problem, frames, reassign=reassign)
        mdl = staffing._build_model(problem)
        result, solved = timed(staffing.solve, problem, time_limit=args.limit)
        total = built + solved
        greedy = staffing.solve(problem, use_solver=False)
        print(f"  modèle : {mdl.n} variables ({int(mdl.integrality.sum())} binaires), {mdl.A.shape[0]} contraintes")
        print(f"  aujourd'hui (branche) : problème {built:.2f} s ; résolution {solved:.2f} s ; total {total:.2f} s "
              f"(limite {args.limit:g} s ; cible ≤ 5 s)")
        print(f"  méthode : {result.solver_message}")
        print(f"  objectif : solveur {result.objective:,.1f} ; glouton {result.greedy_objective:,.1f} ; "
              f"rapport solveur/glouton {result.ratio:.3f}")
        assert result.objective <= result.greedy_objective + 1e-6, "pire que le glouton"
        rows = [("solveur", result), ("glouton", greedy)]
        vs_before = float("nan")
        if before is not None:
            old_problem, old_built = timed(before.build_problem, frames, reassign=reassign)
            same = old_problem.r_candidates == problem.r_candidates and old_problem.a_candidates == problem.a_candidates
            old, old_solved = timed(before.solve, old_problem)
            vs_before = result.objective / old.objective if old.objective > 0 else 1.0
            print(f"  avant ({args.before}) : problème {old_built:.2f} s ; résolution {old_solved:.2f} s ; "
                  f"total {old_built + old_solved:.2f} s ; objectif {old.objective:,.1f} "
                  f"(candidats {'identiques' if same else 'DIFFÉRENTS'})")
            print(f"  rapport objectif branche / avant : {vs_before:.4f} ; temps : ×{(old_built + old_solved) / total:.1f}")
            rows.append(("avant", old))
        for name, r in rows:
            u = r.uncovered
            days = u.loc[u["what"] == "days", "amount"].sum()
            print(f"  {name:8s}: {len(r.assignments[r.assignments['status'] != 'dropped'])} affectations, "
                  f"{days:,.1f} j non couverts, {int((u['what'] == 'competence').sum())} exigences de compétence "
                  f"non couvertes, {int((u['what'] == 'no_a').sum())} tâches sans A")
        if not reassign:
            headline = {"staffing_s": total, "staffing_vs_greedy": result.ratio, "staffing_vs_before": vs_before}
    print()
    for name, value in headline.items():
        print(f"{name}: {value:.3f}")


if __name__ == "__main__":
    main()
