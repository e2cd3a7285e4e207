//! The reader as a state machine: random keys, resizes, mouse events, pastes and idle ticks fed to
//! `AppState::update` on random terminal sizes (0x0 and 1x1 to 500x300), over the test corpus
//! (`tests/fixtures/reader`) or a corpus of generated Markdown, with bookmarks as a bookmarks file
//! may hold them (placed, orphaned, odd). After every event the state is drawn into a
//! `TestBackend` of the terminal's size and checked:
//!
//! - nothing panics (in `update` or in drawing);
//! - the open brief exists, and the passage cursor is one of its blocks (0 for an empty brief);
//! - the layout is for the width the reader's text has now, and the scroll is within it;
//! - every row the reader shows lies inside the buffer, above the status bar, and fits the text
//!   area's width (tables aside: one with more columns than fit is cut at the pane's edge);
//! - the list's selected row is one of its items, and on screen; the side panel's selected entry
//!   is one of its entries;
//! - no cell of the buffer holds a control character (C0 but newline, DEL, C1, bidi controls).
//!
//! A fixed seed and 64 cases of up to 48 events keep `cargo test` quick (about 3 s here). Run it
//! longer with
//!
//! ```sh
//! DOSSIER_STATE_CASES=5000 cargo test --release --test state_machine
//! DOSSIER_STATE_CASES=5000 DOSSIER_STATE_SEED=7 cargo test --release --test state_machine
//! ```
//!
//! (`DOSSIER_STATE_EVENTS` sets the most events per case, default 48; `DOSSIER_STATE_SKIP=
//! cell-controls` leaves out the control-character check, for a known leak.) A failure is shrunk
//! to a short list of events and printed with the corpus and bookmarks it ran on.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed setup should fail loudly

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use dossier::app::{AppState, Event};
use dossier::corpus::document::BlockKind;
use dossier::corpus::{self, Corpus, Origin, SourceFile};
use dossier::store::{Bookmark, Now};
use dossier::theme::Theme;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// One thing that happens to the reader.
#[derive(Clone)]
enum Op {
    Key(KeyCode, KeyModifiers),
    Resize(u16, u16),
    Mouse(MouseEventKind, u16, u16, KeyModifiers),
    Paste(String),
    Idle,
    /// The derivation thread's result arrives.
    Derived,
}

impl fmt::Debug for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Op::Key(code, m) if m.is_empty() => write!(f, "Key({code:?})"),
            Op::Key(code, m) => write!(f, "Key({m:?}+{code:?})"),
            Op::Resize(w, h) => write!(f, "Resize({w}x{h})"),
            Op::Mouse(kind, x, y, m) => write!(f, "Mouse({kind:?} at {x},{y} {m:?})"),
            Op::Paste(s) => write!(f, "Paste({s:?})"),
            Op::Idle => f.write_str("Idle"),
            Op::Derived => f.write_str("Derived"),
        }
    }
}

/// The corpus a case runs on: the test fixture, or generated briefs (Markdown and sidecar).
#[derive(Clone)]
enum Briefs {
    Fixture,
    Generated(Vec<(String, Option<String>)>),
}

impl fmt::Debug for Briefs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Briefs::Fixture => f.write_str("tests/fixtures/reader"),
            Briefs::Generated(files) => {
                writeln!(f, "{} generated briefs:", files.len())?;
                for (i, (md, sidecar)) in files.iter().enumerate() {
                    writeln!(f, "--- g{i}.md\n{md}")?;
                    if let Some(toml) = sidecar {
                        writeln!(f, "--- g{i}.toml\n{toml}")?;
                    }
                }
                Ok(())
            }
        }
    }
}

impl Briefs {
    fn load(&self) -> Corpus {
        match self {
            Briefs::Fixture => corpus::load_path(std::path::Path::new("tests/fixtures/reader")),
            Briefs::Generated(files) => {
                let pairs = files
                    .iter()
                    .enumerate()
                    .map(|(i, (md, sidecar))| {
                        let file = |ext: &str, text: &str| SourceFile {
                            path: format!("g{i}.{ext}"),
                            bytes: text.as_bytes().to_vec(),
                        };
                        (file("md", md), sidecar.as_deref().map(|t| file("toml", t)))
                    })
                    .collect();
                corpus::load_sources(pairs, Origin::Directory("generated".into()), Vec::new())
            }
        }
    }
}

/// Terminal sizes: degenerate, around the thresholds (20x5, 100 columns), ordinary, huge.
fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        2 => (0u16..=3, 0u16..=3),
        3 => (
            prop::sample::select(vec![19u16, 20, 21, 39, 40, 99, 100, 101]),
            prop::sample::select(vec![4u16, 5, 6, 7, 24])
        ),
        5 => (20u16..=200, 5u16..=80),
        1 => (0u16..=500, 0u16..=300),
    ]
}

fn modifiers() -> impl Strategy<Value = KeyModifiers> {
    prop_oneof![
        8 => Just(KeyModifiers::NONE),
        2 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
        1 => Just(KeyModifiers::SHIFT),
    ]
}

/// Keys: every default binding's key and the characters prompts take, some others, and now and
/// then any character at all.
fn key() -> impl Strategy<Value = Op> {
    let named = prop::sample::select(vec![
        KeyCode::Esc,
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::F(1),
    ]);
    let bound = prop::sample::select("qjkgGduoFABetm!iz{}<>[]?/nNbvyrswhl()ecp ".chars().collect::<Vec<_>>());
    prop_oneof![
        3 => (named, modifiers()).prop_map(|(code, m)| Op::Key(code, m)),
        6 => (bound, modifiers()).prop_map(|(c, m)| Op::Key(KeyCode::Char(c), m)),
        1 => (any::<char>(), modifiers()).prop_map(|(c, m)| Op::Key(KeyCode::Char(c), m)),
    ]
}

fn mouse() -> impl Strategy<Value = Op> {
    let kind = prop_oneof![
        Just(MouseEventKind::Down(MouseButton::Left)),
        Just(MouseEventKind::Down(MouseButton::Right)),
        Just(MouseEventKind::Up(MouseButton::Left)),
        Just(MouseEventKind::Drag(MouseButton::Left)),
        Just(MouseEventKind::Moved),
        Just(MouseEventKind::ScrollDown),
        Just(MouseEventKind::ScrollUp),
        Just(MouseEventKind::ScrollLeft),
        Just(MouseEventKind::ScrollRight),
    ];
    // Mostly inside an ordinary terminal, sometimes anywhere (outside it too).
    let at = prop_oneof![3 => (0u16..=160, 0u16..=50), 1 => (0u16..=u16::MAX, 0u16..=u16::MAX)];
    (kind, at, modifiers()).prop_map(|(kind, (x, y), m)| Op::Mouse(kind, x, y, m))
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        60 => key(),
        10 => size().prop_map(|(w, h)| Op::Resize(w, h)),
        15 => mouse(),
        3 => prop::collection::vec(any::<char>(), 0..24).prop_map(|c| Op::Paste(c.into_iter().collect())),
        5 => Just(Op::Idle),
        2 => Just(Op::Derived),
    ]
}

/// Words for generated text: plain, wide, combining, long, and hostile.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::sample::select(vec![
            "the", "border", "attacks", "650", "in", "2023", "over", "Pakistan", "dam", "river", "basin", "TTP",
        ])
        .prop_map(str::to_owned),
        1 => prop::sample::select(vec!["中文", "😀😀", "ｗｉｄｅ", "e\u{301}", "\u{ad}", "a\u{200b}b", "\u{feff}"])
            .prop_map(str::to_owned),
        1 => (1usize..=300).prop_map(|n| "x".repeat(n)),
        1 => prop::sample::select(vec![
            "\u{1b}]0;TITLE\u{7}", "\u{1b}[2J", "\u{9b}2J", "\u{85}", "\u{7f}", "\u{202e}", "\u{2066}", "&#27;[31m", "&#x9b;", "\t",
        ])
        .prop_map(str::to_owned),
    ]
}

fn words(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..max).prop_map(|w| w.join(" "))
}

/// One Markdown block.
fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => words(40),
        2 => (1usize..=6, words(8)).prop_map(|(level, w)| format!("{} {w}", "#".repeat(level))),
        2 => prop::collection::vec((0usize..4, words(12)), 1..6).prop_map(|items| {
            items
                .iter()
                .map(|(depth, w)| format!("{}- {w}", "  ".repeat(*depth)))
                .collect::<Vec<_>>()
                .join("\n")
        }),
        1 => (1usize..=12, words(12)).prop_map(|(n, w)| format!("{}{w}", "> ".repeat(n))),
        1 => words(12).prop_map(|w| format!("```\n{w}\n\tindented\n```")),
        1 => (1usize..=5, words(4)).prop_map(|(cols, w)| {
            let row = |cell: &str| format!("| {} |", vec![cell; cols].join(" | "));
            format!("{}\n|{}\n{}", row("head"), "---|".repeat(cols), row(&w))
        }),
        1 => Just("---".to_owned()),
        1 => words(6).prop_map(|w| format!("Note[^1].\n\n[^1]: {w}")),
        1 => words(6).prop_map(|w| format!("*{w}* **{w}** `{w}` [{w}](http://example.com/{w})")),
        1 => Just(String::new()),
    ]
}

/// A brief: optional front matter, blocks, and sometimes a sidecar whose claim quotes a
/// paragraph's first words (so the panel has items that anchor).
fn brief() -> impl Strategy<Value = (String, Option<String>)> {
    (
        any::<bool>(),
        words(6),
        prop::collection::vec(block(), 0..12),
        any::<bool>(),
    )
        .prop_map(|(front, title, blocks, sidecar)| {
            let mut md = String::new();
            if front {
                let title = title.replace(['"', '\\'], "");
                md.push_str(&format!("+++\ntitle = \"{title}\"\nkind = \"report\"\n+++\n"));
            }
            md.push_str(&blocks.join("\n\n"));
            let quote = blocks
                .iter()
                .find(|b| b.split(' ').count() >= 3 && b.chars().all(|c| c.is_ascii_alphanumeric() || c == ' '))
                .map(|b| b.split(' ').take(4).collect::<Vec<_>>().join(" "));
            let sidecar = sidecar.then(|| {
                let mut toml = String::from("summary = \"One. Two. Three.\"\n");
                if let Some(q) = quote {
                    toml.push_str(&format!(
                        "[[claims]]\nid = \"c1\"\ntext = \"A claim.\"\nquote = \"{q}\"\ntopics = [\"ttp\"]\n\n\
                         [[statistics]]\nid = \"s1\"\nvalue = 650\nunit = \"attacks\"\nmeasure = \"attacks\"\n\
                         qualifier = \"over\"\nquote = \"{q}\"\n"
                    ));
                }
                toml
            });
            (md, sidecar)
        })
}

/// Bookmarks as a bookmarks file may hold them: passages that are there, changed, gone, or made
/// of odd characters (the block separator U+0001 among them), in briefs that exist or not, at
/// any position.
fn bookmarks() -> impl Strategy<Value = Vec<Bookmark>> {
    let exact = prop_oneof![
        3 => words(6),
        1 => prop::sample::select(vec!["\u{1}", "\u{1}\u{1}", "a\u{1}b", "", " ", "\u{1b}[2J", "the\nborder"])
            .prop_map(str::to_owned),
    ];
    let bookmark = (
        prop::sample::select(vec!["g0", "g1", "g2", "dam-dispute", "river-basin", "gone"]),
        exact,
        words(4),
        words(4),
        prop_oneof![3 => 0usize..2000, 1 => any::<usize>()],
        any::<bool>(),
    )
        .prop_map(|(brief, exact, prefix, suffix, position, note)| Bookmark {
            id: format!("{brief}-{position}"),
            brief: brief.to_owned(),
            created: "2026-01-01T00:00:00Z".to_owned(),
            note: if note { exact.clone() } else { String::new() },
            section: prefix.clone(),
            exact,
            prefix,
            suffix,
            position,
            content_hash: "0".to_owned(),
            corpus: None,
            extra: toml::Table::new(),
        });
    prop_oneof![2 => Just(Vec::new()), 1 => prop::collection::vec(bookmark, 1..6)]
}

fn briefs() -> impl Strategy<Value = Briefs> {
    prop_oneof![
        2 => Just(Briefs::Fixture),
        3 => prop::collection::vec(brief(), 0..4).prop_map(Briefs::Generated),
    ]
}

/// Characters that must never reach a cell.
fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The invariants, checked after every event; `Err` says which one broke.
fn check(state: &AppState, terminal: &Terminal<TestBackend>) -> Result<(), String> {
    let (width, height) = state.size();
    let corpus = state.corpus();
    let reader = state.reader();
    match state.brief() {
        None if !corpus.briefs.is_empty() => {
            return Err(format!("brief {} open of {}", reader.brief(), corpus.briefs.len()));
        }
        None => {
            if reader.cursor() != 0 || reader.scroll() != 0 {
                return Err(format!(
                    "no brief, yet cursor {} scroll {}",
                    reader.cursor(),
                    reader.scroll()
                ));
            }
        }
        Some(brief) => {
            let blocks = brief.doc.blocks.len();
            if reader.cursor() >= blocks.max(1) {
                return Err(format!("cursor {} in a brief of {blocks} blocks", reader.cursor()));
            }
            let g = state.geometry();
            let text = g.reader_text();
            let layout = reader.layout();
            if layout.width != text.width {
                return Err(format!(
                    "laid out for {} columns, the text is {} wide",
                    layout.width, text.width
                ));
            }
            let rows = layout.rows.len();
            let max_scroll = rows.saturating_sub(reader.height());
            if reader.scroll() > max_scroll {
                return Err(format!(
                    "scroll {} past the layout ({rows} rows, {} on screen)",
                    reader.scroll(),
                    reader.height()
                ));
            }
            if !g.too_small {
                let shown = rows.saturating_sub(reader.scroll()).min(usize::from(text.height));
                let bottom = usize::from(text.y) + shown;
                if bottom > usize::from(g.status.y) || bottom > usize::from(height) {
                    return Err(format!("{shown} rows from y={} run past row {}", text.y, g.status.y));
                }
                if text.x + text.width > width {
                    return Err(format!("text area {text:?} wider than the terminal ({width})"));
                }
                for row in reader.scroll()..reader.scroll() + shown {
                    let w = layout.row_width(row);
                    // A table keeps every column at least one cell wide with " │ " between
                    // columns, so one with more columns than fit runs past the text area by
                    // design (its right columns are cut off at the pane's edge): see the report.
                    let table = layout
                        .row_block(row)
                        .and_then(|b| brief.doc.blocks.get(b))
                        .is_some_and(|b| matches!(b.kind, BlockKind::Table(_)));
                    if w > usize::from(text.width) && !table {
                        let content: String = layout
                            .row_segments(row)
                            .iter()
                            .map(|s| s.content(&brief.doc.text))
                            .collect();
                        return Err(format!("row {row} is {w} wide in {} columns: {content:?}", text.width));
                    }
                }
            }
        }
    }
    let list = state.list();
    let items = list.items();
    if items.is_empty() {
        if list.selected() != 0 {
            return Err(format!("empty list, selected row {}", list.selected()));
        }
    } else {
        if list.selected() >= items.len() {
            return Err(format!("list row {} selected of {}", list.selected(), items.len()));
        }
        let capacity = state.geometry().list_capacity();
        if list.selected() < list.scroll() || list.selected() >= list.scroll() + capacity {
            return Err(format!(
                "list row {} selected, rows {}..{} on screen",
                list.selected(),
                list.scroll(),
                list.scroll() + capacity
            ));
        }
    }
    if let Some(&bad) = items.iter().find(|&&i| i >= corpus.briefs.len()) {
        return Err(format!("list item {bad} of {} briefs", corpus.briefs.len()));
    }
    let panel = state.panel();
    let entries = panel.view().entries.len();
    if panel.selected() >= entries.max(1) {
        return Err(format!("panel entry {} selected of {entries}", panel.selected()));
    }
    let buffer = terminal.backend().buffer();
    if (buffer.area.width, buffer.area.height) != (width, height) {
        return Err(format!("drew {:?} for a {width}x{height} terminal", buffer.area));
    }
    // Found by this test (seeds 101 and 202): the brief list's title shows the filter unsanitized,
    // so a bidi control typed or pasted into it reaches a cell. DOSSIER_STATE_SKIP=cell-controls
    // looks past it in long runs until it is fixed (see tests/hostile.rs).
    if skipped("cell-controls") {
        return Ok(());
    }
    for (i, cell) in buffer.content().iter().enumerate() {
        if let Some(c) = cell.symbol().chars().find(|&c| is_control(c)) {
            let (x, y) = (i % usize::from(width.max(1)), i / usize::from(width.max(1)));
            return Err(format!("cell {x},{y} holds {c:?}"));
        }
    }
    Ok(())
}

fn event(op: &Op, derived: &dossier::derive::Derivations) -> Event {
    match op {
        Op::Key(code, m) => Event::Key(KeyEvent::new(*code, *m)),
        Op::Resize(w, h) => Event::Resize(*w, *h),
        Op::Mouse(kind, x, y, m) => Event::Mouse(MouseEvent {
            kind: *kind,
            column: *x,
            row: *y,
            modifiers: *m,
        }),
        Op::Paste(s) => Event::Paste(s.clone()),
        Op::Idle => Event::Idle,
        Op::Derived => Event::Derived(0, Box::new(derived.clone())),
    }
}

fn draw(state: &AppState, theme: &Theme) -> Terminal<TestBackend> {
    let (width, height) = state.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| dossier::ui::draw(frame, state, theme)).unwrap();
    terminal
}

/// Runs one case: the corpus, the starting size, the events. The first broken invariant fails it
/// with the events that led there.
fn run_case(
    briefs: &Briefs,
    marks: &[Bookmark],
    start: (u16, u16),
    ops: &[Op],
    theme: &Theme,
) -> Result<(), TestCaseError> {
    let corpus = briefs.load();
    let derived = dossier::derive::corpus(&corpus);
    let mut state = AppState::for_corpus(corpus, start);
    state.set_bookmarks(marks.to_vec());
    let terminal = draw(&state, theme);
    check(&state, &terminal).map_err(|e| TestCaseError::fail(format!("at the start: {e}")))?;
    for (i, op) in ops.iter().enumerate() {
        state.update(event(op, &derived), Now::fixed());
        let terminal = draw(&state, theme);
        check(&state, &terminal).map_err(|e| TestCaseError::fail(format!("after event {i} ({op:?}): {e}")))?;
    }
    Ok(())
}

/// Checks named in DOSSIER_STATE_SKIP (comma-separated) are not made: a known finding, so a long
/// run can look past it.
fn skipped(check: &str) -> bool {
    std::env::var("DOSSIER_STATE_SKIP").is_ok_and(|v| v.split(',').any(|s| s.trim() == check))
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[test]
fn random_events_on_random_sizes_keep_the_reader_consistent() {
    let cases = u32::try_from(env_number("DOSSIER_STATE_CASES", 64)).unwrap_or(64);
    let events = usize::try_from(env_number("DOSSIER_STATE_EVENTS", 48))
        .unwrap_or(48)
        .max(1);
    let seed = env_number("DOSSIER_STATE_SEED", 0x0d05_51e5);
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2048,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes));
    let theme = Theme::load("dark", None, false).0;
    let strategy = (briefs(), bookmarks(), size(), prop::collection::vec(op(), 1..=events));
    let result = runner.run(&strategy, |(briefs, marks, start, ops)| {
        run_case(&briefs, &marks, start, &ops, &theme)
    });
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, (briefs, marks, start, ops))) => panic!(
            "{reason}\nstarting at {}x{}, events:\n{ops:#?}\nbookmarks: {marks:#?}\ncorpus: {briefs:?}\n(seed {seed})",
            start.0, start.1
        ),
        Err(TestError::Abort(reason)) => panic!("aborted: {reason} (seed {seed})"),
    }
}
