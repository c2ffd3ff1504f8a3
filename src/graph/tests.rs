//! Property tests: the path engine against naive searches on random graphs.

use std::collections::{HashSet, VecDeque};

use proptest::prelude::*;

use super::{Path, PathQuery, Projection, Weight};
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

/// Ingests sheets into a store, leaving the entity graph to the next query (the store removes
/// a saved one), and fails the test on any error.
pub(super) fn ingest_sheets(store: &Store, sheets: Vec<Input>) {
    let (inputs, options) = sheet_inputs(sheets);
    let report = ingest::ingest_passing_on(&inputs, store, &options, &mut |_| {}, &mut |_| {})
        .expect("ingest");
    assert!(!report.has_errors(), "{:?}", report.diagnostics);
}

/// Ingests handing what it writes to a [`super::cache::Writing`], as `factgraph ingest` does.
pub(super) fn ingest(store: &Store, sheets: Vec<Input>) -> ingest::Report {
    let (inputs, options) = sheet_inputs(sheets);
    let ontology = crate::ontology::Ontology::embedded().expect("ontology");
    let writing = super::cache::Writing::start(store, ontology);
    let report = ingest::ingest_passing_on(
        &inputs,
        store,
        &options,
        &mut |articles| writing.hand_over(articles),
        &mut |_| {},
    )
    .expect("ingest");
    writing.after_write();
    report
}

/// Where the store in `dir` keeps its saved entity graph.
pub(super) fn saved_file(dir: &std::path::Path) -> std::path::PathBuf {
    dir.join("factgraph-derived").join(super::cache::FILE)
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

/// The last is a membership predicate: under the specific weight, facts of it into a container
/// of five members or more are weak.
const PREDICATES: [&str; 4] = ["ownedBy", "bans", "signs", "basedIn"];
const MEMBERSHIP: usize = 3;

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

/// A step of a path as the brute force takes it: the index of the fact walked in the list the
/// graph was built from, and whether the walk goes from its subject to its object.
type Step = (usize, bool);

/// Every loopless path of at most `max` hops from `from` to `to` (distinct entities), by brute
/// force over the facts given by their ends: each fact may be walked either way, or only
/// forward when `directed`, never onto an entity the path already holds (so never a
/// self-loop). Parallel facts make distinct paths.
fn simple_paths(
    ends: &[(usize, usize)],
    from: usize,
    to: usize,
    max: usize,
    directed: bool,
) -> Vec<Vec<Step>> {
    struct Walk<'a> {
        ends: &'a [(usize, usize)],
        to: usize,
        directed: bool,
        seen: Vec<usize>,
        steps: Vec<Step>,
        found: Vec<Vec<Step>>,
    }
    fn walk(w: &mut Walk<'_>, at: usize, left: usize) {
        if at == w.to {
            w.found.push(w.steps.clone());
            return;
        }
        if left == 0 {
            return;
        }
        for (fact, &(s, o)) in w.ends.iter().enumerate() {
            for (a, b, forward) in [(s, o, true), (o, s, false)] {
                if a != at || w.seen.contains(&b) || (w.directed && !forward) {
                    continue;
                }
                w.seen.push(b);
                w.steps.push((fact, forward));
                walk(w, b, left - 1);
                w.steps.pop();
                w.seen.pop();
            }
        }
    }
    let mut w = Walk {
        ends,
        to,
        directed,
        seen: vec![from],
        steps: Vec::new(),
        found: Vec::new(),
    };
    walk(&mut w, from, max);
    w.found
}

/// What a fact costs a path under `weight`, as src/graph/paths.rs defines it: its weight (a hop
/// 1; `1 / articles`, at least one; `-ln` of its best confidence clamped to 1e-6..1, 0 with no
/// article; under the specific weight, `specific` from [`Specific::weight`]) plus a tie-break
/// of a billionth and a billionth / (1 + articles).
fn fact_cost(weight: Weight, articles: u32, best_confidence: f64, specific: f64) -> f64 {
    let articles = f64::from(articles);
    let weight = match weight {
        Weight::Hops => 1.0,
        Weight::Sources => 1.0 / articles.max(1.0),
        Weight::Confidence => -best_confidence.clamp(1e-6, 1.0).ln(),
        Weight::Specific => specific,
    };
    weight + 1e-9 * (1.0 + 1.0 / (1.0 + articles))
}

/// The specific weight, computed from the list of facts `(subject, predicate, object)` as
/// src/graph/hubs.rs words it: entering an entity costs `1 + ln(distinct entities it shares a
/// fact with)`; a `basedIn` fact into an entity of which at least `max(5, ⌈√entities⌉)`
/// distinct other entities are `basedIn` costs `ln(entities)` more, unless that entity is an
/// end of the path.
struct Specific {
    facts: Vec<(usize, usize, usize)>,
    /// By entity: the distinct others it shares a fact with.
    linked: Vec<HashSet<usize>>,
    /// By entity: the distinct others that are `basedIn` it.
    members: Vec<HashSet<usize>>,
    /// How many entities the projection holds.
    entities: usize,
}

impl Specific {
    fn new(n: usize, facts: &[(usize, usize, usize)], entities: usize) -> Self {
        let mut linked = vec![HashSet::new(); n];
        let mut members = vec![HashSet::new(); n];
        for &(s, p, o) in facts {
            if s != o {
                linked[s].insert(o);
                linked[o].insert(s);
                if p == MEMBERSHIP {
                    members[o].insert(s);
                }
            }
        }
        Self {
            facts: facts.to_vec(),
            linked,
            members,
            entities,
        }
    }

    /// Walking `step` on a path between `ends`, under the specific weight, without the
    /// tie-break.
    fn weight(&self, (fact, forward): Step, ends: (usize, usize)) -> f64 {
        let (s, p, o) = self.facts[fact];
        let to = if forward { o } else { s };
        let entering = 1.0 + (self.linked[to].len().max(1) as f64).ln();
        let large = 5usize.max((self.entities as f64).sqrt().ceil() as usize);
        if p == MEMBERSHIP && self.members[o].len() >= large && o != ends.0 && o != ends.1 {
            entering + (self.entities as f64).ln()
        } else {
            entering
        }
    }
}

/// The steps of a path found by the code, to compare with the brute force's (whose fact
/// indexes [`assert_edges_are_the_facts`] checks are the edges').
fn steps(path: &Path) -> Vec<Step> {
    path.hops.iter().map(|h| (h.edge, h.forward)).collect()
}

/// That edge `i` of the projection is fact `i`, `(subject, predicate, object)`, with entities
/// mapped by `ids`: what lets hop sequences be compared with the brute force's by edge.
fn assert_edges_are_the_facts(
    projection: &Projection,
    ids: &[usize],
    facts: impl ExactSizeIterator<Item = (usize, usize, usize)>,
) {
    assert_eq!(projection.edge_count(), facts.len());
    for (edge, (s, p, o)) in facts.enumerate() {
        assert_eq!(projection.endpoints(edge), (ids[s], ids[o]), "edge {edge}");
        assert_eq!(
            projection.relation(edge).predicate,
            PREDICATES[p],
            "edge {edge}"
        );
    }
}

/// The brute-force paths of at most `max` hops with their costs, cheapest first.
fn brute_force(
    ends: &[(usize, usize)],
    cost_of: impl Fn(Step) -> f64,
    (from, to, max, directed): (usize, usize, usize, bool),
) -> Vec<(f64, Vec<Step>)> {
    let mut paths: Vec<(f64, Vec<Step>)> = simple_paths(ends, from, to, max, directed)
        .into_iter()
        .map(|steps| (steps.iter().map(|step| cost_of(*step)).sum(), steps))
        .collect();
    paths.sort_by(|a, b| a.0.total_cmp(&b.0));
    paths
}

/// Costs are sums of a handful of terms computed the same way: they agree far closer than the
/// billionths that break ties.
const COST_TOLERANCE: f64 = 1e-12;

/// What the k-shortest properties check: `paths` are `min(k, all)` distinct loopless paths of
/// the brute force's, each at its brute-force cost, and their costs are the `k` smallest of
/// the brute force's, in order (equal costs may come in any order).
fn check_k_shortest(
    paths: &[Path],
    k: usize,
    expected: &[(f64, Vec<Step>)],
) -> Result<(), TestCaseError> {
    prop_assert_eq!(paths.len(), k.min(expected.len()));
    let distinct: HashSet<Vec<Step>> = paths.iter().map(steps).collect();
    prop_assert_eq!(distinct.len(), paths.len(), "a path comes twice");
    for (i, path) in paths.iter().enumerate() {
        let walked = steps(path);
        let Some((cost, _)) = expected.iter().find(|(_, s)| *s == walked) else {
            return Err(TestCaseError::fail(format!(
                "path {i} {walked:?} is no loopless path between the ends"
            )));
        };
        prop_assert!(
            (path.cost - cost).abs() <= COST_TOLERANCE,
            "path {} {:?} costs {}, brute force {}",
            i,
            walked,
            path.cost,
            cost
        );
        let cheapest = expected[i].0;
        prop_assert!(
            (path.cost - cheapest).abs() <= COST_TOLERANCE,
            "path {} costs {}, but the {}th cheapest costs {}: {:?}",
            i,
            path.cost,
            i + 1,
            cheapest,
            &expected[..paths.len()]
        );
    }
    Ok(())
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
    // The graphs are small and most draws give few paths between the two entities: many cases
    // are cheap and needed for Yen's and the enumeration's corners.
    #![proptest_config(ProptestConfig { cases: 2048, max_global_rejects: 100_000, ..ProptestConfig::default() })]

    #[test]
    fn shortest_paths_match_breadth_first_search((n, facts) in random_graph(), from in 0usize..10, to in 0usize..10) {
        let (from, to) = (from % n, to % n);
        let (projection, ids) = build(n, &facts);
        prop_assume!(ids[from] != usize::MAX && ids[to] != usize::MAX && from != to);
        let hops = PathQuery { weight: Weight::Hops, ..PathQuery::default() };
        let found = projection.shortest_path(ids[from], ids[to], &hops);
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
        let hops = PathQuery { weight: Weight::Hops, ..PathQuery::default() };
        let unfiltered = projection.shortest_path(ids[from], ids[to], &hops);
        let no_op = PathQuery { not_via: vec!["noSuchPredicate".into()], ..hops };
        let filtered = projection.shortest_path(ids[from], ids[to], &no_op);
        prop_assert_eq!(unfiltered.as_ref().map(|p| p.hops.len()), filtered.as_ref().map(|p| p.hops.len()));
        let costs = unfiltered.map(|p| p.cost).zip(filtered.map(|p| p.cost));
        prop_assert!(costs.is_none_or(|(u, f)| (u - f).abs() <= COST_TOLERANCE), "{:?}", costs);
    }

    /// Yen's algorithm against every loopless path, found by brute force.
    #[test]
    fn k_shortest_paths_are_the_k_cheapest_loopless_paths(
        (n, facts) in random_graph(),
        from in 0usize..10,
        to in 0usize..10,
        k in 1usize..6,
        directed in any::<bool>(),
        weight in prop_oneof![Just(Weight::Hops), Just(Weight::Specific)],
    ) {
        let (from, to) = (from % n, to % n);
        let (projection, ids) = build(n, &facts);
        prop_assume!(ids[from] != usize::MAX && ids[to] != usize::MAX && from != to);
        assert_edges_are_the_facts(&projection, &ids, facts.iter().copied());
        let query = PathQuery { directed, weight, ..PathQuery::default() };
        let paths = projection.k_shortest_paths(ids[from], ids[to], k, &query);
        for path in &paths {
            assert_real_path(&projection, path, ids[from], ids[to]);
        }
        let ends: Vec<_> = facts.iter().map(|&(s, _, o)| (s, o)).collect();
        // No fact has an article: counting hops, the cheapest paths are the shortest.
        let specific = Specific::new(n, &facts, projection.node_count());
        let cost_of = |step| fact_cost(weight, 0, 1.0, specific.weight(step, (from, to)));
        let expected = brute_force(&ends, cost_of, (from, to, n, directed));
        check_k_shortest(&paths, k, &expected)?;
    }

    /// The same on graphs whose facts have articles and confidences, under each weight: Yen's
    /// spur searches then run Dijkstra, and parallel facts, and equally long routes, differ in
    /// cost. Many facts make a `basedIn` container of five members or more, whose facts are
    /// weak under the specific weight.
    #[test]
    fn weighted_k_shortest_paths_are_the_k_cheapest_loopless_paths(
        n in 2usize..8,
        facts in prop::collection::vec(
            (0usize..8, 0..PREDICATES.len(), 0usize..8, 0u32..4, 0..CONFIDENCES.len()),
            0..16,
        ),
        from in 0usize..8,
        to in 0usize..8,
        k in 1usize..6,
        directed in any::<bool>(),
        weight in prop_oneof![Just(Weight::Hops), Just(Weight::Sources), Just(Weight::Confidence), Just(Weight::Specific)],
        members in 0usize..8,
    ) {
        let mut facts: Vec<_> = facts.into_iter().map(|(s, p, o, a, c)| (s % n, p, o % n, a, c)).collect();
        facts.extend((1..n).take(members).map(|member| (member, MEMBERSHIP, 0, 1, 0)));
        let (from, to) = (from % n, to % n);
        prop_assume!(from != to);
        let projection = build_weighted(n, &facts);
        let ids: Vec<usize> = (0..n).collect();
        assert_edges_are_the_facts(&projection, &ids, facts.iter().map(|&(s, p, o, _, _)| (s, p, o)));
        let query = PathQuery { directed, weight, ..PathQuery::default() };
        let paths = projection.k_shortest_paths(from, to, k, &query);
        for path in &paths {
            assert_real_path(&projection, path, from, to);
        }
        let ends: Vec<_> = facts.iter().map(|&(s, _, o, _, _)| (s, o)).collect();
        let plain: Vec<_> = facts.iter().map(|&(s, p, o, _, _)| (s, p, o)).collect();
        let specific = Specific::new(n, &plain, n);
        let cost_of = |(fact, forward): Step| {
            let (_, _, _, articles, confidence) = facts[fact];
            // Every article of a fact states it with the same confidence; none, none.
            let best = if articles == 0 { 1.0 } else { CONFIDENCES[confidence] };
            fact_cost(weight, articles, best, specific.weight((fact, forward), (from, to)))
        };
        let expected = brute_force(&ends, cost_of, (from, to, n, directed));
        check_k_shortest(&paths, k, &expected)?;
    }

    /// Exactly the loopless paths of at most `max` hops, as hop sequences (facts and
    /// directions), each at its brute-force cost, fewer hops first and cheaper first among
    /// equals; with a limit, as many of them, of the fewest hops.
    #[test]
    fn all_paths_are_exactly_the_loopless_paths_up_to_the_length(
        (n, facts) in random_graph(),
        from in 0usize..10,
        to in 0usize..10,
        max in 1usize..5,
        limit in 1usize..8,
        directed in any::<bool>(),
        weight in prop_oneof![Just(Weight::Hops), Just(Weight::Specific)],
    ) {
        let (from, to) = (from % n, to % n);
        let (projection, ids) = build(n, &facts);
        prop_assume!(ids[from] != usize::MAX && ids[to] != usize::MAX && from != to);
        assert_edges_are_the_facts(&projection, &ids, facts.iter().copied());
        let query = PathQuery { directed, weight, ..PathQuery::default() };
        let paths = projection.all_paths(ids[from], ids[to], max, usize::MAX, &query);
        let specific = Specific::new(n, &facts, projection.node_count());
        for path in &paths {
            assert_real_path(&projection, path, ids[from], ids[to]);
            let cost: f64 = steps(path).into_iter().map(|step| fact_cost(weight, 0, 1.0, specific.weight(step, (from, to)))).sum();
            prop_assert!((path.cost - cost).abs() <= COST_TOLERANCE, "{:?} costs {}, brute force {}", steps(path), path.cost, cost);
        }
        let ends: Vec<_> = facts.iter().map(|&(s, _, o)| (s, o)).collect();
        let expected = simple_paths(&ends, from, to, max, directed);
        let found: Vec<Vec<Step>> = paths.iter().map(steps).collect();
        let found_set: HashSet<&Vec<Step>> = found.iter().collect();
        prop_assert_eq!(found_set.len(), found.len(), "a path comes twice");
        let expected_set: HashSet<&Vec<Step>> = expected.iter().collect();
        let missing: Vec<_> = expected_set.difference(&found_set).collect();
        let extra: Vec<_> = found_set.difference(&expected_set).collect();
        prop_assert!(missing.is_empty() && extra.is_empty(), "missing {:?}, not paths {:?}", missing, extra);
        for pair in paths.windows(2) {
            prop_assert!(
                (pair[0].hops.len(), pair[0].cost) <= (pair[1].hops.len(), pair[1].cost),
                "out of order: {:?} then {:?}", steps(&pair[0]), steps(&pair[1])
            );
        }

        let limited = projection.all_paths(ids[from], ids[to], max, limit, &query);
        prop_assert_eq!(limited.len(), limit.min(expected.len()));
        let mut lengths: Vec<usize> = expected.iter().map(Vec::len).collect();
        lengths.sort_unstable();
        let limited_lengths: Vec<usize> = limited.iter().map(|p| p.hops.len()).collect();
        prop_assert_eq!(&limited_lengths[..], &lengths[..limited.len()]);
        for path in &limited {
            prop_assert!(expected_set.contains(&steps(path)), "{:?} is no path", steps(path));
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

/// Confidences a weighted fact's articles state it with; each is what the sheet wrote, so
/// the stored single-precision value reads back as written.
const CONFIDENCES: [f64; 5] = [1.0, 0.9, 0.5, 0.25, 0.1];

/// A projection of `n` entities whose facts `(subject, predicate, object, articles,
/// confidence)` carry that many articles, each with confidence `CONFIDENCES[confidence]`.
fn build_weighted(n: usize, facts: &[(usize, usize, usize, u32, usize)]) -> Projection {
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
    for &(s, p, o, articles, confidence) in facts {
        let supports = (0..articles).map(|article| super::Support {
            article,
            confidence: CONFIDENCES[confidence] as f32,
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
        let hops = PathQuery { weight: Weight::Hops, ..PathQuery::default() };
        let Some(path) = projection.shortest_path(from, to, &hops) else {
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

/// Counting hops, routes of equal length are told apart by the articles behind their hops, as
/// parallel facts are: from 2 to 5 over 2–0, 0–5 (no article) and 2–4, 4–5 (one article each),
/// the path goes through 4, with and without filters, and 2–0–5 comes second.
#[test]
fn counting_hops_equal_routes_go_by_their_articles() {
    let projection = build_supported(6, &[(2, 0, 0, 0), (0, 0, 5, 0), (2, 0, 4, 1), (4, 0, 5, 1)]);
    let hops = PathQuery {
        weight: Weight::Hops,
        ..PathQuery::default()
    };
    let filtered = PathQuery {
        not_via: vec!["noSuchPredicate".into()],
        ..hops.clone()
    };
    for query in [&hops, &filtered] {
        let path = projection.shortest_path(2, 5, query).unwrap();
        assert_eq!(path.nodes, [2, 4, 5], "{query:?}");
        let both = projection.k_shortest_paths(2, 5, 2, query);
        let nodes: Vec<&[usize]> = both.iter().map(|p| p.nodes.as_slice()).collect();
        assert_eq!(nodes, [&[2, 4, 5][..], &[2, 0, 5][..]], "{query:?}");
        assert!(both[0].cost < both[1].cost);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Searches one after another on one graph share the thread's marks: each must find the
    /// shortest path whatever the searches before it left in them, those that stopped at a
    /// meeting included.
    #[test]
    fn searches_one_after_another_on_one_graph_each_find_the_shortest((n, facts) in random_graph()) {
        let (projection, ids) = build(n, &facts);
        let hops = PathQuery { weight: Weight::Hops, ..PathQuery::default() };
        for round in 0..2 {
            for from in 0..n {
                for to in 0..n {
                    if ids[from] == usize::MAX || ids[to] == usize::MAX || from == to {
                        continue;
                    }
                    let found = projection.shortest_path(ids[from], ids[to], &hops);
                    prop_assert_eq!(
                        found.as_ref().map(|p| p.hops.len()),
                        bfs_distance(n, &facts, from, to),
                        "round {}, {} to {}", round, from, to
                    );
                    if let Some(path) = found {
                        assert_real_path(&projection, &path, ids[from], ids[to]);
                    }
                }
            }
        }
    }
}

/// Each fact of a graph as `subject predicate object [articles]`, by the entities' names and
/// the articles' ids, in order.
fn facts_by_name(projection: &Projection) -> Vec<String> {
    let mut facts: Vec<String> = (0..projection.edge_count())
        .map(|edge| {
            let (subject, object) = projection.endpoints(edge);
            let relation = projection.relation(edge);
            let mut articles: Vec<&str> = relation
                .supports
                .iter()
                .map(|support| projection.article(support.article).id)
                .collect();
            articles.sort_unstable();
            format!(
                "{} {} {} {articles:?}",
                projection.entity(subject).label,
                relation.predicate,
                projection.entity(object).label
            )
        })
        .collect();
    facts.sort_unstable();
    facts
}

/// The sheets of data/sheets ingested into a store in `dir`, and its graph.
fn stored_graph(dir: &std::path::Path, sheets: &[(String, Vec<u8>)]) -> Projection {
    let store = Store::open(dir).expect("store");
    let inputs = sheets
        .iter()
        .map(|(name, bytes)| Input::Memory {
            name: name.clone(),
            bytes: bytes.clone(),
        })
        .collect();
    ingest_sheets(&store, inputs);
    let ontology = crate::ontology::Ontology::embedded().expect("ontology");
    Projection::from_store(&store, ontology).expect("projection")
}

/// The graph the speed benchmark of the default query builds straight from fact sheets is the
/// graph an ingest of the same sheets gives, for paths: the same facts between the same
/// entities, stated by the same articles, and paths of the same cost between every two of
/// them. The store merges the mentions of one entity under different names ("President
/// Trump", "Donald Trump"); a graph from stated facts takes names as written, so the sheets
/// compared name each entity as the store does.
#[test]
fn the_graph_built_from_stated_facts_is_the_graph_the_store_gives() {
    let as_written: Vec<(String, Vec<u8>)> = sheet_versions()
        .into_iter()
        .map(|(name, [whole, _])| (name, whole))
        .collect();
    let resolving = tempfile::tempdir().expect("tempdir");
    let resolved = stored_graph(resolving.path(), &as_written);
    let mut renamed = 0;
    let mut sheets = Vec::new();
    let mut stated = Vec::new();
    for (name, bytes) in &as_written {
        let mut sheet: serde_json::Value = serde_json::from_slice(bytes).expect("json");
        let mut names = std::collections::HashMap::new();
        for entity in sheet["entities"].as_array_mut().expect("entities") {
            let written = entity["name"].as_str().expect("name");
            let node = resolved.lookup(written).expect("an entity of the store");
            let label = resolved.entity(node).label;
            renamed += usize::from(label != written);
            entity["name"] = label.into();
            names.insert(entity["id"].as_str().expect("id").to_owned(), label);
        }
        let article = sheet["article"]["id"].as_str().expect("article id");
        for fact in sheet["facts"].as_array().expect("facts") {
            let name = |field: &str| fact[field].as_str().and_then(|id| names.get(id).copied());
            // A fact whose object is a value (a date, an amount) joins no two entities.
            if let (Some(subject), Some(object)) = (name("subject"), name("object")) {
                let predicate = fact["predicate"].as_str().expect("predicate");
                stated.push([subject, predicate, object, article].map(str::to_owned));
            }
        }
        sheets.push((name.clone(), serde_json::to_vec(&sheet).expect("bytes")));
    }
    assert!(
        renamed > 0,
        "no sheet names an entity otherwise than the store"
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let stored = stored_graph(dir.path(), &sheets);
    let direct = Projection::from_stated_facts(stated);

    let facts = facts_by_name(&direct);
    assert!(facts.len() > 50, "{facts:?}");
    assert_eq!(facts, facts_by_name(&stored));
    // Entities no fact joins to another may be in the stored graph only; every other is in both.
    let in_store: std::collections::HashMap<&str, usize> = (0..stored.node_count())
        .map(|node| (stored.entity(node).label, node))
        .collect();
    assert_eq!(
        in_store.len(),
        stored.node_count(),
        "two entities of one name"
    );
    let stored_node = |node| in_store[direct.entity(node).label];
    let query = PathQuery::default();
    let mut paths = 0;
    for from in 0..direct.node_count() {
        for to in 0..direct.node_count() {
            let found = direct.shortest_path(from, to, &query);
            let in_store = stored.shortest_path(stored_node(from), stored_node(to), &query);
            assert_eq!(found.is_some(), in_store.is_some(), "{from} to {to}");
            if let (Some(found), Some(in_store)) = (found, in_store) {
                paths += 1;
                assert_eq!(found.hops.len(), in_store.hops.len(), "{from} to {to}");
                assert!((found.cost - in_store.cost).abs() < 1e-9, "{from} to {to}");
            }
        }
    }
    assert!(paths > direct.node_count(), "{paths} paths");
}

/// How many cases a property test of the path searches runs: `PROPTEST_CASES` if set (a
/// count written in the test's configuration would override it), else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default)
}

/// Up to 39 entities and 160 facts `(subject, predicate, object, articles)`, with hubs: an end
/// is one of the first three entities half the time, so that some entities link most others
/// and some containers are large. Few distinct article counts and degrees make many costs
/// exactly equal, which is what tie-breaking is tested on.
fn random_graph_with_hubs() -> impl Strategy<Value = (usize, Vec<(usize, usize, usize, u32)>)> {
    (4usize..40).prop_flat_map(|n| {
        let end = move || prop_oneof![0..3usize, 0..n];
        (
            Just(n),
            prop::collection::vec((end(), 0..PREDICATES.len(), end(), 0u32..3), 0..160),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(128), ..ProptestConfig::default() })]

    /// The default query's fast search finds exactly what the plain search it replaced finds,
    /// between every two entities: the same hops in the same directions, at the same cost to
    /// the bit. Searches run one after another on two graphs in turn, as a server's threads
    /// run them, so that each starts on buffers the one before left.
    #[test]
    fn the_fast_specific_search_finds_what_the_plain_one_finds(
        (n, facts) in random_graph_with_hubs(),
        (m, others) in random_graph_with_hubs(),
    ) {
        let graphs = [build_supported(n, &facts), build_supported(m, &others)];
        // The first with the hub table, which the default query asks first, the second without.
        graphs[0].prepare_hub_table();
        let query = PathQuery::default();
        for from in 0..n.max(m) {
            for to in 0..n.max(m) {
                for graph in &graphs {
                    if from.max(to) >= graph.node_count() {
                        continue;
                    }
                    let fast = graph.shortest_path(from, to, &query);
                    let plain = graph.reference_specific_path(from, to);
                    prop_assert_eq!(
                        fast.as_ref().map(|p| (p.cost.to_bits(), &p.hops, &p.nodes)),
                        plain.as_ref().map(|p| (p.cost.to_bits(), &p.hops, &p.nodes)),
                        "{} to {}", from, to
                    );
                }
            }
        }
    }
}

/// Like [`random_graph_with_hubs`], larger: 16 to 79 entities and up to 400 facts, so that the
/// hub table of [`super::hub_routes`] covers 2 to 9 hubs.
fn larger_random_graph_with_hubs() -> impl Strategy<Value = (usize, Vec<(usize, usize, usize, u32)>)>
{
    (16usize..80).prop_flat_map(|n| {
        let end = move || prop_oneof![0..4usize, 0..n];
        (
            Just(n),
            prop::collection::vec((end(), 0..PREDICATES.len(), end(), 0u32..3), 0..400),
        )
    })
}

/// What the hub table answers between `from` and `to`, checked against the plain search:
/// `Some(true)` if it answered (with the plain search's path), `Some(false)` if it left the
/// answer to the search without it, `None` if it answered otherwise.
fn hub_table_agrees(graph: &Projection, from: usize, to: usize) -> Option<bool> {
    let Some(answer) = graph.hub_route_walk(from, to) else {
        return Some(false);
    };
    let plain = graph.reference_specific_path(from, to);
    (Some(&answer) == plain.as_ref().map(|path| &path.hops)).then_some(true)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(128), ..ProptestConfig::default() })]

    /// Wherever the hub table answers the default query, it gives the plain search's path,
    /// ties included, and so does the default query, which asks the table first, and the
    /// search without the table, between every two entities.
    #[test]
    fn the_hub_table_answers_what_the_plain_search_finds(
        (n, facts) in larger_random_graph_with_hubs(),
    ) {
        let graph = build_supported(n, &facts);
        graph.prepare_hub_table();
        let query = PathQuery::default();
        for from in 0..n {
            for to in 0..n {
                let answered = hub_table_agrees(&graph, from, to);
                prop_assert_eq!(answered.is_some(), true, "{} to {}", from, to);
                let fast = graph.shortest_path(from, to, &query);
                let plain = graph.reference_specific_path(from, to);
                prop_assert_eq!(
                    fast.as_ref().map(|p| (p.cost.to_bits(), &p.hops, &p.nodes)),
                    plain.as_ref().map(|p| (p.cost.to_bits(), &p.hops, &p.nodes)),
                    "{} to {}", from, to
                );
                if from != to {
                    let without = graph.specific_path_without_hub_table(from, to);
                    prop_assert_eq!(
                        without.as_ref().map(|p| (p.cost.to_bits(), &p.hops)),
                        plain.as_ref().map(|p| (p.cost.to_bits(), &p.hops)),
                        "{} to {} without the table", from, to
                    );
                }
            }
        }
    }

    /// The table's cost from each hub to each entity is that of the plain search's path
    /// between them, where neither is a large container (membership facts into an end of a
    /// path are not weak, and the table has them weak).
    #[test]
    fn the_hub_table_holds_the_cheapest_walks_from_the_hubs(
        (n, facts) in larger_random_graph_with_hubs(),
    ) {
        let graph = build_supported(n, &facts);
        graph.prepare_hub_table();
        let table = graph.hub_routes().unwrap();
        let adjacency = graph.undirected_adjacency_index();
        let large = super::hubs::Hubs::large_container(n);
        let hubs: Vec<usize> = (0..n)
            .filter(|&node| (adjacency.rank_of[node] as usize) < table.count())
            .collect();
        prop_assert_eq!(hubs.len(), n / 8);
        for &hub in &hubs {
            for node in 0..n {
                if hub == node || graph.hubs().members(hub) >= large || graph.hubs().members(node) >= large {
                    continue;
                }
                let plain = graph.reference_specific_path(hub, node).map(|path| path.cost);
                let held = table.cost(adjacency.rank_of[hub] as usize, node);
                match plain {
                    Some(cost) => prop_assert!((cost - held).abs() <= 1e-12 * cost, "{} to {}: {} held, {} found", hub, node, held, cost),
                    None => prop_assert_eq!(held, f64::INFINITY),
                }
            }
        }
    }
}

/// A seeded stream of numbers below a bound (xorshift): fixed graphs without a property
/// test's shrinking.
fn xorshift(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    }
}

/// A graph of 24 to 79 entities where the first four take a third of every end: hubs, as
/// news graphs have them. Its facts, each stated by fewer than `support` articles (some by
/// none).
fn hub_graph_facts(
    below: &mut impl FnMut(usize) -> usize,
    support: usize,
) -> (usize, Vec<(usize, usize, usize, u32)>) {
    let n = 24 + below(56);
    let mut facts = Vec::new();
    for _ in 0..(2 * n + below(3 * n)) {
        let subject = if below(3) == 0 { below(4) } else { below(n) };
        let object = if below(3) == 0 { below(4) } else { below(n) };
        facts.push((
            subject,
            below(PREDICATES.len()),
            object,
            below(support) as u32,
        ));
    }
    (n, facts)
}

/// The table answers most queries on graphs with hubs, and leaves some (ties, large
/// containers at an end) to the search without it: both ways are taken, and every answer it
/// gives is the plain search's.
#[test]
fn the_hub_table_answers_most_queries_and_leaves_ties_to_the_search() {
    let mut below = xorshift(0x2545_f491_4f6c_dd1d);
    let (mut answered, mut left, mut joined) = (0, 0, 0);
    for _ in 0..40 {
        let (n, facts) = hub_graph_facts(&mut below, 4);
        let graph = build_supported(n, &facts);
        graph.prepare_hub_table();
        for from in 0..n {
            for to in 0..n {
                if from == to || graph.reference_specific_path(from, to).is_none() {
                    continue;
                }
                joined += 1;
                match hub_table_agrees(&graph, from, to) {
                    Some(true) => answered += 1,
                    Some(false) => left += 1,
                    None => panic!("{from} to {to}: the table's answer is not the plain search's"),
                }
            }
        }
    }
    assert!(answered * 2 > joined, "{answered} of {joined} answered");
    assert!(left > 0, "none of {joined} left to the search");
}

/// What the brute-force oracles below price the hop along `fact` from `near` to `far` with,
/// on a path from `from` to `to`: the cost every search has, a membership fact into a large
/// container that is an end of the path not weak.
fn hop_cost(graph: &Projection, from: usize, to: usize) -> impl Fn(u32, u32, u32) -> f64 + '_ {
    let adjacency = graph.undirected_adjacency_index();
    let hubs = graph.hubs();
    move |fact, near, far| {
        let hop = adjacency.hop(fact, near, far);
        let weak = hubs
            .weak_container(graph, hop.edge)
            .is_some_and(|container| container != from && container != to);
        super::specific::specific_step(graph, adjacency, hubs, fact, far as usize, weak)
    }
}

/// Every path of least cost from `from` to `to` under the default query, by brute force: the
/// cost of the cheapest walk from each entity to `to` (Bellman–Ford, every fact either way, at
/// the hop costs every search has, exact), then every walk from `from` whose every step keeps
/// it at that least cost. Each path as its entities and, by hop, the place of its fact in the
/// row of the entity it leaves; `None` if no path joins them.
fn every_cheapest_path(
    graph: &Projection,
    from: usize,
    to: usize,
) -> Option<Vec<(Vec<usize>, Vec<usize>)>> {
    let adjacency = graph.undirected_adjacency_index();
    let n = graph.node_count();
    let cost = hop_cost(graph, from, to);
    let mut rest = vec![f64::INFINITY; n];
    rest[to] = 0.0;
    let mut changed = true;
    while changed {
        changed = false;
        for node in 0..n {
            for link in adjacency.links(node as u32) {
                let through = cost(link.fact, node as u32, link.other) + rest[link.other as usize];
                if through < rest[node] {
                    rest[node] = through;
                    changed = true;
                }
            }
        }
    }
    let least = rest[from];
    if least == f64::INFINITY {
        return None;
    }
    let mut found = Vec::new();
    // (entities so far, fact places so far, cost so far)
    let mut open = vec![(vec![from], Vec::new(), 0.0)];
    while let Some((nodes, places, walked)) = open.pop() {
        let node = *nodes.last().unwrap();
        if node == to {
            found.push((nodes, places));
            continue;
        }
        for (place, link) in adjacency.links(node as u32).iter().enumerate() {
            let reach = walked + cost(link.fact, node as u32, link.other);
            if reach + rest[link.other as usize] == least {
                assert!(
                    !nodes.contains(&(link.other as usize)),
                    "a walk of least cost repeats an entity"
                );
                let mut nodes = nodes.clone();
                nodes.push(link.other as usize);
                let mut places = places.clone();
                places.push(place);
                open.push((nodes, places, reach));
            }
        }
    }
    found.sort();
    Some(found)
}

/// The path the tie rule of `src/graph/ties.rs` chooses, from [`every_cheapest_path`]: the
/// lexicographically smallest sequence of entities, each hop on the first fact of its row
/// among those of least cost. Also how many paths cost as little.
fn path_of_the_rule(
    graph: &Projection,
    from: usize,
    to: usize,
) -> Option<(Vec<usize>, Vec<u32>, usize)> {
    let every = every_cheapest_path(graph, from, to)?;
    let adjacency = graph.undirected_adjacency_index();
    let (nodes, places) = every[0].clone();
    let facts = nodes
        .windows(2)
        .zip(&places)
        .map(|(pair, &place)| adjacency.links(pair[0] as u32)[place].fact)
        .collect();
    Some((nodes, facts, every.len()))
}

/// Checks the default query (and, where the graph has the table, the search without it) and
/// the plain search against [`path_of_the_rule`] between every two entities of `graph`, and
/// returns how many pairs had more than one path of least cost.
fn check_the_tie_rule(graph: &Projection) -> Result<usize, TestCaseError> {
    let query = PathQuery::default();
    let mut tied = 0;
    for from in 0..graph.node_count() {
        for to in 0..graph.node_count() {
            if from == to {
                continue;
            }
            let rule = path_of_the_rule(graph, from, to);
            let plain = graph.reference_specific_path(from, to);
            let fast = graph.shortest_path(from, to, &query);
            let without = graph.specific_path_without_hub_table(from, to);
            let seen = |path: &Option<Path>| {
                path.as_ref().map(|p| {
                    let facts: Vec<u32> = p.hops.iter().map(|hop| hop.edge as u32).collect();
                    (p.nodes.clone(), facts)
                })
            };
            let expected = rule
                .as_ref()
                .map(|(nodes, facts, _)| (nodes.clone(), facts.clone()));
            prop_assert_eq!(
                &seen(&plain),
                &expected,
                "{} to {}: the plain search",
                from,
                to
            );
            prop_assert_eq!(
                &seen(&fast),
                &expected,
                "{} to {}: the default query",
                from,
                to
            );
            prop_assert_eq!(
                &seen(&without),
                &expected,
                "{} to {}: without the table",
                from,
                to
            );
            prop_assert_eq!(
                fast.as_ref().map(|p| p.cost.to_bits()),
                plain.as_ref().map(|p| p.cost.to_bits()),
                "{} to {}: cost",
                from,
                to
            );
            if rule.is_some_and(|(.., count)| count > 1) {
                tied += 1;
            }
        }
    }
    Ok(tied)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(128), ..ProptestConfig::default() })]

    /// Between paths of equal cost, the default query, the search without the hub table and
    /// the plain search all choose the path of the tie rule (`src/graph/ties.rs`), found here
    /// by enumerating every path of least cost; on graphs with and without the table.
    #[test]
    fn every_search_keeps_the_tie_rule(
        (n, facts) in larger_random_graph_with_hubs(),
        table in any::<bool>(),
    ) {
        let graph = build_supported(n, &facts);
        if table {
            graph.prepare_hub_table();
        }
        check_the_tie_rule(&graph)?;
    }
}

/// The first case found where the search without the hub table and the plain search chose
/// different paths of the same cost (from 71 to 57, 71–46–0–3–57 against 71–46–0–1–57, before
/// proptest shrank the graph; `the_hub_table_answers_what_the_plain_search_finds`).
#[test]
fn a_tie_the_search_without_the_table_once_broke_otherwise() {
    let facts = [
        (4, 0, 3, 0),
        (6, 0, 0, 0),
        (0, 0, 7, 0),
        (0, 0, 15, 0),
        (35, 0, 3, 1),
        (38, 0, 0, 1),
        (0, 0, 8, 0),
        (17, 0, 3, 0),
        (6, 0, 3, 0),
        (4, 0, 0, 0),
        (0, 0, 9, 0),
        (3, 0, 7, 0),
        (3, 0, 8, 0),
        (18, 0, 5, 1),
        (3, 0, 9, 0),
        (10, 0, 0, 0),
        (1, 0, 3, 0),
        (0, 0, 11, 0),
        (38, 0, 1, 0),
        (35, 0, 0, 2),
        (10, 0, 3, 0),
        (3, 0, 2, 0),
        (3, 0, 19, 0),
        (3, 0, 0, 0),
        (12, 0, 0, 0),
        (0, 0, 1, 0),
        (3, 0, 38, 2),
        (3, 0, 11, 0),
        (38, 0, 5, 2),
        (2, 0, 0, 0),
    ];
    for table in [false, true] {
        let graph = build_supported(47, &facts);
        if table {
            graph.prepare_hub_table();
        }
        let tied = check_the_tie_rule(&graph).unwrap_or_else(|e| panic!("{e}"));
        assert!(tied > 0, "no pair with two paths of least cost");
    }
}

/// The second (`the_fast_specific_search_finds_what_the_plain_one_finds` run with 3,000
/// cases: from 8 to 10, 8–3–2–0–10 against 8–3–2–1–10 on the first graph, which has the hub
/// table), with that test's searches: every pair, on the two graphs in turn.
#[test]
fn a_tie_the_fast_search_once_broke_otherwise() {
    let facts = [
        (5, 0, 1, 0),
        (0, 0, 11, 0),
        (12, 0, 0, 0),
        (0, 0, 13, 0),
        (1, 0, 2, 2),
        (0, 0, 4, 0),
        (13, 0, 1, 0),
        (10, 0, 1, 1),
        (1, 0, 19, 0),
        (1, 0, 4, 0),
        (0, 0, 7, 0),
        (10, 0, 0, 2),
        (19, 0, 0, 0),
        (1, 0, 11, 0),
        (3, 0, 8, 1),
        (7, 0, 1, 0),
        (3, 0, 2, 1),
        (9, 0, 0, 0),
        (0, 0, 16, 0),
        (11, 0, 2, 0),
        (14, 0, 0, 0),
        (9, 0, 1, 0),
        (17, 0, 0, 0),
        (2, 0, 0, 1),
        (1, 0, 17, 0),
        (3, 0, 2, 2),
        (0, 0, 6, 0),
        (0, 0, 5, 0),
        (0, 0, 4, 0),
        (1, 0, 12, 0),
        (0, 0, 4, 0),
        (1, 0, 6, 0),
        (15, 0, 1, 0),
        (1, 0, 14, 0),
    ];
    let others = [
        (17, 1, 0, 1),
        (1, 1, 2, 0),
        (0, 3, 0, 0),
        (12, 2, 6, 0),
        (0, 1, 2, 1),
        (17, 1, 2, 2),
        (13, 3, 2, 0),
        (11, 1, 1, 2),
        (13, 0, 2, 2),
        (17, 3, 3, 0),
        (22, 0, 1, 0),
        (21, 3, 4, 1),
        (1, 3, 1, 0),
        (1, 3, 0, 1),
        (0, 2, 1, 2),
        (2, 1, 1, 0),
        (2, 3, 2, 2),
        (1, 0, 0, 1),
        (1, 3, 17, 1),
        (15, 3, 19, 2),
        (15, 3, 1, 2),
        (9, 0, 1, 0),
        (2, 0, 16, 2),
        (4, 3, 19, 0),
        (19, 2, 2, 1),
        (0, 3, 13, 2),
        (1, 3, 15, 1),
        (0, 0, 3, 0),
        (3, 3, 2, 1),
        (2, 3, 2, 2),
        (7, 1, 0, 1),
        (2, 1, 21, 2),
        (0, 3, 1, 1),
        (1, 2, 19, 0),
        (5, 3, 1, 2),
        (2, 2, 1, 2),
        (23, 1, 0, 0),
        (1, 2, 9, 2),
        (0, 0, 1, 1),
        (0, 2, 23, 2),
        (0, 0, 12, 1),
        (20, 0, 5, 0),
        (13, 0, 2, 2),
        (16, 3, 14, 2),
        (18, 0, 12, 2),
        (19, 3, 1, 0),
        (0, 3, 0, 2),
        (11, 1, 21, 1),
        (6, 1, 2, 0),
        (0, 1, 0, 0),
        (4, 1, 4, 0),
        (18, 3, 13, 1),
        (1, 2, 0, 1),
        (0, 2, 12, 0),
        (12, 3, 0, 1),
        (13, 1, 10, 1),
        (1, 3, 6, 0),
        (0, 3, 23, 0),
        (1, 2, 4, 2),
        (16, 3, 1, 2),
        (2, 1, 2, 2),
        (5, 2, 5, 1),
        (19, 2, 14, 0),
        (2, 0, 2, 2),
        (1, 1, 0, 0),
        (19, 3, 3, 0),
        (3, 0, 22, 0),
        (0, 0, 1, 1),
        (16, 3, 2, 2),
        (0, 0, 8, 1),
        (2, 3, 2, 0),
        (2, 0, 17, 2),
        (7, 1, 1, 1),
        (2, 2, 1, 1),
        (7, 2, 0, 2),
        (2, 3, 2, 1),
        (19, 1, 19, 2),
        (1, 3, 7, 2),
        (8, 1, 1, 2),
        (17, 1, 10, 0),
        (23, 2, 2, 2),
        (2, 3, 4, 0),
        (0, 2, 22, 2),
        (10, 2, 16, 1),
        (11, 3, 0, 1),
        (13, 1, 0, 1),
        (1, 3, 2, 0),
        (18, 3, 12, 2),
        (0, 3, 2, 2),
        (8, 1, 1, 1),
        (16, 1, 1, 0),
        (0, 1, 9, 1),
        (1, 1, 13, 0),
        (13, 3, 21, 1),
        (1, 0, 4, 1),
        (0, 3, 5, 1),
        (2, 0, 3, 1),
        (0, 3, 7, 2),
        (13, 0, 2, 2),
        (1, 1, 20, 2),
        (2, 1, 2, 0),
        (1, 2, 9, 1),
        (1, 2, 12, 0),
        (21, 0, 2, 0),
        (2, 1, 13, 0),
        (2, 3, 1, 1),
        (1, 2, 0, 0),
        (15, 1, 7, 0),
        (0, 1, 2, 0),
        (0, 1, 2, 2),
        (1, 2, 10, 1),
        (22, 1, 0, 0),
        (2, 0, 0, 2),
        (7, 1, 2, 1),
        (2, 2, 22, 1),
        (1, 3, 7, 2),
        (19, 2, 2, 0),
    ];
    let graphs = [build_supported(27, &facts), build_supported(24, &others)];
    graphs[0].prepare_hub_table();
    let query = PathQuery::default();
    // As the property test ran them: the two graphs in turn, on the same buffers.
    for from in 0..27 {
        for to in 0..27 {
            for graph in &graphs {
                if from.max(to) >= graph.node_count() {
                    continue;
                }
                let fast = graph.shortest_path(from, to, &query);
                let plain = graph.reference_specific_path(from, to);
                assert_eq!(
                    fast.as_ref().map(|p| (p.cost.to_bits(), &p.hops, &p.nodes)),
                    plain
                        .as_ref()
                        .map(|p| (p.cost.to_bits(), &p.hops, &p.nodes)),
                    "{from} to {to}"
                );
            }
        }
    }
    let ties: usize = graphs
        .iter()
        .map(|graph| check_the_tie_rule(graph).unwrap_or_else(|e| panic!("{e}")))
        .sum();
    assert!(ties > 0, "no pair with two paths of least cost");
    // The pair of the report: two paths of least cost, and the rule's is the lower one.
    let (nodes, _, count) = path_of_the_rule(&graphs[0], 8, 10).expect("a path");
    assert!(count >= 2, "{count} paths of least cost from 8 to 10");
    assert_eq!(nodes, [8, 3, 2, 0, 10]);
}

/// Up to 12 entities and 24 facts `(subject, predicate, object, articles)`, small enough to
/// enumerate every loopless path between two of them: an end is entity 0 or 1 half the time,
/// and a fact has 0 or 1 article, so that many entities have the same number of linked
/// entities and many paths cost exactly the same. From 8 entities on, the hub table has a hub.
fn small_graph_with_ties() -> impl Strategy<Value = (usize, Vec<(usize, usize, usize, u32)>)> {
    (5usize..13).prop_flat_map(|n| {
        let end = move || prop_oneof![0..2usize, 0..n];
        (
            Just(n),
            prop::collection::vec((end(), 0..PREDICATES.len(), end(), 0u32..2), 0..24),
        )
    })
}

/// A loopless path found by brute force: its cost, its entities, and by hop the place of its
/// fact in the row of the entity it leaves, and the fact.
type Enumerated = (f64, Vec<usize>, Vec<usize>, Vec<u32>);

/// Every loopless path from `from` to `to` under the default query, by brute force over the
/// rows of the adjacency index (each fact either way, never onto an entity the path holds),
/// each at the hop costs every search has (exact: see `src/graph/ties.rs`), sorted by cost,
/// then entities, then the places of the facts in the rows: the order `path -k` documents.
fn every_loopless_path(graph: &Projection, from: usize, to: usize) -> Vec<Enumerated> {
    let adjacency = graph.undirected_adjacency_index();
    let cost = hop_cost(graph, from, to);
    let mut found = Vec::new();
    let mut open: Vec<Enumerated> = vec![(0.0, vec![from], Vec::new(), Vec::new())];
    while let Some((walked, nodes, places, facts)) = open.pop() {
        let node = *nodes.last().unwrap();
        if node == to {
            found.push((walked, nodes, places, facts));
            continue;
        }
        for (place, link) in adjacency.links(node as u32).iter().enumerate() {
            if nodes.contains(&(link.other as usize)) {
                continue;
            }
            let mut next = (walked, nodes.clone(), places.clone(), facts.clone());
            next.0 += cost(link.fact, node as u32, link.other);
            next.1.push(link.other as usize);
            next.2.push(place);
            next.3.push(link.fact);
            open.push(next);
        }
    }
    found.sort_by(|a, b| {
        a.0.total_cmp(&b.0)
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| a.2.cmp(&b.2))
    });
    found
}

/// That `paths`, the answer of `path -k` between `from` and `to`, are the first of `expected`
/// ([`every_loopless_path`]), in order: the same entities, the same facts walked the same
/// way, the same cost to the bit; and that each costs what the specific weight as
/// src/graph/hubs.rs words it gives ([`Specific`]). Returns how many of them cost the same
/// as the one before.
fn check_the_first_k(
    graph: &Projection,
    facts: &[(usize, usize, usize, u32)],
    (from, to, k): (usize, usize, usize),
    paths: &[Path],
    expected: &[Enumerated],
) -> Result<usize, TestCaseError> {
    prop_assert_eq!(
        paths.len(),
        k.min(expected.len()),
        "{} to {}, k {}",
        from,
        to,
        k
    );
    let plain: Vec<_> = facts.iter().map(|&(s, p, o, _)| (s, p, o)).collect();
    let specific = Specific::new(graph.node_count(), &plain, graph.node_count());
    let mut ties = 0;
    for (i, (path, (cost, nodes, _, facts_walked))) in paths.iter().zip(expected).enumerate() {
        assert_real_path(graph, path, from, to);
        let walked: Vec<u32> = path.hops.iter().map(|hop| hop.edge as u32).collect();
        prop_assert_eq!(
            (&path.nodes, &walked, path.cost.to_bits()),
            (nodes, facts_walked, cost.to_bits()),
            "{} to {}: path {} of {} (costs {} and {}); the first {}: {:?}",
            from,
            to,
            i,
            k,
            path.cost,
            cost,
            k,
            &expected[..k.min(expected.len())]
        );
        let independent: f64 = steps(path)
            .into_iter()
            .map(|(fact, forward)| {
                let articles = facts[fact].3;
                fact_cost(
                    Weight::Specific,
                    articles,
                    1.0,
                    specific.weight((fact, forward), (from, to)),
                )
            })
            .sum();
        prop_assert!(
            (path.cost - independent).abs() <= COST_TOLERANCE,
            "{} to {}: path {} costs {}, the weight as worded {}",
            from,
            to,
            i,
            path.cost,
            independent
        );
        if i > 0 && paths[i - 1].cost == path.cost {
            ties += 1;
        }
    }
    Ok(ties)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(512), ..ProptestConfig::default() })]

    /// `path -k` under the default query returns exactly the first k of every loopless path
    /// between the two entities, enumerated by brute force, in the order it documents (cost,
    /// then entities, then the facts' places in the rows), with the hub table (from 8
    /// entities on) or without it: between paths of equal cost too, whatever order its
    /// searches go in.
    #[test]
    fn k_paths_are_the_first_k_of_every_loopless_path_in_order(
        (n, facts) in small_graph_with_ties(),
        from in 0usize..13,
        to in 0usize..13,
        k in 1usize..10,
        table in any::<bool>(),
    ) {
        // Two different entities, drawn without rejecting any case.
        let from = from % n;
        let to = (from + 1 + to % (n - 1)) % n;
        let graph = build_supported(n, &facts);
        let ids: Vec<usize> = (0..n).collect();
        assert_edges_are_the_facts(&graph, &ids, facts.iter().map(|&(s, p, o, _)| (s, p, o)));
        if table {
            graph.prepare_hub_table();
        }
        let expected = every_loopless_path(&graph, from, to);
        let paths = graph.k_shortest_paths(from, to, k, &PathQuery::default());
        check_the_first_k(&graph, &facts, (from, to, k), &paths, &expected)?;
    }

    /// A spur search of Yen's algorithm, told entities and facts it may not walk, answers the
    /// tie rule's path of the graph without them, as the plain procedure of
    /// `src/graph/ties.rs` finds it there, with the hub table or without it.
    #[test]
    fn spur_searches_keep_the_tie_rule(
        (n, facts) in larger_random_graph_with_hubs(),
        table in any::<bool>(),
        banned in prop::collection::vec((0usize..80, 0usize..400), 0..4),
        pairs in prop::collection::vec((0usize..80, 0usize..80, 0usize..80), 1..12),
    ) {
        let graph = build_supported(n, &facts);
        if table {
            graph.prepare_hub_table();
        }
        let edges = graph.edge_count().max(1);
        for (from, to, end) in pairs {
            let (from, to, end) = (from % n, to % n, end % n);
            if from == to {
                continue;
            }
            // Entities other than the search's two ends, and any facts.
            let nodes = banned.iter().map(|&(node, _)| node % n).filter(|&node| node != from && node != to);
            let bans = super::paths::Bans::of(banned.iter().map(|&(_, edge)| edge % edges), nodes);
            // The whole path's start: the spur's own, or an entity banned or elsewhere.
            for path_ends in [(from, to), (end, to)] {
                let spur = graph.specific_spur_walk((from, to), path_ends, &bans);
                let plain = graph.canonical_specific_walk((from, to), path_ends, Some(&bans));
                prop_assert_eq!(&spur, &plain, "{} to {} of {:?}", from, to, path_ends);
                if let Some(hops) = spur {
                    prop_assert!(hops.iter().all(|hop| !bans.bar(hop.edge, hop.to)), "{} to {}: a banned step", from, to);
                }
            }
        }
    }
}

/// On graphs with hubs, the hub table answers some of the spur searches of `path -k` and
/// leaves others to the search without it, and `path -k` gives the same paths with the table
/// and without it, in the same order, pair by pair.
#[test]
fn the_hub_table_answers_spur_searches_and_changes_no_k_paths() {
    let mut below = xorshift(0x9e37_79b9_7f4a_7c15);
    let query = PathQuery::default();
    let (mut answered, mut tied, mut asked) = (0, 0, 0);
    for _ in 0..12 {
        let (n, facts) = hub_graph_facts(&mut below, 3);
        let with_table = build_supported(n, &facts);
        with_table.prepare_hub_table();
        let without = build_supported(n, &facts);
        for _ in 0..40 {
            let (from, to) = (below(n), below(n));
            if from == to {
                continue;
            }
            let before = super::specific::SPURS_THE_TABLE_ANSWERED.with(std::cell::Cell::get);
            let paths = with_table.k_shortest_paths(from, to, 6, &query);
            answered +=
                super::specific::SPURS_THE_TABLE_ANSWERED.with(std::cell::Cell::get) - before;
            asked += paths.len().saturating_sub(1);
            let plain = without.k_shortest_paths(from, to, 6, &query);
            assert_eq!(paths, plain, "{from} to {to}");
            tied += paths
                .windows(2)
                .filter(|pair| pair[0].cost == pair[1].cost)
                .count();
        }
    }
    assert!(answered > 0, "no spur search answered by the table");
    assert!(tied > 0, "no two paths of equal cost");
    assert!(asked > 0, "no second path");
}
