//! The article pages: the list of articles, and one article's facts, each with the sentence it
//! was read from, highlighted in the article's text when the store holds the text.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::Response;
use oxigraph::model::Term;

use super::Shared;
use super::entity::{predicate_name, term_html};
use super::html::{article_link, escape, frame, html_response};
use crate::server::respond::ApiError;
use crate::store::Statement;

/// Most articles listed on one page.
const LISTED_ARTICLES: usize = 5000;

pub(super) fn page(shared: &Arc<Shared>, id: &str) -> Result<Response, ApiError> {
    let iri = shared.config.base.article_named(id);
    let Some(info) = shared
        .store
        .article_info(iri.as_ref())
        .map_err(ApiError::internal)?
    else {
        return Ok(super::html::error_page(
            StatusCode::NOT_FOUND,
            &format!("no article `{id}` in the store"),
            "<p><a href=\"/view/articles\">All articles</a></p>\n",
        ));
    };
    let facts = shared
        .store
        .facts_of_article(iri.as_ref())
        .map_err(ApiError::internal)?;
    let text = shared
        .store
        .article_text(iri.as_ref())
        .map_err(ApiError::internal)?;
    let graph = shared.graph()?;
    let projection = &graph.projection;

    let title = info
        .title
        .clone()
        .or_else(|| info.id.clone())
        .unwrap_or_else(|| iri.as_str().to_owned());
    let mut body = format!("<h1>{}</h1>\n<dl class=\"meta\">\n", escape(&title));
    for (name, value) in [
        ("Id", info.id.as_deref()),
        ("Published", info.published.as_deref()),
        ("Publisher", info.publisher.as_deref()),
        // Shown, not linked: the viewer never sends a reader elsewhere.
        ("Source", info.url.as_deref()),
        ("IRI", Some(iri.as_str())),
    ] {
        if let Some(value) = value {
            let _ = writeln!(
                body,
                "<dt>{name}</dt><dd><code>{}</code></dd>",
                escape(value)
            );
        }
    }
    body.push_str("</dl>\n");

    // Each distinct sentence once, in the order the facts come, with the facts it supports.
    let mut sentences: Vec<(&str, Vec<&Statement>)> = Vec::new();
    let mut unquoted: Vec<&Statement> = Vec::new();
    for fact in &facts {
        match &fact.evidence {
            Some(evidence) => match sentences.iter_mut().find(|(s, _)| s == evidence) {
                Some((_, list)) => list.push(fact),
                None => sentences.push((evidence, vec![fact])),
            },
            None => unquoted.push(fact),
        }
    }
    let marks = text
        .as_deref()
        .map(|text| highlighted(text, &sentences))
        .unwrap_or_default();
    if let Some(text) = &text {
        let _ = writeln!(
            body,
            "<section class=\"text\">\n<h2>Text</h2>\n<p class=\"note\">The sentences facts were read from are highlighted.</p>\n<div class=\"article-text\">{}</div>\n</section>",
            marked_text(text, &marks)
        );
    }
    let _ = writeln!(
        body,
        "<section class=\"facts\">\n<h2>{} fact{} stated</h2>",
        facts.len(),
        if facts.len() == 1 { "" } else { "s" }
    );
    if text.is_none() {
        body.push_str("<p class=\"note\">The store does not hold this article's text; here are the sentences its facts were read from.</p>\n");
    }
    for (number, (sentence, stated)) in sentences.iter().enumerate() {
        let in_text = if marks.iter().any(|m| m.sentences.contains(&number)) {
            format!(" <a class=\"to-text\" href=\"#sentence-{number}\">in the text</a>")
        } else {
            String::new()
        };
        let _ = writeln!(
            body,
            "<div class=\"sentence\">\n<blockquote class=\"evidence\">{}{in_text}</blockquote>",
            escape(sentence)
        );
        body.push_str(&fact_list(projection, stated));
        body.push_str("</div>\n");
    }
    if !unquoted.is_empty() {
        body.push_str(
            "<div class=\"sentence\">\n<p class=\"note\">Stated without a sentence:</p>\n",
        );
        body.push_str(&fact_list(projection, &unquoted));
        body.push_str("</div>\n");
    }
    body.push_str("</section>\n");
    Ok(html_response(
        StatusCode::OK,
        frame(&title, "article", &body),
    ))
}

fn fact_list(projection: &crate::graph::Projection, stated: &[&Statement]) -> String {
    let mut html = String::from("<ul class=\"stated\">\n");
    for fact in stated {
        let subject: Term = fact.subject.clone().into();
        let _ = write!(
            html,
            "<li>{} <span class=\"rel\">—{}→</span> {}",
            term_html(projection, &subject).0,
            escape(&predicate_name(&fact.predicate)),
            term_html(projection, &fact.object).0
        );
        if let Some(confidence) = fact.confidence.filter(|c| *c < 1.0) {
            let _ = write!(
                html,
                " <span class=\"confidence\">confidence {confidence}</span>"
            );
        }
        html.push_str("</li>\n");
    }
    html.push_str("</ul>\n");
    html
}

/// A highlighted stretch of the text (byte offsets), and the sentences it shows.
#[derive(Debug, Clone, PartialEq)]
struct Mark {
    start: usize,
    end: usize,
    sentences: Vec<usize>,
}

/// Where each sentence lies in the text: at a fact's span when it holds the sentence, else
/// where the sentence first occurs. Overlapping stretches are joined.
fn highlighted(text: &str, sentences: &[(&str, Vec<&Statement>)]) -> Vec<Mark> {
    let byte_at = |chars: usize| {
        text.char_indices()
            .nth(chars)
            .map_or(text.len(), |(b, _)| b)
    };
    let mut marks: Vec<Mark> = Vec::new();
    for (number, (sentence, stated)) in sentences.iter().enumerate() {
        let by_span = stated.iter().find_map(|fact| {
            let (start, end) = fact.span?;
            let (start, end) = (byte_at(start), byte_at(end));
            (start < end && text.get(start..end) == Some(*sentence)).then_some((start, end))
        });
        let found = by_span.or_else(|| text.find(sentence).map(|at| (at, at + sentence.len())));
        if let Some((start, end)) = found.filter(|(s, e)| s < e) {
            marks.push(Mark {
                start,
                end,
                sentences: vec![number],
            });
        }
    }
    marks.sort_by_key(|m| (m.start, m.end));
    let mut joined: Vec<Mark> = Vec::new();
    for mark in marks {
        match joined.last_mut() {
            Some(last) if mark.start < last.end => {
                last.end = last.end.max(mark.end);
                last.sentences.extend(mark.sentences);
            }
            _ => joined.push(mark),
        }
    }
    joined
}

/// The text, escaped, with each mark around its stretch.
fn marked_text(text: &str, marks: &[Mark]) -> String {
    let mut html = String::with_capacity(text.len() + marks.len() * 40);
    let mut at = 0;
    for mark in marks {
        html.push_str(&escape(&text[at..mark.start]));
        let _ = write!(
            html,
            "<mark id=\"sentence-{}\">{}</mark>",
            mark.sentences[0],
            escape(&text[mark.start..mark.end])
        );
        at = mark.end;
    }
    html.push_str(&escape(&text[at..]));
    html
}

/// `GET /view/articles`.
pub(super) fn list(shared: &Arc<Shared>) -> Result<Response, ApiError> {
    let mut articles = shared.store.article_list().map_err(ApiError::internal)?;
    articles.sort_by(|a, b| b.published.cmp(&a.published).then_with(|| a.id.cmp(&b.id)));
    let total = articles.len();
    let mut body = format!(
        "<h1>Articles</h1>\n<p class=\"lead\">{total} article{} in the store, newest first.</p>\n<table class=\"articles\">\n<thead><tr><th>Published</th><th>Headline</th><th>Publisher</th><th>Id</th></tr></thead>\n<tbody>\n",
        if total == 1 { "" } else { "s" }
    );
    let mut by_publisher: BTreeMap<&str, usize> = BTreeMap::new();
    for article in articles.iter().take(LISTED_ARTICLES) {
        if let Some(publisher) = article.publisher.as_deref() {
            *by_publisher.entry(publisher).or_default() += 1;
        }
        let _ = writeln!(
            body,
            "<tr><td><time>{}</time></td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
            escape(article.published.as_deref().unwrap_or("")),
            article_link(
                article.iri.as_str(),
                article.title.as_deref().or(article.id.as_deref()),
                article.title.as_deref()
            ),
            escape(article.publisher.as_deref().unwrap_or("")),
            escape(article.id.as_deref().unwrap_or(""))
        );
    }
    body.push_str("</tbody>\n</table>\n");
    if total > LISTED_ARTICLES {
        let _ = writeln!(
            body,
            "<p class=\"note\">The first {LISTED_ARTICLES} are listed; the SPARQL page finds the rest.</p>"
        );
    }
    Ok(html_response(
        StatusCode::OK,
        frame("Articles", "articles", &body),
    ))
}

#[cfg(test)]
mod tests {
    use oxigraph::model::NamedNode;

    use super::*;

    fn stated(evidence: &str, span: Option<(usize, usize)>) -> Statement {
        let node = NamedNode::new_unchecked("https://example.org/x");
        Statement {
            article: node.clone(),
            subject: node.clone(),
            predicate: node.clone(),
            object: node.into(),
            evidence: Some(evidence.to_owned()),
            span,
            confidence: None,
            position: 0,
        }
    }

    #[test]
    fn sentences_are_marked_where_their_span_or_text_is() {
        let text = "Née en 1990. She signed it. She signed it.";
        let by_span = stated("She signed it.", Some((28, 42)));
        let by_search = stated("Née en 1990.", None);
        let sentences = vec![
            ("She signed it.", vec![&by_span]),
            ("Née en 1990.", vec![&by_search]),
        ];
        let marks = highlighted(text, &sentences);
        assert_eq!(
            marked_text(text, &marks),
            "<mark id=\"sentence-1\">Née en 1990.</mark> She signed it. <mark id=\"sentence-0\">She signed it.</mark>"
        );
    }

    #[test]
    fn marked_text_escapes_the_text() {
        let text = "<b>x</b> said <i>";
        let fact = stated("said", None);
        let marks = highlighted(text, &[("said", vec![&fact])]);
        assert_eq!(
            marked_text(text, &marks),
            "&lt;b&gt;x&lt;/b&gt; <mark id=\"sentence-0\">said</mark> &lt;i&gt;"
        );
    }
}
