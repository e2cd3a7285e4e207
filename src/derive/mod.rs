//! What dossier derives from a brief's text, for briefs without (or with too few) annotations:
//! statistics (numbers with what they count, their qualifier and period), key terms (names and
//! acronyms), and links to the briefs that share terms or figures. Derived items are marked as
//! such and never replace curated ones.
//!
//! Nothing here knows a particular brief: every rule is about English text and Markdown, and is
//! judged on texts written for the test (`tests/eval/held-out`), not on the bundled briefs alone.

mod calendar;
mod captions;
mod days;
mod evaluation;
mod figures;
mod grouping;
mod headers;
mod lexicon;
pub use calendar::WEEKDAYS;
pub use lexicon::MONTHS;
mod links;
mod markup;
mod measures;
mod number_words;
mod numbers;
mod periods;
mod report;
mod scope;
mod subjects;
mod tables;
mod terms;
mod text;
mod time_roles;
mod times;
mod units;
mod versions;
mod words;

use crate::corpus::document::{Block, BlockKind, Document};

pub use evaluation::{BriefEvaluation, Evaluation, evaluate, evaluate_brief, matches};
pub use figures::statistics;
pub use links::InferredLink;
pub use report::{evaluation as evaluation_report, listing};
pub use terms::{Term, key_terms};

/// A derived statistic is a [`Figure`](crate::figure::Figure) with `Provenance::Derived`: a figure
/// and every place the brief states it.
pub use crate::figure::Figure as Derived;

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
    let (statistics, terms): (Vec<Vec<Derived>>, Vec<Vec<Term>>) = corpus.briefs.iter().map(read).unzip();
    let links = links::infer(&statistics, &terms);
    Derivations {
        statistics,
        terms,
        links,
    }
}

/// A brief's statistics and key terms, reading each block once for both.
pub fn brief(brief: &crate::corpus::Brief) -> (Vec<Derived>, Vec<Term>) {
    read(brief)
}

fn read(brief: &crate::corpus::Brief) -> (Vec<Derived>, Vec<Term>) {
    let doc = &brief.doc;
    let mut raws = Vec::new();
    let mut finder = terms::Finder::default();
    let mut across = figures::Across::of(brief);
    for (index, block) in body_blocks(doc) {
        let prepared = text::Prepared::new(text::masked(doc, block));
        if let BlockKind::Table(table) = &block.kind {
            tables::figures(doc, block, table, index, &across.frame, &mut raws);
        } else if figures::may_hold_figures(doc.block_text(block)) {
            let caption = captions_table(doc, index);
            figures::prose(&prepared, block.range.start, index, caption, &mut across, &mut raws);
        } else {
            across.period = None;
        }
        finder.read(doc, block, &prepared);
    }
    (grouping::group(raws), finder.terms(doc))
}

/// Whether block `index` is a paragraph right before a table: its caption.
fn captions_table(doc: &Document, index: usize) -> bool {
    matches!(
        doc.blocks.get(index).map(|b| &b.kind),
        Some(BlockKind::Paragraph | BlockKind::Plain)
    ) && matches!(doc.blocks.get(index + 1).map(|b| &b.kind), Some(BlockKind::Table(_)))
}

/// Section headings under which a brief lists its sources: nothing there is the brief's own.
const REFERENCE_SECTIONS: &[&str] = &["references", "bibliography", "works cited", "sources", "notes"];

/// The blocks of a brief worth reading for figures or names: not headings, not code, and nothing
/// under a reference-list heading.
fn body_blocks(doc: &Document) -> impl Iterator<Item = (usize, &Block)> {
    let mut skipping = false;
    doc.blocks
        .iter()
        .enumerate()
        .filter(move |(_, block)| match block.kind {
            BlockKind::Heading(_) => {
                let heading = doc.block_text(block).trim().to_ascii_lowercase();
                skipping = REFERENCE_SECTIONS.contains(&heading.as_str());
                false
            }
            BlockKind::Code | BlockKind::Rule => false,
            _ => !skipping,
        })
}
