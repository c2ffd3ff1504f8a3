#!/usr/bin/env bash
# Ingest benchmark: factgraph ingest of a synthetic corpus vs. Oxigraph's bulk loader on the
# same quads.
#
#   cargo build --release --locked && bash benches/ingest.sh [SHEETS]      # SHEETS defaults to 100000
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
if ! [[ "$SHEETS" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: bash benches/ingest.sh [SHEETS]   (SHEETS: a positive number of fact sheets)" >&2
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
# wall FILE: seconds from a `/usr/bin/time -v` report ("h:mm:ss" or "m:ss.ss")
wall() {
    awk '/Elapsed \(wall clock\)/ { print $NF }' "$1" \
        | awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f\n", s }'
}
# rss_mb FILE: peak resident set size in MB from a `/usr/bin/time -v` report
rss_mb() { awk -F': ' '/Maximum resident set size/ { printf "%.0f\n", $2 / 1024 }' "$1"; }
# calc EXPR: floating-point arithmetic
calc() { python3 -c "import sys; print(eval(sys.argv[1]))" "$1"; }
rate() { calc "f'{$1 / max($2, 1e-9):,.0f}'"; }
mb() { du -sk "$1" | awk '{ printf "%.1f\n", $1 / 1024 }'; }

# --- 1. corpus ---------------------------------------------------------------------------------
note "generating $SHEETS fact sheets (seed $SEED) in $WORK/corpus"
python3 "$ROOT/benches/gen_corpus.py" --sheets "$SHEETS" --seed "$SEED" --out "$WORK/corpus" 2> "$WORK/corpus.log" \
    || { cat "$WORK/corpus.log" >&2; die "corpus generation failed"; }
cat "$WORK/corpus.log" >&2
CORPUS_MB="$(mb "$WORK/corpus")"

# --- 2. factgraph ingest -----------------------------------------------------------------------
FG_CMD=("$FACTGRAPH" --store "$WORK/fg.db" --json ingest "$WORK/corpus")
note "running: ${FG_CMD[*]}"
status=0
/usr/bin/time -v -o "$WORK/ingest.time" "${FG_CMD[@]}" > "$WORK/ingest.json" 2> "$WORK/ingest.log" || status=$?
if [ "$status" -ne 0 ]; then
    head -n 40 "$WORK/ingest.log" >&2
    die "factgraph ingest exited with status $status (full output: $WORK/ingest.log, $WORK/ingest.json)"
fi
FG_SHEETS="$(json "$WORK/ingest.json" sheets)"
FG_WRITTEN="$(json "$WORK/ingest.json" articlesWritten)"
FG_ENTITIES="$(json "$WORK/ingest.json" entities)"
FG_FACTS="$(json "$WORK/ingest.json" facts)"
FG_QUADS_WRITTEN="$(json "$WORK/ingest.json" quadsWritten)"
FG_SECONDS="$(json "$WORK/ingest.json" seconds)"
FG_WALL="$(wall "$WORK/ingest.time")"
FG_RSS="$(rss_mb "$WORK/ingest.time")"
if [ "$FG_WRITTEN" != "$SHEETS" ]; then
    note "warning: factgraph wrote $FG_WRITTEN articles for $SHEETS sheets (see $WORK/ingest.json)"
fi

"$FACTGRAPH" --store "$WORK/fg.db" --json stats > "$WORK/stats.json"
FG_QUADS="$(json "$WORK/stats.json" quads)"
FG_DB_MB="$(mb "$WORK/fg.db")"

# --- 3. the same quads through Oxigraph's bulk loader ------------------------------------------
note "dumping $WORK/fg.db to N-Quads"
"$OX" dump --location "$WORK/fg.db" --file "$WORK/dump.nq"
DUMP_QUADS="$(wc -l < "$WORK/dump.nq" | tr -d ' ')"
DUMP_MB="$(mb "$WORK/dump.nq")"
if [ "$DUMP_QUADS" != "$FG_QUADS" ]; then
    note "warning: the dump has $DUMP_QUADS lines but \`factgraph stats\` counts $FG_QUADS quads"
fi

OX_CMD=("$OX" load --location "$WORK/ox.db" --file "$WORK/dump.nq")
note "running: ${OX_CMD[*]}"
/usr/bin/time -v -o "$WORK/load.time" "${OX_CMD[@]}" > "$WORK/load.log" 2>&1 \
    || { tail -n 20 "$WORK/load.log" >&2; die "oxigraph load failed (see $WORK/load.log)"; }
OX_WALL="$(wall "$WORK/load.time")"
OX_RSS="$(rss_mb "$WORK/load.time")"
OX_DB_MB="$(mb "$WORK/ox.db")"

# --- 4. report ---------------------------------------------------------------------------------
FG_QPS="$(rate "$FG_QUADS" "$FG_WALL")"
OX_QPS="$(rate "$DUMP_QUADS" "$OX_WALL")"
RATIO="$(calc "f'{($FG_QUADS / max($FG_WALL, 1e-9)) / ($DUMP_QUADS / max($OX_WALL, 1e-9)):.3f}'")"
FG_FPS="$(rate "$FG_FACTS" "$FG_WALL")"
FG_SPS="$(rate "$FG_SHEETS" "$FG_WALL")"
CPU="$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)"
MEM_GB="$(awk '/^MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)"
if [ "$SHEETS" = 100000 ] && [ "$SEED" = 42 ]; then INVOCATION="bash benches/ingest.sh"; else INVOCATION="SEED=$SEED bash benches/ingest.sh $SHEETS"; fi

{
    echo "## Ingest benchmark: $SHEETS fact sheets"
    echo
    echo "| tool | input | quads | wall s | quads/s | peak RSS MB |"
    echo "|---|---|---:|---:|---:|---:|"
    echo "| factgraph ingest (parse, validate, resolve, map, store) | $FG_SHEETS fact sheets, $FG_FACTS facts ($CORPUS_MB MB JSON) | $FG_QUADS | $FG_WALL | $FG_QPS | $FG_RSS |"
    echo "| oxigraph load (bulk loader, N-Quads) | dump.nq ($DUMP_MB MB) | $DUMP_QUADS | $OX_WALL | $OX_QPS | $OX_RSS |"
    echo
    echo "- factgraph quads/s ÷ oxigraph quads/s: **$RATIO**"
    echo "- factgraph: $FG_FPS facts/s, $FG_SPS sheets/s; $FG_WRITTEN articles written, $FG_ENTITIES entities," \
         "$FG_QUADS_WRITTEN quads written (the store holds $FG_QUADS); its own timer: ${FG_SECONDS} s"
    echo "- store size on disk: factgraph $FG_DB_MB MB, oxigraph load $OX_DB_MB MB"
    echo "- machine: $(nproc) cores, ${CPU:-unknown CPU}, $MEM_GB GiB memory; $(uname -sr)"
    echo "- versions: $FACTGRAPH_VERSION; $OX_VERSION"
    echo "- command: \`$INVOCATION\` (corpus: \`python3 benches/gen_corpus.py --sheets $SHEETS --seed $SEED\`), which runs"
    echo "  \`/usr/bin/time -v factgraph --store fg.db --json ingest corpus\`,"
    echo "  \`oxigraph dump --location fg.db --file dump.nq\` and"
    echo "  \`/usr/bin/time -v oxigraph load --location ox.db --file dump.nq\` in $WORK"
} | tee "$WORK/results.md"
