"""nbval on every carnet against an empty workshop and two partial ones.

Each run is ``pytest --nbval-lax carnets --atelier-etat ÉTAT`` in a fresh process (the root
``conftest.py`` builds that workshop), as the lead would type it. The demo is not run here:
the suite's own ``carnets`` test path is nbval on the demo already; every carnet also runs on
every state (the actors-only one included) in ``test_carnets_states.py``.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("state", ["vide", "personnes", "taches_sans_raci"])
def test_nbval_on_state(state: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "MAILLAGE_ATELIER"}
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "--nbval-lax",
                           "carnets", "--atelier-etat", state], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
