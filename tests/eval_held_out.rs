//! The derived-statistics evaluation on the texts in `tests/eval/` (see `tests/eval/README.md`).
//! Each threshold is the figure measured when the test was written, less a small margin, so a
//! change that makes extraction worse fails the build.

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

fn assert_at_least(e: &Evaluation, floors: [f64; 5]) {
    let got = [e.precision(), e.recall(), e.qualifier(), e.period(), e.measure()];
    let names = [
        "precision",
        "recall",
        "qualifier right",
        "period right",
        "measure names the counted noun",
    ];
    for ((name, got), floor) in names.iter().zip(got).zip(floors) {
        assert!(got >= floor, "{name} {got:.3} fell below {floor} ({e:?})");
    }
}

#[test]
fn held_out_texts_keep_their_measured_figures() {
    // Measured: precision 0.99 (96/97), recall 1.00 (96/96), qualifier 1.00, period 0.99 (95/96),
    // measure 1.00 (84/84).
    let e = evaluate_folder("tests/eval/held-out", 6);
    assert_eq!(
        e.curated, 96,
        "the annotations changed: update the figures in README.md too"
    );
    assert_at_least(&e, [0.97, 0.98, 0.98, 0.97, 0.98]);
}

#[test]
fn unseen_texts_keep_their_measured_figures() {
    // Measured after the fixes this set prompted: precision 0.99 (66/67), recall 0.94 (66/70),
    // qualifier 1.00, period 0.98 (65/66), measure 1.00 (57/57). Its first run, before any fix,
    // is in README.md. After the round of period and count rules (derive-round3): precision 1.00
    // (67/67), recall 0.96 (67/70), qualifier 1.00, period 0.99 (66/67), measure 1.00 (58/58).
    let e = evaluate_folder("tests/eval/unseen", 5);
    assert_eq!(
        e.curated, 70,
        "the annotations changed: update the figures in README.md too"
    );
    assert_at_least(&e, [0.98, 0.94, 0.98, 0.97, 0.98]);
}

#[test]
fn fresh_texts_keep_their_measured_figures() {
    // Its first run, on texts written after the rules were frozen: precision 0.87 (65/75),
    // recall 0.92 (65/71), qualifier 0.95 (62/65), period 0.71 (46/65), measure 0.98 (60/61).
    // No rule was written from this set. Rules written since for classes it shares with
    // `mixed/` (a table dated by the text before it, "nowhere more than") moved it to
    // qualifier 0.97 (63/65) and period 0.85 (55/65). The round of period and count rules
    // written for the classes its first run exposed (none from its sentences) gave precision
    // 0.94 (67/71), recall 0.94 (67/71), qualifier 1.00, period 0.85 (57/67), measure 0.98
    // (61/62); these floors only catch regressions.
    let e = evaluate_folder("tests/eval/fresh", 5);
    assert_eq!(
        e.curated, 71,
        "the annotations changed: update the figures in README.md too"
    );
    assert_at_least(&e, [0.92, 0.92, 0.97, 0.83, 0.96]);
}

#[test]
fn mixed_texts_keep_their_measured_figures() {
    // First run, before any rule was changed for it: precision 0.87 (99/114), recall 0.88
    // (99/113), qualifier 0.99 (98/99), period 0.84 (83/99), measure 0.99 (86/87). Measured
    // after the fixes it prompted (versions, counted nouns, table periods): precision 1.00
    // (109/109), recall 0.96 (109/113), qualifier 1.00 (109/109), period 0.94 (103/109),
    // measure 1.00 (96/96). After the round of period and count rules: precision 1.00 (110/110),
    // recall 0.97 (110/113), qualifier 1.00, period 0.96 (106/110), measure 1.00 (97/97).
    let e = evaluate_folder("tests/eval/mixed", 5);
    assert_eq!(
        e.curated, 113,
        "the annotations changed: update the figures in README.md too"
    );
    assert_at_least(&e, [0.98, 0.95, 0.98, 0.94, 0.98]);
}

#[test]
fn novel_texts_keep_their_measured_figures() {
    // Written by a separate author from tests/eval/README.md alone, without the extractor's code
    // or output, and committed before its first run. First run: precision 0.90 (146/162), recall
    // 0.84 (146/174), qualifier 0.99 (144/146), period 0.90 (131/146), measure 0.86 (109/127).
    // The next round took its misses as its list of classes, so it is no longer unseen: now
    // 0.94 (154/163), 0.89 (154/174), 0.99, 0.93 (143/154), 0.96 (129/135).
    let e = evaluate_folder("tests/eval/novel", 6);
    assert_eq!(
        e.curated, 174,
        "the annotations changed: update the figures in README.md too"
    );
    assert_at_least(&e, [0.92, 0.87, 0.97, 0.91, 0.94]);
}

#[test]
fn sealed_texts_keep_their_measured_figures() {
    // Written by a separate author from tests/eval/README.md alone, without the extractor's code
    // or output, committed before its first run, which came after the round that novel/ prompted.
    // First run: precision 0.83 (148/179), recall 0.82 (148/180), qualifier 0.99 (146/148),
    // period 0.72 (106/148), measure 0.98 (129/131). The round after took its misses as its
    // list, so it is no longer unseen: now 0.92 (158/172), 0.88 (158/180), 0.99, 0.83 (131/158),
    // 0.99 (139/141).
    let e = evaluate_folder("tests/eval/sealed", 6);
    assert_eq!(
        e.curated, 180,
        "the annotations changed: update the figures in README.md too"
    );
    assert_at_least(&e, [0.90, 0.86, 0.97, 0.81, 0.97]);
}

#[test]
fn blind_texts_keep_their_measured_figures() {
    // Written by a separate author from tests/eval/README.md alone, without the extractor's code
    // or output, committed before its first run, which came after the round that sealed/
    // prompted. First run: precision 0.79 (153/193), recall 0.85 (153/180), qualifier 0.99
    // (152/153), period 0.69 (105/153), measure 0.93 (136/146). The round after took its misses
    // as its list: now 0.87 (168/193), 0.93 (168/180), 0.99, 0.83 (140/168), 0.98 (153/156).
    let e = evaluate_folder("tests/eval/blind", 6);
    assert_eq!(
        e.curated, 180,
        "the annotations changed: update the figures in README.md too"
    );
    assert_at_least(&e, [0.85, 0.91, 0.97, 0.81, 0.96]);
}

#[test]
fn veiled_texts_keep_their_measured_figures() {
    // Written the same way, committed before its first run, which came after the round blind/
    // prompted. First run: precision 0.78 (147/188), recall 0.78 (147/188), qualifier 0.99
    // (146/147), period 0.55 (81/147), measure 0.95 (134/141). The rounds after read its misses:
    // now 0.79 (150/190), 0.80 (150/188), 0.99, 0.75 (112/150), 0.95 (137/144).
    let e = evaluate_folder("tests/eval/veiled", 6);
    assert_eq!(
        e.curated, 188,
        "the annotations changed: update the figures in README.md too"
    );
    assert_at_least(&e, [0.77, 0.78, 0.97, 0.73, 0.93]);
}

#[test]
fn hidden_texts_keep_their_measured_figures() {
    // Written the same way, committed before its first run, which came after the round veiled/
    // prompted. First run: precision 0.84 (178/213), recall 0.93 (178/192), qualifier 0.99
    // (177/178), period 0.51 (91/178), measure 0.88 (147/168). The round after read its misses:
    // now 0.89 (186/210), 0.97 (186/192), 0.99, 0.66 (122/186), 0.95 (167/176). After cloaked/'s
    // round ("April 2024 to March 2025" a span without "from"): period 0.75 (139/186).
    let e = evaluate_folder("tests/eval/hidden", 6);
    assert_eq!(
        e.curated, 192,
        "the annotations changed: update the figures in README.md too"
    );
    assert_at_least(&e, [0.87, 0.95, 0.97, 0.73, 0.93]);
}

#[test]
fn covert_texts_keep_their_measured_figures() {
    // Written the same way, committed before its first run, which came after the round hidden/
    // prompted. First run: precision 0.84 (184/219), recall 0.94 (184/195), qualifier 0.99
    // (182/184), period 0.70 (128/184), measure 0.83 (146/175). One fix followed, of a bug its
    // misses showed in the round before (a caption's "(€ million)" as a money column's currency),
    // then fixes for versions in tables and academic years in tables: now 0.87 (184/211), 0.94,
    // 0.99, 0.72 (133/184), 0.86 (151/175). These floors only catch regressions.
    let e = evaluate_folder("tests/eval/covert", 6);
    assert_eq!(
        e.curated, 195,
        "the annotations changed: update the figures in README.md too"
    );
    assert_at_least(&e, [0.85, 0.92, 0.97, 0.70, 0.84]);
}

#[test]
fn masked_texts_keep_their_measured_figures() {
    // Written the same way, committed before its first run, which came after the fixes covert/
    // prompted. First run: precision 0.90 (248/276), recall 0.87 (248/286), qualifier 0.98
    // (244/248), period 0.65 (161/248), measure 0.85 (191/225). The round after it (units in
    // µg/m³ and mg, a caption's unit after its scale, fractions matched at the annotator's
    // decimals): 0.90 (260/288), 0.91 (260/286), 0.98, 0.65 (169/260), 0.96 (228/237).
    let e = evaluate_folder("tests/eval/masked", 6);
    assert_eq!(
        e.curated, 286,
        "the annotations changed: update the figures in README.md too"
    );
    assert_at_least(&e, [0.88, 0.89, 0.96, 0.63, 0.94]);
}

#[test]
fn cloaked_texts_keep_their_measured_figures() {
    // Written the same way, committed before its first run, which came after the round masked/
    // prompted. First run: precision 0.85 (238/281), recall 0.87 (238/274), qualifier 1.00
    // (237/238), period 0.66 (157/238), measure 0.88 (196/222). The round after read its misses
    // (a caption's "(per cent)", basis points, months of a span across two years, clocks under
    // a "(min:sec)" header): precision 0.86 (250/291), recall 0.91 (250/274), period 0.69
    // (172/250), measure 0.94 (221/234).
    let e = evaluate_folder("tests/eval/cloaked", 6);
    assert_eq!(
        e.curated, 274,
        "the annotations changed: update the figures in README.md too"
    );
    assert_at_least(&e, [0.84, 0.89, 0.97, 0.66, 0.92]);
}

#[test]
fn shrouded_texts_keep_their_measured_figures() {
    // Written the same way, committed before its first run, which came after the round cloaked/
    // prompted. First run: precision 0.81 (221/274), recall 0.79 (221/280), qualifier 0.97
    // (215/221), period 0.59 (131/221), measure 0.73 (148/202). The round after read its misses
    // (a bracketed unit before one in the words, "€ million" at a caption's end, one-letter
    // headers, weeks in rows headed "Week ending"): 0.91 (240/265), 0.86 (240/280), 0.97
    // (234/240), 0.72 (174/240), 0.82 (182/221). The next session's rules, made before eclipsed/'s
    // first run (a span a paper "reports on", ages, a two-word unit in a header's brackets, a
    // unit over the row names): 0.91 (244/268), 0.87 (244/280), 0.98, 0.75 (184/244), 0.91
    // (204/225).
    let e = evaluate_folder("tests/eval/shrouded", 6);
    assert_eq!(
        e.curated, 280,
        "the annotations changed: update the figures in README.md too"
    );
    assert_at_least(&e, [0.89, 0.85, 0.95, 0.73, 0.89]);
}

#[test]
fn eclipsed_texts_keep_their_measured_figures() {
    // Written the same way (an earnings release, a cricket final, exam results, airport traffic,
    // a charity's review, a tool's release notes), committed before its first run. First run:
    // precision 0.85 (256/300), recall 0.89 (256/287), qualifier 0.98 (250/256), period 0.72
    // (184/256), measure 0.93 (228/245). The round after (a fiscal quarter "which ended" on a
    // day, "results for" a period, a subtitle's period, "in millions of U.S. dollars, except
    // per-share amounts"): precision 0.87 (256/293), period 0.80 (206/256), measure 0.96 (234/245).
    let e = evaluate_folder("tests/eval/eclipsed", 6);
    assert_eq!(
        e.curated, 287,
        "the annotations changed: update the figures in README.md too"
    );
    assert_at_least(&e, [0.85, 0.87, 0.96, 0.79, 0.94]);
}

#[test]
fn obscured_texts_keep_their_measured_figures() {
    // Written the same way (a hospital's quarterly bulletin, a fire season, a bike-share year, a
    // national park's visitors, a research funding round, a housing market month), committed
    // before its first run. First run: precision 0.85 (350/410), recall 0.95 (350/368), qualifier
    // 0.99 (345/350), period 0.61 (213/350), measure 0.96 (323/338). The round after ("July to
    // September 2025" without "from", an apposition restating the covered period, announced
    // "results of", the event a superlative counts from, a table's change column and its rows'
    // months, "down 4.3% on 2023"): precision 0.86 (351/407), period 0.75 (262/351).
    let e = evaluate_folder("tests/eval/obscured", 6);
    assert_eq!(
        e.curated, 368,
        "the annotations changed: update the figures in README.md too"
    );
    assert_at_least(&e, [0.84, 0.93, 0.97, 0.73, 0.94]);
}

#[test]
fn occluded_texts_keep_their_measured_figures() {
    // Written the same way (an engineer's biography, a school district's year from September, a
    // tourism office's monthly bulletin, a Go tool's README, an earthquake situation report, a
    // miner's quarterly production report), committed before its first run. First run: precision
    // 0.93 (334/360), recall 0.85 (334/393), qualifier 0.99 (331/334), period 0.70 (234/334),
    // measure 0.92 (287/311). The round after is in README.md.
    let e = evaluate_folder("tests/eval/occluded", 6);
    assert_eq!(
        e.curated, 393,
        "the annotations changed: update the figures in README.md too"
    );
    assert_at_least(&e, [0.92, 0.89, 0.97, 0.79, 0.91]);
}
