//! The corpus seen whole (`A`): statistics across briefs, a timeline, conflicts and the link map.
//! The model (sorted rows, conflicts, the brief x brief matrix) is built when the view opens or
//! its inputs change, never per frame. The view is kept when closed, so `A` reopens where it was.

use crate::analysis::{self, Cell, Conflict, LinkedFigures, SortBy, StatRow};

use crate::corpus::{Corpus, CrossRef};
use crate::derive::Derivations;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AnalysisTab {
    #[default]
    Statistics,
    Timeline,
    Conflicts,
    Map,
}

impl AnalysisTab {
    pub const ALL: [AnalysisTab; 4] = [
        AnalysisTab::Statistics,
        AnalysisTab::Timeline,
        AnalysisTab::Conflicts,
        AnalysisTab::Map,
    ];

    pub fn title(self) -> &'static str {
        match self {
            AnalysisTab::Statistics => "Statistics",
            AnalysisTab::Timeline => "Timeline",
            AnalysisTab::Conflicts => "Conflicts",
            AnalysisTab::Map => "Link map",
        }
    }

    fn index(self) -> usize {
        AnalysisTab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

/// Everything the tabs show, computed once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnalysisModel {
    /// Every statistic, sorted as asked.
    pub rows: Vec<StatRow>,
    /// Dated facts, oldest first.
    pub timeline: Vec<StatRow>,
    pub conflicts: Vec<Conflict>,
    /// Figures behind linked claims that measure different things (the notes say how).
    pub linked: Vec<LinkedFigures>,
    pub contradictions: Vec<CrossRef>,
    pub matrix: Vec<Vec<Cell>>,
}

impl AnalysisModel {
    pub fn build(corpus: &Corpus, derived: Option<&Derivations>, sort: SortBy) -> AnalysisModel {
        let rows = analysis::statistics(corpus, derived, sort);
        AnalysisModel {
            timeline: analysis::timeline(&rows),
            conflicts: analysis::conflicts(&rows),
            linked: analysis::linked_figures(corpus),
            contradictions: analysis::contradictions(corpus),
            matrix: analysis::matrix(corpus),
            rows,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisView {
    pub tab: AnalysisTab,
    /// The selected row of each list tab.
    selected: [usize; 4],
    /// The first row on screen of each list tab.
    scroll: [usize; 4],
    /// Rows the popup has inside its border.
    rows: usize,
    pub sort: SortBy,
    /// The selected cell of the link map.
    pub row: usize,
    pub column: usize,
    pub model: AnalysisModel,
    /// Whether derived statistics were included when the model was built.
    pub with_derived: bool,
    /// The selected row is shown whole, scrolled this far.
    pub detail: bool,
    pub detail_scroll: usize,
    /// The popup is wide enough for a statistic's measure beside its figure.
    wide: bool,
    /// On the link map: the link picked among the selected cell's links.
    pub pick: Option<usize>,
}

impl AnalysisView {
    pub fn new(corpus: &Corpus, derived: Option<&Derivations>) -> AnalysisView {
        AnalysisView {
            tab: AnalysisTab::Statistics,
            selected: [0; 4],
            scroll: [0; 4],
            rows: 10,
            sort: SortBy::Brief,
            row: 0,
            column: usize::from(corpus.briefs.len() > 1),
            model: AnalysisModel::build(corpus, derived, SortBy::Brief),
            with_derived: derived.is_some(),
            detail: false,
            detail_scroll: 0,
            wide: true,
            pick: None,
        }
    }

    pub fn rebuild(&mut self, corpus: &Corpus, derived: Option<&Derivations>) {
        self.model = AnalysisModel::build(corpus, derived, self.sort);
        self.with_derived = derived.is_some();
        let len = self.len();
        let i = self.tab.index();
        self.selected[i] = self.selected[i].min(len.saturating_sub(1));
    }

    pub fn selected(&self) -> usize {
        self.selected[self.tab.index()]
    }

    /// The first row of the current tab's list on screen.
    pub fn scroll(&self) -> usize {
        self.scroll[self.tab.index()]
    }

    /// Lines each tab shows above its list (column headings, the timeline's axis).
    pub fn header_lines(tab: AnalysisTab) -> usize {
        match tab {
            AnalysisTab::Statistics => 2,
            AnalysisTab::Timeline => 4,
            // What the tab holds, on up to two lines.
            AnalysisTab::Conflicts => 2,
            AnalysisTab::Map => 0,
        }
    }

    /// Screen lines each row of a tab takes: a conflict shows its two sides on lines of their
    /// own, and in a narrow popup a statistic's measure goes under its figure.
    pub fn row_height(&self, tab: AnalysisTab) -> usize {
        match tab {
            AnalysisTab::Conflicts => 3,
            AnalysisTab::Statistics if !self.wide => 2,
            _ => 1,
        }
    }

    /// Whether a statistic's measure fits beside its figure.
    pub fn wide(&self) -> bool {
        self.wide
    }

    /// The popup's inner size changed (or the selection moved): keep the selection in view.
    pub fn fit(&mut self, rows: usize, width: usize) {
        self.rows = rows.max(1);
        self.wide = width >= 120;
        self.refit();
    }

    fn refit(&mut self) {
        let i = self.tab.index();
        let visible = (self.rows.saturating_sub(Self::header_lines(self.tab)) / self.row_height(self.tab)).max(1);
        let selected = self.selected[i];
        let len = self.len();
        let scroll = &mut self.scroll[i];
        if selected < *scroll {
            *scroll = selected;
        } else if selected >= *scroll + visible {
            *scroll = selected + 1 - visible;
        }
        *scroll = (*scroll).min(len.saturating_sub(visible));
    }

    /// How many selectable rows the current tab has.
    pub fn len(&self) -> usize {
        match self.tab {
            AnalysisTab::Statistics => self.model.rows.len(),
            AnalysisTab::Timeline => self.model.timeline.len(),
            AnalysisTab::Conflicts => {
                self.model.conflicts.len() + self.model.linked.len() + self.model.contradictions.len()
            }
            AnalysisTab::Map => self.model.matrix.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The links of the map's selected cell.
    pub fn cell_links(&self, corpus: &Corpus) -> Vec<CrossRef> {
        analysis::links_between(corpus, self.row, self.column)
    }

    /// Esc: out of a cell's link list or the detail first, then out of the view. True when
    /// there was something to step out of.
    pub fn step_out(&mut self) -> bool {
        if std::mem::take(&mut self.detail) {
            self.detail_scroll = 0;
            return true;
        }
        self.pick.take().is_some()
    }

    /// Space: show or hide the selected row whole.
    pub fn toggle_detail(&mut self) {
        self.detail = !self.detail;
        self.detail_scroll = 0;
    }

    pub fn step_tab(&mut self, forward: bool) {
        self.pick = None;
        let n = AnalysisTab::ALL.len();
        let i = self.tab.index();
        self.tab = AnalysisTab::ALL[if forward { (i + 1) % n } else { (i + n - 1) % n }];
        self.refit();
    }

    /// Moves the selected row (or, on the map, the selected cell's row, or the picked link
    /// inside a cell) by `delta`.
    pub fn move_by(&mut self, delta: isize, corpus: &Corpus) {
        let last = self.len().saturating_sub(1);
        if self.tab == AnalysisTab::Map {
            if let Some(pick) = &mut self.pick {
                let links = analysis::links_between(corpus, self.row, self.column).len();
                *pick = pick.saturating_add_signed(delta).min(links.saturating_sub(1));
                return;
            }
            self.row = self.row.saturating_add_signed(delta).min(last);
            return;
        }
        let i = self.tab.index();
        self.selected[i] = self.selected[i].saturating_add_signed(delta).min(last);
        self.refit();
    }

    /// Moves the map's selected column.
    pub fn move_column(&mut self, delta: isize) {
        self.pick = None;
        let last = self.model.matrix.len().saturating_sub(1);
        self.column = self.column.saturating_add_signed(delta).min(last);
    }

    pub fn sort_next(&mut self, corpus: &Corpus, derived: Option<&Derivations>) {
        self.sort = self.sort.next();
        self.rebuild(corpus, derived);
    }

    /// The brief and words behind the selected row.
    pub fn target(&self, corpus: &Corpus) -> Option<(usize, Option<std::ops::Range<usize>>)> {
        let source = |link: &CrossRef| {
            let brief = corpus.index_of(&link.from_brief)?;
            let anchor = corpus.briefs.get(brief)?.claim(&link.from_claim)?.anchor.clone();
            Some((brief, anchor))
        };
        let selected = self.selected();
        match self.tab {
            AnalysisTab::Statistics => self
                .model
                .rows
                .get(selected)
                .map(|r| (r.brief, r.figure.anchor.clone())),
            AnalysisTab::Timeline => self
                .model
                .timeline
                .get(selected)
                .map(|r| (r.brief, r.figure.anchor.clone())),
            AnalysisTab::Conflicts => {
                let (conflicts, linked) = (self.model.conflicts.len(), self.model.linked.len());
                if let Some(c) = self.model.conflicts.get(selected) {
                    Some((c.a.brief, c.a.figure.anchor.clone()))
                } else if let Some(l) = self.model.linked.get(selected - conflicts) {
                    Some((l.a.brief, l.a.figure.anchor.clone()))
                } else {
                    self.model
                        .contradictions
                        .get(selected - conflicts - linked)
                        .and_then(source)
                }
            }
            AnalysisTab::Map => analysis::links_between(corpus, self.row, self.column)
                .get(self.pick.unwrap_or(0))
                .and_then(source),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;

    #[test]
    fn tabs_keep_their_rows_and_the_map_its_cell() {
        let c = corpus::load_path(std::path::Path::new("tests/fixtures/valid"));
        let mut v = AnalysisView::new(&c, None);
        assert_eq!(v.len(), 1, "one statistic in the fixture");
        v.move_by(5, &c);
        assert_eq!(v.selected(), 0);
        v.step_tab(true);
        v.step_tab(true);
        v.step_tab(true);
        assert_eq!(v.tab, AnalysisTab::Map);
        v.move_by(1, &c);
        v.move_column(-1);
        assert_eq!((v.row, v.column), (1, 0));
        let (brief, anchor) = v.target(&c).unwrap();
        assert_eq!(c.briefs[brief].id, "alpha", "the link starts in alpha");
        assert!(anchor.is_some());
        v.step_tab(false);
        assert_eq!(v.tab, AnalysisTab::Conflicts);
    }
}
