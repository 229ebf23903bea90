"""One error family: every refusal Maillage makes is a ``MaillageError``.

Messages are in French, because they are read by consultants, participants and analysts.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import formats as F
from . import labels as L


class MaillageError(Exception):
    """Base of every error the toolkit raises on purpose (message in French)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one value: where it is, what it was, what was expected."""

    field: str
    value: Any
    expected: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    record: str | None = None

    def __str__(self) -> str:
        W = L.PROBLEM
        where = []
        if self.sheet:
            where.append(W["sheet"].format(sheet=self.sheet))
        if self.row is not None:
            where.append(W["row"].format(row=self.row))
        if self.column:
            where.append(W["column"].format(column=self.column))
        if self.record:
            where.append(self.record)
        where.append(W["field"].format(field=self.field))
        shown = W["empty"] if self.value is None or self.value == "" else repr(self.value)
        return W["line"].format(where=", ".join(where), shown=shown, expected=self.expected)


class ValidationError(MaillageError):
    """A record (or a whole workbook) was refused; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem], title: str | None = None) -> None:
        self.problems = list(problems)
        self.title = L.PROBLEM["refused"] if title is None else title
        super().__init__(self.__str__())

    def __str__(self) -> str:
        problems = F.plain(F.count(len(self.problems), L.PROBLEM["problem"]))
        head = L.PROBLEM["head"].format(title=self.title, problems=problems)
        return "\n".join([head] + [f"  - {p}" for p in self.problems])


class NotFoundError(MaillageError):
    """A record that was asked for does not exist."""


class AccessDenied(MaillageError):
    """A token is missing, unknown, revoked or not allowed on this page or record."""


class ConflictError(MaillageError):
    """The record changed since it was read (optimistic concurrency) or is still referenced."""


class StoreBusy(MaillageError):
    """The store stayed locked by another writer for longer than the store's lock timeout."""
