//! The text around a table: the caption, the paragraph just before it, that says what all its
//! cells are in ("in euros", "(€ million)", "('000 TEU)"), what they count ("Loans at the three
//! largest branches were:") and when ("Loans by branch, 2024"). Headers say it per column or row
//! (`tables`); a caption says it for the whole table.

use std::sync::LazyLock;

use regex::Regex;

use super::figures::items;
use super::lexicon::{self, unit_word};
use super::text::{self, Kind, Sentence};
use crate::corpus::document::{Block, BlockKind, Document};

/// A scale that headers and captions give their figures: "in thousands", "(millions)", "('000)",
/// "(000s)", "(thousand TEU)", "(million tonnes)". Only after "in" or inside brackets:
/// "thousands of visitors" is prose, not a scale.
static SCALE: LazyLock<Regex> = LazyLock::new(|| {
    super::markup::regex(concat!(
        r"(?i)(?:\bin\s+|\(\s*(?:in\s+)?(?:(?:US\$|[€$£¥]|(?-i:[A-Z]{3}))\s*)?)",
        r"(thousands?|millions?|billions?|'?000s?)\b(?:\s*'?s?\))?",
        r"|\(\s*(?:US\$|[€$£¥]|(?-i:[A-Z]{3}))\s*(m|bn|k)\s*\)",
        // "current prices, € million": a currency and its scale say it anywhere in a caption.
        r"|(?:US\$|[€$£¥])\s*(thousands?|millions?|billions?)\b"
    ))
});

/// The scale a header or caption names, if any.
pub(super) fn scale(text: &str) -> Option<f64> {
    let found = SCALE.captures(text)?;
    // "(€m)", "(£bn)", "(USD k)": a currency's short scale.
    if let Some(short) = found.get(2) {
        return lexicon::short_scale(short.as_str());
    }
    let word = found.get(1).or_else(|| found.get(3))?.as_str().to_ascii_lowercase();
    // "in 000s" is not written; a bare "000" scale is only read inside brackets.
    if word.trim_start_matches('\'').starts_with("000") && !found.get(0)?.as_str().starts_with('(') {
        return None;
    }
    Some(match word.trim_end_matches('s') {
        "million" => 1e6,
        "billion" => 1e9,
        _ => 1e3,
    })
}

pub(super) fn is_scale_word(lower: &str) -> bool {
    matches!(
        lower,
        "thousands" | "millions" | "billions" | "000s" | "thousand" | "million" | "billion"
    )
}

/// What the text around a table says of all its cells: a unit ("in euros", "Loans at ..."),
/// and a period ("Loans by branch, 2024").
#[derive(Default)]
pub(super) struct Context {
    pub(super) unit: Option<String>,
    /// A counted noun the caption names, used only when no header names a unit.
    pub(super) counted: Option<String>,
    pub(super) period: Option<String>,
    /// "Passenger journeys by month, in thousands" -> 1,000.
    pub(super) scale: Option<f64>,
    /// The caption's parts that name a scale, in lower case, for a caption that gives each column
    /// its own: "SSB and catch in tonnes; recruitment in billions".
    pub(super) scale_parts: Vec<(f64, String)>,
    /// "in millions, except per-share amounts": rows or columns "per share" are not scaled.
    pub(super) except_per: Option<String>,
}

/// The table's context from the paragraph just before it (its caption), and for the period from
/// the one before that when the caption gives none; never across a heading.
pub(super) fn context(doc: &Document, index: usize) -> Context {
    let paragraph = |i: usize| {
        doc.blocks
            .get(i)
            .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Plain))
    };
    let mut context = Context::default();
    let Some(caption) = index.checked_sub(1).and_then(paragraph) else {
        return context;
    };
    let text = doc.block_text(caption);
    context.unit = caption_unit(text);
    context.scale = scale(text);
    // Only a caption in parts can give its columns different scales.
    if text.contains(';') {
        context.scale_parts = text
            .split(';')
            .filter_map(|part| Some((scale(part)?, part.to_lowercase())))
            .collect();
    }
    context.counted = caption_noun(text);
    context.except_per = except_per(text);
    context.period = first_period(doc, caption).or_else(|| {
        index
            .checked_sub(2)
            .and_then(paragraph)
            .and_then(|b| first_period(doc, b))
    });
    context
}

/// The word after "except per" in a caption's scale ("in millions, except per-share amounts" ->
/// "share"), in lower case.
fn except_per(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let rest = &lower[lower.find("except per")? + "except per".len()..];
    let word: String = rest
        .trim_start_matches([' ', '-'])
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect();
    (!word.is_empty()).then_some(word)
}

/// The first calendar period a paragraph gives, not a point of comparison ("Loans by branch,
/// 2024" -> 2024; "ran from June to August 2024" -> 2024-06/2024-08).
fn first_period(doc: &Document, block: &Block) -> Option<String> {
    let prepared = text::Prepared::new(text::masked(doc, block));
    let view = prepared.view();
    prepared.sentences.iter().find_map(|range| {
        let sentence = Sentence::new(&view, range.clone());
        let (times, _) = items(&view, &sentence);
        times
            .into_iter()
            .find(|t| !t.reference && !t.relative && t.period.is_some())
            .and_then(|t| t.period)
    })
}

/// A counted noun that opens the last sentence of the paragraph before a table, before any verb:
/// "Loans at the three largest branches were:" -> loans. Not a duration ("months"), nor a word
/// for the table itself ("The remaining columns show").
fn caption_noun(text: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let tokens = text::tokenize(text);
    let sentences = text::sentences(text, &tokens);
    let last = sentences.last()?;
    let mut words = 0;
    for t in &tokens[last.clone()] {
        let Some(w) = lower.get(t.start..t.end).filter(|_| t.kind == Kind::Word) else {
            continue;
        };
        if lexicon::is_plural_subject(w) {
            let table_word = matches!(
                w,
                "columns" | "rows" | "cells" | "figures" | "numbers" | "values" | "tables"
            );
            let measured = unit_word(w).is_some_and(lexicon::is_measurement_unit);
            return (!table_word && !measured).then(|| w.to_owned());
        }
        words += 1;
        if words > 5 || text::is_verbish(w) || lexicon::is_verb_in_s(w) {
            return None;
        }
    }
    None
}

/// A unit the paragraph before a table gives its cells: "Spending per pupil, in euros", "(%)".
fn caption_unit(text: &str) -> Option<String> {
    let tokens = text::tokenize(text);
    let word = |i: usize| tokens.get(i).and_then(|t| text.get(t.start..t.end)).unwrap_or("");
    let measured = |w: &str| unit_word(w).filter(|u| lexicon::is_measurement_unit(u));
    (0..tokens.len()).find_map(|i| {
        // "current prices, € million": a currency before its scale.
        if let Some(currency) = lexicon::currency_symbol(word(i))
            && is_scale_word(&word(i + 1).to_ascii_lowercase())
        {
            return Some(currency.to_owned());
        }
        // "in euros", "(€)", "(MB/s)", "(€ million)"
        let opens = match word(i) {
            "in" => true,
            "(" => [2, 3, 4].iter().any(|k| word(i + k) == ")"),
            _ => false,
        };
        if !opens {
            return None;
        }
        // "in millions of U.S. dollars", "in thousands of euros": the unit after the scale.
        let i = if word(i) == "in" && is_scale_word(&word(i + 1).to_ascii_lowercase()) && word(i + 2) == "of" {
            i + 2
                + (i + 3..i + 7)
                    .take_while(|&k| matches!(word(k), "U" | "S" | "." | "US"))
                    .count()
        } else {
            i
        };
        // "('000 tonnes)", "(thousand TEU)": the unit after the scale (which `scale` reads).
        let i = if word(i) == "(" {
            i + (i + 1..i + 3)
                .take_while(|&k| {
                    matches!(word(k), "'" | "000" | "'000") || is_scale_word(&word(k).to_ascii_lowercase())
                })
                .count()
        } else {
            i
        };
        let next = word(i + 1);
        // "in MB/s", "(km/h)": a rate.
        let rate = (word(i + 2) == "/")
            .then(|| measured(next).zip(measured(word(i + 3))))
            .flatten()
            .map(|(a, b)| lexicon::rate(a, b));
        // "(per cent)": a unit of two words.
        let unit = rate.or_else(|| {
            measured(next)
                .or_else(|| lexicon::currency_symbol(next))
                .or_else(|| lexicon::unit_pair(next, word(i + 2)))
                .map(str::to_owned)
        });
        unit.filter(|u| lexicon::is_measurement_unit(u))
    })
}
