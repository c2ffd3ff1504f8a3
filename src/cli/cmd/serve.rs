use std::process::ExitCode;
use std::time::Duration;

use super::{base, open_existing, secret};
use crate::cli::args::{GlobalArgs, ServeArgs};
use crate::server::{Announcement, Config, serve as run};
use crate::store::Store;

pub(super) fn serve(global: &GlobalArgs, args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let mut config = Config::new(args.bind);
    config.writable = args.writable;
    // From a file, else from the environment: never from the command line.
    config.token = secret(args.token_file.as_ref(), "FACTGRAPH_TOKEN")?;
    config.query_timeout = Duration::from_secs(args.timeout.max(1));
    config.max_results = args.max_results;
    config.max_body = args.max_body_mb.saturating_mul(1024 * 1024);
    config.max_concurrent = args.max_concurrent;
    config.cors = args.cors.clone();
    config.update_timeout = Duration::from_secs(args.update_timeout.max(1));
    config.max_query_memory = args.max_query_memory.max(1).saturating_mul(1024 * 1024);
    config.read_timeout = Duration::from_secs(args.read_timeout.max(1));
    config.max_connections = args.max_connections.max(1);
    config.allowed_hosts = args.allow_hosts.clone();
    config.base = base(global)?;
    // A writable server may start empty and be filled over HTTP; a read-only one needs data.
    let store = if args.writable {
        let store = Store::open(&global.store)?;
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
    let writable = args.writable;
    // Gone once `run` returns: then the store is free again.
    let mut announced = None;
    run(store, config, |address| {
        announced = Some(Announcement::new(address, writable).publish(&global.store));
        if !address.ip().is_loopback() {
            eprintln!(
                "warning: listening on {address}: anyone who can reach this machine can query the store"
            );
        }
        eprintln!("factgraph: serving {store_path} ({mode}) at http://{address}/sparql");
        eprintln!("factgraph: the viewer is at http://{address}/ (read-only)");
    })?;
    drop(announced);
    Ok(ExitCode::SUCCESS)
}
