//! Bookmarks in the reader: making them (whole passage or a selection), notes, deleting with undo,
//! orphans and re-attaching, and the reading state saved between sessions.

use std::ops::Range;

use super::input::LineInput;
use super::{AppState, Effect, Focus, PanelItem, Prompt, Tab};
use crate::corpus::document::Document;
use crate::store::state::ReadingState;
use crate::store::{self, Bookmark, Change, Placement};

/// What a note prompt is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTarget {
    /// A new bookmark of this range of the open brief.
    New(Range<usize>),
    /// The note of an existing bookmark.
    Edit(String),
}

impl AppState {
    /// Replaces the bookmark list (after loading or saving) and places every bookmark.
    pub fn set_bookmarks(&mut self, bookmarks: Vec<Bookmark>) {
        self.placements = bookmarks.iter().map(|b| store::place(&self.corpus, b)).collect();
        self.bookmarks = bookmarks;
    }

    /// Bookmark indices in the order the Bookmarks tab shows them: placed ones newest first (or by
    /// brief and position), orphans last.
    pub fn bookmark_order(&self) -> Vec<usize> {
        let mut placed: Vec<usize> = Vec::new();
        let mut orphans: Vec<usize> = Vec::new();
        for (i, placement) in self.placements.iter().enumerate() {
            match placement {
                Placement::Placed { .. } => placed.push(i),
                Placement::Orphan(_) => orphans.push(i),
            }
        }
        if self.bookmarks_by_brief {
            placed.sort_by_key(|&i| match &self.placements[i] {
                Placement::Placed { brief, range } => (*brief, range.start),
                Placement::Orphan(_) => (usize::MAX, 0),
            });
        } else {
            placed.sort_by(|&a, &b| {
                self.bookmarks[b]
                    .created
                    .cmp(&self.bookmarks[a].created)
                    .then(b.cmp(&a))
            });
        }
        placed.extend(orphans);
        placed
    }

    /// Bookmarks placed in block `block` of the open brief.
    pub fn bookmarks_in_block(&self, block: usize) -> Vec<usize> {
        let Some(range) = self
            .brief()
            .and_then(|b| b.doc.blocks.get(block))
            .map(|b| b.range.clone())
        else {
            return Vec::new();
        };
        self.placements
            .iter()
            .enumerate()
            .filter_map(|(i, p)| match p {
                Placement::Placed { brief, range: r }
                    if *brief == self.current && r.start < range.end.max(range.start + 1) && r.end > range.start =>
                {
                    Some(i)
                }
                _ => None,
            })
            .collect()
    }

    /// Number of bookmarks placed in brief `index`.
    pub fn bookmark_count(&self, index: usize) -> usize {
        self.placements
            .iter()
            .filter(|p| matches!(p, Placement::Placed { brief, .. } if *brief == index))
            .count()
    }

    /// The bookmark an edit or delete applies to: the one selected in the Bookmarks tab when it is
    /// focused, else the first in the cursor's passage.
    fn target_bookmark(&self) -> Option<usize> {
        if self.focus == Focus::Panel && self.tab == Tab::Bookmarks {
            let order = self.bookmark_order();
            return order.get(self.panel_selected[Tab::Bookmarks as usize]).copied();
        }
        self.bookmarks_in_block(self.position().cursor).first().copied()
    }

    /// The range `b` bookmarks: the selection, or the whole passage under the cursor.
    fn range_to_mark(&self) -> Option<Range<usize>> {
        if let Some(selection) = &self.selection {
            return Some(selection.clone());
        }
        let block = self.brief()?.doc.blocks.get(self.position().cursor)?;
        (!block.range.is_empty()).then(|| block.range.clone())
    }

    pub(super) fn start_bookmark(&mut self) {
        if self.focus == Focus::Panel && self.tab == Tab::Bookmarks {
            self.message = Some("b bookmarks a passage in the reader; here: Enter jumps, e edits, d deletes".into());
            return;
        }
        match self.range_to_mark() {
            Some(range) => {
                self.prompt = Some(Prompt::Note {
                    input: LineInput::default(),
                    target: NoteTarget::New(range),
                });
            }
            None => self.message = Some("nothing to bookmark here".into()),
        }
    }

    pub(super) fn start_selection(&mut self) {
        let Some(brief) = self.brief() else { return };
        let Some(block) = brief.doc.blocks.get(self.position().cursor) else {
            return;
        };
        let range = block.range.clone();
        let within = |r: &Range<usize>| r.start >= range.start && r.end <= range.end && r.start < r.end;
        let selection = match &self.highlight {
            Some(h) if within(h) => h.clone(),
            _ => range.start..sentence_end(&brief.doc, range.start, range.end),
        };
        self.selection = Some(selection);
        self.focus = Focus::Reader;
    }

    /// A key in selection mode.
    pub(super) fn selection_action(&mut self, action: crate::keymap::Action) -> Vec<Effect> {
        use crate::keymap::Action as A;
        let (Some(selection), Some(brief)) = (self.selection.clone(), self.corpus.briefs.get(self.current)) else {
            return Vec::new();
        };
        let text = &brief.doc.text;
        let doc = &brief.doc;
        let block_end = |at: usize| {
            doc.block_at(at)
                .and_then(|b| doc.blocks.get(b))
                .map_or(text.len(), |b| b.range.end)
        };
        let mut s = selection.clone();
        match action {
            A::GrowWord => s.end = next_word_end(text, s.end, block_end(s.end.saturating_sub(1))),
            A::ShrinkWord => s.end = prev_word_end(text, s.end, s.start),
            A::GrowSentence => s.end = sentence_end(doc, s.end, block_end(s.end.saturating_sub(1))),
            A::ShrinkSentence => s.end = prev_sentence_end(text, s.end, s.start),
            A::GrowPassage => {
                let next = doc.block_at(s.end).map_or(0, |b| {
                    b + usize::from(doc.blocks.get(b).is_some_and(|x| x.range.end <= s.end))
                });
                if let Some(b) = doc.blocks.get(next) {
                    s.end = b.range.end.max(s.end);
                }
            }
            A::ShrinkPassage => {
                if let Some(b) = doc
                    .block_at(s.end.saturating_sub(1))
                    .and_then(|i| i.checked_sub(1))
                    .and_then(|i| doc.blocks.get(i))
                    && b.range.end > s.start
                {
                    s.end = b.range.end;
                }
            }
            A::StartBack => {
                s.start = prev_word_start(
                    text,
                    s.start,
                    doc.blocks
                        .get(doc.block_at(s.start).unwrap_or(0))
                        .map_or(0, |b| b.range.start),
                )
            }
            A::StartForward => {
                let next = next_word_start(text, s.start);
                if next < s.end {
                    s.start = next;
                }
            }
            A::Confirm => {
                self.prompt = Some(Prompt::Note {
                    input: LineInput::default(),
                    target: NoteTarget::New(selection),
                });
                return Vec::new();
            }
            A::Close => {
                self.selection = None;
                return Vec::new();
            }
            A::Quit => return vec![Effect::Quit],
            _ => {}
        }
        if s.start < s.end {
            self.selection = Some(s);
        }
        Vec::new()
    }

    /// The note prompt was submitted.
    pub(super) fn submit_note(&mut self, note: &str, target: NoteTarget) -> Vec<Effect> {
        let change = match target {
            NoteTarget::New(range) => {
                let Some(brief) = self.brief() else { return Vec::new() };
                let bookmark = Bookmark::new(brief, range, note);
                self.selection = None;
                self.message = Some(if note.trim().is_empty() {
                    "bookmark added".into()
                } else {
                    "bookmark added with a note".into()
                });
                Change::Add(bookmark)
            }
            NoteTarget::Edit(id) => {
                self.message = Some("note saved".into());
                Change::Note {
                    id,
                    note: note.trim().to_owned(),
                }
            }
        };
        self.change(change)
    }

    /// Applies a change in memory and asks the runner to save everything not yet saved.
    fn change(&mut self, change: Change) -> Vec<Effect> {
        let mut bookmarks = std::mem::take(&mut self.bookmarks);
        store::apply_all(&mut bookmarks, std::slice::from_ref(&change));
        self.set_bookmarks(bookmarks);
        self.unsaved.push(change);
        vec![Effect::SaveBookmarks(self.unsaved.clone())]
    }

    /// Changes made this session that are not on disk yet.
    pub fn unsaved_changes(&self) -> &[Change] {
        &self.unsaved
    }

    /// The runner reports how saving went.
    pub(super) fn saved(&mut self, result: Result<Vec<Bookmark>, String>) {
        match result {
            Ok(merged) => {
                self.unsaved.clear();
                self.set_bookmarks(merged);
            }
            Err(reason) => self.message = Some(format!("bookmarks not saved ({reason}); kept in memory")),
        }
    }

    pub(super) fn edit_note(&mut self) {
        match self.target_bookmark().and_then(|i| self.bookmarks.get(i)) {
            Some(b) => {
                let target = NoteTarget::Edit(b.id.clone());
                self.prompt = Some(Prompt::Note {
                    input: LineInput::new(&b.note),
                    target,
                });
            }
            None => self.message = Some("no bookmark here to edit".into()),
        }
    }

    pub(super) fn delete_bookmark(&mut self) -> Vec<Effect> {
        let Some(bookmark) = self.target_bookmark().and_then(|i| self.bookmarks.get(i)).cloned() else {
            self.message = Some("no bookmark here to delete".into());
            return Vec::new();
        };
        self.deleted.push(bookmark.clone());
        let effects = self.change(Change::Delete(bookmark.id));
        self.message = Some("bookmark deleted (u undoes)".into());
        let count = self.bookmarks.len();
        let selected = &mut self.panel_selected[Tab::Bookmarks as usize];
        *selected = (*selected).min(count.saturating_sub(1));
        effects
    }

    pub(super) fn undo_delete(&mut self) -> Vec<Effect> {
        let Some(bookmark) = self.deleted.pop() else {
            self.message = Some("nothing to undo".into());
            return Vec::new();
        };
        self.message = Some("bookmark restored".into());
        self.change(Change::Add(bookmark))
    }

    /// Moves the selected orphan to the cursor's passage (or the selection) in the open brief.
    pub(super) fn reattach(&mut self) -> Vec<Effect> {
        let Some(index) = self.target_bookmark() else {
            self.message = Some("select an orphaned bookmark in the Bookmarks tab first".into());
            return Vec::new();
        };
        if !matches!(self.placements.get(index), Some(Placement::Orphan(_))) {
            self.message = Some("this bookmark is not orphaned".into());
            return Vec::new();
        }
        let (Some(range), Some(brief), Some(old)) = (self.range_to_mark(), self.brief(), self.bookmarks.get(index))
        else {
            self.message = Some("open a brief and put the cursor on a passage first".into());
            return Vec::new();
        };
        let mut moved = Bookmark::new(brief, range, &old.note);
        moved.id.clone_from(&old.id);
        moved.created.clone_from(&old.created);
        self.selection = None;
        self.message = Some("bookmark re-attached here".into());
        self.change(Change::Reattach(moved))
    }

    /// Enter on a bookmark: open its passage, highlighted.
    pub(super) fn open_bookmark(&mut self, index: usize) {
        match self.placements.get(index).cloned() {
            Some(Placement::Placed { brief, range }) => {
                let block = self.corpus.briefs.get(brief).and_then(|b| b.doc.block_at(range.start));
                self.open(brief, block, Some(range));
            }
            Some(Placement::Orphan(reason)) => {
                self.message = Some(format!(
                    "orphaned: {reason}; r re-attaches it at the reader's passage, d deletes it"
                ));
            }
            None => {}
        }
    }

    pub(super) fn bookmark_items(&self) -> Vec<PanelItem> {
        self.bookmark_order().into_iter().map(PanelItem::Bookmark).collect()
    }

    /// Where the reader is, for `state.toml`.
    pub fn reading_state(&self) -> ReadingState {
        let mut state = ReadingState {
            last_brief: self.brief().map(|b| b.id.clone()),
            focus: Some(
                match self.focus {
                    Focus::List => "list",
                    Focus::Reader => "reader",
                    Focus::Panel => "panel",
                }
                .to_owned(),
            ),
            ..ReadingState::default()
        };
        for (brief, position) in self.corpus.briefs.iter().zip(&self.positions) {
            if position.cursor > 0 {
                state.positions.insert(brief.id.clone(), position.cursor);
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
            if let (Some(&block), Some(position)) = (saved, self.positions.get_mut(i)) {
                position.cursor = block.min(brief.doc.blocks.len().saturating_sub(1));
            }
        }
        self.focus = match state.focus.as_deref() {
            Some("list") => Focus::List,
            Some("panel") => Focus::Panel,
            _ => Focus::Reader,
        };
        self.layout = crate::render::Layout::default();
        self.relayout();
        let start = self
            .layout
            .block_rows
            .get(self.position().cursor)
            .map_or(0, |r| r.start);
        if let Some(position) = self.positions.get_mut(self.current) {
            position.scroll = start.saturating_sub(2);
        }
        self.relayout();
    }
}

fn is_sentence_end(text: &str, at: usize) -> bool {
    let before = text.get(..at).unwrap_or("");
    let after = text.get(at..).unwrap_or("");
    before.ends_with(['.', '!', '?']) && (after.is_empty() || after.starts_with([' ', '\n']))
}

/// The end of the sentence that contains `from` (or starts at it), at most `limit`.
fn sentence_end(doc: &Document, from: usize, limit: usize) -> usize {
    let text = &doc.text;
    let mut at = from;
    // Skip the current end so repeated presses move on.
    while at < limit {
        at = text
            .get(at..)
            .and_then(|s| s.chars().next())
            .map_or(limit, |c| at + c.len_utf8());
        if is_sentence_end(text, at) {
            return at.min(limit);
        }
    }
    limit
}

fn prev_sentence_end(text: &str, from: usize, floor: usize) -> usize {
    let mut at = from;
    while at > floor {
        at = text
            .get(..at)
            .and_then(|s| s.char_indices().next_back())
            .map_or(floor, |(i, _)| i);
        if at > floor && is_sentence_end(text, at) {
            return at;
        }
    }
    from
}

fn next_word_end(text: &str, from: usize, limit: usize) -> usize {
    let rest = text.get(from..limit).unwrap_or("");
    let skip = rest.len() - rest.trim_start().len();
    let word = rest.get(skip..).unwrap_or("");
    let len = word.find(char::is_whitespace).unwrap_or(word.len());
    (from + skip + len).min(limit)
}

fn prev_word_end(text: &str, from: usize, floor: usize) -> usize {
    let before = text.get(floor..from).unwrap_or("");
    let trimmed = before.trim_end();
    match trimmed.rfind(char::is_whitespace) {
        Some(space) => {
            let end = before.get(..space).unwrap_or("").trim_end().len();
            if end == 0 { from } else { floor + end }
        }
        None => from,
    }
}

fn prev_word_start(text: &str, from: usize, floor: usize) -> usize {
    let before = text.get(floor..from).unwrap_or("").trim_end();
    floor + before.rfind(char::is_whitespace).map_or(0, |i| i + 1)
}

fn next_word_start(text: &str, from: usize) -> usize {
    let rest = text.get(from..).unwrap_or("");
    let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let after = rest.get(word..).unwrap_or("");
    from + word + (after.len() - after.trim_start().len())
}
