//! An existing SPARQL store reached over the W3C protocols: [`push`] sends article graphs to it
//! (Graph Store HTTP Protocol, or SPARQL Update where a store has none), and [`Remote`] runs
//! queries against it, so that teams that outgrow one machine keep using their clustered store.

pub mod push;
mod source;

use std::io::Read;
use std::time::Duration;

use oxigraph::model::{GraphName, NamedOrBlankNode, Quad, Term};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParser, ReaderQueryResultsParserOutput,
};
use ureq::http::{Request, Response};

use crate::diagnostic::Help;

pub use source::{Part, Source};

/// How requests prove who sends them.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    Bearer(String),
    Basic { user: String, password: String },
}

impl std::fmt::Debug for Credentials {
    // Secrets stay out of logs and error messages.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Bearer(_) => f.write_str("Bearer(…)"),
            Self::Basic { user, .. } => write!(f, "Basic({user}, …)"),
        }
    }
}

impl Credentials {
    fn header(&self) -> String {
        match self {
            Self::Bearer(token) => format!("Bearer {token}"),
            Self::Basic { user, password } => {
                format!("Basic {}", base64(format!("{user}:{password}").as_bytes()))
            }
        }
    }
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("{method} {url} was refused: {status}{}", server_says(.message))]
    Refused {
        method: String,
        url: String,
        status: u16,
        message: String,
    },
    #[error("cannot reach {url} (tried {attempts} times): {reason}")]
    Unreachable {
        url: String,
        attempts: u32,
        reason: String,
    },
    #[error("{0}")]
    Invalid(String),
    #[error("{} is not a push record: {error}", .path.display())]
    NotAPushRecord {
        path: std::path::PathBuf,
        error: serde_json::Error,
    },
    #[error("{endpoint} answered the CONSTRUCT with unreadable N-Triples")]
    UnreadableConstruct {
        endpoint: String,
        source: oxigraph::io::RdfParseError,
    },
    #[error(transparent)]
    Store(#[from] crate::store::Error),
    #[error(transparent)]
    Graph(#[from] crate::graph::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

impl Help for Error {
    fn help(&self) -> Option<String> {
        match self {
            Self::Store(err) => err.help(),
            Self::Graph(err) => err.help(),
            Self::NotAPushRecord { .. } => Some("delete it to push everything again".to_owned()),
            _ => None,
        }
    }
}

fn server_says(message: &str) -> String {
    if message.is_empty() {
        String::new()
    } else {
        format!("; the server says: {message}")
    }
}

impl Error {
    /// The HTTP status of a refusal.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::Refused { status, .. } => Some(*status),
            _ => None,
        }
    }
}

const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// A 2xx answer, or why the request may be worth trying again (`Err` inside), or a refusal
/// that is not (a 4xx: the request was wrong).
fn answer(
    method: &str,
    url: &str,
    outcome: Result<Response<ureq::Body>, ureq::Error>,
) -> Result<Result<Response<ureq::Body>, String>, Error> {
    match outcome {
        Ok(response) if response.status().is_success() => Ok(Ok(response)),
        Ok(mut response) => {
            let status = response.status().as_u16();
            let message = read_message(response.body_mut());
            if status < 500 {
                return Err(Error::Refused {
                    method: method.to_owned(),
                    url: url.to_owned(),
                    status,
                    message,
                });
            }
            Ok(Err(format!("{status}{}", server_says(&message))))
        }
        Err(err) => Ok(Err(err.to_string())),
    }
}

/// A client for one store: timeouts, credentials, and retries with exponential backoff on
/// connection errors and 5xx answers (4xx answers are the caller's mistake and are not retried).
#[derive(Debug, Clone)]
pub struct Remote {
    agent: ureq::Agent,
    credentials: Option<Credentials>,
    retries: u32,
    first_backoff: Duration,
}

impl Remote {
    pub fn new(timeout: Duration, retries: u32, credentials: Option<Credentials>) -> Self {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(timeout))
            .build()
            .into();
        Self {
            agent,
            credentials,
            retries,
            first_backoff: Duration::from_millis(250),
        }
    }

    fn request(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
    ) -> ureq::http::request::Builder {
        let mut request = Request::builder().method(method).uri(url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        if let Some(credentials) = &self.credentials {
            request = request.header("Authorization", credentials.header());
        }
        request
    }

    /// Sends a request and returns the answer of a 2xx status; the body is read by the caller.
    pub fn send(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> Result<Response<ureq::Body>, Error> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let request = self
                .request(method, url, headers)
                .body(body.to_vec())
                .map_err(|err| Error::Invalid(format!("invalid request to {url}: {err}")))?;
            let failure = match answer(method, url, self.agent.run(request))? {
                Ok(response) => return Ok(response),
                Err(failure) => failure,
            };
            if attempt > self.retries {
                return Err(Error::Unreachable {
                    url: url.to_owned(),
                    attempts: attempt,
                    reason: failure,
                });
            }
            let backoff = self
                .first_backoff
                .checked_mul(1 << (attempt - 1).min(16))
                .map_or(MAX_BACKOFF, |b| b.min(MAX_BACKOFF));
            std::thread::sleep(backoff);
        }
    }

    /// Sends a body read as it goes, for bodies too large to hold: sent once (a stream cannot
    /// be replayed), and with no limit on the time the sending takes; the store then has the
    /// client's timeout to answer.
    pub fn send_streamed(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: &mut dyn Read,
    ) -> Result<Response<ureq::Body>, Error> {
        let request = self
            .request(method, url, headers)
            .body(ureq::SendBody::from_reader(body))
            .map_err(|err| Error::Invalid(format!("invalid request to {url}: {err}")))?;
        let timeout = self.agent.config().timeouts().global;
        let request = self
            .agent
            .configure_request(request)
            .timeout_global(None)
            .timeout_recv_response(timeout)
            .build();
        answer(method, url, self.agent.run(request))?.map_err(|reason| Error::Unreachable {
            url: url.to_owned(),
            attempts: 1,
            reason,
        })
    }

    /// Runs a query at a SPARQL endpoint and returns the answer, to be read as it streams.
    pub fn query(&self, endpoint: &str, sparql: &str, accept: &str) -> Result<ureq::Body, Error> {
        let form: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("query", sparql)
            .finish();
        let response = self.send(
            "POST",
            endpoint,
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Accept", accept),
            ],
            form.as_bytes(),
        )?;
        Ok(response.into_body())
    }
}

/// The query with our prefixes declared, for a store that does not predeclare them.
pub fn with_prefixes(sparql: &str) -> String {
    let mut text: String = crate::rdf::vocab::PREFIXES
        .iter()
        .map(|(name, iri)| format!("PREFIX {name}: <{iri}>\n"))
        .collect();
    text.push_str(sparql);
    text
}

/// Every quad of the remote dataset (default graph and named graphs), streamed from one query.
pub fn quads(
    remote: &Remote,
    endpoint: &str,
) -> Result<impl Iterator<Item = Result<Quad, Error>>, Error> {
    let body = remote.query(
        endpoint,
        "SELECT ?s ?p ?o ?g WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }",
        "text/tab-separated-values",
    )?;
    let parser = QueryResultsParser::from_format(QueryResultsFormat::Tsv)
        .for_reader(body.into_reader())
        .map_err(|err| {
            Error::Invalid(format!(
                "{endpoint} answered with unreadable results: {err}"
            ))
        })?;
    let ReaderQueryResultsParserOutput::Solutions(solutions) = parser else {
        return Err(Error::Invalid(format!(
            "{endpoint} answered a SELECT with a boolean"
        )));
    };
    Ok(solutions.filter_map(move |solution| {
        let solution = match solution {
            Ok(solution) => solution,
            Err(err) => return Some(Err(Error::Invalid(format!("reading results: {err}")))),
        };
        let subject = match solution.get("s")? {
            Term::NamedNode(n) => NamedOrBlankNode::from(n.clone()),
            Term::BlankNode(b) => NamedOrBlankNode::from(b.clone()),
            _ => return None,
        };
        let Term::NamedNode(predicate) = solution.get("p")? else {
            return None;
        };
        let object = solution.get("o")?.clone();
        let graph = match solution.get("g") {
            Some(Term::NamedNode(g)) => GraphName::NamedNode(g.clone()),
            Some(_) => return None,
            None => GraphName::DefaultGraph,
        };
        Some(Ok(Quad::new(subject, predicate.clone(), object, graph)))
    }))
}

/// The start of an error answer's body, on one line.
fn read_message(body: &mut ureq::Body) -> String {
    let mut text = String::new();
    let _ = body.as_reader().take(4096).read_to_string(&mut text);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_credentials_are_base64() {
        assert_eq!(
            base64(b"Aladdin:open sesame"),
            "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        assert_eq!(base64(b"a"), "YQ==");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"abc"), "YWJj");
        assert_eq!(base64(b""), "");
    }

    #[test]
    fn secrets_do_not_show_in_debug_output() {
        let shown = format!("{:?}", Credentials::Bearer("s3cret".into()));
        assert!(!shown.contains("s3cret"));
        let shown = format!(
            "{:?}",
            Credentials::Basic {
                user: "me".into(),
                password: "s3cret".into()
            }
        );
        assert!(!shown.contains("s3cret") && shown.contains("me"));
    }
}
