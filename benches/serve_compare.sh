#!/usr/bin/env bash
# Point lookups on two `factgraph serve` servers in alternation, with each server's CPU time
# per request, for telling whether a change helps when the machine's load moves between runs.
# It compares either two builds over one store, or one build over two stores:
#
#   bash benches/serve.sh 20000 15     # once, to make the stores and targets (same BENCH_DIR)
#
#   # Two builds over $BENCH_DIR/fg.db, beside `oxigraph serve-read-only` on $BENCH_DIR/ox.db:
#   bash benches/serve_compare.sh OLD_FACTGRAPH NEW_FACTGRAPH [ROUNDS] [SECONDS]
#
#   # One build over two stores (e.g. the store as ingested and a copy after `optimize`):
#   cp -r $BENCH_DIR/fg.db /tmp/opt.db && factgraph --store /tmp/opt.db optimize
#   bash benches/serve_compare.sh FACTGRAPH STORE_A STORE_B [ROUNDS] [SECONDS]
#
#   (defaults: 3 rounds, 10 s a run). The mode follows the second argument: an executable
#   file means two builds, a directory two stores. A relative STORE is looked for from the
#   current directory, then in BENCH_DIR (so `fg.db` is the one serve.sh left).
#
# Each server runs on a copy of its store (the copy takes the saved entity graph along, so no
# server waits on a build). Each round runs wrk (2 threads, 32 connections, SECONDS) on each
# server in turn: Oxigraph's (two builds only), then the first, then the second; the targets
# are $BENCH_DIR/fg_point.txt (and ox_point.txt for Oxigraph). The report gives every run, with
# the server's CPU ticks over the requests it answered and the load average before it, then per
# round the second's requests/s over the first's (and, with two builds, each build's over
# Oxigraph's), with medians and ranges. Results: $BENCH_DIR/compare/results.md.
set -euo pipefail
usage="usage: serve_compare.sh OLD_FACTGRAPH NEW_FACTGRAPH [ROUNDS] [SECONDS]
   or: serve_compare.sh FACTGRAPH STORE_A STORE_B [ROUNDS] [SECONDS]"
[ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }
work="${BENCH_DIR:-/tmp/factgraph-serve-bench}"
absolute() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
find_store() {  # a store given relative to the current directory, else to BENCH_DIR
  if [ -d "$1" ]; then absolute "$1"
  elif [[ "$1" != /* && -d "$work/$1" ]]; then echo "$work/$1"
  else echo "serve_compare.sh: no store $1 (nor $work/$1)" >&2; exit 1; fi
}
if [ -d "$2" ] || { [[ "$2" != /* ]] && [ -d "$work/$2" ] && [ ! -f "$2" ]; }; then
  mode=stores
  [ $# -ge 3 ] || { echo "$usage" >&2; exit 2; }
  binaries=("$(absolute "$1")" "$(absolute "$1")")
  stores=("$(find_store "$2")" "$(find_store "$3")")
  names=(A B)
  rounds="${4:-3}"
  seconds="${5:-10}"
else
  mode=builds
  binaries=("$(absolute "$1")" "$(absolute "$2")")
  stores=("$work/fg.db" "$work/fg.db")
  names=(old new)
  rounds="${3:-3}"
  seconds="${4:-10}"
fi
cd "$(dirname "$0")/.."
[[ "$rounds" =~ ^[1-9][0-9]*$ && "$seconds" =~ ^[1-9][0-9]*$ ]] \
  || { echo "serve_compare.sh: ROUNDS and SECONDS must be positive numbers, not \"$rounds\" and \"$seconds\"" >&2; exit 2; }
for binary in "${binaries[@]}"; do
  [ -x "$binary" ] && [ -f "$binary" ] || { echo "serve_compare.sh: $binary is not an executable (nor, as the second argument, a store)" >&2; exit 2; }
done
needed=(fg_point.txt)
[ "$mode" = builds ] && needed+=(fg.db ox.db ox_point.txt)
for made in "${needed[@]}"; do
  [ -e "$work/$made" ] || { echo "serve_compare.sh: no $work/$made; run benches/serve.sh first (same BENCH_DIR)" >&2; exit 1; }
done
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
compare="$work/compare"
rm -rf "$compare" && mkdir -p "$compare"

# Servers: k = 0 and 1 the two factgraph servers, then Oxigraph's (two builds only).
pids=()
urls=()
targets=("$work/fg_point.txt" "$work/fg_point.txt")
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
for k in 0 1; do
  cp -r "${stores[$k]}" "$compare/${names[$k]}.db"
  "${binaries[$k]}" --store "$compare/${names[$k]}.db" serve --bind 127.0.0.1:0 --max-concurrent 256 \
    2> "$compare/${names[$k]}.log" &
  pids+=($!)
  for _ in $(seq 600); do grep -q "at http://" "$compare/${names[$k]}.log" && break; sleep 0.5; done
  urls+=("$(grep -o 'http://127.0.0.1:[0-9]*' "$compare/${names[$k]}.log" | head -1)")
  [ -n "${urls[$k]}" ] || { echo "serve_compare.sh: the ${names[$k]} server did not start; see $compare/${names[$k]}.log" >&2; exit 1; }
done
order=(0 1)
if [ "$mode" = builds ]; then
  oxigraph="${OXIGRAPH:-$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/oxigraph}"
  [ -x "$oxigraph" ] || python3 -m pip install --quiet oxigraph==0.5.13
  ox_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$oxigraph" serve-read-only --location "$work/ox.db" --bind "127.0.0.1:$ox_port" 2> "$compare/oxigraph.log" &
  pids+=($!)
  urls+=("http://127.0.0.1:$ox_port")
  names+=(oxigraph)
  targets+=("$work/ox_point.txt")
  for _ in $(seq 600); do curl -sf "${urls[2]}/query?query=ASK%7B%7D" >/dev/null && break; sleep 0.5; done
  order=(2 0 1)
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for round in $(seq "$rounds"); do
  for k in "${order[@]}"; do
    name="${names[$k]}.$round"
    cut -d' ' -f1 /proc/loadavg > "$compare/$name.load"
    before=$(cpu_ticks "${pids[$k]}")
    wrk -t2 -c32 -d"${seconds}s" --timeout 60s -s benches/wrk_targets.lua "${urls[$k]}" -- "${targets[$k]}" \
      | tail -1 > "$compare/$name.json"
    echo $(( $(cpu_ticks "${pids[$k]}") - before )) > "$compare/$name.ticks"
    echo "serve_compare.sh: $name $(cat "$compare/$name.json")" >&2
  done
done

python3 - "$compare" "$mode" "$rounds" "$seconds" "$(getconf CLK_TCK)" \
  "${binaries[0]}" "${binaries[1]}" "${stores[0]}" "${stores[1]}" <<'PY' | tee "$compare/results.md"
import json, statistics, sys
compare, mode, rounds, seconds, ticks_per_second = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5])
binaries, stores = sys.argv[6:8], sys.argv[8:10]
def run(name):
    result = json.load(open(f"{compare}/{name}.json"))
    ticks = int(open(f"{compare}/{name}.ticks").read())
    result["cpu_us"] = ticks / ticks_per_second * 1e6 / max(result["requests"], 1)
    result["load"] = open(f"{compare}/{name}.load").read().strip()
    return result
def spread(values, digits=3):
    return (f"**median {statistics.median(values):.{digits}f}** "
            f"(min {min(values):.{digits}f}, max {max(values):.{digits}f})")
first, second = ("old", "new") if mode == "builds" else ("A", "B")
servers = ["oxigraph", first, second] if mode == "builds" else [first, second]
if mode == "builds":
    print(f"## Point lookups, two builds of factgraph serve beside Oxigraph's server ({rounds} rounds, {seconds} s a run)\n")
    print(f"- old: `{binaries[0]}`\n- new: `{binaries[1]}`\n- store: `{stores[0]}` (a copy for each)\n")
else:
    print(f"## Point lookups, one build of factgraph serve over two stores ({rounds} rounds, {seconds} s a run)\n")
    print(f"- build: `{binaries[0]}`\n- A: `{stores[0]}`\n- B: `{stores[1]}` (a copy of each)\n")
print("| round | server | requests/s | p50 ms | p99 ms | server CPU µs a request | errors | load average before |")
print("|---:|---|---:|---:|---:|---:|---:|---:|")
runs = {name: [] for name in servers}
for round in range(1, rounds + 1):
    for name in servers:
        r = run(f"{name}.{round}")
        runs[name].append(r)
        print(f"| {round} | {name} | {r['rps']:,.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | "
              f"{r['cpu_us']:.0f} | {sum(r['errors'].values())} | {r['load']} |")
print()
ratio = [b["rps"] / a["rps"] for a, b in zip(runs[first], runs[second])]
print(f"- {second} ÷ {first} requests/s, by round: {', '.join(f'{v:.3f}' for v in ratio)}; {spread(ratio)}")
for name in servers:
    print(f"- {name}: server CPU µs a request {spread([r['cpu_us'] for r in runs[name]], 0)}")
if mode == "builds":
    for name in (first, second):
        values = [r["rps"] / ox["rps"] for r, ox in zip(runs[name], runs["oxigraph"])]
        print(f"- {name} ÷ oxigraph requests/s, by round: {', '.join(f'{v:.3f}' for v in values)}; {spread(values)}")
errors = sum(sum(r["errors"].values()) for values in runs.values() for r in values)
if errors:
    print(f"- **{errors} requests failed** (wrk's errors above); the figures count only the answered ones")
PY
echo "- machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1), $(uname -sr); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$compare/results.md"
