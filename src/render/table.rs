//! Tables: columns sized to their content, shrunk to fit the pane, cells wrapped inside their
//! column so rows stay aligned instead of wrapping into rubble.

use unicode_width::UnicodeWidthStr;

use super::{Part, Piece, Segment, seg, wrap};
use crate::corpus::document::{ColumnAlign, Document, Table, style};

pub(super) fn rows(doc: &Document, table: &Table, width: usize) -> Vec<Vec<Segment>> {
    let columns = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    if columns == 0 {
        return Vec::new();
    }
    let cell_text = |r: &std::ops::Range<usize>| doc.text.get(r.clone()).unwrap_or("");
    let mut widths: Vec<usize> = (0..columns)
        .map(|c| {
            table
                .rows
                .iter()
                .filter_map(|row| row.get(c))
                .map(|r| cell_text(r).width())
                .max()
                .unwrap_or(0)
                .max(1)
        })
        .collect();
    // Separators: " │ " between columns.
    let available = width.saturating_sub(3 * (columns - 1)).max(columns);
    while widths.iter().sum::<usize>() > available {
        // Shrink the widest column one step at a time: narrow columns keep their content whole.
        let Some((widest, _)) = widths.iter().enumerate().max_by_key(|(_, w)| **w) else {
            break;
        };
        if widths[widest] <= 1 {
            break;
        }
        widths[widest] -= 1;
    }
    let mut out = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        let header = r == 0;
        let cells: Vec<Vec<Vec<Segment>>> = (0..columns)
            .map(|c| match row.get(c) {
                Some(range) => {
                    let piece = Piece {
                        text: String::new(),
                        part: Part::Text,
                        style: if header { style::STRONG } else { 0 },
                        range: Some(range.clone()),
                    };
                    wrap(doc, vec![piece], widths[c])
                }
                None => vec![Vec::new()],
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(1);
        for line in 0..height {
            let mut segments = Vec::new();
            for (c, cell) in cells.iter().enumerate() {
                if c > 0 {
                    segments.push(seg(" │ ", Part::Rule));
                }
                let content = cell.get(line).cloned().unwrap_or_default();
                let used: usize = content.iter().map(|s| usize::from(s.width)).sum();
                let free = widths[c].saturating_sub(used);
                let align = table.alignments.get(c).copied().unwrap_or(ColumnAlign::Left);
                let (left, right) = match align {
                    ColumnAlign::Left => (0, free),
                    ColumnAlign::Right => (free, 0),
                    ColumnAlign::Center => (free / 2, free - free / 2),
                };
                segments.push(seg(&" ".repeat(left), Part::Space));
                segments.extend(content);
                if c + 1 < columns {
                    segments.push(seg(&" ".repeat(right), Part::Space));
                }
            }
            segments.retain(|s| s.width > 0);
            out.push(segments);
        }
        if header {
            let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
            out.push(vec![seg(&rule.join("─┼─"), Part::Rule)]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::corpus::document::Document;
    use crate::render::Layout;

    #[test]
    fn columns_align_and_narrow_tables_wrap_inside_cells() {
        let md = "| Year | Attacks |\n|---|--:|\n| 2023 | over 650 |\n| 2025 | nearly five hundred |\n";
        let d = Document::parse(md, 0, md);
        let rows = |w| -> Vec<String> {
            {
                let layout = Layout::new(&d, w);
                (0..layout.rows.len())
                    .map(|i| layout.row_segments(i).iter().map(|s| s.content(&d.text)).collect())
                    .collect()
            }
        };
        assert_eq!(
            rows(40),
            [
                "Year │             Attacks",
                "─────┼────────────────────",
                "2023 │            over 650",
                "2025 │ nearly five hundred"
            ]
        );
        assert_eq!(
            rows(16),
            [
                "Year │   Attacks",
                "─────┼──────────",
                "2023 │  over 650",
                "2025 │    nearly",
                "     │      five",
                "     │   hundred"
            ]
        );
    }
}
