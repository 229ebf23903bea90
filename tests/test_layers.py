"""The layers of ``toolkit/`` as a test: imports run downwards only, with no circle and no
private name taken from another module.

core (errors, labels, formats, model, store…) < step analyses (stakeholders, raci, gaps…)
< outputs (excel, report, letters, viz) < live side (serve, access, widgets, pages)
< assembly (the step registry ``method``, which holds callables of every layer, and the
command ``cli``, which reads it).
Every import counts, including those inside functions: an import moved into a function
to dodge a circle is still a circle. A new module must be given its layer here
(``ARCHITECTURE.md`` says which).
"""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parent.parent / "toolkit"

CORE, ANALYSES, OUTPUTS, LIVE, ASSEMBLY = 0, 1, 2, 3, 4
LAYER_NAMES = {CORE: "core", ANALYSES: "analyses", OUTPUTS: "sorties", LIVE: "direct", ASSEMBLY: "assemblage"}
#: Module (or package prefix ending with ".") -> layer. The longest matching entry wins.
LAYERS: dict[str, int] = {
    "toolkit": CORE, "toolkit.core": CORE, "toolkit.core.": CORE, "toolkit.steps": CORE, "toolkit.memo": CORE,
    "toolkit.stakeholders": ANALYSES, "toolkit.stakeholders.": ANALYSES, "toolkit.competences": ANALYSES, "toolkit.raci": ANALYSES,
    "toolkit.workload": ANALYSES, "toolkit.gaps": ANALYSES, "toolkit.staffing": ANALYSES,
    "toolkit.scenarios": ANALYSES, "toolkit.governance": ANALYSES, "toolkit.actions": ANALYSES,
    "toolkit.review": ANALYSES, "toolkit.demo": ANALYSES, "toolkit.phases": ANALYSES, "toolkit.changes": ANALYSES,
    "toolkit.excel": OUTPUTS, "toolkit.excel.": OUTPUTS, "toolkit.report": OUTPUTS, "toolkit.letters": OUTPUTS,
    "toolkit.minutes": OUTPUTS, "toolkit.viz": OUTPUTS, "toolkit.viz.": OUTPUTS, "toolkit.display": OUTPUTS,
    "toolkit.access": LIVE, "toolkit.serve": LIVE, "toolkit.paced_kernels": LIVE, "toolkit.voila_identity": LIVE,
    "toolkit.voila_client": LIVE, "toolkit.hub": LIVE, "toolkit.notebook": LIVE, "toolkit.page_request": LIVE,
    "toolkit.voila_app": LIVE, "toolkit.widgets": LIVE, "toolkit.widgets.": LIVE,
    "toolkit.method": ASSEMBLY, "toolkit.cli": ASSEMBLY,
}


def module_name(path: Path) -> str:
    parts = ("toolkit",) + path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts).removesuffix(".__init__")


MODULES = {module_name(p): p for p in ROOT.rglob("*.py")}


def layer_of(module: str) -> int | None:
    if module in LAYERS:
        return LAYERS[module]
    prefixes = [p for p in LAYERS if p.endswith(".") and module.startswith(p)]
    return LAYERS[max(prefixes, key=len)] if prefixes else None


def _target(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module.split(".") if MODULES[module].name == "__init__.py" else module.split(".")[:-1]
    package = package[: len(package) - (node.level - 1)]
    return ".".join(package + ([node.module] if node.module else []))


def _known(name: str) -> str:
    while name not in MODULES and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def imports(module: str) -> list[tuple[str, str | None, int]]:
    """(imported module, name taken from it or None, line) for every toolkit import of ``module``.

    Also counts ``alias._private`` attribute reads on an imported toolkit module.
    """
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: list[tuple[str, str | None, int]] = []
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = _target(module, node)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                if full in MODULES:  # ``from . import labels``: a module
                    found.append((full, None, node.lineno))
                    aliases[alias.asname or alias.name] = full
                elif base.startswith("toolkit"):
                    found.append((_known(base), alias.name, node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("toolkit"):
                    found.append((_known(alias.name), None, node.lineno))
                    if alias.asname:
                        aliases[alias.asname] = alias.name
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in aliases and node.attr.startswith("_") and not node.attr.startswith("__")):
            found.append((aliases[node.value.id], node.attr, node.lineno))
    return [(target, name, line) for target, name, line in found if target != module and target.startswith("toolkit")]


def test_every_module_has_a_layer() -> None:
    assert [m for m in MODULES if layer_of(m) is None] == []


def test_imports_run_downwards() -> None:
    upward = []
    for module in MODULES:
        for target, _, line in imports(module):
            if target == "toolkit":
                continue
            if layer_of(target) > layer_of(module):
                upward.append(f"{MODULES[module].relative_to(ROOT.parent)}:{line} "
                              f"({LAYER_NAMES[layer_of(module)]}) importe {target} ({LAYER_NAMES[layer_of(target)]})")
    assert upward == []


def test_no_import_circle() -> None:
    graph = nx.DiGraph()
    for module in MODULES:
        graph.add_edges_from((module, target) for target, _, _ in imports(module)
                             if target != "toolkit" and not module.startswith(target + "."))
    assert sorted(sorted(cycle) for cycle in nx.simple_cycles(graph)) == []


def test_no_private_name_across_modules() -> None:
    private = [f"{MODULES[m].relative_to(ROOT.parent)}:{line} {target}.{name}"
               for m in MODULES for target, name, line in imports(m)
               if name and name.startswith("_") and not name.startswith("__")]
    assert private == []


@pytest.mark.parametrize("source, expected", [
    ("from .core.store import Store", [("toolkit.core.store", "Store")]),
    ("from .core import labels as L\nL._hidden", [("toolkit.core.labels", None), ("toolkit.core.labels", "_hidden")]),
    ("def f():\n    from .raci import _frame", [("toolkit.raci", "_frame")]),
])
def test_the_checker_sees_every_kind_of_import(source: str, expected: list, monkeypatch: pytest.MonkeyPatch,
                                              tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text(source, encoding="utf-8")
    monkeypatch.setitem(MODULES, "toolkit.probe", ROOT / "probe.py")
    monkeypatch.setattr(Path, "read_text", lambda self, encoding=None: source)
    assert [(t, n) for t, n, _ in imports("toolkit.probe")] == expected
