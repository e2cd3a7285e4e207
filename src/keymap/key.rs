//! A key as written in keymap.toml (`ctrl-d`, `alt-left`, `G`, `space`) and as shown in hints.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with its modifiers. Shift is part of the character (`G`), not a modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    code: Code,
    ctrl: bool,
    alt: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Code {
    Char(char),
    Named(u8),
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
];

fn named_index(code: KeyCode) -> Option<u8> {
    NAMED
        .iter()
        .position(|(_, c)| *c == code)
        .and_then(|i| u8::try_from(i).ok())
}

impl Key {
    /// Parses `ctrl-d`, `alt-left`, `G`, `space`, `pagedown`...
    pub fn parse(spec: &str) -> Option<Key> {
        let (mut ctrl, mut alt) = (false, false);
        let mut rest = spec;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                ctrl = true;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                alt = true;
                rest = r;
            } else {
                break;
            }
        }
        let code = if rest == "space" {
            Code::Char(' ')
        } else if let Some(i) = NAMED.iter().position(|(n, _)| *n == rest) {
            Code::Named(u8::try_from(i).ok()?)
        } else {
            let mut chars = rest.chars();
            let c = chars.next()?;
            if chars.next().is_some() {
                return None;
            }
            Code::Char(if ctrl { c.to_ascii_lowercase() } else { c })
        };
        Some(Key { code, ctrl, alt })
    }

    /// The key a terminal event is, when it is one a keymap can name.
    pub fn from_event(event: KeyEvent) -> Option<Key> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        let code = match event.code {
            KeyCode::Char(c) => Code::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => {
                Code::Named(named_index(KeyCode::BackTab)?)
            }
            other => Code::Named(named_index(other)?),
        };
        Some(Key { code, ctrl, alt })
    }

    /// True for a key that most terminals cannot tell apart from another one: Ctrl-i is Tab,
    /// Ctrl-m is Enter, Ctrl-[ is Esc, unless the terminal speaks the kitty keyboard protocol.
    pub fn needs_enhanced_keyboard(&self) -> bool {
        self.ctrl && !self.alt && matches!(self.code, Code::Char('i' | 'm' | '['))
    }

    /// How the key is shown: `Ctrl-d`, `Alt-Left`, `G`, `Space`, `PgDn`.
    pub fn label(&self) -> String {
        let mut out = String::new();
        if self.ctrl {
            out.push_str("Ctrl-");
        }
        if self.alt {
            out.push_str("Alt-");
        }
        match self.code {
            Code::Char(' ') => out.push_str("Space"),
            Code::Char(c) => out.push(c),
            Code::Named(i) => out.push_str(match NAMED.get(usize::from(i)).map_or("?", |(n, _)| n) {
                "backtab" => "Shift-Tab",
                "pageup" => "PgUp",
                "pagedown" => "PgDn",
                "enter" => "Enter",
                "esc" => "Esc",
                "tab" => "Tab",
                "backspace" => "Backspace",
                "up" => "↑",
                "down" => "↓",
                "left" => "←",
                "right" => "→",
                "home" => "Home",
                "end" => "End",
                "delete" => "Delete",
                "insert" => "Insert",
                other => other,
            }),
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_label_round_trip() {
        for (spec, label) in [
            ("j", "j"),
            ("G", "G"),
            ("ctrl-d", "Ctrl-d"),
            ("alt-left", "Alt-←"),
            ("space", "Space"),
            ("pagedown", "PgDn"),
            ("backtab", "Shift-Tab"),
        ] {
            assert_eq!(Key::parse(spec).map(|k| k.label()).as_deref(), Some(label), "{spec}");
        }
        assert_eq!(Key::parse("ctrl-"), None);
        assert_eq!(Key::parse("jj"), None);
    }

    #[test]
    fn events_map_to_the_same_keys() {
        let event = |code, modifiers| Key::from_event(KeyEvent::new(code, modifiers));
        assert_eq!(event(KeyCode::Char('G'), KeyModifiers::SHIFT), Key::parse("G"));
        assert_eq!(event(KeyCode::Char('D'), KeyModifiers::CONTROL), Key::parse("ctrl-d"));
        assert_eq!(event(KeyCode::Tab, KeyModifiers::SHIFT), Key::parse("backtab"));
        assert_eq!(event(KeyCode::Left, KeyModifiers::ALT), Key::parse("alt-left"));
        assert!(Key::parse("ctrl-i").is_some_and(|k| k.needs_enhanced_keyboard()));
        assert!(!Key::parse("alt-right").is_some_and(|k| k.needs_enhanced_keyboard()));
    }
}
