//! Extraction benchmark (see BENCHMARKS.md and benches/extract.sh):
//! `extract_bench DIR [--threads N] [--sheets OUT]` runs the built-in extractor over every article
//! file under DIR, as `factgraph extract` reads one (decode, strip markup, extract a fact sheet),
//! and prints JSON: bytes, articles, seconds, MB/s, articles/s, entities and facts found.
//! `--sheets OUT` also writes each sheet as JSON under OUT, at the article's path in DIR, to check
//! that a change to the extractor leaves its output as it was (writing them is timed too).
//!
//! Articles are streamed: each worker takes the next file, reads it, extracts and drops the sheet,
//! and the directory tree is listed one directory at a time, so memory should not grow with the
//! corpus. The extractor (lexicon, gazetteer automaton) is built once and shared by the workers;
//! its build time is reported apart from the timed pass.
#![expect(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a benchmark prints its figures"
)]

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use factgraph::extract::{ArticleMetadata, Extractor, TextFormat, read_article};
use factgraph::model::FactSheet;
use factgraph::text::slug;

/// The files under a directory, handed out one at a time to any worker that asks.
struct Files {
    dirs: Vec<PathBuf>,
    files: Vec<PathBuf>,
}

impl Files {
    fn next(&mut self) -> std::io::Result<Option<PathBuf>> {
        while self.files.is_empty() {
            let Some(dir) = self.dirs.pop() else {
                return Ok(None);
            };
            let mut entries = std::fs::read_dir(&dir)?
                .map(|e| e.map(|e| e.path()))
                .collect::<std::io::Result<Vec<_>>>()?;
            // Reverse order because both lists are popped from the end: files come out sorted.
            entries.sort_unstable_by(|a, b| b.cmp(a));
            for path in entries {
                if path.is_dir() {
                    self.dirs.push(path);
                } else if TextFormat::of_path(&path).is_some() {
                    self.files.push(path);
                }
            }
        }
        Ok(self.files.pop())
    }
}

#[derive(Default)]
struct Totals {
    bytes: AtomicU64,
    articles: AtomicU64,
    entities: AtomicU64,
    facts: AtomicU64,
}

/// Where the sheets of the articles under `root` go, if anywhere.
struct Sheets<'a> {
    root: &'a Path,
    out: Option<&'a Path>,
}

impl Sheets<'_> {
    fn write(&self, article: &Path, sheet: &FactSheet) -> std::io::Result<()> {
        let Some(out) = self.out else {
            return Ok(());
        };
        let relative = article.strip_prefix(self.root).unwrap_or(article);
        let path = out.join(relative).with_extension("json");
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut json = serde_json::to_vec_pretty(sheet)?;
        json.push(b'\n');
        std::fs::write(path, json)
    }
}

fn work(
    extractor: &Extractor,
    files: &Mutex<Files>,
    totals: &Totals,
    sheets: &Sheets<'_>,
) -> std::io::Result<()> {
    loop {
        let next = files
            .lock()
            .expect("no worker panics holding the lock")
            .next()?;
        let Some(path) = next else {
            return Ok(());
        };
        let bytes = std::fs::read(&path)?;
        let format = TextFormat::of_path(&path).unwrap_or(TextFormat::Plain);
        let given = ArticleMetadata {
            id: path.file_stem().and_then(|s| s.to_str()).map(slug),
            ..ArticleMetadata::default()
        };
        let (text, metadata, _) = read_article(&bytes, format, &given);
        let sheet = extractor.extract(&text, &metadata);
        sheets.write(&path, &sheet)?;
        totals
            .bytes
            .fetch_add(bytes.len() as u64, Ordering::Relaxed);
        totals.articles.fetch_add(1, Ordering::Relaxed);
        totals
            .entities
            .fetch_add(sheet.entities.len() as u64, Ordering::Relaxed);
        totals
            .facts
            .fetch_add(sheet.facts.len() as u64, Ordering::Relaxed);
    }
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut threads = 1usize;
    let mut sheets_dir = None;
    while let Some(arg) = args.next() {
        if arg == "--threads" {
            threads = args
                .next()
                .and_then(|n| n.parse().ok())
                .filter(|&n| n > 0)
                .ok_or_else(|| anyhow::anyhow!("--threads needs a positive number"))?;
        } else if arg == "--sheets" {
            sheets_dir = Some(
                args.next()
                    .map(PathBuf::from)
                    .ok_or_else(|| anyhow::anyhow!("--sheets needs a directory"))?,
            );
        } else {
            dir = Some(PathBuf::from(arg));
        }
    }
    let Some(dir) = dir else {
        anyhow::bail!("usage: extract_bench DIR [--threads N] [--sheets OUT]");
    };

    let started = Instant::now();
    let extractor = Extractor::new(Vec::new())?;
    let build_seconds = started.elapsed().as_secs_f64();

    let sheets = Sheets {
        root: &dir,
        out: sheets_dir.as_deref(),
    };
    let files = Mutex::new(Files {
        dirs: vec![dir.clone()],
        files: Vec::new(),
    });
    let totals = Totals::default();
    let started = Instant::now();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| scope.spawn(|| work(&extractor, &files, &totals, &sheets)))
            .collect();
        workers
            .into_iter()
            .try_for_each(|w| w.join().expect("a worker panicked"))
    })?;
    let seconds = started.elapsed().as_secs_f64();

    let bytes = totals.bytes.into_inner();
    let articles = totals.articles.into_inner();
    println!(
        "{}",
        serde_json::json!({
            "tool": "factgraph",
            "threads": threads,
            "extractor_build_seconds": build_seconds,
            "bytes": bytes,
            "articles": articles,
            "seconds": seconds,
            "mb_per_s": bytes as f64 / 1e6 / seconds,
            "articles_per_s": articles as f64 / seconds,
            "entities": totals.entities.into_inner(),
            "facts": totals.facts.into_inner(),
        })
    );
    if articles == 0 {
        eprintln!("extract_bench: no .txt, .md or .html file under the directory");
    }
    Ok(())
}
