//! A figure: a number a brief states (a count, an amount of money, a duration, a share) or a dated
//! fact (the year or date of an event). One type, whether we annotated it (curated) or dossier
//! derived it from the text, so every view describes figures the same way.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

use crate::corpus::fields::{is_iso_date, is_yearless_date, period_year};

/// How exact the text says a figure is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Qualifier {
    #[default]
    Exact,
    Over,
    Under,
    Nearly,
    Approximately,
    AtLeast,
    AtMost,
    UpTo,
}

impl Qualifier {
    pub const ALL: [Qualifier; 8] = [
        Qualifier::Exact,
        Qualifier::Over,
        Qualifier::Under,
        Qualifier::Nearly,
        Qualifier::Approximately,
        Qualifier::AtLeast,
        Qualifier::AtMost,
        Qualifier::UpTo,
    ];

    /// The name in sidecars and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Over => "over",
            Qualifier::Under => "under",
            Qualifier::Nearly => "nearly",
            Qualifier::Approximately => "approximately",
            Qualifier::AtLeast => "at-least",
            Qualifier::AtMost => "at-most",
            Qualifier::UpTo => "up-to",
        }
    }

    /// Parses a sidecar's qualifier; `about` is a synonym of `approximately`.
    pub fn parse(s: &str) -> Option<Qualifier> {
        if s == "about" {
            return Some(Qualifier::Approximately);
        }
        Qualifier::ALL.into_iter().find(|q| q.name() == s)
    }

    /// The names a sidecar may use, for messages.
    pub fn known() -> String {
        let mut names: Vec<&str> = Qualifier::ALL.iter().map(|q| q.name()).collect();
        names.push("about");
        names.join(", ")
    }

    /// How the qualifier reads before a number: "nearly 500", "at least 400"; empty when exact.
    /// "nearly" (just under) and "approximately" (either side) stay distinct words.
    pub fn words(self) -> &'static str {
        match self {
            Qualifier::Exact => "",
            Qualifier::Over => "over",
            Qualifier::Under => "under",
            Qualifier::Nearly => "nearly",
            Qualifier::Approximately => "approx.",
            Qualifier::AtLeast => "at least",
            Qualifier::AtMost => "at most",
            Qualifier::UpTo => "up to",
        }
    }
}

/// What a figure is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Amount {
    /// A quantity of `unit`: 650 attacks, 7e9 USD, 20 years, 38 percent.
    Quantity { value: f64, unit: String },
    /// The year or date of an event; the figure's `period` holds it ("2021-08-30", "--03-08").
    Date,
}

/// Where a figure comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "provenance", rename_all = "lowercase")]
pub enum Provenance {
    /// Annotated by us in a sidecar.
    Curated {
        id: String,
        quote: String,
        note: Option<String>,
        /// Line of the `[[statistics]]` entry in the sidecar.
        #[serde(skip)]
        line: usize,
    },
    /// Derived from the text by dossier; `mentions` are every place the text states it.
    Derived {
        #[serde(skip)]
        mentions: Vec<Range<usize>>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    #[serde(flatten)]
    pub amount: Amount,
    /// What is counted or measured, in words.
    pub measure: String,
    pub qualifier: Qualifier,
    /// When it applies: an ISO date, a yearless date (`--03-08`), or a span (`A/B`, `../B`, `A/..`).
    pub period: Option<String>,
    /// Where its words are in the brief's text (for a curated figure, its quote).
    #[serde(skip)]
    pub anchor: Option<Range<usize>>,
    #[serde(flatten)]
    pub provenance: Provenance,
}

impl Figure {
    pub fn is_date(&self) -> bool {
        matches!(self.amount, Amount::Date)
    }

    pub fn is_derived(&self) -> bool {
        matches!(self.provenance, Provenance::Derived { .. })
    }

    /// The number: a quantity's value, or a date's year (none when the year is not given).
    pub fn value(&self) -> Option<f64> {
        match &self.amount {
            Amount::Quantity { value, .. } => Some(*value),
            Amount::Date => self.year().map(f64::from),
        }
    }

    /// The unit: a quantity's, or "date".
    pub fn unit(&self) -> &str {
        match &self.amount {
            Amount::Quantity { unit, .. } => unit,
            Amount::Date => "date",
        }
    }

    /// The year a figure is dated by: its period's (first) year.
    pub fn year(&self) -> Option<i32> {
        self.period.as_deref().and_then(period_year)
    }

    /// A curated figure's id.
    pub fn id(&self) -> Option<&str> {
        match &self.provenance {
            Provenance::Curated { id, .. } => Some(id),
            Provenance::Derived { .. } => None,
        }
    }

    /// A curated figure's quote.
    pub fn quote(&self) -> Option<&str> {
        match &self.provenance {
            Provenance::Curated { quote, .. } => Some(quote),
            Provenance::Derived { .. } => None,
        }
    }

    pub fn note(&self) -> Option<&str> {
        match &self.provenance {
            Provenance::Curated { note, .. } => note.as_deref(),
            Provenance::Derived { .. } => None,
        }
    }

    /// Every place the text states it: the curated quote's anchor, or the derived mentions.
    pub fn mentions(&self) -> &[Range<usize>] {
        match &self.provenance {
            Provenance::Derived { mentions } => mentions,
            Provenance::Curated { .. } => self.anchor.as_slice(),
        }
    }

    /// The amount as a reader says it, with its qualifier: "nearly 500 attacks", "approx. $7
    /// billion", "a decade", "30 August 2021", "8 March (year not given)".
    pub fn amount_text(&self) -> String {
        let amount = match &self.amount {
            Amount::Quantity { value, unit } => quantity_text(*value, unit),
            Amount::Date => self.period.as_deref().map(date_text).unwrap_or_default(),
        };
        match self.qualifier.words() {
            "" => amount,
            words => format!("{words} {amount}"),
        }
    }

    /// The period as a reader says it ("2023", "until August 2025"); none for a date, whose
    /// amount already is its period.
    pub fn period_text(&self) -> Option<String> {
        if self.is_date() {
            return None;
        }
        self.period.as_deref().map(date_text)
    }
}

/// "nearly 500 attacks: recorded terrorist attacks in KP (until August 2025)".
impl fmt::Display for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.amount_text())?;
        if !self.measure.is_empty() {
            write!(f, ": {}", self.measure)?;
        }
        if let Some(period) = self.period_text() {
            write!(f, " ({period})")?;
        }
        Ok(())
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(month: &str) -> Option<&'static str> {
    let n: usize = month.parse().ok()?;
    MONTHS.get(n.checked_sub(1)?).copied()
}

/// One date as words: "2021", "August 2021", "30 August 2021", "8 March (year not given)".
fn one_date(date: &str) -> String {
    if let Some(rest) = date.strip_prefix("--").filter(|_| is_yearless_date(date)) {
        let mut parts = rest.split('-');
        let month = parts.next().and_then(month_name).unwrap_or("");
        return match parts.next().and_then(|d| d.parse::<u32>().ok()) {
            Some(day) => format!("{day} {month} (year not given)"),
            None => format!("{month} (year not given)"),
        };
    }
    if !is_iso_date(date) {
        return date.to_owned();
    }
    let mut parts = date.split('-');
    let year = parts.next().unwrap_or("");
    match (
        parts.next().and_then(month_name),
        parts.next().and_then(|d| d.parse::<u32>().ok()),
    ) {
        (Some(month), Some(day)) => format!("{day} {month} {year}"),
        (Some(month), None) => format!("{month} {year}"),
        _ => year.to_owned(),
    }
}

/// A period as words: a date, "2001–2021", "until August 2025", "from 2021".
pub fn date_text(period: &str) -> String {
    match period.split_once('/') {
        Some(("..", end)) => format!("until {}", one_date(end)),
        Some((start, "..")) => format!("from {}", one_date(start)),
        Some((start, end)) => format!("{}–{}", one_date(start), one_date(end)),
        None => one_date(period),
    }
}

/// A number with thousands separators from 10,000 up ("1640", "80,000"), decimals kept.
pub fn number_text(value: f64) -> String {
    if value.fract() != 0.0 || value.abs() >= 1e15 {
        return format!("{value}");
    }
    let digits = format!("{}", value.abs() as i64);
    let mut out = String::new();
    if value < 0.0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 && value.abs() >= 10_000.0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Large amounts in words where they read better: 7e9 -> "7 billion", 1.5e6 -> "1.5 million".
fn scaled(value: f64) -> String {
    for (scale, word) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        let n = value / scale;
        if n.abs() >= 1.0 && (n * 100.0).fract() == 0.0 {
            return format!("{} {word}", number_text(n));
        }
    }
    number_text(value)
}

/// The singular of a unit word: "decades" -> "decade", "lives" -> "life", "countries" -> "country".
pub fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ives") {
        return format!("{stem}ife");
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for ending in ["sses", "ches", "shes", "xes"] {
        if let Some(stem) = word.strip_suffix(ending) {
            return format!("{stem}{}", &ending[..ending.len() - 2]);
        }
    }
    match word.strip_suffix('s') {
        Some(stem) if !stem.ends_with('s') && !stem.is_empty() => stem.to_owned(),
        _ => word.to_owned(),
    }
}

const DURATIONS: &[&str] = &["years", "decades", "months", "weeks", "days", "hours", "centuries"];

/// A quantity as words: "$7 billion", "38%", "a decade", "20 years", "80,000 lives".
fn quantity_text(value: f64, unit: &str) -> String {
    match unit {
        "USD" => format!("${}", scaled(value)),
        "percent" => format!("{}%", number_text(value)),
        _ if value == 1.0 && DURATIONS.contains(&unit) => {
            let one = singular(unit);
            let article = if one == "hour" { "an" } else { "a" };
            format!("{article} {one}")
        }
        _ if value == 1.0 => format!("1 {}", singular(unit)),
        _ if unit.is_empty() => scaled(value),
        _ => format!(
            "{} {unit}",
            if value >= 1e6 {
                scaled(value)
            } else {
                number_text(value)
            }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quantity(value: f64, unit: &str, qualifier: Qualifier) -> Figure {
        Figure {
            amount: Amount::Quantity {
                value,
                unit: unit.into(),
            },
            measure: String::new(),
            qualifier,
            period: None,
            anchor: None,
            provenance: Provenance::Derived { mentions: Vec::new() },
        }
    }

    fn date(period: &str) -> Figure {
        Figure {
            amount: Amount::Date,
            period: Some(period.into()),
            ..quantity(0.0, "", Qualifier::Exact)
        }
    }

    #[test]
    fn amounts_read_as_a_person_would_say_them() {
        assert_eq!(quantity(1.0, "decades", Qualifier::Exact).amount_text(), "a decade");
        assert_eq!(quantity(2.0, "decades", Qualifier::Exact).amount_text(), "2 decades");
        assert_eq!(
            quantity(7e9, "USD", Qualifier::Approximately).amount_text(),
            "approx. $7 billion"
        );
        assert_eq!(quantity(1.5e6, "USD", Qualifier::Exact).amount_text(), "$1.5 million");
        assert_eq!(
            quantity(500.0, "attacks", Qualifier::Nearly).amount_text(),
            "nearly 500 attacks"
        );
        assert_ne!(
            quantity(500.0, "attacks", Qualifier::Nearly).amount_text(),
            quantity(500.0, "attacks", Qualifier::Approximately).amount_text(),
            "nearly and approximately read differently"
        );
        assert_eq!(
            quantity(80_000.0, "lives", Qualifier::Over).amount_text(),
            "over 80,000 lives"
        );
        assert_eq!(quantity(1640.0, "miles", Qualifier::Exact).amount_text(), "1640 miles");
        assert_eq!(quantity(1.0, "lives", Qualifier::Exact).amount_text(), "1 life");
        assert_eq!(quantity(38.0, "percent", Qualifier::Exact).amount_text(), "38%");
    }

    #[test]
    fn dates_read_as_dates_and_yearless_ones_say_so() {
        assert_eq!(date("2021-08-30").amount_text(), "30 August 2021");
        assert_eq!(date("2023-03").amount_text(), "March 2023");
        assert_eq!(date("--03-08").amount_text(), "8 March (year not given)");
        assert_eq!(date("--03").amount_text(), "March (year not given)");
        assert_eq!(date("--03").year(), None);
        assert_eq!(date("2001").year(), Some(2001));
        assert_eq!(date_text("../2025-08"), "until August 2025");
        assert_eq!(date_text("2001/2021"), "2001–2021");
        let mut f = quantity(500.0, "attacks", Qualifier::Nearly);
        f.measure = "terrorist attacks recorded in KP".into();
        f.period = Some("../2025-08".into());
        assert_eq!(f.year(), Some(2025));
        assert_eq!(
            f.to_string(),
            "nearly 500 attacks: terrorist attacks recorded in KP (until August 2025)"
        );
    }

    #[test]
    fn qualifiers_parse_with_about_as_approximately() {
        assert_eq!(Qualifier::parse("about"), Some(Qualifier::Approximately));
        assert_eq!(Qualifier::parse("at-least"), Some(Qualifier::AtLeast));
        assert_eq!(Qualifier::parse("roughly"), None);
        for q in Qualifier::ALL {
            assert_eq!(Qualifier::parse(q.name()), Some(q));
        }
    }

    #[test]
    fn singulars() {
        for (plural, one) in [
            ("decades", "decade"),
            ("lives", "life"),
            ("countries", "country"),
            ("attacks", "attack"),
            ("miles", "mile"),
            ("churches", "church"),
            ("USD", "USD"),
            ("glass", "glass"),
        ] {
            assert_eq!(singular(plural), one);
        }
    }
}
