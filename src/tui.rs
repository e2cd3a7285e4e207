//! The interactive session: terminal setup and restore, the event loop, config and data folders.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{AppState, Effect, Event};
use crate::corpus::{Corpus, Diagnostic};
use crate::keymap::Keymap;
use crate::store::state::{ReadingState, StateStore};
use crate::store::{BookmarkStore, Loaded};
use crate::theme::{DEFAULT_THEME, Theme};

/// Where config (keymap.toml, config.toml, themes/) and data (state.toml) live.
pub struct Dirs {
    pub config: Option<PathBuf>,
    pub data: Option<PathBuf>,
}

impl Dirs {
    /// `DOSSIER_CONFIG_DIR` / `DOSSIER_DATA_DIR` win; otherwise the platform's usual folders.
    pub fn from_env() -> Dirs {
        let project = directories::ProjectDirs::from("", "", "dossier");
        let pick = |var: &str, fallback: Option<PathBuf>| std::env::var_os(var).map(PathBuf::from).or(fallback);
        Dirs {
            config: pick(
                "DOSSIER_CONFIG_DIR",
                project.as_ref().map(|p| p.config_dir().to_owned()),
            ),
            data: pick("DOSSIER_DATA_DIR", project.as_ref().map(|p| p.data_dir().to_owned())),
        }
    }
}

/// Settings from `config.toml`: `theme = "light"`, `mouse = false`.
pub struct Config {
    pub theme: Option<String>,
    pub mouse: bool,
}

pub fn load_config(dir: Option<&Path>, diagnostics: &mut Vec<Diagnostic>) -> Config {
    let mut config = Config {
        theme: None,
        mouse: true,
    };
    let Some(path) = dir.map(|d| d.join("config.toml")) else {
        return config;
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        return config;
    };
    let shown = path.display().to_string();
    match toml::from_str::<toml::Table>(&text) {
        Ok(table) => {
            for (key, value) in &table {
                match (key.as_str(), value) {
                    ("theme", toml::Value::String(s)) => config.theme = Some(s.clone()),
                    ("mouse", toml::Value::Boolean(b)) => config.mouse = *b,
                    _ => {
                        let line = text
                            .lines()
                            .position(|l| l.trim_start().starts_with(key.as_str()))
                            .map_or(1, |i| i + 1);
                        diagnostics.push(Diagnostic::warning(
                            &shown,
                            (line, 1),
                            format!("unknown or mistyped setting `{key}` (theme = \"name\", mouse = true/false)"),
                        ));
                    }
                }
            }
        }
        Err(e) => {
            let lines = crate::corpus::document::line_starts(&text);
            let position = e
                .span()
                .map_or((1, 1), |s| crate::corpus::document::line_col(&lines, s.start));
            diagnostics.push(Diagnostic::warning(
                &shown,
                position,
                format!("config not loaded: {}", e.message()),
            ));
        }
    }
    config
}

fn restore_terminal() {
    let _ = terminal::disable_raw_mode();
    let _ = execute!(io::stdout(), DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
}

/// Runs the reader until the user quits. The terminal is restored on every way out.
pub fn run(corpus: Corpus, theme_arg: Option<String>) -> anyhow::Result<()> {
    let dirs = Dirs::from_env();
    let mut diagnostics = Vec::new();
    let config = load_config(dirs.config.as_deref(), &mut diagnostics);
    let (keymap, mut more) = Keymap::load(dirs.config.as_deref());
    diagnostics.append(&mut more);
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let names: Vec<String> = Theme::builtin_names().into_iter().map(str::to_owned).collect();
    let mut themes = Vec::new();
    for name in &names {
        let (theme, mut more) = Theme::load(name, dirs.config.as_deref(), no_color);
        diagnostics.append(&mut more);
        themes.push(theme);
    }
    let wanted = theme_arg.or(config.theme).unwrap_or_else(|| DEFAULT_THEME.to_owned());
    let theme_index = match names.iter().position(|n| *n == wanted) {
        Some(i) => i,
        None => {
            diagnostics.push(Diagnostic::warning(
                "--theme",
                (1, 1),
                format!("no theme named `{wanted}` (built in: {})", names.join(", ")),
            ));
            0
        }
    };
    // Bookmarks and reading state live in the data folder; without one they are kept in memory.
    let mut bookmark_store = dirs.data.as_deref().map(BookmarkStore::new);
    let mut state_store = dirs.data.as_deref().map(StateStore::new);
    let mut notices: Vec<String> = Vec::new();
    let (reading, notice) = state_store
        .as_mut()
        .map_or((ReadingState::default(), None), StateStore::load);
    notices.extend(notice);
    let bookmarks = match bookmark_store.as_mut().map(BookmarkStore::load) {
        Some(Loaded::Ok(list)) => list,
        Some(Loaded::MovedAside { reason, to: Some(to) }) => {
            notices.push(format!(
                "bookmarks.toml could not be read ({reason}); it was moved to {} and a new one started",
                to.display()
            ));
            Vec::new()
        }
        Some(Loaded::MovedAside { reason, to: None }) => {
            notices.push(format!(
                "bookmarks.toml could not be read ({reason}); it is left as it is and bookmarks are kept in memory"
            ));
            Vec::new()
        }
        Some(Loaded::Newer { schema }) => {
            notices.push(format!("bookmarks.toml is from a newer dossier (schema {schema}); it is left alone and bookmarks are kept in memory"));
            Vec::new()
        }
        None => {
            notices.push("no data folder: bookmarks are kept in memory only".into());
            Vec::new()
        }
    };
    let open = match &corpus.origin {
        crate::corpus::Origin::File(_) => None,
        _ => reading.last_brief.clone(),
    };
    let mut corpus = corpus;
    corpus.diagnostics.append(&mut diagnostics);

    let size = terminal::size().unwrap_or((80, 24));
    let mut state = AppState::new(corpus, keymap, names, theme_index, size, open.as_deref());
    state.mouse = config.mouse;
    state.set_bookmarks(bookmarks);
    // Derived statistics, key terms and links are computed off the UI thread; the reader is usable
    // at once and the side panel fills in when they arrive.
    let (derived_send, derived) = std::sync::mpsc::channel();
    let snapshot = state.corpus.clone();
    std::thread::spawn(move || {
        let _ = derived_send.send(crate::derive::corpus(&snapshot));
    });
    if !matches!(state.corpus.origin, crate::corpus::Origin::File(_)) {
        state.restore(&reading);
    }
    if state
        .corpus
        .diagnostics
        .iter()
        .any(|d| !d.path.starts_with("briefs") && d.path != "--theme")
    {
        state.message = Some("some settings could not be read: press ! to see them".into());
    }
    if let Some(notice) = notices.into_iter().next() {
        state.message = Some(crate::sanitize::sanitize_line(&notice));
    }

    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }

    let finished = Arc::new(AtomicBool::new(false));
    spawn_watchdog(Arc::clone(&stop), Arc::clone(&finished));

    terminal::enable_raw_mode()?;
    let mut stdout = io::stdout();
    let entered = execute!(stdout, EnterAlternateScreen, cursor::Hide);
    if state.mouse {
        let _ = execute!(stdout, EnableMouseCapture);
    }
    let result = entered
        .map_err(anyhow::Error::from)
        .and_then(|()| event_loop(&mut state, &themes, &stop, bookmark_store.as_ref(), &derived));
    restore_terminal();
    if let Some(store) = &state_store {
        let _ = store.save(&state.reading_state());
    }
    if !state.unsaved_changes().is_empty() {
        eprintln!(
            "dossier: some bookmark changes could not be saved: {}",
            state.message.as_deref().unwrap_or("")
        );
    }
    finished.store(true, Ordering::Relaxed);
    result
}

/// Watches for a stop request (signal) or a terminal that has hung up, independently of the event
/// loop: crossterm's blocking read can spin forever on a dead terminal (crossterm issue #793), so
/// the main thread may never see the request. After a grace period for a clean exit, the watchdog
/// restores the terminal and ends the process.
fn spawn_watchdog(stop: Arc<AtomicBool>, finished: Arc<AtomicBool>) {
    let grace = Duration::from_millis(800);
    std::thread::spawn(move || {
        let mut asked: Option<std::time::Instant> = None;
        loop {
            std::thread::sleep(Duration::from_millis(100));
            if finished.load(Ordering::Relaxed) {
                return;
            }
            if terminal_hung_up() {
                stop.store(true, Ordering::Relaxed);
            }
            if stop.load(Ordering::Relaxed) {
                let since = *asked.get_or_insert_with(std::time::Instant::now);
                if since.elapsed() > grace && !finished.load(Ordering::Relaxed) {
                    restore_terminal();
                    std::process::exit(129);
                }
            }
        }
    });
}

/// True when standard input is a terminal that has hung up (its other end closed).
fn terminal_hung_up() -> bool {
    // SAFETY: isatty only inspects the descriptor.
    if unsafe { libc::isatty(0) } != 1 {
        return false;
    }
    let mut fd = libc::pollfd {
        fd: 0,
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid pollfd and a zero timeout; poll writes only `revents`.
    let ready = unsafe { libc::poll(&mut fd, 1, 0) };
    ready > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

fn event_loop(
    state: &mut AppState,
    themes: &[Theme],
    stop: &AtomicBool,
    bookmarks: Option<&BookmarkStore>,
    derived: &std::sync::mpsc::Receiver<crate::derive::Derivations>,
) -> anyhow::Result<()> {
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let fallback = Theme::load(DEFAULT_THEME, None, false).0;
    loop {
        let theme = themes.get(state.theme).unwrap_or(&fallback);
        terminal.draw(|frame| crate::ui::draw(frame, state, theme))?;
        // Wait for input, waking up to notice signals.
        loop {
            if stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            if let Ok(derivations) = derived.try_recv() {
                state.update(Event::Derived(Box::new(derivations)));
                let theme = themes.get(state.theme).unwrap_or(&fallback);
                terminal.draw(|frame| crate::ui::draw(frame, state, theme))?;
            }
            // While a large brief is still being laid out, idle moments are used for that.
            let pending = state.layout_pending();
            let wait = if pending {
                Duration::from_millis(5)
            } else {
                Duration::from_millis(200)
            };
            if event::poll(wait)? {
                break;
            }
            if pending {
                state.update(Event::Idle);
                let theme = themes.get(state.theme).unwrap_or(&fallback);
                terminal.draw(|frame| crate::ui::draw(frame, state, theme))?;
            }
        }
        // Take everything queued; a burst of resizes becomes one.
        let mut events = Vec::new();
        let mut resize = None;
        loop {
            match event::read()? {
                event::Event::Resize(w, h) => resize = Some((w, h)),
                event::Event::Key(key) if key.kind != event::KeyEventKind::Release => events.push(Event::Key(key)),
                event::Event::Mouse(mouse) => events.push(Event::Mouse(mouse)),
                _ => {}
            }
            if !event::poll(Duration::ZERO)? {
                break;
            }
        }
        if let Some((w, h)) = resize {
            state.update(Event::Resize(w, h));
        }
        for event in events {
            for effect in state.update(event) {
                match effect {
                    Effect::Quit => return Ok(()),
                    Effect::SetMouse(true) => execute!(io::stdout(), EnableMouseCapture)?,
                    Effect::SetMouse(false) => execute!(io::stdout(), DisableMouseCapture)?,
                    Effect::SaveBookmarks(changes) => {
                        let result = match bookmarks {
                            Some(store) => store.save(&changes),
                            None => Err("no data folder".to_owned()),
                        };
                        state.update(Event::BookmarksSaved(result));
                    }
                }
            }
        }
    }
}
