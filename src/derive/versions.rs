//! Version numbers and numbered names, which are never figures: "Rust 1.81", "Windows 8.1",
//! "Linux ≥ 4.11", "FreeBSD 14", "ISO 8601", "kernel version to 3.17", "API level 23", "rustc
//! 1.63", "the 7.0 series", "1.63 Rust", "Windows 10 and 11", and a dotted number in a sentence
//! about versions ("The minimum supported Rust version (MSRV) is 1.74"). Multi-dot numbers
//! ("2.3.1"), "v2" and a number right after "version" are told apart in [`super::numbers`].

use super::lexicon::{
    Words, currency_symbol, is_function_word, is_number_word, is_plural_noun, month_number, qualifier_before, scale,
    short_scale, unit_word, words,
};
use super::numbers::unit_at;
use super::text::{Kind, Sentence, View};

/// Words that make a dotted number near them a version.
static CUES: Words = words!(
    "version versions ver msrv rustc release releases released kernel sdk api toolchain compiler \
     edition semver"
);

/// Words that make a whole number after them a version, through connecting words ("kernel
/// version to 3", "API level to 23"). Narrower than [`CUES`]: "released to 4,000 users" is a count.
static WHOLE_NUMBER_CUES: Words = words!("version versions ver msrv rustc kernel sdk level");

/// Nouns a number names when it comes right before them: "a 2.0 version", "the 7.0 series".
pub static VERSION_NOUNS: Words = words!("version release series branch edition beta alpha");

/// Words that may stand between a version cue and its number: "version to 3.17", "versions of
/// Rust older than 1.81", "versions greater or equal to 1.19".
static CONNECTORS: Words = words!(
    "to of is was be from than older newer later earlier below above before after since greater \
     less lower higher equal or at least the minimum required now"
);

fn comparison_sign(word: &str) -> bool {
    matches!(word, ">" | "<" | "=" | "≥" | "≤" | "~" | "^" | ":")
}

/// Whether the number at token `k` is a version or part of a name rather than a quantity.
pub fn is_version(view: &View<'_>, sentence: &Sentence, k: usize) -> bool {
    version_at(view, sentence, k, 0)
}

fn version_at(view: &View<'_>, sentence: &Sentence, k: usize, depth: usize) -> bool {
    let word = view.word(k);
    if word.matches('.').count() > 1 {
        return true;
    }
    let decimal = word.contains('.');
    let next = k + 1;
    // "a 2.0 version", "the 7.0 series", "a 1.0 release".
    if VERSION_NOUNS.has(view.low(next)) && view.kind(next) == Some(Kind::Word) {
        return true;
    }
    // "1.63 Rust": a dotted number before a name.
    if decimal
        && view.kind(next) == Some(Kind::Word)
        && view.capitalised(next)
        && month_number(view.word(next)).is_none()
        && unit_word(view.word(next)).is_none()
    {
        return true;
    }
    (cue_before(view, sentence, k, decimal) && !measured_after(view, next))
        || named(view, sentence, k, decimal)
        || (decimal && !measured_after(view, next) && about_versions(view, sentence))
        || (depth < 4 && listed_after_version(view, sentence, k, decimal, depth))
}

/// A cue before the number, through connecting words: "version to 3.17", "rustc 1.63",
/// "versions of Rust older than 1.81", "API level to 23".
fn cue_before(view: &View<'_>, sentence: &Sentence, k: usize, decimal: bool) -> bool {
    let mut j = k;
    while j > sentence.range.start && k - j < 7 {
        j -= 1;
        let w = view.low(j);
        match view.kind(j) {
            Some(Kind::Word) => {
                let cue = if decimal {
                    CUES.has(w)
                } else {
                    WHOLE_NUMBER_CUES.has(w) && (w != "level" || j.checked_sub(1).is_some_and(|p| view.low(p) == "api"))
                };
                if cue {
                    return true;
                }
                if !(CONNECTORS.has(w) || view.capitalised(j)) {
                    return false;
                }
            }
            Some(Kind::Symbol) if comparison_sign(w) || w == "(" => {}
            _ => return false,
        }
    }
    false
}

/// Whether a capitalised word may be a name: not a function word, a qualifier, an adverb, a
/// number, a month, a weekday or a currency ("Nearly 4.5", "Roughly 40", "About 20" are not names).
fn may_be_name(view: &View<'_>, p: usize) -> bool {
    let w = view.word(p);
    let low = view.low(p);
    view.kind(p) == Some(Kind::Word)
        && w.chars().any(char::is_uppercase)
        && !is_function_word(low)
        && qualifier_before(&[low]).is_none()
        && !low.ends_with("ly")
        && !matches!(low, "perhaps" | "maybe" | "just" | "exactly" | "total")
        && !is_number_word(low.split('-').next().unwrap_or(low))
        && month_number(w).is_none()
        && super::calendar::weekday_number(low).is_none()
        && currency_symbol(w).is_none()
        && unit_word(w).is_none()
}

/// A capital inside a word: "FreeBSD", "macOS", "ISO".
fn inner_capital(word: &str) -> bool {
    word.chars().skip(1).any(char::is_uppercase)
}

/// "Rust 1.81", "Windows 8.1", "Linux ≥ 4.11", "FreeBSD 14 builds", "ISO 8601 dates", and at the
/// start of a sentence or list item "Windows 10 (Pro)": a number right after a name. A plain
/// capitalised word inside a sentence before a whole number is left to
/// [`super::numbers`], which keeps "Brest 118 gauges"-like counts.
fn named(view: &View<'_>, sentence: &Sentence, k: usize, decimal: bool) -> bool {
    let Some(mut p) = k.checked_sub(1).filter(|&p| p >= sentence.range.start) else {
        return false;
    };
    let mut compared = false;
    while p > sentence.range.start && comparison_sign(view.word(p)) {
        p -= 1;
        compared = true;
    }
    if view.glued(k) && !compared {
        return false;
    }
    if !may_be_name(view, p) {
        return false;
    }
    let next = k + 1;
    if decimal || compared || inner_capital(view.word(p)) {
        return !measured_after(view, next);
    }
    // A whole number after the first word: only when nothing it could count follows.
    p == sentence.first_word(view)
        && (next >= sentence.range.end
            || matches!(view.kind(next), Some(Kind::Mixed | Kind::Break))
            || matches!(view.word(next), "(" | "," | ";" | ")" | ".")
            || (matches!(view.low(next), "and" | "or") && view.kind(next + 1) == Some(Kind::Number)))
}

/// Whether a unit of measure, a scale or a rate follows: "1.5 seconds", "4.5 million", "2.5%",
/// "2.5 children per woman".
fn measured_after(view: &View<'_>, next: usize) -> bool {
    let w = view.word(next);
    unit_at(view, next).is_some_and(|(unit, _)| super::lexicon::is_measurement_unit(&unit))
        || scale(w).is_some()
        || (short_scale(w).is_some() && view.glued(next))
        || (is_plural_noun(view.low(next)) && matches!(view.low(next + 1), "per" | "a" | "each"))
}

/// A sentence about versions: a version cue word, a number with two dots ("2.3.1"), "v2" or "2.x".
fn about_versions(view: &View<'_>, sentence: &Sentence) -> bool {
    sentence.range.clone().any(|j| match view.kind(j) {
        Some(Kind::Word) => CUES.has(view.low(j)),
        Some(Kind::Number) => {
            view.word(j).matches('.').count() > 1
                || (view.word(j + 1) == "."
                    && view.glued(j + 1)
                    && view.glued(j + 2)
                    && matches!(view.low(j + 2), "x" | "*"))
        }
        Some(Kind::Mixed) => {
            let w = view.word(j).as_bytes();
            w.len() > 1 && matches!(w[0], b'v' | b'V') && w[1].is_ascii_digit()
        }
        _ => false,
    })
}

/// "Windows 10 and 11", "Windows 7, 8", "Python 3.9 | 3.10": a number listed right after a
/// version of the same shape.
fn listed_after_version(view: &View<'_>, sentence: &Sentence, k: usize, decimal: bool, depth: usize) -> bool {
    let Some(j) = k.checked_sub(2).filter(|&j| j >= sentence.range.start) else {
        return false;
    };
    matches!(view.word(k - 1), "," | "and" | "or" | "/" | "|" | "&")
        && view.kind(j) == Some(Kind::Number)
        && view.word(j).contains('.') == decimal
        && (version_at(view, sentence, j, depth + 1) || super::numbers::is_name_number(view, sentence, j))
}

#[cfg(test)]
#[path = "versions_tests.rs"]
mod tests;
