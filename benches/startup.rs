//! Start-up as a user sees it: the real release binary spawned in a pseudo-terminal (120x40), timed
//! from spawn until a marker is on screen, next to `less` on the same files in the same run, so the
//! machine's noise cancels in the ratios. Also `G` until the last line shows, and peak resident
//! memory (`VmHWM`).
//!
//! Inputs are generated, deterministic, and kept in `target/bench-data/`: a 10 MB brief, a 200 MB
//! brief, and a folder of 2,000 briefs (about 11 MB). Run with `cargo bench --bench startup`
//! (it builds the release binary first). `DOSSIER_BENCH_RUNS` sets the runs per figure (default 5,
//! the median is reported); `DOSSIER_BENCH_SKIP_200MB=1` leaves out the 200 MB brief;
//! `DOSSIER_BENCH_AB=PATH` runs another build of dossier interleaved with this one (an A/B); an
//! argument picks cases by name (`cargo bench --bench startup -- "10 MB"`).

#![allow(clippy::expect_used, clippy::unwrap_used)] // a benchmark that cannot set up should stop loudly

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 40;
const COLS: u16 = 120;
const FIRST: &str = "Opening marker heading";
const LAST: &str = "Closing marker sentence";

/// The body of a brief: the research paper's text under numbered parts.
fn paper_body() -> &'static str {
    let seed = include_str!("../briefs/taliban-return-pakistan-security.md");
    seed.split_once("\n+++\n").map_or(seed, |(_, b)| b)
}

fn big_brief(bytes: usize) -> String {
    let mut md = format!("+++\ntitle = \"Generated brief\"\n+++\n\n# {FIRST}\n\nThe first paragraph.\n");
    let body = paper_body();
    let mut part = 0;
    while md.len() < bytes {
        part += 1;
        md.push_str(&format!("\n# Part {part}\n\n"));
        md.push_str(body);
    }
    md.push_str(&format!("\n{LAST}.\n"));
    md
}

fn data_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn brief_file(name: &str, bytes: usize) -> PathBuf {
    let path = data_dir().join(name);
    if !path.exists() {
        std::fs::write(&path, big_brief(bytes)).unwrap();
    }
    path
}

/// 2,000 briefs of about 5.5 KB, paragraphs of the paper in a varying order; the first in name
/// order starts with the marker heading.
fn folder() -> (PathBuf, Vec<PathBuf>) {
    let dir = data_dir().join("corpus-2000");
    let paragraphs: Vec<&str> = paper_body().split("\n\n").filter(|p| p.len() > 200).collect();
    let mut files = Vec::new();
    let fresh = !dir.exists();
    std::fs::create_dir_all(&dir).unwrap();
    let mut seed: u64 = 7;
    for n in 0..2000 {
        let path = dir.join(format!("brief-{n:04}.md"));
        if fresh {
            let heading = if n == 0 { FIRST.to_owned() } else { format!("Brief {n}") };
            let mut md = format!("+++\ntitle = \"Brief {n}\"\n+++\n\n# {heading}\n\n");
            while md.len() < 5_500 {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                md.push_str(paragraphs[usize::try_from(seed >> 33).unwrap() % paragraphs.len()]);
                md.push_str("\n\n");
            }
            std::fs::write(&path, md).unwrap();
        }
        files.push(path);
    }
    (dir, files)
}

struct Run {
    first: Duration,
    last: Option<Duration>,
    peak_kib: u64,
}

/// Spawns `program args` in a pty; waits for `FIRST`, then (if `press_g`) sends `G` and waits for
/// `LAST`; reads VmHWM; quits.
fn run(program: &str, args: &[String], press_g: bool, quit: &[u8]) -> Run {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut command = CommandBuilder::new(program);
    command.args(args);
    command.env("TERM", "xterm-256color");
    let data = tempfile::tempdir().unwrap();
    command.env("DOSSIER_DATA_DIR", data.path().join("data"));
    command.env("DOSSIER_CONFIG_DIR", data.path().join("config"));
    command.env("LESS", "");
    let start = Instant::now();
    let mut child = pair.slave.spawn_command(command).unwrap();
    drop(pair.slave);
    let pid = child.process_id().unwrap();
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut writer = pair.master.take_writer().unwrap();
    let (send, output): (_, Receiver<Vec<u8>>) = mpsc::channel();
    std::thread::spawn(move || {
        let _keep = pair.master;
        let mut buffer = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buffer) {
            if n == 0 || send.send(buffer[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut parser = vt100::Parser::new(ROWS.try_into().unwrap(), COLS.try_into().unwrap(), 0);
    let first = wait(&output, &mut parser, &mut writer, start, program, FIRST);
    let last = if press_g {
        let pressed = start.elapsed();
        writer.write_all(b"G").unwrap();
        writer.flush().unwrap();
        Some(wait(&output, &mut parser, &mut writer, start, program, LAST) - pressed)
    } else {
        None
    };
    // Peak memory counts the work that follows the first screen (parsing the rest, deriving):
    // wait until the process has used no CPU for a moment.
    wait_idle(pid);
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let peak_kib = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    writer.write_all(quit).unwrap();
    writer.flush().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = child.kill();
    Run { first, last, peak_kib }
}

/// CPU time used so far by process `pid` (all threads), in clock ticks.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name.
    fields
        .get(11..13)
        .map_or(0, |f| f.iter().filter_map(|n| n.parse::<u64>().ok()).sum())
}

/// Waits until `pid` has used no CPU for half a second (at most two minutes).
fn wait_idle(pid: u32) {
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut last = cpu_ticks(pid);
    let mut quiet = 0;
    while quiet < 5 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
        let now = cpu_ticks(pid);
        quiet = if now == last { quiet + 1 } else { 0 };
        last = now;
    }
}

/// Reads the program's output until `needle` is on screen; the time since `start`.
fn wait(
    output: &Receiver<Vec<u8>>,
    parser: &mut vt100::Parser,
    writer: &mut Box<dyn Write + Send>,
    start: Instant,
    program: &str,
    needle: &str,
) -> Duration {
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Ok(bytes) = output.recv_timeout(Duration::from_millis(1)) {
            parser.process(&bytes);
            // Answer a cursor position query, as a terminal would.
            if bytes.windows(4).any(|w| w == b"\x1b[6n") {
                let _ = writer.write_all(b"\x1b[1;1R");
            }
        }
        if parser.screen().contents().contains(needle) {
            return start.elapsed();
        }
        assert!(Instant::now() < deadline, "{program}: {needle} never showed");
    }
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    values[values.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn mib(kib: u64) -> String {
    format!("{:.0} MiB", kib as f64 / 1024.0)
}

/// Both programs on one input, `runs` times each, interleaved.
fn compare(name: &str, dossier_args: &[String], less_args: &[String], press_g: bool, runs: usize) {
    let binary = env!("CARGO_BIN_EXE_dossier");
    // DOSSIER_BENCH_AB names another build of dossier, run interleaved with this one: an A/B
    // whose noise cancels as the ratios' does.
    let other = std::env::var("DOSSIER_BENCH_AB").ok();
    let (mut d, mut l, mut o) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        d.push(run(binary, dossier_args, press_g, b"q"));
        l.push(run("less", less_args, press_g, b"q"));
        if let Some(other) = &other {
            o.push(run(other, dossier_args, press_g, b"q"));
        }
    }
    let firsts = |v: &[Run]| median(v.iter().map(|r| r.first).collect());
    let lasts = |v: &[Run]| median(v.iter().filter_map(|r| r.last).collect());
    let peak = |v: &[Run]| v.iter().map(|r| r.peak_kib).max().unwrap_or(0);
    let ratio = |a: Duration, b: Duration| a.as_secs_f64() / b.as_secs_f64().max(1e-6);
    let (df, lf) = (firsts(&d), firsts(&l));
    println!(
        "{name}: first screen: dossier {} / less {} = {:.2}x",
        ms(df),
        ms(lf),
        ratio(df, lf)
    );
    if let Some(other) = &other {
        let of = firsts(&o);
        println!("{name}: first screen: {other} {} = {:.2}x", ms(of), ratio(of, lf));
    }
    if press_g {
        let (dl, ll) = (lasts(&d), lasts(&l));
        println!(
            "{name}: G to the last line: dossier {} / less {} = {:.2}x",
            ms(dl),
            ms(ll),
            ratio(dl, ll)
        );
    }
    println!(
        "{name}: peak memory: dossier {} / less {}",
        mib(peak(&d)),
        mib(peak(&l))
    );
}

fn main() {
    // `cargo bench` passes --bench; a filter argument picks cases by name.
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let runs: usize = std::env::var("DOSSIER_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let wanted = |name: &str| filter.as_deref().is_none_or(|f| name.contains(f));
    println!("pty start-up benchmark: {COLS}x{ROWS}, median of {runs} runs, dossier and less interleaved");
    if wanted("10 MB") {
        let file = brief_file("brief-10mb.md", 10_000_000).display().to_string();
        compare(
            "10 MB brief",
            std::slice::from_ref(&file),
            std::slice::from_ref(&file),
            true,
            runs,
        );
    }
    if wanted("2,000") {
        let (dir, files) = folder();
        let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        compare("2,000 briefs", &[dir.display().to_string()], &names, false, runs);
    }
    if wanted("200 MB") && std::env::var_os("DOSSIER_BENCH_SKIP_200MB").is_none() {
        let file = brief_file("brief-200mb.md", 200_000_000).display().to_string();
        compare(
            "200 MB brief",
            std::slice::from_ref(&file),
            std::slice::from_ref(&file),
            true,
            runs.min(3),
        );
    }
}
