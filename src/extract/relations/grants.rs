//! Lists of grants: "Dallas-Fort Worth International Airport – $24 million to construct a
//! taxiway", "University of Chicago: $384,999", "$1 million to Dothan-Houston County Airport
//! Authority, Inc., of Dothan, Alabama, to make …": each item a sum the body that announced
//! the grants puts into its recipient (`investsIn`, as the annotation guide has grants).

use super::{Candidate, Reader, Sentence, Target, money, sum_qualifiers};
use crate::extract::coreference::Document;
use crate::extract::tokens::Kind;

/// A list item is short: a row of a table or a bullet.
const ITEM_TOKENS: usize = 60;

/// One item of a list of grants: its recipients, the sum if the item gives one, and where it
/// is stated.
pub struct GrantItem {
    recipients: Vec<usize>,
    sum: Option<(serde_json::Number, &'static str)>,
    around: (usize, usize),
    sentence: usize,
}

impl Reader<'_> {
    /// "the U.S. Department of Transportation will award $520.5 million in airport
    /// infrastructure grants", "a $7.1 million Economic Development Administration (EDA) grant
    /// to …": the public body a sentence about grants names first.
    pub fn grant_funder(&self, s: &Sentence<'_>, document: &Document<'_>) -> Option<usize> {
        // "The CDC has awarded $6.8 million to national public health partners": a sum
        // awarded with no contract is a grant too.
        let sum_awarded = || {
            s.tokens.iter().any(|t| t.text.starts_with('$'))
                && !s.tokens.iter().any(|t| t.lower.starts_with("contract"))
        };
        let grant = s.tokens.iter().position(|t| {
            matches!(t.lower.as_ref(), "grant" | "grants" | "funding")
                || matches!(t.lower.as_ref(), "award" | "awards" | "awarded") && sum_awarded()
        })?;
        // "Commerce Secretary Gary Locke announced a $7.1 million Economic Development
        // Administration grant": the body named nearest before the word, else the first after.
        // A body no word typed further ("Centers for Disease Control and Prevention") may be
        // a public one; a company gives no grants.
        let bodies = || {
            s.mentions.iter().filter(|m| {
                self.is_a(document, m.entity, "GovernmentBody")
                    || document.class(m.entity) == Some("Organization")
            })
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
                .filter(|m| self.is_recipient(document, m.entity))
                .map(|m| (m.entity, m.end))
        };
        if let Some(item) = self.recipient_receives(s, document, sentence) {
            return Some(item);
        }
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
            sum: Some((amount, currency)),
            around: s.span(0, end.max(1)),
            sentence,
        })
    }

    fn is_recipient(&self, document: &Document<'_>, entity: usize) -> bool {
        ["Organization", "Facility", "Place"]
            .iter()
            .any(|class| self.is_a(document, entity, class))
    }

    /// "The Southeastern Coastal Ocean Observing Regional Association will receive $500,000
    /// in grant funding", "the Rural Community Assistance Corporation will use a $152,492
    /// grant": the sentence's subject receives the sum.
    fn recipient_receives(
        &self,
        s: &Sentence<'_>,
        document: &Document<'_>,
        sentence: usize,
    ) -> Option<GrantItem> {
        let tokens = &s.tokens;
        let verb = tokens.iter().position(|t| {
            matches!(
                t.lower.as_ref(),
                "receive" | "receives" | "received" | "use" | "uses"
            )
        })?;
        let subject = s
            .mentions
            .iter()
            .rfind(|m| m.end <= verb)
            .filter(|m| self.is_recipient(document, m.entity))?;
        // Only the verb's own auxiliaries stand between the subject and the verb.
        let auxiliaries_only = (subject.end..verb)
            .all(|k| matches!(tokens[k].lower.as_ref(), "will" | "would" | "is" | "to"));
        let first_words = tokens[..subject.start]
            .iter()
            .all(|t| t.kind != Kind::Word || !t.is_capitalised() || t.lower == "the");
        let sum_at =
            (verb + 1..tokens.len().min(verb + 5)).find(|&k| tokens[k].text.starts_with('$'))?;
        let grant_words = tokens[sum_at..]
            .iter()
            .take(8)
            .any(|t| matches!(t.lower.as_ref(), "grant" | "funding" | "award" | "funds"))
            || tokens[verb + 1..sum_at]
                .iter()
                .any(|t| matches!(t.lower.as_ref(), "award" | "grant"));
        if !auxiliaries_only || !first_words || !grant_words {
            return None;
        }
        Some(GrantItem {
            recipients: vec![subject.entity],
            sum: money(&tokens[sum_at..]),
            around: s.span(subject.start, sum_at + 2),
            sentence,
        })
    }

    /// "The following public health organizations received funding:" opens a list whose
    /// lines each name a recipient and nothing more.
    pub fn opens_recipient_list(&self, s: &Sentence<'_>) -> bool {
        let tokens = &s.tokens;
        tokens.last().is_some_and(|t| t.text == ":")
            && tokens.iter().any(|t| t.lower == "following")
            && tokens.iter().any(|t| {
                matches!(
                    t.lower.as_ref(),
                    "funding" | "grants" | "awards" | "recipients" | "funds"
                )
            })
    }

    /// A line of a recipients' list: one name, which ends the line, in capitalised words
    /// ("March of Dimes Foundation", whose month opens no name).
    pub fn listed_recipient(
        &self,
        s: &Sentence<'_>,
        document: &Document<'_>,
        sentence: usize,
    ) -> Option<GrantItem> {
        let [only] = s.mentions.as_slice() else {
            return None;
        };
        let name_line = s.tokens[..only.start]
            .iter()
            .all(|t| t.is_capitalised() || matches!(t.lower.as_ref(), "of" | "and" | "for"))
            && s.tokens[only.end..].iter().all(|t| t.kind == Kind::Punct);
        (name_line && self.is_recipient(document, only.entity)).then(|| GrantItem {
            recipients: vec![only.entity],
            sum: None,
            around: s.span(0, only.end),
            sentence,
        })
    }

    /// Whether a list's line may still be one of its items: short, and not a sentence.
    pub fn may_be_listed(s: &Sentence<'_>) -> bool {
        s.tokens.len() <= ITEM_TOKENS && s.tokens.last().is_none_or(|t| t.text != ".")
    }

    /// The funder invests each item's sum in its recipients.
    pub fn grants(&self, funder: usize, items: &[GrantItem]) -> Vec<(usize, Candidate)> {
        let mut out = Vec::new();
        for item in items {
            for &recipient in item.recipients.iter().filter(|&&r| r != funder) {
                let qualifiers = item
                    .sum
                    .clone()
                    .map(|(amount, currency)| sum_qualifiers(amount, currency))
                    .unwrap_or_default();
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
