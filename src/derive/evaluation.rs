//! How derived statistics compare with curated ones: precision and recall over a one-to-one
//! matching, and, among the matched pairs, how often the qualifier, the period and the measure are
//! right.
//!
//! A derived statistic can match a curated one when they state the same number (or, for a date, the
//! same period) and one of its mentions overlaps the curated quote's place in the text. Each
//! curated statistic is matched to at most one derived statistic and the other way round, so one
//! derived figure that merges two facts is credited once, and two derived figures for one fact
//! count one as extra.
//!
//! Among matched pairs:
//! - **qualifier right**: the same [`Qualifier`](crate::figure::Qualifier);
//! - **period right**: the same period, written the same way (both none counts as right);
//! - **measure names the counted noun** (quantities only, not dates): the units are the same up to
//!   spelling, case and singular/plural ("km" is "kilometres", "deaths" is "death"), and, when the
//!   curated unit is a counted noun rather than a unit of measure, the derived measure contains
//!   that noun (singular or plural) as a word.

use super::Derived;
use super::lexicon::{is_measurement_unit, unit_key};
use crate::corpus::Brief;
use crate::figure::Figure;

/// Counts behind the evaluation figures; they add up across briefs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evaluation {
    pub derived: usize,
    pub curated: usize,
    /// Pairs in the one-to-one matching.
    pub matched: usize,
    pub qualifier_right: usize,
    pub period_right: usize,
    /// Matched pairs whose curated figure is a quantity (not a date): the measure's denominator.
    pub quantities: usize,
    pub measure_right: usize,
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 { 1.0 } else { part as f64 / whole as f64 }
}

impl Evaluation {
    pub fn precision(&self) -> f64 {
        share(self.matched, self.derived)
    }

    pub fn recall(&self) -> f64 {
        share(self.matched, self.curated)
    }

    pub fn qualifier(&self) -> f64 {
        share(self.qualifier_right, self.matched)
    }

    pub fn period(&self) -> f64 {
        share(self.period_right, self.matched)
    }

    pub fn measure(&self) -> f64 {
        share(self.measure_right, self.quantities)
    }

    pub fn add(&mut self, other: &Evaluation) {
        self.derived += other.derived;
        self.curated += other.curated;
        self.matched += other.matched;
        self.qualifier_right += other.qualifier_right;
        self.period_right += other.period_right;
        self.quantities += other.quantities;
        self.measure_right += other.measure_right;
    }
}

/// One brief's evaluation, with what it was computed from.
#[derive(Debug, Clone)]
pub struct BriefEvaluation {
    pub evaluation: Evaluation,
    /// The statistics derived as if the brief had no sidecar.
    pub derived: Vec<Derived>,
    /// (derived index, curated index into `brief.statistics`) for each matched pair.
    pub pairs: Vec<(usize, usize)>,
}

impl BriefEvaluation {
    /// Curated statistics (indexes into `brief.statistics`) that no derived one matched.
    pub fn missed<'a>(&'a self, brief: &'a Brief) -> impl Iterator<Item = usize> + 'a {
        (0..brief.statistics.len())
            .filter(|&c| brief.statistics[c].anchor.is_some() && !self.pairs.iter().any(|p| p.1 == c))
    }

    /// Derived statistics (indexes into `derived`) that match no curated one.
    pub fn extra(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.derived.len()).filter(|&d| !self.pairs.iter().any(|p| p.0 == d))
    }
}

/// Whether a derived statistic may match a curated one: the same number (or date) stated where the
/// curated quote is.
pub fn matches(derived: &Figure, curated: &Figure) -> bool {
    let same = if curated.is_date() {
        derived.is_date() && derived.period == curated.period
    } else {
        !derived.is_date()
            && (same_value(derived.value(), curated.value()) || same_value(seconds(derived), seconds(curated)))
    };
    let Some(anchor) = &curated.anchor else { return false };
    same && derived
        .mentions()
        .iter()
        .any(|m| m.start < anchor.end && m.end > anchor.start)
}

/// Whether derived value `a` is curated value `b`: equal, or equal at the decimals the annotator
/// wrote. "A third" is 33.33 derived; an annotator writes 33.3 or 33.33, and both are right.
fn same_value(a: Option<f64>, b: Option<f64>) -> bool {
    let (Some(a), Some(b)) = (a, b) else { return false };
    if (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0) {
        return true;
    }
    let written = b.to_string();
    let decimals = written.split_once('.').map_or(0, |(_, d)| d.len());
    // Only decimals: a curated 1.3 million is 1,300,000, not the 1,310,000 of "1.31 million".
    (1..=3).contains(&decimals) && b.abs() < 1e6 && {
        let scale = 10f64.powi(i32::try_from(decimals).unwrap_or(3));
        (a * scale).round() == (b * scale).round()
    }
}

/// A duration in seconds, so that "half an hour" matches a curated 30 minutes and "2:07:48"
/// a curated 7,668 seconds: the same length of time, whichever unit each side wrote it in.
fn seconds(figure: &Figure) -> Option<f64> {
    let per = match unit_key(figure.unit()).as_str() {
        "seconds" => 1.0,
        "minutes" => 60.0,
        "hours" => 3600.0,
        "days" => 86_400.0,
        "weeks" => 604_800.0,
        _ => return None,
    };
    figure.value().map(|v| v * per)
}

/// Whether the derived measure names what the curated figure counts (see the module's notes).
pub fn measure_right(derived: &Figure, curated: &Figure) -> bool {
    let unit = unit_key(curated.unit());
    if unit_key(derived.unit()) != unit {
        // Two units of time for the same length of time name the same thing.
        return seconds(derived).is_some() && seconds(curated).is_some();
    }
    if is_measurement_unit(curated.unit()) || is_measurement_unit(&unit) {
        return true;
    }
    let plural = curated.unit().to_lowercase();
    derived
        .measure
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .any(|w| w == unit || w == plural)
}

/// How many fields of a matched pair agree: used to prefer the better of two candidates.
fn agreement(derived: &Figure, curated: &Figure) -> usize {
    usize::from(derived.qualifier == curated.qualifier)
        + usize::from(derived.period == curated.period)
        + usize::from(measure_right(derived, curated))
}

/// A maximum one-to-one matching (augmenting paths); each curated figure tries its candidates in
/// order of agreement, so among equal matchings the better-agreeing pairs are kept.
fn one_to_one(derived: &[Figure], curated: &[&Figure]) -> Vec<Option<usize>> {
    let candidates: Vec<Vec<usize>> = curated
        .iter()
        .map(|c| {
            let mut list: Vec<usize> = (0..derived.len()).filter(|&d| matches(&derived[d], c)).collect();
            list.sort_by_key(|&d| std::cmp::Reverse(agreement(&derived[d], c)));
            list
        })
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; derived.len()];
    for c in 0..curated.len() {
        let mut seen = vec![false; derived.len()];
        augment(c, &candidates, &mut owner, &mut seen);
    }
    owner
}

fn augment(c: usize, candidates: &[Vec<usize>], owner: &mut [Option<usize>], seen: &mut [bool]) -> bool {
    for &d in &candidates[c] {
        if seen[d] {
            continue;
        }
        seen[d] = true;
        if owner[d].is_none_or(|other| augment(other, candidates, owner, seen)) {
            owner[d] = Some(c);
            return true;
        }
    }
    false
}

/// Derives statistics for `brief` as if it had no sidecar and compares them with its curated ones.
pub fn evaluate_brief(brief: &Brief) -> BriefEvaluation {
    let derived = super::statistics(brief);
    let anchored: Vec<usize> = (0..brief.statistics.len())
        .filter(|&i| brief.statistics[i].anchor.is_some())
        .collect();
    let curated: Vec<&Figure> = anchored.iter().map(|&i| &brief.statistics[i]).collect();
    let owner = one_to_one(&derived, &curated);
    let pairs: Vec<(usize, usize)> = owner
        .iter()
        .enumerate()
        .filter_map(|(d, c)| Some((d, anchored[(*c)?])))
        .collect();
    let mut evaluation = Evaluation {
        derived: derived.len(),
        curated: curated.len(),
        matched: pairs.len(),
        ..Evaluation::default()
    };
    for &(d, c) in &pairs {
        let (d, c) = (&derived[d], &brief.statistics[c]);
        evaluation.qualifier_right += usize::from(d.qualifier == c.qualifier);
        evaluation.period_right += usize::from(d.period == c.period);
        if !c.is_date() {
            evaluation.quantities += 1;
            evaluation.measure_right += usize::from(measure_right(d, c));
        }
    }
    BriefEvaluation {
        evaluation,
        derived,
        pairs,
    }
}

/// Derives statistics for `brief` as if it had no sidecar and compares them with its curated ones.
pub fn evaluate(brief: &Brief) -> (Evaluation, Vec<Figure>) {
    let result = evaluate_brief(brief);
    (result.evaluation, result.derived)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figure::{Amount, Provenance, Qualifier};

    fn figure(value: f64, unit: &str, measure: &str, at: std::ops::Range<usize>, curated: bool) -> Figure {
        Figure {
            amount: Amount::Quantity {
                value,
                unit: unit.into(),
            },
            measure: measure.into(),
            qualifier: Qualifier::Exact,
            period: None,
            anchor: Some(at.clone()),
            provenance: if curated {
                Provenance::Curated {
                    id: "x".into(),
                    quote: String::new(),
                    note: None,
                    line: 1,
                }
            } else {
                Provenance::Derived { mentions: vec![at] }
            },
        }
    }

    #[test]
    fn one_derived_figure_is_credited_to_one_curated_figure_only() {
        // One derived figure whose mentions overlap two curated quotes of the same value.
        let mut merged = figure(45.0, "people", "people died", 10..12, false);
        merged.provenance = Provenance::Derived {
            mentions: vec![10..12, 50..52],
        };
        let a = figure(45.0, "people", "died", 5..20, true);
        let b = figure(45.0, "people", "injured", 45..60, true);
        let owner = one_to_one(&[merged], &[&a, &b]);
        assert_eq!(owner.iter().flatten().count(), 1);
    }

    #[test]
    fn the_measure_must_name_the_counted_noun() {
        let curated = figure(650.0, "attacks", "attacks in 2023", 0..5, true);
        assert!(measure_right(
            &figure(650.0, "attacks", "recorded attacks", 0..3, false),
            &curated
        ));
        assert!(measure_right(
            &figure(650.0, "Attacks", "an attack wave", 0..3, false),
            &curated
        ));
        assert!(!measure_right(
            &figure(650.0, "attacks", "count", 0..3, false),
            &curated
        ));
        assert!(!measure_right(
            &figure(650.0, "count", "attacks", 0..3, false),
            &curated
        ));
        let km = figure(82.0, "km", "length", 0..5, true);
        assert!(measure_right(&figure(82.0, "kilometres", "canal", 0..3, false), &km));
        assert!(!measure_right(&figure(82.0, "miles", "canal", 0..3, false), &km));
    }

    #[test]
    fn values_match_up_to_rounding_and_dates_by_period() {
        assert!(same_value(Some(4_100_000.0), Some(4.1 * 1e6)));
        assert!(!same_value(Some(4_100_000.0), Some(4_100_001.0)));
        // A fraction in words, written by the annotator to one or two decimals.
        assert!(same_value(Some(100.0 / 3.0), Some(33.3)));
        assert!(same_value(Some(100.0 / 3.0), Some(33.33)));
        assert!(!same_value(Some(33.3), Some(33.33)));
        assert!(!same_value(Some(100.0 / 3.0), Some(33.4)));
        assert!(!same_value(Some(1_310_000.0), Some(1_300_000.0)));
        assert!(!same_value(Some(24.0), Some(24.1)));
        let mut date = figure(0.0, "", "", 0..5, true);
        date.amount = Amount::Date;
        date.period = Some("1893-11-12".into());
        let mut derived = date.clone();
        derived.provenance = Provenance::Derived {
            mentions: std::iter::once(1..3).collect(),
        };
        assert!(matches(&derived, &date));
        derived.period = Some("1893".into());
        assert!(!matches(&derived, &date));
    }
}
