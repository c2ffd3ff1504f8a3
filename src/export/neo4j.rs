//! Neo4j: `nodes.csv` and `relationships.csv` in `neo4j-admin database import` header format,
//! and `load.cypher` doing the same with `LOAD CSV` into a running database.

use std::io::{self, Write};
use std::path::Path;

use super::text::{Piece, put};
use super::{Output, Slice, View, prepare};
use crate::graph::Projection;
use crate::ontology::NAMESPACE;

/// Whether a CSV field must be quoted: it holds a comma, a quote, a line break or edge spaces.
fn needs_quotes(field: &str) -> bool {
    field.bytes().fold(false, |found, b| {
        found | matches!(b, b',' | b'"' | b'\n' | b'\r')
    }) || field.trim() != field
}

/// A CSV field, quoted (its quotes doubled) when [`needs_quotes`] says so, appended to the
/// output without a copy of its own.
struct Csv<'a>(&'a str);

impl Piece for Csv<'_> {
    fn put(self, out: &mut Vec<u8>) {
        if !needs_quotes(self.0) {
            out.extend_from_slice(self.0.as_bytes());
            return;
        }
        out.push(b'"');
        for (index, part) in self.0.split('"').enumerate() {
            if index > 0 {
                out.extend_from_slice(b"\"\"");
            }
            out.extend_from_slice(part.as_bytes());
        }
        out.push(b'"');
    }
}

/// Writes the three files into `dir` (created if missing).
pub fn write_neo4j(projection: &Projection, slice: &Slice, dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let (nodes, spans) = prepare(projection, slice);
    let view = View {
        projection,
        slice,
        nodes: &nodes,
        spans: &spans,
    };

    let nodes_file = std::fs::File::create(dir.join("nodes.csv"))?;
    let mut file = Output::file(&nodes_file);
    writeln!(
        file,
        "id:ID,name,iri,class,aliases:string[],firstDate:date,lastDate:date,degree:int,:LABEL"
    )?;
    view.write_nodes(&mut file, |file, _, node, facts| {
        let entity = projection.entity(node);
        let aliases: Vec<String> = entity.aliases.iter().map(|a| a.replace(';', ",")).collect();
        put!(
            file,
            "n",
            node,
            ",",
            Csv(entity.label),
            ",",
            Csv(entity.iri.as_str()),
            ",",
            entity.class,
            ",",
            Csv(&aliases.join(";")),
            ",",
            facts.first.unwrap_or_default(),
            ",",
            facts.last.unwrap_or_default(),
            ",",
            facts.degree,
            ",Entity;",
            entity.class,
            "\n"
        );
        Ok(())
    })?;
    file.flush()?;

    let relationships_file = std::fs::File::create(dir.join("relationships.csv"))?;
    let mut file = Output::file(&relationships_file);
    writeln!(
        file,
        ":START_ID,:END_ID,:TYPE,predicateIri,articles:int,firstDate:date,lastDate:date,confidence:double,evidence"
    )?;
    view.write_edges(&mut file, |out, _, edge, facts| {
        let (subject, object) = projection.endpoints(edge);
        let predicate = projection.relation(edge).predicate;
        // Predicates are ontology names: letters only, nothing to quote.
        put!(
            out,
            "n",
            subject,
            ",n",
            object,
            ",",
            predicate,
            ",",
            NAMESPACE,
            predicate,
            ",",
            facts.articles,
            ",",
            facts.first.unwrap_or_default(),
            ",",
            facts.last.unwrap_or_default(),
            ","
        );
        if let Some(confidence) = facts.confidence {
            confidence.put(out);
        }
        put!(out, ",", Csv(facts.evidence.unwrap_or_default()), "\n");
        Ok(())
    })?;
    file.flush()?;

    let mut predicates: Vec<&str> = slice
        .edges
        .iter()
        .map(|e| projection.relation(*e).predicate)
        .collect();
    predicates.sort_unstable();
    predicates.dedup();
    std::fs::write(dir.join("load.cypher"), load_cypher(&predicates))
}

/// LOAD CSV statements doing what `neo4j-admin database import` does with the two files; plain
/// Cypher cannot take a relationship type from a column, so there is one statement per type.
fn load_cypher(predicates: &[&str]) -> String {
    let mut script = String::from(LOAD_NODES);
    for predicate in predicates {
        script.push_str(&LOAD_RELATIONSHIPS.replace("TYPE", predicate));
    }
    script
}

/// Loads the entities with LOAD CSV (copy the CSV files into Neo4j's import directory first).
const LOAD_NODES: &str = r#"// Load a factgraph export into a running Neo4j: copy nodes.csv and relationships.csv into
// the database's import directory, then run this script (for example with cypher-shell).
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;

LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row
MERGE (e:Entity {id: row.`id:ID`})
SET e.name = row.name, e.iri = row.iri, e.class = row.class,
    e.aliases = CASE row.`aliases:string[]` WHEN '' THEN [] ELSE split(row.`aliases:string[]`, ';') END,
    e.firstDate = CASE row.`firstDate:date` WHEN '' THEN null ELSE date(row.`firstDate:date`) END,
    e.lastDate = CASE row.`lastDate:date` WHEN '' THEN null ELSE date(row.`lastDate:date`) END,
    e.degree = toInteger(row.`degree:int`);
"#;

/// One relationship type's LOAD CSV statement; `TYPE` is replaced by the predicate.
const LOAD_RELATIONSHIPS: &str = r#"
LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row
WITH row WHERE row.`:TYPE` = 'TYPE'
MATCH (s:Entity {id: row.`:START_ID`}), (o:Entity {id: row.`:END_ID`})
MERGE (s)-[r:TYPE]->(o)
SET r.predicateIri = row.predicateIri, r.articles = toInteger(row.`articles:int`),
    r.firstDate = CASE row.`firstDate:date` WHEN '' THEN null ELSE date(row.`firstDate:date`) END,
    r.lastDate = CASE row.`lastDate:date` WHEN '' THEN null ELSE date(row.`lastDate:date`) END,
    r.confidence = toFloat(row.`confidence:double`), r.evidence = row.evidence;
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(field: &str) -> String {
        let mut out = Vec::new();
        Csv(field).put(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn fields_are_quoted_when_needed() {
        assert_eq!(csv("plain"), "plain");
        assert_eq!(csv("a, b"), "\"a, b\"");
        assert_eq!(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv(" padded"), "\" padded\"");
        assert_eq!(csv("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv("\""), "\"\"\"\"");
        assert_eq!(csv("\"\"x\""), "\"\"\"\"\"x\"\"\"");
        assert_eq!(csv(""), "");
    }
}
