use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;

use super::{base, open_existing};
use crate::cli::args::{GlobalArgs, ServeArgs};
use crate::server::{Config, serve as run};
use crate::store::Store;

/// The secret writes must present: from a file, else from the environment, never from the
/// command line (where other users could read it in the process list).
fn token(args: &ServeArgs) -> anyhow::Result<Option<String>> {
    if let Some(path) = &args.token_file {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the token file {}", path.display()))?;
        let token = text.trim().to_owned();
        anyhow::ensure!(
            !token.is_empty(),
            "the token file {} is empty\n  help: put a long random secret in it, e.g. `openssl rand -hex 32 > {}`",
            path.display(),
            path.display()
        );
        return Ok(Some(token));
    }
    Ok(std::env::var("FACTGRAPH_TOKEN")
        .ok()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty()))
}

pub(super) fn serve(global: &GlobalArgs, args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let mut config = Config::new(args.bind);
    config.writable = args.writable;
    config.token = token(args)?;
    config.query_timeout = Duration::from_secs(args.timeout.max(1));
    config.max_results = args.max_results;
    config.max_body = args.max_body_mb.saturating_mul(1024 * 1024);
    config.max_concurrent = args.max_concurrent;
    config.cors = args.cors.clone();
    config.base = base(global)?;
    // A writable server may start empty and be filled over HTTP; a read-only one needs data.
    let store = if args.writable {
        let store = Store::open(&global.store)
            .with_context(|| format!("cannot open the store at {}", global.store.display()))?;
        store.ensure_ontology()?;
        store
    } else {
        open_existing(global)?
    };
    let mode = if args.writable {
        "writable"
    } else {
        "read-only"
    };
    let store_path = global.store.display().to_string();
    run(store, config, |address| {
        if !address.ip().is_loopback() {
            eprintln!(
                "warning: listening on {address}: anyone who can reach this machine can query the store"
            );
        }
        eprintln!("factgraph: serving {store_path} ({mode}) at http://{address}/sparql");
    })?;
    Ok(ExitCode::SUCCESS)
}
