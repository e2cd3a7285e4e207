//! Keys to actions, one table per mode. Defaults are built in; `keymap.toml` in the config folder
//! overrides them (`[reader]` `"x" = "bookmark"`, `"q" = "none"` to unbind). Help, and every key
//! hint shown anywhere, read the live map, so a rebound key is shown as rebound.

mod actions;
mod defaults;
mod key;

use std::path::Path;

use crossterm::event::KeyEvent;

pub use actions::{ACTIONS, Action, Mode, describe, offered};
pub use defaults::defaults;
pub use key::Key;

use crate::corpus::{Category, Diagnostic};

/// A mode's bindings in order of preference: the user's first, then the defaults as listed.
/// Hints show the first key bound to an action.
#[derive(Debug, Clone, Default)]
struct Table(Vec<(Key, Action)>);

impl Table {
    fn get(&self, key: &Key) -> Option<Action> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, a)| *a)
    }

    fn contains_key(&self, key: &Key) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }

    fn remove(&mut self, key: &Key) {
        self.0.retain(|(k, _)| k != key);
    }

    /// Binds `key`, ahead of the keys already bound.
    fn bind_first(&mut self, key: Key, action: Action) {
        self.remove(&key);
        self.0.insert(0, (key, action));
    }

    fn keys(&self, action: Action) -> impl Iterator<Item = &Key> {
        self.0.iter().filter(move |(_, a)| *a == action).map(|(k, _)| k)
    }
}

#[derive(Debug, Clone)]
pub struct Keymap {
    /// One table per mode, indexed by `Mode::index`.
    tables: Vec<Table>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        let tables = Mode::ALL
            .iter()
            .map(|mode| {
                let mut table = Table::default();
                for (spec, action) in defaults(*mode) {
                    if let Some(key) = Key::parse(spec)
                        && !table.contains_key(&key)
                    {
                        table.0.push((key, action));
                    }
                }
                table
            })
            .collect();
        Keymap { tables }
    }
}

/// What a help screen shows for one mode: its title and (keys, description) rows.
pub type HelpSection = (&'static str, Vec<(String, String)>);

impl Keymap {
    /// The defaults, overlaid with `config_dir/keymap.toml` when it exists.
    pub fn load(config_dir: Option<&Path>) -> (Keymap, Vec<Diagnostic>) {
        let mut keymap = Keymap::default();
        let mut diagnostics = Vec::new();
        if let Some(path) = config_dir.map(|d| d.join("keymap.toml"))
            && let Some(text) = crate::settings::read_text(&path, Category::Keymap, &mut diagnostics)
        {
            keymap.overlay(&path.display().to_string(), &text, &mut diagnostics);
        }
        (keymap, diagnostics)
    }

    /// Applies user entries: tables named after modes (`[normal]`, `[reader]`, `[visual]`...) of
    /// `"key" = "action"`. `[keys]` is read as `[normal]`, as earlier versions wrote it.
    pub fn overlay(&mut self, path: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) {
        let Some(table) = crate::settings::parse_table(Path::new(path), text, Category::Keymap, diagnostics) else {
            return;
        };
        let mut problems: Vec<(usize, String)> = Vec::new();
        let mut report = |line: usize, message: String| problems.push((line, message));
        let modes: Vec<&str> = Mode::ALL.iter().map(|m| m.name()).collect();
        for (section, value) in &table {
            let line = crate::settings::key_line(text, None, section);
            let mode = match section.as_str() {
                "keys" => Some(Mode::Normal),
                name => Mode::ALL.into_iter().find(|m| m.name() == name),
            };
            let Some(mode) = mode else {
                report(
                    line,
                    format!("unknown table `[{section}]` (expected one of: {})", modes.join(", ")),
                );
                continue;
            };
            let Some(keys) = value.as_table() else {
                report(
                    line,
                    format!(
                        "`{section}` must be a table of \"key\" = \"action\" (e.g. [{section}] then \"x\" = \"quit\"), not {}",
                        value.type_str()
                    ),
                );
                continue;
            };
            for (spec, value) in keys {
                let line = crate::settings::key_line(text, Some(section), spec);
                if let Err(message) = self.bind(mode, spec, value) {
                    report(line, format!("[{section}] {message}"));
                }
            }
        }
        for (line, message) in problems {
            diagnostics.push(Diagnostic::warning(path, (line, 1), message).about(Category::Keymap));
        }
        self.keep_a_way_to_quit(path, diagnostics);
    }

    /// Binds one `"key" = "action"` entry of `mode`'s table.
    fn bind(&mut self, mode: Mode, spec: &str, value: &toml::Value) -> Result<(), String> {
        let Some(key) = Key::parse(spec) else {
            return Err(format!(
                "`{spec}` is not a key (examples: j, G, ctrl-d, alt-left, pagedown, space)"
            ));
        };
        let Some(name) = value.as_str() else {
            return Err(format!(
                "the action for `{spec}` must be a name in quotes, such as \"down\" or \"none\", not {}",
                value.type_str()
            ));
        };
        let table = self
            .tables
            .get_mut(mode.index())
            .ok_or_else(|| "no such mode".to_owned())?;
        if name == "none" {
            table.remove(&key);
            return Ok(());
        }
        let Some(action) = offered(mode).map(|(a, _)| a).find(|a| describe(*a).0 == name) else {
            let known: Vec<&str> = offered(mode).map(|(a, _)| describe(a).0).collect();
            return Err(format!(
                "unknown action `{name}` for key `{spec}` (in this table: {}, none)",
                known.join(", ")
            ));
        };
        table.bind_first(key, action);
        Ok(())
    }

    /// A keymap that leaves no key to quit the main view keeps Ctrl-c, and says so.
    fn keep_a_way_to_quit(&mut self, path: &str, diagnostics: &mut Vec<Diagnostic>) {
        if !self.keys_for(Mode::Normal, Action::Quit).is_empty() {
            return;
        }
        if let (Some(key), Some(table)) = (Key::parse("ctrl-c"), self.tables.get_mut(Mode::Normal.index())) {
            table.bind_first(key, Action::Quit);
        }
        diagnostics.push(
            Diagnostic::warning(
                path,
                (1, 1),
                "the keymap leaves no key to quit: Ctrl-c is kept for `quit`",
            )
            .about(Category::Keymap),
        );
    }

    /// The action of `event` in `mode` (a pane falls back to `[normal]`).
    pub fn action(&self, mode: Mode, event: KeyEvent) -> Option<Action> {
        let key = Key::from_event(event)?;
        let own = self.tables.get(mode.index()).and_then(|t| t.get(&key));
        own.or_else(|| {
            mode.fallback()
                .and_then(|f| self.tables.get(f.index()))
                .and_then(|t| t.get(&key))
        })
    }

    /// The keys bound to `action` in `mode` itself, as labels.
    pub fn keys_for(&self, mode: Mode, action: Action) -> Vec<String> {
        self.tables
            .get(mode.index())
            .map(|t| t.keys(action).map(Key::label).collect())
            .unwrap_or_default()
    }

    /// The keys that reach `action` from `mode`, its own table first, then the fallback's.
    fn reaching(&self, mode: Mode, action: Action) -> Vec<Key> {
        let own = self.tables.get(mode.index());
        let mut keys: Vec<Key> = own.map(|t| t.keys(action).copied().collect()).unwrap_or_default();
        if let Some(fallback) = mode.fallback().and_then(|f| self.tables.get(f.index())) {
            for k in fallback.keys(action) {
                if own.is_none_or(|t| !t.contains_key(k)) {
                    keys.push(*k);
                }
            }
        }
        keys
    }

    /// The key to show in a hint for `action` in `mode`: the first that reaches it, preferring one
    /// that works in every terminal. `None` when unbound.
    pub fn key(&self, mode: Mode, action: Action) -> Option<String> {
        let keys = self.reaching(mode, action);
        keys.iter()
            .find(|k| !k.needs_enhanced_keyboard())
            .or(keys.first())
            .map(Key::label)
    }

    /// "Esc" for a hint such as "Esc closes", or "(unbound)".
    pub fn hint(&self, mode: Mode, action: Action) -> String {
        self.key(mode, action).unwrap_or_else(|| "(unbound)".to_owned())
    }

    /// Help: the keys of `current` first, then every other mode.
    pub fn help(&self, current: Mode) -> Vec<HelpSection> {
        let mut order = vec![current];
        if let Some(fallback) = current.fallback() {
            order.push(fallback);
        }
        let rest: Vec<Mode> = Mode::ALL.into_iter().filter(|m| !order.contains(m)).collect();
        order.extend(rest);
        order
            .into_iter()
            .map(|mode| {
                let rows = offered(mode)
                    .map(|(action, description)| {
                        let keys = self.keys_for(mode, action);
                        let enhanced = self
                            .reaching(mode, action)
                            .iter()
                            .any(|k| k.needs_enhanced_keyboard());
                        let description = if enhanced {
                            format!("{description} (Ctrl-i and Ctrl-m only where the terminal has the kitty keyboard protocol)")
                        } else {
                            description.to_owned()
                        };
                        let keys = if keys.is_empty() {
                            "(unbound)".to_owned()
                        } else {
                            keys.join(" ")
                        };
                        (keys, description)
                    })
                    .collect();
                (mode.title(), rows)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn panes_fall_back_to_normal_and_overlays_have_their_own_keys() {
        let map = Keymap::default();
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(map.action(Mode::Reader, j), Some(Action::Down));
        assert_eq!(map.action(Mode::List, j), Some(Action::Down));
        assert_eq!(map.action(Mode::Help, j), Some(Action::Down));
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(map.action(Mode::Reader, q), Some(Action::Quit));
        assert_eq!(map.action(Mode::Help, q), Some(Action::Close), "q closes an overlay");
        assert_eq!(map.action(Mode::Search, q), None, "q is typed into the query");
        assert_eq!(
            map.action(Mode::Reader, key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusPrev)
        );
        assert_eq!(
            map.action(Mode::Help, key(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            map.action(Mode::Reader, key(KeyCode::Char('Z'), KeyModifiers::SHIFT)),
            None
        );
    }

    #[test]
    fn every_default_is_an_action_its_mode_offers() {
        for mode in Mode::ALL {
            for (spec, action) in defaults(mode) {
                assert!(Key::parse(spec).is_some(), "{spec}");
                assert!(
                    offered(mode).any(|(a, _)| a == action),
                    "{spec} in {} binds {action:?}, which the mode does not offer",
                    mode.name()
                );
            }
        }
        for (name, ..) in ACTIONS {
            assert!(ACTIONS.iter().filter(|(n, ..)| n == name).count() == 1, "{name} twice");
        }
        for mode in Mode::ALL {
            for (action, description) in offered(mode) {
                assert_ne!(describe(action).0, "?", "{action:?} has no name in keymap.toml");
                assert_ne!(description, "?", "{action:?} has no description");
            }
        }
    }

    #[test]
    fn user_entries_override_and_every_problem_names_its_line() {
        let mut map = Keymap::default();
        let mut diagnostics = Vec::new();
        map.overlay(
            "keymap.toml",
            "keys = 5\n[reader]\n\"x\" = \"bookmark\"\n\"b\" = \"none\"\n\"z\" = \"fly\"\n\"ctrl-\" = \"up\"\n\"j\" = 5\n[nosuch]\n",
            &mut diagnostics,
        );
        assert_eq!(
            map.action(Mode::Reader, key(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::Bookmark)
        );
        assert_eq!(
            map.action(Mode::Reader, key(KeyCode::Char('b'), KeyModifiers::NONE)),
            None
        );
        let shown: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "keymap.toml:1:1: warning: `keys` must be a table of \"key\" = \"action\" (e.g. [keys] then \"x\" = \"quit\"), not integer",
                "keymap.toml:8:1: warning: unknown table `[nosuch]` (expected one of: normal, list, reader, panel, visual, prompt, search, analysis, help, outline, problems, about, links)",
                "keymap.toml:6:1: warning: [reader] `ctrl-` is not a key (examples: j, G, ctrl-d, alt-left, pagedown, space)",
                "keymap.toml:7:1: warning: [reader] the action for `j` must be a name in quotes, such as \"down\" or \"none\", not integer",
                "keymap.toml:5:1: warning: [reader] unknown action `fly` for key `z` (in this table: search, next_match, prev_match, bookmark, select, follow_link, copy, reattach, none)",
            ]
        );
        assert!(diagnostics.iter().all(|d| d.category == Category::Keymap));
    }

    #[test]
    fn hints_follow_rebinding_and_no_quit_keeps_ctrl_c() {
        let mut map = Keymap::default();
        assert_eq!(map.hint(Mode::Reader, Action::Search), "/");
        assert_eq!(
            map.hint(Mode::Normal, Action::Forward),
            "Alt-→",
            "a key every terminal sends"
        );
        let mut diagnostics = Vec::new();
        map.overlay(
            "keymap.toml",
            "[reader]\n\"s\" = \"search\"\n\"/\" = \"none\"\n[normal]\n\"q\" = \"none\"\n\"ctrl-c\" = \"none\"\n",
            &mut diagnostics,
        );
        assert_eq!(map.hint(Mode::Reader, Action::Search), "s");
        assert_eq!(map.hint(Mode::Reader, Action::Quit), "Ctrl-c");
        assert!(diagnostics[0].message.contains("no key to quit"), "{diagnostics:?}");
    }

    #[test]
    fn help_lists_the_current_mode_first_then_every_mode() {
        let map = Keymap::default();
        let help = map.help(Mode::Visual);
        assert_eq!(help[0].0, Mode::Visual.title());
        assert_eq!(help.len(), Mode::ALL.len());
        let forward = help
            .iter()
            .flat_map(|(_, rows)| rows)
            .find(|(_, d)| d.starts_with("jump forward"))
            .unwrap();
        assert_eq!(forward.0, "Ctrl-i Alt-→");
        assert!(forward.1.contains("kitty keyboard protocol"));
    }
}
