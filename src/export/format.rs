//! Every format factgraph writes, in one table: its name, file extension, media types and what
//! it holds. The command line, the server's content negotiation and the exporters all read it.

use oxigraph::io::{JsonLdProfileSet, RdfFormat};

use super::GraphFormat;

/// A format factgraph writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    Turtle,
    NTriples,
    NQuads,
    TriG,
    RdfXml,
    JsonLd,
    GraphMl,
    Gexf,
    Dot,
    CytoscapeJson,
    Neo4jCsv,
}

/// What a format holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Quads or triples of the store.
    Rdf(RdfFormat),
    /// The entity graph, or a slice of it, in one file.
    Graph(GraphFormat),
    /// The entity graph, or a slice of it, as tables in a folder (one file per table).
    Tables,
}

/// A row of the table.
struct Row {
    name: &'static str,
    extension: &'static str,
    /// The first is the one answers are labelled with; the others are also understood.
    media_types: &'static [&'static str],
    kind: Kind,
}

impl Format {
    /// Every format, in the order the command line lists them.
    pub const ALL: [Self; 11] = [
        Self::Turtle,
        Self::NTriples,
        Self::NQuads,
        Self::TriG,
        Self::RdfXml,
        Self::JsonLd,
        Self::GraphMl,
        Self::Gexf,
        Self::Dot,
        Self::CytoscapeJson,
        Self::Neo4jCsv,
    ];

    const fn row(self) -> Row {
        const fn row(
            name: &'static str,
            extension: &'static str,
            media_types: &'static [&'static str],
            kind: Kind,
        ) -> Row {
            Row {
                name,
                extension,
                media_types,
                kind,
            }
        }
        match self {
            Self::Turtle => row(
                "turtle",
                "ttl",
                &["text/turtle", "application/x-turtle"],
                Kind::Rdf(RdfFormat::Turtle),
            ),
            Self::NTriples => row(
                "ntriples",
                "nt",
                &["application/n-triples", "text/plain"],
                Kind::Rdf(RdfFormat::NTriples),
            ),
            Self::NQuads => row(
                "nquads",
                "nq",
                &["application/n-quads"],
                Kind::Rdf(RdfFormat::NQuads),
            ),
            Self::TriG => row(
                "trig",
                "trig",
                &["application/trig"],
                Kind::Rdf(RdfFormat::TriG),
            ),
            Self::RdfXml => row(
                "rdfxml",
                "rdf",
                &["application/rdf+xml", "application/xml"],
                Kind::Rdf(RdfFormat::RdfXml),
            ),
            Self::JsonLd => row(
                "jsonld",
                "jsonld",
                &["application/ld+json", "application/json"],
                Kind::Rdf(RdfFormat::JsonLd {
                    profile: JsonLdProfileSet::empty(),
                }),
            ),
            Self::GraphMl => row(
                "graphml",
                "graphml",
                &["application/graphml+xml"],
                Kind::Graph(GraphFormat::GraphMl),
            ),
            Self::Gexf => row(
                "gexf",
                "gexf",
                &["application/gexf+xml"],
                Kind::Graph(GraphFormat::Gexf),
            ),
            Self::Dot => row(
                "dot",
                "dot",
                &["text/vnd.graphviz"],
                Kind::Graph(GraphFormat::Dot),
            ),
            Self::CytoscapeJson => row(
                "cyjs",
                "cyjs",
                &["application/json"],
                Kind::Graph(GraphFormat::CytoscapeJson),
            ),
            Self::Neo4jCsv => row("neo4j", "csv", &["text/csv"], Kind::Tables),
        }
    }

    /// The name `--format` takes.
    pub const fn name(self) -> &'static str {
        self.row().name
    }

    /// The extension of a file in this format (of each file, for tables).
    pub const fn extension(self) -> &'static str {
        self.row().extension
    }

    /// The media type an answer in this format is labelled with.
    pub const fn media_type(self) -> &'static str {
        self.row().media_types[0]
    }

    /// Every media type taken to mean this format, the one answers are labelled with first.
    pub const fn media_types(self) -> &'static [&'static str] {
        self.row().media_types
    }

    pub const fn kind(self) -> Kind {
        self.row().kind
    }

    /// The RDF format, for a format of the store's quads.
    pub const fn rdf(self) -> Option<RdfFormat> {
        match self.kind() {
            Kind::Rdf(rdf) => Some(rdf),
            Kind::Graph(_) | Kind::Tables => None,
        }
    }

    /// The format whose file extension `extension` is (as written, in lower case).
    pub fn from_extension(extension: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|format| format.extension() == extension)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_extensions_name_one_format_each() {
        for (i, a) in Format::ALL.iter().enumerate() {
            for b in &Format::ALL[i + 1..] {
                assert_ne!(a.name(), b.name());
                assert_ne!(a.extension(), b.extension());
            }
        }
    }

    #[test]
    fn rdf_formats_agree_with_the_rdf_library() {
        for format in Format::ALL {
            if let Kind::Rdf(rdf) = format.kind() {
                assert_eq!(format.media_type(), rdf.media_type(), "{format:?}");
                assert_eq!(format.extension(), rdf.file_extension(), "{format:?}");
                assert_eq!(Format::from_extension(rdf.file_extension()), Some(format));
            }
        }
    }
}
