"""Step 8 — action sheets (fiches actions): state, completion, budget, journal, attached files.

The method (DESIGN.md, step 8): each action has a sheet kept up to date by its pilot —
state (à construire … abandonnée), completion rate, budget planned/committed/spent and its
co-funders, dates, a dated journal of what was done and decided, attached files. Pilots
edit their own sheets (and their sub-actions'), the persons the consultant names edit
every sheet, the consultant edits all. The rights are the table of
``toolkit.core.permissions`` (the one the pages' guard applies too), checked by every write
function here whatever page or notebook calls it; every change goes through the store,
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
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .core import formats as F
from .core import labels as L
from .core import values as V
from .core import permissions as P
from .core.errors import AccessDenied, NotFoundError, Problem, ValidationError

# What a pilot may change on their own sheet (the rule is in toolkit.core.permissions).
PILOT_FIELDS: tuple[str, ...] = P.SHEET_FIELDS
CLOSED_STATES: tuple[str, ...] = (V.STATE_COMPLETED, V.STATE_ABANDONED)
# Open, but not moving: the review lists them with their reason (the journal's last entry).
HELD_STATES: tuple[str, ...] = (V.STATE_PAUSED, V.STATE_BLOCKED)

#: Who is editing: the consultant (every sheet), the facilitator, or one person (the sheets
#: they pilot, or every sheet when the consultant named them). The one actor class of
#: ``toolkit.core.permissions``, under the name these functions have always used.
Editor = P.Actor


def can_edit(store: Any, action: dict[str, Any], editor: Editor, conn: Any = None) -> bool:
    """True if ``editor`` may change this action's sheet: the consultant, its pilot (or the
    pilot of an action above it), or a person named to edit every sheet."""
    return P.allowed(store, editor, P.UPDATE, "actions", {}, record=action, conn=conn)


def update_sheet(store: Any, action_id: str, changes: dict[str, Any], editor: Editor,
                 expected_version: int | None = None) -> dict[str, Any]:
    """Change fields of an action's sheet, if ``editor`` may.

    Parameters
    ----------
    changes : field → new value (as typed in a form: validated and converted by the model).
    editor : a pilot (or a named editor of every sheet) may change ``PILOT_FIELDS``; the
        consultant any field (``toolkit.core.permissions.RULES``).
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
        action = store.get("actions", action_id, conn=tx)
        changes = P.check(store, editor, P.UPDATE, "actions", changes, record=action, conn=tx)
        return store.update("actions", action_id, changes, by=editor.by,
                            expected_version=expected_version, conn=tx)


def add_journal_entry(store: Any, action_id: str, text: str, editor: Editor, kind: str = V.JOURNAL_FACT,
                      date: Any = None, today: dt.date | None = None) -> str:
    """Add a dated entry (fait, décision, point d'attention) to an action's journal.

    The date defaults to today and may not be in the future (the journal records what was
    done and decided). The author is the editing person. Returns the entry's id.
    """
    today = today or dt.date.today()
    record = {"action_id": action_id, "date": date if date not in (None, "") else today, "kind": kind,
              "text": text, "author": editor.person_id}
    from .core.model import validate

    clean = validate("journal", record)
    if clean["date"] > today:
        raise ValidationError([Problem(L.FIELD_LABELS["date"], clean["date"].isoformat(),
                                       L.ACTION_MESSAGES["past_date"])],
                              L.MESSAGES["invalid_record"].format(kind=L.KIND_LABELS["journal"]))
    with store.transaction() as tx:
        clean = P.check(store, editor, P.INSERT, "journal", clean, conn=tx)
        return store.insert("journal", clean, by=editor.by, conn=tx)


def reattach(store: Any, action_id: str, parent_id: str | None, editor: Editor, date: Any = None,
             today: dt.date | None = None, follow_axis: bool = True, by_review: bool = False,
             conn: Any = None) -> dict[str, Any]:
    """Re-attach an action to another, which becomes its parent (``parent_id``); ``None``
    detaches it (an action of its own again). The consultant's decision (or a review's).

    The action keeps its journal, tasks, co-funders and files; the change is in the store's
    history and a « décision » entry is written in the journals of the action and of its
    new (and former) parent, dated ``date`` (default today). ``follow_axis`` moves the
    sub-action to its parent's axis. ``by_review`` leaves the journal to the review (which
    writes its own entry). Returns the updated action.

    Raises
    ------
    AccessDenied (not the consultant), ValidationError (French: unknown action, the action
    itself or one of its sub-actions as parent).
    """
    today = today or dt.date.today()
    with store.transaction() if conn is None else nullcontext(conn) as tx:
        action = store.get("actions", action_id, conn=tx)
        old_parent = action.get("parent_id")
        changes: dict[str, Any] = P.check(store, editor, P.UPDATE, "actions", {"parent_id": parent_id},
                                           record=action, conn=tx)
        parent = store.get("actions", parent_id, conn=tx) if parent_id else None
        if parent is not None and follow_axis and parent["axis_id"] != action["axis_id"]:
            changes["axis_id"] = parent["axis_id"]
        new = store.update("actions", action_id, changes, by=editor.by, conn=tx)
        if by_review or old_parent == parent_id:
            return new
        day = date if date not in (None, "") else today
        former = store.get("actions", old_parent, conn=tx)["name"] if old_parent else None
        M = L.ACTION_MESSAGES
        if parent is not None:
            text = M["reattached"].format(parent=parent["name"])
            if former:
                text += " " + M["reattached_from"].format(former=former)
        else:
            text = M["detached"].format(former=former)
        entries = [(action_id, text)]
        if parent is not None:
            entries.append((parent_id, M["child_added"].format(child=action["name"])))
        if old_parent:
            entries.append((old_parent, M["child_left"].format(child=action["name"])))
        for target, line in entries:
            store.insert("journal", {"action_id": target, "date": day, "kind": V.JOURNAL_DECISION, "text": line,
                                     "author": editor.person_id}, by=editor.by, conn=tx)
        return new


def set_funding(store: Any, action_id: str, actor_id: str, amount: Any, editor: Editor,
                comment: str | None = None) -> str:
    """Set a co-funder's amount on an action (creates or updates the row). Returns its id."""
    with store.transaction() as tx:
        import sqlalchemy as sa

        from .core.store import TABLES

        t = TABLES["fundings"]
        row = tx.execute(sa.select(t.c.id).where((t.c.action_id == action_id) & (t.c.actor_id == actor_id))).first()
        data = {"amount": amount, **({"comment": comment} if comment is not None else {})}
        if row:
            data = P.check(store, editor, P.UPDATE, "fundings", data, record=store.get("fundings", row[0], conn=tx),
                            conn=tx)
            store.update("fundings", row[0], data, by=editor.by, conn=tx)
            return row[0]
        data = P.check(store, editor, P.INSERT, "fundings", {"action_id": action_id, "actor_id": actor_id, **data},
                        conn=tx)
        return store.insert("fundings", data, by=editor.by, conn=tx)


def set_budget_line(store: Any, action_id: str, year: Any, nature: str, amount: Any, editor: Editor,
                    comment: str | None = None) -> str:
    """Set the planned amount of one year and kind (investissement, fonctionnement) on an
    action (creates or updates the line). The planned budget is the consultant's (or a
    review's): a pilot is refused. Returns the line's id."""
    from .core.model import validate

    clean = validate("budget_lines", {"action_id": action_id, "year": year, "nature": nature, "amount": amount,
                                      **({"comment": comment} if comment is not None else {})})
    with store.transaction() as tx:
        import sqlalchemy as sa

        from .core.store import TABLES

        t = TABLES["budget_lines"]
        row = tx.execute(sa.select(t.c.id).where((t.c.action_id == action_id) & (t.c.year == clean["year"])
                                                 & (t.c.nature == clean["nature"]))).first()
        if row:
            changes = P.check(store, editor, P.UPDATE, "budget_lines",
                               {k: v for k, v in clean.items() if k in ("amount", "comment")},
                               record=store.get("budget_lines", row[0], conn=tx), conn=tx)
            store.update("budget_lines", row[0], changes, by=editor.by, conn=tx)
            return row[0]
        return store.insert("budget_lines", P.check(store, editor, P.INSERT, "budget_lines", clean, conn=tx),
                            by=editor.by, conn=tx)


def add_step(store: Any, action_id: str, name: str, editor: Editor, due_date: Any = None,
             order: int | None = None) -> str:
    """Add a step (étape) to an action's checklist, last unless ``order`` says where. Its
    pilot may. Returns the step's id."""
    with store.transaction() as tx:
        P.check(store, editor, P.INSERT, "action_steps", {"action_id": action_id, "name": name}, conn=tx)
        if order is None:
            import sqlalchemy as sa

            from .core.store import TABLES

            t = TABLES["action_steps"]
            last = tx.execute(sa.select(sa.func.max(t.c.order)).where(t.c.action_id == action_id)).scalar()
            order = int(last or 0) + 1
        return store.insert("action_steps", {"action_id": action_id, "name": name, "order": order,
                                             "due_date": due_date}, by=editor.by, conn=tx)


def check_step(store: Any, step_id: str, editor: Editor, done: bool = True, date: Any = None,
               today: dt.date | None = None) -> dict[str, Any]:
    """Tick (or untick) a step; ticked, its date is ``date`` (default today, never in the
    future). Its pilot may. Returns the step."""
    today = today or dt.date.today()
    with store.transaction() as tx:
        step = store.get("action_steps", step_id, conn=tx)
        changes: dict[str, Any] = {"done": done, "done_date": (date if date not in (None, "") else today) if done else None}
        changes = P.check(store, editor, P.UPDATE, "action_steps", changes, record=step, conn=tx)
        if done:
            from .core.model import validate

            day = validate("action_steps", {"done_date": changes["done_date"]}, partial=True)["done_date"]
            if day > today:
                raise ValidationError([Problem(L.FIELD_LABELS["done_date"], day.isoformat(),
                                               L.ACTION_MESSAGES["past_date"])],
                                      L.MESSAGES["invalid_record"].format(kind=L.KIND_LABELS["action_steps"]))
        return store.update("action_steps", step_id, changes, by=editor.by, conn=tx)


def update_step(store: Any, step_id: str, changes: dict[str, Any], editor: Editor) -> dict[str, Any]:
    """Rename, re-date or re-order a step (``name``, ``due_date``, ``order``). Its pilot may."""
    allowed = ("name", "due_date", "order")
    forbidden = [k for k in changes if k not in allowed]
    if forbidden:
        raise ValidationError([Problem(k, changes[k], L.ACTION_MESSAGES["step_fields"].format(
            fields=", ".join(L.FIELD_LABELS[f] for f in allowed))) for k in forbidden],
            L.MESSAGES["invalid_record"].format(kind=L.KIND_LABELS["action_steps"]))
    with store.transaction() as tx:
        step = store.get("action_steps", step_id, conn=tx)
        changes = P.check(store, editor, P.UPDATE, "action_steps", changes, record=step, conn=tx)
        return store.update("action_steps", step_id, changes, by=editor.by, conn=tx)


def remove_step(store: Any, step_id: str, editor: Editor) -> None:
    """Remove a step from the checklist (kept in history)."""
    with store.transaction() as tx:
        step = store.get("action_steps", step_id, conn=tx)
        P.check(store, editor, P.DELETE, "action_steps", record=step, conn=tx)
        store.delete("action_steps", step_id, by=editor.by, conn=tx)


def remove_funding(store: Any, funding_id: str, editor: Editor) -> None:
    """Remove a co-funding row (kept in history)."""
    with store.transaction() as tx:
        funding = store.get("fundings", funding_id, conn=tx)
        P.check(store, editor, P.DELETE, "fundings", record=funding, conn=tx)
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
    action = store.get("actions", action_id)
    safe = safe_filename(filename)
    # refused before the file is even looked at: a participant who may not attach learns it first
    P.check(store, editor, P.INSERT, "attachments", {"action_id": action_id, "filename": safe})
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
        with store.transaction() as tx:
            record = P.check(store, editor, P.INSERT, "attachments", {
                "id": att_id, "action_id": action_id, "filename": safe,
                "path": target.relative_to(Path(ws.folder).resolve()).as_posix(),
                "size": len(content), "mime": FILE_TYPES[ext][0], "author": editor.person_id}, conn=tx)
            store.insert("attachments", record, by=editor.by, conn=tx)
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
        P.check(store, editor, P.DELETE, "attachments", record=record, conn=tx)
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
    first: {id, date, kind, text, author}) and ``attachments`` ({id, filename, size, mime});
    ``parent`` (its parent's name, "" when it has none) and ``sub_actions`` ({id, name, state,
    completion}); the budget by year and kind: ``budget_lines``, ``budget_by_year`` ({year,
    investissement, fonctionnement, total}), ``budget_by_nature``, ``budget_total`` (the
    lines' sum, or the planned budget when there is no line), ``aid`` (the co-funders'
    amounts), ``self_funded`` (what the authority funds itself) and ``aid_share`` (0–1, None
    without a budget); ``steps`` (the checklist in order: {id, name, order, due_date, done,
    done_date}) and ``steps_done``.
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
    names = dict(zip(actions.index, actions["name"]))
    parents = actions["parent_id"] if "parent_id" in actions else pd.Series(dtype=object)
    children = sorted(i for i, p in parents.items() if p == action_id)
    return {
        "id": action_id, **row,
        "axis": axes.get(row["axis_id"], ""),
        "pilot": persons.get(row["pilot_id"], "") if row["pilot_id"] else "",
        "parent": names.get(row.get("parent_id"), "") if row.get("parent_id") else "",
        "sub_actions": [{"id": c, "name": names[c], "state": actions.loc[c, "state"],
                         "completion": int(actions.loc[c, "completion"])} for c in children],
        "fundings": [{"id": f.id, "actor_id": f.actor_id, "actor": actors.get(f.actor_id, f.actor_id),
                      "amount": float(f.amount), "comment": _none(f.comment) or ""} for f in fund.itertuples(index=False)],
        "cofunded": float(fund["amount"].sum()) if len(fund) else 0.0,
        "journal": [{"id": j.id, "date": j.date, "kind": j.kind, "text": j.text,
                     "author": persons.get(j.author, "") if _none(j.author) else ""}
                    for j in journal.itertuples(index=False)],
        "attachments": [{"id": a.id, "filename": a.filename, "size": int(a.size), "mime": _none(a.mime) or ""}
                        for a in files.itertuples(index=False)],
        **_budget_of(frames, action_id, row, float(fund["amount"].sum()) if len(fund) else 0.0),
        **_steps_of(frames, action_id),
    }


def _of_action(frames: dict[str, pd.DataFrame], kind: str, action_id: str) -> pd.DataFrame:
    """The rows of ``kind`` for one action (none when the caller did not read that kind)."""
    from .core.model import KINDS

    df = frames.get(kind)
    if df is None:
        return pd.DataFrame(columns=["id", *KINDS[kind].field_names])
    return df[df["action_id"] == action_id]


def _budget_of(frames: dict[str, pd.DataFrame], action_id: str, row: dict[str, Any],
               cofunded: float) -> dict[str, Any]:
    """The budget part of a sheet: by year and kind, and what the authority funds itself."""
    lines = _of_action(frames, "budget_lines", action_id).sort_values(["year", "nature", "id"])
    by_year = []
    for year, group in lines.groupby("year", sort=True):
        amounts = {n: float(group.loc[group["nature"] == n, "amount"].sum()) for n in L.BUDGET_NATURES}
        by_year.append({"year": int(year), **amounts, "total": float(sum(amounts.values()))})
    by_nature = {n: float(lines.loc[lines["nature"] == n, "amount"].sum()) for n in L.BUDGET_NATURES}
    total = float(lines["amount"].sum()) if len(lines) else float(row.get("budget_planned") or 0.0)
    return {
        "budget_lines": [{"id": b.id, "year": int(b.year), "nature": b.nature, "amount": float(b.amount),
                          "comment": _none(b.comment) or ""} for b in lines.itertuples(index=False)],
        "budget_by_year": by_year, "budget_by_nature": by_nature, "budget_total": total,
        # aid: what the co-funders bring; the rest the authority funds itself
        "aid": cofunded, "self_funded": max(total - cofunded, 0.0),
        "aid_share": (cofunded / total) if total > 0 else None,
    }


def _steps_of(frames: dict[str, pd.DataFrame], action_id: str, today: dt.date | None = None) -> dict[str, Any]:
    """The steps part of a sheet: the checklist in order, how many are done."""
    steps = _of_action(frames, "action_steps", action_id).copy()
    steps["_due"] = steps["due_date"].map(lambda d: str(d) if _none(d) is not None else "9999")
    steps = steps.sort_values(["order", "_due", "id"])
    items = [{"id": e.id, "name": e.name, "order": int(e.order), "due_date": _none(e.due_date),
              "done": bool(e.done), "done_date": _none(e.done_date)} for e in steps.itertuples(index=False)]
    return {"steps": items, "steps_done": sum(1 for e in items if e["done"])}


def budget_lines_table(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The programme's planned budget by year and kind: ``year, investissement,
    fonctionnement, total`` (one row a year, every action's lines summed)."""
    lines = frames.get("budget_lines")
    columns = ["year", *L.BUDGET_NATURES, "total"]
    if lines is None or lines.empty:
        return pd.DataFrame(columns=columns)
    table = lines.pivot_table(index="year", columns="nature", values="amount", aggfunc="sum", fill_value=0.0)
    table = table.reindex(columns=list(L.BUDGET_NATURES), fill_value=0.0)
    table["total"] = table.sum(axis=1)
    return table.reset_index()[columns]


def sheets_overview(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every action's sheet in one table.

    Returns
    -------
    DataFrame ``id, name, axis, pilot_id, pilot, state, priority, completion, budget_planned,
    budget_committed, budget_spent, cofunded, start_date, end_date, last_entry, entries,
    attachments, parent_id, parent, children`` ordered by id (``parent`` the parent's
    name, "" for an action of its own; ``children`` how many actions are attached to it).
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
        "state": actions["state"], "priority": actions["priority"].fillna("") if "priority" in actions else "",
        "completion": actions["completion"],
        "budget_planned": actions["budget_planned"], "budget_committed": actions["budget_committed"],
        "budget_spent": actions["budget_spent"],
        "cofunded": actions["id"].map(cofunded).fillna(0.0),
        "start_date": actions["start_date"], "end_date": actions["end_date"],
        "last_entry": actions["id"].map(last),
        "entries": actions["id"].map(entries).fillna(0).astype(int),
        "attachments": actions["id"].map(files).fillna(0).astype(int),
    })
    parents = actions["parent_id"] if "parent_id" in actions else pd.Series(None, index=actions.index, dtype=object)
    names = dict(zip(actions["id"], actions["name"]))
    out["parent_id"] = parents.where(parents.notna(), None)
    out["parent"] = parents.map(lambda p: names.get(p, p) if isinstance(p, str) and p else "")
    out["children"] = actions["id"].map(parents.value_counts()).fillna(0).astype(int)
    return out.sort_values("id").reset_index(drop=True)


ROLLED_UP: tuple[str, ...] = ("budget_planned", "budget_committed", "budget_spent", "cofunded")


def _descendants(parents: dict[str, Any], action_id: str) -> list[str]:
    out, todo = [], [action_id]
    while todo:
        node = todo.pop()
        kids = sorted(k for k, p in parents.items() if p == node and k not in out and k != action_id)
        out += kids
        todo += kids
    return out


def sheets_tree(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The sheets as the programme reads them: each action of its own, then its sub-actions
    (indented by ``level``), the action's row rolling its sub-actions up.

    Returns
    -------
    ``sheets_overview`` ordered parent first (by id), with ``level`` (0 for an action of its
    own, 1 for a sub-action, 2 below…) and, for an action with sub-actions, its budgets
    (``budget_planned, budget_committed, budget_spent, cofunded``) and ``completion`` including
    theirs (completion weighted by planned budget, or their plain mean when nothing is
    planned); ``own_budget_planned`` keeps its own sheet's planned budget.
    """
    overview = sheets_overview(frames)
    if overview.empty:
        return overview.assign(level=pd.Series(dtype=int), own_budget_planned=pd.Series(dtype=float))
    parents = dict(zip(overview["id"], overview["parent_id"]))
    by_id = overview.set_index("id")
    rows = []

    def visit(action_id: str, level: int) -> None:
        row = by_id.loc[action_id].to_dict()
        row.update(id=action_id, level=level, own_budget_planned=row["budget_planned"])
        family = [action_id, *_descendants(parents, action_id)]
        if len(family) > 1:
            group = by_id.loc[family]
            for name in ROLLED_UP:
                row[name] = float(group[name].sum())
            planned = group["budget_planned"].astype(float)
            row["completion"] = int(round((group["completion"] * planned).sum() / planned.sum())) if planned.sum() > 0 \
                else int(round(group["completion"].mean()))
        rows.append(row)
        for child in sorted(k for k, p in parents.items() if p == action_id):
            visit(child, level + 1)

    for action_id in overview["id"]:
        if not parents.get(action_id) or parents[action_id] not in by_id.index:
            visit(action_id, 0)
    return pd.DataFrame(rows, columns=[*overview.columns, "level", "own_budget_planned"])
