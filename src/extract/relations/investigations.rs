//! "This prosecution is the result of a joint investigation by the U.S. Attorney's Office, the
//! FBI and ICE": the agencies that investigated the case, who investigated its defendants; and
//! "An SEC investigation found that ITG operated …": whoever the finding is about.

use super::{Candidate, Reader, Sentence};
use crate::extract::coreference::Document;
use crate::extract::tokens::Kind;

/// A case has few defendants; a document that charges more is a round-up, whose
/// investigators the sentence does not tie to each.
const MAX_DEFENDANTS: usize = 4;

/// Verbs that report what an investigation established ("An SEC investigation found that ITG
/// operated …").
const FINDING_VERBS: [&str; 5] = ["found", "revealed", "determined", "showed", "concluded"];

/// The most words between the investigators and what they found ("an investigation by USDA's
/// Agricultural Marketing Service in June 2018 revealed").
const FINDING_GAP: usize = 4;

/// The agencies a sentence says investigated, and where.
pub struct Investigation {
    agencies: Vec<usize>,
    around: (usize, usize),
    sentence: usize,
}

impl Reader<'_> {
    /// "investigated by A and B", "a joint investigation by A, B and C", "an investigation
    /// conducted by A", "led by A": the agencies listed after the cue.
    pub fn investigation(
        &self,
        s: &Sentence<'_>,
        document: &Document<'_>,
        sentence: usize,
    ) -> Option<Investigation> {
        let tokens = &s.tokens;
        let Some(by) = (1..tokens.len()).find(|&k| {
            tokens[k].lower == "by"
                && (matches!(
                    tokens[k - 1].lower.as_ref(),
                    "investigated" | "investigation"
                ) || k >= 2
                    && matches!(tokens[k - 1].lower.as_ref(), "conducted" | "led")
                    && tokens[k - 2].lower == "investigation")
        }) else {
            return self.named_investigation(s, document, sentence);
        };
        let mut agencies = Vec::new();
        let mut k = by + 1;
        let mut end = k;
        while k < tokens.len() {
            if matches!(s.word(k), "," | "and" | "the") {
                k += 1;
                continue;
            }
            // "by special agents of the Internal Revenue Service": the agency is named after.
            let agents = if s.word(k) == "special" { k + 1 } else { k };
            if matches!(s.word(agents), "agents" | "investigators" | "officers")
                && matches!(s.word(agents + 1), "of" | "from" | "with")
            {
                k = agents + 2;
                continue;
            }
            let Some(mut mention) = s.mention_starting(k).copied() else {
                break;
            };
            // "U.S. Immigration and Customs Enforcement's (ICE) Homeland Security
            // Investigations (HSI)": the unit the possessive names, past any acronym.
            let mut after = s.past_acronym(mention.end);
            while tokens
                .get(after)
                .is_some_and(|t| t.kind == Kind::Possessive)
            {
                let Some(unit) = s.mention_starting(s.past_acronym(after + 1)) else {
                    break;
                };
                mention = *unit;
                after = s.past_acronym(unit.end);
            }
            if !self.is_body(document, mention.entity) {
                break;
            }
            agencies.push(mention.entity);
            k = after;
            end = k;
        }
        (!agencies.is_empty()).then(|| Investigation {
            agencies,
            around: s.span(by.saturating_sub(1), end),
            sentence,
        })
    }

    /// "According to the ICE investigation", "An SEC investigation found", "the FBI's
    /// investigation": the agency named right before the word is the one that investigated.
    fn named_investigation(
        &self,
        s: &Sentence<'_>,
        document: &Document<'_>,
        sentence: usize,
    ) -> Option<Investigation> {
        let tokens = &s.tokens;
        let at = (1..tokens.len()).find(|&k| tokens[k].lower == "investigation")?;
        let before = if tokens[at - 1].kind == Kind::Possessive {
            at - 1
        } else {
            at
        };
        let agency = s
            .mention_ending(before)
            .filter(|m| self.is_body(document, m.entity))?;
        Some(Investigation {
            agencies: vec![agency.entity],
            around: s.span(agency.start, at + 1),
            sentence,
        })
    }

    /// "An SEC investigation found that ITG operated …", "investigations by the Wage and
    /// Hour Division found that Laundry Room and the Kanedas missed …", "investigators with
    /// the department's Wage and Hour Division found WDR Technology Corp. paid …": the
    /// investigators investigated those the finding is about, the subject of the clause that
    /// follows the verb.
    pub fn findings(
        &self,
        s: &Sentence<'_>,
        document: &Document<'_>,
        investigation: Option<&Investigation>,
    ) -> Vec<Candidate> {
        let tokens = &s.tokens;
        let agency = |k: usize| {
            s.mention_starting(k)
                .filter(|m| self.is_body(document, m.entity))
        };
        let (agencies, after) = match investigation {
            Some(known) => {
                let after = tokens
                    .iter()
                    .position(|t| t.start >= known.around.1)
                    .unwrap_or(tokens.len());
                (known.agencies.clone(), after)
            }
            None => {
                let Some(with) = (1..tokens.len()).find(|&k| {
                    tokens[k - 1].lower == "investigators"
                        && matches!(tokens[k].lower.as_ref(), "with" | "from" | "of")
                }) else {
                    return Vec::new();
                };
                // "with the department's Wage and Hour Division": past the body it is part of.
                let mut k = with + 1;
                if s.word(k) == "the" {
                    k += 1;
                }
                if tokens
                    .get(k + 1)
                    .is_some_and(|t| t.kind == Kind::Possessive)
                {
                    k += 2;
                }
                let Some(unit) = agency(k) else {
                    return Vec::new();
                };
                (vec![unit.entity], s.past_acronym(unit.end))
            }
        };
        let Some(verb) = (after..tokens.len().min(after + FINDING_GAP + 1))
            .take_while(|&k| s.word(k) != ",")
            .find(|&k| FINDING_VERBS.contains(&s.word(k)))
        else {
            return Vec::new();
        };
        let mut k = verb + 1;
        if s.word(k) == "that" {
            k += 1;
        }
        let mut out = Vec::new();
        while let Some(found) = s.mention_starting(k) {
            let about = found.entity;
            let party = document.class(about).is_none()
                || self.is_a(document, about, "Person")
                || self.is_body(document, about);
            if !party || agencies.contains(&about) {
                break;
            }
            for &by in &agencies {
                out.push(self.fact(
                    by,
                    "investigates",
                    about,
                    "investigation:found",
                    0.6,
                    s.span(verb, found.end),
                ));
            }
            k = s.past_acronym(found.end);
            if matches!(s.word(k), "and" | ",") {
                k += 1;
            }
        }
        out
    }

    /// "XIAODONG SHELDON MENG, 42, is charged with …", "Smith pleaded guilty": the persons
    /// and companies a sentence says are charged, indicted, convicted, sentenced or arrested,
    /// or plead guilty, with no one named as doing it.
    pub fn accused(&self, s: &Sentence<'_>, document: &mut Document<'_>) -> Vec<usize> {
        let tokens = &s.tokens;
        let accused: Vec<usize> = s
            .mentions
            .iter()
            // A name nothing typed yet ("XIAODONG SHELDON MENG") is one of the accused as well,
            // a person's: a company's name says what it is.
            .filter(|m| {
                document.class(m.entity).is_none()
                    || self.is_a(document, m.entity, "Person")
                    || self.is_a(document, m.entity, "Company")
            })
            .filter(|m| {
                let mut k = m.end;
                // Past an apposition: ", 42,", ", of Baltimore,".
                if s.word(k) == "," {
                    if let Some(close) =
                        (k + 1..tokens.len().min(k + 8)).find(|&j| s.word(j) == ",")
                    {
                        k = close + 1;
                    }
                }
                if matches!(s.word(k), "pleaded" | "pled") && s.word(k + 1) == "guilty" {
                    return true;
                }
                if s.word(k) == "has" || s.word(k) == "have" {
                    k += 1;
                }
                matches!(s.word(k), "is" | "was" | "were" | "been" | "are")
                    && matches!(
                        s.word(k + 1),
                        "charged" | "indicted" | "convicted" | "sentenced" | "arrested"
                    )
            })
            .map(|m| m.entity)
            .collect();
        for &party in &accused {
            document.type_by_slot(party, &["Person".to_owned()]);
        }
        accused
    }

    /// Each agency of an investigation investigates the document's defendants: the parties
    /// it charges, convicts, sentences or arrests, or the text says are charged.
    pub fn investigated(
        &self,
        investigations: &[Investigation],
        accused: &[usize],
        facts: &[(usize, Candidate)],
        document: &Document<'_>,
    ) -> Vec<(usize, Candidate)> {
        let mut defendants: Vec<usize> = facts
            .iter()
            .filter(|(_, f)| {
                matches!(
                    f.predicate.as_str(),
                    "charges" | "convicts" | "sentences" | "arrests"
                )
            })
            .filter_map(|(_, f)| f.object.entity())
            .filter(|&d| self.is_a(document, d, "Person") || self.is_a(document, d, "Company"))
            .chain(accused.iter().copied())
            .collect();
        defendants.sort_unstable();
        defendants.dedup();
        if defendants.is_empty() || defendants.len() > MAX_DEFENDANTS {
            return Vec::new();
        }
        let mut out = Vec::new();
        for investigation in investigations {
            for &agency in &investigation.agencies {
                for &defendant in defendants.iter().filter(|&&d| d != agency) {
                    let fact = self.fact(
                        agency,
                        "investigates",
                        defendant,
                        "investigation:by",
                        0.6,
                        investigation.around,
                    );
                    out.push((investigation.sentence, fact));
                }
            }
        }
        out
    }
}
