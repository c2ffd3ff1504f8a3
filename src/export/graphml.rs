//! GraphML with typed keys whose ids equal their names (Gephi and Cytoscape match on either),
//! a `name` key for Cytoscape, and yFiles label graphics so that yEd shows labels.

use std::io::{self, Write};

use super::{View, class_colour};
use crate::ontology::NAMESPACE;

/// Text for XML content and attributes; characters XML 1.0 cannot carry become U+FFFD.
pub(super) fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

const NODE_KEYS: [(&str, &str); 8] = [
    ("label", "string"),
    ("name", "string"),
    ("iri", "string"),
    ("class", "string"),
    ("aliases", "string"),
    ("first_date", "string"),
    ("last_date", "string"),
    ("degree", "int"),
];

const EDGE_KEYS: [(&str, &str, &str); 8] = [
    ("edge_label", "label", "string"),
    ("predicate", "predicate", "string"),
    ("predicate_iri", "predicate_iri", "string"),
    ("articles", "articles", "int"),
    ("weight", "weight", "double"),
    ("edge_first_date", "first_date", "string"),
    ("edge_last_date", "last_date", "string"),
    ("confidence", "confidence", "double"),
];

pub(super) fn write(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="http://www.yworks.com/xml/graphml" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (name, kind) in NODE_KEYS {
        writeln!(
            out,
            r#"  <key id="{name}" for="node" attr.name="{name}" attr.type="{kind}"/>"#
        )?;
    }
    writeln!(
        out,
        r#"  <key id="node_graphics" for="node" yfiles.type="nodegraphics"/>"#
    )?;
    for (id, name, kind) in EDGE_KEYS {
        writeln!(
            out,
            r#"  <key id="{id}" for="edge" attr.name="{name}" attr.type="{kind}"/>"#
        )?;
    }
    writeln!(
        out,
        r#"  <key id="evidence" for="edge" attr.name="evidence" attr.type="string"/>"#
    )?;
    writeln!(
        out,
        r#"  <key id="edge_graphics" for="edge" yfiles.type="edgegraphics"/>"#
    )?;
    writeln!(out, r#"  <graph id="factgraph" edgedefault="directed">"#)?;
    for (node, facts) in view.slice.nodes.iter().zip(view.nodes) {
        let entity = view.projection.entity(*node);
        let label = xml_escape(&entity.label);
        writeln!(out, r#"    <node id="{}">"#, View::node_id(*node))?;
        let values = [
            ("label", label.clone()),
            ("name", label.clone()),
            ("iri", xml_escape(entity.iri.as_str())),
            ("class", xml_escape(&entity.class)),
            ("aliases", xml_escape(&entity.aliases.join("; "))),
            ("first_date", facts.first.clone().unwrap_or_default()),
            ("last_date", facts.last.clone().unwrap_or_default()),
            ("degree", facts.degree.to_string()),
        ];
        for (key, value) in values {
            if !value.is_empty() {
                writeln!(out, r#"      <data key="{key}">{value}</data>"#)?;
            }
        }
        let (r, g, b) = class_colour(&entity.class);
        writeln!(
            out,
            r##"      <data key="node_graphics"><y:ShapeNode><y:Fill color="#{r:02X}{g:02X}{b:02X}"/><y:NodeLabel>{label}</y:NodeLabel></y:ShapeNode></data>"##
        )?;
        writeln!(out, "    </node>")?;
    }
    for (edge, facts) in view.slice.edges.iter().zip(view.edges) {
        let (subject, object) = view.projection.endpoints(*edge);
        let predicate = xml_escape(view.projection.relation(*edge).predicate);
        writeln!(
            out,
            r#"    <edge id="{}" source="{}" target="{}">"#,
            View::edge_id(*edge),
            View::node_id(subject),
            View::node_id(object)
        )?;
        let values = [
            ("edge_label", predicate.clone()),
            ("predicate", predicate.clone()),
            ("predicate_iri", format!("{NAMESPACE}{predicate}")),
            ("articles", facts.articles.to_string()),
            ("weight", facts.articles.max(1).to_string()),
            ("edge_first_date", facts.first.clone().unwrap_or_default()),
            ("edge_last_date", facts.last.clone().unwrap_or_default()),
            (
                "confidence",
                facts.confidence.map(|c| c.to_string()).unwrap_or_default(),
            ),
            (
                "evidence",
                facts
                    .evidence
                    .as_deref()
                    .map(xml_escape)
                    .unwrap_or_default(),
            ),
        ];
        for (key, value) in values {
            if !value.is_empty() {
                writeln!(out, r#"      <data key="{key}">{value}</data>"#)?;
            }
        }
        writeln!(
            out,
            r#"      <data key="edge_graphics"><y:PolyLineEdge><y:Arrows source="none" target="standard"/><y:EdgeLabel>{predicate}</y:EdgeLabel></y:PolyLineEdge></data>"#
        )?;
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

#[cfg(test)]
mod tests {
    use super::xml_escape;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            xml_escape(r#"AT&T <"x"> 'y'"#),
            "AT&amp;T &lt;&quot;x&quot;&gt; &apos;y&apos;"
        );
        assert_eq!(xml_escape("a\u{1}b\tc\n"), "a\u{fffd}b\tc\n");
        assert_eq!(xml_escape("Zoë 🚀 مرحبا"), "Zoë 🚀 مرحبا");
    }
}
