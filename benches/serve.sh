#!/usr/bin/env bash
# Load benchmark of `factgraph serve`, with Oxigraph's own server on the same data as the
# reference, on one machine over loopback:
#
#   cargo build --release --locked && [RUNS=3] bash benches/serve.sh [SHEETS] [SECONDS]     # 100000 sheets, 30 s
#
# 1. generates SHEETS synthetic fact sheets (10 facts each) and 10,000 more about the same
#    entities, ingests the first set into fg.db, exports it as N-Quads and loads that into an
#    Oxigraph store (ox.db);
# 2. starts `factgraph serve --writable` on fg.db and `oxigraph serve-read-only` on ox.db, both
#    on 127.0.0.1;
# 3. runs wrk (32 connections, SECONDS each, random targets from files): a point lookup query on
#    both servers, RUNS rounds (default 3) of Oxigraph's then factgraph's, each round giving a
#    ratio of requests/s (the report gives the median and range, with the load average before
#    each run); then /api/neighbors (2 hops) and /api/path on factgraph; then the same three
#    on factgraph while benches/post_sheets.py uploads the 10,000 extra sheets one by one
#    (left to finish after the runs; the results say how long it took, whether it outlasted
#    the runs, and how often and how fast the entity graph followed it);
# 4. writes results.md in the work directory (BENCH_DIR, default /tmp/factgraph-serve-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
sheets="${1:-100000}"
seconds="${2:-30}"
connections=32
work="${BENCH_DIR:-/tmp/factgraph-serve-bench}"
runs="${RUNS:-3}"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "serve.sh: RUNS must be a positive number, not \"$runs\"" >&2; exit 2; }
factgraph="${FACTGRAPH:-${CARGO_TARGET_DIR:-target}/release/factgraph}"
[ -x "$factgraph" ] || { echo "serve.sh: no $factgraph; run \`cargo build --release --locked\` first" >&2; exit 1; }
oxigraph="${OXIGRAPH:-$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/oxigraph}"
[ -x "$oxigraph" ] || python3 -m pip install --quiet oxigraph==0.5.13
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }

rm -rf "$work" && mkdir -p "$work"
python3 benches/gen_corpus.py --sheets "$sheets" --out "$work/corpus"
pool=$(( sheets > 1000 ? sheets : 1000 ))
python3 benches/gen_corpus.py --sheets 10000 --entities "$pool" --continue-after "$sheets" --out "$work/extra"
"$factgraph" --store "$work/fg.db" ingest --quiet "$work/corpus"
rm -rf "$work/corpus"
"$factgraph" --store "$work/fg.db" export --format nquads -o "$work/dump.nq"
"$oxigraph" load --location "$work/ox.db" --file "$work/dump.nq"
rm -f "$work/dump.nq"

# Targets: random entities; pairs of them for paths.
"$factgraph" --store "$work/fg.db" query --format tsv \
  'SELECT ?e WHERE { ?e rdfs:label ?l } ORDER BY RAND() LIMIT 2000' | tail -n +2 | tr -d '<>' > "$work/entities.txt"
python3 - "$work" <<'PY'
import sys, random
from urllib.parse import quote
work = sys.argv[1]
entities = open(f"{work}/entities.txt").read().split()
random.seed(7)
label = "<http://www.w3.org/2000/01/rdf-schema#label>"
def point(endpoint):
    return [f"{endpoint}?query=" + quote(f"SELECT ?label WHERE {{ <{e}> {label} ?label }}") for e in entities]
open(f"{work}/fg_point.txt", "w").write("\n".join(point("/sparql")) + "\n")
open(f"{work}/ox_point.txt", "w").write("\n".join(point("/query")) + "\n")
open(f"{work}/neighbors.txt", "w").write("\n".join(f"/api/neighbors?hops=2&name={quote(e, safe='')}" for e in entities[:500]) + "\n")
pairs = [random.sample(entities, 2) for _ in range(500)]
open(f"{work}/path.txt", "w").write("\n".join(f"/api/path?from={quote(a, safe='')}&to={quote(b, safe='')}" for a, b in pairs) + "\n")
PY

head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$work/token"
"$factgraph" --store "$work/fg.db" serve --bind 127.0.0.1:0 --writable --token-file "$work/token" \
  --max-concurrent 256 2> "$work/factgraph.log" &
fg_pid=$!
ox_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$oxigraph" serve-read-only --location "$work/ox.db" --bind "127.0.0.1:$ox_port" 2> "$work/oxigraph.log" &
ox_pid=$!
trap 'kill $fg_pid $ox_pid 2>/dev/null || true' EXIT
for _ in $(seq 600); do grep -q "at http://" "$work/factgraph.log" && break; sleep 0.5; done
fg="$(grep -o 'http://127.0.0.1:[0-9]*' "$work/factgraph.log" | head -1)"
ox="http://127.0.0.1:$ox_port"
for _ in $(seq 600); do curl -sf "$ox/query?query=ASK%7B%7D" >/dev/null && break; sleep 0.5; done
# The entity graph is built in the background at start; wait for it, and time it.
started=$(date +%s.%N)
first_path=$(head -1 "$work/path.txt")
until curl -sf "$fg$first_path" >/dev/null; do sleep 0.5; done
python3 -c "import json, time; print(json.dumps({'graph_ready_seconds': round(time.time() - $started, 2)}))" > "$work/graph_ready.json"

run() {  # name base-url targets-file
  cut -d' ' -f1 /proc/loadavg > "$work/$1.load"
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 60s -s benches/wrk_targets.lua "$2" -- "$3" \
    | tail -1 > "$work/$1.json"
  echo "serve.sh: $1 $(cat "$work/$1.json")" >&2
}
for round in $(seq "$runs"); do
  run "ox_point.$round" "$ox" "$work/ox_point.txt"
  run "fg_point.$round" "$fg" "$work/fg_point.txt"
done
run fg_neighbors "$fg" "$work/neighbors.txt"
run fg_path "$fg" "$work/path.txt"
rss() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }
echo "{\"factgraph_kb\": $(rss $fg_pid), \"oxigraph_kb\": $(rss $ox_pid)}" > "$work/rss_before_ingest.json"

python3 benches/post_sheets.py "$fg" "$work/token" "$work/extra" > "$work/upload.log" &
ingest_pid=$!
run fg_point_ingesting "$fg" "$work/fg_point.txt"
run fg_neighbors_ingesting "$fg" "$work/neighbors.txt"
run fg_path_ingesting "$fg" "$work/path.txt"
runs_ended=$(date +%s.%N)
# The runs are over; the upload goes on to its last sheet.
wait "$ingest_pid" 2>/dev/null || true
python3 - "$work" "$runs_ended" > "$work/ingest.json" <<'PY'
import json, sys
def entries(path):
    for line in open(path):
        try:
            yield json.loads(line)
        except ValueError:  # the line being written when we read, or not JSON
            continue
log = list(entries(f"{sys.argv[1]}/factgraph.log"))
uploads = [e for e in log if e.get("path") == "/api/articles"]
seconds = uploads[-1]["time"] - uploads[0]["time"] if uploads else 0
updates = [e for e in log if e.get("event") == "entity graph ready" and e.get("how") == "patched"]
update_ms = sorted(e["ms"] for e in updates) or [0]
print(json.dumps({"sheets": len(uploads), "seconds": round(seconds, 2),
                  "failed": sum(u["status"] != 201 for u in uploads),
                  "ended_after_runs_s": round(uploads[-1]["time"] - float(sys.argv[2]), 1) if uploads else None,
                  "graph_updates": len(updates),
                  "graph_update_p50_ms": update_ms[len(update_ms) // 2],
                  "graph_update_max_ms": update_ms[-1]}))
PY
echo "{\"factgraph_kb\": $(rss $fg_pid), \"oxigraph_kb\": $(rss $ox_pid)}" > "$work/rss_after_ingest.json"

python3 - "$work" "$sheets" "$seconds" "$connections" "$runs" <<'PY' | tee "$work/results.md"
import json, statistics, sys
work, sheets, seconds, connections, runs = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5])
load = lambda name: json.load(open(f"{work}/{name}.json"))
average = lambda name: open(f"{work}/{name}.load").read().strip()
print(f"## Server load: {sheets:,} sheets ({sheets * 10:,} facts), {connections} connections, {seconds} s per run\n")
print("| server | workload | requests/s | p50 ms | p99 ms | errors | load average before |")
print("|---|---|---:|---:|---:|---:|---:|")
rows = [row for round in range(1, runs + 1)
        for row in [(f"oxigraph serve-read-only, round {round}", "point lookup (SPARQL)", f"ox_point.{round}"),
                    (f"factgraph serve, round {round}", "point lookup (SPARQL)", f"fg_point.{round}")]]
rows += [("factgraph serve", "2-hop neighbourhood (/api/neighbors)", "fg_neighbors"),
        ("factgraph serve", "path (/api/path)", "fg_path"),
        ("factgraph serve, during upload", "point lookup (SPARQL)", "fg_point_ingesting"),
        ("factgraph serve, during upload", "2-hop neighbourhood", "fg_neighbors_ingesting"),
        ("factgraph serve, during upload", "path", "fg_path_ingesting")]
for server, workload, name in rows:
    r = load(name)
    errors = sum(r["errors"].values())
    print(f"| {server} | {workload} | {r['rps']:,.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | {errors} | {average(name)} |")
ratios = [load(f"fg_point.{round}")["rps"] / load(f"ox_point.{round}")["rps"] for round in range(1, runs + 1)]
ingest, before, after = load("ingest"), load("rss_before_ingest"), load("rss_after_ingest")
print(f"\n- point lookup: factgraph ÷ oxigraph requests/s, by round: {', '.join(f'{r:.3f}' for r in ratios)}; "
      f"**median {statistics.median(ratios):.3f}** (min {min(ratios):.3f}, max {max(ratios):.3f})")
print(f"- upload: {ingest['sheets']:,} sheets in {ingest['seconds']:.0f} s "
      f"({ingest['sheets'] / max(ingest['seconds'], 1):.1f} sheets/s), {ingest['failed']} failed; "
      f"it ended {ingest['ended_after_runs_s']} s after the last run (negative: before it)")
print(f"- entity graph patched {ingest['graph_updates']:,} times during the upload: "
      f"p50 {ingest['graph_update_p50_ms']:,.0f} ms, max {ingest['graph_update_max_ms']:,.0f} ms")
print(f"- peak RSS: factgraph {before['factgraph_kb'] / 1024:,.0f} MB before the upload, "
      f"{after['factgraph_kb'] / 1024:,.0f} MB after; oxigraph {after['oxigraph_kb'] / 1024:,.0f} MB")
print(f"- entity graph ready {load('graph_ready')['graph_ready_seconds']:.0f} s after start")
PY
echo "- machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1), $(uname -sr); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$work/results.md"
