//! Popups: help and load problems (scrolling text), the outline, and search across briefs.

use ratatui::Frame;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{key_hint, popup_frame, truncate};
use crate::app::corpus_search::Row;
use crate::app::geometry::Geometry;
use crate::app::links::{LinksView, Target};
use crate::app::overlay::{OutlineView, TextView};
use crate::app::{AppState, CorpusSearch};
use crate::corpus::plural;
use crate::keymap::{Action, Mode};
use crate::theme::Theme;

/// Width of the help, problems and outline popups.
const TEXT_WIDTH: u16 = 90;

/// Help or load problems: the lines from `scroll`, and a title that says how to close it and,
/// when it scrolls, where the view is.
pub fn text(
    frame: &mut Frame<'_>,
    g: &Geometry,
    state: &AppState,
    theme: &Theme,
    title: &str,
    view: &TextView,
    mode: Mode,
) {
    let mut spans = vec![Span::styled(title.to_owned(), theme.get("title"))];
    spans.push(Span::styled(
        format!("— {} ", key_hint(state, mode, Action::Close, "closes")),
        theme.get("dim"),
    ));
    if let Some(position) = view.position_text() {
        let keys = format!(
            "{}/{} ",
            state.keymap().hint(mode, Action::Down),
            state.keymap().hint(mode, Action::Up)
        );
        spans.push(Span::styled(format!("· {position}, {keys}scroll "), theme.get("dim")));
    }
    let inner = popup_frame(frame, g.popup(TEXT_WIDTH), spans, theme);
    let lines: Vec<Line<'static>> = view
        .lines()
        .iter()
        .skip(view.scroll())
        .take(usize::from(inner.height))
        .map(|pieces| {
            Line::from(
                pieces
                    .iter()
                    .map(|(role, text)| Span::styled(text.clone(), theme.get(role)))
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

pub fn outline(frame: &mut Frame<'_>, g: &Geometry, view: &OutlineView, state: &AppState, theme: &Theme) {
    let title = vec![
        Span::styled(" Outline ", theme.get("title")),
        Span::styled(
            format!(
                "— {} · {} ",
                key_hint(state, Mode::Outline, Action::Open, "jumps"),
                key_hint(state, Mode::Outline, Action::Close, "closes")
            ),
            theme.get("dim"),
        ),
    ];
    let inner = popup_frame(frame, g.popup(TEXT_WIDTH), title, theme);
    let width = usize::from(inner.width);
    let lines: Vec<Line<'static>> = view
        .headings
        .iter()
        .enumerate()
        .skip(view.scroll())
        .take(usize::from(inner.height))
        .map(|(i, (_, level, text))| {
            let indent = "  ".repeat(usize::from(level.saturating_sub(1)));
            let style = if i == view.selected() {
                theme.selection(true)
            } else {
                theme.heading(*level)
            };
            let text = truncate(text, width.saturating_sub(indent.width()));
            Line::from(vec![Span::raw(indent), Span::styled(text, style)])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The passage's links: their words, and where each leads.
pub fn links(frame: &mut Frame<'_>, g: &Geometry, view: &LinksView, state: &AppState, theme: &Theme) {
    let title = vec![
        Span::styled(" Links ", theme.get("title")),
        Span::styled(
            format!(
                "— {} · {} · {} ",
                key_hint(state, Mode::Links, Action::Open, "follows"),
                key_hint(state, Mode::Links, Action::Copy, "copies the address"),
                key_hint(state, Mode::Links, Action::Close, "closes")
            ),
            theme.get("dim"),
        ),
    ];
    let inner = popup_frame(frame, g.popup(TEXT_WIDTH), title, theme);
    let width = usize::from(inner.width);
    let corpus = state.corpus();
    let lines: Vec<Line<'static>> = view
        .links
        .iter()
        .enumerate()
        .skip(view.list.scroll())
        .take(usize::from(inner.height))
        .map(|(i, link)| {
            let (where_to, role) = match &link.target {
                Target::Brief {
                    brief, missing_anchor, ..
                } => {
                    let id = corpus.briefs.get(*brief).map_or("", |b| b.id.as_str());
                    let anchor = missing_anchor
                        .as_ref()
                        .map_or(String::new(), |a| format!(" (no #{a} there)"));
                    (format!("→ {id}{anchor}"), "marker")
                }
                Target::External(address) => (format!("→ {address} (outside: not opened)"), "link_target"),
                Target::NotInCorpus(address) => (format!("→ {address} (not in this corpus)"), "warning"),
            };
            let style = if i == view.list.selected() {
                theme.selection(true)
            } else {
                theme.get("link")
            };
            let text = truncate(&link.text, (width / 2).max(width.saturating_sub(where_to.width() + 1)));
            let room = width.saturating_sub(text.width() + 1);
            Line::from(vec![
                Span::styled(text, style),
                Span::raw(" "),
                Span::styled(truncate(&where_to, room), theme.get(role)),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The search-all overlay: the query, a summary, then hits grouped under their brief's title.
pub fn corpus_search(frame: &mut Frame<'_>, g: &Geometry, search: &CorpusSearch, state: &AppState, theme: &Theme) {
    let mode = if search.regex { "regex" } else { "literal" };
    let hint = |action, what| key_hint(state, Mode::Search, action, what);
    let title = vec![
        Span::styled(" Search every brief ", theme.get("title")),
        Span::styled(format!("· {} · {mode} ", search.scope.name()), theme.get("marker")),
        Span::styled(
            format!(
                "— {} · {} · {} · {} ",
                hint(Action::NextScope, "scope"),
                hint(Action::ToggleRegex, "regex"),
                hint(Action::Open, "opens"),
                hint(Action::Close, "closes")
            ),
            theme.get("dim"),
        ),
    ];
    let inner = popup_frame(frame, g.popup(110), title, theme);
    let width = usize::from(inner.width);
    let text = search.input.text();
    let at = search.input.cursor().min(text.len());
    let (before, after) = text.split_at(if text.is_char_boundary(at) { at } else { text.len() });
    let mut after_chars = after.chars();
    let under = after_chars.next().map_or(" ".to_owned(), String::from);
    let mut lines = vec![Line::from(vec![
        Span::styled("› ", theme.get("marker")),
        Span::raw(before.to_owned()),
        Span::styled(under, Style::default().add_modifier(Modifier::REVERSED)),
        Span::raw(after_chars.as_str().to_owned()),
    ])];
    let hits = search.hits();
    let summary = match (&search.error, hits.len()) {
        (Some(error), _) => Span::styled(error.clone(), theme.get("error")),
        (None, _) if text.is_empty() => Span::styled("type to search every brief", theme.get("dim")),
        (None, 0) => Span::styled("no matches", theme.get("dim")),
        (None, n) => {
            let briefs = search.rows().iter().filter(|r| matches!(r, Row::Brief(_))).count();
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
    let visible = usize::from(inner.height).saturating_sub(2);
    for row in search.rows().iter().skip(search.scroll()).take(visible) {
        match *row {
            Row::Brief(brief) => {
                let title = state.corpus().briefs.get(brief).map_or("", |b| b.meta.title.as_str());
                lines.push(Line::from(Span::styled(truncate(title, width), theme.heading(2))));
            }
            Row::Hit(i) => {
                if let Some(hit) = hits.get(i) {
                    lines.push(hit_line(hit, i == search.selected(), width, theme));
                }
            }
        }
    }
    frame.render_widget(Paragraph::new(lines).style(theme.get("text")), inner);
}

/// One hit: its place, and its context with the match kept in view and marked.
fn hit_line(hit: &crate::search::Hit, selected: bool, width: usize, theme: &Theme) -> Line<'static> {
    let base = if selected {
        theme.selection(true)
    } else {
        theme.get("text")
    };
    let place = if hit.fields.is_empty() {
        format!("  {:>5}:{:<4} ", hit.line, hit.column)
    } else {
        format!("  {:<10} ", hit.fields.join(","))
    };
    let room = width.saturating_sub(place.width());
    let context = &hit.context;
    let start = hit.context_match.start.min(context.len());
    let end = hit.context_match.end.clamp(start, context.len());
    let (pre, matched, post) = (
        context.get(..start).unwrap_or(""),
        context.get(start..end).unwrap_or(""),
        context.get(end..).unwrap_or(""),
    );
    // Keep the match in view: drop context on the left when the line is too long.
    let pre_room = room.saturating_sub(matched.width()).min(room / 2);
    let pre_shown = if pre.width() > pre_room {
        let mut kept: String = pre.to_owned();
        while kept.width() + 1 > pre_room && !kept.is_empty() {
            kept.remove(0);
        }
        let from = kept.find(' ').filter(|&i| i < 12).map_or(0, |i| i + 1);
        format!("…{}", kept.get(from..).unwrap_or(""))
    } else {
        pre.to_owned()
    };
    let post_room = room.saturating_sub(pre_shown.width() + matched.width());
    Line::from(vec![
        Span::styled(place, theme.get("dim")),
        Span::styled(pre_shown, base),
        Span::styled(matched.to_owned(), base.patch(theme.get("search_match"))),
        Span::styled(truncate(post, post_room), base),
    ])
}
