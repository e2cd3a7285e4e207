//! Drawing: reads `AppState`, never changes it. One function per pane.

mod analysis;
mod panel;
mod reader;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::app::geometry::Area;
use crate::app::{AppState, CorpusSearch, Focus, Overlay, Prompt};
use crate::corpus::{Severity, plural};
use crate::theme::Theme;

fn rect(a: Area) -> Rect {
    Rect::new(a.x, a.y, a.width, a.height)
}

pub fn draw(frame: &mut Frame<'_>, state: &AppState, theme: &Theme) {
    let area = frame.area();
    frame.render_widget(Block::default().style(theme.get("text")), area);
    let g = state.geometry();
    if g.too_small {
        let text = Paragraph::new("terminal too small: dossier needs at least 20x5").wrap(Wrap { trim: true });
        frame.render_widget(text, area);
        return;
    }
    reader::draw(frame, rect(g.reader), state, theme);
    if let Some(list) = g.list {
        frame.render_widget(Clear, rect(list));
        draw_list(frame, rect(list), state, theme);
    }
    if let Some(panel) = g.panel {
        frame.render_widget(Clear, rect(panel));
        panel::draw(frame, rect(panel), state, theme);
    }
    draw_status(frame, rect(g.status), state, theme);
    match &state.overlay {
        Some(Overlay::Search(search)) => draw_corpus_search(frame, area, search, state, theme),
        Some(Overlay::Analysis(view)) => analysis::draw(frame, area, view, state, theme),
        Some(overlay) => draw_overlay(frame, area, overlay, state, theme),
        None => {}
    }
}

fn draw_list(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let focused = state.focus == Focus::List;
    let title = if state.filter.is_empty() {
        " Briefs ".to_owned()
    } else {
        format!(" Briefs: {} ", state.filter)
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(Span::styled(title, theme.get("title")));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if state.list.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled("no brief matches", theme.get("dim"))),
            inner,
        );
        return;
    }
    // Three rows per brief: title, details, gap. Scroll so the selection is visible.
    let per = 3usize;
    let visible = (usize::from(inner.height) / per).max(1);
    let first = state.list_selected.saturating_sub(visible - 1);
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    for (row, &index) in state.list.iter().enumerate().skip(first).take(visible) {
        let Some(brief) = state.corpus.briefs.get(index) else {
            continue;
        };
        let selected = row == state.list_selected;
        let open = index == state.current;
        let style = if selected {
            theme.selection(focused)
        } else {
            theme.get("text")
        };
        let marker = if open { "▶ " } else { "  " };
        lines.push(Line::from(vec![
            Span::styled(marker, theme.get("marker")),
            Span::styled(truncate(&brief.meta.title, width.saturating_sub(2)), style),
        ]));
        let problems = if brief.errors > 0 {
            format!(" ⚠{}", brief.errors)
        } else {
            String::new()
        };
        let bookmarks = match state.bookmark_count(index) {
            0 => String::new(),
            n => format!(" {n}★"),
        };
        let details = format!(
            "  {} · {} · {}c {}s{bookmarks}{}",
            brief.meta.date.as_deref().unwrap_or("undated"),
            brief.meta.kind.as_deref().unwrap_or("brief"),
            brief.claims.len(),
            brief.statistics.len(),
            problems
        );
        lines.push(Line::from(Span::styled(truncate(&details, width), theme.get("dim"))));
        lines.push(Line::default());
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_status(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let mut spans = Vec::new();
    if let Some(prompt) = &state.prompt {
        let (label, lead, input) = match prompt {
            Prompt::Filter(i) if state.filter_in_text => ("filter by text (Ctrl-t: titles)", "/", i),
            Prompt::Filter(i) => ("filter by title (Ctrl-t: text)", "/", i),
            Prompt::Search(i) => ("search", "/", i),
            Prompt::Note { input, target } => {
                let label = if matches!(target, crate::app::NoteTarget::New(_)) {
                    "note for the new bookmark"
                } else {
                    "edit note"
                };
                (label, "", input)
            }
        };
        spans.push(Span::styled(format!(" {label} "), theme.get("status_mode")));
        // The text with a block cursor where the next character goes.
        let (before, after) = split_safe(&input.text, input.cursor.min(input.text.len()));
        let mut after_chars = after.chars();
        let under = after_chars.next().map_or(" ".to_owned(), String::from);
        spans.push(Span::styled(format!(" {lead}{before}"), theme.get("status")));
        spans.push(Span::styled(
            under,
            theme.get("status").add_modifier(ratatui::style::Modifier::REVERSED),
        ));
        spans.push(Span::styled(format!("{} ", after_chars.as_str()), theme.get("status")));
        match prompt {
            Prompt::Search(i) if !i.text.is_empty() => {
                spans.push(Span::styled(format!(" {} ", match_count(state)), theme.get("status")));
            }
            Prompt::Note { .. } => spans.push(Span::styled(" Enter saves · Esc cancels ", theme.get("dim"))),
            _ => {}
        }
    } else if state.selection.is_some() {
        spans.push(Span::styled(" SELECT ", theme.get("status_mode")));
        let hint = " w/e word · )/( sentence · j/k passage · h/l start · Enter bookmarks · Esc cancels ";
        spans.push(Span::styled(hint, theme.get("status")));
    } else {
        let mode = match (&state.overlay, state.focus) {
            (Some(Overlay::Help { .. }), _) => "HELP",
            (Some(Overlay::Outline { .. }), _) => "OUTLINE",
            (Some(Overlay::Diagnostics { .. }), _) => "PROBLEMS",
            (Some(Overlay::Search(_)), _) => "SEARCH ALL",
            (Some(Overlay::Analysis(_)), _) => "ANALYSIS",
            (None, Focus::List) => "LIST",
            (None, Focus::Reader) => "READER",
            (None, Focus::Panel) => "PANEL",
        };
        spans.push(Span::styled(format!(" {mode} "), theme.get("status_mode")));
        let title = state.brief().map_or("", |b| b.meta.title.as_str());
        spans.push(Span::styled(format!(" {}% ", state.percent()), theme.get("status")));
        if !state.search.query.is_empty() {
            spans.push(Span::styled(
                format!(" /{} {} ", state.search.query, match_count(state)),
                theme.get("status"),
            ));
        }
        if let Some(message) = &state.message {
            spans.push(Span::styled(format!(" {message} "), theme.get("status")));
        } else {
            spans.push(Span::styled(format!(" {title} "), theme.get("status")));
        }
        let broken = state.corpus.briefs.iter().filter(|b| b.errors > 0).count();
        let errors = state
            .corpus
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        if broken > 0 || (errors > 0 && state.corpus.briefs.is_empty()) {
            let text = format!(
                " {broken} {} has errors, press ! to see them ",
                plural(broken, "brief", "briefs")
            );
            spans.push(Span::styled(text, theme.get("status_warning")));
        } else {
            spans.push(Span::styled(" ? help ", theme.get("status")));
        }
    }
    frame.render_widget(Paragraph::new(Line::from(spans)).style(theme.get("status")), area);
}

fn match_count(state: &AppState) -> String {
    match (state.search.current, state.search.matches.len()) {
        (_, 0) => "no matches".to_owned(),
        (Some(i), n) => format!("{}/{n}", i + 1),
        (None, n) => format!("{n} matches"),
    }
}

fn draw_overlay(frame: &mut Frame<'_>, area: Rect, overlay: &Overlay, state: &AppState, theme: &Theme) {
    let height = area.height.saturating_sub(3).max(1);
    let (title, lines, scroll): (&str, Vec<Line<'static>>, usize) = match overlay {
        Overlay::Help { scroll } => {
            let lines = state
                .keymap
                .help()
                .into_iter()
                .map(|(keys, description)| {
                    Line::from(vec![
                        Span::styled(format!("{keys:>22}  "), theme.get("marker")),
                        Span::raw(description),
                    ])
                })
                .collect();
            (" Keys (from your keymap) — Esc closes ", lines, *scroll)
        }
        Overlay::Diagnostics { scroll } => {
            let mut lines: Vec<Line<'static>> = state
                .corpus
                .diagnostics
                .iter()
                .map(|d| {
                    let role = if d.severity == Severity::Error {
                        "error"
                    } else {
                        "warning"
                    };
                    Line::from(Span::styled(d.to_string(), theme.get(role)))
                })
                .collect();
            if lines.is_empty() {
                lines.push(Line::from("No problems: every brief loaded cleanly."));
            }
            (" Load problems — Esc closes ", lines, *scroll)
        }
        Overlay::Search(_) | Overlay::Analysis(_) => return,
        Overlay::Outline { selected } => {
            let lines = state
                .brief()
                .map(|b| {
                    b.doc
                        .headings()
                        .enumerate()
                        .map(|(i, (_, level, text))| {
                            let indent = "  ".repeat(usize::from(level.saturating_sub(1)));
                            let style = if i == *selected {
                                theme.selection(true)
                            } else {
                                theme.heading(level)
                            };
                            Line::from(vec![Span::raw(indent), Span::styled(text.to_owned(), style)])
                        })
                        .collect()
                })
                .unwrap_or_default();
            let scroll = selected.saturating_sub(usize::from(height.saturating_sub(3)));
            (" Outline — Enter jumps, Esc closes ", lines, scroll)
        }
    };
    let inner = popup(frame, area, 76, Span::styled(title, theme.get("title")), theme);
    let paragraph = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0))
        .alignment(Alignment::Left)
        .style(Style::default().patch(theme.get("text")));
    frame.render_widget(paragraph, inner);
}

/// A bordered popup centred at the top of `area`, at most `max_width` wide, cleared; returns its
/// inside.
fn popup(frame: &mut Frame<'_>, area: Rect, max_width: u16, title: Span<'static>, theme: &Theme) -> Rect {
    let width = area.width.saturating_sub(4).clamp(1, max_width);
    let height = area.height.saturating_sub(3).max(1);
    let rect = Rect::new(
        area.x + (area.width.saturating_sub(width)) / 2,
        area.y + 1,
        width,
        height,
    );
    frame.render_widget(Clear, rect);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(title);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// The search-all overlay: the query, then hits grouped under their brief's title.
fn draw_corpus_search(frame: &mut Frame<'_>, area: Rect, search: &CorpusSearch, state: &AppState, theme: &Theme) {
    let mode = if search.regex { "regex" } else { "literal" };
    let title = format!(
        " Search all briefs · {} · {mode} — Tab scope · Ctrl-r regex · Enter opens · Esc ",
        search.scope.name()
    );
    let inner = popup(frame, area, 110, Span::styled(title, theme.get("title")), theme);
    let inner_width = usize::from(inner.width);
    let (before, after) = split_safe(&search.input.text, search.input.cursor.min(search.input.text.len()));
    let mut after_chars = after.chars();
    let under = after_chars.next().map_or(" ".to_owned(), String::from);
    let mut lines = vec![Line::from(vec![
        Span::styled("› ", theme.get("marker")),
        Span::raw(before.to_owned()),
        Span::styled(under, Style::default().add_modifier(ratatui::style::Modifier::REVERSED)),
        Span::raw(after_chars.as_str().to_owned()),
    ])];
    let summary = match (&search.error, search.hits.len()) {
        (Some(error), _) => Span::styled(error.clone(), theme.get("error")),
        (None, _) if search.input.text.is_empty() => Span::styled("type to search every brief", theme.get("dim")),
        (None, 0) => Span::styled("no matches", theme.get("dim")),
        (None, n) => {
            let briefs = search
                .hits
                .iter()
                .map(|h| h.brief)
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            let more = if search.truncated { "+" } else { "" };
            Span::styled(
                format!(
                    "{n}{more} {} in {briefs} {}",
                    plural(n, "match", "matches"),
                    plural(briefs, "brief", "briefs")
                ),
                theme.get("dim"),
            )
        }
    };
    lines.push(Line::from(summary));
    // Rows: a heading when the brief changes, then one row per hit.
    let mut rows: Vec<(Option<usize>, Line<'static>)> = Vec::new();
    let mut last_brief = None;
    for (i, hit) in search.hits.iter().enumerate() {
        if last_brief != Some(hit.brief) {
            last_brief = Some(hit.brief);
            let title = state.corpus.briefs.get(hit.brief).map_or("", |b| b.meta.title.as_str());
            rows.push((
                None,
                Line::from(Span::styled(truncate(title, inner_width), theme.heading(2))),
            ));
        }
        let selected = i == search.selected;
        let base = if selected {
            theme.selection(true)
        } else {
            theme.get("text")
        };
        let place = format!("  {:>5}:{:<4} ", hit.line, hit.column);
        let room = inner_width.saturating_sub(place.chars().count());
        let context = &hit.context;
        let (pre, rest) = split_safe(context, hit.context_match.start.min(context.len()));
        let (hit_text, post) = split_safe(rest, (hit.context_match.end - hit.context_match.start).min(rest.len()));
        // Keep the match in view: drop context on the left when the line is too long.
        let pre_room = room.saturating_sub(hit_text.chars().count()).min(room / 2);
        let pre_chars: Vec<char> = pre.chars().collect();
        let cut = pre_chars.len().saturating_sub(pre_room);
        let pre_shown: String = if cut > 0 {
            // Cut on the left: start after a space where one is near, and say so.
            let kept: String = pre_chars.get(cut + 1..).unwrap_or(&[]).iter().collect();
            let from = kept.find(' ').filter(|&i| i < 12).map_or(0, |i| i + 1);
            format!("…{}", kept.get(from..).unwrap_or(""))
        } else {
            pre.to_owned()
        };
        let post_room = room.saturating_sub(pre_shown.chars().count() + hit_text.chars().count());
        rows.push((
            Some(i),
            Line::from(vec![
                Span::styled(place, theme.get("dim")),
                Span::styled(pre_shown, base),
                Span::styled(hit_text.to_owned(), base.patch(theme.get("search_match"))),
                Span::styled(truncate(post, post_room), base),
            ]),
        ));
    }
    let visible = usize::from(inner.height).saturating_sub(lines.len()).max(1);
    let selected_row = rows.iter().position(|(i, _)| *i == Some(search.selected)).unwrap_or(0);
    let first = selected_row
        .saturating_sub(visible.saturating_sub(2))
        .min(rows.len().saturating_sub(visible));
    lines.extend(rows.into_iter().skip(first).take(visible).map(|(_, line)| line));
    frame.render_widget(Paragraph::new(lines).style(theme.get("text")), inner);
}

/// `str::split_at` that never panics: an offset inside a character moves back to its start.
fn split_safe(text: &str, at: usize) -> (&str, &str) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text.split_at(at)
}

/// Cuts `text` to `width` columns with an ellipsis.
pub fn truncate(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut out = String::new();
    let mut used = 0;
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_owned();
    }
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}
