//! Statistics derived from a brief's text: each sentence's quantities with what they count, their
//! qualifier and period, and its dated facts; Markdown tables cell by cell. Repeated mentions of
//! one fact become one statistic in [`grouping`](super::grouping).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::measures::{self, Description};
use super::numbers::{self, Quantity};
use super::periods;
use super::scope;
use super::text::{self, Kind, Sentence, View};
use super::times::{self, Time};
use super::{Derived, lexicon};
use crate::corpus::Brief;
use crate::corpus::document::BlockKind;
use crate::figure::Qualifier;

/// One mention of a figure, before mentions of the same fact are grouped.
#[derive(Debug, Clone, PartialEq)]
pub struct Raw {
    /// None for a date (its period holds it).
    pub quantity: Option<(f64, String)>,
    pub measure: String,
    pub qualifier: Qualifier,
    pub period: Option<String>,
    /// Where it is in the document's text.
    pub range: Range<usize>,
    /// The block (paragraph, list item, table) it is in.
    pub block: usize,
    /// The content words of its clause, lower case and singular: what the sentence says of it.
    pub context: Vec<String>,
    /// Written as a figure already given ("those 312 attacks", "the 1,200 households").
    pub anaphoric: bool,
    /// A number alone in a table cell, which often restates a figure the text gives.
    pub tabled: bool,
}

/// A quick test that a block may hold figures at all: digits, or words for numbers or months.
static MAY_HOLD_FIGURES: LazyLock<Regex> = LazyLock::new(|| {
    text::regex(concat!(
        r"(?i-u:\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen",
        r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty",
        r"|ninety|hundred|thousand|million|billion|dozen|decade|century|half|third|quarter|fifth|tenth)\b)",
        r"|(?-u:\b)(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    ))
});

pub fn may_hold_figures(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit()) || MAY_HOLD_FIGURES.is_match(text)
}

/// Derives the statistics of a brief from its text.
pub fn statistics(brief: &Brief) -> Vec<Derived> {
    let doc = &brief.doc;
    let mut raws = Vec::new();
    let mut across = Across::of(brief);
    let blocks: Vec<_> = super::body_blocks(doc).collect();
    for (n, &(index, block)) in blocks.iter().enumerate() {
        // A subtitle under the title that names one period ("Annual traffic statistics, 2024")
        // gives the document's period as a title does; it states no figure. A document of one
        // paragraph has none.
        if n == 0 && blocks.len() > 1 && across.frame.subtitle(doc.block_text(block)) {
            continue;
        }
        if let BlockKind::Table(table) = &block.kind {
            super::tables::figures(doc, block, table, index, &across.frame, &mut raws);
        } else if may_hold_figures(doc.block_text(block)) {
            let prepared = text::Prepared::new(text::masked(doc, block));
            let caption = super::captions_table(doc, index);
            prose(&prepared, block.range.start, index, caption, &mut across, &mut raws);
        } else {
            across.period = None;
        }
    }
    super::grouping::group(raws)
}

/// What the sentences of one block carry over to the next sentence.
#[derive(Default)]
pub struct Carry {
    /// The last year a sentence of the block gave (for "by 1 November").
    pub year: Option<String>,
    /// The previous sentence's period (for "over the same 12 days").
    pub period: Option<String>,
    /// The last day date the text gave (for "on Thursday", "Thursday's vote").
    pub day: Option<String>,
    /// What the document says of its own period (for "in the quarter").
    pub frame: scope::Frame,
}

/// What one block of prose leaves for the next.
#[derive(Default)]
pub struct Across {
    /// The period of its last sentence: "over the same period" may point back across a
    /// paragraph break.
    pub period: Option<String>,
    /// The last day date given: a weekday named later ("Thursday's election") is that day when
    /// the calendar agrees.
    pub day: Option<String>,
    /// What the document says of its own period, from its title on.
    pub frame: scope::Frame,
}

impl Across {
    /// What a brief gives before its first block: the period its title names.
    pub fn of(brief: &Brief) -> Across {
        Across {
            frame: scope::Frame::of_title(&brief.meta.title),
            ..Across::default()
        }
    }
}

/// Figures in a block of prose, prepared; `base` is where it starts in the document's text.
/// `across` holds what the blocks before left (see [`Across`]); the year a paragraph gives stays
/// in it.
/// In a table's caption (`caption`), a sentence without a verb ("Loans by branch, 2024") dates
/// the table: its years are not facts of their own.
pub fn prose(
    prepared: &text::Prepared,
    base: usize,
    block: usize,
    caption: bool,
    across: &mut Across,
    out: &mut Vec<Raw>,
) {
    let view = prepared.view();
    let mut carry = Carry {
        // A day or month without a year takes the year of the period the document covers, until
        // the paragraph gives one.
        year: across.frame.year().map(str::to_owned),
        period: across.period.take(),
        day: across.day.take(),
        frame: std::mem::take(&mut across.frame),
    };
    for range in &prepared.sentences {
        if !range.clone().any(|i| may_start_item(&view, i)) {
            carry.period = None;
            continue;
        }
        let sentence = Sentence::new(&view, range.clone());
        let first = out.len();
        sentence_figures(&view, &sentence, base, block, &mut carry, None, out);
        if caption && !has_verb(&view, range) {
            let counts: Vec<Raw> = out
                .split_off(first)
                .into_iter()
                .filter(|r| r.quantity.is_some())
                .collect();
            out.extend(counts);
        }
    }
    across.period = carry.period;
    across.day = carry.day;
    across.frame = carry.frame;
}

/// Whether tokens `range` hold a verb.
pub fn has_verb(view: &View<'_>, range: &Range<usize>) -> bool {
    range.clone().any(|j| {
        view.kind(j) == Some(Kind::Word) && (text::is_verbish(view.low(j)) || lexicon::is_verb_in_s(view.low(j)))
    })
}

/// Whether token `i` may start a time or a quantity: a cheap test that lets most sentences go.
fn may_start_item(view: &View<'_>, i: usize) -> bool {
    match view.kind(i) {
        Some(Kind::Number | Kind::Mixed) => true,
        Some(Kind::Symbol) => matches!(view.word(i), "$" | "€" | "£" | "¥" | "₹"),
        Some(Kind::Word) => {
            let low = view.low(i);
            super::number_words::may_be_number_word(low)
                || times::is_relative_word(low)
                || (view.capitalised(i) && lexicon::month_number(view.word(i)).is_some())
        }
        _ => false,
    }
}

/// The times and quantities of a sentence, left to right.
pub fn items(view: &View<'_>, sentence: &Sentence) -> (Vec<Time>, Vec<Quantity>) {
    let (mut times, mut quantities) = (Vec::new(), Vec::new());
    let mut i = sentence.range.start;
    while i < sentence.range.end {
        if let Some(t) = times::at(view, sentence, i) {
            i = t.span.end.max(i + 1);
            // A time that reached back over earlier ones holds them: "the second quarter of
            // fiscal 2026, which ended July 31, 2025" is one period, not also 2026.
            while times.last().is_some_and(|p: &Time| p.span.start >= t.span.start) {
                times.pop();
            }
            times.push(t);
        } else if let Some(q) = numbers::at(view, sentence, i) {
            i = q.span.end.max(i + 1);
            quantities.push(q);
        } else {
            i += 1;
        }
    }
    (times, without_conversions(view, joined_durations(view, quantities)))
}

/// Drops a figure in brackets that converts the one right before it into another unit of the
/// same kind: "camped at 7,150 metres (23,458 ft)" states one height.
fn without_conversions(view: &View<'_>, mut quantities: Vec<Quantity>) -> Vec<Quantity> {
    let dimension = |q: &Quantity| q.unit.as_deref().and_then(lexicon::dimension);
    let mut k = 1;
    while k < quantities.len() {
        let (before, q) = (&quantities[k - 1], &quantities[k]);
        let bracketed = q.span.start == before.span.end + 1 && view.word(before.span.end) == "(";
        if bracketed && dimension(q).is_some() && dimension(q) == dimension(before) && q.unit != before.unit {
            quantities.remove(k);
        } else {
            k += 1;
        }
    }
    quantities
}

/// "two hours and 40 minutes", "2 hours 35 minutes", "3 minutes 20 seconds": one length of
/// time, in the smaller unit.
fn joined_durations(view: &View<'_>, quantities: Vec<Quantity>) -> Vec<Quantity> {
    let mut out: Vec<Quantity> = Vec::with_capacity(quantities.len());
    for q in quantities {
        if let Some(last) = out.last_mut() {
            let per = match (last.unit.as_deref(), q.unit.as_deref()) {
                (Some("hours"), Some("minutes")) | (Some("minutes"), Some("seconds")) => Some(60.0),
                (Some("days"), Some("hours")) => Some(24.0),
                (Some("years"), Some("months")) => Some(12.0),
                (Some("weeks"), Some("days")) => Some(7.0),
                _ => None,
            };
            // Nothing between them, or "and".
            let next = q.span.start == last.span.end
                || (q.span.start == last.span.end + 1 && view.low(last.span.end) == "and");
            if let Some(per) = per
                && next
                && q.value < per
            {
                last.value = last.value * per + q.value;
                last.unit = q.unit;
                last.span.end = q.span.end;
                continue;
            }
        }
        out.push(q);
    }
    out
}

/// Adds the figures of one sentence to `out`. `fallback` describes quantities that the sentence
/// leaves undescribed (a table cell's headers).
pub fn sentence_figures(
    view: &View<'_>,
    sentence: &Sentence,
    base: usize,
    block: usize,
    carry: &mut Carry,
    fallback: Option<&Description>,
    out: &mut Vec<Raw>,
) {
    let (mut times, quantities) = items(view, sentence);
    weekdays_as_dates(view, &mut times, carry.day.as_deref());
    carry.frame.read(view, sentence, &mut times);
    let (mut described, qualifiers) = describe_all(view, sentence, &times, &quantities, fallback);
    let mut periods = periods::assign(
        view,
        sentence,
        &times,
        &quantities,
        carry.period.as_deref(),
        carry.year.as_deref(),
    );
    let mut dated: Vec<Option<String>> = quantities
        .iter()
        .zip(&periods.of_quantity)
        .map(|(q, p)| {
            p.clone()
                .map(|p| {
                    if cumulative(view, sentence, q.span.start) {
                        up_to(p)
                    } else {
                        p
                    }
                })
                .or_else(|| carry.frame.of_undated(view, sentence, &times, q))
        })
        .collect();
    // Only the figures that are stated (with what they count) may take a day beside them.
    for (p, d) in dated.iter_mut().zip(&described) {
        if d.as_ref().is_none_or(|d| d.unit.is_empty()) {
            *p = None;
        }
    }
    super::days::beside(
        view,
        sentence,
        &times,
        &quantities,
        carry.year.as_deref(),
        &mut dated,
        &mut periods.absorbed,
    );
    for (i, q) in quantities.iter().enumerate() {
        let Some(d) = described[i].take().filter(|d| !d.unit.is_empty()) else {
            continue;
        };
        let period = dated[i].take();
        let range = view.bytes(&q.span);
        let before = q.span.start.checked_sub(1).map_or("", |p| view.low(p));
        out.push(Raw {
            context: context(view, sentence, q.span.start, &d.unit),
            quantity: Some((q.value, d.unit)),
            measure: d.measure,
            qualifier: qualifiers[i],
            period,
            range: base + range.start..base + range.end,
            block,
            anaphoric: matches!(before, "the" | "those" | "these"),
            tabled: false,
        });
    }
    dated_facts(view, sentence, &times, &periods.absorbed, base, block, carry, out);
    carry.period = times
        .iter()
        .find(|t| !t.reference && !t.relative && t.period.is_some())
        .and_then(|t| t.period.clone())
        .or_else(|| periods.of_quantity.iter().flatten().next().cloned());
    if let Some(day) = times
        .iter()
        .rev()
        .filter(|t| t.day && !t.reference)
        .find_map(|t| t.period.clone().filter(|p| p.len() == 10))
    {
        carry.day = Some(day);
    }
    let last_year = times.iter().rev().filter(|t| !t.reference);
    if let Some(year) = last_year.filter_map(|t| t.period.as_deref()?.get(..4)).next() {
        carry.year = Some(year.to_owned());
    }
}

/// Whether the clause of token `at` says its figure is a running total: "the total", "so far",
/// "to date", "cumulative", "in all".
fn cumulative(view: &View<'_>, sentence: &Sentence, at: usize) -> bool {
    let clause = &sentence.clauses[sentence.clause_of(at)];
    clause.clone().any(|j| match view.low(j) {
        "total" | "cumulative" | "altogether" => !matches!(view.low(j + 1), "of"),
        "far" => j > 0 && view.low(j - 1) == "so",
        "date" => j > 0 && view.low(j - 1) == "to",
        "all" => j > 0 && view.low(j - 1) == "in",
        _ => false,
    })
}

/// A running total's period: up to the day it is counted to ("2025-03-08/2025-03-14" ->
/// "../2025-03-14"). A total for a year or month ("Total income in 2024") is that period's sum,
/// and a span from a start ("2014/..") stays as it is.
fn up_to(period: String) -> String {
    let end = period.rsplit('/').next().unwrap_or("");
    if end.len() == 10 { format!("../{end}") } else { period }
}

/// A weekday named alone ("on Thursday", "Thursday's election") is the last day date the text
/// gave when that date falls on it: a period for the clause's figures, not a dated fact again.
fn weekdays_as_dates(view: &View<'_>, times: &mut [times::Time], day: Option<&str>) {
    let Some(day) = day else { return };
    let Some(weekday) = super::calendar::weekday(day) else {
        return;
    };
    for time in times.iter_mut().filter(|t| t.relative && t.span.len() == 1) {
        if super::calendar::weekday_number(text::without_possessive(view.low(time.span.start))) == Some(weekday) {
            time.period = Some(day.to_owned());
            time.relative = false;
            time.label = true;
            time.day = true;
        }
    }
}

/// What each quantity counts or measures, and its qualifier, ranges joined.
fn describe_all(
    view: &View<'_>,
    sentence: &Sentence,
    times: &[Time],
    quantities: &[Quantity],
    fallback: Option<&Description>,
) -> (Vec<Option<Description>>, Vec<Qualifier>) {
    let blocked =
        |j: usize| times.iter().any(|t| t.span.contains(&j)) || quantities.iter().any(|q| q.span.contains(&j));
    let mut described: Vec<Option<Description>> = Vec::with_capacity(quantities.len());
    for q in quantities {
        let previous = described.iter().rev().flatten().next();
        let d = measures::describe(view, sentence, q, previous, &blocked).or_else(|| fallback.cloned());
        described.push(d);
    }
    let mut qualifiers: Vec<Qualifier> = quantities
        .iter()
        .zip(&described)
        .map(|(q, d)| measures::qualifier(view, sentence, q, d.as_ref().map_or("", |d| d.unit.as_str())))
        .collect();
    ranges(view, quantities, &mut described, &mut qualifiers);
    lists(view, quantities, &mut described);
    (described, qualifiers)
}

/// Lists: "1, 2 or 3 bytes", "7 or 3 bytes", "32 and 64 bits": a number followed only by "or",
/// "and" or a comma and the next number of the list takes what that one counts, when that one
/// names it itself.
fn lists(view: &View<'_>, quantities: &[Quantity], described: &mut [Option<Description>]) {
    let mut joined_next = false;
    for b in (1..quantities.len()).rev() {
        let a = b - 1;
        let (qa, qb) = (&quantities[a], &quantities[b]);
        let joiner = view.low(qa.span.end);
        let adjacent = qb.span.start == qa.span.end + 1 && qa.unit.is_none();
        let Some(db) = described[b].clone() else {
            joined_next = false;
            continue;
        };
        let named = qb.unit.is_some() || view.low(qb.span.end) == db.unit;
        let joins = match joiner {
            "or" | "and" => named && !matches!(qa.span.start.checked_sub(1).map(|j| view.low(j)), Some("between")),
            "," => joined_next,
            _ => false,
        };
        joined_next = adjacent && joins;
        if joined_next {
            described[a] = Some(db);
        }
    }
}

/// Ranges: "between 400 and 500 attacks", "eight to ten hours", "4 °C to 7 °C", "400–500". The
/// first bound takes the second's unit when it has none of its own, and the bounds say which is
/// which. A change ("rose from 28% to 46%", "rose 22 per cent to 8,352") is not a range.
fn ranges(
    view: &View<'_>,
    quantities: &[Quantity],
    described: &mut [Option<Description>],
    qualifiers: &mut [Qualifier],
) {
    for b in 1..quantities.len() {
        let a = b - 1;
        let (qa, qb) = (&quantities[a], &quantities[b]);
        if qb.span.start != qa.span.end + 1 {
            continue;
        }
        let joiner = view.word(qa.span.end);
        let before = qa.span.start.checked_sub(1).map_or("", |j| view.low(j));
        let before_from = qa.span.start.checked_sub(2).map_or("", |j| view.low(j));
        let joined = match joiner {
            "and" => before == "between",
            "to" => {
                !(lexicon::CHANGE_WORDS.has(before)
                    || before == "by"
                    || (before == "from" && lexicon::CHANGE_WORDS.has(before_from)))
            }
            "-" | "–" | "—" => !lexicon::CHANGE_WORDS.has(before),
            _ => false,
        };
        let Some(db) = described[b].clone() else { continue };
        // A change "fell from 6 to 9 minutes": the first figure is in the second's unit, but
        // neither is a bound.
        let change = joiner == "to" && before == "from" && lexicon::CHANGE_WORDS.has(before_from);
        if change && qa.unit.is_none() && qb.unit.is_some() {
            described[a] = Some(db);
            continue;
        }
        let same_unit = match (&qa.unit, &described[a]) {
            (Some(u), _) => lexicon::unit_key(u) == lexicon::unit_key(&db.unit),
            (None, _) => true,
        };
        if !(joined && same_unit) {
            continue;
        }
        // The words before the range describe both bounds: "Journeys were 10–15 minutes".
        let mut db = db;
        if db.measure.is_empty()
            && let Some(da) = &described[a]
        {
            db.measure.clone_from(&da.measure);
            described[b] = Some(db.clone());
        }
        described[a] = Some(db);
        if qualifiers[a] == Qualifier::Exact {
            qualifiers[a] = Qualifier::AtLeast;
        }
        if qualifiers[b] == Qualifier::Exact {
            qualifiers[b] = Qualifier::AtMost;
        }
    }
}

/// The content words of the clause holding token `at`, lower case and singular, without `unit`.
fn context(view: &View<'_>, sentence: &Sentence, at: usize, unit: &str) -> Vec<String> {
    let unit = crate::figure::singular(&unit.to_lowercase());
    let clause = &sentence.clauses[sentence.clause_of(at)];
    let mut words: Vec<String> = clause
        .clone()
        .filter(|&j| view.kind(j) == Some(Kind::Word))
        .map(|j| view.low(j))
        .filter(|w| w.len() > 2 && !lexicon::is_function_word(w) && lexicon::small_number(w).is_none())
        .map(crate::figure::singular)
        .filter(|w| *w != unit)
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// Dates and years that are facts of their own: not only a quantity's period, not a point of
/// comparison, not a dateline. A day or month without a year takes the year its sentence or
/// paragraph gives.
#[allow(clippy::too_many_arguments)] // reason: one sentence's parts, passed rather than bundled for a single caller
fn dated_facts(
    view: &View<'_>,
    sentence: &Sentence,
    times: &[Time],
    absorbed: &[bool],
    base: usize,
    block: usize,
    carry: &Carry,
    out: &mut Vec<Raw>,
) {
    let clause_of_time: Vec<usize> = times.iter().map(|t| sentence.clause_of(t.span.start)).collect();
    for (t, time) in times.iter().enumerate() {
        if time.reference || time.label || time.relative || absorbed[t] || is_dateline(view, sentence, time) {
            continue;
        }
        let Some(period) = periods::fact_period(view, sentence, times, &clause_of_time, t, carry.year.as_deref())
        else {
            continue;
        };
        let range = view.bytes(&time.span);
        let clause = &sentence.clauses[sentence.clause_of(time.span.start)];
        let in_time = |j: usize| times.iter().any(|t| t.span.contains(&j));
        let mut measure = measures::words_before(view, clause, time.span.start, &in_time);
        if measure.is_empty() {
            measure = measure_words(view, time.span.end..clause.end);
        }
        out.push(Raw {
            quantity: None,
            measure,
            qualifier: Qualifier::Exact,
            period: Some(period),
            range: base + range.start..base + range.end,
            block,
            context: context(view, sentence, time.span.start, ""),
            anaphoric: false,
            tabled: false,
        });
    }
}

/// The first words of a clause after its date, as the date's measure when nothing comes before it
/// ("In 1913 the last dry stretches were flooded").
fn measure_words(view: &View<'_>, range: Range<usize>) -> String {
    let words: Vec<usize> = range.filter(|&j| view.kind(j) == Some(Kind::Word)).collect();
    let mut start = 0;
    while start < words.len() && lexicon::is_function_word(view.low(words[start])) {
        start += 1;
    }
    let mut end = words.len();
    while end > start && lexicon::is_function_word(view.low(words[end - 1])) {
        end -= 1;
    }
    let kept = &words[start..end.min(start + 6)];
    kept.iter().map(|&j| view.word(j)).collect::<Vec<_>>().join(" ")
}

/// A line that holds only a date is a dateline (the brief's date in a byline), not a figure.
fn is_dateline(view: &View<'_>, sentence: &Sentence, time: &Time) -> bool {
    let others = sentence
        .range
        .clone()
        .filter(|j| !time.span.contains(j))
        .any(|j| matches!(view.kind(j), Some(Kind::Word | Kind::Number | Kind::Mixed)));
    !others && time.day
}

#[cfg(test)]
#[path = "figures_tests.rs"]
pub(super) mod tests;
