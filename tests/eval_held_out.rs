//! The derived-statistics evaluation on `tests/eval/held-out`, texts written for the test (see
//! `tests/eval/README.md`). The thresholds are the figures measured when this test was written,
//! less a small margin, so a change that makes extraction worse fails the build.

use std::path::Path;

use dossier::derive::{Evaluation, evaluate};

fn evaluate_folder(folder: &str, briefs: usize) -> Evaluation {
    let corpus = dossier::corpus::load_path(Path::new(env!("CARGO_MANIFEST_DIR")).join(folder).as_path());
    assert_eq!(corpus.errors(), 0, "{:#?}", corpus.diagnostics);
    assert_eq!(corpus.briefs.len(), briefs);
    let mut total = Evaluation::default();
    for brief in &corpus.briefs {
        total.add(&evaluate(brief).0);
    }
    total
}

#[test]
fn held_out_texts_keep_their_measured_figures() {
    let e = evaluate_folder("tests/eval/held-out", 6);
    assert_eq!(
        e.curated, 96,
        "the annotations changed: update the figures in README.md too"
    );
    for (name, got, floor) in [
        ("precision", e.precision(), 0.97),
        ("recall", e.recall(), 0.98),
        ("qualifier right", e.qualifier(), 0.98),
        ("period right", e.period(), 0.97),
        ("measure names the counted noun", e.measure(), 0.98),
    ] {
        assert!(got >= floor, "{name} {got:.3} fell below {floor} ({e:?})");
    }
}
