//! Numbers that state a quantity, written in digits ("2,600", "4.1 million", "$7bn", "9%",
//! "7-minute") or in words (see [`super::number_words`]), with
//! the unit they carry when they carry one. Numbers that are not quantities are left out: version
//! numbers, image sizes, times, identifiers ("page 5", "#412", "Windows 10"), enumerators ("(1)"),
//! numbers glued to letters ("5G", "x86").

use std::ops::Range;

use super::lexicon::{
    self, LABEL_WORDS, currency_symbol, is_function_word, is_plural_noun, is_superlative, month_number, scale,
    short_scale, unit_pair, unit_word,
};
use super::text::{Kind, Sentence, View};
use super::versions::is_version;

#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Tokens of the number with the currency, scale and unit it carries.
    pub span: Range<usize>,
    pub value: f64,
    /// The unit the number itself carries: "percent", "USD", "km", "days". None for a count, whose
    /// unit is the noun it counts.
    pub unit: Option<String>,
}

/// Parses digits with thousands commas: "2,600" -> 2600, "4.1" -> 4.1; not "2.3.1".
pub fn digits(word: &str) -> Option<f64> {
    if word.matches('.').count() > 1 || !word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    word.replace(',', "").parse().ok()
}

/// Multiplies exactly in decimal where it can: 4.1 x 1e6 is 4,100,000, not 4,099,999.999.
fn scaled(value: f64, by: f64) -> f64 {
    let product = value * by;
    if by >= 1.0 && (product - product.round()).abs() < 1e-6 * by.max(1.0) {
        product.round()
    } else {
        product
    }
}

/// Whether token `j` starts a unit or a counted plural: used to tell "2000 people" from "2000".
pub fn carries_unit(view: &View<'_>, j: usize) -> bool {
    let w = view.word(j);
    w == "%" || unit_word(w).is_some() || unit_pair(w, view.word(j + 1)).is_some() || is_plural_noun(view.low(j))
}

/// The unit written at token `j`, and the token after it: "%", "per cent", "km", "°C", "dollars".
pub fn unit_at(view: &View<'_>, j: usize) -> Option<(String, usize)> {
    let w = view.word(j);
    if let Some(name) = unit_pair(w, view.word(j + 1)).filter(|_| !view.glued(j + 1) || w == "°") {
        return Some((name.to_owned(), j + 2));
    }
    let symbol_like = w.len() <= 3 && !w.chars().all(|c| c.is_ascii_lowercase());
    let name = unit_word(w).filter(|_| view.kind(j) == Some(Kind::Word) || w == "%")?;
    // A one-letter symbol ("m", "s", "h") only when it is not the start of a phrase.
    if w.len() == 1 && w != "%" && view.kind(j + 1) == Some(Kind::Word) && !symbol_like {
        return None;
    }
    Some(per_unit(view, name, j + 1).unwrap_or_else(|| (name.to_owned(), j + 1)))
}

/// A rate: a unit per another ("41 hectolitres per hectare", "47 hl/ha", "18 km/h"), named by
/// the two units' symbols.
fn per_unit(view: &View<'_>, first: &str, j: usize) -> Option<(String, usize)> {
    let (second_at, durations_only) = match view.low(j) {
        "per" => (j + 1, false),
        // "18 kilometres an hour"
        "a" | "an" => (j + 1, true),
        "/" if view.glued(j) && view.glued(j + 1) => (j + 1, false),
        _ => return None,
    };
    let second = unit_word(view.word(second_at))
        .filter(|u| lexicon::is_measurement_unit(u) && *u != "percent")
        .filter(|u| !durations_only || lexicon::is_duration(u))?;
    if first == "percent" || lexicon::currency_symbol(first).is_some() {
        return None;
    }
    Some((lexicon::rate(first, second), second_at + 1))
}

/// Symbols that may sit right before a number: currency, brackets, quotes, signs, "~".
fn may_precede(symbol: &str) -> bool {
    matches!(
        symbol,
        "$" | "€" | "£" | "¥" | "₹" | "(" | "[" | "\"" | "“" | "‘" | "'" | "~" | "+" | "-" | "−" | "|" | "*"
    )
}

/// Whether the number at `k` is something other than a quantity: an identifier, a version, a
/// size, a time, an enumerator, or part of a name.
fn is_not_quantity(view: &View<'_>, sentence: &Sentence, k: usize) -> bool {
    let word = view.word(k);
    let prev = k.checked_sub(1).filter(|&p| p >= sentence.range.start);
    // "10–15": a number glued to a dash after another number is a range's second bound.
    let range_dash = |p: usize| {
        matches!(view.word(p), "–" | "—")
            && p > sentence.range.start
            && view.glued(p)
            && view.kind(p - 1) == Some(Kind::Number)
    };
    if view.glued(k)
        && let Some(p) = prev
        && !(view.kind(p) == Some(Kind::Symbol) && (may_precede(view.word(p)) || range_dash(p)))
    {
        return true; // "#412", "v2", "=20", "x/2"
    }
    let next = k + 1;
    if view.glued(next) && matches!(view.word(next), "/" | ":" | "=" | "+" | "_" | "@" | "'") {
        return true; // "9/11", "08:00", "13+"
    }
    if view.word(next) == "." && view.glued(next) && view.glued(next + 1) {
        return true; // "2.x"
    }
    // "10 am", "6 a.m.", "8pm".
    let clock = matches!(view.low(next), "am" | "pm")
        || (matches!(view.low(next), "a" | "p") && view.word(next + 1) == "." && view.low(next + 2) == "m");
    if clock {
        return true;
    }
    // "(1)", "(2)": enumerators.
    if prev.is_some_and(|p| view.word(p) == "(") && view.word(next) == ")" && word.len() <= 2 {
        return true;
    }
    is_name_number(view, sentence, k) || (view.kind(k) == Some(Kind::Number) && is_version(view, sentence, k))
}

/// "version 2", "page 14", "Windows 10": a number that a label or a name before it makes part of
/// a name.
pub fn is_name_number(view: &View<'_>, sentence: &Sentence, k: usize) -> bool {
    let prev = k.checked_sub(1).filter(|&p| p >= sentence.range.start);
    prev.is_some_and(|p| is_label(view, sentence, p) || is_name_before(view, sentence, p, k + 1))
}

/// "version 2", "page 14", "No. 5", "Article 370".
fn is_label(view: &View<'_>, sentence: &Sentence, p: usize) -> bool {
    let p = if view.word(p) == "." && view.glued(p) && p > sentence.range.start {
        p - 1
    } else {
        p
    };
    view.kind(p) == Some(Kind::Word) && LABEL_WORDS.has(view.low(p))
}

/// "Rust 1.88", "Windows 10", "macOS 13": a number right after a name (a capitalised word inside
/// the sentence) that carries no unit is part of the name.
fn is_name_before(view: &View<'_>, sentence: &Sentence, p: usize, next: usize) -> bool {
    let w = view.word(p);
    view.kind(p) == Some(Kind::Word)
        && p != sentence.first_word(view)
        && w.chars().any(char::is_uppercase)
        && month_number(w).is_none()
        && lexicon::currency_symbol(w).is_none()
        && !is_function_word(view.low(p))
        && (!carries_unit(view, next) || is_year(view.word(next - 1)))
}

/// Four digits that read as a year.
fn is_year(word: &str) -> bool {
    word.len() == 4 && word.starts_with(['1', '2']) && word.bytes().all(|b| b.is_ascii_digit())
}

/// The quantity starting at token `i`, if one does.
pub fn at(view: &View<'_>, sentence: &Sentence, i: usize) -> Option<Quantity> {
    if let Some(q) = money_at(view, i) {
        return Some(q);
    }
    match view.kind(i)? {
        Kind::Number => clock_duration(view, sentence, i)
            .or_else(|| super::number_words::one_in(view, i))
            .or_else(|| digits_at(view, sentence, i, 1.0)),
        Kind::Symbol if matches!(view.word(i), "-" | "−" | "+") => signed_at(view, sentence, i),
        Kind::Mixed => mixed_at(view, sentence, i),
        Kind::Word => super::number_words::at(view, sentence, i),
        _ => None,
    }
}

/// A time written on a clock face that is a length of time: "won in 2:07:48" (hours, minutes,
/// seconds: in seconds), "finished in 4:28" (hours and minutes: in minutes). A time of day is
/// not one ("at 09:14", "09:14 UTC", "7:30 pm"); hours and minutes alone are a duration only
/// after a word that says so ("in", "took", "a time of").
fn clock_duration(view: &View<'_>, sentence: &Sentence, i: usize) -> Option<Quantity> {
    let part = |j: usize| {
        (view.glued(j) && view.word(j) == ":" && view.glued(j + 1) && view.word(j + 1).len() == 2)
            .then(|| view.word(j + 1).parse::<u32>().ok().filter(|n| *n < 60))
            .flatten()
    };
    let hours: u32 = view.word(i).parse().ok().filter(|h| *h < 100)?;
    let minutes = part(i + 1)?;
    let seconds = part(i + 3);
    let end = if seconds.is_some() { i + 5 } else { i + 3 };
    let before = sentence.low_before(view, i, 1);
    let after = view.low(end);
    let of_day = matches!(
        before,
        "at" | "from" | "until" | "till" | "by" | "since" | "before" | "after" | "to"
    ) || matches!(after, "am" | "pm" | "utc" | "gmt" | "local" | "hrs" | "h" | "a" | "p")
        || (view.glued(end) && view.kind(end) != Some(Kind::Symbol));
    if of_day {
        return None;
    }
    let (value, unit) = match seconds {
        Some(s) => (f64::from(hours * 3600 + minutes * 60 + s), "seconds"),
        // "finished in 4:28", "a time of 4:28", "the average finishing time was 4:28".
        None if matches!(before, "in" | "took" | "clocked" | "of" | "time" | "timed")
            || (matches!(before, "was" | "is") && sentence.low_before(view, i, 2) == "time") =>
        {
            (f64::from(hours * 60 + minutes), "minutes")
        }
        None => return None,
    };
    Some(Quantity {
        span: i..end,
        value,
        unit: Some(unit.to_owned()),
    })
}

/// "-4.5%", "+18.7%": a sign glued to a number, with space (or a bracket or line start) before it.
fn signed_at(view: &View<'_>, sentence: &Sentence, i: usize) -> Option<Quantity> {
    let starts = i == sentence.range.start || view.tokens[i].spaced || matches!(view.word(i - 1), "(" | "|");
    if !(starts && view.glued(i + 1) && view.kind(i + 1) == Some(Kind::Number)) {
        return None;
    }
    let sign = if view.word(i) == "+" { 1.0 } else { -1.0 };
    let mut q = digits_at(view, sentence, i + 1, sign)?;
    q.span.start = i;
    Some(q)
}

/// "/oz", "/kg", "/night" glued after a price: what the price is for.
fn priced_per(view: &View<'_>, slash: usize) -> bool {
    view.word(slash) == "/"
        && view.glued(slash + 1)
        && view.kind(slash + 1) == Some(Kind::Word)
        && view.word(slash + 1).bytes().all(|b| b.is_ascii_alphabetic())
}

/// "$7 billion", "US$40m", "€85 million", "USD 5,000".
fn money_at(view: &View<'_>, i: usize) -> Option<Quantity> {
    let (currency, k) = match view.word(i) {
        "US" if view.word(i + 1) == "$" && view.glued(i + 1) => ("USD", i + 2),
        w if view.kind(i) == Some(Kind::Symbol) => (currency_symbol(w)?, i + 1),
        w if w.len() == 3 && w.chars().all(|c| c.is_ascii_uppercase()) => (currency_symbol(w)?, i + 1),
        _ => return None,
    };
    let number = view.word(k);
    let (value, end) = match view.kind(k)? {
        // Not "$9/11"; but a price per unit, "$1,412/oz", "€3/kg".
        Kind::Number if !view.glued(k + 1) || !matches!(view.word(k + 1), "/" | ":") || priced_per(view, k + 1) => {
            (digits(number)?, k + 1)
        }
        Kind::Mixed => {
            let split = number.find(|c: char| c.is_ascii_alphabetic())?;
            (scaled(digits(&number[..split])?, short_scale(&number[split..])?), k + 1)
        }
        _ => return None,
    };
    if !view.glued(k) && view.kind(i) == Some(Kind::Symbol) {
        return None;
    }
    let (mut value, mut end) = (value, end);
    if let Some(by) = scale(view.word(end)).or_else(|| short_scale(view.word(end)).filter(|_| view.word(end).len() > 1))
    {
        value = scaled(value, by);
        end += 1;
    }
    Some(Quantity {
        span: i..end,
        value,
        unit: Some(currency.to_owned()),
    })
}

/// A number in digits at `k`, with its scale and unit.
fn digits_at(view: &View<'_>, sentence: &Sentence, k: usize, sign: f64) -> Option<Quantity> {
    if is_not_quantity(view, sentence, k) {
        return None;
    }
    if age_band(view, sentence, k) {
        return None;
    }
    let mut value = digits(view.word(k))? * sign;
    let mut end = k + 1;
    if let Some(by) = scale(view.word(end)) {
        value = scaled(value, by);
        end += 1;
    }
    if is_superlative(view.low(end)) {
        return None; // "the 10 largest cities": a rank, not a count
    }
    let mut unit = None;
    if let Some((name, after)) = unit_at(view, end) {
        unit = Some(name);
        end = after;
    } else if let Some(currency) = money_word(view, end) {
        unit = Some(currency.to_owned());
        end += 1;
    } else if aged(view, sentence, k) || person_age(view, sentence, k, k + 1, value) {
        unit = Some("years".to_owned());
    }
    Some(Quantity {
        span: k..end,
        value,
        unit,
    })
}

/// "children under five", "people over 65", "adults aged 18 to 30": an age band that names a
/// group, not a figure.
pub fn age_band(view: &View<'_>, sentence: &Sentence, k: usize) -> bool {
    let before = |n: usize| sentence.low_before(view, k, n);
    let people = [
        "children", "people", "adults", "pupils", "students", "patients", "those", "men", "women",
    ];
    let first = matches!(before(1), "under" | "over" | "above" | "below" | "aged") && people.contains(&before(2));
    // The second bound of such a band: "adults aged 18 to 30".
    first || first_bound(view, sentence, k).is_some_and(|j| age_band(view, sentence, j))
}

/// "aged 92", "at the age of 40", "aged 18 to 65": an age, in years.
fn aged(view: &View<'_>, sentence: &Sentence, k: usize) -> bool {
    let before = |at: usize, n: usize| sentence.low_before(view, at, n);
    let opens = |at: usize| {
        matches!(before(at, 1), "aged" | "age" | "ages") || (before(at, 1) == "of" && before(at, 2) == "age")
    };
    // The second bound of "aged 18 to 65", "aged between 20 and 40", "ages 5–11".
    let second =
        first_bound(view, sentence, k).is_some_and(|j| opens(j) || (before(j, 1) == "between" && opens(j - 1)));
    opens(k) || second
}

/// Verbs of a life's events, after which "at 14" is an age: "started climbing at 14".
const LIFE_EVENTS: [&str; 14] = [
    "started",
    "began",
    "joined",
    "left",
    "retired",
    "died",
    "married",
    "moved",
    "emigrated",
    "learned",
    "learnt",
    "qualified",
    "graduated",
    "debuted",
];

/// A person's age told without the word "age": "At 59, Ruth Calloway", "At twelve he left", "in
/// 1997, at 31", "started climbing at 14", "Dawa Sherpa, 34, who", "since he was 19", "when Voss
/// was forty-one", "She was 91." The number (tokens `k..next`, worth `value`) is a whole one a
/// person could be, with nothing after it but punctuation or the sentence's end, or, opening
/// the sentence after "At", the person it is of.
pub fn person_age(view: &View<'_>, sentence: &Sentence, k: usize, next: usize, value: f64) -> bool {
    let plausible = value.fract() == 0.0 && (1.0..=120.0).contains(&value);
    let ends = next >= sentence.range.end || matches!(view.word(next), "," | "." | ";" | ")" | "?" | "!");
    let before = |n: usize| sentence.low_before(view, k, n);
    let first = sentence.first_word(view);
    // "At twelve he left the village school".
    let leads_person =
        k == first + 1 && before(1) == "at" && matches!(view.low(next), "he" | "she" | "they" | "i" | "we");
    if !plausible || !(ends || leads_person) {
        return false;
    }
    // "At 59, Ruth Calloway": a name follows.
    let leads = k == first + 1
        && before(1) == "at"
        && view.word(next) == ","
        && next + 1 < sentence.range.end
        && view.capitalised(next + 1);
    // "in 1997, at 31"; "started climbing at 14".
    let at = before(1) == "at" && (before(2) == "," || (2..=4).any(|n| LIFE_EVENTS.contains(&before(n))));
    // "Dawa Sherpa, 34, who": a name, then the age between commas.
    let apposed = before(1) == ","
        && k >= 2
        && k - 2 >= sentence.range.start
        && view.kind(k - 2) == Some(Kind::Word)
        && view.capitalised(k - 2)
        && !lexicon::is_function_word(view.low(k - 2))
        && lexicon::month_number(view.word(k - 2)).is_none()
        && matches!(view.word(next), "," | ".");
    // "since he was 19", "She was 91.", "when Voss was forty-one".
    let named = k >= 2 && view.kind(k - 2) == Some(Kind::Word) && view.capitalised(k - 2);
    let was = matches!(before(1), "was" | "is" | "turned" | "turns")
        && (matches!(before(2), "he" | "she" | "i" | "they" | "we")
            || (named && matches!(before(3), "when" | "while" | "until" | "after" | "before" | "since")));
    leads_person || leads || at || apposed || was
}

/// The first bound's token when the number at `k` is the second of a range ("18 to 65", "20 and
/// 40", "5–11").
fn first_bound(view: &View<'_>, sentence: &Sentence, k: usize) -> Option<usize> {
    let j = k.checked_sub(2).filter(|&j| j >= sentence.range.start)?;
    let joined = matches!(sentence.low_before(view, k, 1), "to" | "and" | "–" | "-");
    (joined && view.kind(j) == Some(Kind::Number)).then_some(j)
}

fn money_word(view: &View<'_>, j: usize) -> Option<&'static str> {
    match view.low(j) {
        "dollars" | "dollar" => Some("USD"),
        "euros" | "euro" => Some("EUR"),
        _ => None,
    }
}

/// "10km", "4MB", "85m", "7-minute", "20-year-long", "twenty-year", "nine-day": a number with
/// its unit in one token. Other mixtures ("5G", "1990s", "2nd", "800x600") are not quantities.
fn mixed_at(view: &View<'_>, sentence: &Sentence, i: usize) -> Option<Quantity> {
    let word = view.word(i);
    if view.glued(i) && !i.checked_sub(1).is_some_and(|p| may_precede(view.word(p))) {
        return None;
    }
    if let Some((number, rest)) = word.split_once('-') {
        let value = digits(number).filter(|_| !number.contains(','))?;
        return hyphenated(view, sentence, i, value, rest);
    }
    let split = word.find(|c: char| !c.is_ascii_digit() && c != '.' && c != ',')?;
    let value = digits(&word[..split])?;
    let suffix = &word[split..];
    let (value, unit) = match (unit_word(suffix), short_scale(suffix)) {
        _ if suffix == "s" => return None, // "1990s"
        (Some(unit), _) => (value, Some(unit.to_owned())),
        (None, Some(by)) => (scaled(value, by), None),
        _ => return None,
    };
    if is_not_quantity(view, sentence, i) {
        return None;
    }
    Some(Quantity {
        span: i..i + 1,
        value,
        unit,
    })
}

/// "7-minute", "nine-day", "20-year-long": the unit after the hyphen must be one of measure.
pub fn hyphenated(view: &View<'_>, sentence: &Sentence, i: usize, value: f64, rest: &str) -> Option<Quantity> {
    let unit_part = rest.split('-').next().unwrap_or("");
    if rest.ends_with("-olds") {
        return None; // "five-year-olds": a group of people, not a figure
    }
    let unit = unit_word(unit_part).filter(|u| lexicon::is_measurement_unit(u))?;
    if i > sentence.range.start && view.glued(i) {
        return None;
    }
    Some(Quantity {
        span: i..i + 1,
        value,
        unit: Some(unit.to_owned()),
    })
}

#[cfg(test)]
#[path = "numbers_tests.rs"]
mod tests;
