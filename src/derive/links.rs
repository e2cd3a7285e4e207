//! Links inferred between briefs from the key terms and figures they share.

use super::lexicon::FastMap as HashMap;
use super::{Derived, Term};

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

/// At most this many links per brief, the strongest first.
const MOST_LINKS: usize = 5;

/// A figure is keyed by its value's bits and its unit; dates are not used (every brief has years).
fn figure_key(d: &Derived) -> Option<(u64, &str)> {
    (!d.is_date()).then(|| (d.value().unwrap_or(0.0).to_bits(), d.unit()))
}

/// Briefs that mention each term and state each figure. Inverted indexes, so only briefs that
/// share something are compared: a corpus of thousands of briefs stays fast.
struct Index<'a> {
    by_term: HashMap<&'a str, Vec<usize>>,
    by_figure: HashMap<(u64, &'a str), Vec<usize>>,
}

impl<'a> Index<'a> {
    fn new(statistics: &'a [Vec<Derived>], terms: &'a [Vec<Term>]) -> Index<'a> {
        let mut by_term: HashMap<&str, Vec<usize>> = HashMap::default();
        for (i, list) in terms.iter().enumerate() {
            for t in list {
                by_term.entry(t.text.as_str()).or_default().push(i);
            }
        }
        let mut by_figure: HashMap<(u64, &str), Vec<usize>> = HashMap::default();
        for (i, list) in statistics.iter().enumerate() {
            for key in list.iter().filter_map(figure_key) {
                let entry = by_figure.entry(key).or_default();
                if entry.last() != Some(&i) {
                    entry.push(i);
                }
            }
        }
        Index { by_term, by_figure }
    }
}

/// Links for every brief: at least three shared key terms or one shared figure, at most
/// [`MOST_LINKS`] per brief.
pub fn infer(statistics: &[Vec<Derived>], terms: &[Vec<Term>]) -> Vec<Vec<InferredLink>> {
    let index = Index::new(statistics, terms);
    // A term or figure found in most briefs says nothing about which briefs are related (like a
    // stop word); above this many briefs it is not used for links.
    let common = (terms.len() / 10).max(5);
    (0..terms.len())
        .map(|i| links_of(i, statistics, terms, &index, common))
        .collect()
}

fn links_of(
    i: usize,
    statistics: &[Vec<Derived>],
    terms: &[Vec<Term>],
    index: &Index<'_>,
    common: usize,
) -> Vec<InferredLink> {
    // Per other brief: indexes of the shared terms and figures (strings only for the winners).
    let mut shared: HashMap<usize, Shared> = HashMap::default();
    for (t, term) in terms[i].iter().enumerate() {
        let briefs = index.by_term.get(term.text.as_str()).map_or(&[][..], Vec::as_slice);
        if briefs.len() <= common {
            for &j in briefs.iter().filter(|&&j| j != i) {
                shared.entry(j).or_default().0.push(t);
            }
        }
    }
    for (f, key) in statistics[i]
        .iter()
        .enumerate()
        .filter_map(|(f, d)| Some((f, figure_key(d)?)))
    {
        let briefs = index.by_figure.get(&key).map_or(&[][..], Vec::as_slice);
        if briefs.len() <= common {
            for &j in briefs.iter().filter(|&&j| j != i) {
                shared.entry(j).or_default().1.push(f);
            }
        }
    }
    let score = |(t, f): &Shared| f.len() * 3 + t.len();
    let mut ranked: Vec<(usize, Shared)> = shared
        .into_iter()
        .filter(|(_, (t, f))| t.len() >= 3 || !f.is_empty())
        .collect();
    ranked.sort_by(|a, b| score(&b.1).cmp(&score(&a.1)).then(a.0.cmp(&b.0)));
    ranked.truncate(MOST_LINKS);
    ranked
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
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::corpus::{self, Origin, SourceFile};

    fn corpus_of(texts: &[(&str, &str)]) -> corpus::Corpus {
        let files = texts
            .iter()
            .map(|(id, md)| {
                let file = SourceFile {
                    path: format!("briefs/{id}.md"),
                    bytes: md.as_bytes().to_vec(),
                };
                (file, None)
            })
            .collect();
        corpus::load_sources(files, Origin::Embedded, Vec::new())
    }

    #[test]
    fn briefs_that_share_three_terms_or_a_figure_are_linked() {
        let corpus = corpus_of(&[
            ("a", "The Mekong Commission met in Vientiane with Laos and Cambodia."),
            (
                "b",
                "In Vientiane, Laos and Cambodia asked the Mekong Commission for data.",
            ),
            ("c", "Kenya built 412 wells."),
            ("d", "Peru also built 412 wells."),
            ("e", "Nothing in common here with Laos."),
        ]);
        let derived = super::super::corpus(&corpus);
        let to = |i: usize| derived.links[i].iter().map(|l| l.to).collect::<Vec<_>>();
        assert_eq!(to(0), [1]);
        assert_eq!(to(1), [0]);
        assert!(
            derived.links[0][0]
                .shared_terms
                .contains(&"Mekong Commission".to_owned())
        );
        assert_eq!(to(2), [3]);
        assert_eq!(derived.links[2][0].shared_figures, [(412.0, "wells".to_owned())]);
        assert!(to(4).is_empty(), "one shared term is not enough");
    }
}
