//! The period a whole document says it covers, and the later phrases that point to it. A report
//! that opens "This report covers the fourth quarter of 2024" goes on to say "demand came to
//! 9,846 GWh in the quarter": that quarter is the fourth of 2024. Only a period of the same
//! kind is pointed to ("the quarter" to a quarter, "the year" to a year), and only one the
//! document stated as its subject, not any date it mentioned.

use super::calendar::{add_days, year_month, year_within};
use super::lexicon::Opener;
use super::numbers::Quantity;
use super::text::{self, Kind, Sentence, View};
use super::times::Time;

/// What a document says of its own period, carried from block to block: the period it covers,
/// the month its financial year starts in once the text has shown it, and the one period its
/// title names.
#[derive(Default)]
pub struct Frame {
    /// The period the document covers: "This report covers the fourth quarter of 2024" makes a
    /// later "in the quarter" that quarter. It holds to the end of the document.
    pub scope: Option<String>,
    /// The month the document's financial year starts in.
    financial: Option<u32>,
    /// The one period the title names, whatever its length ("Impact report 2023–24").
    title: Option<String>,
}

impl Frame {
    /// What a brief gives before its first block: the period its title names.
    pub fn of_title(title: &str) -> Frame {
        let title = title_period(title);
        Frame {
            scope: title.clone().filter(|p| kind(p).is_some()),
            financial: None,
            title,
        }
    }

    /// Reads a first paragraph that is a subtitle: short, one line without a verb, naming one
    /// period that is not a day ("*Annual traffic statistics, 2024*"). When the title named none, that period is
    /// the document's, and true is returned.
    pub fn subtitle(&mut self, text: &str) -> bool {
        let short = text.len() <= 80 && !text.trim().contains('\n') && text.split_whitespace().count() <= 10;
        if self.title.is_some() || !short {
            return false;
        }
        let line = Line::read(text);
        if line.verb || line.quantity {
            return false;
        }
        // A day under the title is a dateline ("*3 September 2025, the team*"), not a period.
        let Some(period) = only(line.periods).filter(|p| p.len() != 10) else {
            return false;
        };
        self.scope = kind(&period).map(|_| period.clone());
        self.title = Some(period);
        true
    }

    /// The one year the covered period lies within, for a day or month the text gives without one.
    pub fn year(&self) -> Option<&str> {
        self.scope.as_deref().and_then(year_within)
    }

    /// Reads what a sentence says of the document's period into its times: a financial year it
    /// shows, a period it says the document covers, a phrase pointing to that period.
    pub fn read(&mut self, view: &View<'_>, sentence: &Sentence, times: &mut Vec<Time>) {
        let financial = financial_years(times, self.financial);
        if financial.is_some() && self.financial.is_none() {
            self.financial = financial;
            // "Impact report 2023–24" once the text has said its year starts in July.
            if self.scope.is_none()
                && let Some((year, start)) = self.title.as_deref().and_then(consecutive_years).zip(financial)
            {
                self.scope = Some(financial_year(year, start));
            }
        }
        // A sentence saying what the document covers is more precise than its title's year.
        if let Some(stated) = stated(view, sentence, times) {
            self.scope = Some(stated);
        } else if let Some(scope) = &self.scope {
            refer(view, sentence, scope, times);
        }
    }

    /// The covered period for quantity `q` when nothing else dates it: a clause with no time of
    /// its own, in a sentence that names no other ("this year", "in 2019"), is about the period
    /// the document covers ("Growers picked 18,640 tonnes" in a bulletin on the 2024 vintage).
    /// Not a day: an incident report's figures are not all of its day.
    pub fn of_undated(&self, view: &View<'_>, sentence: &Sentence, times: &[Time], q: &Quantity) -> Option<String> {
        let scope = self
            .scope
            .as_ref()
            .filter(|s| s.len() != 10 && !times.iter().any(|t| t.relative))?;
        let c = sentence.clause_of(q.span.start);
        // "in the quarter" when the document covers a year: some other period, unnamed. Not the
        // period a comparison names ("than in the same quarter of 2024").
        let other_period = sentence.clauses[c].clone().any(|j| {
            matches!(view.low(j), "quarter" | "month" | "week" | "half" | "season" | "day")
                && matches!(sentence.low_before(view, j, 1), "the" | "that" | "this" | "same")
                && !times
                    .iter()
                    .any(|t| t.reference && t.span.start > j && t.span.start <= j + 2)
        });
        let timed = times
            .iter()
            .any(|t| !t.reference && !t.label && sentence.clause_of(t.span.start) == c);
        (!other_period && !timed).then(|| scope.clone())
    }

    /// A pair of years ("2024/2025") as the financial year the text defined, once it has.
    pub fn in_financial_year(&self, period: String) -> String {
        match (consecutive_years(&period), self.financial) {
            (Some(year), Some(start)) => financial_year(year, start),
            _ => period,
        }
    }
}

/// The period a document's title gives, when it gives exactly one and it is a day, a month, a
/// quarter, a half or a year: "Harvest bulletin: the 2024 vintage", "Quarterly report: fourth
/// quarter 2024", "Post-incident review: API outage, 11 February 2025". Not a life's span
/// ("cartographer, 1931–2024") nor two years compared ("2019 and 2024").
fn title_period(title: &str) -> Option<String> {
    only(Line::read(title).periods)
}

/// The one period of a list that holds exactly one.
fn only(periods: Vec<String>) -> Option<String> {
    let mut periods = periods.into_iter();
    let first = periods.next()?;
    periods.next().is_none().then_some(first)
}

/// What a title or a subtitle holds, read once.
#[derive(Default)]
struct Line {
    /// The periods it names, relative ones ("this year") aside.
    periods: Vec<String>,
    /// Whether it states a quantity ("Over 320 raids in 2022"): then it is no subtitle.
    quantity: bool,
    /// Whether it holds a verb: a subtitle has none, a sentence has one.
    verb: bool,
}

impl Line {
    fn read(text: &str) -> Line {
        if !super::figures::may_hold_figures(text) {
            return Line::default();
        }
        let prepared = text::Prepared::new(text.to_owned());
        let view = prepared.view();
        let mut line = Line {
            verb: super::figures::has_verb(&view, &(0..prepared.tokens.len())),
            ..Line::default()
        };
        for range in &prepared.sentences {
            let (times, quantities) = super::figures::items(&view, &Sentence::new(&view, range.clone()));
            line.quantity |= !quantities.is_empty();
            line.periods
                .extend(times.into_iter().filter(|t| !t.relative).filter_map(|t| t.period));
        }
        line
    }
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

/// Verbs that put results out: "announced the results of its 2025 funding round".
const ANNOUNCING: [&str; 6] = [
    "announced",
    "announces",
    "published",
    "publishes",
    "released",
    "releases",
];

/// Verbs of two words that say what a document is about ("This paper reports on ...").
const COVER_PHRASES: [(&str, &str); 4] = [("reports", "on"), ("looks", "at"), ("sets", "out"), ("looks", "back")];

/// Learns the document's financial year from the first twelve-month span that does not start in
/// January ("the year from 1 July 2023 to 30 June 2024", "the year to 31 March 2025"), and from
/// then on reads a pair of years ("2023–24", "2022/23") as that financial year:
/// "2023-07/2024-06". Returns the month the financial year starts in, once known.
fn financial_years(times: &mut [Time], known: Option<u32>) -> Option<u32> {
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
            t.period = Some(financial_year(year, start));
        }
    }
    Some(start)
}

/// The financial year that starts in `year` and month `start`.
fn financial_year(year: u32, start: u32) -> String {
    let end = if start == 1 { 12 } else { start - 1 };
    format!("{year}-{start:02}/{}-{end:02}", year + u32::from(start != 1))
}

/// "2023/2024" -> 2023: two years running.
fn consecutive_years(period: &str) -> Option<u32> {
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
        let (y, m) = year_month(p)?;
        Some((y, m, p.get(8..10).and_then(|d| d.parse().ok())))
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
fn stated(view: &View<'_>, sentence: &Sentence, times: &mut [Time]) -> Option<String> {
    let range = sentence.range.clone();
    let verb = range.clone().find(|&k| {
        let noun_before = (k.saturating_sub(4).max(range.start)..k).any(|j| DOCUMENT_NOUNS.contains(&view.low(j)));
        let covers = COVER_VERBS.contains(&view.low(k)) || COVER_PHRASES.contains(&(view.low(k), view.low(k + 1)));
        // "reported financial results for the second quarter": the results are the document's;
        // "announced the results of its 2025 funding round" too.
        let announced = (k.saturating_sub(3).max(range.start)..k).any(|j| ANNOUNCING.contains(&view.low(j)));
        let results = view.low(k) == "results" && (view.low(k + 1) == "for" || (view.low(k + 1) == "of" && announced));
        (covers && noun_before) || results
    })?;
    // The verb's clause, and an apposition after it that restates the period: "reports on the
    // second quarter of the 2025/26 financial year, from July to September 2025".
    let c = sentence.clause_of(verb);
    let mut clause = sentence.clauses[c].clone();
    if let Some(next) = sentence.clauses.get(c + 1)
        && matches!(view.low(next.start), "from" | "between")
    {
        clause.end = next.end;
    }
    let named: Vec<String> = times
        .iter()
        .filter(|t| t.span.start > verb && clause.contains(&t.span.start) && !t.reference && !t.relative && !t.day)
        .filter_map(|t| t.period.clone().map(whole_months))
        .collect();
    // A quarter, a month, a half or a year says it best; a span of days will do ("the eight weeks
    // from 2 December 2024 to 26 January 2025"). A pair of years ("2025/26") waits for the
    // financial year the text defines.
    let scope = named
        .iter()
        .find(|p| kind(p).is_some())
        .or_else(|| named.iter().find(|p| consecutive_years(p).is_none()))?
        .clone();
    for t in times
        .iter_mut()
        .filter(|t| t.span.start > verb && clause.contains(&t.span.start))
    {
        t.label = true;
    }
    Some(scope)
}

/// A span of days that runs from a month's first day to a month's last, as those months:
/// "2023-04-01/2024-03-31" is "2023-04/2024-03". Other periods are returned as they are.
fn whole_months(period: String) -> String {
    let months = period.split_once('/').and_then(|(a, b)| {
        let next = add_days(b, 1)?;
        (a.len() == 10 && a.ends_with("-01") && next.ends_with("-01")).then(|| format!("{}/{}", &a[..7], &b[..7]))
    });
    months.unwrap_or(period)
}

/// Adds the document's period as a time where the sentence points to it: "in the quarter",
/// "over the quarter", "the quarter's generation".
fn refer(view: &View<'_>, sentence: &Sentence, scope: &str, times: &mut Vec<Time>) {
    let kind = kind(scope);
    let mut found = Vec::new();
    for j in sentence.range.clone() {
        if view.low(j) != "the" || j + 1 >= sentence.range.end {
            continue;
        }
        let noun = view.low(j + 1);
        // "over the period" points to whatever period the document covers.
        let names = noun == "period"
            || match kind {
                Some(Span::Day) => noun == "day",
                Some(Span::Quarter) => noun == "quarter",
                Some(Span::Half) => matches!(noun, "half" | "half-year"),
                Some(Span::Year) => noun == "year",
                Some(Span::Month) => noun == "month",
                None => false,
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
    // A month alone, "2024-03", not a day.
    let month = |p: &str| if p.len() == 7 { year_month(p) } else { None };
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
    use super::Frame;

    fn of_title(title: &str) -> Option<String> {
        Frame::of_title(title).scope
    }

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
