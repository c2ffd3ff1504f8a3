#!/usr/bin/env bash
# Push benchmark: `factgraph push` of a synthetic corpus to Oxigraph's server on 127.0.0.1,
# against loading the same quads with `oxigraph load` into a store directly, in the same run.
#
#   cargo build --release --locked && bash benches/push.sh [SHEETS] [PARALLEL] [PROTOCOL] [BATCH]
#   (defaults: 100000 sheets, 4 requests in flight, protocol graph-store; graphs per request:
#   50 for the update protocol, all in one streamed request for bulk)
#
# Work directory: BENCH_DIR (default /tmp/factgraph-push-bench), recreated; results.md there.
set -euo pipefail
cd "$(dirname "$0")/.."
sheets="${1:-100000}"
parallel="${2:-4}"
protocol="${3:-graph-store}"
batch="${4:-$([ "$protocol" = bulk ] && echo all || echo 50)}"
work="${BENCH_DIR:-/tmp/factgraph-push-bench}"
factgraph="${FACTGRAPH:-${CARGO_TARGET_DIR:-target}/release/factgraph}"
[ -x "$factgraph" ] || { echo "push.sh: no $factgraph; run \`cargo build --release --locked\` first" >&2; exit 1; }
oxigraph="${OXIGRAPH:-$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/oxigraph}"
[ -x "$oxigraph" ] || python3 -m pip install --quiet oxigraph==0.5.13
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time; }

rm -rf "$work" && mkdir -p "$work"
python3 benches/gen_corpus.py --sheets "$sheets" --out "$work/corpus"
"$factgraph" --store "$work/fg.db" ingest --quiet "$work/corpus"
rm -rf "$work/corpus"
# Merges the files of the ingest's bulk loads, as the README advises before a large push.
/usr/bin/time -f '%e %M' -o "$work/optimize.time" "$factgraph" --store "$work/fg.db" --json optimize > "$work/optimize.json"
"$factgraph" --store "$work/fg.db" export --format nquads -o "$work/dump.nq"
quads=$(wc -l < "$work/dump.nq")

# Direct: the bulk loader into a store of its own.
/usr/bin/time -f '%e %M' -o "$work/load.time" \
  "$oxigraph" load --location "$work/direct.db" --file "$work/dump.nq" 2> "$work/load.log"

# Push: to a server on its own store.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$oxigraph" serve --location "$work/server.db" --bind "127.0.0.1:$port" 2> "$work/server.log" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$port/query?query=ASK%7B%7D" >/dev/null; do sleep 0.2; done
/usr/bin/time -f '%e %M' -o "$work/push.time" \
  "$factgraph" --store "$work/fg.db" --json push --quiet --parallel "$parallel" \
  --protocol "$protocol" $([ "$batch" = all ] || echo --batch-size "$batch") \
  --endpoint "http://127.0.0.1:$port" > "$work/push.json"
count=$(curl -sf -H 'Accept: text/tab-separated-values' --data-urlencode \
  'query=SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }' \
  "http://127.0.0.1:$port/query" | tail -1)

python3 - "$work" "$sheets" "$quads" "$count" "$parallel" "$batch" <<'PY' | tee "$work/results.md"
import json, sys
work, sheets, quads, count, parallel, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
push = json.load(open(f"{work}/push.json"))
push_s, push_kb = map(float, open(f"{work}/push.time").read().split())
load_s, load_kb = map(float, open(f"{work}/load.time").read().split())
print(f"## Push: {sheets:,} sheets, {quads:,} quads\n")
print("| tool | wall s | quads/s | peak RSS MB (client) |")
print("|---|---:|---:|---:|")
how = ("all graphs in one streamed request" if batch == "all" else f"{batch} graphs per request") if push['protocol'] in ("update", "bulk") else "one graph per request"
print(f"| factgraph push ({push['graphs_sent']:,} graphs, {parallel} in flight, {push['protocol']}, {how}) to oxigraph serve | {push_s:.1f} | {quads / push_s:,.0f} | {push_kb / 1024:,.0f} |")
print(f"| oxigraph load of the same N-Quads into a store | {load_s:.1f} | {quads / load_s:,.0f} | {load_kb / 1024:,.0f} |")
print(f"\n- push ÷ direct load: {load_s / push_s:.2f}× the quads/s")
print(f"- quads on the server after the push: {count:,} (local: {quads:,})")
optimized = json.load(open(f"{work}/optimize.json"))
print(f"- `factgraph optimize` before the push (not in its time): {optimized['seconds']:.1f} s, "
      f"store {optimized['bytes_before'] / 1e6:,.0f} MB -> {optimized['bytes_after'] / 1e6:,.0f} MB")
PY
