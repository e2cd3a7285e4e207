//! Screens as a reader sees them: the real state and UI drawn into ratatui's TestBackend and
//! compared with insta snapshots, at 80x24 and 160x48.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dossier::app::{AppState, Event};
use dossier::corpus;
use dossier::keymap::Keymap;
use dossier::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(width: u16, height: u16) -> AppState {
    AppState::new(
        corpus::load_embedded(),
        Keymap::default(),
        vec!["dark".into()],
        0,
        (width, height),
        None,
    )
}

fn keys(state: &mut AppState, keys: &[KeyCode]) {
    for &code in keys {
        state.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }
}

fn screen(state: &AppState) -> String {
    let (width, height) = state.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let theme = Theme::load("dark", None, false).0;
    terminal.draw(|frame| dossier::ui::draw(frame, state, &theme)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..height {
        let mut line = String::new();
        for x in 0..width {
            line.push_str(buffer[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

use KeyCode::{BackTab, Char, Enter, Tab};

/// (name, keys) for every pane, tab and overlay that matters.
fn cases() -> Vec<(&'static str, Vec<KeyCode>)> {
    vec![
        ("start", vec![]),
        ("cursor_moved", vec![Char('j'), Char('j')]),
        ("list", vec![BackTab]),
        (
            "list_filtered",
            vec![BackTab, Char('/'), Char('d'), Char('u'), Char('r')],
        ),
        ("summary", vec![Tab]),
        ("claims", vec![Tab, Char(']')]),
        ("claim_jump", vec![Tab, Char(']'), Char('j'), Enter]),
        ("statistics", vec![Tab, Char(']'), Char(']')]),
        ("links", vec![Tab, Char(']'), Char(']'), Char(']')]),
        ("link_followed", vec![Tab, Char(']'), Char(']'), Char(']'), Enter]),
        ("bookmarks_empty", vec![Char('B')]),
        (
            "bookmark_note_prompt",
            vec![Char('j'), Char('b'), Char('k'), Char('e'), Char('y')],
        ),
        ("selecting", vec![Char('j'), Char('v'), Char('w'), Char('w')]),
        (
            "bookmarks_tab",
            vec![
                Char('j'),
                Char('v'),
                Char('w'),
                Enter,
                Char('n'),
                Char('b'),
                Enter,
                Char('B'),
            ],
        ),
        (
            "search",
            vec![Char('/'), Char('k'), Char('a'), Char('b'), Char('u'), Char('l'), Enter],
        ),
        ("outline", vec![Char('G'), Char('o')]),
        ("help", vec![Char('?')]),
        ("analysis_statistics", vec![Char('A'), Char('j'), Char('j')]),
        ("analysis_timeline", vec![Char('A'), Char(']'), Char('j')]),
        ("analysis_conflicts", vec![Char('A'), Char(']'), Char(']')]),
        (
            "analysis_map",
            vec![Char('A'), Char(']'), Char(']'), Char(']'), Char('j'), Char('l')],
        ),
        (
            "search_all",
            vec![
                Char('F'),
                Char('d'),
                Char('u'),
                Char('r'),
                Char('a'),
                Char('n'),
                Char('d'),
            ],
        ),
        (
            "search_all_claims",
            vec![Char('F'), Char('c'), Char('p'), Char('e'), Char('c'), Tab],
        ),
        ("problems", vec![Char('!')]),
    ]
}

#[test]
fn every_pane_tab_and_overlay_at_80x24_and_160x48() {
    for (width, height) in [(80u16, 24u16), (160, 48)] {
        for (name, codes) in cases() {
            let mut state = app(width, height);
            keys(&mut state, &codes);
            // Bookmarks carry the time they were made; pin it so snapshots do not change daily.
            for bookmark in &mut state.bookmarks {
                bookmark.created = "2026-01-02T03:04:05Z".into();
            }
            insta::assert_snapshot!(format!("{name}_{width}x{height}"), screen(&state));
        }
    }
}

#[test]
fn every_size_from_1x1_to_60x20_draws_without_panicking() {
    let mut state = app(1, 1);
    keys(&mut state, &[Char('j'), Char('j')]);
    for width in 1..=60 {
        for height in 1..=20 {
            state.update(Event::Resize(width, height));
            let text = screen(&state);
            if width < 20 || height < 5 {
                assert!(
                    !text.contains('│'),
                    "{width}x{height}: no panes below the minimum: {text}"
                );
                if width >= 9 {
                    assert!(text.starts_with("terminal"), "{width}x{height}: {text}");
                }
            }
        }
    }
    // Overlays and panels too, at a few awkward sizes.
    for (width, height) in [(20, 5), (21, 6), (33, 7), (99, 10), (100, 10)] {
        for (_, codes) in cases() {
            let mut state = app(width, height);
            keys(&mut state, &codes);
            screen(&state);
        }
    }
}

#[test]
fn no_color_screens_still_mark_the_selection() {
    let mut state = app(100, 30);
    keys(&mut state, &[Tab, Char(']')]);
    let theme = Theme::load("dark", None, true).0;
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|frame| dossier::ui::draw(frame, &state, &theme)).unwrap();
    let buffer = terminal.backend().buffer();
    let reversed = buffer
        .content()
        .iter()
        .filter(|c| c.modifier.contains(ratatui::style::Modifier::REVERSED))
        .count();
    assert!(reversed > 0, "the selected claim is shown in reverse video");
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset)
    );
}
