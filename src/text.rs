//! Sentences and words in prose, the one place dossier finds them: for selections (`v` then `)`,
//! `w`), for summaries (`check` counts their sentences) and for derived figures (a figure's
//! sentence). Unicode's rules (UAX #29, via `unicode-segmentation`) with one refinement they lack:
//! a single capital letter and a full stop is an initial ("U.S.", "A. Khan"), not a sentence end.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// Byte ranges of the sentences of `text`, trailing spaces trimmed.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut start: Option<usize> = None;
    for (at, piece) in text.split_sentence_bound_indices() {
        let from = *start.get_or_insert(at);
        let trimmed = piece.trim_end();
        let end = at + trimmed.len();
        if ends_with_initial(&text[from..end]) && at + piece.len() < text.len() {
            continue;
        }
        if end > from {
            out.push(from..end);
        }
        start = None;
    }
    if let Some(from) = start {
        let end = from + text[from..].trim_end().len();
        if end > from {
            out.push(from..end);
        }
    }
    out
}

/// True when `sentence` ends with an initial: one capital letter and a full stop.
fn ends_with_initial(sentence: &str) -> bool {
    let Some(before) = sentence.strip_suffix('.') else {
        return false;
    };
    let mut chars = before.chars().rev();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none_or(|c| !c.is_alphabetic())
}

/// Byte ranges of the words of `text` (runs holding a letter or digit; punctuation and spaces
/// between them are not words).
pub fn words(text: &str) -> Vec<Range<usize>> {
    text.split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(at, w)| at..at + w.len())
        .collect()
}

/// Wraps `text` to `width` columns (at least 1), breaking long words rather than cutting them.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let options = textwrap::Options::new(width.max(1)).break_words(true);
    let lines: Vec<String> = textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
    if lines.is_empty() { vec![String::new()] } else { lines }
}

/// Wraps `text` to `width` columns with a hanging indent: the first line starts after `first`
/// columns already used, later lines are indented by `indent` spaces.
pub fn wrap_hanging(text: &str, width: usize, indent: usize) -> Vec<String> {
    let pad = " ".repeat(indent);
    let options = textwrap::Options::new(width.max(indent + 1))
        .subsequent_indent(&pad)
        .break_words(true);
    let lines: Vec<String> = textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
    if lines.is_empty() { vec![String::new()] } else { lines }
}

/// Cuts `text` to `width` columns, ending with `…` when it was cut.
pub fn truncate(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if text.width() <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let w = grapheme.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(text: &'a str, ranges: &[Range<usize>]) -> Vec<&'a str> {
        ranges.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn sentences_follow_unicode_rules_and_keep_initials_together() {
        let text = "The U.S. State Department spoke. Pakistan replied! Did A. Khan agree? Yes.";
        assert_eq!(
            texts(text, &sentences(text)),
            [
                "The U.S. State Department spoke.",
                "Pakistan replied!",
                "Did A. Khan agree?",
                "Yes."
            ]
        );
        let text = "Talks “ended.” Then a lull";
        assert_eq!(texts(text, &sentences(text)), ["Talks “ended.”", "Then a lull"]);
        assert!(sentences("").is_empty());
        assert_eq!(sentences("One. Two. Three.").len(), 3);
    }

    #[test]
    fn words_are_runs_with_letters_or_digits() {
        let text = "over 650 recorded attacks, in 2023.";
        assert_eq!(
            texts(text, &words(text)),
            ["over", "650", "recorded", "attacks", "in", "2023"]
        );
    }

    #[test]
    fn wrapping_and_truncation() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("◆ ttp-resurgence-after", 12), ["◆ ttp-", "resurgence-", "after"]);
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(
            wrap_hanging("a long description here", 12, 4),
            ["a long", "    descript", "    ion here"]
        );
        assert_eq!(truncate("Durand Line", 8), "Durand …");
        assert_eq!(truncate("Durand", 8), "Durand");
        assert_eq!(truncate("abc", 0), "");
    }
}
