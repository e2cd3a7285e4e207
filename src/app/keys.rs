//! Routing: a key becomes an action of the mode it was pressed in, and goes to the part that owns
//! that mode: a pane (list, reader, panel), a prompt, or a popup (`overlays`).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::prompt::{Edit, LineInput, Prompt, PromptKind};
use super::{AppState, Effect, Focus, Overlay, Tab};
use crate::keymap::{Action, Mode};
use crate::store::Now;

impl AppState {
    pub(super) fn key(&mut self, key: KeyEvent, now: Now) -> Vec<Effect> {
        self.message = None;
        let mode = self.mode();
        let action = self.keymap.action(mode, key);
        // Only moving works on part of a large brief; anything else waits for the whole.
        let moving = matches!(
            action,
            Some(
                Action::Down
                    | Action::Up
                    | Action::Top
                    | Action::Bottom
                    | Action::HalfPageDown
                    | Action::HalfPageUp
                    | Action::PageDown
                    | Action::PageUp
                    | Action::Quit
                    | Action::FocusNext
                    | Action::FocusPrev
                    | Action::Help
                    | Action::Zoom
            )
        );
        if !moving {
            self.settle();
        }
        match mode {
            Mode::Search if action == Some(Action::Quit) => vec![Effect::Quit],
            Mode::Search => {
                self.search_key(action, key);
                Vec::new()
            }
            Mode::Prompt => self.prompt_key(action, key, now),
            Mode::Visual => action.map_or_else(Vec::new, |a| self.visual_action(a)),
            Mode::Help | Mode::Outline | Mode::Problems | Mode::About | Mode::Analysis | Mode::Links => {
                action.map_or_else(Vec::new, |a| self.overlay_action(a))
            }
            Mode::Normal | Mode::List | Mode::Reader | Mode::Panel => {
                action.map_or_else(Vec::new, |a| self.pane_action(mode, a))
            }
        }
    }

    /// Actions in the main view, whichever pane has focus.
    fn pane_action(&mut self, mode: Mode, action: Action) -> Vec<Effect> {
        match action {
            Action::Quit => return vec![Effect::Quit],
            Action::Help => self.open_help(mode),
            Action::Diagnostics => self.open_problems(),
            Action::About => self.open_about(),
            Action::SearchAll => self.open_corpus_search(),
            Action::Analysis => self.open_analysis(),
            Action::Outline => self.open_outline(),
            Action::FocusNext | Action::FocusPrev => self.cycle_focus(action == Action::FocusNext),
            Action::NextTab | Action::PrevTab => self.panel.step_tab(action == Action::NextTab),
            Action::ShowBookmarks => self.show_bookmarks(),
            Action::Bookmark => self.start_bookmark(),
            Action::Select => self.start_selection(),
            Action::EditNote => self.edit_note(),
            Action::Delete => return self.delete_bookmark(),
            Action::Undo => return self.undo_delete(),
            Action::Reattach => return self.reattach(),
            Action::Copy => return self.copy(),
            Action::Edit => return self.edit(),
            Action::FollowLink => self.follow_passage_link(),
            Action::NextTheme => self.next_theme(),
            Action::WidenList | Action::NarrowList | Action::WidenPanel | Action::NarrowPanel | Action::Zoom => {
                self.resize_panes(action);
            }
            Action::ToggleMouse => return self.toggle_mouse(),
            Action::Back => self.jump_back(),
            Action::Forward => self.jump_forward(),
            Action::Close => self.close_in_pane(),
            Action::Search => self.open_prompt(PromptKind::Search, ""),
            Action::Filter => {
                let filter = self.list.filter().to_owned();
                self.open_prompt(PromptKind::Filter, &filter);
            }
            Action::NextMatch | Action::PrevMatch => self.search_step(action == Action::NextMatch),
            Action::AllCorpora => {
                self.panel.set_tab(Tab::Bookmarks);
                self.bookmarks.toggle_all();
                self.message = Some(if self.bookmarks.all() {
                    "Bookmarks: every corpus's, grouped by corpus".into()
                } else {
                    "Bookmarks: this corpus's".into()
                });
            }
            Action::Sort if self.focus == Focus::Panel && self.panel.tab() == Tab::Bookmarks => {
                self.bookmarks.toggle_order();
                let order = if self.bookmarks.by_brief() {
                    "by brief"
                } else {
                    "newest first"
                };
                self.message = Some(format!("bookmarks: {order}"));
            }
            motion => match self.focus {
                Focus::List => self.list_action(motion),
                Focus::Reader => self.reader_action(motion),
                Focus::Panel => self.panel_action(motion),
            },
        }
        Vec::new()
    }

    fn cycle_focus(&mut self, forward: bool) {
        let order = [Focus::List, Focus::Reader, Focus::Panel];
        let i = order.iter().position(|f| *f == self.focus).unwrap_or(1);
        self.focus = order[if forward { (i + 1) % 3 } else { (i + 2) % 3 }];
        self.relayout();
    }

    fn show_bookmarks(&mut self) {
        self.panel.set_tab(Tab::Bookmarks);
        self.focus = Focus::Panel;
        self.relayout();
    }

    fn resize_panes(&mut self, action: Action) {
        match action {
            Action::Zoom => {
                self.sizes.zoom = !self.sizes.zoom;
                self.message = Some(
                    if self.sizes.zoom {
                        "the reader alone"
                    } else {
                        "all three panes"
                    }
                    .into(),
                );
            }
            other => {
                let list = matches!(other, Action::WidenList | Action::NarrowList);
                let wider = matches!(other, Action::WidenList | Action::WidenPanel);
                self.sizes.adjust(list, wider);
                if self.geometry().narrow {
                    self.message = Some(format!(
                        "pane widths apply from {} columns up (and not while zoomed)",
                        super::geometry::WIDE
                    ));
                }
            }
        }
        self.relayout();
    }

    fn next_theme(&mut self) {
        if !self.themes.is_empty() {
            self.theme_chosen = true;
            self.theme = (self.theme + 1) % self.themes.len();
            self.message = self.themes.get(self.theme).map(|n| format!("theme: {n}"));
        }
    }

    fn toggle_mouse(&mut self) -> Vec<Effect> {
        self.mouse = !self.mouse;
        self.message = Some(
            if self.mouse {
                "mouse on: wheel scrolls, click selects"
            } else {
                "mouse off: the terminal selects text"
            }
            .into(),
        );
        vec![Effect::SetMouse(self.mouse)]
    }

    /// `Esc` in a pane: one level at a time.
    fn close_in_pane(&mut self) {
        let narrow = self.geometry().narrow;
        match self.focus {
            Focus::List if !self.list.filter().is_empty() => self.list.set_filter(&self.corpus, ""),
            Focus::List | Focus::Panel if narrow => {
                self.focus = Focus::Reader;
                self.relayout();
            }
            _ => {
                self.find = super::Find::default();
                self.trail = None;
                self.reader.set_highlight(None);
            }
        }
    }

    fn list_action(&mut self, action: Action) {
        let page = isize::try_from(self.geometry().list_capacity()).unwrap_or(1);
        match action {
            Action::Down => self.list.move_by(1),
            Action::Up => self.list.move_by(-1),
            Action::Top => self.list.move_by(isize::MIN),
            Action::Bottom => self.list.select_last(),
            Action::HalfPageDown | Action::PageDown => self.list.move_by(page),
            Action::HalfPageUp | Action::PageUp => self.list.move_by(-page),
            Action::Open => self.open_selected_brief(),
            _ => {}
        }
    }

    fn reader_action(&mut self, action: Action) {
        if (action == Action::Bottom && self.partial_bottom()) || (action == Action::Top && self.partial_top()) {
            return;
        }
        self.grow_partial();
        let Some(doc) = super::partial::view(&self.corpus, &self.partial, self.reader.brief()) else {
            return;
        };
        match action {
            Action::Down => self.reader.move_cursor(doc, true),
            Action::Up => self.reader.move_cursor(doc, false),
            Action::Top => self.reader.top(doc),
            Action::Bottom => self.reader.bottom(doc),
            Action::HalfPageDown => self.reader.scroll_by(doc, self.reader.half_page()),
            Action::HalfPageUp => self.reader.scroll_by(doc, -self.reader.half_page()),
            Action::PageDown => self.reader.scroll_by(doc, self.reader.page()),
            Action::PageUp => self.reader.scroll_by(doc, -self.reader.page()),
            _ => {}
        }
    }

    fn panel_action(&mut self, action: Action) {
        let rows = self.panel_rows();
        let half = isize::try_from(rows / 2).unwrap_or(1).max(1);
        let delta = match action {
            Action::Down => 1,
            Action::Up => -1,
            Action::HalfPageDown | Action::PageDown => half,
            Action::HalfPageUp | Action::PageUp => -half,
            Action::Top => isize::MIN / 2,
            Action::Bottom => isize::MAX / 2,
            Action::Open => {
                self.activate_item();
                return;
            }
            _ => return,
        };
        self.panel.move_by(delta, rows);
    }

    /// Rows the side panel shows (also when it is an overlay that is not open now).
    pub(super) fn panel_rows(&self) -> usize {
        let g = self.geometry();
        g.panel
            .or(self.panel_geometry().panel)
            .map_or(1, |a| usize::from(a.inner().height))
            .max(1)
    }

    // Prompts.

    pub(super) fn open_prompt(&mut self, kind: PromptKind, text: &str) {
        self.histories[kind.history().index()].stop_browsing();
        self.prompt = Some(Prompt {
            kind,
            input: LineInput::new(text),
            from: self.here(),
        });
    }

    fn prompt_key(&mut self, action: Option<Action>, key: KeyEvent, now: Now) -> Vec<Effect> {
        let Some(prompt) = self.prompt.as_mut() else {
            return Vec::new();
        };
        let history = &mut self.histories[prompt.kind.history().index()];
        let edit = match action {
            Some(Action::Submit) => return self.submit_prompt(now),
            Some(Action::Cancel) => {
                self.cancel_prompt();
                return Vec::new();
            }
            Some(Action::HistoryPrev | Action::HistoryNext) => {
                match history.browse(action == Some(Action::HistoryPrev), prompt.input.text()) {
                    Some(entry) => {
                        prompt.input = LineInput::new(&entry);
                        Edit::Changed
                    }
                    None => Edit::Ignored,
                }
            }
            Some(Action::ToggleTextFilter) if prompt.kind == PromptKind::Filter => {
                self.list.toggle_in_text(&self.corpus);
                Edit::Ignored
            }
            Some(other) => prompt.input.apply(other),
            None => typed(key).map_or(Edit::Ignored, |c| prompt.input.insert(c)),
        };
        if edit == Edit::Changed {
            self.prompt_changed();
        }
        Vec::new()
    }

    pub(super) fn paste(&mut self, text: &str) {
        if let Some(Overlay::Search(search)) = &mut self.overlay {
            if search.input.paste(text) == Edit::Changed {
                self.run_corpus_search();
            }
        } else if let Some(prompt) = &mut self.prompt
            && prompt.input.paste(text) == Edit::Changed
        {
            self.prompt_changed();
        }
    }

    /// Filter and search prompts act as you type.
    fn prompt_changed(&mut self) {
        let Some(prompt) = &self.prompt else { return };
        let text = prompt.input.text().to_owned();
        match prompt.kind {
            PromptKind::Filter => self.list.set_filter(&self.corpus, &text),
            PromptKind::Search => self.set_search(&text),
            PromptKind::Note(_) => {}
        }
    }

    fn cancel_prompt(&mut self) {
        let Some(prompt) = self.prompt.take() else { return };
        match prompt.kind {
            PromptKind::Filter => self.list.set_filter(&self.corpus, ""),
            PromptKind::Search => {
                self.find = super::Find::default();
                self.reader.set_highlight(None);
                // Back to where the search started, as the matches typed moved the reader.
                self.go_to(prompt.from, None);
            }
            _ => self.message = Some("cancelled".into()),
        }
    }

    fn submit_prompt(&mut self, now: Now) -> Vec<Effect> {
        let Some(prompt) = self.prompt.take() else {
            return Vec::new();
        };
        let text = prompt.input.text().to_owned();
        let history = &mut self.histories[prompt.kind.history().index()];
        match prompt.kind {
            PromptKind::Filter => {
                history.push(&text);
                self.open_selected_brief();
            }
            PromptKind::Search => {
                // An empty search repeats the last one.
                let query = if text.is_empty() {
                    history.last().unwrap_or("").to_owned()
                } else {
                    text
                };
                history.push(&query);
                if query != self.find.query() {
                    self.set_search(&query);
                }
                if self.find.is_active() && self.find.matches().is_empty() {
                    self.message = Some(format!("no match for \"{query}\""));
                }
                // The search is a jump: `Ctrl-o` goes back to where `/` was pressed.
                self.history.jumped(prompt.from, self.here());
            }
            PromptKind::Note(target) => {
                history.push(&text);
                return self.submit_note(&text, target, now);
            }
        }
        Vec::new()
    }
}

/// A typed character: a key with no modifier but Shift.
pub(super) fn typed(key: KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => Some(c),
        _ => None,
    }
}
