//! The non-interactive commands. Each returns its output and exit code, so tests can call them.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::json;

use crate::corpus::{self, Corpus, Severity};

/// What a command prints and how it exits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub stdout: String,
    pub code: i32,
}

/// The corpus a command or the reader works on: PATH when given, else `./briefs` when present,
/// else the briefs built into the binary.
pub fn open_corpus(path: Option<&Path>) -> Corpus {
    match path {
        Some(p) => corpus::load_path(p),
        None if Path::new("briefs").is_dir() => corpus::load_path(Path::new("briefs")),
        None => corpus::load_embedded(),
    }
}

/// The corpus the reader opens, as [`open_corpus`] finds it; documents without annotations are
/// parsed when first shown, searched or derived from.
pub fn open_corpus_for_reader(path: Option<&Path>) -> Corpus {
    match path {
        Some(p) => corpus::load_path_lazy(p),
        None if Path::new("briefs").is_dir() => corpus::load_path_lazy(Path::new("briefs")),
        None => corpus::load_embedded(),
    }
}

/// `dossier check`: every diagnostic, then the summary line. Exits 1 when there are errors.
pub fn check(corpus: &Corpus, as_json: bool) -> Output {
    let mut diagnostics = corpus.diagnostics.clone();
    diagnostics.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    let code = i32::from(corpus.errors() > 0);
    if as_json {
        let value = json!({
            "diagnostics": diagnostics,
            "briefs": corpus.briefs.len(),
            "claims": corpus.briefs.iter().map(|b| b.claims.len()).sum::<usize>(),
            "statistics": corpus.briefs.iter().map(|b| b.statistics.len()).sum::<usize>(),
            "crossrefs": corpus.briefs.iter().map(|b| b.crossrefs.len()).sum::<usize>(),
            "errors": corpus.errors(),
            "warnings": corpus.warnings(),
            "unannotated": corpus.unannotated(),
        });
        return Output {
            stdout: crate::sanitize::json(&value),
            code,
        };
    }
    let mut out = String::new();
    for d in &diagnostics {
        let _ = writeln!(out, "{d}");
    }
    let _ = writeln!(out, "{}", corpus.summary_line());
    if let Some(line) = corpus.unannotated_line() {
        let _ = writeln!(out, "{line}");
    }
    Output { stdout: out, code }
}

/// `dossier list`: one line per brief.
pub fn list(corpus: &Corpus, as_json: bool) -> Output {
    let code = i32::from(corpus.briefs.is_empty());
    if as_json {
        let rows: Vec<_> = corpus
            .briefs
            .iter()
            .map(|b| {
                json!({
                    "id": b.id, "title": b.meta.title, "date": b.meta.date, "kind": b.meta.kind,
                    "authors": b.meta.authors, "publication": b.meta.publication,
                    "flags": b.meta.flags, "source_notes": b.meta.source_notes,
                    "aliases": b.meta.aliases, "path": b.path,
                    "claims": b.claims.len(), "statistics": b.statistics.len(),
                    "crossrefs": b.crossrefs.len(), "backlinks": b.backlinks.len(),
                    "errors": b.errors, "warnings": b.warnings,
                })
            })
            .collect();
        return Output {
            stdout: crate::sanitize::json(&serde_json::Value::Array(rows)),
            code,
        };
    }
    let id_width = corpus.briefs.iter().map(|b| b.id.chars().count()).max().unwrap_or(2);
    let kind_width = corpus
        .briefs
        .iter()
        .map(|b| b.meta.kind.as_deref().unwrap_or("-").len())
        .max()
        .unwrap_or(1);
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", corpus::plural(n, one, many));
    let mut out = String::new();
    for b in &corpus.briefs {
        let links = b.crossrefs.len() + b.backlinks.len();
        let problems = match (b.errors, b.warnings) {
            (0, 0) => String::new(),
            (e, w) => format!(
                ", {e} {}, {w} {}",
                corpus::plural(e, "error", "errors"),
                corpus::plural(w, "warning", "warnings")
            ),
        };
        let flags: String = b.meta.flags.iter().map(|f| format!("{} ", f.marker())).collect();
        let _ = writeln!(
            out,
            "{:id_width$}  {:10}  {:kind_width$}  {flags}{}  ({}, {}, {}{problems})",
            b.id,
            b.meta.date.as_deref().unwrap_or("-"),
            b.meta.kind.as_deref().unwrap_or("-"),
            b.meta.title,
            count(b.claims.len(), "claim", "claims"),
            count(b.statistics.len(), "statistic", "statistics"),
            count(links, "link", "links"),
        );
        // What a reader should know about the source, under the brief's line.
        if let Some(notes) = &b.meta.source_notes {
            for line in crate::text::wrap_hanging(&format!("    about the source: {notes}"), 100, 6) {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    if corpus.briefs.is_empty() {
        for d in corpus.diagnostics.iter().filter(|d| d.severity == Severity::Error) {
            let _ = writeln!(out, "{d}");
        }
    }
    Output { stdout: out, code }
}

/// `dossier export`: the digest to standard output, or atomically to `output`. Bookmarks come from
/// the data folder (read only: export never changes them).
pub fn export(corpus: &Corpus, output: Option<&Path>, only_bookmarked: bool) -> Result<Output, String> {
    let dirs = crate::settings::Dirs::from_env();
    let bookmarks = match &dirs.data {
        Some(dir) => crate::store::BookmarkStore::new(dir).peek()?,
        None => Vec::new(),
    };
    let text = crate::export::digest(corpus, &bookmarks, only_bookmarked);
    match output {
        Some(path) => {
            crate::store::file::write_atomic(path, text.as_bytes())
                .map_err(|e| format!("cannot write {}: {}", path.display(), crate::store::file::reason(&e)))?;
            Ok(Output {
                stdout: {
                    // This corpus's bookmarks, as the digest counts them (not every corpus's).
                    let n = crate::store::claimed(&bookmarks, corpus, &corpus.origin.identity()).len();
                    format!(
                        "wrote {} ({n} {})\n",
                        path.display(),
                        crate::corpus::plural(n, "bookmark", "bookmarks")
                    )
                },
                code: 0,
            })
        }
        None => Ok(Output { stdout: text, code: 0 }),
    }
}

/// `dossier search`: `brief-id:line:col: context` per hit, or JSON. Exits 1 when nothing matched
/// (as grep does) and 2 when the query is not valid.
pub fn search(corpus: &Corpus, query: &str, regex: bool, scope: crate::search::Scope, as_json: bool) -> Output {
    let matcher = match crate::search::Matcher::new(query, regex) {
        Ok(m) => m,
        Err(message) => {
            return Output {
                stdout: format!("dossier: {message}\n"),
                code: 2,
            };
        }
    };
    let bookmarks = match (scope, crate::settings::Dirs::from_env().data) {
        (crate::search::Scope::Bookmarks, Some(dir)) => match crate::store::BookmarkStore::new(&dir).peek() {
            Ok(bookmarks) => bookmarks,
            // Searching bookmarks that cannot be read would answer "no match": say why instead.
            Err(message) => {
                return Output {
                    stdout: format!("dossier: {}\n", crate::sanitize::sanitize_line(&message)),
                    code: 2,
                };
            }
        },
        _ => Vec::new(),
    };
    let identity = corpus.origin.identity();
    let bookmarks = crate::store::claimed(&bookmarks, corpus, &identity);
    let placements = crate::store::place_all(corpus, &identity, &bookmarks);
    let hits = crate::search::search(corpus, &bookmarks, &placements, &matcher, scope, usize::MAX);
    let code = i32::from(hits.is_empty());
    if as_json {
        let rows: Vec<_> = hits
            .iter()
            .map(|h| {
                json!({
                    "brief": corpus.briefs[h.brief].id, "line": h.line, "column": h.column,
                    "context": h.context, "match": h.context.get(h.context_match.clone()).unwrap_or(""),
                    "source": h.source, "fields": h.fields,
                })
            })
            .collect();
        return Output {
            stdout: crate::sanitize::json(&serde_json::Value::Array(rows)),
            code,
        };
    }
    let mut out = String::new();
    for h in &hits {
        let _ = writeln!(
            out,
            "{}:{}:{}: {}",
            corpus.briefs[h.brief].id, h.line, h.column, h.context
        );
    }
    Output { stdout: out, code }
}

/// `dossier derive`: statistics, key terms and links derived from each brief's text, as lines or
/// JSON. With `evaluate`, each brief is treated as if it had no sidecar and the derived statistics
/// are compared with the curated ones (see `derive::evaluate_brief` for the definitions).
pub fn derive(corpus: &Corpus, evaluate: bool, as_json: bool) -> Output {
    let stdout = if evaluate {
        crate::derive::evaluation_report(corpus, as_json)
    } else {
        crate::derive::listing(corpus, &crate::derive::corpus(corpus), as_json)
    };
    Output { stdout, code: 0 }
}

/// `dossier import`: what was written (stdout) and what was not (stderr, with the reason). Exits 1
/// when any file was not imported.
pub fn import(files: &[std::path::PathBuf], into: &Path) -> Output {
    let report = crate::import::import(files, into);
    for line in &report.failed {
        eprintln!("{line}");
    }
    let mut out = String::new();
    for (path, title) in &report.written {
        let title = title.as_deref().map_or_else(
            || "no headline found: write a title in its front matter".to_owned(),
            |t| {
                format!(
                    "title “{}” (found by import: check it)",
                    crate::sanitize::sanitize_line(t)
                )
            },
        );
        let _ = writeln!(
            out,
            "wrote {} and its sidecar: {title}",
            crate::sanitize::sanitize_line(&path.display().to_string())
        );
    }
    if !report.written.is_empty() {
        let _ = writeln!(
            out,
            "next: write each summary in its .toml, then run `dossier check {}`",
            crate::sanitize::sanitize_line(&into.display().to_string())
        );
    }
    Output {
        stdout: out,
        code: i32::from(!report.failed.is_empty()),
    }
}
