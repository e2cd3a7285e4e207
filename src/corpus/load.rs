//! From files (on disk or embedded in the binary) to a [`Corpus`].

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::body::Body;
use super::diagnostic::{Diagnostic, Severity};
use super::document::{Document, line_col, line_starts};
use super::front_matter::{self, front_matter, title_heading};
use super::sidecar::{self, RawCrossRef};
use super::walk;
use super::{Brief, Corpus, CrossRef, Origin, TitleSource, content_hash};

/// One file's bytes and the path diagnostics name it by.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// The largest document read. A larger one is refused with a message rather than exhausting memory.
pub const DOCUMENT_LIMIT: u64 = 512 * 1024 * 1024;
/// The largest annotation sidecar read.
pub const SIDECAR_LIMIT: u64 = 16 * 1024 * 1024;

/// How much of a large document the reader reads to list it (front matter, title); the rest is
/// read when the brief is shown, searched or derived from.
pub const HEAD_READ: u64 = 320 * 1024;
/// The first read of a large document's head: enough for its front matter and first screens.
const HEAD_FIRST: u64 = 64 * 1024;
/// The start of a body parsed to find its title in a first heading.
const TITLE_HEAD: usize = 16 * 1024;

/// A document read to load: its bytes (all of them, or its head when `whole` is false), its
/// sidecar, and the file's size.
struct Read {
    md: SourceFile,
    sidecar: Option<SourceFile>,
    size: u64,
    whole: bool,
}

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

/// Why a path could not be opened as a corpus at all, in the words `check` uses:
/// `path:1:1: error: cannot open: no such file or folder`. `None` when it can be read.
pub fn unopenable(path: &Path) -> Option<Diagnostic> {
    let display = path.display().to_string();
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => match fs::read_dir(path) {
            Ok(_) => None,
            Err(e) => Some(Diagnostic::error(
                &display,
                (1, 1),
                format!("cannot open: {}", crate::read::reason(&e)),
            )),
        },
        Ok(m) if m.is_file() => None,
        Ok(m) => Some(Diagnostic::error(
            &display,
            (1, 1),
            format!(
                "cannot open: it is {}, not a document or a folder",
                crate::read::kind_of(m.file_type())
            ),
        )),
        Err(e) => Some(Diagnostic::error(
            &display,
            (1, 1),
            format!("cannot open: {}", crate::read::reason(&e)),
        )),
    }
}

/// A folder of documents (read at any depth), or a single document with its sidecar beside it;
/// every body parsed now (as the commands need them).
pub fn load_path(path: &Path) -> Corpus {
    load_path_with(path, false)
}

/// As [`load_path`], for the reader: documents without annotations are listed from their front
/// matter (or the start of their text) and parsed when first needed; a large one is read then.
pub fn load_path_lazy(path: &Path) -> Corpus {
    load_path_with(path, true)
}

fn load_path_with(path: &Path, lazy: bool) -> Corpus {
    if let Some(d) = unopenable(path) {
        return load_sources(Vec::new(), Origin::Directory(path.to_owned()), vec![d]);
    }
    let mut diagnostics = Vec::new();
    if path.is_file() {
        let pair = read_pair(path, true, lazy, &mut diagnostics);
        return build(
            pair.into_iter().collect(),
            Origin::File(path.to_owned()),
            diagnostics,
            lazy,
        );
    }
    let found = walk::walk(path, &mut diagnostics);
    for toml in &found.lone_sidecars {
        diagnostics.push(Diagnostic::warning(
            &toml.display().to_string(),
            (1, 1),
            "annotations without a document: no `.md`, `.markdown` or `.txt` file of the same name",
        ));
    }
    if found.documents.is_empty() {
        diagnostics.push(Diagnostic::warning(
            &path.display().to_string(),
            (1, 1),
            "no documents here: dossier reads .md, .markdown and .txt files, at any depth",
        ));
    }
    // `notes.md` and `notes.txt` side by side: `notes.toml` annotates the first in name order
    // (`.markdown`, `.md`, `.txt`); the other has none.
    let mut claimed = std::collections::HashSet::new();
    let pairs = found
        .documents
        .iter()
        .filter_map(|m| {
            let sidecar = walk::sidecar_of(m);
            let has_sidecar = found.sidecars.contains(&sidecar) && claimed.insert(sidecar);
            read_pair(m, has_sidecar, lazy, &mut diagnostics)
        })
        .collect();
    build(pairs, Origin::Directory(path.to_owned()), diagnostics, lazy)
}

/// Reads a document and, when `has_sidecar` (it may have one), its sidecar. A large document
/// without annotations is read only in part when `lazy`.
fn read_pair(document: &Path, has_sidecar: bool, lazy: bool, diagnostics: &mut Vec<Diagnostic>) -> Option<Read> {
    let sidecar = if has_sidecar {
        read_file(&walk::sidecar_of(document), SIDECAR_LIMIT, diagnostics)
    } else {
        None
    };
    let path = document.display().to_string();
    let refused = |diagnostics: &mut Vec<Diagnostic>, why: String| {
        diagnostics.push(Diagnostic::error(&path, (1, 1), format!("cannot read: {why}")));
    };
    let (file, size) = match crate::read::open_regular(document) {
        Ok(Some(opened)) => opened,
        Ok(None) => {
            refused(diagnostics, "no such file or folder".to_owned());
            return None;
        }
        Err(why) => {
            refused(diagnostics, why.to_string());
            return None;
        }
    };
    if size > DOCUMENT_LIMIT {
        refused(
            diagnostics,
            crate::read::Refused::TooLarge {
                size,
                limit: DOCUMENT_LIMIT,
            }
            .to_string(),
        );
        return None;
    }
    // A large document without annotations: its head now, the rest when it is parsed.
    let whole = !(lazy && sidecar.is_none() && size > HEAD_READ);
    let wanted = if whole { size } else { HEAD_READ };
    let mut bytes = Vec::with_capacity(usize::try_from(wanted).unwrap_or(0));
    {
        use std::io::Read as _;
        let mut file = file;
        // One byte past a whole file's size notices one that grew since it was measured. A head
        // is read in two steps: the first is enough unless front matter runs on past it.
        let limit = if whole { DOCUMENT_LIMIT + 1 } else { HEAD_FIRST };
        let mut result = (&mut file).take(limit).read_to_end(&mut bytes);
        if result.is_ok() && !whole && front_matter::is_open(&bytes) {
            result = file.take(HEAD_READ - HEAD_FIRST).read_to_end(&mut bytes);
        }
        if let Err(e) = result {
            refused(diagnostics, crate::read::reason(&e));
            return None;
        }
    }
    if crate::read::looks_binary(bytes.get(..8192).unwrap_or(&bytes)) {
        diagnostics.push(Diagnostic::warning(
            &path,
            (1, 1),
            "skipped: a binary file (its first bytes are not text), not a document",
        ));
        return None;
    }
    let size = if whole { bytes.len() as u64 } else { size };
    Some(Read {
        md: SourceFile { path, bytes },
        sidecar,
        size,
        whole,
    })
}

/// The file's bytes; `None` (with a diagnostic unless it simply does not exist) when it cannot be read.
fn read_file(path: &Path, limit: u64, diagnostics: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    let display = path.display().to_string();
    match crate::read::regular_file(path, limit) {
        Ok(Some(bytes)) => Some(SourceFile { path: display, bytes }),
        Ok(None) => None,
        Err(refused) => {
            diagnostics.push(Diagnostic::error(&display, (1, 1), format!("cannot read: {refused}")));
            None
        }
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
    diagnostics: Vec<Diagnostic>,
) -> Corpus {
    let reads = pairs
        .into_iter()
        .map(|(md, sidecar)| Read {
            size: md.bytes.len() as u64,
            md,
            sidecar,
            whole: true,
        })
        .collect();
    build(reads, origin, diagnostics, false)
}

fn build(reads: Vec<Read>, origin: Origin, mut diagnostics: Vec<Diagnostic>, lazy: bool) -> Corpus {
    let mut briefs = Vec::new();
    let mut pending: Vec<(usize, Vec<RawCrossRef>, String)> = Vec::new();
    let root = match &origin {
        Origin::Directory(root) => Some(root.clone()),
        Origin::Embedded | Origin::File(_) => None,
    };
    let mut taken = std::collections::HashSet::new();
    for read in reads {
        let md = &read.md;
        let mut id = walk::id_of(Path::new(&md.path), root.as_deref());
        // `notes.md` and `notes.txt` side by side: the second keeps its extension in its id.
        if !taken.insert(id.clone()) {
            id = walk::id_with_extension(Path::new(&md.path), root.as_deref());
            taken.insert(id.clone());
        }
        let file = root
            .as_deref()
            .and_then(|r| Path::new(&md.path).strip_prefix(r).ok())
            .unwrap_or_else(|| Path::new(Path::new(&md.path).file_name().unwrap_or_default()))
            .display()
            .to_string();
        let sidecar_path = read.sidecar.as_ref().map(|s| s.path.clone()).unwrap_or_default();
        let (mut brief, crossrefs) = load_brief(id, read, lazy, &mut diagnostics);
        brief.file = crate::sanitize::sanitize_line(&file);
        pending.push((briefs.len(), crossrefs, sidecar_path));
        briefs.push(brief);
    }
    let mut titles: HashMap<String, usize> = HashMap::new();
    for brief in &briefs {
        *titles.entry(brief.meta.title.clone()).or_default() += 1;
    }
    for brief in &mut briefs {
        // A title that is already the path needs no path beside it.
        brief.shows_path =
            brief.meta.title_source != TitleSource::FileName && titles.get(&brief.meta.title).is_some_and(|&n| n > 1);
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

fn load_brief(id: String, read: Read, lazy: bool, diagnostics: &mut Vec<Diagnostic>) -> (Brief, Vec<RawCrossRef>) {
    let Read {
        md,
        sidecar,
        size,
        whole,
    } = read;
    let sidecar = sidecar.as_ref();
    // Annotations anchor their quotes in the text: an annotated brief is parsed now.
    let lazy = lazy && sidecar.is_none();
    let hash = if lazy { 0 } else { content_hash(&md.bytes) };
    let path = md.path;
    let text = if whole {
        decode(&path, md.bytes, diagnostics)
    } else {
        // The head of a large file: a character cut by the read's end waits for the whole read
        // (an invalid byte before that, too: the whole read reports it).
        let mut bytes = md.bytes;
        if let Err(e) = std::str::from_utf8(&bytes) {
            bytes.truncate(e.valid_up_to());
        }
        String::from_utf8(bytes).unwrap_or_default()
    };
    let plain = is_plain_text(&path);
    let (meta, body_offset) = if plain {
        (None, 0)
    } else {
        front_matter(&path, &text, diagnostics)
    };
    let mut meta = meta.unwrap_or_default();
    let doc = if lazy {
        if whole {
            Body::from_text(text, body_offset, plain)
        } else {
            Body::from_file(PathBuf::from(&path), size, body_offset, plain)
        }
    } else {
        let body = text.get(body_offset..).unwrap_or("");
        let parsed = if plain {
            Document::parse_plain(&text)
        } else {
            Document::parse(body, body_offset, &text)
        };
        Body::parsed(parsed, hash)
    };
    if meta.title.is_empty() {
        let head = doc.head(TITLE_HEAD);
        let heading = match &head {
            Some(part) => title_heading(&part.doc),
            None => title_heading(&doc),
        };
        (meta.title, meta.title_source) = match heading {
            Some(heading) => (heading, TitleSource::Heading),
            // Its path in the corpus (`guides/README`) names it best: a bare `README` would not.
            None => (id.clone(), TitleSource::FileName),
        };
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
        shows_path: false,
        file: String::new(),
        errors: 0,
        warnings: 0,
    };
    if !lazy {
        diagnostics.extend(brief.body_diagnostics());
    }
    let mut crossrefs = Vec::new();
    // A document without annotations is not a problem: its statistics and key terms are
    // derived, and the corpus says how many documents that is (`Corpus::unannotated`).
    if let Some(file) = sidecar {
        let text = decode(&file.path, file.bytes.clone(), diagnostics);
        let mut parsed = sidecar::parse(&file.path, &text, &brief.doc, brief.folded());
        diagnostics.append(&mut parsed.diagnostics);
        brief.summary = parsed.summary;
        brief.claims = parsed.claims;
        brief.statistics = parsed.statistics;
        crossrefs = parsed.crossrefs;
    }
    (brief, crossrefs)
}

/// `.txt` (and anything that is not `.md` or `.markdown`) is plain text.
fn is_plain_text(path: &str) -> bool {
    let extension = Path::new(path)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    !matches!(extension.as_deref(), Some("md" | "markdown"))
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

#[cfg(test)]
mod tests {

    #[test]
    fn a_large_document_with_long_front_matter_is_listed_by_it() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("long.md");
        // Front matter longer than the first read, then a body larger than the head.
        let notes = "A long note. ".repeat(8_000);
        let text = format!(
            "+++\ntitle = \"Long front matter\"\nsource_notes = \"{}\"\n+++\n\n# Heading\n\n{}",
            notes.trim_end(),
            "Words in a paragraph.\n\n".repeat(30_000)
        );
        assert!(text.len() as u64 > super::HEAD_READ && text.find("\n+++\n").unwrap_or(0) as u64 > super::HEAD_FIRST);
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        let corpus = super::load_path_lazy(&path);
        assert!(corpus.diagnostics.is_empty(), "{:?}", corpus.diagnostics);
        assert_eq!(corpus.briefs[0].meta.title, "Long front matter");
    }
}
