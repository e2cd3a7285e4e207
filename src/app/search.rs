//! Fuzzy-matching titles for the list filter. (Text search is `crate::search::Matcher`.)

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
    fn fuzzy_prefers_word_starts_and_runs() {
        assert!(fuzzy_score("cpec", "China-Pakistan Economic Corridor").is_some());
        assert!(fuzzy_score("xyz", "Durand Line").is_none());
        let tight = fuzzy_score("dur", "Durand Line").unwrap();
        let loose = fuzzy_score("dur", "a dim unit roll").unwrap();
        assert!(tight > loose);
    }
}
