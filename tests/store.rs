//! Bookmarks on disk under stress: two processes writing at once, and writers killed mid-save.
//! The workers are this test binary run again with DOSSIER_STORE_WORKER set.

#![allow(clippy::expect_used, clippy::unwrap_used)] // test code: a failed setup should fail the test loudly

use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::Duration;

use dossier::store::{Bookmark, BookmarkStore, Change};

fn bookmark(tag: &str, n: usize) -> Bookmark {
    Bookmark {
        id: format!("{tag}-{n}"),
        brief: "us-pakistan-ct-partnership".into(),
        created: "2026-11-21T12:00:00Z".into(),
        note: format!("note {n} from {tag}"),
        section: String::new(),
        exact: format!("passage {n}"),
        prefix: String::new(),
        suffix: String::new(),
        position: n,
        content_hash: "0".into(),
        corpus: Some("bundled".into()),
        extra: toml::Table::new(),
    }
}

/// What a worker process does: `add:<dir>:<tag>` saves 100 bookmarks one save at a time;
/// `churn:<dir>` keeps saving until killed.
fn run_job(job: &str) {
    let mut parts = job.splitn(3, ':');
    let (kind, dir) = (parts.next().unwrap_or(""), PathBuf::from(parts.next().unwrap_or(".")));
    let store = BookmarkStore::new(&dir);
    match kind {
        "add" => {
            let tag = parts.next().unwrap_or("w");
            for n in 0..100 {
                store.save(&[Change::Add(bookmark(tag, n))]).expect("save");
            }
        }
        "churn" => {
            for n in 0..100_000 {
                let change = if n % 3 == 2 {
                    Change::Delete(format!("churn-{}", n - 1))
                } else {
                    Change::Add(bookmark("churn", n))
                };
                store.save(&[change]).expect("save");
            }
        }
        other => panic!("unknown job {other}"),
    }
}

/// Run by the tests below as a separate process (with DOSSIER_STORE_WORKER set) to do a job. In
/// a normal run it does the `add` job itself, in-process, and checks the result, so the code the
/// workers run is tested on its own too.
#[test]
fn worker() {
    if let Ok(job) = std::env::var("DOSSIER_STORE_WORKER") {
        run_job(&job);
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    run_job(&format!("add:{}:solo", dir.path().display()));
    let all = BookmarkStore::new(dir.path()).peek().unwrap();
    assert_eq!(all.len(), 100);
    assert!(all.iter().all(|b| b.id.starts_with("solo-")));
}

fn spawn(job: String) -> Child {
    Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "worker", "--test-threads=1", "--quiet"])
        .env("DOSSIER_STORE_WORKER", job)
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("worker starts")
}

#[test]
fn two_processes_adding_100_bookmarks_each_keep_all_200() {
    let dir = tempfile::tempdir().unwrap();
    let workers: Vec<Child> = ["a", "b"]
        .iter()
        .map(|tag| spawn(format!("add:{}:{tag}", dir.path().display())))
        .collect();
    for mut worker in workers {
        assert!(worker.wait().unwrap().success());
    }
    let all = BookmarkStore::new(dir.path()).peek().unwrap();
    assert_eq!(all.len(), 200);
    for tag in ["a", "b"] {
        for n in 0..100 {
            assert!(all.iter().any(|b| b.id == format!("{tag}-{n}")), "{tag}-{n} lost");
        }
    }
}

fn bookmarks_file_parses(dir: &Path) -> Result<usize, String> {
    if !dir.join("bookmarks.toml").exists() {
        return Ok(0);
    }
    BookmarkStore::new(dir).peek().map(|b| b.len())
}

#[test]
fn a_writer_killed_at_random_moments_200_times_never_leaves_a_broken_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut saw_content = 0;
    for round in 0..200 {
        let mut child = spawn(format!("churn:{}", dir.path().display()));
        // A pseudo-random moment between 2 and 40 ms after the start.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(2_000 + seed % 38_000));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        match bookmarks_file_parses(dir.path()) {
            Ok(n) => saw_content += usize::from(n > 0),
            Err(e) => panic!("round {round}: the file did not parse after SIGKILL: {e}"),
        }
    }
    assert!(
        saw_content > 100,
        "the writers got far enough to write in most rounds ({saw_content})"
    );
}
