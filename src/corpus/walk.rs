//! Finding a corpus's documents in a folder: `.md`, `.markdown` and `.txt` files at any depth,
//! each with its sidecar `.toml` beside it when there is one. Only regular files are read; a
//! folder, FIFO, socket or device where a document should be, a broken link or a link loop is
//! reported by path and kind and skipped. Hidden folders (`.git`) are not searched.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::diagnostic::Diagnostic;

/// File name endings that make a document.
pub const DOCUMENT_EXTENSIONS: &[&str] = &["md", "markdown", "txt"];

/// The most documents read from one folder; past it, the rest are reported and skipped.
pub const MAX_DOCUMENTS: usize = 20_000;

/// What a folder holds.
#[derive(Debug, Default)]
pub struct Found {
    pub documents: Vec<PathBuf>,
    /// Every sidecar found (a document's sidecar is read only when it is here).
    pub sidecars: HashSet<PathBuf>,
    /// More than `MAX_DOCUMENTS` were there (and reported).
    truncated: bool,
    /// Sidecars whose document is missing.
    pub lone_sidecars: Vec<PathBuf>,
}

fn is_document(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| DOCUMENT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Walks `root` for documents, in path order.
pub fn walk(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Found {
    let mut found = Found::default();
    let mut sidecars = Vec::new();
    let mut seen = HashSet::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        // A folder reached twice (through a link) is read once.
        if let Ok(canonical) = fs::canonicalize(&dir)
            && !seen.insert(canonical)
        {
            continue;
        }
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                let what = if dir == root {
                    "cannot read folder"
                } else {
                    "cannot read sub-folder"
                };
                diagnostics.push(Diagnostic::warning(
                    &dir.display().to_string(),
                    (1, 1),
                    format!("{what}: {}", crate::read::reason(&e)),
                ));
                continue;
            }
        };
        // The kind of each entry comes with the listing; only links are looked up.
        let mut paths: Vec<(PathBuf, Option<fs::FileType>)> = entries
            .flatten()
            .map(|e| (e.path(), e.file_type().ok().filter(|t| !t.is_symlink())))
            .collect();
        paths.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, listed) in paths {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if let Some(kind) = listed
                && kind.is_file()
            {
                if name.ends_with(".toml") {
                    sidecars.push(path);
                } else if is_document(&path) {
                    push_document(&mut found, path, root, diagnostics);
                }
                continue;
            }
            // What the name points at, links followed; a loop or a dangling link is reported.
            let metadata = match fs::metadata(&path) {
                Ok(m) => m,
                Err(e) if is_document(&path) || name.ends_with(".toml") => {
                    let what = if e.raw_os_error() == Some(40) || e.to_string().contains("symbolic links") {
                        "a symbolic link loop".to_owned()
                    } else {
                        format!("unreadable ({})", crate::read::reason(&e))
                    };
                    diagnostics.push(Diagnostic::warning(
                        &path.display().to_string(),
                        (1, 1),
                        format!("skipped: it is {what}"),
                    ));
                    continue;
                }
                Err(_) => continue,
            };
            if metadata.is_dir() {
                if is_document(&path) {
                    diagnostics.push(skipped(&path, "a folder"));
                }
                if !name.starts_with('.') {
                    stack.push(path);
                }
                continue;
            }
            if is_document(&path) || name.ends_with(".toml") {
                if !metadata.is_file() {
                    diagnostics.push(skipped(&path, crate::read::kind_of(metadata.file_type())));
                    continue;
                }
                if name.ends_with(".toml") {
                    sidecars.push(path);
                } else {
                    push_document(&mut found, path, root, diagnostics);
                }
            }
        }
    }
    found.documents.sort();
    found.sidecars = sidecars.iter().cloned().collect();
    let documents: HashSet<&Path> = found.documents.iter().map(PathBuf::as_path).collect();
    for sidecar in sidecars {
        let has_document = DOCUMENT_EXTENSIONS
            .iter()
            .any(|ext| documents.contains(sidecar.with_extension(ext).as_path()));
        // Settings files that happen to sit in the folder are not sidecars.
        let name = sidecar.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !has_document && !matches!(name, "Cargo.toml" | "config.toml" | "keymap.toml" | "pyproject.toml") {
            found.lone_sidecars.push(sidecar);
        }
    }
    found.lone_sidecars.sort();
    found
}

fn push_document(found: &mut Found, path: PathBuf, root: &Path, diagnostics: &mut Vec<Diagnostic>) {
    if found.documents.len() < MAX_DOCUMENTS {
        found.documents.push(path);
    } else if !found.truncated {
        found.truncated = true;
        diagnostics.push(Diagnostic::warning(
            &root.display().to_string(),
            (1, 1),
            format!("more than {MAX_DOCUMENTS} documents: the rest are not read"),
        ));
    }
}

fn skipped(path: &Path, kind: &str) -> Diagnostic {
    Diagnostic::warning(
        &path.display().to_string(),
        (1, 1),
        format!("skipped: it is {kind}, not a regular file"),
    )
}

/// The sidecar of a document: the `.toml` beside it with the same name.
pub fn sidecar_of(document: &Path) -> PathBuf {
    document.with_extension("toml")
}

/// A document's id: its path under `root` without the extension (`notes/today`), or its name
/// when it is not under `root`.
pub fn id_of(document: &Path, root: Option<&Path>) -> String {
    id_from(document, root, false)
}

/// The id of a document whose name without extension is taken by another (`notes.md` and
/// `notes.txt`): its path with the extension (`notes.txt`).
pub fn id_with_extension(document: &Path, root: Option<&Path>) -> String {
    id_from(document, root, true)
}

fn id_from(document: &Path, root: Option<&Path>, keep_extension: bool) -> String {
    let relative = root
        .and_then(|r| document.strip_prefix(r).ok())
        .unwrap_or_else(|| Path::new(document.file_name().unwrap_or_default()));
    let without = if keep_extension {
        relative.to_owned()
    } else {
        relative.with_extension("")
    };
    let parts: Vec<String> = without
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    crate::sanitize::sanitize_line(&parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_at_any_depth_and_what_is_not_one_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("docs/deep")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        fs::create_dir_all(root.join("x.md")).unwrap();
        for file in [
            "a.md",
            "docs/b.markdown",
            "docs/deep/c.txt",
            ".git/d.md",
            "docs/b.toml",
            "e.toml",
            "Cargo.toml",
        ] {
            fs::write(root.join(file), "text").unwrap();
        }
        std::os::unix::fs::symlink("loop.md", root.join("loop.md")).unwrap();
        let mut diagnostics = Vec::new();
        let found = walk(root, &mut diagnostics);
        let ids: Vec<String> = found.documents.iter().map(|d| id_of(d, Some(root))).collect();
        assert_eq!(ids, ["a", "docs/b", "docs/deep/c"]);
        assert_eq!(found.lone_sidecars, [root.join("e.toml")]);
        let messages: Vec<String> = diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.path.rsplit('/').next().unwrap_or(""), d.message))
            .collect();
        assert_eq!(
            messages,
            [
                "loop.md: skipped: it is a symbolic link loop",
                "x.md: skipped: it is a folder, not a regular file",
            ]
        );
    }
}
