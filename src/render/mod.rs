//! Lays a [`Document`] out for a given width: word-wrapped rows whose text segments remember the
//! range of `Document::text` they show, so highlights (quotes, search matches, the passage cursor)
//! and jumps can be mapped to rows. No terminal here either: the UI turns segments into spans.

mod table;
mod verbatim;

use std::ops::Range;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::corpus::document::{Block, BlockKind, Document, style};
use verbatim::{code_rows, plain_rows};

/// What a piece of a row is, so the theme can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Document text; `Segment::range` says which.
    Text,
    /// List marker, footnote label.
    Marker,
    /// The bar in front of block-quoted text.
    QuoteBar,
    /// A link's target, shown after its text.
    LinkTarget,
    /// The rule under a heading, a horizontal rule, table borders.
    Rule,
    /// Indentation.
    Space,
}

/// A piece of a row: document text (a range of `Document::text`) or a decoration with its own
/// text. Kept small (32 bytes): a 10 MB brief lays out into a quarter of a million of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Decoration text (empty for document text).
    pub text: Box<str>,
    start: u32,
    end: u32,
    pub part: Part,
    /// Inline style flags (see `corpus::document::style`).
    pub style: u8,
    /// Display width in columns.
    pub width: u16,
}

impl Segment {
    fn decoration(text: &str, part: Part, style: u8) -> Segment {
        Segment {
            text: text.into(),
            start: 0,
            end: 0,
            part,
            style,
            width: clamp_width(text.width()),
        }
    }

    fn document(range: Range<usize>, style: u8, width: usize) -> Segment {
        Segment {
            text: Box::default(),
            start: offset_u32(range.start),
            end: offset_u32(range.end),
            part: Part::Text,
            style,
            width: clamp_width(width),
        }
    }

    /// For document text: the range of `Document::text` shown.
    pub fn range(&self) -> Option<Range<usize>> {
        (self.part == Part::Text).then_some(self.start as usize..self.end as usize)
    }

    /// What the segment shows: its own text, or its range of the document's text.
    pub fn content<'a>(&'a self, doc_text: &'a str) -> &'a str {
        match self.range() {
            Some(r) => doc_text.get(r).unwrap_or(""),
            None => &self.text,
        }
    }
}

/// Offsets are stored in 32 bits; briefs over 4 GiB are not supported (they would not load).
fn offset_u32(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// A row: the block it belongs to and its segments' place in `Layout::segments`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    block: u32,
    first: u32,
    last: u32,
}

const NO_BLOCK: u32 = u32::MAX;

/// Rows for a window of a document's blocks at one width: the blocks `first..first + n`, laid out
/// block by block. A large brief shows its first screen (or, after `G`, its last) before the rest is
/// laid out, and the window grows at either end as the reader moves. Segments live in one vector,
/// rows index it; row numbers count from the window's first row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    pub width: u16,
    /// The first block laid out.
    first: usize,
    pub rows: Vec<Row>,
    segments: Vec<Segment>,
    /// The rows of each block laid out, from `first`.
    block_rows: Vec<Range<usize>>,
}

impl Layout {
    /// Lays out all of `doc` for `width` columns (at least 1).
    pub fn new(doc: &Document, width: u16) -> Layout {
        let mut layout = Layout::start(width);
        layout.extend(doc, usize::MAX);
        layout
    }

    /// An empty layout for `width` from the first block; call [`Layout::extend`] to fill it.
    pub fn start(width: u16) -> Layout {
        Layout::start_at(width, 0)
    }

    /// An empty layout for `width` whose window starts at block `first`.
    pub fn start_at(width: u16, first: usize) -> Layout {
        Layout {
            width: width.max(1),
            first,
            ..Layout::default()
        }
    }

    /// The first block of the window.
    pub fn first_block(&self) -> usize {
        self.first
    }

    /// One past the last block laid out.
    pub fn end_block(&self) -> usize {
        self.first + self.block_rows.len()
    }

    /// The rows of block `block`, when it is laid out.
    pub fn block_rows(&self, block: usize) -> Option<Range<usize>> {
        self.block_rows.get(block.checked_sub(self.first)?).cloned()
    }

    /// The blocks laid out, with their rows.
    pub fn laid_out(&self) -> impl Iterator<Item = (usize, &Range<usize>)> + '_ {
        self.block_rows.iter().enumerate().map(|(i, r)| (self.first + i, r))
    }

    /// Lays out up to `max_blocks` more blocks after the window; true when every block of `doc`
    /// is laid out.
    pub fn extend(&mut self, doc: &Document, max_blocks: usize) -> bool {
        let width = usize::from(self.width);
        let first = self.end_block();
        let last = doc.blocks.len().min(first.saturating_add(max_blocks));
        for i in first..last {
            let Some(block) = doc.blocks.get(i) else { break };
            if i > self.first && !(is_item(block) && doc.blocks.get(i - 1).is_some_and(is_item)) {
                self.push_row(None, Vec::new());
            }
            let start = self.rows.len();
            for row in block_rows(doc, block, width) {
                self.push_row(Some(i), row);
            }
            self.block_rows.push(start..self.rows.len());
        }
        self.is_complete(doc)
    }

    /// Lays out up to `max_blocks` blocks before the window; the number of rows added at the top
    /// (by which every row number moved down).
    pub fn extend_back(&mut self, doc: &Document, max_blocks: usize) -> usize {
        if self.first == 0 {
            return 0;
        }
        let new_first = self.first.saturating_sub(max_blocks.max(1));
        let mut front = Layout::start_at(self.width, new_first);
        front.extend(doc, self.first - new_first);
        if let Some(block) = doc.blocks.get(self.first)
            && !(is_item(block) && doc.blocks.get(self.first - 1).is_some_and(is_item))
        {
            front.push_row(None, Vec::new());
        }
        let (rows_added, segments_added) = (front.rows.len(), front.segments.len());
        let shift = offset_u32(segments_added);
        front.rows.extend(self.rows.iter().map(|r| Row {
            block: r.block,
            first: r.first.saturating_add(shift),
            last: r.last.saturating_add(shift),
        }));
        front.segments.append(&mut self.segments);
        front
            .block_rows
            .extend(self.block_rows.iter().map(|r| r.start + rows_added..r.end + rows_added));
        *self = front;
        rows_added
    }

    /// Forgets the blocks from `end` on, so the next [`Layout::extend`] lays them out again (their
    /// document changed from there: a longer part of it was parsed).
    pub fn truncate(&mut self, end: usize) {
        let keep = end.saturating_sub(self.first).min(self.block_rows.len());
        let rows = self.block_rows.get(keep.wrapping_sub(1)).map_or(0, |r| r.end);
        self.block_rows.truncate(keep);
        self.rows.truncate(rows);
        let segments = self.rows.last().map_or(0, |r| r.last as usize);
        self.segments.truncate(segments);
    }

    fn push_row(&mut self, block: Option<usize>, segments: Vec<Segment>) {
        let first = offset_u32(self.segments.len());
        self.segments.extend(segments);
        let block = block.map_or(NO_BLOCK, offset_u32);
        self.rows.push(Row {
            block,
            first,
            last: offset_u32(self.segments.len()),
        });
    }

    pub fn is_complete(&self, doc: &Document) -> bool {
        self.first == 0 && self.end_block() >= doc.blocks.len()
    }

    /// The block row `row` belongs to (`None` for the blank rows between blocks).
    pub fn row_block(&self, row: usize) -> Option<usize> {
        self.rows
            .get(row)
            .and_then(|r| (r.block != NO_BLOCK).then_some(r.block as usize))
    }

    /// The segments of row `row`.
    pub fn row_segments(&self, row: usize) -> &[Segment] {
        self.rows
            .get(row)
            .and_then(|r| self.segments.get(r.first as usize..r.last as usize))
            .unwrap_or(&[])
    }

    /// The row of block `block` that shows text offset `offset` (only that block's rows are read).
    pub fn row_of_offset(&self, block: usize, offset: usize) -> Option<usize> {
        self.block_rows(block)?.find(|&row| {
            self.row_segments(row)
                .iter()
                .filter_map(Segment::range)
                .any(|r| r.start <= offset && offset < r.end.max(r.start + 1))
        })
    }

    /// Display width of row `row`.
    pub fn row_width(&self, row: usize) -> usize {
        self.row_segments(row).iter().map(|s| usize::from(s.width)).sum()
    }
}

fn is_item(block: &Block) -> bool {
    matches!(block.kind, BlockKind::ListItem { .. })
}

/// A run of text with one style, or a decoration, before wrapping.
struct Piece {
    /// Decoration text (empty for document text, which `range` names).
    text: String,
    part: Part,
    style: u8,
    range: Option<Range<usize>>,
}

fn block_rows(doc: &Document, block: &Block, width: usize) -> Vec<Vec<Segment>> {
    let bar = "│ ".repeat(usize::from(block.quote_depth));
    let indent = "  ".repeat(usize::from(block.list_depth.saturating_sub(1)));
    let (marker, text_style) = match &block.kind {
        BlockKind::ListItem { marker } => (Some(marker.clone().unwrap_or_default()), 0),
        BlockKind::Footnote { label } => (Some(label.as_ref().map(|l| format!("[{l}]")).unwrap_or_default()), 0),
        BlockKind::Heading(_) => (None, style::STRONG),
        _ => (None, 0),
    };
    let mut first_prefix = vec![seg(&bar, Part::QuoteBar), seg(&indent, Part::Space)];
    let mut next_prefix = first_prefix.clone();
    if let Some(marker) = marker {
        let pad = if marker.is_empty() { 0 } else { marker.width() + 1 };
        if !marker.is_empty() {
            first_prefix.push(seg(&format!("{marker} "), Part::Marker));
        }
        next_prefix.push(seg(&" ".repeat(pad), Part::Space));
    }
    let mut prefix_width = next_prefix.iter().map(|s| usize::from(s.width)).sum::<usize>();
    // Two columns at least are left for the text: a wide character (CJK, most emoji) takes two.
    if prefix_width + 2 > width {
        // Too narrow for the decorations: the text matters more.
        first_prefix.clear();
        next_prefix.clear();
        prefix_width = 0;
    }
    let inner = width.saturating_sub(prefix_width).max(1);
    let mut rows = match &block.kind {
        BlockKind::Rule => vec![vec![seg(&"─".repeat(inner), Part::Rule)]],
        BlockKind::Code => code_rows(doc, block, inner),
        BlockKind::Plain => plain_rows(doc, block, inner),
        BlockKind::Table(table) => table::rows(doc, table, inner),
        _ => wrap(doc, pieces(doc, block, text_style), inner),
    };
    if let BlockKind::Heading(level @ 1..=2) = block.kind {
        let widest = rows
            .iter()
            .map(|r| r.iter().map(|s| usize::from(s.width)).sum::<usize>())
            .max()
            .unwrap_or(0);
        let line = if level == 1 { "═" } else { "─" };
        rows.push(vec![seg(&line.repeat(widest.min(inner)), Part::Rule)]);
    }
    rows.into_iter()
        .enumerate()
        .map(|(i, mut segments)| {
            let mut all = if i == 0 {
                first_prefix.clone()
            } else {
                next_prefix.clone()
            };
            all.retain(|s| s.width > 0);
            all.append(&mut segments);
            all
        })
        .collect()
}

fn seg(text: &str, part: Part) -> Segment {
    Segment::decoration(text, part, 0)
}

fn clamp_width(width: usize) -> u16 {
    u16::try_from(width).unwrap_or(u16::MAX)
}

/// Splits a block's text into styled pieces, with link targets after link text.
fn pieces(doc: &Document, block: &Block, base_style: u8) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut at = block.range.start;
    let text_piece = |range: Range<usize>, style: u8| Piece {
        text: String::new(),
        part: Part::Text,
        style,
        range: Some(range),
    };
    for (i, span) in block.spans.iter().enumerate() {
        if span.range.start > at {
            out.push(text_piece(at..span.range.start, base_style));
        }
        let start = span.range.start.max(at);
        if span.range.end > start {
            out.push(text_piece(start..span.range.end, base_style | span.style));
        }
        at = at.max(span.range.end);
        let continues = block.spans.get(i + 1).is_some_and(|next| {
            next.link.is_some() && next.link == span.link && next.range.start <= span.range.end + 1
        });
        if let Some(target) = span.link.and_then(|l| doc.links.get(l))
            && !continues
            && !target.is_empty()
        {
            out.push(Piece {
                text: format!(" <{target}>"),
                part: Part::LinkTarget,
                style: 0,
                range: None,
            });
        }
    }
    if block.range.end > at {
        out.push(text_piece(at..block.range.end, base_style));
    }
    out
}

/// One unbroken run of a word inside one piece.
struct Fragment<'a> {
    text: &'a str,
    piece: usize,
    /// Offset in `Document::text` for document text.
    offset: Option<usize>,
}

/// Greedy word wrap of pieces into rows of at most `width` columns. A word wider than a row is
/// broken at character boundaries.
fn wrap(doc: &Document, pieces: Vec<Piece>, width: usize) -> Vec<Vec<Segment>> {
    let mut rows: Vec<Vec<Segment>> = vec![Vec::new()];
    let mut column = 0usize;
    let mut word: Vec<Fragment<'_>> = Vec::new();
    for (index, piece) in pieces.iter().enumerate() {
        let text = match &piece.range {
            Some(r) => doc.text.get(r.clone()).unwrap_or(""),
            None => piece.text.as_str(),
        };
        let base = piece.range.as_ref().map(|r| r.start);
        let mut at = 0;
        for (n, line) in text.split('\n').enumerate() {
            if n > 0 {
                // A hard line break: finish the word and start a new row.
                place_word(&mut rows, &mut column, &mut word, &pieces, width);
                rows.push(Vec::new());
                column = 0;
            }
            for (i, part) in line.split(' ').enumerate() {
                if i > 0 {
                    place_word(&mut rows, &mut column, &mut word, &pieces, width);
                }
                if !part.is_empty() {
                    word.push(Fragment {
                        text: part,
                        piece: index,
                        offset: base.map(|b| b + at),
                    });
                }
                at += part.len() + 1;
            }
        }
    }
    place_word(&mut rows, &mut column, &mut word, &pieces, width);
    rows
}

/// The columns `text` takes: printable ASCII (most words) is one column a byte, without the
/// Unicode width tables, which showed in start-up profiles.
fn cells(text: &str) -> usize {
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        text.len()
    } else {
        text.width()
    }
}

/// Puts a finished word on the current row, or the next one when it does not fit.
fn place_word(
    rows: &mut Vec<Vec<Segment>>,
    column: &mut usize,
    word: &mut Vec<Fragment<'_>>,
    pieces: &[Piece],
    width: usize,
) {
    if word.is_empty() {
        return;
    }
    let word_width: usize = word.iter().map(|f| cells(f.text)).sum();
    let mut space_before = false;
    if *column > 0 && *column + 1 + word_width > width {
        rows.push(Vec::new());
        *column = 0;
    } else if *column > 0 {
        space_before = true;
        *column += 1;
    }
    for fragment in word.drain(..) {
        let piece = &pieces[fragment.piece];
        let fragment_width = cells(fragment.text);
        if *column + fragment_width <= width {
            push_segment(
                rows,
                fragment.text,
                piece.part,
                piece.style,
                fragment.offset,
                std::mem::take(&mut space_before),
            );
            *column += fragment_width;
            continue;
        }
        // Too wide: break it where the row ends.
        let mut start = 0;
        for (i, c) in fragment.text.char_indices() {
            let w = c.width().unwrap_or(0);
            if *column + w > width && *column > 0 {
                let head = fragment.text.get(start..i).unwrap_or("");
                push_segment(
                    rows,
                    head,
                    piece.part,
                    piece.style,
                    fragment.offset.map(|o| o + start),
                    std::mem::take(&mut space_before),
                );
                rows.push(Vec::new());
                *column = 0;
                start = i;
            }
            *column += w;
        }
        let tail = fragment.text.get(start..).unwrap_or("");
        push_segment(
            rows,
            tail,
            piece.part,
            piece.style,
            fragment.offset.map(|o| o + start),
            std::mem::take(&mut space_before),
        );
    }
}

/// Appends text to the last row (after a space when `space_before`), extending the last segment
/// when the text continues it: a row of plain words is usually one segment.
fn push_segment(
    rows: &mut [Vec<Segment>],
    text: &str,
    part: Part,
    style: u8,
    offset: Option<usize>,
    space_before: bool,
) {
    if text.is_empty() {
        return;
    }
    let Some(row) = rows.last_mut() else { return };
    let width = cells(text);
    let gap = u16::from(space_before);
    if let Some(last) = row.last_mut()
        && last.part == part
        && last.style == style
    {
        match (last.range(), offset) {
            // Document text that continues the segment (words are separated by one space in it).
            (Some(r), Some(o)) if r.end + usize::from(space_before) == o => {
                last.end = offset_u32(o + text.len());
                last.width = last.width.saturating_add(clamp_width(width)).saturating_add(gap);
                return;
            }
            (None, None) => {
                let joined = if space_before {
                    format!("{} {text}", last.text)
                } else {
                    format!("{}{text}", last.text)
                };
                last.text = joined.into();
                last.width = last.width.saturating_add(clamp_width(width)).saturating_add(gap);
                return;
            }
            _ => {}
        }
    }
    if space_before {
        row.push(Segment::decoration(" ", Part::Space, 0));
    }
    row.push(match (part, offset) {
        (Part::Text, Some(o)) => Segment::document(o..o + text.len(), style, width),
        _ => Segment::decoration(text, part, style),
    });
}

#[cfg(test)]
mod tests;
