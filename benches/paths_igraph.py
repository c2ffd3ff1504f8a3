"""The igraph side of the path benchmark: a compiled peer beside networkx (igraph's C core,
through python-igraph), shortest paths between the same pairs, on the same edge list, that
examples/path_bench.rs wrote. Prints JSON with p50/p95 milliseconds and checks that every path
has the hop count factgraph found."""
import json
import statistics
import sys
import time

import igraph

out_dir = sys.argv[1]
started = time.perf_counter()
with open(f"{out_dir}/edges.tsv", encoding="utf-8") as edges:
    edge_list = [tuple(int(x) for x in line.split("\t")) for line in edges]
with open(f"{out_dir}/pairs.tsv", encoding="utf-8") as pairs:
    pairs = [tuple(int(x) for x in line.split("\t")) for line in pairs]
# Vertices are factgraph's entity numbers; numbers no edge names are isolated vertices.
vertices = 1 + max((max(edge) for edge in edge_list), default=-1)
graph = igraph.Graph(n=vertices, edges=edge_list, directed=False)
load_seconds = time.perf_counter() - started


def timed_pass():
    """Milliseconds per pair, sorted, and how many hop counts differ from factgraph's."""
    timings = []
    mismatches = 0
    for source, target, hops in pairs:
        started = time.perf_counter()
        path = graph.get_shortest_path(source, target, mode="all", output="vpath")
        timings.append((time.perf_counter() - started) * 1000)
        mismatches += len(path) - 1 != hops
    timings.sort()
    return timings, mismatches


def summary(timings):
    def quantile(q):
        return timings[round((len(timings) - 1) * q)]

    return {"p50": quantile(0.5), "p95": quantile(0.95), "mean": statistics.fmean(timings)}


# Two passes over the same pairs, as examples/path_bench.rs and paths_networkx.py time them.
first, mismatches = timed_pass()
second, _ = timed_pass()

print(json.dumps({
    "igraph": igraph.__version__,
    "load_seconds": load_seconds,
    "pairs": len(first),
    **summary(first),
    "second_pass": summary(second),
    "hop_count_mismatches": mismatches,
}, indent=2))
