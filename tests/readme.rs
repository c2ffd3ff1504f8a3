//! Every shell command of README.md, run in the README's order as a user would run them, in a
//! temporary folder that holds the repository's `data/`, `tests/` and `ontology/`, with
//! `factgraph` on the PATH and the store `./factgraph.db` made by the README's own ingest.
//!
//! Which blocks run: a fenced block whose info string is `sh` runs whole, as one piece of a
//! single bash script (so a server one block starts in the background is there for the next
//! lines, and `$!` names it). A block whose info string is `sh no-test` is shown and not run
//! here: the README says next to it why (it installs system packages, or runs this test suite).
//! A `console` block shows a session: each `$ ` line, with the lines that continue its quotes,
//! runs too; it must succeed, unless the output the README shows under it has a line that
//! starts with `error:`, and then it must fail.

/// A piece of the script, with the README line it starts at.
struct Piece {
    line: usize,
    text: String,
}

/// Whether the quotes of a shell text are all closed (backslash escapes outside single quotes).
fn quotes_closed(text: &str) -> bool {
    let mut single = false;
    let mut double = false;
    let mut escaped = false;
    for c in text.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' if !single => escaped = true,
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            _ => {}
        }
    }
    !single && !double
}

/// The commands of a `console` block: each `$ ` line and its continuation, and whether the
/// output shown under it reports an error.
fn session_commands(first_line: usize, lines: &[&str]) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let Some(start) = lines[index].strip_prefix("$ ") else {
            index += 1;
            continue;
        };
        let line = first_line + index;
        let mut command = start.to_owned();
        index += 1;
        while !quotes_closed(&command) && index < lines.len() {
            command.push('\n');
            command.push_str(lines[index]);
            index += 1;
        }
        let output_end = lines[index..]
            .iter()
            .position(|l| l.starts_with("$ "))
            .map_or(lines.len(), |p| index + p);
        let fails = lines[index..output_end]
            .iter()
            .any(|l| l.starts_with("error:"));
        let text = if fails {
            format!(
                "if {command}\nthen echo 'README.md:{line}: this command succeeded; the README shows it failing' >&2; exit 1; fi"
            )
        } else {
            command
        };
        pieces.push(Piece { line, text });
    }
    pieces
}

/// The script the README's blocks make, in order.
fn readme_script(readme: &str) -> Vec<Piece> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut pieces = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let Some(info) = lines[index].strip_prefix("```") else {
            index += 1;
            continue;
        };
        let start = index + 1;
        let end = lines[start..]
            .iter()
            .position(|l| l.starts_with("```"))
            .map_or(lines.len(), |p| start + p);
        let body = &lines[start..end];
        match info.split_whitespace().collect::<Vec<_>>().as_slice() {
            ["sh"] => pieces.push(Piece {
                line: start + 1,
                text: body.join("\n"),
            }),
            ["console"] => pieces.extend(session_commands(start + 1, body)),
            _ => {}
        }
        index = end + 1;
    }
    pieces
}

#[test]
fn the_readme_marks_what_it_runs() {
    let readme = "intro\n```sh\nfactgraph stats\n```\n```sh no-test\nbash .ci/setup\n```\n```console\n$ factgraph query 'SELECT\n  ?x WHERE {}'\n?x\n$ factgraph validate bad.json\nerror: 1 error\n```\n";
    let pieces = readme_script(readme);
    let texts: Vec<&str> = pieces.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "factgraph stats",
            "factgraph query 'SELECT\n  ?x WHERE {}'",
            "if factgraph validate bad.json\nthen echo 'README.md:12: this command succeeded; the README shows it failing' >&2; exit 1; fi",
        ]
    );
    assert_eq!(
        pieces.iter().map(|p| p.line).collect::<Vec<_>>(),
        [3, 9, 12]
    );
}

// The README's commands are a POSIX shell session (`&`, `$!`, `kill`, `:` between PATH
// entries), run by bash in its own process group.
#[cfg(unix)]
#[test]
fn every_command_in_the_readme_runs_as_written() {
    use std::io::Read;
    use std::os::unix::process::CommandExt;
    use std::path::Path;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    use crate::common::repo;

    let readme = std::fs::read_to_string(repo("README.md")).expect("README.md");
    let pieces = readme_script(&readme);
    assert!(pieces.len() >= 10, "only {} commands found", pieces.len());
    let dir = tempfile::tempdir().expect("temporary directory");
    for linked in ["data", "tests", "ontology"] {
        std::os::unix::fs::symlink(repo(linked), dir.path().join(linked)).expect("link");
    }
    // Each piece records where it starts, so that a failure names the README's line.
    let mut script = String::from(
        "set -e -o pipefail\ntrap 'echo \"README.md:$README_LINE: exit $?: $BASH_COMMAND\" >&2' ERR\n",
    );
    for piece in &pieces {
        script.push_str(&format!("README_LINE={}\n{}\n", piece.line, piece.text));
    }
    let binary = Path::new(env!("CARGO_BIN_EXE_factgraph"));
    let path = format!(
        "{}:{}",
        binary.parent().expect("bin dir").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut child = Command::new("bash")
        .arg("-c")
        .arg(&script)
        .current_dir(dir.path())
        .env("PATH", path)
        .env_remove("FACTGRAPH_STORE")
        .env_remove("FACTGRAPH_BASE_IRI")
        .env_remove("FACTGRAPH_REMOTE")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        // Its own process group, so that a server a failed script left running is stopped too.
        .process_group(0)
        .spawn()
        .expect("run bash");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break Some(status);
        }
        if started.elapsed() > Duration::from_secs(600) {
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let group = format!("-{}", child.id());
    // The group is gone already when the script ended cleanly.
    let _ = Command::new("kill")
        .args(["-9", "--", &group])
        .stderr(Stdio::null())
        .status();
    let mut errors = String::new();
    if let Some(mut stderr) = child.stderr.take() {
        let _ = stderr.read_to_string(&mut errors);
    }
    let status =
        status.unwrap_or_else(|| panic!("the README's commands ran for 10 minutes:\n{errors}"));
    assert!(status.success(), "a README command failed:\n{errors}");
}
