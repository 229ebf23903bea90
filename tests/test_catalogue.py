"""Every French word a person reads comes from the catalogue (``toolkit/core/labels.py``).

No module of ``toolkit/`` writes a French literal of its own — the command, the core, the
step analyses, the outputs, the step registry and the live side (pages, widgets, server logs)
alike — the catalogues, the grammar of ``core/french.py`` and the demonstration data aside:
a scan of their code finds no string constant that looks French (an accented letter, French
quotes, a space before a colon, or a sentence of words), docstrings and comments aside. A stored value is a
constant of ``toolkit/core/values.py`` (``tests/test_values.py``).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from toolkit import cli
from toolkit.core import labels as L

ROOT = Path(__file__).resolve().parent.parent / "toolkit"

#: The modules whose literals are the French words themselves: the catalogue (``labels``), the
#: stored values of the closed lists (``values``), the words the toolkit reads but never shows
#: (``vocabulary``), the grammar ``french.py`` applies (vowels, suffixes) and the demonstration
#: workshop's invented data (``demo.py``: people, tasks and figures of Montaurel-sur-Sèvre, data
#: like a workbook's, not words of the toolkit).
CATALOGUES = frozenset({"core/labels.py", "core/values.py", "core/vocabulary.py", "core/french.py", "demo.py"})
STAKEHOLDERS = tuple(sorted(str(p.relative_to(ROOT)) for p in (ROOT / "stakeholders").glob("*.py")))
ANALYSES = (*STAKEHOLDERS, "competences.py", "raci.py", "workload.py", "gaps.py", "staffing.py",
            "scenarios.py", "governance.py", "actions.py", "review.py", "phases.py", "changes.py")
#: Every module of ``toolkit/`` but the catalogues: the command, the core, the step analyses,
#: the outputs, the step registry and the live side (serve, access, hub, pages, widgets).
SCANNED = tuple(sorted(name for name in (str(p.relative_to(ROOT)) for p in ROOT.rglob("*.py"))
                       if name not in CATALOGUES))

ACCENTED = re.compile(r"[À-ÖØ-öø-ÿœŒ«»]")
#: French typography: a space before a colon, semicolon, question or exclamation mark
#: (« masques inconnus : »), which English never writes.
FRENCH_PUNCTUATION = re.compile(r"[^\W\d_] [:;?!](?:\s|$)")
#: Two words or more with a French word among them: « le plan », « dossier de l'atelier ».
FRENCH_WORDS = re.compile(r"(?i)(?:^|[\s'’(])(?:le|la|les|de|des|du|un|une|et|est|pour|dans|par|sur|au|aux|"
                          r"en|ne|pas|qui|que|ou|avec|sans|d|l)(?:[\s'’]|$)")


#: Literals that read as French to the rules above and are not French text, each with why.
NOT_FRENCH = frozenset({
    "Liberation Sans",  # the font family of the letters and minutes (« Sans » as in sans-serif)
    # voila_app.py: an English option help naming Voilà, the server (its accent is its name)
    "Seconds a browser keeps Voilà's static files (/voila/static) without asking again.",
})


def french_looking(text: str) -> bool:
    """Whether a literal reads as French: an accented letter or French quotes, a space before
    a colon (French typography), or words joined by a French article, preposition or conjunction.

    >>> french_looking("Error: {exc}"), french_looking("dossier de l'atelier"), french_looking("budget_planned")
    (False, True, False)
    >>> french_looking("Erreur : {exc}")
    True
    >>> french_looking("Opération"), french_looking("--no-browser")
    (True, False)
    >>> french_looking("masques inconnus : "), french_looking("key: value"), french_looking(" : ")
    (True, False, False)
    >>> french_looking("Liberation Sans")
    False
    """
    words = text.strip()
    if words in NOT_FRENCH:
        return False
    return (bool(ACCENTED.search(words)) or bool(FRENCH_PUNCTUATION.search(text))
            or (" " in words and bool(FRENCH_WORDS.search(words))))


def _skipped(tree: ast.AST) -> set[int]:
    """Docstrings and bare string statements (attribute docs) are documentation, in English."""
    return {id(node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)}


def french_literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _skipped(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
            and french_looking(node.value)]


@pytest.mark.parametrize("name", SCANNED)
def test_no_french_literal_outside_the_catalogue(name: str) -> None:
    found = french_literals(ROOT / name)
    assert not found, "\n".join(f"toolkit/{name}:{line} « {text} » : à mettre dans toolkit/core/labels.py"
                                for line, text in found)


def test_the_scan_leaves_out_only_the_catalogues() -> None:
    """Each module left out exists (a stale name would hide nothing, a renamed one is scanned),
    and the live side is scanned like the rest."""
    assert all((ROOT / name).is_file() for name in CATALOGUES), CATALOGUES
    assert {"serve.py", "access.py", "hub.py", "paced_kernels.py", "voila_client.py", "core/permissions.py",
            "widgets/session.py", "widgets/board.py", "widgets/welcome.py", "widgets/raci_matrix.py"} <= set(SCANNED)


def test_the_scan_sees_a_french_message(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('"""Docs are English; « this » is skipped."""\n'
                      'def f(path):\n'
                      '    """Same here: « écrit »."""\n'
                      '    print(f"Fichier écrit dans {path}")\n'
                      '    return {"help": "ne pas ouvrir le navigateur", "key": "no_browser"}\n', encoding="utf-8")
    assert sorted(text for _line, text in french_literals(sample)) == ["Fichier écrit dans ", "ne pas ouvrir le navigateur"]


def test_every_command_and_option_has_its_help_from_the_catalogue() -> None:
    """Each sub-command's help is ``CLI_HELP[command]``; no help text is left without a key."""
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    helps = set(L.CLI_HELP.values())
    assert parser.description == L.CLI_HELP["maillage"]
    for name, command in sub.choices.items():
        assert command.description == L.CLI_HELP[name], name
        for action in command._actions:
            if action.help and action.help != "==SUPPRESS==" and action.dest != "help":
                assert action.help in helps or action.help in L.SERVE.values(), (name, action.dest, action.help)


#: The step modules that present a frame for reading (carnets, report, workbook).
READABLE = ("stakeholders", "competences", "raci", "workload", "gaps", "staffing")
#: The names the same job had before (issue 15): none may come back.
OLD_NAMES = {"french", "for_display", "display"}


def _defined(name: str) -> set[str]:
    """Top-level functions of a step module (a package: of all its modules)."""
    paths = sorted((ROOT / name).glob("*.py")) if (ROOT / name).is_dir() else [ROOT / f"{name}.py"]
    return {node.name for path in paths for node in ast.parse(path.read_text(encoding="utf-8")).body
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}


@pytest.mark.parametrize("name", sorted({n.removesuffix(".py").split("/")[0] for n in ANALYSES}))
def test_one_name_for_making_a_frame_readable(name: str) -> None:
    """Each step module makes its frames readable with ``readable(frame, …)``, no other name."""
    defined = _defined(name)
    assert not defined & OLD_NAMES, defined & OLD_NAMES
    if name in READABLE:
        assert "readable" in defined
