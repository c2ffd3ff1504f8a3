//! Sentences with their character spans: a line is never joined to the next (headlines,
//! datelines and paragraphs stand alone) but around a court caption's "v." line, and a full
//! stop after an abbreviation (U.S., Co., Jan., Mr., No.) or an initial does not end a
//! sentence.

/// A sentence: its text and its span in the article text, in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Byte offset of the sentence in the article text.
    pub byte_start: usize,
}

pub fn split(text: &str, abbreviations: &[String]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut cursor = Cursor::default();
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |start, line| {
            let at = *start;
            *start += line.len();
            Some((at, line))
        })
        .collect();
    let mut index = 0;
    while index < lines.len() {
        let (start, line) = lines[index];
        // A caption set out on three lines ("AMERICAN OVERSIGHT, Plaintiff," / "v." /
        // "U.S. DEPARTMENT OF JUSTICE, Defendant.") is one sentence: its parties and their
        // roles are read together.
        let caption = index + 2 < lines.len()
            && !line.trim().is_empty()
            && !lines[index + 2].1.trim().is_empty()
            && is_versus_line(lines[index + 1].1);
        let last = if caption { index + 2 } else { index };
        let end = lines[last].0 + lines[last].1.len();
        split_line(
            &text[start..end],
            start,
            text,
            abbreviations,
            &mut cursor,
            &mut sentences,
        );
        index = last + 1;
    }
    sentences
}

fn is_versus_line(line: &str) -> bool {
    matches!(
        line.trim(),
        "v." | "v" | "vs." | "vs" | "V." | "VS." | "versus"
    )
}

/// A byte offset and the number of characters before it, so that character offsets are found
/// in one pass over the text (a 20 MB paragraph has many sentences).
#[derive(Default)]
struct Cursor {
    byte: usize,
    chars: usize,
}

impl Cursor {
    fn chars_before(&mut self, text: &str, byte: usize) -> usize {
        self.chars += text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}

fn split_line(
    line: &str,
    offset: usize,
    text: &str,
    abbreviations: &[String],
    cursor: &mut Cursor,
    out: &mut Vec<Sentence>,
) {
    let mut start = glued_dateline_end(line).map_or(0, |end| {
        push(line, 0, end, offset, text, cursor, out);
        end
    });
    for (byte, stop) in line.match_indices(['.', '!', '?']) {
        // Closing quotes and brackets belong to the sentence they end.
        let closing = line[byte + 1..]
            .chars()
            .take_while(|c| matches!(c, '"' | '\'' | '”' | '’' | ')'))
            .map(char::len_utf8)
            .sum::<usize>();
        let end_byte = byte + 1 + closing;
        let after = &line[end_byte..];
        if !after.starts_with(char::is_whitespace) {
            continue;
        }
        let Some(next) = after.trim_start().chars().next() else {
            continue;
        };
        // "Circuit Judge. _______ Affirmed by …": a copy of an opinion rules off its parts
        // with underscores.
        if !(next.is_uppercase() || next.is_ascii_digit() || "\"“'‘(_".contains(next)) {
            continue;
        }
        if stop == "."
            && is_abbreviation(&line[..byte + 1], abbreviations)
            && !opens_sentence(after)
        {
            continue;
        }
        push(line, start, end_byte, offset, text, cursor, out);
        start = end_byte;
    }
    push(line, start, line.len(), offset, text, cursor, out);
}

/// "WASHINGTONSenator Peter Welch …": a page's dateline in capitals run into the first word
/// of the story, where markup had set them apart. Where the dateline ends. Plural acronyms
/// ("COBREs") stay whole: the word after a dateline has more than one small letter.
fn glued_dateline_end(line: &str) -> Option<usize> {
    let word = line.trim_start();
    let lead = line.len() - word.len();
    let capitals = word.bytes().take_while(u8::is_ascii_uppercase).count();
    let small = word[capitals..]
        .bytes()
        .take_while(u8::is_ascii_lowercase)
        .count();
    (capitals > 4 && small >= 2).then_some(lead + capitals - 1)
}

/// Closed-class words that begin a sentence and never continue a name, so that a full stop
/// before them ends the sentence even after an abbreviation ("… sued Beta Inc. The company").
/// An honorific opens a name, which no abbreviation runs into ("Sunnyvale, Calif. Dr. Dale
/// Compton").
const SENTENCE_OPENERS: [&str; 20] = [
    "Dr",
    "Mr",
    "Mrs",
    "Ms",
    "The",
    "It",
    "He",
    "She",
    "They",
    "We",
    "This",
    "These",
    "Those",
    "Its",
    "Their",
    "His",
    "Her",
    "But",
    "However",
    "According",
];

fn opens_sentence(after: &str) -> bool {
    let word = after
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    SENTENCE_OPENERS.contains(&word)
}

/// Whether the text up to a full stop ends with an abbreviation or an initial.
fn is_abbreviation(before: &str, abbreviations: &[String]) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or_default();
    let letters = word.trim_end_matches('.');
    // "T.K." in "Daniel T.K. Hurley": initials run together.
    let initials = letters.split('.').all(|part| {
        let mut chars = part.chars();
        chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
    });
    // "ST. PAUL, Minn.": a dateline in capitals abbreviates in capitals.
    let capitals = letters.len() > 1 && !letters.bytes().any(|b| b.is_ascii_lowercase());
    initials
        || abbreviations
            .iter()
            .any(|a| a == word || capitals && a.eq_ignore_ascii_case(word))
}

fn push(
    line: &str,
    from: usize,
    to: usize,
    offset: usize,
    text: &str,
    cursor: &mut Cursor,
    out: &mut Vec<Sentence>,
) {
    let piece = &line[from..to];
    let trimmed_start = piece.len() - piece.trim_start().len();
    let body = piece.trim();
    if body.is_empty() {
        return;
    }
    let byte_start = offset + from + trimmed_start;
    let start = cursor.chars_before(text, byte_start);
    out.push(Sentence {
        text: body.to_owned(),
        start,
        end: start + body.chars().count(),
        byte_start,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<String> {
        let abbreviations: Vec<String> = ["U.S.", "Co.", "Jan.", "Mr.", "No.", "v."]
            .iter()
            .map(|a| (*a).to_owned())
            .collect();
        split(text, &abbreviations)
            .into_iter()
            .map(|s| s.text)
            .collect()
    }

    #[test]
    fn abbreviations_initials_and_quotes_do_not_end_sentences() {
        assert_eq!(
            texts(
                "The U.S. Commerce Department on Jan. 6 named Mr. Ross. He said \"Never.\" Then Donald J. Trump left. Judge Daniel T.K. Hurley ruled."
            ),
            [
                "The U.S. Commerce Department on Jan. 6 named Mr. Ross.",
                "He said \"Never.\"",
                "Then Donald J. Trump left.",
                "Judge Daniel T.K. Hurley ruled."
            ]
        );
    }

    #[test]
    fn a_rule_of_underscores_after_a_full_stop_opens_a_sentence() {
        assert_eq!(
            texts("Before HAMILTON, Circuit Judge. ______ Affirmed by opinion. ____ COUNSEL"),
            [
                "Before HAMILTON, Circuit Judge.",
                "______ Affirmed by opinion.",
                "____ COUNSEL"
            ]
        );
    }

    #[test]
    fn a_dateline_run_into_the_story_stands_alone() {
        assert_eq!(
            texts("WASHINGTONSenator Peter Welch spoke. COBREs grew."),
            ["WASHINGTON", "Senator Peter Welch spoke.", "COBREs grew."]
        );
        let spans = split("  BEIJINGThe talks ended.", &[]);
        assert_eq!((spans[1].start, spans[1].byte_start), (9, 9));
    }

    #[test]
    fn a_sentence_opener_after_an_abbreviation_ends_the_sentence() {
        let abbreviations = ["Inc.".to_owned(), "U.S.".to_owned()];
        let texts = |text: &str| -> Vec<String> {
            split(text, &abbreviations)
                .into_iter()
                .map(|s| s.text)
                .collect()
        };
        assert_eq!(
            texts("Acme Corp sued Beta Inc. The company also sued Gamma."),
            ["Acme Corp sued Beta Inc.", "The company also sued Gamma."]
        );
        assert_eq!(
            texts("Beta Inc. Chairman John Smith and U.S. Steel left."),
            ["Beta Inc. Chairman John Smith and U.S. Steel left."]
        );
        // An abbreviation in capitals, as a dateline writes it.
        assert_eq!(
            texts("BETA INC. CHAIRMAN John Smith left."),
            ["BETA INC. CHAIRMAN John Smith left."]
        );
    }

    #[test]
    fn a_caption_on_three_lines_is_one_sentence() {
        let text = "Oversight v. Justice\nAMERICAN OVERSIGHT, Plaintiff,\nv.\nU.S. DEPARTMENT OF JUSTICE, Defendant.\nMEMORANDUM OPINION";
        assert_eq!(
            texts(text),
            [
                "Oversight v. Justice",
                "AMERICAN OVERSIGHT, Plaintiff,\nv.\nU.S. DEPARTMENT OF JUSTICE, Defendant.",
                "MEMORANDUM OPINION"
            ]
        );
    }

    #[test]
    fn lines_stand_alone_and_spans_point_at_the_text() {
        let text = "Héadline without a stop\nWASHINGTON - It began. It ended.";
        let sentences = split(text, &[]);
        assert_eq!(sentences.len(), 3);
        for sentence in &sentences {
            let span: String = text
                .chars()
                .skip(sentence.start)
                .take(sentence.end - sentence.start)
                .collect();
            assert_eq!(span, sentence.text);
        }
    }
}
