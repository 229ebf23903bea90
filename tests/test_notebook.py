"""Opening a workshop from a carnet: banner, chooser (never the demo by default), missing data."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from toolkit import notebook
from toolkit.widgets.banner import banner_html
from toolkit.widgets.chooser import WorkshopChooser
from toolkit.core.workshop import ENV_FOLDER, Workshop, find_workshops


@pytest.fixture
def no_current(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_FOLDER, raising=False)


def test_without_a_workshop_a_carnet_shows_the_chooser_and_stops(no_current: None, monkeypatch, tmp_path) -> None:
    shown = []
    monkeypatch.setattr(notebook, "_display", shown.append)
    monkeypatch.setattr(notebook, "DEMO_FOLDER", tmp_path / "pas-de-demo")
    with pytest.raises(notebook.NoWorkshopChosen, match="Aucun atelier choisi"):
        notebook.current_workshop()
    assert isinstance(shown[0], WorkshopChooser)
    assert not (tmp_path / "pas-de-demo").exists()  # no demo built behind the consultant's back
    assert ENV_FOLDER not in os.environ


def test_chooser_lists_found_workshops_and_opens_one(no_current: None, demo_workshop: Workshop, tmp_path) -> None:
    chooser = WorkshopChooser(roots=[demo_workshop.folder.parent])
    labels = [label for label, _ in chooser.found.options]
    assert any(label.startswith("Montaurel 2030") for label in labels)
    chooser.found.value = str(demo_workshop.folder)
    chooser.open_button.click()
    assert os.environ[ENV_FOLDER] == str(demo_workshop.folder)
    assert "Relancez le carnet" in chooser.message.value
    os.environ.pop(ENV_FOLDER)


def test_chooser_creates_a_workshop(no_current: None, tmp_path: Path) -> None:
    chooser = WorkshopChooser(roots=[tmp_path])
    assert chooser.open_button.disabled
    chooser.create_button.click()
    assert "Indiquez le dossier" in chooser.message.value
    chooser.folder.value = str(tmp_path / "nouvel_atelier")
    chooser.create_button.click()
    assert (tmp_path / "nouvel_atelier" / "atelier.json").exists()
    assert os.environ.pop(ENV_FOLDER) == str((tmp_path / "nouvel_atelier").resolve())
    assert find_workshops([tmp_path]) == [(tmp_path / "nouvel_atelier").resolve()]


def test_banner_says_name_folder_last_change_and_what_is_filled(demo_workshop: Workshop, empty_workshop: Workshop) -> None:
    text = banner_html(demo_workshop.summary())
    assert "Montaurel 2030" in text and str(demo_workshop.folder) in text
    assert "Dernière modification" in text and "(démo)" in text
    assert "20\u00a0actions" in text and "259\u00a0lignes RACI" in text
    empty = banner_html(empty_workshop.summary())
    assert "Atelier sans projet décrit" in empty and "commencez par le carnet 01_cadrage" in empty
    assert "Aucune modification encore" in empty


def test_current_workshop_shows_the_banner(demo_workshop: Workshop, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_FOLDER, str(demo_workshop.folder))
    shown = []
    monkeypatch.setattr(notebook, "_display", shown.append)
    ws = notebook.current_workshop()
    assert ws.folder == demo_workshop.folder
    assert "Montaurel 2030" in shown[0].data


def test_requires_says_what_is_missing_and_which_step_fills_it(empty_workshop: Workshop, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(notebook, "_display", shown.append)
    frames = empty_workshop.store.frames()
    assert not notebook.requires(frames, "actors", "relations")
    message = shown[0].data
    assert "Il manque encore : acteurs, relations" in message
    assert "Cartographie des parties prenantes" in message
    assert not notebook.requires(empty_workshop, "tasks") and "01_cadrage" in shown[1].data


def test_requires_is_silent_when_the_data_is_there(demo_workshop: Workshop, monkeypatch) -> None:
    shown = []
    monkeypatch.setattr(notebook, "_display", shown.append)
    assert notebook.requires(demo_workshop.store.frames(), "actors", "persons", "tasks")
    assert shown == []
