"""The examples in the toolkit's docstrings run and say what the code does."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import toolkit


def _with_examples() -> list[str]:
    finder = doctest.DocTestFinder()
    names = sorted(m.name for m in pkgutil.walk_packages(toolkit.__path__, "toolkit."))
    return [n for n in names if any(not example.options.get(doctest.SKIP)
                                    for t in finder.find(importlib.import_module(n)) for example in t.examples)]


MODULES = _with_examples()


def test_the_toolkit_documents_itself_with_examples() -> None:
    assert {"toolkit.serve", "toolkit.steps", "toolkit.staffing", "toolkit.widgets.look"} <= set(MODULES)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0, f"{result.failed} example(s) of {name} failed (output above)"
