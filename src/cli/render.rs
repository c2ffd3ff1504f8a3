//! What the command line prints: the library's answers as text for people (paths, lists,
//! SPARQL tables) or as JSON for programs.

use std::io::{self, Write};

use oxigraph::model::Term;
use serde::Serialize;

use crate::diagnostic::{Help, WithHelp};
use crate::extract::eval::{Mean, Score, Summary};
use crate::graph::{
    self, Centrality, Component, NeighborsAnswer, NodeId, Path, PathAnswer, PathQuery, PathSupport,
    Projection, Support, best_support,
};
use crate::store::{self, Answer, compact};
use crate::{eval, export, ingest, merge, remote, server, sheets};

/// An error as the binary shows it: each cause after the other, then the help of the library
/// error behind them, if it has one.
pub(crate) fn error(err: &anyhow::Error) -> String {
    WithHelp(&Causes(err)).to_string()
}

struct Causes<'a>(&'a anyhow::Error);

impl std::fmt::Display for Causes<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:#}", self.0)
    }
}

impl Help for Causes<'_> {
    fn help(&self) -> Option<String> {
        self.0.chain().find_map(|cause| {
            if let Some(err) = cause.downcast_ref::<graph::Error>() {
                err.help()
            } else if let Some(err) = cause.downcast_ref::<store::Error>() {
                err.help()
            } else if let Some(err) = cause.downcast_ref::<merge::Error>() {
                err.help()
            } else if let Some(err) = cause.downcast_ref::<sheets::Error>() {
                err.help()
            } else if let Some(err) = cause.downcast_ref::<server::Error>() {
                err.help()
            } else if let Some(err) = cause.downcast_ref::<remote::Error>() {
                err.help()
            } else if let Some(err) = cause.downcast_ref::<export::Error>() {
                err.help()
            } else if let Some(err) = cause.downcast_ref::<eval::Error>() {
                err.help()
            } else if let Some(err) = cause.downcast_ref::<super::cmd::Refusal>() {
                err.help()
            } else {
                cause.downcast_ref::<ingest::Error>().and_then(Help::help)
            }
        })
    }
}

/// A sheet written into a folder, on a line: what became of the file, the file, what the
/// sheet holds, and its article.
pub(crate) fn written_sheet(written: &sheets::Written<'_>, out: &mut dyn Write) -> io::Result<()> {
    let what = match written.outcome {
        sheets::Outcome::Written => "wrote",
        sheets::Outcome::Replaced => "replaced",
        sheets::Outcome::Unchanged => "unchanged",
        sheets::Outcome::Kept => "kept",
    };
    let named = written.sheet;
    writeln!(
        out,
        "{what:<9} {}  {} entities, {} facts  from {}",
        written.path.display(),
        named.sheet.entities.len(),
        named.sheet.facts.len(),
        named.article.display()
    )
}

/// An answer as indented JSON on a line of its own.
pub(crate) fn json(out: &mut dyn Write, answer: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, answer)?;
    writeln!(out)
}

/// Every path of an answer as [`path`] prints it, each followed by the hubs it passes and what
/// it rests on; with several paths, then which article alone would leave none of them.
pub(crate) fn path_answer(
    projection: &Projection,
    answer: &PathAnswer,
    out: &mut dyn Write,
) -> io::Result<()> {
    let count = answer.paths.len();
    for (index, (found, support)) in answer.paths.iter().zip(&answer.supports).enumerate() {
        if count > 1 {
            if index > 0 {
                writeln!(out)?;
            }
            writeln!(
                out,
                "path {} of {count} ({} hops)",
                index + 1,
                found.hops.len()
            )?;
        }
        path(projection, found, &answer.query, out)?;
        path_support(projection, found, support, out)?;
    }
    if count > 1 {
        if answer.broken_without.is_empty() {
            writeln!(out, "\nno single article's removal breaks every path above")?;
        } else {
            writeln!(
                out,
                "\nremoving {} breaks every path above",
                article_list(projection, &answer.broken_without)
            )?;
        }
    }
    Ok(())
}

/// The notes under a path: each hub it passes, then its weakest hop and the articles whose
/// removal alone breaks it.
fn path_support(
    projection: &Projection,
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
        let container = printable(projection.entity(weak.container).label);
        writeln!(
            out,
            "  hub: passes through {container} by {}, a container of {} members: a membership \
             in it says little about a connection\n  \
             help: --avoid \"{container}\" finds a path around it, if there is one",
            projection.relation(path.hops[weak.step].edge).predicate,
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
            article_list(projection, &support.broken_without)
        )
    };
    writeln!(
        out,
        "  support: weakest hop stated by {weakest} article{}; {breaks}",
        plural(weakest)
    )
}

/// Article ids, as a sentence lists them: `a`, `a or b`, `a, b or c`.
fn article_list(projection: &Projection, articles: &[u32]) -> String {
    let ids: Vec<String> = articles
        .iter()
        .map(|&number| printable(projection.article(number).id))
        .collect();
    match ids.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => ids.concat(),
    }
}

/// The chain, then one line per hop with the articles and the best evidence behind it.
fn path(
    projection: &Projection,
    path: &Path,
    query: &PathQuery,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "{}", projection.chain(path))?;
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
                projection.entity(subject).label,
                projection.relation(hop.edge).predicate,
                projection.entity(object).label
            )
        })
        .collect();
    let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    for (line, hop) in lines.iter().zip(&path.hops) {
        let supports: Vec<&Support> = projection.supports_in_window(hop.edge, query).collect();
        let sources = match supports.as_slice() {
            [] => "[no article]".to_owned(),
            [one] => {
                let article = projection.article(one.article);
                match &article.published {
                    Some(date) => format!("[{}, {date}]", article.id),
                    None => format!("[{}]", article.id),
                }
            }
            many => format!("[{} articles]", many.len()),
        };
        let evidence = best_support(supports.iter().copied())
            .and_then(|s| projection.evidence(s))
            .map(|e| format!(" \"{}\"", printable(e)))
            .unwrap_or_default();
        writeln!(out, "{line:<width$}  {sources}{evidence}")?;
    }
    Ok(())
}

/// What `neighbors` found within `hops` of its centre: the entities by distance, then the facts.
pub(crate) fn neighborhood(
    projection: &Projection,
    found: &NeighborsAnswer,
    hops: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(
        out,
        "{} entities within {hops} hop{} of {}",
        found.nodes.len() - 1,
        plural(hops),
        projection.entity(found.center).label
    )?;
    for (node, distance) in found.nodes.iter().skip(1) {
        let entity = projection.entity(*node);
        writeln!(out, "  {distance}  {} ({})", entity.label, entity.class)?;
    }
    if found.truncated {
        writeln!(
            out,
            "{} facts (stopped at --limit; the nearest first)",
            found.edges.len()
        )?;
    } else {
        writeln!(out, "{} facts", found.edges.len())?;
    }
    for edge in &found.edges {
        let (subject, object) = projection.endpoints(*edge);
        let articles = projection.supports_in_window(*edge, &found.query).count();
        writeln!(
            out,
            "  {} —{}→ {}  [{articles} article{}]",
            projection.entity(subject).label,
            projection.relation(*edge).predicate,
            projection.entity(object).label,
            plural(articles)
        )?;
    }
    Ok(())
}

/// Ranked entities, one a line: rank, score, label and class.
pub(crate) fn centrality(
    projection: &Projection,
    by: Centrality,
    ranked: &[(NodeId, f64)],
    sampled: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    if sampled {
        writeln!(
            out,
            "note: betweenness estimated from a sample of source entities (the graph has more than 100,000)"
        )?;
    }
    for (rank, (node, score)) in ranked.iter().enumerate() {
        let entity = projection.entity(*node);
        let score = if by == Centrality::Degree {
            format!("{score:>8.0}")
        } else {
            format!("{score:>8.5}")
        };
        writeln!(
            out,
            "{:>3}. {score}  {} ({})",
            rank + 1,
            entity.label,
            entity.class
        )?;
    }
    Ok(())
}

/// How many components there are, then the first `top`, each with its first few entities.
pub(crate) fn components(
    projection: &Projection,
    components: &[Component],
    top: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "{} components", components.len())?;
    for (index, component) in components.iter().take(top).enumerate() {
        let names: Vec<&str> = component
            .nodes
            .iter()
            .take(8)
            .map(|n| projection.entity(*n).label)
            .collect();
        let more = component.nodes.len().saturating_sub(names.len());
        let more = if more > 0 {
            format!(", … {more} more")
        } else {
            String::new()
        };
        writeln!(
            out,
            "{:>3}. {} entities: {}{more}",
            index + 1,
            component.nodes.len(),
            names.join(", ")
        )?;
    }
    Ok(())
}

/// SELECT results as aligned columns under their variables, or an ASK answer on its own.
pub(crate) fn table(answer: &Answer, out: &mut dyn Write) -> io::Result<()> {
    let (variables, rows) = match answer {
        Answer::Boolean(value) => return writeln!(out, "{value}"),
        Answer::Solutions { variables, rows } => (variables, rows),
    };
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            variables
                .iter()
                .map(|v| {
                    row.get(v.as_str())
                        .map(display_term)
                        .unwrap_or_default()
                        .replace(['\n', '\r', '\t'], " ")
                })
                .collect()
        })
        .collect();
    let widths: Vec<usize> = variables
        .iter()
        .enumerate()
        .map(|(i, v)| {
            cells
                .iter()
                .map(|r| r[i].chars().count())
                .chain([v.chars().count() + 1])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |out: &mut dyn Write, values: &[String]| -> io::Result<()> {
        let padded: Vec<String> = values
            .iter()
            .zip(&widths)
            .map(|(v, w)| format!("{v:<w$}"))
            .collect();
        writeln!(out, "{}", padded.join("  ").trim_end())
    };
    line(
        out,
        &variables
            .iter()
            .map(|v| format!("?{v}"))
            .collect::<Vec<_>>(),
    )?;
    line(
        out,
        &widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>(),
    )?;
    for row in &cells {
        line(out, row)?;
    }
    writeln!(out, "({} row{})", rows.len(), plural(rows.len()))
}

/// A term as a person reads it: prefixed names, bare literal values.
/// An evaluation as a table: per split, its documents (with `documents`, or when the run has no
/// splits), its topics, then the mean over its documents and the counts of all of them pooled.
pub(crate) fn eval_report(
    report: &eval::Report,
    documents: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    for split in &report.splits {
        if !split.split.is_empty() {
            writeln!(out, "split {}", split.split)?;
        }
        if documents || split.split.is_empty() {
            for document in &split.documents {
                let alone = Summary::of(&[&document.score]);
                eval_row(
                    out,
                    &document.score.article,
                    1,
                    of_mean(&alone.entities),
                    of_mean(&alone.facts),
                )?;
            }
        }
        for (topic, summary) in &split.topics {
            eval_row(
                out,
                &format!("topic {topic}"),
                summary.documents,
                of_mean(&summary.entities),
                of_mean(&summary.facts),
            )?;
        }
        let summary = &split.summary;
        eval_row(
            out,
            "mean over documents",
            summary.documents,
            of_mean(&summary.entities),
            of_mean(&summary.facts),
        )?;
        eval_row(
            out,
            "all documents pooled",
            summary.documents,
            of_counts(&summary.pooled_entities),
            of_counts(&summary.pooled_facts),
        )?;
    }
    Ok(())
}

/// A line of an evaluation: a name, a count of documents, and precision, recall and F1 of
/// entities and of facts.
fn eval_row(
    out: &mut dyn Write,
    name: &str,
    count: usize,
    entities: [f64; 3],
    facts: [f64; 3],
) -> io::Result<()> {
    let [ep, er, ef] = entities;
    let [fp, fr, ff] = facts;
    writeln!(
        out,
        "{name:<44} {count:>4}   entities P {ep:.2} R {er:.2} F1 {ef:.2}   facts P {fp:.2} R {fr:.2} F1 {ff:.2}"
    )
}

fn of_mean(mean: &Mean) -> [f64; 3] {
    [mean.precision, mean.recall, mean.f1]
}

fn of_counts(score: &Score) -> [f64; 3] {
    [score.precision(), score.recall(), score.f1()]
}

fn display_term(term: &Term) -> String {
    match term {
        Term::NamedNode(node) => compact(node.as_str()),
        Term::BlankNode(node) => format!("_:{}", node.as_str()),
        Term::Literal(literal) => literal.value().to_owned(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// Article text on one line, without control characters.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_end_with_the_help_of_the_library_error_behind_them() {
        let invalid = graph::Weight::named("heaviest").expect_err("no such weight");
        let err = anyhow::Error::new(invalid).context("cannot search");
        assert_eq!(
            error(&err),
            "cannot search: unknown weight `heaviest`\n  help: weights are specific, hops, confidence, sources"
        );
        let plain = anyhow::anyhow!("no path");
        assert_eq!(error(&plain), "no path");
    }

    #[test]
    fn errors_read_through_a_source_or_an_export_keep_their_help() {
        let remote = crate::remote::Error::Store(store::Error::Missing("db".into()));
        let exported = export::Error::from(remote);
        assert_eq!(
            error(&anyhow::Error::new(exported)),
            "no store at db\n  help: run `factgraph ingest DIR` first, or point --store (or FACTGRAPH_STORE) at a store"
        );
    }
}
