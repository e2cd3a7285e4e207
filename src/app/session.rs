//! What carries over between sessions: the reading state saved in `state.toml` and restored
//! from it, and the bookmarks loaded at start-up.

use super::{AppState, Focus, HistoryKind, partial, prompt};
use crate::store::state::ReadingState;
use crate::store::{Bookmark, Change};

impl AppState {
    /// Replaces the bookmark list (after loading) and places every bookmark.
    pub fn set_bookmarks(&mut self, list: Vec<Bookmark>) {
        self.bookmarks.set(&self.corpus, list);
        self.refresh();
    }

    /// Takes changes made on the way in (bookmarks that found their corpus) as unsaved; they are
    /// saved as soon as the runner starts saving.
    pub fn adopt(&mut self, changes: Vec<Change>) -> Vec<Change> {
        let mut all = Vec::new();
        for change in changes {
            all = self.bookmarks.change(&self.corpus, change);
        }
        self.refresh();
        all
    }

    /// Where the reader is, for `state.toml`: positions, focus, pane sizes, the theme chosen with
    /// `t`, and each prompt's history.
    pub fn reading_state(&self) -> ReadingState {
        let mut state = ReadingState {
            last_brief: self.brief().map(|b| b.id.clone()),
            focus: Some(self.focus.name().to_owned()),
            theme: self
                .theme_chosen
                .then(|| self.theme_name().unwrap_or_default().to_owned()),
            panes: Some(crate::store::state::Panes {
                list: self.sizes.list,
                panel: self.sizes.panel,
                zoom: self.sizes.zoom,
            }),
            ..ReadingState::default()
        };
        for kind in HistoryKind::ALL {
            let entries = self.histories[kind.index()].entries();
            if !entries.is_empty() {
                state.history.insert(kind.name().to_owned(), entries.to_vec());
            }
        }
        for (i, cursor) in self.reader.cursors() {
            if cursor > 0
                && let Some(brief) = self.corpus.briefs.get(i)
            {
                state.positions.insert(brief.id.clone(), cursor);
            }
        }
        state
    }

    /// Restores positions and focus from `state.toml`.
    pub fn restore(&mut self, state: &ReadingState) {
        for (i, brief) in self.corpus.briefs.iter().enumerate() {
            // A renamed brief keeps the position saved under an old id (an alias).
            let saved = std::iter::once(&brief.id)
                .chain(&brief.meta.aliases)
                .find_map(|id| state.positions.get(id));
            if let Some(&block) = saved {
                // Kept in range when the brief is shown (its text may not be parsed yet).
                self.reader.set_cursor_of(i, block);
            }
        }
        self.focus = match state.focus.as_deref() {
            Some("list") => Focus::List,
            Some("panel") => Focus::Panel,
            _ => Focus::Reader,
        };
        self.sizes = self.sizes.restored(state.panes.as_ref());
        for kind in HistoryKind::ALL {
            if let Some(entries) = state.history.get(kind.name()) {
                let clean = entries.iter().map(|e| crate::sanitize::sanitize_line(e)).collect();
                self.histories[kind.index()] = prompt::History::from_entries(clean);
            }
        }
        // Laid out once at the restored width (the reader keeps a layout per width).
        self.relayout();
        let brief = self.reader.brief();
        if let Some(doc) = partial::view(&self.corpus, &self.partial, brief) {
            let cursor = self.reader.cursor();
            self.reader.show(doc, brief, Some(cursor), None);
        }
        self.refresh();
    }
}
