//! The cache's files, in the folder the store keeps for what is derived from it: saved whole
//! or not at all, and only when no write overtook the read they were computed from.

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::store::{PARTIAL, SCRATCH, Store};

/// An empty file of this process's own beside the derived files, unlinked already: scratch
/// space for a computation, gone when closed, whatever becomes of the process.
pub(in crate::graph) fn scratch_file(store: &Store) -> std::io::Result<std::fs::File> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = store.derived_folder();
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!(
        "{SCRATCH}{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&path)?;
    std::fs::remove_file(&path)?;
    Ok(file)
}

/// Opens a derived file, if it is there.
pub(super) fn open(store: &Store, name: &str) -> Option<std::fs::File> {
    std::fs::File::open(store.derived_folder().join(name)).ok()
}

/// Saves a derived file computed from a read that began at `generation`, unless the store
/// has been written since. Returns whether it was saved.
pub(super) fn save(
    store: &Store,
    name: &str,
    generation: u64,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<bool> {
    let dir = store.derived_folder();
    std::fs::create_dir_all(dir)?;
    let partial = dir.join(format!("{name}{PARTIAL}"));
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&partial)?);
        write(&mut out)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
    }
    match store.unless_written_since(generation, || std::fs::rename(&partial, dir.join(name))) {
        Some(renamed) => renamed.map(|()| true),
        None => {
            let _ = std::fs::remove_file(&partial);
            Ok(false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch file takes writes and reads back, and leaves no name behind.
    #[test]
    fn scratch_files_are_nameless() {
        use std::io::{Read, Seek, Write};
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let mut file = scratch_file(&store).expect("scratch file");
        file.write_all(b"evidence").expect("write");
        file.rewind().expect("rewind");
        let mut back = String::new();
        file.read_to_string(&mut back).expect("read");
        assert_eq!(back, "evidence");
        let names: Vec<_> = std::fs::read_dir(store.derived_folder())
            .expect("derived folder")
            .collect();
        assert!(names.is_empty(), "{names:?}");
    }

    /// A background save of a derived file may run while a write starts: the write removes
    /// what was saved, and neither fails.
    #[test]
    fn writes_and_saves_of_derived_files_do_not_trip_each_other() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("store");
        let saver = store.clone();
        let saving = std::thread::spawn(move || {
            for _ in 0..300 {
                let generation = saver.generation();
                let _ = scratch_file(&saver);
                // A save may lose its folder or its race with a write; it must not fail one.
                let _ = save(&saver, "derived.bin", generation, |out| out.write_all(b"x"));
            }
        });
        for round in 0..300 {
            store
                .update(&format!(
                    "INSERT DATA {{ GRAPH <http://example.org/g> {{ <http://example.org/a> <http://example.org/p> {round} }} }}"
                ))
                .expect("a write while a save runs");
        }
        saving.join().expect("saver");

        std::fs::write(store.derived_folder().join("derived.bin"), b"x").expect("file");
        let partial = store.derived_folder().join("other.bin.partial");
        std::fs::write(&partial, b"x").expect("file");
        store.update("CLEAR ALL").expect("update");
        assert!(!store.derived_folder().join("derived.bin").exists());
        assert!(partial.exists(), "a save in progress lost its file");
    }
}
