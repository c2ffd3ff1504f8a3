#!/usr/bin/env bash
# Path-engine benchmark: bash benches/paths.sh [SHEETS]   (default 100000 sheets = 1M facts)
# Generates the synthetic corpus, ingests it, then runs examples/path_bench.rs (projection build,
# shortest / k-shortest / all paths, SPARQL property-path reachability on ASK_PAIRS pairs, 20,
# each cancelled after ASK_TIMEOUT seconds, 60; k shortest and all paths on SEARCH_PAIRS, 20)
# and, on the same edge list and pairs, networkx, igraph and NetworKit (benches/requirements.txt).
# FG_STORE=DIR runs on a store already ingested instead (its saved graph is removed and built
# again). Build first: cargo build --release --locked --examples
set -euo pipefail
cd "$(dirname "$0")/.."
sheets="${1:-100000}"
work="${BENCH_DIR:-/tmp/factgraph-paths-bench}"
target="${CARGO_TARGET_DIR:-target}/release"
factgraph="${FACTGRAPH:-$target/factgraph}"
bench="${PATH_BENCH:-$target/examples/path_bench}"
scan="${STORE_SCAN:-$target/examples/store_scan}"
for binary in "$factgraph" "$bench" "$scan"; do
  [ -x "$binary" ] || { echo "paths.sh: $binary is missing; run \`cargo build --release --locked --examples\` first" >&2; exit 1; }
done
python3 -c 'import networkx, igraph, networkit' 2>/dev/null || python3 -m pip install --quiet -r benches/requirements.txt

rm -rf "$work" && mkdir -p "$work"
store="${FG_STORE:-$work/fg.db}"
if [ -z "${FG_STORE:-}" ]; then
  python3 benches/gen_corpus.py --sheets "$sheets" --out "$work/corpus"
  "$factgraph" --store "$store" ingest --quiet "$work/corpus"
  rm -rf "$work/corpus"
fi
"$bench" "$store" "$work/out" 1000 "${SEARCH_PAIRS:-20}" "${ASK_PAIRS:-20}" "${ASK_TIMEOUT:-60}" | tee "$work/factgraph.json"
python3 benches/paths_networkx.py "$work/out" | tee "$work/networkx.json"
python3 benches/paths_igraph.py "$work/out" | tee "$work/igraph.json"
python3 benches/paths_networkit.py "$work/out" | tee "$work/networkit.json"
# What a build from the store's quads waits for at least: the storage engine's scan of them.
"$scan" "$store" | tee "$work/scan.json"
python3 - "$work" "$sheets" <<'PY'
import json, sys
work, sheets = sys.argv[1], sys.argv[2]
fg = json.load(open(f"{work}/factgraph.json"))
nx = json.load(open(f"{work}/networkx.json"))
ig = json.load(open(f"{work}/igraph.json"))
nk = json.load(open(f"{work}/networkit.json"))
scan = json.load(open(f"{work}/scan.json"))
print(f"\n## Paths: {sheets} sheets, {fg['entities']:,} entities, {fg['edges']:,} edges\n")
print("| measure | factgraph | other tool |")
print("|---|---:|---:|")
print(f"| projection build | {fg['build_seconds']:.2f} s ({fg['edges_per_second']:,.0f} edges/s), {fg['bytes_per_edge']:.0f} B/edge resident | graph load from the edge list: networkx {nx['load_seconds']:.2f} s, igraph {ig['load_seconds']:.2f} s, NetworKit {nk['load_seconds']:.2f} s |")
print(f"| scan of the store's quads alone (examples/store_scan.rs), the bound it sets on a build | {scan['quads']:,} quads in {scan['seconds']:.2f} s ({scan['quads_per_second']:,.0f} quads/s, {scan['quads_per_edge']:.1f} quads an edge: at most {scan['edges_per_second_bound_one_thread']:,.0f} edges/s a thread) | |")
print(f"| projection load (saved beside the store by the build) | {fg['load_seconds']:.2f} s ({fg['load_edges_per_second']:,.0f} edges/s), {fg['load_bytes_per_edge']:.0f} B/edge resident ({fg['load_bytes_per_edge_with_adjacency_index']:.0f} with the adjacency index) | networkx {nx['load_seconds']:.2f} s, igraph {ig['load_seconds']:.2f} s, NetworKit {nk['load_seconds']:.2f} s |")
print(f"| shortest path, {fg['pairs']} connected pairs, p50 / p95 | {fg['shortest_ms']['p50']:.4f} / {fg['shortest_ms']['p95']:.4f} ms | networkx {nx['p50']:.4f} / {nx['p95']:.4f} ms; igraph {ig['p50']:.4f} / {ig['p95']:.4f} ms; NetworKit {nk['p50']:.4f} / {nk['p95']:.4f} ms |")
sp, nsp, isp, ksp = fg['shortest_second_pass_ms'], nx['second_pass'], ig['second_pass'], nk['second_pass']
print(f"| the same pairs again, p50 / p95 / mean | {sp['p50']:.4f} / {sp['p95']:.4f} / {sp['mean']:.4f} ms | networkx {nsp['p50']:.4f} / {nsp['p95']:.4f} / {nsp['mean']:.4f} ms; igraph {isp['p50']:.4f} / {isp['p95']:.4f} / {isp['mean']:.4f} ms; NetworKit {ksp['p50']:.4f} / {ksp['p95']:.4f} / {ksp['mean']:.4f} ms |")
ask = fg['sparql_property_path_ask_ms']
if ask['pairs']:
  print(f"| reachability, {ask['pairs']} pairs: {ask['timed_out']} timed out at {ask['timeout_seconds']} s; p50 / p95, a time-out counted as {ask['timeout_seconds']} s | (shortest path above) | Oxigraph SPARQL property-path ASK {ask['p50']:.1f} / {ask['p95']:.1f} ms ({ask['answered']} answered: p50 / p95 {ask['answered_p50']:.1f} / {ask['answered_p95']:.1f} ms) |")
k = fg['k5_ms']; a = fg['all_paths_4_hops_limit_1000_ms']
if k['pairs']:
  print(f"| k = 5 shortest, {k['pairs']} pairs, p50 / p95 | {k['p50']:.2f} / {k['p95']:.2f} ms | |")
  print(f"| all paths ≤ 4 hops (limit 1000), {a['pairs']} pairs, p50 / p95 | {a['p50']:.2f} / {a['p95']:.2f} ms ({a['paths']} paths) | |")
print(f"\nper query: networkx p50 / factgraph p50 = {nx['p50'] / fg['shortest_ms']['p50']:.0f}x (second pass {nsp['p50'] / sp['p50']:.0f}x); "
      f"igraph p50 / factgraph p50 = {ig['p50'] / fg['shortest_ms']['p50']:.1f}x (second pass {isp['p50'] / sp['p50']:.1f}x); "
      f"NetworKit p50 / factgraph p50 = {nk['p50'] / fg['shortest_ms']['p50']:.1f}x (second pass {ksp['p50'] / sp['p50']:.1f}x); "
      + (f"property-path ASK p50 / factgraph p50 = {ask['p50'] / fg['shortest_ms']['p50']:.0f}x (at least, with time-outs); " if ask['pairs'] else "")
      + f"hop-count mismatches with networkx: {nx['hop_count_mismatches']}, with igraph: {ig['hop_count_mismatches']}, "
      f"with NetworKit: {nk['hop_count_mismatches']}")
PY
