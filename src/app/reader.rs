//! The reader's view of the open brief: which brief, the passage cursor and scroll in each brief,
//! the laid-out text (kept per brief and width, so jumping back and forth does not re-wrap), and
//! the highlighted words. Layout is lazy: only what the view needs is laid out; idle moments and
//! `G` lay out the rest.

use std::ops::Range;

use crate::corpus::Document;
use crate::corpus::document::BlockKind;
use crate::render::Layout;

/// Where the reader is in one brief.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Position {
    /// The passage cursor: a block index.
    pub cursor: usize,
    /// First visible row.
    pub scroll: usize,
}

/// Blocks laid out per idle tick: a few milliseconds of work, so keys stay responsive.
const IDLE_BLOCKS: usize = 400;
/// Idle moments lay out a whole brief only up to this much text; a larger one is laid out where
/// the reader goes, so its layout's memory stays bounded by what was read.
const IDLE_TEXT: usize = 2 * 1024 * 1024;
/// A jump this many blocks beyond the laid-out window starts a new window there instead of
/// laying out everything between.
const FAR: usize = 1500;
/// Blocks laid out at a time when the window grows upwards.
const BACK_STEP: usize = 48;
/// Laid-out briefs kept besides the open one (the places jumps come back to).
const KEEP_LAYOUTS: usize = 3;

#[derive(Debug, Clone, Default)]
pub struct Reader {
    brief: usize,
    positions: Vec<Position>,
    /// The open brief's layout first, then recently open ones: (brief, layout).
    layouts: Vec<(usize, Layout)>,
    highlight: Option<Range<usize>>,
    /// The text area: columns and rows.
    width: u16,
    height: u16,
}

impl Reader {
    pub fn new(briefs: usize, open: usize) -> Reader {
        Reader {
            brief: open,
            positions: vec![Position::default(); briefs],
            ..Reader::default()
        }
    }

    /// The open brief (an index into the corpus).
    pub fn brief(&self) -> usize {
        self.brief
    }

    pub fn position(&self) -> Position {
        self.positions.get(self.brief).copied().unwrap_or_default()
    }

    pub fn position_of(&self, brief: usize) -> Position {
        self.positions.get(brief).copied().unwrap_or_default()
    }

    pub fn cursor(&self) -> usize {
        self.position().cursor
    }

    pub fn scroll(&self) -> usize {
        self.position().scroll
    }

    pub fn highlight(&self) -> Option<&Range<usize>> {
        self.highlight.as_ref()
    }

    pub fn set_highlight(&mut self, highlight: Option<Range<usize>>) {
        self.highlight = highlight;
    }

    /// The open brief's layout (empty until laid out).
    pub fn layout(&self) -> &Layout {
        static EMPTY: std::sync::OnceLock<Layout> = std::sync::OnceLock::new();
        match self.layouts.first() {
            Some((brief, layout)) if *brief == self.brief => layout,
            _ => EMPTY.get_or_init(Layout::default),
        }
    }

    fn layout_mut(&mut self) -> Option<&mut Layout> {
        match self.layouts.first_mut() {
            Some((brief, layout)) if *brief == self.brief => Some(layout),
            _ => None,
        }
    }

    fn position_mut(&mut self) -> Option<&mut Position> {
        self.positions.get_mut(self.brief)
    }

    pub fn height(&self) -> usize {
        usize::from(self.height.max(1))
    }

    /// Restores where the reader was in `brief` (from the saved reading state).
    pub fn set_cursor_of(&mut self, brief: usize, cursor: usize) {
        if let Some(p) = self.positions.get_mut(brief) {
            p.cursor = cursor;
        }
    }

    /// Forgets the open brief's layout (its document changed: a full parse replaced a partial
    /// one). The next `fit` lays it out again around the cursor.
    pub fn forget_layout(&mut self) {
        let brief = self.brief;
        self.layouts.retain(|(b, _)| *b != brief);
    }

    /// Forgets the open brief's layout from block `end` on (a longer part of its document was
    /// parsed: the blocks before `end` are the same), keeping the view where it is.
    pub fn truncate_layout(&mut self, end: usize) {
        if let Some(layout) = self.layout_mut() {
            layout.truncate(end);
        }
    }

    /// Makes the layout of the open brief fit a text area of `width` x `height`, laying out what
    /// the view needs and keeping the cursor on screen.
    pub fn fit(&mut self, doc: &Document, width: u16, height: u16) {
        self.width = width.max(1);
        self.height = height.max(1);
        let wanted = self.width;
        let found = self
            .layouts
            .iter()
            .position(|(b, l)| *b == self.brief && l.width == wanted);
        match found {
            Some(i) => {
                let entry = self.layouts.remove(i);
                self.layouts.insert(0, entry);
            }
            None => {
                self.layouts.retain(|(b, _)| *b != self.brief);
                // A new layout starts where the reader is, not at the top of a long brief.
                let cursor = self.cursor().min(doc.blocks.len().saturating_sub(1));
                let first = if cursor > FAR { cursor.saturating_sub(8) } else { 0 };
                self.layouts.insert(0, (self.brief, Layout::start_at(wanted, first)));
                if let Some(p) = self.position_mut() {
                    p.scroll = 0;
                }
            }
        }
        self.layouts.truncate(KEEP_LAYOUTS + 1);
        self.ensure_block(doc, self.cursor());
        self.ensure_rows(doc, self.scroll() + 2 * self.height());
        self.keep_cursor_visible();
    }

    /// Lays out blocks until `rows` rows exist or the brief is done.
    fn ensure_rows(&mut self, doc: &Document, rows: usize) {
        if let Some(layout) = self.layout_mut() {
            // A few blocks at a time: a screen is often a handful of paragraphs, and laying out
            // more than it needs was most of the first frame's cost on a large brief.
            while layout.rows.len() < rows && layout.end_block() < doc.blocks.len() {
                layout.extend(doc, 4);
            }
        }
    }

    /// Lays out what it takes for `block` to be in the window: the blocks up to it, or a new
    /// window there when it is far from this one.
    fn ensure_block(&mut self, doc: &Document, block: usize) {
        let block = block.min(doc.blocks.len().saturating_sub(1));
        let Some(layout) = self.layout_mut() else { return };
        let (first, end) = (layout.first_block(), layout.end_block());
        if (block >= end && block - end > FAR) || (block < first && first - block > FAR) {
            *layout = Layout::start_at(layout.width, block.saturating_sub(8));
            layout.extend(doc, 16);
            if let Some(p) = self.position_mut() {
                p.scroll = 0;
            }
        } else if block >= end {
            layout.extend(doc, block + 1 - end);
        } else if block < first {
            let added = layout.extend_back(doc, first - block);
            if let Some(p) = self.position_mut() {
                p.scroll += added;
            }
        }
    }

    /// True while idle moments have layout work to do (a brief small enough to lay out whole).
    pub fn pending(&self, doc: &Document) -> bool {
        doc.text.len() <= IDLE_TEXT && !self.layout().is_complete(doc)
    }

    /// Lays out a little more of a brief; true when something was done.
    pub fn idle(&mut self, doc: &Document) -> bool {
        let pending = self.pending(doc);
        if pending && let Some(layout) = self.layout_mut() {
            if layout.end_block() < doc.blocks.len() {
                layout.extend(doc, IDLE_BLOCKS);
            } else {
                let added = layout.extend_back(doc, IDLE_BLOCKS);
                if let Some(p) = self.position_mut() {
                    p.scroll += added;
                }
            }
        }
        pending
    }

    fn max_scroll(&self) -> usize {
        self.layout().rows.len().saturating_sub(self.height())
    }

    /// Scrolls so the cursor's block is on screen (its top, when taller than the view).
    fn keep_cursor_visible(&mut self) {
        let height = self.height();
        let max = self.max_scroll();
        let rows = self.layout().block_rows(self.cursor());
        let Some(position) = self.position_mut() else { return };
        if let Some(rows) = rows {
            if rows.start < position.scroll {
                position.scroll = rows.start;
            } else if rows.end > position.scroll + height {
                position.scroll = rows.end.saturating_sub(height).min(rows.start);
            }
        }
        position.scroll = position.scroll.min(max);
    }

    /// Moves the cursor to the first block that starts on screen, after a scroll.
    fn cursor_to_view(&mut self) {
        let (scroll, height, cursor) = (self.scroll(), self.height(), self.cursor());
        let visible = |r: &Range<usize>| r.start >= scroll && r.start < scroll + height;
        let layout = self.layout();
        if layout.block_rows(cursor).is_some_and(|r| visible(&r)) {
            return;
        }
        let found = layout.laid_out().find(|(_, r)| visible(r)).map(|(block, _)| block);
        if let Some(block) = found
            && let Some(position) = self.position_mut()
        {
            position.cursor = block;
        }
    }

    /// Blocks the cursor stops on (rules and empty blocks are skipped).
    fn is_passage(doc: &Document, block: usize) -> bool {
        doc.blocks
            .get(block)
            .is_some_and(|b| b.kind != BlockKind::Rule && !b.range.is_empty())
    }

    /// `j` / `k`: the next or previous passage.
    pub fn move_cursor(&mut self, doc: &Document, down: bool) {
        let mut cursor = self.cursor();
        loop {
            let next = if down { cursor + 1 } else { cursor.wrapping_sub(1) };
            if next >= doc.blocks.len() {
                break;
            }
            cursor = next;
            if Self::is_passage(doc, cursor) {
                break;
            }
        }
        self.ensure_block(doc, cursor);
        if let Some(position) = self.position_mut() {
            position.cursor = cursor;
        }
        self.keep_cursor_visible();
    }

    /// Scrolls by `delta` rows; the cursor follows onto the screen.
    pub fn scroll_by(&mut self, doc: &Document, delta: isize) {
        // Above the window: lay out the blocks before it first.
        while delta < 0
            && self.scroll() < delta.unsigned_abs()
            && self.layout().first_block() > 0
            && let Some(layout) = self.layout_mut()
        {
            let added = layout.extend_back(doc, BACK_STEP);
            if let Some(p) = self.position_mut() {
                p.scroll += added;
            }
        }
        let wanted = self.scroll().saturating_add_signed(delta) + self.height();
        self.ensure_rows(doc, wanted);
        let max = self.max_scroll();
        if let Some(position) = self.position_mut() {
            position.scroll = position.scroll.saturating_add_signed(delta).min(max);
        }
        self.cursor_to_view();
    }

    pub fn half_page(&self) -> isize {
        isize::try_from(self.height() / 2).unwrap_or(1).max(1)
    }

    pub fn page(&self) -> isize {
        isize::try_from(self.height().saturating_sub(2)).unwrap_or(1).max(1)
    }

    /// `g`: the top of the brief.
    pub fn top(&mut self, doc: &Document) {
        if let Some(position) = self.position_mut() {
            position.cursor = 0;
        }
        self.ensure_block(doc, 0);
        if let Some(position) = self.position_mut() {
            position.scroll = 0;
        }
        self.ensure_rows(doc, 2 * self.height());
    }

    /// `G`: the last passage, with the end of the brief at the bottom of the view. A long brief is
    /// laid out from its end: what is between stays unlaid until the reader goes there.
    pub fn bottom(&mut self, doc: &Document) {
        self.bottom_within(doc, FAR);
    }

    /// `bottom` on a new layout begun at the end, unless the one laid out reaches within `near`
    /// blocks of it: the end part of a large brief shows its last screen without laying out
    /// the part's start first.
    pub fn bottom_within(&mut self, doc: &Document, near: usize) {
        let count = doc.blocks.len();
        let height = self.height();
        if let Some(layout) = self.layout_mut() {
            if count.saturating_sub(layout.end_block()) > near {
                *layout = Layout::start_at(layout.width, count.saturating_sub(1));
            }
            layout.extend(doc, usize::MAX);
            // Enough above the end to fill the view, a few blocks at a time.
            while layout.rows.len() < 2 * height && layout.first_block() > 0 {
                layout.extend_back(doc, 4);
            }
        }
        let last = (0..count).rev().find(|&b| Self::is_passage(doc, b)).unwrap_or(0);
        let max = self.max_scroll();
        if let Some(position) = self.position_mut() {
            position.cursor = last;
            position.scroll = max;
        }
    }

    /// Switches to `brief` with the cursor on `block` (or where it was left), the block near the
    /// top of the view, and `highlight` marked. The caller fits the layout afterwards.
    pub fn show(&mut self, doc: &Document, brief: usize, block: Option<usize>, highlight: Option<Range<usize>>) {
        self.brief = brief;
        self.highlight = highlight;
        let block = block.unwrap_or_else(|| self.cursor());
        if let Some(position) = self.position_mut() {
            position.cursor = block;
        }
        self.fit(doc, self.width, self.height);
        self.ensure_block(doc, block.saturating_sub(2));
        self.ensure_block(doc, block);
        let start = self.layout().block_rows(block).map_or(0, |r| r.start);
        self.ensure_rows(doc, start + 2 * self.height());
        // A jump puts its target near the top of the view, with a little context above.
        let max = self.max_scroll();
        if let Some(position) = self.position_mut() {
            position.scroll = start.saturating_sub(2).min(max);
        }
    }

    /// Puts the cursor on `block` and brings the row showing text offset `offset` into view (a
    /// search match inside a long paragraph).
    pub fn show_offset(&mut self, doc: &Document, block: usize, offset: usize) {
        self.ensure_block(doc, block);
        if let Some(position) = self.position_mut() {
            position.cursor = block;
        }
        self.keep_cursor_visible();
        let Some(row) = self.layout().row_of_offset(block, offset) else {
            return;
        };
        let (height, max) = (self.height(), self.max_scroll());
        if let Some(position) = self.position_mut()
            && (row < position.scroll || row >= position.scroll + height)
        {
            position.scroll = row.saturating_sub(height / 3).min(max);
        }
    }

    /// A click on screen row `row` of the text: the cursor goes to that passage.
    pub fn click(&mut self, row: usize) {
        let row = self.scroll() + row;
        if let Some(block) = self.layout().row_block(row)
            && let Some(position) = self.position_mut()
        {
            position.cursor = block;
        }
    }

    /// The range of text on screen, for marking the side panel's items that are in view.
    pub fn visible_text(&self) -> Range<usize> {
        let layout = self.layout();
        let (scroll, height) = (self.scroll(), self.height());
        let last = layout.rows.len().min(scroll.saturating_add(height));
        let (mut start, mut end) = (usize::MAX, 0);
        for row in scroll.min(last)..last {
            for range in layout.row_segments(row).iter().filter_map(|s| s.range()) {
                start = start.min(range.start);
                end = end.max(range.end);
            }
        }
        if start > end { 0..0 } else { start..end }
    }

    /// Where the cursor's passage starts in `doc`'s text.
    pub fn cursor_offset(&self, doc: &Document) -> usize {
        doc.blocks.get(self.cursor()).map_or(0, |b| b.range.start)
    }

    /// How far through the brief: of rows when laid out whole, else of the text on screen.
    pub fn percent(&self, doc: &Document) -> usize {
        if !self.layout().is_complete(doc) {
            let visible = self.visible_text();
            if visible.end >= doc.text.len() {
                return 100;
            }
            return (self.cursor_offset(doc) * 100)
                .checked_div(doc.text.len())
                .unwrap_or(100);
        }
        (self.scroll() * 100).checked_div(self.max_scroll()).unwrap_or(100)
    }

    /// Every brief's cursor, for the reading state.
    pub fn cursors(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.positions.iter().enumerate().map(|(i, p)| (i, p.cursor))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(paragraphs: usize) -> Document {
        let md: String = (0..paragraphs)
            .map(|i| format!("Paragraph {i} has enough words in it to wrap onto a second row here.\n\n"))
            .collect();
        Document::parse(&md, 0, &md)
    }

    #[test]
    fn the_cursor_moves_over_passages_and_the_view_follows() {
        let d = doc(500);
        let mut r = Reader::new(1, 0);
        r.fit(&d, 30, 10);
        assert!(r.layout().end_block() < 100, "only what the view needs is laid out");
        for _ in 0..10 {
            r.move_cursor(&d, true);
        }
        assert_eq!(r.cursor(), 10);
        let rows = r.layout().block_rows(10).unwrap();
        assert!(
            rows.start >= r.scroll() && rows.end <= r.scroll() + 10,
            "{rows:?} {:?}",
            r.position()
        );
        r.scroll_by(&d, 20);
        let rows = r.layout().block_rows(r.cursor()).unwrap();
        assert!(rows.start >= r.scroll(), "the cursor follows a scroll");
        r.bottom(&d);
        assert_eq!(r.cursor(), 499);
        assert!(!r.pending(&d));
        assert_eq!(r.percent(&d), 100);
        r.top(&d);
        assert_eq!(r.position(), Position::default());
    }

    #[test]
    fn layouts_are_kept_per_brief_and_width_across_jumps() {
        let (a, b) = (doc(300), doc(5));
        let mut r = Reader::new(2, 0);
        r.fit(&a, 40, 10);
        r.bottom(&a);
        r.show(&b, 1, Some(2), Some(0..4));
        assert_eq!((r.brief(), r.cursor(), r.highlight()), (1, 2, Some(&(0..4))));
        r.show(&a, 0, None, None);
        assert!(!r.pending(&a), "the complete layout of brief 0 was kept");
        assert_eq!(r.cursor(), 299, "and where the cursor was");
        r.top(&a);
        r.fit(&a, 20, 10);
        assert!(r.pending(&a), "a new width lays out anew, as far as the view needs");
    }

    #[test]
    fn a_click_puts_the_cursor_on_the_passage_under_it() {
        let d = doc(20);
        let mut r = Reader::new(1, 0);
        r.fit(&d, 30, 8);
        r.scroll_by(&d, 6);
        let scroll = r.scroll();
        r.click(0);
        assert_eq!(r.layout().row_block(scroll), Some(r.cursor()));
    }
}
