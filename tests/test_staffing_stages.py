"""The staged solve of a large staffing: one model, windows fixed through its bounds.

Forced on the demo (``direct_limit=0``) and on a small synthetic workshop: the path the
benchmark's 500 tasks × 200 persons take (issue 20).
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from toolkit import staffing
from toolkit.core.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from synthetic import load, synthetic_records  # noqa: E402


@pytest.fixture(scope="module")
def frames():
    store = Store("sqlite://")
    load(store, synthetic_records(persons=40, tasks=80, actors=60, relations=100, actions=12, seed=5))
    out = store.frames()
    store.dispose()
    return out


@pytest.mark.parametrize("reassign", [False, True])
def test_the_model_is_built_once(frames, reassign, monkeypatch):
    problem = staffing.build_problem(frames, reassign=reassign)
    built = []
    real = staffing._build_model
    monkeypatch.setattr(staffing, "_build_model", lambda p: built.append(1) or real(p))
    result = staffing.solve(problem, time_limit=6, direct_limit=0)
    assert len(built) == 1
    monkeypatch.undo()
    assert staffing.is_feasible(problem, result.solution)
    assert result.objective == pytest.approx(staffing.objective_of(problem, result.solution))
    assert result.objective <= result.greedy_objective + 1e-6


def test_a_window_changes_only_its_tasks(frames):
    """Re-solving a window keeps every other task's staffing as it was."""
    problem = staffing.build_problem(frames, reassign=True)
    mdl = staffing._build_model(problem)
    greedy = staffing._greedy(problem, mdl)
    solver = staffing._Highs(mdl)
    columns = staffing._task_columns(problem, mdl)
    window = set(range(10))
    fixed = np.concatenate([columns[t] for t in range(len(problem.task_ids)) if t not in window])
    lb, ub = mdl.lb.copy(), mdl.ub.copy()
    lb[fixed] = ub[fixed] = greedy[fixed]
    found = solver.run(lb, ub, 5.0, 1e-4, start=greedy)
    assert found is not None
    assert np.array_equal(found[fixed], greedy[fixed])
    assert float(mdl.c @ found) <= float(mdl.c @ greedy) + 1e-6
    assert staffing.is_feasible(problem, found)


def test_default_time_limit_is_short():
    assert staffing.DEFAULT_TIME_LIMIT <= 5.0
    import inspect

    assert inspect.signature(staffing.propose_staffing).parameters["time_limit"].default == staffing.DEFAULT_TIME_LIMIT
    assert inspect.signature(staffing.solve).parameters["time_limit"].default == staffing.DEFAULT_TIME_LIMIT
