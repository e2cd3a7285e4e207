//! Front matter and sidecar loading: `corpus::load_sources` on up to two briefs, each a Markdown
//! file and an optional sidecar, split from the input at NUL bytes:
//! `a.md \0 a.toml \0 b.md \0 b.toml` (fewer parts: fewer files). The bytes need not be UTF-8.
//! No panic; every anchor is a range of its brief's text on character boundaries; and what the
//! command line prints about the corpus (`check`, `check --json`, `list`, `list --json`) carries
//! no control character (DOSSIER_FUZZ_SKIP=leaks looks for panics only).

#![no_main]

use dossier::cli;
use dossier::corpus::{self, Origin, SourceFile};
use libfuzzer_sys::fuzz_target;

fn leak(c: char) -> bool {
    c != '\n' && dossier::sanitize::is_unsafe(c)
}

fn check_output(what: &str, text: &str) {
    if std::env::var("DOSSIER_FUZZ_SKIP").is_ok_and(|v| v.split(',').any(|s| s.trim() == "leaks")) {
        return;
    }
    if let Some((at, c)) = text.char_indices().find(|&(_, c)| leak(c)) {
        let from = text.floor_char_boundary(at.saturating_sub(40));
        let to = text.ceil_char_boundary((at + 40).min(text.len()));
        panic!("{what} prints {c:?}: {:?}", &text[from..to]);
    }
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.split(|&b| b == 0);
    let mut pairs = Vec::new();
    for id in ["a", "b"] {
        let Some(md) = parts.next() else { break };
        let sidecar = parts.next().map(|bytes| SourceFile {
            path: format!("{id}.toml"),
            bytes: bytes.to_vec(),
        });
        pairs.push((
            SourceFile {
                path: format!("{id}.md"),
                bytes: md.to_vec(),
            },
            sidecar,
        ));
    }
    let count = pairs.len();
    let corpus = corpus::load_sources(pairs, Origin::Directory("fuzz".into()), Vec::new());
    assert_eq!(corpus.briefs.len(), count, "every brief loads, however broken");
    for brief in &corpus.briefs {
        let text = &brief.doc.text;
        let anchors = brief
            .claims
            .iter()
            .filter_map(|c| c.anchor.clone())
            .chain(brief.statistics.iter().filter_map(|s| s.anchor.clone()));
        for range in anchors {
            assert!(
                range.start <= range.end && range.end <= text.len(),
                "anchor {range:?} outside the text"
            );
            assert!(
                text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
                "anchor {range:?} splits a character"
            );
        }
        for link in &brief.crossrefs {
            assert!(
                brief.claim(&link.from_claim).is_some(),
                "a link from a claim the brief lacks: {link:?}"
            );
        }
        for link in &brief.backlinks {
            assert!(
                brief.claim(&link.to_claim).is_some(),
                "a backlink to a claim the brief lacks: {link:?}"
            );
        }
    }
    check_output("check", &cli::check(&corpus, false).stdout);
    check_output("check --json", &cli::check(&corpus, true).stdout);
    check_output("list", &cli::list(&corpus, false).stdout);
    check_output("list --json", &cli::list(&corpus, true).stdout);
});
