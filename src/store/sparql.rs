//! SPARQL over the store: queries with our prefixes predeclared, results in the standard formats
//! or kept as rows for the caller to present, updates, and counts.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::Write;
use std::sync::OnceLock;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::vocab::rdf;
use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Term};
use oxigraph::sparql::results::{
    QueryResultsFormat, QueryResultsParseError, QueryResultsParser, QueryResultsSerializer,
    ReaderQueryResultsParserOutput,
};
use oxigraph::sparql::{
    CancellationToken, QueryEvaluationError, QueryResults, QuerySolution, SparqlEvaluator, Variable,
};

use super::{Error, Store, checkpoints, shape};
use crate::diagnostic::Position;
use crate::memory::MemoryBudget;
use crate::ontology::{ONTOLOGY_IRI, Ontology, PropertyKind};
use crate::rdf::vocab::PREFIXES;

/// How to write what a query returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryOutput {
    /// SELECT and ASK results kept in memory and returned as an [`Answer`], for the caller
    /// to present (the command line prints a table).
    Rows,
    Results(QueryResultsFormat),
    Graph(RdfFormat),
}

/// What a SELECT or ASK query gives, read in full.
#[derive(Debug, PartialEq)]
pub enum Answer {
    Boolean(bool),
    Solutions {
        variables: Vec<String>,
        rows: Vec<QuerySolution>,
    },
}

impl QueryOutput {
    fn describe(self) -> &'static str {
        match self {
            Self::Rows | Self::Results(_) => "SELECT and ASK results",
            Self::Graph(_) => "CONSTRUCT and DESCRIBE graphs",
        }
    }
}

/// An RDF serializer that writes our prefixes.
pub fn serializer(format: RdfFormat) -> RdfSerializer {
    PREFIXES
        .iter()
        .fold(RdfSerializer::from_format(format), |s, (name, iri)| {
            s.clone().with_prefix(*name, *iri).unwrap_or(s)
        })
}

/// Writes quads in `format` with our prefixes (graph names dropped by formats without graphs).
pub fn write_quads(
    format: RdfFormat,
    quads: &[oxigraph::model::Quad],
    out: &mut dyn Write,
) -> Result<(), Error> {
    let mut writer = serializer(format).for_writer(out);
    for quad in quads {
        if format.supports_datasets() {
            writer.serialize_quad(quad)?;
        } else {
            writer.serialize_triple(quad.as_ref())?;
        }
    }
    writer.finish()?;
    Ok(())
}

/// The evaluator for queries and updates parsed by [`parser`]. Our prefixes are declared there:
/// an evaluator's own prefixes only serve its own parser, which the store never calls, and
/// copying them into every evaluation cost a point query a map of strings.
fn evaluator() -> SparqlEvaluator {
    SparqlEvaluator::new()
}

/// Counts of what the store holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stats {
    pub quads: usize,
    pub articles: usize,
    pub entities: usize,
    pub facts: usize,
    pub entities_by_class: BTreeMap<String, usize>,
    pub facts_by_predicate: BTreeMap<String, usize>,
    /// Whether the merged graph may lack a fact some article states ([`Store::out_of_step`]).
    pub out_of_step: bool,
}

/// What a query gives, known once it is parsed: the kind decides which formats can carry it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryKind {
    /// SELECT.
    Solutions,
    /// ASK.
    Boolean,
    /// CONSTRUCT and DESCRIBE.
    Graph,
}

/// A parsed query, with our prefixes predeclared.
#[derive(Debug, Clone)]
pub struct ParsedQuery {
    query: spargebra::Query,
    shape: shape::Shape,
}

/// A parser with our prefixes declared. Built once: declaring the prefixes costs more than a
/// point query on a server.
fn parser() -> spargebra::SparqlParser {
    static PARSER: OnceLock<spargebra::SparqlParser> = OnceLock::new();
    PARSER
        .get_or_init(|| {
            PREFIXES
                .iter()
                .fold(spargebra::SparqlParser::new(), |parser, (name, iri)| {
                    // Our prefix IRIs are constants and valid.
                    parser.clone().with_prefix(*name, *iri).unwrap_or(parser)
                })
        })
        .clone()
}

/// What an update writes, as its text tells it.
#[derive(Debug, Default)]
struct Written {
    /// The named graphs it writes, but the ontology's: what is derived from the store reads
    /// the ontology compiled in, not that copy of it.
    graphs: BTreeSet<NamedNode>,
    /// The quads it puts into or takes out of the default (merged) graph.
    merged: Vec<oxigraph::model::Quad>,
}

impl Written {
    fn graph(&mut self, graph: &NamedNode) {
        if graph.as_str() != ONTOLOGY_IRI {
            self.graphs.insert(graph.clone());
        }
    }

    /// A quad of `INSERT DATA` or `DELETE DATA`: its named graph is written, or it is a quad
    /// of the merged graph.
    fn data<S, O>(
        &mut self,
        graph: &spargebra::term::GraphName,
        subject: &S,
        predicate: &NamedNode,
        object: &O,
    ) where
        S: Clone + Into<NamedOrBlankNode>,
        O: Clone + Into<Term>,
    {
        match graph {
            spargebra::term::GraphName::NamedNode(name) => self.graph(name),
            spargebra::term::GraphName::DefaultGraph => {
                self.merged.push(oxigraph::model::Quad::new(
                    subject.clone(),
                    predicate.clone(),
                    object.clone(),
                    GraphName::DefaultGraph,
                ));
            }
        }
    }
}

/// What an update writes, when its text gives each graph it writes, and each quad it writes
/// into the default graph: `None` when it may write a graph it names by a variable, the
/// default graph by a pattern, or every graph at once.
fn written_by(update: &spargebra::Update) -> Option<Written> {
    use spargebra::GraphUpdateOperation as Operation;
    use spargebra::algebra::GraphTarget;
    use spargebra::term::{GraphName as Graph, GraphNamePattern as Pattern};

    let mut written = Written::default();
    for operation in &update.operations {
        match operation {
            Operation::InsertData { data } => {
                for q in data {
                    written.data(&q.graph_name, &q.subject, &q.predicate, &q.object);
                }
            }
            Operation::DeleteData { data } => {
                for q in data {
                    written.data(&q.graph_name, &q.subject, &q.predicate, &q.object);
                }
            }
            Operation::DeleteInsert { delete, insert, .. } => {
                let patterns = delete
                    .iter()
                    .map(|quad| &quad.graph_name)
                    .chain(insert.iter().map(|quad| &quad.graph_name));
                for pattern in patterns {
                    match pattern {
                        Pattern::NamedNode(name) => written.graph(name),
                        Pattern::DefaultGraph | Pattern::Variable(_) => return None,
                    }
                }
            }
            Operation::Load { destination, .. } => match destination {
                Graph::NamedNode(name) => written.graph(name),
                Graph::DefaultGraph => return None,
            },
            Operation::Clear { graph: target, .. } | Operation::Drop { graph: target, .. } => {
                match target {
                    GraphTarget::NamedNode(name) => written.graph(name),
                    GraphTarget::DefaultGraph
                    | GraphTarget::NamedGraphs
                    | GraphTarget::AllGraphs => return None,
                }
            }
            // An empty graph is no graph to a query.
            Operation::Create { .. } => {}
        }
    }
    Some(written)
}

/// Whether an update's text gives every graph it writes and every quad it writes into the
/// merged graph: then what it changes can be followed graph by graph and entity by entity
/// (see [`Store::update`]) instead of from every quad.
pub fn update_names_what_it_writes(sparql: &str) -> bool {
    parse_update(sparql).is_ok_and(|(update, _)| written_by(&update).is_some())
}

impl From<shape::TooComplex> for Error {
    fn from(err: shape::TooComplex) -> Self {
        Error::TooComplex(err)
    }
}

/// The evaluator for a text of this shape under an optional cancellation: without the planner
/// for texts it cannot plan in bounded time, and answering the checks that `checkpoints` adds.
fn bounded(
    evaluator: SparqlEvaluator,
    shape: shape::Shape,
    cancel: Option<&CancellationToken>,
) -> SparqlEvaluator {
    let evaluator = if shape.fits_the_planner() {
        evaluator
    } else {
        evaluator.without_optimizations()
    };
    match cancel {
        Some(token) => {
            checkpoints::with_alive(evaluator, token.clone()).with_cancellation_token(token.clone())
        }
        None => evaluator,
    }
}

fn parse_update(sparql: &str) -> Result<(spargebra::Update, shape::Shape), Error> {
    let shape = shape::check(sparql)?;
    let update = parser()
        .parse_update(sparql)
        .map_err(|err| Error::Syntax(SyntaxError::new(sparql, &err)))?;
    Ok((update, shape))
}

/// Refuses an update that would write the ontology graph, and keeps operations that write graphs
/// named by variables away from it. CLEAR and DROP of ALL or NAMED graphs become one operation
/// per graph the store holds (`named_graphs`), but the ontology's.
fn guard_ontology(
    update: &mut spargebra::Update,
    named_graphs: impl Fn() -> Result<Vec<NamedNode>, Error>,
) -> Result<(), Error> {
    use spargebra::GraphUpdateOperation as Operation;
    use spargebra::algebra::GraphTarget;

    let mut operations = Vec::with_capacity(update.operations.len());
    for operation in std::mem::take(&mut update.operations) {
        let (graph, silent, clear) = match &operation {
            Operation::Clear { graph, silent } => (graph, *silent, true),
            Operation::Drop { graph, silent } => (graph, *silent, false),
            _ => {
                operations.push(operation);
                continue;
            }
        };
        if !matches!(graph, GraphTarget::NamedGraphs | GraphTarget::AllGraphs) {
            operations.push(operation);
            continue;
        }
        let mut targets: Vec<GraphTarget> = named_graphs()?
            .into_iter()
            .filter(|g| g.as_str() != ONTOLOGY_IRI)
            .map(GraphTarget::NamedNode)
            .collect();
        if matches!(graph, GraphTarget::AllGraphs) {
            targets.push(GraphTarget::DefaultGraph);
        }
        operations.extend(targets.into_iter().map(|graph| {
            if clear {
                Operation::Clear { graph, silent }
            } else {
                Operation::Drop { graph, silent }
            }
        }));
    }
    update.operations = operations;
    guard_ontology_named(update)
}

fn guard_ontology_named(update: &mut spargebra::Update) -> Result<(), Error> {
    use spargebra::GraphUpdateOperation as Operation;
    use spargebra::algebra::{Expression, GraphPattern, GraphTarget};
    use spargebra::term::{GraphName as Graph, GraphNamePattern as Pattern};

    let ontology = |name: &NamedNode| name.as_str() == ONTOLOGY_IRI;
    let refused = |what: &str| {
        Err(Error::OntologyGraph(format!(
            "{what}; it holds the vocabulary every article is read with, and factgraph writes it itself"
        )))
    };
    for operation in &mut update.operations {
        match operation {
            Operation::InsertData { data }
                if data
                    .iter()
                    .any(|q| matches!(&q.graph_name, Graph::NamedNode(g) if ontology(g))) =>
            {
                return refused("the update writes quads into it");
            }
            Operation::DeleteData { data }
                if data
                    .iter()
                    .any(|q| matches!(&q.graph_name, Graph::NamedNode(g) if ontology(g))) =>
            {
                return refused("the update takes quads out of it");
            }
            Operation::InsertData { .. } | Operation::DeleteData { .. } => {}
            Operation::DeleteInsert {
                delete,
                insert,
                pattern,
                ..
            } => {
                let graphs: Vec<&Pattern> = delete
                    .iter()
                    .map(|q| &q.graph_name)
                    .chain(insert.iter().map(|q| &q.graph_name))
                    .collect();
                if graphs
                    .iter()
                    .any(|g| matches!(g, Pattern::NamedNode(name) if ontology(name)))
                {
                    return refused("the update's template writes it");
                }
                let mut variables: Vec<spargebra::term::Variable> = graphs
                    .into_iter()
                    .filter_map(|g| match g {
                        Pattern::Variable(v) => Some(v.clone()),
                        _ => None,
                    })
                    .collect();
                variables.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
                variables.dedup();
                for variable in variables {
                    let inner = std::mem::take(&mut **pattern);
                    **pattern = GraphPattern::Filter {
                        expr: Expression::Not(Box::new(Expression::SameTerm(
                            Box::new(Expression::Variable(variable)),
                            Box::new(Expression::NamedNode(NamedNode::new_unchecked(
                                ONTOLOGY_IRI,
                            ))),
                        ))),
                        inner: Box::new(inner),
                    };
                }
            }
            Operation::Load { destination, .. } => {
                if matches!(destination, Graph::NamedNode(g) if ontology(g)) {
                    return refused("LOAD would write into it");
                }
            }
            Operation::Clear { graph, .. } | Operation::Drop { graph, .. } => {
                if matches!(graph, GraphTarget::NamedNode(g) if ontology(g)) {
                    return refused("CLEAR and DROP of it are refused");
                }
            }
            Operation::Create { graph, .. } => {
                if ontology(graph) {
                    return refused("it exists already");
                }
            }
        }
    }
    Ok(())
}

impl ParsedQuery {
    pub fn parse(sparql: &str) -> Result<Self, Error> {
        let shape = shape::check(sparql)?;
        let query = parser()
            .parse_query(sparql)
            .map_err(|err| Error::Syntax(SyntaxError::new(sparql, &err)))?;
        Ok(Self { query, shape })
    }

    pub fn kind(&self) -> QueryKind {
        match self.query {
            spargebra::Query::Select { .. } => QueryKind::Solutions,
            spargebra::Query::Ask { .. } => QueryKind::Boolean,
            spargebra::Query::Construct { .. } | spargebra::Query::Describe { .. } => {
                QueryKind::Graph
            }
        }
    }
}

/// Bounds on one query's evaluation, for a server that answers many callers.
#[derive(Clone, Default)]
pub struct QueryLimits {
    /// Cancelled (by a timer, say) stops the evaluation with [`Error::Cancelled`].
    pub cancel: Option<CancellationToken>,
    /// More rows or triples than this stop it with [`Error::TooManyResults`].
    pub max_results: Option<usize>,
    /// Taking more bytes than this on the evaluating thread stops it with
    /// [`Error::OverMemory`] ([`crate::memory`]).
    pub max_memory: Option<usize>,
}

impl QueryLimits {
    /// The cancellation token and memory budget of one evaluation under these limits.
    fn start(&self) -> (Option<CancellationToken>, Option<MemoryBudget>) {
        let cancel = match (&self.cancel, self.max_memory) {
            (Some(token), _) => Some(token.clone()),
            (None, Some(_)) => Some(CancellationToken::new()),
            (None, None) => None,
        };
        let budget = self
            .max_memory
            .zip(cancel.clone())
            .map(|(bytes, token)| MemoryBudget::new(bytes, token));
        (cancel, budget)
    }
}

/// A cancellation seen through its cause: over the memory budget, or out of time.
fn cancelled_by(err: Error, budget: Option<&MemoryBudget>) -> Error {
    match (err, budget) {
        (Error::Cancelled, Some(budget)) if budget.exceeded() => {
            Error::OverMemory(budget.limit_bytes())
        }
        (err, _) => err,
    }
}

/// The RDF dataset of a query when the caller sets it, as the SPARQL protocol's
/// `default-graph-uri` and `named-graph-uri` do: it replaces the query's own FROM clauses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryDataset {
    pub default_graphs: Vec<NamedNode>,
    pub named_graphs: Vec<NamedNode>,
}

impl QueryDataset {
    pub fn is_empty(&self) -> bool {
        self.default_graphs.is_empty() && self.named_graphs.is_empty()
    }
}

impl Store {
    /// Runs a query and writes its results, or returns them for [`QueryOutput::Rows`].
    /// `solutions` and `graph` are the formats for the two kinds of results; asking for one
    /// kind's format with the other kind of query is an error.
    pub fn query(
        &self,
        sparql: &str,
        solutions: QueryOutput,
        graph: QueryOutput,
        out: &mut dyn Write,
    ) -> Result<Option<Answer>, Error> {
        let limits = QueryLimits::default();
        self.query_with(
            sparql,
            |evaluator| evaluator,
            &limits,
            solutions,
            graph,
            out,
        )
    }

    /// The triples a CONSTRUCT or DESCRIBE query builds.
    pub fn construct(&self, sparql: &str) -> Result<Vec<oxigraph::model::Triple>, Error> {
        let parsed = ParsedQuery::parse(sparql)?;
        if parsed.kind() != QueryKind::Graph {
            return Err(Error::Evaluation(
                "--query takes a CONSTRUCT or DESCRIBE query".into(),
            ));
        }
        match bounded(evaluator(), parsed.shape, None)
            .for_query(parsed.query)
            .on_store(&self.inner)
            .execute()
            .map_err(evaluation_error)?
        {
            QueryResults::Graph(triples) => triples
                .collect::<Result<Vec<_>, _>>()
                .map_err(evaluation_error),
            _ => Err(Error::Evaluation(
                "--query takes a CONSTRUCT or DESCRIBE query".into(),
            )),
        }
    }

    /// [`Store::query`] with an evaluator the caller extends, for instance with a `SERVICE`
    /// handler of its own.
    pub fn query_with(
        &self,
        sparql: &str,
        extend: impl FnOnce(SparqlEvaluator) -> SparqlEvaluator,
        limits: &QueryLimits,
        solutions: QueryOutput,
        graph: QueryOutput,
        out: &mut dyn Write,
    ) -> Result<Option<Answer>, Error> {
        let parsed = ParsedQuery::parse(sparql)?;
        let wanted = match parsed.kind() {
            QueryKind::Graph => graph,
            QueryKind::Solutions | QueryKind::Boolean => solutions,
        };
        let fits = matches!(
            (parsed.kind(), wanted),
            (QueryKind::Graph, QueryOutput::Graph(_))
                | (
                    QueryKind::Solutions | QueryKind::Boolean,
                    QueryOutput::Rows | QueryOutput::Results(_)
                )
        );
        if !fits {
            let kind = if parsed.kind() == QueryKind::Graph {
                "CONSTRUCT and DESCRIBE give graphs: use turtle, ntriples, nquads, trig or rdfxml"
            } else {
                "SELECT and ASK give results: use table, json, xml, csv or tsv"
            };
            return Err(Error::Evaluation(format!(
                "that format is for {}; {kind}",
                wanted.describe()
            )));
        }
        self.run_query(
            parsed,
            extend,
            &QueryDataset::default(),
            limits,
            wanted,
            out,
        )
    }

    /// Evaluates a parsed query over `dataset` (the store's own when empty) within `limits`, and
    /// writes its results in `output`, which must suit the query's kind (or returns them, for
    /// [`QueryOutput::Rows`]).
    pub fn run_query(
        &self,
        parsed: ParsedQuery,
        extend: impl FnOnce(SparqlEvaluator) -> SparqlEvaluator,
        dataset: &QueryDataset,
        limits: &QueryLimits,
        output: QueryOutput,
        out: &mut dyn Write,
    ) -> Result<Option<Answer>, Error> {
        let (cancel, budget) = limits.start();
        let _charging = budget.as_ref().map(MemoryBudget::charge_this_thread);
        self.evaluate_query(parsed, extend, dataset, limits, cancel, output, out)
            .map_err(|err| cancelled_by(err, budget.as_ref()))
    }

    #[allow(clippy::too_many_arguments)]
    fn evaluate_query(
        &self,
        parsed: ParsedQuery,
        extend: impl FnOnce(SparqlEvaluator) -> SparqlEvaluator,
        dataset: &QueryDataset,
        limits: &QueryLimits,
        cancel: Option<CancellationToken>,
        output: QueryOutput,
        out: &mut dyn Write,
    ) -> Result<Option<Answer>, Error> {
        let evaluator = bounded(extend(evaluator()), parsed.shape, cancel.as_ref());
        let mut query = parsed.query;
        if cancel.is_some() {
            checkpoints::add_to_query(&mut query);
        }
        let mut prepared = evaluator.for_query(query);
        if !dataset.is_empty() {
            let graphs = prepared.dataset_mut();
            graphs.set_default_graph(
                dataset
                    .default_graphs
                    .iter()
                    .map(|g| GraphName::NamedNode(g.clone()))
                    .collect(),
            );
            graphs.set_available_named_graphs(
                dataset
                    .named_graphs
                    .iter()
                    .map(|g| NamedOrBlankNode::NamedNode(g.clone()))
                    .collect(),
            );
        }
        let results = prepared
            .on_store(&self.inner)
            .execute()
            .map_err(evaluation_error)?;
        let max = limits.max_results.unwrap_or(usize::MAX);
        let check = |count: usize| -> Result<(), Error> {
            if cancel.as_ref().is_some_and(|t| t.is_cancelled()) {
                return Err(Error::Cancelled);
            }
            if count > max {
                return Err(Error::TooManyResults(max));
            }
            Ok(())
        };
        match (results, output) {
            (QueryResults::Boolean(value), QueryOutput::Rows) => {
                return Ok(Some(Answer::Boolean(value)));
            }
            (QueryResults::Boolean(value), QueryOutput::Results(format)) => {
                QueryResultsSerializer::from_format(format)
                    .serialize_boolean_to_writer(&mut *out, value)?;
            }
            (QueryResults::Solutions(solutions), QueryOutput::Rows) => {
                let variables = variable_names(solutions.variables());
                let mut rows = Vec::new();
                for solution in solutions {
                    rows.push(solution.map_err(evaluation_error)?);
                    check(rows.len())?;
                }
                return Ok(Some(Answer::Solutions { variables, rows }));
            }
            (QueryResults::Solutions(solutions), QueryOutput::Results(format)) => {
                let mut writer = QueryResultsSerializer::from_format(format)
                    .serialize_solutions_to_writer(&mut *out, solutions.variables().to_vec())?;
                for (count, solution) in solutions.enumerate() {
                    writer.serialize(&solution.map_err(evaluation_error)?)?;
                    check(count + 1)?;
                }
                writer.finish()?;
            }
            (QueryResults::Graph(triples), QueryOutput::Graph(format)) => {
                let mut serializer = serializer(format).for_writer(&mut *out);
                for (count, triple) in triples.enumerate() {
                    serializer.serialize_triple(&triple.map_err(evaluation_error)?)?;
                    check(count + 1)?;
                }
                serializer.finish()?;
            }
            (_, output) => {
                return Err(Error::Evaluation(format!(
                    "this query does not give {}",
                    output.describe()
                )));
            }
        }
        Ok(None)
    }

    /// Runs a SPARQL update.
    ///
    /// Updates write the store as they say: keeping the merged default graph in step with the
    /// article graphs is then the caller's business. An update whose text gives what it writes
    /// ([`update_names_what_it_writes`]) records the graphs as changed articles and the merged
    /// graph's quads as changed (see [`crate::store::Changes`]), so that what is derived from
    /// them can be brought up to date rather than computed again.
    ///
    /// No update writes the ontology graph: one that names it is refused, and one that writes
    /// graphs it names by variables skips it.
    pub fn update(&self, sparql: &str) -> Result<(), Error> {
        self.update_within(sparql, &QueryLimits::default())
    }

    /// [`Store::update`] within a time limit (through `limits.cancel`) and a memory budget; an
    /// update stopped by either writes nothing.
    pub fn update_within(&self, sparql: &str, limits: &QueryLimits) -> Result<(), Error> {
        let (mut update, shape) = parse_update(sparql)?;
        guard_ontology(&mut update, || self.named_graphs())?;
        let written = written_by(&update);
        let (cancel, budget) = limits.start();
        if cancel.is_some() {
            checkpoints::add_to_update(&mut update);
        }
        let prepared = bounded(evaluator(), shape, cancel.as_ref()).for_update(update);
        let was_out_of_step = self.out_of_step();
        self.mark_out_of_step()?;
        {
            let mut changing = self.changing()?;
            if let (true, Some(written)) = (changing.keeping, &written) {
                changing.by_article();
                changing.changes.merged_behind = true;
                for graph in &written.graphs {
                    let before = self.graph_quads(graph.as_ref().into())?;
                    changing.article(graph.as_ref(), &before);
                }
                changing
                    .changes
                    .merged
                    .extend(written.merged.iter().cloned());
            }
            let _charging = budget.as_ref().map(MemoryBudget::charge_this_thread);
            let stopped = || cancel.as_ref().is_some_and(CancellationToken::is_cancelled);
            let mut transaction = self.inner.start_transaction()?;
            prepared
                .on_transaction(&mut transaction)
                .execute()
                .map_err(|err| {
                    // Oxigraph hands a cancellation on as an opaque error: the token tells.
                    if stopped() {
                        cancelled_by(Error::Cancelled, budget.as_ref())
                    } else {
                        Error::Evaluation(err.to_string())
                    }
                })?;
            // An update cancelled where nothing looked at the token still ends here: dropped
            // uncommitted, it writes nothing, as its caller has been told.
            if stopped() {
                return Err(cancelled_by(Error::Cancelled, budget.as_ref()));
            }
            transaction.commit()?;
        }
        // An update whose text gives what it writes keeps the store in step if the merged
        // graph now holds what the graphs it wrote state, and each fact it took out of the
        // merged graph is one no article states. Any other leaves the mark to the next build.
        if let (false, Some(written)) = (was_out_of_step, &written) {
            let generation = self.generation();
            if let Ok(ontology) = Ontology::embedded() {
                if self.merged_holds_what_they_state(&written.graphs, &written.merged, ontology)? {
                    self.mark_in_step(generation)?;
                }
            }
        }
        Ok(())
    }

    pub fn stats(&self, ontology: &Ontology) -> Result<Stats, Error> {
        let mut stats = Stats {
            quads: self.inner.len()?,
            articles: self.articles()?.len(),
            out_of_step: self.out_of_step(),
            ..Stats::default()
        };
        let mut entities = HashSet::new();
        for quad in self
            .inner
            .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
        {
            let quad = quad?;
            if quad.predicate == rdf::TYPE {
                if let (Term::NamedNode(class), NamedOrBlankNode::NamedNode(entity)) =
                    (&quad.object, &quad.subject)
                {
                    if let Some(class) = ontology.class_by_iri(class.as_str()) {
                        *stats
                            .entities_by_class
                            .entry(class.name.clone())
                            .or_default() += 1;
                        entities.insert(entity.clone());
                    }
                }
            } else if let Some(property) = ontology.property_by_iri(quad.predicate.as_str()) {
                if matches!(property.kind, PropertyKind::Relation | PropertyKind::Value) {
                    *stats
                        .facts_by_predicate
                        .entry(property.name.clone())
                        .or_default() += 1;
                    stats.facts += 1;
                }
            }
        }
        stats.entities = entities.len();
        Ok(stats)
    }
}

fn evaluation_error(err: QueryEvaluationError) -> Error {
    match err {
        QueryEvaluationError::Cancelled => Error::Cancelled,
        other => Error::Evaluation(other.to_string()),
    }
}

/// A SPARQL text the parser refused: where, and what it expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the parser stopped, when it says.
    pub position: Option<Position>,
    /// The parser's message shortened for people: the expected tokens without the
    /// character-class listings.
    pub message: String,
    /// The text's line at `position`, to show with a caret under the column.
    pub line: Option<String>,
}

impl SyntaxError {
    fn new(sparql: &str, err: &spargebra::SparqlSyntaxError) -> Self {
        Self::from_message(sparql, &err.to_string())
    }

    fn from_message(sparql: &str, message: &str) -> Self {
        match parser_place(message) {
            Some((position, detail)) => Self {
                position: Some(position),
                message: shortened(detail),
                line: sparql
                    .lines()
                    .nth(position.line.saturating_sub(1))
                    .map(str::to_owned),
            },
            None => Self {
                position: None,
                message: message.to_owned(),
                line: None,
            },
        }
    }
}

/// Where spargebra's parser stopped, and what it says there, read from its message
/// `error at LINE:COLUMN: DETAIL`. The message is read because it is the one public place of
/// the position: spargebra 0.4's `SparqlSyntaxError` keeps the parser's error (which holds the
/// line and column) in a private field with no accessor, and is `#[error(transparent)]`, so
/// `source()` does not lead to it either. A test parses real queries so that an upgrade that
/// changes the message fails it.
fn parser_place(message: &str) -> Option<(Position, &str)> {
    let (place, detail) = message.strip_prefix("error at ")?.split_once(": ")?;
    let (line, column) = place.split_once(':')?;
    let position = Position {
        line: line.parse().ok()?,
        column: column.parse().ok()?,
    };
    Some((position, detail))
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Some(position) = self.position else {
            return f.write_str(&self.message);
        };
        write!(f, "at {position}: {}", self.message)?;
        if let Some(line) = &self.line {
            write!(
                f,
                "\n  | {line}\n  | {}^",
                " ".repeat(position.column.saturating_sub(1))
            )?;
        }
        Ok(())
    }
}

/// A parser's detail for people: an unknown prefix with the prefixes we declare, the expected
/// tokens without the character-class listings.
fn shortened(detail: &str) -> String {
    if detail.contains("Prefix not found") {
        let known: Vec<&str> = PREFIXES.iter().map(|(name, _)| *name).collect();
        format!(
            "unknown prefix; declare it with PREFIX or use one of {}",
            known.join(", ")
        )
    } else if let Some(expected) = detail.strip_prefix("expected one of ") {
        let tokens: Vec<&str> = expected
            .split(", ")
            .filter(|t| t.starts_with('"') && t.ends_with('"') && t.len() > 2)
            .take(12)
            .collect();
        if tokens.is_empty() {
            "unexpected input".to_owned()
        } else {
            format!("expected one of {}", tokens.join(" "))
        }
    } else {
        detail.to_owned()
    }
}

/// `fg:bans` for an IRI under a known prefix, `<…>` otherwise.
pub fn compact(iri: &str) -> String {
    PREFIXES
        .iter()
        .find_map(|(name, namespace)| {
            iri.strip_prefix(namespace)
                .filter(|local| {
                    !local.is_empty()
                        && local
                            .chars()
                            .all(|c| c.is_alphanumeric() || c == '_' || c == '-')
                })
                .map(|local| format!("{name}:{local}"))
        })
        .unwrap_or_else(|| format!("<{iri}>"))
}

fn variable_names(variables: &[Variable]) -> Vec<String> {
    variables.iter().map(|v| v.as_str().to_owned()).collect()
}

/// SPARQL JSON results (from another store) read in full.
pub fn read_results(json: &mut dyn std::io::Read) -> Result<Answer, Error> {
    let unreadable =
        |err: QueryResultsParseError| Error::Evaluation(format!("unreadable results: {err}"));
    match QueryResultsParser::from_format(QueryResultsFormat::Json)
        .for_reader(json)
        .map_err(unreadable)?
    {
        ReaderQueryResultsParserOutput::Boolean(value) => Ok(Answer::Boolean(value)),
        ReaderQueryResultsParserOutput::Solutions(solutions) => Ok(Answer::Solutions {
            variables: variable_names(solutions.variables()),
            rows: solutions.collect::<Result<_, _>>().map_err(unreadable)?,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The graphs an update writes, and its quads into the merged graph in N-Quads.
    fn written(update: &str) -> Option<(Vec<String>, Vec<String>)> {
        let update = parser().parse_update(update).expect("update");
        written_by(&update).map(|written| {
            (
                written.graphs.iter().map(|g| g.as_str().into()).collect(),
                written.merged.iter().map(ToString::to_string).collect(),
            )
        })
    }

    #[test]
    fn updates_that_give_what_they_write_are_followed_graph_by_graph() {
        let graphs =
            |graphs: &[&str]| Some((graphs.iter().map(|g| (*g).to_owned()).collect(), vec![]));
        assert_eq!(
            written(
                "INSERT DATA { GRAPH <http://a/1> { <http://e/x> fg:bans <http://e/y> } } ; \
                 DELETE DATA { GRAPH <http://a/2> { <http://e/x> fg:bans <http://e/y> } }"
            ),
            graphs(&["http://a/1", "http://a/2"])
        );
        assert_eq!(
            written(
                "WITH <http://a/3> DELETE { ?s fg:bans ?o } INSERT { GRAPH <http://a/4> { ?s fg:bans ?o } } \
                 WHERE { ?s fg:bans ?o }"
            ),
            graphs(&["http://a/3", "http://a/4"])
        );
        assert_eq!(
            written(
                "CLEAR GRAPH <http://a/5> ; DROP SILENT GRAPH <http://a/6> ; CREATE GRAPH <http://a/7>"
            ),
            graphs(&["http://a/5", "http://a/6"])
        );
        assert_eq!(
            written(
                "INSERT DATA { GRAPH <https://w3id.org/factgraph/ontology> { fg:x a owl:Class } }"
            ),
            graphs(&[]),
            "the ontology's copy is no article"
        );
        assert_eq!(
            written(
                "INSERT DATA { <http://e/x> skos:altLabel \"X\" . GRAPH <http://a/1> { <http://e/x> fg:bans <http://e/y> } } ; \
                 DELETE DATA { <http://e/x> fg:bans <http://e/y> }"
            ),
            Some((
                vec!["http://a/1".to_owned()],
                vec![
                    "<http://e/x> <http://www.w3.org/2004/02/skos/core#altLabel> \"X\"".to_owned(),
                    format!(
                        "<http://e/x> <{}bans> <http://e/y>",
                        crate::ontology::NAMESPACE
                    ),
                ]
            )),
            "quads into the merged graph are given as they are"
        );
    }

    #[test]
    fn updates_that_may_write_graphs_or_merged_quads_they_do_not_give_are_not() {
        for update in [
            "DELETE { GRAPH ?g { ?s fg:bans ?o } } WHERE { GRAPH ?g { ?s fg:bans ?o } }",
            "DELETE WHERE { ?s fg:bans ?o }",
            "INSERT { ?s fg:bans ?o } WHERE { GRAPH <http://a/1> { ?s fg:bans ?o } }",
            "CLEAR DEFAULT",
            "CLEAR NAMED",
            "DROP ALL",
            "LOAD <http://example.org/data.ttl>",
        ] {
            assert_eq!(written(update), None, "{update}");
            assert!(!update_names_what_it_writes(update), "{update}");
        }
        assert!(update_names_what_it_writes(
            "DELETE WHERE { GRAPH <http://a/1> { ?s fg:bans ?o } }"
        ));
        assert!(!update_names_what_it_writes("not an update"));
    }

    #[test]
    fn the_parser_place_is_read_from_its_message() {
        assert_eq!(
            parser_place("error at 12:3: expected one of \"(\""),
            Some((
                Position {
                    line: 12,
                    column: 3
                },
                "expected one of \"(\""
            ))
        );
        for unplaced in [
            "The blank node _:b cannot be shared by multiple blocks",
            "error at 12: expected one of \"(\"",
            "error at x:3: expected one of \"(\"",
            "error at 12:3 expected one of \"(\"",
        ] {
            assert_eq!(parser_place(unplaced), None, "{unplaced}");
        }
    }

    /// Fails when a spargebra upgrade changes the message the position is read from.
    #[test]
    fn the_parser_still_gives_its_place_in_its_message() {
        let query = "SELECT ?x\nWHERE { ?x <http://a/p> }";
        let err = spargebra::SparqlParser::new()
            .parse_query(query)
            .unwrap_err();
        let syntax = SyntaxError::new(query, &err);
        assert_eq!(
            (syntax.position, syntax.line.as_deref()),
            (
                // The `}` where the object was due.
                Some(Position {
                    line: 2,
                    column: 25
                }),
                Some("WHERE { ?x <http://a/p> }")
            ),
            "the parser said: {err}"
        );
        let update = "INSERT DATA {\n  <http://a/s> <http://a/p> }";
        let err = spargebra::SparqlParser::new()
            .parse_update(update)
            .unwrap_err();
        assert_eq!(
            SyntaxError::new(update, &err).position,
            // The `}` where the object was due.
            Some(Position {
                line: 2,
                column: 29
            }),
            "the parser said: {err}"
        );
    }

    #[test]
    fn syntax_errors_are_short_and_placed() {
        let long =
            r#"error at 1:30: expected one of "$", "(", ['0'..='9'], ['A' ..= 'Z' | 'a' ..= 'z']"#;
        let placed = SyntaxError::from_message("SELECT ?x WHERE { ?x fg:bans }", long);
        assert_eq!(
            placed.position,
            Some(Position {
                line: 1,
                column: 30
            })
        );
        assert_eq!(
            placed.to_string(),
            "at 1:30: expected one of \"$\" \"(\"\n  | SELECT ?x WHERE { ?x fg:bans }\n  |                              ^"
        );
        let prefix = "error at 1:3: expected one of Prefix not found, ['%']";
        assert!(
            SyntaxError::from_message("x", prefix)
                .to_string()
                .starts_with("at 1:3: unknown prefix; declare it with PREFIX")
        );
    }

    #[test]
    fn iris_are_compacted_when_a_prefix_fits() {
        assert_eq!(
            compact("https://w3id.org/factgraph/ontology#bans"),
            "fg:bans"
        );
        assert_eq!(
            compact("https://w3id.org/factgraph/entity/alipay"),
            "<https://w3id.org/factgraph/entity/alipay>"
        );
        assert_eq!(compact("https://schema.org/"), "<https://schema.org/>");
    }
}
