"""nbval on every carnet against an empty workshop, two partial ones and the demo.

Each run is ``pytest --nbval-lax carnets --atelier-etat ÉTAT`` in a fresh process (the root
``conftest.py`` builds that workshop), as the lead would type it.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("state", ["vide", "personnes", "acteurs", "taches_sans_raci", "demo"])
def test_nbval_on_state(state: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MAILLAGE_ATELIER"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--nbval-lax",
                           "carnets", "--atelier-etat", state], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
