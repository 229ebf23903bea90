"""The whole stakeholder step on a workshop's frames, and its tables in French."""
from __future__ import annotations

from typing import Any, Iterable

import pandas as pd

from ..core import labels as L
from .grid import HIGH_FROM, attitude_power, power_interest_grid, quadrant_summary
from .matching import probable_duplicates
from .network import brokers, communities, isolated_actors, network_metrics, relation_graph
from .ratings import rating_summary
from .widening import lacking_competences, lacking_table, widen_the_table


def analyse(frames: dict[str, pd.DataFrame], lacking: Iterable[str] | None = None,
            high_from: float = HIGH_FROM) -> dict[str, Any]:
    """Every analysis of the stakeholder step on a workshop's frames.

    Parameters
    ----------
    frames : ``Store.frames()`` (at least ``actors`` and ``relations``; ``competences``,
        ``requirements``, ``assessments`` and ``persons`` for « élargir le tour de table »).
    lacking : competence ids the project lacks (default: ``lacking_competences(frames)``).
    high_from : boundary of the power/interest grid (default 3).

    Returns
    -------
    dict with ``grid``, ``quadrants``, ``attitude``, ``influential_opponents``,
    ``unmobilised_allies``, ``graph`` (MultiDiGraph), ``metrics``, ``brokers``,
    ``isolated``, ``communities``, ``lacking`` (set of ids), ``lacking_table`` (id, name,
    family of each), ``widen``, ``duplicates`` and ``ratings`` (``rating_summary`` of the
    participants' ratings).

    Example
    -------
    >>> from toolkit.demo import demo_records
    >>> from toolkit.core import model
    >>> frames = {k: pd.DataFrame([model.validate(k, r) for r in v])
    ...           for k, v in demo_records().items() if v}
    >>> result = analyse(frames)
    >>> "ACT-42" in set(result["influential_opponents"]["id"])
    True
    """
    actors, relations = frames["actors"], frames.get("relations")
    graph = relation_graph(actors, relations)
    metrics = network_metrics(graph)
    grid = power_interest_grid(actors, high_from)
    attitude = attitude_power(actors, high_from)
    if lacking is None:
        lacking = lacking_competences(frames)
    lacking = set(lacking)
    return {
        "grid": grid,
        "quadrants": quadrant_summary(grid),
        "attitude": attitude,
        "influential_opponents": attitude[attitude["posture"] == "influential_opponent"].reset_index(drop=True),
        "unmobilised_allies": attitude[attitude["posture"] == "unmobilised_ally"].reset_index(drop=True),
        "graph": graph,
        "metrics": metrics,
        "brokers": brokers(metrics),
        "isolated": isolated_actors(metrics),
        "communities": communities(metrics),
        "lacking": lacking,
        "lacking_table": lacking_table(lacking, frames.get("competences")),
        "widen": widen_the_table(actors, lacking, frames.get("competences")),
        "duplicates": probable_duplicates(actors),
        "ratings": rating_summary(frames.get("actor_ratings"), actors),
    }



def readable(df: pd.DataFrame) -> pd.DataFrame:
    """The same table with French column headings (for carnets and exports).

    Example
    -------
    >>> readable(pd.DataFrame({"name": ["x"], "power": [1]})).columns.tolist()
    ['Nom', 'Pouvoir']
    """
    out = df.copy()
    if out.index.name == "quadrant":  # quadrant_summary: the strategy column says it in French
        out = out.reset_index(drop=True)
    for col in ("mobilised", "broker", "isolated"):
        if col in out:
            out[col] = [L.STAKEHOLDER_MESSAGES["yes"] if bool(v) else L.STAKEHOLDER_MESSAGES["no"] for v in out[col]]
    if "reason_label" in out and "reason" in out:
        out = out.drop(columns="reason").rename(columns={"reason_label": "reason"})
    if "posture_label" in out and "posture" in out:
        out = out.drop(columns="posture")
    if "quadrant" in out and "strategy" in out:
        out = out.drop(columns="quadrant")
    return out.rename(columns=L.STAKEHOLDER_COLUMNS)
