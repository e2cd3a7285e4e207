//! One-line prompts in the status bar (filter, search, note) and in the search-all overlay: line
//! editing driven by the `[prompt]` keymap, and the history of earlier entries of each kind.

use std::ops::Range;

use crate::keymap::Action;

/// What a note prompt is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTarget {
    /// A new bookmark of this range of the open brief.
    New(Range<usize>),
    /// The note of an existing bookmark (its id).
    Edit(String),
}

/// Which prompt is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    /// Filtering the brief list.
    Filter,
    /// Searching the open brief.
    Search,
    /// A bookmark's note.
    Note(NoteTarget),
}

impl PromptKind {
    /// Which history the prompt's entries go to.
    pub fn history(&self) -> HistoryKind {
        match self {
            PromptKind::Filter => HistoryKind::Filter,
            PromptKind::Search => HistoryKind::Search,
            PromptKind::Note(_) => HistoryKind::Note,
        }
    }
}

/// A prompt in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: LineInput,
    /// Where the reader was when the prompt opened: a search's jump starts there, and `Esc`
    /// returns there.
    pub from: super::Location,
}

/// The kinds of prompt that keep a history of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryKind {
    Filter,
    Search,
    Note,
    SearchAll,
}

impl HistoryKind {
    pub const ALL: [HistoryKind; 4] = [
        HistoryKind::Filter,
        HistoryKind::Search,
        HistoryKind::Note,
        HistoryKind::SearchAll,
    ];

    /// The name in the saved reading state.
    pub fn name(self) -> &'static str {
        match self {
            HistoryKind::Filter => "filter",
            HistoryKind::Search => "search",
            HistoryKind::Note => "note",
            HistoryKind::SearchAll => "search_all",
        }
    }

    pub fn index(self) -> usize {
        HistoryKind::ALL.iter().position(|k| *k == self).unwrap_or(0)
    }
}

/// A line of text being edited.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    /// Byte offset of the cursor in `text`.
    cursor: usize,
}

/// What a key did to the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Changed,
    Moved,
    Ignored,
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        LineInput {
            text: text.to_owned(),
            cursor: text.len(),
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn prev_boundary(&self, from: usize) -> usize {
        self.text
            .get(..from)
            .and_then(|s| s.char_indices().next_back())
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self, from: usize) -> usize {
        self.text
            .get(from..)
            .and_then(|s| s.chars().next())
            .map_or(self.text.len(), |c| from + c.len_utf8())
    }

    /// Start of the word before the cursor (for delete_word).
    fn word_start(&self) -> usize {
        let before = self.text.get(..self.cursor).unwrap_or("");
        let trimmed = before.trim_end();
        trimmed.rfind(char::is_whitespace).map_or(0, |i| i + 1)
    }

    fn remove(&mut self, range: Range<usize>) -> Edit {
        if range.is_empty() {
            return Edit::Ignored;
        }
        self.cursor = range.start;
        self.text.replace_range(range, "");
        Edit::Changed
    }

    /// Types `c` at the cursor. Control characters are not typed.
    pub fn insert(&mut self, c: char) -> Edit {
        if c.is_control() {
            return Edit::Ignored;
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
        Edit::Changed
    }

    /// Pastes text, one line of it, controls dropped.
    pub fn paste(&mut self, text: &str) -> Edit {
        let line: String = text.chars().filter(|c| !c.is_control()).collect();
        if line.is_empty() {
            return Edit::Ignored;
        }
        self.text.insert_str(self.cursor, &line);
        self.cursor += line.len();
        Edit::Changed
    }

    /// An editing action from the `[prompt]` keymap.
    pub fn apply(&mut self, action: Action) -> Edit {
        match action {
            Action::CursorLeft => self.move_to(self.prev_boundary(self.cursor)),
            Action::CursorRight => self.move_to(self.next_boundary(self.cursor)),
            Action::LineStart => self.move_to(0),
            Action::LineEnd => self.move_to(self.text.len()),
            Action::DeleteBack => self.remove(self.prev_boundary(self.cursor)..self.cursor),
            Action::DeleteForward => self.remove(self.cursor..self.next_boundary(self.cursor)),
            Action::DeleteWord => self.remove(self.word_start()..self.cursor),
            Action::DeleteToStart => self.remove(0..self.cursor),
            Action::DeleteToEnd => self.remove(self.cursor..self.text.len()),
            _ => Edit::Ignored,
        }
    }

    fn move_to(&mut self, at: usize) -> Edit {
        self.cursor = at.min(self.text.len());
        Edit::Moved
    }
}

/// Earlier entries of one kind of prompt, oldest first, and where browsing them is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    entries: Vec<String>,
    /// While browsing: the entry shown (an index into `entries`) and what was typed before.
    browsing: Option<(usize, String)>,
}

/// Entries kept per kind of prompt.
const HISTORY_LIMIT: usize = 100;

impl History {
    pub fn from_entries(entries: Vec<String>) -> History {
        let skip = entries.len().saturating_sub(HISTORY_LIMIT);
        History {
            entries: entries.into_iter().skip(skip).collect(),
            browsing: None,
        }
    }

    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    pub fn last(&self) -> Option<&str> {
        self.entries.last().map(String::as_str)
    }

    /// Remembers a submitted entry (not an empty one, and a repeat moves to the end).
    pub fn push(&mut self, entry: &str) {
        self.browsing = None;
        if entry.trim().is_empty() {
            return;
        }
        self.entries.retain(|e| e != entry);
        self.entries.push(entry.to_owned());
        if self.entries.len() > HISTORY_LIMIT {
            self.entries.remove(0);
        }
    }

    /// `Up` (`earlier`) or `Down`: the entry to show in place of `typed`, if any.
    pub fn browse(&mut self, earlier: bool, typed: &str) -> Option<String> {
        let count = self.entries.len();
        let (index, original) = match (&self.browsing, earlier) {
            (None, true) if count > 0 => (count - 1, typed.to_owned()),
            (None, _) => return None,
            (Some((i, original)), true) => (i.saturating_sub(1), original.clone()),
            (Some((i, original)), false) if i + 1 < count => (i + 1, original.clone()),
            (Some((_, original)), false) => {
                let original = original.clone();
                self.browsing = None;
                return Some(original);
            }
        };
        self.browsing = Some((index, original));
        self.entries.get(index).cloned()
    }

    pub fn stop_browsing(&mut self) {
        self.browsing = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_moving_and_deleting() {
        let mut input = LineInput::default();
        for c in "key figre".chars() {
            input.insert(c);
        }
        input.apply(Action::CursorLeft);
        input.apply(Action::CursorLeft);
        input.insert('u');
        assert_eq!(input.text(), "key figure");
        input.apply(Action::DeleteWord);
        assert_eq!(input.text(), "key re");
        input.apply(Action::LineStart);
        input.apply(Action::DeleteForward);
        assert_eq!(input.text(), "ey re");
        input.apply(Action::DeleteToEnd);
        assert_eq!(input.text(), "");
        assert_eq!(input.insert('\u{1b}'), Edit::Ignored, "controls are not typed");
        input.paste("a\u{1b}[2Jb\nc");
        assert_eq!(input.text(), "a[2Jbc");
    }

    #[test]
    fn multibyte_characters_are_edited_whole() {
        let mut input = LineInput::new("naïve ü");
        input.apply(Action::DeleteBack);
        assert_eq!(input.text(), "naïve ");
        input.apply(Action::CursorLeft);
        input.apply(Action::CursorLeft);
        input.apply(Action::DeleteBack);
        assert_eq!(input.text(), "naïe ");
    }

    #[test]
    fn history_browses_back_and_returns_to_what_was_typed() {
        let mut h = History::default();
        h.push("durand");
        h.push("cpec");
        h.push("durand");
        h.push("  ");
        assert_eq!(h.entries(), ["cpec", "durand"]);
        assert_eq!(h.browse(true, "ta").as_deref(), Some("durand"));
        assert_eq!(h.browse(true, "").as_deref(), Some("cpec"));
        assert_eq!(h.browse(true, "").as_deref(), Some("cpec"), "stays at the oldest");
        assert_eq!(h.browse(false, "").as_deref(), Some("durand"));
        assert_eq!(h.browse(false, "").as_deref(), Some("ta"), "back to what was typed");
        assert_eq!(h.browse(false, ""), None);
    }
}
