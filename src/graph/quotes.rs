//! The evidence quotes behind the edges, kept out of the edges themselves: a quote is most of
//! what an edge weighs (a sentence against a few numbers), and only the few edges a query
//! prints or an export writes ever need theirs. A loaded graph reads its quotes in place from
//! the saved file, so they cost no memory until read and then only page cache; quotes the
//! process found itself (a build, a patch) are held in one string.

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
#[derive(Debug, Default, Clone)]
pub(crate) struct Quotes {
    saved: Option<Arc<SavedQuotes>>,
    held: String,
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
            held: String::new(),
        }
    }

    /// Keeps a quote and says where. Quotes longer than 16 MiB, more than any sentence, are
    /// cut at a character boundary below that.
    pub(crate) fn hold(&mut self, text: &str) -> Quote {
        let mut end = text.len().min(MAX_LENGTH);
        while !text.is_char_boundary(end) {
            end -= 1;
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
            self.held.get(range)
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
