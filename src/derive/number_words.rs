//! Numbers written in words: "Forty-two", "five hundred", "one hundred and twenty", "a dozen",
//! "a decade", "nine-day", fractions ("about a fifth", "half an hour").

use super::lexicon::{self, fraction, is_plural_noun, is_superlative, scale, small_number};
use super::numbers::{Quantity, age_band, hyphenated, unit_at};
use super::text::{Sentence, View};

/// Determiners that make a number refer back to a known set: "the two countries", "both".
/// ("His last five matches" is a count: "last" is not one of them.)
fn refers_to_known(lower: &str) -> bool {
    matches!(
        lower,
        "the" | "these" | "those" | "both" | "all" | "its" | "their" | "his" | "her" | "our" | "my"
    ) || matches!(lower, "your" | "each" | "every" | "any" | "other")
}

/// Whether a lower-case word may start a number in words: a number word, an article or "one"
/// (before "hundred", "decade", "fifth"...), or a fraction.
pub fn may_be_number_word(low: &str) -> bool {
    let head = low.split('-').next().unwrap_or(low);
    lexicon::is_number_word(head)
}

/// Numbers in words: "Forty-two", "five hundred", "one hundred and twenty", "a dozen", "a decade",
/// "a fifth", "half an hour", "nine-day".
pub fn at(view: &View<'_>, sentence: &Sentence, i: usize) -> Option<Quantity> {
    let low = view.low(i);
    if !may_be_number_word(low) {
        return None;
    }
    if let Some(q) = fraction_at(view, sentence, i).or_else(|| one_in(view, i)) {
        return Some(q);
    }
    // "At twelve he left school", "when Voss was forty-one": an age.
    if let Some(age) = small_number(low).filter(|&n| super::numbers::person_age(view, sentence, i, i + 1, n)) {
        return Some(Quantity {
            span: i..i + 1,
            value: age,
            unit: Some("years".to_owned()),
        });
    }
    if let Some((number, rest)) = low.split_once('-')
        && small_number(number).is_some()
        && small_number(low).is_none()
    {
        return hyphenated(view, sentence, i, small_number(number)?, rest);
    }
    let before = i
        .checked_sub(1)
        .filter(|&p| p >= sentence.range.start)
        .map_or("", |p| view.low(p));
    if refers_to_known(before) || age_band(view, sentence, i) {
        return None;
    }
    let (value, mut end) = match low {
        // "a hundred", "a dozen", "a decade"; "a day" and "a year" are rates or idioms.
        "a" | "an" => match view.low(i + 1) {
            "hundred" | "thousand" | "million" | "billion" | "dozen" => count_words(view, i + 1, 1.0)?,
            "decade" | "century" => (1.0, i + 1),
            _ => return None,
        },
        _ => count_words(view, i, small_number(low)?)?,
    };
    if is_superlative(view.low(end)) || view.low(end) == "of" && value < 3.0 {
        return None;
    }
    let mut unit = None;
    if let Some((name, after)) = unit_at(view, end) {
        unit = Some(name);
        end = after;
    }
    let measured = unit.as_deref().is_some_and(lexicon::is_measurement_unit);
    // "one", "two" are too often not figures ("the two countries", "one of them") to count them
    // without a unit of measure; "two" right before the plural it counts ("two volunteers", "two
    // new wells") is one, unless "one or two" makes it vague or "with" makes it a condition that
    // defines a group ("children with two doses").
    let counts_plural = low == "two"
        && !matches!(before, "or" | "to" | "with" | "without")
        && !(before == "and" && i >= 2 && small_number(view.low(i - 2)).is_some())
        && (is_plural_noun(view.low(end))
            || (view.kind(end) == Some(super::text::Kind::Word)
                && !lexicon::is_function_word(view.low(end))
                && is_plural_noun(view.low(end + 1))));
    if value < 3.0 && !measured && !counts_plural {
        return None;
    }
    Some(Quantity {
        span: i..end,
        value,
        unit,
    })
}

/// A run of number words from `i`, the first worth `first`: "five hundred", "forty-one",
/// "one hundred and twenty", "two thousand". Returns the value and the token after it.
fn count_words(view: &View<'_>, i: usize, first: f64) -> Option<(f64, usize)> {
    let (mut total, mut current) = (0.0, first);
    let mut j = i + usize::from(small_number(view.low(i)).is_some());
    if view.low(i) == "dozen" {
        current = 12.0;
        j = i + 1;
    }
    loop {
        let w = view.low(j);
        match w {
            "hundred" => current *= 100.0,
            "thousand" | "million" | "billion" | "trillion" => {
                total += current * scale(w).unwrap_or(1.0);
                current = 0.0;
            }
            "dozen" => current *= 12.0,
            "and" if small_number(view.low(j + 1)).is_some() && view.low(j - 1) == "hundred" => {}
            _ => match small_number(w) {
                Some(n) if n < 100.0 && matches!(view.low(j - 1), "hundred" | "and" | "thousand") => current += n,
                _ => break,
            },
        }
        j += 1;
    }
    Some((total + current, j))
}

/// "a fifth", "a third", "two-thirds", "half", "half an hour": shares in percent, or half a unit.
fn fraction_at(view: &View<'_>, sentence: &Sentence, i: usize) -> Option<Quantity> {
    let low = view.low(i);
    let (share, word_at) = match low {
        "a" | "one" => (fraction(view.low(i + 1))?, i + 1),
        _ => (fraction(low)?, i),
    };
    // "the third quarter", "the first half of 2023", "the same quarter of 2023": a part of the
    // year, not a share.
    let named = word_at.checked_sub(1).map_or("", |p| view.low(p));
    if matches!(
        named,
        "the"
            | "first"
            | "second"
            | "third"
            | "fourth"
            | "last"
            | "this"
            | "next"
            | "same"
            | "that"
            | "each"
            | "every"
            | "previous"
            | "final"
            | "current"
            | "latest"
            | "its"
            | "their"
            | "our"
    ) {
        return None;
    }
    let after = word_at + 1;
    // "half an hour", "a quarter of an hour": that part of the unit.
    let of_unit = match (view.low(after), view.low(after + 1)) {
        ("a" | "an", _) if view.low(word_at) == "half" => Some(after + 1),
        ("of", "a" | "an") => Some(after + 2),
        _ => None,
    };
    if let Some((unit, end)) = of_unit.and_then(|at| unit_at(view, at))
        && lexicon::is_duration(&unit)
    {
        return Some(Quantity {
            span: i..end,
            value: (share / 100.0 * 1e4).round() / 1e4,
            unit: Some(unit),
        });
    }
    // A fraction is a figure when it says how much of something or how much a thing changed:
    // "a third of voters", "fell by about a fifth", "more than half".
    let before = i
        .checked_sub(1)
        .filter(|&p| p >= sentence.range.start)
        .map_or("", |p| view.low(p));
    let qualified = lexicon::qualifier_before(&[before]).is_some() || matches!(before, "by" | "to" | "than");
    if view.low(after) != "of" && !qualified {
        return None;
    }
    Some(Quantity {
        span: i..after,
        value: (share * 100.0).round() / 100.0,
        unit: Some("percent".to_owned()),
    })
}

/// "one in three", "1 in 5", "two out of five": a share, in percent.
pub fn one_in(view: &View<'_>, i: usize) -> Option<Quantity> {
    let number = |j: usize| small_number(view.low(j)).or_else(|| super::numbers::digits(view.word(j)));
    let part = number(i)?;
    let whole_at = match (view.low(i + 1), view.low(i + 2)) {
        ("in", _) => i + 2,
        ("out", "of") => i + 3,
        _ => return None,
    };
    let whole = number(whole_at).filter(|w| *w > part && part >= 1.0 && *w <= 1000.0)?;
    Some(Quantity {
        span: i..whole_at + 1,
        value: (part / whole * 10_000.0).round() / 100.0,
        unit: Some("percent".to_owned()),
    })
}

#[cfg(test)]
#[path = "counts_tests.rs"]
mod tests;
