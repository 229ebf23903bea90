"""The participants' own ratings of the actors: latest per person, mean and spread."""
from __future__ import annotations

import math

import pandas as pd

from ..core import labels as L
from ..core import values as V
from .actors import actor_table


def latest_ratings(ratings: pd.DataFrame) -> pd.DataFrame:
    """One rating per (actor, person): the latest (by ``updated_at`` when present, else the last row)."""
    if ratings is None or len(ratings) == 0:
        return pd.DataFrame(columns=["actor_id", "person_id", "power", "interest", "attitude"])
    df = ratings
    if "updated_at" in df:
        df = df.sort_values("updated_at", kind="stable")
    return df.drop_duplicates(["actor_id", "person_id"], keep="last").reset_index(drop=True)


def rating_summary(ratings: pd.DataFrame, actors: pd.DataFrame) -> pd.DataFrame:
    """Average and spread of the participants' ratings, actor by actor.

    Parameters
    ----------
    ratings : the ``actor_ratings`` frame (actor_id, person_id, power, interest, attitude).
    actors : the ``actors`` frame (for names and the values currently held).

    Returns
    -------
    DataFrame, one row per rated actor, where the group disagrees most first: id, name,
    raters, power (value held), power_mean, power_spread (max − min), interest,
    interest_mean, interest_spread, attitude (held), attitude_mean (score, +2 allié …
    −2 opposant), attitude_spread, attitudes (« réservé ×1, opposant ×3 ») and
    ``disagreement`` (the largest of the three spreads).

    Notes
    -----
    The spread (range) rather than the standard deviation: with three to ten raters it
    reads directly (« de 2 à 4 ») and one dissenting voice shows. Means are rounded to one
    decimal. A participant who rated an actor twice counts once (their latest rating).

    Example
    -------
    >>> actors = pd.DataFrame([{"id": "H", "name": "Hypermarché", "power": 3, "interest": 3,
    ...                         "attitude": "opposant"}])
    >>> ratings = pd.DataFrame([
    ...     {"actor_id": "H", "person_id": "P1", "power": 4, "interest": 3, "attitude": "opposant"},
    ...     {"actor_id": "H", "person_id": "P2", "power": 2, "interest": 3, "attitude": "réservé"}])
    >>> rating_summary(ratings, actors)[["raters", "power_mean", "power_spread", "attitudes"]].values.tolist()
    [[2, 3.0, 2, 'réservé ×1, opposant ×1']]
    """
    columns = ["id", "name", "raters", "power", "power_mean", "power_spread", "interest", "interest_mean",
               "interest_spread", "attitude", "attitude_mean", "attitude_spread", "attitudes", "disagreement"]
    df = latest_ratings(ratings)
    if len(df) == 0:
        return pd.DataFrame(columns=columns)
    base = actor_table(actors).set_index("id")
    df = df[df["actor_id"].isin(base.index)].copy()
    df["score"] = df["attitude"].map(V.ATTITUDE_SCORES)
    rows = []
    for aid, group in df.groupby("actor_id", sort=True):
        counts = group["attitude"].value_counts()
        order = [a for a in L.ATTITUDES if a in counts.index]
        spreads = {d: int(group[d].max() - group[d].min()) for d in ("power", "interest", "score")}
        rows.append({
            "id": aid, "name": base.at[aid, "name"], "raters": len(group),
            "power": base.at[aid, "power"], "power_mean": round(float(group["power"].mean()), 1),
            "power_spread": spreads["power"],
            "interest": base.at[aid, "interest"], "interest_mean": round(float(group["interest"].mean()), 1),
            "interest_spread": spreads["interest"],
            "attitude": base.at[aid, "attitude"], "attitude_mean": round(float(group["score"].mean()), 1),
            "attitude_spread": spreads["score"],
            "attitudes": ", ".join(L.STAKEHOLDER_MESSAGES["attitude_times"].format(attitude=a, n=int(counts[a]))
                                   for a in order),
            "disagreement": max(spreads.values()),
        })
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["disagreement", "raters", "name"], ascending=[False, False, True]).reset_index(drop=True)


def rated_actors(actors: pd.DataFrame, summary: pd.DataFrame) -> pd.DataFrame:
    """The actors with power and interest replaced by the participants' averages where rated.

    Feed it to ``power_interest_grid`` to see the grid *as the group sees it*; the
    attitude becomes the one nearest to the average score.

    Example
    -------
    >>> actors = pd.DataFrame([{"id": "H", "name": "H", "power": 3, "interest": 3, "attitude": "opposant"}])
    >>> summary = pd.DataFrame([{"id": "H", "power_mean": 2.5, "interest_mean": 4.0, "attitude_mean": -1.4}])
    >>> rated_actors(actors, summary)[["power", "interest", "attitude"]].values.tolist()
    [[2.5, 4.0, 'réservé']]
    """
    out = actors.copy()
    if summary is None or len(summary) == 0:
        return out
    means = summary.set_index("id")
    by_score = {v: k for k, v in V.ATTITUDE_SCORES.items()}
    rated = out["id"].isin(means.index)
    out["power"] = out["power"].astype(float)
    out["interest"] = out["interest"].astype(float)
    out.loc[rated, "power"] = out.loc[rated, "id"].map(means["power_mean"]).astype(float)
    out.loc[rated, "interest"] = out.loc[rated, "id"].map(means["interest_mean"]).astype(float)
    # round half away from zero: -1.5 is réservé rather than opposant (the milder reading)
    out.loc[rated, "attitude"] = [by_score[int(math.copysign(math.floor(abs(s) + 0.5 - 1e-9), s))]
                                  for s in out.loc[rated, "id"].map(means["attitude_mean"])]
    return out
