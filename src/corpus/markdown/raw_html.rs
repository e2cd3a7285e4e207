//! Raw HTML inside Markdown (a block, or inline in a paragraph), reduced to its text and
//! structure as the document is built: see `corpus::html` for the pieces.

use super::Builder;
use crate::corpus::document::{BlockKind, style};
use crate::corpus::html::{self, Piece};
use crate::sanitize::sanitize_line;

impl Builder {
    /// Raw HTML, reduced to its text and structure. `block` is true for an HTML block (tags like
    /// `<p>` end the current block) and false for inline HTML inside a paragraph.
    pub(super) fn html(&mut self, fragment: &str, map: &[(usize, usize)], block: bool) {
        let source_of = |offset: usize| {
            let i = map.partition_point(|&(at, _)| at <= offset).saturating_sub(1);
            map.get(i).map_or(0, |&(at, source)| source + offset.saturating_sub(at))
        };
        for piece in html::pieces(fragment) {
            match piece {
                Piece::Text(raw, offset) => {
                    let text = html::decode(raw);
                    // Whitespace between block tags is layout, not text.
                    if self.leaf.is_none() && text.trim().is_empty() {
                        continue;
                    }
                    let verbatim = self.leaf.as_ref().is_some_and(|l| l.verbatim);
                    let text = if verbatim {
                        text
                    } else {
                        std::borrow::Cow::Owned(text.replace('\n', " "))
                    };
                    self.push_text(&text, source_of(offset), 0);
                }
                Piece::Break => self.hard_break(),
                Piece::Block | Piece::Cell if !block => self.pending_space = true,
                Piece::Block => self.finish_leaf(),
                Piece::Cell => {
                    if self.leaf.as_ref().is_some_and(|l| self.doc.text.len() > l.start) {
                        self.push_text(" | ", source_of(0), 0);
                    }
                }
                Piece::Heading(level) => {
                    if block {
                        self.finish_leaf();
                        self.start_leaf(BlockKind::Heading(level), source_of(0));
                    }
                }
                Piece::HeadingEnd => {
                    if block {
                        self.finish_leaf();
                    }
                }
                Piece::Rule => {
                    if block {
                        self.finish_leaf();
                        self.start_leaf(BlockKind::Rule, source_of(0));
                        self.finish_leaf();
                    }
                }
                Piece::Item => {
                    if block {
                        self.finish_leaf();
                        self.start_leaf(
                            BlockKind::ListItem {
                                marker: Some("•".to_owned()),
                            },
                            source_of(0),
                        );
                    }
                }
                Piece::Pre(open) => {
                    if block {
                        self.finish_leaf();
                        if open {
                            self.start_leaf(BlockKind::Code, source_of(0));
                        }
                    }
                }
                Piece::Image(alt) => {
                    let text = if alt.is_empty() {
                        "[image]".to_owned()
                    } else {
                        format!("[image: {alt}]")
                    };
                    self.push_text(&text, source_of(0), 0);
                }
                Piece::LinkStart(href) => {
                    self.doc.links.push(sanitize_line(&href));
                    let index = self.doc.links.len() - 1;
                    self.styles.push((style::LINK, Some(index)));
                    self.html_links.push(self.styles.len());
                }
                Piece::LinkEnd => {
                    if let Some(depth) = self.html_links.pop()
                        && self.styles.len() == depth
                    {
                        self.styles.pop();
                    }
                }
            }
        }
    }
}
