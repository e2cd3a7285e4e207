//! What the user saves: bookmarks (with notes) and reading state, in the data folder.
//!
//! `bookmarks.toml` and `state.toml` are plain TOML with a schema version. Every write is atomic
//! and happens under a lock after re-reading the file, applying only this session's changes, so
//! two dossiers at once never lose each other's bookmarks. A file that cannot be read is moved
//! aside (never overwritten), one from a newer dossier is left alone, and in both cases the session
//! goes on with bookmarks kept in memory.

pub mod file;
pub mod state;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::corpus::{Anchoring, Brief, Corpus, Selector};

pub const SCHEMA: i64 = 1;
/// Characters of context kept on each side of a bookmarked passage.
pub const CONTEXT: usize = 32;

/// A bookmarked passage: a quote selector plus what the user wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bookmark {
    pub id: String,
    /// The brief's id.
    pub brief: String,
    /// When it was made, ISO 8601 UTC.
    pub created: String,
    #[serde(default)]
    pub note: String,
    /// The heading above the passage when it was made (shown for orphans too).
    #[serde(default)]
    pub section: String,
    /// The passage's text, and about 32 characters before and after it.
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    /// Byte offset in the brief's text when it was made: a hint.
    pub position: usize,
    /// The brief's content hash when it was made (hex).
    pub content_hash: String,
}

impl Bookmark {
    /// A bookmark of `range` in `brief`, named `id`, made at `created` (ISO 8601 UTC).
    pub fn new(brief: &Brief, range: Range<usize>, note: &str, id: String, created: String) -> Bookmark {
        let text = &brief.doc.text;
        let exact = text.get(range.clone()).unwrap_or("").to_owned();
        let block = brief.doc.block_at(range.start).unwrap_or(0);
        Bookmark {
            id,
            brief: brief.id.clone(),
            created,
            note: note.trim().to_owned(),
            section: brief.doc.section_of(block).unwrap_or("").to_owned(),
            exact,
            prefix: context_before(text, range.start),
            suffix: context_after(text, range.end),
            position: range.start,
            content_hash: format!("{:016x}", brief.content_hash),
        }
    }
}

fn context_before(text: &str, at: usize) -> String {
    let before = text.get(..at).unwrap_or("");
    let start = before.char_indices().rev().nth(CONTEXT - 1).map_or(0, |(i, _)| i);
    before.get(start..).unwrap_or("").to_owned()
}

fn context_after(text: &str, at: usize) -> String {
    let after = text.get(at..).unwrap_or("");
    let end = after.char_indices().nth(CONTEXT).map_or(after.len(), |(i, _)| i);
    after.get(..end).unwrap_or("").to_owned()
}

/// Where a bookmark is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// In brief `brief` (index into the corpus) at `range`.
    Placed { brief: usize, range: Range<usize> },
    /// Not found: why, in a few words.
    Orphan(String),
}

/// Finds a bookmark's passage. An unchanged brief opens it directly; a changed one is searched
/// with the quote, its context and the old position (see `corpus::anchor` for the score floor and
/// the tie rule). Ties and misses make an orphan, never a guess.
pub fn place(corpus: &Corpus, bookmark: &Bookmark) -> Placement {
    let Some(index) = corpus.index_of(&bookmark.brief) else {
        return Placement::Orphan(format!("brief `{}` is gone", bookmark.brief));
    };
    let brief = &corpus.briefs[index];
    let end = bookmark.position + bookmark.exact.len();
    if format!("{:016x}", brief.content_hash) == bookmark.content_hash
        && brief.doc.text.get(bookmark.position..end) == Some(bookmark.exact.as_str())
    {
        return Placement::Placed {
            brief: index,
            range: bookmark.position..end,
        };
    }
    let selector = Selector {
        exact: &bookmark.exact,
        prefix: &bookmark.prefix,
        suffix: &bookmark.suffix,
        position: Some(bookmark.position),
    };
    match brief.folded().anchor(&brief.doc.text, &selector) {
        Anchoring::Exact(range) | Anchoring::CaseInsensitive(range) | Anchoring::Approximate { range, .. } => {
            Placement::Placed { brief: index, range }
        }
        Anchoring::Ambiguous(places) => Placement::Orphan(format!("the passage fits {} places equally", places.len())),
        Anchoring::NotFound { .. } => Placement::Orphan("the passage is no longer in the brief".to_owned()),
    }
}

/// One change this session made, replayed onto the file's current contents when saving.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Add(Bookmark),
    Note {
        id: String,
        note: String,
    },
    /// Moves a bookmark to a new passage (re-attaching an orphan).
    Reattach(Bookmark),
    Delete(String),
}

impl Change {
    /// One line for a person: what the change was.
    pub fn describe(&self) -> String {
        let excerpt = |b: &Bookmark| {
            let words: String = b.exact.chars().take(60).collect();
            let more = if b.exact.chars().count() > 60 { "…" } else { "" };
            format!("“{words}{more}” in {}", b.brief)
        };
        match self {
            Change::Add(b) if b.note.is_empty() => format!("new bookmark {}", excerpt(b)),
            Change::Add(b) => format!("new bookmark {} with the note “{}”", excerpt(b), b.note),
            Change::Note { id, note } => format!("note of bookmark {id} set to “{note}”"),
            Change::Reattach(b) => format!("bookmark {} re-attached to {}", b.id, excerpt(b)),
            Change::Delete(id) => format!("bookmark {id} deleted"),
        }
    }
}

/// Writes `bookmarks` (the session's whole list) to a rescue file beside `beside` (the bookmarks
/// file), or in the temporary folder when that cannot be written. Returns where it went.
pub fn write_rescue(beside: Option<&Path>, bookmarks: &[Bookmark], now: Now) -> std::io::Result<PathBuf> {
    let text = toml::to_string(&BookmarkFile {
        schema: SCHEMA,
        bookmarks: bookmarks.to_vec(),
    })
    .map_err(std::io::Error::other)?;
    let name = format!("bookmarks.rescued-{}.toml", now.compact());
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

fn apply(bookmarks: &mut Vec<Bookmark>, change: &Change) {
    match change {
        Change::Add(b) => {
            if !bookmarks.iter().any(|x| x.id == b.id) {
                bookmarks.push(b.clone());
            }
        }
        Change::Note { id, note } => {
            if let Some(b) = bookmarks.iter_mut().find(|b| &b.id == id) {
                b.note.clone_from(note);
            }
        }
        Change::Reattach(new) => {
            if let Some(b) = bookmarks.iter_mut().find(|b| b.id == new.id) {
                *b = new.clone();
            }
        }
        Change::Delete(id) => bookmarks.retain(|b| &b.id != id),
    }
}

/// Applies changes to an in-memory list (what the session shows before and after saving).
pub fn apply_all(bookmarks: &mut Vec<Bookmark>, changes: &[Change]) {
    for change in changes {
        apply(bookmarks, change);
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BookmarkFile {
    schema: i64,
    #[serde(default)]
    bookmarks: Vec<Bookmark>,
}

/// What happened when the bookmarks file was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    /// Read (or absent: a fresh start).
    Ok(Vec<Bookmark>),
    /// Unreadable; moved aside to this path (or left alone if even that failed). Starts empty.
    MovedAside { reason: String, to: Option<PathBuf> },
    /// Written by a newer dossier: left alone; this session keeps bookmarks in memory only.
    Newer { schema: i64 },
}

/// The bookmarks file in a data folder.
#[derive(Debug, Clone)]
pub struct BookmarkStore {
    pub path: PathBuf,
    lock: PathBuf,
    /// Why the file must not be written this session (unreadable where it is, or newer).
    pub blocked: Option<String>,
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
    fn read(&self) -> Result<Vec<Bookmark>, ReadError> {
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            // No file, or a folder that does not exist (yet): nothing to read. Saving says why it fails.
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                return Ok(Vec::new());
            }
            Err(e) => return Err(ReadError::Io(file::reason(&e))),
        };
        let text = String::from_utf8(bytes).map_err(|_| ReadError::Broken("it is not UTF-8 text".into()))?;
        let table: toml::Table =
            toml::from_str(&text).map_err(|e| ReadError::Broken(describe_toml_error(&text, &e)))?;
        let schema = table.get("schema").and_then(toml::Value::as_integer).unwrap_or(0);
        if schema > SCHEMA {
            return Err(ReadError::Newer(schema));
        }
        if schema < 1 {
            return Err(ReadError::Broken("it has no schema version".into()));
        }
        let parsed: BookmarkFile =
            toml::from_str(&text).map_err(|e| ReadError::Broken(describe_toml_error(&text, &e)))?;
        Ok(parsed.bookmarks)
    }

    /// Reads the file without changing anything (for `dossier export`).
    pub fn peek(&self) -> Result<Vec<Bookmark>, String> {
        self.read().map_err(|e| match e {
            ReadError::Io(r) | ReadError::Broken(r) => format!("{} cannot be read: {r}", self.path.display()),
            ReadError::Newer(s) => format!("{} is from a newer dossier (schema {s})", self.path.display()),
        })
    }

    /// Loads at start-up, moving an unreadable file aside and leaving a newer one alone.
    pub fn load(&mut self) -> Loaded {
        match self.read() {
            Ok(b) => Loaded::Ok(b),
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
    pub fn save_within(&self, changes: &[Change], timeout: std::time::Duration) -> Result<Vec<Bookmark>, SaveError> {
        if let Some(reason) = &self.blocked {
            return Err(SaveError::Other(reason.clone()));
        }
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| SaveError::Other(format!("cannot create {}: {}", dir.display(), file::reason(&e))))?;
        }
        let _lock = match Lock::acquire(&self.lock, timeout) {
            Ok(lock) => lock,
            Err(file::LockError::Busy(..)) => return Err(SaveError::Busy),
            Err(file::LockError::Io(e)) => {
                return Err(SaveError::Other(format!(
                    "cannot lock {}: {}",
                    self.lock.display(),
                    file::reason(&e)
                )));
            }
        };
        let mut bookmarks = match self.read() {
            Ok(b) => b,
            Err(ReadError::Newer(s)) => {
                return Err(SaveError::Other(format!(
                    "{} was written by a newer dossier (schema {s})",
                    self.path.display()
                )));
            }
            Err(ReadError::Io(r) | ReadError::Broken(r)) => {
                return Err(SaveError::Other(format!(
                    "{} changed and cannot be read ({r}); not writing over it",
                    self.path.display()
                )));
            }
        };
        apply_all(&mut bookmarks, changes);
        file::remove_stale_temporaries(&self.path);
        let text = toml::to_string(&BookmarkFile {
            schema: SCHEMA,
            bookmarks: bookmarks.clone(),
        })
        .map_err(|e| SaveError::Other(e.to_string()))?;
        let header =
            "# dossier bookmarks: edit with care; a file dossier cannot read is moved aside, never overwritten.\n";
        file::write_atomic(&self.path, format!("{header}{text}").as_bytes())
            .map_err(|e| SaveError::Other(format!("cannot write {}: {}", self.path.display(), file::reason(&e))))?;
        Ok(bookmarks)
    }
}

use file::Lock;

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

fn describe_toml_error(text: &str, error: &toml::de::Error) -> String {
    let line = error
        .span()
        .map(|s| text.get(..s.start).unwrap_or("").matches('\n').count() + 1);
    let message = crate::sanitize::sanitize_line(&error.message().split_whitespace().collect::<Vec<_>>().join(" "));
    match line {
        Some(line) => format!("line {line}: {message}"),
        None => message,
    }
}

/// A moment, as the runner reads it from the clock. The state never reads the clock itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now(pub SystemTime);

impl Now {
    pub fn read() -> Now {
        Now(SystemTime::now())
    }

    /// A fixed moment, for tests and benchmarks.
    pub fn fixed() -> Now {
        Now(UNIX_EPOCH + std::time::Duration::from_secs(1_767_323_045))
    }

    /// ISO 8601 UTC to the second, e.g. `2026-11-21T14:03:00Z`.
    pub fn iso(&self) -> String {
        humantime::format_rfc3339_seconds(self.0).to_string()
    }

    /// For file names, e.g. `20261121T140300Z`.
    pub fn compact(&self) -> String {
        self.iso().replace(['-', ':'], "")
    }

    pub fn nanos(&self) -> u128 {
        self.0.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
    }
}

/// Now as ISO 8601 UTC, e.g. `2026-11-21T14:03:00Z`.
pub fn now_iso() -> String {
    Now::read().iso()
}

/// Now for file names, e.g. `20261121T140300Z`.
pub fn now_compact() -> String {
    Now::read().compact()
}

#[cfg(test)]
mod tests;
