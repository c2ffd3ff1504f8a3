//! The cheapest walks from the most linked entities to every other, worked out once per graph:
//! what lets the default path query ([`super::Weight::Specific`]) answer without reading the
//! rows of the hubs.
//!
//! A search of the default weight spends most of its time in the rows of hubs: an entity that
//! links ten thousand others is dear to enter, but once a search has settled it, every cheap
//! entity it links is a step to weigh. Most answers pass near such hubs, and many through one.
//! So for the [`MOST_HUBS`] entities with the longest rows (fewer in a small graph) the table
//! keeps the cost of the cheapest walk from each to every entity (Dijkstra over every fact
//! either way, at the hop costs of [`super::specific`]). A walk from an entity to a hub costs
//! what the walk back costs, less what entering the entity costs, plus what entering the hub
//! costs (a hop's cost is what entering its entity costs, and its fact's part is the same either
//! way), so the cheapest path through any of the hubs is a minimum over the hubs of two reads of
//! the table each. What the table does not cover, paths that avoid every hub, a search from
//! both ends that never enters a hub finds, bounded from the start by that minimum.
//!
//! Answers are those of the search without the table, ties included: the table answers only
//! when no other path comes within [`CLOSE`] of the cheapest, which is far above what rounding
//! a sum can move a cost and far below what sets two paths' costs apart otherwise. Where
//! another path comes that close, the search without the table gives the answer. To tell, the
//! table also keeps, by hub and entity, whether a second walk from the hub comes within
//! [`CLOSE`] of the cheapest (a bit each).

use std::collections::BinaryHeap;
use std::sync::Mutex;

use super::adjacency::Adjacency;
use super::paths::Frontier;
use super::specific::StepCosts;
use super::{Hop, NodeId, Projection};

/// The table covers at most this many hubs: at ten million facts (474,284 entities) 243 MB of
/// costs and 3.8 MB of bits.
const MOST_HUBS: usize = 64;

/// A graph of fewer entities than this many times the hubs has fewer hubs.
const ENTITIES_PER_HUB: usize = 8;

/// Paths whose costs differ by no more than this are taken as equally cheap. A difference in
/// the tie-breaks of two paths' hops (a billionth a hop, less the more articles state it) is at
/// least this much for facts stated by up to 90 articles; a cost summed over up to a hundred
/// hops is off by far less from rounding.
pub(super) const CLOSE: f64 = 1e-10;

/// Above this cost, rounding could move a sum by more than [`CLOSE`] allows for: the search
/// without the table answers.
pub(super) const LARGEST_COST: f64 = 100.0;

/// The table of one graph (see the module's documentation).
#[derive(Debug, Default)]
pub(crate) struct HubRoutes {
    /// The hubs, most linked first: the entities of the first rows in the adjacency index's
    /// order.
    hubs: Vec<u32>,
    /// By hub: what entering it costs.
    entering: Vec<f64>,
    /// By entity, then by hub: the cost of the cheapest walk from the hub to the entity
    /// (infinite where none reaches it).
    costs: Vec<f64>,
    /// By entity, then by hub, a bit: whether another walk from the hub to the entity costs no
    /// more than [`CLOSE`] above the cheapest (parallel facts of the same cost aside).
    close_calls: Vec<u64>,
}

impl HubRoutes {
    /// How many hubs a graph of `entities` entities has.
    fn hub_count(entities: usize) -> usize {
        (entities / ENTITIES_PER_HUB).min(MOST_HUBS)
    }

    /// Works the table out, on as many threads as the machine has cores but one (at least
    /// one), up to one a hub: the core left over serves queries meanwhile.
    pub(crate) fn of(projection: &Projection, steps: &StepCosts) -> Self {
        let adjacency = projection.undirected_adjacency_index();
        let nodes = projection.node_count();
        let count = Self::hub_count(nodes);
        if count == 0 {
            return Self::default();
        }
        let mut hubs = vec![0u32; count];
        for (node, &rank) in adjacency.rank_of.iter().enumerate() {
            if (rank as usize) < count {
                hubs[rank as usize] = node as u32;
            }
        }
        let entering = hubs
            .iter()
            .map(|&hub| projection.hubs().entering(hub as NodeId))
            .collect();
        let table = Mutex::new((
            super::pages::filled(nodes * count, f64::INFINITY),
            vec![0u64; (nodes * count).div_ceil(64)],
        ));
        let threads = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .saturating_sub(1)
            .clamp(1, count);
        std::thread::scope(|scope| {
            for first in 0..threads {
                let (hubs, table) = (&hubs, &table);
                scope.spawn(move || {
                    let mut tree = Tree::new(nodes);
                    for which in (first..count).step_by(threads) {
                        tree.grow(adjacency, steps, hubs[which] as usize);
                        let mut table = table.lock().unwrap_or_else(|e| e.into_inner());
                        let (costs, close_calls) = &mut *table;
                        for node in 0..nodes {
                            let at = node * count + which;
                            costs[at] = tree.cost[node];
                            if tree.close[node] {
                                close_calls[at / 64] |= 1 << (at % 64);
                            }
                        }
                    }
                });
            }
        });
        let (costs, close_calls) = table.into_inner().unwrap_or_else(|e| e.into_inner());
        Self {
            hubs,
            entering,
            costs,
            close_calls,
        }
    }

    /// How many hubs the table covers: the entities ranked below this in the adjacency index.
    pub(super) fn count(&self) -> usize {
        self.hubs.len()
    }

    /// By hub (by rank), the cost of the cheapest walk from `from` to `to` through it,
    /// `entering_from` being what entering `from` costs (infinite where the hub reaches
    /// neither end).
    pub(super) fn totals(&self, from: NodeId, to: NodeId, entering_from: f64) -> Vec<f64> {
        let count = self.count();
        let there = &self.costs[from * count..(from + 1) * count];
        let back = &self.costs[to * count..(to + 1) * count];
        (0..count)
            .map(|hub| there[hub] + self.entering[hub] + back[hub] - entering_from)
            .collect()
    }

    /// The cost of the cheapest walk from hub `hub` (by rank) to `node`.
    #[cfg(test)]
    pub(super) fn cost(&self, hub: usize, node: NodeId) -> f64 {
        self.costs[node * self.count() + hub]
    }

    /// Whether another walk from hub `hub` (by rank) to `node` comes within [`CLOSE`] of the
    /// cheapest.
    pub(super) fn close_call(&self, hub: usize, node: NodeId) -> bool {
        let at = node * self.count() + hub;
        self.close_calls[at / 64] & (1 << (at % 64)) != 0
    }

    /// The cheapest walk from `from` through hub `hub` (by rank) to `to`, or `None` if it
    /// passes an entity twice. Each hop is on the cheapest of the facts between its two
    /// entities, the first of them in the adjacency index's rows if several cost the same.
    pub(super) fn path_through(
        &self,
        projection: &Projection,
        steps: &StepCosts,
        hub: usize,
        (from, to): (NodeId, NodeId),
    ) -> Option<Vec<Hop>> {
        let adjacency = projection.undirected_adjacency_index();
        let mut hops: Vec<Hop> = self
            .tree_walk(adjacency, steps, hub, from)
            .into_iter()
            .map(|(near, far, fact)| adjacency.hop(fact, far, near))
            .collect();
        hops.reverse();
        hops.extend(
            self.tree_walk(adjacency, steps, hub, to)
                .into_iter()
                .map(|(near, far, fact)| adjacency.hop(fact, near, far)),
        );
        let mut nodes: Vec<NodeId> = std::iter::once(from)
            .chain(hops.iter().map(|h| h.to))
            .collect();
        nodes.sort_unstable();
        let simple = nodes.windows(2).all(|pair| pair[0] != pair[1]);
        simple.then_some(hops)
    }

    /// The hops `(entity, next entity, fact)` of the cheapest walk from hub `hub` to `node`,
    /// from the hub on: each entity's is the first fact of its row that its cost was reached
    /// along.
    fn tree_walk(
        &self,
        adjacency: &Adjacency,
        steps: &StepCosts,
        hub: usize,
        node: NodeId,
    ) -> Vec<(u32, u32, u32)> {
        let count = self.count();
        let cost = |node: usize| self.costs[node * count + hub];
        let mut hops = Vec::new();
        let mut node = node;
        while node != self.hubs[hub] as usize {
            let reached = cost(node);
            let row = adjacency.offsets[node]..adjacency.offsets[node + 1];
            let Some((link, _)) = adjacency.links[row.clone()]
                .iter()
                .zip(row)
                .find(|&(link, at)| cost(link.other as usize) + steps.inward(at) == reached)
            else {
                // Every entity the tree reached but the hub was reached along some fact.
                unreachable!("an entity of a hub's tree reached along none of its facts");
            };
            hops.push((link.other, node as u32, link.fact));
            node = link.other as usize;
        }
        hops.reverse();
        hops
    }
}

/// One hub's walks: Dijkstra from it over every fact either way.
struct Tree {
    cost: Vec<f64>,
    /// By entity: whether another walk comes within [`CLOSE`] of its cheapest, its own or one
    /// of the walks before it.
    close: Vec<bool>,
    /// By entity: the entity its cheapest walk came from.
    parent: Vec<u32>,
    frontier: BinaryHeap<Frontier>,
}

impl Tree {
    fn new(nodes: usize) -> Self {
        Self {
            cost: vec![f64::INFINITY; nodes],
            close: vec![false; nodes],
            parent: vec![u32::MAX; nodes],
            frontier: BinaryHeap::new(),
        }
    }

    /// The cheapest walks from `hub` to every entity, and which of them another walk comes
    /// within [`CLOSE`] of. A hop costs at least 1, so every walk within [`CLOSE`] of an
    /// entity's cheapest arrives from an entity settled before it: when an entity is settled,
    /// every such walk has been seen, and so has the note of the entity its cheapest came from.
    fn grow(&mut self, adjacency: &Adjacency, steps: &StepCosts, hub: usize) {
        let Self {
            cost,
            close,
            parent,
            frontier,
        } = self;
        cost.fill(f64::INFINITY);
        close.fill(false);
        cost[hub] = 0.0;
        parent[hub] = hub as u32;
        frontier.push(Frontier(0.0, hub));
        while let Some(Frontier(here, node)) = frontier.pop() {
            if here > cost[node] {
                continue;
            }
            // Settled: its note now includes those of the walks before it.
            let from = parent[node] as usize;
            close[node] |= close[from];
            let row = adjacency.offsets[node]..adjacency.offsets[node + 1];
            for (link, at) in adjacency.links[row.clone()].iter().zip(row) {
                let step = steps.outward(at);
                let next = here + step;
                let other = link.other as usize;
                let known = cost[other];
                if next < known {
                    // A walk replaced by one less than CLOSE cheaper is a close call.
                    close[other] = known <= next + CLOSE;
                    cost[other] = next;
                    parent[other] = node as u32;
                    frontier.push(Frontier(next, other));
                } else if next <= known + CLOSE
                    && other != hub
                    && !(parent[other] == node as u32 && next == known)
                {
                    // As cheap or nearly, but for a parallel fact of the same cost from the
                    // same entity: a close call.
                    close[other] = true;
                }
            }
        }
    }
}

/// The first and last bytes of a saved table, naming its format: a table saved under another
/// (another rounding of hop costs, another layout) is not read.
const MAGIC: &[u8; 8] = b"FGHUBS01";

/// A hash of words, four lanes at a time: what a saved table checks itself and its graph with.
/// Not cryptographic: it catches damage and a table of another graph, not forgery.
#[derive(Clone)]
struct WordHash {
    lanes: [u64; 4],
    taken: usize,
}

impl WordHash {
    const MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

    fn new() -> Self {
        Self {
            lanes: [
                0x243f_6a88_85a3_08d3,
                0x1319_8a2e_0370_7344,
                0xa409_3822_299f_31d0,
                0x082e_fa98_ec4e_6c89,
            ],
            taken: 0,
        }
    }

    fn word(&mut self, word: u64) {
        let lane = &mut self.lanes[self.taken % 4];
        *lane = (*lane ^ word)
            .wrapping_mul(Self::MULTIPLIER)
            .rotate_left(29);
        self.taken += 1;
    }

    fn finish(&self) -> u64 {
        let mut hash = self.taken as u64;
        for lane in self.lanes {
            hash = (hash ^ lane).wrapping_mul(Self::MULTIPLIER).rotate_left(31);
        }
        hash
    }
}

impl HubRoutes {
    /// What the table of a graph depends on, hashed: each row of the adjacency index, its
    /// links, what each costs either way (to the bit) and which are weak, and the ranks. A
    /// saved table is read only for a graph with the same.
    pub(super) fn fingerprint(adjacency: &Adjacency, steps: &StepCosts) -> u64 {
        let mut hash = WordHash::new();
        for &offset in &adjacency.offsets {
            hash.word(offset as u64);
        }
        for &rank in &adjacency.rank_of {
            hash.word(u64::from(rank));
        }
        for (at, link) in adjacency.links.iter().enumerate() {
            hash.word(u64::from(link.other) << 32 | u64::from(link.fact));
            hash.word(steps.outward(at).to_bits());
            hash.word(steps.inward(at).to_bits());
            hash.word(u64::from(steps.weak_at(at)));
        }
        hash.finish()
    }

    /// Writes the table of a graph of `nodes` entities whose [`HubRoutes::fingerprint`] is
    /// `fingerprint`.
    pub(super) fn write(
        &self,
        out: &mut dyn std::io::Write,
        nodes: usize,
        fingerprint: u64,
    ) -> std::io::Result<()> {
        let mut hash = WordHash::new();
        let mut words = |out: &mut dyn std::io::Write, words: &mut dyn Iterator<Item = u64>| {
            let mut buffer = Vec::with_capacity(1 << 16);
            for word in words {
                hash.word(word);
                buffer.extend_from_slice(&word.to_le_bytes());
                if buffer.len() >= 1 << 16 {
                    out.write_all(&buffer)?;
                    buffer.clear();
                }
            }
            out.write_all(&buffer)
        };
        out.write_all(MAGIC)?;
        let head = [fingerprint, nodes as u64, self.count() as u64];
        words(out, &mut head.into_iter())?;
        words(out, &mut self.hubs.iter().map(|&hub| u64::from(hub)))?;
        words(out, &mut self.entering.iter().map(|cost| cost.to_bits()))?;
        words(out, &mut self.costs.iter().map(|cost| cost.to_bits()))?;
        words(out, &mut self.close_calls.iter().copied())?;
        let sum = hash.finish();
        out.write_all(&sum.to_le_bytes())?;
        out.write_all(MAGIC)
    }

    /// Reads a table [`HubRoutes::write`] wrote, if it is whole, undamaged (its hash), and the
    /// table of `projection`'s graph: the same fingerprint, as many entities and hubs, the hubs
    /// the graph's first ranks, each entered at the cost the graph has. Anything else is an
    /// error, and the table is worked out again.
    pub(super) fn read(
        input: &mut dyn std::io::Read,
        projection: &Projection,
        fingerprint: u64,
    ) -> std::io::Result<Self> {
        let invalid =
            |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_string());
        let mut hash = WordHash::new();
        let mut magic = [0u8; 8];
        input.read_exact(&mut magic)?;
        if magic != *MAGIC {
            return Err(invalid("not a hub table of this version"));
        }
        let mut read_words =
            |input: &mut dyn std::io::Read, count: usize| -> std::io::Result<Vec<u64>> {
                let mut words = Vec::with_capacity(count);
                let mut buffer = vec![0u8; 1 << 16];
                let mut left = count;
                while left > 0 {
                    let take = left.min(buffer.len() / 8);
                    input.read_exact(&mut buffer[..take * 8])?;
                    for bytes in buffer[..take * 8].chunks_exact(8) {
                        let word = u64::from_le_bytes(bytes.try_into().expect("eight bytes"));
                        hash.word(word);
                        words.push(word);
                    }
                    left -= take;
                }
                Ok(words)
            };
        let head = read_words(input, 3)?;
        let (saved_print, nodes, count) = (head[0], head[1] as usize, head[2] as usize);
        if saved_print != fingerprint {
            return Err(invalid("the table of another graph"));
        }
        if nodes != projection.node_count() || count != Self::hub_count(nodes) {
            return Err(invalid("the table of a graph of another size"));
        }
        let adjacency = projection.undirected_adjacency_index();
        let hubs: Vec<u32> = read_words(input, count)?
            .into_iter()
            .map(|hub| u32::try_from(hub).unwrap_or(u32::MAX))
            .collect();
        for (rank, &hub) in hubs.iter().enumerate() {
            if adjacency.rank_of.get(hub as usize) != Some(&(rank as u32)) {
                return Err(invalid("hubs that are not the graph's"));
            }
        }
        let entering: Vec<f64> = read_words(input, count)?
            .into_iter()
            .map(f64::from_bits)
            .collect();
        for (&hub, &cost) in hubs.iter().zip(&entering) {
            if projection.hubs().entering(hub as NodeId).to_bits() != cost.to_bits() {
                return Err(invalid("hubs entered at other costs"));
            }
        }
        let cells = nodes * count;
        let costs: Vec<f64> = read_words(input, cells)?
            .into_iter()
            .map(f64::from_bits)
            .collect();
        let close_calls = read_words(input, cells.div_ceil(64))?;
        let mut tail = [0u8; 16];
        input.read_exact(&mut tail)?;
        let sum = u64::from_le_bytes(tail[..8].try_into().expect("eight bytes"));
        if sum != hash.finish() || tail[8..] != *MAGIC {
            return Err(invalid("a damaged hub table"));
        }
        if input.read(&mut [0u8; 1])? != 0 {
            return Err(invalid("bytes after the hub table"));
        }
        if costs.iter().any(|cost| cost.is_nan() || *cost < 0.0) {
            return Err(invalid("costs no walk has"));
        }
        Ok(Self {
            hubs,
            entering,
            costs,
            close_calls,
        })
    }
}
