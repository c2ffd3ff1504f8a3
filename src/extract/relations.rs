//! Facts in a sentence: verb frames keyed by lemma ("S acquire O", read in both voices, with
//! coordination and lists on either side), and the frames of noun phrases — a title before a
//! name, an apposition after it, "City, State", "X of City", "Y's X".

mod appeals;
mod contracts;
mod departments;
mod document_clues;
mod grants;
mod investigations;

pub use document_clues::DocumentClues;

use std::collections::BTreeMap;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::coreference::{Document, Mention, Reference};
use super::lexicon::{Frame, Rules, Slot};
use super::names::{self, Name, Title, is_versus};
use super::tokens::{Kind, Token};
use super::values;
use crate::model::FactObject;
use crate::ontology::Ontology;
use crate::text::fold;
pub use appeals::Side;

/// The longest aside in brackets, in tokens, that a list or a subject reads past ("(D-IL)",
/// "(``Scott'')", "(OFAC)").
const ASIDE: usize = 8;

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    Entity(usize),
    Value(FactObject),
}

impl Target {
    pub fn entity(&self) -> Option<usize> {
        match self {
            Target::Entity(entity) => Some(*entity),
            Target::Value(_) => None,
        }
    }
}

/// A fact found in a sentence, before it is written into the sheet.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub subject: usize,
    pub predicate: String,
    pub object: Target,
    pub rule: String,
    pub confidence: f64,
    pub qualifiers: BTreeMap<String, FactObject>,
    /// Byte range in the sentence that the fact rests on.
    pub around: (usize, usize),
}

/// One sentence, read: its tokens, its mentions, and which mention covers each token.
pub struct Sentence<'s> {
    pub text: &'s str,
    pub tokens: Vec<Token<'s>>,
    pub mentions: Vec<Mention>,
    pub names: Vec<Name>,
    covering: Vec<Option<usize>>,
    /// Where the title before a name begins, by the name's first token.
    title_starts: HashMap<usize, usize>,
    /// The classes of the sentence's places, by entity.
    place_classes: HashMap<usize, String>,
    /// The sentence's people, by entity.
    people: HashSet<usize>,
    /// People named with a judge's title ("Chief Judge Sidney Fitzwater"): they act for a court.
    judges: HashSet<usize>,
    /// The lemma of each token read as a verb.
    lemmas: Vec<Option<&'static str>>,
    event_date: std::cell::OnceCell<Option<String>>,
}

impl<'s> Sentence<'s> {
    /// Past a one-word acronym in brackets at `at` ("Marshall Space Flight Center (MSFC)"),
    /// else `at`.
    fn past_acronym(&self, at: usize) -> usize {
        let text = |k: usize| self.tokens.get(k).map(|t| t.text);
        if text(at) == Some("(") && text(at + 2) == Some(")") {
            at + 3
        } else {
            at
        }
    }

    /// Where the name begins whose title covers token `at`, else `at`: "Chinese Vice Premier
    /// Liu He" read from "Chinese" or "Vice" reaches "Liu".
    fn past_title(&self, at: usize) -> usize {
        self.names
            .iter()
            .find(|n| {
                n.title
                    .as_ref()
                    .is_some_and(|t| t.start <= at && at < n.start)
            })
            .map_or(at, |n| n.start)
    }

    pub fn new(
        text: &'s str,
        tokens: Vec<Token<'s>>,
        mut mentions: Vec<Mention>,
        names: Vec<Name>,
        rules: &Rules,
        document: &Document<'_>,
    ) -> Self {
        mentions.sort_by_key(|m| m.start);
        let mut covering = vec![None; tokens.len()];
        for (index, mention) in mentions.iter().enumerate() {
            for slot in &mut covering[mention.start..mention.end] {
                *slot = Some(index);
            }
        }
        let lemmas = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                (t.kind == Kind::Word && covering[i].is_none())
                    .then(|| rules.words.verb_lemma(&t.lower))
                    .flatten()
            })
            .collect();
        let place_classes = mentions
            .iter()
            .filter_map(|m| {
                let class = document.class(m.entity)?;
                matches!(class, "City" | "Region" | "Country").then(|| (m.entity, class.to_owned()))
            })
            .collect();
        let people = mentions
            .iter()
            .filter(|m| document.class(m.entity) == Some("Person"))
            .map(|m| m.entity)
            .collect();
        let judges = names
            .iter()
            .filter(|n| {
                n.title
                    .as_ref()
                    .is_some_and(|t| rules.judicial_titles.contains(&t.head))
            })
            .filter_map(|n| Some(mentions.iter().find(|m| m.start == n.start)?.entity))
            .collect();
        let title_starts = names
            .iter()
            .filter_map(|n| Some((n.start, n.title.as_ref()?.start)))
            .collect();
        Self {
            text,
            tokens,
            mentions,
            names,
            title_starts,
            covering,
            place_classes,
            people,
            judges,
            lemmas,
            event_date: std::cell::OnceCell::new(),
        }
    }

    /// The person named right before "of" and `mention` ("Sidney Fitzwater of the Court",
    /// "Ethel Washington of Dallas"), when `mention` is not a person itself.
    fn person_before_of(&self, mention: &Mention) -> Option<Mention> {
        if self.people.contains(&mention.entity) {
            return None;
        }
        let mut at = mention.start;
        if at > 0 && self.tokens[at - 1].lower == "the" {
            at -= 1;
        }
        if at < 2 || self.tokens[at - 1].lower != "of" {
            return None;
        }
        self.mention_ending(at - 1)
            .filter(|m| self.people.contains(&m.entity))
            .copied()
    }

    /// The day the sentence dates its event ("on Tuesday"), read once for all its facts: a
    /// paragraph without full stops may be a sentence of megabytes.
    fn event_date(&self, published: Option<&str>, cues: &values::ValueCues) -> Option<&str> {
        self.event_date
            .get_or_init(|| values::event_date(&values::Words::new(self.text), published, cues))
            .as_deref()
    }

    /// The byte range of tokens `[start, end)`: what a fact rests on.
    fn span(&self, start: usize, end: usize) -> (usize, usize) {
        (self.tokens[start].start, self.tokens[end - 1].end)
    }

    fn mention_at(&self, token: usize) -> Option<&Mention> {
        self.covering
            .get(token)
            .copied()
            .flatten()
            .map(|m| &self.mentions[m])
    }

    /// The mention that ends right before token `at`.
    fn mention_ending(&self, at: usize) -> Option<&Mention> {
        at.checked_sub(1)
            .and_then(|k| self.mention_at(k))
            .filter(|m| m.end == at)
    }

    fn mention_starting(&self, at: usize) -> Option<&Mention> {
        self.mention_at(at).filter(|m| m.start == at)
    }

    /// The lower-cased word at token `at`; empty past the sentence's end.
    fn word(&self, at: usize) -> &str {
        self.tokens.get(at).map_or("", |t| t.lower.as_ref())
    }

    fn is_be(&self, at: usize) -> bool {
        matches!(
            self.tokens[at].lower.as_ref(),
            "be" | "is" | "are" | "was" | "were" | "been" | "being" | "'s" | "’s"
        )
    }
}

/// The most filler words between the words of a pattern ("filed a civil antitrust lawsuit").
const GAP: usize = 4;
/// The most filler words before a slot's mention ("the two", "its former").
const SLOT_GAP: usize = 3;
/// The most tokens from a verb to the sum of money it states.
const MONEY_REACH: usize = 24;
/// The most tokens from a verb to a colon or "including" that opens its list.
const LIST_REACH: usize = 14;
/// How far after a legal action its deal may be named ("filed a civil antitrust lawsuit on July
/// 20, 1995 to block the merger of").
const DEAL_REACH: usize = 16;

pub struct Reader<'r> {
    pub rules: &'r Rules,
    pub ontology: &'r Ontology,
}

impl Reader<'_> {
    fn lemma_is(&self, s: &Sentence<'_>, at: usize, lemma: &str) -> bool {
        let token = &s.tokens[at];
        if token.kind != Kind::Word || s.covering[at].is_some() {
            return false;
        }
        if lemma == "be" {
            return s.is_be(at);
        }
        token.lower == lemma
            || s.lemmas[at] == Some(lemma)
            || token.lower.strip_suffix('s') == Some(lemma)
            || is_plural_in_ies(&token.lower, lemma)
    }

    /// `lemma_is` for any word of a set, in a few lookups rather than one test per word.
    fn lemma_in(&self, s: &Sentence<'_>, at: usize, lemmas: &HashSet<String>) -> bool {
        let token = &s.tokens[at];
        if token.kind != Kind::Word || s.covering[at].is_some() {
            return false;
        }
        let lower = token.lower.as_ref();
        let known = |form: &str| form != "be" && lemmas.contains(form);
        // Cheap tests before each lookup: most words are their own lemma, and few are forms
        // of "be".
        known(lower)
            || s.lemmas[at].is_some_and(|lemma| lemma != lower && known(lemma))
            || lower.strip_suffix('s').is_some_and(known)
            || lower
                .strip_suffix("ies")
                .is_some_and(|stem| !stem.is_empty() && lemmas.contains(&format!("{stem}y")))
            || s.is_be(at) && lemmas.contains("be")
    }

    /// A word that may stand between the words of a pattern.
    fn is_filler(&self, s: &Sentence<'_>, at: usize) -> bool {
        let token = &s.tokens[at];
        if s.covering[at].is_some() {
            return false;
        }
        match token.kind {
            Kind::Number => true,
            // "awarded a $100 million contract": a sum is part of the noun phrase.
            Kind::Punct => token.text == "-" || currency_sign(token.text).is_some(),
            Kind::Possessive => false,
            Kind::Word => !matches!(
                token.lower.as_ref(),
                "and"
                    | "or"
                    | "but"
                    | "that"
                    | "which"
                    | "who"
                    | "whom"
                    | "whose"
                    | "said"
                    | "says"
                    | "not"
                    | "never"
                    | "to"
                    | "by"
                    | "if"
            ),
        }
    }

    /// "awarded a five-year, $1.24 billion contract extension to", "awarded a contract with
    /// a potential value of $171 million to": a sum, with the words that say it is the
    /// contract's worth, counts as one word between a pattern's words. Where it ends.
    fn amount_aside(&self, s: &Sentence<'_>, at: usize) -> Option<usize> {
        let mut k = at;
        if s.word(k) == "," {
            k += 1;
        }
        match s.word(k) {
            "worth" => k += 1,
            "valued" if s.word(k + 1) == "at" => k += 2,
            "with" => {
                // "with a potential value of", "with a ceiling of"
                let of = (k + 1..k + 5).find(|&j| s.word(j) == "of")?;
                if !matches!(s.word(of - 1), "value" | "ceiling" | "worth") {
                    return None;
                }
                k = of + 1;
            }
            _ => {}
        }
        if s.tokens
            .get(k)
            .is_none_or(|t| currency_sign(t.text).is_none())
        {
            return None;
        }
        k += 1;
        if s.tokens.get(k).is_none_or(|t| t.kind != Kind::Number) {
            return None;
        }
        k += 1;
        while self
            .rules
            .values
            .multipliers
            .iter()
            .any(|(multiplier, _)| multiplier == s.word(k))
        {
            k += 1;
        }
        Some(k)
    }

    /// A word that may stand before a slot's mention: a determiner, a number, an adjective.
    fn is_slot_filler(&self, s: &Sentence<'_>, at: usize) -> bool {
        let token = &s.tokens[at];
        if s.covering[at].is_some() {
            return false;
        }
        match token.kind {
            Kind::Number => true,
            Kind::Word => {
                matches!(
                    token.lower.as_ref(),
                    "a" | "an"
                        | "the"
                        | "its"
                        | "his"
                        | "her"
                        | "their"
                        | "two"
                        | "three"
                        | "four"
                        | "several"
                        | "both"
                        | "former"
                        | "fellow"
                        | "rival"
                        | "federal"
                        | "state"
                ) || self.rules.demonyms.contains_key(token.text)
                    || {
                        let pos = self.rules.words.parts_of_speech(token.lower.as_ref());
                        pos == super::words::ADJECTIVE
                            || pos == super::words::ADJECTIVE | super::words::ADVERB
                    }
            }
            _ => false,
        }
    }

    /// Past a clause's opening phrase of time or place up to its comma: "alleges that between
    /// February and May 2008, American Eagle conducted …" reaches "American Eagle".
    fn past_opening_phrase(&self, s: &Sentence<'_>, at: usize) -> usize {
        let opens = s.tokens.get(at).is_some_and(|t| {
            matches!(
                t.lower.as_ref(),
                "between"
                    | "in"
                    | "on"
                    | "during"
                    | "from"
                    | "since"
                    | "after"
                    | "before"
                    | "until"
            )
        });
        if !opens {
            return at;
        }
        (at + 1..s.tokens.len().min(at + GAP + 2))
            .find(|&k| s.tokens[k].text == ",")
            .filter(|&close| {
                (at + 1..close).all(|k| {
                    let lower = s.tokens[k].lower.as_ref();
                    s.covering[k].is_none()
                        && s.tokens[k].kind != Kind::Possessive
                        && (self.rules.calendar.contains(lower)
                            || self.rules.words.parts_of_speech(lower) & super::words::VERB == 0)
                })
            })
            .map_or(at, |close| close + 1)
    }

    /// The token after a short aside between commas at `at` ("ruled, six-to-three, against",
    /// "alleged that, on July 2, 2007, Goffer"), or `at` itself: numbers and words, no name, no verb, no
    /// clause of its own.
    fn past_comma_aside(&self, s: &Sentence<'_>, at: usize) -> usize {
        if s.tokens.get(at).is_none_or(|t| t.text != ",") {
            return at;
        }
        (at + 2..s.tokens.len().min(at + GAP + 2))
            .find(|&k| s.tokens[k].text == ",")
            .filter(|&close| {
                (at + 1..close).all(|k| {
                    let token = &s.tokens[k];
                    let filler = match token.kind {
                        Kind::Number => true,
                        Kind::Punct => token.text == "-",
                        Kind::Possessive => false,
                        Kind::Word => !matches!(
                            token.lower.as_ref(),
                            "and" | "or" | "but" | "that" | "which" | "who" | "said" | "not"
                        ),
                    };
                    filler
                        && s.covering[k].is_none()
                        && self.rules.words.parts_of_speech(token.lower.as_ref())
                            & super::words::VERB
                            == 0
                })
            })
            .map_or(at, |close| {
                // "alleged that, on July 2, 2007, Goffer …": a date's year after its comma.
                let year = s
                    .tokens
                    .get(close + 1)
                    .is_some_and(|t| t.kind == Kind::Number && t.text.len() == 4)
                    && s.tokens.get(close + 2).is_some_and(|t| t.text == ",");
                if year { close + 3 } else { close + 1 }
            })
    }

    /// The token after a short aside in brackets at `at` ("Scott Paper Company (``Scott'')"),
    /// or `at` itself.
    fn past_brackets(&self, s: &Sentence<'_>, at: usize) -> usize {
        if s.tokens.get(at).is_none_or(|t| t.text != "(") {
            return at;
        }
        (at + 1..s.tokens.len().min(at + ASIDE))
            .find(|&k| s.tokens[k].text == ")")
            .map_or(at, |close| close + 1)
    }

    /// Mentions joined to `first` by "and", "or", commas and "as well as", left to right.
    fn coordinated_right(&self, s: &Sentence<'_>, first: &Mention) -> Vec<Mention> {
        let mut out = vec![*first];
        let mut at = first.end;
        loop {
            // "Roger Wicker, R-Miss., and Thad Cochran": a party and state code is the person's.
            if let Some((_, _, end)) = self.party_code_after(s, at) {
                at = end;
            }
            if let Some(end) = self.past_incorporation(s, at) {
                at = end;
            }
            // "Ethel Washington of Dallas, Texas, and Jason Jeroski": where a person lives
            // belongs to them, and the list goes on after it.
            if s.people.contains(&out[out.len() - 1].entity)
                && s.tokens.get(at).is_some_and(|t| t.lower == "of")
            {
                if let Some(place) = s
                    .mention_starting(at + 1)
                    .filter(|m| s.place_classes.contains_key(&m.entity))
                {
                    at = place.end;
                    if let Some(larger) = s
                        .mention_starting(at + 1)
                        .filter(|next| self.is_place_in(s, Some(place), next))
                    {
                        at = larger.end;
                    }
                }
            }
            let mut k = self.past_brackets(s, at);
            let mut joined = false;
            while k < s.tokens.len()
                && matches!(s.tokens[k].lower.as_ref(), "," | "and" | "or" | ";")
            {
                joined = true;
                k += 1;
            }
            if k + 2 < s.tokens.len()
                && s.tokens[k].lower == "as"
                && s.tokens[k + 1].lower == "well"
                && s.tokens[k + 2].lower == "as"
            {
                joined = true;
                k += 3;
            }
            while k < s.tokens.len() && self.is_slot_filler(s, k) && !joined {
                k += 1;
            }
            if !joined {
                break;
            }
            let mut j = self.past_title_apposition(s, k).unwrap_or(k);
            while j < s.tokens.len() && j < k + SLOT_GAP && self.is_slot_filler(s, j) {
                j += 1;
            }
            // "Gov. John Bel Edwards and Lake Charles Mayor Nic Hunter": the next item is the
            // person its title introduces, not the place that qualifies the title.
            let j = s.past_title(j);
            match s.mention_starting(j) {
                // "Redmond, Washington": a place and the larger place it is in.
                Some(next) if self.is_place_in(s, out.last(), next) => {
                    at = next.end;
                }
                Some(next) if next.reference == Reference::Name => {
                    out.push(*next);
                    at = next.end;
                }
                _ => break,
            }
        }
        out
    }

    /// "Oberkampf Supply Company, its president, Cyril Reasoner, and …": a list item may be a
    /// person named after the title that ties them to the item before. Where the name begins,
    /// when a title in commas starts at `at`.
    fn past_title_apposition(&self, s: &Sentence<'_>, at: usize) -> Option<usize> {
        let opens = s
            .tokens
            .get(at)
            .is_some_and(|t| matches!(t.lower.as_ref(), "its" | "their" | "his" | "her"));
        if !opens {
            return None;
        }
        let mut k = at + 1;
        while k < s.tokens.len() && k <= at + 4 && s.covering[k].is_none() {
            if !self.is_title_token(s, k) {
                break;
            }
            k += 1;
        }
        let titled = k > at + 1 && self.is_title_head_token(s, k - 1);
        let comma = s.tokens.get(k).is_some_and(|t| t.text == ",");
        // The name may stand after a title of its own ("its founder, billionaire Elon Musk").
        let name_at = s.past_title(k + 1);
        let person = s
            .mention_starting(name_at)
            .is_some_and(|m| m.reference == Reference::Name);
        (titled && comma && person).then_some(name_at)
    }

    /// A word of a title ("chief", "Executive", "Sec.").
    fn is_title_token(&self, s: &Sentence<'_>, at: usize) -> bool {
        let word = s.tokens[at].lower.trim_end_matches('.');
        self.rules.title_words.contains(word) || self.rules.title_heads.contains(word)
    }

    /// A word a title ends in ("director", "president").
    fn is_title_head_token(&self, s: &Sentence<'_>, at: usize) -> bool {
        self.rules
            .title_heads
            .contains(s.tokens[at].lower.trim_end_matches('.'))
    }

    /// A state or country written after a city ("Redmond, Washington").
    fn is_place_in(&self, s: &Sentence<'_>, previous: Option<&Mention>, next: &Mention) -> bool {
        let Some(previous) = previous else {
            return false;
        };
        // "based in Exton, Pennsylvania": after "in", a name no list knows is the town.
        let town_after_in = !s.place_classes.contains_key(&previous.entity)
            && !s.people.contains(&previous.entity)
            && previous.start > 0
            && s.tokens[previous.start - 1].lower == "in";
        next.start == previous.end + 1
            && s.tokens[previous.end].text == ","
            && (town_after_in
                || s.place_classes
                    .get(&previous.entity)
                    .is_some_and(|c| c == "City"))
            && s.place_classes
                .get(&next.entity)
                .is_some_and(|c| c == "Region" || c == "Country")
    }

    /// Where a short aside in brackets ending right before `at` opens ("(D-IL)", "(OFAC)"),
    /// or `at` itself.
    fn aside_before(&self, s: &Sentence<'_>, at: usize) -> usize {
        if at < 2 || s.tokens[at - 1].text != ")" {
            return at;
        }
        (at.saturating_sub(ASIDE)..at - 1)
            .rev()
            .find(|&k| matches!(s.tokens[k].text, "(" | ")"))
            .filter(|&k| s.tokens[k].text == "(")
            .unwrap_or(at)
    }

    /// Mentions joined to `last` leftwards ("Hurley and Behnken docked").
    fn coordinated_left(&self, s: &Sentence<'_>, last: &Mention) -> Vec<Mention> {
        let mut out = vec![*last];
        let mut at = last.start;
        loop {
            let mut k = at;
            // "the United States and the State of Texas"
            if k > 0 && s.tokens[k - 1].lower == "the" {
                k -= 1;
            }
            let mut joined = false;
            while k > 0 && matches!(s.tokens[k - 1].lower.as_ref(), "," | "and") {
                joined = true;
                k -= 1;
            }
            if !joined {
                break;
            }
            // "Jeffrey Smith, 45, and Mary Jones": a person's age is set off after the name.
            if k >= 2 && s.tokens[k - 1].kind == Kind::Number {
                let age_word = k >= 3 && s.tokens[k - 2].lower == "age";
                let opens = if age_word { k - 3 } else { k - 2 };
                if s.tokens[opens].text == "," {
                    k = opens;
                }
            }
            match s.mention_ending(self.aside_before(s, k)) {
                Some(previous) if previous.reference == Reference::Name => {
                    out.push(*previous);
                    at = previous.start;
                }
                _ => break,
            }
        }
        out.reverse();
        out
    }

    /// "the Internet company Yahoo", "the telecommunications company BellSouth": where the
    /// business's name begins, when what stands at `at` describes it: a capitalised common
    /// word or lower-case words, ending in a business noun.
    fn described_business(&self, s: &Sentence<'_>, at: usize) -> Option<usize> {
        const LONGEST: usize = 3;
        let mut k = at;
        if let Some(m) = s.mention_starting(at) {
            let word = &s.tokens[m.start];
            if m.end != m.start + 1 || !self.rules.words.is_known(word.lower.as_ref()) {
                return None;
            }
            k = m.end;
        }
        let words_end = (k..(k + LONGEST).min(s.tokens.len()))
            .take_while(|&j| {
                let t = &s.tokens[j];
                s.covering[j].is_none()
                    && t.kind == Kind::Word
                    && !t.is_capitalised()
                    && !self.rules.function_words.contains(t.lower.as_ref())
            })
            .last()?
            + 1;
        let business = self
            .rules
            .head_class(s.tokens[words_end - 1].lower.as_ref())
            .is_some_and(|class| self.ontology.is_subclass_of(class, "Organization"));
        (business
            && s.mention_starting(words_end)
                .is_some_and(|m| m.reference == Reference::Name))
        .then_some(words_end)
    }

    /// "made a public offer to", "raised its recent offer to", "reached an agreement to": where
    /// the verb that makes the proposal stands, when the proposal's noun and "to" end right
    /// before token `at`.
    fn proposal_before(&self, s: &Sentence<'_>, at: usize) -> Option<usize> {
        const LONGEST: usize = 4;
        if at < 3
            || s.tokens[at - 1].lower != "to"
            || !self.lemma_in(s, at - 2, &self.rules.proposal_nouns)
        {
            return None;
        }
        let mut k = at - 2;
        while k > 0 && at - 2 - k < LONGEST {
            k -= 1;
            if self.lemma_in(s, k, &self.rules.proposal_verbs) {
                return Some(k);
            }
            let t = &s.tokens[k];
            let modifies = t.kind == Kind::Word
                && !t.is_capitalised()
                && s.covering[k].is_none()
                && s.lemmas[k].is_none_or(|_| {
                    matches!(t.lower.as_ref(), "its" | "their" | "his" | "her")
                        || self.rules.determiners.contains(t.lower.as_ref())
                });
            if !modifies {
                return None;
            }
        }
        None
    }

    /// The subject side of a verb group that begins at `at`: the mention before it, across
    /// auxiliaries, adverbs, dates, an apposition in commas and a relative pronoun. Also
    /// what the group says of status ("agreed to") and whether it is negated or passive.
    fn left_side(&self, s: &Sentence<'_>, verb: usize) -> Option<LeftSide> {
        let mut at = verb;
        let mut status = None;
        let mut be = false;
        let mut steps = 0;
        while at > 0 && steps < 12 {
            steps += 1;
            let token = &s.tokens[at - 1];
            if s.covering[at - 1].is_some() {
                break;
            }
            if let Some(made) = self.proposal_before(s, at) {
                status = Some("announced".to_owned());
                at = made;
                continue;
            }
            if let Some((length, phrase_status)) = self.transparent_before(s, at) {
                if phrase_status.is_some() {
                    status = phrase_status;
                }
                at -= length;
                continue;
            }
            let lower = token.lower.as_ref();
            if self.rules.negation.contains(lower) || self.rules.hypothetical.contains(lower) {
                return None;
            }
            if s.is_be(at - 1) {
                be = true;
                at -= 1;
                continue;
            }
            let pos = self.rules.words.parts_of_speech(lower);
            let adverb = pos == super::words::ADVERB
                || lower.ends_with("ly") && pos & super::words::VERB == 0;
            if self.rules.auxiliaries.contains(lower)
                || adverb
                || self.rules.calendar.contains(lower)
                || token.kind == Kind::Number
                || matches!(lower, "on" | "in")
                    && at >= 2
                    && (self.rules.calendar.contains(s.tokens[at].lower.as_ref())
                        || s.tokens[at].kind == Kind::Number)
            {
                at -= 1;
                continue;
            }
            // "confirmed Dr. Califf to lead the FDA", "permit AT&T Corp. to purchase McCaw":
            // the one named right before "to" does what the infinitive says. Not an office
            // ("nominated Joseph Dunford to serve as Chairman"): nominations read those.
            let office = || s.is_be(verb) || self.lemma_in(s, verb, &self.rules.role_verbs);
            if lower == "to" && s.mention_ending(at - 1).is_some() && !office() {
                at -= 1;
            }
            // "the Supreme Court's decision to strike down": the possessor decided and acts.
            if lower == "to"
                && at >= 3
                && s.tokens[at - 3].kind == Kind::Possessive
                && s.covering[at - 2].is_none()
                && self
                    .rules
                    .decisions
                    .contains(s.tokens[at - 2].lower.as_ref())
                && s.mention_ending(at - 3).is_some()
            {
                at -= 3;
            }
            break;
        }
        let mut relative = false;
        if at > 0 && matches!(s.tokens[at - 1].lower.as_ref(), "who" | "which" | "that") {
            relative = true;
            at -= 1;
            if at > 0 && s.tokens[at - 1].text == "," {
                at -= 1;
            }
        }
        // "Upstate Milk, based in Le Roy,": a participle after a comma is a reduced relative
        // clause about the name before it, in the passive.
        // Not after a name set off by commas after another ("Islam Siddiqui, USTR's Chief
        // Agricultural Negotiator, traveled"): that comma closes an apposition, and the name
        // before it acts.
        let closes_apposition = |m: &Mention| {
            let mut start = m.start;
            if start >= 2 && s.tokens[start - 1].kind == Kind::Possessive {
                if let Some(owner) = s.mention_ending(start - 1) {
                    start = owner.start;
                }
            }
            start >= 2 && s.tokens[start - 1].text == "," && s.mention_ending(start - 1).is_some()
        };
        if at == verb && at >= 2 && s.tokens[at - 1].text == "," && is_participle(s, verb) {
            if let Some(m) = s.mention_ending(at - 1).filter(|m| !closes_apposition(m)) {
                return Some(LeftSide {
                    mentions: vec![*m],
                    status,
                    be: true,
                    start: m.start,
                });
            }
        }
        // "the Office of Foreign Assets Control (OFAC) designated", "Dick Durbin (D-IL)
        // called": the name before a short aside in brackets.
        let open = self.aside_before(s, at);
        if s.mention_ending(open).is_some() {
            at = open;
        }
        // "The SEC's complaint, filed on December 11, 2008, in federal court in Manhattan,
        // alleges": an aside that says where and when the filing was made.
        if at >= 2 && s.tokens[at - 1].text == "," {
            let filed_aside = (at.saturating_sub(2 * ASIDE)..at - 2).rev().find(|&k| {
                k >= 1
                    && s.tokens[k].text == ","
                    && s.lemmas[k + 1].is_some()
                    && is_participle(s, k + 1)
                    && s.covering[k - 1].is_none()
                    && self.rules.filings.contains(s.tokens[k - 1].lower.as_ref())
            });
            if let Some(open) = filed_aside {
                at = open;
            }
        }
        // "The FTC's administrative complaint against Impax charges that": the filing acts, not
        // the party it is against.
        if let Some(party) = s.mention_ending(at) {
            if party.start >= 2
                && s.tokens[party.start - 1].lower == "against"
                && self
                    .rules
                    .filings
                    .contains(s.tokens[party.start - 2].lower.as_ref())
            {
                at = party.start - 1;
            }
        }
        // "The SEC's complaint alleges", "The FTC's administrative complaint": the filing speaks
        // for whoever filed it.
        let filer_at = (at >= 2
            && s.covering[at - 1].is_none()
            && self.rules.filings.contains(s.tokens[at - 1].lower.as_ref()))
        .then(|| {
            (2..=4).take_while(|&back| back <= at).find(|&back| {
                s.tokens[at - back].kind == Kind::Possessive
                    && (at - back + 1..at - 1).all(|k| {
                        s.covering[k].is_none()
                            && s.tokens[k].kind == Kind::Word
                            && !s.tokens[k].is_capitalised()
                    })
            })
        })
        .flatten();
        if let Some(back) = filer_at.filter(|&back| s.mention_ending(at - back).is_some()) {
            at -= back;
        } else if at >= 2
            && s.covering[at - 1].is_none()
            && self.rules.filings.contains(s.tokens[at - 1].lower.as_ref())
        {
            // "The FTC complaint charges", "a Justice Department lawsuit alleges": the filer's
            // name as the filing's modifier, after an article.
            let filer_start = s.mention_ending(at - 1).map(|m| m.start);
            let after_article = filer_start.is_some_and(|start| {
                start > 0 && matches!(s.tokens[start - 1].lower.as_ref(), "the" | "a" | "an")
            });
            if after_article {
                at -= 1;
            }
        }
        let mention = match s.mention_ending(at) {
            Some(m) => *m,
            None if at > 0 && s.tokens[at - 1].text == "," && !relative => {
                // "Anne K. Bingaman, Assistant Attorney General, said": an apposition in commas.
                let close = at - 1;
                let open = (close.saturating_sub(20)..close)
                    .rev()
                    .find(|&k| s.tokens[k].text == ",")?;
                let clause_has_verb = (open + 1..close).any(|k| {
                    s.lemmas[k].is_some()
                        && self.rules.words.parts_of_speech(s.tokens[k].lower.as_ref())
                            & super::words::NOUN
                            == 0
                });
                if clause_has_verb {
                    return None;
                }
                *s.mention_ending(open)?
            }
            None => return None,
        };
        // "A federal court in Dallas barred", "a bank in Moscow acquired": a place after a
        // preposition says where the subject is; the subject is what stands before it, if named.
        // "A jury in Montgomery, Ala. convicted": the place may be a city and its state.
        let is_place = |m: &Mention| s.place_classes.contains_key(&m.entity);
        let mut place = mention;
        while is_place(&place) && place.start >= 2 && s.tokens[place.start - 1].text == "," {
            match s.mention_ending(place.start - 1) {
                Some(wider) if is_place(wider) => place = *wider,
                _ => break,
            }
        }
        let located = place.start >= 2
            && is_place(&place)
            && matches!(
                s.tokens[place.start - 1].lower.as_ref(),
                "in" | "at" | "near" | "outside" | "from"
            );
        let mention = if located {
            *s.mention_ending(place.start - 1)?
        } else {
            mention
        };
        // "Chief Judge Sidney Fitzwater of the U.S. District Court … signed": the person acts,
        // the organisation after "of" only says where they serve.
        let mention = s.person_before_of(&mention).unwrap_or(mention);
        Some(LeftSide {
            mentions: self.coordinated_left(s, &mention),
            status,
            be,
            start: mention.start,
        })
    }

    /// A transparent phrase ("agreed to", "is expected to") ending right before token `at`:
    /// its length in tokens and the status it gives.
    fn transparent_before(&self, s: &Sentence<'_>, at: usize) -> Option<(usize, Option<String>)> {
        let last = &self.rules.transparent_last_words;
        if at == 0
            || !(self.lemma_in(s, at - 1, last) || last.contains(s.tokens[at - 1].lower.as_ref()))
        {
            return None;
        }
        for phrase in &self.rules.transparent {
            let n = phrase.len();
            if at < n {
                continue;
            }
            // From the last word back: the word right before `at` rejects nearly every phrase.
            let matches = phrase.iter().enumerate().rev().all(|(i, word)| {
                let k = at - n + i;
                self.lemma_is(s, k, word) || s.tokens[k].lower == *word
            });
            if matches {
                let status = self
                    .rules
                    .status
                    .iter()
                    .find(|(words, _)| words == phrase)
                    .map(|(_, status)| status.clone());
                return Some((n, status));
            }
        }
        None
    }

    /// The mentions a slot on the right takes, starting the search at token `at`: the next
    /// mention after a few fillers with those coordinated to it, else a list after a colon or
    /// "including".
    fn right_slot(&self, s: &Sentence<'_>, at: usize) -> Option<(Vec<Mention>, usize)> {
        let mut k = at;
        while k < s.tokens.len() && k < at + SLOT_GAP && self.is_slot_filler(s, k) {
            k += 1;
        }
        // "owned by its founder, billionaire Elon Musk"
        if let Some(name_at) = self.past_title_apposition(s, k) {
            k = name_at;
        }
        // "meets with Chinese Vice Premier Liu He": the person the title is of.
        k = s.past_title(k);
        // "designated the Vice President of the Supreme Court, Marvin Aguilar": the person
        // after a title named in full.
        if let Some(office) = s
            .names
            .iter()
            .find(|n| n.start == k && n.class.as_deref() == Some("Position"))
        {
            let person = s
                .mention_starting(office.end + 1)
                .is_some_and(|m| m.reference == Reference::Name);
            if person && s.tokens[office.end].text == "," {
                k = office.end + 1;
            }
        }
        // "sanctioned Russian businessman Oleg Deripaska": the person a role noun describes.
        let mut j = k;
        while j < s.tokens.len()
            && j < k + 3
            && s.covering[j].is_none()
            && (self.rules.demonyms.contains_key(s.tokens[j].text)
                || s.tokens[j].text.starts_with(char::is_lowercase)
                    && self.rules.head_class(s.tokens[j].lower.as_ref()) == Some("Person"))
        {
            j += 1;
        }
        if j > k
            && s.mention_starting(j)
                .is_some_and(|m| m.reference == Reference::Name)
        {
            k = j;
        }
        // "buy the Internet company Yahoo": a capitalised common word that describes the
        // business named after it is no name of its own.
        if let Some(described) = self.described_business(s, k) {
            k = described;
        }
        // "launched a United Launch Alliance Delta IV-Medium rocket": the product, not its
        // maker named before it.
        if let Some(product) = s
            .mention_starting(k)
            .and_then(|maker| s.mention_starting(maker.end))
            .filter(|product| {
                self.rules
                    .product_noun_end(&s.tokens, product.end)
                    .is_some()
            })
        {
            k = product.start;
        }
        if let Some(m) = s.mention_starting(k) {
            let m = self.possessed(s, m)?;
            let all = self.coordinated_right(s, m);
            let end = all.last().map_or(m.end, |l| l.end);
            return Some((all, end));
        }
        // "banning transactions with … the following applications: Alipay, CamScanner, …"
        let limit = (at + LIST_REACH).min(s.tokens.len());
        let mut j = at;
        while j < limit {
            if s.covering[j].is_some() || matches!(s.tokens[j].lower.as_ref(), "." | ";") {
                return None;
            }
            let opener_length = if s.tokens[j].text == ":" {
                Some(1)
            } else {
                self.rules.inclusion.iter().find_map(|phrase| {
                    (phrase
                        .iter()
                        .enumerate()
                        .all(|(i, w)| s.tokens.get(j + i).is_some_and(|t| t.lower == *w)))
                    .then_some(phrase.len())
                })
            };
            if let Some(length) = opener_length {
                let mut first = j + length;
                while first < s.tokens.len()
                    && first < j + length + SLOT_GAP
                    && self.is_slot_filler(s, first)
                {
                    first += 1;
                }
                let m = self.possessed(s, s.mention_starting(first)?)?;
                let all = self.coordinated_right(s, m);
                let end = all.last().map_or(m.end, |l| l.end);
                return Some((all, end));
            }
            j += 1;
        }
        None
    }

    /// "charged … in violation of the Sherman Act": the subject of a legal action in the
    /// sentence invokes the instrument after an invocation cue.
    pub fn invocations(
        &self,
        s: &Sentence<'_>,
        document: &Document<'_>,
        found: &[Candidate],
    ) -> Vec<Candidate> {
        let action = found
            .iter()
            .find(|f| self.rules.legal_actions.contains(&f.predicate))
            .map(|f| f.subject);
        let mut out = Vec::new();
        let starts: Vec<usize> = (0..s.tokens.len())
            .filter(|&at| {
                self.rules
                    .invocation_first_words
                    .contains(s.tokens[at].lower.as_ref())
            })
            .collect();
        if starts.is_empty() {
            return out;
        }
        for cue in &self.rules.invocation_cues {
            for &at in &starts {
                let matches = cue
                    .iter()
                    .enumerate()
                    .all(|(i, w)| s.tokens.get(at + i).is_some_and(|t| t.lower == *w));
                if !matches {
                    continue;
                }
                let mut k = at + cue.len();
                while k < s.tokens.len()
                    && k < at + cue.len() + SLOT_GAP
                    && self.is_slot_filler(s, k)
                {
                    k += 1;
                }
                let Some(law) = self.law_at(s, document, k) else {
                    continue;
                };
                // "BIS added 37 entities to the Entity List under the Export Administration
                // Regulations": with no legal action named, the agent that acts does.
                let authority = self.rules.authority_cues.contains(cue);
                let laws = self.laws_from(s, document, law);
                let invoker = action
                    .or_else(|| {
                        authority
                            .then(|| self.actor_before(s, document, at))
                            .flatten()
                    })
                    .or_else(|| self.action_owner(s, document, at))
                    .or_else(|| {
                        let laws_end = laws.last().map_or(law.end, |l| l.end);
                        authority
                            .then(|| self.subject_around_cue(s, document, at, laws_end))
                            .flatten()
                    })
                    .filter(|&subject| subject != law.entity);
                for (subject, law) in invoker
                    .iter()
                    .flat_map(|&i| laws.iter().map(move |l| (i, l)))
                {
                    out.push(Candidate {
                        subject,
                        predicate: "invokes".to_owned(),
                        object: Target::Entity(law.entity),
                        rule: "frame:invokes:legal-action-under".to_owned(),
                        confidence: 0.6,
                        qualifiers: BTreeMap::new(),
                        around: s.span(at, law.end),
                    });
                }
                // "the merger would violate Section 7": no breach yet.
                let hypothetical = s.tokens[at.saturating_sub(25)..at]
                    .iter()
                    .any(|t| self.rules.hypothetical.contains(t.lower.as_ref()));
                // "found the Trust not liable for violations of": a breach denied.
                let denied = s.tokens[at.saturating_sub(4)..at]
                    .iter()
                    .any(|t| self.rules.negation.contains(t.lower.as_ref()));
                if !authority && !hypothetical && !denied {
                    for violator in self.violators(s, document, found, at) {
                        for law in laws.iter().filter(|law| law.entity != violator) {
                            out.push(Candidate {
                                subject: violator,
                                predicate: "violates".to_owned(),
                                object: Target::Entity(law.entity),
                                rule: "frame:violates:breach-cue".to_owned(),
                                confidence: 0.6,
                                qualifiers: BTreeMap::new(),
                                around: s.span(at, law.end),
                            });
                        }
                    }
                }
            }
        }
        out
    }

    /// Accusations a suit or a filing carries: "filed a lawsuit against Duke Energy, charging
    /// that …" (whoever sues accuses the party sued), and "According to the department's
    /// complaint, Four Oaks unlawfully allowed …" (whoever filed accuses the clause's subject).
    pub fn accusations(
        &self,
        s: &Sentence<'_>,
        document: &Document<'_>,
        found: &[Candidate],
    ) -> Vec<Candidate> {
        let mut out = Vec::new();
        let alleging = |at: usize| {
            s.tokens.get(at).is_some_and(|t| t.text == ",")
                && s.tokens.get(at + 1).is_some_and(|t| {
                    matches!(t.lower.as_ref(), "alleging" | "charging" | "claiming")
                })
        };
        for suit in found.iter().filter(|f| f.predicate == "sues") {
            let Some(party) = suit.object.entity() else {
                continue;
            };
            let Some(named) = s.mentions.iter().find(|m| m.entity == party) else {
                continue;
            };
            // Past the other parties listed with it.
            let end = self
                .coordinated_right(s, named)
                .last()
                .map_or(named.end, |m| m.end);
            if alleging(end) {
                let around = s.span(named.start, end + 2);
                out.push(self.fact(
                    suit.subject,
                    "accuses",
                    party,
                    "frame:accuses:suit-alleging",
                    0.6,
                    around,
                ));
            }
        }
        let according =
            s.tokens.len() > 4 && s.tokens[0].lower == "according" && s.tokens[1].lower == "to";
        if according {
            let comma = (2..s.tokens.len().min(12)).find(|&k| s.tokens[k].text == ",");
            let filing = comma.filter(|&c| {
                c >= 4
                    && self.rules.filings.contains(s.tokens[c - 1].lower.as_ref())
                    && s.tokens[c - 2].kind == Kind::Possessive
            });
            let agent = |m: &&Mention| self.is_a(document, m.entity, "Agent");
            let filer = filing.and_then(|c| s.mention_ending(c - 2)).filter(agent);
            let accused = comma.and_then(|c| s.mention_starting(c + 1)).filter(agent);
            if let (Some(filer), Some(accused)) = (filer, accused) {
                if filer.entity != accused.entity {
                    out.push(self.fact(
                        filer.entity,
                        "accuses",
                        accused.entity,
                        "frame:accuses:according-to-filing",
                        0.6,
                        s.span(0, accused.end),
                    ));
                }
            }
        }
        out
    }

    /// The subject of the clause an authority cue stands in when no verb comes before it:
    /// "Pursuant to the Act, 15 U.S.C. § 16, the United States hereby publishes" (the cue
    /// opens the sentence; the subject follows the law and its citations) and "Plaintiff
    /// United States of America, pursuant to Section 2(b) of the Act, files" (the cue is set
    /// off after the subject).
    fn subject_around_cue(
        &self,
        s: &Sentence<'_>,
        document: &Document<'_>,
        at: usize,
        laws_end: usize,
    ) -> Option<usize> {
        const LONGEST_CITATION: usize = 20;
        let agent =
            |m: &&Mention| m.reference == Reference::Name && self.is_a(document, m.entity, "Agent");
        if at == 0 {
            let mut k = laws_end;
            // Past citations of the law ("15 U.S.C. § 16(b)-(h)") set off by commas.
            while k < s.tokens.len() && k < laws_end + LONGEST_CITATION {
                if s.tokens[k].text == "," {
                    let mut next = k + 1;
                    if s.tokens.get(next).is_some_and(|t| t.lower == "the") {
                        next += 1;
                    }
                    if let Some(subject) = s.mention_starting(next).filter(agent) {
                        let verb_follows = s.lemmas.get(subject.end).is_some_and(Option::is_some)
                            || s.tokens.get(subject.end).is_some_and(|t| {
                                self.rules.words.parts_of_speech(t.lower.as_ref())
                                    == super::words::ADVERB
                            });
                        if verb_follows && !self.is_a(document, subject.entity, "LegalInstrument") {
                            return Some(subject.entity);
                        }
                    }
                }
                k += 1;
            }
            return None;
        }
        let comma = at.checked_sub(1).filter(|&c| s.tokens[c].text == ",")?;
        let subject = s.mention_ending(comma).filter(agent)?;
        let no_verb_before = (0..subject.start).all(|k| s.lemmas[k].is_none());
        no_verb_before.then_some(subject.entity)
    }

    /// Who a breach cue at token `at` says broke the law: the parties a legal action of the
    /// sentence is against ("charged X … in violation of"), else the actor of the clause
    /// before a breach verb ("WDR violated the Act").
    fn violators(
        &self,
        s: &Sentence<'_>,
        document: &Document<'_>,
        found: &[Candidate],
        at: usize,
    ) -> Vec<usize> {
        let mut against: Vec<usize> = found
            .iter()
            .filter(|f| self.rules.violator_actions.contains(&f.predicate))
            .filter_map(|f| f.object.entity())
            .filter(|&party| self.is_a(document, party, "Agent"))
            .collect();
        against.sort_unstable();
        against.dedup();
        if !against.is_empty() {
            return against;
        }
        let verb = s.tokens[at].lower.starts_with("violat") && s.tokens[at].lower != "violation";
        // "Roth was convicted of conspiracy to violate": the actor of the clause; "alleges
        // that the defendants violated": nobody named, not the subject of the verb before
        // "that".
        // "charged him with violating", "accused of violating": the gerund's doer is whoever
        // the verb before it is about, not that verb's subject.
        let complement = at > 0
            && matches!(
                s.tokens[at - 1].lower.as_ref(),
                "with" | "of" | "for" | "in" | "by"
            );
        if verb && !complement {
            // "The Justice Department said the merger violated …": a clause opens after a
            // verb of saying as it does after "that".
            let clause_start = (0..at)
                .rev()
                .find(|&k| {
                    matches!(s.tokens[k].lower.as_ref(), "that" | "which" | "whether")
                        || self.lemma_in(s, k, &self.rules.reporting_verbs)
                })
                .map_or(0, |k| k + 1);
            let actors = self.actors_before(s, document, at + 1);
            let in_clause = actors.iter().all(|&actor| {
                s.mentions
                    .iter()
                    .any(|m| m.entity == actor && m.start >= clause_start && m.end <= at)
            });
            if !actors.is_empty() && in_clause {
                return actors;
            }
        }
        // "The Court found Johnson liable … for violations of …", "Roth was convicted of
        // conspiracy to violate …": the one party named before the cue that is neither a
        // public authority nor an official.
        let officials: HashSet<usize> = s
            .names
            .iter()
            .filter(|n| n.title.is_some())
            .filter_map(|n| s.mention_at(n.end - 1).map(|m| m.entity))
            .collect();
        let mut parties: Vec<usize> = s
            .mentions
            .iter()
            .filter(|m| m.end <= at)
            .map(|m| m.entity)
            .filter(|&e| {
                self.is_a(document, e, "Agent")
                    && !officials.contains(&e)
                    && ![
                        "GovernmentBody",
                        "Court",
                        "GeopoliticalEntity",
                        "MilitaryOrganization",
                    ]
                    .iter()
                    .any(|class| self.is_a(document, e, class))
            })
            .collect();
        parties.sort_unstable();
        parties.dedup();
        if parties.len() == 1 {
            parties
        } else {
            Vec::new()
        }
    }

    /// The token after a part of a law named before the law ("Section 10(b) of the", "Rule 3
    /// of"), or `at` when none is.
    fn past_section(&self, s: &Sentence<'_>, at: usize) -> usize {
        let parts = [
            "section",
            "sections",
            "paragraph",
            "subsection",
            "clause",
            "part",
            "§",
        ];
        if !s
            .tokens
            .get(at)
            .is_some_and(|t| parts.contains(&t.lower.as_ref()))
        {
            return at;
        }
        let mut k = at + 1;
        while s.tokens.get(k).is_some_and(|t| {
            t.kind == Kind::Number
                || t.text.chars().any(|c| c.is_ascii_digit())
                || matches!(t.text, "(" | ")")
                || t.text.len() <= 2 && t.lower != "of"
        }) && k < at + 8
        {
            k += 1;
        }
        if s.tokens.get(k).is_none_or(|t| t.lower != "of") {
            return at;
        }
        k += 1;
        if s.tokens.get(k).is_some_and(|t| t.lower == "the") {
            k += 1;
        }
        k
    }

    /// The law named at token `at`, itself or by one of its parts.
    fn law_at<'m>(
        &self,
        s: &'m Sentence<'_>,
        document: &Document<'_>,
        at: usize,
    ) -> Option<&'m Mention> {
        [at, self.past_section(s, at)]
            .into_iter()
            .filter_map(|k| s.mention_starting(k))
            .find(|m| self.is_a(document, m.entity, "LegalInstrument"))
    }

    /// A law and the laws listed after it, each perhaps by one of its parts: "the Securities
    /// Act of 1933, Section 10(b) of the Securities Exchange Act of 1934 and Rule 10b-5".
    fn laws_from<'m>(
        &self,
        s: &'m Sentence<'_>,
        document: &Document<'_>,
        first: &'m Mention,
    ) -> Vec<&'m Mention> {
        let mut laws = vec![first];
        let mut k = first.end;
        loop {
            let mut j = k;
            while s
                .tokens
                .get(j)
                .is_some_and(|t| matches!(t.lower.as_ref(), "," | "and" | "or"))
            {
                j += 1;
            }
            if j == k {
                break;
            }
            // "the Sherman Act and the Clayton Act"
            if s.tokens.get(j).is_some_and(|t| t.lower == "the") {
                j += 1;
            }
            let Some(next) = self.law_at(s, document, j) else {
                break;
            };
            k = next.end;
            // "the Antitrust Procedures and Penalties Act, 15 U.S.C. § 16": the code's section
            // after a named act is where the act is codified, not another law.
            let citation = |m: &Mention| {
                let written = &s.text[s.tokens[m.start].start..s.tokens[m.end - 1].end];
                written.contains("U.S.C") || written.contains("C.F.R")
            };
            let after_named_act = laws.last().is_some_and(|&last| !citation(last));
            if !(citation(next) && after_named_act && s.tokens[j - 1].text == ",") {
                laws.push(next);
            }
        }
        laws
    }

    /// The agent whose legal action a possessive names before token `at`: "The SEC's
    /// complaint, filed on …, alleges that the defendants violated".
    fn action_owner(&self, s: &Sentence<'_>, document: &Document<'_>, at: usize) -> Option<usize> {
        (1..at).rev().find_map(|noun| {
            if !self
                .rules
                .action_nouns
                .contains(s.tokens[noun].lower.as_ref())
                || s.tokens[noun - 1].kind != Kind::Possessive
            {
                return None;
            }
            let owner = s.mention_ending(noun - 1)?;
            self.is_a(document, owner.entity, "Agent")
                .then_some(owner.entity)
        })
    }

    /// The agent subject of the last verb before token `at`: "OFAC designated three entities
    /// … pursuant to".
    fn actor_before(&self, s: &Sentence<'_>, document: &Document<'_>, at: usize) -> Option<usize> {
        match self.actors_before(s, document, at).as_slice() {
            [actor] => Some(*actor),
            _ => None,
        }
    }

    /// The agents of the clause a verb before token `at` opens ("Allied and Hodge violated"),
    /// when every one of them is an agent.
    fn actors_before(&self, s: &Sentence<'_>, document: &Document<'_>, at: usize) -> Vec<usize> {
        // The cue stays in the verb's clause: "a designation that under Executive Order 13959
        // will bar" is not what the company named long before does.
        const CLAUSE: usize = 12;
        (at.saturating_sub(CLAUSE)..at)
            .rev()
            .find_map(|verb| {
                if s.lemmas[verb].is_none() || s.is_be(verb) {
                    return None;
                }
                let side = self.left_side(s, verb)?;
                let agents = side
                    .mentions
                    .iter()
                    .all(|m| self.is_a(document, m.entity, "Agent"));
                (!side.mentions.is_empty() && agents)
                    .then(|| side.mentions.iter().map(|m| m.entity).collect())
            })
            .unwrap_or_default()
    }

    /// "North Korea's unlawful pursuit", "the Iranian government's continued suppression": a
    /// name owning a common noun phrase, after a few fillers from `at`. The name, and where
    /// it ends.
    fn possessor_slot(&self, s: &Sentence<'_>, at: usize) -> Option<(Vec<Mention>, usize)> {
        let mut k = at;
        while k < s.tokens.len() && k < at + SLOT_GAP && self.is_slot_filler(s, k) {
            k += 1;
        }
        let owner = s.mention_starting(k)?;
        let owns_common_noun = s
            .tokens
            .get(owner.end)
            .is_some_and(|t| t.kind == Kind::Possessive)
            && s.tokens.get(owner.end + 1).is_some_and(|t| {
                t.kind == Kind::Word
                    && t.text.starts_with(char::is_lowercase)
                    && s.covering[owner.end + 1].is_none()
            });
        owns_common_noun.then(|| (vec![*owner], owner.end + 1))
    }

    /// A possessor is not what a slot takes, what it owns is: "bans Ant Group's Alipay" is
    /// about Alipay, and "named by the state's governor" about nobody named.
    fn possessed<'m>(&self, s: &'m Sentence<'_>, mention: &'m Mention) -> Option<&'m Mention> {
        // "37 PRC entities", "U.S. transactions": a country before a common noun modifies it.
        let modifier = s
            .place_classes
            .get(&mention.entity)
            .is_some_and(|c| c == "Country")
            && s.tokens.get(mention.end).is_some_and(|t| {
                t.kind == Kind::Word
                    && s.covering[mention.end].is_none()
                    && !self.rules.function_words.contains(t.lower.as_ref())
                    && self.rules.words.is_known(t.lower.as_ref())
            });
        if modifier {
            return None;
        }
        if s.tokens
            .get(mention.end)
            .is_none_or(|t| t.kind != Kind::Possessive)
        {
            return Some(mention);
        }
        s.mention_starting(mention.end + 1)
    }

    /// Every verb frame of the sentence.
    pub fn frames(
        &self,
        s: &Sentence<'_>,
        document: &mut Document<'_>,
        published: Option<&str>,
    ) -> Vec<Candidate> {
        let mut out = Vec::new();
        for verb in 0..s.tokens.len() {
            let Some(lemma) = s.lemmas[verb] else {
                continue;
            };
            let Some(frames) = self.rules.frames_by_verb.get(lemma) else {
                continue;
            };
            for &index in frames {
                let frame = &self.rules.frames[index];
                if let Some(found) = self.match_frame(frame, s, verb, document, published) {
                    out.extend(found);
                }
            }
        }
        out
    }

    fn match_frame(
        &self,
        frame: &Frame,
        s: &Sentence<'_>,
        verb: usize,
        document: &mut Document<'_>,
        published: Option<&str>,
    ) -> Option<Vec<Candidate>> {
        let verb_at = frame
            .pattern
            .iter()
            .position(|slot| matches!(slot, Slot::Word(w) if w != "be"))?;
        let wants_be = frame.pattern[..verb_at]
            .iter()
            .any(|slot| *slot == Slot::Word("be".to_owned()));
        let left = self.left_side(s, verb)?;
        if wants_be != (left.be && is_participle(s, verb)) {
            return None;
        }
        let left_slot = frame.pattern[..verb_at]
            .iter()
            .find(|slot| matches!(slot, Slot::Subject | Slot::Object))?
            .clone();
        let mut at = self.past_comma_aside(s, verb + 1);
        let mut right: Option<(Vec<Mention>, Slot)> = None;
        let mut end = verb + 1;
        let mut after_that = false;
        for slot in &frame.pattern[verb_at + 1..] {
            match slot {
                Slot::Word(word) => {
                    after_that = word == "that";
                    let mut k = at;
                    let mut found = None;
                    let mut amounts = 0;
                    while k < s.tokens.len() && k <= at + GAP + amounts {
                        if self.lemma_is(s, k, word) {
                            found = Some(k);
                            break;
                        }
                        if let Some(after) = self.amount_aside(s, k) {
                            amounts += after - k;
                            k = after;
                            continue;
                        }
                        if !self.is_filler(s, k) {
                            break;
                        }
                        k += 1;
                    }
                    let k = found?;
                    at = k + 1;
                    end = at;
                }
                Slot::Subject | Slot::Object => {
                    let from = if after_that {
                        self.past_opening_phrase(s, at)
                    } else {
                        at
                    };
                    let from = self.past_comma_aside(s, from);
                    let possessor = frame
                        .possessor
                        .then(|| self.possessor_slot(s, from))
                        .flatten();
                    let (mentions, after) = match possessor {
                        Some(found) => found,
                        None => self.right_slot(s, from)?,
                    };
                    at = after;
                    end = after;
                    right = Some((mentions, slot.clone()));
                }
            }
        }
        let (subjects, objects) = match right {
            // "Abitibi and Bowater entered into a merger agreement": a pattern with no object
            // names a reciprocal act, whose parties are the coordinated subjects.
            // "merged with Gamma" names the other party: the pattern with "with" reads it.
            None if left_slot == Slot::Subject
                && left.mentions.len() >= 2
                && s.tokens.get(end).is_none_or(|t| t.lower != "with") =>
            {
                (vec![left.mentions[0]], left.mentions[1..].to_vec())
            }
            None => return None,
            Some((right_mentions, right_slot)) => {
                slot_roles(left_slot, left.mentions, right_slot, right_mentions)?
            }
        };
        let around = s.span(left.start, end.min(s.tokens.len()));
        let mut qualifiers = BTreeMap::new();
        if let Some(status) = left.status.as_ref().or(frame.status.as_ref()) {
            qualifiers.insert("status".to_owned(), FactObject::Text(status.clone()));
        }
        if frame.money {
            // The sum stands near its verb: "fined … $1.2 billion", "for $5 billion".
            let window = &s.tokens[verb..s.tokens.len().min(verb + MONEY_REACH)];
            if let Some((amount, currency)) = money(window) {
                qualifiers.extend(sum_qualifiers(amount, currency));
            }
        }
        if let Some(date) = s.event_date(published, &self.rules.values) {
            qualifiers.insert("date".to_owned(), FactObject::Date(date.to_owned()));
        }
        let mut out = Vec::new();
        for subject in &subjects {
            for object in &objects {
                if subject.entity == object.entity {
                    continue;
                }
                let judge_for_court = s.judges.contains(&subject.entity)
                    && frame.subject.iter().any(|class| class == "Court");
                if !(judge_for_court || self.fits(document, subject.entity, &frame.subject))
                    || !self.fits(document, object.entity, &frame.object)
                {
                    continue;
                }
                if !judge_for_court {
                    document.type_by_slot(subject.entity, &frame.subject);
                }
                document.type_by_slot(object.entity, &frame.object);
                let indirect =
                    subject.reference != Reference::Name || object.reference != Reference::Name;
                let court = s.judges.contains(&subject.entity)
                    || self.is_a(document, subject.entity, "Court");
                let predicate = frame
                    .by_court
                    .as_ref()
                    .filter(|_| court)
                    .unwrap_or(&frame.predicate);
                out.push(Candidate {
                    subject: subject.entity,
                    predicate: predicate.clone(),
                    object: Target::Entity(object.entity),
                    rule: frame.rule.clone(),
                    confidence: if indirect { 0.6 } else { 0.75 },
                    qualifiers: qualifiers.clone(),
                    around,
                });
            }
        }
        Some(out)
    }

    /// An organisation that is no place: a body, not a country or a state, which are agents
    /// too.
    fn is_body(&self, document: &Document<'_>, entity: usize) -> bool {
        self.is_a(document, entity, "Organization") && !self.is_a(document, entity, "Place")
    }

    /// Whether the entity's class is `class` or a narrower one.
    fn is_a(&self, document: &Document<'_>, entity: usize, class: &str) -> bool {
        document
            .class(entity)
            .is_some_and(|c| self.ontology.is_subclass_of(c, class))
    }

    /// A state, province or country: what a smaller place's name is followed by in commas.
    fn region_or_country(&self, document: &Document<'_>, entity: usize) -> bool {
        self.is_a(document, entity, "Region") || self.is_a(document, entity, "Country")
    }

    /// An entity may fill a slot: its class fits, or nothing typed it.
    fn fits(&self, document: &Document<'_>, entity: usize, allowed: &[String]) -> bool {
        match document.class(entity) {
            Some(class) => allowed.is_empty() || self.ontology.fits(class, allowed),
            None => true,
        }
    }

    /// Facts whose object is a value: counts ("more than 730 million users") and effective
    /// dates ("takes effect in 45 days", counted from the sentence's date or the article's).
    pub fn values(
        &self,
        s: &Sentence<'_>,
        document: &Document<'_>,
        published: Option<&str>,
    ) -> Vec<Candidate> {
        if !s.text.bytes().any(|b| b.is_ascii_digit()) {
            return Vec::new();
        }
        let words = values::Words::new(s.text);
        let mut out = Vec::new();
        let before = |byte: usize, fits: &dyn Fn(&str) -> bool| {
            s.mentions
                .iter()
                .rfind(|m| {
                    m.reference != Reference::Pronoun
                        && s.tokens[m.end - 1].end <= byte
                        && document.class(m.entity).is_some_and(fits)
                })
                .copied()
        };
        for count in values::counts(&words, &self.rules.values) {
            let Some(domain) = self
                .ontology
                .property(&count.predicate)
                .map(|p| p.domain.clone())
            else {
                continue;
            };
            let Some(subject) = before(count.start, &|c| self.ontology.fits(c, &domain)) else {
                continue;
            };
            let between = &s.text[s.tokens[subject.end - 1].end..count.start];
            if values::is_joint(between, &self.rules.values) {
                continue;
            }
            out.push(Candidate {
                subject: subject.entity,
                predicate: count.predicate.clone(),
                object: Target::Value(FactObject::Number(count.value.into())),
                rule: format!("value:{}", count.predicate),
                confidence: 0.7,
                qualifiers: BTreeMap::new(),
                around: (s.tokens[subject.start].start, count.end),
            });
        }
        let base = values::event_date(&words, published, &self.rules.values)
            .or_else(|| published.map(str::to_owned));
        for duration in values::effect_durations(&words, &self.rules.values) {
            let Some(instrument) = before(duration.start, &|c| {
                self.ontology.is_subclass_of(c, "LegalInstrument")
            }) else {
                continue;
            };
            let Some(date) = base
                .as_deref()
                .and_then(|b| values::add_days(b, duration.days))
            else {
                continue;
            };
            out.push(Candidate {
                subject: instrument.entity,
                predicate: self.rules.effect_predicate.clone(),
                object: Target::Value(FactObject::Date(date)),
                rule: "value:effectiveDate".to_owned(),
                confidence: 0.7,
                qualifiers: BTreeMap::new(),
                around: (s.tokens[instrument.start].start, duration.end),
            });
        }
        out
    }

    /// Facts that noun phrases state: titles, appositions, places, origins, possessives.
    pub fn noun_phrases(&self, s: &Sentence<'_>, document: &mut Document<'_>) -> Vec<Candidate> {
        let mut out = Vec::new();
        self.titles(s, document, &mut out);
        self.appositions(s, document, &mut out);
        self.roles(s, document, &mut out);
        self.appointments_to_be(s, document, &mut out);
        self.elections(s, document, &mut out);
        self.parties(s, document, &mut out);
        self.nationalities(s, document, &mut out);
        self.business_countries(s, document, &mut out);
        self.unit_appositions(s, &mut out);
        self.units_in_apposition(s, document, &mut out);
        self.units_named_after_acronyms(s, document, &mut out);
        self.positions_of(s, document, &mut out);
        self.possessives(s, document, &mut out);
        self.deals(s, document, &mut out);
        self.brands(s, document, &mut out);
        self.products(s, document, &mut out);
        self.trade_cases(s, document, &mut out);
        self.case_parties(s, document, &mut out);
        out
    }

    /// "the U.S. Department of Commerce will continue to conduct its investigations on imports
    /// of these products from China", "duties ... on most imports of tomatoes from Mexico": a
    /// public body's trade case is aimed at the countries the imports come from; it
    /// investigates them where the sentence speaks of an investigation or a review.
    fn trade_cases(&self, s: &Sentence<'_>, document: &Document<'_>, out: &mut Vec<Candidate>) {
        let tokens = &s.tokens;
        let Some(imports) = (0..tokens.len().saturating_sub(1))
            .find(|&k| tokens[k].lower == "imports" && tokens[k + 1].lower == "of")
        else {
            return;
        };
        let Some(from) = (imports + 2..tokens.len().min(imports + 14))
            .find(|&k| tokens[k].lower == "from" && s.covering[k].is_none())
        else {
            return;
        };
        let Some(first) = s
            .mention_starting(from + 1)
            .filter(|m| self.is_a(document, m.entity, "Country"))
        else {
            return;
        };
        let Some(body) = s
            .mentions
            .iter()
            .find(|m| m.end <= imports && self.is_a(document, m.entity, "GovernmentBody"))
        else {
            return;
        };
        let investigating = tokens.iter().any(|t| {
            matches!(
                t.lower.as_ref(),
                "investigation" | "investigations" | "review" | "reviews"
            )
        });
        let predicate = if investigating {
            "investigates"
        } else {
            "targets"
        };
        for country in self.coordinated_right(s, first) {
            if !self.is_a(document, country.entity, "Country") {
                continue;
            }
            out.push(self.fact(
                body.entity,
                predicate,
                country.entity,
                &format!("trade:{predicate}"),
                0.65,
                s.span(body.start, country.end),
            ));
        }
    }

    /// "SpaceX's newly designed Crew Dragon capsule", "Microsoft's Windows operating system": a
    /// name before a kind of made thing is a product's, and the business whose possessive
    /// comes before it, past a few words in lower case, developed it.
    /// "a United Launch Alliance Delta IV-Medium rocket": the maker's name right before the
    /// product's does the same.
    fn products(&self, s: &Sentence<'_>, document: &mut Document<'_>, out: &mut Vec<Candidate>) {
        for (index, owner) in s.mentions.iter().enumerate() {
            let possessive = s
                .tokens
                .get(owner.end)
                .is_some_and(|t| t.kind == Kind::Possessive);
            let maker_before = s
                .mentions
                .get(index + 1)
                .is_some_and(|next| next.start == owner.end);
            let business = owner.reference == Reference::Name
                && (self.is_a(document, owner.entity, "Company")
                    || matches!(document.class(owner.entity), None | Some("Organization")));
            if !(possessive || maker_before) || !business {
                continue;
            }
            let Some(product) = s.mentions.get(index + 1).filter(|m| {
                m.reference == Reference::Name
                    && m.start >= owner.end
                    && m.start <= owner.end + 4
                    && (owner.end + 1..m.start).all(|k| {
                        let t = &s.tokens[k];
                        t.kind == Kind::Word && !t.is_capitalised() && s.covering[k].is_none()
                    })
            }) else {
                continue;
            };
            let Some(end) = self.rules.product_noun_end(&s.tokens, product.end) else {
                continue;
            };
            // "the Chinese-owned app": a demonym's compound is no product's name.
            let demonym_compound = s.tokens[product.start..product.end].iter().any(|t| {
                t.text
                    .split_once('-')
                    .is_some_and(|(first, _)| self.rules.demonyms.contains_key(first))
            });
            let typed = document.class(product.entity);
            if demonym_compound
                || typed.is_some_and(|class| {
                    !self.ontology.is_subclass_of(class, "Product")
                        && class != "SoftwareApplication"
                        && class != "Person"
                })
            {
                continue;
            }
            if typed != Some("SoftwareApplication") {
                document.entities[product.entity].class = Some("Product".to_owned());
            }
            out.push(self.fact(
                product.entity,
                "developedBy",
                owner.entity,
                "product:developedBy",
                0.65,
                s.span(owner.start, end),
            ));
        }
    }

    /// "sold under the Jimmy Dean and Hillshire Farm brands", "operating under brand names
    /// including Safeway, Vons, Randalls": the brands are the company's that the sentence
    /// opens with.
    fn brands(&self, s: &Sentence<'_>, document: &mut Document<'_>, out: &mut Vec<Candidate>) {
        // Not "Brands" inside a name ("The Hillshire Brands Company").
        let is_brand = |k: usize| {
            s.covering[k].is_none()
                && matches!(
                    s.tokens[k].lower.as_ref(),
                    "brand" | "brands" | "label" | "labels"
                )
        };
        let Some(noun) = (0..s.tokens.len()).find(|&k| is_brand(k)) else {
            return;
        };
        let company = |m: &Mention| {
            m.reference != Reference::Pronoun
                && self.is_a(document, m.entity, "Organization")
                && !self.is_a(document, m.entity, "GovernmentBody")
        };
        // "to divest the Scott baby wipes brands, Baby Fresh and …": a company named in the
        // noun's own phrase owns them; otherwise the one the sentence opens with.
        let in_phrase = s
            .mentions
            .iter()
            .rev()
            .find(|m| m.end < noun && company(m))
            .filter(|m| {
                (m.end..noun).all(|k| {
                    let t = &s.tokens[k];
                    t.kind == Kind::Word && t.text.starts_with(char::is_lowercase)
                })
            });
        let Some(owner) = in_phrase
            .or_else(|| s.mentions.iter().find(|m| m.end <= noun && company(m)))
            .copied()
        else {
            return;
        };
        // Named before the noun ("the Jimmy Dean and Hillshire Farm brands"), or listed after
        // it ("brand names including Safeway, Vons").
        let before = s
            .mention_ending(noun)
            .filter(|m| m.start > owner.end)
            .map(|last| self.coordinated_left(s, last));
        let mut after_at = noun + 1;
        while s.tokens.get(after_at).is_some_and(|t| {
            matches!(
                t.lower.as_ref(),
                "name" | "names" | "including" | "such" | "as" | ":" | ","
            )
        }) {
            after_at += 1;
        }
        let after = || {
            (after_at > noun + 1)
                .then(|| s.mention_starting(after_at))
                .flatten()
                .map(|first| self.coordinated_right(s, first))
        };
        // "the Jimmy Dean brand": a name the noun calls a brand is one, whatever its words
        // first made of it.
        let named_brand = before.is_some();
        let Some(brands) = before.or_else(after) else {
            return;
        };
        let end = brands.last().map_or(noun + 1, |m| m.end.max(noun + 1));
        let around = s.span(owner.start, end);
        for brand in brands {
            if brand.entity == owner.entity || !self.fits(document, brand.entity, &[]) {
                continue;
            }
            if named_brand && self.is_a(document, brand.entity, "Person") {
                document.entities[brand.entity].class = Some("Product".to_owned());
            }
            if document.class(brand.entity).is_none() {
                document.type_by_slot(brand.entity, &["Product".to_owned()]);
            }
            out.push(self.fact(
                brand.entity,
                "ownedBy",
                owner.entity,
                "brand:ownedBy",
                0.65,
                around,
            ));
        }
    }

    /// "United States v. Interstate Bakeries Corp. and Continental Baking Co.": the parties
    /// before "v." brought the case, those after it defend it.
    fn case_parties(
        &self,
        s: &Sentence<'_>,
        document: &mut Document<'_>,
        out: &mut Vec<Candidate>,
    ) {
        for name in &s.names {
            if name.class.as_deref() != Some("LegalCase") {
                continue;
            }
            let Some(case) = s.mention_starting(name.start).map(|m| m.entity) else {
                continue;
            };
            let Some(versus) = (name.start..name.end).find(|&k| is_versus(&s.tokens, k)) else {
                continue;
            };
            // "See, e.g., United States v. Wiltberger, 18 U.S. …": a precedent the text
            // cites, whose parties are not the article's.
            let cited = (name.start.saturating_sub(8)..=name.start)
                .any(|k| matches!(s.tokens[k].lower.as_ref(), "see" | "cf." | "cf" | "accord"));
            // "Hells Canyon Preservation Council, an Oregon Non-Profit Corporation v. …": a
            // party's description read as the case's first side.
            let described = name.start >= 2
                && matches!(s.tokens[name.start - 1].lower.as_ref(), "a" | "an")
                && s.tokens[name.start - 2].text == ",";
            if cited || described || Self::before_the_supreme_court(s, document) {
                continue;
            }
            let around = s.span(name.start, name.end);
            let sides = [
                (name.start, versus, "plaintiffIn"),
                (versus + 1, name.end, "defendantIn"),
            ];
            let parties = sides.map(|(from, to, predicate)| {
                (self.listed_parties(s, document, from, to), predicate)
            });
            // "United States v." with the other side cut off names no case's parties.
            if parties.iter().any(|(listed, _)| listed.is_empty()) {
                continue;
            }
            // "Schwarz v. DOJ, No. 10-3065, 2011 U.S. App.": a case given with its citation is
            // one the text reports on or lists; its parties are its sides, but who sued whom
            // is for the text to say.
            let rule_kind = if citation_follows(&s.tokens, name.end) {
                "citation"
            } else {
                "case"
            };
            for (listed, predicate) in parties {
                for (start, end) in listed {
                    let surface = &s.text[s.tokens[start].start..s.tokens[end - 1].end];
                    let (class, country) = super::names::Finder::new(self.rules).classify(
                        &s.tokens[start..end],
                        surface,
                        false,
                    );
                    let party = document.name(surface, class.as_deref(), country, name.weak);
                    document.type_by_slot(party, &["Agent".to_owned()]);
                    let rule = format!("{rule_kind}:{predicate}");
                    out.push(self.fact(party, predicate, case, &rule, 0.8, around));
                }
            }
        }
    }

    /// "Today, the Supreme Court ruled on … Burwell v. Hobby Lobby Stores, Inc.", "the Court
    /// held" where the article speaks of the Supreme Court: a case decided there is named
    /// petitioner first, who may have been the defendant below, so its sides are not read as
    /// plaintiff and defendant.
    fn before_the_supreme_court(s: &Sentence<'_>, document: &Document<'_>) -> bool {
        let is_court = |k: usize| s.tokens.get(k).is_some_and(|t| t.text == "Court");
        let supreme = |k: usize| s.tokens[k].lower == "supreme" && is_court(k + 1);
        let the_court = |k: usize| s.tokens[k].lower == "the" && is_court(k + 1);
        let supreme_named = || {
            document
                .entities
                .iter()
                .any(|e| e.class.as_deref() == Some("Court") && e.name.contains("Supreme Court"))
        };
        (0..s.tokens.len()).any(supreme) || (0..s.tokens.len()).any(the_court) && supreme_named()
    }

    /// "United States of America, Appellant, v. John Von Barta, Defendant-appellee": a
    /// caption that names each party with its role. The case, named without the roles, and
    /// its parties; returns the case and the side its roles say appeals.
    pub fn caption(
        &self,
        s: &Sentence<'_>,
        title_case: Option<usize>,
        document: &mut Document<'_>,
        out: &mut Vec<Candidate>,
    ) -> Option<(usize, Option<Side>)> {
        let tokens = &s.tokens;
        let versus =
            (1..tokens.len()).find(|&k| is_versus(tokens, k) && s.covering[k].is_none())?;
        let mut left_end = versus;
        let mut roles = 0;
        let mut appealing = None;
        // "CITY OF SEABROOK, TEXAS, et al., Petitioners, v.": back past the roles and "et al.".
        while left_end > 0
            && (matches!(tokens[left_end - 1].text, "," | "-" | "–")
                || names::is_party_role(&tokens[left_end - 1])
                || matches!(tokens[left_end - 1].lower.as_ref(), "al." | "al" | "et"))
        {
            if names::is_party_role(&tokens[left_end - 1]) {
                roles += 1;
                appealing = appealing.or_else(|| {
                    appeals::appealing_side(tokens[left_end - 1].text, Side::Plaintiff)
                });
            }
            left_end -= 1;
        }
        // "HELLS CANYON PRESERVATION COUNCIL, an Oregon non-profit corporation, Plaintiff-…":
        // back past what the party is described as.
        if s.mention_ending(left_end).is_none() {
            if let Some(article) = (left_end.saturating_sub(8).max(1)..left_end)
                .rev()
                .find(|&k| {
                    matches!(tokens[k].lower.as_ref(), "a" | "an") && tokens[k - 1].text == ","
                })
            {
                left_end = article - 1;
            }
        }
        let plaintiff = *s.mention_ending(left_end)?;
        // "v. No. 97-4594 JAMES W. PEYTON, Defendant-Appellant", "v. Civil Action No. 11-1437
        // (BAH) Judge Beryl A. Howell DEPARTMENT OF JUSTICE, Defendant": a docket number laid
        // out beside the caption is no party; the party is then the name before its role.
        let docket_end = docket_number_end(tokens, versus + 1);
        let defendant = *match docket_end {
            None => s.mention_starting(versus + 1)?,
            Some(after) => s.mention_starting(after).or_else(|| {
                let role = (after..tokens.len()).find(|&k| names::is_party_role(&tokens[k]))?;
                let comma = role.checked_sub(1).filter(|&k| tokens[k].text == ",")?;
                s.mention_ending(comma).filter(|m| m.start >= after)
            })?,
        };
        if roles == 0 || plaintiff.entity == defendant.entity {
            return None;
        }
        // "v. AMERICAN RADIO SYSTEMS CORPORATION and EZ COMMUNICATIONS, INC., Defendants":
        // every party listed is a defendant; the case is named after the first.
        let defendants: Vec<Mention> = self
            .coordinated_right(s, &defendant)
            .into_iter()
            // "…, Defendants" or "Individual Defendants": the roles end the side's list.
            .take_while(|m| {
                let role = (m.start..m.end).any(|k| names::is_party_role(&tokens[k]));
                let common_word = m.end == m.start + 1
                    && self.rules.words.is_known(tokens[m.start].lower.as_ref());
                !role && !common_word
            })
            // "Sea Watch International Ltd., a Maryland Corporation,": what a party is
            // described as is no other party.
            .filter(|m| {
                m.entity != plaintiff.entity
                    && (m.start == 0 || !matches!(tokens[m.start - 1].lower.as_ref(), "a" | "an"))
            })
            .collect();
        let last_defendant = defendants.last().copied().unwrap_or(defendant);
        // "v. UNITED STATES FOREST SERVICE, an agency of …, Defendant-Appellee": the other
        // side's role, past what its party is described as.
        let appealing = appealing.or_else(|| {
            (defendant.end..tokens.len())
                .take_while(|&k| !is_versus(tokens, k))
                .map(|k| &tokens[k])
                .find(|t| names::is_party_role(t))
                .and_then(|t| appeals::appealing_side(t.text, Side::Defendant))
        });
        // A party nothing else typed ("J. BRYAN WILLIAMS" in capitals) is at least an agent.
        for party in std::iter::once(plaintiff.entity).chain(defendants.iter().map(|m| m.entity)) {
            document.type_by_slot(party, &["Agent".to_owned()]);
        }
        let text = |m: &Mention| &s.text[tokens[m.start].start..tokens[m.end - 1].end];
        let name = format!("{} v. {}", text(&plaintiff), text(&defendant));
        // An opinion's title line names the case its caption sets out.
        let case = match title_case {
            Some(case) => {
                document.alias(case, &name);
                case
            }
            None => document.name(&name, Some("LegalCase"), None, false),
        };
        let around = s.span(plaintiff.start, last_defendant.end);
        out.push(self.fact(
            plaintiff.entity,
            "plaintiffIn",
            case,
            "case:plaintiffIn",
            0.8,
            around,
        ));
        for party in &defendants {
            out.push(self.fact(
                party.entity,
                "defendantIn",
                case,
                "case:defendantIn",
                0.8,
                around,
            ));
        }
        Some((case, appealing))
    }

    /// The cases the sentence names as "X v. Y".
    pub fn cases_named(&self, s: &Sentence<'_>) -> Vec<usize> {
        s.names
            .iter()
            .filter(|n| {
                n.class.as_deref() == Some("LegalCase")
                    && (n.start..n.end).any(|k| is_versus(&s.tokens, k))
            })
            .filter_map(|n| s.mention_starting(n.start).map(|m| m.entity))
            .collect()
    }

    /// "Before KAUFMAN, KEARSE and BRIGHT, Circuit Judges." (an opinion's panel) and "IRVING R.
    /// KAUFMAN, Circuit Judge:" (its author): judges named before a judicial title, each
    /// holding that office. Returns the judges, each with where it is named.
    pub fn panel(
        &self,
        s: &Sentence<'_>,
        document: &mut Document<'_>,
        out: &mut Vec<Candidate>,
    ) -> Vec<(usize, (usize, usize))> {
        let tokens = &s.tokens;
        // "… Decided January 8, 2007 ____________ Before COFFEY, KANNE, and WILLIAMS, Circuit
        // Judges.": a copy of an opinion may run its panel on from the lines before it; a
        // capitalised "Before" then still opens the panel, which runs to the sentence's end.
        let opening = tokens
            .iter()
            .position(|t| t.text == "Before" || t.text == "BEFORE")
            .filter(|&at| at == 0 || tokens[at - 1].kind != Kind::Word);
        let before = opening.is_some();
        let mut k = opening.map_or(0, |at| at + 1);
        // Names waiting for their title (token ranges), and each title with the names it
        // closes.
        let mut pending: Vec<(usize, usize)> = Vec::new();
        let mut groups: Vec<PanelGroup> = Vec::new();
        while k < tokens.len() {
            let token = &tokens[k];
            // "Before HAMILTON and MOTZ, Circuit Judges, and PHILLIPS, Senior Circuit Judge.
            // ______ Affirmed by …": a full stop after a title ends the panel, though the
            // sentence runs on.
            if token.text == "." && pending.is_empty() && !groups.is_empty() {
                break;
            }
            if matches!(token.text, "," | ";" | "*" | ":" | ".") || token.lower == "and" {
                k += 1;
                continue;
            }
            if let Some(end) = self.judicial_title_end(s, k) {
                if pending.is_empty() {
                    return Vec::new();
                }
                groups.push(PanelGroup {
                    names: std::mem::take(&mut pending),
                    title: (k, end),
                });
                k = end;
                // "… Senior District Judge for the Western District of Kentucky": the rest of
                // the title, up to the next group.
                if tokens
                    .get(k)
                    .is_some_and(|t| matches!(t.lower.as_ref(), "for" | "of"))
                {
                    while k < tokens.len() && tokens[k].text != ";" {
                        k += 1;
                    }
                }
                continue;
            }
            let from = k;
            while k < tokens.len()
                && k < from + 4
                && self.judicial_title_end(s, k).is_none()
                && (tokens[k].kind == Kind::Word
                    && tokens[k].is_capitalised()
                    && tokens[k].lower != "and"
                    || tokens[k].text == "." && k > from && tokens[k - 1].text.len() == 1)
            {
                k += 1;
            }
            if k == from {
                return Vec::new();
            }
            pending.push((from, k));
        }
        // Without "Before", only an author's line: one name, its title, and nothing after.
        let author = groups.len() == 1 && groups[0].names.len() == 1 && groups[0].names[0].0 == 0;
        if !pending.is_empty() || groups.is_empty() || !(before || author) {
            return Vec::new();
        }
        let mut judges = Vec::new();
        for PanelGroup {
            names,
            title: (title_start, title_end),
        } in groups
        {
            let words: Vec<String> = tokens[title_start..title_end]
                .iter()
                .map(|t| t.lower.to_string())
                .collect();
            let written = words.join(" ");
            let title = self.rules.words.singular(&written);
            // "Circuit Judges" as written stays a name of the office "Circuit Judge".
            let plural: Vec<String> = (title != written)
                .then(|| capitalise(&written))
                .into_iter()
                .collect();
            let position = document.position(&capitalise(&title), &plural);
            for (from, to) in names {
                // "IRVING R. KAUFMAN" → "Irving R. Kaufman".
                let mut words: Vec<String> = Vec::new();
                for token in &tokens[from..to] {
                    match words.last_mut() {
                        Some(last) if token.text == "." => last.push('.'),
                        _ if token.is_upper() && token.text.chars().count() > 2 => {
                            words.push(capitalise(&token.lower));
                        }
                        _ => words.push(token.text.to_owned()),
                    }
                }
                let person = document.judge(&words.join(" "));
                let around = s.span(from, title_end);
                out.push(self.fact(
                    person,
                    "holdsPosition",
                    position,
                    "panel:holdsPosition",
                    0.8,
                    around,
                ));
                judges.push((person, s.span(from, to)));
            }
        }
        judges
    }

    /// Where a judicial title that starts at token `at` ends ("Circuit Judges", "Senior
    /// District Judge", "CIRCUIT JUDGE"), if one does.
    fn judicial_title_end(&self, s: &Sentence<'_>, at: usize) -> Option<usize> {
        let mut end = None;
        for k in at..s.tokens.len().min(at + 5) {
            let token = &s.tokens[k];
            if token.kind != Kind::Word || !token.is_capitalised() {
                break;
            }
            let lower = token.lower.as_ref();
            let singular = lower.strip_suffix('s').unwrap_or(lower);
            if self.rules.judicial_titles.contains(singular) {
                end = Some(k + 1);
            } else if !(self.rules.title_words.contains(lower)
                || self.rules.title_heads.contains(lower)
                || matches!(lower, "united" | "states"))
            {
                break;
            }
        }
        end
    }

    /// The judges the sentence names with their title ("U.S. District Judge Reed O'Connor"),
    /// each with where it is named.
    pub fn judges_named(&self, s: &Sentence<'_>) -> Vec<(usize, (usize, usize))> {
        s.mentions
            .iter()
            .filter(|m| m.reference == Reference::Name && s.judges.contains(&m.entity))
            .map(|m| (m.entity, s.span(m.start, m.end)))
            .collect()
    }

    /// A judge named in a document about one case presides over it.
    pub fn presides(&self, judge: usize, case: usize, around: (usize, usize)) -> Candidate {
        self.fact(
            judge,
            "presidesOver",
            case,
            "case:presidesOver",
            0.7,
            around,
        )
    }

    /// The names listed in tokens `[from, to)`, split at commas that do not stand before a
    /// company's legal suffix ("ACX Technologies, Inc.") and at "and" where the whole is no
    /// name the article knows ("Securities and Exchange Commission").
    fn listed_parties(
        &self,
        s: &Sentence<'_>,
        document: &Document<'_>,
        from: usize,
        to: usize,
    ) -> Vec<(usize, usize)> {
        let trimmed = |mut begin: usize, mut end: usize| {
            while begin < end && matches!(s.tokens[begin].lower.as_ref(), "the" | "and") {
                begin += 1;
            }
            // "El Matador Inc et al": the others are no party of their own.
            while end > begin && matches!(s.tokens[end - 1].lower.as_ref(), "et" | "al" | "al.") {
                end -= 1;
            }
            (begin < end && s.tokens[begin].is_capitalised()).then_some((begin, end))
        };
        // "City of Seabrook, Texas v. …": the state after a city is where the party is.
        let state_after_comma = |begin: usize, end: usize| {
            begin > from
                && s.tokens[begin - 1].text == ","
                && self
                    .rules
                    .words
                    .place(&s.text[s.tokens[begin].start..s.tokens[end - 1].end])
                    .is_some_and(|class| class == "Region")
        };
        let mut out = Vec::new();
        let mut start = from;
        for k in from..=to {
            let comma = k < to
                && s.tokens[k].text == ","
                && s.tokens.get(k + 1).is_some_and(|next| {
                    !self.rules.company_suffixes.contains(next.lower.as_ref())
                        && !self.rules.legal_suffixes.contains(next.lower.as_ref())
                });
            if k < to && !comma {
                continue;
            }
            if let Some((begin, end)) =
                trimmed(start, k).filter(|&(begin, end)| !state_after_comma(begin, end))
            {
                let whole = &s.text[s.tokens[begin].start..s.tokens[end - 1].end];
                let mut part = begin;
                for j in begin..=end {
                    // "Securities and Exchange Commission v. …": a lone common word before
                    // "and" is no party of its own.
                    let lone_common = j == part + 1
                        && self.rules.words.is_known(s.tokens[part].lower.as_ref())
                        && !self.rules.words.is_given_name(s.tokens[part].text);
                    let split = j == end
                        || s.tokens[j].lower == "and" && !document.knows(whole) && !lone_common;
                    if split {
                        out.extend(trimmed(part, j));
                        part = j + 1;
                    }
                }
            }
            start = k + 1;
        }
        out
    }

    fn fact(
        &self,
        subject: usize,
        predicate: &str,
        object: usize,
        rule: &str,
        confidence: f64,
        around: (usize, usize),
    ) -> Candidate {
        Candidate {
            subject,
            predicate: predicate.to_owned(),
            object: Target::Entity(object),
            rule: rule.to_owned(),
            confidence,
            qualifiers: BTreeMap::new(),
            around,
        }
    }

    /// The organisation or place a title is of: its own leading name ("HHS Secretary") or
    /// "of X" after the person's name ("Chief Judge Sidney Fitzwater of the U.S. District
    /// Court").
    fn title_of(&self, s: &Sentence<'_>, name: &Name) -> Option<usize> {
        let title = name.title.as_ref()?;
        let qualifier = title
            .qualifier
            .and_then(|(from, _)| s.mention_starting(from))
            .map(|m| m.entity);
        let country = |entity: &usize| s.place_classes.get(entity).is_some_and(|c| c == "Country");
        if let Some(qualifier) = qualifier.filter(|q| !country(q)) {
            return Some(qualifier);
        }
        // "U.S. Attorney Richard B. Roper of the Northern District of Texas": what is named
        // after the person is more precise than their country; a city there is where they live.
        let mut k = name.end;
        if s.tokens.get(k).is_some_and(|t| t.lower == "of") {
            k += 1;
            if s.tokens.get(k).is_some_and(|t| t.lower == "the") {
                k += 1;
            }
            // "of the Justice Department's Antitrust Division": the office is the unit's.
            let owner_end = s.mention_starting(k).map_or(k + 1, |m| m.end);
            if s.tokens
                .get(owner_end)
                .is_some_and(|t| t.kind == Kind::Possessive)
                && s.mention_starting(owner_end + 1).is_some()
            {
                k = owner_end + 1;
            }
            let after = s
                .mention_starting(k)
                .map(|m| m.entity)
                .filter(|entity| s.place_classes.get(entity).is_none_or(|c| c != "City"));
            if after.is_some() {
                return after;
            }
        }
        qualifier
    }

    fn titles(&self, s: &Sentence<'_>, document: &mut Document<'_>, out: &mut Vec<Candidate>) {
        for name in &s.names {
            let Some(title) = name.title.as_ref().filter(|t| t.office) else {
                continue;
            };
            let Some(mention) = s.mention_starting(name.start) else {
                continue;
            };
            // "Senators Tammy Duckworth and Dick Durbin": each listed person holds the title.
            // "…, and U.S. Representative Steven Palazzo": a listed person with a title of
            // their own ends the list.
            let holders: Vec<usize> = if title.plural {
                self.coordinated_right(s, mention)
                    .iter()
                    .enumerate()
                    .take_while(|&(k, m)| k == 0 || !s.title_starts.contains_key(&m.start))
                    .map(|(_, m)| m.entity)
                    .filter(|entity| s.people.contains(entity))
                    .collect()
            } else {
                vec![mention.entity]
            };
            let around = s.span(title.start, name.end);
            let occupation = self.is_occupation(s, title);
            let (position_name, aliases) = if occupation {
                (self.rules.words.singular(&title.position), Vec::new())
            } else {
                self.position_names(s, title, document)
            };
            let position = document.position(&position_name, &aliases);
            let honorific = self
                .rules
                .honorifics
                .contains(&title.position.to_lowercase());
            let party = title
                .party
                .as_ref()
                .map(|(party, written)| document.canonical(party, written, Some("PoliticalParty")));
            // "victim Miriam Siegman", "individuals Alberto Hoyo and …": what befell the person
            // is no office they hold.
            let circumstance = self.rules.circumstances.contains(&title.head)
                || self
                    .rules
                    .circumstances
                    .contains(&self.rules.words.singular(&title.head));
            // "media mogul Rupert Murdoch", "former astronaut Ellen Ochoa": what a person does
            // or did, in lower case, is no office a reader notes; "agency director Jane Roe" is.
            let office = !occupation
                || !title.former
                    && self
                        .rules
                        .title_heads
                        .contains(&self.rules.words.singular(&title.head));
            for &person in &holders {
                // "former Alabama Governor Don Siegelman" held the office: a reader notes it.
                if !honorific && !circumstance && office {
                    out.push(self.fact(
                        person,
                        "holdsPosition",
                        position,
                        "title:holdsPosition",
                        0.85,
                        around,
                    ));
                }
                if let Some(party) = party {
                    out.push(self.fact(person, "memberOf", party, "title:memberOf", 0.8, around));
                }
            }
            let of = self.title_of(s, name);
            // "Commissioners Tristani and Copps dissenting": a commissioner with no commission
            // named beside the title sits on the one the article last named.
            if of.is_none() && title.head == "commissioner" {
                if let Some(commission) = document.description_in_name("commission") {
                    for &person in holders.iter().filter(|&&p| p != commission) {
                        out.push(self.fact(
                            person,
                            "memberOf",
                            commission,
                            "title:memberOf",
                            0.7,
                            around,
                        ));
                    }
                }
            }
            // "Russian President": an office of the country. A demonym before an occupation
            // ("Japanese astronaut") is the holder's nationality, which `nationalities` reads.
            // "U.S. Attorney Richard Roper of the Northern District of Texas": the office is
            // the district's, named after the person.
            let of_named = of.is_some_and(|of| !self.is_a(document, of, "PoliticalParty"));
            let district_office = self.is_district_office(s, title);
            if let Some(country) = title
                .demonym
                .filter(|_| !occupation && !of_named && !district_office)
            {
                let country_name = self.rules.country_names[country].name.clone();
                let entity = document.name(&country_name, Some("Country"), Some(country), false);
                out.push(self.fact(
                    position,
                    "positionIn",
                    entity,
                    "title:positionIn",
                    0.8,
                    around,
                ));
            }
            let Some(of) = of else {
                continue;
            };
            // "Republican Senator John McCain": the party is the holder's, not the office's.
            if self.is_a(document, of, "PoliticalParty") {
                for &person in &holders {
                    out.push(self.fact(person, "memberOf", of, "title:memberOf", 0.8, around));
                }
                continue;
            }
            // "U.S. astronauts": what the person does, and where they are from; no office of
            // the country (`nationalities` says where they are from).
            if (occupation || district_office) && self.is_a(document, of, "Country") {
                continue;
            }
            let class = document.class(of).map(str::to_owned);
            let place = class
                .as_deref()
                .is_some_and(|c| self.ontology.is_subclass_of(c, "Place"));
            let organisation = class
                .as_deref()
                .is_none_or(|c| self.ontology.is_subclass_of(c, "Organization"));
            let region = class.as_deref().is_some_and(|c| c != "Country");
            // A senator of a state represents it; the position is the Senate's, not the state's.
            let represents = place && region && title.legislator;
            // "The Honorable Jed S. Rakoff of the … Court": a courtesy title is no office.
            if !represents && !honorific {
                out.push(self.fact(position, "positionIn", of, "title:positionIn", 0.75, around));
            }
            for &person in &holders {
                if represents {
                    out.push(self.fact(person, "represents", of, "title:represents", 0.8, around));
                } else if organisation && title.head == "member" {
                    out.push(self.fact(person, "memberOf", of, "title:memberOf", 0.75, around));
                } else if organisation {
                    let leader = title.leader || self.heads_unit(&title.position, of, document);
                    self.employer(person, of, leader, "title", around, document, out);
                }
            }
        }
    }

    /// "U.S. Attorney", "United States District Judge": named after the country, held in a
    /// judicial district.
    fn is_district_office(&self, s: &Sentence<'_>, title: &Title) -> bool {
        let of_country = title.demonym.is_some()
            || title
                .qualifier
                .and_then(|(from, _)| s.mention_starting(from))
                .is_some_and(|m| {
                    s.place_classes
                        .get(&m.entity)
                        .is_some_and(|c| c == "Country")
                });
        of_country
            && self
                .rules
                .district_offices
                .contains(&title.position.to_lowercase())
    }

    /// A title of common nouns only, after any name that qualifies it ("U.S. astronauts",
    /// "test pilot"): an occupation, not an office.
    fn is_occupation(&self, s: &Sentence<'_>, title: &Title) -> bool {
        let from = title
            .qualifier
            .map_or(title.start, |(_, to)| to.max(title.start));
        let words = &s.tokens[from..title.end];
        !words.is_empty()
            && words.iter().all(|t| {
                t.kind == Kind::Word
                    && !t.is_capitalised()
                    && !self.rules.former.contains(t.lower.as_ref())
            })
    }

    /// A title written with what it is of before it has two names: "Russian President" is the
    /// President of Russia, "U.S. Senator" a Senator of the United States, "Senate Majority
    /// Leader" the Majority Leader of the Senate. A country's gives the name, anything else's
    /// the alias, as each is usually written.
    fn position_names(
        &self,
        s: &Sentence<'_>,
        title: &Title,
        document: &Document<'_>,
    ) -> (String, Vec<String>) {
        let position = title.position.clone();
        if let Some(country) = title.demonym {
            let written = s.tokens[title.start..title.end]
                .iter()
                .skip_while(|t| {
                    self.rules.former.contains(t.lower.as_ref())
                        || self.rules.honorifics.contains(t.lower.as_ref())
                })
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" ");
            let country = &self.rules.country_names[country].name;
            let of_country = format!("{position} of {}", with_article(country, OfKind::Country));
            if self.is_district_office(s, title) {
                return (written, vec![of_country]);
            }
            return (of_country, vec![written]);
        }
        let Some((from, to)) = title.qualifier else {
            return (position, Vec::new());
        };
        let qualifier = &s.text[s.tokens[from].start..s.tokens[to - 1].end];
        if position.starts_with(qualifier) {
            return (position, Vec::new());
        }
        // "Bush advisor", "Republican Senator": a person's or a party's title is not a
        // position of its own.
        let Some(of) = s.mention_starting(from).map(|m| m.entity).filter(|&e| {
            !self.is_a(document, e, "Person") && !self.is_a(document, e, "PoliticalParty")
        }) else {
            return (position, Vec::new());
        };
        let written = format!("{qualifier} {position}");
        let kind = self.of_kind(document, of);
        let of_form = format!(
            "{position} of {}",
            with_article(&document.entities[of].name, kind)
        );
        if kind == OfKind::Country && !self.is_district_office(s, title) {
            (of_form, vec![written])
        } else {
            (written, vec![of_form])
        }
    }

    /// How "of" is written before what a title is of.
    fn of_kind(&self, document: &Document<'_>, of: usize) -> OfKind {
        if self.is_a(document, of, "Country") {
            OfKind::Country
        } else if self.is_a(document, of, "Place")
            || self.is_a(document, of, "Organization")
                && !self.is_a(document, of, "GovernmentBody")
                && !self.is_a(document, of, "Court")
        {
            OfKind::Other
        } else {
            OfKind::Institution
        }
    }

    /// A position named as specifically as the text allows: "Director" of the NIST is the
    /// "Director of the National Institute of Standards and Technology", so that it stays apart
    /// from every other director (the bare title stays one of its names).
    fn specific_position(&self, name: &str, of: Option<usize>, document: &Document<'_>) -> String {
        if let Some(of) = of {
            let organisation = &document.entities[of].name;
            if !fold(name).contains(&fold(organisation)) {
                let kind = self.of_kind(document, of);
                return format!("{name} of {}", with_article(organisation, kind));
            }
        }
        name.to_owned()
    }

    /// A title phrase that starts at token `from` ("Assistant Attorney General in charge of the
    /// Antitrust Division", "director of the CDC", "Vice Chairman of Duratek, Inc."): the
    /// position's name, whether its holder leads, the mention it is of, and where it ends.
    fn title_phrase(
        &self,
        s: &Sentence<'_>,
        from: usize,
        document: &Document<'_>,
    ) -> Option<TitlePhrase> {
        // "the director of", "its chairman", "a deputy governor of"
        let determiner = s
            .tokens
            .get(from)
            .is_some_and(|t| matches!(t.lower.as_ref(), "the" | "a" | "an" | "its" | "their"));
        let mut from = if determiner { from + 1 } else { from };
        // "the 74th secretary of the Navy", "the first representative from the state": which
        // holder of the office this is.
        if determiner
            && s.tokens.get(from).is_some_and(|t| {
                t.kind == Kind::Number
                    && ["st", "nd", "rd", "th"]
                        .iter()
                        .any(|e| t.lower.ends_with(e))
                    || matches!(
                        t.text,
                        "first" | "second" | "third" | "fourth" | "fifth" | "last"
                    )
            })
        {
            from += 1;
        }
        // "Stephen Gardner, former Chief Executive Officer of Peregrine Systems": a reader
        // notes the office held.
        // "sworn in as the new president of": the holder is the one the sentence names.
        if s.tokens.get(from).is_some_and(|t| {
            self.rules.former.contains(t.lower.as_ref())
                || matches!(
                    t.lower.as_ref(),
                    "new" | "current" | "present" | "incoming" | "next"
                )
        }) {
            from += 1;
        }
        // "EPA's General Counsel", "Glenn's deputy director": the title of the organisation a
        // possessive names. "the LLNL director": the same, named between an article and the
        // title.
        let owner_of_title = |m: &&Mention| {
            m.reference == Reference::Name
                && (self.is_a(document, m.entity, "Organization")
                    || self.is_a(document, m.entity, "Facility"))
        };
        if let Some(owner) = s.mention_starting(from).filter(owner_of_title) {
            let possessive = s
                .tokens
                .get(owner.end)
                .is_some_and(|t| t.kind == Kind::Possessive);
            let title_at = if possessive { owner.end + 1 } else { owner.end };
            if possessive || determiner {
                if let Some(mut phrase) = self.title_phrase(s, title_at, document) {
                    phrase.of = phrase.of.or(Some(owner.entity));
                    return Some(phrase);
                }
                if possessive {
                    return None;
                }
            }
        }
        // A capitalised title is a name of its own ("Assistant Attorney General").
        if let Some(named) = s
            .mention_starting(from)
            .filter(|m| document.class(m.entity) == Some("Position"))
        {
            let position = document.entities[named.entity].name.clone();
            let words: Vec<&str> = position.split(' ').collect();
            let of = document.position_of(named.entity);
            let leader = self.rules.title_leads(&words)
                || of.is_some() && position.contains(" for ") && assistant_heads(&position);
            return Some(self.title_tail(s, named.end, position, leader, of));
        }
        let mut k = from;
        let mut head = None;
        // "chairman and chief executive of Acme": two titles of one holder.
        let mut start = from;
        let mut first = None;
        let mut specialised = false;
        while k < s.tokens.len() && k < start + 6 {
            let token = &s.tokens[k];
            let bare = token.lower.trim_end_matches('.');
            if s.covering[k].is_some() {
                break;
            }
            if bare == "and" && first.is_none() && head.is_some_and(|h| h + 1 == k) {
                first = Some((start, k));
                start = k + 1;
                head = None;
                k += 1;
                continue;
            }
            if self.rules.title_heads.contains(bare) {
                head = Some(k);
            } else if !self.rules.title_words.contains(bare) {
                // "chief financial officer": one word of what the office does, before its head.
                let head_next = s.tokens.get(k + 1).is_some_and(|t| {
                    s.covering[k + 1].is_none()
                        && self
                            .rules
                            .title_heads
                            .contains(t.lower.trim_end_matches('.'))
                });
                // "a portfolio manager", "the project manager": after an article, also the first
                // word, when it names no organisation ("the company president" is the
                // company's president).
                let after_article = k == start
                    && determiner
                    && token.text.starts_with(char::is_lowercase)
                    && self.rules.head_class(bare).is_none();
                if !((k > start || after_article) && token.kind == Kind::Word && head_next) {
                    break;
                }
                // … and such an officer runs a part of the organisation, not all of it.
                specialised = true;
            }
            k += 1;
        }
        let (start, head) = match (head, first) {
            (Some(head), _) => (start, head),
            // "the chairman and the board": the first title alone.
            (None, Some((first_start, first_end))) => {
                first = None;
                (first_start, first_end - 1)
            }
            (None, None) => return None,
        };
        let title_end = head + 1;
        let words: Vec<&str> = s.tokens[start..title_end].iter().map(|t| t.text).collect();
        let position = capitalise(&words.join(" "));
        let mut leader = self.rules.title_leads(&words) && !specialised;
        let also = first.map(|(first_start, first_end)| {
            let words: Vec<&str> = s.tokens[first_start..first_end]
                .iter()
                .map(|t| t.text)
                .collect();
            leader |= self.rules.title_leads(&words);
            capitalise(&words.join(" "))
        });
        let mut phrase = self.title_tail(s, title_end, position, leader, None);
        phrase.also = also;
        Some(phrase)
    }

    /// What follows a title: "in charge", and "of", "at" or "for" the mention it is of.
    fn title_tail(
        &self,
        s: &Sentence<'_>,
        title_end: usize,
        mut position: String,
        mut leader: bool,
        of: Option<usize>,
    ) -> TitlePhrase {
        let mut j = title_end;
        if s.tokens.get(j).is_some_and(|t| t.lower == "in")
            && s.tokens.get(j + 1).is_some_and(|t| t.lower == "charge")
        {
            // "Special Agent in Charge" is a title; "in charge of the Antitrust Division" says
            // its holder leads what follows. Either way the holder heads it.
            if s.tokens[j + 1].text == "Charge" {
                position.push_str(" in Charge");
            }
            leader = true;
            j += 2;
        }
        let mut end = j;
        let mut of = of;
        if s.tokens
            .get(j)
            .is_some_and(|t| matches!(t.lower.as_ref(), "of" | "at" | "for"))
        {
            let preposition = j;
            j += 1;
            if s.tokens.get(j).is_some_and(|t| t.lower == "the") {
                j += 1;
            }
            // "of the DEA's Dallas Division": of what the possessive names.
            if let Some(mention) = s.mention_starting(j).and_then(|m| self.possessed(s, m)) {
                of = Some(mention.entity);
                end = mention.end;
                leader |= s.tokens[preposition].lower == "for" && assistant_heads(&position);
            }
        }
        // "in charge of the Drug Enforcement Administration in New England" leads an office of
        // it, not all of it.
        if of.is_some()
            && s.tokens.get(end).is_some_and(|t| t.lower == "in")
            && s.mention_starting(end + 1).is_some()
        {
            leader = false;
        }
        TitlePhrase {
            position,
            also: None,
            leader,
            of,
            end,
        }
    }

    fn role_facts(
        &self,
        person: usize,
        phrase: &TitlePhrase,
        around: (usize, usize),
        rule: &str,
        document: &mut Document<'_>,
        out: &mut Vec<Candidate>,
    ) {
        // "a member of the Federal Reserve Board", "a senior member of AQAP" are membership,
        // not an office; "Ranking Member" is one.
        let lower = phrase.position.to_lowercase();
        let mut words = lower.split(' ').rev();
        let member = words.next() == Some("member")
            && words.all(|grade| self.rules.subordinate_modifiers.contains(grade));
        if member && phrase.also.is_none() {
            if let Some(of) = phrase.of {
                out.push(self.fact(
                    person,
                    "memberOf",
                    of,
                    &format!("{rule}:memberOf"),
                    0.75,
                    around,
                ));
            }
            return;
        }
        for name in std::iter::once(&phrase.position).chain(&phrase.also) {
            let name = self.specific_position(name, phrase.of, document);
            let position = document.position(&name, &[]);
            out.push(self.fact(
                person,
                "holdsPosition",
                position,
                &format!("{rule}:holdsPosition"),
                0.75,
                around,
            ));
            if let Some(of) = phrase.of {
                out.push(self.fact(
                    position,
                    "positionIn",
                    of,
                    &format!("{rule}:positionIn"),
                    0.7,
                    around,
                ));
            }
        }
        if let Some(of) = phrase.of {
            let place = self.is_a(document, of, "Place");
            // "Ranking Member of the Senate Foreign Relations Committee": a member's office
            // makes them a member, not an employee.
            let title = phrase.position.split(" of ").next().unwrap_or_default();
            let member = title
                .rsplit(' ')
                .next()
                .is_some_and(|head| head.eq_ignore_ascii_case("member"));
            if member {
                let rule = format!("{rule}:memberOf");
                out.push(self.fact(person, "memberOf", of, &rule, 0.75, around));
            } else if !place {
                let leader = phrase.leader || self.heads_unit(&phrase.position, of, document);
                self.employer(person, of, leader, rule, around, document, out);
            }
        }
    }

    /// "Criminal Division Assistant Attorney General Brian Benczkowski", "Assistant Attorney
    /// General Leslie R. Caldwell of the Justice Department's Criminal Division": an assistant
    /// of a department's head is put at the head of a unit of the department.
    fn heads_unit(&self, position: &str, unit: usize, document: &Document<'_>) -> bool {
        assistant_heads(position)
            && document.entities[unit]
                .name
                .rsplit(' ')
                .next()
                .is_some_and(|last| self.rules.unit_nouns.contains(&last.to_lowercase()))
    }

    /// The organisation a title is of is one its holder leads (a head title) or works for.
    #[allow(clippy::too_many_arguments)]
    fn employer(
        &self,
        person: usize,
        organisation: usize,
        leader: bool,
        rule: &str,
        around: (usize, usize),
        document: &mut Document<'_>,
        out: &mut Vec<Candidate>,
    ) {
        document.type_by_slot(organisation, &["Organization".to_owned()]);
        let predicate = if leader {
            "leads"
        } else if self.is_assembly(&document.entities[organisation].name) {
            "memberOf"
        } else {
            "employedBy"
        };
        let rule = format!("{rule}:{predicate}");
        out.push(self.fact(person, predicate, organisation, &rule, 0.7, around));
    }

    /// "U.S. Senate", "House of Representatives", "Senate Judiciary Subcommittee on Antitrust":
    /// a body its office-holders sit in as members. The head is the word before the name's
    /// first "of", "on" or "for", or its last word.
    fn is_assembly(&self, name: &str) -> bool {
        let words: Vec<String> = name.split(' ').map(str::to_lowercase).collect();
        let (head, of) = match words
            .iter()
            .position(|w| matches!(w.as_str(), "of" | "on" | "for"))
        {
            Some(0) | None => (words.last(), false),
            Some(k) => (words.get(k - 1), words[k] == "of"),
        };
        head.is_some_and(|head| {
            self.rules.assemblies.contains(head.as_str())
                || of && self.rules.assemblies.contains(&format!("{head} of"))
        })
    }

    /// "Anne K. Bingaman, Assistant Attorney General in charge of the Antitrust Division,"
    /// and "Robert Redfield, director of the CDC,".
    fn appositions(&self, s: &Sentence<'_>, document: &mut Document<'_>, out: &mut Vec<Candidate>) {
        // "announced his intent to nominate the following individuals: Kathleen A. Merrigan,
        // Deputy Secretary of the Department of Agriculture; …": the offices named after the
        // cue are those each is nominated for, not held yet.
        let nominating = (0..s.tokens.len()).find(|&k| self.lemma_is(s, k, "nominate"));
        for mention in &s.mentions {
            if mention.reference != Reference::Name
                || document.class(mention.entity) != Some("Person")
            {
                continue;
            }
            self.title_before(s, mention, document, out);
            // "Senator Peter Welch (D-VT), a member of …": past the person's party code.
            let mut end = self
                .party_code_after(s, mention.end)
                .map_or(mention.end, |(_, _, end)| end);
            // "Terry J. Albury, 39, a former Special Agent of the FBI": past the age.
            if s.tokens
                .get(end + 1)
                .is_some_and(|t| t.kind == Kind::Number)
                && s.tokens.get(end + 2).is_some_and(|t| t.text == ",")
                && s.tokens[end].text == ","
            {
                end += 2;
            }
            if s.tokens.get(end).is_none_or(|t| t.text != ",") {
                continue;
            }
            // "Moore, as Commander of Naval Sea Systems Command, leads …": the office in which
            // the person acts is the one held.
            if s.tokens.get(end + 1).is_some_and(|t| t.text == "as") {
                end += 1;
            }
            let Some(mut phrase) = self
                .title_phrase(s, end + 1, document)
                .or_else(|| self.district_office_phrase(s, end + 1, document))
                .or_else(|| self.title_after_occupation(s, end + 1, document))
            else {
                self.affiliation(s, mention, document, out);
                continue;
            };
            // "Adm. Chris Grady, commander, U.S. Fleet Forces Command, will host": a body set
            // off by commas right after a one-word title, and ending the apposition, is what
            // a leader's title is of, and whom anyone else's works for ("Jose R. Allen, Atty.,
            // Land and Natural Resources Div."). An office named in full keeps its name.
            let bare = !phrase.position.contains(' ') && phrase.also.is_none();
            if bare
                && phrase.of.is_none()
                && s.tokens.get(phrase.end).is_some_and(|t| t.text == ",")
            {
                let body = s.mention_starting(phrase.end + 1).filter(|m| {
                    self.is_body(document, m.entity)
                        && s.tokens
                            .get(s.past_acronym(m.end))
                            .is_none_or(|t| matches!(t.text, "," | "." | ";"))
                });
                if let Some(body) = body.copied() {
                    if phrase.leader {
                        phrase.of = Some(body.entity);
                        phrase.end = s.past_acronym(body.end);
                    } else {
                        let around = s.span(mention.start, body.end);
                        self.employer(
                            mention.entity,
                            body.entity,
                            false,
                            "apposition",
                            around,
                            document,
                            out,
                        );
                    }
                }
            }
            // "To Dempsey and Winnefeld, the president said …": the title opens a clause of its
            // own, not an apposition; "Jeff Sessions, Acting Assistant Attorney General for
            // National Security Mary B. McCord, …": the title is the next person's.
            let next_persons = s
                .names
                .iter()
                .any(|n| n.title.as_ref().is_some_and(|t| t.start == end + 1));
            if next_persons
                || s.tokens
                    .get(phrase.end)
                    .is_some_and(|t| self.rules.reporting_verbs.contains(t.lower.as_ref()))
            {
                continue;
            }
            let around = s.span(mention.start, phrase.end);
            if nominating.is_some_and(|cue| cue < mention.start) {
                let mut roles = Vec::new();
                self.role_facts(
                    mention.entity,
                    &phrase,
                    around,
                    "apposition",
                    document,
                    &mut roles,
                );
                for mut fact in roles {
                    match fact.predicate.as_str() {
                        "holdsPosition" => {
                            fact.predicate = "nominatedFor".to_owned();
                            fact.rule = "apposition:nominatedFor".to_owned();
                            out.push(fact);
                        }
                        "positionIn" => out.push(fact),
                        _ => {}
                    }
                }
            } else {
                // "Royce C. Lamberth and R. Craig Lawrence, Asst. U.S. Attys.": a title in the
                // plural is held by each person listed before it.
                let Some(one) = self.singular_title(&phrase.position) else {
                    self.role_facts(mention.entity, &phrase, around, "apposition", document, out);
                    continue;
                };
                let each = TitlePhrase {
                    position: one,
                    also: None,
                    ..phrase
                };
                self.role_facts(mention.entity, &each, around, "apposition", document, out);
                let listed: Vec<Mention> = self
                    .coordinated_left(s, mention)
                    .into_iter()
                    .filter(|m| {
                        m.entity != mention.entity
                            && m.reference == Reference::Name
                            && document.class(m.entity) == Some("Person")
                            && !self.has_own_title(s, m, document)
                    })
                    .collect();
                for listed in &listed {
                    let around = s.span(listed.start, each.end);
                    self.role_facts(listed.entity, &each, around, "apposition", document, out);
                }
            }
        }
    }

    /// "Stanley S. Harris, U.S. Atty., Royce C. Lamberth and R. Craig Lawrence, Asst. U.S.
    /// Attys.": a person listed with a title of their own set off after the name holds that
    /// one, not the plural title at the list's end.
    fn has_own_title(&self, s: &Sentence<'_>, person: &Mention, document: &Document<'_>) -> bool {
        s.tokens.get(person.end).is_some_and(|t| t.text == ",")
            && self.title_phrase(s, person.end + 1, document).is_some()
    }

    /// "Asst. U.S. Atty." for "Asst. U.S. Attys.", "Circuit Judge" for "Circuit Judges": a
    /// title whose head is written in the plural, in the singular.
    fn singular_title(&self, position: &str) -> Option<String> {
        let title = [" for ", " of "]
            .iter()
            .find_map(|of| position.split_once(of).map(|(title, _)| title))
            .unwrap_or(position);
        let rest = &position[title.len()..];
        let (before, head) = title.rsplit_once(' ').unwrap_or(("", title));
        let lower = head.to_lowercase();
        let one = if let Some(whole) = self.rules.abbreviated_words.get(&lower) {
            let single = self.rules.words.singular(whole);
            (single != *whole && self.rules.title_heads.contains(&single))
                .then(|| head.replacen("s.", ".", 1))?
        } else {
            let single = self.rules.words.singular(&lower);
            (single != lower && self.rules.title_heads.contains(&single))
                .then(|| head[..head.len() - (lower.len() - single.len())].to_owned())?
        };
        let joined = if before.is_empty() {
            one
        } else {
            format!("{before} {one}")
        };
        Some(format!("{joined}{rest}"))
    }

    /// "Bernard L. Madoff, investment advisor and former Chairman of the NASDAQ": an
    /// occupation in lower case, "and", then the title.
    fn title_after_occupation(
        &self,
        s: &Sentence<'_>,
        at: usize,
        document: &Document<'_>,
    ) -> Option<TitlePhrase> {
        let and = (at..s.tokens.len().min(at + 4)).find(|&k| s.tokens[k].lower == "and")?;
        let occupation = and > at
            && (at..and).all(|k| {
                let t = &s.tokens[k];
                t.kind == Kind::Word && !t.is_capitalised() && s.covering[k].is_none()
            });
        if !occupation {
            return None;
        }
        self.title_phrase(s, and + 1, document)
    }

    /// "United States Attorney for the Western District of Arkansas": a district's office named
    /// after the country, which the title does not make an office of the country.
    fn district_office_phrase(
        &self,
        s: &Sentence<'_>,
        at: usize,
        document: &Document<'_>,
    ) -> Option<TitlePhrase> {
        let country = s
            .mention_starting(at)
            .filter(|m| self.is_a(document, m.entity, "Country"))?;
        let mut phrase = self.title_phrase(s, country.end, document)?;
        if !self
            .rules
            .district_offices
            .contains(&phrase.position.to_lowercase())
        {
            return None;
        }
        let written = &s.text[s.tokens[country.start].start..s.tokens[country.end - 1].end];
        phrase.position = format!("{written} {}", phrase.position);
        Some(phrase)
    }

    /// "Oberkampf Supply Company of Lubbock Inc., its president, Cyril Reasoner,": a title in
    /// commas before a name. "its" makes the title the latest organisation's before it.
    fn title_before(
        &self,
        s: &Sentence<'_>,
        person: &Mention,
        document: &mut Document<'_>,
        out: &mut Vec<Candidate>,
    ) {
        if person.start < 3 || s.tokens[person.start - 1].text != "," {
            return;
        }
        let comma = person.start - 1;
        let mut from = comma;
        while from > 0 && comma - from < 4 && s.covering[from - 1].is_none() {
            if !self.is_title_token(s, from - 1) {
                break;
            }
            from -= 1;
        }
        let determiner = from
            .checked_sub(1)
            .map(|k| s.tokens[k].lower.as_ref())
            .filter(|d| matches!(*d, "its" | "their" | "the"))
            .filter(|_| from < comma && self.is_title_head_token(s, comma - 1));
        let Some(determiner) = determiner else {
            self.title_phrase_before(s, person, document, out);
            return;
        };
        let words: Vec<&str> = s.tokens[from..comma].iter().map(|t| t.text).collect();
        let position = capitalise(&words.join(" "));
        let leader = self.rules.title_leads(&words);
        // "its": the organisation named last before the title.
        let of = (determiner == "its")
            .then(|| {
                s.mentions
                    .iter()
                    .rev()
                    .find(|m| m.end < from && self.is_a(document, m.entity, "Organization"))
            })
            .flatten()
            .map(|m| m.entity);
        let phrase = TitlePhrase {
            position,
            also: None,
            leader,
            of,
            end: person.end,
        };
        let around = s.span(from - 1, person.end);
        self.role_facts(person.entity, &phrase, around, "apposition", document, out);
    }

    /// "The Minister for Foreign Affairs of Japan, Taro Kono, met …", "the chair of the
    /// electoral commission, Jean Mensa, hailed …": a title with what it is of, opened by an
    /// article and set off by commas before the name. The name must close the apposition (a
    /// comma or the sentence's end), so that a list of offices and people is not read as one.
    fn title_phrase_before(
        &self,
        s: &Sentence<'_>,
        person: &Mention,
        document: &mut Document<'_>,
        out: &mut Vec<Candidate>,
    ) {
        const LONGEST: usize = 12;
        let comma = person.start - 1;
        let closes = s
            .tokens
            .get(person.end)
            .is_none_or(|t| matches!(t.text, "," | "." | ";"));
        let phrase_to_comma = |start: usize| {
            let mut phrase = self.title_phrase(s, start, document)?;
            if phrase.end == comma {
                return Some((start, phrase));
            }
            // "the chair of the electoral commission": what the office is of, in lower case,
            // stays in its name.
            let tail_in_lower_case = phrase.of.is_none()
                && phrase.end + 2 <= comma
                && s.tokens[phrase.end].lower == "of"
                && (phrase.end + 1..comma).all(|k| {
                    let t = &s.tokens[k];
                    t.kind == Kind::Word
                        && t.text.starts_with(char::is_lowercase)
                        && s.covering[k].is_none()
                });
            if !tail_in_lower_case {
                return None;
            }
            let title_start = s.tokens[start + 1].start;
            phrase.position = s.text[title_start..s.tokens[comma - 1].end].to_owned();
            Some((start, phrase))
        };
        // "A former head of the West African Development Bank, Boni was a clear favorite": a
        // title that opens the sentence is its subject's, whatever follows the name.
        let opens_sentence = |k: usize| k == 0 && matches!(s.tokens[k].lower.as_ref(), "a" | "an");
        let Some((start, phrase)) = (comma.saturating_sub(LONGEST)..comma)
            .filter(|&k| closes && s.tokens[k].lower == "the" || opens_sentence(k))
            .find_map(phrase_to_comma)
        else {
            return;
        };
        let around = s.span(start, person.end);
        self.role_facts(person.entity, &phrase, around, "apposition", document, out);
    }

    /// "Dr. Robert Breiman, National Vaccine Program Office (NVPO);": a person and, after a
    /// comma, the organisation they work for, the item ending there.
    fn affiliation(
        &self,
        s: &Sentence<'_>,
        person: &Mention,
        document: &Document<'_>,
        out: &mut Vec<Candidate>,
    ) {
        // "Bradley R. Hall, Andrew N. Wise, Federal Defender Office": colleagues listed
        // before the organisation they share.
        let mut at = person.end + 1;
        // "Dan Ducore, 202-326-2526, Bureau of Competition.": a contact's telephone number.
        let past_phone = |at: usize| {
            let phone = s.tokens.get(at..at + 6).is_some_and(|t| {
                t[0].kind == Kind::Number
                    && t[1].text == "-"
                    && t[2].kind == Kind::Number
                    && t[3].text == "-"
                    && t[4].kind == Kind::Number
                    && t[5].text == ","
            });
            if phone { at + 6 } else { at }
        };
        at = past_phone(at);
        let colleague = |at: usize| {
            s.mention_starting(at)
                .filter(|m| document.class(m.entity) == Some("Person"))
        };
        loop {
            // "Alexis Gilman, 202-326-2579, and Dan Ducore, …"
            if s.tokens.get(at).is_some_and(|t| t.text == "and") && colleague(at + 1).is_some() {
                at += 1;
            }
            let Some(next) = colleague(at) else {
                break;
            };
            if s.tokens.get(next.end).is_none_or(|t| t.text != ",") {
                return;
            }
            at = past_phone(next.end + 1);
        }
        let Some(organisation) = s.mention_starting(at) else {
            return;
        };
        let works_there = document.class(organisation.entity).is_some_and(|c| {
            self.ontology.is_subclass_of(c, "Organization") && c != "PoliticalParty"
        });
        let mut end = organisation.end;
        // An acronym in brackets after it: "(NVPO)".
        if s.tokens.get(end).is_some_and(|t| t.text == "(")
            && s.tokens.get(end + 2).is_some_and(|t| t.text == ")")
        {
            end += 3;
        }
        // "United States Department of Justice, Washington, D.C., for Appellee": where the
        // organisation is, in commas.
        let mut place_end = end;
        while s.tokens.get(place_end).is_some_and(|t| t.text == ",") {
            match s
                .mention_starting(place_end + 1)
                .filter(|m| s.place_classes.contains_key(&m.entity))
            {
                Some(place) => place_end = place.end,
                None => break,
            }
        }
        let closers: &[&str] = if place_end > end {
            &[";", ".", ":", ","]
        } else {
            &[";", ".", ":"]
        };
        // "contact Stuart Frank, Packers and Stockyards Division, at (515) 323-2586".
        let contact = s.tokens.get(place_end).is_some_and(|t| t.text == ",")
            && s.tokens.get(place_end + 1).is_some_and(|t| t.lower == "at");
        let closes = contact
            || s.tokens
                .get(place_end)
                .is_none_or(|t| closers.contains(&t.text));
        if works_there && closes {
            let around = s.span(person.start, end);
            out.push(self.fact(
                person.entity,
                "employedBy",
                organisation.entity,
                "apposition:employedBy",
                0.65,
                around,
            ));
        }
    }

    /// "Dr. Harvey currently serves as Vice Chairman of Duratek, Inc.", "Feingold is the
    /// Chairman of the Senate Foreign Relations Subcommittee".
    fn roles(&self, s: &Sentence<'_>, document: &mut Document<'_>, out: &mut Vec<Candidate>) {
        for verb in 0..s.tokens.len() {
            let lemma = s.lemmas[verb];
            // "serves as", and "was sworn in as".
            let as_at = if s.tokens.get(verb + 1).is_some_and(|t| t.lower == "in") {
                verb + 2
            } else {
                verb + 1
            };
            let serves = lemma.is_some_and(|l| self.rules.role_verbs.contains(l))
                && s.tokens.get(as_at).is_some_and(|t| t.lower == "as");
            // "is the chairman of", and "is Acting Director of" with no article before a title;
            // "is presently the director of".
            let mut after_be = verb + 1;
            while after_be < verb + 3
                && s.tokens.get(after_be).is_some_and(|t| {
                    t.kind == Kind::Word
                        && self.rules.words.parts_of_speech(t.lower.as_ref())
                            == super::words::ADVERB
                })
            {
                after_be += 1;
            }
            let is = s.is_be(verb)
                && (s
                    .tokens
                    .get(after_be)
                    .is_some_and(|t| matches!(t.lower.as_ref(), "the" | "a" | "an"))
                    || s.mention_starting(after_be)
                        .is_some_and(|m| document.class(m.entity) == Some("Position")));
            let is_named = lemma.is_some_and(|l| self.rules.naming_verbs.contains(l))
                && verb > 0
                && s.is_be(verb - 1);
            if !(serves || is || is_named) {
                continue;
            }
            // "has been named as the Federal Coordinating Officer".
            let named_as = is_named && s.tokens.get(verb + 1).is_some_and(|t| t.lower == "as");
            let from = if serves {
                as_at + 1
            } else if is {
                after_be
            } else if named_as {
                verb + 2
            } else {
                verb + 1
            };
            let Some(phrase) = self.title_phrase(s, from, document) else {
                continue;
            };
            let Some(left) = self.left_side(s, if is_named { verb - 1 } else { verb }) else {
                continue;
            };
            for subject in &left.mentions {
                if document.class(subject.entity) != Some("Person") {
                    continue;
                }
                let around = s.span(left.start, phrase.end);
                self.role_facts(subject.entity, &phrase, around, "role", document, out);
            }
        }
    }

    /// "The President intends to appoint Andre B. Lacy of Indiana, to be a Member of the
    /// Commission of Fine Arts", "nominated Samuel Alito to be an associate justice of the
    /// Supreme Court": the person named is nominated for the office, or holds it once
    /// appointed.
    fn appointments_to_be(
        &self,
        s: &Sentence<'_>,
        document: &mut Document<'_>,
        out: &mut Vec<Candidate>,
    ) {
        for verb in 0..s.tokens.len() {
            let Some(lemma) = s.lemmas[verb].filter(|l| self.rules.naming_verbs.contains(*l))
            else {
                continue;
            };
            let Some(person) = s
                .mention_starting(verb + 1)
                .filter(|m| self.is_a(document, m.entity, "Person"))
                .copied()
            else {
                continue;
            };
            // Past ", of Indiana," where the person is from.
            let mut k = person.end;
            if s.tokens.get(k).is_some_and(|t| t.text == ",") {
                k += 1;
            }
            if s.tokens.get(k).is_some_and(|t| t.lower == "of") {
                if let Some(place) = s
                    .mention_starting(k + 1)
                    .filter(|m| self.is_a(document, m.entity, "Place"))
                {
                    k = place.end;
                }
            }
            if s.tokens.get(k).is_some_and(|t| t.text == ",") {
                k += 1;
            }
            let to_be = s.tokens.get(k).is_some_and(|t| t.lower == "to")
                && s.tokens.get(k + 1).is_some_and(|t| t.lower == "be");
            if !to_be {
                continue;
            }
            let Some(phrase) = self.title_phrase(s, k + 2, document) else {
                continue;
            };
            let around = s.span(verb, phrase.end);
            // "intends to appoint", "nominated": not yet in office.
            let intended = verb >= 2
                && s.tokens[verb - 1].lower == "to"
                && s.lemmas[verb - 2].is_some_and(|l| matches!(l, "intend" | "plan" | "expect"));
            if lemma != "nominate" && !intended {
                self.role_facts(person.entity, &phrase, around, "appointment", document, out);
                continue;
            }
            let position = self.office(&phrase, "appointment", around, document, out);
            out.push(self.fact(
                person.entity,
                "nominatedFor",
                position,
                "appointment:nominatedFor",
                0.75,
                around,
            ));
        }
    }

    /// The office a title phrase names, and what it is of (`positionIn`).
    fn office(
        &self,
        phrase: &TitlePhrase,
        rule: &str,
        around: (usize, usize),
        document: &mut Document<'_>,
        out: &mut Vec<Candidate>,
    ) -> usize {
        let name = self.specific_position(&phrase.position, phrase.of, document);
        let position = document.position(&name, &[]);
        if let Some(of) = phrase.of {
            let rule = format!("{rule}:positionIn");
            out.push(self.fact(position, "positionIn", of, &rule, 0.7, around));
        }
        position
    }

    /// "Boni was elected president", "voters re-elected Nana Akufo-Addo as President of
    /// Ghana", "Boni has won a run-off election to become Benin's next president": the person
    /// is elected to the office.
    fn elections(&self, s: &Sentence<'_>, document: &mut Document<'_>, out: &mut Vec<Candidate>) {
        let past_as = |k: usize| {
            if s.tokens.get(k).is_some_and(|t| t.lower == "as") {
                k + 1
            } else {
                k
            }
        };
        for verb in 0..s.tokens.len() {
            let word = s.tokens[verb].lower.as_ref();
            let elected = s.lemmas[verb] == Some("elect")
                || word.starts_with("re")
                    && ["re-elect", "reelect"].iter().any(|w| word.starts_with(w));
            let lemma = if elected {
                Some("elect")
            } else {
                s.lemmas[verb]
            };
            let (people, from, start) = match lemma {
                Some("elect") => {
                    match s
                        .mention_starting(verb + 1)
                        .filter(|m| self.is_a(document, m.entity, "Person"))
                    {
                        Some(person) => (vec![person.entity], past_as(person.end), verb),
                        None => {
                            let Some(left) = self.left_side(s, verb).filter(|l| l.be) else {
                                continue;
                            };
                            let people = left.mentions.iter().map(|m| m.entity).collect();
                            (people, past_as(verb + 1), left.start)
                        }
                    }
                }
                // "won a second round run-off election to become …"
                Some("become")
                    if verb >= 2
                        && s.tokens[verb - 1].lower == "to"
                        && matches!(
                            s.tokens[verb - 2].lower.as_ref(),
                            "election" | "run-off" | "runoff" | "vote" | "race" | "ballot"
                        ) =>
                {
                    let Some(win) = (0..verb - 2).rev().find(|&k| s.lemmas[k] == Some("win"))
                    else {
                        continue;
                    };
                    let Some(left) = self.left_side(s, win) else {
                        continue;
                    };
                    let people = left.mentions.iter().map(|m| m.entity).collect();
                    (people, verb + 1, left.start)
                }
                _ => continue,
            };
            let Some(phrase) = self.office_phrase(s, from, document) else {
                continue;
            };
            let around = s.span(start, phrase.end);
            let position = self.office(&phrase, "election", around, document, out);
            for person in people {
                // "Boni was elected president": only a person is elected to an office.
                if document.class(person).is_none() {
                    document.type_by_slot(person, &["Person".to_owned()]);
                }
                if !self.is_a(document, person, "Person") {
                    continue;
                }
                out.push(self.fact(
                    person,
                    "electedTo",
                    position,
                    "election:electedTo",
                    0.75,
                    around,
                ));
            }
        }
    }

    /// A title phrase, or one after a country's possessive: "Benin's next president".
    fn office_phrase(
        &self,
        s: &Sentence<'_>,
        from: usize,
        document: &Document<'_>,
    ) -> Option<TitlePhrase> {
        let country = s
            .mention_starting(from)
            .filter(|m| self.is_a(document, m.entity, "GeopoliticalEntity"))
            .filter(|m| {
                s.tokens
                    .get(m.end)
                    .is_some_and(|t| t.kind == Kind::Possessive)
            });
        match country {
            Some(country) => {
                let mut phrase = self.title_phrase(s, country.end + 1, document)?;
                phrase.of = phrase.of.or(Some(country.entity));
                Some(phrase)
            }
            None => self.title_phrase(s, from, document),
        }
    }

    /// "Secretary of the Army", "Director of the National Science Foundation": a position
    /// named with what it is of.
    fn positions_of(&self, s: &Sentence<'_>, document: &Document<'_>, out: &mut Vec<Candidate>) {
        for mention in &s.mentions {
            if let Some((predicate, part)) = document.inner(mention.entity) {
                let around = s.span(mention.start, mention.end);
                let rule = format!("name:{predicate}");
                out.push(self.fact(mention.entity, predicate, part, &rule, 0.75, around));
            }
        }
    }

    /// A party and state code in brackets or commas at `at` ("(D-MI)", "(R-Miss.)",
    /// ", R-Miss.,"): the party, the state and where the code ends (past a bracket, before a
    /// comma).
    fn party_code_after(&self, s: &Sentence<'_>, at: usize) -> Option<(&str, &str, usize)> {
        let bracket = match s.tokens.get(at)?.text {
            "(" => true,
            "," => false,
            _ => return None,
        };
        let mut code = s.tokens.get(at + 1)?.text.to_owned();
        let mut last = at + 1;
        // The tokenizer may leave an abbreviation's full stop apart: "R-Miss" ".".
        if s.tokens.get(last + 1).is_some_and(|t| t.text == ".") {
            code.push('.');
            last += 1;
        }
        let closed = match s.tokens.get(last + 1) {
            Some(t) if bracket => t.text == ")",
            Some(t) => t.text == ",",
            None => !bracket,
        };
        if !closed {
            return None;
        }
        let (party, state) = self.rules.party_code(&code)?;
        Some((party, state, if bracket { last + 2 } else { last + 1 }))
    }

    /// "Russian businessman Oleg Deripaska", "U.S. astronauts Douglas Hurley and Bob Behnken":
    /// a country or its demonym before the common nouns that describe a person (lower case:
    /// what they do, not an office) is the person's nationality.
    fn nationalities(
        &self,
        s: &Sentence<'_>,
        document: &mut Document<'_>,
        out: &mut Vec<Candidate>,
    ) {
        for mention in &s.mentions {
            if !self.is_a(document, mention.entity, "Person") {
                continue;
            }
            // Back over the people listed before this one ("Hurley and Behnken").
            let mut start = mention.start;
            while let Some(previous) = start
                .checked_sub(1)
                .filter(|&k| matches!(s.tokens[k].text, "and" | ","))
                .and_then(|k| s.mention_ending(k))
                .filter(|m| self.is_a(document, m.entity, "Person"))
            {
                start = previous.start;
            }
            // "Australian media mogul Rupert Murdoch": the noun next to the name says it is a
            // person; the words before it may say of what.
            let person_noun_before = start > 0 && self.is_person_noun(&s.tokens[start - 1]);
            let Some((country, k)) = self.country_described_before(s, document, start, 1, |k| {
                let t = &s.tokens[k];
                self.is_person_noun(t)
                    || k + 1 < start
                        && person_noun_before
                        && t.kind == Kind::Word
                        && !t.is_capitalised()
                        && s.covering[k].is_none()
                        && !self.rules.function_words.contains(t.lower.as_ref())
            }) else {
                continue;
            };
            let around = s.span(k - 1, mention.end);
            out.push(self.fact(
                mention.entity,
                "nationality",
                country,
                "qualifier:nationality",
                0.75,
                around,
            ));
        }
    }

    /// "Russian businessman", "Chinese information technology company": back from token
    /// `from` over at least `least` and at most three tokens that `describes` takes (by
    /// index), the country named right before them. The country, and where those words start.
    fn country_described_before(
        &self,
        s: &Sentence<'_>,
        document: &mut Document<'_>,
        from: usize,
        least: usize,
        describes: impl Fn(usize) -> bool,
    ) -> Option<(usize, usize)> {
        let mut k = from;
        while k > 0 && from - k < 3 && describes(k - 1) {
            k -= 1;
        }
        if from - k < least || k == 0 {
            return None;
        }
        Some((self.country_ending_at(s, document, k)?, k))
    }

    /// The country named right before token `at`: a country's name, or a demonym ("Russian",
    /// "Chinese") entered as its country. `None` when another name, or no such word, ends there.
    fn country_ending_at(
        &self,
        s: &Sentence<'_>,
        document: &mut Document<'_>,
        at: usize,
    ) -> Option<usize> {
        if let Some(m) = s.mention_ending(at) {
            return self.is_a(document, m.entity, "Country").then_some(m.entity);
        }
        let &country = self.rules.demonyms.get(s.tokens[at - 1].text)?;
        let name = self.rules.country_names[country].name.clone();
        Some(document.name(&name, Some("Country"), Some(country), false))
    }

    /// "the Chinese company Lenovo Group Limited", "the American information technology
    /// company International Business Machines": a business described by its country.
    fn business_countries(
        &self,
        s: &Sentence<'_>,
        document: &mut Document<'_>,
        out: &mut Vec<Candidate>,
    ) {
        for mention in &s.mentions {
            if mention.reference != Reference::Name
                || !(self.is_a(document, mention.entity, "Company")
                    || document.class(mention.entity) == Some("Organization"))
            {
                continue;
            }
            let business_noun = mention.start.checked_sub(1).is_some_and(|k| {
                let t = &s.tokens[k];
                t.kind == Kind::Word
                    && !t.is_capitalised()
                    && self
                        .rules
                        .head_class(t.lower.as_ref())
                        .is_some_and(|c| self.ontology.is_subclass_of(c, "Company"))
            });
            if !business_noun {
                continue;
            }
            // The business noun and the lower-case words before it.
            let Some((country, k)) =
                self.country_described_before(s, document, mention.start - 1, 0, |k| {
                    let t = &s.tokens[k];
                    t.kind == Kind::Word && !t.is_capitalised() && s.covering[k].is_none()
                })
            else {
                continue;
            };
            let around = s.span(k - 1, mention.end);
            out.push(self.fact(
                mention.entity,
                "basedIn",
                country,
                "qualifier:basedIn",
                0.7,
                around,
            ));
        }
    }

    /// "The U.S. Army Corps of Engineers, St. Paul District, awarded": a unit's name in
    /// apposition to the body it is a unit of.
    fn units_in_apposition(
        &self,
        s: &Sentence<'_>,
        document: &Document<'_>,
        out: &mut Vec<Candidate>,
    ) {
        for pair in s.mentions.windows(2) {
            let (body, unit) = (&pair[0], &pair[1]);
            let set_off = unit.start == body.end + 1
                && s.tokens[body.end].text == ","
                && s.tokens.get(unit.end).is_none_or(|t| t.text == ",");
            let unit_named = unit.end - unit.start > 1
                && self
                    .rules
                    .unit_nouns
                    .contains(s.tokens[unit.end - 1].lower.as_ref());
            // "Appellate Section, Environment Division": an address names the smaller unit
            // first; "the 45th Space Wing, the Center, GPS Wing, Boeing": a list.
            let body_is_unit = self
                .rules
                .unit_nouns
                .contains(s.tokens[body.end - 1].lower.as_ref());
            let listed = body.start >= 2
                && s.tokens[body.start - 1].text == ","
                && s.mention_ending(body.start - 1).is_some()
                || s.mention_starting(unit.end + 1).is_some();
            let names = body.reference == Reference::Name
                && unit.reference == Reference::Name
                && body.entity != unit.entity;
            if set_off
                && unit_named
                && !body_is_unit
                && !listed
                && names
                && self.is_a(document, body.entity, "Organization")
            {
                out.push(self.fact(
                    unit.entity,
                    "partOf",
                    body.entity,
                    "apposition:partOf",
                    0.7,
                    s.span(body.start, unit.end),
                ));
            }
            // "Appellate Section, Environment Natural Resources Division, United States
            // Department of Justice": an address names the smaller unit first, each a part of
            // the public body after it.
            let public = |entity: usize| {
                self.is_a(document, entity, "GovernmentBody")
                    || self.is_a(document, entity, "MilitaryOrganization")
            };
            let address = unit.start == body.end + 1
                && s.tokens[body.end].text == ","
                && body_is_unit
                && body.end - body.start > 1
                // "Science Mission Directorate, Human Exploration and Operations Mission
                // Directorate": units of one kind are listed, not addressed.
                && s.tokens[body.end - 1].lower != s.tokens[unit.end - 1].lower
                && names
                && public(unit.entity);
            if address {
                out.push(self.fact(
                    body.entity,
                    "partOf",
                    unit.entity,
                    "address:partOf",
                    0.65,
                    s.span(body.start, unit.end),
                ));
            }
        }
    }

    /// "The National Center for Research Resources (NCRR), a part of the National Institutes
    /// of Health", "FEDSIM, a program of the Federal Technology Service": a unit named in
    /// apposition as a part of a larger body; "a subsidiary of" names its parent company and
    /// "the parent company of" its subsidiary.
    fn unit_appositions(&self, s: &Sentence<'_>, out: &mut Vec<Candidate>) {
        for (index, unit) in s.mentions.iter().enumerate() {
            if unit.reference != Reference::Name || s.people.contains(&unit.entity) {
                continue;
            }
            // Past an acronym in brackets that is the same entity.
            let mut k = unit.end;
            if let Some(acronym) = s
                .mentions
                .get(index + 1)
                .filter(|m| m.entity == unit.entity && m.start == k + 1 && s.tokens[k].text == "(")
            {
                k = acronym.end + 1;
            }
            // "EDA is an agency within the Department of Commerce": said, not set off.
            if s.tokens
                .get(k)
                .is_none_or(|t| t.text != "," && !matches!(t.lower.as_ref(), "is" | "was"))
                || s.tokens
                    .get(k + 1)
                    .is_none_or(|t| !matches!(t.lower.as_ref(), "a" | "an" | "the"))
            {
                continue;
            }
            // "a wholly owned subsidiary", "a wholly-owned subsidiary": adverbs and participles
            // before the noun describe it.
            let mut head = k + 2;
            while head < k + 5
                && s.tokens.get(head).is_some_and(|t| {
                    s.covering[head].is_none()
                        && t.kind == Kind::Word
                        && (t.lower.ends_with("ed")
                            || self.rules.words.parts_of_speech(t.lower.as_ref())
                                == super::words::ADVERB)
                })
            {
                head += 1;
            }
            let mut at = head + 1;
            // "Dow Jones and Company, the parent company of The Wall Street Journal": the
            // parent's apposition names its subsidiary.
            let (predicate, parent) = match s.tokens.get(head).map(|t| t.lower.as_ref()) {
                Some(
                    "part" | "program" | "unit" | "component" | "division" | "office" | "arm"
                    | "agency" | "bureau" | "branch",
                ) if s.tokens[k + 1].lower != "the" => ("partOf", false),
                Some("subsidiary") if s.tokens[k + 1].lower != "the" => ("subsidiaryOf", false),
                Some("parent") => {
                    if s.tokens.get(at).is_some_and(|t| t.lower == "company") {
                        at += 1;
                    }
                    ("subsidiaryOf", true)
                }
                _ => continue,
            };
            let within =
                predicate == "partOf" && s.tokens.get(at).is_some_and(|t| t.lower == "within");
            if s.tokens.get(at).is_none_or(|t| t.lower != "of") && !within {
                continue;
            }
            at += 1;
            if s.tokens.get(at).is_some_and(|t| t.lower == "the") {
                at += 1;
            }
            let Some(whole) = s
                .mention_starting(at)
                .filter(|m| m.entity != unit.entity && !s.people.contains(&m.entity))
            else {
                continue;
            };
            let around = s.span(unit.start, whole.end);
            let rule = format!("apposition:{predicate}");
            let (part, whole) = if parent {
                (whole.entity, unit.entity)
            } else {
                (unit.entity, whole.entity)
            };
            out.push(self.fact(part, predicate, whole, &rule, 0.75, around));
        }
    }

    /// "DEA Amarillo Office", "FBI New York", "FBI Office of Professional Responsibility": a
    /// public body's unit named after the body's acronym, which the article already names.
    fn units_named_after_acronyms(
        &self,
        s: &Sentence<'_>,
        document: &Document<'_>,
        out: &mut Vec<Candidate>,
    ) {
        for unit in &s.mentions {
            let first = &s.tokens[unit.start];
            let acronym = first.is_upper()
                && first.text.chars().all(|c| c.is_ascii_alphabetic())
                && (2..=6).contains(&first.text.len());
            if unit.reference != Reference::Name
                || unit.end - unit.start < 2
                || !acronym
                || !self.is_a(document, unit.entity, "Organization")
                || self.is_a(document, unit.entity, "Company")
            {
                continue;
            }
            let Some(body) = document
                .named(first.text)
                .filter(|&body| body != unit.entity && self.is_a(document, body, "Organization"))
            else {
                continue;
            };
            let around = s.span(unit.start, unit.end);
            out.push(self.fact(unit.entity, "partOf", body, "name:partOf", 0.7, around));
        }
    }

    /// A lower-case noun for a person ("businessman", "astronauts", "pilot").
    fn is_person_noun(&self, token: &Token<'_>) -> bool {
        token.kind == Kind::Word
            && !token.is_capitalised()
            && self.rules.head_class(token.lower.as_ref()) == Some("Person")
    }

    /// "Democrat Harry Reid", "Senator Debbie Stabenow (D-MI)", "Ted Stevens, an Alaska
    /// Republican,": `memberOf` the party, and `represents` the state given with it.
    fn parties(&self, s: &Sentence<'_>, document: &mut Document<'_>, out: &mut Vec<Candidate>) {
        let is_party = |document: &Document<'_>, m: &Mention| {
            document.class(m.entity) == Some("PoliticalParty")
        };
        for person in &s.mentions {
            if person.reference != Reference::Name
                || document.class(person.entity) != Some("Person")
            {
                continue;
            }
            let around = |to: usize| s.span(person.start, to);
            // A party right before the person or the title before the name.
            let opening = s
                .title_starts
                .get(&person.start)
                .copied()
                .unwrap_or(person.start);
            if let Some(party) = s.mention_ending(opening).filter(|m| is_party(document, m)) {
                out.push(self.fact(
                    person.entity,
                    "memberOf",
                    party.entity,
                    "party:memberOf",
                    0.8,
                    s.span(party.start, person.end),
                ));
            }
            // "(D-MI)", "(R-Calif.)"
            if let Some((party, state, end)) = self.party_code_after(s, person.end) {
                let party = document.canonical(party, party, Some("PoliticalParty"));
                let region = document.canonical(state, state, Some("Region"));
                out.push(self.fact(
                    person.entity,
                    "memberOf",
                    party,
                    "party:memberOf",
                    0.85,
                    around(end),
                ));
                out.push(self.fact(
                    person.entity,
                    "represents",
                    region,
                    "party:represents",
                    0.8,
                    around(end),
                ));
            }
            let member = |party: &Mention| {
                self.fact(
                    person.entity,
                    "memberOf",
                    party.entity,
                    "party:memberOf",
                    0.8,
                    around(party.end),
                )
            };
            // "John Dramani Mahama of the National Democratic Congress", "Kofi Annan (NDC)".
            let mut k = person.end;
            if s.tokens
                .get(k)
                .is_some_and(|t| matches!(t.text, "of" | "("))
            {
                k += 1;
                if s.tokens.get(k).is_some_and(|t| t.lower == "the") {
                    k += 1;
                }
                if let Some(party) = s.mention_starting(k).filter(|m| is_party(document, m)) {
                    let closed = s.tokens[person.end].text == "of"
                        || s.tokens.get(party.end).is_some_and(|t| t.text == ")");
                    if closed {
                        out.push(member(party));
                    }
                }
            }
            // ", an Alaska Republican,"
            let mut k = person.end;
            if s.tokens.get(k).is_some_and(|t| t.text == ",")
                && s.tokens
                    .get(k + 1)
                    .is_some_and(|t| matches!(t.lower.as_ref(), "a" | "an"))
            {
                k += 2;
                let mut region = None;
                if let Some(place) = s
                    .mention_starting(k)
                    .filter(|m| document.class(m.entity) == Some("Region"))
                {
                    region = Some(place.entity);
                    k = place.end;
                }
                if let Some(party) = s.mention_starting(k).filter(|m| is_party(document, m)) {
                    out.push(member(party));
                    if let Some(region) = region {
                        out.push(self.fact(
                            person.entity,
                            "represents",
                            region,
                            "party:represents",
                            0.75,
                            around(party.end),
                        ));
                    }
                }
            }
        }
    }

    /// A deal named by its noun: "IBM's acquisition of Red Hat" and "the acquisition of Red Hat
    /// by IBM" → `acquires`; "the merger of IBC and Continental" and "Exxon's merger with
    /// Mobil" → `mergesWith`. The parties are remembered for a later "the proposed acquisition".
    fn deals(&self, s: &Sentence<'_>, document: &mut Document<'_>, out: &mut Vec<Candidate>) {
        let party_classes = ["Organization".to_owned()];
        let party = |m: &Mention| m.reference == Reference::Name;
        for deal in 0..s.tokens.len() {
            let word = s.tokens[deal].lower.as_ref();
            let Some(predicate) = [Some(word), word.strip_suffix('s')]
                .into_iter()
                .flatten()
                .find_map(|noun| self.rules.deal_facts.get(noun))
                .filter(|_| s.tokens[deal].kind == Kind::Word && s.covering[deal].is_none())
                .map(String::as_str)
            else {
                continue;
            };
            let mut before = deal;
            while before > 0 && self.is_deal_modifier(s, before - 1) {
                before -= 1;
            }
            let owner = (before > 0 && s.tokens[before - 1].kind == Kind::Possessive)
                .then(|| s.mention_ending(before - 1))
                .flatten()
                .filter(|m| party(m))
                .copied()
                .or_else(|| {
                    // "Facebook has engaged in a strategy including its 2012 acquisition of
                    // Instagram, its 2014 acquisition of WhatsApp": "its" is the organisation
                    // the sentence names first, its subject; no public body buys companies.
                    let its =
                        (before.saturating_sub(1)..deal).find(|&k| s.tokens[k].lower == "its");
                    its.and_then(|its| {
                        s.mentions.iter().find(|m| {
                            m.end <= its
                                && party(m)
                                && self.is_a(document, m.entity, "Organization")
                                && !self.is_a(document, m.entity, "GovernmentBody")
                        })
                    })
                    .copied()
                });
            let after = |at: usize, words: &[&str]| {
                s.tokens
                    .get(at)
                    .is_some_and(|t| words.contains(&t.lower.as_ref()))
                    .then(|| {
                        let mut k = at + 1;
                        while k < s.tokens.len()
                            && k < at + 1 + SLOT_GAP
                            && (s.tokens[k].lower == "the"
                                || self.rules.party_roles.contains(s.tokens[k].lower.as_ref()))
                        {
                            k += 1;
                        }
                        s.mention_starting(k).filter(|m| party(m)).copied()
                    })
                    .flatten()
            };
            let (subjects, objects, end) = if predicate == "mergesWith" {
                match (
                    owner,
                    after(deal + 1, &["with"]),
                    after(deal + 1, &["of", "between"]),
                ) {
                    (Some(owner), Some(with), _) => (vec![owner], vec![with], with.end),
                    (None, _, Some(first)) => {
                        let all = self.coordinated_right(s, &first);
                        let end = all.last().map_or(first.end, |m| m.end);
                        (vec![all[0]], all[1..].to_vec(), end)
                    }
                    _ => continue,
                }
            } else {
                // The buyer before the target ("the proposed acquisition by Alcoa Inc.
                // (“Alcoa”) of Reynolds Metals Company"), or after it.
                let buyer_first = after(deal + 1, &["by"]);
                let of_at = buyer_first.map_or(deal + 1, |buyer| self.past_brackets(s, buyer.end));
                let Some(first) = after(of_at, &["of"]).or_else(|| self.described_target(s, of_at))
                else {
                    continue;
                };
                // "of ACX Technologies, Inc.'s interest in Golden Aluminum Company", "of
                // Marathon's Speedway subsidiary": what the owner has is what is bought.
                let first = self.owned_target(s, &first).unwrap_or(first);
                let targets = self.coordinated_right(s, &first);
                let last = targets.last().map_or(first.end, |m| m.end);
                // "the proposed acquisition of EZ Communications (“EZ”) by American Radio
                // Systems"
                match (
                    buyer_first,
                    owner,
                    after(self.past_brackets(s, last), &["by"]),
                ) {
                    (Some(buyer), _, _) => (vec![buyer], targets, last),
                    (None, Some(owner), _) => (vec![owner], targets, last),
                    (None, None, Some(buyer)) => (vec![buyer], targets, buyer.end),
                    (None, None, None) => {
                        document.last_deal = targets.iter().map(|m| m.entity).collect();
                        continue;
                    }
                }
            };
            if objects.is_empty() {
                continue;
            }
            let around = s.span(subjects[0].start.min(before), end);
            let opening = owner.map_or(before, |o| o.start.min(before));
            if let Some(accusers) = self.allegation_before(s, document, opening) {
                for accuser in &accusers.mentions {
                    for subject in subjects.iter().filter(|m| m.entity != accuser.entity) {
                        out.push(self.fact(
                            accuser.entity,
                            "accuses",
                            subject.entity,
                            "deal:accuses",
                            0.6,
                            s.span(accusers.start, end),
                        ));
                    }
                }
            }
            for subject in &subjects {
                for object in &objects {
                    if subject.entity == object.entity {
                        continue;
                    }
                    document.type_by_slot(subject.entity, &party_classes);
                    document.type_by_slot(object.entity, &party_classes);
                    out.push(self.fact(
                        subject.entity,
                        predicate,
                        object.entity,
                        &format!("deal:{predicate}"),
                        0.65,
                        around,
                    ));
                }
            }
        }
    }

    /// "acquisition of approximately 200 Oil Changers outlets", "acquisition of the drug
    /// NeoProfen", "acquisition of the mobile messaging app WhatsApp": a deal's target named
    /// after "of" and a few lower-case words or numbers that describe it.
    fn described_target(&self, s: &Sentence<'_>, of_at: usize) -> Option<Mention> {
        const LONGEST: usize = 5;
        if s.tokens.get(of_at).is_none_or(|t| t.lower != "of") {
            return None;
        }
        let mut k = of_at + 1;
        while k < s.tokens.len() && k <= of_at + LONGEST && s.covering[k].is_none() {
            let token = &s.tokens[k];
            let describes = token.kind == Kind::Number
                || token.kind == Kind::Word
                    && token.text.starts_with(char::is_lowercase)
                    && (matches!(token.lower.as_ref(), "the" | "a" | "an")
                        || !self.rules.function_words.contains(token.lower.as_ref()));
            if !describes {
                return None;
            }
            k += 1;
        }
        s.mention_starting(k)
            .filter(|m| m.reference == Reference::Name && k > of_at + 1)
            .copied()
    }

    /// The target a possessive names after a deal's "of": the name it owns ("Marathon's
    /// Speedway subsidiary"), or the name after what it owns ("ACX's interest in Golden
    /// Aluminum", "Veolia's U.S. subsidiary, Veolia ES Solid Waste, Inc."). None when the
    /// name is no possessor, or nothing named follows.
    fn owned_target(&self, s: &Sentence<'_>, owner: &Mention) -> Option<Mention> {
        const LONGEST: usize = 4;
        if s.tokens
            .get(owner.end)
            .is_none_or(|t| t.kind != Kind::Possessive)
        {
            return None;
        }
        // "Veolia's U.S. subsidiary": a country before a common noun only modifies it.
        let modifier = |m: &Mention| {
            s.place_classes
                .get(&m.entity)
                .is_some_and(|c| c == "Country")
                && s.tokens
                    .get(m.end)
                    .is_some_and(|t| t.text.starts_with(char::is_lowercase))
        };
        if let Some(owned) = s.mention_starting(owner.end + 1).filter(|m| !modifier(m)) {
            return Some(*owned);
        }
        let mut k = owner.end + 1;
        while k < s.tokens.len() && k <= owner.end + LONGEST {
            if let Some(m) = s
                .mention_starting(k)
                .filter(|_| matches!(s.tokens[k - 1].lower.as_ref(), "in" | ","))
            {
                return Some(*m);
            }
            let token = &s.tokens[k];
            let goes_on = s.covering[k].is_none()
                && (token.kind == Kind::Word
                    && (token.text.starts_with(char::is_lowercase)
                        || token.is_upper()
                        || token.text.contains('.'))
                    || token.text == ",");
            if !goes_on {
                return None;
            }
            k += 1;
        }
        None
    }

    /// "The FTC alleged that Graco's acquisition of ITW …", "the United States filed a
    /// Complaint alleging that the proposed acquisition by Alcoa Inc. …": the agents that
    /// allege something of the deal phrase opening at `at`, the subject of the verb group the
    /// allegation stands in.
    fn allegation_before(
        &self,
        s: &Sentence<'_>,
        document: &Document<'_>,
        at: usize,
    ) -> Option<LeftSide> {
        let mut that = at;
        while that > 0 && matches!(s.tokens[that - 1].lower.as_ref(), "the" | "a" | "an") {
            that -= 1;
        }
        let alleges = that.checked_sub(2)?;
        if s.tokens[that - 1].lower != "that" || !self.lemma_is(s, alleges, "allege") {
            return None;
        }
        self.acting_side(s, document, alleges)
    }

    /// The subject of the verb group that the word at `at` stands in, when an agent is among
    /// it: the nearest verb at or before `at` with such a subject ("the United States filed a
    /// Complaint alleging", "sued to block").
    fn acting_side(
        &self,
        s: &Sentence<'_>,
        document: &Document<'_>,
        at: usize,
    ) -> Option<LeftSide> {
        (0..=at).rev().find_map(|verb| {
            s.lemmas[verb]
                .as_ref()
                .and_then(|_| self.left_side(s, verb))
                .filter(|side| {
                    side.mentions
                        .iter()
                        .any(|m| self.is_a(document, m.entity, "Agent"))
                })
        })
    }

    /// A word that may stand between a deal's owner and its noun: "IBM's proposed $34 billion
    /// acquisition".
    fn is_deal_modifier(&self, s: &Sentence<'_>, at: usize) -> bool {
        self.is_slot_filler(s, at)
            || s.tokens[at].text == "$"
            // "Ovation's January 2006 acquisition of NeoProfen"
            || self.rules.calendar.contains(s.tokens[at].lower.as_ref())
            || matches!(
                s.tokens[at].lower.as_ref(),
                "proposed" | "planned" | "pending" | "billion" | "million"
            )
    }

    /// "Dallas, Texas" → `locatedIn`; "Michael Cooper, age 33, of Baltimore" and "Barrios
    /// Technology of Houston" → `basedIn`.
    /// "The Antitrust Division filed a lawsuit on July 20 to block the merger of IBC and
    /// Continental Baking Company": a legal action against a deal sues the deal's parties. The
    /// plaintiff is the subject of the verb group the action stands in.
    pub fn deal_challenges(&self, s: &Sentence<'_>, document: &Document<'_>) -> Vec<Candidate> {
        let mut out = Vec::new();
        let is_word = |at: usize, words: &HashSet<String>| self.lemma_in(s, at, words);
        // Legal papers capitalise their own terms: "filed a Complaint alleging that".
        let is_defined_term = |at: usize| {
            s.mention_at(at).is_some_and(|m| m.end - m.start == 1)
                && self
                    .rules
                    .deal_actions
                    .contains(s.tokens[at].lower.as_ref())
        };
        let Some(action) = (0..s.tokens.len())
            .find(|&k| is_word(k, &self.rules.deal_actions) || is_defined_term(k))
        else {
            return out;
        };
        let Some(deal) = (action + 1..s.tokens.len().min(action + DEAL_REACH))
            .find(|&k| is_word(k, &self.rules.deal_nouns))
        else {
            return out;
        };
        let opens = s
            .tokens
            .get(deal + 1)
            .is_some_and(|t| matches!(t.lower.as_ref(), "of" | "between"));
        // "the merger of Defendants Abitibi-Consolidated Inc. and Bowater Inc."
        let party_at = if s
            .tokens
            .get(deal + 2)
            .is_some_and(|t| self.rules.party_roles.contains(t.lower.as_ref()))
        {
            deal + 3
        } else {
            deal + 2
        };
        let named = opens.then(|| s.mention_starting(party_at)).flatten();
        // "challenging the proposed acquisition": the deal named last in the article.
        // "a transaction by which Interstate agreed to acquire Continental": the deal a verb
        // of the same sentence names.
        let definite = (deal.saturating_sub(2)..deal)
            .any(|k| matches!(s.tokens[k].lower.as_ref(), "the" | "this" | "that"))
            || s.tokens.get(deal + 2).is_some_and(|t| t.lower == "which");
        let (parties, end): (Vec<usize>, usize) = match named {
            Some(first) => {
                let listed = self.coordinated_right(s, first);
                let end = listed.last().map_or(first.end, |p| p.end);
                (listed.iter().map(|m| m.entity).collect(), end)
            }
            None if definite && !opens => (document.last_deal.clone(), deal + 1),
            None => return out,
        };
        // The verb group the action stands in: the verb before a noun ("filed a lawsuit"),
        // the action itself when it is the verb ("sued to block").
        // Only an agent sues: "a Complaint seeking to enjoin" is not the plaintiff.
        let Some(plaintiffs) = self.acting_side(s, document, action) else {
            return out;
        };
        for plaintiff in &plaintiffs.mentions {
            for &party in &parties {
                if plaintiff.entity == party {
                    continue;
                }
                out.push(Candidate {
                    subject: plaintiff.entity,
                    predicate: "sues".to_owned(),
                    object: Target::Entity(party),
                    rule: "deal:sues".to_owned(),
                    confidence: 0.65,
                    qualifiers: BTreeMap::new(),
                    around: s.span(plaintiffs.start, end),
                });
            }
        }
        out
    }

    /// "City, State", a facility or court "in" a place, and "X of City".
    pub fn places(&self, s: &Sentence<'_>, document: &mut Document<'_>) -> Vec<Candidate> {
        let mut out = Vec::new();
        // City, State: first, so that "Jason Jeroski of Mesquite, Texas" finds Mesquite a city.
        for (index, mention) in s.mentions.iter().enumerate() {
            if mention.reference != Reference::Name {
                continue;
            }
            let Some(next) = s.mentions.get(index + 1) else {
                continue;
            };
            let comma = next.start == mention.end + 1 && s.tokens[mention.end].text == ",";
            if comma {
                // "the U.S. District Court in Rochester, New York": the city that ends a name.
                let seat = match document.inner(mention.entity) {
                    Some(("locatedIn", part)) if self.is_a(document, part, "City") => Some(part),
                    _ => None,
                };
                let subject = seat.unwrap_or(mention.entity);
                // "Redmond, Washington": a state's name after a city is the state.
                if self.is_a(document, mention.entity, "City")
                    && self.is_a(document, next.entity, "City")
                    && self
                        .rules
                        .us_states
                        .contains(document.entities[next.entity].name.as_str())
                {
                    document.entities[next.entity].class = Some("Region".to_owned());
                }
                let larger = self.region_or_country(document, next.entity);
                let opens = mention.start == 0
                    || matches!(
                        s.tokens[mention.start - 1].lower.as_ref(),
                        "in" | "of" | "at" | "from" | "near" | "to" | "-" | "–" | "—" | "("
                        // "a Buffalo, New York, investment adviser"
                            | "a" | "an"
                    );
                // "Fort Campbell, Kentucky", "Quarry Bay, Hong Kong": any place smaller than
                // the region or country after it; a list of regions or countries is not.
                let smaller = self.is_a(document, subject, "Facility")
                    || self.is_a(document, subject, "Place")
                        && !self.region_or_country(document, subject);
                // "visit Fort Campbell, Kentucky, to": a state set off by commas after a name
                // no one typed places it, whatever stands before it.
                let region_set_off = self.is_a(document, next.entity, "Region")
                    && s.tokens
                        .get(next.end)
                        .is_none_or(|t| matches!(t.text, "," | "." | ";"));
                // "the counties of Adair, Cherokee, Delaware, and Hughes": a name in a list of
                // names is no city before a state.
                let comma_at = |at: usize| s.tokens.get(at).is_some_and(|t| t.text == ",");
                let listed_after = comma_at(next.end)
                    && (s.mention_starting(next.end + 1).is_some()
                        || s.tokens.get(next.end + 1).is_some_and(|t| t.lower == "and"));
                let listed_before = mention.start >= 1
                    && comma_at(mention.start - 1)
                    && s.mentions.iter().any(|m| {
                        m.end + 1 == mention.start
                            && (document.class(m.entity).is_none()
                                || self.region_or_country(document, m.entity))
                    });
                let in_list = listed_before && listed_after;
                let untyped = document.class(subject).is_none();
                // "Harris County, Texas": a county and the state it lies in.
                let county = |entity: usize| {
                    self.is_a(document, entity, "Region")
                        && document.entities[entity]
                            .name
                            .rsplit(' ')
                            .next()
                            .is_some_and(|last| matches!(last, "County" | "Parish"))
                };
                let city = self.is_a(document, subject, "City")
                    || smaller
                    || county(subject) && !county(next.entity) && !in_list
                    || untyped && opens && self.is_a(document, next.entity, "Region")
                    || untyped && region_set_off && !in_list;
                if larger && city && next.entity != subject {
                    if untyped {
                        document.type_by_slot(subject, &["City".to_owned()]);
                    }
                    let around = s.span(mention.start, next.end);
                    out.push(self.fact(
                        subject,
                        "locatedIn",
                        next.entity,
                        "place:locatedIn",
                        0.85,
                        around,
                    ));
                }
            }
        }
        for mention in &s.mentions {
            if mention.reference != Reference::Name {
                continue;
            }
            // "Kennedy Space Center at Cape Canaveral", "the European Court of First Instance in
            // Luxembourg": a facility or a court and the place it stands in.
            let stands = || {
                self.is_a(document, mention.entity, "Facility")
                    || self.is_a(document, mention.entity, "Court")
                    // "Nisur Square in Baghdad": a named spot within a larger place.
                    || document.class(mention.entity) == Some("Place")
            };
            // "Marshall Space Flight Center (MSFC) in Huntsville": past the acronym.
            let after = s.past_acronym(mention.end);
            if s.tokens
                .get(after)
                .is_some_and(|t| matches!(t.lower.as_ref(), "in" | "at"))
                && stands()
            {
                if let Some(place) = s.mention_starting(after + 1) {
                    let inside = self.is_a(document, place.entity, "City")
                        || self.is_a(document, place.entity, "Region")
                        || self.is_a(document, place.entity, "Country")
                        || document.class(place.entity).is_none()
                            && (place.end - place.start > 1
                                // "the Goddard Space Flight Center in Greenbelt": a town
                                // no list knows.
                                || self.is_a(document, mention.entity, "Facility")
                                    && s.tokens[place.start].text.len() > 3);
                    if inside && place.entity != mention.entity {
                        document.type_by_slot(place.entity, &["City".to_owned()]);
                        let around = s.span(mention.start, place.end);
                        out.push(self.fact(
                            mention.entity,
                            "locatedIn",
                            place.entity,
                            "place:locatedIn",
                            0.75,
                            around,
                        ));
                    }
                }
            }
            // "Apple Inc., Cupertino, Calif.;": an organisation and, in commas, the city it is
            // in, ending the phrase. "Shamrock Foods, Commerce City, Colorado,": a name of
            // several words that nothing typed is an organisation's when a city and its state
            // follow it so.
            let untyped =
                document.class(mention.entity).is_none() && mention.end - mention.start > 1;
            // "the Onizuka Air Force Base, Sunnyvale, Calif.": a facility stands in the city.
            let facility = self.is_a(document, mention.entity, "Facility");
            // "Global Science & Technology, Inc. (GST), Greenbelt, Md.": past the acronym.
            let comma = s.past_acronym(mention.end);
            if s.tokens.get(comma).is_some_and(|t| t.text == ",")
                && (untyped || facility || self.is_a(document, mention.entity, "Organization"))
            {
                if let Some(city) = s
                    .mention_starting(comma + 1)
                    .filter(|m| self.is_a(document, m.entity, "City"))
                {
                    let state_follows = s.tokens.get(city.end).is_some_and(|t| t.text == ",")
                        && s.mention_starting(city.end + 1)
                            .is_some_and(|m| self.region_or_country(document, m.entity));
                    if self.ends_address(s, document, city.end) && (!untyped || state_follows) {
                        if untyped {
                            document.type_by_slot(mention.entity, &["Organization".to_owned()]);
                        }
                        let around = s.span(mention.start, city.end);
                        let (predicate, rule) = if facility {
                            ("locatedIn", "place:locatedIn")
                        } else {
                            ("basedIn", "place:basedIn")
                        };
                        out.push(self.fact(
                            mention.entity,
                            predicate,
                            city.entity,
                            rule,
                            0.7,
                            around,
                        ));
                    }
                }
            }
            // "California-based SpaceX" (the place inside the name), or "Cotonou-based
            // political analyst Gerard Guedegbe" (a few lower-case words between).
            let based = |k: usize| s.tokens[k].lower.ends_with("-based");
            let based_at = (mention.end - mention.start > 1)
                .then_some(mention.start)
                .filter(|&k| based(k))
                .or_else(|| {
                    (mention.start.saturating_sub(4)..mention.start)
                        .rev()
                        .take_while(|&k| {
                            let t = &s.tokens[k];
                            based(k)
                                || t.kind == Kind::Word
                                    && !t.is_capitalised()
                                    && s.covering[k].is_none()
                        })
                        .find(|&k| based(k))
                });
            if let Some(place) = based_at.and_then(|k| self.place_before_based(s, document, k)) {
                // "the Vilseck, Germany-based 2nd Cavalry Regiment": the town before the
                // country is where the body is based, and it lies in the country.
                let town = based_at
                    .filter(|_| self.region_or_country(document, place))
                    .and_then(|k| self.town_before_based(s, document, k))
                    .filter(|&(town, _)| town != place);
                if let Some((town, from)) = town {
                    let around = s.span(from, mention.start);
                    out.push(self.fact(town, "locatedIn", place, "place:locatedIn", 0.75, around));
                }
                let base = town.map_or(place, |(town, _)| town);
                if base != mention.entity {
                    let around = s.span(mention.start, mention.end);
                    out.push(self.fact(
                        mention.entity,
                        "basedIn",
                        base,
                        "place:basedIn",
                        0.75,
                        around,
                    ));
                }
            }
            if let Some((place, end)) = self.based_after_description(s, document, mention) {
                let around = s.span(mention.start, end);
                out.push(self.fact(
                    mention.entity,
                    "basedIn",
                    place,
                    "place:basedIn",
                    0.75,
                    around,
                ));
            }
            if let Some(city) = self.city_after_company(s, document, mention) {
                let around = s.span(mention.start, city.end);
                out.push(self.fact(
                    mention.entity,
                    "basedIn",
                    city.entity,
                    "place:basedIn",
                    0.7,
                    around,
                ));
            }
            // X of City / X, age 33, of City
            let untyped =
                document.class(mention.entity).is_none() && mention.end - mention.start > 1;
            let agent = self.resides(document, mention.entity) || untyped;
            if !agent {
                continue;
            }
            let mut k = mention.end;
            if s.tokens.get(k).is_some_and(|t| t.text == ",")
                && s.tokens.get(k + 1).is_some_and(|t| t.lower == "age")
                && s.tokens.get(k + 2).is_some_and(|t| t.kind == Kind::Number)
                && s.tokens.get(k + 3).is_some_and(|t| t.text == ",")
            {
                k += 4;
            } else if s.tokens.get(k).is_some_and(|t| t.text == ",")
                && s.tokens.get(k + 1).is_some_and(|t| t.kind == Kind::Number)
                && s.tokens.get(k + 2).is_some_and(|t| t.text == ",")
            {
                k += 3;
            } else if s.tokens.get(k).is_some_and(|t| t.text == ",")
                && s.tokens.get(k + 1).is_some_and(|t| t.lower == "of")
            {
                // "Arden Bement, Jr., of Indiana,"
                k += 1;
            }
            // "Teo, age 65, is a resident of Kinnelon", "Meng, formerly a resident of Beijing":
            // where a person lives.
            let mut resident = k + usize::from(s.word(k) == ",");
            if matches!(s.word(resident), "is" | "was") {
                resident += 1;
            }
            if matches!(s.word(resident), "formerly" | "currently" | "also") {
                resident += 1;
            }
            if s.word(resident) == "a"
                && s.word(resident + 1) == "resident"
                && s.word(resident + 2) == "of"
                && self.is_a(document, mention.entity, "Person")
            {
                k = resident + 2;
            }
            // "Tavon Robinson, age 26, also of Baltimore"; "Bastion Technologies and Dittmar
            // Associates, both of Houston": each of those listed.
            let mut holders = vec![*mention];
            let opens = k + usize::from(s.tokens.get(k).is_some_and(|t| t.text == ","));
            match s.tokens.get(opens).map(|t| t.lower.as_ref()) {
                Some("also") => k = opens + 1,
                Some("both" | "all") => {
                    holders = self.coordinated_left(s, mention);
                    k = opens + 1;
                }
                _ => {}
            }
            if s.tokens.get(k).is_some_and(|t| t.lower == "of") {
                if let Some(place) = s.mention_starting(k + 1) {
                    if self.is_a(document, place.entity, "City")
                        || self.is_a(document, place.entity, "Region")
                    {
                        if untyped {
                            document.type_by_slot(mention.entity, &["Organization".to_owned()]);
                        }
                        for holder in holders.iter().filter(|h| {
                            h.entity == mention.entity || self.resides(document, h.entity)
                        }) {
                            let around = s.span(holder.start.min(mention.start), place.end);
                            out.push(self.fact(
                                holder.entity,
                                "basedIn",
                                place.entity,
                                "place:basedIn",
                                0.75,
                                around,
                            ));
                        }
                    }
                }
            }
        }
        out
    }

    /// A person or a business, not a public body: what "of Baltimore" after a name says lives
    /// or is based there.
    fn resides(&self, document: &Document<'_>, entity: usize) -> bool {
        self.is_a(document, entity, "Person")
            || self.is_a(document, entity, "Organization")
                && !self.is_a(document, entity, "GovernmentBody")
    }

    /// "Quantum3D, a company based in San Jose": an organisation's description set off after
    /// its name, ending in where it is based. Names no one typed become organisations.
    fn based_after_description(
        &self,
        s: &Sentence<'_>,
        document: &mut Document<'_>,
        mention: &Mention,
    ) -> Option<(usize, usize)> {
        const LONGEST: usize = 4;
        let untyped = document.class(mention.entity).is_none();
        if !untyped && !self.is_a(document, mention.entity, "Organization") {
            return None;
        }
        let comma = mention.end;
        let article = comma + 1;
        if s.tokens.get(comma).is_none_or(|t| t.text != ",")
            || s.tokens
                .get(article)
                .is_none_or(|t| !matches!(t.lower.as_ref(), "a" | "an"))
        {
            return None;
        }
        if let Some(found) = self.incorporated_in(s, document, mention, article) {
            return Some(found);
        }
        let based = (article + 2..(article + 2 + LONGEST).min(s.tokens.len()))
            .take_while(|&k| s.tokens[k - 1].kind == Kind::Word)
            .find(|&k| matches!(s.tokens[k].lower.as_ref(), "based" | "headquartered"))?;
        let described_as_organisation = (article + 1..based).any(|k| {
            let lower = s.tokens[k].lower.as_ref();
            self.rules
                .head_class(lower)
                .is_some_and(|class| self.ontology.is_subclass_of(class, "Organization"))
        });
        if !described_as_organisation || s.tokens.get(based + 1).is_none_or(|t| t.lower != "in") {
            return None;
        }
        let place = s
            .mention_starting(based + 2)
            .filter(|m| self.is_a(document, m.entity, "Place"))?;
        if untyped {
            document.type_by_slot(mention.entity, &["Organization".to_owned()]);
        }
        Some((place.entity, place.end))
    }

    /// "JENKINS FOOD CORPORATION, a Maryland Corporation;", "Samsung Electronics Co., Ltd., a
    /// Korean corporation": the state or country a company is organised under, said by a
    /// place or demonym before a business noun that ends the apposition.
    fn incorporated_in(
        &self,
        s: &Sentence<'_>,
        document: &mut Document<'_>,
        mention: &Mention,
        article: usize,
    ) -> Option<(usize, usize)> {
        let (place, words) = match s.mention_starting(article + 1) {
            Some(m) if self.region_or_country(document, m.entity) => (Some(m.entity), m.end),
            Some(_) => return None,
            None => (None, article + 2),
        };
        let ends = self.business_noun_end(s, words)?;
        let place = match place {
            Some(place) => place,
            None => {
                let &country = self.rules.demonyms.get(s.tokens[article + 1].text)?;
                let name = self.rules.country_names[country].name.clone();
                document.name(&name, Some("Country"), Some(country), false)
            }
        };
        if document.class(mention.entity).is_none() {
            document.type_by_slot(mention.entity, &["Company".to_owned()]);
        }
        (place != mention.entity).then_some((place, ends))
    }

    /// "limited liability company", "Corporation": a business noun of up to three words from
    /// `from` that ends an apposition. The index past it.
    fn business_noun_end(&self, s: &Sentence<'_>, from: usize) -> Option<usize> {
        const LONGEST: usize = 3;
        let last = (from..(from + LONGEST).min(s.tokens.len()))
            .take_while(|&k| s.tokens[k].kind == Kind::Word && s.covering[k].is_none())
            .last()?;
        let business = self
            .rules
            .head_class(s.tokens[last].lower.as_ref())
            .is_some_and(|class| self.ontology.is_subclass_of(class, "Company"));
        let closed = s
            .tokens
            .get(last + 1)
            .is_none_or(|t| matches!(t.text, "," | ";" | "." | ")"));
        (business && closed).then_some(last + 1)
    }

    /// ", a Maryland Corporation": where a listed party's incorporation, set off after it,
    /// ends.
    fn past_incorporation(&self, s: &Sentence<'_>, at: usize) -> Option<usize> {
        let tokens = &s.tokens;
        if tokens.get(at).is_none_or(|t| t.text != ",")
            || tokens
                .get(at + 1)
                .is_none_or(|t| !matches!(t.lower.as_ref(), "a" | "an"))
        {
            return None;
        }
        let place = s
            .mention_starting(at + 2)
            .filter(|m| s.place_classes.contains_key(&m.entity))?;
        self.business_noun_end(s, place.end)
    }

    /// "a contract to Leidos Innovations Corporation in Houston": a company, by its name's
    /// suffix or head, and the city written right after it.
    fn city_after_company<'m>(
        &self,
        s: &'m Sentence<'_>,
        document: &Document<'_>,
        mention: &Mention,
    ) -> Option<&'m Mention> {
        if !self.is_a(document, mention.entity, "Company")
            || s.tokens.get(mention.end).is_none_or(|t| t.lower != "in")
        {
            return None;
        }
        s.mention_starting(mention.end + 1)
            .filter(|m| m.entity != mention.entity && self.is_a(document, m.entity, "City"))
    }

    /// "The California-based SpaceX", "U.S.-based Fox News Channel": the place a name's first
    /// word says it is based in, entered as a country, a US state, a place the article
    /// already named, or else a city.
    fn place_before_based(
        &self,
        s: &Sentence<'_>,
        document: &mut Document<'_>,
        at: usize,
    ) -> Option<usize> {
        let word = s.tokens[at].text;
        let place = word
            .strip_suffix("-based")
            .or_else(|| word.strip_suffix("-Based"))?;
        if !place.starts_with(|c: char| c.is_uppercase()) {
            return None;
        }
        if let Some(&country) = self.rules.countries.get(place) {
            return Some(document.name(place, Some("Country"), Some(country), false));
        }
        if self.rules.is_us_state(place) {
            return Some(document.name(place, Some("Region"), None, false));
        }
        if let Some(entity) = document.named(place) {
            return self.is_a(document, entity, "Place").then_some(entity);
        }
        (!document.knows(place) && place.chars().all(char::is_alphabetic))
            .then(|| document.name(place, Some("City"), None, false))
    }

    /// The town named just before a comma and "State-based" or "Country-based" at `at`
    /// ("Vilseck, Germany-based"), typed a city if nothing typed it, and where its name
    /// starts.
    fn town_before_based(
        &self,
        s: &Sentence<'_>,
        document: &mut Document<'_>,
        at: usize,
    ) -> Option<(usize, usize)> {
        let comma = at.checked_sub(1)?;
        if s.tokens[comma].text != "," {
            return None;
        }
        let town = s
            .mentions
            .iter()
            .find(|m| m.end == comma && m.reference == Reference::Name)?;
        let untyped = document.class(town.entity).is_none();
        let all_capitalised = s.tokens[town.start..town.end]
            .iter()
            .all(|t| t.kind != Kind::Word || t.is_capitalised());
        if !all_capitalised || !(untyped || self.is_a(document, town.entity, "City")) {
            return None;
        }
        if untyped {
            document.type_by_slot(town.entity, &["City".to_owned()]);
        }
        Some((town.entity, town.start))
    }

    /// Whether a city's name at `at` ends an address: the sentence or a list item ends, or a
    /// state or country follows it in commas, or a comma and a lower-case word ("for
    /// Appellee").
    fn ends_address(&self, s: &Sentence<'_>, document: &Document<'_>, at: usize) -> bool {
        let Some(next) = s.tokens.get(at) else {
            return true;
        };
        match next.text {
            ";" | "." | ")" => true,
            "," => match s.tokens.get(at + 1) {
                None => true,
                Some(_) if s.covering[at + 1].is_some() => s
                    .mention_starting(at + 1)
                    .is_some_and(|m| self.region_or_country(document, m.entity)),
                Some(after) => {
                    after.kind == Kind::Word
                        && !after.is_capitalised()
                        && !matches!(after.lower.as_ref(), "and" | "or")
                }
            },
            _ => false,
        }
    }

    /// "Ant Group's Alipay" → `ownedBy`; "the Department's Antitrust Division" → `partOf`.
    fn possessives(&self, s: &Sentence<'_>, document: &mut Document<'_>, out: &mut Vec<Candidate>) {
        for (index, owner) in s.mentions.iter().enumerate() {
            if s.tokens
                .get(owner.end)
                .is_none_or(|t| t.kind != Kind::Possessive)
            {
                continue;
            }
            let Some(owned) = s
                .mentions
                .get(index + 1)
                .filter(|m| m.start == owner.end + 1 && m.reference == Reference::Name)
            else {
                continue;
            };
            let (Some(owner_class), Some(owned_class)) = (
                document.class(owner.entity).map(str::to_owned),
                document.class(owned.entity).map(str::to_owned),
            ) else {
                continue;
            };
            let is = |class: &str, sup: &str| self.ontology.is_subclass_of(class, sup);
            // "GSA's Federal Systems Integration and Management Center", "Australia's
            // Department of Agriculture": a public body's or a state's own unit is part of it.
            // Parties, media and businesses it has are its own, not parts of it.
            let unit = is(&owned_class, "Organization")
                && !is(&owned_class, "Company")
                && !is(&owned_class, "PoliticalParty")
                && !is(&owned_class, "MediaOrganization");
            let public = is(&owner_class, "Organization") && !is(&owner_class, "Company")
                || is(&owner_class, "GeopoliticalEntity");
            // "China's ByteDance", "Russia's Sberbank": a business, or a body nothing else
            // types, is based in the country, not part of its state.
            let business = owned_class == "Organization" || is(&owned_class, "Company");
            let predicate = if business && is(&owner_class, "GeopoliticalEntity") {
                "basedIn"
            } else if unit && public {
                "partOf"
            } else if is(&owned_class, "Facility") && is(&owner_class, "Organization") {
                // "NASA's Johnson Space Center", "Performance Coal's Upper Big Branch Mine".
                "operatedBy"
            } else if (is(&owned_class, "Product") || is(&owned_class, "SoftwareApplication"))
                && is(&owner_class, "Organization")
                || is(&owner_class, "Company")
                    && (owned_class == "Organization" || is(&owned_class, "Company"))
            {
                "ownedBy"
            } else {
                continue;
            };
            let around = s.span(owner.start, owned.end);
            out.push(self.fact(
                owned.entity,
                predicate,
                owner.entity,
                &format!("possessive:{predicate}"),
                0.7,
                around,
            ));
        }
    }
}

/// Which side of a frame is its subject and which its object.
fn slot_roles(
    left_slot: Slot,
    left: Vec<Mention>,
    right_slot: Slot,
    right: Vec<Mention>,
) -> Option<(Vec<Mention>, Vec<Mention>)> {
    match (left_slot, right_slot) {
        (Slot::Subject, Slot::Object) => Some((left, right)),
        (Slot::Object, Slot::Subject) => Some((right, left)),
        _ => None,
    }
}

/// A past participle: "acquired", or an irregular form that is not the lemma ("bought").
fn is_participle(s: &Sentence<'_>, verb: usize) -> bool {
    let word = s.tokens[verb].lower.as_ref();
    word.ends_with("ed")
        || s.lemmas[verb] != Some(word) && !word.ends_with('s') && !word.ends_with("ing")
}

/// Judges of an opinion's panel named before their title: token ranges.
struct PanelGroup {
    names: Vec<(usize, usize)>,
    title: (usize, usize),
}

struct TitlePhrase {
    position: String,
    /// A title coordinated before it ("chairman and chief executive").
    also: Option<String>,
    leader: bool,
    /// The entity the title is of.
    of: Option<usize>,
    /// Token after the phrase.
    end: usize,
}

struct LeftSide {
    mentions: Vec<Mention>,
    status: Option<String>,
    /// A form of "be" stands in the verb group: the verb may be passive.
    be: bool,
    start: usize,
}

/// What a title is "of", for the article it takes after "of".
#[derive(Clone, Copy, PartialEq)]
enum OfKind {
    Country,
    /// A government body, a court, or what nothing typed: "the" ("Director of the FBI",
    /// "Majority Leader of the Senate").
    Institution,
    /// A place, a company or another organisation: no article ("Governor of California",
    /// "CEO of Fannie Mae").
    Other,
}

/// "the United States", "the Senate", "Russia", "California": a country's name takes "the"
/// when it names a union, a kingdom, a republic or islands; an institution's always.
fn with_article(name: &str, kind: OfKind) -> String {
    const COUNTRY_WORDS: [&str; 10] = [
        "United",
        "Republic",
        "Kingdom",
        "Federation",
        "Islands",
        "Emirates",
        "States",
        "Netherlands",
        "Philippines",
        "Bahamas",
    ];
    let takes = match kind {
        OfKind::Other => false,
        OfKind::Institution => true,
        OfKind::Country => name.split(' ').any(|w| COUNTRY_WORDS.contains(&w)),
    };
    if takes && !name.starts_with("the ") && !name.starts_with("The ") {
        format!("the {name}")
    } else {
        name.to_owned()
    }
}

/// "director of enforcement" → "Director of Enforcement".
fn capitalise(words: &str) -> String {
    words
        .split(' ')
        .map(|w| {
            if matches!(w, "of" | "for" | "and" | "the" | "in") {
                w.to_owned()
            } else {
                let mut chars = w.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Assistant Attorney General" for a unit: an assistant of a department's head is put at
/// the head of the unit named after "for" (a deputy of that assistant is not).
fn assistant_heads(position: &str) -> bool {
    let words: Vec<String> = position.split(' ').map(str::to_lowercase).collect();
    words.iter().any(|w| w == "assistant")
        && !words
            .iter()
            .any(|w| matches!(w.as_str(), "deputy" | "vice"))
}

/// The ISO 4217 code of a currency sign.
fn currency_sign(text: &str) -> Option<&'static str> {
    match text {
        "$" | "US$" => Some("USD"),
        "€" => Some("EUR"),
        "£" => Some("GBP"),
        "¥" => Some("JPY"),
        _ => None,
    }
}

/// A sum's qualifiers: its amount and its ISO 4217 currency.
fn sum_qualifiers(amount: serde_json::Number, currency: &str) -> BTreeMap<String, FactObject> {
    BTreeMap::from([
        ("amount".to_owned(), FactObject::Number(amount)),
        ("currency".to_owned(), FactObject::Text(currency.to_owned())),
    ])
}

/// The first sum of money in the tokens: "$975,000", "$1.2 billion", "€300 million", "5
/// million dollars"; its value and ISO 4217 currency.
fn money(tokens: &[Token<'_>]) -> Option<(serde_json::Number, &'static str)> {
    for (i, token) in tokens.iter().enumerate() {
        let (number_at, currency) = match currency_sign(token.text) {
            Some(currency) => (i + 1, currency),
            None => continue,
        };
        let number = tokens.get(number_at).filter(|t| t.kind == Kind::Number)?;
        let mut value: f64 = number.text.replace(',', "").parse().ok()?;
        if let Some(scale) = tokens.get(number_at + 1) {
            value *= match scale.lower.as_ref() {
                "thousand" => 1e3,
                "million" => 1e6,
                "billion" => 1e9,
                "trillion" => 1e12,
                _ => 1.0,
            };
        }
        let number = if value.fract() == 0.0 && value < 9.0e15 {
            serde_json::Number::from(value as u64)
        } else {
            serde_json::Number::from_f64(value)?
        };
        return Some((number, currency));
    }
    None
}

/// A case citation right after a case's name: ", No. 10-3065", ", 434 F.3d 579", ", 2012 WL
/// 3780455", past a bracketed short name ("Belizan v. Hershon (“Belizan I”), 434 F.3d").
fn citation_follows(tokens: &[Token<'_>], end: usize) -> bool {
    let text = |k: usize| tokens.get(k).map_or("", |t| t.text);
    let mut k = end;
    if text(k) == "(" {
        match (k + 1..tokens.len().min(k + 8)).find(|&j| text(j) == ")") {
            Some(close) => k = close + 1,
            None => return false,
        }
    }
    if text(k) != "," {
        return false;
    }
    let reporter = |t: &str| t.contains('.') || t == "WL";
    matches!(text(k + 1), "No." | "No")
        || tokens.get(k + 1).is_some_and(|t| t.kind == Kind::Number) && reporter(text(k + 2))
}

/// "No. 97-4594", "Civil Action No. 11-1437 (BAH)" at `at`: where the docket number ends.
fn docket_number_end(tokens: &[Token<'_>], at: usize) -> Option<usize> {
    let text = |k: usize| tokens.get(k).map_or("", |t| t.text);
    let mut k = at;
    if text(k).eq_ignore_ascii_case("civil") && text(k + 1).eq_ignore_ascii_case("action") {
        k += 2;
    }
    if !matches!(text(k), "No." | "Nos." | "NO.") {
        return None;
    }
    k += 1;
    let numbered = |k: usize| {
        tokens
            .get(k)
            .is_some_and(|t| t.kind == Kind::Number || matches!(t.text, "-" | "–" | ":"))
    };
    if !numbered(k) {
        return None;
    }
    while numbered(k)
        || tokens
            .get(k)
            .is_some_and(|t| t.is_upper() && numbered(k + 1))
    {
        k += 1;
    }
    // "(BAH)": the judge's initials after the number.
    if text(k) == "(" {
        if let Some(close) = (k + 1..tokens.len().min(k + 5)).find(|&j| text(j) == ")") {
            k = close + 1;
        }
    }
    Some(k)
}

/// "entities" of "entity", "companies" of "company": a noun's plural the dictionary of verb
/// forms does not list.
fn is_plural_in_ies(word: &str, lemma: &str) -> bool {
    match (word.strip_suffix("ies"), lemma.strip_suffix('y')) {
        (Some(stem), Some(lemma_stem)) => !stem.is_empty() && stem == lemma_stem,
        _ => false,
    }
}
