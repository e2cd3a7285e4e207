//! The reader's state and its one way of changing: `AppState::update(event, now) -> effects`.
//! No I/O, no clock and no terminal here: the runner passes the time in, carries the effects out
//! (quit, mouse capture, saving), and the UI only reads this state.
//!
//! The state is in parts, each in its own file with its own tests: `reader` (the open brief's
//! view), `list`, `panel`, `find` (search in the brief), `prompt`, `overlay` (help, outline,
//! problems, search-all, corpus views), `history` (jump list), `bookmarks`, `selection`. `update`
//! finds the mode a key belongs to and hands the action to the part that owns it; `navigate` and
//! `marking` hold the few moves that touch several parts (opening a brief, making a bookmark);
//! `session` what is saved and restored between runs.

pub mod analysis_view;
pub mod bookmarks;
mod copy;
pub mod corpus_search;
pub mod find;
pub mod geometry;
pub mod history;
mod keys;
pub mod links;
pub mod list;
mod marking;
mod mouse;
mod navigate;
pub mod overlay;
mod overlays;
pub mod panel;
mod panel_view;
mod partial;
pub mod prompt;
pub mod reader;
mod reload;
pub mod selection;
mod session;

use std::ops::Range;

use crossterm::event::{KeyEvent, MouseEvent};

use crate::corpus::{Brief, Category, Corpus, Diagnostic};
use crate::derive::{Derivations, InferredLink, Term};
use crate::figure::Figure;
use crate::keymap::{Keymap, Mode};
use crate::store::{Bookmark, Change, Now};
pub use analysis_view::{AnalysisTab, AnalysisView};
pub use bookmarks::Bookmarks;
pub use copy::citation;
pub use corpus_search::CorpusSearch;
pub use find::Find;
pub use geometry::Geometry;
pub use history::{History, Location};
pub use list::List;
pub use overlay::Overlay;
pub use panel::{Panel, PanelItem, Tab};
pub use prompt::{HistoryKind, LineInput, NoteTarget, Prompt, PromptKind};
pub use reader::{Position, Reader};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reader,
    Panel,
}

impl Focus {
    pub fn name(self) -> &'static str {
        match self {
            Focus::List => "list",
            Focus::Reader => "reader",
            Focus::Panel => "panel",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    SetMouse(bool),
    /// Save these bookmark changes (everything not yet saved, oldest first).
    SaveBookmarks(Vec<Change>),
    /// Put this text on the clipboard (the user pressed `y`).
    Copy(String),
    /// Read the corpus again; the result comes back as `Event::Reloaded` with this generation.
    Reload(u64),
    /// Open this file in the user's editor at this line, then reload.
    Edit {
        path: std::path::PathBuf,
        line: usize,
    },
}

#[derive(Debug, Clone)]
pub enum Event {
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    Resize(u16, u16),
    /// Nothing happened for a moment: a chance to lay out more of a large brief.
    Idle,
    /// How saving the first `saved` unsaved changes went: the merged list on disk, or why not.
    BookmarksSaved {
        saved: usize,
        result: Result<Vec<Bookmark>, String>,
    },
    /// Saving waits for another dossier that holds the bookmarks lock.
    SaveWaiting(String),
    /// Statistics, key terms and links derived from the text of the corpus of this generation
    /// (computed off the UI thread).
    Derived(u64, Box<Derivations>),
    /// Documents or sidecars of the corpus changed on disk (paths as shown to the user).
    FilesChanged(Vec<String>),
    /// The corpus read again, for the reload of this generation.
    Reloaded(u64, Box<Corpus>),
    /// The corpus of this generation has brief `Some(i)`'s text parsed off the UI thread, or
    /// (`None`) every brief's.
    Parsed(u64, Option<usize>),
}

/// What the state needs to start.
pub struct Setup {
    pub corpus: Corpus,
    pub keymap: Keymap,
    pub themes: Vec<String>,
    pub theme: usize,
    pub size: (u16, u16),
    /// The brief to open first (an id or alias).
    pub open: Option<String>,
    /// Distinguishes this session's bookmark ids from another dossier's made at the same moment.
    pub session: u64,
    /// Pane sizes and the reading measure.
    pub sizes: geometry::Sizes,
    /// `y` may put text on the terminal's clipboard.
    pub clipboard: bool,
    /// The corpus's identity (`Origin::identity`): bookmarks and reading state are kept under it.
    pub corpus_id: String,
}

pub struct AppState {
    corpus: Corpus,
    keymap: Keymap,
    themes: Vec<String>,
    theme: usize,
    size: (u16, u16),
    sizes: geometry::Sizes,
    clipboard: bool,
    /// The theme was changed with `t` this session (and is saved).
    theme_chosen: bool,
    focus: Focus,
    reader: Reader,
    list: List,
    panel: Panel,
    find: Find,
    /// A search across briefs that `n`/`N` step through.
    trail: Option<find::Trail>,
    prompt: Option<Prompt>,
    histories: [prompt::History; 4],
    overlay: Option<Overlay>,
    /// The corpus views, kept while closed so `A` reopens where it was.
    analysis: Option<Box<AnalysisView>>,
    history: History,
    mouse: bool,
    bookmarks: Bookmarks,
    /// Part of the open brief chosen to bookmark (selection mode while set).
    selection: Option<Range<usize>>,
    derived: Option<Box<Derivations>>,
    message: Option<String>,
    session: u64,
    made: u64,
    /// The last reload asked for, and the one whose corpus is shown (0: as started).
    requested: u64,
    generation: u64,
    /// What changed on disk, for the message after the reload.
    changed: Vec<String>,
    /// A large brief's start or end, shown while its whole text is parsed.
    partial: Option<(usize, crate::corpus::body::Partial)>,
    /// Counts arrivals of derived items (each may add to the last).
    derived_version: u64,
}

impl AppState {
    pub fn new(setup: Setup) -> AppState {
        let Setup {
            corpus,
            keymap,
            themes,
            theme,
            size,
            open,
            session,
            sizes,
            clipboard,
            corpus_id,
        } = setup;
        let count = corpus.briefs.len();
        let current = open.as_deref().and_then(|id| corpus.index_of(id)).unwrap_or(0);
        let mut list = List::new(count);
        list.select_brief(current);
        let mut state = AppState {
            corpus,
            keymap,
            themes,
            theme,
            size,
            sizes,
            clipboard,
            theme_chosen: false,
            focus: Focus::Reader,
            reader: Reader::new(count, current),
            list,
            panel: Panel::default(),
            find: Find::default(),
            trail: None,
            prompt: None,
            histories: Default::default(),
            overlay: None,
            analysis: None,
            history: History::default(),
            mouse: true,
            bookmarks: Bookmarks::new(&corpus_id),
            selection: None,
            derived: None,
            message: None,
            session,
            made: 0,
            requested: 0,
            generation: 0,
            changed: Vec::new(),
            partial: None,
            derived_version: 0,
        };
        state.start_partial(current);
        state.relayout();
        state
    }

    /// A state over `corpus` with the default keymap and theme, for tests and benchmarks.
    pub fn for_corpus(corpus: Corpus, size: (u16, u16)) -> AppState {
        let corpus_id = corpus.origin.identity();
        AppState::new(Setup {
            corpus,
            keymap: Keymap::default(),
            themes: vec!["dark".into()],
            theme: 0,
            size,
            open: None,
            session: 1,
            sizes: geometry::Sizes::default(),
            clipboard: true,
            corpus_id,
        })
    }

    // What the view and the runner read.

    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    pub fn theme(&self) -> usize {
        self.theme
    }

    pub fn theme_name(&self) -> Option<&str> {
        self.themes.get(self.theme).map(String::as_str)
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    pub fn focus(&self) -> Focus {
        self.focus
    }

    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    pub fn list(&self) -> &List {
        &self.list
    }

    pub fn panel(&self) -> &Panel {
        &self.panel
    }

    pub fn find(&self) -> &Find {
        &self.find
    }

    /// The search across briefs that `n`/`N` follow, once a hit of it was opened.
    pub fn trail(&self) -> Option<&find::Trail> {
        self.trail.as_ref()
    }

    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
    }

    pub fn bookmarks(&self) -> &Bookmarks {
        &self.bookmarks
    }

    pub fn selection(&self) -> Option<&Range<usize>> {
        self.selection.as_ref()
    }

    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    pub fn mouse(&self) -> bool {
        self.mouse
    }

    pub fn derived(&self) -> Option<&Derivations> {
        self.derived.as_deref()
    }

    /// A prompt kind's earlier entries, oldest first.
    pub fn prompt_history(&self, kind: HistoryKind) -> &[String] {
        self.histories[kind.index()].entries()
    }

    /// The open brief.
    pub fn brief(&self) -> Option<&Brief> {
        self.corpus.briefs.get(self.reader.brief())
    }

    /// Where the panes are at the current size, focus and pane sizes.
    pub fn geometry(&self) -> Geometry {
        Geometry::with_sizes(self.size.0, self.size.1, self.focus, self.sizes)
    }

    /// The geometry the panel would have if it were focused (where it is an overlay).
    fn panel_geometry(&self) -> Geometry {
        Geometry::with_sizes(self.size.0, self.size.1, Focus::Panel, self.sizes)
    }

    /// The keymap mode keys are read in now.
    pub fn mode(&self) -> Mode {
        if let Some(overlay) = &self.overlay {
            return overlay.mode();
        }
        if self.prompt.is_some() {
            return Mode::Prompt;
        }
        if self.selection.is_some() {
            return Mode::Visual;
        }
        match self.focus {
            Focus::List => Mode::List,
            Focus::Reader => Mode::Reader,
            Focus::Panel => Mode::Panel,
        }
    }

    /// Statistics derived from the open brief's text (empty until derivation arrives).
    pub fn derived_statistics(&self) -> &[Figure] {
        self.derived
            .as_ref()
            .and_then(|d| d.statistics.get(self.reader.brief()))
            .map_or(&[], Vec::as_slice)
    }

    /// Links inferred for the open brief.
    pub fn inferred_links(&self) -> &[InferredLink] {
        self.derived
            .as_ref()
            .and_then(|d| d.links.get(self.reader.brief()))
            .map_or(&[], Vec::as_slice)
    }

    /// Key terms of the open brief.
    pub fn key_terms(&self) -> &[Term] {
        self.derived
            .as_ref()
            .and_then(|d| d.terms.get(self.reader.brief()))
            .map_or(&[], Vec::as_slice)
    }

    /// True while part of the open brief is not laid out yet.
    pub fn layout_pending(&self) -> bool {
        self.view_doc().is_some_and(|doc| self.reader.pending(doc))
    }

    /// How far through the open brief the reader is, in percent.
    pub fn percent(&self) -> usize {
        let Some(doc) = self.view_doc() else { return 0 };
        self.start_part_percent(doc).unwrap_or_else(|| self.reader.percent(doc))
    }

    /// Changes made this session that are not on disk yet.
    pub fn unsaved_changes(&self) -> &[Change] {
        self.bookmarks.unsaved()
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
            PanelItem::Bookmark(i) => match self.bookmarks.get(i)?.1 {
                crate::store::Placement::Placed { brief, range } if *brief == self.reader.brief() => {
                    Some(range.clone())
                }
                _ => None,
            },
        }
    }

    /// Sets mouse capture as the config asks, before the first frame.
    pub fn set_mouse(&mut self, on: bool) {
        self.mouse = on;
    }

    /// Shows a message in the status bar (a notice from start-up).
    pub fn notify(&mut self, message: &str) {
        self.message = Some(crate::sanitize::sanitize_line(message));
    }

    /// Lists problems with settings found after start-up (themes loaded late) under the
    /// diagnostics key, and says so once when they are the first.
    pub fn add_settings_problems(&mut self, problems: Vec<Diagnostic>) {
        if problems.is_empty() {
            return;
        }
        let first = !self.has_settings_problems();
        self.corpus.diagnostics.extend(problems);
        if first && self.message.is_none() {
            self.tell_settings_problems();
        }
    }

    fn has_settings_problems(&self) -> bool {
        self.corpus.diagnostics.iter().any(|d| d.category != Category::Corpus)
    }

    /// Says in the status bar that settings could not all be read, and where to see why.
    pub fn tell_settings_problems(&mut self) {
        if self.has_settings_problems() {
            let key = self
                .keymap
                .hint(crate::keymap::Mode::Normal, crate::keymap::Action::Diagnostics);
            self.notify(&format!("some settings could not be read: {key} shows them"));
        }
    }

    /// Applies one event. `now` is the time it happened (for bookmarks made by it).
    pub fn update(&mut self, event: Event, now: Now) -> Vec<Effect> {
        let effects = match event {
            Event::Resize(width, height) => {
                self.size = (width, height);
                self.relayout();
                Vec::new()
            }
            Event::Mouse(mouse) => {
                self.mouse_event(mouse);
                Vec::new()
            }
            Event::Paste(text) => {
                self.paste(&text);
                Vec::new()
            }
            // Derivations of a corpus that has since been read again are of no use.
            Event::Derived(generation, _) if generation != self.generation => Vec::new(),
            Event::Derived(_, derivations) => {
                self.derived = Some(derivations);
                self.derived_version += 1;
                if let Some(view) = &mut self.analysis {
                    view.rebuild(&self.corpus, self.derived.as_deref());
                }
                if let Some(Overlay::Analysis(view)) = &mut self.overlay {
                    view.rebuild(&self.corpus, self.derived.as_deref());
                }
                Vec::new()
            }
            Event::BookmarksSaved { saved, result } => {
                if let Some(message) = self.bookmarks.saved(&self.corpus, saved, result) {
                    self.message = Some(message);
                }
                Vec::new()
            }
            Event::SaveWaiting(why) => {
                self.bookmarks.set_waiting(Some(why));
                Vec::new()
            }
            Event::Idle => {
                if let Some(doc) = partial::view(&self.corpus, &self.partial, self.reader.brief()) {
                    self.reader.idle(doc);
                }
                Vec::new()
            }
            Event::Parsed(generation, brief) => {
                if generation == self.generation {
                    self.parsed(brief);
                }
                Vec::new()
            }
            Event::Key(key) => self.key(key, now),
            Event::FilesChanged(paths) => self.files_changed(paths),
            Event::Reloaded(generation, corpus) => {
                self.reloaded(generation, *corpus);
                Vec::new()
            }
        };
        self.refresh();
        effects
    }

    /// Lays the open brief out for the reader's size (after a resize, a focus change, a jump).
    fn relayout(&mut self) {
        let text = self.geometry().reader_text();
        if let Some(doc) = partial::view(&self.corpus, &self.partial, self.reader.brief()) {
            self.reader.fit(doc, text.width, text.height);
        }
        self.refresh();
    }

    /// Brings derived views up to date: the list's scroll, the panel's lines, the panel following
    /// the reader, popups' sizes.
    fn refresh(&mut self) {
        let g = self.geometry();
        self.list.keep_visible(g.list_capacity());
        let panel_area = g.panel.or(self.panel_geometry().panel);
        let width = panel_area.map_or(40, |a| usize::from(a.inner().width));
        let rows = panel_area.map_or(1, |a| usize::from(a.inner().height));
        let key = panel::BuiltFor {
            brief: self.reader.brief(),
            tab: self.panel.tab(),
            width,
            bookmarks: self.bookmarks.version(),
            derived: self.derived_version,
            corpus: self.generation,
        };
        if self.panel.stale(&key) {
            let view = self.build_panel_view(key.tab, width);
            self.panel.set_view(key, view, rows);
        }
        self.follow_reader(rows);
        match &mut self.overlay {
            Some(Overlay::Search(search)) => {
                search.set_visible(usize::from(g.popup(110).inner().height.saturating_sub(2)));
            }
            Some(Overlay::Analysis(view)) => {
                let inner = g.analysis().inner();
                view.fit(usize::from(inner.height), usize::from(inner.width));
            }
            _ => {}
        }
    }

    /// When the panel is not focused, its selection follows the first item on screen.
    fn follow_reader(&mut self, rows: usize) {
        if self.focus == Focus::Panel || !matches!(self.panel.tab(), Tab::Claims | Tab::Statistics | Tab::Links) {
            return;
        }
        let visible = self.reader.visible_text();
        let on_screen = self.panel.items().position(|item| {
            self.item_anchor(item)
                .is_some_and(|r| r.start < visible.end && r.end > visible.start)
        });
        if let Some(i) = on_screen
            && i != self.panel.selected()
        {
            self.panel.select(i);
            self.panel.keep_visible(rows);
        }
    }

    /// A bookmark id no other session makes: the moment, this session, and a counter.
    fn new_bookmark_id(&mut self, now: Now) -> String {
        self.made += 1;
        format!("{:x}-{:x}-{:x}", now.nanos(), self.session, self.made)
    }
}

#[cfg(test)]
mod tests;
