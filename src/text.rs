//! Text helpers shared across layers: folding text for comparison, readable IRI segments,
//! stable content digests and "did you mean" suggestions. A leaf: it depends on nothing else
//! in the crate, so the extractor, resolution and the store can all share it.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-cased text, borrowed when it has no capital letter (most words in running text), so
/// that the extractor's hot loops do not allocate for it.
pub fn lower_case(text: &str) -> Cow<'_, str> {
    // Most words are ASCII and already in lower case: one pass over the bytes says so, without
    // the Unicode case tables.
    if !text
        .bytes()
        .any(|byte| byte.is_ascii_uppercase() || !byte.is_ascii())
    {
        Cow::Borrowed(text)
    } else if text.is_ascii() {
        Cow::Owned(text.to_ascii_lowercase())
    } else if text.chars().any(char::is_uppercase) {
        Cow::Owned(text.to_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// The word with its first letter in capitals and the rest in lower case ("WASHINGTON" →
/// "Washington", "asst." → "Asst.").
pub fn title_case(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect(),
        None => String::new(),
    }
}

/// Lower case, accents and punctuation removed, spaces collapsed.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        fold_ascii(text)
    } else {
        fold_any(text)
    }
}

/// [`fold`] of ASCII text, which decomposition leaves as it is, in one pass: loading a graph
/// folds every entity's names, nearly all of them ASCII, and the general way spent most of its
/// time decomposing characters that do not decompose.
fn fold_ascii(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    // Whether a word ended since the last letter or digit, so that the next starts another.
    let mut word_ended = false;
    for byte in text.bytes() {
        match byte {
            b'.' | b'\'' => {}
            b'&' => {
                if !folded.is_empty() {
                    folded.push(' ');
                }
                folded.push_str("and");
                word_ended = true;
            }
            byte if byte.is_ascii_alphanumeric() => {
                if word_ended && !folded.is_empty() {
                    folded.push(' ');
                }
                word_ended = false;
                folded.push(char::from(byte.to_ascii_lowercase()));
            }
            _ => word_ended = true,
        }
    }
    folded
}

fn fold_any(text: &str) -> String {
    let mut spaced = String::with_capacity(text.len());
    for c in text.nfkd().filter(|c| !is_combining_mark(*c)) {
        match c {
            // "U.S." and "Alibaba's" fold to "us" and "alibabas", not to split words.
            '.' | '\'' | '’' => {}
            '&' => spaced.push_str(" and "),
            c if c.is_alphanumeric() => spaced.extend(c.to_lowercase()),
            _ => spaced.push(' '),
        }
    }
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A readable IRI segment for a name: lower case, letters and digits of any script, `-` between
/// words, at most 80 characters.
pub fn slug(name: &str) -> String {
    let folded = fold(name);
    let mut slug = String::with_capacity(folded.len());
    let mut length = 0;
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        let extra = word.chars().count() + usize::from(!slug.is_empty());
        if length + extra > 80 {
            break;
        }
        length += extra;
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    if slug.is_empty() {
        "entity".to_owned()
    } else {
        slug
    }
}

/// A stable 64-bit FNV-1a digest, hex-encoded: it tells whether an article's input changed
/// between two ingests, so it must not change between builds as `std`'s hasher may.
pub fn content_hash(parts: &[&[u8]]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.iter().copied().chain(std::iter::once(0xff)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// The candidate closest to `input` by edit distance (case-insensitive), if close enough to be a
/// plausible typo.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input = input.to_lowercase();
    let limit = (input.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(&input, &candidate.to_lowercase()), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, candidate)| candidate)
}

/// Edit distance over characters, a swap of two neighbours counting as one edit (optimal
/// string alignment): "sings" is one edit from "signs", as a typist sees it, and two from
/// "fines".
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    // Rows i - 2, i - 1 and i of the table, turned round after each row.
    let mut rows = [
        vec![0usize; width],
        (0..width).collect(),
        vec![0usize; width],
    ];
    for i in 1..=a.len() {
        let [before, previous, current] = &mut rows;
        current[0] = i;
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (previous[j - 1] + cost)
                .min(previous[j] + 1)
                .min(current[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            current[j] = best;
        }
        rows.rotate_left(1);
    }
    rows[1][b.len()]
}

/// "did you mean" for a near miss of `input` among `names`, else the list of what is allowed:
/// `what` names the list ("predicates are: …").
pub fn suggestion(input: &str, names: &[&str], what: &str) -> String {
    match closest(input, names.iter().copied()) {
        Some(near) => did_you_mean(&[format!("`{near}`")]),
        None => format!("{what} are: {}", names.join(", ")),
    }
}

/// The question offering `choices`, each written as the reader should see it.
pub fn did_you_mean(choices: &[String]) -> String {
    format!("did you mean {}?", choices.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_borrows_text_without_capitals() {
        assert!(matches!(lower_case("acquired"), Cow::Borrowed("acquired")));
        assert_eq!(lower_case("Acquired"), "acquired");
        assert_eq!(lower_case("ÉTAT"), "état");
        assert!(matches!(lower_case("1990s"), Cow::Borrowed(_)));
    }

    #[test]
    fn folding_removes_case_accents_and_punctuation() {
        assert_eq!(fold("  Zoë  Ärger-Smith "), "zoe arger smith");
        assert_eq!(fold("U.S. Commerce Dept."), "us commerce dept");
        assert_eq!(fold("AT&T"), "at and t");
        assert_eq!(fold("Alibaba's"), "alibabas");
    }

    proptest::proptest! {
        /// The one-pass fold of ASCII text is the general one.
        #[test]
        fn ascii_text_folds_as_any_text_does(text in "[ -~\t\n]{0,40}") {
            proptest::prop_assert_eq!(fold_ascii(&text), fold_any(&text));
        }
    }

    #[test]
    fn folding_ascii_keeps_words_apart_around_ampersands() {
        for text in ["AT&T", "&", "a&&b", " & x", "x &", "Procter & Gamble Co."] {
            assert_eq!(fold_ascii(text), fold_any(text), "{text:?}");
        }
    }

    #[test]
    fn slugs_are_readable_and_bounded() {
        assert_eq!(slug("Executive Order 13971"), "executive-order-13971");
        assert_eq!(slug("Société Générale"), "societe-generale");
        assert_eq!(slug("阿里巴巴"), "阿里巴巴");
        assert_eq!(slug("!!!"), "entity");
        assert!(slug(&"word ".repeat(40)).chars().count() <= 80);
    }

    #[test]
    fn suggests_near_misses_only() {
        let names = ["ownedBy", "owns", "operatedBy", "signs"];
        assert_eq!(closest("owndBy", names), Some("ownedBy"));
        assert_eq!(closest("OWNEDBY", names), Some("ownedBy"));
        assert_eq!(closest("sign", names), Some("signs"));
        assert_eq!(closest("acquires", names), None);
    }

    #[test]
    fn distance_counts_a_swap_of_neighbours_once() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("same", "same"), 0);
        assert_eq!(edit_distance("sings", "signs"), 1);
        assert_eq!(edit_distance("sings", "fines"), 2);
        assert_eq!(edit_distance("alph", "acme alpha"), 6);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(closest("sings", ["fines", "signs"]), Some("signs"));
    }

    #[test]
    fn content_hash_is_stable_and_separates_parts() {
        assert_eq!(content_hash(&[b"a", b"bc"]), content_hash(&[b"a", b"bc"]));
        assert_ne!(content_hash(&[b"ab", b"c"]), content_hash(&[b"a", b"bc"]));
        assert_eq!(content_hash(&[]), "cbf29ce484222325");
    }

    #[test]
    fn suggestions_offer_a_near_miss_or_the_list() {
        let names = ["signs", "bans", "ownedBy"];
        assert_eq!(
            suggestion("sings", &names, "predicates"),
            "did you mean `signs`?"
        );
        assert_eq!(
            suggestion("acquires", &names, "predicates"),
            "predicates are: signs, bans, ownedBy"
        );
    }
}
