//! The command line: parses arguments, calls the library, prints, and picks the exit code.
#![expect(
    clippy::print_stderr,
    reason = "the command line reports to the terminal"
)]

mod args;
mod cmd;
mod render;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

pub use args::Args;

/// Runs the program with the process's arguments, on a thread whose stack holds the deepest
/// SPARQL text the store lets through (see `store::STACK_BYTES`): the main thread's 8 MB do not.
pub fn main() -> ExitCode {
    let worker = std::thread::Builder::new()
        .name("factgraph".into())
        .stack_size(crate::store::STACK_BYTES)
        .spawn(run);
    match worker.map(std::thread::JoinHandle::join) {
        Ok(Ok(code)) => code,
        Ok(Err(_)) => ExitCode::from(101),
        Err(err) => {
            eprintln!("error: cannot start: {err}");
            ExitCode::from(1)
        }
    }
}

fn run() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(err) => {
            let _ = err.print();
            return ExitCode::from(if err.use_stderr() { 2 } else { 0 });
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let result = cmd::run(args, &mut out).and_then(|code| {
        out.flush()?;
        Ok(code)
    });
    match result {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {}", render::error(&err));
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || cause.to_string().contains("Broken pipe")
    })
}

fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}
