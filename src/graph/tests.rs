//! Property tests: the path engine against naive searches on random graphs.

use std::collections::{HashSet, VecDeque};

use proptest::prelude::*;

use super::{Path, PathQuery, Projection};
use crate::ingest::{self, Input, Inputs, Options};
use crate::resolve::IriBase;
use crate::store::Store;

/// Sheets to ingest, with the options `factgraph ingest` takes by default.
pub(super) fn sheet_inputs(sheets: Vec<Input>) -> (Inputs, Options) {
    let inputs = Inputs {
        sheets,
        ..Inputs::default()
    };
    let options = Options {
        base: IriBase::default(),
        lenient: false,
        dry_run: false,
    };
    (inputs, options)
}

/// Ingests sheets into a store as `factgraph ingest` does, and fails the test on any error.
pub(super) fn ingest_sheets(store: &Store, sheets: Vec<Input>) {
    let (inputs, options) = sheet_inputs(sheets);
    let report = ingest::ingest(&inputs, Some(store), &options, &mut |_| {}).expect("ingest");
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
}

/// Ingests through [`crate::graph::keeping_saved_graph`], as `factgraph ingest` does.
pub(super) fn ingest(store: &Store, sheets: Vec<Input>) -> ingest::Report {
    let (inputs, options) = sheet_inputs(sheets);
    let ontology = crate::ontology::Ontology::embedded().expect("ontology");
    crate::graph::keeping_saved_graph(store, ontology, |written| {
        ingest::ingest_passing_on(&inputs, store, &options, written, &mut |_| {})
    })
    .expect("ingest")
}

/// Where the store in `dir` keeps its saved entity graph.
pub(super) fn saved_file(dir: &std::path::Path) -> std::path::PathBuf {
    dir.join("factgraph-derived").join(super::snapshot::FILE)
}

/// The sheets of data/sheets, whole and with their later half of facts dropped (so that
/// a rewrite withdraws facts, and leaves entities that no fact uses).
pub(super) fn sheet_versions() -> Vec<(String, [Vec<u8>; 2])> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sheets");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("data/sheets")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
        .iter()
        .map(|file| {
            let whole: serde_json::Value =
                serde_json::from_slice(&std::fs::read(file).expect("sheet")).expect("json");
            let mut halved = whole.clone();
            let facts = halved["facts"].as_array_mut().expect("facts");
            facts.truncate(facts.len() / 2);
            let id = whole["article"]["id"].as_str().expect("id").to_owned();
            let bytes = |v: &serde_json::Value| serde_json::to_vec(v).expect("bytes");
            (id, [bytes(&whole), bytes(&halved)])
        })
        .collect()
}

const PREDICATES: [&str; 3] = ["ownedBy", "bans", "signs"];

/// Up to 9 entities and 20 facts (self-loops and parallel facts included).
fn random_graph() -> impl Strategy<Value = (usize, Vec<(usize, usize, usize)>)> {
    (2usize..10).prop_flat_map(|n| {
        (
            Just(n),
            prop::collection::vec((0..n, 0..PREDICATES.len(), 0..n), 0..20),
        )
    })
}

fn build(n: usize, facts: &[(usize, usize, usize)]) -> (Projection, Vec<usize>) {
    let labels: Vec<String> = (0..n).map(|i| format!("Entity {i}")).collect();
    // Entities in no fact are not in the projection; their id is usize::MAX.
    let mut all: Vec<(&str, &str, &str)> = Vec::new();
    for (s, p, o) in facts {
        all.push((&labels[*s], PREDICATES[*p], &labels[*o]));
    }
    let projection = Projection::from_facts(all);
    let ids = labels
        .iter()
        .map(|l| projection.lookup(l).ok().unwrap_or(usize::MAX))
        .collect();
    (projection, ids)
}

/// Breadth-first hop distance over the facts, either direction.
fn bfs_distance(
    n: usize,
    facts: &[(usize, usize, usize)],
    from: usize,
    to: usize,
) -> Option<usize> {
    let mut distance = vec![usize::MAX; n];
    distance[from] = 0;
    let mut queue = VecDeque::from([from]);
    while let Some(v) = queue.pop_front() {
        for (s, _, o) in facts {
            for (a, b) in [(*s, *o), (*o, *s)] {
                if a == v && distance[b] == usize::MAX {
                    distance[b] = distance[v] + 1;
                    queue.push_back(b);
                }
            }
        }
    }
    (distance[to] != usize::MAX).then_some(distance[to])
}

/// Simple paths of at most `max` hops, counted by brute force over fact sequences.
fn count_simple_paths(
    facts: &[(usize, usize, usize)],
    from: usize,
    to: usize,
    max: usize,
) -> usize {
    fn walk(
        facts: &[(usize, usize, usize)],
        at: usize,
        to: usize,
        left: usize,
        seen: &mut Vec<usize>,
    ) -> usize {
        let mut count = 0;
        for (s, _, o) in facts {
            for (a, b) in [(*s, *o), (*o, *s)] {
                if a != at || seen.contains(&b) || (s == o) {
                    continue;
                }
                if b == to {
                    count += 1;
                } else if left > 1 {
                    seen.push(b);
                    count += walk(facts, b, to, left - 1, seen);
                    seen.pop();
                }
            }
        }
        count
    }
    walk(facts, from, to, max, &mut vec![from])
}

fn assert_real_path(projection: &Projection, path: &Path, from: usize, to: usize) {
    assert_eq!(path.nodes.first(), Some(&from));
    assert_eq!(path.nodes.last(), Some(&to));
    assert_eq!(path.nodes.len(), path.hops.len() + 1);
    for (i, hop) in path.hops.iter().enumerate() {
        assert_eq!((hop.from, hop.to), (path.nodes[i], path.nodes[i + 1]));
        let (subject, object) = projection.endpoints(hop.edge);
        let expected = if hop.forward {
            (hop.from, hop.to)
        } else {
            (hop.to, hop.from)
        };
        assert_eq!((subject, object), expected);
    }
    let unique: HashSet<&usize> = path.nodes.iter().collect();
    assert_eq!(unique.len(), path.nodes.len(), "a path repeats an entity");
}

proptest! {
    // Random pairs often name an entity in no fact, or the same entity twice: those are skipped.
    #![proptest_config(ProptestConfig { max_global_rejects: 100_000, ..ProptestConfig::default() })]

    #[test]
    fn shortest_paths_match_breadth_first_search((n, facts) in random_graph(), from in 0usize..10, to in 0usize..10) {
        let (from, to) = (from % n, to % n);
        let (projection, ids) = build(n, &facts);
        prop_assume!(ids[from] != usize::MAX && ids[to] != usize::MAX && from != to);
        let found = projection.shortest_path(ids[from], ids[to], &PathQuery::default());
        let expected = bfs_distance(n, &facts, from, to);
        prop_assert_eq!(found.as_ref().map(|p| p.hops.len()), expected);
        if let Some(path) = found {
            assert_real_path(&projection, &path, ids[from], ids[to]);
        }
    }

    /// A filter that excludes nothing sends the search down the general walk instead of the
    /// one over the adjacency index: both must find paths of the same length and cost.
    #[test]
    fn filtered_and_unfiltered_walks_agree((n, facts) in random_graph(), from in 0usize..10, to in 0usize..10) {
        let (from, to) = (from % n, to % n);
        let (projection, ids) = build(n, &facts);
        prop_assume!(ids[from] != usize::MAX && ids[to] != usize::MAX && from != to);
        let unfiltered = projection.shortest_path(ids[from], ids[to], &PathQuery::default());
        let no_op = PathQuery { not_via: vec!["noSuchPredicate".into()], ..PathQuery::default() };
        let filtered = projection.shortest_path(ids[from], ids[to], &no_op);
        prop_assert_eq!(unfiltered.as_ref().map(|p| p.hops.len()), filtered.as_ref().map(|p| p.hops.len()));
        prop_assert_eq!(unfiltered.map(|p| p.cost), filtered.map(|p| p.cost));
    }

    #[test]
    fn k_shortest_paths_are_distinct_loopless_and_ordered((n, facts) in random_graph(), from in 0usize..10, to in 0usize..10, k in 1usize..6) {
        let (from, to) = (from % n, to % n);
        let (projection, ids) = build(n, &facts);
        prop_assume!(ids[from] != usize::MAX && ids[to] != usize::MAX && from != to);
        let paths = projection.k_shortest_paths(ids[from], ids[to], k, &PathQuery::default());
        let available = count_simple_paths(&facts, from, to, n);
        prop_assert_eq!(paths.len(), k.min(available));
        for pair in paths.windows(2) {
            prop_assert!(pair[0].cost <= pair[1].cost + 1e-12);
            prop_assert_ne!(&pair[0].hops, &pair[1].hops);
        }
        let distinct: HashSet<Vec<(usize, bool)>> =
            paths.iter().map(|p| p.hops.iter().map(|h| (h.edge, h.forward)).collect()).collect();
        prop_assert_eq!(distinct.len(), paths.len());
        for path in &paths {
            assert_real_path(&projection, path, ids[from], ids[to]);
        }
    }

    #[test]
    fn all_paths_are_complete((n, facts) in random_graph(), from in 0usize..10, to in 0usize..10, max in 1usize..5) {
        let (from, to) = (from % n, to % n);
        let (projection, ids) = build(n, &facts);
        prop_assume!(ids[from] != usize::MAX && ids[to] != usize::MAX && from != to);
        let paths = projection.all_paths(ids[from], ids[to], max, usize::MAX, &PathQuery::default());
        prop_assert_eq!(paths.len(), count_simple_paths(&facts, from, to, max));
        for path in &paths {
            assert_real_path(&projection, path, ids[from], ids[to]);
            prop_assert!(path.hops.len() <= max);
        }
    }
}

#[test]
fn each_edge_keeps_its_own_supports_the_last_and_the_unsupported_included() {
    let support = |article: u32| super::Support {
        article,
        confidence: 0.5,
        evidence: super::Quote::NONE,
    };
    let mut projection = Projection::from_facts([("A", "ownedBy", "B")]);
    let (a, b) = (
        petgraph::graph::NodeIndex::new(projection.lookup("A").unwrap()),
        petgraph::graph::NodeIndex::new(projection.lookup("B").unwrap()),
    );
    projection.add_relation(a, b, "bans", [support(1), support(2)]);
    projection.add_relation(b, a, "signs", []);
    projection.add_relation(b, a, "bans", [support(3)]);
    let articles = |edge: usize| -> Vec<u32> {
        let relation = projection.relation(edge);
        relation.supports.iter().map(|s| s.article).collect()
    };
    assert_eq!(projection.edge_count(), 4);
    assert_eq!(articles(0), [] as [u32; 0]);
    assert_eq!(articles(1), [1, 2]);
    assert_eq!(articles(2), [] as [u32; 0]);
    assert_eq!(articles(3), [3]);
    assert_eq!(projection.relation(3).predicate, "bans");
}

/// A projection of `n` entities whose facts carry `supports` articles each.
fn build_supported(n: usize, facts: &[(usize, usize, usize, u32)]) -> Projection {
    let mut projection = Projection::default();
    let nodes: Vec<_> = (0..n)
        .map(|i| {
            projection.add_entity(&super::Entity {
                iri: oxigraph::model::NamedNode::new_unchecked(format!("urn:test:{i}")),
                label: format!("Entity {i}"),
                class: "Entity".into(),
                aliases: Vec::new(),
            })
        })
        .collect();
    for &(s, p, o, supports) in facts {
        let supports = (0..supports).map(|article| super::Support {
            article,
            confidence: 1.0,
            evidence: super::Quote::NONE,
        });
        projection.add_relation(nodes[s], nodes[o], PREDICATES[p], supports);
    }
    projection.index_entities();
    projection
}

proptest! {
    /// Without filters, each hop is on the fact between its two entities that more articles
    /// state, the first added among equals: what the search's rows put first. Its cost counts
    /// the articles of each hop, of facts stated by more articles than the search's compact
    /// counts hold too.
    #[test]
    fn each_hop_takes_the_best_supported_of_parallel_facts(
        n in 2usize..8,
        facts in prop::collection::vec(
            (0usize..8, 0..PREDICATES.len(), 0usize..8, prop_oneof![0u32..4, 125u32..130]),
            0..24,
        ),
        from in 0usize..8,
        to in 0usize..8,
    ) {
        let facts: Vec<_> = facts.into_iter().map(|(s, p, o, k)| (s % n, p, o % n, k)).collect();
        let (from, to) = (from % n, to % n);
        prop_assume!(from != to);
        let projection = build_supported(n, &facts);
        let Some(path) = projection.shortest_path(from, to, &PathQuery::default()) else {
            let plain: Vec<_> = facts.iter().map(|&(s, p, o, _)| (s, p, o)).collect();
            prop_assert_eq!(bfs_distance(n, &plain, from, to), None);
            return Ok(());
        };
        assert_real_path(&projection, &path, from, to);
        for hop in &path.hops {
            let best = (0..projection.edge_count())
                .filter(|&edge| {
                    let ends = projection.endpoints(edge);
                    ends == (hop.from, hop.to) || ends == (hop.to, hop.from)
                })
                .min_by_key(|&edge| (std::cmp::Reverse(projection.relation(edge).supports.len()), edge));
            prop_assert_eq!(Some(hop.edge), best);
        }
        // Each hop costs one, and a billionth more the fewer articles state it.
        let cost: f64 = path
            .hops
            .iter()
            .map(|hop| {
                let articles = projection.relation(hop.edge).supports.len();
                1.0 + 1e-9 * (1.0 + 1.0 / (1 + articles) as f64)
            })
            .sum();
        prop_assert_eq!(path.cost, cost);
    }
}

#[test]
fn names_hold_words_only_whole() {
    use super::holds_words;
    assert!(holds_words("executive order 13971", "executive order"));
    assert!(holds_words("us department of commerce", "commerce"));
    assert!(holds_words("ant group", "ant group"));
    assert!(!holds_words("executive orders", "executive order"));
    assert!(!holds_words("giant group", "ant group"));
    assert!(!holds_words("acme alpha", "alph"));
}

/// Two statements of one fact in one article, equally confident, each with its sentence.
fn twice_stated() -> Vec<oxigraph::model::Quad> {
    use oxigraph::model::vocab::rdf;
    use oxigraph::model::{GraphName, Literal, NamedNode, Quad};
    let iri = |s: &str| NamedNode::new_unchecked(s);
    let (alipay, ant) = (iri("urn:e:alipay"), iri("urn:e:ant"));
    let owned_by = iri(&format!("{}ownedBy", crate::ontology::NAMESPACE));
    let article = iri("urn:a:1");
    let graph = GraphName::NamedNode(article.clone());
    let mut quads = vec![
        Quad::new(
            article.clone(),
            crate::rdf::vocab::schema::IDENTIFIER,
            Literal::new_simple_literal("1"),
            graph.clone(),
        ),
        Quad::new(alipay.clone(), owned_by.clone(), ant.clone(), graph.clone()),
        // The merged graph's copy, which makes the edge.
        Quad::new(
            alipay.clone(),
            owned_by.clone(),
            ant.clone(),
            GraphName::DefaultGraph,
        ),
    ];
    for (statement, sentence) in [
        ("urn:a:1#s2", "B: Ant owns Alipay."),
        ("urn:a:1#s1", "A: Alipay is Ant's."),
    ] {
        let statement = iri(statement);
        let fg = crate::rdf::vocab::fg::term;
        let objects: [(NamedNode, oxigraph::model::Term); 5] = [
            (rdf::SUBJECT.into_owned(), alipay.clone().into()),
            (rdf::PREDICATE.into_owned(), owned_by.clone().into()),
            (rdf::OBJECT.into_owned(), ant.clone().into()),
            (fg("confidence"), Literal::new_simple_literal("0.9").into()),
            (fg("evidence"), Literal::new_simple_literal(sentence).into()),
        ];
        for (predicate, object) in objects {
            quads.push(Quad::new(
                statement.clone(),
                predicate,
                object,
                graph.clone(),
            ));
        }
    }
    quads
}

#[test]
fn equally_confident_statements_give_the_first_sentence_whatever_the_order() {
    let ontology = crate::ontology::Ontology::embedded().unwrap();
    let quads = twice_stated();
    let mut reversed = quads.clone();
    reversed.reverse();
    for quads in [quads, reversed] {
        let projection =
            Projection::from_quads(quads.into_iter().map(Ok::<_, ()>), ontology).unwrap();
        let edge = projection
            .edge_between(
                "urn:e:alipay",
                &format!("{}ownedBy", crate::ontology::NAMESPACE),
                "urn:e:ant",
            )
            .unwrap();
        let supports = projection.relation(edge).supports;
        assert_eq!(supports.len(), 1);
        assert_eq!(
            projection.evidence(&supports[0]),
            Some("A: Alipay is Ant's.")
        );
    }
}
