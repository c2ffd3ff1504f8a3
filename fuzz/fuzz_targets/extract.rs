//! Any bytes, read as plain text, Markdown or HTML (the first byte chooses), go through the
//! extractor without a panic, and the fact sheet it writes (for a text with words) passes
//! validation as it is.
#![no_main]

mod common;

use std::sync::OnceLock;

use factgraph::extract::{ArticleMetadata, Extractor, TextFormat, read_article};
use libfuzzer_sys::fuzz_target;

static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let format = match choice % 3 {
        0 => TextFormat::Plain,
        1 => TextFormat::Markdown,
        _ => TextFormat::Html,
    };
    let given = ArticleMetadata {
        id: Some("fuzzed".to_owned()),
        published: Some("2021-01-06".to_owned()),
        ..ArticleMetadata::default()
    };
    let (text, metadata, _) = read_article(bytes, format, &given);
    let extractor =
        EXTRACTOR.get_or_init(|| Extractor::new(Vec::new()).expect("the lexicon loads"));
    let sheet = extractor.extract(&text, &metadata);
    // A text with no words has no title, which validation rightly refuses.
    if sheet.article.title.trim().is_empty() {
        return;
    }
    let json = serde_json::to_vec(&sheet).expect("a sheet serializes");
    let report = common::validate("extracted", json);
    assert!(
        !report.has_errors(),
        "the extractor wrote a sheet that does not validate: {:?}\ntext: {text:?}",
        report.diagnostics
    );
});
