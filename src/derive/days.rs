//! A day beside a figure. A day in a clause of its own, right beside a figure's clause, is
//! when that figure applies if the figure's period holds it; it then dates the figure and is not
//! a fact of its own.

use std::ops::Range;

use super::calendar;
use super::numbers::Quantity;
use super::text::{Kind, Sentence, View};
use super::times::Time;

/// A day in a clause of its own, right beside a figure's clause, is when that figure applies if
/// the figure's period holds it: "34.2°C, taken at Ellsby on 2 July" in a paragraph on 2023,
/// "The worst storm, on 9 March, cut power to 3,000 homes", "the busiest night was Friday 1
/// December, when 2,150 guests stayed". The day then dates the figure and is not a fact of its
/// own. A figure of another time is left alone, and so is a day whose clause tells an event
/// with a verb of its own ("The depot, which opened on 3 March 2019, ...").
pub fn beside(
    view: &View<'_>,
    sentence: &Sentence,
    times: &[Time],
    quantities: &[Quantity],
    year: Option<&str>,
    dated: &mut [Option<String>],
    absorbed: &mut [bool],
) {
    let clause_of_time: Vec<usize> = times.iter().map(|t| sentence.clause_of(t.span.start)).collect();
    let clause_of = |q: &Quantity| sentence.clause_of(q.span.start);
    for (t, time) in times.iter().enumerate() {
        if absorbed[t] || !time.day || time.reference || time.label || time.relative {
            continue;
        }
        let c = clause_of_time[t];
        if quantities.iter().any(|q| clause_of(q) == c) || tells_an_event(view, &sentence.clauses[c], time) {
            continue;
        }
        let Some(fact) = super::periods::fact_period(view, sentence, times, &clause_of_time, t, year) else {
            continue;
        };
        let distance = |q: &Quantity| {
            if q.span.start < time.span.start {
                time.span.start - q.span.end
            } else {
                q.span.start - time.span.end
            }
        };
        let nearest = (0..quantities.len())
            .filter(|&i| clause_of(&quantities[i]).abs_diff(c) == 1)
            .min_by_key(|&i| distance(&quantities[i]));
        let Some((i, within)) = nearest.and_then(|i| Some((i, dated[i].clone()?))) else {
            continue;
        };
        // A day without a year takes the one year the figure's period lies in.
        let day = match calendar::year_within(&within) {
            Some(y) if fact.starts_with("--") => calendar::in_year(y, &fact),
            _ => fact,
        };
        if day.len() == 10 && holds(&within, &day) {
            dated[i] = Some(day);
            absorbed[t] = true;
        }
    }
}

/// Whether the words of a clause around its time tell an event with a verb of its own ("The
/// bridge reopened on 2 May", "From 1 June we stopped charging"): such a day is a fact of its
/// own. Not a day that is named ("the busiest night was Friday 1 December"), nor a participle that
/// goes on from the figure ("taken at Ellsby on 2 July").
fn tells_an_event(view: &View<'_>, clause: &Range<usize>, time: &Time) -> bool {
    let lead = clause
        .clone()
        .find(|&j| view.kind(j) == Some(Kind::Word) && view.low(j) != "and");
    clause.clone().filter(|j| !time.span.contains(j)).any(|j| {
        let w = view.low(j);
        view.kind(j) == Some(Kind::Word)
            && Some(j) != lead
            && super::text::is_verbish(w)
            && !matches!(w, "was" | "were" | "is" | "are" | "came")
    })
}

/// Whether period `p` ("2024", "2024-07/2024-09", "../2024-08") holds the day `day`.
fn holds(p: &str, day: &str) -> bool {
    let (start, end) = p.split_once('/').unwrap_or((p, p));
    let after_start = start == ".." || day >= start;
    let before_end = end == ".." || day <= end || day.starts_with(end);
    after_start && before_end
}
