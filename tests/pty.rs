//! The real binary in a pseudo-terminal: start it with isolated config and data folders, type as
//! a reader would, read the screen through a terminal emulator, quit, and check what it left.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed setup should fail the test loudly

use std::io::{Read, Write};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

struct Session {
    parser: vt100::Parser,
    raw: Vec<u8>,
    output: Receiver<Vec<u8>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(dir: &std::path::Path, rows: u16, cols: u16) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_dossier"));
        command.cwd(dir); // no ./briefs there: the bundled briefs open
        command.env("DOSSIER_DATA_DIR", dir.join("data"));
        command.env("DOSSIER_CONFIG_DIR", dir.join("config"));
        command.env("TERM", "xterm-256color");
        let child = pair.slave.spawn_command(command).expect("dossier starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let (send, output) = mpsc::channel();
        std::thread::spawn(move || {
            let _keep_master_open = pair.master;
            let mut buffer = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 || send.send(buffer[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Session {
            parser: vt100::Parser::new(rows.try_into().unwrap(), cols.try_into().unwrap(), 0),
            raw: Vec::new(),
            output,
            writer,
            child,
        }
    }

    fn pump(&mut self, wait: Duration) {
        while let Ok(bytes) = self.output.recv_timeout(wait) {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until the screen contains `needle`, or fails with what it shows.
    fn wait_for(&mut self, needle: &str) {
        self.wait_until(needle, |screen| screen.contains(needle));
    }

    fn wait_until(&mut self, what: &str, done: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            self.pump(Duration::from_millis(50));
            if done(&self.screen()) {
                return;
            }
        }
        panic!("screen never showed {what}; it shows:\n{}", self.screen());
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("keys reach dossier");
        self.writer.flush().expect("flush");
        self.pump(Duration::from_millis(150));
    }
}

impl Drop for Session {
    /// A failed test must not leave dossier running.
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[test]
fn a_reader_goes_from_the_list_to_a_claim_across_a_link_and_quits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), 40, 120);
    // The first frame already shows text.
    s.wait_for("Ever since the Taliban recaptured Kabul");
    assert!(s.screen().contains("READER"));

    // To the list, down to the research paper, open it.
    s.send("\x1b[Z");
    s.wait_for("LIST");
    s.send("j");
    s.send("\r");
    s.wait_for("RESEARCH PAPER");

    // To the side panel, Claims tab, jump to the first claim's words.
    s.send("\t");
    s.wait_for("PANEL");
    s.send("]");
    s.wait_for("kp-attacks-severity");
    s.send("\r");
    s.wait_for("from Afghanistan on 30th August 2021");

    // Links tab: follow the first cross-reference into another brief.
    s.send("]]");
    s.wait_for("→ ");
    s.send("\r");
    // The status bar names the link followed: "<relation> → <brief>#<claim>".
    s.wait_until("the followed link in the status bar", |screen| {
        screen
            .lines()
            .last()
            .is_some_and(|status| status.contains(" → ") && status.contains('#'))
    });
    assert!(
        !s.screen().contains("Examining the Impacts of 2021"),
        "another brief is open:\n{}",
        s.screen()
    );

    // Back again with Ctrl-o, to the same passage.
    s.send("\x0f");
    s.wait_for("┌ Examining the Impacts of 2021");
    assert!(s.screen().contains("from Afghanistan on 30th August 2021"));

    s.send("q");
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        s.pump(Duration::from_millis(50));
        if let Some(status) = s.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "dossier did not exit after q");
    };
    s.pump(Duration::from_millis(100));
    assert!(status.success(), "{status:?}");
    let raw = String::from_utf8_lossy(&s.raw);
    let left_alternate = raw.rfind("\x1b[?1049l").expect("alternate screen left");
    assert!(raw.rfind("\x1b[?1049h").is_some_and(|entered| entered < left_alternate));
    assert!(
        raw[left_alternate..].contains("\x1b[?25h") || raw.rfind("\x1b[?25h") > raw.rfind("\x1b[?25l"),
        "cursor shown again"
    );
    let state = std::fs::read_to_string(dir.path().join("data/state.toml")).expect("reading state saved");
    assert!(
        state.contains("last_brief = \"taliban-return-pakistan-security\""),
        "{state}"
    );
}

#[test]
fn sigterm_sighup_and_sigint_restore_the_terminal_and_end_the_process() {
    for signal in ["TERM", "HUP", "INT"] {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::start(dir.path(), 24, 80);
        s.wait_for("READER");
        let pid = s.child.process_id().expect("a pid");
        let sent = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let deadline = Instant::now() + Duration::from_secs(10);
        while s.child.try_wait().unwrap().is_none() {
            s.pump(Duration::from_millis(50));
            assert!(Instant::now() < deadline, "dossier ignored SIG{signal}");
        }
        s.pump(Duration::from_millis(100));
        let raw = String::from_utf8_lossy(&s.raw);
        assert!(raw.contains("\x1b[?1049l"), "alternate screen left on SIG{signal}");
    }
}

fn quit(s: &mut Session) {
    s.send("q");
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.child.try_wait().unwrap().is_none() {
        s.pump(Duration::from_millis(50));
        assert!(Instant::now() < deadline, "dossier did not exit after q");
    }
}

#[test]
fn a_bookmark_with_a_note_is_there_after_a_restart_and_jumps_to_its_passage() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), 40, 120);
    s.wait_for("READER");
    // Third passage of the first brief: bookmark it with a note.
    s.send("jj");
    s.send("b");
    s.wait_for("note for the new bookmark");
    s.send("toe the Trump line");
    s.send("\r");
    s.wait_for("bookmark added with a note");
    // Move away so the jump has to bring the passage back.
    s.send("\x1b[Z");
    s.send("jjjj\r");
    s.wait_for("US renews strategic engagement");
    quit(&mut s);
    let saved = std::fs::read_to_string(dir.path().join("data/bookmarks.toml")).unwrap();
    assert!(saved.contains("note = \"toe the Trump line\""), "{saved}");

    let mut s = Session::start(dir.path(), 40, 120);
    s.wait_for("READER");
    s.send("B");
    s.wait_for("the Trump line ·");
    assert!(s.screen().contains("★ Pakistan, the Taliban and the"), "{}", s.screen());
    s.send("\r");
    s.wait_for("┌ Pakistan, the Taliban and the $7 billion");
    assert!(s.screen().contains("In this shifting landscape"), "{}", s.screen());
    quit(&mut s);
}
