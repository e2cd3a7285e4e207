//! A source's text as blocks (paragraphs, headings, list items), before it is written as
//! Markdown. Plain text is split into paragraphs here; paragraphs that a line or page break cut in
//! mid-sentence are joined, and every join is recorded so the brief's notes can list it.

/// One block of the imported text. Text is as in the source, not yet escaped for Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Heading(u8, String),
    /// A paragraph; more than one line when the source broke it on purpose (`<br>`).
    Paragraph(Vec<String>),
    Item(String),
    /// An item of a numbered list, with its number.
    Numbered(u32, String),
    Quote(String),
    /// Kept exactly, spacing and all (`<pre>`).
    Verbatim(String),
}

impl Block {
    /// The block's text on one line.
    pub fn text(&self) -> String {
        match self {
            Block::Heading(_, t) | Block::Item(t) | Block::Numbered(_, t) | Block::Quote(t) | Block::Verbatim(t) => {
                t.clone()
            }
            Block::Paragraph(lines) => lines.join(" "),
        }
    }
}

/// Paragraphs of a plain-text source, with the joins made.
#[derive(Debug, Default)]
pub struct Plain {
    /// Each paragraph's text and the source line it starts on.
    pub paragraphs: Vec<(String, usize)>,
    /// "…has positioned / Pakistan as…" for each paragraph joined to the one before it.
    pub joins: Vec<String>,
    /// Whether the source wrapped its lines at a fixed width (lines were joined into paragraphs).
    pub rewrapped: bool,
}

/// A paragraph this long is text, not a label: a break after it without a full stop is a cut.
const PARAGRAPH: usize = 80;

/// Splits plain text into paragraphs. A source whose lines are wrapped at a fixed width has its
/// lines joined within each blank-line-separated block; a source with a paragraph per line keeps
/// its lines as paragraphs. Either way, a paragraph cut in mid-sentence is joined to the next.
pub fn plain(text: &str) -> Plain {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let rewrapped = is_wrapped(&lines);
    // The width the source was wrapped at: its longest line that is not an outlier. In text
    // wrapped at a width only a paragraph's last line is much shorter, so a line under 60% of
    // it ends its paragraph: a headline, a date and a byline on lines of their own stay apart.
    let width = lines
        .iter()
        .map(|l| l.trim().chars().count())
        .filter(|&n| n <= 100)
        .max()
        .unwrap_or(0);
    let mut paragraphs: Vec<(String, usize)> = Vec::new();
    let mut open = false;
    let mut last_len = 0;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            open = false;
            continue;
        }
        let starts_item = is_list_start(trimmed);
        let last_was_full = last_len * 10 >= width * 6;
        match paragraphs.last_mut() {
            Some((paragraph, _)) if rewrapped && open && !starts_item && last_was_full => {
                paragraph.push(' ');
                paragraph.push_str(trimmed);
            }
            _ => paragraphs.push((trimmed.to_owned(), i + 1)),
        }
        open = true;
        last_len = trimmed.chars().count();
    }
    let mut out = Plain {
        rewrapped,
        ..Plain::default()
    };
    for (paragraph, line) in paragraphs {
        match out.paragraphs.last_mut() {
            Some((previous, _)) if cut_mid_sentence(previous, &paragraph) => {
                out.joins
                    .push(format!("“…{} / {}…”", tail(previous, 4), head(&paragraph, 4)));
                previous.push(' ');
                previous.push_str(&paragraph);
            }
            _ => out.paragraphs.push((paragraph, line)),
        }
    }
    out
}

/// Lines wrapped at a fixed width: almost no line is long, and paragraphs run over several lines.
fn is_wrapped(lines: &[&str]) -> bool {
    let text: Vec<&&str> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
    if text.len() < 3 {
        return false;
    }
    let long = text.iter().filter(|l| l.chars().count() > 100).count();
    let continued = lines
        .windows(2)
        .filter(|w| !w[0].trim().is_empty() && !w[1].trim().is_empty())
        .count();
    long * 10 < text.len() && continued * 2 >= text.len()
}

fn is_list_start(line: &str) -> bool {
    if line.starts_with(['-', '*', '•', '+']) && line.chars().nth(1) == Some(' ') {
        return true;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && line
            .get(digits..)
            .is_some_and(|rest| rest.starts_with(". ") || rest.starts_with(") "))
}

/// Whether `next` continues `previous`, which a break cut in mid-sentence: `previous` is a
/// paragraph that stops without closing punctuation, and `next` starts in lowercase or with a
/// parenthesis, or `previous` stops on a lowercase word and `next` is a paragraph too.
pub fn cut_mid_sentence(previous: &str, next: &str) -> bool {
    let previous = previous.trim_end();
    if previous.chars().count() < PARAGRAPH || is_list_start(next) {
        return false;
    }
    let Some(last) = previous.chars().last() else {
        return false;
    };
    if !(last.is_alphanumeric() || ",;–-".contains(last)) {
        return false;
    }
    let first = next.chars().next().unwrap_or(' ');
    if first.is_lowercase() || first == '(' {
        return true;
    }
    let last_word = previous.rsplit(char::is_whitespace).next().unwrap_or("");
    let lowercase_word = !last_word.is_empty() && last_word.chars().all(|c| c.is_alphabetic() && c.is_lowercase());
    lowercase_word && next.chars().count() >= PARAGRAPH
}

fn tail(text: &str, words: usize) -> String {
    let all: Vec<&str> = text.split_whitespace().collect();
    all[all.len().saturating_sub(words)..].join(" ")
}

fn head(text: &str, words: usize) -> String {
    text.split_whitespace().take(words).collect::<Vec<_>>().join(" ")
}

/// Short lines standing alone between paragraphs are section headings: a few words, no closing
/// full stop, above a paragraph of text. Returns which paragraphs those are.
pub fn section_headings(paragraphs: &[&str]) -> Vec<bool> {
    paragraphs
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let words = text.split_whitespace().count();
            let next = paragraphs.get(i + 1).map_or(0, |t| t.chars().count());
            (1..=12).contains(&words)
                && text.chars().count() <= 80
                && !text.ends_with(['.', ',', ';', ':'])
                && !text.contains("://")
                && !text.contains('@')
                && !is_list_start(text)
                && next >= 150
                && !super::top::is_credit_line(text)
                && super::top::date(text).is_none()
                && !super::top::byline(text).is_some_and(|(_, explicit)| explicit)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_per_line_and_cuts_joined() {
        let long = "The committee has reviewed every gauge on the river and found that the record has";
        let text = format!(
            "Title Line\n\n{long}\ngaps that matter.\n\nA new paragraph starts here and it is long enough to be one, surely, by now.\n"
        );
        let p = plain(&text);
        assert!(!p.rewrapped);
        let texts: Vec<&str> = p.paragraphs.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts[0], "Title Line");
        assert_eq!(texts[1], format!("{long} gaps that matter."));
        assert_eq!(p.joins, ["“…that the record has / gaps that matter.…”"]);
        assert_eq!(
            p.paragraphs[1].1, 3,
            "a joined paragraph starts where its first part did"
        );
    }

    #[test]
    fn wrapped_lines_become_paragraphs_and_lists_stay_items() {
        let text = "This text is wrapped at a fixed\nwidth, as mail and old notes are,\nso its lines join.\n\n- one item\n- another item\n\nA last short paragraph\nover two lines.\n";
        let p = plain(text);
        assert!(p.rewrapped);
        let texts: Vec<&str> = p.paragraphs.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "This text is wrapped at a fixed width, as mail and old notes are, so its lines join.",
                "- one item",
                "- another item",
                "A last short paragraph over two lines."
            ]
        );
    }

    #[test]
    fn what_is_not_a_cut_stays_apart() {
        let long = "A paragraph that ends properly with a full stop and is long enough to count here.";
        assert!(!cut_mid_sentence(long, "continues in lowercase"));
        assert!(!cut_mid_sentence("Short label", "lowercase next"));
        let url = "A reference that ends with an address, long enough to count: https://example.org/x";
        assert!(!cut_mid_sentence(
            url,
            "Another reference that starts with a capital letter and is long enough."
        ));
        let open = "A long paragraph that a page break cut after its article, some way along, just before the";
        assert!(cut_mid_sentence(
            &format!("{open} word"),
            "United States and the rest of the sentence, which runs on long enough to be a paragraph."
        ));
    }

    #[test]
    fn short_lines_at_the_top_of_wrapped_text_stay_apart() {
        let text = "Harbour Plans Stall Again\nMarch 3, 2025\nBy Lena Ortiz\n\
The city council voted on Tuesday to delay the harbour plan for a third time, citing\n\
costs that rose sharply over the last two years and a lack of federal support for\n\
the dredging work that the plan needs before any building can start.\n\n\
The mayor said the delay was regrettable but necessary.\n";
        let p = plain(text);
        assert!(p.rewrapped);
        let texts: Vec<&str> = p.paragraphs.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts[..3],
            ["Harbour Plans Stall Again", "March 3, 2025", "By Lena Ortiz"]
        );
        assert!(texts[3].starts_with("The city council") && texts[3].ends_with("can start."));
        assert_eq!(texts.len(), 5);
    }
}
