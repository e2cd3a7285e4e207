//! Drawing the analysis overlay.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::truncate;
use crate::analysis::{self, StatRow};
use crate::app::{AnalysisTab, AnalysisView, AppState};
use crate::keymap::{Action, Mode};
use crate::theme::Theme;

pub fn draw(frame: &mut Frame<'_>, popup: Rect, view: &AnalysisView, state: &AppState, theme: &Theme) {
    super::clear(frame, popup, theme);
    let mut tabs = vec![Span::styled(" The corpus whole: ", theme.get("title"))];
    for tab in AnalysisTab::ALL {
        let style = if tab == view.tab {
            theme.get("tab_active")
        } else {
            theme.get("tab")
        };
        tabs.push(Span::styled(tab.title(), style));
        tabs.push(Span::raw(" "));
    }
    let hint = |action, what| super::key_hint(state, Mode::Analysis, action, what);
    tabs.push(Span::styled(
        format!(
            "— {} {} tabs · {} · {} ",
            state.keymap().hint(Mode::Analysis, Action::PrevTab),
            state.keymap().hint(Mode::Analysis, Action::NextTab),
            hint(Action::Open, "opens"),
            hint(Action::Close, "closes")
        ),
        theme.get("dim"),
    ));
    let block = super::bordered(tabs, popup.width, true, theme);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let rows = &view.model.rows;
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let lines = match view.tab {
        AnalysisTab::Statistics => statistics(rows, view, state, theme, width, height),
        AnalysisTab::Timeline => timeline(view, state, theme, width, height),
        AnalysisTab::Conflicts => conflicts(view, state, theme, width, height),
        AnalysisTab::Map => map(view, state, theme, width),
    };
    frame.render_widget(Paragraph::new(lines).style(theme.get("text")), inner);
}

fn brief_id(state: &AppState, index: usize) -> &str {
    state.corpus().briefs.get(index).map_or("?", |b| b.id.as_str())
}

/// The rows of the current tab on screen: `visible` rows from the view's scroll.
fn window(view: &AnalysisView, count: usize, visible: usize) -> std::ops::Range<usize> {
    let first = view.scroll().min(count);
    first..(first + visible.max(1)).min(count)
}

fn statistics(
    rows: &[StatRow],
    view: &AnalysisView,
    state: &AppState,
    theme: &Theme,
    width: usize,
    height: usize,
) -> Vec<Line<'static>> {
    let id_width = 24.min(width / 4);
    let amount_width = 22;
    let period_width = 16;
    let measure_width = width.saturating_sub(id_width + amount_width + period_width + 4);
    let cell = |text: &str, w: usize| format!("{:<w$}", truncate(text, w));
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{}   {} {} {}",
            cell("brief", id_width),
            cell("figure", amount_width),
            cell("measure", measure_width),
            cell("period", period_width)
        ),
        theme.heading(3),
    ))];
    lines.push(Line::from(Span::styled(
        format!(
            "{} statistics, sorted by {} (s changes it); ◇ marks derived ones",
            rows.len(),
            view.sort.name()
        ),
        theme.get("dim"),
    )));
    for i in window(view, rows.len(), height.saturating_sub(2)) {
        let row = &rows[i];
        let figure = &row.figure;
        let style = if i == view.selected() {
            theme.selection(true)
        } else if figure.is_derived() {
            theme.get("dim")
        } else {
            theme.get("text")
        };
        let mark = if figure.is_derived() { "◇" } else { " " };
        let text = format!(
            "{} {mark} {} {} {}",
            cell(brief_id(state, row.brief), id_width),
            cell(&figure.amount_text(), amount_width),
            cell(&figure.measure, measure_width),
            cell(figure.period_text().as_deref().unwrap_or("—"), period_width)
        );
        lines.push(Line::from(Span::styled(text, style)));
    }
    lines
}

fn timeline(view: &AnalysisView, state: &AppState, theme: &Theme, width: usize, height: usize) -> Vec<Line<'static>> {
    let points = &view.model.timeline;
    let Some((first, last)) = points
        .first()
        .and_then(StatRow::year)
        .zip(points.last().and_then(StatRow::year))
    else {
        return vec![Line::from(Span::styled("No dated facts yet.", theme.get("dim")))];
    };
    let span = usize::try_from((last - first).max(1)).unwrap_or(1);
    let axis_width = width.saturating_sub(2).max(10);
    let column = |year: i32| usize::try_from(year - first).unwrap_or(0) * (axis_width - 1) / span;
    // The axis: a marker per year that has facts (the selected one stands out), and labels.
    let mut marks = vec![' '; axis_width];
    for p in points {
        if let Some(y) = p.year() {
            marks[column(y).min(axis_width - 1)] = '●';
        }
    }
    let selected_year = points.get(view.selected()).and_then(StatRow::year);
    let mut axis_spans = Vec::new();
    for (i, c) in marks.iter().enumerate() {
        let chosen = selected_year.is_some_and(|y| column(y).min(axis_width - 1) == i);
        let style = if chosen {
            theme.get("highlight")
        } else if *c == '●' {
            theme.get("marker")
        } else {
            theme.get("dim")
        };
        axis_spans.push(Span::styled(
            if *c == '●' {
                "●".to_owned()
            } else {
                "─".to_owned()
            },
            style,
        ));
    }
    let mut labels = vec![' '; axis_width];
    let mut place = |year: i32| {
        let text: Vec<char> = year.to_string().chars().collect();
        let at = column(year).min(axis_width.saturating_sub(text.len()));
        // A label needs a blank on both sides, so neighbouring years never run together.
        let end = at + text.len();
        let free = |i: usize| labels.get(i).is_none_or(|c| *c == ' ');
        if labels[at..end].iter().all(|c| *c == ' ') && (at == 0 || free(at - 1)) && free(end) {
            labels[at..at + text.len()].copy_from_slice(&text);
        }
    };
    place(first);
    place(last);
    for p in points {
        if let Some(y) = p.year() {
            place(y);
        }
    }
    let mut lines = vec![
        Line::from(Span::styled(
            format!("{} dated facts, {first} to {last}", points.len()),
            theme.get("dim"),
        )),
        Line::from(axis_spans),
        Line::from(Span::styled(labels.into_iter().collect::<String>(), theme.get("dim"))),
        Line::default(),
    ];
    for i in window(view, points.len(), height.saturating_sub(4)) {
        let p = &points[i];
        let style = if i == view.selected() {
            theme.selection(true)
        } else {
            theme.get("text")
        };
        let f = &p.figure;
        let when = f.period.as_deref().map(crate::figure::date_text).unwrap_or_default();
        let mark = if f.is_derived() { "◇ " } else { "" };
        let figure = if f.is_date() {
            String::new()
        } else {
            format!("{}: ", f.amount_text())
        };
        let text = format!("{when:<18} {mark}{figure}{} — {}", f.measure, brief_id(state, p.brief));
        lines.push(Line::from(Span::styled(truncate(&text, width), style)));
    }
    lines
}

fn conflicts(view: &AnalysisView, state: &AppState, theme: &Theme, width: usize, height: usize) -> Vec<Line<'static>> {
    let found = &view.model.conflicts;
    let contradictions = &view.model.contradictions;
    let mut entries: Vec<(Style, String)> = Vec::new();
    for c in found {
        let text = format!(
            "≠ {} ({}): {} in {} but {} in {}",
            c.a.figure.measure,
            c.a.figure.period_text().unwrap_or_default(),
            c.a.figure.amount_text(),
            brief_id(state, c.a.brief),
            c.b.figure.amount_text(),
            brief_id(state, c.b.brief)
        );
        entries.push((theme.get("warning"), text));
    }
    for pair in &view.model.linked {
        let side = |row: &StatRow| {
            let period = row.figure.period_text().map(|p| format!(", {p}")).unwrap_or_default();
            format!("{}{period} in {}", row.figure.amount_text(), brief_id(state, row.brief))
        };
        let note = pair.link.note.as_deref().unwrap_or("");
        entries.push((
            theme.get("quantifies"),
            format!(
                "≉ {} vs {} — measure different things: {note}",
                side(&pair.a),
                side(&pair.b)
            ),
        ));
    }
    for link in contradictions {
        let note = link.note.as_deref().unwrap_or("");
        entries.push((
            theme.get("contradicts"),
            format!(
                "↔ {}#{} contradicts {}#{} — {note}",
                link.from_brief, link.from_claim, link.to_brief, link.to_claim
            ),
        ));
    }
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "{} conflicting {} (same measure and period, different values); {} linked {} that measure different things; {} claims linked as contradicting",
            found.len(),
            crate::corpus::plural(found.len(), "figure", "figures"),
            view.model.linked.len(),
            crate::corpus::plural(view.model.linked.len(), "pair", "pairs"),
            contradictions.len()
        ),
        theme.get("dim"),
    ))];
    for i in window(view, entries.len(), height.saturating_sub(1)) {
        let (style, text) = &entries[i];
        let style = if i == view.selected() {
            theme.selection(true)
        } else {
            *style
        };
        lines.push(Line::from(Span::styled(truncate(text, width), style)));
    }
    lines
}

fn map(view: &AnalysisView, state: &AppState, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let cells = &view.model.matrix;
    let n = cells.len();
    let label_width = 26.min(width / 3);
    let cell_width = 9;
    let mut lines = vec![Line::from(Span::styled(
        "Links between briefs, either way: supports/contradicts/extends (+other). h/l and j/k move.",
        theme.get("dim"),
    ))];
    let mut header = vec![Span::raw(" ".repeat(label_width + 1))];
    for j in 0..n {
        header.push(Span::styled(format!("{:^cell_width$}", j + 1), theme.heading(3)));
    }
    lines.push(Line::from(header));
    for (i, row) in cells.iter().enumerate() {
        let label = format!(
            "{:>2} {}",
            i + 1,
            truncate(brief_id(state, i), label_width.saturating_sub(3))
        );
        let mut spans = vec![Span::styled(format!("{label:<label_width$} "), theme.get("text"))];
        for (j, cell) in row.iter().enumerate() {
            let text = if i == j {
                "·".to_owned()
            } else if cell.total() == 0 {
                "-".to_owned()
            } else {
                let other = if cell.other > 0 {
                    format!("+{}", cell.other)
                } else {
                    String::new()
                };
                format!("{}/{}/{}{other}", cell.supports, cell.contradicts, cell.extends)
            };
            let style = if (i, j) == (view.row, view.column) {
                theme.selection(true)
            } else if cell.contradicts > 0 {
                theme.get("contradicts")
            } else if cell.total() > 0 {
                theme.get("supports")
            } else {
                theme.get("dim")
            };
            spans.push(Span::styled(format!("{text:^cell_width$}"), style));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::default());
    let links = analysis::links_between(state.corpus(), view.row, view.column);
    lines.push(Line::from(Span::styled(
        format!(
            "{} ↔ {}: {} {}",
            brief_id(state, view.row),
            brief_id(state, view.column),
            links.len(),
            crate::corpus::plural(links.len(), "link", "links")
        ),
        theme.heading(3),
    )));
    for link in links {
        let note = link.note.as_deref().unwrap_or("");
        let text = format!(
            "{}#{} {} {}#{} — {note}",
            link.from_brief,
            link.from_claim,
            link.relation.name(),
            link.to_brief,
            link.to_claim
        );
        lines.push(Line::from(Span::styled(
            truncate(&text, width),
            theme.get(link.relation.name()),
        )));
    }
    lines
}
