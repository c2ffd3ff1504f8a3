"""The networkx side of the default path query's benchmark (benches/paths_speed.sh): on the facts
and pairs that `path_bench --sheets` wrote to OUT_DIR, the cheapest paths under the specific
weight with `nx.bidirectional_dijkstra`, and the plain shortest paths with `nx.shortest_path`,
on the first PAIRS pairs (all by default). The weight is computed here from the facts, as README
and src/graph/hubs.rs word it, so the costs checked against factgraph's are an independent
reckoning of them. Prints JSON with p50/p95/p99 milliseconds.

    python3 benches/paths_specific_networkx.py OUT_DIR [PAIRS]
"""
import json
import math
import sys
import time

import networkx as nx

MEMBERSHIP = {"basedIn", "headquarteredIn", "locatedIn", "nationality", "partOf", "memberOf"}

out_dir = sys.argv[1]
wanted = int(sys.argv[2]) if len(sys.argv) > 2 else None

started = time.perf_counter()
with open(f"{out_dir}/facts.tsv", encoding="utf-8") as lines:
    entities = int(next(lines))
    facts = []
    for line in lines:
        source, target, predicate, articles = line.rstrip("\n").split("\t")
        facts.append((int(source), int(target), predicate, int(articles)))
linked = {}
members = {}
for source, target, predicate, _ in facts:
    if source != target:
        linked.setdefault(source, set()).add(target)
        linked.setdefault(target, set()).add(source)
        if predicate in MEMBERSHIP:
            members.setdefault(target, set()).add(source)
entering = {node: 1 + math.log(max(1, len(others))) for node, others in linked.items()}
large = max(5, math.ceil(math.sqrt(entities)))
penalty = math.log(max(1, entities))
del linked

# Between two entities, the cheapest of their facts: `weak` with the penalty of a membership
# fact into a large container, `plain` without it (a path that starts or ends at the container),
# and `container`, that container.
graph = nx.Graph()
for source, target, predicate, articles in facts:
    if source == target:
        continue
    tie_break = 1e-9 * (1 + 1 / (1 + articles))
    weak = predicate in MEMBERSHIP and len(members.get(target, ())) >= large
    data = graph.get_edge_data(source, target)
    if data is None:
        graph.add_edge(source, target, weak=math.inf, plain=math.inf, container=None)
        data = graph[source][target]
    data["weak"] = min(data["weak"], (penalty if weak else 0) + tie_break)
    data["plain"] = min(data["plain"], tie_break)
    if weak:
        data["container"] = target
del facts, members
load_seconds = time.perf_counter() - started

with open(f"{out_dir}/pairs.tsv", encoding="utf-8") as lines:
    pairs = [line.rstrip("\n").split("\t") for line in lines]
pairs = [(int(a), int(b), int(hops), float(cost)) for a, b, hops, cost in pairs][:wanted]


def quantiles(timings):
    timings = sorted(timings)
    at = lambda q: timings[round((len(timings) - 1) * q)]
    return {"p50": at(0.5), "p95": at(0.95), "p99": at(0.99), "mean": sum(timings) / len(timings)}


specific_ms, hops_ms = [], []
cost_mismatches = hop_mismatches = 0
for source, target, hops, cost in pairs:
    ends = (source, target)

    def weight(u, v, data):
        step = data["plain"] if data["container"] in ends else data["weak"]
        return entering[v] + step

    started = time.perf_counter()
    length, _ = nx.bidirectional_dijkstra(graph, source, target, weight=weight)
    specific_ms.append((time.perf_counter() - started) * 1000)
    # factgraph's figure leaves the billionths that break ties out.
    cost_mismatches += abs(length - cost) > 1e-6
    started = time.perf_counter()
    path = nx.shortest_path(graph, source, target)
    hops_ms.append((time.perf_counter() - started) * 1000)
    hop_mismatches += len(path) - 1 != hops

print(json.dumps({
    "networkx": nx.__version__,
    "load_seconds": load_seconds,
    "pairs": len(pairs),
    "specific_ms": quantiles(specific_ms),
    "hops_ms": quantiles(hops_ms),
    "cost_mismatches": cost_mismatches,
    "hop_count_mismatches": hop_mismatches,
}, indent=2))
