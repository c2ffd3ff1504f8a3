//! IRIs of the outside vocabularies the mapping uses, and of our own terms.

macro_rules! terms {
    ($namespace:literal; $($name:ident = $local:literal),* $(,)?) => {
        $(pub const $name: oxigraph::model::NamedNodeRef<'static> =
            oxigraph::model::NamedNodeRef::new_unchecked(concat!($namespace, $local));)*
    };
}

pub mod schema {
    terms!("https://schema.org/";
        NEWS_ARTICLE = "NewsArticle", IDENTIFIER = "identifier", HEADLINE = "headline", URL = "url",
        PUBLISHER = "publisher", DATE_PUBLISHED = "datePublished", IN_LANGUAGE = "inLanguage", MENTIONS = "mentions",
        ARTICLE_BODY = "articleBody");
}

pub mod skos {
    terms!("http://www.w3.org/2004/02/skos/core#"; ALT_LABEL = "altLabel");
}

pub mod owl {
    terms!("http://www.w3.org/2002/07/owl#"; SAME_AS = "sameAs");
}

pub mod prov {
    terms!("http://www.w3.org/ns/prov#"; WAS_DERIVED_FROM = "wasDerivedFrom");
}

/// Our own terms; the ontology file declares each of them (a test checks it).
pub mod fg {
    use oxigraph::model::NamedNode;

    use crate::ontology::NAMESPACE;

    pub fn term(local: &str) -> NamedNode {
        NamedNode::new_unchecked(format!("{NAMESPACE}{local}"))
    }

    pub fn content_hash() -> NamedNode {
        term("contentHash")
    }
}

/// Prefixes predeclared in queries and used when writing RDF.
pub const PREFIXES: &[(&str, &str)] = &[
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("schema", "https://schema.org/"),
    ("prov", "http://www.w3.org/ns/prov#"),
    ("fg", crate::ontology::NAMESPACE),
    ("path", PATH_NAMESPACE),
];

/// Terms of the path service that SPARQL queries can call (`SERVICE path:search { … }`).
pub const PATH_NAMESPACE: &str = "https://w3id.org/factgraph/path#";

#[cfg(test)]
mod tests {
    use crate::ontology::Ontology;

    #[test]
    fn our_terms_are_declared_in_the_ontology() {
        let ontology = Ontology::embedded().unwrap();
        for term in [
            "evidence",
            "spanStart",
            "spanEnd",
            "confidence",
            "extractor",
            "contentHash",
        ] {
            assert!(
                ontology.property(term).is_some(),
                "{term} is not in ontology/factgraph.ttl"
            );
        }
    }
}
