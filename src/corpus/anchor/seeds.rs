//! Where to compare a quote in a long text: short pieces of the quote (seeds) found exactly vote
//! for where it would start, and the best-voted places are compared in full.

use std::ops::Range;

use super::*;

impl FoldedText {
    /// Where the seeds of `quote` (lowercased) line up best: folded ranges to compare in full,
    /// ascending and disjoint, at most [`APPROXIMATE_CANDIDATES`] of them before merging.
    pub(super) fn candidate_regions(&self, quote: &str, hint: Option<usize>) -> Vec<Range<usize>> {
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
}

/// The quote cut into consecutive pieces of 5 to 16 bytes (on character boundaries; the last
/// one takes what is left), as (offset in the quote, piece); at most [`SEEDS`], spread over the
/// quote. A quote shorter than a piece is one piece.
pub(super) fn seeds(quote: &str) -> Vec<(usize, &str)> {
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
