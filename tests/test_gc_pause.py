"""core.gc_pause: the cycle collector off inside, as it was after (errors and callers' choice)."""
from __future__ import annotations

import gc

import pytest

from toolkit.core.gc_pause import paused


def test_back_on_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError):
        with paused():
            assert not gc.isenabled()
            1 / 0  # noqa: B018
    assert gc.isenabled()


def test_a_caller_that_turned_it_off_keeps_it_off() -> None:
    gc.disable()
    try:
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_nested_pauses_restore_once_the_outer_one_ends() -> None:
    with paused():
        with paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
