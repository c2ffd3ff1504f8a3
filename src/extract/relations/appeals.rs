//! An appellate opinion's outcome: "We affirm." in an opinion of the Sixth Circuit is that
//! court's ruling against the party that appealed and for the other side.

use super::{Candidate, Reader, Sentence};
use crate::extract::coreference::Document;

/// A side of a case, as its caption or the facts of its parties give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Plaintiff,
    Defendant,
}

impl Side {
    fn predicate(self) -> &'static str {
        match self {
            Side::Plaintiff => "plaintiffIn",
            Side::Defendant => "defendantIn",
        }
    }

    fn other(self) -> Side {
        match self {
            Side::Plaintiff => Side::Defendant,
            Side::Defendant => Side::Plaintiff,
        }
    }
}

/// What the appeals court did with the judgment appealed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The appellant loses.
    Affirmed,
    /// The appellant wins.
    Reversed,
}

/// A sentence that gives the outcome, where the sentence is.
pub struct Decision {
    pub outcome: Outcome,
    pub around: (usize, usize),
    pub sentence: usize,
}

/// The side a caption's role words say appeals: "Plaintiff-Appellant", "Petitioner" on that
/// side; "Defendant-Appellee" on the other.
pub fn appealing_side(role: &str, side: Side) -> Option<Side> {
    let role = role.to_lowercase();
    if role.contains("appellant") || role.contains("petitioner") {
        Some(side)
    } else if role.contains("appellee") || role.contains("respondent") {
        Some(side.other())
    } else {
        None
    }
}

/// Names of courts that hear appeals.
fn hears_appeals(name: &str) -> bool {
    let name = name.to_lowercase();
    name.contains("appeals") || name.contains("circuit") || name.contains("supreme court")
}

impl Reader<'_> {
    /// "We affirm.", "For the reasons that follow, we affirm the judgment of the district
    /// court.", "The judgment is reversed.", "AFFIRMED.": the outcome, unless the sentence
    /// gives two ("affirmed in part and reversed in part") or denies it ("we cannot affirm").
    pub fn decision(&self, s: &Sentence<'_>, sentence: usize) -> Option<Decision> {
        let words: Vec<&str> = s.tokens.iter().map(|t| t.lower.as_ref()).collect();
        let outcome_of = |word: &str| match word.trim_end_matches('.') {
            "affirm" | "affirmed" => Some(Outcome::Affirmed),
            "reverse" | "reversed" | "vacate" | "vacated" => Some(Outcome::Reversed),
            _ => None,
        };
        let mut found = Vec::new();
        for (k, word) in words.iter().enumerate() {
            let Some(outcome) = outcome_of(word) else {
                continue;
            };
            // "We affirm", "we therefore affirm", "we now reverse".
            let by_the_court =
                (k.saturating_sub(2)..k).any(|j| words[j] == "we") && !words[k].ends_with("ed");
            // "The judgment (of the district court) is affirmed."
            let passive = k > 0
                && matches!(words[k - 1], "is" | "are" | "be")
                && words[..k - 1].iter().any(|w| {
                    matches!(
                        *w,
                        "judgment" | "judgments" | "conviction" | "convictions" | "order"
                    )
                });
            // "AFFIRMED." alone.
            let alone = words
                .iter()
                .filter(|w| w.chars().any(char::is_alphabetic))
                .count()
                == 1;
            if by_the_court || passive || alone {
                found.push(outcome);
            }
        }
        let denied = words
            .iter()
            .any(|w| matches!(*w, "not" | "cannot" | "decline" | "part"));
        let outcome = *found.first()?;
        if denied || found.iter().any(|&o| o != outcome) {
            return None;
        }
        Some(Decision {
            outcome,
            around: s.span(0, s.tokens.len()),
            sentence,
        })
    }

    /// "Spalding now appeals his convictions", "Acevedo-Hernández appealed": the parties the
    /// sentence says appeal.
    pub fn appellants_named(&self, s: &Sentence<'_>) -> Vec<usize> {
        s.mentions
            .iter()
            .filter(|m| {
                let mut k = m.end;
                while s
                    .tokens
                    .get(k)
                    .is_some_and(|t| matches!(t.lower.as_ref(), "now" | "then" | "timely" | "also"))
                {
                    k += 1;
                }
                s.tokens
                    .get(k)
                    .is_some_and(|t| matches!(t.lower.as_ref(), "appeals" | "appealed"))
            })
            .map(|m| m.entity)
            .collect()
    }

    /// The appeals court's rulings on `case`: against the side that appealed and for the
    /// other if it affirmed, the reverse if it reversed. The side that appealed is the one
    /// its caption says, else a party the text says appeals; in a prosecution (a country or
    /// state against a party), the defendant, as almost always, at a lower confidence.
    pub fn appeal_rulings(
        &self,
        case: usize,
        decision: &Decision,
        captioned: Option<Side>,
        appellants: &[usize],
        facts: &[(usize, Candidate)],
        document: &Document<'_>,
    ) -> Vec<(usize, Candidate)> {
        let Some(court) = document.entities.iter().position(|e| {
            e.class.as_deref() == Some("Court")
                && e.same_as_entity.is_none()
                && hears_appeals(&e.name)
        }) else {
            return Vec::new();
        };
        let side_of = |side: Side| -> Vec<usize> {
            let mut parties: Vec<usize> = facts
                .iter()
                .filter(|(_, f)| f.predicate == side.predicate() && f.object.entity() == Some(case))
                .map(|(_, f)| f.subject)
                .collect();
            parties.sort_unstable();
            parties.dedup();
            parties
        };
        let named = [Side::Plaintiff, Side::Defendant]
            .into_iter()
            .find(|&side| side_of(side).iter().any(|p| appellants.contains(p)));
        let prosecution = side_of(Side::Plaintiff).iter().any(|&p| {
            matches!(
                document.entities[p].class.as_deref(),
                Some("Country" | "Region" | "GeopoliticalEntity")
            )
        });
        let (appealed, confidence) = match (captioned, named) {
            (Some(side), _) | (None, Some(side)) => (side, 0.8),
            (None, None) if prosecution => (Side::Defendant, 0.7),
            (None, None) => return Vec::new(),
        };
        let (losing, winning) = match decision.outcome {
            Outcome::Affirmed => (appealed, appealed.other()),
            Outcome::Reversed => (appealed.other(), appealed),
        };
        let mut out = Vec::new();
        for (side, predicate) in [(losing, "rulesAgainst"), (winning, "rulesInFavorOf")] {
            for party in side_of(side) {
                let rule = format!("appeal:{predicate}");
                let fact = self.fact(court, predicate, party, &rule, confidence, decision.around);
                out.push((decision.sentence, fact));
            }
        }
        out
    }
}
