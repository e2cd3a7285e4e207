//! The popups' keys: opening help, problems, the outline, search-all and the corpus views, and
//! what each does with the keys of its own mode.

use crossterm::event::KeyEvent;

use super::keys::typed;
use super::overlay::{OutlineView, TextView};
use super::panel::Piece;
use super::prompt::{Edit, HistoryKind, LineInput};
use super::{AnalysisView, AppState, CorpusSearch, Effect, Overlay};
use crate::corpus::Severity;
use crate::keymap::{Action, Mode};

/// The widest the help, problems and outline popups get.
pub(super) const HELP_WIDTH: u16 = 90;

impl AppState {
    pub(super) fn popup_rows(&self, width: u16) -> usize {
        usize::from(self.geometry().popup(width).inner().height).max(1)
    }

    pub(super) fn open_help(&mut self, mode: Mode) {
        let width = usize::from(self.geometry().popup(HELP_WIDTH).inner().width);
        let lines = help_lines(&self.keymap, mode, width);
        self.overlay = Some(Overlay::Help(TextView::new(lines, self.popup_rows(HELP_WIDTH))));
    }

    pub(super) fn open_problems(&mut self) {
        let width = usize::from(self.geometry().popup(HELP_WIDTH).inner().width);
        let mut lines: Vec<Vec<Piece>> = Vec::new();
        // Not a problem, but worth knowing when reading the panel: whose figures are derived.
        if let Some(note) = self.corpus.unannotated_line() {
            for piece in crate::text::wrap(&format!("{note}."), width) {
                lines.push(vec![("dim", piece)]);
            }
            lines.push(Vec::new());
        }
        let before = lines.len();
        for d in &self.corpus.diagnostics {
            let role = if d.severity == Severity::Error {
                "error"
            } else {
                "warning"
            };
            for piece in crate::text::wrap_hanging(&d.to_string(), width, 4) {
                lines.push(vec![(role, piece)]);
            }
        }
        if lines.len() == before {
            lines.push(vec![(
                "text",
                "No problems: every document and setting loaded cleanly.".to_owned(),
            )]);
        }
        self.overlay = Some(Overlay::Problems(TextView::new(lines, self.popup_rows(HELP_WIDTH))));
    }

    /// `i`: where the brief comes from, and whether its title can be cited as a headline.
    pub(super) fn open_about(&mut self) {
        let Some(brief) = self.brief() else { return };
        let width = usize::from(self.geometry().popup(HELP_WIDTH).inner().width);
        let meta = &brief.meta;
        let mut lines: Vec<Vec<Piece>> = Vec::new();
        let mut push = |role: &'static str, text: &str| {
            for piece in crate::text::wrap(text, width) {
                lines.push(vec![(role, piece)]);
            }
        };
        push("title", &meta.title);
        for flag in &meta.flags {
            push("warning", &format!("{} {}", flag.marker(), flag.explanation()));
        }
        if let Some(byline) = meta.byline() {
            push("dim", &byline);
        }
        push("dim", &format!("{} ({})", brief.path, brief.id));
        if !meta.aliases.is_empty() {
            push("dim", &format!("also known by the ids: {}", meta.aliases.join(", ")));
        }
        push("text", "");
        push("heading3", "About the source");
        match &meta.source_notes {
            Some(notes) => push("text", notes),
            None => push("dim", "No notes on the source."),
        }
        self.overlay = Some(Overlay::About(TextView::new(lines, self.popup_rows(HELP_WIDTH))));
    }

    pub(super) fn open_outline(&mut self) {
        let Some(brief) = self.brief() else { return };
        let headings: Vec<(usize, u8, String)> = brief
            .doc
            .headings()
            .map(|(block, level, text)| (block, level, text.to_owned()))
            .collect();
        if headings.is_empty() {
            self.message = Some("no headings in this brief".into());
            return;
        }
        let cursor = self.reader.cursor();
        let selected = headings.iter().filter(|(b, ..)| *b <= cursor).count().saturating_sub(1);
        let rows = self.popup_rows(HELP_WIDTH);
        self.overlay = Some(Overlay::Outline(OutlineView::new(headings, selected, rows)));
    }

    pub(super) fn open_analysis(&mut self) {
        let mut view = self
            .analysis
            .take()
            .unwrap_or_else(|| Box::new(AnalysisView::new(&self.corpus, self.derived.as_deref())));
        if view.with_derived != self.derived.is_some() {
            view.rebuild(&self.corpus, self.derived.as_deref());
        }
        self.overlay = Some(Overlay::Analysis(view));
    }

    pub(super) fn open_corpus_search(&mut self) {
        // Opens empty: a pre-filled query would be appended to by the first keys typed.
        let rows = usize::from(self.geometry().popup(110).inner().height.saturating_sub(2));
        self.overlay = Some(Overlay::Search(Box::new(CorpusSearch::new(rows))));
    }

    /// Closes the overlay; the corpus views are kept to reopen where they were.
    fn close_overlay(&mut self) {
        if let Some(Overlay::Analysis(view)) = self.overlay.take() {
            self.analysis = Some(view);
        }
    }

    pub(super) fn overlay_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Quit => return vec![Effect::Quit],
            Action::Close => {
                // Out of a cell's links or a row's detail first, one level at a time.
                if let Some(Overlay::Analysis(view)) = &mut self.overlay
                    && view.step_out()
                {
                    return Vec::new();
                }
                self.close_overlay();
                return Vec::new();
            }
            _ => {}
        }
        match &mut self.overlay {
            Some(Overlay::Help(view) | Overlay::Problems(view) | Overlay::About(view)) => {
                view.scroll_by(action);
            }
            Some(Overlay::Outline(view)) => {
                if action == Action::Open {
                    let target = view.target();
                    self.overlay = None;
                    if let Some(block) = target {
                        self.open(self.reader.brief(), Some(block), None);
                    }
                } else {
                    view.move_by(action);
                }
            }
            Some(Overlay::Analysis(_)) => self.analysis_action(action),
            Some(Overlay::Links(view)) => match action {
                Action::Open => self.follow_picked_link(),
                Action::Copy => return self.copy_picked_link(),
                other => {
                    view.list.move_by(other);
                }
            },
            Some(Overlay::Search(_)) | None => {}
        }
        Vec::new()
    }

    fn analysis_action(&mut self, action: Action) {
        let Some(Overlay::Analysis(view)) = &mut self.overlay else {
            return;
        };
        let corpus = &self.corpus;
        let page = isize::try_from(self.size.1 / 2).unwrap_or(10).max(1);
        // While a row is shown whole, the moving keys scroll it.
        if view.detail {
            match action {
                Action::Down => view.detail_scroll += 1,
                Action::Up => view.detail_scroll = view.detail_scroll.saturating_sub(1),
                Action::PageDown | Action::HalfPageDown => view.detail_scroll += page.unsigned_abs(),
                Action::PageUp | Action::HalfPageUp => {
                    view.detail_scroll = view.detail_scroll.saturating_sub(page.unsigned_abs());
                }
                Action::Top => view.detail_scroll = 0,
                Action::Detail => view.toggle_detail(),
                Action::Open => self.open_analysis_entry(),
                _ => {}
            }
            return;
        }
        match action {
            Action::NextTab => view.step_tab(true),
            Action::PrevTab => view.step_tab(false),
            Action::Down => view.move_by(1, corpus),
            Action::Up => view.move_by(-1, corpus),
            Action::PageDown => view.move_by(page, corpus),
            Action::PageUp => view.move_by(-page, corpus),
            Action::HalfPageDown => view.move_by(page / 2, corpus),
            Action::HalfPageUp => view.move_by(-page / 2, corpus),
            Action::Top => view.move_by(isize::MIN / 2, corpus),
            Action::Bottom => view.move_by(isize::MAX / 2, corpus),
            Action::Left => view.move_column(-1),
            Action::Right => view.move_column(1),
            Action::Detail => view.toggle_detail(),
            Action::Sort => {
                view.sort_next(&self.corpus, self.derived.as_deref());
                self.message = Some(format!("statistics sorted by {}", view.sort.name()));
            }
            Action::Open => {
                // A map cell with several links: Enter picks among them first, then opens.
                if view.tab == super::AnalysisTab::Map && view.pick.is_none() && view.cell_links(corpus).len() > 1 {
                    view.pick = Some(0);
                    let keys = format!(
                        "{}/{}",
                        self.keymap.hint(Mode::Analysis, Action::Down),
                        self.keymap.hint(Mode::Analysis, Action::Up)
                    );
                    let open = self.keymap.hint(Mode::Analysis, Action::Open);
                    self.message = Some(format!("{keys} picks a link, {open} opens it"));
                } else {
                    self.open_analysis_entry();
                }
            }
            _ => {}
        }
    }

    pub(super) fn search_key(&mut self, action: Option<Action>, key: KeyEvent) {
        let Some(Overlay::Search(search)) = &mut self.overlay else {
            return;
        };
        let page = isize::try_from(self.size.1 / 2).unwrap_or(10).max(1);
        let mut rerun = false;
        match action {
            Some(Action::Close) => {
                self.histories[HistoryKind::SearchAll.index()].push(search.input.text());
                self.overlay = None;
                return;
            }
            // Handled before this (it quits); never typed into the query.
            Some(Action::Quit) => return,
            Some(Action::Open) => {
                self.histories[HistoryKind::SearchAll.index()].push(search.input.text());
                self.open_corpus_hit();
                return;
            }
            Some(Action::Down) => search.move_by(1),
            Some(Action::Up) => search.move_by(-1),
            Some(Action::PageDown) => search.move_by(page),
            Some(Action::PageUp) => search.move_by(-page),
            Some(Action::NextScope | Action::PrevScope) => {
                search.next_scope(action == Some(Action::NextScope));
                rerun = true;
            }
            Some(Action::ToggleRegex) => {
                search.regex = !search.regex;
                rerun = true;
            }
            _ => {
                // Not a search key: edit the query with the prompt's keys, or type.
                let history = &mut self.histories[HistoryKind::SearchAll.index()];
                let edit = match self.keymap.action(crate::keymap::Mode::Prompt, key) {
                    Some(a @ (Action::HistoryPrev | Action::HistoryNext)) => {
                        match history.browse(a == Action::HistoryPrev, search.input.text()) {
                            Some(entry) => {
                                search.input = LineInput::new(&entry);
                                Edit::Changed
                            }
                            None => Edit::Ignored,
                        }
                    }
                    Some(a) => search.input.apply(a),
                    None => typed(key).map_or(Edit::Ignored, |c| search.input.insert(c)),
                };
                rerun = edit == Edit::Changed;
            }
        }
        if rerun {
            self.run_corpus_search();
        }
    }

    pub(super) fn run_corpus_search(&mut self) {
        let haystack = super::corpus_search::Haystack {
            corpus: &self.corpus,
            bookmarks: self.bookmarks.list(),
            placements: self.bookmarks.placements(),
        };
        if let Some(Overlay::Search(search)) = &mut self.overlay {
            search.run(&haystack);
        }
    }
}

/// Help for `mode` first, then every other mode: keys right-aligned in a column, descriptions
/// wrapped with a hanging indent.
fn help_lines(keymap: &crate::keymap::Keymap, mode: Mode, width: usize) -> Vec<Vec<Piece>> {
    let sections = keymap.help(mode);
    let keys_width = sections
        .iter()
        .flat_map(|(_, rows)| {
            rows.iter()
                .map(|(k, _)| unicode_width::UnicodeWidthStr::width(k.as_str()))
        })
        .max()
        .unwrap_or(8)
        .min(width / 3)
        .max(4);
    let mut lines = Vec::new();
    for (n, (title, rows)) in sections.into_iter().enumerate() {
        if n > 0 {
            lines.push(Vec::new());
        }
        let heading = if n == 0 {
            format!("{title} (here)")
        } else {
            title.to_owned()
        };
        lines.push(vec![("heading3", heading)]);
        for (keys, description) in rows {
            let keys_shown = crate::text::truncate(&keys, keys_width);
            let pad = keys_width.saturating_sub(unicode_width::UnicodeWidthStr::width(keys_shown.as_str()));
            let wrapped = crate::text::wrap_hanging(&description, width.saturating_sub(keys_width + 2), 0);
            for (i, piece) in wrapped.into_iter().enumerate() {
                let lead = if i == 0 {
                    format!("{}{keys_shown}  ", " ".repeat(pad))
                } else {
                    " ".repeat(keys_width + 2)
                };
                let role = if i == 0 { "marker" } else { "text" };
                lines.push(vec![(role, lead), ("text", piece)]);
            }
        }
    }
    lines
}
