//! Reading TOML tables field by field, so each problem can name the line of the field at fault
//! and the rest of the file still loads.

use std::ops::Range;

use super::diagnostic::Diagnostic;
use super::document::{line_col, line_starts};
use crate::sanitize::sanitize_line;

/// A TOML text inside a file (a sidecar, or front matter that starts `base` bytes in).
pub struct TomlSource<'a> {
    pub path: &'a str,
    pub text: &'a str,
    base: usize,
    line_starts: Vec<usize>,
}

impl<'a> TomlSource<'a> {
    pub fn new(path: &'a str, text: &'a str, base: usize, file_text: &str) -> TomlSource<'a> {
        TomlSource {
            path,
            text,
            base,
            line_starts: line_starts(file_text),
        }
    }

    /// File (line, column) of a byte offset into `text`.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        line_col(&self.line_starts, self.base + offset)
    }

    /// Where `key = ...` is written inside `within` (or the start of `within` when not found).
    pub fn key_position(&self, within: &Range<usize>, key: &str) -> (usize, usize) {
        let region = self.text.get(within.clone()).unwrap_or("");
        let mut offset = 0;
        for line in region.split_inclusive('\n') {
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            if let Some(rest) = trimmed.strip_prefix(key)
                && rest.trim_start().starts_with('=')
            {
                return self.position(within.start + offset + indent);
            }
            offset += line.len();
        }
        self.position(within.start)
    }

    pub fn error(&self, position: (usize, usize), message: impl AsRef<str>) -> Diagnostic {
        Diagnostic::error(self.path, position, message)
    }

    pub fn warning(&self, position: (usize, usize), message: impl AsRef<str>) -> Diagnostic {
        Diagnostic::warning(self.path, position, message)
    }

    /// A TOML parse error as a diagnostic at the position it names.
    pub fn parse_error(&self, error: &toml::de::Error, what: &str) -> Diagnostic {
        let position = error.span().map_or((1, 1), |s| self.position(s.start));
        self.error(position, format!("{what}: {}", error.message()))
    }
}

/// One TOML table (front matter, a claim, a statistic...) read field by field.
pub struct Fields<'s, 'a> {
    pub source: &'s TomlSource<'a>,
    pub table: toml::Table,
    pub span: Range<usize>,
    /// How the table is named in messages: "front matter", "claim `ttp-rise`".
    pub label: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'s, 'a> Fields<'s, 'a> {
    pub fn new(source: &'s TomlSource<'a>, table: toml::Table, span: Range<usize>, label: impl Into<String>) -> Self {
        Fields {
            source,
            table,
            span,
            label: label.into(),
            diagnostics: Vec::new(),
        }
    }

    pub fn start(&self) -> (usize, usize) {
        self.source.position(self.span.start)
    }

    pub fn key_position(&self, key: &str) -> (usize, usize) {
        self.source.key_position(&self.span, key)
    }

    pub fn error_at(&mut self, key: &str, message: impl AsRef<str>) {
        let position = self.key_position(key);
        let d = self
            .source
            .error(position, format!("{}: {}", self.label, message.as_ref()));
        self.diagnostics.push(d);
    }

    pub fn warning_at(&mut self, key: &str, message: impl AsRef<str>) {
        let position = self.key_position(key);
        let d = self
            .source
            .warning(position, format!("{}: {}", self.label, message.as_ref()));
        self.diagnostics.push(d);
    }

    /// Reports every key not in `known`.
    pub fn reject_unknown(&mut self, known: &[&str]) {
        let unknown: Vec<String> = self
            .table
            .keys()
            .filter(|k| !known.contains(&k.as_str()))
            .cloned()
            .collect();
        for key in unknown {
            self.error_at(
                &key,
                format!("unknown field `{key}` (expected one of: {})", known.join(", ")),
            );
        }
    }

    fn missing(&mut self, key: &str) {
        let d = self
            .source
            .error(self.start(), format!("{}: missing field `{key}`", self.label));
        self.diagnostics.push(d);
    }

    /// A string field, sanitized with whitespace collapsed. Empty strings count as missing.
    pub fn string(&mut self, key: &str, required: bool) -> Option<String> {
        match self.table.get(key).cloned() {
            None if required => {
                self.missing(key);
                None
            }
            None => None,
            Some(toml::Value::String(s)) => {
                if s.chars().any(|c| !c.is_whitespace() && crate::sanitize::is_unsafe(c)) {
                    self.warning_at(
                        key,
                        format!("field `{key}` holds a control character; it is shown as a placeholder"),
                    );
                }
                let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
                if collapsed.is_empty() {
                    if required {
                        self.error_at(key, format!("field `{key}` is empty"));
                    }
                    return None;
                }
                Some(sanitize_line(&collapsed))
            }
            Some(other) => {
                let kind = other.type_str();
                self.error_at(key, format!("field `{key}` must be a string, not {kind}"));
                None
            }
        }
    }

    /// A list of strings.
    pub fn strings(&mut self, key: &str) -> Vec<String> {
        match self.table.get(key) {
            None => Vec::new(),
            Some(toml::Value::Array(items)) => {
                let mut out = Vec::new();
                let mut bad = false;
                for item in items {
                    match item.as_str() {
                        Some(s) => out.push(sanitize_line(s.trim())),
                        None => bad = true,
                    }
                }
                if bad {
                    self.error_at(key, format!("field `{key}` must be a list of strings"));
                }
                out
            }
            Some(_) => {
                self.error_at(key, format!("field `{key}` must be a list of strings"));
                Vec::new()
            }
        }
    }

    /// A number (integer or float).
    pub fn number(&mut self, key: &str) -> Option<f64> {
        match self.table.get(key) {
            None => {
                self.missing(key);
                None
            }
            Some(toml::Value::Integer(i)) => Some(*i as f64),
            Some(toml::Value::Float(f)) if f.is_finite() => Some(*f),
            Some(other) => {
                let kind = other.type_str();
                self.error_at(key, format!("field `{key}` must be a number, not {kind}"));
                None
            }
        }
    }

    /// A date-like field: a string, or a bare TOML date, returned as text.
    pub fn date_text(&mut self, key: &str) -> Option<String> {
        match self.table.get(key) {
            Some(toml::Value::Datetime(d)) => Some(d.to_string()),
            _ => self.string(key, false),
        }
    }
}

/// True for an id: lowercase ASCII letters, digits and `-`, not empty.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// True for `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a valid month and day.
pub fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let number = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => number(y, 4).is_some(),
        [y, m] => number(y, 4).is_some() && number(m, 2).is_some_and(|m| (1..=12).contains(&m)),
        [y, m, d] => {
            let (Some(year), Some(month), Some(day)) = (number(y, 4), number(m, 2), number(d, 2)) else {
                return false;
            };
            let days = match month {
                1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
                4 | 6 | 9 | 11 => 30,
                2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
                2 => 28,
                _ => return false,
            };
            (1..=days).contains(&day)
        }
        _ => false,
    }
}

/// A date whose year the text does not give: `--MM` or `--MM-DD` (ISO 8601's truncated forms).
pub fn is_yearless_date(s: &str) -> bool {
    s.strip_prefix("--")
        .is_some_and(|rest| is_iso_date(&format!("2000-{rest}")) && !rest.is_empty())
}

/// A statistic's period: an ISO date, a date without its year (`--03-08`), or a span `A/B` of two
/// dates where either end may be open (`../2025-08`: until August 2025, start not given).
pub fn is_period(s: &str) -> bool {
    match s.split_once('/') {
        Some(("..", "..")) => false,
        Some(("..", b)) => is_iso_date(b),
        Some((a, "..")) => is_iso_date(a),
        Some((a, b)) => is_iso_date(a) && is_iso_date(b) && a <= b,
        None => is_iso_date(s) || is_yearless_date(s),
    }
}

/// The year a period names: its start, else its end (for `../B`); none for a yearless date.
pub fn period_year(s: &str) -> Option<i32> {
    let (a, b) = s.split_once('/').unwrap_or((s, s));
    [a, b]
        .into_iter()
        .filter(|p| is_iso_date(p))
        .find_map(|p| p.get(..4)?.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_and_periods() {
        for ok in [
            "2021",
            "2021-08",
            "2021-08-30",
            "2024-02-29",
            "2001/2021",
            "2021-08/2025-08",
            "../2025-08",
            "2021/..",
            "--03",
            "--03-08",
        ] {
            assert!(is_period(ok), "{ok}");
        }
        for bad in [
            "21",
            "2021-13",
            "2021-02-30",
            "2023-02-29",
            "August 2021",
            "2021/2001",
            "2021-8-1",
            "",
            "../..",
            "--13",
            "--02-30",
            "--",
        ] {
            assert!(!is_period(bad), "{bad}");
        }
        assert_eq!(period_year("2021-08/2025"), Some(2021));
        assert_eq!(period_year("../2025-08"), Some(2025));
        assert_eq!(period_year("--03-08"), None);
    }

    #[test]
    fn key_positions_name_the_field_line() {
        let text = "[[claims]]\nid = \"a\"\n  quote = \"x\"\n";
        let source = TomlSource::new("f.toml", text, 0, text);
        assert_eq!(source.key_position(&(0..text.len()), "quote"), (3, 3));
        assert_eq!(source.key_position(&(0..text.len()), "missing"), (1, 1));
    }
}
