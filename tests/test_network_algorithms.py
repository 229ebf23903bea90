"""``stakeholders.betweenness`` and ``stakeholders.louvain`` give networkx's results.

They replace ``nx.betweenness_centrality`` and ``nx.community.louvain_communities`` for
speed (issue 20); these tests hold them to networkx's own on graphs of every shape: sparse
and dense, disconnected, with isolated nodes, self-loops, weights, sampled sources, and a
subgraph of fewer than half the nodes (networkx then lists a view's nodes otherwise).
"""
from __future__ import annotations

import random

import networkx as nx
import pytest

from toolkit import stakeholders as S
from toolkit.stakeholders import algorithms


def _graph(n: int, edges: int, seed: int, loops: bool = False, weights: bool = True,
           floats: bool = False) -> nx.Graph:
    rnd = random.Random(seed)
    g = nx.Graph()
    g.add_nodes_from(f"A{i:03d}" for i in rnd.sample(range(n), n))
    nodes = list(g)
    while g.number_of_edges() < edges:
        u, v = rnd.choice(nodes), rnd.choice(nodes)
        if u != v or loops:
            choices = [0.5, 1.25, 2.0, 3.7, 0.1] if floats else [1, 2, 3, 5]
            g.add_edge(u, v, weight=rnd.choice(choices) if weights else 1)
    return g


GRAPHS = {
    "sparse": _graph(120, 100, 1),
    "dense": _graph(60, 600, 2),
    "loops": _graph(80, 200, 3, loops=True),
    "unweighted": _graph(90, 250, 4, weights=False),
    "float weights": _graph(150, 400, 9, loops=True, floats=True),
    "two parts": nx.disjoint_union(_graph(40, 90, 5), _graph(30, 60, 6)),
    "path": nx.path_graph(7),
    "star": nx.star_graph(9),
    "empty": nx.empty_graph(5),
}


@pytest.mark.parametrize("name", sorted(GRAPHS))
@pytest.mark.parametrize("k", [None, 5, 30])
def test_betweenness_is_networkx(name: str, k: int | None) -> None:
    g = GRAPHS[name]
    if k is not None and k > len(g):
        k = len(g)
    for seed in (0, 3):
        want = nx.betweenness_centrality(g, k=k, seed=seed, normalized=True)
        got = S.betweenness(g, k=k, seed=seed)
        assert list(got) == list(want)
        assert max(abs(got[v] - want[v]) for v in g) < 1e-12
    assert any(v > 0 for v in want.values()) or name == "empty" or g.number_of_edges() == 0


def test_betweenness_in_small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sources split over several batches add up to the same values."""
    g = GRAPHS["dense"]
    want = nx.betweenness_centrality(g, k=40, seed=1)
    monkeypatch.setattr(algorithms, "_BATCH_CELLS", 7 * len(g))  # where betweenness reads it
    got = S.betweenness(g, k=40, seed=1)
    assert max(abs(got[v] - want[v]) for v in g) < 1e-12


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_louvain_is_networkx(name: str) -> None:
    g = GRAPHS[name]
    for seed in range(4):
        want = nx.community.louvain_communities(g, weight="weight", seed=seed)
        assert S.louvain(g, seed=seed) == want


@pytest.mark.parametrize("share", [0.3, 0.9])
def test_louvain_on_a_subgraph_is_networkx(share: float) -> None:
    g = _graph(200, 260, 8)
    rnd = random.Random(2)
    nodes = [v for v in g if rnd.random() < share]
    for seed in range(3):
        want = nx.community.louvain_communities(g.subgraph(nodes), weight="weight", seed=seed)
        assert S.louvain(g, seed=seed, nodes=nodes) == want
        assert len(want) > 1


def test_network_metrics_communities_match_networkx() -> None:
    """The communities ``network_metrics`` numbers are networkx's (largest first)."""
    g = GRAPHS["sparse"]
    metrics = S.network_metrics(g).set_index("id")
    active = [v for v in g if g.degree(v) > 0]
    found = nx.community.louvain_communities(g.subgraph(active), weight="weight", seed=0)
    found = sorted(found, key=lambda c: (-len(c), min(map(str, c))))
    for number, community in enumerate(found, 1):
        assert set(metrics.index[metrics["community"] == number]) == community
