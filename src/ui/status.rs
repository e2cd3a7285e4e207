//! The status bar: the mode, where the reader is, the search, a message, and key hints from the
//! live keymap. Hints are added in order of importance while they fit, never cut mid-hint.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::{flag_markers, truncate};
use crate::app::{AppState, Focus, LineInput, Overlay, PromptKind};
use crate::corpus::{Severity, plural};
use crate::keymap::{Action, Mode};
use crate::theme::Theme;

pub fn draw(frame: &mut Frame<'_>, area: Rect, state: &AppState, theme: &Theme) {
    let width = usize::from(area.width);
    let line = match state.prompt() {
        Some(prompt) => prompt_line(state, &prompt.kind, &prompt.input, width, theme),
        None if state.selection().is_some() => selecting_line(state, width, theme),
        None => main_line(state, width, theme),
    };
    frame.render_widget(Paragraph::new(line).style(theme.get("status")), area);
}

/// `key what` hints for `actions` of `mode`, as many as fit in `room` columns.
fn hints(state: &AppState, mode: Mode, actions: &[(Action, &str)], room: usize) -> String {
    let mut out = String::new();
    for (action, what) in actions {
        let Some(key) = state.keymap().key(mode, *action) else {
            continue;
        };
        let piece = format!("{key} {what}");
        let extra = if out.is_empty() { 0 } else { 3 };
        if out.width() + extra + piece.width() + 2 > room {
            break;
        }
        if !out.is_empty() {
            out.push_str(" · ");
        }
        out.push_str(&piece);
    }
    out
}

fn prompt_line(state: &AppState, kind: &PromptKind, input: &LineInput, width: usize, theme: &Theme) -> Line<'static> {
    let keymap = state.keymap();
    let label = match kind {
        PromptKind::Filter if state.list().in_text() => "filter by text".to_owned(),
        PromptKind::Filter => "filter by title".to_owned(),
        PromptKind::Search => "search".to_owned(),
        PromptKind::Note(crate::app::NoteTarget::New(_)) => "note for the new bookmark".to_owned(),
        PromptKind::Note(_) => "edit note".to_owned(),
    };
    let lead = if matches!(kind, PromptKind::Note(_)) { "" } else { "/" };
    let mut spans = vec![Span::styled(format!(" {label} "), theme.get("status_mode"))];
    let after_label = label.width() + 2;
    let extra = match kind {
        PromptKind::Search if !input.text().is_empty() => format!(" {} ", state.find().count_text()),
        PromptKind::Filter => {
            let other = if state.list().in_text() { "titles" } else { "text" };
            format!(" {}: {other} ", keymap.hint(Mode::Prompt, Action::ToggleTextFilter))
        }
        PromptKind::Note(_) => format!(
            " {} ",
            hints(
                state,
                Mode::Prompt,
                &[(Action::Submit, "saves"), (Action::Cancel, "cancels")],
                width.saturating_sub(after_label + 12)
            )
        ),
        PromptKind::Search => String::new(),
    };
    // The text, scrolled so the cursor stays in view, with a block cursor.
    let room = width.saturating_sub(after_label + extra.width() + 3).max(4);
    let text = input.text();
    let at = input.cursor().min(text.len());
    let (before, after) = text.split_at(floor_boundary(text, at));
    let mut before_shown = before.to_owned();
    while before_shown.width() + 1 > room {
        before_shown.remove(0);
    }
    let mut after_chars = after.chars();
    let under = after_chars.next().map_or(" ".to_owned(), String::from);
    let rest = truncate(after_chars.as_str(), room.saturating_sub(before_shown.width() + 1));
    spans.push(Span::styled(format!(" {lead}{before_shown}"), theme.get("status")));
    spans.push(Span::styled(
        under,
        theme.get("status").add_modifier(Modifier::REVERSED),
    ));
    spans.push(Span::styled(format!("{rest} "), theme.get("status")));
    spans.push(Span::styled(extra, theme.get("dim").patch(theme.get("status"))));
    Line::from(spans)
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn selecting_line(state: &AppState, width: usize, theme: &Theme) -> Line<'static> {
    let pair = |a: Action, b: Action| {
        let keymap = state.keymap();
        match (keymap.key(Mode::Visual, a), keymap.key(Mode::Visual, b)) {
            (Some(x), Some(y)) => Some(format!("{x}/{y}")),
            (Some(x), None) | (None, Some(x)) => Some(x),
            (None, None) => None,
        }
    };
    let mut parts: Vec<String> = Vec::new();
    let confirm = state
        .keymap()
        .key(Mode::Visual, Action::Confirm)
        .map(|k| format!("{k} bookmarks"));
    let cancel = state
        .keymap()
        .key(Mode::Visual, Action::Close)
        .map(|k| format!("{k} cancels"));
    // The most needed first: how to finish, then how to move.
    for piece in [
        confirm,
        cancel,
        pair(Action::GrowWord, Action::ShrinkWord).map(|k| format!("{k} word")),
        pair(Action::GrowSentence, Action::ShrinkSentence).map(|k| format!("{k} sentence")),
        pair(Action::GrowPassage, Action::ShrinkPassage).map(|k| format!("{k} passage")),
        pair(Action::StartBack, Action::StartForward).map(|k| format!("{k} start")),
        state
            .keymap()
            .key(Mode::Visual, Action::Reattach)
            .map(|k| format!("{k} re-attach")),
    ]
    .into_iter()
    .flatten()
    {
        let used: usize = 9 + parts.iter().map(|p| p.width() + 3).sum::<usize>();
        if used + piece.width() + 1 > width {
            break;
        }
        parts.push(piece);
    }
    Line::from(vec![
        Span::styled(" SELECT ", theme.get("status_mode")),
        Span::styled(format!(" {}", parts.join(" · ")), theme.get("status")),
    ])
}

fn main_line(state: &AppState, width: usize, theme: &Theme) -> Line<'static> {
    let mode = match (state.overlay(), state.focus()) {
        (Some(Overlay::Help(_)), _) => "HELP",
        (Some(Overlay::Outline(_)), _) => "OUTLINE",
        (Some(Overlay::Links(_)), _) => "LINKS",
        (Some(Overlay::Problems(_)), _) => "PROBLEMS",
        (Some(Overlay::About(_)), _) => "ABOUT",
        (Some(Overlay::Search(_)), _) => "SEARCH ALL",
        (Some(Overlay::Analysis(_)), _) => "CORPUS",
        (None, Focus::List) => "LIST",
        (None, Focus::Reader) => "READER",
        (None, Focus::Panel) => "PANEL",
    };
    let mut left = vec![Span::styled(format!(" {mode} "), theme.get("status_mode"))];
    left.push(Span::styled(format!(" {}% ", state.percent()), theme.get("status")));
    if let Some(trail) = state.trail() {
        left.push(Span::styled(
            format!(" {} ", trail.position_text()),
            theme.get("status"),
        ));
    } else if state.find().is_active() {
        left.push(Span::styled(
            format!(" /{} {} ", state.find().query(), state.find().count_text()),
            theme.get("status"),
        ));
    }
    // The right end: a warning that needs attention, else where help is.
    let broken = state.corpus().briefs.iter().filter(|b| b.errors > 0).count();
    let errors = state
        .corpus()
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let problems_key = state.keymap().hint(Mode::Normal, Action::Diagnostics);
    let (right, right_style) = if let Some(waiting) = state.bookmarks().waiting() {
        (format!(" {waiting} "), theme.get("status_warning"))
    } else if broken > 0 || (errors > 0 && state.corpus().briefs.is_empty()) {
        let what = if broken > 0 {
            format!("{broken} {} with errors", plural(broken, "brief", "briefs"))
        } else {
            "load errors".to_owned()
        };
        (format!(" {what}: {problems_key} "), theme.get("status_warning"))
    } else if state.overlay().is_some() {
        let mode = state.mode();
        (
            format!(" {} closes ", state.keymap().hint(mode, Action::Close)),
            theme.get("status"),
        )
    } else {
        let mode = state.mode();
        let help = format!(" {} help ", state.keymap().hint(mode, Action::Help));
        // A title that is ours, or a headline that misleads: say where the explanation is.
        match state.brief().filter(|b| !b.meta.flags.is_empty()) {
            Some(_) => (
                format!(" {} about the title ·{help}", state.keymap().hint(mode, Action::About)),
                theme.get("status"),
            ),
            None => (help, theme.get("status")),
        }
    };
    let used: usize = left.iter().map(Span::width).sum();
    let room = width.saturating_sub(used + right.width());
    let middle = match state.message() {
        Some(message) => message.to_owned(),
        None => state
            .brief()
            .map(|b| {
                let flags = flag_markers(b);
                if flags.is_empty() {
                    b.meta.title.clone()
                } else {
                    format!("{flags} {}", b.meta.title)
                }
            })
            .unwrap_or_default(),
    };
    let middle = truncate(&middle, room.saturating_sub(2));
    let pad = room.saturating_sub(middle.width() + 1);
    left.push(Span::styled(
        format!(" {middle}{}", " ".repeat(pad)),
        theme.get("status"),
    ));
    left.push(Span::styled(right, right_style));
    Line::from(left)
}
