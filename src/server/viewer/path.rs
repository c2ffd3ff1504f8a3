//! The path page: the form of `factgraph path` (ends, filters, k), then each path found drawn as
//! a chain, and each hop with the articles and sentences behind it.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::Response;
use oxigraph::model::NamedNode;
use serde_json::json;

use super::html::{article_link, entity_link, escape, frame, href, html_response, json_block};
use super::{Shared, entity::article_infos, params};
use crate::graph::{ArticleReport, EntityReport, HopReport, MAX_K, PathReport};
use crate::ontology::PropertyKind;
use crate::server::api::{PATH_PARAMS, path_request, search_error};
use crate::server::form_pairs;
use crate::server::respond::ApiError;
use crate::store::ArticleInfo;

/// Articles listed under one hop; the rest are counted.
const LISTED_PER_HOP: usize = 10;

pub(super) fn page(shared: &Arc<Shared>, raw: &str) -> Result<Response, ApiError> {
    let given: BTreeMap<String, String> = form_pairs(raw.as_bytes()).into_iter().collect();
    let value = |name: &str| given_value(&given, name);
    let mut body = String::from("<h1>Paths</h1>\n");
    body.push_str(&form(shared, &given));
    let asked = !value("from").is_empty() && !value("to").is_empty();
    if !asked {
        body.push_str("<p class=\"note\">Give two entities: the shortest chains of facts between them are drawn, each hop with the articles and sentences that state it.</p>\n");
        return Ok(html_response(StatusCode::OK, frame("Paths", "path", &body)));
    }
    let title = format!("{} → {}", value("from"), value("to"));
    let outcome = params(Some(raw), &PATH_PARAMS)
        .and_then(|p| path_request(&p))
        .and_then(|request| {
            let graph = shared.graph()?;
            let answer = graph
                .projection
                .answer_path(&request, shared.ontology)
                .map_err(search_error)?;
            Ok((graph, answer))
        });
    let (graph, answer) = match outcome {
        Ok(found) => found,
        Err(err) => {
            let _ = writeln!(
                body,
                "<section class=\"results\">\n<p class=\"error\">{}</p>\n</section>",
                escape(&err.message).replace('\n', "<br>")
            );
            return Ok(html_response(err.status, frame(&title, "path", &body)));
        }
    };
    let found = graph.projection.path_answer_report(&answer);
    let paths = &found.paths;
    body.push_str("<section class=\"results\">\n");
    if paths.is_empty() {
        let _ = writeln!(
            body,
            "<p class=\"no-path\">No path between {} and {} with these settings.</p>",
            escape(value("from")),
            escape(value("to"))
        );
    }
    let iris: Vec<NamedNode> = paths
        .iter()
        .flat_map(|p| &p.hops)
        .flat_map(|h| &h.articles)
        .filter_map(|a| NamedNode::new(a.iri).ok())
        .collect();
    let articles = article_infos(shared, iris.iter())?;
    for (index, path) in paths.iter().enumerate() {
        body.push_str(&path_section(index + 1, path, &articles, &given));
    }
    // With one path, its own line already says what breaks it.
    if paths.len() > 1 {
        body.push_str(&answer_support(&found.broken_without, &articles));
    }
    if !paths.is_empty() {
        body.push_str("<figure class=\"legend-only\"><figcaption class=\"legend\" aria-label=\"Classes\"></figcaption></figure>\n");
    }
    body.push_str("</section>\n");
    Ok(html_response(StatusCode::OK, frame(&title, "path", &body)))
}

fn given_value<'a>(given: &'a BTreeMap<String, String>, name: &str) -> &'a str {
    given.get(name).map_or("", |v| v.trim())
}

/// The search form, filled with what was asked.
fn form(shared: &Arc<Shared>, given: &BTreeMap<String, String>) -> String {
    let value = |name: &str| given_value(given, name);
    let mut relations: Vec<&str> = shared
        .ontology
        .properties()
        .filter(|p| p.kind == PropertyKind::Relation)
        .map(|p| p.name.as_str())
        .collect();
    relations.sort_unstable();
    let options: String = relations
        .iter()
        .map(|r| format!("<option value=\"{}\"></option>", escape(r)))
        .collect();
    let field = |name: &str| escape(value(name));
    let checked = |name: &str| {
        if matches!(value(name), "true" | "1" | "on") {
            " checked"
        } else {
            ""
        }
    };
    let weight = value("weight");
    let selected = |w: &str| {
        if weight == w || (weight.is_empty() && w == "specific") {
            " selected"
        } else {
            ""
        }
    };
    format!(
        r#"<form class="path-form" action="/view/path" method="get" autocomplete="off">
<div class="ends">
<label>From <span class="completing"><input name="from" value="{from}" required data-complete="fill" placeholder="a label, an alias or an IRI" spellcheck="false"><ul class="completions" role="listbox" hidden></ul></span></label>
<label>To <span class="completing"><input name="to" value="{to}" required data-complete="fill" placeholder="a label, an alias or an IRI" spellcheck="false"><ul class="completions" role="listbox" hidden></ul></span></label>
<label>Paths <input name="k" type="number" min="1" max="{max_k}" value="{k}" placeholder="1"></label>
<button type="submit">Find paths</button>
</div>
<details class="filters"{open}>
<summary>Filters</summary>
<div class="filter-grid">
<label>Only via <input name="via" value="{via}" list="relations" placeholder="signs,bans,ownedBy"></label>
<label>Never via <input name="not-via" value="{not_via}" list="relations" placeholder="basedIn"></label>
<label>Avoid entities <input name="avoid" value="{avoid}" placeholder="comma-separated names"></label>
<label>Articles since <input name="since" type="date" value="{since}"></label>
<label>Articles until <input name="until" type="date" value="{until}"></label>
<label>Length counts <select name="weight"><option value="specific"{w_specific}>specific (hubs cost more)</option><option value="hops"{w_hops}>hops</option><option value="confidence"{w_confidence}>confidence</option><option value="sources"{w_sources}>sources</option></select></label>
<label class="check"><input name="directed" type="checkbox" value="true"{directed}> follow facts only from subject to object</label>
<label class="check"><input name="all" type="checkbox" value="true"{all}> every simple path up to</label>
<label>Max hops (with every path) <input name="max-hops" type="number" min="1" max="6" value="{max_hops}" placeholder="4"></label>
<label>Most paths (with every path) <input name="limit" type="number" min="1" max="1000" value="{limit}" placeholder="100"></label>
</div>
</details>
<datalist id="relations">{options}</datalist>
</form>
"#,
        from = field("from"),
        to = field("to"),
        k = field("k"),
        max_k = MAX_K,
        via = field("via"),
        not_via = field("not-via"),
        avoid = field("avoid"),
        since = field("since"),
        until = field("until"),
        max_hops = field("max-hops"),
        limit = field("limit"),
        directed = checked("directed"),
        all = checked("all"),
        w_specific = selected("specific"),
        w_hops = selected("hops"),
        w_confidence = selected("confidence"),
        w_sources = selected("sources"),
        open = if [
            "via", "not-via", "avoid", "since", "until", "directed", "all", "max-hops"
        ]
        .iter()
        .any(|n| !value(n).is_empty())
            || !matches!(weight, "" | "specific")
        {
            " open"
        } else {
            ""
        },
    )
}

fn entity_of(entity: &EntityReport<'_>) -> String {
    entity_link(entity.iri, entity.label, entity.class)
}

fn backward(hop: &HopReport<'_>) -> bool {
    hop.direction == "backward"
}

/// One path: its chain as text, its drawing, and its hops with their articles.
fn path_section(
    number: usize,
    path: &PathReport<'_>,
    articles: &BTreeMap<NamedNode, ArticleInfo>,
    given: &BTreeMap<String, String>,
) -> String {
    let hops = &path.hops;
    let mut html = format!(
        "<section class=\"path\" id=\"path-{number}\">\n<h2>Path {number} <small>{} hop{}</small></h2>\n<p class=\"chain\">",
        hops.len(),
        if hops.len() == 1 { "" } else { "s" }
    );
    if let Some(first) = path.nodes.first() {
        let _ = write!(html, "<span class=\"node\">{}</span>", entity_of(first));
    }
    for hop in hops {
        let predicate = escape(hop.predicate);
        let arrow = if backward(hop) {
            format!("←{predicate}—")
        } else {
            format!("—{predicate}→")
        };
        let _ = write!(
            html,
            " <span class=\"rel\">{arrow}</span> <span class=\"node\">{}</span>",
            entity_of(&hop.to)
        );
    }
    html.push_str("</p>\n");
    html.push_str(&hub_warnings(path, given));
    html.push_str(&path_support(path, articles));
    let data_id = format!("path-{number}-data");
    let drawing = json!({
        "kind": "chain",
        "nodes": path.nodes,
        "hops": hops.iter().map(|h| json!({
            "predicate": h.predicate,
            "forward": !backward(h),
        })).collect::<Vec<_>>(),
    });
    let _ = writeln!(
        html,
        "<figure class=\"drawing chain-figure\"><svg class=\"graph chain-graph\" data-graph=\"{data_id}\" role=\"img\" aria-label=\"Path {number} drawn\"></svg></figure>"
    );
    html.push_str(&json_block(&data_id, &drawing));
    html.push_str("<ol class=\"hops\">\n");
    for hop in hops {
        let (subject, object) = if backward(hop) {
            (&hop.to, &hop.from)
        } else {
            (&hop.from, &hop.to)
        };
        let _ = writeln!(
            html,
            "<li class=\"hop\"><p class=\"hop-fact\">{} <span class=\"rel\">—{}→</span> {}</p>",
            entity_of(subject),
            escape(hop.predicate),
            entity_of(object)
        );
        let mut supports: Vec<_> = hop.articles.iter().collect();
        // Those with a sentence first, then the more confident.
        supports.sort_by(|a, b| {
            b.evidence
                .is_some()
                .cmp(&a.evidence.is_some())
                .then(b.confidence.total_cmp(&a.confidence))
        });
        html.push_str("<ul class=\"supports\">\n");
        if supports.is_empty() {
            html.push_str("<li class=\"note\">no article in the date window</li>\n");
        }
        for support in supports.iter().take(LISTED_PER_HOP) {
            let info = NamedNode::new(support.iri)
                .ok()
                .and_then(|i| articles.get(&i));
            let _ = write!(
                html,
                "<li>{}",
                article_link(
                    support.iri,
                    Some(support.id),
                    info.and_then(|i| i.title.as_deref())
                )
            );
            if let Some(date) = support.published {
                let _ = write!(html, " <time>{}</time>", escape(date));
            }
            if support.confidence < 1.0 {
                let _ = write!(
                    html,
                    " <span class=\"confidence\">confidence {}</span>",
                    support.confidence
                );
            }
            if let Some(evidence) = support.evidence {
                let _ = write!(html, " <q class=\"evidence\">{}</q>", escape(evidence));
            }
            html.push_str("</li>\n");
        }
        if supports.len() > LISTED_PER_HOP {
            let _ = writeln!(
                html,
                "<li class=\"note\">and {} more articles</li>",
                supports.len() - LISTED_PER_HOP
            );
        }
        html.push_str("</ul>\n</li>\n");
    }
    html.push_str("</ol>\n</section>\n");
    html
}

/// One warning per hub the path passes, with a link that asks again around it.
fn hub_warnings(path: &PathReport<'_>, given: &BTreeMap<String, String>) -> String {
    let mut html = String::new();
    let mut named: Vec<&str> = Vec::new();
    for weak in &path.weak_links {
        let container = &weak.container;
        let iri = container.iri;
        if named.contains(&iri) {
            continue;
        }
        named.push(iri);
        let label = container.label;
        // `avoid` is a comma-separated list: a label holding a comma goes by its IRI.
        let name = if label.contains(',') { iri } else { label };
        let _ = writeln!(
            html,
            "<p class=\"hub-warning\" role=\"note\"><strong>Passes through a hub:</strong> {} by <span class=\"rel\">{}</span>, a container of {} members: a membership in it says little about a connection. <a class=\"avoid\" href=\"{}\">Search again avoiding {}</a></p>",
            entity_of(container),
            escape(weak.predicate),
            weak.members,
            avoiding(given, name),
            escape(label)
        );
    }
    html
}

/// The path page's link for the same search with `name` also avoided.
fn avoiding(given: &BTreeMap<String, String>, name: &str) -> String {
    let avoided = match given_value(given, "avoid") {
        "" => name.to_owned(),
        already => format!("{already},{name}"),
    };
    let mut pairs: Vec<(&str, &str)> = given
        .iter()
        .filter(|(key, _)| *key != "avoid")
        .map(|(key, value)| (key.as_str(), value.as_str()))
        .collect();
    pairs.push(("avoid", &avoided));
    href("/view/path", &pairs)
}

/// How many articles hold up the path's weakest hop, and which would break it if withdrawn.
fn path_support(path: &PathReport<'_>, articles: &BTreeMap<NamedNode, ArticleInfo>) -> String {
    let weakest = path.weakest_hop_articles;
    let breaks = match article_list(&path.broken_without, articles) {
        None => "no single article's removal breaks it".to_owned(),
        Some(list) => format!("removing {list} breaks it"),
    };
    format!(
        "<p class=\"support\"><strong>Support:</strong> weakest hop stated by {weakest} article{}; {breaks}.</p>\n",
        if weakest == 1 { "" } else { "s" }
    )
}

/// The articles whose removal alone breaks every path shown.
fn answer_support(
    broken: &[ArticleReport<'_>],
    articles: &BTreeMap<NamedNode, ArticleInfo>,
) -> String {
    let sentence = match article_list(broken, articles) {
        None => "No single article's removal breaks every path above.".to_owned(),
        Some(list) => format!("Removing {list} breaks every path above."),
    };
    format!("<p class=\"support answer-support\">{sentence}</p>\n")
}

/// Links to the articles of a `brokenWithout` list, as a sentence lists them (`a`, `a or b`,
/// `a, b or c`); none when the list is empty.
fn article_list(
    list: &[ArticleReport<'_>],
    articles: &BTreeMap<NamedNode, ArticleInfo>,
) -> Option<String> {
    let links: Vec<String> = list
        .iter()
        .map(|article| {
            let info = NamedNode::new(article.iri)
                .ok()
                .and_then(|i| articles.get(&i));
            article_link(
                article.iri,
                Some(article.id),
                info.and_then(|i| i.title.as_deref()),
            )
        })
        .collect();
    let (last, rest) = links.split_last()?;
    Some(if rest.is_empty() {
        last.clone()
    } else {
        format!("{} or {last}", rest.join(", "))
    })
}
