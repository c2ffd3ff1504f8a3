"""Opens every export of factgraph with real third-party parsers and checks the counts.

Usage: python3 tests/check_exports.py [FACTGRAPH_BINARY]
(default: $CARGO_TARGET_DIR/release/factgraph, or target/release/factgraph; build it first)
Ingests data/ and tests/fixtures/good/ into a temporary store, exports each format, and checks:
rapper (Raptor) and rdflib parse the RDF formats (PyLD-free: rdflib for JSON-LD) with the
store's triple/quad counts; networkx and igraph load the GraphML, `dot -Tsvg` renders the DOT
with nothing on stderr and a legend for every colour, networkx builds the Cytoscape JSON (whose
style maps only fields its elements have; its Cytoscape desktop style XML is parsed too), and
Python's csv reads the Neo4j files, all with the entity graph's node and edge counts. Exits non-zero on the first failure;
prints "N passed, N failed" last.
"""
import atexit
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.etree import ElementTree

import igraph
import networkx as nx
import rdflib

root = Path(__file__).resolve().parent.parent
binary = sys.argv[1] if len(sys.argv) > 1 else str(
    Path(os.environ.get("CARGO_TARGET_DIR", root / "target")) / "release" / "factgraph"
)
work = Path(tempfile.mkdtemp(prefix="factgraph-exports-"))
# The store and the exports are this run's alone: nothing is left behind in /tmp.
atexit.register(shutil.rmtree, work, ignore_errors=True)
store = work / "store"
passed, failed = 0, 0


def factgraph(*args):
    result = subprocess.run([binary, "--store", str(store), *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"factgraph {' '.join(args)} failed: {result.stderr}")
    return result.stdout


def count(query):
    out = factgraph("query", "--format", "json", query)
    return int(json.loads(out)["results"]["bindings"][0]["n"]["value"])


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok    {name}")
    else:
        failed += 1
        print(f"FAIL  {name}: {detail}")


factgraph("ingest", "--quiet", str(root / "data/sheets"), str(root / "tests/fixtures/good"))
default_triples = count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
all_quads = count("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }")
# Graph exports leave out entities that take part in no fact (unless --orphans).
nodes = count("SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c . GRAPH <https://w3id.org/factgraph/ontology> { ?c a owl:Class } "
              "{ ?e ?p ?o } UNION { ?o ?p ?e } GRAPH <https://w3id.org/factgraph/ontology> { ?p a owl:ObjectProperty } }")
edges = count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o . GRAPH <https://w3id.org/factgraph/ontology> { ?p a owl:ObjectProperty } }")

rdf_formats = {
    "turtle": ("turtle", "turtle", default_triples),
    "ntriples": ("nt", "ntriples", default_triples),
    "rdfxml": ("xml", "rdfxml", default_triples),
    "nquads": ("nquads", "nquads", all_quads),
    "trig": ("trig", "trig", all_quads),
    "jsonld": ("json-ld", None, all_quads),
}
for fmt, (rdflib_format, rapper_format, expected) in rdf_formats.items():
    path = work / f"kg.{fmt}"
    factgraph("export", "--format", fmt, "-o", str(path))
    if fmt in ("nquads", "trig", "jsonld"):
        dataset = rdflib.Dataset()
        dataset.parse(path, format=rdflib_format)
        parsed = len(set(dataset.quads((None, None, None, None))))
    else:
        graph = rdflib.Graph()
        graph.parse(path, format=rdflib_format)
        parsed = len(graph)
    check(f"rdflib reads {fmt}", parsed == expected, f"{parsed} statements, expected {expected}")
    if rapper_format:
        rapper = subprocess.run(["rapper", "-i", rapper_format, "-c", str(path)], capture_output=True, text=True)
        counted = [int(w) for w in rapper.stderr.split() if w.isdigit()]
        ok = rapper.returncode == 0 and "error" not in rapper.stderr.lower() and expected in counted
        check(f"rapper reads {fmt}", ok, rapper.stderr.strip()[-300:])

graphml = work / "kg.graphml"
factgraph("export", "--format", "graphml", "-o", str(graphml))
g = nx.read_graphml(graphml)
check("networkx reads graphml", (g.number_of_nodes(), g.number_of_edges()) == (nodes, edges),
      f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges; expected {nodes}, {edges}")
labels = {data.get("label") for _, data in g.nodes(data=True)}
check("graphml keeps awkward labels", 'The "Quoted" Company' in labels and "Two\nLines Ltd" in labels and "Rocket 🚀 Apps" in labels, sorted(l for l in labels if l)[:5])
ig = igraph.Graph.Read_GraphML(str(graphml))
check("igraph reads graphml", (ig.vcount(), ig.ecount()) == (nodes, edges), f"{ig.vcount()}, {ig.ecount()}")

gexf = work / "kg.gexf"
factgraph("export", "--format", "gexf", "-o", str(gexf))
gx = nx.read_gexf(gexf, version="1.3")
check("networkx reads gexf 1.3", (gx.number_of_nodes(), gx.number_of_edges()) == (nodes, edges),
      f"{gx.number_of_nodes()}, {gx.number_of_edges()}")
starts = {data.get("label"): data.get("start") for _, data in gx.nodes(data=True)}
# Trump's first fact in data/ is the TikTok and WeChat orders article of 2020-08-07.
check("gexf entities start at their first article", starts.get("Donald Trump") == "2020-08-07", starts.get("Donald Trump"))

dot = work / "kg.dot"
factgraph("export", "--format", "dot", "-o", str(dot))
rendered = subprocess.run(["dot", "-Tsvg", str(dot), "-o", str(work / "kg.svg")], capture_output=True, text=True)
check("dot renders the DOT with no warning", rendered.returncode == 0 and rendered.stderr == "", rendered.stderr[-300:])
svg = (work / "kg.svg").read_text(encoding="utf-8") if rendered.returncode == 0 else ""
# The legend is one node of its own, in a cluster.
drawn_nodes, drawn_edges = svg.count('class="node"') - 1, svg.count('class="edge"')
check("dot draws every entity and fact", (drawn_nodes, drawn_edges) == (nodes, edges), f"{drawn_nodes} nodes, {drawn_edges} edges")
check("dot draws a legend", '<title>cluster_legend</title>' in svg and ">Legend<" in svg and ">Person (ellipse)<" in svg,
      "no legend cluster with its rows in the SVG")
# Every fill colour of an entity is a colour of a legend row, as Graphviz drew them.
entity_fills = set(re.findall(r'<g id="node\d+" class="node">\s*<title>n\d+</title>.*?fill="(#[0-9a-f]{6})"', svg, re.S))
legend_svg = svg[svg.find("<title>legend</title>"):]
legend_fills = set(re.findall(r'fill="(#[0-9a-f]{6})"', legend_svg))
check("the legend explains every entity colour", entity_fills and entity_fills <= legend_fills,
      f"entity colours {sorted(entity_fills)}, legend colours {sorted(legend_fills)}")

cyjs = work / "kg.cyjs"
factgraph("export", "--format", "cyjs", "-o", str(cyjs))
document = json.loads(cyjs.read_text(encoding="utf-8"))
cg = nx.cytoscape_graph(document)
check("networkx reads cytoscape json", (cg.number_of_nodes(), cg.number_of_edges()) == (nodes, edges),
      f"{cg.number_of_nodes()}, {cg.number_of_edges()}")
# cytoscape.js applies the document's style; each data(...) it maps is a field of every element.
node_fields = set.intersection(*(set(n["data"]) for n in document["elements"]["nodes"]))
edge_fields = set.intersection(*(set(e["data"]) for e in document["elements"]["edges"]))
mapped = {(rule["selector"].split("[")[0], field) for rule in document["style"]
          for value in rule["style"].values() if isinstance(value, str)
          for field in re.findall(r"(?:data|mapData)\((\w+)", value)}
missing = [(kind, f) for kind, f in mapped if f not in (node_fields if kind == "node" else edge_fields)]
check("the cytoscape.js style maps fields the elements have", mapped and not missing, missing)
# Each entity gets the colour in cytoscape.js that it gets in the DOT drawing.
colour_of_class = {rule["selector"]: rule["style"].get("background-color") for rule in document["style"]}
dot_fill = {iri: fill for fill, iri in re.findall(r'fillcolor="(#[0-9a-f]{6})", tooltip="([^"]+)"', dot.read_text(encoding="utf-8"))}
differing = [n["data"]["name"] for n in document["elements"]["nodes"]
             if colour_of_class.get(f'node[class = "{n["data"]["class"]}"]', colour_of_class["node"]) != dot_fill.get(n["data"]["iri"])]
check("the cytoscape.js style colours entities as the DOT drawing does", not differing, differing[:5])
# Cytoscape desktop reads its style XML (File > Import > Styles from File): parsed as XML here,
# with every attribute it maps present in the document.
vizmap = ElementTree.parse(work / "kg.style.xml").getroot()
style = vizmap.find("visualStyle")
desktop_fields = {(section.tag, mapping.get("attributeName")) for section in style
                  for mapping in section.iter() if mapping.get("attributeName")}
missing = [(kind, f) for kind, f in desktop_fields if f not in (node_fields if kind == "node" else edge_fields)]
check("the Cytoscape desktop style parses and maps fields the elements have",
      vizmap.tag == "vizmap" and style.get("name") == "factgraph" and desktop_fields and not missing, missing)

neo4j = work / "neo4j"
factgraph("export", "--format", "neo4j", "-o", str(neo4j))
with open(neo4j / "nodes.csv", newline="", encoding="utf-8") as f:
    node_rows = list(csv.DictReader(f))
with open(neo4j / "relationships.csv", newline="", encoding="utf-8") as f:
    edge_rows = list(csv.DictReader(f))
ids = {row["id:ID"] for row in node_rows}
check("neo4j csv has every entity and fact", (len(node_rows), len(edge_rows)) == (nodes, edges), f"{len(node_rows)}, {len(edge_rows)}")
check("neo4j relationships point at nodes", all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in edge_rows))
check("neo4j csv keeps quotes and line breaks", any(r["name"] == "Two\nLines Ltd" for r in node_rows)
      and any(r["name"] == 'The "Quoted" Company' for r in node_rows))

around = work / "around.graphml"
factgraph("export", "--format", "graphml", "--around", "Ant Group", "--hops", "1", "-o", str(around))
ga = nx.read_graphml(around)
check("a slice around Ant Group holds it and its neighbours", any(d.get("label") == "Ant Group" for _, d in ga.nodes(data=True)) and 1 < ga.number_of_nodes() < nodes)

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
