"""Stable pseudonyms: the same person always gets the same alias in a workshop.

Used wherever names must not show: the Excel export for sharing beyond the project
team, the anonymised heat maps, the facilitator board on the projector.

Example
-------
>>> pseudonymise(["PER-01", "PER-02", "PER-01"])
{'PER-01': 'Personne 1', 'PER-02': 'Personne 2'}
"""
from __future__ import annotations

from typing import Iterable


def pseudonymise(ids: Iterable[str], prefix: str = "Personne") -> dict[str, str]:
    """Map each distinct id to ``"<prefix> N"``, numbered in sorted id order.

    Sorting makes the alias depend only on the set of ids, not on the order of a
    particular table, so two exports of the same workshop agree.
    """
    unique = sorted(set(ids))
    return {rid: f"{prefix} {i}" for i, rid in enumerate(unique, start=1)}
