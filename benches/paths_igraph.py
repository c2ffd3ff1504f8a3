"""The igraph side of the path benchmark: a compiled peer beside networkx (igraph's C core,
through python-igraph), shortest paths between the same pairs, on the same edge list, that
examples/path_bench.rs wrote. Prints JSON with p50/p95 milliseconds and checks that every path
has the hop count factgraph found."""
import sys
import time

import igraph

import path_peer

out_dir = sys.argv[1]
started = time.perf_counter()
edge_list = path_peer.read_edges(out_dir)
# Vertices are factgraph's entity numbers; numbers no edge names are isolated vertices.
vertices = 1 + max((max(edge) for edge in edge_list), default=-1)
graph = igraph.Graph(n=vertices, edges=edge_list, directed=False)
load_seconds = time.perf_counter() - started

path_peer.report("igraph", igraph.__version__, load_seconds, path_peer.read_pairs(out_dir),
                 lambda source, target: graph.get_shortest_path(source, target, mode="all", output="vpath"))
