#!/usr/bin/env bash
# Ingest benchmark: factgraph ingest of a synthetic corpus vs. Oxigraph's bulk loader on the
# same quads.
#
#   cargo build --release --locked && bash benches/ingest.sh [SHEETS] [RUNS]
#   (SHEETS defaults to 100000, RUNS to 3)
#
# The corpus is generated once, with name variants (gen_corpus.py), and its truth checked
# against the entities factgraph resolved (benches/check_resolution.py: the script fails if
# resolution merged or split what it should not). Then RUNS rounds, each a factgraph ingest into
# a new store and Oxigraph's bulk load of the same quads into a new store, one after the other;
# each round gives a ratio of the two quads/s, and the report gives the median ratio and its
# range over the rounds, with the machine's load average before each run.
#
# Environment:
#   FACTGRAPH  the factgraph binary (default: ${CARGO_TARGET_DIR:-target}/release/factgraph)
#   BENCH_DIR  work directory, recreated on every run (default: /tmp/factgraph-bench)
#   SEED       corpus seed (default: 42)
#   OXIGRAPH   the Oxigraph CLI (default: the one `pip install oxigraph==0.5.13` installs)
#
# Everything is left in the work directory for inspection: corpus/, fg.db, dump.nq, ox.db,
# the /usr/bin/time reports (*.time), the JSON summaries and results.md.
set -euo pipefail

SHEETS="${1:-100000}"
RUNS="${2:-3}"
if ! [[ "$SHEETS" =~ ^[1-9][0-9]*$ && "$RUNS" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: bash benches/ingest.sh [SHEETS] [RUNS]   (positive numbers of fact sheets and of rounds)" >&2
    exit 2
fi
SEED="${SEED:-42}"
OXIGRAPH_VERSION=0.5.13

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FACTGRAPH="${FACTGRAPH:-${CARGO_TARGET_DIR:-$ROOT/target}/release/factgraph}"
WORK="${BENCH_DIR:-/tmp/factgraph-bench}"
MARKER=".factgraph-bench"

die() { echo "ingest.sh: error: $*" >&2; exit 1; }
note() { echo "ingest.sh: $*" >&2; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi
}

# --- tools -------------------------------------------------------------------------------------
if [ ! -x "$FACTGRAPH" ]; then
    die "no factgraph binary at $FACTGRAPH: run \`cargo build --release --locked\` first (or set FACTGRAPH=/path/to/factgraph)"
fi
FACTGRAPH_VERSION="$("$FACTGRAPH" --version)" || die "$FACTGRAPH --version failed"

if [ ! -x /usr/bin/time ]; then
    note "installing GNU time (/usr/bin/time)"
    as_root apt-get install -y time >/dev/null 2>&1 \
        || { as_root apt-get update >/dev/null && as_root apt-get install -y time >/dev/null; } \
        || die "/usr/bin/time is missing and could not be installed: apt-get install -y time"
fi

# The Oxigraph CLI: $OXIGRAPH, else pip's script directory (not a pyenv shim, which would be timed
# too), else PATH; installed with pip if none runs.
find_oxigraph() {
    local candidate
    for candidate in \
        "${OXIGRAPH:-}" \
        "$(python3 -c 'import sysconfig; print(sysconfig.get_path("scripts"))' 2>/dev/null)/oxigraph" \
        "$(python3 -m site --user-base 2>/dev/null)/bin/oxigraph" \
        "$(command -v oxigraph 2>/dev/null || true)"; do
        if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" --version >/dev/null 2>&1; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}
if ! OX="$(find_oxigraph)"; then
    note "installing the Oxigraph CLI: pip install oxigraph==$OXIGRAPH_VERSION"
    python3 -m pip install --quiet "oxigraph==$OXIGRAPH_VERSION" \
        || python3 -m pip install --quiet --user --break-system-packages "oxigraph==$OXIGRAPH_VERSION" \
        || die "could not install the Oxigraph CLI: pip install oxigraph==$OXIGRAPH_VERSION"
    command -v pyenv >/dev/null && pyenv rehash || true
    OX="$(find_oxigraph)" || die "the Oxigraph CLI is installed but \`oxigraph --version\` still fails"
fi
OX_VERSION="$("$OX" --version)"
case "$OX_VERSION" in
    *" $OXIGRAPH_VERSION") ;;
    *) note "warning: $OX is \"$OX_VERSION\", the benchmark is meant for oxigraph $OXIGRAPH_VERSION" ;;
esac

# --- work directory ----------------------------------------------------------------------------
case "$WORK" in
    "" | "/" | "$HOME" | "$ROOT") die "refusing to use $WORK as the work directory (set BENCH_DIR)" ;;
esac
if [ -e "$WORK" ]; then
    if [ -e "$WORK/$MARKER" ] || [ -z "$(ls -A "$WORK")" ]; then
        rm -rf "$WORK"
    else
        die "$WORK exists and is not a benchmark work directory (no $MARKER): remove it or set BENCH_DIR"
    fi
fi
mkdir -p "$WORK"
touch "$WORK/$MARKER"
WORK="$(cd "$WORK" && pwd)"

# --- helpers -----------------------------------------------------------------------------------
# json FILE KEY: a top-level value of a JSON file
json() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
# calc EXPR: floating-point arithmetic
calc() { python3 -c "import sys; print(eval(sys.argv[1]))" "$1"; }
rate() { calc "f'{$1 / max($2, 1e-9):,.0f}'"; }
mb() { du -sk "$1" | awk '{ printf "%.1f\n", $1 / 1024 }'; }

# --- 1. corpus ---------------------------------------------------------------------------------
note "generating $SHEETS fact sheets (seed $SEED) in $WORK/corpus"
python3 "$ROOT/benches/gen_corpus.py" --sheets "$SHEETS" --seed "$SEED" --out "$WORK/corpus" \
    --truth "$WORK/truth.tsv" 2> "$WORK/corpus.log" \
    || { cat "$WORK/corpus.log" >&2; die "corpus generation failed"; }
cat "$WORK/corpus.log" >&2
CORPUS_MB="$(mb "$WORK/corpus")"

load_average() { cut -d' ' -f1 /proc/loadavg; }

# --- 2. rounds: factgraph ingest, then the same quads through Oxigraph's bulk loader -----------
for run in $(seq "$RUNS"); do
    rm -rf "$WORK/fg.db" "$WORK/ox.db"
    FG_CMD=("$FACTGRAPH" --store "$WORK/fg.db" --json ingest "$WORK/corpus")
    note "round $run of $RUNS: ${FG_CMD[*]}"
    load_average > "$WORK/ingest.$run.load"
    status=0
    /usr/bin/time -v -o "$WORK/ingest.$run.time" "${FG_CMD[@]}" > "$WORK/ingest.$run.json" 2> "$WORK/ingest.$run.log" || status=$?
    if [ "$status" -ne 0 ]; then
        head -n 40 "$WORK/ingest.$run.log" >&2
        die "factgraph ingest exited with status $status (full output: $WORK/ingest.$run.log, $WORK/ingest.$run.json)"
    fi
    "$FACTGRAPH" --store "$WORK/fg.db" --json stats > "$WORK/stats.$run.json"
    if [ "$run" = 1 ]; then
        # Resolution against the corpus's truth, and the quads the bulk loader is given.
        "$FACTGRAPH" --store "$WORK/fg.db" query --format tsv \
            'SELECT ?e ?n WHERE { ?e rdfs:label|skos:altLabel ?n }' > "$WORK/names.tsv"
        python3 "$ROOT/benches/check_resolution.py" "$WORK/truth.tsv" "$WORK/names.tsv" \
            "$(json "$WORK/ingest.1.json" entities)" | tee "$WORK/resolution.txt" \
            || die "entity resolution does not match the corpus's truth (see above and $WORK/names.tsv)"
        FG_DB_MB="$(mb "$WORK/fg.db")"
        note "dumping $WORK/fg.db to N-Quads"
        "$OX" dump --location "$WORK/fg.db" --file "$WORK/dump.nq"
        DUMP_QUADS="$(wc -l < "$WORK/dump.nq" | tr -d ' ')"
        DUMP_MB="$(mb "$WORK/dump.nq")"
    fi
    quads="$(json "$WORK/stats.$run.json" quads)"
    [ "$quads" = "$DUMP_QUADS" ] || die "round $run: the store holds $quads quads, the first round's dump $DUMP_QUADS"

    OX_CMD=("$OX" load --location "$WORK/ox.db" --file "$WORK/dump.nq")
    note "round $run of $RUNS: ${OX_CMD[*]}"
    load_average > "$WORK/load.$run.load"
    /usr/bin/time -v -o "$WORK/load.$run.time" "${OX_CMD[@]}" > "$WORK/load.$run.log" 2>&1 \
        || { tail -n 20 "$WORK/load.$run.log" >&2; die "oxigraph load failed (see $WORK/load.$run.log)"; }
done
OX_DB_MB="$(mb "$WORK/ox.db")"

# --- 3. report ---------------------------------------------------------------------------------
CPU="$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)"
MEM_GB="$(awk '/^MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)"
if [ "$SEED" = 42 ]; then INVOCATION="bash benches/ingest.sh $SHEETS $RUNS"; else INVOCATION="SEED=$SEED bash benches/ingest.sh $SHEETS $RUNS"; fi

python3 - "$WORK" "$RUNS" "$DUMP_QUADS" <<'PY' > "$WORK/rounds.md"
import json, statistics, sys

work, runs, quads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])

def time_report(path):
    fields = dict(line.strip().split(": ", 1) for line in open(path) if ": " in line)
    seconds = 0.0
    for part in fields["Elapsed (wall clock) time (h:mm:ss or m:ss)"].split(":"):
        seconds = seconds * 60 + float(part)
    return seconds, int(fields["Maximum resident set size (kbytes)"]) / 1024

rounds = []
for run in range(1, runs + 1):
    fg_s, fg_mb = time_report(f"{work}/ingest.{run}.time")
    ox_s, ox_mb = time_report(f"{work}/load.{run}.time")
    loads = open(f"{work}/ingest.{run}.load").read().strip(), open(f"{work}/load.{run}.load").read().strip()
    rounds.append((fg_s, fg_mb, ox_s, ox_mb, (quads / fg_s) / (quads / ox_s), loads))
    print(f"| {run} | {fg_s:.2f} | {quads / fg_s:,.0f} | {fg_mb:,.0f} | {ox_s:.2f} | {quads / ox_s:,.0f} | {ox_mb:,.0f} | **{rounds[-1][4]:.3f}** | {loads[0]} / {loads[1]} |")
ratios = [r[4] for r in rounds]
fg_walls = [r[0] for r in rounds]
ox_walls = [r[2] for r in rounds]
summary = {
    "ratio_median": statistics.median(ratios), "ratio_min": min(ratios), "ratio_max": max(ratios),
    "fg_wall_median": statistics.median(fg_walls), "ox_wall_median": statistics.median(ox_walls),
    "fg_rss_max": max(r[1] for r in rounds), "ox_rss_max": max(r[3] for r in rounds),
}
json.dump(summary, open(f"{work}/summary.json", "w"))
PY
summary() { json "$WORK/summary.json" "$1"; }
FG_FACTS="$(json "$WORK/ingest.1.json" facts)"
FG_SHEETS="$(json "$WORK/ingest.1.json" sheets)"
FG_WRITTEN="$(json "$WORK/ingest.1.json" articlesWritten)"
FG_ENTITIES="$(json "$WORK/ingest.1.json" entities)"
FG_WALL="$(summary fg_wall_median)"

{
    echo "## Ingest benchmark: $SHEETS fact sheets, $RUNS rounds"
    echo
    echo "factgraph: \`factgraph --store fg.db --json ingest corpus\` ($FG_SHEETS fact sheets, $FG_FACTS facts, $CORPUS_MB MB of JSON);"
    echo "Oxigraph: \`oxigraph load --location ox.db --file dump.nq\` (the first round's store dumped: $DUMP_QUADS quads, $DUMP_MB MB);"
    echo "each round both, one after the other, each into a new store."
    echo
    echo "| round | factgraph wall s | quads/s | peak RSS MB | oxigraph load wall s | quads/s | peak RSS MB | ratio of quads/s | load average before each |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    cat "$WORK/rounds.md"
    echo
    echo "- factgraph quads/s ÷ oxigraph quads/s: **median $(calc "f'{$(summary ratio_median):.3f}'")** over $RUNS rounds (min $(calc "f'{$(summary ratio_min):.3f}'"), max $(calc "f'{$(summary ratio_max):.3f}'"))"
    echo "- median wall: factgraph $(calc "f'{$(summary fg_wall_median):.2f}'") s, oxigraph load $(calc "f'{$(summary ox_wall_median):.2f}'") s; highest peak RSS: factgraph $(calc "f'{$(summary fg_rss_max):,.0f}'") MB, oxigraph $(calc "f'{$(summary ox_rss_max):,.0f}'") MB"
    echo "- factgraph (median round): $(rate "$FG_FACTS" "$FG_WALL") facts/s, $(rate "$FG_SHEETS" "$FG_WALL") sheets/s; $FG_WRITTEN articles written, $FG_ENTITIES entities"
    echo "- entity resolution against the corpus's truth (\`benches/check_resolution.py\`):"
    sed 's/^/  - /' "$WORK/resolution.txt"
    echo "- store size on disk: factgraph $FG_DB_MB MB, oxigraph load $OX_DB_MB MB"
    echo "- machine: $(nproc) cores, ${CPU:-unknown CPU}, $MEM_GB GiB memory; $(uname -sr); load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- versions: $FACTGRAPH_VERSION; $OX_VERSION"
    echo "- command: \`$INVOCATION\` (corpus: \`python3 benches/gen_corpus.py --sheets $SHEETS --seed $SEED --truth truth.tsv\`) in $WORK"
} | tee "$WORK/results.md"
