//! What the extractor knows of English words and of the world before it reads an article:
//! parts of speech and verb inflections (WordNet), the class a head noun gives a name
//! (WordNet's hypernyms), given names (US Census) and places (GeoNames). Each file's source and
//! licence are in `data/reference/README.md`.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::text::lower_case;

const WORDS: &str = include_str!("../../data/reference/words.tsv");
const VERB_FORMS: &str = include_str!("../../data/reference/verb-forms.tsv");
const HEAD_NOUNS: &str = include_str!("../../data/reference/head-nouns.tsv");
const GIVEN_NAMES: &str = include_str!("../../data/reference/given-names.txt");
const PLACES: &str = include_str!("../../data/reference/places.tsv");

/// Parts of speech as bits.
pub const NOUN: u8 = 1;
pub const VERB: u8 = 2;
pub const ADJECTIVE: u8 = 4;
pub const ADVERB: u8 = 8;

pub struct Words {
    parts_of_speech: HashMap<&'static str, u8>,
    verb_forms: HashMap<&'static str, &'static str>,
    head_nouns: HashMap<&'static str, &'static str>,
    given_names: HashSet<&'static str>,
    /// Place name → its class (`Country`, `Region`, `City`).
    places: HashMap<&'static str, &'static str>,
}

fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| line.split('\t').collect())
}

impl Words {
    pub fn embedded() -> Self {
        let parts_of_speech = rows(WORDS)
            .filter_map(|row| {
                let bits = row.get(1)?.chars().fold(0, |bits, c| {
                    bits | match c {
                        'n' => NOUN,
                        'v' => VERB,
                        'a' => ADJECTIVE,
                        'r' => ADVERB,
                        _ => 0,
                    }
                });
                Some((row[0], bits))
            })
            .collect();
        let pairs = |data| {
            rows(data)
                .filter_map(|row| Some((row[0], *row.get(1)?)))
                .collect()
        };
        Self {
            parts_of_speech,
            verb_forms: pairs(VERB_FORMS),
            head_nouns: pairs(HEAD_NOUNS),
            given_names: rows(GIVEN_NAMES).map(|row| row[0]).collect(),
            places: pairs(PLACES),
        }
    }

    /// The parts of speech of a lower-cased word, as bits; 0 when WordNet does not know it.
    /// Inlined: the lemma of every token asks it, and a call costs more than the lookup.
    #[inline]
    pub fn parts_of_speech(&self, lower: &str) -> u8 {
        self.parts_of_speech.get(lower).copied().unwrap_or(0)
    }

    /// Whether a lower-cased word is an English word WordNet knows, inflected or not
    /// ("individuals", "dies", "sanctioned").
    pub fn is_known(&self, lower: &str) -> bool {
        if self.parts_of_speech(lower) != 0 {
            return true;
        }
        let plural = lower
            .strip_suffix("ies")
            .map(|stem| format!("{stem}y"))
            .into_iter()
            .chain(lower.strip_suffix("es").map(str::to_owned))
            .chain(lower.strip_suffix('s').map(str::to_owned));
        plural
            .into_iter()
            .any(|w| self.parts_of_speech(&w) & NOUN != 0)
            || self.verb_lemma(lower).is_some()
    }

    /// The lemma of a verb form ("acquired" → "acquire", "sued" → "sue", "bought" → "buy",
    /// "filing" → "file"); `None` when the word is no verb WordNet knows.
    pub fn verb_lemma(&self, word: &str) -> Option<&'static str> {
        let lower = lower_case(word);
        let lower = lower.as_ref();
        if let Some(lemma) = self.verb_forms.get(lower) {
            return Some(lemma);
        }
        // The lexicon's own key is returned, so a lemma costs no allocation; only the stems
        // that add a letter ("acquir" + "e") build a string.
        let verb = |candidate: &str| {
            self.parts_of_speech
                .get_key_value(candidate)
                .filter(|(key, bits)| key.len() > 1 && **bits & VERB != 0)
                .map(|(key, _)| *key)
        };
        // Built on the stack: a word is short, and most stems tried are no verb.
        let plus = |stem: &str, letter: u8| {
            let mut candidate = [0u8; 32];
            let bytes = stem.as_bytes();
            let slot = candidate.get_mut(..=bytes.len())?;
            slot[..bytes.len()].copy_from_slice(bytes);
            slot[bytes.len()] = letter;
            std::str::from_utf8(slot).ok().and_then(verb)
        };
        let undoubled = |stem: &str| {
            let mut chars = stem.chars().rev();
            let (last, before) = (chars.next()?, chars.next()?);
            (last == before && !matches!(last, 'a' | 'e' | 'i' | 'o' | 'u' | 's' | 'l'))
                .then(|| verb(&stem[..stem.len() - last.len_utf8()]))
                .flatten()
        };
        let ing_or_ed = |stem: &str| {
            undoubled(stem)
                .or_else(|| plus(stem, b'e'))
                .or_else(|| verb(stem))
        };
        lower
            .strip_suffix("ing")
            .and_then(ing_or_ed)
            .or_else(|| lower.strip_suffix("ied").and_then(|stem| plus(stem, b'y')))
            .or_else(|| lower.strip_suffix("ed").and_then(ing_or_ed))
            .or_else(|| lower.strip_suffix("ies").and_then(|stem| plus(stem, b'y')))
            .or_else(|| lower.strip_suffix("es").and_then(verb))
            .or_else(|| lower.strip_suffix('s').and_then(verb))
            .or_else(|| verb(lower))
    }

    /// The class a head noun gives the name it ends ("Bank" → `FinancialInstitution`),
    /// singular or plural.
    pub fn head_class(&self, word: &str) -> Option<&'static str> {
        let lower = lower_case(word);
        if let Some(class) = self.head_nouns.get(lower.as_ref()) {
            return Some(class);
        }
        // Most plurals only drop an "s": looked up in place, with no string built.
        match lower.strip_suffix("ies") {
            Some(stem) => self.head_nouns.get(format!("{stem}y").as_str()).copied(),
            None => self.head_nouns.get(lower.strip_suffix('s')?).copied(),
        }
    }

    /// A noun phrase with its last word in the singular ("test pilots" → "test pilot"), as
    /// a position is named; unchanged when the last word is no plural of a known noun.
    pub fn singular(&self, phrase: &str) -> String {
        let (before, last) = phrase.rsplit_once(' ').unwrap_or(("", phrase));
        let noun = |w: &str| self.parts_of_speech(w) & NOUN != 0;
        let one = last
            .strip_suffix("ies")
            .map(|stem| format!("{stem}y"))
            .filter(|w| noun(w))
            .or_else(|| {
                last.strip_suffix('s')
                    .filter(|w| noun(w))
                    .map(str::to_owned)
            });
        match one {
            Some(one) if before.is_empty() => one,
            Some(one) => format!("{before} {one}"),
            None => phrase.to_owned(),
        }
    }

    /// A given name, or a compound of given names ("Anne-Marie", "Jean-Claude").
    pub fn is_given_name(&self, word: &str) -> bool {
        // Every listed name begins with a capital letter (a test below holds the list to it), so
        // most words are settled without a lookup.
        word.starts_with(|c: char| c.is_ascii_uppercase())
            && (self.given_names.contains(word)
                || word.contains('-')
                    && word.split('-').all(|part| self.given_names.contains(part)))
    }

    /// The class of a place name that reference data knows (`Region` for "Texas").
    pub fn place(&self, name: &str) -> Option<&'static str> {
        self.places.get(name).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_takes_its_last_word_in_the_singular() {
        let words = Words::embedded();
        assert_eq!(words.singular("astronauts"), "astronaut");
        assert_eq!(words.singular("test pilots"), "test pilot");
        assert_eq!(words.singular("deputies"), "deputy");
        assert_eq!(words.singular("business"), "business");
        assert_eq!(words.singular("astronaut"), "astronaut");
    }

    #[test]
    fn verb_forms_reduce_to_their_lemmas() {
        let words = Words::embedded();
        for (form, lemma) in [
            ("acquired", "acquire"),
            ("buying", "buy"),
            ("bought", "buy"),
            ("sued", "sue"),
            ("fined", "fine"),
            ("named", "name"),
            ("filed", "file"),
            ("filing", "file"),
            ("charges", "charge"),
            ("sentenced", "sentence"),
            ("designated", "designate"),
            ("agreed", "agree"),
            ("was", "be"),
            ("pleaded", "plead"),
            ("pled", "plead"),
            ("stopped", "stop"),
            ("denies", "deny"),
            ("dies", "die"),
            ("taxes", "tax"),
        ] {
            assert_eq!(words.verb_lemma(form), Some(lemma), "{form}");
        }
        assert_eq!(words.verb_lemma("Sberbank"), None);
    }

    #[test]
    fn head_nouns_type_names_through_wordnet() {
        let words = Words::embedded();
        assert_eq!(words.head_class("Bank"), Some("FinancialInstitution"));
        assert_eq!(
            words.head_class("University"),
            Some("EducationalInstitution")
        );
        assert_eq!(words.head_class("Commission"), Some("GovernmentBody"));
        assert_eq!(words.head_class("Corporation"), Some("Company"));
        assert_eq!(words.head_class("Court"), Some("Court"));
        assert_eq!(words.head_class("Banks"), Some("FinancialInstitution"));
        assert_eq!(words.head_class("Tuesday"), None);
    }

    #[test]
    fn given_names_and_places_come_from_reference_data() {
        let words = Words::embedded();
        assert!(words.is_given_name("Anne"));
        assert!(!words.is_given_name("Department"));
        // Names from outside the Census list of 1990, by the SSA's; none that is a word or a
        // place.
        assert!(words.is_given_name("Muhammad"));
        assert!(words.is_given_name("Dmitri"));
        assert!(!words.is_given_name("Justice"));
        assert!(!words.is_given_name("General"));
        assert_eq!(words.place("Texas"), Some("Region"));
        assert_eq!(words.place("Rochester"), Some("City"));
    }

    #[test]
    fn every_given_name_begins_with_a_capital_letter() {
        let words = Words::embedded();
        let lower: Vec<_> = words
            .given_names
            .iter()
            .filter(|name| !name.starts_with(|c: char| c.is_ascii_uppercase()))
            .collect();
        assert!(lower.is_empty(), "{lower:?}");
        assert!(words.is_given_name("Anne-Marie"));
        assert!(!words.is_given_name("anne"));
    }
}
