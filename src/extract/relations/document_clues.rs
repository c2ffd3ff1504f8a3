//! Rules that need the whole document: judges preside over the case the article is about, an
//! appellate opinion's outcome goes against the side that appealed, counsel appear for a
//! party, a list of grants comes from the body that announced it, a contract from the
//! contracting activity named after it, and the agencies of an
//! investigation investigated the document's defendants. Each sentence adds its clues; the
//! facts come once the last sentence is read.

use super::appeals::{Counsel, Decision, Side};
use super::contracts::Award;
use super::grants::GrantItem;
use super::investigations::Investigation;
use super::{Candidate, Reader, Sentence};
use crate::extract::coreference::Document;

/// The headline and the first sentences: a case named there is what the article is about.
const OPENING_SENTENCES: usize = 3;

/// What the document-level rules have gathered so far, sentence by sentence.
#[derive(Default)]
pub struct DocumentClues {
    /// Judges named (sentence, judge, where in the sentence).
    judges: Vec<(usize, usize, (usize, usize))>,
    /// Cases named, each once, with the sentence first naming it.
    cases: Vec<(usize, usize)>,
    decision: Option<Decision>,
    /// The case its caption names with the parties' roles, and the side they say appeals.
    captioned_case: Option<usize>,
    captioned_side: Option<Side>,
    /// The case the first line names, as an opinion's title line does.
    title_case: Option<usize>,
    /// Parties the text says appeal.
    appellants: Vec<usize>,
    counsel: Vec<Counsel>,
    /// The body that announced a list of grants, and the list's items.
    funder: Option<usize>,
    grant_items: Vec<GrantItem>,
    /// A sentence opened a list of recipients, one to a line, and no line since has ended
    /// as a sentence does.
    listing_recipients: bool,
    investigations: Vec<Investigation>,
    /// Contracts announced since the last contracting activity was named.
    awards: Vec<Award>,
    /// Each contract's award by the contracting activity named after it.
    contract_awards: Vec<(usize, Candidate)>,
    /// Those the document charges, convicts, sentences or arrests.
    accused: Vec<usize>,
    /// The text speaks of a crime's trial: a conviction, a sentence, an indictment.
    criminal: bool,
}

impl DocumentClues {
    /// Reads one sentence's clues; facts the sentence states by itself (a panel's judges, a
    /// caption's parties, a counsel line's lawyers) go to `found`.
    pub fn read(
        &mut self,
        reader: &Reader<'_>,
        s: &Sentence<'_>,
        index: usize,
        document: &mut Document<'_>,
        found: &mut Vec<Candidate>,
    ) {
        for (judge, around) in reader.panel(s, document, found) {
            self.judges.push((index, judge, around));
        }
        let named_cases = reader.cases_named(s);
        if index == 0 {
            self.title_case = named_cases.first().copied();
        }
        // The first caption sets out the case of the title line.
        let title_case = self.title_case.filter(|_| self.captioned_case.is_none());
        let captioned = reader.caption(s, title_case, document, found);
        if let Some((case, side)) = captioned {
            self.captioned_side = self.captioned_side.or(side);
            self.captioned_case = self.captioned_case.or(Some(case));
        }
        if self.decision.is_none() {
            self.decision = reader.decision(s, index);
        }
        self.appellants.extend(reader.appellants_named(s));
        self.counsel
            .extend(reader.counsel(s, document, index, found));
        self.funder = self.funder.or_else(|| reader.grant_funder(s, document));
        self.grant_items
            .extend(reader.grant_item(s, document, index));
        let listed = self
            .listing_recipients
            .then(|| reader.listed_recipient(s, document, index))
            .flatten();
        self.listing_recipients =
            self.listing_recipients && Reader::may_be_listed(s) || reader.opens_recipient_list(s);
        self.grant_items.extend(listed);
        let investigation = reader.investigation(s, document, index);
        found.extend(reader.findings(s, document, investigation.as_ref()));
        self.investigations.extend(investigation);
        self.accused.extend(reader.accused(s, document));
        self.criminal = self.criminal
            || s.tokens.iter().any(|t| {
                matches!(
                    t.lower.as_ref(),
                    "convicted"
                        | "conviction"
                        | "sentenced"
                        | "sentencing"
                        | "indicted"
                        | "indictment"
                )
            });
        self.awards.extend(reader.awarded(s, document, index));
        if let Some(activity) = reader.contracting_activity(s, document) {
            let awards = std::mem::take(&mut self.awards);
            self.contract_awards
                .extend(reader.contract_awards(activity, &awards));
        }
        let captioned = captioned.map(|(case, _)| case);
        for case in named_cases.into_iter().chain(captioned) {
            if !self.cases.iter().any(|&(_, known)| known == case) {
                self.cases.push((index, case));
            }
        }
        for (judge, around) in reader.judges_named(s) {
            self.judges.push((index, judge, around));
        }
    }

    /// The facts that needed the whole document, added to `facts`.
    pub fn conclude(
        self,
        reader: &Reader<'_>,
        facts: &mut Vec<(usize, Candidate)>,
        document: &Document<'_>,
    ) {
        // The case its caption names with the parties' roles, else the case of the opening
        // lines, or the only one named.
        let case = self.captioned_case.or_else(|| {
            self.cases
                .iter()
                .find(|&&(index, _)| index < OPENING_SENTENCES)
                .or_else(|| (self.cases.len() == 1).then(|| &self.cases[0]))
                .map(|&(_, case)| case)
        });
        if let Some(case) = case {
            for (index, judge, around) in self.judges {
                facts.push((index, reader.presides(judge, case, around)));
            }
            let appealed =
                reader.appealed_side(case, self.captioned_side, &self.appellants, facts, document);
            if let (Some(decision), Some(appealed)) = (&self.decision, appealed) {
                let rulings = reader.appeal_rulings(case, decision, appealed, facts, document);
                facts.extend(rulings);
            }
            for line in &self.counsel {
                let appearances = reader.counsel_for(line, case, appealed, facts);
                facts.extend(appearances);
            }
        }
        facts.extend(self.contract_awards);
        let suits = reader.suits(facts, document, self.criminal);
        facts.extend(suits);
        if let Some(funder) = self.funder {
            facts.extend(reader.grants(funder, &self.grant_items));
        }
        let investigated =
            reader.investigated(&self.investigations, &self.accused, facts, document);
        facts.extend(investigated);
        let led = reader.departments_led(facts, document);
        facts.extend(led);
    }
}
