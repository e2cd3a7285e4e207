//! Problems found while loading, each naming a file and a line.

use std::fmt;

use serde::Serialize;

use crate::sanitize::sanitize_line;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// What a problem is about: the briefs, or one of the user's own settings and data files. The
/// reader says "some settings could not be read" only for the latter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    #[default]
    Corpus,
    Config,
    Keymap,
    Theme,
    Data,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub category: Category,
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    /// Builds a diagnostic; the message is sanitized because it may quote untrusted text.
    pub fn new(path: &str, (line, column): (usize, usize), severity: Severity, message: impl AsRef<str>) -> Diagnostic {
        let flat = message.as_ref().split_whitespace().collect::<Vec<_>>().join(" ");
        Diagnostic {
            category: Category::Corpus,
            path: sanitize_line(path),
            line: line.max(1),
            column: column.max(1),
            severity,
            message: sanitize_line(&flat),
        }
    }

    pub fn error(path: &str, position: (usize, usize), message: impl AsRef<str>) -> Diagnostic {
        Diagnostic::new(path, position, Severity::Error, message)
    }

    pub fn warning(path: &str, position: (usize, usize), message: impl AsRef<str>) -> Diagnostic {
        Diagnostic::new(path, position, Severity::Warning, message)
    }

    /// The same problem, filed under `category`.
    pub fn about(mut self, category: Category) -> Diagnostic {
        self.category = category;
        self
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.path, self.line, self.column, self.severity, self.message
        )
    }
}
