//! A brief's body as the reader shows it: a sequence of blocks (passages) over one plain text
//! string. Markup is gone, whitespace is collapsed, untrusted characters are sanitized. Quotes,
//! search and bookmarks all address byte ranges of `Document::text`.

use std::ops::Range;

/// Inline style flags of a span of text.
pub mod style {
    pub const EMPHASIS: u8 = 1;
    pub const STRONG: u8 = 2;
    pub const CODE: u8 = 4;
    pub const STRIKE: u8 = 8;
    pub const LINK: u8 = 16;
    pub const FOOTNOTE: u8 = 32;
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    Heading(u8),
    Paragraph,
    /// A paragraph of a plain-text file: its lines and spacing as written.
    Plain,
    /// A list item's text. `marker` is set on the item's first block only ("•", "1.").
    ListItem {
        marker: Option<String>,
    },
    Code,
    Table(Table),
    Rule,
    /// A footnote definition's text; `label` is set on its first block only.
    Footnote {
        label: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub alignments: Vec<ColumnAlign>,
    /// Rows of cells; each cell is a range of `Document::text`. Row 0 is the header.
    pub rows: Vec<Vec<Range<usize>>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnAlign {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub range: Range<usize>,
    pub style: u8,
    /// Index into `Document::links` for link text.
    pub link: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// Byte range of this block's text in `Document::text`.
    pub range: Range<usize>,
    /// Styled runs inside `range` (text outside any span is plain).
    pub spans: Vec<Span>,
    /// Nesting: block quotes around this block, and list depth (1 for a top-level item).
    pub quote_depth: u8,
    pub list_depth: u8,
    /// 1-based line of the block's start in the source file.
    pub line: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub text: String,
    pub blocks: Vec<Block>,
    /// Link targets, sanitized.
    pub links: Vec<String>,
    /// (text offset, source byte offset) at the start of each text run, ascending in text offset.
    pub(super) source_map: Vec<(usize, usize)>,
    /// Byte offsets of line starts in the source file.
    line_starts: Vec<usize>,
    /// Source offsets where a control character was replaced by a placeholder.
    pub controls: Vec<usize>,
}

impl Document {
    /// Parses Markdown. `body_offset` is where `body` starts in its file (after front matter) and
    /// `file_text` the whole file, so diagnostics and search results can name file lines.
    pub fn parse(body: &str, body_offset: usize, file_text: &str) -> Document {
        let mut doc = super::markdown::build(body, body_offset);
        doc.line_starts = line_starts(file_text);
        // Blocks carry their source byte offset until now; name the line instead.
        for block in &mut doc.blocks {
            block.line = line_col(&doc.line_starts, block.line).0;
        }
        doc
    }

    /// Plain text: paragraphs split at blank lines, every line shown as it is, nothing read as
    /// Markdown.
    pub fn parse_plain(file_text: &str) -> Document {
        let mut doc = super::markdown::build_plain(file_text);
        doc.line_starts = line_starts(file_text);
        for block in &mut doc.blocks {
            block.line = line_col(&doc.line_starts, block.line).0;
        }
        doc
    }

    /// The text of one block.
    pub fn block_text(&self, block: &Block) -> &str {
        self.text.get(block.range.clone()).unwrap_or("")
    }

    /// Index of the block that contains text offset `offset` (or the last block before it).
    pub fn block_at(&self, offset: usize) -> Option<usize> {
        if self.blocks.is_empty() {
            return None;
        }
        let i = self.blocks.partition_point(|b| b.range.start <= offset);
        Some(i.saturating_sub(1))
    }

    /// Headings as (block index, level, text).
    pub fn headings(&self) -> impl Iterator<Item = (usize, u8, &str)> {
        self.blocks.iter().enumerate().filter_map(|(i, b)| match b.kind {
            BlockKind::Heading(level) => Some((i, level, self.block_text(b))),
            _ => None,
        })
    }

    /// The nearest heading at or above block `index`.
    pub fn section_of(&self, index: usize) -> Option<&str> {
        self.blocks.get(..=index)?.iter().rev().find_map(|b| match b.kind {
            BlockKind::Heading(_) => Some(self.block_text(b)),
            _ => None,
        })
    }

    /// The source byte offset that text offset `offset` came from (approximate inside a run
    /// whose whitespace was collapsed).
    pub fn source_offset(&self, offset: usize) -> usize {
        let i = self.source_map.partition_point(|&(t, _)| t <= offset);
        match i.checked_sub(1).and_then(|i| self.source_map.get(i)) {
            Some(&(t, s)) => s + (offset - t),
            None => 0,
        }
    }

    /// 1-based (line, column) in the source file of source byte `offset`.
    pub fn line_col_of_source(&self, offset: usize) -> (usize, usize) {
        line_col(&self.line_starts, offset)
    }

    /// 1-based (line, column) in the source file of text offset `offset`.
    pub fn source_position(&self, offset: usize) -> (usize, usize) {
        line_col(&self.line_starts, self.source_offset(offset))
    }
}

/// Byte offsets where each line of `text` starts.
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
        .collect()
}

/// 1-based (line, column) of byte `offset`, given `line_starts`. The column counts bytes.
pub fn line_col(line_starts: &[usize], offset: usize) -> (usize, usize) {
    let line = line_starts.partition_point(|&s| s <= offset).max(1);
    let start = line_starts.get(line - 1).copied().unwrap_or(0);
    (line, offset.saturating_sub(start) + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(md: &str) -> Document {
        Document::parse(md, 0, md)
    }

    fn texts(doc: &Document) -> Vec<&str> {
        doc.blocks.iter().map(|b| doc.block_text(b)).collect()
    }

    #[test]
    fn blocks_carry_kind_nesting_and_line() {
        let doc = parse("# Title\n\nPara *one*\nwraps.\n\n> quoted\n\n1. first\n   - inner\n2. second\n\n---\n");
        assert_eq!(
            texts(&doc),
            ["Title", "Para one wraps.", "quoted", "first", "inner", "second", ""]
        );
        assert_eq!(doc.blocks[0].kind, BlockKind::Heading(1));
        assert_eq!(doc.blocks[2].quote_depth, 1);
        assert_eq!(
            doc.blocks[3].kind,
            BlockKind::ListItem {
                marker: Some("1.".into())
            }
        );
        assert_eq!(
            (doc.blocks[4].list_depth, doc.blocks[4].kind.clone()),
            (
                2,
                BlockKind::ListItem {
                    marker: Some("•".into())
                }
            )
        );
        assert_eq!(
            doc.blocks[5].kind,
            BlockKind::ListItem {
                marker: Some("2.".into())
            }
        );
        assert_eq!(doc.blocks[6].kind, BlockKind::Rule);
        assert_eq!(
            doc.blocks.iter().map(|b| b.line).collect::<Vec<_>>(),
            [1, 3, 6, 8, 9, 10, 12]
        );
        let emphasis = &doc.blocks[1].spans[0];
        assert_eq!(
            (&doc.text[emphasis.range.clone()], emphasis.style),
            ("one", style::EMPHASIS)
        );
    }

    #[test]
    fn tables_keep_cells_and_alignment() {
        let doc = parse("| a | b |\n|:--|--:|\n| 1 | 22 |\n");
        let BlockKind::Table(table) = &doc.blocks[0].kind else {
            panic!("{:?}", doc.blocks)
        };
        assert_eq!(table.alignments, [ColumnAlign::Left, ColumnAlign::Right]);
        let cells: Vec<Vec<&str>> = table
            .rows
            .iter()
            .map(|r| r.iter().map(|c| &doc.text[c.clone()]).collect())
            .collect();
        assert_eq!(cells, [vec!["a", "b"], vec!["1", "22"]]);
    }

    #[test]
    fn code_keeps_whitespace_and_expands_tabs_links_keep_targets() {
        let doc =
            parse("```\nfn x() {\n\tlet y;\n}\n```\n\nSee [the site](https://example.org) now.[^1]\n\n[^1]: A note.\n");
        assert_eq!(doc.block_text(&doc.blocks[0]), "fn x() {\n    let y;\n}");
        assert_eq!(doc.block_text(&doc.blocks[1]), "See the site now.[1]");
        assert_eq!(doc.links, ["https://example.org"]);
        assert_eq!(
            doc.blocks[2].kind,
            BlockKind::Footnote {
                label: Some("1".into())
            }
        );
    }

    #[test]
    fn entities_that_decode_to_controls_are_neutralised() {
        let doc = parse("a &#27;[2J b &#x9b;c\n");
        assert_eq!(doc.block_text(&doc.blocks[0]), "a \u{241b}[2J b \u{fffd}c");
        assert_eq!(doc.controls.len(), 2);
    }

    /// Every block and span range is inside the text and on character boundaries.
    fn assert_ranges_in_text(doc: &Document) {
        let text = &doc.text;
        let spans = doc.blocks.iter().flat_map(|b| b.spans.iter().map(|s| s.range.clone()));
        for range in doc.blocks.iter().map(|b| b.range.clone()).chain(spans) {
            assert!(
                range.start <= range.end && range.end <= text.len(),
                "{range:?} outside {text:?} in {:?}",
                doc.blocks
            );
            assert!(
                text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
                "{range:?} splits a character of {text:?}"
            );
        }
    }

    #[test]
    fn an_empty_code_block_at_the_end_starts_inside_the_text() {
        for md in [
            "a\n\n```",
            "a\n\n```\n\n\n",
            "a\n\n    \n",
            "```\n```",
            "a\n\n~~~\n\n~~~\n\nb",
        ] {
            let doc = parse(md);
            assert_ranges_in_text(&doc);
        }
        let doc = parse("a\n\n```");
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(doc.blocks[1].kind, BlockKind::Code);
        assert_eq!(doc.block_text(&doc.blocks[1]), "");
        assert_eq!(doc.blocks[1].range, 2..2, "after the separator, inside {:?}", doc.text);
    }

    proptest::proptest! {
        #[test]
        fn block_and_span_ranges_stay_in_the_text(
            md in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "é", "😀", " ", "\n", "\n\n", "```", "~~~", "    ", "\t", "*", "_", "`", "#", "> ",
                    "- ", "1. ", "|", "---", "[x](y)", "![i](j)", "<b>", "</b>", "<!", "[^1]", "\\", "\0", "&#27;", "\r",
                ]),
                0..40,
            )
        ) {
            let md = md.concat();
            assert_ranges_in_text(&parse(&md));
        }
    }

    #[test]
    fn source_positions_point_into_the_file() {
        let file = "+++\ntitle = \"x\"\n+++\n\nFirst line.\n\nSecond *para*.\n";
        let body_offset = file.find("\nFirst").unwrap();
        let doc = Document::parse(&file[body_offset..], body_offset, file);
        let at = doc.text.find("para").unwrap();
        assert_eq!(doc.source_position(at), (7, 9));
        assert_eq!(doc.section_of(1), None);
    }
}
