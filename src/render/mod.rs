//! Lays a [`Document`] out for a given width: word-wrapped rows whose text segments remember the
//! range of `Document::text` they show, so highlights (quotes, search matches, the passage cursor)
//! and jumps can be mapped to rows. No terminal here either: the UI turns segments into spans.

mod table;

use std::ops::Range;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::corpus::document::{Block, BlockKind, Document, style};

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

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub part: Part,
    /// Inline style flags (see `corpus::document::style`).
    pub style: u8,
    /// For `Part::Text`: the range of `Document::text` shown.
    pub range: Option<Range<usize>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The block this row belongs to (`None` for the blank rows between blocks).
    pub block: Option<usize>,
    pub segments: Vec<Segment>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    pub width: u16,
    pub rows: Vec<Row>,
    /// The rows of each block.
    pub block_rows: Vec<Range<usize>>,
}

impl Layout {
    /// Lays out `doc` for `width` columns (at least 1).
    pub fn new(doc: &Document, width: u16) -> Layout {
        let width = width.max(1);
        let mut layout = Layout {
            width,
            rows: Vec::new(),
            block_rows: Vec::with_capacity(doc.blocks.len()),
        };
        for (i, block) in doc.blocks.iter().enumerate() {
            if i > 0 && !(is_item(block) && doc.blocks.get(i - 1).is_some_and(is_item)) {
                layout.rows.push(Row {
                    block: None,
                    segments: Vec::new(),
                });
            }
            let start = layout.rows.len();
            layout.rows.extend(block_rows(doc, i, block, usize::from(width)));
            layout.block_rows.push(start..layout.rows.len());
        }
        layout
    }

    /// The row that shows text offset `offset`.
    pub fn row_of_offset(&self, offset: usize) -> Option<usize> {
        self.rows.iter().position(|row| {
            row.segments.iter().any(|s| {
                s.range
                    .as_ref()
                    .is_some_and(|r| r.start <= offset && offset < r.end.max(r.start + 1))
            })
        })
    }
}

fn is_item(block: &Block) -> bool {
    matches!(block.kind, BlockKind::ListItem { .. })
}

/// A run of text with one style, or a decoration, before wrapping.
struct Piece {
    text: String,
    part: Part,
    style: u8,
    /// Start of the piece in `Document::text` (text pieces only).
    start: Option<usize>,
}

fn block_rows(doc: &Document, index: usize, block: &Block, width: usize) -> Vec<Row> {
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
    let mut prefix_width = next_prefix.iter().map(|s| s.text.width()).sum::<usize>();
    if prefix_width >= width {
        // Too narrow for the decorations: the text matters more.
        first_prefix.clear();
        next_prefix.clear();
        prefix_width = 0;
    }
    let inner = width.saturating_sub(prefix_width).max(1);
    let mut rows = match &block.kind {
        BlockKind::Rule => vec![vec![seg(&"─".repeat(inner), Part::Rule)]],
        BlockKind::Code => code_rows(doc, block, inner),
        BlockKind::Table(table) => table::rows(doc, table, inner),
        _ => wrap(pieces(doc, block, text_style), inner),
    };
    if let BlockKind::Heading(level @ 1..=2) = block.kind {
        let widest = rows
            .iter()
            .map(|r| r.iter().map(|s| s.text.width()).sum::<usize>())
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
            all.retain(|s| !s.text.is_empty());
            all.append(&mut segments);
            Row {
                block: Some(index),
                segments: all,
            }
        })
        .collect()
}

fn seg(text: &str, part: Part) -> Segment {
    Segment {
        text: text.to_owned(),
        part,
        style: 0,
        range: None,
    }
}

/// Splits a block's text into styled pieces, with link targets after link text.
fn pieces(doc: &Document, block: &Block, base_style: u8) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut at = block.range.start;
    let text_piece = |range: Range<usize>, style: u8| Piece {
        text: doc.text.get(range.clone()).unwrap_or("").to_owned(),
        part: Part::Text,
        style,
        start: Some(range.start),
    };
    for span in &block.spans {
        if span.range.start > at {
            out.push(text_piece(at..span.range.start, base_style));
        }
        let start = span.range.start.max(at);
        if span.range.end > start {
            out.push(text_piece(start..span.range.end, base_style | span.style));
        }
        at = at.max(span.range.end);
        let next_same_link = block.spans.iter().any(|s| {
            s.link.is_some()
                && s.link == span.link
                && s.range.start >= span.range.end
                && s.range.start <= span.range.end + 1
        });
        if let Some(target) = span.link.and_then(|l| doc.links.get(l))
            && !next_same_link
            && !target.is_empty()
        {
            out.push(Piece {
                text: format!(" <{target}>"),
                part: Part::LinkTarget,
                style: 0,
                start: None,
            });
        }
    }
    if block.range.end > at {
        out.push(text_piece(at..block.range.end, base_style));
    }
    out
}

/// Greedy word wrap of pieces into rows of at most `width` columns. Words wider than a row are
/// broken at character boundaries.
fn wrap(pieces: Vec<Piece>, width: usize) -> Vec<Vec<Segment>> {
    let mut rows: Vec<Vec<Segment>> = vec![Vec::new()];
    let mut column = 0usize;
    // Words: runs of non-space characters, possibly spanning pieces; spaces separate them.
    let mut word: Vec<(char, Part, u8, Option<usize>)> = Vec::new();
    let flush_word =
        |word: &mut Vec<(char, Part, u8, Option<usize>)>, rows: &mut Vec<Vec<Segment>>, column: &mut usize| {
            if word.is_empty() {
                return;
            }
            let word_width: usize = word.iter().map(|(c, ..)| c.width().unwrap_or(0)).sum();
            let needs_space = *column > 0;
            if needs_space && *column + 1 + word_width > width {
                rows.push(Vec::new());
                *column = 0;
            } else if needs_space {
                push_char(rows, ' ', Part::Space, 0, None);
                *column += 1;
            }
            for &(c, part, style, offset) in word.iter() {
                let w = c.width().unwrap_or(0);
                if *column + w > width && *column > 0 {
                    rows.push(Vec::new());
                    *column = 0;
                }
                push_char(rows, c, part, style, offset);
                *column += w;
            }
            word.clear();
        };
    for piece in pieces {
        for (i, c) in piece.text.char_indices() {
            if c == ' ' || c == '\n' {
                flush_word(&mut word, &mut rows, &mut column);
                continue;
            }
            word.push((c, piece.part, piece.style, piece.start.map(|s| s + i)));
        }
    }
    flush_word(&mut word, &mut rows, &mut column);
    rows
}

/// Appends one character to the last row, extending the last segment when it continues it.
fn push_char(rows: &mut [Vec<Segment>], c: char, part: Part, style: u8, offset: Option<usize>) {
    let Some(row) = rows.last_mut() else { return };
    if let Some(last) = row.last_mut()
        && last.part == part
        && last.style == style
        && match (&mut last.range, offset) {
            (Some(r), Some(o)) => r.end == o,
            (None, None) => true,
            _ => false,
        }
    {
        last.text.push(c);
        if let Some(r) = &mut last.range {
            r.end += c.len_utf8();
        }
        return;
    }
    row.push(Segment {
        text: c.to_string(),
        part,
        style,
        range: offset.map(|o| o..o + c.len_utf8()),
    });
}

/// Code keeps its lines and spaces; a line wider than the pane continues on the next row.
fn code_rows(doc: &Document, block: &Block, width: usize) -> Vec<Vec<Segment>> {
    let mut rows = Vec::new();
    let text = doc.block_text(block);
    let mut offset = block.range.start;
    for line in text.split('\n') {
        let mut row: Vec<Segment> = Vec::new();
        let mut column = 0;
        let mut rows_of_line = vec![];
        for (i, c) in line.char_indices() {
            let w = c.width().unwrap_or(0);
            if column + w > width && column > 0 {
                rows_of_line.push(std::mem::take(&mut row));
                column = 0;
            }
            let mut one = vec![row];
            push_char(&mut one, c, Part::Text, style::CODE, Some(offset + i));
            row = one.pop().unwrap_or_default();
            column += w;
        }
        rows_of_line.push(row);
        rows.extend(rows_of_line);
        offset += line.len() + 1;
    }
    rows
}

/// Display width of a row.
pub fn row_width(row: &Row) -> usize {
    row.segments.iter().map(|s| s.text.width()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(layout: &Layout) -> Vec<String> {
        layout
            .rows
            .iter()
            .map(|r| r.segments.iter().map(|s| s.text.as_str()).collect())
            .collect()
    }

    fn doc(md: &str) -> Document {
        Document::parse(md, 0, md)
    }

    #[test]
    fn paragraphs_wrap_at_words_and_keep_offsets() {
        let d = doc("The quick brown fox jumps over the lazy dog.");
        let layout = Layout::new(&d, 16);
        assert_eq!(plain(&layout), ["The quick brown", "fox jumps over", "the lazy dog."]);
        for row in &layout.rows {
            for s in row.segments.iter().filter(|s| s.part == Part::Text) {
                assert_eq!(&d.text[s.range.clone().unwrap()], s.text);
            }
        }
        assert_eq!(layout.row_of_offset(d.text.find("lazy").unwrap()), Some(2));
    }

    #[test]
    fn lists_quotes_and_headings_get_their_decorations() {
        let d = doc("# Head\n\n> quoted words here\n\n- one two three\n  - nested\n\n---\n");
        let layout = Layout::new(&d, 12);
        assert_eq!(
            plain(&layout),
            [
                "Head",
                "════",
                "",
                "│ quoted",
                "│ words here",
                "",
                "• one two",
                "  three",
                "  • nested",
                "",
                "────────────"
            ]
        );
    }

    #[test]
    fn long_words_break_and_nothing_exceeds_the_width() {
        let d = doc("Supercalifragilistic word\n\n```\nlet x = 1234567890;\n```\n");
        for width in 1..30u16 {
            let layout = Layout::new(&d, width);
            for row in &layout.rows {
                assert!(row_width(row) <= usize::from(width), "width {width}: {row:?}");
            }
        }
    }

    #[test]
    fn link_targets_are_visible() {
        let d = doc("See [the paper](https://example.org/p) now.");
        assert_eq!(
            plain(&Layout::new(&d, 80)),
            ["See the paper <https://example.org/p> now."]
        );
    }
}
