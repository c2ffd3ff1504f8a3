//! Paths and neighbourhoods as people read them, and as JSON.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{EdgeId, NodeId, Path, PathAnswer, PathQuery, PathSupport, Projection, Support};
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

    /// Every path of an answer as [`Projection::write_path`] prints it, each followed by the
    /// hubs it passes and what it rests on; with several paths, then which article alone
    /// would leave none of them.
    pub fn write_answer(&self, answer: &PathAnswer, out: &mut dyn Write) -> io::Result<()> {
        let count = answer.paths.len();
        for (index, (path, support)) in answer.paths.iter().zip(&answer.supports).enumerate() {
            if count > 1 {
                if index > 0 {
                    writeln!(out)?;
                }
                writeln!(
                    out,
                    "path {} of {count} ({} hops)",
                    index + 1,
                    path.hops.len()
                )?;
            }
            self.write_path(path, &answer.query, out)?;
            self.write_support(path, support, out)?;
        }
        if count > 1 {
            if answer.broken_without.is_empty() {
                writeln!(out, "\nno single article's removal breaks every path above")?;
            } else {
                writeln!(
                    out,
                    "\nremoving {} breaks every path above",
                    self.article_list(&answer.broken_without)
                )?;
            }
        }
        Ok(())
    }

    /// The notes under a path: each hub it passes, then its weakest hop and the articles whose
    /// removal alone breaks it.
    fn write_support(
        &self,
        path: &Path,
        support: &PathSupport,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut named = Vec::new();
        for weak in &support.weak_links {
            if named.contains(&weak.container) {
                continue;
            }
            named.push(weak.container);
            let container = printable(self.entity(weak.container).label);
            writeln!(
                out,
                "  hub: passes through {container} by {}, a container of {} members: a membership \
                 in it says little about a connection\n  \
                 help: --avoid \"{container}\" finds a path around it, if there is one",
                self.relation(path.hops[weak.step].edge).predicate,
                weak.members,
            )?;
        }
        if path.hops.is_empty() {
            return Ok(());
        }
        let weakest = support.weakest_hop_articles;
        let breaks = if support.broken_without.is_empty() {
            "no single article's removal breaks it".to_owned()
        } else {
            format!(
                "removing {} breaks it",
                self.article_list(&support.broken_without)
            )
        };
        writeln!(
            out,
            "  support: weakest hop stated by {weakest} article{}; {breaks}",
            if weakest == 1 { "" } else { "s" }
        )
    }

    /// Article ids, as a sentence lists them: `a`, `a or b`, `a, b or c`.
    fn article_list(&self, articles: &[u32]) -> String {
        let ids: Vec<String> = articles
            .iter()
            .map(|&number| printable(self.article(number).id))
            .collect();
        match ids.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => ids.concat(),
        }
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

    pub(super) fn entity_json(&self, node: NodeId) -> Value {
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
