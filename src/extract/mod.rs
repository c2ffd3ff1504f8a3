//! The built-in extractor: article text (plain, Markdown or HTML) to a fact sheet, offline.
//!
//! One stage a file, data flowing one way: `text` (markup to text) and `metadata` (title,
//! date, page furniture); `sentences` and `tokens`; `names` (capitalised runs typed by their
//! own words, reference data and the words around them); `coreference` (the per-article
//! entities, surnames, short forms, acronyms, descriptions, pronouns); `relations` (verb
//! frames keyed by lemma, and the frames of noun phrases); `values` (money, dates); `sheet`.
//! The rules are data: `data/lexicon/` holds words of English by their role and the verb
//! frames, `data/reference/` the reference data with its sources and licences. No rule names
//! a person, company or event; the store's own entities are known by name as well.

mod coreference;
pub mod eval;
mod lexicon;
mod names;
mod relations;
mod sentences;
mod sheet;
pub mod text;
mod tokens;
mod values;
mod words;

use rustc_hash::FxHashMap as HashMap;

pub use lexicon::LexiconError;
pub use values::date_in_name;

use crate::model::FactSheet;
use crate::ontology::Ontology;
use crate::text::fold;
use coreference::{Document, Mention, Reference};
use lexicon::Rules;
use relations::{DocumentClues, Reader, Sentence};

/// "Secretary Leavitt" after "HHS Secretary Mike Leavitt": the bare title is the office the
/// person was named with, not one more; the person holds the fuller one only.
fn drop_vaguer_positions(facts: &mut Vec<(usize, relations::Candidate)>, document: &Document<'_>) {
    let mut held: Vec<(usize, usize)> = facts
        .iter()
        .filter(|(_, f)| f.predicate == "holdsPosition")
        .filter_map(|(_, f)| Some((f.subject, f.object.entity()?)))
        .collect();
    held.sort_unstable();
    held.dedup();
    // Each office's words, split once.
    let mut words: HashMap<usize, Vec<String>> = HashMap::default();
    for &(_, position) in &held {
        words.entry(position).or_insert_with(|| {
            document.entities[position]
                .name
                .split(' ')
                .map(str::to_lowercase)
                .collect()
        });
    }
    let vaguer: Vec<(usize, usize)> = held
        .iter()
        .copied()
        .filter(|&(person, position)| {
            let bare = &words[&position];
            held.iter().any(|&(holder, other)| {
                holder == person && other != position && {
                    let fuller = &words[&other];
                    fuller.len() > bare.len() && bare.iter().all(|w| fuller.contains(w))
                }
            })
        })
        .collect();
    if vaguer.is_empty() {
        return;
    }
    facts.retain(|(_, f)| {
        f.predicate != "holdsPosition"
            || f.object
                .entity()
                .is_none_or(|position| !vaguer.contains(&(f.subject, position)))
    });
}

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

/// The extractor, built once and used for many articles.
pub struct Extractor {
    pub(crate) rules: Rules,
    ontology: &'static Ontology,
    known: Vec<KnownName>,
    /// Folded names and aliases of the known entities → their index.
    known_index: HashMap<String, usize>,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
    #[error(transparent)]
    Ontology(#[from] crate::ontology::Error),
}

impl Extractor {
    /// The extractor with the built-in rules and `known` entities (those of a store).
    pub fn new(known: Vec<KnownName>) -> Result<Self, Error> {
        let ontology = Ontology::embedded()?;
        let rules = Rules::embedded(ontology)?;
        let mut known_index = HashMap::default();
        for (index, entity) in known.iter().enumerate() {
            for name in std::iter::once(&entity.name).chain(&entity.aliases) {
                // A one-word alias of a person (a surname) is no name on its own.
                if entity.class == "Person" && !name.contains(' ') {
                    continue;
                }
                known_index.entry(fold(name)).or_insert(index);
            }
        }
        Ok(Self {
            rules,
            ontology,
            known,
            known_index,
        })
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
                values::full_date(&values::Words::new(part), &self.rules.values)
            })
    }

    fn is_boilerplate(&self, sentence: &str) -> bool {
        self.is_furniture(sentence)
            || self
                .rules
                .boilerplate_prefixes
                .iter()
                .chain(&self.rules.section_headers)
                .any(|prefix| sentence.starts_with(prefix.as_str()))
    }

    /// Whether a line is a page's control ("Type to search") rather than its text.
    fn is_furniture(&self, line: &str) -> bool {
        let bare = line
            .trim()
            .trim_end_matches([':', '.'])
            .trim()
            .to_lowercase();
        self.rules.furniture_lines.contains(&bare)
    }

    /// Reads one article's plain text.
    pub fn extract(&self, text: &str, metadata: &ArticleMetadata) -> FactSheet {
        let all = sentences::split(text, &self.rules.abbreviations);
        let sentences: Vec<&sentences::Sentence> = all
            .iter()
            .filter(|s| !self.is_boilerplate(&s.text))
            .collect();
        let keeps_stop = |word: &str| self.rules.lowered_abbreviations.contains(word);
        let finder = names::Finder::new(&self.rules);
        let reader = Reader {
            rules: &self.rules,
            ontology: self.ontology,
        };
        let mut document =
            Document::new(&self.rules, self.ontology, &self.known_index, &self.known);
        let published = metadata.published.as_deref();
        let mut facts = Vec::new();
        let mut clues = DocumentClues::default();
        let mut listed = false;
        for (index, sentence) in sentences.iter().enumerate() {
            document.at_sentence(index);
            // "The following organizations received funding:" and the lines after it, up to
            // one that ends as a sentence does.
            let listed_here = listed;
            listed = sentence.text.ends_with(':') || listed && !sentence.text.ends_with('.');
            let mut tokens = tokens::tokenize(&sentence.text, &keeps_stop);
            for token in &mut tokens {
                if let Some(word) = self.rules.abbreviated_words.get(token.lower.as_ref()) {
                    token.lower = std::borrow::Cow::Owned(word.clone());
                }
            }
            let found = finder.names(&tokens, &sentence.text, listed_here);
            let mentions = self.mentions(&tokens, &found, &mut document);
            if index == 0 {
                document.author = Self::author(&tokens, &mentions, &document);
            }
            let read = Sentence::new(
                &sentence.text,
                tokens,
                mentions,
                found,
                &self.rules,
                &document,
            );
            // Places first: "Newtown, Texas" makes Newtown a city before a verb's slot could
            // take it for something else ("works in Newtown"). Then frames: a slot types a name
            // nothing else typed ("bans … Alipay"), which the other noun phrases then read.
            let mut found = reader.places(&read, &mut document);
            // A headline capitalises its common words, so the names around its verb are not
            // to be trusted ("NASA Awards Contract to National Academy of Science" cuts the
            // academy's name at "of"): the article's sentences say the same with names whole.
            if index > 0 || !names::is_headline(&read.tokens) {
                found.extend(reader.frames(&read, &mut document, published));
            }
            let invoked = reader.invocations(&read, &document, &found);
            found.extend(invoked);
            let accused = reader.accusations(&read, &document, &found);
            found.extend(accused);
            found.extend(reader.noun_phrases(&read, &mut document));
            clues.read(&reader, &read, index, &mut document, &mut found);
            if let Some(deal) = found
                .iter()
                .find(|f| matches!(f.predicate.as_str(), "acquires" | "mergesWith"))
            {
                document.last_deal = [Some(deal.subject), deal.object.entity()]
                    .into_iter()
                    .flatten()
                    .collect();
            }
            found.extend(reader.deal_challenges(&read, &document));
            found.extend(reader.values(&read, &document, published));
            for candidate in found {
                facts.push((index, candidate));
            }
            for mention in &read.mentions {
                document.mentioned(mention.entity);
            }
        }
        clues.conclude(&reader, &mut facts, &document);
        drop_vaguer_positions(&mut facts, &document);
        self.drop_generic_instruments(&mut facts, &document);
        let id = article_id(text, metadata);
        sheet::write(self, id, metadata, &sentences, document.entities, facts)
    }

    /// "The United States filed a Complaint", "the Order": a legal instrument named by a common
    /// noun alone is a kind of document, not one a reader could find again; facts about it
    /// say nothing.
    fn drop_generic_instruments(
        &self,
        facts: &mut Vec<(usize, relations::Candidate)>,
        document: &Document<'_>,
    ) {
        let generic = |entity: usize| {
            let found = &document.entities[entity];
            found.class.as_deref() == Some("LegalInstrument")
                && !found.name.contains(' ')
                && found.name.starts_with(char::is_uppercase)
                && found.name.chars().skip(1).all(char::is_lowercase)
                && self.rules.words.is_known(&found.name.to_lowercase())
        };
        facts.retain(|(_, f)| !generic(f.subject) && f.object.entity().is_none_or(|o| !generic(o)));
    }

    /// The mentions of a sentence: its names, each acronym in brackets after a name, and the
    /// descriptions and pronouns that refer back.
    /// The person a sentence quotes: named beside a reporting verb ("said Sebelius",
    /// "Grassley said", "according to Smith").
    fn speaker(
        &self,
        tokens: &[tokens::Token<'_>],
        mentions: &[Mention],
        document: &Document<'_>,
    ) -> Option<usize> {
        let reporting = |at: usize| {
            tokens
                .get(at)
                .is_some_and(|t| self.rules.reporting_verbs.contains(t.lower.as_ref()))
        };
        // "said U.S. Attorney D. Michael Hurst": back past the title before the name.
        let before_title = |start: usize| {
            (start.saturating_sub(5)..start)
                .rev()
                .take_while(|&k| tokens[k].is_capitalised())
                .last()
                .unwrap_or(start)
        };
        mentions
            .iter()
            .filter(|m| document.entities[m.entity].class.as_deref() == Some("Person"))
            .find(|m| {
                let start = before_title(m.start);
                start > 0 && reporting(start - 1)
                    || reporting(m.end)
                    || start > 1
                        && tokens[start - 1].lower == "to"
                        && tokens[start - 2].lower == "according"
            })
            .map(|m| m.entity)
    }

    /// "Statement by Secretary Pompeo on …", "Remarks of Senator Smith": the person whose
    /// words the article is, named in its title.
    fn author(
        tokens: &[tokens::Token<'_>],
        mentions: &[Mention],
        document: &Document<'_>,
    ) -> Option<usize> {
        let by = tokens.windows(2).position(|pair| {
            matches!(
                pair[0].lower.as_ref(),
                "statement" | "remarks" | "testimony" | "letter"
            ) && matches!(pair[1].lower.as_ref(), "by" | "from" | "of")
        })? + 2;
        mentions
            .iter()
            .filter(|m| m.start >= by)
            .find(|m| document.entities[m.entity].class.as_deref() == Some("Person"))
            .map(|m| m.entity)
    }

    fn mentions(
        &self,
        tokens: &[tokens::Token<'_>],
        found: &[names::Name],
        document: &mut Document<'_>,
    ) -> Vec<Mention> {
        let mut mentions: Vec<Mention> = Vec::new();
        let mut covered = vec![false; tokens.len()];
        for name in found {
            let single = name.end - name.start == 1;
            let determiner = name.start > 0
                && self
                    .rules
                    .description_determiners
                    .contains(tokens[name.start - 1].lower.as_ref());
            let description_noun = single
                && name.class.is_none()
                && self
                    .rules
                    .description_nouns
                    .contains_key(tokens[name.start].lower.as_ref());
            // "the Senate": an institution's name, unless it stands for an earlier name.
            let institution = self
                .rules
                .institutions
                .get(tokens[name.start].lower.as_ref())
                .filter(|_| single && determiner && name.class.is_none());
            if let Some(class) = institution {
                let noun = tokens[name.start].lower.as_ref();
                let entity = document.description_in_name(noun).unwrap_or_else(|| {
                    document.name(&name.text, Some(class.as_str()), None, name.weak)
                });
                mentions.push(Mention {
                    start: name.start,
                    end: name.end,
                    entity,
                    reference: Reference::Name,
                });
                covered[name.start] = true;
                continue;
            }
            if single
                && determiner
                && (description_noun
                    || self
                        .rules
                        .head_class(tokens[name.start].lower.as_ref())
                        .is_some()
                        && name.class.is_none())
            {
                if let Some(entity) = document.description(tokens[name.start].lower.as_ref()) {
                    mentions.push(Mention {
                        start: name.start,
                        end: name.end,
                        entity,
                        reference: Reference::Description,
                    });
                    covered[name.start] = true;
                }
                continue;
            }
            // "Office of Foreign Assets Control (OFAC)": the acronym is another name of it.
            let bracketed = name.start >= 1
                && tokens[name.start - 1].text == "("
                && tokens.get(name.end).is_some_and(|t| t.text == ")")
                && single
                && tokens[name.start].is_upper();
            if bracketed {
                if let Some(previous) = mentions
                    .last()
                    .filter(|m| m.end + 1 == name.start && m.reference == Reference::Name)
                {
                    let entity = previous.entity;
                    document.acronym(entity, &name.text);
                    mentions.push(Mention {
                        start: name.start,
                        end: name.end,
                        entity,
                        reference: Reference::Name,
                    });
                    covered[name.start] = true;
                    continue;
                }
            }
            let entity = match &name.canonical {
                Some(canonical) => document.canonical(canonical, &name.text, name.class.as_deref()),
                // "Director of the Bureau of Engraving and Printing": an office named in full is
                // also called by its bare title.
                None if name.class.as_deref() == Some("Position") && !name.weak => {
                    document.position(&name.text, &[])
                }
                None => document.name(&name.text, name.class.as_deref(), name.country, name.weak),
            };
            // "sued The Kroger Company": a capital "The" inside a sentence, or before a legal
            // name, is how the name is written; the name without it is kept as well.
            if name.start > 0 && matches!(tokens[name.start - 1].text, "The" | "THE") && !name.weak
            {
                let legal_name = name.end - name.start > 1
                    && self
                        .rules
                        .company_suffixes
                        .contains(tokens[name.end - 1].lower.as_ref());
                let inside_sentence =
                    name.start > 1 && tokens[name.start - 2].kind == tokens::Kind::Word;
                let place_or_office = name.country.is_some()
                    || matches!(
                        name.class.as_deref(),
                        Some("Position" | "Country" | "Region" | "City")
                    );
                if (legal_name || inside_sentence) && !place_or_office {
                    let written = format!("{} {}", tokens[name.start - 1].text, name.text);
                    document.alias(entity, &written);
                }
            }
            mentions.push(Mention {
                start: name.start,
                end: name.end,
                entity,
                reference: Reference::Name,
            });
            covered[name.start..name.end]
                .iter_mut()
                .for_each(|c| *c = true);
            if let Some(inner) = &name.inner {
                // "The Supreme Court in Washington": the court is also called without its
                // seat.
                if inner.predicate == "locatedIn" && inner.start >= name.start + 2 && !name.weak {
                    let court: Vec<&str> = tokens[name.start..inner.start - 1]
                        .iter()
                        .map(|t| t.text)
                        .collect();
                    document.alias(entity, &court.join(" "));
                }
                let part = self.name_within(tokens, inner.start, inner.end, name.weak, document);
                document.refine_class(part, inner.class.as_deref());
                document.set_inner(entity, inner.predicate, part);
            }
            if let Some(title) = &name.title {
                if let Some((from, to)) = title.qualifier {
                    let qualifier = self.name_within(tokens, from, to, name.weak, document);
                    mentions.push(Mention {
                        start: from,
                        end: to,
                        entity: qualifier,
                        reference: Reference::Name,
                    });
                }
            }
        }
        let speaker = self.speaker(tokens, &mentions, document);
        if speaker.is_some() {
            document.speaker = speaker;
        }
        let quoting = tokens.iter().any(|t| matches!(t.text, "\"" | "“" | "”"));
        // Lower-case descriptions ("the company", "an executive order") and "he"/"she".
        for (at, token) in tokens.iter().enumerate() {
            if covered[at] {
                continue;
            }
            if let Some((end, noun, class)) = self.unnamed_at(tokens, at) {
                let entity = document.unnamed(&noun, &class);
                mentions.push(Mention {
                    start: at + 1,
                    end,
                    entity,
                    reference: Reference::Description,
                });
                covered[at..end].iter_mut().for_each(|c| *c = true);
                continue;
            }
            // "I": the speaker the sentence names, the one quoted before, or the author; not
            // the numeral of "World War I" or "Title I".
            let numeral = at > 0
                && tokens[at - 1].is_capitalised()
                && !self
                    .rules
                    .function_words
                    .contains(tokens[at - 1].lower.as_ref());
            if token.text == "I" && !numeral {
                let quoted = if quoting { document.speaker } else { None };
                if let Some(entity) = speaker.or(quoted).or(document.author) {
                    mentions.push(Mention {
                        start: at,
                        end: at + 1,
                        entity,
                        reference: Reference::Pronoun,
                    });
                }
                continue;
            }
            if matches!(token.lower.as_ref(), "he" | "she") {
                if let Some(entity) = document.person() {
                    mentions.push(Mention {
                        start: at,
                        end: at + 1,
                        entity,
                        reference: Reference::Pronoun,
                    });
                }
                continue;
            }
            let determiner = at > 0
                && self
                    .rules
                    .description_determiners
                    .contains(tokens[at - 1].lower.as_ref());
            let ends_phrase = tokens.get(at + 1).is_none_or(|t| {
                t.kind != tokens::Kind::Word
                    || !t.text.starts_with(char::is_lowercase)
                    || matches!(
                        t.lower.as_ref(),
                        "said"
                            | "says"
                            | "has"
                            | "was"
                            | "is"
                            | "will"
                            | "had"
                            | "would"
                            | "and"
                            | "to"
                            | "in"
                            | "of"
                            | "for"
                            | "on"
                            | "with"
                            | "by"
                    )
                    || self.starts_predicate(t)
            });
            if determiner
                && ends_phrase
                && self
                    .rules
                    .description_nouns
                    .contains_key(token.lower.as_ref())
            {
                if let Some(entity) = document.description(token.lower.as_ref()) {
                    mentions.push(Mention {
                        start: at,
                        end: at + 1,
                        entity,
                        reference: Reference::Description,
                    });
                }
            }
        }
        mentions.sort_by_key(|m| m.start);
        mentions.dedup_by_key(|m| m.start);
        mentions
    }
}

impl Extractor {
    /// A word after a description that begins what is said of it, not a compound's second
    /// noun: an inflected verb that is no noun ("the court enjoined", "the company sued"), or
    /// an adverb ("the court also barred").
    fn starts_predicate(&self, token: &tokens::Token<'_>) -> bool {
        let words = &self.rules.words;
        let lower = token.lower.as_ref();
        let pos = words.parts_of_speech(lower);
        let inflected_verb = || words.verb_lemma(lower).is_some_and(|lemma| lemma != lower);
        pos & words::NOUN == 0 && (pos & words::ADVERB != 0 || inflected_verb())
    }

    /// The entity a name inside a longer one stands for ("HHS" in "HHS Secretary", "the Army"
    /// in "Secretary of the Army"), typed by reference data only.
    fn name_within(
        &self,
        tokens: &[tokens::Token<'_>],
        start: usize,
        end: usize,
        weak: bool,
        document: &mut Document<'_>,
    ) -> usize {
        let words: Vec<&str> = tokens[start..end].iter().map(|t| t.text).collect();
        let text = words.join(" ");
        let country = self.rules.countries.get(&text).copied();
        let class = if country.is_some() {
            Some("Country")
        } else {
            self.rules.words.place(&text)
        };
        document.name(&text, class, country, weak)
    }

    /// "an executive order", "a new presidential memorandum" at token `at` (the determiner):
    /// where it ends, its noun and class.
    fn unnamed_at(
        &self,
        tokens: &[tokens::Token<'_>],
        at: usize,
    ) -> Option<(usize, String, String)> {
        if !self
            .rules
            .unnamed_determiners
            .contains(tokens[at].lower.as_ref())
        {
            return None;
        }
        // Up to two modifiers: "a new executive order", "an earlier order".
        for skip in 0..=2 {
            let from = at + 1 + skip;
            if (at + 1..from).any(|k| {
                tokens.get(k).is_none_or(|t| {
                    t.kind != tokens::Kind::Word || !t.text.starts_with(char::is_lowercase)
                })
            }) {
                return None;
            }
            for (words, class) in &self.rules.unnamed_nouns {
                let end = from + words.len();
                let matches = end <= tokens.len()
                    && words
                        .iter()
                        .enumerate()
                        .all(|(i, w)| tokens[from + i].lower == *w)
                    && tokens.get(end).is_none_or(|t| {
                        t.kind != tokens::Kind::Word
                            || !self.rules.words.is_known(t.lower.as_ref())
                            || self.rules.function_words.contains(t.lower.as_ref())
                            || self.rules.words.verb_lemma(t.lower.as_ref()).is_some()
                    });
                if matches {
                    return Some((end, words.join(" "), class.clone()));
                }
            }
        }
        None
    }
}

/// The article's id: the given one, else one made from a hash of its text.
fn article_id(text: &str, metadata: &ArticleMetadata) -> String {
    metadata.id.clone().unwrap_or_else(|| {
        format!(
            "article-{}",
            &crate::text::content_hash(&[text.as_bytes()])[..12]
        )
    })
}

/// Each family of rules, read end to end on sentences written for it: what it must give and
/// what it must not.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FactObject;

    fn extractor() -> &'static Extractor {
        static EXTRACTOR: std::sync::OnceLock<Extractor> = std::sync::OnceLock::new();
        EXTRACTOR.get_or_init(|| Extractor::new(Vec::new()).expect("extractor"))
    }

    /// The facts of a text as (subject name, predicate, object name or value).
    fn facts(text: &str) -> Vec<(String, String, String)> {
        let metadata = ArticleMetadata {
            id: Some("t".into()),
            published: Some("2021-01-06".into()),
            ..Default::default()
        };
        named_facts(&extractor().extract(&format!("Title\n\n{text}\n"), &metadata))
    }

    fn named_facts(sheet: &FactSheet) -> Vec<(String, String, String)> {
        let name = |id: &str| {
            sheet
                .entities
                .iter()
                .find(|e| e.id == id)
                .map_or(id.to_owned(), |e| e.name.clone())
        };
        sheet
            .facts
            .iter()
            .map(|f| {
                let object = match &f.object {
                    FactObject::Id(id) => name(id),
                    other => format!("{other:?}"),
                };
                (name(&f.subject), f.predicate.clone(), object)
            })
            .collect()
    }

    /// The entity of a sheet with that name.
    fn named<'s>(sheet: &'s FactSheet, name: &str) -> Option<&'s crate::model::Entity> {
        sheet.entities.iter().find(|e| e.name == name)
    }

    fn has(
        found: &[(String, String, String)],
        subject: &str,
        predicate: &str,
        object: &str,
    ) -> bool {
        found
            .iter()
            .any(|(s, p, o)| s == subject && p == predicate && o == object)
    }

    #[test]
    fn verb_frames_read_both_voices_lists_and_possessors() {
        let found =
            facts("The Justice Department sued Microsoft Corp. and Intel Corp. on Tuesday.");
        assert!(
            has(&found, "Justice Department", "sues", "Microsoft Corp."),
            "{found:?}"
        );
        assert!(
            has(&found, "Justice Department", "sues", "Intel Corp."),
            "{found:?}"
        );
        let found = facts("Acme Inc. was acquired by Globex Corp. for $5 billion.");
        assert!(
            has(&found, "Globex Corp.", "acquires", "Acme Inc."),
            "{found:?}"
        );
        let found = facts(
            "Executive Order 13971 bans transactions with eight apps, including Ant Group's Alipay and WeChat Pay.",
        );
        assert!(
            has(&found, "Executive Order 13971", "bans", "Alipay"),
            "{found:?}"
        );
        assert!(
            has(&found, "Executive Order 13971", "bans", "WeChat Pay"),
            "{found:?}"
        );
        assert!(
            !has(&found, "Executive Order 13971", "bans", "Ant Group"),
            "{found:?}"
        );
        assert!(has(&found, "Alipay", "ownedBy", "Ant Group"), "{found:?}");
    }

    #[test]
    fn a_judge_of_a_court_rules_and_a_residence_does_not_end_a_list() {
        let found = facts(
            "Chief Judge Ann Hale of the U.S. District Court for the Northern District of Texas signed injunctions barring Ethel Brandt of Dallas, Texas, and Jason Jerrow of Mesquite, Texas, from preparing tax returns.",
        );
        assert!(
            has(&found, "Ann Hale", "rulesAgainst", "Ethel Brandt"),
            "{found:?}"
        );
        assert!(
            has(&found, "Ann Hale", "rulesAgainst", "Jason Jerrow"),
            "{found:?}"
        );
        assert!(
            has(&found, "Jason Jerrow", "basedIn", "Mesquite"),
            "{found:?}"
        );
        // A person named before "of" acts, not the body after it; one with no judge's title
        // does not make a court's ruling.
        let found =
            facts("Mayor Tom Reyes of the Dallas City Council barred Acme Inc. from bidding.");
        assert!(
            !found.iter().any(|(_, p, _)| p == "rulesAgainst"),
            "{found:?}"
        );
    }

    #[test]
    fn a_plural_title_and_party_codes_belong_to_each_listed_person() {
        let found = facts(
            "U.S. Senators Tammy Duckworth (D-IL) and Dick Durbin (D-IL) called on Commerce Secretary Wilbur Ross to act.",
        );
        for person in ["Tammy Duckworth", "Dick Durbin"] {
            assert!(
                has(&found, person, "memberOf", "Democratic Party"),
                "{found:?}"
            );
            assert!(has(&found, person, "represents", "Illinois"), "{found:?}");
            assert!(
                found
                    .iter()
                    .any(|(s, p, o)| s == person && p == "holdsPosition" && o.contains("Senator")),
                "{found:?}"
            );
            // The subject reaches past the code in brackets.
            assert!(has(&found, person, "urges", "Wilbur Ross"), "{found:?}");
        }
        let found = facts(
            "Senators Roger Wicker, R-Miss., and Thad Cochran, R-Miss., and Representative Steven Palazzo, R-Miss., praised the award.",
        );
        for person in ["Roger Wicker", "Thad Cochran", "Steven Palazzo"] {
            assert!(
                has(&found, person, "memberOf", "Republican Party"),
                "{found:?}"
            );
            assert!(
                has(&found, person, "represents", "Mississippi"),
                "{found:?}"
            );
        }
        assert!(
            has(&found, "Thad Cochran", "holdsPosition", "Senator"),
            "{found:?}"
        );
        assert!(
            !has(&found, "Steven Palazzo", "holdsPosition", "Senator"),
            "{found:?}"
        );
        // A code is no name of its own.
        assert!(
            !found
                .iter()
                .any(|(s, _, o)| s.contains("-IL") || o.contains("-IL"))
        );
    }

    #[test]
    fn an_office_named_after_the_person_is_more_precise_than_their_country() {
        let found = facts(
            "U.S. Attorney Richard B. Roper of the Northern District of Texas said it was over.",
        );
        assert!(
            found.iter().any(|(s, p, o)| s.contains("Attorney")
                && p == "positionIn"
                && o == "Northern District of Texas"),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(_, p, o)| p == "positionIn" && o == "United States"),
            "{found:?}"
        );
    }

    #[test]
    fn what_befell_a_person_is_no_office() {
        let found = facts(
            "Outside the courthouse, victim Miriam Siegman told reporters it did not matter.",
        );
        assert!(
            !found.iter().any(|(_, p, _)| p == "holdsPosition"),
            "{found:?}"
        );
        let found = facts("Former Chinese national Xiaodong Meng was charged.");
        assert!(
            has(&found, "Xiaodong Meng", "nationality", "China"),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(_, p, _)| p == "holdsPosition"),
            "{found:?}"
        );
    }

    #[test]
    fn a_latin_or_abbreviated_title_stays_whole() {
        let found =
            facts("Patrick Leahy, the President Pro Tempore of the United States Senate, said so.");
        assert!(
            has(
                &found,
                "Patrick Leahy",
                "holdsPosition",
                "President Pro Tempore of the United States Senate"
            ),
            "{found:?}"
        );
        assert!(!found.iter().any(|(s, _, _)| s == "Tempore"), "{found:?}");
        let found = facts("Assistant U.S. Atty. Jose R. Allen argued.");
        assert!(
            has(
                &found,
                "Jose R. Allen",
                "holdsPosition",
                "Assistant U.S. Atty."
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_members_office_makes_a_member_past_a_party_code() {
        let found = facts(
            "Senator Peter Welch (D-VT), a member of the Senate Judiciary Committee, issued a statement today.",
        );
        assert!(
            has(
                &found,
                "Peter Welch",
                "memberOf",
                "Senate Judiciary Committee"
            ),
            "{found:?}"
        );
        let found = facts(
            "Senator Bob Menendez, Ranking Member of the Senate Foreign Relations Committee, said so.",
        );
        assert!(
            has(
                &found,
                "Bob Menendez",
                "memberOf",
                "Senate Foreign Relations Committee"
            ),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(_, p, _)| p == "employedBy"),
            "{found:?}"
        );
    }

    #[test]
    fn light_verbs_carry_the_action_noun_after_them() {
        let found = facts("The Treasury Department imposed new sanctions on Sberbank.");
        assert!(
            has(&found, "Treasury Department", "sanctions", "Sberbank"),
            "{found:?}"
        );
        let found = facts("The SEC filed a civil lawsuit against Acme Inc. on Monday.");
        assert!(has(&found, "SEC", "sues", "Acme Inc."), "{found:?}");
        let found = facts("The FTC opened an investigation into Globex Corp.");
        assert!(
            has(&found, "FTC", "investigates", "Globex Corp."),
            "{found:?}"
        );
        // A light verb alone says nothing.
        assert!(facts("The SEC announced Acme Inc. results.").is_empty());
    }

    #[test]
    fn a_title_qualified_by_what_it_is_of_names_one_position_two_ways() {
        let metadata = ArticleMetadata {
            id: Some("t".into()),
            ..Default::default()
        };
        let sheet = extractor().extract(
            "Title\n\nU.S. President Barack Obama met Senate Majority Leader Harry Reid.\n",
            &metadata,
        );
        let position = |holder: &str| {
            let person = named(&sheet, holder)?;
            let fact = sheet
                .facts
                .iter()
                .find(|f| f.subject == person.id && f.predicate == "holdsPosition")?;
            let FactObject::Id(id) = &fact.object else {
                return None;
            };
            let position = sheet.entities.iter().find(|e| &e.id == id)?;
            Some((position.name.clone(), position.aliases.clone()))
        };
        assert_eq!(
            position("Barack Obama"),
            Some((
                "President of the United States".to_owned(),
                vec!["President".to_owned(), "U.S. President".to_owned()]
            ))
        );
        assert_eq!(
            position("Harry Reid"),
            Some((
                "Senate Majority Leader".to_owned(),
                vec![
                    "Majority Leader".to_owned(),
                    "Majority Leader of the Senate".to_owned()
                ]
            ))
        );
    }

    #[test]
    fn titles_are_coordinated_qualified_by_parties_and_of_what_a_possessive_names() {
        let found = facts("John Smith, chairman and chief executive of Acme Corp., said so.");
        // Named as what they are of, so that they stay apart from every other chairman.
        for position in ["Chairman of Acme Corp.", "Chief Executive of Acme Corp."] {
            assert!(
                has(&found, "John Smith", "holdsPosition", position),
                "{found:?}"
            );
            assert!(
                has(&found, position, "positionIn", "Acme Corp."),
                "{found:?}"
            );
        }
        assert!(
            has(&found, "John Smith", "leads", "Acme Corp."),
            "{found:?}"
        );
        let found = facts("John Smith, a member of the Federal Reserve Board, spoke.");
        assert_eq!(
            found,
            [(
                "John Smith".to_owned(),
                "memberOf".to_owned(),
                "Federal Reserve Board".to_owned()
            )]
        );
        let found = facts("Republican Senator John McCain said the deal was bad.");
        assert!(
            has(&found, "John McCain", "memberOf", "Republican Party"),
            "{found:?}"
        );
        assert!(
            has(&found, "John McCain", "holdsPosition", "Senator"),
            "{found:?}"
        );
        let found =
            facts("James L. Capra, Special Agent in Charge of the DEA's Dallas Division, spoke.");
        assert!(
            has(
                &found,
                "James L. Capra",
                "holdsPosition",
                "Special Agent in Charge of the Dallas Division"
            ),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Special Agent in Charge of the Dallas Division",
                "positionIn",
                "Dallas Division"
            ),
            "{found:?}"
        );
        assert!(has(&found, "Dallas Division", "partOf", "DEA"), "{found:?}");
        let found = facts(
            "June W. Stansbury, Special Agent in Charge of the Drug Enforcement Administration, spoke.",
        );
        assert!(
            has(
                &found,
                "June W. Stansbury",
                "employedBy",
                "Drug Enforcement Administration"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn and_the_parts_the_names_of_a_list() {
        let found = facts(
            "The task force includes the FBI, the Secret Service and the Department of State, said Acme Inc.",
        );
        let names: Vec<&str> = found
            .iter()
            .flat_map(|(s, _, o)| [s.as_str(), o.as_str()])
            .collect();
        assert!(!names.iter().any(|n| n.contains(" and the ")), "{found:?}");
        let metadata = ArticleMetadata::default();
        let sheet = extractor().extract(
            "Title\n\nThe FBI worked with the Secret Service and the Department of State.\n",
            &metadata,
        );
        let names: Vec<&str> = sheet.entities.iter().map(|e| e.name.as_str()).collect();
        assert!(names.contains(&"Department of State"), "{names:?}");
        assert!(names.contains(&"Secret Service"), "{names:?}");
    }

    #[test]
    fn an_object_may_stand_after_its_title_or_role_and_a_list_may_hold_an_apposition() {
        let found = facts("President Donald Trump met with Chinese Vice Premier Liu He on Friday.");
        assert!(
            has(&found, "Donald Trump", "meetsWith", "Liu He"),
            "{found:?}"
        );
        let found = facts("The Treasury Department sanctioned Russian businessman Oleg Deripaska.");
        assert!(
            has(&found, "Treasury Department", "sanctions", "Oleg Deripaska"),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(_, p, _)| p == "holdsPosition"),
            "a businessman holds no office: {found:?}"
        );
        let found = facts(
            "The Antitrust Division charged that Oberkampf Supply Company of Lubbock Inc., its president, Cyril Reasoner, and Clowe & Cowan Inc. conspired.",
        );
        for charged in [
            "Oberkampf Supply Company of Lubbock Inc.",
            "Cyril Reasoner",
            "Clowe & Cowan Inc.",
        ] {
            assert!(
                has(&found, "Antitrust Division", "charges", charged),
                "{found:?}"
            );
        }
    }

    #[test]
    fn a_legal_action_against_a_deal_sues_its_parties() {
        let found = facts(
            "The Antitrust Division filed a civil antitrust lawsuit on July 20, 1995 to block the merger of IBC and Continental Baking Company.",
        );
        for party in ["IBC", "Continental Baking Company"] {
            assert!(
                has(&found, "Antitrust Division", "sues", party),
                "{found:?}"
            );
        }
        // A deal with no legal action against it sues nobody.
        let found = facts("The FTC approved the merger of Staples Inc. and Office Depot Inc.");
        assert!(!found.iter().any(|(_, p, _)| p == "sues"), "{found:?}");
        // A party's role in the case is no part of its name.
        let found = facts(
            "The United States filed a complaint seeking to enjoin the proposed merger of Defendants Abitibi-Consolidated Inc. and Bowater Inc.",
        );
        for party in ["Abitibi-Consolidated Inc.", "Bowater Inc."] {
            assert!(has(&found, "United States", "sues", party), "{found:?}");
        }
        assert!(
            !found
                .iter()
                .any(|(s, _, o)| s.starts_with("Defendants") || o.starts_with("Defendants")),
            "{found:?}"
        );
    }

    #[test]
    fn negation_and_hypotheticals_drop_a_verb_frame() {
        assert!(facts("The Justice Department did not sue Microsoft Corp.").is_empty());
        assert!(facts("The Justice Department could sue Microsoft Corp.").is_empty());
    }

    #[test]
    fn qualifiers_come_from_money_status_and_dates() {
        let metadata = ArticleMetadata {
            published: Some("2021-01-06".into()),
            ..Default::default()
        };
        let sheet = extractor().extract(
            "Title\n\nThe SEC fined Acme Inc. $1.2 million on Tuesday. Globex Corp. agreed to acquire Initech Inc.\n",
            &metadata,
        );
        let fine = sheet
            .facts
            .iter()
            .find(|f| f.predicate == "fines")
            .expect("a fine");
        assert_eq!(fine.qualifiers["currency"], FactObject::Text("USD".into()));
        assert_eq!(
            fine.qualifiers["amount"],
            FactObject::Number(1_200_000.into())
        );
        assert_eq!(
            fine.qualifiers["date"],
            FactObject::Date("2021-01-05".into())
        );
        let deal = sheet
            .facts
            .iter()
            .find(|f| f.predicate == "acquires")
            .expect("a deal");
        assert_eq!(deal.qualifiers["status"], FactObject::Text("agreed".into()));
    }

    #[test]
    fn coordinated_parties_of_a_reciprocal_act() {
        let found = facts(
            "Abitibi-Consolidated Inc. and Bowater Incorporated entered into a merger agreement.",
        );
        assert!(
            has(
                &found,
                "Abitibi-Consolidated Inc.",
                "mergesWith",
                "Bowater Incorporated"
            ),
            "{found:?}"
        );
        let found = facts("Acme Corp. and Beta Inc. merged with Gamma LLC.");
        assert!(
            has(&found, "Beta Inc.", "mergesWith", "Gamma LLC"),
            "{found:?}"
        );
        assert!(
            !has(&found, "Acme Corp.", "mergesWith", "Beta Inc."),
            "the other party is named after 'with': {found:?}"
        );
        let found = facts("The CDC’s COVID-19 response was updated.");
        assert!(
            !found.iter().any(|(s, _, _)| s == "COVID-19"),
            "a designation is no organisation: {found:?}"
        );
    }

    #[test]
    fn a_country_before_an_occupation_is_the_nationality() {
        let found = facts("Russian businessman Oleg Deripaska was sanctioned.");
        assert!(
            has(&found, "Oleg Deripaska", "nationality", "Russia"),
            "{found:?}"
        );
        let found = facts("U.S. astronauts Douglas Hurley and Bob Behnken docked the capsule.");
        for astronaut in ["Douglas Hurley", "Bob Behnken"] {
            assert!(
                has(&found, astronaut, "nationality", "United States"),
                "{found:?}"
            );
        }
        assert!(
            has(&found, "Douglas Hurley", "holdsPosition", "astronaut"),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(_, p, _)| p == "positionIn"),
            "an occupation is no office of the country: {found:?}"
        );
    }

    #[test]
    fn courts_and_colleagues_read_from_legal_papers() {
        let found = facts(
            "The U.S. District Court for the Northern District of Texas ruled against John Smith. \
             The court previously barred Mary Jones from preparing returns.",
        );
        assert!(
            has(
                &found,
                "U.S. District Court for the Northern District of Texas",
                "rulesAgainst",
                "Mary Jones"
            ),
            "{found:?}"
        );
        let found = facts(
            "Bradley R. Hall, Andrew N. Wise, Federal Defender Office, Detroit, Michigan, for Appellant.",
        );
        for lawyer in ["Bradley R. Hall", "Andrew N. Wise"] {
            assert!(
                has(&found, lawyer, "employedBy", "Federal Defender Office"),
                "{found:?}"
            );
        }
        let found =
            facts("A jury in Montgomery, Ala. convicted former Alabama Governor Don Siegelman.");
        assert!(
            !found.iter().any(|(_, p, _)| p == "convicts"),
            "a place is not the jury: {found:?}"
        );
        let found = facts(
            "The United States sued to block the proposed acquisition by Alcoa Inc. (“Alcoa”) of Reynolds Metals Company.",
        );
        assert!(
            has(&found, "Alcoa Inc.", "acquires", "Reynolds Metals Company"),
            "{found:?}"
        );
    }

    #[test]
    fn a_short_aside_between_commas_does_not_stop_a_frame() {
        let found = facts("The Supreme Court ruled, 5-4, against Google.");
        assert!(
            has(&found, "Supreme Court", "rulesAgainst", "Google"),
            "{found:?}"
        );
        let found =
            facts("In its action, the SEC alleged that, on July 2, 2007, Zvi Goffer was tipped.");
        assert!(has(&found, "SEC", "accuses", "Zvi Goffer"), "{found:?}");
    }

    #[test]
    fn an_office_named_after_a_nomination_is_the_one_nominated_for() {
        let found = facts(
            "President Barack Obama announced his intent to nominate the following individuals for key posts: Seth Harris, Deputy Secretary of the Department of Labor; Jon Cannon, Deputy Administrator of the Environmental Protection Agency.",
        );
        let office = "Deputy Secretary of the Department of Labor";
        assert!(
            has(&found, "Seth Harris", "nominatedFor", office),
            "{found:?}"
        );
        assert!(
            has(&found, office, "positionIn", "Department of Labor"),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(s, p, _)| s == "Seth Harris"
                && matches!(p.as_str(), "holdsPosition" | "employedBy")),
            "{found:?}"
        );
    }

    #[test]
    fn a_secretary_leads_the_department_the_article_names_for_the_portfolio() {
        let found = facts(
            "Lawmakers wrote to Treasury Secretary John Snow. The Department of the Treasury declined. Deputy Secretary of Energy Dan Brouillette visited the Department of Energy. Rick Perry, the Secretary of Energy of the United States, spoke.",
        );
        assert!(
            has(&found, "John Snow", "leads", "Department of the Treasury"),
            "{found:?}"
        );
        assert!(
            has(&found, "Rick Perry", "leads", "Department of Energy"),
            "{found:?}"
        );
        // The office is the department's, and the country's when its title names one.
        assert!(
            has(
                &found,
                "Treasury Secretary",
                "positionIn",
                "Department of the Treasury"
            ),
            "{found:?}"
        );
        for department in ["Department of Energy", "United States"] {
            assert!(
                has(
                    &found,
                    "Secretary of Energy of the United States",
                    "positionIn",
                    department
                ),
                "{found:?}"
            );
        }
        assert!(
            !found
                .iter()
                .any(|(s, p, _)| s == "Dan Brouillette" && p == "leads"),
            "{found:?}"
        );
        // No department named, none made up.
        let found = facts("Commerce Secretary Wilbur Ross said so.");
        assert!(!found.iter().any(|(_, p, _)| p == "leads"), "{found:?}");
    }

    #[test]
    fn a_portfolio_s_office_is_the_country_s_and_leads_no_made_up_body() {
        let found = facts(
            "Rick Perry, the Secretary of Energy of the United States, met Julie Bishop, the Minister for Foreign Affairs of Australia.",
        );
        let office = "Secretary of Energy of the United States";
        assert!(
            has(&found, "Rick Perry", "holdsPosition", office),
            "{found:?}"
        );
        assert!(
            has(&found, office, "positionIn", "United States"),
            "{found:?}"
        );
        let minister = "Minister for Foreign Affairs of Australia";
        assert!(
            has(&found, minister, "positionIn", "Australia"),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(_, _, o)| o.starts_with("Energy") || o.starts_with("Foreign")),
            "{found:?}"
        );
    }

    #[test]
    fn titles_give_positions_employers_countries_and_parties() {
        let found = facts("Chinese Vice Premier Liu He met HHS Secretary Kathleen Sebelius.");
        assert!(
            has(&found, "Liu He", "holdsPosition", "Vice Premier of China"),
            "{found:?}"
        );
        assert!(
            has(&found, "Vice Premier of China", "positionIn", "China"),
            "{found:?}"
        );
        assert!(!has(&found, "Liu He", "nationality", "China"), "{found:?}");
        assert!(
            has(&found, "Kathleen Sebelius", "leads", "HHS"),
            "{found:?}"
        );
        let found = facts(
            "Anne K. Bingaman, Assistant Attorney General in charge of the Antitrust Division, said so.",
        );
        assert!(
            has(
                &found,
                "Anne K. Bingaman",
                "holdsPosition",
                "Assistant Attorney General of the Antitrust Division"
            ),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Assistant Attorney General of the Antitrust Division",
                "positionIn",
                "Antitrust Division"
            ),
            "{found:?}"
        );
        let found =
            facts("Senator Debbie Stabenow (D-MI) spoke, as did fellow Democrat Harry Reid.");
        assert!(
            has(&found, "Debbie Stabenow", "memberOf", "Democratic Party"),
            "{found:?}"
        );
        assert!(
            has(&found, "Debbie Stabenow", "represents", "Michigan"),
            "{found:?}"
        );
        assert!(
            has(&found, "Harry Reid", "memberOf", "Democratic Party"),
            "{found:?}"
        );
        let found =
            facts("Dr. Harvey currently serves as Vice Chairman of Duratek, Inc. in Maryland.");
        assert!(
            !found
                .iter()
                .any(|(_, p, o)| p == "holdsPosition" && o == "Dr."),
            "{found:?}"
        );
    }

    #[test]
    fn places_origins_and_possessives_relate_what_they_name() {
        let found =
            facts("Michael Cooper, age 33, of Baltimore met Clowe & Cowan Inc. of Dallas, Texas.");
        assert!(
            has(&found, "Michael Cooper", "basedIn", "Baltimore"),
            "{found:?}"
        );
        assert!(
            has(&found, "Clowe & Cowan Inc.", "basedIn", "Dallas"),
            "{found:?}"
        );
        assert!(has(&found, "Dallas", "locatedIn", "Texas"), "{found:?}");
        // A name no list knows is a city when a state follows it, before any verb reads it.
        let found = facts(
            "The court barred Jason Jeroski of Mesquite, Texas, from preparing returns. Acme Inc. works in Newtown, Pa.",
        );
        assert!(
            has(&found, "Jason Jeroski", "basedIn", "Mesquite"),
            "{found:?}"
        );
        assert!(
            has(&found, "Newtown", "locatedIn", "Pennsylvania"),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(_, p, _)| p == "employedBy"),
            "{found:?}"
        );
        let found = facts("Microsoft is based in Redmond, Washington.");
        assert!(
            has(&found, "Redmond", "locatedIn", "Washington"),
            "{found:?}"
        );
        let found = facts(
            "The Department's Antitrust Division filed a suit in U.S. District Court in Chicago.",
        );
        assert!(
            has(
                &found,
                "U.S. District Court in Chicago",
                "locatedIn",
                "Chicago"
            ),
            "{found:?}"
        );
        let found = facts("The FBI's Criminal Investigative Division leads the work.");
        assert!(
            has(&found, "Criminal Investigative Division", "partOf", "FBI"),
            "{found:?}"
        );
        let found = facts("The charge was filed in U.S. District Court in Rochester, New York.");
        assert!(
            has(&found, "Rochester", "locatedIn", "New York"),
            "{found:?}"
        );
        let found = facts("WASHINGTON, D.C. -- The department sued Acme Corp. today.");
        assert!(!found.iter().any(|(_, p, _)| p == "locatedIn"), "{found:?}");
        // A name set off before a state is a town wherever it stands; a list of counties is not.
        let found = facts(
            "Heritage Community Bank, Glenwood, Illinois, was closed. Aid went to the counties of Adair, Cherokee, Delaware, and Hughes.",
        );
        assert!(
            has(&found, "Glenwood", "locatedIn", "Illinois"),
            "{found:?}"
        );
        assert!(!found.iter().any(|(s, _, _)| s == "Cherokee"), "{found:?}");
        // "a Maryland Corporation": the state a party is organised under, and no company.
        let found = facts(
            "The American Original Corporation, Appellee, v. Jenkins Food Corporation, a Maryland Corporation; Sea Watch International Ltd., a Delaware Corporation; H. Allen Smith, Inc., a Virginia Corporation; Walter Quimby, Defendants.",
        );
        assert!(
            has(&found, "Jenkins Food Corporation", "basedIn", "Maryland"),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Sea Watch International Ltd.",
                "basedIn",
                "Delaware"
            ),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(s, p, _)| s == "Sea Watch International Ltd." && p == "defendantIn"),
            "{found:?}"
        );
        // A person's name with a legal suffix is a company's, and the list goes on past it.
        assert!(
            has(&found, "H. Allen Smith, Inc.", "basedIn", "Virginia"),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(s, p, _)| s == "Walter Quimby" && p == "defendantIn"),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(s, _, o)| s == "Maryland Corporation" || o == "Maryland Corporation"),
            "{found:?}"
        );
        // Any place smaller than the region after it; a list of countries is no nesting.
        let found = facts(
            "Hagel will visit Fort Campbell, Kentucky, and then Italy, Malta, Spain and Portugal.",
        );
        assert!(
            has(&found, "Fort Campbell", "locatedIn", "Kentucky"),
            "{found:?}"
        );
        assert_eq!(
            found.iter().filter(|(_, p, _)| p == "locatedIn").count(),
            1,
            "{found:?}"
        );
        // "-based" names where the business is; a "-based" word before a common noun names
        // no place at all.
        let found = facts(
            "The California-based SpaceX launched it. The Beijing-based Xiaomi Corp. denied it. A Houston-based firm sued.",
        );
        assert!(has(&found, "SpaceX", "basedIn", "California"), "{found:?}");
        assert!(
            has(&found, "Xiaomi Corp.", "basedIn", "Beijing"),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(s, _, o)| s == "Houston" || o == "Houston"),
            "{found:?}"
        );
        // A town before "Country-based" is where the body is based; an ordinal is part of a
        // body's name.
        let found = facts(
            "On Monday the Vilseck, Germany-based 2nd Cavalry Regiment arrived in Lithuania.",
        );
        assert!(
            has(&found, "2nd Cavalry Regiment", "basedIn", "Vilseck"),
            "{found:?}"
        );
        assert!(has(&found, "Vilseck", "locatedIn", "Germany"), "{found:?}");
        // A county before its state, and a named spot in a city.
        let found = facts(
            "The plants stand in Riverside County, California. Guards fired on civilians at Nisur Square in Baghdad.",
        );
        assert!(
            has(&found, "Riverside County", "locatedIn", "California"),
            "{found:?}"
        );
        assert!(
            has(&found, "Nisur Square", "locatedIn", "Baghdad"),
            "{found:?}"
        );
    }

    #[test]
    fn a_title_after_an_organisation_s_possessive_is_its_office() {
        let found = facts(
            "John Smith has served as NASA's deputy director since 2011. Jane Roe, the FDA's chief financial officer, said so.",
        );
        assert!(
            has(
                &found,
                "John Smith",
                "holdsPosition",
                "Deputy Director of NASA"
            ),
            "{found:?}"
        );
        assert!(has(&found, "John Smith", "employedBy", "NASA"), "{found:?}");
        assert!(
            has(
                &found,
                "Chief Financial Officer of FDA",
                "positionIn",
                "FDA"
            ),
            "{found:?}"
        );
        // A chief of one function does not lead the whole body.
        assert!(has(&found, "Jane Roe", "employedBy", "FDA"), "{found:?}");
        assert!(!found.iter().any(|(_, p, _)| p == "leads"), "{found:?}");
    }

    #[test]
    fn a_name_before_a_city_and_its_state_in_commas_is_an_organisation_based_there() {
        let found = facts(
            "The Army said US Foods, Los Angeles, California, has been awarded a contract. The Army said Jane Roe, Los Angeles, spoke.",
        );
        assert!(
            has(&found, "US Foods", "basedIn", "Los Angeles"),
            "{found:?}"
        );
        assert_eq!(
            found.iter().filter(|(_, p, _)| p == "basedIn").count(),
            1,
            "{found:?}"
        );
    }

    #[test]
    fn initials_and_a_surname_past_a_suffix_refer_to_the_name_before() {
        let found = facts(
            "Ghana's New Patriotic Party lost the vote. The NPP sued the Electoral Commission of Ghana. The SEC sued Alfred S. Teo, Sr. in Newark. A jury found that Teo violated Rule 10b-5.",
        );
        assert!(
            has(
                &found,
                "New Patriotic Party",
                "sues",
                "Electoral Commission of Ghana"
            ),
            "{found:?}"
        );
        assert!(
            has(&found, "Alfred S. Teo, Sr.", "violates", "Rule 10b-5"),
            "{found:?}"
        );
        // A name said first in short is the one said later in full, and takes the full name.
        let found = facts(
            "The Department of Commerce sued Acme Corp. in May. The U.S. Department of Commerce also sued Beta Inc.",
        );
        for company in ["Acme Corp.", "Beta Inc."] {
            assert!(
                has(&found, "U.S. Department of Commerce", "sues", company),
                "{found:?}"
            );
        }
        let found = facts(
            "John Dramani Mahama of the National Democratic Congress won the election in Ghana.",
        );
        assert!(
            !found.iter().any(|(_, _, o)| o == "Democratic Party"),
            "{found:?}"
        );
    }

    #[test]
    fn a_unit_in_apposition_is_part_of_its_body() {
        let found = facts(
            "The U.S. Army Corps of Engineers, St. Paul District, awarded a $5 million contract to Drax, Inc.",
        );
        assert!(
            has(
                &found,
                "St. Paul District",
                "partOf",
                "U.S. Army Corps of Engineers"
            ),
            "{found:?}"
        );
        // An address names the smaller unit first, and a list is no apposition.
        let found = facts(
            "Jane Roe, Appellate Section, Environment Natural Resources Division, argued. The 45th Space Wing, Space and Missile Systems Center, GPS Wing, Boeing and others helped.",
        );
        assert_eq!(
            found
                .iter()
                .filter(|(_, p, _)| p == "partOf")
                .collect::<Vec<_>>(),
            [&(
                "Appellate Section".to_owned(),
                "partOf".to_owned(),
                "Environment Natural Resources Division".to_owned()
            )]
        );
    }

    #[test]
    fn an_office_sworn_into_is_held_whichever_holder_of_it_one_is() {
        let found = facts("Donald Winter was sworn in as the 74th director of the FBI.");
        assert!(
            has(&found, "Donald Winter", "holdsPosition", "Director of FBI"),
            "{found:?}"
        );
        assert!(has(&found, "Donald Winter", "leads", "FBI"), "{found:?}");
        // A legal suffix left over after a title's organisation names nobody.
        let found = facts(
            "Stephen Parker Gardner, former Chief Executive Officer of Peregrine Systems, Inc. was sentenced.",
        );
        assert!(
            !found.iter().any(|(s, _, o)| s == "Inc." || o == "Inc."),
            "{found:?}"
        );
    }

    #[test]
    fn a_public_body_s_own_unit_is_part_of_it_and_a_regional_chief_leads_an_office_only() {
        let found = facts(
            // Ends in an abbreviation: a sentence still, not a headline.
            "GSA's Federal Systems Integration and Management Center awarded the order to Acme Corp.",
        );
        assert!(
            has(
                &found,
                "Federal Systems Integration and Management Center",
                "partOf",
                "GSA"
            ),
            "{found:?}"
        );
        let found = facts(
            "Russia's Sberbank Corp. and the Treasury's Office of Foreign Assets Control met.",
        );
        assert!(
            !found
                .iter()
                .any(|(s, p, _)| s.starts_with("Sberbank") && p == "partOf"),
            "{found:?}"
        );
        let found = facts(
            "Jane Roe, Special Agent in Charge of the Drug Enforcement Administration in New England, spoke.",
        );
        assert!(
            has(
                &found,
                "Jane Roe",
                "employedBy",
                "Drug Enforcement Administration"
            ),
            "{found:?}"
        );
        assert!(!found.iter().any(|(_, p, _)| p == "leads"), "{found:?}");
    }

    #[test]
    fn the_one_named_before_an_infinitive_does_what_it_says() {
        let found = facts(
            "The Senate confirmed Dr. Robert Califf to lead the Food and Drug Administration.\nThe Department would permit AT&T Corp. to purchase McCaw Cellular Communications Inc.\nPresident Obama nominated Joseph Dunford to serve as Chairman of the Joint Chiefs of Staff.",
        );
        assert!(
            has(
                &found,
                "Robert Califf",
                "leads",
                "Food and Drug Administration"
            ),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "AT&T Corp.",
                "acquires",
                "McCaw Cellular Communications Inc."
            ),
            "{found:?}"
        );
        // An office one is named to serve in is a nomination, not an office held.
        assert!(
            !found
                .iter()
                .any(|(s, p, _)| s == "Joseph Dunford" && p == "holdsPosition"),
            "{found:?}"
        );
    }

    #[test]
    fn each_of_the_parties_said_to_have_violated_a_law_violates_it() {
        let found = facts(
            "The jury found that Acme Corp. and John Smith violated the Sherman Act and the Clayton Act.",
        );
        for party in ["Acme Corp.", "John Smith"] {
            for law in ["Sherman Act", "Clayton Act"] {
                assert!(
                    has(&found, party, "violates", law),
                    "{party} {law}: {found:?}"
                );
            }
        }
    }

    #[test]
    fn whose_complaint_it_is_invokes_the_laws_it_says_were_violated_each_by_a_part() {
        let found = facts(
            "The SEC's complaint, filed on December 11, 2008, alleges that the defendants violated Section 17(a) of the Securities Act of 1933, Section 10(b) of the Securities Exchange Act of 1934 and Rule 10b-5.",
        );
        for law in [
            "Section 17(a) of the Securities Act of 1933",
            "Section 10(b) of the Securities Exchange Act of 1934",
            "Rule 10b-5",
        ] {
            assert!(has(&found, "SEC", "invokes", law), "{found:?}");
        }
        // A complaint with no owner named gives no one to invoke anything.
        let found =
            facts("A complaint alleges that the defendants violated the Securities Act of 1933.");
        assert!(!found.iter().any(|(_, p, _)| p == "invokes"), "{found:?}");
    }

    #[test]
    fn a_place_that_says_where_the_subject_is_is_not_the_subject() {
        let found = facts("A federal court in Dallas barred Tina Preston from preparing returns.");
        assert!(!found.iter().any(|(s, _, _)| s == "Dallas"), "{found:?}");
        let found = facts("Acme Corp. in Moscow acquired Beta Corp.");
        assert!(
            has(&found, "Acme Corp.", "acquires", "Beta Corp."),
            "{found:?}"
        );
        assert!(!found.iter().any(|(s, _, _)| s == "Moscow"), "{found:?}");
    }

    #[test]
    fn a_position_named_with_what_it_is_of_is_also_called_by_its_bare_title() {
        let metadata = ArticleMetadata {
            id: Some("t".into()),
            ..Default::default()
        };
        let sheet = extractor().extract(
            "Title\n\nDr. Bement is Acting Director of the National Science Foundation. Jane Roe is Director of the National Institute of Standards and Technology.\n",
            &metadata,
        );
        let aliases = |name: &str| named(&sheet, name).map(|e| e.aliases.clone());
        assert_eq!(
            aliases("Acting Director of the National Science Foundation"),
            Some(vec!["Acting Director".to_owned()]),
            "{:?}",
            sheet.entities
        );
        assert_eq!(
            aliases("Director of the National Institute of Standards and Technology"),
            Some(vec!["Director".to_owned()]),
            "{:?}",
            sheet.entities
        );
    }

    #[test]
    fn an_instrument_described_before_it_is_named_is_the_named_one() {
        let found = facts(
            "President Donald Trump signed an executive order on Tuesday. The order, Executive Order 13971, bans Alipay.",
        );
        assert!(
            has(&found, "Donald Trump", "signs", "Executive Order 13971"),
            "{found:?}"
        );
        assert!(
            has(&found, "Executive Order 13971", "bans", "Alipay"),
            "{found:?}"
        );
        let found = facts("President Donald Trump signed an executive order banning Alipay.");
        let named = found
            .iter()
            .find(|(s, p, _)| s == "Donald Trump" && p == "signs")
            .map(|(_, _, o)| o.clone())
            .expect("a signing");
        assert!(
            named.starts_with("executive order signed by Donald Trump"),
            "{named}"
        );
    }

    #[test]
    fn a_legal_action_invokes_the_law_it_is_taken_under() {
        let found = facts("The Justice Department sued Acme Inc. under the Sherman Act.");
        assert!(
            has(&found, "Justice Department", "invokes", "Sherman Act"),
            "{found:?}"
        );
    }

    #[test]
    fn an_agent_acting_under_a_law_invokes_it_and_a_breach_does_not() {
        let found = facts(
            "The Bureau of Industry and Security added 37 entities to the Entity List under the Export Administration Regulations.",
        );
        assert!(
            has(
                &found,
                "Bureau of Industry and Security",
                "invokes",
                "Export Administration Regulations"
            ),
            "{found:?}"
        );
        let found =
            facts("OFAC designated three entities pursuant to Executive Order (E.O.) 14014.");
        assert!(
            has(&found, "OFAC", "invokes", "Executive Order 14014"),
            "{found:?}"
        );
        let found =
            facts("The Justice Department said the firm acted in violation of the Sherman Act.");
        assert!(!found.iter().any(|(_, p, _)| p == "invokes"), "{found:?}");
    }

    #[test]
    fn a_deal_named_by_its_noun_gives_its_parties_and_a_later_challenge_sues_them() {
        let found = facts("Microsoft's acquisition of LinkedIn closed in 2016.");
        assert!(
            has(&found, "Microsoft", "acquires", "LinkedIn"),
            "{found:?}"
        );
        let found = facts("The merger of Exxon and Mobil was approved.");
        assert!(has(&found, "Exxon", "mergesWith", "Mobil"), "{found:?}");
        let found = facts(
            "The acquisition of Red Hat by IBM was announced. The Justice Department filed a suit challenging the proposed acquisition.",
        );
        assert!(has(&found, "IBM", "acquires", "Red Hat"), "{found:?}");
        assert!(
            has(&found, "Justice Department", "sues", "IBM"),
            "{found:?}"
        );
        assert!(
            has(&found, "Justice Department", "sues", "Red Hat"),
            "{found:?}"
        );
        let found = facts(
            "The United States filed a Complaint seeking to enjoin a transaction by which Interstate agreed to acquire Continental.",
        );
        assert!(
            has(&found, "United States", "sues", "Interstate"),
            "{found:?}"
        );
        assert!(
            has(&found, "United States", "sues", "Continental"),
            "{found:?}"
        );
        // No deal was named before: a definite deal refers to nothing.
        let found =
            facts("The Justice Department filed a suit challenging the proposed acquisition.");
        assert!(!found.iter().any(|(_, p, _)| p == "sues"), "{found:?}");
        // Whoever alleges something of a deal accuses its buyer, not its target.
        let found = facts(
            "The FTC alleged that Graco's acquisition of Illinois Tool Works Inc. would end competition. The United States filed a complaint alleging that the proposed acquisition by Alcoa Inc. of Reynolds Metals Company would lessen competition.",
        );
        assert!(has(&found, "FTC", "accuses", "Graco"), "{found:?}");
        assert!(
            has(&found, "United States", "accuses", "Alcoa Inc."),
            "{found:?}"
        );
        assert_eq!(
            found.iter().filter(|(_, p, _)| p == "accuses").count(),
            2,
            "{found:?}"
        );
    }

    #[test]
    fn a_department_keeps_its_own_of_before_a_possessive_and_leads_to_the_person_designated() {
        let found = facts(
            "The U.S. Department of the Treasury's Office of Foreign Assets Control (OFAC) designated the Vice President of the Supreme Court of Justice, Marvin Aguilar Garcia.",
        );
        assert!(
            has(
                &found,
                "Office of Foreign Assets Control",
                "partOf",
                "U.S. Department of the Treasury"
            ),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Office of Foreign Assets Control",
                "sanctions",
                "Marvin Aguilar Garcia"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn an_acting_head_leads() {
        let found =
            facts("Dr. Arden Bement serves as Acting Director of the National Science Foundation.");
        assert!(
            has(
                &found,
                "Arden Bement",
                "leads",
                "National Science Foundation"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_country_named_district_office_is_the_districts() {
        let found = facts(
            "The case was announced by U.S. Attorney G. Zachary Terwilliger and U.S. Attorney Richard B. Roper of the Northern District of Texas.",
        );
        assert!(
            has(
                &found,
                "G. Zachary Terwilliger",
                "holdsPosition",
                "U.S. Attorney"
            ),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "U.S. Attorney",
                "positionIn",
                "Northern District of Texas"
            ),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(_, p, o)| p == "positionIn" && o == "United States"),
            "{found:?}"
        );
        // In apposition, named after the country and with its district.
        let found = facts(
            "Neil H. MacBride, United States Attorney for the Eastern District of Virginia, said so.",
        );
        let office = "United States Attorney for the Eastern District of Virginia";
        assert!(
            has(&found, "Neil H. MacBride", "holdsPosition", office),
            "{found:?}"
        );
        assert!(
            has(&found, office, "positionIn", "Eastern District of Virginia"),
            "{found:?}"
        );
        // A place's name is no person's: "Rico" is a given name, "Puerto Rico" a territory.
        let found = facts(
            "The case was announced by United States Attorney for the District of Puerto Rico Rosa Emilia Rodriguez-Velez.",
        );
        assert!(!found.iter().any(|(s, _, _)| s == "Rico"), "{found:?}");
        // A country's own office keeps its country.
        let found = facts("U.S. Senator Roger Wicker spoke on Tuesday.");
        assert!(
            found.iter().any(|(s, p, o)| s.starts_with("Senator")
                && p == "positionIn"
                && o == "United States"),
            "{found:?}"
        );
    }

    #[test]
    fn a_sum_of_money_stands_inside_a_frame() {
        let found = facts(
            "In addition, HHS has awarded a $2.8 million contract to GlaxoSmithKline for antiviral drugs.",
        );
        assert!(
            has(&found, "HHS", "awardsContractTo", "GlaxoSmithKline"),
            "{found:?}"
        );
        // A sum with the words that say it is the contract's worth, and a length before it.
        let found = facts(
            "NASA has awarded a contract with a potential value of $171 million to Lockheed \
             Martin Corp. The U.S. Army awarded a five-year, $1.24 billion contract extension \
             to Boeing Co. The U.S. Navy awarded a contract worth $5 million to Acme Corp.",
        );
        for (awarder, company) in [
            ("NASA", "Lockheed Martin Corp."),
            ("U.S. Army", "Boeing Co."),
            ("U.S. Navy", "Acme Corp."),
        ] {
            assert!(
                has(&found, awarder, "awardsContractTo", company),
                "{awarder} {company}: {found:?}"
            );
        }
        // A sum alone does not stand for the words of a pattern.
        let found = facts("NASA has awarded a $5 million prize with Acme Corp.");
        assert!(
            !found.iter().any(|f| f.1 == "awardsContractTo"),
            "{found:?}"
        );
    }

    #[test]
    fn a_participle_after_an_apposition_is_the_named_persons_verb() {
        let found = facts(
            "Islam Siddiqui, USTR's Chief Agricultural Negotiator, traveled to Baltimore this \
             week. Anne Bingaman, Assistant Attorney General, visited Dallas.",
        );
        assert!(
            has(&found, "Islam Siddiqui", "visits", "Baltimore"),
            "{found:?}"
        );
        assert!(
            has(&found, "Anne Bingaman", "visits", "Dallas"),
            "{found:?}"
        );
        // One name before the comma: the participle is said of it ("based in").
        let found = facts("Acme Widgets Inc., based in Dallas, Texas, pleaded guilty.");
        assert!(
            has(&found, "Acme Widgets Inc.", "basedIn", "Dallas"),
            "{found:?}"
        );
    }

    #[test]
    fn a_body_set_off_after_a_one_word_title_is_what_the_title_is_of() {
        let found = facts(
            "Adm. Chris Grady, commander, U.S. Fleet Forces Command, will host a ceremony. \
             Jose R. Allen, Atty., Land and Natural Resources Division, argued.",
        );
        assert!(
            has(&found, "Chris Grady", "leads", "U.S. Fleet Forces Command"),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Jose R. Allen",
                "employedBy",
                "Land and Natural Resources Division"
            ),
            "{found:?}"
        );
        // An office named in full keeps its name and says nothing of the body after it.
        let found = facts(
            "I am David Satcher, Assistant Secretary for Health, Department of Health and \
             Human Services.",
        );
        assert!(
            has(
                &found,
                "David Satcher",
                "holdsPosition",
                "Assistant Secretary for Health"
            ),
            "{found:?}"
        );
        assert!(!found.iter().any(|f| f.1 == "employedBy"), "{found:?}");
    }

    #[test]
    fn a_subsidiary_described_by_adverbs_and_participles_is_one() {
        let found = facts(
            "Acme Corp. is a wholly owned subsidiary of Beta Inc. and was sued. Gamma Corp. was \
             a wholly-owned subsidiary of Delta Inc. until 2001.",
        );
        assert!(
            has(&found, "Acme Corp.", "subsidiaryOf", "Beta Inc."),
            "{found:?}"
        );
        assert!(
            has(&found, "Gamma Corp.", "subsidiaryOf", "Delta Inc."),
            "{found:?}"
        );
    }

    #[test]
    fn a_case_name_gives_its_parties() {
        let found = facts(
            "The department filed United States and State of Texas v. Kimberly-Clark Corporation and Scott Paper Company in the District Court.",
        );
        let case = "United States and State of Texas v. Kimberly-Clark Corporation and Scott Paper Company";
        for plaintiff in ["United States", "State of Texas"] {
            assert!(has(&found, plaintiff, "plaintiffIn", case), "{found:?}");
        }
        for defendant in ["Kimberly-Clark Corporation", "Scott Paper Company"] {
            assert!(has(&found, defendant, "defendantIn", case), "{found:?}");
        }
        assert!(
            !found
                .iter()
                .any(|(s, p, _)| p == "plaintiffIn" && s == "Scott Paper Company"),
            "{found:?}"
        );
        // A caption lists its defendants with commas; a docket number after them is no party,
        // and the country's other name is the same case.
        let found = facts(
            "Notice is given in United States of America v. Alcoa Inc., ACX Technologies, Inc., and Golden Aluminum Company, Civil No. 99-0817. The court entered United States v. Alcoa Inc., ACX Technologies, Inc., and Golden Aluminum Company today.",
        );
        let case = "United States of America v. Alcoa Inc., ACX Technologies, Inc., and Golden Aluminum Company";
        for defendant in [
            "Alcoa Inc.",
            "ACX Technologies, Inc.",
            "Golden Aluminum Company",
        ] {
            assert!(has(&found, defendant, "defendantIn", case), "{found:?}");
        }
        assert_eq!(
            found.iter().filter(|(_, p, _)| p == "defendantIn").count(),
            3,
            "{found:?}"
        );
    }

    #[test]
    fn an_assistant_for_a_unit_heads_it() {
        let found = facts(
            "Rena J. Comisac, Acting Assistant Attorney General for the Civil Rights Division, said the case was closed.",
        );
        assert!(
            has(&found, "Rena J. Comisac", "leads", "Civil Rights Division"),
            "{found:?}"
        );
        let found = facts(
            "Mary Smith, Deputy Assistant Attorney General for the Civil Rights Division, said the case was closed.",
        );
        assert!(!found.iter().any(|(_, p, _)| p == "leads"), "{found:?}");
    }

    #[test]
    fn judges_preside_over_the_case_the_article_is_about() {
        let metadata = ArticleMetadata {
            id: Some("t".into()),
            published: Some("2018-12-14".into()),
            ..Default::default()
        };
        let text = "Texas v. United States\n\nThe ruling was issued on Friday.\n\nThe ruling by U.S. District Judge Reed O'Connor throws out the law.\n";
        let sheet = extractor().extract(text, &metadata);
        let name = |id: &str| {
            sheet
                .entities
                .iter()
                .find(|e| e.id == id)
                .map(|e| e.name.as_str())
        };
        let presides: Vec<_> = sheet
            .facts
            .iter()
            .filter(|f| f.predicate == "presidesOver")
            .map(|f| (name(&f.subject), f.object.clone()))
            .collect();
        assert_eq!(presides.len(), 1, "{:?}", sheet.facts);
        assert_eq!(presides[0].0, Some("Reed O'Connor"));
        assert!(
            matches!(&presides[0].1, FactObject::Id(id) if name(id) == Some("Texas v. United States")),
            "{presides:?}"
        );
        // No case named: no one presides.
        let found = facts("The ruling by U.S. District Judge Reed O'Connor throws out the law.");
        assert!(
            !found.iter().any(|(_, p, _)| p == "presidesOver"),
            "{found:?}"
        );
    }

    #[test]
    fn an_organisation_and_its_city_in_commas_end_an_address() {
        let found = facts(
            "The respondents are Apple Inc., Cupertino, Calif.; and Motorola Mobile Communication Technology Ltd, Xiamen, China.",
        );
        assert!(
            has(&found, "Apple Inc.", "basedIn", "Cupertino"),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Motorola Mobile Communication Technology Ltd",
                "basedIn",
                "Xiamen"
            ),
            "{found:?}"
        );
        // A list of names goes on: no address.
        let found = facts("Microsoft Corp., Seattle and Amazon.com Inc. were sued.");
        assert!(!found.iter().any(|(_, p, _)| p == "basedIn"), "{found:?}");
        // The acronym a company is given in brackets stands between it and its address.
        let found = facts(
            "NASA selected Global Science & Technology, Inc. (GST), Greenbelt, Md., to help.",
        );
        assert!(
            has(
                &found,
                "Global Science & Technology, Inc.",
                "basedIn",
                "Greenbelt"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_person_said_to_be_a_resident_of_a_place_lives_there() {
        let found = facts(
            "Alfred Teo, age 65, is a resident of Kinnelon, New Jersey. The charges allege that \
             Xiaodong Meng, formerly a resident of Beijing, China, stole secrets.",
        );
        assert!(
            has(&found, "Alfred Teo", "basedIn", "Kinnelon"),
            "{found:?}"
        );
        assert!(
            has(&found, "Xiaodong Meng", "basedIn", "Beijing"),
            "{found:?}"
        );
        // An organisation has no residence.
        let found = facts("Acme Corp., a resident of Kinnelon, New Jersey, sued.");
        assert!(!found.iter().any(|(_, p, _)| p == "basedIn"), "{found:?}");
    }

    #[test]
    fn a_filing_speaks_for_whoever_filed_it() {
        let found = facts(
            "The SEC's complaint alleges that Westport Capital Markets LLC defrauded clients.",
        );
        assert!(
            has(&found, "SEC", "accuses", "Westport Capital Markets LLC"),
            "{found:?}"
        );
    }

    #[test]
    fn entries_added_to_a_list_amend_it() {
        let found =
            facts("The Bureau of Industry and Security added 37 entities to the Entity List.");
        assert!(
            has(
                &found,
                "Bureau of Industry and Security",
                "amends",
                "Entity List"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn names_hold_their_preposition_nickname_legal_suffix_and_office_with_and() {
        let found = facts(
            "Under Secretary of the Treasury for Terrorism and Financial Intelligence Brian Nelson spoke.",
        );
        assert!(
            has(
                &found,
                "Brian Nelson",
                "holdsPosition",
                "Under Secretary of the Treasury for Terrorism and Financial Intelligence"
            ),
            "{found:?}"
        );
        // The office is the Treasury's; its portfolio names no organisation.
        assert!(
            !found
                .iter()
                .any(|(_, p, o)| p == "positionIn" && o.contains("Terrorism")),
            "{found:?}"
        );
        let found = facts("James Free will succeed Ramon (Ray) Lugo as director.");
        assert!(
            has(&found, "James Free", "succeeds", "Ramon (Ray) Lugo"),
            "{found:?}"
        );
        let found = facts("The SEC filed SEC v. Galleon Management, LP, et al. in New York.");
        assert!(
            has(
                &found,
                "Galleon Management, LP",
                "defendantIn",
                "SEC v. Galleon Management, LP, et al."
            ),
            "{found:?}"
        );
        let found = facts(
            "Health and Human Services Secretary Kathleen Sebelius and Treasury Secretary Janet Yellen spoke.",
        );
        assert!(
            has(
                &found,
                "Kathleen Sebelius",
                "holdsPosition",
                "Health and Human Services Secretary"
            ),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Janet Yellen",
                "holdsPosition",
                "Treasury Secretary"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_courtesy_title_is_no_office_and_a_city_may_qualify_a_noun() {
        let found = facts(
            "The Honorable Jed S. Rakoff of the United States District Court for the Southern District of New York entered a judgment.",
        );
        assert!(
            !found.iter().any(|(_, p, _)| p == "positionIn"),
            "{found:?}"
        );
        let found = facts(
            "The Securities and Exchange Commission filed charges against a Buffalo, New York, investment adviser.",
        );
        assert!(has(&found, "Buffalo", "locatedIn", "New York"), "{found:?}");
        assert!(!found.iter().any(|(_, p, _)| p == "charges"), "{found:?}");
    }

    #[test]
    fn the_senate_is_an_institution_and_approves() {
        let found = facts(
            "The Food and Drug Administration reviewed the drug. The Senate approved Robert Califf by a vote of 89 to 4.",
        );
        assert!(
            has(&found, "Senate", "approves", "Robert Califf"),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(s, p, _)| s == "Food and Drug Administration" && p == "approves"),
            "{found:?}"
        );
        // "the Commission" after a commission's name is that commission, as before.
        let found = facts(
            "The Federal Trade Commission met. The Commission approved an application by Acme Inc.",
        );
        assert!(
            has(&found, "Federal Trade Commission", "approves", "Acme Inc."),
            "{found:?}"
        );
    }

    #[test]
    fn a_person_appointed_to_be_an_officer_is_nominated_until_appointed() {
        let found = facts(
            "The President intends to appoint Andre B. Lacy of Indiana, to be a Member of the Social Security Advisory Board.",
        );
        assert!(
            has(
                &found,
                "Andre B. Lacy",
                "nominatedFor",
                "Member of the Social Security Advisory Board"
            ),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(_, p, _)| p == "holdsPosition"),
            "{found:?}"
        );
        let found = facts(
            "Governor Smith appointed Mary Jones to be Director of the State Lottery Commission.",
        );
        assert!(
            has(
                &found,
                "Mary Jones",
                "holdsPosition",
                "Director of the State Lottery Commission"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_case_names_its_parties_but_not_a_cited_precedents() {
        let found = facts(
            "Securities and Exchange Commission v. Bernard L. Madoff and Bernard L. Madoff Investment Securities LLC was filed in Manhattan.",
        );
        let case = "Securities and Exchange Commission v. Bernard L. Madoff and Bernard L. Madoff Investment Securities LLC";
        assert!(
            has(
                &found,
                "Securities and Exchange Commission",
                "plaintiffIn",
                case
            ),
            "{found:?}"
        );
        assert!(
            has(&found, "Bernard L. Madoff", "defendantIn", case),
            "{found:?}"
        );
        let found = facts("The court ruled in Dobbs v. Jackson Women's Health Organization.");
        assert!(
            has(
                &found,
                "Jackson Women's Health Organization",
                "defendantIn",
                "Dobbs v. Jackson Women's Health Organization"
            ),
            "{found:?}"
        );
        let no_sides = |found: &[(String, String, String)]| {
            !found
                .iter()
                .any(|(_, p, _)| p == "plaintiffIn" || p == "defendantIn")
        };
        let found = facts("Comments on Proposed Final Judgment United States v. Alcoa Inc.");
        assert!(
            has(
                &found,
                "United States",
                "plaintiffIn",
                "United States v. Alcoa Inc."
            ),
            "{found:?}"
        );
        let found = facts("See, e. g., United States v. Wiltberger, 18 U.S. (5 Wheat.) 76.");
        assert!(no_sides(&found), "{found:?}");
        // Petitioner first: who sued is not in the name of a Supreme Court case.
        let found = facts("Today, the Supreme Court ruled on Burwell v. Hobby Lobby Stores, Inc.");
        assert!(no_sides(&found), "{found:?}");
        let found = facts(
            "The Supreme Court met in October. In a 9-0 decision, the Court held in Siegel v. Fitzgerald that the fee was unlawful.",
        );
        assert!(no_sides(&found), "{found:?}");
    }

    #[test]
    fn a_headlines_verb_gives_no_fact_but_the_same_words_in_the_text_do() {
        let metadata = ArticleMetadata::default();
        let headline = "NASA Awards Contract to National Academy of Science";
        let sheet = extractor().extract(&format!("{headline}\n\nIt was signed.\n"), &metadata);
        let found = named_facts(&sheet);
        assert!(
            !found.iter().any(|(_, p, _)| p == "awardsContractTo"),
            "{found:?}"
        );
        let sheet = extractor().extract(
            "Contract news\n\nNASA awarded a contract to the National Academy of Sciences.\n",
            &metadata,
        );
        let found = named_facts(&sheet);
        assert!(
            has(
                &found,
                "NASA",
                "awardsContractTo",
                "National Academy of Sciences"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_headlines_acronym_is_the_body_named_in_full_after_it() {
        let sheet = extractor().extract(
            "NRC Approves License Transfer\n\nThe Nuclear Regulatory Commission has approved \
             the transfer. The NRC will issue an order.\n",
            &ArticleMetadata::default(),
        );
        let bodies: Vec<(&str, &Vec<String>)> = sheet
            .entities
            .iter()
            .filter(|e| e.name.contains("NRC") || e.name.contains("Nuclear"))
            .map(|e| (e.name.as_str(), &e.aliases))
            .collect();
        assert_eq!(bodies.len(), 1, "{bodies:?}");
        assert_eq!(bodies[0].0, "Nuclear Regulatory Commission", "{bodies:?}");
        assert!(bodies[0].1.iter().any(|a| a == "NRC"), "{bodies:?}");
    }

    #[test]
    fn cases_cited_together_are_two_cases_and_a_signal_opens_neither() {
        let found = facts("The court cited Quick v. Dep't of Com. and Ostad v. Oregon.");
        assert!(
            has(
                &found,
                "Dep't of Com.",
                "defendantIn",
                "Quick v. Dep't of Com."
            ),
            "{found:?}"
        );
        assert!(
            has(&found, "Ostad", "plaintiffIn", "Ostad v. Oregon"),
            "{found:?}"
        );
        let found = facts(
            "The court ruled in United States v. Interstate Bakeries Corp. and Continental Baking Co.",
        );
        assert!(
            has(
                &found,
                "Continental Baking Co.",
                "defendantIn",
                "United States v. Interstate Bakeries Corp. and Continental Baking Co."
            ),
            "{found:?}"
        );
        for text in [
            "See SEC v. Citigroup Glob. Mkts., Inc., 673 F.3d 158.",
            "The order stood. See Smith v. Jones, 12 F.3d 1.",
        ] {
            let sheet =
                extractor().extract(&format!("Title\n\n{text}\n"), &ArticleMetadata::default());
            let cases: Vec<&str> = sheet
                .entities
                .iter()
                .filter(|e| e.class == "LegalCase")
                .map(|e| e.name.as_str())
                .collect();
            assert!(
                cases.len() == 1 && !cases[0].starts_with("See"),
                "{text}: {cases:?}"
            );
        }
    }

    #[test]
    fn a_former_office_was_held_and_a_title_before_said_is_no_apposition() {
        let found = facts(
            "Stephen Parker Gardner, former Chief Executive Officer of Peregrine Systems, was sentenced.",
        );
        assert!(
            has(
                &found,
                "Stephen Parker Gardner",
                "holdsPosition",
                "Chief Executive Officer of Peregrine Systems"
            ),
            "{found:?}"
        );
        let found = facts(
            "Former Massachusetts State Senator Dianne Wilkerson was charged with attempted extortion.",
        );
        assert!(
            found
                .iter()
                .any(|(s, p, _)| s == "Dianne Wilkerson" && p == "holdsPosition"),
            "{found:?}"
        );
        let found = facts("We thank John Smith, the chairman said on Tuesday.");
        assert!(
            !found.iter().any(|(_, p, _)| p == "holdsPosition"),
            "{found:?}"
        );
    }

    #[test]
    fn a_business_described_by_its_country_is_based_there() {
        let found = facts("The deal makes the Chinese company Lenovo Group Limited a leader.");
        assert!(
            has(&found, "Lenovo Group Limited", "basedIn", "China"),
            "{found:?}"
        );
        let found = facts("China's ByteDance owns TikTok.");
        assert!(has(&found, "ByteDance", "basedIn", "China"), "{found:?}");
        assert!(!found.iter().any(|(_, p, _)| p == "partOf"), "{found:?}");
        // A state's own body is still part of it.
        let found = facts("Australia's Department of Agriculture set new rules.");
        assert!(
            has(&found, "Department of Agriculture", "partOf", "Australia"),
            "{found:?}"
        );
    }

    #[test]
    fn a_unit_is_part_of_the_body_it_is_named_after_or_said_to_be_part_of() {
        let found = facts(
            "The National Center for Research Resources (NCRR), a part of the National Institutes of Health (NIH), announced awards.",
        );
        assert!(
            has(
                &found,
                "National Center for Research Resources",
                "partOf",
                "National Institutes of Health"
            ),
            "{found:?}"
        );
        let found = facts("Beta Corp., a subsidiary of Acme Inc., grew.");
        assert!(
            has(&found, "Beta Corp.", "subsidiaryOf", "Acme Inc."),
            "{found:?}"
        );
        let found = facts(
            "The Drug Enforcement Administration (DEA) led the case with the DEA Amarillo Office.",
        );
        assert!(
            has(
                &found,
                "DEA Amarillo Office",
                "partOf",
                "Drug Enforcement Administration"
            ),
            "{found:?}"
        );
        // An acronym the article does not name is no body's.
        let found = facts("The XYZ Amarillo Office led the case.");
        assert!(!found.iter().any(|(_, p, _)| p == "partOf"), "{found:?}");
    }

    #[test]
    fn a_captions_party_may_carry_a_description() {
        let found = facts(
            "HELLS CANYON PRESERVATION COUNCIL, an Oregon non-profit corporation, Plaintiff-Appellant, v. UNITED STATES FOREST SERVICE, an agency of the United States Department of Agriculture, Defendant-Appellee.",
        );
        assert!(
            found
                .iter()
                .any(|(s, p, _)| s == "HELLS CANYON PRESERVATION COUNCIL" && p == "plaintiffIn"),
            "{found:?}"
        );
    }

    #[test]
    fn an_appeals_courts_outcome_rules_for_and_against_the_sides_of_its_case() {
        let found = facts(
            "In the United States Court of Appeals For the Seventh Circuit No. 05-3981 NORTHERN CONTRACTING, INC., Plaintiff-Appellant, v. ILLINOIS DEPARTMENT OF TRANSPORTATION, Defendant-Appellee. For the reasons that follow, we affirm the judgment of the district court.",
        );
        let court = "United States Court of Appeals For the Seventh Circuit";
        assert!(
            has(&found, court, "rulesAgainst", "NORTHERN CONTRACTING, INC."),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                court,
                "rulesInFavorOf",
                "ILLINOIS DEPARTMENT OF TRANSPORTATION"
            ),
            "{found:?}"
        );
        // The caption says the government appealed; a reversal is its win.
        let found = facts(
            "UNITED STATES COURT OF APPEALS FOR THE FOURTH CIRCUIT\nUNITED STATES OF AMERICA, Plaintiff – Appellant, v. J. BRYAN WILLIAMS, Defendant – Appellee.\nBecause the district court erred, we reverse.",
        );
        assert!(
            found.iter().any(|(s, p, o)| s
                .to_lowercase()
                .starts_with("united states court of appeals")
                && p == "rulesInFavorOf"
                && o == "United States"),
            "{found:?}"
        );
        // Without a caption's roles, a prosecution's defendant is the one who appealed; the
        // text may also say so.
        let found = facts(
            "United States v. Spalding\nUnited States Court of Appeals, Fifth Circuit\nSpalding now appeals his convictions. We affirm.",
        );
        assert!(
            has(
                &found,
                "United States Court of Appeals, Fifth Circuit",
                "rulesAgainst",
                "Spalding"
            ),
            "{found:?}"
        );
        // A mixed outcome, a denied one, and no appeals court: nothing.
        for text in [
            "United States v. Spalding\nUnited States Court of Appeals, Fifth Circuit\nWe affirm in part and reverse in part.",
            "United States v. Spalding\nUnited States Court of Appeals, Fifth Circuit\nWe cannot affirm on this record.",
            "United States v. Spalding\nUnited States District Court for the District of Oregon\nWe affirm.",
        ] {
            let found = facts(text);
            assert!(
                !found
                    .iter()
                    .any(|(_, p, _)| p == "rulesAgainst" || p == "rulesInFavorOf"),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn an_opinions_counsel_lines_name_each_lawyers_party_and_office() {
        let found = facts(
            "UNITED STATES OF AMERICA, Plaintiff – Appellant, v. J. BRYAN WILLIAMS, Defendant – Appellee.\nRobert William Metzler, Jane K. Doe, UNITED STATES DEPARTMENT OF JUSTICE, Washington, D.C., for Appellant.\nDavid Harold Dickieson, SCHERTLER & ONORATO, LLP, Washington, D.C., for Appellee.\nJames R. Stoner, Washington, D. C., with whom William M. Hoiles, Washington, D. C., was on the brief, for defendant-appellee.",
        );
        for lawyer in ["Robert William Metzler", "Jane K. Doe"] {
            assert!(
                has(&found, lawyer, "counselFor", "United States"),
                "{lawyer}: {found:?}"
            );
            assert!(
                found.iter().any(|(s, p, o)| s == lawyer
                    && p == "employedBy"
                    && o.eq_ignore_ascii_case("united states department of justice")),
                "{lawyer}: {found:?}"
            );
        }
        for lawyer in [
            "David Harold Dickieson",
            "James R. Stoner",
            "William M. Hoiles",
        ] {
            assert!(
                found.iter().any(|(s, p, o)| s == lawyer
                    && p == "counselFor"
                    && o.eq_ignore_ascii_case("j. bryan williams")),
                "{lawyer}: {found:?}"
            );
        }
        assert!(
            has(
                &found,
                "David Harold Dickieson",
                "employedBy",
                "SCHERTLER & ONORATO, LLP"
            ),
            "{found:?}"
        );
        // A party named instead of a role, without a caption; a story's "for" names none.
        let named = facts(
            "David C. Jordan, D. Bruce Pearson, and Terrence McDonald, Antitrust Div., U.S. Dept. of Justice, Washington, D.C., for U.S.\nJulius Maada Bio won the vote for Sierra Leone.",
        );
        for lawyer in ["David C. Jordan", "D. Bruce Pearson", "Terrence McDonald"] {
            assert!(
                has(&named, lawyer, "counselFor", "United States"),
                "{named:?}"
            );
            assert!(
                has(&named, lawyer, "employedBy", "Antitrust Div."),
                "{named:?}"
            );
        }
        assert!(
            !named
                .iter()
                .any(|(s, p, _)| s == "Julius Maada Bio" && p == "counselFor"),
            "{named:?}"
        );
        // "D. C." is no lawyer; a city is nobody's employer.
        assert!(
            !found
                .iter()
                .any(|(s, p, o)| (p == "counselFor" && s.starts_with("D."))
                    || (p == "employedBy" && o.starts_with("Washington"))),
            "{found:?}"
        );
        // A capital "V." after a given name is a middle initial, not a case's "v.".
        let found = facts(
            "Mark V. Meierhenry, Danforth Meierhenry, LLP, of Sioux Falls, SD, argued for plaintiff-appellee.",
        );
        assert!(
            has(
                &found,
                "Mark V. Meierhenry",
                "employedBy",
                "Danforth Meierhenry, LLP"
            ),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(_, p, _)| p == "plaintiffIn"),
            "{found:?}"
        );
        // Abbreviated titles and units read as the words they stand for, and keep their
        // written form; "Asst." ends no sentence.
        let found = facts(
            "Michael J. Ryan, Asst. U.S. Atty., with whom Raymond W. Fullerton, Asst. Gen. Counsel, was on brief, for appellee. David C. Jordan, Antitrust Div., U.S. Dept. of Justice, Washington, D.C., for appellee.",
        );
        assert!(
            has(
                &found,
                "Michael J. Ryan",
                "holdsPosition",
                "Asst. U.S. Atty."
            ),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Raymond W. Fullerton",
                "holdsPosition",
                "Asst. Gen. Counsel"
            ),
            "{found:?}"
        );
        assert!(
            has(&found, "David C. Jordan", "employedBy", "Antitrust Div."),
            "{found:?}"
        );
    }

    #[test]
    fn a_list_of_grants_gives_each_recipient_its_sum_from_the_body_that_announced_them() {
        let found = facts(
            "Commerce Secretary Gary Locke today announced a $7.1 million Economic Development Administration grant to the city.\nThe grants are:\n$1 million to Dothan-Houston County Airport Authority, Inc., of Dothan, Alabama, to make roadway improvements.\n$1.8 million to the city of Delano, California, to help build a rail spur.\nReno-Tahoe International Airport – $31.7 million to reconstruct a runway",
        );
        for recipient in [
            "Dothan-Houston County Airport Authority, Inc.",
            "Delano",
            "Reno-Tahoe International Airport",
        ] {
            assert!(
                has(
                    &found,
                    "Economic Development Administration",
                    "investsIn",
                    recipient
                ),
                "{recipient}: {found:?}"
            );
        }
        // Sums in running text name no recipient, and no grant without a body announcing it.
        let found = facts(
            "The company paid $5 million to settle. Reno-Tahoe International Airport – $31.7 million to reconstruct a runway",
        );
        assert!(!found.iter().any(|(_, p, _)| p == "investsIn"), "{found:?}");
    }

    #[test]
    fn recipients_listed_a_line_each_or_said_to_receive_a_sum_are_funded() {
        let found = facts(
            "The Centers for Disease Control and Prevention (CDC) has awarded $6.8 million to \
             national partners.\nThe following public health organizations received funding:\n\
             American Public Health Association\nTask Force for Global Health\nThese funds \
             are in addition to the $1.6 million.\nThe Southeastern Coastal Ocean Observing \
             Regional Association will receive $500,000 in grant funding.",
        );
        for recipient in [
            "American Public Health Association",
            "Task Force for Global Health",
            "Southeastern Coastal Ocean Observing Regional Association",
        ] {
            assert!(
                has(
                    &found,
                    "Centers for Disease Control and Prevention",
                    "investsIn",
                    recipient
                ),
                "{recipient}: {found:?}"
            );
        }
        // A list no funding opened is no list of recipients; a sum received with no grant is
        // no grant.
        let found = facts(
            "The FBI announced the arrests on Monday.\nThe following were present:\n\
             American Public Health Association\nAcme Corp. will receive $5 million.",
        );
        assert!(!found.iter().any(|(_, p, _)| p == "investsIn"), "{found:?}");
    }

    #[test]
    fn an_address_names_units_smaller_first_and_a_unit_may_be_said_to_be_within() {
        let found = facts(
            "Elizabeth Ann Peterson, Attorney, Appellate Section, Environment Natural \
             Resources Division, United States Department of Justice, argued for the \
             appellee. EDA is an agency within the Department of Commerce.",
        );
        for (part, whole) in [
            (
                "Appellate Section",
                "Environment Natural Resources Division",
            ),
            (
                "Environment Natural Resources Division",
                "United States Department of Justice",
            ),
            ("EDA", "Department of Commerce"),
        ] {
            assert!(has(&found, part, "partOf", whole), "{part}: {found:?}");
        }
        // Units of one kind side by side are a list.
        let found = facts(
            "The contracts support the Science Mission Directorate, Human Exploration and \
             Operations Mission Directorate and others.",
        );
        assert!(!found.iter().any(|(_, p, _)| p == "partOf"), "{found:?}");
    }

    #[test]
    fn a_description_finds_an_organisation_no_word_typed_further() {
        let found = facts(
            "NASA named new directors on Monday. The agency's Glenn Research Center in \
             Cleveland will get a new chief.",
        );
        assert!(
            has(&found, "Glenn Research Center", "partOf", "NASA"),
            "{found:?}"
        );
    }

    #[test]
    fn a_facility_stands_in_the_town_after_it_past_its_acronym() {
        let found = facts(
            "NASA's Marshall Space Flight Center (MSFC) in Huntsville, Ala., has selected Acme \
             Corp. The work will be done at the Detroit Arsenal, Warren, Michigan, and at the \
             Jake Garn Training Facility in Yonkersville.",
        );
        for (facility, town) in [
            ("Marshall Space Flight Center", "Huntsville"),
            ("Detroit Arsenal", "Warren"),
            ("Jake Garn Training Facility", "Yonkersville"),
        ] {
            assert!(
                has(&found, facility, "locatedIn", town),
                "{facility}: {found:?}"
            );
        }
    }

    #[test]
    fn a_court_named_with_its_seat_is_also_called_without_it() {
        let sheet = extractor().extract(
            "Title\n\nThe Supreme Court in Washington has ended its term.\n",
            &ArticleMetadata::default(),
        );
        let court = named(&sheet, "Supreme Court in Washington").expect("the court");
        assert!(
            court.aliases.iter().any(|a| a == "Supreme Court"),
            "{court:?}"
        );
    }

    #[test]
    fn a_name_before_a_kind_of_made_thing_is_a_product_its_maker_developed() {
        let found = facts(
            "Astronauts docked Space Exploration Technologies Corp.'s newly designed Crew \
             Dragon capsule on Sunday. The U.S. Air Force launched a United Launch Alliance \
             Delta IV-Medium rocket.",
        );
        assert!(
            has(&found, "U.S. Air Force", "launches", "Delta IV-Medium"),
            "{found:?}"
        );
        for (product, maker) in [
            ("Crew Dragon", "Space Exploration Technologies Corp."),
            ("Delta IV-Medium", "United Launch Alliance"),
        ] {
            assert!(
                has(&found, product, "developedBy", maker),
                "{product}: {found:?}"
            );
        }
        // No kind of made thing after the name, or a demonym's compound before it: no
        // product.
        let found = facts(
            "Acme Corp.'s new Springfield plant opened. Acme Corp.'s Chinese-owned app sold.",
        );
        assert!(
            !found.iter().any(|(_, p, _)| p == "developedBy"),
            "{found:?}"
        );
    }

    #[test]
    fn a_trade_case_is_aimed_at_the_countries_the_imports_come_from() {
        let found = facts(
            "The U.S. Department of Commerce will continue its investigations on imports of \
             these products from China. The Commission's orders on imports of rebar from Mexico \
             and Turkey will remain in place.",
        );
        assert!(
            has(
                &found,
                "U.S. Department of Commerce",
                "investigates",
                "China"
            ),
            "{found:?}"
        );
        for country in ["Mexico", "Turkey"] {
            assert!(
                found.iter().any(|(_, p, o)| p == "targets" && o == country),
                "{country}: {found:?}"
            );
        }
        // No public body: no trade case.
        let found = facts("Acme Corp. said imports of steel from China rose.");
        assert!(
            !found
                .iter()
                .any(|(_, p, _)| p == "targets" || p == "investigates"),
            "{found:?}"
        );
    }

    #[test]
    fn the_agencies_that_investigated_a_case_investigate_its_defendants() {
        let found = facts(
            "Xiaodong Sheldon Meng, 42, is charged with stealing software. This prosecution is the result of a joint investigation by the Federal Bureau of Investigation and the Bureau of Immigration and Customs Enforcement.",
        );
        for agency in [
            "Federal Bureau of Investigation",
            "Bureau of Immigration and Customs Enforcement",
        ] {
            assert!(
                has(&found, agency, "investigates", "Xiaodong Sheldon Meng"),
                "{agency}: {found:?}"
            );
        }
        // No one charged: an investigation names no one it was of.
        let found = facts("The case was investigated by the Federal Bureau of Investigation.");
        assert!(
            !found.iter().any(|(_, p, _)| p == "investigates"),
            "{found:?}"
        );
    }

    #[test]
    fn an_occupation_and_a_title_in_one_apposition_give_the_title() {
        let found = facts(
            "Bernard L. Madoff, investment advisor and former Chairman of the NASDAQ stock market, was charged with securities fraud.",
        );
        assert!(
            has(&found, "Bernard L. Madoff", "leads", "NASDAQ"),
            "{found:?}"
        );
        // A capitalised word before "and" is no occupation: a list of names.
        let found = facts("Jane Doe, Acme and Chairman of the NASDAQ, spoke.");
        assert!(
            !found
                .iter()
                .any(|(s, p, _)| s == "Jane Doe" && p == "leads"),
            "{found:?}"
        );
    }

    /// The sheet's facts as (subject's names, predicate, object's names), names lower-cased
    /// and aliases included; for texts whose first line is the headline.
    fn facts_with_aliases(text: &str) -> Vec<(Vec<String>, String, Vec<String>)> {
        let metadata = ArticleMetadata {
            id: Some("t".into()),
            published: Some("2020-01-01".into()),
            ..Default::default()
        };
        let sheet = extractor().extract(text, &metadata);
        let names = |id: &str| -> Vec<String> {
            sheet
                .entities
                .iter()
                .filter(|e| e.id == id)
                .flat_map(|e| std::iter::once(&e.name).chain(e.aliases.iter()))
                .map(|n| n.to_lowercase())
                .collect()
        };
        sheet
            .facts
            .iter()
            .filter_map(|f| match &f.object {
                FactObject::Id(id) => Some((names(&f.subject), f.predicate.clone(), names(id))),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_court_reports_title_line_is_the_case_and_its_abbreviations_read_in_full() {
        let found = facts_with_aliases(
            "Sec. & Exch. Comm'n v. Spartan Sec. Grp.\n\nSECURITIES AND EXCHANGE COMMISSION, Plaintiff, v. SPARTAN SECURITIES GROUP, LTD., Defendants.\nBefore the Court is the Motion filed by the Commission.\n",
        );
        let holds = |subject: &str, predicate: &str, object: &str| {
            found.iter().any(|(s, p, o)| {
                s.iter().any(|n| n == subject) && p == predicate && o.iter().any(|n| n == object)
            })
        };
        let case = "sec. & exch. comm'n v. spartan sec. grp.";
        // The title line is one case; the caption's parties, written out, are the
        // abbreviated parties of its title.
        assert!(
            holds("sec. & exch. comm'n", "plaintiffIn", case),
            "{found:?}"
        );
        assert!(
            holds("securities and exchange commission", "plaintiffIn", case),
            "{found:?}"
        );
        assert!(holds("spartan sec. grp.", "defendantIn", case), "{found:?}");
        // Whoever brings a civil case sues whom it is against.
        assert!(
            holds(
                "securities and exchange commission",
                "sues",
                "spartan securities group, ltd."
            ),
            "{found:?}"
        );

        // A city's state is no party; "et al" and a party's title close no name early; a
        // citation after the name is none of it.
        let found = facts_with_aliases(
            "City of Seabrook, Texas v. United States Environmental Protection Agency, 659 F.2d 1349\n\nThe petitions are denied.\n",
        );
        let case = "city of seabrook, texas v. united states environmental protection agency";
        assert!(
            found
                .iter()
                .any(|(s, p, o)| s.contains(&"city of seabrook".to_owned())
                    && p == "plaintiffIn"
                    && o.contains(&case.to_owned())),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(s, p, _)| s.contains(&"texas".to_owned()) && p == "plaintiffIn"),
            "{found:?}"
        );
        for (line, case) in [
            (
                "Chao v. El Matador Inc et al, No. 2:2008cv02237 - Document 86 (C.D. Ill. 2011)",
                "chao v. el matador inc et al",
            ),
            (
                "Impro Products, Inc. v. John R. Block, Secretary of Agriculture of the United States, 722 F.2d 845 (D.C. Cir. 1983)",
                "impro products, inc. v. john r. block",
            ),
        ] {
            let found = facts_with_aliases(&format!("{line}\n\nThe court ruled.\n"));
            assert!(
                found
                    .iter()
                    .any(|(_, p, o)| p == "defendantIn" && o.contains(&case.to_owned())),
                "{line}: {found:?}"
            );
        }
        // A title that only mentions a case is not the case's name.
        let found = facts_with_aliases(
            "Public Comments and Response on Proposed Final Judgment United States v. Alcoa Inc.\n\nThe court ruled.\n",
        );
        assert!(
            !found
                .iter()
                .any(|(s, p, _)| p == "plaintiffIn" && s.iter().any(|n| n.contains("comments"))),
            "{found:?}"
        );
    }

    #[test]
    fn a_title_before_the_next_name_and_a_plural_circumstance_are_no_apposition() {
        let found = facts(
            "The announcement was made by Attorney General Jeff Sessions, Acting Assistant Attorney General for National Security Mary B. McCord, and U.S. Attorney Dana Boente. The court enjoined individuals Alberto Hoyo and Juan Carlos Billoch.",
        );
        assert!(
            !found.iter().any(|(s, p, o)| s == "Jeff Sessions"
                && p == "holdsPosition"
                && o.starts_with("Acting")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|(s, p, o)| s == "Mary B. McCord"
                && p == "holdsPosition"
                && o.starts_with("Acting")),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(s, p, _)| s == "Alberto Hoyo" && p == "holdsPosition"),
            "{found:?}"
        );
    }

    #[test]
    fn a_contract_announcements_contracting_activity_awards_its_contracts() {
        let found = facts(
            "Remotec Inc., Clinton, Tennessee, was awarded a $48,600,000 firm-fixed-price contract for the reset of robots. Bids were solicited via the internet with one received. Army Contracting Command, Detroit Arsenal, Michigan, is the contracting activity (W56HZV-20-F-0366).\nUS Foods, Los Angeles, California, has been awarded a maximum $478,020,000 fixed-price contract for food distribution. The contracting activity is Defense Logistics Agency Troop Support, Philadelphia, Pennsylvania (SPE300-20-D-3266).",
        );
        assert!(
            has(
                &found,
                "Army Contracting Command",
                "awardsContractTo",
                "Remotec Inc."
            ),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Defense Logistics Agency Troop Support",
                "awardsContractTo",
                "US Foods"
            ),
            "{found:?}"
        );
        // Each contract is its own paragraph's.
        assert!(
            !has(
                &found,
                "Defense Logistics Agency Troop Support",
                "awardsContractTo",
                "Remotec Inc."
            ),
            "{found:?}"
        );
    }

    #[test]
    fn an_opinions_caption_and_panel_name_its_parties_and_judges() {
        let metadata = ArticleMetadata {
            id: Some("t".into()),
            published: Some("1980-11-25".into()),
            ..Default::default()
        };
        let text = "United States of America, Appellant, v. John Von Barta, Defendant-appellee, 635 F.2d 999 (2d Cir. 1980)\n\nBefore KAUFMAN, KEARSE and BRIGHT, Circuit Judges.\nIRVING R. KAUFMAN, Circuit Judge:\nThe judgment is reversed.\n";
        let sheet = extractor().extract(text, &metadata);
        let name = |id: &str| {
            sheet
                .entities
                .iter()
                .find(|e| e.id == id)
                .map(|e| e.name.to_lowercase())
                .unwrap_or_default()
        };
        let found: Vec<(String, String, String)> = sheet
            .facts
            .iter()
            .filter_map(|f| match &f.object {
                FactObject::Id(id) => Some((name(&f.subject), f.predicate.clone(), name(id))),
                _ => None,
            })
            .collect();
        let case = "united states of america v. john von barta";
        assert!(
            has(&found, "united states", "plaintiffIn", case),
            "{found:?}"
        );
        // A prosecution is no suit.
        assert!(!found.iter().any(|(_, p, _)| p == "sues"), "{found:?}");
        assert!(
            has(&found, "john von barta", "defendantIn", case),
            "{found:?}"
        );
        for judge in ["irving r. kaufman", "kearse", "bright"] {
            assert!(
                has(&found, judge, "holdsPosition", "circuit judge"),
                "{judge}: {found:?}"
            );
            assert!(
                has(&found, judge, "presidesOver", case),
                "{judge}: {found:?}"
            );
        }
        // Named in capitals, written as a sentence would; "KAUFMAN" of the panel is the judge
        // the author line names in full.
        let kaufman = named(&sheet, "Irving R. Kaufman");
        assert!(
            kaufman.is_some_and(|e| e.aliases.iter().any(|a| a == "Kaufman")),
            "{:?}",
            sheet.entities
        );
        assert!(
            !sheet
                .entities
                .iter()
                .any(|e| e.name.eq_ignore_ascii_case("kaufman")),
            "{:?}",
            sheet.entities
        );
        // A list of capitalised words before a title is no panel without "Before".
        let found = facts("Acme, Globex and Initech, Circuit Judges, met on Monday.");
        assert!(
            !found.iter().any(|(_, p, _)| p == "holdsPosition"),
            "{found:?}"
        );
    }

    /// Sentences built from the frames themselves: "<company> <verb> <company>" for every
    /// transitive frame whose classes take companies, with company names made of letters no
    /// word list holds.
    mod built_from_frames {
        use super::*;
        use crate::extract::lexicon::Slot;
        use proptest::prelude::*;

        /// The past tense a frame's verb takes in the sentences built here.
        fn past(verb: &str) -> String {
            let words = &extractor().rules.words;
            let last = verb.chars().last().unwrap_or_default();
            let doubled = format!("{verb}{last}ed");
            let y = verb.strip_suffix('y').map(|stem| format!("{stem}ied"));
            [format!("{verb}d"), format!("{verb}ed"), doubled]
                .into_iter()
                .chain(y)
                .find(|form| words.verb_lemma(form) == Some(verb))
                .unwrap_or_else(|| format!("{verb}ed"))
        }

        fn company_frames() -> Vec<(String, String)> {
            let rules = &extractor().rules;
            let ontology = extractor().ontology;
            rules
                .frames
                .iter()
                .filter(|f| {
                    matches!(
                        f.pattern.as_slice(),
                        [Slot::Subject, Slot::Word(_), Slot::Object]
                    ) && ontology.fits("Company", &f.subject)
                        && ontology.fits("Company", &f.object)
                })
                .map(|f| (f.verb().to_owned(), f.predicate.clone()))
                .collect()
        }

        fn name() -> impl Strategy<Value = String> {
            "[BCDFGHJKLMNPQRSTVWXZ][aeiou][bcdfgklmnprstvz][aeiou][bcdfgklmnprstvz]"
                .prop_map(|stem| format!("{stem}x Corp."))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]
            #[test]
            fn each_fact_quotes_its_text_and_rests_on_a_frame_that_fits(
                frame in 0usize..1000,
                subject in name(),
                object in name(),
                filler in prop::sample::select(vec!["", "on Tuesday ", "also "]),
            ) {
                let frames = company_frames();
                prop_assume!(subject != object);
                let (verb, predicate) = &frames[frame % frames.len()];
                let text = format!("Title\n\n{subject} {filler}{} {object}.\n", past(verb));
                let sheet = extractor().extract(&text, &ArticleMetadata::default());
                let chars: Vec<char> = text.chars().collect();
                for fact in &sheet.facts {
                    let [start, end] = fact.span.expect("span");
                    let quoted: String = chars[start as usize..end as usize].iter().collect();
                    prop_assert_eq!(Some(quoted.as_str()), fact.evidence.as_deref());
                    let rule = fact.extractor.as_deref().unwrap_or_default();
                    // A verb frame's fact names a frame of its predicate whose verb is there.
                    if let Some(frame_rule) = rule.strip_prefix("factgraph-extract frame:") {
                        prop_assert!(frame_rule.starts_with(&format!("{}:", fact.predicate)), "{}", rule);
                    }
                }
                let named = |id: &str| sheet.entities.iter().find(|e| e.id == id).map(|e| e.name.clone());
                let found = sheet.facts.iter().any(|f| {
                    f.predicate == *predicate
                        && named(&f.subject).as_deref() == Some(subject.as_str())
                        && matches!(&f.object, FactObject::Id(id) if named(id).as_deref() == Some(object.as_str()))
                });
                prop_assert!(found, "{:?} ({}) gave {:?}", text, predicate, sheet.facts);
            }
        }
    }

    #[test]
    fn facilities_are_typed_by_their_head_and_a_public_bodys_facility_is_operated_by_it() {
        let found = facts(
            "NASA's Johnson Space Center in Houston will manage the work. The Mojave Solar \
             Project in San Bernardino County opened.",
        );
        assert!(
            has(&found, "Johnson Space Center", "locatedIn", "Houston"),
            "{found:?}"
        );
        assert!(
            has(&found, "Johnson Space Center", "operatedBy", "NASA"),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Mojave Solar Project",
                "locatedIn",
                "San Bernardino County"
            ),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(s, p, _)| s == "Johnson Space Center" && p == "partOf"),
            "{found:?}"
        );
    }

    #[test]
    fn titles_after_an_adverb_a_qualifying_name_or_new_are_held() {
        let found = facts(
            "Thomas Brown was named Chief Executive Officer of Acme Corp. in 2001. Bill \
             Goldstein will serve as the 11th LLNL director. Jane Roe is currently the director \
             of the National Park Service. Mary Major was sworn in as the new president of the \
             Federal Reserve Bank of Boston.",
        );
        assert!(
            has(
                &found,
                "Thomas Brown",
                "holdsPosition",
                "Chief Executive Officer of Acme Corp."
            ),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Bill Goldstein",
                "holdsPosition",
                "Director of LLNL"
            ),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Jane Roe",
                "holdsPosition",
                "Director of the National Park Service"
            ),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Mary Major",
                "holdsPosition",
                "President of Federal Reserve Bank of Boston"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn firms_in_counsel_lines_employ_the_lawyers_before_them() {
        let found = facts(
            "Daniel Mach, David J. Bradford, Jenner & Block, Washington, DC, for plaintiff. \
             Conrad M. Shumadine, Willcox Savage, Norfolk, Va., for James H. Harford.",
        );
        assert!(
            has(&found, "David J. Bradford", "employedBy", "Jenner & Block"),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Conrad M. Shumadine",
                "employedBy",
                "Willcox Savage"
            ),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(s, p, _)| s == "Willcox Savage" && p == "counselFor"),
            "{found:?}"
        );
    }

    #[test]
    fn a_cited_case_gives_its_sides_but_no_suit() {
        let found = facts(
            "Schwarz v. DOJ, No. 10-3065, 2011 U.S. App. The court agreed. See United States v. \
             Davis, 803 F.Supp. 830. Trudeau v. Federal Trade Commission was decided today.",
        );
        assert!(
            has(&found, "Schwarz", "plaintiffIn", "Schwarz v. DOJ"),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(s, p, _)| s == "Schwarz" && p == "sues"),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(s, _, _)| s.contains("See")),
            "{found:?}"
        );
        assert!(
            has(&found, "Trudeau", "sues", "Federal Trade Commission"),
            "{found:?}"
        );
    }

    #[test]
    fn an_honorific_opens_a_sentence_and_under_qualifies_only_a_secretary() {
        let found = facts(
            "He served at the Onizuka Air Force Base, Sunnyvale, Calif. Dr. Dale Compton, the \
             present director of Ames, plans to retire. \u{201c}Under President Obama's \
             leadership, we have done more,\u{201d} Ken Salazar said. Under Secretary of State \
             Wendy Sherman spoke.",
        );
        assert!(
            has(&found, "Dale Compton", "holdsPosition", "Director of Ames"),
            "{found:?}"
        );
        assert!(
            has(&found, "Obama", "holdsPosition", "President"),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Wendy Sherman",
                "holdsPosition",
                "Under Secretary of State"
            ),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(_, _, o)| o.starts_with("Calif.") || o.starts_with("Under P")),
            "{found:?}"
        );
    }

    #[test]
    fn a_filing_against_a_party_speaks_for_its_filer_past_an_opening_phrase() {
        let found = facts(
            "The FTC's administrative complaint against Impax Laboratories charges that in \
             2010, Impax Laboratories and Endo Pharmaceuticals Inc. agreed not to compete. The \
             SEC alleges Bonnie Jean Hoxie sold the data.",
        );
        assert!(
            has(&found, "FTC", "charges", "Endo Pharmaceuticals Inc."),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(s, p, _)| s == "Impax Laboratories" && p == "charges"),
            "{found:?}"
        );
        assert!(
            has(&found, "SEC", "accuses", "Bonnie Jean Hoxie"),
            "{found:?}"
        );
    }

    #[test]
    fn an_investigations_agencies_past_agents_possessives_and_acronyms() {
        let found = facts(
            "Osvaldo Gonzalez, 34, was sentenced to 10 years in prison. This case was \
             investigated by U.S. Immigration and Customs Enforcement\u{2019}s (ICE) Homeland \
             Security Investigations (HSI). The plea is the result of an investigation by \
             special agents of the Internal Revenue Service.",
        );
        assert!(
            has(
                &found,
                "Homeland Security Investigations",
                "investigates",
                "Osvaldo Gonzalez"
            ),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Internal Revenue Service",
                "investigates",
                "Osvaldo Gonzalez"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_name_with_a_lower_case_particle_is_whole_and_named_as_gives_the_title() {
        let found = facts(
            "The Department of State has designated Muhammad al-Ghazali and Wanas al-Faqih as \
             Specially Designated Global Terrorists. Douglas G. Mayne was named as the chief \
             executive of Acme Corp. in 2009.",
        );
        assert!(
            has(
                &found,
                "Department of State",
                "sanctions",
                "Muhammad al-Ghazali"
            ),
            "{found:?}"
        );
        assert!(
            has(&found, "Department of State", "sanctions", "Wanas al-Faqih"),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Douglas G. Mayne",
                "holdsPosition",
                "Chief Executive of Acme Corp."
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_title_set_off_before_a_name_and_one_before_an_honorific_are_held() {
        let found = facts(
            "The Minister for Foreign Affairs of Japan, Taro Kono, met in Manila. The chair of \
             the electoral commission, Jean Mensa, hailed the vote. NIH director Dr. Francis \
             Collins spoke. Richard Lee, a portfolio manager at Acme Corp., was charged.",
        );
        for (person, position) in [
            ("Taro Kono", "Minister for Foreign Affairs of Japan"),
            ("Jean Mensa", "chair of the electoral commission"),
            ("Francis Collins", "NIH director"),
            ("Richard Lee", "Portfolio Manager of Acme Corp."),
        ] {
            assert!(
                has(&found, person, "holdsPosition", position),
                "{person}: {found:?}"
            );
        }
        assert!(has(&found, "Francis Collins", "leads", "NIH"), "{found:?}");
        // A list of offices and people is no apposition.
        let found = facts("He thanked the director of the FBI, John Smith and Mary Jones.");
        assert!(!found.iter().any(|f| f.1 == "holdsPosition"), "{found:?}");
    }

    #[test]
    fn a_description_or_a_city_after_a_company_says_where_it_is_based() {
        let found = facts(
            "Meng stole software from Quantum Systems, a company based in San Jose, California. \
             NASA awarded a contract to Leidos Innovations Corporation in Houston. The award \
             went to CTI and Associates, Inc., based in Knoxville, Tennessee. Jonathan S. \
             Bowman, Cohen and Wolf, P.C., Bridgeport, Conn., for appellees. Jing Wang, 52, \
             of San Diego, California, pleaded guilty.",
        );
        for (company, city) in [
            ("Quantum Systems", "San Jose"),
            ("Leidos Innovations Corporation", "Houston"),
            ("CTI and Associates, Inc.", "Knoxville"),
            ("Cohen and Wolf, P.C.", "Bridgeport"),
            ("Jing Wang", "San Diego"),
        ] {
            assert!(
                has(&found, company, "basedIn", city),
                "{company}: {found:?}"
            );
        }
        // Without the comma before the suffix, "and" still lists two companies.
        let found = facts("The contract went to Globex and Acme Corp. in Houston.");
        assert!(has(&found, "Acme Corp.", "basedIn", "Houston"), "{found:?}");
    }

    #[test]
    fn breaches_stay_in_their_clause_and_code_sections_keep_their_abbreviations() {
        let found = facts(
            "The SEC's complaint alleges that the defendants violated Section 10(b) of the \
             Securities Exchange Act of 1934.",
        );
        assert!(!found.iter().any(|f| f.1 == "violates"), "{found:?}");
        let found = facts(
            "John Smith was convicted of conspiracy in violation of 18 U.S.C. Sec. 371. Media \
             can contact Jorge Endara, general manager, at 555-0100. The plaintiffs sued \
             United States Forest Service, an agency of the United States Department of \
             Agriculture.",
        );
        assert!(
            has(&found, "John Smith", "violates", "18 U.S.C. Sec. 371"),
            "{found:?}"
        );
        assert!(
            !has(&found, "Jorge Endara", "holdsPosition", "contact"),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "United States Forest Service",
                "partOf",
                "United States Department of Agriculture"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_suit_alleging_and_a_filing_cited_carry_accusations() {
        let found = facts(
            "The Justice Department filed a lawsuit against Duke Energy, charging that its \
             plants released pollutants. According to the Justice Department's complaint, Four \
             Oaks Bank allowed merchants to defraud consumers. FBI New York SAC April Brooks \
             spoke.",
        );
        for accused in ["Duke Energy", "Four Oaks Bank"] {
            assert!(
                has(&found, "Justice Department", "accuses", accused),
                "{accused}: {found:?}"
            );
        }
        assert!(
            has(&found, "April Brooks", "employedBy", "FBI New York"),
            "{found:?}"
        );
        // A suit alone accuses nobody of anything in particular.
        let found = facts("The Justice Department sued Duke Energy on Monday.");
        assert!(!found.iter().any(|f| f.1 == "accuses"), "{found:?}");
    }

    #[test]
    fn a_filing_named_by_its_filer_or_set_off_by_where_it_was_filed_speaks_for_the_filer() {
        let found = facts(
            "The FTC complaint charges Acme Widgets, LLC with deceptive advertising. The SEC's \
             complaint, filed on December 11, 2008, in federal court in Manhattan, alleges that \
             Bernard L. Madoff ran a fraud.",
        );
        assert!(
            has(&found, "FTC", "charges", "Acme Widgets, LLC"),
            "{found:?}"
        );
        assert!(
            has(&found, "SEC", "accuses", "Bernard L. Madoff"),
            "{found:?}"
        );
        // A name before a filing that no article opens is the filing's own ("Smith complaint").
        let found = facts("Agency complaint charges Acme Widgets, LLC with deceptive advertising.");
        assert!(!found.iter().any(|f| f.1 == "charges"), "{found:?}");
    }

    #[test]
    fn investigators_investigated_whoever_their_finding_is_about() {
        let found = facts(
            "An SEC investigation found that ITG Inc. operated a secret trading desk. \
             Investigators with the department's Wage and Hour Division found WDR Technology \
             Corp. paid workers too little. An investigation by the Agricultural Marketing \
             Service in June 2018 revealed Empacadora Inc. and Carne Corp. underpaid sellers.",
        );
        for (agency, party) in [
            ("SEC", "ITG Inc."),
            ("Wage and Hour Division", "WDR Technology Corp."),
            ("Agricultural Marketing Service", "Empacadora Inc."),
            ("Agricultural Marketing Service", "Carne Corp."),
        ] {
            assert!(
                has(&found, agency, "investigates", party),
                "{agency} {party}: {found:?}"
            );
        }
        // A finding about a place is about no party; one that comes long after is not theirs.
        let found = facts(
            "An SEC investigation found that Texas lost money. An FBI investigation of the \
             fraud in three states over two years later found Acme Inc. blameless.",
        );
        assert!(!found.iter().any(|f| f.1 == "investigates"), "{found:?}");
    }

    #[test]
    fn a_panel_run_on_from_the_lines_before_it_is_read_from_before() {
        let found = facts(
            "Argued September 20, 2006 ____________ Before COFFEY, KANNE, and WILLIAMS, Circuit \
             Judges.",
        );
        for judge in ["Coffey", "Kanne", "Williams"] {
            assert!(
                has(&found, judge, "holdsPosition", "Circuit Judge"),
                "{judge}: {found:?}"
            );
        }
        // "Before" inside a clause opens no panel.
        let found = facts("He met the Smiths just before Johnson, Circuit Judge, ruled.");
        assert!(
            !has(&found, "Smiths", "holdsPosition", "Circuit Judge"),
            "{found:?}"
        );
    }

    #[test]
    fn an_authority_cue_before_or_after_the_subject_is_the_subjects_and_a_citation_no_law() {
        let found = facts(
            "Pursuant to the Antitrust Procedures and Penalties Act, 15 U.S.C. § 16(b)-(h), the \
             United States of America hereby publishes the comments. Plaintiff Acme Corp., \
             pursuant to Section 2 of the Clayton Act, files this statement.",
        );
        assert!(
            has(
                &found,
                "United States",
                "invokes",
                "Antitrust Procedures and Penalties Act"
            ),
            "{found:?}"
        );
        assert!(
            !has(&found, "United States", "invokes", "15 U.S.C. § 16(b)-(h)"),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Acme Corp.",
                "invokes",
                "Section 2 of the Clayton Act"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_deals_target_may_be_described_or_owned_by_the_name_after_of() {
        let found = facts(
            "The FTC challenged Valvoline's acquisition of approximately 200 Oil Changers \
             outlets from Greenbriar. The complaint alleged that the proposed acquisition by \
             Alcoa Inc. of ACX Technologies, Inc.'s interest in Golden Aluminum Company would \
             violate the law.",
        );
        assert!(
            has(&found, "Valvoline", "acquires", "Oil Changers"),
            "{found:?}"
        );
        assert!(
            has(&found, "Alcoa Inc.", "acquires", "Golden Aluminum Company"),
            "{found:?}"
        );
        assert!(
            !has(&found, "Alcoa Inc.", "acquires", "ACX Technologies, Inc."),
            "{found:?}"
        );
    }

    #[test]
    fn a_caption_lists_every_defendant_but_not_what_one_is_described_as() {
        let found = facts(
            "The American Original Corporation, Plaintiff-Appellant, v. Sea Watch International \
             Ltd., a Maryland Corporation, and H. Allen Smith, Defendants-Appellees.",
        );
        let case = "American Original Corporation v. Sea Watch International Ltd.";
        for party in ["Sea Watch International Ltd.", "H. Allen Smith"] {
            assert!(has(&found, party, "defendantIn", case), "{found:?}");
            assert!(
                has(&found, "American Original Corporation", "sues", party),
                "{found:?}"
            );
        }
        assert!(
            !found
                .iter()
                .any(|(s, _, o)| s == "Maryland Corporation" || o == "Maryland Corporation"),
            "{found:?}"
        );
    }

    #[test]
    fn a_capital_the_before_a_legal_name_is_kept_as_a_name_of_it() {
        let metadata = ArticleMetadata::default();
        let sheet = extractor().extract(
            "Title\n\nThe FTC sued The Kroger Company on Monday. The Board met.\n",
            &metadata,
        );
        let kroger = named(&sheet, "Kroger Company").expect("Kroger Company");
        assert!(kroger.aliases.contains(&"The Kroger Company".to_owned()));
        assert!(
            sheet
                .entities
                .iter()
                .all(|e| !e.aliases.iter().any(|a| a == "The Board"))
        );
    }

    #[test]
    fn a_person_is_elected_to_an_office_named_after_the_verb() {
        let found = facts(
            "Political newcomer Yayi Boni has won a second round run-off election to become \
             Benin's next president. Voters re-elected Nana Akufo-Addo as president of Ghana. \
             Inouye was elected the first representative from the state.",
        );
        assert!(
            has(&found, "Yayi Boni", "electedTo", "President of Benin"),
            "{found:?}"
        );
        assert!(
            has(&found, "President of Benin", "positionIn", "Benin"),
            "{found:?}"
        );
        assert!(
            has(&found, "Nana Akufo-Addo", "electedTo", "President of Ghana"),
            "{found:?}"
        );
        assert!(
            has(&found, "Inouye", "electedTo", "Representative"),
            "{found:?}"
        );
    }

    #[test]
    fn where_someone_is_based_and_an_office_opening_the_sentence() {
        let found = facts(
            "Cotonou-based political analyst Gerard Guedegbe spoke. A former head of the West \
             African Development Bank, Thomas Boni was a clear favorite.",
        );
        assert!(
            has(&found, "Gerard Guedegbe", "basedIn", "Cotonou"),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(s, _, o)| s.ends_with("-based") || o.ends_with("-based")),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Thomas Boni",
                "leads",
                "West African Development Bank"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn i_is_the_author_of_a_statement_or_the_speaker_quoted() {
        let metadata = ArticleMetadata::default();
        let sheet = extractor().extract(
            "STATEMENT BY SECRETARY POMPEO ON THE EXPANSION OF IRAN SANCTIONS\n\n\
             Today I welcome the Financial Action Task Force decision. \
             \u{201c}I applaud the FBI for its work,\u{201d} said U.S. Attorney Michael Hurst.\n",
            &metadata,
        );
        let found = named_facts(&sheet);
        assert!(
            has(&found, "Pompeo", "holdsPosition", "Secretary"),
            "{found:?}"
        );
        assert!(
            has(&found, "Pompeo", "supports", "Financial Action Task Force"),
            "{found:?}"
        );
        assert!(has(&found, "Michael Hurst", "supports", "FBI"), "{found:?}");
        assert!(!has(&found, "Pompeo", "supports", "FBI"), "{found:?}");
        // "Title I" is a numeral, no one speaking; "Today I" is the author.
        let sheet = extractor().extract(
            "STATEMENT BY SECRETARY POMPEO ON IRAN\n\n\
             Title I supports the Financial Action Task Force. Today I welcome its decision.\n",
            &metadata,
        );
        let found = named_facts(&sheet);
        assert!(
            !has(&found, "Pompeo", "supports", "Financial Action Task Force"),
            "{found:?}"
        );
    }

    #[test]
    fn a_caption_in_capitals_names_the_country_and_a_docket_number_no_party() {
        let found = facts(
            "UNITED STATES OF AMERICA, Plaintiff-Appellee, v. No. 97-4594 JAMES W. PEYTON, \
             Defendant-Appellant. UNITED STATES of America, Plaintiff, v. ACME WIDGET \
             CORPORATION, Defendant.",
        );
        assert!(
            has(
                &found,
                "United States",
                "plaintiffIn",
                "UNITED STATES OF AMERICA v. JAMES W. PEYTON"
            ),
            "{found:?}"
        );
        assert!(
            has(&found, "United States", "sues", "ACME WIDGET CORPORATION"),
            "{found:?}"
        );
        // A state's case against a person is a prosecution.
        assert!(
            !has(&found, "United States", "sues", "JAMES W. PEYTON"),
            "{found:?}"
        );
        assert!(!found.iter().any(|(_, _, o)| o == "No."), "{found:?}");
    }

    #[test]
    fn a_states_case_in_a_text_about_a_crime_is_no_suit() {
        let found = facts(
            "UNITED STATES of America, Plaintiff, v. ACME WIDGET CORPORATION, Defendant. The \
             court sentenced the company to pay a fine.",
        );
        assert!(
            has(
                &found,
                "ACME WIDGET CORPORATION",
                "defendantIn",
                "UNITED STATES of America v. ACME WIDGET CORPORATION"
            ),
            "{found:?}"
        );
        assert!(
            !has(&found, "United States", "sues", "ACME WIDGET CORPORATION"),
            "{found:?}"
        );
    }

    #[test]
    fn what_a_person_does_in_lower_case_is_no_office_but_an_office_head_is() {
        let found = facts(
            "Australian media mogul Rupert Murdoch spoke. Agency director Jane Roe spoke. \
             U.S. District Court Judge Amit Mehta ruled.",
        );
        assert!(
            !found
                .iter()
                .any(|(s, p, _)| s == "Rupert Murdoch" && p == "holdsPosition"),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(s, p, _)| s == "Jane Roe" && p == "holdsPosition"),
            "{found:?}"
        );
        // A district's judge holds no office of the country.
        assert!(
            !found
                .iter()
                .any(|(_, p, o)| p == "positionIn" && o == "United States"),
            "{found:?}"
        );
    }

    #[test]
    fn an_unnamed_instrument_nothing_more_is_said_of_is_left_out() {
        let found = facts("On July 26, 2007, FERC issued an order to show cause.");
        assert!(!found.iter().any(|(_, p, _)| p == "issues"), "{found:?}");
        let found = facts(
            "On July 26, 2007, FERC issued an order to show cause. The order targets Acme Corp.",
        );
        assert!(
            found.iter().any(|(s, p, _)| s == "FERC" && p == "issues"),
            "{found:?}"
        );
    }

    #[test]
    fn a_person_and_the_town_they_live_in_are_two_names() {
        let found = facts("The SEC charged David Post of Livingston, New Jersey, with fraud.");
        assert!(
            has(&found, "David Post", "basedIn", "Livingston"),
            "{found:?}"
        );
    }

    #[test]
    fn a_caption_in_capitals_parts_the_court_from_its_parties() {
        let found = facts(
            "UNITED STATES DISTRICT COURT FOR THE DISTRICT OF COLUMBIA SHARIF MOBLEY, Plaintiff, v. Civil Action No. 11-1437 (BAH) Judge Beryl A. Howell DEPARTMENT OF JUSTICE, Defendant.",
        );
        assert!(
            found
                .iter()
                .any(|(s, p, _)| s == "SHARIF MOBLEY" && p == "plaintiffIn"),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(s, p, _)| s == "DEPARTMENT OF JUSTICE" && p == "defendantIn"),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(s, _, o)| s.contains("COLUMBIA SHARIF") || o.contains("Howell DEPARTMENT")),
            "{found:?}"
        );
        // In a title line a legal suffix holds a company's common words together; an acronym
        // and a common word are a body and what it does.
        let found = facts("United States v. Titan Wheel International, Inc., (5/7/96)");
        assert!(
            found
                .iter()
                .any(|(s, p, _)| s == "Titan Wheel International, Inc." && p == "defendantIn"),
            "{found:?}"
        );
        let metadata = ArticleMetadata {
            id: Some("t".into()),
            published: Some("2022-10-11".into()),
            ..Default::default()
        };
        let found = named_facts(&extractor().extract(
            "EPA Fines Asphalt Sales Company in Olathe, Kansas, for Alleged Clean Water Act Violations\n\nThe Asphalt Sales Company in Olathe, Kansas, will pay $82,798 in civil penalties.\n",
            &metadata,
        ));
        assert!(
            has(&found, "Asphalt Sales Company", "basedIn", "Olathe"),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(s, _, _)| s.starts_with("EPA Fines")),
            "{found:?}"
        );
        // A generational suffix makes a name in capitals a person's.
        let found = facts("The SEC charged ALFRED S. TEO, SR. and others.");
        assert!(!found.iter().any(|(_, _, o)| o == "SR."), "{found:?}");
    }

    #[test]
    fn criticism_of_an_act_is_aimed_at_its_owner() {
        let found = facts(
            "The United States condemns the Iranian government's continued violent suppression of protests.",
        );
        assert!(
            has(&found, "United States", "criticizes", "Iranian government"),
            "{found:?}"
        );
        // Only frames that read the owner: a ban on a company's app bans the app.
        let found = facts("The order bans Ant Group's Alipay.");
        assert!(
            !found
                .iter()
                .any(|(_, p, o)| p == "bans" && o == "Ant Group"),
            "{found:?}"
        );
    }

    #[test]
    fn deals_proposed_settled_and_described() {
        // The maker of an offer does what it offers to do; a common word and a business noun
        // describe the business named after them.
        let found = facts(
            "Microsoft made a public offer to buy the Internet company Yahoo. AT&T merged with the telecommunications company BellSouth.",
        );
        assert!(has(&found, "Microsoft", "acquires", "Yahoo"), "{found:?}");
        assert!(has(&found, "AT&T", "mergesWith", "BellSouth"), "{found:?}");
        assert!(!found.iter().any(|(_, _, o)| o == "Internet"), "{found:?}");
        // A one-word name with "'s" before a company's suffix is the company's own name.
        let found = facts(
            "The suit seeks to enjoin the acquisition of Shopping Bag Food Stores by Von's Grocery Company. It concerns the merger of Albertson's, Inc. and American Stores Company.",
        );
        assert!(
            has(
                &found,
                "Von's Grocery Company",
                "acquires",
                "Shopping Bag Food Stores"
            ),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Albertson's, Inc.",
                "mergesWith",
                "American Stores Company"
            ),
            "{found:?}"
        );
        let found = facts("Yahoo rejected an offer to buy Widget Inc.");
        assert!(!found.iter().any(|(_, p, _)| p == "acquires"), "{found:?}");
        // A function word between ends what describes a business.
        let found = facts(
            "Republicans have welcomed the selection while opposition Democrats are vowing to ask questions.",
        );
        assert!(found.is_empty(), "{found:?}");
        let found = facts(
            "Alaska, California and the District of Columbia have entered into agreements with Exxon and Mobil settling the states' claims.",
        );
        assert!(has(&found, "Alaska", "settlesWith", "Mobil"), "{found:?}");
        assert!(
            has(&found, "District of Columbia", "settlesWith", "Exxon"),
            "{found:?}"
        );
    }

    #[test]
    fn titled_people_joined_by_and_are_two() {
        let found = facts(
            "She met with Louisiana Gov. John Bel Edwards and Lake Charles Mayor Nic Hunter. DEA Assistant Special Agent in Charge Brad L. Byerley and United States Attorney Brandon J. Fremin announced it. U.S. Attorney for the Northern District of Texas Chad Meacham spoke.",
        );
        assert!(
            has(&found, "Nic Hunter", "holdsPosition", "Lake Charles Mayor"),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Brandon J. Fremin",
                "holdsPosition",
                "United States Attorney"
            ),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Brad L. Byerley",
                "holdsPosition",
                "DEA Assistant Special Agent in Charge"
            ),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|(s, p, _)| s == "Chad Meacham" && p == "holdsPosition"),
            "{found:?}"
        );
        // A plural title is each listed person's until one with a title of their own.
        let found = facts(
            "U.S. Senators Roger Wicker and Thad Cochran, and U.S. Representative Steven Palazzo praised the award.",
        );
        assert!(
            !found
                .iter()
                .any(|(s, _, o)| s == "Steven Palazzo" && o.contains("Senator")),
            "{found:?}"
        );
    }

    #[test]
    fn a_military_rank_is_no_office() {
        let found = facts(
            "Marine Lt. Gen. Terry G. Robling spoke. Chief of Naval Operations Adm. John Richardson said so. President Barack Obama nominated Air Force Gen. Paul J. Selva. Attorney General Eric Holder agreed.",
        );
        assert!(
            !found.iter().any(|(s, p, _)| p == "holdsPosition"
                && (s == "Terry G. Robling" || s == "Paul J. Selva")),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "John Richardson",
                "holdsPosition",
                "Chief of Naval Operations"
            ),
            "{found:?}"
        );
        assert!(
            has(&found, "Eric Holder", "holdsPosition", "Attorney General"),
            "{found:?}"
        );
        // The rank still sets the name off from the verb before it.
        assert!(
            has(&found, "Barack Obama", "appoints", "Paul J. Selva"),
            "{found:?}"
        );
    }

    #[test]
    fn firms_parents_and_nationalities_described_around_a_name() {
        // "and Company" ends a firm's name, which is then also called without it.
        let found = facts(
            "Australian media mogul Rupert Murdoch agreed to purchase Dow Jones and Company, the parent company of The Wall Street Journal. Dow Jones agreed.",
        );
        assert!(
            has(
                &found,
                "Rupert Murdoch",
                "acquires",
                "Dow Jones and Company"
            ),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Wall Street Journal",
                "subsidiaryOf",
                "Dow Jones and Company"
            ),
            "{found:?}"
        );
        assert!(
            has(&found, "Rupert Murdoch", "nationality", "Australia"),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(s, _, o)| s == "Dow Jones" || o == "Dow Jones"),
            "{found:?}"
        );
    }

    #[test]
    fn brands_belong_to_the_company_that_sells_them_or_names_them() {
        let found = facts(
            "The Hillshire Brands Company makes sausage sold under the Jimmy Dean and Hillshire \
             Farm brands. The decree requires Kimberly-Clark Corporation to divest the Scott \
             Paper Company baby wipes brands, Baby Fresh and Wash A Bye Baby.",
        );
        for brand in ["Jimmy Dean", "Hillshire Farm"] {
            assert!(
                has(&found, brand, "ownedBy", "Hillshire Brands Company"),
                "{found:?}"
            );
        }
        for brand in ["Baby Fresh", "Wash A Bye Baby"] {
            assert!(
                has(&found, brand, "ownedBy", "Scott Paper Company"),
                "{found:?}"
            );
            assert!(
                !has(&found, brand, "ownedBy", "Kimberly-Clark Corporation"),
                "{found:?}"
            );
        }
    }

    #[test]
    fn a_commissioner_sits_on_the_commission_the_article_named_last() {
        let found = facts(
            "The Federal Trade Commission approved the order. Commissioners Noah Joshua \
             Phillips and Christine S. Wilson voted no.",
        );
        for commissioner in ["Noah Joshua Phillips", "Christine S. Wilson"] {
            assert!(
                has(&found, commissioner, "memberOf", "Federal Trade Commission"),
                "{found:?}"
            );
        }
    }

    #[test]
    fn an_office_in_an_assembly_makes_its_holder_a_member_not_an_employee() {
        let found = facts(
            "U.S. Senate Majority Whip Dick Durbin announced the grant on Monday. Patrick \
             Leahy is the President Pro Tempore of the United States Senate. Muhammad al-Ghazali \
             is a senior member of AQAP who is involved in training of the group's operatives.",
        );
        assert!(
            has(&found, "Dick Durbin", "memberOf", "U.S. Senate"),
            "{found:?}"
        );
        assert!(
            !has(&found, "Dick Durbin", "employedBy", "U.S. Senate"),
            "{found:?}"
        );
        assert!(
            has(&found, "Patrick Leahy", "memberOf", "United States Senate"),
            "{found:?}"
        );
        assert!(
            has(&found, "Muhammad al-Ghazali", "memberOf", "AQAP"),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(s, p, _)| s == "Muhammad al-Ghazali" && p == "holdsPosition"),
            "{found:?}"
        );
    }

    #[test]
    fn a_caption_in_capitals_names_a_person_the_surname_finds_later() {
        let metadata = ArticleMetadata {
            id: Some("t".into()),
            ..Default::default()
        };
        let sheet = extractor().extract(
            "Title\n\nJOHN SMITH, Plaintiff, v. ACME WIDGET CORPORATION, Defendant.\n\nSmith \
             alleged that the company fired him, and the court agreed with Smith on Monday. The \
             firm has an office in HONG KONG and another in Chicago.\n",
            &metadata,
        );
        let smith: Vec<_> = sheet
            .entities
            .iter()
            .filter(|e| e.name.eq_ignore_ascii_case("john smith") || e.name == "Smith")
            .collect();
        assert_eq!(smith.len(), 1, "{:?}", sheet.entities);
        assert_eq!(smith[0].class, "Person");
        assert!(smith[0].aliases.iter().any(|a| a == "Smith"));
        assert!(
            !sheet
                .entities
                .iter()
                .any(|e| e.name == "HONG KONG" && e.class == "Person"),
            "{:?}",
            sheet.entities
        );
    }

    #[test]
    fn a_panel_title_written_in_the_plural_stays_a_name_of_the_office() {
        let metadata = ArticleMetadata {
            id: Some("t".into()),
            ..Default::default()
        };
        let sheet = extractor().extract(
            "Title\n\nHunt v. Nebraska Public Power District, 282 F.3d 1021 (8th Cir. 2002)\n\n\
             Before McMILLIAN, BEAM and MURPHY, Circuit Judges.\n",
            &metadata,
        );
        let judge = named(&sheet, "Circuit Judge").expect("the office");
        assert!(
            judge.aliases.iter().any(|a| a == "Circuit Judges"),
            "{judge:?}"
        );
    }

    #[test]
    fn those_listed_both_of_a_city_are_each_based_there() {
        let found = facts(
            "Significant subcontractors include Cimarron Software Services Inc. and United \
             Space Alliance, both of Houston, the agency said. Jeffrey Smith, 45, and Mary \
             Jones, 38, both of Dallas, were sentenced on Monday to five years in prison.",
        );
        for (holder, city) in [
            ("Cimarron Software Services Inc.", "Houston"),
            ("United Space Alliance", "Houston"),
            ("Jeffrey Smith", "Dallas"),
            ("Mary Jones", "Dallas"),
        ] {
            assert!(has(&found, holder, "basedIn", city), "{found:?}");
        }
    }

    #[test]
    fn a_creed_before_a_movements_head_names_a_party_its_people_belong_to() {
        let found = facts(
            "The chairman said that John Dramani Mahama of the National Democratic Congress had \
             won the vote.",
        );
        assert!(
            has(
                &found,
                "John Dramani Mahama",
                "memberOf",
                "National Democratic Congress"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_court_that_strikes_down_a_law_blocks_it_and_a_decision_is_its_makers_act() {
        let found = facts(
            "I applaud the Supreme Court's decision to strike down the Defense of Marriage Act, \
             which denied federal benefits to married couples. President Donald Trump revoked \
             Executive Order 13873 on Monday.",
        );
        assert!(
            has(&found, "Supreme Court", "blocks", "Defense of Marriage Act"),
            "{found:?}"
        );
        assert!(
            !has(
                &found,
                "Supreme Court",
                "revokes",
                "Defense of Marriage Act"
            ),
            "{found:?}"
        );
        assert!(
            has(&found, "Donald Trump", "revokes", "Executive Order 13873"),
            "{found:?}"
        );
    }

    #[test]
    fn a_laws_name_holds_of_and_a_captions_role_word_ends_what_came_before() {
        let metadata = ArticleMetadata {
            id: Some("t".into()),
            ..Default::default()
        };
        let sheet = extractor().extract(
            "Title\n\nMEMORANDUM OPINION Plaintiff US Inventor, Inc. sued under the Freedom of \
             Information Act and the Defense of Marriage Act.\n",
            &metadata,
        );
        let class = |name: &str| named(&sheet, name).map(|e| e.class.clone());
        assert_eq!(
            class("Freedom of Information Act").as_deref(),
            Some("LegalInstrument"),
            "{:?}",
            sheet.entities
        );
        assert_eq!(
            class("Defense of Marriage Act").as_deref(),
            Some("LegalInstrument")
        );
        assert!(
            sheet.entities.iter().all(|e| !e.name.contains("Plaintiff")),
            "{:?}",
            sheet.entities
        );
    }

    #[test]
    fn a_deal_noun_reads_past_dates_brackets_and_its() {
        let found = facts(
            "The complaint alleges that the proposed acquisition of EZ Communications, Inc. \
             (\"EZ\") by American Radio Systems Corporation would lessen competition. The \
             agency challenged Ovation Pharmaceuticals, Inc.'s January 2006 acquisition of \
             NeoProfen, a drug. The complaint alleges that Facebook, Inc. has engaged in a \
             strategy including its 2012 acquisition of rival Instagram, its 2014 acquisition \
             of WhatsApp and more.",
        );
        for (buyer, target) in [
            (
                "American Radio Systems Corporation",
                "EZ Communications, Inc.",
            ),
            ("Ovation Pharmaceuticals, Inc.", "NeoProfen"),
            ("Facebook, Inc.", "Instagram"),
            ("Facebook, Inc.", "WhatsApp"),
        ] {
            assert!(has(&found, buyer, "acquires", target), "{found:?}");
        }
        assert!(
            !has(&found, "Instagram", "acquires", "WhatsApp"),
            "{found:?}"
        );
    }

    #[test]
    fn a_plural_title_after_a_list_is_each_listed_persons_office() {
        let found = facts(
            "The brief was filed by Nancy L. Savitt, Beth A. Kaswan and Gabriel W. Gorenstein, \
             Asst. U.S. Attys. for the S.D. of N.Y., New York City, for appellee. Joseph E. \
             diGenova, U.S. Atty., Washington, D.C., also entered an appearance for appellees.",
        );
        for person in ["Nancy L. Savitt", "Beth A. Kaswan", "Gabriel W. Gorenstein"] {
            assert!(
                found.iter().any(|(s, p, o)| s == person
                    && p == "holdsPosition"
                    && o.starts_with("Asst. U.S. Atty.")),
                "{person}: {found:?}"
            );
        }
        assert!(
            !found.iter().any(|(_, _, o)| o.contains("Attys.")),
            "{found:?}"
        );
        assert!(
            has(&found, "Joseph E. diGenova", "holdsPosition", "U.S. Atty."),
            "{found:?}"
        );
    }

    #[test]
    fn a_firm_named_before_by_employs_the_lawyers_after_it() {
        let found = facts(
            "O'Melveny & Myers, by William W. Alsup, William W. Vaughn, Los Angeles, Cal., \
             Johnson, Bates & Sheffield, by James E. Bates, Los Angeles, Cal., for defendants.",
        );
        for lawyer in ["William W. Alsup", "William W. Vaughn"] {
            assert!(
                has(&found, lawyer, "employedBy", "O'Melveny & Myers"),
                "{lawyer}: {found:?}"
            );
        }
        // A partner may share a town's name (Sheffield).
        assert!(
            has(
                &found,
                "James E. Bates",
                "employedBy",
                "Johnson, Bates & Sheffield"
            ),
            "{found:?}"
        );
        assert_eq!(
            found.iter().filter(|(_, p, _)| p == "employedBy").count(),
            3,
            "{found:?}"
        );
    }

    #[test]
    fn a_breach_denied_is_no_violation() {
        let found = facts(
            "The jury found Acme Corp. liable for violations of the Securities Exchange Act. The \
             jury found Beta Trust not liable for violations of the Securities Exchange Act.",
        );
        assert!(
            has(&found, "Acme Corp.", "violates", "Securities Exchange Act"),
            "{found:?}"
        );
        assert!(
            !has(&found, "Beta Trust", "violates", "Securities Exchange Act"),
            "{found:?}"
        );
    }

    #[test]
    fn who_says_or_charges_a_violation_is_not_the_violator() {
        let found = facts(
            "The Justice Department said the merger violated the Clayton Act. The SEC charged \
             him with violating the Exchange Act. The court found that Acme Corp. violated the \
             Sherman Act.",
        );
        assert!(
            !found
                .iter()
                .any(|(s, p, _)| p == "violates" && (s == "Justice Department" || s == "SEC")),
            "{found:?}"
        );
        assert!(
            has(&found, "Acme Corp.", "violates", "Sherman Act"),
            "{found:?}"
        );
    }

    #[test]
    fn spaced_initials_of_a_country_open_a_title_not_a_persons_name() {
        let found = facts(
            "John L. Briggs, U. S. Atty., Rudy Hernandez, Asst. U. S. Atty., Jacksonville, \
             Fla., for plaintiff-appellee.",
        );
        assert!(
            has(&found, "John L. Briggs", "holdsPosition", "U. S. Atty."),
            "{found:?}"
        );
        assert!(
            has(
                &found,
                "Rudy Hernandez",
                "holdsPosition",
                "Asst. U. S. Atty."
            ),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(s, _, _)| s == "U. S. Atty."),
            "{found:?}"
        );
    }

    #[test]
    fn a_person_with_a_title_of_their_own_keeps_it_in_a_list_before_a_plural_title() {
        let found = facts(
            "Michael J. Ryan, Asst. U.S. Atty., with whom Stanley S. Harris, U.S. Atty., Royce \
             C. Lamberth and R. Craig Lawrence, Asst. U.S. Attys., were on brief, for appellee.",
        );
        assert!(
            has(&found, "Stanley S. Harris", "holdsPosition", "U.S. Atty."),
            "{found:?}"
        );
        assert!(
            !has(
                &found,
                "Stanley S. Harris",
                "holdsPosition",
                "Asst. U.S. Atty."
            ),
            "{found:?}"
        );
        for person in ["Royce C. Lamberth", "R. Craig Lawrence"] {
            assert!(
                has(&found, person, "holdsPosition", "Asst. U.S. Atty."),
                "{person}: {found:?}"
            );
        }
    }

    #[test]
    fn initials_with_a_space_name_the_united_states() {
        let found = facts(
            "U. S. Secretary of Education Arne Duncan today announced that $10 million is now \
             available for Pennsylvania.",
        );
        assert!(
            found
                .iter()
                .any(|(s, p, o)| s.starts_with("Secretary of Education")
                    && p == "positionIn"
                    && o == "United States"),
            "{found:?}"
        );
        assert!(!found.iter().any(|(_, _, o)| o == "U. S."), "{found:?}");
    }

    #[test]
    fn a_bodys_head_noun_before_a_title_ends_the_bodys_name() {
        let found = facts(
            "Federal Communications Commission Chairman Ajit Pai spoke on Tuesday. Commerce \
             Secretary Wilbur Ross spoke on Monday.",
        );
        assert!(
            has(
                &found,
                "Ajit Pai",
                "leads",
                "Federal Communications Commission"
            ),
            "{found:?}"
        );
        assert!(!found.iter().any(|(_, _, o)| o == "Commerce"), "{found:?}");
    }

    #[test]
    fn an_assistant_of_a_departments_head_leads_the_unit_named() {
        let found = facts(
            "Assistant Attorney General Leslie R. Caldwell of the Justice Department's Criminal \
             Division announced the sentence. The pleas send a strong signal, said Antitrust \
             Division Assistant Attorney General Makan Delrahim.",
        );
        assert!(
            has(&found, "Leslie R. Caldwell", "leads", "Criminal Division"),
            "{found:?}"
        );
        assert!(
            has(&found, "Makan Delrahim", "leads", "Antitrust Division"),
            "{found:?}"
        );
        assert!(
            !found.iter().any(|(_, p, _)| p == "employedBy"),
            "{found:?}"
        );
    }

    #[test]
    fn contact_lines_and_ages_set_off_before_an_apposition() {
        let found = facts(
            "The staff contacts are Alexis Gilman, 202-326-2579, and Dan Ducore, 202-326-2526, \
             Bureau of Competition. For further information, contact Stuart Frank, Packers and \
             Stockyards Division, at (515) 323-2586. Terry J. Albury, 39, a former Special Agent \
             of the FBI, was sentenced today.",
        );
        for (person, body) in [
            ("Alexis Gilman", "Bureau of Competition"),
            ("Dan Ducore", "Bureau of Competition"),
            ("Stuart Frank", "Packers and Stockyards Division"),
            ("Terry J. Albury", "FBI"),
        ] {
            assert!(has(&found, person, "employedBy", body), "{found:?}");
        }
        assert!(
            has(
                &found,
                "Terry J. Albury",
                "holdsPosition",
                "Special Agent of the FBI"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn a_town_no_list_knows_after_in_is_where_a_company_is_based_not_its_state() {
        let found = facts(
            "The contract went to TerranearPMC, LLC, based in Exton, Pennsylvania, for the \
             cleanup work.",
        );
        assert!(
            has(&found, "TerranearPMC, LLC", "basedIn", "Exton"),
            "{found:?}"
        );
        assert!(
            !has(&found, "TerranearPMC, LLC", "basedIn", "Pennsylvania"),
            "{found:?}"
        );
    }

    #[test]
    fn a_surname_said_again_is_the_person_though_a_town_has_that_name() {
        let found = facts(
            "Vice Adm. Tom Moore spoke on Monday. Moore, as Commander of Naval Sea Systems \
             Command, leads a global workforce.",
        );
        assert!(
            has(&found, "Tom Moore", "leads", "Naval Sea Systems Command"),
            "{found:?}"
        );
        assert!(!found.iter().any(|(s, _, _)| s == "Moore"), "{found:?}");
    }

    #[test]
    fn a_commanding_general_leads_the_command() {
        let found = facts(
            "Terry G. Robling, commanding general of U.S. Marine Corps Forces, spoke on Monday.",
        );
        assert!(
            has(
                &found,
                "Terry G. Robling",
                "leads",
                "U.S. Marine Corps Forces"
            ),
            "{found:?}"
        );
    }

    #[test]
    fn an_instrument_named_by_a_common_noun_alone_is_left_out() {
        let found = facts(
            "On May 1, the United States filed a Complaint against Acme Corp. On December 6, \
             the United States filed a Competitive Impact Statement.",
        );
        assert!(
            has(
                &found,
                "United States",
                "issues",
                "Competitive Impact Statement"
            ),
            "{found:?}"
        );
        assert!(
            !found
                .iter()
                .any(|(s, _, o)| s == "Complaint" || o == "Complaint"),
            "{found:?}"
        );
    }

    #[test]
    fn initials_run_together_open_a_persons_name() {
        let sheet = extractor().extract(
            "Title\n\nJ.R. Smith said the U.S. Navy had left.\n",
            &ArticleMetadata::default(),
        );
        let class = |name: &str| named(&sheet, name).map(|e| e.class.clone());
        assert_eq!(class("J.R. Smith").as_deref(), Some("Person"), "{sheet:?}");
        assert_eq!(
            class("U.S. Navy").as_deref(),
            Some("MilitaryOrganization"),
            "{sheet:?}"
        );
    }
}
