//! The frame's way to the terminal: ratatui's cells as ANSI bytes, written once per frame.
//!
//! ratatui's crossterm backend formats every cell through `fmt` (a command per move, colour and
//! character); on the first screen of a large brief that was a quarter of the time from the
//! event loop's start to the text on screen. This one appends bytes to a buffer: a move only when
//! the next cell is not the one after the last, and one SGR sequence, the whole style from a
//! reset, only when the style changes, where a blank that would look the same in the pen already
//! set keeps it (a first frame of 14 KB is 9 KB so). Crossterm still does everything else (raw
//! mode, input).
//! The text in cells was made safe before it was drawn (see `sanitize`).

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

pub struct AnsiBackend<W: Write> {
    out: W,
    buffer: Vec<u8>,
}

impl<W: Write> AnsiBackend<W> {
    pub fn new(out: W) -> AnsiBackend<W> {
        AnsiBackend {
            out,
            buffer: Vec::with_capacity(1 << 16),
        }
    }

    #[cfg(test)]
    fn written(&self) -> &W {
        &self.out
    }
}

/// The style a cell is drawn in: what the SGR sequence sets.
#[derive(PartialEq, Clone, Copy)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    const PLAIN: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    /// Attributes that show on a blank cell.
    const SHOWN_ON_BLANKS: Modifier = Modifier::REVERSED
        .union(Modifier::UNDERLINED)
        .union(Modifier::CROSSED_OUT);

    /// Whether a blank drawn in this pen looks like one drawn in `other`: the same background,
    /// and neither shows anything else on a blank (the foreground of a blank is not seen).
    fn blank_alike(self, other: Pen) -> bool {
        self.bg == other.bg
            && !self.modifier.intersects(Pen::SHOWN_ON_BLANKS)
            && !other.modifier.intersects(Pen::SHOWN_ON_BLANKS)
    }

    fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            underline: cell.underline_color,
            modifier: cell.modifier,
        }
    }

    /// `ESC [ 0 ; ... m`: from a reset, so attributes never linger from the cell before.
    fn write(self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"\x1b[0");
        const CODES: [(Modifier, &[u8]); 9] = [
            (Modifier::BOLD, b";1"),
            (Modifier::DIM, b";2"),
            (Modifier::ITALIC, b";3"),
            (Modifier::UNDERLINED, b";4"),
            (Modifier::SLOW_BLINK, b";5"),
            (Modifier::RAPID_BLINK, b";6"),
            (Modifier::REVERSED, b";7"),
            (Modifier::HIDDEN, b";8"),
            (Modifier::CROSSED_OUT, b";9"),
        ];
        for (modifier, code) in CODES {
            if self.modifier.contains(modifier) {
                out.extend_from_slice(code);
            }
        }
        colour(out, b";38", self.fg);
        colour(out, b";48", self.bg);
        colour(out, b";58", self.underline);
        out.push(b'm');
    }
}

/// A colour's SGR parameters after `prefix` (38 foreground, 48 background, 58 underline), as
/// crossterm writes them: named colours as their 256-colour index. Reset adds nothing (the
/// sequence starts from a reset).
fn colour(out: &mut Vec<u8>, prefix: &[u8], colour: Color) {
    let index = match colour {
        Color::Reset => return,
        Color::Black => 0,
        Color::Red => 1,
        Color::Green => 2,
        Color::Yellow => 3,
        Color::Blue => 4,
        Color::Magenta => 5,
        Color::Cyan => 6,
        Color::Gray => 7,
        Color::DarkGray => 8,
        Color::LightRed => 9,
        Color::LightGreen => 10,
        Color::LightYellow => 11,
        Color::LightBlue => 12,
        Color::LightMagenta => 13,
        Color::LightCyan => 14,
        Color::White => 15,
        Color::Indexed(i) => i,
        Color::Rgb(r, g, b) => {
            out.extend_from_slice(prefix);
            out.extend_from_slice(b";2");
            for part in [r, g, b] {
                out.push(b';');
                number(out, u16::from(part));
            }
            return;
        }
    };
    out.extend_from_slice(prefix);
    out.extend_from_slice(b";5;");
    number(out, u16::from(index));
}

fn number(out: &mut Vec<u8>, n: u16) {
    let mut digits = [0u8; 5];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        // n % 10 < 10: the cast cannot truncate.
        #[allow(clippy::cast_possible_truncation)]
        let digit = (n % 10) as u8;
        if let Some(d) = digits.get_mut(at) {
            *d = b'0' + digit;
        }
        n /= 10;
        if n == 0 || at == 0 {
            break;
        }
    }
    out.extend_from_slice(digits.get(at..).unwrap_or(&[]));
}

fn move_to(out: &mut Vec<u8>, x: u16, y: u16) {
    out.extend_from_slice(b"\x1b[");
    number(out, y.saturating_add(1));
    out.push(b';');
    number(out, x.saturating_add(1));
    out.push(b'H');
}

impl<W: Write> Backend for AnsiBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let out = &mut self.buffer;
        let mut pen = Pen::PLAIN;
        let mut started = false;
        let mut last: Option<(u16, u16)> = None;
        for (x, y, cell) in content {
            let adjacent = matches!(last, Some((lx, ly)) if ly == y && lx.checked_add(1) == Some(x));
            let wanted = Pen::of(cell);
            let blank = cell.symbol() == " ";
            // A blank shows only its background (and underline or reverse video): a blank in
            // the pen already set looks the same, and saves switching pens back and forth
            // along a row (half the first frame's bytes were such switches).
            last = Some((x, y));
            if started && adjacent && blank && pen.blank_alike(wanted) {
                out.push(b' ');
                continue;
            }
            if !adjacent {
                move_to(out, x, y);
            }
            if !started || wanted != pen {
                wanted.write(out);
                pen = wanted;
                started = true;
            }
            out.extend_from_slice(cell.symbol().as_bytes());
        }
        if started {
            out.extend_from_slice(b"\x1b[0m");
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.buffer.extend_from_slice(b"\x1b[?25l");
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.buffer.extend_from_slice(b"\x1b[?25h");
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        // Only an inline viewport asks; dossier's is fixed. Asking the terminal would mean
        // reading its answer from the input the input thread owns.
        Ok(Position::ORIGIN)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        move_to(&mut self.buffer, x, y);
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.buffer.extend_from_slice(b"\x1b[0m\x1b[2J");
        Ok(())
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let code: &[u8] = match clear_type {
            ClearType::All => b"\x1b[2J",
            ClearType::AfterCursor => b"\x1b[J",
            ClearType::BeforeCursor => b"\x1b[1J",
            ClearType::CurrentLine => b"\x1b[2K",
            ClearType::UntilNewLine => b"\x1b[K",
        };
        self.buffer.extend_from_slice(code);
        Ok(())
    }

    fn size(&self) -> io::Result<Size> {
        let (width, height) = crossterm::terminal::size()?;
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let w = crossterm::terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: w.columns,
                height: w.rows,
            },
            pixels: Size {
                width: w.width,
                height: w.height,
            },
        })
    }

    /// One write per frame (ratatui flushes once a frame is drawn).
    fn flush(&mut self) -> io::Result<()> {
        if !self.buffer.is_empty() {
            self.out.write_all(&self.buffer)?;
            self.buffer.clear();
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::style::{Color, Modifier, Style};
    use ratatui::text::{Line, Span};

    use super::*;

    fn frame(draw: impl FnOnce(&mut ratatui::Frame<'_>)) -> String {
        let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 12, 2));
        let mut terminal = Terminal::with_options(AnsiBackend::new(Vec::new()), ratatui::TerminalOptions { viewport })
            .unwrap_or_else(|e| panic!("{e}"));
        terminal.draw(draw).unwrap_or_else(|e| panic!("{e}"));
        String::from_utf8_lossy(terminal.backend().written()).into_owned()
    }

    #[test]
    fn cells_go_out_with_one_move_per_run_and_a_style_only_when_it_changes() {
        let out = frame(|f| {
            let line = Line::from(vec![
                Span::styled(
                    "ab",
                    Style::default().fg(Color::Rgb(1, 22, 255)).add_modifier(Modifier::BOLD),
                ),
                Span::styled(
                    "c",
                    Style::default().bg(Color::LightCyan).add_modifier(Modifier::ITALIC),
                ),
                Span::raw("d"),
            ]);
            f.render_widget(line, ratatui::layout::Rect::new(2, 1, 8, 1));
        });
        assert_eq!(
            out, "\x1b[2;3H\x1b[0;1;38;2;1;22;255mab\x1b[0;3;48;5;14mc\x1b[0md\x1b[0m\x1b[?25l",
            "{out:?}"
        );
    }

    #[test]
    fn blanks_keep_the_pen_they_find_unless_it_shows_on_them() {
        let border = Style::default().fg(Color::Rgb(76, 86, 106));
        let text = Style::default().fg(Color::Rgb(216, 222, 233));
        let out = frame(|f| {
            let row = Line::from(vec![
                Span::styled("│", border),
                Span::styled(" ", text),
                Span::styled("a", text),
                Span::styled("        ", text),
                Span::styled("│", border),
            ]);
            f.render_widget(row, ratatui::layout::Rect::new(0, 0, 12, 1));
        });
        // The blank after the border stays in its pen, and the blanks after "a" in the text's.
        assert_eq!(
            out,
            "\x1b[1;1H\x1b[0;38;2;76;86;106m│ \x1b[0;38;2;216;222;233ma        \x1b[0;38;2;76;86;106m│\x1b[0m\x1b[?25l",
            "{out:?}"
        );
        // Blanks on a background, or reversed, are spaces in their own pen.
        let out = frame(|f| {
            let row = Line::from(vec![
                Span::raw("x"),
                Span::styled("         ", Style::default().bg(Color::Blue)),
                Span::styled("  ", Style::default().add_modifier(Modifier::REVERSED)),
            ]);
            f.render_widget(row, ratatui::layout::Rect::new(0, 1, 12, 1));
        });
        assert!(out.contains("\x1b[0;48;5;4m         \x1b[0;7m  "), "{out:?}");
    }

    #[test]
    fn a_wide_character_is_followed_by_a_move_past_its_second_column() {
        let out = frame(|f| f.render_widget(Line::from("界x"), ratatui::layout::Rect::new(0, 0, 4, 1)));
        assert!(out.starts_with("\x1b[1;1H\x1b[0m界\x1b[1;3Hx\x1b[0m"), "{out:?}");
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in [0u16, 7, 10, 99, 255, 1000, 65535] {
            let mut out = Vec::new();
            number(&mut out, n);
            assert_eq!(String::from_utf8_lossy(&out), n.to_string());
        }
    }
}
