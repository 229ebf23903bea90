"""Step 8 — action sheets (fiches actions): state, completion, budget, journal, attached files.

The method (DESIGN.md, step 8): each action has a sheet kept up to date by its pilot —
state (à construire … abandonnée), completion rate, budget planned/committed/spent and its
co-funders, dates, a dated journal of what was done and decided, attached files. Pilots
may edit their own sheet only; the consultant edits all. The rights are checked here, in
the toolkit, whatever page or notebook calls it; every change goes through the store,
which keeps its history (who, when, old and new values).

Example
-------
>>> editor = Editor.for_person(store.get("persons", "PER-04"))  # doctest: +SKIP
>>> update_sheet(store, "ACN-01", {"state": "en cours", "completion": 40}, editor)  # doctest: +SKIP
>>> add_journal_entry(store, "ACN-01", "Bail signé.", editor)  # doctest: +SKIP
"""
from __future__ import annotations

import datetime as dt
import io
import os
import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from . import formats as F
from . import labels as L
from .errors import AccessDenied, NotFoundError, Problem, ValidationError

# What a pilot may change on their own sheet; the structure of the programme (name, axis,
# pilot, planned budget) is decided by the consultant or in project review.
PILOT_FIELDS: tuple[str, ...] = ("state", "completion", "budget_committed", "budget_spent",
                                 "start_date", "end_date", "description")
CLOSED_STATES: tuple[str, ...] = ("achevée", "abandonnée")


@dataclass(frozen=True)
class Editor:
    """Who is editing: the consultant (every sheet) or one person (the sheets they pilot).

    ``by`` is what the store's history records — the person's id, or ``animateur`` for
    the consultant — the same as the page framework's ``toolkit.access.Access.by``.
    """

    by: str
    person_id: str | None = None
    consultant: bool = False
    name: str = ""

    @classmethod
    def for_consultant(cls, name: str = L.FACILITATOR_BY) -> "Editor":
        return cls(by=name, consultant=True, name=name)

    @classmethod
    def for_person(cls, person: dict[str, Any]) -> "Editor":
        return cls(by=person["id"], person_id=person["id"], name=person.get("name", ""))

    @classmethod
    def from_access(cls, access: Any) -> "Editor":
        """The editor of a page's ``Session.access`` (facilitator or participant)."""
        return cls.for_consultant() if access.is_facilitator else cls.for_person(access.person)


def can_edit(action: dict[str, Any], editor: Editor) -> bool:
    """True if ``editor`` may change this action's sheet (consultant, or its pilot)."""
    return editor.consultant or (editor.person_id is not None and action.get("pilot_id") == editor.person_id)


def _checked_action(store: Any, action_id: str, editor: Editor, conn: Any = None) -> dict[str, Any]:
    action = store.get("actions", action_id, conn=conn)
    if not can_edit(action, editor):
        raise AccessDenied(L.ACTION_MESSAGES["not_your_sheet"].format(action=action["name"]))
    return action


def update_sheet(store: Any, action_id: str, changes: dict[str, Any], editor: Editor,
                 expected_version: int | None = None) -> dict[str, Any]:
    """Change fields of an action's sheet, if ``editor`` may.

    Parameters
    ----------
    changes : field → new value (as typed in a form: validated and converted by the model).
    editor : a pilot may change ``PILOT_FIELDS`` on their own sheet; the consultant any field.
    expected_version : the version read before editing; a change made by someone else in
        between is refused (``ConflictError``) instead of being overwritten.

    Returns
    -------
    The updated action (the store keeps the old values in its history).

    Raises
    ------
    AccessDenied (not their sheet, or a field reserved to the consultant), ValidationError.
    """
    with store.transaction() as tx:
        _checked_action(store, action_id, editor, conn=tx)
        if not editor.consultant:
            forbidden = [k for k in changes if k not in PILOT_FIELDS]
            if forbidden:
                raise AccessDenied(L.ACTION_MESSAGES["pilot_fields"].format(
                    fields=", ".join(L.FIELD_LABELS.get(k, k) for k in forbidden),
                    allowed=", ".join(L.FIELD_LABELS[k] for k in PILOT_FIELDS)))
        return store.update("actions", action_id, changes, by=editor.by,
                            expected_version=expected_version, conn=tx)


def add_journal_entry(store: Any, action_id: str, text: str, editor: Editor, kind: str = "fait",
                      date: Any = None, today: dt.date | None = None) -> str:
    """Add a dated entry (fait, décision, point d'attention) to an action's journal.

    The date defaults to today and may not be in the future (the journal records what was
    done and decided). The author is the editing person. Returns the entry's id.
    """
    today = today or dt.date.today()
    record = {"action_id": action_id, "date": date if date not in (None, "") else today, "kind": kind,
              "text": text, "author": editor.person_id}
    from .model import validate

    clean = validate("journal", record)
    if clean["date"] > today:
        raise ValidationError([Problem(L.FIELD_LABELS["date"], clean["date"].isoformat(),
                                       L.ACTION_MESSAGES["past_date"])],
                              L.MESSAGES["invalid_record"].format(kind=L.KIND_LABELS["journal"]))
    with store.transaction() as tx:
        _checked_action(store, action_id, editor, conn=tx)
        return store.insert("journal", clean, by=editor.by, conn=tx)


def set_funding(store: Any, action_id: str, actor_id: str, amount: Any, editor: Editor,
                comment: str | None = None) -> str:
    """Set a co-funder's amount on an action (creates or updates the row). Returns its id."""
    with store.transaction() as tx:
        _checked_action(store, action_id, editor, conn=tx)
        import sqlalchemy as sa

        from .store import TABLES

        t = TABLES["fundings"]
        row = tx.execute(sa.select(t.c.id).where((t.c.action_id == action_id) & (t.c.actor_id == actor_id))).first()
        data = {"amount": amount, **({"comment": comment} if comment is not None else {})}
        if row:
            store.update("fundings", row[0], data, by=editor.by, conn=tx)
            return row[0]
        return store.insert("fundings", {"action_id": action_id, "actor_id": actor_id, **data}, by=editor.by, conn=tx)


def remove_funding(store: Any, funding_id: str, editor: Editor) -> None:
    """Remove a co-funding row (kept in history)."""
    with store.transaction() as tx:
        funding = store.get("fundings", funding_id, conn=tx)
        _checked_action(store, funding["action_id"], editor, conn=tx)
        store.delete("fundings", funding_id, by=editor.by, conn=tx)


# --- Attachments ---------------------------------------------------------------------------

def _is_zip_with(content: bytes, member: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as z:
            return member in z.namelist()
    except zipfile.BadZipFile:
        return False


def _is_text(content: bytes) -> bool:
    if b"\x00" in content:
        return False
    for encoding in ("utf-8", "cp1252"):
        try:
            content.decode(encoding)
            return True
        except UnicodeDecodeError:
            continue
    return False


# extension → (MIME type, check of the content: a renamed executable is not a PDF)
FILE_TYPES: dict[str, tuple[str, Any]] = {
    "pdf": ("application/pdf", lambda c: c.startswith(b"%PDF-")),
    "png": ("image/png", lambda c: c.startswith(b"\x89PNG\r\n\x1a\n")),
    "jpg": ("image/jpeg", lambda c: c.startswith(b"\xff\xd8\xff")),
    "jpeg": ("image/jpeg", lambda c: c.startswith(b"\xff\xd8\xff")),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             lambda c: _is_zip_with(c, "[Content_Types].xml")),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             lambda c: _is_zip_with(c, "[Content_Types].xml")),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation",
             lambda c: _is_zip_with(c, "[Content_Types].xml")),
    "odt": ("application/vnd.oasis.opendocument.text", lambda c: _is_zip_with(c, "mimetype")),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", lambda c: _is_zip_with(c, "mimetype")),
    "odp": ("application/vnd.oasis.opendocument.presentation", lambda c: _is_zip_with(c, "mimetype")),
    "csv": ("text/csv", _is_text),
    "txt": ("text/plain", _is_text),
}


@dataclass(frozen=True)
class AttachmentLimits:
    """Limits on attached files: size of one file, total per action, accepted types."""

    max_bytes: int = 10 * 1024 * 1024
    max_total_bytes: int = 100 * 1024 * 1024
    extensions: tuple[str, ...] = field(default_factory=lambda: tuple(FILE_TYPES))


DEFAULT_LIMITS = AttachmentLimits()


def safe_filename(name: str, max_length: int = 100) -> str:
    """A file name that cannot leave its folder: last path component, no accents, only
    letters, digits, ``-``, ``_`` and ``.``, no leading dot, at most ``max_length`` characters.

    >>> safe_filename("../../etc/passwd")
    'passwd'
    >>> safe_filename("C:\\\\Users\\\\x\\\\Compte rendu n°3 (été).PDF")
    'Compte_rendu_no3_ete.PDF'
    """
    base = re.split(r"[\\/]", str(name))[-1]
    base = unicodedata.normalize("NFKD", base)
    base = "".join(c for c in base if not unicodedata.combining(c)).replace("°", "o")
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base)
    base = re.sub(r"_+", "_", base).strip("._-")
    base = re.sub(r"_(\.[A-Za-z0-9]+)$", r"\1", base)
    if not base:
        return ""
    stem, dot, ext = base.rpartition(".")
    if dot and len(base) > max_length:
        base = stem[: max_length - len(ext) - 1].rstrip("._-") + "." + ext
    return base[:max_length]



def add_attachment(ws: Any, action_id: str, filename: str, content: bytes, editor: Editor,
                   limits: AttachmentLimits = DEFAULT_LIMITS) -> str:
    """Attach a file to an action's sheet; returns the attachment's id.

    The file is stored under the workshop's ``pieces_jointes/<action>/`` with a sanitised
    name prefixed by the attachment's id (two files of the same name never collide, and no
    name can reach outside the folder). Refused, with a French message and nothing stored:
    a file over ``limits.max_bytes``, an action whose files would exceed
    ``limits.max_total_bytes``, a type not accepted, or content that does not match its
    extension.
    """
    store = ws.store
    action = _checked_action(store, action_id, editor)
    safe = safe_filename(filename)
    ext = safe.rpartition(".")[2].lower() if "." in safe else ""
    problems = []
    if ext not in limits.extensions:
        problems.append(Problem(L.FIELD_LABELS["filename"], filename, L.ACTION_MESSAGES["file_type"].format(
            types=", ".join(limits.extensions))))
    elif not FILE_TYPES[ext][1](content):
        problems.append(Problem(L.FIELD_LABELS["filename"], filename,
                                L.ACTION_MESSAGES["file_content"].format(ext=ext.upper())))
    if len(content) == 0:
        problems.append(Problem(L.FIELD_LABELS["size"], 0, L.ACTION_MESSAGES["file_empty"]))
    elif len(content) > limits.max_bytes:
        problems.append(Problem(L.FIELD_LABELS["size"], F.file_size(len(content)),
                                L.ACTION_MESSAGES["file_size"].format(max=F.file_size(limits.max_bytes))))
    else:
        used = sum(int(a["size"] or 0) for a in store.all("attachments", action_id=action_id))
        if used + len(content) > limits.max_total_bytes:
            problems.append(Problem(L.FIELD_LABELS["size"], F.file_size(len(content)),
                                    L.ACTION_MESSAGES["file_total"].format(
                                        max=F.file_size(limits.max_total_bytes), used=F.file_size(used))))
    if problems:
        raise ValidationError(problems, L.ACTION_MESSAGES["file_refused"].format(action=action["name"]))
    att_id = f"PJ-{secrets.token_hex(4)}"
    root = Path(ws.attachments_dir).resolve()
    folder = (root / action_id).resolve()
    target = (folder / f"{att_id}_{safe}").resolve()
    if root not in target.parents:  # belt and braces: ids and names are already safe
        raise AccessDenied(L.ACTION_MESSAGES["bad_path"])
    folder.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partiel")
    partial.write_bytes(content)
    os.replace(partial, target)  # a reader never sees half a file
    try:
        store.insert("attachments", {
            "id": att_id, "action_id": action_id, "filename": safe,
            "path": target.relative_to(Path(ws.folder).resolve()).as_posix(),
            "size": len(content), "mime": FILE_TYPES[ext][0], "author": editor.person_id}, by=editor.by)
    except Exception:
        target.unlink(missing_ok=True)
        raise
    return att_id


def attachment_file(ws: Any, attachment_id: str) -> Path:
    """The file of an attachment on disk (checked to be inside ``pieces_jointes/``)."""
    record = ws.store.get("attachments", attachment_id)
    root = Path(ws.attachments_dir).resolve()
    path = (Path(ws.folder).resolve() / record["path"]).resolve()
    if root not in path.parents or not path.is_file():
        raise NotFoundError(L.ACTION_MESSAGES["file_missing"].format(name=record["filename"]))
    return path


def remove_attachment(ws: Any, attachment_id: str, editor: Editor) -> None:
    """Detach a file from its sheet. The record goes to history and the file stays on disk,
    so that nothing attached is ever lost."""
    store = ws.store
    with store.transaction() as tx:
        record = store.get("attachments", attachment_id, conn=tx)
        _checked_action(store, record["action_id"], editor, conn=tx)
        store.delete("attachments", attachment_id, by=editor.by, conn=tx)


# --- Reading the sheets -----------------------------------------------------------------------

def _none(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and value != value) or value is pd.NaT else value


def sheet(frames: dict[str, pd.DataFrame], action_id: str) -> dict[str, Any]:
    """One action's sheet as a plain dict (for a page, a notebook or the report).

    Returns
    -------
    dict: the action's fields, plus ``axis`` and ``pilot`` (names), ``fundings`` (list of
    {id, actor_id, actor, amount, comment}), ``cofunded`` (their total), ``journal`` (newest
    first: {id, date, kind, text, author}) and ``attachments`` ({id, filename, size, mime}).
    """
    actions = frames["actions"].set_index("id")
    if action_id not in actions.index:
        raise NotFoundError(L.MESSAGES["not_found"].format(kind=L.KIND_LABELS["actions"], id=action_id))
    row = {k: _none(v) for k, v in actions.loc[action_id].to_dict().items()}
    persons = dict(zip(frames["persons"]["id"], frames["persons"]["name"]))
    actors = dict(zip(frames["actors"]["id"], frames["actors"]["name"])) if "actors" in frames else {}
    axes = dict(zip(frames["axes"]["id"], frames["axes"]["name"]))
    fund = frames["fundings"][frames["fundings"]["action_id"] == action_id].sort_values("id")
    journal = frames["journal"][frames["journal"]["action_id"] == action_id]
    journal = journal.sort_values(["date", "id"], ascending=False)
    files = frames["attachments"][frames["attachments"]["action_id"] == action_id].sort_values("id")
    return {
        "id": action_id, **row,
        "axis": axes.get(row["axis_id"], ""),
        "pilot": persons.get(row["pilot_id"], "") if row["pilot_id"] else "",
        "fundings": [{"id": f.id, "actor_id": f.actor_id, "actor": actors.get(f.actor_id, f.actor_id),
                      "amount": float(f.amount), "comment": _none(f.comment) or ""} for f in fund.itertuples(index=False)],
        "cofunded": float(fund["amount"].sum()) if len(fund) else 0.0,
        "journal": [{"id": j.id, "date": j.date, "kind": j.kind, "text": j.text,
                     "author": persons.get(j.author, "") if _none(j.author) else ""}
                    for j in journal.itertuples(index=False)],
        "attachments": [{"id": a.id, "filename": a.filename, "size": int(a.size), "mime": _none(a.mime) or ""}
                        for a in files.itertuples(index=False)],
    }


def sheets_overview(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every action's sheet in one table.

    Returns
    -------
    DataFrame ``id, name, axis, pilot_id, pilot, state, completion, budget_planned,
    budget_committed, budget_spent, cofunded, start_date, end_date, last_entry, entries,
    attachments`` ordered by id.
    """
    actions = frames["actions"].copy()
    persons = dict(zip(frames["persons"]["id"], frames["persons"]["name"]))
    axes = dict(zip(frames["axes"]["id"], frames["axes"]["name"]))
    journal = frames["journal"]
    cofunded = frames["fundings"].groupby("action_id")["amount"].sum()
    last = journal.groupby("action_id")["date"].max()
    entries = journal.groupby("action_id").size()
    files = frames["attachments"].groupby("action_id").size()
    out = pd.DataFrame({
        "id": actions["id"], "name": actions["name"], "axis": actions["axis_id"].map(axes),
        "pilot_id": actions["pilot_id"], "pilot": actions["pilot_id"].map(persons).fillna(""),
        "state": actions["state"], "completion": actions["completion"],
        "budget_planned": actions["budget_planned"], "budget_committed": actions["budget_committed"],
        "budget_spent": actions["budget_spent"],
        "cofunded": actions["id"].map(cofunded).fillna(0.0),
        "start_date": actions["start_date"], "end_date": actions["end_date"],
        "last_entry": actions["id"].map(last),
        "entries": actions["id"].map(entries).fillna(0).astype(int),
        "attachments": actions["id"].map(files).fillna(0).astype(int),
    })
    return out.sort_values("id").reset_index(drop=True)
