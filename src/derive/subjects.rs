//! The subject a count without a noun of its own counts: "Deaths from terrorism fell 22 per
//! cent to 8,352" counts deaths, "A crowd of 31,450" people, "maps for walkers, more than 40 in
//! all" maps. A verb ("the crate supports"), a pronoun ("we ... data") or a subordinate clause
//! ("so that a motor of only 75 horsepower could") is not one.

use std::ops::Range;

use super::lexicon::{self, counted_by, is_function_word, is_plural_subject, unit_word};
use super::measures::{Description, trimmed, until_blocked};
use super::text::{Kind, Sentence, View};

/// Words that open a subordinate clause, which has a subject of its own ("so that a motor of
/// only 75 horsepower could move them").
fn subordinates(lower: &str) -> bool {
    matches!(
        lower,
        "that" | "which" | "who" | "whom" | "whose" | "when" | "where" | "whereas" | "whether" | "if" | "because"
    ) || matches!(lower, "although" | "though" | "unless")
}

/// The plural noun heading the subject that opens tokens `start..end`: "Deaths from terrorism
/// fell", "A crowd of", "the registered voters". A verb or a pronoun before it means the subject
/// is something else ("we ... data", "the crate supports").
fn subject_head(view: &View<'_>, start: usize, end: usize) -> Option<usize> {
    let mut words = 0;
    for j in start..end {
        if view.kind(j) != Some(Kind::Word) {
            continue;
        }
        let w = view.low(j);
        if (is_plural_subject(w) || counted_by(w).is_some())
            && !unit_word(view.word(j)).is_some_and(lexicon::is_measurement_unit)
        {
            return Some(j);
        }
        let pronoun = matches!(w, "we" | "they" | "it" | "he" | "she" | "i" | "you" | "this");
        words += 1;
        if pronoun || words > 6 || super::text::is_verbish(w) || lexicon::is_verb_in_s(w) {
            return None;
        }
    }
    None
}

/// A clause without a verb set after a plural noun counts that noun: "went on producing maps
/// for walkers, more than 40 in all".
fn apposed_to(view: &View<'_>, sentence: &Sentence, c: usize, own: &Range<usize>) -> Option<usize> {
    let verbless = own.clone().all(|j| {
        let w = view.low(j);
        view.kind(j) != Some(Kind::Word) || !(super::text::is_verbish(w) || lexicon::is_verb_in_s(w))
    });
    let previous = sentence.clauses.get(c.checked_sub(1)?)?;
    if !verbless {
        return None;
    }
    // The object of the clause's verb, else its first plural noun.
    let verb = previous
        .clone()
        .find(|&j| view.kind(j) == Some(Kind::Word) && super::text::is_verbish(view.low(j)));
    (verb.unwrap_or(previous.start)..previous.end).find(|&j| {
        view.kind(j) == Some(Kind::Word)
            && is_plural_subject(view.low(j))
            && !unit_word(view.word(j)).is_some_and(lexicon::is_measurement_unit)
    })
}

/// Whether a clause opens with its verb ("fell 22 per cent to 8,352", "and rose to 40"), its
/// subject given by the clause before.
fn opens_with_verb(view: &View<'_>, clause: &Range<usize>) -> bool {
    let first = (clause.start..clause.end)
        .find(|&j| view.kind(j) == Some(Kind::Word) && !matches!(view.low(j), "and" | "or" | "but" | "then"));
    first.is_some_and(|j| {
        let w = view.low(j);
        super::text::is_verbish(w) || lexicon::is_verb_in_s(w) || lexicon::CHANGE_WORDS.has(w)
    })
}

/// The plural subject of the figure's clause, or of the sentence's first clause when the figure's
/// clause opens with its verb, and the phrase it heads: "Deaths from terrorism fell 22 per cent
/// to 8,352" -> deaths. A subordinate clause's subject is its own ("so that a motor of 75
/// horsepower could": none).
pub fn subject(
    view: &View<'_>,
    sentence: &Sentence,
    before: usize,
    blocked: &dyn Fn(usize) -> bool,
) -> Option<Description> {
    let c = sentence.clause_of(before);
    let own = &sentence.clauses[c];
    let subordinate = (own.start..before).rev().find(|&j| subordinates(view.low(j)));
    let head = match subordinate {
        Some(s) => subject_head(view, s + 1, before),
        None => subject_head(view, own.start, before)
            .or_else(|| {
                let first = &sentence.clauses[0];
                (c > 0 && opens_with_verb(view, own))
                    .then(|| subject_head(view, first.start, first.end.min(before)))
                    .flatten()
            })
            .or_else(|| apposed_to(view, sentence, c, own)),
    }?;
    let unit = counted_by(view.low(head)).map_or_else(|| view.low(head).to_owned(), str::to_owned);
    let mut start = head;
    while start > sentence.range.start
        && start + 2 > head
        && view.kind(start - 1) == Some(Kind::Word)
        && !is_function_word(view.low(start - 1))
    {
        start -= 1;
    }
    let end = until_blocked(view, head, before, blocked).end;
    let phrase = trimmed(view, start..end);
    // "A crowd of 31,450" counts people: say so in the measure.
    let measured = lexicon::is_measurement_unit(&unit);
    let measure = if measured || phrase.to_lowercase().contains(&unit) || phrase.is_empty() {
        phrase
    } else {
        format!("{unit} ({phrase})")
    };
    Some(Description { unit, measure })
}
