//! `dossier import FILE... [--into DIR]`: a plain-text, Markdown or HTML source becomes a brief,
//! `<id>.md` (front matter, then the text) and `<id>.toml` (an empty summary to fill in).
//!
//! The text is kept: every sentence, in order. What the importer decides is written down in the
//! brief's `source_notes`: the headline, byline and date it found at the top (proposed in the
//! front matter, to be checked), paragraphs it joined because a break cut them mid-sentence, and
//! lines it made section headings. Nothing that exists is overwritten.

pub mod blocks;
pub mod html;
pub mod top;

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use blocks::Block;

/// What kind of source a file is, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Plain,
    Markdown,
    Html,
}

impl Format {
    pub fn of(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown") => Format::Markdown,
            Some("html" | "htm" | "xhtml") => Format::Html,
            _ => Format::Plain,
        }
    }
}

/// A source turned into a brief, not yet written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Brief {
    pub id: String,
    pub markdown: String,
    pub sidecar: String,
    /// The proposed title, when one was found.
    pub title: Option<String>,
}

/// What the front matter will say.
#[derive(Debug, Default)]
struct Front {
    title: Option<String>,
    authors: Vec<String>,
    date: Option<String>,
    origin: String,
    /// Sentences for `source_notes`, in order.
    notes: Vec<String>,
}

/// The id a file imports as: its name, lowercased, with runs of other characters as `-`.
pub fn id_for(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let mut id = String::new();
    for c in stem.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_owned();
    if id.is_empty() { "imported".to_owned() } else { id }
}

/// Converts one source. `name` is the file's name, recorded as the brief's origin.
pub fn convert(name: &str, id: &str, text: &str, format: Format) -> Brief {
    let mut front = Front {
        origin: name.to_owned(),
        ..Front::default()
    };
    let body = match format {
        Format::Plain => plain_body(text, &mut front),
        Format::Markdown => markdown_body(text, &mut front),
        Format::Html => html_body(text, &mut front),
    };
    front.notes.push(
        "Every sentence of the source is kept, in order; no words were changed. Check the proposed \
         title, authors and date against the source, then write the summary in the sidecar."
            .to_owned(),
    );
    // A Markdown source with front matter of its own keeps it, unchanged: a second block
    // written above it would turn the first into body text.
    let own_front_matter = matches!(format, Format::Markdown)
        && text.trim_start_matches('\u{feff}').lines().next().map(str::trim_end) == Some("+++");
    let markdown = if own_front_matter {
        body
    } else {
        format!("{}\n{}", front_matter(&front), body)
    };
    let sidecar = format!(
        "# Annotations for {id}.md. Write 3 to 6 sentences of summary in your own words, then add\n\
         # [[claims]] and [[statistics]] (see \"Brief format\" in dossier's README) and run\n\
         # `dossier check` on this folder.\n\
         summary = \"\"\n"
    );
    Brief {
        id: id.to_owned(),
        markdown,
        sidecar,
        title: front.title,
    }
}

/// Plain text: paragraphs (cut ones joined), a headline, byline and date looked for at the top,
/// and short lines above paragraphs made section headings.
fn plain_body(text: &str, front: &mut Front) -> String {
    let plain = blocks::plain(text);
    let texts: Vec<&str> = plain.paragraphs.iter().map(|(t, _)| t.as_str()).collect();
    let found = top::find(&texts);
    let mut headings = blocks::section_headings(&texts);
    propose(front, &found, &texts, |i| plain.paragraphs.get(i).map_or(0, |p| p.1));
    for (i, heading) in headings.iter_mut().enumerate() {
        // What the top already is (headline, byline, date) is not a section.
        if Some(i) == found.headline
            || found.byline.as_ref().is_some_and(|(b, _)| *b == i)
            || found.date.as_ref().is_some_and(|(d, ..)| *d == i)
        {
            *heading = false;
        }
    }
    let blocks: Vec<Block> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            if Some(i) == found.headline {
                Block::Heading(1, (*text).to_owned())
            } else if headings.get(i) == Some(&true) {
                Block::Heading(2, (*text).to_owned())
            } else if let Some(item) = list_item(text) {
                item
            } else {
                Block::Paragraph(vec![(*text).to_owned()])
            }
        })
        .collect();
    if plain.rewrapped {
        front
            .notes
            .push("The source's lines were wrapped at a fixed width; they are joined into paragraphs.".to_owned());
    }
    if !plain.joins.is_empty() {
        front.notes.push(format!(
            "Joined {} {} that a line or page break cut in mid-sentence: {}.",
            plain.joins.len(),
            crate::corpus::plural(plain.joins.len(), "paragraph", "paragraphs"),
            plain.joins.join(", ")
        ));
    }
    let made = headings.iter().filter(|h| **h).count();
    if made > 0 {
        front.notes.push(format!(
            "{made} short {} standing alone above a paragraph {} shown as section {}.",
            crate::corpus::plural(made, "line", "lines"),
            if made == 1 { "is" } else { "are" },
            crate::corpus::plural(made, "heading", "headings"),
        ));
    }
    write_blocks(&blocks)
}

/// A plain-text line that is a list item: "- x", "* x", "• x", or "1. x" / "1) x".
fn list_item(text: &str) -> Option<Block> {
    if let Some(rest) = text
        .strip_prefix("- ")
        .or_else(|| text.strip_prefix("* "))
        .or_else(|| text.strip_prefix("• "))
    {
        return Some(Block::Item(rest.trim().to_owned()));
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let number = text.get(..digits).filter(|_| (1..=3).contains(&digits))?.parse().ok()?;
    let rest = text.get(digits..)?;
    let rest = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") "))?;
    Some(Block::Numbered(number, rest.trim().to_owned()))
}

/// Markdown: kept as it is; a headline (the first real heading), byline and date are looked for
/// at the top. Front matter already there is kept and nothing is proposed.
fn markdown_body(text: &str, front: &mut Front) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.lines().next().map(str::trim_end) == Some("+++") {
        // Kept as it is (see `convert`).
        return text.to_owned();
    }
    let mut body = text;
    if let Some(rest) = text.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---")
    {
        // YAML front matter: read the common fields, keep nothing else of it.
        for line in rest.get(..end).unwrap_or("").lines() {
            if let Some((key, value)) = line.split_once(':') {
                let value = value.trim().trim_matches(['"', '\'']).to_owned();
                match key.trim() {
                    "title" if !value.is_empty() => front.title = Some(value),
                    "author" if !value.is_empty() => front.authors.push(value),
                    "date" => front.date = top::date(&value).or_else(|| html::iso(&value)),
                    _ => {}
                }
            }
        }
        front
            .notes
            .push("The source's YAML front matter was read for its title, author and date.".to_owned());
        body = rest.get(end + 4..).unwrap_or("").trim_start_matches('\n');
    }
    if front.title.is_none() {
        let lines: Vec<&str> = body.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let shown: Vec<String> = lines
            .iter()
            .map(|l| l.trim_start_matches('#').trim().to_owned())
            .collect();
        let shown_refs: Vec<&str> = shown.iter().map(String::as_str).collect();
        let found = top::find(&shown_refs);
        let line_of = |i: usize| {
            lines
                .get(i)
                .and_then(|l| body.lines().position(|b| b.trim() == *l))
                .map_or(0, |n| n + 1)
        };
        propose(front, &found, &shown_refs, line_of);
    }
    body.to_owned()
}

/// HTML: the article's blocks; the title, authors and date from the page's head when it has
/// them, else from the top of the text.
fn html_body(text: &str, front: &mut Front) -> String {
    let page = html::page(text);
    let texts: Vec<String> = page.blocks.iter().map(Block::text).collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let heading = page.blocks.iter().find_map(|b| match b {
        Block::Heading(1, t) => Some(t.clone()),
        _ => None,
    });
    let found = top::find(&refs);
    propose(front, &found, &refs, |_| 0);
    if let Some(title) = heading.or_else(|| page.title.clone()) {
        let from = if front.title.is_some() {
            "the page's first heading"
        } else {
            "the page's <title>"
        };
        front.title = Some(title);
        front.notes.retain(|n| !n.starts_with("Found by import: the headline"));
        front.notes.push(format!("Found by import: the headline, from {from}."));
    }
    if !page.authors.is_empty() {
        front.authors = page.authors.clone();
        front
            .notes
            .push("Found by import: the author, from the page's <meta name=\"author\">.".to_owned());
    }
    if let Some(date) = &page.date {
        front.date = Some(date.clone());
        front
            .notes
            .push("Found by import: the date, from the page's metadata.".to_owned());
    }
    front.notes.push(format!(
        "The text was taken from the page's {}; menus, scripts and styles were left out, and links are kept as their words.",
        page.from
    ));
    write_blocks(&page.blocks)
}

/// Writes what `top::find` found into the front matter and its notes.
fn propose(front: &mut Front, found: &top::Top, texts: &[&str], line_of: impl Fn(usize) -> usize) {
    let at = |i: usize| {
        let line = line_of(i);
        if line > 0 {
            format!(" (line {line})")
        } else {
            String::new()
        }
    };
    if let Some(i) = found.headline
        && let Some(text) = texts.get(i)
    {
        front.title = Some((*text).to_owned());
        front.notes.push(format!("Found by import: the headline{}.", at(i)));
    }
    if let Some((i, names)) = &found.byline {
        front.authors = names.clone();
        front.notes.push(format!("Found by import: the byline{}.", at(*i)));
    }
    if let Some((i, iso, written)) = &found.date {
        front.date = Some(iso.clone());
        front
            .notes
            .push(format!("Found by import: the date{}, written “{written}”.", at(*i)));
    }
}

/// A TOML string: one line in quotes, or a multi-line string.
fn toml_string(s: &str) -> String {
    if s.contains('\n') {
        let escaped = s.replace('\\', "\\\\").replace("\"\"\"", "\"\"\\\"");
        format!("\"\"\"\n{escaped}\n\"\"\"")
    } else {
        toml::Value::String(s.to_owned()).to_string()
    }
}

fn front_matter(front: &Front) -> String {
    let mut out = String::from("+++\n");
    match &front.title {
        Some(title) => {
            let _ = writeln!(out, "title = {}", toml_string(title));
        }
        None => out.push_str(
            "# No headline was found: write a title, and add flags = [\"title-supplied\"] with a\n\
             # sentence in source_notes saying the title is yours.\n",
        ),
    }
    if !front.authors.is_empty() {
        let names: Vec<String> = front.authors.iter().map(|a| toml_string(a)).collect();
        let _ = writeln!(out, "authors = [{}]", names.join(", "));
    }
    if let Some(date) = &front.date {
        let _ = writeln!(out, "date = {}", toml_string(date));
    }
    let _ = writeln!(out, "origin = {}", toml_string(&front.origin));
    let _ = writeln!(out, "source_notes = {}", toml_string(&front.notes.join("\n")));
    out.push_str("+++\n");
    out
}

fn write_blocks(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        let text = match block {
            Block::Heading(level, text) => format!("{} {}", "#".repeat(usize::from(*level)), escape(text)),
            Block::Paragraph(lines) => lines
                .iter()
                .map(|l| escape_line(l.trim()))
                .collect::<Vec<_>>()
                .join("\\\n"),
            Block::Item(text) => format!("- {}", escape(text)),
            Block::Numbered(n, text) => format!("{n}. {}", escape(text)),
            Block::Quote(text) => format!("> {}", escape(text)),
            Block::Verbatim(text) => {
                let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
                let fence = "`".repeat(longest.max(2) + 1);
                format!("{fence}text\n{text}\n{fence}")
            }
        };
        out.push('\n');
        out.push_str(&text);
        out.push('\n');
    }
    out
}

/// Escapes what Markdown would read as markup inside a line, so the text shows as written.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let entity = c == '&' && {
            let rest: String = chars.iter().skip(i + 1).take(12).collect();
            rest.split_once(';').is_some_and(|(name, _)| {
                !name.is_empty() && name.chars().all(|n| n.is_ascii_alphanumeric() || n == '#')
            })
        };
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '~' | '|') || entity {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// [`escape`], and what would start a block at the start of a line (`#`, `>`, `- `, `1. `).
pub fn escape_line(text: &str) -> String {
    let escaped = escape(text);
    if escaped.starts_with(['#', '>', '+', '-', '=', '*']) {
        return format!("\\{escaped}");
    }
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    if (1..=9).contains(&digits) && escaped.get(digits..).is_some_and(|r| r.starts_with(['.', ')'])) {
        return format!(
            "{}\\{}",
            escaped.get(..digits).unwrap_or(""),
            escaped.get(digits..).unwrap_or("")
        );
    }
    escaped
}

/// What importing did, for the user.
#[derive(Debug, Default)]
pub struct Report {
    pub written: Vec<(PathBuf, Option<String>)>,
    /// One line per file that was not imported: `path: why`.
    pub failed: Vec<String>,
}

/// Imports `files` into `into` (created if missing). A file whose brief or sidecar already exists
/// there is not imported: nothing is overwritten.
pub fn import(files: &[PathBuf], into: &Path) -> Report {
    let mut report = Report::default();
    if let Err(e) = fs::create_dir_all(into) {
        report.failed.push(format!(
            "{}: cannot create the folder: {}",
            into.display(),
            crate::read::reason(&e)
        ));
        return report;
    }
    for file in files {
        let shown = crate::sanitize::sanitize_line(&file.display().to_string());
        let bytes = match crate::read::regular_file(file, crate::corpus::DOCUMENT_LIMIT) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => {
                report
                    .failed
                    .push(format!("{shown}:1:1: error: cannot open: no such file or folder"));
                continue;
            }
            Err(refused) => {
                report
                    .failed
                    .push(format!("{shown}:1:1: error: cannot read: {refused}"));
                continue;
            }
        };
        let text = match crate::read::utf8(bytes) {
            Ok(text) => text,
            Err(((line, column), _)) => {
                report.failed.push(format!(
                    "{shown}:{line}:{column}: error: not valid UTF-8; convert it first (for example with iconv)"
                ));
                continue;
            }
        };
        let id = id_for(file);
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("").to_owned();
        let brief = convert(&name, &id, &text, Format::of(file));
        let md = into.join(format!("{id}.md"));
        let toml = into.join(format!("{id}.toml"));
        if let Some(existing) = [&md, &toml].into_iter().find(|p| p.exists()) {
            report.failed.push(format!(
                "{shown}:1:1: error: {} already exists; nothing was overwritten (move it away, or rename the source)",
                existing.display()
            ));
            continue;
        }
        // The folder is made when there is something to put in it.
        let written = fs::create_dir_all(into)
            .and_then(|()| write_new(&md, &brief.markdown))
            .and_then(|()| write_new(&toml, &brief.sidecar));
        match written {
            Ok(()) => report.written.push((md, brief.title)),
            Err(e) => {
                // Both files or neither: a brief without its sidecar would look imported.
                let _ = fs::remove_file(&md);
                report.failed.push(format!(
                    "{shown}:1:1: error: cannot write into {}: {}",
                    into.display(),
                    crate::read::reason(&e)
                ));
            }
        }
    }
    report
}

/// Creates `path` with `text`, failing if it exists.
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    let mut file = fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_markup_in_text_is_escaped_so_it_shows_as_written() {
        assert_eq!(escape_line("# not a heading"), "\\# not a heading");
        assert_eq!(escape_line("1. not a list"), "1\\. not a list");
        assert_eq!(escape_line("2025) also not"), "2025\\) also not");
        assert_eq!(
            escape("a *b* [c] <d> &amp; & e_f"),
            "a \\*b\\* \\[c\\] \\<d> \\&amp; & e\\_f"
        );
    }

    #[test]
    fn ids_come_from_file_names() {
        assert_eq!(id_for(Path::new("/x/000_28B74d.txt")), "000-28b74d");
        assert_eq!(id_for(Path::new("Field Notes (final).html")), "field-notes-final");
        assert_eq!(id_for(Path::new("___.txt")), "imported");
    }

    #[test]
    fn front_matter_parses_back_and_carries_what_was_found() {
        let text = "Rivers Run Dry in the Valley\nMay 2, 2024\nBy Ana \"Nan\" Ruiz\n\nThe gauges on three rivers stopped reporting in 2021, and the record since is thin, the commission said in its report.\n";
        let brief = convert("rivers.txt", "rivers", text, Format::Plain);
        let front = brief.markdown.split("+++").nth(1).unwrap();
        let table: toml::Table = toml::from_str(front).unwrap();
        assert_eq!(table["title"].as_str(), Some("Rivers Run Dry in the Valley"));
        assert_eq!(table["date"].as_str(), Some("2024-05-02"));
        let notes = table["source_notes"].as_str().unwrap();
        assert!(notes.contains("Found by import: the headline (line 1)."), "{notes}");
        assert!(notes.contains("the date (line 2), written “May 2, 2024”"), "{notes}");
        assert!(brief.markdown.contains("\n# Rivers Run Dry in the Valley\n"));
    }

    #[test]
    fn markdown_with_front_matter_of_its_own_keeps_it_and_gets_no_second() {
        let text = "+++\ntitle = \"Own title\"\n+++\n\n# Heading\n\nBody text.\n";
        let brief = convert("own.md", "own", text, Format::Markdown);
        assert_eq!(brief.markdown, text);
        assert_eq!(brief.markdown.matches("+++").count(), 2);
    }
}
