//! The side panel: the tabs on its border and the lines the state built for the current tab,
//! from its scroll. Items whose words are on screen in the reader are marked `▌`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::bordered;
use crate::app::{AppState, Focus, Tab};
use crate::theme::Theme;

pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let focused = state.focus() == Focus::Panel;
    let panel = state.panel();
    // Full tab names when they fit on the border, short ones otherwise.
    let full: usize = Tab::ALL.iter().map(|t| t.title().len() + 1).sum();
    let short = full + 2 > usize::from(area.width);
    let mut tabs = Vec::new();
    for tab in Tab::ALL {
        let style = if tab == panel.tab() {
            theme.get("tab_active")
        } else {
            theme.get("tab")
        };
        let name = if short { tab.short_title() } else { tab.title() };
        tabs.push(Span::styled(name, style));
        tabs.push(Span::raw(" "));
    }
    let block = bordered(tabs, area.width, focused, theme);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let view = panel.view();
    if let Some(empty) = &view.empty {
        frame.render_widget(
            Paragraph::new(Span::styled(empty.clone(), theme.get("dim"))).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let visible = state.reader().visible_text();
    let selected = panel.selected();
    let rows = usize::from(inner.height);
    let mut lines: Vec<Line<'static>> = Vec::with_capacity(rows);
    for (n, line) in view.lines.iter().enumerate().skip(panel.scroll()).take(rows) {
        let entry = line.entry;
        let first_of_entry = entry
            .and_then(|e| view.entries.get(e))
            .is_some_and(|(_, r)| r.start == n);
        let on_screen = first_of_entry
            && entry
                .and_then(|e| view.entries.get(e))
                .and_then(|(item, _)| state.item_anchor(*item))
                .is_some_and(|r| r.start < visible.end && r.end > visible.start);
        let lead = if on_screen {
            Span::styled("▌ ", theme.get("gutter_claim"))
        } else {
            Span::raw("  ")
        };
        let mut spans = vec![lead];
        let chosen = entry == Some(selected) && line.body && panel.tab() != Tab::Summary;
        for (role, text) in &line.pieces {
            let style = if chosen {
                theme.selection(focused)
            } else {
                theme.get(role)
            };
            spans.push(Span::styled(text.clone(), style));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines).style(theme.get("text")), inner);
}
