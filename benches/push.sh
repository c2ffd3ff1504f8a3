#!/usr/bin/env bash
# Push benchmark: `factgraph push` of a synthetic corpus to Oxigraph's server on 127.0.0.1,
# against loading the same quads with `oxigraph load` into a store directly, in the same run.
#
#   cargo build --release --locked && [RUNS=3] [REUSE=1] bash benches/push.sh [SHEETS] [PARALLEL] [PROTOCOL] [BATCH]
#   (defaults: 100000 sheets, 4 requests in flight, protocol graph-store; graphs per request:
#   50 for the update protocol, all in one streamed request for bulk)
#
# The store is ingested and optimized once; then RUNS rounds (default 3), each an `oxigraph
# load` into a new store and a push to a server on a new store, one after the other. Each round
# gives a ratio of quads/s, without and with the optimize the push needs (timed once, added to
# each round's push); the report gives their medians and ranges, with the load average before
# each run.
#
# Work directory: BENCH_DIR (default /tmp/factgraph-push-bench), recreated; results.md there.
# With REUSE=1, the store, its N-Quads and the optimize's timing a run of the same SHEETS left
# there are kept and only the rounds run (e.g. one protocol after another on the same store).
set -euo pipefail
cd "$(dirname "$0")/.."
sheets="${1:-100000}"
parallel="${2:-4}"
protocol="${3:-graph-store}"
batch="${4:-$([ "$protocol" = bulk ] && echo all || echo 50)}"
work="${BENCH_DIR:-/tmp/factgraph-push-bench}"
runs="${RUNS:-3}"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "push.sh: RUNS must be a positive number, not \"$runs\"" >&2; exit 2; }
factgraph="${FACTGRAPH:-${CARGO_TARGET_DIR:-target}/release/factgraph}"
[ -x "$factgraph" ] || { echo "push.sh: no $factgraph; run \`cargo build --release --locked\` first" >&2; exit 1; }
oxigraph="${OXIGRAPH:-$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/oxigraph}"
[ -x "$oxigraph" ] || python3 -m pip install --quiet oxigraph==0.5.13
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }

if [ "${REUSE:-0}" = 1 ]; then
  [ "$(cat "$work/sheets" 2>/dev/null)" = "$sheets" ] && [ -s "$work/optimize.json" ] && [ -s "$work/dump.nq" ] \
    || { echo "push.sh: REUSE=1, but $work holds no finished run of $sheets sheets" >&2; exit 1; }
  rm -f "$work"/{load,push}.*.{time,load} "$work"/count.* "$work/push.json" "$work/results.md"
else
  rm -rf "$work" && mkdir -p "$work"
  python3 benches/gen_corpus.py --sheets "$sheets" --out "$work/corpus"
  "$factgraph" --store "$work/fg.db" ingest --quiet "$work/corpus"
  rm -rf "$work/corpus"
  # Merges the files of the ingest's bulk loads, as the README advises before a large push.
  /usr/bin/time -f '%e %M' -o "$work/optimize.time" "$factgraph" --store "$work/fg.db" --json optimize > "$work/optimize.json"
  "$factgraph" --store "$work/fg.db" export --format nquads -o "$work/dump.nq"
  echo "$sheets" > "$work/sheets"
fi
quads=$(wc -l < "$work/dump.nq")

load_average() { cut -d' ' -f1 /proc/loadavg; }
server=""
trap '[ -z "$server" ] || kill $server 2>/dev/null || true' EXIT
for run in $(seq "$runs"); do
  # Direct: the bulk loader into a store of its own.
  rm -rf "$work/direct.db" "$work/server.db"
  load_average > "$work/load.$run.load"
  /usr/bin/time -f '%e %M' -o "$work/load.$run.time" \
    "$oxigraph" load --location "$work/direct.db" --file "$work/dump.nq" 2> "$work/load.log"

  # Push: to a server on its own store.
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$oxigraph" serve --location "$work/server.db" --bind "127.0.0.1:$port" 2> "$work/server.log" &
  server=$!
  until curl -sf "http://127.0.0.1:$port/query?query=ASK%7B%7D" >/dev/null; do sleep 0.2; done
  load_average > "$work/push.$run.load"
  /usr/bin/time -f '%e %M' -o "$work/push.$run.time" \
    "$factgraph" --store "$work/fg.db" --json push --quiet --parallel "$parallel" \
    --protocol "$protocol" $([ "$batch" = all ] || echo --batch-size "$batch") \
    --endpoint "http://127.0.0.1:$port" > "$work/push.json"
  curl -sf -H 'Accept: text/tab-separated-values' --data-urlencode \
    'query=SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }' \
    "http://127.0.0.1:$port/query" | tail -1 > "$work/count.$run"
  kill "$server" && wait "$server" 2>/dev/null || true
  server=""
done

python3 - "$work" "$sheets" "$quads" "$runs" "$parallel" "$batch" <<'PY' | tee "$work/results.md"
import json, statistics, sys
work, sheets, quads, runs, parallel, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
push = json.load(open(f"{work}/push.json"))
optimized = json.load(open(f"{work}/optimize.json"))
optimize_s = optimized["seconds"]
how = ("all graphs in one streamed request" if batch == "all" else f"{batch} graphs per request") if push['protocol'] in ("update", "bulk") else "one graph per request"
print(f"## Push: {sheets:,} sheets, {quads:,} quads, {runs} rounds\n")
print(f"factgraph push: {push['graphs_sent']:,} graphs, {parallel} in flight, {push['protocol']}, {how}, to `oxigraph serve` on a new store;")
print("direct: `oxigraph load` of the same N-Quads into a new store; each round both, one after the other.\n")
print("| round | oxigraph load s | quads/s | peak RSS MB | factgraph push s | quads/s | peak RSS MB (client) | push ÷ load | with optimize | quads on the server | load average before each |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
ratios, with_optimize = [], []
for run in range(1, runs + 1):
    push_s, push_kb = map(float, open(f"{work}/push.{run}.time").read().split())
    load_s, load_kb = map(float, open(f"{work}/load.{run}.time").read().split())
    count = int(open(f"{work}/count.{run}").read())
    if count != quads:
        sys.exit(f"push.sh: round {run}: the server holds {count:,} quads after the push, the local store {quads:,}")
    ratios.append(load_s / push_s)
    with_optimize.append(load_s / (push_s + optimize_s))
    loads = open(f"{work}/load.{run}.load").read().strip(), open(f"{work}/push.{run}.load").read().strip()
    print(f"| {run} | {load_s:.1f} | {quads / load_s:,.0f} | {load_kb / 1024:,.0f} | {push_s:.1f} | {quads / push_s:,.0f} | {push_kb / 1024:,.0f} | **{ratios[-1]:.3f}** | {with_optimize[-1]:.3f} | {count:,} | {loads[0]} / {loads[1]} |")
print(f"\n- push ÷ direct load, quads/s: **median {statistics.median(ratios):.3f}** (min {min(ratios):.3f}, max {max(ratios):.3f}) over {runs} rounds")
print(f"- counting the `factgraph optimize` the push needs ({optimize_s:.1f} s, timed once, added to each push): "
      f"median {statistics.median(with_optimize):.3f} (min {min(with_optimize):.3f}, max {max(with_optimize):.3f})")
print(f"- `factgraph optimize` before the pushes: store {optimized['bytes_before'] / 1e6:,.0f} MB -> {optimized['bytes_after'] / 1e6:,.0f} MB")
PY
echo "- machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1), $(uname -sr); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$work/results.md"
