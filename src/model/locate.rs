//! Maps JSON pointers and byte offsets to human positions, so that every message can name a
//! `line:column`. The index over pointers is only built when a message needs it: valid sheets,
//! however large, never pay for it.

use crate::diagnostic::Position;
use std::cell::OnceCell;
use std::collections::HashMap;

pub struct PositionIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    values: OnceCell<HashMap<String, (usize, usize)>>,
}

impl<'a> PositionIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            text,
            line_starts,
            values: OnceCell::new(),
        }
    }

    /// Position of a byte offset (clamped to the text and to a character boundary).
    pub fn position_of_offset(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        let column = self.text[line_start..offset].chars().count() + 1;
        Position { line, column }
    }

    /// Byte offset of a 1-based line and a 1-based byte column, as serde_json reports them.
    pub fn offset_of_line_column(&self, line: usize, column: usize) -> usize {
        let start = self
            .line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        (start + column.saturating_sub(1)).min(self.text.len())
    }

    /// Where the value at `pointer` starts; for a pointer that is not in the document, the
    /// nearest existing ancestor.
    pub fn position_of_pointer(&self, pointer: &str) -> Position {
        let values = self.values.get_or_init(|| scan(self.text));
        let mut candidate = pointer;
        loop {
            if let Some(&(start, _)) = values.get(candidate) {
                return self.position_of_offset(start);
            }
            match candidate.rfind('/') {
                Some(cut) => candidate = &candidate[..cut],
                None => return Position { line: 1, column: 1 },
            }
        }
    }

    /// The JSON pointer of the innermost value that contains `offset`.
    pub fn pointer_at_offset(&self, offset: usize) -> String {
        let values = self.values.get_or_init(|| scan(self.text));
        values
            .iter()
            .filter(|(_, (start, end))| *start <= offset && offset <= *end)
            .max_by_key(|(pointer, (start, _))| (*start, pointer.len()))
            .map(|(pointer, _)| pointer.clone())
            .unwrap_or_default()
    }
}

/// Deeper values are not indexed. serde_json refuses documents nested deeper than 128, so a
/// message never points below this; the bound keeps the scan's stack and its pointers (each as
/// long as its depth) small on hostile input.
const DEEPEST: usize = 128;

/// Records `[start, end)` of every value by JSON pointer. The text may be invalid past the point
/// where a syntax error stopped the parser, or nested past [`DEEPEST`]; the scan then stops
/// quietly.
fn scan(text: &str) -> HashMap<String, (usize, usize)> {
    let mut scanner = Scanner {
        bytes: text.as_bytes(),
        at: 0,
        depth: 0,
        values: HashMap::new(),
    };
    let mut pointer = String::new();
    scanner.value(&mut pointer);
    scanner.values
}

struct Scanner<'a> {
    bytes: &'a [u8],
    at: usize,
    depth: usize,
    values: HashMap<String, (usize, usize)>,
}

impl Scanner<'_> {
    fn skip_whitespace(&mut self) {
        while self.bytes.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn value(&mut self, pointer: &mut String) -> Option<()> {
        self.skip_whitespace();
        let start = self.at;
        match self.peek()? {
            b'{' | b'[' if self.depth >= DEEPEST => return self.skip_nested(),
            b'{' => self.nested(|scanner| scanner.object(pointer))?,
            b'[' => self.nested(|scanner| scanner.array(pointer))?,
            b'"' => {
                self.string()?;
            }
            _ => {
                while self
                    .peek()
                    .is_some_and(|b| !matches!(b, b',' | b']' | b'}') && !b.is_ascii_whitespace())
                {
                    self.at += 1;
                }
                // A `}` where an array's item should be: nothing to skip, and an array that
                // asked again would count items here for ever (found by the fuzzer).
                if self.at == start {
                    return None;
                }
            }
        }
        self.values.insert(pointer.clone(), (start, self.at));
        Some(())
    }

    fn nested(&mut self, scan: impl FnOnce(&mut Self) -> Option<()>) -> Option<()> {
        self.depth += 1;
        let scanned = scan(self);
        self.depth -= 1;
        scanned
    }

    fn object(&mut self, pointer: &mut String) -> Option<()> {
        self.at += 1;
        loop {
            self.skip_whitespace();
            match self.peek()? {
                b'}' => {
                    self.at += 1;
                    return Some(());
                }
                b',' => self.at += 1,
                b'"' => {
                    let key = self.string()?;
                    self.skip_whitespace();
                    if self.peek()? != b':' {
                        return None;
                    }
                    self.at += 1;
                    let parent = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
                    let scanned = self.value(pointer);
                    pointer.truncate(parent);
                    scanned?;
                }
                _ => return None,
            }
        }
    }

    fn array(&mut self, pointer: &mut String) -> Option<()> {
        self.at += 1;
        let mut index = 0usize;
        loop {
            self.skip_whitespace();
            match self.peek()? {
                b']' => {
                    self.at += 1;
                    return Some(());
                }
                b',' => self.at += 1,
                _ => {
                    let parent = pointer.len();
                    pointer.push('/');
                    pointer.push_str(&index.to_string());
                    let scanned = self.value(pointer);
                    pointer.truncate(parent);
                    scanned?;
                    index += 1;
                }
            }
        }
    }

    /// Skips an object or array without indexing what it holds, counting brackets in a loop
    /// rather than by recursion.
    fn skip_nested(&mut self) -> Option<()> {
        let mut open = 0usize;
        loop {
            match self.peek()? {
                b'{' | b'[' => open += 1,
                b'}' | b']' => {
                    open -= 1;
                    if open == 0 {
                        self.at += 1;
                        return Some(());
                    }
                }
                b'"' => {
                    self.string()?;
                    continue;
                }
                _ => {}
            }
            self.at += 1;
        }
    }

    /// Skips a string literal and returns its decoded content.
    fn string(&mut self) -> Option<String> {
        let start = self.at;
        self.at += 1;
        loop {
            match self.peek()? {
                b'\\' => self.at += 2,
                b'"' => {
                    self.at += 1;
                    let literal = std::str::from_utf8(&self.bytes[start..self.at]).ok()?;
                    return serde_json::from_str(literal).ok();
                }
                _ => self.at += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHEET: &str = "{\n  \"facts\": [\n    {\"subject\": \"a\", \"predicate\": \"owndBy\"},\n    {\"a/b~c\": [1, 2]}\n  ],\n  \"name\": \"Zoë\"\n}\n";

    #[test]
    fn an_array_closed_by_a_brace_ends_the_scan() {
        let index = PositionIndex::new("{\"facts\": [1, }");
        assert_eq!(
            index.position_of_pointer("/facts/0"),
            Position {
                line: 1,
                column: 12
            }
        );
        assert_eq!(
            index.position_of_pointer("/facts/1"),
            Position { line: 1, column: 1 }
        );
    }

    #[test]
    fn finds_values_by_pointer() {
        let index = PositionIndex::new(SHEET);
        assert_eq!(
            index.position_of_pointer("/facts/0/predicate"),
            Position {
                line: 3,
                column: 35
            }
        );
        assert_eq!(
            index.position_of_pointer("/facts/1/a~1b~0c/1"),
            Position {
                line: 4,
                column: 19
            }
        );
        assert_eq!(
            index.position_of_pointer("/name"),
            Position {
                line: 6,
                column: 11
            }
        );
        assert_eq!(
            index.position_of_pointer(""),
            Position { line: 1, column: 1 }
        );
    }

    #[test]
    fn missing_pointers_fall_back_to_their_parent() {
        let index = PositionIndex::new(SHEET);
        assert_eq!(
            index.position_of_pointer("/facts/0/object"),
            Position { line: 3, column: 5 }
        );
    }

    #[test]
    fn hostile_nesting_is_indexed_only_to_serde_json_s_depth() {
        let depth = 200_000;
        let text = format!(
            "{{\"article\": {}{}}}",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        let index = PositionIndex::new(&text);
        let pointer = index.pointer_at_offset(depth);
        let levels = pointer.matches('/').count();
        assert!(
            (DEEPEST - 1..=DEEPEST + 1).contains(&levels),
            "{levels} levels"
        );
        assert!(pointer.starts_with("/article/0/0"));
    }

    #[test]
    fn columns_count_characters() {
        let index = PositionIndex::new("\"é\": x");
        assert_eq!(index.position_of_offset(5), Position { line: 1, column: 5 });
    }

    #[test]
    fn innermost_pointer_at_offset() {
        let index = PositionIndex::new(SHEET);
        let offset = SHEET.find("owndBy").unwrap();
        assert_eq!(index.pointer_at_offset(offset), "/facts/0/predicate");
    }
}
