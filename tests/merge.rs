//! `merge`, `merges` and `unmerge`: a split entity made one, recorded, kept through re-ingest,
//! and undone quad for quad.

use serde_json::Value;

use crate::common::{TestEnv, repo, repo_str};

const SPLIT: &str = "https://w3id.org/factgraph/entity/vladimir-putins";
const KEPT: &str = "https://w3id.org/factgraph/entity/vladimir-putin";

fn with_split_entity() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["ingest", "-q", &repo_str("tests/fixtures/merge")]);
    env
}

fn mentions_of(env: &TestEnv, iri: &str) -> usize {
    env.count(&format!(
        "SELECT (COUNT(*) AS ?n) WHERE {{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?s ?p ?o }} }} FILTER(?s = <{iri}> || ?o = <{iri}>) }}"
    ))
}

#[test]
fn a_merge_moves_everything_and_unmerge_restores_every_quad() {
    let env = with_split_entity();
    let before = env.snapshot();
    assert!(
        mentions_of(&env, SPLIT) > 0,
        "the fixtures split the entity"
    );

    let merged: Value =
        serde_json::from_str(&env.ok(&["--json", "merge", "Vladimir Putin's", "Vladimir Putin"]))
            .expect("json");
    assert_eq!(merged["number"], 1);
    assert_eq!(merged["absorbed"], SPLIT);
    assert_eq!(merged["into"], KEPT);
    assert_eq!(mentions_of(&env, SPLIT), 0, "the absorbed entity is gone");
    // Its name is an alias of the entity that absorbed it; its facts and their provenance
    // point there, in the merged graph and in the article that stated them.
    assert_eq!(
        env.rows(&format!(
            "SELECT ?alias WHERE {{ <{KEPT}> skos:altLabel ?alias }}"
        )),
        ["\"Putin\"", "\"Vladimir Putin's\""]
    );
    assert_eq!(
        env.rows(&format!(
            "SELECT ?article ?evidence WHERE {{ ?us fg:sanctions <{KEPT}> .
               GRAPH ?g {{ ?f rdf:object <{KEPT}> ; rdf:predicate fg:sanctions ; fg:evidence ?evidence .
                          ?g schema:identifier ?article }} }}"
        )),
        ["\"merge-2022-02-25-sanctions\"\t\"The United States imposed sanctions on Vladimir Putin's circle and on him.\""]
    );
    assert_eq!(
        env.rows(&format!(
            "SELECT ?label WHERE {{ <{KEPT}> rdfs:label ?label }}"
        )),
        ["\"Vladimir Putin\""]
    );
    env.assert_merged_graph_consistent();
    let path = env.ok(&["path", "United States", "Russia"]);
    assert!(
        path.starts_with("United States —sanctions→ Vladimir Putin —nationality→ Russia"),
        "{path}"
    );
    let listed = env.ok(&["merges"]);
    assert!(
        listed.contains("1  ") && listed.contains(SPLIT) && listed.contains(KEPT),
        "{listed}"
    );

    env.ok(&["unmerge", "1"]);
    assert_eq!(
        env.snapshot(),
        before,
        "unmerge gives back the store quad for quad"
    );
    assert_eq!(
        serde_json::from_str::<Value>(&env.ok(&["--json", "merges"])).expect("json")["merges"],
        serde_json::json!([])
    );
    env.assert_merged_graph_consistent();
}

#[test]
fn ingesting_the_articles_again_keeps_the_merge() {
    let env = with_split_entity();
    let before = env.snapshot();
    env.ok(&["merge", "Vladimir Putin's", "Vladimir Putin"]);
    let merged = env.snapshot();
    // Written afresh from its sheet, the article states what the merge made of it.
    env.ok(&["remove", "merge-2022-02-25-sanctions"]);
    env.ok(&[
        "ingest",
        "-q",
        &repo_str("tests/fixtures/merge/sanctions.json"),
    ]);
    assert_eq!(
        mentions_of(&env, SPLIT),
        0,
        "re-ingest does not split it again"
    );
    assert_eq!(env.snapshot(), merged);
    // A changed sheet naming the absorbed entity goes to the one that absorbed it too.
    let mut sheet: Value = serde_json::from_str(
        &std::fs::read_to_string(repo("tests/fixtures/merge/sanctions.json")).expect("sheet"),
    )
    .expect("json");
    sheet["article"]["title"] = "Sanctions on Putin, updated".into();
    sheet["facts"].as_array_mut().expect("facts").pop();
    let changed = env.dir.path().join("sanctions.json");
    std::fs::write(&changed, sheet.to_string()).expect("write");
    env.ok(&["ingest", "-q", changed.to_str().expect("path")]);
    assert_eq!(mentions_of(&env, SPLIT), 0);
    assert_eq!(
        env.count(&format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ ?us fg:sanctions <{KEPT}> }}"
        )),
        1
    );
    env.assert_merged_graph_consistent();
    // The store changed where the merge wrote (the article no longer states a fact it moved),
    // so undoing it now could not give the store back as it was: refused, with what to do.
    env.refused(&["unmerge", "1"], 1, "merge-2022-02-25-sanctions");
    env.ok(&[
        "ingest",
        "-q",
        &repo_str("tests/fixtures/merge/sanctions.json"),
    ]);
    env.ok(&["unmerge", "1"]);
    assert_eq!(env.snapshot(), before);
}

#[test]
fn merges_are_undone_latest_first_and_bad_requests_say_why() {
    let env = with_split_entity();
    let before = env.snapshot();
    env.ok(&["merge", "Vladimir Putin's", "Vladimir Putin"]);
    let after_first = env.snapshot();
    env.ok(&["merge", "Vladimir Putin", "Xi Jinping"]);
    let listed = env.ok(&["merges"]);
    assert_eq!(listed.lines().count(), 2, "{listed}");
    env.refused(&["unmerge", "1"], 1, "run `factgraph unmerge 2` first");
    env.ok(&["unmerge", "2"]);
    assert_eq!(env.snapshot(), after_first);
    env.ok(&["unmerge", "1"]);
    assert_eq!(env.snapshot(), before);

    env.refused(&["merge", "Vlad", "Xi"], 1, "did you mean `Vladimir Putin");
    env.refused(
        &["merge", "Putin", "Vladimir Putin"],
        1,
        "are one entity already",
    );
    env.refused(&["unmerge", "7"], 1, "there is no merge 7");
    env.refused(&["unmerge", "x"], 2, "invalid value");
    assert_eq!(env.snapshot(), before, "refused requests write nothing");
}

#[test]
fn a_merge_cut_short_is_settled_from_what_the_store_holds() {
    let env = with_split_entity();
    let before = env.snapshot();
    let record = env.store().join("factgraph-merges.json");
    env.ok(&["merge", "Vladimir Putin's", "Vladimir Putin"]);
    let merged = env.snapshot();
    let done = std::fs::read_to_string(&record).expect("the record");
    let marked =
        |state: &str| done.replace("\"state\": \"done\"", &format!("\"state\": \"{state}\""));
    assert_ne!(marked("applying"), done, "the record keeps a state: {done}");

    // Stopped after the store's transaction and before the record said so: the merge stands.
    std::fs::write(&record, marked("applying")).expect("write");
    assert!(env.ok(&["merges"]).contains(SPLIT));
    assert_eq!(std::fs::read_to_string(&record).expect("record"), done);
    // Stopped while being undone, before the store's transaction: it stands too.
    std::fs::write(&record, marked("undoing")).expect("write");
    assert!(env.ok(&["merges"]).contains(SPLIT));
    assert_eq!(env.snapshot(), merged);

    env.ok(&["unmerge", "1"]);
    // Stopped before the store's transaction: the merge never happened, and is dropped.
    std::fs::write(&record, marked("applying")).expect("write");
    assert_eq!(env.ok(&["merges"]).trim(), "no merges recorded");
    assert_eq!(env.snapshot(), before);
    // A record that is not one is an error that names it, and nothing is written.
    std::fs::write(&record, "{ not json").expect("write");
    env.refused(
        &["merge", "Vladimir Putin's", "Vladimir Putin"],
        1,
        "factgraph-merges.json is damaged",
    );
    assert_eq!(env.snapshot(), before);
}
