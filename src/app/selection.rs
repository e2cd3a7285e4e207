//! Selecting part of a passage to bookmark (`v`): where a selection starts, and how each key
//! grows or shrinks it by words, sentences and passages. Pure functions of the text.

use std::ops::Range;

use crate::corpus::Document;
use crate::keymap::Action;
use crate::text::{sentences, words};

/// The selection `v` starts with in block `block`: `preferred` (a search match or jump
/// highlight) when it lies inside the block, else the block's first sentence.
pub fn start(doc: &Document, block: usize, preferred: Option<&Range<usize>>) -> Option<Range<usize>> {
    let range = doc.blocks.get(block)?.range.clone();
    if range.is_empty() {
        return None;
    }
    if let Some(p) = preferred
        && p.start >= range.start
        && p.end <= range.end
        && p.start < p.end
    {
        return Some(p.clone());
    }
    Some(range.start..sentence_end_after(doc, range.start))
}

/// The block holding text offset `at`, as a range.
fn block_range(doc: &Document, at: usize) -> Range<usize> {
    doc.block_at(at)
        .and_then(|b| doc.blocks.get(b))
        .map_or(0..doc.text.len(), |b| b.range.clone())
}

/// Word ranges in the block holding `at`, in text offsets.
fn block_words(doc: &Document, at: usize) -> Vec<Range<usize>> {
    let block = block_range(doc, at);
    let text = doc.text.get(block.clone()).unwrap_or("");
    words(text)
        .into_iter()
        .map(|w| w.start + block.start..w.end + block.start)
        .collect()
}

/// Sentence ends in the block holding `at`, in text offsets.
fn sentence_ends(doc: &Document, at: usize) -> Vec<usize> {
    let block = block_range(doc, at);
    let text = doc.text.get(block.clone()).unwrap_or("");
    sentences(text).into_iter().map(|s| s.end + block.start).collect()
}

/// The end of the first sentence that ends after `from` (or the block's end).
fn sentence_end_after(doc: &Document, from: usize) -> usize {
    let ends = sentence_ends(doc, from);
    ends.iter()
        .copied()
        .find(|&e| e > from)
        .unwrap_or_else(|| block_range(doc, from).end)
}

/// The end of `selection` without trailing punctuation and spaces.
fn bare_end(doc: &Document, selection: &Range<usize>) -> usize {
    let text = doc.text.get(selection.clone()).unwrap_or("");
    let kept = text.trim_end_matches(|c: char| !c.is_alphanumeric());
    selection.start + kept.len()
}

/// The selection after `action`; `None` when the action does not move a selection.
pub fn apply(doc: &Document, selection: &Range<usize>, action: Action) -> Option<Range<usize>> {
    let mut s = selection.clone();
    let last = s.end.saturating_sub(1).max(s.start);
    match action {
        Action::GrowWord => {
            let next = block_words(doc, last).into_iter().find(|w| w.end > s.end)?;
            s.end = next.end;
        }
        Action::ShrinkWord => {
            let bare = bare_end(doc, &s);
            let previous = block_words(doc, last)
                .into_iter()
                .rfind(|w| w.end < bare && w.end > s.start)?;
            s.end = previous.end;
        }
        Action::GrowSentence => {
            let block_end = block_range(doc, last).end;
            s.end = sentence_ends(doc, last)
                .into_iter()
                .find(|&e| e > s.end)
                .unwrap_or(block_end)
                .max(s.end);
        }
        Action::ShrinkSentence => {
            s.end = sentence_ends(doc, last)
                .into_iter()
                .rfind(|&e| e < s.end && e > s.start)?;
        }
        Action::GrowPassage => {
            let here = doc.block_at(last)?;
            s.end = doc.blocks.get(here + 1)?.range.end;
        }
        Action::ShrinkPassage => {
            let here = doc.block_at(last)?;
            let previous = doc.blocks.get(here.checked_sub(1)?)?;
            if previous.range.end <= s.start {
                return None;
            }
            s.end = previous.range.end;
        }
        Action::StartBack => {
            s.start = block_words(doc, s.start)
                .into_iter()
                .rfind(|w| w.start < s.start)?
                .start;
        }
        Action::StartForward => {
            s.start = block_words(doc, s.start)
                .into_iter()
                .find(|w| w.start > s.start && w.start < s.end)?
                .start;
        }
        _ => return None,
    }
    (s.start < s.end).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(md: &str) -> Document {
        Document::parse(md, 0, md)
    }

    fn run(doc: &Document, from: &str, actions: &[Action]) -> String {
        let start = doc.text.find(from).unwrap();
        let mut s = start..start + from.len();
        for &a in actions {
            if let Some(next) = apply(doc, &s, a) {
                s = next;
            }
        }
        doc.text[s].to_owned()
    }

    #[test]
    fn words_and_sentences_grow_and_shrink_the_end() {
        let d = doc(
            "With over 650 recorded attacks in 2023, it worried. The U.S. agreed. Then it ended.\n\nNext passage.\n",
        );
        use Action::*;
        assert_eq!(run(&d, "over 650", &[GrowWord, GrowWord]), "over 650 recorded attacks");
        assert_eq!(run(&d, "over 650", &[GrowWord, ShrinkWord]), "over 650");
        assert_eq!(run(&d, "over 650", &[StartBack]), "With over 650");
        assert_eq!(run(&d, "With over", &[StartForward]), "over");
        assert_eq!(
            run(&d, "over 650", &[GrowSentence]),
            "over 650 recorded attacks in 2023, it worried."
        );
        assert_eq!(
            run(&d, "over 650", &[GrowSentence, GrowSentence]),
            "over 650 recorded attacks in 2023, it worried. The U.S. agreed.",
            "an initial does not end a sentence"
        );
        assert_eq!(
            run(&d, "over 650", &[GrowSentence, GrowSentence, ShrinkSentence]),
            "over 650 recorded attacks in 2023, it worried."
        );
        assert_eq!(
            run(&d, "it worried.", &[ShrinkWord]),
            "it",
            "trailing punctuation is not a word"
        );
        assert!(run(&d, "over", &[GrowPassage]).ends_with("Next passage."));
        assert_eq!(
            run(&d, "over", &[GrowPassage, ShrinkPassage]),
            "over 650 recorded attacks in 2023, it worried. The U.S. agreed. Then it ended."
        );
    }

    #[test]
    fn the_first_selection_is_the_highlight_or_the_first_sentence() {
        let d = doc("One sentence here. Another one.\n");
        let s = start(&d, 0, None).unwrap();
        assert_eq!(&d.text[s], "One sentence here.");
        let s = start(&d, 0, Some(&(4..12))).unwrap();
        assert_eq!(&d.text[s], "sentence");
        let s = start(&d, 0, Some(&(4..200))).unwrap();
        assert_eq!(
            &d.text[s], "One sentence here.",
            "a highlight outside the passage is ignored"
        );
    }
}
