"""The consultant's editors under Voilà in chromium: the cadrage carnet's record editor and
the scenario builder of 06 (the consultant may open them as pages)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from toolkit import serve
from toolkit.core.workshop import ENV_FOLDER, Workshop

from .conftest import free_port, stop_process_group

pytestmark = pytest.mark.browser
CARNETS = Path(__file__).resolve().parents[2] / "carnets"


@pytest.fixture(scope="module")
def voila(_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Workshop]]:
    folder = tmp_path_factory.mktemp("carnets-voila") / "demo"
    shutil.copytree(_demo_template, folder)
    port = free_port()
    log = folder.parent / "voila.log"
    # as ``maillage servir`` serves pages: its offline template (no remote stylesheet)
    env = {**os.environ, ENV_FOLDER: str(folder), "JUPYTER_PATH": str(serve.DATA_DIR)}
    process = subprocess.Popen([sys.executable, "-m", "voila", str(CARNETS), "--no-browser", f"--port={port}",
                                "--Voila.ip=127.0.0.1", f"--template={serve.TEMPLATE}"], env=env,
                               stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
    import time
    import urllib.request

    base = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(base + "/", timeout=2)
            break
        except OSError:
            time.sleep(1)
    ws = Workshop.open(folder)
    yield base, ws
    ws.close()
    stop_process_group(process)


def test_cadrage_editor_adds_an_axis(voila, page, assert_local) -> None:  # noqa: ANN001
    base, ws = voila
    page.set_viewport_size({"width": 1280, "height": 1600})
    page.goto(f"{base}/voila/render/01_cadrage.ipynb", timeout=240_000)
    page.get_by_text("Axes", exact=True).first.click(timeout=240_000)
    editor = page.locator(".maillage-editor-axes")
    editor.locator("input[type=text]").first.fill("Mobilités douces")
    editor.locator(".maillage-save").click()
    editor.get_by_text("Enregistré (axes)", exact=False).wait_for()
    assert "Mobilités douces" in {a["name"] for a in ws.store.all("axes")}
    assert ws.store.history("axes")[-1]["by"] == "consultant"
    assert_local(page)


def test_scenario_builder_saves_a_departure_picked_by_name(voila, page, assert_local) -> None:  # noqa: ANN001
    base, ws = voila
    person = ws.store.get("persons", "PER-09")
    page.set_viewport_size({"width": 1280, "height": 1600})
    page.goto(f"{base}/voila/render/06_ecarts.ipynb", timeout=300_000)
    builder = page.locator(".maillage-scenario-builder")
    builder.wait_for(timeout=300_000)
    builder.locator("input[type=text]").first.fill("Départ des finances")
    builder.locator("select").first.select_option(label="Départ d'une personne")
    builder.locator("select").nth(1).select_option(label=person["name"])
    builder.locator(".maillage-add").click()
    builder.get_by_text("Modification ajoutée", exact=False).wait_for()
    assert ws.store.count("scenarios") == 0
    builder.locator(".maillage-save").click()
    builder.get_by_text("Scénario « Départ des finances » enregistré", exact=False).wait_for()
    from toolkit import scenarios as sc

    assert sc.stored_scenarios(ws.store)["Départ des finances"] == [{"op": "depart", "personne": "PER-09"}]
    assert_local(page)
