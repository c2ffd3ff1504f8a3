//! The evidence quotes behind the edges, kept out of the edges themselves: a quote is most of
//! what an edge weighs (a sentence against a few numbers), and only the few edges a query
//! prints or an export writes ever need theirs. A loaded graph reads its quotes in place from
//! the saved file, so they cost no memory until read and then only page cache; quotes the
//! process found itself (a build, a patch) are held in one string, or, for a build beside a
//! store, in a scratch file of the store's.

use std::sync::Arc;

use memmap2::Mmap;

/// Where one quote is: in the held string or in the saved file, by offset and length, packed
/// in one word so that a support stays small. `Quote::NONE` is a fact without evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Quote(u64);

const HELD: u64 = 1 << 63;
const LENGTH_BITS: u32 = 24;
const MAX_LENGTH: usize = (1 << LENGTH_BITS) - 1;
const MAX_OFFSET: u64 = (1 << (63 - LENGTH_BITS)) - 1;

impl Quote {
    pub const NONE: Quote = Quote(0);

    fn new(held: bool, offset: usize, length: usize) -> Option<Self> {
        let offset = u64::try_from(offset).ok().filter(|o| *o <= MAX_OFFSET)?;
        if length == 0 || length > MAX_LENGTH {
            return None;
        }
        let flag = if held { HELD } else { 0 };
        Some(Quote(flag | offset << LENGTH_BITS | length as u64))
    }

    pub fn is_some(self) -> bool {
        self != Quote::NONE
    }

    fn held(self) -> bool {
        self.0 & HELD != 0
    }

    fn offset(self) -> usize {
        ((self.0 & !HELD) >> LENGTH_BITS) as usize
    }

    fn length(self) -> usize {
        (self.0 & MAX_LENGTH as u64) as usize
    }
}

/// The quotes of one projection.
#[derive(Debug, Default)]
pub(crate) struct Quotes {
    saved: Option<Arc<SavedQuotes>>,
    held: String,
    /// Where held quotes go instead of `held`, when a build was given a file for them.
    spill: Option<Spill>,
}

/// Held quotes written to a file rather than kept in memory: at ten million facts a build's
/// quotes are more than a gigabyte, which a build from the store's quads and the ingest that
/// builds a new store's graph would otherwise hold beside all else until the graph is saved.
#[derive(Debug)]
struct Spill {
    out: std::io::BufWriter<std::fs::File>,
    written: usize,
    /// The file's first bytes, mapped; mapped again, further, when a read needs more.
    map: Option<Mmap>,
    /// A write failed: quotes held since are missing, and the build must not be used.
    failed: bool,
}

impl Spill {
    fn write(&mut self, text: &str) -> Option<usize> {
        if self.failed {
            return None;
        }
        if let Err(_lost) = std::io::Write::write_all(&mut self.out, text.as_bytes()) {
            self.failed = true;
            return None;
        }
        let offset = self.written;
        self.written += text.len();
        Some(offset)
    }

    /// Maps everything written so far, unless the map already reaches `end`.
    fn map_to(&mut self, end: usize) {
        if self.failed || self.map.as_ref().is_some_and(|map| map.len() >= end) {
            return;
        }
        if self.written == 0 {
            return;
        }
        if std::io::Write::flush(&mut self.out).is_err() {
            self.failed = true;
            return;
        }
        // SAFETY: the file is this build's own, unlinked when it was made, so nothing else
        // writes it; this process only appends past what it maps.
        let mapped = unsafe {
            memmap2::MmapOptions::new()
                .len(self.written)
                .map(self.out.get_ref())
        };
        match mapped {
            Ok(map) => self.map = Some(map),
            Err(_) => self.failed = true,
        }
    }

    fn get(&self, range: std::ops::Range<usize>) -> Option<&str> {
        std::str::from_utf8(self.map.as_ref()?.get(range)?).ok()
    }
}

/// The quote section of a saved graph file, mapped read-only.
#[derive(Debug)]
pub(crate) struct SavedQuotes {
    /// `None` for a file without quotes: an empty mapping is an error.
    map: Option<Mmap>,
}

impl SavedQuotes {
    /// Maps `length` bytes of `file` from `offset`.
    pub(crate) fn map(file: &std::fs::File, offset: u64, length: usize) -> std::io::Result<Self> {
        if length == 0 {
            return Ok(Self { map: None });
        }
        // SAFETY: the mapped file is one of the store's derived files, which are only ever
        // replaced by renaming a new file over them, or removed, never written in place; the
        // mapping keeps seeing the file as it was when mapped.
        let map = unsafe {
            memmap2::MmapOptions::new()
                .offset(offset)
                .len(length)
                .map(file)?
        };
        Ok(Self { map: Some(map) })
    }
}

impl Quotes {
    /// Quotes read from a saved file: quote offsets are relative to its quote section.
    pub(crate) fn saved(section: SavedQuotes) -> Self {
        Self {
            saved: Some(Arc::new(section)),
            ..Self::default()
        }
    }

    /// Quotes that hold what they are given in `file` (empty, this process's alone) rather than
    /// in memory. Read them only through [`Quotes::read`] until [`Quotes::seal`].
    pub(crate) fn spilling(file: std::fs::File) -> Self {
        Self {
            spill: Some(Spill {
                out: std::io::BufWriter::with_capacity(1 << 20, file),
                written: 0,
                map: None,
                failed: false,
            }),
            ..Self::default()
        }
    }

    /// Whether a quote could not be held: written to a file that failed.
    pub(crate) fn failed(&self) -> bool {
        self.spill.as_ref().is_some_and(|spill| spill.failed)
    }

    /// Makes every quote held so far readable through [`Quotes::text`].
    pub(crate) fn seal(&mut self) {
        if let Some(spill) = &mut self.spill {
            spill.map_to(spill.written);
        }
    }

    /// [`Quotes::text`] for quotes still being held.
    pub(crate) fn read(&mut self, quote: Quote) -> Option<&str> {
        if quote.held() {
            if let Some(spill) = &mut self.spill {
                spill.map_to(quote.offset().checked_add(quote.length())?);
            }
        }
        self.text(quote)
    }

    /// Keeps a quote and says where. Quotes longer than 16 MiB, more than any sentence, are
    /// cut at a character boundary below that.
    pub(crate) fn hold(&mut self, text: &str) -> Quote {
        let mut end = text.len().min(MAX_LENGTH);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if end == 0 {
            return Quote::NONE;
        }
        if let Some(spill) = &mut self.spill {
            let Some(offset) = spill.write(&text[..end]) else {
                return Quote::NONE;
            };
            return Quote::new(true, offset, end).unwrap_or_else(|| {
                spill.failed = true;
                Quote::NONE
            });
        }
        let offset = self.held.len();
        match Quote::new(true, offset, end) {
            Some(quote) => {
                self.held.push_str(&text[..end]);
                quote
            }
            None => Quote::NONE,
        }
    }

    /// A quote of a saved file's section, as the file's edges give it.
    pub(crate) fn in_saved(offset: usize, length: usize) -> Option<Quote> {
        if length == 0 {
            return Some(Quote::NONE);
        }
        Quote::new(false, offset, length)
    }

    /// The text of a quote; `None` for no quote, or for a quote the saved section does not
    /// hold whole (a damaged file shows as missing evidence, not as an error mid-query).
    pub(crate) fn text(&self, quote: Quote) -> Option<&str> {
        if !quote.is_some() {
            return None;
        }
        let range = quote.offset()..quote.offset().checked_add(quote.length())?;
        if quote.held() {
            match &self.spill {
                Some(spill) => spill.get(range),
                None => self.held.get(range),
            }
        } else {
            let bytes = self.saved.as_ref()?.map.as_ref()?.get(range)?;
            std::str::from_utf8(bytes).ok()
        }
    }

    /// The same quote in `other`'s keeping: saved ones are shared with the file both map;
    /// held ones are copied, so that a projection holds only the quotes it uses.
    pub(crate) fn carry(&self, quote: Quote, other: &mut Quotes) -> Quote {
        if !quote.is_some() {
            return Quote::NONE;
        }
        if quote.held() {
            return match self.text(quote) {
                Some(text) => other.hold(text),
                None => Quote::NONE,
            };
        }
        match (&self.saved, &other.saved) {
            (Some(mine), Some(theirs)) if Arc::ptr_eq(mine, theirs) => quote,
            (Some(mine), None) => {
                other.saved = Some(Arc::clone(mine));
                quote
            }
            _ => match self.text(quote) {
                Some(text) => other.hold(text),
                None => Quote::NONE,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Quotes held in a scratch file read back as those held in memory do: while still being
    /// written, through `read`, and after the seal, through `text` and when carried.
    #[test]
    fn spilled_quotes_read_back_before_and_after_the_seal() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("scratch");
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
            .expect("scratch file");
        let mut spilled = Quotes::spilling(file);
        let mut held = Quotes::default();
        let texts = [
            "Trump signed the order.",
            "",
            "Ant Group's Alipay…",
            "Alipay.",
        ];
        let quotes: Vec<(Quote, Quote)> = texts
            .iter()
            .map(|text| (spilled.hold(text), held.hold(text)))
            .collect();
        assert_eq!(spilled.read(quotes[0].0), Some(texts[0]));
        let later = spilled.hold("Written after a read.");
        assert_eq!(spilled.read(later), Some("Written after a read."));
        spilled.seal();
        assert!(!spilled.failed());
        for ((in_file, in_memory), text) in quotes.iter().zip(texts) {
            assert_eq!(spilled.text(*in_file), held.text(*in_memory));
            assert_eq!(spilled.text(*in_file), (!text.is_empty()).then_some(text));
            let mut carried = Quotes::default();
            let copy = spilled.carry(*in_file, &mut carried);
            assert_eq!(carried.text(copy), held.text(*in_memory));
        }
        assert_eq!(
            std::fs::metadata(&path).expect("scratch file").len(),
            texts.iter().map(|t| t.len()).sum::<usize>() as u64 + 21
        );
    }

    /// A scratch file that cannot be written marks the quotes as failed.
    #[test]
    fn a_spill_that_cannot_be_written_fails() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("scratch");
        std::fs::write(&path, b"").expect("scratch file");
        let read_only = std::fs::File::open(&path).expect("open");
        let mut spilled = Quotes::spilling(read_only);
        let quote = spilled.hold("Trump signed the order.");
        assert!(!spilled.failed(), "the write waits in the buffer");
        spilled.seal();
        assert!(spilled.failed());
        assert_eq!(spilled.text(quote), None);
    }

    #[test]
    fn held_quotes_read_back_and_none_is_none() {
        let mut quotes = Quotes::default();
        let first = quotes.hold("Trump signed the order.");
        let empty = quotes.hold("");
        let second = quotes.hold("Ant Group's Alipay…");
        assert_eq!(quotes.text(first), Some("Trump signed the order."));
        assert_eq!(quotes.text(second), Some("Ant Group's Alipay…"));
        assert_eq!(empty, Quote::NONE);
        assert_eq!(quotes.text(Quote::NONE), None);
    }

    #[test]
    fn a_quote_too_long_is_cut_at_a_character_boundary() {
        let text = "é".repeat(MAX_LENGTH / 2 + 1);
        let mut quotes = Quotes::default();
        let quote = quotes.hold(&text);
        let kept = quotes.text(quote).expect("kept");
        assert!(kept.len() <= MAX_LENGTH && kept.len() >= MAX_LENGTH - 1);
        assert!(text.starts_with(kept));
    }

    #[test]
    fn saved_quotes_read_in_place_and_carry_over_without_copying() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("quotes");
        std::fs::write(&path, b"headerThe order bans Alipay.Wrong\xff").expect("write");
        let file = std::fs::File::open(&path).expect("open");
        let saved = Quotes::saved(SavedQuotes::map(&file, 6, 28).expect("map"));
        let quote = Quotes::in_saved(0, 22).expect("in range");
        assert_eq!(saved.text(quote), Some("The order bans Alipay."));
        let invalid = Quotes::in_saved(22, 6).expect("in range");
        assert_eq!(saved.text(invalid), None, "not UTF-8");
        let outside = Quotes::in_saved(20, 100).expect("in range");
        assert_eq!(saved.text(outside), None, "past the section");

        let mut patched = Quotes::default();
        let mut held = Quotes::default();
        let fresh = held.hold("Alipay is owned by Ant Group.");
        let carried = saved.carry(quote, &mut patched);
        assert_eq!(carried, quote, "a saved quote is shared, not copied");
        let copied = held.carry(fresh, &mut patched);
        assert_eq!(patched.text(carried), Some("The order bans Alipay."));
        assert_eq!(patched.text(copied), Some("Alipay is owned by Ant Group."));
        let unmapped = Quotes::saved(SavedQuotes::map(&file, 0, 0).expect("empty section"));
        assert_eq!(unmapped.text(quote), None);
    }
}
