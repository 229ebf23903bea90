"""Root fixtures shared by ``tests/`` and the nbval run of ``carnets/``.

The carnets read the current workshop from ``MAILLAGE_ATELIER``: point it at a workshop
built in a temporary folder, so the test run never touches ``.demo/``. By default the demo;
``--atelier-etat`` picks another state (``vide``, ``personnes``, ``acteurs``,
``taches_sans_raci``: see ``tests/workshop_states.py``), e.g.
``pytest --nbval-lax carnets --atelier-etat vide``.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def pytest_addoption(parser) -> None:  # noqa: ANN001 - pytest hook
    parser.addoption("--atelier-etat", default="demo",
                     help="état de l'atelier sur lequel passent les carnets (vide, personnes, acteurs, "
                          "taches_sans_raci, demo)")


def pytest_configure(config) -> None:  # noqa: ANN001 - pytest hook
    if os.environ.get("MAILLAGE_ATELIER"):
        return
    sys.path.insert(0, str(HERE / "tests"))
    from workshop_states import build_state

    state = config.getoption("--atelier-etat", default="demo")
    folder = Path(tempfile.mkdtemp(prefix="maillage-tests-")) / state
    build_state(state, folder)
    os.environ["MAILLAGE_ATELIER"] = str(folder)
