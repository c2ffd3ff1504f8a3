//! Checks what a fact sheet's names mean against the ontology. Every problem of a sheet is
//! reported, each with the JSON pointer of the value at fault.

use std::collections::{HashMap, HashSet};

use oxigraph::model::NamedNode;

use super::{Datatype, Ontology, PropertyKind, Range};
use crate::diagnostic::{Severity, quoted};
use crate::model::{FactObject, FactSheet, SheetDate, is_valid_date};
use crate::text::{closest, did_you_mean, suggestion};

/// A problem in a sheet, placed by JSON pointer; the caller turns it into a positioned message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub severity: Severity,
    pub pointer: String,
    pub message: String,
    pub help: Option<String>,
}

/// Checks a parsed sheet. With `lenient`, a subject or object whose class does not fit the
/// predicate's domain or range is a warning instead of an error.
pub fn validate(sheet: &FactSheet, ontology: &Ontology, lenient: bool) -> Vec<Finding> {
    let mut check = Checker {
        ontology,
        lenient,
        findings: Vec::new(),
    };
    check.article(sheet);
    check.texts(sheet);
    let classes = check.entities(sheet);
    let declared: HashSet<&str> = sheet.entities.iter().map(|e| e.id.as_str()).collect();
    for (index, fact) in sheet.facts.iter().enumerate() {
        check.fact(
            index,
            fact,
            &Declared {
                classes: &classes,
                ids: &declared,
            },
        );
    }
    check.findings
}

/// The ids a sheet declares, and the class of each whose class is valid.
struct Declared<'s, 'm> {
    classes: &'m HashMap<&'s str, &'s str>,
    ids: &'m HashSet<&'s str>,
}

struct Checker<'a> {
    ontology: &'a Ontology,
    lenient: bool,
    findings: Vec<Finding>,
}

/// How far the action of a statement had got (the `status` qualifier).
pub const STATUSES: [&str; 5] = ["announced", "agreed", "completed", "blocked", "abandoned"];

/// Longest name (entity name, alias, title, publisher), in characters: a name is a few words,
/// and every name is compared with others when names are looked up.
pub const MAX_NAME_CHARS: usize = 1_000;
/// Longest other text (evidence, text values), in characters.
pub const MAX_TEXT_CHARS: usize = 100_000;

/// How long a string field may be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TextKind {
    Name,
    Text,
}

/// The first character that RDF/XML (XML 1.0) cannot carry: a control character other than
/// tab, line feed and carriage return, or one of the non-characters U+FFFE and U+FFFF.
fn forbidden_character(value: &str) -> Option<char> {
    value.chars().find(|&c| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{FFFE}' | '\u{FFFF}')
    })
}

impl Checker<'_> {
    /// Length and characters of every string a sheet stores.
    fn texts(&mut self, sheet: &FactSheet) {
        let mut fields: Vec<(String, &str, TextKind)> = vec![(
            "/article/title".into(),
            sheet.article.title.as_str(),
            TextKind::Name,
        )];
        if let Some(publisher) = &sheet.article.publisher {
            fields.push(("/article/publisher".into(), publisher, TextKind::Name));
        }
        for (index, entity) in sheet.entities.iter().enumerate() {
            fields.push((
                format!("/entities/{index}/name"),
                &entity.name,
                TextKind::Name,
            ));
            for (alias_index, alias) in entity.aliases.iter().enumerate() {
                fields.push((
                    format!("/entities/{index}/aliases/{alias_index}"),
                    alias,
                    TextKind::Name,
                ));
            }
        }
        for (index, fact) in sheet.facts.iter().enumerate() {
            if let Some(evidence) = &fact.evidence {
                fields.push((format!("/facts/{index}/evidence"), evidence, TextKind::Text));
            }
            if let Some(extractor) = &fact.extractor {
                fields.push((
                    format!("/facts/{index}/extractor"),
                    extractor,
                    TextKind::Name,
                ));
            }
            if let FactObject::Text(value) = &fact.object {
                fields.push((format!("/facts/{index}/object/text"), value, TextKind::Text));
            }
            for (key, value) in &fact.qualifiers {
                if let FactObject::Text(value) | FactObject::Id(value) = value {
                    fields.push((
                        format!("/facts/{index}/qualifiers/{}", escape_pointer(key)),
                        value,
                        TextKind::Text,
                    ));
                }
            }
        }
        for (pointer, value, kind) in fields {
            let limit = match kind {
                TextKind::Name => MAX_NAME_CHARS,
                TextKind::Text => MAX_TEXT_CHARS,
            };
            // Counting stops past the limit: a 50 MB name costs no more than a long one.
            let length = value.chars().take(limit + 1).count();
            if length > limit {
                self.error(
                    pointer.clone(),
                    format!("the text is longer than {limit} characters"),
                    Some(match kind {
                        TextKind::Name => {
                            "a name is a few words; put longer text in a fact's evidence".into()
                        }
                        TextKind::Text => {
                            "quote the sentence that states the fact, not the whole article".into()
                        }
                    }),
                );
            }
            if let Some(found) = forbidden_character(value) {
                self.error(
                    pointer,
                    format!(
                        "the text holds the character U+{:04X}, which RDF/XML cannot carry",
                        u32::from(found)
                    ),
                    Some("remove it: text may hold tabs and line breaks, but no other control characters".into()),
                );
            }
        }
    }

    fn error(&mut self, pointer: String, message: String, help: Option<String>) {
        self.findings.push(Finding {
            severity: Severity::Error,
            pointer,
            message,
            help,
        });
    }

    fn article(&mut self, sheet: &FactSheet) {
        let article = &sheet.article;
        if !is_article_id(&article.id) {
            self.error(
                "/article/id".into(),
                format!("invalid article id {}", quoted(&article.id)),
                Some("use letters, digits and `.`, `_`, `~`, `-` (at most 200), starting with a letter or digit, e.g. `reuters-2021-01-06-alipay-ban`".into()),
            );
        }
        if article.title.trim().is_empty() {
            self.error(
                "/article/title".into(),
                "the article title is empty".into(),
                None,
            );
        }
        if let Some(SheetDate::Invalid(published)) = &article.published {
            self.error(
                "/article/published".into(),
                bad_date_message(published),
                Some(DATE_HELP.into()),
            );
        }
        if let Some(url) = &article.url {
            if NamedNode::new(url).is_err() {
                self.error(
                    "/article/url".into(),
                    format!("invalid URL {}", quoted(url)),
                    Some("give an absolute URL such as `https://example.com/news/1`".into()),
                );
            }
        }
        if let Some(language) = &article.language {
            if !is_language_tag(language) {
                self.error(
                    "/article/language".into(),
                    format!("invalid language tag {}", quoted(language)),
                    Some("use a BCP 47 tag such as `en` or `zh-Hans`".into()),
                );
            }
        }
    }

    /// Checks the entity list and returns each valid id's class.
    fn entities<'s>(&mut self, sheet: &'s FactSheet) -> HashMap<&'s str, &'s str> {
        let mut classes = HashMap::new();
        let mut first_seen: HashMap<&str, usize> = HashMap::new();
        for (index, entity) in sheet.entities.iter().enumerate() {
            let at = format!("/entities/{index}");
            if !is_entity_id(&entity.id) {
                self.error(
                    format!("{at}/id"),
                    format!("invalid entity id {}", quoted(&entity.id)),
                    Some(
                        "use letters, digits, `_`, `.` and `-`, starting with a letter or digit"
                            .into(),
                    ),
                );
            }
            if let Some(first) = first_seen.insert(&entity.id, index) {
                first_seen.insert(&entity.id, first);
                self.error(
                    format!("{at}/id"),
                    format!("duplicate entity id {}", quoted(&entity.id)),
                    Some(format!(
                        "the id is first declared at /entities/{first}; give each entity its own id"
                    )),
                );
            }
            if entity.name.trim().is_empty() {
                self.error(
                    format!("{at}/name"),
                    "the entity name is empty".into(),
                    None,
                );
            }
            for (alias_index, alias) in entity.aliases.iter().enumerate() {
                if alias.trim().is_empty() {
                    self.error(
                        format!("{at}/aliases/{alias_index}"),
                        "an alias is empty".into(),
                        None,
                    );
                }
            }
            for (link_index, link) in entity.same_as.iter().enumerate() {
                if expand_same_as(link).is_none() {
                    self.error(
                        format!("{at}/sameAs/{link_index}"),
                        format!("invalid sameAs link {}", quoted(link)),
                        Some("write `wikidata:Q…` or an absolute IRI such as `http://www.wikidata.org/entity/Q22686`".into()),
                    );
                }
            }
            match self.ontology.class(&entity.class) {
                Some(class) if !class.is_abstract => {
                    classes.insert(entity.id.as_str(), entity.class.as_str());
                }
                Some(_) => self.error(
                    format!("{at}/type"),
                    format!(
                        "the class {} is abstract and cannot be an entity's type",
                        quoted(&entity.class)
                    ),
                    Some(format!(
                        "use one of its sub-classes: {}",
                        self.subclasses(&entity.class)
                    )),
                ),
                None => {
                    let names: Vec<&str> = self
                        .ontology
                        .classes()
                        .filter(|c| !c.is_abstract)
                        .map(|c| c.name.as_str())
                        .collect();
                    let help = suggestion(&entity.class, &names, "classes");
                    self.error(
                        format!("{at}/type"),
                        format!("unknown class {}", quoted(&entity.class)),
                        Some(help),
                    );
                }
            }
        }
        classes
    }

    fn subclasses(&self, class: &str) -> String {
        self.ontology
            .classes()
            .filter(|c| {
                !c.is_abstract && c.name != class && self.ontology.is_subclass_of(&c.name, class)
            })
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn fact(&mut self, index: usize, fact: &crate::model::Fact, declared: &Declared<'_, '_>) {
        let at = format!("/facts/{index}");
        let subject_class =
            self.entity_reference(&format!("{at}/subject"), &fact.subject, declared);
        if let Some(confidence) = fact.confidence {
            if !(0.0..=1.0).contains(&confidence) {
                self.error(
                    format!("{at}/confidence"),
                    format!("confidence {confidence} is outside 0..1"),
                    Some("give a number from 0 (a guess) to 1 (certain)".into()),
                );
            }
        }
        if let Some([start, end]) = fact.span {
            if start > end {
                self.error(
                    format!("{at}/span"),
                    format!("the span [{start}, {end}] ends before it starts"),
                    Some("give [start, end) character offsets with start <= end".into()),
                );
            }
        }
        for (key, value) in &fact.qualifiers {
            self.qualifier(
                &format!("{at}/qualifiers/{}", escape_pointer(key)),
                key,
                value,
                declared,
            );
        }
        let Some(property) = self.ontology.property(&fact.predicate) else {
            let names: Vec<&str> = self
                .ontology
                .fact_predicates()
                .map(|p| p.name.as_str())
                .collect();
            let help = suggestion(&fact.predicate, &names, "predicates");
            self.error(
                format!("{at}/predicate"),
                format!("unknown predicate {}", quoted(&fact.predicate)),
                Some(help),
            );
            return;
        };
        match property.kind {
            PropertyKind::Relation => {
                let Range::Classes(range) = &property.range else {
                    return;
                };
                let FactObject::Id(object) = &fact.object else {
                    self.error(
                        format!("{at}/object"),
                        format!(
                            "`{}` links two entities, but the object is {}",
                            property.name,
                            fact.object.kind()
                        ),
                        Some("give the id of an entity declared in `entities`".into()),
                    );
                    return;
                };
                let object_class = self.entity_reference(&format!("{at}/object"), object, declared);
                if let Some(class) = subject_class {
                    self.fits(
                        &format!("{at}/subject"),
                        &fact.subject,
                        class,
                        &property.name,
                        "subject",
                        &property.domain,
                    );
                }
                if let Some(class) = object_class {
                    self.fits(
                        &format!("{at}/object"),
                        object,
                        class,
                        &property.name,
                        "object",
                        range,
                    );
                }
            }
            PropertyKind::Value => {
                let Range::Datatype(datatype) = property.range else {
                    return;
                };
                if let Some(class) = subject_class {
                    self.fits(
                        &format!("{at}/subject"),
                        &fact.subject,
                        class,
                        &property.name,
                        "subject",
                        &property.domain,
                    );
                }
                self.literal(
                    &format!("{at}/object"),
                    &property.name,
                    datatype,
                    &fact.object,
                    false,
                );
            }
            PropertyKind::Qualifier | PropertyKind::Provenance => {
                let help = if property.kind == PropertyKind::Qualifier {
                    format!(
                        "put it in the fact's `qualifiers`: \"qualifiers\": {{\"{}\": …}}",
                        property.name
                    )
                } else {
                    "it is recorded from the fact's own fields (evidence, span, confidence, extractor)".into()
                };
                self.error(
                    format!("{at}/predicate"),
                    format!(
                        "`{}` describes a fact, it cannot be a fact's predicate",
                        property.name
                    ),
                    Some(help),
                );
            }
        }
    }

    fn entity_reference<'s>(
        &mut self,
        pointer: &str,
        id: &str,
        declared: &Declared<'s, '_>,
    ) -> Option<&'s str> {
        if let Some(class) = declared.classes.get(id) {
            return Some(class);
        }
        if declared.ids.contains(id) {
            // Declared with a bad class: that is reported at the declaration.
            return None;
        }
        let mut ids: Vec<&str> = declared.ids.iter().copied().collect();
        ids.sort_unstable();
        let help = match closest(id, ids.iter().copied()) {
            Some(near) => format!(
                "{} declared ids are: {}",
                did_you_mean(&[format!("`{near}`")]),
                ids.join(", ")
            ),
            None if ids.is_empty() => "declare the entity in `entities` first".into(),
            None => format!("declared ids are: {}", ids.join(", ")),
        };
        self.error(
            pointer.into(),
            format!("unknown entity id {}", quoted(id)),
            Some(help),
        );
        None
    }

    fn fits(
        &mut self,
        pointer: &str,
        id: &str,
        class: &str,
        predicate: &str,
        role: &str,
        allowed: &[String],
    ) {
        if self.ontology.fits(class, allowed) {
            return;
        }
        let slot = if role == "subject" { "domain" } else { "range" };
        self.findings.push(Finding {
            severity: if self.lenient { Severity::Warning } else { Severity::Error },
            pointer: pointer.into(),
            message: format!(
                "{} ({class}) cannot be the {role} of `{predicate}`, whose {slot} is {}",
                quoted(id),
                allowed.join(" or ")
            ),
            help: (!self.lenient).then(|| {
                "change the entity's type or the predicate; `--lenient` accepts it with a warning".into()
            }),
        });
    }

    fn qualifier(
        &mut self,
        pointer: &str,
        key: &str,
        value: &FactObject,
        declared: &Declared<'_, '_>,
    ) {
        match self.ontology.property(key) {
            Some(property) if property.kind == PropertyKind::Qualifier => match &property.range {
                Range::Datatype(datatype) => {
                    self.literal(pointer, key, *datatype, value, true);
                    self.qualifier_value(pointer, key, value);
                }
                Range::Classes(allowed) => match value {
                    FactObject::Id(id) => {
                        let class = self.entity_reference(pointer, id, declared);
                        if let Some(class) = class {
                            if !self.ontology.fits(class, allowed) {
                                self.error(
                                    pointer.into(),
                                    format!(
                                        "`{key}` takes {}, and {} is of class {class}",
                                        allowed.join(" or "),
                                        quoted(id),
                                    ),
                                    Some(format!(
                                        "give the id of a {} entity",
                                        allowed.join(" or ")
                                    )),
                                );
                            }
                        }
                    }
                    other => self.error(
                        pointer.into(),
                        format!("`{key}` takes an entity id, not {}", other.kind()),
                        Some("give the id of an entity of this sheet, such as `\"kyiv\"`".into()),
                    ),
                },
            },
            _ => {
                let names: Vec<&str> = self
                    .ontology
                    .properties()
                    .filter(|p| p.kind == PropertyKind::Qualifier)
                    .map(|p| p.name.as_str())
                    .collect();
                let help = suggestion(key, &names, "qualifiers");
                self.error(
                    pointer.into(),
                    format!("unknown qualifier {}", quoted(key)),
                    Some(help),
                );
            }
        }
    }

    /// What the words of a qualifier's value must be, beyond its datatype.
    fn qualifier_value(&mut self, pointer: &str, key: &str, value: &FactObject) {
        let (FactObject::Id(text) | FactObject::Text(text)) = value else {
            return;
        };
        let problem = match key {
            "status" if !STATUSES.contains(&text.as_str()) => Some((
                format!("unknown status {}", quoted(text)),
                format!("use one of {}", STATUSES.join(", ")),
            )),
            "currency" if !(text.len() == 3 && text.bytes().all(|b| b.is_ascii_uppercase())) => {
                Some((
                    format!("{} is not an ISO 4217 currency code", quoted(text)),
                    "write three capital letters, such as `USD`, `EUR` or `RUB`".to_owned(),
                ))
            }
            _ => None,
        };
        if let Some((message, help)) = problem {
            self.error(pointer.into(), message, Some(help));
        }
    }

    /// A value for `datatype`. Qualifiers may also use bare JSON values (`0.33`, `"2021-01-05"`).
    fn literal(
        &mut self,
        pointer: &str,
        name: &str,
        datatype: Datatype,
        value: &FactObject,
        bare_allowed: bool,
    ) {
        let problem = match (datatype, value) {
            (Datatype::Date, FactObject::Date(date)) => {
                (!is_valid_date(date)).then(|| bad_date_message(date))
            }
            (Datatype::Date, FactObject::Id(date)) if bare_allowed => {
                (!is_valid_date(date)).then(|| bad_date_message(date))
            }
            (Datatype::Integer, FactObject::Number(n)) => (!(n.is_i64() || n.is_u64()))
                .then(|| format!("`{name}` takes a whole number, not {n}")),
            (Datatype::Integer, FactObject::BareNumber(n)) if bare_allowed => (!(n.is_i64()
                || n.is_u64()))
            .then(|| format!("`{name}` takes a whole number, not {n}")),
            (Datatype::Decimal, FactObject::Number(_)) => None,
            (Datatype::Decimal, FactObject::BareNumber(_)) if bare_allowed => None,
            (Datatype::String, FactObject::Text(_)) => None,
            (Datatype::String, FactObject::Id(_)) if bare_allowed => None,
            _ => Some(format!(
                "`{name}` takes {}, not {}",
                datatype_words(datatype),
                value.kind()
            )),
        };
        if let Some(message) = problem {
            let help = if matches!(datatype, Datatype::Date) {
                format!("write {}; {DATE_HELP}", datatype.sheet_form())
            } else {
                format!("write {}", datatype.sheet_form())
            };
            self.error(pointer.into(), message, Some(help));
        }
    }
}

const DATE_HELP: &str = "dates are `YYYY-MM-DD` and must exist in the calendar";

fn bad_date_message(date: &str) -> String {
    format!("invalid date {}", quoted(date))
}

fn datatype_words(datatype: Datatype) -> &'static str {
    match datatype {
        Datatype::Date => "a date",
        Datatype::Integer => "a whole number",
        Datatype::Decimal => "a number",
        Datatype::String => "a text",
        Datatype::Boolean => "a boolean",
    }
}

fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn is_article_id(id: &str) -> bool {
    id.len() <= 200
        && id.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'~' | b'-'))
}

fn is_entity_id(id: &str) -> bool {
    id.bytes().next().is_some_and(|b| b.is_ascii_alphanumeric())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// The IRI a `sameAs` value stands for: `wikidata:Q…` expands to Wikidata's entity namespace.
pub fn expand_same_as(link: &str) -> Option<NamedNode> {
    if let Some(id) = link.strip_prefix("wikidata:") {
        let valid =
            id.len() > 1 && id.starts_with('Q') && id[1..].bytes().all(|b| b.is_ascii_digit());
        return valid
            .then(|| NamedNode::new_unchecked(format!("http://www.wikidata.org/entity/{id}")));
    }
    NamedNode::new(link).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_sheet;

    fn findings(json: &str) -> Vec<Finding> {
        let sheet = parse_sheet("t.json", json).unwrap();
        validate(&sheet, Ontology::embedded().unwrap(), false)
    }

    fn sheet(entities: &str, facts: &str) -> String {
        format!(
            r#"{{"article": {{"id": "a-1", "title": "T"}}, "entities": [{entities}], "facts": [{facts}]}}"#
        )
    }

    const ENTITIES: &str = r#"{"id": "trump", "name": "Donald Trump", "type": "Person"},
        {"id": "eo", "name": "Executive Order 13971", "type": "LegalInstrument"},
        {"id": "alipay", "name": "Alipay", "type": "SoftwareApplication"},
        {"id": "ant", "name": "Ant Group", "type": "Company"}"#;

    #[test]
    fn a_good_sheet_has_no_findings() {
        let facts = r#"{"subject": "trump", "predicate": "signs", "object": "eo"},
            {"subject": "eo", "predicate": "signedDate", "object": {"date": "2021-01-05"}},
            {"subject": "eo", "predicate": "bans", "object": "alipay"},
            {"subject": "alipay", "predicate": "ownedBy", "object": "ant", "qualifiers": {"share": 1, "startDate": "2014-10-16"}},
            {"subject": "alipay", "predicate": "userCount", "object": {"number": 730000000}}"#;
        assert_eq!(findings(&sheet(ENTITIES, facts)), vec![]);
    }

    const NEWS: &str = r#"{"id": "usa", "name": "United States", "type": "Country"},
        {"id": "russia", "name": "Russia", "type": "Country"},
        {"id": "kyiv", "name": "Kyiv", "type": "City"},
        {"id": "sber", "name": "Sberbank", "type": "FinancialInstitution"},
        {"id": "newscorp", "name": "News Corp", "type": "MediaOrganization"},
        {"id": "dj", "name": "Dow Jones", "type": "Company"},
        {"id": "biden", "name": "Joe Biden", "type": "Person"}"#;

    #[test]
    fn countries_act_and_deals_carry_amount_currency_status_and_place() {
        let facts = r#"{"subject": "usa", "predicate": "sanctions", "object": "sber"},
            {"subject": "newscorp", "predicate": "acquires", "object": "dj",
             "qualifiers": {"amount": 5000000000, "currency": "USD", "status": "agreed", "date": "2007-08-01"}},
            {"subject": "biden", "predicate": "visits", "object": "kyiv", "qualifiers": {"place": "kyiv"}},
            {"subject": "biden", "predicate": "deathDate", "object": {"date": "2099-01-01"}}"#;
        assert_eq!(findings(&sheet(NEWS, facts)), vec![]);
    }

    #[test]
    fn qualifiers_are_checked_for_their_words_and_entities() {
        let facts = r#"{"subject": "newscorp", "predicate": "acquires", "object": "dj",
             "qualifiers": {"currency": "dollars", "status": "rumoured", "place": "biden"}},
            {"subject": "usa", "predicate": "fines", "object": "sber", "qualifiers": {"place": "moscow"}}"#;
        let found = findings(&sheet(NEWS, facts));
        let at: Vec<(&str, &str)> = found
            .iter()
            .map(|f| (f.pointer.as_str(), f.message.as_str()))
            .collect();
        assert_eq!(
            at,
            vec![
                (
                    "/facts/0/qualifiers/currency",
                    "`dollars` is not an ISO 4217 currency code"
                ),
                (
                    "/facts/0/qualifiers/place",
                    "`place` takes Place, and `biden` is of class Person"
                ),
                ("/facts/0/qualifiers/status", "unknown status `rumoured`"),
                ("/facts/1/qualifiers/place", "unknown entity id `moscow`"),
            ]
        );
    }

    #[test]
    fn geopolitical_entity_is_abstract() {
        let found = findings(&sheet(
            r#"{"id": "x", "name": "Somewhere", "type": "GeopoliticalEntity"}"#,
            "",
        ));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("abstract"), "{found:?}");
        assert!(
            found[0]
                .help
                .as_deref()
                .is_some_and(|h| h.contains("Country"))
        );
    }

    #[test]
    fn unknown_predicate_suggests_the_nearest() {
        let found = findings(&sheet(
            ENTITIES,
            r#"{"subject": "alipay", "predicate": "owndBy", "object": "ant"}"#,
        ));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pointer, "/facts/0/predicate");
        assert_eq!(found[0].message, "unknown predicate `owndBy`");
        assert_eq!(found[0].help.as_deref(), Some("did you mean `ownedBy`?"));
    }

    #[test]
    fn every_problem_is_reported() {
        let entities = format!(r#"{ENTITIES}, {{"id": "ant", "name": "Ant", "type": "Compny"}}"#);
        let facts = r#"{"subject": "alipy", "predicate": "ownedBy", "object": "ant"},
            {"subject": "eo", "predicate": "signedDate", "object": {"date": "2021-02-30"}},
            {"subject": "alipay", "predicate": "signs", "object": "eo"},
            {"subject": "eo", "predicate": "bans", "object": {"text": "Alipay"}},
            {"subject": "alipay", "predicate": "userCount", "object": {"number": 1.5}},
            {"subject": "alipay", "predicate": "ownedBy", "object": "ant", "confidence": 2, "qualifiers": {"stake": 0.3}}"#;
        let found = findings(&sheet(&entities, facts));
        let pointers: Vec<&str> = found.iter().map(|f| f.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            [
                "/entities/4/id",
                "/entities/4/type",
                "/facts/0/subject",
                "/facts/1/object",
                "/facts/2/subject",
                "/facts/3/object",
                "/facts/4/object",
                "/facts/5/confidence",
                "/facts/5/qualifiers/stake"
            ]
        );
        assert!(
            found[2]
                .help
                .as_deref()
                .unwrap()
                .starts_with("did you mean `alipay`?")
        );
        assert!(
            found[4]
                .message
                .contains("cannot be the subject of `signs`, whose domain is Agent")
        );
    }

    #[test]
    fn lenient_turns_domain_errors_into_warnings() {
        let json = sheet(
            ENTITIES,
            r#"{"subject": "alipay", "predicate": "signs", "object": "eo"}"#,
        );
        let sheet = parse_sheet("t.json", &json).unwrap();
        let found = validate(&sheet, Ontology::embedded().unwrap(), true);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, Severity::Warning);
    }

    #[test]
    fn abstract_classes_and_qualifier_predicates_are_refused() {
        let entities = r#"{"id": "x", "name": "X", "type": "Agent"}, {"id": "y", "name": "Y", "type": "Company"}"#;
        let found = findings(&sheet(
            entities,
            r#"{"subject": "y", "predicate": "share", "object": {"number": 1}}"#,
        ));
        assert!(found[0].message.contains("is abstract"), "{found:?}");
        assert!(
            found[1].message.contains("cannot be a fact's predicate"),
            "{found:?}"
        );
    }

    #[test]
    fn same_as_links_expand() {
        assert_eq!(
            expand_same_as("wikidata:Q22686").unwrap().as_str(),
            "http://www.wikidata.org/entity/Q22686"
        );
        assert!(expand_same_as("wikidata:22686").is_none());
        assert!(expand_same_as("not an iri").is_none());
    }
}
