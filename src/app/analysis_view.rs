//! The analysis overlay (`A`): statistics across briefs, timeline, conflicts, cross-reference map.

use super::{AppState, Effect, Overlay};
use crate::analysis::{self, SortBy};
use crate::keymap::Action;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnalysisTab {
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalysisView {
    pub tab: AnalysisTab,
    pub selected: usize,
    pub sort: SortBy,
    /// The selected cell of the link map.
    pub row: usize,
    pub column: usize,
}

impl AppState {
    pub(super) fn open_analysis(&mut self) {
        let column = usize::from(self.corpus.briefs.len() > 1);
        self.overlay = Some(Overlay::Analysis(AnalysisView {
            tab: AnalysisTab::Statistics,
            selected: 0,
            sort: SortBy::Brief,
            row: 0,
            column,
        }));
    }

    /// How many selectable entries the current tab has.
    fn analysis_len(&self, view: &AnalysisView) -> usize {
        let rows = analysis::statistics(&self.corpus, self.derived.as_deref(), view.sort);
        match view.tab {
            AnalysisTab::Statistics => rows.len(),
            AnalysisTab::Timeline => analysis::timeline(&rows).len(),
            AnalysisTab::Conflicts => analysis::conflicts(&rows).len() + analysis::contradictions(&self.corpus).len(),
            AnalysisTab::Map => self.corpus.briefs.len(),
        }
    }

    pub(super) fn analysis_action(&mut self, mut view: AnalysisView, action: Action) -> Vec<Effect> {
        let len = self.analysis_len(&view);
        let briefs = self.corpus.briefs.len();
        let tab_index = AnalysisTab::ALL.iter().position(|t| *t == view.tab).unwrap_or(0);
        match action {
            Action::Quit => return vec![Effect::Quit],
            Action::Close | Action::Analysis => {
                self.overlay = None;
                return Vec::new();
            }
            Action::NextTab | Action::FocusNext => {
                view.tab = AnalysisTab::ALL[(tab_index + 1) % 4];
                view.selected = 0;
            }
            Action::PrevTab | Action::FocusPrev => {
                view.tab = AnalysisTab::ALL[(tab_index + 3) % 4];
                view.selected = 0;
            }
            Action::Sort => {
                view.sort = view.sort.next();
                self.message = Some(format!("statistics sorted by {}", view.sort.name()));
            }
            Action::Down if view.tab == AnalysisTab::Map => view.row = (view.row + 1).min(briefs.saturating_sub(1)),
            Action::Up if view.tab == AnalysisTab::Map => view.row = view.row.saturating_sub(1),
            Action::Right if view.tab == AnalysisTab::Map => {
                view.column = (view.column + 1).min(briefs.saturating_sub(1))
            }
            Action::Left if view.tab == AnalysisTab::Map => view.column = view.column.saturating_sub(1),
            Action::Down => view.selected = (view.selected + 1).min(len.saturating_sub(1)),
            Action::Up => view.selected = view.selected.saturating_sub(1),
            Action::HalfPageDown | Action::PageDown => view.selected = (view.selected + 10).min(len.saturating_sub(1)),
            Action::HalfPageUp | Action::PageUp => view.selected = view.selected.saturating_sub(10),
            Action::Top => view.selected = 0,
            Action::Bottom => view.selected = len.saturating_sub(1),
            Action::Open => {
                self.open_analysis_entry(&view);
                return Vec::new();
            }
            _ => {}
        }
        self.overlay = Some(Overlay::Analysis(view));
        Vec::new()
    }

    /// The brief a link starts in, and its from-claim's words.
    fn link_source(&self, link: &crate::corpus::CrossRef) -> Option<(usize, Option<std::ops::Range<usize>>)> {
        let brief = self.corpus.index_of(&link.from_brief)?;
        Some((
            brief,
            self.corpus.briefs[brief]
                .claim(&link.from_claim)
                .and_then(|c| c.anchor.clone()),
        ))
    }

    /// Enter: open the passage behind the selected entry (the overlay closes).
    fn open_analysis_entry(&mut self, view: &AnalysisView) {
        let rows = analysis::statistics(&self.corpus, self.derived.as_deref(), view.sort);
        let target: Option<(usize, Option<std::ops::Range<usize>>)> = match view.tab {
            AnalysisTab::Statistics => rows.get(view.selected).map(|r| (r.brief, r.figure.anchor.clone())),
            AnalysisTab::Timeline => analysis::timeline(&rows)
                .get(view.selected)
                .map(|r| (r.brief, r.figure.anchor.clone())),
            AnalysisTab::Conflicts => {
                let conflicts = analysis::conflicts(&rows);
                match conflicts.get(view.selected) {
                    Some(c) => Some((c.a.brief, c.a.figure.anchor.clone())),
                    None => analysis::contradictions(&self.corpus)
                        .get(view.selected - conflicts.len())
                        .and_then(|l| self.link_source(l)),
                }
            }
            AnalysisTab::Map => analysis::links_between(&self.corpus, view.row, view.column)
                .first()
                .and_then(|l| self.link_source(l)),
        };
        let Some((brief, anchor)) = target else {
            self.message = Some("nothing to open here".into());
            return;
        };
        self.overlay = None;
        let block = anchor
            .as_ref()
            .and_then(|a| self.corpus.briefs.get(brief)?.doc.block_at(a.start));
        self.open(brief, block, anchor);
        self.focus = super::Focus::Reader;
        self.relayout();
    }
}
