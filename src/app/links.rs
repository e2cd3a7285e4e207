//! Links in the text: `Enter` in the reader follows the passage's link. A relative link to another
//! document of the corpus opens it (at its `#anchor`), an `#anchor` moves within the brief, and an
//! external address is shown and can be copied, never opened. A passage with several links, or
//! an external one, offers a choice first. Every move joins the jump list.

use std::path::{Component, Path, PathBuf};

use super::overlay::{OutlineView, Overlay};
use super::{AppState, Effect};
use crate::corpus::{Corpus, Document};

/// Where a link leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A brief of the corpus, at a heading's block when the link names one that exists.
    Brief {
        brief: usize,
        block: Option<usize>,
        /// The `#anchor` asked for but not found in the brief.
        missing_anchor: Option<String>,
    },
    /// An address outside the corpus (`https:`, `mailto:`...): shown, never opened.
    External(String),
    /// A relative path that names no document of the corpus.
    NotInCorpus(String),
}

/// One link of a passage: its words and where it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassageLink {
    pub text: String,
    pub address: String,
    pub target: Target,
}

/// The links the popup offers, with the list it moves through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinksView {
    pub links: Vec<PassageLink>,
    pub list: OutlineView,
}

/// The links in block `block` of `doc`, in order, each once: consecutive runs of the same link
/// are one link.
pub fn passage_links(doc: &Document, block: usize) -> Vec<(String, usize)> {
    let Some(b) = doc.blocks.get(block) else {
        return Vec::new();
    };
    let mut out: Vec<(String, usize)> = Vec::new();
    // The link the previous span belonged to, and where that span ended.
    let mut last: Option<(usize, usize)> = None;
    for span in &b.spans {
        let Some(link) = span.link else {
            last = None;
            continue;
        };
        let words = doc.text.get(span.range.clone()).unwrap_or("").replace('\n', " ");
        match (out.last_mut(), last) {
            (Some((text, index)), Some((previous, end))) if previous == link && *index == link => {
                // Spans that follow on in the text ("[image", ": ", "Donate", "]" in their
                // styles) read as one; a gap between two is a space.
                if span.range.start != end && !text.ends_with(' ') && !words.starts_with(' ') {
                    text.push(' ');
                }
                text.push_str(&words);
            }
            _ => out.push((words, link)),
        }
        last = Some((link, span.range.end));
    }
    out
}

/// GitHub's heading anchors: lowercase, letters, digits, `-` and `_` kept, spaces to `-`, the
/// rest dropped.
pub fn slug(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// The block of the heading whose anchor is `anchor` (a second heading with the same slug is
/// `slug-1`, as on GitHub).
pub fn heading_block(doc: &Document, anchor: &str) -> Option<usize> {
    let wanted = percent_decode(anchor).to_lowercase();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (block, _, text) in doc.headings() {
        let base = slug(text);
        let n = seen.entry(base.clone()).or_insert(0);
        let name = if *n == 0 { base.clone() } else { format!("{base}-{n}") };
        *n += 1;
        if name == wanted {
            return Some(block);
        }
    }
    None
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| char::from(*b).to_digit(16));
        match (bytes.get(i), hex(i + 1), hex(i + 2)) {
            (Some(b'%'), Some(high), Some(low)) => {
                out.push(u8::try_from(high * 16 + low).unwrap_or(b'?'));
                i += 3;
            }
            (Some(&b), ..) => {
                out.push(b);
                i += 1;
            }
            (None, ..) => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `a/./b/../c` → `a/c`, without touching the file system (the file may be gone).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn has_scheme(address: &str) -> bool {
    address.starts_with("//")
        || address.split_once(':').is_some_and(|(scheme, _)| {
            scheme.len() > 1
                && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        })
}

/// Where `address`, written in brief `from`, leads.
pub fn resolve(corpus: &Corpus, from: usize, address: &str) -> Target {
    if has_scheme(address) {
        return Target::External(address.to_owned());
    }
    let (path_part, anchor) = match address.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (address, None),
    };
    let path_part = path_part.split('?').next().unwrap_or("");
    let brief = if path_part.is_empty() {
        Some(from)
    } else {
        let base = corpus
            .briefs
            .get(from)
            .and_then(|b| Path::new(&b.path).parent().map(Path::to_owned))
            .unwrap_or_default();
        let wanted = normalize(&base.join(percent_decode(path_part)));
        let candidates = [
            wanted.clone(),
            wanted.with_extension("md"),
            wanted.join("README.md"),
            wanted.join("index.md"),
        ];
        corpus.briefs.iter().position(|b| {
            let have = normalize(Path::new(&b.path));
            candidates.contains(&have)
        })
    };
    let Some(brief) = brief else {
        return Target::NotInCorpus(address.to_owned());
    };
    let doc = corpus.briefs.get(brief).map(|b| &b.doc);
    let block = anchor.zip(doc).and_then(|(a, d)| heading_block(d, a));
    Target::Brief {
        brief,
        block,
        missing_anchor: anchor.filter(|a| block.is_none() && !a.is_empty()).map(str::to_owned),
    }
}

impl AppState {
    /// `Enter` in the reader: follow the passage's only link, or offer its links.
    pub(super) fn follow_passage_link(&mut self) {
        let from = self.reader.brief();
        let Some(brief) = self.corpus.briefs.get(from) else {
            return;
        };
        let links: Vec<PassageLink> = passage_links(&brief.doc, self.reader.cursor())
            .into_iter()
            .map(|(text, index)| {
                let address = brief.doc.links.get(index).cloned().unwrap_or_default();
                let target = resolve(&self.corpus, from, &address);
                PassageLink { text, address, target }
            })
            .collect();
        match links.as_slice() {
            [] => self.message = Some("no link in this passage".into()),
            [only] if !matches!(only.target, Target::External(_)) => {
                let target = only.target.clone();
                self.go_to_target(&target);
            }
            _ => {
                let rows = self.popup_rows(super::overlays::HELP_WIDTH);
                let items = links
                    .iter()
                    .enumerate()
                    .map(|(i, link)| (i, 1, link.text.clone()))
                    .collect();
                self.overlay = Some(Overlay::Links(Box::new(LinksView {
                    links,
                    list: OutlineView::new(items, 0, rows),
                })));
            }
        }
    }

    /// `Enter` in the links popup.
    pub(super) fn follow_picked_link(&mut self) {
        let Some(Overlay::Links(view)) = &self.overlay else {
            return;
        };
        let Some(link) = view.links.get(view.list.selected()).cloned() else {
            return;
        };
        if let Target::External(address) = &link.target {
            self.message = Some(format!(
                "{address}: dossier does not open addresses outside the corpus; {} copies it",
                self.keymap
                    .hint(crate::keymap::Mode::Links, crate::keymap::Action::Copy)
            ));
            return;
        }
        self.overlay = None;
        self.go_to_target(&link.target);
    }

    /// `y` in the links popup: the selected link's address.
    pub(super) fn copy_picked_link(&mut self) -> Vec<Effect> {
        let Some(Overlay::Links(view)) = &self.overlay else {
            return Vec::new();
        };
        let Some(link) = view.links.get(view.list.selected()) else {
            return Vec::new();
        };
        if !self.clipboard {
            self.message = Some("copying is off (clipboard = \"off\" in config.toml)".into());
            return Vec::new();
        }
        let address = link.address.clone();
        self.message = Some(format!("copied {address}"));
        vec![Effect::Copy(address)]
    }

    fn go_to_target(&mut self, target: &Target) {
        match target {
            Target::Brief {
                brief,
                block,
                missing_anchor,
            } => {
                let block = block.or_else(|| (*brief != self.reader.brief()).then_some(0));
                self.open(*brief, block, None);
                let id = self.corpus.briefs.get(*brief).map_or("", |b| b.id.as_str());
                self.message = Some(match missing_anchor {
                    Some(anchor) => format!("{id}: no heading #{anchor}; opened at the start"),
                    None => format!("link → {id}"),
                });
            }
            Target::External(address) => self.message = Some(format!("external address: {address}")),
            Target::NotInCorpus(address) => {
                self.message = Some(format!("{address} is not a document of this corpus"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Origin, SourceFile, load_sources};

    fn corpus() -> Corpus {
        let file = |path: &str, text: &str| SourceFile {
            path: path.to_owned(),
            bytes: text.as_bytes().to_vec(),
        };
        load_sources(
            vec![
                (
                    file(
                        "docs/a.md",
                        "# A\n\nSee [b](guide/b.md#set-up-twice-1), [top](#a), [web](https://x.org) and [gone](nope.md).\n",
                    ),
                    None,
                ),
                (
                    file(
                        "docs/guide/b.md",
                        "# B\n\n## Set up, twice!\n\nx\n\n## Set up twice\n\ny\n",
                    ),
                    None,
                ),
            ],
            Origin::Embedded,
            Vec::new(),
        )
    }

    #[test]
    fn a_links_text_reads_as_the_reader_shows_it() {
        let text = "[![Donate](badge.svg)](https://x.org) and [a **bold** word](c.md), [two\nlines](d.md)\n";
        let doc = Document::parse(text, 0, text);
        let texts: Vec<String> = passage_links(&doc, 0).into_iter().map(|(t, _)| t).collect();
        assert_eq!(texts, ["[image: Donate]", "a bold word", "two lines"]);
    }

    #[test]
    fn slugs_follow_github() {
        assert_eq!(slug("Set up, twice!"), "set-up-twice");
        assert_eq!(slug("Ünïcode & Co_1"), "ünïcode--co_1");
    }

    #[test]
    fn relative_links_anchors_and_addresses_resolve() {
        let c = corpus();
        let links = passage_links(&c.briefs[0].doc, 1);
        let texts: Vec<&str> = links.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["b", "top", "web", "gone"]);
        let resolved: Vec<Target> = links
            .iter()
            .map(|(_, i)| resolve(&c, 0, &c.briefs[0].doc.links[*i]))
            .collect();
        let b_second = heading_block(&c.briefs[1].doc, "set-up-twice-1");
        assert!(b_second.is_some());
        assert_eq!(
            resolved,
            [
                Target::Brief {
                    brief: 1,
                    block: b_second,
                    missing_anchor: None
                },
                Target::Brief {
                    brief: 0,
                    block: Some(0),
                    missing_anchor: None
                },
                Target::External("https://x.org".into()),
                Target::NotInCorpus("nope.md".into()),
            ]
        );
        // Back up a folder, with a missing anchor.
        assert_eq!(
            resolve(&c, 1, "../a.md#nowhere"),
            Target::Brief {
                brief: 0,
                block: None,
                missing_anchor: Some("nowhere".into())
            }
        );
        assert!(matches!(resolve(&c, 0, "mailto:x@y.org"), Target::External(_)));
    }
}
