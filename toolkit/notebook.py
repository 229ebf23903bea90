"""What a consultant's carnet calls first: the current workshop.

``maillage servir`` and the tests set ``MAILLAGE_ATELIER``; a consultant who opens a carnet
straight in JupyterLab gets the demo workshop of the checkout (built on first use).
"""
from __future__ import annotations

import os
from pathlib import Path

from .workshop import ENV_FOLDER, Workshop

REPO_ROOT = Path(__file__).resolve().parent.parent
DEMO_FOLDER = REPO_ROOT / ".demo"


def current_workshop() -> Workshop:
    """The workshop named by ``MAILLAGE_ATELIER``, else the demo workshop of the checkout."""
    if os.environ.get(ENV_FOLDER):
        return Workshop.current()
    if not (DEMO_FOLDER / "atelier.json").exists():
        from .demo import build_demo

        build_demo(Workshop.create(DEMO_FOLDER).store)
    return Workshop.open(DEMO_FOLDER)
