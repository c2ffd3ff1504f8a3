#!/usr/bin/env bash
# Point lookups on two builds of `factgraph serve` and on `oxigraph serve-read-only`, in
# alternation on the stores a run of benches/serve.sh left, with each server's CPU time per
# request; for telling whether a change to the server helps when the machine's load moves
# between runs:
#
#   bash benches/serve.sh 20000 15     # once, to make the stores and targets
#   bash benches/serve_compare.sh OLD_FACTGRAPH NEW_FACTGRAPH [ROUNDS] [SECONDS]   # 3 rounds, 10 s
#
# Each round runs wrk (2 threads, 32 connections, SECONDS) on Oxigraph's server, then the old
# build, then the new one, each on a copy of the same store; the report gives every run and, per
# build, the median and range of its requests/s over Oxigraph's in the same round.
set -euo pipefail
cd "$(dirname "$0")/.."
old="${1:?usage: serve_compare.sh OLD_FACTGRAPH NEW_FACTGRAPH [ROUNDS] [SECONDS]}"
new="${2:?usage: serve_compare.sh OLD_FACTGRAPH NEW_FACTGRAPH [ROUNDS] [SECONDS]}"
rounds="${3:-3}"
seconds="${4:-10}"
work="${BENCH_DIR:-/tmp/factgraph-serve-bench}"
for binary in "$old" "$new"; do
  [ -x "$binary" ] || { echo "serve_compare.sh: $binary is not an executable" >&2; exit 2; }
done
for made in fg.db ox.db fg_point.txt ox_point.txt; do
  [ -e "$work/$made" ] || { echo "serve_compare.sh: no $work/$made; run benches/serve.sh first (same BENCH_DIR)" >&2; exit 1; }
done
oxigraph="${OXIGRAPH:-$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))')/oxigraph}"
compare="$work/compare"
rm -rf "$compare" && mkdir -p "$compare"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
ox_port=$(free_port)
"$oxigraph" serve-read-only --location "$work/ox.db" --bind "127.0.0.1:$ox_port" 2> "$compare/oxigraph.log" &
pids+=($!)
urls=("http://127.0.0.1:$ox_port")
for side in old new; do
  binary="$old"; [ "$side" = new ] && binary="$new"
  # The copy takes the saved entity graph along (it lives in the store's folder), so neither
  # server waits on a build.
  cp -r "$work/fg.db" "$compare/$side.db"
  "$binary" --store "$compare/$side.db" serve --bind 127.0.0.1:0 --max-concurrent 256 2> "$compare/$side.log" &
  pids+=($!)
  for _ in $(seq 600); do grep -q "at http://" "$compare/$side.log" && break; sleep 0.5; done
  urls+=("$(grep -o 'http://127.0.0.1:[0-9]*' "$compare/$side.log" | head -1)")
done
for _ in $(seq 600); do curl -sf "${urls[0]}/query?query=ASK%7B%7D" >/dev/null && break; sleep 0.5; done

names=(oxigraph old new)
targets=("$work/ox_point.txt" "$work/fg_point.txt" "$work/fg_point.txt")
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
for round in $(seq "$rounds"); do
  for k in 0 1 2; do
    name="${names[$k]}.$round"
    cut -d' ' -f1 /proc/loadavg > "$compare/$name.load"
    before=$(cpu_ticks "${pids[$k]}")
    wrk -t2 -c32 -d"${seconds}s" --timeout 60s -s benches/wrk_targets.lua "${urls[$k]}" -- "${targets[$k]}" \
      | tail -1 > "$compare/$name.json"
    echo $(( $(cpu_ticks "${pids[$k]}") - before )) > "$compare/$name.ticks"
    echo "serve_compare.sh: $name $(cat "$compare/$name.json")" >&2
  done
done

python3 - "$compare" "$rounds" "$seconds" "$(getconf CLK_TCK)" "$old" "$new" <<'PY' | tee "$compare/results.md"
import json, statistics, sys
compare, rounds, seconds, ticks_per_second, old, new = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5], sys.argv[6]
def run(name):
    result = json.load(open(f"{compare}/{name}.json"))
    ticks = int(open(f"{compare}/{name}.ticks").read())
    result["cpu_us"] = ticks / ticks_per_second * 1e6 / max(result["requests"], 1)
    result["load"] = open(f"{compare}/{name}.load").read().strip()
    return result
print(f"## Point lookups, two builds of factgraph serve beside Oxigraph's server ({rounds} rounds, {seconds} s a run)\n")
print(f"- old: `{old}`\n- new: `{new}`\n")
print("| round | server | requests/s | p50 ms | p99 ms | server CPU µs a request | errors | load average before |")
print("|---:|---|---:|---:|---:|---:|---:|---:|")
ratios = {"old": [], "new": []}
for round in range(1, rounds + 1):
    ox = run(f"oxigraph.{round}")
    for name in ("oxigraph", "old", "new"):
        r = run(f"{name}.{round}")
        if name != "oxigraph":
            ratios[name].append(r["rps"] / ox["rps"])
        print(f"| {round} | {name} | {r['rps']:,.0f} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} | "
              f"{r['cpu_us']:.0f} | {sum(r['errors'].values())} | {r['load']} |")
print()
for name, values in ratios.items():
    print(f"- {name} ÷ oxigraph requests/s, by round: {', '.join(f'{v:.3f}' for v in values)}; "
          f"**median {statistics.median(values):.3f}** (min {min(values):.3f}, max {max(values):.3f})")
PY
echo "- machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1), $(uname -sr); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$compare/results.md"
