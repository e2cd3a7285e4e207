use super::*;

fn plain(layout: &Layout, doc: &Document) -> Vec<String> {
    (0..layout.rows.len())
        .map(|i| layout.row_segments(i).iter().map(|s| s.content(&doc.text)).collect())
        .collect()
}

fn doc(md: &str) -> Document {
    Document::parse(md, 0, md)
}

#[test]
fn deep_quotes_leave_room_for_a_wide_character() {
    // Found by the state machine: nine quote bars (18 columns) and a CJK character (2) in a
    // 19-column pane made a row 20 columns wide.
    let d = doc("> > > > > > > > > 中文");
    for width in 1..=24u16 {
        let layout = Layout::new(&d, width);
        for row in 0..layout.rows.len() {
            assert!(
                layout.row_width(row) <= usize::from(width.max(2)),
                "width {width}: row {row} is {} wide",
                layout.row_width(row)
            );
        }
    }
}

#[test]
fn paragraphs_wrap_at_words_and_keep_offsets() {
    let d = doc("The quick brown fox jumps over the lazy dog.");
    let layout = Layout::new(&d, 16);
    assert_eq!(
        plain(&layout, &d),
        ["The quick brown", "fox jumps over", "the lazy dog."]
    );
    for row in 0..layout.rows.len() {
        for s in layout.row_segments(row).iter().filter(|s| s.part == Part::Text) {
            assert_eq!(usize::from(s.width), s.content(&d.text).width());
        }
    }
    assert_eq!(layout.row_of_offset(0, d.text.find("lazy").unwrap()), Some(2));
}

#[test]
fn lists_quotes_and_headings_get_their_decorations() {
    let d = doc("# Head\n\n> quoted words here\n\n- one two three\n  - nested\n\n---\n");
    let layout = Layout::new(&d, 12);
    assert_eq!(
        plain(&layout, &d),
        [
            "Head",
            "════",
            "",
            "│ quoted",
            "│ words here",
            "",
            "• one two",
            "  three",
            "  • nested",
            "",
            "────────────"
        ]
    );
}

#[test]
fn long_words_break_and_nothing_exceeds_the_width() {
    let d = doc("Supercalifragilistic word\n\n```\nlet x = 1234567890;\n```\n");
    for width in 1..30u16 {
        let layout = Layout::new(&d, width);
        for row in 0..layout.rows.len() {
            assert!(layout.row_width(row) <= usize::from(width), "width {width}: row {row}");
        }
    }
}

#[test]
fn hard_line_breaks_start_a_new_row() {
    let d = doc("September 19, 2025\\\nZainab Chaudhary\n");
    assert_eq!(d.text, "September 19, 2025\nZainab Chaudhary");
    assert_eq!(
        plain(&Layout::new(&d, 80), &d),
        ["September 19, 2025", "Zainab Chaudhary"]
    );
}

#[test]
fn link_targets_are_visible() {
    let d = doc("See [the paper](https://example.org/p) now.");
    assert_eq!(
        plain(&Layout::new(&d, 80), &d),
        ["See the paper <https://example.org/p> now."]
    );
}

#[test]
fn the_ascii_shortcut_counts_columns_as_unicode_width_does() {
    use unicode_width::UnicodeWidthStr;
    for text in [
        "plain",
        "with space",
        "tab\there",
        "界x",
        "café",
        "",
        "~!{}",
        "e\u{301}",
    ] {
        assert_eq!(super::cells(text), text.width(), "{text:?}");
    }
}

#[test]
fn a_truncated_layout_extended_again_is_the_layout_laid_out_at_once() {
    // A longer part of a document replaces a shorter one: the layout drops its last blocks and
    // lays them out again from the longer document; rows and segments match a fresh layout.
    let md = "# Title\n\nOne paragraph that wraps over a few rows at this width.\n\n- an item\n- another item\n\n> a quote\n\nThe end, after the list and the quote.\n";
    let d = doc(md);
    let whole = Layout::new(&d, 20);
    for end in 0..=d.blocks.len() {
        let mut layout = Layout::new(&d, 20);
        layout.truncate(end);
        assert_eq!(layout.end_block(), end, "truncated at {end}");
        layout.extend(&d, usize::MAX);
        assert_eq!(plain(&layout, &d), plain(&whole, &d), "truncated at {end}");
        assert_eq!(layout.rows, whole.rows, "truncated at {end}");
    }
    // A window that starts further in keeps nothing when cut before its start.
    let mut window = Layout::start_at(20, 3);
    window.extend(&d, usize::MAX);
    window.truncate(2);
    assert!(window.rows.is_empty());
    assert_eq!(window.end_block(), 3);
}
