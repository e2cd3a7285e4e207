//! Drawing the analysis overlay.

use ratatui::Frame;
use ratatui::layout::Rect;
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
    // The hints that fit beside the tabs, most needed first kept: closing, then the rest.
    let used: usize = tabs.iter().map(|t| t.width()).sum();
    let room = usize::from(popup.width).saturating_sub(used + 4);
    let all = format!(
        "— {} {} tabs · {} · {} ",
        state.keymap().hint(Mode::Analysis, Action::PrevTab),
        state.keymap().hint(Mode::Analysis, Action::NextTab),
        hint(Action::Open, "opens"),
        hint(Action::Close, "closes")
    );
    let short = format!("— {} ", hint(Action::Close, "closes"));
    let w = |t: &str| unicode_width::UnicodeWidthStr::width(t);
    if w(&all) <= room {
        tabs.push(Span::styled(all, theme.get("dim")));
    } else if w(&short) <= room {
        tabs.push(Span::styled(short, theme.get("dim")));
    }
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
        AnalysisTab::Map => map(view, state, theme, width, height),
    };
    frame.render_widget(Paragraph::new(lines).style(theme.get("text")), inner);
    if view.detail {
        super::analysis_detail::draw(frame, popup, view, state, theme);
    }
}

/// As many of `parts` as fit in `width`, in order, joined by "; " (the first is cut if alone it
/// does not fit), so a hint is left out whole rather than cut mid-word.
fn fitting(parts: &[String], width: usize) -> String {
    fitting_lines(parts, width, 1).concat()
}

/// `parts` joined by "; " on at most `lines` lines of `width`: a part that does not fit on a line
/// starts the next; parts left over are left out whole.
fn fitting_lines(parts: &[String], width: usize, lines: usize) -> Vec<String> {
    let w = |t: &str| unicode_width::UnicodeWidthStr::width(t);
    let mut out: Vec<String> = vec![String::new()];
    for part in parts {
        let Some(line) = out.last_mut() else { break };
        let next = if line.is_empty() {
            part.clone()
        } else {
            format!("{line}; {part}")
        };
        if w(&next) <= width {
            *line = next;
        } else if line.is_empty() {
            *line = truncate(part, width);
        } else if out.len() < lines {
            out.push(truncate(part, width));
        }
    }
    out
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
    // Columns are as wide as what they hold, so a value, a period or a brief is never cut; the
    // measure takes what is left (the detail, Space, shows it whole).
    let w = |text: &str| unicode_width::UnicodeWidthStr::width(text);
    let id_width = rows
        .iter()
        .map(|r| w(brief_id(state, r.brief)))
        .max()
        .unwrap_or(5)
        .max(5);
    let amount_width = rows
        .iter()
        .map(|r| w(&r.figure.amount_text()))
        .max()
        .unwrap_or(6)
        .max(6);
    let period_width = rows
        .iter()
        .map(|r| r.figure.period_text().map_or(1, |p| w(&p)))
        .max()
        .unwrap_or(6)
        .max(6);
    // Beside the figure when the popup is wide; else on a line of its own under it.
    let measure_width = if view.wide() {
        width.saturating_sub(id_width + amount_width + period_width + 6).max(8)
    } else {
        width.saturating_sub(6)
    };
    let cell = |text: &str, width: usize| {
        let shown = truncate(text, width);
        let pad = width.saturating_sub(w(&shown));
        format!("{shown}{}", " ".repeat(pad))
    };
    let header = if view.wide() {
        format!(
            "   {} {} {} {}",
            cell("figure", amount_width),
            cell("period", period_width),
            cell("brief", id_width),
            cell("measure", measure_width)
        )
    } else {
        format!(
            "   {} {} (brief: measure, below)",
            cell("figure", amount_width),
            cell("period", period_width),
        )
    };
    let about = fitting(
        &[
            format!("{} statistics, sorted by {}", rows.len(), view.sort.name()),
            format!("{} sorts", state.keymap().hint(Mode::Analysis, Action::Sort)),
            format!(
                "{} shows a row whole",
                state.keymap().hint(Mode::Analysis, Action::Detail)
            ),
            "◇ marks derived ones".to_owned(),
        ],
        width,
    );
    let mut lines = vec![Line::from(Span::styled(about, theme.get("dim")))];
    lines.push(Line::from(Span::styled(truncate(&header, width), theme.heading(3))));
    let visible = height.saturating_sub(2) / view.row_height(AnalysisTab::Statistics);
    for i in window(view, rows.len(), visible) {
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
            " {mark} {} {}",
            cell(&figure.amount_text(), amount_width),
            cell(figure.period_text().as_deref().unwrap_or("—"), period_width),
        );
        if view.wide() {
            let line = format!(
                "{text} {} {}",
                cell(brief_id(state, row.brief), id_width),
                cell(&figure.measure, measure_width)
            );
            lines.push(Line::from(Span::styled(line, style)));
        } else {
            lines.push(Line::from(Span::styled(truncate(&text, width), style)));
            let below = format!("     {}: {}", brief_id(state, row.brief), figure.measure);
            lines.push(Line::from(Span::styled(truncate(&below, width), style)));
        }
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

/// The Conflicts tab's entries, each a heading and its two sides.
pub(super) fn conflict_entries(view: &AnalysisView, state: &AppState) -> Vec<(&'static str, String, [String; 2])> {
    let side = |row: &StatRow| {
        let period = row.figure.period_text().map(|p| format!(", {p}")).unwrap_or_default();
        format!("{}{period} — {}", row.figure.amount_text(), brief_id(state, row.brief))
    };
    let claim = |brief: &str, id: &str| {
        let text = state
            .corpus()
            .brief(brief)
            .and_then(|b| b.claim(id))
            .map_or_else(String::new, |c| c.text.clone());
        format!("{brief}#{id}: {text}")
    };
    let mut entries = Vec::new();
    for c in &view.model.conflicts {
        let period = c.a.figure.period_text().unwrap_or_default();
        entries.push((
            "warning",
            format!("≠ different values for {} ({period})", c.a.figure.measure),
            [side(&c.a), side(&c.b)],
        ));
    }
    for pair in &view.model.linked {
        let note = pair.link.note.as_deref().unwrap_or("");
        entries.push((
            "quantifies",
            format!("≉ measure different things: {note}"),
            [side(&pair.a), side(&pair.b)],
        ));
    }
    for link in &view.model.contradictions {
        let note = link.note.as_deref().unwrap_or("");
        entries.push((
            "contradicts",
            format!("↔ contradicts: {note}"),
            [
                claim(&link.from_brief, &link.from_claim),
                claim(&link.to_brief, &link.to_claim),
            ],
        ));
    }
    entries
}

fn conflicts(view: &AnalysisView, state: &AppState, theme: &Theme, width: usize, height: usize) -> Vec<Line<'static>> {
    let entries = conflict_entries(view, state);
    let linked = view.model.linked.len();
    // What the tab holds: the kinds present (a zero says nothing), then the key for the detail.
    let (conflicting, contradicting) = (view.model.conflicts.len(), view.model.contradictions.len());
    let mut parts = Vec::new();
    if conflicting > 0 {
        parts.push(format!(
            "{conflicting} conflicting {} (same measure and period, different values)",
            crate::corpus::plural(conflicting, "figure", "figures")
        ));
    }
    if linked > 0 {
        parts.push(format!(
            "{linked} linked {} that measure different things",
            crate::corpus::plural(linked, "pair", "pairs")
        ));
    }
    if contradicting > 0 {
        parts.push(format!(
            "{contradicting} {} linked as contradicting",
            crate::corpus::plural(contradicting, "claim pair", "claim pairs")
        ));
    }
    if parts.is_empty() {
        parts.push("No conflicting figures and no claims linked as contradicting.".to_owned());
    } else {
        parts.push(format!(
            "{} shows one whole",
            state.keymap().hint(Mode::Analysis, Action::Detail)
        ));
    }
    let about = fitting_lines(&parts, width, 2);
    // Always two lines (see `AnalysisView::header_lines`), so the rows start where scrolling
    // expects them.
    let about_lines = AnalysisView::header_lines(AnalysisTab::Conflicts);
    let mut lines: Vec<Line<'static>> = about
        .into_iter()
        .chain(std::iter::repeat(String::new()))
        .take(about_lines)
        .map(|l| Line::from(Span::styled(l, theme.get("dim"))))
        .collect();
    let visible = height.saturating_sub(about_lines) / view.row_height(AnalysisTab::Conflicts);
    for i in window(view, entries.len(), visible) {
        let (role, heading, sides) = &entries[i];
        let chosen = i == view.selected();
        let style = |base: &str| if chosen { theme.selection(true) } else { theme.get(base) };
        lines.push(Line::from(Span::styled(truncate(heading, width), style(role))));
        for side in sides {
            lines.push(Line::from(Span::styled(
                truncate(&format!("    {side}"), width),
                style("text"),
            )));
        }
    }
    lines
}

/// `visible` indices out of `count` that keep `selected` in view, centred where there is room.
fn around(selected: usize, count: usize, visible: usize) -> std::ops::Range<usize> {
    let visible = visible.max(1);
    let start = selected.saturating_sub(visible / 2).min(count.saturating_sub(visible));
    start..(start + visible).min(count)
}

fn map(view: &AnalysisView, state: &AppState, theme: &Theme, width: usize, height: usize) -> Vec<Line<'static>> {
    let cells = &view.model.matrix;
    let n = cells.len();
    let label_width = 26.min(width / 3);
    let cell_width = 9;
    // Only the cells that fit are drawn, around the selected one: 2,000 briefs make 4 million.
    // Below the matrix: a blank line, the pair's heading, a hint and a few of its links.
    let links = analysis::links_between(state.corpus(), view.row, view.column);
    let below = 3 + links.len().min(4);
    let rows = around(view.row, n, height.saturating_sub(2 + below));
    let columns = around(view.column, n, width.saturating_sub(label_width + 1) / cell_width);
    let key = |action| state.keymap().hint(Mode::Analysis, action);
    let legend = format!(
        "Links either way: supports/contradicts/extends (+other). {}{}{}{} move",
        key(Action::Left),
        key(Action::Right),
        key(Action::Down),
        key(Action::Up)
    );
    let mut lines = vec![Line::from(Span::styled(truncate(&legend, width), theme.get("dim")))];
    let mut header = vec![Span::raw(" ".repeat(label_width + 1))];
    for j in columns.clone() {
        header.push(Span::styled(format!("{:^cell_width$}", j + 1), theme.heading(3)));
    }
    lines.push(Line::from(header));
    for i in rows {
        let Some(row) = cells.get(i) else { break };
        let label = format!(
            "{:>2} {}",
            i + 1,
            truncate(brief_id(state, i), label_width.saturating_sub(3))
        );
        let mut spans = vec![Span::styled(format!("{label:<label_width$} "), theme.get("text"))];
        for j in columns.clone() {
            let Some(cell) = row.get(j) else { break };
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
    if links.len() > 1 && view.pick.is_none() {
        lines.push(Line::from(Span::styled(
            format!(
                "{} picks among these links",
                state.keymap().hint(Mode::Analysis, Action::Open)
            ),
            theme.get("dim"),
        )));
    }
    for (n, link) in links.iter().enumerate() {
        let note = link.note.as_deref().unwrap_or("");
        let text = format!(
            "{}#{} {} {}#{} — {note}",
            link.from_brief,
            link.from_claim,
            link.relation.name(),
            link.to_brief,
            link.to_claim
        );
        let style = if view.pick == Some(n) {
            theme.selection(true)
        } else {
            theme.get(link.relation.name())
        };
        let lead = if view.pick == Some(n) { "› " } else { "  " };
        lines.push(Line::from(Span::styled(
            truncate(&format!("{lead}{text}"), width),
            style,
        )));
    }
    lines
}
