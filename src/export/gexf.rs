//! GEXF 1.3 for Gephi: typed attributes, `viz` colour and size by class and degree, and a
//! dynamic graph whose entities and facts start at the first article that states them, so that
//! Gephi's timeline replays how the graph grew.

use std::io::{self, Write};

use super::graphml::edge_start;
use super::text::{Piece, Xml, put};
use super::{Output, View, class_colour};
use crate::ontology::NAMESPACE;

pub(super) fn write(view: &View<'_>, out: &mut Output<'_>) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">"#
    )?;
    writeln!(
        out,
        "  <meta><creator>factgraph {}</creator><description>entities and facts from news articles</description></meta>",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(
        out,
        r#"  <graph mode="dynamic" defaultedgetype="directed" timeformat="date" timerepresentation="interval">"#
    )?;
    write_attributes(
        out,
        "node",
        &[
            ("iri", "string"),
            ("class", "string"),
            ("aliases", "string"),
            ("degree", "integer"),
        ],
    )?;
    write_attributes(
        out,
        "edge",
        &[
            ("predicate", "string"),
            ("predicate_iri", "string"),
            ("articles", "integer"),
            ("confidence", "double"),
            ("evidence", "string"),
        ],
    )?;

    writeln!(out, "    <nodes>")?;
    view.write_nodes(out, |out, _, node, facts| {
        let entity = view.projection.entity(node);
        put!(
            out,
            "      <node id=\"n",
            node,
            "\" label=\"",
            Xml(entity.label),
            "\""
        );
        start_attribute(out, facts.first);
        put!(out, ">\n        <attvalues>\n");
        attvalue(out, 0, Xml(entity.iri.as_str()));
        attvalue(out, 1, Xml(entity.class));
        attvalue(out, 2, Xml(&entity.aliases.join("; ")));
        attvalue(out, 3, facts.degree);
        let (r, g, b) = class_colour(entity.class);
        put!(
            out,
            "        </attvalues>\n        <viz:color r=\"",
            usize::from(r),
            "\" g=\"",
            usize::from(g),
            "\" b=\"",
            usize::from(b),
            "\"/>\n        <viz:size value=\"",
            5.0 + (facts.degree as f64).sqrt() * 3.0,
            "\"/>\n      </node>\n"
        );
        Ok(())
    })?;
    writeln!(out, "    </nodes>")?;

    writeln!(out, "    <edges>")?;
    view.write_edges(out, |out, _, edge, facts| {
        let (subject, object) = view.projection.endpoints(edge);
        let predicate = view.projection.relation(edge).predicate;
        edge_start(out, "      ", edge, subject, object);
        put!(
            out,
            " label=\"",
            Xml(predicate),
            "\" kind=\"",
            Xml(predicate),
            "\" weight=\"",
            facts.articles.max(1),
            "\""
        );
        start_attribute(out, facts.first);
        put!(out, ">\n        <attvalues>\n");
        attvalue(out, 0, Xml(predicate));
        put!(
            out,
            "          <attvalue for=\"1\" value=\"",
            NAMESPACE,
            Xml(predicate),
            "\"/>\n"
        );
        attvalue(out, 2, facts.articles);
        if let Some(confidence) = facts.confidence {
            attvalue(out, 3, confidence);
        }
        if let Some(evidence) = facts.evidence {
            attvalue(out, 4, Xml(evidence));
        }
        put!(out, "        </attvalues>\n      </edge>\n");
        Ok(())
    })?;
    writeln!(out, "    </edges>")?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</gexf>")
}

/// Declares attributes, numbered in order: the values refer to them by number.
fn write_attributes(
    out: &mut dyn Write,
    class: &str,
    attributes: &[(&str, &str)],
) -> io::Result<()> {
    writeln!(out, r#"    <attributes class="{class}">"#)?;
    for (index, (title, kind)) in attributes.iter().enumerate() {
        writeln!(
            out,
            r#"      <attribute id="{index}" title="{title}" type="{kind}"/>"#
        )?;
    }
    writeln!(out, "    </attributes>")
}

/// ` start="…"` for an element first stated on that date; nothing for an undated one, which
/// then exists for the whole timeline.
fn start_attribute(out: &mut Vec<u8>, first: Option<&str>) {
    if let Some(date) = first {
        put!(out, " start=\"", date, "\"");
    }
}

/// One value of a declared attribute, by attribute number.
fn attvalue(out: &mut Vec<u8>, index: usize, value: impl Piece) {
    put!(
        out,
        "          <attvalue for=\"",
        index,
        "\" value=\"",
        value,
        "\"/>\n"
    );
}
