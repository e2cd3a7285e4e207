//! `dossier export`: a Markdown digest of the corpus and the user's bookmarks.

use std::fmt::Write as _;

use crate::corpus::{Brief, Corpus};
use crate::store::{self, Bookmark, Placement};

/// Text that goes into Markdown as plain words: control characters become visible placeholders
/// (a bookmarks file is untrusted input too) and characters that would start markup are escaped.
fn plain(text: &str) -> String {
    let text = crate::sanitize::sanitize_line(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn citation(brief: &Brief) -> String {
    let meta = &brief.meta;
    let mut parts = Vec::new();
    if !meta.authors.is_empty() {
        parts.push(plain(&meta.authors.join(", ")));
    }
    if let Some(p) = &meta.publication {
        parts.push(format!("*{}*", plain(p)));
    }
    parts.push(meta.date.clone().unwrap_or_else(|| "undated".to_owned()));
    if let Some(k) = &meta.kind {
        parts.push(k.clone());
    }
    parts.join(" · ")
}

/// The digest. With `only_bookmarked`, briefs without a bookmark are left out.
pub fn digest(corpus: &Corpus, bookmarks: &[Bookmark], only_bookmarked: bool) -> String {
    let identity = corpus.origin.identity();
    let claimed = store::claimed(bookmarks, corpus, &identity);
    let bookmarks = claimed.as_slice();
    let placements = store::place_all(corpus, &identity, bookmarks);
    let mut out = String::new();
    let _ = writeln!(out, "# dossier digest\n");
    let _ = writeln!(
        out,
        "Exported {} from {} {}, with {} {}.\n",
        store::now_iso(),
        corpus.briefs.len(),
        crate::corpus::plural(corpus.briefs.len(), "brief", "briefs"),
        bookmarks.len(),
        crate::corpus::plural(bookmarks.len(), "bookmark", "bookmarks")
    );
    for (index, brief) in corpus.briefs.iter().enumerate() {
        let mut mine: Vec<(usize, &Bookmark)> = bookmarks
            .iter()
            .zip(&placements)
            .filter_map(|(b, p)| match p {
                Placement::Placed { brief, range } if *brief == index => Some((range.start, b)),
                _ => None,
            })
            .collect();
        if only_bookmarked && mine.is_empty() {
            continue;
        }
        mine.sort_by_key(|(start, _)| *start);
        let _ = writeln!(out, "## {}\n", plain(&brief.meta.title));
        let _ = writeln!(out, "{}\n", citation(brief));
        for flag in &brief.meta.flags {
            let _ = writeln!(out, "**{}** {}\n", plain(flag.marker()), plain(flag.explanation()));
        }
        if let Some(notes) = &brief.meta.source_notes {
            let _ = writeln!(out, "About the source: {}\n", plain(notes));
        }
        if let Some(summary) = &brief.summary {
            let _ = writeln!(out, "{}\n", plain(summary));
        }
        if !brief.claims.is_empty() {
            let _ = writeln!(out, "### Key claims\n");
            for claim in &brief.claims {
                let _ = writeln!(out, "- {}\n  > {}", plain(&claim.text), plain(&claim.quote));
            }
            out.push('\n');
        }
        if !mine.is_empty() {
            let _ = writeln!(out, "### Bookmarks\n");
            for (_, b) in mine {
                let section = if b.section.is_empty() {
                    String::new()
                } else {
                    format!(" (in {})", plain(&b.section))
                };
                let _ = writeln!(
                    out,
                    "- {}{section}\n  > {}",
                    b.created.get(..10).unwrap_or(""),
                    plain(&b.exact)
                );
                if !b.note.is_empty() {
                    let _ = writeln!(out, "\n  Note: {}", plain(&b.note));
                }
            }
            out.push('\n');
        }
    }
    let orphans: Vec<(&Bookmark, &str)> = bookmarks
        .iter()
        .zip(&placements)
        .filter_map(|(b, p)| match p {
            Placement::Orphan(reason) => Some((b, reason.as_str())),
            Placement::Placed { .. } | Placement::Elsewhere(_) => None,
        })
        .collect();
    if !orphans.is_empty() {
        let _ = writeln!(out, "## Orphaned bookmarks\n");
        let _ = writeln!(out, "Their passage could not be found in the brief as it is now.\n");
        for (b, reason) in orphans {
            let _ = writeln!(
                out,
                "- {} · {} · {}\n  > {}",
                plain(&b.brief),
                b.created.get(..10).unwrap_or(""),
                plain(reason),
                plain(&b.exact)
            );
            if !b.note.is_empty() {
                let _ = writeln!(out, "\n  Note: {}", plain(&b.note));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus;

    #[test]
    fn the_digest_cites_summarises_and_lists_bookmarks_and_orphans() {
        let corpus = corpus::load_path(std::path::Path::new("tests/fixtures/valid"));
        let alpha = &corpus.briefs[0];
        let start = alpha.doc.text.find("over 650").unwrap();
        let kept = Bookmark::new(
            alpha,
            start..start + 16,
            "the *key* figure",
            "b1".into(),
            "2026-01-01T00:00:00Z".into(),
        )
        .in_corpus(&corpus.origin.identity());
        let mut lost = kept.clone();
        lost.brief = "deleted-brief".into();
        let text = digest(&corpus, &[kept, lost], false);
        assert!(
            text.contains("## Alpha brief\n\nA. Writer · *Test Review* · 2024-05-01 · op-ed\n"),
            "{text}"
        );
        assert!(text.contains(
            "### Key claims\n\n- The border cannot easily be guarded.\n  > The border is long and hard to guard.\n"
        ));
        assert!(text.contains("### Bookmarks\n\n- "));
        assert!(text.contains("  > over 650 in 2023\n\n  Note: the \\*key\\* figure\n"));
        assert!(text.contains("## Beta brief"));
        assert!(text.contains("## Orphaned bookmarks"));
        assert!(text.contains("- deleted-brief · "));
        let only = digest(&corpus, &[], true);
        assert!(!only.contains("## Alpha brief"));
    }
}
