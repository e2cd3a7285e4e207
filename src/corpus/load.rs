//! From files (on disk or embedded in the binary) to a [`Corpus`].

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::diagnostic::{Diagnostic, Severity};
use super::document::{Document, line_col, line_starts};
use super::fields::{Fields, TomlSource, is_id, is_iso_date};
use super::sidecar::{self, RawCrossRef};
use super::{Brief, Corpus, CrossRef, KINDS, Meta, Origin, SourceFlag, content_hash};

/// One file's bytes and the path diagnostics name it by.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

const FRONT_MATTER_FIELDS: &[&str] = &[
    "title",
    "authors",
    "date",
    "publication",
    "kind",
    "origin",
    "source_notes",
    "aliases",
    "flags",
];

/// The briefs built into the binary.
pub fn load_embedded() -> Corpus {
    let mut pairs = Vec::new();
    for (path, text) in crate::embedded::BRIEFS {
        if let Some(stem) = path.strip_suffix(".md") {
            let sidecar_path = format!("{stem}.toml");
            let sidecar = crate::embedded::BRIEFS
                .iter()
                .find(|(p, _)| *p == sidecar_path)
                .map(|(p, t)| SourceFile {
                    path: (*p).to_owned(),
                    bytes: t.as_bytes().to_vec(),
                });
            pairs.push((
                SourceFile {
                    path: (*path).to_owned(),
                    bytes: text.as_bytes().to_vec(),
                },
                sidecar,
            ));
        }
    }
    load_sources(pairs, Origin::Embedded, Vec::new())
}

/// A folder of briefs, or a single Markdown file (with its sidecar beside it).
pub fn load_path(path: &Path) -> Corpus {
    let display = path.display().to_string();
    let metadata = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) => {
            let d = Diagnostic::error(&display, (1, 1), format!("cannot open: {}", io_reason(&e)));
            return load_sources(Vec::new(), Origin::Directory(path.to_owned()), vec![d]);
        }
    };
    if metadata.is_file() {
        let mut diagnostics = Vec::new();
        let pair = read_pair(path, &mut diagnostics);
        return load_sources(pair.into_iter().collect(), Origin::File(path.to_owned()), diagnostics);
    }
    let mut diagnostics = Vec::new();
    let mut markdown: Vec<PathBuf> = Vec::new();
    let mut tomls: Vec<PathBuf> = Vec::new();
    match fs::read_dir(path) {
        Ok(entries) => {
            for entry in entries.flatten() {
                let p = entry.path();
                match p.extension().and_then(|e| e.to_str()) {
                    Some("md") if p.is_file() => markdown.push(p),
                    Some("toml") if p.is_file() => tomls.push(p),
                    _ => {}
                }
            }
        }
        Err(e) => diagnostics.push(Diagnostic::error(
            &display,
            (1, 1),
            format!("cannot read folder: {}", io_reason(&e)),
        )),
    }
    markdown.sort();
    tomls.sort();
    for toml in &tomls {
        if !markdown.iter().any(|m| m.with_extension("toml") == *toml) {
            let d = Diagnostic::warning(
                &toml.display().to_string(),
                (1, 1),
                "annotations without a brief: no Markdown file of the same name",
            );
            diagnostics.push(d);
        }
    }
    if markdown.is_empty() && diagnostics.iter().all(|d| d.severity != Severity::Error) {
        diagnostics.push(Diagnostic::error(
            &display,
            (1, 1),
            "no briefs here: a brief is a Markdown file `<id>.md`",
        ));
    }
    let pairs = markdown.iter().filter_map(|m| read_pair(m, &mut diagnostics)).collect();
    load_sources(pairs, Origin::Directory(path.to_owned()), diagnostics)
}

fn read_pair(markdown: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<(SourceFile, Option<SourceFile>)> {
    let md = read_file(markdown, diagnostics)?;
    let sidecar_path = markdown.with_extension("toml");
    let sidecar = if sidecar_path.exists() {
        read_file(&sidecar_path, diagnostics)
    } else {
        None
    };
    Some((md, sidecar))
}

fn read_file(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    let display = path.display().to_string();
    match fs::read(path) {
        Ok(bytes) => Some(SourceFile { path: display, bytes }),
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                &display,
                (1, 1),
                format!("cannot read: {}", io_reason(&e)),
            ));
            None
        }
    }
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    }
}

/// Decodes UTF-8 without copying, reporting the first bad byte and carrying on with replacement
/// characters.
fn decode(path: &str, bytes: Vec<u8>, diagnostics: &mut Vec<Diagnostic>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let bytes = e.into_bytes();
            let valid = std::str::from_utf8(&bytes)
                .err()
                .map_or(bytes.len(), |e| e.valid_up_to());
            let prefix = String::from_utf8_lossy(bytes.get(..valid).unwrap_or(&[]));
            let position = line_col(&line_starts(&prefix), prefix.len());
            diagnostics.push(Diagnostic::error(
                path,
                position,
                "not valid UTF-8: invalid byte here; the rest is shown with replacement characters",
            ));
            String::from_utf8_lossy(&bytes).into_owned()
        }
    }
}

/// Builds a corpus from (Markdown, sidecar) pairs.
pub fn load_sources(
    pairs: Vec<(SourceFile, Option<SourceFile>)>,
    origin: Origin,
    mut diagnostics: Vec<Diagnostic>,
) -> Corpus {
    let mut briefs = Vec::new();
    let mut pending: Vec<(usize, Vec<RawCrossRef>, String)> = Vec::new();
    for (md, sidecar) in pairs {
        let (brief, crossrefs) = load_brief(md, sidecar.as_ref(), &mut diagnostics);
        pending.push((briefs.len(), crossrefs, sidecar.map(|s| s.path).unwrap_or_default()));
        briefs.push(brief);
    }
    check_aliases(&briefs, &mut diagnostics);
    resolve_crossrefs(&mut briefs, pending, &origin, &mut diagnostics);
    for brief in &mut briefs {
        let mine = diagnostics
            .iter()
            .filter(|d| d.path == brief.path || Some(&d.path) == brief.sidecar.as_ref());
        let (errors, warnings) = mine.fold((0, 0), |(e, w), d| match d.severity {
            Severity::Error => (e + 1, w),
            Severity::Warning => (e, w + 1),
        });
        brief.errors = errors;
        brief.warnings = warnings;
    }
    Corpus {
        briefs,
        diagnostics,
        origin,
    }
}

fn brief_id(path: &str) -> String {
    let name = Path::new(path).file_stem().and_then(|s| s.to_str()).unwrap_or("brief");
    crate::sanitize::sanitize_line(name)
}

fn load_brief(
    md: SourceFile,
    sidecar: Option<&SourceFile>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Brief, Vec<RawCrossRef>) {
    let id = brief_id(&md.path);
    let hash = content_hash(&md.bytes);
    let path = md.path;
    let text = decode(&path, md.bytes, diagnostics);
    let (meta, body_offset) = front_matter(&path, &text, diagnostics);
    let body = text.get(body_offset..).unwrap_or("");
    let doc = Document::parse(body, body_offset, &text);
    let mut reported = None;
    let lines = line_starts(&text);
    for &offset in &doc.controls {
        let (line, column) = line_col(&lines, offset);
        if reported != Some(line) {
            reported = Some(line);
            let message = "control character in the text (from the file or an entity such as &#27;); it is shown as a placeholder";
            diagnostics.push(Diagnostic::warning(&path, (line, column), message));
        }
    }
    let mut meta = meta.unwrap_or_default();
    if meta.title.is_empty() {
        meta.title = doc
            .headings()
            .next()
            .map_or_else(|| id.clone(), |(_, _, t)| t.to_owned());
    }
    let mut brief = Brief {
        id,
        path: path.clone(),
        sidecar: sidecar.map(|s| s.path.clone()),
        meta,
        doc,
        folded: std::sync::OnceLock::new(),
        summary: None,
        claims: Vec::new(),
        statistics: Vec::new(),
        crossrefs: Vec::new(),
        backlinks: Vec::new(),
        content_hash: hash,
        errors: 0,
        warnings: 0,
    };
    let mut crossrefs = Vec::new();
    match sidecar {
        Some(file) => {
            let text = decode(&file.path, file.bytes.clone(), diagnostics);
            let mut parsed = sidecar::parse(&file.path, &text, &brief.doc, brief.folded());
            diagnostics.append(&mut parsed.diagnostics);
            brief.summary = parsed.summary;
            brief.claims = parsed.claims;
            brief.statistics = parsed.statistics;
            crossrefs = parsed.crossrefs;
        }
        None => diagnostics.push(Diagnostic::warning(
            &path,
            (1, 1),
            format!("no annotations: `{}.toml` not found beside it", brief.id),
        )),
    }
    (brief, crossrefs)
}

/// Splits off `+++` front matter. Returns the metadata (when there was any) and where the body starts.
fn front_matter(path: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> (Option<Meta>, usize) {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text.get(..first_line_end).map(str::trim_end) != Some("+++") {
        diagnostics.push(Diagnostic::warning(
            path,
            (1, 1),
            "no front matter (a `+++` line, TOML, a `+++` line); the title is taken from the first heading",
        ));
        return (None, 0);
    }
    let mut offset = first_line_end;
    let mut close = None;
    for line in text.get(first_line_end..).unwrap_or("").split_inclusive('\n') {
        if line.trim_end() == "+++" {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((toml_end, body_start)) = close else {
        diagnostics.push(Diagnostic::error(
            path,
            (1, 1),
            "front matter opened with `+++` is never closed by a second `+++` line",
        ));
        return (None, 0);
    };
    let toml_text = text.get(first_line_end..toml_end).unwrap_or("");
    let source = TomlSource::new(path, toml_text, first_line_end, text);
    let table: toml::Table = match toml::from_str(toml_text) {
        Ok(t) => t,
        Err(e) => {
            diagnostics.push(source.parse_error(&e, "invalid front matter"));
            return (None, body_start);
        }
    };
    let mut fields = Fields::new(&source, table, 0..toml_text.len(), "front matter");
    fields.reject_unknown(FRONT_MATTER_FIELDS);
    let title = fields.string("title", true).unwrap_or_default();
    let authors = fields.strings("authors");
    let date = fields.date_text("date");
    if let Some(d) = &date
        && !is_iso_date(d)
    {
        fields.error_at(
            "date",
            format!("date `{d}` is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)"),
        );
    }
    let kind = fields.string("kind", false);
    if let Some(k) = &kind
        && !KINDS.contains(&k.as_str())
    {
        fields.warning_at("kind", format!("unknown kind `{k}` (known: {})", KINDS.join(", ")));
    }
    let meta = Meta {
        title,
        authors,
        date: date.filter(|d| is_iso_date(d)),
        publication: fields.string("publication", false),
        kind,
        origin: fields.string("origin", false),
        source_notes: fields.string("source_notes", false),
        aliases: fields.strings("aliases"),
        flags: Vec::new(),
        aliases_line: fields.key_position("aliases").0,
    };
    let mut meta = meta;
    for name in fields.strings("flags") {
        match SourceFlag::parse(&name) {
            Some(flag) if !meta.flags.contains(&flag) => meta.flags.push(flag),
            Some(_) => {}
            None => {
                let known: Vec<&str> = SourceFlag::ALL.iter().map(|f| f.name()).collect();
                fields.warning_at("flags", format!("unknown flag `{name}` (known: {})", known.join(", ")));
            }
        }
    }
    for alias in &meta.aliases {
        if !is_id(alias) {
            fields.error_at(
                "aliases",
                format!("alias `{alias}` is not an id (lowercase letters, digits and -)"),
            );
        }
    }
    if !meta.flags.is_empty() && meta.source_notes.is_none() {
        fields.warning_at("flags", "flags are explained by `source_notes`, which is missing");
    }
    diagnostics.append(&mut fields.diagnostics);
    (Some(meta), body_start)
}

/// An alias must name no other brief: an id or alias used twice would make bookmarks ambiguous.
fn check_aliases(briefs: &[Brief], diagnostics: &mut Vec<Diagnostic>) {
    let mut owner: HashMap<&str, &str> = briefs.iter().map(|b| (b.id.as_str(), b.id.as_str())).collect();
    for brief in briefs {
        for alias in &brief.meta.aliases {
            if let Some(other) = owner.insert(alias.as_str(), brief.id.as_str())
                && other != brief.id
            {
                diagnostics.push(Diagnostic::error(
                    &brief.path,
                    (brief.meta.aliases_line, 1),
                    format!("alias `{alias}` is already the id or an alias of brief `{other}`"),
                ));
            }
        }
    }
}

/// Checks every link's target and adds the reverse direction to the target brief.
fn resolve_crossrefs(
    briefs: &mut [Brief],
    pending: Vec<(usize, Vec<RawCrossRef>, String)>,
    origin: &Origin,
    diagnostics: &mut Vec<Diagnostic>,
) {
    // Ids first, then aliases, so a renamed brief still receives links made to its old id.
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, b) in briefs.iter().enumerate() {
        for alias in &b.meta.aliases {
            index.entry(alias.clone()).or_insert(i);
        }
    }
    for (i, b) in briefs.iter().enumerate() {
        index.insert(b.id.clone(), i);
    }
    let mut backlinks: Vec<(usize, CrossRef)> = Vec::new();
    for (from, raws, path) in pending {
        for raw in raws {
            let Some((to_brief, to_claim)) = raw.target.split_once('#') else {
                continue;
            };
            let from_id = briefs[from].id.clone();
            let Some(&target) = index.get(to_brief) else {
                let message = format!("cross-reference to brief `{to_brief}`, which does not exist");
                // A single file opened alone cannot see its neighbours: that is not its fault.
                let severity = if matches!(origin, Origin::File(_)) {
                    Severity::Warning
                } else {
                    Severity::Error
                };
                diagnostics.push(Diagnostic::new(&path, raw.position, severity, message));
                continue;
            };
            let to_brief = briefs[target].id.clone();
            let to_brief = to_brief.as_str();
            if briefs[target].claim(to_claim).is_none() {
                diagnostics.push(Diagnostic::error(
                    &path,
                    raw.position,
                    format!("cross-reference to claim `{to_claim}`, which brief `{to_brief}` does not have"),
                ));
                continue;
            }
            let link = CrossRef {
                from_brief: from_id,
                from_claim: raw.from_claim,
                to_brief: to_brief.to_owned(),
                to_claim: to_claim.to_owned(),
                relation: raw.relation,
                note: raw.note,
                line: raw.position.0,
            };
            backlinks.push((target, link.clone()));
            briefs[from].crossrefs.push(link);
        }
    }
    for (target, link) in backlinks {
        briefs[target].backlinks.push(link);
    }
}
