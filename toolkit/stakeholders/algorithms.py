"""Graph algorithms the network analysis needs, faster than networkx's and equal to them.

``betweenness`` (batched Brandes on ``scipy.sparse``) and ``louvain`` (networkx's
Louvain on plain dicts) return what networkx returns for the same graph and seed
(``tests/test_network_algorithms.py`` holds them to it); nothing here knows actors.
"""
from __future__ import annotations

import random
from typing import Any, Iterable

import networkx as nx
import numpy as np

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
    from scipy import sparse  # only when a network is analysed (pages import this package)

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
    source's own entry 0.

    Each level of the breadth-first searches is kept as a mask (nodes × sources), so that
    the backward pass reads the levels instead of comparing depths, and works only where
    a level's nodes are (``where=``): the same sums, term for term."""
    n, b = adjacency.shape[0], len(sources)
    cols = np.arange(b)
    sigma = np.zeros((n, b))
    sigma[sources, cols] = 1.0
    unseen = np.ones((n, b), dtype=bool)
    unseen[sources, cols] = False
    levels = [~unseen]  # level 0: the sources themselves
    frontier = sigma.copy()
    while True:
        reached = adjacency @ frontier          # shortest paths into the next level
        new = (reached > 0) & unseen
        if not new.any():
            break
        unseen &= ~new
        levels.append(new)
        frontier = np.multiply(reached, new)    # the paths into the new level, 0 elsewhere
        sigma += frontier
    delta = np.zeros((n, b))
    coeff = np.empty((n, b))
    for d in range(len(levels) - 1, 0, -1):
        at = levels[d]
        coeff.fill(0.0)
        np.divide(1.0 + delta, sigma, out=coeff, where=at)
        contribution = adjacency @ coeff
        np.multiply(sigma, contribution, out=contribution)
        np.add(delta, contribution, out=delta, where=levels[d - 1])
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
