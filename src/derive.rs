//! Statistics derived from a brief's text, for briefs without (or with too few) annotations:
//! numbers with their scale words, currency, percent and units, what they count, their qualifier,
//! and a year or date in the same sentence. Derived items are marked as such and never replace
//! curated ones.
//!
//! Repeated mentions of the same figure in a brief are one derived statistic with several
//! mentions, as in our annotations, where a figure repeated for the same fact is annotated once.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::corpus::Brief;
use crate::corpus::document::{Block, BlockKind};
use crate::figure::{Amount, Figure, Provenance, Qualifier};

/// A derived statistic is a [`Figure`] with `Provenance::Derived`: a figure and every place the
/// brief states it.
pub use crate::figure::Figure as Derived;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(word: &str) -> Option<u32> {
    let lower = word.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == lower)
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn word_value(word: &str) -> Option<f64> {
    const SMALL: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let lower = word.to_ascii_lowercase();
    if let Some(i) = SMALL.iter().position(|w| *w == lower) {
        return Some(i as f64);
    }
    if let Some(i) = TENS.iter().position(|w| *w == lower) {
        return Some(((i + 2) * 10) as f64);
    }
    match lower.as_str() {
        "a" | "an" => Some(1.0),
        "dozen" => Some(12.0),
        _ => None,
    }
}

fn scale(word: &str) -> Option<f64> {
    match word.to_ascii_lowercase().as_str() {
        "hundred" => Some(1e2),
        "thousand" => Some(1e3),
        "million" | "mn" => Some(1e6),
        "billion" | "bn" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// Units that a number may carry directly.
fn unit_of(word: &str) -> Option<&'static str> {
    Some(match word.to_ascii_lowercase().trim_end_matches(['.', ',', ';', ':']) {
        "year" | "years" | "year-long" => "years",
        "decade" | "decades" => "decades",
        "month" | "months" => "months",
        "week" | "weeks" => "weeks",
        "day" | "days" => "days",
        "mile" | "miles" => "miles",
        "km" | "kilometres" | "kilometers" => "km",
        "percent" | "per" | "%" => "percent",
        _ => return None,
    })
}

/// Words that end the noun phrase after a number.
fn stops_phrase(word: &str) -> bool {
    matches!(
        word.to_ascii_lowercase().as_str(),
        "in" | "on"
            | "at"
            | "of"
            | "for"
            | "from"
            | "to"
            | "until"
            | "since"
            | "by"
            | "and"
            | "or"
            | "but"
            | "which"
            | "that"
            | "who"
            | "have"
            | "has"
            | "had"
            | "was"
            | "were"
            | "is"
            | "are"
            | "been"
            | "be"
            | "over"
            | "during"
            | "when"
            | "with"
            | "as"
            | "last"
            | "this"
            | "these"
            | "those"
    )
}

/// Qualifier from the words just before a number.
fn qualifier(before: &str) -> &'static str {
    let lower = before.to_ascii_lowercase();
    let tail: Vec<&str> = lower.split_whitespace().rev().take(2).collect();
    let last = tail.first().copied().unwrap_or("");
    let two = tail.get(1).map(|w| format!("{w} {last}")).unwrap_or_default();
    match (two.as_str(), last) {
        ("more than", _) | (_, "over") | ("in excess", _) => "over",
        ("less than", _) | ("fewer than", _) | (_, "under") => "under",
        ("at least", _) => "at-least",
        ("up to", _) => "up-to",
        (_, "nearly") | (_, "almost") => "nearly",
        (_, "approximately") | (_, "about") | (_, "around") | (_, "roughly") | (_, "some") => "approximately",
        _ => "exact",
    }
}

static CITATION: LazyLock<Regex> = LazyLock::new(|| {
    // "(Gul, 2024)", "(Khan, et al., 2025b; Ali, 2022)", "Popalzay (2024)".
    Regex::new(r"\([^()]*\b(1[89]|20)\d\d[a-z]?\)|\((1[89]|20)\d\d[a-z]?\)").unwrap_or_else(|_| unreachable_regex())
});

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?P<dmy>\b(?P<d1>\d{1,2})(st|nd|rd|th)?\s+(?P<m1>january|february|march|april|may|june|july|august|september|october|november|december)\s+(?P<y1>(19|20)\d\d)\b)",
        r"|(?P<mdy>\b(?P<m2>january|february|march|april|may|june|july|august|september|october|november|december)\s+(?P<d2>\d{1,2}),?\s+(?P<y2>(19|20)\d\d)\b)",
        r"|(?P<my>\b(?P<m3>january|february|march|april|may|june|july|august|september|october|november|december)\s+(?P<y3>(19|20)\d\d)\b)",
        r"|(?P<md>\b(?P<m4>january|february|march|april|may|june|july|august|september|october|november|december)\s+(?P<d4>\d{1,2})\b)",
        r"|(?P<nineeleven>\b9/11\b)",
        r"|(?P<m5>\b(?-i:January|February|March|April|June|July|August|September|October|November|December)\b)",
        r"|(?P<money>\$\s?(?P<mv>\d[\d,]*(\.\d+)?)(\s+(?P<ms>hundred|thousand|million|billion|trillion|mn|bn))?)",
        r"|(?P<num>(?P<nv>\d{1,3}(,\d{3})+|\d+(\.\d+)?)(?P<pct>\s?%)?(-(?P<hy>year|month|day|week|mile)(-long)?)?(\s+(?P<ns>hundred|thousand|million|billion|trillion))?)",
        r"|(?P<word>\b(?P<wv>(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|dozen))(-(?P<why>year|month|day|week)(-long)?|\s+(?P<wscale>hundred|thousand|million|billion)|\s+(?P<wunit>decades?|years?|months?|weeks?|days?)|\s+(?P<wnoun>[a-z]+\s+)?(?P<wcount>[a-z]+s))\b)",
    ))
    .unwrap_or_else(|_| unreachable_regex())
});

/// The patterns above are constants that compile; a regex that matches nothing keeps this total.
fn unreachable_regex() -> Regex {
    Regex::new(r"[^\s\S]").unwrap_or_else(|_| std::process::abort()) // reason: a constant empty class always compiles
}

/// A raw figure before grouping.
struct Raw {
    value: f64,
    unit: String,
    measure: String,
    qualifier: &'static str,
    period: Option<String>,
    range: Range<usize>,
    /// A bare year: only kept when nothing else in its sentence uses it as a period.
    bare_year: bool,
}

/// What a phrase after a number counts: its plural noun ("recorded attacks", "lives lost"), else its
/// first word.
fn counted(phrase: &str) -> String {
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let plural = words
        .iter()
        .rev()
        .find(|w| w.len() > 3 && w.ends_with('s') && !w.ends_with("ss"));
    plural
        .or(words.first())
        .map_or_else(|| "count".to_owned(), |w| w.to_ascii_lowercase())
}

/// Sentence ranges within one block's text.
fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if matches!(c, '.' | '!' | '?') {
            let next = bytes.get(i + 1).copied();
            let after = bytes.get(i + 2).copied();
            let abbreviation = i >= 1
                && bytes.get(i - 1).is_some_and(u8::is_ascii_uppercase)
                && (i < 2 || !bytes[i - 2].is_ascii_alphabetic());
            if (next.is_none() || next == Some(b' '))
                && after.is_none_or(|a| a.is_ascii_uppercase() || a.is_ascii_digit())
                && !abbreviation
            {
                out.push(start..i + 1);
                start = (i + 2).min(text.len());
            }
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// The noun phrase after a number, up to four words, stopping at prepositions and punctuation.
fn phrase_after(text: &str) -> String {
    let mut words = Vec::new();
    for word in text.split_whitespace().take(5) {
        let clean = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        if clean.is_empty() || stops_phrase(clean) {
            break;
        }
        words.push(clean.to_owned());
        if word.ends_with([',', '.', ';', ':', ')']) || words.len() == 4 {
            break;
        }
    }
    words.join(" ")
}

fn parse_digits(s: &str) -> Option<f64> {
    s.replace(',', "").parse().ok()
}

fn year_in(text: &str) -> Option<String> {
    static YEAR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\b(19|20)\d\d\b").unwrap_or_else(|_| unreachable_regex()));
    YEAR.find(text).map(|m| m.as_str().to_owned())
}

fn figures_in(sentence: &str, base: usize) -> Vec<Raw> {
    // Citations are not statistics: blank them out (same length) before matching.
    let blanked = CITATION.replace_all(sentence, |c: &regex::Captures<'_>| " ".repeat(c[0].len()));
    let mut out = Vec::new();
    for c in NUMBER.captures_iter(&blanked) {
        let Some(whole) = c.get(0) else { continue };
        let range = base + whole.start()..base + whole.end();
        let before = blanked.get(..whole.start()).unwrap_or("");
        let after = blanked.get(whole.end()..).unwrap_or("");
        // Numbers glued to letters ("5G", "Rs100") or list enumerators "(1)" are not figures.
        if before.ends_with(|ch: char| ch.is_alphanumeric())
            || after.starts_with(|ch: char| ch.is_alphabetic()) && c.name("num").is_some()
        {
            continue;
        }
        if before.ends_with('(') && after.starts_with(')') {
            continue;
        }
        let q = qualifier(before);
        let date = |y: &str, m: Option<u32>, d: Option<&str>| -> (f64, Option<String>) {
            let year: f64 = y.parse().unwrap_or(0.0);
            let period = match (m, d.and_then(|d| d.parse::<u32>().ok())) {
                (Some(m), Some(d)) => format!("{y}-{m:02}-{d:02}"),
                (Some(m), None) => format!("{y}-{m:02}"),
                _ => y.to_owned(),
            };
            (year, Some(period))
        };
        // "30th August 2021", "September 19, 2025", "August 2021": one date, however written.
        let full_date = [("y1", "m1", Some("d1")), ("y2", "m2", Some("d2")), ("y3", "m3", None)]
            .into_iter()
            .find_map(|(y, m, d)| Some((c.name(y)?, c.name(m)?, d.and_then(|d| c.name(d)))));
        let raw = if let Some((y, m, d)) = full_date {
            let (value, period) = date(y.as_str(), month_number(m.as_str()), d.map(|d| d.as_str()));
            Raw {
                value,
                unit: "date".into(),
                measure: String::new(),
                qualifier: "exact",
                period,
                range,
                bare_year: false,
            }
        } else if let (Some(m), Some(d)) = (c.name("m4"), c.name("d4")) {
            // "March 8" with no year: a date whose year the text does not give.
            let day: u32 = d.as_str().parse().unwrap_or(0);
            let month = month_number(m.as_str()).unwrap_or(0);
            Raw {
                value: 0.0,
                unit: "date".into(),
                measure: String::new(),
                qualifier: "exact",
                period: Some(format!("--{month:02}-{day:02}")),
                range,
                bare_year: false,
            }
        } else if let Some(m) = c.name("m5") {
            // A month on its own is a dated fact only after "in", "since", "until", "by", "during".
            let last = before.split_whitespace().next_back().unwrap_or("").to_ascii_lowercase();
            if !matches!(last.as_str(), "in" | "since" | "until" | "by" | "during") {
                continue;
            }
            let month = month_number(m.as_str()).unwrap_or(0);
            Raw {
                value: 0.0,
                unit: "date".into(),
                measure: String::new(),
                qualifier: "exact",
                period: Some(format!("--{month:02}")),
                range,
                bare_year: false,
            }
        } else if c.name("nineeleven").is_some() {
            Raw {
                value: 2001.0,
                unit: "date".into(),
                measure: "9/11".into(),
                qualifier: "exact",
                period: Some("2001".into()),
                range,
                bare_year: false,
            }
        } else if let Some(mv) = c.name("mv") {
            let value =
                parse_digits(mv.as_str()).unwrap_or(0.0) * c.name("ms").and_then(|s| scale(s.as_str())).unwrap_or(1.0);
            Raw {
                value,
                unit: "USD".into(),
                measure: phrase_after(after),
                qualifier: q,
                period: year_in(after),
                range,
                bare_year: false,
            }
        } else if let Some(nv) = c.name("nv") {
            let mut value = parse_digits(nv.as_str()).unwrap_or(0.0);
            value *= c.name("ns").and_then(|s| scale(s.as_str())).unwrap_or(1.0);
            let is_year = nv.as_str().len() == 4
                && (1800.0..2100.0).contains(&value)
                && c.name("ns").is_none()
                && c.name("pct").is_none()
                && c.name("hy").is_none();
            if is_year {
                Raw {
                    value,
                    unit: "year".into(),
                    measure: String::new(),
                    qualifier: "exact",
                    period: Some(nv.as_str().to_owned()),
                    range,
                    bare_year: true,
                }
            } else {
                let next = after.split_whitespace().next().unwrap_or("");
                let (unit, measure) = if c.name("pct").is_some() {
                    ("percent".to_owned(), phrase_after(after))
                } else if let Some(hy) = c.name("hy") {
                    (format!("{}s", hy.as_str().to_ascii_lowercase()), phrase_after(after))
                } else if let Some(u) = unit_of(next) {
                    (
                        u.to_owned(),
                        phrase_after(after.trim_start().get(next.len()..).unwrap_or("")),
                    )
                } else {
                    let phrase = phrase_after(after);
                    (counted(&phrase), phrase)
                };
                Raw {
                    value,
                    unit,
                    measure,
                    qualifier: q,
                    period: year_in(after),
                    range,
                    bare_year: false,
                }
            }
        } else if let Some(wv) = c.name("wv") {
            let base_value = word_value(wv.as_str()).unwrap_or(0.0);
            if let Some(s) = c.name("wscale") {
                let value = base_value * scale(s.as_str()).unwrap_or(1.0);
                let phrase = phrase_after(after);
                let unit = counted(&phrase);
                Raw {
                    value,
                    unit,
                    measure: phrase,
                    qualifier: q,
                    period: year_in(after),
                    range,
                    bare_year: false,
                }
            } else if let Some(u) = c.name("why").or(c.name("wunit")) {
                // "a day", "a year": a rate ("$3 million a day") or an idiom ("a year ago"), not a
                // duration. "a decade" is kept.
                let singular = matches!(
                    u.as_str().to_ascii_lowercase().as_str(),
                    "day" | "week" | "month" | "year"
                );
                if base_value == 1.0 && singular && matches!(wv.as_str().to_ascii_lowercase().as_str(), "a" | "an") {
                    continue;
                }
                let unit = unit_of(u.as_str()).unwrap_or("years").to_owned();
                Raw {
                    value: base_value,
                    unit,
                    measure: phrase_after(after),
                    qualifier: q,
                    period: None,
                    range,
                    bare_year: false,
                }
            } else if let Some(noun) = c.name("wcount") {
                // "five significant challenges": a counted plural. "one"/"two"/"a" are too often not
                // figures ("the two countries") to count without a unit.
                if base_value < 3.0 {
                    continue;
                }
                let measure = format!("{}{}", c.name("wnoun").map_or("", |w| w.as_str()), noun.as_str());
                Raw {
                    value: base_value,
                    unit: noun.as_str().to_ascii_lowercase(),
                    measure,
                    qualifier: q,
                    period: year_in(after),
                    range,
                    bare_year: false,
                }
            } else {
                continue;
            }
        } else {
            continue;
        };
        out.push(raw);
    }
    // A range ("between 400 and 500 attacks", "400-500 attacks"): the first bound takes the
    // second's unit and measure, and the bounds say which is which.
    for i in 1..out.len() {
        let gap = sentence
            .get(out[i - 1].range.end - base..out[i].range.start - base)
            .unwrap_or("")
            .trim();
        let opener = sentence
            .get(..out[i - 1].range.start - base)
            .unwrap_or("")
            .split_whitespace()
            .next_back()
            .unwrap_or("")
            .to_ascii_lowercase();
        let joined =
            matches!(gap, "and" | "to" | "-" | "–" | "—") && (opener == "between" || opener == "from" || gap != "and");
        if joined && out[i - 1].unit != out[i].unit && !matches!(out[i].unit.as_str(), "year" | "date") {
            let (unit, measure) = (out[i].unit.clone(), out[i].measure.clone());
            out[i - 1].unit = unit;
            out[i - 1].measure = measure;
            out[i - 1].qualifier = "at-least";
            out[i].qualifier = "at-most";
        }
    }
    // A bare year that is the period of another figure in the sentence is not a figure itself.
    let periods: Vec<String> = out
        .iter()
        .filter(|r| !r.bare_year)
        .filter_map(|r| r.period.clone())
        .collect();
    out.retain(|r| {
        !(r.bare_year
            && r.period
                .as_ref()
                .is_some_and(|p| periods.iter().any(|q| q.starts_with(p.as_str()))))
    });
    // A date that bounds an earlier figure in the sentence ("... attacks until August 2025") is
    // that figure's period, not a figure of its own.
    let bounded: Vec<(usize, String)> = out
        .iter()
        .filter(|r| r.unit != "date" && r.unit != "year")
        .filter_map(|r| Some((r.range.start, r.period.clone()?)))
        .collect();
    out.retain(|r| {
        let Some(period) = r.period.as_deref().filter(|_| r.unit == "date" && r.measure.is_empty()) else {
            return true;
        };
        !bounded
            .iter()
            .any(|(start, p)| *start < r.range.start && period.starts_with(p.as_str()))
    });
    out
}

/// The blocks of a brief worth reading for figures or names: not headings, and nothing under a
/// heading named in `skip_sections` (the reference list).
fn body_blocks<'a>(doc: &'a crate::corpus::Document, skip_sections: &'a [&str]) -> impl Iterator<Item = &'a Block> {
    let mut skipping = false;
    doc.blocks.iter().filter(move |block| {
        if let BlockKind::Heading(_) = block.kind {
            skipping = skip_sections.contains(&doc.block_text(block).to_ascii_lowercase().as_str());
            return false;
        }
        !skipping
    })
}

/// Derives the statistics of a brief from its text.
pub fn statistics(brief: &Brief) -> Vec<Derived> {
    let doc = &brief.doc;
    let mut raws = Vec::new();
    for block in body_blocks(doc, &["references", "bibliography", "works cited", "notes"]) {
        if matches!(block.kind, BlockKind::Code | BlockKind::Table(_)) {
            continue;
        }
        let text = doc.block_text(block);
        // A dateline (a line that is only a date, as in a byline) is the brief's date, not a figure.
        let lines: Vec<&str> = text.split('\n').collect();
        // Citations are blanked first, over the whole block: "(Muzaffar, et. Al., 2019)" holds
        // a full stop that would otherwise split it across two sentences.
        let blanked = CITATION.replace_all(text, |c: &regex::Captures<'_>| " ".repeat(c[0].len()));
        for sentence in sentences(&blanked) {
            let part = blanked.get(sentence.clone()).unwrap_or("");
            let mut found = figures_in(part, block.range.start + sentence.start);
            found.retain(|r| {
                let local = r.range.start - block.range.start;
                let line = lines.iter().scan(0usize, |at, l| {
                    let start = *at;
                    *at += l.len() + 1;
                    Some((start, *l))
                });
                !line
                    .into_iter()
                    .any(|(start, l)| start <= local && local < start + l.len() && l.trim().len() <= r.range.len() + 2)
            });
            raws.extend(found);
        }
    }
    group(raws)
}

/// One derived statistic per figure: mentions of the same value and unit (or the same date) are
/// grouped.
fn group(raws: Vec<Raw>) -> Vec<Figure> {
    let mut out: Vec<Figure> = Vec::new();
    for raw in raws {
        let dated = matches!(raw.unit.as_str(), "year" | "date");
        let same = |f: &Figure| {
            if dated {
                f.is_date() && f.period == raw.period
            } else {
                f.value() == Some(raw.value) && f.unit() == raw.unit
            }
        };
        if let Some(existing) = out.iter_mut().find(|f| same(f)) {
            if let Provenance::Derived { mentions } = &mut existing.provenance {
                mentions.push(raw.range);
            }
            if existing.period.is_none() {
                existing.period = raw.period;
            }
            if existing.measure.is_empty() {
                existing.measure = raw.measure;
            }
            continue;
        }
        out.push(Figure {
            amount: if dated {
                Amount::Date
            } else {
                Amount::Quantity {
                    value: raw.value,
                    unit: raw.unit,
                }
            },
            measure: raw.measure,
            qualifier: Qualifier::parse(raw.qualifier).unwrap_or_default(),
            period: raw.period,
            anchor: Some(raw.range.clone()),
            provenance: Provenance::Derived {
                mentions: vec![raw.range],
            },
        });
    }
    out
}

/// How derived statistics compare with curated ones.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Evaluation {
    pub derived: usize,
    pub curated: usize,
    /// Derived statistics that match a curated one.
    pub correct: usize,
    /// Curated statistics that some derived one matches.
    pub found: usize,
}

impl Evaluation {
    pub fn precision(&self) -> f64 {
        if self.derived == 0 {
            1.0
        } else {
            self.correct as f64 / self.derived as f64
        }
    }

    pub fn recall(&self) -> f64 {
        if self.curated == 0 {
            1.0
        } else {
            self.found as f64 / self.curated as f64
        }
    }
}

/// A derived statistic matches a curated one when they state the same number (or date) and one of
/// its mentions overlaps the curated quote's place in the text.
pub fn matches(derived: &Figure, curated: &Figure) -> bool {
    let same = if curated.is_date() {
        derived.is_date() && derived.period == curated.period
    } else {
        derived.value() == curated.value()
    };
    let Some(anchor) = &curated.anchor else { return false };
    same && derived
        .mentions()
        .iter()
        .any(|m| m.start < anchor.end && m.end > anchor.start)
}

/// Derives statistics for `brief` as if it had no sidecar and compares with its curated ones.
pub fn evaluate(brief: &Brief) -> (Evaluation, Vec<Figure>) {
    let derived = statistics(brief);
    let curated: Vec<&Figure> = brief.statistics.iter().filter(|s| s.anchor.is_some()).collect();
    let correct = derived.iter().filter(|d| curated.iter().any(|c| matches(d, c))).count();
    let found = curated.iter().filter(|c| derived.iter().any(|d| matches(d, c))).count();
    (
        Evaluation {
            derived: derived.len(),
            curated: curated.len(),
            correct,
            found,
        },
        derived,
    )
}

#[cfg(test)]
#[path = "derive_tests.rs"]
mod tests;

/// A key term: an organisation, place or acronym, and where the brief mentions it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub mentions: Vec<Range<usize>>,
}

/// Capitalised words that are not names on their own.
const NOT_NAMES: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "In",
    "On",
    "At",
    "As",
    "A",
    "An",
    "And",
    "But",
    "Or",
    "If",
    "For",
    "However",
    "Moreover",
    "Furthermore",
    "Nevertheless",
    "Conversely",
    "Additionally",
    "Therefore",
    "Thus",
    "Although",
    "While",
    "When",
    "Since",
    "After",
    "Before",
    "Despite",
    "Both",
    "Each",
    "Other",
    "Such",
    "There",
    "Their",
    "They",
    "He",
    "She",
    "We",
    "Our",
    "His",
    "Her",
    "To",
    "Of",
    "By",
    "With",
    "From",
    "Due",
    "Instead",
    "Rather",
    "Overall",
    "Examining",
    "Keywords",
    "Introduction",
    "Conclusion",
    "Literature",
    "Review",
    "References",
    "ABSTRACT",
    "RESEARCH",
    "PAPER",
    "Corresponding",
    "Author",
    "Photo",
    "What's",
    "Why",
    "Beyond",
    "Looking",
    "Importantly",
    "Effective",
    "Building",
    "Tightening",
    "Recent",
    "Central",
    "Past",
    "Viewed",
    "Also",
    "Another",
    "Even",
    "Here",
    "Many",
    "Most",
    "One",
    "Some",
    "Other",
    "Previously",
    "Officially",
    "Elsayed",
    "Sadia",
    "Popalzay",
    "Khan",
    "Ullah",
    "Gul",
    "Mr",
    "Dr",
    "I",
    "II",
    "III",
    "IV",
    "V",
    "Yet",
    "So",
    "Nor",
    "Not",
    "No",
    "All",
    "Any",
    "Every",
    "What",
    "Which",
    "Who",
    "How",
    "Is",
    "Are",
    "Was",
    "Were",
    "Be",
    "Can",
    "Could",
    "Should",
    "Would",
    "Will",
    "May",
    "Might",
    "Must",
    "Not",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

static TERM: LazyLock<Regex> = LazyLock::new(|| {
    // Acronyms (TTP, CPEC, KP, U.S.) and runs of capitalised words joined by "of" or
    // "al", or hyphens (Ministry of Interior, Fitna al Khawarij, Tehreek-e-Taliban Pakistan).
    Regex::new(r"\b(?:[A-Z]\.){2,}|\b[A-Z]{2,6}s?\b|\b[A-Z][a-z]+(?:-(?:[a-z]+|[A-Z][a-zA-Z]+))*(?:\s+(?:(?:of|al)\s+)?[A-Z][a-z]+(?:-(?:[a-z]+|[A-Z][a-zA-Z]+))*)*")
        .unwrap_or_else(|_| unreachable_regex())
});

/// Key terms of a brief, most mentioned first (at most 20; in a long brief each mentioned at least twice).
pub fn key_terms(brief: &Brief) -> Vec<Term> {
    let doc = &brief.doc;
    let mut terms: Vec<Term> = Vec::new();
    let mut named_mid_sentence = std::collections::HashSet::new();
    for block in body_blocks(doc, &["references", "bibliography", "works cited"]) {
        if matches!(block.kind, BlockKind::Code) {
            continue;
        }
        let text = doc.block_text(block);
        let blanked = CITATION.replace_all(text, |c: &regex::Captures<'_>| " ".repeat(c[0].len()));
        for m in TERM.find_iter(&blanked) {
            // Drop leading words that only start a sentence ("The Durand Line" → "Durand Line").
            let mut name = m.as_str();
            let mut start = m.start();
            while let Some((first, rest)) = name.split_once(' ') {
                if !NOT_NAMES.contains(&first) {
                    break;
                }
                start += first.len() + 1;
                name = rest.trim_start();
            }
            // A plural acronym ("NGOs") is the acronym.
            if let Some(singular) = name.strip_suffix('s')
                && singular.len() >= 2
                && singular.chars().all(|c| c.is_ascii_uppercase())
            {
                name = singular;
            }
            if name.len() < 2 || NOT_NAMES.contains(&name) {
                continue;
            }
            let range = block.range.start + start..block.range.start + start + name.len();
            // Is this mention mid-sentence? A one-word name only counts if it ever is: a common word
            // capitalised at the start of sentences ("Counterterrorism is...") is not a name.
            let before = blanked.get(..start).unwrap_or("").trim_end();
            let mid_sentence = !(before.is_empty() || before.ends_with(['.', '!', '?', ':', '"', '“']));
            match terms.iter_mut().find(|t| t.text == name) {
                Some(t) => t.mentions.push(range),
                None => terms.push(Term {
                    text: name.to_owned(),
                    mentions: vec![range],
                }),
            }
            if mid_sentence && !name.contains(' ') {
                named_mid_sentence.insert(name.to_owned());
            }
        }
    }
    // Short briefs mention each thing once or twice: there one mention is enough.
    let minimum = if doc.text.len() > 10_000 { 2 } else { 1 };
    terms.retain(|t| {
        t.mentions.len() >= minimum
            && (t.text.contains(' ')
                || t.text.chars().all(|c| !c.is_lowercase())
                || named_mid_sentence.contains(&t.text))
    });
    terms.sort_by(|a, b| b.mentions.len().cmp(&a.mentions.len()).then(a.text.cmp(&b.text)));
    terms.truncate(20);
    terms
}

/// A link inferred between two briefs from what they share.
#[derive(Debug, Clone, PartialEq)]
pub struct InferredLink {
    /// Index into the corpus.
    pub to: usize,
    /// Key terms both mention, most mentioned first.
    pub shared_terms: Vec<String>,
    /// Figures (value and unit) both state.
    pub shared_figures: Vec<(f64, String)>,
}

/// Indexes of the key terms and figures one brief shares with another.
type Shared = (Vec<usize>, Vec<usize>);

/// Everything derived for a corpus, brief by brief (same order as `corpus.briefs`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Derivations {
    pub statistics: Vec<Vec<Derived>>,
    pub terms: Vec<Vec<Term>>,
    pub links: Vec<Vec<InferredLink>>,
}

/// Derives statistics, key terms and inferred links for every brief. Links are inferred for every
/// brief from at least three shared key terms or one shared figure; the reader shows them only
/// for briefs without curated cross-references.
pub fn corpus(corpus: &crate::corpus::Corpus) -> Derivations {
    let statistics: Vec<Vec<Derived>> = corpus.briefs.iter().map(statistics).collect();
    let terms: Vec<Vec<Term>> = corpus.briefs.iter().map(key_terms).collect();
    // Inverted indexes (term -> briefs, figure -> briefs) so only briefs that share something are
    // compared: a corpus of thousands of briefs stays fast.
    let mut by_term: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
    for (i, list) in terms.iter().enumerate() {
        for t in list {
            by_term.entry(t.text.as_str()).or_default().push(i);
        }
    }
    let mut by_figure: std::collections::HashMap<(u64, &str), Vec<usize>> = std::collections::HashMap::new();
    for (i, list) in statistics.iter().enumerate() {
        for d in list.iter().filter(|d| !d.is_date()) {
            let value = d.value().unwrap_or(0.0);
            let entry = by_figure.entry((value.to_bits(), d.unit())).or_default();
            if entry.last() != Some(&i) {
                entry.push(i);
            }
        }
    }
    // A term or figure found in most briefs says nothing about which briefs are related (like a
    // stop word); above this many briefs it is not used for links.
    let common = (corpus.briefs.len() / 10).max(5);
    let mut links = Vec::with_capacity(corpus.briefs.len());
    for i in 0..corpus.briefs.len() {
        // Per other brief: indexes of the shared terms and figures (strings only for the winners).
        let mut shared: std::collections::HashMap<usize, Shared> = std::collections::HashMap::new();
        for (t, term) in terms[i].iter().enumerate() {
            let briefs = by_term.get(term.text.as_str()).map_or(&[][..], Vec::as_slice);
            if briefs.len() > common {
                continue;
            }
            for &j in briefs.iter().filter(|&&j| j != i) {
                shared.entry(j).or_default().0.push(t);
            }
        }
        for (f, d) in statistics[i].iter().enumerate().filter(|(_, d)| !d.is_date()) {
            let briefs = by_figure
                .get(&(d.value().unwrap_or(0.0).to_bits(), d.unit()))
                .map_or(&[][..], Vec::as_slice);
            if briefs.len() > common {
                continue;
            }
            for &j in briefs.iter().filter(|&&j| j != i) {
                shared.entry(j).or_default().1.push(f);
            }
        }
        let score = |(t, f): &Shared| f.len() * 3 + t.len();
        let mut ranked: Vec<(usize, Shared)> = shared
            .into_iter()
            .filter(|(_, (t, f))| t.len() >= 3 || !f.is_empty())
            .collect();
        ranked.sort_by(|a, b| score(&b.1).cmp(&score(&a.1)).then(a.0.cmp(&b.0)));
        ranked.truncate(5);
        let mine = ranked
            .into_iter()
            .map(|(to, (t, f))| InferredLink {
                to,
                shared_terms: t
                    .into_iter()
                    .filter_map(|x| terms[i].get(x).map(|term| term.text.clone()))
                    .collect(),
                shared_figures: f
                    .into_iter()
                    .filter_map(|x| {
                        statistics[i]
                            .get(x)
                            .map(|d| (d.value().unwrap_or(0.0), d.unit().to_owned()))
                    })
                    .collect(),
            })
            .collect();
        links.push(mine);
    }
    Derivations {
        statistics,
        terms,
        links,
    }
}
