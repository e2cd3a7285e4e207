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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
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
