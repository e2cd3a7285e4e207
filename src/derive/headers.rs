//! What a table's header cell says of the cells under or beside it: their unit, period, scale
//! and the words that name what they measure.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::captions::{is_scale_word, scale};
use super::figures::items;
use super::lexicon::{self, unit_word};
use super::text::{self, Kind, Sentence};
use super::times::Time;
use crate::corpus::document::{Block, Document};

/// What a header cell says of the cells under or beside it.
#[derive(Default)]
pub(super) struct Header {
    /// A unit or counted noun: "(%)", "km", "Trips per weekday" -> trips.
    pub(super) unit: Option<String>,
    pub(super) period: Option<String>,
    /// A month named without a year ("June", "Sept"), or the first and last of a span of
    /// months ("Oct–Dec", "Q4"), for the table's year to complete.
    pub(super) month: Option<(u32, u32)>,
    /// The day of that month, when the header is a day without a year ("25 February").
    pub(super) day: Option<u32>,
    /// The header's words without its period.
    pub(super) words: String,
    /// Whether `unit` is a unit of measure ("%", "minutes", "km"), not a counted noun.
    pub(super) measured: bool,
    /// Whether that unit of measure is in brackets: "Scenario (seconds)".
    pub(super) bracketed: bool,
    /// What the cells are counted in: "(thousands)" -> 1,000.
    pub(super) scale: Option<f64>,
    /// Cells written as clocks that are lengths of time ("(min:sec)", "(h:mm:ss)"): the seconds in
    /// the clock's first field.
    pub(super) clock: Option<f64>,
}

/// Words of a header whose cells are changes between periods ("Change (%)", "Growth on 2023"):
/// they are of the latest period the table shows, not of the year they compare with.
pub(super) const CHANGE_WORDS: [&str; 7] = ["change", "growth", "increase", "decrease", "difference", "rise", "fall"];

/// A header naming its cells' clock format: "Average response (min:sec)", "Time (h:mm:ss)".
static CLOCK_FORMAT: LazyLock<Regex> =
    LazyLock::new(|| super::markup::regex(r"(?i)\b(?:(h{1,2}:mm(?::ss)?)|(?:m{1,2}|mins?):(?:ss|secs?))\b"));

/// A cell that is only a clock: "8:31", "1:02:45".
static CLOCK_CELL: LazyLock<Regex> =
    LazyLock::new(|| super::markup::regex(r"^\s*(\d{1,3}):([0-5]\d)(?::([0-5]\d))?\s*$"));

/// A clock cell under a clock header, in seconds: "8:31" under "(min:sec)" is 511.
pub(super) fn clock_seconds(text: &str, first_field: f64) -> Option<f64> {
    let found = CLOCK_CELL.captures(text)?;
    let field = |i: usize| found.get(i).and_then(|m| m.as_str().parse::<f64>().ok());
    let (a, b) = (field(1)?, field(2)?);
    Some(match field(3) {
        // "1:02:45" is hours, minutes and seconds whatever the header's first field.
        Some(c) => a * 3600.0 + b * 60.0 + c,
        None => a * first_field + b * first_field / 60.0,
    })
}

impl Header {
    /// Whether one of the header's words is one of `words` (lower case): "Minimum version".
    /// Adds another cell naming the same row: its words after these, its unit of measure in
    /// place of a counted noun.
    pub(super) fn join(&mut self, other: Header) {
        // "Hollins Secondary | Secondary": a word the row's name already holds is not said twice.
        let said: Vec<String> = self.words.split_whitespace().map(str::to_lowercase).collect();
        let new: Vec<&str> = other
            .words
            .split_whitespace()
            .filter(|w| !said.contains(&w.to_lowercase()))
            .collect();
        if !new.is_empty() {
            // "Kestrel Ridge | Ore milled (t)": the cell with a unit names the measure, and the
            // row's name says where: "Ore milled in Kestrel Ridge".
            self.words = if other.measured && !self.words.is_empty() {
                format!("{} in {}", new.join(" "), self.words)
            } else {
                format!("{} {}", self.words, new.join(" ")).trim().to_owned()
            };
        }
        if other.measured || self.unit.is_none() {
            (self.unit, self.measured, self.bracketed) = (other.unit, other.measured, other.bracketed);
        }
        self.period = self.period.take().or(other.period);
        if self.month.is_none() {
            (self.month, self.day) = (other.month, other.day);
        }
        self.scale = self.scale.or(other.scale);
    }

    pub(super) fn says(&self, words: &[&str]) -> bool {
        self.words
            .split_whitespace()
            .any(|w| words.contains(&w.to_lowercase().as_str()))
    }
}

pub(super) fn header(doc: &Document, block: &Block, cell: &Range<usize>) -> Header {
    let masked = text::masked_header(doc, &block.spans, cell.clone());
    let scale = scale(&masked);
    let clock = CLOCK_FORMAT
        .captures(&masked)
        .map(|c| if c.get(1).is_some() { 3600.0 } else { 60.0 });
    let prepared = text::Prepared::new(masked);
    let (tokens, view) = (&prepared.tokens, prepared.view());
    let sentence = Sentence::new(&view, 0..tokens.len());
    let (times, _) = items(&view, &sentence);
    let in_time = |j: usize| times.iter().any(|t| t.span.contains(&j));
    let change = (0..tokens.len()).any(|j| CHANGE_WORDS.contains(&view.low(j)));
    // "Change on 2023 (%)", "Growth since 2019": the year is what the change is measured from.
    let base = |t: &&Time| {
        change
            && t.span.start.checked_sub(1).is_some_and(|j| {
                matches!(
                    view.low(j),
                    "on" | "from" | "since" | "vs" | "versus" | "against" | "over"
                )
            })
    };
    let period = times
        .iter()
        .find(|t| !t.reference && !base(t))
        .and_then(|t| t.period.clone());
    // A unit of measure anywhere in the header is what its cells are in: "Average delay of
    // late trains (minutes)" is in minutes, not a count of trains. Else the counted noun. A unit
    // after "per" is a rate's denominator: "Requests per day" counts requests.
    let per = |j: usize| j.checked_sub(1).is_some_and(|i| view.low(i) == "per");
    let unit_at = |j: usize| {
        let w = view.word(j);
        // "(percentage points)", "(per cent)".
        if let Some(pair) = lexicon::unit_pair(w, view.word(j + 1)) {
            return Some(pair.to_owned());
        }
        let unit = unit_word(w)
            .filter(|u| lexicon::is_measurement_unit(u))
            .or_else(|| lexicon::currency_symbol(w))?;
        // A rate: "(MB/s)", "(km/h)".
        let per_unit = (view.word(j + 1) == "/" && view.glued(j + 1) && view.glued(j + 2))
            .then(|| unit_word(view.word(j + 2)).filter(|u| lexicon::is_measurement_unit(u)))
            .flatten();
        Some(match per_unit {
            Some(second) => lexicon::rate(unit, second),
            None => unit.to_owned(),
        })
    };
    let units: Vec<(usize, String)> = (0..tokens.len())
        .filter(|&j| !in_time(j) && !per(j))
        .filter_map(|j| unit_at(j).map(|u| (j, u)))
        .collect();
    // The unit in brackets says what the cells are in: "Seen within four hours (%)" is a share.
    // A header of one letter ("W", "L" over a league table's columns) abbreviates a word.
    let bracketed = units
        .iter()
        .find(|(j, _)| j.checked_sub(1).is_some_and(|i| view.word(i) == "("));
    let lone_letter = tokens.len() == 1 && view.word(0).chars().count() == 1;
    let measured_unit = bracketed
        .or(units.first())
        .filter(|_| !lone_letter)
        .map(|(_, u)| u.clone());
    let measured = measured_unit.is_some();
    let bracketed = measured && bracketed.is_some();
    let unit = measured_unit.or_else(|| {
        (0..tokens.len())
            .filter(|&j| !in_time(j))
            .find(|&j| {
                // "Cedar Flats Secondary", "Hollins Bay": a capitalised word before another is
                // part of a name, not a counted noun.
                let in_name = view.capitalised(j) && view.kind(j + 1) == Some(Kind::Word) && view.capitalised(j + 1);
                lexicon::is_plural_noun(view.low(j)) && !in_name && scale.is_none_or(|_| !is_scale_word(view.low(j)))
            })
            .map(|j| view.low(j).to_owned())
    });
    // The words in brackets that hold the unit ("(t)", "(g/t Au)") say what the cells are in,
    // not what they measure.
    let in_unit_brackets = |j: usize| {
        let open = (0..=j).rev().find(|&i| matches!(view.word(i), "(" | ")"));
        let close = (j..tokens.len()).find(|&i| matches!(view.word(i), "(" | ")"));
        match (open, close) {
            (Some(o), Some(c)) if view.word(o) == "(" && view.word(c) == ")" => {
                units.iter().any(|(u, _)| (o..c).contains(u))
            }
            _ => false,
        }
    };
    let words: Vec<&str> = (0..tokens.len())
        .filter(|&j| {
            !in_time(j)
                && view.kind(j) != Some(Kind::Symbol)
                && view.kind(j) != Some(Kind::Break)
                && !in_unit_brackets(j)
        })
        .map(|j| view.word(j))
        .collect();
    let months: Vec<u32> = (0..tokens.len())
        .filter(|&j| view.kind(j) == Some(Kind::Word) && view.capitalised(j))
        .filter_map(|j| lexicon::month_number(view.word(j)))
        .collect();
    let dashed = (0..tokens.len()).any(|j| matches!(view.word(j), "–" | "—" | "-" | "to"));
    // "Q4", "Q1 2024": a quarter's months.
    let quarter = (0..tokens.len()).find_map(|j| {
        let w = view.word(j);
        let n = w.strip_prefix('Q').and_then(super::calendar::quarter)?;
        (w.len() == 2).then_some(n)
    });
    // A list of months that are not one span ("January, February and December") is no period.
    let month = match (period.is_none(), months.as_slice()) {
        (false, _) => None,
        (true, [first, last]) if (dashed || *last == first + 1) && first < last => Some((*first, *last)),
        (true, [only]) => Some((*only, *only)),
        (true, []) => quarter,
        (true, _) => None,
    };
    let day = times
        .iter()
        .filter(|t| t.day && t.period.is_none() && month.is_some_and(|(first, last)| first == last))
        .find_map(|t| t.yearless.as_deref()?.get(5..7)?.parse().ok());
    Header {
        unit,
        period,
        month,
        day,
        words: words.join(" "),
        measured,
        bracketed,
        scale,
        clock,
    }
}
