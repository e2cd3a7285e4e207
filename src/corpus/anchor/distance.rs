//! Edit distance for quote matching: similarity, Levenshtein, and Sellers' algorithm for a
//! pattern inside a longer text, on bytes; match ends kept on character boundaries.

use super::SENTINEL_BYTE;

/// 1 - normalized edit distance of two strings (bytes).
pub fn similarity(a: &str, b: &str) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    1.0 - levenshtein(a.as_bytes(), b.as_bytes()) as f64 / longest as f64
}

pub(super) fn levenshtein(a: &[u8], b: &[u8]) -> usize {
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
pub(super) fn sellers_ends(text: &[u8], pattern: &[u8]) -> Vec<u32> {
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
pub(super) fn sellers_start(text: &[u8], pattern: &[u8], end: usize) -> Option<(usize, usize)> {
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
pub(super) fn ceil_boundary(text: &[u8], mut at: usize) -> usize {
    while at < text.len() && !is_boundary(text, at) {
        at += 1;
    }
    at.min(text.len())
}

pub(super) fn is_boundary(text: &[u8], i: usize) -> bool {
    text.get(i).is_none_or(|&b| (b as i8) >= -0x40)
}
