//! The interactive session: read the settings and saved state, start the helpers (the terminal
//! reader, derivation, the saver, signals, a watchdog), run the event loop, and give everything
//! back on the way out: the terminal, the reading state, and every bookmark change.

mod backend;
mod editor;
mod event_loop;
mod input;
mod saver;
mod terminal;
mod watch;

use std::sync::mpsc::{self, Sender};

use ratatui::Terminal;

pub use event_loop::{Exit, Host, Msg, run as run_loop};

use crate::app::{AppState, Event, Setup};
use crate::corpus::{Category, Corpus, Diagnostic, Origin};
use crate::keymap::Keymap;
use crate::settings::{Config, Dirs};
use crate::store::state::{ReadingState, StateStore};
use crate::store::{BookmarkStore, Change, Loaded, Now};
use crate::theme::{DEFAULT_THEME, Theme, Themes};

/// What the command line chose.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--theme NAME`, already checked to exist.
    pub theme: Option<String>,
}

/// The theme names dossier knows (built in, and any `.toml` in the config folder's `themes/`), and
/// what is wrong with that folder (a file or a FIFO where it should be).
pub fn theme_names(config_dir: Option<&std::path::Path>) -> (Vec<String>, Vec<Diagnostic>) {
    let mut names: Vec<String> = Theme::builtin_names().into_iter().map(str::to_owned).collect();
    let mut diagnostics = Vec::new();
    let Some(dir) = config_dir.map(|d| d.join("themes")) else {
        return (names, diagnostics);
    };
    match std::fs::metadata(&dir) {
        Ok(m) if m.is_dir() => {}
        Ok(m) => {
            diagnostics.push(
                Diagnostic::warning(
                    &dir.display().to_string(),
                    (1, 1),
                    format!(
                        "it is {}, not a folder of themes; only the built-in themes are offered",
                        crate::read::kind_of(m.file_type())
                    ),
                )
                .about(Category::Theme),
            );
            return (names, diagnostics);
        }
        Err(_) => return (names, diagnostics),
    }
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut more: Vec<String> = entries
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
            .filter_map(|e| e.path().file_stem()?.to_str().map(str::to_owned))
            .filter(|n| !names.contains(n))
            .collect();
        more.sort();
        names.extend(more);
    }
    (names, diagnostics)
}

struct Session {
    state: AppState,
    themes: Themes,
    config: Config,
    bookmarks: Option<BookmarkStore>,
    reading: Option<StateStore>,
    /// Changes to save as soon as the saver runs (bookmarks that found their corpus).
    pending: Vec<Change>,
}

/// Reads settings and saved state, and builds the reader's state for a terminal of `size`.
fn prepare(corpus: Corpus, options: Options, dirs: &Dirs, size: (u16, u16)) -> Session {
    let mut diagnostics = Vec::new();
    let config = crate::settings::load_config(dirs.config.as_deref(), &mut diagnostics);
    let (keymap, mut more) = Keymap::load(dirs.config.as_deref());
    diagnostics.append(&mut more);
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let (names, mut more) = theme_names(dirs.config.as_deref());
    diagnostics.append(&mut more);
    let identity = corpus.origin.identity();
    let mut notices: Vec<String> = Vec::new();
    let mut reading_store = dirs.data.as_deref().map(|d| StateStore::new(d, &identity));
    let (reading, notice) = reading_store
        .as_mut()
        .map_or((ReadingState::default(), None), StateStore::load);
    // What went wrong with a data file is shown now and kept under `!` with its path.
    let data_problem = |file: &str, notice: &str| {
        let path = dirs.data.as_deref().map(|d| d.join(file)).unwrap_or_default();
        Diagnostic::warning(&path.display().to_string(), (1, 1), notice).about(Category::Data)
    };
    diagnostics.extend(notice.iter().map(|n| data_problem("state.toml", n)));
    notices.extend(notice);
    // The command line wins, then the theme last chosen with `t`, then config.toml.
    let saved_theme = reading.theme.clone().filter(|t| names.contains(t));
    let wanted = options.theme.clone().or(saved_theme).or(config.theme.clone());
    let theme = match wanted.as_deref().map(|w| (w, names.iter().position(|n| n == w))) {
        None => names.iter().position(|n| n == DEFAULT_THEME).unwrap_or(0),
        Some((_, Some(i))) => i,
        Some((w, None)) => {
            let path = dirs
                .config
                .as_deref()
                .map(|d| d.join("config.toml"))
                .unwrap_or_default();
            diagnostics.push(
                Diagnostic::warning(
                    &path.display().to_string(),
                    (config.theme_line, 1),
                    format!(
                        "no theme named `{w}` (known: {}); using `{DEFAULT_THEME}`",
                        names.join(", ")
                    ),
                )
                .about(Category::Config),
            );
            0
        }
    };
    // Only the theme in use is loaded now; the loop loads the others after the first frame.
    let mut themes = Themes::new(names.clone(), dirs.config.as_deref(), no_color);
    diagnostics.append(&mut themes.load(theme));
    let mut bookmark_store = dirs.data.as_deref().map(BookmarkStore::new);
    let (list, notice) = load_bookmarks(bookmark_store.as_mut());
    if dirs.data.is_some() {
        diagnostics.extend(notice.iter().map(|n| data_problem("bookmarks.toml", n)));
    }
    notices.extend(notice);
    // Bookmarks from before corpora were told apart go to the corpus that has their brief.
    // (The bundled corpus is loaded for that only when such bookmarks exist.)
    let bundled = (identity != crate::corpus::BUNDLED && list.iter().any(|b| b.corpus.is_none()))
        .then(crate::corpus::load_embedded);
    let migrated = crate::store::migrate(&list, &corpus, &identity, bundled.as_ref());
    let single_file = matches!(corpus.origin, Origin::File(_));
    let mut corpus = corpus;
    corpus.diagnostics.append(&mut diagnostics);
    let mut state = AppState::new(Setup {
        corpus,
        keymap,
        themes: names,
        theme,
        size,
        open: if single_file { None } else { reading.last_brief.clone() },
        session: u64::from(std::process::id()),
        corpus_id: identity,
        // The saved pane sizes now, so the first layout is at the width that will be shown.
        sizes: crate::app::geometry::Sizes {
            measure: config.reader_width,
            ..Default::default()
        }
        .restored(reading.panes.as_ref()),
        clipboard: config.clipboard,
    });
    state.set_mouse(config.mouse);
    state.set_bookmarks(list);
    let pending = state.adopt(migrated);
    // A single file has its own reading state too (pane sizes, zoom, prompt history and its
    // position); skipping it would save defaults over them at exit.
    state.restore(&reading);
    state.tell_settings_problems();
    if let Some(notice) = notices.into_iter().next() {
        state.notify(&notice);
    }
    Session {
        state,
        themes,
        config,
        bookmarks: bookmark_store,
        reading: reading_store,
        pending,
    }
}

fn load_bookmarks(store: Option<&mut BookmarkStore>) -> (Vec<crate::store::Bookmark>, Option<String>) {
    match store.map(|s| s.load()) {
        Some(Loaded::Ok { bookmarks, bad, copy }) if bad.is_empty() => {
            let _ = copy;
            (bookmarks, None)
        }
        Some(Loaded::Ok { bookmarks, bad, copy }) => {
            let first = bad
                .first()
                .map(|b| format!("line {}: {}", b.line, b.reason))
                .unwrap_or_default();
            let kept = copy.map_or_else(
                || "the file could not be copied aside; it is left as it is until a save".to_owned(),
                |p| format!("the file as it was is kept in {}", p.display()),
            );
            let total = bookmarks.len() + bad.len();
            (
                bookmarks,
                Some(format!(
                    "{} of {total} bookmarks could not be read ({first}); {kept}",
                    bad.len()
                )),
            )
        }
        Some(Loaded::MovedAside { reason, to: Some(to) }) => (
            Vec::new(),
            Some(format!(
                "bookmarks.toml could not be read ({reason}); it was moved to {} and a new one started",
                to.display()
            )),
        ),
        Some(Loaded::MovedAside { reason, to: None }) => (
            Vec::new(),
            Some(format!(
                "bookmarks.toml could not be read ({reason}); it is left as it is and bookmarks are kept in memory"
            )),
        ),
        Some(Loaded::Newer { schema }) => (
            Vec::new(),
            Some(format!(
                "bookmarks.toml is from a newer dossier (schema {schema}); it is left alone and bookmarks are kept in memory"
            )),
        ),
        None => (
            Vec::new(),
            Some("no data folder: bookmarks are kept in memory only".into()),
        ),
    }
}

/// The work that waits for the first screen, off the UI thread: the open brief's text parsed (a
/// large one opens on its start), its statistics and key terms derived, then every other brief
/// parsed (for search) and the whole corpus derived (for the corpus views and inferred links).
fn background(corpus: &Corpus, generation: u64, open: Option<usize>, events: &Sender<Msg>) {
    // Below the UI thread's priority: a key pressed meanwhile is answered first.
    // SAFETY: gettid and setpriority only read and set this thread's scheduling priority.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, u32::try_from(tid).unwrap_or(0), 10);
    }
    let send = |event| events.send(Msg::App(event)).is_ok();
    if let Some(i) = open
        && let Some(brief) = corpus.briefs.get(i)
    {
        brief.doc.get();
        if !send(Event::Parsed(generation, Some(i))) {
            return;
        }
        let (statistics, terms) = crate::derive::brief(brief);
        let mut first = crate::derive::Derivations::default();
        for n in 0..corpus.briefs.len() {
            first
                .statistics
                .push(if n == i { statistics.clone() } else { Vec::new() });
            first.terms.push(if n == i { terms.clone() } else { Vec::new() });
            first.links.push(Vec::new());
        }
        if !send(Event::Derived(generation, Box::new(first))) {
            return;
        }
    }
    for brief in &corpus.briefs {
        brief.doc.get();
    }
    if !send(Event::Parsed(generation, None)) {
        return;
    }
    let derived = crate::derive::corpus(corpus);
    let _ = send(Event::Derived(generation, Box::new(derived)));
}

/// The real terminal's side of the loop.
struct RealHost {
    /// The corpus as opened (its bodies are shared with the state's: a parse here is a parse there).
    corpus: Corpus,
    saver: saver::Saver,
    /// Asked by the input thread when the terminal hangs up.
    stop: terminal::Stop,
    input: Option<input::Input>,
    /// Kept alive while the reader runs: a change on disk reloads the corpus.
    watcher: Option<notify::RecommendedWatcher>,
    events: Sender<Msg>,
    origin: Origin,
    mouse: bool,
    /// Caught from the start; read by a thread started after the first frame.
    signals: Option<signal_hook::iterator::Signals>,
}

impl Host for RealHost {
    fn now(&self) -> Now {
        Now::read()
    }

    fn set_mouse(&mut self, on: bool) -> std::io::Result<()> {
        self.mouse = on;
        terminal::set_mouse(on)
    }

    fn save_bookmarks(&mut self, changes: Vec<Change>) {
        self.saver.save(changes);
    }

    fn copy(&mut self, text: &str) -> std::io::Result<()> {
        terminal::copy(text)
    }

    fn reload(&mut self, generation: u64) {
        let path = match &self.origin {
            Origin::Embedded => return,
            Origin::Directory(path) | Origin::File(path) => path.clone(),
        };
        let events = self.events.clone();
        std::thread::spawn(move || {
            let corpus = crate::corpus::load_path_lazy(&path);
            let work = corpus.clone();
            if events
                .send(Msg::App(Event::Reloaded(generation, Box::new(corpus))))
                .is_ok()
            {
                background(&work, generation, None, &events);
            }
        });
    }

    fn first_frame(&mut self, open: usize) {
        // Keys typed before now wait in the terminal; a change on disk before now is in what was
        // read. Starting these threads after the first screen keeps them off its path.
        if let Some(signals) = self.signals.take() {
            spawn_signals(signals, self.events.clone(), self.stop.clone());
        }
        self.input = Some(input::Input::spawn(self.events.clone(), self.stop.clone()));
        self.watcher = watch::spawn(&self.origin, self.events.clone());
        let (corpus, events) = (self.corpus.clone(), self.events.clone());
        std::thread::spawn(move || background(&corpus, 0, Some(open), &events));
    }

    fn edit(&mut self, path: &std::path::Path, line: usize) -> std::io::Result<()> {
        let editor = editor::command();
        let paused = self.input.as_ref().is_some_and(input::Input::pause);
        terminal::restore();
        let status = editor::run(&editor, path, line);
        let entered = terminal::enter(self.mouse);
        if paused && let Some(input) = &self.input {
            input.resume();
        }
        entered?;
        status
    }
}

type Screen = Terminal<backend::AnsiBackend<std::io::BufWriter<std::io::Stdout>>>;

/// A terminal drawing a fixed `width` x `height` area: the buffers are sized by the loop (capped,
/// see geometry::MAX_WIDTH), never from whatever size the terminal reports. Nothing is written.
fn new_terminal((width, height): (u16, u16)) -> std::io::Result<Screen> {
    let viewport = ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, width, height));
    // A frame goes out in one write (stdout alone flushes every 1 KiB); ratatui flushes after
    // each frame, so nothing waits in the buffer between frames.
    let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
    Terminal::with_options(backend::AnsiBackend::new(out), ratatui::TerminalOptions { viewport })
}

/// Turns signals into messages for the loop (and stop requests for the watchdog). The handlers
/// are installed before the terminal is touched; a signal that comes before this thread starts
/// waits in `signals` until it does.
fn spawn_signals(mut signals: signal_hook::iterator::Signals, events: Sender<Msg>, stop: terminal::Stop) {
    std::thread::spawn(move || {
        for signal in signals.forever() {
            stop.request(signal);
            let _ = events.send(Msg::Signal(signal));
        }
    });
}

/// Runs the reader until the user quits; returns the exit status (0, or 128 + a signal). The
/// terminal is restored on every way out, and nothing the user made is lost.
pub fn run(corpus: Corpus, options: Options) -> anyhow::Result<u8> {
    // The two frame buffers (about 460 KB at 120x40, their pages faulted in one at a time) are
    // made on the second core while the settings are read and the first screen is laid out.
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let early = std::thread::spawn(move || {
        let area = crate::app::geometry::drawn_area(size.0, size.1);
        new_terminal(area).ok().map(|terminal| (terminal, area))
    });
    let dirs = Dirs::from_env();
    let Session {
        mut state,
        mut themes,
        config,
        bookmarks,
        reading,
        pending,
    } = prepare(corpus, options, &dirs, size);
    let (events, messages) = mpsc::channel();
    // Parsing and deriving wait for the first screen: see `background`, started by the loop.
    let stop = terminal::Stop::default();
    let signals = signal_hook::iterator::Signals::new(terminal::STOP_SIGNALS)?;
    terminal::install_panic_hook();
    let mut host = RealHost {
        corpus: state.corpus().clone(),
        saver: saver::Saver::new(bookmarks.clone(), events.clone()),
        stop: stop.clone(),
        input: None,
        watcher: None,
        events: events.clone(),
        origin: state.corpus().origin.clone(),
        mouse: config.mouse,
        signals: Some(signals),
    };
    if !pending.is_empty() {
        host.save_bookmarks(pending);
    }
    let result = terminal::enter(config.mouse)
        .map_err(anyhow::Error::from)
        .and_then(|()| {
            let (width, height) = state.size();
            let area = crate::app::geometry::drawn_area(width, height);
            let made = early.join().ok().flatten().filter(|(_, made)| *made == area);
            let mut terminal = match made {
                Some((terminal, _)) => terminal,
                None => new_terminal(area)?,
            };
            run_loop(&mut terminal, &mut state, &mut themes, &messages, &mut host)
        });
    terminal::restore();
    // Let queued saves finish, then take their results.
    host.saver.finish();
    while let Ok(msg) = messages.try_recv() {
        if let Msg::App(event @ Event::BookmarksSaved { .. }) = msg {
            state.update(event, Now::read());
        }
    }
    if let Some(store) = &reading
        && let Err(reason) = store.save(&state.reading_state())
    {
        eprintln!(
            "dossier: the reading position could not be saved: {}",
            crate::sanitize::sanitize_line(&reason)
        );
    }
    report_unsaved(&state, bookmarks.as_ref());
    stop.finish();
    result.map(Exit::status)
}

/// Bookmark changes that could not be saved are written where they can be found, and said so.
fn report_unsaved(state: &AppState, store: Option<&BookmarkStore>) {
    let unsaved = state.unsaved_changes();
    if unsaved.is_empty() {
        return;
    }
    let why = state.message().unwrap_or("the bookmarks file could not be written");
    let rescue = crate::store::write_rescue(
        store.map(|s| s.path.as_path()),
        state.bookmarks().list(),
        &Now::read().compact(),
    );
    let place = match rescue {
        Ok(path) => format!("all of your bookmarks as they were are in {}", path.display()),
        Err(e) => format!("and they could not be written elsewhere either ({e})"),
    };
    eprintln!(
        "dossier: {} bookmark {} could not be saved ({}); {place}",
        unsaved.len(),
        crate::corpus::plural(unsaved.len(), "change", "changes"),
        crate::sanitize::sanitize_line(why)
    );
    for change in unsaved {
        eprintln!("  - {}", crate::sanitize::sanitize_line(&change.describe()));
    }
}
