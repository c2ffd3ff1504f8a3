//! Contract announcements as the Defense Department writes them: "Sierra Nevada Corp.,
//! Sparks, Nevada, was awarded a $318,952,224 hybrid contract for … . Army Contracting Command,
//! Aberdeen Proving Ground, Maryland, is the contracting activity." Each paragraph names the
//! company first and the body that awards the contract last, in a sentence of its own.

use super::{Candidate, Reader, Sentence, Target, money, sum_qualifiers};
use crate::extract::coreference::Document;

/// How far after the company's name "awarded" may stand (its city and state come between).
const AWARDED_WITHIN: usize = 14;

/// A company a sentence says was awarded a contract, and the sum.
pub struct Award {
    company: usize,
    sum: Option<(serde_json::Number, &'static str)>,
    around: (usize, usize),
    sentence: usize,
}

impl Reader<'_> {
    /// "General Dynamics Land Systems, Sterling Heights, Michigan, was awarded a $428,229,970
    /// cost-plus-fixed-fee contract …": the organisation that opens the sentence, with no
    /// awarding body named.
    pub fn awarded(
        &self,
        s: &Sentence<'_>,
        document: &Document<'_>,
        sentence: usize,
    ) -> Option<Award> {
        let tokens = &s.tokens;
        let company = s
            .mentions
            .first()
            .filter(|m| m.start == 0 && self.is_a(document, m.entity, "Organization"))?;
        let awarded = (company.end..tokens.len().min(company.end + AWARDED_WITHIN))
            .find(|&k| tokens[k].lower == "awarded")?;
        // Only its city and state ("Clinton, Tennessee") and the auxiliaries stand between
        // the name and the verb.
        let mut auxiliary = false;
        for token in &tokens[company.end..awarded] {
            match token.lower.as_ref() {
                "," => {}
                "was" | "were" | "has" | "have" | "been" | "is" | "being" => auxiliary = true,
                _ if token.is_capitalised() => {}
                _ => return None,
            }
        }
        let contract =
            (awarded + 1..tokens.len()).find(|&k| tokens[k].lower.starts_with("contract"))?;
        // "… was awarded by the Navy": a named body is read by the verb frames.
        if tokens.get(awarded + 1).is_some_and(|t| t.lower == "by") || !auxiliary {
            return None;
        }
        Some(Award {
            company: company.entity,
            sum: money(&tokens[awarded + 1..contract]),
            around: s.span(0, contract + 1),
            sentence,
        })
    }

    /// "Army Contracting Command, Aberdeen Proving Ground, Maryland, is the contracting
    /// activity (W15P7T-20-D-0178).", "The contracting activity is Defense Logistics Agency
    /// Troop Support, Philadelphia, Pennsylvania": the body the sentence equates with it.
    pub fn contracting_activity(&self, s: &Sentence<'_>, document: &Document<'_>) -> Option<usize> {
        let tokens = &s.tokens;
        let activity = (1..tokens.len()).find(|&k| {
            tokens[k].lower.starts_with("activit") && tokens[k - 1].lower == "contracting"
        })?;
        let is = |k: usize| {
            tokens
                .get(k)
                .is_some_and(|t| matches!(t.lower.as_ref(), "is" | "are" | "was" | "were"))
        };
        let organisation = |m: &&crate::extract::coreference::Mention| {
            self.is_a(document, m.entity, "Organization")
        };
        let body = if activity == 2 && tokens[0].lower == "the" && is(3) {
            s.mention_starting(4).filter(organisation)?
        } else if activity >= 3 && tokens[activity - 2].lower == "the" && is(activity - 3) {
            s.mentions
                .first()
                .filter(|m| m.start <= 1 && m.end < activity)
                .filter(organisation)?
        } else {
            return None;
        };
        Some(body.entity)
    }

    /// The contracting activity awards each contract its paragraph announced.
    pub fn contract_awards(&self, activity: usize, awards: &[Award]) -> Vec<(usize, Candidate)> {
        let mut out = Vec::new();
        for award in awards.iter().filter(|a| a.company != activity) {
            let qualifiers = award
                .sum
                .clone()
                .map(|(amount, currency)| sum_qualifiers(amount, currency))
                .unwrap_or_default();
            let fact = Candidate {
                subject: activity,
                predicate: "awardsContractTo".to_owned(),
                object: Target::Entity(award.company),
                rule: "contracts:contracting-activity".to_owned(),
                confidence: 0.75,
                qualifiers,
                around: award.around,
            };
            out.push((award.sentence, fact));
        }
        out
    }
}
