//! Watching the open corpus's folder: a change to a document or sidecar reaches the loop as one
//! event, a quarter of a second after the last write of a burst (an editor's save is often
//! several writes, a rename and a delete). Only writes, creations, renames and removals count:
//! reading a file (as dossier itself does when it reloads) is not a change.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::time::Duration;

use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use super::event_loop::Msg;
use crate::app::Event;
use crate::corpus::Origin;

/// How long a burst of writes must be quiet before it counts as one change.
const QUIET: Duration = Duration::from_millis(250);

/// Whether a change to `path` can change the corpus: a document or a sidecar, not in a hidden
/// folder such as `.git`.
fn matters(path: &Path, root: &Path, only: Option<&Path>) -> bool {
    if let Some(file) = only {
        return path == file || path == file.with_extension("toml");
    }
    let relative = path.strip_prefix(root).unwrap_or(path);
    let hidden = relative
        .components()
        .any(|c| c.as_os_str().to_str().is_some_and(|s| s.starts_with('.')));
    let extension = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    !hidden && matches!(extension.as_deref(), Some("md" | "markdown" | "txt" | "toml"))
}

/// Whether an event is a change to what a file holds or where it is.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Starts watching; the returned watcher must be kept alive. `None` for the bundled briefs, or
/// when the system cannot watch (the reader then works without live reload).
pub fn spawn(origin: &Origin, events: Sender<Msg>) -> Option<RecommendedWatcher> {
    let (root, only, mode) = match origin {
        Origin::Embedded => return None,
        Origin::Directory(path) => (path.clone(), None, RecursiveMode::Recursive),
        Origin::File(path) => (
            path.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_owned),
            Some(path.clone()),
            RecursiveMode::NonRecursive,
        ),
    };
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    let only = only.map(|f| std::fs::canonicalize(&f).unwrap_or(f));
    let (raw_tx, raw) = mpsc::channel::<PathBuf>();
    let filter_root = root.clone();
    let mut watcher = notify::recommended_watcher(move |result: notify::Result<notify::Event>| {
        let Ok(event) = result else { return };
        if !is_change(&event.kind) {
            return;
        }
        for path in event.paths {
            if matters(&path, &filter_root, only.as_deref()) {
                let _ = raw_tx.send(path);
            }
        }
    })
    .ok()?;
    watcher.watch(&root, mode).ok()?;
    // Gathers a burst: waits (in the kernel, no timer) for the first change, then until the
    // changes have been quiet for a moment.
    std::thread::spawn(move || {
        while let Ok(first) = raw.recv() {
            let mut paths = vec![first];
            loop {
                match raw.recv_timeout(QUIET) {
                    Ok(path) => paths.push(path),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
            let mut shown: Vec<String> = paths
                .iter()
                .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
                .collect();
            shown.sort();
            shown.dedup();
            if events.send(Msg::App(Event::FilesChanged(shown))).is_err() {
                return;
            }
        }
    });
    Some(watcher)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_and_sidecars_matter_and_hidden_folders_do_not() {
        let root = Path::new("/c");
        assert!(matters(Path::new("/c/a.md"), root, None));
        assert!(matters(Path::new("/c/sub/b.TXT"), root, None));
        assert!(matters(Path::new("/c/a.toml"), root, None));
        assert!(!matters(Path::new("/c/.git/a.md"), root, None));
        assert!(!matters(Path::new("/c/a.md.swp"), root, None));
        let only = Path::new("/c/one.md");
        assert!(matters(Path::new("/c/one.toml"), root, Some(only)));
        assert!(!matters(Path::new("/c/two.md"), root, Some(only)));
    }
}
