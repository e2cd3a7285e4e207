//! A brief's text, parsed when first needed. The reader opens a folder by its front matter alone
//! and parses a body when it is shown, searched or derived from; a body can also be parsed in
//! part (its start, or its end) so the first screen of a very large brief does not wait for the
//! whole. `Body` dereferences to the whole [`Document`], parsing it on first use (once, whichever
//! thread asks first; another thread asking meanwhile waits for that parse).

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::ops::Deref;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use super::document::Document;

/// Where the text is until it is parsed.
#[derive(Debug)]
enum Source {
    /// The whole file's text, already read.
    Text(String),
    /// A large file, read when parsed (only its start was read to load the brief).
    File(PathBuf),
    /// Parsed: the text lives in the document now.
    Taken,
}

#[derive(Debug)]
struct Inner {
    source: Mutex<Source>,
    plain: bool,
    /// Where the body starts after front matter.
    body_offset: usize,
    /// The file's size in bytes.
    size: u64,
    parsed: OnceLock<Document>,
    hash: OnceLock<u64>,
}

/// A brief's body: its document, parsed on first use.
#[derive(Debug, Clone)]
pub struct Body {
    inner: Arc<Inner>,
}

/// Part of a body parsed on its own: its start, or its end.
#[derive(Debug, Clone)]
pub struct Partial {
    pub doc: Document,
    /// True for the end of the body (its blocks are the last ones of the whole).
    pub from_end: bool,
    /// The bytes asked for: a longer part asks for more.
    pub limit: usize,
    /// True when the part holds the whole body (a longer one would hold nothing more).
    pub whole: bool,
}

impl Default for Body {
    fn default() -> Body {
        Body::parsed(Document::default(), 0)
    }
}

impl Deref for Body {
    type Target = Document;

    fn deref(&self) -> &Document {
        self.get()
    }
}

/// Where a prefix of Markdown can be cut without changing what comes before: after the last blank
/// line that is not inside a fenced code block. `None` when there is no such line.
pub fn safe_cut(text: &str) -> Option<usize> {
    let mut fence: Option<(u8, usize)> = None;
    let mut cut = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let marker = trimmed.bytes().next().filter(|b| *b == b'`' || *b == b'~');
        if indent < 4
            && let Some(m) = marker
        {
            let run = trimmed.bytes().take_while(|b| *b == m).count();
            if run >= 3 {
                fence = match fence {
                    None => Some((m, run)),
                    Some((open, length)) if open == m && run >= length => None,
                    other => other,
                };
            }
        }
        if fence.is_none() && line.trim().is_empty() {
            cut = Some(offset + line.len());
        }
        offset += line.len();
    }
    cut
}

/// The longest prefix of `bytes` that is whole UTF-8, as text (a character cut by the read's end
/// is left out).
fn whole_chars(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(e) if e.error_len().is_none() => {
            String::from_utf8_lossy(bytes.get(..e.valid_up_to()).unwrap_or(&[])).into_owned()
        }
        Err(_) => String::from_utf8_lossy(bytes).into_owned(),
    }
}

impl Body {
    /// A body already parsed.
    pub fn parsed(doc: Document, hash: u64) -> Body {
        let inner = Inner {
            source: Mutex::new(Source::Taken),
            plain: false,
            body_offset: 0,
            size: doc.text.len() as u64,
            parsed: OnceLock::from(doc),
            hash: OnceLock::from(hash),
        };
        Body { inner: Arc::new(inner) }
    }

    /// A body to parse when needed, from the file's whole text.
    pub fn from_text(text: String, body_offset: usize, plain: bool) -> Body {
        let inner = Inner {
            size: text.len() as u64,
            source: Mutex::new(Source::Text(text)),
            plain,
            body_offset,
            parsed: OnceLock::new(),
            hash: OnceLock::new(),
        };
        Body { inner: Arc::new(inner) }
    }

    /// A body to read and parse when needed, from a file too large to keep before then.
    pub fn from_file(path: PathBuf, size: u64, body_offset: usize, plain: bool) -> Body {
        let inner = Inner {
            source: Mutex::new(Source::File(path)),
            plain,
            body_offset,
            size,
            parsed: OnceLock::new(),
            hash: OnceLock::new(),
        };
        Body { inner: Arc::new(inner) }
    }

    /// The whole document, parsed now if it was not yet.
    pub fn get(&self) -> &Document {
        self.inner.parsed.get_or_init(|| {
            let text = self.text_to_parse();
            let _ = self.inner.hash.set(super::content_hash(text.as_bytes()));
            let doc = parse(&text, self.inner.body_offset.min(text.len()), self.inner.plain);
            // The text lives in the document now; a file's path is kept to read parts of it.
            if let Ok(mut source) = self.inner.source.lock()
                && matches!(*source, Source::Text(_))
            {
                *source = Source::Taken;
            }
            doc
        })
    }

    /// The document, when it has been parsed.
    pub fn ready(&self) -> Option<&Document> {
        self.inner.parsed.get()
    }

    /// The file's size in bytes.
    pub fn size(&self) -> u64 {
        self.inner.size
    }

    /// FNV-1a of the file as it was read: tells a bookmark whether the brief changed.
    pub fn content_hash(&self) -> u64 {
        *self.inner.hash.get_or_init(|| {
            let source = self.inner.source.lock().map(|s| match &*s {
                Source::Text(text) => Some(super::content_hash(text.as_bytes())),
                Source::File(path) => std::fs::read(path).ok().map(|b| super::content_hash(&b)),
                Source::Taken => None,
            });
            source.ok().flatten().unwrap_or(0)
        })
    }

    /// The text to parse: a copy of the text read at load (kept until the parse is done, so its
    /// start and end can be shown meanwhile), or the file read now.
    fn text_to_parse(&self) -> String {
        let path = match self.inner.source.lock() {
            Ok(guard) => match &*guard {
                Source::Text(text) => return text.clone(),
                Source::File(path) => path.clone(),
                Source::Taken => return String::new(),
            },
            // A parse that panicked poisoned the lock; its text is gone with it.
            Err(_) => return String::new(),
        };
        match std::fs::read(&path) {
            Ok(bytes) => {
                String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
            }
            // Gone or unreadable since it was listed: an empty body; a reload will tell.
            Err(_) => String::new(),
        }
    }

    /// Up to `limit` bytes from `from`, as whole characters; `None` when the text is gone.
    fn read_part(&self, from: u64, limit: usize) -> Option<String> {
        let guard = self.inner.source.lock().ok()?;
        match &*guard {
            Source::Text(text) => {
                let start = usize::try_from(from).ok()?.min(text.len());
                let mut start = start;
                while !text.is_char_boundary(start) {
                    start += 1;
                }
                let mut end = start.saturating_add(limit).min(text.len());
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text.get(start..end).map(str::to_owned)
            }
            Source::File(path) => {
                let mut file = File::open(path).ok()?;
                file.seek(SeekFrom::Start(from)).ok()?;
                let mut bytes = Vec::with_capacity(limit);
                file.take(limit as u64).read_to_end(&mut bytes).ok()?;
                // A read that starts inside a character skips its continuation bytes.
                let skip = bytes.iter().take_while(|b| (**b & 0xc0) == 0x80).count();
                Some(whole_chars(bytes.get(skip..).unwrap_or(&[])))
            }
            Source::Taken => None,
        }
    }

    /// The start of the body, parsed on its own: about `limit` bytes, cut after a blank line that
    /// is not inside a code block. `None` when the whole is parsed already (use it).
    pub fn head(&self, limit: usize) -> Option<Partial> {
        if self.ready().is_some() {
            return None;
        }
        let text = self.read_part(0, limit)?;
        let whole = text.len() as u64 >= self.inner.size;
        let offset = self.inner.body_offset.min(text.len());
        let end = if whole || self.inner.plain {
            text.rfind('\n').map_or(text.len(), |i| i + 1).max(offset)
        } else {
            safe_cut(text.get(offset..).unwrap_or("")).map_or(text.len(), |cut| offset + cut)
        };
        let part = text.get(..end).unwrap_or("");
        Some(Partial {
            doc: parse(part, offset, self.inner.plain),
            from_end: false,
            limit,
            whole,
        })
    }

    /// The end of the body, parsed on its own: about the last `limit` bytes, from a blank line.
    /// Fenced code is not tracked from the start of a large file, so a fence open across the cut
    /// shows wrongly until the whole is parsed. `None` when the whole is parsed already.
    pub fn tail(&self, limit: usize) -> Option<Partial> {
        if self.ready().is_some() {
            return None;
        }
        let body = self.inner.body_offset as u64;
        let from = self.inner.size.saturating_sub(limit as u64).max(body);
        let text = self.read_part(from, limit)?;
        let start = if from <= body {
            0
        } else {
            // From the first blank line, so the part starts with a whole block.
            text.find("\n\n").map_or(0, |i| i + 2)
        };
        let part = text.get(start..).unwrap_or("");
        Some(Partial {
            doc: parse(part, 0, self.inner.plain),
            from_end: true,
            limit,
            whole: from <= body,
        })
    }
}

fn parse(text: &str, body_offset: usize, plain: bool) -> Document {
    if plain {
        Document::parse_plain(text)
    } else {
        Document::parse(text.get(body_offset..).unwrap_or(""), body_offset, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_is_never_inside_a_code_fence() {
        let text = "para one\n\n```\ncode\n\nstill code\n```\n\npara two\n";
        assert_eq!(safe_cut(text), Some(text.find("para two").unwrap_or(0)));
        let open = "para one\n\n```\ncode\n\nstill code\n";
        assert_eq!(safe_cut(open), Some("para one\n\n".len()));
    }

    #[test]
    fn a_lazy_body_parses_once_and_its_parts_match_the_whole() {
        let mut md = String::new();
        for i in 0..200 {
            md.push_str(&format!("## Part {i}\n\nParagraph {i} of the body.\n\n"));
        }
        let body = Body::from_text(md.clone(), 0, false);
        let head = body.head(1000).unwrap_or_else(|| panic!("a head"));
        let tail = body.tail(1000).unwrap_or_else(|| panic!("a tail"));
        assert!(body.ready().is_none(), "parts do not parse the whole");
        let whole = body.get();
        assert_eq!(whole.blocks.len(), 400);
        let n = head.doc.blocks.len();
        assert!(n > 10 && n < 400);
        assert_eq!(head.doc.text, whole.text.get(..head.doc.text.len()).unwrap_or(""));
        let t = tail.doc.blocks.len();
        assert!(tail.doc.text.ends_with("Paragraph 199 of the body."));
        assert_eq!(
            whole.block_text(&whole.blocks[400 - t]),
            tail.doc.block_text(&tail.doc.blocks[0]),
            "the end's blocks are the whole's last blocks"
        );
        assert!(body.head(1000).is_none(), "once whole, parts are not needed");
        assert_eq!(body.content_hash(), super::super::content_hash(md.as_bytes()));
    }

    #[test]
    fn a_file_body_reads_its_parts_and_whole_from_disk() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("big.md");
        let md = "+++\ntitle = \"x\"\n+++\n\n# Start é\n\nMiddle.\n\nThe end.\n";
        std::fs::write(&path, md).unwrap_or_else(|e| panic!("{e}"));
        let offset = md.find("+++\n\n").unwrap_or(0) + 4;
        let body = Body::from_file(path, md.len() as u64, offset, false);
        let head = body.head(40).unwrap_or_else(|| panic!("a head"));
        assert!(
            head.doc.text.starts_with("Start é") && !head.doc.text.contains("The end"),
            "{}",
            head.doc.text
        );
        let tail = body.tail(12).unwrap_or_else(|| panic!("a tail"));
        assert_eq!(tail.doc.text, "The end.");
        assert_eq!(body.get().text, "Start é\nMiddle.\nThe end.");
    }
}
