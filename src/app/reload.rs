//! The corpus changed on disk: read it again and carry on where the reader was. Each brief keeps
//! its passage (found again by its words when lines moved), bookmarks are placed again, and what
//! `check` finds now is under `!`. `e` opens the brief (or, in the panel, its sidecar at the
//! item's line) in the user's editor; the runner reloads when the editor exits.

use std::path::PathBuf;

use super::overlay::Overlay;
use super::panel::PanelItem;
use super::{AppState, Effect, Focus, List, Reader, Tab};
use crate::corpus::{Category, Corpus, Document, Origin, Severity};
use crate::figure::Provenance;

/// Where a passage was: its brief, its block, and the start of its words.
struct Kept {
    id: String,
    block: usize,
    words: String,
}

/// The first words of a block, to find it again after an edit moved it.
fn opening(doc: &Document, block: usize) -> String {
    doc.blocks
        .get(block)
        .map(|b| doc.block_text(b).chars().take(60).collect())
        .unwrap_or_default()
}

/// The block in `doc` that starts with `words`, nearest to `near`; else `near`, kept in range.
fn find_again(doc: &Document, words: &str, near: usize) -> usize {
    let last = doc.blocks.len().saturating_sub(1);
    if words.is_empty() {
        return near.min(last);
    }
    doc.blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| doc.block_text(b).starts_with(words))
        .min_by_key(|(i, _)| i.abs_diff(near))
        .map_or(near.min(last), |(i, _)| i)
}

impl AppState {
    /// Files of the corpus changed on disk: the runner reads the corpus again.
    pub(super) fn files_changed(&mut self, paths: Vec<String>) -> Vec<Effect> {
        if matches!(self.corpus.origin, Origin::Embedded) {
            return Vec::new();
        }
        self.requested += 1;
        self.changed = paths;
        vec![Effect::Reload(self.requested)]
    }

    /// The corpus as read again (for reload `generation`); a stale one is dropped.
    pub(super) fn reloaded(&mut self, generation: u64, mut corpus: Corpus) {
        if generation != self.requested {
            return;
        }
        let kept: Vec<Kept> = self
            .reader
            .cursors()
            .filter(|&(_, block)| block > 0)
            .filter_map(|(i, block)| {
                // Only briefs whose text was read have a passage to find again.
                let brief = self.corpus.briefs.get(i)?;
                Some(Kept {
                    id: brief.id.clone(),
                    block,
                    words: opening(brief.doc.ready()?, block),
                })
            })
            .collect();
        let open = self.brief().map(|b| b.id.clone());
        let (here, there) = (self.reader.brief(), self.reader.cursor());
        let here_words = self.view_doc().map(|doc| opening(doc, there)).unwrap_or_default();
        let before = self.corpus_problems();
        // Settings problems were found at start-up, not in the corpus: they stay listed.
        let settings: Vec<_> = self
            .corpus
            .diagnostics
            .iter()
            .filter(|d| d.category != Category::Corpus)
            .cloned()
            .collect();
        corpus.diagnostics.extend(settings);
        let ids: Vec<String> = self.corpus.briefs.iter().map(|b| b.id.clone()).collect();
        self.corpus = corpus;
        self.generation = generation;
        let count = self.corpus.briefs.len();
        let current = open
            .as_deref()
            .and_then(|id| self.corpus.index_of(id))
            .unwrap_or(here.min(count.saturating_sub(1)));
        self.reader = Reader::new(count, current);
        for k in &kept {
            if let Some(i) = self.corpus.index_of(&k.id)
                && let Some(brief) = self.corpus.briefs.get(i)
            {
                let block = find_again(&brief.doc, &k.words, k.block);
                self.reader.set_cursor_of(i, block);
            }
        }
        self.partial = None;
        self.start_partial(current);
        if let Some(doc) = super::partial::view(&self.corpus, &self.partial, current) {
            let block = find_again(doc, &here_words, there);
            self.reader.show(doc, current, Some(block), None);
        }
        let filter = self.list.filter().to_owned();
        self.list = List::new(count);
        if !filter.is_empty() {
            self.list.set_filter(&self.corpus, &filter);
        }
        self.list.select_brief(current);
        // The jump list keeps the places whose brief is still here.
        let corpus = &self.corpus;
        self.history.remap(|i| ids.get(i).and_then(|id| corpus.index_of(id)));
        self.find = super::Find::default();
        self.trail = None;
        self.selection = None;
        self.analysis = None;
        self.derived = None;
        if !matches!(self.overlay, Some(Overlay::Help(_))) {
            let problems = matches!(self.overlay, Some(Overlay::Problems(_)));
            self.overlay = None;
            if problems {
                self.open_problems();
            }
        }
        let list = self.bookmarks.list().to_vec();
        self.bookmarks.set(&self.corpus, list);
        let changed = match self.changed.as_slice() {
            [] => "the corpus".to_owned(),
            [one] => crate::sanitize::sanitize_line(one),
            [first, rest @ ..] => format!("{} and {} more", crate::sanitize::sanitize_line(first), rest.len()),
        };
        let now = self.corpus_problems();
        let key = self
            .keymap
            .hint(crate::keymap::Mode::Normal, crate::keymap::Action::Diagnostics);
        self.message = Some(match (now, now == before) {
            (0, _) => format!("reloaded: {changed} changed"),
            (n, same) => format!(
                "reloaded: {changed} changed; {n} {}{} ({key} shows them)",
                crate::corpus::plural(n, "problem", "problems"),
                if same { "" } else { " now" }
            ),
        });
        self.relayout();
    }

    /// Errors and warnings in the corpus itself.
    fn corpus_problems(&self) -> usize {
        self.corpus
            .diagnostics
            .iter()
            .filter(|d| d.category == Category::Corpus && matches!(d.severity, Severity::Error | Severity::Warning))
            .count()
    }

    /// `e`: the open brief in the editor at the passage; in the panel, the sidecar at the selected
    /// item's line; on a bookmark, its note.
    pub(super) fn edit(&mut self) -> Vec<Effect> {
        if matches!(self.corpus.origin, Origin::Embedded) {
            self.message = Some(
                "the bundled briefs are built into dossier: copy them to a folder and open that to edit them".into(),
            );
            return Vec::new();
        }
        let Some(brief) = self.brief() else {
            return Vec::new();
        };
        let in_panel = self.focus == Focus::Panel && self.panel.tab() != Tab::Summary;
        let target = match self.panel.selected_item().filter(|_| in_panel) {
            Some(PanelItem::Bookmark(_)) => {
                self.edit_note();
                return Vec::new();
            }
            Some(PanelItem::Claim(i)) => brief.claims.get(i).map(|c| (brief.sidecar.clone(), c.line)),
            Some(PanelItem::Statistic(i)) => brief.statistics.get(i).and_then(|s| match &s.provenance {
                Provenance::Curated { line, .. } => Some((brief.sidecar.clone(), *line)),
                Provenance::Derived { .. } => None,
            }),
            Some(PanelItem::Link { outgoing, index }) => {
                let link = if outgoing {
                    brief.crossrefs.get(index)
                } else {
                    brief.backlinks.get(index)
                };
                link.and_then(|l| {
                    let from = self.corpus.brief(&l.from_brief)?;
                    Some((from.sidecar.clone(), l.line))
                })
            }
            Some(PanelItem::DerivedStatistic(_) | PanelItem::InferredLink(_)) | None => None,
        };
        let (path, line) = match target {
            Some((Some(sidecar), line)) => (sidecar, line),
            _ => {
                let line = brief.doc.blocks.get(self.reader.cursor()).map_or(1, |b| b.line);
                (brief.path.clone(), line)
            }
        };
        vec![Effect::Edit {
            path: PathBuf::from(path),
            line: line.max(1),
        }]
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::app::Event;
    use crate::store::Now;

    fn press(state: &mut AppState, c: char) -> Vec<Effect> {
        state.update(
            Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            Now::fixed(),
        )
    }

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        for (name, text) in [
            (
                "a.md",
                "# A\n\nFirst passage.\n\nSecond passage.\n\nThird passage, the one we read.\n",
            ),
            ("b.md", "# B\n\nOther text.\n"),
        ] {
            fs::write(dir.path().join(name), text).unwrap_or_else(|e| panic!("{e}"));
        }
        dir
    }

    #[test]
    fn a_change_on_disk_reloads_and_the_reader_keeps_its_passage() {
        let dir = folder();
        let mut s = AppState::for_corpus(crate::corpus::load_path(dir.path()), (100, 30));
        for _ in 0..3 {
            press(&mut s, 'j');
        }
        let before = s
            .brief()
            .map(|b| opening(&b.doc, s.reader().cursor()))
            .unwrap_or_default();
        assert!(before.starts_with("Third passage"), "{before}");
        // Two passages are added above the one being read.
        fs::write(
            dir.path().join("a.md"),
            "# A\n\nNew one.\n\nNew two.\n\nFirst passage.\n\nSecond passage.\n\nThird passage, the one we read.\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let effects = s.update(Event::FilesChanged(vec!["a.md".into()]), Now::fixed());
        let [Effect::Reload(generation)] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        // A reload that a newer one overtook is dropped.
        s.update(Event::FilesChanged(vec!["a.md".into()]), Now::fixed());
        s.update(
            Event::Reloaded(*generation, Box::new(crate::corpus::load_path(dir.path()))),
            Now::fixed(),
        );
        assert_eq!(s.message(), None, "the older reload was ignored");
        s.update(
            Event::Reloaded(generation + 1, Box::new(crate::corpus::load_path(dir.path()))),
            Now::fixed(),
        );
        assert_eq!(s.message(), Some("reloaded: a.md changed"));
        let after = s
            .brief()
            .map(|b| opening(&b.doc, s.reader().cursor()))
            .unwrap_or_default();
        assert_eq!(after, before, "the reader stays on the passage it was on");
        assert_eq!(s.reader().cursor(), 5);
        // Derivations of the corpus as it was are not shown with the new one.
        s.update(Event::Derived(*generation, Box::default()), Now::fixed());
        assert!(s.derived().is_none());
    }

    #[test]
    fn a_broken_edit_shows_under_problems_and_e_opens_the_passage_line() {
        let dir = folder();
        let mut s = AppState::for_corpus(crate::corpus::load_path(dir.path()), (100, 30));
        press(&mut s, 'j');
        press(&mut s, 'j');
        let effects = press(&mut s, 'e');
        let [Effect::Edit { path, line }] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        assert!(path.ends_with("a.md"));
        assert_eq!(*line, 5, "the second passage is on line 5");
        fs::write(dir.path().join("a.toml"), "summary = [broken\n").unwrap_or_else(|e| panic!("{e}"));
        s.update(Event::FilesChanged(vec!["a.toml".into()]), Now::fixed());
        s.update(
            Event::Reloaded(1, Box::new(crate::corpus::load_path(dir.path()))),
            Now::fixed(),
        );
        assert_eq!(
            s.message(),
            Some("reloaded: a.toml changed; 1 problem now (! shows them)")
        );
    }
}
