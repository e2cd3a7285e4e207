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

fn type_text(state: &mut AppState, text: &str) {
    for c in text.chars() {
        press(state, KeyCode::Char(c));
    }
}

fn saved_ok(state: &mut AppState, effects: Vec<Effect>) {
    // Stand in for the runner: every save succeeds with the list as the app has it.
    for effect in effects {
        if let Effect::SaveBookmarks(_) = effect {
            let list = state.bookmarks.clone();
            state.update(Event::BookmarksSaved(Ok(list)));
        }
    }
}

#[test]
fn b_bookmarks_the_passage_with_a_note() {
    let mut s = state(120, 40);
    press(&mut s, KeyCode::Char('j'));
    press(&mut s, KeyCode::Char('b'));
    assert!(matches!(s.prompt, Some(Prompt::Note { .. })));
    type_text(&mut s, "porous");
    let effects = press(&mut s, KeyCode::Enter);
    let [Effect::SaveBookmarks(changes)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert!(
        matches!(changes.as_slice(), [Change::Add(b)] if b.note == "porous" && b.exact == "The border is long and hard to guard.")
    );
    assert_eq!(s.bookmarks.len(), 1);
    assert_eq!(s.bookmark_count(0), 1);
    assert_eq!(s.bookmarks_in_block(1), vec![0]);
    saved_ok(&mut s, effects);
    assert!(s.unsaved_changes().is_empty());
}

#[test]
fn esc_in_the_note_prompt_makes_no_bookmark() {
    let mut s = state(120, 40);
    press(&mut s, KeyCode::Char('b'));
    type_text(&mut s, "never mind");
    assert!(press(&mut s, KeyCode::Esc).is_empty());
    assert!(s.bookmarks.is_empty() && s.prompt.is_none());
}

#[test]
fn a_selection_narrows_the_bookmark_to_a_figure() {
    let mut s = bundled(120, 40);
    // Search for the figure, then select from the match and widen it by words.
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "over 650");
    press(&mut s, KeyCode::Enter);
    press(&mut s, KeyCode::Char('v'));
    let text = s.brief().unwrap().doc.text.clone();
    assert_eq!(&text[s.selection.clone().unwrap()], "over 650");
    type_text(&mut s, "www");
    assert_eq!(&text[s.selection.clone().unwrap()], "over 650 recorded attacks in");
    press(&mut s, KeyCode::Char('e'));
    assert_eq!(&text[s.selection.clone().unwrap()], "over 650 recorded attacks");
    press(&mut s, KeyCode::Char('h'));
    assert_eq!(&text[s.selection.clone().unwrap()], "With over 650 recorded attacks");
    press(&mut s, KeyCode::Char(')'));
    assert!(text[s.selection.clone().unwrap()].ends_with("problematic neighbour."));
    press(&mut s, KeyCode::Char(')'));
    assert!(text[s.selection.clone().unwrap()].ends_with("to its return."));
    press(&mut s, KeyCode::Char('('));
    assert!(text[s.selection.clone().unwrap()].ends_with("problematic neighbour."));
    press(&mut s, KeyCode::Char('e'));
    press(&mut s, KeyCode::Char('e'));
    assert!(text[s.selection.clone().unwrap()].ends_with("worry about its"));
    press(&mut s, KeyCode::Enter);
    press(&mut s, KeyCode::Enter);
    assert!(
        s.bookmarks[0]
            .exact
            .starts_with("With over 650 recorded attacks in 2023")
    );
    assert!(s.bookmarks[0].exact.ends_with("worry about its"));
    assert!(s.selection.is_none());
}

#[test]
fn delete_undo_and_edit_from_the_bookmarks_tab() {
    let mut s = state(120, 40);
    press(&mut s, KeyCode::Char('b'));
    let effects = press(&mut s, KeyCode::Enter);
    saved_ok(&mut s, effects);
    press(&mut s, KeyCode::Char('B'));
    assert_eq!((s.focus, s.tab), (Focus::Panel, Tab::Bookmarks));
    assert_eq!(s.panel_items(), vec![PanelItem::Bookmark(0)]);
    press(&mut s, KeyCode::Char('e'));
    type_text(&mut s, "why it matters");
    let effects = press(&mut s, KeyCode::Enter);
    assert!(
        matches!(effects.as_slice(), [Effect::SaveBookmarks(c)] if matches!(c.as_slice(), [Change::Note { note, .. }] if note == "why it matters"))
    );
    saved_ok(&mut s, effects);
    let effects = press(&mut s, KeyCode::Char('d'));
    assert!(s.bookmarks.is_empty());
    saved_ok(&mut s, effects);
    let effects = press(&mut s, KeyCode::Char('u'));
    assert_eq!(s.bookmarks.len(), 1);
    assert_eq!(s.bookmarks[0].note, "why it matters");
    saved_ok(&mut s, effects);
}

#[test]
fn a_failed_save_keeps_changes_in_memory_and_retries_them() {
    let mut s = state(120, 40);
    press(&mut s, KeyCode::Char('b'));
    press(&mut s, KeyCode::Enter);
    s.update(Event::BookmarksSaved(Err("the file system is read-only".into())));
    assert!(s.message.as_deref().unwrap().contains("kept in memory"));
    assert_eq!(s.bookmarks.len(), 1, "the bookmark is still there");
    press(&mut s, KeyCode::Char('j'));
    press(&mut s, KeyCode::Char('b'));
    let effects = press(&mut s, KeyCode::Enter);
    let [Effect::SaveBookmarks(changes)] = effects.as_slice() else {
        panic!()
    };
    assert_eq!(changes.len(), 2, "the unsaved change is retried with the new one");
}

#[test]
fn an_orphan_is_listed_and_can_be_reattached_at_the_cursor() {
    let mut s = state(120, 40);
    press(&mut s, KeyCode::Char('b'));
    press(&mut s, KeyCode::Enter);
    let mut orphan = s.bookmarks[0].clone();
    orphan.exact = "a passage that was deleted from the brief long ago".into();
    orphan.prefix.clear();
    orphan.suffix.clear();
    orphan.content_hash = "0".into();
    s.set_bookmarks(vec![orphan.clone()]);
    assert!(matches!(s.placements[0], crate::store::Placement::Orphan(_)));
    press(&mut s, KeyCode::Char('j'));
    press(&mut s, KeyCode::Char('B'));
    press(&mut s, KeyCode::Enter);
    assert!(s.message.as_deref().unwrap().starts_with("orphaned"));
    let effects = press(&mut s, KeyCode::Char('r'));
    assert!(!effects.is_empty(), "{:?}", s.message);
    // The first bookmark's save was never confirmed here, so it is sent again with the re-attach.
    assert!(matches!(effects.as_slice(), [Effect::SaveBookmarks(c)] if matches!(c.last(), Some(Change::Reattach(_)))));
    assert_eq!(s.bookmarks[0].id, orphan.id);
    assert_eq!(s.bookmarks[0].note, orphan.note);
    assert_eq!(s.bookmarks[0].exact, "The border is long and hard to guard.");
    assert!(matches!(s.placements[0], crate::store::Placement::Placed { .. }));
}

#[test]
fn reading_state_round_trips_positions_and_focus() {
    let mut s = bundled(120, 40);
    let paper = s.corpus.index_of("taliban-return-pakistan-security").unwrap();
    s.open(paper, Some(40), None);
    press(&mut s, KeyCode::Tab);
    let saved = s.reading_state();
    assert_eq!(saved.last_brief.as_deref(), Some("taliban-return-pakistan-security"));
    assert_eq!(saved.positions.get("taliban-return-pakistan-security"), Some(&40));
    let mut again = AppState::new(
        corpus::load_embedded(),
        Keymap::default(),
        vec!["dark".into()],
        0,
        (120, 40),
        saved.last_brief.as_deref(),
    );
    again.restore(&saved);
    assert_eq!(again.current, paper);
    assert_eq!(again.position().cursor, 40);
    assert_eq!(again.focus, Focus::Panel);
    let rows = again.layout.block_rows[40].clone();
    assert!(rows.start >= again.position().scroll, "the passage is on screen");
}

#[test]
fn search_all_finds_across_briefs_and_enter_continues_in_the_brief() {
    let mut s = bundled(120, 40);
    // A search in the brief first: the search-all overlay still opens empty.
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "durand");
    press(&mut s, KeyCode::Enter);
    press(&mut s, KeyCode::Char('F'));
    type_text(&mut s, "balochistan");
    let Some(Overlay::Search(search)) = &s.overlay else {
        panic!("{:?}", s.overlay)
    };
    assert_eq!(search.input.text, "balochistan", "the overlay opened empty");
    let briefs: std::collections::BTreeSet<usize> = search.hits.iter().map(|h| h.brief).collect();
    assert!(briefs.len() >= 3, "found in several briefs: {briefs:?}");
    let second = search.hits[1].clone();
    press(&mut s, KeyCode::Down);
    press(&mut s, KeyCode::Enter);
    assert!(s.overlay.is_none());
    assert_eq!(s.current, second.brief);
    assert_eq!(s.highlight, Some(second.range.clone()));
    assert_eq!(s.search.query, "balochistan");
    let current = s.search.current.unwrap();
    assert_eq!(s.search.matches[current], second.range);
    press(&mut s, KeyCode::Char('n'));
    assert!(s.search.current != Some(current) || s.search.matches.len() == 1);
}

#[test]
fn search_all_scopes_and_a_regex_that_does_not_compile() {
    let mut s = bundled(120, 40);
    press(&mut s, KeyCode::Char('F'));
    type_text(&mut s, "billion");
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Tab);
    let Some(Overlay::Search(search)) = &s.overlay else {
        panic!()
    };
    assert_eq!(search.scope, crate::search::Scope::Statistics);
    assert!(
        search
            .hits
            .iter()
            .all(|h| matches!(h.source, crate::search::Source::Statistic(_)))
    );
    assert!(!search.hits.is_empty());
    s.update(Event::Key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL)));
    type_text(&mut s, "(");
    let Some(Overlay::Search(search)) = &s.overlay else {
        panic!()
    };
    assert!(search.regex && search.hits.is_empty());
    assert!(
        search
            .error
            .as_deref()
            .unwrap()
            .starts_with("the regular expression does not compile")
    );
    press(&mut s, KeyCode::Esc);
    assert!(s.overlay.is_none());
}

#[test]
fn the_list_filter_can_match_inside_the_text() {
    let mut s = bundled(120, 40);
    press(&mut s, KeyCode::BackTab);
    press(&mut s, KeyCode::Char('/'));
    type_text(&mut s, "abbottabad");
    assert!(s.list.is_empty(), "no title mentions it");
    s.update(Event::Key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::CONTROL)));
    assert_eq!(
        s.list
            .iter()
            .map(|&i| s.corpus.briefs[i].id.as_str())
            .collect::<Vec<_>>(),
        ["us-pakistan-ct-cooperation-2023"]
    );
}

#[test]
fn a_brief_without_annotations_gets_derived_statistics_and_links_marked_as_such() {
    let mut pairs: Vec<(corpus::SourceFile, Option<corpus::SourceFile>)> = Vec::new();
    for (path, text) in dossier_embedded() {
        if let Some(stem) = path.strip_suffix(".md") {
            let sidecar = dossier_embedded()
                .into_iter()
                .find(|(p, _)| *p == format!("{stem}.toml"))
                .map(|(p, t)| corpus::SourceFile {
                    path: p.into(),
                    bytes: t.as_bytes().to_vec(),
                });
            pairs.push((
                corpus::SourceFile {
                    path: path.into(),
                    bytes: text.as_bytes().to_vec(),
                },
                sidecar,
            ));
        }
    }
    let note = "# Border note\n\nSince August 2021, more than 1,200 incidents were recorded by the TTP near Kabul and Islamabad, the Taliban said, in Pakistan.\n";
    pairs.push((
        corpus::SourceFile {
            path: "briefs/zz-note.md".into(),
            bytes: note.as_bytes().to_vec(),
        },
        None,
    ));
    let corpus = corpus::load_sources(pairs, corpus::Origin::Embedded, Vec::new());
    let derived = crate::derive::corpus(&corpus);
    let index = corpus.index_of("zz-note").unwrap();
    let mut s = AppState::new(
        corpus,
        Keymap::default(),
        vec!["dark".into()],
        0,
        (160, 48),
        Some("zz-note"),
    );
    assert_eq!(s.current, index);
    press(&mut s, KeyCode::Tab);
    press(&mut s, KeyCode::Char(']'));
    press(&mut s, KeyCode::Char(']'));
    assert!(s.panel_items().is_empty(), "nothing until derivation arrives");
    s.update(Event::Derived(Box::new(derived)));
    let items = s.panel_items();
    assert!(items.iter().all(|i| matches!(i, PanelItem::DerivedStatistic(_))));
    let values: Vec<f64> = s.derived_statistics().iter().filter_map(|d| d.value()).collect();
    assert!(values.contains(&1200.0) && values.contains(&2021.0), "{values:?}");
    press(&mut s, KeyCode::Char(']'));
    let links = s.panel_items();
    assert!(!links.is_empty() && links.iter().all(|i| matches!(i, PanelItem::InferredLink(_))));
    press(&mut s, KeyCode::Enter);
    assert_ne!(s.current, index, "Enter on a derived link opens the other brief");
    // A brief with curated statistics keeps them: derived ones do not mix in.
    press(&mut s, KeyCode::Char('['));
    assert!(s.panel_items().iter().all(|i| matches!(i, PanelItem::Statistic(_))));
}

fn dossier_embedded() -> Vec<(&'static str, &'static str)> {
    crate::embedded::BRIEFS.to_vec()
}

#[test]
fn the_analysis_overlay_opens_passages_from_each_tab() {
    let mut s = bundled(160, 48);
    press(&mut s, KeyCode::Char('A'));
    let Some(Overlay::Analysis(view)) = &s.overlay else {
        panic!()
    };
    assert_eq!(view.tab, AnalysisTab::Statistics);
    press(&mut s, KeyCode::Char('s'));
    let Some(Overlay::Analysis(view)) = &s.overlay else {
        panic!()
    };
    assert_eq!(view.sort, crate::analysis::SortBy::Period);
    // The first row sorted by period is a 2001 fact: Enter opens its passage, highlighted.
    press(&mut s, KeyCode::Enter);
    assert!(s.overlay.is_none());
    let text = &s.brief().unwrap().doc.text;
    let quote = &text[s.highlight.clone().unwrap()];
    assert!(quote.contains("2001") || quote.contains("9/11"), "{quote}");
    // The link map: move to a cell and open its first link.
    press(&mut s, KeyCode::Char('A'));
    for _ in 0..3 {
        press(&mut s, KeyCode::Char(']'));
    }
    press(&mut s, KeyCode::Char('j'));
    let Some(Overlay::Analysis(view)) = &s.overlay else {
        panic!()
    };
    assert_eq!((view.tab, view.row, view.column), (AnalysisTab::Map, 1, 1));
    press(&mut s, KeyCode::Char('l'));
    press(&mut s, KeyCode::Enter);
    assert!(s.overlay.is_none());
    assert!(s.highlight.is_some());
    press(&mut s, KeyCode::Char('A'));
    press(&mut s, KeyCode::Esc);
    assert!(s.overlay.is_none());
}
