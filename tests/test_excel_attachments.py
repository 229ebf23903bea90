"""Attachments from the import stay in the workshop (issue 19 §8): the « Pièces jointes »
sheet names a file of the workshop's ``pieces_jointes/`` or one beside the workbook (copied
there at import), with the page's type and size rules; anything else is refused on its cell."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from excel_helpers import snapshot, tiny_book, tiny_records
from toolkit import actions
from toolkit.cli import main
from toolkit.core.errors import ValidationError
from toolkit.excel.importer import import_workbook
from toolkit.core.workshop import Workshop

PDF = b"%PDF-1.4\n% un compte rendu\n"


def _book(folder: Path, path: str, name: str = "classeur.xlsx", filename: str = "bail.pdf") -> Path:
    records = tiny_records()
    records["attachments"] = [{"id": "PJ-1", "action_id": "ACN-1", "filename": filename, "path": path,
                               "size": 1, "author": "PER-1"}]
    return tiny_book(folder, name=name, records=records)


def _refused(book: Path, ws: Workshop) -> str:
    """The import is refused on the « Chemin » cell of row 2; nothing stored, nothing copied."""
    before = snapshot(ws.store)
    with pytest.raises(ValidationError) as info:
        import_workbook(book, ws.store, by="test", folder=ws.folder)
    assert snapshot(ws.store) == before
    assert not any(p.is_file() and not p.is_symlink() for p in (ws.folder / "pieces_jointes").rglob("*"))
    (problem,) = info.value.problems
    assert (problem.sheet, problem.row, problem.field) == ("Pièces jointes", 2, "Chemin")
    assert problem.column is not None
    return problem.expected


def test_etc_passwd_refused(tmp_path: Path, empty_workshop: Workshop) -> None:
    expected = _refused(_book(tmp_path, "/etc/passwd", filename="passwd.txt"), empty_workshop)
    assert "pieces_jointes/ de l'atelier" in expected


def test_parent_path_refused(tmp_path: Path, empty_workshop: Workshop) -> None:
    (tmp_path / "x.pdf").write_bytes(PDF)
    sub = tmp_path / "classeurs"
    sub.mkdir()
    assert "sans « .. »" in _refused(_book(sub, "../x.pdf"), empty_workshop)
    assert "sans « .. »" in _refused(_book(sub, "pieces_jointes/../../x.pdf", name="b.xlsx"), empty_workshop)


def test_symlink_escaping_refused(tmp_path: Path, empty_workshop: Workshop) -> None:
    os.symlink("/etc/passwd", tmp_path / "bail.pdf")  # beside the workbook, leading out
    assert "pas un lien" in _refused(_book(tmp_path, "bail.pdf"), empty_workshop)
    inside = empty_workshop.folder / "pieces_jointes" / "lien.txt"
    os.symlink("/etc/hostname", inside)  # in the workshop, leading out
    assert "pas un lien" in _refused(_book(tmp_path, "pieces_jointes/lien.txt", name="b.xlsx"), empty_workshop)
    inside.unlink()


def test_the_store_file_of_the_workshop_refused(tmp_path: Path, empty_workshop: Workshop) -> None:
    assert "pieces_jointes/" in _refused(_book(tmp_path, "atelier.db", filename="atelier.db"), empty_workshop)


def test_type_and_content_rules_of_the_page(tmp_path: Path, empty_workshop: Workshop) -> None:
    (tmp_path / "outil.exe").write_bytes(b"MZ\x90\x00")
    assert "types acceptés" in _refused(_book(tmp_path, "outil.exe"), empty_workshop)
    (tmp_path / "faux.pdf").write_bytes(b"MZ\x90\x00")  # a renamed executable is not a PDF
    assert "du type PDF" in _refused(_book(tmp_path, "faux.pdf", name="b.xlsx"), empty_workshop)


def test_size_rule_of_the_page(tmp_path: Path, empty_workshop: Workshop) -> None:
    (tmp_path / "gros.pdf").write_bytes(PDF + b"0" * actions.DEFAULT_LIMITS.max_bytes)
    assert "au plus 10,0 Mo" in _refused(_book(tmp_path, "gros.pdf"), empty_workshop)


def test_good_file_beside_the_workbook_is_copied_into_the_workshop(tmp_path: Path, empty_workshop: Workshop) -> None:
    (tmp_path / "bail.pdf").write_bytes(PDF)
    import_workbook(_book(tmp_path, "bail.pdf"), empty_workshop.store, by="test", folder=empty_workshop.folder)
    rec = empty_workshop.store.get("attachments", "PJ-1")
    assert rec["path"] == "pieces_jointes/ACN-1/PJ-1_bail.pdf"
    assert rec["size"] == len(PDF) and rec["mime"] == "application/pdf"
    assert actions.attachment_file(empty_workshop, "PJ-1").read_bytes() == PDF  # the page finds it


def test_good_file_already_in_the_workshop_is_kept_where_it_is(tmp_path: Path, empty_workshop: Workshop) -> None:
    target = empty_workshop.folder / "pieces_jointes" / "ACN-1" / "cr.pdf"
    target.parent.mkdir(parents=True)
    target.write_bytes(PDF)
    for path in ("pieces_jointes/ACN-1/cr.pdf", str(target)):  # relative, or absolute inside the workshop
        ws = Workshop.create(tmp_path / f"autre{len(path)}")
        ws_target = ws.folder / "pieces_jointes" / "ACN-1" / "cr.pdf"
        ws_target.parent.mkdir(parents=True)
        ws_target.write_bytes(PDF)
        given = path if not os.path.isabs(path) else str(ws_target)
        import_workbook(_book(tmp_path, given, name=f"{len(path)}.xlsx"), ws.store, by="test", folder=ws.folder)
        assert ws.store.get("attachments", "PJ-1")["path"] == "pieces_jointes/ACN-1/cr.pdf"
        assert not any(p.name.startswith("PJ-1_") for p in ws.folder.rglob("*"))  # not copied again
        ws.close()


def test_refused_import_removes_the_files_it_copied(tmp_path: Path, empty_workshop: Workshop,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bail.pdf").write_bytes(PDF)
    store = empty_workshop.store
    real = store.insert_many

    def refuse_attachments(kind, records, **kw):  # type: ignore[no-untyped-def]
        if kind == "attachments":  # as if somebody else had taken the id meanwhile
            from toolkit.core.errors import Problem
            raise ValidationError([Problem("Identifiant", "PJ-1", "un identifiant unique")])
        return real(kind, records, **kw)

    monkeypatch.setattr(store, "insert_many", refuse_attachments)
    before = snapshot(store)
    with pytest.raises(ValidationError) as info:
        import_workbook(_book(tmp_path, "bail.pdf"), store, by="t", folder=empty_workshop.folder)
    assert info.value.problems[0].sheet == "Pièces jointes"
    assert snapshot(store) == before
    assert not any(p.is_file() for p in (empty_workshop.folder / "pieces_jointes").rglob("*"))


def test_cli_refuses_etc_passwd_in_french(tmp_path: Path, empty_workshop: Workshop,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    book = _book(tmp_path, "/etc/passwd", filename="passwd.txt")
    assert main(["importer", str(book), "--atelier", str(empty_workshop.folder)]) == 2
    err = capsys.readouterr().err
    assert "feuille « Pièces jointes », ligne 2, colonne" in err and "champ « Chemin »" in err
    assert "Traceback" not in err and empty_workshop.store.count("attachments") == 0


def test_without_a_folder_only_records_under_pieces_jointes(tmp_path: Path, empty_workshop: Workshop) -> None:
    with pytest.raises(ValidationError) as info:
        import_workbook(_book(tmp_path, "/etc/passwd", filename="passwd.txt"), empty_workshop.store, by="t")
    assert info.value.problems[0].field == "Chemin"
    import_workbook(_book(tmp_path, "pieces_jointes/ACN-1/bail.pdf", name="b.xlsx"), empty_workshop.store, by="t")
    assert empty_workshop.store.get("attachments", "PJ-1")["path"] == "pieces_jointes/ACN-1/bail.pdf"
