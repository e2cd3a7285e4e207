//! The corpus: briefs (Markdown with TOML front matter) and their annotation sidecars, loaded with
//! file:line diagnostics. A broken brief is reported and the rest still load. Nothing here knows
//! about the terminal.

pub mod anchor;
pub mod body;
pub mod diagnostic;
pub mod document;
pub mod fields;
mod front_matter;
pub mod html;
mod load;
mod markdown;
mod sidecar;
pub mod walk;

use std::ops::Range;
use std::path::PathBuf;

use serde::Serialize;

pub use anchor::{Anchoring, FoldedText, Selector};
pub use diagnostic::{Category, Diagnostic, Severity};
pub use document::Document;
pub use front_matter::FRONT_MATTER_LIMIT;
pub use load::{
    DOCUMENT_LIMIT, HEAD_READ, SIDECAR_LIMIT, SourceFile, load_embedded, load_path, load_path_lazy, load_sources,
    unopenable,
};

/// Known kinds of brief; others load with a warning.
pub const KINDS: &[&str] = &[
    "op-ed",
    "research-paper",
    "news-summary",
    "commentary",
    "report",
    "analysis",
    "article",
    "other",
];

/// What a reader should know about a brief's title before citing it. Set in front matter as
/// `flags = ["title-supplied"]`; each is shown as a marker wherever the title is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceFlag {
    /// The source has no headline: the title was written by us.
    TitleSupplied,
    /// The headline as published does not match the body.
    HeadlineMismatch,
}

impl SourceFlag {
    pub const ALL: [SourceFlag; 2] = [SourceFlag::TitleSupplied, SourceFlag::HeadlineMismatch];

    /// The name used in front matter and JSON.
    pub fn name(self) -> &'static str {
        match self {
            SourceFlag::TitleSupplied => "title-supplied",
            SourceFlag::HeadlineMismatch => "headline-mismatch",
        }
    }

    pub fn parse(s: &str) -> Option<SourceFlag> {
        SourceFlag::ALL.into_iter().find(|f| f.name() == s)
    }

    /// A short marker shown beside the title.
    pub fn marker(self) -> &'static str {
        match self {
            SourceFlag::TitleSupplied => "[title supplied]",
            SourceFlag::HeadlineMismatch => "[headline ≠ body]",
        }
    }

    /// A few words for the brief list's details line.
    pub fn words(self) -> &'static str {
        match self {
            SourceFlag::TitleSupplied => "title ours",
            SourceFlag::HeadlineMismatch => "headline ≠ body",
        }
    }

    /// A one-character marker for narrow places (the brief list); the legend is in help.
    pub fn glyph(self) -> &'static str {
        match self {
            SourceFlag::TitleSupplied => "✎",
            SourceFlag::HeadlineMismatch => "≠",
        }
    }

    /// One sentence for a reader.
    pub fn explanation(self) -> &'static str {
        match self {
            SourceFlag::TitleSupplied => "The source has no headline: this title was written by dossier's editors.",
            SourceFlag::HeadlineMismatch => {
                "The headline as published does not match the body: cite the body, not the headline."
            }
        }
    }
}

/// Where a brief's title came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TitleSource {
    /// `title` in front matter.
    #[default]
    FrontMatter,
    /// The document's first-level heading.
    Heading,
    /// Nothing named it: its path in the corpus, without the extension, stands in.
    FileName,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Meta {
    pub title: String,
    /// Where `title` came from.
    pub title_source: TitleSource,
    pub authors: Vec<String>,
    pub date: Option<String>,
    pub publication: Option<String>,
    pub kind: Option<String>,
    pub origin: Option<String>,
    pub source_notes: Option<String>,
    /// Earlier ids of this brief: bookmarks, reading state and cross-references made under them
    /// still find it.
    pub aliases: Vec<String>,
    pub flags: Vec<SourceFlag>,
    /// The line of `aliases` in the file, for diagnostics.
    #[serde(skip)]
    pub aliases_line: usize,
}

impl Meta {
    /// "authors · publication · date · kind", the parts it has; `None` when it has none.
    pub fn byline(&self) -> Option<String> {
        let parts: Vec<String> = [
            (!self.authors.is_empty()).then(|| self.authors.join(", ")),
            self.publication.clone(),
            self.date.clone(),
            self.kind.clone(),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Claim {
    pub id: String,
    pub text: String,
    pub quote: String,
    pub topics: Vec<String>,
    /// Where the quote is in `Document::text`, when it was placed.
    #[serde(skip)]
    pub anchor: Option<Range<usize>>,
    #[serde(skip)]
    pub line: usize,
}

/// A curated statistic is a [`Figure`] with `Provenance::Curated`.
pub use crate::figure::Figure as Statistic;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    Supports,
    Contradicts,
    Extends,
    Quantifies,
    Context,
}

impl Relation {
    pub const ALL: [Relation; 5] = [
        Relation::Supports,
        Relation::Contradicts,
        Relation::Extends,
        Relation::Quantifies,
        Relation::Context,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Relation::Supports => "supports",
            Relation::Contradicts => "contradicts",
            Relation::Extends => "extends",
            Relation::Quantifies => "quantifies",
            Relation::Context => "context",
        }
    }

    pub fn parse(s: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.name() == s)
    }
}

/// A link between two claims. Stored once, in the sidecar of the `from` brief; the loader adds
/// the reverse to the target brief as a backlink.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrossRef {
    pub from_brief: String,
    pub from_claim: String,
    pub to_brief: String,
    pub to_claim: String,
    pub relation: Relation,
    pub note: Option<String>,
    #[serde(skip)]
    pub line: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Brief {
    pub id: String,
    /// The Markdown file, as named in diagnostics.
    pub path: String,
    /// The annotation sidecar, when there is one.
    pub sidecar: Option<String>,
    pub meta: Meta,
    /// The text, parsed on first use (see [`Body`]).
    #[serde(skip)]
    pub doc: body::Body,
    /// The text folded for quote matching: built the first time a quote is anchored.
    #[serde(skip)]
    pub folded: std::sync::OnceLock<FoldedText>,
    pub summary: Option<String>,
    pub claims: Vec<Claim>,
    pub statistics: Vec<Statistic>,
    /// Links that start in this brief.
    pub crossrefs: Vec<CrossRef>,
    /// Links from other briefs that end in this one.
    pub backlinks: Vec<CrossRef>,
    /// Whether lists show the brief's path beside its title: another brief has the same title.
    pub shows_path: bool,
    /// The document's path inside the corpus folder, as lists show it: `guides/setup.md`.
    pub file: String,
    pub errors: usize,
    pub warnings: usize,
}

impl Brief {
    /// The text folded for quote matching (built on first use).
    pub fn folded(&self) -> &FoldedText {
        self.folded.get_or_init(|| FoldedText::new(&self.doc))
    }

    /// FNV-1a of the document's file: tells a bookmark whether the brief changed.
    pub fn content_hash(&self) -> u64 {
        self.doc.content_hash()
    }

    /// Warnings about the text that only its parse finds (control characters), one per line.
    pub fn body_diagnostics(&self) -> Vec<Diagnostic> {
        let doc = self.doc.get();
        let mut out: Vec<Diagnostic> = Vec::new();
        let mut reported = None;
        for &offset in &doc.controls {
            let (line, column) = doc.line_col_of_source(offset);
            if reported != Some(line) {
                reported = Some(line);
                let message = "control character in the text (from the file or an entity such as &#27;); it is shown as a placeholder";
                out.push(Diagnostic::warning(&self.path, (line, column), message));
            }
        }
        out
    }

    pub fn claim(&self, id: &str) -> Option<&Claim> {
        self.claims.iter().find(|c| c.id == id)
    }

    /// Both directions of every link touching this brief.
    pub fn all_links(&self) -> impl Iterator<Item = &CrossRef> {
        self.crossrefs.iter().chain(self.backlinks.iter())
    }
}

/// Where a corpus came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Embedded,
    Directory(PathBuf),
    File(PathBuf),
}

#[derive(Debug, Clone)]
pub struct Corpus {
    pub briefs: Vec<Brief>,
    pub diagnostics: Vec<Diagnostic>,
    pub origin: Origin,
}

/// The name bookmarks and reading state use for the briefs built into dossier.
pub const BUNDLED: &str = "bundled";

impl Origin {
    /// Where the corpus is, for messages: the folder or file as given, or "the bundled briefs".
    pub fn describe(&self) -> String {
        match self {
            Origin::Embedded => "the bundled briefs".to_owned(),
            Origin::Directory(path) | Origin::File(path) => crate::sanitize::sanitize_line(&path.display().to_string()),
        }
    }

    /// What bookmarks and reading state are kept under: `bundled` for the briefs built in, else
    /// the folder's canonical path (a single file belongs to its folder), so two folders that
    /// both hold a README.md never share or confuse each other's bookmarks.
    pub fn identity(&self) -> String {
        let canonical = |p: &std::path::Path| {
            std::fs::canonicalize(p)
                .unwrap_or_else(|_| p.to_owned())
                .display()
                .to_string()
        };
        match self {
            Origin::Embedded => BUNDLED.to_owned(),
            Origin::Directory(path) => canonical(path),
            Origin::File(path) => {
                let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
                full.parent()
                    .map_or_else(|| canonical(path), |p| p.display().to_string())
            }
        }
    }
}

impl Corpus {
    pub fn brief(&self, id: &str) -> Option<&Brief> {
        self.briefs.iter().find(|b| b.id == id)
    }

    /// The brief named `id`, or whose `aliases` hold it (a renamed brief).
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.briefs
            .iter()
            .position(|b| b.id == id)
            .or_else(|| self.briefs.iter().position(|b| b.meta.aliases.iter().any(|a| a == id)))
    }

    /// Briefs without an annotation sidecar: their statistics and key terms are derived.
    pub fn unannotated(&self) -> usize {
        self.briefs.iter().filter(|b| b.sidecar.is_none()).count()
    }

    /// "3 documents without annotations: statistics and key terms are derived", when there are any.
    pub fn unannotated_line(&self) -> Option<String> {
        let n = self.unannotated();
        (n > 0).then(|| {
            format!(
                "{n} {} without annotations: statistics and key terms are derived",
                plural(n, "document", "documents")
            )
        })
    }

    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count()
    }

    /// `N briefs, N claims, N statistics, N cross-references: N errors, N warnings`
    pub fn summary_line(&self) -> String {
        let claims: usize = self.briefs.iter().map(|b| b.claims.len()).sum();
        let statistics: usize = self.briefs.iter().map(|b| b.statistics.len()).sum();
        let crossrefs: usize = self.briefs.iter().map(|b| b.crossrefs.len()).sum();
        format!(
            "{} {}, {} {}, {} {}, {} {}: {} {}, {} {}",
            self.briefs.len(),
            plural(self.briefs.len(), "brief", "briefs"),
            claims,
            plural(claims, "claim", "claims"),
            statistics,
            plural(statistics, "statistic", "statistics"),
            crossrefs,
            plural(crossrefs, "cross-reference", "cross-references"),
            self.errors(),
            plural(self.errors(), "error", "errors"),
            self.warnings(),
            plural(self.warnings(), "warning", "warnings"),
        )
    }
}

pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// 64-bit FNV-1a: stable across builds and platforms, unlike std's hasher.
pub fn content_hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
