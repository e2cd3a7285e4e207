//! `dossier import`: the five seed texts import as briefs whose text matches the bundled briefs
//! sentence for sentence, that `check` passes, and nothing existing is overwritten.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed setup should fail loudly

use std::fs;
use std::path::{Path, PathBuf};

use dossier::corpus::{self, Brief};

/// The text's sentences, each as its words (markup and stray symbols are not words), so two
/// texts compare by what they say, not by how the blocks are laid out.
fn sentences(brief: &Brief) -> Vec<String> {
    let flat = brief.doc.text.replace('\n', " ");
    dossier::text::sentences(&flat)
        .into_iter()
        .map(|range| {
            let sentence = flat.get(range).unwrap_or("");
            dossier::text::words(sentence)
                .into_iter()
                .map(|w| sentence.get(w).unwrap_or(""))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// Every word of the text with the block it is in and whether a line break comes before it.
fn words_in_blocks(brief: &Brief) -> Vec<(String, usize, bool)> {
    let doc = &brief.doc;
    let mut out = Vec::new();
    for (index, block) in doc.blocks.iter().enumerate() {
        let text = doc.block_text(block);
        let mut last = 0;
        for range in dossier::text::words(text) {
            let broken = text.get(last..range.start).is_some_and(|gap| gap.contains('\n'));
            last = range.end;
            out.push((text.get(range).unwrap_or("").to_owned(), index, broken));
        }
    }
    out
}

/// Where two texts of the same words are divided differently: a paragraph boundary in one that
/// is neither a boundary nor a line break in the other (a sentence cut in two, or two paragraphs
/// run together).
fn divided_differently(a: &Brief, b: &Brief) -> Vec<String> {
    let (x, y) = (words_in_blocks(a), words_in_blocks(b));
    let mut out = Vec::new();
    for i in 1..x.len().min(y.len()) {
        let x_new = x[i].1 != x[i - 1].1;
        let y_new = y[i].1 != y[i - 1].1;
        if x_new != y_new && !(x_new && y[i].2) && !(y_new && x[i].2) {
            out.push(format!("… {} {} | {} …", x[i - 2.min(i)].0, x[i - 1].0, x[i].0));
        }
    }
    out
}

fn seeds() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir("tests/fixtures/seeds")
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn each_seed_imports_sentence_for_sentence_as_the_bundled_brief() {
    let dir = tempfile::tempdir().unwrap();
    let report = dossier::import::import(&seeds(), dir.path());
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(report.written.len(), 5);
    let imported = corpus::load_path(dir.path());
    assert_eq!(imported.errors(), 0, "{:?}", imported.diagnostics);
    let bundled = corpus::load_embedded();
    for brief in &bundled.briefs {
        let origin = brief.meta.origin.clone().unwrap();
        let id = dossier::import::id_for(Path::new(&origin));
        let ours = imported
            .brief(&id)
            .unwrap_or_else(|| panic!("{origin} was not imported as {id}"));
        let (want, got) = (sentences(brief), sentences(ours));
        for (i, (w, g)) in want.iter().zip(&got).enumerate() {
            assert_eq!(w, g, "{origin}: sentence {i} differs");
        }
        assert_eq!(want.len(), got.len(), "{origin}: sentence count");
        // Paragraphs end where the bundled brief's do: no sentence left cut by a page break.
        assert_eq!(divided_differently(brief, ours), Vec::<String>::new(), "{origin}");
    }
}

#[test]
fn what_import_finds_at_the_top_is_proposed_and_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let report = dossier::import::import(&seeds()[..1], dir.path());
    assert!(report.failed.is_empty());
    let c = corpus::load_path(dir.path());
    let b = &c.briefs[0];
    assert_eq!(b.meta.title, "Why Taiwan’s Security Matters to Everyone");
    assert_eq!(b.meta.date.as_deref(), Some("2025-09-19"));
    assert_eq!(b.meta.authors, ["Zainab Chaudhary"]);
    let notes = b.meta.source_notes.as_deref().unwrap();
    assert!(notes.contains("Found by import: the headline (line 2)."), "{notes}");
    assert!(notes.contains("Found by import: the byline (line 4)."), "{notes}");
    assert!(
        notes.contains("the date (line 3), written “September 19, 2025”"),
        "{notes}"
    );
}

#[test]
fn importing_again_overwrites_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let seed = &seeds()[2..3];
    assert!(dossier::import::import(seed, dir.path()).failed.is_empty());
    let md = fs::read_dir(dir.path()).unwrap().count();
    let sidecar = dir.path().join("002-5117c29aba42f0e3.toml");
    fs::write(&sidecar, "summary = \"My own words. Kept safe. Not lost.\"\n").unwrap();
    let again = dossier::import::import(seed, dir.path());
    assert_eq!(again.written.len(), 0);
    assert!(
        again.failed[0].contains("already exists; nothing was overwritten"),
        "{:?}",
        again.failed
    );
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), md);
    assert!(fs::read_to_string(&sidecar).unwrap().contains("My own words"));
}

#[test]
fn html_and_markdown_sources_import_too() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("page.html");
    fs::write(
        &html,
        "<html><head><title>Site</title><meta name=\"author\" content=\"Ana Ruiz\"></head><body>\
         <nav>Home | About</nav><article><h1>Rivers Run Dry</h1><p>The gauges stopped in 2021.</p>\
         <p>Costs rose by 1,200 *units*.</p></article></body></html>",
    )
    .unwrap();
    let md = dir.path().join("notes.md");
    fs::write(&md, "# Field Notes\n\nBy Li Wei\n\nSome *emphasis* stays Markdown.\n").unwrap();
    let out = dir.path().join("briefs");
    let report = dossier::import::import(&[html, md], &out);
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    let c = corpus::load_path(&out);
    assert_eq!(c.errors(), 0, "{:?}", c.diagnostics);
    let page = c.brief("page").unwrap();
    assert_eq!(page.meta.title, "Rivers Run Dry");
    assert_eq!(page.meta.authors, ["Ana Ruiz"]);
    assert_eq!(
        page.doc.text,
        "Rivers Run Dry\nThe gauges stopped in 2021.\nCosts rose by 1,200 *units*."
    );
    let notes = c.brief("notes").unwrap();
    assert_eq!(notes.meta.title, "Field Notes");
    assert_eq!(notes.meta.authors, ["Li Wei"]);
    assert_eq!(notes.doc.text, "Field Notes\nBy Li Wei\nSome emphasis stays Markdown.");
}
