//! Figures in Markdown tables. A cell that holds a number is a figure whose period and measure
//! come from its column's header and its row's first cell: in a table of "Trips per weekday,
//! 2019" by city, "41,200" in the row "Aarhus" is 41,200 trips, in 2019, in Aarhus. Cells in
//! code style are not figures. A cell with more than a number is read as prose.

use std::ops::Range;

use super::figures::{Carry, Raw, items, sentence_figures};
use super::lexicon::{self, unit_word};
use super::measures::Description;
use super::text::{self, Kind, Sentence, View};
use crate::corpus::document::{Block, Document, Table};

/// What a header cell says of the cells under or beside it.
#[derive(Default)]
struct Header {
    /// A unit or counted noun: "(%)", "km", "Trips per weekday" -> trips.
    unit: Option<String>,
    period: Option<String>,
    /// The header's words without its period.
    words: String,
}

fn header(doc: &Document, block: &Block, cell: &Range<usize>) -> Header {
    let masked = text::masked_range(doc, &block.spans, cell.clone());
    let lower = masked.to_ascii_lowercase();
    let tokens = text::tokenize(&masked);
    let view = View {
        text: &masked,
        lower: &lower,
        tokens: &tokens,
    };
    let sentence = Sentence::new(&view, 0..tokens.len());
    let (times, _) = items(&view, &sentence);
    let in_time = |j: usize| times.iter().any(|t| t.span.contains(&j));
    let period = times.iter().find(|t| !t.reference).and_then(|t| t.period.clone());
    let unit = (0..tokens.len()).find_map(|j| {
        let w = view.word(j);
        if in_time(j) {
            return None;
        }
        unit_word(w)
            .filter(|u| lexicon::is_measurement_unit(u))
            .map(str::to_owned)
            .or_else(|| lexicon::currency_symbol(w).map(str::to_owned))
            .or_else(|| lexicon::is_plural_noun(view.low(j)).then(|| view.low(j).to_owned()))
    });
    let words: Vec<&str> = (0..tokens.len())
        .filter(|&j| !in_time(j) && view.kind(j) != Some(Kind::Symbol) && view.kind(j) != Some(Kind::Break))
        .map(|j| view.word(j))
        .collect();
    Header {
        unit,
        period,
        words: words.join(" "),
    }
}

/// Adds the figures of a table to `out`.
pub fn figures(doc: &Document, block: &Block, table: &Table, index: usize, out: &mut Vec<Raw>) {
    let Some((head, rows)) = table.rows.split_first() else {
        return;
    };
    let columns: Vec<Header> = head.iter().map(|c| header(doc, block, c)).collect();
    let caption = index
        .checked_sub(1)
        .and_then(|i| doc.blocks.get(i))
        .filter(|b| matches!(b.kind, crate::corpus::document::BlockKind::Paragraph))
        .and_then(|b| caption_unit(doc.block_text(b)));
    for row in rows {
        let row_header = row.first().map(|c| header(doc, block, c)).unwrap_or_default();
        for (c, cell) in row.iter().enumerate() {
            // A year heading the row is the period of the row's figures.
            if c == 0 && row_header.period.is_some() && row.len() > 1 {
                continue;
            }
            let column = columns.get(c);
            let fallback = Description {
                unit: column
                    .and_then(|h| h.unit.clone())
                    .or_else(|| caption.clone())
                    .or_else(|| row_header.unit.clone())
                    .unwrap_or_default(),
                measure: cell_measure(column, &row_header, c),
            };
            let period = column
                .and_then(|h| h.period.clone())
                .or_else(|| row_header.period.clone());
            cell_figures(doc, block, cell, index, &fallback, period, out);
        }
    }
}

/// A unit the paragraph before a table gives its cells: "Spending per pupil, in euros", "(%)".
fn caption_unit(text: &str) -> Option<String> {
    let tokens = text::tokenize(text);
    let word = |i: usize| tokens.get(i).and_then(|t| text.get(t.start..t.end)).unwrap_or("");
    (0..tokens.len()).find_map(|i| {
        let next = word(i + 1);
        let unit = match word(i) {
            "in" => unit_word(next).or_else(|| lexicon::currency_symbol(next)),
            "(" if word(i + 2) == ")" => unit_word(next).or_else(|| lexicon::currency_symbol(next)),
            _ => None,
        };
        unit.filter(|u| lexicon::is_measurement_unit(u)).map(str::to_owned)
    })
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
    let masked = text::masked_range(doc, &block.spans, cell.clone());
    let lower = masked.to_ascii_lowercase();
    let tokens = text::tokenize(&masked);
    let view = View {
        text: &masked,
        lower: &lower,
        tokens: &tokens,
    };
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
            if let Some((_, unit)) = &mut raw.quantity
                && !lexicon::is_measurement_unit(unit)
                && !fallback.unit.is_empty()
            {
                unit.clone_from(&fallback.unit);
            }
            raw.measure.clone_from(&fallback.measure);
            raw.context = fallback
                .measure
                .split_whitespace()
                .map(|w| crate::figure::singular(&w.to_lowercase()))
                .collect();
            raw.context.sort_unstable();
            raw.context.dedup();
        }
    }
}
