//! Keys to actions. Defaults are built in; `keymap.toml` in the config directory overrides them
//! (`"ctrl-n" = "down"`, `"x" = "none"` to unbind). The help screen is generated from the live map.

use std::collections::BTreeMap;
use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::corpus::Diagnostic;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Quit,
    Help,
    FocusNext,
    FocusPrev,
    Down,
    Up,
    Top,
    Bottom,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Open,
    PrevTab,
    NextTab,
    Outline,
    Search,
    NextMatch,
    PrevMatch,
    Bookmark,
    ShowBookmarks,
    NextTheme,
    ToggleMouse,
    Back,
    Forward,
    Diagnostics,
    Close,
    Select,
    EditNote,
    Delete,
    Undo,
    Sort,
    Reattach,
    GrowWord,
    ShrinkWord,
    GrowSentence,
    ShrinkSentence,
    GrowPassage,
    ShrinkPassage,
    StartBack,
    StartForward,
    Confirm,
    SearchAll,
    Analysis,
    Left,
    Right,
}

/// (name in keymap.toml, action, what it does).
pub const ACTIONS: &[(&str, Action, &str)] = &[
    ("quit", Action::Quit, "quit dossier"),
    ("help", Action::Help, "show this help"),
    (
        "focus_next",
        Action::FocusNext,
        "focus the next pane (list, reader, side panel)",
    ),
    ("focus_prev", Action::FocusPrev, "focus the previous pane"),
    ("down", Action::Down, "move down in the focused pane"),
    ("up", Action::Up, "move up in the focused pane"),
    ("top", Action::Top, "go to the top"),
    ("bottom", Action::Bottom, "go to the bottom"),
    ("half_page_down", Action::HalfPageDown, "half a page down"),
    ("half_page_up", Action::HalfPageUp, "half a page up"),
    ("page_down", Action::PageDown, "a page down"),
    ("page_up", Action::PageUp, "a page up"),
    ("open", Action::Open, "open the brief / jump to the item"),
    ("prev_tab", Action::PrevTab, "previous side-panel tab"),
    ("next_tab", Action::NextTab, "next side-panel tab"),
    ("outline", Action::Outline, "outline of the brief's headings"),
    (
        "search",
        Action::Search,
        "search in the brief (filter in the list; Ctrl-t there: titles or text)",
    ),
    (
        "search_all",
        Action::SearchAll,
        "search every brief (Tab: scope, Ctrl-r: regex, Enter: open)",
    ),
    (
        "analysis",
        Action::Analysis,
        "the corpus whole: statistics, timeline, conflicts, link map",
    ),
    ("left", Action::Left, "link map: previous column"),
    ("right", Action::Right, "link map: next column"),
    ("next_match", Action::NextMatch, "next search match"),
    ("prev_match", Action::PrevMatch, "previous search match"),
    ("bookmark", Action::Bookmark, "bookmark the current passage"),
    ("show_bookmarks", Action::ShowBookmarks, "show the Bookmarks tab"),
    ("next_theme", Action::NextTheme, "switch to the next theme"),
    (
        "toggle_mouse",
        Action::ToggleMouse,
        "toggle mouse capture (off lets the terminal select text)",
    ),
    ("back", Action::Back, "jump back"),
    ("forward", Action::Forward, "jump forward"),
    ("diagnostics", Action::Diagnostics, "show load problems"),
    ("close", Action::Close, "close the overlay / clear the search"),
    (
        "select",
        Action::Select,
        "select part of the passage to bookmark (then see the selection keys)",
    ),
    (
        "edit_note",
        Action::EditNote,
        "edit the note of the bookmark (Bookmarks tab, or the passage's)",
    ),
    (
        "delete",
        Action::Delete,
        "delete the bookmark (Bookmarks tab, or the passage's)",
    ),
    ("undo", Action::Undo, "undo the last bookmark deletion"),
    ("sort", Action::Sort, "Bookmarks tab: newest first / by brief"),
    (
        "reattach",
        Action::Reattach,
        "re-attach an orphaned bookmark at the cursor's passage",
    ),
];

/// Actions of selection mode (`[visual]` in keymap.toml).
pub const VISUAL_ACTIONS: &[(&str, Action, &str)] = &[
    ("grow_word", Action::GrowWord, "selection: end one word later"),
    ("shrink_word", Action::ShrinkWord, "selection: end one word earlier"),
    (
        "grow_sentence",
        Action::GrowSentence,
        "selection: end one sentence later",
    ),
    (
        "shrink_sentence",
        Action::ShrinkSentence,
        "selection: end one sentence earlier",
    ),
    (
        "grow_passage",
        Action::GrowPassage,
        "selection: end with the next passage",
    ),
    (
        "shrink_passage",
        Action::ShrinkPassage,
        "selection: end one passage earlier",
    ),
    ("start_back", Action::StartBack, "selection: start one word earlier"),
    ("start_forward", Action::StartForward, "selection: start one word later"),
    (
        "confirm",
        Action::Confirm,
        "selection: bookmark it (a note is asked for)",
    ),
    ("close", Action::Close, "selection: cancel"),
    ("quit", Action::Quit, "quit dossier"),
];

const DEFAULTS: &[(&str, Action)] = &[
    ("q", Action::Quit),
    ("ctrl-c", Action::Quit),
    ("?", Action::Help),
    ("tab", Action::FocusNext),
    ("backtab", Action::FocusPrev),
    ("j", Action::Down),
    ("down", Action::Down),
    ("k", Action::Up),
    ("up", Action::Up),
    ("g", Action::Top),
    ("home", Action::Top),
    ("G", Action::Bottom),
    ("end", Action::Bottom),
    ("ctrl-d", Action::HalfPageDown),
    ("ctrl-u", Action::HalfPageUp),
    ("pagedown", Action::PageDown),
    ("pageup", Action::PageUp),
    ("space", Action::PageDown),
    ("enter", Action::Open),
    ("[", Action::PrevTab),
    ("]", Action::NextTab),
    ("o", Action::Outline),
    ("/", Action::Search),
    ("F", Action::SearchAll),
    ("A", Action::Analysis),
    ("h", Action::Left),
    ("left", Action::Left),
    ("l", Action::Right),
    ("right", Action::Right),
    ("n", Action::NextMatch),
    ("N", Action::PrevMatch),
    ("b", Action::Bookmark),
    ("B", Action::ShowBookmarks),
    ("t", Action::NextTheme),
    ("m", Action::ToggleMouse),
    ("ctrl-o", Action::Back),
    ("backspace", Action::Back),
    ("alt-left", Action::Back),
    ("ctrl-i", Action::Forward),
    ("alt-right", Action::Forward),
    ("!", Action::Diagnostics),
    ("esc", Action::Close),
    ("v", Action::Select),
    ("e", Action::EditNote),
    ("d", Action::Delete),
    ("u", Action::Undo),
    ("s", Action::Sort),
    ("r", Action::Reattach),
];

const VISUAL_DEFAULTS: &[(&str, Action)] = &[
    ("w", Action::GrowWord),
    ("e", Action::ShrinkWord),
    (")", Action::GrowSentence),
    ("(", Action::ShrinkSentence),
    ("j", Action::GrowPassage),
    ("down", Action::GrowPassage),
    ("k", Action::ShrinkPassage),
    ("up", Action::ShrinkPassage),
    ("h", Action::StartBack),
    ("l", Action::StartForward),
    ("enter", Action::Confirm),
    ("b", Action::Confirm),
    ("esc", Action::Close),
    ("v", Action::Close),
    ("ctrl-c", Action::Quit),
];

/// A key as written in keymap.toml: modifiers then the key, e.g. `ctrl-d`, `alt-left`, `G`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    code: KeyCodeOrd,
    ctrl: bool,
    alt: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum KeyCodeOrd {
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

impl Key {
    pub fn parse(spec: &str) -> Option<Key> {
        let mut ctrl = false;
        let mut alt = false;
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
            KeyCodeOrd::Char(' ')
        } else if let Some(i) = NAMED.iter().position(|(n, _)| *n == rest) {
            KeyCodeOrd::Named(u8::try_from(i).ok()?)
        } else {
            let mut chars = rest.chars();
            let c = chars.next()?;
            if chars.next().is_some() {
                return None;
            }
            KeyCodeOrd::Char(c)
        };
        Some(Key { code, ctrl, alt })
    }

    pub fn from_event(event: KeyEvent) -> Option<Key> {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let alt = event.modifiers.contains(KeyModifiers::ALT);
        let code = match event.code {
            KeyCode::Char(c) => KeyCodeOrd::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            KeyCode::BackTab => KeyCodeOrd::Named(named_index(KeyCode::BackTab)?),
            KeyCode::Tab if event.modifiers.contains(KeyModifiers::SHIFT) => {
                KeyCodeOrd::Named(named_index(KeyCode::BackTab)?)
            }
            other => KeyCodeOrd::Named(named_index(other)?),
        };
        Some(Key { code, ctrl, alt })
    }

    pub fn label(&self) -> String {
        let mut out = String::new();
        if self.ctrl {
            out.push_str("Ctrl-");
        }
        if self.alt {
            out.push_str("Alt-");
        }
        match self.code {
            KeyCodeOrd::Char(' ') => out.push_str("Space"),
            KeyCodeOrd::Char(c) => out.push(c),
            KeyCodeOrd::Named(i) => {
                let name = NAMED.get(usize::from(i)).map_or("?", |(n, _)| n);
                let label = match name {
                    "backtab" => "Shift-Tab".to_owned(),
                    "pageup" => "PgUp".to_owned(),
                    "pagedown" => "PgDn".to_owned(),
                    n => {
                        let mut c = n.chars();
                        c.next()
                            .map(|f| f.to_uppercase().chain(c).collect())
                            .unwrap_or_default()
                    }
                };
                out.push_str(&label);
            }
        }
        out
    }
}

fn named_index(code: KeyCode) -> Option<u8> {
    NAMED
        .iter()
        .position(|(_, c)| *c == code)
        .and_then(|i| u8::try_from(i).ok())
}

#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: BTreeMap<Key, Action>,
    visual: BTreeMap<Key, Action>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        let map = |defaults: &[(&str, Action)]| {
            defaults
                .iter()
                .filter_map(|(spec, action)| Some((Key::parse(spec)?, *action)))
                .collect()
        };
        Keymap {
            bindings: map(DEFAULTS),
            visual: map(VISUAL_DEFAULTS),
        }
    }
}

impl Keymap {
    /// The defaults, overlaid with `config_dir/keymap.toml` when it exists.
    pub fn load(config_dir: Option<&Path>) -> (Keymap, Vec<Diagnostic>) {
        let mut keymap = Keymap::default();
        let mut diagnostics = Vec::new();
        if let Some(path) = config_dir.map(|d| d.join("keymap.toml"))
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            keymap.overlay(&path.display().to_string(), &text, &mut diagnostics);
        }
        (keymap, diagnostics)
    }

    /// Applies user entries from a `[keys]` table of `"key" = "action"`.
    pub fn overlay(&mut self, path: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) {
        let table: toml::Table = match toml::from_str(text) {
            Ok(t) => t,
            Err(e) => {
                let lines = crate::corpus::document::line_starts(text);
                let position = e
                    .span()
                    .map_or((1, 1), |s| crate::corpus::document::line_col(&lines, s.start));
                diagnostics.push(Diagnostic::warning(
                    path,
                    position,
                    format!("keymap not loaded: {}", e.message()),
                ));
                return;
            }
        };
        let line_of = |key: &str| {
            let quoted = format!("\"{key}\"");
            text.lines()
                .position(|l| {
                    let l = l.trim_start();
                    l.starts_with(&quoted) || l.starts_with(&format!("'{key}'")) || l.starts_with(&format!("{key} "))
                })
                .map_or((1, 1), |i| (i + 1, 1))
        };
        if table.get("keys").is_none() && table.get("visual").is_none() {
            diagnostics.push(Diagnostic::warning(
                path,
                (1, 1),
                "keymap has no [keys] or [visual] table of \"key\" = \"action\"",
            ));
            return;
        }
        for (section, actions) in [("keys", ACTIONS), ("visual", VISUAL_ACTIONS)] {
            let Some(keys) = table.get(section).and_then(toml::Value::as_table) else {
                continue;
            };
            for (spec, value) in keys {
                let Some(key) = Key::parse(spec) else {
                    diagnostics.push(Diagnostic::warning(
                        path,
                        line_of(spec),
                        format!("`{spec}` is not a key (examples: j, G, ctrl-d, alt-left, pagedown, space)"),
                    ));
                    continue;
                };
                let map = if section == "keys" {
                    &mut self.bindings
                } else {
                    &mut self.visual
                };
                let name = value.as_str().unwrap_or("");
                if name == "none" {
                    map.remove(&key);
                    continue;
                }
                match actions.iter().find(|(n, ..)| *n == name) {
                    Some((_, action, _)) => {
                        map.insert(key, *action);
                    }
                    None => diagnostics.push(Diagnostic::warning(
                        path,
                        line_of(spec),
                        format!("unknown action `{name}` for key `{spec}` in [{section}]"),
                    )),
                }
            }
        }
    }

    pub fn action(&self, event: KeyEvent) -> Option<Action> {
        self.bindings.get(&Key::from_event(event)?).copied()
    }

    /// The action of a key in selection mode.
    pub fn visual_action(&self, event: KeyEvent) -> Option<Action> {
        self.visual.get(&Key::from_event(event)?).copied()
    }

    /// The keys bound to `action`, as labels.
    pub fn keys_for(&self, action: Action) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|(_, a)| **a == action)
            .map(|(k, _)| k.label())
            .collect()
    }

    /// Help lines: (keys, description) for every action, in the order of [`ACTIONS`].
    pub fn help(&self) -> Vec<(String, &'static str)> {
        ACTIONS
            .iter()
            .map(|(_, action, description)| {
                let keys = self.keys_for(*action);
                (
                    if keys.is_empty() {
                        "(unbound)".to_owned()
                    } else {
                        keys.join(" ")
                    },
                    *description,
                )
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn defaults_cover_the_documented_keys() {
        let map = Keymap::default();
        assert_eq!(
            map.action(key(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            map.action(key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            map.action(key(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            map.action(key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusPrev)
        );
        assert_eq!(
            map.action(key(KeyCode::Char('o'), KeyModifiers::CONTROL)),
            Some(Action::Back)
        );
        assert_eq!(map.action(key(KeyCode::Char('z'), KeyModifiers::NONE)), None);
    }

    #[test]
    fn user_entries_override_and_unknown_actions_name_their_line() {
        let mut map = Keymap::default();
        let mut diagnostics = Vec::new();
        map.overlay(
            "keymap.toml",
            "[keys]\n\"x\" = \"quit\"\n\"q\" = \"none\"\n\"z\" = \"fly\"\n\"ctrl-\" = \"up\"\n",
            &mut diagnostics,
        );
        assert_eq!(
            map.action(key(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::Quit)
        );
        assert_eq!(map.action(key(KeyCode::Char('q'), KeyModifiers::NONE)), None);
        let shown: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "keymap.toml:5:1: warning: `ctrl-` is not a key (examples: j, G, ctrl-d, alt-left, pagedown, space)",
                "keymap.toml:4:1: warning: unknown action `fly` for key `z` in [keys]",
            ]
        );
        let help = map.help();
        assert_eq!(help[0], ("Ctrl-c x".to_owned(), "quit dossier"));
    }
}
