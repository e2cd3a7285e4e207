//! Files that must never lose what the user saved: atomic replacement, a lock around
//! read-merge-write, and unreadable files moved aside rather than overwritten.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Replaces `path` with `contents` atomically: a temporary file in the same folder, fsync, rename
/// over the old file, fsync of the folder. A crash leaves the old file or the new one, never half.
/// A symbolic link (a file kept in a dotfiles repository) is written through: its target is
/// replaced and the link stays a link.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let target = resolve_links(path);
    let path = target.as_path();
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut created = false;
    let result = (|| {
        let mut file = File::create(&temp)?;
        created = true;
        file.write_all(contents)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)?;
        File::open(dir)?.sync_all()
    })();
    if result.is_err() && created {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// Where a chain of symbolic links ends (the path itself when it is not a link). A dangling link
/// ends at its target, which the write then creates.
fn resolve_links(path: &Path) -> PathBuf {
    let mut current = path.to_owned();
    for _ in 0..32 {
        match fs::read_link(&current) {
            Ok(next) => {
                current = match current.parent() {
                    Some(dir) if next.is_relative() => dir.join(next),
                    _ => next,
                };
            }
            Err(_) => return current,
        }
    }
    // A loop: write where the user pointed, replacing the link, rather than follow forever.
    path.to_owned()
}

/// Removes temporary files a killed writer left beside `path`. Call it only under the lock: then
/// no other writer is between creating and renaming one.
pub fn remove_stale_temporaries(path: &Path) {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let file = entry.file_name();
        let file = file.to_string_lossy();
        if file.starts_with(&prefix) && file.ends_with(".tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// An exclusive advisory lock on a separate lock file, held until dropped.
pub struct Lock {
    file: File,
}

/// How long a save waits for another dossier to release a lock before giving up for now.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(2);

/// Why a lock was not taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("another dossier is holding {0} (waited {1} s); will try again with the next change")]
    Busy(String, u64),
    #[error("{0}")]
    Io(#[from] io::Error),
}

impl Lock {
    /// Takes the lock on `path` (created if missing), waiting at most `timeout` for another
    /// process to release it.
    ///
    /// The wait is a blocking `flock` on a second handle of the same open file, made on a
    /// thread of its own, so the kernel hands the lock over the moment it is released. Polling
    /// with `try_lock` lost that race again and again to a process that saves in a loop: it
    /// released and re-took the lock between two polls.
    pub fn acquire(path: &Path, timeout: Duration) -> Result<Lock, LockError> {
        let file = OpenOptions::new().create(true).truncate(false).write(true).open(path)?;
        match file.try_lock() {
            Ok(()) => return Ok(Lock { file }),
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(e)) => return Err(LockError::Io(e)),
        }
        // A lock taken through the clone belongs to the open file both handles share.
        let waiter = file.try_clone()?;
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let taken = loop {
                match waiter.lock() {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    other => break other,
                }
            };
            // Nobody waits any more (timed out): let a lock taken go at once rather than hold it
            // until this handle closes.
            if sender.send(taken).is_err() {
                let _ = waiter.unlock();
            }
        });
        match receiver.recv_timeout(timeout) {
            Ok(Ok(())) => Ok(Lock { file }),
            Ok(Err(e)) => Err(LockError::Io(e)),
            Err(_) => Err(LockError::Busy(path.display().to_string(), timeout.as_secs())),
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Closing the file would release the lock too; unlocking first says so plainly.
        let _ = self.file.unlock();
    }
}

/// A free name beside `path`: `<name>.<what>-<timestamp>`.
fn aside_name(path: &Path, what: &str) -> PathBuf {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let stamp = super::now_compact();
    let mut target = path.with_file_name(format!("{name}.{what}-{stamp}"));
    let mut n = 1;
    while target.exists() {
        target = path.with_file_name(format!("{name}.{what}-{stamp}-{n}"));
        n += 1;
    }
    target
}

/// Moves an unreadable file aside as `<name>.broken-<timestamp>` and returns the new path.
pub fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let target = aside_name(path, "broken");
    fs::rename(path, &target)?;
    Ok(target)
}

/// Copies a file with entries that could not be read to `<name>.unread-<timestamp>`, so their
/// text is kept when the file is rewritten without them; returns the copy's path.
pub fn copy_aside(path: &Path) -> io::Result<PathBuf> {
    let target = aside_name(path, "unread");
    fs::copy(path, &target)?;
    Ok(target)
}

/// A short reason for an I/O error, for the status bar.
pub fn reason(error: &io::Error) -> String {
    crate::read::reason(error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.toml");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("f.toml");
        assert!(write_atomic(&path, b"x").is_err());
        let path = dir.path().join("f.toml");
        write_atomic(&path, b"old").unwrap();
        // A folder where the temporary file must go makes the write fail for any user, root too.
        let temp = dir.path().join(format!(".f.toml.{}.tmp", std::process::id()));
        fs::create_dir(&temp).unwrap();
        assert!(write_atomic(&path, b"new").is_err());
        assert_eq!(fs::read(&path).unwrap(), b"old", "the old file is untouched");
        assert!(temp.is_dir(), "and what was in the way is left alone");
    }

    #[test]
    fn a_held_lock_makes_the_next_one_wait_then_give_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let held = Lock::acquire(&path, LOCK_TIMEOUT).unwrap();
        let start = Instant::now();
        let second = Lock::acquire(&path, Duration::from_millis(100));
        assert!(matches!(second, Err(LockError::Busy(..))));
        assert!(start.elapsed() >= Duration::from_millis(100));
        drop(held);
        assert!(Lock::acquire(&path, Duration::from_millis(100)).is_ok());
    }

    #[test]
    fn a_waiting_lock_is_handed_over_when_released_even_to_a_tight_loop() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        // Another holder takes and releases the lock in a tight loop for half a second: a waiter
        // that polled between its turns would rarely find it free.
        let looper = {
            let path = path.clone();
            std::thread::spawn(move || {
                let until = Instant::now() + Duration::from_millis(500);
                while Instant::now() < until {
                    let _held = Lock::acquire(&path, LOCK_TIMEOUT).unwrap();
                    std::thread::sleep(Duration::from_millis(2));
                }
            })
        };
        std::thread::sleep(Duration::from_millis(20));
        for _ in 0..20 {
            assert!(Lock::acquire(&path, Duration::from_millis(400)).is_ok());
        }
        looper.join().unwrap();
    }

    #[test]
    fn moving_aside_keeps_the_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bookmarks.toml");
        fs::write(&path, b"\xff not toml").unwrap();
        let moved = move_aside(&path).unwrap();
        assert!(!path.exists());
        assert_eq!(fs::read(&moved).unwrap(), b"\xff not toml");
        assert!(
            moved
                .file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("bookmarks.toml.broken-")
        );
    }
}
