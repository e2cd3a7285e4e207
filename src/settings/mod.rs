//! The user's settings: where config and data live, `config.toml`, and reading any settings file
//! (keymap, theme) safely, with every problem named by file and line.

use std::path::{Path, PathBuf};

use crate::corpus::{Category, Diagnostic};
use crate::read;

/// The largest settings file read (config, keymap, theme): 1 MiB.
pub const SETTINGS_LIMIT: u64 = 1 << 20;

/// Where config (keymap.toml, config.toml, themes/) and data (bookmarks, reading state) live.
#[derive(Debug, Clone, Default)]
pub struct Dirs {
    pub config: Option<PathBuf>,
    pub data: Option<PathBuf>,
}

impl Dirs {
    /// `DOSSIER_CONFIG_DIR` / `DOSSIER_DATA_DIR` win; otherwise the platform's usual folders.
    pub fn from_env() -> Dirs {
        let pick = |var: &str, fallback: Option<PathBuf>| std::env::var_os(var).map(PathBuf::from).or(fallback);
        let (config, data) = platform_folders();
        Dirs {
            config: pick("DOSSIER_CONFIG_DIR", config),
            data: pick("DOSSIER_DATA_DIR", data),
        }
    }
}

/// The platform's usual config and data folders for dossier.
fn platform_folders() -> (Option<PathBuf>, Option<PathBuf>) {
    #[cfg(target_os = "linux")]
    if std::env::var_os("HOME").is_none_or(|h| h.is_empty()) {
        return without_home();
    }
    let project = directories::ProjectDirs::from("", "", "dossier");
    (
        project.as_ref().map(|p| p.config_dir().to_owned()),
        project.as_ref().map(|p| p.data_dir().to_owned()),
    )
}

/// The folders on Linux when `HOME` is unset: the XDG variables when absolute, else the home folder
/// named for this user in `/etc/passwd`. Read here rather than asked of the C library, because the
/// binary is linked statically (`.cargo/link-gcc`) and glibc's user lookup would load its NSS
/// modules at run time, which must be the very version the binary was built with.
#[cfg(target_os = "linux")]
fn without_home() -> (Option<PathBuf>, Option<PathBuf>) {
    use std::os::unix::fs::MetadataExt as _;
    let home = std::fs::metadata("/proc/self")
        .ok()
        .and_then(|me| Some((me.uid(), std::fs::read_to_string("/etc/passwd").ok()?)))
        .and_then(|(uid, passwd)| passwd_home(&passwd, uid));
    let folder = |var: &str, under_home: &str| {
        std::env::var_os(var)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
            .or_else(|| home.as_ref().map(|h| h.join(under_home)))
            .map(|p| p.join("dossier"))
    };
    (
        folder("XDG_CONFIG_HOME", ".config"),
        folder("XDG_DATA_HOME", ".local/share"),
    )
}

/// The home folder of user `uid` in the text of `/etc/passwd` (`name:password:uid:gid:gecos:home:shell`).
#[cfg(any(target_os = "linux", test))]
fn passwd_home(passwd: &str, uid: u32) -> Option<PathBuf> {
    passwd.lines().find_map(|line| {
        let fields: Vec<&str> = line.split(':').collect();
        let home = PathBuf::from(fields.get(5)?);
        (fields.get(2)?.parse::<u32>().ok()? == uid && home.is_absolute()).then_some(home)
    })
}

/// A settings file's text, when it exists and can be read. A folder or FIFO where the file should
/// be, a file over the limit, or an unreadable one is reported and skipped; invalid UTF-8 is
/// reported at its line and the rest is read.
pub fn read_text(path: &Path, category: Category, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    let shown = path.display().to_string();
    let bytes = match read::regular_file(path, SETTINGS_LIMIT) {
        Ok(bytes) => bytes?,
        Err(refused) => {
            diagnostics.push(Diagnostic::warning(&shown, (1, 1), refused.to_string()).about(category));
            return None;
        }
    };
    match read::utf8(bytes) {
        Ok(text) => Some(text),
        Err((position, text)) => {
            diagnostics.push(
                Diagnostic::warning(
                    &shown,
                    position,
                    "not valid UTF-8 here; the byte is read as a replacement character",
                )
                .about(category),
            );
            Some(text)
        }
    }
}

/// A TOML table from a settings file, or the parse error reported at its line.
pub fn parse_table(
    path: &Path,
    text: &str,
    category: Category,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<toml::Table> {
    match toml::from_str::<toml::Table>(text) {
        Ok(table) => Some(table),
        Err(e) => {
            let lines = crate::corpus::document::line_starts(text);
            let position = e
                .span()
                .map_or((1, 1), |s| crate::corpus::document::line_col(&lines, s.start));
            let what = match category {
                Category::Keymap => "keymap",
                Category::Theme => "theme",
                _ => "settings",
            };
            diagnostics.push(
                Diagnostic::warning(
                    &path.display().to_string(),
                    position,
                    format!("{what} not loaded: {}", e.message()),
                )
                .about(category),
            );
            None
        }
    }
}

/// The line where `key = ...` (or `"key" = ...`) is written in `text`, optionally inside `[section]`.
pub fn key_line(text: &str, section: Option<&str>, key: &str) -> usize {
    let mut in_section = section.is_none();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        if section.is_none() && trimmed.trim_end() == format!("[{key}]") {
            return i + 1;
        }
        if trimmed.starts_with('[') {
            in_section = section.is_some_and(|s| trimmed.trim_end() == format!("[{s}]"));
            continue;
        }
        if !in_section {
            continue;
        }
        let name = trimmed
            .split('=')
            .next()
            .unwrap_or("")
            .trim()
            .trim_matches(|c| c == '"' || c == '\'');
        if name == key && trimmed.contains('=') {
            return i + 1;
        }
    }
    section
        .and_then(|s| text.lines().position(|l| l.trim() == format!("[{s}]")))
        .map_or(1, |i| i + 1)
}

/// Settings from `config.toml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub theme: Option<String>,
    /// Where `theme` is written, for a message when no such theme exists.
    pub theme_line: usize,
    pub mouse: bool,
    /// The widest a line of the reader's text gets, in columns.
    pub reader_width: u16,
    /// `y` copies with the terminal's clipboard sequence (OSC 52); `clipboard = "off"` stops it.
    pub clipboard: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            theme: None,
            theme_line: 1,
            mouse: true,
            reader_width: 100,
            clipboard: true,
        }
    }
}

/// The settings `config.toml` knows, for messages.
const KNOWN: &str = "theme = \"name\", mouse = true/false, reader_width = 40..400, clipboard = \"osc52\"/\"off\"";

/// Reads `config.toml` in `dir`, reporting each problem at its line.
pub fn load_config(dir: Option<&Path>, diagnostics: &mut Vec<Diagnostic>) -> Config {
    let mut config = Config::default();
    let Some(path) = dir.map(|d| d.join("config.toml")) else {
        return config;
    };
    let Some(text) = read_text(&path, Category::Config, diagnostics) else {
        return config;
    };
    let Some(table) = parse_table(&path, &text, Category::Config, diagnostics) else {
        return config;
    };
    let shown = path.display().to_string();
    for (key, value) in &table {
        let line = key_line(&text, None, key);
        let expected = match (key.as_str(), value) {
            ("theme", toml::Value::String(s)) => {
                config.theme = Some(s.clone());
                config.theme_line = line;
                continue;
            }
            ("mouse", toml::Value::Boolean(b)) => {
                config.mouse = *b;
                continue;
            }
            ("reader_width", toml::Value::Integer(n)) if (40..=400).contains(n) => {
                config.reader_width = u16::try_from(*n).unwrap_or(100);
                continue;
            }
            ("clipboard", toml::Value::String(v)) if v == "osc52" || v == "off" => {
                config.clipboard = v == "osc52";
                continue;
            }
            ("theme", other) => format!("`theme` must be a theme's name in quotes, not {}", other.type_str()),
            ("mouse", other) => format!("`mouse` must be true or false, not {}", other.type_str()),
            ("reader_width", other) => {
                format!("`reader_width` must be a number of columns from 40 to 400, not {other}")
            }
            ("clipboard", other) => format!("`clipboard` must be \"osc52\" or \"off\", not {other}"),
            _ => format!("unknown setting `{key}` (known: {KNOWN})"),
        };
        diagnostics.push(Diagnostic::warning(&shown, (line, 1), expected).about(Category::Config));
    }
    config
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_home_folder_comes_from_the_users_line_in_passwd() {
        let passwd = "root:x:0:0:root:/root:/bin/bash\n# a comment\nbroken line\nann:x:1000:1000:Ann,,,:/home/ann:/bin/sh\nnohome:x:1001:1001::relative:/bin/sh\n";
        assert_eq!(super::passwd_home(passwd, 1000), Some(PathBuf::from("/home/ann")));
        assert_eq!(super::passwd_home(passwd, 0), Some(PathBuf::from("/root")));
        assert_eq!(super::passwd_home(passwd, 1001), None, "a relative home is no home");
        assert_eq!(super::passwd_home(passwd, 4242), None);
    }

    #[test]
    fn config_problems_name_their_line_and_what_was_expected() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "# settings\nmouse = \"no\"\ntheme = \"light\"\ncolour = 1\n",
        )
        .unwrap();
        let mut diagnostics = Vec::new();
        let config = load_config(Some(dir.path()), &mut diagnostics);
        assert_eq!(config.theme.as_deref(), Some("light"));
        assert_eq!(config.theme_line, 3);
        let shown: Vec<String> = diagnostics
            .iter()
            .map(|d| format!("{}:{}", d.line, d.message))
            .collect();
        assert_eq!(
            shown,
            [
                "4:unknown setting `colour` (known: theme = \"name\", mouse = true/false, reader_width = 40..400, clipboard = \"osc52\"/\"off\")",
                "2:`mouse` must be true or false, not string",
            ]
        );
        assert!(diagnostics.iter().all(|d| d.category == Category::Config));
    }

    #[test]
    fn a_folder_or_bad_bytes_where_config_should_be_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("config.toml")).unwrap();
        let mut diagnostics = Vec::new();
        load_config(Some(dir.path()), &mut diagnostics);
        assert!(diagnostics[0].message.contains("a folder"), "{diagnostics:?}");
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("config.toml"), b"# caf\xe9\nmouse = false\n").unwrap();
        let mut diagnostics = Vec::new();
        let config = load_config(Some(dir.path()), &mut diagnostics);
        assert!(!config.mouse, "the rest of the file still counts");
        assert_eq!((diagnostics[0].line, diagnostics[0].column), (1, 6));
    }
}
