//! The SPARQL page: an editor with our prefixes declared, whose script sends the query to
//! `/sparql` (as `application/sparql-query`, which carries queries only, never updates) and
//! shows the results as a table, entity IRIs linked to their pages.

use std::fmt::Write as _;

use axum::http::StatusCode;
use axum::response::Response;

use super::Shared;
use super::html::{escape, frame, html_response, json_block};
use crate::rdf::vocab::PREFIXES;

const EXAMPLE: &str = "# Who bans what, and which article says so\n\
SELECT ?order ?orderLabel ?app ?appLabel ?article WHERE {\n  \
?order fg:bans ?app .\n  \
?order rdfs:label ?orderLabel .\n  \
?app rdfs:label ?appLabel .\n  \
GRAPH ?article { ?order fg:bans ?app }\n\
}\n\
ORDER BY ?orderLabel ?appLabel\n\
LIMIT 100\n";

pub(super) fn page(shared: &Shared, query: Option<&str>) -> Response {
    let mut prefixes = String::new();
    for (name, iri) in PREFIXES {
        let _ = writeln!(
            prefixes,
            "<li><code>PREFIX {}: &lt;{}&gt;</code></li>",
            escape(name),
            escape(iri)
        );
    }
    let body = format!(
        r#"<h1>SPARQL</h1>
<form class="sparql-form" action="/view/sparql" method="get" data-endpoint="/sparql" data-entity-base="{entity_base}" data-article-base="{article_base}">
<details class="prefixes"><summary>Prefixes declared for you</summary>
<ul>
{prefixes}</ul>
</details>
<textarea name="query" id="query" rows="14" spellcheck="false" aria-label="SPARQL query">{query}</textarea>
<div class="run"><button type="submit" id="run">Run query</button> <span class="hint">Ctrl+Enter runs it · the results open entities and articles in the viewer · queries only: this page cannot change the store</span></div>
</form>
<section class="sparql-results" aria-live="polite"><p class="status" id="status"></p><div id="results"></div></section>
{prefix_data}"#,
        prefix_data = json_block("prefixes-data", &serde_json::json!(PREFIXES)),
        entity_base = escape(&format!("{}entity/", shared.config.base.as_str())),
        article_base = escape(&format!("{}article/", shared.config.base.as_str())),
        query = escape(query.unwrap_or(EXAMPLE)),
    );
    html_response(StatusCode::OK, frame("SPARQL", "sparql", &body))
}
