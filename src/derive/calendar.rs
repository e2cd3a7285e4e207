//! Calendar forms in the text: years, days, month names, and dates however written ("12
//! November 1893", "November 12, 1893", "30th August 2021", "2025-06-02"), as ISO 8601.

use std::ops::Range;

use super::lexicon::{self, month_number};
use super::text::{Kind, View};

pub fn year_of(word: &str) -> Option<u32> {
    (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1500..=2100).contains(y))
}

pub fn day_of(word: &str) -> Option<u32> {
    if word.len() > 4 || !word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    let ordinal = ["", "st", "nd", "rd", "th"]
        .iter()
        .any(|o| o.eq_ignore_ascii_case(suffix));
    (ordinal && (1..=2).contains(&digits.len()))
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|d| (1..=31).contains(d))
}

/// A month name in the text: capitalised (so "may" the verb is not May), full or abbreviated.
fn month_at(view: &View<'_>, i: usize) -> Option<u32> {
    if view.kind(i) != Some(Kind::Word) || !view.capitalised(i) {
        return None;
    }
    let word = view.word(i);
    let full = lexicon::MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word));
    let abbreviated = view.word(i + 1) == "." && view.glued(i + 1);
    (full || (abbreviated && word.len() >= 3))
        .then(|| month_number(word))
        .flatten()
}

/// A month abbreviated without a full stop ("Feb", "Sept"), read only when a year follows it
/// ("28 Feb 2025", "Sept 2024"): alone, "Mar" or "Jan" may be a word or a name.
fn bare_abbreviation(view: &View<'_>, i: usize, year_after: &dyn Fn(usize) -> Option<(usize, u32)>) -> Option<u32> {
    let word = view.word(i);
    if view.kind(i) != Some(Kind::Word) || !view.capitalised(i) || !(3..=4).contains(&word.len()) {
        return None;
    }
    year_after(i + 1).filter(|_| view.word(i + 1) != ",")?;
    month_number(word)
}

/// A calendar date's tokens, and its year, month and day as far as the text gives them.
pub type Calendar = (Range<usize>, Option<u32>, Option<u32>, Option<u32>);

/// A date or year starting at token `i`: (tokens, year, month, day). A day may carry an ordinal
/// suffix ("30th"); a comma may sit before the year ("September 19, 2025").
pub fn calendar_at(view: &View<'_>, i: usize) -> Option<Calendar> {
    // An abbreviation's full stop ("Nov.") is part of the month; a full name's ends the sentence.
    let month_end = |m: usize| {
        let full = lexicon::MONTHS
            .iter()
            .any(|name| name.eq_ignore_ascii_case(view.word(m)));
        m + if view.word(m + 1) == "." && view.glued(m + 1) && !full {
            2
        } else {
            1
        }
    };
    let year_after = |j: usize| {
        let j = if view.word(j) == "," { j + 1 } else { j };
        year_of(view.word(j))
            .filter(|_| view.kind(j) == Some(Kind::Number))
            .map(|y| (j + 1, y))
    };
    if let Some(day) = day_of(view.word(i)).filter(|_| matches!(view.kind(i), Some(Kind::Number | Kind::Mixed)))
        && let Some(month) = month_at(view, i + 1).or_else(|| bare_abbreviation(view, i + 1, &year_after))
    {
        let after = month_end(i + 1);
        return Some(match year_after(after).filter(|_| view.word(after) != ",") {
            Some((end, year)) => (i..end, Some(year), Some(month), Some(day)),
            None => (i..after, None, Some(month), Some(day)),
        });
    }
    if let Some(month) = month_at(view, i).or_else(|| bare_abbreviation(view, i, &year_after)) {
        let after = month_end(i);
        if let Some(day) = day_of(view.word(after)).filter(|_| view.kind(after) == Some(Kind::Number)) {
            return Some(match year_after(after + 1) {
                Some((end, year)) => (i..end, Some(year), Some(month), Some(day)),
                None => (i..after + 1, None, Some(month), Some(day)),
            });
        }
        if let Some((end, year)) = year_after(after).filter(|_| view.word(after) != ",") {
            return Some((i..end, Some(year), Some(month), None));
        }
        return Some((i..after, None, Some(month), None));
    }
    if view.kind(i) == Some(Kind::Mixed) {
        // An ISO date "2025-06-02".
        let parts: Vec<&str> = view.word(i).split('-').collect();
        if let [y, m, d] = parts.as_slice()
            && let Some(year) = year_of(y)
            && m.len() == 2
            && d.len() == 2
            && let Some(month) = m.parse::<u32>().ok().filter(|m| (1..=12).contains(m))
        {
            let day = d.parse::<u32>().ok().filter(|d| (1..=31).contains(d));
            return day.map(|day| (i..i + 1, Some(year), Some(month), Some(day)));
        }
    }
    let year = year_of(view.word(i))
        .or_else(|| early_year(view, i))
        .filter(|_| view.kind(i) == Some(Kind::Number))?;
    let era = usize::from(matches!(view.word(i + 1), "AD" | "CE"));
    Some((i..i + 1 + era, Some(year), None, None))
}

/// A year before 1500 ("consecrated in 1187", "AD 1066", "1187 CE"), which reads as a count
/// unless the words around it make it a year: a preposition of time before it, or an era.
fn early_year(view: &View<'_>, i: usize) -> Option<u32> {
    let word = view.word(i);
    let year: u32 = (word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1000..1500).contains(y))?;
    let before = i.checked_sub(1).map_or("", |p| view.low(p));
    let cue = matches!(before, "in" | "since" | "until" | "till" | "from" | "circa" | "ad")
        || matches!(view.word(i + 1), "AD" | "CE");
    cue.then_some(year)
}

pub fn iso(year: Option<u32>, month: Option<u32>, day: Option<u32>) -> (Option<String>, Option<String>) {
    match (year, month, day) {
        (Some(y), Some(m), Some(d)) => (Some(format!("{y:04}-{m:02}-{d:02}")), None),
        (Some(y), Some(m), None) => (Some(format!("{y:04}-{m:02}")), None),
        (Some(y), None, _) => (Some(format!("{y:04}")), None),
        (None, Some(m), Some(d)) => (None, Some(format!("--{m:02}-{d:02}"))),
        (None, Some(m), None) => (None, Some(format!("--{m:02}"))),
        (None, None, _) => (None, None),
    }
}

/// Days since 1970-01-01 of a day date ("2025-05-01"), by the proleptic Gregorian calendar.
fn days_of(iso: &str) -> Option<i64> {
    let mut parts = iso.splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.get(..2)?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Years counted from March, so that leap days come last.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let of_era = y - era * 400;
    let of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let of_era_days = of_era * 365 + of_era / 4 - of_era / 100 + of_year;
    Some(era * 146_097 + of_era_days - 719_468)
}

/// The day date `days` after 1970-01-01.
fn date_of(days: i64) -> Option<String> {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let of_era = z - era * 146_097;
    let year_of_era = (of_era - of_era / 1460 + of_era / 36_524 - of_era / 146_096) / 365;
    let of_year = of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * of_year + 2) / 153;
    let day = of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (0..10_000)
        .contains(&year)
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// A day date `n` days later (earlier when negative): "2025-03-14" - 6 -> "2025-03-08".
pub fn add_days(iso: &str, n: i64) -> Option<String> {
    date_of(days_of(iso)? + n)
}

/// The seven days that end on day `iso` ("the week ending 14 March 2025" is
/// "2025-03-08/2025-03-14"), or, when `ends` is false, that start on it.
pub fn week(iso: &str, ends: bool) -> Option<String> {
    if ends {
        add_days(iso, -6).map(|start| format!("{start}/{iso}"))
    } else {
        add_days(iso, 6).map(|end| format!("{iso}/{end}"))
    }
}

/// The day of the week of a day date ("2025-05-01" -> 3, Thursday; Monday is 0).
pub fn weekday(iso: &str) -> Option<u32> {
    u32::try_from((days_of(iso)? + 3).rem_euclid(7)).ok()
}

/// The days of the week, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The number of a weekday's name, Monday 0.
pub fn weekday_number(lower: &str) -> Option<u32> {
    WEEKDAYS
        .iter()
        .position(|d| *d == lower)
        .and_then(|p| u32::try_from(p).ok())
}

/// The year and month a date or month starts with: "2024-10" and "2024-10-31" -> (2024, 10).
pub fn year_month(iso: &str) -> Option<(u32, u32)> {
    if iso.as_bytes().get(4) != Some(&b'-') {
        return None;
    }
    Some((iso.get(..4)?.parse().ok()?, iso.get(5..7)?.parse().ok()?))
}

/// The one calendar year a period lies within: "2024-10/2024-12" -> "2024"; none for a span
/// across years ("2023-07/2024-06") or a period without a year.
pub fn year_within(period: &str) -> Option<&str> {
    let year = period.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
    period.split('/').all(|side| side.starts_with(year)).then_some(year)
}

/// A yearless day, month or span of them ("--04-02", "--04-02/--05-08") in `year`.
pub fn in_year(year: &str, yearless: &str) -> String {
    let parts: Vec<String> = yearless
        .split('/')
        .map(|part| format!("{year}{}", part.get(1..).unwrap_or("")))
        .collect();
    parts.join("/")
}

pub fn quarter(ordinal: &str) -> Option<(u32, u32)> {
    let n = match ordinal {
        "first" | "1" => 1,
        "second" | "2" => 2,
        "third" | "3" => 3,
        "fourth" | "4" => 4,
        _ => return None,
    };
    Some((n * 3 - 2, n * 3))
}

pub fn half(ordinal: &str) -> Option<(u32, u32)> {
    match ordinal {
        "first" | "1" => Some((1, 6)),
        "second" | "2" => Some((7, 12)),
        _ => None,
    }
}
