//! Key terms: names of organisations, places and people, and acronyms, with their mentions.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::text::{CITATION, regex};
use crate::corpus::Brief;

/// A key term: an organisation, place or acronym, and where the brief mentions it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub mentions: Vec<Range<usize>>,
}

/// Capitalised words that are not names on their own.
const NOT_NAMES: &[&str] = &[
    "The",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "In",
    "On",
    "At",
    "As",
    "A",
    "An",
    "And",
    "But",
    "Or",
    "If",
    "For",
    "However",
    "Moreover",
    "Furthermore",
    "Nevertheless",
    "Conversely",
    "Additionally",
    "Therefore",
    "Thus",
    "Although",
    "While",
    "When",
    "Since",
    "After",
    "Before",
    "Despite",
    "Both",
    "Each",
    "Other",
    "Such",
    "There",
    "Their",
    "They",
    "He",
    "She",
    "We",
    "Our",
    "His",
    "Her",
    "To",
    "Of",
    "By",
    "With",
    "From",
    "Due",
    "Instead",
    "Rather",
    "Overall",
    "Examining",
    "Keywords",
    "Introduction",
    "Conclusion",
    "Literature",
    "Review",
    "References",
    "ABSTRACT",
    "RESEARCH",
    "PAPER",
    "Corresponding",
    "Author",
    "Photo",
    "What's",
    "Why",
    "Beyond",
    "Looking",
    "Importantly",
    "Effective",
    "Building",
    "Tightening",
    "Recent",
    "Central",
    "Past",
    "Viewed",
    "Also",
    "Another",
    "Even",
    "Here",
    "Many",
    "Most",
    "One",
    "Some",
    "Other",
    "Previously",
    "Officially",
    "Elsayed",
    "Sadia",
    "Popalzay",
    "Khan",
    "Ullah",
    "Gul",
    "Mr",
    "Dr",
    "I",
    "II",
    "III",
    "IV",
    "V",
    "Yet",
    "So",
    "Nor",
    "Not",
    "No",
    "All",
    "Any",
    "Every",
    "What",
    "Which",
    "Who",
    "How",
    "Is",
    "Are",
    "Was",
    "Were",
    "Be",
    "Can",
    "Could",
    "Should",
    "Would",
    "Will",
    "May",
    "Might",
    "Must",
    "Not",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

static TERM: LazyLock<Regex> = LazyLock::new(|| {
    // Acronyms (TTP, CPEC, KP, U.S.) and runs of capitalised words joined by "of" or
    // "al", or hyphens (Ministry of Interior, Fitna al Khawarij, Tehreek-e-Taliban Pakistan).
    regex(
        r"\b(?:[A-Z]\.){2,}|\b[A-Z]{2,6}s?\b|\b[A-Z][a-z]+(?:-(?:[a-z]+|[A-Z][a-zA-Z]+))*(?:\s+(?:(?:of|al)\s+)?[A-Z][a-z]+(?:-(?:[a-z]+|[A-Z][a-zA-Z]+))*)*",
    )
});

/// Key terms of a brief, most mentioned first (at most 20; in a long brief each mentioned at least twice).
pub fn key_terms(brief: &Brief) -> Vec<Term> {
    let doc = &brief.doc;
    let mut terms: Vec<Term> = Vec::new();
    let mut named_mid_sentence = std::collections::HashSet::new();
    for (_, block) in super::body_blocks(doc) {
        let text = doc.block_text(block);
        let blanked = CITATION.replace_all(text, |c: &regex::Captures<'_>| " ".repeat(c[0].len()));
        for m in TERM.find_iter(&blanked) {
            // Drop leading words that only start a sentence ("The Durand Line" → "Durand Line").
            let mut name = m.as_str();
            let mut start = m.start();
            while let Some((first, rest)) = name.split_once(' ') {
                if !NOT_NAMES.contains(&first) {
                    break;
                }
                start += first.len() + 1;
                name = rest.trim_start();
            }
            // A plural acronym ("NGOs") is the acronym.
            if let Some(singular) = name.strip_suffix('s')
                && singular.len() >= 2
                && singular.chars().all(|c| c.is_ascii_uppercase())
            {
                name = singular;
            }
            if name.len() < 2 || NOT_NAMES.contains(&name) {
                continue;
            }
            let range = block.range.start + start..block.range.start + start + name.len();
            // Is this mention mid-sentence? A one-word name only counts if it ever is: a common word
            // capitalised at the start of sentences ("Counterterrorism is...") is not a name.
            let before = blanked.get(..start).unwrap_or("").trim_end();
            let mid_sentence = !(before.is_empty() || before.ends_with(['.', '!', '?', ':', '"', '“']));
            match terms.iter_mut().find(|t| t.text == name) {
                Some(t) => t.mentions.push(range),
                None => terms.push(Term {
                    text: name.to_owned(),
                    mentions: vec![range],
                }),
            }
            if mid_sentence && !name.contains(' ') {
                named_mid_sentence.insert(name.to_owned());
            }
        }
    }
    // Short briefs mention each thing once or twice: there one mention is enough.
    let minimum = if doc.text.len() > 10_000 { 2 } else { 1 };
    terms.retain(|t| {
        t.mentions.len() >= minimum
            && (t.text.contains(' ')
                || t.text.chars().all(|c| !c.is_lowercase())
                || named_mid_sentence.contains(&t.text))
    });
    terms.sort_by(|a, b| b.mentions.len().cmp(&a.mentions.len()).then(a.text.cmp(&b.text)));
    terms.truncate(20);
    terms
}
