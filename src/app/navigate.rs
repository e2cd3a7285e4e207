//! Moves that touch several parts: opening a brief at a passage (reader, list, panel, jump list,
//! search), following a panel item or a search hit, and stepping through search matches.

use std::ops::Range;

use super::history::Location;
use super::overlay::Overlay;
use super::panel::PanelItem;
use super::{AppState, Find, Focus};

impl AppState {
    pub(super) fn here(&self) -> Location {
        Location {
            brief: self.reader.brief(),
            block: self.reader.cursor(),
        }
    }

    /// Opens brief `index` at `block` (or where it was left) with `highlight` marked, remembering
    /// where the reader was.
    pub fn open(&mut self, index: usize, block: Option<usize>, highlight: Option<Range<usize>>) {
        if index >= self.corpus.briefs.len() {
            return;
        }
        let there = Location {
            brief: index,
            block: block.unwrap_or_else(|| self.reader.position_of(index).cursor),
        };
        self.history.jumped(self.here(), there);
        self.go_to(there, highlight);
    }

    pub(super) fn go_to(&mut self, location: Location, highlight: Option<Range<usize>>) {
        if location.brief != self.reader.brief() {
            self.selection = None;
            self.find = Find::default();
            self.panel.reset();
        }
        if let Some(brief) = self.corpus.briefs.get(location.brief) {
            self.reader
                .show(&brief.doc, location.brief, Some(location.block), highlight);
        }
        self.list.select_brief(location.brief);
        // Below 100 columns the list and panel cover the reader: after a jump, show the reader.
        if self.geometry().narrow && self.focus != Focus::Reader {
            self.focus = Focus::Reader;
        }
        self.relayout();
    }

    pub(super) fn jump_back(&mut self) {
        match self.history.back(self.here()) {
            Some(location) => self.go_to(location, None),
            None => self.message = Some("no earlier place to go back to".into()),
        }
    }

    pub(super) fn jump_forward(&mut self) {
        match self.history.forward(self.here()) {
            Some(location) => self.go_to(location, None),
            None => self.message = Some("nothing to go forward to".into()),
        }
    }

    /// Enter in the list: open the selected brief in the reader.
    pub(super) fn open_selected_brief(&mut self) {
        if let Some(index) = self.list.selected_brief() {
            self.open(index, None, None);
            self.focus = Focus::Reader;
            self.relayout();
        }
    }

    /// Opens brief `brief` at the block holding `anchor`, highlighted.
    fn open_at(&mut self, brief: usize, anchor: Option<Range<usize>>) {
        let block = anchor
            .as_ref()
            .and_then(|a| self.corpus.briefs.get(brief)?.doc.block_at(a.start));
        self.open(brief, block, anchor);
    }

    /// Enter on a panel item: jump to its words, or follow the link.
    pub(super) fn activate_item(&mut self) {
        let Some(item) = self.panel.selected_item() else {
            return;
        };
        match item {
            PanelItem::Bookmark(index) => self.open_bookmark(index),
            PanelItem::InferredLink(index) => {
                if let Some(link) = self.inferred_links().get(index).cloned() {
                    self.open(link.to, None, None);
                    let id = self.corpus.briefs.get(link.to).map_or("", |b| b.id.as_str());
                    self.message = Some(format!("derived link → {id}"));
                }
            }
            PanelItem::Link { outgoing, index } => self.follow_link(outgoing, index),
            item => match self.item_anchor(item) {
                Some(anchor) => self.open_at(self.reader.brief(), Some(anchor)),
                None => self.message = Some("this item's quote was not found in the text".into()),
            },
        }
    }

    fn follow_link(&mut self, outgoing: bool, index: usize) {
        let Some(brief) = self.brief() else { return };
        let list = if outgoing { &brief.crossrefs } else { &brief.backlinks };
        let Some(link) = list.get(index).cloned() else { return };
        let (target_brief, target_claim) = if outgoing {
            (link.to_brief, link.to_claim)
        } else {
            (link.from_brief, link.from_claim)
        };
        let Some(target) = self.corpus.index_of(&target_brief) else {
            return;
        };
        let anchor = self
            .corpus
            .briefs
            .get(target)
            .and_then(|b| b.claim(&target_claim))
            .and_then(|c| c.anchor.clone());
        self.open_at(target, anchor);
        self.message = Some(format!("{} → {target_brief}#{target_claim}", link.relation.name()));
    }

    /// Enter in the search-all overlay: open the brief at the hit; `n`/`N` go on through every
    /// hit, brief after brief.
    pub(super) fn open_corpus_hit(&mut self) {
        let Some(Overlay::Search(search)) = self.overlay.take() else {
            return;
        };
        if search.selected_hit().is_none() {
            self.overlay = Some(Overlay::Search(search));
            return;
        }
        self.trail = Some(super::find::Trail {
            query: search.input.text().to_owned(),
            regex: search.regex,
            scope: search.scope,
            hits: search.hits().to_vec(),
            current: search.selected(),
        });
        self.focus = Focus::Reader;
        self.show_trail_hit();
    }

    /// Opens the trail's current hit and says what was opened.
    fn show_trail_hit(&mut self) {
        let Some(trail) = &self.trail else { return };
        let Some(hit) = trail.hits.get(trail.current).cloned() else {
            return;
        };
        let (query, regex, scope) = (trail.query.clone(), trail.regex, trail.scope);
        self.open_at(hit.brief, Some(hit.range.clone()));
        // Matches in the brief are marked for a text search; other scopes name the item.
        self.find = match scope {
            crate::search::Scope::Text => self
                .brief()
                .map(|b| Find::positioned(&query, regex, &b.doc.text, hit.range.start))
                .unwrap_or_default(),
            _ => Find::default(),
        };
        let what = self.describe_hit(&hit);
        let keys = format!(
            "{}/{}",
            self.keymap
                .hint(crate::keymap::Mode::Reader, crate::keymap::Action::NextMatch),
            self.keymap
                .hint(crate::keymap::Mode::Reader, crate::keymap::Action::PrevMatch)
        );
        self.message = Some(format!("{what} (“{query}”: {keys} for the next hit)"));
        self.relayout();
    }

    /// "claim border-hard in river-basin", "statistic floods-2023 in river-basin", "text in …".
    fn describe_hit(&self, hit: &crate::search::Hit) -> String {
        let Some(brief) = self.corpus.briefs.get(hit.brief) else {
            return String::new();
        };
        match hit.source {
            crate::search::Source::Text => format!("in {}", brief.id),
            crate::search::Source::Claim(i) => {
                format!(
                    "claim {} in {}",
                    brief.claims.get(i).map_or("?", |c| c.id.as_str()),
                    brief.id
                )
            }
            crate::search::Source::Statistic(i) => format!(
                "statistic {} in {}",
                brief.statistics.get(i).and_then(|s| s.id()).unwrap_or("?"),
                brief.id
            ),
            crate::search::Source::Bookmark(_) => format!("bookmark in {}", brief.id),
        }
    }

    /// Enter in the corpus views: open the passage behind the selected row.
    pub(super) fn open_analysis_entry(&mut self) {
        let Some(Overlay::Analysis(view)) = &self.overlay else {
            return;
        };
        match view.target(&self.corpus) {
            Some((brief, anchor)) => {
                self.close_analysis();
                self.open_at(brief, anchor);
                self.focus = Focus::Reader;
                self.relayout();
            }
            None => self.message = Some("nothing to open here".into()),
        }
    }

    fn close_analysis(&mut self) {
        if let Some(Overlay::Analysis(view)) = self.overlay.take() {
            self.analysis = Some(view);
        }
    }

    /// Searches the open brief as the query is typed (a search across briefs is left behind).
    pub(super) fn set_search(&mut self, query: &str) {
        self.trail = None;
        self.find = self.brief().map(|b| Find::new(query, &b.doc.text)).unwrap_or_default();
        self.step_to_match(true, true);
    }

    /// `n` / `N`: the next match in the brief, or the next hit of a search across briefs.
    pub(super) fn search_step(&mut self, forward: bool) {
        if let Some(trail) = &mut self.trail {
            trail.step(forward);
            self.show_trail_hit();
            return;
        }
        if self.find.matches().is_empty() {
            let key = self
                .keymap
                .hint(crate::keymap::Mode::Reader, crate::keymap::Action::Search);
            self.message = Some(format!("no search: press {key} to search this brief"));
            return;
        }
        // Each match `n` moves to is a jump, as in vi.
        let before = self.here();
        self.step_to_match(forward, false);
        self.history.jumped(before, self.here());
    }

    fn step_to_match(&mut self, forward: bool, inclusive: bool) {
        let Some(brief) = self.corpus.briefs.get(self.reader.brief()) else {
            return;
        };
        let from = brief.doc.blocks.get(self.reader.cursor()).map_or(0, |b| b.range.start);
        match self.find.step(forward, inclusive, from) {
            Some(range) => {
                let block = brief.doc.block_at(range.start).unwrap_or(0);
                self.reader.show_offset(&brief.doc, block, range.start);
                self.reader.set_highlight(Some(range));
            }
            None => self.reader.set_highlight(None),
        }
    }
}
