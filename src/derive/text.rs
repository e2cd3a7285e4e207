//! A block's text made ready for extraction: with markup blanked out (see [`super::markup`]), cut
//! into tokens, sentences and clauses. Offsets stay those of the block's text, so every mention
//! maps back to the document.

use std::ops::Range;

use super::lexicon::Words;
pub use super::markup::{CITATION, masked, masked_header, masked_range, regex};

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
    let mut out = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut spaced = true;
    while at < bytes.len() {
        let b = bytes[at];
        let (c, width) = if b < 0x80 {
            (char::from(b), 1)
        } else {
            char_at(text, at)
        };
        if c.is_whitespace() {
            if c == '\n' {
                out.push(Token {
                    start: at,
                    end: at + 1,
                    kind: Kind::Break,
                    spaced: true,
                });
            }
            spaced = true;
            at += width;
            continue;
        }
        let start = at;
        at += width;
        if c.is_alphanumeric() {
            at = alphanumeric_run(text, at, c);
        }
        let word = text.get(start..at).unwrap_or("");
        out.push(Token {
            start,
            end: at,
            kind: kind_of(word),
            spaced,
        });
        spaced = false;
    }
    out
}

/// The character at byte `at` and its length (a NUL past the end).
#[inline]
fn char_at(text: &str, at: usize) -> (char, usize) {
    match text.as_bytes().get(at) {
        Some(&b) if b < 0x80 => (char::from(b), 1),
        Some(_) => text
            .get(at..)
            .and_then(|r| r.chars().next())
            .map_or(('\0', 1), |c| (c, c.len_utf8())),
        None => ('\0', 0),
    }
}

/// The end of an alphanumeric run from `at` (the run so far ends with `previous`), with its
/// joining characters.
fn alphanumeric_run(text: &str, mut at: usize, mut previous: char) -> usize {
    let bytes = text.as_bytes();
    loop {
        // ASCII letters and digits, the common case, a byte at a time.
        while bytes.get(at).is_some_and(u8::is_ascii_alphanumeric) {
            previous = char::from(bytes[at]);
            at += 1;
        }
        let (c, width) = char_at(text, at);
        if width == 0 {
            return at;
        }
        if c.is_alphanumeric() {
            at += width;
            previous = c;
            continue;
        }
        let (next, next_width) = char_at(text, at + width);
        if joins(c, previous, next) {
            at += width + next_width;
            previous = next;
        } else if c == ',' && previous.is_ascii_digit() && thousands(bytes, at + 1) {
            at += 4;
            previous = '0';
        } else {
            return at;
        }
    }
}

/// Whether exactly three digits start at byte `at`.
fn thousands(bytes: &[u8], at: usize) -> bool {
    (0..3).all(|k| bytes.get(at + k).is_some_and(u8::is_ascii_digit))
        && !bytes.get(at + 3).is_some_and(u8::is_ascii_digit)
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

/// A word without its possessive "'s" or "’s": "Kenya's" -> "Kenya".
pub fn without_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("\u{2019}s"))
        .unwrap_or(word)
}

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
        // Not the colon of a clock time ("at 06:12 on 3 November").
        let clock = w == ":"
            && i > sentence.start
            && !tokens[i].spaced
            && tokens.get(i + 1).is_some_and(|t| !t.spaced)
            && word(i - 1).bytes().all(|b| b.is_ascii_digit())
            && word(i + 1).bytes().all(|b| b.is_ascii_digit())
            && !word(i + 1).is_empty();
        let cut_at = (matches!(w, "," | ";" | ":") && !clock) || spaced_dash;
        // "the largest since the university began pooling its announcements in 2016": the event
        // a superlative counts from is a clause of its own (a verb follows), whose year dates no
        // figure before it. "The highest since 2017" and "since the first quarter of 2022" are
        // read in `time_roles`.
        let since_event = lower_word(i) == "since"
            && i > sentence.start
            && super::lexicon::is_superlative(lower_word(i - 1))
            && (i + 1..(i + 6).min(sentence.end)).any(|j| is_verbish(lower_word(j)));
        let cut_before = i > sentence.start
            && (CLAUSE_OPENERS.has(lower_word(i))
                || since_event
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

/// A block's text made ready once for every reader: markup blanked, a lower-case copy, tokens
/// and sentences.
pub struct Prepared {
    pub masked: String,
    pub lower: String,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Range<usize>>,
}

impl Prepared {
    pub fn new(masked: String) -> Prepared {
        let lower = masked.to_ascii_lowercase();
        let tokens = tokenize(&masked);
        let sentences = sentences(&masked, &tokens);
        Prepared {
            masked,
            lower,
            tokens,
            sentences,
        }
    }

    pub fn view(&self) -> View<'_> {
        View {
            text: &self.masked,
            lower: &self.lower,
            tokens: &self.tokens,
        }
    }
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

    /// The token `n` before token `at`, in lower case; empty before the sentence's start.
    pub fn low_before<'a>(&self, view: &View<'a>, at: usize, n: usize) -> &'a str {
        at.checked_sub(n)
            .filter(|&j| j >= self.range.start)
            .map_or("", |j| view.low(j))
    }

    /// The first word of the sentence (skipping quotes and brackets), which is capitalised anyway.
    pub fn first_word(&self, view: &View<'_>) -> usize {
        self.range
            .clone()
            .find(|&i| view.kind(i) != Some(Kind::Symbol))
            .unwrap_or(self.range.start)
    }
}
