//! Searching the whole corpus: the text of every brief, or only claims, statistics, or bookmarks
//! and their notes. Smart case (case-insensitive unless the query has a capital letter); the query
//! is a literal unless regex mode is on. No terminal here: the reader's overlay and
//! `dossier search` both use it.

use std::ops::Range;

use regex::{Regex, RegexBuilder};
use serde::Serialize;

use crate::corpus::Corpus;
use crate::store::{Bookmark, Placement};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    #[default]
    Text,
    Claims,
    Statistics,
    Bookmarks,
}

impl Scope {
    pub const ALL: [Scope; 4] = [Scope::Text, Scope::Claims, Scope::Statistics, Scope::Bookmarks];

    pub fn name(self) -> &'static str {
        match self {
            Scope::Text => "text",
            Scope::Claims => "claims",
            Scope::Statistics => "statistics",
            Scope::Bookmarks => "bookmarks",
        }
    }

    pub fn parse(s: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|x| x.name() == s)
    }
}

/// Why a query cannot be searched for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("empty query")]
    Empty,
    /// The reason, on one line and sanitized.
    #[error("the regular expression does not compile: {0}")]
    Regex(String),
}

/// A compiled query.
#[derive(Debug, Clone)]
pub struct Matcher {
    regex: Regex,
}

impl Matcher {
    /// Compiles `query`: a literal, or a regular expression when `regex` is set. Smart case.
    pub fn new(query: &str, regex: bool) -> Result<Matcher, QueryError> {
        if query.is_empty() {
            return Err(QueryError::Empty);
        }
        let pattern = if regex { query.to_owned() } else { regex::escape(query) };
        let smart_case = !query.chars().any(char::is_uppercase);
        RegexBuilder::new(&pattern)
            .case_insensitive(smart_case)
            .size_limit(1 << 22)
            .build()
            .map(|regex| Matcher { regex })
            .map_err(|e| {
                let text = e.to_string();
                // The regex error spans several lines with a caret diagram; keep the last line.
                let reason = text
                    .lines()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("invalid")
                    .trim()
                    .trim_start_matches("error: ");
                QueryError::Regex(crate::sanitize::sanitize_line(reason))
            })
    }

    pub fn find_all(&self, text: &str) -> Vec<Range<usize>> {
        self.regex
            .find_iter(text)
            .filter(|m| !m.is_empty())
            .map(|m| m.range())
            .collect()
    }
}

/// What a hit was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "in", content = "index", rename_all = "lowercase")]
pub enum Source {
    Text,
    Claim(usize),
    Statistic(usize),
    Bookmark(usize),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Hit {
    /// Index into `corpus.briefs`.
    pub brief: usize,
    pub source: Source,
    /// Where to open the brief: the match itself for text, else the item's passage.
    pub range: Range<usize>,
    /// 1-based line and column in the brief's Markdown file.
    pub line: usize,
    pub column: usize,
    /// A line of context and the match's place in it.
    pub context: String,
    pub context_match: Range<usize>,
    /// For a claim, statistic or bookmark: the fields that matched (one hit per item).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<&'static str>,
}

/// About this many characters of context on each side of a match.
const CONTEXT: usize = 60;

/// A window of `text` around `hit`, cut at word boundaries, on one line.
fn context(text: &str, hit: Range<usize>) -> (String, Range<usize>) {
    let mut start = hit.start;
    for (count, (i, _)) in text.get(..hit.start).unwrap_or("").char_indices().rev().enumerate() {
        start = i;
        if count >= CONTEXT {
            break;
        }
    }
    let mut end = hit.end;
    for (count, (i, c)) in text.get(hit.end..).unwrap_or("").char_indices().enumerate() {
        end = hit.end + i + c.len_utf8();
        if count >= CONTEXT {
            break;
        }
    }
    // Whole words at the edges, unless that would drop everything.
    if start > 0
        && let Some(space) = text.get(start..hit.start).and_then(|s| s.find(' '))
    {
        start += space + 1;
    }
    if end < text.len()
        && let Some(space) = text.get(hit.end..end).and_then(|s| s.rfind(' '))
    {
        end = hit.end + space;
    }
    let window = text.get(start..end).unwrap_or("");
    let flat = window.replace('\n', " ");
    let prefix = if start > 0 { "…" } else { "" };
    let suffix = if end < text.len() { "…" } else { "" };
    let at = prefix.len() + (hit.start - start);
    (format!("{prefix}{flat}{suffix}"), at..at + (hit.end - hit.start))
}

/// Every hit of `matcher` in `scope`, brief by brief in corpus order, at most `limit`.
pub fn search(
    corpus: &Corpus,
    bookmarks: &[Bookmark],
    placements: &[Placement],
    matcher: &Matcher,
    scope: Scope,
    limit: usize,
) -> Vec<Hit> {
    let mut hits = Vec::new();
    for (index, brief) in corpus.briefs.iter().enumerate() {
        if hits.len() >= limit {
            break;
        }
        let position = |offset: usize| brief.doc.source_position(offset);
        // An item (a claim, a statistic, a bookmark) is one hit however many of its fields match;
        // the hit names the fields, and its context starts at the first match.
        let mut push_item = |source: Source, fields: &[(&'static str, String)], anchor: Option<Range<usize>>| {
            if hits.len() >= limit {
                return;
            }
            let mut joined = String::new();
            let mut spans = Vec::new();
            for (name, text) in fields.iter().filter(|(_, t)| !t.is_empty()) {
                if !joined.is_empty() {
                    joined.push_str(" — ");
                }
                spans.push((*name, joined.len()..joined.len() + text.len()));
                joined.push_str(text);
            }
            let matches = matcher.find_all(&joined);
            let Some(first) = matches.first().cloned() else {
                return;
            };
            let matched: Vec<&'static str> = spans
                .iter()
                .filter(|(_, r)| matches.iter().any(|m| m.start < r.end && m.end > r.start))
                .map(|(name, _)| *name)
                .collect();
            let (context, context_match) = context(&joined, first);
            let range = anchor.unwrap_or(0..0);
            let (line, column) = position(range.start);
            hits.push(Hit {
                brief: index,
                source,
                range,
                line,
                column,
                context,
                context_match,
                fields: matched,
            });
        };
        match scope {
            Scope::Text => {
                for m in matcher.find_all(&brief.doc.text) {
                    if hits.len() >= limit {
                        break;
                    }
                    let (line, column) = position(m.start);
                    let block = brief.doc.block_at(m.start).and_then(|b| brief.doc.blocks.get(b));
                    let block_range = block.map_or(0..brief.doc.text.len(), |b| b.range.clone());
                    let local = m.start - block_range.start..m.end - block_range.start;
                    let (context, context_match) = context(brief.doc.text.get(block_range).unwrap_or(""), local);
                    hits.push(Hit {
                        brief: index,
                        source: Source::Text,
                        range: m,
                        line,
                        column,
                        context,
                        context_match,
                        fields: Vec::new(),
                    });
                }
            }
            Scope::Claims => {
                for (i, claim) in brief.claims.iter().enumerate() {
                    let fields = [
                        ("claim", claim.text.clone()),
                        ("quote", format!("“{}”", claim.quote)),
                        ("id", claim.id.clone()),
                    ];
                    push_item(Source::Claim(i), &fields, claim.anchor.clone());
                }
            }
            Scope::Statistics => {
                for (i, s) in brief.statistics.iter().enumerate() {
                    let fields = [
                        ("figure", s.amount_text()),
                        ("measure", s.measure.clone()),
                        ("period", s.period_text().unwrap_or_default()),
                        ("quote", s.quote().map(|q| format!("“{q}”")).unwrap_or_default()),
                        ("note", s.note().unwrap_or("").to_owned()),
                    ];
                    push_item(Source::Statistic(i), &fields, s.anchor.clone());
                }
            }
            Scope::Bookmarks => {
                for (i, (b, p)) in bookmarks.iter().zip(placements).enumerate() {
                    if let Placement::Placed { brief: bi, range } = p
                        && *bi == index
                    {
                        let fields = [
                            ("passage", crate::sanitize::sanitize_line(&b.exact)),
                            ("note", crate::sanitize::sanitize_line(&b.note)),
                        ];
                        push_item(Source::Bookmark(i), &fields, Some(range.clone()));
                    }
                }
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{self, Origin, SourceFile};

    fn corpus_of(files: &[(&str, &str)]) -> Corpus {
        let pairs = files
            .iter()
            .map(|(path, md)| {
                (
                    SourceFile {
                        path: (*path).into(),
                        bytes: md.as_bytes().to_vec(),
                    },
                    None,
                )
            })
            .collect();
        corpus::load_sources(pairs, Origin::Embedded, Vec::new())
    }

    fn texts(hits: &[Hit]) -> Vec<String> {
        hits.iter()
            .map(|h| h.context[h.context_match.clone()].to_owned())
            .collect()
    }

    #[test]
    fn smart_case_literal_search_across_briefs() {
        let c = corpus_of(&[
            ("a.md", "The TTP rose.\n\nthe ttp fell."),
            ("b.md", "No match here.\n\nTTP again."),
        ]);
        let any = Matcher::new("ttp", false).unwrap();
        let hits = search(&c, &[], &[], &any, Scope::Text, 100);
        assert_eq!(texts(&hits), ["TTP", "ttp", "TTP"]);
        assert_eq!(
            hits.iter().map(|h| (h.brief, h.line, h.column)).collect::<Vec<_>>(),
            [(0, 1, 5), (0, 3, 5), (1, 3, 1)]
        );
        let exact = Matcher::new("TTP", false).unwrap();
        assert_eq!(search(&c, &[], &[], &exact, Scope::Text, 100).len(), 2);
        // A literal query's punctuation means itself.
        let dot = Matcher::new("rose.", false).unwrap();
        assert_eq!(search(&c, &[], &[], &dot, Scope::Text, 100).len(), 1);
    }

    /// The text-level smart case and Unicode behaviour the in-brief search relies on.
    fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
        Matcher::new(query, false).map(|m| m.find_all(text)).unwrap_or_default()
    }

    #[test]
    fn smart_case_and_unicode_in_plain_text() {
        let text = "The TTP and the ttp; Pakistan’s Ünity and ünity.";
        assert_eq!(find_all(text, "ttp").len(), 2);
        assert_eq!(find_all(text, "TTP"), vec![4..7]);
        let u = find_all(text, "ünity");
        assert_eq!(u.len(), 2);
        assert_eq!(&text[u[0].clone()], "Ünity");
        assert!(find_all(text, "").is_empty());
        assert!(find_all(text, "zzz").is_empty());
    }

    #[test]
    fn regex_mode_and_a_bad_regex() {
        let c = corpus_of(&[("a.md", "In 2021 and 2023, and then 2025.")]);
        let years = Matcher::new(r"20\d\d", true).unwrap();
        assert_eq!(
            texts(&search(&c, &[], &[], &years, Scope::Text, 100)),
            ["2021", "2023", "2025"]
        );
        let error = Matcher::new("(unclosed", true).unwrap_err().to_string();
        assert!(error.starts_with("the regular expression does not compile:"), "{error}");
        assert!(!error.contains('\n'));
    }

    #[test]
    fn an_item_is_one_hit_however_many_fields_match() {
        let md = "+++\ntitle = \"T\"\n+++\n\nOver 650 attacks were recorded in 2023.\n";
        let toml = "summary = \"One. Two. Three.\"\n\n[[statistics]]\nid = \"attacks\"\nvalue = 650\nunit = \"attacks\"\nmeasure = \"recorded attacks\"\nqualifier = \"over\"\nperiod = \"2023\"\nquote = \"Over 650 attacks were recorded in 2023\"\n";
        let pairs = vec![(
            SourceFile {
                path: "s.md".into(),
                bytes: md.as_bytes().to_vec(),
            },
            Some(SourceFile {
                path: "s.toml".into(),
                bytes: toml.as_bytes().to_vec(),
            }),
        )];
        let c = corpus::load_sources(pairs, Origin::Embedded, Vec::new());
        let hits = search(
            &c,
            &[],
            &[],
            &Matcher::new("attacks", false).unwrap(),
            Scope::Statistics,
            100,
        );
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(hits[0].fields, ["figure", "measure", "quote"]);
        let hits = search(
            &c,
            &[],
            &[],
            &Matcher::new("2023", false).unwrap(),
            Scope::Statistics,
            100,
        );
        assert_eq!(hits[0].fields, ["period", "quote"]);
    }

    #[test]
    fn unicode_text_and_no_results() {
        let c = corpus_of(&[("a.md", "Pakistan’s “Fitna al Khawarij” – ÜBER naïve.")]);
        let hits = search(&c, &[], &[], &Matcher::new("über", false).unwrap(), Scope::Text, 100);
        assert_eq!(texts(&hits), ["ÜBER"]);
        assert_eq!(
            texts(&search(
                &c,
                &[],
                &[],
                &Matcher::new("’s “fitna", false).unwrap(),
                Scope::Text,
                100
            )),
            ["’s “Fitna"]
        );
        assert!(search(&c, &[], &[], &Matcher::new("absent", false).unwrap(), Scope::Text, 100).is_empty());
        assert!(Matcher::new("", false).is_err());
    }

    #[test]
    fn scopes_search_only_their_items() {
        let c = corpus::load_path(std::path::Path::new("tests/fixtures/valid"));
        let guard = Matcher::new("guard", false).unwrap();
        let claims = search(&c, &[], &[], &guard, Scope::Claims, 100);
        assert_eq!(claims.len(), 1, "one hit for the claim");
        assert_eq!(claims[0].fields, ["claim", "quote"], "naming both fields that matched");
        assert!(claims.iter().all(|h| h.source == Source::Claim(0)));
        assert_eq!(
            &c.briefs[0].doc.text[claims[0].range.clone()],
            "The border is long and hard to guard."
        );
        assert!(search(&c, &[], &[], &guard, Scope::Statistics, 100).is_empty());
        let attacks = search(
            &c,
            &[],
            &[],
            &Matcher::new("attacks", false).unwrap(),
            Scope::Statistics,
            100,
        );
        assert_eq!(attacks.len(), 1, "one statistic, once");
        let brief = &c.briefs[0];
        let start = brief.doc.text.find("Trade").unwrap();
        let bookmark = Bookmark::new(
            brief,
            start..start + 10,
            "falling exports",
            "b1".into(),
            "2026-01-01T00:00:00Z".into(),
        );
        let placements = vec![crate::store::place(&c, &bookmark)];
        let notes = search(
            &c,
            &[bookmark],
            &placements,
            &Matcher::new("exports", false).unwrap(),
            Scope::Bookmarks,
            100,
        );
        assert_eq!(texts(&notes), ["exports"]);
        assert_eq!(notes[0].source, Source::Bookmark(0));
    }

    #[test]
    fn context_is_one_line_around_the_match() {
        let long = format!("{} needle {}", "word ".repeat(40), "tail ".repeat(40));
        let (text, at) = context(&long, long.find("needle").unwrap()..long.find("needle").unwrap() + 6);
        assert_eq!(&text[at.clone()], "needle");
        assert!(text.starts_with('…') && text.ends_with('…'));
        assert!(text.chars().count() < 140, "{}", text.chars().count());
    }
}
