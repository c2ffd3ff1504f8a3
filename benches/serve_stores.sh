#!/usr/bin/env bash
# Point lookups on one build of `factgraph serve` over two stores, in alternation, with the
# server's CPU time per request: for telling what a store's layout (as `ingest` leaves it, or
# after `factgraph optimize`) costs a query, with the same binary and the same load beside it.
#
#   bash benches/serve.sh 20000 15     # once, to make fg.db and fg_point.txt
#   cp -r $BENCH_DIR/fg.db /tmp/b.db && factgraph --store /tmp/b.db optimize
#   bash benches/serve_stores.sh FACTGRAPH STORE_A STORE_B [ROUNDS] [SECONDS]   # 3 rounds, 10 s
#
# Each round runs wrk (2 threads, 32 connections, SECONDS) on a server over a copy of STORE_A,
# then on one over a copy of STORE_B; targets are $BENCH_DIR/fg_point.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:?usage: serve_stores.sh FACTGRAPH STORE_A STORE_B [ROUNDS] [SECONDS]}"
store_a="${2:?usage: serve_stores.sh FACTGRAPH STORE_A STORE_B [ROUNDS] [SECONDS]}"
store_b="${3:?usage: serve_stores.sh FACTGRAPH STORE_A STORE_B [ROUNDS] [SECONDS]}"
rounds="${4:-3}"
seconds="${5:-10}"
work="${BENCH_DIR:-/tmp/factgraph-serve-bench}"
[ -x "$binary" ] || { echo "serve_stores.sh: $binary is not an executable" >&2; exit 2; }
[ -e "$work/fg_point.txt" ] || { echo "serve_stores.sh: no $work/fg_point.txt; run benches/serve.sh first (same BENCH_DIR)" >&2; exit 1; }
stores="$work/stores"
rm -rf "$stores" && mkdir -p "$stores"

pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
urls=()
for side in a b; do
  source_store="$store_a"; [ "$side" = b ] && source_store="$store_b"
  cp -r "$source_store" "$stores/$side.db"
  "$binary" --store "$stores/$side.db" serve --bind 127.0.0.1:0 --max-concurrent 256 2> "$stores/$side.log" &
  pids+=($!)
  for _ in $(seq 600); do grep -q "at http://" "$stores/$side.log" && break; sleep 0.5; done
  urls+=("$(grep -o 'http://127.0.0.1:[0-9]*' "$stores/$side.log" | head -1)")
done

echo "| round | store | requests/s | p50 ms | p99 ms | server CPU µs a request | errors | load average before |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for round in $(seq "$rounds"); do
  for k in 0 1; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    before=$(cpu_ticks "${pids[$k]}")
    result=$(wrk -t2 -c32 -d"${seconds}s" --timeout 60s -s benches/wrk_targets.lua "${urls[$k]}" -- "$work/fg_point.txt" | tail -1)
    ticks=$(( $(cpu_ticks "${pids[$k]}") - before ))
    python3 - "$result" "$round" "$k" "$ticks" "$(getconf CLK_TCK)" "$load" <<'PY'
import json, sys
result, round_, k, ticks, per_second, load = sys.argv[1:]
r = json.loads(result)
cpu_us = int(ticks) / int(per_second) * 1e6 / max(r["requests"], 1)
print(f"| {round_} | {'AB'[int(k)]} | {r['rps']:,.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | "
      f"{cpu_us:.0f} | {sum(r['errors'].values())} | {load} |")
PY
  done
done
echo
echo "- A: \`$store_a\`; B: \`$store_b\`; binary \`$binary\`"
echo "- machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1), $(uname -sr); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
