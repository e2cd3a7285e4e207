//! An HTML page as blocks of text, with what its head says about it (title, author, date). The
//! article is taken from `<article>`, else `<main>`, else `<body>`; menus (`<nav>`), scripts and
//! styles are not text and are left out. Links are kept as their words.

use super::blocks::Block;
use crate::corpus::html::{self, Piece};

/// What a page holds.
#[derive(Debug, Default)]
pub struct Page {
    pub blocks: Vec<Block>,
    /// `<title>`.
    pub title: Option<String>,
    /// `<meta name="author">`.
    pub authors: Vec<String>,
    /// A publication date from `<meta>` or `<time datetime>`, as ISO 8601.
    pub date: Option<String>,
    /// Which element the text was taken from.
    pub from: &'static str,
}

/// The inside of the first `<name ...>` ... last `</name>`, if the page has one.
fn element<'a>(html: &'a str, lower: &str, name: &str) -> Option<&'a str> {
    let open = lower.find(&format!("<{name}"))?;
    // `<article` must not match `<articles`: the next character ends the name.
    let after = lower.get(open + 1 + name.len()..)?;
    if !after.starts_with(|c: char| c == '>' || c.is_whitespace()) {
        return None;
    }
    let start = open + lower.get(open..)?.find('>')? + 1;
    let end = lower
        .rfind(&format!("</{name}"))
        .filter(|&e| e >= start)
        .unwrap_or(html.len());
    html.get(start..end)
}

/// Removes every `<name>...</name>` (menus).
fn without(html: &str, name: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let lower = html.to_ascii_lowercase();
    let mut at = 0;
    while let Some(found) = lower.get(at..).and_then(|rest| rest.find(&format!("<{name}"))) {
        let start = at + found;
        out.push_str(html.get(at..start).unwrap_or(""));
        let close = format!("</{name}>");
        at = lower
            .get(start..)
            .and_then(|rest| rest.find(&close))
            .map_or(html.len(), |end| start + end + close.len());
    }
    out.push_str(html.get(at..).unwrap_or(""));
    out
}

pub fn iso(value: &str) -> Option<String> {
    let day = value.get(..10)?;
    let ok = day.len() == 10
        && day
            .chars()
            .enumerate()
            .all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() });
    ok.then(|| day.to_owned())
}

pub fn page(source: &str) -> Page {
    let lower = source.to_ascii_lowercase();
    let mut page = Page::default();
    if let Some(title) = element(source, &lower, "title") {
        let title = html::decode(title).split_whitespace().collect::<Vec<_>>().join(" ");
        page.title = (!title.is_empty()).then_some(title);
    }
    for (name, attributes) in html::start_tags(source) {
        let get = |key: &str| attributes.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        match name.as_str() {
            "meta" => {
                let key = get("name")
                    .or_else(|| get("property"))
                    .or_else(|| get("itemprop"))
                    .unwrap_or("");
                let content = get("content").unwrap_or("").trim();
                match key.to_ascii_lowercase().as_str() {
                    "author" | "article:author" | "dc.creator"
                        if !content.is_empty()
                            && !content.contains("://")
                            && !page.authors.iter().any(|a| a == content) =>
                    {
                        page.authors.push(content.to_owned());
                    }
                    "article:published_time" | "date" | "dc.date" | "dcterms.date" | "datepublished" => {
                        page.date = page.date.take().or_else(|| iso(content));
                    }
                    _ => {}
                }
            }
            "time" => page.date = page.date.take().or_else(|| get("datetime").and_then(iso)),
            _ => {}
        }
    }
    let (body, from) = element(source, &lower, "article")
        .map(|b| (b, "<article>"))
        .or_else(|| element(source, &lower, "main").map(|b| (b, "<main>")))
        .or_else(|| element(source, &lower, "body").map(|b| (b, "<body>")))
        .unwrap_or((source, "the whole page"));
    page.from = from;
    page.blocks = blocks(&without(body, "nav"));
    page
}

#[derive(Default)]
struct Open {
    lines: Vec<String>,
    heading: Option<u8>,
    item: bool,
    pre: bool,
}

fn blocks(body: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open = Open::default();
    let flush = |open: &mut Open, out: &mut Vec<Block>| {
        let lines: Vec<String> = open
            .lines
            .drain(..)
            .map(|l| {
                if open.pre {
                    l
                } else {
                    l.split_whitespace().collect::<Vec<_>>().join(" ")
                }
            })
            .filter(|l| !l.trim().is_empty())
            .collect();
        if !lines.is_empty() {
            out.push(match (open.heading, open.item, open.pre) {
                (Some(level), ..) => Block::Heading(level, lines.join(" ")),
                (None, _, true) => Block::Verbatim(lines.join("\n")),
                (None, true, false) => Block::Item(lines.join(" ")),
                (None, false, false) => Block::Paragraph(lines),
            });
        }
        open.heading = None;
        open.item = false;
    };
    for piece in html::pieces(body) {
        match piece {
            Piece::Text(raw, _) => {
                let text = html::decode(raw);
                match open.lines.last_mut() {
                    Some(line) => line.push_str(&text),
                    None => open.lines.push(text.into_owned()),
                }
            }
            Piece::Break => open.lines.push(String::new()),
            Piece::Block | Piece::HeadingEnd => flush(&mut open, &mut out),
            Piece::Heading(level) => {
                flush(&mut open, &mut out);
                open.heading = Some(level);
            }
            Piece::Item => {
                flush(&mut open, &mut out);
                open.item = true;
            }
            Piece::Pre(start) => {
                flush(&mut open, &mut out);
                open.pre = start;
            }
            Piece::Rule => flush(&mut open, &mut out),
            Piece::Image(alt) if !alt.is_empty() => match open.lines.last_mut() {
                Some(line) => line.push_str(&format!(" [image: {alt}] ")),
                None => open.lines.push(format!("[image: {alt}]")),
            },
            Piece::Cell => {
                if let Some(line) = open.lines.last_mut()
                    && !line.trim().is_empty()
                {
                    line.push_str(" | ");
                }
            }
            Piece::Image(_) | Piece::LinkStart(_) | Piece::LinkEnd => {}
        }
    }
    flush(&mut open, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_its_head_and_nothing_of_the_menus() {
        let page = page(
            "<html><head><title>Rivers &amp; Dams | The Site</title>\
             <meta name=\"author\" content=\"Ana Ruiz\">\
             <meta property=\"article:published_time\" content=\"2024-05-02T08:00:00Z\"></head>\
             <body><nav><a href=\"/\">Home</a></nav><article><h1>Rivers Run Dry</h1>\
             <p>The <a href=\"x\">gauges</a> stopped.<br>Then the rain.</p><ul><li>one</li><li>two</li></ul>\
             <pre>a  b\n c</pre><script>x()</script></article><footer>© Site</footer></body></html>",
        );
        assert_eq!(page.title.as_deref(), Some("Rivers & Dams | The Site"));
        assert_eq!(page.authors, ["Ana Ruiz"]);
        assert_eq!(page.date.as_deref(), Some("2024-05-02"));
        assert_eq!(page.from, "<article>");
        assert_eq!(
            page.blocks,
            [
                Block::Heading(1, "Rivers Run Dry".into()),
                Block::Paragraph(vec!["The gauges stopped.".into(), "Then the rain.".into()]),
                Block::Item("one".into()),
                Block::Item("two".into()),
                Block::Verbatim("a  b\n c".into()),
            ]
        );
    }
}
