//! What makes a hop an explanation rather than a pass through a hub, for the default weight
//! ([`super::Weight::Specific`]).
//!
//! Two measures of an entity, taken once per graph over all its facts (not only those a
//! search's filters let through, so that an entity is as much a hub under every filter):
//! - how many distinct entities it links: a hop into it costs `1 + ln(that number)`, so a hop
//!   into an entity linked to one other costs 1, and into one linked to a thousand about 7.9;
//! - how many distinct entities state a membership fact (`basedIn`, `headquarteredIn`,
//!   `locatedIn`, `nationality`, `partOf`, `memberOf`) with it as the container. A container of
//!   at least [`Hubs::large_container`] members (the larger of 5 and the square root of the
//!   number of entities: 5 for 25 entities, 224 for 50,000, 689 for 474,508) is large, and a
//!   membership fact into it is weak: "Sberbank is based in Russia" says as little about
//!   Sberbank's ties to Joe Biden as Russia's thousand other members do. Walking a weak fact,
//!   either way, costs `ln(entities)` more, what a hop into an entity linked to the whole graph
//!   would, unless the container is an end of the path: a path to Russia may well end on
//!   "based in Russia".

use super::{EdgeId, NodeId, Projection};

/// Predicates that put their subject in their object, a container that can hold much of the
/// graph.
pub const MEMBERSHIP: [&str; 6] = [
    "basedIn",
    "headquarteredIn",
    "locatedIn",
    "nationality",
    "partOf",
    "memberOf",
];

/// No container of fewer members is large, however small the graph.
const FEWEST_MEMBERS_OF_A_LARGE_CONTAINER: usize = 5;

/// The measures of each entity of one graph.
#[derive(Debug)]
pub(crate) struct Hubs {
    /// By entity: how many distinct entities it shares a fact with.
    linked: Vec<u32>,
    /// By entity: how many distinct entities are its members.
    members: Vec<u32>,
    /// By predicate number: whether it is a membership predicate.
    membership: Vec<bool>,
    large_container: usize,
    weak_penalty: f64,
}

impl Hubs {
    pub(crate) fn of(projection: &Projection) -> Self {
        let adjacency = projection.undirected_adjacency_index();
        let nodes = projection.node_count();
        // Rows hold parallel facts side by side: distinct entities are runs of equal ends.
        let linked = (0..nodes)
            .map(|node| {
                adjacency
                    .links(node as u32)
                    .chunk_by(|a, b| a.other == b.other)
                    .count() as u32
            })
            .collect();
        let membership: Vec<bool> = projection
            .predicates
            .iter()
            .map(|p| MEMBERSHIP.contains(&&**p))
            .collect();
        let mut memberships: Vec<(u32, u32)> = projection
            .graph
            .raw_edges()
            .iter()
            .filter(|edge| membership[edge.weight.predicate as usize])
            .map(|edge| (edge.target().index() as u32, edge.source().index() as u32))
            .filter(|(container, member)| container != member)
            .collect();
        memberships.sort_unstable();
        memberships.dedup();
        let mut members = vec![0u32; nodes];
        for (container, _) in memberships {
            members[container as usize] += 1;
        }
        Self {
            linked,
            members,
            membership,
            large_container: Self::large_container(nodes),
            weak_penalty: (nodes.max(1) as f64).ln(),
        }
    }

    /// Fewest members of a large container in a graph of `entities` entities.
    pub fn large_container(entities: usize) -> usize {
        FEWEST_MEMBERS_OF_A_LARGE_CONTAINER.max((entities as f64).sqrt().ceil() as usize)
    }

    /// What a hop into `node` costs: one, and more the more entities it links.
    pub(crate) fn entering(&self, node: NodeId) -> f64 {
        1.0 + f64::from(self.linked[node].max(1)).ln()
    }

    /// How many distinct entities `node` shares a fact with.
    #[cfg(test)]
    pub(crate) fn linked(&self, node: NodeId) -> usize {
        self.linked[node] as usize
    }

    /// The container of `edge` if it is a membership fact into a large container.
    pub(crate) fn weak_container(&self, projection: &Projection, edge: EdgeId) -> Option<NodeId> {
        let stored = &projection.graph.raw_edges()[edge];
        let container = stored.target().index();
        (self.membership[stored.weight.predicate as usize]
            && self.members[container] as usize >= self.large_container)
            .then_some(container)
    }

    /// How many distinct entities are members of `node`.
    pub(crate) fn members(&self, node: NodeId) -> usize {
        self.members[node] as usize
    }

    /// What walking a weak fact costs on top of the hop.
    pub(crate) fn weak_penalty(&self) -> f64 {
        self.weak_penalty
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_container_has_at_least_five_members_or_the_root_of_the_entities() {
        assert_eq!(Hubs::large_container(0), 5);
        assert_eq!(Hubs::large_container(25), 5);
        assert_eq!(Hubs::large_container(26), 6);
        assert_eq!(Hubs::large_container(50_000), 224);
        assert_eq!(Hubs::large_container(474_508), 689);
    }

    #[test]
    fn entities_are_measured_by_distinct_neighbours_and_distinct_members() {
        let mut facts = vec![
            ("Sberbank", "basedIn", "Russia"),
            ("Sberbank", "headquarteredIn", "Russia"),
            ("Joe Biden", "accuses", "Vladimir Putin"),
            ("Vladimir Putin", "nationality", "Russia"),
            ("Russia", "partOf", "Russia"),
        ];
        let members = ["Gazprom", "Rosneft", "VTB"];
        for member in members {
            facts.push((member, "basedIn", "Russia"));
        }
        let projection = Projection::from_facts(facts.iter().copied());
        let hubs = Hubs::of(&projection);
        let id = |name| projection.lookup(name).unwrap();
        // Sberbank twice, Putin, three more: a self-loop is no member.
        assert_eq!(hubs.members(id("Russia")), 5);
        assert_eq!(hubs.linked(id("Russia")), 5);
        assert_eq!(hubs.linked(id("Sberbank")), 1);
        assert_eq!(hubs.entering(id("Sberbank")), 1.0);
        assert!((hubs.entering(id("Russia")) - (1.0 + 5f64.ln())).abs() < 1e-15);
        // Seven entities: a container needs five members, Russia has them.
        let edge = projection
            .edge_between(
                projection.entity(id("Sberbank")).iri.as_str(),
                &format!("{}basedIn", crate::ontology::NAMESPACE),
                projection.entity(id("Russia")).iri.as_str(),
            )
            .unwrap();
        assert_eq!(hubs.weak_container(&projection, edge), Some(id("Russia")));
        let accuses = projection
            .edge_between(
                projection.entity(id("Joe Biden")).iri.as_str(),
                &format!("{}accuses", crate::ontology::NAMESPACE),
                projection.entity(id("Vladimir Putin")).iri.as_str(),
            )
            .unwrap();
        assert_eq!(hubs.weak_container(&projection, accuses), None);
        assert!((hubs.weak_penalty() - 7f64.ln()).abs() < 1e-15);

        let smaller = Projection::from_facts(facts[..6].iter().copied());
        let hubs = Hubs::of(&smaller);
        let russia = smaller.lookup("Russia").unwrap();
        assert_eq!(hubs.members(russia), 3);
        assert!((0..smaller.edge_count()).all(|e| hubs.weak_container(&smaller, e).is_none()));
    }
}
