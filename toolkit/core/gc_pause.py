"""Pause Python's cycle collector while an analysis builds and drops many small objects.

Building the relation network's graphs (tens of thousands of dicts) or a scenario's
variants makes CPython's cyclic garbage collector run its full pass (the whole heap,
~80 ms on the large workshop) once or twice for objects that reference counting frees
anyway when the analysis returns: 10 to 20 % of the analyses' time (``bench_analyses``).
``paused`` turns the collector off for the duration of such a computation and back on
after it (only if it was on: a caller that turned it off keeps it off), even on an error.
Garbage in cycles made meanwhile is collected by the next pass, after the computation.

Example
-------
>>> import gc
>>> with paused():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""
from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """The cycle collector off inside the ``with`` block, as it was after it."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
