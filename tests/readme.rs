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

/// A command of the script, with the README line it starts at and, for a command of a
/// `console` block, the output the README shows under it (whose stderr is then captured too,
/// since the README shows both).
struct Piece {
    line: usize,
    text: String,
    shown: Option<Vec<String>>,
    /// The README shows it failing (a line of its output starts with `error:`).
    fails: bool,
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
        let shown = &lines[index..output_end];
        pieces.push(Piece {
            line,
            fails: shown.iter().any(|l| l.starts_with("error:")),
            text: command,
            shown: Some(shown.iter().map(|l| (*l).to_owned()).collect()),
        });
    }
    pieces
}

/// The commands of a `sh` block: each line and the lines that continue it (an open quote, a
/// trailing backslash); blank lines and comments alone are left out.
fn block_commands(first_line: usize, lines: &[&str]) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let line = first_line + index;
        let mut command = lines[index].to_owned();
        index += 1;
        while (!quotes_closed(&command) || command.ends_with('\\')) && index < lines.len() {
            command.push('\n');
            command.push_str(lines[index]);
            index += 1;
        }
        let trimmed = command.trim();
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            pieces.push(Piece {
                line,
                text: command,
                shown: None,
                fails: false,
            });
        }
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
            ["sh"] => pieces.extend(block_commands(start + 1, body)),
            ["console"] => pieces.extend(session_commands(start + 1, body)),
            _ => {}
        }
        index = end + 1;
    }
    pieces
}

#[test]
fn the_readme_marks_what_it_runs() {
    let readme = "intro\n```sh\nfactgraph stats\n\n# a comment\ncurl -H 'A: b' \\\n  http://x   # the API\n```\n```sh no-test\nbash .ci/setup\n```\n```console\n$ factgraph query 'SELECT\n  ?x WHERE {}'\n?x\n$ factgraph validate bad.json\nerror: 1 error\n```\n";
    let pieces = readme_script(readme);
    let texts: Vec<&str> = pieces.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "factgraph stats",
            "curl -H 'A: b' \\\n  http://x   # the API",
            "factgraph query 'SELECT\n  ?x WHERE {}'",
            "factgraph validate bad.json",
        ]
    );
    assert_eq!(
        pieces.iter().map(|p| p.fails).collect::<Vec<_>>(),
        [false, false, false, true]
    );
    let script = script_of(&pieces);
    let on_terminal =
        "SHELL=/bin/bash script -qec 'factgraph query '\\''SELECT\n  ?x WHERE {}'\\''' /dev/null";
    assert!(
        script.contains(&format!("{{\n{on_terminal}\n}} > .readme-output/2\n")),
        "{script}"
    );
    assert!(script.contains("README_LINE=16\nif {\nSHELL=/bin/bash script -qec 'factgraph validate bad.json' /dev/null\n} > .readme-output/3\nthen echo 'README.md:16: this command succeeded; the README shows it failing' >&3; exit 1; fi\n"), "{script}");
    assert_eq!(
        as_read("a\r\n\u{1b}[1;31merror\u{1b}[0m: x\r\n"),
        "a\nerror: x\n"
    );
    assert_eq!(
        pieces.iter().map(|p| p.line).collect::<Vec<_>>(),
        [3, 6, 13, 16]
    );
    let shown: Vec<Option<Vec<String>>> = pieces.iter().map(|p| p.shown.clone()).collect();
    assert_eq!(
        shown,
        [
            None,
            None,
            Some(vec!["?x".to_owned()]),
            Some(vec!["error: 1 error".to_owned()])
        ]
    );
    assert_eq!(words(texts[1]), ["curl", "-H", "A: b", "http://x"]);
    let export = words("factgraph export -o kg.ttl   # 'also' > x");
    assert_eq!(written(&export), ["kg.ttl"]);
    assert_eq!(
        written(&words("factgraph extract a.txt > sheet.json 2> /dev/null")),
        ["sheet.json"]
    );
}

#[test]
fn shown_output_is_matched_run_by_run_around_ellipses() {
    let printed = "store  db\nquads  3\narticles 7\n  2  Company  \n  1  Person\nfacts 9\n";
    let shown = |lines: &[&str]| lines.iter().map(|l| (*l).to_owned()).collect::<Vec<_>>();
    assert!(shows(printed, &shown(&["store  db", "quads  3"])));
    assert!(shows(
        printed,
        &shown(&["store  db", "…", "  2  Company", "…", "facts 9"])
    ));
    assert!(!shows(printed, &shown(&["store  db", "articles 7"])));
    assert!(!shows(printed, &shown(&["facts 9", "…", "store  db"])));
    assert!(!shows(printed, &shown(&["quads  4"])));
    assert!(output_problem(&words("factgraph query 'SELECT'"), "?x\n").is_some());
    assert!(output_problem(&words("factgraph query 'SELECT'"), "?x\n<a>\n").is_none());
    assert!(output_problem(&words("factgraph path A B"), "no path\n").is_some());
    assert!(output_problem(&words("factgraph path A B"), "A —x→ B\n  1. …\n").is_none());
    assert!(output_problem(&words("factgraph path A B --json"), r#"{"paths": []}"#).is_some());
}

/// Where the script leaves what the command of each piece printed.
const OUTPUT: &str = ".readme-output";

/// The script of the pieces: each command writes what it prints to a file of its own (a
/// `console` command its stderr too), and a failure names the README's line.
fn script_of(pieces: &[Piece]) -> String {
    let mut script = format!(
        "set -e -o pipefail\nmkdir {OUTPUT}\nexec 3>&2\ntrap 'echo \"README.md:$README_LINE: exit $?: $BASH_COMMAND\" >&3' ERR\n"
    );
    for (number, piece) in pieces.iter().enumerate() {
        let text = if piece.shown.is_some() {
            // On a terminal, as the README shows it: a query prints a table there, not TSV.
            let quoted = piece.text.replace('\'', "'\\''");
            format!("SHELL=/bin/bash script -qec '{quoted}' /dev/null")
        } else {
            piece.text.clone()
        };
        let run = format!("{{\n{text}\n}} > {OUTPUT}/{number}");
        let line = piece.line;
        if piece.fails {
            script.push_str(&format!(
                "README_LINE={line}\nif {run}\nthen echo 'README.md:{line}: this command succeeded; the README shows it failing' >&3; exit 1; fi\n"
            ));
        } else {
            script.push_str(&format!("README_LINE={line}\n{run}\n"));
        }
    }
    script
}

/// What a command printed, as a reader sees it: without a terminal's carriage returns and
/// colours.
fn as_read(printed: &str) -> String {
    let mut read = String::with_capacity(printed.len());
    let mut chars = printed.chars();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {}
            '\u{1b}' => {
                // A control sequence: ESC [ parameters, then a letter.
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            c => read.push(c),
        }
    }
    read
}

/// Whether the output the README shows is in what the command printed: the lines between two
/// `…` lines one after another, in order, with trailing spaces ignored.
fn shows(printed: &str, shown: &[String]) -> bool {
    let printed: Vec<&str> = printed.lines().map(str::trim_end).collect();
    let mut from = 0;
    for run in shown.split(|line| line.trim() == "…") {
        let run: Vec<&str> = run.iter().map(|line| line.trim_end()).collect();
        if run.is_empty() {
            continue;
        }
        let Some(at) = (from..=printed.len().saturating_sub(run.len()))
            .find(|&at| printed.get(at..at + run.len()) == Some(&run[..]))
        else {
            return false;
        };
        from = at + run.len();
    }
    true
}

/// The words of a command up to its first comment, quotes taken off (enough for the README's
/// commands: no word of theirs is quoted in part).
fn words(command: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut started = false;
    for c in command.chars() {
        match (quote, c) {
            (None, '\'' | '"') => {
                quote = Some(c);
                started = true;
            }
            (Some(open), _) if c == open => quote = None,
            (Some(_), _) => word.push(c),
            (None, '#') if !started => break,
            (None, c) if c.is_whitespace() || c == '\\' => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            (None, _) => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        words.push(word);
    }
    words
}

/// The files and folders a command writes: after `-o` or a `>` that is not a duplication.
fn written(words: &[String]) -> Vec<String> {
    words
        .windows(2)
        .filter(|pair| pair[0] == "-o" || pair[0] == ">")
        .map(|pair| pair[1].trim_end_matches(';').to_owned())
        .filter(|target| target != "/dev/null")
        .collect()
}

/// What is wrong with a file a README command wrote, judged by its extension, if anything.
#[cfg(unix)]
fn file_problem(path: &std::path::Path, xml: &mut Vec<std::path::PathBuf>) -> Option<String> {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => return Some(format!("cannot be read: {err}")),
    };
    if bytes.is_empty() {
        return Some("is empty".into());
    }
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let rdf = match extension {
        "ttl" => Some(oxigraph::io::RdfFormat::Turtle),
        "nq" => Some(oxigraph::io::RdfFormat::NQuads),
        _ => None,
    };
    if let Some(format) = rdf {
        return match oxigraph::io::RdfParser::from_format(format)
            .for_slice(&bytes)
            .collect::<Result<Vec<_>, _>>()
        {
            Ok(quads) if quads.is_empty() => Some("holds no triples".into()),
            Ok(_) => None,
            Err(err) => Some(format!("does not parse: {err}")),
        };
    }
    match extension {
        "json" | "cyjs" => serde_json::from_slice::<serde_json::Value>(&bytes)
            .err()
            .map(|err| format!("is no JSON: {err}")),
        "graphml" | "gexf" | "svg" | "xml" => {
            xml.push(path.to_owned());
            None
        }
        "csv" => {
            let text = String::from_utf8_lossy(&bytes);
            (text.lines().count() < 2).then(|| "has no row under its header".into())
        }
        _ => None,
    }
}

/// What is wrong with what a command printed, where the README's command says what it must
/// print: a table of rows for a query, a chain for a path, JSON for `--json` and the server's
/// API, RDF for an export to stdout, a sheet with facts for an extraction to stdout.
fn output_problem(words: &[String], printed: &str) -> Option<String> {
    let to_stdout = !words.iter().any(|w| w == ">" || w == "-o" || w == "|");
    let word = |w: &str| words.iter().any(|x| x == w);
    let json = || serde_json::from_str::<serde_json::Value>(printed);
    // The subcommand: the first word after the global options (`--store DIR`).
    let mut rest = words.iter().skip(1).map(String::as_str);
    let mut subcommand = None;
    while let Some(next) = rest.next() {
        if next == "--store" {
            rest.next();
        } else {
            subcommand = Some(next);
            break;
        }
    }
    match (words.first().map(String::as_str), subcommand) {
        (Some("factgraph"), Some("query")) if to_stdout && !word("--format") => {
            // TSV, away from a terminal: a header, then a line a row.
            let rows = printed.lines().skip(1).filter(|l| !l.is_empty()).count();
            (rows == 0).then(|| "no rows".into())
        }
        (Some("factgraph"), Some("path")) if word("--json") => match json() {
            Ok(value)
                if value["paths"]
                    .as_array()
                    .is_some_and(|paths| !paths.is_empty()) =>
            {
                None
            }
            Ok(value) => Some(format!("no paths in {value}")),
            Err(err) => Some(format!("no JSON: {err}")),
        },
        (Some("factgraph"), Some("path")) => {
            let chain = printed.lines().any(|l| {
                !l.starts_with(' ') && l.contains('—') && (l.contains('→') || l.contains('←'))
            });
            (!chain).then(|| "no chain of facts".into())
        }
        (Some("curl"), _) if to_stdout => match json() {
            Ok(_) => None,
            Err(err) => Some(format!("no JSON: {err}")),
        },
        (Some("factgraph"), Some("export")) if to_stdout && word("nquads") => {
            oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
                .for_slice(printed.as_bytes())
                .collect::<Result<Vec<_>, _>>()
                .map_or_else(
                    |err| Some(format!("no N-Quads: {err}")),
                    |quads| quads.is_empty().then(|| "no quads".into()),
                )
        }
        (Some("factgraph"), Some("extract")) if to_stdout => match json() {
            Ok(sheet) if sheet["facts"].as_array().is_some_and(|f| !f.is_empty()) => None,
            Ok(_) => Some("a sheet with no facts".into()),
            Err(err) => Some(format!("no JSON: {err}")),
        },
        _ => None,
    }
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
    let script = script_of(&pieces);
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

    let mut problems = Vec::new();
    let mut xml = Vec::new();
    for (number, piece) in pieces.iter().enumerate() {
        let output = dir.path().join(OUTPUT).join(number.to_string());
        let printed = as_read(&std::fs::read_to_string(&output).unwrap_or_default());
        let place = format!("README.md:{}", piece.line);
        if let Some(shown) = &piece.shown
            && !shows(&printed, shown)
        {
            problems.push(format!(
                "{place}: the output shown is not what the command printed:\n{printed}"
            ));
        }
        let words = words(&piece.text);
        let graphml_to_stdout = words.get(..2)
            == Some(&["factgraph".to_owned(), "export".to_owned()][..])
            && words.iter().any(|w| w == "graphml")
            && written(&words).is_empty();
        if graphml_to_stdout {
            xml.push(output);
        }
        if let Some(problem) = output_problem(&words, &printed) {
            problems.push(format!("{place}: {problem}:\n{printed}"));
        }
        for target in written(&words) {
            let target = dir.path().join(&target);
            let files: Vec<std::path::PathBuf> = if target.is_dir() {
                std::fs::read_dir(&target)
                    .expect("folder")
                    .map(|entry| entry.expect("entry").path())
                    .collect()
            } else {
                vec![target.clone()]
            };
            if files.is_empty() {
                problems.push(format!("{place}: {} is empty", target.display()));
            }
            for file in files {
                if let Some(problem) = file_problem(&file, &mut xml) {
                    problems.push(format!("{place}: {} {problem}", file.display()));
                }
            }
        }
    }
    let parsed = Command::new("python3")
        .arg("-c")
        .arg("import sys, xml.etree.ElementTree as t\nfor f in sys.argv[1:]: t.parse(f)")
        .args(&xml)
        .output()
        .expect("python3 runs");
    if !parsed.status.success() {
        problems.push(format!(
            "an XML file the README's commands wrote does not parse:\n{}",
            String::from_utf8_lossy(&parsed.stderr)
        ));
    }
    assert!(xml.len() >= 3, "only {} XML files checked", xml.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
