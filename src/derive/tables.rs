//! Figures in Markdown tables. A cell that holds a number is a figure whose period and measure
//! come from its column's header and its row's first cell: in a table of "Trips per weekday,
//! 2019" by city, "41,200" in the row "Aarhus" is 41,200 trips, in 2019, in Aarhus. When the
//! headers give no year, the table's caption or the text just before it may ("Loans by branch,
//! 2024"; "The scheme ran from June to August 2024." before columns "June", "July", "August").
//! Cells in code style are not figures. A cell with more than a number is read as prose.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::captions::{Context, context};
use super::figures::{Carry, Raw, items, sentence_figures};
use super::headers::{CHANGE_WORDS, Header, clock_seconds, header};
use super::lexicon;
use super::measures::Description;
use super::scope::Frame;
use super::text::{self, Kind, Sentence};
use crate::corpus::document::{Block, Document, Table};

/// A cell that names a band of numbers rather than stating one: "18–29", "30-44", "65+", "under
/// 5", "75 and over".
fn is_band(doc: &Document, cell: &Range<usize>) -> bool {
    static BAND: LazyLock<Regex> = LazyLock::new(|| {
        super::markup::regex(concat!(
            r"(?i)^\s*(?:(?:under|over|below|above|aged)\s+)?\d+(?:\s*(?:[-–—]|to)\s*\d+|\s*\+",
            r"|\s+(?:and|or)\s+(?:over|older|more|above|under))?\s*(?:years?)?\s*$"
        ))
    });
    let text = doc.text.get(cell.clone()).unwrap_or("");
    let words = text.trim();
    BAND.is_match(words) && !words.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_whitespace())
}

/// A cell that is a name made of a word and a number: "Year 7", "Ward 12", "Site 3b", a tool and
/// its version ("dupehound 2.4").
fn is_name(doc: &Document, cell: &Range<usize>) -> bool {
    static NAME: LazyLock<Regex> =
        LazyLock::new(|| super::markup::regex(r"^\s*[A-Za-z][\w.-]{1,30}\s+v?\d{1,3}(?:\.\d+){0,3}[a-z]?\s*$"));
    NAME.is_match(doc.text.get(cell.clone()).unwrap_or(""))
}

/// A month of the table's year: "2024-06" when the context's period lies within one year, else
/// without a year ("--06"); a span of months likewise ("2024-10/2024-12").
/// A span of months across two years (April 2024 to March 2025) gives each month the year it
/// falls in within the span.
fn month_period((first, last): (u32, u32), context: Option<&str>) -> String {
    let year = context.and_then(super::calendar::year_within);
    let across = context.and_then(|c| {
        let (start, end) = c.split_once('/')?;
        let ((y0, m0), (y1, m1)) = (super::calendar::year_month(start)?, super::calendar::year_month(end)?);
        (y1 == y0 + 1 && m1 < m0).then_some((y0, m0, y1))
    });
    let one = |month: u32| match (year, across) {
        (Some(year), _) => format!("{year}-{month:02}"),
        (None, Some((y0, m0, y1))) => format!("{}-{month:02}", if month >= m0 { y0 } else { y1 }),
        (None, None) => format!("--{month:02}"),
    };
    if first == last {
        one(first)
    } else {
        format!("{}/{}", one(first), one(last))
    }
}

/// Adds the figures of a table to `out`.
/// `frame` gives the period the document covers, for cells nothing else dates, and its financial
/// year.
pub fn figures(doc: &Document, block: &Block, table: &Table, index: usize, frame: &Frame, out: &mut Vec<Raw>) {
    let Some((head, rows)) = table.rows.split_first() else {
        return;
    };
    let columns: Vec<Header> = head.iter().map(|c| header(doc, block, c)).collect();
    let context = context(doc, index);
    // Rows headed "Week ending 8 December 2024" (or "Week beginning ...") are weeks: whether
    // each ends on its row's day.
    let week = columns.first().filter(|h| h.says(&["week", "weeks"])).and_then(|h| {
        if h.says(&["ending", "ended", "to"]) {
            Some(true)
        } else if h.says(&["beginning", "starting", "from", "commencing"]) {
            Some(false)
        } else {
            None
        }
    });
    // A unit in brackets over the column of row names is what the other cells are in: "Scenario
    // (seconds)" over rows of scenarios and columns of versions.
    let stub = columns
        .first()
        .filter(|h| h.bracketed && columns.len() > 1)
        .and_then(|h| h.unit.clone());
    // The latest of two or more years heading the columns.
    let years: Vec<&String> = columns
        .iter()
        .filter_map(|h| h.period.as_ref().filter(|p| p.len() == 4))
        .collect();
    let latest_year = years.iter().max().filter(|_| years.len() > 1).map(|y| (*y).clone());
    let labels = label_columns(doc, head, rows);
    for row in rows {
        let named = row.first().is_some_and(|c| is_name(doc, c)) && row.len() > 1;
        let row_header = row
            .first()
            .map(|c| {
                let mut h = header(doc, block, c);
                // More columns of names ("Mine | Measure | Q2 | Q3"): the row is named by all.
                for cell in row.iter().take(labels).skip(1) {
                    h.join(header(doc, block, cell));
                }
                if named {
                    // "Year 7" names the row; it does not say its cells are in years.
                    (h.unit, h.measured) = (None, false);
                }
                if let (Some(ends), Some(day)) = (week, h.period.clone().filter(|p| p.len() == 10)) {
                    h.period = super::calendar::week(&day, ends);
                }
                h
            })
            .unwrap_or_default();
        for (c, cell) in row.iter().enumerate().skip(labels - 1) {
            // A year heading the row is the period of the row's figures; a band ("18–29", "65+",
            // "under 5") or a name ("Year 7", "Ward 4") names the row's group.
            if c == 0 && row.len() > 1 && (row_header.period.is_some() || is_band(doc, cell) || named) {
                continue;
            }
            let column = columns.get(c);
            // "Minimum version", "Release": a column of versions holds no figures.
            if column.is_some_and(|h| h.says(&["version", "versions", "release"])) {
                continue;
            }
            // A unit of measure in either header ("(%)" heading a row of years) comes before a
            // counted noun in the other; the column's noun before the caption's unit, except
            // that a column of money ("Value of awards") is in the caption's currency.
            let measured = |h: Option<&Header>| h.filter(|h| h.measured).and_then(|h| h.unit.clone());
            let currency = context
                .unit
                .clone()
                .filter(|u| lexicon::currency_symbol(u).is_some() && column.is_some_and(names_money));
            let unit = measured(column)
                .or_else(|| measured(Some(&row_header)))
                .or_else(|| stub.clone())
                .or(currency)
                .or_else(|| column.and_then(|h| h.unit.clone()))
                .or_else(|| context.unit.clone())
                .or_else(|| row_header.unit.clone())
                .or_else(|| context.counted.clone())
                .or_else(|| column.and_then(named_count))
                .unwrap_or_default();
            // "in millions, except per-share amounts": a row or column "per share" is as written.
            let per_item = context.except_per.as_deref().is_some_and(|item| {
                [Some(&row_header), column].into_iter().flatten().any(|h| {
                    let words = h.words.to_lowercase();
                    words.contains(&format!("per {item}")) || words.contains(&format!("per-{item}"))
                })
            });
            let scale = column
                .and_then(|h| h.scale)
                .or(row_header.scale)
                .or_else(|| caption_scale(&context, &columns, column))
                .filter(|_| !per_item);
            let fallback = Description {
                measure: cell_measure(column, &row_header, c),
                unit,
            };
            let (month, day) = column
                .and_then(|h| Some((h.month?, h.day)))
                .or_else(|| Some((row_header.month?, row_header.day)))
                .unzip();
            let day = day.flatten();
            // "25 February" under a table of 2025: that day of 2025.
            let month_period = |m: (u32, u32), context: Option<&str>| {
                let months = month_period(m, context);
                match day {
                    Some(day) => format!("{months}-{day:02}"),
                    None => months,
                }
            };
            // A change beside columns of years is of the latest ("2023 | 2024 | Change (%)").
            let column_period = column.and_then(|h| h.period.clone()).or_else(|| {
                latest_year
                    .clone()
                    .filter(|_| column.is_some_and(|h| h.says(&CHANGE_WORDS)))
            });
            // A year over the column and months beside the row ("Spring (March to May)") are
            // those months of that year.
            let with_months = |p: Option<String>| match (p, month) {
                (Some(year), Some(m)) if year.len() == 4 => Some(month_period(m, Some(&year))),
                (p, _) => p,
            };
            let period = with_months(column_period)
                .or_else(|| with_months(row_header.period.clone()))
                .or_else(|| month.map(|m| month_period(m, context.period.as_deref())))
                .or_else(|| context.period.clone())
                .or_else(|| frame.scope.clone())
                // "2024/25" in a document whose year starts in August is that academic year.
                .map(|p| frame.in_financial_year(p));
            // "8:31" under "Average response (min:sec)": a length of time, not a time of day.
            let text = doc.text.get(cell.clone()).unwrap_or("");
            if let Some(seconds) = column.and_then(|h| h.clock).and_then(|f| clock_seconds(text, f)) {
                let start = cell.start + (text.len() - text.trim_start().len());
                let quantity = Some((seconds, "seconds".to_owned()));
                out.push(headed(
                    quantity,
                    &fallback,
                    period,
                    start..start + text.trim().len(),
                    index,
                ));
                continue;
            }
            let first = out.len();
            cell_figures(doc, block, cell, index, &fallback, period, out);
            if let Some(scale) = scale {
                for raw in &mut out[first..] {
                    if let Some((value, unit)) = &mut raw.quantity
                        && !matches!(unit.as_str(), "percent" | "percentage points")
                    {
                        *value *= scale;
                    }
                }
            }
        }
    }
}

/// How many columns from the left name the rows: the first, and each after it whose header
/// gives no period and whose cells hold no digit ("Mine | Measure | June quarter | ...").
fn label_columns(doc: &Document, head: &[Range<usize>], rows: &[Vec<Range<usize>>]) -> usize {
    let text = |cell: &Range<usize>| doc.text.get(cell.clone()).unwrap_or("");
    let wordy = |cell: &Range<usize>| !text(cell).bytes().any(|b| b.is_ascii_digit());
    let names = |c: usize| {
        head.get(c).is_some_and(wordy)
            && rows.iter().all(|row| {
                row.get(c)
                    .is_some_and(|cell| wordy(cell) && !text(cell).trim().is_empty())
            })
    };
    let mut n = 1;
    // At least one column of figures stays.
    while n + 1 < head.len() && names(n) {
        n += 1;
    }
    n
}

/// A column headed by one noun that names a count without a plural ("Enrolment", "Population",
/// "Turnout"): its cells are counts of it. Not a column of ranks, years, codes or versions.
fn named_count(header: &Header) -> Option<String> {
    let word = header.words.trim();
    let lower = word.to_lowercase();
    let counts = word.len() > 3
        && word.chars().all(char::is_alphabetic)
        && !matches!(
            lower.as_str(),
            "rank"
                | "year"
                | "number"
                | "code"
                | "index"
                | "position"
                | "place"
                | "version"
                | "release"
                | "score"
                | "rating"
                | "grade"
                | "level"
                | "ratio"
                | "rate"
                | "average"
                | "mean"
                | "median"
                | "change"
                | "growth"
                | "total"
                | "value"
                | "amount"
                | "size"
                | "length"
                | "weight"
                | "time"
                | "date"
        );
    // The few such nouns whose counted thing has a name of its own.
    let counted = match lower.as_str() {
        "enrolment" | "enrollment" | "enrolments" | "enrollments" => "students",
        "population" | "headcount" => "people",
        "membership" => "members",
        "turnout" => "voters",
        "workforce" => "workers",
        other => other,
    };
    counts.then(|| counted.to_owned())
}

/// Whether a header names an amount of money: "Value of awards", "Cost per pupil", "Income".
fn names_money(header: &Header) -> bool {
    header.says(&[
        "value",
        "cost",
        "costs",
        "spending",
        "spend",
        "income",
        "revenue",
        "budget",
        "price",
        "amount",
        "funding",
        "grant",
        "grants",
        "turnover",
        "expenditure",
    ])
}

/// The caption's scale for a column: the scale of the caption's part that names the column when
/// one does, none when another part names another column's ("recruitment in billions" is not
/// the catch's scale), else the caption's.
fn caption_scale(context: &Context, columns: &[Header], column: Option<&Header>) -> Option<f64> {
    let names = |part: &str, header: &Header| {
        header.words.split_whitespace().filter(|w| w.len() > 2).any(|w| {
            part.split(|c: char| !c.is_alphanumeric())
                .any(|p| p == w.to_lowercase())
        })
    };
    if let Some(column) = column
        && let Some((scale, _)) = context.scale_parts.iter().find(|(_, part)| names(part, column))
    {
        return Some(*scale);
    }
    // A scale the caption ties to another column is not this one's.
    if context
        .scale_parts
        .iter()
        .any(|(_, part)| columns.iter().skip(1).any(|h| names(part, h)))
    {
        return None;
    }
    context.scale
}

/// A measure that names the counted noun a header or the caption gave: "loans (June in
/// Central)".
fn named_measure(unit: &str, measure: String) -> String {
    let named = measure
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| lexicon::unit_key(w) == lexicon::unit_key(unit));
    if unit.is_empty() || lexicon::is_measurement_unit(unit) || named {
        measure
    } else if measure.is_empty() {
        unit.to_owned()
    } else {
        format!("{unit} ({measure})")
    }
}

fn cell_measure(column: Option<&Header>, row: &Header, c: usize) -> String {
    let column = column.map_or("", |h| h.words.as_str());
    match (column.is_empty(), row.words.is_empty() || c == 0) {
        (false, false) => format!("{column} in {}", row.words),
        (false, true) => column.to_owned(),
        (true, false) => row.words.clone(),
        (true, true) => String::new(),
    }
}

/// The figures of one cell: a lone number takes the headers' unit, measure and period; prose is
/// read as prose.
fn cell_figures(
    doc: &Document,
    block: &Block,
    cell: &Range<usize>,
    index: usize,
    fallback: &Description,
    period: Option<String>,
    out: &mut Vec<Raw>,
) {
    let prepared = text::Prepared::new(text::masked_range(doc, &block.spans, cell.clone()));
    let (tokens, view) = (&prepared.tokens, prepared.view());
    let sentence = Sentence::new(&view, 0..tokens.len());
    let (times, quantities) = items(&view, &sentence);
    let words = tokens.iter().filter(|t| t.kind == Kind::Word).count();
    let lone = quantities.len() == 1 && times.is_empty() && words <= 2;
    let first = out.len();
    let mut carry = Carry::default();
    sentence_figures(&view, &sentence, cell.start, index, &mut carry, Some(fallback), out);
    if lone {
        for raw in &mut out[first..] {
            if raw.period.is_none() {
                raw.period = period.clone();
            }
            raw.measure.clone_from(&fallback.measure);
            if let Some((_, unit)) = &mut raw.quantity
                && !lexicon::is_measurement_unit(unit)
                && !fallback.unit.is_empty()
            {
                unit.clone_from(&fallback.unit);
                raw.measure = named_measure(unit, fallback.measure.clone());
            }
            raw.context = headers_context(&fallback.measure);
            raw.tabled = true;
        }
    }
    // A cell that is only a day's date ("28 Feb 2025" under "Due") dates the row's event, which
    // alone in a cell would read as a dateline.
    let only_date = |t: &super::times::Time| {
        t.day && (0..tokens.len()).all(|j| t.span.contains(&j) || tokens[j].kind == Kind::Symbol)
    };
    if quantities.is_empty()
        && out.len() == first
        && let [time] = times.as_slice()
        && only_date(time)
        && let Some(day) = time.period.clone()
    {
        let range = view.bytes(&time.span);
        out.push(headed(
            None,
            fallback,
            Some(day),
            cell.start + range.start..cell.start + range.end,
            index,
        ));
    }
}

/// A figure a cell states on its own, described by its headers alone: a clock under "(min:sec)",
/// a date under "Due".
fn headed(
    quantity: Option<(f64, String)>,
    headers: &Description,
    period: Option<String>,
    range: Range<usize>,
    block: usize,
) -> Raw {
    Raw {
        quantity,
        measure: headers.measure.clone(),
        qualifier: crate::figure::Qualifier::Exact,
        period,
        range,
        block,
        context: headers_context(&headers.measure),
        anaphoric: false,
        tabled: true,
    }
}

/// A cell's context: the words of its headers, lower case and singular, each once.
fn headers_context(measure: &str) -> Vec<String> {
    let mut words: Vec<String> = measure
        .split_whitespace()
        .map(|w| crate::figure::singular(&w.to_lowercase()))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

#[cfg(test)]
#[path = "tables_tests.rs"]
mod tests;
