"""Excel that updates (issue 16 §3): a plan shown before anything is written, then applied
all or nothing; existing records changed field by field (old values in the history), new
ones added, the others untouched."""
from __future__ import annotations

from pathlib import Path

import pytest

from excel_helpers import snapshot, tiny_book, tiny_records
from toolkit.cli import main
from toolkit.core.formats import plain
from toolkit.core.errors import ValidationError
from toolkit.method import export_workbook
from toolkit.excel.importer import apply_plan, import_workbook, plan_import
from toolkit.core.workshop import Workshop


def _set(sheet: str, row: int, header: str, value: object):  # type: ignore[no-untyped-def]
    """An edit of the workbook as an analyst makes it: one cell, found by its header."""
    def edit(wb) -> None:  # type: ignore[no-untyped-def]
        ws = wb[sheet]
        col = next(c.column for c in ws[1] if c.value == header)
        ws.cell(row=row, column=col, value=value)
    return edit


def _edited(records: dict) -> dict:
    """The tiny workshop with a typo fixed, a capacity changed, a pilot changed, an actor added."""
    records["persons"].append({"id": "PER-2", "name": "Bruno Lefort", "organisation": "Mairie",
                               "role": "pilote d'action", "capacity_days": 4})
    records["persons"][0]["capacity_days"] = 12
    records["actions"][0]["name"] = "Boutique à l'essai (rue Haute)"
    records["actions"][0]["pilot_id"] = "PER-2"
    records["actors"].append({"id": "ACT-3", "name": "Département", "category": "cofinanceur",
                              "power": 3, "interest": 3})
    return records


@pytest.fixture
def tiny(tmp_path: Path, empty_workshop: Workshop) -> Workshop:
    import_workbook(tiny_book(tmp_path, name="premier.xlsx"), empty_workshop.store, by="analyste")
    return empty_workshop


def test_preview_matches_what_is_written(tmp_path: Path, tiny: Workshop) -> None:
    s = tiny.store
    before = snapshot(s)
    plan = plan_import(s, tiny_book(tmp_path, records=_edited(tiny_records())), update=True, folder=tiny.folder)
    assert snapshot(s) == before  # a preview writes nothing
    assert plan.ok and {k: [r["id"] for r in v] for k, v in plan.added.items()} == {
        "actors": ["ACT-3"], "persons": ["PER-2"]}
    changed = {(c.kind, c.id): c.fields for c in plan.changed}
    assert changed == {("persons", "PER-1"): {"capacity_days": (10, 12)},
                       ("actions", "ACN-1"): {"name": ("Boutique à l'essai", "Boutique à l'essai (rue Haute)"),
                                              "pilot_id": ("PER-1", "PER-2")}}
    # in French, with names: « Pilote : Alice Martin → Bruno Lefort »
    lines = plan.lines()
    assert "    Pilote : Alice Martin → Bruno Lefort" in lines
    assert any(line.startswith("~ Actions « Boutique à l'essai (rue Haute) » (ACN-1, feuille « Actions », ligne 2")
               for line in lines), lines
    assert any(line.startswith("+ Acteurs « Département » (ACT-3") for line in lines), lines
    assert {"Feuille": "Personnes", "Ligne": 2, "Enregistrement": "Alice Martin", "Changement": "Modification",
            "Champ": "Capacité (jours/mois)", "Avant": "10", "Après": "12"} in plan.rows()
    counts = apply_plan(s, plan, by="analyste")
    assert counts["actors"] == 1 and counts["persons"] == 2 and counts["actions"] == 1
    # what is written is exactly what was shown
    for (kind, rid), fields in changed.items():
        rec = s.get(kind, rid)
        assert {f: rec[f] for f in fields} == {f: new for f, (_old, new) in fields.items()}
    assert s.exists("actors", "ACT-3") and s.exists("persons", "PER-2")
    # untouched records: same version
    assert s.get("actors", "ACT-1")["version"] == 1 and s.get("tasks", "TAC-1")["version"] == 1


def test_history_holds_the_old_values(tmp_path: Path, tiny: Workshop) -> None:
    s = tiny.store
    plan = plan_import(s, tiny_book(tmp_path, records=_edited(tiny_records())), update=True)
    apply_plan(s, plan, by="Claire (analyste)")
    last = s.history("actions", "ACN-1")[-1]
    assert last["op"] == "update" and last["by"] == "Claire (analyste)"
    assert last["old"] == {"name": "Boutique à l'essai", "pilot_id": "PER-1"}
    assert last["new"] == {"name": "Boutique à l'essai (rue Haute)", "pilot_id": "PER-2"}
    assert s.history("persons", "PER-1")[-1]["old"] == {"capacity_days": 10}


def test_a_second_identical_import_plans_no_change(tmp_path: Path, tiny: Workshop) -> None:
    s = tiny.store
    book = tiny_book(tmp_path, records=_edited(tiny_records()))
    apply_plan(s, plan_import(s, book, update=True), by="analyste")
    again = plan_import(s, book, update=True)
    assert again.ok and again.empty and again.unchanged == sum(len(v) for v in _edited(tiny_records()).values())


def test_exported_demo_updates_the_demo_with_no_change(tmp_path: Path, demo_workshop: Workshop) -> None:
    s = demo_workshop.store
    plan = plan_import(s, export_workbook(s, tmp_path / "demo.xlsx"), update=True, folder=demo_workshop.folder)
    assert plan.ok, plan.problems[:3]
    assert plan.empty, plan.lines()[:10]


def test_a_refused_update_changes_nothing(tmp_path: Path, tiny: Workshop) -> None:
    s = tiny.store
    def edit(wb) -> None:  # type: ignore[no-untyped-def]
        _set("Tâches", 2, "Charge (jours)", -3)(wb)  # refused
        _set("RACI", 2, "Personne", "PER-99")(wb)  # unknown
    before = snapshot(s)
    plan = plan_import(s, tiny_book(tmp_path, edit, records=_edited(tiny_records())), update=True)
    assert not plan.ok
    assert [(p.sheet, p.row, p.field, p.value) for p in plan.problems] == [
        ("Tâches", 2, "Charge (jours)", -3), ("RACI", 2, "Personne", "PER-99")]
    assert all(p.column for p in plan.problems)
    assert plan.empty  # a refused plan proposes nothing to write
    with pytest.raises(ValidationError) as info:
        apply_plan(s, plan, by="analyste")
    assert "rien n'a été enregistré" in str(info.value)
    assert snapshot(s) == before


def test_record_changed_since_the_preview_refused_entirely(tmp_path: Path, tiny: Workshop) -> None:
    s = tiny.store
    plan = plan_import(s, tiny_book(tmp_path, records=_edited(tiny_records())), update=True)
    s.update("persons", "PER-1", {"function": "Cheffe de projet"}, by="quelqu'un d'autre")
    before = snapshot(s)
    with pytest.raises(ValidationError) as info:
        apply_plan(s, plan, by="analyste")
    assert "prévisualisez de nouveau" in str(info.value.problems[0])
    assert snapshot(s) == before and not s.exists("actors", "ACT-3")  # the additions rolled back too


def test_without_update_an_existing_identifier_is_still_refused(tmp_path: Path, tiny: Workshop) -> None:
    plan = plan_import(tiny.store, tiny_book(tmp_path, records=_edited(tiny_records())), update=False)
    assert not plan.ok and any(p.value == "PER-1" and p.sheet == "Personnes" for p in plan.problems)


# --- the command line --------------------------------------------------------------------------

def test_cli_update_previews_then_asks(tmp_path: Path, tiny: Workshop, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    book = tiny_book(tmp_path, records=_edited(tiny_records()))
    before = snapshot(tiny.store)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert main(["importer", str(book), "--atelier", str(tiny.folder), "--mettre-a-jour"]) == 1
    out = capsys.readouterr().out
    assert "    Pilote : Alice Martin → Bruno Lefort" in out and "Rien n'a été modifié." in out
    assert snapshot(tiny.store) == before
    asked = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "o")
    assert main(["importer", str(book), "--atelier", str(tiny.folder), "--mettre-a-jour", "--par", "Claire"]) == 0
    assert asked == ["Appliquer ces changements ? [o/N] "]
    assert "Mise à jour terminée : 2 ajouts et 2 enregistrements modifiés" in plain(capsys.readouterr().out)
    assert tiny.store.get("actions", "ACN-1")["pilot_id"] == "PER-2"
    assert tiny.store.history("actions", "ACN-1")[-1]["by"] == "Claire"


def test_cli_update_with_oui_and_refusal(tmp_path: Path, tiny: Workshop, capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("builtins.input", lambda prompt: pytest.fail("--oui ne demande rien"))
    bad = tiny_book(tmp_path, _set("Personnes", 2, "Capacité (jours/mois)", "beaucoup"), records=_edited(tiny_records()))
    before = snapshot(tiny.store)
    assert main(["importer", str(bad), "--atelier", str(tiny.folder),
                 "--mettre-a-jour", "--oui"]) == 2
    err = capsys.readouterr().err
    assert "Mise à jour refusée : rien n'a été enregistré" in err and "feuille « Personnes », ligne 2" in err
    assert "Traceback" not in err and snapshot(tiny.store) == before
    assert main(["importer", str(tiny_book(tmp_path, records=_edited(tiny_records()), name="b.xlsx")),
                 "--atelier", str(tiny.folder), "--mettre-a-jour", "--oui"]) == 0
    assert main(["importer", str(tmp_path / "b.xlsx"), "--atelier", str(tiny.folder), "--mettre-a-jour"]) == 0
    assert "Aucun changement" in capsys.readouterr().out


def test_changes_of_a_recorded_review_are_not_replayed(tmp_path: Path, tiny: Workshop) -> None:
    s = tiny.store
    s.insert("reviews", {"id": "REV-1", "date": "2026-11-17", "present": ["PER-1"], "changes": []}, by="t")
    records = tiny_records()
    records["reviews"] = [{"id": "REV-1", "date": "2026-11-17", "present": ["PER-1"], "decisions": "Local trouvé.",
                           "changes": [{"action_id": "ACN-1", "field": "state", "old": "à construire",
                                        "new": "engagée"}]}]
    before = snapshot(s)
    plan = plan_import(s, tiny_book(tmp_path, records=records), update=True)
    (problem,) = plan.problems
    assert (problem.sheet, problem.row, problem.field) == ("Revues de projet", 2, "Modifications")
    assert "ajoutez une nouvelle revue" in problem.expected and plan.empty
    records["reviews"][0]["changes"] = []  # the decisions alone may be corrected
    plan = plan_import(s, tiny_book(tmp_path, records=records, name="b.xlsx"), update=True)
    assert plan.ok and [(c.id, list(c.fields)) for c in plan.changed] == [("REV-1", ["decisions"])]
    assert snapshot(s) == before
