"""Step 2 — stakeholder mapping: who is around the table, who weighs, who is missing.

Plain data in, plain data out: every function takes the workshop's DataFrames (as given by
``Store.frame`` / ``Store.frames``) and returns a DataFrame, a dict or a networkx graph.
Nothing here draws, prints or stores (pictures are in ``toolkit.viz``).

The method
----------
- **Power/interest grid** (Mendelow, 1991): each actor is placed by its power (capacity
  to influence the project) and its interest (how much the project affects it or it cares),
  both rated 0–4 in the model. The four quadrants give the engagement strategy: *associer
  étroitement* (high power, high interest), *satisfaire* (high power, low interest),
  *informer* (low power, high interest), *surveiller* (low, low).
  **Boundary**: a rating is *high* from 3 (« fort ») upwards; 0–2 (« nul » to « moyen »)
  is low. On a five-step scale the middle step is not a strong position, so « moyen »
  stays with the low half and the top-right quadrant keeps only the actors rated strong
  on both axes. Averages of several ratings (floats) follow the same rule (2.5 is low).
- **Attitude × power** (the "stakeholder attitude" reading of Mendelow's grid, as in
  Johnson & Scholes' stakeholder mapping): an opponent (or reserved actor) with high power
  is a risk to address first; a favourable actor not yet mobilised is a resource left unused.
- **Relation network** (social network analysis, Wasserman & Faust 1994; Burt's
  structural holes, 1992): typed, weighted relations. Degree (how many actors one is
  linked to), betweenness (how often one lies on the shortest path between two others),
  *passeurs* (articulation points: actors whose removal splits the network, the brokers of
  Burt), isolated actors, and communities (Louvain modularity, Blondel et al. 2008).
- **Élargir le tour de table**: actors who hold a competence the project lacks and are
  not mobilised yet (the remedy named by the method's gap analysis).
- **Probable duplicates** among actor names (case, accents, institutional synonyms such
  as « Région » / « Conseil régional Grand Est », typing errors).

Example
-------
>>> import pandas as pd
>>> actors = pd.DataFrame([
...     {"id": "A", "name": "Région", "category": "cofinanceur", "power": 4, "interest": 1,
...      "attitude": "favorable", "mobilised": True},
...     {"id": "B", "name": "Conseil régional Grand Est", "category": "cofinanceur",
...      "power": 3, "interest": 3, "attitude": "allié", "mobilised": False},
... ])
>>> power_interest_grid(actors)[["id", "quadrant"]].values.tolist()
[['B', 'manage_closely'], ['A', 'keep_satisfied']]
>>> probable_duplicates(actors)[["id_a", "id_b", "reason"]].values.tolist()
[['A', 'B', 'included']]
"""
from __future__ import annotations

import difflib
import functools
import math
import re
from collections import Counter, defaultdict
from typing import Any, Iterable

import networkx as nx
import pandas as pd

from .core import labels as L
from .core import values as V
from .core import vocabulary as W
from .core.errors import MaillageError
from .core.model import fold

HIGH_FROM = 3
"""A power or interest rating is *high* from this value upwards (0–4 scale)."""

# Above this many actors, betweenness is estimated from a sample of sources (Brandes
# 2008): exact betweenness costs O(n·m), a few seconds already at 2,000 actors.
BETWEENNESS_EXACT_MAX = 600
BETWEENNESS_SAMPLE = 300

_ACTOR_COLUMNS = ("id", "name", "category", "power", "interest", "attitude", "mobilised")
_RELATION_COLUMNS = ("id", "source_id", "target_id", "type", "weight")


# --- input checks -----------------------------------------------------------------

def _require(df: pd.DataFrame, columns: Iterable[str], table: str) -> None:
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise MaillageError(L.STAKEHOLDER_MESSAGES["missing_columns"].format(
            table=table, columns=", ".join(missing)))


def _actors(actors: pd.DataFrame) -> pd.DataFrame:
    """The actor columns the analyses use, with missing optional values filled."""
    _require(actors, ("id", "name", "power", "interest"), "acteurs")
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
    df = _actors(actors).dropna(subset=["power", "interest"])
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
    df = _actors(actors)
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
    nodes = _actors(actors)
    g = nx.MultiDiGraph()
    for rec in nodes.to_dict("records"):
        g.add_node(rec["id"], **{k: v for k, v in rec.items() if k != "id"})
    if relations is None or len(relations) == 0:
        return g
    _require(relations, ("source_id", "target_id"), "relations")
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


# Sources whose breadth-first searches run together: each level is one sparse product
# with a (nodes × sources) block, kept under ~16 MB a block.
_BATCH_CELLS = 2_000_000


def betweenness(g: nx.Graph, k: int | None = None, seed: int = 0) -> dict[Any, float]:
    """Freeman's betweenness of an undirected graph, on hops, normalised: what
    ``nx.betweenness_centrality(g, k=k, seed=seed, normalized=True)`` returns.

    The same algorithm (Brandes 2001; with ``k``, the sources sampled as networkx samples
    them, ``random.Random(seed).sample``, and the same rescaling, Brandes & Pich 2007),
    but the breadth-first searches of a batch of sources run together as sparse matrix
    products (``scipy.sparse``) instead of node by node in Python: the values agree with
    networkx's to the last few bits of a double (the sums are taken in another order).

    Example
    -------
    >>> path = nx.path_graph(4)
    >>> {v: round(b, 3) for v, b in betweenness(path).items()}
    {0: 0.0, 1: 0.667, 2: 0.667, 3: 0.0}
    """
    import random

    import numpy as np
    from scipy import sparse

    nodes = list(g.nodes())
    n = len(nodes)
    out = dict.fromkeys(nodes, 0.0)
    if k == n:
        k = None
    sources = nodes if k is None else random.Random(seed).sample(nodes, k)
    if n < 2:
        return out
    index = {v: i for i, v in enumerate(nodes)}
    pairs = [(index[u], index[v]) for u, v in g.edges() if u != v]
    rows = np.array([i for i, _ in pairs] + [j for _, j in pairs], dtype=np.int64)
    cols = np.array([j for _, j in pairs] + [i for i, _ in pairs], dtype=np.int64)
    adjacency = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    adjacency.data[:] = 1.0  # a pair counted once, however many ways it was listed
    total = np.zeros(n)
    src = np.array([index[v] for v in sources], dtype=np.int64)
    batch = max(1, _BATCH_CELLS // n)
    for start in range(0, len(src), batch):
        total += _brandes_batch(adjacency, src[start:start + batch]).sum(axis=1)
    # networkx's _rescale (endpoints excluded): N = n − 1 targets per source.
    N = n - 1
    if N < 2:
        return out
    if k is None:
        scale = np.full(n, 1 / (N * (N - 1)))
    else:
        scale = np.full(n, 1 / (k * (N - 1)))
        scale[src] = 1 / ((k - 1) * (N - 1)) if k > 1 else np.nan
    values = total * scale
    return {v: float(values[i]) for i, v in enumerate(nodes)}


def _brandes_batch(adjacency: Any, sources: Any) -> Any:
    """Nodes × sources: each source's dependency on every node (Brandes' delta), the
    source's own entry 0."""
    import numpy as np

    n, b = adjacency.shape[0], len(sources)
    cols = np.arange(b)
    sigma = np.zeros((n, b))
    sigma[sources, cols] = 1.0
    depth = np.full((n, b), -1, dtype=np.int64)
    depth[sources, cols] = 0
    frontier = sigma.copy()
    level = 0
    while True:
        reached = adjacency @ frontier          # shortest paths into the next level
        new = (reached > 0) & (depth < 0)
        if not new.any():
            break
        level += 1
        depth[new] = level
        frontier = np.where(new, reached, 0.0)
        sigma += frontier
    delta = np.zeros((n, b))
    for d in range(level, 0, -1):
        at = depth == d
        coeff = np.where(at, (1.0 + delta) / np.where(at, sigma, 1.0), 0.0)
        delta += np.where(depth == d - 1, sigma * (adjacency @ coeff), 0.0)
    delta[sources, cols] = 0.0
    return delta


def louvain(g: nx.Graph, seed: int = 0, nodes: Iterable[Any] | None = None) -> list[set[Any]]:
    """Louvain communities of an undirected weighted graph (``weight``, default 1): what
    ``nx.community.louvain_communities(g.subgraph(nodes), weight="weight", seed=seed)``
    returns (``g`` itself when ``nodes`` is None).

    The same algorithm step for step (Blondel et al. 2008, as networkx writes it:
    resolution 1, threshold 1e-7, the nodes visited in the order ``random.Random(seed)``
    shuffles them, the same sums in the same order), on plain dicts rather than graph
    views: the same communities, found in about half the time.

    Example
    -------
    >>> two = nx.Graph([("A", "B"), ("B", "C"), ("A", "C"), ("D", "E"), ("E", "F"), ("D", "F"), ("C", "D")])
    >>> sorted(sorted(c) for c in louvain(two))
    [['A', 'B', 'C'], ['D', 'E', 'F']]
    """
    import random

    view = g if nodes is None else g.subgraph(nodes)
    order = list(view)  # networkx's order for the subgraph
    rng = random.Random(seed)
    # The graph networkx builds from the view: its nodes, then its edges as the view lists
    # them (the view's neighbours are the graph's, in the graph's order, within ``keep``).
    keep = set(order)
    adj: dict[Any, dict[Any, Any]] = {u: {} for u in order}
    listed: set[Any] = set()
    for u in order:
        for v, data in g.adj[u].items():
            if v in keep and v not in listed:
                w = data.get("weight", 1)
                adj[u][v] = w
                adj[v][u] = w
        listed.add(u)
    if not any(adj.values()):  # no edge: every node alone
        return [{u} for u in order]
    m = sum(_weighted_degrees(adj).values()) / 2
    mod = _modularity(adj, [{u} for u in order])
    members: dict[Any, set[Any]] = {}  # a node of a coarser level: the actors it stands for
    inner, improvement = _louvain_level(adj, m, rng)
    last = (inner, members)
    improvement = True
    while improvement:
        last = (inner, members)  # networkx yields this level's partition here
        new_mod = _modularity(adj, inner)
        if new_mod - mod <= 1e-7:
            break
        mod = new_mod
        adj, members = _louvain_graph(adj, members, inner)
        inner, improvement = _louvain_level(adj, m, rng)
    inner, members = last
    return [set().union(*(members.get(u, {u}) for u in c)) for c in inner]


def _weighted_degrees(adj: dict[Any, dict[Any, Any]]) -> dict[Any, Any]:
    """Weighted degrees as networkx counts them (a self-loop twice)."""
    return {u: sum(nbrs.values()) + (u in nbrs and nbrs[u]) for u, nbrs in adj.items()}


def _modularity(adj: dict[Any, dict[Any, Any]], communities: list[set[Any]]) -> float:
    """``nx.community.modularity`` (resolution 1), the same sums in the same order."""
    degree = _weighted_degrees(adj)
    deg_sum = sum(degree.values())
    m = deg_sum / 2
    norm = 1 / deg_sum**2

    def contribution(community: set[Any]) -> float:
        comm = set(community)
        inside = 0
        seen: set[Any] = set()
        for u in comm:
            for v, w in adj[u].items():
                if v not in seen and v in comm:
                    inside += w
            seen.add(u)
        degree_sum = sum(degree[u] for u in comm)
        return inside / m - 1 * degree_sum * degree_sum * norm

    return sum(map(contribution, communities))


def _louvain_level(adj: dict[Any, dict[Any, Any]], m: float, rng: Any) -> tuple[list[set[Any]], bool]:
    """One level of Louvain (networkx's ``_one_level``, undirected, resolution 1): the
    communities of this level's nodes (what they stand for is followed by ``louvain``)."""
    nodes = list(adj)
    node2com = {u: i for i, u in enumerate(nodes)}
    inner = [{u} for u in nodes]
    degrees = _weighted_degrees(adj)
    stot = list(degrees.values())
    nbrs = {u: {v: w for v, w in adj[u].items() if v != u} for u in adj}
    rand_nodes = list(nodes)
    rng.shuffle(rand_nodes)
    # networkx's arithmetic, term for term (``resolution * x`` with resolution 1 is x).
    twice_m2 = 2 * m**2
    nb_moves = 1
    improvement = False
    while nb_moves > 0:
        nb_moves = 0
        for u in rand_nodes:
            best_mod = 0
            own = best_com = node2com[u]
            weights2com: dict[int, Any] = {}
            for nbr, wt in nbrs[u].items():
                c = node2com[nbr]
                weights2com[c] = weights2com.get(c, 0.0) + wt
            if own not in weights2com:  # networkx's defaultdict creates it when read
                weights2com[own] = 0.0
            degree = degrees[u]
            stot[own] -= degree
            remove_cost = -weights2com[own] / m + (stot[own] * degree) / twice_m2
            for nbr_com, wt in weights2com.items():
                gain = remove_cost + wt / m - (stot[nbr_com] * degree) / twice_m2
                if gain > best_mod:
                    best_mod = gain
                    best_com = nbr_com
            stot[best_com] += degree
            if best_com != own:
                inner[own].remove(u)
                inner[best_com].add(u)
                improvement = True
                nb_moves += 1
                node2com[u] = best_com
    return list(filter(len, inner)), improvement


def _louvain_graph(adj: dict[Any, dict[Any, Any]], members: dict[Any, set[Any]],
                   partition: list[set[Any]]) -> tuple[dict[int, dict[int, Any]], dict[int, set[Any]]]:
    """The coarser graph, a node per community (networkx's ``_gen_graph``)."""
    node2com: dict[Any, int] = {}
    out: dict[int, dict[int, Any]] = {}
    inside: dict[int, set[Any]] = {}
    for i, part in enumerate(partition):
        nodes: set[Any] = set()
        for node in part:
            node2com[node] = i
            nodes.update(members.get(node, {node}))
        out[i] = {}
        inside[i] = nodes
    listed: set[Any] = set()
    for u, nbrs in adj.items():
        for v, w in nbrs.items():
            if v in listed:
                continue
            c1, c2 = node2com[u], node2com[v]
            total = w + out[c1].get(c2, 0)
            out[c1][c2] = total
            out[c2][c1] = total
        listed.add(u)
    return out, inside


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


# --- élargir le tour de table ---------------------------------------------------------

def widen_the_table(actors: pd.DataFrame, lacking: Iterable[str],
                    competences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Actors not mobilised yet who hold a competence the project lacks.

    Parameters
    ----------
    actors : the ``actors`` frame, with ``competences`` (list of competence ids held).
    lacking : ids of the competences the project lacks (from the competence analysis;
        ``lacking_competences`` gives an estimate from the workshop's data).
    competences : the ``competences`` frame, to show the competence names (optional).

    Returns
    -------
    DataFrame, one row per (actor, competence): id, name, category, power, attitude,
    competence_id, competence; favourable actors and high power first.

    Notes
    -----
    The method's gap analysis names « l'élargissement du tour de table » as a remedy: a
    stakeholder who has the competence and is not mobilised can be brought in before
    recruiting or buying external expertise.

    Example
    -------
    >>> df = pd.DataFrame([{"id": "S", "name": "SAFER", "power": 3, "interest": 1,
    ...                     "mobilised": False, "competences": ["CMP-11"]}])
    >>> widen_the_table(df, {"CMP-11"})[["id", "competence_id"]].values.tolist()
    [['S', 'CMP-11']]
    """
    lacking = set(lacking)
    base = _actors(actors)
    held = actors["competences"] if "competences" in actors else pd.Series([[]] * len(actors))
    names = {}
    if competences is not None and len(competences):
        names = dict(zip(competences["id"], competences["name"]))
    rows = []
    for rec, comps in zip(base.to_dict("records"), held.tolist()):
        if rec["mobilised"]:
            continue
        for cid in comps if isinstance(comps, (list, tuple)) else []:
            if cid in lacking:
                rows.append({"id": rec["id"], "name": rec["name"], "category": rec["category"],
                             "power": rec["power"], "attitude": rec["attitude"],
                             "competence_id": cid, "competence": names.get(cid, cid)})
    df = pd.DataFrame(rows, columns=["id", "name", "category", "power", "attitude", "competence_id", "competence"])
    if len(df):
        df = df.assign(_s=-df["attitude"].map(V.ATTITUDE_SCORES))
        df = df.sort_values(["_s", "power", "id", "competence_id"], ascending=[True, False, True, True])
        df = df.drop(columns="_s").reset_index(drop=True)
    return df


def lacking_competences(frames: dict[str, pd.DataFrame], thresholds: Any = None,
                        team_only: bool = True) -> set[str]:
    """Competences required by tasks that no mobilisable member of the project team brings.

    The competence review (``toolkit.competences.lacking_competences``, Le Boterf's
    savoir, vouloir and pouvoir agir, with the consultant's reading preferred to the
    self-assessment) decides; this returns its verdict as a set of ids, restricted by
    default to the project team (``persons.in_team``): a partner who has the competence
    but is not in the team is precisely whom « élargir le tour de table » looks for.

    Parameters
    ----------
    frames : the workshop's frames (``requirements``, ``assessments``, ``persons``).
    thresholds : ``competences.Thresholds`` (default: that module's, 2 on each dimension).
    team_only : count only the project team's members as able to cover a requirement.

    Returns
    -------
    The set of lacking competence ids.

    Example
    -------
    >>> frames = {"requirements": pd.DataFrame([{"task_id": "T", "competence_id": "C1", "level": 3}]),
    ...           "persons": pd.DataFrame([{"id": "P", "in_team": True}]),
    ...           "assessments": pd.DataFrame([{"person_id": "P", "competence_id": "C1",
    ...               "savoir": 2, "vouloir": 4, "pouvoir": 3, "source": "auto-évaluation"}])}
    >>> lacking_competences(frames)
    {'C1'}
    """
    from . import competences

    req = frames.get("requirements")
    if req is None or len(req) == 0:
        return set()
    assessments = frames.get("assessments")
    if assessments is None or len(assessments) == 0:
        return set(req["competence_id"])
    persons = frames.get("persons")
    out = competences.lacking_competences(req, assessments, thresholds=thresholds, persons=persons,
                                          team_only=team_only and persons is not None)
    return set(out.index)


# --- probable duplicates among names ----------------------------------------------------

_PUNCT = re.compile(r"[^\w]+")
_DIGITS = re.compile(r"^\d+$")


@functools.lru_cache(maxsize=8)
def _glued(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    """The pattern of a glued prefix and its hyphen (made once per catalogue)."""
    return re.compile(rf"\b({'|'.join(re.escape(fold(p)) for p in prefixes)})-(?=\w)")


@functools.lru_cache(maxsize=8)
def _stopwords(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


def _tokens(text: str) -> list[str]:
    """Folded words of a name, with glued prefixes (« vice-président » is one word)."""
    text = fold(text)
    text = _glued(tuple(W.NAME_GLUED_PREFIXES)).sub(r"\1", text)
    return [t for t in _PUNCT.sub(" ", text.replace("_", " ")).split() if t]


_SYNONYMS: list[tuple[list[str], list[str]]] | None = None


def _synonyms() -> list[tuple[list[str], list[str]]]:
    global _SYNONYMS
    if _SYNONYMS is None:
        pairs = [(_tokens(k), _tokens(v)) for k, v in W.NAME_SYNONYMS.items()]
        _SYNONYMS = sorted(pairs, key=lambda p: -len(p[0]))  # longest phrase first
    return _SYNONYMS


def canonical_tokens(name: str) -> list[str]:
    """The words that identify a name: folded, synonyms replaced, small words dropped.

    Parameters
    ----------
    name : an actor's name as typed.

    Returns
    -------
    List of words (accent-free, lower case), institutional phrases replaced by their
    canonical form from ``vocabulary.NAME_SYNONYMS``.

    Example
    -------
    >>> canonical_tokens("Conseil Régional du Grand-Est")
    ['region', 'grand', 'est']
    >>> canonical_tokens("Vice-président de la CC")
    ['vicepresident', 'cc']
    """
    words = _tokens(name)
    for phrase, replacement in _synonyms():
        if phrase and phrase[0] not in words:  # cannot match (the scan below finds nothing)
            continue
        n = len(phrase)
        i = 0
        while i + n <= len(words):
            if words[i:i + n] == phrase:
                words[i:i + n] = replacement
                i += len(replacement)
            else:
                i += 1
    stop = _stopwords(tuple(W.NAME_STOPWORDS))
    return [w for w in words if w not in stop]


def _edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and
    transpositions of two neighbours (the usual typing errors) each cost 1."""
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        prev2, prev = prev, cur
    return prev[-1]


def _token_similarity(a: str, b: str) -> float:
    """1 for the same word, 0.8–1 for a probable typing error, else 0."""
    if a == b:
        return 1.0
    # Numbers and short words must match exactly: "Lot 1" is not "Lot 2", "CCI" not "CMA".
    if _DIGITS.match(a) or _DIGITS.match(b) or min(len(a), len(b)) < 5:
        return 0.0
    # difflib's ratio catches dropped letters, the edit distance swapped ones ("bocgae").
    # Prefix-glued words share most letters ("vicepresident" / "president": 0.82), hence
    # the stricter bar for difflib.
    ratio = difflib.SequenceMatcher(None, a, b).ratio()
    edit = 1 - _edit_distance(a, b) / max(len(a), len(b))
    return max(ratio if ratio >= 0.85 else 0.0, edit if edit >= 0.8 else 0.0)


def _covered(a: list[str], b: list[str], w: dict[str, float]) -> float:
    """Weight of the words of ``a`` found in ``b`` (a typo counts for its similarity)."""
    total = 0.0
    bset = set(b)
    for t in set(a):
        if t in bset:
            total += w[t]
        else:
            total += w[t] * max((_token_similarity(t, u) for u in bset), default=0.0)
    return total


def _weights(token_lists: list[list[str]]) -> dict[str, float]:
    """Inverse document frequency: a word shared by many names says little."""
    n = len(token_lists)
    df = Counter(t for tokens in token_lists for t in set(tokens))
    return {t: math.log(1 + n / c) for t, c in df.items()}


def _compare(a: list[str], b: list[str], w: dict[str, float]) -> tuple[float, str] | None:
    """(score, reason) if two canonical names probably designate the same actor."""
    if not a or not b:
        return None
    if set(a) == set(b):
        return 1.0, "synonyms"
    wa, wb = sum(w[t] for t in set(a)), sum(w[t] for t in set(b))
    ca, cb = _covered(a, b, w), _covered(b, a, w)
    na, nb = len(set(a)), len(set(b))
    short_cover = ca / wa if na < nb else cb / wb if nb < na else 0.0
    dice = (ca + cb) / (wa + wb)
    if short_cover >= 0.9:
        return round(max(dice, short_cover * 0.9), 3), "included"
    if dice >= 0.8:
        return round(dice, 3), "similar"
    return None


def _blocks(token_lists: list[list[str]], max_block: int) -> set[tuple[int, int]]:
    """Candidate pairs: names sharing a distinctive word or word start (not all n² pairs)."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, tokens in enumerate(token_lists):
        keys = set()
        for t in tokens:
            keys.add(t)
            if len(t) >= 5 and not _DIGITS.match(t):
                keys.add("~" + t[:4])  # catches a typo after the fourth letter
                keys.add("~~" + t[-4:])  # … or before the last four
        for key in keys:
            index[key].append(i)
    pairs = set()
    for members in index.values():
        if len(members) < 2 or len(members) > max_block:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pairs.add((members[x], members[y]))
    return pairs


def probable_duplicates(actors: pd.DataFrame, threshold: float = 0.8,
                        max_block: int = 60) -> pd.DataFrame:
    """Pairs of actors whose names probably designate the same organisation.

    Parameters
    ----------
    actors : a frame with ``id`` and ``name`` (the ``actors`` frame).
    threshold : minimum similarity (0–1) for two names that do not contain one another.
    max_block : words shared by more names than this are too common to suggest a pair
        (keeps large workshops fast; such words weigh little anyway).

    Returns
    -------
    DataFrame: id_a, name_a, id_b, name_b, score (0–1), reason (key) and reason_label,
    most similar first.

    Notes
    -----
    Names are compared on their *canonical words* (``canonical_tokens``: case, accents,
    punctuation and small words removed, institutional synonyms replaced). Two names match
    when (1) their canonical words are equal (« Mairie de X » / « Commune de X »), or
    (2) every distinctive word of the shorter name is in the longer one (« Région » /
    « Conseil régional Grand Est »), or (3) their weighted word overlap (Dice coefficient,
    words weighted by inverse frequency among the workshop's names, typos tolerated
    when ``difflib``'s ratio is ≥ 0.85 or one minus the relative edit distance
    (transpositions included) is ≥ 0.8, on words of five letters or more) reaches
    ``threshold``. Words common to many names (« Nouvelle-Aquitaine », « Deux-Sèvres »)
    weigh little, so « DREAL Nouvelle-Aquitaine » and « DRAAF Nouvelle-Aquitaine » do not
    match.

    Example
    -------
    >>> df = pd.DataFrame({"id": ["A", "B", "C"],
    ...                    "name": ["Mairie de Montaurel", "commune de montaurel", "SAFER"]})
    >>> probable_duplicates(df)[["id_a", "id_b", "reason"]].values.tolist()
    [['A', 'B', 'synonyms']]
    """
    columns = ["id_a", "name_a", "id_b", "name_b", "score", "reason", "reason_label"]
    _require(actors, ("id", "name"), "acteurs")
    ids = actors["id"].astype(str).tolist()
    names = actors["name"].astype(str).tolist()
    token_lists = [canonical_tokens(n) for n in names]
    folded = [" ".join(_tokens(n)) for n in names]
    w = _weights(token_lists)
    rows = []
    for i, j in sorted(_blocks(token_lists, max_block) | _same_folded(folded)):
        if folded[i] == folded[j] and folded[i]:
            found: tuple[float, str] | None = (1.0, "same_name")
        else:
            found = _compare(token_lists[i], token_lists[j], w)
        if found is None or (found[1] == "similar" and found[0] < threshold):
            continue
        a, b = (i, j) if ids[i] <= ids[j] else (j, i)
        rows.append({"id_a": ids[a], "name_a": names[a], "id_b": ids[b], "name_b": names[b],
                     "score": found[0], "reason": found[1], "reason_label": L.DUPLICATE_REASONS[found[1]]})
    df = pd.DataFrame(rows, columns=columns)
    return df.sort_values(["score", "id_a", "id_b"], ascending=[False, True, True]).reset_index(drop=True)


def _same_folded(folded: list[str]) -> set[tuple[int, int]]:
    groups: dict[str, list[int]] = defaultdict(list)
    for i, f in enumerate(folded):
        if f:
            groups[f].append(i)
    return {(g[x], g[y]) for g in groups.values() for x in range(len(g)) for y in range(x + 1, len(g))}


def similar_names(name: str, actors: pd.DataFrame, threshold: float = 0.8) -> pd.DataFrame:
    """Existing actors whose name probably designates the same organisation as ``name``.

    Used before adding an actor (the participant page warns, the participant decides).

    Parameters
    ----------
    name : the name about to be added.
    actors : the existing actors (``id``, ``name``).

    Returns
    -------
    DataFrame: id, name, score, reason, reason_label (most similar first).

    Example
    -------
    >>> df = pd.DataFrame({"id": ["R"], "name": ["Conseil régional Grand Est"]})
    >>> similar_names("Région", df)["id"].tolist()
    ['R']
    """
    new_id = "\x00nouveau"
    both = pd.concat([pd.DataFrame({"id": [new_id], "name": [name]}),
                      actors[["id", "name"]].astype({"id": str, "name": str})], ignore_index=True)
    pairs = probable_duplicates(both, threshold=threshold, max_block=max(60, len(both)))
    rows = []
    for rec in pairs.to_dict("records"):
        if new_id in (rec["id_a"], rec["id_b"]):
            other = "b" if rec["id_a"] == new_id else "a"
            rows.append({"id": rec[f"id_{other}"], "name": rec[f"name_{other}"], "score": rec["score"],
                         "reason": rec["reason"], "reason_label": rec["reason_label"]})
    return pd.DataFrame(rows, columns=["id", "name", "score", "reason", "reason_label"])


# --- the participants' ratings ---------------------------------------------------------

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
    base = _actors(actors).set_index("id")
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


# --- the whole step on a workshop -------------------------------------------------------

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
        "lacking_table": _lacking_table(lacking, frames.get("competences")),
        "widen": widen_the_table(actors, lacking, frames.get("competences")),
        "duplicates": probable_duplicates(actors),
        "ratings": rating_summary(frames.get("actor_ratings"), actors),
    }


def _lacking_table(lacking: set[str], competences: pd.DataFrame | None) -> pd.DataFrame:
    columns = ["id", "name", "family"]
    if competences is None or len(competences) == 0:
        return pd.DataFrame({"id": sorted(lacking), "name": sorted(lacking), "family": None}, columns=columns)
    known = competences.set_index("id")
    rows = [{"id": c, "name": known.at[c, "name"] if c in known.index else c,
             "family": known.at[c, "family"] if c in known.index and "family" in known else None}
            for c in sorted(lacking)]
    return pd.DataFrame(rows, columns=columns)


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
