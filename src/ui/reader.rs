//! The reader pane: only the rows on screen are turned into spans each frame.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::{AppState, Focus};
use crate::corpus::document::{BlockKind, style as inline};
use crate::render::{Part, Segment};
use crate::theme::Theme;

pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let focused = state.focus == Focus::Reader;
    let Some(brief) = state.brief() else {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme.border(focused))
            .title(" no brief ");
        frame.render_widget(
            Paragraph::new("No briefs loaded. Press ! to see why.").block(block),
            area,
        );
        return;
    };
    let title = Line::from(vec![Span::styled(
        format!(" {} ", brief.meta.title),
        theme.get("title"),
    )]);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);

    let position = state.position();
    let height = usize::from(inner.height);
    let claims: Vec<Range<usize>> = brief.claims.iter().filter_map(|c| c.anchor.clone()).collect();
    let stats: Vec<Range<usize>> = brief.statistics.iter().filter_map(|s| s.anchor.clone()).collect();
    let marked: Vec<Range<usize>> = state
        .placements
        .iter()
        .filter_map(|p| match p {
            crate::store::Placement::Placed { brief: b, range } if *b == state.current => Some(range.clone()),
            _ => None,
        })
        .collect();
    let cursor_rows = state.layout.block_rows.get(position.cursor).cloned().unwrap_or(0..0);
    let mut lines = Vec::with_capacity(height);
    let last_row = state.layout.rows.len().min(position.scroll.saturating_add(height));
    for i in position.scroll.min(last_row)..last_row {
        let row_block = state.layout.row_block(i);
        let block_range = row_block.and_then(|b| brief.doc.blocks.get(b)).map(|b| b.range.clone());
        // The gutter marks a block's first row when a claim or statistic is anchored in it.
        let first_row = row_block
            .and_then(|b| state.layout.block_rows.get(b))
            .is_some_and(|r| r.start == i);
        let touches = |anchors: &[Range<usize>]| {
            block_range.as_ref().is_some_and(|b| {
                anchors
                    .iter()
                    .any(|a| a.start < b.end.max(b.start + 1) && a.end > b.start)
            })
        };
        // Three gutter columns on a block's first row: claim, statistic, bookmark.
        let mark = |on: bool, glyph: &'static str, role: &str| {
            if first_row && on {
                Span::styled(glyph, theme.get(role))
            } else {
                Span::raw(" ")
            }
        };
        let mut spans = vec![
            mark(touches(&claims), "◆", "gutter_claim"),
            mark(touches(&stats), "#", "gutter_statistic"),
            mark(touches(&marked), "★", "gutter_bookmark"),
        ];
        let in_cursor = cursor_rows.contains(&i);
        let heading = row_block
            .and_then(|b| brief.doc.blocks.get(b))
            .and_then(|b| match b.kind {
                BlockKind::Heading(level) => Some(level),
                _ => None,
            });
        for segment in state.layout.row_segments(i) {
            let base = segment_style(segment, heading, theme);
            push_highlighted(
                &mut spans,
                segment.content(&brief.doc.text),
                segment,
                base,
                state,
                theme,
            );
        }
        let mut line = Line::from(spans);
        if in_cursor {
            line = line.patch_style(theme.get("cursor"));
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
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

/// Splits a text segment where the jump highlight or search matches start and end.
fn push_highlighted(
    spans: &mut Vec<Span<'static>>,
    content: &str,
    segment: &Segment,
    base: Style,
    state: &AppState,
    theme: &Theme,
) {
    let Some(range) = &segment.range() else {
        spans.push(Span::styled(content.to_owned(), base));
        return;
    };
    let mut marks: Vec<(Range<usize>, Style)> = Vec::new();
    for m in &state.search.matches {
        if m.start < range.end && m.end > range.start {
            marks.push((m.clone(), theme.get("search_match")));
        }
    }
    for h in [&state.highlight, &state.selection].into_iter().flatten() {
        if h.start < range.end && h.end > range.start {
            marks.push((h.clone(), theme.get("highlight")));
        }
    }
    if marks.is_empty() {
        spans.push(Span::styled(content.to_owned(), base));
        return;
    }
    // Cut points inside this segment, in segment-relative bytes.
    let mut cuts = vec![0, content.len()];
    for (m, _) in &marks {
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
        for (m, s) in &marks {
            if m.start <= at && at < m.end {
                style = style.patch(*s);
            }
        }
        spans.push(Span::styled(text.to_owned(), style));
    }
}
