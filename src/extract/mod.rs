//! The built-in extractor: article text (plain, Markdown or HTML) to a fact sheet, offline,
//! from the lexicons in `data/lexicon/` and the entities already in the store.
//!
//! Entities are found by a multi-pattern matcher over every name and alias the lexicon and the
//! store know (longest match first, case-sensitive, whole words; a one-word alias such as a
//! surname only after a fuller name of the same entity), and by cues for names the lexicon does
//! not know (a company suffix, a person's title, "Executive Order 13971"). Facts come from the
//! relation patterns of `relations.json` applied to neighbouring mentions within a sentence:
//! verb phrases in the gap between them, or templates such as `{O}'s {S}`; a fact whose object
//! is followed by a list ("A, B and C"), or whose plural object noun by an "including" list,
//! is stated for every member. The gap is read through relative and purpose clauses ("which
//! aims to ban"), negation and hypothetical cues drop a fact, an indefinite "an executive
//! order" stands for the order the next sentences name (or, if none, for an entity of its own,
//! named from its facts), titles around a name give positions, and "takes effect in 45 days" an
//! effective date. Each fact carries its sentence, the sentence's span, a confidence and the
//! pattern that produced it.

pub mod eval;
mod lexicon;
mod sentences;
pub mod text;
mod values;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

pub use lexicon::{Lexicon, LexiconError, RelationPattern};
pub use values::date_in_name;

use crate::model::{Article, Entity, Fact, FactObject, FactSheet};
use crate::ontology::Ontology;
use crate::resolve::slug;

/// An entity the extractor should recognise besides the lexicon's (from the store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownName {
    pub name: String,
    pub class: String,
    pub aliases: Vec<String>,
    pub same_as: Vec<String>,
}

/// What is known of the article besides its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleMetadata {
    pub id: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub publisher: Option<String>,
    pub published: Option<String>,
}

/// How an article file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextFormat {
    Plain,
    Markdown,
    Html,
}

impl TextFormat {
    /// By the file's extension: `.txt`, `.md`, `.html`; `None` for other files.
    pub fn of_path(path: &std::path::Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Self::Plain),
            "md" | "markdown" => Some(Self::Markdown),
            "html" | "htm" => Some(Self::Html),
            _ => None,
        }
    }
}

/// An article's text, decoded and without markup, with its metadata: what `given` says, else
/// what an HTML page says of itself. The flag tells that the bytes were not UTF-8 (and were
/// read as Windows-1252).
pub fn read_article(
    bytes: &[u8],
    format: TextFormat,
    given: &ArticleMetadata,
) -> (String, ArticleMetadata, bool) {
    let (decoded, not_utf8) = text::decode(bytes);
    let mut metadata = given.clone();
    let plain = match format {
        TextFormat::Plain => decoded,
        TextFormat::Markdown => text::markdown_to_text(&decoded),
        TextFormat::Html => {
            let (plain, page) = text::html_to_text(&decoded);
            metadata.title = metadata
                .title
                .or(page.title.filter(|title| !title.trim().is_empty()));
            metadata.published = metadata.published.or(page.published);
            metadata.publisher = metadata.publisher.or(page.publisher);
            metadata.url = metadata.url.or(page.url);
            plain
        }
    };
    (plain, metadata, not_utf8)
}

/// The store's entities as the extractor takes them.
pub fn known_names(
    entities: Vec<crate::resolve::KnownEntity>,
    ontology: &Ontology,
) -> Vec<KnownName> {
    entities
        .into_iter()
        .map(|entity| {
            let class = entity
                .classes
                .iter()
                .find(|c| {
                    entity
                        .classes
                        .iter()
                        .all(|other| other == *c || !ontology.is_subclass_of(other, c))
                })
                .cloned()
                .unwrap_or_else(|| "Entity".to_owned());
            KnownName {
                aliases: entity
                    .names
                    .iter()
                    .filter(|n| **n != entity.label)
                    .cloned()
                    .collect(),
                name: entity.label,
                class,
                same_as: entity.same_as,
            }
        })
        .collect()
}

/// One surface form the matcher looks for.
struct Surface {
    entity: usize,
    /// A one-word alias that is not the entity's name: used only after a fuller mention.
    needs_antecedent: bool,
    /// A demonym ("Chinese") of a country.
    demonym: bool,
}

/// A stretch of the text that names an entity of the article's table.
#[derive(Debug, Clone, Copy)]
struct Mention {
    start: usize,
    end: usize,
    entity: usize,
    demonym: bool,
}

/// A fact found in a sentence, before the sheet is written.
#[derive(Clone)]
struct Candidate {
    subject: usize,
    predicate: String,
    object: Target,
    confidence: f64,
    rule: String,
    sentence: usize,
    /// Byte range in the sentence from the first mention to the last, for quoting a window of
    /// a sentence too long to quote whole.
    around: (usize, usize),
}

/// Titles a person holds, as found around the name.
struct Holding {
    /// Lower-cased titles, each with whether it is a head title.
    titles: Vec<(String, bool)>,
    organization: Option<usize>,
    /// A known position named without an organization ("the commerce secretary").
    known: Option<usize>,
    former: bool,
}

/// How the words around a relation's phrase let the fact stand.
enum Reading {
    Stated,
    /// Negated, or the right mention is in a clause of its own.
    Unstated,
    /// "would", "could", "plans to": not stated as true.
    Hypothetical,
    /// "… that seeks to bar": the subject is the relative pronoun's antecedent.
    Relative,
}

/// A relation pattern that reads the gap between two mentions.
struct PatternMatch<'a> {
    pattern: &'a RelationPattern,
    rule: String,
    subject_first: bool,
    /// Where the phrase begins in the gap, and its length in words; `None` for a template.
    phrase_at: Option<usize>,
    phrase_len: usize,
}

/// Facts about an entity that stands for several ("two executive orders") hold for each.
fn spread(facts: Vec<Candidate>, several: &[(usize, Vec<usize>)]) -> Vec<Candidate> {
    if several.is_empty() {
        return facts;
    }
    let mut others: HashMap<usize, BTreeSet<usize>> = HashMap::new();
    for (entity, more) in several {
        others.entry(*entity).or_default().extend(more);
    }
    let mut out = Vec::with_capacity(facts.len());
    for fact in facts {
        if let Some(more) = others.get(&fact.subject) {
            for other in more {
                if fact.object != Target::Entity(*other) {
                    out.push(Candidate {
                        subject: *other,
                        ..fact.clone()
                    });
                }
            }
        }
        if let Target::Entity(object) = fact.object {
            for other in others.get(&object).into_iter().flatten() {
                if fact.subject != *other {
                    out.push(Candidate {
                        object: Target::Entity(*other),
                        ..fact.clone()
                    });
                }
            }
        }
        out.push(fact);
    }
    out
}

/// What a fact points at: an entity of the article's table, or a value.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    Entity(usize),
    Value(FactObject),
}

/// A relation pattern with its phrases and templates already split into tokens.
struct Prepared {
    pattern: usize,
    phrases: Vec<(Vec<String>, String)>,
    /// The literal between the slots, whether the subject comes first, the template.
    templates: Vec<(Vec<String>, bool, String)>,
    /// Has the template `{demonym} {S}`: "Chinese drone maker DJI" gives DJI and China.
    demonym_subject: bool,
    /// The words of templates `{demonym} … {S}` ("billionaire"), which say more than a
    /// demonym alone.
    demonym_literals: Vec<(Vec<String>, String)>,
}

/// Which patterns a gap between two mentions could match, found from its words instead of by
/// trying every pattern on every gap (that scan was the extractor's largest cost).
#[derive(Default)]
struct PatternIndex {
    /// (pattern, template) by the template's literal words.
    templates: HashMap<Vec<String>, Vec<(usize, usize)>>,
    /// (pattern, phrase) by the phrase's first word.
    phrases: HashMap<String, Vec<(usize, usize)>>,
}

impl PatternIndex {
    fn new(prepared: &[Prepared]) -> Self {
        let mut index = PatternIndex::default();
        for (p, prepared) in prepared.iter().enumerate() {
            for (t, (literal, _, _)) in prepared.templates.iter().enumerate() {
                index
                    .templates
                    .entry(literal.clone())
                    .or_default()
                    .push((p, t));
            }
            for (i, (words, _)) in prepared.phrases.iter().enumerate() {
                if let Some(first) = words.first() {
                    index.phrases.entry(first.clone()).or_default().push((p, i));
                }
            }
        }
        index
    }

    /// The templates equal to `raw` and the phrases starting with a word of `gap`, in the order
    /// of the patterns and, within one, templates before phrases: the order a scan over every
    /// pattern would try them in.
    fn candidates(&self, raw: &[String], gap: &[&str], phrases: bool) -> Vec<(usize, bool, usize)> {
        let mut found: Vec<(usize, bool, usize)> = self
            .templates
            .get(raw)
            .into_iter()
            .flatten()
            .map(|&(p, t)| (p, false, t))
            .collect();
        if phrases {
            for word in gap {
                if let Some(starting) = self.phrases.get(*word) {
                    found.extend(starting.iter().map(|&(p, i)| (p, true, i)));
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// The cue phrases of `cues.json` that sentences are searched for — the definite descriptions,
/// the pronouns, the nouns of indefinite descriptions, the inclusion cues — all found in one
/// pass over a sentence's lower-cased text, rather than one search per phrase (those searches
/// were a sixth of the extractor's time).
struct CuePhrases {
    automaton: AhoCorasick,
    /// Where the nouns of indefinite descriptions and the inclusion cues begin among the phrases.
    nouns: usize,
    inclusion_cues: usize,
}

impl CuePhrases {
    fn new(lexicon: &Lexicon) -> Result<Self, Error> {
        let references = lexicon
            .definite_descriptions
            .iter()
            .chain(&lexicon.pronouns)
            .map(|(words, _)| words);
        let nouns = lexicon.definite_descriptions.len() + lexicon.pronouns.len();
        let phrases = references
            .chain(lexicon.cataphora.nouns.keys())
            .chain(&lexicon.inclusion_cues);
        // A prefilter looks for rare bytes, and the bytes of "he" or "the order" are not rare:
        // a plain DFA is faster on these few phrases.
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .prefilter(false)
            .build(phrases)
            .map_err(|err| Error::Matcher(err.to_string()))?;
        Ok(Self {
            automaton,
            nouns,
            inclusion_cues: nouns + lexicon.cataphora.nouns.len(),
        })
    }

    /// Where the phrases occur in a sentence, as (phrase, byte offset): phrase by phrase and
    /// left to right within one, the places of one phrase not overlapping, as a `match_indices`
    /// search for each phrase in turn over the ASCII-lower-cased text finds them.
    fn places(&self, text: &str) -> Vec<(usize, usize)> {
        let mut free_from = vec![0; self.automaton.patterns_len()];
        let mut places = Vec::new();
        for found in self
            .automaton
            .find_overlapping_iter(&text.to_ascii_lowercase())
        {
            let phrase = found.pattern().as_usize();
            if found.start() >= free_from[phrase] {
                free_from[phrase] = found.end();
                places.push((phrase, found.start()));
            }
        }
        places.sort_unstable();
        places
    }

    /// Of a sentence's places, those of the definite descriptions and then the pronouns,
    /// numbered as the lexicon lists them.
    fn references<'p>(
        &self,
        places: &'p [(usize, usize)],
    ) -> impl Iterator<Item = (usize, usize)> + 'p {
        kind_of(places, 0, self.nouns)
    }

    /// Of a sentence's places, those of the nouns of indefinite descriptions.
    fn nouns<'p>(&self, places: &'p [(usize, usize)]) -> impl Iterator<Item = (usize, usize)> + 'p {
        kind_of(places, self.nouns, self.inclusion_cues)
    }

    /// Of a sentence's places, those of the inclusion cues.
    fn inclusion_cues<'p>(
        &self,
        places: &'p [(usize, usize)],
    ) -> impl Iterator<Item = (usize, usize)> + 'p {
        kind_of(places, self.inclusion_cues, usize::MAX)
    }
}

/// The places of the phrases from `first` to before `end`, numbered from `first`.
fn kind_of(
    places: &[(usize, usize)],
    first: usize,
    end: usize,
) -> impl Iterator<Item = (usize, usize)> + '_ {
    let from = places.partition_point(|p| p.0 < first);
    let to = places.partition_point(|p| p.0 < end);
    places[from..to]
        .iter()
        .map(move |&(phrase, at)| (phrase - first, at))
}

/// The extractor, built once and used for many articles.
pub struct Extractor {
    prepared: Vec<Prepared>,
    pattern_index: PatternIndex,
    /// The longest gap a phrase can fill, to skip far-apart mentions at once.
    widest_gap: usize,
    lexicon: Lexicon,
    ontology: &'static Ontology,
    known: Vec<KnownName>,
    /// The sheet ids of the known entities' names, made once: `slug` normalises Unicode, too
    /// slow to run again for every entity of every article.
    known_ids: HashMap<String, String>,
    matcher: AhoCorasick,
    surfaces: Vec<Surface>,
    /// Every person title followed by a space, found in one pass over a capitalised run:
    /// trying each title in turn was most of the extractor's time.
    person_title_matcher: AhoCorasick,
    /// The titles of `cues.json` as lower-cased words, each with whether it is a head title.
    titles: Vec<(Vec<String>, bool)>,
    cue_phrases: CuePhrases,
    /// Known positions by the lower-cased words of their names and aliases.
    positions: HashMap<String, usize>,
    /// The words of person titles ("chairman", "billionaire"): not part of a relation's gap.
    title_words: BTreeSet<String>,
    /// Purpose cues as words ("aims to").
    purpose_cues: Vec<Vec<String>>,
    /// Inclusion cues as words ("including", "such as").
    inclusion_cues: Vec<Vec<String>>,
    /// Negation and hypothetical cues as words.
    negation_cues: Vec<Vec<String>>,
    hypothetical_cues: Vec<Vec<String>>,
    /// Lower-cased one-word place nouns ("city", "province").
    place_nouns: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
    #[error(transparent)]
    Ontology(#[from] crate::ontology::Error),
    #[error("cannot build the name matcher: {0}")]
    Matcher(String),
}

/// An entity of the article being read.
struct Found {
    name: String,
    class: String,
    aliases: BTreeSet<String>,
    same_as: Vec<String>,
    /// Described but never named ("an executive order" and no number follows): `name` is the
    /// description's noun until the article's facts name it.
    unnamed: bool,
    /// An unnamed entity that took part in no fact: not written.
    dropped: bool,
}

impl Extractor {
    /// The extractor with the built-in lexicon and `extra` entities (those of a store).
    pub fn new(extra: Vec<KnownName>) -> Result<Self, Error> {
        let lexicon = Lexicon::embedded()?;
        let ontology = Ontology::embedded()?;
        let mut known: Vec<KnownName> = lexicon
            .entities
            .iter()
            .map(|e| KnownName {
                name: e.name.clone(),
                class: e.class.clone(),
                aliases: e.aliases.clone(),
                same_as: e.same_as.clone(),
            })
            .collect();
        let from_lexicon: BTreeSet<(String, String)> = known
            .iter()
            .map(|k| (k.name.clone(), k.class.clone()))
            .collect();
        known.extend(
            extra
                .into_iter()
                .filter(|k| !from_lexicon.contains(&(k.name.clone(), k.class.clone()))),
        );
        let mut patterns: Vec<String> = Vec::new();
        let mut surfaces = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut add = |form: &str, surface: Surface, patterns: &mut Vec<String>| {
            // Two entities sharing a form: the first listed (the lexicon's) keeps it.
            if form.chars().count() < 2 || seen.contains_key(form) {
                return;
            }
            seen.insert(form.to_owned(), patterns.len());
            patterns.push(form.to_owned());
            surfaces.push(surface);
        };
        for (index, entity) in known.iter().enumerate() {
            add(
                &entity.name,
                Surface {
                    entity: index,
                    needs_antecedent: false,
                    demonym: false,
                },
                &mut patterns,
            );
            for alias in &entity.aliases {
                add(
                    alias,
                    Surface {
                        entity: index,
                        needs_antecedent: needs_antecedent(alias, entity),
                        demonym: false,
                    },
                    &mut patterns,
                );
            }
        }
        for (index, entity) in lexicon.entities.iter().enumerate() {
            for demonym in &entity.demonyms {
                add(
                    demonym,
                    Surface {
                        entity: index,
                        needs_antecedent: false,
                        demonym: true,
                    },
                    &mut patterns,
                );
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|err| Error::Matcher(err.to_string()))?;
        let person_title_matcher =
            AhoCorasick::new(lexicon.person_titles.iter().map(|t| format!("{t} ")))
                .map_err(|err| Error::Matcher(err.to_string()))?;
        let cue_phrases = CuePhrases::new(&lexicon)?;
        let prepared: Vec<Prepared> = lexicon
            .relations
            .iter()
            .enumerate()
            .map(|(index, pattern)| Prepared {
                pattern: index,
                phrases: pattern
                    .phrases
                    .iter()
                    .map(|p| (tokens(p), p.clone()))
                    .filter(|(t, _)| !t.is_empty())
                    .collect(),
                templates: pattern
                    .templates
                    .iter()
                    .filter_map(|t| {
                        let (gap, subject_first) = template_gap(t)?;
                        Some((tokens(&gap), subject_first, t.clone()))
                    })
                    .collect(),
                demonym_subject: pattern.templates.iter().any(|t| t == "{demonym} {S}"),
                demonym_literals: pattern
                    .templates
                    .iter()
                    .filter_map(|t| {
                        let words = t.strip_prefix("{demonym} ")?.strip_suffix(" {S}")?;
                        (!words.contains('{')).then(|| (tokens(words), t.clone()))
                    })
                    .collect(),
            })
            .collect();
        let pattern_index = PatternIndex::new(&prepared);
        let known_ids = known
            .iter()
            .map(|k| (k.name.clone(), sheet_id(&k.name)))
            .collect();
        let widest_gap = prepared
            .iter()
            .flat_map(|p| {
                p.phrases
                    .iter()
                    .map(|(t, _)| t.len() + 4)
                    .chain(p.templates.iter().map(|(t, _, _)| t.len()))
            })
            .max()
            .unwrap_or(0);
        let titles = lexicon
            .head_titles
            .iter()
            .map(|t| (tokens(t), true))
            .chain(lexicon.other_titles.iter().map(|t| (tokens(t), false)))
            .collect();
        let mut positions = HashMap::new();
        for (index, entity) in known.iter().enumerate() {
            if entity.class == "Position" {
                for form in std::iter::once(&entity.name).chain(&entity.aliases) {
                    positions.entry(tokens(form).join(" ")).or_insert(index);
                }
            }
        }
        let title_words = lexicon
            .person_titles
            .iter()
            .flat_map(|t| tokens(t))
            .filter(|w| !matches!(w.as_str(), "of" | "and" | "the"))
            .collect();
        let as_words = |cues: &[String]| -> Vec<Vec<String>> {
            cues.iter()
                .map(|c| tokens(c))
                .filter(|c| !c.is_empty())
                .collect()
        };
        let purpose_cues = as_words(&lexicon.purpose);
        let inclusion_cues = as_words(&lexicon.inclusion_cues);
        let negation_cues = as_words(&lexicon.negation);
        let hypothetical_cues = as_words(&lexicon.hypothetical);
        let place_nouns = lexicon
            .place_nouns
            .iter()
            .filter(|n| !n.contains(' '))
            .cloned()
            .collect();
        Ok(Self {
            prepared,
            pattern_index,
            widest_gap,
            lexicon,
            ontology,
            known,
            known_ids,
            matcher,
            surfaces,
            person_title_matcher,
            titles,
            cue_phrases,
            positions,
            title_words,
            purpose_cues,
            inclusion_cues,
            negation_cues,
            hypothetical_cues,
            place_nouns,
        })
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The publication date an article states near its top: on a line of its own that is no
    /// sentence (a date line such as "September 27, 2018", "Broadcast: March 26, 2004", a
    /// byline with a date), or in a dateline before the dash or parenthesis that opens a
    /// paragraph ("WASHINGTON, Sept. 27, 2018 — …"). Line 1, the title, is left out. A date
    /// inside a sentence ("Mandela was born on July 18, 1918.", "On July 20, 1995, the United
    /// States filed …") is an event's, not the article's.
    pub fn publication_date(&self, text: &str) -> Option<String> {
        const DATE_LINE: usize = 160;
        const DATELINE: usize = 60;
        text.lines()
            .skip(1)
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .take(8)
            .find_map(|line| {
                let part = if line.len() <= DATE_LINE && !line.ends_with(['.', '!', '?', '"', '”'])
                {
                    line
                } else {
                    let mut end = DATELINE.min(line.len());
                    while !line.is_char_boundary(end) {
                        end -= 1;
                    }
                    let opening = &line[..end];
                    let cut = [" — ", " – ", " - ", " -- ", " ("]
                        .iter()
                        .filter_map(|mark| opening.find(mark))
                        .min()?;
                    &line[..cut]
                };
                values::full_date(&values::Words::new(part), &self.lexicon.values)
            })
    }

    /// Reads one article's plain text.
    pub fn extract(&self, text: &str, metadata: &ArticleMetadata) -> FactSheet {
        let all = sentences::split(text, &self.lexicon.abbreviations);
        let sentences: Vec<&sentences::Sentence> = all
            .iter()
            .filter(|s| !self.is_boilerplate(&s.text))
            .collect();
        let mut table: Vec<Found> = Vec::new();
        let mut by_known: HashMap<usize, usize> = HashMap::new();
        let mut by_name: HashMap<(String, String), usize> = HashMap::new();
        // Names first, all of them: "signed an executive order" stands for the order the next
        // sentences name.
        let mut named: Vec<Vec<Mention>> = sentences
            .iter()
            .map(|s| self.mentions(s, &mut table, &mut by_known, &mut by_name))
            .collect();
        let cue_places: Vec<Vec<(usize, usize)>> = sentences
            .iter()
            .map(|s| self.cue_phrases.places(&s.text))
            .collect();
        let mut cataphoric = self.cataphora(&sentences, &named, &cue_places, &mut table);
        let published = metadata.published.as_deref();
        let mut facts = Vec::new();
        // The entities mentioned so far, in order, for "the order" and "he" to refer back to.
        let mut history: Vec<usize> = Vec::new();
        // What each plural indefinite description stood for, for "the orders" to refer back to.
        let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
        // Signing dates found so far: "takes effect in 45 days" counts from them.
        let mut signed: HashMap<usize, String> = HashMap::new();
        for (index, sentence) in sentences.iter().enumerate() {
            let mut mentions = std::mem::take(&mut named[index]);
            // An entity standing for several (plural descriptions) and the others it stands for.
            let mut several: Vec<(usize, Vec<usize>)> = Vec::new();
            for (mention, others) in std::mem::take(&mut cataphoric[index]) {
                mentions.push(mention);
                if !others.is_empty() {
                    let mut group = vec![mention.entity];
                    group.extend(&others);
                    for member in &group {
                        groups.insert(*member, group.clone());
                    }
                    several.push((mention.entity, others));
                }
            }
            mentions.sort_by_key(|m| m.start);
            let cues = &cue_places[index];
            for (reference, plural) in
                self.references(&sentence.text, cues, &mentions, &history, &table)
            {
                if plural {
                    if let Some(group) = groups.get(&reference.entity) {
                        let others = group
                            .iter()
                            .copied()
                            .filter(|e| *e != reference.entity)
                            .collect();
                        several.push((reference.entity, others));
                    }
                }
                mentions.push(reference);
            }
            mentions.sort_by_key(|m| m.start);
            let mut related = self.relations(sentence, index, &mentions, &table);
            related.extend(self.inclusions(sentence, index, cues, &mentions, &table));
            // Counts and effect durations begin with a number: the words of a sentence without a
            // digit are not read for them.
            let words = sentence
                .text
                .bytes()
                .any(|b| b.is_ascii_digit())
                .then(|| values::Words::new(&sentence.text));
            let mut found = self.event_dates(&sentence.text, &related, published);
            found.extend(related);
            if let Some(words) = &words {
                found.extend(self.counts(words, index, &mentions, &table));
            }
            found.extend(self.titles(sentence, index, &mentions, &mut table, &mut by_name));
            found.extend(self.apposed_titles(
                sentence,
                index,
                &mentions,
                &history,
                &mut table,
                &mut by_name,
            ));
            let mut found = spread(found, &several);
            // "takes effect in 45 days" counts from the day the instrument's event dated it.
            for fact in &found {
                if let Target::Value(FactObject::Date(date)) = &fact.object {
                    if self
                        .lexicon
                        .event_dates
                        .values()
                        .any(|p| *p == fact.predicate)
                    {
                        signed.insert(fact.subject, date.clone());
                    }
                }
            }
            if let Some(words) = &words {
                let effects =
                    self.effect_dates(words, index, &mentions, &table, &signed, published);
                found.extend(spread(effects, &several));
            }
            facts.extend(found);
            history.extend(mentions.iter().filter(|m| !m.demonym).map(|m| m.entity));
            for (_, others) in &several {
                history.extend(others);
            }
        }
        let id = article_id(text, metadata);
        self.describe_unnamed(&mut table, &mut facts, &id, published);
        self.sheet(id, metadata, &sentences, table, facts)
    }

    fn is_boilerplate(&self, sentence: &str) -> bool {
        self.is_furniture(sentence)
            || self
                .lexicon
                .boilerplate_prefixes
                .iter()
                .chain(&self.lexicon.section_headers)
                .any(|prefix| sentence.starts_with(prefix.as_str()))
    }

    /// Whether a line is a page's control ("Type to search") rather than its text.
    fn is_furniture(&self, line: &str) -> bool {
        let bare = line
            .trim()
            .trim_end_matches([':', '.'])
            .trim()
            .to_lowercase();
        self.lexicon.furniture_lines.contains(&bare)
    }

    /// The mentions of one sentence, left to right, entering new entities in the table.
    fn mentions(
        &self,
        sentence: &sentences::Sentence,
        table: &mut Vec<Found>,
        by_known: &mut HashMap<usize, usize>,
        by_name: &mut HashMap<(String, String), usize>,
    ) -> Vec<Mention> {
        let text = sentence.text.as_str();
        let mut mentions = Vec::new();
        for found in self.matcher.find_iter(text) {
            let (start, end) = (found.start(), found.end());
            if !at_word_boundaries(text, start, end) {
                continue;
            }
            let surface = &self.surfaces[found.pattern().as_usize()];
            if surface.needs_antecedent && !by_known.contains_key(&surface.entity) {
                continue;
            }
            let entity = if surface.demonym {
                // Demonyms come from the lexicon's entities, whose indices the known list keeps.
                let country = &self.lexicon.entities[surface.entity];
                enter(
                    table,
                    by_name,
                    &country.name,
                    &country.class,
                    None,
                    &country.same_as,
                )
            } else {
                let known = &self.known[surface.entity];
                let index = *by_known.entry(surface.entity).or_insert_with(|| {
                    let index = enter(
                        table,
                        by_name,
                        &known.name,
                        &known.class,
                        None,
                        &known.same_as,
                    );
                    // The known aliases go along, so that the graph answers to them too.
                    table[index].aliases.extend(known.aliases.iter().cloned());
                    index
                });
                let form = &text[start..end];
                if form != known.name {
                    table[index].aliases.insert(form.to_owned());
                }
                index
            };
            mentions.push(Mention {
                start,
                end,
                entity,
                demonym: surface.demonym,
            });
        }
        for (start, end, class) in self.cued_names(text, &mentions) {
            let name = &text[start..end];
            let entity = enter(table, by_name, name, class, None, &[]);
            mentions.push(Mention {
                start,
                end,
                entity,
                demonym: false,
            });
        }
        mentions.sort_by_key(|m| m.start);
        mentions
    }

    /// Definite descriptions ("the order", "the company") and pronouns ("he", "she") as
    /// mentions of the latest entity of their class: a description looks back through the
    /// sentence and the article, a pronoun through the sentences before its own. The flag
    /// tells a plural description ("the orders").
    fn references(
        &self,
        text: &str,
        cue_places: &[(usize, usize)],
        mentions: &[Mention],
        history: &[usize],
        table: &[Found],
    ) -> Vec<(Mention, bool)> {
        let fits =
            |entity: usize, class: &str| self.ontology.is_subclass_of(&table[entity].class, class);
        let mut references = Vec::new();
        let descriptions = &self.lexicon.definite_descriptions;
        for (phrase, start) in self.cue_phrases.references(cue_places) {
            let ((words, class), look_in_sentence) = match descriptions.get(phrase) {
                Some(description) => (description, true),
                None => (&self.lexicon.pronouns[phrase - descriptions.len()], false),
            };
            let end = start + words.len();
            // Mentions come in order and do not overlap: a binary search finds those before
            // the description (a 20 MB paragraph has many).
            let before = mentions.partition_point(|m| m.end <= start);
            let taken = mentions.get(before).is_some_and(|m| m.start < end);
            if taken || !at_word_boundaries(text, start, end) {
                continue;
            }
            let in_sentence = mentions[..if look_in_sentence { before } else { 0 }]
                .iter()
                .rev()
                .filter(|m| !m.demonym)
                .map(|m| m.entity);
            let referent = in_sentence
                .chain(history.iter().rev().copied())
                .take(REFERENCE_REACH)
                .find(|e| fits(*e, class) && self.kind_fits(words, &table[*e].name));
            if let Some(entity) = referent {
                let mention = Mention {
                    start,
                    end,
                    entity,
                    demonym: false,
                };
                references.push((mention, self.lexicon.plural_descriptions.contains(words)));
            }
        }
        references
    }

    /// Indefinite descriptions ("an executive order", "two executive orders") as mentions of
    /// the entities of their class that the text names first after them, in the same sentence
    /// or in the next few: wire copy leads with "signed an executive order" and names it in
    /// the next paragraph. Each comes with the further entities a plural stands for. A singular
    /// description of a class that `cues.json` lists as `unnamed` that no name stands for
    /// becomes an entity of its own, which `describe_unnamed` names once its facts are known.
    fn cataphora(
        &self,
        sentences: &[&sentences::Sentence],
        named: &[Vec<Mention>],
        cue_places: &[Vec<(usize, usize)>],
        table: &mut Vec<Found>,
    ) -> Vec<Vec<(Mention, Vec<usize>)>> {
        let cues = &self.lexicon.cataphora;
        let nouns: Vec<(&String, &String)> = cues.nouns.iter().collect();
        let mut seen = BTreeSet::new();
        // Where each entity is named first, in text order.
        let mut firsts: Vec<(usize, usize, usize)> = Vec::new();
        for (index, mentions) in named.iter().enumerate() {
            for mention in mentions.iter().filter(|m| !m.demonym) {
                if seen.insert(mention.entity) {
                    firsts.push((index, mention.start, mention.entity));
                }
            }
        }
        let mut claimed = BTreeSet::new();
        let mut out = Vec::with_capacity(sentences.len());
        for (index, sentence) in sentences.iter().enumerate() {
            let text = sentence.text.as_str();
            let lower = text.to_ascii_lowercase();
            let mut descriptions = Vec::new();
            for (noun, noun_start) in self.cue_phrases.nouns(&cue_places[index]) {
                let (noun, class) = nouns[noun];
                let end = noun_start + noun.len();
                if !at_word_boundaries(text, noun_start, end) {
                    continue;
                }
                let before = &lower[..noun_start];
                let Some((start, count)) = cues
                    .determiners
                    .iter()
                    .filter_map(|(determiner, count)| {
                        let start = before
                            .strip_suffix(' ')?
                            .strip_suffix(determiner.as_str())?
                            .len();
                        at_word_boundaries(text, start, noun_start - 1).then_some((start, *count))
                    })
                    .min_by_key(|(start, _)| *start)
                else {
                    continue;
                };
                let named = &named[index];
                let next = named.partition_point(|m| m.end <= start);
                if named.get(next).is_some_and(|m| m.start < end) {
                    continue;
                }
                descriptions.push((start, end, noun, class, count));
            }
            descriptions.sort_by_key(|d| d.0);
            let mut found = Vec::new();
            for (start, end, noun, class, count) in descriptions {
                let from = firsts.partition_point(|f| (f.0, f.1) < (index, end));
                // A bounded look, so that a paragraph of descriptions stays linear.
                let referents: Vec<usize> = firsts[from..]
                    .iter()
                    .take(64)
                    .take_while(|f| f.0 <= index + cues.window)
                    .map(|f| f.2)
                    .filter(|e| {
                        !claimed.contains(e)
                            && self.ontology.is_subclass_of(&table[*e].class, class)
                            && self.kind_fits(noun, &table[*e].name)
                    })
                    .take(count)
                    .collect();
                // A plural whose members are not all named is left alone: its facts would be
                // spread over too few.
                if referents.len() < count {
                    let unnamed = &cues.unnamed.classes;
                    if count == 1
                        && referents.is_empty()
                        && unnamed
                            .iter()
                            .any(|c| self.ontology.is_subclass_of(class, c))
                    {
                        table.push(Found {
                            name: noun.clone(),
                            class: class.clone(),
                            aliases: BTreeSet::new(),
                            same_as: Vec::new(),
                            unnamed: true,
                            dropped: false,
                        });
                        let mention = Mention {
                            start,
                            end,
                            entity: table.len() - 1,
                            demonym: false,
                        };
                        found.push((mention, Vec::new()));
                    }
                    continue;
                }
                claimed.extend(referents.iter().copied());
                let mention = Mention {
                    start,
                    end,
                    entity: referents[0],
                    demonym: false,
                };
                found.push((mention, referents[1..].to_vec()));
            }
            out.push(found);
        }
        out
    }

    /// Names the entities the article describes but never names, from its facts: "executive
    /// order signed by Donald Trump on 2021-01-05 banning Alipay" (who signed it, when, what it
    /// does; `cues.json` `unnamed`), the publication day standing in for an unknown signing day
    /// ("…, reported 2021-01-06"). A name that says neither who nor what, or no day, carries the
    /// article's id too: entity resolution joins entities by name, and two articles' orders
    /// must not become one for sharing a vague description. One that takes part in no fact with
    /// another entity is dropped with its facts; the others' facts are less sure.
    fn describe_unnamed(
        &self,
        table: &mut [Found],
        facts: &mut Vec<Candidate>,
        article: &str,
        published: Option<&str>,
    ) {
        /// What the facts say of one unnamed entity, the first of each kind.
        #[derive(Default)]
        struct Said {
            related: bool,
            agent: Option<(usize, usize)>,
            action: Option<(usize, usize)>,
            signed: Option<String>,
        }
        if !table.iter().any(|f| f.unnamed) {
            return;
        }
        let rules = &self.lexicon.cataphora.unnamed;
        // One pass over the facts (an article may describe many orders).
        let mut said: HashMap<usize, Said> = HashMap::new();
        for (index, fact) in facts.iter().enumerate() {
            let subject = fact.subject;
            match &fact.object {
                Target::Entity(object) if *object != subject => {
                    if table[*object].unnamed {
                        let entry = said.entry(*object).or_default();
                        entry.related = true;
                        if entry.agent.is_none() && rules.agents.contains_key(&fact.predicate) {
                            entry.agent = Some((index, subject));
                        }
                    }
                    if table[subject].unnamed {
                        let entry = said.entry(subject).or_default();
                        entry.related = true;
                        if entry.action.is_none() && rules.actions.contains_key(&fact.predicate) {
                            entry.action = Some((index, *object));
                        }
                    }
                }
                Target::Value(FactObject::Date(day))
                    if table[subject].unnamed
                        && self
                            .lexicon
                            .event_dates
                            .values()
                            .any(|p| *p == fact.predicate) =>
                {
                    let entry = said.entry(subject).or_default();
                    if entry.signed.is_none() {
                        entry.signed = Some(day.clone());
                    }
                }
                _ => {}
            }
        }
        let mut used: HashSet<String> = table
            .iter()
            .filter(|f| !f.unnamed)
            .map(|f| f.name.clone())
            .collect();
        // The next number to try for a name already given, so that many alike stay linear.
        let mut next: HashMap<String, usize> = HashMap::new();
        for entity in 0..table.len() {
            if !table[entity].unnamed {
                continue;
            }
            let Some(what) = said.get(&entity).filter(|s| s.related) else {
                table[entity].dropped = true;
                continue;
            };
            let words = |rule: &BTreeMap<String, String>, (fact, other): (usize, usize)| {
                let words = rule.get(&facts[fact].predicate).map_or("", String::as_str);
                format!(" {words} {}", table[other].name)
            };
            let agent = what.agent.map(|a| words(&rules.agents, a));
            let action = what.action.map(|a| words(&rules.actions, a));
            let mut name = table[entity].name.clone();
            name.push_str(agent.as_deref().unwrap_or_default());
            if let Some(day) = &what.signed {
                name.push_str(&format!(" on {day}"));
            }
            name.push_str(action.as_deref().unwrap_or_default());
            if let (None, Some(day)) = (&what.signed, published) {
                name.push_str(&format!(", reported {day}"));
            }
            let dated = what.signed.is_some() || published.is_some();
            if !dated || (agent.is_none() && action.is_none()) {
                name.push_str(&format!(" (article {article})"));
            }
            // Two alike in one article stay two.
            let mut unique = name.clone();
            if !used.insert(unique.clone()) {
                let count = next.entry(name.clone()).or_insert(1);
                loop {
                    *count += 1;
                    unique = format!("{name} ({count})");
                    if used.insert(unique.clone()) {
                        break;
                    }
                }
            }
            table[entity].name = unique;
        }
        let dropped = |e: usize| table[e].dropped;
        facts.retain(|f| {
            !dropped(f.subject) && !matches!(f.object, Target::Entity(o) if dropped(o))
        });
        for fact in facts.iter_mut() {
            let about = table[fact.subject].unnamed
                || matches!(fact.object, Target::Entity(o) if table[o].unnamed);
            if about {
                fact.confidence *= rules.confidence;
            }
        }
    }

    /// Whether a description ("the executive order") may refer to an entity: one whose head
    /// noun is a named kind must find it in the entity's name ("Executive Order 13873", not
    /// the Entity List).
    fn kind_fits(&self, description: &str, name: &str) -> bool {
        let Some(head) = description.rsplit(' ').next() else {
            return true;
        };
        if !self.lexicon.named_kinds.iter().any(|k| k == head) {
            return true;
        }
        let singular = head.strip_suffix('s').unwrap_or(head);
        // "the directive" may be an executive order.
        let synonyms = self
            .lexicon
            .kind_synonyms
            .get(singular)
            .or_else(|| self.lexicon.kind_synonyms.get(head))
            .map_or(&[][..], Vec::as_slice);
        name.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == singular || w == head || synonyms.iter().any(|s| s == w))
    }

    /// "The orders, which take effect in 45 days": the nearest legal instrument named before
    /// the phrase takes effect that many days after its signing, else after publication.
    fn effect_dates(
        &self,
        words: &values::Words<'_>,
        sentence_index: usize,
        mentions: &[Mention],
        table: &[Found],
        signed: &HashMap<usize, String>,
        published: Option<&str>,
    ) -> Vec<Candidate> {
        let text = words.text();
        let mut facts = Vec::new();
        for duration in values::effect_durations(words, &self.lexicon.values) {
            let before = mentions.partition_point(|m| m.end <= duration.start);
            let Some(instrument) = mentions[..before].iter().rev().take(16).find(|m| {
                !m.demonym
                    && self
                        .ontology
                        .is_subclass_of(&table[m.entity].class, "LegalInstrument")
            }) else {
                continue;
            };
            let between = tokens(&text[instrument.end..duration.start]);
            if self
                .negation_cues
                .iter()
                .any(|cue| contains_run(&between, cue))
            {
                continue;
            }
            let (anchor, confidence, from) = match signed.get(&instrument.entity) {
                Some(day) => (Some(day.as_str()), 0.85, "signing"),
                None => (published, 0.7, "publication"),
            };
            let Some(date) = anchor.and_then(|a| values::add_days(a, duration.days)) else {
                continue;
            };
            facts.push(Candidate {
                subject: instrument.entity,
                predicate: self.lexicon.effect_predicate.clone(),
                object: Target::Value(FactObject::Date(date)),
                confidence,
                rule: format!("date:effect in <N> days from {from}"),
                sentence: sentence_index,
                around: (instrument.start, duration.end),
            });
        }
        facts
    }

    /// The longest title of `cues.json` that `words` start with: its length in words and
    /// whether it is a head title.
    fn title_at(&self, words: &[String]) -> Option<(usize, bool)> {
        self.titles
            .iter()
            .filter(|(t, _)| words.starts_with(t))
            .max_by_key(|(t, _)| t.len())
            .map(|(t, head)| (t.len(), *head))
    }

    /// Titles joined by "and" at the start of `words` ("chairman and chief executive"): each
    /// title's words and whether it is a head title, and how many words they took.
    fn title_list(&self, words: &[String]) -> (Vec<(String, bool)>, usize) {
        let mut found = Vec::new();
        let mut at = 0;
        while let Some((length, head)) = self.title_at(&words[at..]) {
            found.push((words[at..at + length].join(" "), head));
            at += length;
            if words.get(at).map(String::as_str) == Some("and")
                && self.title_at(&words[at + 1..]).is_some()
            {
                at += 1;
            } else {
                break;
            }
        }
        (found, at)
    }

    /// The latest organization named before a mention: in its sentence, else in the article,
    /// for "its chairman".
    fn latest_organization(
        &self,
        before: &[Mention],
        history: &[usize],
        table: &[Found],
    ) -> Option<usize> {
        before
            .iter()
            .rev()
            .filter(|m| !m.demonym)
            .map(|m| m.entity)
            .chain(history.iter().rev().copied())
            .take(64)
            .find(|e| {
                self.ontology
                    .is_subclass_of(&table[*e].class, "Organization")
            })
    }

    /// Titles written around a person's name rather than between an organization and it:
    /// "Wilbur Ross, the commerce secretary,", "Pan Gongsheng, a deputy governor of the
    /// People's Bank of China", "its chief operating officer, Liu Jian", "Safra Catz is
    /// Oracle's chief executive", "Lei, who founded the company, is its chairman".
    fn apposed_titles(
        &self,
        sentence: &sentences::Sentence,
        sentence_index: usize,
        mentions: &[Mention],
        history: &[usize],
        table: &mut Vec<Found>,
        by_name: &mut HashMap<(String, String), usize>,
    ) -> Vec<Candidate> {
        let text = sentence.text.as_str();
        let mut facts = Vec::new();
        for (i, person) in mentions.iter().enumerate() {
            if person.demonym || table[person.entity].class != "Person" {
                continue;
            }
            let around = (person.start, person.end);
            let found = self
                .titles_after(text, person, mentions, history, table)
                .into_iter()
                .chain(self.titles_before(text, person, &mentions[..i], history, table));
            for holding in found.collect::<Vec<_>>() {
                facts.extend(self.hold(
                    holding,
                    (person, around),
                    0.8,
                    sentence_index,
                    table,
                    by_name,
                ));
            }
        }
        facts
    }

    /// "its chief operating officer, Liu Jian", "co-founded by its chairman Larry Ellison".
    fn titles_before(
        &self,
        text: &str,
        person: &Mention,
        before: &[Mention],
        history: &[usize],
        table: &[Found],
    ) -> Option<Holding> {
        let from = before
            .last()
            .map_or(0, |m| m.end)
            .max(person.start.saturating_sub(120));
        let from = (from..=person.start).find(|b| text.is_char_boundary(*b))?;
        let mut words = tokens(&text[from..person.start]);
        if words.last().map(String::as_str) == Some(",") {
            words.pop();
        }
        // Find where a title list ending right before the name starts, after "its".
        let start = (0..words.len()).rev().take(8).find(|at| {
            let (titles, used) = self.title_list(&words[*at..]);
            !titles.is_empty()
                && *at + used == words.len()
                && at
                    .checked_sub(1)
                    .is_some_and(|d| self.lexicon.possessive_determiners.contains(&words[d]))
        })?;
        let (titles, _) = self.title_list(&words[start..]);
        let organization = self.latest_organization(before, history, table)?;
        Some(Holding {
            titles,
            organization: Some(organization),
            known: None,
            former: false,
        })
    }

    /// ", the commerce secretary", ", a deputy governor of the People's Bank of China",
    /// " is Oracle's chief executive", ", who founded the company, is its chairman".
    fn titles_after(
        &self,
        text: &str,
        person: &Mention,
        mentions: &[Mention],
        history: &[usize],
        table: &[Found],
    ) -> Option<Holding> {
        let mut from = person.end;
        let rest = &text[from..];
        // ", who founded the company in 2010, is its chairman": the title follows the clause.
        let relative = self.lexicon.relative_pronouns.iter().any(|p| {
            rest.strip_prefix(", ")
                .and_then(|r| r.strip_prefix(p.as_str()))
                .is_some_and(|r| r.starts_with(' '))
        });
        if relative {
            let mut reach = rest.len().min(160);
            while !rest.is_char_boundary(reach) {
                reach -= 1;
            }
            let clause = rest[..reach].get(2..).and_then(|r| r.find(", "))? + 2;
            from += clause + 2;
        }
        // "its" refers to the latest organization before the title, in the clause too.
        let before = &mentions[..mentions.partition_point(|m| m.start < from)];
        let next = mentions[before.len()..].first();
        let mut end = next.map_or(text.len(), |m| m.start).min(from + 240);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let reaches_end = end == text.len();
        let words = clause_tokens(&text[from..end]);
        let word = |at: usize| words.get(at).map_or("", String::as_str);
        // The title phrase must end: at punctuation, or with the sentence.
        let ends_here = |at: usize| match words.get(at) {
            Some(w) => matches!(w.as_str(), "," | "." | ";"),
            None => reaches_end,
        };
        let copula = matches!(word(0), "is" | "was" | "remains" | "became");
        if relative && !copula {
            return None;
        }
        let mut at = match word(0) {
            "," => 1,
            _ if copula => 1,
            _ => return None,
        };
        let determiner = self
            .lexicon
            .title_determiners
            .iter()
            .find(|d| **d == word(at))
            .cloned();
        if determiner.is_some() {
            at += 1;
        }
        let former = self.lexicon.former.iter().any(|f| f == word(at));
        if former {
            at += 1;
        }
        let organization = |m: &&Mention| {
            !m.demonym
                && self
                    .ontology
                    .is_subclass_of(&table[m.entity].class, "Organization")
        };
        // " is Oracle's chief executive": the organization, then its title.
        if at >= words.len() && determiner.is_none() {
            let next = next.filter(organization)?;
            let rest = text[next.end..].strip_prefix("'s ")?;
            let mut cut = rest.len().min(80);
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            let rest_words = clause_tokens(&rest[..cut]);
            let (titles, used) = self.title_list(&rest_words);
            let ends = rest_words
                .get(used)
                .is_none_or(|w| matches!(w.as_str(), "," | "." | ";"));
            return (!titles.is_empty() && ends).then_some(Holding {
                titles,
                organization: Some(next.entity),
                known: None,
                former,
            });
        }
        let (titles, used) = self.title_list(&words[at.min(words.len())..]);
        let after_titles = at + used;
        if !titles.is_empty() {
            // "… of the People's Bank of China", "… at Goldman Sachs"
            let of = matches!(word(after_titles), "of" | "at");
            let the = usize::from(word(after_titles + 1) == "the");
            if of && after_titles + 1 + the == words.len() {
                let place = next.filter(|m| {
                    organization(m)
                        || (!m.demonym
                            && self
                                .ontology
                                .is_subclass_of(&table[m.entity].class, "Place"))
                })?;
                return Some(Holding {
                    titles,
                    organization: Some(place.entity),
                    known: None,
                    former,
                });
            }
            let possessive = determiner
                .as_ref()
                .is_some_and(|d| self.lexicon.possessive_determiners.contains(d));
            if possessive && ends_here(after_titles) {
                return Some(Holding {
                    titles,
                    organization: self.latest_organization(before, history, table),
                    known: None,
                    former,
                });
            }
        }
        // ", the commerce secretary,": a known position's name, without an organization.
        let stop = (at + 1..=words.len().min(at + 6)).find(|a| ends_here(*a))?;
        let known = *self.positions.get(&words[at..stop].join(" "))?;
        Some(Holding {
            titles: Vec::new(),
            organization: None,
            known: Some(known),
            former,
        })
    }

    /// The facts of a person holding titles: the position ("Chief Executive Officer of Oracle")
    /// held, belonging to the organization, and for a head title held now, leading it.
    /// `around` is the stretch of the sentence the facts come from.
    fn hold(
        &self,
        holding: Holding,
        (person, around): (&Mention, (usize, usize)),
        confidence: f64,
        sentence_index: usize,
        table: &mut Vec<Found>,
        by_name: &mut HashMap<(String, String), usize>,
    ) -> Vec<Candidate> {
        let fact = |subject: usize, predicate: &str, object: usize| Candidate {
            subject,
            predicate: predicate.to_owned(),
            object: Target::Entity(object),
            confidence,
            rule: format!("title:{predicate}"),
            sentence: sentence_index,
            around,
        };
        let mut facts = Vec::new();
        if let Some(known) = holding.known {
            let known = &self.known[known];
            let position = enter(
                table,
                by_name,
                &known.name,
                &known.class,
                None,
                &known.same_as,
            );
            facts.push(fact(person.entity, "holdsPosition", position));
            return facts;
        }
        let Some(organization) = holding.organization else {
            return facts;
        };
        for (title, head) in holding.titles {
            let canonical = self
                .lexicon
                .canonical_titles
                .get(&title)
                .cloned()
                .unwrap_or_else(|| capitalised(&title));
            let name = format!("{canonical} of {}", table[organization].name);
            let position = enter(table, by_name, &name, "Position", Some(&title), &[]);
            facts.push(fact(person.entity, "holdsPosition", position));
            facts.push(fact(position, "positionIn", organization));
            if head
                && !holding.former
                && self
                    .ontology
                    .is_subclass_of(&table[organization].class, "Organization")
            {
                facts.push(fact(person.entity, "leads", organization));
            }
        }
        facts
    }

    /// Names the lexicon does not know, found by their cues: a company suffix ("Xiaomi Corp"),
    /// a person's title ("Commerce Secretary Gina Raimondo"), an order number.
    fn cued_names(&self, text: &str, known: &[Mention]) -> Vec<(usize, usize, &'static str)> {
        // The gazetteer's mentions do not overlap and come in order: a binary search finds
        // the one that could overlap a span (a 20 MB paragraph has many).
        let overlaps = |start: usize, end: usize| {
            let next = known.partition_point(|m| m.end <= start);
            known.get(next).is_some_and(|m| m.start < end)
        };
        let words = capitalised_runs(text);
        let mut found = Vec::new();
        for (start, end) in words {
            let run = &text[start..end];
            // "Commerce Secretary Gina Raimondo": a title, then two or three capitalised words
            // (the title itself may be a known position).
            // Each title's first place in the run, as a search for that title alone gives.
            let mut first_places: Vec<(usize, usize)> = Vec::new();
            for found in self.person_title_matcher.find_overlapping_iter(run) {
                let title = found.pattern().as_usize();
                if !first_places.iter().any(|(t, _)| *t == title) {
                    first_places.push((title, found.start()));
                }
            }
            // In lexicon order, so that of equally long titles the last listed wins, as ever.
            first_places.sort_unstable();
            if let Some((title_end, _)) = first_places
                .into_iter()
                .filter_map(|(title, at)| {
                    let length = self.lexicon.person_titles[title].len();
                    let boundary = at == 0 || run[..at].ends_with(' ');
                    boundary.then_some((at + length + 1, length))
                })
                .max_by_key(|(_, length)| *length)
            {
                let name_start = start + title_end;
                let count = text[name_start..end].split(' ').count();
                if (2..=3).contains(&count) && !overlaps(name_start, end) {
                    found.push((name_start, end, "Person"));
                    continue;
                }
            }
            if overlaps(start, end) {
                continue;
            }
            if let Some(rest) = run.strip_prefix("Executive Order ") {
                if rest.chars().all(|c| c.is_ascii_digit()) && !rest.is_empty() {
                    found.push((start, end, "LegalInstrument"));
                }
                continue;
            }
            let last = run.rsplit(' ').next().unwrap_or_default();
            let tokens = run.split(' ').count();
            if tokens >= 2 && self.lexicon.company_suffixes.iter().any(|s| s == last) {
                found.push((start, end, "Company"));
            }
        }
        found
    }

    /// "Trump on Thursday signed two executive orders": each order signed gets the day.
    fn event_dates(
        &self,
        sentence: &str,
        related: &[Candidate],
        published: Option<&str>,
    ) -> Vec<Candidate> {
        let mut dated = Vec::new();
        // The sentence's day, read once and only if some fact asks for it.
        let mut day: Option<Option<String>> = None;
        for fact in related {
            let (Some(predicate), Target::Entity(object)) =
                (self.lexicon.event_dates.get(&fact.predicate), &fact.object)
            else {
                continue;
            };
            let Some(date) = day
                .get_or_insert_with(|| {
                    let words = values::Words::new(sentence);
                    values::event_date(&words, published, &self.lexicon.values)
                })
                .clone()
            else {
                return dated;
            };
            dated.push(Candidate {
                subject: *object,
                predicate: predicate.clone(),
                object: Target::Value(FactObject::Date(date)),
                confidence: fact.confidence * 0.9,
                rule: format!("date:{} on <day>", fact.predicate),
                sentence: fact.sentence,
                around: fact.around,
            });
        }
        dated
    }

    /// "Alipay … has more than 1 billion annual users": the count goes to the nearest earlier
    /// entity the predicate's domain admits.
    fn counts(
        &self,
        words: &values::Words<'_>,
        sentence_index: usize,
        mentions: &[Mention],
        table: &[Found],
    ) -> Vec<Candidate> {
        let mut facts = Vec::new();
        for count in values::counts(words, &self.lexicon.values) {
            let Some(property) = self.ontology.property(&count.predicate) else {
                continue;
            };
            let admits = |class: &str| {
                property.domain.is_empty() || self.ontology.fits(class, &property.domain)
            };
            let Some(subject) = mentions
                .iter()
                .rev()
                .find(|m| m.end <= count.start && !m.demonym && admits(&table[m.entity].class))
            else {
                continue;
            };
            if values::is_joint(
                &words.text()[subject.end..count.start],
                &self.lexicon.values,
            ) {
                continue;
            }
            facts.push(Candidate {
                subject: subject.entity,
                predicate: count.predicate,
                object: Target::Value(FactObject::Number(count.value.into())),
                confidence: 0.8,
                rule: "count:<number> <noun>".to_owned(),
                sentence: sentence_index,
                around: (subject.start, count.end),
            });
        }
        facts
    }

    /// Facts between neighbouring mentions of one sentence (a demonym between them does not
    /// part them: "Huawei, which is headquartered in the southern Chinese city of Shenzhen").
    fn relations(
        &self,
        sentence: &sentences::Sentence,
        sentence_index: usize,
        mentions: &[Mention],
        table: &[Found],
    ) -> Vec<Candidate> {
        let text = sentence.text.as_str();
        let mut facts = Vec::new();
        for (i, &left) in mentions.iter().enumerate() {
            if let Some(&right) = mentions.get(i + 1) {
                if left.demonym && !right.demonym {
                    facts.extend(self.demonym_fact(text, left, right, table, sentence_index));
                }
            }
            if left.demonym {
                continue;
            }
            if self.attributive(text, left, table) {
                continue;
            }
            // A few demonyms at most: a run of them is no gap to read.
            let Some(j) = (i + 1..mentions.len())
                .take(4)
                .find(|j| !mentions[*j].demonym && !self.attributive(text, mentions[*j], table))
            else {
                continue;
            };
            let right = mentions[j];
            if left.entity == right.entity || right.start < left.end {
                continue;
            }
            let raw = tokens(&text[left.end..right.start]);
            // "bans eight apps, including Alipay" is read by `inclusions`, which checks that
            // the members are of the noun's class.
            if self
                .inclusion_cues
                .iter()
                .any(|cue| contains_run(&raw, cue))
            {
                continue;
            }
            let person = table[right.entity].class == "Person";
            let demonyms = &mentions[i + 1..j];
            let words = if demonyms.is_empty() {
                Cow::Borrowed(&raw)
            } else {
                Cow::Owned(tokens_between(text, left.end, right.start, demonyms))
            };
            // "Alibaba, whose shares are listed on …, is headquartered in Hangzhou": past the
            // clause, the verb's subject is the mention the clause is about.
            let (left, gap, parenthetical) = match self.reading_of_gap(&words, left, person, table)
            {
                Some(gap) => (left, gap, false),
                None => match self.clause_subject(text, &mentions[..i], left) {
                    Some(subject) => {
                        let mut gap = self.without_time(raw.iter().map(String::as_str).collect());
                        gap.retain(|w| *w != ",");
                        (subject, gap, true)
                    }
                    None => continue,
                },
            };
            if left.entity == right.entity {
                continue;
            }
            // "sued Trump, Commerce Secretary Wilbur Ross and …": a title right before a name
            // is that person's.
            let titled = mentions.get(j + 1).is_some_and(|m| {
                table[m.entity].class == "Person" && text[right.end..m.start].trim().is_empty()
            });
            if titled && table[right.entity].class == "Position" {
                continue;
            }
            let raw: &[String] = if parenthetical { &[] } else { &raw };
            let Some(found) = self.best_pattern(raw, &gap, table, left, right) else {
                continue;
            };
            let (pattern, rule, subject_first) = (found.pattern, found.rule, found.subject_first);
            // "bans transactions with Ant Group's Alipay": a verb's argument is what the
            // possessor owns, not the possessor; the list goes on after it.
            let (right, rest) = match possessive_end(text, right) {
                Some(_) if found.phrase_at.is_some() => {
                    match self.possessed(text, right, mentions.get(j + 1)) {
                        Some(owned) => (owned, j + 2),
                        None => continue,
                    }
                }
                _ => (right, j + 1),
            };
            // The mentions on the left and right of the phrase, as the fact takes them.
            let (mut first, second) = (left, right);
            if let Some(at) = found.phrase_at {
                let subject_class = &table[if subject_first { left } else { right }.entity].class;
                match self.clause_reading(&gap, at, found.phrase_len) {
                    Reading::Stated => {}
                    Reading::Unstated => continue,
                    Reading::Hypothetical
                        if self
                            .ontology
                            .is_subclass_of(subject_class, "LegalInstrument") => {}
                    Reading::Hypothetical => continue,
                    // "the order Trump signed in August that seeks to bar U.S. dealings with
                    // ByteDance": the pronoun's antecedent comes before the left mention.
                    Reading::Relative => {
                        let antecedent = mentions[..i].iter().rev().find(|m| !m.demonym);
                        match antecedent {
                            Some(&a)
                                if subject_first
                                    && a.entity != right.entity
                                    && self.fits(pattern, table, a, right) =>
                            {
                                first = a;
                            }
                            _ => continue,
                        }
                    }
                }
            }
            // The object of a preposition is no argument of the verb right after it ("an
            // offering in Hong Kong was suspended by"), though a clause or a noun's participle
            // may be about it ("acquired by Tencent, which owns WeChat", "with the WeChat app
            // owned by Tencent").
            let (members, governed) = self.list_before(text, &mentions[..i], first);
            let relative = self.opens_a_clause(raw);
            let verb_first = found
                .phrase_at
                .is_some_and(|at| gap[..at].iter().all(|w| *w == ","));
            if governed && verb_first && !relative && !parenthetical {
                continue;
            }
            let ends = |first: Mention, second: Mention| {
                if subject_first {
                    (first, second)
                } else {
                    (second, first)
                }
            };
            let (subject, object) = ends(first, second);
            // What a possessor owns may not fit where the possessor did.
            if subject.entity == object.entity || !self.fits(pattern, table, subject, object) {
                continue;
            }
            facts.push(Candidate {
                subject: subject.entity,
                predicate: pattern.predicate.clone(),
                object: Target::Entity(object.entity),
                confidence: pattern.confidence,
                rule: rule.clone(),
                sentence: sentence_index,
                around: (first.start.min(left.start), right.end),
            });
            // "A, B and C are owned by X", "… with A, B and C": the fact holds for every member
            // of a list on either side of a verb phrase (a template is a tighter construction,
            // which lists do not extend).
            if rule.starts_with("template:") {
                continue;
            }
            let mut firsts = vec![first];
            // A clause after the left mention (", which is owned by") is about it alone.
            let clause = raw.first().is_some_and(|w| w == ",");
            if first.start == left.start && !parenthetical && !clause {
                firsts.extend(members);
            }
            let mut seconds = vec![second];
            seconds.extend(self.list_after(
                text,
                &mentions[rest.min(mentions.len())..],
                second,
                table,
            ));
            for (a, &f) in firsts.iter().enumerate() {
                for (b, &s) in seconds.iter().enumerate() {
                    let (subject, object) = ends(f, s);
                    if a + b == 0
                        || subject.entity == object.entity
                        || !self.fits(pattern, table, subject, object)
                    {
                        continue;
                    }
                    facts.push(Candidate {
                        subject: subject.entity,
                        predicate: pattern.predicate.clone(),
                        object: Target::Entity(object.entity),
                        confidence: pattern.confidence * 0.95,
                        rule: format!("{rule} (list)"),
                        sentence: sentence_index,
                        around: (f.start, s.end),
                    });
                }
            }
        }
        facts
    }

    /// What a possessor owns: the mention right after its "'s" ("Ant Group's Alipay"), if any.
    fn possessed(&self, text: &str, owner: Mention, next: Option<&Mention>) -> Option<Mention> {
        let after = possessive_end(text, owner)?;
        let next = *next?;
        let adjacent = next.start >= after
            && text[after..next.start].starts_with(char::is_whitespace)
            && text[after..next.start].trim().is_empty();
        (adjacent && !next.demonym).then_some(next)
    }

    /// "… to ban transactions with eight Chinese software applications, including Ant Group's
    /// Alipay and Tencent Holdings' WeChat Pay": a relation's phrase, its object a noun phrase
    /// ending in a plural noun of a class (`collective_nouns` of `cues.json`), then an inclusion
    /// cue ("including", "such as") and a list: the relation holds for each member of that
    /// class. The list must start right after the cue; an owner before "'s" is no member.
    fn inclusions(
        &self,
        sentence: &sentences::Sentence,
        sentence_index: usize,
        cue_places: &[(usize, usize)],
        mentions: &[Mention],
        table: &[Found],
    ) -> Vec<Candidate> {
        let text = sentence.text.as_str();
        let mut facts = Vec::new();
        if mentions.len() < 2 {
            return facts;
        }
        for (cue, cue_start) in self.cue_phrases.inclusion_cues(cue_places) {
            let cue = &self.lexicon.inclusion_cues[cue];
            let cue_end = cue_start + cue.len();
            if !at_word_boundaries(text, cue_start, cue_end) {
                continue;
            }
            let before = mentions.partition_point(|m| m.end <= cue_start);
            if mentions.get(before).is_some_and(|m| m.start < cue_end) {
                continue;
            }
            let members = self.included(text, cue_end, &mentions[before..]);
            let Some(&first_member) = members.first() else {
                continue;
            };
            // The mention before the noun phrase: a demonym or a country as a modifier
            // ("eight Chinese software applications") is part of the phrase.
            let Some(i) = (0..before)
                .rev()
                .take(4)
                .find(|i| !mentions[*i].demonym && !self.attributive(text, mentions[*i], table))
            else {
                continue;
            };
            let left = mentions[i];
            // A bounded gap, so that a paragraph of cues stays linear.
            if cue_start - left.end > INCLUSION_REACH {
                continue;
            }
            let person = table[first_member.entity].class == "Person";
            let words = tokens_between(text, left.end, cue_start, &mentions[i + 1..before]);
            let Some(mut gap) = self.reading_of_gap(&words, left, person, table) else {
                continue;
            };
            if gap.last().is_some_and(|w| *w == ",") {
                gap.pop();
            }
            let Some((found, class)) = self.collective_object(&gap, table, left, first_member)
            else {
                continue;
            };
            let (pattern, at) = (found.pattern, found.phrase_at.unwrap_or_default());
            let ends = |member: Mention| {
                if found.subject_first {
                    (left, member)
                } else {
                    (member, left)
                }
            };
            let subject_class = &table[ends(first_member).0.entity].class;
            match self.clause_reading(&gap, at, found.phrase_len) {
                Reading::Stated => {}
                Reading::Hypothetical
                    if self
                        .ontology
                        .is_subclass_of(subject_class, "LegalInstrument") => {}
                _ => continue,
            }
            // As for a verb's list: not after a preposition ("an offering in Hong Kong").
            let (_, governed) = self.list_before(text, &mentions[..i], left);
            let relative = self.opens_a_clause(&tokens(&text[left.end..cue_start]));
            if governed && gap[..at].iter().all(|w| *w == ",") && !relative {
                continue;
            }
            for member in members
                .into_iter()
                .take_while(|m| self.ontology.is_subclass_of(&table[m.entity].class, class))
            {
                let (subject, object) = ends(member);
                if subject.entity == object.entity || !self.fits(pattern, table, subject, object) {
                    continue;
                }
                facts.push(Candidate {
                    subject: subject.entity,
                    predicate: pattern.predicate.clone(),
                    object: Target::Entity(object.entity),
                    confidence: pattern.confidence * 0.9,
                    rule: format!("{} (including)", found.rule),
                    sentence: sentence_index,
                    around: (left.start, member.end),
                });
            }
        }
        facts
    }

    /// The members of the list right after an inclusion cue ("Ant Group's Alipay and Tencent
    /// Holdings' WeChat Pay"), each the mention an owner possesses where one is written.
    fn included(&self, text: &str, from: usize, after: &[Mention]) -> Vec<Mention> {
        let mut members = Vec::new();
        let mut last = from;
        let mut at = 0;
        while at < after.len().min(2 * LONGEST_LIST) {
            let mention = after[at];
            if mention.demonym || mention.start < last {
                break;
            }
            let gap = &text[last..mention.start];
            let joined = if members.is_empty() {
                gap.trim().is_empty()
            } else {
                is_list_gap(gap)
            };
            if !joined {
                break;
            }
            let member = if possessive_end(text, mention).is_some() {
                match self.possessed(text, mention, after.get(at + 1)) {
                    Some(owned) => {
                        at += 1;
                        owned
                    }
                    None => break,
                }
            } else {
                mention
            };
            members.push(member);
            last = member.end;
            at += 1;
        }
        members
    }

    /// The relation whose phrase opens a gap that goes on with a noun phrase ending in a plural
    /// noun of `collective_nouns` ("to ban transactions with eight software applications"),
    /// with the class that noun's members have: the longest phrase, at most two words in, that
    /// fits the left mention and the list's first member.
    fn collective_object(
        &self,
        gap: &[&str],
        table: &[Found],
        left: Mention,
        member: Mention,
    ) -> Option<(PatternMatch<'_>, &str)> {
        let class = self.lexicon.collective_nouns.get(*gap.last()?)?;
        let stop = |w: &&str| {
            !w.chars().any(char::is_alphanumeric)
                || self.lexicon.noun_phrase_stops.iter().any(|s| s == w)
                || (w.ends_with("ing") && !self.lexicon.noun_phrase_links.iter().any(|l| l == w))
        };
        let mut best: Option<PatternMatch<'_>> = None;
        for prepared in &self.prepared {
            let pattern = &self.lexicon.relations[prepared.pattern];
            let subject_first = pattern.order != "OS";
            let (subject, object) = if subject_first {
                (left, member)
            } else {
                (member, left)
            };
            if !self.fits(pattern, table, subject, object) {
                continue;
            }
            for (phrase, written) in &prepared.phrases {
                let longest = 2 + phrase.len();
                let Some(at) = gap[..gap.len().min(longest)]
                    .windows(phrase.len())
                    .position(|w| w == phrase.as_slice())
                else {
                    continue;
                };
                let noun_phrase = &gap[at + phrase.len()..];
                let fits = !noun_phrase.is_empty()
                    && noun_phrase.len() <= self.lexicon.longest_noun_phrase
                    && !noun_phrase.iter().any(stop)
                    && !gap[..at].iter().any(|w| *w != "," && stop(w));
                if fits && best.as_ref().is_none_or(|b| phrase.len() > b.phrase_len) {
                    best = Some(PatternMatch {
                        pattern,
                        rule: format!("phrase:{}:{written}", pattern.predicate),
                        subject_first,
                        phrase_at: Some(at),
                        phrase_len: phrase.len(),
                    });
                }
            }
        }
        best.map(|found| (found, class.as_str()))
    }

    /// The members of a list that a mention ends ("WeChat Pay, QQ Wallet and Tencent QQ"),
    /// before it, nearest first, and whether a preposition governs the list (or the mention
    /// alone): "an offering in Shanghai and Hong Kong was suspended" is not about the places.
    fn list_before(&self, text: &str, before: &[Mention], last: Mention) -> (Vec<Mention>, bool) {
        let mut members = Vec::new();
        let mut next = last;
        for &member in before
            .iter()
            .rev()
            .filter(|m| !m.demonym)
            .take(LONGEST_LIST)
        {
            if member.end > next.start || !is_list_gap(&text[member.end..next.start]) {
                break;
            }
            members.push(member);
            next = member;
        }
        let mut words = text[..next.start]
            .split_whitespace()
            .rev()
            .map(str::to_lowercase);
        let preceding = words.find(|w| !matches!(w.as_str(), "the" | "a" | "an"));
        let governed = preceding.is_some_and(|w| self.lexicon.prepositions.contains(&w));
        (members, governed)
    }

    /// The members of a list that a mention begins ("Trump, Commerce Secretary Wilbur Ross and
    /// the Commerce Department"), after it; a title before a name does not end the list.
    fn list_after(
        &self,
        text: &str,
        after: &[Mention],
        first: Mention,
        table: &[Found],
    ) -> Vec<Mention> {
        let mut members = Vec::new();
        let mut last = first;
        let mut at = 0;
        while at < after.len().min(LONGEST_LIST) {
            let member = after[at];
            if member.start < last.end {
                break;
            }
            let gap = &text[last.end..member.start];
            let title = gap.trim().is_empty() && table[last.entity].class == "Position";
            if !title && !is_list_gap(gap) {
                break;
            }
            // "Alipay and Tencent Holdings' WeChat Pay": the member is what the possessor owns.
            let member = if possessive_end(text, member).is_some() {
                match self.possessed(text, member, after.get(at + 1)) {
                    Some(owned) => {
                        at += 1;
                        owned
                    }
                    None => break,
                }
            } else {
                member
            };
            members.push(member);
            last = member;
            at += 1;
        }
        members
    }

    /// The mention a parenthetical clause ending at `left` is about: "Alibaba, whose shares
    /// are listed on the New York Stock Exchange and the Hong Kong Stock Exchange" is about
    /// Alibaba. The clause opens with a comma and a relative pronoun or a participle
    /// ("based", "headquartered") and holds no other comma.
    fn clause_subject(&self, text: &str, before: &[Mention], left: Mention) -> Option<Mention> {
        before
            .iter()
            .rev()
            .filter(|m| !m.demonym && m.end <= left.start)
            .take(8)
            .find(|m| {
                let Some(clause) = text[m.end..left.start].strip_prefix(", ") else {
                    return false;
                };
                let opener = clause.split(' ').next().unwrap_or_default().to_lowercase();
                !clause.contains(',')
                    && (self.lexicon.clause_openers.contains(&opener) || opener.ends_with("ed"))
            })
            .copied()
    }

    /// A gap without its time adverbials ("founded in 2012 by", "sued … in August"), which sit
    /// inside verb phrases.
    fn without_time<'w>(&self, words: Vec<&'w str>) -> Vec<&'w str> {
        let is_time = |w: &str| {
            w.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y))
                || self
                    .lexicon
                    .values
                    .months
                    .iter()
                    .any(|(m, _)| m.trim_end_matches('.') == w.trim_end_matches('.'))
                || self
                    .lexicon
                    .values
                    .weekdays
                    .iter()
                    .any(|d| d.eq_ignore_ascii_case(w))
        };
        let mut out = Vec::with_capacity(words.len());
        let mut at = 0;
        while at < words.len() {
            let time_word = matches!(words[at], "in" | "on" | "last");
            if time_word && words.get(at + 1).is_some_and(|w| is_time(w)) {
                at += 2;
                // "in August 2020", "on Jan. 5"
                while words.get(at).is_some_and(|w| {
                    is_time(w) || w.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
                }) {
                    at += 1;
                }
                continue;
            }
            out.push(words[at]);
            at += 1;
        }
        out
    }

    /// Whether a country's name stands before a noun as a modifier ("banning U.S. transactions
    /// with ByteDance"), as a demonym does, rather than for the country: it is followed by a
    /// lower-case word that is neither a function word nor a past tense.
    fn attributive(&self, text: &str, mention: Mention, table: &[Found]) -> bool {
        if !self
            .ontology
            .is_subclass_of(&table[mention.entity].class, "Country")
        {
            return false;
        }
        let Some(next) = text[mention.end..]
            .strip_prefix(' ')
            .and_then(|r| r.split(|c: char| !c.is_alphanumeric() && c != '-').next())
        else {
            return false;
        };
        next.starts_with(|c: char| c.is_lowercase())
            && !next.ends_with("ed")
            && !self.lexicon.demonym_gap_stops.iter().any(|s| s == next)
    }

    /// The gap between two mentions as a relation's phrase is looked for in it, from the words
    /// of the gap without the demonyms it holds (`tokens_between`): without a relative pronoun
    /// right after the left mention (", which is based in"), the purpose cues ("aims to ban"
    /// reads "to ban"), a place's description before the right mention ("the southern city
    /// of") and a title before a person ("co-founded by its chairman"). `person` tells that
    /// the right mention is a person's.
    fn reading_of_gap<'w>(
        &self,
        words: &'w [String],
        left: Mention,
        person: bool,
        table: &[Found],
    ) -> Option<Vec<&'w str>> {
        let mut words: Vec<&str> = words.iter().map(String::as_str).collect();
        let comma = usize::from(words.first() == Some(&","));
        let first = words.get(comma).copied().unwrap_or_default();
        // "Alibaba, whose shares are listed on … and the Hong Kong Stock Exchange, is
        // headquartered in": a comma between a subject and its verb does not occur, so the
        // verb's subject comes before the left mention.
        if comma == 1
            && matches!(
                first,
                "is" | "are" | "was" | "were" | "has" | "have" | "had"
            )
        {
            return None;
        }
        let mut at = 0;
        if self.lexicon.relative_pronouns.iter().any(|p| p == first) {
            // "Trump that sought to ban": "which" and "that" are not about a person.
            let personal = table[left.entity].class == "Person";
            if personal
                && self
                    .lexicon
                    .non_personal_relative_pronouns
                    .iter()
                    .any(|p| p == first)
            {
                return None;
            }
            at = comma + 1;
        }
        words.drain(..at);
        for cue in &self.purpose_cues {
            // The cue's last word is kept when it is "to": "aims to ban" → "to ban".
            let keep = usize::from(cue.last().map(String::as_str) == Some("to"));
            // A cue of "to" alone would be kept whole, and found again for ever.
            if cue.len() <= keep {
                continue;
            }
            while let Some(start) = words.windows(cue.len()).position(|w| w == cue.as_slice()) {
                words.drain(start..start + cue.len() - keep);
            }
        }
        let mut words = self.without_time(words);
        // "… the southern Chinese city of Shenzhen"
        let n = words.len();
        if n >= 3 && words[n - 1] == "of" && self.place_nouns.iter().any(|p| p == words[n - 2]) {
            if let Some(the) = (n.saturating_sub(6)..n - 2)
                .rev()
                .find(|a| words[*a] == "the")
            {
                words.truncate(the);
            }
        }
        if person {
            for _ in 0..4 {
                let strip = words.last().is_some_and(|w| {
                    self.title_words.contains(*w)
                        || self.lexicon.title_determiners.iter().any(|d| d == w)
                });
                if !strip {
                    break;
                }
                words.pop();
            }
        }
        Some(words)
    }

    /// How the words around a relation's phrase in a gap let the fact stand.
    fn clause_reading(&self, gap: &[&str], phrase_at: usize, phrase_len: usize) -> Reading {
        // A cue counts unless the phrase holds it whole ("threatened to" + "to ban" counts).
        let outside = |cues: &[Vec<String>]| {
            cues.iter().any(|cue| {
                gap.windows(cue.len()).enumerate().any(|(at, w)| {
                    w == cue.as_slice()
                        && !(at >= phrase_at && at + cue.len() <= phrase_at + phrase_len)
                })
            })
        };
        if outside(&self.negation_cues) {
            return Reading::Unstated;
        }
        // "Ma launched in 2004 to support Alibaba's Taobao": an infinitive after the phrase
        // opens a clause of its own, whose verb the right mention belongs to ("sold its stake
        // to Tencent" keeps it: there "to" governs the mention).
        let after = &gap[(phrase_at + phrase_len).min(gap.len())..];
        let infinitive = after.windows(2).any(|w| {
            w[0] == "to"
                && w[1].chars().all(char::is_alphabetic)
                && !self.lexicon.title_determiners.iter().any(|d| d == w[1])
        });
        if infinitive {
            return Reading::Unstated;
        }
        // A relative pronoun inside the gap: before the phrase, the clause is about an earlier
        // mention; after it, the right mention sits in a clause of its own.
        if let Some(pronoun) = gap
            .iter()
            .position(|w| self.lexicon.relative_pronouns.iter().any(|p| p == w))
        {
            return if pronoun < phrase_at {
                Reading::Relative
            } else {
                Reading::Unstated
            };
        }
        if outside(&self.hypothetical_cues) {
            return Reading::Hypothetical;
        }
        Reading::Stated
    }

    /// "Luckin Coffee chief executive Jenny Qian", "Ant's chairman Eric Jing": an organization,
    /// a title of `cues.json`, then a person, make a position ("Chief Executive Officer of
    /// Luckin Coffee") that the person holds and that belongs to the organization, and, for a
    /// head title, the person leads the organization.
    fn titles(
        &self,
        sentence: &sentences::Sentence,
        sentence_index: usize,
        mentions: &[Mention],
        table: &mut Vec<Found>,
        by_name: &mut HashMap<(String, String), usize>,
    ) -> Vec<Candidate> {
        let text = sentence.text.as_str();
        let mut facts = Vec::new();
        for pair in mentions.windows(2) {
            let (organization, person) = (pair[0], pair[1]);
            if organization.demonym
                || table[person.entity].class != "Person"
                || !self
                    .ontology
                    .is_subclass_of(&table[organization.entity].class, "Organization")
            {
                continue;
            }
            let gap = &text[organization.end..person.start];
            let gap = gap
                .strip_prefix("'s")
                .or_else(|| gap.strip_prefix("’s"))
                .unwrap_or(gap);
            let mut words = tokens(gap);
            // "the company's chief executive, Daniel Zhang"
            if words.last().map(String::as_str) == Some(",") {
                words.pop();
            }
            let (titles, used) = self.title_list(&words);
            if titles.is_empty() || used != words.len() {
                continue;
            }
            let holding = Holding {
                titles,
                organization: Some(organization.entity),
                known: None,
                former: false,
            };
            let around = (organization.start, person.end);
            facts.extend(self.hold(
                holding,
                (&person, around),
                0.85,
                sentence_index,
                table,
                by_name,
            ));
        }
        facts
    }

    /// "Chinese drone maker DJI": a demonym, at most three lower-case words, then the entity it
    /// places, by the patterns with the template `{demonym} {S}`.
    fn demonym_fact(
        &self,
        text: &str,
        demonym: Mention,
        entity: Mention,
        table: &[Found],
        sentence: usize,
    ) -> Option<Candidate> {
        let gap = tokens(&text[demonym.end..entity.start]);
        if gap.len() > 3
            || !gap
                .iter()
                .all(|t| t.chars().all(|c| c.is_lowercase() || c == '-'))
        {
            return None;
        }
        if gap
            .iter()
            .any(|t| self.lexicon.demonym_gap_stops.contains(t))
        {
            return None;
        }
        let country = Mention {
            demonym: false,
            ..demonym
        };
        let fitting =
            |p: &&Prepared| self.fits(&self.lexicon.relations[p.pattern], table, entity, country);
        // "Chinese billionaire Jack Ma": a template with the very words wins.
        let worded = self.prepared.iter().filter(fitting).find_map(|p| {
            p.demonym_literals
                .iter()
                .find(|(words, _)| !words.is_empty() && *words == gap)
                .map(|(_, template)| (p, template.clone()))
        });
        let (prepared, template) = worded.or_else(|| {
            self.prepared
                .iter()
                .filter(|p| p.demonym_subject)
                .find(fitting)
                .map(|p| (p, "{demonym} {S}".to_owned()))
        })?;
        let pattern = &self.lexicon.relations[prepared.pattern];
        Some(Candidate {
            subject: entity.entity,
            predicate: pattern.predicate.clone(),
            object: Target::Entity(demonym.entity),
            confidence: pattern.confidence * 0.9,
            rule: format!("template:{}:{template}", pattern.predicate),
            sentence,
            around: (demonym.start, entity.end),
        })
    }

    /// Whether the classes of a fact's two ends fit a pattern.
    fn fits(
        &self,
        pattern: &RelationPattern,
        table: &[Found],
        subject: Mention,
        object: Mention,
    ) -> bool {
        !subject.demonym
            && self.fills(&table[subject.entity].class, &pattern.subject)
            && self.fills(&table[object.entity].class, &pattern.object)
    }

    /// Whether an entity of `class` can take a pattern's role open to `allowed`. Countries,
    /// regions and cities are agents in the ontology, but a pattern for agents does not take
    /// them unless it names places: "Beijing's TikTok" and "a Shanghai app developer" say
    /// where, not who, far more often than they say that a government owns or makes the thing.
    fn fills(&self, class: &str, allowed: &[String]) -> bool {
        self.ontology.fits(class, allowed)
            && (!self.ontology.is_subclass_of(class, "Place")
                || allowed
                    .iter()
                    .any(|a| a == "Entity" || self.ontology.is_subclass_of(a, "Place")))
    }

    /// Whether the words after a mention, commas aside, begin with a relative pronoun: a
    /// clause about that mention (", which is owned by").
    fn opens_a_clause(&self, words: &[String]) -> bool {
        words
            .iter()
            .find(|w| *w != ",")
            .is_some_and(|w| self.lexicon.relative_pronouns.contains(w))
    }

    /// The pattern whose words fill the gap between two mentions best: a template's literal
    /// exactly (in the gap as written), or a verb phrase with at most a few other words around
    /// it (a day, an adverb) in the gap as read (`reading_of_gap`).
    fn best_pattern(
        &self,
        raw: &[String],
        gap: &[&str],
        table: &[Found],
        left: Mention,
        right: Mention,
    ) -> Option<PatternMatch<'_>> {
        let mut best: Option<(usize, PatternMatch<'_>)> = None;
        if raw.len() > self.widest_gap && gap.len() > self.widest_gap {
            return None;
        }
        let ends = |subject_first: bool| {
            if subject_first {
                (left, right)
            } else {
                (right, left)
            }
        };
        let punctuated = raw
            .iter()
            .any(|t| matches!(t.as_str(), ";" | ":" | "\"" | "(" | ")"));
        for (p, is_phrase, i) in self.pattern_index.candidates(raw, gap, !punctuated) {
            let prepared = &self.prepared[p];
            let pattern = &self.lexicon.relations[prepared.pattern];
            if !is_phrase {
                let (literal, subject_first, template) = &prepared.templates[i];
                let (subject, object) = ends(*subject_first);
                if self.fits(pattern, table, subject, object) {
                    let score = 100 + literal.len();
                    if best.as_ref().is_none_or(|(s, ..)| score > *s) {
                        best = Some((
                            score,
                            PatternMatch {
                                pattern,
                                rule: format!("template:{}:{template}", pattern.predicate),
                                subject_first: *subject_first,
                                phrase_at: None,
                                phrase_len: 0,
                            },
                        ));
                    }
                }
                continue;
            }
            let subject_first = pattern.order != "OS";
            let (subject, object) = ends(subject_first);
            let (phrase_tokens, phrase) = &prepared.phrases[i];
            if gap.len() > phrase_tokens.len() + 4 || phrase_tokens.len() > gap.len() {
                continue;
            }
            let Some(at) = gap
                .windows(phrase_tokens.len())
                .position(|w| w == phrase_tokens.as_slice())
            else {
                continue;
            };
            if !self.fits(pattern, table, subject, object) {
                continue;
            }
            let score = 10 * phrase_tokens.len() + 10 - (gap.len() - phrase_tokens.len());
            if best.as_ref().is_none_or(|(s, ..)| score > *s) {
                best = Some((
                    score,
                    PatternMatch {
                        pattern,
                        rule: format!("phrase:{}:{phrase}", pattern.predicate),
                        subject_first,
                        phrase_at: Some(at),
                        phrase_len: phrase_tokens.len(),
                    },
                ));
            }
        }
        best.map(|(_, found)| found)
    }

    fn sheet(
        &self,
        id: String,
        metadata: &ArticleMetadata,
        sentences: &[&sentences::Sentence],
        table: Vec<Found>,
        facts: Vec<Candidate>,
    ) -> FactSheet {
        let title = metadata
            .title
            .clone()
            .filter(|title| !title.trim().is_empty() && !self.is_furniture(title))
            .or_else(|| sentences.first().map(|s| s.text.clone()))
            .unwrap_or_default();
        let mut ids: Vec<String> = Vec::new();
        // The ids given, for a look-up that stays fast when an article has many entities.
        let mut given: HashSet<String> = HashSet::new();
        let entities: Vec<Entity> = table
            .into_iter()
            .filter_map(|found| {
                if found.dropped {
                    // No fact refers to it.
                    ids.push(String::new());
                    return None;
                }
                let mut id = match self.known_ids.get(&found.name) {
                    Some(id) => id.clone(),
                    None => sheet_id(&found.name),
                };
                if given.contains(&id) {
                    id = format!("{id}-{}", ids.len());
                }
                given.insert(id.clone());
                ids.push(id.clone());
                Some(Entity {
                    id,
                    name: found.name,
                    class: found.class,
                    aliases: found.aliases.into_iter().collect(),
                    same_as: found.same_as,
                })
            })
            .collect();
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        let mut marks: HashMap<usize, CharMarks> = HashMap::new();
        for candidate in facts {
            if !seen.insert((
                candidate.subject,
                candidate.predicate.clone(),
                format!("{:?}", candidate.object),
            )) {
                continue;
            }
            let sentence = sentences[candidate.sentence];
            // A paragraph without full stops may give many facts: its characters are counted
            // once, not from its start for each.
            let marks = (sentence.text.len() > LONGEST_QUOTE).then(|| {
                &*marks
                    .entry(candidate.sentence)
                    .or_insert_with(|| CharMarks::new(&sentence.text))
            });
            let (evidence, span) = quote(sentence, candidate.around, marks);
            out.push(Fact {
                subject: ids[candidate.subject].clone(),
                predicate: candidate.predicate,
                object: match candidate.object {
                    Target::Entity(object) => FactObject::Id(ids[object].clone()),
                    Target::Value(value) => value,
                },
                evidence: Some(evidence),
                span: Some(span),
                confidence: Some((candidate.confidence * 100.0).round() / 100.0),
                extractor: Some(format!("factgraph-extract {}", candidate.rule)),
                qualifiers: Default::default(),
            });
        }
        FactSheet {
            schema: None,
            article: Article {
                id,
                title,
                url: metadata.url.clone(),
                publisher: metadata.publisher.clone(),
                published: metadata.published.clone(),
                language: Some("en".to_owned()),
            },
            entities,
            facts: out,
        }
    }
}

/// The article's id: the given one, else one made from a hash of its text.
fn article_id(text: &str, metadata: &ArticleMetadata) -> String {
    metadata.id.clone().unwrap_or_else(|| {
        format!(
            "article-{}",
            &crate::rdf::content_hash(&[text.as_bytes()])[..12]
        )
    })
}

/// Whether a one-word alias may name its entity only after a fuller mention: a person's
/// surname ("Ross"), and short mixed-case words ("Ant") that are common words too. Acronyms
/// ("SMIC") and longer names ("Alibaba") stand on their own.
fn needs_antecedent(alias: &str, entity: &KnownName) -> bool {
    if alias.contains(' ') || !entity.name.contains(' ') {
        return false;
    }
    let acronym = alias
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    entity.class == "Person" || (!acronym && alias.chars().count() <= 4)
}

/// How many mentions back a description or pronoun looks for what it refers to.
const REFERENCE_REACH: usize = 256;

/// The most members a list is followed through, so that a paragraph of names stays linear.
const LONGEST_LIST: usize = 32;

/// The most bytes between a relation's left mention and an inclusion cue ("including").
const INCLUSION_REACH: usize = 400;

/// Where a possessor's "'s" ends ("Ant Group's Alipay"), or its bare apostrophe after a final
/// s ("Tencent Holdings' WeChat Pay").
fn possessive_end(text: &str, owner: Mention) -> Option<usize> {
    let rest = &text[owner.end..];
    for mark in ["'s", "’s"] {
        if rest
            .strip_prefix(mark)
            .is_some_and(|r| !r.starts_with(char::is_alphanumeric))
        {
            return Some(owner.end + mark.len());
        }
    }
    let plural = text[..owner.end].ends_with(['s', 'S']);
    ["'", "’"]
        .into_iter()
        .find(|mark| {
            plural
                && rest
                    .strip_prefix(mark)
                    .is_some_and(|r| r.starts_with(char::is_whitespace))
        })
        .map(|mark| owner.end + mark.len())
}

/// Whether the text between two mentions only joins list members: commas, "and", "or".
fn is_list_gap(gap: &str) -> bool {
    let words = tokens(gap);
    !words.is_empty()
        && words
            .iter()
            .all(|t| matches!(t.as_str(), "," | "and" | "or"))
}

/// Sentences longer than this are quoted in part: the stretch around the fact's mentions.
const LONGEST_QUOTE: usize = 1000;
/// How much of a long sentence is quoted on each side of the mentions, in bytes.
const QUOTE_CONTEXT: usize = 300;

/// Character counts at every few kilobytes of a long sentence, so that the character offset
/// of a byte offset is counted from the nearest mark before it rather than from the start.
struct CharMarks {
    /// Byte offsets (character boundaries) and the characters before each.
    marks: Vec<(usize, usize)>,
}

impl CharMarks {
    const STEP: usize = 4096;

    fn new(text: &str) -> Self {
        let mut marks = vec![(0, 0)];
        let (mut byte, mut chars) = (0, 0);
        while byte + Self::STEP < text.len() {
            let mut next = byte + Self::STEP;
            while !text.is_char_boundary(next) {
                next += 1;
            }
            chars += text[byte..next].chars().count();
            marks.push((next, chars));
            byte = next;
        }
        Self { marks }
    }

    /// How many characters come before a byte offset (a character boundary) of the text.
    fn chars_before(&self, text: &str, byte: usize) -> usize {
        let at = self
            .marks
            .partition_point(|m| m.0 <= byte)
            .saturating_sub(1);
        let (mark, chars) = self.marks[at];
        chars + text[mark..byte].chars().count()
    }
}

/// The evidence of a fact and its character span in the article: the whole sentence, or a
/// window of a sentence too long to quote whole (such as a paragraph without full stops), whose
/// characters `marks` counts.
fn quote(
    sentence: &sentences::Sentence,
    around: (usize, usize),
    marks: Option<&CharMarks>,
) -> (String, [u64; 2]) {
    let text = sentence.text.as_str();
    if text.len() <= LONGEST_QUOTE {
        return (
            text.to_owned(),
            [sentence.start as u64, sentence.end as u64],
        );
    }
    let mut from = around.0.saturating_sub(QUOTE_CONTEXT);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (around.1 + QUOTE_CONTEXT).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let before = match marks {
        Some(marks) => marks.chars_before(text, from),
        None => text[..from].chars().count(),
    };
    let start = sentence.start + before;
    let window = &text[from..to];
    let end = start + window.chars().count();
    (window.to_owned(), [start as u64, end as u64])
}

/// "chief operating officer" → "Chief Operating Officer".
fn capitalised(words: &str) -> String {
    words
        .split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The table index of an entity, entering it when new.
fn enter(
    table: &mut Vec<Found>,
    by_name: &mut HashMap<(String, String), usize>,
    name: &str,
    class: &str,
    alias: Option<&str>,
    same_as: &[String],
) -> usize {
    let index = *by_name
        .entry((name.to_owned(), class.to_owned()))
        .or_insert_with(|| {
            table.push(Found {
                name: name.to_owned(),
                class: class.to_owned(),
                aliases: BTreeSet::new(),
                same_as: same_as.to_vec(),
                unnamed: false,
                dropped: false,
            });
            table.len() - 1
        });
    if let Some(alias) = alias {
        table[index].aliases.insert(alias.to_owned());
    }
    index
}

/// Whether a match is a whole word (or words) of the text.
fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Byte spans of runs of capitalised words ("Xiaomi Corp", "Executive Order 13971"), letting
/// "of", "and", "&" and numbers continue a run that has begun.
fn capitalised_runs(text: &str) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    let mut pending_joiner = false;
    for (start, word) in word_spans(text) {
        let end = start + word.len();
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        let number = word.chars().all(|c| c.is_ascii_digit());
        let joiner = matches!(word, "of" | "and" | "&");
        match current {
            Some((run_start, _)) if capitalised || (number && !pending_joiner) => {
                current = Some((run_start, end));
                pending_joiner = false;
            }
            Some(_) if joiner && !pending_joiner => pending_joiner = true,
            _ => {
                if let Some(run) = current.take() {
                    runs.push(run);
                }
                pending_joiner = false;
                if capitalised {
                    current = Some((start, end));
                }
            }
        }
        // Punctuation after a word ends the run.
        if text[end..].starts_with([',', ';', ':', '(', ')', '"']) {
            if let Some(run) = current.take() {
                runs.push(run);
            }
            pending_joiner = false;
        }
    }
    runs.extend(current);
    runs
}

/// Words with their byte offsets; punctuation at a word's edges is not part of it, except the
/// full stop of an abbreviation such as "Co." or "Inc.".
fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace().filter_map(move |raw| {
        let offset = raw.as_ptr() as usize - text.as_ptr() as usize;
        let leading = raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let trimmed = raw[leading..].trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
        let trimmed =
            if trimmed.ends_with('.') && trimmed.matches('.').count() == 1 && trimmed.len() > 4 {
                &trimmed[..trimmed.len() - 1]
            } else {
                trimmed
            };
        (!trimmed.is_empty()).then_some((offset + leading, trimmed))
    })
}

/// Lower-cased words and punctuation marks, for comparing gaps with phrases.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // ASCII text (most of it) has no curly quotes, and each token is lower-cased as it is
    // copied out: no lower-cased copy of the whole text first.
    let normalised = if text.is_ascii() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.replace(['’', '‘'], "'").to_lowercase())
    };
    for raw in normalised.split_whitespace() {
        let mut word_start = None;
        for (at, c) in raw.char_indices() {
            if c.is_alphanumeric()
                || c == '-'
                || c == '.'
                || c == '%'
                || (c == '\'' && word_start.is_some())
            {
                word_start.get_or_insert(at);
            } else {
                if let Some(start) = word_start.take() {
                    out.push(raw[start..at].to_ascii_lowercase());
                }
                if c == '\'' {
                    word_start = Some(at);
                } else {
                    out.push(raw[at..at + c.len_utf8()].to_owned());
                }
            }
        }
        if let Some(start) = word_start {
            out.push(raw[start..].to_ascii_lowercase());
        }
    }
    out
}

/// The tokens of the text from `from` to `to` without the mentions of demonyms in it.
fn tokens_between(text: &str, from: usize, to: usize, demonyms: &[Mention]) -> Vec<String> {
    let mut words = Vec::new();
    let mut from = from;
    for demonym in demonyms {
        words.extend(tokens(&text[from..demonym.start]));
        from = demonym.end;
    }
    words.extend(tokens(&text[from..to]));
    words
}

/// Tokens with a sentence's final full stop apart from the word it ends ("executive." is
/// "executive", "."), for reading titles; "U.S." keeps its stops.
fn clause_tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for token in tokens(text) {
        match token.strip_suffix('.') {
            Some(word) if !word.is_empty() && !word.contains('.') => {
                out.push(word.to_owned());
                out.push(".".to_owned());
            }
            _ => out.push(token),
        }
    }
    out
}

/// The literal between the two slots of a template such as `{O}'s {S}`, and whether the
/// subject comes first in the text; `None` for templates of another shape.
fn template_gap(template: &str) -> Option<(String, bool)> {
    let (subject_first, rest) = match template.get(..3)? {
        "{S}" => (true, &template[3..]),
        "{O}" => (false, &template[3..]),
        _ => return None,
    };
    let gap = rest.strip_suffix(if subject_first { "{O}" } else { "{S}" })?;
    (!gap.contains('{')).then(|| (gap.to_owned(), subject_first))
}

/// A fact sheet's id for an entity: the name's slug cut to what the sheet format allows (ASCII
/// letters, digits, `.`, `_`, `-`), `entity` when nothing is left (names in other scripts).
fn sheet_id(name: &str) -> String {
    let allowed: String = slug(name)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        .collect();
    let words: Vec<&str> = allowed
        .split('-')
        .map(|w| w.trim_start_matches(['.', '_']))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        "entity".to_owned()
    } else {
        words.join("-")
    }
}

/// Whether `needle` occurs in `haystack` as a contiguous run.
fn contains_run(haystack: &[String], needle: &[String]) -> bool {
    needle.len() <= haystack.len() && haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pattern_index_offers_what_a_scan_of_every_pattern_would_try_in_its_order() {
        let words = |text: &str| tokens(text);
        let prepared = |phrases: &[&str], templates: &[&str]| Prepared {
            pattern: 0,
            phrases: phrases
                .iter()
                .map(|p| (words(p), (*p).to_owned()))
                .collect(),
            templates: templates
                .iter()
                .map(|t| (words(t), true, (*t).to_owned()))
                .collect(),
            demonym_subject: false,
            demonym_literals: Vec::new(),
        };
        let all = [
            prepared(&["is owned by", "owned by"], &["'s"]),
            prepared(&["signed"], &[]),
            prepared(&["owned"], &["'s"]),
        ];
        let index = PatternIndex::new(&all);
        let gap = words("which is owned by");
        let gap: Vec<&str> = gap.iter().map(String::as_str).collect();
        assert_eq!(
            index.candidates(&words("'s"), &gap, true),
            vec![
                (0, false, 0),
                (0, true, 0),
                (0, true, 1),
                (2, false, 0),
                (2, true, 0)
            ]
        );
        // Punctuation in the gap leaves the templates alone; a gap of other words, nothing.
        assert_eq!(
            index.candidates(&words("'s"), &gap, false),
            vec![(0, false, 0), (2, false, 0)]
        );
        assert!(index.candidates(&words("said"), &["said"], true).is_empty());
    }

    fn extract(text: &str) -> FactSheet {
        Extractor::new(Vec::new())
            .unwrap()
            .extract(text, &ArticleMetadata::default())
    }

    /// The value facts of a sheet: (subject name, predicate, value).
    fn values(sheet: &FactSheet) -> Vec<(String, String, FactObject)> {
        sheet
            .facts
            .iter()
            .filter(|f| !matches!(f.object, FactObject::Id(_)))
            .map(|f| {
                let subject = sheet.entities.iter().find(|e| e.id == f.subject);
                (
                    subject.map(|e| e.name.clone()).unwrap_or_default(),
                    f.predicate.clone(),
                    f.object.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn counts_and_signing_days_become_value_facts() {
        let text = "President Donald Trump on Tuesday signed Executive Order 13971. \
                    Alipay has more than 1 billion annual users. \
                    China Mobile and China Unicom together serve well over 1 billion subscribers.";
        let extractor = Extractor::new(Vec::new()).unwrap();
        let published = ArticleMetadata {
            published: Some("2021-01-06".to_owned()),
            ..ArticleMetadata::default()
        };
        assert_eq!(
            values(&extractor.extract(text, &published)),
            [
                (
                    "Executive Order 13971".to_owned(),
                    "signedDate".to_owned(),
                    FactObject::Date("2021-01-05".to_owned())
                ),
                (
                    "Alipay".to_owned(),
                    "userCount".to_owned(),
                    FactObject::Number(1_000_000_000u64.into())
                ),
            ]
        );
        // Without a publication date, "on Tuesday" is no day.
        assert_eq!(
            values(&extract(text))
                .iter()
                .map(|(_, p, _)| p.as_str())
                .collect::<Vec<_>>(),
            ["userCount"]
        );
    }

    #[test]
    fn the_publication_date_comes_from_a_date_line_or_a_dateline_not_a_sentence() {
        let extractor = Extractor::new(Vec::new()).unwrap();
        let date = |text: &str| extractor.publication_date(text);
        assert_eq!(
            date("Title\n\nSeptember 27, 2018\nThe body begins.").as_deref(),
            Some("2018-09-27")
        );
        assert_eq!(
            date("Title\nWASHINGTON, Sept. 27, 2018 — The Treasury Department on Thursday sanctioned two banks and their chief executives for reasons it gave.").as_deref(),
            Some("2018-09-27")
        );
        assert_eq!(date("Title\nMandela was born on July 18, 1918."), None);
        assert_eq!(
            date(
                "Title\nOn July 20, 1995, the United States filed a complaint seeking to enjoin a transaction by which one company agreed to acquire another."
            ),
            None
        );
        // The title's own date is not the publication date.
        assert_eq!(date("Looking back at March 3, 2001\nNo date here"), None);
    }

    #[test]
    fn page_furniture_is_neither_the_title_nor_a_sentence() {
        let sheet = extract(
            "Type to search\nSkip to main content\nTreasury Sanctions Russian Banks\n\nThe Treasury Department sanctioned Sberbank.",
        );
        assert_eq!(sheet.article.title, "Treasury Sanctions Russian Banks");
        let titled = Extractor::new(Vec::new()).unwrap().extract(
            "Body text.",
            &ArticleMetadata {
                title: Some("Search:".into()),
                ..ArticleMetadata::default()
            },
        );
        assert_eq!(titled.article.title, "Body text.");
    }

    #[test]
    fn places_take_agent_roles_only_where_a_pattern_names_places() {
        let sheet = extract(
            "TikTok, Beijing's most popular app, was banned. CamScanner is developed by Shanghai engineers.",
        );
        let triples = triples(&sheet);
        assert!(
            !triples
                .iter()
                .any(|(s, p, o)| s == "TikTok" && p == "ownedBy" && o == "Beijing"),
            "{triples:?}"
        );
        assert!(
            !triples
                .iter()
                .any(|(_, p, o)| p == "developedBy" && o == "Shanghai"),
            "{triples:?}"
        );
    }

    fn triples(sheet: &FactSheet) -> Vec<(String, String, String)> {
        let name = |id: &str| {
            sheet
                .entities
                .iter()
                .find(|e| e.id == id)
                .map(|e| e.name.clone())
                .unwrap_or_default()
        };
        sheet
            .facts
            .iter()
            .map(|f| {
                let FactObject::Id(object) = &f.object else {
                    return (String::new(), String::new(), String::new());
                };
                (name(&f.subject), f.predicate.clone(), name(object))
            })
            .collect()
    }

    #[test]
    fn verbs_possessives_and_lists_give_facts() {
        let sheet = extract(
            "Donald Trump signed Executive Order 13971 on Tuesday. Executive Order 13971 bans Alipay, WeChat Pay and CamScanner. Ant Group's Alipay has a billion users.",
        );
        let found = triples(&sheet);
        for expected in [
            ("Donald Trump", "signs", "Executive Order 13971"),
            ("Executive Order 13971", "bans", "Alipay"),
            ("Executive Order 13971", "bans", "WeChat Pay"),
            ("Executive Order 13971", "bans", "CamScanner"),
            ("Alipay", "ownedBy", "Ant Group"),
        ] {
            let expected = (
                expected.0.to_owned(),
                expected.1.to_owned(),
                expected.2.to_owned(),
            );
            assert!(found.contains(&expected), "{expected:?} not in {found:?}");
        }
        let fact = &sheet.facts[0];
        assert_eq!(fact.span, Some([0, 53]));
        assert!(
            fact.extractor
                .as_deref()
                .is_some_and(|e| e.contains("signs"))
        );
    }

    #[test]
    fn surnames_need_the_full_name_first() {
        let early = extract("Ross said nothing.");
        assert!(early.entities.is_empty(), "{:?}", early.entities);
        let late = extract("Wilbur Ross spoke. Ross said nothing.");
        assert_eq!(late.entities.len(), 1);
        assert!(late.entities[0].aliases.contains(&"Ross".to_owned()));
    }

    #[test]
    fn cues_find_names_the_lexicon_lacks() {
        let sheet = extract("Commerce Secretary Jane Quill met Zephyr Widgets Ltd officials.");
        let names: Vec<(&str, &str)> = sheet
            .entities
            .iter()
            .map(|e| (e.name.as_str(), e.class.as_str()))
            .collect();
        assert!(names.contains(&("Jane Quill", "Person")), "{names:?}");
        assert!(
            names.contains(&("Zephyr Widgets Ltd", "Company")),
            "{names:?}"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_text_or_page_is_read_without_panic_into_a_valid_sheet(text in "\\PC{0,300}", noise in "[<>&;#a-z/ \"'.]{0,200}") {
            let extractor = Extractor::new(Vec::new()).unwrap();
            let ontology = Ontology::embedded().unwrap();
            let dated = ArticleMetadata {
                published: Some("2021-01-06".to_owned()),
                ..ArticleMetadata::default()
            };
            let page = format!("<html><meta content='{noise}'><p>{text}{noise}</p>");
            for format in [TextFormat::Plain, TextFormat::Markdown, TextFormat::Html] {
                for input in [&text, &page, &noise] {
                    let (plain, metadata, _) = read_article(input.as_bytes(), format, &dated);
                    let sheet = extractor.extract(&plain, &metadata);
                    for fact in &sheet.facts {
                        proptest::prop_assert!(fact.evidence.is_some());
                    }
                    // A text with no words has no title, which validation rightly refuses.
                    if !sheet.article.title.trim().is_empty() {
                        let findings = crate::ontology::validate(&sheet, ontology, false);
                        proptest::prop_assert!(findings.is_empty(), "{:?}", findings);
                    }
                }
            }
        }
    }

    #[test]
    fn entity_ids_keep_to_what_sheets_allow() {
        assert_eq!(
            sheet_id("Shenzhen Stock Exchange"),
            "shenzhen-stock-exchange"
        );
        assert_eq!(sheet_id("Shenzßen Exchange"), "shenzen-exchange");
        assert_eq!(sheet_id("阿里巴巴"), "entity");
        assert_eq!(sheet_id("Société Générale"), "societe-generale");
        // Found by the fuzzer: a name with letters outside ASCII made an id validation refused.
        let sheet = Extractor::new(Vec::new()).unwrap().extract(
            "Kunlun said in a filing to the Shenz\u{2dc}\u{161}\u{df}k Exchange on Friday that it would sell Grindr. \
             Alibaba and 阿里巴巴 Group and 腾讯 Group were named.",
            &ArticleMetadata {
                published: Some("2019-03-08".to_owned()),
                ..ArticleMetadata::default()
            },
        );
        assert!(sheet.entities.len() >= 2, "{:?}", sheet.entities);
        let findings = crate::ontology::validate(&sheet, Ontology::embedded().unwrap(), false);
        assert!(findings.is_empty(), "{findings:?}");
    }

    /// A pattern that matched classes outside its predicate's domain or range would write
    /// facts that validation refuses (the fuzzer found an app `basedIn` a place).
    #[test]
    fn relation_patterns_keep_to_their_predicates_domain_and_range() {
        let extractor = Extractor::new(Vec::new()).unwrap();
        let ontology = Ontology::embedded().unwrap();
        let mut outside = Vec::new();
        for pattern in &extractor.lexicon().relations {
            let property = ontology.property(&pattern.predicate).unwrap();
            for class in &pattern.subject {
                if !property.domain.is_empty() && !ontology.fits(class, &property.domain) {
                    outside.push(format!("{} subject {class}", pattern.predicate));
                }
            }
            if let crate::ontology::Range::Classes(range) = &property.range {
                for class in &pattern.object {
                    if !range.is_empty() && !ontology.fits(class, range) {
                        outside.push(format!("{} object {class}", pattern.predicate));
                    }
                }
            }
        }
        assert!(outside.is_empty(), "{outside:?}");
    }

    fn extract_on(text: &str, published: &str) -> FactSheet {
        Extractor::new(Vec::new()).unwrap().extract(
            text,
            &ArticleMetadata {
                published: Some(published.to_owned()),
                ..ArticleMetadata::default()
            },
        )
    }

    fn has(found: &[(String, String, String)], (s, p, o): (&str, &str, &str)) -> bool {
        found
            .iter()
            .any(|(fs, fp, fo)| fs == s && fp == p && fo == o)
    }

    fn assert_has(sheet: &FactSheet, expected: &[(&str, &str, &str)]) {
        let found = triples(sheet);
        for fact in expected {
            assert!(has(&found, *fact), "{fact:?} not in {found:?}");
        }
    }

    fn assert_lacks(sheet: &FactSheet, unexpected: &[(&str, &str, &str)]) {
        let found = triples(sheet);
        for fact in unexpected {
            assert!(!has(&found, *fact), "{fact:?} in {found:?}");
        }
    }

    fn dates(sheet: &FactSheet) -> Vec<(String, String, String)> {
        values(sheet)
            .into_iter()
            .filter_map(|(s, p, v)| match v {
                FactObject::Date(d) => Some((s, p, d)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn relative_and_purpose_clauses_carry_the_relation() {
        let sheet = extract(
            "The order, Executive Order 13971, which aims to ban transactions with Alipay, WeChat Pay and CamScanner, was signed on Tuesday. \
             Tencent Holdings, which owns WeChat, said nothing. \
             Alibaba Group Holding, whose shares are listed on the New York Stock Exchange, is headquartered in the eastern city of Hangzhou. \
             Huawei Technologies, which is headquartered in the southern Chinese city of Shenzhen, was founded in 1987 by Ren Zhengfei.",
        );
        assert_has(
            &sheet,
            &[
                ("Executive Order 13971", "bans", "Alipay"),
                ("Executive Order 13971", "bans", "WeChat Pay"),
                ("Executive Order 13971", "bans", "CamScanner"),
                ("Tencent Holdings", "owns", "WeChat"),
                (
                    "Alibaba Group Holding",
                    "listedOn",
                    "New York Stock Exchange",
                ),
                ("Alibaba Group Holding", "headquarteredIn", "Hangzhou"),
                ("Huawei Technologies", "headquarteredIn", "Shenzhen"),
                ("Ren Zhengfei", "founderOf", "Huawei Technologies"),
            ],
        );
        // The clause's verb is not the list's last member's; "that" after a person is about
        // something else.
        let other = extract(
            "Alibaba Group Holding, whose shares are listed on the New York Stock Exchange, is headquartered in Hangzhou. \
             Joe Biden revoked orders issued by Donald Trump that sought to ban TikTok.",
        );
        assert_lacks(
            &other,
            &[
                ("New York Stock Exchange", "headquarteredIn", "Hangzhou"),
                ("Donald Trump", "bans", "TikTok"),
            ],
        );
    }

    #[test]
    fn lists_on_either_side_of_a_verb_give_a_fact_each() {
        let sheet = extract(
            "WeChat Pay, QQ Wallet and Tencent QQ are owned by Tencent Holdings. \
             TikTok and ByteDance sued Donald Trump, Commerce Secretary Wilbur Ross and the Commerce Department.",
        );
        assert_has(
            &sheet,
            &[
                ("WeChat Pay", "ownedBy", "Tencent Holdings"),
                ("QQ Wallet", "ownedBy", "Tencent Holdings"),
                ("Tencent QQ", "ownedBy", "Tencent Holdings"),
                ("ByteDance", "sues", "Donald Trump"),
                ("ByteDance", "sues", "Wilbur Ross"),
            ],
        );
        assert_lacks(
            &sheet,
            &[("Donald Trump", "holdsPosition", "US Secretary of Commerce")],
        );
        // A list after a preposition is not what the verb is about.
        let offering = extract(
            "Ant Group's offering in Shanghai and Hong Kong was suspended by the Shanghai Stock Exchange.",
        );
        let found = triples(&offering);
        assert!(!found.iter().any(|(_, p, _)| p == "blocks"), "{found:?}");
    }

    #[test]
    fn an_indefinite_order_stands_for_the_orders_named_next() {
        let sheet = extract_on(
            "President Donald Trump on Thursday signed two executive orders banning U.S. transactions with ByteDance. \
             The orders, which take effect in 45 days, were issued under the International Emergency Economic Powers Act. \
             They are Executive Order 13942 and Executive Order 13943.",
            "2020-08-07",
        );
        assert_has(
            &sheet,
            &[
                ("Donald Trump", "signs", "Executive Order 13942"),
                ("Donald Trump", "signs", "Executive Order 13943"),
                ("Executive Order 13942", "bans", "ByteDance"),
            ],
        );
        assert_lacks(
            &sheet,
            &[
                (
                    "Donald Trump",
                    "signs",
                    "International Emergency Economic Powers Act",
                ),
                ("Executive Order 13942", "bans", "United States"),
            ],
        );
        let dates = dates(&sheet);
        for order in ["Executive Order 13942", "Executive Order 13943"] {
            for (predicate, day) in [
                ("signedDate", "2020-08-06"),
                ("effectiveDate", "2020-09-20"),
            ] {
                let fact = (order.to_owned(), predicate.to_owned(), day.to_owned());
                assert!(dates.contains(&fact), "{fact:?} not in {dates:?}");
            }
        }
        assert!(
            !dates.iter().any(|(s, ..)| s.contains("Powers")),
            "{dates:?}"
        );
        // Two orders never named stand for nothing.
        let unnamed = extract_on(
            "Donald Trump on Tuesday signed two executive orders. Nothing else was said.",
            "2021-01-06",
        );
        assert!(unnamed.facts.is_empty(), "{:?}", unnamed.facts);
    }

    /// The sheet's legal instruments, by name.
    fn instruments(sheet: &FactSheet) -> Vec<&str> {
        sheet
            .entities
            .iter()
            .filter(|e| e.class == "LegalInstrument")
            .map(|e| e.name.as_str())
            .collect()
    }

    /// The example issue #4 is built around.
    #[test]
    fn the_seed_sentence_gives_signs_bans_and_owned_by() {
        let sheet = extract_on(
            "US President Donald Trump has signed an executive order which aims to ban transactions on eight Chinese software applications, including Ant Group's Alipay.",
            "2021-01-06",
        );
        let order = "executive order signed by Donald Trump banning Alipay, reported 2021-01-06";
        assert_eq!(instruments(&sheet), [order]);
        assert_has(
            &sheet,
            &[
                ("Donald Trump", "signs", order),
                (order, "bans", "Alipay"),
                ("Alipay", "ownedBy", "Ant Group"),
            ],
        );
        assert_lacks(&sheet, &[(order, "bans", "Ant Group")]);
        // A described order is less sure than a named one, and has no alias to merge by.
        let entity = sheet.entities.iter().find(|e| e.name == order).unwrap();
        assert!(entity.aliases.is_empty() && entity.same_as.is_empty());
        let signs = sheet.facts.iter().find(|f| f.predicate == "signs").unwrap();
        assert!(signs.confidence.unwrap() < 0.9, "{signs:?}");
        let findings = crate::ontology::validate(&sheet, Ontology::embedded().unwrap(), false);
        assert!(findings.is_empty(), "{findings:?}");
    }

    #[test]
    fn an_order_never_named_is_an_entity_described_by_its_facts() {
        // Signer, day and what it does name it; "the order" and "the directive" refer back.
        let sheet = extract_on(
            "Donald Trump on Tuesday signed an executive order banning Alipay. \
             The directive also bans WeChat Pay. Analysts said the order bars QQ Wallet.",
            "2021-01-06",
        );
        let order = "executive order signed by Donald Trump on 2021-01-05 banning Alipay";
        assert_eq!(instruments(&sheet), [order]);
        assert_has(
            &sheet,
            &[
                ("Donald Trump", "signs", order),
                (order, "bans", "Alipay"),
                (order, "bans", "WeChat Pay"),
                (order, "bans", "QQ Wallet"),
            ],
        );
        let signed = (
            order.to_owned(),
            "signedDate".to_owned(),
            "2021-01-05".to_owned(),
        );
        assert!(dates(&sheet).contains(&signed), "{:?}", dates(&sheet));
        // Without signer or day, the article's id keeps it apart from other articles' orders.
        let vague = extract("An executive order bans Alipay.");
        let names = instruments(&vague);
        assert_eq!(names.len(), 1, "{names:?}");
        assert!(
            names[0].starts_with("executive order banning Alipay (article article-"),
            "{names:?}"
        );
        // Two in one article stay two.
        let two = extract_on(
            "Donald Trump signed an executive order banning Alipay. \
             Separately, Donald Trump signed an executive order banning Alipay.",
            "2021-01-06",
        );
        assert_eq!(instruments(&two).len(), 2, "{:?}", instruments(&two));
        // An order that takes part in no fact, or whose only fact is negated, is dropped.
        for text in [
            "Huawei placed an order for chips.",
            "Donald Trump did not sign an executive order.",
        ] {
            let sheet = extract_on(text, "2021-01-06");
            assert!(instruments(&sheet).is_empty(), "{:?}", sheet.entities);
            assert!(sheet.facts.is_empty(), "{:?}", sheet.facts);
        }
    }

    #[test]
    fn an_order_named_later_is_the_named_one() {
        let sheet = extract_on(
            "Donald Trump on Tuesday signed an executive order which aims to ban transactions with eight Chinese software applications, including Ant Group's Alipay and Tencent Holdings' WeChat Pay. \
             It was widely criticised. \
             The order, Executive Order 13971, takes effect in 45 days.",
            "2021-01-06",
        );
        assert_eq!(instruments(&sheet), ["Executive Order 13971"]);
        assert_has(
            &sheet,
            &[
                ("Donald Trump", "signs", "Executive Order 13971"),
                ("Executive Order 13971", "bans", "Alipay"),
                ("Executive Order 13971", "bans", "WeChat Pay"),
                ("Alipay", "ownedBy", "Ant Group"),
            ],
        );
        assert_lacks(
            &sheet,
            &[
                ("Executive Order 13971", "bans", "Ant Group"),
                ("Executive Order 13971", "bans", "Tencent Holdings"),
            ],
        );
    }

    #[test]
    fn including_lists_after_a_plural_noun_give_a_fact_per_member() {
        let sheet = extract(
            "Executive Order 13971 bans transactions with eight Chinese apps, including Alipay, WeChat Pay and QQ Wallet. \
             Executive Order 13942 bans transactions with Ant Group's Alipay, Tencent Holdings' WeChat Pay and CamScanner.",
        );
        assert_has(
            &sheet,
            &[
                ("Executive Order 13971", "bans", "Alipay"),
                ("Executive Order 13971", "bans", "WeChat Pay"),
                ("Executive Order 13971", "bans", "QQ Wallet"),
                ("Executive Order 13942", "bans", "Alipay"),
                ("Executive Order 13942", "bans", "WeChat Pay"),
                ("Executive Order 13942", "bans", "CamScanner"),
                ("Alipay", "ownedBy", "Ant Group"),
            ],
        );
        // An owner before "'s" is not what the verb is about.
        assert_lacks(
            &sheet,
            &[
                ("Executive Order 13942", "bans", "Ant Group"),
                ("Executive Order 13942", "bans", "Tencent Holdings"),
            ],
        );
    }

    #[test]
    fn including_outside_the_verbs_object_gives_nothing() {
        let sheet = extract(
            "Executive Order 13971 bans TikTok, while critics say eight apps, including Alipay, are unaffected. \
             Executive Order 13942 bans transactions and reviews eight apps, including WeChat Pay. \
             Executive Order 13943 bans dozens of companies, including China's top chipmaker SMIC. \
             Executive Order 13959 never banned eight apps, including QQ Wallet. \
             Executive Order 14032 bans eight apps, including Tencent Holdings. \
             Executive Order 14034 bans TikTok; eight apps, including CamScanner, are next.",
        );
        let found = triples(&sheet);
        let bans: Vec<_> = found.iter().filter(|(_, p, _)| p == "bans").collect();
        assert_eq!(
            bans,
            [
                &(
                    "Executive Order 13971".to_owned(),
                    "bans".to_owned(),
                    "TikTok".to_owned()
                ),
                &(
                    "Executive Order 14034".to_owned(),
                    "bans".to_owned(),
                    "TikTok".to_owned()
                )
            ],
            "{found:?}"
        );
    }

    #[test]
    fn effect_durations_count_from_signing_else_publication() {
        let sheet = extract_on(
            "Executive Order 14000 is effective in 30 days. \
             Executive Order 14001 does not take effect in 30 days. \
             Owners of Executive Order 14002 assets must sell within 90 days.",
            "2021-01-01",
        );
        assert_eq!(
            dates(&sheet),
            [(
                "Executive Order 14000".to_owned(),
                "effectiveDate".to_owned(),
                "2021-01-31".to_owned()
            )]
        );
        assert!(dates(&extract("Executive Order 14000 is effective in 30 days.")).is_empty());
    }

    #[test]
    fn titles_around_a_name_give_positions() {
        let sheet = extract(
            "Wilbur Ross, the commerce secretary, said so. \
             Pan Gongsheng, a deputy governor of the People's Bank of China, spoke. \
             Oracle Corporation makes software. Safra Catz is Oracle's chief executive. \
             Xiaomi was founded by Lei Jun. Lei, who founded the company in 2010, is its chairman and chief executive. \
             Walmart said its chief executive Doug McMillon would sit on the board. \
             Gina Raimondo, a former governor of Rhode Island, spoke.",
        );
        assert_has(
            &sheet,
            &[
                ("Wilbur Ross", "holdsPosition", "US Secretary of Commerce"),
                (
                    "Pan Gongsheng",
                    "holdsPosition",
                    "Deputy Governor of People's Bank of China",
                ),
                (
                    "Deputy Governor of People's Bank of China",
                    "positionIn",
                    "People's Bank of China",
                ),
                (
                    "Safra Catz",
                    "holdsPosition",
                    "Chief Executive Officer of Oracle Corporation",
                ),
                ("Safra Catz", "leads", "Oracle Corporation"),
                ("Lei Jun", "holdsPosition", "Chairman of Xiaomi"),
                (
                    "Lei Jun",
                    "holdsPosition",
                    "Chief Executive Officer of Xiaomi",
                ),
                ("Lei Jun", "leads", "Xiaomi"),
                (
                    "Doug McMillon",
                    "holdsPosition",
                    "Chief Executive Officer of Walmart",
                ),
                ("Gina Raimondo", "holdsPosition", "Governor of Rhode Island"),
                ("Governor of Rhode Island", "positionIn", "Rhode Island"),
            ],
        );
        // A deputy does not lead; a title with no organization and no known position, or a
        // word that is no title, gives nothing.
        assert_lacks(
            &sheet,
            &[("Pan Gongsheng", "leads", "People's Bank of China")],
        );
        let bare = extract("Wilbur Ross, a keen sailor, spoke. Safra Catz, the chairman, spoke.");
        assert!(
            !bare.facts.iter().any(|f| f.predicate == "holdsPosition"),
            "{:?}",
            bare.facts
        );
    }

    #[test]
    fn negated_and_hypothetical_facts_are_not_stated() {
        let sheet = extract(
            "Donald Trump did not sign Executive Order 13971. \
             Beijing Kunlun Tech no longer owns Grindr. \
             Huawei Technologies has repeatedly denied being controlled by Tencent Holdings. \
             Joe Biden threatened to ban TikTok. \
             Joe Biden plans to ban WeChat. \
             Donald Trump would be able to ban Alipay.",
        );
        let found = triples(&sheet);
        assert!(found.iter().all(|(_, p, _)| p.is_empty()), "{found:?}");
        // The verb of an infinitive after the phrase is not the phrase's.
        let purpose = extract("Jack Ma launched the service in 2004 to support Alibaba's Taobao.");
        assert!(
            !triples(&purpose).iter().any(|(_, p, _)| p == "founderOf"),
            "{:?}",
            triples(&purpose)
        );
        // An instrument states what it does in the language of purpose and hypothesis; a plain
        // statement stands.
        let stated = extract(
            "Executive Order 13971 would be used to ban Alipay. Donald Trump banned TikTok.",
        );
        assert_has(
            &stated,
            &[
                ("Executive Order 13971", "bans", "Alipay"),
                ("Donald Trump", "bans", "TikTok"),
            ],
        );
    }

    #[test]
    fn demonyms_prefer_their_worded_templates_and_stop_at_function_words() {
        let sheet = extract(
            "Shares of Chinese billionaire Jack Ma fell. Chinese telcos swing on New York Stock Exchange reversals.",
        );
        assert_has(&sheet, &[("Jack Ma", "nationality", "China")]);
        assert_lacks(
            &sheet,
            &[
                ("Jack Ma", "basedIn", "China"),
                ("New York Stock Exchange", "basedIn", "China"),
            ],
        );
    }

    /// A paragraph without full stops, full of unnamed orders and "including" lists: read in
    /// one go (nothing here is quadratic in the mentions, the orders or the cues).
    #[test]
    fn a_long_paragraph_of_unnamed_orders_and_including_lists_is_read() {
        let unit = "Donald Trump signed an executive order which aims to ban transactions with eight apps, including Ant Group's Alipay and Tencent Holdings' WeChat Pay, and ";
        let count = 8192;
        let text = unit.repeat(count);
        let sheet = extract_on(&text, "2021-01-06");
        let orders = instruments(&sheet);
        assert_eq!(orders.len(), count, "one entity per order");
        assert_eq!(
            orders[1],
            "executive order signed by Donald Trump banning Alipay, reported 2021-01-06 (2)"
        );
        let ids: BTreeSet<&str> = sheet.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), sheet.entities.len(), "ids are unique");
    }

    #[test]
    fn character_marks_count_as_counting_from_the_start_does() {
        let text = "aé€😀 ".repeat(3000);
        let marks = CharMarks::new(&text);
        assert!(marks.marks.len() > 2);
        for byte in (0..=text.len())
            .filter(|b| text.is_char_boundary(*b))
            .step_by(97)
        {
            assert_eq!(
                marks.chars_before(&text, byte),
                text[..byte].chars().count()
            );
        }
    }

    #[test]
    fn empty_and_entity_free_texts_give_empty_sheets() {
        assert!(extract("").facts.is_empty());
        let plain = extract("the weather was mild and nobody said anything.");
        assert!(plain.entities.is_empty() && plain.facts.is_empty());
    }
}
