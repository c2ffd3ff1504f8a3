//! Content negotiation: which of the formats we can write suits the client's `Accept` header.

use oxigraph::io::RdfFormat;
use oxigraph::sparql::results::QueryResultsFormat;

use crate::export::{Format, Kind};

/// SELECT and ASK results, in the order we prefer them when the client does not mind.
pub(super) const RESULT_FORMATS: [(QueryResultsFormat, &[&str]); 4] = [
    (
        QueryResultsFormat::Json,
        &["application/sparql-results+json", "application/json"],
    ),
    (
        QueryResultsFormat::Xml,
        &[
            "application/sparql-results+xml",
            "application/xml",
            "text/xml",
        ],
    ),
    (QueryResultsFormat::Csv, &["text/csv"]),
    (QueryResultsFormat::Tsv, &["text/tab-separated-values"]),
];

/// Graphs (CONSTRUCT, DESCRIBE, Graph Store reads), in the order we prefer them: formats of
/// the export table, with the media types that name them.
pub(super) const GRAPHS: [(Format, &[&str]); 6] = [
    offer(Format::Turtle),
    offer(Format::NTriples),
    offer(Format::RdfXml),
    offer(Format::JsonLd),
    offer(Format::TriG),
    offer(Format::NQuads),
];

/// Whole datasets (a Graph Store read without a graph).
pub(super) const DATASETS: [(Format, &[&str]); 2] = [offer(Format::TriG), offer(Format::NQuads)];

/// [`GRAPHS`] as the RDF library names them, for query answers and request bodies.
pub(super) const GRAPH_FORMATS: [(RdfFormat, &[&str]); 6] = in_rdf(GRAPHS);

/// An RDF format of the export table, with the media types that name it. Evaluated as the
/// server is compiled: a format that is no RDF format stops the build.
const fn offer(format: Format) -> (Format, &'static [&'static str]) {
    assert!(
        format.rdf().is_some(),
        "content negotiation offers RDF formats only"
    );
    (format, format.media_types())
}

const fn in_rdf<const N: usize>(
    offers: [(Format, &'static [&'static str]); N],
) -> [(RdfFormat, &'static [&'static str]); N] {
    let mut formats: [(RdfFormat, &'static [&'static str]); N] = [(RdfFormat::Turtle, &[]); N];
    let mut index = 0;
    while index < N {
        let (format, media_types) = offers[index];
        formats[index] = match format.kind() {
            Kind::Rdf(rdf) => (rdf, media_types),
            Kind::Graph(_) | Kind::Tables => panic!("content negotiation offers RDF formats only"),
        };
        index += 1;
    }
    formats
}

/// One media range of an `Accept` header.
struct Range<'a> {
    kind: &'a str,
    subtype: &'a str,
    quality: f32,
}

fn ranges(accept: &str) -> Vec<Range<'_>> {
    accept
        .split(',')
        .filter_map(|item| {
            let mut parts = item.split(';');
            let (kind, subtype) = parts.next()?.trim().split_once('/')?;
            let mut quality = 1.0;
            for parameter in parts {
                if let Some((name, value)) = parameter.split_once('=') {
                    if name.trim().eq_ignore_ascii_case("q") {
                        quality = value.trim().parse().unwrap_or(0.0);
                    }
                }
            }
            Some(Range {
                kind: kind.trim(),
                subtype: subtype.trim(),
                quality,
            })
        })
        .collect()
}

/// How much the client wants `media`: the quality of the most specific range that matches it.
fn quality(ranges: &[Range<'_>], media: &str) -> f32 {
    let Some((kind, subtype)) = media.split_once('/') else {
        return 0.0;
    };
    let mut best: Option<(u8, f32)> = None;
    for range in ranges {
        let specificity = match (range.kind, range.subtype) {
            ("*", "*") => 0,
            (k, "*") if k.eq_ignore_ascii_case(kind) => 1,
            (k, s) if k.eq_ignore_ascii_case(kind) && s.eq_ignore_ascii_case(subtype) => 2,
            _ => continue,
        };
        if best.is_none_or(|(s, _)| specificity > s) {
            best = Some((specificity, range.quality));
        }
    }
    best.map_or(0.0, |(_, q)| q)
}

/// The format the client wants most among `formats` (first listed wins ties), with the media
/// type to label the response with, or `None` when it accepts none of them. No header means
/// anything goes.
pub(super) fn choose<F: Copy>(
    accept: Option<&str>,
    formats: &[(F, &'static [&'static str])],
) -> Option<(F, &'static str)> {
    let header = accept
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .unwrap_or("*/*");
    if header == "*/*" {
        // Anything goes, as for most programs: the first format, without reading ranges.
        return formats
            .first()
            .and_then(|(format, media)| Some((*format, *media.first()?)));
    }
    let ranges = ranges(header);
    let mut best: Option<(usize, f32)> = None;
    for (index, (_, media_types)) in formats.iter().enumerate() {
        for media in *media_types {
            let q = quality(&ranges, media);
            if q > 0.0 && best.is_none_or(|(_, b)| q > b) {
                best = Some((index, q));
            }
        }
    }
    best.map(|(index, _)| (formats[index].0, formats[index].1[0]))
}

/// The media types of `formats`, for a 406 message.
pub(super) fn listed<F>(formats: &[(F, &'static [&'static str])]) -> String {
    formats
        .iter()
        .map(|(_, media)| media[0])
        .collect::<Vec<_>>()
        .join(", ")
}

/// The RDF format a request body's `Content-Type` names.
pub(super) fn rdf_format(content_type: &str) -> Option<RdfFormat> {
    let media = content_type.split(';').next()?.trim();
    GRAPH_FORMATS
        .iter()
        .find(|(_, types)| types.iter().any(|t| t.eq_ignore_ascii_case(media)))
        .map(|(format, _)| *format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_most_wanted_supported_format_wins() {
        let json = Some((QueryResultsFormat::Json, "application/sparql-results+json"));
        assert_eq!(choose(None, &RESULT_FORMATS), json);
        assert_eq!(choose(Some("*/*"), &RESULT_FORMATS), json);
        assert_eq!(
            choose(
                Some("text/csv;q=0.5, application/sparql-results+xml"),
                &RESULT_FORMATS
            ),
            Some((QueryResultsFormat::Xml, "application/sparql-results+xml"))
        );
        assert_eq!(
            choose(
                Some("text/*;q=0.9, text/csv;q=0.1, text/xml;q=0"),
                &RESULT_FORMATS
            ),
            Some((QueryResultsFormat::Tsv, "text/tab-separated-values"))
        );
        assert_eq!(choose(Some("image/png"), &RESULT_FORMATS), None);
        assert_eq!(choose(Some("text/csv;q=0"), &RESULT_FORMATS), None);
    }

    #[test]
    fn browsers_get_json_results_and_turtle_graphs() {
        let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        assert_eq!(
            choose(Some(browser), &RESULT_FORMATS).map(|(f, _)| f),
            Some(QueryResultsFormat::Xml)
        );
        assert_eq!(
            choose(Some("text/turtle, */*;q=0.1"), &GRAPH_FORMATS).map(|(f, _)| f),
            Some(RdfFormat::Turtle)
        );
        assert_eq!(
            choose(Some("application/n-triples"), &GRAPH_FORMATS),
            Some((RdfFormat::NTriples, "application/n-triples"))
        );
    }

    #[test]
    fn body_formats_ignore_parameters() {
        assert_eq!(
            rdf_format("text/turtle; charset=utf-8"),
            Some(RdfFormat::Turtle)
        );
        assert_eq!(rdf_format("application/pdf"), None);
    }
}
