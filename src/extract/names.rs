//! Names in a sentence, found from the language itself: runs of capitalised words joined by
//! the words names contain ("of", "and", "&"), cut at possessives and at the common words that
//! open a sentence or fill a headline, with the title before a person's name split off. Each is
//! typed by what it holds (a company suffix, a head noun, a given name), by reference data
//! (countries, places) and by the words around it (a title, an honorific).

use super::lexicon::Rules;
use super::tokens::{Kind, Token};
use super::words::{ADJECTIVE, NOUN, VERB};
use crate::text::title_case;

/// The title before a person's name ("Former South African President", "HHS Secretary").
#[derive(Debug, Clone, PartialEq)]
pub struct Title {
    /// Token range of the whole title.
    pub start: usize,
    pub end: usize,
    /// The position's name: the title without "former" and without a demonym.
    pub position: String,
    /// Lower-cased last word ("president").
    pub head: String,
    /// "Chief Executive", "Director": its holder leads what the title names.
    pub leader: bool,
    pub legislator: bool,
    /// "Senators Tammy Duckworth and Dick Durbin": the title is each listed name's.
    pub plural: bool,
    pub former: bool,
    /// The title's own leading name ("HHS", "New York", "U.S."): token range.
    pub qualifier: Option<(usize, usize)>,
    /// A demonym in the title ("Chinese Vice Premier"): the country's index.
    pub demonym: Option<usize>,
    /// A party's adjective in the title ("Republican Senator"): the party's name and how it
    /// is written.
    pub party: Option<(String, String)>,
    /// False for a military rank alone ("Marine Corps Gen."): it sets off the name but names
    /// no office the person holds.
    pub office: bool,
}

/// A name inside a name: "the Army" in "Secretary of the Army" (`positionIn`), "Rochester" in
/// "U.S. District Court in Rochester" (`locatedIn`).
#[derive(Debug, Clone, PartialEq)]
pub struct Inner {
    pub predicate: &'static str,
    /// Token range.
    pub start: usize,
    pub end: usize,
    /// The class its own words give it ("the National Assembly" in "Deputy of the National
    /// Assembly"), when they do.
    pub class: Option<String>,
}

/// A name found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    /// Token range `[start, end)`.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The class its own words or reference data give; `None` when nothing does.
    pub class: Option<String>,
    pub title: Option<Title>,
    /// The country a reference name stands for.
    pub country: Option<usize>,
    /// "Secretary of the Army", "U.S. District Court in Rochester": a name inside the name,
    /// and how the whole relates to it.
    pub inner: Option<Inner>,
    /// The name reference data gives what this one stands for ("Republican Party" for
    /// "Republicans").
    pub canonical: Option<String>,
    /// Found where capitals mean nothing (a headline, an all-capitals line): kept only when
    /// reference data or the rest of the article knows it.
    pub weak: bool,
}

/// "45th Space Wing", "21st Century Cures Act", "2nd Cavalry Regiment": an ordinal before
/// the name of a body or a law is part of its name; before a person's or a place's it is not
/// ("the 40th President", "the 5th District").
fn ordinal_before(tokens: &[Token<'_>], sentence: &str, run_start: usize, found: &mut [Name]) {
    let Some(first) = found.first_mut().filter(|name| name.start == run_start) else {
        return;
    };
    let Some(ordinal) = run_start.checked_sub(1).map(|at| &tokens[at]) else {
        return;
    };
    let digits = ordinal.lower.trim_end_matches(char::is_alphabetic);
    let is_ordinal = ordinal.kind == Kind::Number
        && !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(&ordinal.lower[digits.len()..], "st" | "nd" | "rd" | "th");
    let body = first.title.is_none()
        && first.canonical.is_none()
        && first.country.is_none()
        && first.end - first.start > 1
        && first.class.as_deref().is_some_and(|class| {
            !matches!(
                class,
                "Person" | "Position" | "Place" | "City" | "Region" | "Country"
            )
        });
    if is_ordinal && body {
        first.start = run_start - 1;
        first.text = sentence[ordinal.start..tokens[first.end - 1].end].to_owned();
    }
}

/// Whether the sentence reads like a headline: most of its longer words capitalised.
pub fn is_headline(tokens: &[Token<'_>]) -> bool {
    // "… to Acme Corp.": an abbreviation's full stop ends a sentence too.
    if tokens.last().is_some_and(|t| {
        matches!(t.text, "." | "!" | "?" | "\"" | "”")
            || t.kind == Kind::Word && t.text.ends_with('.')
    }) {
        return false;
    }
    let words: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.kind == Kind::Word && t.text.chars().count() > 3)
        .collect();
    words.len() >= 3 && words.iter().filter(|t| t.is_capitalised()).count() * 10 >= words.len() * 7
}

fn is_all_capitals(tokens: &[Token<'_>]) -> bool {
    let words: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.kind == Kind::Word && t.text.chars().count() > 1)
        .collect();
    words.len() >= 3 && words.iter().all(|t| t.is_upper())
}

/// "18 U.S.C. § 1001", "15 U.S.C. § 77q(a)", "17 C.F.R. § 240.10b-5": a title of the
/// United States Code or of the Code of Federal Regulations and a section of it name a law,
/// where its capitals alone would have named a country ("U.S.").
fn statute_citations(tokens: &[Token<'_>], sentence: &str, names: &mut Vec<Name>) {
    let code = |t: &Token<'_>| {
        matches!(
            t.lower.trim_end_matches('.'),
            "u.s.c" | "c.f.r" | "usc" | "cfr"
        )
    };
    let mut found = Vec::new();
    for k in 1..tokens.len() {
        if !code(&tokens[k]) || tokens[k - 1].kind != Kind::Number {
            continue;
        }
        let mut at = k + 1;
        // "U.S.C." may leave its last full stop a token of its own.
        if tokens.get(at).is_some_and(|t| t.text == ".") && tokens[at].start == tokens[k].end {
            at += 1;
        }
        let section = tokens.get(at).is_some_and(|t| {
            t.text.starts_with('§')
                || matches!(t.lower.as_ref(), "section" | "sec." | "sec" | "secs.")
        });
        if !section {
            continue;
        }
        at += 1;
        // "Sec." may leave its full stop a token of its own too.
        if tokens[at - 1].lower == "sec"
            && tokens
                .get(at)
                .is_some_and(|t| t.text == "." && t.start == tokens[at - 1].end)
        {
            at += 1;
        }
        // "§§ 77q(a)": a doubled mark is one token or two.
        if tokens.get(at).is_some_and(|t| t.text == "§") {
            at += 1;
        }
        if !tokens
            .get(at)
            .is_some_and(|t| t.kind == Kind::Number || t.kind == Kind::Word)
        {
            continue;
        }
        // The section's designator runs on while its pieces touch: "666(a)(1)(B)",
        // "240.10b-5"; a full stop that ends the sentence is not part of it.
        let mut end = at + 1;
        while let Some(next) = tokens.get(end) {
            let touches = next.start == tokens[end - 1].end;
            let last_stop =
                next.text == "." && tokens.get(end + 1).is_none_or(|t| t.start != next.end);
            if !touches || last_stop || matches!(next.text, "," | ";" | ":") {
                break;
            }
            end += 1;
        }
        while end > at + 1 && tokens[end - 1].text == "(" {
            end -= 1;
        }
        found.push((k - 1, end));
    }
    for (start, end) in found {
        names.retain(|n| n.end <= start || n.start >= end);
        names.push(Name {
            start,
            end,
            text: sentence[tokens[start].start..tokens[end - 1].end].to_owned(),
            class: Some("LegalInstrument".to_owned()),
            title: None,
            country: None,
            inner: None,
            canonical: None,
            weak: false,
        });
    }
    names.sort_by_key(|n| n.start);
}

/// "v." or "vs." at `at`, between the parties of a case. A capital "V." after a word in
/// title case is a middle initial ("Mark V. Meierhenry"); in a caption in capitals ("APPLE,
/// INC. V. SAMSUNG") it is the case's "v.".
pub fn is_versus(tokens: &[Token<'_>], at: usize) -> bool {
    let token = &tokens[at];
    matches!(token.lower.as_ref(), "v." | "vs." | "v")
        && !(token.text == "V."
            && at
                .checked_sub(1)
                .is_some_and(|k| tokens[k].is_capitalised() && !tokens[k].is_upper()))
}

/// "Plaintiff", "Defendant-Appellee", "Petitioners": a party's role in a caption.
pub fn is_party_role(token: &Token<'_>) -> bool {
    let role = |part: &str| {
        matches!(
            part.trim_end_matches('s'),
            "appellant" | "appellee" | "plaintiff" | "defendant" | "petitioner" | "respondent"
        )
    };
    // "Cross-Appellee": a cross-appeal's party; "Cross" alone is a name's word.
    token.lower.split('-').any(role)
        && token
            .lower
            .split('-')
            .all(|part| role(part) || part == "cross")
}

/// The tokens' words, one space apart.
fn join(tokens: &[Token<'_>]) -> String {
    tokens.iter().map(|t| t.text).collect::<Vec<_>>().join(" ")
}

/// The words in title case, as a place in capitals is named ("CAPE CANAVERAL" → "Cape
/// Canaveral").
fn titled(tokens: &[Token<'_>]) -> String {
    tokens
        .iter()
        .map(|t| title_case(t.text))
        .collect::<Vec<_>>()
        .join(" ")
}

pub struct Finder<'r> {
    rules: &'r Rules,
}

impl<'r> Finder<'r> {
    pub fn new(rules: &'r Rules) -> Self {
        Self { rules }
    }

    /// A word as title lists hold it: without a final full stop, and without "-elect"
    /// ("President-elect" is a president's title).
    fn bare(lower: &str) -> &str {
        let lower = lower.trim_end_matches('.');
        lower.strip_suffix("-elect").unwrap_or(lower)
    }

    /// A word that is capitalised only because of where it stands, or that no name holds.
    fn is_common(&self, token: &Token<'_>) -> bool {
        let lower: &str = &token.lower;
        if self.rules.function_words.contains(lower) || self.rules.calendar.contains(lower) {
            return true;
        }
        if self.rules.words.is_given_name(token.text)
            || self.rules.words.place(token.text).is_some()
            || token.is_upper() && self.rules.words.place(&title_case(token.text)).is_some()
            || self.rules.countries.contains_key(token.text)
            || self.rules.demonyms.contains_key(token.text)
            || self.rules.title_words.contains(lower)
            || self.rules.head_class(lower).is_some()
            || self.rules.honorifics.contains(lower)
        {
            return false;
        }
        self.rules.words.is_known(lower)
    }

    fn is_name_word(&self, token: &Token<'_>) -> bool {
        // "al-Ghazali", "el-Sisi": a lower-case particle joined to a capitalised name.
        let particle_name = || {
            // The hyphen comes within the first four bytes, or there is no particle.
            let bytes = token.text.as_bytes();
            bytes.len() > 2
                && bytes[1..bytes.len().min(4)].contains(&b'-')
                && token.text.split_once('-').is_some_and(|(particle, rest)| {
                    (1..=3).contains(&particle.len())
                        && particle.chars().all(char::is_lowercase)
                        && rest.starts_with(|c: char| c.is_uppercase())
                })
        };
        // "diGenova", "deLeon", "eBay": a short lower-case particle run into a capitalised name.
        let run_in_particle = || {
            let mut chars = token.text.char_indices();
            chars
                .find(|(_, c)| !c.is_lowercase())
                .is_some_and(|(at, c)| (1..=3).contains(&at) && c.is_uppercase())
                && token.text.chars().skip(1).any(char::is_lowercase)
        };
        token.kind == Kind::Word
            && (token.text.starts_with(|c: char| c.is_uppercase())
                || particle_name()
                || run_in_particle())
            && !self.rules.calendar.contains(token.lower.as_ref())
            && token.text != "I"
            && self.rules.party_code(token.text).is_none()
    }

    /// A name word at `at`, or a month that is a given name before a surname ("April Brooks",
    /// not "April 5").
    fn is_name_word_at(&self, tokens: &[Token<'_>], at: usize) -> bool {
        let token = &tokens[at];
        self.is_name_word(token)
            || self.rules.words.is_given_name(token.text)
                && tokens.get(at + 1).is_some_and(|next| {
                    self.is_name_word(next) && !self.rules.calendar.contains(next.lower.as_ref())
                })
    }
    /// "P.K." of "P.K. Holmes III", "T.K." of "Daniel T.K. Hurley": initials run together,
    /// which no country or state abbreviation ("U.S.", "D.C.") is.
    fn is_joined_initials(&self, token: &Token<'_>) -> bool {
        let bytes = token.text.as_bytes();
        (4..=6).contains(&bytes.len())
            && bytes
                .chunks(2)
                .all(|pair| pair.len() == 2 && pair[0].is_ascii_uppercase() && pair[1] == b'.')
            && !self.rules.countries.contains_key(token.text)
            && !self.rules.is_us_state(token.text)
            && !self
                .rules
                .abbreviated_words
                .contains_key(token.lower.as_ref())
    }

    /// How many words of initials that spell a country, as older texts space them ("U. S.
    /// Atty."), open the run: 0 when none do.
    fn country_initials(&self, run: &[Token<'_>]) -> usize {
        let initials = run.iter().take_while(|t| t.is_initial()).count();
        if initials >= 2 && self.rules.countries.contains_key(&join(&run[..initials])) {
            initials
        } else {
            0
        }
    }

    /// Whether every word of the run is a title word or a connector, initials that spell a
    /// country aside ("Asst. U. S. Atty.").
    fn all_title_words(&self, run: &[Token<'_>]) -> bool {
        let mut at = 0;
        while at < run.len() {
            let country = self.country_initials(&run[at..]);
            if country > 0 {
                at += country;
                continue;
            }
            let t = &run[at];
            if !self.is_title_word(t) && !self.rules.connectors.contains(t.lower.as_ref()) {
                return false;
            }
            at += 1;
        }
        true
    }

    /// Initials that spell a country open no person's name.
    fn opens_with_country_initials(&self, run: &[Token<'_>]) -> bool {
        self.country_initials(run) > 0
    }

    fn is_title_word(&self, token: &Token<'_>) -> bool {
        let bare = Self::bare(token.lower.as_ref());
        self.rules.title_words.contains(token.lower.as_ref())
            || self.rules.title_words.contains(bare)
            || self.is_honorific(token)
            || !token.is_upper()
                && !self.rules.words.is_given_name(token.text)
                && self.rules.words.head_class(bare) == Some("Person")
    }

    fn is_honorific(&self, token: &Token<'_>) -> bool {
        self.rules.honorifics.contains(token.lower.as_ref())
    }

    fn is_title_head(&self, token: &Token<'_>) -> bool {
        let bare = Self::bare(token.lower.as_ref());
        self.rules.title_heads.contains(bare)
            || self.plural_title_head(bare).is_some()
            || self.is_honorific(token)
    }

    /// The singular of a title head written in the plural ("senators", "secretaries"), with
    /// the length of the ending that makes it plural.
    fn plural_title_head(&self, bare: &str) -> Option<(String, usize)> {
        let heads = &self.rules.title_heads;
        if let Some(stem) = bare.strip_suffix("ies") {
            let one = format!("{stem}y");
            if heads.contains(&one) {
                return Some((one, 3));
            }
        }
        bare.strip_suffix('s')
            .filter(|one| heads.contains(*one))
            .map(|one| (one.to_owned(), 1))
    }

    /// A word that ends a company's name: a legal suffix ("Inc.", "LLC") or "Company".
    fn ends_company(&self, token: &Token<'_>) -> bool {
        self.rules.legal_suffixes.contains(token.lower.as_ref()) || token.lower == "company"
    }

    /// The class a word gives a name it ends, unless it is a person or a place: surnames
    /// are often such words ("Bush", "Towns").
    fn org_head(&self, token: &Token<'_>) -> Option<&str> {
        self.rules
            .head_class(token.lower.as_ref())
            .filter(|class| !matches!(*class, "Person" | "Place" | "City" | "Region"))
    }

    /// The names of a sentence, in order. A line of a list a colon opened (`listed`) is no
    /// headline, though its words are capitalised: it is often a name and nothing else.
    pub fn names(&self, tokens: &[Token<'_>], sentence: &str, listed: bool) -> Vec<Name> {
        let headline = !listed && is_headline(tokens);
        let capitals = is_all_capitals(tokens);
        let mut names = Vec::new();
        let mut i = 0;
        if let Some(end) = self.case_line(tokens) {
            self.name(tokens, sentence, 0, end, false, false, &mut names);
            i = end;
        } else if let Some(end) = self.dateline_place(tokens) {
            let titled = titled(&tokens[..end]);
            let class = self.rules.words.place(&titled).unwrap_or("City");
            names.push(Name {
                start: 0,
                end,
                text: titled,
                class: Some(class.to_owned()),
                title: None,
                country: None,
                inner: None,
                canonical: None,
                weak: false,
            });
            i = self.after_comma(tokens, sentence, end, &mut names);
        }
        while i < tokens.len() {
            if !self.is_name_word_at(tokens, i) {
                i += 1;
                continue;
            }
            let end = self.run_end(tokens, i);
            let found_before = names.len();
            self.split_run(tokens, sentence, i, end, headline, capitals, &mut names);
            let run_start = i;
            i = end.max(i + 1);
            i = self.generational_suffix(tokens, sentence, i, &mut names);
            i = self.number_after_acronym(tokens, sentence, i, &mut names);
            ordinal_before(tokens, sentence, run_start, &mut names[found_before..]);
            i = self.after_comma(tokens, sentence, i, &mut names);
            i = self.campus(tokens, sentence, i, &mut names);
            if !headline {
                i = self.government(tokens, sentence, run_start, i, found_before, &mut names);
            }
        }
        self.lower_case_titles(tokens, sentence, &mut names);
        self.persons_by_context(tokens, &mut names);
        statute_citations(tokens, sentence, &mut names);
        names
    }

    /// "SELLS, AZ—", "LENEXA, KAN. (NOV. 7, 2022) –", "CAPE CANAVERAL, Fla., Dec. 10": a
    /// dateline's place in capitals, named before its state or country, is a place whatever
    /// its words would mean in a sentence. Where its name ends.
    fn dateline_place(&self, tokens: &[Token<'_>]) -> Option<usize> {
        const LONGEST: usize = 4;
        let end = (1..=LONGEST)
            .take_while(|&k| k < tokens.len())
            .find(|&k| tokens[k].text == ",")?;
        let capitals = tokens[..end]
            .iter()
            .all(|t| t.kind == Kind::Word && t.is_upper());
        if !capitals {
            return None;
        }
        let known = |written: &str| {
            self.rules.is_us_state(written) || self.rules.countries.contains_key(written)
        };
        let region_end = [2, 1].into_iter().find(|&length| {
            let words = tokens.get(end + 1..end + 1 + length);
            words.is_some_and(|words| {
                words.iter().all(|t| t.kind == Kind::Word)
                    && (known(&join(words)) || known(&titled(words)))
            })
        })?;
        let after = tokens.get(end + 1 + region_end);
        after
            .is_none_or(|t| matches!(t.text, "—" | "–" | "-" | "--" | "(" | "," | ":"))
            .then_some(end)
    }

    /// A line that is a case's name, as court reports head an opinion ("City of Seabrook,
    /// Texas v. United States Environmental Protection Agency", "Sec. & Exch. Comm'n v. Jones",
    /// "Oversight v. U.S. Dep't of Justice, 292 F. Supp. 3d 501 (2018)"): one name, up to the
    /// citation or docket number after it. Where it ends, if the sentence is one.
    fn case_line(&self, tokens: &[Token<'_>]) -> Option<usize> {
        let versus = (1..tokens.len().saturating_sub(1)).find(|&k| is_versus(tokens, k))?;
        // "See Smith v. Jones, 12 F.3d 1.": a citation in the text, no heading.
        if self
            .rules
            .citation_signals
            .contains(tokens[0].lower.as_ref())
        {
            return None;
        }
        // Up to the citation, or to a party's title ("Impro Products, Inc. v. John R. Block,
        // Secretary of Agriculture of the United States, 722 F.2d 845").
        let end = (versus + 1..tokens.len())
            .find(|&k| {
                tokens[k].text == ","
                    && tokens.get(k + 1).is_some_and(|next| {
                        next.kind == Kind::Number
                            || self.is_title_word(next)
                            || matches!(
                                next.lower.as_ref(),
                                "docket" | "no." | "nos." | "case" | "civil" | "civ."
                            )
                    })
            })
            .unwrap_or(tokens.len());
        // A caption with the parties' roles ("…, Appellant, v. …, Defendant-appellee") is
        // read as a caption; a title that only mentions a case ("Public Comments and Response
        // on Proposed Final Judgment United States v. Alcoa Inc.") is no case's name.
        let part_of_name = |t: &Token<'_>| match t.kind {
            Kind::Word => {
                (t.is_capitalised() && !is_party_role(t))
                    || matches!(
                        t.lower.as_ref(),
                        "of" | "and"
                            | "the"
                            | "v."
                            | "vs."
                            | "v"
                            | "ex"
                            | "rel"
                            | "et"
                            | "al"
                            | "al."
                    )
            }
            Kind::Possessive => true,
            Kind::Number => false,
            Kind::Punct => matches!(t.text, "," | "&" | "-" | "." | "'"),
        };
        // "Court Upholds Verdict In United States v. Spalding": a headline about a case.
        let about_a_case = tokens[1..versus].iter().any(|t| {
            self.rules.function_words.contains(t.lower.as_ref())
                && !matches!(t.lower.as_ref(), "of" | "and" | "the")
        });
        (end <= 24
            && !about_a_case
            && tokens[0].is_capitalised()
            && tokens[..end].iter().all(part_of_name)
            && tokens[end - 1].kind != Kind::Punct)
            .then_some(end)
    }

    /// "Sigal Mandelker, said", "Theoneste Bagosora, the lead organizer of …", "Gayla Oladele,
    /// LaTavia Glover, and Tyrone Williams": a name of two to four plain words that nothing
    /// typed, opening with a given name or a word no dictionary holds, is a person's when a
    /// role stands in apposition after it, a reporting verb beside it, or a person's name
    /// beside it in a list; and whatever word opens it, when a title is set off before it or
    /// an age after it ("Taro Kono", "Jing Wang, 52,").
    fn persons_by_context(&self, tokens: &[Token<'_>], names: &mut [Name]) {
        let given_or_unknown = |name: &Name| {
            let first = &tokens[name.start];
            self.rules.words.is_given_name(first.text)
                || !self.rules.words.is_known(first.lower.as_ref())
        };
        let shaped = |name: &Name| {
            let words = &tokens[name.start..name.end];
            name.class.is_none()
                && name.title.is_none()
                && (2..=4).contains(&words.len())
                && !self.opens_with_country_initials(words)
                && words.iter().all(|t| {
                    t.kind == Kind::Word
                        && t.is_capitalised()
                        && !t.is_upper()
                        && self.org_head(t).is_none()
                        && self.rules.words.place(t.text).is_none()
                        && !self.rules.countries.contains_key(t.text)
                })
        };
        let plain = |name: &Name| shaped(name) && given_or_unknown(name);
        let reporting = |at: usize| {
            tokens
                .get(at)
                .is_some_and(|t| self.rules.reporting_verbs.contains(t.lower.as_ref()))
        };
        let comma = |at: usize| tokens.get(at).is_some_and(|t| t.text == ",");
        for name in names.iter_mut() {
            if !shaped(name) {
                continue;
            }
            let (start, end) = (name.start, name.end);
            // "said Ndimyake Mwakalyelye." names the speaker; "said TikTok Global could go
            // public" the subject of what was said.
            let clause_ends = tokens
                .get(end)
                .is_none_or(|t| matches!(t.text, "," | "." | ";" | ":"));
            let said = reporting(end)
                || comma(end) && reporting(end + 1)
                || start > 0 && reporting(start - 1) && clause_ends;
            // "The Minister for Foreign Affairs of Japan, Taro Kono, met": a name set off by
            // commas right after a title is its holder's.
            let after_title = start > 1
                && comma(start - 1)
                && clause_ends
                && (start.saturating_sub(9)..start - 1)
                    .rev()
                    .take_while(|&k| tokens[k].text != ",")
                    .any(|k| self.is_title_head(&tokens[k]) && !self.is_honorific(&tokens[k]));
            // "Jing Wang, 52, of Del Mar": an age set off by commas after the name.
            let aged = comma(end)
                && comma(end + 2)
                && tokens.get(end + 1).is_some_and(|t| {
                    t.kind == Kind::Number && t.text.parse::<u8>().is_ok_and(|age| age < 120)
                });
            // Any shape of name holds a title or an age ("Taro" is also a plant); the other
            // cues need a given name or an unknown word to open it.
            if after_title
                || aged
                || given_or_unknown(name)
                    && (said || comma(end) && self.role_after(tokens, end + 1))
            {
                name.class = Some("Person".to_owned());
            }
        }
        // A list's members are of one kind: a person's name beside a plain one makes it a
        // person's, forwards and back.
        let joined = |left: &Name, right: &Name| {
            let between: Vec<&str> = tokens[left.end..right.start]
                .iter()
                .map(|t| t.text)
                .collect();
            matches!(between.as_slice(), [","] | ["and"] | [",", "and"])
        };
        let person = |name: &Name| name.class.as_deref() == Some("Person") && name.title.is_none();
        for index in 1..names.len() {
            if plain(&names[index])
                && person(&names[index - 1])
                && joined(&names[index - 1], &names[index])
            {
                names[index].class = Some("Person".to_owned());
            }
        }
        for index in (0..names.len().saturating_sub(1)).rev() {
            if plain(&names[index])
                && person(&names[index + 1])
                && joined(&names[index], &names[index + 1])
            {
                names[index].class = Some("Person".to_owned());
            }
        }
    }

    /// Whether a role stands at `at`, after a name and a comma: "age 26", "the lead organizer",
    /// "an officer", "host of".
    fn role_after(&self, tokens: &[Token<'_>], at: usize) -> bool {
        let Some(first) = tokens.get(at) else {
            return false;
        };
        if first.lower == "age" {
            return true;
        }
        let from = if matches!(first.lower.as_ref(), "a" | "an" | "the") {
            at + 1
        } else {
            at
        };
        tokens[from.min(tokens.len())..]
            .iter()
            .take(3)
            .take_while(|t| t.kind == Kind::Word && t.text.starts_with(char::is_lowercase))
            .any(|t| self.rules.head_class(t.lower.as_ref()) == Some("Person"))
    }

    /// "Arden Bement, Jr.": a generational suffix after a comma is part of the person's name.
    /// Where the reading goes on.
    fn generational_suffix(
        &self,
        tokens: &[Token<'_>],
        sentence: &str,
        at: usize,
        names: &mut [Name],
    ) -> usize {
        let Some(last) = names.last_mut() else {
            return at;
        };
        let suffix = tokens
            .get(at + 1)
            .is_some_and(|t| self.rules.generational_suffixes.contains(t.lower.as_ref()));
        // "SEC v. ALFRED S. TEO, SR.": in capitals a person's name may have been read as an
        // organisation's; the suffix says whose it is, unless a head word names a body.
        let person = last.class.as_deref() == Some("Person")
            || last.title.is_none()
                && last.end > last.start
                && self.org_head(&tokens[last.end - 1]).is_none()
                && !self
                    .rules
                    .legal_suffixes
                    .contains(tokens[last.end - 1].lower.as_ref());
        if last.end != at || !person || tokens.get(at).is_none_or(|t| t.text != ",") || !suffix {
            return at;
        }
        last.class = Some("Person".to_owned());
        last.end = at + 2;
        last.text = sentence[tokens[last.start].start..tokens[at + 1].end].to_owned();
        at + 2
    }

    /// "Duratek, Inc.", "Washington, D.C.", "… District of Texas, Dallas Division": after a
    /// comma, a company's legal suffix, the District of Columbia after its city and a court's
    /// division are still the name's. Where the reading goes on.
    fn after_comma(
        &self,
        tokens: &[Token<'_>],
        sentence: &str,
        at: usize,
        names: &mut [Name],
    ) -> usize {
        let Some(last) = names.last_mut() else {
            return at;
        };
        let Some(next) = tokens.get(at + 1) else {
            return at;
        };
        if last.end != at || tokens[at].text != "," || last.title.is_some() {
            return at;
        }
        let class = last.class.as_deref();
        let legal_suffix = self.rules.legal_suffixes.contains(next.lower.as_ref())
            || next.text.contains('.') && self.rules.company_suffixes.contains(next.lower.as_ref());
        let (end, class) = if legal_suffix
            && next.is_capitalised()
            && !matches!(
                class,
                Some("Position" | "Country" | "City" | "Region" | "Place")
            ) {
            // "H. Allen Smith, Inc.": a person's name with a legal suffix is a company's.
            (at + 2, "Company")
        } else if matches!(class, None | Some("City" | "Region"))
            && last.end - last.start == 1
            && self
                .rules
                .state_abbreviations
                .get(next.text)
                .is_some_and(|state| state == "District of Columbia")
        {
            (at + 2, "City")
        } else if class == Some("Court") {
            let end = self.plain_run_end(tokens, at + 1);
            if end < at + 3 || tokens[end - 1].lower != "division" {
                return at;
            }
            (end, "Court")
        } else {
            return at;
        };
        last.text = format!(
            "{}{}",
            last.text,
            &sentence[tokens[at].start..tokens[end - 1].end]
        );
        last.end = end;
        last.class = Some(class.to_owned());
        last.country = None;
        last.canonical = None;
        end
    }

    /// "University of California": a university named after a US state, whose campuses are
    /// named after their towns.
    fn is_state_university(&self, name: &Name) -> bool {
        name.class.as_deref() == Some("EducationalInstitution")
            && name
                .text
                .strip_prefix("University of ")
                .is_some_and(|state| self.rules.is_us_state(state))
    }

    /// "the University of North Carolina at Chapel Hill", "the University of California,
    /// Davis;": a state university's campus is one name with its town, after "at", or after a
    /// comma where the town ends the list item. Where the reading goes on.
    fn campus(&self, tokens: &[Token<'_>], sentence: &str, at: usize, names: &mut [Name]) -> usize {
        let Some(last) = names.last_mut() else {
            return at;
        };
        let Some(separator) = tokens.get(at).filter(|t| matches!(t.text, "at" | ",")) else {
            return at;
        };
        if last.end != at || !self.is_state_university(last) {
            return at;
        }
        let end = self.plain_run_end(tokens, at + 1);
        let ends_item = separator.text == "at"
            || tokens
                .get(end)
                .is_none_or(|t| matches!(t.text, ";" | "," | "." | ")") || t.lower == "and");
        if end == at + 1 || end > at + 3 || !ends_item {
            return at;
        }
        last.text = sentence[tokens[last.start].start..tokens[end - 1].end].to_owned();
        last.end = end;
        end
    }

    /// "the Bush administration", "the Iranian government", "the government of Ukraine": a
    /// government noun in lower case with a leader's or a country's name names a government
    /// body. `run_start` is where the run of name words began, `found_before` how many names
    /// the sentence had before it. Where the reading goes on.
    fn government(
        &self,
        tokens: &[Token<'_>],
        sentence: &str,
        run_start: usize,
        at: usize,
        found_before: usize,
        names: &mut Vec<Name>,
    ) -> usize {
        let is_government_noun = |t: &Token<'_>| {
            t.kind == Kind::Word
                && t.text.starts_with(char::is_lowercase)
                && self.rules.government_nouns.contains(t.lower.as_ref())
        };
        let agent = |name: &Name| {
            name.title.is_none()
                && name.inner.is_none()
                && matches!(name.class.as_deref(), None | Some("Person" | "Country"))
        };
        let new_name = names.len() > found_before;
        if new_name {
            let last = names.len() - 1;
            // "the government of Ukraine"
            let start = names[last].start;
            let of_before = start >= 2
                && tokens[start - 1].lower == "of"
                && is_government_noun(&tokens[start - 2])
                && names[last].class.as_deref() == Some("Country");
            if of_before && names[last].end == at {
                let name = &mut names[last];
                name.start = start - 2;
                name.text = sentence[tokens[start - 2].start..tokens[at - 1].end].to_owned();
                name.class = Some("GovernmentBody".to_owned());
                name.country = None;
                return at;
            }
        }
        let Some(noun) = tokens.get(at).filter(|t| is_government_noun(t)) else {
            return at;
        };
        // "the Bush administration", "the U.S. government"
        if new_name && names[names.len() - 1].end == at && agent(&names[names.len() - 1]) {
            let name = names.last_mut().expect("a name was found");
            name.text = format!("{} {}", name.text, noun.text);
            name.end = at + 1;
            name.class = Some("GovernmentBody".to_owned());
            name.country = None;
            name.canonical = None;
            return at + 1;
        }
        // "the Iranian government": a demonym names nobody alone, but with the noun it does.
        if !new_name
            && at == run_start + 1
            && self.rules.demonyms.contains_key(tokens[run_start].text)
        {
            names.push(Name {
                start: run_start,
                end: at + 1,
                text: sentence[tokens[run_start].start..noun.end].to_owned(),
                class: Some("GovernmentBody".to_owned()),
                title: None,
                country: None,
                inner: None,
                canonical: None,
                weak: false,
            });
            return at + 1;
        }
        at
    }

    /// "Executive Order (E.O.) 14014": the number after an instrument's bracketed acronym is
    /// the instrument's, and the acronym (every executive order's) is not its name. Where the
    /// reading goes on.
    fn number_after_acronym(
        &self,
        tokens: &[Token<'_>],
        sentence: &str,
        at: usize,
        names: &mut [Name],
    ) -> usize {
        let Some(last) = names.last_mut() else {
            return at;
        };
        let instrument = self
            .rules
            .head_class(tokens[last.end - 1].lower.as_ref())
            .is_some_and(|c| c == "LegalInstrument");
        let bracketed = tokens.get(at).is_some_and(|t| t.text == "(")
            && tokens.get(at + 1).is_some_and(|t| self.is_name_word(t))
            && tokens.get(at + 2).is_some_and(|t| t.text == ")");
        let Some(number) = tokens.get(at + 3).filter(|t| t.kind == Kind::Number) else {
            return at;
        };
        if last.end != at || !instrument || !bracketed {
            return at;
        }
        last.end = at + 4;
        last.text = format!(
            "{} {}",
            &sentence[tokens[last.start].start..tokens[at - 1].end],
            number.text
        );
        at + 4
    }

    /// "Japanese astronaut Koichi Wakata", "Justice Department trial attorney Michael Pahl":
    /// a title in lower case before a person's name, with what stands before it.
    fn lower_case_titles(&self, tokens: &[Token<'_>], sentence: &str, names: &mut Vec<Name>) {
        const LONGEST: usize = 3;
        let mut index = 0;
        while index < names.len() {
            // "Russian businessman Oleg Deripaska": a name of two or three plain words right
            // after a noun for a person is a person's, whether or not its given name is known.
            let untyped_after_role = {
                let name = &names[index];
                name.class.is_none()
                    && name.title.is_none()
                    && (2..=3).contains(&(name.end - name.start))
                    && name.start > 0
                    && tokens[name.start..name.end].iter().all(|t| {
                        t.kind == Kind::Word && !t.is_upper() && self.org_head(t).is_none()
                    })
                    && {
                        let before = &tokens[name.start - 1];
                        before.text.starts_with(char::is_lowercase)
                            && self.rules.head_class(before.lower.as_ref()) == Some("Person")
                    }
            };
            if untyped_after_role {
                names[index].class = Some("Person".to_owned());
                // A noun for a person is an office only when it is a title's word
                // ("businessman" types the name; "astronaut" is also a position).
                let before: &str = &tokens[names[index].start - 1].lower;
                if !self.rules.title_words.contains(before)
                    && !self.rules.title_heads.contains(before)
                {
                    index += 1;
                    continue;
                }
            }
            let name = &names[index];
            // An honorific alone is no office: a title may stand before it.
            let no_office = name.title.as_ref().is_none_or(|title| {
                title.end == title.start + 1 && self.is_honorific(&tokens[title.start])
            });
            if !no_office || name.class.as_deref() != Some("Person") {
                index += 1;
                continue;
            }
            // "NIH director Dr. Francis Collins": the title stands before the honorific.
            let title_end = if name.start > 1 && self.is_honorific(&tokens[name.start - 1]) {
                name.start - 1
            } else {
                name.start
            };
            let mut start = title_end;
            while start > 0 && title_end - start < LONGEST {
                let token = &tokens[start - 1];
                let lower_word =
                    token.kind == Kind::Word && token.text.starts_with(char::is_lowercase);
                let role = self.rules.title_words.contains(token.lower.as_ref())
                    || self.rules.head_class(token.lower.as_ref()) == Some("Person")
                    || start < title_end
                        && self.rules.words.parts_of_speech(token.lower.as_ref())
                            & (NOUN | ADJECTIVE)
                            != 0;
                if lower_word && role && !self.rules.function_words.contains(token.lower.as_ref()) {
                    start -= 1;
                } else {
                    break;
                }
            }
            // "can contact Jorge Endara": a verb after a modal or "to" is no title.
            while start < title_end
                && start > 0
                && matches!(
                    tokens[start - 1].lower.as_ref(),
                    "can"
                        | "could"
                        | "may"
                        | "might"
                        | "must"
                        | "should"
                        | "will"
                        | "would"
                        | "to"
                        | "please"
                )
                && self
                    .rules
                    .words
                    .parts_of_speech(tokens[start].lower.as_ref())
                    & VERB
                    != 0
            {
                start += 1;
            }
            let has_head = (start..title_end).any(|k| {
                self.rules.head_class(tokens[k].lower.as_ref()) == Some("Person")
                    || self.is_title_head(&tokens[k])
            });
            if start == title_end || !has_head {
                index += 1;
                continue;
            }
            let position = sentence[tokens[start].start..tokens[title_end - 1].end].to_owned();
            let head = tokens[title_end - 1].lower.to_string();
            let before = (index > 0)
                .then(|| &names[index - 1])
                .filter(|previous| previous.end == start);
            let mut demonym = None;
            let mut qualifier = None;
            let mut title_start = start;
            let mut remove_previous = false;
            if let Some(previous) = before {
                if let Some(country) = self.rules.demonyms.get(previous.text.as_str()) {
                    demonym = Some(*country);
                    title_start = previous.start;
                    remove_previous = true;
                } else if previous.title.is_none() && previous.class.as_deref() != Some("Person") {
                    qualifier = Some((previous.start, previous.end));
                }
            }
            let words: Vec<&str> = tokens[start..title_end].iter().map(|t| t.text).collect();
            let title = Title {
                start: title_start,
                end: name.start,
                position,
                leader: self.rules.title_leads(&words),
                legislator: self.rules.legislator_titles.contains(&head),
                plural: false,
                head,
                former: start > 0 && self.rules.former.contains(tokens[start - 1].lower.as_ref()),
                qualifier,
                demonym,
                party: None,
                office: true,
            };
            names[index].title = Some(title);
            if remove_previous {
                names.remove(index - 1);
            } else {
                index += 1;
            }
        }
    }

    /// Where the run of name words that starts at `start` ends (exclusive).
    fn run_end(&self, tokens: &[Token<'_>], start: usize) -> usize {
        let mut end = start + 1;
        let mut joined_of = false;
        let mut versus = false;
        let instrument = |t: &Token<'_>| {
            self.rules
                .head_class(t.lower.as_ref())
                .is_some_and(|c| c == "LegalInstrument")
        };
        let year =
            |t: Option<&Token<'_>>| t.is_some_and(|t| t.kind == Kind::Number && t.text.len() == 4);
        while end < tokens.len() {
            // "United States Court of Appeals, Sixth Circuit", "… For the Seventh Circuit": an
            // appeals court is named by its circuit.
            if let Some(after) = Self::circuit_end(tokens, end) {
                end = after;
                break;
            }
            let token = &tokens[end];
            if self.is_name_word_at(tokens, end) {
                end += 1;
                continue;
            }
            if end == start + 1 && token.text == "," {
                if let Some(partners_end) = self.partners_end(tokens, start) {
                    end = partners_end;
                    continue;
                }
            }
            let previous = &tokens[end - 1];
            let next_name = |at: usize| tokens.get(at).is_some_and(|t| self.is_name_word(t));
            // "Securities Act of 1933": a law's year is part of its name.
            if token.lower == "of" && instrument(previous) && year(tokens.get(end + 1)) {
                end += 2;
                break;
            }
            // "National Defense Authorization Act for Fiscal Year 1999"
            if token.kind == Kind::Number
                && previous.lower == "year"
                && year(Some(token))
                && tokens[start..end].iter().any(&instrument)
            {
                end += 1;
                break;
            }
            // "United States v. Interstate Bakeries Corp. and Continental Baking Co.": after
            // "v." the parties of a case are one name, unless the words after "and" are a
            // case of their own ("Quick v. Dep't of Com. and Ostad v. Or. Health Scis. Univ.").
            if versus
                && token.lower == "and"
                && next_name(end + 1)
                && !self.opens_case(tokens, end + 1)
            {
                end += 1;
                continue;
            }
            // "Dobbs v. Jackson Women's Health Organization": a possessive inside a party's name.
            if versus && token.kind == Kind::Possessive && next_name(end + 1) {
                end += 1;
                continue;
            }
            // "SEC v. Galleon Management, LP, et al.": a party's legal suffix after a comma.
            if versus
                && token.text == ","
                && tokens
                    .get(end + 1)
                    .is_some_and(|t| self.rules.company_suffixes.contains(t.lower.as_ref()))
            {
                end += 2;
                continue;
            }
            // "United States v. Alcoa Inc., ACX Technologies, Inc., and Golden Aluminum
            // Company": past a party's legal suffix, a comma goes on to the next party.
            if versus
                && token.text == ","
                && self
                    .rules
                    .company_suffixes
                    .contains(previous.lower.as_ref())
                && (next_name(end + 1)
                    || tokens.get(end + 1).is_some_and(|t| t.lower == "and") && next_name(end + 2))
                && !tokens.get(end + 1).is_some_and(|t| {
                    matches!(
                        t.lower.as_ref(),
                        "civil" | "civ" | "criminal" | "case" | "docket"
                    )
                })
            {
                end += 1;
                continue;
            }
            // "SEC v. Paul R. Johnson, et al.": the others are part of the case's name.
            if versus
                && token.text == ","
                && tokens.get(end + 1).is_some_and(|t| t.lower == "et")
                && tokens
                    .get(end + 2)
                    .is_some_and(|t| t.lower.trim_end_matches('.') == "al")
            {
                end += 3;
                if tokens.get(end).is_some_and(|t| t.text == ".") && tokens[end - 1].text == "al" {
                    end += 1;
                }
                break;
            }
            // "Executive Order 13971", "Resolution 2231", "Section 7"
            if token.kind == Kind::Number
                && (instrument(previous) || self.is_provision(tokens, end - 1))
            {
                end += 1;
                // "Rule 10b-5": a number written with a hyphen is one number.
                let adjacent = |k: usize| {
                    tokens
                        .get(k)
                        .is_some_and(|t| t.start == tokens[k - 1].end && t.kind != Kind::Word)
                };
                while tokens.get(end).is_some_and(|t| t.text == "-")
                    && adjacent(end)
                    && adjacent(end + 1)
                    && tokens[end + 1].kind == Kind::Number
                {
                    end += 2;
                }
                // "Section 10(b)", "Rule 9(b)(2)": a subsection's letters or numbers in
                // brackets, written on.
                let written_on =
                    |k: usize| tokens.get(k).is_some_and(|t| t.start == tokens[k - 1].end);
                while tokens.get(end).is_some_and(|t| t.text == "(")
                    && (end..end + 3).all(written_on)
                    && tokens[end + 1].text.len() <= 4
                    && tokens[end + 2].text == ")"
                {
                    end += 3;
                }
                // "Section 7 of the Clayton Act", "Section 17(a) of the Securities Act of
                // 1933": the law it is part of goes on its name.
                if tokens.get(end).is_some_and(|t| t.lower == "of") {
                    let after = end
                        + 1
                        + usize::from(tokens.get(end + 1).is_some_and(|t| t.lower == "the"));
                    if tokens.get(after).is_some_and(|t| self.is_name_word(t)) {
                        let law_end = self.run_end(tokens, after);
                        if tokens[after..law_end].iter().any(&instrument) {
                            end = law_end;
                        }
                    }
                }
                break;
            }
            // "Albertson's, Inc.", "Von's Grocery Company": a one-word name with "'s" that a
            // company's legal suffix or "Company" ends is the company's own name.
            if token.kind == Kind::Possessive
                && end == start + 1
                && !self.rules.words.is_known(previous.lower.as_ref())
            {
                let mut k = end + 1;
                if tokens.get(k).is_some_and(|t| t.text == ",") {
                    k += 1;
                }
                let mut last = k;
                while last < tokens.len()
                    && last < k + 3
                    && tokens[last].is_capitalised()
                    && !self.ends_company(&tokens[last])
                {
                    last += 1;
                }
                if tokens.get(last).is_some_and(|t| self.ends_company(t)) {
                    end = last + 1;
                    continue;
                }
            }
            // "U.S. Attorney's Office": a possessive of title words stays inside the name.
            if token.kind == Kind::Possessive
                && next_name(end + 1)
                && (start..end).all(|k| self.is_title_word(&tokens[k]) && !tokens[k].is_upper())
            {
                end += 1;
                continue;
            }
            // "the Potter County Sheriff's Office": an office named by its holder's title.
            if token.kind == Kind::Possessive
                && self
                    .rules
                    .title_heads
                    .contains(Self::bare(previous.lower.as_ref()))
                && tokens
                    .get(end + 1)
                    .is_some_and(|t| t.is_capitalised() && self.org_head(t).is_some())
            {
                end += 1;
                continue;
            }
            // "U.S. District Court in Rochester": a court named with its seat.
            if token.lower == "in"
                && self.rules.head_class(previous.lower.as_ref()) == Some("Court")
                && tokens
                    .get(end + 1)
                    .is_some_and(|t| self.rules.words.place(t.text).is_some())
            {
                end += 1;
                continue;
            }
            // "Special Agent in Charge April Brooks"
            if token.lower == "in"
                && self.is_title_word(previous)
                && tokens.get(end + 1).is_some_and(|t| t.text == "Charge")
            {
                end += 1;
                continue;
            }
            // "Health and Human Services Secretary Kathleen Sebelius": an office's name with
            // "and" in it, before a title and a person's name.
            // "Louisiana Gov. John Bel Edwards and Lake Charles Mayor Nic Hunter": not after a
            // title and a person's name, which end the first name.
            if !versus
                && token.lower == "and"
                && self.joins_office_before_title(tokens, end)
                && self.title_split(&tokens[start..end]).is_none()
            {
                end += 1;
                continue;
            }
            // "Ramon (Ray) Lugo", "Duane (DAK) Kees": a nickname in brackets inside a name.
            if self.is_nickname(tokens, start, end) {
                end += 3;
                continue;
            }
            if token.text == "&" && next_name(end + 1) {
                end += 1;
                continue;
            }
            if is_versus(tokens, end) && next_name(end + 1) {
                versus = true;
                end += 1;
                continue;
            }
            if self.rules.connectors.contains(token.lower.as_ref()) {
                let after = if next_name(end + 1) {
                    end + 1
                } else if tokens.get(end + 1).is_some_and(|t| t.lower == "the")
                    && next_name(end + 2)
                {
                    end + 2
                } else {
                    break;
                };
                let joins = match token.lower.as_ref() {
                    "of" | "for" | "on" => {
                        // "X Inc. of Amarillo" is a company and its town; "Oberkampf Supply
                        // Company of Lubbock Inc." one company.
                        let right_end = self.plain_run_end(tokens, after);
                        let legal_name = self
                            .rules
                            .legal_suffixes
                            .contains(tokens[right_end - 1].lower.as_ref());
                        // "Special Agent in Charge of the DEA's Dallas Division": a possessor
                        // after a title's "of" owns what follows it, so the name stops before
                        // "of"; "the Department of the Treasury's Office" keeps its own "of".
                        let possessor = tokens
                            .get(right_end)
                            .is_some_and(|t| t.kind == Kind::Possessive)
                            && self.org_head(previous).is_none();
                        // "U.S. Attorney Richard B. Roper of the Northern District of Texas":
                        // after a title and a person's name, "of" says whom the title serves.
                        let titled_person = self.title_split(&tokens[start..end]).is_some();
                        // "David Post of Livingston": a person and where they live, though
                        // "Post" may end a newspaper's name.
                        let known_place = || {
                            self.place_length(tokens, after, right_end)
                                .is_some_and(|n| after + n == right_end)
                                || right_end == after + 1
                                    && self.rules.words.place(tokens[after].text).is_some()
                        };
                        // "of Livingston, New Jersey": a town its state names.
                        let town_of_state = || {
                            right_end == after + 1
                                && tokens.get(right_end).is_some_and(|t| t.text == ",")
                                && (tokens
                                    .get(right_end + 1)
                                    .is_some_and(|t| self.rules.is_us_state(t.text))
                                    || self
                                        .place_length(tokens, right_end + 1, tokens.len())
                                        .is_some())
                        };
                        let person_of_place = || {
                            (2..=4).contains(&(end - start))
                                && self.rules.words.is_given_name(tokens[start].text)
                                && (known_place() || town_of_state())
                        };
                        // "Freedom of Information Act", "Defense of Marriage Act": a law's
                        // name holds "of" whatever stands before it.
                        let law = tokens[right_end - 1].text == "Act"
                            && tokens
                                .get(right_end)
                                .is_none_or(|t| t.lower != "of" && t.kind != Kind::Possessive);
                        !possessor
                            && !titled_person
                            && (self.org_head(previous).is_some()
                                || self.is_title_word(previous)
                                || law)
                            && (!self
                                .rules
                                .company_suffixes
                                .contains(previous.lower.as_ref())
                                || legal_name)
                            && !self.is_person_run(&tokens[start..end])
                            && !person_of_place()
                    }
                    "and" => {
                        let right_end = self.plain_run_end(tokens, after);
                        let ends_in_org = self.org_head(&tokens[right_end - 1]).is_some()
                            && !self
                                .rules
                                .company_suffixes
                                .contains(tokens[right_end - 1].lower.as_ref());
                        // "ASRC Research and Technology Solutions, LLC": a company's legal
                        // suffix after the words that follow "and".
                        let legal_after = |at: usize| {
                            tokens.get(at).is_some_and(|t| {
                                self.rules.legal_suffixes.contains(t.lower.as_ref())
                            })
                        };
                        let ends_in_company = legal_after(right_end)
                            || tokens.get(right_end).is_some_and(|t| t.text == ",")
                                && legal_after(right_end + 1);
                        let starts_person = self.rules.words.is_given_name(tokens[after].text);
                        let left_common = self.rules.words.is_known(previous.lower.as_ref());
                        // "the FBI, the Secret Service and the Department of State": "and the"
                        // goes between the names of a list, never inside one.
                        let bare = after == end + 1;
                        // "Cohen and Wolf, P.C.", "CTI and Associates, Inc.": two short names
                        // before a legal suffix set off by a comma are one firm's.
                        let firm_of_two = end == start + 1
                            && right_end <= after + 2
                            && tokens.get(right_end).is_some_and(|t| t.text == ",")
                            && legal_after(right_end + 1);
                        // "American Radio Systems Corporation and EZ Communications, Inc.":
                        // a legal suffix ends one company's name.
                        let left_complete = self.ends_company(previous);
                        // "Dow Jones and Company", "Smith and Co.": the partners' firm.
                        let and_company = bare
                            && right_end == after + 1
                            && matches!(tokens[after].text, "Company" | "Co." | "Co")
                            && !left_complete;
                        and_company
                            || bare
                                && (left_common || firm_of_two)
                                && !left_complete
                                && (joined_of || ends_in_org || ends_in_company)
                                && !starts_person
                                && !self.rules.countries.contains_key(tokens[after].text)
                                && !self.is_person_run(&tokens[start..end])
                    }
                    "the" => false,
                    _ => {
                        // "de", "van", "bin": inside a person's name.
                        self.rules.words.is_given_name(tokens[start].text)
                    }
                };
                // "the FTC Act and Section 7 of the Clayton Act", "the Exchange Act and Rule
                // 10b-5": two laws.
                // "Stipulation and Order" is one paper's name.
                let two_laws = token.lower == "and"
                    && instrument(previous)
                    && (self.is_provision(tokens, after)
                        || previous.text == "Act"
                            && instrument(&tokens[self.plain_run_end(tokens, after) - 1]));
                if !joins || two_laws || versus && self.opens_case(tokens, after) {
                    break;
                }
                joined_of |= matches!(token.lower.as_ref(), "of" | "for" | "on");
                end = after;
                continue;
            }
            break;
        }
        end
    }

    /// Whether a provision of a law opens at `at`: a provision noun with its number after it
    /// ("Section 7", "Rule 10b-5").
    fn is_provision(&self, tokens: &[Token<'_>], at: usize) -> bool {
        self.rules
            .provision_nouns
            .contains(tokens[at].lower.as_ref())
            && tokens.get(at + 1).is_some_and(|t| t.kind == Kind::Number)
    }

    /// Whether the name words from `at` on are a case's parties, "v." between them: a second
    /// case after the first one's "and" ("Quick v. Dep't of Com. and Ostad v. Or. Health Scis.
    /// Univ.").
    fn opens_case(&self, tokens: &[Token<'_>], at: usize) -> bool {
        (at..tokens.len())
            .take_while(|&k| self.is_name_word(&tokens[k]) || is_versus(tokens, k))
            .any(|k| is_versus(tokens, k))
    }

    /// "Doumar, Pincus, Knight & Harlan": a firm named after its partners, one word each,
    /// listed with commas and the last two joined by "&". Where the partners' names end.
    fn partners_end(&self, tokens: &[Token<'_>], start: usize) -> Option<usize> {
        // A partner may share a town's name ("Johnson, Bates & Sheffield"); the first may not,
        // so that a place set off by commas opens no firm.
        let partner = |k: usize| {
            tokens.get(k).is_some_and(|t| {
                t.kind == Kind::Word
                    && t.is_capitalised()
                    && !t.text.ends_with('.')
                    && (k > start || self.rules.words.place(t.text).is_none())
                    && !self.rules.countries.contains_key(t.text)
                    && !self.rules.title_words.contains(t.lower.as_ref())
                    && !self.is_honorific(t)
                    && self.org_head(t).is_none()
            })
        };
        let mut k = start;
        let mut listed = 0;
        while partner(k) {
            match tokens.get(k + 1).map(|t| t.text) {
                Some(",") => {
                    listed += 1;
                    k += 2;
                }
                Some("&") if listed > 0 && partner(k + 2) => return Some(k + 3),
                _ => return None,
            }
        }
        None
    }

    /// After "Court of Appeals" at `at`: ", Sixth Circuit", "for the Seventh Circuit", "for
    /// the District of Columbia Circuit", "for the District of Columbia"; where the circuit's
    /// name ends.
    fn circuit_end(tokens: &[Token<'_>], at: usize) -> Option<usize> {
        let appeals = at >= 3
            && tokens[at - 1].lower == "appeals"
            && tokens[at - 2].lower == "of"
            && tokens[at - 3].lower == "court";
        if !appeals || !matches!(tokens.get(at)?.lower.as_ref(), "," | "for") {
            return None;
        }
        let mut k = at + 1;
        if tokens.get(k).is_some_and(|t| t.lower == "the") {
            k += 1;
        }
        // "Court of Appeals for the District of Columbia", the D.C. Circuit without its last
        // word.
        let columbia = ["district", "of", "columbia"];
        let district_of_columbia = tokens.len() >= k + 3
            && tokens[k..k + 3]
                .iter()
                .zip(columbia)
                .all(|(t, w)| t.lower == w)
            && tokens.get(k + 3).is_none_or(|t| t.lower != "circuit");
        if district_of_columbia && tokens[at].lower == "for" {
            return Some(k + 3);
        }
        let circuit = (k..tokens.len().min(k + 5)).find(|&j| tokens[j].lower == "circuit")?;
        let named = (k..circuit).all(|j| {
            tokens[j].is_capitalised() || tokens[j].lower == "of" || tokens[j].kind == Kind::Number
        });
        (named && circuit > k).then_some(circuit + 1)
    }

    fn plain_run_end(&self, tokens: &[Token<'_>], start: usize) -> usize {
        let mut end = start;
        while end < tokens.len() && self.is_name_word(&tokens[end]) {
            end += 1;
        }
        end
    }

    fn is_person_run(&self, run: &[Token<'_>]) -> bool {
        run.len() >= 2
            && self.rules.words.is_given_name(run[0].text)
            && run.iter().all(|t| self.org_head(t).is_none())
    }

    /// The length of a place's name of two or three words that reference data holds at
    /// `start` ("New York", "United States"), ending by `end`.
    fn place_length(&self, tokens: &[Token<'_>], start: usize, end: usize) -> Option<usize> {
        (2..=3).rev().find(|&n| {
            start + n <= end && {
                let words = &tokens[start..start + n];
                let known = |joined: &str| {
                    self.rules.words.place(joined).is_some()
                        || self.rules.countries.contains_key(joined)
                };
                // "UNITED STATES" in a line of capitals.
                known(&join(words)) || words.iter().all(|t| t.is_upper()) && known(&titled(words))
            }
        })
    }

    /// Cuts a run into names: common words at its edges go, a title is split off.
    #[allow(clippy::too_many_arguments)]
    fn split_run(
        &self,
        tokens: &[Token<'_>],
        sentence: &str,
        start: usize,
        end: usize,
        headline: bool,
        capitals: bool,
        names: &mut Vec<Name>,
    ) {
        let mut start = start;
        // Function words never open a name ("The", "In"), nor does a capitalised common word
        // at the start of a sentence or after a quote ("Significant subcontractors").
        while start < end {
            let token = &tokens[start];
            let opening = start == 0
                || matches!(
                    tokens[start - 1].text,
                    "\"" | "“" | "‘" | "'" | "(" | ":" | "—" | "–" | "-"
                );
            // A common word may open a longer name: a place ("New York") or a name its own
            // words type ("Acme Inc.", "General Dynamics Corp.").
            let place = self.place_length(tokens, start, end).is_some();
            // "Dollar Tree, Inc.'s acquisition": a legal suffix after a comma types the name
            // before it.
            let suffix_after_comma = tokens.get(end).is_some_and(|t| t.text == ",")
                && tokens.get(end + 1).is_some_and(|t| {
                    self.rules.company_suffixes.contains(t.lower.as_ref())
                        || self.rules.legal_suffixes.contains(t.lower.as_ref())
                });
            let typed = end - start > 1
                && (self
                    .rules
                    .company_suffixes
                    .contains(tokens[end - 1].lower.as_ref())
                    || self.org_head(&tokens[end - 1]).is_some()
                    || suffix_after_comma);
            // "June W. Stansbury": a month that is a given name before an initial.
            let given_before_initial = self.rules.words.is_given_name(token.text)
                && tokens.get(start + 1).is_some_and(|next| {
                    next.is_initial() && next.text.starts_with(|c: char| c.is_uppercase())
                });
            let opens_name = place || !headline && (typed || given_before_initial);
            // "Under Secretary of Commerce": a preposition that is part of the title after it.
            // "Under President Obama's leadership" is the preposition: "under" qualifies a
            // secretary only.
            let modifies_title = self
                .rules
                .subordinate_modifiers
                .contains(token.lower.as_ref())
                && start + 1 < end
                && self.is_title_word(&tokens[start + 1])
                && (token.lower != "under" || tokens[start + 1].lower.starts_with("secretar"));
            let drop = !modifies_title
                && (self.rules.function_words.contains(token.lower.as_ref())
                    || (opening || headline) && self.is_common(token) && !opens_name);
            if !drop {
                break;
            }
            start += 1;
        }
        // "Proposed Final Judgment United States v. Alcoa Inc.": a case's name opens with its
        // first party, and a country named right before "v." is that party.
        if let Some(versus) = (start + 1..end).find(|&k| is_versus(tokens, k)) {
            let opening = start == 0 || matches!(tokens[start - 1].text, "(" | ";");
            if opening
                && versus > start + 1
                && self
                    .rules
                    .citation_signals
                    .contains(tokens[start].lower.as_ref())
            {
                start += 1;
            }
            let country_first = (start + 1..versus).find(|&c| {
                self.rules.countries.contains_key(&join(&tokens[c..versus]))
                    && tokens[start..c]
                        .iter()
                        .all(|t| t.is_capitalised() && !self.rules.words.is_given_name(t.text))
            });
            if let Some(country) = country_first {
                start = country;
            }
        }
        let mut end = end;
        while end > start
            && (self
                .rules
                .connectors
                .contains(tokens[end - 1].lower.as_ref())
                || tokens[end - 1].kind == Kind::Possessive)
        {
            end -= 1;
        }
        if start >= end {
            return;
        }
        // "United States Court of Appeals, Sixth Circuit" on a line of its own: one name.
        let appeals_court =
            (start..end).any(|k| k >= start + 3 && Self::circuit_end(tokens, k) == Some(end));
        // "United States v. Titan Wheel International, Inc.", "Reynolds Metals Company": in a
        // headline too, a company's legal suffix or "Company" holds its common words together.
        // Not after an acronym and a common word: "EPA Fines Asphalt Sales Company" is a body
        // and what it does.
        let company_name = || {
            let acts =
                end - start > 2 && tokens[start].is_upper() && self.is_common(&tokens[start + 1]);
            !acts
                && (self.ends_company(&tokens[end - 1])
                    || tokens.get(end).is_some_and(|t| t.text == ",")
                        && tokens.get(end + 1).is_some_and(|t| self.ends_company(t)))
        };
        if headline && !capitals && !appeals_court && !company_name() {
            // A headline capitalises its common words: they part names.
            let mut from = start;
            let mut k = start;
            while k <= end {
                // "United States v. Spalding": a place's common words stay in it.
                if let Some(length) = (k < end)
                    .then(|| self.place_length(tokens, k, end))
                    .flatten()
                {
                    k += length;
                    continue;
                }
                // "President Donald J. Trump Signs Order": a name does not end in a middle
                // initial, so the word after one is a surname, common word or not.
                let surname_after_initial = k >= from + 2
                    && tokens[k - 1].is_initial()
                    && self.rules.words.is_given_name(tokens[k - 2].text);
                let cut = k == end
                    || (self.is_common(&tokens[k])
                        && !surname_after_initial
                        && !self.rules.connectors.contains(tokens[k].lower.as_ref()));
                if cut {
                    // A lone head noun in a headline ("Services") names nothing.
                    let lone_noun = k == from + 1
                        && self.rules.head_class(tokens[from].lower.as_ref()).is_some();
                    if from < k && !lone_noun {
                        self.name(tokens, sentence, from, k, true, capitals, names);
                    }
                    from = k + 1;
                }
                k += 1;
            }
            return;
        }
        // "STATEMENT BY SECRETARY POMPEO ON THE EXPANSION OF …": in a line of capitals only
        // the words no name holds part names ("UNITED STATES OF AMERICA" stays one).
        if capitals && !appeals_court {
            let mut from = start;
            let inner = |k: usize| match tokens[k].lower.as_ref() {
                "of" | "and" | "for" => true,
                // "SECRETARY OF THE TREASURY"
                "the" => k > start && matches!(tokens[k - 1].lower.as_ref(), "of" | "for"),
                _ => false,
            };
            for k in start..=end {
                let cut = k == end
                    || self.rules.function_words.contains(tokens[k].lower.as_ref()) && !inner(k);
                if cut {
                    if from < k {
                        self.name(tokens, sentence, from, k, headline, capitals, names);
                    }
                    from = k + 1;
                }
            }
            return;
        }
        // "Judge Beryl A. Howell DEPARTMENT OF JUSTICE": a caption's words turning to capitals
        // after a name in mixed case start another name.
        let mixed = |t: &Token<'_>| {
            t.kind == Kind::Word && t.is_capitalised() && t.text.chars().any(char::is_lowercase)
        };
        let capital_word = |t: &Token<'_>| t.kind == Kind::Word && t.is_upper() && t.text.len() > 1;
        if let Some(k) = (start + 1..end.saturating_sub(1)).find(|&k| {
            capital_word(&tokens[k]) && capital_word(&tokens[k + 1]) && mixed(&tokens[k - 1])
        }) {
            self.split_run(tokens, sentence, start, k, headline, capitals, names);
            self.split_run(tokens, sentence, k, end, headline, capitals, names);
            return;
        }
        // "UNITED STATES DISTRICT COURT FOR THE DISTRICT OF COLUMBIA SHARIF MOBLEY, Plaintiff":
        // a court's heading in capitals ends with its district's place; a party's name may
        // follow it on the line.
        if let Some(court_end) = self.court_heading_end(tokens, start, end) {
            self.name(
                tokens, sentence, start, court_end, headline, capitals, names,
            );
            self.name(tokens, sentence, court_end, end, headline, capitals, names);
            return;
        }
        // "a United Launch Alliance Delta IV-Medium rocket": before a kind of made thing, a
        // maker's name that ends in an organisation's head word opens the product's name.
        let product = !headline && self.rules.product_noun_end(tokens, end).is_some();
        // "Crew Dragon": a common word alone names no maker.
        let maker_end = product
            .then(|| {
                (start + 1..end).find(|&k| {
                    self.org_head(&tokens[k - 1]).is_some()
                        && tokens[k].is_capitalised()
                        && (k - start > 1
                            || !self.rules.words.is_known(tokens[start].lower.as_ref()))
                })
            })
            .flatten();
        if let Some(k) = maker_end {
            self.name(tokens, sentence, start, k, headline, capitals, names);
        }
        let found_before = names.len();
        self.name(
            tokens,
            sentence,
            maker_end.unwrap_or(start),
            end,
            headline,
            capitals,
            names,
        );
        // "the Delta IV-Medium rocket": a product's name, though a given name opens it. Names
        // nothing typed wait for what the sentence says of them ("the Didi app" is the
        // company's).
        if product {
            for name in &mut names[found_before..] {
                if name.end == end && name.class.as_deref() == Some("Person") {
                    name.class = Some("Product".to_owned());
                }
            }
        }
    }

    /// Where a court's name in capitals ends, when its district's place ("OF COLUMBIA", "OF
    /// NEW YORK") comes before the end of the run.
    fn court_heading_end(&self, tokens: &[Token<'_>], start: usize, end: usize) -> Option<usize> {
        let run = &tokens[start..end];
        if !run.iter().all(|t| t.is_upper() || t.kind != Kind::Word) {
            return None;
        }
        let court = start + run.iter().position(|t| t.lower == "court")?;
        let of = (court + 1..end).rev().find(|&k| tokens[k].lower == "of")?;
        let place = of + 1;
        let length = self.place_length(tokens, place, end).or_else(|| {
            let word = title_case(tokens.get(place)?.text);
            (self.rules.is_us_state(&word)
                || self.rules.words.place(&word).is_some()
                || self.rules.countries.contains_key(&word))
            .then_some(1)
        })?;
        let court_end = place + length;
        (court_end < end).then_some(court_end)
    }

    /// Types one name, or a title and the person's name after it.
    #[allow(clippy::too_many_arguments)]
    fn name(
        &self,
        tokens: &[Token<'_>],
        sentence: &str,
        start: usize,
        end: usize,
        weak: bool,
        capitals: bool,
        names: &mut Vec<Name>,
    ) {
        let mut start = start;
        // "Defendants Abitibi-Consolidated Inc.", "Plaintiff United States of America": the
        // role in the case comes before the party's name.
        // "Von's Grocery Company": a particle that owns what follows is a name.
        while start < end
            && (self.rules.connectors.contains(tokens[start].lower.as_ref())
                && tokens
                    .get(start + 1)
                    .is_none_or(|t| t.kind != Kind::Possessive)
                || end - start > 1
                    && self
                        .rules
                        .party_roles
                        .contains(tokens[start].lower.as_ref()))
        {
            start += 1;
        }
        // "MEMORANDUM OPINION Plaintiff US Inventor, Inc.": a caption's heading runs into the
        // role before the party's name; no name holds a role word.
        if let Some(role) = (start..end.saturating_sub(1))
            .rev()
            .find(|&k| self.rules.party_roles.contains(tokens[k].lower.as_ref()))
        {
            start = role + 1;
        }
        let mut end = end;
        // "Chao v. El Matador Inc et al": "et al" ends a case's name.
        let et_al =
            |end: usize| end >= 2 && tokens[end - 1].lower == "al" && tokens[end - 2].lower == "et";
        while end > start
            && !et_al(end)
            && self
                .rules
                .connectors
                .contains(tokens[end - 1].lower.as_ref())
        {
            end -= 1;
        }
        // "…, Inc." left over after a name that could not take it: a legal suffix names nobody.
        if start >= end
            || end - start == 1
                && self
                    .rules
                    .legal_suffixes
                    .contains(tokens[start].lower.as_ref())
        {
            return;
        }
        // "JENKINS FOOD CORPORATION, a Maryland Corporation;": the state a company is organised
        // under, described, names no company; the state is the name.
        if start > 0
            && matches!(tokens[start - 1].lower.as_ref(), "a" | "an")
            && self.rules.head_class(tokens[end - 1].lower.as_ref()) == Some("Company")
        {
            let place_end = (start + 1..end).find(|&k| {
                let place = &sentence[tokens[start].start..tokens[k - 1].end];
                (self.rules.is_us_state(place) || self.rules.countries.contains_key(place))
                    && (k..end).all(|j| tokens[j].kind == Kind::Word)
            });
            if let Some(k) = place_end {
                self.name(tokens, sentence, start, k, weak, capitals, names);
                return;
            }
        }
        // "The California-based SpaceX": a company named with where it is based. The name
        // keeps the whole span, so that a verb's slot before it still reaches it.
        // "Cotonou-based political analyst": alone, where something is based names nothing.
        if tokens[start].lower.ends_with("-based") {
            if end - start == 1 {
                return;
            }
            let found_before = names.len();
            self.name(tokens, sentence, start + 1, end, weak, capitals, names);
            if let Some(company) = names[found_before..]
                .last_mut()
                .filter(|n| n.start == start + 1 && n.end == end && n.title.is_none())
            {
                company.start = start;
                if company.class.is_none() {
                    company.class = Some("Company".to_owned());
                }
            }
            return;
        }
        let text = |from: usize, to: usize| -> String {
            let raw = &sentence[tokens[from].start..tokens[to - 1].end];
            if capitals {
                raw.split(' ')
                    .map(|w| {
                        if w.len() > 3 || w.chars().all(char::is_alphabetic) {
                            title_case(w)
                        } else {
                            w.to_owned()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                raw.to_owned()
            }
        };
        let split = self.title_split(&tokens[start..end]).or_else(|| {
            capitals
                .then(|| self.title_split_in_capitals(&tokens[start..end]))
                .flatten()
        });
        if let Some(split) = split {
            let mut title = self.title(tokens, sentence, start, start + split);
            if capitals {
                title.position = title
                    .position
                    .split(' ')
                    .map(|w| {
                        if w.chars().all(char::is_alphabetic) {
                            title_case(w)
                        } else {
                            w.to_owned()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
            }
            let name_start = start + split;
            names.push(Name {
                start: name_start,
                end,
                text: text(name_start, end),
                class: Some("Person".to_owned()),
                title: Some(title),
                country: None,
                canonical: None,
                inner: None,
                weak,
            });
            return;
        }
        // "Democrat Harry Reid", "Republican Senator Lincoln Chafee", "Senate Republican":
        // a party word stands apart from the names around it ("Republican Party" is one, and
        // so are "National Democratic Congress" and "Republican National Committee").
        if end - start > 1 && self.org_head(&tokens[end - 1]).is_none() {
            let party = (start..end).find(|&k| {
                self.rules.parties.contains_key(tokens[k].text)
                    && tokens.get(k + 1).is_none_or(|next| next.lower != "party")
            });
            if let Some(k) = party {
                if k > start {
                    self.name(tokens, sentence, start, k, weak, capitals, names);
                }
                self.name(tokens, sentence, k, k + 1, weak, capitals, names);
                if k + 1 < end {
                    self.name(tokens, sentence, k + 1, end, weak, capitals, names);
                }
                return;
            }
        }
        // "Russian", "Venezuelan Individuals": a demonym before common words names nobody.
        if self.rules.demonyms.contains_key(tokens[start].text)
            && tokens[start + 1..end].iter().all(|t| self.is_common(t))
        {
            return;
        }
        let honorific = start > 0 && self.is_honorific(&tokens[start - 1]);
        let surface = text(start, end);
        let (class, country) = self.classify(&tokens[start..end], &surface, honorific);
        if class.is_none() && end - start == 1 && self.is_common(&tokens[start]) && start == 0 {
            return;
        }
        // A title alone ("the President", "Leader") names a holder, not a position.
        if class.as_deref() == Some("Position") && end - start == 1 {
            return;
        }
        // "Congress", "Cabinet": a capitalised head noun without a determiner is a name; with
        // one ("the Department") it is a description of a name said before.
        // Not a plural ("Operations"), not a part of a longer name ("Section 7", "the U.S.
        // Attorney's Office").
        let class = class.or_else(|| {
            let token = &tokens[start];
            let standalone = start.checked_sub(1).is_none_or(|k| {
                let before = &tokens[k];
                match before.kind {
                    Kind::Punct => true,
                    Kind::Word => {
                        self.rules.function_words.contains(before.lower.as_ref())
                            && !self.rules.determiners.contains(before.lower.as_ref())
                    }
                    _ => false,
                }
            });
            let bare_noun = end - start == 1
                && !weak
                && !token.is_upper()
                && (!token.lower.ends_with('s') || token.lower.ends_with("ss"))
                && standalone
                && tokens.get(end).is_none_or(|t| t.kind != Kind::Number);
            bare_noun
                .then(|| self.org_head(&tokens[start]))
                .flatten()
                .map(str::to_owned)
        });
        // "WASHINGTON —", "NEW ORLEANS,": a dateline's place in capitals is the place.
        let (class, country) = match class {
            None if (start == 0 || capitals) && tokens[start..end].iter().all(|t| t.is_upper()) => {
                let titled = titled(&tokens[start..end]);
                match self.rules.countries.get(&titled) {
                    Some(country) => (Some("Country".to_owned()), Some(*country)),
                    None => (self.rules.words.place(&titled).map(str::to_owned), None),
                }
            }
            known => (known, country),
        };
        let canonical = self.rules.parties.get(surface.as_str()).cloned();
        let (class, inner) = match self.position_of_part(&tokens[start..end]) {
            Some((from, to, part_class)) => (
                Some("Position".to_owned()),
                Some(Inner {
                    predicate: "positionIn",
                    start: start + from,
                    end: start + to,
                    class: part_class,
                }),
            ),
            None => (
                class,
                self.seat(&tokens[start..end]).map(|at| Inner {
                    predicate: "locatedIn",
                    start: start + at,
                    end,
                    class: None,
                }),
            ),
        };
        names.push(Name {
            start,
            end,
            text: surface,
            class,
            title: None,
            country,
            canonical,
            inner,
            weak: weak || capitals,
        });
    }

    /// "U.S. District Court in Rochester": where in the run the court's seat begins.
    fn seat(&self, run: &[Token<'_>]) -> Option<usize> {
        let at = run.iter().position(|t| t.lower == "in")?;
        (at > 0 && self.rules.head_class(run[at - 1].lower.as_ref()) == Some("Court"))
            .then_some(at + 1)
    }

    /// "Director of the National Science Foundation": a title, "of" and a name. The range of
    /// the name within the run, when its words or reference data type it.
    /// "United States Attorney for the Eastern District of Virginia": a district's office named
    /// after the country; the number of the country's words.
    fn district_office_country(&self, run: &[Token<'_>]) -> Option<usize> {
        // Most names hold no district office's head word: no need to join their words.
        let head_word = |t: &Token<'_>| self.rules.district_office_heads.contains(t.lower.as_ref());
        if !run.iter().any(head_word) {
            return None;
        }
        let country = (1..=3)
            .rev()
            .filter(|&n| n < run.len())
            .find(|&n| self.rules.countries.contains_key(&join(&run[..n])))?;
        let rest = &run[country..];
        let title_end = rest
            .iter()
            .position(|t| matches!(t.lower.as_ref(), "for" | "of"))
            .unwrap_or(rest.len());
        self.rules
            .district_offices
            .contains(&join(&rest[..title_end]).to_lowercase())
            .then_some(country)
    }

    fn position_of_part(&self, run: &[Token<'_>]) -> Option<(usize, usize, Option<String>)> {
        let of = run
            .iter()
            .position(|t| matches!(t.lower.as_ref(), "of" | "for"))?;
        // "Special Agent in Charge of …" ends in its head's "in Charge".
        let in_charge = of >= 3 && run[of - 1].lower == "charge" && run[of - 2].lower == "in";
        let head = if in_charge {
            of - 3
        } else {
            of.saturating_sub(1)
        };
        let country = self.district_office_country(run).unwrap_or(0);
        if of == 0
            || !self.is_title_head(&run[head])
            || !run[country..of].iter().all(|t| self.is_title_word(t))
        {
            return None;
        }
        let from = if run.get(of + 1).is_some_and(|t| t.lower == "the") {
            of + 2
        } else {
            of + 1
        };
        let mut part = &run[from..];
        // "Under Secretary of the Treasury for Terrorism and Financial Intelligence": the
        // office is of the Treasury; what follows "for" is its portfolio.
        if let Some(portfolio) = part.iter().position(|t| t.lower == "for") {
            if portfolio > 0 && part[..portfolio].iter().all(|t| self.is_title_word(t)) {
                part = &part[..portfolio];
            }
        }
        if part.is_empty() {
            return None;
        }
        // "Secretary of Agriculture of the United States", "Minister for Foreign Affairs of
        // Japan": a portfolio, then the country whose office it is.
        if let Some(country) = self.country_after_portfolio(part) {
            let from = from + part.len() - country;
            return Some((from, run.len(), Some("Country".to_owned())));
        }
        let surface: Vec<&str> = part.iter().map(|t| t.text).collect();
        let (class, _) = self.classify(part, &surface.join(" "), false);
        let class = class.filter(|c| c != "Person" && c != "Position");
        let named = class.is_some() || part.len() > 1 || part[0].is_upper();
        named.then_some((from, from + part.len(), class))
    }

    /// "Agriculture of the United States" after a title's "of": a portfolio in capitalised
    /// title words or words that name no organisation, "of", and a country that is the whole
    /// rest. The number
    /// of the country's words.
    fn country_after_portfolio(&self, part: &[Token<'_>]) -> Option<usize> {
        let of = part.iter().position(|t| t.lower == "of")?;
        let portfolio = &part[..of];
        let portfolio_words = !portfolio.is_empty()
            && portfolio.iter().all(|t| {
                matches!(t.lower.as_ref(), "and" | "&")
                    || t.is_capitalised() && (self.is_title_word(t) || self.org_head(t).is_none())
            });
        let country = match part.get(of + 1) {
            Some(t) if t.lower == "the" => &part[of + 2..],
            _ => &part[of + 1..],
        };
        (portfolio_words
            && !country.is_empty()
            && self.rules.countries.contains_key(&join(country)))
        .then_some(country.len())
    }

    /// Where the person's name begins in a run that opens with a title ("Assistant Attorney
    /// General Anne K. Bingaman" → 3), if it does.
    fn title_split(&self, run: &[Token<'_>]) -> Option<usize> {
        let mut best = None;
        let mut seen_head = false;
        for k in 0..run.len().saturating_sub(1) {
            let head = self.is_title_head(&run[k]);
            let title_word = head || self.is_title_word(&run[k]);
            // The title's words run on from its head: "Justice Sandra Day O'Connor" is not
            // split again at "Day".
            if best.is_some() && !title_word {
                break;
            }
            seen_head |= head;
            if !(head || (seen_head && title_word)) {
                continue;
            }
            let rest = &run[k + 1..];
            // "General Dynamics Electric Boat", "General Electric": "General" alone is a
            // company's first word unless a given name follows ("General Mark Milley").
            let general_alone = k == 0 && run[0].text == "General";
            if self.is_person_name(rest)
                && (!general_alone || self.rules.words.is_given_name(rest[0].text))
            {
                best = Some(k + 1);
            }
        }
        // "United States Attorney for the District of Maryland Rod J. Rosenstein": a title
        // with what it is of, then a given name and the rest of a person's name.
        best.or_else(|| {
            let of = run
                .iter()
                .position(|t| matches!(t.lower.as_ref(), "of" | "for"))?;
            if !run[..of].iter().any(|t| self.is_title_head(t)) {
                return None;
            }
            // "… for the District of Puerto Rico": no name starts inside a place's name.
            let inside_place = |k: usize| {
                (k.saturating_sub(2)..k).any(|from| {
                    self.place_length(run, from, run.len())
                        .is_some_and(|n| from + n > k)
                })
            };
            (of + 2..run.len()).find(|&k| {
                self.rules.words.is_given_name(run[k].text)
                    && !self.rules.connectors.contains(run[k - 1].lower.as_ref())
                    && !inside_place(k)
                    && self.is_person_name(&run[k..])
            })
        })
    }

    /// "SECRETARY POMPEO" in a line of capitals, where capitals tell no name from a word:
    /// title words, then one to three words that are no English words or are given names.
    fn title_split_in_capitals(&self, run: &[Token<'_>]) -> Option<usize> {
        let title_end = run
            .iter()
            .position(|t| !self.is_title_word(t) && !self.is_title_head(t))?;
        let rest = &run[title_end..];
        let named = |t: &Token<'_>| {
            let proper = title_case(t.text);
            t.kind == Kind::Word
                && (self.rules.words.is_given_name(&proper)
                    || !self.rules.words.is_known(t.lower.as_ref()))
                && self.rules.words.place(&proper).is_none()
                && !self.rules.countries.contains_key(proper.as_str())
        };
        let titled = run[..title_end].iter().any(|t| self.is_title_head(t));
        (titled && (1..=3).contains(&rest.len()) && rest.iter().all(named)).then_some(title_end)
    }

    /// What may follow a title as a person's name: one to four capitalised words, none a head
    /// noun of an organisation or a title word.
    fn is_person_name(&self, rest: &[Token<'_>]) -> bool {
        // "Special Agent in Charge": title words all through are one title, not a name.
        // A word that is a title only by WordNet's reading ("Holder", "Roper") may be a surname.
        let listed = |t: &Token<'_>| {
            let bare = Self::bare(t.lower.as_ref());
            self.rules.title_words.contains(t.lower.as_ref())
                || self.rules.title_words.contains(bare)
                || self.rules.title_heads.contains(bare)
                || self.is_honorific(t)
        };
        if rest.is_empty() || rest.len() > 4 || rest.iter().all(listed) {
            return false;
        }
        // "Chad Meacham", "Jordan Cain": a given name that is also a country's, before a
        // surname.
        let country_as_given =
            |k: usize| k == 0 && rest.len() > 1 && self.rules.words.is_given_name(rest[0].text);
        if rest.iter().enumerate().any(|(k, t)| {
            t.kind != Kind::Word
                || self.rules.connectors.contains(t.lower.as_ref()) && t.lower != "de"
                || self.is_title_head(t)
                || self.rules.countries.contains_key(t.text) && !country_as_given(k)
        }) {
            return false;
        }
        let given = self.rules.words.is_given_name(rest[0].text);
        given
            || rest
                .iter()
                .all(|t| self.org_head(t).is_none() && !t.is_upper())
    }

    fn title(&self, tokens: &[Token<'_>], sentence: &str, start: usize, end: usize) -> Title {
        let mut from = start;
        let mut former = false;
        while from < end
            && (self.rules.former.contains(tokens[from].lower.as_ref())
                || self.is_honorific(&tokens[from]))
        {
            former |= self.rules.former.contains(tokens[from].lower.as_ref());
            from += 1;
        }
        let party = (from + 1 < end)
            .then(|| self.rules.parties.get(tokens[from].text))
            .flatten()
            .map(|party| (party.clone(), tokens[from].text.to_owned()));
        if party.is_some() {
            from += 1;
        }
        let mut demonym = None;
        let mut qualifier = None;
        // The words before the title's own words: a demonym, a place or an organisation.
        let own = (from..end)
            .find(|&k| {
                self.is_title_word(&tokens[k])
                    && (!tokens[k].is_upper()
                        || self.rules.title_heads.contains(tokens[k].lower.as_ref()))
            })
            .unwrap_or(end);
        // "New Jersey U.S. Attorney", "EPA New England Regional Administrator": a country's
        // short name or an adjective just before the title's words is the title's, when a
        // name stands before it.
        let modifier_from = (from..own)
            .rev()
            .take_while(|&k| {
                tokens[k].kind == Kind::Word && self.rules.qualifies_title(tokens[k].lower.as_ref())
            })
            .last()
            .unwrap_or(own);
        let own = if modifier_from > from {
            modifier_from
        } else {
            own
        };
        // "Federal Communications Commission Chairman": a body's head noun before the title's
        // head ends the body's name, and the words before it that are no title word of their
        // own are the body's. A head noun that is also a title word ("Commerce" of "Commerce
        // Secretary", "Force" of "Task Force Officer") is left to the title.
        let head_at = (own..end).rev().find(|&k| self.is_title_head(&tokens[k]));
        let own = head_at
            .and_then(|head_at| {
                (own..head_at).rev().find(|&k| {
                    self.org_head(&tokens[k]).is_some()
                        && !self.is_title_word(&tokens[k])
                        && (own..k).all(|j| {
                            !self.is_title_word(&tokens[j])
                                || self.rules.qualifies_title(tokens[j].lower.as_ref())
                        })
                })
            })
            .map_or(own, |org_head| org_head + 1);
        let mut position_from = from;
        if own > from {
            let words: Vec<&str> = tokens[from..own].iter().map(|t| t.text).collect();
            if let Some(country) = self.rules.demonyms.get(&words.join(" ")) {
                demonym = Some(*country);
                position_from = own;
            }
            if demonym.is_none() {
                qualifier = Some((from, own));
                position_from = own;
            }
        }
        // An organisation's acronym stays in the title ("CDC Director", "HHS Secretary"); a
        // country, a place or a longer name does not ("U.S. President" is President).
        if let Some((q, to)) = qualifier {
            let acronym = to == q + 1
                && tokens[q].is_upper()
                && !tokens[q].text.contains('.')
                && !self.rules.countries.contains_key(tokens[q].text);
            if acronym {
                position_from = from;
            }
        }
        // "Chief of Naval Operations Adm. John Richardson", "Marine Lt. Gen. Terry G. Robling":
        // a military rank before the name, and the grade before it, is no part of an office;
        // ranks and services alone name none. "Attorney General" keeps its "General".
        let rank = |k: usize| {
            let t = &tokens[k];
            self.rules.military_ranks.contains(t.lower.as_ref())
                && !(t.lower == "general" && k > from && self.is_title_word(&tokens[k - 1]))
        };
        let mut last = end;
        while last > from && rank(last - 1) {
            last -= 1;
        }
        if last < end {
            while last > from
                && self
                    .rules
                    .rank_grades
                    .contains(tokens[last - 1].lower.as_ref())
            {
                last -= 1;
            }
        }
        let office = last == end
            || !tokens[from..last]
                .iter()
                .all(|t| self.rules.military_services.contains(t.lower.as_ref()));
        if !office {
            last = end;
        }
        // "CDC Director Dr. Robert Redfield": an honorific before the name is not the office's.
        while last - 1 > from
            && self.is_honorific(&tokens[last - 1])
            && self.is_title_head(&tokens[last - 2])
        {
            last -= 1;
        }
        let mut head = Self::bare(tokens[last - 1].lower.as_ref()).to_owned();
        let position_from = position_from.min(last - 1);
        let mut position = sentence[tokens[position_from].start..tokens[last - 1].end].to_owned();
        let plural = !self.rules.title_heads.contains(&head)
            && !tokens[last - 1].text.ends_with('.')
            && match self.plural_title_head(&head) {
                Some((one, ending)) => {
                    head = one;
                    position.truncate(position.len() - ending);
                    if ending == 3 {
                        position.push('y');
                    }
                    true
                }
                None => false,
            };
        let words: Vec<&str> = tokens[own.min(last - 1)..last]
            .iter()
            .map(|t| t.text)
            .collect();
        let leader = self.rules.title_leads(&words);
        Title {
            start,
            end,
            position,
            legislator: self.rules.legislator_titles.contains(&head),
            plural,
            head,
            leader,
            former,
            qualifier,
            demonym,
            party,
            office,
        }
    }

    /// Whether "and" at `at` joins two parts of one office's name that a title and a person's
    /// name follow: "Health and Human Services Secretary Kathleen Sebelius", not "Defense
    /// Secretary Lloyd Austin and Treasury Secretary Janet Yellen", whose second part is a
    /// title of its own, nor "Duckworth and Durbin".
    fn joins_office_before_title(&self, tokens: &[Token<'_>], at: usize) -> bool {
        let Some(before) = at.checked_sub(1).map(|k| &tokens[k]) else {
            return false;
        };
        // "the Criminal Division and Department of Justice Inspector General Glenn A. Fine": a
        // unit's head word ends a name of its own.
        if !self.is_name_word(before)
            || before.is_upper()
            || self.is_title_head(before)
            || self.org_head(before).is_some()
            || self.rules.words.is_given_name(before.text)
            || self.rules.words.place(before.text).is_some()
        {
            return false;
        }
        let mut k = at + 1;
        while k < tokens.len() && self.is_name_word(&tokens[k]) && !self.is_title_word(&tokens[k]) {
            k += 1;
        }
        let mut end = k;
        while end < tokens.len() && self.is_name_word(&tokens[end]) {
            end += 1;
        }
        k > at + 1
            && tokens.get(k).is_some_and(|t| self.is_title_head(t))
            && self.title_split(&tokens[at + 1..end]).is_some()
    }

    /// Whether a person's nickname in brackets stands at `at`, after the given name that
    /// opens the run at `start` and before a surname: "Ramon (Ray) Lugo".
    fn is_nickname(&self, tokens: &[Token<'_>], start: usize, at: usize) -> bool {
        at == start + 1
            && self.rules.words.is_given_name(tokens[start].text)
            && tokens[at].text == "("
            && tokens.get(at + 1).is_some_and(|t| self.is_name_word(t))
            && tokens.get(at + 2).is_some_and(|t| t.text == ")")
            && tokens
                .get(at + 3)
                .is_some_and(|t| self.is_name_word(t) && !self.is_title_word(t))
    }

    /// The class of a name, and the country it is, when its words or reference data say.
    pub fn classify(
        &self,
        run: &[Token<'_>],
        surface: &str,
        honorific: bool,
    ) -> (Option<String>, Option<usize>) {
        if let Some(country) = self.rules.countries.get(surface) {
            return (Some("Country".to_owned()), Some(*country));
        }
        // "UNITED STATES OF AMERICA", "UNITED STATES of America" in a caption.
        if run.len() > 1 && run[0].text.len() > 1 && run[0].is_upper() {
            let written = run
                .iter()
                .map(|t| {
                    if self.rules.connectors.contains(t.lower.as_ref()) {
                        t.lower.to_string()
                    } else if t.is_upper() {
                        title_case(t.text)
                    } else {
                        t.text.to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(country) = self.rules.countries.get(&written) {
                return (Some("Country".to_owned()), Some(*country));
            }
        }
        if self.rules.parties.contains_key(surface) {
            return (Some("PoliticalParty".to_owned()), None);
        }
        if let Some(class) = self.rules.words.place(surface) {
            return (Some(class.to_owned()), None);
        }
        if self.rules.state_abbreviations.contains_key(surface) && surface.ends_with('.') {
            return (Some("Region".to_owned()), None);
        }
        if honorific {
            return (Some("Person".to_owned()), None);
        }
        if (1..run.len()).any(|k| self.is_nickname(run, 0, k)) {
            return (Some("Person".to_owned()), None);
        }
        let last = &run[run.len() - 1];
        if run.len() > 2 && (1..run.len() - 1).any(|k| is_versus(run, k)) {
            return (Some("LegalCase".to_owned()), None);
        }
        if self.is_provision(run, 0) {
            return (Some("LegalInstrument".to_owned()), None);
        }
        if run.len() > 1 && self.rules.company_suffixes.contains(last.lower.as_ref()) {
            return (Some("Company".to_owned()), None);
        }
        // "Bradley R. Hall", "JAMES W. PEYTON": a given name, initials and one more word name
        // a person, whatever that word names elsewhere.
        let given = self.rules.words.is_given_name(run[0].text)
            || run[0].is_upper() && self.rules.words.is_given_name(&title_case(run[0].text));
        if (3..=4).contains(&run.len())
            && given
            && run[1..run.len() - 1].iter().all(Token::is_initial)
            && last.is_capitalised()
            // "Richard J. FRONTERO": a caption writes the surname in capitals.
            && (!last.is_upper() || self.org_head(last).is_none() && last.text.len() > 3)
        {
            return (Some("Person".to_owned()), None);
        }
        // "United States Attorney", "Assistant United States Attorney": the holder's rank may
        // come first.
        let rank = run
            .iter()
            .take_while(|t| self.is_title_word(t))
            .count()
            .min(2);
        if (0..=rank).any(|k| self.district_office_country(&run[k..]).is_some()) {
            return (Some("Position".to_owned()), None);
        }
        // The head noun: the last word, or the last before "of" ("Bank of America"); an act's
        // name ends in its head ("Defense of Marriage Act"), where other instruments' may not
        // ("State Administration for Market Regulation").
        let law = last.text == "Act";
        let head_at = run
            .iter()
            .position(|t| matches!(t.lower.as_ref(), "of" | "for" | "on" | "in"))
            .filter(|_| !law)
            .map_or(run.len() - 1, |of| of.saturating_sub(1));
        let head_index = run[..=head_at]
            .iter()
            .rposition(|t| t.kind == Kind::Word)
            .unwrap_or(run.len() - 1);
        let head = &run[head_index];
        // "Johnson Space Center", "Mojave Solar Project": a head whose class the word before it
        // decides.
        let phrase_class = head_index.checked_sub(1).and_then(|m| {
            self.rules
                .head_phrase_class(run[m].lower.as_ref(), head.lower.as_ref())
        });
        if let Some(class) = phrase_class {
            return (Some(class.to_owned()), None);
        }
        // "Norman Bay", "Ira Hill", "Thomas Brown": a given name before one word that names a
        // place or a building elsewhere, or that only a dictionary sense types ("Brown" the
        // university), is a person's name (a place so named is in the gazetteer, read above);
        // so with a middle name no dictionary knows ("Aimee Woodward Brown").
        let middle_name = run.len() == 3
            && run[1].kind == Kind::Word
            && run[1].is_capitalised()
            && !run[1].is_upper()
            && !self.rules.words.is_known(run[1].lower.as_ref());
        let surname_is_noun = (run.len() == 2 || middle_name)
            && self.rules.words.is_given_name(run[0].text)
            && !self.rules.countries.contains_key(run[0].text)
            && self.rules.words.place(run[0].text) != Some("Region")
            && !last.is_upper()
            && self
                .rules
                .head_class(last.lower.as_ref())
                .is_some_and(|class| {
                    matches!(class, "Place" | "Facility")
                        || self.rules.listed_head_class(last.lower.as_ref()).is_none()
                });
        if surname_is_noun {
            return (Some("Person".to_owned()), None);
        }
        // "Jenner & Block", "Procter & Gamble": names joined by an ampersand name a firm,
        // whatever a dictionary says of their last word; a head noun of the lexicon's own
        // ("Environmental & Natural Resources Division") still decides.
        // So do two surnames joined by "and" ("Cohen and Wolf"), where one is no common word.
        let surnames_joined = run.len() == 3
            && run[1].lower == "and"
            && !(self.rules.words.is_known(run[0].lower.as_ref())
                && self.rules.words.is_known(run[2].lower.as_ref()));
        if run.len() > 2
            && (surnames_joined || run[1..run.len() - 1].iter().any(|t| t.text == "&"))
            && self.rules.listed_head_class(head.lower.as_ref()).is_none()
        {
            return (Some("Company".to_owned()), None);
        }
        // "National Democratic Congress", "Rwandan Patriotic Front": a creed before a
        // movement's head names a party.
        if self.rules.party_heads.contains(head.lower.as_ref())
            && run[..head_index]
                .iter()
                .chain(&run[head_at + 1..])
                .any(|t| self.rules.party_creeds.contains(t.lower.as_ref()))
        {
            return (Some("PoliticalParty".to_owned()), None);
        }
        if let Some(class) = self.rules.head_class(head.lower.as_ref()) {
            if class == "Person" {
                // "Secretary of the Army", "Special Agent in Charge of the Drug Enforcement
                // Administration": title words up to "of" or "for" make a position; a noun
                // only WordNet calls a person's ("Voice of America") does not.
                // "Asst. U.S. Attys.": an abbreviated head in the plural is a title's too.
                let listed = |t: &Token<'_>| {
                    let bare = Self::bare(t.lower.as_ref());
                    self.rules.title_words.contains(bare)
                        || self.rules.title_heads.contains(bare)
                        || t.text.ends_with("s.") && self.plural_title_head(bare).is_some()
                };
                // A noun only WordNet calls a person's may be a surname ("John Smith", "Mary
                // Baker"): the given-name reading below decides.
                let title_part = run
                    .iter()
                    .position(|t| matches!(t.lower.as_ref(), "of" | "for"))
                    .map_or(run, |of| &run[..of]);
                if listed(head) && self.all_title_words(title_part) {
                    return (Some("Position".to_owned()), None);
                }
            } else if run.len() > 1
                // "ICE" is an acronym, not the frozen water a dictionary makes a place of.
                || head.is_upper() && !matches!(class, "Facility" | "Place")
            {
                return (Some(class.to_owned()), None);
            }
        }
        if run.len() >= 2
            && run.len() <= 4
            && (self.rules.words.is_given_name(run[0].text)
                || run[0].is_initial() && !self.opens_with_country_initials(run)
                || self.is_joined_initials(&run[0]))
            && run.iter().all(|t| {
                t.kind == Kind::Word && !t.is_upper()
                    || t.text.len() == 2
                    || self.is_joined_initials(t)
            })
        {
            return (Some("Person".to_owned()), None);
        }
        // "MONICA BELIZAN, APPELLANT": a caption writes a person's name in capitals; a given
        // name first and no given name or head noun last ("MORGAN STANLEY", "ERNST YOUNG"
        // stay unread), and no place ("HONG KONG").
        let written = || titled(run);
        if (2..=3).contains(&run.len())
            && run
                .iter()
                .all(|t| t.kind == Kind::Word && t.is_upper() && t.text.len() > 1)
            && self.rules.words.is_given_name(&title_case(run[0].text))
            && self.rules.words.place(&written()).is_none()
            && !self.rules.countries.contains_key(&written())
            && !self.rules.words.is_given_name(&title_case(last.text))
            && self
                .rules
                .head_class(last.lower.as_ref())
                .is_none_or(|class| class == "Person")
        {
            return (Some("Person".to_owned()), None);
        }
        // An acronym names an organisation, unless it is an abbreviation with full stops
        // ("U.S.C.", "M.D.") or a common word in capitals ("TV", "VIP").
        // Nor is a designation with a number after a hyphen ("COVID-19", "F-35", "MQ-9").
        let designation = run[0]
            .text
            .split_once('-')
            .is_some_and(|(_, number)| number.starts_with(|c: char| c.is_ascii_digit()));
        if run.len() == 1
            && run[0].is_upper()
            && !designation
            && run[0].text.chars().filter(|c| c.is_alphabetic()).count() <= 6
            && !run[0].text.contains('.')
            && !self.rules.words.is_known(run[0].lower.as_ref())
        {
            // "CEO", "CFO": a title in capitals.
            if self.rules.title_heads.contains(run[0].lower.as_ref()) {
                return (Some("Position".to_owned()), None);
            }
            return (Some("Organization".to_owned()), None);
        }
        (None, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn rules() -> &'static Rules {
        static RULES: std::sync::OnceLock<Rules> = std::sync::OnceLock::new();
        RULES.get_or_init(|| {
            Rules::embedded(crate::ontology::Ontology::embedded().unwrap()).unwrap()
        })
    }

    fn names(sentence: &str) -> Vec<(String, Option<String>, Option<String>)> {
        let rules = rules();
        let keeps = |w: &str| rules.abbreviations.iter().any(|a| a.to_lowercase() == w);
        let tokens = tokenize(sentence, &keeps);
        Finder::new(rules)
            .names(&tokens, sentence, false)
            .into_iter()
            .map(|n| (n.text, n.class, n.title.map(|t| t.position)))
            .collect()
    }

    fn n(
        text: &str,
        class: Option<&str>,
        title: Option<&str>,
    ) -> (String, Option<String>, Option<String>) {
        (
            text.to_owned(),
            class.map(str::to_owned),
            title.map(str::to_owned),
        )
    }

    #[test]
    fn a_firm_of_partners_is_one_name_and_a_legal_suffix_ends_one() {
        assert_eq!(
            names("He joined Doumar, Pincus, Knight & Harlan in 1990."),
            [n("Doumar, Pincus, Knight & Harlan", Some("Company"), None)]
        );
        let found = names("It sued American Radio Systems Corporation and EZ Communications, Inc.");
        let texts: Vec<&str> = found.iter().map(|(text, _, _)| text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "American Radio Systems Corporation",
                "EZ Communications, Inc."
            ]
        );
    }

    #[test]
    fn a_country_or_an_adjective_before_a_title_is_the_titles() {
        let found = names("New Jersey U.S. Attorney Craig Carpenito said so.");
        assert_eq!(found.last().unwrap().2.as_deref(), Some("U.S. Attorney"));
        let found = names("EPA New England Regional Administrator David Cash said so.");
        assert_eq!(
            found.last().unwrap().2.as_deref(),
            Some("Regional Administrator")
        );
    }

    #[test]
    fn titles_split_from_the_names_they_stand_before() {
        assert_eq!(
            names("Assistant Attorney General Anne K. Bingaman said the indictment followed."),
            [n(
                "Anne K. Bingaman",
                Some("Person"),
                Some("Assistant Attorney General")
            )]
        );
        assert_eq!(
            names("He met Chinese Vice Premier Liu He at the White House."),
            [
                n("Liu He", Some("Person"), Some("Vice Premier")),
                n("White House", Some("GovernmentBody"), None)
            ]
        );
    }

    #[test]
    fn organisations_are_typed_by_their_head_nouns_and_suffixes() {
        assert_eq!(
            names(
                "The Department of Justice sued Upstate Milk Cooperatives Inc. and the Bank of America."
            ),
            [
                n("Department of Justice", Some("GovernmentBody"), None),
                n("Upstate Milk Cooperatives Inc.", Some("Company"), None),
                n("Bank of America", Some("FinancialInstitution"), None)
            ]
        );
        assert_eq!(
            names("the U.S. Securities and Exchange Commission charged him"),
            [n(
                "U.S. Securities and Exchange Commission",
                Some("GovernmentBody"),
                None
            )]
        );
    }

    #[test]
    fn possessives_and_coordination_part_names() {
        assert_eq!(
            names("Ant Group's Alipay and Tencent were named, as were Hurley and Behnken."),
            [
                n("Ant Group", Some("Company"), None),
                n("Alipay", None, None),
                n("Tencent", None, None),
                n("Hurley", None, None),
                n("Behnken", None, None)
            ]
        );
    }

    #[test]
    fn places_come_from_reference_data_and_headlines_keep_only_names() {
        assert_eq!(
            names("Clowe & Cowan Inc. of Amarillo, Texas"),
            [
                n("Clowe & Cowan Inc.", Some("Company"), None),
                n("Amarillo", Some("City"), None),
                n("Texas", Some("Region"), None)
            ]
        );
        assert_eq!(
            names("Statement of U.S. Senator Russ Feingold on the Conviction of the Leader"),
            [n("Russ Feingold", Some("Person"), Some("Senator"))]
        );
        // A headline's common words part names, but not inside a place's name.
        assert_eq!(
            names("Court Upholds Verdict In United States v. Spalding"),
            [n("United States v. Spalding", Some("LegalCase"), None)]
        );
        // A surname after a middle initial stays, common word or not; a preposition names
        // nothing.
        let found = names("President Donald J. Trump Signs Order on Next Step Toward Safety");
        assert_eq!(found[0].0, "Donald J. Trump", "{found:?}");
        assert!(!found.iter().any(|n| n.0 == "Toward"), "{found:?}");
    }

    #[test]
    fn a_numbered_provision_is_named_with_the_law_it_is_part_of() {
        let found = names(
            "Acme violated Section 17(a) of the Securities Act of 1933, the Exchange Act and \
             Rule 10b-5, and the FTC Act and Section 7 of the Clayton Act.",
        );
        let surfaces: Vec<&str> = found.iter().map(|n| n.0.as_str()).collect();
        for law in [
            "Section 17(a) of the Securities Act of 1933",
            "Exchange Act",
            "Rule 10b-5",
            "FTC Act",
            "Section 7 of the Clayton Act",
        ] {
            assert!(
                found
                    .iter()
                    .any(|n| n.0 == law && n.1.as_deref() == Some("LegalInstrument")),
                "{law}: {found:?}"
            );
        }
        assert!(!surfaces.contains(&"Section"), "{found:?}");
        // A section of a body is no provision; a paper's name may hold "and".
        let found = names("The Fraud Section filed an Asset Preservation Stipulation and Order.");
        assert!(
            found
                .iter()
                .any(|n| n.0 == "Fraud Section" && n.1.as_deref() != Some("LegalInstrument")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|n| n.0 == "Asset Preservation Stipulation and Order"),
            "{found:?}"
        );
    }

    #[test]
    fn a_comma_keeps_a_legal_suffix_the_district_of_columbia_and_a_courts_division() {
        assert_eq!(
            names(
                "Duratek, Inc. is based in Washington, D.C., as is Energy Transfer Partners, L.P."
            ),
            [
                n("Duratek, Inc.", Some("Company"), None),
                n("Washington, D.C.", Some("City"), None),
                n("Energy Transfer Partners, L.P.", Some("Company"), None)
            ]
        );
        assert_eq!(
            names(
                "It was filed in the United States District Court for the Northern District of Texas, Dallas Division."
            ),
            [n(
                "United States District Court for the Northern District of Texas, Dallas Division",
                Some("Court"),
                None
            )]
        );
        // A person's or a place's name keeps no suffix after a comma, and the suffix left
        // over names nobody.
        assert_eq!(
            names("Petroleos de Venezuela, S.A. sold it."),
            [
                n("Petroleos", None, None),
                n("Venezuela", Some("Country"), None)
            ]
        );
    }

    #[test]
    fn laws_keep_their_years_and_numbers_and_cases_their_parties() {
        assert_eq!(
            names(
                "It violated the Securities Act of 1933, Rule 10b-5 and the National Defense Authorization Act for Fiscal Year 1999."
            ),
            [
                n("Securities Act of 1933", Some("LegalInstrument"), None),
                n("Rule 10b-5", Some("LegalInstrument"), None),
                n(
                    "National Defense Authorization Act for Fiscal Year 1999",
                    Some("LegalInstrument"),
                    None
                )
            ]
        );
        assert_eq!(
            names("He cited E.O. 13873 and Proclamation 9705."),
            [
                n("E.O. 13873", Some("LegalInstrument"), None),
                n("Proclamation 9705", Some("LegalInstrument"), None)
            ]
        );
        assert_eq!(
            names(
                "It settled United States v. Interstate Bakeries Corp. and Continental Baking Co. today."
            ),
            [n(
                "United States v. Interstate Bakeries Corp. and Continental Baking Co.",
                Some("LegalCase"),
                None
            )]
        );
    }

    #[test]
    fn government_nouns_after_a_leader_or_a_country_name_a_government() {
        assert_eq!(
            names(
                "The Bush administration, the Iranian government and the government of Ukraine met."
            ),
            [
                n("Bush administration", Some("GovernmentBody"), None),
                n("Iranian government", Some("GovernmentBody"), None),
                n("government of Ukraine", Some("GovernmentBody"), None)
            ]
        );
        // A demonym before other words still names nobody.
        assert_eq!(names("Russian officials left."), []);
    }

    #[test]
    fn persons_are_typed_by_the_words_around_them() {
        assert_eq!(
            names(
                "I welcome the conviction of Theoneste Bagosora, the lead organizer of the killings."
            ),
            [n("Theoneste Bagosora", Some("Person"), None)]
        );
        assert_eq!(
            names("The firm employed Gayla Oladele, LaTavia Glover, and Tyrone Williams."),
            [
                n("Gayla Oladele", Some("Person"), None),
                n("LaTavia Glover", Some("Person"), None),
                n("Tyrone Williams", Some("Person"), None)
            ]
        );
        assert_eq!(
            names("\"We can see it,\" said Ndimyake Mwakalyelye."),
            [n("Ndimyake Mwakalyelye", Some("Person"), None)]
        );
        // A name made of English words is not a person's for its apposition alone.
        assert_eq!(
            names("It was built by Vineyard Wind, the developer of the project."),
            [n("Vineyard Wind", None, None)]
        );
    }

    #[test]
    fn a_district_office_with_its_holders_rank_is_a_position() {
        assert_eq!(
            names("Jeffrey K. Handy, Assistant United States Attorney, said it."),
            [
                n("Jeffrey K. Handy", Some("Person"), None),
                n("Assistant United States Attorney", Some("Position"), None)
            ]
        );
    }

    #[test]
    fn a_legal_suffix_after_a_comma_types_a_name_of_common_words_opening_a_sentence() {
        assert_eq!(
            names("Dollar Tree, Inc. acquired them."),
            [n("Dollar Tree, Inc.", Some("Company"), None)]
        );
    }

    #[test]
    fn a_given_name_before_a_place_noun_names_a_person() {
        assert_eq!(
            names("Norman Bay and Ira Hill spoke at Virginia Beach of China Mobile."),
            [
                n("Norman Bay", Some("Person"), None),
                n("Ira Hill", Some("Person"), None),
                n("Virginia Beach", Some("City"), None),
                n("China Mobile", Some("Place"), None)
            ]
        );
        // With a middle name no dictionary knows, a university's dictionary sense aside.
        assert_eq!(
            names("Aimee Woodward Brown argued for the Brown University."),
            [
                n("Aimee Woodward Brown", Some("Person"), None),
                n("Brown University", Some("EducationalInstitution"), None)
            ]
        );
    }

    #[test]
    fn titles_with_what_they_are_of_and_surnames_that_are_nouns() {
        assert_eq!(
            names(
                "Sentences were announced by United States Attorney for the District of Maryland Rod J. Rosenstein."
            ),
            [n(
                "Rod J. Rosenstein",
                Some("Person"),
                Some("Attorney for the District of Maryland")
            )]
        );
        assert_eq!(
            names("The results came from Attorney General Holder and President-elect Obama."),
            [
                n("Holder", Some("Person"), Some("Attorney General")),
                n("Obama", Some("Person"), Some("President-elect"))
            ]
        );
        assert_eq!(
            names("He hosted Secretary of State for International Trade Anne-Marie Trevelyan."),
            [n(
                "Anne-Marie Trevelyan",
                Some("Person"),
                Some("Secretary of State for International Trade")
            )]
        );
        // A noun WordNet alone calls a person's heads no office.
        assert_eq!(
            names("He spoke to the Voice of America."),
            [n("Voice of America", None, None)]
        );
    }

    #[test]
    fn lone_head_nouns_based_companies_datelines_and_offices_of_titles() {
        assert_eq!(
            names("The law was passed by Congress after the Department objected under Section 7."),
            [
                n("Congress", Some("GovernmentBody"), None),
                n("Department", None, None),
                n("Section 7", Some("LegalInstrument"), None)
            ]
        );
        assert_eq!(
            names("The California-based SpaceX built it."),
            [n("SpaceX", Some("Company"), None)]
        );
        // A state university's campus is named after its town; a firm's town is not its name.
        assert_eq!(
            names("They include the University of North Carolina at Chapel Hill."),
            [n(
                "University of North Carolina at Chapel Hill",
                Some("EducationalInstitution"),
                None
            )]
        );
        assert_eq!(
            names("They include the University of California, Davis; and Acme Corp., Davis."),
            [
                n(
                    "University of California, Davis",
                    Some("EducationalInstitution"),
                    None
                ),
                n("Acme Corp.", Some("Company"), None),
                n("Davis", Some("City"), None)
            ]
        );
        // An ordinal belongs to a body's or a law's name, not to an office's.
        assert_eq!(
            names("The 45th Space Wing backed the 21st Century Cures Act."),
            [
                n("45th Space Wing", Some("MilitaryOrganization"), None),
                n("21st Century Cures Act", Some("LegalInstrument"), None)
            ]
        );
        assert_eq!(
            names("The companies said TikTok Global could go public."),
            [n("TikTok Global", None, None)]
        );
        assert_eq!(
            names("WASHINGTON – Today the sanctions took effect."),
            [n("WASHINGTON", Some("City"), None)]
        );
        // A dateline's place before its state is a place, whatever its words mean elsewhere.
        assert_eq!(
            names("SELLS, AZ—The task force arrested ten people.")[0],
            n("Sells", Some("City"), None)
        );
        assert_eq!(
            names("CAPE CANAVERAL, Fla., Dec. 10 -- NASA spoke.")[0],
            n("Cape Canaveral", Some("City"), None)
        );
        // Capitals before a comma that no state or country follows are no dateline.
        assert!(
            names("SELLS, BUYS AND TRADES – Acme spoke.")
                .iter()
                .all(|name| name.0 != "Sells")
        );
        assert_eq!(
            names("He thanked the Potter County Sheriff’s Office."),
            [n(
                "Potter County Sheriff’s Office",
                Some("GovernmentBody"),
                None
            )]
        );
        // Abbreviations and common words in capitals are no organisations.
        assert_eq!(
            names("He watched TV with an M.D. from the FBI."),
            [
                n("TV", None, None),
                n("M.D.", None, None),
                n("FBI", Some("Organization"), None)
            ]
        );
    }
}
