//! A sentence's tokens with their byte spans: words (with the inner full stops of "U.S." and
//! the final one of "Inc." or an initial), numbers, possessive marks and punctuation.

use std::borrow::Cow;

use crate::text::lower_case;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Number,
    /// "'s", "’s", or the bare apostrophe after a plural ("Banks'").
    Possessive,
    Punct,
}

#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub text: &'a str,
    /// Byte span in the sentence.
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Lower-cased text, borrowed when the text has no capital (most words).
    pub lower: Cow<'a, str>,
}

impl Token<'_> {
    pub fn is_capitalised(&self) -> bool {
        self.kind == Kind::Word && self.text.starts_with(|c: char| c.is_uppercase())
    }

    /// One letter and a full stop ("K.").
    pub fn is_initial(&self) -> bool {
        self.text.len() == 2 && self.text.ends_with('.')
    }

    /// All letters upper-case, at least two of them ("FBI", "U.S.", "WASHINGTON").
    pub fn is_upper(&self) -> bool {
        let mut letters = self.text.chars().filter(|c| c.is_alphabetic());
        letters.clone().nth(1).is_some() && letters.all(char::is_uppercase)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// How many characters at `i` continue a word: a letter or digit, an inner hyphen or
/// ampersand ("co-founder", "AT&T"), the inner full stops of an abbreviation ("U.S."), an
/// apostrophe inside a name ("O'Connor"); 0 where the word ends, as before a possessive "'s".
fn word_continues(chars: &[(usize, char)], i: usize) -> usize {
    let at = |k: usize| chars.get(k).map(|(_, c)| *c);
    let c = chars[i].1;
    let next_alphanumeric = at(i + 1).is_some_and(char::is_alphanumeric);
    if c.is_alphanumeric() || matches!(c, '-' | '&') && next_alphanumeric {
        return 1;
    }
    if c == '.' && at(i + 1).is_some_and(char::is_alphabetic) && at(i + 2) == Some('.') {
        return 2;
    }
    if is_apostrophe(c) && next_alphanumeric {
        let s_next = at(i + 1).is_some_and(|n| matches!(n, 's' | 'S'));
        if !s_next || at(i + 2).is_some_and(char::is_alphanumeric) {
            return 1;
        }
    }
    0
}

/// Splits a sentence. `keeps_stop` says whether a word (lower-cased, with its full stop) is
/// an abbreviation that keeps its full stop ("inc.", "corp.", "calif.").
pub fn tokenize<'a>(sentence: &'a str, keeps_stop: &dyn Fn(&str) -> bool) -> Vec<Token<'a>> {
    // Sized up front: a sentence has at most one character a byte and rarely more than one
    // token in four bytes, and growing these vectors cost more than filling them.
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(sentence.len());
    chars.extend(sentence.char_indices());
    let byte_at = |i: usize| chars.get(i).map_or(sentence.len(), |(b, _)| *b);
    let mut tokens = Vec::with_capacity(sentence.len() / 4 + 1);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let kind;
        if c.is_ascii_digit() {
            i += 1;
            while i < chars.len() {
                let d = chars[i].1;
                let inner = matches!(d, ',' | '.')
                    && chars.get(i + 1).is_some_and(|(_, n)| n.is_ascii_digit());
                if d.is_ascii_digit() || inner {
                    i += 1;
                } else {
                    break;
                }
            }
            // "1990s", "13971A", "21st"; but a court report's page mark glued to a name
            // ("*502Cerissa Cafasso") leaves the name whole.
            let glued_word = chars.get(i).is_some_and(|(_, d)| d.is_uppercase())
                && chars.get(i + 1).is_some_and(|(_, d)| d.is_lowercase());
            while !glued_word && i < chars.len() && chars[i].1.is_alphabetic() {
                i += 1;
            }
            kind = Kind::Number;
        } else if c.is_alphabetic() {
            i += 1;
            while i < chars.len() {
                match word_continues(&chars, i) {
                    0 => break,
                    n => i += n,
                }
            }
            if chars.get(i).is_some_and(|(_, d)| *d == '.') {
                let word = &sentence[byte_at(start)..byte_at(i + 1)];
                let letters = word.chars().filter(|c| c.is_alphabetic()).count();
                let initial = letters == 1 && word.starts_with(char::is_uppercase);
                if initial
                    || word[..word.len() - 1].contains('.')
                    || keeps_stop(&word.to_lowercase())
                {
                    i += 1;
                }
            }
            kind = Kind::Word;
        } else if is_apostrophe(c) {
            let s_follows = chars
                .get(i + 1)
                .is_some_and(|(_, n)| matches!(n, 's' | 'S'))
                && !chars.get(i + 2).is_some_and(|(_, n)| n.is_alphanumeric());
            let after_s = i > 0 && matches!(chars[i - 1].1, 's' | 'S');
            // "Dollar Tree, Inc.'s": a possessive after an abbreviation's full stop too.
            if s_follows && i > 0 && (chars[i - 1].1.is_alphanumeric() || chars[i - 1].1 == '.') {
                i += 2;
                kind = Kind::Possessive;
            } else if after_s && !chars.get(i + 1).is_some_and(|(_, n)| n.is_alphanumeric()) {
                i += 1;
                kind = Kind::Possessive;
            } else {
                i += 1;
                kind = Kind::Punct;
            }
        } else {
            i += 1;
            kind = Kind::Punct;
        }
        let (from, to) = (byte_at(start), byte_at(i));
        let text = &sentence[from..to];
        tokens.push(Token {
            text,
            start: from,
            end: to,
            kind,
            lower: lower_case(text),
        });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(sentence: &str) -> Vec<&str> {
        tokenize(sentence, &|w| ["inc.", "calif."].contains(&w))
            .into_iter()
            .map(|t| t.text)
            .collect()
    }

    #[test]
    fn abbreviations_initials_possessives_and_numbers() {
        assert_eq!(
            texts("U.S. Attorney Anne K. Bingaman's office fined Acme Inc. $975,000."),
            [
                "U.S.", "Attorney", "Anne", "K.", "Bingaman", "'s", "office", "fined", "Acme",
                "Inc.", "$", "975,000", "."
            ]
        );
        assert_eq!(
            texts("Sandra Day O’Connor’s seat; the banks’ losses in Fresno, Calif."),
            [
                "Sandra",
                "Day",
                "O’Connor",
                "’s",
                "seat",
                ";",
                "the",
                "banks",
                "’",
                "losses",
                "in",
                "Fresno",
                ",",
                "Calif."
            ]
        );
        assert_eq!(texts("AT&T and co-founder"), ["AT&T", "and", "co-founder"]);
        assert_eq!(texts("Acme Inc.'s deal"), ["Acme", "Inc.", "'s", "deal"]);
        assert_eq!(
            texts("*502Cerissa Cafasso in the 1990s, order 13971A, the 21st"),
            [
                "*", "502", "Cerissa", "Cafasso", "in", "the", "1990s", ",", "order", "13971A",
                ",", "the", "21st"
            ]
        );
    }

    #[test]
    fn possessive_and_upper_case_kinds() {
        let tokens = tokenize("FBI's Director", &|_| false);
        assert_eq!(tokens[1].kind, Kind::Possessive);
        assert!(tokens[0].is_upper());
        assert!(!tokens[2].is_upper());
        assert!(tokens[2].is_capitalised());
    }
}
