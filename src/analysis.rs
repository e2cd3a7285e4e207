//! The corpus seen whole: every statistic side by side, a timeline of dated facts, conflicting
//! figures, and a map of how the briefs' claims link. Pure data; the reader draws it.

use std::collections::BTreeSet;

use crate::corpus::{Corpus, CrossRef, Relation};
use crate::derive::Derivations;
use crate::figure::Figure;

/// One statistic in the corpus-wide table: a brief's figure, curated or derived.
#[derive(Debug, Clone, PartialEq)]
pub struct StatRow {
    pub brief: usize,
    pub figure: Figure,
}

impl StatRow {
    /// The year a row is dated by (its period's first year).
    pub fn year(&self) -> Option<i32> {
        self.figure.year()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Brief,
    Period,
    Measure,
}

impl SortBy {
    pub fn next(self) -> SortBy {
        match self {
            SortBy::Brief => SortBy::Period,
            SortBy::Period => SortBy::Measure,
            SortBy::Measure => SortBy::Brief,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SortBy::Brief => "brief",
            SortBy::Period => "period",
            SortBy::Measure => "measure",
        }
    }
}

/// Every statistic: curated ones, and derived ones for briefs that have none curated.
pub fn statistics(corpus: &Corpus, derived: Option<&Derivations>, sort: SortBy) -> Vec<StatRow> {
    let mut rows = Vec::new();
    for (i, brief) in corpus.briefs.iter().enumerate() {
        // Curated statistics win; derived ones stand in for a brief that has none.
        let figures = if brief.statistics.is_empty() {
            derived.and_then(|d| d.statistics.get(i)).map_or(&[][..], Vec::as_slice)
        } else {
            &brief.statistics
        };
        rows.extend(figures.iter().map(|f| StatRow {
            brief: i,
            figure: f.clone(),
        }));
    }
    match sort {
        SortBy::Brief => {}
        SortBy::Period => rows.sort_by_key(|r| (r.year().is_none(), r.year(), r.figure.period.clone(), r.brief)),
        SortBy::Measure => rows.sort_by(|a, b| {
            a.figure
                .measure
                .to_lowercase()
                .cmp(&b.figure.measure.to_lowercase())
                .then(a.brief.cmp(&b.brief))
        }),
    }
    rows
}

/// Dated facts, oldest first: years and dates, and figures given for a year ("650 attacks in 2023").
pub fn timeline(rows: &[StatRow]) -> Vec<StatRow> {
    let mut dated: Vec<StatRow> = rows.iter().filter(|r| r.year().is_some()).cloned().collect();
    dated.sort_by_key(|r| (r.year(), r.figure.period.clone(), r.brief));
    dated
}

const STOP: &[&str] = &[
    "the", "a", "an", "of", "in", "on", "by", "to", "and", "for", "from", "at", "as", "its", "their", "s",
];

fn words(measure: &str) -> BTreeSet<String> {
    measure
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.len() > 1 && !STOP.contains(&w.as_str()))
        .collect()
}

/// How alike two measures are: shared words over all words (Jaccard).
pub fn measure_similarity(a: &str, b: &str) -> f64 {
    let (a, b) = (words(a), words(b));
    let union = a.union(&b).count();
    if union == 0 {
        0.0
    } else {
        a.intersection(&b).count() as f64 / union as f64
    }
}

/// Two briefs giving different values for the same measure and period.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub a: StatRow,
    pub b: StatRow,
    pub similarity: f64,
}

/// Figures that disagree: same unit, same period, measures at least half alike, different values.
/// Years and dates are left out (a date is a fact, not a measure that can disagree).
pub fn conflicts(rows: &[StatRow]) -> Vec<Conflict> {
    // Only rows with the same unit and period can conflict: compare within those groups rather
    // than every pair (thousands of derived statistics make all pairs slow, and this runs per frame).
    let mut groups: std::collections::HashMap<(&str, &str), Vec<usize>> = std::collections::HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        if let Some(period) = row.figure.period.as_deref()
            && !row.figure.is_date()
        {
            groups.entry((row.figure.unit(), period)).or_default().push(i);
        }
    }
    let mut pairs: Vec<(usize, usize, f64)> = Vec::new();
    for members in groups.values() {
        for (n, &i) in members.iter().enumerate() {
            for &j in &members[n + 1..] {
                let (a, b) = (&rows[i], &rows[j]);
                if a.brief == b.brief || a.figure.value() == b.figure.value() {
                    continue;
                }
                let similarity = measure_similarity(&a.figure.measure, &b.figure.measure);
                if similarity >= 0.5 {
                    pairs.push((i, j, similarity));
                }
            }
        }
    }
    pairs.sort_by_key(|&(i, j, _)| (i, j));
    pairs
        .into_iter()
        .map(|(i, j, similarity)| Conflict {
            a: rows[i].clone(),
            b: rows[j].clone(),
            similarity,
        })
        .collect()
}

/// Two figures of the same kind (the same unit) that carry two claims linked across briefs: the
/// corpus compares them, and the link's note says what differs (region, period, what is counted).
#[derive(Debug, Clone, PartialEq)]
pub struct LinkedFigures {
    pub link: CrossRef,
    pub a: StatRow,
    pub b: StatRow,
}

/// The statistics whose words lie in a claim's words.
fn figures_in_claim(corpus: &Corpus, brief: usize, claim: &str) -> Vec<StatRow> {
    let Some(b) = corpus.briefs.get(brief) else {
        return Vec::new();
    };
    let Some(anchor) = b.claim(claim).and_then(|c| c.anchor.clone()) else {
        return Vec::new();
    };
    b.statistics
        .iter()
        .filter(|f| !f.is_date())
        .filter(|f| {
            f.anchor
                .as_ref()
                .is_some_and(|r| r.start < anchor.end && r.end > anchor.start)
        })
        .map(|f| StatRow {
            brief,
            figure: f.clone(),
        })
        .collect()
}

/// Figures on both ends of a cross-reference that count the same kind of thing.
pub fn linked_figures(corpus: &Corpus) -> Vec<LinkedFigures> {
    let mut out = Vec::new();
    for link in corpus.briefs.iter().flat_map(|b| b.crossrefs.iter()) {
        let (Some(from), Some(to)) = (corpus.index_of(&link.from_brief), corpus.index_of(&link.to_brief)) else {
            continue;
        };
        let theirs = figures_in_claim(corpus, to, &link.to_claim);
        for a in figures_in_claim(corpus, from, &link.from_claim) {
            for b in theirs.iter().filter(|b| b.figure.unit() == a.figure.unit()) {
                out.push(LinkedFigures {
                    link: link.clone(),
                    a: a.clone(),
                    b: b.clone(),
                });
            }
        }
    }
    out
}

/// The `contradicts` links, each once.
pub fn contradictions(corpus: &Corpus) -> Vec<CrossRef> {
    corpus
        .briefs
        .iter()
        .flat_map(|b| b.crossrefs.iter())
        .filter(|l| l.relation == Relation::Contradicts)
        .cloned()
        .collect()
}

/// Counts of links between two briefs, by relation, in both directions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cell {
    pub supports: usize,
    pub contradicts: usize,
    pub extends: usize,
    pub other: usize,
}

impl Cell {
    pub fn total(&self) -> usize {
        self.supports + self.contradicts + self.extends + self.other
    }
}

/// A symmetric matrix of link counts between briefs (cell [i][j] counts links either way).
pub fn matrix(corpus: &Corpus) -> Vec<Vec<Cell>> {
    let n = corpus.briefs.len();
    let mut cells = vec![vec![Cell::default(); n]; n];
    for link in corpus.briefs.iter().flat_map(|b| b.crossrefs.iter()) {
        let (Some(a), Some(b)) = (corpus.index_of(&link.from_brief), corpus.index_of(&link.to_brief)) else {
            continue;
        };
        for (x, y) in [(a, b), (b, a)] {
            let cell = &mut cells[x][y];
            match link.relation {
                Relation::Supports => cell.supports += 1,
                Relation::Contradicts => cell.contradicts += 1,
                Relation::Extends => cell.extends += 1,
                Relation::Quantifies | Relation::Context => cell.other += 1,
            }
            if a == b {
                break;
            }
        }
    }
    cells
}

/// The links between briefs `a` and `b`, either way.
pub fn links_between(corpus: &Corpus, a: usize, b: usize) -> Vec<CrossRef> {
    let (Some(ida), Some(idb)) = (
        corpus.briefs.get(a).map(|x| x.id.as_str()),
        corpus.briefs.get(b).map(|x| x.id.as_str()),
    ) else {
        return Vec::new();
    };
    corpus
        .briefs
        .iter()
        .flat_map(|x| x.crossrefs.iter())
        .filter(|l| (l.from_brief == ida && l.to_brief == idb) || (l.from_brief == idb && l.to_brief == ida))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;

    #[test]
    fn a_corpus_seen_whole() {
        let c = corpus::load_path(std::path::Path::new("tests/fixtures/reader"));
        let rows = statistics(&c, None, SortBy::Brief);
        assert_eq!(rows.len(), 3);
        assert!(rows.iter().all(|r| !r.figure.is_derived()));
        let by_period = statistics(&c, None, SortBy::Period);
        let years: Vec<i32> = by_period.iter().filter_map(StatRow::year).collect();
        assert_eq!(years, [1960, 2023], "dated first, oldest first");
        let line = timeline(&rows);
        assert!(
            line.iter()
                .any(|r| r.figure.unit() == "floods" && r.year() == Some(2023)),
            "a figure for a year is a dated fact"
        );
        let m = matrix(&c);
        let total: usize = m.iter().flatten().map(Cell::total).sum();
        assert_eq!(total, 2 * 2, "every link counted in both directions");
        assert_eq!(contradictions(&c).len(), 1);
        let (a, b) = (c.index_of("river-basin").unwrap(), c.index_of("dam-dispute").unwrap());
        assert_eq!(links_between(&c, a, b).len(), m[a][b].total());
        assert_eq!((m[a][b].supports, m[a][b].contradicts), (1, 1));
        assert!(linked_figures(&c).is_empty(), "no linked claims carry figures here");
    }

    #[test]
    fn figures_behind_linked_claims_are_paired_by_unit() {
        let c = corpus::load_path(std::path::Path::new("tests/fixtures/valid"));
        let pairs = linked_figures(&c);
        // alpha's linked claim carries no statistic, so nothing pairs.
        assert!(pairs.is_empty(), "{pairs:?}");
        let bundled = corpus::load_embedded();
        for pair in linked_figures(&bundled) {
            assert_eq!(pair.a.figure.unit(), pair.b.figure.unit());
            assert_ne!(pair.a.brief, pair.b.brief);
        }
    }

    #[test]
    fn conflicting_figures_are_flagged_and_agreeing_ones_are_not() {
        let row = |brief, value: f64, measure: &str, period: &str| StatRow {
            brief,
            figure: Figure {
                amount: crate::figure::Amount::Quantity {
                    value,
                    unit: "attacks".into(),
                },
                measure: measure.into(),
                qualifier: crate::figure::Qualifier::Exact,
                period: Some(period.into()),
                anchor: None,
                provenance: crate::figure::Provenance::Derived { mentions: Vec::new() },
            },
        };
        let rows = vec![
            row(0, 650.0, "recorded terrorist attacks in Pakistan", "2023"),
            row(1, 700.0, "terrorist attacks recorded in Pakistan", "2023"),
            row(2, 650.0, "terrorist attacks in Pakistan", "2023"),
            row(3, 900.0, "terrorist attacks in Pakistan", "2024"),
            row(4, 10.0, "drone strikes", "2023"),
        ];
        let found = conflicts(&rows);
        let pairs: Vec<(usize, usize)> = found.iter().map(|c| (c.a.brief, c.b.brief)).collect();
        assert_eq!(pairs, [(0, 1), (1, 2)]);
    }
}
