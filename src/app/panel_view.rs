//! Building the side panel's lines for the open brief: what each claim, statistic, link and
//! bookmark says, wrapped to the panel's width. Built when the brief, tab, width, bookmarks or
//! derived items change; the view only draws the lines on screen.

use super::AppState;
use super::panel::{PanelItem, PanelLine, PanelView, Piece, Tab};
use crate::corpus::{Brief, CrossRef, Relation, plural};
use crate::keymap::{Action, Mode};
use crate::store::Placement;
use crate::text::wrap;

/// Columns left of the panel's text for the "on screen" marker.
pub const MARK_WIDTH: usize = 2;

impl AppState {
    /// The items of the current tab, in order.
    pub(super) fn panel_items_for(&self, brief: &Brief, tab: Tab) -> Vec<PanelItem> {
        match tab {
            Tab::Summary => Vec::new(),
            Tab::Claims => (0..brief.claims.len()).map(PanelItem::Claim).collect(),
            // Curated statistics win; derived ones stand in where a brief has none.
            Tab::Statistics if brief.statistics.is_empty() => (0..self.derived_statistics().len())
                .map(PanelItem::DerivedStatistic)
                .collect(),
            Tab::Statistics => (0..brief.statistics.len()).map(PanelItem::Statistic).collect(),
            Tab::Links if brief.crossrefs.is_empty() && brief.backlinks.is_empty() => {
                (0..self.inferred_links().len()).map(PanelItem::InferredLink).collect()
            }
            Tab::Links => (0..brief.crossrefs.len())
                .map(|index| PanelItem::Link { outgoing: true, index })
                .chain((0..brief.backlinks.len()).map(|index| PanelItem::Link { outgoing: false, index }))
                .collect(),
            Tab::Bookmarks => self.bookmarks.order().into_iter().map(PanelItem::Bookmark).collect(),
        }
    }

    /// The lines of `tab` for the open brief at `width` columns (the marker column included).
    pub(super) fn build_panel_view(&self, tab: Tab, width: usize) -> PanelView {
        let Some(brief) = self.brief() else {
            return PanelView::default();
        };
        let text_width = width.saturating_sub(MARK_WIDTH).max(1);
        if tab == Tab::Summary {
            return PanelView {
                lines: self.summary_lines(brief, text_width),
                ..PanelView::default()
            };
        }
        let mut view = PanelView::default();
        for (n, item) in self.panel_items_for(brief, tab).into_iter().enumerate() {
            let start = view.lines.len();
            let (label_role, label, body) = self.describe(brief, item);
            for piece in wrap(&label, text_width) {
                view.lines.push(PanelLine {
                    pieces: vec![(label_role, piece)],
                    entry: Some(n),
                    body: false,
                });
            }
            for (role, text) in body {
                for piece in wrap(&text, text_width) {
                    view.lines.push(PanelLine {
                        pieces: vec![(role, piece)],
                        entry: Some(n),
                        body: true,
                    });
                }
            }
            view.lines.push(PanelLine {
                pieces: Vec::new(),
                entry: Some(n),
                body: false,
            });
            view.entries.push((item, start..view.lines.len()));
        }
        if view.entries.is_empty() {
            view.empty = Some(self.empty_text(tab));
        }
        view
    }

    fn empty_text(&self, tab: Tab) -> String {
        let key = |mode, action| self.keymap.hint(mode, action);
        match tab {
            Tab::Claims => "This brief has no annotated claims.".to_owned(),
            Tab::Statistics if self.derived.is_none() => {
                "This brief has no annotated statistics; derived ones are on their way.".to_owned()
            }
            Tab::Statistics => "This brief has no annotated statistics, and none were found in its text.".to_owned(),
            Tab::Bookmarks => format!(
                "No bookmarks yet: {} bookmarks the passage under the cursor; {} selects part of it first.",
                key(Mode::Reader, Action::Bookmark),
                key(Mode::Reader, Action::Select)
            ),
            _ => "No cross-references touch this brief.".to_owned(),
        }
    }

    /// A label (role and text) and body lines (role and text) for an item.
    fn describe(&self, brief: &Brief, item: PanelItem) -> (&'static str, String, Vec<Piece>) {
        let none = ("text", String::new(), Vec::new());
        match item {
            PanelItem::Claim(i) => {
                let Some(claim) = brief.claims.get(i) else { return none };
                (
                    "gutter_claim",
                    format!("◆ {}", claim.id),
                    vec![("text", claim.text.clone())],
                )
            }
            PanelItem::Statistic(i) => {
                let Some(s) = brief.statistics.get(i) else { return none };
                let period = s.period_text().map(|p| format!(" ({p})")).unwrap_or_default();
                let mut body = vec![("text", format!("{}{period}", s.measure))];
                if let Some(note) = s.note() {
                    body.push(("dim", note.to_owned()));
                }
                ("gutter_statistic", format!("# {}", s.amount_text()), body)
            }
            PanelItem::DerivedStatistic(i) => {
                let Some(d) = self.derived_statistics().get(i) else {
                    return none;
                };
                let period = d.period_text().map(|p| format!(" ({p})")).unwrap_or_default();
                let mentions = match d.mentions().len() {
                    0 | 1 => String::new(),
                    n => format!(" · {n} mentions"),
                };
                let quote = d
                    .mentions()
                    .first()
                    .and_then(|m| brief.doc.text.get(m.clone()))
                    .unwrap_or("");
                (
                    "dim",
                    format!("◇ {} (derived)", d.amount_text()),
                    // A date has no measure: its line starts at the dash, not a space before it.
                    vec![(
                        "text",
                        format!("{}{period}{mentions} — “{quote}”", d.measure)
                            .trim_start()
                            .to_owned(),
                    )],
                )
            }
            PanelItem::InferredLink(i) => {
                let Some(link) = self.inferred_links().get(i) else {
                    return none;
                };
                let other = self.corpus.briefs.get(link.to).map_or("", |b| b.meta.title.as_str());
                let figures: Vec<String> = link
                    .shared_figures
                    .iter()
                    .map(|(v, u)| format!("{} {u}", crate::figure::number_text(*v)))
                    .collect();
                let mut body = format!("{other} — shares {}", link.shared_terms.join(", "));
                if !figures.is_empty() {
                    body.push_str(&format!("; the same figures: {}", figures.join(", ")));
                }
                ("context", "→ related (derived)".to_owned(), vec![("text", body)])
            }
            PanelItem::Bookmark(i) => self.describe_bookmark(i).unwrap_or(none),
            PanelItem::Link { outgoing, index } => {
                let list = if outgoing { &brief.crossrefs } else { &brief.backlinks };
                let Some(link) = list.get(index) else { return none };
                self.describe_link(link, outgoing)
            }
        }
    }

    fn describe_link(&self, link: &CrossRef, outgoing: bool) -> (&'static str, String, Vec<Piece>) {
        let role = link.relation.name();
        let (arrow, other_brief, other_claim, verb) = if outgoing {
            ("→", &link.to_brief, &link.to_claim, role)
        } else {
            ("←", &link.from_brief, &link.from_claim, passive(link.relation))
        };
        let other = self.corpus.brief(other_brief);
        let title = other.map_or(other_brief.as_str(), |b| b.meta.title.as_str());
        let claim_text = other
            .and_then(|b| b.claim(other_claim))
            .map_or_else(String::new, |c| c.text.clone());
        let mut body = vec![("text", claim_text)];
        body.push(("dim", format!("in “{title}” · {other_brief}#{other_claim}")));
        if let Some(note) = &link.note {
            body.push(("text", format!("Why: {note}")));
        }
        (role, format!("{arrow} {verb}"), body)
    }

    fn describe_bookmark(&self, i: usize) -> Option<(&'static str, String, Vec<Piece>)> {
        let (bookmark, placement) = self.bookmarks.get(i)?;
        let excerpt: String = bookmark.exact.chars().take(160).collect();
        let more = if bookmark.exact.chars().count() > 160 {
            "…"
        } else {
            ""
        };
        let date = bookmark.created.get(..10).unwrap_or("");
        let mut body = vec![("text", format!("“{excerpt}{more}”"))];
        if !bookmark.note.is_empty() {
            body.push(("strong", format!("Note: {}", bookmark.note)));
        }
        body.push(("dim", date.to_owned()));
        Some(match placement {
            Placement::Placed { brief, .. } => {
                let title = self.corpus.briefs.get(*brief).map_or("", |b| b.meta.title.as_str());
                let section = if bookmark.section.is_empty() {
                    String::new()
                } else {
                    format!(" › {}", bookmark.section)
                };
                ("gutter_bookmark", format!("★ {title}{section}"), body)
            }
            Placement::Elsewhere(corpus) => {
                let place = corpus.as_deref().map_or_else(
                    || "no corpus yet (made before corpora were told apart)".to_owned(),
                    super::marking::corpus_label,
                );
                ("dim", format!("◌ in {place} · {}", bookmark.brief), body)
            }
            Placement::Orphan(reason) => ("warning", format!("⚠ orphaned ({}): {reason}", bookmark.brief), body),
        })
    }

    /// The Summary tab: title and flags, byline, summary, counts, key terms, about the source.
    fn summary_lines(&self, brief: &Brief, width: usize) -> Vec<PanelLine> {
        let mut lines = Vec::new();
        let mut push = |role: &'static str, text: &str| {
            for piece in wrap(text, width) {
                lines.push(PanelLine {
                    pieces: vec![(role, piece)],
                    entry: None,
                    body: false,
                });
            }
        };
        let meta = &brief.meta;
        push("title", &meta.title);
        for flag in &meta.flags {
            push("warning", &format!("{} {}", flag.marker(), flag.explanation()));
        }
        if let Some(byline) = meta.byline() {
            push("dim", &byline);
        }
        push("dim", &brief.path);
        push("text", "");
        match &brief.summary {
            Some(summary) => push("text", summary),
            None => push("dim", "No annotated summary for this brief."),
        }
        push("text", "");
        push("dim", &self.counts_line(brief));
        let terms = self.key_terms();
        if !terms.is_empty() {
            let list: Vec<String> = terms
                .iter()
                .take(12)
                .map(|t| format!("{} ({})", t.text, t.mentions.len()))
                .collect();
            push("text", "");
            push("heading3", "Key terms (derived from the text)");
            push("text", &list.join(" · "));
        }
        if let Some(notes) = &meta.source_notes {
            push("text", "");
            push("heading3", "About the source");
            for paragraph in notes.lines() {
                push("dim", paragraph);
            }
        }
        lines
    }

    /// "12 claims · 5 statistics (3 derived) · 4 links out · 1 link in".
    fn counts_line(&self, brief: &Brief) -> String {
        let count = |n: usize, one: &str, many: &str| format!("{n} {}", plural(n, one, many));
        let statistics = if brief.statistics.is_empty() && !self.derived_statistics().is_empty() {
            format!(
                "{} derived",
                count(self.derived_statistics().len(), "statistic", "statistics")
            )
        } else {
            count(brief.statistics.len(), "statistic", "statistics")
        };
        let links = if brief.crossrefs.is_empty() && brief.backlinks.is_empty() && !self.inferred_links().is_empty() {
            format!(
                "{} derived",
                count(self.inferred_links().len(), "related brief", "related briefs")
            )
        } else {
            format!(
                "{} out · {} in",
                count(brief.crossrefs.len(), "link", "links"),
                count(brief.backlinks.len(), "link", "links")
            )
        };
        format!(
            "{} · {statistics} · {links}",
            count(brief.claims.len(), "claim", "claims")
        )
    }
}

fn passive(relation: Relation) -> &'static str {
    match relation {
        Relation::Supports => "supported by",
        Relation::Contradicts => "contradicted by",
        Relation::Extends => "extended by",
        Relation::Quantifies => "quantified by",
        Relation::Context => "context from",
    }
}
