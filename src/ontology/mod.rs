//! Our OWL ontology (`ontology/factgraph.ttl`): the classes, relations and value properties a
//! fact sheet may use. The code reads its vocabulary from that file and nowhere else.

mod validate;

use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{NamedNode, NamedOrBlankNode, Quad, Term};

// The extractor checks dates by this name.
pub use crate::model::is_valid_date;
pub use validate::{Finding, MAX_NAME_CHARS, MAX_TEXT_CHARS, expand_same_as, validate};

/// Namespace of the ontology's terms (`fg:`).
pub const NAMESPACE: &str = "https://w3id.org/factgraph/ontology#";
/// The ontology's own IRI, also the name of the graph it is stored in.
pub const ONTOLOGY_IRI: &str = "https://w3id.org/factgraph/ontology";
/// The ontology in Turtle, as shipped in the binary.
pub const TURTLE: &str = include_str!("../../ontology/factgraph.ttl");

const OWL: &str = "http://www.w3.org/2002/07/owl#";

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("the ontology is not valid Turtle: {0}")]
    Syntax(String),
    #[error("the ontology term `{term}` {problem}")]
    Term { term: String, problem: String },
}

#[derive(Debug, Clone)]
pub struct Class {
    pub name: String,
    pub iri: NamedNode,
    pub label: String,
    pub comment: String,
    /// Local names of the direct `fg:` super-classes.
    pub parents: Vec<String>,
    /// Organises the hierarchy only: no entity may be declared with it.
    pub is_abstract: bool,
}

/// What the object of a value property, or a qualifier, must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Datatype {
    Date,
    Integer,
    Decimal,
    String,
    Boolean,
}

impl Datatype {
    pub fn iri(self) -> oxigraph::model::NamedNodeRef<'static> {
        match self {
            Self::Date => xsd::DATE,
            Self::Integer => xsd::INTEGER,
            Self::Decimal => xsd::DECIMAL,
            Self::String => xsd::STRING,
            Self::Boolean => xsd::BOOLEAN,
        }
    }

    /// The fact-sheet form that carries such a value.
    pub fn sheet_form(self) -> &'static str {
        match self {
            Self::Date => r#"{"date": "YYYY-MM-DD"}"#,
            Self::Integer | Self::Decimal => r#"{"number": N}"#,
            Self::String | Self::Boolean => r#"{"text": "…"}"#,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Range {
    /// Any of these classes (local names).
    Classes(Vec<String>),
    Datatype(Datatype),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PropertyKind {
    /// Entity to entity: may be a fact's predicate.
    Relation,
    /// Entity to literal: may be a fact's predicate.
    Value,
    /// Qualifies a stated fact (share, start and end dates).
    Qualifier,
    /// Describes where a fact or article came from (evidence, confidence, …).
    Provenance,
}

#[derive(Debug, Clone)]
pub struct Property {
    pub name: String,
    pub iri: NamedNode,
    pub label: String,
    pub comment: String,
    pub kind: PropertyKind,
    /// Local names of the classes a subject may have; empty when the domain is not one of ours.
    pub domain: Vec<String>,
    pub range: Range,
    pub inverse: Option<String>,
}

#[derive(Debug)]
pub struct Ontology {
    classes: BTreeMap<String, Class>,
    properties: BTreeMap<String, Property>,
    /// Fx-hashed: the extractor asks for a class's ancestors for nearly every name it reads.
    ancestors: FxHashMap<String, FxHashSet<String>>,
}

impl Ontology {
    /// The ontology compiled into this binary.
    pub fn embedded() -> Result<&'static Ontology, Error> {
        static EMBEDDED: OnceLock<Result<Ontology, String>> = OnceLock::new();
        EMBEDDED
            .get_or_init(|| Ontology::from_turtle(TURTLE).map_err(|err| err.to_string()))
            .as_ref()
            .map_err(|message| Error::Syntax(message.clone()))
    }

    pub fn from_turtle(turtle: &str) -> Result<Self, Error> {
        let quads = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(turtle.as_bytes())
            .collect::<Result<Vec<Quad>, _>>()
            .map_err(|err| Error::Syntax(err.to_string()))?;
        Graph::new(&quads).ontology()
    }

    pub fn classes(&self) -> impl Iterator<Item = &Class> {
        self.classes.values()
    }

    pub fn properties(&self) -> impl Iterator<Item = &Property> {
        self.properties.values()
    }

    pub fn class(&self, name: &str) -> Option<&Class> {
        self.classes.get(name)
    }

    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.get(name)
    }

    /// Finds a term by its full IRI.
    pub fn property_by_iri(&self, iri: &str) -> Option<&Property> {
        self.properties.get(iri.strip_prefix(NAMESPACE)?)
    }

    pub fn class_by_iri(&self, iri: &str) -> Option<&Class> {
        self.classes.get(iri.strip_prefix(NAMESPACE)?)
    }

    /// Predicates a fact may use: relations and value properties.
    pub fn fact_predicates(&self) -> impl Iterator<Item = &Property> {
        self.properties
            .values()
            .filter(|p| matches!(p.kind, PropertyKind::Relation | PropertyKind::Value))
    }

    /// `sub` is `sup` or one of its descendants.
    pub fn is_subclass_of(&self, sub: &str, sup: &str) -> bool {
        sub == sup || self.ancestors.get(sub).is_some_and(|a| a.contains(sup))
    }

    /// Two classes can describe one real-world entity when one refines the other.
    pub fn compatible(&self, a: &str, b: &str) -> bool {
        self.is_subclass_of(a, b) || self.is_subclass_of(b, a)
    }

    /// A class whose instances may fill a slot that allows any of `allowed`.
    pub fn fits(&self, class: &str, allowed: &[String]) -> bool {
        allowed.iter().any(|a| self.is_subclass_of(class, a))
    }
}

/// The parsed Turtle, indexed by subject, for reading terms out of it.
struct Graph<'a> {
    by_subject: HashMap<&'a NamedOrBlankNode, Vec<(&'a NamedNode, &'a Term)>>,
}

impl<'a> Graph<'a> {
    fn new(quads: &'a [Quad]) -> Self {
        let mut by_subject: HashMap<&NamedOrBlankNode, Vec<_>> = HashMap::new();
        for quad in quads {
            by_subject
                .entry(&quad.subject)
                .or_default()
                .push((&quad.predicate, &quad.object));
        }
        Self { by_subject }
    }

    fn objects(&self, subject: &NamedOrBlankNode, predicate: &str) -> Vec<&'a Term> {
        self.by_subject
            .get(subject)
            .map(|pairs| {
                pairs
                    .iter()
                    .filter(|(p, _)| p.as_str() == predicate)
                    .map(|(_, o)| *o)
                    .collect()
            })
            .unwrap_or_default()
    }

    fn one_literal(
        &self,
        subject: &NamedOrBlankNode,
        name: &str,
        predicate: &str,
    ) -> Result<String, Error> {
        match self.objects(subject, predicate).as_slice() {
            [Term::Literal(literal)] => Ok(literal.value().to_owned()),
            other => Err(Error::Term {
                term: name.to_owned(),
                problem: format!(
                    "needs exactly one literal <{predicate}>, has {}",
                    other.len()
                ),
            }),
        }
    }

    /// A boolean annotation of ours, such as `fg:isQualifier true`.
    fn flag(&self, subject: &NamedOrBlankNode, annotation: &str) -> bool {
        self.objects(subject, &format!("{NAMESPACE}{annotation}"))
            .iter()
            .any(|t| matches!(t, Term::Literal(l) if l.value() == "true"))
    }

    fn is_a(&self, subject: &NamedOrBlankNode, class: &str) -> bool {
        self.objects(subject, rdf::TYPE.as_str())
            .iter()
            .any(|t| matches!(t, Term::NamedNode(n) if n.as_str() == class))
    }

    /// The named classes of a domain or range: one class, or an `owl:unionOf` list of them.
    fn class_set(&self, term: &Term, name: &str) -> Result<Vec<String>, Error> {
        match term {
            Term::NamedNode(node) => Ok(vec![node.as_str().to_owned()]),
            Term::BlankNode(node) => {
                let subject = NamedOrBlankNode::BlankNode(node.clone());
                let [list] = self.objects(&subject, &format!("{OWL}unionOf"))[..] else {
                    return Err(Error::Term {
                        term: name.to_owned(),
                        problem: "has an anonymous domain or range that is not an owl:unionOf"
                            .into(),
                    });
                };
                self.list(list, name)
            }
            _ => Err(Error::Term {
                term: name.to_owned(),
                problem: "has a literal domain or range".into(),
            }),
        }
    }

    fn list(&self, mut cell: &'a Term, name: &str) -> Result<Vec<String>, Error> {
        let mut members = Vec::new();
        while let Term::BlankNode(node) = cell {
            let subject = NamedOrBlankNode::BlankNode(node.clone());
            match (
                self.objects(&subject, rdf::FIRST.as_str()).as_slice(),
                self.objects(&subject, rdf::REST.as_str()).as_slice(),
            ) {
                ([Term::NamedNode(first)], [rest]) => {
                    members.push(first.as_str().to_owned());
                    cell = rest;
                }
                _ => {
                    return Err(Error::Term {
                        term: name.to_owned(),
                        problem: "has a malformed owl:unionOf list (members must be named classes)"
                            .into(),
                    });
                }
            }
        }
        Ok(members)
    }

    fn ontology(&self) -> Result<Ontology, Error> {
        let mut classes = BTreeMap::new();
        let mut properties = BTreeMap::new();
        let mut subjects: Vec<_> = self.by_subject.keys().copied().collect();
        subjects.sort_by_key(|s| s.to_string());
        for subject in subjects {
            let NamedOrBlankNode::NamedNode(iri) = subject else {
                continue;
            };
            let Some(name) = iri.as_str().strip_prefix(NAMESPACE) else {
                continue;
            };
            if self.is_a(subject, &format!("{OWL}Class")) {
                classes.insert(name.to_owned(), self.class(subject, iri, name)?);
            } else if self.is_a(subject, &format!("{OWL}ObjectProperty"))
                || self.is_a(subject, &format!("{OWL}DatatypeProperty"))
            {
                properties.insert(name.to_owned(), self.property(subject, iri, name)?);
            }
        }
        for property in properties.values() {
            for class in property.domain.iter().chain(match &property.range {
                Range::Classes(c) => c.iter(),
                Range::Datatype(_) => [].iter(),
            }) {
                if !classes.contains_key(class) {
                    return Err(Error::Term {
                        term: property.name.clone(),
                        problem: format!("refers to the undeclared class `{class}`"),
                    });
                }
            }
        }
        let ancestors = ancestors(&classes)?;
        Ok(Ontology {
            classes,
            properties,
            ancestors,
        })
    }

    fn class(
        &self,
        subject: &NamedOrBlankNode,
        iri: &NamedNode,
        name: &str,
    ) -> Result<Class, Error> {
        let parents = self
            .objects(subject, rdfs::SUB_CLASS_OF.as_str())
            .into_iter()
            .filter_map(|t| match t {
                Term::NamedNode(n) => n.as_str().strip_prefix(NAMESPACE).map(str::to_owned),
                _ => None,
            })
            .collect();
        Ok(Class {
            name: name.to_owned(),
            iri: iri.clone(),
            label: self.one_literal(subject, name, rdfs::LABEL.as_str())?,
            comment: self.one_literal(subject, name, rdfs::COMMENT.as_str())?,
            parents,
            is_abstract: self.flag(subject, "isAbstract"),
        })
    }

    fn property(
        &self,
        subject: &NamedOrBlankNode,
        iri: &NamedNode,
        name: &str,
    ) -> Result<Property, Error> {
        let single = |predicate: &str| match self.objects(subject, predicate).as_slice() {
            [term] => Ok(*term),
            other => Err(Error::Term {
                term: name.to_owned(),
                problem: format!("needs exactly one <{predicate}>, has {}", other.len()),
            }),
        };
        let domain_iris = self.class_set(single(rdfs::DOMAIN.as_str())?, name)?;
        let local = |iris: &[String]| -> Vec<String> {
            iris.iter()
                .filter_map(|i| i.strip_prefix(NAMESPACE).map(str::to_owned))
                .collect()
        };
        let domain = local(&domain_iris);
        let range_term = single(rdfs::RANGE.as_str())?;
        let is_object_property = self.is_a(subject, &format!("{OWL}ObjectProperty"));
        let range = if is_object_property {
            Range::Classes(local(&self.class_set(range_term, name)?))
        } else {
            Range::Datatype(datatype(range_term).ok_or_else(|| Error::Term {
                term: name.to_owned(),
                problem: format!("has the unsupported datatype range {range_term}"),
            })?)
        };
        let qualifier = self.flag(subject, "isQualifier");
        let kind = if qualifier {
            PropertyKind::Qualifier
        } else if is_object_property {
            PropertyKind::Relation
        } else if !domain.is_empty() && domain.len() == domain_iris.len() {
            PropertyKind::Value
        } else {
            PropertyKind::Provenance
        };
        let inverse = self
            .objects(subject, &format!("{OWL}inverseOf"))
            .into_iter()
            .find_map(|t| match t {
                Term::NamedNode(n) => n.as_str().strip_prefix(NAMESPACE).map(str::to_owned),
                _ => None,
            });
        Ok(Property {
            name: name.to_owned(),
            iri: iri.clone(),
            label: self.one_literal(subject, name, rdfs::LABEL.as_str())?,
            comment: self.one_literal(subject, name, rdfs::COMMENT.as_str())?,
            kind,
            domain,
            range,
            inverse,
        })
    }
}

fn datatype(term: &Term) -> Option<Datatype> {
    let Term::NamedNode(node) = term else {
        return None;
    };
    [
        Datatype::Date,
        Datatype::Integer,
        Datatype::Decimal,
        Datatype::String,
        Datatype::Boolean,
    ]
    .into_iter()
    .find(|d| d.iri() == node.as_ref())
}

fn ancestors(
    classes: &BTreeMap<String, Class>,
) -> Result<FxHashMap<String, FxHashSet<String>>, Error> {
    let mut all = FxHashMap::default();
    for name in classes.keys() {
        let mut seen = BTreeSet::new();
        let mut stack = classes[name].parents.clone();
        while let Some(parent) = stack.pop() {
            if parent == *name {
                return Err(Error::Term {
                    term: name.clone(),
                    problem: "is its own super-class".into(),
                });
            }
            if seen.insert(parent.clone()) {
                let Some(class) = classes.get(&parent) else {
                    return Err(Error::Term {
                        term: name.clone(),
                        problem: format!("has the undeclared super-class `{parent}`"),
                    });
                };
                stack.extend(class.parents.iter().cloned());
            }
        }
        all.insert(name.clone(), seen.into_iter().collect());
    }
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_ontology_loads() {
        let ontology = Ontology::embedded().unwrap();
        assert!(ontology.class("Company").is_some());
        assert!(ontology.is_subclass_of("Court", "Organization"));
        assert!(ontology.is_subclass_of("Company", "Agent"));
        assert!(!ontology.is_subclass_of("SoftwareApplication", "Agent"));
        assert!(ontology.compatible("Organization", "Company"));
        assert!(!ontology.compatible("Company", "SoftwareApplication"));
        assert!(ontology.class("Agent").unwrap().is_abstract);
        assert!(!ontology.class("Person").unwrap().is_abstract);
    }

    #[test]
    fn property_kinds_come_from_the_file() {
        let ontology = Ontology::embedded().unwrap();
        let owned_by = ontology.property("ownedBy").unwrap();
        assert_eq!(owned_by.kind, PropertyKind::Relation);
        assert_eq!(owned_by.inverse.as_deref(), Some("owns"));
        assert!(ontology.fits("Company", &owned_by.domain));
        assert!(!ontology.fits("Person", &owned_by.domain));
        assert_eq!(
            ontology.property("signedDate").unwrap().range,
            Range::Datatype(Datatype::Date)
        );
        assert_eq!(
            ontology.property("signedDate").unwrap().kind,
            PropertyKind::Value
        );
        assert_eq!(
            ontology.property("share").unwrap().kind,
            PropertyKind::Qualifier
        );
        assert_eq!(
            ontology.property("evidence").unwrap().kind,
            PropertyKind::Provenance
        );
    }

    #[test]
    fn rejects_a_property_without_range() {
        let turtle = "@prefix fg: <https://w3id.org/factgraph/ontology#> .
            @prefix owl: <http://www.w3.org/2002/07/owl#> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            fg:Entity a owl:Class ; rdfs:label \"entity\" ; rdfs:comment \"x\" .
            fg:p a owl:ObjectProperty ; rdfs:label \"p\" ; rdfs:comment \"x\" ; rdfs:domain fg:Entity .";
        let err = Ontology::from_turtle(turtle).unwrap_err().to_string();
        assert!(err.contains("`p` needs exactly one"), "{err}");
    }

    #[test]
    fn rejects_an_undeclared_class() {
        let turtle = "@prefix fg: <https://w3id.org/factgraph/ontology#> .
            @prefix owl: <http://www.w3.org/2002/07/owl#> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            fg:p a owl:ObjectProperty ; rdfs:label \"p\" ; rdfs:comment \"x\" ;
                rdfs:domain fg:Nothing ; rdfs:range fg:Nothing .";
        let err = Ontology::from_turtle(turtle).unwrap_err().to_string();
        assert!(err.contains("undeclared class `Nothing`"), "{err}");
    }
}
