//! The entity graph saved beside the store, so that the next process loads it in a fraction of
//! a second instead of decoding every quad of the store again (about two minutes at a million
//! facts, nearly all of it spent by the storage engine turning ids back into IRIs).
//!
//! The file is one of the store's derived files: the store removes it before any write, so a
//! file that is there describes the store as it is. It also names the format version and the
//! ontology it was built under; a file that does not match, or that cannot be read whole, is
//! ignored and the graph is built from the store again.
//!
//! Layout: the graph's structure (articles, entities, predicates, edges with their supports),
//! then every evidence quote in one section, then the adjacency index searches walk, then the
//! two sections' positions and the magic again. A load reads the structure and maps the quote
//! section, which stays on disk until read; the index is read when a search first needs it,
//! a fraction of the time building it takes.

use std::io::{self, Read, Seek, SeekFrom, Write};

use oxigraph::model::NamedNodeRef;
use petgraph::graph::{EdgeIndex, NodeIndex};

use super::files;
use crate::graph::adjacency::{Adjacency, Brief, Link};
use crate::graph::articles::Articles;
use crate::graph::entities::Entities;
use crate::graph::quotes::{Quotes, SavedQuotes};
use crate::graph::{ArticleRef, Projection, Stored, Support};
use crate::ontology::Ontology;
use crate::store::Store;
use crate::text::content_hash;

pub(in crate::graph) const FILE: &str = "entity-graph.bin";
const MAGIC: &[u8; 8] = b"FGGRAPH3";
/// The quote and index sections' positions and the magic, at the end of the file.
const TRAILER: u64 = 24;

/// Names the ontology a graph was built under: its classes and properties, which decide what
/// is an entity, a relation and a class.
pub(super) fn ontology_stamp(ontology: &Ontology) -> String {
    let classes: Vec<_> = ontology.classes().collect();
    let properties: Vec<_> = ontology.properties().collect();
    content_hash(&[format!("{classes:?}{properties:?}").as_bytes()])
}

/// Loads the saved graph, if there is a valid one for this ontology.
pub(super) fn load(store: &Store, ontology_stamp: &str) -> Option<Projection> {
    let file = files::open(store, FILE)?;
    read(file, ontology_stamp).ok()
}

/// Saves the graph built from a read of the store that began at `generation`.
pub(super) fn save(
    store: &Store,
    generation: u64,
    projection: &Projection,
    ontology_stamp: &str,
) -> io::Result<bool> {
    files::save(store, FILE, generation, |out| {
        write(&mut Output { out, written: 0 }, projection, ontology_stamp)
    })
}

fn write(out: &mut Output<'_>, projection: &Projection, ontology_stamp: &str) -> io::Result<()> {
    out.bytes(MAGIC)?;
    out.text(ontology_stamp)?;
    out.count(projection.articles.len())?;
    for article in projection.articles.iter() {
        out.text(article.iri.as_str())?;
        out.text(article.id)?;
        out.optional_text(article.published)?;
    }
    out.count(projection.graph.node_count())?;
    for (_, entity) in projection.entities() {
        out.text(entity.iri.as_str())?;
        out.text(entity.label)?;
        out.text(entity.class)?;
        out.count(entity.aliases.len())?;
        for alias in entity.aliases.iter() {
            out.text(alias)?;
        }
    }
    // Shared repeat on every edge: each is written once and referred to by number.
    out.count(projection.predicates.len())?;
    for predicate in &projection.predicates {
        out.text(predicate)?;
    }
    out.count(projection.graph.edge_count())?;
    let mut quoted = 0u64;
    for (index, edge) in projection.graph.raw_edges().iter().enumerate() {
        out.index(edge.source().index())?;
        out.index(edge.target().index())?;
        out.index(edge.weight.predicate as usize)?;
        let supports = projection.supports_at(EdgeIndex::new(index));
        out.index(supports.len())?;
        for support in supports {
            out.index(support.article as usize)?;
            out.bytes(&support.confidence.to_le_bytes())?;
            let length = projection.evidence(support).map_or(0, str::len);
            out.bytes(&quoted.to_le_bytes())?;
            out.index(length)?;
            quoted += length as u64;
        }
    }
    out.bytes(&quoted.to_le_bytes())?;
    let section = out.written;
    // The quotes in the order the edges gave their offsets.
    for edge in projection.graph.edge_indices() {
        for support in projection.supports_at(edge) {
            if let Some(quote) = projection.evidence(support) {
                out.bytes(quote.as_bytes())?;
            }
        }
    }
    let index_section = out.written;
    write_adjacency(out, projection.undirected_adjacency_index())?;
    out.bytes(&section.to_le_bytes())?;
    out.bytes(&index_section.to_le_bytes())?;
    out.bytes(MAGIC)
}

fn write_adjacency(out: &mut Output<'_>, adjacency: &Adjacency) -> io::Result<()> {
    out.count(adjacency.rank_of.len())?;
    out.count(adjacency.links.len())?;
    for &offset in &adjacency.offsets {
        out.count(offset)?;
    }
    for rank in &adjacency.rank_of {
        out.bytes(&rank.to_le_bytes())?;
    }
    for link in &adjacency.links {
        out.bytes(&link.other.to_le_bytes())?;
        out.bytes(&link.fact.to_le_bytes())?;
    }
    let briefs: Vec<u8> = adjacency.briefs.iter().map(|brief| brief.0).collect();
    out.bytes(&briefs)
}

/// The adjacency index section of a saved graph file, left on disk until a search needs it.
#[derive(Debug)]
pub(in crate::graph) struct SavedAdjacency {
    file: std::fs::File,
    offset: u64,
    length: usize,
}

impl SavedAdjacency {
    /// The index, if the section holds a whole one for `projection`, the graph of its file.
    pub(in crate::graph) fn read(&self, projection: &Projection) -> Option<Adjacency> {
        // SAFETY: as for the quotes (`SavedQuotes::map`): derived files are only ever replaced
        // by renaming a new file over them, never written in place.
        let section = unsafe {
            memmap2::MmapOptions::new()
                .offset(self.offset)
                .len(self.length)
                .map(&self.file)
                .ok()?
        };
        let mut input = Input(&section);
        let adjacency =
            read_adjacency(&mut input, projection.node_count(), projection.edge_count()).ok()?;
        input.0.is_empty().then_some(adjacency)
    }
}

/// Checks what a search would otherwise trust: rows that tile the links, ranks that number
/// the entities once each, links to entities and facts of the graph, a brief for every fact.
fn read_adjacency(input: &mut Input, nodes: usize, edges: usize) -> io::Result<Adjacency> {
    if input.count()? != nodes {
        return Err(invalid("index of another graph"));
    }
    let total = input.count()?;
    // A fact is in the rows of its two entities, or in none.
    if total > edges.saturating_mul(2) {
        return Err(invalid("too many links"));
    }
    let mut offsets = crate::graph::pages::filled(nodes + 1, 0usize);
    let mut previous = 0;
    for offset in &mut offsets {
        *offset = input.count()?;
        if *offset < previous || *offset > total {
            return Err(invalid("rows out of order"));
        }
        previous = *offset;
    }
    if offsets.first() != Some(&0) || offsets.last() != Some(&total) {
        return Err(invalid("rows that do not cover the links"));
    }
    let mut rank_of = vec![0u32; nodes];
    let mut ranked = vec![false; nodes];
    for rank in &mut rank_of {
        *rank = input.u32()?;
        let seen = ranked
            .get_mut(*rank as usize)
            .ok_or_else(|| invalid("rank out of range"))?;
        if std::mem::replace(seen, true) {
            return Err(invalid("rank given twice"));
        }
    }
    let mut links = crate::graph::pages::filled(total, Link::default());
    let bytes = input.take(
        total
            .checked_mul(8)
            .ok_or_else(|| invalid("too many links"))?,
    )?;
    for (link, bytes) in links.iter_mut().zip(bytes.chunks_exact(8)) {
        let mut input = Input(bytes);
        let (other, fact) = (input.u32()?, input.u32()?);
        if other as usize >= nodes || fact as usize >= edges {
            return Err(invalid("link out of range"));
        }
        *link = Link { other, fact };
    }
    let briefs = input
        .take(edges)?
        .iter()
        .map(|&brief| Brief(brief))
        .collect();
    Ok(Adjacency::new(rank_of, offsets, links, briefs))
}

fn read(mut file: std::fs::File, ontology_stamp: &str) -> io::Result<Projection> {
    let size = file.metadata()?.len();
    let trailer_at = size
        .checked_sub(TRAILER)
        .ok_or_else(|| invalid("truncated"))?;
    file.seek(SeekFrom::Start(trailer_at))?;
    let mut trailer = [0; TRAILER as usize];
    file.read_exact(&mut trailer)?;
    let mut tail = Input(&trailer);
    let section = tail.u64()?;
    let index_section = tail.u64()?;
    tail.magic()?;
    let structure_end = section
        .checked_sub(8)
        .filter(|end| *end <= trailer_at)
        .ok_or_else(|| invalid("quote section out of place"))?;
    let structure_length =
        usize::try_from(structure_end + 8).map_err(|_| invalid("structure too large"))?;
    // Mapped rather than read: the structure is parsed once, front to back, and a read would
    // copy it into memory that is then faulted in and thrown away.
    // SAFETY: as for the quotes (`SavedQuotes::map`): derived files are only ever replaced by
    // renaming a new file over them, never written in place.
    let structure = unsafe {
        memmap2::MmapOptions::new()
            .len(structure_length)
            .map(&file)?
    };
    // Advice: a refusal changes nothing but the read-ahead.
    #[cfg(unix)]
    let _ = structure.advise(memmap2::Advice::Sequential);
    let mut input = Input(&structure);
    let mut projection = read_structure(&mut input, ontology_stamp)?;
    let quoted = input.u64()?;
    if !input.0.is_empty()
        || section.checked_add(quoted) != Some(index_section)
        || index_section >= trailer_at
    {
        return Err(invalid("quote section of the wrong size"));
    }
    let quoted = usize::try_from(quoted).map_err(|_| invalid("quote section too large"))?;
    projection.quotes = Quotes::saved(SavedQuotes::map(&file, section, quoted)?);
    let length = usize::try_from(trailer_at - index_section)
        .map_err(|_| invalid("index section too large"))?;
    projection.saved_adjacency = Some(SavedAdjacency {
        file,
        offset: index_section,
        length,
    });
    Ok(projection)
}

fn read_structure(input: &mut Input, ontology_stamp: &str) -> io::Result<Projection> {
    input.magic()?;
    if input.text()? != ontology_stamp {
        return Err(invalid("built under another ontology"));
    }
    let mut projection = Projection::default();
    let articles = input.count()?;
    projection.articles = Articles::with_capacity(articles.min(1 << 24));
    for _ in 0..articles {
        projection.articles.push(ArticleRef {
            iri: saved_iri(input.text()?)?,
            id: input.text()?,
            published: input.optional_text()?,
        });
    }
    projection.articles.finish();
    let nodes = input.count()?;
    projection.graph.reserve_nodes(nodes.min(1 << 24));
    projection.entities = Entities::with_capacity(nodes.min(1 << 24));
    let mut aliases = Vec::new();
    for _ in 0..nodes {
        let iri = saved_iri(input.text()?)?;
        let label = input.text()?;
        let class = input.text()?;
        aliases.clear();
        for _ in 0..input.count()? {
            aliases.push(input.text()?);
        }
        projection.add_entity_parts(iri.as_str(), label, class, aliases.iter().copied());
    }
    projection.predicates = (0..input.count()?)
        .map(|_| input.text().map(Box::from))
        .collect::<io::Result<_>>()?;
    let edges = input.count()?;
    projection.graph.reserve_exact_edges(edges.min(1 << 28));
    // A shortest path's last reads are its hops' facts, at random places of this list.
    crate::graph::pages::advise_huge_pages(
        projection.graph.raw_edges().as_ptr().addr(),
        projection.graph.capacity().1 * size_of::<petgraph::graph::Edge<Stored>>(),
    );
    // About two supports an edge: a guess that spares most of the list's regrowth.
    projection.supports.reserve(edges.min(1 << 28) * 2);
    for _ in 0..edges {
        let (source, target, predicate) = (input.u32()?, input.u32()?, input.u32()?);
        if source as usize >= nodes || target as usize >= nodes {
            return Err(invalid("entity out of range"));
        }
        if predicate as usize >= projection.predicates.len() {
            return Err(invalid("predicate out of range"));
        }
        let first = u32::try_from(projection.supports.len()).map_err(|_| invalid("too many"))?;
        let count = input.u32()?;
        for _ in 0..count {
            let article = input.u32()?;
            if article as usize >= articles {
                return Err(invalid("article out of range"));
            }
            let confidence = f32::from_le_bytes(input.array()?);
            let offset = usize::try_from(input.u64()?).map_err(|_| invalid("quote offset"))?;
            let evidence = Quotes::in_saved(offset, input.index()?)
                .ok_or_else(|| invalid("quote out of range"))?;
            projection.supports.push(Support {
                article,
                confidence,
                evidence,
            });
        }
        if u32::try_from(projection.supports.len()).is_err() {
            return Err(invalid("too many supports"));
        }
        projection.graph.add_edge(
            NodeIndex::new(source as usize),
            NodeIndex::new(target as usize),
            Stored { predicate, first },
        );
    }
    projection.supports.shrink_to_fit();
    projection.index_entities();
    Ok(projection)
}

/// Bytes no IRI holds: controls, space, delete and `<>"{}|\^` and the backquote.
const NEVER_IN_IRI: [bool; 256] = {
    let mut never = [false; 256];
    let mut byte = 0;
    while byte <= b' ' as usize {
        never[byte] = true;
        byte += 1;
    }
    never[0x7f] = true;
    let punctuation = b"<>\"{}|\\^`";
    let mut at = 0;
    while at < punctuation.len() {
        never[punctuation[at] as usize] = true;
        at += 1;
    }
    never
};

/// An IRI of the file. factgraph wrote it from an IRI it had checked, and parsing it again took
/// a fifth of the load, so this checks only that the text can be an IRI: a scheme, a colon, and
/// no character an IRI never holds. Damage that passes leaves a wrong IRI in the graph, as does
/// damage that turns one valid IRI into another, which no check of the IRI alone would catch.
fn saved_iri(text: &str) -> io::Result<NamedNodeRef<'_>> {
    let scheme_ok = text.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
    });
    let characters_ok = !text.bytes().any(|b| NEVER_IN_IRI[usize::from(b)]);
    if scheme_ok && characters_ok {
        Ok(NamedNodeRef::new_unchecked(text))
    } else {
        Err(invalid("bad IRI"))
    }
}

fn invalid(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what)
}

struct Output<'a> {
    out: &'a mut dyn Write,
    written: u64,
}

impl Output<'_> {
    fn bytes(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.written += bytes.len() as u64;
        self.out.write_all(bytes)
    }

    fn count(&mut self, n: usize) -> io::Result<()> {
        let n = u64::try_from(n).map_err(|_| invalid("count too large"))?;
        self.bytes(&n.to_le_bytes())
    }

    /// An index or a count within the graph, in four bytes.
    fn index(&mut self, n: usize) -> io::Result<()> {
        let n = u32::try_from(n).map_err(|_| invalid("index too large"))?;
        self.bytes(&n.to_le_bytes())
    }

    fn text(&mut self, text: &str) -> io::Result<()> {
        self.count(text.len())?;
        self.bytes(text.as_bytes())
    }

    fn optional_text(&mut self, text: Option<&str>) -> io::Result<()> {
        match text {
            Some(text) => {
                self.bytes(&[1])?;
                self.text(text)
            }
            None => self.bytes(&[0]),
        }
    }
}

/// The rest of the bytes to read.
struct Input<'a>(&'a [u8]);

impl<'a> Input<'a> {
    fn take(&mut self, n: usize) -> io::Result<&'a [u8]> {
        if n > self.0.len() {
            return Err(invalid("truncated"));
        }
        let (taken, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(taken)
    }

    fn array<const N: usize>(&mut self) -> io::Result<[u8; N]> {
        let mut bytes = [0; N];
        bytes.copy_from_slice(self.take(N)?);
        Ok(bytes)
    }

    fn magic(&mut self) -> io::Result<()> {
        if self.array::<8>()? == *MAGIC {
            Ok(())
        } else {
            Err(invalid("not an entity graph file of this version"))
        }
    }

    fn u64(&mut self) -> io::Result<u64> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    fn u32(&mut self) -> io::Result<u32> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn count(&mut self) -> io::Result<usize> {
        usize::try_from(self.u64()?).map_err(|_| invalid("count too large"))
    }

    fn index(&mut self) -> io::Result<usize> {
        Ok(self.u32()? as usize)
    }

    fn text(&mut self) -> io::Result<&'a str> {
        let len = self.count()?;
        std::str::from_utf8(self.take(len)?).map_err(|_| invalid("text is not UTF-8"))
    }

    fn optional_text(&mut self) -> io::Result<Option<&'a str>> {
        match self.array::<1>()? {
            [0] => Ok(None),
            [1] => self.text().map(Some),
            _ => Err(invalid("bad optional text marker")),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::graph::tests::ingest_sheets;
    use crate::ingest::Input;

    /// A new store in a temporary folder, with these sheets of tests/fixtures/good ingested.
    fn store_with(sheets: &[&str]) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        ingest(&store, sheets);
        (dir, store)
    }

    fn ingest(store: &Store, sheets: &[&str]) {
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good");
        let sheets = sheets.iter().map(|s| Input::File(fixtures.join(s)));
        ingest_sheets(store, sheets.collect());
    }

    /// Everything a projection holds, in its order.
    fn contents(projection: &Projection) -> Vec<String> {
        let mut lines: Vec<String> = projection
            .articles
            .iter()
            .map(|a| format!("{a:?}"))
            .collect();
        lines.extend(projection.entities().map(|e| format!("{e:?}")));
        for edge in 0..projection.edge_count() {
            let relation = projection.relation(edge);
            let supports: Vec<_> = relation
                .supports
                .iter()
                .map(|s| (s.article, s.confidence(), projection.evidence(s)))
                .collect();
            lines.push(format!(
                "{:?} {} {supports:?}",
                projection.endpoints(edge),
                relation.predicate
            ));
        }
        lines
    }

    fn stamp() -> String {
        ontology_stamp(Ontology::embedded().expect("ontology"))
    }

    #[test]
    fn a_build_read_on_several_threads_is_the_build_read_on_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let sheets = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sheets");
        let mut files: Vec<Input> = std::fs::read_dir(&sheets)
            .expect("data/sheets")
            .map(|entry| Input::File(entry.expect("entry").path()))
            .collect();
        files.sort_by_key(|input| format!("{input:?}"));
        assert!(files.len() >= 7);
        ingest_sheets(&store, files);
        let ontology = Ontology::embedded().expect("ontology");
        let one_pass = Projection::from_quads(store.quads(), ontology).expect("build");
        let never = std::sync::atomic::AtomicBool::new(false);
        // One graph a task on three threads: article graphs land in different builders.
        for (workers, graphs_per_task) in [(1, 256), (2, 1), (3, 1), (4, 3)] {
            let split = crate::graph::Builder::read_store(
                &store,
                ontology,
                &never,
                workers,
                graphs_per_task,
                true,
            )
            .expect("read")
            .expect("not cancelled")
            .finish(ontology);
            assert_eq!(
                contents(&split),
                contents(&one_pass),
                "{workers} workers, {graphs_per_task} graphs a task"
            );
        }
        let cancelled = std::sync::atomic::AtomicBool::new(true);
        assert!(
            crate::graph::Builder::read_store(&store, ontology, &cancelled, 2, 1, true)
                .expect("read")
                .is_none()
        );
    }

    #[test]
    fn a_saved_graph_loads_as_it_was_built() {
        let (_dir, store) = store_with(&["story-a.json", "story-b.json"]);
        let ontology = Ontology::embedded().expect("ontology");
        let built = Projection::from_quads(store.quads(), ontology).expect("build");
        assert!(built.edge_count() > 0);
        assert!(
            contents(&built).iter().any(|line| line.contains("Some(\"")),
            "the fixtures give evidence"
        );
        let from_store = Projection::from_store(&store, ontology).expect("build and save");
        let loaded = load(&store, &stamp()).expect("the build saved the graph");
        assert_eq!(contents(&loaded), contents(&built));
        assert_eq!(contents(&from_store), contents(&built));
        assert_eq!(loaded.lookup("TRUMP").ok(), built.lookup("trump").ok());
        let saved = loaded.saved_adjacency.as_ref().expect("an index section");
        let read = saved.read(&loaded).expect("the saved index reads back");
        assert_eq!(index_parts(&read), index_parts(&Adjacency::of(&built)));
    }

    /// Everything an adjacency index holds, as text.
    fn index_parts(adjacency: &Adjacency) -> String {
        let links: Vec<_> = adjacency.links.iter().map(|l| (l.other, l.fact)).collect();
        let briefs: Vec<_> = adjacency.briefs.iter().map(|b| b.0).collect();
        format!(
            "{:?} {:?} {links:?} {briefs:?}",
            adjacency.rank_of, adjacency.offsets
        )
    }

    /// A damaged index section is built again; the rest of the file still loads.
    #[test]
    fn a_damaged_index_is_built_again() {
        let (dir, store) = store_with(&["story-a.json", "story-b.json"]);
        let ontology = Ontology::embedded().expect("ontology");
        let built = Projection::from_store(&store, ontology).expect("build");
        let expected = index_parts(&Adjacency::of(&built));
        let (nodes, edges) = (built.node_count(), built.edge_count());
        let (from, to) = (
            built.lookup("Donald Trump").expect("Trump"),
            built.lookup("Ant Group").expect("Ant Group"),
        );
        let path = built.shortest_path(from, to, &crate::graph::PathQuery::default());
        assert!(path.is_some());
        drop(built);
        let file = dir.path().join("factgraph-derived").join(FILE);
        let bytes = std::fs::read(&file).expect("saved file");
        let trailer = bytes.len() - TRAILER as usize;
        let index = u64::from_le_bytes(bytes[trailer + 8..trailer + 16].try_into().unwrap());
        let ranks = index as usize + 16 + (nodes + 1) * 8;
        let links = ranks + nodes * 4;
        let damages: [(usize, Vec<u8>); 5] = [
            // A second entity of rank 0.
            (ranks + 4, bytes[ranks..ranks + 4].to_vec()),
            // A link to no entity, then to no fact.
            (links, (nodes as u32).to_le_bytes().to_vec()),
            (links + 4, (edges as u32).to_le_bytes().to_vec()),
            // Rows that overrun the links.
            (ranks - 8, u64::MAX.to_le_bytes().to_vec()),
            // An index of another graph: one entity more.
            (index as usize, ((nodes + 1) as u64).to_le_bytes().to_vec()),
        ];
        for (at, damage) in damages {
            let mut damaged = bytes.clone();
            damaged[at..at + damage.len()].copy_from_slice(&damage);
            std::fs::write(&file, &damaged).expect("damage");
            let loaded = load(&store, &stamp()).expect("the rest of the file loads");
            let saved = loaded.saved_adjacency.as_ref().expect("an index section");
            assert!(saved.read(&loaded).is_none(), "damage at {at} passed");
            let found = loaded.shortest_path(from, to, &crate::graph::PathQuery::default());
            assert_eq!(found, path);
            assert_eq!(index_parts(loaded.undirected_adjacency_index()), expected);
        }
    }

    #[test]
    fn a_write_removes_the_saved_graph_and_the_next_build_sees_it() {
        let (_dir, store) = store_with(&["story-a.json"]);
        let ontology = Ontology::embedded().expect("ontology");
        let before = Projection::from_store(&store, ontology).expect("build");
        assert!(before.lookup("Alibaba").is_err());
        assert!(load(&store, &stamp()).is_some());
        ingest(&store, &["story-b.json"]);
        assert!(
            load(&store, &stamp()).is_none(),
            "the write left a stale graph"
        );
        let after = Projection::from_store(&store, ontology).expect("build");
        let alibaba = after.lookup("Alibaba").expect("the new entity");
        assert!((0..after.edge_count()).any(|e| {
            let (subject, object) = after.endpoints(e);
            subject == alibaba || object == alibaba
        }));
    }

    #[test]
    fn a_build_that_overlapped_a_write_is_not_kept() {
        let (_dir, store) = store_with(&["story-a.json"]);
        let ontology = Ontology::embedded().expect("ontology");
        let generation = store.generation();
        let projection = Projection::from_quads(store.quads(), ontology).expect("build");
        ingest(&store, &["story-b.json"]);
        assert!(!save(&store, generation, &projection, &stamp()).expect("save"));
        assert!(load(&store, &stamp()).is_none());
        assert!(save(&store, store.generation(), &projection, &stamp()).expect("save"));
        assert!(load(&store, &stamp()).is_some());
    }

    #[test]
    fn a_cancelled_build_gives_up_and_saves_nothing() {
        let (_dir, store) = store_with(&["story-a.json"]);
        let ontology = Ontology::embedded().expect("ontology");
        let cancelled = std::sync::atomic::AtomicBool::new(true);
        let outcome = Projection::from_store_unless(&store, ontology, &cancelled).expect("read");
        assert!(outcome.is_none());
        assert!(load(&store, &stamp()).is_none());
        cancelled.store(false, std::sync::atomic::Ordering::SeqCst);
        let built = Projection::from_store_unless(&store, ontology, &cancelled)
            .expect("read")
            .expect("not cancelled");
        assert!(built.edge_count() > 0);
        assert!(load(&store, &stamp()).is_some());
    }

    #[test]
    fn saved_iris_need_a_scheme_and_no_character_an_iri_never_holds() {
        for iri in [
            "https://factgraph.example/entity/ant-group",
            "http://www.wikidata.org/entity/Q4774213",
            "urn:isbn:0451450523",
            "https://example.org/caf%C3%A9?q=1#frag",
            "https://example.org/café",
        ] {
            assert_eq!(saved_iri(iri).expect(iri).as_str(), iri);
        }
        for damaged in [
            "",
            "no scheme",
            "://example.org",
            "1http://example.org",
            "ht tp://example.org",
            "https://example.org/a b",
            "https://example.org/<a>",
            "https://example.org/\"",
            "https://example.org/\u{7f}",
            "https://example.org/\n",
        ] {
            assert!(saved_iri(damaged).is_err(), "{damaged:?}");
        }
    }

    #[test]
    fn a_damaged_or_foreign_file_is_ignored_and_built_again() {
        let (dir, store) = store_with(&["story-a.json", "story-b.json"]);
        let ontology = Ontology::embedded().expect("ontology");
        // Compared as text and dropped: a graph maps the file it was loaded from, which only
        // factgraph writes, by renaming a new file over it, never in place as this test does.
        let built = contents(&Projection::from_store(&store, ontology).expect("build"));
        assert!(load(&store, "another ontology").is_none());
        let file = dir.path().join("factgraph-derived").join(FILE);
        let bytes = std::fs::read(&file).expect("saved file");
        for damaged in [
            &bytes[..bytes.len() / 2],
            &bytes[..bytes.len() - 1],
            b"FGGRAPH1",
        ] {
            std::fs::write(&file, damaged).expect("damage");
            assert!(load(&store, &stamp()).is_none());
            let rebuilt = Projection::from_store(&store, ontology).expect("rebuild");
            assert_eq!(contents(&rebuilt), built);
        }
    }
}
