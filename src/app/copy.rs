//! `y`: copy what the reader chose (the selection, the passage under the cursor, or the panel
//! item's quote) with a citation line, so a quote never travels without its source. The runner
//! puts it on the terminal's clipboard (OSC 52) when the user has not turned that off.

use super::panel::PanelItem;
use super::{AppState, Effect, Focus, Tab};
use crate::corpus::{Brief, SourceFlag};
use crate::store::Placement;

impl AppState {
    pub(super) fn copy(&mut self) -> Vec<Effect> {
        let Some((what, brief, text)) = self.to_copy() else {
            self.message = Some("nothing to copy here".into());
            return Vec::new();
        };
        let Some(brief) = self.corpus.briefs.get(brief) else {
            return Vec::new();
        };
        let copied = format!("“{text}”\n— {}", citation(brief));
        if !self.clipboard {
            self.message = Some("copying is off (clipboard = \"off\" in config.toml)".into());
            return Vec::new();
        }
        let chars = text.chars().count();
        self.message = Some(format!(
            "copied {what} ({chars} {}), with its citation",
            crate::corpus::plural(chars, "character", "characters")
        ));
        vec![Effect::Copy(copied)]
    }

    /// What `y` copies now: (what it is, the brief, the words).
    fn to_copy(&self) -> Option<(&'static str, usize, String)> {
        let open = self.reader.brief();
        let doc = &self.corpus.briefs.get(open)?.doc;
        if let Some(selection) = &self.selection {
            return Some(("the selection", open, doc.text.get(selection.clone())?.to_owned()));
        }
        if self.focus == Focus::Panel && self.panel.tab() != Tab::Summary {
            return match self.panel.selected_item()? {
                PanelItem::Bookmark(i) => match self.bookmarks.get(i)? {
                    (bookmark, Placement::Placed { brief, .. }) => {
                        Some(("the bookmarked passage", *brief, bookmark.exact.clone()))
                    }
                    (_, Placement::Orphan(_) | Placement::Elsewhere(_)) => None,
                },
                item => {
                    let anchor = self.item_anchor(item)?;
                    Some(("the item's words", open, doc.text.get(anchor)?.to_owned()))
                }
            };
        }
        let block = doc.blocks.get(self.reader.cursor())?;
        let text = doc.block_text(block).replace('\n', " ");
        (!text.is_empty()).then_some(("the passage", open, text))
    }
}

/// "Title (title supplied by dossier), Authors, Publication, Date": what a quote is cited as.
pub fn citation(brief: &Brief) -> String {
    let meta = &brief.meta;
    let mut title = meta.title.clone();
    for flag in &meta.flags {
        title.push_str(match flag {
            SourceFlag::TitleSupplied => " (title supplied by dossier; the source has none)",
            SourceFlag::HeadlineMismatch => " (published under this headline, which does not match the text)",
        });
    }
    let mut parts = vec![title];
    if !meta.authors.is_empty() {
        parts.push(meta.authors.join(", "));
    }
    parts.extend(meta.publication.clone());
    parts.push(meta.date.clone().unwrap_or_else(|| "undated".to_owned()));
    parts.join(", ")
}
