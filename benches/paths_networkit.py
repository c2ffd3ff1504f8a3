"""The NetworKit side of the path benchmark: a compiled peer that, like factgraph and networkx,
searches from both ends (NetworKit's BidirectionalBFS, C++), shortest paths between the same
pairs, on the same edge list, that examples/path_bench.rs wrote. Prints JSON with p50/p95
milliseconds and checks that every path has the hop count factgraph found."""
import sys
import time

import networkit

import path_peer

out_dir = sys.argv[1]
started = time.perf_counter()
edge_list = path_peer.read_edges(out_dir)
# Vertices are factgraph's entity numbers; numbers no edge names are isolated vertices.
graph = networkit.Graph(1 + max((max(edge) for edge in edge_list), default=-1))
for source, target in edge_list:
    graph.addEdge(source, target)
load_seconds = time.perf_counter() - started

def shortest_path(source, target):
    search = networkit.distance.BidirectionalBFS(graph, source, target, storePred=True)
    search.run()
    # getPath gives the vertices between the two ends.
    return [source, *search.getPath(), target]


path_peer.report("networkit", networkit.__version__, load_seconds, path_peer.read_pairs(out_dir), shortest_path)
