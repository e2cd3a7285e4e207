//! Hostile files and terminals (the test side of the issue of that name).
//!
//! 1. Control characters from every source. A corpus, a config folder and a data folder are
//!    written to a temporary directory with ESC sequences (window title, clear screen, OSC 52
//!    clipboard), C1 controls, DEL, NUL, CR and bidi controls in titles, file names, front matter,
//!    sidecar fields, Markdown, keymap, theme names, bookmarks and reading state. Every command of
//!    the real binary runs over them, and nothing it prints (stdout or stderr) may hold a C0
//!    control other than newline, DEL, a C1 control or a bidi control (U+202A-U+202E,
//!    U+2066-U+2069): JSON must escape them, Markdown must not carry them raw. The reader is
//!    drawn over the same folders (in-process, into a `TestBackend`) on every pane, tab, prompt
//!    and popup, and no cell may hold one either; and the real binary in a pseudo-terminal must
//!    not send a window-title or clipboard sequence, a C1 or a bidi control. Each test lists every
//!    leak it finds (command, stream, character, context) in one message.
//! 2. Hostile files: a FIFO where a sidecar should be, a folder named `x.md`, a FIFO named `y.md`,
//!    a symbolic link loop, `config.toml` as a folder, `themes` as a file, a 16 MB front matter,
//!    a sidecar with 100,000 claims, a FIFO as `bookmarks.toml`, `state.toml` or a theme. Each
//!    command runs with a time limit (the child is killed when it is reached); each must finish,
//!    and name the file and what is wrong with it.
//! 3. What the fuzz targets in fuzz/ found, as minimal reproducers.
//!
//! Tests marked `#[ignore = "..."]` fail today: they describe what src/ must do and are
//! un-ignored as it is fixed. `cargo test --test hostile -- --include-ignored` runs them all
//! (about two minutes: the hangs wait for their time limit).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed setup should fail the test loudly

use std::fmt::Write as _;
use std::io::{Read, Write as _};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use dossier::app::{AppState, Event, Setup, geometry::Sizes};
use dossier::corpus;
use dossier::keymap::Keymap;
use dossier::store::state::StateStore;
use dossier::store::{BookmarkStore, Loaded, Now};
use dossier::theme::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

// ---------------------------------------------------------------------------------------------
// What must never reach the terminal.

const TITLE: &str = "\u{1b}]0;TITLE\u{7}";
const CLEAR: &str = "\u{1b}[2J";
const CLIPBOARD: &str = "\u{1b}]52;c;Zm9v\u{7}";
const CSI8: &str = "\u{9b}2J";
const NEL: &str = "\u{85}";
const DEL: &str = "\u{7f}";
const RLO: &str = "\u{202e}";
const LRI: &str = "\u{2066}";

/// Every hostile sequence at once, with NUL and a bare CR.
fn all() -> String {
    format!("{}\u{0}", all_but_nul())
}

/// The same without NUL, for file names and command-line arguments (which cannot hold one).
fn all_but_nul() -> String {
    [TITLE, CLEAR, CLIPBOARD, CSI8, NEL, DEL, RLO, LRI, "\r"].concat()
}

/// A character that must not be printed raw. Newline is fine; a tab is not documented anywhere
/// as output, so it counts too.
fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{9}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Every forbidden character in `text`, as "`where`: U+001B in …context…" lines.
fn leaks(place: &str, text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (at, c) in text.char_indices().filter(|&(_, c)| forbidden(c)) {
        let from = text.floor_char_boundary(at.saturating_sub(40));
        let to = text.ceil_char_boundary((at + 40).min(text.len()));
        found.push(format!(
            "{place}: U+{:04X} at byte {at} in …{}…",
            c as u32,
            text[from..to].escape_debug()
        ));
    }
    found
}

/// A TOML basic string holding `s`, every non-ASCII or control character escaped.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_ascii() && !c.is_ascii_control() => out.push(c),
            c if (c as u32) < 0x10000 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------------------------
// The hostile folders.

struct Tree {
    _dir: tempfile::TempDir,
    root: PathBuf,
    corpus: PathBuf,
    config: PathBuf,
    data: PathBuf,
}

fn write(path: &Path, text: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A file name made of raw bytes (any byte but `/` and NUL is allowed on Unix).
fn raw_name(dir: &Path, name: &str) -> PathBuf {
    dir.join(std::ffi::OsStr::from_bytes(name.as_bytes()))
}

/// The corpus, config and data folders, every field carrying control characters.
fn hostile_tree() -> Tree {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_owned();
    let (corpus, config, data) = (root.join("briefs"), root.join("config"), root.join("data"));
    let all = all();
    let t = |s: &str| toml_str(s);

    // A brief with controls in every front matter field, in its Markdown (raw and as entities),
    // and in its sidecar.
    let front = format!(
        "+++\ntitle = {}\nauthors = [{}]\ndate = \"2024-05-01\"\npublication = {}\nkind = {}\norigin = {}\n\
         source_notes = {}\nflags = [\"title-supplied\", {}]\naliases = [{}]\n{} = 1\n+++\n",
        t(&format!("Title {all} end")),
        t(&format!("Author {all}")),
        t(&format!("Publication {all}")),
        t(&format!("report{CLEAR}")),
        t(&format!("origin{TITLE}.txt")),
        t(&format!("Notes {all} end")),
        t(&format!("flag{CSI8}")),
        t(&format!("alias{TITLE}")),
        t(&format!("unknown{CLEAR}")),
    );
    let body = format!(
        "# Heading {all} end\n\n\
         The border is long and hard to guard. Raw {all} inside a passage.\n\n\
         Entities &#27;]0;TITLE&#7; and &#x9b;2J and &#x202e; and &#127; and &#x85;.\n\n\
         ## Section {TITLE}{RLO}\n\n\
         - item {CLIPBOARD}\n- item {CSI8}{NEL}\n\n\
         > quoted {RLO}{LRI} words\n\n\
         | head{CLEAR} | b |\n|---|---|\n| {DEL} | {LRI}x |\n\n\
         ```\ncode {all}\n\ttabbed\n```\n\n\
         A [link](http://example.com/{TITLE}) and `code {CLEAR}` and a note[^n].\n\n\
         [^n]: Footnote {CLIPBOARD}\n\n\
         Over 650 attacks in 2023 were recorded{CSI8}.\n\n\
         Nearly five hundred attacks{TITLE} happened in March 2024.\n"
    );
    write(&corpus.join("hostile.md"), format!("{front}{body}"));
    let sidecar = format!(
        "summary = {summary}\n{unknown} = 1\n\n\
         [[claims]]\nid = \"border\"\ntext = {claim}\nquote = \"The border is long and hard to guard.\"\ntopics = [\"ttp\", {topic}]\n\n\
         [[claims]]\nid = {bad_id}\ntext = {claim}\nquote = {lost}\ntopics = []\n\n\
         [[statistics]]\nid = \"attacks\"\nvalue = 650\nunit = {unit}\nmeasure = {measure}\nqualifier = \"over\"\n\
         period = \"2023\"\nquote = \"Over 650 attacks in 2023\"\nnote = {note}\n\n\
         [[statistics]]\nid = \"bad-stat\"\nvalue = 1\nunit = \"attacks\"\nmeasure = \"m\"\nqualifier = {qualifier}\n\
         period = {period}\nquote = {lost}\n\n\
         [[crossrefs]]\nfrom = \"border\"\nto = \"clean#clean-claim\"\nrelation = \"supports\"\nnote = {xnote}\n\n\
         [[crossrefs]]\nfrom = \"border\"\nto = {target}\nrelation = {relation}\nnote = {xnote}\n",
        summary = t(&format!(
            "Summary {all} one. Second sentence here. Third sentence here."
        )),
        unknown = t(&format!("field{TITLE}")),
        claim = t(&format!("Claim text {all} end")),
        topic = t(&format!("topic{all}")),
        bad_id = t(&format!("claim{TITLE}")),
        lost = t(&format!("A quote {all} that is nowhere in the brief")),
        unit = t(&format!("attacks{CLEAR}")),
        measure = t(&format!("measure {all} end")),
        note = t(&format!("statistic note {all} end")),
        qualifier = t(&format!("over{CSI8}")),
        period = t(&format!("20{TITLE}")),
        xnote = t(&format!("link note {all} end")),
        target = t(&format!("gone{TITLE}#x{CSI8}")),
        relation = t(&format!("supports{DEL}")),
    );
    write(&corpus.join("hostile.toml"), sidecar);

    // A clean brief that links back, so the hostile one has backlinks with hostile notes.
    write(
        &corpus.join("clean.md"),
        "+++\ntitle = \"Clean\"\nkind = \"report\"\n+++\n# Clean\n\nThe clean passage is here.\n",
    );
    write(
        &corpus.join("clean.toml"),
        format!(
            "summary = \"One. Two. Three.\"\n[[claims]]\nid = \"clean-claim\"\ntext = \"Clean.\"\n\
             quote = \"The clean passage is here.\"\ntopics = []\n\n[[crossrefs]]\nfrom = \"clean-claim\"\n\
             to = \"hostile#border\"\nrelation = \"contradicts\"\nnote = {}\n",
            t(&format!("back {all} end"))
        ),
    );

    // File names: the id comes from the name.
    for name in [
        format!("esc{TITLE}.md"),
        format!("csi{CSI8}.md"),
        format!("bidi{RLO}dm.md"),
        format!("del{DEL}nul.md"),
    ] {
        write(
            &raw_name(&corpus, &name),
            format!("# Named {all}\n\nA brief whose file name holds controls. Over 40 attacks in 2022.\n"),
        );
    }
    // A sidecar whose Markdown file is missing, with a hostile name.
    write(&raw_name(&corpus, &format!("orphan{CLEAR}.toml")), "summary = \"x\"\n");

    // Config: config.toml, keymap.toml, themes (one with a hostile name, one broken).
    write(
        &config.join("config.toml"),
        format!(
            "theme = {}\nmouse = {}\n{} = 1\n",
            t(&format!("evil{TITLE}")),
            t(CLIPBOARD),
            t(&format!("key{CLEAR}"))
        ),
    );
    write(
        &config.join("keymap.toml"),
        format!(
            "[normal]\n{} = \"quit\"\n\"x\" = {}\n\n[{}]\n\"z\" = \"quit\"\n\n[reader]\n\"ctrl-{}\" = \"bookmark\"\n",
            t(&format!("x{TITLE}")),
            t(&format!("act{CSI8}")),
            t(&format!("mode{RLO}")),
            t(CLEAR),
        ),
    );
    write(
        &config.join("themes/evil.toml"),
        format!(
            "[roles]\n{} = {{ fg = \"red\" }}\ntext = {{ fg = {} }}\n",
            t(&format!("role{TITLE}")),
            t(&format!("col{CLEAR}"))
        ),
    );
    write(
        &raw_name(&config.join("themes"), &format!("named{TITLE}{RLO}.toml")),
        "[roles]\ntext = { fg = \"red\" }\n",
    );
    write(&config.join("themes/broken.toml"), format!("[roles\n{all} = = =\n"));

    // Data: bookmarks (one placed, orphans in a gone brief and in this one) and reading state.
    let bookmark = |id: &str, brief: &str, exact: &str, created: &str| {
        format!(
            "[[bookmarks]]\nid = {}\nbrief = {}\ncreated = {}\nnote = {}\nsection = {}\nexact = {}\n\
             prefix = {}\nsuffix = {}\nposition = 0\ncontent_hash = \"0\"\n\n",
            t(id),
            t(brief),
            t(created),
            t(&format!("bookmark note {all} end")),
            t(&format!("section {all} end")),
            t(exact),
            t(&format!("prefix {all}")),
            t(&format!("suffix {all}")),
        )
    };
    write(
        &data.join("bookmarks.toml"),
        format!(
            "schema = 1\n\n{}{}{}",
            bookmark(
                "placed",
                "hostile",
                "The border is long and hard to guard.",
                "2024-05-01T00:00:00Z"
            ),
            bookmark(
                &format!("gone{TITLE}"),
                &format!("gone{TITLE}"),
                &format!("exact {all} end"),
                &format!("{TITLE}2024-05-01")
            ),
            bookmark(
                "lost",
                "hostile",
                &format!("passage {all} that is no longer in the brief at all"),
                &format!("{CLEAR}{CSI8}{RLO}x")
            ),
        ),
    );
    let history = t(&format!("history {all} end"));
    write(
        &data.join("state.toml"),
        format!(
            "schema = 1\nlast_brief = \"hostile\"\nfocus = {}\ntheme = {}\n\n[positions]\nhostile = 3\n{} = 1\n\n\
             [history]\nsearch = [{history}]\nfilter = [{history}]\nnote = [{history}]\nsearch_all = [{history}]\n",
            t(&format!("panel{CLEAR}")),
            t(&format!("evil{TITLE}")),
            t(&format!("brief{TITLE}")),
        ),
    );
    Tree {
        _dir: dir,
        root,
        corpus,
        config,
        data,
    }
}

// ---------------------------------------------------------------------------------------------
// Running the real binary with a time limit.

/// What a run of dossier did.
struct Run {
    /// `None` when it had to be killed at the time limit.
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

impl Run {
    fn finished(&self) -> bool {
        self.code.is_some()
    }

    fn describe(&self) -> String {
        let cut = |s: &str| {
            let end = s.floor_char_boundary(2000);
            if end < s.len() {
                format!("{}… ({} bytes)", &s[..end], s.len())
            } else {
                s.to_owned()
            }
        };
        format!(
            "{} after {:.1}s\n--- stdout\n{}\n--- stderr\n{}",
            match self.code {
                Some(code) => format!("exit {code}"),
                None => "KILLED at the time limit (it hung)".to_owned(),
            },
            self.elapsed.as_secs_f64(),
            cut(&self.stdout),
            cut(&self.stderr)
        )
    }
}

/// Runs dossier with `args`, the config and data folders set, in `cwd`, for at most `limit`.
/// Output is read on threads, so a child that writes a lot never blocks on a full pipe; a child
/// still running at the limit is killed and reaped.
fn dossier(args: &[&std::ffi::OsStr], cwd: &Path, config: &Path, data: &Path, limit: Duration) -> Run {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .current_dir(cwd)
        .env("DOSSIER_CONFIG_DIR", config)
        .env("DOSSIER_DATA_DIR", data)
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dossier starts");
    let pipe = |mut from: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = from.read_to_end(&mut bytes);
            bytes
        })
    };
    let out = pipe(Box::new(child.stdout.take().unwrap()));
    let err = pipe(Box::new(child.stderr.take().unwrap()));
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status.code().unwrap_or(-1));
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = start.elapsed();
    let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
    Run {
        code,
        stdout: text(out.join().unwrap()),
        stderr: text(err.join().unwrap()),
        elapsed,
    }
}

const LIMIT: Duration = Duration::from_secs(20);

/// Runs each command over the hostile tree and fails with every leak found, all at once.
fn assert_no_leaks(commands: &[&[&str]]) {
    let tree = hostile_tree();
    let mut found = Vec::new();
    for args in commands {
        let mut os: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
        // Commands end with the corpus folder unless they say otherwise.
        if !args.contains(&"--theme") {
            os.push(tree.corpus.clone().into_os_string());
        }
        let refs: Vec<&std::ffi::OsStr> = os.iter().map(std::ffi::OsString::as_os_str).collect();
        let run = dossier(&refs, &tree.root, &tree.config, &tree.data, LIMIT);
        let name = format!("dossier {}", args.join(" "));
        if !run.finished() {
            found.push(format!("{name}: {}", run.describe()));
            continue;
        }
        if run.stdout.is_empty() && run.stderr.is_empty() {
            found.push(format!("{name}: printed nothing ({})", run.describe()));
        }
        found.extend(leaks(&format!("{name} (stdout)"), &run.stdout));
        found.extend(leaks(&format!("{name} (stderr)"), &run.stderr));
        if let Some(i) = args.iter().position(|a| *a == "--output") {
            let written = std::fs::read_to_string(tree.root.join(args[i + 1])).unwrap_or_default();
            assert!(written.contains("# dossier digest"), "{name} wrote {written:?}");
            found.extend(leaks(&format!("{name} (the file written)"), &written));
        }
    }
    assert!(
        found.is_empty(),
        "{} control-character leak(s):\n{}",
        found.len(),
        found.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// 1. Control characters: the command line.

#[test]
fn check_prints_no_control_characters() {
    assert_no_leaks(&[&["check"], &["check", "--json"]]);
}

#[test]
fn check_of_a_missing_path_with_controls_in_its_name_prints_none() {
    let tree = hostile_tree();
    let missing = raw_name(&tree.corpus, &format!("missing{}", all_but_nul()));
    let run = dossier(
        &[std::ffi::OsStr::new("check"), missing.as_os_str()],
        &tree.root,
        &tree.config,
        &tree.data,
        LIMIT,
    );
    // 2: the path given cannot be opened (README, "Commands").
    assert_eq!(run.code, Some(2), "{}", run.describe());
    let found: Vec<String> = [leaks("stdout", &run.stdout), leaks("stderr", &run.stderr)].concat();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn list_prints_no_control_characters() {
    assert_no_leaks(&[&["list"]]);
}

#[test]
fn list_json_prints_no_control_characters() {
    assert_no_leaks(&[&["list", "--json"]]);
}

#[test]
fn search_in_text_claims_and_statistics_prints_no_control_characters() {
    let mut commands: Vec<Vec<&str>> = Vec::new();
    for scope in ["text", "claims", "statistics"] {
        for query in ["TITLE|2J|Zm9v|note|Summary|Claim|measure", "."] {
            commands.push(vec!["search", "-e", "--scope", scope, query]);
            commands.push(vec!["search", "-e", "--scope", scope, "--json", query]);
        }
    }
    let refs: Vec<&[&str]> = commands.iter().map(Vec::as_slice).collect();
    assert_no_leaks(&refs);
}

#[test]
fn search_in_bookmarks_prints_no_control_characters() {
    assert_no_leaks(&[
        &["search", "--scope", "bookmarks", "bookmark note"],
        &["search", "--scope", "bookmarks", "--json", "bookmark note"],
        &["search", "-e", "--scope", "bookmarks", "."],
        &["search", "-e", "--scope", "bookmarks", "--json", "."],
    ]);
}

#[test]
fn a_bad_regex_with_controls_is_reported_without_them() {
    let tree = hostile_tree();
    let query = format!("({}", all_but_nul());
    let run = dossier(
        &[
            "search".as_ref(),
            "-e".as_ref(),
            query.as_ref(),
            tree.corpus.as_os_str(),
        ],
        &tree.root,
        &tree.config,
        &tree.data,
        LIMIT,
    );
    assert_eq!(run.code, Some(2), "{}", run.describe());
    let found: Vec<String> = [leaks("stdout", &run.stdout), leaks("stderr", &run.stderr)].concat();
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn derive_prints_no_control_characters() {
    assert_no_leaks(&[&["derive"], &["derive", "--evaluate"]]);
}

#[test]
fn export_prints_and_writes_no_control_characters() {
    assert_no_leaks(&[
        &["export"],
        &["export", "--bookmarks"],
        &["export", "--output", "digest.md"],
    ]);
}

#[test]
fn an_unknown_theme_is_reported_without_controls_in_the_names_it_lists() {
    assert_no_leaks(&[&["--theme", "nosuch"]]);
}

// ---------------------------------------------------------------------------------------------
// 1. Control characters: the reader, drawn in-process over the same folders.

/// The reader's state as `dossier` builds it at start-up: settings (config, keymap, every
/// theme), reading state and bookmarks from the data folder, and their problems under `!`.
fn reader_over(tree: &Tree, size: (u16, u16)) -> AppState {
    let mut diagnostics = Vec::new();
    let config = dossier::settings::load_config(Some(&tree.config), &mut diagnostics);
    let (keymap, mut more) = Keymap::load(Some(&tree.config));
    diagnostics.append(&mut more);
    let (names, mut more) = dossier::tui::theme_names(Some(&tree.config));
    diagnostics.append(&mut more);
    for name in &names {
        diagnostics.append(&mut Theme::load(name, Some(&tree.config), false).1);
    }
    let corpus = corpus::load_path(&tree.corpus);
    let identity = corpus.origin.identity();
    let (reading, state_notice) = StateStore::new(&tree.data, &identity).load();
    let bookmarks = match BookmarkStore::new(&tree.data).load() {
        Loaded::Ok { bookmarks, .. } => bookmarks,
        other => panic!("the hostile bookmarks.toml is valid TOML: {other:?}"),
    };
    let mut corpus = corpus;
    corpus.diagnostics.append(&mut diagnostics);
    let mut state = AppState::new(Setup {
        corpus,
        keymap,
        themes: names,
        theme: 0,
        size,
        open: reading.last_brief.clone(),
        session: 1,
        sizes: Sizes {
            measure: config.reader_width,
            ..Sizes::default()
        },
        clipboard: config.clipboard,
        corpus_id: identity,
    });
    state.set_bookmarks(bookmarks);
    state.restore(&reading);
    if let Some(notice) = state_notice {
        state.notify(&notice);
    }
    state
}

/// A step of a screen's script.
enum Step {
    /// Characters typed one by one.
    Type(&'static str),
    Key(KeyCode),
    Ctrl(char),
    Paste(String),
    /// Opens a brief by id.
    Open(&'static str),
}

use Step::{Ctrl, Key, Open, Paste, Type};

fn run_steps(state: &mut AppState, steps: &[Step]) {
    let key = |state: &mut AppState, code: KeyCode, modifiers: KeyModifiers| {
        state.update(Event::Key(KeyEvent::new(code, modifiers)), Now::fixed());
    };
    for step in steps {
        match step {
            Type(text) => text
                .chars()
                .for_each(|c| key(state, KeyCode::Char(c), KeyModifiers::NONE)),
            Key(code) => key(state, *code, KeyModifiers::NONE),
            Ctrl(c) => key(state, KeyCode::Char(*c), KeyModifiers::CONTROL),
            Paste(text) => {
                state.update(Event::Paste(text.clone()), Now::fixed());
            }
            Open(id) => {
                let index = state.corpus().index_of(id).expect("the brief is in the hostile corpus");
                state.open(index, None, None);
            }
        }
    }
}

/// (name, script) for every pane, tab, prompt and popup.
fn screens() -> Vec<(&'static str, Vec<Step>)> {
    let hostile = || Paste(all());
    let mut screens = vec![
        ("start (state restored)", vec![]),
        ("reader", vec![Open("hostile"), Key(KeyCode::Esc)]),
        ("reader at the end", vec![Open("hostile"), Type("G")]),
        ("list", vec![Key(KeyCode::BackTab)]),
        ("list filtered", vec![Key(KeyCode::BackTab), Type("/"), hostile()]),
        (
            "list filter kept",
            vec![Key(KeyCode::BackTab), Type("/"), hostile(), Key(KeyCode::Enter)],
        ),
        (
            "list filter in text",
            vec![Key(KeyCode::BackTab), Type("/"), Ctrl('t'), Type("Raw")],
        ),
        ("search prompt", vec![Open("hostile"), Type("/"), hostile()]),
        (
            "search prompt typed",
            vec![Open("hostile"), Type("/"), Type("\u{1b}\u{9b}\u{202e}x")],
        ),
        ("search history", vec![Open("hostile"), Type("/"), Key(KeyCode::Up)]),
        (
            "search matches",
            vec![Open("hostile"), Type("/Raw"), Key(KeyCode::Enter)],
        ),
        ("note prompt", vec![Open("hostile"), Type("jb"), hostile()]),
        (
            "bookmark made",
            vec![Open("hostile"), Type("jb"), hostile(), Key(KeyCode::Enter), Type("B")],
        ),
        ("selection", vec![Open("hostile"), Type("jjvww")]),
        ("bookmarks tab", vec![Open("hostile"), Type("B")]),
        (
            "bookmarks by brief",
            vec![Open("hostile"), Type("B"), Key(KeyCode::Tab), Type("s")],
        ),
        (
            "orphan explained",
            vec![
                Open("hostile"),
                Type("B"),
                Key(KeyCode::Tab),
                Type("G"),
                Key(KeyCode::Enter),
            ],
        ),
        (
            "note edited",
            vec![Open("hostile"), Type("B"), Key(KeyCode::Tab), Type("e")],
        ),
        ("search all", vec![Type("F"), Type("TITLE")]),
        ("search all pasted", vec![Type("F"), hostile()]),
        ("help", vec![Type("?")]),
        ("help end", vec![Type("?G")]),
        ("problems", vec![Type("!")]),
        ("problems end", vec![Type("!G")]),
        ("outline", vec![Open("hostile"), Type("o")]),
        ("about", vec![Open("hostile"), Type("i")]),
        ("about a named brief", vec![Type("gi")]),
        ("copied", vec![Open("hostile"), Type("jy")]),
        ("zoomed", vec![Open("hostile"), Type("z")]),
    ];
    // Search-all in every scope.
    for (name, tabs) in [
        ("search all claims", 1),
        ("search all statistics", 2),
        ("search all bookmarks", 3),
    ] {
        let mut steps = vec![Type("F"), Type("e")];
        steps.extend((0..tabs).map(|_| Key(KeyCode::Tab)));
        screens.push((name, steps));
    }
    // Every panel tab, focused and not, and a row shown whole.
    for (name, tabs) in [
        ("panel summary", 0),
        ("panel claims", 1),
        ("panel statistics", 2),
        ("panel links", 3),
        ("panel bookmarks", 4),
    ] {
        let mut steps = vec![Open("hostile"), Key(KeyCode::Tab)];
        steps.extend((0..tabs).map(|_| Type("]")));
        screens.push((name, steps));
        let mut whole = vec![Open("hostile"), Key(KeyCode::Tab)];
        whole.extend((0..tabs).map(|_| Type("]")));
        whole.push(Type("j "));
        screens.push((name, whole));
    }
    // The corpus views, each tab and a detail.
    for tabs in 0..4 {
        let mut steps = vec![Type("A")];
        steps.extend((0..tabs).map(|_| Type("]")));
        steps.push(Type("j "));
        screens.push(("corpus views", steps));
    }
    // Themes cycled (one is named with controls; the status bar may name it).
    for n in 1..6 {
        screens.push(("theme cycled", (0..n).map(|_| Type("t")).collect()));
    }
    screens
}

/// Draws each screen at 80x24 and 160x48 over the hostile folders; every cell holding a
/// forbidden character, with its screen and row.
fn cells_with_controls(screens: Vec<(&'static str, Vec<Step>)>) -> Vec<String> {
    let tree = hostile_tree();
    let theme = Theme::load("dark", None, false).0;
    let mut found = Vec::new();
    for (width, height) in [(80u16, 24u16), (160, 48)] {
        for (name, steps) in &screens {
            let mut state = reader_over(&tree, (width, height));
            run_steps(&mut state, steps);
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            terminal.draw(|frame| dossier::ui::draw(frame, &state, &theme)).unwrap();
            let buffer = terminal.backend().buffer();
            for y in 0..height {
                let row: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
                for x in 0..width {
                    if let Some(c) = buffer[(x, y)].symbol().chars().find(|&c| forbidden(c)) {
                        found.push(format!(
                            "{name} at {width}x{height}: cell {x},{y} holds U+{:04X} in row {:?}",
                            c as u32,
                            row.trim_end()
                        ));
                    }
                }
            }
        }
    }
    found
}

/// The screens that show the brief list's filter in the list's title.
const FILTER_SCREENS: [&str; 2] = ["list filtered", "list filter kept"];

#[test]
fn the_reader_draws_no_control_characters_from_any_file() {
    let screens = screens()
        .into_iter()
        .filter(|(name, _)| !FILTER_SCREENS.contains(name))
        .collect();
    let found = cells_with_controls(screens);
    assert!(
        found.is_empty(),
        "{} cell(s) with control characters:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_list_filter_in_the_list_title_draws_no_control_characters() {
    let screens = screens()
        .into_iter()
        .filter(|(name, _)| FILTER_SCREENS.contains(name))
        .collect();
    let found = cells_with_controls(screens);
    assert!(
        found.is_empty(),
        "{} cell(s) with control characters:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// What the real binary writes to a terminal: every byte, read from a pseudo-terminal, and its
/// exit code (`None`: it was killed, still running 10 s after the last key). The keys are sent
/// once the first frame is drawn, or after 20 s.
fn terminal_bytes(tree: &Tree, keys: &[&str]) -> (Vec<u8>, Option<u32>) {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_dossier"));
    command.arg(&tree.corpus);
    command.cwd(&tree.root);
    command.env("DOSSIER_CONFIG_DIR", &tree.config);
    command.env("DOSSIER_DATA_DIR", &tree.data);
    command.env("TERM", "xterm-256color");
    let mut child = pair.slave.spawn_command(command).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let (send, output) = std::sync::mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let _keep_master_open = pair.master;
        let mut buffer = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buffer) {
            if n == 0 || send.send(buffer[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut raw = Vec::new();
    let pump = |raw: &mut Vec<u8>, wait: Duration| {
        while let Ok(bytes) = output.recv_timeout(wait) {
            raw.extend_from_slice(&bytes);
        }
    };
    // The first frame: the status bar names the focused pane.
    let deadline = Instant::now() + Duration::from_secs(20);
    let started = |raw: &[u8]| {
        ["READER", "PANEL", "LIST"]
            .iter()
            .any(|p| String::from_utf8_lossy(raw).contains(p))
    };
    while !started(&raw) && Instant::now() < deadline {
        pump(&mut raw, Duration::from_millis(50));
    }
    if !started(&raw) {
        let _ = child.kill();
        let _ = child.wait();
        return (raw, None);
    }
    for key in keys {
        writer.write_all(key.as_bytes()).unwrap();
        writer.flush().unwrap();
        pump(&mut raw, Duration::from_millis(80));
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        pump(&mut raw, Duration::from_millis(50));
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status.exit_code());
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
    };
    pump(&mut raw, Duration::from_millis(100));
    (raw, status)
}

/// Every window-title or clipboard sequence, C0 control (but ESC, CR, LF), DEL, C1 or bidi
/// control in what dossier wrote to the terminal.
fn raw_leaks(raw: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let context = |at: usize| {
        String::from_utf8_lossy(&raw[at.saturating_sub(30)..(at + 30).min(raw.len())])
            .escape_debug()
            .to_string()
    };
    for (needle, what) in [
        (&b"\x1b]0;"[..], "OSC 0 (window title)"),
        (b"\x1b]2;", "OSC 2 (window title)"),
        (b"\x1b]52;", "OSC 52 (clipboard)"),
    ] {
        for at in (0..raw.len()).filter(|&i| raw[i..].starts_with(needle)) {
            found.push(format!("{what} at byte {at}: …{}…", context(at)));
        }
    }
    let text = String::from_utf8_lossy(raw);
    for (at, c) in text.char_indices() {
        if c != '\u{1b}' && c != '\r' && forbidden(c) {
            let from = text.floor_char_boundary(at.saturating_sub(30));
            let to = text.ceil_char_boundary((at + 30).min(text.len()));
            found.push(format!(
                "U+{:04X} at {at}: …{}…",
                c as u32,
                text[from..to].escape_debug()
            ));
        }
    }
    found
}

/// A bracketed paste of hostile text without ESC (an ESC would end the paste early).
fn hostile_paste() -> String {
    format!("\u{1b}[200~paste{CSI8}{NEL}{DEL}{RLO}{LRI}\u{7}end\u{1b}[201~")
}

#[test]
fn the_real_terminal_gets_no_title_clipboard_c1_or_bidi_sequence_from_any_file() {
    let tree = hostile_tree();
    let paste = hostile_paste();
    let keys = [
        "\t", "]", "]", "]", "]", "]", "j", " ", "\u{1b}", "\t", "\t", // panel tabs, list, reader
        "?", "G", "\u{1b}", "!", "G", "\u{1b}", "o", "\u{1b}", "i", "\u{1b}", // popups
        "F", "TITLE", "\t", "\t", "\t", "\u{1b}", // search-all, every scope
        "A", "]", "]", "]", " ", "\u{1b}", "\u{1b}", // corpus views
        "/", &paste, "\r", // search in the brief, pasted
        "jb", &paste, "\r", "B", // a bookmark with a pasted note
        "t", "t", "t", "t", "q",
    ];
    let (raw, status) = terminal_bytes(&tree, &keys);
    assert_eq!(status, Some(0), "dossier did not quit cleanly");
    let found = raw_leaks(&raw);
    assert!(
        found.is_empty(),
        "{} raw sequence(s) reached the terminal:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn the_real_terminal_gets_no_bidi_control_from_the_list_filter() {
    let tree = hostile_tree();
    let paste = hostile_paste();
    let keys = ["\u{1b}[Z", "/", &paste, "\r", "q"];
    let (raw, status) = terminal_bytes(&tree, &keys);
    assert_eq!(status, Some(0), "dossier did not quit cleanly");
    let found = raw_leaks(&raw);
    assert!(
        found.is_empty(),
        "{} raw sequence(s) reached the terminal:\n{}",
        found.len(),
        found.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// 2. Hostile files.

/// A folder with two clean briefs (`ok.md` with `ok.toml`, `fine.md` with `fine.toml`) copied
/// from tests/fixtures/hostile/base, plus empty config and data folders.
fn base_tree() -> Tree {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_owned();
    let (corpus, config, data) = (root.join("briefs"), root.join("config"), root.join("data"));
    for folder in [&corpus, &config, &data] {
        std::fs::create_dir_all(folder).unwrap();
    }
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/base");
    for entry in std::fs::read_dir(base).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
    }
    Tree {
        _dir: dir,
        root,
        corpus,
        config,
        data,
    }
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// `dossier check` and `dossier list` over the tree's corpus, each with the time limit.
fn check_and_list(tree: &Tree) -> [(String, Run); 2] {
    ["check", "list"].map(|command| {
        let run = dossier(
            &[command.as_ref(), tree.corpus.as_os_str()],
            &tree.root,
            &tree.config,
            &tree.data,
            LIMIT,
        );
        (format!("dossier {command}"), run)
    })
}

/// Each run finished in time, and `check` said something naming `file` and one of `kinds`.
/// The clean briefs still load.
fn assert_reported(runs: &[(String, Run)], file: &str, kinds: &[&str]) {
    let mut problems = Vec::new();
    for (name, run) in runs {
        if !run.finished() {
            problems.push(format!("{name} did not finish: {}", run.describe()));
            continue;
        }
        if name == "dossier check" {
            let said = format!("{}{}", run.stdout, run.stderr);
            let named = said
                .lines()
                .any(|l| l.contains(file) && kinds.iter().any(|k| l.to_lowercase().contains(k)));
            if !named {
                problems.push(format!(
                    "{name} never names `{file}` with what it is ({}): {}",
                    kinds.join(" / "),
                    run.describe()
                ));
            }
        }
        if name == "dossier list" && !run.stdout.contains("fine") {
            problems.push(format!("{name} lost the clean brief: {}", run.describe()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn a_fifo_where_a_sidecar_should_be_is_reported_and_skipped() {
    let tree = base_tree();
    std::fs::remove_file(tree.corpus.join("ok.toml")).unwrap();
    mkfifo(&tree.corpus.join("ok.toml"));
    assert_reported(&check_and_list(&tree), "ok.toml", &["fifo", "named pipe"]);
}

#[test]
fn a_folder_named_like_a_brief_is_reported_and_skipped() {
    let tree = base_tree();
    std::fs::create_dir(tree.corpus.join("x.md")).unwrap();
    assert_reported(&check_and_list(&tree), "x.md", &["folder", "directory"]);
}

#[test]
fn a_fifo_named_like_a_brief_is_reported_and_skipped() {
    let tree = base_tree();
    mkfifo(&tree.corpus.join("y.md"));
    assert_reported(&check_and_list(&tree), "y.md", &["fifo", "named pipe"]);
}

#[test]
fn a_symbolic_link_loop_is_reported_and_skipped() {
    let tree = base_tree();
    std::os::unix::fs::symlink("loop.md", tree.corpus.join("loop.md")).unwrap();
    assert_reported(
        &check_and_list(&tree),
        "loop.md",
        &["symbolic link", "symlink", "link loop", "levels of symbolic links"],
    );
}

#[test]
fn a_sixteen_megabyte_front_matter_is_refused_with_a_message() {
    let tree = base_tree();
    let title = "x".repeat(10 << 20);
    let notes = "y".repeat(6 << 20);
    write(
        &tree.corpus.join("big.md"),
        format!("+++\ntitle = \"{title}\"\nsource_notes = \"{notes}\"\n+++\n# Big\n\nA passage.\n"),
    );
    let runs = check_and_list(&tree);
    assert_reported(&runs, "big.md", &["limit", "too large", "too big"]);
    for (name, run) in &runs {
        assert!(
            run.stdout.len() < 1 << 20,
            "{name} printed {} bytes: a 10 MB title went through",
            run.stdout.len()
        );
    }
}

#[test]
fn a_sidecar_with_a_hundred_thousand_claims_is_refused_with_a_message() {
    let tree = base_tree();
    let mut sidecar = String::from("summary = \"One. Two. Three.\"\n");
    for n in 0..100_000 {
        let _ = write!(
            sidecar,
            "\n[[claims]]\nid = \"claim-{n}\"\ntext = \"Claim {n}.\"\nquote = \"The ok passage is here.\"\ntopics = []\n"
        );
    }
    write(&tree.corpus.join("ok.toml"), sidecar);
    assert_reported(&check_and_list(&tree), "ok.toml", &["limit", "too large", "too many"]);
}

#[test]
fn a_fifo_as_the_bookmarks_file_is_reported_not_waited_on() {
    let tree = base_tree();
    mkfifo(&tree.data.join("bookmarks.toml"));
    let mut problems = Vec::new();
    for args in [&["export"][..], &["search", "--scope", "bookmarks", "passage"][..]] {
        let mut os: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
        os.push(tree.corpus.as_os_str());
        let run = dossier(&os, &tree.root, &tree.config, &tree.data, LIMIT);
        let said = format!("{}{}", run.stdout, run.stderr).to_lowercase();
        if !run.finished()
            || !(said.contains("bookmarks.toml") && (said.contains("fifo") || said.contains("named pipe")))
        {
            problems.push(format!("dossier {}: {}", args.join(" "), run.describe()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn the_reader_starts_with_a_fifo_as_state_bookmarks_or_a_theme() {
    let mut problems = Vec::new();
    for (what, fifo) in [
        ("state.toml", "data/state.toml"),
        ("bookmarks.toml", "data/bookmarks.toml"),
        ("themes/dark.toml", "config/themes/dark.toml"),
    ] {
        let tree = base_tree();
        let path = tree.root.join(fifo);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        mkfifo(&path);
        // `q` closes the problems view, the second quits.
        let (raw, status) = terminal_bytes(&tree, &["!", "q", "q"]);
        let screen = String::from_utf8_lossy(&raw).to_lowercase();
        if status != Some(0) {
            problems.push(format!(
                "a FIFO as {what}: the reader never drew its first frame (killed after 20 s)"
            ));
        } else if !(screen.contains("fifo") || screen.contains("named pipe")) {
            problems.push(format!("a FIFO as {what}: not reported"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The settings problems the reader shows under `!` for a config folder (the same loading as at
/// start-up), as "path:line:col: severity: message" lines.
fn settings_problems(tree: &Tree) -> String {
    let state = reader_over(tree, (100, 30));
    state
        .corpus()
        .diagnostics
        .iter()
        .filter(|d| d.category != corpus::Category::Corpus)
        .map(|d| format!("{d}\n"))
        .collect()
}

#[test]
fn config_toml_as_a_folder_is_reported_and_skipped() {
    let tree = base_tree();
    std::fs::create_dir(tree.config.join("config.toml")).unwrap();
    let problems = settings_problems(&tree);
    assert!(
        problems
            .lines()
            .any(|l| l.contains("config.toml") && l.contains("a folder")),
        "{problems}"
    );
    // The commands do not read settings, and are not bothered by it.
    for (name, run) in check_and_list(&tree) {
        assert_eq!(run.code, Some(0), "{name}: {}", run.describe());
    }
}

#[test]
fn themes_as_a_file_is_reported() {
    let tree = base_tree();
    write(&tree.config.join("themes"), "[roles]\ntext = { fg = \"red\" }\n");
    let problems = settings_problems(&tree);
    assert!(
        problems
            .lines()
            .any(|l| l.contains("themes") && (l.contains("not a folder") || l.contains("a file"))),
        "no problem names `themes`: {problems:?}"
    );
    for (name, run) in check_and_list(&tree) {
        assert_eq!(run.code, Some(0), "{name}: {}", run.describe());
    }
}

// ---------------------------------------------------------------------------------------------
// 3. What the fuzzers found (fuzz/README.md): minimal reproducers. None of them panics today;
//    each breaks a promise the document model or quote anchoring makes, and a caller that
//    slices with the range it gets (`&text[range]`) would panic.

mod found_by_fuzzing {
    use dossier::corpus::{Anchoring, Document, FoldedText, Selector};

    fn parse(markdown: &str) -> Document {
        Document::parse(markdown, 0, markdown)
    }

    fn anchor(doc: &Document, exact: &str) -> Anchoring {
        let selector = Selector {
            exact,
            ..Selector::default()
        };
        FoldedText::new(doc).anchor(&doc.text, &selector)
    }

    /// The range is inside the text and on character boundaries.
    fn assert_in_text(text: &str, range: &std::ops::Range<usize>, what: &str) {
        assert!(
            range.start <= range.end && range.end <= text.len(),
            "{what}: {range:?} is outside the text {text:?} ({} bytes)",
            text.len()
        );
        assert!(
            text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
            "{what}: {range:?} splits a character of {text:?}"
        );
    }

    /// The range lies inside one block.
    fn assert_in_one_block(doc: &Document, range: &std::ops::Range<usize>, what: &str) {
        let blocks: Vec<_> = doc.blocks.iter().map(|b| b.range.clone()).collect();
        assert!(
            blocks.iter().any(|b| b.start <= range.start && range.end <= b.end),
            "{what}: {range:?} = {:?} spans passages {blocks:?} of {:?}",
            doc.text.get(range.clone()),
            doc.text
        );
    }

    #[test]
    fn an_empty_code_block_at_the_end_is_a_range_of_the_text() {
        let doc = parse("a\n\n```");
        for block in &doc.blocks {
            assert_in_text(&doc.text, &block.range, "the empty code block");
        }
    }

    #[test]
    fn a_span_is_a_range_of_the_text() {
        let doc = parse("\n<!A\n");
        for span in doc.blocks.iter().flat_map(|b| &b.spans) {
            assert_in_text(&doc.text, &span.range, "the HTML block's span");
        }
    }

    #[test]
    fn the_closest_passage_of_a_quote_not_found_does_not_split_a_character() {
        let doc = parse("\0");
        match anchor(&doc, "$#") {
            Anchoring::NotFound {
                closest: Some((range, _)),
            } => assert_in_text(&doc.text, &range, "closest"),
            other => assert!(matches!(other, Anchoring::NotFound { .. }), "{other:?}"),
        }
    }

    #[test]
    fn an_approximate_match_stays_inside_one_passage() {
        let doc = parse("alpha beta\n\ngamma delta");
        let result = anchor(&doc, "beta gamma");
        if let Some(range) = result.range() {
            assert_in_text(&doc.text, &range, "the match");
            assert_in_one_block(&doc, &range, "the approximate match");
        }
    }

    #[test]
    fn a_quote_holding_the_separator_character_does_not_match_across_passages() {
        // A bookmark's `exact` is not sanitized: bookmarks.toml may say "a\u0001b".
        let doc = parse("alpha\n\nbeta");
        let result = anchor(&doc, "alpha\u{1}beta");
        if let Some(range) = result.range() {
            assert_in_one_block(&doc, &range, "the exact match");
        }
    }

    #[test]
    fn a_quote_matching_the_separator_before_an_empty_last_block_is_inside_the_text() {
        let doc = parse("a\n\n```");
        let result = anchor(&doc, "\u{1}");
        let ranges = match &result {
            Anchoring::Ambiguous(ranges) => ranges.clone(),
            Anchoring::NotFound { closest } => closest.iter().map(|(r, _)| r.clone()).collect(),
            other => other.range().into_iter().collect(),
        };
        for range in ranges {
            assert_in_text(&doc.text, &range, &format!("{result:?}"));
        }
    }
}
