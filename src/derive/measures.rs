//! What a quantity counts or measures, and how exact the text says it is. A count's unit is the
//! noun it counts ("650 recorded attacks" counts attacks; "Forty-two of the ships" counts ships;
//! in "deaths rose to 8,352" the sentence's subject says what 8,352 counts, see
//! [`super::subjects`]), and its measure is the phrase around that noun. A quantity with a unit
//! of its own (percent, USD, km, days) is measured by the words that say of what ("600 tonnes of
//! fruit", "wages will rise by 7.5 per cent").

use std::ops::Range;

use super::lexicon::{self, IRREGULAR_PLURALS, is_function_word, qualifier_after, qualifier_before, unit_word};
use super::numbers::Quantity;
use super::text::{Kind, Sentence, View};
use crate::figure::Qualifier;

/// At most this many words in a measure.
const MEASURE_WORDS: usize = 6;

/// What a quantity counts or measures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Description {
    pub unit: String,
    pub measure: String,
}

/// A word after a number that may be the noun it counts: a plural, regular or not.
fn is_counted_noun(lower: &str) -> bool {
    IRREGULAR_PLURALS.has(lower)
        || lexicon::is_men_plural(lower)
        || (lower.len() > 3
            && lower.ends_with('s')
            && !["ss", "us", "is", "ous", "'s", "’s"].iter().any(|e| lower.ends_with(e))
            && lower.chars().all(|c| c.is_alphabetic() || c == '-')
            && !is_function_word(lower))
}

fn is_quote(word: &str) -> bool {
    matches!(word, "\"" | "“" | "”" | "'" | "‘" | "’")
}

/// The noun a number counts, in the noun phrase starting at `from`: its head token.
/// "recorded attacks", "container ships", "\"cool islands\"", "14 consecutive days". A verb
/// in "-s" after other words ends the phrase ("1 input byte takes 2 tokens"), and so does any
/// word after "1", whose noun is singular.
fn head_noun(view: &View<'_>, from: usize, end: usize, one: bool) -> Option<usize> {
    let mut words = 0;
    let mut j = from;
    while j < end && words < 5 {
        match view.kind(j)? {
            Kind::Symbol if is_quote(view.word(j)) => {}
            Kind::Word => {
                let w = view.low(j);
                if is_function_word(w) || (words > 0 && (one || reads_as_verb(view, j))) {
                    return None;
                }
                if is_counted_noun(w) || unit_word(view.word(j)).is_some_and(lexicon::is_measurement_unit) {
                    return Some(j);
                }
                words += 1;
            }
            _ => return None,
        }
        j += 1;
    }
    None
}

/// Whether a word in "-s" after a noun is its verb: a known verb, or one followed by its object
/// ("byte takes 2 tokens", "module provides the routines").
fn reads_as_verb(view: &View<'_>, j: usize) -> bool {
    let next = view.low(j + 1);
    lexicon::is_verb_in_s(view.low(j))
        || view.kind(j + 1) == Some(Kind::Number)
        || matches!(
            next,
            "a" | "an" | "the" | "its" | "their" | "this" | "these" | "those" | "it" | "them" | "us" | "each" | "every"
        )
}

/// Words `range` as a phrase, without function words or symbols at either end, at most
/// [`MEASURE_WORDS`] words.
pub(super) fn trimmed(view: &View<'_>, range: Range<usize>) -> String {
    let content = |j: usize| view.kind(j) == Some(Kind::Word) && !is_function_word(view.low(j));
    let mut range = range;
    while range.start < range.end && !content(range.start) {
        range.start += 1;
    }
    while range.end > range.start && !content(range.end - 1) {
        range.end -= 1;
    }
    let words: Vec<usize> = range.clone().filter(|&j| view.kind(j) == Some(Kind::Word)).collect();
    if words.len() > MEASURE_WORDS {
        range.end = words[MEASURE_WORDS - 1] + 1;
    }
    let phrase = view.phrase(range);
    let phrase = phrase.trim_matches(|c: char| !c.is_alphanumeric());
    // "Spawning-stock biomass (SSB": a bracket the phrase opens and does not close goes, with
    // what is in it.
    match phrase.rfind('(') {
        Some(open) if !phrase[open..].contains(')') => phrase[..open].trim_end().to_owned(),
        _ => phrase.to_owned(),
    }
}

/// Tokens from `from` up to the clause's end, stopping before a number or another figure.
pub(super) fn until_blocked(view: &View<'_>, from: usize, end: usize, blocked: &dyn Fn(usize) -> bool) -> Range<usize> {
    let mut j = from;
    let stops = |j: usize| match view.kind(j) {
        Some(Kind::Number | Kind::Mixed | Kind::Break) => true,
        Some(Kind::Symbol) => matches!(view.word(j), "(" | ")" | "[" | "]" | "|"),
        _ => false,
    };
    while j < end && !blocked(j) && !stops(j) {
        j += 1;
    }
    from..j
}

/// The last words before `end` in the clause, stopping at another figure: the nearest context of
/// a number ("over a pay offer of" for "4 per cent").
pub fn words_before(view: &View<'_>, clause: &Range<usize>, end: usize, blocked: &dyn Fn(usize) -> bool) -> String {
    let mut start = end;
    while start > clause.start && end - start < MEASURE_WORDS + 2 && !blocked(start - 1) {
        if matches!(view.kind(start - 1), Some(Kind::Number | Kind::Mixed | Kind::Break)) {
            break;
        }
        start -= 1;
    }
    trimmed(view, start..end)
}

/// Describes quantity `q` of `sentence`. `previous` is the description of the quantity before it
/// in the sentence, for ellipses ("nine more", "and 712 in 2024"). `blocked(j)` is true for tokens
/// of other figures and times, where a measure stops.
pub fn describe(
    view: &View<'_>,
    sentence: &Sentence,
    q: &Quantity,
    previous: Option<&Description>,
    blocked: &dyn Fn(usize) -> bool,
) -> Option<Description> {
    let clause = &sentence.clauses[sentence.clause_of(q.span.start)];
    let after = until_blocked(view, q.span.end, clause.end, blocked);
    if let Some(unit) = &q.unit {
        return Some(Description {
            unit: unit.clone(),
            measure: measured(view, clause, q, unit, after, previous, blocked),
        });
    }
    let one = q.value == 1.0;
    if let Some(head) = head_noun(view, q.span.end, clause.end, one) {
        let unit = unit_of_head(view, head);
        let mut measure = trimmed(view, q.span.end..after.end);
        if measure.eq_ignore_ascii_case(&unit) {
            // "took six winters": the noun alone says little; the words before it say more.
            let mut start = q.span.start;
            while start > clause.start
                && q.span.start - start < 5
                && !blocked(start - 1)
                && view.kind(start - 1) == Some(Kind::Word)
            {
                start -= 1;
            }
            measure = trimmed(view, start..after.end);
        }
        return Some(Description { unit, measure });
    }
    // "Forty-two of the ships", "14 of the 38 large cities".
    if view.low(q.span.end) == "of" {
        let mut j = q.span.end + 1;
        while j < clause.end
            && (is_function_word(view.low(j))
                || view.kind(j) == Some(Kind::Number)
                || lexicon::small_number(view.low(j)).is_some())
        {
            j += 1;
        }
        if let Some(head) = head_noun(view, j, clause.end, false) {
            let end = until_blocked(view, head, clause.end, blocked).end;
            return Some(Description {
                unit: unit_of_head(view, head),
                measure: trimmed(view, j..end),
            });
        }
    }
    // An ellipsis takes the noun of the count before it: "nine more", "30 in 2024"; not a number
    // followed by a noun of its own ("1 input byte").
    let next = q.span.end;
    let own_noun = view.kind(next) == Some(Kind::Word)
        && !is_function_word(view.low(next))
        && !super::text::is_verbish(view.low(next));
    if let Some(p) = previous.filter(|p| !lexicon::is_measurement_unit(&p.unit) && !p.unit.is_empty() && !own_noun) {
        return Some(p.clone());
    }
    // A count is whole: a bare decimal ("0.0000123", "1.4") counts no subject.
    if q.span.len() == 1 && view.word(q.span.start).contains('.') {
        return None;
    }
    super::subjects::subject(view, sentence, q.span.start, blocked)
}

fn unit_of_head(view: &View<'_>, head: usize) -> String {
    match unit_word(view.word(head)).filter(|u| lexicon::is_measurement_unit(u)) {
        Some(unit) => unit.to_owned(),
        None => view.low(head).to_owned(),
    }
}

/// The measure of a quantity with its own unit: "of fruit", "worth of equipment" after it, else
/// the clause's words before it ("wages will rise by"), else the measure before it in the sentence.
fn measured(
    view: &View<'_>,
    clause: &Range<usize>,
    q: &Quantity,
    unit: &str,
    after: Range<usize>,
    previous: Option<&Description>,
    blocked: &dyn Fn(usize) -> bool,
) -> String {
    let after_words = trimmed(view, after);
    let before = strip_qualifier(&words_before(view, clause, q.span.start, blocked));
    // "a nine-day strike", "a 7-minute walk": the noun after says what lasted.
    let adjectival = q.span.len() == 1 && view.word(q.span.start).contains('-');
    // "a 400 km long pipeline", "82 kilometres long": what is that long, wide or far.
    let dimension = matches!(
        view.low(q.span.end),
        "long" | "wide" | "high" | "deep" | "tall" | "thick" | "away" | "old"
    );
    if dimension {
        return format!("{before} {after_words}").trim().to_owned();
    }
    if (adjectival || matches!(view.low(q.span.end), "of" | "worth")) && !after_words.is_empty() {
        return after_words;
    }
    let telling = before
        .split_whitespace()
        .filter(|w| !lexicon::CHANGE_WORDS.has(&w.to_ascii_lowercase()))
        .count();
    if telling > 1 {
        return before;
    }
    // A figure set against the one before ("rose 7.2% to DKK 4.83 billion", "1,512 (80.7%)",
    // "..., up 6% on the year before") measures the same thing.
    let start = q.span.start;
    let linked =
        start >= 2 && matches!(view.low(start - 1), "to" | "from" | "against" | "versus" | "(") && blocked(start - 2);
    let appended = start == clause.start || matches!(view.low(clause.start), "up" | "down");
    if let Some(p) = previous.filter(|p| !p.measure.is_empty() && (linked || appended)) {
        return p.measure.clone();
    }
    if !after_words.is_empty() {
        return after_words;
    }
    if telling == 1 {
        // "Total sales during 2021 reached ...": a verb alone says less than the subject.
        if super::text::is_verbish(&before.to_ascii_lowercase()) {
            let subject = subject_past_time(view, clause, q.span.start, blocked);
            if !subject.is_empty() {
                return subject;
            }
        }
        return before;
    }
    match previous.filter(|p| lexicon::unit_key(&p.unit) == lexicon::unit_key(unit)) {
        Some(p) => p.measure.clone(),
        None if before.is_empty() => subject_past_time(view, clause, q.span.start, blocked),
        None => before,
    }
}

/// "Average rainfall in 2022 was 640 mm": when only a verb stands between the figure and a time,
/// the words before the time name what was measured.
fn subject_past_time(view: &View<'_>, clause: &Range<usize>, end: usize, blocked: &dyn Fn(usize) -> bool) -> String {
    let mut k = end;
    while k > clause.start && !blocked(k - 1) {
        let w = view.low(k - 1);
        if !(is_function_word(w) || super::text::is_verbish(w)) {
            return String::new();
        }
        k -= 1;
    }
    // Past the time and the word that relates it ("in", "of", "during"); not past a conjunction
    // ("employs 2,300 staff and last year turned over ..."), where another statement ends.
    while k > clause.start && (blocked(k - 1) || is_function_word(view.low(k - 1))) {
        if matches!(view.low(k - 1), "and" | "but" | "or" | "while" | "whereas") {
            return String::new();
        }
        k -= 1;
    }
    if k == end || k == clause.start {
        return String::new();
    }
    words_before(view, clause, k, blocked)
}

/// A measure without the qualifier words that ended it ("pay offer of about" -> "pay offer").
fn strip_qualifier(phrase: &str) -> String {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
    let refs: Vec<&str> = lower.iter().map(String::as_str).collect();
    let keep = match qualifier_before(&refs) {
        Some((_, n)) => words.len() - n,
        None => words.len(),
    };
    let mut kept: Vec<&str> = words[..keep].to_vec();
    while kept.last().is_some_and(|w| is_function_word(&w.to_ascii_lowercase())) {
        kept.pop();
    }
    kept.join(" ")
}

/// How exact the words around a quantity say it is: "more than 80,000", "nearly five hundred",
/// "500 or more". Only the quantity's own words count: "rose to 8,352" is exact.
pub fn qualifier(view: &View<'_>, sentence: &Sentence, q: &Quantity, unit: &str) -> Qualifier {
    let clause = &sentence.clauses[sentence.clause_of(q.span.start)];
    let at = q.span.start;
    let mut words: Vec<String> = Vec::new();
    let mut j = q.span.start;
    while j > clause.start && words.len() < 4 {
        j -= 1;
        let w = view.low(j);
        match view.kind(j) {
            Some(Kind::Word) => words.push(w.to_owned()),
            Some(Kind::Symbol) if w == "~" => words.push(w.to_owned()),
            Some(Kind::Symbol) if w == "." && view.glued(j) && j > clause.start => {
                j -= 1;
                words.push(format!("{}.", view.low(j)));
            }
            _ => break,
        }
    }
    words.reverse();
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    if let Some((q, n)) = qualifier_before(&refs) {
        // "over two decades" reads as "during" unless it is "for over".
        let during = q == Qualifier::Over
            && refs[refs.len() - n] == "over"
            && lexicon::is_duration(unit)
            && !(refs.len() > n && refs[refs.len() - n - 1] == "for");
        // "never holds more than 64 MB" is at most 64 MB; "did not fall below 40" at least 40.
        let negated = refs[..refs.len() - n]
            .iter()
            .any(|w| matches!(*w, "never" | "not" | "nowhere" | "no") || w.ends_with("n't"));
        // "95% of readings fell within 2 cm": a bound that defines what a share counts is exact.
        let threshold = refs[refs.len() - n] == "within"
            && (clause.start..at).any(|j| matches!(view.low(j), "%" | "percent" | "cent"));
        return match q {
            _ if during || threshold => Qualifier::Exact,
            Qualifier::Over if negated => Qualifier::AtMost,
            Qualifier::Under if negated => Qualifier::AtLeast,
            q => q,
        };
    }
    // "500 or more", "500 visitors or more".
    (q.span.end..(q.span.end + 3).min(clause.end))
        .find_map(|j| qualifier_after(view.low(j), view.low(j + 1)))
        .unwrap_or(Qualifier::Exact)
}
