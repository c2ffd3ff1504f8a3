//! Paths and neighbourhoods as people read them, and as JSON.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{EdgeId, NodeId, Path, PathQuery, Projection, Support};
use crate::ontology::NAMESPACE;

impl Projection {
    /// `A —p→ B ←q— C`: each hop in its true direction.
    pub fn chain(&self, path: &Path) -> String {
        let mut text = self.entity(path.nodes[0]).label.to_owned();
        for hop in &path.hops {
            let predicate = &self.relation(hop.edge).predicate;
            let arrow = if hop.forward {
                format!(" —{predicate}→ ")
            } else {
                format!(" ←{predicate}— ")
            };
            text.push_str(&arrow);
            text.push_str(self.entity(hop.to).label);
        }
        text
    }

    /// The chain, then one line per hop with the articles and the best evidence behind it.
    pub fn write_path(
        &self,
        path: &Path,
        query: &PathQuery,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        writeln!(out, "{}", self.chain(path))?;
        let lines: Vec<String> = path
            .hops
            .iter()
            .enumerate()
            .map(|(i, hop)| {
                let (subject, object) = if hop.forward {
                    (hop.from, hop.to)
                } else {
                    (hop.to, hop.from)
                };
                format!(
                    "  {}. {} —{}→ {}",
                    i + 1,
                    self.entity(subject).label,
                    self.relation(hop.edge).predicate,
                    self.entity(object).label
                )
            })
            .collect();
        let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        for (line, hop) in lines.iter().zip(&path.hops) {
            let supports: Vec<&Support> = self.supports_in_window(hop.edge, query).collect();
            let sources = match supports.as_slice() {
                [] => "[no article]".to_owned(),
                [one] => {
                    let article = self.article(one.article);
                    match &article.published {
                        Some(date) => format!("[{}, {date}]", article.id),
                        None => format!("[{}]", article.id),
                    }
                }
                many => format!("[{} articles]", many.len()),
            };
            let evidence = best_support(supports.iter().copied())
                .and_then(|s| self.evidence(s))
                .map(|e| format!(" \"{}\"", printable(e)))
                .unwrap_or_default();
            writeln!(out, "{line:<width$}  {sources}{evidence}")?;
        }
        Ok(())
    }

    fn entity_json(&self, node: NodeId) -> Value {
        let entity = self.entity(node);
        json!({ "iri": entity.iri.as_str(), "label": entity.label, "class": entity.class })
    }

    fn edge_json(&self, edge: EdgeId, query: &PathQuery) -> Value {
        let relation = self.relation(edge);
        let (subject, object) = self.endpoints(edge);
        let articles: Vec<Value> = self
            .supports_in_window(edge, query)
            .map(|support| {
                let article = self.article(support.article);
                json!({
                    "id": article.id,
                    "iri": article.iri.as_str(),
                    "published": article.published,
                    "confidence": support.confidence(),
                    "evidence": self.evidence(support),
                })
            })
            .collect();
        json!({
            "subject": self.entity(subject).iri.as_str(),
            "predicate": relation.predicate,
            "predicateIri": format!("{NAMESPACE}{}", relation.predicate),
            "object": self.entity(object).iri.as_str(),
            "confidence": articles.iter().filter_map(|a| a["confidence"].as_f64()).fold(None, |m: Option<f64>, c| Some(m.map_or(c, |m| m.max(c)))),
            "articles": articles,
        })
    }

    pub fn path_json(&self, path: &Path, query: &PathQuery) -> Value {
        let hops: Vec<Value> = path
            .hops
            .iter()
            .map(|hop| {
                let mut edge = self.edge_json(hop.edge, query);
                edge["direction"] = json!(if hop.forward { "forward" } else { "backward" });
                edge["from"] = self.entity_json(hop.from);
                edge["to"] = self.entity_json(hop.to);
                edge
            })
            .collect();
        json!({
            "chain": self.chain(path),
            "cost": self.weight(path, query),
            "nodes": path.nodes.iter().map(|n| self.entity_json(*n)).collect::<Vec<_>>(),
            "hops": hops,
        })
    }

    pub fn neighborhood_json(
        &self,
        nodes: &[(NodeId, usize)],
        edges: &[EdgeId],
        query: &PathQuery,
    ) -> Value {
        json!({
            "nodes": nodes.iter().map(|(n, d)| {
                let mut entity = self.entity_json(*n);
                entity["distance"] = json!(d);
                entity
            }).collect::<Vec<_>>(),
            "edges": edges.iter().map(|e| self.edge_json(*e, query)).collect::<Vec<_>>(),
        })
    }
}

/// The support to quote for a fact: the most confident one that has evidence, else the most
/// confident.
pub fn best_support<'a>(supports: impl IntoIterator<Item = &'a Support>) -> Option<&'a Support> {
    supports.into_iter().max_by(|a, b| {
        a.evidence
            .is_some()
            .cmp(&b.evidence.is_some())
            .then(a.confidence.total_cmp(&b.confidence))
    })
}

/// Article text on one line, without control characters.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
