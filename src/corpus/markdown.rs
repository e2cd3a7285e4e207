//! Markdown to a [`Document`]: pulldown-cmark's events become blocks over one plain text string,
//! with inline styles as spans, whitespace collapsed (code kept verbatim), untrusted characters
//! sanitized, and a map from text offsets back to the source file.

use std::ops::Range;

use pulldown_cmark::{Alignment, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::document::{Block, BlockKind, ColumnAlign, Document, Span, Table, style};
use crate::sanitize::{is_unsafe, sanitize_line};

mod raw_html;

/// Builds the document of a Markdown `body` that starts `body_offset` bytes into its file. Block
/// lines are still source offsets; the caller names lines.
pub fn build(body: &str, body_offset: usize) -> Document {
    let mut builder = Builder::new();
    // The text is at most about the body's size: reserving it once avoids growing by doubling,
    // which would briefly hold two copies of a large brief.
    builder.doc.text.reserve(body.len());
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        builder.event(event, range.start + body_offset);
    }
    builder.finish_leaf();
    builder.doc
}

/// Builds the document of a plain-text file: a paragraph per run of non-blank lines, each line
/// kept (a line break inside the paragraph), spaces and indentation kept, nothing interpreted.
pub fn build_plain(text: &str) -> Document {
    let mut builder = Builder::new();
    builder.doc.text.reserve(text.len());
    let mut paragraph: Option<(usize, usize)> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (&mut paragraph, blank) {
            (Some((_, end)), false) => *end = offset + line.len(),
            (None, false) => paragraph = Some((offset, offset + line.len())),
            (Some(_), true) => {
                if let Some((start, end)) = paragraph.take() {
                    builder.plain_paragraph(text, start..end);
                }
            }
            (None, true) => {}
        }
        offset += line.len();
    }
    if let Some((start, end)) = paragraph {
        builder.plain_paragraph(text, start..end);
    }
    builder.doc
}

enum Container {
    Quote,
    List { next: Option<u64> },
    Item { marker: Option<String> },
    Footnote { label: Option<String> },
}

struct Leaf {
    kind: BlockKind,
    start: usize,
    line_source: usize,
    /// Code blocks keep their whitespace.
    verbatim: bool,
}

struct TableBuild {
    alignments: Vec<ColumnAlign>,
    rows: Vec<Vec<Range<usize>>>,
    cell_start: Option<usize>,
    start: usize,
    source: usize,
}

struct Builder {
    doc: Document,
    containers: Vec<Container>,
    leaf: Option<Leaf>,
    table: Option<TableBuild>,
    /// Open inline styles, innermost last: (flag, link index).
    styles: Vec<(u8, Option<usize>)>,
    /// Styled runs of the blocks not yet finished.
    spans: Vec<Span>,
    pending_space: bool,
    /// An HTML block being collected: its text, and (offset in it, source offset) per line.
    html: Option<(String, Vec<(usize, usize)>)>,
    /// Links opened by `<a href>` and not yet closed, as depths in `styles`.
    html_links: Vec<usize>,
    /// A Markdown image is open: its alt text follows `[image`; set until the first text.
    image_open: Option<bool>,
}

impl Builder {
    fn new() -> Builder {
        Builder {
            doc: Document::default(),
            containers: Vec::new(),
            leaf: None,
            table: None,
            styles: Vec::new(),
            spans: Vec::new(),
            pending_space: false,
            html: None,
            html_links: Vec::new(),
            image_open: None,
        }
    }

    /// The source offset of the end of the text so far.
    fn current_source(&self) -> usize {
        self.doc
            .source_map
            .last()
            .map_or(0, |&(text, source)| source + self.doc.text.len().saturating_sub(text))
    }

    /// A line break inside the current block: kept as '\n', which quote matching folds to a space.
    fn hard_break(&mut self) {
        let leaf_start = self.leaf.as_ref().map(|l| l.start);
        if leaf_start.is_some_and(|start| self.doc.text.len() > start) && !self.doc.text.ends_with('\n') {
            self.doc.text.push('\n');
            self.pending_space = false;
        }
    }

    /// One plain-text paragraph, its lines kept as they are.
    fn plain_paragraph(&mut self, text: &str, range: Range<usize>) {
        self.start_leaf(BlockKind::Plain, range.start);
        if let Some(leaf) = &mut self.leaf {
            leaf.verbatim = true;
        }
        let paragraph = text.get(range.clone()).unwrap_or("").trim_end();
        self.push_text(&paragraph.replace("\r\n", "\n"), range.start, 0);
        self.finish_leaf();
    }

    fn depths(&self) -> (u8, u8) {
        let quotes = self.containers.iter().filter(|c| matches!(c, Container::Quote)).count();
        let lists = self
            .containers
            .iter()
            .filter(|c| matches!(c, Container::Item { .. }))
            .count();
        (clamp_u8(quotes), clamp_u8(lists))
    }

    /// Starts a leaf block unless one is open. Inside a list item or footnote the first block takes
    /// the item's marker.
    fn start_leaf(&mut self, kind: BlockKind, source: usize) {
        if self.leaf.is_some() {
            return;
        }
        let kind = match kind {
            BlockKind::Paragraph => self.container_kind(),
            other => other,
        };
        if !self.doc.text.is_empty() {
            self.doc.text.push('\n');
        }
        self.pending_space = false;
        self.leaf = Some(Leaf {
            verbatim: kind == BlockKind::Code,
            kind,
            start: self.doc.text.len(),
            line_source: source,
        });
    }

    /// A paragraph inside an item or footnote becomes an item or footnote block.
    fn container_kind(&mut self) -> BlockKind {
        for container in self.containers.iter_mut().rev() {
            match container {
                Container::Item { marker } => {
                    return BlockKind::ListItem { marker: marker.take() };
                }
                Container::Footnote { label } => {
                    return BlockKind::Footnote { label: label.take() };
                }
                Container::Quote => return BlockKind::Paragraph,
                Container::List { .. } => {}
            }
        }
        BlockKind::Paragraph
    }

    fn finish_leaf(&mut self) {
        let Some(leaf) = self.leaf.take() else {
            return;
        };
        if leaf.verbatim {
            // Only the block's own trailing newlines go: the separator before it stays, or an
            // empty block would start past the end of the text.
            while self.doc.text.len() > leaf.start && self.doc.text.ends_with('\n') {
                self.doc.text.pop();
            }
        }
        let end = self.doc.text.len().max(leaf.start);
        let (quote_depth, list_depth) = self.depths();
        let line = leaf.line_source;
        let mut spans = self.take_spans(leaf.start);
        // Trimming may have cut the end of a span.
        spans.retain_mut(|span| {
            span.range.end = span.range.end.min(end);
            span.range.start < span.range.end
        });
        self.doc.blocks.push(Block {
            kind: leaf.kind,
            range: leaf.start..end,
            spans,
            quote_depth,
            list_depth,
            line,
        });
        self.pending_space = false;
    }

    fn take_spans(&mut self, start: usize) -> Vec<Span> {
        let keep = self.spans.partition_point(|s| s.range.start < start);
        self.spans.split_off(keep)
    }

    fn push_text(&mut self, text: &str, source: usize, extra_style: u8) {
        if self.leaf.is_none() {
            self.start_leaf(BlockKind::Paragraph, source);
        }
        let verbatim = self.leaf.as_ref().is_some_and(|l| l.verbatim);
        let start = self.doc.text.len();
        if verbatim {
            self.doc.source_map.push((start, source));
            if text.chars().any(|c| c != '\n' && c != '\t' && is_unsafe(c)) {
                self.doc.controls.push(source);
            }
            for (i, line) in text.split('\n').enumerate() {
                if i > 0 {
                    self.doc.text.push('\n');
                }
                let column = self.doc.text.len() - self.doc.text.rfind('\n').map_or(0, |p| p + 1);
                let expanded = sanitize_line(&format!("{}{}", " ".repeat(column), line));
                self.doc.text.push_str(expanded.get(column..).unwrap_or(""));
            }
        } else {
            // Word by word in one pass over the bytes: whitespace runs collapse to one space, clean
            // words are copied whole; only non-ASCII characters are decoded.
            let leaf_start = self.leaf.as_ref().map_or(0, |l| l.start);
            let bytes = text.as_bytes();
            let mut mapped = false;
            let mut at = 0;
            while at < bytes.len() {
                let (width, space, unsafe_char) = classify(text, at);
                if space {
                    if self.doc.text.len() > leaf_start && !self.doc.text.ends_with('\n') {
                        self.pending_space = true;
                    }
                    at += width;
                    continue;
                }
                let word_start = at;
                let mut clean = !unsafe_char;
                at += width;
                while at < bytes.len() {
                    let (width, space, unsafe_char) = classify(text, at);
                    if space {
                        break;
                    }
                    clean &= !unsafe_char;
                    at += width;
                }
                let word = text.get(word_start..at).unwrap_or("");
                if self.pending_space {
                    self.doc.text.push(' ');
                    self.pending_space = false;
                }
                if !mapped {
                    self.doc.source_map.push((self.doc.text.len(), source + word_start));
                    mapped = true;
                }
                if clean {
                    self.doc.text.push_str(word);
                } else {
                    self.doc.controls.push(source);
                    self.doc.text.push_str(&sanitize_line(word));
                }
            }
        }
        let end = self.doc.text.len();
        let (mut flags, mut link) = (extra_style, None);
        for &(flag, l) in &self.styles {
            flags |= flag;
            link = l.or(link);
        }
        if flags != 0 && end > start {
            // A leading collapsed space belongs to the plain text before the span.
            let span_start = if self.doc.text.as_bytes().get(start) == Some(&b' ') && !verbatim {
                start + 1
            } else {
                start
            };
            self.spans.push(Span {
                range: span_start..end,
                style: flags,
                link,
            });
        }
    }

    fn event(&mut self, event: Event<'_>, source: usize) {
        match event {
            Event::Start(tag) => self.start(tag, source),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.html.is_some() => {
                if let Some((buffer, map)) = &mut self.html {
                    map.push((buffer.len(), source));
                    buffer.push_str(&text);
                }
            }
            Event::Text(text) => {
                if self.image_open == Some(false) {
                    self.image_open = Some(true);
                    self.push_text(": ", source, 0);
                }
                self.push_text(&text, source, 0);
            }
            Event::Code(text) | Event::InlineMath(text) | Event::DisplayMath(text) => {
                self.push_text(&text, source, style::CODE);
            }
            Event::Html(text) => match &mut self.html {
                Some((buffer, map)) => {
                    map.push((buffer.len(), source));
                    buffer.push_str(&text);
                }
                None => self.html(&text, &[(0, source)], true),
            },
            Event::InlineHtml(text) => self.html(&text, &[(0, source)], false),
            Event::FootnoteReference(label) => {
                self.push_text(&format!("[{label}]"), source, style::FOOTNOTE);
            }
            Event::SoftBreak => self.pending_space = true,
            Event::HardBreak => self.hard_break(),
            Event::Rule => {
                self.finish_leaf();
                self.start_leaf(BlockKind::Rule, source);
                self.finish_leaf();
            }
            Event::TaskListMarker(done) => {
                self.push_text(if done { "[x] " } else { "[ ] " }, source, 0);
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>, source: usize) {
        match tag {
            Tag::Paragraph => {
                self.finish_leaf();
                self.start_leaf(BlockKind::Paragraph, source);
            }
            Tag::Heading { level, .. } => {
                self.finish_leaf();
                self.start_leaf(BlockKind::Heading(heading_level(level)), source);
            }
            Tag::CodeBlock(_) => {
                self.finish_leaf();
                self.start_leaf(BlockKind::Code, source);
            }
            Tag::HtmlBlock => {
                self.finish_leaf();
                self.html = Some((String::new(), Vec::new()));
            }
            Tag::BlockQuote(_) => {
                self.finish_leaf();
                self.containers.push(Container::Quote);
            }
            Tag::List(first) => {
                self.finish_leaf();
                self.containers.push(Container::List { next: first });
            }
            Tag::Item => {
                self.finish_leaf();
                let marker = match self.containers.last_mut() {
                    Some(Container::List { next: Some(n) }) => {
                        let m = format!("{n}.");
                        *n += 1;
                        m
                    }
                    _ => "•".to_owned(),
                };
                self.containers.push(Container::Item { marker: Some(marker) });
            }
            Tag::FootnoteDefinition(label) => {
                self.finish_leaf();
                self.containers.push(Container::Footnote {
                    label: Some(sanitize_line(&label)),
                });
            }
            Tag::Table(alignments) => {
                self.finish_leaf();
                if !self.doc.text.is_empty() {
                    self.doc.text.push('\n');
                }
                self.table = Some(TableBuild {
                    alignments: alignments.iter().map(column_align).collect(),
                    rows: Vec::new(),
                    cell_start: None,
                    start: self.doc.text.len(),
                    source,
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(table) = &mut self.table {
                    if !table.rows.is_empty() {
                        self.doc.text.push('\n');
                    }
                    table.rows.push(Vec::new());
                }
            }
            Tag::TableCell => {
                if let Some(table) = &mut self.table {
                    if table.rows.last().is_some_and(|r| !r.is_empty()) {
                        self.doc.text.push_str(" | ");
                    }
                    table.cell_start = Some(self.doc.text.len());
                    // Cells collapse whitespace like paragraphs, inside the table's block.
                    self.leaf = Some(Leaf {
                        kind: BlockKind::Paragraph,
                        start: self.doc.text.len(),
                        line_source: source,
                        verbatim: false,
                    });
                    self.pending_space = false;
                }
            }
            Tag::Emphasis => self.styles.push((style::EMPHASIS, None)),
            Tag::Strong => self.styles.push((style::STRONG, None)),
            Tag::Strikethrough => self.styles.push((style::STRIKE, None)),
            Tag::Image { .. } => {
                // An image is its description; its file is not a place to go. Inside a link (a
                // badge) it leads where the link does.
                self.styles.push((0, None));
                self.push_text("[image", source, 0);
                self.image_open = Some(false);
            }
            Tag::Link { dest_url, .. } => {
                self.doc.links.push(sanitize_line(&dest_url));
                let index = self.doc.links.len() - 1;
                self.styles.push((style::LINK, Some(index)));
            }
            Tag::Superscript
            | Tag::Subscript
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::HtmlBlock => {
                if let Some((buffer, map)) = self.html.take() {
                    self.html(&buffer, &map, true);
                }
                self.finish_leaf();
                // Links left open by the block's markup end with it.
                while let Some(depth) = self.html_links.pop() {
                    self.styles.truncate(depth.saturating_sub(1));
                }
            }
            TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock => {
                self.finish_leaf();
                // An inline `<a>` never closed ends with its paragraph.
                while let Some(depth) = self.html_links.pop() {
                    self.styles.truncate(depth.saturating_sub(1));
                }
            }
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.finish_leaf();
                self.containers.pop();
            }
            TagEnd::TableCell => {
                self.leaf = None;
                if let Some(table) = &mut self.table
                    && let (Some(start), Some(row)) = (table.cell_start.take(), table.rows.last_mut())
                {
                    row.push(start..self.doc.text.len());
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    let (quote_depth, list_depth) = self.depths();
                    let spans = self.take_spans(table.start);
                    let line = table.source;
                    self.doc.blocks.push(Block {
                        kind: BlockKind::Table(Table {
                            alignments: table.alignments,
                            rows: table.rows,
                        }),
                        range: table.start..self.doc.text.len(),
                        spans,
                        quote_depth,
                        list_depth,
                        line,
                    });
                }
            }
            TagEnd::Image => {
                let source = self.current_source();
                self.push_text("]", source, 0);
                self.image_open = None;
                self.styles.pop();
            }
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link => {
                self.styles.pop();
            }
            TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::MetadataBlock(_) => {}
        }
    }
}

/// The character at byte `at`: its length, whether it is whitespace, whether it must be sanitized.
#[inline]
fn classify(text: &str, at: usize) -> (usize, bool, bool) {
    match text.as_bytes().get(at) {
        Some(&b) if b < 0x80 => (1, b.is_ascii_whitespace() || b == 0x0b, b < 0x20 || b == 0x7f),
        Some(_) => match text.get(at..).and_then(|rest| rest.chars().next()) {
            Some(c) => (c.len_utf8(), c.is_whitespace(), is_unsafe(c)),
            None => (1, false, false),
        },
        None => (1, true, false),
    }
}

fn clamp_u8(n: usize) -> u8 {
    u8::try_from(n).unwrap_or(u8::MAX)
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn column_align(a: &Alignment) -> ColumnAlign {
    match a {
        Alignment::Center => ColumnAlign::Center,
        Alignment::Right => ColumnAlign::Right,
        Alignment::None | Alignment::Left => ColumnAlign::Left,
    }
}
