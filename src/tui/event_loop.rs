//! The event loop, generic over ratatui's `Backend` so tests drive the real loop into a
//! `TestBackend`. Everything that happens arrives on one channel: keys and resizes from the
//! terminal reader thread, derived statistics, save results, signals. The loop sleeps in `recv`
//! when there is nothing to do (no polling), and wakes every few milliseconds only while a large
//! brief is still being laid out.

use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use crossterm::event::{Event as TermEvent, KeyEventKind};
use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::app::{AppState, Effect, Event};
use crate::store::{Change, Now};
use crate::theme::Themes;

/// Something for the loop.
#[derive(Debug)]
pub enum Msg {
    /// From the terminal.
    Terminal(TermEvent),
    /// From a worker thread (derived statistics, a finished save).
    App(Event),
    /// A signal asked dossier to stop.
    Signal(i32),
    /// The terminal can no longer be read.
    InputClosed,
}

/// What the loop needs from the world outside the state.
pub trait Host {
    /// The time, for the events that need it.
    fn now(&self) -> Now;
    fn set_mouse(&mut self, on: bool) -> std::io::Result<()>;
    /// Saves these changes off the UI thread; the result comes back as an event.
    fn save_bookmarks(&mut self, changes: Vec<Change>);
    /// Puts text the user chose on the clipboard.
    fn copy(&mut self, text: &str) -> std::io::Result<()>;
    /// Reads the corpus again off the UI thread; it comes back as `Event::Reloaded(generation)`.
    fn reload(&mut self, generation: u64);
    /// Gives the terminal to the user's editor on `path` at `line` until it exits.
    fn edit(&mut self, path: &std::path::Path, line: usize) -> std::io::Result<()>;
    /// The first screen is drawn: work that waited for it (parsing the rest, deriving) may start.
    /// `open` is the brief on screen.
    fn first_frame(&mut self, open: usize);
}

/// How the loop ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    Signal(i32),
    InputClosed,
}

impl Exit {
    /// The process's exit status: 0, or 128 + the signal.
    pub fn status(self) -> u8 {
        match self {
            Exit::Quit => 0,
            Exit::Signal(s) => u8::try_from(128 + s).unwrap_or(255),
            Exit::InputClosed => u8::try_from(128 + signal_hook::consts::SIGHUP).unwrap_or(255),
        }
    }
}

/// How long the loop waits between layout steps of a large brief.
const LAYOUT_TICK: Duration = Duration::from_millis(5);

/// Runs until the user quits, a signal arrives, or the terminal goes away.
pub fn run<B, H>(
    terminal: &mut Terminal<B>,
    state: &mut AppState,
    themes: &mut Themes,
    messages: &Receiver<Msg>,
    host: &mut H,
) -> anyhow::Result<Exit>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
    H: Host,
{
    let mut first = true;
    loop {
        let problems = themes.load(state.theme());
        state.add_settings_problems(problems);
        let theme = themes.get(state.theme());
        terminal.draw(|frame| crate::ui::draw(frame, state, theme))?;
        if first {
            first = false;
            host.first_frame(state.reader().brief());
            let problems = themes.load_all();
            state.add_settings_problems(problems);
        }
        let first = if state.layout_pending() {
            match messages.recv_timeout(LAYOUT_TICK) {
                Ok(msg) => msg,
                Err(RecvTimeoutError::Timeout) => Msg::App(Event::Idle),
                Err(RecvTimeoutError::Disconnected) => return Ok(Exit::InputClosed),
            }
        } else {
            match messages.recv() {
                Ok(msg) => msg,
                Err(_) => return Ok(Exit::InputClosed),
            }
        };
        // Take everything already queued before drawing again. A burst of resizes is laid out
        // once, but every key in it is handled, in order.
        let mut pending_resize: Option<(u16, u16)> = None;
        for msg in std::iter::once(first).chain(std::iter::from_fn(|| messages.try_recv().ok())) {
            let event = match msg {
                Msg::Signal(signal) => return Ok(Exit::Signal(signal)),
                Msg::InputClosed => return Ok(Exit::InputClosed),
                Msg::Terminal(TermEvent::Resize(w, h)) => {
                    pending_resize = Some((w, h));
                    continue;
                }
                Msg::Terminal(event) => match to_event(event) {
                    Some(event) => event,
                    None => continue,
                },
                Msg::App(event) => event,
            };
            if let Some((w, h)) = pending_resize.take() {
                resize(terminal, state, (w, h), host.now())?;
            }
            let mut effects = state.update(event, host.now());
            while !effects.is_empty() {
                let mut next = Vec::new();
                for effect in effects {
                    match effect {
                        Effect::Quit => return Ok(Exit::Quit),
                        Effect::SetMouse(on) => host.set_mouse(on)?,
                        Effect::SaveBookmarks(changes) => host.save_bookmarks(changes),
                        Effect::Copy(text) => host.copy(&text)?,
                        Effect::Reload(generation) => host.reload(generation),
                        Effect::Edit { path, line } => {
                            let shown = path.display().to_string();
                            let result = host.edit(&path, line);
                            // The editor drew over everything: blank the screen, then make the
                            // last frame blank too, so the next one is drawn whole. (Terminal::clear
                            // would ask the terminal where its cursor is, which not all answer.)
                            terminal.backend_mut().clear_region(ratatui::backend::ClearType::All)?;
                            terminal.draw(|frame| frame.render_widget(ratatui::widgets::Clear, frame.area()))?;
                            if let Err(e) = result {
                                state.notify(&format!("the editor did not finish cleanly: {e}"));
                            }
                            next.extend(state.update(Event::FilesChanged(vec![shown]), host.now()));
                        }
                    }
                }
                effects = next;
            }
        }
        if let Some((w, h)) = pending_resize {
            resize(terminal, state, (w, h), host.now())?;
        }
    }
}

/// A new terminal size: the state lays out for it, and the drawn area (with its two buffers)
/// follows, capped at the largest screen drawn (`geometry::MAX_WIDTH` x `MAX_HEIGHT`).
fn resize<B>(terminal: &mut Terminal<B>, state: &mut AppState, (w, h): (u16, u16), now: Now) -> anyhow::Result<()>
where
    B: Backend,
    B::Error: Send + Sync + 'static,
{
    state.update(Event::Resize(w, h), now);
    let (width, height) = crate::app::geometry::drawn_area(w, h);
    terminal.resize(ratatui::layout::Rect::new(0, 0, width, height))?;
    Ok(())
}

/// A terminal event as the state sees it (key releases and focus changes are dropped).
fn to_event(event: TermEvent) -> Option<Event> {
    match event {
        TermEvent::Key(key) if key.kind != KeyEventKind::Release => Some(Event::Key(key)),
        TermEvent::Mouse(mouse) => Some(Event::Mouse(mouse)),
        TermEvent::Paste(text) => Some(Event::Paste(text)),
        TermEvent::Resize(w, h) => Some(Event::Resize(w, h)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::corpus;

    #[derive(Default)]
    struct Recorder {
        saves: Vec<Vec<Change>>,
        mouse: Vec<bool>,
        copied: Vec<String>,
        reloads: Vec<u64>,
        first_frames: Vec<usize>,
        edits: Vec<(std::path::PathBuf, usize)>,
    }

    impl Host for Recorder {
        fn now(&self) -> Now {
            Now::fixed()
        }

        fn set_mouse(&mut self, on: bool) -> std::io::Result<()> {
            self.mouse.push(on);
            Ok(())
        }

        fn save_bookmarks(&mut self, changes: Vec<Change>) {
            self.saves.push(changes);
        }

        fn copy(&mut self, text: &str) -> std::io::Result<()> {
            self.copied.push(text.to_owned());
            Ok(())
        }

        fn reload(&mut self, generation: u64) {
            self.reloads.push(generation);
        }

        fn edit(&mut self, path: &std::path::Path, line: usize) -> std::io::Result<()> {
            self.edits.push((path.to_owned(), line));
            Ok(())
        }

        fn first_frame(&mut self, open: usize) {
            self.first_frames.push(open);
        }
    }

    fn key(c: char) -> Msg {
        Msg::Terminal(TermEvent::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
    }

    fn enter() -> Msg {
        Msg::Terminal(TermEvent::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)))
    }

    #[test]
    fn the_real_loop_draws_routes_effects_and_quits() {
        let corpus = corpus::load_path(std::path::Path::new("tests/fixtures/valid"));
        let mut state = AppState::for_corpus(corpus, (100, 30));
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        let (tx, rx) = mpsc::channel();
        for msg in [key('j'), key('b'), enter(), key('y'), key('m'), key('q')] {
            tx.send(msg).unwrap();
        }
        let mut host = Recorder::default();
        let mut themes = Themes::of(vec![crate::theme::Theme::load("dark", None, false).0]);
        let exit = run(&mut terminal, &mut state, &mut themes, &rx, &mut host).unwrap();
        assert_eq!(exit, Exit::Quit);
        assert_eq!(exit.status(), 0);
        assert_eq!(host.saves.len(), 1, "the bookmark went to be saved");
        assert_eq!(host.mouse, [false]);
        assert_eq!(
            host.copied,
            ["“The border is long and hard to guard.”\n— Alpha brief, A. Writer, Test Review, 2024-05-01"]
        );
        let screen: String = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .collect();
        assert!(screen.contains("Alpha"), "the brief was drawn");
    }

    /// The loop without themes, recording effects, until it exits.
    fn run_plain(terminal: &mut Terminal<TestBackend>, state: &mut AppState, rx: &mpsc::Receiver<Msg>) -> Exit {
        run(
            terminal,
            state,
            &mut Themes::of(Vec::new()),
            rx,
            &mut Recorder::default(),
        )
        .unwrap()
    }

    #[test]
    fn a_burst_of_resizes_never_swallows_the_key_after_it() {
        let corpus = corpus::load_path(std::path::Path::new("tests/fixtures/valid"));
        let mut state = AppState::for_corpus(corpus, (100, 30));
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        let (tx, rx) = mpsc::channel();
        for n in 0..10 {
            tx.send(Msg::Terminal(TermEvent::Resize(90 + n, 30))).unwrap();
        }
        tx.send(key('q')).unwrap();
        let exit = run_plain(&mut terminal, &mut state, &rx);
        assert_eq!(exit, Exit::Quit);
        assert_eq!(state.size(), (99, 30), "the last size won");
        let (tx, rx) = mpsc::channel();
        tx.send(Msg::Signal(15)).unwrap();
        let exit = run_plain(&mut terminal, &mut state, &rx);
        assert_eq!(exit.status(), 143);
        drop(tx);
        let exit = run_plain(&mut terminal, &mut state, &rx);
        assert_eq!(exit, Exit::InputClosed);
    }
}
