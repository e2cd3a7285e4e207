//! Markup and other text that is not prose, blanked out before extraction: code spans and inline
//! HTML, footnote marks, link text that is an address, URLs, e-mail addresses, file names,
//! citations, and images' descriptions (a badge's "coverage: 91%" describes a picture). Blanking keeps byte offsets, so mentions still map to the document's text.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::corpus::document::{Block, Document, Span, style};

/// The patterns are constants that compile; a regex that matches nothing keeps this total.
pub fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|_| {
        // reason: a constant empty class always compiles
        Regex::new(r"[^\s\S]").unwrap_or_else(|_| std::process::abort())
    })
}

/// Citations: "(Okafor, 2024)", "(Ruiz, et al., 2025b; Ali, 2022)", "Lindqvist (2023)".
pub static CITATION: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\([^()]*(?-u:\b)(1[5-9]|20)\d\d[a-z]?\)|\((1[5-9]|20)\d\d[a-z]?\)"));

/// URLs, e-mail addresses and file names written out in the text.
static URL: LazyLock<Regex> = LazyLock::new(|| {
    regex(concat!(
        r"(?i-u)\b(?:https?|ftp)://\S+|\bwww\.\S+|\b[\w.+-]+@[\w-]+\.[\w.]+",
        r"|[\w./-]+\.(?:png|jpe?g|gif|svg|tar\.gz|zip|exe|toml|json|ya?ml|rs|py|js|md|txt|csv|pdf)\b"
    ))
});

/// An image as the reader shows it: "[image]" or "[image: its description]".
static IMAGE: LazyLock<Regex> = LazyLock::new(|| regex(r"\[image(?::[^\]]*)?\]"));

/// Whether text may hold an address or a file name: a cheap test before the regex (a slash, an
/// underscore, an at sign, or a full stop before a letter).
fn may_hold_address(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter().enumerate().any(|(i, &c)| {
        matches!(c, b'/' | b'_' | b'@') || (c == b'.' && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic))
    })
}

/// Whether a link's text is its address (an autolink) rather than words.
fn looks_like_address(text: &str) -> bool {
    text.contains("://") || text.starts_with("www.") || (text.contains('/') && !text.contains(' '))
}

/// The block's text with everything that is not prose replaced by spaces of the same length:
/// code spans and inline HTML, footnote marks, link text that is an address, URLs, citations,
/// images.
pub fn masked(doc: &Document, block: &Block) -> String {
    masked_range(doc, &block.spans, block.range.clone())
}

/// As [`masked`], for `range` of the document's text (a table cell) with the spans over it.
pub fn masked_range(doc: &Document, spans: &[Span], range: Range<usize>) -> String {
    masked_with(doc, spans, range, true)
}

/// As [`masked_range`] for a table's header cell, where a year in brackets is the period of the
/// column ("Enrolment (September 2024)", "Deaths (2024)"), not a citation.
pub fn masked_header(doc: &Document, spans: &[Span], range: Range<usize>) -> String {
    masked_with(doc, spans, range, false)
}

fn masked_with(doc: &Document, spans: &[Span], range: Range<usize>, citations: bool) -> String {
    let text = doc.text.get(range.clone()).unwrap_or("");
    let mut bytes = text.as_bytes().to_vec();
    let mut blank = |local: Range<usize>| {
        for b in bytes.get_mut(local).into_iter().flatten() {
            *b = b' ';
        }
    };
    for span in spans
        .iter()
        .filter(|s| s.range.start < range.end && s.range.end > range.start)
    {
        let local = span.range.start.saturating_sub(range.start)..span.range.end.min(range.end) - range.start;
        let words = text.get(local.clone()).unwrap_or("");
        let address = span.style & style::LINK != 0 && looks_like_address(words);
        if span.style & (style::CODE | style::FOOTNOTE) != 0 || address {
            blank(local);
        }
    }
    if may_hold_address(text) {
        for m in URL.find_iter(text) {
            blank(m.range());
        }
    }
    if citations && text.contains('(') {
        for m in CITATION.find_iter(text) {
            // "(September 2024)" is a date in brackets: a citation names its source first.
            let month = m.as_str().split_whitespace().rev().nth(1).is_some_and(|w| {
                super::lexicon::month_number(w.trim_start_matches('(').trim_end_matches(['.', ','])).is_some()
            });
            if !month {
                blank(m.range());
            }
        }
    }
    if text.contains("[image") {
        for m in IMAGE.find_iter(text) {
            blank(m.range());
        }
    }
    // Whole characters were blanked byte by byte, so the text is still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
