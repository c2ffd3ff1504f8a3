//! Lists of grants: "Dallas-Fort Worth International Airport – $24 million to construct a
//! taxiway", "University of Chicago: $384,999", "$1 million to Dothan-Houston County Airport
//! Authority, Inc., of Dothan, Alabama, to make …": each item a sum the body that announced
//! the grants puts into its recipient (`investsIn`, as the annotation guide has grants).

use super::{Candidate, Reader, Sentence, Target, money, sum_qualifiers};
use crate::extract::coreference::Document;
use crate::extract::tokens::Kind;

/// A list item is short: a row of a table or a bullet.
const ITEM_TOKENS: usize = 60;

/// One item of a list of grants: its recipients, the sum, and where it is stated.
pub struct GrantItem {
    recipients: Vec<usize>,
    amount: serde_json::Number,
    currency: &'static str,
    around: (usize, usize),
    sentence: usize,
}

impl Reader<'_> {
    /// "the U.S. Department of Transportation will award $520.5 million in airport
    /// infrastructure grants", "a $7.1 million Economic Development Administration (EDA) grant
    /// to …": the public body a sentence about grants names first.
    pub fn grant_funder(&self, s: &Sentence<'_>, document: &Document<'_>) -> Option<usize> {
        let grant = s
            .tokens
            .iter()
            .position(|t| matches!(t.lower.as_ref(), "grant" | "grants"))?;
        // "Commerce Secretary Gary Locke announced a $7.1 million Economic Development
        // Administration grant": the body named nearest before the word, else the first after.
        let bodies = || {
            s.mentions
                .iter()
                .filter(|m| self.is_a(document, m.entity, "GovernmentBody"))
        };
        bodies()
            .rfind(|m| m.end <= grant)
            .or_else(|| bodies().find(|m| m.start > grant))
            .map(|m| m.entity)
    }

    /// A list item that gives a recipient a sum: "Recipient – $X to …", "Recipient: $X", or
    /// "$X to [the city of] Recipient, …".
    pub fn grant_item(
        &self,
        s: &Sentence<'_>,
        document: &Document<'_>,
        sentence: usize,
    ) -> Option<GrantItem> {
        let tokens = &s.tokens;
        if tokens.is_empty() || tokens.len() > ITEM_TOKENS {
            return None;
        }
        let recipient_at = |k: usize| {
            s.mention_starting(k)
                .filter(|m| {
                    ["Organization", "Facility", "Place"]
                        .iter()
                        .any(|class| self.is_a(document, m.entity, class))
                })
                .map(|m| (m.entity, m.end))
        };
        let (recipient, amount, currency, end) = if tokens[0].text.starts_with('$') {
            // "$1 million to the city of Delano, California, …"
            let to = (1..tokens.len().min(5)).find(|&k| tokens[k].lower == "to")?;
            let mut k = to + 1;
            while tokens.get(k).is_some_and(|t| {
                matches!(t.lower.as_ref(), "the" | "city" | "town" | "county" | "of")
            }) {
                k += 1;
            }
            let (recipient, end) = recipient_at(k)?;
            let (amount, currency) = money(&tokens[..to])?;
            (recipient, amount, currency, end)
        } else {
            // "Reno-Tahoe International Airport – $31.7 million …", "Northwestern University:
            // $490,568"
            let start = usize::from(tokens[0].is_upper() && tokens[0].text.len() == 2);
            let (recipient, end) = recipient_at(start)?;
            let separator = tokens
                .get(end)
                .is_some_and(|t| matches!(t.text, ":" | "–" | "—" | "-"));
            let sum_follows = tokens.get(end + 1).is_some_and(|t| t.text.starts_with('$'))
                && tokens.get(end + 2).is_some_and(|t| t.kind == Kind::Number);
            if !separator || !sum_follows {
                return None;
            }
            let (amount, currency) = money(&tokens[end + 1..])?;
            (recipient, amount, currency, end)
        };
        Some(GrantItem {
            recipients: vec![recipient],
            amount,
            currency,
            around: s.span(0, end.max(1)),
            sentence,
        })
    }

    /// The funder invests each item's sum in its recipients.
    pub fn grants(&self, funder: usize, items: &[GrantItem]) -> Vec<(usize, Candidate)> {
        let mut out = Vec::new();
        for item in items {
            for &recipient in item.recipients.iter().filter(|&&r| r != funder) {
                let qualifiers = sum_qualifiers(item.amount.clone(), item.currency);
                let fact = Candidate {
                    subject: funder,
                    predicate: "investsIn".to_owned(),
                    object: Target::Entity(recipient),
                    rule: "grants:list-item".to_owned(),
                    confidence: 0.6,
                    qualifiers,
                    around: item.around,
                };
                out.push((item.sentence, fact));
            }
        }
        out
    }
}
