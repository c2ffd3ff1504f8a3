//! A 50 MB sheet with 200,000 facts ingests whole.

use std::fmt::Write;

use crate::common::{TestEnv, stderr};

/// A deterministic sheet: `companies` companies, `facts` ownedBy facts with long evidence.
pub fn generated_sheet(id: &str, companies: usize, facts: usize, evidence_len: usize) -> String {
    let mut json = String::with_capacity(facts * (evidence_len + 150));
    write!(json, r#"{{"article": {{"id": "{id}", "title": "Generated {id}", "published": "2021-01-06"}}, "entities": ["#).unwrap();
    for c in 0..companies {
        let comma = if c == 0 { "" } else { "," };
        write!(
            json,
            r#"{comma}{{"id": "c{c}", "name": "{id} Company {c}", "type": "Company"}}"#
        )
        .unwrap();
    }
    json.push_str(r#"], "facts": ["#);
    let filler = "x".repeat(evidence_len);
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for f in 0..facts {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let subject = (state % companies as u64) as usize;
        let object = (subject + 1 + (state >> 32) as usize % (companies - 1)) % companies;
        let comma = if f == 0 { "" } else { "," };
        write!(
            json,
            r#"{comma}{{"subject": "c{subject}", "predicate": "ownedBy", "object": "c{object}", "evidence": "Fact {f}: {filler}", "confidence": 0.9}}"#
        )
        .unwrap();
    }
    json.push_str("]}\n");
    json
}

#[test]
fn a_50_mb_sheet_with_200000_facts_ingests() {
    let env = TestEnv::new();
    let sheet = generated_sheet("large", 20_000, 200_000, 160);
    assert!(sheet.len() >= 50_000_000, "only {} bytes", sheet.len());
    let path = env.dir.path().join("large.json");
    std::fs::write(&path, &sheet).unwrap();
    let output = env.run(&["ingest", path.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("200000 facts"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        env.count("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?st a rdf:Statement } }"),
        200_000
    );
    assert_eq!(
        env.count("SELECT (COUNT(*) AS ?n) WHERE { ?e a fg:Company }"),
        20_000
    );
    let distinct_pairs = env.count("SELECT (COUNT(*) AS ?n) WHERE { ?s fg:ownedBy ?o }");
    let stated_pairs =
        env.count("SELECT (COUNT(DISTINCT *) AS ?n) WHERE { GRAPH ?g { ?s fg:ownedBy ?o } }");
    assert_eq!(distinct_pairs, stated_pairs);
}
