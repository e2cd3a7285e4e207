//! One derived statistic per fact. Mentions of the same figure are grouped when they state the
//! same fact: the same number and unit (or the same date), periods that agree, and a clause that
//! says something of the same thing (a content word in common). A count restated in another
//! paragraph is taken for the same fact, and so is one written as already given ("those 312
//! attacks"); the same number stating something else in one paragraph ("nine cities have begun
//! plans, and nine more are drafting them") is not.

use std::collections::HashMap;

use super::figures::Raw;
use super::lexicon::{is_measurement_unit, unit_key};
use crate::figure::{Amount, Figure, Provenance};

/// A statistic being built: the figure, and what its mentions say, for comparing the next one.
struct Group {
    figure: Figure,
    context: Vec<String>,
    blocks: Vec<usize>,
    /// Whether a mention is a number alone in a table cell.
    tabled: bool,
}

/// What must agree for two mentions to be one fact: the value's bits and the unit, or the date.
fn key(raw: &Raw) -> (u64, String) {
    match &raw.quantity {
        Some((value, unit)) => (value.to_bits(), unit_key(unit)),
        None => (0, format!("date {}", raw.period.as_deref().unwrap_or(""))),
    }
}

fn compatible(a: &Option<String>, b: &Option<String>) -> bool {
    a.is_none() || b.is_none() || a == b
}

fn overlaps(a: &[String], b: &[String]) -> bool {
    // Both are sorted.
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    false
}

fn same_fact(group: &Group, raw: &Raw) -> bool {
    if !compatible(&group.figure.period, &raw.period) {
        return false;
    }
    let elsewhere = !group.blocks.contains(&raw.block);
    let counted_or_dated = raw.quantity.as_ref().is_none_or(|(_, unit)| !is_measurement_unit(unit));
    // A table beside the text restates its figures: the same measurement in periods that agree,
    // once in a sentence and once alone in a cell, is one fact.
    let restated_in_table =
        elsewhere && group.tabled != raw.tabled && raw.quantity.as_ref().is_some_and(|(_, unit)| unit != "percent");
    raw.anaphoric || (elsewhere && counted_or_dated) || restated_in_table || overlaps(&group.context, &raw.context)
}

/// The latest statistic with the same value that an anaphoric mention restates.
fn restates(groups: &[Group], raw: &Raw) -> Option<usize> {
    let (value, _) = raw.quantity.as_ref()?;
    groups.iter().rposition(|g| {
        g.figure.value() == Some(*value) && !g.figure.is_date() && compatible(&g.figure.period, &raw.period)
    })
}

/// Groups mentions into statistics, in the order of their first mention.
pub fn group(raws: Vec<Raw>) -> Vec<Figure> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: HashMap<(u64, String), Vec<usize>> = HashMap::new();
    for raw in raws {
        // "Of the 412 people infected": a figure written as already given, under another noun.
        let restated = raw.anaphoric.then(|| restates(&groups, &raw)).flatten();
        let candidates = by_key.entry(key(&raw)).or_default();
        if let Some(g) = candidates
            .iter()
            .copied()
            .find(|&g| same_fact(&groups[g], &raw))
            .or(restated)
        {
            merge(&mut groups[g], raw);
            continue;
        }
        candidates.push(groups.len());
        groups.push(Group {
            figure: Figure {
                amount: match &raw.quantity {
                    Some((value, unit)) => Amount::Quantity {
                        value: *value,
                        unit: unit.clone(),
                    },
                    None => Amount::Date,
                },
                measure: raw.measure,
                qualifier: raw.qualifier,
                period: raw.period,
                anchor: Some(raw.range.clone()),
                provenance: Provenance::Derived {
                    mentions: vec![raw.range],
                },
            },
            context: raw.context,
            blocks: vec![raw.block],
            tabled: raw.tabled,
        });
    }
    groups.into_iter().map(|g| g.figure).collect()
}

fn merge(group: &mut Group, raw: Raw) {
    if let Provenance::Derived { mentions } = &mut group.figure.provenance {
        mentions.push(raw.range);
    }
    if group.figure.period.is_none() {
        group.figure.period = raw.period;
    }
    if group.figure.measure.is_empty() {
        group.figure.measure = raw.measure;
    }
    group.context.extend(raw.context);
    group.context.sort_unstable();
    group.context.dedup();
    if !group.blocks.contains(&raw.block) {
        group.blocks.push(raw.block);
    }
    group.tabled |= raw.tabled;
}
