//! How deep and how wide a SPARQL text is, measured before it is parsed.
//!
//! The parser recurses once for every bracket a text opens, and the algebra it builds turns
//! every UNION, OPTIONAL, join, filter, path step and operator into one more level of a tree
//! that optimising, evaluating and dropping then walk by recursion. A 7 KB text of nested
//! parentheses, or a thousand-way UNION, is enough to overflow a thread's stack, which aborts
//! the whole process. So texts past these bounds are refused with a reason, and the threads
//! that parse and evaluate are given stacks sized for texts within them ([`STACK_BYTES`]).

use std::fmt;

/// Most brackets (`(`, `{`, `[`) open at once.
pub const MAX_DEPTH: usize = 128;
/// Most links (keywords and operators that join two parts, and triple separators) outside
/// `INSERT DATA` / `DELETE DATA` blocks, whose quads the parser keeps in a flat list.
pub const MAX_WIDTH: usize = 5_000;
/// Above this many joined parts (triple patterns, groups, OPTIONAL, GRAPH, MINUS), a query is
/// evaluated as written, without Oxigraph's planner: planning grows with the fourth power of
/// their number (0.7 s at 100 patterns, 11 s at 200, hours at a few thousand) and looks at no
/// cancellation token, so a few kilobytes of patterns would hold a thread past any time limit.
/// Evaluation as written reads the store, and so stops when the token says.
pub const MAX_PLANNED_JOINS: usize = 64;
/// The stack of a thread that parses or evaluates SPARQL: texts at both bounds above need a
/// fraction of it (a test runs them), and untouched stack pages cost no memory.
pub const STACK_BYTES: usize = 256 * 1024 * 1024;

/// Why a text was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TooComplex {
    Deep { depth: usize, line: usize },
    Wide { links: usize },
}

impl fmt::Display for TooComplex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TooComplex::Deep { depth, line } => write!(
                f,
                "brackets nest {depth} deep at line {line}, more than the limit of {MAX_DEPTH}; flatten the query (fewer nested groups, parentheses or subqueries)"
            ),
            TooComplex::Wide { links } => write!(
                f,
                "the text joins {links} patterns, operators and keywords (UNION, OPTIONAL, FILTER, `.`, `;`, `,`, `/`, `|`, `&&`, …), more than the limit of {MAX_WIDTH}; split it into several queries, or use VALUES for long lists of terms"
            ),
        }
    }
}

/// What the text looks like, once it is known to be within the bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// Parts the planner would order: triple patterns, groups, OPTIONAL, GRAPH, MINUS.
    pub joins: usize,
}

impl Shape {
    pub fn fits_the_planner(&self) -> bool {
        self.joins <= MAX_PLANNED_JOINS
    }
}

/// Keywords that join parts the planner orders.
const JOINING_KEYWORDS: [&str; 3] = ["optional", "graph", "minus"];

/// Keywords that join two parts of a pattern or an expression.
const LINKING_KEYWORDS: [&str; 10] = [
    "union", "optional", "minus", "filter", "bind", "graph", "service", "exists", "and", "or",
];

/// Checks `text` against [`MAX_DEPTH`] and [`MAX_WIDTH`] in one pass without recursion.
pub fn check(text: &str) -> Result<Shape, TooComplex> {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut line = 1;
    let mut depth = 0usize;
    let mut links = 0usize;
    let mut joins = 0usize;
    // While inside an `INSERT DATA` / `DELETE DATA` block: the depth at which it closes.
    let mut data_block: Option<usize> = None;
    let mut after_data = false;
    while at < bytes.len() {
        let byte = bytes[at];
        if byte == b'<' {
            if let Some(end) = iri_end(bytes, at) {
                at = end;
                continue;
            }
        }
        match byte {
            b'\n' => {
                line += 1;
                at += 1;
            }
            b'#' => at = skip_line(bytes, at),
            b'"' | b'\'' => at = skip_string(bytes, at, &mut line),
            b'(' | b'{' | b'[' => {
                if byte == b'{' && after_data && data_block.is_none() {
                    data_block = Some(depth);
                }
                if byte == b'{' && data_block.is_none() {
                    joins += 1;
                }
                after_data = false;
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(TooComplex::Deep { depth, line });
                }
                at += 1;
            }
            b')' | b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if data_block == Some(depth) {
                    data_block = None;
                }
                at += 1;
            }
            b'?' | b'$' if bytes.get(at + 1).is_some_and(|b| is_name_byte(*b)) => {
                at = skip_name(bytes, at + 1);
            }
            _ if is_name_start(byte) => {
                let end = skip_name(bytes, at);
                let word = &text[at..end];
                if data_block.is_none() {
                    if LINKING_KEYWORDS
                        .iter()
                        .any(|k| word.eq_ignore_ascii_case(k))
                    {
                        links += 1;
                    }
                    if JOINING_KEYWORDS
                        .iter()
                        .any(|k| word.eq_ignore_ascii_case(k))
                    {
                        joins += 1;
                    }
                    after_data = word.eq_ignore_ascii_case("data");
                }
                at = end;
            }
            b'.' | b';' | b',' | b'/' | b'|' | b'&' | b'=' | b'!' | b'<' | b'>' | b'+' | b'-'
            | b'*' | b'^' => {
                if data_block.is_none() {
                    links += 1;
                    if matches!(byte, b'.' | b';' | b',') {
                        joins += 1;
                    }
                }
                // `&&`, `||`, `!=`, `<=`, `>=` and `^^` are one link.
                let pair = matches!(
                    (byte, bytes.get(at + 1)),
                    (b'&', Some(b'&'))
                        | (b'|', Some(b'|'))
                        | (b'!' | b'<' | b'>', Some(b'='))
                        | (b'^', Some(b'^'))
                );
                at += if pair { 2 } else { 1 };
            }
            _ => at += 1,
        }
        if links > MAX_WIDTH {
            return Err(TooComplex::Wide { links });
        }
    }
    Ok(Shape { joins })
}

fn skip_line(bytes: &[u8], at: usize) -> usize {
    bytes[at..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |n| at + n)
}

/// Past the string literal that starts at `at`, short (`"…"`) or long (`"""…"""`).
fn skip_string(bytes: &[u8], at: usize, line: &mut usize) -> usize {
    let quote = bytes[at];
    let long = bytes.get(at + 1) == Some(&quote) && bytes.get(at + 2) == Some(&quote);
    let mut i = if long { at + 3 } else { at + 1 };
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            // An unclosed short string: the parser will say so; the main loop counts the line.
            b'\n' if !long => return i,
            b'\n' => {
                *line += 1;
                i += 1;
            }
            b if b == quote => {
                if !long {
                    return i + 1;
                }
                if bytes.get(i + 1) == Some(&quote) && bytes.get(i + 2) == Some(&quote) {
                    return i + 3;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The end of the IRI reference that starts at `at`, if `<` starts one rather than being
/// "less than": SPARQL's IRIREF holds no spaces, quotes, braces or angle brackets.
fn iri_end(bytes: &[u8], at: usize) -> Option<usize> {
    for (offset, &b) in bytes[at + 1..].iter().enumerate() {
        match b {
            b'>' => return Some(at + offset + 2),
            b'<' | b'"' | b'{' | b'}' | b'|' | b'^' | b'`' | b'\\' => return None,
            _ if b <= b' ' => return None,
            _ => {}
        }
    }
    None
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b':' || b >= 0x80
}

fn is_name_byte(b: u8) -> bool {
    is_name_start(b) || b == b'-' || b == b'%'
}

/// Past a name, number, keyword or prefixed name; a `.` belongs to it only between name bytes.
fn skip_name(bytes: &[u8], at: usize) -> usize {
    let mut i = at;
    while i < bytes.len() {
        let b = bytes[i];
        let inner_dot = b == b'.' && i > at && bytes.get(i + 1).is_some_and(|n| is_name_byte(*n));
        if !is_name_byte(b) && !inner_dot {
            break;
        }
        i += 1;
    }
    i.max(at + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_queries_pass() {
        for query in [
            "SELECT ?app WHERE { ?order fg:bans ?app . ?trump rdfs:label \"Donald Trump\" ; fg:signs ?order }",
            "SELECT * { ?s ?p ?o FILTER(?o < 3 && ?o >= 1.5e3) } ORDER BY DESC(?o) LIMIT 10",
            "PREFIX ex: <http://example.org/a#b> ASK { ex:a.b ex:p \"{{{(((\" }",
            "INSERT DATA { GRAPH <http://g> { <http://a> <http://b> \"\"\"multi\nline ((( \"\"\" } }",
        ] {
            assert!(check(query).is_ok_and(|s| s.fits_the_planner()), "{query}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_with_its_line() {
        let deep = format!(
            "SELECT ({}1{} AS ?x) {{}}",
            "(".repeat(3500),
            ")".repeat(3500)
        );
        assert_eq!(
            check(&deep),
            Err(TooComplex::Deep {
                depth: MAX_DEPTH + 1,
                line: 1
            })
        );
        let groups = format!("SELECT * {}{}", "{".repeat(200), "}".repeat(200));
        assert!(matches!(check(&groups), Err(TooComplex::Deep { .. })));
    }

    #[test]
    fn brackets_in_strings_iris_and_comments_do_not_count() {
        let text = format!(
            "SELECT * {{ ?s ?p \"{}\" }} # {}\n",
            "(".repeat(500),
            "[".repeat(500)
        );
        assert!(check(&text).is_ok());
    }

    #[test]
    fn wide_chains_are_refused() {
        let union = format!(
            "SELECT * {{ {} }}",
            vec!["{ ?s ?p ?o }"; 6000].join(" UNION ")
        );
        assert!(matches!(check(&union), Err(TooComplex::Wide { .. })));
        let patterns: String = (0..6000).map(|i| format!("?s <p> ?o{i} . ")).collect();
        assert!(matches!(
            check(&format!("SELECT * {{ {patterns} }}")),
            Err(TooComplex::Wide { .. })
        ));
        let sum = format!("SELECT ({} AS ?x) {{}}", vec!["1"; 6000].join("+"));
        assert!(matches!(check(&sum), Err(TooComplex::Wide { .. })));
    }

    #[test]
    fn many_joined_parts_do_not_fit_the_planner() {
        let patterns: String = (0..65).map(|i| format!("?s <p{i}> ?o{i} . ")).collect();
        let shape = check(&format!("SELECT * {{ {patterns} }}")).expect("within the bounds");
        assert!(!shape.fits_the_planner(), "{shape:?}");
        let optionals: String = (0..70)
            .map(|i| format!("OPTIONAL {{ ?s <p> ?o{i} }} "))
            .collect();
        let shape = check(&format!("SELECT * {{ ?s ?p ?o {optionals} }}")).expect("within");
        assert!(!shape.fits_the_planner(), "{shape:?}");
    }

    #[test]
    fn the_quads_of_data_blocks_are_not_links() {
        let quads: String = (0..20_000)
            .map(|i| format!("<http://a/{i}> <http://p> \"v, w; x.\" . "))
            .collect();
        assert!(check(&format!("INSERT DATA {{ {quads} }}")).is_ok_and(|s| s.fits_the_planner()));
        let after = format!(
            "INSERT DATA {{ {quads} }} ; DELETE WHERE {{ {} }}",
            "?s <p> ?o . ".repeat(6000)
        );
        assert!(matches!(check(&after), Err(TooComplex::Wide { .. })));
    }
}
