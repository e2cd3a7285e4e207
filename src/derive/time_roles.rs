//! What the words around a time make of it: the word that relates it to a figure ("since",
//! "by", read past "the end of"), and whether it is only a point of comparison ("than in 2019",
//! "the 2015 peak", "the highest since 2017"), a name ("IHO 2021") or a copyright notice's years.
//! The expression itself is read in `times`.

use std::ops::Range;

use super::lexicon::{COMPARISON_NOUNS, Opener, is_function_word, is_superlative, month_number};
use super::text::{Kind, Sentence, View, is_verbish};

/// Words between a time and the word that relates it to a figure: "by the end of 2025".
fn is_filler(lower: &str) -> bool {
    matches!(
        lower,
        "the"
            | "end"
            | "start"
            | "beginning"
            | "middle"
            | "summer"
            | "winter"
            | "spring"
            | "autumn"
            | "fall"
            | "early"
            | "late"
            | "mid"
            | "first"
            | "second"
            | "half"
            | "quarter"
            | "of"
            | "year"
            | "years"
            | "fiscal"
            | "financial"
            | "calendar"
            | "month"
    )
}

/// The word before a time, read past fillers, and what it makes of the time.
pub(super) fn opener_before(view: &View<'_>, sentence: &Sentence, start: usize) -> (Opener, bool) {
    let mut j = start;
    let mut of = false;
    while j > sentence.range.start {
        j -= 1;
        let w = view.low(j);
        if !is_filler(w) {
            let opener = match w {
                "since" | "from" | "after" => Opener::From,
                "by" | "until" | "till" | "through" | "before" | "to" if !of || w == "by" => Opener::UpTo,
                _ => Opener::At,
            };
            return (opener, w == "for");
        }
        of |= w == "of";
    }
    (Opener::At, false)
}

/// Whether the year at `span` is only a point of comparison, a name or an attribute.
pub(super) fn is_reference(view: &View<'_>, sentence: &Sentence, span: &Range<usize>, bare_year: bool) -> bool {
    let first = sentence.first_word(view);
    let before = |k: usize| span.start.checked_sub(k).filter(|&j| j >= sentence.range.start);
    let low_before = |k: usize| sentence.low_before(view, span.start, k);
    let after = view.low(span.end);
    // "than in 2019", "compared with 2020", "relative to 2019", also past the words that name a
    // part of the time: "than in the second quarter of 2024", "compared with the same months of".
    let skip = (1..=5)
        .take_while(|&k| {
            matches!(
                low_before(k),
                "the"
                    | "same"
                    | "first"
                    | "second"
                    | "third"
                    | "fourth"
                    | "final"
                    | "last"
                    | "quarter"
                    | "half"
                    | "month"
                    | "months"
                    | "week"
                    | "weeks"
                    | "period"
                    | "of"
            )
        })
        .count();
    // "up 6% on 2022", "down by 4.3% on 2023", "down on 2023": the year a change is measured from
    // (a day is when it happened: "rose by 4.9% on 2 March 2025").
    let change_on = bare_year
        && low_before(1) == "on"
        && matches!(low_before(2), "%" | "cent" | "percent" | "points" | "up" | "down");
    let comparison = change_on
        || matches!(low_before(1 + skip), "than" | "versus" | "vs")
        || matches!(
            (low_before(2 + skip), low_before(1 + skip)),
            ("than", "in") | ("compared", "with" | "to") | ("relative", "to")
        );
    // "the 2015 peak", "a 2020 laptop", "IHO 2021", "Windows 2000", "the 2024 edition".
    let attribute = baseline(view, sentence, span)
        || (bare_year
            && ((matches!(low_before(1), "a" | "an") && view.kind(span.end) == Some(Kind::Word))
                || super::versions::VERSION_NOUNS.has(after)));
    let name = bare_year
        && before(1).is_some_and(|j| {
            j != first
                && view.glued(span.start).eq(&false)
                && view.kind(j) == Some(Kind::Word)
                && view.word(j).chars().any(char::is_uppercase)
                && month_number(view.word(j)).is_none()
                && !is_function_word(view.low(j))
                && view.word(j) != "AD"
        });
    comparison || attribute || name || copyright(view, sentence, span.start) || since_superlative(view, sentence, span)
}

/// "Copyright 2020", "© 1991–2025", "Copyright (c) 2023-2025": a copyright notice's years are
/// not events.
pub(super) fn copyright(view: &View<'_>, sentence: &Sentence, start: usize) -> bool {
    let mut j = start;
    while j > sentence.range.start && start - j < 4 {
        j -= 1;
        match view.low(j) {
            "copyright" | "©" => return true,
            "(" | "c" | ")" => {}
            _ => return false,
        }
    }
    false
}

/// "The highest since 2017", "the first strike at the port since 1998": a superlative before
/// "since" with no verb between makes the year a point of comparison, unless a clause saying
/// what happened then follows (", when ...").
pub(super) fn since_superlative(view: &View<'_>, sentence: &Sentence, span: &Range<usize>) -> bool {
    let before = span.start.checked_sub(1);
    let before = before
        .filter(|&j| view.low(j) == "the")
        .and_then(|j| j.checked_sub(1))
        .or(before);
    let Some(since) = before.filter(|&j| view.low(j) == "since") else {
        return false;
    };
    if view.word(span.end) == "," && view.low(span.end + 1) == "when" {
        return false;
    }
    let clause = &sentence.clauses[sentence.clause_of(since)];
    for j in (clause.start..since).rev() {
        let w = view.low(j);
        if is_superlative(w) {
            return true;
        }
        if is_verbish(w) {
            return false;
        }
    }
    false
}

/// "the 2015 peak", "the 1991–2020 average", "the 2010-19 level": a year or span that is only a
/// point of comparison.
pub(super) fn baseline(view: &View<'_>, sentence: &Sentence, span: &Range<usize>) -> bool {
    sentence.low_before(view, span.start, 1) == "the" && COMPARISON_NOUNS.has(view.low(span.end))
}
