//! The side panel: our annotated summary of the open brief, in tabs.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::{AppState, Focus, PanelItem, Tab};
use crate::corpus::{Brief, Relation};
use crate::theme::Theme;

pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let focused = state.focus == Focus::Panel;
    // Full tab names when they fit on the border, short ones otherwise.
    let full: usize = Tab::ALL.iter().map(|t| t.title().len() + 1).sum();
    let short = full + 2 > usize::from(area.width);
    let mut tabs = Vec::new();
    for tab in Tab::ALL {
        let style = if tab == state.tab {
            theme.get("tab_active")
        } else {
            theme.get("tab")
        };
        let name = if short { short_title(tab) } else { tab.title() };
        tabs.push(Span::styled(name, style));
        tabs.push(Span::raw(" "));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(Line::from(tabs));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(brief) = state.brief() else { return };
    let width = usize::from(inner.width.saturating_sub(2)).max(1);
    match state.tab {
        Tab::Summary => {
            let paragraph = Paragraph::new(summary_lines(brief, theme))
                .wrap(Wrap { trim: false })
                .scroll((u16::try_from(state.panel_scroll).unwrap_or(u16::MAX), 0));
            frame.render_widget(paragraph, inner);
        }
        Tab::Bookmarks => {
            let text = "No bookmarks yet.";
            frame.render_widget(
                Paragraph::new(Span::styled(text, theme.get("dim"))).wrap(Wrap { trim: true }),
                inner,
            );
        }
        _ => {
            let items = state.panel_items();
            if items.is_empty() {
                let text = match state.tab {
                    Tab::Claims => "This brief has no annotated claims.",
                    Tab::Statistics => "This brief has no annotated statistics.",
                    _ => "No cross-references touch this brief.",
                };
                frame.render_widget(Paragraph::new(Span::styled(text, theme.get("dim"))), inner);
                return;
            }
            let visible = state.visible_text();
            let selected = state.panel_selected.get(tab_index(state.tab)).copied().unwrap_or(0);
            let mut lines: Vec<Line<'static>> = Vec::new();
            let mut selected_start = 0;
            for (i, item) in items.iter().enumerate() {
                if i == selected {
                    selected_start = lines.len();
                }
                let on_screen = state
                    .item_anchor(*item)
                    .is_some_and(|r| r.start < visible.end && r.end > visible.start);
                let body_style = if i == selected {
                    theme.selection(focused)
                } else {
                    theme.get("text")
                };
                let mark = if on_screen {
                    Span::styled("▌ ", theme.get("gutter_claim"))
                } else {
                    Span::raw("  ")
                };
                let (head, body) = describe(brief, *item, theme);
                // The label has a row of its own, so the text wraps at the full width below it.
                let mut label = vec![mark];
                label.extend(head);
                lines.push(Line::from(label));
                for piece in wrap_words(&body, width) {
                    lines.push(Line::from(vec![Span::raw("  "), Span::styled(piece, body_style)]));
                }
                lines.push(Line::default());
            }
            // Keep the selected item in view.
            let height = usize::from(inner.height);
            let scroll = selected_start.saturating_sub(height.saturating_sub(4).min(selected_start));
            let scroll = if selected_start < height.saturating_sub(4) {
                0
            } else {
                scroll
            };
            frame.render_widget(
                Paragraph::new(lines).scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
                inner,
            );
        }
    }
}

fn short_title(tab: Tab) -> &'static str {
    match tab {
        Tab::Summary => "Sum",
        Tab::Claims => "Claims",
        Tab::Statistics => "Stats",
        Tab::Links => "Links",
        Tab::Bookmarks => "Marks",
    }
}

fn tab_index(tab: Tab) -> usize {
    Tab::ALL.iter().position(|t| *t == tab).unwrap_or(0)
}

/// A label (styled spans) and the text of an item.
fn describe(brief: &Brief, item: PanelItem, theme: &Theme) -> (Vec<Span<'static>>, String) {
    match item {
        PanelItem::Claim(i) => {
            let Some(claim) = brief.claims.get(i) else {
                return (Vec::new(), String::new());
            };
            (
                vec![Span::styled(format!("◆ {}", claim.id), theme.get("gutter_claim"))],
                claim.text.clone(),
            )
        }
        PanelItem::Statistic(i) => {
            let Some(s) = brief.statistics.get(i) else {
                return (Vec::new(), String::new());
            };
            let qualifier = s
                .qualifier
                .as_deref()
                .filter(|q| *q != "exact")
                .map(|q| format!("{q} "))
                .unwrap_or_default();
            let period = s.period.as_deref().map(|p| format!(" ({p})")).unwrap_or_default();
            let head = format!("# {qualifier}{} {}", format_value(s.value), s.unit);
            (
                vec![Span::styled(head, theme.get("gutter_statistic"))],
                format!("{}{period}", s.measure),
            )
        }
        PanelItem::Link { outgoing, index } => {
            let link = if outgoing {
                brief.crossrefs.get(index)
            } else {
                brief.backlinks.get(index)
            };
            let Some(link) = link else {
                return (Vec::new(), String::new());
            };
            let role = link.relation.name();
            let (arrow, other, verb) = if outgoing {
                ("→", format!("{}#{}", link.to_brief, link.to_claim), role.to_owned())
            } else {
                (
                    "←",
                    format!("{}#{}", link.from_brief, link.from_claim),
                    passive(link.relation).to_owned(),
                )
            };
            let head = vec![Span::styled(format!("{arrow} {verb}"), theme.get(role))];
            let note = link.note.as_deref().map(|n| format!(" — {n}")).unwrap_or_default();
            (head, format!("{other}{note}"))
        }
    }
}

fn passive(relation: Relation) -> &'static str {
    match relation {
        Relation::Supports => "supported by",
        Relation::Contradicts => "contradicted by",
        Relation::Extends => "extended by",
        Relation::Quantifies => "quantified by",
        Relation::Context => "context from",
    }
}

fn format_value(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        let digits = format!("{}", value as i64);
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 && value.abs() >= 10_000.0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    } else {
        format!("{value}")
    }
}

fn summary_lines(brief: &Brief, theme: &Theme) -> Vec<Line<'static>> {
    let meta = &brief.meta;
    let mut lines = vec![Line::from(Span::styled(meta.title.clone(), theme.get("title")))];
    let byline = [
        (!meta.authors.is_empty()).then(|| meta.authors.join(", ")),
        meta.date.clone(),
        meta.publication.clone(),
        meta.kind.clone(),
    ];
    let byline: Vec<String> = byline.into_iter().flatten().collect();
    if !byline.is_empty() {
        lines.push(Line::from(Span::styled(byline.join(" · "), theme.get("dim"))));
    }
    lines.push(Line::default());
    match &brief.summary {
        Some(summary) => lines.push(Line::from(Span::styled(summary.clone(), theme.get("text")))),
        None => lines.push(Line::from(Span::styled(
            "No annotated summary for this brief.",
            theme.get("dim"),
        ))),
    }
    lines.push(Line::default());
    let counts = format!(
        "{} claims · {} statistics · {} links out · {} links in",
        brief.claims.len(),
        brief.statistics.len(),
        brief.crossrefs.len(),
        brief.backlinks.len()
    );
    lines.push(Line::from(Span::styled(counts, theme.get("dim"))));
    if let Some(notes) = &brief.meta.source_notes {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled("About the source", theme.heading(3))));
        lines.push(Line::from(Span::styled(
            notes.clone(),
            Style::default().patch(theme.get("dim")),
        )));
    }
    lines
}

/// Greedy word wrap of plain text.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthStr;
    let mut lines = vec![String::new()];
    // Words wider than the panel (brief#claim targets) are cut into pieces that fit.
    let pieces = text.split_whitespace().flat_map(|word| {
        let mut parts = Vec::new();
        let mut part = String::new();
        for c in word.chars() {
            if part.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > width && !part.is_empty() {
                parts.push(std::mem::take(&mut part));
            }
            part.push(c);
        }
        parts.push(part);
        parts
    });
    for word in pieces {
        let word = word.as_str();
        let Some(line) = lines.last_mut() else { break };
        if !line.is_empty() && line.width() + 1 + word.width() > width {
            lines.push(word.to_owned());
        } else {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
    }
    lines
}
