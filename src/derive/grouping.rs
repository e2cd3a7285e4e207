//! One derived statistic per fact: mentions of the same figure are grouped.

use super::figures::Raw;
use crate::figure::{Amount, Figure, Provenance, Qualifier};

/// One derived statistic per figure: mentions of the same value and unit (or the same date) are
/// grouped.
pub fn group(raws: Vec<Raw>) -> Vec<Figure> {
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
