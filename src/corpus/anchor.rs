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
//! Blocks are separated by a sentinel that no quote contains, so a match never spans two passages.

use std::ops::Range;

use super::document::Document;

/// Below this quote similarity (1 - edits / quote length) an approximate match is rejected.
pub const SIMILARITY_FLOOR: f64 = 0.75;
/// Two candidates whose scores differ by less than this are a tie.
pub const TIE_MARGIN: f64 = 0.02;
/// Separates blocks in the folded text.
const SENTINEL: char = '\u{1}';

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

/// Folds one character: `None` drops it, otherwise its stand-in.
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        '\u{ad}' | '\u{200b}' | '\u{feff}' => return None,
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        c if c.is_whitespace() => ' ',
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

    fn to_folded(&self, original: usize) -> usize {
        let i = self.map.partition_point(|&(_, o)| o <= original);
        match i.checked_sub(1).and_then(|i| self.map.get(i)) {
            Some(&(f, o)) => (f + (original - o)).min(self.text.len()),
            None => original.min(self.text.len()),
        }
    }

    /// A folded range back to an original range. The end maps through its last character so a
    /// dropped character after the quote is not swallowed.
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
        start..end.max(start)
    }

    /// Finds `selector` in this text; `doc_text` is the document's text the ranges refer to.
    pub fn anchor(&self, doc_text: &str, selector: &Selector<'_>) -> Anchoring {
        let quote = fold_quote(selector.exact);
        if quote.is_empty() {
            return Anchoring::NotFound { closest: None };
        }
        let prefix = fold_quote(selector.prefix);
        let suffix = fold_quote(selector.suffix);
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
        let lower_text = self.text.to_ascii_lowercase();
        let lower_quote = quote.to_ascii_lowercase();
        let caseless: Vec<usize> = memchr::memmem::find_iter(lower_text.as_bytes(), lower_quote.as_bytes()).collect();
        if !caseless.is_empty() {
            return match self.pick(&caseless, quote.len(), &prefix, &suffix, hint) {
                Ok(start) => Anchoring::CaseInsensitive(to_original(start..start + quote.len())),
                Err(starts) => {
                    Anchoring::Ambiguous(starts.into_iter().map(|s| to_original(s..s + quote.len())).collect())
                }
            };
        }
        self.approximate(&lower_text, &lower_quote, &prefix, &suffix, hint, doc_text)
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

    fn approximate(
        &self,
        lower_text: &str,
        quote: &str,
        prefix: &str,
        suffix: &str,
        hint: Option<usize>,
        doc_text: &str,
    ) -> Anchoring {
        let pattern = quote.as_bytes();
        let budget = pattern.len() / 2;
        let ends = sellers_ends(lower_text.as_bytes(), pattern);
        // Local minima, best first.
        let mut candidates: Vec<(usize, usize)> = Vec::new();
        for (j, &d) in ends.iter().enumerate() {
            let d = d as usize;
            let next = ends.get(j + 1).map_or(usize::MAX, |&n| n as usize);
            let prev = j
                .checked_sub(1)
                .and_then(|p| ends.get(p))
                .map_or(usize::MAX, |&p| p as usize);
            if d <= budget.max(1) && d <= prev && d < next {
                candidates.push((d, j + 1));
            }
        }
        if candidates.is_empty() {
            // Nothing within the budget: still name the closest place, as a hint.
            if let Some((end, &d)) = ends.iter().enumerate().min_by_key(|&(_, d)| *d) {
                candidates.push((d as usize, end + 1));
            }
        }
        candidates.sort_unstable();
        candidates.truncate(16);
        let mut scored: Vec<(f64, Range<usize>, f64)> = candidates
            .into_iter()
            .filter_map(|(_, end)| {
                let (start, distance) = sellers_start(lower_text.as_bytes(), pattern, end)?;
                let similarity = 1.0 - distance as f64 / pattern.len() as f64;
                let score = 50.0 * similarity + self.context_score(start..end, prefix, suffix, hint);
                Some((score / 92.0, start..end, similarity))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
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
/// and any substring of `text` ending there.
fn sellers_ends(text: &[u8], pattern: &[u8]) -> Vec<u32> {
    let m = pattern.len();
    let mut column: Vec<u32> = (0..=m as u32).collect();
    let mut ends = Vec::with_capacity(text.len());
    for &t in text {
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
/// against the reversed text before `end`. Returns (start, distance).
fn sellers_start(text: &[u8], pattern: &[u8], end: usize) -> Option<(usize, usize)> {
    let m = pattern.len();
    let window = m + m / 2 + 1;
    let begin = end.saturating_sub(window);
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
}
