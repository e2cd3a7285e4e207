//! The side panel: our annotated summary of the open brief in tabs. The panel's lines are built
//! here (see `panel_view`) whenever what they show changes, so that scrolling, keeping the
//! selection in view and answering a click all use the same lines the view draws.

use std::ops::Range;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Summary,
    Claims,
    Statistics,
    Links,
    Bookmarks,
}

impl Tab {
    pub const ALL: [Tab; 5] = [Tab::Summary, Tab::Claims, Tab::Statistics, Tab::Links, Tab::Bookmarks];

    pub fn title(self) -> &'static str {
        match self {
            Tab::Summary => "Summary",
            Tab::Claims => "Claims",
            Tab::Statistics => "Statistics",
            Tab::Links => "Links",
            Tab::Bookmarks => "Bookmarks",
        }
    }

    pub fn short_title(self) -> &'static str {
        match self {
            Tab::Summary => "Sum",
            Tab::Claims => "Claims",
            Tab::Statistics => "Stats",
            Tab::Links => "Links",
            Tab::Bookmarks => "Marks",
        }
    }

    pub fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }

    fn step(self, forward: bool) -> Tab {
        let n = Tab::ALL.len();
        let i = if forward {
            (self.index() + 1) % n
        } else {
            (self.index() + n - 1) % n
        };
        Tab::ALL[i]
    }
}

/// An item of the side panel's list tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelItem {
    Claim(usize),
    Statistic(usize),
    /// A cross-reference: outgoing (`crossrefs[i]`) or a backlink (`backlinks[i]`).
    Link {
        outgoing: bool,
        index: usize,
    },
    /// A bookmark (index into the bookmark list).
    Bookmark(usize),
    /// A statistic derived from the text (index into the brief's derived statistics).
    DerivedStatistic(usize),
    /// A link inferred from shared terms and figures (index into the brief's inferred links).
    InferredLink(usize),
}

/// A piece of a panel line: a theme role and its text.
pub type Piece = (&'static str, String);

/// One line of the panel as drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelLine {
    pub pieces: Vec<Piece>,
    /// The entry (list tabs) the line belongs to.
    pub entry: Option<usize>,
    /// A line of the entry's body (shown selected when its entry is), rather than its label.
    pub body: bool,
}

/// The lines of the current tab, built for the panel's width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PanelView {
    pub lines: Vec<PanelLine>,
    /// The list tabs' items and the lines each one takes.
    pub entries: Vec<(PanelItem, Range<usize>)>,
    /// Shown when the tab has no items.
    pub empty: Option<String>,
}

/// What a panel view was built from; a change in any of it means building again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltFor {
    pub brief: usize,
    pub tab: Tab,
    pub width: usize,
    pub bookmarks: u64,
    /// How many times derived items arrived.
    pub derived: u64,
    /// The corpus's reload generation.
    pub corpus: u64,
}

#[derive(Debug, Clone, Default)]
pub struct Panel {
    tab: Tab,
    selected: [usize; 5],
    /// First line on screen, per tab.
    scroll: [usize; 5],
    view: PanelView,
    built_for: Option<BuiltFor>,
}

impl Panel {
    pub fn tab(&self) -> Tab {
        self.tab
    }

    pub fn view(&self) -> &PanelView {
        &self.view
    }

    /// The selected entry of the current tab.
    pub fn selected(&self) -> usize {
        self.selected[self.tab.index()]
    }

    pub fn scroll(&self) -> usize {
        self.scroll[self.tab.index()]
    }

    pub fn selected_item(&self) -> Option<PanelItem> {
        self.view.entries.get(self.selected()).map(|(item, _)| *item)
    }

    pub fn items(&self) -> impl Iterator<Item = PanelItem> + '_ {
        self.view.entries.iter().map(|(item, _)| *item)
    }

    pub fn set_tab(&mut self, tab: Tab) {
        self.tab = tab;
    }

    pub fn step_tab(&mut self, forward: bool) {
        self.tab = self.tab.step(forward);
    }

    /// A new brief: every tab starts at its top.
    pub fn reset(&mut self) {
        self.selected = [0; 5];
        self.scroll = [0; 5];
    }

    /// True when the view must be built again for `key`.
    pub fn stale(&self, key: &BuiltFor) -> bool {
        self.built_for.as_ref() != Some(key)
    }

    /// Takes a newly built view and keeps the selection in range and in view.
    pub fn set_view(&mut self, key: BuiltFor, view: PanelView, rows: usize) {
        self.view = view;
        self.built_for = Some(key);
        let last = self.view.entries.len().saturating_sub(1);
        let i = self.tab.index();
        self.selected[i] = self.selected[i].min(last);
        self.keep_visible(rows);
    }

    pub fn select(&mut self, entry: usize) {
        if entry < self.view.entries.len() {
            self.selected[self.tab.index()] = entry;
        }
    }

    /// Moves the selection by `delta` entries (list tabs) or scrolls by `delta` lines (Summary).
    pub fn move_by(&mut self, delta: isize, rows: usize) {
        let i = self.tab.index();
        if self.tab == Tab::Summary {
            let max = self.view.lines.len().saturating_sub(rows);
            self.scroll[i] = self.scroll[i].saturating_add_signed(delta).min(max);
            return;
        }
        let last = self.view.entries.len().saturating_sub(1);
        self.selected[i] = self.selected[i].saturating_add_signed(delta).min(last);
        self.keep_visible(rows);
    }

    /// Scrolls so the selected entry is on screen: its top, with some of what follows.
    pub fn keep_visible(&mut self, rows: usize) {
        let i = self.tab.index();
        let max = self.view.lines.len().saturating_sub(rows);
        if self.tab == Tab::Summary {
            self.scroll[i] = self.scroll[i].min(max);
            return;
        }
        let Some((_, lines)) = self.view.entries.get(self.selected[i]) else {
            self.scroll[i] = 0;
            return;
        };
        let scroll = &mut self.scroll[i];
        if lines.start < *scroll {
            *scroll = lines.start;
        } else if lines.end > *scroll + rows {
            *scroll = lines.end.saturating_sub(rows).min(lines.start);
        }
        *scroll = (*scroll).min(max);
    }

    /// The entry on screen row `row`, for a click.
    pub fn entry_at(&self, row: usize) -> Option<usize> {
        self.view.lines.get(self.scroll() + row)?.entry
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(entries: usize, lines_each: usize) -> PanelView {
        let mut v = PanelView::default();
        for e in 0..entries {
            let start = v.lines.len();
            for n in 0..lines_each {
                v.lines.push(PanelLine {
                    pieces: vec![("text", format!("entry {e} line {n}"))],
                    entry: Some(e),
                    body: n > 0,
                });
            }
            v.entries.push((PanelItem::Claim(e), start..v.lines.len()));
        }
        v
    }

    fn key(tab: Tab) -> BuiltFor {
        BuiltFor {
            brief: 0,
            tab,
            width: 40,
            bookmarks: 0,
            derived: 0,
            corpus: 0,
        }
    }

    #[test]
    fn the_selection_stays_in_view_and_clicks_map_through_the_scroll() {
        let mut p = Panel::default();
        p.set_tab(Tab::Claims);
        assert!(p.stale(&key(Tab::Claims)));
        p.set_view(key(Tab::Claims), view(10, 3), 7);
        assert!(!p.stale(&key(Tab::Claims)));
        p.move_by(4, 7);
        assert_eq!(p.selected(), 4);
        assert_eq!(p.scroll(), 8, "entry 4 (lines 12-14) ends the view");
        assert_eq!(p.entry_at(0), Some(2));
        assert_eq!(p.entry_at(6), Some(4));
        p.move_by(-10, 7);
        assert_eq!((p.selected(), p.scroll()), (0, 0));
        p.move_by(100, 7);
        assert_eq!(p.selected(), 9);
        p.set_view(key(Tab::Claims), view(2, 3), 7);
        assert_eq!(p.selected(), 1, "clamped when the items shrink");
    }

    #[test]
    fn the_summary_scrolls_by_lines_within_its_length() {
        let mut p = Panel::default();
        p.set_view(key(Tab::Summary), view(1, 20), 5);
        p.move_by(3, 5);
        assert_eq!(p.scroll(), 3);
        p.move_by(100, 5);
        assert_eq!(p.scroll(), 15);
        p.step_tab(false);
        assert_eq!(p.tab(), Tab::Bookmarks);
    }
}
