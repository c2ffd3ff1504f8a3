use serde::de::DeserializeOwned;
use serde_json::error::Category;

use super::{FactSheet, PositionIndex};
use crate::diagnostic::{Diagnostic, Position};

/// Checks that a file's bytes are non-empty UTF-8 text.
pub fn decode<'a>(source: &str, bytes: &'a [u8]) -> Result<&'a str, Box<Diagnostic>> {
    let text = std::str::from_utf8(bytes).map_err(|err| {
        let valid = &bytes[..err.valid_up_to()];
        // The valid prefix is UTF-8, so positions in it are exact.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        let position = PositionIndex::new(prefix).position_of_offset(prefix.len());
        Box::new(
            Diagnostic::error(
                source,
                format!(
                    "the file is not valid UTF-8 (byte 0x{:02x})",
                    bytes[err.valid_up_to()]
                ),
            )
            .at(position)
            .with_help("save the file as UTF-8; fact sheets are JSON, which must be UTF-8"),
        )
    })?;
    if text.trim().is_empty() {
        return Err(Box::new(Diagnostic::error(source, "the file is empty")
            .at(Position { line: 1, column: 1 })
            .with_help(
                r#"a fact sheet is a JSON object: {"article": {…}, "entities": […], "facts": […]}"#,
            )));
    }
    Ok(text)
}

/// Reads a fact sheet's JSON shape. Meaning (known classes, predicates, ids) is checked later.
pub fn parse_sheet(source: &str, text: &str) -> Result<FactSheet, Box<Diagnostic>> {
    parse_object(
        source,
        text,
        r#"{"article": {…}, "entities": […], "facts": […]}"#,
    )
}

/// Reads a JSON document whose top level is an object of shape `T`; `example` shows that shape
/// in messages.
pub fn parse_object<T: DeserializeOwned>(
    source: &str,
    text: &str,
    example: &str,
) -> Result<T, Box<Diagnostic>> {
    serde_json::from_str(text).map_err(|err| Box::new(object_error(source, text, &err, example)))
}

fn object_error(source: &str, text: &str, err: &serde_json::Error, example: &str) -> Diagnostic {
    let start = text.len() - text.trim_start().len();
    match text[start..].chars().next() {
        // serde would read an array as a tuple struct and complain about its first element.
        Some(first) if first != '{' && err.classify() == Category::Data => {
            let index = PositionIndex::new(text);
            Diagnostic::error(
                source,
                "expected a JSON object, this file holds another JSON value",
            )
            .at(index.position_of_offset(start))
            .with_pointer("")
            .with_help(format!("write {example}"))
        }
        _ => shape_error(source, text, err, example),
    }
}

fn shape_error(source: &str, text: &str, err: &serde_json::Error, example: &str) -> Diagnostic {
    let index = PositionIndex::new(text);
    let offset = index.offset_of_line_column(err.line(), err.column());
    let position = index.position_of_offset(offset);
    let message = strip_serde_position(&err.to_string());
    match err.classify() {
        Category::Syntax | Category::Eof | Category::Io => {
            Diagnostic::error(source, format!("invalid JSON: {message}"))
                .at(position)
                .with_help("fix the JSON syntax at this place (a missing comma, quote or bracket is the usual cause)")
        }
        Category::Data => {
            let pointer = index.pointer_at_offset(offset.saturating_sub(1));
            let diagnostic = Diagnostic::error(source, message).at(position).with_pointer(pointer);
            diagnostic.with_help(format!("the expected shape is {example}"))
        }
    }
}

/// serde_json appends " at line L column C"; we print positions our own way.
fn strip_serde_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_blank_files_are_rejected() {
        for bytes in [&b""[..], b"  \n\t"] {
            let err = decode("x.json", bytes).unwrap_err();
            assert_eq!(err.message, "the file is empty");
        }
    }

    #[test]
    fn non_utf8_names_the_place() {
        let err = decode("x.json", b"{\n  \"a\": \"caf\xe9\"\n}").unwrap_err();
        assert_eq!(
            err.position,
            Some(Position {
                line: 2,
                column: 12
            })
        );
        assert!(err.message.contains("0xe9"), "{}", err.message);
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let text = "{\n  \"article\": {\"id\": \"a\", \"title\": \"t\",},\n}";
        let err = parse_sheet("x.json", text).unwrap_err();
        assert!(err.message.starts_with("invalid JSON"), "{}", err.message);
        assert_eq!(err.position.map(|p| p.line), Some(2));
    }

    #[test]
    fn shape_errors_give_the_pointer() {
        let text = r#"{"article": {"id": "a", "title": "t"}, "entities": [],
 "facts": [{"subject": "a", "predicate": "p", "object": "b", "confidence": "high"}]}"#;
        let err = parse_sheet("x.json", text).unwrap_err();
        assert_eq!(err.pointer.as_deref(), Some("/facts/0/confidence"), "{err}");
        assert_eq!(err.position.map(|p| p.line), Some(2));
    }

    #[test]
    fn unknown_fields_are_named() {
        let text =
            r#"{"article": {"id": "a", "title": "t", "auther": "x"}, "entities": [], "facts": []}"#;
        let err = parse_sheet("x.json", text).unwrap_err();
        assert!(
            err.message.contains("unknown field `auther`"),
            "{}",
            err.message
        );
    }
}
