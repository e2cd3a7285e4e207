//! Reading the terminal on a thread of its own, so the loop waits on one channel. The thread can
//! be paused while another program (the user's editor) has the terminal: it waits in `poll` on
//! the terminal and on a pipe of its own, so a pause wakes it at once, and it never reads a key
//! meant for the editor. Idle, it sleeps in the kernel: no timer wakes it.
//!
//! `libc` is used for `poll` alone: std has no way to wait on several descriptors at once.

use std::io::{self, IsTerminal, PipeReader, PipeWriter, Read, Write};
use std::os::fd::{AsFd, AsRawFd, OwnedFd};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use super::event_loop::Msg;

/// The running reader thread.
pub struct Input {
    /// Writing a byte here asks the thread to park.
    wake: Option<PipeWriter>,
    parked: Receiver<()>,
    resume: Sender<()>,
}

/// The terminal's descriptor as crossterm reads it: standard input when it is the terminal,
/// else the controlling terminal.
fn terminal_fd() -> Option<OwnedFd> {
    if io::stdin().is_terminal() {
        return io::stdin().as_fd().try_clone_to_owned().ok();
    }
    std::fs::File::open("/dev/tty").ok().map(OwnedFd::from)
}

fn pipe() -> Option<(PipeReader, PipeWriter)> {
    io::pipe().ok()
}

/// Sends every event crossterm has ready without waiting. False when the loop is gone.
fn forward_ready(events: &Sender<Msg>) -> bool {
    while let Ok(true) = crossterm::event::poll(Duration::ZERO) {
        match crossterm::event::read() {
            Ok(event) => {
                if events.send(Msg::Terminal(event)).is_err() {
                    return false;
                }
            }
            Err(_) => {
                let _ = events.send(Msg::InputClosed);
                return false;
            }
        }
    }
    true
}

impl Input {
    pub fn spawn(events: Sender<Msg>, stop: super::terminal::Stop) -> Input {
        let (parked_tx, parked) = mpsc::channel();
        let (resume, resume_rx) = mpsc::channel::<()>();
        // A resize is signalled (SIGWINCH), not written to the terminal: crossterm notices it in
        // its own pipe, which this thread's poll does not watch. A pipe of ours, written by the
        // same signal, wakes the poll so the new size is read at once, not with the next key.
        let resized = pipe().and_then(|(read, write)| {
            signal_hook::low_level::pipe::register_raw(signal_hook::consts::SIGWINCH, OwnedFd::from(write))
                .ok()
                .map(|_| read)
        });
        let Some(((wake_read, wake_write), tty)) = pipe().zip(terminal_fd()) else {
            // Without a pipe or a descriptor to wait on, read plainly; pausing is not possible.
            std::thread::spawn(move || plain(&events));
            return Input {
                wake: None,
                parked,
                resume,
            };
        };
        std::thread::spawn(move || {
            loop {
                if !forward_ready(&events) {
                    return;
                }
                let mut fds = [
                    libc::pollfd {
                        fd: tty.as_raw_fd(),
                        events: libc::POLLIN,
                        revents: 0,
                    },
                    libc::pollfd {
                        fd: wake_read.as_raw_fd(),
                        events: libc::POLLIN,
                        revents: 0,
                    },
                    libc::pollfd {
                        // -1 is ignored by poll: without the pipe, resizes come with the next key.
                        fd: resized.as_ref().map_or(-1, AsRawFd::as_raw_fd),
                        events: libc::POLLIN,
                        revents: 0,
                    },
                ];
                // SAFETY: fds is a valid array of three pollfd; -1 waits until one is ready.
                let ready = unsafe { libc::poll(fds.as_mut_ptr(), 3, -1) };
                if ready < 0 {
                    if io::Error::last_os_error().kind() == io::ErrorKind::Interrupted {
                        continue;
                    }
                    let _ = events.send(Msg::InputClosed);
                    return;
                }
                if fds[1].revents & libc::POLLIN != 0 {
                    let mut byte = [0u8; 16];
                    let _ = (&wake_read).read(&mut byte);
                    if parked_tx.send(()).is_err() || resume_rx.recv().is_err() {
                        return;
                    }
                    continue;
                }
                if fds[2].revents & libc::POLLIN != 0
                    && let Some(resized) = &resized
                {
                    let mut bytes = [0u8; 64];
                    let _ = (&*resized).read(&mut bytes);
                    // The same signal wrote crossterm's pipe; give it a moment in case this
                    // thread woke between the two writes, then take what is ready.
                    let _ = crossterm::event::poll(Duration::from_millis(20));
                    continue;
                }
                if fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
                    && fds[0].revents & libc::POLLIN == 0
                {
                    // The terminal hung up: the loop should end, and the watchdog sees that it does.
                    stop.request(signal_hook::consts::SIGHUP);
                    let _ = events.send(Msg::InputClosed);
                    return;
                }
                if fds[0].revents & libc::POLLIN != 0 && !forward_one(&events) {
                    return;
                }
            }
        });
        Input {
            wake: Some(wake_write),
            parked,
            resume,
        }
    }

    /// Stops reading the terminal until `resume`. False when the thread cannot pause.
    pub fn pause(&self) -> bool {
        let Some(wake) = &self.wake else { return false };
        let written = (&*wake).write(&[1u8]).is_ok_and(|n| n == 1);
        written && self.parked.recv_timeout(Duration::from_secs(2)).is_ok()
    }

    /// Reads the terminal again after `pause`.
    pub fn resume(&self) {
        let _ = self.resume.send(());
    }
}

fn plain(events: &Sender<Msg>) {
    while forward_one(events) {}
}

/// Reads one event (waiting for it) and sends it on. False when the loop is gone or the
/// terminal cannot be read any more (the loop is told).
fn forward_one(events: &Sender<Msg>) -> bool {
    match crossterm::event::read() {
        Ok(event) => events.send(Msg::Terminal(event)).is_ok(),
        Err(_) => {
            let _ = events.send(Msg::InputClosed);
            false
        }
    }
}
