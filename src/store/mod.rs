//! What the user saves: bookmarks (with notes) and reading state, in the data folder.
//!
//! `bookmarks.toml` and `state.toml` are plain TOML with a schema version. Every write is atomic
//! and happens under a lock after re-reading the file, applying only this session's changes, so
//! two dossiers at once never lose each other's bookmarks. A file that cannot be read is moved
//! aside (never overwritten), one from a newer dossier is left alone, and in both cases the session
//! goes on with bookmarks kept in memory.

mod bookmarks_file;
pub mod file;
pub mod state;

pub use bookmarks_file::{BOOKMARKS_LIMIT, BadEntry, BookmarkStore, Loaded, SaveError, write_rescue};

use std::ops::Range;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::corpus::{Anchoring, Brief, Corpus, Selector};

/// 2: each bookmark names its corpus. 1 (before) is read and migrated as bookmarks are found.
pub const SCHEMA: i64 = 2;
/// Characters of context kept on each side of a bookmarked passage.
pub const CONTEXT: usize = 32;

/// A bookmarked passage: a quote selector plus what the user wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    pub id: String,
    /// The corpus it belongs to (see `Origin::identity`): `bundled`, or a folder's canonical path.
    /// Absent in files from before corpora were told apart, until a corpus finds its brief.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corpus: Option<String>,
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
    /// Fields a newer dossier wrote that this one does not know: kept as they are.
    #[serde(flatten)]
    pub extra: toml::Table,
}

impl Bookmark {
    /// A bookmark of `range` in `brief`, named `id`, made at `created` (ISO 8601 UTC).
    pub fn new(brief: &Brief, range: Range<usize>, note: &str, id: String, created: String) -> Bookmark {
        let text = &brief.doc.text;
        let exact = text.get(range.clone()).unwrap_or("").to_owned();
        let block = brief.doc.block_at(range.start).unwrap_or(0);
        Bookmark {
            id,
            corpus: None,
            brief: brief.id.clone(),
            created,
            note: note.trim().to_owned(),
            section: brief.doc.section_of(block).unwrap_or("").to_owned(),
            exact,
            prefix: context_before(text, range.start),
            suffix: context_after(text, range.end),
            position: range.start,
            content_hash: format!("{:016x}", brief.content_hash()),
            extra: toml::Table::new(),
        }
    }

    /// The same bookmark, kept under `corpus`.
    pub fn in_corpus(mut self, corpus: &str) -> Bookmark {
        self.corpus = Some(corpus.to_owned());
        self
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
    /// It belongs to another corpus (named, or `None` when no corpus has found its brief yet).
    Elsewhere(Option<String>),
}

/// Where each bookmark is, seen from corpus `corpus` (named `id`): its own bookmarks are placed
/// (or orphans); other corpora's are elsewhere. Bookmarks from before corpora were told apart
/// belong to no corpus yet: the bundled corpus shows them (as orphans when not found there).
pub fn place_all(corpus: &Corpus, id: &str, bookmarks: &[Bookmark]) -> Vec<Placement> {
    bookmarks
        .iter()
        .map(|b| match b.corpus.as_deref() {
            Some(c) if c == id => place(corpus, b),
            None if id == crate::corpus::BUNDLED => place(corpus, b),
            other => Placement::Elsewhere(other.map(str::to_owned)),
        })
        .collect()
}

/// The bookmarks as this corpus sees them, with the old ones it finds claimed (in memory only:
/// for commands that read the file and never write it).
pub fn claimed(bookmarks: &[Bookmark], corpus: &Corpus, id: &str) -> Vec<Bookmark> {
    let mut list = bookmarks.to_vec();
    apply_all(&mut list, &migrate(bookmarks, corpus, id, None));
    list
}

/// Bookmarks from before corpora were told apart (schema 1) go to the corpus where their brief
/// is found: this one (`id`), else the bundled one. Where both have it, the one whose text is
/// unchanged since the bookmark was made wins, then this one. The rest wait for their corpus.
pub fn migrate(bookmarks: &[Bookmark], corpus: &Corpus, id: &str, bundled: Option<&Corpus>) -> Vec<Change> {
    let unchanged = |c: &Corpus, b: &Bookmark| {
        c.index_of(&b.brief)
            .and_then(|i| c.briefs.get(i))
            .is_some_and(|brief| format!("{:016x}", brief.content_hash()) == b.content_hash)
    };
    let found = |c: &Corpus, b: &Bookmark| matches!(place(c, b), Placement::Placed { .. });
    bookmarks
        .iter()
        .filter(|b| b.corpus.is_none())
        .filter_map(|b| {
            let here = found(corpus, b);
            let there = bundled
                .filter(|_| id != crate::corpus::BUNDLED)
                .is_some_and(|c| found(c, b));
            let to = match (here, there) {
                (true, true) if !unchanged(corpus, b) && bundled.is_some_and(|c| unchanged(c, b)) => {
                    crate::corpus::BUNDLED
                }
                (true, _) => id,
                (false, true) => crate::corpus::BUNDLED,
                (false, false) => return None,
            };
            Some(Change::Assign {
                id: b.id.clone(),
                corpus: to.to_owned(),
            })
        })
        .collect()
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
    if format!("{:016x}", brief.content_hash()) == bookmark.content_hash
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
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// A bookmark from before corpora were told apart is found in `corpus`: it belongs there.
    Assign {
        id: String,
        corpus: String,
    },
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
            Change::Assign { id, corpus } => format!("bookmark {id} kept under {corpus}"),
        }
    }
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
        Change::Assign { id, corpus } => {
            if let Some(b) = bookmarks.iter_mut().find(|b| &b.id == id && b.corpus.is_none()) {
                b.corpus = Some(corpus.clone());
            }
        }
    }
}

/// Applies changes to an in-memory list (what the session shows before and after saving).
pub fn apply_all(bookmarks: &mut Vec<Bookmark>, changes: &[Change]) {
    for change in changes {
        apply(bookmarks, change);
    }
}

/// A TOML error in one line, with the line it is on.
pub(crate) fn describe_toml_error(text: &str, error: &toml::de::Error) -> String {
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
