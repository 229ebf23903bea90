"""Every carnet runs top to bottom on every state of a workshop, writes nothing, and reads as French.

Empty, three partial (only persons; only actors and relations; step 1 without RACI) and the
demo: no traceback, and nothing a person reads shows ``NaN``, ``None``, ``True``/``False``,
a number with a decimal point or an English heading (``tests/carnet_outputs.py``).
"""
from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from carnet_outputs import problems
from workshop_states import STATES, build_state

CARNETS = Path(__file__).resolve().parent.parent / "carnets"
NAMES = sorted(p.name for p in CARNETS.glob("*.ipynb"))
# Carnets that say who covers the required competences (issue 16, item 7).
COVERAGE_CARNETS = ("02_parties_prenantes.ipynb", "03_competences.ipynb", "06_ecarts.ipynb")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def state_folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("etats")
    return {state: build_state(state, root / state) for state in STATES}


def run(notebook: Path, workshop: Path) -> nbformat.NotebookNode:
    nb = nbformat.read(notebook, as_version=4)
    previous = os.environ.get("MAILLAGE_ATELIER")
    os.environ["MAILLAGE_ATELIER"] = str(workshop)  # the kernel inherits it
    try:
        NotebookClient(nb, timeout=300, kernel_name="python3", allow_errors=True,
                       resources={"metadata": {"path": str(notebook.parent)}}).execute()
    finally:
        if previous is None:
            os.environ.pop("MAILLAGE_ATELIER", None)
        else:
            os.environ["MAILLAGE_ATELIER"] = previous
    return nb


def written(folder: Path) -> int:
    """How many changes the workshop's history holds (running a carnet must add none)."""
    from toolkit.core.workshop import Workshop

    ws = Workshop.open(folder)
    try:
        return len(ws.store.history())
    finally:
        ws.close()


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("name", NAMES)
def test_carnet_reads_as_french_on_every_state(state_folders: dict[str, Path], state: str, name: str) -> None:
    before = written(state_folders[state])
    executed = run(CARNETS / name, state_folders[state])
    found = problems(executed)
    assert written(state_folders[state]) == before, "exécuter le carnet a écrit dans l'atelier"
    assert not found, "\n".join(found)
    if state == "demo" and name in COVERAGE_CARNETS:  # one answer to « who counts », the same finding
        shown = str([c.get("outputs") for c in executed.cells])
        assert "Le projet dépend de personnes extérieures" in shown and "Antoine Rivière" in shown


def test_a_workshop_state_changes_nothing_else(state_folders: dict[str, Path]) -> None:
    from toolkit.core.workshop import Workshop

    counts = {s: Workshop.open(f).summary()["counts"] for s, f in state_folders.items()}
    assert sum(counts["vide"].values()) == 0
    assert counts["personnes"]["persons"] > 0 and counts["personnes"]["actors"] == 0
    assert counts["acteurs"]["actors"] > 0 and counts["acteurs"]["persons"] == 0
    assert counts["taches_sans_raci"]["tasks"] > 0 and counts["taches_sans_raci"]["raci"] == 0
