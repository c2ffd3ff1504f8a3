//! Messages about user input: where (file, line:column, JSON pointer), what is wrong, how to fix it;
//! and the help that library errors carry apart from their messages.

use std::fmt;

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file the input came from (`-` for standard input).
    pub source: String,
    pub position: Option<Position>,
    pub pointer: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(source: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            source: source.into(),
            position: None,
            pointer: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    pub fn with_pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// As programs read it (`--json`): `severity`, `file`, `line` and `column` (or null),
/// `pointer`, `message` and `help` (or null), keys in alphabetical order.
impl serde::Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(serde::Serialize)]
        struct Written<'a> {
            column: Option<usize>,
            file: &'a str,
            help: Option<&'a str>,
            line: Option<usize>,
            message: &'a str,
            pointer: Option<&'a str>,
            severity: &'static str,
        }
        Written {
            column: self.position.map(|p| p.column),
            file: &self.source,
            help: self.help.as_deref(),
            line: self.position.map(|p| p.line),
            message: &self.message,
            pointer: self.pointer.as_deref(),
            severity: match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
        }
        .serialize(serializer)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)?;
        if let Some(position) = self.position {
            write!(f, ":{position}")?;
        }
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {severity}: {}", self.message)?;
        if let Some(pointer) = &self.pointer {
            write!(
                f,
                " (at {})",
                if pointer.is_empty() { "/" } else { pointer }
            )?;
        }
        if let Some(help) = &self.help {
            help_line(f, help)?;
        }
        Ok(())
    }
}

/// An error that may know what the user can do about it. Its message says what went wrong; its
/// help, kept apart, says what to do, and whoever shows the error to a person puts the help on a
/// line of its own ([`WithHelp`]).
pub trait Help {
    fn help(&self) -> Option<String>;
}

/// An error's message and, on the next line, its help: how the command line and the server
/// show an error to people.
pub struct WithHelp<'a, E: ?Sized>(pub &'a E);

impl<E: fmt::Display + Help + ?Sized> fmt::Display for WithHelp<'_, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        match self.0.help() {
            Some(help) => help_line(f, &help),
            None => Ok(()),
        }
    }
}

fn help_line(f: &mut fmt::Formatter<'_>, help: &str) -> fmt::Result {
    write!(f, "\n  help: {help}")
}

/// Quotes a user-supplied value for a message: backticks around it, control characters escaped
/// so that article text cannot move the cursor or forge lines in a terminal.
pub fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('`');
    for c in value.chars() {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.push('`');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_place_message_and_help() {
        let diagnostic = Diagnostic::error("data/x.json", "unknown predicate `owndBy`")
            .at(Position {
                line: 14,
                column: 20,
            })
            .with_pointer("/facts/2/predicate")
            .with_help("did you mean `ownedBy`?");
        assert_eq!(
            diagnostic.to_string(),
            "data/x.json:14:20: error: unknown predicate `owndBy` (at /facts/2/predicate)\n  help: did you mean `ownedBy`?"
        );
    }

    #[test]
    fn programs_read_every_part_with_keys_in_order() {
        let placed = Diagnostic::error("data/x.json", "invalid date `2021-02-30`")
            .at(Position {
                line: 46,
                column: 17,
            })
            .with_pointer("/facts/2/object")
            .with_help("dates are `YYYY-MM-DD`");
        assert_eq!(
            serde_json::to_string(&placed).expect("json"),
            r#"{"column":17,"file":"data/x.json","help":"dates are `YYYY-MM-DD`","line":46,"message":"invalid date `2021-02-30`","pointer":"/facts/2/object","severity":"error"}"#
        );
        let mut bare = Diagnostic::error("-", "the file is empty");
        bare.severity = Severity::Warning;
        assert_eq!(
            serde_json::to_string(&bare).expect("json"),
            r#"{"column":null,"file":"-","help":null,"line":null,"message":"the file is empty","pointer":null,"severity":"warning"}"#
        );
    }

    #[test]
    fn quoting_escapes_control_characters() {
        assert_eq!(quoted("a\u{1b}[2Jb\n"), "`a\\u{1b}[2Jb\\n`");
    }
}
