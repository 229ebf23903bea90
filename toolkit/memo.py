"""Results several analyses share, kept while the frames they were computed from do not change.

A carnet, the restitution and the deliverable each call the same step analyses on the same
frames (the load table, the competence gaps, the remedies…), and a scenario variant often
leaves most frames as the reference has them. ``shared`` computes such a result once per
frame set: an entry remembers a copy of each frame it read and is reused only while those
frames are still equal (``DataFrame.equals``: same columns, dtypes and values), so editing
a frame, in place or not, is never answered from the memo. Results are handed out as copies
(a frame's copy holds the same list objects in its list cells: change such a list by
assigning a new one, never by appending to it in place).

Only the last ``SIZE`` results are kept. ``clear`` empties the memo (the benchmarks call it
to time each run from cold).

Example
-------
>>> import pandas as pd
>>> frames = {"tasks": pd.DataFrame({"id": ["T1"], "load_days": [3.0]})}
>>> calls = []
>>> def total():
...     calls.append(1)
...     return float(frames["tasks"]["load_days"].sum())
>>> shared("total", frames, ("tasks",), total), shared("total", frames, ("tasks",), total), len(calls)
(3.0, 3.0, 1)
>>> frames["tasks"].loc[0, "load_days"] = 5.0
>>> shared("total", frames, ("tasks",), total), len(calls)
(5.0, 2)
"""
from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import pandas as pd

T = TypeVar("T")
SIZE = 24


@dataclass
class _Entry:
    name: str
    key: tuple[Hashable, ...]
    frames: tuple[tuple[str, pd.DataFrame | None], ...]  # each kind read, and a copy of its frame
    result: Any


_ENTRIES: deque[_Entry] = deque(maxlen=SIZE)


def _same(seen: tuple[tuple[str, pd.DataFrame | None], ...], frames: Mapping[str, pd.DataFrame]) -> bool:
    for kind, copy in seen:
        df = frames.get(kind)
        if copy is None or df is None:
            if copy is not df:
                return False
        elif not (df.shape == copy.shape and df.equals(copy)):
            return False
    return True


def _copy(result: Any) -> Any:
    if isinstance(result, (pd.DataFrame, pd.Series)):
        return result.copy()
    if isinstance(result, dict):
        return {k: _copy(v) for k, v in result.items()}
    return result


def shared(name: str, frames: Mapping[str, pd.DataFrame], kinds: Iterable[str], compute: Callable[[], T],
           *key: Hashable) -> T:
    """``compute()``, or its result kept from a call on equal ``frames[kind]`` for ``kinds``.

    Parameters
    ----------
    name : what is computed (a function's name).
    frames : the workshop's frames.
    kinds : the frames ``compute`` reads (all of them: a frame left out could change unseen).
    compute : the computation, without arguments.
    key : its other parameters (hashable: thresholds, costs, months…).
    """
    kinds = tuple(kinds)
    for entry in _ENTRIES:
        if entry.name == name and entry.key == key and _same(entry.frames, frames):
            return _copy(entry.result)
    result = compute()
    seen = tuple((k, None if frames.get(k) is None else frames[k].copy()) for k in kinds)
    _ENTRIES.appendleft(_Entry(name, key, seen, result))
    return _copy(result)


def clear() -> None:
    """Forget every kept result."""
    _ENTRIES.clear()
