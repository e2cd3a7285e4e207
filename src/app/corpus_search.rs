//! The search-every-brief overlay (`F`): results as you type, grouped by brief. The rows (a
//! heading per brief, then its hits) and the scroll are kept here, so the view and a click agree.

use super::prompt::LineInput;
use crate::corpus::Corpus;
use crate::search::{self, Hit, Matcher, Scope};
use crate::store::{Bookmark, Placement};

/// Hits kept for the overlay; the count says when there were more.
pub const MAX_HITS: usize = 2000;

/// A row of the results: a brief's heading, or a hit (an index into `hits`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Brief(usize),
    Hit(usize),
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusSearch {
    pub input: LineInput,
    pub regex: bool,
    pub scope: Scope,
    hits: Vec<Hit>,
    rows: Vec<Row>,
    selected: usize,
    scroll: usize,
    /// Result rows that fit on screen.
    visible: usize,
    /// A regex that does not compile, said plainly.
    pub error: Option<String>,
    /// More than `MAX_HITS` matched.
    pub truncated: bool,
}

/// What the search looks through.
pub struct Haystack<'a> {
    pub corpus: &'a Corpus,
    pub bookmarks: &'a [Bookmark],
    pub placements: &'a [Placement],
}

impl CorpusSearch {
    pub fn new(visible: usize) -> CorpusSearch {
        CorpusSearch {
            visible: visible.max(1),
            ..CorpusSearch::default()
        }
    }

    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The selected hit.
    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn selected_hit(&self) -> Option<&Hit> {
        self.hits.get(self.selected)
    }

    /// The first result row on screen.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn set_visible(&mut self, visible: usize) {
        self.visible = visible.max(1);
        self.keep_visible();
    }

    /// Runs the query again (after it, the scope or the mode changed).
    pub fn run(&mut self, haystack: &Haystack<'_>) {
        self.selected = 0;
        self.scroll = 0;
        self.error = None;
        self.hits.clear();
        self.truncated = false;
        if !self.input.text().is_empty() {
            match Matcher::new(self.input.text(), self.regex) {
                Ok(matcher) => {
                    let mut hits = search::search(
                        haystack.corpus,
                        haystack.bookmarks,
                        haystack.placements,
                        &matcher,
                        self.scope,
                        MAX_HITS + 1,
                    );
                    self.truncated = hits.len() > MAX_HITS;
                    hits.truncate(MAX_HITS);
                    self.hits = hits;
                }
                Err(message) => self.error = Some(message.to_string()),
            }
        }
        self.rows.clear();
        let mut last = None;
        for (i, hit) in self.hits.iter().enumerate() {
            if last != Some(hit.brief) {
                last = Some(hit.brief);
                self.rows.push(Row::Brief(hit.brief));
            }
            self.rows.push(Row::Hit(i));
        }
    }

    /// Moves the selection by `delta` hits.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.hits.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
        self.keep_visible();
    }

    pub fn next_scope(&mut self, forward: bool) {
        let n = Scope::ALL.len();
        let i = Scope::ALL.iter().position(|s| *s == self.scope).unwrap_or(0);
        self.scope = Scope::ALL[if forward { (i + 1) % n } else { (i + n - 1) % n }];
    }

    /// Scrolls so the selected hit, and its brief's heading where it fits, are on screen.
    fn keep_visible(&mut self) {
        let Some(row) = self.rows.iter().position(|r| *r == Row::Hit(self.selected)) else {
            self.scroll = 0;
            return;
        };
        let top = if row > 0 && matches!(self.rows.get(row - 1), Some(Row::Brief(_))) {
            row - 1
        } else {
            row
        };
        if top < self.scroll {
            self.scroll = top;
        } else if row >= self.scroll + self.visible {
            self.scroll = row + 1 - self.visible;
        }
        self.scroll = self.scroll.min(self.rows.len().saturating_sub(self.visible));
    }

    /// The hit on result row `row` of the screen, for a click.
    pub fn hit_at(&self, row: usize) -> Option<usize> {
        match self.rows.get(self.scroll + row)? {
            Row::Hit(i) => Some(*i),
            Row::Brief(_) => None,
        }
    }

    pub fn select(&mut self, hit: usize) {
        if hit < self.hits.len() {
            self.selected = hit;
            self.keep_visible();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{self, Origin, SourceFile};

    #[test]
    fn results_group_by_brief_and_the_selection_stays_on_screen() {
        let pairs = (0..4)
            .map(|i| {
                let md = format!("Border one. Border two. Border three.\n\nText {i}.\n");
                (
                    SourceFile {
                        path: format!("b{i}.md"),
                        bytes: md.into_bytes(),
                    },
                    None,
                )
            })
            .collect();
        let c = corpus::load_sources(pairs, Origin::Embedded, Vec::new());
        let haystack = Haystack {
            corpus: &c,
            bookmarks: &[],
            placements: &[],
        };
        let mut s = CorpusSearch::new(5);
        for ch in "border".chars() {
            s.input.insert(ch);
        }
        s.run(&haystack);
        assert_eq!(s.hits().len(), 12);
        assert_eq!(s.rows().len(), 16, "a heading per brief");
        s.move_by(4);
        assert_eq!(s.selected(), 4);
        assert_eq!(s.scroll(), 2, "the selected hit ends the view");
        assert_eq!(s.hit_at(0), Some(1));
        assert_eq!(s.hit_at(2), None, "the second brief's heading");
        assert_eq!(s.hit_at(4), Some(4));
        s.move_by(-1);
        s.move_by(-1);
        assert_eq!((s.selected(), s.scroll()), (2, 2));
        s.move_by(1);
        assert_eq!(s.scroll(), 2);
        s.move_by(-3);
        assert_eq!(s.scroll(), 0, "the first hit shows its brief's heading too");
        s.move_by(100);
        assert_eq!(s.scroll(), 11);
        s.input.insert('(');
        s.regex = true;
        s.run(&haystack);
        assert!(s.error.is_some() && s.hits().is_empty());
    }
}
