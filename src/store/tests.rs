use std::fs;

use super::*;
use crate::corpus::{self, Origin, SourceFile};

const BRIEF: &str = "+++\ntitle = \"T\"\n+++\n\n# Intro\n\nThe border is long and hard to guard, officials say.\n\nOver 650 attacks were recorded in 2023, a sharp rise on earlier years.\n\nTrade fell as crossings closed for weeks at a time.\n";

fn corpus_of(md: &str) -> Corpus {
    let file = SourceFile {
        path: "briefs/b.md".into(),
        bytes: md.as_bytes().to_vec(),
    };
    corpus::load_sources(vec![(file, None)], Origin::Embedded, Vec::new())
}

fn mark(corpus: &Corpus, quote: &str) -> Bookmark {
    let brief = &corpus.briefs[0];
    let start = brief.doc.text.find(quote).expect("quote in the brief");
    Bookmark::new(
        brief,
        start..start + quote.len(),
        "a note",
        format!("t-{start}"),
        Now::fixed().iso(),
    )
}

fn placed_text(corpus: &Corpus, bookmark: &Bookmark) -> Option<String> {
    match place(corpus, bookmark) {
        Placement::Placed { brief, range } => corpus.briefs[brief].doc.text.get(range).map(str::to_owned),
        Placement::Orphan(_) | Placement::Elsewhere(_) => None,
    }
}

#[test]
fn a_bookmark_keeps_its_quote_context_and_section() {
    let corpus = corpus_of(BRIEF);
    let b = mark(&corpus, "Over 650 attacks were recorded in 2023");
    assert_eq!(b.section, "Intro");
    assert_eq!(b.prefix.chars().count(), CONTEXT);
    assert!(b.prefix.ends_with("officials say.\n"), "{:?}", b.prefix);
    assert!(b.suffix.starts_with(", a sharp rise"));
    assert_eq!(
        placed_text(&corpus, &b).as_deref(),
        Some("Over 650 attacks were recorded in 2023")
    );
}

#[test]
fn re_anchoring_survives_text_inserted_above() {
    let b = mark(&corpus_of(BRIEF), "Over 650 attacks were recorded in 2023");
    let edited = BRIEF.replace(
        "# Intro\n",
        "# Intro\n\nA whole new opening paragraph pushes everything down by a lot.\n",
    );
    assert_eq!(
        placed_text(&corpus_of(&edited), &b).as_deref(),
        Some("Over 650 attacks were recorded in 2023")
    );
}

#[test]
fn re_anchoring_survives_a_word_changed_inside() {
    let b = mark(&corpus_of(BRIEF), "Over 650 attacks were recorded in 2023");
    let edited = BRIEF.replace("attacks were recorded", "attacks were counted");
    assert_eq!(
        placed_text(&corpus_of(&edited), &b).as_deref(),
        Some("Over 650 attacks were counted in 2023")
    );
}

#[test]
fn re_anchoring_survives_a_paragraph_moved() {
    let b = mark(&corpus_of(BRIEF), "Trade fell as crossings closed");
    let moved = BRIEF
        .replace("\nTrade fell as crossings closed for weeks at a time.\n", "")
        .replace(
            "# Intro\n",
            "# Intro\n\nTrade fell as crossings closed for weeks at a time.\n",
        );
    assert_eq!(
        placed_text(&corpus_of(&moved), &b).as_deref(),
        Some("Trade fell as crossings closed")
    );
}

#[test]
fn a_deleted_passage_or_brief_makes_an_orphan() {
    let corpus = corpus_of(BRIEF);
    let b = mark(&corpus, "Over 650 attacks were recorded in 2023");
    let deleted = BRIEF.replace(
        "Over 650 attacks were recorded in 2023, a sharp rise on earlier years.\n",
        "",
    );
    assert!(matches!(place(&corpus_of(&deleted), &b), Placement::Orphan(_)));
    let mut elsewhere = b.clone();
    elsewhere.brief = "gone".into();
    assert_eq!(
        place(&corpus, &elsewhere),
        Placement::Orphan("brief `gone` is gone".into())
    );
}

#[test]
fn save_and_load_round_trip_with_changes_replayed() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_of(BRIEF);
    let mut store = BookmarkStore::new(dir.path());
    assert_eq!(
        store.load(),
        Loaded::Ok {
            bookmarks: Vec::new(),
            bad: Vec::new(),
            copy: None
        }
    );
    let a = mark(&corpus, "The border is long");
    let b = mark(&corpus, "Trade fell");
    let saved = store.save(&[Change::Add(a.clone()), Change::Add(b.clone())]).unwrap();
    assert_eq!(saved.len(), 2);
    let saved = store
        .save(&[
            Change::Note {
                id: a.id.clone(),
                note: "edited".into(),
            },
            Change::Delete(b.id.clone()),
        ])
        .unwrap();
    assert_eq!(saved.len(), 1);
    let mut again = BookmarkStore::new(dir.path());
    match again.load() {
        Loaded::Ok { bookmarks: list, .. } => {
            assert_eq!(list.len(), 1);
            assert_eq!(list[0].note, "edited");
            assert_eq!(list[0].exact, "The border is long");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn two_sessions_merge_instead_of_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_of(BRIEF);
    let first = BookmarkStore::new(dir.path());
    let second = BookmarkStore::new(dir.path());
    first.save(&[Change::Add(mark(&corpus, "The border"))]).unwrap();
    // The second session never saw the first one's bookmark; saving its own keeps both.
    let merged = second.save(&[Change::Add(mark(&corpus, "Trade fell"))]).unwrap();
    assert_eq!(merged.len(), 2);
}

fn unreadable_case(bytes: &[u8]) -> (Loaded, Vec<(String, Vec<u8>)>) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bookmarks.toml"), bytes).unwrap();
    let mut store = BookmarkStore::new(dir.path());
    let loaded = store.load();
    // Saving afterwards must not touch the original bytes, wherever they are now.
    let _ = store.save(&[Change::Add(mark(&corpus_of(BRIEF), "Trade fell"))]);
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.to_string_lossy().ends_with(".lock"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    (loaded, files)
}

#[test]
fn unreadable_files_are_moved_aside_with_their_bytes_intact() {
    let cases: [&[u8]; 3] = [
        b"schema = 1\n[[bookmarks]]\nid = \"x\"\nbrief = \"b", // truncated
        b"this is not toml at all {{{",                        // not TOML
        b"schema = 1\n\xff\xfe bytes\n",                       // not UTF-8
    ];
    for bytes in cases {
        let (loaded, files) = unreadable_case(bytes);
        assert!(matches!(loaded, Loaded::MovedAside { to: Some(_), .. }), "{loaded:?}");
        let aside = files
            .iter()
            .find(|(name, _)| name.starts_with("bookmarks.toml.broken-"))
            .expect("moved aside");
        assert_eq!(aside.1, bytes, "original bytes kept");
        let fresh = files
            .iter()
            .find(|(name, _)| name == "bookmarks.toml")
            .expect("a new file started");
        assert!(String::from_utf8_lossy(&fresh.1).contains("Trade fell"));
    }
}

#[test]
fn a_newer_file_is_left_alone_and_never_written() {
    let bytes = b"schema = 7\nfuture = true\n";
    let (loaded, files) = unreadable_case(bytes);
    assert_eq!(loaded, Loaded::Newer { schema: 7 });
    assert_eq!(files, vec![("bookmarks.toml".to_owned(), bytes.to_vec())]);
}

#[test]
fn a_folder_that_cannot_be_written_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    // A data "folder" that is really a file cannot hold bookmarks.toml.
    let blocker = dir.path().join("data");
    fs::write(&blocker, b"not a folder").unwrap();
    let store = BookmarkStore::new(&blocker);
    let error = store
        .save(&[Change::Add(mark(&corpus_of(BRIEF), "Trade fell"))])
        .unwrap_err();
    assert!(error.starts_with("cannot create"), "{error}");
    assert_eq!(fs::read(&blocker).unwrap(), b"not a folder");
}

#[test]
fn reading_state_round_trips_and_merges_positions() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = state::StateStore::new(dir.path(), "bundled");
    let (empty, message) = store.load();
    assert_eq!((empty, message), (state::ReadingState::default(), None));
    let mut mine = state::ReadingState {
        last_brief: Some("a".into()),
        focus: Some("panel".into()),
        ..Default::default()
    };
    mine.positions.insert("a".into(), 12);
    store.save(&mine).unwrap();
    let mut other = state::ReadingState {
        last_brief: Some("b".into()),
        ..Default::default()
    };
    other.positions.insert("b".into(), 3);
    store.save(&other).unwrap();
    let (loaded, _) = state::StateStore::new(dir.path(), "bundled").load();
    assert_eq!(loaded.last_brief.as_deref(), Some("b"));
    assert_eq!(
        loaded.positions.get("a"),
        Some(&12),
        "the other session's position is kept"
    );
    assert_eq!(loaded.positions.get("b"), Some(&3));
}

#[test]
fn an_unreadable_state_file_is_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("state.toml"), b"[broken").unwrap();
    let mut store = state::StateStore::new(dir.path(), "bundled");
    let (state, message) = store.load();
    assert_eq!(state, state::ReadingState::default());
    assert!(message.unwrap().contains("moved to"));
    let aside: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(
        aside
            .iter()
            .any(|n| n.to_string_lossy().starts_with("state.toml.broken-"))
    );
}

#[test]
fn moments_read_as_iso_dates() {
    let at = |secs: u64| Now(UNIX_EPOCH + std::time::Duration::from_secs(secs));
    assert_eq!(at(0).iso(), "1970-01-01T00:00:00Z");
    assert_eq!(at(19_782 * 86_400 + 3_661).iso(), "2024-02-29T01:01:01Z");
    assert_eq!(at(20_778 * 86_400).compact(), "20261121T000000Z");
}

#[test]
fn one_bad_bookmark_costs_nothing_but_itself_and_its_text_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_of(BRIEF);
    let store = BookmarkStore::new(dir.path());
    store
        .save(&[
            Change::Add(mark(&corpus, "The border")),
            Change::Add(mark(&corpus, "Trade fell")),
        ])
        .unwrap();
    let path = dir.path().join("bookmarks.toml");
    let text = fs::read_to_string(&path).unwrap();
    // A third bookmark with a wrong-typed position and a field this dossier has never heard of.
    let broken = format!(
        "{text}\n[[bookmarks]]\nid = \"bad\"\nbrief = \"b\"\ncreated = \"x\"\nexact = \"y\"\nposition = \"not a number\"\ncontent_hash = \"0\"\n"
    );
    fs::write(&path, &broken).unwrap();
    let mut store = BookmarkStore::new(dir.path());
    let Loaded::Ok { bookmarks, bad, copy } = store.load() else {
        panic!()
    };
    assert_eq!(bookmarks.len(), 2, "the good ones load");
    assert_eq!(bad.len(), 1);
    let header = broken
        .lines()
        .enumerate()
        .filter(|(_, l)| *l == "[[bookmarks]]")
        .nth(2)
        .map(|(i, _)| i + 1);
    assert_eq!(Some(bad[0].line), header, "named by its header's line");
    let copy = copy.expect("the file is copied aside");
    assert_eq!(fs::read_to_string(&copy).unwrap(), broken, "with the bad entry's text");
    store.save(&[Change::Delete("nothing".into())]).unwrap();
    let after = fs::read_to_string(&path).unwrap();
    assert!(!after.contains("not a number"), "the rewrite leaves it out");
    assert_eq!(BookmarkStore::new(dir.path()).peek().unwrap().len(), 2);
}

#[test]
fn fields_a_newer_dossier_wrote_are_kept_on_rewrite() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_of(BRIEF);
    let store = BookmarkStore::new(dir.path());
    store.save(&[Change::Add(mark(&corpus, "The border"))]).unwrap();
    let path = dir.path().join("bookmarks.toml");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("[[bookmarks]]\n", "[[bookmarks]]\ncolour = \"amber\"\n")
        .replace("schema = 2\n", "schema = 2\nsync = { enabled = true }\n");
    fs::write(&path, text).unwrap();
    store.save(&[Change::Add(mark(&corpus, "Trade fell"))]).unwrap();
    let after = fs::read_to_string(&path).unwrap();
    assert!(after.contains("colour = \"amber\""), "{after}");
    assert!(after.contains("enabled = true"), "{after}");
}

#[test]
fn a_symlinked_bookmarks_file_is_written_through_to_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let dotfiles = dir.path().join("dotfiles");
    let data = dir.path().join("data");
    fs::create_dir_all(&dotfiles).unwrap();
    fs::create_dir_all(&data).unwrap();
    let target = dotfiles.join("bookmarks.toml");
    fs::write(&target, "schema = 2\n").unwrap();
    std::os::unix::fs::symlink(&target, data.join("bookmarks.toml")).unwrap();
    let corpus = corpus_of(BRIEF);
    BookmarkStore::new(&data)
        .save(&[Change::Add(mark(&corpus, "Trade fell"))])
        .unwrap();
    let link = data.join("bookmarks.toml");
    assert!(
        fs::symlink_metadata(&link).unwrap().file_type().is_symlink(),
        "still a link"
    );
    assert!(
        fs::read_to_string(&target).unwrap().contains("Trade fell"),
        "the target has it"
    );
    assert_eq!(
        fs::read_dir(&data).unwrap().count(),
        2,
        "the link and the lock, no stray copy"
    );
}

#[test]
fn bookmarks_belong_to_their_corpus_and_old_ones_go_where_their_brief_is() {
    let here = corpus_of(BRIEF);
    let elsewhere = corpus_of("+++\ntitle = \"Other\"\n+++\n\nA different text entirely.\n");
    let mut mine = mark(&here, "Trade fell").in_corpus("/home/a");
    let theirs = mark(&here, "The border").in_corpus("/home/b");
    let mut old = mark(&here, "Over 650 attacks");
    old.corpus = None;
    let mut lost = mark(&here, "Over 650 attacks");
    lost.corpus = None;
    lost.id = "lost".into();
    lost.exact = "words no corpus has".into();
    lost.prefix.clear();
    lost.suffix.clear();
    lost.content_hash = "0".into();
    let all = vec![mine.clone(), theirs.clone(), old.clone(), lost.clone()];
    let placements = place_all(&here, "/home/a", &all);
    assert!(matches!(placements[0], Placement::Placed { .. }));
    assert_eq!(
        placements[1],
        Placement::Elsewhere(Some("/home/b".into())),
        "never an orphan here"
    );
    assert_eq!(
        placements[2],
        Placement::Elsewhere(None),
        "old ones wait for their corpus"
    );
    // Migration: found here goes here; found only in the bundled corpus goes there; else waits.
    let changes = migrate(&all, &here, "/home/a", Some(&elsewhere));
    assert_eq!(
        changes,
        [Change::Assign {
            id: old.id.clone(),
            corpus: "/home/a".into()
        }]
    );
    let changes = migrate(&all, &elsewhere, "/home/c", Some(&here));
    assert_eq!(
        changes,
        [Change::Assign {
            id: old.id.clone(),
            corpus: "bundled".into()
        }]
    );
    // The bundled corpus shows old ones, as orphans when not found.
    let placements = place_all(&here, "bundled", &all);
    assert!(matches!(placements[2], Placement::Placed { .. }));
    assert!(matches!(placements[3], Placement::Orphan(_)));
    mine.corpus = None;
    let mut list = vec![mine];
    apply_all(
        &mut list,
        &[Change::Assign {
            id: old.id,
            corpus: "x".into(),
        }],
    );
    assert_eq!(list[0].corpus, None, "only the bookmark named is assigned");
}
