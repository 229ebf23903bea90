"""The relation network: graph of the relations, centralities, brokers, communities."""
from __future__ import annotations

from typing import Any, Iterable

import networkx as nx
import pandas as pd

from ..core import labels as L
from ..core.errors import MaillageError
from ..core.gc_pause import paused
from .actors import actor_table, require_columns
from .algorithms import betweenness, louvain


# Above this many actors, betweenness is estimated from a sample of sources (Brandes
# 2008): exact betweenness costs O(n·m), a few seconds already at 2,000 actors.
BETWEENNESS_EXACT_MAX = 600
BETWEENNESS_SAMPLE = 300


# --- the relation network -------------------------------------------------------------

def relation_graph(actors: pd.DataFrame, relations: pd.DataFrame) -> nx.MultiDiGraph:
    """The typed, weighted relation network as a networkx multigraph.

    Parameters
    ----------
    actors : the ``actors`` frame; every actor is a node (isolated ones too), with its
        name, category, power, interest, attitude and mobilised as node attributes.
    relations : the ``relations`` frame (source_id, target_id, type, weight 1–3); each
        relation is an edge keyed by its id, with ``type`` and ``weight``. Relations to
        unknown actors are refused.

    Returns
    -------
    ``nx.MultiDiGraph``: a relation goes from source to target (a funding from the
    funder, a hierarchy from the superior); two actors may have several relations.

    Raises
    ------
    MaillageError if a relation names an actor absent from ``actors``.

    Example
    -------
    >>> a = pd.DataFrame([{"id": i, "name": i, "power": 1, "interest": 1} for i in "AB"])
    >>> r = pd.DataFrame([{"id": "R1", "source_id": "A", "target_id": "B",
    ...                    "type": "financement", "weight": 2}])
    >>> g = relation_graph(a, r)
    >>> g.edges["A", "B", "R1"]["weight"]
    2
    """
    nodes = actor_table(actors)
    g = nx.MultiDiGraph()
    for rec in nodes.to_dict("records"):
        g.add_node(rec["id"], **{k: v for k, v in rec.items() if k != "id"})
    if relations is None or len(relations) == 0:
        return g
    require_columns(relations, ("source_id", "target_id"), "relations")
    ids = relations["id"] if "id" in relations else pd.Series(range(len(relations)), index=relations.index)
    types = relations["type"] if "type" in relations else pd.Series(None, index=relations.index)
    weights = relations["weight"] if "weight" in relations else pd.Series(1, index=relations.index)
    rows = list(zip(ids.tolist(), relations["source_id"].tolist(), relations["target_id"].tolist(),
                    types.tolist(), weights.tolist()))
    known = set(g)
    for _rid, src, tgt, _typ, _w in rows:
        for end in (src, tgt):
            if end not in known:
                raise MaillageError(L.STAKEHOLDER_MESSAGES["unknown_actor"].format(id=end))
    for rid, src, tgt, typ, w in rows:
        weight = 1 if pd.isna(w) else int(w)
        g.add_edge(src, tgt, key=rid, type=typ, weight=weight)
    return g


def contact_graph(graph: nx.MultiDiGraph, types: Iterable[str] | None = None) -> nx.Graph:
    """Collapse the relation multigraph into one undirected link per pair of actors.

    Parameters
    ----------
    graph : the result of ``relation_graph``.
    types : keep only these relation types (default: all, conflicts included: a conflict
        is also a channel between two actors).

    Returns
    -------
    ``nx.Graph`` with every actor; a link's ``weight`` is the sum of the weights of the
    relations between the two actors, ``types`` the sorted list of their types.

    Example
    -------
    >>> m = nx.MultiDiGraph([("A", "B", {"type": "coopération", "weight": 2}),
    ...                      ("B", "A", {"type": "conflit", "weight": 1})])
    >>> contact_graph(m).edges["A", "B"]["weight"]
    3
    """
    wanted = set(types) if types is not None else None
    g = nx.Graph()
    g.add_nodes_from(graph.nodes(data=True))
    # Each pair's link gathered in a dict first, then the links added in the order their
    # pair first appears (the order add_edge one relation at a time gave).
    links: dict[tuple[Any, Any], dict[str, Any]] = {}
    for u, v, data in graph.edges(data=True):
        if wanted is not None and data.get("type") not in wanted:
            continue
        link = links.get((u, v)) or links.get((v, u))
        if link is not None:
            link["weight"] += data.get("weight", 1)
            link["types"] = sorted(set(link["types"]) | {data.get("type")})
        else:
            links[(u, v)] = {"weight": data.get("weight", 1), "types": [data.get("type")]}
    g.add_edges_from((u, v, data) for (u, v), data in links.items())
    return g


def _cut_off(g: nx.Graph, node: Any) -> int:
    """How many actors lose contact with the main part of ``node``'s component without it."""
    component = nx.node_connected_component(g, node)
    h = g.subgraph(component - {node})
    sizes = sorted((len(c) for c in nx.connected_components(h)), reverse=True)
    return sum(sizes[1:])


def network_metrics(graph: nx.Graph | nx.MultiDiGraph, seed: int = 0) -> pd.DataFrame:
    """Centrality, brokers, isolates and communities of every actor.

    Parameters
    ----------
    graph : ``relation_graph`` (or already a ``contact_graph``).
    seed : seed of the community detection and of the betweenness sample (results are
        deterministic for a given seed).

    Returns
    -------
    DataFrame, one row per actor (sorted by betweenness, then degree): id, name, category,
    ``degree`` (number of actors linked), ``strength`` (sum of relation weights),
    ``betweenness`` (normalised 0–1, on hops, ignoring weights), ``broker`` (articulation
    point), ``cut_off`` (actors cut from the rest of their part of the network if this
    one leaves), ``isolated`` (no relation) and ``community`` (1 = the largest; empty for
    isolated actors).

    Notes
    -----
    Freeman's betweenness (1977) computed with Brandes' algorithm; above
    ``BETWEENNESS_EXACT_MAX`` actors it is estimated from ``BETWEENNESS_SAMPLE`` sources.
    Brokers are the articulation points of the undirected network (Hopcroft & Tarjan
    1973): the structural holes of Burt (1992) made visible. Communities: Louvain
    (Blondel et al. 2008) on the weighted network.

    Example
    -------
    >>> bow_tie = nx.Graph([("A", "B"), ("B", "C"), ("A", "C"), ("C", "D"), ("D", "E"), ("E", "C")])
    >>> m = network_metrics(bow_tie).set_index("id")
    >>> bool(m.loc["C", "broker"]), int(m.loc["C", "cut_off"])
    (True, 2)
    """
    with paused():  # the contact graph and Louvain's dicts, freed on return (core.gc_pause)
        return _network_metrics(graph, seed)


def _network_metrics(graph: nx.Graph | nx.MultiDiGraph, seed: int) -> pd.DataFrame:
    """``network_metrics`` itself (the collector's pause aside)."""
    g = contact_graph(graph) if graph.is_multigraph() or graph.is_directed() else graph
    n = g.number_of_nodes()
    if n == 0:
        # Typed columns: the flags filter rows (an untyped empty column would select columns).
        return pd.DataFrame(columns=["id", "name", "category", "degree", "strength", "betweenness",
                                     "broker", "cut_off", "isolated", "community"]).astype(
            {"degree": int, "strength": float, "betweenness": float, "broker": bool, "cut_off": int,
             "isolated": bool, "community": "Int64"})
    k = None if n <= BETWEENNESS_EXACT_MAX else BETWEENNESS_SAMPLE
    between = betweenness(g, k=k, seed=seed)
    brokers = set(nx.articulation_points(g))
    cut = {node: _cut_off(g, node) for node in brokers}
    active = [v for v in g if g.degree(v) > 0]
    found = louvain(g, seed=seed, nodes=active) if active else []
    # Number communities by size (largest first), ties by their smallest member id.
    found = sorted(found, key=lambda c: (-len(c), min(map(str, c))))
    community = {v: i + 1 for i, c in enumerate(found) for v in c}
    rows = []
    for v, data in g.nodes(data=True):
        rows.append({
            "id": v, "name": data.get("name", v), "category": data.get("category"),
            "degree": g.degree(v), "strength": g.degree(v, weight="weight"),
            "betweenness": round(between[v], 6), "broker": v in brokers, "cut_off": cut.get(v, 0),
            "isolated": g.degree(v) == 0, "community": community.get(v),
        })
    df = pd.DataFrame(rows)
    df["community"] = df["community"].astype("Int64")
    return df.sort_values(["betweenness", "degree", "id"], ascending=[False, False, True]).reset_index(drop=True)


def brokers(metrics: pd.DataFrame) -> pd.DataFrame:
    """The *passeurs*: actors whose departure splits the network, most critical first.

    Parameters
    ----------
    metrics : the result of ``network_metrics``.

    Returns
    -------
    The broker rows, sorted by ``cut_off`` (actors cut off without them), then betweenness.

    Example
    -------
    >>> bow_tie = nx.Graph([("A", "B"), ("B", "C"), ("A", "C"), ("C", "D"), ("D", "E"), ("E", "C")])
    >>> brokers(network_metrics(bow_tie))["id"].tolist()
    ['C']
    """
    df = metrics[metrics["broker"]]
    return df.sort_values(["cut_off", "betweenness"], ascending=False).reset_index(drop=True)


def isolated_actors(metrics: pd.DataFrame) -> pd.DataFrame:
    """Actors with no relation at all.

    Example
    -------
    >>> g = nx.Graph([("A", "B")]); g.add_node("Z")
    >>> isolated_actors(network_metrics(g))["id"].tolist()
    ['Z']
    """
    return metrics[metrics["isolated"]].sort_values("id").reset_index(drop=True)


def communities(metrics: pd.DataFrame) -> pd.DataFrame:
    """The communities found by ``network_metrics``, one row each.

    Returns
    -------
    DataFrame: community (1 = largest), size, hub (the member with the highest
    betweenness, then degree) and members (names, comma-separated, most central first).

    Example
    -------
    >>> g = nx.Graph([("A", "B"), ("B", "C"), ("A", "C")])
    >>> communities(network_metrics(g))[["community", "size"]].values.tolist()
    [[1, 3]]
    """
    rows = []
    df = metrics.dropna(subset=["community"])
    for number, group in df.groupby("community", sort=True):
        group = group.sort_values(["betweenness", "degree", "name"], ascending=[False, False, True])
        rows.append({"community": int(number), "size": len(group), "hub": group["name"].iloc[0],
                     "members": ", ".join(group["name"])})
    return pd.DataFrame(rows, columns=["community", "size", "hub", "members"])
