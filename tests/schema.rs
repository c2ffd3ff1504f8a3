//! The JSON Schema of the fact-sheet format agrees with the code: it lists the ontology's
//! classes and predicates, accepts every sheet we ship, and whatever it rejects the code rejects.

use std::path::PathBuf;
use std::process::Command;

use factgraph::ontology::{Ontology, PropertyKind};

use crate::common::{TestEnv, repo};

fn schema() -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(repo("ontology/factsheet.schema.json")).unwrap())
        .unwrap()
}

fn enum_at(schema: &serde_json::Value, pointer: &str) -> Vec<String> {
    let mut values: Vec<String> = schema
        .pointer(pointer)
        .unwrap_or_else(|| panic!("no {pointer} in the schema"))
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    values.sort();
    values
}

#[test]
fn the_schema_lists_the_ontology_terms() {
    let ontology = Ontology::embedded().unwrap();
    let schema = schema();
    let mut classes: Vec<String> = ontology
        .classes()
        .filter(|c| !c.is_abstract)
        .map(|c| c.name.clone())
        .collect();
    classes.sort();
    assert_eq!(
        enum_at(&schema, "/$defs/entity/properties/type/enum"),
        classes
    );
    let mut predicates: Vec<String> = ontology
        .properties()
        .filter(|p| matches!(p.kind, PropertyKind::Relation | PropertyKind::Value))
        .map(|p| p.name.clone())
        .collect();
    predicates.sort();
    assert_eq!(
        enum_at(&schema, "/$defs/fact/properties/predicate/enum"),
        predicates
    );
    let mut qualifiers: Vec<String> = ontology
        .properties()
        .filter(|p| p.kind == PropertyKind::Qualifier)
        .map(|p| p.name.clone())
        .collect();
    qualifiers.sort();
    let mut in_schema: Vec<String> = schema
        .pointer("/$defs/qualifiers/properties")
        .unwrap()
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    in_schema.sort();
    assert_eq!(in_schema, qualifiers);
}

fn json_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// `jsonschema`'s verdict for each file.
fn schema_verdicts(files: &[PathBuf]) -> Vec<bool> {
    let output = Command::new("python3")
        .arg(repo("tests/check_schema.py"))
        .arg(repo("ontology/factsheet.schema.json"))
        .args(files)
        .output()
        .expect("python3 runs (install the checkers with `bash .ci/setup`)");
    assert!(
        output.status.success(),
        "check_schema.py failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let verdicts: Vec<bool> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| l.starts_with("valid\t"))
        .collect();
    assert_eq!(verdicts.len(), files.len());
    verdicts
}

#[test]
fn shipped_sheets_pass_both_the_schema_and_the_code() {
    let mut files = json_files("data/sheets");
    files.extend(json_files("tests/fixtures/good"));
    assert!(files.len() >= 9);
    let env = TestEnv::new();
    for (file, valid) in files.iter().zip(schema_verdicts(&files)) {
        assert!(valid, "the schema rejects {}", file.display());
        let output = env.run(&["validate", file.to_str().unwrap()]);
        assert!(
            output.status.success(),
            "the code rejects {}",
            file.display()
        );
    }
}

#[test]
fn what_the_schema_rejects_the_code_rejects() {
    let files = json_files("tests/fixtures/bad");
    let verdicts = schema_verdicts(&files);
    let rejected: Vec<&PathBuf> = files
        .iter()
        .zip(&verdicts)
        .filter(|(_, valid)| !**valid)
        .map(|(f, _)| f)
        .collect();
    assert!(
        rejected.len() >= 12,
        "the schema should reject most bad fixtures, rejects {}",
        rejected.len()
    );
    let env = TestEnv::new();
    for file in rejected {
        let output = env.run(&["validate", file.to_str().unwrap()]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "the schema rejects {} but the code accepts it",
            file.display()
        );
    }
}
