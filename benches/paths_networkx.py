"""The networkx side of the path benchmark: shortest paths between the same pairs, on the same
edge list, that examples/path_bench.rs wrote. Prints JSON with p50/p95 milliseconds and checks
that every path has the hop count factgraph found."""
import sys
import time

import networkx as nx

import path_peer

out_dir = sys.argv[1]
started = time.perf_counter()
graph = nx.Graph()
with open(f"{out_dir}/edges.tsv", encoding="utf-8") as edges:
    for line in edges:
        source, target = line.split("\t")
        graph.add_edge(int(source), int(target))
load_seconds = time.perf_counter() - started

path_peer.report("networkx", nx.__version__, load_seconds, path_peer.read_pairs(out_dir),
                 lambda source, target: nx.shortest_path(graph, source, target))
