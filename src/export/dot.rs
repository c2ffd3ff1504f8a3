//! Graphviz DOT: every id and label quoted and escaped, colour and shape by class, the
//! predicate as the edge label.

use std::collections::BTreeSet;
use std::io::{self, Write};

use super::{Output, View, class_colour, hex};

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
        writeln!(
            out,
            "  {} [label={}, shape={}, fillcolor=\"{}\", tooltip={}];",
            dot_quote(&View::node_id(node)),
            dot_quote(entity.label),
            shape(entity.class),
            hex(class_colour(entity.class)),
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
    write_legend(view, out)?;
    writeln!(out, "}}")
}

/// A box beside the drawing that tells what its colours, shapes, edge labels and widths mean:
/// a row per class of the entities drawn, in that class's colour, naming its shape.
fn write_legend(view: &View<'_>, out: &mut Output<'_>) -> io::Result<()> {
    let classes: BTreeSet<&str> = view
        .slice
        .nodes
        .iter()
        .map(|node| view.projection.entity(*node).class)
        .collect();
    writeln!(out, "  subgraph cluster_legend {{")?;
    writeln!(
        out,
        "    label=\"Legend\"; fontname=\"Helvetica\"; style=rounded; color=\"#888888\";"
    )?;
    write!(
        out,
        "    legend [shape=plaintext, style=solid, label=<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\">"
    )?;
    for class in classes {
        write!(
            out,
            "<tr><td bgcolor=\"{}\">{} ({})</td></tr>",
            hex(class_colour(class)),
            super::graphml::xml_escape(class),
            shape(class)
        )?;
    }
    writeln!(
        out,
        "<tr><td>edge label: the predicate; edge width: the articles that state the fact (1 to 5 or more)</td></tr></table>>];"
    )?;
    writeln!(out, "  }}")
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
