//! `update` as a whole: keys in, state out, no terminal. Each part has its own tests beside it;
//! these check that events reach the right part and that moves across parts hold together.
//! Fixtures are written for the tests (tests/fixtures/valid, tests/fixtures/reader), so editing
//! the bundled briefs breaks none of them.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

use super::*;
use crate::corpus;
use crate::keymap::Keymap;

fn load(folder: &str) -> Corpus {
    corpus::load_path(std::path::Path::new(folder))
}

fn state(width: u16, height: u16) -> AppState {
    AppState::for_corpus(load("tests/fixtures/valid"), (width, height))
}

fn reader(width: u16, height: u16) -> AppState {
    AppState::for_corpus(load("tests/fixtures/reader"), (width, height))
}

fn press(state: &mut AppState, code: KeyCode) -> Vec<Effect> {
    state.update(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)), Now::fixed())
}

fn ctrl(state: &mut AppState, c: char) -> Vec<Effect> {
    state.update(
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)),
        Now::fixed(),
    )
}

fn type_text(state: &mut AppState, text: &str) {
    for c in text.chars() {
        press(state, KeyCode::Char(c));
    }
}

fn items(state: &AppState) -> Vec<PanelItem> {
    state.panel().items().collect()
}

fn highlighted(state: &AppState) -> String {
    let brief = state.brief().unwrap();
    brief.doc.text[state.reader().highlight().unwrap().clone()].to_owned()
}

fn open_id(state: &mut AppState, id: &str) {
    let index = state.corpus().index_of(id).unwrap();
    state.open(index, None, None);
}

#[test]
fn starts_on_the_first_brief_in_the_reader() {
    let s = state(120, 40);
    assert_eq!((s.reader().brief(), s.focus()), (0, Focus::Reader));
    assert!(!s.reader().layout().rows.is_empty());
    assert_eq!(s.mode(), Mode::Reader);
}

#[test]
fn j_and_k_move_the_passage_cursor_over_blocks() {
    let mut s = state(120, 40);
    press(&mut s, KeyCode::Char('j'));
    assert_eq!(s.reader().cursor(), 1);
    press(&mut s, KeyCode::Char('j'));
    press(&mut s, KeyCode::Char('j'));
    press(&mut s, KeyCode::Char('j'));
    assert_eq!(s.reader().cursor(), 3, "stops at the last block");
    press(&mut s, KeyCode::Char('k'));
    assert_eq!(s.reader().cursor(), 2);
    press(&mut s, KeyCode::Char('g'));
    assert_eq!(s.reader().position(), Position::default());
}

#[test]
fn tab_cycles_focus_and_brackets_cycle_tabs() {
    let mut s = state(120, 40);
    press(&mut s, KeyCode::Tab);
    assert_eq!(s.focus(), Focus::Panel);
    press(&mut s, KeyCode::Tab);
    assert_eq!(s.focus(), Focus::List);
    press(&mut s, KeyCode::BackTab);
    assert_eq!(s.focus(), Focus::Panel);
    press(&mut s, KeyCode::Char(']'));
    assert_eq!(s.panel().tab(), Tab::Claims);
    press(&mut s, KeyCode::Char('['));
    press(&mut s, KeyCode::Char('['));
    assert_eq!(s.panel().tab(), Tab::Bookmarks);
}

#[test]
fn enter_on_a_claim_highlights_exactly_its_quote() {
    let mut s = state(120, 40);
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Char(']'));
    press(&mut s, KeyCode::Enter);
    assert_eq!(highlighted(&s), "The border is long and hard to guard.");
    assert_eq!(s.reader().cursor(), 1);
}

#[test]
fn a_cross_reference_opens_the_other_brief_and_back_returns() {
    let mut s = state(120, 40);
    press(&mut s, KeyCode::Tab);
    for _ in 0..3 {
        press(&mut s, KeyCode::Char(']'));
    }
    assert_eq!(s.panel().tab(), Tab::Links);
    press(&mut s, KeyCode::Enter);
    assert_eq!(s.brief().unwrap().id, "beta");
    assert_eq!(highlighted(&s), "The fence has gaps everywhere.");
    // The backlink is listed in beta's Links tab and leads home again.
    assert_eq!(
        items(&s),
        [PanelItem::Link {
            outgoing: false,
            index: 0
        }]
    );
    ctrl(&mut s, 'o');
    assert_eq!(s.brief().unwrap().id, "alpha");
    press(&mut s, KeyCode::Char('i'));
    assert!(
        matches!(s.overlay(), Some(Overlay::About(_))),
        "plain i is About, not forward"
    );
    press(&mut s, KeyCode::Esc);
    assert_eq!(s.brief().unwrap().id, "alpha");
    s.update(
        Event::Key(KeyEvent::new(KeyCode::Right, KeyModifiers::ALT)),
        Now::fixed(),
    );
    assert_eq!(s.brief().unwrap().id, "beta");
    ctrl(&mut s, 'o');
    ctrl(&mut s, 'i');
    assert_eq!(
        s.brief().unwrap().id,
        "beta",
        "Ctrl-i goes forward where the terminal sends it"
    );
}

#[test]
fn search_finds_counts_cycles_and_an_empty_search_repeats_the_last() {
    let mut s = reader(120, 40);
    open_id(&mut s, "river-basin");
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "basin");
    press(&mut s, KeyCode::Enter);
    let count = s.find().matches().len();
    assert!(count >= 4, "{count}");
    assert_eq!(s.find().current(), Some(0));
    press(&mut s, KeyCode::Char('n'));
    assert_eq!(s.find().current(), Some(1));
    press(&mut s, KeyCode::Char('N'));
    press(&mut s, KeyCode::Char('N'));
    assert_eq!(s.find().current(), Some(count - 1), "wraps around");
    assert!(highlighted(&s).eq_ignore_ascii_case("basin"));
    press(&mut s, KeyCode::Esc);
    assert!(s.find().matches().is_empty());
    press(&mut s, KeyCode::Char('/'));
    press(&mut s, KeyCode::Enter);
    assert_eq!(s.find().query(), "basin", "an empty search repeats the last one");
    press(&mut s, KeyCode::Char('/'));
    press(&mut s, KeyCode::Up);
    assert_eq!(s.prompt().unwrap().input.text(), "basin", "Up recalls earlier searches");
    assert_eq!(s.prompt_history(HistoryKind::Search), ["basin"]);
}

#[test]
fn list_filter_is_fuzzy_enter_opens_and_esc_clears_an_applied_filter() {
    let mut s = reader(120, 40);
    press(&mut s, KeyCode::BackTab);
    assert_eq!(s.focus(), Focus::List);
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "harbour");
    let first = s.list().items()[0];
    assert_eq!(
        s.corpus().briefs[first].id,
        "dam-dispute",
        "the closest match ranks first"
    );
    press(&mut s, KeyCode::Enter);
    assert_eq!(s.brief().unwrap().id, "dam-dispute");
    assert_eq!(s.focus(), Focus::Reader);
    press(&mut s, KeyCode::BackTab);
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "qqqzzz");
    press(&mut s, KeyCode::Enter);
    assert!(s.list().items().is_empty());
    press(&mut s, KeyCode::Esc);
    assert_eq!(s.list().items().len(), 3, "Esc in the list clears an applied filter");
}

#[test]
fn the_list_filter_can_match_inside_the_text() {
    let mut s = reader(120, 40);
    press(&mut s, KeyCode::BackTab);
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "karsavi");
    assert!(s.list().items().is_empty(), "no title mentions it");
    ctrl(&mut s, 't');
    let ids: Vec<&str> = s
        .list()
        .items()
        .iter()
        .map(|&i| s.corpus().briefs[i].id.as_str())
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(ids.contains(&"drought-note") && ids.contains(&"river-basin"));
}

#[test]
fn outline_jumps_to_a_heading_and_a_brief_without_headings_says_so() {
    let mut s = reader(120, 40);
    open_id(&mut s, "river-basin");
    press(&mut s, KeyCode::Char('o'));
    assert!(matches!(s.overlay(), Some(Overlay::Outline(_))));
    press(&mut s, KeyCode::Char('G'));
    press(&mut s, KeyCode::Enter);
    assert!(s.overlay().is_none());
    let brief = s.brief().unwrap();
    assert_eq!(
        brief.doc.block_text(&brief.doc.blocks[s.reader().cursor()]),
        "References"
    );
    open_id(&mut s, "drought-note");
    press(&mut s, KeyCode::Char('o'));
    assert!(s.overlay().is_none());
    assert_eq!(s.message(), Some("no headings in this brief"));
}

#[test]
fn resize_rewraps_and_keeps_the_cursor_on_screen() {
    let mut s = reader(160, 48);
    open_id(&mut s, "river-basin");
    for _ in 0..6 {
        press(&mut s, KeyCode::Char('j'));
    }
    let cursor = s.reader().cursor();
    s.update(Event::Resize(40, 12), Now::fixed());
    assert_eq!(s.reader().layout().width, s.geometry().reader_text().width);
    assert_eq!(s.reader().cursor(), cursor);
    let rows = s.reader().layout().block_rows(cursor).unwrap();
    let p = s.reader().position();
    assert!(rows.start >= p.scroll && rows.start < p.scroll + 10, "{rows:?} {p:?}");
}

#[test]
fn q_quits_the_main_view_and_closes_overlays() {
    let mut s = state(80, 24);
    press(&mut s, KeyCode::Char('?'));
    assert!(matches!(s.overlay(), Some(Overlay::Help(_))));
    assert_eq!(s.mode(), Mode::Help);
    assert!(press(&mut s, KeyCode::Char('q')).is_empty(), "q closes the overlay");
    assert!(s.overlay().is_none());
    press(&mut s, KeyCode::Char('A'));
    press(&mut s, KeyCode::Char('q'));
    assert!(s.overlay().is_none());
    assert_eq!(press(&mut s, KeyCode::Char('m')), [Effect::SetMouse(false)]);
    assert_eq!(press(&mut s, KeyCode::Char('q')), [Effect::Quit]);
}

#[test]
fn help_scrolls_to_its_end_and_lists_the_current_mode_first() {
    let mut s = state(80, 24);
    press(&mut s, KeyCode::Char('v'));
    press(&mut s, KeyCode::Esc);
    press(&mut s, KeyCode::Char('?'));
    let Some(Overlay::Help(view)) = s.overlay() else {
        panic!()
    };
    let first = &view.lines()[0];
    assert!(first[0].1.starts_with("Reader"), "{first:?}");
    let total = view.lines().len();
    press(&mut s, KeyCode::Char('G'));
    let Some(Overlay::Help(view)) = s.overlay() else {
        panic!()
    };
    assert_eq!(view.scroll() + view.rows(), total, "G shows the last line");
}

#[test]
fn esc_closes_the_narrow_panel_overlay_and_a_jump_shows_the_reader() {
    let mut s = reader(80, 24);
    open_id(&mut s, "river-basin");
    press(&mut s, KeyCode::Tab);
    assert!(s.geometry().panel.is_some() && s.geometry().narrow);
    press(&mut s, KeyCode::Esc);
    assert_eq!(s.focus(), Focus::Reader, "Esc closes the panel overlay");
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Char(']'));
    press(&mut s, KeyCode::Char('j'));
    press(&mut s, KeyCode::Enter);
    assert_eq!(
        s.focus(),
        Focus::Reader,
        "after a jump the overlay gives way to the reader"
    );
    assert_eq!(highlighted(&s), "Officials say the border is long and hard to guard.");
}

#[test]
fn the_panel_follows_the_reader() {
    let mut s = reader(160, 48);
    open_id(&mut s, "river-basin");
    press(&mut s, KeyCode::Char(']'));
    assert_eq!(s.panel().tab(), Tab::Claims);
    press(&mut s, KeyCode::Char('G'));
    let item = s.panel().selected_item().unwrap();
    let anchor = s.item_anchor(item).unwrap();
    let visible = s.reader().visible_text();
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
    let mut s = AppState::for_corpus(corpus, (120, 40));
    assert!(s.layout_pending());
    let laid = s.reader().layout().end_block();
    assert!(laid < total / 10, "only the first screens: {laid}");
    s.update(Event::Idle, Now::fixed());
    assert!(
        s.reader().layout().end_block() > laid,
        "{laid} {} {}",
        s.reader().layout().end_block(),
        s.reader().layout().first_block()
    );
    press(&mut s, KeyCode::Char('G'));
    // G lays out from the end: the blocks between stay unlaid until wanted.
    assert_eq!(s.reader().cursor(), total - 1);
    assert_eq!(s.percent(), 100);
    assert!(
        s.reader().layout().first_block() > total / 2,
        "the window is at the end"
    );
    let scroll = s.reader().scroll();
    let top_line = s.reader().layout().row_segments(scroll).to_vec();
    for _ in 0..100 {
        if !s.layout_pending() {
            break;
        }
        s.update(Event::Idle, Now::fixed());
    }
    assert!(!s.layout_pending(), "idle moments lay the rest out");
    assert_eq!(s.reader().layout().first_block(), 0);
    let scroll = s.reader().scroll();
    assert_eq!(
        s.reader().layout().row_segments(scroll),
        top_line,
        "the view did not move"
    );
    press(&mut s, KeyCode::Char('g'));
    ctrl(&mut s, 'd');
    assert!(s.reader().scroll() > 0);
}

fn saved_ok(state: &mut AppState, effects: Vec<Effect>) {
    // Stand in for the runner: every save succeeds with the list as the app has it.
    for effect in effects {
        if let Effect::SaveBookmarks(changes) = effect {
            let list = state.bookmarks().list().to_vec();
            state.update(
                Event::BookmarksSaved {
                    saved: changes.len(),
                    result: Ok(list),
                },
                Now::fixed(),
            );
        }
    }
}

#[test]
fn b_bookmarks_the_passage_with_a_note_made_now() {
    let mut s = state(120, 40);
    press(&mut s, KeyCode::Char('j'));
    press(&mut s, KeyCode::Char('b'));
    assert!(matches!(s.prompt().map(|p| &p.kind), Some(PromptKind::Note(_))));
    type_text(&mut s, "porous");
    let effects = press(&mut s, KeyCode::Enter);
    let [Effect::SaveBookmarks(changes)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    let Some(Change::Add(b)) = changes.first() else {
        panic!()
    };
    assert_eq!(
        (b.note.as_str(), b.exact.as_str()),
        ("porous", "The border is long and hard to guard.")
    );
    assert_eq!(b.created, Now::fixed().iso(), "the time comes from the event");
    assert!(b.id.contains("-1-"), "the id names the session: {}", b.id);
    assert_eq!(s.bookmarks().count(0), 1);
    saved_ok(&mut s, effects);
    assert!(s.unsaved_changes().is_empty());
}

#[test]
fn esc_in_the_note_prompt_makes_no_bookmark() {
    let mut s = state(120, 40);
    press(&mut s, KeyCode::Char('b'));
    type_text(&mut s, "never mind");
    assert!(press(&mut s, KeyCode::Esc).is_empty());
    assert!(s.bookmarks().list().is_empty() && s.prompt().is_none());
}

#[test]
fn a_selection_narrows_the_bookmark_to_a_figure() {
    let mut s = reader(120, 40);
    open_id(&mut s, "river-basin");
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "over 650");
    press(&mut s, KeyCode::Enter);
    press(&mut s, KeyCode::Char('v'));
    assert_eq!(s.mode(), Mode::Visual);
    let text = s.brief().unwrap().doc.text.clone();
    let selected = |s: &AppState| text[s.selection().unwrap().clone()].to_owned();
    assert_eq!(selected(&s), "over 650");
    type_text(&mut s, "www");
    assert_eq!(selected(&s), "over 650 recorded floods in");
    press(&mut s, KeyCode::Char('e'));
    assert_eq!(selected(&s), "over 650 recorded floods");
    press(&mut s, KeyCode::Char('h'));
    assert_eq!(selected(&s), "With over 650 recorded floods");
    press(&mut s, KeyCode::Char(')'));
    assert!(selected(&s).ends_with("the basin is under strain."));
    press(&mut s, KeyCode::Enter);
    press(&mut s, KeyCode::Enter);
    let b = &s.bookmarks().list()[0];
    assert!(b.exact.starts_with("With over 650 recorded floods in 2023"));
    assert!(s.selection().is_none());
}

#[test]
fn delete_undo_and_edit_from_the_bookmarks_tab() {
    let mut s = state(120, 40);
    press(&mut s, KeyCode::Char('b'));
    let effects = press(&mut s, KeyCode::Enter);
    saved_ok(&mut s, effects);
    press(&mut s, KeyCode::Char('B'));
    assert_eq!((s.focus(), s.panel().tab()), (Focus::Panel, Tab::Bookmarks));
    assert_eq!(items(&s), vec![PanelItem::Bookmark(0)]);
    press(&mut s, KeyCode::Char('e'));
    type_text(&mut s, "why it matters");
    let effects = press(&mut s, KeyCode::Enter);
    assert!(
        matches!(effects.as_slice(), [Effect::SaveBookmarks(c)] if matches!(c.as_slice(), [Change::Note { note, .. }] if note == "why it matters"))
    );
    saved_ok(&mut s, effects);
    let effects = press(&mut s, KeyCode::Char('d'));
    assert!(s.bookmarks().list().is_empty());
    assert_eq!(s.message(), Some("bookmark deleted (u undoes)"));
    saved_ok(&mut s, effects);
    let effects = press(&mut s, KeyCode::Char('u'));
    assert_eq!(s.bookmarks().list()[0].note, "why it matters");
    saved_ok(&mut s, effects);
}

#[test]
fn a_failed_save_keeps_changes_in_memory_and_retries_them() {
    let mut s = state(120, 40);
    press(&mut s, KeyCode::Char('b'));
    press(&mut s, KeyCode::Enter);
    s.update(
        Event::BookmarksSaved {
            saved: 1,
            result: Err("the file system is read-only".into()),
        },
        Now::fixed(),
    );
    assert!(s.message().unwrap().contains("kept in memory"));
    assert_eq!(s.bookmarks().list().len(), 1, "the bookmark is still there");
    press(&mut s, KeyCode::Char('j'));
    press(&mut s, KeyCode::Char('b'));
    let effects = press(&mut s, KeyCode::Enter);
    let [Effect::SaveBookmarks(changes)] = effects.as_slice() else {
        panic!()
    };
    assert_eq!(changes.len(), 2, "the unsaved change is retried with the new one");
    s.update(Event::SaveWaiting("waiting for another dossier".into()), Now::fixed());
    assert_eq!(s.bookmarks().waiting(), Some("waiting for another dossier"));
}

#[test]
fn an_orphan_is_picked_then_reattached_to_a_selection() {
    let mut s = state(120, 40);
    press(&mut s, KeyCode::Char('b'));
    press(&mut s, KeyCode::Enter);
    let mut orphan = s.bookmarks().list()[0].clone();
    orphan.exact = "a passage that was deleted from the brief long ago".into();
    orphan.prefix.clear();
    orphan.suffix.clear();
    orphan.content_hash = "0".into();
    s.set_bookmarks(vec![orphan.clone()]);
    assert!(s.bookmarks().is_orphan(0));
    // Pick the orphan in the Bookmarks tab; Enter says how to re-attach it.
    press(&mut s, KeyCode::Char('B'));
    press(&mut s, KeyCode::Enter);
    assert!(s.message().unwrap().starts_with("orphaned"), "{:?}", s.message());
    // Go to the passage, select part of it, re-attach.
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Tab);
    assert_eq!(s.focus(), Focus::Reader);
    press(&mut s, KeyCode::Char('j'));
    press(&mut s, KeyCode::Char('v'));
    let effects = press(&mut s, KeyCode::Char('r'));
    assert!(
        matches!(effects.as_slice(), [Effect::SaveBookmarks(c)] if matches!(c.last(), Some(Change::Reattach(_)))),
        "{:?}",
        s.message()
    );
    let b = &s.bookmarks().list()[0];
    assert_eq!(
        (b.id.as_str(), b.note.as_str()),
        (orphan.id.as_str(), orphan.note.as_str())
    );
    assert_eq!(b.exact, "The border is long and hard to guard.");
    assert!(!s.bookmarks().is_orphan(0));
    assert!(s.selection().is_none());
}

#[test]
fn keys_that_did_nothing_in_selection_mode_now_work() {
    let mut s = state(120, 40);
    press(&mut s, KeyCode::Char('j'));
    press(&mut s, KeyCode::Char('v'));
    press(&mut s, KeyCode::Char('B'));
    assert_eq!(s.panel().tab(), Tab::Bookmarks);
    assert!(s.selection().is_some(), "the selection stays");
    press(&mut s, KeyCode::Tab);
    assert_eq!(s.focus(), Focus::Panel);
    assert!(s.selection().is_some());
}

#[test]
fn reading_state_round_trips_positions_focus_and_old_ids() {
    let mut s = reader(120, 40);
    open_id(&mut s, "river-basin");
    let index = s.reader().brief();
    s.open(index, Some(9), None);
    press(&mut s, KeyCode::Tab);
    let mut saved = s.reading_state();
    assert_eq!(saved.last_brief.as_deref(), Some("river-basin"));
    assert_eq!(saved.positions.get("river-basin"), Some(&9));
    let mut again = AppState::new(Setup {
        corpus: load("tests/fixtures/reader"),
        keymap: Keymap::default(),
        themes: vec!["dark".into()],
        theme: 0,
        size: (120, 40),
        open: saved.last_brief.clone(),
        session: 2,
        sizes: geometry::Sizes::default(),
        clipboard: true,
        corpus_id: "bundled".into(),
    });
    again.restore(&saved);
    assert_eq!(again.reader().brief(), index);
    assert_eq!(again.reader().cursor(), 9);
    assert_eq!(again.focus(), Focus::Panel);
    let rows = again.reader().layout().block_rows(9).unwrap();
    assert!(rows.start >= again.reader().scroll(), "the passage is on screen");
    // Saved under an id the brief no longer has, but lists as an alias.
    saved.positions.clear();
    saved.positions.insert("old-basin-id".into(), 4);
    let mut corpus = load("tests/fixtures/reader");
    corpus.briefs[index].meta.aliases.push("old-basin-id".into());
    let mut renamed = AppState::for_corpus(corpus, (120, 40));
    renamed.restore(&saved);
    assert_eq!(renamed.reader().position_of(index).cursor, 4);
}

#[test]
fn search_all_finds_across_briefs_and_enter_continues_in_the_brief() {
    let mut s = reader(120, 40);
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "water");
    press(&mut s, KeyCode::Enter);
    press(&mut s, KeyCode::Char('F'));
    type_text(&mut s, "commission");
    let Some(Overlay::Search(search)) = s.overlay() else {
        panic!()
    };
    assert_eq!(search.input.text(), "commission", "the overlay opened empty");
    let briefs: std::collections::BTreeSet<usize> = search.hits().iter().map(|h| h.brief).collect();
    assert!(briefs.len() >= 2, "found in several briefs: {briefs:?}");
    let second = search.hits()[1].clone();
    press(&mut s, KeyCode::Down);
    press(&mut s, KeyCode::Enter);
    assert!(s.overlay().is_none());
    assert_eq!(s.reader().brief(), second.brief);
    assert_eq!(s.reader().highlight(), Some(&second.range));
    assert_eq!(s.find().query(), "commission");
    let current = s.find().current().unwrap();
    assert_eq!(s.find().matches()[current], second.range);
}

#[test]
fn n_steps_through_every_hit_of_a_search_across_briefs() {
    let mut s = reader(120, 40);
    press(&mut s, KeyCode::Char('F'));
    type_text(&mut s, "commission");
    let Some(Overlay::Search(search)) = s.overlay() else {
        panic!()
    };
    let hits = search.hits().to_vec();
    let briefs: std::collections::BTreeSet<usize> = hits.iter().map(|h| h.brief).collect();
    assert_eq!((hits.len(), briefs.len()), (5, 3), "{hits:?}");
    press(&mut s, KeyCode::Enter);
    assert_eq!(s.trail().unwrap().position_text(), "hit 1/5 in 3 briefs");
    for hit in hits.iter().skip(1) {
        press(&mut s, KeyCode::Char('n'));
        assert_eq!(
            (s.reader().brief(), s.reader().highlight()),
            (hit.brief, Some(&hit.range))
        );
    }
    press(&mut s, KeyCode::Char('n'));
    assert_eq!(s.reader().brief(), hits[0].brief, "wraps to the first hit");
    press(&mut s, KeyCode::Char('N'));
    assert_eq!(s.reader().highlight(), hits.last().map(|h| &h.range));
    press(&mut s, KeyCode::Esc);
    assert!(s.trail().is_none());
}

#[test]
fn opening_a_claim_hit_says_what_was_opened() {
    let mut s = reader(120, 40);
    press(&mut s, KeyCode::Char('F'));
    type_text(&mut s, "guard");
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Enter);
    let message = s.message().unwrap();
    assert!(message.starts_with("claim border-hard in river-basin"), "{message}");
    assert!(!message.contains("no match"), "{message}");
    assert_eq!(s.trail().unwrap().position_text(), "hit 1/1 in 1 brief");
}

#[test]
fn search_all_scopes_and_a_regex_that_does_not_compile() {
    let mut s = reader(120, 40);
    press(&mut s, KeyCode::Char('F'));
    type_text(&mut s, "billion");
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Tab);
    let Some(Overlay::Search(search)) = s.overlay() else {
        panic!()
    };
    assert_eq!(search.scope, crate::search::Scope::Statistics);
    assert!(!search.hits().is_empty());
    assert!(
        search
            .hits()
            .iter()
            .all(|h| matches!(h.source, crate::search::Source::Statistic(_)))
    );
    ctrl(&mut s, 'r');
    type_text(&mut s, "(");
    let Some(Overlay::Search(search)) = s.overlay() else {
        panic!()
    };
    assert!(search.regex && search.hits().is_empty());
    assert!(
        search
            .error
            .as_deref()
            .unwrap()
            .starts_with("the regular expression does not compile")
    );
    press(&mut s, KeyCode::Esc);
    assert!(s.overlay().is_none());
}

#[test]
fn a_brief_without_annotations_gets_derived_statistics_and_links_marked_as_such() {
    let corpus = load("tests/fixtures/reader");
    let derived = crate::derive::corpus(&corpus);
    let index = corpus.index_of("drought-note").unwrap();
    let mut s = AppState::for_corpus(corpus, (160, 48));
    s.open(index, None, None);
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Char(']'));
    press(&mut s, KeyCode::Char(']'));
    assert!(items(&s).is_empty(), "nothing until derivation arrives");
    s.update(Event::Derived(0, Box::new(derived)), Now::fixed());
    let found = items(&s);
    assert!(!found.is_empty() && found.iter().all(|i| matches!(i, PanelItem::DerivedStatistic(_))));
    let values: Vec<f64> = s.derived_statistics().iter().filter_map(|d| d.value()).collect();
    assert!(values.contains(&1200.0), "{values:?}");
    // A brief with curated statistics keeps them: derived ones do not mix in.
    open_id(&mut s, "river-basin");
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Tab);
    assert!(
        items(&s).iter().all(|i| matches!(i, PanelItem::Statistic(_))),
        "{:?}",
        items(&s)
    );
}

#[test]
fn the_corpus_views_open_passages_and_reopen_where_they_were() {
    let mut s = reader(160, 48);
    press(&mut s, KeyCode::Char('A'));
    let Some(Overlay::Analysis(view)) = s.overlay() else {
        panic!()
    };
    assert_eq!(view.tab, AnalysisTab::Statistics);
    press(&mut s, KeyCode::Char('s'));
    let Some(Overlay::Analysis(view)) = s.overlay() else {
        panic!()
    };
    assert_eq!(view.sort, crate::analysis::SortBy::Period);
    // The first row sorted by period is the 1960 treaty: Enter opens its passage, highlighted.
    press(&mut s, KeyCode::Enter);
    assert!(s.overlay().is_none());
    assert_eq!(highlighted(&s), "The treaty of 1960");
    // The link map: move to a cell and open its first link.
    press(&mut s, KeyCode::Char('A'));
    let Some(Overlay::Analysis(view)) = s.overlay() else {
        panic!()
    };
    assert_eq!(view.sort, crate::analysis::SortBy::Period, "reopens as it was");
    for _ in 0..3 {
        press(&mut s, KeyCode::Char(']'));
    }
    // Row 1 (the drought note) and column 2 (the basin paper) share no link.
    press(&mut s, KeyCode::Char('j'));
    press(&mut s, KeyCode::Char('l'));
    press(&mut s, KeyCode::Enter);
    assert_eq!(s.message(), Some("nothing to open here"));
    press(&mut s, KeyCode::Char('k'));
    press(&mut s, KeyCode::Enter);
    press(&mut s, KeyCode::Enter);
    assert!(s.overlay().is_none());
    assert!(s.reader().highlight().is_some());
}

#[test]
fn a_click_in_a_scrolled_list_selects_the_brief_under_it() {
    // Enough briefs that the list must scroll at 24 rows.
    let pairs = (0..12)
        .map(|i| {
            let md = format!("+++\ntitle = \"Brief number {i}\"\n+++\n\nText {i}.\n");
            (
                corpus::SourceFile {
                    path: format!("b{i:02}.md"),
                    bytes: md.into_bytes(),
                },
                None,
            )
        })
        .collect();
    let c = corpus::load_sources(pairs, corpus::Origin::Embedded, Vec::new());
    let mut s = AppState::for_corpus(c, (120, 24));
    press(&mut s, KeyCode::BackTab);
    press(&mut s, KeyCode::Char('G'));
    assert_eq!(s.list().selected(), 11);
    assert!(s.list().scroll() > 0, "the list scrolled to show the last brief");
    let scroll = s.list().scroll();
    // Click the title row of the second brief on screen: list row 1 + 3 inside the border.
    let list = s.geometry().list.unwrap();
    let click = MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: list.x + 4,
        row: list.y + 1 + 3,
        modifiers: KeyModifiers::NONE,
    };
    s.update(Event::Mouse(click), Now::fixed());
    assert_eq!(
        s.list().selected(),
        scroll + 1,
        "the brief drawn there, not row 1 of the list"
    );
    press(&mut s, KeyCode::Enter);
    assert_eq!(s.brief().unwrap().meta.title, format!("Brief number {}", scroll + 1));
}

#[test]
fn pane_sizes_zoom_theme_and_histories_are_kept_with_the_reading_state() {
    let mut s = AppState::new(Setup {
        corpus: load("tests/fixtures/reader"),
        keymap: crate::keymap::Keymap::default(),
        themes: vec!["dark".into(), "light".into()],
        theme: 0,
        size: (160, 48),
        open: None,
        session: 1,
        sizes: geometry::Sizes::default(),
        clipboard: true,
        corpus_id: "bundled".into(),
    });
    let before = s.geometry().list.unwrap().width;
    type_text(&mut s, "}}");
    assert!(s.geometry().list.unwrap().width > before, "}} widens the list");
    type_text(&mut s, "<");
    press(&mut s, KeyCode::Char('z'));
    assert!(
        s.geometry().list.is_none() && s.geometry().panel.is_none(),
        "z: the reader alone"
    );
    press(&mut s, KeyCode::Char('t'));
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "dam");
    press(&mut s, KeyCode::Enter);
    let saved = s.reading_state();
    assert_eq!(saved.theme.as_deref(), Some("light"));
    let panes = saved.panes.unwrap();
    assert_eq!((panes.list, panes.panel, panes.zoom), (26, 28, true));
    assert_eq!(saved.history.get("search").unwrap(), &["dam"]);
    let mut again = AppState::for_corpus(load("tests/fixtures/reader"), (160, 48));
    again.restore(&saved);
    assert!(again.geometry().list.is_none(), "still zoomed");
    assert_eq!(again.prompt_history(HistoryKind::Search), ["dam"]);
    press(&mut again, KeyCode::Char('z'));
    assert_eq!(again.geometry().list.unwrap().width, 41, "26% of 160");
}

#[test]
fn the_corpus_views_show_a_row_whole_and_pick_among_a_cells_links() {
    let mut s = reader(80, 24);
    press(&mut s, KeyCode::Char('A'));
    press(&mut s, KeyCode::Char(' '));
    let Some(Overlay::Analysis(view)) = s.overlay() else {
        panic!()
    };
    assert!(view.detail, "Space shows the row whole");
    press(&mut s, KeyCode::Char('j'));
    let Some(Overlay::Analysis(view)) = s.overlay() else {
        panic!()
    };
    assert_eq!(
        (view.selected(), view.detail_scroll),
        (0, 1),
        "j scrolls the detail, not the rows"
    );
    press(&mut s, KeyCode::Esc);
    let Some(Overlay::Analysis(view)) = s.overlay() else {
        panic!()
    };
    assert!(!view.detail, "Esc closes the detail first");
    // The link map: a cell with several links; Enter picks, j moves the pick, Enter opens it.
    for _ in 0..3 {
        press(&mut s, KeyCode::Char(']'));
    }
    // Row 0 (the dam op-ed), column 2 (the basin paper): two links.
    press(&mut s, KeyCode::Char('l'));
    let Some(Overlay::Analysis(view)) = s.overlay() else {
        panic!()
    };
    let links = view.cell_links(s.corpus());
    assert_eq!(links.len(), 2);
    press(&mut s, KeyCode::Enter);
    assert!(s.overlay().is_some(), "Enter picks first");
    press(&mut s, KeyCode::Char('j'));
    press(&mut s, KeyCode::Char('j'));
    let Some(Overlay::Analysis(view)) = s.overlay() else {
        panic!()
    };
    assert_eq!(view.pick, Some(1), "within the cell's links");
    press(&mut s, KeyCode::Enter);
    assert!(s.overlay().is_none());
    let expected = &links[1];
    let brief = s.brief().unwrap();
    assert_eq!(brief.id, expected.from_brief, "the picked link opened, not the first");
    let claim = brief.claim(&expected.from_claim).unwrap();
    assert_eq!(s.reader().highlight(), claim.anchor.as_ref());
}

#[test]
fn another_corpus_s_bookmarks_are_never_orphans_here_and_can_be_shown_grouped() {
    let mut s = state(120, 40);
    press(&mut s, KeyCode::Char('j'));
    press(&mut s, KeyCode::Char('b'));
    press(&mut s, KeyCode::Enter);
    let mine = s.bookmarks().list()[0].clone();
    assert_eq!(
        mine.corpus.as_deref(),
        Some(s.bookmarks().corpus()),
        "made here, kept here"
    );
    let mut theirs = mine.clone();
    theirs.id = "theirs".into();
    theirs.corpus = Some("/somewhere/else".into());
    theirs.brief = "readme".into();
    s.set_bookmarks(vec![mine, theirs]);
    press(&mut s, KeyCode::Char('B'));
    assert_eq!(items(&s), [PanelItem::Bookmark(0)], "only this corpus's bookmark");
    assert!(!s.bookmarks().is_orphan(1));
    press(&mut s, KeyCode::Char('a'));
    assert_eq!(
        items(&s),
        [PanelItem::Bookmark(0), PanelItem::Bookmark(1)],
        "every corpus's"
    );
    let view = s.panel().view();
    let label: String = view.lines[view.entries[1].1.start]
        .pieces
        .iter()
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(label, "◌ in /somewhere/else · readme");
    press(&mut s, KeyCode::Char('j'));
    press(&mut s, KeyCode::Enter);
    assert!(
        s.message()
            .unwrap()
            .starts_with("this bookmark belongs to /somewhere/else")
    );
}

#[test]
fn ctrl_c_quits_from_search_every_brief() {
    let mut s = reader(120, 40);
    press(&mut s, KeyCode::Char('F'));
    type_text(&mut s, "water");
    let effects = s.update(
        Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
        Now::fixed(),
    );
    assert!(effects.contains(&Effect::Quit), "{effects:?}");
}

#[test]
fn a_search_is_a_jump_and_esc_in_its_prompt_goes_back_to_where_it_began() {
    let mut s = reader(120, 40);
    open_id(&mut s, "river-basin");
    let start = s.reader().cursor();
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "References");
    press(&mut s, KeyCode::Enter);
    let found = s.reader().cursor();
    assert!(found > start, "the search moved the reader: {found}");
    ctrl(&mut s, 'o');
    assert_eq!(s.reader().cursor(), start, "Ctrl-o returns to where / was pressed");
    // Typing moves the reader to the first match; Esc puts it back and keeps no jump.
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "References");
    assert_eq!(s.reader().cursor(), found);
    press(&mut s, KeyCode::Esc);
    assert_eq!(s.reader().cursor(), start);
}
