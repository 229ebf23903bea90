"""One error family: every refusal Maillage makes is a ``MaillageError``.

Messages are in French, because they are read by consultants, participants and analysts.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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
        where = []
        if self.sheet:
            where.append(f"feuille « {self.sheet} »")
        if self.row is not None:
            where.append(f"ligne {self.row}")
        if self.column:
            where.append(f"colonne {self.column}")
        if self.record:
            where.append(self.record)
        where.append(f"champ « {self.field} »")
        shown = "(vide)" if self.value is None or self.value == "" else repr(self.value)
        return f"{', '.join(where)} : valeur {shown} — attendu : {self.expected}"


class ValidationError(MaillageError):
    """A record (or a whole workbook) was refused; ``problems`` lists every reason."""

    def __init__(self, problems: list[Problem], title: str = "Données refusées") -> None:
        self.problems = list(problems)
        self.title = title
        super().__init__(self.__str__())

    def __str__(self) -> str:
        n = len(self.problems)
        head = f"{self.title} ({n} problème{'s' if n > 1 else ''}) :"
        return "\n".join([head] + [f"  - {p}" for p in self.problems])


class NotFoundError(MaillageError):
    """A record that was asked for does not exist."""


class AccessDenied(MaillageError):
    """A token is missing, unknown, revoked or not allowed on this page or record."""


class ConflictError(MaillageError):
    """The record changed since it was read (optimistic concurrency) or is still referenced."""


class StoreBusy(MaillageError):
    """The store stayed locked by another writer for longer than the store's lock timeout."""
