//! Key terms: names of organisations, places and people, and acronyms, with their mentions.
//!
//! A name is a run of capitalised words ("Rhone Delta", "Ministry of Interior") or an acronym
//! ("WHO", "U.S."). What is not a name is decided by general rules, never by a list of a brief's
//! words: English function words and document labels ("The", "However", "Abstract"); a capitalised
//! word whose lower-case form the brief also uses ("Recent" where "recent" occurs), which is a
//! common word at the start of a sentence; a single word never capitalised mid-sentence; and the
//! authors of the brief's citations ("(Okafor, 2024)", "Lindqvist (2023)"), who are sources, not
//! subjects.

use std::ops::Range;

use super::lexicon::{FastMap, FastSet, HashedSet, Words, is_function_word, month_number};
use super::text::{self, CITATION, Kind, View};
use crate::corpus::Brief;
use crate::corpus::document::{Block, Document};

/// A key term: an organisation, place or acronym, and where the brief mentions it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub mentions: Vec<Range<usize>>,
}

/// At most this many key terms per brief.
const MOST_TERMS: usize = 20;

/// Capitalised words that label a document's parts or address people: never names on their own.
static LABELS: Words = super::lexicon::words!(
    "mr mrs ms dr prof sir madam keywords abstract introduction conclusion conclusions methods \
     results discussion background summary references bibliography appendix figure table source \
     sources note notes author authors photo corresponding chapter section part editor editors"
);

/// Words joining the capitalised words of one name: "Ministry of Interior", "Fitna al Khawarij".
fn is_connector(lower: &str) -> bool {
    matches!(
        lower,
        "of" | "al" | "el" | "de" | "bin" | "ibn" | "von" | "van" | "der" | "du" | "la" | "le"
    )
}

fn is_roman_numeral(word: &str) -> bool {
    word.chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

/// A capitalised word that is no name on its own.
fn not_a_name(word: &str, lower: &str) -> bool {
    if word.len() >= 2 && word.chars().all(|c| c.is_ascii_uppercase()) {
        return is_roman_numeral(word); // an acronym: "WHO" is not "who"
    }
    is_function_word(lower)
        || LABELS.has(lower)
        || month_number(word).is_some_and(|_| word.len() >= 3)
        || super::times::is_relative_word(lower)
        || is_roman_numeral(word)
}

/// A name as found: its range in the document and whether it opens a sentence.
struct Candidate {
    range: Range<usize>,
    sentence_start: bool,
}

/// Key terms of a brief, most mentioned first (at most 20; in a long brief each mentioned at least twice).
pub fn key_terms(brief: &Brief) -> Vec<Term> {
    let mut finder = Finder::default();
    for (_, block) in super::body_blocks(&brief.doc) {
        let prepared = text::Prepared::new(text::masked(&brief.doc, block));
        finder.read(&brief.doc, block, &prepared);
    }
    finder.terms(&brief.doc)
}

/// What a brief's blocks tell about its names, gathered block by block.
#[derive(Default)]
pub struct Finder {
    lower_words: Vocabulary,
    mid_capitals: Vocabulary,
    authors: FastSet<String>,
    candidates: Vec<Candidate>,
}

impl Finder {
    /// Reads one block, prepared.
    pub fn read(&mut self, doc: &Document, block: &Block, prepared: &text::Prepared) {
        citation_authors(doc.block_text(block), &mut self.authors);
        let vocabulary = (&mut self.lower_words, &mut self.mid_capitals);
        scan_block(prepared, block.range.start, vocabulary, &mut self.candidates);
    }

    /// The key terms of the blocks read.
    pub fn terms(&self, doc: &Document) -> Vec<Term> {
        let mut terms: Vec<Term> = Vec::new();
        let mut index: FastMap<&str, usize> = FastMap::default();
        let mut named_mid_sentence: FastSet<&str> = FastSet::default();
        for candidate in &self.candidates {
            let Some(range) = trim_common_start(doc, candidate, &self.lower_words, &self.mid_capitals) else {
                continue;
            };
            let name = doc.text.get(range.clone()).unwrap_or("");
            let surname = name.rsplit(' ').next().unwrap_or(name);
            if is_common(name, &self.lower_words) || self.authors.contains(surname) {
                continue;
            }
            if !(candidate.sentence_start && range.start == candidate.range.start) {
                named_mid_sentence.insert(name);
            }
            match index.get(name) {
                Some(&i) => terms[i].mentions.push(range),
                None => {
                    index.insert(name, terms.len());
                    terms.push(Term {
                        text: name.to_owned(),
                        mentions: vec![range],
                    });
                }
            }
        }
        // Short briefs mention each thing once or twice: there one mention is enough.
        let minimum = if doc.text.len() > 10_000 { 2 } else { 1 };
        terms.retain(|t| {
            t.mentions.len() >= minimum
                && (t.text.contains(' ') || is_acronym(&t.text) || named_mid_sentence.contains(t.text.as_str()))
        });
        terms.sort_by(|a, b| b.mentions.len().cmp(&a.mentions.len()).then(a.text.cmp(&b.text)));
        terms.truncate(MOST_TERMS);
        terms
    }
}

fn is_acronym(name: &str) -> bool {
    let letters = name.trim_end_matches('s').replace('.', "");
    letters.len() >= 2 && letters.chars().all(|c| c.is_ascii_uppercase())
}

/// A one-word name whose lower-case form the brief uses is a common word ("Recent", "PAPER"). Short
/// acronyms are kept: "US" is not "us".
fn is_common(name: &str, lower_words: &Vocabulary) -> bool {
    let short_acronym = name.len() < 5 && is_acronym(name);
    !short_acronym && !name.contains(' ') && !name.contains('.') && lower_words.has_lower(name)
}

/// Words seen in a brief, kept as hashes: a brief has thousands of words and this is asked for
/// every capitalised one.
struct Vocabulary(HashedSet);

fn hash_of(bytes: impl Iterator<Item = u8>) -> u64 {
    use std::hash::Hasher as _;
    let mut h = super::lexicon::Fnv::default();
    for b in bytes {
        h.write_u8(b);
    }
    h.finish()
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary(HashedSet::with_capacity_and_hasher(2048, Default::default()))
    }
}

impl Vocabulary {
    fn insert(&mut self, word: &str) {
        self.0.insert(hash_of(word.bytes()));
    }

    fn has(&self, word: &str) -> bool {
        self.0.contains(&hash_of(word.bytes()))
    }

    /// Whether the word's lower-case form (ASCII letters lowered) is in the vocabulary.
    fn has_lower(&self, word: &str) -> bool {
        self.0.contains(&hash_of(word.bytes().map(|b| b.to_ascii_lowercase())))
    }
}

/// Drops words that only open a sentence from the start of a name ("The Rhone Delta" -> "Rhone
/// Delta", "Examining Dhaka" -> "Dhaka" when the brief writes "examining").
fn trim_common_start(
    doc: &Document,
    candidate: &Candidate,
    lower_words: &Vocabulary,
    mid_capitals: &Vocabulary,
) -> Option<Range<usize>> {
    let mut range = candidate.range.clone();
    loop {
        let text = doc.text.get(range.clone())?;
        let (first, rest) = match text.split_once(' ') {
            Some(split) => split,
            None => (text, ""),
        };
        let lower = first.to_ascii_lowercase();
        let opens_sentence = candidate.sentence_start && range.start == candidate.range.start;
        // A sentence's first word that the brief never capitalises elsewhere and that reads as
        // a verb or adverb ("Examining", "Importantly", "Viewed") is not part of the name after it.
        let verb_like = ["ing", "ly", "ed"].iter().any(|e| lower.ends_with(e)) && !mid_capitals.has(first);
        let common = not_a_name(first, &lower) || (opens_sentence && (lower_words.has(&lower) || verb_like));
        if !common {
            return Some(range);
        }
        if rest.is_empty() {
            return None;
        }
        range.start += first.len() + 1;
        // A connector left at the start ("of Interior") ends the name.
        let next = rest.split(' ').next().unwrap_or("");
        if is_connector(next) {
            return None;
        }
    }
}

/// The authors named in citations: "(Okafor, 2024)", "(Ruiz et al., 2022; Ali, 2021)",
/// "Lindqvist (2023)", "Lindqvist and Berg (2023)".
fn citation_authors(text: &str, authors: &mut FastSet<String>) {
    if !text.contains('(') {
        return;
    }
    for m in CITATION.find_iter(text) {
        let inside = m.as_str();
        for word in inside.split(|c: char| !c.is_alphabetic() && c != '-') {
            if word.starts_with(char::is_uppercase) && word.len() > 1 && !is_function_word(&word.to_lowercase()) {
                authors.insert(word.to_owned());
            }
        }
        if inside.starts_with("((") || !inside[1..].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        // "Lindqvist (2023)": the names just before the bracket.
        let before = text[..m.start()].trim_end().trim_end_matches("et al.").trim_end();
        for word in before.rsplit(' ').take(3) {
            let word = word.trim_matches(|c: char| !c.is_alphabetic());
            if word.starts_with(char::is_uppercase) {
                authors.insert(word.to_owned());
            } else if !matches!(word, "and" | "&") {
                break;
            }
        }
    }
}

/// Finds the name runs and acronyms of one block, and the lower-case words it uses.
fn scan_block(
    prepared: &text::Prepared,
    base: usize,
    (lower_words, mid_capitals): (&mut Vocabulary, &mut Vocabulary),
    out: &mut Vec<Candidate>,
) {
    let view = prepared.view();
    let masked = prepared.masked.as_str();
    for sentence in prepared.sentences.iter().cloned() {
        let first = sentence.clone().find(|&i| view.kind(i) == Some(Kind::Word));
        let mut i = sentence.start;
        while i < sentence.end {
            let word = view.word(i);
            if view.kind(i) != Some(Kind::Word) {
                i += 1;
                continue;
            }
            if word.starts_with(|c: char| c.is_lowercase()) {
                lower_words.insert(word);
                i += 1;
                continue;
            }
            if Some(i) != first {
                mid_capitals.insert(word);
            }
            let end = name_end(&view, i, sentence.end);
            let mut range = view.bytes(&(i..end));
            // "Kenya's" names Kenya.
            let name = masked.get(range.clone()).unwrap_or("");
            range.end = range.start + text::without_possessive(name).len();
            let stray = name.len() < 2 || name.ends_with(|c: char| c.is_uppercase()) && name.contains('-');
            if !stray {
                out.push(Candidate {
                    range: base + range.start..base + range.end,
                    sentence_start: Some(i) == first,
                });
            }
            i = end;
        }
    }
}

/// The end of the name that starts at capitalised token `i`: more capitalised words, joined by
/// spaces or connectors; a dotted acronym ("U.S.") keeps its dots.
fn name_end(view: &View<'_>, i: usize, end: usize) -> usize {
    let single_letter = |j: usize| view.word(j).len() == 1 && view.word(j).chars().all(|c| c.is_ascii_uppercase());
    if single_letter(i) && view.word(i + 1) == "." && view.glued(i + 1) {
        let mut j = i;
        while j + 1 < end && single_letter(j) && view.word(j + 1) == "." && view.glued(j + 1) {
            j += 2;
        }
        // "U.S." is an acronym; a lone "S." is an initial.
        return if j - i >= 4 { j } else { i + 1 };
    }
    let capitalised = |j: usize| view.kind(j) == Some(Kind::Word) && view.capitalised(j) && !view.glued(j);
    let possessive = |j: usize| view.word(j).ends_with("'s") || view.word(j).ends_with("’s");
    let mut j = i + 1;
    while j < end && !possessive(j - 1) {
        if single_letter(j) && view.word(j + 1) == "." {
            break; // a dotted acronym starts its own name
        }
        if capitalised(j) {
            j += 1;
        } else if is_connector(view.low(j)) && j + 1 < end && capitalised(j + 1) && view.kind(j) == Some(Kind::Word) {
            j += 2;
        } else {
            break;
        }
    }
    j
}

#[cfg(test)]
#[path = "terms_tests.rs"]
mod tests;
