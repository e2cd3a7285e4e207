//! Finding text in a brief (smart case) and fuzzy-matching titles for the list filter.

use std::ops::Range;

/// Every match of `query` in `text`, smart case: case-insensitive unless the query has a capital.
/// Ranges are byte ranges of `text`.
pub fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    if query.is_empty() {
        return Vec::new();
    }
    if query.chars().any(char::is_uppercase) {
        return memchr::memmem::find_iter(text.as_bytes(), query.as_bytes())
            .map(|s| s..s + query.len())
            .collect();
    }
    // Case-insensitive: lowercase char by char, keeping a map back to the original offsets.
    let mut lower = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        for l in c.to_lowercase() {
            for _ in 0..l.len_utf8() {
                offsets.push(i);
            }
            lower.push(l);
        }
    }
    offsets.push(text.len());
    let needle = query.to_lowercase();
    memchr::memmem::find_iter(lower.as_bytes(), needle.as_bytes())
        .filter_map(|s| {
            let start = *offsets.get(s)?;
            let last = *offsets.get(s + needle.len() - 1)?;
            let end = last + text.get(last..)?.chars().next().map_or(1, char::len_utf8);
            Some(start..end)
        })
        .collect()
}

/// Fuzzy subsequence score (higher is better), `None` when `query` is not a subsequence of
/// `candidate`. Consecutive letters and word starts score more.
pub fn fuzzy_score(query: &str, candidate: &str) -> Option<i64> {
    let mut score = 0i64;
    let mut previous: Option<usize> = None;
    let lower_candidate: Vec<(usize, char)> = candidate
        .char_indices()
        .map(|(i, c)| (i, c.to_ascii_lowercase()))
        .collect();
    let mut at = 0usize;
    for q in query
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
    {
        let found = lower_candidate.iter().skip(at).position(|&(_, c)| c == q)? + at;
        let byte = lower_candidate[found].0;
        score += 10;
        if previous.is_some_and(|p| p + 1 == found) {
            score += 15;
        }
        if found == 0
            || lower_candidate
                .get(found - 1)
                .is_some_and(|&(_, c)| !c.is_alphanumeric())
        {
            score += 10;
        }
        score -= (byte as i64).min(50) / 10;
        previous = Some(found);
        at = found + 1;
    }
    Some(score)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case_and_unicode() {
        let text = "The TTP and the ttp; Pakistan’s Ünity and ünity.";
        assert_eq!(find_all(text, "ttp").len(), 2);
        assert_eq!(find_all(text, "TTP"), vec![4..7]);
        let u = find_all(text, "ünity");
        assert_eq!(u.len(), 2);
        assert_eq!(&text[u[0].clone()], "Ünity");
        assert!(find_all(text, "").is_empty());
        assert!(find_all(text, "zzz").is_empty());
    }

    #[test]
    fn fuzzy_prefers_word_starts_and_runs() {
        assert!(fuzzy_score("cpec", "China-Pakistan Economic Corridor").is_some());
        assert!(fuzzy_score("xyz", "Durand Line").is_none());
        let tight = fuzzy_score("dur", "Durand Line").unwrap();
        let loose = fuzzy_score("dur", "a dim unit roll").unwrap();
        assert!(tight > loose);
    }
}
