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
use crate::resolve::IriBase;
use crate::store::Store;

pub(super) fn run(args: Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
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

fn base(global: &GlobalArgs) -> anyhow::Result<IriBase> {
    IriBase::new(&global.base_iri).with_context(|| {
        format!(
            "invalid --base-iri `{}`\n  help: give an absolute IRI ending in `/` or `#`, such as `{}`",
            global.base_iri,
            IriBase::DEFAULT
        )
    })
}

/// An article named by its id (as in the fact sheet) or by its full IRI.
fn article_iri(global: &GlobalArgs, article: &str) -> anyhow::Result<oxigraph::model::NamedNode> {
    Ok(match oxigraph::model::NamedNode::new(article) {
        Ok(iri) if article.contains(':') => iri,
        _ => base(global)?.article(article),
    })
}

/// A secret from a file, else from an environment variable; never from the command line, where
/// other users could read it in the process list.
fn secret(file: Option<&PathBuf>, variable: &str) -> anyhow::Result<Option<String>> {
    if let Some(path) = file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let secret = text.trim().to_owned();
        anyhow::ensure!(
            !secret.is_empty(),
            "{} is empty\n  help: put a long random secret on its first line, e.g. `openssl rand -hex 32 > {}`",
            path.display(),
            path.display()
        );
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
    match Store::open_existing(&global.store) {
        Ok(store) => Ok(store),
        Err(crate::store::Error::Missing(path)) => anyhow::bail!(
            "no store at {}\n  help: run `factgraph ingest DIR` first, or point --store (or FACTGRAPH_STORE) at a store",
            path.display()
        ),
        Err(err) => Err(err.into()),
    }
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
