//! What the first lines of a source say about it: a headline, a byline, a date. Only proposed:
//! the importer writes what it found into the front matter and says in `source_notes` that the
//! import found it, so a reader knows to check it against the source.
//!
//! The rules are about the shape of the lines (a short line without a full stop above a long
//! paragraph, a line of capitalised names, a date written out), not about any particular source.

/// What was found, each with the index of the block it came from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Top {
    pub headline: Option<usize>,
    pub byline: Option<(usize, Vec<String>)>,
    /// (block, ISO date, the date as written)
    pub date: Option<(usize, String, String)>,
}

/// Blocks looked at: the headline, byline and date are near the top or nowhere.
const LOOK: usize = 8;
/// A block this long is body text: the top ends there.
const BODY: usize = 200;

/// Words that start a credit or a label, never a headline or a name.
const CREDIT_WORDS: &[&str] = &[
    "photo",
    "photograph",
    "image",
    "illustration",
    "credit",
    "courtesy",
    "source",
];

/// Words that are not part of a person's name.
const NOT_NAME_WORDS: &[&str] = &[
    "the", "a", "an", "of", "in", "on", "for", "to", "and", "with", "from", "at", "by", "is", "are", "was",
];

const HONORIFICS: &[&str] = &[
    "dr.", "dr", "prof.", "prof", "mr.", "mr", "ms.", "ms", "mrs.", "mrs", "sir",
];

/// Looks at the first blocks' texts (each one line or paragraph).
pub fn find(blocks: &[&str]) -> Top {
    let mut top = Top::default();
    for (i, text) in blocks.iter().enumerate().take(LOOK) {
        let text = text.trim();
        if text.chars().count() >= BODY {
            break;
        }
        if top.date.is_none()
            && let Some(iso) = date(text)
        {
            top.date = Some((i, iso, text.to_owned()));
            continue;
        }
        if top.byline.is_none()
            && let Some((names, explicit)) = byline(text)
            // Without "By", a line of names counts only beside a headline or a date found above
            // it: "Corresponding Author" alone is a label.
            && (explicit || top.headline.is_some() || top.date.is_some())
        {
            top.byline = Some((i, names));
            continue;
        }
        if top.headline.is_none() && top.byline.is_none() && top.date.is_none() && is_headline(text) {
            let next = blocks.get(i + 1).map_or("", |t| t.trim());
            // A headline stands above the byline, the date or the text, not above another label.
            if date(next).is_some() || byline(next).is_some() || next.chars().count() >= 100 || next.is_empty() {
                top.headline = Some(i);
            }
        }
    }
    top
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

fn is_label(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty() && letters.iter().all(|c| c.is_uppercase()) && text.chars().count() <= 40
}

/// A credit line: "Photo illustration by ...", "Image: ...".
pub fn is_credit_line(text: &str) -> bool {
    let first = words(text)
        .first()
        .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
        .unwrap_or_default();
    CREDIT_WORDS.contains(&first.as_str())
}

/// A headline: a few words on a line of their own, without a full stop, not a label or a credit.
pub fn is_headline(text: &str) -> bool {
    let n = words(text).len();
    (3..=30).contains(&n)
        && text.chars().count() <= 200
        && !text.ends_with(['.', ',', ':', ';'])
        && !is_label(text)
        && !is_credit_line(text)
        && date(text).is_none()
        && !byline(text).is_some_and(|(_, explicit)| explicit)
}

/// A byline: "By A. Writer", "Jane Doe and John Roe", "¹Jane Doe, ²Dr. John Roe". The names,
/// without honorifics or affiliation marks, and whether it said "By".
pub fn byline(text: &str) -> Option<(Vec<String>, bool)> {
    if text.chars().count() > 120 || text.contains(['?', '!', ':', ';', '(', '"', '“']) {
        return None;
    }
    let cleaned: String = text.chars().filter(|c| !"¹²³⁴⁵⁶⁷⁸⁹⁰*†‡".contains(*c)).collect();
    let mut rest = cleaned.trim();
    let mut explicit = false;
    for prefix in ["By ", "by ", "BY "] {
        if let Some(after) = rest.strip_prefix(prefix) {
            rest = after.trim();
            explicit = true;
        }
    }
    let mut names = Vec::new();
    for part in rest
        .split(" and ")
        .flat_map(|p| p.split(','))
        .flat_map(|p| p.split(" & "))
    {
        let mut name_words: Vec<&str> = words(part);
        while name_words
            .first()
            .is_some_and(|w| HONORIFICS.contains(&w.to_lowercase().as_str()))
        {
            name_words.remove(0);
        }
        if name_words.is_empty() {
            continue;
        }
        if !(2..=5).contains(&name_words.len()) || !name_words.iter().all(|w| is_name_word(w)) {
            return None;
        }
        names.push(name_words.join(" "));
    }
    (!names.is_empty()).then_some((names, explicit))
}

fn is_name_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    if NOT_NAME_WORDS.contains(&lower.as_str()) || word.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    // Particles of names (al-, bin, van, de) may be lowercase; anything else starts with a capital.
    let particle = matches!(
        lower.as_str(),
        "al" | "bin" | "ibn" | "van" | "von" | "de" | "der" | "da" | "ul" | "e"
    );
    particle
        || word.chars().next().is_some_and(char::is_uppercase)
            && word.chars().all(|c| c.is_alphabetic() || "-'’.".contains(c))
}

/// A date on a line of its own, as ISO 8601: "September 19, 2025", "19 Sep 2025",
/// "Friday, 19 September 2025", "2025-09-19", "Published: March 3, 2024", "March 2024".
pub fn date(text: &str) -> Option<String> {
    let mut text = text.trim().trim_end_matches('.');
    for prefix in ["Published", "Updated", "Posted", "Date", "Dated", "On"] {
        if let Some(rest) = text.strip_prefix(prefix) {
            text = rest.trim_start_matches([':', ' ']);
        }
    }
    if text.chars().count() > 40 {
        return None;
    }
    if is_iso(text) {
        return Some(text.to_owned());
    }
    let tokens: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect();
    let tokens: Vec<&str> = tokens
        .iter()
        .map(String::as_str)
        .skip_while(|t| is_weekday(t))
        .collect();
    let month = |t: &str| {
        let t = t.trim_end_matches('.');
        crate::derive::MONTHS
            .iter()
            .position(|m| *m == t || (t.len() >= 3 && m.starts_with(t) && t != "ma"))
            .map(|i| i + 1)
    };
    let day = |t: &str| {
        t.trim_end_matches(|c: char| c.is_alphabetic())
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=31).contains(d))
    };
    let year = |t: &str| t.parse::<u32>().ok().filter(|y| (1000..=2999).contains(y));
    match tokens.as_slice() {
        // "September 19 2025" or "19 September 2025".
        [a, b, y] => {
            let (m, d) = match (month(a), day(b)) {
                (Some(m), Some(d)) => (m, d),
                _ => (month(b)?, day(a)?),
            };
            let y = year(y)?;
            Some(format!("{y:04}-{m:02}-{d:02}"))
        }
        [m, y] => {
            let (m, y) = (month(m)?, year(y)?);
            Some(format!("{y:04}-{m:02}"))
        }
        _ => None,
    }
}

fn is_weekday(t: &str) -> bool {
    crate::derive::WEEKDAYS
        .iter()
        .any(|d| *d == t || (t.len() >= 3 && d.starts_with(t)))
}

fn is_iso(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    matches!(parts.as_slice(), [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2
        && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_written_out_become_iso() {
        assert_eq!(date("September 19, 2025").as_deref(), Some("2025-09-19"));
        assert_eq!(date("19 Sep 2025").as_deref(), Some("2025-09-19"));
        assert_eq!(date("Friday, 3rd March 2023").as_deref(), Some("2023-03-03"));
        assert_eq!(date("Published: March 2024").as_deref(), Some("2024-03"));
        assert_eq!(date("2024-05-02").as_deref(), Some("2024-05-02"));
        assert_eq!(date("May the force be with you"), None);
        assert_eq!(date("In March, the talks began."), None);
    }

    #[test]
    fn bylines_are_names_and_labels_are_not() {
        assert_eq!(
            byline("By Jane Q. Writer"),
            Some((vec!["Jane Q. Writer".to_owned()], true))
        );
        assert_eq!(
            byline("¹Ana Ruiz Soto and ²Dr. Li Wei"),
            Some((vec!["Ana Ruiz Soto".to_owned(), "Li Wei".to_owned()], false))
        );
        assert_eq!(byline("The Platform"), None);
        assert_eq!(byline("Photo illustration by Sam Roe"), None);
        assert_eq!(byline("What's Happening?"), None);
        assert_eq!(byline("In 2023 the rains failed"), None);
    }

    #[test]
    fn a_headline_stands_above_a_byline_date_or_text() {
        let body = "x".repeat(300);
        let top = find(&[
            "REPORT",
            "Rivers Run Dry in the Lower Valley",
            "By Ana Ruiz",
            "May 2, 2024",
            &body,
        ]);
        assert_eq!(top.headline, Some(1));
        assert_eq!(top.byline, Some((2, vec!["Ana Ruiz".to_owned()])));
        assert_eq!(top.date, Some((3, "2024-05-02".to_owned(), "May 2, 2024".to_owned())));
        // A first line that is already body text: nothing is proposed.
        assert_eq!(find(&[&body, "By Ana Ruiz"]), Top::default());
        // A label in title case is not a byline unless a headline or date came first.
        assert_eq!(find(&["Corresponding Author", &body]).byline, None);
        // Section labels and credits are not headlines.
        let top = find(&[
            "The Newsletter",
            "Photo illustration by Sam Roe",
            "Short lead sentence here.",
            &body,
        ]);
        assert_eq!(top.headline, None);
    }
}
