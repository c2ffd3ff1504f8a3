//! Places where a query looks at its cancellation token, added where Oxigraph has none.
//!
//! Oxigraph checks the token at each quad it reads and each term it builds from the store, so
//! a query that only computes never stops: thirty BINDs that each double a string, or a sort of
//! a product of VALUES tables, grow until the process dies, whatever the time limit or memory
//! budget says. Before evaluation, each BIND's expression becomes `IF(alive(), e, e)`, and the
//! rows that VALUES give, and the computed rows that sorting, grouping and DISTINCT gather, pass
//! `FILTER(alive())`, where `alive()` is true until the token is cancelled and an error after. A cancelled query
//! then computes nothing more: its BINDs leave their variables unbound, and no row is gathered.
//! The caller sees the token cancelled and reports the time or memory limit.

use oxigraph::model::{Literal, NamedNode, Term};
use oxigraph::sparql::{CancellationToken, SparqlEvaluator};
use spargebra::algebra::{Expression, Function, GraphPattern};

/// The function's IRI: not one a query would use for anything else.
const ALIVE: &str = "https://w3id.org/factgraph/internal#alive";

fn alive() -> Expression {
    Expression::FunctionCall(
        Function::Custom(NamedNode::new_unchecked(ALIVE)),
        Vec::new(),
    )
}

/// The evaluator, answering `alive()` from `token`.
pub fn with_alive(evaluator: SparqlEvaluator, token: CancellationToken) -> SparqlEvaluator {
    evaluator.with_custom_function(NamedNode::new_unchecked(ALIVE), move |_| {
        (!token.is_cancelled()).then(|| Term::Literal(Literal::from(true)))
    })
}

fn checked(inner: Box<GraphPattern>) -> Box<GraphPattern> {
    Box::new(GraphPattern::Filter {
        expr: alive(),
        inner,
    })
}

/// Whether a pattern makes rows without reading the store: VALUES tables, and BIND or
/// SELECT expressions. Rows that come from reading the store pass its own checks, so only
/// queries with these need checks where rows are gathered.
fn computes_rows(pattern: &GraphPattern) -> bool {
    match pattern {
        GraphPattern::Values { .. } | GraphPattern::Extend { .. } => true,
        GraphPattern::Join { left, right }
        | GraphPattern::LeftJoin { left, right, .. }
        | GraphPattern::Union { left, right }
        | GraphPattern::Minus { left, right } => computes_rows(left) || computes_rows(right),
        GraphPattern::Filter { inner, .. }
        | GraphPattern::Graph { inner, .. }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::Slice { inner, .. }
        | GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Group { inner, .. } => computes_rows(inner),
        _ => false,
    }
}

/// Adds the checks to `pattern` and every pattern inside it but those sent to a `SERVICE`.
pub fn add(pattern: &mut GraphPattern) {
    // The text's depth is bounded before parsing (see `shape`), and so is this recursion.
    match pattern {
        GraphPattern::Extend {
            inner, expression, ..
        } => {
            add(inner);
            let computed = std::mem::replace(expression, Expression::Literal(true.into()));
            *expression = Expression::If(
                Box::new(alive()),
                Box::new(computed.clone()),
                Box::new(computed),
            );
        }
        GraphPattern::OrderBy { inner, .. }
        | GraphPattern::Distinct { inner }
        | GraphPattern::Reduced { inner }
        | GraphPattern::Group { inner, .. } => {
            let gathers_computed_rows = computes_rows(inner);
            add(inner);
            if gathers_computed_rows {
                let taken = std::mem::take(inner);
                *inner = checked(taken);
            }
        }
        GraphPattern::Values { .. } => {
            let values = std::mem::take(pattern);
            *pattern = *checked(Box::new(values));
        }
        GraphPattern::Join { left, right }
        | GraphPattern::LeftJoin { left, right, .. }
        | GraphPattern::Union { left, right }
        | GraphPattern::Minus { left, right } => {
            add(left);
            add(right);
        }
        GraphPattern::Filter { inner, .. }
        | GraphPattern::Graph { inner, .. }
        | GraphPattern::Project { inner, .. }
        | GraphPattern::Slice { inner, .. } => add(inner),
        // Read from the store, which checks the token itself; or sent to a service.
        _ => {}
    }
}

/// Adds the checks to every pattern a query evaluates.
pub fn add_to_query(query: &mut spargebra::Query) {
    match query {
        spargebra::Query::Select { pattern, .. }
        | spargebra::Query::Construct { pattern, .. }
        | spargebra::Query::Describe { pattern, .. }
        | spargebra::Query::Ask { pattern, .. } => add(pattern),
    }
}

/// Adds the checks to the patterns of an update's DELETE/INSERT … WHERE operations.
pub fn add_to_update(update: &mut spargebra::Update) {
    for operation in &mut update.operations {
        if let spargebra::GraphUpdateOperation::DeleteInsert { pattern, .. } = operation {
            add(pattern);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(query: &str) -> spargebra::Query {
        spargebra::SparqlParser::new()
            .parse_query(query)
            .expect("query")
    }

    #[test]
    fn binds_values_and_gathering_are_checked() {
        let mut query = parsed(
            "SELECT DISTINCT ?b { VALUES ?a { 1 2 } BIND(CONCAT(STR(?a), STR(?a)) AS ?b) } ORDER BY ?b",
        );
        add_to_query(&mut query);
        let text = query.to_sse();
        assert_eq!(text.matches(ALIVE).count(), 4, "{text}");
    }

    #[test]
    fn rows_read_from_the_store_are_gathered_unchecked() {
        let mut query = parsed("SELECT (COUNT(*) AS ?n) { ?a <urn:p> ?b . ?b <urn:p> ?c }");
        add_to_query(&mut query);
        let text = query.to_sse();
        // The count's projection is a BIND of one row; its input, read from the store, is not.
        assert_eq!(text.matches(ALIVE).count(), 1, "{text}");
    }

    #[test]
    fn a_cancelled_query_computes_nothing_more() {
        let store = oxigraph::store::Store::new().expect("store");
        let token = CancellationToken::new();
        let run = |token: &CancellationToken| {
            let mut query = parsed("SELECT ?b { BIND(\"x\" AS ?a) BIND(CONCAT(?a, ?a) AS ?b) }");
            add_to_query(&mut query);
            let results = with_alive(SparqlEvaluator::new(), token.clone())
                .for_query(query)
                .on_store(&store)
                .execute()
                .expect("evaluation");
            let oxigraph::sparql::QueryResults::Solutions(mut solutions) = results else {
                panic!("not solutions");
            };
            let row = solutions.next().expect("a row").expect("no error");
            row.get("b").cloned()
        };
        assert_eq!(run(&token), Some(Term::Literal(Literal::from("xx"))));
        token.cancel();
        assert_eq!(run(&token), None);
    }
}
