//! The brief list: which briefs are shown (all, or those matching a filter), which is selected,
//! and which is the first one on screen. The view draws from `scroll`; a click maps through the
//! same `scroll`, so both always agree on which brief is where.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::geometry::LIST_ROWS_PER_BRIEF;
use crate::corpus::Corpus;

#[derive(Debug, Clone, Default)]
pub struct List {
    /// Indices into `corpus.briefs`, in the order shown.
    items: Vec<usize>,
    selected: usize,
    /// The first item on screen.
    scroll: usize,
    filter: String,
    /// The filter matches inside the briefs' text rather than their titles.
    in_text: bool,
}

impl List {
    pub fn new(count: usize) -> List {
        List {
            items: (0..count).collect(),
            ..List::default()
        }
    }

    pub fn items(&self) -> &[usize] {
        &self.items
    }

    /// The selected row.
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The first row on screen.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    pub fn in_text(&self) -> bool {
        self.in_text
    }

    /// The brief of the selected row.
    pub fn selected_brief(&self) -> Option<usize> {
        self.items.get(self.selected).copied()
    }

    /// Shows the briefs matching `filter`: fuzzy on title, id, kind and path, best first; or, in
    /// text mode, those whose text contains it (smart case), most mentions first.
    pub fn set_filter(&mut self, corpus: &Corpus, filter: &str) {
        self.filter = filter.to_owned();
        self.selected = 0;
        self.scroll = 0;
        if filter.trim().is_empty() {
            self.items = (0..corpus.briefs.len()).collect();
            return;
        }
        let mut scored: Vec<(u32, usize)> = if self.in_text {
            let Ok(matcher) = crate::search::Matcher::new(filter, false) else {
                self.items.clear();
                return;
            };
            corpus
                .briefs
                .iter()
                .enumerate()
                .filter_map(|(i, b)| {
                    let n = matcher.find_all(&b.doc.text).len();
                    (n > 0).then(|| (u32::try_from(n).unwrap_or(u32::MAX), i))
                })
                .collect()
        } else {
            let pattern = Pattern::parse(filter, CaseMatching::Smart, Normalization::Smart);
            let mut matcher = Matcher::new(Config::DEFAULT);
            let mut buffer = Vec::new();
            corpus
                .briefs
                .iter()
                .enumerate()
                .filter_map(|(i, b)| {
                    let haystack = format!(
                        "{} {} {} {}",
                        b.meta.title,
                        b.id,
                        b.meta.kind.as_deref().unwrap_or(""),
                        b.path
                    );
                    let score = pattern.score(Utf32Str::new(&haystack, &mut buffer), &mut matcher)?;
                    Some((score, i))
                })
                .collect()
        };
        scored.sort_by_key(|&(score, i)| (std::cmp::Reverse(score), i));
        self.items = scored.into_iter().map(|(_, i)| i).collect();
    }

    /// Switches between matching titles and matching text, keeping the filter.
    pub fn toggle_in_text(&mut self, corpus: &Corpus) {
        self.in_text = !self.in_text;
        let filter = self.filter.clone();
        self.set_filter(corpus, &filter);
    }

    /// Moves the selection by `delta` rows, within the list.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.items.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    pub fn select_row(&mut self, row: usize) {
        if row < self.items.len() {
            self.selected = row;
        }
    }

    pub fn select_last(&mut self) {
        self.selected = self.items.len().saturating_sub(1);
    }

    /// Selects `brief`'s row when it is listed (the reader opened it).
    pub fn select_brief(&mut self, brief: usize) {
        if let Some(row) = self.items.iter().position(|&b| b == brief) {
            self.selected = row;
        }
    }

    /// Scrolls so the selected row is among the `capacity` rows on screen.
    pub fn keep_visible(&mut self, capacity: usize) {
        let capacity = capacity.max(1);
        if self.selected < self.scroll {
            self.scroll = self.selected;
        } else if self.selected >= self.scroll + capacity {
            self.scroll = self.selected + 1 - capacity;
        }
        self.scroll = self.scroll.min(self.items.len().saturating_sub(capacity));
    }

    /// The row shown at screen row `row` inside the list's border.
    pub fn row_at(&self, row: usize) -> Option<usize> {
        let index = self.scroll + row / LIST_ROWS_PER_BRIEF;
        (index < self.items.len()).then_some(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{self, Origin, SourceFile};

    fn corpus_of(titles: &[&str]) -> Corpus {
        let pairs = titles
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let md = format!("+++\ntitle = \"{t}\"\n+++\n\nText {i} about the Durand Line.\n");
                (
                    SourceFile {
                        path: format!("b{i:02}.md"),
                        bytes: md.into_bytes(),
                    },
                    None,
                )
            })
            .collect();
        corpus::load_sources(pairs, Origin::Embedded, Vec::new())
    }

    #[test]
    fn the_filter_is_fuzzy_unicode_aware_and_ranks_the_closest_first() {
        let c = corpus_of(&[
            "Border fences",
            "Durand Line disputes",
            "Drones and radar",
            "Café économie",
        ]);
        let mut list = List::new(c.briefs.len());
        list.set_filter(&c, "durand");
        assert_eq!(list.items()[0], 1);
        list.set_filter(&c, "cafe econ");
        assert_eq!(list.items(), [3], "accents fold");
        list.set_filter(&c, "zzqx");
        assert!(list.items().is_empty());
        list.toggle_in_text(&c);
        assert!(list.in_text() && list.items().is_empty());
        list.set_filter(&c, "Durand Line");
        assert_eq!(list.items().len(), 4, "every text mentions it");
        list.set_filter(&c, "");
        assert_eq!(list.items().len(), 4);
    }

    #[test]
    fn scrolling_keeps_the_selection_visible_and_rows_map_through_the_scroll() {
        let titles: Vec<String> = (0..20).map(|i| format!("Brief {i}")).collect();
        let refs: Vec<&str> = titles.iter().map(String::as_str).collect();
        let c = corpus_of(&refs);
        let mut list = List::new(c.briefs.len());
        list.move_by(12);
        list.keep_visible(5);
        assert_eq!((list.selected(), list.scroll()), (12, 8));
        // Screen row 4 is the second brief on screen (three rows each), so row 9 of the list.
        assert_eq!(list.row_at(4), Some(9));
        list.move_by(-100);
        list.keep_visible(5);
        assert_eq!((list.selected(), list.scroll()), (0, 0));
        list.select_last();
        list.keep_visible(5);
        assert_eq!(list.scroll(), 15);
        assert_eq!(list.row_at(14), Some(19));
        assert_eq!(list.row_at(15), None);
    }
}
