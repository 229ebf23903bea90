"""The actors' columns the stakeholder analyses read, checked and filled once.

Every analysis of the step (grid, network, matching, ratings, widening) starts from
``actor_table``: the same columns, the same defaults (« neutre » for an unknown attitude,
not mobilised when unsaid), so that two tables of the step never disagree on an actor.
"""
from __future__ import annotations

from typing import Iterable

import pandas as pd

from ..core import labels as L
from ..core import values as V
from ..core.errors import MaillageError


def require_columns(df: pd.DataFrame, columns: Iterable[str], table: str) -> None:
    """Refuse (in French) a frame that lacks one of ``columns``; ``table`` names it.

    >>> require_columns(pd.DataFrame({"id": []}), ("id", "name"), "acteurs")
    Traceback (most recent call last):
    ...
    toolkit.core.errors.MaillageError: ...
    """
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise MaillageError(L.STAKEHOLDER_MESSAGES["missing_columns"].format(
            table=table, columns=", ".join(missing)))


def actor_table(actors: pd.DataFrame) -> pd.DataFrame:
    """The actor columns the analyses use, with missing optional values filled.

    >>> actor_table(pd.DataFrame([{"id": "A", "name": "Région", "power": 4, "interest": 1}])).to_dict("records")
    [{'id': 'A', 'name': 'Région', 'category': None, 'power': 4, 'interest': 1, 'attitude': 'neutre', 'mobilised': False}]
    """
    require_columns(actors, ("id", "name", "power", "interest"), "acteurs")
    out = pd.DataFrame({"id": actors["id"].astype(str), "name": actors["name"].astype(str)})
    out["category"] = actors["category"].astype(object) if "category" in actors else None
    # ints stay ints (a rating); floats are means of several ratings
    out["power"] = pd.to_numeric(actors["power"], errors="coerce")
    out["interest"] = pd.to_numeric(actors["interest"], errors="coerce")
    attitude = actors["attitude"] if "attitude" in actors else pd.Series(None, index=actors.index)
    out["attitude"] = [a if a in V.ATTITUDE_SCORES else V.ATTITUDE_NEUTRAL for a in attitude]
    mobilised = actors["mobilised"] if "mobilised" in actors else pd.Series(False, index=actors.index)
    out["mobilised"] = [False if pd.isna(m) else bool(m) for m in mobilised]
    return out.reset_index(drop=True)
