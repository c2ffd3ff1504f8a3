mod export;
mod extract;
mod graph;
mod ingest;
mod merge;
mod push;
mod query;
mod serve;
mod stats;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;

use super::args::{Args, Command, GlobalArgs};
use crate::diagnostic::Help;
use crate::remote::Source;
use crate::resolve::IriBase;
use crate::server::Announcement;
use crate::store::Store;

pub(super) fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    match serving(&args.global) {
        Some(server) => run_beside(args, &server, out),
        None => run_here(args, out),
    }
}

/// Runs a command on the store (or on `--remote`).
fn run_here(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let global = &args.global;
    match args.command {
        Command::Ingest(ingest_args) => ingest::ingest(global, &ingest_args, out),
        Command::Validate(validate_args) => ingest::validate(global, &validate_args, out),
        Command::Query(query_args) => query::query(global, &query_args, out),
        Command::Update(update_args) => query::update(global, &update_args),
        Command::Stats => stats::stats(global, out),
        Command::Optimize => stats::optimize(global, out),
        Command::Remove(remove_args) => stats::remove(global, &remove_args),
        Command::Path(path_args) => graph::path(global, &path_args, out),
        Command::Neighbors(neighbors_args) => graph::neighbors(global, &neighbors_args, out),
        Command::Central(central_args) => graph::central(global, &central_args, out),
        Command::Components(components_args) => graph::components(global, &components_args, out),
        Command::Export(export_args) => export::export(global, &export_args, out),
        Command::Serve(serve_args) => serve::serve(global, &serve_args),
        Command::Push(push_args) => push::push(global, &push_args, out),
        Command::Extract(extract_args) => extract::extract(global, &extract_args, out),
        Command::Eval(eval_args) => extract::eval(global, &eval_args, out),
        Command::Merge(merge_args) => merge::merge(global, &merge_args, out),
        Command::Merges => merge::merges(global, out),
        Command::Unmerge(unmerge_args) => merge::unmerge(global, &unmerge_args, out),
    }
}

/// A mistake the command line finds itself, and what to do about it: kept apart, as the
/// library's errors keep theirs, and printed on a line of its own.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub(crate) struct Refusal {
    message: String,
    help: String,
}

impl Help for Refusal {
    fn help(&self) -> Option<String> {
        Some(self.help.clone())
    }
}

fn refuse(message: impl Into<String>, help: impl Into<String>) -> anyhow::Error {
    Refusal {
        message: message.into(),
        help: help.into(),
    }
    .into()
}

/// The server holding the local store, if one does (see [`Announcement`]).
fn serving(global: &GlobalArgs) -> Option<Announcement> {
    if global.remote.is_some() {
        return None;
    }
    let announced = Announcement::read(&global.store)?;
    matches!(
        Store::open_existing(&global.store),
        Err(crate::store::Error::Locked(_))
    )
    .then_some(announced)
}

/// Runs a command while `factgraph serve` holds the store: reads go through the server, as
/// with `--remote`; writes are refused with what to do instead.
fn run_beside(args: Args, server: &Announcement, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let store = args.global.store.display().to_string();
    let write = match &args.command {
        Command::Ingest(_) => "ingest",
        Command::Update(_) => "update",
        Command::Remove(_) => "remove",
        Command::Optimize => "optimize",
        Command::Push(_) => "push",
        Command::Stats => return stats::stats_served(&args.global, server, out),
        Command::Query(_)
        | Command::Path(_)
        | Command::Neighbors(_)
        | Command::Central(_)
        | Command::Components(_)
        | Command::Export(_) => {
            let global = GlobalArgs {
                remote: Some(server.sparql_url()),
                store: args.global.store.clone(),
                json: args.global.json,
                base_iri: args.global.base_iri.clone(),
                connection: args.global.connection.clone(),
            };
            eprintln!(
                "note: {store} is held by `factgraph serve` (pid {}); reading it through {}",
                server.pid, server.url
            );
            return run_here(
                Args {
                    global,
                    command: args.command,
                },
                out,
            );
        }
        _ => return run_here(args, out),
    };
    let how = if server.writable {
        format!(
            "send each fact sheet to it with the server's token (`curl -H \"Authorization: Bearer $TOKEN\" -H \"Content-Type: application/json\" --data-binary @sheet.json {}/api/articles`; `curl -X DELETE …/api/articles/ID` removes one), or stop it (pid {}) and run `factgraph {write}` again",
            server.url, server.pid
        )
    } else {
        format!(
            "stop it (pid {}) and run `factgraph {write}` again; or restart it with `factgraph serve --writable --token-file FILE` and send articles to {}/api/articles",
            server.pid, server.url
        )
    };
    Err(refuse(
        format!(
            "cannot {write}: the store at {store} is held by `factgraph serve` at {} ({}), and a store has one writer at a time",
            server.url,
            if server.writable {
                "writable"
            } else {
                "read-only"
            },
        ),
        how,
    ))
}

fn base(global: &GlobalArgs) -> anyhow::Result<IriBase> {
    IriBase::new(&global.base_iri).ok_or_else(|| {
        refuse(
            format!("invalid --base-iri `{}`", global.base_iri),
            format!(
                "give an absolute IRI ending in `/` or `#`, such as `{}`",
                IriBase::DEFAULT
            ),
        )
    })
}

/// An article named by its id (as in the fact sheet) or by its full IRI.
fn article_iri(global: &GlobalArgs, article: &str) -> anyhow::Result<oxigraph::model::NamedNode> {
    Ok(base(global)?.article_named(article))
}

/// A secret from a file, else from an environment variable; never from the command line, where
/// other users could read it in the process list.
fn secret(file: Option<&PathBuf>, variable: &str) -> anyhow::Result<Option<String>> {
    if let Some(path) = file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let secret = text.trim().to_owned();
        if secret.is_empty() {
            return Err(refuse(
                format!("{} is empty", path.display()),
                format!(
                    "put a long random secret on its first line, e.g. `openssl rand -hex 32 > {}`",
                    path.display()
                ),
            ));
        }
        return Ok(Some(secret));
    }
    Ok(std::env::var(variable)
        .ok()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty()))
}

/// The client for the remote store, with the credentials the flags or the environment give.
fn remote_client(global: &GlobalArgs) -> anyhow::Result<crate::remote::Remote> {
    let connection = &global.connection;
    let token = secret(
        connection.remote_token_file.as_ref(),
        "FACTGRAPH_REMOTE_TOKEN",
    )?;
    let basic = secret(
        connection.remote_basic_auth_file.as_ref(),
        "FACTGRAPH_REMOTE_BASIC_AUTH",
    )?;
    let credentials = match (token, basic) {
        (Some(_), Some(_)) => {
            anyhow::bail!(
                "give a bearer token or basic-auth credentials for the remote store, not both"
            )
        }
        (Some(token), None) => Some(crate::remote::Credentials::Bearer(token)),
        (None, Some(pair)) => {
            let Some((user, password)) = pair.split_once(':') else {
                anyhow::bail!("basic-auth credentials are `user:password` on one line");
            };
            Some(crate::remote::Credentials::Basic {
                user: user.to_owned(),
                password: password.to_owned(),
            })
        }
        (None, None) => None,
    };
    Ok(crate::remote::Remote::new(
        std::time::Duration::from_secs(connection.remote_timeout.max(1)),
        connection.remote_retries,
        credentials,
    ))
}

/// Opens a store that must exist already.
fn open_existing(global: &GlobalArgs) -> anyhow::Result<Store> {
    Ok(Store::open_existing(&global.store)?)
}

/// Where the command reads: the endpoint `--remote` names, else the local store, which must
/// exist already.
fn open_source(global: &GlobalArgs) -> anyhow::Result<Source> {
    Ok(match &global.remote {
        Some(endpoint) => Source::remote(remote_client(global)?, endpoint),
        None => Source::local(&global.store)?,
    })
}

/// SPARQL text from the argument, a file, or standard input.
fn sparql_text(inline: Option<&String>, file: Option<&PathBuf>) -> anyhow::Result<String> {
    if let Some(text) = inline {
        return Ok(text.clone());
    }
    match file.map(PathBuf::as_path) {
        Some(path) if path != Path::new("-") => {
            std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
        }
        _ => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .context("cannot read standard input")?;
            Ok(text)
        }
    }
}
