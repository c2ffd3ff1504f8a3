//! GraphML with typed keys whose ids equal their names (Gephi and Cytoscape match on either),
//! a `name` key for Cytoscape, and yFiles label graphics so that yEd shows labels.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{View, class_colour};
use crate::ontology::NAMESPACE;

/// Text for XML content and attributes; characters XML 1.0 cannot carry become U+FFFD.
/// Borrowed when nothing needs escaping, as for most names and sentences.
pub(super) fn xml_escape(text: &str) -> Cow<'_, str> {
    let plain = |c: char| {
        !matches!(c, '&' | '<' | '>' | '"' | '\'' | '\u{fffe}' | '\u{ffff}')
            && (c >= ' ' || matches!(c, '\t' | '\n' | '\r'))
    };
    if text.chars().all(plain) {
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

/// One value of an element, already escaped.
fn write_data(out: &mut dyn Write, key: &str, value: impl std::fmt::Display) -> io::Result<()> {
    writeln!(out, r#"      <data key="{key}">{value}</data>"#)
}

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
    for (node, facts) in view.nodes() {
        let entity = view.projection.entity(node);
        let label = xml_escape(&entity.label);
        writeln!(out, r#"    <node id="n{node}">"#)?;
        let aliases = entity.aliases.join("; ");
        let degree = facts.degree.to_string();
        let values = [
            ("label", &*label),
            ("name", &*label),
            ("iri", &*xml_escape(entity.iri.as_str())),
            ("class", &*xml_escape(&entity.class)),
            ("aliases", &*xml_escape(&aliases)),
            ("first_date", facts.first.unwrap_or_default()),
            ("last_date", facts.last.unwrap_or_default()),
            ("degree", &*degree),
        ];
        for (key, value) in values {
            if !value.is_empty() {
                write_data(out, key, value)?;
            }
        }
        let (r, g, b) = class_colour(&entity.class);
        writeln!(
            out,
            r##"      <data key="node_graphics"><y:ShapeNode><y:Fill color="#{r:02X}{g:02X}{b:02X}"/><y:NodeLabel>{label}</y:NodeLabel></y:ShapeNode></data>"##
        )?;
        writeln!(out, "    </node>")?;
    }
    for (edge, facts) in view.edges() {
        let (subject, object) = view.projection.endpoints(edge);
        let predicate = xml_escape(view.projection.relation(edge).predicate);
        writeln!(
            out,
            r#"    <edge id="e{edge}" source="n{subject}" target="n{object}">"#
        )?;
        write_data(out, "edge_label", &predicate)?;
        write_data(out, "predicate", &predicate)?;
        write_data(out, "predicate_iri", format_args!("{NAMESPACE}{predicate}"))?;
        write_data(out, "articles", facts.articles)?;
        write_data(out, "weight", facts.articles.max(1))?;
        if let Some(first) = facts.first {
            write_data(out, "edge_first_date", first)?;
        }
        if let Some(last) = facts.last {
            write_data(out, "edge_last_date", last)?;
        }
        if let Some(confidence) = facts.confidence {
            write_data(out, "confidence", confidence)?;
        }
        if let Some(evidence) = facts.evidence.filter(|e| !e.is_empty()) {
            write_data(out, "evidence", xml_escape(evidence))?;
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
