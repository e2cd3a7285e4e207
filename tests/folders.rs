//! Any folder of documents: what is read, how titles are chosen, what is said about the rest.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed setup should fail loudly

use std::fs;
use std::path::Path;

use dossier::cli;
use dossier::corpus::{self, TitleSource};

fn write(root: &Path, file: &str, text: &str) {
    let path = root.join(file);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

#[test]
fn a_folder_is_read_at_any_depth_and_titles_come_from_the_best_source() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "a.md",
        "+++\ntitle = \"Chosen in front matter\"\n+++\n\n# Heading\n\nText.\n",
    );
    write(root, "guide/README.md", "# Table of Contents\n\n# The Guide\n\nText.\n");
    write(
        root,
        "guide/setup.markdown",
        "## Install\n\n# Not the title: a section came first\n",
    );
    write(root, "notes/plain.txt", "# not a heading\n\nplain words\n");
    write(root, "one/README.md", "# Same\n");
    write(root, "two/README.md", "# Same\n");
    write(root, "skip.png", "not a document");
    let c = corpus::load_path(root);
    let rows: Vec<(String, String, TitleSource, bool)> = c
        .briefs
        .iter()
        .map(|b| (b.id.clone(), b.meta.title.clone(), b.meta.title_source, b.shows_path))
        .collect();
    assert_eq!(
        rows,
        [
            (
                "a".into(),
                "Chosen in front matter".into(),
                TitleSource::FrontMatter,
                false
            ),
            ("guide/README".into(), "The Guide".into(), TitleSource::Heading, false),
            ("guide/setup".into(), "guide/setup".into(), TitleSource::FileName, false),
            ("notes/plain".into(), "notes/plain".into(), TitleSource::FileName, false),
            ("one/README".into(), "Same".into(), TitleSource::Heading, true),
            ("two/README".into(), "Same".into(), TitleSource::Heading, true),
        ]
    );
    // Plain text is never read as Markdown.
    let plain = c.brief("notes/plain").unwrap();
    assert_eq!(plain.doc.headings().count(), 0);
    assert!(plain.doc.text.starts_with("# not a heading"));
    assert_eq!(c.briefs[4].file, "one/README.md");
    // Documents without annotations are counted, not reported.
    let out = cli::check(&c, false);
    assert_eq!(
        out.stdout,
        "6 briefs, 0 claims, 0 statistics, 0 cross-references: 0 errors, 0 warnings\n\
         6 documents without annotations: statistics and key terms are derived\n"
    );
    assert_eq!(out.code, 0);
}

#[test]
fn an_empty_folder_says_so_without_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let c = corpus::load_path(dir.path());
    assert!(c.briefs.is_empty());
    assert_eq!(c.errors(), 0);
    assert!(c.diagnostics[0].message.starts_with("no documents here"));
}

#[test]
fn binary_files_and_oversized_front_matter_are_reported_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("binary.md"), b"\x00\x01\x02 not text").unwrap();
    let big = format!(
        "+++\ntitle = \"{}\"\n+++\n\nBody.\n",
        "x".repeat(corpus::FRONT_MATTER_LIMIT + 10)
    );
    write(root, "big.md", &big);
    write(root, "fine.md", "# Fine\n");
    let c = corpus::load_path(root);
    let ids: Vec<&str> = c.briefs.iter().map(|b| b.id.as_str()).collect();
    assert_eq!(ids, ["big", "fine"]);
    let messages: Vec<String> = c.diagnostics.iter().map(ToString::to_string).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("binary.md:1:1: warning: skipped: a binary file")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("big.md:2:1: error: front matter of 256.0 KiB is over the limit")),
        "{messages:?}"
    );
    assert_eq!(
        c.brief("big").unwrap().meta.title,
        "big",
        "the ignored front matter gives no title"
    );
}

#[test]
fn html_in_markdown_is_reduced_to_its_text() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "r.md",
        "<h1 align=\"center\"><img src=\"l.svg\" alt=\"logo\"> Tool &amp; Co</h1>\n\n\
         <!-- hidden -->\n\n<details>\n<summary>More</summary>\n\nInside a<br>b.\n\n</details>\n",
    );
    let c = corpus::load_path(dir.path());
    let b = &c.briefs[0];
    assert_eq!(b.meta.title, "Tool & Co");
    assert_eq!(b.doc.text, "[image: logo] Tool & Co\nMore\nInside a\nb.");
    assert!(!b.doc.text.contains('<'));
}

#[test]
fn two_documents_differing_only_in_extension_get_distinct_ids_and_one_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "notes.md", "# Markdown notes\n\nThe marked passage is here.\n");
    write(root, "notes.txt", "Plain notes.\n");
    write(
        root,
        "notes.toml",
        "summary = \"One. Two. Three.\"\n[[claims]]\nid = \"c\"\ntext = \"A claim.\"\nquote = \"The marked passage is here.\"\ntopics = []\n",
    );
    let c = corpus::load_path(root);
    let ids: Vec<(&str, usize)> = c.briefs.iter().map(|b| (b.id.as_str(), b.claims.len())).collect();
    assert_eq!(ids, [("notes", 1), ("notes.txt", 0)], "{:?}", c.diagnostics);
    assert_eq!(c.errors(), 0, "{:?}", c.diagnostics);
}
