//! An appellate opinion's outcome: "We affirm." in an opinion of the Sixth Circuit is that
//! court's ruling against the party that appealed and for the other side.

use super::{Candidate, Reader, Sentence};
use crate::extract::coreference::{Document, Mention};

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

    /// The side that appealed: the one its caption says, else a party the text says appeals;
    /// in a prosecution (a country or state against a party), the defendant, as almost
    /// always, at a lower confidence.
    pub fn appealed_side(
        &self,
        case: usize,
        captioned: Option<Side>,
        appellants: &[usize],
        facts: &[(usize, Candidate)],
        document: &Document<'_>,
    ) -> Option<(Side, f64)> {
        let named = [Side::Plaintiff, Side::Defendant]
            .into_iter()
            .find(|&side| {
                parties(case, side, facts)
                    .iter()
                    .any(|p| appellants.contains(p))
            });
        let prosecution = parties(case, Side::Plaintiff, facts).iter().any(|&p| {
            matches!(
                document.entities[p].class.as_deref(),
                Some("Country" | "Region" | "GeopoliticalEntity")
            )
        });
        match (captioned, named) {
            (Some(side), _) | (None, Some(side)) => Some((side, 0.8)),
            (None, None) if prosecution => Some((Side::Defendant, 0.7)),
            (None, None) => None,
        }
    }

    /// The appeals court's rulings on `case`: against the side that appealed and for the
    /// other if it affirmed, the reverse if it reversed.
    pub fn appeal_rulings(
        &self,
        case: usize,
        decision: &Decision,
        appealed: (Side, f64),
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
        let (side, confidence) = appealed;
        let (losing, winning) = match decision.outcome {
            Outcome::Affirmed => (side, side.other()),
            Outcome::Reversed => (side.other(), side),
        };
        let mut out = Vec::new();
        for (side, predicate) in [(losing, "rulesAgainst"), (winning, "rulesInFavorOf")] {
            for party in parties(case, side, facts) {
                let rule = format!("appeal:{predicate}");
                let fact = self.fact(court, predicate, party, &rule, confidence, decision.around);
                out.push((decision.sentence, fact));
            }
        }
        out
    }

    /// An opinion's counsel line: "Bradley R. Hall, Andrew N. Wise, Federal Defender Office,
    /// Detroit, Michigan, for Appellant.", "James R. Stoner, …, with whom William M. Hoiles
    /// … was on the brief, for appellant." Each lawyer works for the office or firm named
    /// after them (given here), and appears for the party the role names (resolved once the
    /// case and its sides are known).
    pub fn counsel(
        &self,
        s: &Sentence<'_>,
        document: &mut Document<'_>,
        sentence: usize,
        out: &mut Vec<Candidate>,
    ) -> Option<Counsel> {
        let tokens = &s.tokens;
        let mut end = tokens.len();
        while end > 0 && matches!(tokens[end - 1].text, "." | ";" | ":") {
            end -= 1;
        }
        let role_at = end.checked_sub(1)?;
        let role = tokens[role_at].lower.trim_end_matches('.').to_owned();
        // "… for Appellant.", or the party by name: "… for James H. Harford.", "… for the
        // State of Tex."
        let (appears, party_at) = match counsel_role(&role) {
            Some(side) => (Appears::For(side), role_at),
            None => {
                let party = s.mentions.iter().rev().find(|m| m.end == end).filter(|m| {
                    ["Person", "Organization", "GeopoliticalEntity"]
                        .iter()
                        .any(|class| self.is_a(document, m.entity, class))
                })?;
                (Appears::ForParty(party.entity), party.start)
            }
        };
        let mut for_at = party_at.checked_sub(1)?;
        if tokens[for_at].lower == "the" {
            for_at = for_at.checked_sub(1)?;
        }
        if tokens[for_at].lower != "for" || for_at == 0 {
            return None;
        }
        // A party by name is a counsel line's only when the line is nothing but names: "Julius
        // Maada Bio … for Sierra Leone" in a story is no counsel line.
        if matches!(appears, Appears::ForParty(_)) {
            let listed = (0..for_at).all(|k| {
                s.covering[k].is_some()
                    || matches!(
                        tokens[k].lower.as_ref(),
                        "," | "and"
                            | "("
                            | ")"
                            | "with"
                            | "whom"
                            | "was"
                            | "were"
                            | "on"
                            | "the"
                            | "brief"
                            | "of"
                            | "counsel"
                    )
            });
            let opens_with_lawyer = s
                .mention_starting(0)
                .is_some_and(|m| self.is_a(document, m.entity, "Person"));
            if !listed || !opens_with_lawyer {
                return None;
            }
        }
        let mut lawyers = Vec::new();

        // The lawyers named since the last office, each only while nothing but commas and
        // other lawyers stand between them and it: "Michael W. Mosman, United States
        // Attorney, …, Environmental & Natural Resources Division" is no lawyer of that
        // division's.
        let mut waiting: Vec<usize> = Vec::new();
        let mut firms = Vec::new();
        let mut last_end = 0;
        // "O'Melveny & Myers, by William W. Alsup, William W. Vaughn, Los Angeles, Cal.": a
        // firm named first, then its lawyers after "by".
        let mut firm_before_by: Option<&Mention> = None;
        let employed = |lawyer: usize, firm: &Mention| {
            let around = s.span(firm.start, firm.end);
            self.fact(
                lawyer,
                "employedBy",
                firm.entity,
                "counsel:employedBy",
                0.7,
                around,
            )
        };
        for mention in s.mentions.iter().filter(|m| m.end <= for_at) {
            let entity = mention.entity;
            let organisation = self.is_body(document, entity);
            // "Laura Bandini (Margery E. Lieber, …, on the brief), National Labor Relations
            // Board": the lawyers on the brief are the office's too.
            let adjacent = tokens[last_end..mention.start].iter().all(|t| {
                matches!(
                    t.lower.as_ref(),
                    "," | "and" | "(" | ")" | "on" | "the" | "brief" | "of" | "counsel"
                )
            });
            if !adjacent {
                waiting.clear();
            }
            last_end = mention.end;

            // "Michael W. Mosman, United States Attorney, and …": a lawyer with a title of
            // their own is none of the office named next.
            if self.is_a(document, entity, "Position") {
                waiting.clear();
                continue;
            }
            // "Conrad M. Shumadine, Willcox Savage, Norfolk, Va.,": after its lawyers and
            // before its city, two surnames with no given name or initial are their firm's.
            let name = &document.entities[entity].name;
            let person = self.is_a(document, entity, "Person");
            let firm = !waiting.is_empty()
                && person
                && !name.contains('.')
                && name.split_once(' ').is_some_and(|(first, rest)| {
                    !rest.contains(' ') && !self.rules.words.is_given_name(first)
                })
                && tokens.get(mention.end).is_some_and(|t| t.text == ",")
                && s.mention_starting(mention.end + 1)
                    .is_some_and(|m| self.is_a(document, m.entity, "City"));
            if person && !firm {
                if !reads_as_person(name) {
                    continue;
                }
                lawyers.push(entity);
                match firm_before_by {
                    Some(firm) => out.push(employed(entity, firm)),
                    None => waiting.push(entity),
                }
            } else if !firm
                && organisation
                && tokens.get(mention.end).is_some_and(|t| t.text == ",")
                && tokens.get(mention.end + 1).is_some_and(|t| t.lower == "by")
            {
                waiting.clear();
                firm_before_by = Some(mention);
            } else if firm || organisation {
                if firm {
                    firms.push(entity);
                }
                firm_before_by = None;
                for &lawyer in &waiting {
                    out.push(employed(lawyer, mention));
                }
                waiting.clear();
            }
        }
        for firm in firms {
            document.entities[firm].class = Some("Organization".to_owned());
        }
        lawyers.dedup();
        let around = s.span(0, end);
        let side = match appears {
            Appears::For(side) => side,
            // Named, the party needs no caption to be found.
            Appears::ForParty(party) => {
                for &lawyer in lawyers.iter().filter(|&&lawyer| lawyer != party) {
                    out.push(self.fact(
                        lawyer,
                        "counselFor",
                        party,
                        "counsel:counselFor",
                        0.7,
                        around,
                    ));
                }
                return None;
            }
        };
        (!lawyers.is_empty()).then_some(Counsel {
            lawyers,
            side,
            around,
            sentence,
        })
    }

    /// "SECURITIES AND EXCHANGE COMMISSION, Plaintiff, v. SPARTAN SECURITIES GROUP, LTD.,
    /// Defendants": whoever brings a civil case sues each party it is against, as the
    /// sentence naming both sides says. A state's case against anyone but an organisation is
    /// a prosecution, not a suit; so is any state's case in a text about a crime (`criminal`:
    /// it speaks of a conviction, a sentence or an indictment).
    pub fn suits(
        &self,
        facts: &[(usize, Candidate)],
        document: &Document<'_>,
        criminal: bool,
    ) -> Vec<(usize, Candidate)> {
        let state = |entity: usize| {
            ["Country", "Region", "GeopoliticalEntity"]
                .iter()
                .any(|class| self.is_a(document, entity, class))
        };
        let mut out = Vec::new();
        let read_from_case = |f: &Candidate| !f.rule.starts_with("citation:");
        for (sentence, brings) in facts
            .iter()
            .filter(|(_, f)| f.predicate == "plaintiffIn" && read_from_case(f))
        {
            let case = brings.object.entity();
            for (_, defends) in facts.iter().filter(|(other, f)| {
                other == sentence && f.predicate == "defendantIn" && f.object.entity() == case
            }) {
                let (plaintiff, defendant) = (brings.subject, defends.subject);
                let prosecution = state(plaintiff)
                    && (criminal || !self.is_a(document, defendant, "Organization"));
                if plaintiff == defendant || prosecution {
                    continue;
                }
                let around = (
                    brings.around.0.min(defends.around.0),
                    brings.around.1.max(defends.around.1),
                );
                let fact = self.fact(plaintiff, "sues", defendant, "case:sues", 0.6, around);
                out.push((*sentence, fact));
            }
        }
        out
    }

    /// Each lawyer of a counsel line appears for the parties of the side its role names.
    pub fn counsel_for(
        &self,
        counsel: &Counsel,
        case: usize,
        appealed: Option<(Side, f64)>,
        facts: &[(usize, Candidate)],
    ) -> Vec<(usize, Candidate)> {
        let side = match counsel.side {
            CounselSide::Named(side) => side,
            CounselSide::Appellant => match appealed {
                Some((side, _)) => side,
                None => return Vec::new(),
            },
            CounselSide::Appellee => match appealed {
                Some((side, _)) => side.other(),
                None => return Vec::new(),
            },
        };
        let mut out = Vec::new();
        for party in parties(case, side, facts) {
            for &lawyer in &counsel.lawyers {
                let fact = self.fact(
                    lawyer,
                    "counselFor",
                    party,
                    "counsel:counselFor",
                    0.7,
                    counsel.around,
                );
                out.push((counsel.sentence, fact));
            }
        }
        out
    }
}

/// Which side a counsel line's role names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CounselSide {
    Named(Side),
    Appellant,
    Appellee,
}

/// Whom a counsel line's lawyers appear for: the side its role names, or a party by name.
enum Appears {
    For(CounselSide),
    ForParty(usize),
}

/// A counsel line, read: its lawyers and the side they appear for.
pub struct Counsel {
    lawyers: Vec<usize>,
    side: CounselSide,
    around: (usize, usize),
    sentence: usize,
}

/// "plaintiff-appellant" and "plaintiffs" name the plaintiff's side; "appellant" alone the
/// side that appealed.
fn counsel_role(role: &str) -> Option<CounselSide> {
    if role.starts_with("plaintiff") {
        Some(CounselSide::Named(Side::Plaintiff))
    } else if role.starts_with("defendant") {
        Some(CounselSide::Named(Side::Defendant))
    } else if matches!(
        role,
        "appellant" | "appellants" | "petitioner" | "petitioners"
    ) {
        Some(CounselSide::Appellant)
    } else if matches!(
        role,
        "appellee" | "appellees" | "respondent" | "respondents"
    ) {
        Some(CounselSide::Appellee)
    } else {
        None
    }
}

/// "D. C." and "U. S. Attys" read as persons' names in a counsel line: a person's name has a
/// word of three letters or more that is no abbreviation.
fn reads_as_person(name: &str) -> bool {
    name.split_whitespace().any(|word| {
        word.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && !word.ends_with('.')
            && !word.to_lowercase().starts_with("att")
    })
}

/// The parties of one side of `case`, as the facts found give them.
fn parties(case: usize, side: Side, facts: &[(usize, Candidate)]) -> Vec<usize> {
    let mut parties: Vec<usize> = facts
        .iter()
        .filter(|(_, f)| f.predicate == side.predicate() && f.object.entity() == Some(case))
        .map(|(_, f)| f.subject)
        .collect();
    parties.sort_unstable();
    parties.dedup();
    parties
}
