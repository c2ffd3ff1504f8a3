//! GEXF 1.3 for Gephi: typed attributes, `viz` colour and size by class and degree, and a
//! dynamic graph whose entities and facts start at the first article that states them, so that
//! Gephi's timeline replays how the graph grew.

use std::borrow::Cow;
use std::fmt::Display;
use std::io::{self, Write};

use super::graphml::xml_escape;
use super::{View, class_colour};
use crate::ontology::NAMESPACE;

pub(super) fn write(view: &View<'_>, out: &mut dyn Write) -> io::Result<()> {
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
    for (node, facts) in view.nodes() {
        let entity = view.projection.entity(node);
        let start = start_attribute(facts.first);
        writeln!(
            out,
            r#"      <node id="n{node}" label="{}"{start}>"#,
            xml_escape(&entity.label)
        )?;
        let aliases = entity.aliases.join("; ");
        let degree = facts.degree.to_string();
        let values = [
            xml_escape(entity.iri.as_str()),
            xml_escape(&entity.class),
            xml_escape(&aliases),
            degree.into(),
        ];
        write_attvalues(out, values.into_iter().enumerate())?;
        let (r, g, b) = class_colour(&entity.class);
        writeln!(out, r#"        <viz:color r="{r}" g="{g}" b="{b}"/>"#)?;
        writeln!(
            out,
            r#"        <viz:size value="{}"/>"#,
            5.0 + (facts.degree as f64).sqrt() * 3.0
        )?;
        writeln!(out, "      </node>")?;
    }
    writeln!(out, "    </nodes>")?;

    writeln!(out, "    <edges>")?;
    for (edge, facts) in view.edges() {
        let (subject, object) = view.projection.endpoints(edge);
        let predicate = xml_escape(view.projection.relation(edge).predicate);
        let start = start_attribute(facts.first);
        writeln!(
            out,
            r#"      <edge id="e{edge}" source="n{subject}" target="n{object}" label="{predicate}" kind="{predicate}" weight="{}"{start}>"#,
            facts.articles.max(1)
        )?;
        writeln!(out, "        <attvalues>")?;
        write_attvalue(out, 0, &predicate)?;
        write_attvalue(out, 1, format_args!("{NAMESPACE}{predicate}"))?;
        write_attvalue(out, 2, facts.articles)?;
        if let Some(confidence) = facts.confidence {
            write_attvalue(out, 3, confidence)?;
        }
        if let Some(evidence) = facts.evidence {
            write_attvalue(out, 4, xml_escape(evidence))?;
        }
        writeln!(out, "        </attvalues>")?;
        writeln!(out, "      </edge>")?;
    }
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
fn start_attribute(first: Option<&str>) -> impl std::fmt::Display + '_ {
    struct Start<'a>(Option<&'a str>);
    impl std::fmt::Display for Start<'_> {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            match self.0 {
                Some(date) => write!(f, r#" start="{date}""#),
                None => Ok(()),
            }
        }
    }
    Start(first)
}

/// Values of declared attributes, by attribute number.
fn write_attvalues<'a>(
    out: &mut dyn Write,
    values: impl IntoIterator<Item = (usize, Cow<'a, str>)>,
) -> io::Result<()> {
    writeln!(out, "        <attvalues>")?;
    for (index, value) in values {
        write_attvalue(out, index, value)?;
    }
    writeln!(out, "        </attvalues>")
}

/// One value of a declared attribute, already escaped.
fn write_attvalue(out: &mut dyn Write, index: usize, value: impl Display) -> io::Result<()> {
    writeln!(
        out,
        r#"          <attvalue for="{index}" value="{value}"/>"#
    )
}
