//! Speed of quote anchoring (how bookmarks and sidecar quotes are placed again after an edit) in
//! a generated 10 MB brief: a quote found exactly, a quote with one word changed (the approximate
//! tier), a quote that is nowhere, and the longest quote the approximate tier takes with one word
//! changed. Run with `cargo bench --bench anchor`.
//!
//! `DOSSIER_BENCH_HUGE=1` adds the same cases over a 200 MB brief (about 2 GB of memory, and a
//! minute to set up). Each case's first run is timed and printed before the measurements, so
//! `DOSSIER_BENCH_HUGE=1 cargo bench --bench anchor -- 'no such bench'` gives one timing of each
//! without criterion's repetitions.

#![allow(clippy::expect_used)] // a benchmark that cannot set up should stop loudly

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::corpus::anchor::APPROXIMATE_QUOTE_LIMIT;
use dossier::corpus::{Anchoring, Document, FoldedText, Selector};

/// Pseudo-random words, so every passage of the brief is different (as in a real one) and a
/// quote has a single right place.
struct Words {
    state: u64,
    vocabulary: Vec<String>,
}

impl Words {
    fn new() -> Words {
        let syllables = [
            "ka", "ro", "mi", "ten", "sha", "lo", "vin", "dar", "pe", "qui", "sto", "ne", "bar", "el", "tu", "gra",
        ];
        let mut words = Words {
            state: 0x9e37_79b9_7f4a_7c15,
            vocabulary: Vec::new(),
        };
        for _ in 0..5_000 {
            let count = 1 + words.next(3);
            let word: String = (0..count).map(|_| syllables[words.next(syllables.len())]).collect();
            words.vocabulary.push(word);
        }
        // Short common words, as in English prose.
        for common in ["the", "of", "and", "in", "to", "a", "was", "for", "on", "that"] {
            for _ in 0..200 {
                words.vocabulary.push(common.to_owned());
            }
        }
        words
    }

    fn next(&mut self, below: usize) -> usize {
        self.state = self
            .state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.state >> 33) as usize) % below
    }

    fn word(&mut self) -> &str {
        let i = self.next(self.vocabulary.len());
        &self.vocabulary[i]
    }
}

/// A Markdown brief of about `bytes` bytes: headings every 20 paragraphs of 60 to 140 words.
fn brief(bytes: usize) -> String {
    let mut words = Words::new();
    let mut md = String::with_capacity(bytes + 1_000);
    let mut paragraph = 0;
    while md.len() < bytes {
        if paragraph % 20 == 0 {
            md.push_str(&format!("# Part {}\n\n", paragraph / 20 + 1));
        }
        paragraph += 1;
        let count = 60 + words.next(80);
        for n in 0..count {
            if n > 0 {
                md.push(' ');
            }
            let word = words.word().to_owned();
            md.push_str(&word);
            if n % 12 == 11 {
                md.push('.');
            }
        }
        md.push_str(".\n\n");
    }
    md
}

struct Case {
    name: &'static str,
    quote: String,
}

/// One passage of `words` words, the same words as the brief's but in another order.
fn long_passage(words: usize) -> String {
    let mut generator = Words::new();
    generator.state = 7;
    let mut passage = String::new();
    for n in 0..words {
        if n > 0 {
            passage.push(' ');
        }
        let word = generator.word().to_owned();
        passage.push_str(&word);
    }
    passage
}

/// A quote from the middle of the brief, the same with one word changed, one that is nowhere,
/// and the longest quote matched approximately (the long passage, one word changed).
fn cases(doc: &Document) -> Vec<Case> {
    let middle = doc.block_at(doc.text.len() / 2).expect("blocks");
    let passage = doc.block_text(&doc.blocks[middle]);
    let words: Vec<&str> = passage.split(' ').collect();
    let exact = words[10..30].join(" ");
    let mut changed: Vec<&str> = words[10..30].to_vec();
    changed[9] = "changed";
    let changed = changed.join(" ");
    let long = doc
        .blocks
        .iter()
        .map(|b| doc.block_text(b))
        .find(|t| t.len() > APPROXIMATE_QUOTE_LIMIT)
        .expect("the long passage");
    let mut long_changed: Vec<&str> = long.split(' ').collect();
    let mut cut = 0;
    long_changed.retain(|w| {
        cut += w.len() + 1;
        cut <= APPROXIMATE_QUOTE_LIMIT
    });
    let middle = long_changed.len() / 2;
    long_changed[middle] = "changed";
    vec![
        Case {
            name: "long quote, one word changed",
            quote: long_changed.join(" "),
        },
        Case {
            name: "exact quote",
            quote: exact,
        },
        Case {
            name: "one word changed",
            quote: changed,
        },
        Case {
            name: "nowhere",
            quote: "a sentence that the generated brief does not hold anywhere at all, in any form".to_owned(),
        },
    ]
}

fn group(c: &mut Criterion, label: &str, bytes: usize) {
    let mut md = brief(bytes);
    // The long passage, at a paragraph break three quarters of the way in.
    let at = md[..md.len() / 4 * 3].rfind("\n\n").map_or(0, |i| i + 2);
    md.insert_str(at, &format!("{}\n\n", long_passage(400)));
    let doc = Document::parse(&md, 0, &md);
    drop(md);
    let folded = FoldedText::new(&doc);
    let cases = cases(&doc);
    for case in &cases {
        let selector = Selector {
            exact: &case.quote,
            ..Selector::default()
        };
        let started = Instant::now();
        let result = folded.anchor(&doc.text, &selector);
        let took = started.elapsed();
        println!(
            "{label}, {}: {} bytes of text, quote of {} bytes -> {} in {took:.2?} (first run)",
            case.name,
            doc.text.len(),
            case.quote.len(),
            match result {
                Anchoring::Exact(_) => "exact".to_owned(),
                Anchoring::CaseInsensitive(_) => "case-insensitive".to_owned(),
                Anchoring::Approximate { similarity, .. } => format!("approximate ({similarity:.2})"),
                Anchoring::Ambiguous(r) => format!("ambiguous ({})", r.len()),
                Anchoring::NotFound { closest } => format!("not found (closest {closest:?})"),
            }
        );
    }
    let mut group = c.benchmark_group(format!("anchor in {label}"));
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    for case in &cases {
        let selector = Selector {
            exact: &case.quote,
            ..Selector::default()
        };
        group.bench_function(case.name, |b| b.iter(|| black_box(folded.anchor(&doc.text, &selector))));
    }
    group.finish();
}

fn benches(c: &mut Criterion) {
    group(c, "a 10 MB brief", 10_000_000);
    if std::env::var_os("DOSSIER_BENCH_HUGE").is_some() {
        group(c, "a 200 MB brief", 200_000_000);
    }
}

criterion_group!(anchor_benches, benches);
criterion_main!(anchor_benches);
