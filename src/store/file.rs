//! Files that must never lose what the user saved: atomic replacement, a lock around
//! read-merge-write, and unreadable files moved aside rather than overwritten.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Replaces `path` with `contents` atomically: a temporary file in the same folder, fsync, rename
/// over the old file, fsync of the folder. A crash leaves the old file or the new one, never half.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = File::create(&temp)?;
        file.write_all(contents)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temp, path)?;
        File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
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

impl Lock {
    /// Waits for the lock on `path` (created if missing).
    pub fn acquire(path: &Path) -> io::Result<Lock> {
        let file = OpenOptions::new().create(true).truncate(false).write(true).open(path)?;
        loop {
            // SAFETY: flock on a descriptor we own; it only changes the lock state.
            let rc = unsafe { libc::flock(std::os::fd::AsRawFd::as_raw_fd(&file), libc::LOCK_EX) };
            if rc == 0 {
                return Ok(Lock { file });
            }
            let error = io::Error::last_os_error();
            if error.kind() != io::ErrorKind::Interrupted {
                return Err(error);
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // SAFETY: unlocking our own descriptor; closing it would release the lock anyway.
        unsafe { libc::flock(std::os::fd::AsRawFd::as_raw_fd(&self.file), libc::LOCK_UN) };
    }
}

/// Moves an unreadable file aside as `<name>.broken-<timestamp>` and returns the new path.
pub fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let stamp = super::now_compact();
    let mut target = path.with_file_name(format!("{name}.broken-{stamp}"));
    let mut n = 1;
    while target.exists() {
        target = path.with_file_name(format!("{name}.broken-{stamp}-{n}"));
        n += 1;
    }
    fs::rename(path, &target)?;
    Ok(target)
}

/// A short reason for an I/O error, for the status bar.
pub fn reason(error: &io::Error) -> String {
    match error.raw_os_error() {
        Some(libc::EROFS) => "the file system is read-only".to_owned(),
        Some(libc::ENOSPC) => "the disk is full".to_owned(),
        Some(libc::EACCES) | Some(libc::EPERM) => "permission denied".to_owned(),
        Some(libc::ENOENT) => "the folder does not exist".to_owned(),
        Some(libc::ENOTDIR) => "part of the path is a file, not a folder".to_owned(),
        _ => error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let mut perms = fs::metadata(dir.path()).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o500);
        fs::set_permissions(dir.path(), perms.clone()).unwrap();
        let denied = write_atomic(&path, b"new");
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o700);
        fs::set_permissions(dir.path(), perms).unwrap();
        // Root ignores folder permissions; only check the outcome where they apply.
        if denied.is_err() {
            assert_eq!(fs::read(&path).unwrap(), b"old");
        }
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
