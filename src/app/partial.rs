//! The first screen of a very large brief, before its whole text is parsed: the reader shows its
//! start (or, after `G`, its end) parsed on its own, and moves in it, while the whole is parsed off
//! the UI thread. When the whole arrives the reader switches to it, on the same passage. Anything
//! but moving (search, selection, a bookmark, copying) waits for the whole first, so nothing ever
//! acts on a part.

use super::AppState;
use crate::corpus::body::Partial;
use crate::corpus::{Corpus, Document};

/// A brief whose file is larger than this opens on its start while the whole is parsed.
pub const PARTIAL_FROM: u64 = 256 * 1024;
/// How much of the end a part holds (`G` before the whole is parsed).
pub const PART_BYTES: usize = 16 * 1024;
/// The start part holds about two screens of text at the reader's size, within these bounds; it
/// grows (four times over each time) as the reader nears its end.
const START_MIN: usize = 4 * 1024;
const START_MAX: usize = 64 * 1024;
const GROW_MAX: usize = 4 * 1024 * 1024;

/// The document the reader shows for `brief`: the whole when parsed, else the part being shown,
/// else the whole parsed now.
pub fn view<'a>(corpus: &'a Corpus, partial: &'a Option<(usize, Partial)>, brief: usize) -> Option<&'a Document> {
    let b = corpus.briefs.get(brief)?;
    if let Some(doc) = b.doc.ready() {
        return Some(doc);
    }
    match partial {
        Some((i, part)) if *i == brief => Some(&part.doc),
        _ => Some(b.doc.get()),
    }
}

impl AppState {
    /// The document the reader shows for the open brief (see [`view`]).
    pub fn view_doc(&self) -> Option<&Document> {
        view(&self.corpus, &self.partial, self.reader.brief())
    }

    /// On the start part of a large brief (`doc`), how far into the whole file the reader is (a
    /// part's text is about as long as its source), not into the part, which grows as the reader
    /// moves. `None` when the reader shows no start part.
    pub(super) fn start_part_percent(&self, doc: &Document) -> Option<usize> {
        let (i, part) = self.partial.as_ref()?;
        if *i != self.reader.brief() || part.from_end || part.whole {
            return None;
        }
        let size = self.corpus.briefs.get(*i).map_or(0, |b| b.doc.size());
        let at = self.reader.cursor_offset(doc) as u64;
        Some(usize::try_from((at * 100).checked_div(size).unwrap_or(0)).map_or(99, |p| p.min(99)))
    }

    /// Whether the reader shows the end of the open brief on its own (its text offsets are not
    /// the whole's, so marks made on the whole are not drawn on it).
    pub fn showing_end_part(&self) -> bool {
        matches!(&self.partial, Some((i, part)) if *i == self.reader.brief() && part.from_end)
    }

    /// Opens brief `brief` on its start when it is large and not parsed yet.
    pub(super) fn start_partial(&mut self, brief: usize) {
        let Some(b) = self.corpus.briefs.get(brief) else { return };
        if b.doc.ready().is_some() || b.doc.size() <= PARTIAL_FROM {
            return;
        }
        if let Some(part) = b.doc.head(self.start_bytes()) {
            self.partial = Some((brief, part));
        }
    }

    /// The bytes the start part asks for: a screen's worth of text is at most one byte per cell
    /// of the reader (Markdown adds a little, wrapping and blank lines take some away), so two
    /// screens fit with room. Parsing only that is most of what the first screen waits for.
    fn start_bytes(&self) -> usize {
        let text = self.geometry().reader_text();
        (usize::from(text.width) * usize::from(text.height) * 2).clamp(START_MIN, START_MAX)
    }

    /// Moving near the end of the start part parses a longer start (four times as long, up to
    /// 4 MB), so moving down never waits for the whole. The blocks already laid out stay; the
    /// part's last block is laid out again (the longer part may continue it).
    pub(super) fn grow_partial(&mut self) {
        let brief = self.reader.brief();
        let Some((i, part)) = &self.partial else { return };
        if *i != brief || part.from_end || part.whole || part.limit >= GROW_MAX {
            return;
        }
        let layout = self.reader.layout();
        let below = layout
            .rows
            .len()
            .saturating_sub(self.reader.scroll() + self.reader.height());
        if layout.end_block() < part.doc.blocks.len() || below > 2 * self.reader.height() {
            return;
        }
        let (limit, keep) = (part.limit.saturating_mul(4).min(GROW_MAX), part.doc.blocks.len());
        let Some(longer) = self.corpus.briefs.get(brief).and_then(|b| b.doc.head(limit)) else {
            return;
        };
        self.partial = Some((brief, longer));
        self.reader.truncate_layout(keep.saturating_sub(1));
        let text = self.geometry().reader_text();
        if let Some(doc) = view(&self.corpus, &self.partial, brief) {
            self.reader.fit(doc, text.width, text.height);
        }
    }

    /// `G` before the whole is parsed: show the end, parsed on its own.
    pub(super) fn partial_bottom(&mut self) -> bool {
        let brief = self.reader.brief();
        let Some((i, part)) = &self.partial else { return false };
        if *i != brief || part.from_end {
            return false;
        }
        let Some(end) = self.corpus.briefs.get(brief).and_then(|b| b.doc.tail(PART_BYTES)) else {
            return false;
        };
        self.partial = Some((brief, end));
        self.reader.forget_layout();
        let text = self.geometry().reader_text();
        if let Some(doc) = view(&self.corpus, &self.partial, brief) {
            self.reader.fit(doc, text.width, text.height);
            self.reader.bottom_within(doc, 0);
        }
        true
    }

    /// `g` on the end of a brief before the whole is parsed: back to its start.
    pub(super) fn partial_top(&mut self) -> bool {
        let brief = self.reader.brief();
        let Some((i, part)) = &self.partial else { return false };
        if *i != brief || !part.from_end {
            return false;
        }
        let bytes = self.start_bytes();
        let Some(start) = self.corpus.briefs.get(brief).and_then(|b| b.doc.head(bytes)) else {
            return false;
        };
        self.partial = Some((brief, start));
        self.reader.forget_layout();
        let text = self.geometry().reader_text();
        if let Some(doc) = view(&self.corpus, &self.partial, brief) {
            self.reader.top(doc);
            self.reader.fit(doc, text.width, text.height);
        }
        true
    }

    /// The whole of the open brief is parsed (or must be now): the reader moves to it, on the
    /// passage it showed. Load problems only the parse finds are listed.
    pub(super) fn settle(&mut self) {
        let Some((brief, part)) = self.partial.take() else {
            return;
        };
        let Some(b) = self.corpus.briefs.get(brief) else { return };
        let whole = b.doc.get();
        let cursor = self.reader.position_of(brief).cursor;
        let (cursor, at_end) = if part.from_end {
            let skipped = whole.blocks.len().saturating_sub(part.doc.blocks.len());
            let last = part.doc.blocks.len().saturating_sub(1);
            (cursor + skipped, cursor >= last)
        } else {
            (cursor, false)
        };
        let mut found = b.body_diagnostics();
        found.retain(|d| !self.corpus.diagnostics.contains(d));
        self.corpus.diagnostics.extend(found);
        self.reader.forget_layout();
        self.reader.set_cursor_of(brief, cursor);
        if brief != self.reader.brief() {
            return;
        }
        let text = self.geometry().reader_text();
        let Some(doc) = self.corpus.briefs.get(brief).map(|b| b.doc.get()) else {
            return;
        };
        if at_end {
            self.reader.fit(doc, text.width, text.height);
            self.reader.bottom(doc);
        } else {
            let highlight = self.reader.highlight().cloned();
            self.reader.show(doc, brief, Some(cursor), highlight);
            self.reader.fit(doc, text.width, text.height);
        }
    }

    /// The background parse of brief `brief` (or, with `None`, of every brief) is done.
    pub(super) fn parsed(&mut self, brief: Option<usize>) {
        let open = self.partial.as_ref().map(|(i, _)| *i);
        if brief.is_none() || brief == open {
            self.settle();
        }
        if brief.is_none() {
            // Warnings about the text of briefs parsed in the background.
            let mut found = Vec::new();
            for b in self
                .corpus
                .briefs
                .iter()
                .filter(|b| b.sidecar.is_none() && b.doc.ready().is_some())
            {
                found.extend(b.body_diagnostics());
            }
            found.retain(|d| !self.corpus.diagnostics.contains(d));
            self.corpus.diagnostics.extend(found);
        }
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::app::Event;
    use crate::store::Now;

    fn press(state: &mut AppState, c: char) {
        state.update(
            Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            Now::fixed(),
        );
    }

    /// A folder with one brief large enough to open on its start.
    fn large() -> (tempfile::TempDir, AppState) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut md = String::from("# First heading\n\n");
        for i in 0..6000 {
            md.push_str(&format!("Paragraph {i} of a long brief, with a few words to wrap.\n\n"));
        }
        md.push_str("The last paragraph.\n");
        std::fs::write(dir.path().join("big.md"), md).unwrap_or_else(|e| panic!("{e}"));
        let corpus = crate::corpus::load_path_lazy(dir.path());
        (dir, AppState::for_corpus(corpus, (120, 40)))
    }

    #[test]
    fn a_large_brief_opens_on_its_start_without_parsing_the_whole() {
        let (_dir, mut s) = large();
        let brief = &s.corpus().briefs[0];
        assert!(brief.doc.ready().is_none(), "the first screen did not parse the whole");
        assert!(s.view_doc().is_some_and(|d| d.text.starts_with("First heading")));
        press(&mut s, 'j');
        assert!(
            s.corpus().briefs[0].doc.ready().is_none(),
            "moving does not wait for the whole"
        );
        // G shows the end, still without the whole.
        press(&mut s, 'G');
        assert!(s.showing_end_part());
        assert!(s.view_doc().is_some_and(|d| d.text.ends_with("The last paragraph.")));
        assert_eq!(s.percent(), 100);
        // The whole arrives: the reader is on the same last passage of it.
        s.corpus().briefs[0].doc.get();
        s.update(Event::Parsed(0, Some(0)), Now::fixed());
        assert!(!s.showing_end_part());
        let whole = s.corpus().briefs[0].doc.get();
        assert_eq!(s.reader().cursor(), whole.blocks.len() - 1);
        assert_eq!(s.percent(), 100);
    }

    /// The text of the rows on screen.
    fn screen(s: &AppState, doc: &Document) -> Vec<String> {
        let layout = s.reader().layout();
        (s.reader().scroll()..s.reader().scroll() + s.reader().height())
            .map(|row| {
                let segments = if row < layout.rows.len() {
                    layout.row_segments(row)
                } else {
                    &[]
                };
                segments.iter().map(|g| g.content(&doc.text)).collect()
            })
            .collect()
    }

    #[test]
    fn the_start_part_is_about_two_screens_and_grows_as_the_reader_nears_its_end() {
        let (_dir, mut s) = large();
        let first = s.view_doc().map_or(0, |d| d.blocks.len());
        let bytes = s.view_doc().map_or(0, |d| d.text.len());
        // 120x40: a reader of about 70x37 cells; its start part is a few KB, not the whole.
        assert!((2_000..12_000).contains(&bytes), "{bytes} bytes in the first part");
        for _ in 0..first + 200 {
            press(&mut s, 'j');
        }
        assert!(
            s.corpus().briefs[0].doc.ready().is_none(),
            "moving past the first part does not wait for the whole"
        );
        let cursor = s.reader().cursor();
        assert!(
            cursor > first + 100,
            "the cursor went on past the first part: {cursor} of {first}"
        );
        let part = s.view_doc().map(|d| (d.blocks.len(), screen(&s, d)));
        // What is on screen is what the whole shows there.
        let whole = s.corpus().briefs[0].doc.get();
        let mut layout = crate::render::Layout::new(whole, s.reader().layout().width);
        layout.truncate(cursor + 50);
        let expected: Vec<String> = (s.reader().scroll()..s.reader().scroll() + s.reader().height())
            .map(|row| {
                layout
                    .row_segments(row)
                    .iter()
                    .map(|g| g.content(&whole.text))
                    .collect()
            })
            .collect();
        let (blocks, shown) = part.unwrap_or_default();
        assert!(blocks > first, "a longer part: {blocks} blocks");
        assert_eq!(shown, expected);
        assert!(shown.iter().any(|l| l.contains(&format!("Paragraph {} ", cursor - 1))));
        // How far into the whole file, not into the part: about 250 of 6,000 paragraphs.
        assert!((2..=6).contains(&s.percent()), "{}%", s.percent());
    }

    #[test]
    fn anything_but_moving_waits_for_the_whole() {
        let (_dir, mut s) = large();
        press(&mut s, 'G');
        assert!(s.showing_end_part());
        // A search acts on the whole text: the reader settles on it first, at the same passage.
        press(&mut s, '/');
        assert!(s.corpus().briefs[0].doc.ready().is_some());
        assert!(!s.showing_end_part());
        let whole = s.corpus().briefs[0].doc.get();
        assert_eq!(s.reader().cursor(), whole.blocks.len() - 1);
    }
}
