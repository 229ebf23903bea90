"""Root fixtures shared by ``tests/`` and the nbval run of ``carnets/``.

The carnets read the current workshop from ``MAILLAGE_ATELIER``: point it at a demo
workshop built in a temporary folder, so the test run never touches ``.demo/``.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def pytest_configure(config) -> None:  # noqa: ANN001 - pytest hook
    if os.environ.get("MAILLAGE_ATELIER"):
        return
    from toolkit.demo import build_demo
    from toolkit.workshop import Workshop

    folder = Path(tempfile.mkdtemp(prefix="maillage-tests-")) / "demo"
    ws = Workshop.create(folder)
    build_demo(ws.store)
    ws.close()
    os.environ["MAILLAGE_ATELIER"] = str(folder)
