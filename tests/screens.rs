//! Screens as a reader sees them: the real state and UI drawn into ratatui's TestBackend and
//! compared with insta snapshots, at 80x24 and 160x48. Each snapshot has two layers: the text,
//! and a map of the styles on it (a letter per style, explained in a legend naming the theme
//! roles), so a cursor, a highlight, a selection or a search match that moves or vanishes changes
//! the snapshot. The corpus is a fixture written for the tests, not the bundled briefs.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed setup should fail loudly

use std::collections::HashMap;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dossier::app::{AppState, Event};
use dossier::corpus;
use dossier::store::Now;
use dossier::theme::{ROLES, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier, Style};

fn app(width: u16, height: u16) -> AppState {
    let corpus = corpus::load_path(std::path::Path::new("tests/fixtures/reader"));
    AppState::for_corpus(corpus, (width, height))
}

/// A key as typed: `Esc`, `Tab`, `BackTab`, `Enter`, `Down`, `^x` for Ctrl-x, `@id` opens brief
/// `id`, else the characters typed one by one.
fn keys(state: &mut AppState, keys: &[&str]) {
    for key in keys {
        let event = match *key {
            "Esc" => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            "Tab" => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
            "BackTab" => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
            "Enter" => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            "Down" => KeyEvent::new(KeyCode::Down, KeyModifiers::NONE),
            k if k.starts_with('@') => {
                // Briefs only the fixture has are skipped elsewhere (the bundled corpus).
                if let Some(index) = state.corpus().index_of(&k[1..]) {
                    state.open(index, None, None);
                }
                continue;
            }
            k if k.starts_with('^') => KeyEvent::new(KeyCode::Char(k.chars().nth(1).unwrap()), KeyModifiers::CONTROL),
            k => {
                for c in k.chars() {
                    state.update(
                        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
                        Now::fixed(),
                    );
                }
                continue;
            }
        };
        state.update(Event::Key(event), Now::fixed());
    }
}

/// The theme roles a cell's style is: one role, or one patched with another ("text+cursor").
fn describe(style: Style, roles: &[(&'static str, Style)]) -> String {
    let reset = |c: Option<Color>| c.unwrap_or(Color::Reset);
    let flat = |s: Style| (reset(s.fg), reset(s.bg), s.add_modifier);
    let exact: Vec<&str> = roles
        .iter()
        .filter(|(_, s)| flat(*s) == flat(style))
        .map(|(r, _)| *r)
        .collect();
    if !exact.is_empty() {
        return exact.join(" | ");
    }
    for (a, sa) in roles {
        for (b, sb) in roles {
            if a != b && flat(sa.patch(*sb)) == flat(style) {
                return format!("{a}+{b}");
            }
        }
    }
    let color = |c: Option<Color>| c.map_or("-".to_owned(), |c| c.to_string());
    format!("fg={} bg={} {:?}", color(style.fg), color(style.bg), style.add_modifier)
}

/// The text, then the style map and its legend.
fn screen(state: &AppState, theme: &Theme) -> String {
    let (width, height) = state.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| dossier::ui::draw(frame, state, theme)).unwrap();
    let buffer = terminal.backend().buffer();
    let roles: Vec<(&'static str, Style)> = ROLES.iter().map(|r| (*r, theme.get(r))).collect();
    let base = theme.get("text");
    let mut letters: HashMap<(Option<Color>, Option<Color>, Modifier), char> = HashMap::new();
    let mut legend: Vec<(char, String)> = Vec::new();
    let alphabet: Vec<char> = ('a'..='z').chain('A'..='Z').chain('0'..='9').collect();
    let (mut text, mut styles) = (String::new(), String::new());
    for y in 0..height {
        let (mut line, mut map) = (String::new(), String::new());
        for x in 0..width {
            let cell = &buffer[(x, y)];
            line.push_str(cell.symbol());
            let key = (Some(cell.fg), Some(cell.bg), cell.modifier);
            let style = Style::default().fg(cell.fg).bg(cell.bg).add_modifier(cell.modifier);
            let plain = (style.fg, style.bg, style.add_modifier)
                == (
                    base.fg.or(Some(Color::Reset)),
                    base.bg.or(Some(Color::Reset)),
                    base.add_modifier,
                )
                || (cell.fg == Color::Reset && cell.bg == Color::Reset && cell.modifier.is_empty());
            if plain {
                map.push('.');
                continue;
            }
            let next = alphabet.get(letters.len()).copied().unwrap_or('?');
            let letter = *letters.entry(key).or_insert_with(|| {
                legend.push((next, describe(style, &roles)));
                next
            });
            map.push(letter);
        }
        text.push_str(line.trim_end());
        text.push('\n');
        styles.push_str(map.trim_end_matches('.'));
        styles.push('\n');
    }
    let legend: Vec<String> = legend.into_iter().map(|(c, d)| format!("{c} = {d}")).collect();
    format!(
        "{text}--- styles ('.' = plain text) ---\n{styles}--- legend ---\n{}\n",
        legend.join("\n")
    )
}

/// (name, keys) for every pane, tab, mode and overlay that matters.
fn cases() -> Vec<(&'static str, Vec<&'static str>)> {
    vec![
        ("start", vec![]),
        ("cursor_moved", vec!["j", "j"]),
        ("list", vec!["BackTab"]),
        ("list_filtered", vec!["BackTab", "/", "bas"]),
        ("list_no_match", vec!["BackTab", "/", "qqqzzz", "Enter"]),
        ("summary_flagged", vec!["Tab"]),
        ("summary", vec!["@river-basin", "Tab"]),
        ("claims", vec!["@river-basin", "Tab", "]"]),
        ("claim_jump", vec!["@river-basin", "Tab", "]", "j", "Enter"]),
        ("statistics", vec!["@river-basin", "Tab", "]", "]"]),
        ("links", vec!["@river-basin", "Tab", "]", "]", "]"]),
        ("link_followed", vec!["@river-basin", "Tab", "]", "]", "]", "Enter"]),
        ("bookmarks_empty", vec!["B"]),
        ("bookmark_note_prompt", vec!["j", "b", "key"]),
        ("selecting", vec!["j", "v", "w", "w"]),
        ("bookmarks_tab", vec!["j", "v", "w", "Enter", "n", "b", "Enter", "B"]),
        ("search", vec!["/", "dam", "Enter"]),
        ("highlight_and_selection", vec!["/", "dam", "Enter", "v", "w"]),
        ("outline", vec!["@river-basin", "G", "o"]),
        ("help", vec!["?"]),
        ("help_end", vec!["?", "G"]),
        ("analysis_statistics", vec!["A", "j"]),
        ("analysis_timeline", vec!["A", "]", "j"]),
        ("analysis_conflicts", vec!["A", "]", "]"]),
        ("analysis_map", vec!["A", "]", "]", "]", "l"]),
        ("search_all", vec!["F", "commission"]),
        ("search_all_claims", vec!["F", "border", "Tab"]),
        ("problems", vec!["!"]),
        ("about", vec!["i"]),
        ("analysis_detail", vec!["A", "]", "]", "j", " "]),
        ("analysis_map_pick", vec!["A", "]", "]", "]", "l", "Enter", "j"]),
        ("zoomed", vec!["@river-basin", "z"]),
        ("panes_resized", vec!["@river-basin", "}", "}", ">"]),
        ("search_trail", vec!["F", "commission", "Enter", "n"]),
        ("passage_links", vec!["@drought-note", "j", "Enter", "j"]),
        ("passage_link_followed", vec!["@drought-note", "j", "Enter", "Enter"]),
    ]
}

/// Bookmarks carry the moment they were made; `Now::fixed` pins it, so snapshots stay put.
#[test]
fn every_pane_tab_and_overlay_at_80x24_and_160x48() {
    let theme = Theme::load("dark", None, false).0;
    for (width, height) in [(80u16, 24u16), (160, 48)] {
        for (name, codes) in cases() {
            let mut state = app(width, height);
            keys(&mut state, &codes);
            insta::assert_snapshot!(format!("{name}_{width}x{height}"), screen(&state, &theme));
        }
    }
}

#[test]
fn every_size_from_1x1_to_60x20_draws_without_panicking() {
    let theme = Theme::load("dark", None, false).0;
    let mut state = app(1, 1);
    keys(&mut state, &["j", "j"]);
    for width in 1..=60 {
        for height in 1..=20 {
            state.update(Event::Resize(width, height), Now::fixed());
            let text = screen(&state, &theme);
            if width < 20 || height < 5 {
                let first = text.lines().next().unwrap_or("");
                assert!(
                    !text.contains('│'),
                    "{width}x{height}: no panes below the minimum: {text}"
                );
                if width >= 9 {
                    assert!(first.starts_with("terminal"), "{width}x{height}: {text}");
                }
            }
        }
    }
    // Overlays and panels too, at a few awkward sizes, on the fixture and the bundled briefs.
    for (width, height) in [(20, 5), (21, 6), (33, 7), (99, 10), (100, 10)] {
        for (_, codes) in cases() {
            let mut state = app(width, height);
            keys(&mut state, &codes);
            screen(&state, &theme);
            let mut bundled = AppState::for_corpus(corpus::load_embedded(), (width, height));
            keys(&mut bundled, &codes);
            screen(&bundled, &theme);
        }
    }
}

#[test]
fn the_light_theme_paints_its_own_background_everywhere() {
    let theme = Theme::load("light", None, false).0;
    for (width, height) in [(80u16, 24u16), (160, 48)] {
        for (name, codes) in cases() {
            let mut state = app(width, height);
            keys(&mut state, &codes);
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            terminal.draw(|frame| dossier::ui::draw(frame, &state, &theme)).unwrap();
            let unpainted = terminal
                .backend()
                .buffer()
                .content()
                .iter()
                .filter(|c| c.bg == Color::Reset)
                .count();
            assert_eq!(
                unpainted, 0,
                "{name} at {width}x{height}: cells left on the terminal's background"
            );
        }
    }
}

#[test]
fn the_passage_cursor_shows_in_every_theme() {
    for name in Theme::builtin_names() {
        let theme = Theme::load(name, None, false).0;
        let mut state = app(120, 30);
        keys(&mut state, &["j"]);
        let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
        terminal.draw(|frame| dossier::ui::draw(frame, &state, &theme)).unwrap();
        let buffer = terminal.backend().buffer();
        let cursor_bg = theme.get("cursor").bg.unwrap();
        // The cursor's passage is the fourth row of the text: a letter there has the cursor's colour.
        let text = state.geometry().reader_text();
        let row = text.y + u16::try_from(state.reader().layout().block_rows(1).unwrap().start).unwrap();
        let cell = &buffer[(text.x + 4, row)];
        assert_eq!(cell.bg, cursor_bg, "{name}: {:?} at row {row}", cell.symbol());
    }
}

#[test]
fn no_color_screens_keep_the_selection_the_highlight_and_matches_apart() {
    let mut state = app(100, 30);
    keys(&mut state, &["/", "dam", "Enter", "v", "w"]);
    let theme = Theme::load("dark", None, true).0;
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|frame| dossier::ui::draw(frame, &state, &theme)).unwrap();
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| c.fg == Color::Reset && c.bg == Color::Reset)
    );
    let kinds: std::collections::BTreeSet<String> = buffer
        .content()
        .iter()
        .filter(|c| !c.modifier.is_empty())
        .map(|c| format!("{:?}", c.modifier))
        .collect();
    let selected = theme.get("selected_text").add_modifier;
    let highlight = theme.get("highlight").add_modifier;
    assert_ne!(
        selected, highlight,
        "the selection and the jump highlight differ without colour"
    );
    assert!(
        kinds.iter().any(|k| k.contains("UNDERLINED") && k.contains("REVERSED")),
        "{kinds:?}"
    );
}

#[test]
fn an_empty_folder_at_80x24_says_how_to_add_a_document() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::for_corpus(corpus::load_path(dir.path()), (80, 24));
    let shown = screen(&state, &Theme::load("dark", None, false).0);
    // Below 100 columns the list is hidden: the reader says it, and no `!` is offered for a
    // folder with nothing wrong in it.
    let flat: String = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("no documents in"), "{shown}");
    assert!(flat.contains("Add .md, .markdown or .txt files"), "{shown}");
    assert!(!flat.contains("shows why"), "{shown}");
}
