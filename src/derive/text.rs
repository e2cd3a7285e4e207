//! A block's text made ready for extraction: markup that is not prose blanked out (code, URLs,
//! citations, footnote marks), then cut into tokens, sentences and clauses. Offsets stay those
//! of the block's text, so every mention maps back to the document.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::Words;
use crate::corpus::document::{Block, Document, Span, style};

/// The patterns are constants that compile; a regex that matches nothing keeps this total.
pub fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|_| {
        // reason: a constant empty class always compiles
        Regex::new(r"[^\s\S]").unwrap_or_else(|_| std::process::abort())
    })
}

/// Citations: "(Gul, 2024)", "(Khan, et al., 2025b; Ali, 2022)", "Popalzay (2024)".
pub static CITATION: LazyLock<Regex> =
    LazyLock::new(|| regex(r"\([^()]*\b(1[5-9]|20)\d\d[a-z]?\)|\((1[5-9]|20)\d\d[a-z]?\)"));

/// URLs, e-mail addresses and file paths written out in the text.
static URL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:https?|ftp)://\S+|\bwww\.\S+|\b[\w.+-]+@[\w-]+\.[\w.]+|\S+\.(?:png|jpe?g|gif|svg|tar\.gz|zip|exe|toml|json|ya?ml|rs|py|js|md|txt|csv|pdf)\b",
    )
});

/// Whether a link's text is its address (an autolink) rather than words.
fn looks_like_address(text: &str) -> bool {
    text.contains("://") || text.starts_with("www.") || (text.contains('/') && !text.contains(' '))
}

/// The block's text with everything that is not prose replaced by spaces of the same length:
/// code spans and inline HTML, footnote marks, link text that is an address, URLs, citations.
pub fn masked(doc: &Document, block: &Block) -> String {
    masked_range(doc, &block.spans, block.range.clone())
}

/// As [`masked`], for `range` of the document's text (a table cell) with the spans over it.
pub fn masked_range(doc: &Document, spans: &[Span], range: Range<usize>) -> String {
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
    for m in URL.find_iter(text).chain(CITATION.find_iter(text)) {
        blank(m.range());
    }
    // Whole characters were blanked byte by byte, so the text is still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Letters, with inner hyphens or apostrophes: "forty-one", "don't".
    Word,
    /// Digits, with thousands commas and decimal points: "2,600", "4.1", "2.3.1".
    Number,
    /// Letters and digits together: "5G", "10km", "1990s", "7-minute", "x86_64".
    Mixed,
    /// One other character: "$", "%", "(", ",".
    Symbol,
    /// A line break inside the block.
    Break,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Whether whitespace comes before it.
    pub spaced: bool,
}

/// Characters that join two alphanumeric runs into one token.
fn joins(c: char, before: char, after: char) -> bool {
    match c {
        '-' | '_' | '\'' | '’' => before.is_alphanumeric() && after.is_alphanumeric(),
        '.' => before.is_ascii_digit() && after.is_ascii_digit(),
        _ => false,
    }
}

/// Tokens of `text`. A comma joins digits only as a thousands separator ("2,600", not "2023, 4").
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map_or('\0', |c| c.1);
    let mut i = 0;
    let mut spaced = true;
    while let Some(&(start, c)) = chars.get(i) {
        if c.is_whitespace() {
            if c == '\n' {
                out.push(Token {
                    start,
                    end: start + 1,
                    kind: Kind::Break,
                    spaced: true,
                });
            }
            spaced = true;
            i += 1;
            continue;
        }
        let mut j = i + 1;
        if c.is_alphanumeric() {
            loop {
                let c = at(j);
                if c.is_alphanumeric() {
                    j += 1;
                } else if joins(c, at(j - 1), at(j + 1)) {
                    j += 2;
                } else if c == ',' && at(j - 1).is_ascii_digit() && thousands(&chars, j) {
                    j += 4;
                } else {
                    break;
                }
            }
        }
        let end = chars.get(j).map_or(text.len(), |c| c.0);
        let word = text.get(start..end).unwrap_or("");
        out.push(Token {
            start,
            end,
            kind: kind_of(word),
            spaced,
        });
        spaced = false;
        i = j;
    }
    out
}

/// Whether the comma at `j` is followed by exactly three digits.
fn thousands(chars: &[(usize, char)], j: usize) -> bool {
    (1..=3).all(|k| chars.get(j + k).is_some_and(|c| c.1.is_ascii_digit()))
        && !chars.get(j + 4).is_some_and(|c| c.1.is_ascii_digit())
}

fn kind_of(word: &str) -> Kind {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if !c.is_alphanumeric() => Kind::Symbol,
        _ if word.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.') => Kind::Number,
        _ if word.chars().any(|c| c.is_ascii_digit()) => Kind::Mixed,
        _ => Kind::Word,
    }
}

/// Abbreviations whose full stop does not end a sentence.
static ABBREVIATIONS: Words = super::lexicon::words!(
    "mr mrs ms dr st no nos fig figs vs etc approx jan feb mar apr jun jul aug sep sept oct nov dec \
     inc ltd co corp gen col lt sgt prof rev gov sen rep jr sr al cf ca vol pp ed eds est dept"
);

/// Sentences as ranges of `tokens`: a full stop, question or exclamation mark before a capital,
/// a digit or the end; or a line break. Not after an abbreviation or an initial ("U.S.", "J. Smith").
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in tokens.iter().enumerate() {
        let word = text.get(t.start..t.end).unwrap_or("");
        let ends = match t.kind {
            Kind::Break => true,
            Kind::Symbol if matches!(word, "." | "!" | "?" | "…") => ends_sentence(text, tokens, i, word),
            _ => false,
        };
        if ends {
            if i + 1 > start {
                out.push(start..i + 1);
            }
            start = i + 1;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

fn ends_sentence(text: &str, tokens: &[Token], i: usize, mark: &str) -> bool {
    let word = |t: &Token| text.get(t.start..t.end).unwrap_or("");
    let mut next = i + 1;
    while tokens
        .get(next)
        .is_some_and(|t| matches!(word(t), "\"" | "”" | "’" | "'" | ")" | "*"))
    {
        next += 1;
    }
    let starts_new = tokens.get(next).is_none_or(|t| {
        let w = word(t);
        t.spaced
            && w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '(' | '*'))
    });
    if mark != "." || !starts_new {
        return starts_new;
    }
    let Some(prev) = i.checked_sub(1).and_then(|p| tokens.get(p)) else {
        return true;
    };
    let prev_word = word(prev);
    let initial =
        prev.kind == Kind::Word && prev_word.chars().count() == 1 && prev_word.chars().all(char::is_uppercase);
    !(prev.end == tokens[i].start && (initial || ABBREVIATIONS.has(&prev_word.to_ascii_lowercase())))
}

/// Words that open a new clause inside a sentence.
static CLAUSE_OPENERS: Words = super::lexicon::words!("but while whereas although though because unless");

/// Words after "and" or "or" that show a new clause begins (a verb), rather than a list of nouns.
static VERBS: Words = super::lexicon::words!(
    "is are was were has have had will would can could may might must should did does do took \
     made set went came began became put gave got kept held won lost ran rose fell grew paid sold \
     bought built brought cut saw said told found spent sent left plans plan says say expects hopes \
     remains remained takes take gets get"
);

/// Whether a lower-case word reads as a verb: a known one, or a past form in "-ed".
pub fn is_verbish(lower: &str) -> bool {
    VERBS.has(lower) || (lower.len() > 4 && lower.ends_with("ed") && !lower.ends_with("eed"))
}

/// Clauses of one sentence, as ranges of `tokens` within `sentence`: cut at commas, semicolons,
/// colons and spaced dashes, before "but", "while" and the like, and before "and" or
/// "or" when a verb follows.
pub fn clauses(text: &str, lower: &str, tokens: &[Token], sentence: Range<usize>) -> Vec<Range<usize>> {
    let word = |i: usize| tokens.get(i).and_then(|t| text.get(t.start..t.end)).unwrap_or("");
    let lower_word = |i: usize| tokens.get(i).and_then(|t| lower.get(t.start..t.end)).unwrap_or("");
    let mut out = Vec::new();
    let mut start = sentence.start;
    for i in sentence.clone() {
        let w = word(i);
        let spaced_dash =
            matches!(w, "—" | "–" | "-") && tokens[i].spaced && tokens.get(i + 1).is_some_and(|t| t.spaced);
        let cut_at = matches!(w, "," | ";" | ":") || spaced_dash;
        let cut_before = i > sentence.start
            && (CLAUSE_OPENERS.has(lower_word(i))
                || (matches!(lower_word(i), "and" | "or") && is_verbish(lower_word(i + 1))));
        if cut_at {
            if i > start {
                out.push(start..i);
            }
            start = i + 1;
        } else if cut_before {
            if i > start {
                out.push(start..i);
            }
            start = i;
        }
    }
    if start < sentence.end {
        out.push(start..sentence.end);
    }
    out
}

/// A block's tokens with their text, for reading words by index.
pub struct View<'a> {
    pub text: &'a str,
    /// `text` with ASCII letters in lower case (same byte offsets).
    pub lower: &'a str,
    pub tokens: &'a [Token],
}

impl<'a> View<'a> {
    pub fn word(&self, i: usize) -> &'a str {
        self.tokens
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    /// The word in lower case (ASCII letters only).
    pub fn low(&self, i: usize) -> &'a str {
        self.tokens
            .get(i)
            .and_then(|t| self.lower.get(t.start..t.end))
            .unwrap_or("")
    }

    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    /// Whether token `i` follows token `i - 1` with no space between.
    pub fn glued(&self, i: usize) -> bool {
        i > 0 && self.tokens.get(i).is_some_and(|t| !t.spaced && t.kind != Kind::Break)
    }

    /// Whether token `i` starts with a capital letter.
    pub fn capitalised(&self, i: usize) -> bool {
        self.word(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// Byte range in the block's text of tokens `range`.
    pub fn bytes(&self, range: &Range<usize>) -> Range<usize> {
        let start = self.tokens.get(range.start).map_or(0, |t| t.start);
        let end = range
            .end
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map_or(start, |t| t.end);
        start..end.max(start)
    }

    /// The words of tokens `range` joined by single spaces (symbols glued as written).
    pub fn phrase(&self, range: Range<usize>) -> String {
        let mut out = String::new();
        for i in range {
            if self.kind(i) == Some(Kind::Break) {
                continue;
            }
            if !out.is_empty() && !self.glued(i) {
                out.push(' ');
            }
            out.push_str(self.word(i));
        }
        out
    }
}

/// One sentence: its tokens and its clauses (both as ranges of the block's tokens).
pub struct Sentence {
    pub range: Range<usize>,
    pub clauses: Vec<Range<usize>>,
}

impl Sentence {
    pub fn new(view: &View<'_>, range: Range<usize>) -> Sentence {
        let clauses = clauses(view.text, view.lower, view.tokens, range.clone());
        Sentence { range, clauses }
    }

    /// Index of the clause holding token `i`.
    pub fn clause_of(&self, i: usize) -> usize {
        self.clauses
            .iter()
            .position(|c| c.contains(&i) || c.start > i)
            .unwrap_or(self.clauses.len().saturating_sub(1))
    }

    /// The first word of the sentence (skipping quotes and brackets), which is capitalised anyway.
    pub fn first_word(&self, view: &View<'_>) -> usize {
        self.range
            .clone()
            .find(|&i| view.kind(i) != Some(Kind::Symbol))
            .unwrap_or(self.range.start)
    }
}
