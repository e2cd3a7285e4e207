//! Speed of the reader: first frame, one keypress to the next frame, and opening a generated
//! 10 MB brief. Run with `cargo bench --bench reader`; the figures go in the README.
//!
//! Peak memory is measured too: before the timings, this binary runs itself as a child that only
//! opens the 10 MB brief, draws, jumps to the end, and reports its peak resident size.

#![allow(clippy::expect_used)] // a benchmark that cannot set up should stop loudly

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dossier::app::{AppState, Event};
use dossier::corpus;
use dossier::store::Now;
use dossier::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;
const BIG: usize = 10_000_000;

/// A brief of about `bytes` bytes: the research paper's body repeated under numbered parts, so it
/// has headings, lists and long paragraphs like a real one.
fn big_brief(bytes: usize) -> String {
    let seed = include_str!("../briefs/taliban-return-pakistan-security.md");
    let body = seed.split_once("\n+++\n").map_or(seed, |(_, b)| b);
    let mut md = String::from("+++\ntitle = \"Generated 10 MB brief\"\n+++\n");
    let mut part = 0;
    while md.len() < bytes {
        part += 1;
        md.push_str(&format!("\n# Part {part}\n\n"));
        md.push_str(body);
    }
    md
}

fn big_file() -> PathBuf {
    let path = std::env::temp_dir().join(format!("dossier-bench-{}.md", std::process::id()));
    if !path.exists() {
        std::fs::write(&path, big_brief(BIG)).expect("temporary file");
    }
    path
}

fn open(path: &Path) -> AppState {
    AppState::for_corpus(corpus::load_path(path), (WIDTH, HEIGHT))
}

fn key(state: &mut AppState, code: KeyCode) {
    state.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)), Now::fixed());
}

fn ctrl_d(state: &mut AppState) {
    state.update(
        Event::Key(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL)),
        Now::fixed(),
    );
}

fn draw(terminal: &mut Terminal<TestBackend>, state: &AppState, theme: &Theme) {
    terminal
        .draw(|frame| dossier::ui::draw(frame, state, theme))
        .expect("draw");
}

fn benches(c: &mut Criterion) {
    let theme = Theme::load("dark", None, false).0;
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");

    c.bench_function("start: bundled corpus to first full frame (120x40)", |b| {
        b.iter(|| {
            let state = AppState::for_corpus(corpus::load_embedded(), (WIDTH, HEIGHT));
            draw(&mut terminal, &state, &theme);
            black_box(state.reader().layout().rows.len())
        })
    });

    let mut state = AppState::for_corpus(corpus::load_embedded(), (WIDTH, HEIGHT));
    let paper = state
        .corpus()
        .index_of("taliban-return-pakistan-security")
        .expect("bundled paper");
    state.open(paper, None, None);
    let mut down = true;
    c.bench_function("key: j to next frame, bundled research paper", |b| {
        b.iter(|| {
            let before = state.reader().cursor();
            key(&mut state, if down { KeyCode::Char('j') } else { KeyCode::Char('k') });
            if state.reader().cursor() == before {
                down = !down;
            }
            draw(&mut terminal, &state, &theme);
        })
    });
    c.bench_function("key: Ctrl-d scroll to next frame, bundled research paper", |b| {
        b.iter(|| {
            ctrl_d(&mut state);
            if state.percent() >= 100 {
                key(&mut state, KeyCode::Char('g'));
            }
            draw(&mut terminal, &state, &theme);
        })
    });
    c.bench_function("key: ] side-panel tab switch to next frame", |b| {
        b.iter(|| {
            key(&mut state, KeyCode::Char(']'));
            draw(&mut terminal, &state, &theme);
        })
    });

    let path = big_file();
    let mut group = c.benchmark_group("10 MB brief");
    group.sample_size(10).measurement_time(Duration::from_secs(8));
    group.bench_function("open: load and first full frame", |b| {
        b.iter(|| {
            let state = open(&path);
            draw(&mut terminal, &state, &theme);
            black_box(state.reader().layout().rows.len())
        })
    });
    group.bench_function("G: from just opened to the last frame", |b| {
        b.iter_batched(
            || open(&path),
            |mut state| {
                key(&mut state, KeyCode::Char('G'));
                draw(&mut terminal, &state, &theme);
                state
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();

    let mut big = open(&path);
    let mut down = true;
    c.bench_function("key: j to next frame, 10 MB brief", |b| {
        b.iter(|| {
            let before = big.reader().cursor();
            key(&mut big, if down { KeyCode::Char('j') } else { KeyCode::Char('k') });
            if big.reader().cursor() == before || big.reader().cursor() > 2000 {
                down = !down;
            }
            draw(&mut terminal, &big, &theme);
        })
    });
    c.bench_function("key: Ctrl-d scroll to next frame, 10 MB brief", |b| {
        b.iter(|| {
            ctrl_d(&mut big);
            if big.reader().scroll() > 20_000 {
                key(&mut big, KeyCode::Char('g'));
            }
            draw(&mut terminal, &big, &theme);
        })
    });
    let _ = std::fs::remove_file(&path);
    jumps(c, &mut terminal, &theme);
}

/// Claims spread through a 10 MB brief: a claim jump, back and forward, and a side-panel tab
/// switch, each to the next frame. The brief carries a numbered marker sentence per part so each
/// claim's quote is found once.
fn jumps(c: &mut Criterion, terminal: &mut Terminal<TestBackend>, theme: &Theme) {
    let dir = std::env::temp_dir().join(format!("dossier-bench-jumps-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temporary folder");
    let seed = include_str!("../briefs/taliban-return-pakistan-security.md");
    let body = seed.split_once("\n+++\n").map_or(seed, |(_, b)| b);
    let mut md = String::from("+++\ntitle = \"Generated 10 MB brief with claims\"\n+++\n");
    let mut part = 0;
    while md.len() < BIG {
        part += 1;
        md.push_str(&format!(
            "\n# Part {part}\n\nMarker sentence number {part} of the brief.\n\n"
        ));
        md.push_str(body);
    }
    let mut sidecar =
        String::from("summary = \"A generated brief. It repeats a paper. Claims are spread through it.\"\n");
    for (n, at) in [1, part / 4, part / 2, 3 * part / 4, part].into_iter().enumerate() {
        sidecar.push_str(&format!(
            "\n[[claims]]\nid = \"claim-{n}\"\ntext = \"Part {at} is marked.\"\nquote = \"Marker sentence number {at} of the brief.\"\ntopics = []\n"
        ));
    }
    std::fs::write(dir.join("big.md"), md).expect("temporary file");
    std::fs::write(dir.join("big.toml"), sidecar).expect("temporary file");
    let mut state = AppState::for_corpus(corpus::load_path(&dir), (WIDTH, HEIGHT));
    state.open(0, None, None);
    // The side panel, its Claims tab.
    key(&mut state, KeyCode::Tab);
    key(&mut state, KeyCode::Char(']'));
    draw(terminal, &state, theme);
    let mut down = true;
    c.bench_function("jump: Enter on a claim to the next frame, 10 MB brief", |b| {
        b.iter(|| {
            let before = state.panel().selected();
            key(&mut state, if down { KeyCode::Char('j') } else { KeyCode::Char('k') });
            if state.panel().selected() == before {
                down = !down;
            }
            key(&mut state, KeyCode::Enter);
            draw(terminal, &state, theme);
        })
    });
    let mut back = true;
    c.bench_function(
        "jump: back (Ctrl-o) or forward (Alt-Right) to the next frame, 10 MB brief",
        |b| {
            b.iter(|| {
                let event = if back {
                    KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL)
                } else {
                    KeyEvent::new(KeyCode::Right, KeyModifiers::ALT)
                };
                back = !back;
                state.update(Event::Key(event), Now::fixed());
                draw(terminal, &state, theme);
            })
        },
    );
    c.bench_function("key: ] side-panel tab switch to next frame, 10 MB brief", |b| {
        b.iter(|| {
            key(&mut state, KeyCode::Char(']'));
            draw(terminal, &state, theme);
        })
    });
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(reader, benches);

/// Peak resident memory of this process, from /proc (Linux).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() {
    if let Ok(path) = std::env::var("DOSSIER_MEMORY_PROBE") {
        let theme = Theme::load("dark", None, false).0;
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
        let phase = |name: &str| {
            if std::env::var_os("DOSSIER_MEMORY_PHASES").is_some() {
                let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
                let pick = |k: &str| status.lines().find(|l| l.starts_with(k)).unwrap_or("").to_owned();
                eprintln!("{name}: {} {}", pick("VmRSS"), pick("VmHWM"));
            }
        };
        phase("start");
        let corpus = corpus::load_path(Path::new(&path));
        phase("loaded");
        let mut state = AppState::for_corpus(corpus, (WIDTH, HEIGHT));
        draw(&mut terminal, &state, &theme);
        phase("first frame");
        key(&mut state, KeyCode::Char('G'));
        draw(&mut terminal, &state, &theme);
        phase("after G");
        if std::env::var_os("DOSSIER_MEMORY_PHASES").is_some() {
            eprintln!(
                "rows {}, segment {} B",
                state.reader().layout().rows.len(),
                std::mem::size_of::<dossier::render::Segment>()
            );
        }
        println!("{}", peak_rss_kib().unwrap_or(0));
        return;
    }
    let path = big_file();
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let probe = std::env::current_exe().ok().and_then(|exe| {
        std::process::Command::new(exe)
            .env("DOSSIER_MEMORY_PROBE", &path)
            .output()
            .ok()
    });
    if let Some(kib) = probe.and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse::<u64>().ok()) {
        let ratio = (kib * 1024) as f64 / size as f64;
        println!(
            "memory: peak RSS {:.1} MB opening a {:.1} MB brief, drawing, and pressing G ({ratio:.1}x the file)",
            kib as f64 / 1024.0,
            size as f64 / 1e6
        );
    }
    let _ = std::fs::remove_file(&path);
    reader();
    Criterion::default().configure_from_args().final_summary();
}
