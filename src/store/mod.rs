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
    /// A bookmark of `range` in `brief`.
    pub fn new(brief: &Brief, range: Range<usize>, note: &str) -> Bookmark {
        let text = &brief.doc.text;
        let exact = text.get(range.clone()).unwrap_or("").to_owned();
        let block = brief.doc.block_at(range.start).unwrap_or(0);
        Bookmark {
            id: new_id(),
            brief: brief.id.clone(),
            created: now_iso(),
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
            Err(e) if e.kind() == std::io::ErrorKind::NotFound || e.raw_os_error() == Some(libc::ENOTDIR) => {
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
                let _lock = Lock::acquire(&self.lock).ok();
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
        if let Some(reason) = &self.blocked {
            return Err(reason.clone());
        }
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {}", dir.display(), file::reason(&e)))?;
        }
        let _lock = Lock::acquire(&self.lock)
            .map_err(|e| format!("cannot lock {}: {}", self.lock.display(), file::reason(&e)))?;
        let mut bookmarks = match self.read() {
            Ok(b) => b,
            Err(ReadError::Newer(s)) => {
                return Err(format!(
                    "{} was written by a newer dossier (schema {s})",
                    self.path.display()
                ));
            }
            Err(ReadError::Io(r) | ReadError::Broken(r)) => {
                return Err(format!(
                    "{} changed and cannot be read ({r}); not writing over it",
                    self.path.display()
                ));
            }
        };
        apply_all(&mut bookmarks, changes);
        file::remove_stale_temporaries(&self.path);
        let text = toml::to_string(&BookmarkFile {
            schema: SCHEMA,
            bookmarks: bookmarks.clone(),
        })
        .map_err(|e| e.to_string())?;
        let header =
            "# dossier bookmarks: edit with care; a file dossier cannot read is moved aside, never overwritten.\n";
        file::write_atomic(&self.path, format!("{header}{text}").as_bytes())
            .map_err(|e| format!("cannot write {}: {}", self.path.display(), file::reason(&e)))?;
        Ok(bookmarks)
    }
}

use file::Lock;

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

/// A fresh bookmark id: time, process and a counter, so two dossiers never collide.
fn new_id() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    format!(
        "{:x}-{:x}-{:x}",
        nanos,
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian.
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn now_parts() -> (i64, u32, u32, u64, u64, u64) {
    let secs = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (y, m, d) = civil(i64::try_from(secs / 86_400).unwrap_or(0));
    let rest = secs % 86_400;
    (y, m, d, rest / 3600, rest / 60 % 60, rest % 60)
}

/// Now as ISO 8601 UTC, e.g. `2026-11-21T14:03:00Z`.
pub fn now_iso() -> String {
    let (y, m, d, hh, mm, ss) = now_parts();
    format!("{y:04}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}Z")
}

/// Now for file names, e.g. `20261121T140300Z`.
pub fn now_compact() -> String {
    let (y, m, d, hh, mm, ss) = now_parts();
    format!("{y:04}{m:02}{d:02}T{hh:02}{mm:02}{ss:02}Z")
}

#[cfg(test)]
mod tests;
