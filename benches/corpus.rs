//! Speed across a large corpus: searching 2,000 briefs (about 10 MB) and deriving statistics, key
//! terms and links for all of them. Run with `cargo bench --bench corpus`.

#![allow(clippy::expect_used)] // a benchmark that cannot set up should stop loudly

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dossier::app::{AppState, Event};
use dossier::corpus::{self, Corpus, Origin, SourceFile};
use dossier::search::{self, Matcher, Scope};
use dossier::store::Now;
use dossier::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// 2,000 briefs of about 5 KB each, cut from the bundled briefs' paragraphs in a varying order.
fn big_corpus() -> Corpus {
    let mut paragraphs: Vec<String> = Vec::new();
    for (path, text) in dossier::embedded::BRIEFS {
        if path.ends_with(".md") {
            let body = text.split_once("\n+++\n").map_or(*text, |(_, b)| b);
            paragraphs.extend(body.split("\n\n").filter(|p| p.len() > 200).map(str::to_owned));
        }
    }
    let mut pairs = Vec::new();
    let mut seed: usize = 7;
    for n in 0..2000 {
        let mut md = format!("+++\ntitle = \"Generated brief {n}\"\n+++\n\n# Generated brief {n}\n\n");
        while md.len() < 5_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            md.push_str(&paragraphs[(seed >> 33) % paragraphs.len()]);
            md.push_str("\n\n");
        }
        pairs.push((
            SourceFile {
                path: format!("briefs/gen-{n:04}.md"),
                bytes: md.into_bytes(),
            },
            None,
        ));
    }
    corpus::load_sources(pairs, Origin::Embedded, Vec::new())
}

fn benches(c: &mut Criterion) {
    let corpus = big_corpus();
    let bytes: usize = corpus.briefs.iter().map(|b| b.doc.text.len()).sum();
    println!(
        "corpus: {} briefs, {:.1} MB of text",
        corpus.briefs.len(),
        bytes as f64 / 1e6
    );
    let common = Matcher::new("taliban", false).expect("query");
    let rare = Matcher::new("durand line", false).expect("query");
    let mut group = c.benchmark_group("search 2000 briefs");
    group.sample_size(20).measurement_time(Duration::from_secs(5));
    group.bench_function("first results (50 hits), common word", |b| {
        b.iter(|| black_box(search::search(&corpus, &[], &[], &common, Scope::Text, 50).len()))
    });
    group.bench_function("full results (every hit), common word", |b| {
        b.iter(|| black_box(search::search(&corpus, &[], &[], &common, Scope::Text, usize::MAX).len()))
    });
    group.bench_function("full results (every hit), rare phrase", |b| {
        b.iter(|| black_box(search::search(&corpus, &[], &[], &rare, Scope::Text, usize::MAX).len()))
    });
    group.bench_function("regex, every hit", |b| {
        let years = Matcher::new(r"\b20[0-2]\d\b", true).expect("query");
        b.iter(|| black_box(search::search(&corpus, &[], &[], &years, Scope::Text, usize::MAX).len()))
    });
    group.finish();
    let mut group = c.benchmark_group("derive 2000 briefs");
    group.sample_size(10).measurement_time(Duration::from_secs(15));
    group.bench_function("statistics, key terms and inferred links", |b| {
        b.iter(|| black_box(dossier::derive::corpus(&corpus).links.len()))
    });
    group.finish();
    views(c, corpus);
}

/// The reader over the 2,000 briefs, their derived figures arrived: opening the corpus views,
/// switching their tabs, and opening a brief from the list, each to the next frame (120x40).
fn views(c: &mut Criterion, corpus: Corpus) {
    let theme = Theme::load("dark", None, false).0;
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let derived = dossier::derive::corpus(&corpus);
    let mut state = AppState::for_corpus(corpus, (120, 40));
    state.update(Event::Derived(0, Box::new(derived)), Now::fixed());
    let key = |state: &mut AppState, code: KeyCode| {
        state.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)), Now::fixed());
    };
    let mut draw = |state: &AppState| {
        terminal
            .draw(|frame| dossier::ui::draw(frame, state, &theme))
            .expect("draw");
    };
    let mut group = c.benchmark_group("corpus views, 2000 briefs");
    group.sample_size(20).measurement_time(Duration::from_secs(5));
    group.bench_function("A: open to the next frame (then Esc)", |b| {
        b.iter(|| {
            key(&mut state, KeyCode::Char('A'));
            draw(&state);
            key(&mut state, KeyCode::Esc);
        })
    });
    key(&mut state, KeyCode::Char('A'));
    group.bench_function("Tab: next corpus-view tab to the next frame", |b| {
        b.iter(|| {
            key(&mut state, KeyCode::Tab);
            draw(&state);
        })
    });
    key(&mut state, KeyCode::Esc);
    // The list: each step selects the next brief and opens it.
    state.update(
        Event::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
        Now::fixed(),
    );
    group.bench_function("list: j and Enter open the next brief to the next frame", |b| {
        b.iter(|| {
            key(&mut state, KeyCode::Char('j'));
            key(&mut state, KeyCode::Enter);
            draw(&state);
            // Back to the list for the next step.
            state.update(
                Event::Key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
                Now::fixed(),
            );
        })
    });
    group.finish();
}

criterion_group!(corpus_benches, benches);
criterion_main!(corpus_benches);
