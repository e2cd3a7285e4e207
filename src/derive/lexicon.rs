//! Words of English that the extractors need: numbers written as words, months, units,
//! currencies, qualifiers, and the function words that end a noun phrase. General vocabulary only:
//! nothing here is taken from a particular brief.
//!
//! Lists are written as space-separated words (`_` joins the words of one entry) and read into
//! sets once (see [`super::words`]); units are in [`super::units`].

use std::sync::LazyLock;

pub use super::units::*;
pub(crate) use super::words::words;
pub use super::words::{FastMap, FastSet, Fnv, HashedSet, Words, ascii_lower};
use crate::figure::Qualifier;

pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month's number from its name or usual abbreviation ("Sept", "Nov."), any case.
pub fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    if word.len() < 3 {
        return None;
    }
    let i = MONTHS.iter().position(|m| {
        m.eq_ignore_ascii_case(word)
            || (word.len() <= 4 && m.get(..word.len()).is_some_and(|p| p.eq_ignore_ascii_case(word)))
    })?;
    u32::try_from(i + 1).ok()
}

const ONES: [&str; 20] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// The value of a number word below a hundred: "seven", "forty", "forty-one", "dozen". Any case.
pub fn small_number(word: &str) -> Option<f64> {
    let position = |list: &[&str], w: &str| list.iter().position(|x| x.eq_ignore_ascii_case(w));
    if let Some((tens, ones)) = word.split_once('-') {
        let t = position(&TENS, tens)?;
        let o = position(&ONES, ones).filter(|o| (1..10).contains(o))?;
        return Some(((t + 2) * 10 + o) as f64);
    }
    if let Some(i) = position(&ONES, word) {
        return Some(i as f64);
    }
    if let Some(i) = position(&TENS, word) {
        return Some(((i + 2) * 10) as f64);
    }
    word.eq_ignore_ascii_case("dozen").then_some(12.0)
}

/// Whether a lower-case word may start a number written in words: a number word, an article or
/// "one" (before "hundred", "decade", "fifth"), or a fraction. Asked of nearly every word, so a
/// `match` rather than a set.
pub fn is_number_word(lower: &str) -> bool {
    if lower.len() > 14 {
        return false;
    }
    matches!(
        lower,
        "a" | "an" | "half" | "dozen" | "third" | "quarter" | "fifth" | "tenth"
    ) || matches!(lower, "two-thirds" | "three-quarters")
        || ONES.contains(&lower)
        || TENS.contains(&lower)
}

/// Scale words after a number: "4.1 million", "$7bn", "$85m" (the short forms only glued to a
/// number or after a currency).
pub fn scale(word: &str) -> Option<f64> {
    if word.len() > 8 {
        return None;
    }
    let mut buffer = [0u8; 8];
    match ascii_lower(word, &mut buffer) {
        "hundred" => Some(1e2),
        "thousand" => Some(1e3),
        "million" => Some(1e6),
        "billion" => Some(1e9),
        "trillion" => Some(1e12),
        _ => None,
    }
}

/// Short scale suffixes: "$7bn", "85m", "10k".
pub fn short_scale(suffix: &str) -> Option<f64> {
    match suffix {
        "k" | "K" => Some(1e3),
        "m" | "mn" | "mln" | "M" => Some(1e6),
        "bn" | "b" | "B" => Some(1e9),
        "tn" => Some(1e12),
        _ => None,
    }
}

/// Fractions written as words, as a share in percent: "a fifth" is 20, "two-thirds" 66.67.
pub fn fraction(word: &str) -> Option<f64> {
    if word.len() > 14 {
        return None;
    }
    let mut buffer = [0u8; 14];
    Some(match ascii_lower(word, &mut buffer) {
        "half" => 50.0,
        "third" => 100.0 / 3.0,
        "two-thirds" => 200.0 / 3.0,
        "quarter" => 25.0,
        "three-quarters" => 75.0,
        "fifth" => 20.0,
        "tenth" => 10.0,
        _ => return None,
    })
}

/// Qualifiers written before a number, as `words:qualifier`; the longest phrase that matches wins.
static QUALIFIERS_BEFORE: LazyLock<Vec<(Vec<&'static str>, Qualifier)>> = LazyLock::new(|| {
    let list = "in_excess_of:over upwards_of:over more_than:over greater_than:over well_over:over \
                just_over:over higher_than:over over:over above:over exceeding:over less_than:under \
                fewer_than:under lower_than:under under:under below:under just_under:nearly \
                just_shy_of:nearly close_to:nearly nearly:nearly almost:nearly \
                approximately:approximately approx.:approximately an_estimated:approximately \
                estimated:approximately about:approximately around:approximately roughly:approximately \
                some:approximately circa:approximately c.:approximately ~:approximately \
                at_least:at-least no_fewer_than:at-least no_less_than:at-least a_minimum_of:at-least \
                at_most:at-most no_more_than:at-most not_more_than:at-most a_maximum_of:at-most \
                within:at-most nearer:approximately nearer_to:approximately closer_to:approximately \
                up_to:up-to as_many_as:up-to as_much_as:up-to as_high_as:up-to";
    let mut out: Vec<(Vec<&str>, Qualifier)> = list
        .split_whitespace()
        .filter_map(|pair| {
            let (phrase, name) = pair.rsplit_once(':')?;
            Some((phrase.split('_').collect(), Qualifier::parse(name)?))
        })
        .collect();
    out.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
    out
});

/// The qualifier that the words just before a number give it ("more than 80,000"), and how many
/// words it took. `words` are the preceding words in lower case, nearest last.
pub fn qualifier_before(words: &[&str]) -> Option<(Qualifier, usize)> {
    QUALIFIERS_BEFORE.iter().find_map(|(phrase, q)| {
        let tail = words.get(words.len().checked_sub(phrase.len())?..)?;
        (tail == phrase.as_slice()).then_some((*q, phrase.len()))
    })
}

/// Qualifiers written after a number: "500 or more", "40 or so".
pub fn qualifier_after(first: &str, second: &str) -> Option<Qualifier> {
    match (first, second) {
        ("or", "more") | ("or", "over") | ("and", "over") | ("plus", _) => Some(Qualifier::AtLeast),
        ("or", "so") => Some(Qualifier::Approximately),
        ("or", "less") | ("or", "fewer") => Some(Qualifier::AtMost),
        _ => None,
    }
}

/// Function words: they end a noun phrase, are never names, and say nothing about what a
/// sentence is about.
pub static FUNCTION_WORDS: Words = words!(
    "a an the this that these those its it their they them his her he she we our us you your i my \
     me in on at of for from to into onto until till since by with without within per as than and \
     or nor but yet so if which who whom whose what when where while whereas how why have has had \
     was were is are be been being will would can could shall should may might must do does did \
     not no over under during after before between among against across through throughout about \
     around up down out off then there here also only each every all both some any such more most \
     less fewer other another however although though because whether via despite unlike like \
     toward towards upon along beyond above below last next again even just still already very \
     instead rather thus therefore moreover furthermore nevertheless meanwhile indeed whereby same"
);

pub fn is_function_word(lower: &str) -> bool {
    FUNCTION_WORDS.has(lower)
}

/// Words that label a number as an identifier, not a quantity: "version 2", "page 14", "No. 5".
pub static LABEL_WORDS: Words = words!(
    "version v ver release build rev revision page p pp chapter ch section sec article art clause \
     paragraph para figure fig table appendix annex step phase stage item no number nos vol volume \
     issue part episode season room route highway flight model type grade level line row column \
     resolution act rule tier category class platform gate exit suite apartment floor lot block \
     zone ward sector division session round game match plan"
);

/// Words of change: "rose from 28% to 46%" is a change, not a range.
pub static CHANGE_WORDS: Words = words!(
    "rose rise rises risen rising fell fall falls fallen falling increased increase increases \
     increasing decreased decrease decreases declined decline declines dropped drop drops grew grow \
     grows grown growing climbed climb jumped jump went gone up down soared surged plunged plummeted \
     shrank shrunk slipped changed moved cut raised lowered reduced improved worsened doubled \
     tripled halved swelled dipped edged widened narrowed"
);

/// Nouns that a year names as a point of comparison: "the 2015 peak", "the 2019 level".
pub static COMPARISON_NOUNS: Words =
    words!("peak high low level levels figure figures record average total baseline benchmark mark value rate");

/// Whether a word is a superlative or an ordinal that makes "since 2017" a point of comparison:
/// "the highest since 2017", "the first since 1998".
pub fn is_superlative(lower: &str) -> bool {
    let est = lower.len() > 4
        && lower.ends_with("est")
        && !matches!(
            lower,
            "interest" | "request" | "forest" | "protest" | "harvest" | "suggest"
        );
    est || matches!(lower, "first" | "most" | "least" | "worst" | "best" | "top")
}

/// Plural nouns that do not end in "s".
pub static IRREGULAR_PLURALS: Words = words!(
    "people men women children police staff personnel cattle sheep fish feet teeth mice geese data \
     media criteria phenomena livestock aircraft offspring clergy"
);

/// Words ending in "s" that are not plural nouns.
static NOT_PLURALS: Words = words!(
    "was has does is its this thus always perhaps whereas besides towards afterwards upwards \
     downwards backwards forwards sometimes nevertheless news series species means across unless \
     politics economics statistics physics mathematics lens bus gas yes less"
);

/// Verbs in "-s" that a sentence's subject is often followed by: not plural nouns there. The
/// second half are verbs of technical prose ("the crate supports", "one byte takes", "the
/// explanation assumes").
static VERBS_IN_S: Words = words!(
    "says goes makes takes gives comes seems remains lies needs wants puts sets gets lets keeps \
     shows suggests reports adds includes involves requires becomes describes stands runs holds \
     finds argues notes claims states estimates expects plans calls means \
     supports provides allows enables assumes completes bumps indicates corresponds touches \
     contains consists accepts removes improves reduces receives writes creates generates \
     produces exposes implements compiles depends applies uses ends stabilizes stabilises occurs \
     happens belongs refers exists lacks avoids ensures guarantees"
);

/// Verbs of beginning and ending: a time after one dates when something started or stopped, not
/// how long it lasted ("the war started in 2001").
pub static ASPECT_VERBS: Words = words!(
    "start starts started starting begin begins began begun beginning end ends ended ending \
     finish finishes finished broke erupted launched opened closed founded established \
     declared collapsed"
);

pub fn is_aspect_verb(lower: &str) -> bool {
    ASPECT_VERBS.has(lower)
}

/// Irregular verbs in the past tense (regular ones end in "-ed").
pub static PAST_VERBS: Words = words!(
    "was were had did took made set went came began became put gave got kept held won lost ran \
     rose fell grew paid sold bought built brought cut saw said told found spent sent left drew \
     lent met led read hit shut spread struck stood swung threw wrote bore fought"
);

/// Whether a lower-case word in "-s" is more likely a verb than a plural noun.
pub fn is_verb_in_s(lower: &str) -> bool {
    VERBS_IN_S.has(lower)
}

/// Whether a word before a verb (a sentence's subject) looks like a plural noun: stricter than
/// [`is_plural_noun`], because "the agency reports" has a verb in "-s".
pub fn is_plural_subject(lower: &str) -> bool {
    is_plural_noun(lower) && !VERBS_IN_S.has(lower)
}

/// "-men" plurals: "draughtsmen", "fishermen" (not "specimen").
pub fn is_men_plural(lower: &str) -> bool {
    lower.len() > 5
        && lower.ends_with("men")
        && !matches!(lower, "specimen" | "abdomen" | "regimen" | "cyclamen" | "albumen")
}

/// Whether a word (lower case) looks like a plural noun: "attacks", "countries", "people".
pub fn is_plural_noun(lower: &str) -> bool {
    if IRREGULAR_PLURALS.has(lower) || is_men_plural(lower) {
        return true;
    }
    lower.len() > 3
        && lower.ends_with('s')
        && lower.chars().all(|c| c.is_alphabetic() || c == '-')
        && !["ss", "us", "is", "ous"].iter().any(|e| lower.ends_with(e))
        && !NOT_PLURALS.has(lower)
        && !is_function_word(lower)
}

/// Nouns that stand for a count of something else: "a death toll of 45" counts deaths.
pub fn counted_by(lower: &str) -> Option<&'static str> {
    match lower {
        "toll" => Some("deaths"),
        "population" | "turnout" | "attendance" | "crowd" | "audience" => Some("people"),
        "workforce" => Some("workers"),
        "membership" => Some("members"),
        // "The average age of the riders was 34": an age, in years.
        "age" => Some("years"),
        _ => None,
    }
}

/// How a temporal word relates a figure to a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opener {
    /// At the date ("in 2023", "when ... in 2021").
    At,
    /// From the date on ("since 2014").
    From,
    /// Up to the date ("by 2026", "until August 2025").
    UpTo,
}

/// Words that open a temporal clause, whose date then frames the main clause ("When the war ended
/// in 2021, ..."). `words` are the clause's first words in lower case.
pub fn temporal_opener(words: &[&str]) -> Option<Opener> {
    match words {
        ["by", "the", "time", ..] | ["until", ..] | ["till", ..] => Some(Opener::UpTo),
        ["since", ..] => Some(Opener::From),
        ["when", ..] | ["once", ..] | ["after", ..] | ["as", "of", ..] => Some(Opener::At),
        _ => None,
    }
}

/// Words for a time that is not a calendar date: "this year", "last month", "on Thursday",
/// "today". A figure dated by one of these has no period. `words` start at the time word.
pub fn is_relative_time(words: &[&str]) -> bool {
    match words {
        [first, unit, ..] if matches!(*first, "this" | "last" | "next" | "previous" | "coming") => matches!(
            *unit,
            "year"
                | "month"
                | "week"
                | "quarter"
                | "season"
                | "decade"
                | "century"
                | "summer"
                | "winter"
                | "spring"
                | "autumn"
        ),
        [word, ..] => {
            matches!(
                *word,
                "today" | "yesterday" | "tomorrow" | "tonight" | "currently" | "now" | "recently"
            ) || super::calendar::weekday_number(word).is_some()
        }
        [] => false,
    }
}

/// Words that point back to the period of the sentence before: "over the same 12 days", "that year".
pub fn refers_back(words: &[&str]) -> bool {
    words.windows(2).any(|w| {
        matches!(
            (w[0], w[1]),
            ("the", "same")
                | ("that", "year")
                | ("that", "month")
                | ("that", "week")
                | ("by", "then")
                | ("that" | "the", "period")
        )
    })
}
