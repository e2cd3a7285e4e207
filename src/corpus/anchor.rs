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

    /// Where the seeds of `quote` (lowercased) line up best: folded ranges to compare in full,
    /// ascending and disjoint, at most [`APPROXIMATE_CANDIDATES`] of them before merging.
    fn candidate_regions(&self, quote: &str, hint: Option<usize>) -> Vec<Range<usize>> {
        let m = quote.len();
        let seeds = seeds(quote);
        let finders: Vec<memchr::memmem::Finder<'_>> = seeds
            .iter()
            .map(|&(_, piece)| memchr::memmem::Finder::new(piece))
            .collect();
        // Every occurrence of every seed, as (diagonal, seed): where the quote would start if the
        // seed is in its place. A seed found too often is dropped from the search for the rest of
        // the text.
        let mut counts = vec![0usize; seeds.len()];
        let mut hits: Vec<(usize, usize)> = Vec::new();
        let longest = seeds.iter().map(|(_, piece)| piece.len()).max().unwrap_or(0);
        self.for_each_lower_chunk(longest, |chunk_start, chunk| {
            let mut live = false;
            for (seed, finder) in finders.iter().enumerate() {
                let (Some(count), Some(&(offset, _))) = (counts.get_mut(seed), seeds.get(seed)) else {
                    continue;
                };
                if *count > SEED_HITS_LIMIT {
                    continue;
                }
                for at in finder.find_iter(chunk) {
                    if at >= CHUNK || *count > SEED_HITS_LIMIT {
                        break;
                    }
                    *count += 1;
                    hits.push(((chunk_start + at).saturating_sub(offset), seed));
                }
                live |= *count <= SEED_HITS_LIMIT;
            }
            live
        });
        hits.retain(|&(_, seed)| counts.get(seed).is_some_and(|&c| c <= SEED_HITS_LIMIT));
        // Votes per band of diagonals: which seeds fall in it (each seed counts once).
        let width = (m / 4).max(8);
        let mut bands: HashMap<usize, u64> = HashMap::new();
        for &(diagonal, seed) in &hits {
            *bands.entry(diagonal / width).or_default() |= 1 << seed;
        }
        // A match's seeds may straddle two bands: a window is a band and the next.
        let mut windows: Vec<(u32, usize, usize)> = bands
            .iter()
            .map(|(&band, &seeds)| {
                let votes = (seeds | bands.get(&(band + 1)).copied().unwrap_or(0)).count_ones();
                let distance = hint.map_or(0, |h| h.abs_diff(band * width));
                (votes, distance, band)
            })
            .collect();
        windows.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        // A window with less than half the best one's votes is not worth a look.
        let best = windows.first().map_or(0, |w| w.0);
        let mut chosen: Vec<usize> = Vec::new();
        for &(votes, _, band) in &windows {
            if chosen.len() == APPROXIMATE_CANDIDATES || votes * 2 < best {
                break;
            }
            if !chosen.iter().any(|&c| c.abs_diff(band) <= 1) {
                chosen.push(band);
            }
        }
        // Each window, widened by the edits a match may hold, as a range of the folded text.
        let slack = m / 2 + 1;
        let mut regions: Vec<Range<usize>> = chosen
            .into_iter()
            .map(|band| {
                let start = (band * width).saturating_sub(slack);
                let end = ((band + 2) * width + m + slack).min(self.text.len());
                self.text.floor_char_boundary(start)..self.text.ceil_char_boundary(end)
            })
            .collect();
        regions.sort_unstable_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(regions.len());
        for region in regions {
            match merged.last_mut() {
                Some(last) if region.start <= last.end => last.end = last.end.max(region.end),
                _ => merged.push(region),
            }
        }
        merged
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

/// The quote cut into consecutive pieces of 5 to 16 bytes (on character boundaries; the last
/// one takes what is left), as (offset in the quote, piece); at most [`SEEDS`], spread over the
/// quote. A quote shorter than a piece is one piece.
fn seeds(quote: &str) -> Vec<(usize, &str)> {
    let len = (quote.len() / 12).clamp(SEED_MIN, SEED_MAX);
    let mut pieces = Vec::new();
    let mut at = 0;
    while at < quote.len() {
        let mut end = quote.ceil_char_boundary(at + len);
        if quote.len().saturating_sub(end) < len {
            end = quote.len();
        }
        pieces.push((at, quote.get(at..end).unwrap_or("")));
        at = end;
    }
    if pieces.len() > SEEDS {
        let step = pieces.len() as f64 / SEEDS as f64;
        pieces = (0..SEEDS)
            .filter_map(|i| pieces.get((i as f64 * step) as usize).copied())
            .collect();
    }
    pieces
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

/// 1 - normalized edit distance of two strings (bytes).
pub fn similarity(a: &str, b: &str) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    1.0 - levenshtein(a.as_bytes(), b.as_bytes()) as f64 / longest as f64
}

fn levenshtein(a: &[u8], b: &[u8]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb)).min(above + 1).min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Sellers' algorithm: for each end position in `text`, the least edit distance between `pattern`
/// and any substring of `text` ending there. No substring holds the block sentinel: the distance
/// starts afresh after one, and a match cannot end on one (`u32::MAX` there).
fn sellers_ends(text: &[u8], pattern: &[u8]) -> Vec<u32> {
    let m = pattern.len();
    let fresh: Vec<u32> = (0..=m as u32).collect();
    let mut column = fresh.clone();
    let mut ends = Vec::with_capacity(text.len());
    for &t in text {
        if t == SENTINEL_BYTE {
            column.copy_from_slice(&fresh);
            ends.push(u32::MAX);
            continue;
        }
        let mut diagonal = 0u32; // row 0 is free: a match may start anywhere
        for i in 1..=m {
            let above = column[i];
            let cost = u32::from(pattern[i - 1] != t);
            column[i] = (diagonal + cost).min(above + 1).min(column[i - 1] + 1);
            diagonal = above;
        }
        ends.push(column[m]);
    }
    ends
}

/// Given a match of `pattern` ending at `end`, where does it start? Aligns the reversed pattern
/// against the reversed text before `end`, back to the block sentinel at most. Returns (start,
/// distance); the start is on a character boundary.
fn sellers_start(text: &[u8], pattern: &[u8], end: usize) -> Option<(usize, usize)> {
    let m = pattern.len();
    let window = m + m / 2 + 1;
    let lowest = end.saturating_sub(window);
    let before = text.get(lowest..end)?;
    let begin = memchr::memrchr(SENTINEL_BYTE, before).map_or(lowest, |i| lowest + i + 1);
    let reversed: Vec<u8> = text.get(begin..end)?.iter().rev().copied().collect();
    let rpattern: Vec<u8> = pattern.iter().rev().copied().collect();
    // column[i]: distance of rpattern[..i] against reversed[..k] (anchored at k = 0).
    let mut column: Vec<usize> = (0..=m).collect();
    let mut best = (column[m], 0usize);
    for (k, &t) in reversed.iter().enumerate() {
        let mut diagonal = column[0];
        column[0] = k + 1;
        for i in 1..=m {
            let above = column[i];
            let cost = usize::from(rpattern[i - 1] != t);
            column[i] = (diagonal + cost).min(above + 1).min(column[i - 1] + 1);
            diagonal = above;
        }
        if column[m] < best.0 {
            best = (column[m], k + 1);
        }
    }
    let mut start = end - best.1;
    while start < end && !is_boundary(text, start) {
        start += 1;
    }
    Some((start, best.0))
}

/// `at`, or the next character boundary of UTF-8 `text` after it.
fn ceil_boundary(text: &[u8], mut at: usize) -> usize {
    while at < text.len() && !is_boundary(text, at) {
        at += 1;
    }
    at.min(text.len())
}

fn is_boundary(text: &[u8], i: usize) -> bool {
    text.get(i).is_none_or(|&b| (b as i8) >= -0x40)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(md: &str) -> Document {
        Document::parse(md, 0, md)
    }

    fn find(md: &str, quote: &str) -> (Anchoring, String) {
        let d = doc(md);
        let folded = FoldedText::new(&d);
        let result = folded.anchor(
            &d.text,
            &Selector {
                exact: quote,
                ..Selector::default()
            },
        );
        let found = result
            .range()
            .and_then(|r| d.text.get(r).map(str::to_owned))
            .unwrap_or_default();
        (result, found)
    }

    #[test]
    fn exact_quote_through_markup_and_whitespace() {
        let (a, found) = find("A *very*\n   important point.", "very important point");
        assert!(matches!(a, Anchoring::Exact(_)), "{a:?}");
        assert_eq!(found, "very important point");
    }

    #[test]
    fn typographic_variants_are_tolerated() {
        let (a, found) = find("Pakistan’s “border” – long", "Pakistan's \"border\" - long");
        assert!(matches!(a, Anchoring::Exact(_)), "{a:?}");
        assert_eq!(found, "Pakistan’s “border” – long");
        let (a, found) = find("a soft\u{ad}hyphen here", "softhyphen");
        assert!(matches!(a, Anchoring::Exact(_)), "{a:?}");
        assert_eq!(found, "soft\u{ad}hyphen");
    }

    #[test]
    fn repeated_quote_is_ambiguous_not_guessed() {
        let (a, _) = find("the war ended.\n\nthe war ended.", "the war ended");
        assert!(matches!(a, Anchoring::Ambiguous(ref r) if r.len() == 2), "{a:?}");
    }

    #[test]
    fn context_breaks_a_tie() {
        let d = doc("first: the war ended.\n\nsecond: the war ended.");
        let folded = FoldedText::new(&d);
        let a = folded.anchor(
            &d.text,
            &Selector {
                exact: "the war ended",
                prefix: "second: ",
                ..Selector::default()
            },
        );
        let r = a.range().expect("placed");
        assert!(d.text[..r.start].ends_with("second: "), "{a:?}");
    }

    #[test]
    fn case_only_difference_is_reported_as_such() {
        let (a, found) = find("The Durand Line is long.", "the durand line");
        assert!(matches!(a, Anchoring::CaseInsensitive(_)), "{a:?}");
        assert_eq!(found, "The Durand Line");
    }

    #[test]
    fn a_changed_word_is_found_approximately() {
        let (a, found) = find(
            "Intro.\n\nThe withdrawal of US forces in August 2021 ended a twenty-year war in the region.",
            "The withdrawal of American forces in August 2021 ended a twenty-year war",
        );
        match a {
            Anchoring::Approximate { similarity, .. } => assert!(similarity > 0.85 && similarity < 1.0),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            found,
            "The withdrawal of US forces in August 2021 ended a twenty-year war"
        );
    }

    #[test]
    fn unrelated_quote_is_not_found_but_hints() {
        let (a, _) = find(
            "Some text about trade.",
            "completely different words about nothing at all",
        );
        assert!(matches!(a, Anchoring::NotFound { .. }), "{a:?}");
    }

    #[test]
    fn quotes_never_span_two_blocks() {
        let (a, _) = find("ends here.\n\nStarts there.", "ends here. Starts there.");
        assert!(!matches!(a, Anchoring::Exact(_)), "{a:?}");
    }

    #[test]
    fn a_position_hint_past_the_text_is_only_a_poor_hint() {
        let d = doc("x the end.\n\ny the end.");
        let folded = FoldedText::new(&d);
        for position in [d.text.len(), d.text.len() + 1, usize::MAX] {
            let a = folded.anchor(
                &d.text,
                &Selector {
                    exact: "y the end",
                    position: Some(position),
                    ..Selector::default()
                },
            );
            assert_eq!(a, Anchoring::Exact(11..20), "position {position}");
        }
    }

    #[test]
    fn position_hint_wins_when_text_is_still_there() {
        let d = doc("x the end.\n\ny the end.");
        let folded = FoldedText::new(&d);
        let second = d.text.rfind("the end").expect("present");
        let a = folded.anchor(
            &d.text,
            &Selector {
                exact: "the end",
                position: Some(second),
                ..Selector::default()
            },
        );
        assert_eq!(a, Anchoring::Exact(second..second + 7));
    }

    fn anchor_in(d: &Document, quote: &str) -> Anchoring {
        FoldedText::new(d).anchor(
            &d.text,
            &Selector {
                exact: quote,
                ..Selector::default()
            },
        )
    }

    /// Every range of `result` is inside the text, on character boundaries, and inside one block.
    fn assert_well_placed(d: &Document, result: &Anchoring) {
        let ranges: Vec<Range<usize>> = match result {
            Anchoring::Exact(r) | Anchoring::CaseInsensitive(r) => vec![r.clone()],
            Anchoring::Approximate { range, similarity } => {
                assert!((0.0..=1.0).contains(similarity), "{result:?}");
                vec![range.clone()]
            }
            Anchoring::Ambiguous(ranges) => ranges.clone(),
            Anchoring::NotFound { closest } => closest.iter().map(|(r, _)| r.clone()).collect(),
        };
        for range in ranges {
            assert!(
                range.start <= range.end && range.end <= d.text.len(),
                "{range:?} outside {:?}: {result:?}",
                d.text
            );
            assert!(
                d.text.is_char_boundary(range.start) && d.text.is_char_boundary(range.end),
                "{range:?} splits a character of {:?}: {result:?}",
                d.text
            );
            assert!(
                d.blocks
                    .iter()
                    .any(|b| b.range.start <= range.start && range.end <= b.range.end),
                "{range:?} = {:?} spans passages {:?}: {result:?}",
                d.text.get(range.clone()),
                d.blocks.iter().map(|b| b.range.clone()).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn the_closest_place_of_a_quote_not_found_is_whole_characters() {
        // "\0" is shown as U+2400, three bytes; the quote shares no byte with it.
        let d = doc("\0");
        let a = anchor_in(&d, "$#");
        assert!(matches!(a, Anchoring::NotFound { .. }), "{a:?}");
        assert_well_placed(&d, &a);
        // A quote one accent away from a word: its ends fall inside two-byte characters.
        let d = doc("Intro.\n\nLe café était fermé à midi.");
        let a = anchor_in(&d, "cafè était fermè");
        assert_well_placed(&d, &a);
        assert_eq!(a.range().and_then(|r| d.text.get(r)), Some("café était fermé"), "{a:?}");
    }

    #[test]
    fn an_approximate_match_stays_inside_one_passage() {
        let d = doc("alpha beta\n\ngamma delta");
        for a in [anchor_in(&d, "beta gamma"), anchor_seeded(&d, "beta gamma")] {
            assert_well_placed(&d, &a);
            assert!(a.range().is_none(), "half of each passage is no match: {a:?}");
        }
        // The end of one passage and the start of the next, nearly as written: still not a match.
        let d = doc("The border was closed for weeks.\n\nTrade fell sharply as a result.");
        let quote = "closed for weeks. Trade fell sharply";
        for a in [anchor_in(&d, quote), anchor_seeded(&d, quote)] {
            assert_well_placed(&d, &a);
            assert!(a.range().is_none(), "{a:?}");
        }
    }

    #[test]
    fn a_quote_holding_the_separator_does_not_match_across_passages() {
        let d = doc("alpha\n\nbeta");
        for quote in [
            "alpha\u{1}beta",
            "\u{1}",
            "a\u{1}",
            "alpha\u{1}",
            "\u{1}beta",
            "ha\u{1}be",
        ] {
            assert_well_placed(&d, &anchor_in(&d, quote));
        }
        assert_eq!(
            anchor_in(&d, "alpha\u{1}beta"),
            Anchoring::NotFound {
                closest: Some((0..5, 0.5))
            }
        );
        assert_eq!(anchor_in(&d, "alpha\u{1}"), Anchoring::Exact(0..5));
        // Control characters in a quote are read as spaces, like the text's own whitespace.
        let d = doc("alpha beta");
        assert_eq!(anchor_in(&d, "alpha\u{1}beta"), Anchoring::Exact(0..10));
        assert_eq!(fold_quote("\u{1}a\u{7}\u{1}b\u{1}"), "a b");
    }

    #[test]
    fn a_quote_of_the_separator_before_an_empty_last_block_is_not_found() {
        let d = doc("a\n\n```");
        let a = anchor_in(&d, "\u{1}");
        assert_eq!(a, Anchoring::NotFound { closest: None });
    }

    #[test]
    fn an_approximate_match_is_found_among_many_passages_and_tells_ties() {
        // Distinct passages, and one edited quote to find among them.
        let mut md = String::new();
        for n in 0..2_000 {
            md.push_str(&format!(
                "Passage {n} says that item {} moved {} times.\n\n",
                n * 7,
                n % 13
            ));
        }
        md.push_str("The withdrawal of US forces in August 2021 ended a twenty-year war.\n\n");
        let d = doc(&md);
        let (a, found) = find(
            &md,
            "The withdrawal of American forces in August 2021 ended a twenty-year war",
        );
        assert!(matches!(a, Anchoring::Approximate { .. }), "{a:?}");
        assert_eq!(
            found,
            "The withdrawal of US forces in August 2021 ended a twenty-year war"
        );
        assert_well_placed(&d, &a);
        // The same passage twice: a tie, never a guess.
        let twice = format!("{md}The withdrawal of US forces in August 2021 ended a twenty-year war.\n");
        let (a, _) = find(
            &twice,
            "The withdrawal of American forces in August 2021 ended a twenty-year war",
        );
        assert!(matches!(a, Anchoring::Ambiguous(ref r) if r.len() == 2), "{a:?}");
        // The same answers where the quote is compared only around its seeds.
        let quote = "The withdrawal of American forces in August 2021 ended a twenty-year war";
        let a = anchor_seeded(&d, quote);
        assert_eq!(
            a.range().and_then(|r| d.text.get(r)),
            Some("The withdrawal of US forces in August 2021 ended a twenty-year war"),
            "{a:?}"
        );
        let a = anchor_seeded(&doc(&twice), quote);
        assert!(matches!(a, Anchoring::Ambiguous(ref r) if r.len() == 2), "{a:?}");
    }

    #[test]
    fn a_quote_past_the_approximate_limit_is_found_exactly_or_not_at_all() {
        let passage = "word ".repeat(APPROXIMATE_QUOTE_LIMIT / 4);
        let d = doc(&format!("Intro.\n\n{passage}"));
        let folded = FoldedText::new(&d);
        let exact = passage.trim_end();
        assert!(fold_quote(exact).len() > APPROXIMATE_QUOTE_LIMIT);
        let selector = |exact| Selector {
            exact,
            ..Selector::default()
        };
        assert!(matches!(folded.anchor(&d.text, &selector(exact)), Anchoring::Exact(_)));
        let changed = exact.replacen("word", "ward", 1);
        assert_eq!(
            folded.anchor(&d.text, &selector(&changed)),
            Anchoring::NotFound { closest: None }
        );
        // Just under the limit, the same edit is found.
        let shorter = changed.get(..APPROXIMATE_QUOTE_LIMIT - 10).unwrap_or("").trim_end();
        let a = folded.anchor(&d.text, &selector(shorter));
        assert!(matches!(a, Anchoring::Approximate { .. }), "{a:?}");
    }

    /// Anchors `quote` the way a long text is searched: only where its seeds line up.
    fn anchor_seeded(d: &Document, quote: &str) -> Anchoring {
        FoldedText::new(d).anchor_with(
            &d.text,
            &Selector {
                exact: quote,
                ..Selector::default()
            },
            0,
        )
    }

    #[test]
    fn seeds_found_too_often_are_left_out() {
        // "abcd " occurs more often than the limit: a quote made only of it finds nothing.
        let common = "abcd ".repeat(SEED_HITS_LIMIT + 10);
        let d = doc(&format!("{common}\n\nxyz"));
        let a = anchor_seeded(&d, "abcd abcd abce abcd");
        assert_eq!(a, Anchoring::NotFound { closest: None });
        // A rarer part of a quote still leads to its place.
        let d = doc(&format!("{common}\n\nThe rare zygomorphic passage."));
        let a = anchor_seeded(&d, "The rare zygomorphik passage.");
        assert!(matches!(a, Anchoring::Approximate { .. }), "{a:?}");
        assert_eq!(
            a.range().and_then(|r| d.text.get(r)),
            Some("The rare zygomorphic passage.")
        );
    }

    #[test]
    fn a_long_text_is_compared_with_the_quote_only_where_its_seeds_are() {
        // Long enough that text x quote is past the full-scan limit.
        let mut md = String::new();
        let mut n = 0;
        while md.len() * 40 <= FULL_SCAN_LIMIT {
            md.push_str(&format!(
                "Passage {n} says that item {} moved {} times.\n\n",
                n * 7,
                n % 13
            ));
            n += 1;
        }
        let quote = "Over 650 attacks were counted in 2023, a sharp rise";
        md.insert_str(
            md.len() / 3,
            "\n\nOver 650 attacks were recorded in 2023, a sharp rise on earlier years.\n\n",
        );
        let d = doc(&md);
        let unrelated = "Completely unrelated words about fishing boats";
        assert!(d.text.len() * unrelated.len().min(quote.len()) > FULL_SCAN_LIMIT);
        let a = anchor_in(&d, quote);
        assert!(matches!(a, Anchoring::Approximate { .. }), "{a:?}");
        assert_eq!(
            a.range().and_then(|r| d.text.get(r)),
            Some("Over 650 attacks were recorded in 2023, a sharp rise")
        );
        // Nothing in common with the text: not found, without a hint.
        let a = anchor_in(&d, unrelated);
        assert_eq!(a, Anchoring::NotFound { closest: None });
    }

    #[test]
    fn seeds_cover_the_quote_in_pieces_on_character_boundaries() {
        let quote = "é".repeat(40);
        let pieces = seeds(&quote);
        assert!(
            pieces
                .iter()
                .all(|(at, piece)| quote.get(*at..).is_some_and(|q| q.starts_with(piece)))
        );
        assert_eq!(pieces.iter().map(|(_, p)| p.len()).sum::<usize>(), quote.len());
        assert_eq!(seeds("ab"), [(0, "ab")]);
        let long = "x".repeat(10_000);
        assert_eq!(seeds(&long).len(), SEEDS);
    }

    #[test]
    fn a_long_prefix_or_suffix_is_compared_by_its_nearest_part() {
        let d = doc("first: the war ended.\n\nsecond: the war ended.");
        let folded = FoldedText::new(&d);
        let prefix = format!("{}second: ", "z".repeat(1_000_000));
        let a = folded.anchor(
            &d.text,
            &Selector {
                exact: "the war ended",
                prefix: &prefix,
                ..Selector::default()
            },
        );
        let r = a.range().expect("placed by its prefix");
        assert!(d.text[..r.start].ends_with("second: "), "{a:?}");
    }

    proptest::proptest! {
        #[test]
        fn every_range_is_whole_characters_inside_one_passage(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "alpha", "beta", "é", "😀", " ", "\n", "\n\n", "```", "# ", "- ", "*", "\0", "\u{1}", "’", "\u{ad}",
                ]),
                0..30,
            ),
            from in 0usize..200,
            len in 0usize..60,
            edits in proptest::collection::vec((0usize..60, proptest::sample::select(vec!["x", "é", "\u{1}", " ", ""])), 0..4),
        ) {
            let md = pieces.concat();
            let d = doc(&md);
            let from = d.text.floor_char_boundary(from.min(d.text.len()));
            let to = d.text.floor_char_boundary((from + len).min(d.text.len()));
            let mut quote = d.text[from..to].to_owned();
            for (at, with) in edits {
                let at = quote.floor_char_boundary(at.min(quote.len()));
                let next = quote[at..].chars().next().map_or(0, char::len_utf8);
                quote.replace_range(at..at + next, with);
            }
            assert_well_placed(&d, &anchor_in(&d, &quote));
            assert_well_placed(&d, &anchor_seeded(&d, &quote));
        }
    }
}
