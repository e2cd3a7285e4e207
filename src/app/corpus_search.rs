//! The search-all-briefs overlay (`F`): results as you type, grouped by brief; Enter opens the
//! brief at the hit, and the in-brief `n`/`N` continue from there.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::input::{Edit, LineInput};
use super::{AppState, Effect, Overlay, SearchState};
use crate::search::{self, Hit, Matcher, Scope};

/// Hits kept for the overlay; the count says when there were more.
pub const MAX_HITS: usize = 2000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusSearch {
    pub input: LineInput,
    pub regex: bool,
    pub scope: Scope,
    pub hits: Vec<Hit>,
    pub selected: usize,
    /// A regex that does not compile, said plainly.
    pub error: Option<String>,
    /// More than `MAX_HITS` matched.
    pub truncated: bool,
}

impl AppState {
    pub(super) fn open_corpus_search(&mut self) {
        // Opens empty: a pre-filled query would be appended to by the first keys typed.
        let mut overlay = CorpusSearch {
            input: LineInput::default(),
            regex: false,
            scope: Scope::Text,
            hits: Vec::new(),
            selected: 0,
            error: None,
            truncated: false,
        };
        self.run_corpus_search(&mut overlay);
        self.overlay = Some(Overlay::Search(Box::new(overlay)));
    }

    fn run_corpus_search(&self, overlay: &mut CorpusSearch) {
        overlay.selected = 0;
        overlay.error = None;
        overlay.hits.clear();
        overlay.truncated = false;
        if overlay.input.text.is_empty() {
            return;
        }
        match Matcher::new(&overlay.input.text, overlay.regex) {
            Ok(matcher) => {
                let mut hits = search::search(
                    &self.corpus,
                    &self.bookmarks,
                    &self.placements,
                    &matcher,
                    overlay.scope,
                    MAX_HITS + 1,
                );
                overlay.truncated = hits.len() > MAX_HITS;
                hits.truncate(MAX_HITS);
                overlay.hits = hits;
            }
            Err(message) => overlay.error = Some(message),
        }
    }

    pub(super) fn corpus_search_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(Overlay::Search(mut overlay)) = self.overlay.take() else {
            return Vec::new();
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let count = overlay.hits.len();
        match key.code {
            KeyCode::Esc => return Vec::new(),
            KeyCode::Enter => {
                if let Some(hit) = overlay.hits.get(overlay.selected).cloned() {
                    self.open_hit(&overlay, &hit);
                }
                return Vec::new();
            }
            KeyCode::Down => overlay.selected = (overlay.selected + 1).min(count.saturating_sub(1)),
            KeyCode::Char('n') if ctrl => overlay.selected = (overlay.selected + 1).min(count.saturating_sub(1)),
            KeyCode::Up => overlay.selected = overlay.selected.saturating_sub(1),
            KeyCode::Char('p') if ctrl => overlay.selected = overlay.selected.saturating_sub(1),
            KeyCode::PageDown => overlay.selected = (overlay.selected + 10).min(count.saturating_sub(1)),
            KeyCode::PageUp => overlay.selected = overlay.selected.saturating_sub(10),
            KeyCode::Tab | KeyCode::BackTab => {
                let i = Scope::ALL.iter().position(|s| *s == overlay.scope).unwrap_or(0);
                let next = if key.code == KeyCode::Tab {
                    (i + 1) % 4
                } else {
                    (i + 3) % 4
                };
                overlay.scope = Scope::ALL[next];
                self.run_corpus_search(&mut overlay);
            }
            KeyCode::Char('r') if ctrl => {
                overlay.regex = !overlay.regex;
                self.run_corpus_search(&mut overlay);
            }
            _ => {
                if overlay.input.key(key) == Edit::Changed {
                    self.run_corpus_search(&mut overlay);
                }
            }
        }
        self.overlay = Some(Overlay::Search(overlay));
        Vec::new()
    }

    /// Opens the hit's brief at it; the in-brief search then holds the same query there.
    fn open_hit(&mut self, overlay: &CorpusSearch, hit: &Hit) {
        let block = self
            .corpus
            .briefs
            .get(hit.brief)
            .and_then(|b| b.doc.block_at(hit.range.start));
        self.open(hit.brief, block, Some(hit.range.clone()));
        self.focus = super::Focus::Reader;
        let Ok(matcher) = Matcher::new(&overlay.input.text, overlay.regex) else {
            return;
        };
        let matches = self.brief().map(|b| matcher.find_all(&b.doc.text)).unwrap_or_default();
        let current = matches.iter().position(|m| m.start >= hit.range.start);
        self.search = SearchState {
            query: overlay.input.text.clone(),
            matches,
            current,
        };
        self.relayout();
    }
}
