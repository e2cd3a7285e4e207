//! The user's editor: `$VISUAL`, else `$EDITOR`, else `vi`, run through the shell so a command
//! with arguments (`code -w`) works, opened at a line in the way each editor understands.

use std::io;
use std::path::Path;
use std::process::Command;

/// The editor command the user chose.
pub fn command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_owned())
}

/// The arguments that open `path` at `line` in `editor`: `+12 file` for the vi, Emacs and nano
/// families; `file:12` for editors that read that; `-g file:12` for VS Code.
pub fn arguments(editor: &str, path: &Path, line: usize) -> Vec<String> {
    let program = editor
        .split_whitespace()
        .next()
        .and_then(|p| Path::new(p).file_name())
        .and_then(|n| n.to_str())
        .unwrap_or("");
    let file = path.display().to_string();
    match program {
        "code" | "codium" | "code-insiders" => vec!["-g".to_owned(), format!("{file}:{line}")],
        "hx" | "helix" | "subl" | "zed" => vec![format!("{file}:{line}")],
        _ => vec![format!("+{line}"), file],
    }
}

/// Runs the editor and waits for it.
pub fn run(editor: &str, path: &Path, line: usize) -> io::Result<()> {
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg("dossier")
        .args(arguments(editor, path, line))
        .status()?;
    if status.success() {
        Ok(())
    } else {
        Err(io::Error::other(format!(
            "`{}` ended with {status}",
            crate::sanitize::sanitize_line(editor)
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_editor_family_is_told_the_line_its_way() {
        let p = Path::new("b/x.md");
        assert_eq!(arguments("vim", p, 7), ["+7", "b/x.md"]);
        assert_eq!(arguments("/usr/bin/nano -R", p, 7), ["+7", "b/x.md"]);
        assert_eq!(arguments("code -w", p, 7), ["-g", "b/x.md:7"]);
        assert_eq!(arguments("hx", p, 7), ["b/x.md:7"]);
    }

    #[test]
    fn the_editor_runs_through_the_shell_and_its_failure_is_reported() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("out");
        let editor = format!("printf '%s ' >{}", file.display());
        assert!(run(&editor, Path::new("doc.md"), 3).is_ok());
        let written = std::fs::read_to_string(&file).unwrap_or_default();
        assert_eq!(written, "+3 doc.md ");
        assert!(run("false", Path::new("doc.md"), 3).is_err());
    }
}
