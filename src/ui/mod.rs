//! Drawing: reads `AppState`, never changes it. Geometry, scroll offsets and the panels' lines
//! all come from the state; the view turns the rows on screen into styled spans.

mod analysis;
mod analysis_detail;
mod panel;
mod popups;
mod reader;
mod status;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::geometry::Area;
use crate::app::{AppState, Focus, Overlay};
use crate::keymap::{Action, Mode};
use crate::theme::Theme;

pub use crate::text::truncate;

fn rect(a: Area) -> Rect {
    Rect::new(a.x, a.y, a.width, a.height)
}

pub fn draw(frame: &mut Frame<'_>, state: &AppState, theme: &Theme) {
    let area = frame.area();
    fill(frame.buffer_mut(), area, theme.get("text"), false);
    let g = state.geometry();
    if g.too_small {
        let text = Paragraph::new("terminal too small: dossier needs at least 20x5").wrap(Wrap { trim: true });
        frame.render_widget(text, area);
        return;
    }
    if g.too_large {
        let (width, height) = state.size();
        let text = format!(
            "terminal too large ({width}x{height}): dossier draws at most {}x{}; make the window smaller",
            crate::app::geometry::MAX_WIDTH,
            crate::app::geometry::MAX_HEIGHT
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    reader::draw(frame, &g, state, theme);
    if let Some(list) = g.list {
        clear(frame, rect(list), theme);
        draw_list(frame, rect(list), state, theme);
    }
    if let Some(panel) = g.panel {
        clear(frame, rect(panel), theme);
        panel::draw(frame, rect(panel), state, theme);
    }
    status::draw(frame, rect(g.status), state, theme);
    if state.overlay().is_some() {
        // A popup hides the panes behind it entirely: no cut lines beside it.
        clear(frame, rect(g.body()), theme);
    }
    match state.overlay() {
        Some(Overlay::Search(search)) => popups::corpus_search(frame, &g, search, state, theme),
        Some(Overlay::Analysis(view)) => analysis::draw(frame, rect(g.analysis()), view, state, theme),
        Some(Overlay::Help(view)) => popups::text(frame, &g, state, theme, " Keys ", view, Mode::Help),
        Some(Overlay::Problems(view)) => {
            popups::text(frame, &g, state, theme, " Load problems ", view, Mode::Problems);
        }
        Some(Overlay::About(view)) => popups::text(frame, &g, state, theme, " About this brief ", view, Mode::About),
        Some(Overlay::Outline(view)) => popups::outline(frame, &g, view, state, theme),
        Some(Overlay::Links(view)) => popups::links(frame, &g, view, state, theme),
        None => {}
    }
}

/// A pane's or popup's block: a border, focused or not, and a title that is cut with `…` when it
/// does not fit rather than mid-word.
fn bordered<'a>(title: Vec<Span<'a>>, width: u16, focused: bool, theme: &Theme) -> Block<'a> {
    let room = usize::from(width.saturating_sub(2));
    let mut used = 0;
    let mut spans = Vec::new();
    for span in title {
        let w = span.width();
        if used + w <= room {
            used += w;
            spans.push(span);
        } else {
            let cut = truncate(&span.content, room.saturating_sub(used));
            if !cut.is_empty() {
                spans.push(Span::styled(cut, span.style));
            }
            break;
        }
    }
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(Line::from(spans))
}

/// Empties `area` and paints it with the theme's text colours (a light theme brings its own
/// background; the terminal's may be dark).
fn clear(frame: &mut Frame<'_>, area: Rect, theme: &Theme) {
    fill(frame.buffer_mut(), area, theme.get("text"), true);
}

/// Gives every cell of `area` the style `style`, emptied first when `reset`: row by row over the
/// buffer's cells, where a `Clear` and a styled `Block` looked up each cell's index twice over
/// (a tenth of the first frame's drawing).
fn fill(buffer: &mut ratatui::buffer::Buffer, area: Rect, style: ratatui::style::Style, reset: bool) {
    let area = area.intersection(buffer.area);
    let stride = usize::from(buffer.area.width);
    let (x0, y0) = (
        usize::from(area.x.saturating_sub(buffer.area.x)),
        usize::from(area.y.saturating_sub(buffer.area.y)),
    );
    for y in y0..y0 + usize::from(area.height) {
        let start = y * stride + x0;
        for cell in buffer.content.iter_mut().skip(start).take(usize::from(area.width)) {
            if reset {
                cell.reset();
            }
            cell.set_style(style);
        }
    }
}

/// A popup's frame: cleared, bordered, titled; returns its inside.
fn popup_frame(frame: &mut Frame<'_>, area: Area, title: Vec<Span<'static>>, theme: &Theme) -> Rect {
    let rect = rect(area);
    clear(frame, rect, theme);
    let block = bordered(title, area.width, true, theme).style(theme.get("text"));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// "Esc closes" with the key from the keymap.
fn key_hint(state: &AppState, mode: Mode, action: Action, what: &str) -> String {
    format!("{} {what}", state.keymap().hint(mode, action))
}

/// The markers for a brief's title flags: "[title supplied]", "[headline ≠ body]".
fn flag_markers(brief: &crate::corpus::Brief) -> String {
    brief
        .meta
        .flags
        .iter()
        .map(|f| f.marker())
        .collect::<Vec<_>>()
        .join(" ")
}

fn draw_list(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let focused = state.focus() == Focus::List;
    let list = state.list();
    let mut title = vec![Span::styled(" Briefs ", theme.get("title"))];
    if !list.filter().is_empty() {
        let how = if list.in_text() { "text" } else { "title" };
        title.push(Span::styled(
            format!("{how}: {} ", crate::sanitize::sanitize_line(list.filter())),
            theme.get("dim"),
        ));
    }
    let block = bordered(title, area.width, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if list.items().is_empty() {
        let text = if state.corpus().briefs.is_empty() {
            no_documents(state)
        } else {
            format!(
                "no brief matches; {}",
                key_hint(state, Mode::List, Action::Close, "clears the filter")
            )
        };
        frame.render_widget(
            Paragraph::new(Span::styled(text, theme.get("dim"))).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let capacity = state.geometry().list_capacity();
    let width = usize::from(inner.width);
    let mut lines = Vec::new();
    for (row, &index) in list.items().iter().enumerate().skip(list.scroll()).take(capacity) {
        let Some(brief) = state.corpus().briefs.get(index) else {
            continue;
        };
        let style = if row == list.selected() {
            theme.selection(focused)
        } else {
            theme.get("text")
        };
        let marker = if index == state.reader().brief() { "▶ " } else { "  " };
        // Flags are one glyph each here (✎ title supplied, ≠ headline does not match the body),
        // so the title keeps its room; the reader's title bar spells them out.
        let flags: String = brief.meta.flags.iter().map(|f| f.glyph()).collect();
        let mut spans = vec![Span::styled(marker, theme.get("marker"))];
        let room = width.saturating_sub(2);
        if flags.is_empty() {
            spans.push(Span::styled(truncate(&brief.meta.title, room), style));
        } else {
            let flags_width = unicode_width::UnicodeWidthStr::width(flags.as_str()) + 1;
            spans.push(Span::styled(format!("{flags} "), theme.get("warning")));
            spans.push(Span::styled(
                truncate(&brief.meta.title, room.saturating_sub(flags_width)),
                style,
            ));
        }
        lines.push(Line::from(spans));
        let problems = if brief.errors > 0 {
            format!(" ⚠{}", brief.errors)
        } else {
            String::new()
        };
        let bookmarks = match state.bookmarks().count(index) {
            0 => String::new(),
            n => format!(" {n}★"),
        };
        // The path when the title cannot tell briefs apart; the date and kind when known; what
        // is annotated, or that nothing is.
        let mut parts: Vec<String> = Vec::new();
        if brief.shows_path {
            parts.push(brief.file.clone());
        }
        parts.extend(brief.meta.date.clone());
        parts.extend(brief.meta.kind.clone());
        if brief.sidecar.is_some() {
            parts.push(format!("{}c {}s", brief.claims.len(), brief.statistics.len()));
        } else {
            parts.push("not annotated".to_owned());
        }
        let details = format!("{}{bookmarks}{problems}", parts.join(" · "));
        // What the flag glyphs mean, in words, first: a reader must not take them for a headline.
        let flag_words: Vec<&str> = brief.meta.flags.iter().map(|f| f.words()).collect();
        let mut detail_spans = vec![Span::raw("  ")];
        let mut used = 2;
        if !flag_words.is_empty() {
            let words = truncate(&format!("{} · ", flag_words.join(", ")), width.saturating_sub(2));
            used += unicode_width::UnicodeWidthStr::width(words.as_str());
            detail_spans.push(Span::styled(words, theme.get("warning")));
        }
        detail_spans.push(Span::styled(
            truncate(&details, width.saturating_sub(used)),
            theme.get("dim"),
        ));
        lines.push(Line::from(detail_spans));
        lines.push(Line::default());
    }
    frame.render_widget(Paragraph::new(lines).style(Style::default()), inner);
}

/// What an empty corpus says, in the list and in the reader: where documents go and how to add
/// one.
pub(crate) fn no_documents(state: &AppState) -> String {
    let place = state.corpus().origin.describe();
    format!(
        "no documents in {place}. Add .md, .markdown or .txt files there (or run `dossier import FILE --into {place}`), then open it again."
    )
}
