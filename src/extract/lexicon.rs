//! The extractor's rules: the lexicons of `data/lexicon/` (words of English by their role,
//! verb frames) and the reference data of `data/reference/`, built into the binary and compiled
//! once into [`Rules`].

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde::Deserialize;

use super::tokens::{Kind, Token};
use super::values::ValueCues;
use super::words::Words;
use crate::text::fold;

const CUES: &str = include_str!("../../data/lexicon/cues.json");
const LANGUAGE: &str = include_str!("../../data/lexicon/language.json");
const FRAMES: &str = include_str!("../../data/lexicon/frames.json");
const COUNTRIES: &str = include_str!("../../data/reference/countries.json");
const US_STATES: &str = include_str!("../../data/reference/us-states-ap.tsv");
const PARTIES: &str = include_str!("../../data/reference/parties.tsv");

#[derive(Debug, thiserror::Error)]
#[error("the built-in lexicon {file} is broken: {reason}")]
pub struct LexiconError {
    file: &'static str,
    reason: String,
}

fn parse<T: serde::de::DeserializeOwned>(
    file: &'static str,
    text: &str,
) -> Result<T, LexiconError> {
    serde_json::from_str(text).map_err(|err| LexiconError {
        file,
        reason: err.to_string(),
    })
}

#[derive(Deserialize)]
struct Boilerplate {
    line_prefixes: Vec<String>,
    section_headers: Vec<String>,
    furniture_lines: Vec<String>,
}

#[derive(Deserialize)]
struct Numbers {
    multipliers: BTreeMap<String, u64>,
    counted: BTreeMap<String, String>,
    count_modifiers: Vec<String>,
    count_joint: Vec<String>,
}

#[derive(Deserialize)]
struct EffectDurations {
    phrases: Vec<String>,
    units: BTreeMap<String, u32>,
    predicate: String,
}

#[derive(Deserialize)]
struct RelativeDates {
    weekdays: Vec<String>,
    event_dates: BTreeMap<String, String>,
    months: BTreeMap<String, u32>,
    effect_durations: EffectDurations,
}

#[derive(Deserialize)]
struct Cues {
    non_terminal_abbreviations: Vec<String>,
    boilerplate: Boilerplate,
    numbers: Numbers,
    relative_dates: RelativeDates,
}

#[derive(Deserialize)]
struct MilitaryRanks {
    ranks: Vec<String>,
    grades: Vec<String>,
    services: Vec<String>,
}

#[derive(Deserialize)]
struct Descriptions {
    determiners: Vec<String>,
    nouns: BTreeMap<String, String>,
    institutions: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct Unnamed {
    determiners: Vec<String>,
    nouns: BTreeMap<String, String>,
    agents: BTreeMap<String, String>,
    window: usize,
}

#[derive(Deserialize)]
struct Invocation {
    cues: Vec<String>,
    actions: Vec<String>,
    authority_cues: Vec<String>,
    action_nouns: Vec<String>,
    violator_actions: Vec<String>,
}

#[derive(Deserialize)]
struct VerbGroup {
    auxiliaries: Vec<String>,
    negation: Vec<String>,
    hypothetical: Vec<String>,
    status: BTreeMap<String, String>,
    transparent: Vec<String>,
    proposals: Proposals,
}

#[derive(Deserialize)]
struct Proposals {
    nouns: Vec<String>,
    verbs: Vec<String>,
}

#[derive(Deserialize)]
struct PartyNames {
    heads: Vec<String>,
    creeds: Vec<String>,
}

#[derive(Deserialize)]
struct Heads {
    heads: Vec<String>,
}

#[derive(Deserialize)]
struct Nouns {
    nouns: Vec<String>,
}

#[derive(Deserialize)]
struct Titles {
    titles: Vec<String>,
}

#[derive(Deserialize)]
struct Language {
    function_words: Vec<String>,
    weekdays_and_months: Vec<String>,
    name_connectors: Vec<String>,
    company_suffixes: Vec<String>,
    legal_suffixes: Vec<String>,
    honorifics: Vec<String>,
    title_words: Vec<String>,
    title_heads: Vec<String>,
    leader_titles: Vec<String>,
    subordinate_modifiers: Vec<String>,
    legislator_titles: Vec<String>,
    assemblies: Heads,
    party_names: PartyNames,
    judicial_titles: Heads,
    district_offices: Titles,
    decisions: Nouns,
    filings: Nouns,
    circumstances: Nouns,
    generational_suffixes: Vec<String>,
    citation_signals: Vec<String>,
    abbreviated_words: BTreeMap<String, serde_json::Value>,
    party_roles: Vec<String>,
    unit_nouns: Nouns,
    product_nouns: Nouns,
    government_nouns: Vec<String>,
    instrument_nouns: Nouns,
    provision_nouns: Nouns,
    determiners: Vec<String>,
    reporting_verbs: Vec<String>,
    role_verbs: Vec<String>,
    naming_verbs: Vec<String>,
    former: Vec<String>,
    military_ranks: MilitaryRanks,
    descriptions: Descriptions,
    head_nouns: BTreeMap<String, serde_json::Value>,
    verb_group: VerbGroup,
    unnamed: Unnamed,
    invocation: Invocation,
    inclusion: Vec<String>,
    deal_challenge: DealChallenge,
}

#[derive(Deserialize)]
struct DealChallenge {
    actions: Vec<String>,
    deals: Vec<String>,
    named: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct FrameEntry {
    predicate: String,
    patterns: Vec<String>,
    #[serde(default)]
    subject: Vec<String>,
    #[serde(default)]
    object: Vec<String>,
    #[serde(default)]
    money: bool,
    #[serde(default)]
    possessor: bool,
    #[serde(default)]
    by_court: Option<String>,
}

#[derive(Deserialize)]
struct FrameFile {
    /// The verbs that only carry an action noun ("imposed sanctions on", "filed a lawsuit
    /// against"): a pattern's `~` stands for each of them.
    light_verbs: Vec<String>,
    frames: Vec<FrameEntry>,
}

#[derive(Deserialize)]
struct Country {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default, rename = "sameAs")]
    same_as: Vec<String>,
}

/// One element of a frame's pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slot {
    Subject,
    Object,
    /// A lemma; `be` matches any form of the verb.
    Word(String),
}

/// A verb frame: "S file lawsuit against O" → `sues`.
#[derive(Debug, Clone)]
pub struct Frame {
    pub predicate: String,
    pub pattern: Vec<Slot>,
    /// The classes allowed for the predicate's subject and object (the ontology's when the
    /// lexicon gives none).
    pub subject: Vec<String>,
    pub object: Vec<String>,
    /// Money near the verb is the fact's amount ("fined … $1.2 billion").
    pub money: bool,
    /// What the object names belongs to the one the act is aimed at: "condemned North
    /// Korea's unlawful pursuit of nuclear weapons" criticizes North Korea.
    pub possessor: bool,
    /// The predicate the act becomes when a court does it: a court strikes a law down by
    /// blocking it, not by repealing it.
    pub by_court: Option<String>,
    /// The status the pattern's own words give ("S complete acquisition of O" → completed).
    pub status: Option<String>,
    /// The rule's name in the sheet.
    pub rule: String,
}

impl Frame {
    /// The first lemma of the pattern: the verb the frame is found by.
    pub fn verb(&self) -> &str {
        self.pattern
            .iter()
            .find_map(|slot| match slot {
                Slot::Word(word) if word != "be" => Some(word.as_str()),
                _ => None,
            })
            .unwrap_or_default()
    }
}

/// A country of the reference data.
#[derive(Debug, Clone)]
pub struct CountryName {
    pub name: String,
    pub same_as: Vec<String>,
}

fn lowered(words: Vec<String>) -> HashSet<String> {
    words.into_iter().map(|w| w.to_lowercase()).collect()
}

fn phrases(words: Vec<String>) -> Vec<Vec<String>> {
    words
        .into_iter()
        .map(|p| p.to_lowercase().split(' ').map(str::to_owned).collect())
        .collect()
}

/// Everything the extractor knows before it reads an article.
pub struct Rules {
    pub words: Words,
    pub abbreviations: Vec<String>,
    /// The abbreviations in lower case: whether a word keeps its full stop is one lookup.
    pub lowered_abbreviations: HashSet<String>,
    pub boilerplate_prefixes: Vec<String>,
    pub section_headers: Vec<String>,
    /// Whole lines of a web page's controls ("Type to search"), lower-cased.
    pub furniture_lines: Vec<String>,
    pub values: ValueCues,
    pub function_words: HashSet<String>,
    pub calendar: HashSet<String>,
    pub connectors: HashSet<String>,
    pub company_suffixes: HashSet<String>,
    /// "Inc.", "Corp.": a name is still the company's without them.
    pub legal_suffixes: HashSet<String>,
    pub honorifics: HashSet<String>,
    pub title_words: HashSet<String>,
    pub title_heads: HashSet<String>,
    pub leader_titles: HashSet<String>,
    pub subordinate_modifiers: HashSet<String>,
    pub legislator_titles: HashSet<String>,
    /// "senate", "house of": an office in such a body makes its holder a member.
    pub assemblies: HashSet<String>,
    /// "congress", "front": with a creed ("democratic") before them, a party's head.
    pub party_heads: HashSet<String>,
    pub party_creeds: HashSet<String>,
    /// "judge", "justice": the holder of such a title acts for a court.
    pub judicial_titles: HashSet<String>,
    /// "attorney", "district judge": with a country's name before them, offices of a judicial
    /// district, not of the country.
    pub district_offices: HashSet<String>,
    /// The last word of each of `district_offices`: a name without one holds no such office.
    pub district_office_heads: HashSet<String>,
    /// "complaint", "letter": a document that speaks for whoever filed or wrote it.
    pub filings: HashSet<String>,
    /// "decision", "vote": their possessor does what the infinitive after them says.
    pub decisions: HashSet<String>,
    /// "victim", "national": what befell a person or where they stand, no office.
    pub circumstances: HashSet<String>,
    /// "Jr.", "III": the end of a person's name after a comma.
    pub generational_suffixes: HashSet<String>,
    /// "section", "rule": with a number after them, the head of a legal instrument ("Section
    /// 7 of the Clayton Act").
    pub provision_nouns: HashSet<String>,
    /// "See", "Cf.": a legal citation's signal, which opens the sentence or the bracket that
    /// cites a case and is no part of the case's name ("See SEC v. Citigroup Glob. Mkts.").
    pub citation_signals: HashSet<String>,
    /// "atty." → "attorney": abbreviations that rules read as the whole word.
    pub abbreviated_words: HashMap<String, String>,
    /// "Plaintiff", "Defendants": a party's role in a case, no part of its name.
    pub party_roles: HashSet<String>,
    /// "district", "division": the last word of a unit's name in apposition to its body.
    pub unit_nouns: HashSet<String>,
    /// "rocket", "capsule", "app": a kind of made thing, after the name of one of its kind.
    product_nouns: HashSet<String>,
    /// The first words of the kinds named in two ("operating" of "operating system").
    product_noun_openers: HashSet<String>,
    /// "administration", "government", "regime": after a leader's or a country's name ("the
    /// Bush administration", "the Iranian government") they name a government body.
    pub government_nouns: HashSet<String>,
    /// Words before a noun that make it a description, not a name ("the", "any", "its").
    pub determiners: HashSet<String>,
    /// "said", "told": a name beside one is a speaker's.
    pub reporting_verbs: HashSet<String>,
    /// "serves as", "became": the title after "as" is the subject's.
    pub role_verbs: HashSet<String>,
    /// "was named", "was elected": the title after it is the subject's.
    pub naming_verbs: HashSet<String>,
    pub former: HashSet<String>,
    /// Military ranks ("Gen.", "Admiral"), the words that grade them ("Vice", "Lt.") and the
    /// services before them ("Marine Corps"): no office of the person named after them.
    pub military_ranks: HashSet<String>,
    pub rank_grades: HashSet<String>,
    pub military_services: HashSet<String>,
    pub description_determiners: HashSet<String>,
    pub description_nouns: HashMap<String, String>,
    /// "the Senate": a capitalised noun that names one institution, by its class.
    pub institutions: HashMap<String, String>,
    pub head_nouns: HashMap<String, String>,
    /// Head nouns whose class the word before them decides, by head then that word: "space
    /// center" is a facility, where "center" alone is an organisation.
    pub head_phrases: HashMap<String, HashMap<String, String>>,
    pub auxiliaries: HashSet<String>,
    pub negation: HashSet<String>,
    pub hypothetical: HashSet<String>,
    /// "made a public offer to buy", "reached an agreement to purchase": a proposal's noun
    /// before "to" and the verbs that make one; its maker does what the infinitive says.
    pub proposal_nouns: HashSet<String>,
    pub proposal_verbs: HashSet<String>,
    /// "agree to" → `agreed`.
    pub status: Vec<(Vec<String>, String)>,
    /// "agree to", "be expect to": words between a subject and its verb that leave the verb
    /// the one that counts.
    pub transparent: Vec<Vec<String>>,
    /// The last words of `transparent`: a verb group holds such a phrase only after one.
    pub transparent_last_words: HashSet<String>,
    pub inclusion: Vec<Vec<String>>,
    /// The lemmas of a legal action against a deal ("lawsuit", "sue", "enjoin") and the nouns
    /// of deals ("merger"): the action sues the deal's parties.
    pub deal_actions: HashSet<String>,
    pub deal_nouns: HashSet<String>,
    /// A deal noun whose parties a noun phrase names → the fact it gives: "IBM's acquisition
    /// of Red Hat" → `acquires`, "the merger of IBC and Continental" → `mergesWith`.
    pub deal_facts: HashMap<String, String>,
    /// "in violation of", "under": the instrument after them is what a legal action invokes.
    pub invocation_cues: Vec<Vec<String>>,
    /// The first words of `invocation_cues`, to find where a cue may start in one lookup.
    pub invocation_first_words: HashSet<String>,
    /// The invocation cues that name an authority to act ("pursuant to"), not a breach ("in
    /// violation of"): with no legal action named, the sentence's actor invokes what follows.
    pub authority_cues: Vec<Vec<String>>,
    /// "The SEC's complaint … alleges … violated": whose legal action a possessive names.
    pub action_nouns: HashSet<String>,
    /// The predicates of legal actions whose subject invokes such an instrument.
    pub legal_actions: HashSet<String>,
    /// The legal actions whose object, when a breach cue names an instrument, is said to
    /// break it ("charged X with … in violation of the Sherman Act").
    pub violator_actions: HashSet<String>,
    /// "a", "an" before an instrument's noun: it is named later, or never.
    pub unnamed_determiners: HashSet<String>,
    /// Lower-cased words of an unnamed instrument's noun ("executive order") → its class.
    pub unnamed_nouns: Vec<(Vec<String>, String)>,
    /// Predicate whose subject acted on an unnamed instrument → the words its name gets
    /// ("signs" → "signed by").
    pub unnamed_agents: BTreeMap<String, String>,
    /// How many sentences on a name may come for an indefinite description.
    pub unnamed_window: usize,
    pub frames: Vec<Frame>,
    /// The predicate "takes effect in 45 days" gives the instrument before it.
    pub effect_predicate: String,
    /// Relation → the date predicate its dated facts give their object (`signs` →
    /// `signedDate`).
    pub event_dates: BTreeMap<String, String>,
    /// Frames by the lemma of their verb.
    pub frames_by_verb: HashMap<String, Vec<usize>>,
    /// Country names, aliases and demonyms → the country.
    pub countries: HashMap<String, usize>,
    pub country_names: Vec<CountryName>,
    /// Demonyms ("Chinese") → the country.
    pub demonyms: HashMap<String, usize>,
    /// AP abbreviations and postal codes of US states ("Calif.", "CA") → the state.
    pub state_abbreviations: HashMap<String, String>,
    /// The names of the US states ("Washington" after "Redmond," is the state, not the city).
    pub us_states: HashSet<String>,
    /// "Republican", "Democrats" → the party's name.
    pub parties: HashMap<String, String>,
    /// "D" in "(D-MI)" → the party's name.
    pub party_letters: HashMap<String, String>,
}

impl Rules {
    /// Where a kind of made thing named in lower case at `at` ("capsule", "operating system")
    /// ends, if one is.
    pub fn product_noun_end(&self, tokens: &[Token<'_>], at: usize) -> Option<usize> {
        let word = |k: usize| {
            tokens
                .get(k)
                .filter(|t| t.kind == Kind::Word && !t.is_capitalised())
                .map(|t| t.lower.as_ref())
        };
        let one = word(at)?;
        if self.product_nouns.contains(one) {
            return Some(at + 1);
        }
        let two = word(at + 1).filter(|_| self.product_noun_openers.contains(one))?;
        self.product_nouns
            .contains(&format!("{one} {two}"))
            .then_some(at + 2)
    }

    /// A US state by its name or its abbreviation ("Texas", "Tex.", "TX").
    pub fn is_us_state(&self, written: &str) -> bool {
        self.us_states.contains(written) || self.state_abbreviations.contains_key(written)
    }

    /// A lower-cased word that qualifies a title and names nothing itself: a country's short
    /// name ("U.S. Attorney") or an adjective that is no noun ("Regional Administrator").
    pub fn qualifies_title(&self, lower: &str) -> bool {
        let parts = self.words.parts_of_speech(lower);
        matches!(lower, "u.s." | "un" | "u.n.")
            || parts & super::words::ADJECTIVE != 0 && parts & super::words::NOUN == 0
    }

    /// The key a name is known by in an article: folded, with the words legal papers
    /// abbreviate read in full, so that "U.S. Dep't of Justice" and "U.S. DEPARTMENT OF
    /// JUSTICE" are one name.
    pub fn name_key(&self, surface: &str) -> String {
        // Every abbreviated word ends in a full stop or holds an apostrophe.
        if !surface.contains(['.', '\'', '’']) {
            return fold(surface);
        }
        let mut spelled_out = false;
        let spelled: Vec<&str> = surface
            .split(' ')
            .map(|word| {
                let full = word
                    .contains(['.', '\'', '’'])
                    .then(|| self.abbreviated_words.get(&word.to_lowercase()))
                    .flatten();
                spelled_out |= full.is_some();
                full.map_or(word, String::as_str)
            })
            .collect();
        if spelled_out {
            fold(&spelled.join(" "))
        } else {
            fold(surface)
        }
    }

    pub fn embedded(ontology: &crate::ontology::Ontology) -> Result<Self, LexiconError> {
        let cues: Cues = parse("cues.json", CUES)?;
        let language: Language = parse("language.json", LANGUAGE)?;
        let frame_file: FrameFile = parse("frames.json", FRAMES)?;
        let countries: Vec<Country> = parse("countries.json", COUNTRIES)?;
        let broken = |file, reason: String| LexiconError { file, reason };

        // Passives a frame writes out itself ("S be own by O" → `ownedBy`) are not also read
        // as the passive of an active frame ("S own O" → `owns`).
        let written: HashSet<String> = frame_file
            .frames
            .iter()
            .flat_map(|entry| &entry.patterns)
            .map(|pattern| pattern.replace(['S', 'O'], "_"))
            .collect();
        let mut frames = Vec::new();
        for entry in frame_file.frames {
            let property = ontology.property(&entry.predicate).ok_or_else(|| {
                broken(
                    "frames.json",
                    format!("unknown predicate {}", entry.predicate),
                )
            })?;
            let subject = if entry.subject.is_empty() {
                property.domain.clone()
            } else {
                entry.subject
            };
            let object = if entry.object.is_empty() {
                match &property.range {
                    crate::ontology::Range::Classes(classes) => classes.clone(),
                    _ => Vec::new(),
                }
            } else {
                entry.object
            };
            for class in subject.iter().chain(&object) {
                if ontology.class(class).is_none() {
                    return Err(broken("frames.json", format!("unknown class {class}")));
                }
            }
            let patterns = entry.patterns.iter().flat_map(|pattern| {
                if pattern.split(' ').any(|word| word == "~") {
                    frame_file
                        .light_verbs
                        .iter()
                        .map(|verb| {
                            pattern
                                .split(' ')
                                .map(|word| if word == "~" { verb } else { word })
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                        .collect()
                } else {
                    vec![pattern.clone()]
                }
            });
            for pattern in patterns {
                let slots: Vec<Slot> = pattern
                    .split(' ')
                    .map(|word| match word {
                        "S" => Slot::Subject,
                        "O" => Slot::Object,
                        lemma => Slot::Word(lemma.to_lowercase()),
                    })
                    .collect();
                let subjects = slots.iter().filter(|s| **s == Slot::Subject).count();
                let objects = slots.iter().filter(|s| **s == Slot::Object).count();
                // With no O, the pattern names a reciprocal act whose parties are the
                // coordinated subjects ("S merge").
                let reciprocal = objects == 0 && slots.first() == Some(&Slot::Subject);
                if subjects != 1 || objects > 1 || objects == 0 && !reciprocal {
                    return Err(broken(
                        "frames.json",
                        format!(
                            "pattern {pattern:?} needs one S and one O, or one S first and no O \
                             for a reciprocal act"
                        ),
                    ));
                }
                let rule = format!("frame:{}:{}", entry.predicate, pattern.replace(' ', "_"));
                // "S acquire O" is also read "O be acquire by S".
                let transitive = matches!(
                    slots.as_slice(),
                    [Slot::Subject, Slot::Word(verb), Slot::Object] if verb != "be"
                ) || matches!(
                    slots.as_slice(),
                    [Slot::Object, Slot::Word(verb), Slot::Subject] if verb != "be"
                );
                let passive_text = format!(
                    "_ be {} by _",
                    pattern.split(' ').nth(1).unwrap_or_default()
                );
                if transitive && !written.contains(&passive_text) {
                    let (first, verb, last) = (&slots[0], slots[1].clone(), &slots[2]);
                    frames.push(Frame {
                        predicate: entry.predicate.clone(),
                        pattern: vec![
                            last.clone(),
                            Slot::Word("be".to_owned()),
                            verb,
                            Slot::Word("by".to_owned()),
                            first.clone(),
                        ],
                        subject: subject.clone(),
                        object: object.clone(),
                        money: entry.money,
                        possessor: entry.possessor,
                        by_court: entry.by_court.clone(),
                        status: None,
                        rule: format!("{rule}:passive"),
                    });
                }
                frames.push(Frame {
                    predicate: entry.predicate.clone(),
                    pattern: slots,
                    subject: subject.clone(),
                    object: object.clone(),
                    money: entry.money,
                    possessor: entry.possessor,
                    by_court: entry.by_court.clone(),
                    status: None,
                    rule,
                });
            }
        }
        let mut frames_by_verb: HashMap<String, Vec<usize>> = HashMap::default();
        for (index, frame) in frames.iter().enumerate() {
            frames_by_verb
                .entry(frame.verb().to_owned())
                .or_default()
                .push(index);
        }

        let mut country_index = HashMap::default();
        let mut demonyms = HashMap::default();
        let mut country_names = Vec::new();
        for (index, country) in countries.into_iter().enumerate() {
            for name in std::iter::once(&country.name).chain(&country.aliases) {
                country_index.insert(name.clone(), index);
            }
            for demonym in &country.demonyms {
                demonyms.insert(demonym.clone(), index);
            }
            country_names.push(CountryName {
                name: country.name,
                same_as: country.same_as,
            });
        }
        let mut state_abbreviations = HashMap::default();
        let mut us_states = HashSet::default();
        for line in US_STATES.lines().filter(|l| !l.starts_with('#')) {
            let fields: Vec<&str> = line.split('\t').collect();
            if let [state, ap, postal] = fields.as_slice() {
                us_states.insert((*state).to_owned());
                if ap != state {
                    state_abbreviations.insert((*ap).to_owned(), (*state).to_owned());
                    // A dateline in capitals abbreviates in capitals ("LENEXA, KAN.").
                    state_abbreviations.insert(ap.to_uppercase(), (*state).to_owned());
                }
                state_abbreviations.insert((*postal).to_owned(), (*state).to_owned());
            }
        }
        let mut parties = HashMap::default();
        let mut party_letters = HashMap::default();
        for line in PARTIES.lines().filter(|l| !l.starts_with('#')) {
            let fields: Vec<&str> = line.split('\t').collect();
            if let [word, party, letter] = fields.as_slice() {
                parties.insert((*word).to_owned(), (*party).to_owned());
                party_letters.insert((*letter).to_owned(), (*party).to_owned());
            }
        }
        let mut head_nouns = HashMap::default();
        let mut head_phrases: HashMap<String, HashMap<String, String>> = HashMap::default();
        for (noun, class) in language.head_nouns {
            if noun == "note" {
                continue;
            }
            if let serde_json::Value::String(class) = class {
                if ontology.class(&class).is_none() {
                    return Err(broken("language.json", format!("unknown class {class}")));
                }
                let noun = noun.to_lowercase();
                match noun.rsplit_once(' ') {
                    Some((modifier, head)) => {
                        head_phrases
                            .entry(head.to_owned())
                            .or_default()
                            .insert(modifier.to_owned(), class);
                    }
                    None => {
                        head_nouns.insert(noun, class);
                    }
                }
            }
        }
        for noun in &language.instrument_nouns.nouns {
            head_nouns.insert(noun.to_lowercase(), "LegalInstrument".to_owned());
        }
        let abbreviated_words: HashMap<String, String> = language
            .abbreviated_words
            .iter()
            .filter(|(word, _)| *word != "note")
            .filter_map(|(word, full)| Some((word.to_lowercase(), full.as_str()?.to_owned())))
            .collect();
        let mut abbreviations = cues.non_terminal_abbreviations;
        // As papers write them: "Asst." ends no sentence.
        abbreviations.extend(
            abbreviated_words
                .keys()
                .map(|word| crate::text::title_case(word)),
        );
        abbreviations.extend(
            language
                .honorifics
                .iter()
                .filter(|h| h.ends_with('.'))
                .cloned(),
        );
        abbreviations.extend(
            language
                .company_suffixes
                .iter()
                .filter(|s| s.ends_with('.'))
                .cloned(),
        );
        abbreviations.extend(
            state_abbreviations
                .keys()
                .filter(|a| a.ends_with('.'))
                .cloned(),
        );
        let status: Vec<(Vec<String>, String)> = language
            .verb_group
            .status
            .into_iter()
            .map(|(phrase, status)| {
                (
                    phrase.split(' ').map(str::to_owned).collect::<Vec<_>>(),
                    status,
                )
            })
            .collect();
        let transparent = phrases(language.verb_group.transparent);
        let district_offices = lowered(language.district_offices.titles);
        let invocation_cues = phrases(language.invocation.cues);
        for frame in &mut frames {
            let words: Vec<String> = frame
                .pattern
                .iter()
                .filter_map(|slot| match slot {
                    Slot::Word(word) => Some(word.clone()),
                    _ => None,
                })
                .collect();
            frame.status = status
                .iter()
                .find(|(phrase, _)| words.windows(phrase.len()).any(|w| w == phrase.as_slice()))
                .map(|(_, status)| status.clone());
        }
        Ok(Self {
            words: Words::embedded(),
            lowered_abbreviations: abbreviations.iter().map(|a| a.to_lowercase()).collect(),
            abbreviations,
            boilerplate_prefixes: cues.boilerplate.line_prefixes,
            section_headers: cues.boilerplate.section_headers,
            furniture_lines: cues
                .boilerplate
                .furniture_lines
                .iter()
                .map(|line| line.to_lowercase())
                .collect(),
            values: ValueCues {
                multipliers: cues.numbers.multipliers.into_iter().collect(),
                counted: cues.numbers.counted.into_iter().collect(),
                count_modifiers: lowered(cues.numbers.count_modifiers).into_iter().collect(),
                joint: lowered(cues.numbers.count_joint).into_iter().collect(),
                weekdays: cues.relative_dates.weekdays,
                months: cues
                    .relative_dates
                    .months
                    .into_iter()
                    .map(|(name, month)| (name.to_lowercase(), month))
                    .collect(),
                effect_phrases: phrases(cues.relative_dates.effect_durations.phrases),
                duration_units: cues
                    .relative_dates
                    .effect_durations
                    .units
                    .into_iter()
                    .collect(),
            },
            function_words: lowered(language.function_words),
            calendar: lowered(language.weekdays_and_months),
            connectors: lowered(language.name_connectors),
            company_suffixes: lowered(language.company_suffixes),
            legal_suffixes: lowered(language.legal_suffixes),
            honorifics: lowered(language.honorifics),
            title_words: lowered(language.title_words),
            title_heads: lowered(language.title_heads),
            leader_titles: lowered(language.leader_titles),
            subordinate_modifiers: lowered(language.subordinate_modifiers),
            legislator_titles: lowered(language.legislator_titles),
            assemblies: lowered(language.assemblies.heads),
            party_heads: lowered(language.party_names.heads),
            party_creeds: lowered(language.party_names.creeds),
            judicial_titles: lowered(language.judicial_titles.heads),
            district_office_heads: district_offices
                .iter()
                .filter_map(|office| office.rsplit(' ').next().map(str::to_owned))
                .collect(),
            district_offices,
            filings: lowered(language.filings.nouns),
            decisions: lowered(language.decisions.nouns),
            circumstances: lowered(language.circumstances.nouns),
            generational_suffixes: lowered(language.generational_suffixes),
            provision_nouns: lowered(language.provision_nouns.nouns),
            citation_signals: lowered(language.citation_signals),
            abbreviated_words,
            party_roles: lowered(language.party_roles),
            unit_nouns: lowered(language.unit_nouns.nouns),
            product_noun_openers: language
                .product_nouns
                .nouns
                .iter()
                .filter_map(|noun| noun.split_once(' ').map(|(first, _)| first.to_lowercase()))
                .collect(),
            product_nouns: lowered(language.product_nouns.nouns),
            government_nouns: lowered(language.government_nouns),
            determiners: lowered(language.determiners),
            reporting_verbs: lowered(language.reporting_verbs),
            role_verbs: lowered(language.role_verbs),
            naming_verbs: lowered(language.naming_verbs),
            former: lowered(language.former),
            military_ranks: lowered(language.military_ranks.ranks),
            rank_grades: lowered(language.military_ranks.grades),
            military_services: lowered(language.military_ranks.services),
            description_determiners: lowered(language.descriptions.determiners),
            description_nouns: language.descriptions.nouns.into_iter().collect(),
            institutions: language.descriptions.institutions.into_iter().collect(),
            head_nouns,
            head_phrases,
            auxiliaries: lowered(language.verb_group.auxiliaries),
            negation: lowered(language.verb_group.negation),
            hypothetical: lowered(language.verb_group.hypothetical),
            proposal_nouns: lowered(language.verb_group.proposals.nouns),
            proposal_verbs: lowered(language.verb_group.proposals.verbs),
            status,
            transparent_last_words: transparent
                .iter()
                .filter_map(|p| p.last().cloned())
                .collect(),
            transparent,
            inclusion: phrases(language.inclusion),
            deal_actions: lowered(language.deal_challenge.actions),
            deal_nouns: lowered(language.deal_challenge.deals),
            deal_facts: language.deal_challenge.named.into_iter().collect(),
            invocation_first_words: invocation_cues
                .iter()
                .filter_map(|p| p.first().cloned())
                .collect(),
            invocation_cues,
            authority_cues: phrases(language.invocation.authority_cues),
            action_nouns: lowered(language.invocation.action_nouns),
            legal_actions: language.invocation.actions.into_iter().collect(),
            violator_actions: language.invocation.violator_actions.into_iter().collect(),
            unnamed_determiners: lowered(language.unnamed.determiners),
            unnamed_nouns: {
                let mut nouns: Vec<(Vec<String>, String)> = language
                    .unnamed
                    .nouns
                    .into_iter()
                    .map(|(noun, class)| (noun.split(' ').map(str::to_owned).collect(), class))
                    .collect();
                // The longest first: "executive order" before "order".
                nouns.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
                nouns
            },
            unnamed_agents: language.unnamed.agents,
            unnamed_window: language.unnamed.window,
            frames,
            effect_predicate: cues.relative_dates.effect_durations.predicate.clone(),
            event_dates: cues.relative_dates.event_dates.clone(),
            frames_by_verb,
            countries: country_index,
            country_names,
            demonyms,
            state_abbreviations,
            us_states,
            parties,
            party_letters,
        })
    }

    /// "D-IL", "R-Miss.", "D-N.J.": the party and the state a US legislator is given with
    /// after their name.
    pub fn party_code(&self, code: &str) -> Option<(&str, &str)> {
        let (letter, state) = code.split_once('-')?;
        let party = self.party_letters.get(letter)?;
        let state = match self.state_abbreviations.get(state) {
            Some(state) => state.as_str(),
            None => self.us_states.get(state)?.as_str(),
        };
        Some((party, state))
    }

    /// An office's name without the country it is of at its end: "Secretary of Energy" for
    /// "Secretary of Energy of the United States"; None if no country ends it.
    pub fn office_without_country<'o>(&self, office: &'o str) -> Option<&'o str> {
        let (title, country) = office.rsplit_once(" of ")?;
        let country = country.strip_prefix("the ").unwrap_or(country);
        self.countries.contains_key(country).then_some(title)
    }

    /// Whether a title's holder leads what the title is of: the title or its last word is a
    /// leader's ("chief executive", "director") and no modifier makes it subordinate ("deputy
    /// director"). `words` are the title's words in any case, perhaps with what it is of.
    pub fn title_leads<S: AsRef<str>>(&self, words: &[S]) -> bool {
        let lower: Vec<String> = words
            .iter()
            .map(|w| w.as_ref().trim_end_matches('.').to_lowercase())
            .collect();
        // "Acting Director of the National Science Foundation": the longest start of the title
        // named a leader's, or else the words before what it is of, decide. A start is a
        // whole title only where the title ends or says what it is of: "Chief" of "Chief
        // Financial Officer" is none.
        let of = ["of", "for", "at", "in"];
        let title = (1..=lower.len())
            .rev()
            .filter(|&end| lower.get(end).is_none_or(|w| of.contains(&w.as_str())))
            .map(|end| &lower[..end])
            .find(|words| self.leader_titles.contains(&words.join(" ")))
            .unwrap_or_else(|| {
                let end = lower
                    .iter()
                    .position(|w| of.contains(&w.as_str()))
                    .unwrap_or(lower.len());
                &lower[..end]
            });
        let Some(head) = title.last() else {
            return false;
        };
        self.leader_titles.contains(&title.join(" "))
            || !title.iter().any(|w| self.subordinate_modifiers.contains(w))
                && self.leader_titles.contains(head)
    }

    /// The class a head noun gives a name: the lexicon's own word first, then WordNet's.
    /// The class of a head noun with the word before it, when the two words decide it.
    pub fn head_phrase_class(&self, modifier: &str, head: &str) -> Option<&str> {
        self.head_phrases
            .get(head)?
            .get(modifier)
            .map(String::as_str)
    }

    pub fn head_class(&self, word: &str) -> Option<&str> {
        let lower = crate::text::lower_case(word);
        self.listed_class_of(&lower)
            .or_else(|| self.words.head_class(&lower))
    }

    /// The class the lexicon's own table of head nouns gives a word, before any dictionary
    /// sense.
    pub fn listed_head_class(&self, word: &str) -> Option<&str> {
        self.listed_class_of(&crate::text::lower_case(word))
    }

    fn listed_class_of(&self, lower: &str) -> Option<&str> {
        if let Some(class) = self.head_nouns.get(lower) {
            return Some(class);
        }
        if lower.len() > 3 {
            return lower
                .strip_suffix('s')
                .and_then(|singular| self.head_nouns.get(singular))
                .map(String::as_str);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_rules_load_and_name_only_ontology_terms() {
        let ontology = crate::ontology::Ontology::embedded().unwrap();
        let rules = Rules::embedded(ontology).unwrap();
        assert!(rules.frames.len() > 100);
        for frame in &rules.frames {
            assert!(ontology.property(&frame.predicate).is_some());
            assert!(!frame.verb().is_empty(), "{}", frame.rule);
        }
        assert!(rules.abbreviations.iter().any(|a| a == "U.S."));
        assert!(rules.abbreviations.iter().any(|a| a == "Calif."));
        assert_eq!(rules.values.weekdays.len(), 7);
        assert_eq!(
            rules.country_names[rules.countries["Russia"]].name,
            "Russia"
        );
        assert_eq!(rules.country_names[rules.demonyms["Chinese"]].name, "China");
        assert_eq!(rules.state_abbreviations["Pa."], "Pennsylvania");
        assert_eq!(rules.head_class("Division"), Some("GovernmentBody"));
        assert_eq!(rules.head_class("Bank"), Some("FinancialInstitution"));
    }

    #[test]
    fn a_leaders_title_is_the_whole_title_or_what_comes_before_its_of() {
        let ontology = crate::ontology::Ontology::embedded().unwrap();
        let rules = Rules::embedded(ontology).unwrap();
        let leads = |title: &str| rules.title_leads(&title.split(' ').collect::<Vec<_>>());
        assert!(leads("Chief Executive Officer of Acme"));
        assert!(leads("Acting Director of the National Science Foundation"));
        assert!(leads("Chief"));
        assert!(!leads("Chief Financial Officer of FDA"));
        assert!(!leads("Chief Agricultural Negotiator"));
        assert!(!leads("Deputy Director"));
    }

    #[test]
    fn transitive_frames_are_also_read_in_the_passive() {
        let ontology = crate::ontology::Ontology::embedded().unwrap();
        let rules = Rules::embedded(ontology).unwrap();
        let passive = rules
            .frames
            .iter()
            .find(|f| f.predicate == "acquires" && f.rule.ends_with(":passive"))
            .expect("a passive acquisition frame");
        assert_eq!(
            passive.pattern,
            [
                Slot::Object,
                Slot::Word("be".into()),
                Slot::Word("acquire".into()),
                Slot::Word("by".into()),
                Slot::Subject
            ]
        );
    }
}
