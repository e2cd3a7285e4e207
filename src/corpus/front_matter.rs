//! A brief's front matter (`+++` TOML before the body) and its title when there is none.

use super::diagnostic::Diagnostic;
use super::document::Document;
use super::fields::{Fields, TomlSource, is_id, is_iso_date};
use super::{KINDS, Meta, SourceFlag};

/// Front matter longer than this is not metadata: it is reported and ignored.
pub const FRONT_MATTER_LIMIT: usize = 256 * 1024;

const FRONT_MATTER_FIELDS: &[&str] = &[
    "title",
    "authors",
    "date",
    "publication",
    "kind",
    "origin",
    "source_notes",
    "aliases",
    "flags",
];

/// First-level headings that name a part of a document, not the document.
const GENERIC_HEADINGS: &[&str] = &[
    "table of contents",
    "contents",
    "toc",
    "quickstart",
    "quick start",
    "getting started",
    "installation",
    "install",
    "usage",
    "overview",
    "introduction",
    "summary",
    "abstract",
    "preface",
    "foreword",
    "readme",
    "about",
    "examples",
    "example",
    "features",
    "license",
    "changelog",
    "notes",
];

/// The longest heading taken as a title; longer ones are a first sentence set as a heading.
const TITLE_MAX_CHARS: usize = 160;

/// The first first-level heading, when it names the document: it comes before any other heading,
/// is not a part's name ("Table of Contents", "Installation") and is not a paragraph set large.
pub(super) fn title_heading(doc: &Document) -> Option<String> {
    for (_, level, text) in doc.headings() {
        if level != 1 {
            return None;
        }
        // A logo beside the name is not part of it; line breaks inside the heading are spaces.
        let mut words = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("[image") {
            words.push_str(rest.get(..start).unwrap_or(""));
            let after = rest.get(start..).unwrap_or("");
            rest = after.find(']').map_or("", |end| after.get(end + 1..).unwrap_or(""));
        }
        words.push_str(rest);
        let text = words.split_whitespace().collect::<Vec<_>>().join(" ");
        let generic = GENERIC_HEADINGS.contains(&text.to_lowercase().trim_end_matches(':'));
        if !generic && !text.is_empty() && text.chars().count() <= TITLE_MAX_CHARS {
            return Some(text);
        }
    }
    None
}

/// Whether `bytes` open `+++` front matter that they do not close (so more must be read).
pub(super) fn is_open(bytes: &[u8]) -> bool {
    let Some(rest) = bytes.strip_prefix(b"+++\n").or_else(|| bytes.strip_prefix(b"+++\r\n")) else {
        return false;
    };
    // Whole lines only: the last one may be cut by the read.
    let whole = rest
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(&[][..], |i| rest.get(..i).unwrap_or(&[]));
    !whole.split(|b| *b == b'\n').any(|line| line.trim_ascii_end() == b"+++")
}

/// Splits off `+++` front matter. Returns the metadata (when there was any) and where the body starts.
pub(super) fn front_matter(path: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> (Option<Meta>, usize) {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    // Front matter is optional: without it the title comes from the first heading or the name.
    if text.get(..first_line_end).map(str::trim_end) != Some("+++") {
        return (None, 0);
    }
    let mut offset = first_line_end;
    let mut close = None;
    for line in text.get(first_line_end..).unwrap_or("").split_inclusive('\n') {
        if line.trim_end() == "+++" {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((toml_end, body_start)) = close else {
        diagnostics.push(Diagnostic::error(
            path,
            (1, 1),
            "front matter opened with `+++` is never closed by a second `+++` line",
        ));
        return (None, 0);
    };
    let toml_text = text.get(first_line_end..toml_end).unwrap_or("");
    if toml_text.len() > FRONT_MATTER_LIMIT {
        diagnostics.push(Diagnostic::error(
            path,
            (2, 1),
            format!(
                "front matter of {} is over the limit of {}: it is ignored",
                crate::read::human_size(toml_text.len() as u64),
                crate::read::human_size(FRONT_MATTER_LIMIT as u64)
            ),
        ));
        return (None, body_start);
    }
    let source = TomlSource::new(path, toml_text, first_line_end, text);
    let table: toml::Table = match toml::from_str(toml_text) {
        Ok(t) => t,
        Err(e) => {
            diagnostics.push(source.parse_error(&e, "invalid front matter"));
            return (None, body_start);
        }
    };
    let mut fields = Fields::new(&source, table, 0..toml_text.len(), "front matter");
    fields.reject_unknown(FRONT_MATTER_FIELDS);
    let title = fields.string("title", false).unwrap_or_default();
    let authors = fields.strings("authors");
    let date = fields.date_text("date");
    if let Some(d) = &date
        && !is_iso_date(d)
    {
        fields.error_at(
            "date",
            format!("date `{d}` is not ISO 8601 (YYYY, YYYY-MM or YYYY-MM-DD)"),
        );
    }
    let kind = fields.string("kind", false);
    if let Some(k) = &kind
        && !KINDS.contains(&k.as_str())
    {
        fields.warning_at("kind", format!("unknown kind `{k}` (known: {})", KINDS.join(", ")));
    }
    let meta = Meta {
        title_source: super::TitleSource::FrontMatter,
        title,
        authors,
        date: date.filter(|d| is_iso_date(d)),
        publication: fields.string("publication", false),
        kind,
        origin: fields.string("origin", false),
        source_notes: fields.string("source_notes", false),
        aliases: fields.strings("aliases"),
        flags: Vec::new(),
        aliases_line: fields.key_position("aliases").0,
    };
    let mut meta = meta;
    for name in fields.strings("flags") {
        match SourceFlag::parse(&name) {
            Some(flag) if !meta.flags.contains(&flag) => meta.flags.push(flag),
            Some(_) => {}
            None => {
                let known: Vec<&str> = SourceFlag::ALL.iter().map(|f| f.name()).collect();
                fields.warning_at("flags", format!("unknown flag `{name}` (known: {})", known.join(", ")));
            }
        }
    }
    for alias in &meta.aliases {
        // An alias is an id the brief once had: in a folder that is a relative path such as
        // `README` or `guides/setup`, so any such path is allowed, but `#` (which separates a
        // brief from a claim in a cross-reference) and blanks at either end are not.
        if !is_alias(alias) {
            fields.error_at(
                "aliases",
                format!("alias `{alias}` cannot be an id: it is empty, holds `#` or a control character, or starts or ends with a blank or `/`"),
            );
        }
    }
    if !meta.flags.is_empty() && meta.source_notes.is_none() {
        fields.warning_at("flags", "flags are explained by `source_notes`, which is missing");
    }
    diagnostics.append(&mut fields.diagnostics);
    (Some(meta), body_start)
}

/// Whether `alias` could be a brief's id (see `walk::id_of`): a kebab-case id or a relative path.
fn is_alias(alias: &str) -> bool {
    is_id(alias)
        || (!alias.is_empty()
            && alias.trim() == alias
            && !alias.starts_with('/')
            && !alias.ends_with('/')
            && !alias.contains('#')
            && !alias.chars().any(char::is_control))
}

#[cfg(test)]
mod tests {
    #[test]
    fn front_matter_is_open_until_a_whole_closing_line_is_read() {
        assert!(!super::is_open(b"# No front matter\n"));
        assert!(!super::is_open(b"+++\ntitle = \"T\"\n+++\n\nBody"));
        assert!(!super::is_open(b"+++\r\ntitle = \"T\"\r\n+++  \r\nBody"));
        assert!(super::is_open(b"+++\ntitle = \"T\"\nauthors = ["));
        assert!(super::is_open(b"+++\ntitle = \"T\"\n++"), "a cut line is not a close");
        assert!(super::is_open(b"+++\ntitle = \"+++\"\n++++\n"));
    }

    use super::is_alias;

    #[test]
    fn an_alias_may_be_any_id_a_folder_gives() {
        for ok in ["old-id", "README", "guides/setup", "notes.txt", "Meeting notes"] {
            assert!(is_alias(ok), "{ok}");
        }
        for bad in ["", " padded", "a#b", "/abs", "dir/", "tab\there"] {
            assert!(!is_alias(bad), "{bad:?}");
        }
    }
}
