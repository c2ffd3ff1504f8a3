//! Output text appended straight to a byte buffer: on a large export, going through `write!`
//! and its formatter cost a quarter of the time for what is mostly copying strings.

use super::graphml::xml_escape;

/// A piece of output that knows how to append itself.
pub(super) trait Piece {
    fn put(self, out: &mut Vec<u8>);
}

impl Piece for &str {
    fn put(self, out: &mut Vec<u8>) {
        out.extend_from_slice(self.as_bytes());
    }
}

impl Piece for usize {
    fn put(self, out: &mut Vec<u8>) {
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        let mut rest = self;
        loop {
            start -= 1;
            digits[start] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        out.extend_from_slice(&digits[start..]);
    }
}

/// As `{}` formats it: the shortest text that reads back as the same number.
impl Piece for f64 {
    fn put(self, out: &mut Vec<u8>) {
        use std::io::Write;
        // Writing to a vector cannot fail.
        let _ = write!(out, "{self}");
    }
}

/// Text escaped for XML content and attributes, as [`xml_escape`] does.
pub(super) struct Xml<'a>(pub &'a str);

impl Piece for Xml<'_> {
    fn put(self, out: &mut Vec<u8>) {
        out.extend_from_slice(xml_escape(self.0).as_bytes());
    }
}

/// Appends each piece in turn.
macro_rules! put {
    ($out:expr $(, $piece:expr)* $(,)?) => {{
        let out: &mut Vec<u8> = $out;
        $( $crate::export::text::Piece::put($piece, out); )*
    }};
}

pub(super) use put;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_display_writes_them() {
        for number in [0usize, 7, 10, 99, 1_000_000, usize::MAX] {
            let mut out = Vec::new();
            number.put(&mut out);
            assert_eq!(String::from_utf8(out).unwrap(), number.to_string());
        }
        for number in [0.77, 1.0, 0.1 + 0.2, 5.0 + 3.0f64.sqrt() * 3.0] {
            let mut out = Vec::new();
            number.put(&mut out);
            assert_eq!(String::from_utf8(out).unwrap(), number.to_string());
        }
    }

    #[test]
    fn pieces_follow_each_other_and_xml_is_escaped() {
        let mut out = Vec::new();
        put!(
            &mut out,
            "<a n=\"",
            42usize,
            "\">",
            Xml("AT&T <\"x\">"),
            "</a>"
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<a n=\"42\">AT&amp;T &lt;&quot;x&quot;&gt;</a>"
        );
    }
}
