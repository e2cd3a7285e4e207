//! A one-line text input with the usual editing keys, for the filter, search and note prompts.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    pub text: String,
    /// Byte offset of the cursor in `text`.
    pub cursor: usize,
}

/// What a key did to the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Changed,
    Moved,
    Submit,
    Cancel,
    /// Not an editing key.
    Ignored,
}

impl LineInput {
    pub fn new(text: &str) -> LineInput {
        LineInput {
            text: text.to_owned(),
            cursor: text.len(),
        }
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

    /// Start of the word before the cursor (for Ctrl-W).
    fn word_start(&self) -> usize {
        let before = self.text.get(..self.cursor).unwrap_or("");
        let trimmed = before.trim_end();
        trimmed.rfind(char::is_whitespace).map_or(0, |i| i + 1)
    }

    pub fn key(&mut self, key: KeyEvent) -> Edit {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Enter => Edit::Submit,
            KeyCode::Esc => Edit::Cancel,
            KeyCode::Char('c') if ctrl => Edit::Cancel,
            KeyCode::Left => {
                self.cursor = self.prev_boundary(self.cursor);
                Edit::Moved
            }
            KeyCode::Right => {
                self.cursor = self.next_boundary(self.cursor);
                Edit::Moved
            }
            KeyCode::Home => {
                self.cursor = 0;
                Edit::Moved
            }
            KeyCode::Char('a') if ctrl => {
                self.cursor = 0;
                Edit::Moved
            }
            KeyCode::End => {
                self.cursor = self.text.len();
                Edit::Moved
            }
            KeyCode::Char('e') if ctrl => {
                self.cursor = self.text.len();
                Edit::Moved
            }
            KeyCode::Backspace if self.cursor > 0 => {
                let start = self.prev_boundary(self.cursor);
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
                Edit::Changed
            }
            KeyCode::Delete if self.cursor < self.text.len() => {
                let end = self.next_boundary(self.cursor);
                self.text.replace_range(self.cursor..end, "");
                Edit::Changed
            }
            KeyCode::Char('u') if ctrl => {
                self.text.replace_range(..self.cursor, "");
                self.cursor = 0;
                Edit::Changed
            }
            KeyCode::Char('k') if ctrl => {
                self.text.truncate(self.cursor);
                Edit::Changed
            }
            KeyCode::Char('w') if ctrl => {
                let start = self.word_start();
                self.text.replace_range(start..self.cursor, "");
                self.cursor = start;
                Edit::Changed
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                self.text.insert(self.cursor, c);
                self.cursor += c.len_utf8();
                Edit::Changed
            }
            _ => Edit::Ignored,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(input: &mut LineInput, code: KeyCode, modifiers: KeyModifiers) -> Edit {
        input.key(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn typing_moving_and_deleting() {
        let mut input = LineInput::default();
        for c in "key figre".chars() {
            press(&mut input, KeyCode::Char(c), KeyModifiers::NONE);
        }
        press(&mut input, KeyCode::Left, KeyModifiers::NONE);
        press(&mut input, KeyCode::Left, KeyModifiers::NONE);
        press(&mut input, KeyCode::Char('u'), KeyModifiers::NONE);
        assert_eq!(input.text, "key figure");
        press(&mut input, KeyCode::Char('w'), KeyModifiers::CONTROL);
        assert_eq!(input.text, "key re");
        press(&mut input, KeyCode::Home, KeyModifiers::NONE);
        press(&mut input, KeyCode::Delete, KeyModifiers::NONE);
        assert_eq!(input.text, "ey re");
        press(&mut input, KeyCode::Char('k'), KeyModifiers::CONTROL);
        assert_eq!(input.text, "");
        assert_eq!(press(&mut input, KeyCode::Enter, KeyModifiers::NONE), Edit::Submit);
        assert_eq!(press(&mut input, KeyCode::Esc, KeyModifiers::NONE), Edit::Cancel);
    }

    #[test]
    fn multibyte_characters_are_edited_whole() {
        let mut input = LineInput::new("naïve ü");
        press(&mut input, KeyCode::Backspace, KeyModifiers::NONE);
        assert_eq!(input.text, "naïve ");
        press(&mut input, KeyCode::Left, KeyModifiers::NONE);
        press(&mut input, KeyCode::Left, KeyModifiers::NONE);
        press(&mut input, KeyCode::Backspace, KeyModifiers::NONE);
        assert_eq!(input.text, "naïe ");
    }
}
