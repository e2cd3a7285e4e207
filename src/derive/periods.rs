//! When a figure applies. A quantity takes the period of its own clause ("to 8,352 in 2023"),
//! else of an opening phrase that frames the sentence ("In 2023, ...", "By the time the company
//! collapsed in 1889, ..."), else of the figure it is compared with ("..., up 6% on the year
//! before"), else, when the sentence points back ("over the same 12 days"), of the sentence
//! before. A year that is only a point of comparison ("38 per cent below the 2015 peak", "the
//! highest since 2017") is never a period. A day or month without a year takes the year its
//! sentence or paragraph gives.

use super::lexicon::{self, Opener, temporal_opener};
use super::numbers::Quantity;
use super::text::{Kind, Sentence, View};
use super::times::Time;

/// The periods of a sentence's quantities, and which times were used up as periods.
pub struct Periods {
    pub of_quantity: Vec<Option<String>>,
    /// Times that only date a quantity (in its clause, or as a bare opening phrase): not dated
    /// facts of their own.
    pub absorbed: Vec<bool>,
}

/// A time as a period, read through the word that relates it: "since 2014" -> "2014/..".
fn as_period(time: &Time, opener: Opener) -> Option<String> {
    let period = time.period.clone()?;
    if period.contains('/') {
        return Some(period);
    }
    Some(match opener {
        Opener::At => period,
        Opener::From => format!("{period}/.."),
        Opener::UpTo => format!("../{period}"),
    })
}

/// Whether a time may date a quantity: a calendar time with a year, not a point of comparison.
fn usable(time: &Time) -> bool {
    !time.reference && (time.period.is_some() || time.relative)
}

/// Words that begin an opening phrase whose time frames the whole sentence.
fn opens_frame(view: &View<'_>, first: usize) -> bool {
    let w = view.low(first);
    matches!(
        w,
        "in" | "on"
            | "at"
            | "during"
            | "by"
            | "since"
            | "until"
            | "till"
            | "from"
            | "between"
            | "after"
            | "before"
            | "across"
            | "against"
            | "among"
            | "for"
            | "over"
            | "throughout"
            | "as"
            | "within"
            | "when"
            | "once"
            | "following"
    )
}

/// Whether a clause holds nothing but its time and the words that introduce it ("In 2023",
/// "On 3 May 2023", "In the summer of 2023").
fn only_time(view: &View<'_>, clause: &std::ops::Range<usize>, time: &Time) -> bool {
    clause
        .clone()
        .filter(|j| !time.span.contains(j))
        .all(|j| view.kind(j) == Some(Kind::Symbol) || lexicon::is_function_word(view.low(j)) || is_season(view.low(j)))
}

/// Words that name a stretch of the calendar around a date: "the week to 14 March", "the summer of".
fn is_season(lower: &str) -> bool {
    matches!(
        lower,
        "summer" | "winter" | "spring" | "autumn" | "end" | "start" | "beginning" | "middle" | "early" | "late"
    ) || matches!(
        lower,
        "week" | "weeks" | "month" | "months" | "year" | "years" | "period" | "ending" | "days"
    )
}

/// Assigns periods in one sentence. `previous` is the period of the sentence before, for
/// sentences that point back to it.
pub fn assign(
    view: &View<'_>,
    sentence: &Sentence,
    times: &[Time],
    quantities: &[Quantity],
    previous: Option<&str>,
) -> Periods {
    let mut periods = Periods {
        of_quantity: Vec::with_capacity(quantities.len()),
        absorbed: vec![false; times.len()],
    };
    let clause_of_time: Vec<usize> = times.iter().map(|t| sentence.clause_of(t.span.start)).collect();
    // A phrase pointing back ("over the same 12 days", "over the period") dates its own clause,
    // or the whole sentence when it opens it.
    let pointing: Vec<bool> = sentence
        .clauses
        .iter()
        .map(|c| lexicon::refers_back(&c.clone().map(|j| view.low(j)).collect::<Vec<_>>()))
        .collect();
    let opening = pointing.first().copied().unwrap_or(false)
        && sentence.clauses.first().is_some_and(|c| opens_frame(view, c.start));
    for (qi, q) in quantities.iter().enumerate() {
        let c = sentence.clause_of(q.span.start);
        let period = own_clause(view, sentence, times, &clause_of_time, q, &mut periods.absorbed)
            .or_else(|| appended(view, sentence, times, &clause_of_time, c, &mut periods.absorbed))
            .or_else(|| compared_with(view, sentence, quantities, qi, &periods.of_quantity))
            .or_else(|| framed(view, sentence, times, &clause_of_time, c, &mut periods.absorbed))
            .unwrap_or_else(|| (opening || pointing[c]).then(|| previous.map(str::to_owned)).flatten());
        periods.of_quantity.push(period);
    }
    periods
}

/// The time in the quantity's own clause: the nearest after it, else one that opens the clause
/// ("In 2023 the group carried out 650 attacks"). A time between the clause's start and the
/// quantity dates its subject, not the quantity ("The withdrawal in August 2021 ended a 20-year
/// war"). Returns Some(None) when that time has no calendar date ("this year").
fn own_clause(
    view: &View<'_>,
    sentence: &Sentence,
    times: &[Time],
    clause_of_time: &[usize],
    q: &Quantity,
    absorbed: &mut [bool],
) -> Option<Option<String>> {
    let c = sentence.clause_of(q.span.start);
    let clause_start = sentence.clauses[c].start;
    let mine = |t: &usize| clause_of_time[*t] == c && usable(&times[*t]);
    let opens_clause = |t: &Time| {
        (clause_start..t.span.start)
            .all(|j| view.kind(j) == Some(Kind::Symbol) || lexicon::is_function_word(view.low(j)))
    };
    // A duration is not dated by the time of a clause about what lasted ("a twenty-year war
    // that started in 2001", "the twenty-year war started ... in 2001").
    let relative_between = |t: &Time| {
        super::lexicon::is_duration(q.unit.as_deref().unwrap_or(""))
            && (q.span.end..t.span.start).any(|j| {
                let w = view.low(j);
                matches!(w, "that" | "which" | "who" | "whose" | "where") || super::text::is_verbish(w)
            })
    };
    let after = (0..times.len())
        .filter(mine)
        .find(|&t| times[t].span.start >= q.span.end)
        .filter(|&t| !relative_between(&times[t]));
    let before = (0..times.len())
        .filter(mine)
        .rev()
        .find(|&t| times[t].span.end <= q.span.start && opens_clause(&times[t]));
    let t = after.or(before)?;
    absorbed[t] = true;
    Some(as_period(&times[t], times[t].opener))
}

/// A clause of nothing but a time right after the quantity's clause dates it: "took eleven
/// summers, from 1961 to 1971, and ...".
fn appended(
    view: &View<'_>,
    sentence: &Sentence,
    times: &[Time],
    clause_of_time: &[usize],
    c: usize,
    absorbed: &mut [bool],
) -> Option<Option<String>> {
    let next = sentence.clauses.get(c + 1)?;
    let t = (0..times.len()).find(|&t| clause_of_time[t] == c + 1 && usable(&times[t]))?;
    if !only_time(view, next, &times[t]) {
        return None;
    }
    absorbed[t] = true;
    Some(as_period(&times[t], times[t].opener))
}

/// A clause that only compares the quantity with the one before ("..., up 6% on the year
/// before", "..., 38 per cent below the 2015 peak") or goes on from it ("..., carrying about 1.1
/// million tonnes", "..., including 40 children") shares its period.
fn compared_with(
    view: &View<'_>,
    sentence: &Sentence,
    quantities: &[Quantity],
    qi: usize,
    so_far: &[Option<String>],
) -> Option<Option<String>> {
    let q = &quantities[qi];
    let clause = &sentence.clauses[sentence.clause_of(q.span.start)];
    let first = view.low(clause.start);
    let participle = first.len() > 5 && first.ends_with("ing") && view.kind(clause.start) == Some(Kind::Word);
    let opens = clause.start == q.span.start || participle || matches!(first, "up" | "down" | "a" | "an");
    let previous = qi.checked_sub(1).filter(|&p| quantities[p].span.end <= clause.start)?;
    opens.then(|| so_far.get(previous).cloned().flatten())
}

/// The time of an opening phrase that frames the sentence ("In 2023, ...", "By the time ... in
/// 1889, ..."), or of the clause just before when this one starts with "when" ("since 1998, when
/// a walkout lasted 31 days").
fn framed(
    view: &View<'_>,
    sentence: &Sentence,
    times: &[Time],
    clause_of_time: &[usize],
    c: usize,
    absorbed: &mut [bool],
) -> Option<Option<String>> {
    let clause_words = |k: usize| -> Vec<&str> {
        let r = &sentence.clauses[k];
        r.clone().take(3).map(|j| view.low(j)).collect()
    };
    if c > 0 && view.low(sentence.clauses[c].start) == "when" {
        let t = (0..times.len())
            .rev()
            .find(|&t| clause_of_time[t] == c - 1 && usable(&times[t]))?;
        return Some(as_period(&times[t], Opener::At));
    }
    if c == 0 || !opens_frame(view, sentence.clauses[0].start) {
        return None;
    }
    let t = (0..times.len())
        .rev()
        .find(|&t| clause_of_time[t] == 0 && usable(&times[t]))?;
    let opener = temporal_opener(&clause_words(0)).unwrap_or(times[t].opener);
    // "In 2023, ..." only situates the sentence; "Since August 2021, ..." also marks a turning
    // point, a dated fact of its own.
    if opener != Opener::From && only_time(view, &sentence.clauses[0], &times[t]) {
        absorbed[t] = true;
    }
    Some(as_period(&times[t], opener))
}
