"""The workshop chooser a carnet shows when no workshop was chosen (never the demo by default).

It lists the workshops found on this computer (``workshop.find_workshops``) and offers to
create one in a new folder. Choosing sets ``MAILLAGE_ATELIER`` for this carnet's kernel; the
consultant then runs the carnet again.
"""
from __future__ import annotations

import html
import os
from pathlib import Path
from typing import Callable

import ipywidgets as widgets

from ..core import labels as L
from ..core.errors import MaillageError
from ..core.workshop import ENV_FOLDER, Workshop, find_workshops
from . import look
from .feedback import say


def _label(folder: Path, demo: Path | None) -> str:
    try:
        ws = Workshop.open(folder)
        project = ws.store.project()
        ws.close()
        name = project["name"] if project else L.CARNET["banner_unnamed"]
    except Exception:  # an unreadable workshop is still listed, by its folder
        name = folder.name
    suffix = L.CARNET["chooser_demo"] if demo is not None and folder == demo else ""
    return L.CARNET["chooser_item"].format(name=name, folder=folder) + suffix


class WorkshopChooser:
    """Pick a found workshop or create one; ``on_chosen(workshop)`` is called after either.

    ``roots`` are the folders searched (``find_workshops``' defaults when None); ``demo`` is
    the demo workshop's folder, listed (and marked) among the others when it exists.
    """

    def __init__(self, roots: list[str | Path] | None = None, demo: Path | None = None,
                 on_chosen: Callable[[Workshop], None] | None = None) -> None:
        self.on_chosen = on_chosen
        self.chosen: Workshop | None = None
        found = find_workshops(roots)
        if demo is not None and (Path(demo) / "atelier.json").exists() and Path(demo).resolve() not in found:
            found.append(Path(demo).resolve())
        demo_path = Path(demo).resolve() if demo is not None else None
        self.found = widgets.Select(options=[(_label(f, demo_path), str(f)) for f in found],
                                    rows=min(8, max(2, len(found))), layout=widgets.Layout(width="100%"))
        self.open_button = widgets.Button(layout=widgets.Layout(width="auto"), description=L.CARNET["chooser_open"], button_style="primary",
                                          disabled=not found)
        self.folder = widgets.Text(placeholder=str(Path.home() / "ateliers" / "mon_atelier"),
                                   description=L.CARNET["chooser_new_folder"],
                                   **look.full_width(widgets.Text))
        self.create_button = widgets.Button(layout=widgets.Layout(width="auto"), description=L.CARNET["chooser_create"])
        self.message = look.html()
        self.open_button.on_click(lambda _b: self.open(self.found.value))
        self.create_button.on_click(lambda _b: self.create(self.folder.value))
        e = html.escape
        listed = (self.found, self.open_button) if found else (look.html(f"<p>{e(L.CARNET['chooser_none'])}</p>"),)
        self.widget = widgets.VBox([
            look.html(f"<h3>{e(L.CARNET['chooser_title'])}</h3><p>{e(L.CARNET['chooser_help'])}</p>"
                      f"<h4>{e(L.CARNET['chooser_found'])}</h4>"),
            *listed,
            widgets.HBox([self.folder, self.create_button]),
            self.message,
        ])

    def _repr_mimebundle_(self, **kwargs):  # noqa: ANN003, ANN201 - IPython protocol
        return self.widget._repr_mimebundle_(**kwargs)


    def _chosen(self, ws: Workshop, message: str) -> None:
        os.environ[ENV_FOLDER] = str(ws.folder)
        self.chosen = ws
        say(self.message, message.format(folder=ws.folder))
        if self.on_chosen:
            self.on_chosen(ws)

    def open(self, folder: str | None) -> Workshop | None:
        """Open the workshop in ``folder`` (one of the list) for this kernel."""
        if not folder:
            return None
        try:
            ws = Workshop.open(folder)
        except MaillageError as exc:
            say(self.message, str(exc), error=True)
            return None
        self._chosen(ws, L.CARNET["chooser_opened"])
        return ws

    def create(self, folder: str) -> Workshop | None:
        """Create a new, empty workshop in ``folder`` and choose it."""
        if not folder.strip():
            say(self.message, L.CARNET["chooser_folder_needed"], error=True)
            return None
        try:
            ws = Workshop.create(Path(folder.strip()).expanduser())
        except (MaillageError, OSError) as exc:
            say(self.message, str(exc), error=True)
            return None
        self._chosen(ws, L.CARNET["chooser_created"])
        return ws
