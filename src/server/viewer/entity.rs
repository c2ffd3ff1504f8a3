//! The entity page: who or what it is, its facts grouped by predicate with the articles, dates
//! and sentences behind each, and its neighbourhood drawn.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::Response;
use oxigraph::model::{NamedNode, NamedNodeRef, Term};
use serde_json::{Value, json};

use super::html::{self, escape, frame, href, html_response, json_block};
use super::{Shared, entity_choices};
use crate::graph::{self, NeighborsRequest, Projection};
use crate::ontology::NAMESPACE;
use crate::rdf::vocab::owl;
use crate::server::api::search_error;
use crate::server::respond::ApiError;
use crate::store::{ArticleInfo, Statement, compact};

/// How far the drawn neighbourhood reaches, at most.
pub(super) const MAX_HOPS: usize = 2;
/// Most facts drawn: past some 150 nodes a drawing is a hairball.
const DRAWN_FACTS: usize = 150;
/// Most stated facts listed; a hub's page says it stopped there.
const LISTED_FACTS: usize = 2000;

pub(super) fn page(shared: &Arc<Shared>, name: &str, hops: usize) -> Result<Response, ApiError> {
    let graph = shared.graph()?;
    let projection = &graph.projection;
    let node = match projection.lookup(name) {
        Ok(node) => node,
        Err(graph::Error::Ambiguous { .. }) => {
            let body = format!(
                "<h1>Which {}?</h1>\n<p>Several entities go by this name:</p>\n{}",
                escape(name),
                entity_choices(shared, &projection.named(name))?
            );
            return Ok(html_response(
                StatusCode::OK,
                frame(&format!("Which {name}?"), "choices", &body),
            ));
        }
        Err(graph::Error::Unknown { closest, .. }) => {
            let mut more = String::new();
            if !closest.is_empty() {
                more.push_str("<p>Did you mean:</p>\n<ul class=\"choices\">\n");
                for candidate in &closest {
                    let _ = writeln!(
                        more,
                        "<li><a href=\"{}\">{}</a></li>",
                        href("/view/entity", &[("name", candidate)]),
                        escape(candidate)
                    );
                }
                more.push_str("</ul>\n");
            }
            return Ok(html::error_page(
                StatusCode::NOT_FOUND,
                &format!("no entity is called `{name}`"),
                &more,
            ));
        }
        Err(err) => return Err(search_error(err)),
    };
    let entity = projection.entity(node);
    let stated = shared
        .store
        .facts_about(entity.iri, LISTED_FACTS)
        .map_err(ApiError::internal)?;
    let same_as = shared
        .store
        .merged_objects(entity.iri, owl::SAME_AS)
        .map_err(ApiError::internal)?;
    let articles = article_infos(shared, stated.facts.iter().map(|f| &f.article))?;

    let mut body = String::new();
    let _ = write!(
        body,
        "<h1>{label} <span class=\"class-chip\" data-class=\"{class}\">{class}</span></h1>\n<p class=\"iri\"><code>{iri}</code></p>\n",
        label = escape(entity.label),
        class = escape(entity.class),
        iri = escape(entity.iri.as_str()),
    );
    if !entity.aliases.is_empty() {
        let aliases: Vec<String> = entity.aliases.iter().map(escape).collect();
        let _ = writeln!(
            body,
            "<p class=\"aliases\">Also called: {}</p>",
            aliases.join(", ")
        );
    }
    if !same_as.is_empty() {
        let links: Vec<String> = same_as
            .iter()
            .map(|t| format!("<code>{}</code>", escape(&term_text(t))))
            .collect();
        let _ = writeln!(
            body,
            "<p class=\"same-as\">Same as: {}</p>",
            links.join(", ")
        );
    }
    let _ = writeln!(
        body,
        "<p class=\"actions\"><a href=\"{}\">Find paths from {}</a></p>",
        href("/view/path", &[("from", entity.label)]),
        escape(entity.label)
    );

    body.push_str(&neighbourhood(
        shared,
        projection,
        entity.iri.as_str(),
        hops,
    )?);
    body.push_str(&facts(
        projection,
        entity.iri,
        entity.label,
        &stated.facts,
        &articles,
    ));
    if stated.truncated {
        let _ = writeln!(
            body,
            "<p class=\"note\">Only the first {LISTED_FACTS} statements are listed; ask the SPARQL page for the rest.</p>"
        );
    }
    Ok(html_response(
        StatusCode::OK,
        frame(entity.label, "entity", &body),
    ))
}

/// The metadata of each article named, read once each.
pub(super) fn article_infos<'a>(
    shared: &Arc<Shared>,
    iris: impl Iterator<Item = &'a NamedNode>,
) -> Result<BTreeMap<NamedNode, ArticleInfo>, ApiError> {
    let mut infos = BTreeMap::new();
    for iri in iris {
        if !infos.contains_key(iri) {
            if let Some(info) = shared
                .store
                .article_info(iri.as_ref())
                .map_err(ApiError::internal)?
            {
                infos.insert(iri.clone(), info);
            }
        }
    }
    Ok(infos)
}

/// The drawing's section: an SVG the script fills from the JSON beside it, and its legend.
fn neighbourhood(
    shared: &Arc<Shared>,
    projection: &Projection,
    iri: &str,
    hops: usize,
) -> Result<String, ApiError> {
    let request = NeighborsRequest {
        name: iri.to_owned(),
        hops,
        limit: DRAWN_FACTS,
        filter: graph::EdgeFilter::default(),
    };
    let found = projection
        .answer_neighbors(&request, shared.ontology)
        .map_err(search_error)?;
    let answer = projection.neighborhood_report(&found);
    let edges: Vec<Value> = answer
        .edges
        .iter()
        .map(|e| {
            json!({
                "subject": e.subject,
                "predicate": e.predicate,
                "object": e.object,
                "articles": e.articles.len(),
            })
        })
        .collect();
    let node_count = answer.nodes.len();
    let data = json!({
        "kind": "neighbourhood",
        "center": iri,
        "nodes": answer.nodes,
        "edges": edges,
    });
    let mut html = String::from("<section class=\"neighbourhood\">\n<h2>Neighbourhood</h2>\n");
    let switch: Vec<String> = (1..=MAX_HOPS)
        .map(|h| {
            if h == hops {
                format!("<strong>{h} hop{}</strong>", if h == 1 { "" } else { "s" })
            } else {
                format!(
                    "<a href=\"{}\">{h} hop{}</a>",
                    href("/view/entity", &[("iri", iri), ("hops", &h.to_string())]),
                    if h == 1 { "" } else { "s" }
                )
            }
        })
        .collect();
    let _ = writeln!(
        html,
        "<p class=\"drawing-info\">{node_count} entities and {} facts within {} · click an entity to open it{}</p>",
        edges.len(),
        switch.join(" · "),
        if answer.truncated {
            format!(" · only the {DRAWN_FACTS} nearest facts are drawn")
        } else {
            String::new()
        }
    );
    html.push_str("<figure class=\"drawing\"><svg class=\"graph\" data-graph=\"neighbourhood-data\" role=\"img\" aria-label=\"The entity's neighbourhood\"></svg>\n<figcaption class=\"legend\" aria-label=\"Classes\"></figcaption></figure>\n");
    html.push_str(&json_block("neighbourhood-data", &data));
    html.push_str("</section>\n");
    Ok(html)
}

/// One row of a predicate group: the entity or value at the other end, and who says so.
struct Row<'a> {
    other: String,
    sort_key: String,
    stated: Vec<&'a Statement>,
}

/// The facts, grouped by predicate and direction, then by the other end.
fn facts(
    projection: &Projection,
    iri: NamedNodeRef<'_>,
    label: &str,
    stated: &[Statement],
    articles: &BTreeMap<NamedNode, ArticleInfo>,
) -> String {
    let mut groups: BTreeMap<(bool, String), BTreeMap<String, Row<'_>>> = BTreeMap::new();
    for fact in stated {
        // A fact of the entity with itself counts as its own, outgoing.
        let incoming = fact.subject.as_ref() != iri;
        let other: Term = if incoming {
            fact.subject.clone().into()
        } else {
            fact.object.clone()
        };
        let key = (incoming, predicate_name(&fact.predicate));
        let (shown, sort_key) = term_html(projection, &other);
        groups
            .entry(key)
            .or_default()
            .entry(other.to_string())
            .or_insert_with(|| Row {
                other: shown,
                sort_key,
                stated: Vec::new(),
            })
            .stated
            .push(fact);
    }
    let mut html = String::from("<section class=\"facts\">\n<h2>Facts</h2>\n");
    if stated.is_empty() {
        html.push_str("<p class=\"note\">No article states a fact about this entity.</p>\n");
    }
    for ((incoming, predicate), rows) in &groups {
        let heading = if *incoming {
            format!(
                "<span class=\"other\">…</span> <span class=\"predicate\">—{}→</span> {}",
                escape(predicate),
                escape(label)
            )
        } else {
            format!(
                "{} <span class=\"predicate\">—{}→</span> <span class=\"other\">…</span>",
                escape(label),
                escape(predicate)
            )
        };
        let _ = writeln!(
            html,
            "<div class=\"group\" data-predicate=\"{}\">\n<h3>{heading}</h3>\n<ul class=\"rows\">",
            escape(predicate)
        );
        let mut rows: Vec<&Row<'_>> = rows.values().collect();
        rows.sort_by(|a, b| a.sort_key.cmp(&b.sort_key));
        for row in rows {
            let _ = writeln!(html, "<li><div class=\"fact-end\">{}</div>", row.other);
            html.push_str(&supports(row.stated.iter().copied(), articles));
            html.push_str("</li>\n");
        }
        html.push_str("</ul>\n</div>\n");
    }
    html.push_str("</section>\n");
    html
}

/// The articles that state a fact: each with its date, confidence and sentence.
pub(super) fn supports<'a>(
    stated: impl Iterator<Item = &'a Statement>,
    articles: &BTreeMap<NamedNode, ArticleInfo>,
) -> String {
    let mut html = String::from("<ul class=\"supports\">\n");
    for fact in stated {
        let info = articles.get(&fact.article);
        let _ = write!(
            html,
            "<li>{}",
            html::article_link(
                fact.article.as_str(),
                info.and_then(|i| i.id.as_deref()),
                info.and_then(|i| i.title.as_deref())
            )
        );
        if let Some(date) = info.and_then(|i| i.published.as_deref()) {
            let _ = write!(html, " <time>{}</time>", escape(date));
        }
        if let Some(confidence) = fact.confidence.filter(|c| *c < 1.0) {
            let _ = write!(
                html,
                " <span class=\"confidence\">confidence {confidence}</span>"
            );
        }
        if let Some(evidence) = &fact.evidence {
            let _ = write!(html, " <q class=\"evidence\">{}</q>", escape(evidence));
        }
        html.push_str("</li>\n");
    }
    html.push_str("</ul>\n");
    html
}

/// `signs` for our own predicates, a prefixed name for others.
pub(super) fn predicate_name(predicate: &NamedNode) -> String {
    predicate
        .as_str()
        .strip_prefix(NAMESPACE)
        .map_or_else(|| compact(predicate.as_str()), str::to_owned)
}

/// A term as the page shows it: an entity as a link to its page, a value as text; with a key
/// to sort rows by.
pub(super) fn term_html(projection: &Projection, term: &Term) -> (String, String) {
    match term {
        Term::NamedNode(iri) => match projection.lookup(iri.as_str()) {
            Ok(node) => {
                let entity = projection.entity(node);
                (
                    html::entity_link(entity.iri.as_str(), entity.label, entity.class),
                    entity.label.to_lowercase(),
                )
            }
            Err(_) => (
                format!("<code>{}</code>", escape(&compact(iri.as_str()))),
                iri.as_str().to_owned(),
            ),
        },
        other => {
            let text = term_text(other);
            (
                format!("<span class=\"value\">{}</span>", escape(&text)),
                text,
            )
        }
    }
}

/// A literal's value, an IRI in full.
fn term_text(term: &Term) -> String {
    match term {
        Term::NamedNode(iri) => iri.as_str().to_owned(),
        Term::Literal(literal) => literal.value().to_owned(),
        other => other.to_string(),
    }
}
