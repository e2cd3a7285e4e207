//! Pure state transitions: keys in, state out, no terminal.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::corpus;

fn state(width: u16, height: u16) -> AppState {
    let corpus = corpus::load_path(std::path::Path::new("tests/fixtures/valid"));
    AppState::new(
        corpus,
        Keymap::default(),
        vec!["dark".into(), "light".into()],
        0,
        (width, height),
        None,
    )
}

fn bundled(width: u16, height: u16) -> AppState {
    AppState::new(
        corpus::load_embedded(),
        Keymap::default(),
        vec!["dark".into()],
        0,
        (width, height),
        None,
    )
}

fn press(state: &mut AppState, code: KeyCode) -> Vec<Effect> {
    state.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ctrl(state: &mut AppState, c: char) -> Vec<Effect> {
    state.update(Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)))
}

fn chars(state: &mut AppState, text: &str) {
    for c in text.chars() {
        press(state, KeyCode::Char(c));
    }
}

#[test]
fn starts_on_the_first_brief_in_the_reader() {
    let s = state(120, 40);
    assert_eq!((s.current, s.focus), (0, Focus::Reader));
    assert!(!s.layout.rows.is_empty());
}

#[test]
fn j_and_k_move_the_passage_cursor_over_blocks() {
    let mut s = state(120, 40);
    press(&mut s, KeyCode::Char('j'));
    assert_eq!(s.position().cursor, 1);
    press(&mut s, KeyCode::Char('j'));
    press(&mut s, KeyCode::Char('j'));
    press(&mut s, KeyCode::Char('j'));
    assert_eq!(s.position().cursor, 3, "stops at the last block");
    press(&mut s, KeyCode::Char('k'));
    assert_eq!(s.position().cursor, 2);
    press(&mut s, KeyCode::Char('g'));
    assert_eq!(s.position(), ReaderPosition::default());
}

#[test]
fn tab_cycles_focus_and_brackets_cycle_tabs() {
    let mut s = state(120, 40);
    press(&mut s, KeyCode::Tab);
    assert_eq!(s.focus, Focus::Panel);
    press(&mut s, KeyCode::Tab);
    assert_eq!(s.focus, Focus::List);
    press(&mut s, KeyCode::BackTab);
    assert_eq!(s.focus, Focus::Panel);
    press(&mut s, KeyCode::Char(']'));
    assert_eq!(s.tab, Tab::Claims);
    press(&mut s, KeyCode::Char('['));
    press(&mut s, KeyCode::Char('['));
    assert_eq!(s.tab, Tab::Bookmarks);
}

#[test]
fn enter_on_a_claim_highlights_exactly_its_quote() {
    let mut s = state(120, 40);
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Char(']'));
    press(&mut s, KeyCode::Enter);
    let brief = s.brief().unwrap();
    let highlight = s.highlight.clone().unwrap();
    assert_eq!(&brief.doc.text[highlight], "The border is long and hard to guard.");
    assert_eq!(s.position().cursor, 1);
}

#[test]
fn a_cross_reference_opens_the_other_brief_and_back_returns() {
    let mut s = state(120, 40);
    press(&mut s, KeyCode::Tab);
    for _ in 0..3 {
        press(&mut s, KeyCode::Char(']'));
    }
    assert_eq!(s.tab, Tab::Links);
    press(&mut s, KeyCode::Enter);
    let beta = s.brief().unwrap();
    assert_eq!(beta.id, "beta");
    assert_eq!(
        &beta.doc.text[s.highlight.clone().unwrap()],
        "The fence has gaps everywhere."
    );
    // The backlink is listed in beta's Links tab and leads home again.
    assert_eq!(
        s.panel_items(),
        [PanelItem::Link {
            outgoing: false,
            index: 0
        }]
    );
    ctrl(&mut s, 'o');
    assert_eq!(s.brief().unwrap().id, "alpha");
    press(&mut s, KeyCode::Char('i'));
    assert_eq!(s.brief().unwrap().id, "alpha", "plain i is not forward");
    s.update(Event::Key(KeyEvent::new(KeyCode::Right, KeyModifiers::ALT)));
    assert_eq!(s.brief().unwrap().id, "beta");
}

#[test]
fn search_finds_counts_and_cycles_matches() {
    let mut s = bundled(120, 40);
    press(&mut s, KeyCode::Char('/'));
    chars(&mut s, "taliban");
    press(&mut s, KeyCode::Enter);
    let count = s.search.matches.len();
    assert!(count > 3, "{count}");
    assert_eq!(s.search.current, Some(0));
    press(&mut s, KeyCode::Char('n'));
    assert_eq!(s.search.current, Some(1));
    press(&mut s, KeyCode::Char('N'));
    press(&mut s, KeyCode::Char('N'));
    assert_eq!(s.search.current, Some(count - 1), "wraps around");
    let text = &s.brief().unwrap().doc.text;
    assert!(text[s.highlight.clone().unwrap()].eq_ignore_ascii_case("taliban"));
    press(&mut s, KeyCode::Esc);
    assert!(s.search.matches.is_empty());
}

#[test]
fn list_filter_is_fuzzy_and_enter_opens() {
    let mut s = bundled(120, 40);
    press(&mut s, KeyCode::BackTab);
    assert_eq!(s.focus, Focus::List);
    press(&mut s, KeyCode::Char('/'));
    chars(&mut s, "taiwan");
    let first = s.list[0];
    assert_eq!(
        s.corpus.briefs[first].id, "us-pakistan-ct-partnership",
        "the closest match ranks first"
    );
    assert!(s.list.len() < 5);
    press(&mut s, KeyCode::Enter);
    assert_eq!(s.brief().unwrap().id, "us-pakistan-ct-partnership");
    assert_eq!(s.focus, Focus::Reader);
}

#[test]
fn outline_jumps_to_a_heading() {
    let mut s = bundled(120, 40);
    let paper = s.corpus.index_of("taliban-return-pakistan-security").unwrap();
    s.open(paper, None, None);
    press(&mut s, KeyCode::Char('o'));
    assert!(matches!(s.overlay, Some(Overlay::Outline { .. })));
    press(&mut s, KeyCode::Char('G'));
    press(&mut s, KeyCode::Enter);
    assert!(s.overlay.is_none());
    let brief = s.brief().unwrap();
    let block = &brief.doc.blocks[s.position().cursor];
    assert_eq!(brief.doc.block_text(block), "References");
}

#[test]
fn resize_rewraps_and_keeps_the_cursor_on_screen() {
    let mut s = bundled(160, 48);
    for _ in 0..8 {
        press(&mut s, KeyCode::Char('j'));
    }
    let cursor = s.position().cursor;
    s.update(Event::Resize(40, 12));
    assert_eq!(s.layout.width, s.geometry().reader_text().0);
    assert_eq!(s.position().cursor, cursor);
    let rows = s.layout.block_rows[cursor].clone();
    let p = s.position();
    assert!(rows.start >= p.scroll && rows.start < p.scroll + 10, "{rows:?} {p:?}");
}

#[test]
fn help_and_quit() {
    let mut s = state(80, 24);
    press(&mut s, KeyCode::Char('?'));
    assert!(matches!(s.overlay, Some(Overlay::Help { .. })));
    press(&mut s, KeyCode::Esc);
    assert!(s.overlay.is_none());
    assert_eq!(press(&mut s, KeyCode::Char('q')), [Effect::Quit]);
    assert_eq!(press(&mut s, KeyCode::Char('m')), [Effect::SetMouse(false)]);
}

#[test]
fn the_panel_follows_the_reader() {
    let mut s = bundled(160, 48);
    press(&mut s, KeyCode::Char(']'));
    assert_eq!(s.tab, Tab::Claims);
    press(&mut s, KeyCode::Char('G'));
    let selected = s.panel_selected[1];
    let anchor = s.item_anchor(PanelItem::Claim(selected)).unwrap();
    let visible = s.visible_text();
    assert!(
        anchor.start < visible.end && anchor.end > visible.start,
        "{anchor:?} not in {visible:?}"
    );
}

#[test]
fn a_large_brief_is_laid_out_only_as_far_as_needed_then_on_idle() {
    let mut md = String::from("+++\ntitle = \"Big\"\n+++\n");
    for i in 0..3000 {
        md.push_str(&format!(
            "\n## Part {i}\n\nParagraph {i} with enough words to wrap a little in a narrow pane.\n"
        ));
    }
    let file = corpus::SourceFile {
        path: "big.md".into(),
        bytes: md.into_bytes(),
    };
    let corpus = corpus::load_sources(vec![(file, None)], corpus::Origin::Embedded, Vec::new());
    let total = corpus.briefs[0].doc.blocks.len();
    let mut s = AppState::new(corpus, Keymap::default(), vec!["dark".into()], 0, (120, 40), None);
    assert!(s.layout_pending());
    assert!(
        s.layout.block_rows.len() < total / 10,
        "only the first screens: {}",
        s.layout.block_rows.len()
    );
    let before = s.layout.block_rows.len();
    s.update(Event::Idle);
    assert!(s.layout.block_rows.len() > before);
    press(&mut s, KeyCode::Char('G'));
    assert!(!s.layout_pending());
    let last = s.brief().unwrap().doc.blocks.len() - 1;
    assert_eq!(s.position().cursor, last);
    assert_eq!(s.percent(), 100);
    press(&mut s, KeyCode::Char('g'));
    ctrl(&mut s, 'd');
    assert!(s.position().scroll > 0);
}
