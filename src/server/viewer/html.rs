//! HTML as the viewer writes it: every piece of data escaped on its way in, links built from
//! encoded parameters, and one page frame around every page.

use std::fmt::Write as _;
use std::sync::OnceLock;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::export::{class_colour, xml_escape};
use crate::ontology::Ontology;

/// Text made safe for HTML element content and quoted attribute values (as for XML: the same
/// five characters, and those XML cannot carry replaced).
pub(super) fn escape(text: &str) -> String {
    xml_escape(text).into_owned()
}

/// Each class's colour in drawings, the one the graph exports give it, for the page's script.
fn class_colours() -> &'static str {
    static BLOCK: OnceLock<String> = OnceLock::new();
    BLOCK.get_or_init(|| {
        let mut colours = serde_json::Map::new();
        let classes = Ontology::embedded()
            .map(|o| o.classes().map(|c| c.name.clone()).collect::<Vec<_>>())
            .unwrap_or_default();
        for class in classes.into_iter().chain(["Entity".to_owned()]) {
            let (r, g, b) = class_colour(&class);
            colours.insert(class, format!("#{r:02x}{g:02x}{b:02x}").into());
        }
        json_block("class-colours", &serde_json::Value::Object(colours))
    })
}

/// JSON for a `<script type="application/json">` block: `<`, `>` and `&` written as escapes,
/// so that no value can close the block (`</script>`) or open a comment.
pub(super) fn json_block(id: &str, value: &serde_json::Value) -> String {
    let mut text = String::new();
    for c in value.to_string().chars() {
        match c {
            '<' => text.push_str("\\u003c"),
            '>' => text.push_str("\\u003e"),
            '&' => text.push_str("\\u0026"),
            '\u{2028}' => text.push_str("\\u2028"),
            '\u{2029}' => text.push_str("\\u2029"),
            c => text.push(c),
        }
    }
    format!(
        "<script type=\"application/json\" id=\"{}\">{text}</script>\n",
        escape(id)
    )
}

/// `path?name=value&…`, each value percent-encoded, the whole escaped for an attribute.
pub(super) fn href(path: &str, params: &[(&str, &str)]) -> String {
    let mut url = path.to_owned();
    for (index, (name, value)) in params.iter().enumerate() {
        url.push(if index == 0 { '?' } else { '&' });
        url.push_str(name);
        url.push('=');
        url.extend(form_urlencoded::byte_serialize(value.as_bytes()));
    }
    escape(&url)
}

/// A link to an entity's page.
pub(super) fn entity_link(iri: &str, label: &str, class: &str) -> String {
    format!(
        "<a class=\"entity\" href=\"{}\" data-class=\"{}\" title=\"{}\">{}</a>",
        href("/view/entity", &[("iri", iri)]),
        escape(class),
        escape(&format!("{class} · {iri}")),
        escape(label)
    )
}

/// A link to an article's page, by its id (or IRI when it has none).
pub(super) fn article_link(iri: &str, id: Option<&str>, title: Option<&str>) -> String {
    let shown = id.unwrap_or(iri);
    format!(
        "<a class=\"article\" href=\"{}\" title=\"{}\">{}</a>",
        href("/view/article", &[("iri", iri)]),
        escape(title.unwrap_or(shown)),
        escape(shown)
    )
}

/// The frame of every page: head with the viewer's own style and script, the search bar and
/// the navigation, then `body`.
pub(super) fn frame(title: &str, kind: &str, body: &str) -> String {
    let mut html = String::with_capacity(body.len() + 2048);
    let _ = write!(
        html,
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · factgraph</title>
<link rel="icon" href="/view/static/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/view/static/viewer.css">
<script src="/view/static/viewer.js" defer></script>
</head>
<body data-page="{kind}">
<header class="top">
<a class="brand" href="/">factgraph</a>
<form class="search" action="/view/entity" method="get" role="search" autocomplete="off">
<input id="search" name="name" type="search" placeholder="Find an entity by name or alias…" aria-label="Find an entity" data-complete="navigate" spellcheck="false">
<ul class="completions" role="listbox" hidden></ul>
</form>
<nav>
<a href="/view/path">Paths</a>
<a href="/view/articles">Articles</a>
<a href="/view/sparql">SPARQL</a>
</nav>
</header>
<main>
{body}</main>
<footer>factgraph viewer · read-only · offline: everything on these pages comes from this server</footer>
{colours}</body>
</html>
"#,
        title = escape(title),
        kind = escape(kind),
        colours = class_colours(),
    );
    html
}

/// Headers every viewer page and asset carries: its scripts and styles may come only from this
/// server, it may not be framed, and it leaks no referrer.
pub(super) fn with_safety_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// A whole page as an answer.
pub(super) fn html_response(status: StatusCode, html: String) -> Response {
    let mut response = (status, html).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    with_safety_headers(response)
}

/// A page that says what went wrong and what to do.
pub(super) fn error_page(status: StatusCode, message: &str, more: &str) -> Response {
    let mut lines = message.lines();
    let first = lines.next().unwrap_or_default();
    let mut body = format!(
        "<h1>{}</h1>\n<p class=\"error\">{}</p>\n",
        escape(status.canonical_reason().unwrap_or("Error")),
        escape(first)
    );
    for line in lines {
        let _ = writeln!(body, "<p class=\"help\">{}</p>", escape(line.trim()));
    }
    body.push_str(more);
    html_response(status, frame(first, "error", &body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_data_stays_text() {
        assert_eq!(
            escape(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;y&apos;"
        );
        let block = json_block("d", &serde_json::json!({"label": "</script><b>&"}));
        assert!(!block.contains("</script><b>"), "{block}");
        assert!(
            block.contains(r"\u003c/script\u003e\u003cb\u003e\u0026"),
            "{block}"
        );
    }

    #[test]
    fn links_encode_their_values() {
        assert_eq!(
            href("/view/entity", &[("iri", "https://x.org/a?b=c&d")]),
            "/view/entity?iri=https%3A%2F%2Fx.org%2Fa%3Fb%3Dc%26d"
        );
        assert_eq!(
            href("/view/path", &[("from", "A & B"), ("to", "<C>")]),
            "/view/path?from=A+%26+B&amp;to=%3CC%3E"
        );
    }
}
