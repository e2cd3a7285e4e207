//! Popups over the main view: help, the outline, load problems, search across briefs and the
//! corpus views. Help and problems are text built (wrapped) for the popup's width, so scrolling
//! knows where the end is; the view draws the rows from `scroll`.

use super::analysis_view::AnalysisView;
use super::corpus_search::CorpusSearch;
use super::panel::Piece;
use crate::keymap::{Action, Mode};

#[derive(Debug, Clone)]
pub enum Overlay {
    /// The keys, current mode first.
    Help(TextView),
    Outline(OutlineView),
    /// Load problems (`!`).
    Problems(TextView),
    /// About the open brief (`i`): its source notes and title flags.
    About(TextView),
    /// Search every brief.
    Search(Box<CorpusSearch>),
    /// The corpus seen whole.
    Analysis(Box<AnalysisView>),
    /// The links of the passage under the cursor, to pick one.
    Links(Box<super::links::LinksView>),
}

impl Overlay {
    /// The keymap mode that reads keys while this overlay is open.
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::Help(_) => Mode::Help,
            Overlay::Outline(_) => Mode::Outline,
            Overlay::Problems(_) => Mode::Problems,
            Overlay::About(_) => Mode::About,
            Overlay::Search(_) => Mode::Search,
            Overlay::Analysis(_) => Mode::Analysis,
            Overlay::Links(_) => Mode::Links,
        }
    }
}

/// Lines of text in a popup, with a scroll position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextView {
    lines: Vec<Vec<Piece>>,
    scroll: usize,
    rows: usize,
}

impl TextView {
    pub fn new(lines: Vec<Vec<Piece>>, rows: usize) -> TextView {
        TextView {
            lines,
            scroll: 0,
            rows: rows.max(1),
        }
    }

    pub fn lines(&self) -> &[Vec<Piece>] {
        &self.lines
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// Rows that fit in the popup.
    pub fn rows(&self) -> usize {
        self.rows
    }

    fn max_scroll(&self) -> usize {
        self.lines.len().saturating_sub(self.rows)
    }

    /// Scrolling keys; false for any other action.
    pub fn scroll_by(&mut self, action: Action) -> bool {
        let page = self.rows.saturating_sub(1).max(1);
        let half = (self.rows / 2).max(1);
        self.scroll = match action {
            Action::Down => self.scroll + 1,
            Action::Up => self.scroll.saturating_sub(1),
            Action::PageDown => self.scroll + page,
            Action::PageUp => self.scroll.saturating_sub(page),
            Action::HalfPageDown => self.scroll + half,
            Action::HalfPageUp => self.scroll.saturating_sub(half),
            Action::Top => 0,
            Action::Bottom => self.max_scroll(),
            _ => return false,
        }
        .min(self.max_scroll());
        true
    }

    /// "lines 1-20 of 96" when it does not all fit, for the popup's title.
    pub fn position_text(&self) -> Option<String> {
        (self.lines.len() > self.rows).then(|| {
            let last = (self.scroll + self.rows).min(self.lines.len());
            format!("lines {}–{last} of {}", self.scroll + 1, self.lines.len())
        })
    }
}

/// The outline: the brief's headings and the selected one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutlineView {
    /// (block, level, text) of each heading.
    pub headings: Vec<(usize, u8, String)>,
    selected: usize,
    scroll: usize,
    rows: usize,
}

impl OutlineView {
    pub fn new(headings: Vec<(usize, u8, String)>, selected: usize, rows: usize) -> OutlineView {
        let mut view = OutlineView {
            headings,
            selected: 0,
            scroll: 0,
            rows: rows.max(1),
        };
        view.select(selected);
        view
    }

    pub fn selected(&self) -> usize {
        self.selected
    }

    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// The selected heading's block.
    pub fn target(&self) -> Option<usize> {
        self.headings.get(self.selected).map(|(block, ..)| *block)
    }

    fn select(&mut self, index: usize) {
        self.selected = index.min(self.headings.len().saturating_sub(1));
        if self.selected < self.scroll {
            self.scroll = self.selected;
        } else if self.selected >= self.scroll + self.rows {
            self.scroll = self.selected + 1 - self.rows;
        }
    }

    /// Moving keys; false for any other action.
    pub fn move_by(&mut self, action: Action) -> bool {
        let page = self.rows.saturating_sub(1).max(1);
        let to = match action {
            Action::Down => self.selected + 1,
            Action::Up => self.selected.saturating_sub(1),
            Action::PageDown => self.selected + page,
            Action::PageUp => self.selected.saturating_sub(page),
            Action::HalfPageDown => self.selected + page / 2,
            Action::HalfPageUp => self.selected.saturating_sub(page / 2),
            Action::Top => 0,
            Action::Bottom => usize::MAX,
            _ => return false,
        };
        self.select(to);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_views_scroll_to_their_end_and_say_where_they_are() {
        let lines: Vec<Vec<Piece>> = (0..30).map(|i| vec![("text", format!("line {i}"))]).collect();
        let mut view = TextView::new(lines, 10);
        assert_eq!(view.position_text().as_deref(), Some("lines 1–10 of 30"));
        view.scroll_by(Action::Bottom);
        assert_eq!(view.scroll(), 20);
        assert_eq!(view.position_text().as_deref(), Some("lines 21–30 of 30"));
        view.scroll_by(Action::PageDown);
        assert_eq!(view.scroll(), 20, "not past the end");
        view.scroll_by(Action::Top);
        view.scroll_by(Action::HalfPageDown);
        assert_eq!(view.scroll(), 5);
        assert!(!view.scroll_by(Action::Open));
        assert_eq!(TextView::new(vec![vec![]], 10).position_text(), None);
    }

    #[test]
    fn the_outline_keeps_its_selection_in_view() {
        let headings = (0..20).map(|i| (i * 3, 2, format!("Part {i}"))).collect();
        let mut view = OutlineView::new(headings, 15, 5);
        assert_eq!((view.selected(), view.scroll()), (15, 11));
        view.move_by(Action::Bottom);
        assert_eq!(view.target(), Some(57));
        view.move_by(Action::Top);
        assert_eq!((view.selected(), view.scroll()), (0, 0));
    }
}
