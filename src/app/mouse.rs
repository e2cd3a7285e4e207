//! The mouse: the wheel scrolls the pane under it, a click focuses a pane and picks what is under
//! it. Where things are comes from the one hit-test in `geometry`, which the view draws by too.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};

use super::geometry::Hit;
use super::{AppState, Focus, Overlay};
use crate::keymap::Action;

impl AppState {
    pub(super) fn mouse_event(&mut self, mouse: MouseEvent) {
        if !self.mouse || self.prompt.is_some() {
            return;
        }
        if !matches!(
            mouse.kind,
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp | MouseEventKind::Moved
        ) {
            self.settle();
        }
        if let Some(overlay) = &mut self.overlay {
            let down = match mouse.kind {
                MouseEventKind::ScrollDown => Action::Down,
                MouseEventKind::ScrollUp => Action::Up,
                _ => return,
            };
            match overlay {
                Overlay::Search(search) => search.move_by(if down == Action::Down { 1 } else { -1 }),
                _ => {
                    self.overlay_action(down);
                }
            }
            return;
        }
        let hit = self.geometry().hit(mouse.column, mouse.row);
        let pane = match hit {
            Hit::List { .. } | Hit::Frame(Some(Focus::List)) => Focus::List,
            Hit::Panel { .. } | Hit::Frame(Some(Focus::Panel)) => Focus::Panel,
            Hit::Reader { .. } | Hit::Frame(_) => Focus::Reader,
        };
        match mouse.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let down = mouse.kind == MouseEventKind::ScrollDown;
                match pane {
                    Focus::Reader => {
                        self.grow_partial();
                        if let Some(doc) = super::partial::view(&self.corpus, &self.partial, self.reader.brief()) {
                            self.reader.scroll_by(doc, if down { 3 } else { -3 });
                        }
                    }
                    Focus::List => self.list.move_by(if down { 1 } else { -1 }),
                    Focus::Panel => self.panel.move_by(if down { 1 } else { -1 }, self.panel_rows()),
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                match hit {
                    Hit::List { row } => {
                        if let Some(row) = self.list.row_at(row) {
                            self.list.select_row(row);
                        }
                    }
                    Hit::Reader { row } => self.reader.click(row),
                    Hit::Panel { row } => {
                        if let Some(entry) = self.panel.entry_at(row) {
                            self.panel.select(entry);
                        }
                    }
                    Hit::Frame(_) => {}
                }
                if self.focus != pane {
                    self.focus = pane;
                    self.relayout();
                }
            }
            _ => {}
        }
    }
}
