//! GraphML with typed keys whose ids equal their names (Gephi and Cytoscape match on either),
//! a `name` key for Cytoscape, and yFiles label graphics so that yEd shows labels.

use std::borrow::Cow;
use std::io::{self, Write};

use super::text::{Piece, Xml, put};
use super::{Output, View, class_colour};
use crate::ontology::NAMESPACE;

/// Text for XML content and attributes; characters XML 1.0 cannot carry become U+FFFD.
/// Borrowed when nothing needs escaping, as for most names and sentences.
pub(crate) fn xml_escape(text: &str) -> Cow<'_, str> {
    // Byte by byte and without stopping early, which the compiler turns into wide compares:
    // 0xEF leads U+FFFE and U+FFFF (and others, which the slow path below leaves alone).
    let special = text.bytes().fold(false, |found, byte| {
        found
            | matches!(byte, b'&' | b'<' | b'>' | b'"' | b'\'' | 0xEF)
            | (byte < b' ' && !matches!(byte, b'\t' | b'\n' | b'\r'))
    });
    if !special {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
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
    Cow::Owned(out)
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

/// `<edge id="e…" source="n…" target="n…"`, left open for more attributes: GraphML and GEXF
/// both start their edges so.
pub(super) fn edge_start(
    out: &mut Vec<u8>,
    indent: &str,
    edge: usize,
    subject: usize,
    object: usize,
) {
    put!(
        out,
        indent,
        "<edge id=\"e",
        edge,
        "\" source=\"n",
        subject,
        "\" target=\"n",
        object,
        "\""
    );
}

/// One value of an element.
fn data(out: &mut Vec<u8>, key: &str, value: impl Piece) {
    put!(out, "      <data key=\"", key, "\">", value, "</data>\n");
}

pub(super) fn write(view: &View<'_>, out: &mut Output<'_>) -> io::Result<()> {
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
    view.write_nodes(out, |out, _, node, facts| {
        let entity = view.projection.entity(node);
        put!(out, "    <node id=\"n", node, "\">\n");
        // Empty values are left out.
        for (key, value) in [
            ("label", entity.label),
            ("name", entity.label),
            ("iri", entity.iri.as_str()),
            ("class", entity.class),
        ] {
            if !value.is_empty() {
                data(out, key, Xml(value));
            }
        }
        if entity.aliases.len() > 1 || entity.aliases.first().is_some_and(|a| !a.is_empty()) {
            data(out, "aliases", Xml(&entity.aliases.join("; ")));
        }
        for (key, date) in [("first_date", facts.first), ("last_date", facts.last)] {
            if let Some(date) = date.filter(|d| !d.is_empty()) {
                data(out, key, date);
            }
        }
        data(out, "degree", facts.degree);
        let (r, g, b) = class_colour(entity.class);
        write!(
            out,
            r##"      <data key="node_graphics"><y:ShapeNode><y:Fill color="#{r:02X}{g:02X}{b:02X}"/><y:NodeLabel>"##
        )?;
        put!(
            out,
            Xml(entity.label),
            "</y:NodeLabel></y:ShapeNode></data>\n    </node>\n"
        );
        Ok(())
    })?;
    view.write_edges(out, |out, _, edge, facts| {
        let (subject, object) = view.projection.endpoints(edge);
        let predicate = view.projection.relation(edge).predicate;
        edge_start(out, "    ", edge, subject, object);
        put!(out, ">\n");
        data(out, "edge_label", Xml(predicate));
        data(out, "predicate", Xml(predicate));
        put!(
            out,
            "      <data key=\"predicate_iri\">",
            NAMESPACE,
            Xml(predicate),
            "</data>\n"
        );
        data(out, "articles", facts.articles);
        data(out, "weight", facts.articles.max(1));
        if let Some(first) = facts.first {
            data(out, "edge_first_date", first);
        }
        if let Some(last) = facts.last {
            data(out, "edge_last_date", last);
        }
        if let Some(confidence) = facts.confidence {
            data(out, "confidence", confidence);
        }
        if let Some(evidence) = facts.evidence.filter(|e| !e.is_empty()) {
            data(out, "evidence", Xml(evidence));
        }
        put!(
            out,
            r#"      <data key="edge_graphics"><y:PolyLineEdge><y:Arrows source="none" target="standard"/><y:EdgeLabel>"#,
            Xml(predicate),
            "</y:EdgeLabel></y:PolyLineEdge></data>\n    </edge>\n"
        );
        Ok(())
    })?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            xml_escape(r#"AT&T <"x"> 'y'"#),
            "AT&amp;T &lt;&quot;x&quot;&gt; &apos;y&apos;"
        );
        assert_eq!(xml_escape("a\u{1}b\tc\n"), "a\u{fffd}b\tc\n");
        assert_eq!(xml_escape("Zoë 🚀 مرحبا"), "Zoë 🚀 مرحبا");
        // Characters whose UTF-8 starts like U+FFFE's take the slow path and come out whole.
        assert_eq!(xml_escape("Ｗ\u{fffe}ｘ\u{ffff}"), "Ｗ\u{fffd}ｘ\u{fffd}");
        assert!(matches!(xml_escape("plain, even long"), Cow::Borrowed(_)));
    }
}
