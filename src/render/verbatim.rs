//! Blocks whose lines are kept as written: plain text (wrapped at words when too long) and code
//! (continued on the next row).

use std::ops::Range;

use unicode_width::UnicodeWidthStr;

use super::*;
use crate::corpus::document::{Block, Document, style};

/// Plain text keeps its lines: a line that fits is shown exactly as written (spacing and all); a
/// longer one wraps at words, its continuation rows indented as the line is.
pub(super) fn plain_rows(doc: &Document, block: &Block, width: usize) -> Vec<Vec<Segment>> {
    let mut rows = Vec::new();
    let text = doc.block_text(block);
    let mut offset = block.range.start;
    for line in text.split('\n') {
        let line_width = line.width();
        if line_width <= width {
            let mut row = Vec::new();
            if !line.is_empty() {
                row.push(Segment::document(offset..offset + line.len(), 0, line_width));
            }
            rows.push(row);
        } else {
            let body = line.trim_start_matches(' ');
            let indent = (line.len() - body.len()).min(width / 2);
            let piece = Piece {
                text: String::new(),
                part: Part::Text,
                style: 0,
                range: Some(offset + (line.len() - body.len())..offset + line.len()),
            };
            for mut row in wrap(doc, vec![piece], width.saturating_sub(indent).max(1)) {
                if indent > 0 {
                    row.insert(0, seg(&" ".repeat(indent), Part::Space));
                }
                rows.push(row);
            }
        }
        offset += line.len() + 1;
    }
    rows
}

/// Code keeps its lines and spaces; a line wider than the pane continues on the next row.
pub(super) fn code_rows(doc: &Document, block: &Block, width: usize) -> Vec<Vec<Segment>> {
    let mut rows = Vec::new();
    let text = doc.block_text(block);
    let mut offset = block.range.start;
    for line in text.split('\n') {
        let mut row_start = 0;
        let mut column = 0;
        for (i, c) in line.char_indices() {
            let w = c.width().unwrap_or(0);
            if column + w > width && column > 0 {
                rows.push(code_segment(line, row_start..i, offset));
                row_start = i;
                column = 0;
            }
            column += w;
        }
        rows.push(code_segment(line, row_start..line.len(), offset));
        offset += line.len() + 1;
    }
    rows
}

fn code_segment(line: &str, range: Range<usize>, line_offset: usize) -> Vec<Segment> {
    let text = line.get(range.clone()).unwrap_or("");
    if text.is_empty() {
        return Vec::new();
    }
    vec![Segment::document(
        line_offset + range.start..line_offset + range.end,
        style::CODE,
        text.width(),
    )]
}
