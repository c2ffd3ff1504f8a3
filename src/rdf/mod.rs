//! Maps a validated, resolved fact sheet to the quads of its article graph.
//!
//! Everything an article says lives in its named graph: its metadata, what it says of each entity
//! (class, label, aliases, links) and its facts, each reified as an `rdf:Statement` carrying the
//! evidence. The subset that describes entities and facts is also what the merged default graph
//! holds (see [`is_merged`]).

pub mod vocab;

use std::collections::{HashMap, HashSet};

use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, Quad, Term};

use crate::model::{FactObject, FactSheet};
use crate::ontology::{Datatype, Ontology, PropertyKind, Range, expand_same_as};
use crate::resolve::{IriBase, Resolved};

/// One article's graph, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleGraph {
    pub id: String,
    pub graph: NamedNode,
    pub quads: Vec<Quad>,
}

/// Builds an article's graph. `resolved[i]` is the identity of `sheet.entities[i]`; the sheet must
/// have passed validation (unknown names are skipped, not reported, here).
pub fn article_graph(
    sheet: &FactSheet,
    resolved: &[Resolved],
    ontology: &Ontology,
    base: &IriBase,
    content_hash: &str,
) -> ArticleGraph {
    let article = &sheet.article;
    let article_iri = base.article(&article.id);
    let mut out = Quads {
        graph: GraphName::NamedNode(article_iri.clone()),
        quads: Vec::new(),
        seen: HashSet::new(),
    };

    out.add(&article_iri, rdf::TYPE, vocab::schema::NEWS_ARTICLE);
    out.add(
        &article_iri,
        vocab::schema::IDENTIFIER,
        Literal::from(article.id.as_str()),
    );
    out.add(
        &article_iri,
        vocab::schema::HEADLINE,
        Literal::from(article.title.as_str()),
    );
    if let Some(url) = article.url.as_deref().and_then(|u| NamedNode::new(u).ok()) {
        out.add(&article_iri, vocab::schema::URL, url);
    }
    if let Some(publisher) = &article.publisher {
        out.add(
            &article_iri,
            vocab::schema::PUBLISHER,
            Literal::from(publisher.as_str()),
        );
    }
    if let Some(published) = &article.published {
        out.add(
            &article_iri,
            vocab::schema::DATE_PUBLISHED,
            Literal::new_typed_literal(published.as_str(), xsd::DATE),
        );
    }
    if let Some(language) = &article.language {
        out.add(
            &article_iri,
            vocab::schema::IN_LANGUAGE,
            Literal::from(language.as_str()),
        );
    }
    out.add(
        &article_iri,
        vocab::fg::content_hash(),
        Literal::from(content_hash),
    );

    for (entity, identity) in sheet.entities.iter().zip(resolved) {
        let Some(class) = ontology.class(&entity.class) else {
            continue;
        };
        let iri = &identity.iri;
        out.add(&article_iri, vocab::schema::MENTIONS, iri.clone());
        out.add(iri, rdf::TYPE, class.iri.clone());
        out.add(iri, rdfs::LABEL, Literal::from(identity.label.as_str()));
        for name in std::iter::once(&entity.name).chain(&entity.aliases) {
            if *name != identity.label {
                out.add(iri, vocab::skos::ALT_LABEL, Literal::from(name.as_str()));
            }
        }
        for link in entity.same_as.iter().filter_map(|s| expand_same_as(s)) {
            out.add(iri, vocab::owl::SAME_AS, link);
        }
    }

    let by_id: HashMap<&str, &NamedNode> = sheet
        .entities
        .iter()
        .zip(resolved)
        .map(|(e, r)| (e.id.as_str(), &r.iri))
        .collect();
    let iri_of = |id: &str| by_id.get(id).map(|iri| (*iri).clone());
    for (index, fact) in sheet.facts.iter().enumerate() {
        let (Some(subject), Some(property)) =
            (iri_of(&fact.subject), ontology.property(&fact.predicate))
        else {
            continue;
        };
        let object: Term = match (&property.range, &fact.object) {
            (Range::Classes(_), FactObject::Id(id)) => match iri_of(id) {
                Some(iri) => iri.into(),
                None => continue,
            },
            (Range::Datatype(datatype), value) => match literal(*datatype, value) {
                Some(literal) => literal.into(),
                None => continue,
            },
            _ => continue,
        };
        out.add(&subject, property.iri.as_ref(), object.clone());

        let statement = NamedNode::new_unchecked(format!("{}/fact/{index}", article_iri.as_str()));
        out.add(&statement, rdf::TYPE, rdf::STATEMENT);
        out.add(&statement, rdf::SUBJECT, subject);
        out.add(&statement, rdf::PREDICATE, property.iri.clone());
        out.add(&statement, rdf::OBJECT, object);
        out.add(
            &statement,
            vocab::prov::WAS_DERIVED_FROM,
            article_iri.clone(),
        );
        if let Some(evidence) = &fact.evidence {
            out.add(
                &statement,
                vocab::fg::term("evidence"),
                Literal::from(evidence.as_str()),
            );
        }
        if let Some([start, end]) = fact.span {
            out.add(
                &statement,
                vocab::fg::term("spanStart"),
                Literal::from(start),
            );
            out.add(&statement, vocab::fg::term("spanEnd"), Literal::from(end));
        }
        let confidence = fact.confidence.unwrap_or(1.0);
        out.add(
            &statement,
            vocab::fg::term("confidence"),
            Literal::new_typed_literal(decimal(confidence), xsd::DECIMAL),
        );
        if let Some(extractor) = &fact.extractor {
            out.add(
                &statement,
                vocab::fg::term("extractor"),
                Literal::from(extractor.as_str()),
            );
        }
        for (key, value) in &fact.qualifiers {
            let Some(qualifier) = ontology.property(key) else {
                continue;
            };
            let object: Option<Term> = match (&qualifier.range, value) {
                (Range::Datatype(datatype), value) => literal(*datatype, value).map(Term::from),
                (Range::Classes(_), FactObject::Id(id)) => iri_of(id).map(Term::from),
                _ => None,
            };
            if let Some(object) = object {
                out.add(&statement, qualifier.iri.as_ref(), object);
            }
        }
    }
    ArticleGraph {
        id: article.id.clone(),
        graph: article_iri,
        quads: out.quads,
    }
}

/// Whether an article-graph triple also belongs to the merged default graph: the entity
/// descriptions (class, label, aliases, links) and the facts, not metadata or provenance.
pub fn is_merged(predicate: NamedNodeRef<'_>, object: &Term, ontology: &Ontology) -> bool {
    if predicate == rdf::TYPE {
        return matches!(object, Term::NamedNode(class) if ontology.class_by_iri(class.as_str()).is_some());
    }
    if predicate == rdfs::LABEL
        || predicate == vocab::skos::ALT_LABEL
        || predicate == vocab::owl::SAME_AS
    {
        return true;
    }
    ontology
        .property_by_iri(predicate.as_str())
        .is_some_and(|p| matches!(p.kind, PropertyKind::Relation | PropertyKind::Value))
}

/// The quads of one article graph, each once, in the order they were first stated.
struct Quads {
    graph: GraphName,
    quads: Vec<Quad>,
    seen: HashSet<Quad>,
}

impl Quads {
    fn add(
        &mut self,
        subject: &NamedNode,
        predicate: impl Into<NamedNode>,
        object: impl Into<Term>,
    ) {
        let quad = Quad::new(
            subject.clone(),
            predicate.into(),
            object.into(),
            self.graph.clone(),
        );
        if self.seen.insert(quad.clone()) {
            self.quads.push(quad);
        }
    }
}

fn literal(datatype: Datatype, value: &FactObject) -> Option<Literal> {
    let lexical = match value {
        FactObject::Date(text) | FactObject::Text(text) | FactObject::Id(text) => text.clone(),
        FactObject::Number(number) | FactObject::BareNumber(number) => match number.as_f64() {
            Some(_) if number.is_i64() || number.is_u64() => number.to_string(),
            Some(float) => decimal(float),
            None => return None,
        },
    };
    Some(match datatype {
        Datatype::String => Literal::from(lexical),
        other => Literal::new_typed_literal(lexical, other.iri()),
    })
}

/// An `xsd:decimal` lexical form (no exponent, which `xsd:decimal` does not allow).
fn decimal(value: f64) -> String {
    let text = format!("{value}");
    if text.contains('.') {
        text
    } else {
        format!("{text}.0")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_sheet;
    use crate::resolve::{Mention, resolve};

    const SHEET: &str = r#"{"article": {"id": "a-1", "title": "T", "published": "2021-01-06", "url": "https://example.com/a"},
      "entities": [{"id": "alipay", "name": "Alipay", "type": "SoftwareApplication", "aliases": ["Zhifubao"]},
                   {"id": "ant", "name": "Ant Group", "type": "Company", "sameAs": ["wikidata:Q4049297"]}],
      "facts": [{"subject": "alipay", "predicate": "ownedBy", "object": "ant", "evidence": "Ant Group's Alipay",
                 "span": [3, 20], "qualifiers": {"share": 1}},
                {"subject": "ant", "predicate": "userCount", "object": {"number": 1000}}]}"#;

    fn graph() -> ArticleGraph {
        let sheet = parse_sheet("t.json", SHEET).unwrap();
        let ontology = Ontology::embedded().unwrap();
        let mentions: Vec<Mention> = sheet.entities.iter().map(Mention::from_entity).collect();
        let resolved = resolve(&mentions, &[], &[], ontology, &IriBase::default());
        article_graph(&sheet, &resolved, ontology, &IriBase::default(), "h")
    }

    fn has(graph: &ArticleGraph, subject: &str, predicate: &str, object: &str) -> bool {
        graph.quads.iter().any(|q| {
            q.subject.to_string() == subject
                && q.predicate.as_str() == predicate.trim_matches(['<', '>'])
                && q.object.to_string() == object
        })
    }

    #[test]
    fn a_place_qualifier_is_the_place_entity_and_words_are_plain_literals() {
        let sheet = parse_sheet(
            "t.json",
            r#"{"article": {"id": "a-2", "title": "T"},
              "entities": [{"id": "b", "name": "Joe Biden", "type": "Person"},
                           {"id": "k", "name": "Kyiv", "type": "City"}],
              "facts": [{"subject": "b", "predicate": "visits", "object": "k",
                         "qualifiers": {"place": "k", "status": "completed", "amount": 5000000000}}]}"#,
        )
        .unwrap();
        let ontology = Ontology::embedded().unwrap();
        let mentions: Vec<Mention> = sheet.entities.iter().map(Mention::from_entity).collect();
        let resolved = resolve(&mentions, &[], &[], ontology, &IriBase::default());
        let graph = article_graph(&sheet, &resolved, ontology, &IriBase::default(), "h");
        let fact = "<https://w3id.org/factgraph/article/a-2/fact/0>";
        let fg = |local: &str| format!("<https://w3id.org/factgraph/ontology#{local}>");
        assert!(has(
            &graph,
            fact,
            &fg("place"),
            "<https://w3id.org/factgraph/entity/kyiv>"
        ));
        assert!(has(&graph, fact, &fg("status"), "\"completed\""));
        assert!(has(
            &graph,
            fact,
            &fg("amount"),
            "\"5000000000\"^^<http://www.w3.org/2001/XMLSchema#decimal>"
        ));
    }

    const ALIPAY: &str = "<https://w3id.org/factgraph/entity/alipay>";
    const ANT: &str = "<https://w3id.org/factgraph/entity/ant-group>";
    const FACT0: &str = "<https://w3id.org/factgraph/article/a-1/fact/0>";

    #[test]
    fn facts_and_their_provenance_are_in_the_article_graph() {
        let graph = graph();
        assert!(
            graph
                .quads
                .iter()
                .all(|q| q.graph_name.to_string() == "<https://w3id.org/factgraph/article/a-1>")
        );
        assert!(has(
            &graph,
            ALIPAY,
            "<https://w3id.org/factgraph/ontology#ownedBy>",
            ANT
        ));
        assert!(has(
            &graph,
            FACT0,
            "<http://www.w3.org/1999/02/22-rdf-syntax-ns#subject>",
            ALIPAY
        ));
        assert!(has(
            &graph,
            FACT0,
            "<https://w3id.org/factgraph/ontology#evidence>",
            "\"Ant Group's Alipay\""
        ));
        assert!(has(
            &graph,
            FACT0,
            "<https://w3id.org/factgraph/ontology#share>",
            "\"1\"^^<http://www.w3.org/2001/XMLSchema#decimal>"
        ));
        assert!(has(
            &graph,
            FACT0,
            "<https://w3id.org/factgraph/ontology#spanStart>",
            "\"3\"^^<http://www.w3.org/2001/XMLSchema#integer>"
        ));
        assert!(has(
            &graph,
            ANT,
            "<https://w3id.org/factgraph/ontology#userCount>",
            "\"1000\"^^<http://www.w3.org/2001/XMLSchema#integer>"
        ));
        assert!(has(
            &graph,
            ALIPAY,
            "<http://www.w3.org/2004/02/skos/core#altLabel>",
            "\"Zhifubao\""
        ));
        assert!(has(
            &graph,
            ANT,
            "<http://www.w3.org/2002/07/owl#sameAs>",
            "<http://www.wikidata.org/entity/Q4049297>"
        ));
    }

    #[test]
    fn only_entity_descriptions_and_facts_are_merged() {
        let graph = graph();
        let ontology = Ontology::embedded().unwrap();
        let merged: Vec<String> = graph
            .quads
            .iter()
            .filter(|q| is_merged(q.predicate.as_ref(), &q.object, ontology))
            .map(|q| format!("{} {}", q.subject, q.predicate))
            .collect();
        assert_eq!(merged.len(), 8, "{merged:#?}");
        assert!(
            merged
                .iter()
                .all(|m| m.starts_with(ALIPAY) || m.starts_with(ANT))
        );
    }

    #[test]
    fn decimals_never_use_exponents() {
        assert_eq!(decimal(0.33), "0.33");
        assert_eq!(decimal(1e21), "1000000000000000000000.0");
        assert_eq!(decimal(1.0), "1.0");
    }
}
