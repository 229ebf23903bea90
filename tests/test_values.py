"""Stored values of the closed lists are named constants: no literal outside the catalogue.

``toolkit/core/values.py`` names every value (``V.STATE_ABANDONED``); a literal
``"abandonnée"`` elsewhere in ``toolkit/`` would keep matching nothing after a rename in the
catalogue, silently. This test scans the code for string constants equal to a closed-list
value, and for positional reaches into a closed list (``L.MEMBER_ROLES[0]``), which break
as silently when the list is reordered.
"""
from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

from toolkit.core import labels as L
from toolkit.core import values as V

ROOT = Path(__file__).resolve().parent.parent / "toolkit"

#: The catalogue itself, and the demo workshop: its records are a workshop's content written
#: as a consultant types them, and they go through the model's validation (a renamed value
#: makes the demo fail loudly in tests/test_demo.py, not silently).
EXEMPT_FILES = {"core/values.py", "core/labels.py", "core/vocabulary.py", "demo.py"}

#: RACI letters are codes of the method, the same in every language (see values.py).
CODES = set(V.RACI_LETTERS)

#: Literals equal to a closed-list value that are something else, counted: (file, word) -> how
#: many. A new literal of the same word in the same file raises the count and fails.
ALLOWED: dict[tuple[str, str], tuple[int, str]] = {
    ("scenarios.py", "abandon"): (3, "the name of a scenario operation (OPS, SCENARIO_OPS), not a funding "
                                     "consequence"),
    ("scenarios.py", "financement"): (4, "the name of the « financement_refuse » operation's parameter"),
    ("scenarios.py", "recrutement"): (4, "the name of a scenario operation, not the gaps' remedy"),
    ("steps.py", "animateur"): (1, "the key of the facilitator's page, not a member role"),
    ("method.py", "animateur"): (1, "the key of the facilitator's page, not a member role"),
    ("core/permissions.py", "consultant"): (1, "the consultant's role in the rights table, not an assessment source"),
    ("widgets/welcome.py", "animateur"): (1, "the key of the facilitator's page, not a member role"),
}

VALUES = {v: name for name, values in V.CLOSED_LISTS.items() for v in values if v not in CODES}


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _not_values(tree: ast.AST) -> set[int]:
    """Constants that are not stored values whatever they spell: ``__all__`` entries, the
    author of a change (``by="consultant"``), keys into a label dict (``L.READING["consultant"]``)."""
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            ids |= {id(c) for c in ast.walk(node.value)}
        elif isinstance(node, ast.keyword) and node.arg == "by":
            ids.add(id(node.value))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            args = node.args
            positional = args.posonlyargs + args.args
            for arg, default in zip(positional[len(positional) - len(args.defaults):], args.defaults):
                if arg.arg == "by":
                    ids.add(id(default))
            for arg, default in zip(args.kwonlyargs, args.kw_defaults):
                if arg.arg == "by" and default is not None:
                    ids.add(id(default))
        elif (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute)
              and isinstance(node.value.value, ast.Name) and node.value.value.id == "L"):
            ids.add(id(node.slice))
    return ids


def literals(path: Path) -> list[tuple[int, str]]:
    """(line, word) for every string constant of ``path`` equal to a closed-list value."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree) | _not_values(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in VALUES
            and id(node) not in skip]


def positional_reaches(path: Path) -> list[tuple[int, str]]:
    """(line, list name) for every ``L.X[n]`` / ``V.X[n]`` on a closed list with a constant index."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(node.lineno, node.value.attr) for node in ast.walk(tree)
            if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Attribute)
            and node.value.attr in V.CLOSED_LISTS and isinstance(node.slice, (ast.Constant, ast.UnaryOp))]


FILES = sorted(p for p in ROOT.rglob("*.py") if p.relative_to(ROOT).as_posix() not in EXEMPT_FILES)


def test_no_closed_list_literal_outside_the_catalogue() -> None:
    found: dict[tuple[str, str], list[int]] = {}
    for path in FILES:
        for line, word in literals(path):
            found.setdefault((path.relative_to(ROOT).as_posix(), word), []).append(line)
    wrong = [f"toolkit/{f}:{lines} « {w} » ({VALUES[w]}) : écrire la constante de toolkit/core/values.py"
             for (f, w), lines in sorted(found.items()) if len(lines) > ALLOWED.get((f, w), (0, ""))[0]]
    assert not wrong, "\n".join(wrong)


def test_the_allow_list_is_not_stale() -> None:
    """Each allowed literal still exists as counted: a fixed one leaves the list."""
    counts = Counter()
    for path in FILES:
        for _line, word in literals(path):
            counts[(path.relative_to(ROOT).as_posix(), word)] += 1
    stale = {k: (counts[k], n) for k, (n, _why) in ALLOWED.items() if counts[k] != n}
    assert not stale, stale


def test_no_positional_reach_into_a_closed_list() -> None:
    wrong = [f"toolkit/{p.relative_to(ROOT).as_posix()}:{line} {name}[…]"
             for p in FILES for line, name in positional_reaches(p)]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(V.CLOSED_LISTS))
def test_each_list_is_built_from_its_constants(name: str) -> None:
    """Every value of a list (RACI letters aside) is a named constant of values.py, and the
    labels module shows the very same tuple (the stored lists; REMEDIES is the gaps' output)."""
    constants = {v for k, v in vars(V).items() if k.isupper() and isinstance(v, str)}
    values = V.CLOSED_LISTS[name]
    if name != "RACI_LETTERS":
        assert set(values) <= constants, set(values) - constants
    assert getattr(L, name, values) is values
    assert len(set(values)) == len(values)


def test_the_scan_sees_a_new_literal(tmp_path: Path) -> None:
    """The scan flags a comparison, a dict key and a call argument, and skips what is not a value."""
    sample = tmp_path / "sample.py"
    sample.write_text('"""Doc « abandonnée »."""\n'
                      'def f(df, by="consultant"):\n'
                      '    keep = df[df["state"] != "abandonnée"]\n'
                      '    colours = {"allié": "green"}\n'
                      '    g(role="président", label=L.READING["consultant"])\n'
                      '    return L.MEMBER_ROLES[0]\n', encoding="utf-8")
    assert sorted(w for _l, w in literals(sample)) == ["abandonnée", "allié", "président"]
    assert positional_reaches(sample) == [(6, "MEMBER_ROLES")]
