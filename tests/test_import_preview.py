"""The carnet's import preview: a workbook named, « Prévisualiser » shows the changes with
names, « Appliquer » writes them (and only then)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from excel_helpers import snapshot, tiny_book, tiny_records
from test_excel_update import _edited, _set
from toolkit.excel.importer import import_workbook
from toolkit.core.formats import plain
from toolkit.widgets.import_preview import ImportPreview
from toolkit.core.workshop import Workshop


def test_preview_then_apply_through_the_widget(tmp_path: Path, empty_workshop: Workshop) -> None:
    s = empty_workshop.store
    import_workbook(tiny_book(tmp_path, name="premier.xlsx"), s, by="analyste")
    book = tiny_book(tmp_path, records=_edited(tiny_records()))
    form = ImportPreview(empty_workshop, by="Claire")
    form.apply_button.click()  # nothing previewed: nothing applied
    assert "Prévisualisez d&#x27;abord" in form.message.value
    form.path.value = str(book)
    before = snapshot(s)
    form.preview_button.click()
    assert snapshot(s) == before and not form.apply_button.disabled
    assert "2 ajouts, 2 enregistrements modifiés (3 champs), 8 inchangés." in plain(form.summary.value)
    table = form.changes.value
    assert "<td>Alice Martin</td>" in table and "<td>Bruno Lefort</td>" in table  # names, not only ids
    assert "<td>Pilote</td>" in table and "<td>Modification</td>" in table and "<td>Ajout</td>" in table
    assert "PER-2" not in table
    form.apply_button.click()
    assert "Changements appliqués : 2 ajouts et 2 enregistrements modifiés." in plain(form.message.value)
    assert s.get("actions", "ACN-1")["pilot_id"] == "PER-2"
    assert s.history("actions", "ACN-1")[-1]["by"] == "Claire"
    assert form.apply_button.disabled
    form.preview_button.click()  # the same workbook again: nothing left to change
    assert "Aucun changement" in form.message.value and form.apply_button.disabled


def test_refusals_shown_with_sheet_row_column_and_nothing_applied(tmp_path: Path, empty_workshop: Workshop) -> None:
    s = empty_workshop.store
    import_workbook(tiny_book(tmp_path, name="premier.xlsx"), s, by="analyste")
    book = tiny_book(tmp_path, _set("Tâches", 2, "Charge (jours)", -3), records=_edited(tiny_records()))
    form = ImportPreview(empty_workshop)
    before = snapshot(s)
    form.path.value = str(book)
    form.preview_button.click()
    assert form.apply_button.disabled and form.changes.value == ""
    assert "1 problème dans le classeur : rien ne sera enregistré." in plain(form.summary.value)
    assert "<td>Tâches</td>" in form.problems.value and "<td>Charge (jours)</td>" in form.problems.value
    form.apply_button.click()
    assert snapshot(s) == before


def test_uploaded_workbook(tmp_path: Path, empty_workshop: Workshop) -> None:
    form = ImportPreview(empty_workshop, update=False)
    content = tiny_book(tmp_path).read_bytes()
    form.upload.value = ({"name": "classeur.xlsx", "type": "", "size": len(content), "content": memoryview(content),
                          "last_modified": dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)},)
    form.preview_button.click()
    assert "<td>Ajout</td>" in form.changes.value
    form.apply_button.click()
    assert empty_workshop.store.count("actors") == 2


def test_no_file_named(empty_workshop: Workshop) -> None:
    form = ImportPreview(empty_workshop)
    form.preview_button.click()
    assert "Indiquez le chemin" in form.message.value and form.apply_button.disabled
