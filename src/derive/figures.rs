//! Statistics derived from a brief's text (the first version, to be replaced).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Derived;
use crate::corpus::Brief;
use crate::corpus::document::BlockKind;

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

pub static CITATION: LazyLock<Regex> = LazyLock::new(|| {
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
pub fn unreachable_regex() -> Regex {
    Regex::new(r"[^\s\S]").unwrap_or_else(|_| std::process::abort()) // reason: a constant empty class always compiles
}

/// A raw figure before grouping.
pub struct Raw {
    pub value: f64,
    pub unit: String,
    pub measure: String,
    pub qualifier: &'static str,
    pub period: Option<String>,
    pub range: Range<usize>,
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

/// Derives the statistics of a brief from its text.
pub fn statistics(brief: &Brief) -> Vec<Derived> {
    let doc = &brief.doc;
    let mut raws = Vec::new();
    for block in super::body_blocks(doc) {
        if matches!(block.kind, BlockKind::Table(_)) {
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
    super::grouping::group(raws)
}
