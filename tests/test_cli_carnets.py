"""``maillage carnets``, ``creer`` and the deliverables on workshops in every state."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from toolkit import cli
from toolkit.excel.export import no_data_text
from toolkit.core.workshop import ENV_FOLDER, Workshop
from workshop_states import build_state


def test_creer_suggests_the_next_step(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["creer", "--atelier", str(tmp_path / "a")]) == 0
    out = capsys.readouterr().out
    assert "Étape suivante" in out and "01_cadrage" in out
    assert f"maillage carnets --atelier {(tmp_path / 'a').resolve()}" in out


def test_carnets_opens_jupyterlab_on_the_carnets_for_the_workshop(demo_workshop: Workshop) -> None:
    command, env = cli.lab_command(demo_workshop.folder, port=8899, browser=False)
    assert command[:3] == [sys.executable, "-m", "jupyterlab"]
    assert any(part.endswith("/carnets") and part.startswith("--ServerApp.root_dir=") for part in command)
    assert "--port=8899" in command and "--no-browser" in command
    assert env[ENV_FOLDER] == str(demo_workshop.folder)


def test_carnets_command_runs_what_lab_command_builds(demo_workshop: Workshop, monkeypatch) -> None:
    import subprocess

    calls = []
    monkeypatch.setattr(subprocess, "call", lambda command, env: calls.append((command, env)) or 0)
    assert cli.main(["carnets", "--atelier", str(demo_workshop.folder), "--sans-navigateur"]) == 0
    assert calls[0][1][ENV_FOLDER] == str(demo_workshop.folder)


def test_carnets_refuses_a_folder_without_a_workshop(tmp_path: Path, capsys) -> None:
    assert cli.main(["carnets", "--atelier", str(tmp_path / "rien")]) == 2
    assert "maillage creer" in capsys.readouterr().err


def test_exporter_refuses_an_empty_workshop_in_french(empty_workshop: Workshop, capsys) -> None:
    assert cli.main(["exporter", "--atelier", str(empty_workshop.folder)]) == 2
    err = capsys.readouterr().err
    assert "est vide" in err and "Traceback" not in err


@pytest.mark.parametrize("command", [["lettres"], ["calendrier"]])
def test_letters_and_calendar_refuse_a_workshop_without_project_in_french(tmp_path, command, capsys) -> None:
    folder = build_state("personnes", tmp_path / "p")
    assert cli.main([*command, "--atelier", str(folder)]) == 2
    assert "étape 1, cadrage" in capsys.readouterr().err


@pytest.mark.parametrize("state", ["vide", "personnes", "acteurs", "taches_sans_raci"])
def test_restitution_on_a_partial_workshop(tmp_path: Path, state: str) -> None:
    folder = build_state(state, tmp_path / state)
    assert cli.main(["restitution", "--atelier", str(folder), "--sans-pdf"]) == 0
    assert (folder / "exports" / "restitution" / "restitution.html").exists()


@pytest.mark.parametrize("state", ["personnes", "taches_sans_raci"])
def test_exporter_on_a_workshop_without_actors_writes_the_workbook(tmp_path: Path, state: str, capsys) -> None:
    folder = build_state(state, tmp_path / state)
    assert cli.main(["exporter", "--atelier", str(folder)]) == 0
    assert "Traceback" not in capsys.readouterr().err
    [path] = list((folder / "exports").glob("*.xlsx"))
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    assert "Passeurs" in wb.sheetnames  # the stakeholder sheets are there…
    assert list(wb["Passeurs"].iter_rows(values_only=True))[4][0] == no_data_text("Étape 2")  # …and say why empty


def test_exporter_refuses_an_empty_workshop_in_french(tmp_path: Path, capsys) -> None:
    folder = build_state("vide", tmp_path / "vide")
    assert cli.main(["exporter", "--atelier", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "vide" in err


def test_exporter_on_a_workshop_with_only_actors(tmp_path: Path) -> None:
    folder = build_state("acteurs", tmp_path / "a")
    assert cli.main(["exporter", "--atelier", str(folder)]) == 0
    assert list((folder / "exports").glob("*.xlsx"))
