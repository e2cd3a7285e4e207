//! The bookmarks file: arbitrary bytes written to `bookmarks.toml` in a temporary data folder,
//! then `BookmarkStore::peek` (never writes) and `BookmarkStore::load` (moves a broken file
//! aside, leaves a newer one alone). No panic; peek changes nothing on disk; load keeps the
//! bytes (in place, or moved aside intact). What loads is then placed in a small corpus and
//! exported, as `dossier export` does, and the digest must carry no control character
//! (DOSSIER_FUZZ_SKIP=leaks looks for panics only).

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use dossier::corpus::{self, Corpus, Origin, SourceFile};
use dossier::store::{BookmarkStore, Loaded};
use libfuzzer_sys::fuzz_target;

const BRIEF: &str =
    "+++\ntitle = \"Alpha\"\n+++\n# Alpha\n\nThe border is long and hard to guard.\n\nOver 650 attacks in 2023.\n";

struct Fixture {
    dir: PathBuf,
    corpus: Corpus,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("dossier-fuzz-bookmarks-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        let pairs = vec![(
            SourceFile {
                path: "alpha.md".into(),
                bytes: BRIEF.as_bytes().to_vec(),
            },
            None,
        )];
        Fixture {
            dir,
            corpus: corpus::load_sources(pairs, Origin::Embedded, Vec::new()),
        }
    })
}

/// Empties the folder (moved-aside files, lock files) for the next input.
fn clear(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Fixture { dir, corpus } = fixture();
    clear(dir);
    let path = dir.join("bookmarks.toml");
    std::fs::write(&path, data).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    let peeked = BookmarkStore::new(dir).peek();
    assert_eq!(
        std::fs::read(&path).ok().as_deref(),
        Some(data),
        "peek changed the file"
    );
    let mut store = BookmarkStore::new(dir);
    let list = match store.load() {
        Loaded::Ok { bookmarks: list, .. } => {
            // Entries that cannot be read are left out by both.
            assert_eq!(Ok(&list), peeked.as_ref(), "load and peek disagree");
            assert_eq!(
                std::fs::read(&path).ok().as_deref(),
                Some(data),
                "a readable file was changed"
            );
            list
        }
        Loaded::Newer { .. } => {
            assert!(peeked.is_err());
            assert_eq!(
                std::fs::read(&path).ok().as_deref(),
                Some(data),
                "a newer file was changed"
            );
            Vec::new()
        }
        Loaded::MovedAside { to, .. } => {
            assert!(peeked.is_err());
            let to = to.unwrap_or_else(|| panic!("a broken file in a writable folder was not moved aside"));
            assert_eq!(
                std::fs::read(&to).ok().as_deref(),
                Some(data),
                "the moved file lost bytes"
            );
            Vec::new()
        }
    };
    let digest = dossier::export::digest(corpus, &list, false);
    check_output("export", &digest);
    // `dossier search --scope bookmarks .` with a regex that matches every placed bookmark.
    if let Ok(matcher) = dossier::search::Matcher::new(".", true) {
        let placements: Vec<_> = list.iter().map(|b| dossier::store::place(corpus, b)).collect();
        let hits = dossier::search::search(
            corpus,
            &list,
            &placements,
            &matcher,
            dossier::search::Scope::Bookmarks,
            usize::MAX,
        );
        for hit in hits {
            check_output("search --scope bookmarks", &hit.context);
        }
    }
});

fn check_output(what: &str, text: &str) {
    if std::env::var("DOSSIER_FUZZ_SKIP").is_ok_and(|v| v.split(',').any(|s| s.trim() == "leaks")) {
        return;
    }
    if let Some((at, c)) = text
        .char_indices()
        .find(|&(_, c)| c != '\n' && dossier::sanitize::is_unsafe(c))
    {
        let from = text.floor_char_boundary(at.saturating_sub(40));
        let to = text.ceil_char_boundary((at + 40).min(text.len()));
        panic!("{what} prints {c:?}: {:?}", &text[from..to]);
    }
}
