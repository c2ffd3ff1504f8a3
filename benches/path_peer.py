"""What the Python peers of the path benchmark share (paths_networkx.py, paths_igraph.py): the
edge list and pairs examples/path_bench.rs wrote, two timed passes over the pairs, and the JSON
printed, with how many hop counts differ from factgraph's."""
import json
import statistics
import time


def read_edges(out_dir):
    with open(f"{out_dir}/edges.tsv", encoding="utf-8") as edges:
        return [tuple(int(x) for x in line.split("\t")) for line in edges]


def read_pairs(out_dir):
    with open(f"{out_dir}/pairs.tsv", encoding="utf-8") as pairs:
        return [tuple(int(x) for x in line.split("\t")) for line in pairs]


def timed_pass(pairs, shortest_path):
    """Milliseconds per pair, sorted, and how many hop counts differ from factgraph's.
    `shortest_path(source, target)` returns the path's vertices, both ends included."""
    timings = []
    mismatches = 0
    for source, target, hops in pairs:
        started = time.perf_counter()
        path = shortest_path(source, target)
        timings.append((time.perf_counter() - started) * 1000)
        mismatches += len(path) - 1 != hops
    timings.sort()
    return timings, mismatches


def summary(timings):
    def quantile(q):
        return timings[round((len(timings) - 1) * q)]

    return {"p50": quantile(0.5), "p95": quantile(0.95), "mean": statistics.fmean(timings)}


def report(tool, version, load_seconds, pairs, shortest_path):
    """Two passes over the same pairs, as examples/path_bench.rs times them, printed as JSON."""
    first, mismatches = timed_pass(pairs, shortest_path)
    second, _ = timed_pass(pairs, shortest_path)
    print(json.dumps({
        tool: version,
        "load_seconds": load_seconds,
        "pairs": len(first),
        **summary(first),
        "second_pass": summary(second),
        "hop_count_mismatches": mismatches,
    }, indent=2))
