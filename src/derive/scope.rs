//! The period a whole document says it covers, and the later phrases that point to it. A report
//! that opens "This report covers the fourth quarter of 2024" goes on to say "demand came to
//! 9,846 GWh in the quarter": that quarter is the fourth of 2024. Only a period of the same
//! kind is pointed to ("the quarter" to a quarter, "the year" to a year), and only one the
//! document stated as its subject, not any date it mentioned.

use super::lexicon::Opener;
use super::text::{self, Kind, Sentence, View};
use super::times::Time;

/// The period a document's title gives, when it gives exactly one and it is a day, a month, a
/// quarter, a half or a year: "Harvest bulletin: the 2024 vintage", "Quarterly report: fourth
/// quarter 2024", "Post-incident review: API outage, 11 February 2025". Not a life's span
/// ("cartographer, 1931–2024") nor two years compared ("2019 and 2024").
pub fn title_period(title: &str) -> Option<String> {
    if !super::figures::may_hold_figures(title) {
        return None;
    }
    let prepared = text::Prepared::new(title.to_owned());
    let view = prepared.view();
    let mut periods = prepared.sentences.iter().flat_map(|range| {
        let sentence = Sentence::new(&view, range.clone());
        super::figures::items(&view, &sentence)
            .0
            .into_iter()
            .filter(|t| !t.relative)
            .filter_map(|t| t.period)
    });
    let only = periods.next()?;
    periods.next().is_none().then_some(only)
}

/// [`title_period`] when it is a span a document may cover (see [`kind`]).
pub fn of_title(title: &str) -> Option<String> {
    title_period(title).filter(|p| kind(p).is_some())
}

/// Words that name a document or its data, before the verb that says what it covers.
const DOCUMENT_NOUNS: [&str; 15] = [
    "report",
    "statement",
    "review",
    "bulletin",
    "release",
    "summary",
    "update",
    "document",
    "survey",
    "study",
    "edition",
    "paper",
    "analysis",
    "data",
    "figures",
];

/// Verbs that say what period a document is about.
const COVER_VERBS: [&str; 6] = ["covers", "cover", "covering", "covered", "reviews", "summarises"];

/// Learns the document's financial year from the first twelve-month span that does not start in
/// January ("the year from 1 July 2023 to 30 June 2024", "the year to 31 March 2025"), and from
/// then on reads a pair of years ("2023–24", "2022/23") as that financial year:
/// "2023-07/2024-06". Returns the month the financial year starts in, once known.
pub fn financial_years(times: &mut [Time], known: Option<u32>) -> Option<u32> {
    let start = known.or_else(|| {
        // The span that shows it frames the document; it is no event.
        let t = times
            .iter_mut()
            .filter(|t| !t.reference)
            .find(|t| t.period.as_deref().and_then(year_long_from).is_some())?;
        t.label = true;
        t.period.as_deref().and_then(year_long_from)
    })?;
    for t in times.iter_mut() {
        if let Some(year) = t.period.as_deref().and_then(consecutive_years) {
            t.period = Some(financial(year, start));
        }
    }
    Some(start)
}

/// The financial year that starts in `year` and month `start`.
pub fn financial(year: u32, start: u32) -> String {
    let end = if start == 1 { 12 } else { start - 1 };
    format!("{year}-{start:02}/{}-{end:02}", year + u32::from(start != 1))
}

/// "2023/2024" -> 2023: two years running.
pub fn consecutive_years(period: &str) -> Option<u32> {
    let (a, b) = period.split_once('/')?;
    let (a, b): (u32, u32) = (
        a.parse().ok().filter(|_| a.len() == 4)?,
        b.parse().ok().filter(|_| b.len() == 4)?,
    );
    (b == a + 1).then_some(a)
}

/// The first month of a span of exactly twelve whole months that starts after January.
fn year_long_from(period: &str) -> Option<u32> {
    let (a, b) = period.split_once('/')?;
    let parts = |p: &str| -> Option<(u32, u32, Option<u32>)> {
        let y = p.get(..4)?.parse().ok()?;
        let m = p.get(5..7)?.parse().ok()?;
        let d = p.get(8..10).and_then(|d| d.parse().ok());
        Some((y, m, d))
    };
    let ((ya, ma, da), (yb, mb, db)) = (parts(a)?, parts(b)?);
    // Whole months: a day span runs from the 1st to a month's end.
    if da.is_some_and(|d| d != 1) || db.is_some_and(|d| d < 28) {
        return None;
    }
    (yb * 12 + mb == ya * 12 + ma + 11 && ma != 1).then_some(ma)
}

/// The period a sentence says the document covers ("This report covers the fourth quarter of
/// 2024, from October to December"), if it says one. The times that state it are then labels of
/// the document, not dated facts.
pub fn stated(view: &View<'_>, sentence: &Sentence, times: &mut [Time]) -> Option<String> {
    let range = sentence.range.clone();
    let verb = range.clone().find(|&k| {
        COVER_VERBS.contains(&view.low(k))
            && (k.saturating_sub(4).max(range.start)..k).any(|j| DOCUMENT_NOUNS.contains(&view.low(j)))
    })?;
    let clause = &sentence.clauses[sentence.clause_of(verb)];
    let first = times
        .iter()
        .position(|t| t.span.start > verb && clause.contains(&t.span.start) && !t.reference && !t.relative && !t.day)?;
    let scope = times[first].period.clone()?;
    kind(&scope)?;
    for t in times
        .iter_mut()
        .filter(|t| t.span.start > verb && clause.contains(&t.span.start))
    {
        t.label = true;
    }
    Some(scope)
}

/// Adds the document's period as a time where the sentence points to it: "in the quarter",
/// "over the quarter", "the quarter's generation".
pub fn refer(view: &View<'_>, sentence: &Sentence, scope: &str, times: &mut Vec<Time>) {
    let Some(kind) = kind(scope) else { return };
    let mut found = Vec::new();
    for j in sentence.range.clone() {
        if view.low(j) != "the" || j + 1 >= sentence.range.end {
            continue;
        }
        let noun = view.low(j + 1);
        let names = match kind {
            Span::Day => noun == "day",
            Span::Quarter => noun == "quarter",
            Span::Half => matches!(noun, "half" | "half-year"),
            Span::Year => noun == "year",
            Span::Month => noun == "month",
        };
        // "the quarter of 2023", "the year to March", "the year before" are other periods.
        let after = view.low(j + 2);
        let other = matches!(
            after,
            "of" | "to" | "ending" | "ended" | "before" | "after" | "earlier" | "ahead" | "that" | "which" | "when"
        ) || view.kind(j + 2) == Some(Kind::Number);
        let inside = times.iter().any(|t| t.span.contains(&j) || t.span.contains(&(j + 1)));
        if names && !other && !inside {
            found.push(Time {
                span: j..j + 2,
                period: Some(scope.to_owned()),
                yearless: None,
                opener: Opener::At,
                reference: false,
                label: true,
                relative: false,
                day: false,
            });
        }
    }
    for time in found {
        let at = times.partition_point(|t| t.span.start < time.span.start);
        times.insert(at, time);
    }
}

/// What kind of period a document's scope is.
#[derive(Clone, Copy)]
enum Span {
    Day,
    Year,
    Half,
    Quarter,
    Month,
}

/// "2024" is a year, "2024-03-11" a day, "2024-10/2024-12" a quarter, "2024-01/2024-06" a half, "2024-03" a month.
fn kind(period: &str) -> Option<Span> {
    let month = |p: &str| -> Option<(u32, u32)> {
        let (y, m) = p.split_once('-')?;
        (y.len() == 4 && m.len() == 2).then_some(())?;
        Some((y.parse().ok()?, m.parse().ok()?))
    };
    match period.split_once('/') {
        None if period.len() == 4 && period.bytes().all(|b| b.is_ascii_digit()) => Some(Span::Year),
        None if period.len() == 10 => month(&period[..7]).map(|_| Span::Day),
        None => month(period).map(|_| Span::Month),
        Some((a, b)) => {
            let ((ya, ma), (yb, mb)) = (month(a)?, month(b)?);
            let months = (yb * 12 + mb).checked_sub(ya * 12 + ma)? + 1;
            match months {
                3 if ma % 3 == 1 => Some(Span::Quarter),
                6 => Some(Span::Half),
                12 => Some(Span::Year),
                _ => None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::of_title;

    #[test]
    fn a_title_gives_the_documents_period_when_it_names_one() {
        assert_eq!(of_title("Rainfall statement 2023").as_deref(), Some("2023"));
        assert_eq!(of_title("Harvest bulletin: the 2024 vintage").as_deref(), Some("2024"));
        assert_eq!(
            of_title("Quarterly report: fourth quarter 2024").as_deref(),
            Some("2024-10/2024-12")
        );
        assert_eq!(of_title("Sales in March 2026").as_deref(), Some("2026-03"));
        assert_eq!(of_title("Ilse Marrow, cartographer, 1931–2024"), None);
        assert_eq!(of_title("Cycling counts in five cities, 2019 and 2024"), None);
        assert_eq!(of_title("tidepool: tide tables"), None);
    }
}
