//! Reading state in `state.toml`: for each corpus, the passage you were on in each brief, the
//! last brief and the focused pane; for every corpus alike, the theme chosen with `t`, pane sizes
//! and each prompt's history. Schema 1 (one corpus for all) is read and kept under `bundled`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::describe_toml_error;
use super::file::{self, Lock};

/// 2: positions are kept per corpus.
pub const STATE_SCHEMA: i64 = 2;
/// The largest state file read: 16 MiB.
pub const STATE_LIMIT: u64 = 16 << 20;

/// What the reader needs to start where it stopped, for one corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadingState {
    pub last_brief: Option<String>,
    /// "list", "reader" or "panel".
    pub focus: Option<String>,
    /// Brief id to the passage (block index) the cursor was on.
    pub positions: BTreeMap<String, usize>,
    /// The theme last chosen with `t`.
    pub theme: Option<String>,
    /// Earlier entries of each kind of prompt (filter, search, note, search_all), oldest first.
    pub history: BTreeMap<String, Vec<String>>,
    /// Pane widths chosen with the pane keys, and whether the reader is zoomed.
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

/// One corpus's part of the file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Place {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last_brief: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    focus: Option<String>,
    #[serde(default)]
    positions: BTreeMap<String, usize>,
}

/// The file as written. Schema 1 had one `Place` at the top level.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct StateFile {
    schema: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    theme: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    history: BTreeMap<String, Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    panes: Option<Panes>,
    /// Corpus identity (`bundled`, or a folder's path) to where the reader was in it.
    #[serde(default)]
    corpora: BTreeMap<String, Place>,
    // Schema 1's fields, read to migrate and never written again.
    #[serde(default, skip_serializing)]
    last_brief: Option<String>,
    #[serde(default, skip_serializing)]
    focus: Option<String>,
    #[serde(default, skip_serializing)]
    positions: BTreeMap<String, usize>,
}

impl StateFile {
    /// Schema 1's single place becomes the bundled corpus's (the only one readers had), unless
    /// that corpus already has one.
    fn migrate(mut self) -> StateFile {
        let legacy = Place {
            last_brief: self.last_brief.take(),
            focus: self.focus.take(),
            positions: std::mem::take(&mut self.positions),
        };
        if legacy != Place::default() {
            self.corpora.entry(crate::corpus::BUNDLED.to_owned()).or_insert(legacy);
        }
        self
    }
}

#[derive(Debug, Clone)]
pub struct StateStore {
    pub path: PathBuf,
    lock: PathBuf,
    pub writable: bool,
    /// The corpus this session reads and writes the place of.
    corpus: String,
}

impl StateStore {
    pub fn new(data_dir: &Path, corpus: &str) -> StateStore {
        StateStore {
            path: data_dir.join("state.toml"),
            lock: data_dir.join("state.lock"),
            writable: true,
            corpus: corpus.to_owned(),
        }
    }

    fn read(&self) -> Result<StateFile, (bool, String)> {
        let bytes = match crate::read::regular_file(&self.path, STATE_LIMIT) {
            Ok(Some(b)) => b,
            Ok(None) => return Ok(StateFile::default()),
            Err(crate::read::Refused::Io(e)) if e.kind() == std::io::ErrorKind::NotADirectory => {
                return Ok(StateFile::default());
            }
            // A FIFO or a folder is left where it is (and not written over) rather than moved.
            Err(refused @ (crate::read::Refused::Io(_) | crate::read::Refused::NotAFile(_))) => {
                return Err((false, refused.to_string()));
            }
            Err(refused) => return Err((true, refused.to_string())),
        };
        let text = String::from_utf8(bytes).map_err(|_| (true, "it is not UTF-8 text".to_owned()))?;
        let table: toml::Table = toml::from_str(&text).map_err(|e| (true, describe_toml_error(&text, &e)))?;
        let schema = table.get("schema").and_then(toml::Value::as_integer).unwrap_or(0);
        if schema > STATE_SCHEMA {
            return Err((false, format!("it is from a newer dossier (schema {schema})")));
        }
        let file: StateFile = toml::from_str(&text).map_err(|e| (true, describe_toml_error(&text, &e)))?;
        Ok(file.migrate())
    }

    /// Loads this corpus's place and the settings kept for all; an unreadable file is moved aside
    /// (the message says where), a newer one is left alone and not written this session.
    pub fn load(&mut self) -> (ReadingState, Option<String>) {
        match self.read() {
            Ok(file) => {
                let place = file.corpora.get(&self.corpus).cloned().unwrap_or_default();
                let state = ReadingState {
                    last_brief: place.last_brief,
                    focus: place.focus,
                    positions: place.positions,
                    theme: file.theme,
                    history: file.history,
                    panes: file.panes,
                };
                (state, None)
            }
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

    /// Saves under the lock, keeping what another dossier saved: other corpora's places, and
    /// positions in briefs this one did not open.
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
        merged.schema = STATE_SCHEMA;
        if mine.theme.is_some() {
            merged.theme.clone_from(&mine.theme);
        }
        if mine.panes.is_some() {
            merged.panes = mine.panes;
        }
        for (kind, entries) in &mine.history {
            merged.history.insert(kind.clone(), entries.clone());
        }
        let place = merged.corpora.entry(self.corpus.clone()).or_default();
        place.last_brief.clone_from(&mine.last_brief);
        place.focus.clone_from(&mine.focus);
        for (brief, block) in &mine.positions {
            place.positions.insert(brief.clone(), *block);
        }
        let text = toml::to_string(&merged).map_err(|e| e.to_string())?;
        file::write_atomic(&self.path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {}", self.path.display(), file::reason(&e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_corpus_keeps_its_own_place_and_schema_1_goes_to_bundled() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("state.toml"),
            "schema = 1\nlast_brief = \"old\"\nfocus = \"panel\"\n[positions]\nold = 7\n",
        )
        .unwrap();
        let (bundled, _) = StateStore::new(dir.path(), "bundled").load();
        assert_eq!(
            (bundled.last_brief.as_deref(), bundled.positions.get("old")),
            (Some("old"), Some(&7))
        );
        let mut folder = StateStore::new(dir.path(), "/home/a/notes");
        let (fresh, _) = folder.load();
        assert_eq!(fresh, ReadingState::default(), "another corpus starts fresh");
        let mut mine = ReadingState {
            last_brief: Some("readme".into()),
            theme: Some("light".into()),
            ..ReadingState::default()
        };
        mine.positions.insert("readme".into(), 3);
        folder.save(&mine).unwrap();
        let text = std::fs::read_to_string(dir.path().join("state.toml")).unwrap();
        assert!(text.contains("schema = 2"), "{text}");
        let (again, _) = StateStore::new(dir.path(), "/home/a/notes").load();
        assert_eq!(again.positions.get("readme"), Some(&3));
        let (bundled, _) = StateStore::new(dir.path(), "bundled").load();
        assert_eq!(bundled.positions.get("old"), Some(&7), "the migrated place was kept");
        assert_eq!(bundled.theme.as_deref(), Some("light"), "the theme is kept for all");
    }
}
