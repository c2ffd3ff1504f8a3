#!/usr/bin/env bash
# Export benchmark: every `factgraph export` format on one store, with Oxigraph's own `dump` of
# the same quads in the same run as the reference for the RDF formats.
#
#   cargo build --release --locked && bash benches/export.sh [SHEETS]      # SHEETS defaults to 100000
#
# Environment:
#   FACTGRAPH  the factgraph binary (default: ${CARGO_TARGET_DIR:-target}/release/factgraph)
#   BENCH_DIR  work directory (default: /tmp/factgraph-export-bench)
#   FG_STORE   an already ingested store to export instead of generating and ingesting SHEETS
#   OXIGRAPH   the Oxigraph CLI (default: the one `pip install oxigraph==0.5.13` installs)
#
# Prints a Markdown table: wall seconds and peak resident memory of each export, and edges per
# second for the graph formats. The first graph export after the ingest builds the entity graph
# from the store (and saves it beside the store); the others load the saved one.
set -euo pipefail

SHEETS="${1:-100000}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FACTGRAPH="${FACTGRAPH:-${CARGO_TARGET_DIR:-$ROOT/target}/release/factgraph}"
OXIGRAPH="${OXIGRAPH:-oxigraph}"
WORK="${BENCH_DIR:-/tmp/factgraph-export-bench}"
[ -x "$FACTGRAPH" ] || { echo "export.sh: $FACTGRAPH is missing; run \`cargo build --release --locked\` first" >&2; exit 1; }
command -v "$OXIGRAPH" >/dev/null || python3 -m pip install --quiet oxigraph==0.5.13

rm -rf "$WORK" && mkdir -p "$WORK/out"
if [ -n "${FG_STORE:-}" ]; then
    STORE="$FG_STORE"
else
    STORE="$WORK/fg.db"
    python3 "$ROOT/benches/gen_corpus.py" --sheets "$SHEETS" --out "$WORK/corpus" >/dev/null
    "$FACTGRAPH" --store "$STORE" ingest --quiet "$WORK/corpus"
    rm -rf "$WORK/corpus"
fi

# timed NAME OUTPUT COMMAND...: runs the command under /usr/bin/time and prints one table row.
timed() {
    local name="$1" output="$2"; shift 2
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$@" >/dev/null
    read -r seconds kib < "$WORK/time"
    local size edges rate=""
    size=$(du -sb "$output" | cut -f1)
    case "$name" in
        *graphml*) edges=$(grep -c '<edge ' "$output") ;;
        *gexf*) edges=$(grep -c '<edge ' "$output") ;;
        *dot*) edges=$(grep -c -- ' -> ' "$output") ;;
        *cyjs*) edges=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["elements"]["edges"]))' "$output") ;;
        *neo4j*) edges=$(($(wc -l < "$output/relationships.csv") - 1)) ;;
        *) edges="" ;;
    esac
    [ -n "$edges" ] && rate=$(python3 -c "print(f'{$edges / max($seconds, 0.01):,.0f}')")
    printf '| %s | %s | %.0f | %.1f | %s |\n' "$name" "$seconds" "$((kib / 1024))" "$((size / 1000000))" "$rate"
}

echo "| export | wall s | peak RSS MB | output MB | edges/s |"
echo "|---|---:|---:|---:|---:|"
timed "factgraph nquads (every graph)" "$WORK/out/fg.nq" "$FACTGRAPH" --store "$STORE" export --format nquads -o "$WORK/out/fg.nq"
"$OXIGRAPH" load --location "$WORK/ox.db" --file "$WORK/out/fg.nq" >/dev/null 2>&1
timed "oxigraph dump nquads (every graph)" "$WORK/out/ox.nq" "$OXIGRAPH" dump --location "$WORK/ox.db" --file "$WORK/out/ox.nq"
timed "factgraph trig (every graph)" "$WORK/out/fg.trig" "$FACTGRAPH" --store "$STORE" export --format trig -o "$WORK/out/fg.trig"
timed "oxigraph dump trig (every graph)" "$WORK/out/ox.trig" "$OXIGRAPH" dump --location "$WORK/ox.db" --file "$WORK/out/ox.trig"
for format in turtle ntriples rdfxml jsonld; do
    case "$format" in turtle) ext=ttl ;; ntriples) ext=nt ;; rdfxml) ext=rdf ;; jsonld) ext=jsonld ;; esac
    timed "factgraph $format (merged graph)" "$WORK/out/fg.$ext" "$FACTGRAPH" --store "$STORE" export --format "$format" -o "$WORK/out/fg.$ext"
    timed "oxigraph dump $format (default graph)" "$WORK/out/ox.$ext" "$OXIGRAPH" dump --location "$WORK/ox.db" --graph default --file "$WORK/out/ox.$ext"
done
rm -rf "$STORE/factgraph-derived"
timed "factgraph graphml, entity graph built from the store" "$WORK/out/cold.graphml" "$FACTGRAPH" --store "$STORE" export --format graphml -o "$WORK/out/cold.graphml"
timed "factgraph graphml" "$WORK/out/fg.graphml" "$FACTGRAPH" --store "$STORE" export --format graphml -o "$WORK/out/fg.graphml"
timed "factgraph gexf" "$WORK/out/fg.gexf" "$FACTGRAPH" --store "$STORE" export --format gexf -o "$WORK/out/fg.gexf"
timed "factgraph dot" "$WORK/out/fg.dot" "$FACTGRAPH" --store "$STORE" export --format dot -o "$WORK/out/fg.dot"
timed "factgraph cyjs" "$WORK/out/fg.cyjs" "$FACTGRAPH" --store "$STORE" export --format cyjs -o "$WORK/out/fg.cyjs"
timed "factgraph neo4j" "$WORK/out/neo4j" "$FACTGRAPH" --store "$STORE" export --format neo4j -o "$WORK/out/neo4j"
