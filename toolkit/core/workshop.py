"""A workshop is a folder: its store, its attached files, its exports.

``atelier.json`` in the folder says where the store is (a SQLAlchemy URL); by default a
SQLite file ``atelier.db`` beside it. Pages and notebooks find the current workshop
through the ``MAILLAGE_ATELIER`` environment variable, which ``maillage servir`` sets.

Example
-------
>>> import tempfile
>>> ws = Workshop.create(tempfile.mkdtemp())
>>> ws.store.count("persons")
0
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from . import labels as L
from .errors import MaillageError
from .store import Store

CONFIG_NAME = "atelier.json"
ENV_FOLDER = "MAILLAGE_ATELIER"
ENV_URL = "MAILLAGE_STORE_URL"


def default_url(folder: Path) -> str:
    return f"sqlite:///{(Path(folder).resolve() / 'atelier.db').as_posix()}"


class Workshop:
    """A workshop folder and its store."""

    def __init__(self, folder: str | Path, url: str | None = None) -> None:
        self.folder = Path(folder).resolve()
        config = self.folder / CONFIG_NAME
        if url is None:
            if not config.exists():
                raise MaillageError(L.MESSAGES["no_workshop"].format(path=self.folder))
            url = os.environ.get(ENV_URL) or json.loads(config.read_text(encoding="utf-8")).get("store_url")
        self.url = url or default_url(self.folder)
        self._store: Store | None = None

    @classmethod
    def create(cls, folder: str | Path, url: str | None = None, exist_ok: bool = False) -> "Workshop":
        """Make a new workshop folder (store URL defaults to a SQLite file inside it)."""
        folder = Path(folder).resolve()
        config = folder / CONFIG_NAME
        if config.exists():
            if not exist_ok:
                raise MaillageError(L.MESSAGES["workshop_exists"].format(path=folder))
            return cls(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for sub in ("pieces_jointes", "exports"):
            (folder / sub).mkdir(exist_ok=True)
        settings: dict[str, Any] = {"store_url": url} if url else {}
        config.write_text(json.dumps(settings, indent=2), encoding="utf-8")
        ws = cls(folder)
        ws.store  # create the schema now
        return ws

    @classmethod
    def open(cls, folder: str | Path) -> "Workshop":
        return cls(folder)

    @classmethod
    def current(cls) -> "Workshop":
        """The workshop named by ``MAILLAGE_ATELIER`` (set by ``maillage servir``)."""
        folder = os.environ.get(ENV_FOLDER)
        if not folder:
            raise MaillageError(L.MESSAGES["no_current_workshop"])
        return cls(folder)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.url)
        return self._store

    @property
    def attachments_dir(self) -> Path:
        path = self.folder / "pieces_jointes"
        path.mkdir(exist_ok=True)
        return path

    @property
    def exports_dir(self) -> Path:
        path = self.folder / "exports"
        path.mkdir(exist_ok=True)
        return path

    def close(self) -> None:
        if self._store is not None:
            self._store.dispose()
            self._store = None

    def summary(self) -> dict[str, Any]:
        """What a banner says about the workshop: name, folder, last change, counts per kind.

        ``last_change`` is the latest history row (``at``, ``by``) or None for a new workshop.
        """
        from . import model

        store = self.store
        project = store.project()
        return {
            "name": project["name"] if project else None,
            "folder": self.folder,
            "last_change": last_change(store),
            "counts": {kind: store.count(kind) for kind in model.KIND_ORDER},
        }

    def __repr__(self) -> str:
        return f"Workshop({str(self.folder)!r})"


def last_change(store: Store) -> dict[str, str] | None:
    """The latest history row's ``at`` and ``by`` (None when nothing was ever written)."""
    import sqlalchemy as sa

    from .store import TABLES

    h = TABLES["history"]
    with store.reader.connect() as c:
        row = c.execute(sa.select(h.c.at, h.c.by).order_by(h.c.seq.desc()).limit(1)).first()
    return {"at": row[0], "by": row[1]} if row else None


# Where ``find_workshops`` looks besides the folders it is given (``:``-separated list).
ENV_ROOTS = "MAILLAGE_ATELIERS"


def find_workshops(roots: list[str | Path] | None = None, depth: int = 2) -> list[Path]:
    """Workshop folders (holding ``atelier.json``) under ``roots``, ``depth`` levels down.

    Without ``roots``: the folders of ``MAILLAGE_ATELIERS``, the current folder, its parent
    and ``~/ateliers``. Sorted by last change of the folder, newest first; never raises on an
    unreadable folder.
    """
    if roots is None:
        roots = [r for r in os.environ.get(ENV_ROOTS, "").split(os.pathsep) if r]
        roots += [Path.cwd(), Path.cwd().parent, Path.home() / "ateliers"]
    found: dict[Path, float] = {}

    def walk(folder: Path, level: int) -> None:
        try:
            if (folder / CONFIG_NAME).is_file():
                found[folder.resolve()] = (folder / CONFIG_NAME).stat().st_mtime
                db = folder / "atelier.db"
                if db.exists():
                    found[folder.resolve()] = max(found[folder.resolve()], db.stat().st_mtime)
            if level < depth:
                for child in sorted(folder.iterdir()):
                    # not hidden folders (a virtualenv, .git), except the checkout's demo
                    hidden = child.name.startswith((".", "__")) and child.name != ".demo"
                    if child.is_dir() and not hidden and child.name not in ("node_modules", "site-packages"):
                        walk(child, level + 1)
        except OSError:
            return

    for root in roots:
        walk(Path(root), 0)
    return sorted(found, key=lambda p: -found[p])
