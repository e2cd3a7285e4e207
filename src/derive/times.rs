//! Time expressions in a sentence: dates ("12 November 1893", "September 19, 2025", "3 March"),
//! months, years, spans ("2019–2024", "between September 2021 and June 2023") and times that are
//! not calendar dates ("this year", "on Thursday"). The word that relates a time to a figure
//! ("since", "by") and whether it is only a point of comparison ("the 2015 peak") are read in
//! `time_roles`.

use std::ops::Range;

use super::calendar::{calendar_at, day_of, half, iso, quarter, year_of};
use super::lexicon::{self, Opener};
use super::text::{Kind, Sentence, View, is_verbish};
use super::time_roles::{baseline, copyright, is_reference, opener_before, since_superlative};

#[derive(Debug, Clone, PartialEq)]
pub struct Time {
    /// Tokens of the expression.
    pub span: Range<usize>,
    /// The period with its year: "2023", "2023-07", "1893-11-12", "2019/2024". None when the
    /// year is not given or the time is not a calendar date.
    pub period: Option<String>,
    /// A day or month whose year the sentence does not give: "--03-03", "--03".
    pub yearless: Option<String>,
    pub opener: Opener,
    /// Only a point of comparison ("the 2015 peak", "the highest since 2017", "than in 2019"), a
    /// name ("IHO 2021") or an attribute ("a 2020 laptop"): neither a period nor a dated fact.
    pub reference: bool,
    /// A period that labels something ("counts for 2024"): a period, but not a dated fact.
    pub label: bool,
    /// "This year", "on Thursday": no calendar date, and no other one applies.
    pub relative: bool,
    /// A day date (the most precise kind).
    pub day: bool,
}

/// The time expression starting at token `i`, if one does.
pub fn at(view: &View<'_>, sentence: &Sentence, i: usize) -> Option<Time> {
    match view.kind(i)? {
        Kind::Number | Kind::Mixed => {}
        Kind::Word if view.capitalised(i) => {}
        Kind::Word => return part_of_year(view, sentence, i).or_else(|| relative_at(view, sentence, i)),
        _ => return None,
    }
    if let Some(part) = part_of_year(view, sentence, i) {
        return Some(part);
    }
    if let Some(dated) = weekday_date(view, sentence, i) {
        return Some(dated);
    }
    if let Some(days) = day_span(view, sentence, i) {
        return Some(days);
    }
    if let Some(relative) = relative_at(view, sentence, i) {
        return Some(relative);
    }
    if let Some(time) = hyphenated_span(view, sentence, i) {
        return Some(time);
    }
    let (span, year, month, day) = calendar_at(view, i)?;
    // A month alone is a date only after "in", "since", "until", "by", "during", "from" or "of".
    let mut subject_month = false;
    if year.is_none() && day.is_none() {
        let before = i.checked_sub(1).map_or("", |j| view.low(j));
        // Or as the subject at the start of a sentence: "March was dry", "**May** began warm".
        let subject = i == sentence.first_word(view) && is_verbish(view.low(span.end));
        subject_month = subject;
        if !subject
            && !matches!(
                before,
                "in" | "since" | "until" | "by" | "during" | "from" | "of" | "early" | "late"
            )
            && !month_to_dated_month(view, sentence, span.end)
        {
            return None;
        }
    }
    // A four-digit number followed by what it counts is a count, not a year ("2000 people").
    let bare_year = month.is_none() && year.is_some();
    if bare_year && !view.glued(span.end) && super::numbers::carries_unit(view, span.end) {
        return None;
    }
    let (period, yearless) = iso(year, month, day);
    let (opener, label) = opener_before(view, sentence, span.start);
    // A month as the subject ("March was dry") dates what the sentence says of it, and is no
    // event of its own.
    let label = label || subject_month;
    let mut time = Time {
        reference: is_reference(view, sentence, &span, bare_year),
        span,
        period,
        yearless,
        opener,
        label,
        relative: false,
        day: day.is_some(),
    };
    week_of(view, sentence, &mut time);
    months_to(view, sentence, &mut time);
    extend_to_span(view, sentence, &mut time);
    // A span the date was extended to: "the 1991–2020 average".
    time.reference |= baseline(view, sentence, &time.span);
    Some(time)
}

/// "the three months to January 2025", "the year to 30 June 2024", "the year ending March
/// 2025", "the quarter to the end of June 2024": the whole months that end with the date's
/// month.
fn months_to(view: &View<'_>, sentence: &Sentence, time: &mut Time) {
    let Some(end) = time.period.clone().filter(|p| matches!(p.len(), 7 | 10)) else {
        return;
    };
    // "the September 2025 quarter", "the December 2024 half": the months that end with it.
    let after = if time.span.end < sentence.range.end {
        view.low(time.span.end)
    } else {
        ""
    };
    if end.len() == 7
        && let Some(months) = match after {
            "quarter" => Some(3),
            "half" | "half-year" => Some(6),
            _ => None,
        }
        && let Some((year, month)) = super::calendar::year_month(&end)
    {
        let first = (year * 12 + month - 1).saturating_sub(months - 1);
        time.period = Some(format!("{}-{:02}/{year}-{month:02}", first / 12, first % 12 + 1));
        time.span.end += 1;
        return;
    }
    // Back past "the end of" to the word that relates the date.
    let mut k = 1;
    while matches!(sentence.low_before(view, time.span.start, k), "the" | "end" | "of") && k < 4 {
        k += 1;
    }
    if !matches!(sentence.low_before(view, time.span.start, k), "to" | "ending" | "ended") {
        return;
    }
    // "the second quarter of fiscal 2026, which ended July 31, 2025": back past the relative
    // pronoun and the fiscal year's name to the period's noun.
    if matches!(sentence.low_before(view, time.span.start, k + 1), "which" | "that") {
        k += 1;
        if sentence.low_before(view, time.span.start, k + 1) == "," {
            k += 1;
        }
        k += (1..=3)
            .take_while(|&n| {
                let w = sentence.low_before(view, time.span.start, k + n);
                matches!(w, "of" | "fiscal" | "fy") || year_of(w).is_some()
            })
            .count();
    }
    let (months, words) = match sentence.low_before(view, time.span.start, k + 1) {
        "year" => (12, k + 1),
        "quarter" => (3, k + 1),
        "months" => {
            let n = sentence.low_before(view, time.span.start, k + 2);
            match lexicon::small_number(n).or_else(|| n.parse::<f64>().ok()) {
                Some(n) if (2.0..=24.0).contains(&n) => (n as u32, k + 2),
                _ => return,
            }
        }
        _ => return,
    };
    let Some((year, month)) = super::calendar::year_month(&end) else {
        return;
    };
    let first = (year * 12 + month - 1).saturating_sub(months - 1);
    time.period = Some(format!("{}-{:02}/{year}-{month:02}", first / 12, first % 12 + 1));
    time.day = false;
    // The expression is the whole phrase, "the three months to January 2025".
    let mut start = time.span.start - words;
    if sentence.low_before(view, start, 1) == "the" {
        start -= 1;
    }
    time.span.start = start;
}

/// "the week to 14 March 2025", "the week ending 19 October": the seven days that end on the
/// date; "the week beginning 3 June" or "from" the seven that start on it.
fn week_of(view: &View<'_>, sentence: &Sentence, time: &mut Time) {
    let Some(day) = time.period.clone().filter(|p| p.len() == 10) else {
        return;
    };
    if sentence.low_before(view, time.span.start, 2) != "week" {
        return;
    }
    let span = match sentence.low_before(view, time.span.start, 1) {
        "to" | "ending" | "ended" => super::calendar::week(&day, true),
        "beginning" | "starting" | "from" => super::calendar::week(&day, false),
        _ => None,
    };
    if let Some(span) = span {
        time.period = Some(span);
        time.opener = Opener::At;
        time.day = false;
    }
}

/// Whether token `k` ("to") joins a month to a later month that has its year: "July to September
/// 2025", a span wherever it stands (a title, a table's header), with or without "from".
fn month_to_dated_month(view: &View<'_>, sentence: &Sentence, k: usize) -> bool {
    k + 1 < sentence.range.end
        && view.low(k) == "to"
        && matches!(calendar_at(view, k + 1), Some((_, Some(_), Some(_), None)))
}

/// "from June to August 2024", "between 28 May and 3 June 2024": a month or day without a year at the
/// start of a span takes the year of its end; "July to September 2025" needs no "from".
fn yearless_to_span(view: &View<'_>, sentence: &Sentence, time: &mut Time, joiner: &str, before: &str) {
    let Some(yearless) = time.yearless.clone() else { return };
    let spans = match joiner {
        "–" | "—" | "-" => true,
        "to" => before == "from" || (yearless.len() == 4 && month_to_dated_month(view, sentence, time.span.end)),
        "and" => before == "between",
        _ => false,
    };
    let next = time.span.end + 1;
    if !spans || next >= sentence.range.end {
        return;
    }
    let Some((span, year, Some(month), day)) = calendar_at(view, next) else {
        return;
    };
    // The start must be as precise as the end: a month to a month, a day to a day.
    if (yearless.len() > 4) != day.is_some() {
        return;
    }
    // "between 2 April and 8 May": a span without a year, which the paragraph may give.
    let Some(year) = year else {
        let (_, Some(end)) = iso(None, Some(month), day) else {
            return;
        };
        if yearless < end {
            time.span.end = span.end;
            time.yearless = Some(format!("{yearless}/{end}"));
            time.day = false;
            time.opener = Opener::At;
        }
        return;
    };
    let start = format!("{year:04}{}", &yearless[1..]);
    let (Some(end), _) = iso(Some(year), Some(month), day) else {
        return;
    };
    if start < end {
        time.span.end = span.end;
        time.period = Some(format!("{start}/{end}"));
        time.yearless = None;
        time.day = false;
        time.opener = Opener::At;
    }
}

/// "2019-21" or "2019-2024" written as one token: a span of years.
fn hyphenated_span(view: &View<'_>, sentence: &Sentence, i: usize) -> Option<Time> {
    if view.kind(i) != Some(Kind::Mixed) {
        return None;
    }
    let (first, second) = view.word(i).split_once('-')?;
    let start = year_of(first)?;
    let end = match second.len() {
        2 => start / 100 * 100 + second.parse::<u32>().ok()?,
        4 => year_of(second)?,
        _ => return None,
    };
    if end <= start {
        return None;
    }
    let (opener, label) = opener_before(view, sentence, i);
    Some(Time {
        span: i..i + 1,
        period: Some(format!("{start}/{end}")),
        yearless: None,
        opener: if opener == Opener::From { Opener::At } else { opener },
        reference: copyright(view, sentence, i) || baseline(view, sentence, &(i..i + 1)),
        label,
        relative: false,
        day: false,
    })
}

/// A quarter or half of a year: "the third quarter of 2024", "Q3 2024", "the first half of 2023".
fn part_of_year(view: &View<'_>, sentence: &Sentence, i: usize) -> Option<Time> {
    let (months, year_at) = match (view.low(i), view.low(i + 1)) {
        ("q1" | "q2" | "q3" | "q4", _) => (
            quarter(view.low(i).get(1..)?)?,
            i + 1 + usize::from(view.low(i + 1) == "of"),
        ),
        ("h1" | "h2", _) => (
            half(view.low(i).get(1..)?)?,
            i + 1 + usize::from(view.low(i + 1) == "of"),
        ),
        // "the fourth quarter of 2024", and in titles "fourth quarter 2024".
        (ordinal, "quarter") => (quarter(ordinal)?, i + 2 + usize::from(view.low(i + 2) == "of")),
        (ordinal, "half") => (half(ordinal)?, i + 2 + usize::from(view.low(i + 2) == "of")),
        // "the first nine months of 2025", "the last 3 months of 2024".
        (end @ ("first" | "last"), count) if view.low(i + 2) == "months" && view.low(i + 3) == "of" => {
            let n = lexicon::small_number(count)
                .or_else(|| count.parse().ok())
                .filter(|n| (1.0..=12.0).contains(n))? as u32;
            (if end == "first" { (1, n) } else { (13 - n, 12) }, i + 4)
        }
        _ => return None,
    };
    let year = year_of(view.word(year_at)).filter(|_| view.kind(year_at) == Some(Kind::Number))?;
    let (first, last) = months;
    let (opener, label) = opener_before(view, sentence, i);
    let span = i..year_at + 1;
    Some(Time {
        // "than in the third quarter of 2024": what the figure is compared with.
        reference: since_superlative(view, sentence, &span) || is_reference(view, sentence, &span, false),
        span,
        period: Some(format!("{year}-{first:02}/{year}-{last:02}")),
        yearless: None,
        opener,
        label,
        relative: false,
        day: false,
    })
}

/// The first words of a time with no calendar date.
pub fn is_relative_word(lower: &str) -> bool {
    matches!(
        lower,
        "this"
            | "last"
            | "next"
            | "previous"
            | "coming"
            | "today"
            | "yesterday"
            | "tomorrow"
            | "tonight"
            | "currently"
            | "now"
            | "recently"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

/// "Thursday 1 May 2025", "Sunday, 2 April": a weekday before a day date is part of that date,
/// not a relative time of its own.
fn weekday_date(view: &View<'_>, sentence: &Sentence, i: usize) -> Option<Time> {
    if super::calendar::weekday_number(view.low(i)).is_none() || i + 1 >= sentence.range.end {
        return None;
    }
    let next = if view.word(i + 1) == "," { i + 2 } else { i + 1 };
    let mut time = at(view, sentence, next).filter(|t| t.day && t.span.start == next)?;
    time.span.start = i;
    let (opener, label) = opener_before(view, sentence, i);
    time.opener = opener;
    time.label = label;
    Some(time)
}

/// "6–9 June 2025", "from 12 to 15 August", "between 3 and 5 May 2024", "6-9 June": a span of
/// days whose first day borrows the month (and year) of the second.
fn day_span(view: &View<'_>, sentence: &Sentence, i: usize) -> Option<Time> {
    let before = sentence.low_before(view, i, 1);
    let (first, second_at) = match view.kind(i)? {
        // "6-9" written as one token.
        Kind::Mixed => {
            let (a, b) = view.word(i).split_once('-')?;
            (day_of(a).filter(|_| b.bytes().all(|c| c.is_ascii_digit()))?, i)
        }
        Kind::Number => {
            let joiner = view.word(i + 1);
            let joins = match joiner {
                "–" | "—" | "-" => true,
                "to" => ![before, sentence.low_before(view, i, 2)]
                    .iter()
                    .any(|w| lexicon::CHANGE_WORDS.has(w)),
                // "between 3 and 5 May"; "on 14 and 15 May", two days running.
                "and" => {
                    before == "between"
                        || (before == "on"
                            && day_of(view.word(i))
                                .zip(day_of(view.word(i + 2)))
                                .is_some_and(|(a, b)| b == a + 1))
                }
                _ => false,
            };
            (day_of(view.word(i)).filter(|_| joins)?, i + 2)
        }
        _ => return None,
    };
    if second_at >= sentence.range.end {
        return None;
    }
    let (last, month_at) = if second_at == i {
        (day_of(view.word(i).split_once('-')?.1)?, i + 1)
    } else {
        (
            day_of(view.word(second_at)).filter(|_| view.kind(second_at) == Some(Kind::Number))?,
            second_at,
        )
    };
    let (span, year, month, day) = calendar_at(view, month_at)?;
    // The second day is the calendar date's own, or (in "6-9 June") the token's.
    let second = if month_at == second_at {
        day
    } else {
        day.xor(Some(last))
    };
    if second != Some(last) || first >= last {
        return None;
    }
    let month = month?;
    let (start, _) = iso(Some(year.unwrap_or(2000)), Some(month), Some(first));
    let (end, _) = iso(Some(year.unwrap_or(2000)), Some(month), Some(last));
    let (start, end) = (start?, end?);
    let (period, yearless) = match year {
        Some(_) => (Some(format!("{start}/{end}")), None),
        None => (None, Some(format!("--{}/--{}", start.get(5..)?, end.get(5..)?))),
    };
    let (opener, label) = if matches!(before, "from" | "between") {
        (Opener::At, false)
    } else {
        opener_before(view, sentence, i)
    };
    Some(Time {
        span: i..span.end,
        period,
        yearless,
        opener,
        reference: false,
        label,
        relative: false,
        day: false,
    })
}

/// "This year", "last month", "on Thursday", "today": times with no calendar date.
fn relative_at(view: &View<'_>, sentence: &Sentence, i: usize) -> Option<Time> {
    // "Thursday's election" names the day as "on Thursday" does.
    let first = super::text::without_possessive(view.low(i));
    if !is_relative_word(first) {
        return None;
    }
    let words = [first, view.low(i + 1)];
    if !lexicon::is_relative_time(&words) {
        return None;
    }
    let len = if matches!(words[0], "this" | "last" | "next" | "previous" | "coming") {
        2
    } else {
        1
    };
    Some(Time {
        span: i..(i + len).min(sentence.range.end),
        period: None,
        yearless: None,
        opener: Opener::At,
        reference: false,
        label: false,
        relative: true,
        day: false,
    })
}

/// Joins "2019–2024", "2019-21", "between 2019 and 2024", "from September 2021 to June 2023" and
/// "in 2023 and 2024" into one span; "from June to August 2024" gives June the year of August.
fn extend_to_span(view: &View<'_>, sentence: &Sentence, time: &mut Time) {
    let joiner = view.word(time.span.end);
    let before = time.span.start.checked_sub(1).map_or("", |j| view.low(j));
    let Some(start) = time.period.clone() else {
        yearless_to_span(view, sentence, time, joiner, before);
        return;
    };
    let spans = match joiner {
        "–" | "—" | "-" | "/" => true,
        "and" => matches!(before, "between" | "in" | "during"),
        // "April 2024 to March 2025": a month or a day to another is a span without "from"
        // (years alone are not: "in 2019 to 2024 prices").
        "to" => matches!(before, "from") || start.contains('-'),
        _ => false,
    };
    if !spans || time.span.end + 1 >= sentence.range.end {
        return;
    }
    let next = time.span.end + 1;
    let end = match calendar_at(view, next) {
        Some((span, Some(year), month, day)) if month.is_some() == start.contains('-') || month.is_none() => {
            Some((span.end, iso(Some(year), month, day).0))
        }
        _ if matches!(joiner, "–" | "-" | "/")
            && view.word(next).len() == 2
            && view.kind(next) == Some(Kind::Number) =>
        {
            // "2019-21": the century of the first year.
            let century = start.get(..2).unwrap_or("20");
            Some((next + 1, Some(format!("{century}{}", view.word(next)))))
        }
        _ => None,
    };
    if let Some((end, Some(last))) = end
        && last.as_str() > start.as_str()
    {
        time.span.end = end;
        time.period = Some(format!("{start}/{last}"));
        time.day = false;
        if matches!(before, "between" | "from") {
            time.opener = Opener::At;
        }
    }
}
