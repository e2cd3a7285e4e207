//! Searching the open brief (`/`): the query, every match, and the one the reader is on.

use std::ops::Range;

/// The hits of a search across briefs, kept after one is opened so `n`/`N` go on to the next
/// hit, opening the next brief when a brief's hits run out (as vim's `:cnext` does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trail {
    pub query: String,
    pub regex: bool,
    pub scope: crate::search::Scope,
    pub hits: Vec<crate::search::Hit>,
    pub current: usize,
}

impl Trail {
    /// Moves to the next (or previous) hit, wrapping, and returns it.
    pub fn step(&mut self, forward: bool) -> Option<&crate::search::Hit> {
        let n = self.hits.len();
        if n == 0 {
            return None;
        }
        self.current = if forward {
            (self.current + 1) % n
        } else {
            (self.current + n - 1) % n
        };
        self.hits.get(self.current)
    }

    /// "hit 5/16 in 4 briefs".
    pub fn position_text(&self) -> String {
        let briefs = self
            .hits
            .iter()
            .map(|h| h.brief)
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        format!(
            "hit {}/{} in {briefs} {}",
            self.current + 1,
            self.hits.len(),
            crate::corpus::plural(briefs, "brief", "briefs")
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Find {
    query: String,
    matches: Vec<Range<usize>>,
    current: Option<usize>,
}

impl Find {
    /// Searches `text` for `query` (smart case, literal). An empty query matches nothing.
    pub fn new(query: &str, text: &str) -> Find {
        let matches = crate::search::Matcher::new(query, false)
            .map(|m| m.find_all(text))
            .unwrap_or_default();
        Find {
            query: query.to_owned(),
            matches,
            current: None,
        }
    }

    /// `query` (a regular expression when `regex`) over `text`, on the first match at or after
    /// `at`: a search-all hit opened in its brief, where `n`/`N` go on.
    pub fn positioned(query: &str, regex: bool, text: &str, at: usize) -> Find {
        let matches = crate::search::Matcher::new(query, regex)
            .map(|m| m.find_all(text))
            .unwrap_or_default();
        let current = matches.iter().position(|m| m.start >= at);
        Find {
            query: query.to_owned(),
            matches,
            current,
        }
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    pub fn matches(&self) -> &[Range<usize>] {
        &self.matches
    }

    pub fn current(&self) -> Option<usize> {
        self.current
    }

    pub fn is_active(&self) -> bool {
        !self.query.is_empty()
    }

    /// Moves to the next (or previous) match and returns it. Without a current match, the first
    /// at or after `from` (the cursor's passage) is next; `inclusive` lets that be the one at `from`.
    pub fn step(&mut self, forward: bool, inclusive: bool, from: usize) -> Option<Range<usize>> {
        let count = self.matches.len();
        if count == 0 {
            return None;
        }
        let next = match self.current {
            Some(i) if !inclusive => {
                if forward {
                    (i + 1) % count
                } else {
                    (i + count - 1) % count
                }
            }
            _ => {
                let first = self.matches.iter().position(|m| m.start >= from).unwrap_or(0);
                if forward { first } else { (first + count - 1) % count }
            }
        };
        self.current = Some(next);
        self.matches.get(next).cloned()
    }

    /// "2/7", "7 matches", "no matches".
    pub fn count_text(&self) -> String {
        match (self.current, self.matches.len()) {
            (_, 0) => "no matches".to_owned(),
            (Some(i), n) => format!("{}/{n}", i + 1),
            (None, n) => format!("{n} {}", crate::corpus::plural(n, "match", "matches")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_from_the_cursor_and_wraps_both_ways() {
        let text = "Border, border and the BORDER again; border.";
        let mut find = Find::new("border", text);
        assert_eq!(find.matches().len(), 4, "smart case: lower case matches any case");
        assert_eq!(find.count_text(), "4 matches");
        assert_eq!(
            find.step(true, true, 10),
            Some(23..29),
            "the first at or after the cursor"
        );
        assert_eq!(find.count_text(), "3/4");
        assert_eq!(find.step(true, false, 0), Some(37..43));
        assert_eq!(find.step(true, false, 0), Some(0..6), "wraps");
        assert_eq!(find.step(false, false, 0), Some(37..43), "and back");
        assert_eq!(Find::new("Border", text).matches().len(), 1, "a capital makes it exact");
        assert_eq!(Find::new("", text).step(true, true, 0), None);
        assert_eq!(Find::new("zz", text).count_text(), "no matches");
    }
}
