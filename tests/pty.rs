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
    master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    /// dossier on the test corpus (tests/fixtures/reader), with its own config and data folders.
    fn start(dir: &std::path::Path, rows: u16, cols: u16) -> Session {
        let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader");
        Session::start_with(dir, rows, cols, &[fixture.to_str().unwrap()])
    }

    fn start_with(dir: &std::path::Path, rows: u16, cols: u16, args: &[&str]) -> Session {
        Session::start_env(dir, rows, cols, args, &[])
    }

    fn start_env(dir: &std::path::Path, rows: u16, cols: u16, args: &[&str], env: &[(&str, &str)]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_dossier"));
        command.args(args);
        command.cwd(dir); // no ./briefs there: without a path the bundled briefs open
        command.env("DOSSIER_DATA_DIR", dir.join("data"));
        command.env("DOSSIER_CONFIG_DIR", dir.join("config"));
        command.env("TERM", "xterm-256color");
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pair.slave.spawn_command(command).expect("dossier starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let (send, output) = mpsc::channel();
        std::thread::spawn(move || {
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
            master: pair.master,
        }
    }

    /// Resizes the terminal (the kernel tells dossier with SIGWINCH). The emulator follows only
    /// when `emulate` is set: a huge size would make it allocate every cell.
    fn resize(&mut self, rows: u16, cols: u16, emulate: bool) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("the pty resizes");
        if emulate {
            let nonzero = |n: u16| std::num::NonZero::new(n).expect("a size of at least 1");
            self.parser.screen_mut().set_size(nonzero(rows), nonzero(cols));
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

    /// The text drawn on the dark theme's highlight colour (the words a jump marks).
    fn highlighted(&self) -> String {
        let screen = self.parser.screen();
        let (rows, cols) = screen.size();
        let mut lines = Vec::new();
        for row in 0..rows.get() {
            let mut line = String::new();
            for col in 0..cols.get() {
                if let Some(cell) = screen.cell(row, col)
                    && cell.bgcolor() == vt100::Color::Rgb(0xeb, 0xcb, 0x8b)
                {
                    line.push_str(cell.contents());
                }
            }
            if !line.trim().is_empty() {
                lines.push(line.trim().to_owned());
            }
        }
        lines.join(" ")
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

/// Waits for the process to end; its status.
fn exit_status(s: &mut Session) -> portable_pty::ExitStatus {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        s.pump(Duration::from_millis(50));
        if let Some(status) = s.child.try_wait().unwrap() {
            s.pump(Duration::from_millis(100));
            return status;
        }
        assert!(Instant::now() < deadline, "dossier did not exit");
    }
}

/// Everything dossier turned on was turned off again, after it was turned on.
fn assert_restored(s: &Session, what: &str) {
    let raw = String::from_utf8_lossy(&s.raw);
    let left = raw
        .rfind("\x1b[?1049l")
        .unwrap_or_else(|| panic!("{what}: alternate screen not left"));
    assert!(raw.rfind("\x1b[?1049h").is_some_and(|entered| entered < left), "{what}");
    for (off, name) in [
        ("\x1b[?25h", "cursor shown"),
        ("\x1b[?1000l", "mouse off"),
        ("\x1b[?2004l", "bracketed paste off"),
        ("\x1b[<1u", "keyboard flags popped"),
    ] {
        let at = raw.rfind(off).unwrap_or_else(|| panic!("{what}: {name} missing"));
        assert!(
            raw.rfind("\x1b[?1049h").is_some_and(|entered| entered < at),
            "{what}: {name} before start"
        );
    }
}

#[test]
fn the_bundled_briefs_open_without_a_path() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start_with(dir.path(), 24, 80, &[]);
    s.wait_for("READER");
    quit(&mut s);
}

#[test]
fn a_reader_goes_from_the_list_to_a_claim_across_a_link_and_quits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), 40, 120);
    // The first frame already shows text.
    s.wait_for("The dam dispute is about trust");
    assert!(s.screen().contains("READER"));

    // To the list, down to the basin paper, open it.
    s.send("\x1b[Z");
    s.wait_for("LIST");
    s.send("jj");
    s.send("\r");
    s.wait_for("┌ Water, Borders and the Upper Basin");

    // To the side panel, Claims tab, jump to the second claim's words.
    s.send("\t");
    s.wait_for("PANEL");
    s.send("]");
    s.wait_for("border-hard");
    s.send("j\r");
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.highlighted().is_empty() && Instant::now() < deadline {
        s.pump(Duration::from_millis(50));
    }
    assert_eq!(s.highlighted(), "Officials say the border is long and hard to guard.");

    // Links tab: follow the first cross-reference into another brief.
    s.send("]]");
    s.wait_for("→ supports");
    s.send("\r");
    s.wait_until("the followed link in the status bar", |screen| {
        screen
            .lines()
            .last()
            .is_some_and(|status| status.contains("supports → dam-dispute#fence-gaps"))
    });
    assert!(
        s.screen().contains("┌ [headline ≠ body] Why the Harbour"),
        "{}",
        s.screen()
    );

    // Back again with Ctrl-o, to the same passage.
    s.send("\x0f");
    s.wait_for("┌ Water, Borders and the Upper Basin");
    assert!(
        s.screen().contains("Officials say the border is"),
        "back at the same passage"
    );

    s.send("q");
    let status = exit_status(&mut s);
    assert!(status.success(), "{status:?}");
    assert_restored(&s, "q");
    let state = std::fs::read_to_string(dir.path().join("data/state.toml")).expect("reading state saved");
    assert!(state.contains("last_brief = \"river-basin\""), "{state}");
}

#[test]
fn at_80x24_a_jump_from_the_panel_overlay_shows_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), 24, 80);
    s.wait_for("READER");
    s.send("\t");
    s.wait_for("PANEL");
    s.send("]");
    s.wait_for("fence-gaps");
    s.send("\r");
    s.wait_for("READER");
    assert!(
        !s.screen().contains("fence-gaps"),
        "the overlay gave way:\n{}",
        s.screen()
    );
    quit(&mut s);
}

#[test]
fn signals_restore_the_terminal_and_exit_with_128_plus_the_signal() {
    for (signal, number) in [("TERM", 15), ("HUP", 1), ("INT", 2), ("QUIT", 3)] {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Session::start(dir.path(), 24, 80);
        s.wait_for("READER");
        let pid = s.child.process_id().expect("a pid");
        let sent = std::process::Command::new("kill")
            .args([&format!("-{signal}"), &pid.to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        let status = exit_status(&mut s);
        assert_eq!(status.exit_code(), 128 + number, "SIG{signal}: {status:?}");
        assert_restored(&s, &format!("SIG{signal}"));
    }
}

fn quit(s: &mut Session) {
    s.send("q");
    let status = exit_status(s);
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_bookmark_with_a_note_is_there_after_a_restart_and_jumps_to_its_passage() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), 40, 120);
    s.wait_for("READER");
    // The third passage of the first brief: bookmark it with a note.
    s.send("jjj");
    s.send("b");
    s.wait_for("note for the new bookmark");
    s.send("the will is missing");
    s.send("\r");
    s.wait_for("bookmark added with a note");
    // Move away so the jump has to bring the passage back.
    s.send("\x1b[Z");
    s.send("jj\r");
    s.wait_for("┌ Water, Borders");
    quit(&mut s);
    let saved = std::fs::read_to_string(dir.path().join("data/bookmarks.toml")).unwrap();
    assert!(saved.contains("note = \"the will is missing\""), "{saved}");

    let mut s = Session::start(dir.path(), 40, 120);
    s.wait_for("READER");
    s.send("B");
    s.wait_for("Note: the will is missing");
    assert!(s.screen().contains("★ Why the Harbour Matters"), "{}", s.screen());
    s.send("\r");
    s.wait_for("┌ [headline ≠ body] Why the Harbour");
    assert!(s.screen().contains("The flow data are good enough"), "{}", s.screen());
    quit(&mut s);
}

#[test]
fn two_folders_with_a_readme_each_keep_their_own_bookmarks() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for (folder, text) in [
        (&a, "Alpha project. It builds fast."),
        (&b, "Beta project. It runs slow."),
    ] {
        std::fs::create_dir_all(folder).unwrap();
        std::fs::write(folder.join("README.md"), format!("# Read me\n\n{text}\n")).unwrap();
    }
    // Bookmark a passage in folder a.
    let mut s = Session::start_with(dir.path(), 30, 110, &[a.to_str().unwrap()]);
    s.wait_for("Alpha project");
    s.send("j");
    s.send("b");
    s.wait_for("note for the new bookmark");
    s.send("in a\r");
    s.wait_for("bookmark added with a note");
    quit(&mut s);
    // Folder b has its own README.md: a's bookmark is not an orphan there, nor shown at all.
    let mut s = Session::start_with(dir.path(), 30, 110, &[b.to_str().unwrap()]);
    s.wait_for("Beta project");
    s.send("B");
    s.wait_for("No bookmarks yet");
    assert!(!s.screen().contains("orphaned"), "{}", s.screen());
    // Every corpus's bookmarks, grouped and labelled.
    s.send("a");
    s.wait_for("Note: in a");
    let a_canonical = std::fs::canonicalize(&a).unwrap().display().to_string();
    assert!(s.screen().contains("◌ in"), "{}", s.screen());
    assert!(
        s.screen()
            .replace('\n', "")
            .contains(&a_canonical[a_canonical.len() - 6..]),
        "labelled with its folder:\n{}",
        s.screen()
    );
    quit(&mut s);
    // Back in folder a, it is there, in place.
    let mut s = Session::start_with(dir.path(), 30, 110, &[a.to_str().unwrap()]);
    s.wait_for("Alpha project");
    s.send("B");
    s.wait_for("Note: in a");
    assert!(s.screen().contains("★ Read me"), "{}", s.screen());
    quit(&mut s);
}

/// A copy of the reader fixture to change while dossier shows it.
fn corpus_copy(dir: &std::path::Path) -> std::path::PathBuf {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reader");
    let copy = dir.join("corpus");
    std::fs::create_dir_all(&copy).unwrap();
    for entry in std::fs::read_dir(fixture).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, copy.join(path.file_name().unwrap())).unwrap();
    }
    copy
}

#[test]
fn a_document_changed_on_disk_is_shown_changed_without_a_key() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_copy(dir.path());
    let mut s = Session::start_with(dir.path(), 30, 120, &[corpus.to_str().unwrap()]);
    s.wait_for("Why the Harbour Matters");
    let file = corpus.join("dam-dispute.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replace("Why the Harbour Matters", "Why the Lighthouse Matters"),
    )
    .unwrap();
    s.wait_for("Why the Lighthouse Matters");
    s.wait_for("reloaded: dam-dispute.md changed");
    quit(&mut s);
}

#[test]
fn e_opens_the_editor_at_the_passage_and_the_edit_is_shown_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = corpus_copy(dir.path());
    let editor = dir.path().join("editor.sh");
    // An editor that notes its arguments and adds a paragraph to the file it was given.
    std::fs::write(
        &editor,
        "#!/bin/sh\necho \"$@\" > \"$(dirname \"$0\")/args\"\nfor last; do :; done\nprintf '\\nWritten in the editor.\\n' >> \"$last\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let editor = editor.to_str().unwrap().to_owned();
    let mut s = Session::start_env(dir.path(), 30, 120, &[corpus.to_str().unwrap()], &[("VISUAL", &editor)]);
    s.wait_for("Why the Harbour Matters");
    s.send("e");
    s.wait_for("reloaded: ");
    let args = std::fs::read_to_string(dir.path().join("args")).unwrap();
    assert!(
        args.starts_with('+') && args.trim_end().ends_with("dam-dispute.md"),
        "{args}"
    );
    // Keys reach dossier again after the editor, and the new paragraph is there.
    s.send("G");
    s.wait_for("Written in the editor.");
    quit(&mut s);
}

#[test]
fn a_huge_window_shows_a_message_and_the_reader_comes_back_when_it_shrinks() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(dir.path(), 30, 100);
    s.wait_for("READER");
    // Not a key: the resize alone must be answered.
    s.raw.clear();
    s.resize(u16::MAX, u16::MAX, false);
    let deadline = Instant::now() + Duration::from_secs(20);
    while !String::from_utf8_lossy(&s.raw).contains("terminal too large") && Instant::now() < deadline {
        s.pump(Duration::from_millis(50));
    }
    assert!(
        String::from_utf8_lossy(&s.raw).contains("terminal too large (65535x65535)"),
        "{:?}",
        String::from_utf8_lossy(&s.raw)
    );
    s.resize(30, 100, true);
    s.wait_for("READER");
    quit(&mut s);
}
