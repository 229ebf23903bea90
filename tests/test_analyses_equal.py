"""The analyses' outputs stay what they were: frame for frame, value for value.

Every analysis the carnets and the deliverable call (``bench/bench_analyses.py``'s
``ANALYSES``, staffing aside) is run on the demo workshop and on a medium synthetic
workshop (700 actors: above ``stakeholders.BETWEENNESS_EXACT_MAX``, so the sampled
betweenness is covered) and compared with the outputs saved from the code as it was
before the speed work of issue 20 (``tests/data/analyses_*.pkl.gz``).

Refresh the references only for a change of behaviour that is wanted, and say it in the
commit: ``PYTHONPATH=. .venv/bin/python tests/test_analyses_equal.py --write``.
"""
from __future__ import annotations

import gzip
import pickle
import sys
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import bench_analyses as B  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
MEDIUM = {"persons": 200, "competences": 40, "tasks": 150, "actors": 700, "relations": 2500, "actions": 30, "seed": 3}
WORKSHOPS = {"demo": B.demo_run, "medium": lambda: B.synthetic_run(**MEDIUM)}


def _flatten(value: Any, prefix: str, out: dict[str, Any]) -> dict[str, Any]:
    """Nested dicts of outputs as ``a/b/c`` → leaf (a DataFrame, a set, a number…)."""
    if isinstance(value, dict) and not (value and all(isinstance(v, (int, float)) for v in value.values())):
        for k, v in value.items():
            _flatten(v, f"{prefix}/{k}", out)
    else:
        out[prefix] = value
    return out


def outputs(name: str) -> dict[str, Any]:
    run = WORKSHOPS[name]()
    out: dict[str, Any] = {}
    for key, value in B.run_all(run).items():
        _flatten(value, key, out)
    return out


def _path(name: str) -> Path:
    return DATA / f"analyses_{name}.pkl.gz"


def _same(path: str, got: Any, want: Any) -> None:
    assert type(got) is type(want), f"{path}: {type(got).__name__} instead of {type(want).__name__}"
    if isinstance(want, pd.DataFrame):
        pd.testing.assert_frame_equal(got, want, check_exact=True, obj=path)
    elif isinstance(want, pd.Series):
        pd.testing.assert_series_equal(got, want, check_exact=True, obj=path)
    elif isinstance(want, nx.Graph):
        assert sorted(got.nodes(data=True)) == sorted(want.nodes(data=True)), path
        assert sorted(got.edges(data=True)) == sorted(want.edges(data=True)), path
    elif isinstance(want, np.ndarray):
        np.testing.assert_array_equal(got, want, err_msg=path)
    else:
        assert got == want, path


@pytest.fixture(scope="module", params=sorted(WORKSHOPS))
def compared(request: pytest.FixtureRequest) -> tuple[dict[str, Any], dict[str, Any]]:
    with gzip.open(_path(request.param), "rb") as fh:
        want = pickle.load(fh)
    return outputs(request.param), want


def test_same_outputs(compared: tuple[dict[str, Any], dict[str, Any]]) -> None:
    got, want = compared
    assert sorted(got) == sorted(want)
    for path in want:
        _same(path, got[path], want[path])


def test_references_are_substantial(compared: tuple[dict[str, Any], dict[str, Any]]) -> None:
    """The references hold the analyses' real results, not empty tables."""
    _, want = compared
    for path in ("gaps/remedies", "stakeholders.analyse/metrics", "scenarios.compare", "raci/check",
                 "competences (carnet 03)/coverage", "workload.analyse/table"):
        assert len(want[path]) > 3, path
    assert want["stakeholders.analyse/metrics"]["betweenness"].gt(0).sum() > 3


def write() -> None:
    DATA.mkdir(exist_ok=True)
    for name in WORKSHOPS:
        with gzip.open(_path(name), "wb", compresslevel=9) as fh:
            pickle.dump(outputs(name), fh, protocol=pickle.HIGHEST_PROTOCOL)
        print(_path(name), _path(name).stat().st_size // 1024, "Ko")


if __name__ == "__main__":
    if "--write" in sys.argv:
        write()
