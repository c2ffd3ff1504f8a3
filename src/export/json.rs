//! Cytoscape JSON (`.cyjs`): `{"elements": {"nodes": [{"data": …}], "edges": [{"data": …}]}}`,
//! the shape Cytoscape desktop and cytoscape.js read, with a `style` that cytoscape.js applies
//! as it loads the document (labels, colours by class, edge labels by predicate). Cytoscape
//! desktop reads styles only from its own XML (File → Import → Styles from File…), which
//! [`cytoscape_desktop_style`] writes.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{CLASS_COLOURS, OTHER_COLOUR, Output, View, hex};
use crate::ontology::NAMESPACE;

/// Written element by element, so that the document is never whole in memory.
pub(super) fn write_cytoscape(view: &View<'_>, out: &mut Output<'_>) -> io::Result<()> {
    let header = json!({
        "format_version": "1.0",
        "generated_by": concat!("factgraph ", env!("CARGO_PKG_VERSION")),
        "data": { "name": "factgraph" },
        "directed": true,
        "multigraph": true,
        "style": cytoscape_js_style(),
    });
    let header = serde_json::to_string(&header)?;
    // The header object without its closing brace, then the elements member.
    write!(
        out,
        "{},\n\"elements\": {{\n\"nodes\": [",
        header.trim_end_matches('}')
    )?;
    view.write_nodes(out, |out, index, node, facts| {
        let entity = view.projection.entity(node);
        let element = json!({ "data": {
            "id": View::node_id(node),
            "name": entity.label,
            "value": View::node_id(node),
            "iri": entity.iri.as_str(),
            "class": entity.class,
            "aliases": entity.aliases,
            "first_date": facts.first,
            "last_date": facts.last,
            "degree": facts.degree,
        }});
        write_element(out, index, &element)
    })?;
    write!(out, "\n],\n\"edges\": [")?;
    view.write_edges(out, |out, index, edge, facts| {
        let (subject, object) = view.projection.endpoints(edge);
        let predicate = &view.projection.relation(edge).predicate;
        let element = json!({ "data": {
            "id": View::edge_id(edge),
            "key": View::edge_id(edge),
            "source": View::node_id(subject),
            "target": View::node_id(object),
            "interaction": &**predicate,
            "predicate_iri": format!("{NAMESPACE}{predicate}"),
            "articles": facts.articles,
            "first_date": facts.first,
            "last_date": facts.last,
            "confidence": facts.confidence,
            "evidence": facts.evidence,
        }});
        write_element(out, index, &element)
    })?;
    writeln!(out, "\n]\n}}\n}}")
}

fn write_element(out: &mut dyn Write, index: usize, element: &Value) -> io::Result<()> {
    out.write_all(if index == 0 { b"\n" } else { b",\n" })?;
    serde_json::to_writer(&mut *out, element)?;
    Ok(())
}

/// The style as cytoscape.js reads it: a list of selectors and their properties.
fn cytoscape_js_style() -> Value {
    let mut rules = vec![json!({ "selector": "node", "style": {
        "label": "data(name)",
        "background-color": hex(OTHER_COLOUR),
        "font-size": 10,
        "text-valign": "center",
        "text-halign": "right",
    }})];
    for (classes, colour) in CLASS_COLOURS {
        for class in *classes {
            rules.push(json!({
                "selector": format!("node[class = \"{class}\"]"),
                "style": { "background-color": hex(*colour) },
            }));
        }
    }
    rules.push(json!({ "selector": "edge", "style": {
        "label": "data(interaction)",
        "font-size": 8,
        "curve-style": "bezier",
        "target-arrow-shape": "triangle",
        "width": "mapData(articles, 1, 5, 1, 5)",
        "line-color": "#999999",
        "target-arrow-color": "#999999",
    }}));
    Value::Array(rules)
}

/// The same style for Cytoscape desktop, as its style XML (a `vizmap` with one visual style,
/// `factgraph`): node labels from `name`, fill colours by `class`, edge labels from
/// `interaction` (the predicate), arrows to the object, widths by the number of articles.
pub fn cytoscape_desktop_style() -> String {
    let mut colours = String::new();
    for (classes, colour) in CLASS_COLOURS {
        for class in *classes {
            colours.push_str(&format!(
                "          <discreteMappingEntry attributeValue=\"{class}\" value=\"{}\"/>\n",
                hex(*colour).to_uppercase()
            ));
        }
    }
    format!(
        r##"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<vizmap id="factgraph" documentVersion="3.1">
  <visualStyle name="factgraph">
    <network>
      <visualProperty name="NETWORK_BACKGROUND_PAINT" default="#FFFFFF"/>
    </network>
    <node>
      <dependency name="nodeSizeLocked" value="true"/>
      <visualProperty name="NODE_LABEL" default="">
        <passthroughMapping attributeName="name" attributeType="string"/>
      </visualProperty>
      <visualProperty name="NODE_FILL_COLOR" default="{other}">
        <discreteMapping attributeName="class" attributeType="string">
{colours}        </discreteMapping>
      </visualProperty>
      <visualProperty name="NODE_SHAPE" default="ROUND_RECTANGLE"/>
      <visualProperty name="NODE_SIZE" default="30.0"/>
      <visualProperty name="NODE_LABEL_FONT_SIZE" default="10"/>
      <visualProperty name="NODE_TOOLTIP" default="">
        <passthroughMapping attributeName="iri" attributeType="string"/>
      </visualProperty>
    </node>
    <edge>
      <dependency name="arrowColorMatchesEdge" value="true"/>
      <visualProperty name="EDGE_LABEL" default="">
        <passthroughMapping attributeName="interaction" attributeType="string"/>
      </visualProperty>
      <visualProperty name="EDGE_LABEL_FONT_SIZE" default="8"/>
      <visualProperty name="EDGE_TARGET_ARROW_SHAPE" default="DELTA"/>
      <visualProperty name="EDGE_STROKE_UNSELECTED_PAINT" default="#999999"/>
      <visualProperty name="EDGE_WIDTH" default="1.0">
        <continuousMapping attributeName="articles" attributeType="integer">
          <continuousMappingPoint attrValue="1" equalValue="1.0" greaterValue="1.0" lesserValue="1.0"/>
          <continuousMappingPoint attrValue="5" equalValue="5.0" greaterValue="5.0" lesserValue="5.0"/>
        </continuousMapping>
      </visualProperty>
      <visualProperty name="EDGE_TOOLTIP" default="">
        <passthroughMapping attributeName="evidence" attributeType="string"/>
      </visualProperty>
    </edge>
  </visualStyle>
</vizmap>
"##,
        other = hex(OTHER_COLOUR).to_uppercase(),
    )
}
