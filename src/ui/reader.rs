//! The reader pane: only the rows on screen are turned into spans each frame.

use std::ops::Range;

use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{bordered, flag_markers, key_hint, rect};
use crate::app::geometry::Geometry;
use crate::app::{AppState, Focus};
use crate::corpus::Brief;
use crate::corpus::document::{BlockKind, style as inline};
use crate::keymap::{Action, Mode};
use crate::render::{Part, Segment};
use crate::theme::Theme;

/// What marks a piece of text: search matches, the jump highlight, the `v` selection.
struct Marks<'a> {
    matches: &'a [Range<usize>],
    highlight: Option<&'a Range<usize>>,
    selection: Option<&'a Range<usize>>,
}

pub fn draw(frame: &mut Frame<'_>, g: &Geometry, state: &AppState, theme: &Theme) {
    let area = rect(g.reader);
    let focused = state.focus() == Focus::Reader;
    let Some(brief) = state.brief() else {
        let block = bordered(vec![Span::raw(" no brief ")], area.width, focused, theme);
        // Files that failed to load are under `!`; a folder with none says how to add one (below
        // 100 columns the list that says so is hidden).
        let failed = state
            .corpus()
            .diagnostics
            .iter()
            .any(|d| d.severity == crate::corpus::Severity::Error);
        let text = if failed {
            format!(
                "No briefs loaded. {}",
                key_hint(state, Mode::Normal, Action::Diagnostics, "shows why")
            )
        } else {
            super::no_documents(state)
        };
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }).block(block), area);
        return;
    };
    let mut title = vec![Span::styled(format!(" {} ", brief.meta.title), theme.get("title"))];
    let flags = flag_markers(brief);
    if !flags.is_empty() {
        title.insert(0, Span::styled(format!(" {flags}"), theme.get("warning")));
    }
    let block = bordered(title, area.width, focused, theme);
    frame.render_widget(block, area);
    let text_area = g.reader_text();
    let gutter = ratatui::layout::Rect::new(
        text_area.x.saturating_sub(crate::app::geometry::GUTTER),
        text_area.y,
        crate::app::geometry::GUTTER + text_area.width,
        text_area.height,
    );
    let lines = rows(state, brief, theme, usize::from(text_area.height));
    frame.render_widget(Paragraph::new(lines), gutter);
}

fn rows(state: &AppState, brief: &Brief, theme: &Theme, height: usize) -> Vec<Line<'static>> {
    let reader = state.reader();
    let layout = reader.layout();
    let Some(doc) = state.view_doc() else {
        return Vec::new();
    };
    // The end of a large brief shown on its own has offsets of its own: marks made on the whole
    // text wait for the whole.
    let whole = !state.showing_end_part();
    let claims: Vec<Range<usize>> = brief
        .claims
        .iter()
        .filter_map(|c| c.anchor.clone())
        .filter(|_| whole)
        .collect();
    let stats: Vec<Range<usize>> = brief
        .statistics
        .iter()
        .filter_map(|s| s.anchor.clone())
        .filter(|_| whole)
        .collect();
    let marked: Vec<Range<usize>> = state
        .bookmarks()
        .ranges_in(reader.brief())
        .filter(|_| whole)
        .cloned()
        .collect();
    let cursor_rows = layout.block_rows(reader.cursor()).unwrap_or(0..0);
    let marks = Marks {
        matches: state.find().matches(),
        highlight: reader.highlight(),
        selection: state.selection(),
    };
    let mut lines = Vec::with_capacity(height);
    let last_row = layout.rows.len().min(reader.scroll().saturating_add(height));
    for i in reader.scroll().min(last_row)..last_row {
        let row_block = layout.row_block(i);
        let block = row_block.and_then(|b| doc.blocks.get(b));
        let block_range = block.map(|b| b.range.clone());
        // The gutter marks a block's first row when a claim, statistic or bookmark is in it.
        let first_row = row_block
            .and_then(|b| layout.block_rows(b))
            .is_some_and(|r| r.start == i);
        let touches = |anchors: &[Range<usize>]| {
            block_range.as_ref().is_some_and(|b| {
                anchors
                    .iter()
                    .any(|a| a.start < b.end.max(b.start + 1) && a.end > b.start)
            })
        };
        let mark = |on: bool, glyph: &'static str, role: &str| {
            if first_row && on {
                Span::styled(glyph, theme.get(role))
            } else {
                Span::raw(" ")
            }
        };
        // The passage cursor's rows take its background under everything but the marks: a theme
        // whose text has a background of its own (light) would hide a line-wide patch.
        let in_cursor = cursor_rows.contains(&i);
        let cursor = |style: Style| {
            if in_cursor {
                style.patch(theme.get("cursor"))
            } else {
                style
            }
        };
        let mut spans: Vec<Span<'static>> = [
            mark(touches(&claims), "◆", "gutter_claim"),
            mark(touches(&stats), "#", "gutter_statistic"),
            mark(touches(&marked), "★", "gutter_bookmark"),
        ]
        .into_iter()
        .map(|span| {
            let style = cursor(theme.get("text").patch(span.style));
            span.style(style)
        })
        .collect();
        let heading = block.and_then(|b| match b.kind {
            BlockKind::Heading(level) => Some(level),
            _ => None,
        });
        for segment in layout.row_segments(i) {
            let base = cursor(theme.get("text").patch(segment_style(segment, heading, theme)));
            push_marked(&mut spans, segment.content(&doc.text), segment, base, &marks, theme);
        }
        let line = Line::from(spans);
        lines.push(if in_cursor {
            line.style(cursor(theme.get("text")))
        } else {
            line
        });
    }
    lines
}

fn segment_style(segment: &Segment, heading: Option<u8>, theme: &Theme) -> Style {
    let mut style = match segment.part {
        Part::Text => heading.map_or_else(|| theme.get("text"), |level| theme.heading(level)),
        Part::Marker => theme.get("marker"),
        Part::QuoteBar => theme.get("quote_bar"),
        Part::LinkTarget => theme.get("link_target"),
        Part::Rule => heading.map_or_else(|| theme.get("rule"), |level| theme.heading(level)),
        Part::Space => Style::default(),
    };
    for (flag, role) in [
        (inline::EMPHASIS, "emphasis"),
        (inline::STRONG, "strong"),
        (inline::CODE, "code"),
        (inline::LINK, "link"),
        (inline::FOOTNOTE, "marker"),
    ] {
        if segment.style & flag != 0 {
            style = style.patch(theme.get(role));
        }
    }
    if segment.style & inline::STRIKE != 0 {
        style = style.add_modifier(Modifier::CROSSED_OUT);
    }
    style
}

/// Splits a text segment where search matches, the jump highlight and the selection start and
/// end, each with its own style (the selection over the highlight over a match).
fn push_marked(
    spans: &mut Vec<Span<'static>>,
    content: &str,
    segment: &Segment,
    base: Style,
    marks: &Marks<'_>,
    theme: &Theme,
) {
    let Some(range) = &segment.range() else {
        spans.push(Span::styled(content.to_owned(), base));
        return;
    };
    let overlaps = |m: &Range<usize>| m.start < range.end && m.end > range.start;
    let mut found: Vec<(Range<usize>, Style)> = Vec::new();
    // Matches are sorted: find the first that can touch this segment.
    let first = marks.matches.partition_point(|m| m.end <= range.start);
    for m in marks.matches[first..].iter().take_while(|m| m.start < range.end) {
        found.push((m.clone(), theme.get("search_match")));
    }
    for (mark, role) in [(marks.highlight, "highlight"), (marks.selection, "selected_text")] {
        if let Some(m) = mark.filter(|m| overlaps(m)) {
            found.push((m.clone(), theme.get(role)));
        }
    }
    if found.is_empty() {
        spans.push(Span::styled(content.to_owned(), base));
        return;
    }
    // Cut points inside this segment, in segment-relative bytes.
    let mut cuts = vec![0, content.len()];
    for (m, _) in &found {
        for p in [m.start, m.end] {
            if p > range.start && p < range.end {
                cuts.push(p - range.start);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let Some(text) = content.get(a..b) else { continue };
        let at = range.start + a;
        let mut style = base;
        for (m, s) in &found {
            if m.start <= at && at < m.end {
                style = style.patch(*s);
            }
        }
        spans.push(Span::styled(text.to_owned(), style));
    }
}
