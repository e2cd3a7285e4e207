//! Where each pane goes for a terminal size. Pure arithmetic, shared by `update` (which needs the
//! reader's width to lay text out) and the UI (which draws there).

use super::Focus;

/// Below this the UI shows only a "terminal too small" message.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 5;
/// At and above this width all three panes are shown side by side.
pub const WIDE: u16 = 100;
/// Columns left of the reader's text for claim, statistic and bookmark marks.
pub const GUTTER: u16 = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Area {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Geometry {
    pub too_small: bool,
    /// List and side panel are overlays (shown when focused) rather than columns.
    pub narrow: bool,
    pub list: Option<Area>,
    pub reader: Area,
    pub panel: Option<Area>,
    pub status: Area,
}

impl Geometry {
    pub fn new(width: u16, height: u16, focus: Focus) -> Geometry {
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return Geometry {
                too_small: true,
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
        if width >= WIDE {
            let list_width = (width * 22 / 100).clamp(24, 36);
            let panel_width = (width * 30 / 100).clamp(30, 52);
            let reader_width = width - list_width - panel_width;
            return Geometry {
                too_small: false,
                narrow: false,
                list: Some(Area {
                    x: 0,
                    y: 0,
                    width: list_width,
                    height: body,
                }),
                reader: Area {
                    x: list_width,
                    y: 0,
                    width: reader_width,
                    height: body,
                },
                panel: Some(Area {
                    x: list_width + reader_width,
                    y: 0,
                    width: panel_width,
                    height: body,
                }),
                status,
            };
        }
        let reader = Area {
            x: 0,
            y: 0,
            width,
            height: body,
        };
        let overlay_width = |wanted: u16| wanted.min(width);
        Geometry {
            too_small: false,
            narrow: true,
            list: (focus == Focus::List).then(|| Area {
                x: 0,
                y: 0,
                width: overlay_width(40),
                height: body,
            }),
            reader,
            panel: (focus == Focus::Panel).then(|| {
                let w = overlay_width(52);
                Area {
                    x: width - w,
                    y: 0,
                    width: w,
                    height: body,
                }
            }),
            status,
        }
    }

    /// Columns and rows for the reader's text: inside the border, right of the gutter.
    pub fn reader_text(&self) -> (u16, u16) {
        (
            self.reader.width.saturating_sub(2 + GUTTER).max(1),
            self.reader.height.saturating_sub(2).max(1),
        )
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
    }
}
