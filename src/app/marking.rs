//! Making and changing bookmarks from the reader: the passage or a selection, notes, delete and
//! undo, opening a bookmark, and re-attaching an orphan. Each change is applied in memory and
//! handed to the runner to save.

use std::ops::Range;

use super::prompt::{NoteTarget, PromptKind};
use super::{AppState, Effect, Focus, Tab, selection};
use crate::keymap::{Action, Mode};
use crate::store::{Bookmark, Change, Now, Placement};

impl AppState {
    /// The bookmark an edit or delete applies to: the one selected in the Bookmarks tab when it is
    /// focused, else the first in the cursor's passage.
    fn target_bookmark(&self) -> Option<usize> {
        if self.focus == Focus::Panel && self.panel.tab() == Tab::Bookmarks {
            return match self.panel.selected_item()? {
                super::PanelItem::Bookmark(i) => Some(i),
                _ => None,
            };
        }
        let range = self.brief()?.doc.blocks.get(self.reader.cursor())?.range.clone();
        self.bookmarks.touching(self.reader.brief(), &range).first().copied()
    }

    /// The orphan selected in the Bookmarks tab (whichever pane has focus).
    fn selected_orphan(&self) -> Option<usize> {
        if self.panel.tab() != Tab::Bookmarks {
            return None;
        }
        match self.panel.selected_item()? {
            super::PanelItem::Bookmark(i) if self.bookmarks.is_orphan(i) => Some(i),
            _ => None,
        }
    }

    /// The range `b` bookmarks: the selection, or the whole passage under the cursor.
    fn range_to_mark(&self) -> Option<Range<usize>> {
        if let Some(selection) = &self.selection {
            return Some(selection.clone());
        }
        let block = self.brief()?.doc.blocks.get(self.reader.cursor())?;
        (!block.range.is_empty()).then(|| block.range.clone())
    }

    pub(super) fn start_bookmark(&mut self) {
        if self.focus == Focus::Panel && self.panel.tab() == Tab::Bookmarks {
            let key = |a| self.keymap.hint(Mode::Panel, a);
            self.message = Some(format!(
                "{} bookmarks a passage in the reader; here: {} jumps, {} edits, {} deletes",
                self.keymap.hint(Mode::Reader, Action::Bookmark),
                key(Action::Open),
                key(Action::EditNote),
                key(Action::Delete)
            ));
            return;
        }
        match self.range_to_mark() {
            Some(range) => self.open_prompt(PromptKind::Note(NoteTarget::New(range)), ""),
            None => self.message = Some("nothing to bookmark here".into()),
        }
    }

    pub(super) fn start_selection(&mut self) {
        let Some(brief) = self.brief() else { return };
        match selection::start(&brief.doc, self.reader.cursor(), self.reader.highlight()) {
            Some(range) => {
                self.selection = Some(range);
                if self.focus != Focus::Reader {
                    self.focus = Focus::Reader;
                    self.relayout();
                }
            }
            None => self.message = Some("nothing to select here".into()),
        }
    }

    /// A key in selection mode.
    pub(super) fn visual_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(current) = self.selection.clone() else {
            return Vec::new();
        };
        match action {
            Action::Confirm => self.open_prompt(PromptKind::Note(NoteTarget::New(current)), ""),
            Action::Close => self.selection = None,
            Action::Quit => return vec![Effect::Quit],
            Action::Reattach => return self.reattach(),
            Action::Copy => {
                let effects = self.copy();
                self.selection = None;
                return effects;
            }
            Action::ShowBookmarks => {
                self.panel.set_tab(Tab::Bookmarks);
                let key = self.keymap.hint(Mode::Visual, Action::FocusNext);
                self.message = Some(format!(
                    "Bookmarks tab shown; {key} moves to it to pick an orphan, the selection stays"
                ));
            }
            Action::FocusNext => {
                // The selection stays while the panel is used to pick what to attach it to.
                self.focus = Focus::Panel;
                self.relayout();
            }
            motion => {
                let Some(brief) = self.brief() else { return Vec::new() };
                if let Some(next) = selection::apply(&brief.doc, &current, motion) {
                    self.selection = Some(next);
                }
            }
        }
        Vec::new()
    }

    /// The note prompt was submitted.
    pub(super) fn submit_note(&mut self, note: &str, target: NoteTarget, now: Now) -> Vec<Effect> {
        let change = match target {
            NoteTarget::New(range) => {
                let id = self.new_bookmark_id(now);
                let Some(brief) = self.brief() else { return Vec::new() };
                let bookmark = Bookmark::new(brief, range, note, id, now.iso()).in_corpus(self.bookmarks.corpus());
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
        let unsaved = self.bookmarks.change(&self.corpus, change);
        self.refresh();
        vec![Effect::SaveBookmarks(unsaved)]
    }

    pub(super) fn edit_note(&mut self) {
        match self.target_bookmark().and_then(|i| self.bookmarks.get(i)) {
            Some((b, _)) => {
                let (id, note) = (b.id.clone(), b.note.clone());
                self.open_prompt(PromptKind::Note(NoteTarget::Edit(id)), &note);
            }
            None => self.message = Some("no bookmark here to edit".into()),
        }
    }

    pub(super) fn delete_bookmark(&mut self) -> Vec<Effect> {
        let Some(bookmark) = self
            .target_bookmark()
            .and_then(|i| self.bookmarks.get(i))
            .map(|(b, _)| b.clone())
        else {
            self.message = Some("no bookmark here to delete".into());
            return Vec::new();
        };
        let id = bookmark.id.clone();
        self.bookmarks.remember_deleted(bookmark);
        let effects = self.change(Change::Delete(id));
        let key = self.keymap.hint(self.mode(), Action::Undo);
        self.message = Some(format!("bookmark deleted ({key} undoes)"));
        effects
    }

    pub(super) fn undo_delete(&mut self) -> Vec<Effect> {
        let Some(bookmark) = self.bookmarks.take_deleted() else {
            self.message = Some("nothing to undo".into());
            return Vec::new();
        };
        self.message = Some("bookmark restored".into());
        self.change(Change::Add(bookmark))
    }

    /// Moves the orphan selected in the Bookmarks tab to the selection, or the cursor's passage.
    pub(super) fn reattach(&mut self) -> Vec<Effect> {
        let Some(index) = self.selected_orphan() else {
            let show = self.keymap.hint(Mode::Normal, Action::ShowBookmarks);
            self.message = Some(format!(
                "pick an orphaned bookmark first: {show} shows them; then select the passage here and re-attach"
            ));
            return Vec::new();
        };
        let (Some(range), Some(brief), Some((old, _))) =
            (self.range_to_mark(), self.brief(), self.bookmarks.get(index))
        else {
            self.message = Some("open a brief and put the cursor on a passage first".into());
            return Vec::new();
        };
        let moved = Bookmark::new(brief, range, &old.note, old.id.clone(), old.created.clone())
            .in_corpus(self.bookmarks.corpus());
        self.selection = None;
        self.message = Some("bookmark re-attached here".into());
        self.change(Change::Reattach(moved))
    }

    /// Enter on a bookmark: open its passage, highlighted. An orphan says how to re-attach it.
    pub(super) fn open_bookmark(&mut self, index: usize) {
        match self.bookmarks.get(index).map(|(_, p)| p.clone()) {
            Some(Placement::Placed { brief, range }) => {
                let block = self.corpus.briefs.get(brief).and_then(|b| b.doc.block_at(range.start));
                self.open(brief, block, Some(range));
            }
            Some(Placement::Orphan(reason)) => {
                let select = self.keymap.hint(Mode::Reader, Action::Select);
                let attach = self.keymap.hint(Mode::Reader, Action::Reattach);
                let delete = self.keymap.hint(Mode::Normal, Action::Delete);
                self.message = Some(format!(
                    "orphaned: {reason}; go to the passage, {select} to select it, {attach} to re-attach (or {delete} deletes it)"
                ));
            }
            Some(Placement::Elsewhere(corpus)) => {
                self.message = Some(match corpus {
                    Some(c) => format!("this bookmark belongs to {}: open dossier there to see it", corpus_label(&c)),
                    None => "this bookmark is from before corpora were told apart; the corpus that has its brief will claim it".to_owned(),
                });
            }
            None => {}
        }
    }
}

/// How a corpus is named to a reader: "the bundled briefs", or its folder with `~` for home.
pub fn corpus_label(corpus: &str) -> String {
    if corpus == crate::corpus::BUNDLED {
        return "the bundled briefs".to_owned();
    }
    let home = std::env::var("HOME").unwrap_or_default();
    match corpus.strip_prefix(&home) {
        Some(rest) if !home.is_empty() => format!("~{rest}"),
        _ => corpus.to_owned(),
    }
}
