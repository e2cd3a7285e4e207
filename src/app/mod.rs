//! The reader's state and its one way of changing: `AppState::update(event) -> effects`.
//! No I/O and no terminal here: effects (quit, mouse capture) are carried out by the runner, and
//! the UI only reads this state.

mod analysis_view;
mod bookmarks;
mod corpus_search;
pub mod geometry;
mod input;
mod search;

use std::ops::Range;

use crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};

use crate::corpus::document::BlockKind;
use crate::corpus::{Brief, Corpus};
use crate::keymap::{Action, Keymap};
use crate::render::Layout;
use crate::store::{Bookmark, Change, Placement};
pub use analysis_view::{AnalysisTab, AnalysisView};
pub use bookmarks::NoteTarget;
pub use corpus_search::CorpusSearch;
pub use geometry::Geometry;
pub use input::{Edit, LineInput};
pub use search::fuzzy_score;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Panel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
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

    fn index(self) -> usize {
        Tab::ALL.iter().position(|t| *t == self).unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Outline {
        selected: usize,
    },
    Diagnostics {
        scroll: usize,
    },
    /// Search every brief.
    Search(Box<CorpusSearch>),
    /// The corpus seen whole.
    Analysis(AnalysisView),
}

/// A one-line prompt in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    /// Filtering the document list.
    Filter(LineInput),
    /// Searching the open brief.
    Search(LineInput),
    /// A bookmark's note.
    Note { input: LineInput, target: NoteTarget },
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
    /// A bookmark (index into `AppState::bookmarks`).
    Bookmark(usize),
    /// A statistic derived from the text (index into the brief's derived statistics).
    DerivedStatistic(usize),
    /// A link inferred from shared terms and figures (index into the brief's inferred links).
    InferredLink(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub brief: usize,
    pub block: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReaderPosition {
    /// The passage cursor: a block index.
    pub cursor: usize,
    /// First visible row.
    pub scroll: usize,
}

#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub query: String,
    pub matches: Vec<Range<usize>>,
    pub current: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    SetMouse(bool),
    /// Save these bookmark changes (everything not yet saved, oldest first).
    SaveBookmarks(Vec<Change>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Resize(u16, u16),
    /// Nothing happened for a moment: a chance to lay out more of a large brief.
    Idle,
    /// How saving bookmarks went: the merged list on disk, or why it failed.
    BookmarksSaved(Result<Vec<Bookmark>, String>),
    /// Statistics, key terms and links derived from the text (computed off the UI thread).
    Derived(Box<crate::derive::Derivations>),
}

/// Blocks laid out per idle tick: a few milliseconds of work, so keys stay responsive.
const IDLE_BLOCKS: usize = 400;

pub struct AppState {
    pub corpus: Corpus,
    pub keymap: Keymap,
    pub theme_names: Vec<String>,
    pub theme: usize,
    pub size: (u16, u16),
    pub focus: Focus,
    /// The open brief.
    pub current: usize,
    pub positions: Vec<ReaderPosition>,
    /// The reader's layout of the open brief at the reader's width.
    pub layout: Layout,
    /// Indices into `corpus.briefs` shown in the list (filtered), and the selected row.
    pub list: Vec<usize>,
    pub list_selected: usize,
    pub filter: String,
    /// The list filter matches inside the briefs' text, not only titles.
    pub filter_in_text: bool,
    pub tab: Tab,
    pub panel_selected: [usize; 5],
    pub panel_scroll: usize,
    /// A quote or match to highlight in the open brief.
    pub highlight: Option<Range<usize>>,
    pub search: SearchState,
    pub prompt: Option<Prompt>,
    pub overlay: Option<Overlay>,
    pub back: Vec<Location>,
    pub forward: Vec<Location>,
    pub mouse: bool,
    pub message: Option<String>,
    /// Every bookmark, and where each is now (same order).
    pub bookmarks: Vec<Bookmark>,
    pub placements: Vec<Placement>,
    /// Changes not yet saved to disk.
    unsaved: Vec<Change>,
    /// Deleted bookmarks, for undo.
    deleted: Vec<Bookmark>,
    /// Bookmarks tab order: by brief and position instead of newest first.
    pub bookmarks_by_brief: bool,
    /// A narrower span of the open brief chosen to bookmark (selection mode when set).
    pub selection: Option<Range<usize>>,
    /// What was derived from the briefs' text, once it arrives.
    pub derived: Option<Box<crate::derive::Derivations>>,
}

impl AppState {
    pub fn new(
        corpus: Corpus,
        keymap: Keymap,
        theme_names: Vec<String>,
        theme: usize,
        size: (u16, u16),
        open: Option<&str>,
    ) -> AppState {
        let positions = vec![ReaderPosition::default(); corpus.briefs.len()];
        let current = open.and_then(|id| corpus.index_of(id)).unwrap_or(0);
        let list = (0..corpus.briefs.len()).collect();
        let mut state = AppState {
            corpus,
            keymap,
            theme_names,
            theme,
            size,
            focus: Focus::Reader,
            current,
            positions,
            layout: Layout::default(),
            list,
            list_selected: current,
            filter: String::new(),
            filter_in_text: false,
            tab: Tab::Summary,
            panel_selected: [0; 5],
            panel_scroll: 0,
            highlight: None,
            search: SearchState::default(),
            prompt: None,
            overlay: None,
            back: Vec::new(),
            forward: Vec::new(),
            mouse: true,
            message: None,
            bookmarks: Vec::new(),
            placements: Vec::new(),
            unsaved: Vec::new(),
            deleted: Vec::new(),
            bookmarks_by_brief: false,
            selection: None,
            derived: None,
        };
        state.relayout();
        state
    }

    pub fn brief(&self) -> Option<&Brief> {
        self.corpus.briefs.get(self.current)
    }

    pub fn geometry(&self) -> Geometry {
        Geometry::new(self.size.0, self.size.1, self.focus)
    }

    pub fn position(&self) -> ReaderPosition {
        self.positions.get(self.current).cloned().unwrap_or_default()
    }

    fn position_mut(&mut self) -> Option<&mut ReaderPosition> {
        self.positions.get_mut(self.current)
    }

    /// Re-wraps the open brief for the reader's current width (cheap when unchanged). Only what
    /// the view needs is laid out now; the rest follows on idle ticks or when asked for.
    fn relayout(&mut self) {
        let (width, _) = self.geometry().reader_text();
        if self.corpus.briefs.get(self.current).is_none() {
            self.layout = Layout::default();
            return;
        }
        if self.layout.width != width || self.layout.rows.is_empty() {
            self.layout = Layout::start(width);
        }
        let cursor = self.position().cursor;
        self.ensure_block(cursor);
        let needed = self.position().scroll + 2 * self.view_height();
        self.ensure_rows(needed);
        self.keep_cursor_visible();
    }

    /// Lays out blocks until `rows` rows exist or the brief is done.
    fn ensure_rows(&mut self, rows: usize) {
        let Some(brief) = self.corpus.briefs.get(self.current) else {
            return;
        };
        while self.layout.rows.len() < rows && !self.layout.extend(&brief.doc, 64) {}
    }

    /// Lays out blocks up to and including `block`.
    fn ensure_block(&mut self, block: usize) {
        let Some(brief) = self.corpus.briefs.get(self.current) else {
            return;
        };
        let missing = (block + 1).saturating_sub(self.layout.block_rows.len());
        if missing > 0 {
            self.layout.extend(&brief.doc, missing);
        }
    }

    fn complete_layout(&mut self) {
        if let Some(brief) = self.corpus.briefs.get(self.current) {
            self.layout.extend(&brief.doc, usize::MAX);
        }
    }

    /// True while part of the open brief is not laid out yet.
    pub fn layout_pending(&self) -> bool {
        self.brief().is_some_and(|b| !self.layout.is_complete(&b.doc))
    }

    fn view_height(&self) -> usize {
        usize::from(self.geometry().reader_text().1)
    }

    fn max_scroll(&self) -> usize {
        self.layout.rows.len().saturating_sub(self.view_height())
    }

    /// Scrolls so the cursor's block is on screen (its top, when taller than the view).
    fn keep_cursor_visible(&mut self) {
        let height = self.view_height();
        let max = self.max_scroll();
        let rows = self.layout.block_rows.get(self.position().cursor).cloned();
        let Some(position) = self.position_mut() else { return };
        if let Some(rows) = rows {
            if rows.start < position.scroll {
                position.scroll = rows.start;
            } else if rows.end > position.scroll + height {
                position.scroll = rows.end.saturating_sub(height).min(rows.start);
            }
        }
        position.scroll = position.scroll.min(max);
    }

    /// Moves the cursor to the first block that starts on screen, after a scroll.
    fn cursor_to_view(&mut self) {
        let scroll = self.position().scroll;
        let height = self.view_height();
        let cursor = self.position().cursor;
        let visible = |r: &Range<usize>| r.start >= scroll && r.start < scroll + height;
        if self.layout.block_rows.get(cursor).is_some_and(visible) {
            return;
        }
        if let Some(block) = self.layout.block_rows.iter().position(visible)
            && let Some(position) = self.position_mut()
        {
            position.cursor = block;
        }
    }

    /// Passage blocks the cursor stops on (rules and empty blocks are skipped).
    fn is_passage(&self, block: usize) -> bool {
        self.brief()
            .and_then(|b| b.doc.blocks.get(block))
            .is_some_and(|b| b.kind != BlockKind::Rule && !b.range.is_empty())
    }

    fn move_cursor(&mut self, down: bool) {
        let next = self.position().cursor + 2;
        self.ensure_block(next);
        let count = self.layout.block_rows.len();
        let mut cursor = self.position().cursor;
        loop {
            let next = if down { cursor + 1 } else { cursor.wrapping_sub(1) };
            if next >= count {
                break;
            }
            cursor = next;
            if self.is_passage(cursor) {
                break;
            }
        }
        if let Some(position) = self.position_mut() {
            position.cursor = cursor;
        }
        self.keep_cursor_visible();
    }

    fn scroll_by(&mut self, delta: isize) {
        let wanted = self.position().scroll.saturating_add_signed(delta) + self.view_height();
        self.ensure_rows(wanted);
        let max = self.max_scroll();
        if let Some(position) = self.position_mut() {
            position.scroll = position.scroll.saturating_add_signed(delta).min(max);
        }
        self.cursor_to_view();
    }

    /// Opens brief `index` at `block` (or where it was left), remembering where we were.
    pub fn open(&mut self, index: usize, block: Option<usize>, highlight: Option<Range<usize>>) {
        if index >= self.corpus.briefs.len() {
            return;
        }
        let here = Location {
            brief: self.current,
            block: self.position().cursor,
        };
        let there = Location {
            brief: index,
            block: block.unwrap_or_else(|| self.positions.get(index).map_or(0, |p| p.cursor)),
        };
        if here != there {
            self.back.push(here);
            self.forward.clear();
        }
        self.go_to(there, highlight);
    }

    fn go_to(&mut self, location: Location, highlight: Option<Range<usize>>) {
        if location.brief != self.current {
            self.selection = None;
            self.search = SearchState::default();
            self.panel_selected = [0; 5];
            self.panel_scroll = 0;
        }
        self.current = location.brief;
        self.highlight = highlight;
        self.layout = Layout::default();
        if let Some(position) = self.position_mut() {
            position.cursor = location.block;
        }
        self.relayout();
        self.ensure_block(location.block);
        let needed = self.layout.block_rows.get(location.block).map_or(0, |r| r.start) + 2 * self.view_height();
        self.ensure_rows(needed);
        // A jump puts its target near the top of the view, with a little context above.
        let start = self.layout.block_rows.get(location.block).map_or(0, |r| r.start);
        let max = self.max_scroll();
        if let Some(position) = self.position_mut() {
            position.scroll = start.saturating_sub(2).min(max);
        }
        if let Some(i) = self.list.iter().position(|&b| b == location.brief) {
            self.list_selected = i;
        }
    }

    fn jump_back(&mut self) {
        let Some(location) = self.back.pop() else {
            self.message = Some("no earlier place to go back to".into());
            return;
        };
        self.forward.push(Location {
            brief: self.current,
            block: self.position().cursor,
        });
        self.go_to(location, None);
    }

    fn jump_forward(&mut self) {
        let Some(location) = self.forward.pop() else {
            self.message = Some("nothing to go forward to".into());
            return;
        };
        self.back.push(Location {
            brief: self.current,
            block: self.position().cursor,
        });
        self.go_to(location, None);
    }

    /// Items of the current list tab.
    pub fn panel_items(&self) -> Vec<PanelItem> {
        let Some(brief) = self.brief() else { return Vec::new() };
        match self.tab {
            Tab::Claims => (0..brief.claims.len()).map(PanelItem::Claim).collect(),
            // Curated statistics win; derived ones stand in where a brief has none.
            Tab::Statistics if brief.statistics.is_empty() => (0..self.derived_statistics().len())
                .map(PanelItem::DerivedStatistic)
                .collect(),
            Tab::Statistics => (0..brief.statistics.len()).map(PanelItem::Statistic).collect(),
            Tab::Links if brief.crossrefs.is_empty() && brief.backlinks.is_empty() => {
                (0..self.inferred_links().len()).map(PanelItem::InferredLink).collect()
            }
            Tab::Links => (0..brief.crossrefs.len())
                .map(|index| PanelItem::Link { outgoing: true, index })
                .chain((0..brief.backlinks.len()).map(|index| PanelItem::Link { outgoing: false, index }))
                .collect(),
            Tab::Bookmarks => self.bookmark_items(),
            Tab::Summary => Vec::new(),
        }
    }

    /// Where an item's words are in the open brief.
    pub fn item_anchor(&self, item: PanelItem) -> Option<Range<usize>> {
        let brief = self.brief()?;
        match item {
            PanelItem::Claim(i) => brief.claims.get(i)?.anchor.clone(),
            PanelItem::Statistic(i) => brief.statistics.get(i)?.anchor.clone(),
            PanelItem::Link { outgoing, index } => {
                let link = if outgoing {
                    brief.crossrefs.get(index)?
                } else {
                    brief.backlinks.get(index)?
                };
                let claim = if outgoing { &link.from_claim } else { &link.to_claim };
                brief.claim(claim)?.anchor.clone()
            }
            PanelItem::DerivedStatistic(i) => self.derived_statistics().get(i)?.mentions().first().cloned(),
            PanelItem::InferredLink(_) => None,
            PanelItem::Bookmark(i) => match self.placements.get(i)? {
                Placement::Placed { brief, range } if *brief == self.current => Some(range.clone()),
                _ => None,
            },
        }
    }

    /// The block range on screen, for marking panel items that follow the reader.
    pub fn visible_text(&self) -> Range<usize> {
        let position = self.position();
        let height = self.view_height();
        let mut start = usize::MAX;
        let mut end = 0;
        let last = self.layout.rows.len().min(position.scroll.saturating_add(height));
        for row in position.scroll.min(last)..last {
            for range in self.layout.row_segments(row).iter().filter_map(|s| s.range()) {
                start = start.min(range.start);
                end = end.max(range.end);
            }
        }
        if start > end { 0..0 } else { start..end }
    }

    /// When the panel is not focused, its selection follows the first item on screen.
    fn follow_reader(&mut self) {
        if self.focus == Focus::Panel || !matches!(self.tab, Tab::Claims | Tab::Statistics | Tab::Links) {
            return;
        }
        let visible = self.visible_text();
        let items = self.panel_items();
        let on_screen = items.iter().position(|item| {
            self.item_anchor(*item)
                .is_some_and(|r| r.start < visible.end && r.end > visible.start)
        });
        if let Some(i) = on_screen {
            self.panel_selected[self.tab.index()] = i;
        }
    }

    fn activate_item(&mut self) {
        let items = self.panel_items();
        let Some(&item) = items.get(self.panel_selected[self.tab.index()]) else {
            return;
        };
        match item {
            PanelItem::Bookmark(index) => self.open_bookmark(index),
            PanelItem::InferredLink(index) => {
                if let Some(link) = self.inferred_links().get(index).cloned() {
                    self.open(link.to, None, None);
                    self.message = Some(format!(
                        "derived link → {}",
                        self.corpus.briefs.get(link.to).map_or("", |b| b.id.as_str())
                    ));
                }
            }
            PanelItem::Link { outgoing, index } => {
                let Some(brief) = self.brief() else { return };
                let link = if outgoing {
                    brief.crossrefs.get(index)
                } else {
                    brief.backlinks.get(index)
                };
                let Some(link) = link.cloned() else { return };
                let (target_brief, target_claim) = if outgoing {
                    (link.to_brief, link.to_claim)
                } else {
                    (link.from_brief, link.from_claim)
                };
                let Some(target) = self.corpus.index_of(&target_brief) else {
                    return;
                };
                let anchor = self.corpus.briefs[target]
                    .claim(&target_claim)
                    .and_then(|c| c.anchor.clone());
                let block = anchor
                    .as_ref()
                    .and_then(|r| self.corpus.briefs[target].doc.block_at(r.start));
                self.open(target, block, anchor);
                self.message = Some(format!("{} → {}#{}", link.relation.name(), target_brief, target_claim));
            }
            item => {
                let Some(anchor) = self.item_anchor(item) else {
                    self.message = Some("this item's quote was not found in the text".into());
                    return;
                };
                let block = self.brief().and_then(|b| b.doc.block_at(anchor.start));
                self.open(self.current, block, Some(anchor));
            }
        }
    }

    /// Applies one input event.
    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Resize(width, height) => {
                self.size = (width, height);
                self.relayout();
                Vec::new()
            }
            Event::Mouse(mouse) => {
                self.mouse_event(mouse);
                Vec::new()
            }
            Event::Derived(derivations) => {
                self.derived = Some(derivations);
                Vec::new()
            }
            Event::BookmarksSaved(result) => {
                self.saved(result);
                Vec::new()
            }
            Event::Idle => {
                if let Some(brief) = self.corpus.briefs.get(self.current) {
                    self.layout.extend(&brief.doc, IDLE_BLOCKS);
                }
                Vec::new()
            }
            Event::Key(key) => {
                if matches!(self.overlay, Some(Overlay::Search(_))) {
                    return self.corpus_search_key(key);
                }
                if self.prompt.is_some() {
                    return self.prompt_key(key);
                }
                if self.selection.is_some() {
                    let Some(action) = self.keymap.visual_action(key) else {
                        return Vec::new();
                    };
                    self.message = None;
                    return self.selection_action(action);
                }
                let Some(action) = self.keymap.action(key) else {
                    return Vec::new();
                };
                let effects = self.action(action);
                self.follow_reader();
                effects
            }
        }
    }

    fn prompt_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(prompt) = self.prompt.as_mut() else {
            return Vec::new();
        };
        if let Prompt::Filter(_) = prompt
            && matches!(key.code, KeyCode::Down | KeyCode::Up)
        {
            self.list_selected = step(self.list_selected, self.list.len(), key.code == KeyCode::Down);
            return Vec::new();
        }
        if let Prompt::Filter(input) = prompt
            && key.code == KeyCode::Char('t')
            && key.modifiers.contains(crossterm::event::KeyModifiers::CONTROL)
        {
            let text = input.text.clone();
            self.filter_in_text = !self.filter_in_text;
            self.set_filter(text);
            return Vec::new();
        }
        let (Prompt::Filter(input) | Prompt::Search(input) | Prompt::Note { input, .. }) = prompt;
        let edit = input.key(key);
        let text = input.text.clone();
        match edit {
            Edit::Cancel => match self.prompt.take() {
                Some(Prompt::Filter(_)) => self.set_filter(String::new()),
                Some(Prompt::Search(_)) => {
                    self.search = SearchState::default();
                    self.highlight = None;
                }
                _ => self.message = Some("cancelled".into()),
            },
            Edit::Submit => match self.prompt.take() {
                Some(Prompt::Filter(_)) => {
                    if let Some(&index) = self.list.get(self.list_selected) {
                        self.open(index, None, None);
                        self.focus = Focus::Reader;
                        self.relayout();
                    }
                }
                Some(Prompt::Search(_)) if self.search.matches.is_empty() && !self.search.query.is_empty() => {
                    self.message = Some(format!("no match for \"{}\"", self.search.query));
                }
                Some(Prompt::Note { target, .. }) => return self.submit_note(&text, target),
                Some(Prompt::Search(_)) | None => {}
            },
            Edit::Changed => match self.prompt {
                Some(Prompt::Filter(_)) => self.set_filter(text),
                Some(Prompt::Search(_)) => self.set_search(text),
                _ => {}
            },
            Edit::Moved | Edit::Ignored => {}
        }
        Vec::new()
    }

    fn set_filter(&mut self, filter: String) {
        // In text mode a brief matches when its text contains the filter; more mentions rank higher.
        let matcher = (self.filter_in_text && !filter.is_empty())
            .then(|| crate::search::Matcher::new(&filter, false).ok())
            .flatten();
        let mut scored: Vec<(i64, usize)> = self
            .corpus
            .briefs
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match &matcher {
                Some(m) => {
                    let n = m.find_all(&b.doc.text).len();
                    (n > 0).then(|| (i64::try_from(n).unwrap_or(i64::MAX), i))
                }
                None => {
                    let haystack = format!("{} {} {}", b.meta.title, b.id, b.meta.kind.as_deref().unwrap_or(""));
                    fuzzy_score(&filter, &haystack).map(|s| (s, i))
                }
            })
            .collect();
        if !filter.is_empty() {
            scored.sort_by_key(|&(score, i)| (std::cmp::Reverse(score), i));
        }
        self.list = scored.into_iter().map(|(_, i)| i).collect();
        self.list_selected = 0;
        self.filter = filter;
    }

    fn set_search(&mut self, query: String) {
        // The same smart-case literal search as everywhere else; an empty query matches nothing.
        let matcher = crate::search::Matcher::new(&query, false).ok();
        let matches = match (self.brief(), matcher) {
            (Some(b), Some(m)) => m.find_all(&b.doc.text),
            _ => Vec::new(),
        };
        self.search = SearchState {
            query,
            matches,
            current: None,
        };
        self.search_step(true, true);
    }

    /// Moves to the next (or previous) match from the cursor; `inclusive` counts the cursor's block.
    fn search_step(&mut self, forward: bool, inclusive: bool) {
        if self.search.matches.is_empty() {
            self.highlight = None;
            return;
        }
        let from = match self.search.current {
            Some(i) if !inclusive => i,
            _ => {
                let cursor_start = self
                    .brief()
                    .and_then(|b| b.doc.blocks.get(self.position().cursor))
                    .map_or(0, |b| b.range.start);
                let first = self
                    .search
                    .matches
                    .iter()
                    .position(|m| m.start >= cursor_start)
                    .unwrap_or(0);
                if forward { first.wrapping_sub(1) } else { first }
            }
        };
        let count = self.search.matches.len();
        let next = if forward {
            from.wrapping_add(1) % count
        } else {
            (from + count - 1) % count
        };
        self.search.current = Some(next);
        let range = self.search.matches[next].clone();
        let block = self.brief().and_then(|b| b.doc.block_at(range.start)).unwrap_or(0);
        self.ensure_block(block);
        if let Some(position) = self.position_mut() {
            position.cursor = block;
        }
        self.highlight = Some(range.clone());
        // Bring the match's own row into view (a long paragraph may not fit).
        if let Some(row) = self.layout.row_of_offset(block, range.start) {
            let height = self.view_height();
            let max = self.max_scroll();
            if let Some(position) = self.position_mut()
                && (row < position.scroll || row >= position.scroll + height)
            {
                position.scroll = row.saturating_sub(height / 3).min(max);
            }
        }
    }

    fn action(&mut self, action: Action) -> Vec<Effect> {
        self.message = None;
        if let Some(overlay) = self.overlay.clone() {
            return self.overlay_action(overlay, action);
        }
        let half = (self.view_height() / 2).max(1) as isize;
        let page = self.view_height().saturating_sub(2).max(1) as isize;
        match action {
            Action::Quit => return vec![Effect::Quit],
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::Diagnostics => self.overlay = Some(Overlay::Diagnostics { scroll: 0 }),
            Action::SearchAll => self.open_corpus_search(),
            Action::Analysis => self.open_analysis(),
            Action::Outline => {
                let cursor = self.position().cursor;
                let selected = self
                    .brief()
                    .map(|b| {
                        b.doc
                            .headings()
                            .filter(|(i, ..)| *i <= cursor)
                            .count()
                            .saturating_sub(1)
                    })
                    .unwrap_or(0);
                self.overlay = Some(Overlay::Outline { selected });
            }
            Action::FocusNext | Action::FocusPrev => {
                let order = [Focus::List, Focus::Reader, Focus::Panel];
                let i = order.iter().position(|f| *f == self.focus).unwrap_or(1);
                let next = if action == Action::FocusNext {
                    (i + 1) % 3
                } else {
                    (i + 2) % 3
                };
                self.focus = order[next];
                self.relayout();
            }
            Action::NextTab | Action::PrevTab => {
                let i = self.tab.index();
                let next = if action == Action::NextTab {
                    (i + 1) % 5
                } else {
                    (i + 4) % 5
                };
                self.tab = Tab::ALL[next];
                self.panel_scroll = 0;
            }
            Action::ShowBookmarks => {
                self.tab = Tab::Bookmarks;
                self.focus = Focus::Panel;
                self.relayout();
            }
            Action::Bookmark => self.start_bookmark(),
            Action::Select => self.start_selection(),
            Action::EditNote => self.edit_note(),
            Action::Delete => return self.delete_bookmark(),
            Action::Undo => return self.undo_delete(),
            Action::Reattach => return self.reattach(),
            Action::Sort => {
                self.bookmarks_by_brief = !self.bookmarks_by_brief;
                let order = if self.bookmarks_by_brief {
                    "by brief"
                } else {
                    "newest first"
                };
                self.message = Some(format!("bookmarks: {order}"));
            }
            Action::NextTheme => {
                if !self.theme_names.is_empty() {
                    self.theme = (self.theme + 1) % self.theme_names.len();
                    self.message = self.theme_names.get(self.theme).map(|n| format!("theme: {n}"));
                }
            }
            Action::ToggleMouse => {
                self.mouse = !self.mouse;
                self.message = Some(
                    if self.mouse {
                        "mouse on: wheel scrolls, click selects"
                    } else {
                        "mouse off: the terminal selects text"
                    }
                    .into(),
                );
                return vec![Effect::SetMouse(self.mouse)];
            }
            Action::Back => self.jump_back(),
            Action::Forward => self.jump_forward(),
            Action::Close => {
                self.search = SearchState::default();
                self.highlight = None;
            }
            Action::Search => {
                self.prompt = Some(if self.focus == Focus::List {
                    Prompt::Filter(LineInput::new(&self.filter))
                } else {
                    Prompt::Search(LineInput::default())
                });
            }
            Action::NextMatch | Action::PrevMatch => {
                if self.search.matches.is_empty() {
                    self.message = Some("no search: press / to search this brief".into());
                } else {
                    self.search_step(action == Action::NextMatch, false);
                }
            }
            motion => match self.focus {
                Focus::List => self.list_action(motion),
                Focus::Reader => self.reader_action(motion, half, page),
                Focus::Panel => self.panel_action(motion, half, page),
            },
        }
        Vec::new()
    }

    fn list_action(&mut self, action: Action) {
        let count = self.list.len();
        match action {
            Action::Down => self.list_selected = step(self.list_selected, count, true),
            Action::Up => self.list_selected = step(self.list_selected, count, false),
            Action::Top => self.list_selected = 0,
            Action::Bottom => self.list_selected = count.saturating_sub(1),
            Action::Open => {
                if let Some(&index) = self.list.get(self.list_selected) {
                    self.open(index, None, None);
                    self.focus = Focus::Reader;
                    self.relayout();
                }
            }
            _ => {}
        }
    }

    fn reader_action(&mut self, action: Action, half: isize, page: isize) {
        match action {
            Action::Down => self.move_cursor(true),
            Action::Up => self.move_cursor(false),
            Action::Top => {
                if let Some(p) = self.position_mut() {
                    *p = ReaderPosition::default();
                }
            }
            Action::Bottom => {
                self.complete_layout();
                let last = (0..self.layout.block_rows.len())
                    .rev()
                    .find(|&b| self.is_passage(b))
                    .unwrap_or(0);
                let max = self.max_scroll();
                if let Some(p) = self.position_mut() {
                    p.cursor = last;
                    p.scroll = max;
                }
            }
            Action::HalfPageDown => self.scroll_by(half),
            Action::HalfPageUp => self.scroll_by(-half),
            Action::PageDown => self.scroll_by(page),
            Action::PageUp => self.scroll_by(-page),
            _ => {}
        }
    }

    fn panel_action(&mut self, action: Action, half: isize, page: isize) {
        if self.tab == Tab::Summary {
            let delta = match action {
                Action::Down => 1,
                Action::Up => -1,
                Action::HalfPageDown => half,
                Action::HalfPageUp => -half,
                Action::PageDown => page,
                Action::PageUp => -page,
                Action::Top => isize::MIN / 2,
                _ => 0,
            };
            self.panel_scroll = self.panel_scroll.saturating_add_signed(delta);
            return;
        }
        let count = self.panel_items().len();
        let selected = &mut self.panel_selected[self.tab.index()];
        match action {
            Action::Down => *selected = step(*selected, count, true),
            Action::Up => *selected = step(*selected, count, false),
            Action::Top => *selected = 0,
            Action::Bottom => *selected = count.saturating_sub(1),
            Action::HalfPageDown | Action::PageDown => {
                *selected = (*selected + half as usize).min(count.saturating_sub(1))
            }
            Action::HalfPageUp | Action::PageUp => *selected = selected.saturating_sub(half as usize),
            Action::Open => self.activate_item(),
            _ => {}
        }
    }

    fn overlay_action(&mut self, overlay: Overlay, action: Action) -> Vec<Effect> {
        match (overlay, action) {
            (_, Action::Quit) => return vec![Effect::Quit],
            // Keys reach the search overlay before the keymap; nothing else to do here.
            (Overlay::Search(_), _) => {}
            (Overlay::Analysis(view), action) => return self.analysis_action(view, action),
            (Overlay::Help { .. }, Action::Help)
            | (Overlay::Diagnostics { .. }, Action::Diagnostics)
            | (Overlay::Outline { .. }, Action::Outline)
            | (_, Action::Close) => {
                self.overlay = None;
            }
            (Overlay::Outline { selected }, action) => {
                let headings: Vec<usize> = self
                    .brief()
                    .map(|b| b.doc.headings().map(|(i, ..)| i).collect())
                    .unwrap_or_default();
                let selected = match action {
                    Action::Down => step(selected, headings.len(), true),
                    Action::Up => step(selected, headings.len(), false),
                    Action::Top => 0,
                    Action::Bottom => headings.len().saturating_sub(1),
                    Action::Open => {
                        self.overlay = None;
                        if let Some(&block) = headings.get(selected) {
                            self.open(self.current, Some(block), None);
                        }
                        return Vec::new();
                    }
                    _ => selected,
                };
                self.overlay = Some(Overlay::Outline { selected });
            }
            (Overlay::Help { scroll }, action) => {
                self.overlay = Some(Overlay::Help {
                    scroll: scroll_overlay(scroll, action),
                })
            }
            (Overlay::Diagnostics { scroll }, action) => {
                self.overlay = Some(Overlay::Diagnostics {
                    scroll: scroll_overlay(scroll, action),
                });
            }
        }
        Vec::new()
    }

    fn mouse_event(&mut self, mouse: MouseEvent) {
        if !self.mouse || self.overlay.is_some() {
            return;
        }
        let g = self.geometry();
        let inside = |a: Option<geometry::Area>| {
            a.is_some_and(|a| {
                mouse.column >= a.x && mouse.column < a.x + a.width && mouse.row >= a.y && mouse.row < a.y + a.height
            })
        };
        let pane = if inside(g.panel) {
            Focus::Panel
        } else if inside(g.list) {
            Focus::List
        } else {
            Focus::Reader
        };
        match mouse.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = mouse.kind == MouseEventKind::ScrollDown;
                match pane {
                    Focus::Reader => self.scroll_by(if down { 3 } else { -3 }),
                    other => {
                        let saved = self.focus;
                        self.focus = other;
                        self.action(if down { Action::Down } else { Action::Up });
                        self.focus = saved;
                    }
                }
                self.follow_reader();
            }
            MouseEventKind::Down(MouseButton::Left) => {
                self.focus = pane;
                if pane == Focus::Reader {
                    let row = usize::from(mouse.row.saturating_sub(g.reader.y + 1)) + self.position().scroll;
                    if let Some(block) = self.layout.row_block(row)
                        && let Some(p) = self.position_mut()
                    {
                        p.cursor = block;
                    }
                } else if pane == Focus::List
                    && let Some(area) = g.list
                {
                    let row = usize::from(mouse.row.saturating_sub(area.y + 1)) / 3;
                    if row < self.list.len() {
                        self.list_selected = row;
                    }
                }
                self.relayout();
            }
            _ => {}
        }
    }

    /// Statistics derived from the open brief's text (empty until derivation arrives).
    pub fn derived_statistics(&self) -> &[crate::derive::Derived] {
        self.derived
            .as_ref()
            .and_then(|d| d.statistics.get(self.current))
            .map_or(&[], Vec::as_slice)
    }

    /// Links inferred for the open brief.
    pub fn inferred_links(&self) -> &[crate::derive::InferredLink] {
        self.derived
            .as_ref()
            .and_then(|d| d.links.get(self.current))
            .map_or(&[], Vec::as_slice)
    }

    /// Key terms of the open brief.
    pub fn key_terms(&self) -> &[crate::derive::Term] {
        self.derived
            .as_ref()
            .and_then(|d| d.terms.get(self.current))
            .map_or(&[], Vec::as_slice)
    }

    /// Position in the brief as a percentage: of rows when laid out, else of the text.
    pub fn percent(&self) -> usize {
        if self.layout_pending() {
            let Some(brief) = self.brief() else { return 0 };
            let at = brief
                .doc
                .blocks
                .get(self.position().cursor)
                .map_or(0, |b| b.range.start);
            return (at * 100).checked_div(brief.doc.text.len()).unwrap_or(100);
        }
        (self.position().scroll * 100)
            .checked_div(self.max_scroll())
            .unwrap_or(100)
    }
}

fn step(i: usize, count: usize, down: bool) -> usize {
    if count == 0 {
        0
    } else if down {
        (i + 1).min(count - 1)
    } else {
        i.saturating_sub(1)
    }
}

fn scroll_overlay(scroll: usize, action: Action) -> usize {
    match action {
        Action::Down => scroll + 1,
        Action::Up => scroll.saturating_sub(1),
        Action::HalfPageDown | Action::PageDown => scroll + 10,
        Action::HalfPageUp | Action::PageUp => scroll.saturating_sub(10),
        Action::Top => 0,
        _ => scroll,
    }
}

#[cfg(test)]
mod tests;
