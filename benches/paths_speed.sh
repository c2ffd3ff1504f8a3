#!/usr/bin/env bash
# The default path query's speed: bash benches/paths_speed.sh [SHEETS [PAIRS [NETWORKX_PAIRS [PLAIN_PAIRS]]]]
# (default 100000 sheets = 1M facts, 2000 pairs, networkx on the first 500 of them, the plain
# search on all of them: at 10M facts it takes about 0.2 s a pair, pass fewer).
# Generates the synthetic corpus, then runs `path_bench --sheets` on it: the graph is built
# straight from the sheets, with no store (one of ten million facts takes most of an hour to
# ingest and 36 GB of disk), and the plain search the default query used before is timed beside
# the fast one on the same pairs; then networkx on the same facts and pairs. The corpus is
# deleted at the end (10M facts: 3.2 GB). Build first: cargo build --release --examples
set -euo pipefail
cd "$(dirname "$0")/.."
sheets="${1:-100000}"
pairs="${2:-2000}"
networkx_pairs="${3:-500}"
plain_pairs="${4:-$pairs}"
work="${BENCH_DIR:-/tmp/factgraph-paths-speed}"
bench="${PATH_BENCH:-${CARGO_TARGET_DIR:-target}/release/examples/path_bench}"
[ -x "$bench" ] || { echo "paths_speed.sh: $bench is missing; run \`cargo build --release --examples\` first" >&2; exit 1; }
python3 -c 'import networkx' 2>/dev/null || python3 -m pip install --quiet networkx

rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work/corpus"' EXIT
python3 benches/gen_corpus.py --sheets "$sheets" --identical-names --out "$work/corpus"
uptime
"$bench" --sheets "$work/corpus" "$work/out" "$pairs" "$plain_pairs" | tee "$work/factgraph.json"
rm -rf "$work/corpus"
uptime
python3 benches/paths_specific_networkx.py "$work/out" "$networkx_pairs" | tee "$work/networkx.json"
uptime
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
fg = json.load(open(f"{work}/factgraph.json"))
nx = json.load(open(f"{work}/networkx.json"))
row = lambda t: f"{t['p50']:.3f} / {t['p95']:.3f} / {t['p99']:.3f} / {t['mean']:.3f}"
print(f"\n{fg['facts']:,} facts, {fg['entities']:,} entities, {fg['edges']:,} edges; {fg['pairs']} pairs "
      f"(networkx: the first {nx['pairs']}); ms, p50 / p95 / p99 / mean\n")
print("| search | ms |")
print("|---|---:|")
print(f"| default (specific), plain search as before (first {fg['plain_pairs']} pairs) | {row(fg['specific_plain_ms'])} |")
print(f"| default (specific), fast search without the hub table | {row(fg['specific_without_hub_table_ms'])} |")
print(f"| default (specific), with the hub table | **{row(fg['specific_fast_ms'])}** |")
print(f"| default, fast search and the answer's robustness | {row(fg['specific_fast_with_robustness_ms'])} |")
print(f"| `--weight hops` | {row(fg['hops_ms'])} |")
print(f"| networkx `bidirectional_dijkstra`, specific weight | {row(nx['specific_ms'])} |")
print(f"| networkx `shortest_path` (hops) | {row(nx['hops_ms'])} |")
print(f"\nanswers that differ between the plain search and the default query: {fg['answers_that_differ']} "
      f"of {fg['plain_pairs']}, between the search without the hub table and the default query: "
      f"{fg['answers_that_differ_without_table']}; answered by the hub table: {fg['answered_by_hub_table']}; "
      f"hub table built in {fg['hub_table_seconds']:.1f} s, {fg['hub_table_bytes'] / 2**20:.0f} MiB; "
      f"networkx costs that differ: {nx['cost_mismatches']}, hop counts: {nx['hop_count_mismatches']}; "
      f"plain / fast at p50: {fg['specific_plain_ms']['p50'] / fg['specific_fast_ms']['p50']:.1f}x; "
      f"graph built in {fg['build_seconds']:.1f} s, hop costs and index in {fg['index_seconds']:.2f} s, "
      f"peak resident {fg['peak_resident_bytes'] / 2**30:.2f} GiB")
PY
