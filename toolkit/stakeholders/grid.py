"""Mendelow's power/interest grid and the attitude × power reading of it.

A rating is *high* from ``HIGH_FROM`` (3, « fort ») upwards: see the package's notes.
"""
from __future__ import annotations

import pandas as pd

from ..core import labels as L
from ..core import values as V
from .actors import actor_table

HIGH_FROM = 3
"""A power or interest rating is *high* from this value upwards (0–4 scale)."""



# --- power / interest grid (Mendelow) ----------------------------------------------

def quadrant(power: float, interest: float, high_from: float = HIGH_FROM) -> str:
    """The Mendelow quadrant key of one actor.

    Parameters
    ----------
    power, interest : ratings on the 0–4 scale (floats allowed: a mean of ratings).
    high_from : a rating is high when ``>= high_from`` (default 3, « fort »).

    Returns
    -------
    One of ``manage_closely``, ``keep_satisfied``, ``keep_informed``, ``monitor``
    (French words in ``labels.QUADRANTS``).

    Example
    -------
    >>> quadrant(3, 3), quadrant(4, 2), quadrant(2, 4), quadrant(2, 2)
    ('manage_closely', 'keep_satisfied', 'keep_informed', 'monitor')
    """
    high_power, high_interest = power >= high_from, interest >= high_from
    if high_power:
        return "manage_closely" if high_interest else "keep_satisfied"
    return "keep_informed" if high_interest else "monitor"


def power_interest_grid(actors: pd.DataFrame, high_from: float = HIGH_FROM) -> pd.DataFrame:
    """Place every actor on Mendelow's power/interest grid.

    Parameters
    ----------
    actors : the ``actors`` frame (id, name, category, power, interest, attitude, mobilised).
    high_from : boundary between low and high ratings (see the module's Notes: 3).

    Returns
    -------
    DataFrame, one row per actor: id, name, category, power, interest, attitude,
    mobilised, ``quadrant`` (key) and ``strategy`` (French engagement strategy), sorted
    from the most to the least demanding quadrant, then by power and interest.

    Notes
    -----
    Mendelow, A. (1991), *Stakeholder mapping*, Proceedings of the 2nd International
    Conference on Information Systems. Actors without ratings are left out.

    Example
    -------
    >>> df = pd.DataFrame([{"id": "A", "name": "Maire", "power": 4, "interest": 4}])
    >>> power_interest_grid(df)["strategy"].tolist()
    ['Associer étroitement']
    """
    df = actor_table(actors).dropna(subset=["power", "interest"])
    df["quadrant"] = [quadrant(p, i, high_from) for p, i in zip(df["power"], df["interest"])]
    df["strategy"] = df["quadrant"].map(L.QUADRANTS)
    order = {k: n for n, k in enumerate(L.QUADRANTS)}
    df = df.assign(_o=df["quadrant"].map(order))
    df = df.sort_values(["_o", "power", "interest", "name"], ascending=[True, False, False, True])
    return df.drop(columns="_o").reset_index(drop=True)


def quadrant_summary(grid: pd.DataFrame) -> pd.DataFrame:
    """Count the actors of each quadrant (all four quadrants, even empty).

    Parameters
    ----------
    grid : the result of ``power_interest_grid``.

    Returns
    -------
    DataFrame indexed by quadrant key: strategy, hint (what it means), count, and
    members (names, comma-separated).

    Example
    -------
    >>> df = pd.DataFrame([{"id": "A", "name": "Maire", "power": 4, "interest": 4}])
    >>> quadrant_summary(power_interest_grid(df))["count"].tolist()
    [1, 0, 0, 0]
    """
    rows = []
    for key, strategy in L.QUADRANTS.items():
        members = grid.loc[grid["quadrant"] == key, "name"].tolist()
        rows.append({"quadrant": key, "strategy": strategy, "hint": L.QUADRANT_HINTS[key],
                     "count": len(members), "members": ", ".join(members)})
    return pd.DataFrame(rows).set_index("quadrant")


# --- attitude × power ---------------------------------------------------------------

def attitude_power(actors: pd.DataFrame, high_from: float = HIGH_FROM) -> pd.DataFrame:
    """Cross attitude (allié → opposant) with power to flag risks and unused support.

    Parameters
    ----------
    actors : the ``actors`` frame.
    high_from : a power rating is high from this value (default 3).

    Returns
    -------
    DataFrame, one row per actor: id, name, category, power, interest, attitude,
    ``attitude_score`` (+2 allié … −2 opposant), mobilised, ``posture`` and
    ``posture_label``. Postures:

    - ``influential_opponent``: attitude réservé or opposant (score < 0), power high;
    - ``opponent``: réservé or opposant with low power;
    - ``unmobilised_ally``: allié or favorable (score > 0), not mobilised;
    - ``mobilised_ally``: allié or favorable, mobilised;
    - ``neutral``: neutre.

    Sorted by concern: influential opponents, then unmobilised allies (most powerful first).

    Notes
    -----
    The attitude reading of the power/interest grid (Johnson, Scholes & Whittington,
    *Exploring Corporate Strategy*): the consultant treats powerful opponents first, then
    brings in the favourable actors still outside the project.

    Example
    -------
    >>> df = pd.DataFrame([{"id": "H", "name": "Hypermarché", "power": 3, "interest": 3,
    ...                     "attitude": "opposant", "mobilised": False}])
    >>> attitude_power(df)["posture"].tolist()
    ['influential_opponent']
    """
    df = actor_table(actors)
    df["attitude_score"] = df["attitude"].map(V.ATTITUDE_SCORES).astype(int)

    score, strong, mobilised = df["attitude_score"], df["power"] >= high_from, df["mobilised"].astype(bool)
    df["posture"] = "neutral"
    df.loc[(score < 0) & strong, "posture"] = "influential_opponent"
    df.loc[(score < 0) & ~strong, "posture"] = "opponent"
    df.loc[(score > 0) & mobilised, "posture"] = "mobilised_ally"
    df.loc[(score > 0) & ~mobilised, "posture"] = "unmobilised_ally"
    df["posture_label"] = [L.POSTURES["influential_reserved"] if p == "influential_opponent" and a != V.ATTITUDE_OPPONENT
                           else L.POSTURES[p] for p, a in zip(df["posture"], df["attitude"])]
    order = {"influential_opponent": 0, "unmobilised_ally": 1, "opponent": 2, "neutral": 3, "mobilised_ally": 4}
    df = df.assign(_o=df["posture"].map(order))
    df = df.sort_values(["_o", "power", "attitude_score", "name"], ascending=[True, False, True, True])
    return df.drop(columns="_o").reset_index(drop=True)


def influential_opponents(actors: pd.DataFrame, high_from: float = HIGH_FROM) -> pd.DataFrame:
    """Actors réservés or opposants with high power (see ``attitude_power``).

    Example
    -------
    >>> df = pd.DataFrame([{"id": "H", "name": "Hypermarché", "power": 3, "interest": 3,
    ...                     "attitude": "opposant"}])
    >>> influential_opponents(df)["id"].tolist()
    ['H']
    """
    df = attitude_power(actors, high_from)
    return df[df["posture"] == "influential_opponent"].reset_index(drop=True)


def unmobilised_allies(actors: pd.DataFrame) -> pd.DataFrame:
    """Favourable actors (allié, favorable) not mobilised yet, most powerful first.

    Example
    -------
    >>> df = pd.DataFrame([{"id": "G", "name": "GAB", "power": 1, "interest": 3,
    ...                     "attitude": "favorable", "mobilised": False}])
    >>> unmobilised_allies(df)["id"].tolist()
    ['G']
    """
    df = attitude_power(actors)
    return df[df["posture"] == "unmobilised_ally"].reset_index(drop=True)
