//! Merging two entities that resolution kept apart ("Vladimir Putin's" and "Vladimir Putin"),
//! and undoing it.
//!
//! `merge A B` moves everything stated of or about A onto B: facts either way, provenance
//! statements, types, links; A's names become B's aliases. Each merge is recorded beside the
//! store (`factgraph-merges.json`) with the exact quads it took out and put in, so that
//! `unmerge N` puts back exactly what was there, and so that ingest sends A's IRI to B when an
//! article that named A is read again.
//!
//! The record is written before the store's transaction and marked done after it. A process
//! stopped in between leaves a record marked as under way; the next reader settles it by
//! looking at the store: the transaction took place exactly when the first quad it removes is
//! gone.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::vocab::rdfs;
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Help, quoted};
use crate::ontology::Ontology;
use crate::rdf::vocab::skos;
use crate::resolve::KnownEntity;
use crate::store::{self, Store};
use crate::text::{did_you_mean, fold};

/// The record's file name in the store's folder.
pub const LOG_FILE: &str = "factgraph-merges.json";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Store(#[from] store::Error),
    #[error("cannot read or write the merge record {path}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the merge record {path} is damaged: {message}")]
    Damaged { path: PathBuf, message: String },
    #[error("no entity is named {}", quoted(.name))]
    UnknownEntity { name: String, close: Vec<String> },
    #[error(
        "{} names {} entities: {}",
        quoted(.name),
        .candidates.len(),
        .candidates.join(", ")
    )]
    Ambiguous {
        name: String,
        candidates: Vec<String>,
    },
    #[error("{} and {} are one entity already (<{iri}>)", quoted(.first), quoted(.second))]
    Same {
        first: String,
        second: String,
        iri: String,
    },
    #[error("there is no merge {number}{}", if .numbers.is_empty() { "; no merge is recorded" } else { "" })]
    NoSuchMerge { number: u32, numbers: Vec<u32> },
    #[error(
        "merge {number} cannot be undone before merge {later}, which came after it and moved the same entity"
    )]
    LaterMerge { number: u32, later: u32 },
    #[error(
        "the store changed since merge {number} where it wrote ({changed}); undoing it now would not give back the store as it was"
    )]
    Changed { number: u32, changed: String },
}

impl Help for Error {
    fn help(&self) -> Option<String> {
        match self {
            Self::Store(err) => err.help(),
            Self::Damaged { .. } => Some(
                "restore it from a backup; without it, merges cannot be undone and re-ingested articles may split merged entities again".to_owned(),
            ),
            Self::UnknownEntity { close, .. } if close.is_empty() => Some(
                "give an entity's label, one of its aliases or its IRI (`factgraph query` lists them)".to_owned(),
            ),
            Self::UnknownEntity { close, .. } => Some(did_you_mean(close)),
            Self::Ambiguous { .. } => Some("give the IRI of the one you mean".to_owned()),
            Self::NoSuchMerge { numbers, .. } if !numbers.is_empty() => {
                let numbers: Vec<String> = numbers.iter().map(u32::to_string).collect();
                Some(format!(
                    "the merges recorded are {} (`factgraph merges` lists them)",
                    numbers.join(", ")
                ))
            }
            Self::LaterMerge { later, .. } => Some(format!("run `factgraph unmerge {later}` first")),
            Self::Changed { .. } => {
                Some("remove the articles named, unmerge, then ingest them again".to_owned())
            }
            Self::Io { .. } | Self::Same { .. } | Self::NoSuchMerge { .. } => None,
        }
    }
}

/// Where a recorded merge stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum State {
    /// Recorded; its transaction may or may not have taken place.
    Applying,
    Done,
    /// Being undone; the transaction that undoes it may or may not have taken place.
    Undoing,
}

/// One merge as the record keeps it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    number: u32,
    absorbed: String,
    absorbed_label: String,
    into: String,
    into_label: String,
    /// Seconds since 1970 (UTC).
    recorded: u64,
    state: State,
    /// N-Quads: what the merge took out and what it put in.
    removed: String,
    added: String,
}

/// A merge, as `merges` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Merge {
    pub number: u32,
    /// The entity that was absorbed, and its label then.
    pub absorbed: String,
    pub absorbed_label: String,
    /// The entity that absorbed it, and its label then.
    pub into: String,
    pub into_label: String,
    /// When, as `YYYY-MM-DDTHH:MM:SSZ`.
    pub recorded: String,
    /// How many quads it took out and put in.
    pub removed: usize,
    pub added: usize,
}

/// The merges recorded, as `merges --json` and `GET /api/merges` give them:
/// `{"merges": [...]}`, each merge with its keys in alphabetical order (a merge on its own, as
/// `merge --json` gives it, lists them as [`Merge`] declares them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeList(pub Vec<Merge>);

impl Serialize for MergeList {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Listed<'a> {
            merges: Vec<ListedMerge<'a>>,
        }
        #[derive(Serialize)]
        struct ListedMerge<'a> {
            absorbed: &'a str,
            absorbed_label: &'a str,
            added: usize,
            into: &'a str,
            into_label: &'a str,
            number: u32,
            recorded: &'a str,
            removed: usize,
        }
        Listed {
            merges: self
                .0
                .iter()
                .map(|merge| ListedMerge {
                    absorbed: &merge.absorbed,
                    absorbed_label: &merge.absorbed_label,
                    added: merge.added,
                    into: &merge.into,
                    into_label: &merge.into_label,
                    number: merge.number,
                    recorded: &merge.recorded,
                    removed: merge.removed,
                })
                .collect(),
        }
        .serialize(serializer)
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Log {
    merges: Vec<Entry>,
}

impl Log {
    fn path(store: &Store) -> PathBuf {
        store.folder().join(LOG_FILE)
    }

    /// Reads the record and settles entries that a stopped process left under way.
    fn load(store: &Store) -> Result<Self, Error> {
        let path = Self::path(store);
        let mut log: Self = match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|err| Error::Damaged {
                path: path.clone(),
                message: err.to_string(),
            })?,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(source) => return Err(Error::Io { path, source }),
        };
        if let Some(bad) = log
            .merges
            .iter()
            .flat_map(|e| [&e.absorbed, &e.into])
            .find(|iri| NamedNode::new(iri.as_str()).is_err())
        {
            return Err(Error::Damaged {
                path,
                message: format!("{} is no IRI", quoted(bad)),
            });
        }
        let mut settled = false;
        let mut kept = Vec::with_capacity(log.merges.len());
        for mut entry in std::mem::take(&mut log.merges) {
            if entry.state == State::Done {
                kept.push(entry);
                continue;
            }
            settled = true;
            let removed = parse_quads(&entry.removed, &path)?;
            let first_still_there = match removed.first() {
                Some(quad) => store.contains(quad.as_ref())?,
                None => false,
            };
            match (entry.state, first_still_there) {
                // The merge never took place, or its undoing did: no merge to keep.
                (State::Applying, true) | (State::Undoing, true) => {}
                _ => {
                    entry.state = State::Done;
                    kept.push(entry);
                }
            }
        }
        log.merges = kept;
        if settled {
            log.save(store)?;
        }
        Ok(log)
    }

    /// Written beside the record and renamed over it, so a crash leaves one or the other.
    fn save(&self, store: &Store) -> Result<(), Error> {
        let path = Self::path(store);
        let partial = path.with_extension("json.partial");
        let io = |source| Error::Io {
            path: path.clone(),
            source,
        };
        let bytes = serde_json::to_vec_pretty(self).map_err(|err| io(err.into()))?;
        std::fs::write(&partial, bytes).map_err(io)?;
        std::fs::rename(&partial, &path).map_err(io)?;
        Ok(())
    }
}

impl Entry {
    /// The entry as `merges` lists it.
    fn listed(&self, path: &Path) -> Result<Merge, Error> {
        Ok(Merge {
            number: self.number,
            absorbed: self.absorbed.clone(),
            absorbed_label: self.absorbed_label.clone(),
            into: self.into.clone(),
            into_label: self.into_label.clone(),
            recorded: utc_date_time(self.recorded),
            removed: parse_quads(&self.removed, path)?.len(),
            added: parse_quads(&self.added, path)?.len(),
        })
    }
}

/// The merges recorded, oldest first.
pub fn merges(store: &Store) -> Result<Vec<Merge>, Error> {
    let path = Log::path(store);
    Log::load(store)?
        .merges
        .iter()
        .map(|entry| entry.listed(&path))
        .collect()
}

/// Where ingest must send an entity IRI that a merge absorbed: the IRI that holds it now.
pub fn redirects(store: &Store) -> Result<HashMap<String, String>, Error> {
    let log = Log::load(store)?;
    let direct: HashMap<&str, &str> = log
        .merges
        .iter()
        .map(|e| (e.absorbed.as_str(), e.into.as_str()))
        .collect();
    let mut redirects = HashMap::new();
    for (&from, &to) in &direct {
        let mut target = to;
        // A later merge may have absorbed the absorbing entity in turn; each IRI is absorbed
        // at most once, so the chain is no longer than the record.
        for _ in 0..direct.len() {
            match direct.get(target) {
                Some(next) => target = next,
                None => break,
            }
        }
        redirects.insert(from.to_owned(), target.to_owned());
    }
    Ok(redirects)
}

/// Merges the entity `absorbed` into the entity `into` (each a label, an alias or an IRI) and
/// records it; returns the record's entry.
pub fn merge(
    store: &Store,
    absorbed: &str,
    into: &str,
    ontology: &Ontology,
) -> Result<Merge, Error> {
    let mut log = Log::load(store)?;
    let known = store.known_entities(ontology)?;
    let gone = find_entity(&known, absorbed)?;
    let kept = find_entity(&known, into)?;
    if gone.iri == kept.iri {
        return Err(Error::Same {
            first: absorbed.to_owned(),
            second: into.to_owned(),
            iri: gone.iri.as_str().to_owned(),
        });
    }
    let removed = store.quads_mentioning(gone.iri.as_ref())?;
    let mut added: Vec<Quad> = Vec::new();
    let mut seen = HashSet::new();
    for quad in &removed {
        for moved in moved_quads(quad, gone.iri.as_ref(), kept) {
            if seen.insert(moved.clone()) && !store.contains(moved.as_ref())? {
                added.push(moved);
            }
        }
    }
    let number = log.merges.iter().map(|e| e.number).max().unwrap_or(0) + 1;
    log.merges.push(Entry {
        number,
        absorbed: gone.iri.as_str().to_owned(),
        absorbed_label: gone.label.clone(),
        into: kept.iri.as_str().to_owned(),
        into_label: kept.label.clone(),
        recorded: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        state: State::Applying,
        removed: write_quads(&removed),
        added: write_quads(&added),
    });
    log.save(store)?;
    store.replace_quads(&removed, &added)?;
    let last = log.merges.len() - 1;
    log.merges[last].state = State::Done;
    let done = log.merges[last].listed(&Log::path(store))?;
    log.save(store)?;
    Ok(done)
}

/// Undoes merge `number`: takes out what it put in and puts back what it took out.
pub fn unmerge(store: &Store, number: u32) -> Result<Merge, Error> {
    let mut log = Log::load(store)?;
    let path = Log::path(store);
    let Some(index) = log.merges.iter().position(|e| e.number == number) else {
        return Err(Error::NoSuchMerge {
            number,
            numbers: log.merges.iter().map(|e| e.number).collect(),
        });
    };
    let entry = &log.merges[index];
    let touched = [entry.absorbed.as_str(), entry.into.as_str()];
    if let Some(later) = log.merges.iter().find(|e| {
        e.number > number
            && (touched.contains(&e.absorbed.as_str()) || touched.contains(&e.into.as_str()))
    }) {
        return Err(Error::LaterMerge {
            number,
            later: later.number,
        });
    }
    let removed = parse_quads(&entry.removed, &path)?;
    let added = parse_quads(&entry.added, &path)?;
    let mut changed = BTreeSet::new();
    for quad in &added {
        if !store.contains(quad.as_ref())? {
            changed.insert(graph_label(&quad.graph_name));
        }
    }
    for quad in &removed {
        if store.contains(quad.as_ref())? {
            changed.insert(graph_label(&quad.graph_name));
        }
    }
    if !changed.is_empty() {
        return Err(Error::Changed {
            number,
            changed: changed.into_iter().collect::<Vec<_>>().join(", "),
        });
    }
    let undone = entry.listed(&path)?;
    log.merges[index].state = State::Undoing;
    log.save(store)?;
    store.replace_quads(&added, &removed)?;
    log.merges.remove(index);
    log.save(store)?;
    Ok(undone)
}

fn graph_label(graph: &GraphName) -> String {
    match graph {
        GraphName::NamedNode(iri) => format!("<{}>", iri.as_str()),
        _ => "the merged graph".to_owned(),
    }
}

/// What a quad that mentions the absorbed entity becomes: the same with the absorbing entity
/// in its place, except that a label of the absorbed entity becomes an alias of the absorbing
/// one, and an article graph that labelled it now states the absorbing entity's label, as an
/// ingest of that article would after the merge.
fn moved_quads(quad: &Quad, gone: NamedNodeRef<'_>, kept: &KnownEntity) -> Vec<Quad> {
    let kept_label = Literal::from(kept.label.as_str());
    let is_gone = |term: &NamedOrBlankNode| matches!(term, NamedOrBlankNode::NamedNode(n) if n.as_ref() == gone);
    if is_gone(&quad.subject) && quad.predicate.as_ref() == rdfs::LABEL {
        let mut moved = Vec::new();
        if quad.object != Term::from(kept_label.clone()) {
            moved.push(Quad::new(
                kept.iri.clone(),
                skos::ALT_LABEL,
                quad.object.clone(),
                quad.graph_name.clone(),
            ));
        }
        if quad.graph_name.is_named_node() {
            moved.push(Quad::new(
                kept.iri.clone(),
                rdfs::LABEL,
                kept_label,
                quad.graph_name.clone(),
            ));
        }
        return moved;
    }
    if is_gone(&quad.subject)
        && quad.predicate.as_ref() == skos::ALT_LABEL
        && quad.object == Term::from(kept_label)
    {
        return Vec::new();
    }
    let subject = if is_gone(&quad.subject) {
        NamedOrBlankNode::from(kept.iri.clone())
    } else {
        quad.subject.clone()
    };
    let object = match &quad.object {
        Term::NamedNode(n) if n.as_ref() == gone => Term::from(kept.iri.clone()),
        other => other.clone(),
    };
    vec![Quad::new(
        subject,
        quad.predicate.clone(),
        object,
        quad.graph_name.clone(),
    )]
}

/// The entity a name stands for: an IRI, else its exact label, else a label or alias that
/// differs only in case, accents or punctuation.
fn find_entity<'a>(known: &'a [KnownEntity], name: &str) -> Result<&'a KnownEntity, Error> {
    if let Some(entity) = known.iter().find(|e| e.iri.as_str() == name) {
        return Ok(entity);
    }
    let folded = fold(name);
    let tiers: [&dyn Fn(&KnownEntity) -> bool; 3] =
        [&|e| e.label == name, &|e| fold(&e.label) == folded, &|e| {
            e.names.iter().any(|n| fold(n) == folded)
        }];
    for matches in tiers {
        let found: Vec<&KnownEntity> = known.iter().filter(|e| matches(e)).collect();
        match found.as_slice() {
            [] => {}
            [one] => return Ok(one),
            many => {
                return Err(Error::Ambiguous {
                    name: name.to_owned(),
                    candidates: many
                        .iter()
                        .map(|e| format!("{} <{}>", quoted(&e.label), e.iri.as_str()))
                        .collect(),
                });
            }
        }
    }
    let mut close: Vec<&str> = known
        .iter()
        .filter(|e| !folded.is_empty() && fold(&e.label).contains(&folded))
        .map(|e| e.label.as_str())
        .collect();
    close.sort_unstable();
    close.dedup();
    close.truncate(5);
    let close = close.into_iter().map(quoted).collect();
    Err(Error::UnknownEntity {
        name: name.to_owned(),
        close,
    })
}

fn write_quads(quads: &[Quad]) -> String {
    let mut serializer = RdfSerializer::from_format(RdfFormat::NQuads).for_writer(Vec::new());
    for quad in quads {
        // Writing into memory cannot fail.
        let _ = serializer.serialize_quad(quad);
    }
    String::from_utf8(serializer.finish().unwrap_or_default()).unwrap_or_default()
}

fn parse_quads(text: &str, path: &Path) -> Result<Vec<Quad>, Error> {
    RdfParser::from_format(RdfFormat::NQuads)
        .for_reader(text.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|err| Error::Damaged {
            path: path.to_owned(),
            message: err.to_string(),
        })
}

/// `YYYY-MM-DDTHH:MM:SSZ` of a count of seconds since 1970 (proleptic Gregorian calendar).
fn utc_date_time(seconds: u64) -> String {
    let days = seconds / 86_400;
    let rest = seconds % 86_400;
    // Days since 0000-03-01, so that the leap day ends each 4-, 100- and 400-year cycle.
    let shifted = days + 719_468;
    let era = shifted / 146_097;
    let day_of_era = shifted % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = era * 400 + year_of_era + u64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3_600,
        rest % 3_600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_list_of_merges_writes_each_merge_with_its_keys_in_alphabetical_order() {
        let merge = super::Merge {
            number: 1,
            absorbed: "https://w3id.org/factgraph/entity/alipay".into(),
            absorbed_label: "Alipay".into(),
            into: "https://w3id.org/factgraph/entity/ant-group".into(),
            into_label: "Ant Group".into(),
            recorded: "2026-12-06T00:17:42Z".into(),
            removed: 29,
            added: 26,
        };
        let listed = super::MergeList(vec![merge]);
        assert_eq!(
            serde_json::to_string_pretty(&listed).expect("json"),
            r#"{
  "merges": [
    {
      "absorbed": "https://w3id.org/factgraph/entity/alipay",
      "absorbed_label": "Alipay",
      "added": 26,
      "into": "https://w3id.org/factgraph/entity/ant-group",
      "into_label": "Ant Group",
      "number": 1,
      "recorded": "2026-12-06T00:17:42Z",
      "removed": 29
    }
  ]
}"#
        );
        assert_eq!(
            serde_json::to_string_pretty(&super::MergeList(Vec::new())).expect("json"),
            "{\n  \"merges\": []\n}"
        );
    }
    use super::*;
    use crate::diagnostic::WithHelp;

    #[test]
    fn dates_are_utc_calendar_dates() {
        assert_eq!(utc_date_time(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc_date_time(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(utc_date_time(1_609_891_199), "2021-01-05T23:59:59Z");
        assert_eq!(utc_date_time(4_107_542_400), "2100-03-01T00:00:00Z");
    }

    #[test]
    fn quads_round_trip_through_the_record() {
        let quads = vec![
            Quad::new(
                NamedNode::new_unchecked("https://e.org/a"),
                rdfs::LABEL,
                Literal::from("A \"quoted\"\nname"),
                NamedNode::new_unchecked("https://e.org/article/1"),
            ),
            Quad::new(
                oxigraph::model::BlankNode::new_unchecked("b1"),
                skos::ALT_LABEL,
                Literal::from("x"),
                GraphName::DefaultGraph,
            ),
        ];
        let text = write_quads(&quads);
        assert_eq!(
            parse_quads(&text, std::path::Path::new("log")).unwrap(),
            quads
        );
    }

    #[test]
    fn names_find_one_entity_or_say_why_not() {
        let entity = |iri: &str, label: &str, names: &[&str]| KnownEntity {
            iri: NamedNode::new_unchecked(iri),
            label: label.to_owned(),
            classes: vec!["Person".to_owned()],
            names: names.iter().map(|n| (*n).to_owned()).collect(),
            same_as: Vec::new(),
        };
        let known = [
            entity(
                "https://e.org/putin",
                "Vladimir Putin",
                &["Vladimir Putin", "Putin"],
            ),
            entity(
                "https://e.org/putin-s",
                "Vladimir Putin's",
                &["Vladimir Putin's"],
            ),
            entity("https://e.org/ma-1", "Jack Ma", &["Ma"]),
            entity("https://e.org/ma-2", "Jack Ma", &["Ma Yun"]),
        ];
        assert_eq!(
            find_entity(&known, "Vladimir Putin's")
                .unwrap()
                .iri
                .as_str(),
            "https://e.org/putin-s"
        );
        assert_eq!(
            find_entity(&known, "vladimir putin").unwrap().iri.as_str(),
            "https://e.org/putin"
        );
        assert_eq!(
            find_entity(&known, "PUTIN").unwrap().iri.as_str(),
            "https://e.org/putin"
        );
        assert_eq!(
            find_entity(&known, "https://e.org/ma-2").unwrap().label,
            "Jack Ma"
        );
        assert!(matches!(
            find_entity(&known, "Jack Ma"),
            Err(Error::Ambiguous { ref candidates, .. }) if candidates.len() == 2
        ));
        let unknown = WithHelp(&find_entity(&known, "Vladimir").unwrap_err()).to_string();
        assert!(
            unknown.contains("did you mean `Vladimir Putin`, `Vladimir Putin's`?"),
            "{unknown}"
        );
    }
}
