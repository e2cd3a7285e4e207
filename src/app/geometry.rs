//! Where each pane and popup goes for a terminal size, and what is under a given cell. Pure
//! arithmetic, shared by `update` (to lay text out, keep selections in view, and answer mouse
//! clicks) and the UI (to draw there): the view and the mouse cannot disagree.

use super::Focus;

/// Below this the UI shows only a "terminal too small" message.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// The largest screen drawn. A screen buffer holds every cell twice (this frame and the last),
/// about 80 bytes a cell: 1000x400 is about 32 MB; a 65535x65535 window would ask for hundreds of
/// gigabytes. Past this, only a message is drawn, in a small corner.
pub const MAX_WIDTH: u16 = 1000;
pub const MAX_HEIGHT: u16 = 400;

/// The part of a `width` x `height` terminal that is drawn: all of it, or past the largest screen
/// a corner big enough for the message that says so.
pub fn drawn_area(width: u16, height: u16) -> (u16, u16) {
    if width > MAX_WIDTH || height > MAX_HEIGHT {
        (width.min(80), height.min(3))
    } else {
        (width, height)
    }
}
/// At and above this width all three panes are shown side by side.
pub const WIDE: u16 = 100;
/// Columns left of the reader's text for claim, statistic and bookmark marks.
pub const GUTTER: u16 = 3;
/// Rows the brief list gives each brief: title, details, gap.
pub const LIST_ROWS_PER_BRIEF: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Area {
    pub fn contains(&self, column: u16, row: u16) -> bool {
        column >= self.x && column - self.x < self.width && row >= self.y && row - self.y < self.height
    }

    /// The area inside a one-cell border.
    pub fn inner(&self) -> Area {
        Area {
            x: self.x.saturating_add(1),
            y: self.y.saturating_add(1),
            width: self.width.saturating_sub(2),
            height: self.height.saturating_sub(2),
        }
    }
}

/// What sits under a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// Row `row` inside the list's border.
    List { row: usize },
    /// Row `row` of the reader's text area.
    Reader { row: usize },
    /// Row `row` inside the side panel's border.
    Panel { row: usize },
    /// A pane's border or title, the status bar, or nothing.
    Frame(Option<Focus>),
}

/// What the reader chose about the panes: the side panes' widths (percent of the terminal), the
/// reader alone (zoom), and the widest a line of text may be (its measure).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub list: u16,
    pub panel: u16,
    pub zoom: bool,
    pub measure: u16,
}

impl Sizes {
    /// These sizes with the pane widths and zoom saved at the last exit (kept in range).
    pub fn restored(self, panes: Option<&crate::store::state::Panes>) -> Sizes {
        match panes {
            Some(p) => Sizes {
                list: p.list.clamp(10, 45),
                panel: p.panel.clamp(10, 45),
                zoom: p.zoom,
                ..self
            },
            None => self,
        }
    }
}

impl Default for Sizes {
    fn default() -> Sizes {
        Sizes {
            list: 22,
            panel: 30,
            zoom: false,
            measure: 100,
        }
    }
}

impl Sizes {
    /// Side panes between 10% and 45% of the terminal, in steps of 2.
    pub fn adjust(&mut self, list: bool, wider: bool) {
        let pane = if list { &mut self.list } else { &mut self.panel };
        *pane = if wider { *pane + 2 } else { pane.saturating_sub(2) }.clamp(10, 45);
    }
}

/// The narrowest the reader gets between the side panes.
const READER_MIN: u16 = 40;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Geometry {
    pub too_small: bool,
    /// Larger than [`MAX_WIDTH`] x [`MAX_HEIGHT`]: nothing but a message is drawn.
    pub too_large: bool,
    /// List and side panel are overlays (shown when focused) rather than columns.
    pub narrow: bool,
    pub list: Option<Area>,
    pub reader: Area,
    pub panel: Option<Area>,
    pub status: Area,
    /// The whole screen, for popups.
    pub screen: Area,
    /// The widest a line of the reader's text may be.
    pub measure: u16,
}

impl Geometry {
    pub fn new(width: u16, height: u16, focus: Focus) -> Geometry {
        Geometry::with_sizes(width, height, focus, Sizes::default())
    }

    pub fn with_sizes(width: u16, height: u16, focus: Focus, sizes: Sizes) -> Geometry {
        let screen = Area {
            x: 0,
            y: 0,
            width,
            height,
        };
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return Geometry {
                too_small: true,
                screen,
                ..Geometry::default()
            };
        }
        if width > MAX_WIDTH || height > MAX_HEIGHT {
            return Geometry {
                too_large: true,
                screen,
                ..Geometry::default()
            };
        }
        let body = height - 1;
        let status = Area {
            x: 0,
            y: body,
            width,
            height: 1,
        };
        let column = |x: u16, width: u16| Area {
            x,
            y: 0,
            width,
            height: body,
        };
        let measure = sizes.measure.max(20);
        if width >= WIDE && !sizes.zoom {
            let share = |percent: u16| u16::try_from(u32::from(width) * u32::from(percent) / 100).unwrap_or(width);
            let mut list_width = share(sizes.list).max(16);
            let mut panel_width = share(sizes.panel).max(24);
            // The reader keeps at least its minimum: the side panes give way, the list first.
            let over = (list_width + panel_width + READER_MIN).saturating_sub(width);
            let from_list = over.min(list_width.saturating_sub(16));
            list_width -= from_list;
            panel_width -= (over - from_list).min(panel_width.saturating_sub(24));
            let reader_width = width.saturating_sub(list_width + panel_width);
            return Geometry {
                too_small: false,
                too_large: false,
                narrow: false,
                list: Some(column(0, list_width)),
                reader: column(list_width, reader_width),
                panel: Some(column(list_width + reader_width, panel_width)),
                status,
                screen,
                measure,
            };
        }
        // Below the width for three panes, the list and the panel take the whole width while
        // open: a half-covered reader would show only the ends of its lines.
        // Zoomed, the same happens at any width.
        Geometry {
            too_small: false,
            too_large: false,
            narrow: true,
            list: (focus == Focus::List).then(|| column(0, width)),
            reader: column(0, width),
            panel: (focus == Focus::Panel).then(|| column(0, width)),
            status,
            screen,
            measure,
        }
    }

    /// The reader's text: inside the border, right of the gutter, at most the measure wide and
    /// centred in the pane when the pane is wider.
    pub fn reader_text(&self) -> Area {
        let inner = self.reader.inner();
        let room = inner.width.saturating_sub(GUTTER).max(1);
        let width = room.min(self.measure.max(1));
        Area {
            x: inner.x.saturating_add(GUTTER).saturating_add((room - width) / 2),
            width,
            height: inner.height.max(1),
            ..inner
        }
    }

    /// How many briefs the list shows at once.
    pub fn list_capacity(&self) -> usize {
        self.list
            .map_or(1, |a| usize::from(a.inner().height) / LIST_ROWS_PER_BRIEF)
            .max(1)
    }

    /// Rows inside the side panel's border.
    pub fn panel_rows(&self) -> usize {
        self.panel.map_or(1, |a| usize::from(a.inner().height)).max(1)
    }

    /// A popup centred at the top of the screen, at most `max_width` wide, leaving the status bar.
    /// When it would leave only a sliver of the panes beside it, it takes the whole width.
    pub fn popup(&self, max_width: u16) -> Area {
        let width = self.screen.width.saturating_sub(4).clamp(1, max_width.max(1));
        if width + 16 > self.screen.width {
            return self.body();
        }
        Area {
            x: (self.screen.width.saturating_sub(width)) / 2,
            y: 1.min(self.screen.height),
            width,
            height: self.screen.height.saturating_sub(3).max(1),
        }
    }

    /// Everything above the status bar: what a popup covers, so nothing cut shows beside it.
    pub fn body(&self) -> Area {
        Area {
            height: self.screen.height.saturating_sub(1).max(1),
            ..self.screen
        }
    }

    /// The corpus views' popup: the whole body.
    pub fn analysis(&self) -> Area {
        self.body()
    }

    /// What is under the cell at (`column`, `row`). Overlaid panes (list, panel) are on top.
    pub fn hit(&self, column: u16, row: u16) -> Hit {
        let inside = |area: Area| area.contains(column, row).then(|| usize::from(row - area.y));
        for (pane, focus) in [(self.panel, Focus::Panel), (self.list, Focus::List)] {
            let Some(area) = pane else { continue };
            if area.contains(column, row) {
                return match (inside(area.inner()), focus) {
                    (Some(row), Focus::List) => Hit::List { row },
                    (Some(row), _) => Hit::Panel { row },
                    (None, _) => Hit::Frame(Some(focus)),
                };
            }
        }
        let text = self.reader_text();
        if self.reader.inner().contains(column, row) && row >= text.y {
            return Hit::Reader {
                row: usize::from(row - text.y),
            };
        }
        Hit::Frame(self.reader.contains(column, row).then_some(Focus::Reader))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_get_three_columns_narrow_ones_overlays() {
        let g = Geometry::new(160, 48, Focus::Reader);
        let (list, panel) = (g.list.unwrap(), g.panel.unwrap());
        assert_eq!(list.width + g.reader.width + panel.width, 160);
        assert!(!g.narrow);
        let g = Geometry::new(80, 24, Focus::Reader);
        assert!(g.narrow && g.list.is_none() && g.panel.is_none());
        assert_eq!(g.reader.width, 80);
        let g = Geometry::new(80, 24, Focus::Panel);
        assert_eq!(g.panel.unwrap().x + g.panel.unwrap().width, 80);
        assert!(Geometry::new(19, 24, Focus::Reader).too_small);
        assert!(Geometry::new(80, 4, Focus::Reader).too_small);
        let huge = Geometry::new(u16::MAX, u16::MAX, Focus::Reader);
        assert!(huge.too_large && huge.reader.height == 0 && huge.list.is_none());
        assert!(!Geometry::new(MAX_WIDTH, MAX_HEIGHT, Focus::Reader).too_large);
        assert_eq!(drawn_area(u16::MAX, u16::MAX), (80, 3));
        assert_eq!(drawn_area(MAX_WIDTH, MAX_HEIGHT), (MAX_WIDTH, MAX_HEIGHT));
    }

    #[test]
    fn pane_sizes_and_zoom_and_a_measure_centred_in_wide_panes() {
        let mut sizes = Sizes::default();
        let g = Geometry::with_sizes(220, 60, Focus::Reader, sizes);
        assert_eq!(g.reader_text().width, 100, "text capped at its measure");
        let room = g.reader.inner().width - GUTTER;
        assert_eq!(
            g.reader_text().x,
            g.reader.x + 1 + GUTTER + (room - 100) / 2,
            "and centred"
        );
        sizes.adjust(true, true);
        sizes.adjust(false, false);
        assert_eq!((sizes.list, sizes.panel), (24, 28));
        for _ in 0..30 {
            sizes.adjust(true, true);
            sizes.adjust(false, true);
        }
        assert_eq!((sizes.list, sizes.panel), (45, 45), "bounded");
        let g = Geometry::with_sizes(120, 40, Focus::Reader, sizes);
        assert!(g.reader.width >= READER_MIN, "the reader keeps its minimum: {g:?}");
        sizes.zoom = true;
        let g = Geometry::with_sizes(220, 60, Focus::Reader, sizes);
        assert!(g.list.is_none() && g.panel.is_none() && g.reader.width == 220);
    }

    #[test]
    fn one_hit_test_names_the_pane_and_the_row_inside_it() {
        let g = Geometry::new(160, 48, Focus::Reader);
        let list = g.list.unwrap();
        assert_eq!(g.hit(2, 1), Hit::List { row: 0 });
        assert_eq!(g.hit(2, 7), Hit::List { row: 6 });
        assert_eq!(g.hit(2, 0), Hit::Frame(Some(Focus::List)), "the border is not a row");
        let text = g.reader_text();
        assert_eq!(text.x, list.width + 1 + GUTTER);
        assert_eq!(g.hit(text.x, text.y + 3), Hit::Reader { row: 3 });
        assert_eq!(
            g.hit(text.x - 1, text.y + 3),
            Hit::Reader { row: 3 },
            "the gutter is its row"
        );
        let panel = g.panel.unwrap();
        assert_eq!(g.hit(panel.x + 2, 2), Hit::Panel { row: 1 });
        assert_eq!(g.hit(5, 47), Hit::Frame(None), "the status bar");
        // Narrow: the list overlay covers the reader.
        let g = Geometry::new(80, 24, Focus::List);
        assert_eq!(g.hit(3, 4), Hit::List { row: 3 });
        assert_eq!(g.hit(60, 4), Hit::List { row: 3 }, "the whole width");
        assert_eq!(g.popup(90).width, 80, "no sliver of text beside a popup");
        assert_eq!(Geometry::new(160, 48, Focus::Reader).popup(90).width, 90);
        assert_eq!(g.list_capacity(), 7);
    }
}
