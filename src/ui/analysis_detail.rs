//! The corpus views' detail (Space): the selected row whole. A statistic with its measure,
//! period, brief, quote and note; a conflict or a link with both sides and their words, side by
//! side when there is room, and the link's note.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::analysis::conflict_entries;
use crate::analysis::StatRow;
use crate::app::{AnalysisTab, AnalysisView, AppState};
use crate::keymap::{Action, Mode};
use crate::text::wrap;
use crate::theme::Theme;

/// (role, text) paragraphs of one side of a detail.
type Side = Vec<(&'static str, String)>;

pub fn draw(frame: &mut Frame<'_>, area: Rect, view: &AnalysisView, state: &AppState, theme: &Theme) {
    // Inside the corpus view, leaving a margin when there is room for one.
    let margin = if area.width >= 100 { 4 } else { 1 };
    let width = area.width.saturating_sub(2 * margin).clamp(20, 140);
    let popup = Rect::new(
        area.x + (area.width.saturating_sub(width)) / 2,
        area.y + u16::from(area.height > 20),
        width,
        area.height.saturating_sub(if area.height > 20 { 2 } else { 0 }).max(3),
    );
    let title = vec![
        Span::styled(" The row whole ", theme.get("title")),
        Span::styled(
            format!(
                "— {} · {} ",
                super::key_hint(state, Mode::Analysis, Action::Detail, "hides it"),
                super::key_hint(state, Mode::Analysis, Action::Open, "opens the passage")
            ),
            theme.get("dim"),
        ),
    ];
    let inner = super::popup_frame(
        frame,
        crate::app::geometry::Area {
            x: popup.x,
            y: popup.y,
            width: popup.width,
            height: popup.height,
        },
        title,
        theme,
    );
    let (heading, sides) = content(view, state);
    let inner_width = usize::from(inner.width);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for piece in wrap(&heading.1, inner_width) {
        lines.push(Line::from(Span::styled(piece, theme.get(heading.0))));
    }
    lines.push(Line::default());
    match sides.as_slice() {
        [a, b] if inner_width >= 80 => lines.extend(side_by_side(a, b, inner_width, theme)),
        _ => {
            for side in &sides {
                for (role, text) in side {
                    for piece in wrap(text, inner_width) {
                        lines.push(Line::from(Span::styled(piece, theme.get(role))));
                    }
                }
                lines.push(Line::default());
            }
        }
    }
    // Scrolled with the moving keys; the title says when there is more.
    let rows = usize::from(inner.height);
    let scroll = view.detail_scroll.min(lines.len().saturating_sub(rows));
    let more = lines.len() > scroll + rows;
    let shown: Vec<Line<'static>> = lines.into_iter().skip(scroll).take(rows).collect();
    frame.render_widget(Paragraph::new(shown), inner);
    if more {
        let hint = format!(" {} for more ", state.keymap().hint(Mode::Analysis, Action::Down));
        let x = inner.x
            + inner
                .width
                .saturating_sub(unicode_width::UnicodeWidthStr::width(hint.as_str()) as u16);
        frame.render_widget(
            Paragraph::new(Span::styled(hint, theme.get("dim"))),
            Rect::new(x, inner.y + inner.height, inner.width.min(20), 1),
        );
    }
}

/// Two sides in two columns.
fn side_by_side(a: &Side, b: &Side, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let column = (width - 3) / 2;
    let flow = |side: &Side| -> Vec<(&'static str, String)> {
        side.iter()
            .flat_map(|(role, text)| wrap(text, column).into_iter().map(move |l| (*role, l)))
            .collect()
    };
    let (left, right) = (flow(a), flow(b));
    (0..left.len().max(right.len()))
        .map(|i| {
            let (lr, lt) = left.get(i).cloned().unwrap_or(("text", String::new()));
            let (rr, rt) = right.get(i).cloned().unwrap_or(("text", String::new()));
            let pad = column.saturating_sub(unicode_width::UnicodeWidthStr::width(lt.as_str()));
            Line::from(vec![
                Span::styled(lt, theme.get(lr)),
                Span::raw(" ".repeat(pad)),
                Span::styled(" │ ", theme.get("rule")),
                Span::styled(rt, theme.get(rr)),
            ])
        })
        .collect()
}

/// A statistic's paragraphs.
fn figure_side(row: &StatRow, state: &AppState) -> Side {
    let f = &row.figure;
    let brief = state.corpus().briefs.get(row.brief);
    let mut side = vec![("strong", f.amount_text())];
    side.push(("text", f.measure.clone()));
    if let Some(period) = f.period_text() {
        side.push(("dim", format!("when: {period}")));
    }
    side.push(("dim", format!("in: {}", brief.map_or("?", |b| b.meta.title.as_str()))));
    let words = f
        .quote()
        .map(str::to_owned)
        .or_else(|| {
            let anchor = f.anchor.clone()?;
            Some(brief?.doc.text.get(anchor)?.to_owned())
        })
        .unwrap_or_default();
    if !words.is_empty() {
        side.push(("text", format!("“{words}”")));
    }
    if let Some(note) = f.note() {
        side.push(("dim", format!("note: {note}")));
    }
    if f.is_derived() {
        side.push(("dim", "◇ derived from the text, not annotated".to_owned()));
    }
    side
}

/// A claim's paragraphs.
fn claim_side(brief: &str, id: &str, state: &AppState) -> Side {
    let Some(b) = state.corpus().brief(brief) else {
        return vec![("warning", format!("{brief} is not in this corpus"))];
    };
    let Some(claim) = b.claim(id) else {
        return vec![("warning", format!("{brief}#{id} is not a claim"))];
    };
    vec![
        ("strong", b.meta.title.clone()),
        ("dim", format!("{brief}#{id}")),
        ("text", claim.text.clone()),
        ("text", format!("“{}”", claim.quote)),
    ]
}

/// The heading (role, text) and the sides of the selected row.
fn content(view: &AnalysisView, state: &AppState) -> ((&'static str, String), Vec<Side>) {
    let selected = view.selected();
    match view.tab {
        AnalysisTab::Statistics | AnalysisTab::Timeline => {
            let rows = if view.tab == AnalysisTab::Statistics {
                &view.model.rows
            } else {
                &view.model.timeline
            };
            match rows.get(selected) {
                Some(row) => (("heading3", row.figure.to_string()), vec![figure_side(row, state)]),
                None => (("dim", "Nothing selected.".to_owned()), Vec::new()),
            }
        }
        AnalysisTab::Conflicts => {
            let (conflicts, linked) = (view.model.conflicts.len(), view.model.linked.len());
            let heading = conflict_entries(view, state)
                .get(selected)
                .map_or_else(|| ("dim", String::new()), |(role, heading, _)| (*role, heading.clone()));
            if let Some(c) = view.model.conflicts.get(selected) {
                (heading, vec![figure_side(&c.a, state), figure_side(&c.b, state)])
            } else if let Some(pair) = view.model.linked.get(selected - conflicts) {
                let mut sides = vec![figure_side(&pair.a, state), figure_side(&pair.b, state)];
                let link = &pair.link;
                sides[0].push(("dim", format!("claim {}#{}", link.from_brief, link.from_claim)));
                sides[1].push(("dim", format!("claim {}#{}", link.to_brief, link.to_claim)));
                (heading, sides)
            } else if let Some(link) = view.model.contradictions.get(selected - conflicts - linked) {
                let sides = vec![
                    claim_side(&link.from_brief, &link.from_claim, state),
                    claim_side(&link.to_brief, &link.to_claim, state),
                ];
                (heading, sides)
            } else {
                (("dim", "Nothing selected.".to_owned()), Vec::new())
            }
        }
        AnalysisTab::Map => {
            let links = view.cell_links(state.corpus());
            match links.get(view.pick.unwrap_or(0)) {
                Some(link) => (
                    (
                        link.relation.name(),
                        format!("{}: {}", link.relation.name(), link.note.as_deref().unwrap_or("")),
                    ),
                    vec![
                        claim_side(&link.from_brief, &link.from_claim, state),
                        claim_side(&link.to_brief, &link.to_claim, state),
                    ],
                ),
                None => (("dim", "No link between these briefs.".to_owned()), Vec::new()),
            }
        }
    }
}
