//! `bookmarks.toml`: reading it one bookmark at a time (a bad entry never costs the good ones),
//! keeping what a newer dossier wrote that this one does not know, and writing it back atomically
//! under a lock after re-reading it, so two dossiers never lose each other's bookmarks.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Serialize;

use super::file::{self, Lock};
use super::{Bookmark, Change, SCHEMA, apply_all, describe_toml_error};

/// The largest bookmarks file read: 64 MiB (about 100,000 bookmarks with notes).
pub const BOOKMARKS_LIMIT: u64 = 64 << 20;

/// An entry that could not be read as a bookmark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadEntry {
    /// 1-based line of its `[[bookmarks]]` header.
    pub line: usize,
    pub reason: String,
}

/// What was in the file.
#[derive(Debug, Clone, Default)]
struct Contents {
    bookmarks: Vec<Bookmark>,
    bad: Vec<BadEntry>,
    /// Top-level keys this dossier does not know (a newer one wrote them): kept on rewrite.
    extra: toml::Table,
}

/// What happened when the bookmarks file was read at start-up.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Read (or absent: a fresh start). Entries that could not be read are listed; the file as
    /// it was is copied to `copy` so their text is kept.
    Ok {
        bookmarks: Vec<Bookmark>,
        bad: Vec<BadEntry>,
        copy: Option<PathBuf>,
    },
    /// Unreadable as a whole; moved aside to this path (or left alone if even that failed).
    MovedAside { reason: String, to: Option<PathBuf> },
    /// Written by a newer dossier: left alone; this session keeps bookmarks in memory only.
    Newer { schema: i64 },
}

/// Why bookmarks were not saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SaveError {
    /// Another dossier holds the lock; nothing was written. Try again later.
    #[error("another dossier is saving bookmarks; waiting for it")]
    Busy,
    #[error("{0}")]
    Other(String),
}

enum ReadError {
    Io(String),
    Broken(String),
    Newer(i64),
}

/// The bookmarks file in a data folder.
#[derive(Debug, Clone)]
pub struct BookmarkStore {
    pub path: PathBuf,
    lock: PathBuf,
    /// Why the file must not be written this session (unreadable where it is, or newer).
    pub blocked: Option<String>,
}

#[derive(Serialize)]
struct FileOut<'a> {
    schema: i64,
    #[serde(flatten)]
    extra: &'a toml::Table,
    bookmarks: &'a [Bookmark],
}

impl BookmarkStore {
    pub fn new(data_dir: &Path) -> BookmarkStore {
        BookmarkStore {
            path: data_dir.join("bookmarks.toml"),
            lock: data_dir.join("bookmarks.lock"),
            blocked: None,
        }
    }

    /// Reads the file as it is now. Never writes it.
    fn read(&self) -> Result<Contents, ReadError> {
        let bytes = match crate::read::regular_file(&self.path, BOOKMARKS_LIMIT) {
            Ok(Some(bytes)) => bytes,
            // No file: nothing to read (saving says why, if it then fails).
            Ok(None) => return Ok(Contents::default()),
            Err(crate::read::Refused::Io(e)) if e.kind() == std::io::ErrorKind::NotADirectory => {
                return Ok(Contents::default());
            }
            // A FIFO or a folder is left where it is (and not written over) rather than moved.
            Err(refused @ (crate::read::Refused::Io(_) | crate::read::Refused::NotAFile(_))) => {
                return Err(ReadError::Io(refused.to_string()));
            }
            Err(refused) => return Err(ReadError::Broken(refused.to_string())),
        };
        let text = String::from_utf8(bytes).map_err(|_| ReadError::Broken("it is not UTF-8 text".into()))?;
        let mut table: toml::Table =
            toml::from_str(&text).map_err(|e| ReadError::Broken(describe_toml_error(&text, &e)))?;
        let schema = table.get("schema").and_then(toml::Value::as_integer).unwrap_or(0);
        if schema > SCHEMA {
            return Err(ReadError::Newer(schema));
        }
        if schema < 1 {
            return Err(ReadError::Broken("it has no schema version".into()));
        }
        table.remove("schema");
        let entries = match table.remove("bookmarks") {
            None => Vec::new(),
            Some(toml::Value::Array(items)) => items,
            Some(other) => {
                return Err(ReadError::Broken(format!(
                    "`bookmarks` must be a list of [[bookmarks]] tables, not {}",
                    other.type_str()
                )));
            }
        };
        let headers: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim() == "[[bookmarks]]")
            .map(|(i, _)| i + 1)
            .collect();
        let mut contents = Contents {
            extra: table,
            ..Contents::default()
        };
        for (n, entry) in entries.into_iter().enumerate() {
            match entry.try_into::<Bookmark>() {
                Ok(bookmark) => contents.bookmarks.push(bookmark),
                Err(e) => contents.bad.push(BadEntry {
                    line: headers.get(n).copied().unwrap_or(1),
                    reason: crate::sanitize::sanitize_line(
                        &e.message().split_whitespace().collect::<Vec<_>>().join(" "),
                    ),
                }),
            }
        }
        Ok(contents)
    }

    /// Every bookmark in the file, without changing anything (for `dossier export` and `search`).
    /// Entries that cannot be read are left out.
    pub fn peek(&self) -> Result<Vec<Bookmark>, String> {
        match self.read() {
            Ok(contents) => Ok(contents.bookmarks),
            Err(ReadError::Io(r) | ReadError::Broken(r)) => Err(format!("{} cannot be read: {r}", self.path.display())),
            Err(ReadError::Newer(s)) => Err(format!("{} is from a newer dossier (schema {s})", self.path.display())),
        }
    }

    /// Loads at start-up. Bad entries are reported and the file is copied aside with them (the
    /// good ones load); a file that cannot be read at all is moved aside; a newer one is left
    /// alone and not written this session.
    pub fn load(&mut self) -> Loaded {
        match self.read() {
            Ok(contents) => {
                let copy = if contents.bad.is_empty() {
                    None
                } else {
                    file::copy_aside(&self.path).ok()
                };
                Loaded::Ok {
                    bookmarks: contents.bookmarks,
                    bad: contents.bad,
                    copy,
                }
            }
            Err(ReadError::Newer(schema)) => {
                self.blocked = Some(format!("bookmarks.toml is from a newer dossier (schema {schema})"));
                Loaded::Newer { schema }
            }
            Err(ReadError::Io(reason)) => {
                // Could not even read it: leave it exactly where it is, and do not write over it.
                self.blocked = Some(format!("bookmarks.toml could not be read: {reason}"));
                Loaded::MovedAside { reason, to: None }
            }
            Err(ReadError::Broken(reason)) => {
                let _lock = Lock::acquire(&self.lock, file::LOCK_TIMEOUT).ok();
                let to = file::move_aside(&self.path).ok();
                if to.is_none() {
                    self.blocked = Some(format!("bookmarks.toml could not be read ({reason}) nor moved aside"));
                }
                Loaded::MovedAside { reason, to }
            }
        }
    }

    /// Under the lock: re-reads the file, applies `changes`, writes it back atomically. Returns the
    /// merged list. On error nothing on disk changed, and the caller keeps the changes to retry.
    pub fn save(&self, changes: &[Change]) -> Result<Vec<Bookmark>, String> {
        self.save_within(changes, file::LOCK_TIMEOUT).map_err(|e| e.to_string())
    }

    /// [`BookmarkStore::save`], waiting at most `timeout` for another dossier's lock.
    pub fn save_within(&self, changes: &[Change], timeout: Duration) -> Result<Vec<Bookmark>, SaveError> {
        let other = |message: String| SaveError::Other(message);
        if let Some(reason) = &self.blocked {
            return Err(other(reason.clone()));
        }
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| other(format!("cannot create {}: {}", dir.display(), file::reason(&e))))?;
        }
        let _lock = match Lock::acquire(&self.lock, timeout) {
            Ok(lock) => lock,
            Err(file::LockError::Busy(..)) => return Err(SaveError::Busy),
            Err(file::LockError::Io(e)) => {
                return Err(other(format!(
                    "cannot lock {}: {}",
                    self.lock.display(),
                    file::reason(&e)
                )));
            }
        };
        let mut contents = match self.read() {
            Ok(contents) => contents,
            Err(ReadError::Newer(s)) => {
                return Err(other(format!(
                    "{} was written by a newer dossier (schema {s})",
                    self.path.display()
                )));
            }
            Err(ReadError::Io(r) | ReadError::Broken(r)) => {
                return Err(other(format!(
                    "{} changed and cannot be read ({r}); not writing over it",
                    self.path.display()
                )));
            }
        };
        // Entries this dossier cannot read are not written back: keep a copy of them first.
        if !contents.bad.is_empty() {
            file::copy_aside(&self.path).map_err(|e| {
                other(format!(
                    "cannot keep a copy of {}: {}",
                    self.path.display(),
                    file::reason(&e)
                ))
            })?;
        }
        apply_all(&mut contents.bookmarks, changes);
        file::remove_stale_temporaries(&self.path);
        let text = toml::to_string(&FileOut {
            schema: SCHEMA,
            extra: &contents.extra,
            bookmarks: &contents.bookmarks,
        })
        .map_err(|e| other(e.to_string()))?;
        let header =
            "# dossier bookmarks: edit with care; a file dossier cannot read is moved aside, never overwritten.\n";
        file::write_atomic(&self.path, format!("{header}{text}").as_bytes())
            .map_err(|e| other(format!("cannot write {}: {}", self.path.display(), file::reason(&e))))?;
        Ok(contents.bookmarks)
    }
}

/// Writes `bookmarks` (the session's whole list) to a rescue file beside `beside` (the bookmarks
/// file), or in the temporary folder when that cannot be written. Returns where it went.
pub fn write_rescue(beside: Option<&Path>, bookmarks: &[Bookmark], stamp: &str) -> std::io::Result<PathBuf> {
    let text = toml::to_string(&FileOut {
        schema: SCHEMA,
        extra: &toml::Table::new(),
        bookmarks,
    })
    .map_err(std::io::Error::other)?;
    let name = format!("bookmarks.rescued-{stamp}.toml");
    let header = "# dossier could not save these bookmarks to bookmarks.toml; this is the whole list it had.\n# To keep it, quit every dossier and rename this file to bookmarks.toml (or copy entries over).\n";
    let contents = format!("{header}{text}");
    let mut tried = Vec::new();
    if let Some(dir) = beside.and_then(Path::parent) {
        tried.push(dir.join(&name));
    }
    tried.push(std::env::temp_dir().join(&name));
    let mut last = std::io::Error::other("nowhere to write");
    for path in tried {
        match file::write_atomic(&path, contents.as_bytes()) {
            Ok(()) => return Ok(path),
            Err(e) => last = e,
        }
    }
    Err(last)
}
