//! Finding a quoted passage in a brief's text, in the manner of a W3C TextQuoteSelector.
//!
//! Tiers, first hit wins:
//! 1. the stored position, when the text there is still the quote (bookmarks);
//! 2. exact occurrences after folding typographic variants (curly/straight quotes, dash kinds,
//!    soft hyphens, no-break spaces) and whitespace; several are told apart by prefix, suffix and
//!    position, and a tie is reported, never guessed;
//! 3. the same ignoring ASCII case;
//! 4. approximate matching (edit distance, Sellers' algorithm) with a strict floor on quote
//!    similarity, scored like the Hypothesis client: 50 x quote + 20 x prefix + 20 x suffix
//!    + 2 x position, over 92.
//!
//! The approximate tier is bounded. In a short text (see [`FULL_SCAN_LIMIT`]) the quote is
//! compared everywhere. In a longer one it is cut into at most 32 short pieces (seeds), a pass
//! over the text finds where they occur (ignoring case), and the edit distance is computed only
//! around the few places where most of them line up ([`APPROXIMATE_CANDIDATES`]). A seed found
//! more than [`SEED_HITS_LIMIT`] times says nothing and is left out (when all are, the quote is
//! not found), and a quote longer than [`APPROXIMATE_QUOTE_LIMIT`] is not matched approximately
//! at all: the answer is a plain "not found", never a scan in text length x quote length. The
//! caseless searches lowercase the text a chunk at a time, never the whole of it at once.
//!
//! Blocks are separated by a sentinel that no folded quote holds (control characters fold to a
//! space) and that the edit distance never crosses, so a match never spans two passages.

use std::collections::HashMap;
use std::ops::Range;

use super::document::Document;

/// Below this quote similarity (1 - edits / quote length) an approximate match is rejected.
pub const SIMILARITY_FLOOR: f64 = 0.75;
/// Two candidates whose scores differ by less than this are a tie.
pub const TIE_MARGIN: f64 = 0.02;
/// Quotes longer than this many bytes (after folding; one byte per character of English text)
/// are found exactly or not at all: the approximate tier's work grows with the square of the
/// quote's length.
pub const APPROXIMATE_QUOTE_LIMIT: usize = 2_000;
/// A seed (a piece of the quote, 5 to 16 bytes long) found more often than this in the text is too
/// common to point anywhere and is not used. When every seed is, the quote is not found.
pub const SEED_HITS_LIMIT: usize = 10_000;
/// A text whose length times the quote's (in bytes) is at most this is compared with the quote
/// everywhere (a brief of 50 KB and a quote of 200 characters); a longer one only where the
/// quote's seeds line up.
pub const FULL_SCAN_LIMIT: usize = 10_000_000;
/// At most this many places where the seeds line up are compared with the quote in full.
pub const APPROXIMATE_CANDIDATES: usize = 16;
/// More exact (or caseless) occurrences than this are reported as ambiguous without comparing
/// each one's context.
pub const OCCURRENCE_LIMIT: usize = 1_000;
/// Only this many bytes of a selector's prefix and suffix (the ones nearest the quote) are
/// compared.
pub const CONTEXT_LIMIT: usize = 256;
/// Separates blocks in the folded text.
const SENTINEL: char = '\u{1}';
const SENTINEL_BYTE: u8 = 1;
/// Seeds are this many bytes long at least, and at most...
const SEED_MIN: usize = 5;
const SEED_MAX: usize = 16;
/// ...and there are at most this many (one bit each in a `u64`; fewer make a faster search).
const SEEDS: usize = 32;
/// The folded text is lowercased this many bytes at a time for the caseless searches.
const CHUNK: usize = 1 << 20;

mod distance;
mod seeds;

pub use distance::similarity;
use distance::*;

/// What to look for: the quote, optional context and an optional position hint.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selector<'a> {
    pub exact: &'a str,
    pub prefix: &'a str,
    pub suffix: &'a str,
    /// Byte offset in `Document::text` where the quote was last seen.
    pub position: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Anchoring {
    /// Found as written (up to typographic variants and whitespace).
    Exact(Range<usize>),
    /// Found only when ASCII case is ignored.
    CaseInsensitive(Range<usize>),
    /// Found approximately; `similarity` is 1 - edits / quote length.
    Approximate { range: Range<usize>, similarity: f64 },
    /// Several places fit equally well.
    Ambiguous(Vec<Range<usize>>),
    /// Nothing fits; `closest` is the best candidate below the floor, if any.
    NotFound { closest: Option<(Range<usize>, f64)> },
}

impl Anchoring {
    /// The placed range, when there is exactly one.
    pub fn range(&self) -> Option<Range<usize>> {
        match self {
            Anchoring::Exact(r) | Anchoring::CaseInsensitive(r) => Some(r.clone()),
            Anchoring::Approximate { range, .. } => Some(range.clone()),
            Anchoring::Ambiguous(_) | Anchoring::NotFound { .. } => None,
        }
    }
}

/// A brief's text folded for matching, with a map back to `Document::text` offsets.
#[derive(Debug, Clone, Default)]
pub struct FoldedText {
    text: String,
    /// (folded offset, original offset) wherever the two stop advancing together.
    map: Vec<(usize, usize)>,
    original_len: usize,
}

/// Folds one character: `None` drops it, otherwise its stand-in. Control characters become a
/// space, so the block sentinel can only come from [`FoldedText::new`].
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        '\u{ad}' | '\u{200b}' | '\u{feff}' => return None,
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        c if c.is_whitespace() || c.is_control() => ' ',
        c => c,
    })
}

/// Folds a quote the way [`FoldedText`] folds the document: variants unified, whitespace collapsed.
pub fn fold_quote(quote: &str) -> String {
    let mut out = String::with_capacity(quote.len());
    for c in quote.chars().filter_map(fold_char) {
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The last `CONTEXT_LIMIT` bytes of a folded prefix (on a character boundary).
fn nearest_prefix(prefix: String) -> String {
    let from = prefix.ceil_char_boundary(prefix.len().saturating_sub(CONTEXT_LIMIT));
    prefix.get(from..).unwrap_or("").to_owned()
}

/// The first `CONTEXT_LIMIT` bytes of a folded suffix (on a character boundary).
fn nearest_suffix(mut suffix: String) -> String {
    suffix.truncate(suffix.floor_char_boundary(CONTEXT_LIMIT));
    suffix
}

/// A stretch of the folded text compared with the quote in full, lowercased.
struct Region {
    start: usize,
    lower: Vec<u8>,
}

impl FoldedText {
    pub fn new(doc: &Document) -> FoldedText {
        let mut folded = FoldedText {
            text: String::with_capacity(doc.text.len()),
            map: vec![(0, 0)],
            original_len: doc.text.len(),
        };
        // `delta` is original offset - folded offset; a map entry is added only where it changes.
        let mut delta = 0isize;
        let mut push = |folded: &mut FoldedText, c: char, original: usize| {
            let here = original as isize - folded.text.len() as isize;
            if here != delta {
                folded.map.push((folded.text.len(), original));
                delta = here;
            }
            folded.text.push(c);
        };
        for (i, block) in doc.blocks.iter().enumerate() {
            if i > 0 {
                push(&mut folded, SENTINEL, block.range.start.saturating_sub(1));
            }
            let text = doc.block_text(block);
            let mut last_space = true;
            for (offset, c) in text.char_indices() {
                let Some(f) = fold_char(c) else { continue };
                if f == ' ' && last_space {
                    continue;
                }
                last_space = f == ' ';
                push(&mut folded, f, block.range.start + offset);
            }
        }
        folded
    }

    /// Maps a folded byte offset to a `Document::text` byte offset.
    fn to_original(&self, folded: usize) -> usize {
        let i = self.map.partition_point(|&(f, _)| f <= folded);
        match i.checked_sub(1).and_then(|i| self.map.get(i)) {
            Some(&(f, o)) => (o + (folded - f)).min(self.original_len),
            None => folded.min(self.original_len),
        }
    }

    /// Maps a `Document::text` byte offset (a stored position hint, any number) to a folded one.
    fn to_folded(&self, original: usize) -> usize {
        let original = original.min(self.original_len);
        let i = self.map.partition_point(|&(_, o)| o <= original);
        match i.checked_sub(1).and_then(|i| self.map.get(i)) {
            Some(&(f, o)) => (f + (original - o)).min(self.text.len()),
            None => original.min(self.text.len()),
        }
    }

    /// A folded range back to an original range. The end maps through its last character so a
    /// dropped character after the quote is not swallowed. The result is always a range of
    /// `doc_text` on character boundaries.
    fn range_to_original(&self, range: Range<usize>, doc_text: &str) -> Range<usize> {
        let start = self.to_original(range.start);
        let end = match self.text.get(..range.end).and_then(|s| s.chars().next_back()) {
            Some(last) if range.end > range.start => {
                let last_start = self.to_original(range.end - last.len_utf8());
                let width = doc_text
                    .get(last_start..)
                    .and_then(|s| s.chars().next())
                    .map_or(1, char::len_utf8);
                last_start + width
            }
            _ => start,
        };
        let start = doc_text.floor_char_boundary(start.min(doc_text.len()));
        let end = doc_text.ceil_char_boundary(end.clamp(start, doc_text.len()));
        start..end
    }

    /// Finds `selector` in this text; `doc_text` is the document's text the ranges refer to.
    pub fn anchor(&self, doc_text: &str, selector: &Selector<'_>) -> Anchoring {
        self.anchor_with(doc_text, selector, FULL_SCAN_LIMIT)
    }

    /// [`FoldedText::anchor`], comparing the quote with the whole text when text length x quote
    /// length is at most `full_scan_limit`, and only where its seeds line up otherwise.
    fn anchor_with(&self, doc_text: &str, selector: &Selector<'_>, full_scan_limit: usize) -> Anchoring {
        let quote = fold_quote(selector.exact);
        if quote.is_empty() {
            return Anchoring::NotFound { closest: None };
        }
        let prefix = nearest_prefix(fold_quote(selector.prefix));
        let suffix = nearest_suffix(fold_quote(selector.suffix));
        let hint = selector.position.map(|p| self.to_folded(p));
        let to_original = |r: Range<usize>| self.range_to_original(r, doc_text);

        if let Some(h) = hint
            && self.text.get(h..h + quote.len()) == Some(quote.as_str())
        {
            return Anchoring::Exact(to_original(h..h + quote.len()));
        }
        let exact: Vec<usize> = memchr::memmem::find_iter(self.text.as_bytes(), quote.as_bytes()).collect();
        if !exact.is_empty() {
            return match self.pick(&exact, quote.len(), &prefix, &suffix, hint) {
                Ok(start) => Anchoring::Exact(to_original(start..start + quote.len())),
                Err(starts) => {
                    Anchoring::Ambiguous(starts.into_iter().map(|s| to_original(s..s + quote.len())).collect())
                }
            };
        }
        let lower_quote = quote.to_ascii_lowercase();
        let caseless = self.find_caseless(&lower_quote);
        if !caseless.is_empty() {
            return match self.pick(&caseless, quote.len(), &prefix, &suffix, hint) {
                Ok(start) => Anchoring::CaseInsensitive(to_original(start..start + quote.len())),
                Err(starts) => {
                    Anchoring::Ambiguous(starts.into_iter().map(|s| to_original(s..s + quote.len())).collect())
                }
            };
        }
        if lower_quote.len() > APPROXIMATE_QUOTE_LIMIT {
            return Anchoring::NotFound { closest: None };
        }
        let regions = if self.text.len().saturating_mul(lower_quote.len()) <= full_scan_limit {
            std::iter::once(0..self.text.len()).collect()
        } else {
            self.candidate_regions(&lower_quote, hint)
        };
        self.approximate(&lower_quote, regions, &prefix, &suffix, hint, doc_text)
    }

    /// Calls `each(offset, chunk)` over the folded text lowercased, a chunk at a time so the
    /// whole text is never copied. Chunks overlap by `overlap` bytes; `each` should take only
    /// matches that start in the chunk's first [`CHUNK`] bytes, which then lie whole in it when
    /// they are at most `overlap` bytes long. `each` returns false to stop.
    fn for_each_lower_chunk(&self, overlap: usize, mut each: impl FnMut(usize, &[u8]) -> bool) {
        let text = self.text.as_bytes();
        let mut buffer = Vec::with_capacity(CHUNK + overlap);
        let mut start = 0;
        while start < text.len() {
            let end = (start + CHUNK + overlap).min(text.len());
            buffer.clear();
            buffer.extend_from_slice(text.get(start..end).unwrap_or_default());
            buffer.make_ascii_lowercase();
            if !each(start, &buffer) {
                return;
            }
            start += CHUNK;
        }
    }

    /// Starts of the occurrences of `lower_quote` when ASCII case is ignored.
    fn find_caseless(&self, lower_quote: &str) -> Vec<usize> {
        let finder = memchr::memmem::Finder::new(lower_quote.as_bytes());
        let mut starts = Vec::new();
        self.for_each_lower_chunk(lower_quote.len(), |offset, chunk| {
            starts.extend(
                finder
                    .find_iter(chunk)
                    .take_while(|&at| at < CHUNK)
                    .map(|at| offset + at),
            );
            true
        });
        starts
    }

    /// Chooses among exact occurrences by context and position; `Err` when they tie.
    fn pick(
        &self,
        starts: &[usize],
        len: usize,
        prefix: &str,
        suffix: &str,
        hint: Option<usize>,
    ) -> Result<usize, Vec<usize>> {
        if let [only] = starts {
            return Ok(*only);
        }
        if starts.len() > OCCURRENCE_LIMIT {
            return Err(starts.to_vec());
        }
        let scored: Vec<(f64, usize)> = starts
            .iter()
            .map(|&s| (self.context_score(s..s + len, prefix, suffix, hint), s))
            .collect();
        best_unique(scored)
    }

    /// Prefix, suffix and position agreement of a candidate, 0..=42 (the non-quote part of the score).
    fn context_score(&self, range: Range<usize>, prefix: &str, suffix: &str, hint: Option<usize>) -> f64 {
        let before = tail(&self.text, range.start, prefix.len());
        let after = head(&self.text, range.end, suffix.len());
        let prefix_score = if prefix.is_empty() {
            0.0
        } else {
            similarity(prefix, before)
        };
        let suffix_score = if suffix.is_empty() {
            0.0
        } else {
            similarity(suffix, after)
        };
        let position_score = hint.map_or(0.0, |h| {
            let distance = h.abs_diff(range.start) as f64;
            1.0 - (distance / self.text.len().max(1) as f64)
        });
        20.0 * prefix_score + 20.0 * suffix_score + 2.0 * position_score
    }

    /// The best approximate match of `quote` (lowercased) inside `regions` of the folded text.
    fn approximate(
        &self,
        quote: &str,
        regions: Vec<Range<usize>>,
        prefix: &str,
        suffix: &str,
        hint: Option<usize>,
        doc_text: &str,
    ) -> Anchoring {
        let pattern = quote.as_bytes();
        let regions: Vec<Region> = regions
            .into_iter()
            .filter_map(|r| {
                Some(Region {
                    start: r.start,
                    lower: self.text.as_bytes().get(r)?.to_ascii_lowercase(),
                })
            })
            .collect();
        let budget = pattern.len() / 2;
        // Local minima of the distance, as (distance, region, end in the region), best first.
        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        let mut closest: Option<(usize, usize, usize)> = None;
        for (r, region) in regions.iter().enumerate() {
            let ends = sellers_ends(&region.lower, pattern);
            for (j, &d) in ends.iter().enumerate() {
                if d == u32::MAX {
                    continue;
                }
                let d = d as usize;
                let next = ends.get(j + 1).map_or(usize::MAX, |&n| n as usize);
                let prev = j
                    .checked_sub(1)
                    .and_then(|p| ends.get(p))
                    .map_or(usize::MAX, |&p| p as usize);
                if d <= budget.max(1) && d <= prev && d < next {
                    candidates.push((d, r, j + 1));
                }
                if closest.is_none_or(|(best, _, _)| d < best) {
                    closest = Some((d, r, j + 1));
                }
            }
        }
        // Places above the floor are the answer; the others only serve as a hint when there are none.
        let acceptable = ((1.0 - SIMILARITY_FLOOR) * pattern.len() as f64) as usize;
        if candidates.iter().any(|c| c.0 <= acceptable) {
            candidates.retain(|c| c.0 <= acceptable);
        } else if candidates.is_empty() {
            // Nothing within the budget: still name the closest place, as a hint.
            candidates.extend(closest);
        }
        candidates.sort_unstable();
        // One candidate per place: ends closer than half the quote are the same match, give or take.
        let mut kept: Vec<(usize, usize, usize)> = Vec::new();
        for candidate in candidates {
            if kept.len() == APPROXIMATE_CANDIDATES {
                break;
            }
            if !kept
                .iter()
                .any(|k| k.1 == candidate.1 && k.2.abs_diff(candidate.2) <= pattern.len() / 2)
            {
                kept.push(candidate);
            }
        }
        let candidates = kept;
        let mut scored: Vec<(f64, Range<usize>, f64)> = candidates
            .into_iter()
            .filter_map(|(_, r, end)| {
                let region = regions.get(r)?;
                let (start, distance) = sellers_start(&region.lower, pattern, end)?;
                let end = ceil_boundary(&region.lower, end);
                let range = region.start + start..region.start + end;
                let similarity = (1.0 - distance as f64 / pattern.len() as f64).max(0.0);
                let score = 50.0 * similarity + self.context_score(range.clone(), prefix, suffix, hint);
                Some((score / 92.0, range, similarity))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.start.cmp(&b.1.start)));
        scored.dedup_by(|a, b| a.1.start < b.1.end && b.1.start < a.1.end);
        let Some((best_score, best_range, best_similarity)) = scored.first().cloned() else {
            return Anchoring::NotFound { closest: None };
        };
        let original = self.range_to_original(best_range.clone(), doc_text);
        if best_similarity < SIMILARITY_FLOOR {
            return Anchoring::NotFound {
                closest: Some((original, best_similarity)),
            };
        }
        let ties: Vec<Range<usize>> = scored
            .iter()
            .filter(|(s, _, sim)| *sim >= SIMILARITY_FLOOR && best_score - s < TIE_MARGIN)
            .map(|(_, r, _)| self.range_to_original(r.clone(), doc_text))
            .collect();
        if ties.len() > 1 {
            return Anchoring::Ambiguous(ties);
        }
        Anchoring::Approximate {
            range: original,
            similarity: best_similarity,
        }
    }
}

/// The unique best-scoring candidate, or all that tie with the best.
fn best_unique<T: Clone>(mut scored: Vec<(f64, T)>) -> Result<T, Vec<T>> {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let best = scored.first().map(|s| s.0).unwrap_or(0.0);
    let ties: Vec<T> = scored
        .iter()
        .filter(|s| best - s.0 < TIE_MARGIN)
        .map(|s| s.1.clone())
        .collect();
    match ties.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(ties),
    }
}

/// Up to `len` bytes of `text` ending at `end`, on char boundaries.
fn tail(text: &str, end: usize, len: usize) -> &str {
    let mut start = end.saturating_sub(len);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    text.get(start..end).unwrap_or("")
}

/// Up to `len` bytes of `text` starting at `start`, on char boundaries.
fn head(text: &str, start: usize, len: usize) -> &str {
    let mut end = (start + len).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(start..end).unwrap_or("")
}

#[cfg(test)]
mod tests;
