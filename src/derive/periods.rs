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

/// The year for a day or month written without one (time `t`): the year its own clause gives;
/// else that of a later date in the sentence of the same year or after it ("rose 0.6% in
/// September, figures published on 2 October 2025 show"), or of an opening "In 2025, ..."; else
/// the last one the paragraph gave (`year`). A month after the dated one ("since October" beside
/// "the week to 3 May 2024") may be of the year before, and stays yearless.
pub fn year_for(
    view: &View<'_>,
    sentence: &Sentence,
    times: &[Time],
    clause_of_time: &[usize],
    t: usize,
    year: Option<&str>,
) -> Option<String> {
    let yearless = times[t].yearless.as_deref()?;
    let dated = |o: usize| {
        (!times[o].reference && o != t)
            .then(|| times[o].period.as_deref())
            .flatten()
    };
    let clause = (0..times.len())
        .filter(|&o| clause_of_time[o] == clause_of_time[t])
        .find_map(|o| dated(o)?.get(..4));
    let month = yearless.get(2..4).unwrap_or("");
    let later = (0..times.len()).find_map(|o| {
        let p = dated(o)?;
        let precise = p.len() >= 7 && !p.contains('/') && p.get(5..7).is_some_and(|m| month <= m);
        let framing = p.len() == 4
            && clause_of_time[o] == 0
            && clause_of_time[t] > 0
            && opens_frame(view, sentence.clauses[0].start)
            && only_time(view, &sentence.clauses[0], &times[o]);
        (precise || framing).then(|| p.get(..4)).flatten()
    });
    clause.or(later).or(year).map(str::to_owned)
}

/// The calendar period of time `t` as a fact: its own, or a day or month without a year in the
/// year its sentence or paragraph gives.
pub fn fact_period(
    view: &View<'_>,
    sentence: &Sentence,
    times: &[Time],
    clause_of_time: &[usize],
    t: usize,
    year: Option<&str>,
) -> Option<String> {
    let time = &times[t];
    match (&time.period, &time.yearless) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(yearless)) => Some(match year_for(view, sentence, times, clause_of_time, t, year) {
            Some(year) => super::calendar::in_year(&year, yearless),
            None => yearless.clone(),
        }),
        (None, None) => None,
    }
}

/// A day or month without a year as a period (see [`year_for`]), else yearless ("--09").
fn with_year(
    view: &View<'_>,
    sentence: &Sentence,
    times: &[Time],
    clause_of_time: &[usize],
    t: usize,
    year: Option<&str>,
) -> Time {
    let mut time = times[t].clone();
    let Some(yearless) = time.yearless.clone().filter(|_| time.period.is_none()) else {
        return time;
    };
    time.period = Some(match year_for(view, sentence, times, clause_of_time, t, year) {
        Some(year) => super::calendar::in_year(&year, &yearless),
        None => yearless,
    });
    time
}

/// Assigns periods in one sentence. `previous` is the period of the sentence before, for
/// sentences that point back to it; `year` the last year the paragraph gave, for a month
/// without one.
pub fn assign(
    view: &View<'_>,
    sentence: &Sentence,
    times: &[Time],
    quantities: &[Quantity],
    previous: Option<&str>,
    year: Option<&str>,
) -> Periods {
    let mut periods = Periods {
        of_quantity: Vec::with_capacity(quantities.len()),
        absorbed: vec![false; times.len()],
    };
    let clause_of_time: Vec<usize> = times.iter().map(|t| sentence.clause_of(t.span.start)).collect();
    // Only a quantity's own clause dates it by a day or month without a year.
    let filled: Vec<Time> = (0..times.len())
        .map(|t| with_year(view, sentence, times, &clause_of_time, t, year))
        .collect();
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
        let a_year_back = year_earlier(view, q, sentence.clauses[c].end)
            .then(|| {
                periods
                    .of_quantity
                    .iter()
                    .rev()
                    .flatten()
                    .next()
                    .and_then(|p| shifted(p))
            })
            .flatten();
        let period = own_clause(view, sentence, &filled, &clause_of_time, q, &mut periods.absorbed)
            .or_else(|| a_year_back.map(Some))
            .or_else(|| appended(view, sentence, times, &clause_of_time, c, &mut periods.absorbed))
            .or_else(|| compared_with(view, sentence, quantities, qi, &periods.of_quantity))
            .or_else(|| {
                framed(
                    view,
                    sentence,
                    times,
                    &filled,
                    &clause_of_time,
                    c,
                    &mut periods.absorbed,
                )
            })
            .or_else(|| coordinated(view, sentence, quantities, qi, &periods.of_quantity))
            .unwrap_or_else(|| (opening || pointing[c]).then(|| previous.map(str::to_owned)).flatten());
        periods.of_quantity.push(period);
    }
    periods
}

/// A verb in the past tense: a known one, or one in "-ed".
fn is_past(lower: &str) -> bool {
    (lower.len() > 4 && lower.ends_with("ed") && !lower.ends_with("eed")) || lexicon::PAST_VERBS.has(lower)
}

/// A predicate joined to the one before it and in the past as well ("lent 1.42 million items in
/// 2024, up 3%, and registered 8,950 new members"): it shares the period of the clauses before,
/// the nearest figure's or time's first, when nothing in its own clause gives another.
fn coordinated(
    view: &View<'_>,
    sentence: &Sentence,
    quantities: &[Quantity],
    qi: usize,
    so_far: &[Option<String>],
) -> Option<Option<String>> {
    let c = sentence.clause_of(quantities[qi].span.start);
    let start = sentence.clauses[c].start;
    if c == 0 || view.low(start) != "and" || !is_past(view.low(start + 1)) {
        return None;
    }
    // Not the span of a duration ("took eleven summers, from 1961 to 1971, and covered ..."):
    // what it took that long to do is a total, not a figure of those years.
    let (figure, duration) = (0..qi)
        .rev()
        .filter(|&p| sentence.clause_of(quantities[p].span.start) < c)
        .find_map(|p| Some((so_far[p].clone()?, lexicon::is_duration(quantities[p].unit.as_deref()?))))?;
    (!duration).then_some(Some(figure))
}

/// "3,700 a year earlier", "64% the year before", "9 the previous year": a figure set against
/// the one before it a year back.
fn year_earlier(view: &View<'_>, q: &Quantity, end: usize) -> bool {
    let at = |j: usize| if j < end { view.low(j) } else { "" };
    // Right after the figure, or after its noun ("3,700 patients a year earlier").
    let noun = !lexicon::is_function_word(at(q.span.end));
    (q.span.end..=q.span.end + usize::from(noun)).any(|j| {
        matches!(
            (at(j), at(j + 1), at(j + 2)),
            ("a" | "the", "year", "earlier" | "before") | ("the", "previous" | "preceding", "year")
        )
    })
}

/// A period a year back: "2024-05" -> "2023-05", "2019/2024" -> "2018/2023".
fn shifted(period: &str) -> Option<String> {
    let parts: Option<Vec<String>> = period
        .split('/')
        .map(|part| {
            if part == ".." {
                return Some(part.to_owned());
            }
            let year: u32 = part.get(..4)?.parse().ok()?;
            Some(format!("{:04}{}", year.checked_sub(1)?, part.get(4..)?))
        })
        .collect();
    Some(parts?.join("/"))
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
    // Only words that say what kind of period it is may come before it: "Full-year 2025
    // guidance has been narrowed to ...", "Fiscal 2024 revenue rose to ...".
    let opens_clause = |t: &Time| {
        (clause_start..t.span.start).all(|j| {
            view.kind(j) == Some(Kind::Symbol)
                || lexicon::is_function_word(view.low(j))
                || matches!(
                    view.low(j),
                    "full-year" | "full" | "year" | "fiscal" | "financial" | "calendar" | "half-year"
                )
        })
    };
    // A duration is not dated by the time of a clause about what lasted ("a twenty-year war
    // that started in 2001", "the twenty-year war started ... in 2001"); it is by a date it is
    // set for ("a stoppage of 24 hours called for 9 June").
    let relative_between = |t: &Time| {
        super::lexicon::is_duration(q.unit.as_deref().unwrap_or(""))
            && (q.span.end..t.span.start).any(|j| {
                let w = view.low(j);
                matches!(w, "that" | "which" | "who" | "whose" | "where") || lexicon::is_aspect_verb(w)
            })
    };
    // "has won 14 matches since taking over on 2 October": the time dates the event of its own
    // phrase, not the count.
    let event_between = |t: &Time| {
        (q.span.end..t.span.start).any(|j| {
            matches!(view.low(j), "since" | "after" | "before" | "until" | "upon") && {
                let next = view.low(j + 1);
                (next.len() > 4 && next.ends_with("ing")) || super::text::is_verbish(next)
            }
        })
    };
    let after = (0..times.len())
        .filter(mine)
        .find(|&t| times[t].span.start >= q.span.end)
        .filter(|&t| !relative_between(&times[t]) && !event_between(&times[t]));
    // "Turnout in the 2021 election was 55%": a subject that names what is measured, joined to
    // the figure by "was" alone, takes its time; an event in the subject does not ("The
    // withdrawal in August 2021 ended a 20-year war").
    let measured_subject = |t: &Time| {
        let between = t.span.end..q.span.start;
        let verbs: Vec<&str> = between
            .map(|j| view.low(j))
            .filter(|w| super::text::is_verbish(w))
            .collect();
        // Verbs that give the subject's level: "Sales in Q3 2024 came to 1,240 units".
        let level = |w: &str| {
            matches!(
                w,
                "was"
                    | "were"
                    | "is"
                    | "are"
                    | "came"
                    | "reached"
                    | "totalled"
                    | "totaled"
                    | "stood"
                    | "amounted"
                    | "averaged"
            )
        };
        matches!(verbs.as_slice(), [verb] if level(verb)) && !lexicon::is_duration(q.unit.as_deref().unwrap_or(""))
    };
    // "The survey was carried out on 6–9 June 2025 among 1,204 adults": a time after the
    // clause's verb is in its predicate, as the figure right after it is, and dates it.
    // Not past a word that opens another event ("the total since the outbreak began in
    // November to 412"), and not an adjective in "-ed" ("the armed forces", "United").
    let in_predicate = |t: &Time| {
        let words = clause_start..t.span.start;
        let verb = words.clone().any(|j| {
            let w = view.low(j);
            let determined = j
                .checked_sub(1)
                .is_some_and(|p| matches!(view.low(p), "the" | "a" | "an" | "its" | "their" | "his" | "her" | "of"));
            view.kind(j) == Some(Kind::Word) && !view.capitalised(j) && !determined && super::text::is_verbish(w)
        });
        let event = words.clone().any(|j| {
            matches!(
                view.low(j),
                "since" | "after" | "before" | "until" | "when" | "once" | "while" | "as" | "that" | "which" | "who"
            )
        });
        // Close to the figure, with no verb between: "on 6–9 June 2025 among 1,204 adults", not
        // "began in 2019 as a weekend project of two volunteers".
        let between = t.span.end..q.span.start;
        let near = between.len() <= 3
            && !between
                .clone()
                .any(|j| super::text::is_verbish(view.low(j)) || lexicon::is_verb_in_s(view.low(j)));
        verb && near && !event && !relative_between(t)
    };
    let before = (0..times.len()).filter(mine).rev().find(|&t| {
        times[t].span.end <= q.span.start
            && (opens_clause(&times[t]) || measured_subject(&times[t]) || in_predicate(&times[t]))
    });
    let t = after.or(before)?;
    absorbed[t] = true;
    Some(if since_yearless(&times[t]) {
        None
    } else {
        as_period(&times[t], times[t].opener)
    })
}

/// "since January": a count from a month the text gives no year for has no period it could
/// write, as "this year" has none; the month only opens the count, and is not a fact of its own.
fn since_yearless(time: &Time) -> bool {
    time.yearless.is_some() && time.opener == Opener::From
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

/// A time that is the subject of the sentence ("2023 saw ...", "Spring 2025 was the driest ...,
/// with 71 mm of rain") frames its clause and the one after it (not a comparison further on:
/// "..., well below the long-term average of 163 mm").
fn subject_time(view: &View<'_>, sentence: &Sentence, times: &[Time], clause_of_time: &[usize]) -> Option<usize> {
    let clause = &sentence.clauses[0];
    let t = (0..times.len()).find(|&t| clause_of_time[t] == 0 && usable(&times[t]) && times[t].period.is_some())?;
    // "**March** was dry": emphasis marks may wrap it.
    let leads =
        (clause.start..times[t].span.start).all(|j| matches!(view.low(j), "the" | "*" | "_") || is_season(view.low(j)));
    let verb = view.low(times[t].span.end);
    let acts = super::text::is_verbish(verb) || matches!(verb, "saw" | "brought" | "marked" | "proved");
    (leads && acts && times[t].span.end < clause.end).then_some(t)
}

/// The time of an opening phrase that frames the sentence ("In 2023, ...", "By the time ... in
/// 1889, ..."), or of the clause just before when this one starts with "when" ("since 1998, when
/// a walkout lasted 31 days").
#[allow(clippy::too_many_arguments)] // reason: one sentence's parts, for a single caller
fn framed(
    view: &View<'_>,
    sentence: &Sentence,
    times: &[Time],
    filled: &[Time],
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
    if c == 1
        && let Some(t) = subject_time(view, sentence, filled, clause_of_time)
    {
        absorbed[t] = true;
        return Some(as_period(&filled[t], Opener::At));
    }
    if c == 0 || !opens_frame(view, sentence.clauses[0].start) {
        return None;
    }
    if let Some(t) = (0..times.len()).find(|&t| {
        clause_of_time[t] == 0 && since_yearless(&times[t]) && only_time(view, &sentence.clauses[0], &times[t])
    }) {
        absorbed[t] = true;
        return Some(None);
    }
    let t = (0..times.len())
        .rev()
        .find(|&t| clause_of_time[t] == 0 && usable(&times[t]))?;
    let opener = temporal_opener(&clause_words(0)).unwrap_or(times[t].opener);
    // "In 2023, ..." only situates the sentence; "Since August 2021, ..." also marks a turning
    // point, a dated fact of its own, but "Since January, ..." (no year) only opens a count.
    let turning_point = opener == Opener::From && times[t].yearless.is_none();
    if !turning_point && only_time(view, &sentence.clauses[0], &times[t]) {
        absorbed[t] = true;
    }
    Some(as_period(&times[t], opener))
}

#[cfg(test)]
#[path = "periods_tests.rs"]
mod tests;
