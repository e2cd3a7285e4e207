//! Bookmarks as the session holds them: the list, where each one is now in the corpus, the
//! changes not yet on disk, deleted ones kept for undo, and the order the Bookmarks tab uses.

use std::ops::Range;

use crate::corpus::Corpus;
use crate::store::{self, Bookmark, Change, Placement};

#[derive(Debug, Clone, Default)]
pub struct Bookmarks {
    /// The open corpus's identity: bookmarks made now are kept under it.
    corpus: String,
    /// The Bookmarks tab shows every corpus's bookmarks, grouped, not only this one's.
    all: bool,
    list: Vec<Bookmark>,
    /// Where each bookmark is now (same order as `list`).
    placements: Vec<Placement>,
    /// Changes made this session and not yet saved, oldest first.
    unsaved: Vec<Change>,
    /// Deleted bookmarks, for undo.
    deleted: Vec<Bookmark>,
    /// Bookmarks tab order: by brief and position instead of newest first.
    by_brief: bool,
    /// Why the last save has not finished (another dossier holds the lock).
    waiting: Option<String>,
    /// Changes whenever the list or the placements do, so views built from them know to rebuild.
    version: u64,
}

impl Bookmarks {
    pub fn new(corpus: &str) -> Bookmarks {
        Bookmarks {
            corpus: corpus.to_owned(),
            ..Bookmarks::default()
        }
    }

    /// The open corpus's identity.
    pub fn corpus(&self) -> &str {
        &self.corpus
    }

    /// Replaces the list (after loading or saving) and places this corpus's bookmarks in it.
    pub fn set(&mut self, corpus: &Corpus, list: Vec<Bookmark>) {
        self.placements = store::place_all(corpus, &self.corpus, &list);
        self.list = list;
        self.version += 1;
    }

    /// Whether the Bookmarks tab shows every corpus's bookmarks.
    pub fn all(&self) -> bool {
        self.all
    }

    pub fn toggle_all(&mut self) {
        self.all = !self.all;
        self.version += 1;
    }

    pub fn list(&self) -> &[Bookmark] {
        &self.list
    }

    pub fn get(&self, index: usize) -> Option<(&Bookmark, &Placement)> {
        Some((self.list.get(index)?, self.placements.get(index)?))
    }

    pub fn placements(&self) -> &[Placement] {
        &self.placements
    }

    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn by_brief(&self) -> bool {
        self.by_brief
    }

    pub fn toggle_order(&mut self) {
        self.by_brief = !self.by_brief;
        self.version += 1;
    }

    /// Indices in the order the Bookmarks tab shows them: placed ones newest first (or by brief
    /// and position), orphans last; with every corpus shown, the other corpora's after, grouped
    /// by corpus.
    pub fn order(&self) -> Vec<usize> {
        let (mine, others): (Vec<usize>, Vec<usize>) =
            (0..self.list.len()).partition(|&i| !matches!(self.placements.get(i), Some(Placement::Elsewhere(_))));
        let (mut placed, orphans): (Vec<usize>, Vec<usize>) = mine
            .into_iter()
            .partition(|&i| matches!(self.placements.get(i), Some(Placement::Placed { .. })));
        if self.by_brief {
            placed.sort_by_key(|&i| match self.placements.get(i) {
                Some(Placement::Placed { brief, range }) => (*brief, range.start),
                _ => (usize::MAX, 0),
            });
        } else {
            placed.sort_by(|&a, &b| self.list[b].created.cmp(&self.list[a].created).then(b.cmp(&a)));
        }
        placed.extend(orphans);
        if self.all {
            let mut others = others;
            others.sort_by(|&a, &b| {
                let (x, y) = (&self.list[a], &self.list[b]);
                x.corpus.cmp(&y.corpus).then(y.created.cmp(&x.created))
            });
            placed.extend(others);
        }
        placed
    }

    /// Where the bookmarks placed in `brief` are.
    pub fn ranges_in(&self, brief: usize) -> impl Iterator<Item = &Range<usize>> {
        self.placements.iter().filter_map(move |p| match p {
            Placement::Placed { brief: b, range } if *b == brief => Some(range),
            _ => None,
        })
    }

    /// Bookmarks placed in `brief` that touch `range` (a passage).
    pub fn touching(&self, brief: usize, range: &Range<usize>) -> Vec<usize> {
        self.placements
            .iter()
            .enumerate()
            .filter_map(|(i, p)| match p {
                Placement::Placed { brief: b, range: r }
                    if *b == brief && r.start < range.end.max(range.start + 1) && r.end > range.start =>
                {
                    Some(i)
                }
                _ => None,
            })
            .collect()
    }

    /// How many bookmarks are placed in `brief`.
    pub fn count(&self, brief: usize) -> usize {
        self.ranges_in(brief).count()
    }

    pub fn is_orphan(&self, index: usize) -> bool {
        matches!(self.placements.get(index), Some(Placement::Orphan(_)))
    }

    /// Applies `change` in memory and returns every change not yet saved, to be saved now.
    pub fn change(&mut self, corpus: &Corpus, change: Change) -> Vec<Change> {
        let mut list = std::mem::take(&mut self.list);
        store::apply_all(&mut list, std::slice::from_ref(&change));
        self.set(corpus, list);
        self.unsaved.push(change);
        self.unsaved.clone()
    }

    /// Keeps a deleted bookmark for undo.
    pub fn remember_deleted(&mut self, bookmark: Bookmark) {
        self.deleted.push(bookmark);
    }

    pub fn take_deleted(&mut self) -> Option<Bookmark> {
        self.deleted.pop()
    }

    /// Changes made this session that are not on disk yet.
    pub fn unsaved(&self) -> &[Change] {
        &self.unsaved
    }

    /// A save of the first `saved` unsaved changes finished: the merged list on disk, or why it
    /// failed (the changes are kept and sent again with the next one). Changes made while it ran
    /// stay unsaved and stay shown. Returns a message for the status bar on failure.
    pub fn saved(&mut self, corpus: &Corpus, saved: usize, result: Result<Vec<Bookmark>, String>) -> Option<String> {
        self.waiting = None;
        match result {
            Ok(mut merged) => {
                self.unsaved.drain(..saved.min(self.unsaved.len()));
                store::apply_all(&mut merged, &self.unsaved);
                self.set(corpus, merged);
                None
            }
            Err(reason) => Some(format!("bookmarks not saved ({reason}); kept in memory")),
        }
    }

    /// A save is waiting for another dossier to release the bookmarks file.
    pub fn set_waiting(&mut self, why: Option<String>) {
        self.waiting = why;
    }

    pub fn waiting(&self) -> Option<&str> {
        self.waiting.as_deref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{self, Origin, SourceFile};

    fn corpus_of(md: &str) -> Corpus {
        let file = SourceFile {
            path: "b.md".into(),
            bytes: md.as_bytes().to_vec(),
        };
        corpus::load_sources(vec![(file, None)], Origin::Embedded, Vec::new())
    }

    #[test]
    fn order_newest_first_or_by_brief_with_orphans_last() {
        let c = corpus_of("First passage here.\n\nSecond passage here.\n");
        let brief = &c.briefs[0];
        let make = |range: Range<usize>, id: &str, created: &str| {
            Bookmark::new(brief, range, "", id.to_owned(), created.to_owned())
        };
        let second = brief.doc.blocks[1].range.clone();
        let mut gone = make(0..5, "c", "2026-01-03T00:00:00Z");
        gone.exact = "words that are nowhere".into();
        gone.content_hash = "0".into();
        let mut b = Bookmarks::new("bundled");
        b.set(
            &c,
            vec![
                make(second.clone(), "a", "2026-01-01T00:00:00Z"),
                make(0..5, "b", "2026-01-02T00:00:00Z"),
                gone,
            ],
        );
        assert_eq!(b.order(), [1, 0, 2], "newest first, the orphan last");
        b.toggle_order();
        assert_eq!(b.order(), [1, 0, 2], "by position: the first passage first");
        assert_eq!(b.count(0), 2);
        assert_eq!(b.touching(0, &second), [0]);
        assert!(b.is_orphan(2));
        let unsaved = b.change(&c, Change::Delete("a".into()));
        assert_eq!(unsaved.len(), 1);
        assert_eq!(b.list().len(), 2);
        assert!(
            b.saved(&c, 1, Err("disk full".into()))
                .unwrap()
                .contains("kept in memory")
        );
        assert_eq!(b.unsaved().len(), 1, "kept to be sent again");
        let on_disk = b.list().to_vec();
        // Another change is made while the save of the first one runs.
        b.change(&c, Change::Delete("b".into()));
        assert!(b.saved(&c, 1, Ok(on_disk)).is_none());
        assert_eq!(b.unsaved().len(), 1, "the later change is still to be saved");
        assert_eq!(b.list().len(), 1, "and still shown");
    }
}
