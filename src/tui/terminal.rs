//! Taking the terminal and giving it back, on every way out: a normal quit, an error, a panic, a
//! signal, or a terminal that went away. Restoring writes straight to the terminal's descriptor,
//! never through Rust's stdout lock, which the stuck thread it rescues may hold.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{
    EnableBracketedPaste, EnableMouseCapture, KeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use crossterm::terminal::{self, EnterAlternateScreen};
use crossterm::{cursor, execute};

/// Everything `enter` turns on, turned off: keyboard enhancement flags popped, mouse reporting
/// (all modes) and bracketed paste off, the cursor shown, the main screen back.
const RESTORE: &[u8] =
    b"\x1b[<1u\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l\x1b[?2004l\x1b[?25h\x1b[?1049l";

/// Takes the terminal: raw mode, the alternate screen, a hidden cursor, bracketed paste, the
/// kitty keyboard protocol's disambiguation (so Ctrl-i is not Tab where the terminal supports it;
/// others ignore the request), and mouse capture when asked for.
pub fn enter(mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    let mut stdout = io::stdout();
    execute!(
        stdout,
        EnterAlternateScreen,
        cursor::Hide,
        EnableBracketedPaste,
        PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
    )?;
    if mouse {
        execute!(stdout, EnableMouseCapture)?;
    }
    Ok(())
}

/// Gives the terminal back. Safe to call more than once and from any thread.
pub fn restore() {
    use std::os::fd::FromRawFd;
    // SAFETY: descriptor 1 stays open for the life of the process; ManuallyDrop never closes it.
    let mut out = std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(1) });
    let _ = out.write_all(RESTORE);
    let _ = out.flush();
    let _ = terminal::disable_raw_mode();
}

/// Turns mouse capture on or off while running.
pub fn set_mouse(on: bool) -> io::Result<()> {
    if on {
        execute!(io::stdout(), EnableMouseCapture)
    } else {
        execute!(io::stdout(), crossterm::event::DisableMouseCapture)
    }
}

/// Puts `text` on the clipboard with the terminal's OSC 52 sequence. The text travels base64
/// encoded, so nothing in it can act as a control sequence.
pub fn copy(text: &str) -> io::Result<()> {
    use base64::Engine;
    let payload = base64::engine::general_purpose::STANDARD.encode(text);
    let mut out = io::stdout();
    write!(out, "\x1b]52;c;{payload}\x07")?;
    out.flush()
}

/// Restores the terminal before the panic message is printed.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// The signals that end the reader, each with its usual exit status of 128 + its number.
pub const STOP_SIGNALS: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
];

/// Shared between the event loop, the signal thread and the watchdog.
#[derive(Clone, Default)]
pub struct Stop {
    /// The signal that asked to stop (0: none yet).
    signal: Arc<AtomicI32>,
    /// The event loop has finished and restored the terminal itself.
    finished: Arc<AtomicBool>,
}

impl Stop {
    /// Asks the reader to stop, and starts the watchdog: crossterm's blocking read can spin
    /// forever on a dead terminal (crossterm issue #793), or the loop may be busy, so it may never
    /// see the request. After a grace period for a clean exit, the watchdog restores the terminal
    /// and ends the process with 128 + the signal. Nothing runs before a request: no thread
    /// wakes while the reader is idle.
    pub fn request(&self, signal: i32) {
        let first = self
            .signal
            .compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst)
            .is_ok();
        if first {
            let stop = self.clone();
            std::thread::spawn(move || {
                let started = Instant::now();
                while started.elapsed() < GRACE {
                    if stop.finished() {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                if !stop.finished() {
                    restore();
                    std::process::exit(128 + signal);
                }
            });
        }
    }

    pub fn finish(&self) {
        self.finished.store(true, Ordering::SeqCst);
    }

    fn finished(&self) -> bool {
        self.finished.load(Ordering::SeqCst)
    }
}

/// How long a stop request waits for the loop to finish cleanly.
const GRACE: Duration = Duration::from_millis(800);
