//! Every file in fixtures/bad/: exit code 1, the file and place named, and the key words of the
//! message, and nothing written.

use crate::common::{TestEnv, repo, stderr};

/// (file, line:column of the first message, words it must contain)
#[rustfmt::skip]
const CASES: &[(&str, &str, &[&str])] = &[
    ("bad_article_id.json", "3:11", &["invalid article id `has spaces/and slash`", "(at /article/id)", "help:"]),
    ("bad_date.json", "46:17", &["invalid date `2021-02-30`", "(at /facts/2/object)", "YYYY-MM-DD"]),
    ("bad_number.json", "46:17", &["`userCount` takes a whole number, not 1.5", "help: write {\"number\": N}"]),
    ("dangling_id.json", "44:18", &["unknown entity id `alipy`", "did you mean `alipay`?", "declared ids are: alipay, ant, eo, trump"]),
    ("domain_mismatch.json", "44:18", &["`alipay` (SoftwareApplication) cannot be the subject of `signs`, whose domain is Agent", "--lenient"]),
    ("duplicate_id.json", "32:13", &["duplicate entity id `alipay`", "first declared at /entities/2"]),
    ("empty.json", "1:1", &["the file is empty"]),
    ("literal_for_entity.json", "46:17", &["`bans` links two entities, but the object is a text"]),
    ("malformed_json.json", "4:23", &["invalid JSON: key must be a string", "help: fix the JSON syntax"]),
    ("missing_field.json", "4:3", &["missing field `title`", "(at /article)"]),
    ("non_utf8.json", "23:20", &["not valid UTF-8", "0xe9"]),
    ("not_an_object.json", "1:1", &["expected a JSON object", "(at /)", "help: write {\"article\""]),
    ("tenth_fact_invalid.json", "90:17", &["unknown entity id `ant-group`", "(at /facts/9/object)"]),
    ("trailing_comma.json", "6:3", &["invalid JSON", "trailing comma"]),
    ("truncated.json", "", &["invalid JSON", "EOF"]),
    ("unknown_class.json", "29:15", &["unknown class `Compny`", "did you mean `Company`?"]),
    ("unknown_field.json", "5:12", &["unknown field `auther`", "(at /article)"]),
    ("unknown_predicate.json", "45:20", &["unknown predicate `owndBy`", "did you mean `ownedBy`?", "(at /facts/2/predicate)"]),
    ("wrong_type.json", "47:26", &["invalid type: string \"high\", expected f64", "(at /facts/2/confidence)"]),
];

#[test]
fn every_bad_fixture_is_covered() {
    let mut files: Vec<String> = std::fs::read_dir(repo("tests/fixtures/bad"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let covered: Vec<&str> = CASES.iter().map(|(file, _, _)| *file).collect();
    assert_eq!(files, covered);
}

#[test]
fn bad_inputs_get_a_placed_readable_error_and_write_nothing() {
    let env = TestEnv::new();
    let mut failures = Vec::new();
    for (file, place, words) in CASES {
        let path = repo(&format!("tests/fixtures/bad/{file}"));
        let output = env.run(&["ingest", path.to_str().unwrap()]);
        let message = stderr(&output);
        let expected_place = format!("{}:{place}", path.display());
        let mut problems = Vec::new();
        if output.status.code() != Some(1) {
            problems.push(format!("exit code {:?}", output.status.code()));
        }
        if !message.starts_with(&expected_place) {
            problems.push(format!("does not start with {expected_place}"));
        }
        problems.extend(
            words
                .iter()
                .filter(|w| !message.contains(*w))
                .map(|w| format!("lacks {w:?}")),
        );
        if message.contains("panicked") || message.contains("RUST_BACKTRACE") {
            problems.push("panicked".into());
        }
        if !problems.is_empty() {
            failures.push(format!("{file}: {}\n{message}", problems.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // The store was opened but nothing was written into it.
    assert_eq!(
        env.count("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"),
        0
    );
}

#[test]
fn all_errors_of_a_file_are_reported_together() {
    let env = TestEnv::new();
    let dir = env.dir.path();
    let sheet = r#"{"article": {"id": "x", "title": "T", "published": "2021-13-01"},
      "entities": [{"id": "a", "name": "A", "type": "Compny"}, {"id": "b", "name": "B", "type": "Company"}],
      "facts": [{"subject": "a", "predicate": "owndBy", "object": "b"},
                {"subject": "b", "predicate": "ownedBy", "object": "c"}]}"#;
    std::fs::write(dir.join("many.json"), sheet).unwrap();
    let output = env.run(&["validate", dir.join("many.json").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    for words in [
        "invalid date `2021-13-01`",
        "unknown class `Compny`",
        "unknown predicate `owndBy`",
        "unknown entity id `c`",
    ] {
        assert!(message.contains(words), "{words} missing from\n{message}");
    }
    assert!(message.contains("4 errors in 1 file"), "{message}");
}

#[test]
fn a_file_system_error_is_named_once() {
    let env = TestEnv::new();
    let dir = env.dir.path();
    std::fs::write(
        dir.join("a.txt"),
        "Title\n\nAcme Corp. sued Globex Inc. on Monday.\n",
    )
    .unwrap();
    std::fs::write(dir.join("taken"), "a file, not a folder").unwrap();
    let out = dir.join("taken").join("sheets");
    let output = env.run(&[
        "extract",
        dir.join("a.txt").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(message.contains("cannot write"), "{message}");
    assert!(message.contains(out.to_str().unwrap()), "{message}");
    // The operating system's words once, after the path: not repeated by the cause's chain.
    assert_eq!(message.matches("os error").count(), 1, "{message}");
}
