//! Reading state: the position in each brief, the last brief open and the focused pane.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::file::{self, Lock};
use super::{SCHEMA, describe_toml_error};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadingState {
    pub schema: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_brief: Option<String>,
    /// "list", "reader" or "panel".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    /// Brief id to the passage (block index) the cursor was on.
    #[serde(default)]
    pub positions: BTreeMap<String, usize>,
    /// The theme last chosen with `t`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theme: Option<String>,
    /// Earlier entries of each kind of prompt (filter, search, note, search_all), oldest first.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub history: BTreeMap<String, Vec<String>>,
    /// Pane widths chosen with the pane keys, and whether the reader is zoomed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub panes: Option<Panes>,
}

/// How wide the side panes are, as a share of the terminal in percent, and whether the reader is
/// shown alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Panes {
    pub list: u16,
    pub panel: u16,
    #[serde(default)]
    pub zoom: bool,
}

#[derive(Debug, Clone)]
pub struct StateStore {
    pub path: PathBuf,
    lock: PathBuf,
    pub writable: bool,
}

impl StateStore {
    pub fn new(data_dir: &Path) -> StateStore {
        StateStore {
            path: data_dir.join("state.toml"),
            lock: data_dir.join("state.lock"),
            writable: true,
        }
    }

    fn read(&self) -> Result<ReadingState, (bool, String)> {
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(ReadingState::default());
            }
            Err(e) => return Err((false, file::reason(&e))),
        };
        let text = String::from_utf8(bytes).map_err(|_| (true, "it is not UTF-8 text".to_owned()))?;
        let table: toml::Table = toml::from_str(&text).map_err(|e| (true, describe_toml_error(&text, &e)))?;
        let schema = table.get("schema").and_then(toml::Value::as_integer).unwrap_or(0);
        if schema > SCHEMA {
            return Err((false, format!("it is from a newer dossier (schema {schema})")));
        }
        toml::from_str(&text).map_err(|e| (true, describe_toml_error(&text, &e)))
    }

    /// Loads the state; an unreadable file is moved aside (the message says where), a newer one
    /// is left alone and not written this session.
    pub fn load(&mut self) -> (ReadingState, Option<String>) {
        match self.read() {
            Ok(state) => (state, None),
            Err((true, reason)) => {
                let moved = file::move_aside(&self.path);
                self.writable = moved.is_ok();
                let to = moved.map_or_else(
                    |_| "left where it is".to_owned(),
                    |p| format!("moved to {}", p.display()),
                );
                (
                    ReadingState::default(),
                    Some(format!("state.toml could not be read ({reason}); {to}")),
                )
            }
            Err((false, reason)) => {
                self.writable = false;
                (
                    ReadingState::default(),
                    Some(format!("state.toml not used ({reason}); positions kept in memory only")),
                )
            }
        }
    }

    /// Saves under the lock, keeping positions another dossier saved for briefs this one did not open.
    pub fn save(&self, mine: &ReadingState) -> Result<(), String> {
        if !self.writable {
            return Ok(());
        }
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {}", dir.display(), file::reason(&e)))?;
        }
        let _lock = Lock::acquire(&self.lock, file::LOCK_TIMEOUT).map_err(|e| e.to_string())?;
        let mut merged = self
            .read()
            .map_err(|(_, r)| format!("state.toml changed and cannot be read ({r})"))?;
        merged.schema = SCHEMA;
        merged.last_brief.clone_from(&mine.last_brief);
        merged.focus.clone_from(&mine.focus);
        if mine.theme.is_some() {
            merged.theme.clone_from(&mine.theme);
        }
        if mine.panes.is_some() {
            merged.panes = mine.panes;
        }
        for (kind, entries) in &mine.history {
            merged.history.insert(kind.clone(), entries.clone());
        }
        for (brief, block) in &mine.positions {
            merged.positions.insert(brief.clone(), *block);
        }
        let text = toml::to_string(&merged).map_err(|e| e.to_string())?;
        file::write_atomic(&self.path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {}", self.path.display(), file::reason(&e)))
    }
}
