"""Shared fixtures: real workshops in temporary folders (SQLite files, as in production)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.workshop import Workshop


@pytest.fixture
def empty_workshop(tmp_path: Path) -> Workshop:
    """A new, empty workshop in a temporary folder."""
    ws = Workshop.create(tmp_path / "atelier")
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from toolkit.demo import build_demo

    folder = tmp_path_factory.mktemp("demo-modele") / "atelier"
    ws = Workshop.create(folder)
    build_demo(ws.store)
    ws.close()
    return folder


@pytest.fixture
def demo_workshop(_demo_template: Path, tmp_path: Path) -> Workshop:
    """The demo workshop, a fresh copy for each test (tests may write to it)."""
    folder = tmp_path / "demo"
    shutil.copytree(_demo_template, folder)
    ws = Workshop.open(folder)
    yield ws
    ws.close()
