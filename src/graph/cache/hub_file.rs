//! The default path query's hub table (`src/graph/hub_routes.rs`) saved beside the entity
//! graph, so that a server start or a single `factgraph path` need not work it out again
//! (about 27 s at ten million facts).
//!
//! The file is one of the store's derived files, like the saved graph: the store removes it
//! before any write, and it is saved only when no write overtook the read of the graph it was
//! worked out for. It is also never trusted on that alone: it names a hash of everything the
//! table depends on (each row of the adjacency index, its links and what each costs either way
//! to the bit, the ranks), and a hash of its own content; the entities, the hubs and what
//! entering each costs must be the graph's. A file that fails any of these, or cannot be read
//! whole, is ignored, and the table is worked out again where it is worked out at all.

use std::io::BufReader;

use super::files;
use crate::graph::Projection;
use crate::graph::hub_routes::HubRoutes;
use crate::store::Store;

pub(in crate::graph) const FILE: &str = "hub-table.bin";

/// Where a graph's hub table came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HubTableFrom {
    /// Read from the file saved beside the store.
    Loaded,
    /// Worked out, the file being missing, of another graph, or damaged.
    Built,
}

impl Projection {
    /// Loads the hub table saved beside `store`, if it is this graph's and whole (see the
    /// module's documentation), unless the graph has its table already. Returns whether the
    /// graph has one now. Reads the adjacency index and works out the hop costs, which the
    /// default query needs anyway.
    pub fn load_hub_table(&self, store: &Store) -> bool {
        if self.hub_routes().is_some() {
            return true;
        }
        let Some(file) = files::open(store, FILE) else {
            return false;
        };
        let fingerprint =
            HubRoutes::fingerprint(self.undirected_adjacency_index(), self.step_costs());
        let mut input = BufReader::with_capacity(1 << 20, file);
        match HubRoutes::read(&mut input, self, fingerprint) {
            Ok(table) => {
                // Another thread may have set one meanwhile: the same table.
                let _ = self.hub_routes.set(table);
                true
            }
            Err(_) => false,
        }
    }

    /// Saves the graph's hub table beside `store`, unless it has none or the store has been
    /// written since `generation` (the read the graph was built from). Returns whether it was
    /// saved.
    pub fn save_hub_table(&self, store: &Store, generation: u64) -> std::io::Result<bool> {
        let Some(table) = self.hub_routes() else {
            return Ok(false);
        };
        let fingerprint =
            HubRoutes::fingerprint(self.undirected_adjacency_index(), self.step_costs());
        files::save(store, FILE, generation, |out| {
            table.write(out, self.node_count(), fingerprint)
        })
    }

    /// Writes the graph's hub table as [`Projection::save_hub_table`] saves it, for benchmarks
    /// to time; `false` if it has none.
    #[doc(hidden)]
    pub fn write_hub_table(&self, out: &mut dyn std::io::Write) -> std::io::Result<bool> {
        let Some(table) = self.hub_routes() else {
            return Ok(false);
        };
        let fingerprint =
            HubRoutes::fingerprint(self.undirected_adjacency_index(), self.step_costs());
        table.write(out, self.node_count(), fingerprint)?;
        Ok(true)
    }

    /// Reads a table [`Projection::write_hub_table`] wrote and checks it as
    /// [`Projection::load_hub_table`] does, without keeping it, for benchmarks to time:
    /// whether it would be read.
    #[doc(hidden)]
    pub fn check_hub_table(&self, input: &mut dyn std::io::Read) -> bool {
        let fingerprint =
            HubRoutes::fingerprint(self.undirected_adjacency_index(), self.step_costs());
        HubRoutes::read(input, self, fingerprint).is_ok()
    }

    /// The hub table, loaded from beside `store` when a valid one is saved there, else worked
    /// out and saved (unless the store has been written since `generation`, the read the graph
    /// was built from). Only a cache: a table that cannot be saved is still used.
    pub fn load_or_prepare_hub_table(&self, store: &Store, generation: u64) -> HubTableFrom {
        if self.load_hub_table(store) {
            return HubTableFrom::Loaded;
        }
        self.prepare_hub_table();
        let _ = self.save_hub_table(store, generation);
        HubTableFrom::Built
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::{ingest, sheet_versions};
    use crate::ingest::Input;
    use crate::ontology::Ontology;

    /// A store holding the first `count` sheets of data/sheets, written as `factgraph ingest`
    /// writes them (the graph, and with it the hub table, saved after the write).
    fn store_of(count: usize) -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let sheets = sheet_versions()
            .into_iter()
            .take(count)
            .map(|(id, bytes)| Input::Memory {
                name: format!("{id}.json"),
                bytes: bytes[0].clone(),
            })
            .collect();
        ingest(&store, sheets);
        (dir, store)
    }

    fn table_file(store: &Store) -> std::path::PathBuf {
        store.derived_folder().join(FILE)
    }

    /// The ingest saves the table beside the graph; a process that loads the graph loads the
    /// table, the same to the bit as one worked out again, and answers the same with it as
    /// without it. A damaged file, a truncated one, and the table of another graph are not
    /// read.
    #[test]
    fn the_hub_table_saved_with_the_graph_is_read_only_for_it_and_whole() {
        let ontology = Ontology::embedded().expect("ontology");
        let (_dir, store) = store_of(7);
        let file = table_file(&store);
        assert!(file.is_file(), "the ingest saved no hub table");
        let loaded = Projection::from_store(&store, ontology).expect("graph");
        assert!(
            loaded.load_hub_table(&store),
            "the saved table was not read"
        );
        let table = loaded.hub_routes().expect("a table");
        assert!(table.count() > 0, "no hubs");
        let built = Projection::from_store(&store, ontology).expect("graph");
        built.prepare_hub_table();
        let fresh = built.hub_routes().expect("a table");
        let mut saved = Vec::new();
        table
            .write(&mut saved, loaded.node_count(), 0)
            .expect("write");
        let mut again = Vec::new();
        fresh
            .write(&mut again, built.node_count(), 0)
            .expect("write");
        assert!(saved == again, "the saved table is not the one worked out");
        let without = Projection::from_store(&store, ontology).expect("graph");
        let mut answered = 0;
        for from in 0..loaded.node_count() {
            for to in 0..loaded.node_count() {
                if from == to {
                    continue;
                }
                answered += usize::from(loaded.hub_table_answers(from, to));
                let query = crate::graph::PathQuery::default();
                assert_eq!(
                    loaded.shortest_path(from, to, &query),
                    without.shortest_path(from, to, &query),
                    "{from} to {to}"
                );
            }
        }
        assert!(answered > 0, "the loaded table answered nothing");

        let bytes = std::fs::read(&file).expect("the table");
        let fresh_graph = || Projection::from_store(&store, ontology).expect("graph");
        // One bit flipped anywhere: a cost, a bit of the close calls, the hash.
        for at in [12, bytes.len() / 2, bytes.len() - 20] {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x10;
            std::fs::write(&file, &damaged).expect("write");
            assert!(
                !fresh_graph().load_hub_table(&store),
                "damaged at {at}, read"
            );
        }
        std::fs::write(&file, &bytes[..bytes.len() - 9]).expect("write");
        assert!(!fresh_graph().load_hub_table(&store), "truncated, read");
        let mut longer = bytes.clone();
        longer.push(0);
        std::fs::write(&file, &longer).expect("write");
        assert!(!fresh_graph().load_hub_table(&store), "lengthened, read");
        std::fs::write(&file, &bytes).expect("write");
        assert!(fresh_graph().load_hub_table(&store), "restored, not read");

        // The table of a graph of fewer articles, whole and undamaged.
        let (_other_dir, other) = store_of(5);
        let other_table = std::fs::read(table_file(&other)).expect("the other table");
        assert!(other_table != bytes);
        std::fs::write(&file, &other_table).expect("write");
        let graph = fresh_graph();
        assert!(!graph.load_hub_table(&store), "another graph's table, read");
        // Where the table is worked out (a server), the stale file is replaced.
        assert_eq!(
            graph.load_or_prepare_hub_table(&store, store.generation()),
            HubTableFrom::Built
        );
        assert!(
            std::fs::read(&file).expect("the table") == bytes,
            "not replaced"
        );
        assert_eq!(
            fresh_graph().load_or_prepare_hub_table(&store, store.generation()),
            HubTableFrom::Loaded
        );
    }
}
