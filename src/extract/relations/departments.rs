//! "Treasury Secretary John Snow", "the Secretary of Energy", "Navy Secretary Ray Mabus": a
//! secretary or minister of a portfolio heads the department or ministry named for it, when
//! the article names that body.

use super::{Candidate, Reader};
use crate::extract::coreference::Document;

/// Titles whose holder heads the body named for their portfolio.
const PORTFOLIO_HEADS: [&str; 2] = ["secretary", "minister"];

impl Reader<'_> {
    /// For each office held whose name gives a portfolio, the holder leads the department the
    /// article names for it.
    pub fn departments_led(
        &self,
        facts: &[(usize, Candidate)],
        document: &Document<'_>,
    ) -> Vec<(usize, Candidate)> {
        let mut out: Vec<(usize, Candidate)> = Vec::new();
        for (index, held) in facts {
            if held.predicate != "holdsPosition" {
                continue;
            }
            let Some(department) = held
                .object
                .entity()
                .and_then(|position| self.portfolio(&document.entities[position].name))
                .and_then(|portfolio| self.department_named(&portfolio, document))
            else {
                continue;
            };
            let known = facts.iter().chain(&out).any(|(_, f)| {
                f.subject == held.subject
                    && f.predicate == "leads"
                    && f.object.entity() == Some(department)
            });
            if !known && department != held.subject {
                let lead = self.fact(
                    held.subject,
                    "leads",
                    department,
                    "title:leadsDepartment",
                    0.7,
                    held.around,
                );
                out.push((*index, lead));
            }
            // "Secretary of Commerce" is an office of the Department of Commerce, when nothing
            // but a country ("U.S. Secretary of Commerce") says whose office it is.
            let position = held.object.entity();
            let placed = facts.iter().chain(&out).any(|(_, f)| {
                f.predicate == "positionIn"
                    && Some(f.subject) == position
                    && f.object
                        .entity()
                        .is_none_or(|body| !self.is_a(document, body, "Country"))
            });
            if let (Some(position), false) = (position, placed) {
                let office = self.fact(
                    position,
                    "positionIn",
                    department,
                    "title:positionInDepartment",
                    0.7,
                    held.around,
                );
                out.push((*index, office));
            }
        }
        out
    }

    /// "Energy" for "Secretary of Energy of the United States", "Treasury" for "U.S. Treasury
    /// Secretary", "Navy" for "Secretary of the Navy". None for a deputy's or an assistant's
    /// office ("Deputy Secretary of Defense"), whose holder does not head the department.
    fn portfolio(&self, office: &str) -> Option<String> {
        let office = self.rules.office_without_country(office).unwrap_or(office);
        let words: Vec<&str> = office.split(' ').collect();
        let head = words
            .iter()
            .position(|w| PORTFOLIO_HEADS.contains(&w.to_lowercase().as_str()))?;
        // The country the office is of, written before it: "U.S.", "United States".
        let country = (1..=head.min(3))
            .rev()
            .find(|&n| self.rules.countries.contains_key(&words[..n].join(" ")))
            .unwrap_or(0);
        let before: Vec<&str> = words[country..head]
            .iter()
            .copied()
            .filter(|w| *w != "Acting")
            .collect();
        let portfolio: Vec<&str> = match words.get(head + 1) {
            Some(&"of") if before.is_empty() => words[head + 2..]
                .iter()
                .copied()
                .skip_while(|w| *w == "the")
                .collect(),
            None => before,
            _ => return None,
        };
        let named = !portfolio.is_empty()
            && portfolio
                .iter()
                .all(|w| w.starts_with(char::is_uppercase) || matches!(*w, "and" | "of" | "&"));
        named.then(|| portfolio.join(" "))
    }

    /// The body the article names for a portfolio: "Department of Energy", "Department of the
    /// Treasury", "Energy Department", "Ministry of Defence", or the service itself ("U.S.
    /// Navy").
    fn department_named(&self, portfolio: &str, document: &Document<'_>) -> Option<usize> {
        let bodies = [
            format!("Department of {portfolio}"),
            format!("Department of the {portfolio}"),
            format!("{portfolio} Department"),
            format!("Ministry of {portfolio}"),
            format!("Ministry of the {portfolio}"),
            format!("{portfolio} Ministry"),
            portfolio.to_owned(),
        ];
        let countries = ["", "U.S. ", "US ", "United States "];
        bodies
            .iter()
            .flat_map(|body| countries.iter().map(move |c| format!("{c}{body}")))
            .filter_map(|name| document.named(&name))
            .find(|&body| self.is_body(document, body))
    }
}
