//! The side panel: our annotated summary of the open brief, in tabs.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::app::{AppState, Focus, PanelItem, Tab};
use crate::corpus::{Brief, Relation};
use crate::store::Placement;
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
            let paragraph = Paragraph::new(summary_lines(state, brief, theme))
                .wrap(Wrap { trim: false })
                .scroll((u16::try_from(state.panel_scroll).unwrap_or(u16::MAX), 0));
            frame.render_widget(paragraph, inner);
        }
        _ => {
            let items = state.panel_items();
            if items.is_empty() {
                let text = match state.tab {
                    Tab::Claims => "This brief has no annotated claims.",
                    Tab::Statistics => "This brief has no annotated statistics.",
                    Tab::Bookmarks => {
                        "No bookmarks yet: b bookmarks the passage under the cursor; v selects part of it first."
                    }
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
                let (label, label_style, body) = describe(state, brief, *item, theme);
                // The label has rows of its own, so the text wraps at the full width below it.
                for (n, piece) in wrap_words(&label, width).into_iter().enumerate() {
                    let lead = if n == 0 { mark.clone() } else { Span::raw("  ") };
                    lines.push(Line::from(vec![lead, Span::styled(piece, label_style)]));
                }
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

/// A label, its style, and the text of an item.
fn describe(state: &AppState, brief: &Brief, item: PanelItem, theme: &Theme) -> (String, Style, String) {
    let none = (String::new(), Style::default(), String::new());
    match item {
        PanelItem::Claim(i) => {
            let Some(claim) = brief.claims.get(i) else { return none };
            (format!("◆ {}", claim.id), theme.get("gutter_claim"), claim.text.clone())
        }
        PanelItem::Statistic(i) => {
            let Some(s) = brief.statistics.get(i) else { return none };
            let period = s.period_text().map(|p| format!(" ({p})")).unwrap_or_default();
            let note = s.note().map(|n| format!(" — {n}")).unwrap_or_default();
            (
                format!("# {}", s.amount_text()),
                theme.get("gutter_statistic"),
                format!("{}{period}{note}", s.measure),
            )
        }
        PanelItem::DerivedStatistic(i) => {
            let Some(d) = state.derived_statistics().get(i) else {
                return none;
            };
            let period = d.period_text().map(|p| format!(" ({p})")).unwrap_or_default();
            let mentions = if d.mentions().len() > 1 {
                format!(" · {} mentions", d.mentions().len())
            } else {
                String::new()
            };
            let quote = d
                .mentions()
                .first()
                .and_then(|m| brief.doc.text.get(m.clone()))
                .unwrap_or("");
            (
                format!("◇ {} (derived)", d.amount_text()),
                theme.get("dim"),
                format!("{}{period}{mentions} — “{quote}”", d.measure),
            )
        }
        PanelItem::InferredLink(i) => {
            let Some(link) = state.inferred_links().get(i) else {
                return none;
            };
            let other = state.corpus.briefs.get(link.to).map_or("", |b| b.meta.title.as_str());
            let figures: Vec<String> = link
                .shared_figures
                .iter()
                .map(|(v, u)| format!("{} {u}", crate::figure::number_text(*v)))
                .collect();
            let mut body = format!("{other} — shares {}", link.shared_terms.join(", "));
            if !figures.is_empty() {
                body.push_str(&format!("; the same figures: {}", figures.join(", ")));
            }
            ("→ related (derived)".to_owned(), theme.get("context"), body)
        }
        PanelItem::Bookmark(i) => {
            let (Some(bookmark), Some(placement)) = (state.bookmarks.get(i), state.placements.get(i)) else {
                return none;
            };
            let excerpt: String = bookmark.exact.chars().take(160).collect();
            let more = if bookmark.exact.chars().count() > 160 {
                "…"
            } else {
                ""
            };
            let note = if bookmark.note.is_empty() {
                String::new()
            } else {
                format!(" — {}", bookmark.note)
            };
            let date = bookmark.created.get(..10).unwrap_or("");
            let body = format!("“{excerpt}{more}”{note} · {date}");
            match placement {
                Placement::Placed { brief: index, .. } => {
                    let title = state.corpus.briefs.get(*index).map_or("", |b| b.meta.title.as_str());
                    let section = if bookmark.section.is_empty() {
                        String::new()
                    } else {
                        format!(" › {}", bookmark.section)
                    };
                    (format!("★ {title}{section}"), theme.get("gutter_bookmark"), body)
                }
                Placement::Orphan(reason) => (
                    format!("⚠ orphaned ({}): {reason}", bookmark.brief),
                    theme.get("warning"),
                    body,
                ),
            }
        }
        PanelItem::Link { outgoing, index } => {
            let link = if outgoing {
                brief.crossrefs.get(index)
            } else {
                brief.backlinks.get(index)
            };
            let Some(link) = link else { return none };
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
            let note = link.note.as_deref().map(|n| format!(" — {n}")).unwrap_or_default();
            (format!("{arrow} {verb}"), theme.get(role), format!("{other}{note}"))
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

fn summary_lines(state: &AppState, brief: &Brief, theme: &Theme) -> Vec<Line<'static>> {
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
    let terms = state.key_terms();
    if !terms.is_empty() {
        let list: Vec<String> = terms
            .iter()
            .take(12)
            .map(|t| format!("{} ({})", t.text, t.mentions.len()))
            .collect();
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            "Key terms (derived from the text)",
            theme.heading(3),
        )));
        lines.push(Line::from(Span::styled(list.join(" · "), theme.get("text"))));
    }
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

/// Greedy word wrap of plain text. A word wider than the panel (a brief#claim target) fills the
/// rest of its line and continues on the next, rather than being clipped.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let used = lines.last().map_or(0, |l| l.width());
        let fits_here = used + usize::from(used > 0) + word.width() <= width;
        if !fits_here && word.width() <= width && used > 0 {
            lines.push(String::new());
        } else if used > 0
            && let Some(line) = lines.last_mut()
        {
            line.push(' ');
        }
        for c in word.chars() {
            let w = c.width().unwrap_or(0);
            if lines.last().is_some_and(|l| l.width() + w > width && !l.is_empty()) {
                lines.push(String::new());
            }
            if let Some(line) = lines.last_mut() {
                line.push(c);
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap_words;

    #[test]
    fn long_words_continue_instead_of_being_clipped() {
        assert_eq!(wrap_words("◆ ttp-resurgence-after", 12), ["◆ ttp-resurg", "ence-after"]);
        assert_eq!(wrap_words("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap_words("", 5), [""]);
    }
}
