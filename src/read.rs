//! Reading a file that might not be what it seems. Only regular files are read: opening a FIFO
//! blocks until something writes to it, and a device or a folder is never a brief or a setting.
//! Every read has a size limit, so a huge file is refused with a message instead of stalling.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

/// Why a file was not read.
#[derive(Debug)]
pub enum Refused {
    /// It exists but is a folder, a FIFO, a socket or a device.
    NotAFile(&'static str),
    /// It is larger than the limit for its kind.
    TooLarge {
        size: u64,
        limit: u64,
    },
    Io(io::Error),
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::NotAFile(kind) => write!(f, "it is {kind}, not a regular file; skipped"),
            Refused::TooLarge { size, limit } => write!(
                f,
                "it is {}, over the limit of {}; not read",
                human_size(*size),
                human_size(*limit)
            ),
            Refused::Io(e) => f.write_str(&reason(e)),
        }
    }
}

/// What kind of thing a non-file is, in words.
pub fn kind_of(file_type: fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_fifo() {
        "a FIFO (named pipe)"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_block_device() || file_type.is_char_device() {
        "a device"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    }
}

/// Opens `path` for reading when it is a regular file (symbolic links followed); its size.
/// `Ok(None)` when it does not exist. A FIFO is opened without waiting for a writer, then refused.
pub fn open_regular(path: &Path) -> Result<Option<(File, u64)>, Refused> {
    use std::os::unix::fs::OpenOptionsExt;
    let file = match fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        // A folder cannot be opened for reading on every system: say what it is.
        Err(e) => {
            return match fs::metadata(path) {
                Ok(m) if !m.is_file() => Err(Refused::NotAFile(kind_of(m.file_type()))),
                _ => Err(Refused::Io(e)),
            };
        }
    };
    let metadata = file.metadata().map_err(Refused::Io)?;
    if !metadata.is_file() {
        return Err(Refused::NotAFile(kind_of(metadata.file_type())));
    }
    Ok(Some((file, metadata.len())))
}

/// Reads `path` when it is a regular file (symbolic links followed) of at most `limit` bytes.
/// `Ok(None)` when it does not exist.
pub fn regular_file(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, Refused> {
    let Some((file, size)) = open_regular(path)? else {
        return Ok(None);
    };
    if size > limit {
        return Err(Refused::TooLarge { size, limit });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    // The file may have grown since it was measured: read one byte past the limit to notice.
    file.take(limit + 1).read_to_end(&mut bytes).map_err(Refused::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Refused::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(Some(bytes))
}

/// UTF-8 text, or where the first invalid byte is: (1-based line, column) and the text decoded
/// with replacement characters.
pub fn utf8(bytes: Vec<u8>) -> Result<String, ((usize, usize), String)> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let before = String::from_utf8_lossy(bytes.get(..valid).unwrap_or(&[]));
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, str::len) + 1;
            Err(((line, column), String::from_utf8_lossy(&bytes).into_owned()))
        }
    }
}

/// A short reason for an I/O error, for messages.
pub fn reason(error: &io::Error) -> String {
    use io::ErrorKind as K;
    match error.kind() {
        K::ReadOnlyFilesystem => "the file system is read-only".to_owned(),
        K::StorageFull => "the disk is full".to_owned(),
        K::PermissionDenied => "permission denied".to_owned(),
        K::NotFound => "no such file or folder".to_owned(),
        K::NotADirectory => "part of the path is a file, not a folder".to_owned(),
        K::IsADirectory => "it is a folder".to_owned(),
        _ => error.to_string(),
    }
}

/// 1536 -> "1.5 KiB".
pub fn human_size(bytes: u64) -> String {
    let mut value = bytes as f64;
    for unit in ["bytes", "KiB", "MiB", "GiB"] {
        if value < 1024.0 || unit == "GiB" {
            return if unit == "bytes" {
                format!("{bytes} bytes")
            } else {
                format!("{:.1} {unit}", value)
            };
        }
        value /= 1024.0;
    }
    format!("{bytes} bytes")
}

/// Whether a file's first bytes say it is not text: the signature of a common binary format, or
/// NUL bytes making up at least 1 in 100 of them (UTF-16 and executables have many). A stray NUL
/// in a text file does not count: the document is read and the NUL shown as a placeholder.
pub fn looks_binary(sample: &[u8]) -> bool {
    const SIGNATURES: [&[u8]; 8] = [
        b"\x89PNG",
        b"%PDF-",
        b"PK\x03\x04",
        b"\x7fELF",
        b"GIF8",
        b"\xff\xd8\xff",
        b"\x1f\x8b",
        b"\xfe\xff",
    ];
    if SIGNATURES.iter().any(|s| sample.starts_with(s)) || sample.starts_with(b"\xff\xfe") {
        return true;
    }
    let nuls = memchr::memchr_iter(0, sample).count();
    nuls > 0 && nuls * 100 >= sample.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_is_told_from_text_with_a_stray_nul() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(looks_binary(b"%PDF-1.7\n"));
        assert!(looks_binary(
            "# Title\n\nText."
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<_>>()
                .as_slice()
        ));
        let mut text = "A paragraph of ordinary words. ".repeat(20).into_bytes();
        assert!(!looks_binary(&text));
        text.insert(100, 0);
        assert!(!looks_binary(&text), "one NUL in 600 bytes is a stray character");
        assert!(!looks_binary(b""));
    }

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.toml");
        fs::write(&file, "x = 1\n").unwrap();
        assert_eq!(regular_file(&file, 100).unwrap().unwrap(), b"x = 1\n");
        assert!(regular_file(&dir.path().join("missing"), 100).unwrap().is_none());
        assert!(matches!(
            regular_file(&file, 3),
            Err(Refused::TooLarge { size: 6, limit: 3 })
        ));
        assert!(matches!(
            regular_file(dir.path(), 100),
            Err(Refused::NotAFile("a folder"))
        ));
        let fifo = dir.path().join("pipe.toml");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(status.success());
        // Would block forever if it were opened.
        assert!(matches!(
            regular_file(&fifo, 100),
            Err(Refused::NotAFile("a FIFO (named pipe)"))
        ));
    }

    #[test]
    fn invalid_utf8_names_its_line_and_column() {
        assert_eq!(utf8(b"ok".to_vec()).unwrap(), "ok");
        let ((line, column), text) = utf8(b"a = 1\n# caf\xe9\n".to_vec()).unwrap_err();
        assert_eq!((line, column), (2, 6));
        assert!(text.contains('\u{fffd}'));
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(12), "12 bytes");
    }
}
