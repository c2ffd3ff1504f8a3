"""Compares factgraph's PageRank and betweenness with networkx's on the entity graph of a store.

Usage: check_centrality.py FACTGRAPH_BINARY STORE
Reads the entity graph from the store with SPARQL, not through factgraph's own graph: the
nodes are the entities typed with a class of the ontology, the edges the merged graph's triples
whose predicate is an object property of the ontology (what tests/check_exports.py counts).
Then compares, node by node within 1e-6, `factgraph --json central --by pagerank|betweenness`
with networkx under the same definitions as tests/centrality_reference.py:
- PageRank of the nx.MultiDiGraph, alpha=0.85, by networkx's pure-Python power iteration
  (nx.pagerank itself needs scipy, which the tests do not install; the reference script checks
  that the two agree);
- nx.betweenness_centrality of the simple undirected graph, normalized, without endpoints.
Prints one line per check and "N passed, N failed" last; exits non-zero on any failure.
"""
import json
import subprocess
import sys

import networkx as nx
from networkx.algorithms.link_analysis import pagerank_alg

binary, store = sys.argv[1], sys.argv[2]
ONTOLOGY = "https://w3id.org/factgraph/ontology"


def factgraph(*args):
    result = subprocess.run([binary, "--store", store, *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"factgraph {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def select(query):
    rows = json.loads(factgraph("query", "--format", "json", query))["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in rows]


entities = [r["e"] for r in select(
    f"SELECT DISTINCT ?e WHERE {{ ?e a ?c . GRAPH <{ONTOLOGY}> {{ ?c a owl:Class }} }}"
)]
facts = [(r["s"], r["o"]) for r in select(
    f"SELECT ?s ?o WHERE {{ ?s ?p ?o . GRAPH <{ONTOLOGY}> {{ ?p a owl:ObjectProperty }} }}"
)]
graph = nx.MultiDiGraph()
graph.add_nodes_from(entities)
graph.add_edges_from(facts)
simple = nx.Graph(graph.to_undirected())
simple.remove_edges_from(list(nx.selfloop_edges(simple)))

references = {
    "pagerank": pagerank_alg._pagerank_python(graph, alpha=0.85, tol=1e-15, max_iter=10_000),
    "betweenness": nx.betweenness_centrality(simple, normalized=True, endpoints=False),
}

passed, failed = 0, 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok    {name}")
    else:
        failed += 1
        print(f"FAIL  {name}: {detail}")


check("the store has an entity graph", len(entities) > 1 and facts,
      f"{len(entities)} entities, {len(facts)} facts")
for by, reference in references.items():
    central = json.loads(factgraph("--json", "central", "--by", by, "--top", "100000000"))
    scores = {e["iri"]: e["score"] for e in central["entities"]}
    check(f"{by}: exact", central["sampled"] is False)
    check(f"{by}: every entity once", len(scores) == len(central["entities"])
          and set(scores) == set(reference),
          f"factgraph has {sorted(set(scores) ^ set(reference))[:5]} that networkx has not, or "
          "the reverse")
    worst = max(((abs(scores.get(v, float("inf")) - r), v) for v, r in reference.items()))
    check(f"{by}: networkx's values within 1e-6 ({len(reference)} entities)", worst[0] <= 1e-6,
          f"{worst[1]}: factgraph {scores.get(worst[1])}, networkx {reference[worst[1]]}")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
