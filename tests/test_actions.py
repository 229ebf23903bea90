"""Step 8 — action sheets: edit rights, journal, co-funders, attachments and their limits."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from toolkit import actions as A
from toolkit.widgets.action_sheet import editor_from_token
from toolkit.core.errors import AccessDenied, ConflictError, ValidationError
from toolkit.core.workshop import Workshop

TODAY = dt.date(2026, 11, 23)
PDF = b"%PDF-1.4\n% compte rendu\n" + b"0" * 100


def _pilot(ws: Workshop, pid: str) -> A.Editor:
    return A.Editor.for_person(ws.store.get("persons", pid))


# --- edit rights -----------------------------------------------------------------------

def test_pilot_updates_own_sheet_and_history_says_who(demo_workshop: Workshop) -> None:
    s = demo_workshop.store
    new = A.update_sheet(s, "ACN-01", {"state": "engagée", "completion": "45", "budget_spent": "9 500,50"},
                         _pilot(demo_workshop, "PER-04"))  # ACN-01 is piloted by PER-04
    assert new["state"] == "engagée" and new["completion"] == 45 and new["budget_spent"] == 9500.5
    last = s.history("actions", "ACN-01")[-1]
    assert last["by"] == "PER-04" and last["old"]["state"] == "en cours" and last["new"]["completion"] == 45


def test_another_pilot_cannot_update_the_sheet(demo_workshop: Workshop) -> None:
    s = demo_workshop.store
    before = s.get("actions", "ACN-01")
    with pytest.raises(AccessDenied) as info:
        A.update_sheet(s, "ACN-01", {"state": "abandonnée"}, _pilot(demo_workshop, "PER-10"))
    assert "Boutique à l'essai rue Nationale" in str(info.value) and "pilote" in str(info.value)
    assert s.get("actions", "ACN-01") == before


def test_pilot_cannot_change_reserved_fields(demo_workshop: Workshop) -> None:
    s = demo_workshop.store
    with pytest.raises(AccessDenied) as info:
        A.update_sheet(s, "ACN-01", {"completion": 50, "pilot_id": "PER-10", "budget_planned": 1},
                       _pilot(demo_workshop, "PER-04"))
    assert "Pilote" in str(info.value) and "Budget prévu (€)" in str(info.value)
    assert s.get("actions", "ACN-01")["completion"] == 30  # nothing changed, not even the allowed field


def test_consultant_edits_every_sheet_even_without_pilot(demo_workshop: Workshop) -> None:
    s = demo_workshop.store
    consultant = A.Editor.for_consultant()
    new = A.update_sheet(s, "ACN-09", {"pilot_id": "PER-08", "state": "engagée"}, consultant)
    assert new["pilot_id"] == "PER-08" and s.history("actions", "ACN-09")[-1]["by"] == "animateur"
    # and now the new pilot may edit it, the previous nobody could not have
    A.update_sheet(s, "ACN-09", {"completion": 5}, _pilot(demo_workshop, "PER-08"))


def test_nobody_but_the_consultant_edits_a_sheet_without_pilot(demo_workshop: Workshop) -> None:
    with pytest.raises(AccessDenied):
        A.update_sheet(demo_workshop.store, "ACN-14", {"completion": 5}, _pilot(demo_workshop, "PER-12"))


def test_invalid_value_is_refused_in_french(demo_workshop: Workshop) -> None:
    with pytest.raises(ValidationError) as info:
        A.update_sheet(demo_workshop.store, "ACN-01", {"completion": 140}, _pilot(demo_workshop, "PER-04"))
    assert "Avancement (%)" in str(info.value) and "entre 0 et 100" in str(info.value)


def test_concurrent_edit_is_refused_not_overwritten(demo_workshop: Workshop) -> None:
    s = demo_workshop.store
    version = s.get("actions", "ACN-01")["version"]
    A.update_sheet(s, "ACN-01", {"completion": 40}, A.Editor.for_consultant(), expected_version=version)
    with pytest.raises(ConflictError):
        A.update_sheet(s, "ACN-01", {"completion": 35}, _pilot(demo_workshop, "PER-04"), expected_version=version)
    assert s.get("actions", "ACN-01")["completion"] == 40


def test_editor_from_token(demo_workshop: Workshop) -> None:
    s = demo_workshop.store
    assert editor_from_token(s, s.facilitator_token()).consultant
    person = s.get("persons", "PER-04")
    editor = editor_from_token(s, person["token"])
    assert editor.person_id == "PER-04" and not editor.consultant
    for bad in ("", None, "n'importe quoi"):
        with pytest.raises(AccessDenied, match="lien"):
            editor_from_token(s, bad)


# --- journal and co-funders ----------------------------------------------------------------

def test_pilot_adds_journal_entry_other_pilot_cannot(demo_workshop: Workshop) -> None:
    s = demo_workshop.store
    jid = A.add_journal_entry(s, "ACN-01", "Bail signé avec le propriétaire.", _pilot(demo_workshop, "PER-04"),
                              kind="décision", today=TODAY)
    entry = s.get("journal", jid)
    assert entry["date"] == TODAY and entry["author"] == "PER-04" and entry["kind"] == "décision"
    with pytest.raises(AccessDenied):
        A.add_journal_entry(s, "ACN-01", "Intrusion", _pilot(demo_workshop, "PER-10"), today=TODAY)
    assert s.count("journal", action_id="ACN-01") == 3


def test_journal_refuses_future_dates_and_unknown_kinds(demo_workshop: Workshop) -> None:
    s, editor = demo_workshop.store, _pilot(demo_workshop, "PER-04")
    with pytest.raises(ValidationError, match="date passée"):
        A.add_journal_entry(s, "ACN-01", "Plus tard", editor, date="2026-12-01", today=TODAY)
    with pytest.raises(ValidationError, match="une des valeurs : fait, décision, point d'attention"):
        A.add_journal_entry(s, "ACN-01", "Texte", editor, kind="rumeur", today=TODAY)
    A.add_journal_entry(s, "ACN-01", "Rattrapage", editor, date="15/11/2026", today=TODAY)
    assert s.count("journal", action_id="ACN-01") == 3


def test_set_funding_creates_then_updates_one_row(demo_workshop: Workshop) -> None:
    s, editor = demo_workshop.store, _pilot(demo_workshop, "PER-04")
    fid = A.set_funding(s, "ACN-01", "ACT-28", "5000", editor, comment="Région")
    assert A.set_funding(s, "ACN-01", "ACT-28", 7000, editor) == fid
    sheet = A.sheet(s.frames(), "ACN-01")
    assert sheet["cofunded"] == 20000 + 10000 + 7000
    assert [f["actor"] for f in sheet["fundings"]][-1] == "Région Nouvelle-Aquitaine"
    with pytest.raises(AccessDenied):
        A.set_funding(s, "ACN-01", "ACT-28", 1, _pilot(demo_workshop, "PER-10"))
    A.remove_funding(s, fid, editor)
    assert A.sheet(s.frames(), "ACN-01")["cofunded"] == 30000


def test_sheet_and_overview_on_demo(demo_workshop: Workshop) -> None:
    frames = demo_workshop.store.frames()
    sheet = A.sheet(frames, "ACN-08")
    assert sheet["pilot"] == "Didier Chauvet" and sheet["axis"].startswith("Habiter")
    assert [j["date"] for j in sheet["journal"]] == [dt.date(2026, 10, 8), dt.date(2026, 9, 24)]
    assert sheet["cofunded"] == 570000
    overview = A.sheets_overview(frames).set_index("id")
    assert len(overview) == 20
    assert overview.loc["ACN-09", "pilot"] == "" and overview.loc["ACN-17", "entries"] == 2
    assert overview.loc["ACN-01", "last_entry"] == dt.date(2026, 10, 2)


# --- attachments ------------------------------------------------------------------------------

def test_attachment_is_stored_in_the_workshop_folder(demo_workshop: Workshop) -> None:
    editor = _pilot(demo_workshop, "PER-04")
    aid = A.add_attachment(demo_workshop, "ACN-01", "Compte rendu n°3 (été).pdf", PDF, editor)
    rec = demo_workshop.store.get("attachments", aid)
    path = A.attachment_file(demo_workshop, aid)
    assert path.read_bytes() == PDF
    assert path.parent == demo_workshop.folder / "pieces_jointes" / "ACN-01"
    assert rec["filename"] == "Compte_rendu_no3_ete.pdf" and rec["size"] == len(PDF)
    assert rec["mime"] == "application/pdf" and rec["author"] == "PER-04"
    # the same name twice does not overwrite the first file
    other = A.add_attachment(demo_workshop, "ACN-01", "Compte rendu n°3 (été).pdf", PDF + b"v2", editor)
    assert A.attachment_file(demo_workshop, other) != path and path.read_bytes() == PDF


def test_attachment_refused_past_the_size_limit(demo_workshop: Workshop) -> None:
    editor = _pilot(demo_workshop, "PER-04")
    big = b"%PDF-1.4\n" + b"0" * (A.DEFAULT_LIMITS.max_bytes - 8)  # one byte over 10 Mo
    assert len(big) == A.DEFAULT_LIMITS.max_bytes + 1
    with pytest.raises(ValidationError) as info:
        A.add_attachment(demo_workshop, "ACN-01", "gros.pdf", big, editor)
    assert "au plus 10,0 Mo" in str(info.value) and "Boutique à l'essai" in str(info.value)
    assert demo_workshop.store.count("attachments") == 0
    assert not any((demo_workshop.folder / "pieces_jointes").rglob("*"))
    exact = big[:-1]
    A.add_attachment(demo_workshop, "ACN-01", "juste.pdf", exact, editor)  # exactly the limit: accepted


def test_attachment_refused_past_the_total_per_action(demo_workshop: Workshop) -> None:
    editor = _pilot(demo_workshop, "PER-04")
    limits = A.AttachmentLimits(max_bytes=1000, max_total_bytes=250)
    A.add_attachment(demo_workshop, "ACN-01", "a.pdf", PDF, editor, limits=limits)
    A.add_attachment(demo_workshop, "ACN-01", "b.pdf", PDF, editor, limits=limits)
    with pytest.raises(ValidationError, match=r"au plus 250 octets de pièces jointes par action \(248 octets déjà utilisés\)"):
        A.add_attachment(demo_workshop, "ACN-01", "c.pdf", PDF, editor, limits=limits)
    assert demo_workshop.store.count("attachments", action_id="ACN-01") == 2


@pytest.mark.parametrize("name, content, expected", [
    ("programme.exe", b"MZ\x90\x00", "types acceptés"),
    ("sans_extension", b"texte", "types acceptés"),
    ("faux.pdf", b"MZ\x90\x00 executable", "contenu est bien du type PDF"),
    ("faux.docx", b"%PDF-1.4", "contenu est bien du type DOCX"),
    ("binaire.txt", b"abc\x00def", "contenu est bien du type TXT"),
    ("vide.pdf", b"", "non vide"),
])
def test_attachment_refused_for_type_or_content(demo_workshop: Workshop, name: str, content: bytes,
                                                expected: str) -> None:
    with pytest.raises(ValidationError, match=expected):
        A.add_attachment(demo_workshop, "ACN-01", name, content, _pilot(demo_workshop, "PER-04"))
    assert demo_workshop.store.count("attachments") == 0


def test_attachment_name_cannot_escape_the_folder(demo_workshop: Workshop) -> None:
    editor = A.Editor.for_consultant()
    aid = A.add_attachment(demo_workshop, "ACN-01", "../../../atelier.json/../evil.pdf", PDF, editor)
    path = A.attachment_file(demo_workshop, aid)
    assert (demo_workshop.folder / "pieces_jointes" / "ACN-01") == path.parent
    assert path.name.endswith("_evil.pdf")
    aid2 = A.add_attachment(demo_workshop, "ACN-01", "..\\..\\windows\\notes.txt", "été\n".encode(), editor)
    assert A.attachment_file(demo_workshop, aid2).name.endswith("_notes.txt")


def test_safe_filename_cases() -> None:
    assert A.safe_filename("../../etc/passwd") == "passwd"
    assert A.safe_filename(".bashrc") == "bashrc"
    assert A.safe_filename("<script>alert(1)</script>.pdf") == "script.pdf"  # "/" is a separator
    assert A.safe_filename("<img src=x onerror=alert(1)>.pdf") == "img_src_x_onerror_alert_1.pdf"
    assert A.safe_filename("..") == ""
    long = A.safe_filename("x" * 300 + ".pdf")
    assert len(long) == 100 and long.endswith(".pdf")


def test_other_pilot_cannot_attach_and_removal_keeps_the_file(demo_workshop: Workshop) -> None:
    with pytest.raises(AccessDenied):
        A.add_attachment(demo_workshop, "ACN-01", "a.pdf", PDF, _pilot(demo_workshop, "PER-10"))
    editor = _pilot(demo_workshop, "PER-04")
    aid = A.add_attachment(demo_workshop, "ACN-01", "a.pdf", PDF, editor)
    path = A.attachment_file(demo_workshop, aid)
    with pytest.raises(AccessDenied):
        A.remove_attachment(demo_workshop, aid, _pilot(demo_workshop, "PER-10"))
    A.remove_attachment(demo_workshop, aid, editor)
    assert demo_workshop.store.count("attachments") == 0 and path.exists()
    assert demo_workshop.store.history("attachments", aid)[-1]["op"] == "delete"


def test_tampered_attachment_path_is_not_served(demo_workshop: Workshop, tmp_path: Path) -> None:
    s = demo_workshop.store
    aid = A.add_attachment(demo_workshop, "ACN-01", "a.pdf", PDF, A.Editor.for_consultant())
    s.update("attachments", aid, {"path": "../../etc/passwd"}, by="malveillant")
    with pytest.raises(Exception, match="introuvable"):
        A.attachment_file(demo_workshop, aid)
