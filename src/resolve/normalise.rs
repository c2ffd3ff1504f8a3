//! Name keys: two names with the same key may denote the same entity (if their classes agree).

use crate::text::fold;

/// Which clean-up rules apply to a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// Leading titles are dropped: "President Trump" is "Trump".
    Person,
    /// Trailing legal-form words are dropped: "Alibaba Group Holding Ltd" is "Alibaba".
    Organization,
    Other,
}

/// Words that stand before a person's name in news copy but are not part of it.
const PERSON_TITLES: &[&str] = &[
    "president",
    "vice",
    "former",
    "secretary",
    "of",
    "state",
    "commerce",
    "treasury",
    "us",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "judge",
    "justice",
    "governor",
    "gov",
    "senator",
    "sen",
    "rep",
    "representative",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "founder",
    "minister",
    "prime",
    "premier",
    "mayor",
    "general",
    "gen",
    "elect",
    "acting",
    "deputy",
    "chief",
    "executive",
    "billionaire",
    "tycoon",
];

/// Legal-form words that end company names and vary between articles.
const ORGANIZATION_SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "plc",
    "llc",
    "lp",
    "sa",
    "ag",
    "nv",
    "se",
    "gmbh",
    "holding",
    "holdings",
    "group",
];

/// The matching key of a name.
pub fn name_key(name: &str, kind: NameKind) -> String {
    let folded = fold(name);
    let mut words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    match kind {
        NameKind::Person => {
            while words.len() > 1 && PERSON_TITLES.contains(&words[0]) {
                words.remove(0);
            }
        }
        NameKind::Organization => {
            while words.len() > 1 && ORGANIZATION_SUFFIXES.contains(words.last().unwrap_or(&"")) {
                words.pop();
            }
        }
        NameKind::Other => {}
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn person_titles_are_dropped() {
        assert_eq!(name_key("President Trump", NameKind::Person), "trump");
        assert_eq!(
            name_key("US President Donald Trump", NameKind::Person),
            "donald trump"
        );
        assert_eq!(
            name_key("Commerce Secretary Wilbur Ross", NameKind::Person),
            "wilbur ross"
        );
        assert_eq!(
            name_key("Secretary of State Mike Pompeo", NameKind::Person),
            "mike pompeo"
        );
        assert_eq!(name_key("President", NameKind::Person), "president");
    }

    #[test]
    fn company_suffixes_are_dropped() {
        assert_eq!(
            name_key("Alibaba Group Holding Ltd.", NameKind::Organization),
            "alibaba"
        );
        assert_eq!(name_key("Ant Group", NameKind::Organization), "ant");
        assert_eq!(
            name_key("Tencent Holdings", NameKind::Organization),
            "tencent"
        );
        assert_eq!(name_key("The Group", NameKind::Organization), "group");
        assert_eq!(
            name_key("Bank of China Ltd", NameKind::Organization),
            "bank of china"
        );
    }

    #[test]
    fn other_names_keep_their_words() {
        assert_eq!(name_key("Alipay Group", NameKind::Other), "alipay group");
        assert_eq!(name_key("President", NameKind::Other), "president");
    }
}
