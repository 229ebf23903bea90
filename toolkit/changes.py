"""Changes a consultant makes to the records as a whole: undo one, merge two that are the same.

Both work through the store's ordinary writes, so each is itself in the history: undoing
restores the previous value as a new change; a merge is a group of changes (references
moved to the kept record, duplicates it creates removed, the merged record deleted) that
shares one ``by`` label, so that it can be undone as a group. Every one of those writes is
checked against the rights table (``toolkit.core.permissions``) for whoever asks: ``by`` is
the consultant's name (a carnet) or an actor; a participant is refused, in French, before
anything changes.

Example
-------
>>> from toolkit.core.store import Store
>>> s = Store("sqlite://")
>>> aid = s.insert("axes", {"name": "Habitt"}, by="doc")
>>> _ = s.update("axes", aid, {"name": "Habitat"}, by="doc")
>>> undo_change(s, s.history("axes", aid)[-1]["seq"], by="doc")
'update'
>>> s.get("axes", aid)["name"]
'Habitt'
"""
from __future__ import annotations

from typing import Any

import pandas as pd
import sqlalchemy as sa

from .core import labels as L
from .core import model
from .core import permissions as P
from .core.errors import MaillageError
from .core.store import TABLES, Store

# Kinds whose records become duplicates when two of their references become one.
IDENTITY: dict[str, tuple[str, ...]] = {
    "relations": ("source_id", "target_id", "type"),
    "actor_ratings": ("actor_id", "person_id"),
    "memberships": ("body_id", "person_id", "actor_id"),
    "raci": ("task_id", "person_id"),
    "assessments": ("person_id", "competence_id", "source"),
    "requirements": ("task_id", "competence_id"),
}
MERGEABLE = ("actors", "persons")


def _row(store: Store, seq: int) -> dict[str, Any]:
    h = TABLES["history"]
    with store.reader.connect() as c:
        row = c.execute(sa.select(h).where(h.c.seq == seq)).first()
    if row is None:
        raise MaillageError(L.CHANGES["unknown_change"].format(seq=seq))
    return dict(row._mapping)


def _restorable(kind_name: str, record: dict[str, Any]) -> dict[str, Any]:
    """A deleted record as ``insert`` takes it back (its id kept; a person gets a new token)."""
    k = model.KINDS[kind_name]
    out = {name: value for name, value in record.items() if name == "id" or (k.has(name) and not k.field(name).system)}
    return {name: value for name, value in out.items() if value is not None}


def _undo(store: Store, row: dict[str, Any], actor: P.Actor, conn: Any) -> str:
    kind_name, rid = row["kind"], row["record_id"]
    if row["op"] == "insert":
        P.delete(store, actor, kind_name, rid, conn=conn)
    elif row["op"] == "update":
        old = {k: v for k, v in (row["old"] or {}).items() if k not in ("token",)}
        if old:
            P.update(store, actor, kind_name, rid, old, conn=conn)
    elif row["op"] == "delete":
        P.insert(store, actor, kind_name, _restorable(kind_name, row["old"] or {}), conn=conn)
    return row["op"]


def undo_change(store: Store, seq: int, by: str | P.Actor) -> str:
    """Undo the history row ``seq``: restore the old values, re-create or delete the record.

    The undo is itself recorded (``by``). Returns the undone operation (insert, update, delete).
    Raises ``MaillageError`` (French) when it cannot apply (e.g. a record still referenced).
    """
    row = _row(store, seq)
    with store.transaction() as tx:
        return _undo(store, row, P.Actor.of(by), tx)


def merge_label(kind_name: str, keep: str, drop: str, by: str) -> str:
    """The ``by`` of every change of one merge (how ``undo_merge`` finds them)."""
    return L.CHANGES["merge_by"].format(by=by, kind=model.KINDS[kind_name].label.lower(), drop=drop, keep=keep)[:120]


def merge_plan(store: Store, kind_name: str, keep: str, drop: str) -> pd.DataFrame:
    """What merging ``drop`` into ``keep`` would do, one row per change.

    Columns: ``kind``, ``record_id``, ``op`` (update or delete), ``field``, ``old``, ``new``,
    ``reason``. References to ``drop`` move to ``keep``; a record that then repeats one of
    ``keep`` (same relation, same rating, a second RACI letter…) or links ``keep`` to itself
    is deleted; ``drop`` itself is deleted last.
    """
    if kind_name not in MERGEABLE:
        raise MaillageError(L.CHANGES["not_mergeable"])
    if keep == drop:
        raise MaillageError(L.CHANGES["same_record"])
    store.get(kind_name, keep), store.get(kind_name, drop)  # both exist (NotFoundError otherwise)
    rows: list[dict[str, Any]] = []
    for other in model.KIND_ORDER:
        fields = [f for f, target in model.references(other) if target == kind_name]
        if not fields:
            continue
        records = store.all(other)
        identity = IDENTITY.get(other)
        seen = set()
        if identity:
            for rec in records:  # the records that do not move keep their identity
                if not any(_points(rec, f, drop) for f in fields):
                    seen.add(tuple(rec.get(n) for n in identity))
        for rec in records:
            moved = [f for f in fields if _points(rec, f, drop)]
            if not moved:
                continue
            new = dict(rec)
            for f in moved:
                new[f.name] = ([keep if v == drop else v for v in rec[f.name]] if f.type == "refs" else keep)
                if f.type == "refs":
                    new[f.name] = list(dict.fromkeys(new[f.name]))
            self_link = other == "relations" and new["source_id"] == new["target_id"]
            key = tuple(new.get(n) for n in identity) if identity else None
            if self_link or (key is not None and key in seen):
                rows.append({"kind": other, "record_id": rec["id"], "op": "delete", "field": None, "old": None,
                             "new": None, "reason": L.CHANGES["self_link" if self_link else "duplicate"]})
                continue
            if key is not None:
                seen.add(key)
            for f in moved:
                rows.append({"kind": other, "record_id": rec["id"], "op": "update", "field": f.name,
                             "old": rec[f.name], "new": new[f.name], "reason": L.CHANGES["moved"]})
    rows.append({"kind": kind_name, "record_id": drop, "op": "delete", "field": None, "old": None, "new": None,
                 "reason": L.CHANGES["merged"]})
    return pd.DataFrame(rows, columns=["kind", "record_id", "op", "field", "old", "new", "reason"])


def _points(rec: dict[str, Any], f: model.Field, rid: str) -> bool:
    value = rec.get(f.name)
    return rid in (value or []) if f.type == "refs" else value == rid


def merge_records(store: Store, kind_name: str, keep: str, drop: str, by: str | P.Actor) -> str:
    """Merge ``drop`` into ``keep`` (``merge_plan``), all or nothing; returns the merge's ``by`` label."""
    actor = P.Actor.of(by)
    plan = merge_plan(store, kind_name, keep, drop)
    P.check(store, actor, P.DELETE, kind_name, record=store.get(kind_name, drop))  # refused before any write
    label = merge_label(kind_name, keep, drop, actor.by)
    with store.transaction() as tx:
        updates: dict[tuple[str, str], dict[str, Any]] = {}
        for row in plan.itertuples(index=False):
            if row.op == "update":
                updates.setdefault((row.kind, row.record_id), {})[row.field] = row.new
        deletions = [(r.kind, r.record_id) for r in plan.itertuples(index=False) if r.op == "delete"]
        for (other, rid), changes in updates.items():
            P.update(store, actor, other, rid, changes, conn=tx, by=label)
        for other, rid in deletions:
            P.delete(store, actor, other, rid, conn=tx, by=label)
    return label


def undo_merge(store: Store, label: str, by: str | P.Actor) -> int:
    """Undo every change of the merge ``label`` (newest first), in one transaction; how many."""
    rows = [r for r in store.history() if r["by"] == label]
    if not rows:
        raise MaillageError(L.CHANGES["unknown_merge"])
    actor = P.Actor.of(by)
    with store.transaction() as tx:
        for row in reversed(rows):
            _undo(store, row, actor, tx)
    return len(rows)
