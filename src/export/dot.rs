//! Graphviz DOT: every id and label quoted and escaped, colour and shape by class, the
//! predicate as the edge label.

use std::io::{self, Write};

use super::{Output, View, class_colour};

/// A DOT double-quoted string (an escString): backslashes and quotes escaped, line breaks as
/// `\n`, other control characters dropped.
pub(super) fn dot_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn shape(class: &str) -> &'static str {
    match class {
        "Person" => "ellipse",
        "LegalInstrument" => "note",
        "Country" | "Region" | "City" | "Place" => "hexagon",
        "SoftwareApplication" | "Product" => "component",
        "Position" => "diamond",
        "Event" => "octagon",
        _ => "box",
    }
}

pub(super) fn write(view: &View<'_>, out: &mut Output<'_>) -> io::Result<()> {
    writeln!(out, "digraph factgraph {{")?;
    writeln!(out, "  graph [rankdir=LR, charset=\"UTF-8\"];")?;
    writeln!(out, "  node [style=filled, fontname=\"Helvetica\"];")?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=10];")?;
    view.write_nodes(out, |out, _, node, _| {
        let entity = view.projection.entity(node);
        let (r, g, b) = class_colour(entity.class);
        writeln!(
            out,
            "  {} [label={}, shape={}, fillcolor=\"#{r:02x}{g:02x}{b:02x}\", tooltip={}];",
            dot_quote(&View::node_id(node)),
            dot_quote(entity.label),
            shape(entity.class),
            dot_quote(entity.iri.as_str())
        )
    })?;
    view.write_edges(out, |out, _, edge, facts| {
        let (subject, object) = view.projection.endpoints(edge);
        // Node ids are `n` and digits: nothing in them to escape.
        writeln!(
            out,
            "  \"n{subject}\" -> \"n{object}\" [label={}, penwidth={}];",
            dot_quote(view.projection.relation(edge).predicate),
            1 + facts.articles.min(5)
        )
    })?;
    writeln!(out, "}}")
}

#[cfg(test)]
mod tests {
    use super::dot_quote;

    #[test]
    fn quotes_anything() {
        assert_eq!(dot_quote(r#"say "hi"\now"#), r#""say \"hi\"\\now""#);
        assert_eq!(dot_quote("two\nlines\u{7}"), r#""two\nlines""#);
        assert_eq!(dot_quote("node"), r#""node""#);
        assert_eq!(dot_quote("北京 🚀 שלום"), "\"北京 🚀 שלום\"");
    }
}
