"""Prints the networkx reference values that src/graph/rank.rs and tests/paths.rs compare with.

Usage: python3 tests/centrality_reference.py
(networkx 3.6.1, as tests/requirements.txt pins; nx.pagerank needs numpy and scipy besides)

The definitions are set to what factgraph computes, so that the constants are networkx's
numbers and not ours:
- PageRank: nx.pagerank on a MultiDiGraph (every fact an edge, parallel facts and self-loops
  included), alpha=0.85, uniform teleport, dangling rank spread uniformly, tol=1e-15 and
  max_iter=10_000 so that the reference is converged far past the tests' 1e-6.
- Betweenness: nx.betweenness_centrality on the undirected simple graph (parallel facts once,
  direction ignored), normalized=True, endpoints=False, every node a source (k=None); for n
  nodes that divides the sum over ordered pairs by (n-1)(n-2).
- Sampled betweenness (above 100,000 entities): factgraph takes the sources i*n//k (i < k) and
  scales their sum by (n/k) / ((n-1)(n-2)), as networkx did before 3.5. networkx 3.5 and later
  (PRs #7908, #7949) scale sampled and unsampled nodes differently, (n-1)/(k-1) and (n-1)/k
  where factgraph has n/k, and draw the sample at random, so networkx cannot be asked for the
  same estimate directly. The test checks a path of 100,001 nodes against a closed form, which
  this script checks against nx.betweenness_centrality_subset(G, sources, targets=G,
  normalized=False) (half the sum over the sources, for an undirected graph) on 1,001 nodes.
"""
import networkx as nx
from networkx.algorithms.link_analysis import pagerank_alg

# Facts of the hand-built graph over nodes 0..7: node 7 has no fact, 5 no outgoing one; 0 and
# 1 share two parallel facts one way and one back, on a square 0-1-2-3 whose other side has
# one fact a pair; 3 has a self-loop.
HAND_NODES = 8
HAND_FACTS = [
    (0, "ownedBy", 1),
    (0, "bans", 1),
    (1, "signs", 0),
    (1, "ownedBy", 2),
    (2, "bans", 3),
    (3, "ownedBy", 0),
    (3, "ownedBy", 3),
    (2, "signs", 4),
    (4, "ownedBy", 5),
    (6, "bans", 4),
]


def multi(nodes, facts):
    g = nx.MultiDiGraph()
    g.add_nodes_from(nodes)
    g.add_edges_from((s, o) for s, _, o in facts)
    return g


def page_rank(g):
    values = nx.pagerank(g, alpha=0.85, tol=1e-15, max_iter=10_000)
    # networkx's pure-Python power iteration (what tests/check_centrality.py runs, without
    # scipy) must give the same numbers.
    python = pagerank_alg._pagerank_python(g, alpha=0.85, tol=1e-15, max_iter=10_000)
    assert max(abs(values[v] - python[v]) for v in g) < 1e-12
    return values


def betweenness(g):
    simple = nx.Graph(g.to_undirected())
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    return nx.betweenness_centrality(simple, normalized=True, endpoints=False)


def sampled_betweenness(g, k):
    simple = nx.Graph(g.to_undirected())
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    nodes = sorted(simple)
    n = len(nodes)
    sources = [nodes[i * n // k] for i in range(k)]
    half = nx.betweenness_centrality_subset(simple, sources, nodes, normalized=False)
    scale = 2 * (n / k) / ((n - 1) * (n - 2))
    return {v: b * scale for v, b in half.items()}, sources


def show(name, values, order):
    print(f"{name} = [")
    for v in order:
        print(f"    {values[v]:.15f}, // {v}")
    print("]")


hand = multi(range(HAND_NODES), HAND_FACTS)
print("HAND_DEGREE =", [d for _, d in sorted(hand.degree())])
show("HAND_PAGE_RANK", page_rank(hand), range(HAND_NODES))
show("HAND_BETWEENNESS", betweenness(hand), range(HAND_NODES))

# A hub with a fact to and from each of 4 others: the walk alternates between the hub and the
# rest, so the power iteration converges only as 0.85^t.
star_facts = [f for i in range(1, 5) for f in ((0, "ownedBy", i), (i, "controlledBy", 0))]
show("STAR_PAGE_RANK", page_rank(multi(range(5), star_facts)), range(5))

# Zachary's karate club, each edge (u, v) of networkx's list (u < v) a fact u -> v.
karate = nx.karate_club_graph()
karate_facts = [(u, "knows", v) for u, v in karate.edges()]
print("KARATE_EDGES =", list(karate.edges()))
karate_multi = multi(range(34), karate_facts)
show("KARATE_PAGE_RANK", page_rank(karate_multi), range(34))
show("KARATE_BETWEENNESS", betweenness(karate_multi), range(34))

# tests/fixtures/graph, by label (Twin Corp states no fact).
fixture_facts = [
    ("Acme Alpha", "ownedBy", "Beta Works"),
    ("Beta Works", "ownedBy", "Gamma Holdings"),
    ("Gamma Holdings", "ownedBy", "Epsilon Capital"),
    ("Acme Alpha", "ownedBy", "Delta Trading"),
    ("Delta Trading", "ownedBy", "Gamma Holdings"),
    ("Delta Trading", "controlledBy", "Epsilon Capital"),
    ("Phi Labs", "ownedBy", "Pat Owner"),
]
fixture_nodes = sorted({s for s, _, _ in fixture_facts} | {o for _, _, o in fixture_facts} | {"Twin Corp"})
fixture = multi(fixture_nodes, fixture_facts)
show("FIXTURE_PAGE_RANK", page_rank(fixture), fixture_nodes)
show("FIXTURE_BETWEENNESS", betweenness(fixture), fixture_nodes)

# A path of n nodes sampled as factgraph samples above its exact limit: the closed form the
# Rust test uses, checked here against networkx on a path small enough to run.
n, k = 1001, 20
path = multi(range(n), [(i, "next", i + 1) for i in range(n - 1)])
values, sources = sampled_betweenness(path, k)


def closed_form(v):
    below = sum(1 for s in sources if s < v)
    above = sum(1 for s in sources if s > v)
    return (n / k) * (below * (n - 1 - v) + above * v) / ((n - 1) * (n - 2))


worst = max(abs(values[v] - closed_form(v)) for v in range(n))
print(f"# path n={n} k={k}: closed form vs networkx, worst difference {worst:.3g}")
assert worst < 1e-12
