//! Raw HTML in Markdown, reduced to what a reader of the text needs: the words, line breaks,
//! headings, block boundaries, link targets and image descriptions. Tags are never shown,
//! comments, scripts and styles are dropped, and entities are decoded (the caller sanitizes what
//! they decode to). This is a tolerant tokenizer, not an HTML parser: broken markup degrades to
//! text, never to a panic or a lost paragraph.

use std::borrow::Cow;

/// One piece of an HTML fragment, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text between tags, entities not yet decoded, with its byte offset in the fragment.
    Text(&'a str, usize),
    /// `<br>`: a line break inside the current block.
    Break,
    /// A tag that starts or ends a block (`<p>`, `<div>`, `<details>`, `<summary>`, `<tr>`, ...).
    Block,
    /// `<h1>` .. `<h6>`.
    Heading(u8),
    /// `</h1>` .. `</h6>`.
    HeadingEnd,
    /// `<hr>`.
    Rule,
    /// `<li>`.
    Item,
    /// `<pre>` and `</pre>`: text inside keeps its spacing.
    Pre(bool),
    /// `<img>`, with its `alt` text decoded (empty when it has none).
    Image(String),
    /// `<a href>`, with the target decoded.
    LinkStart(String),
    /// `</a>`.
    LinkEnd,
    /// A table cell boundary (`<td>`, `<th>`).
    Cell,
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "details",
    "summary",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "main",
    "figure",
    "figcaption",
    "center",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "picture",
    "address",
    "body",
    "html",
    "head",
    "title",
];

/// Elements whose content is never text for a reader.
const HIDDEN: &[&str] = &["script", "style", "template", "noscript", "svg", "math"];

/// The pieces of `html`.
pub fn pieces(html: &str) -> Vec<Piece<'_>> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut at = 0;
    while at < bytes.len() {
        if bytes.get(at) != Some(&b'<') {
            at += 1;
            continue;
        }
        let rest = html.get(at..).unwrap_or("");
        let consumed = if let Some(after) = rest.strip_prefix("<!--") {
            // A comment runs to `-->`, or to the end of the fragment when never closed.
            Some(after.find("-->").map_or(rest.len(), |end| 4 + end + 3))
        } else if rest.starts_with("<!") || rest.starts_with("<?") {
            Some(rest.find('>').map_or(rest.len(), |end| end + 1))
        } else {
            tag(rest).map(|(length, tag)| {
                if at > text_start {
                    push_text(&mut out, html, text_start, at);
                }
                text_start = at + length;
                let mut length = length;
                if !tag.closing && HIDDEN.contains(&tag.name.as_str()) {
                    // Skip to the matching close tag (or the end).
                    let close = format!("</{}", tag.name);
                    let after = html.get(at + length..).unwrap_or("");
                    let lower = after.to_ascii_lowercase();
                    let skip = lower.find(&close).map_or(after.len(), |i| {
                        i + after.get(i..).and_then(|s| s.find('>')).map_or(0, |g| g + 1)
                    });
                    length += skip;
                    text_start = at + length;
                } else if let Some(piece) = tag.piece() {
                    out.push(piece);
                }
                length
            })
        };
        match consumed {
            Some(length) => {
                if at > text_start {
                    push_text(&mut out, html, text_start, at);
                }
                at += length.max(1);
                text_start = text_start.max(at);
            }
            // A `<` that opens nothing (`a < b`) is text.
            None => at += 1,
        }
    }
    if bytes.len() > text_start {
        push_text(&mut out, html, text_start, bytes.len());
    }
    out
}

fn push_text<'a>(out: &mut Vec<Piece<'a>>, html: &'a str, start: usize, end: usize) {
    if let Some(text) = html.get(start..end) {
        out.push(Piece::Text(text, start));
    }
}

struct Tag {
    name: String,
    closing: bool,
    attributes: Vec<(String, String)>,
}

impl Tag {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    fn piece(&self) -> Option<Piece<'static>> {
        let name = self.name.as_str();
        let heading = name
            .strip_prefix('h')
            .and_then(|n| n.parse::<u8>().ok())
            .filter(|n| (1..=6).contains(n));
        Some(match (name, self.closing, heading) {
            (_, false, Some(level)) => Piece::Heading(level),
            (_, true, Some(_)) => Piece::HeadingEnd,
            ("br", _, _) => Piece::Break,
            ("hr", false, _) => Piece::Rule,
            ("li", false, _) => Piece::Item,
            ("li", true, _) => Piece::Block,
            ("pre", closing, _) => Piece::Pre(!closing),
            ("td" | "th", false, _) => Piece::Cell,
            ("img", false, _) => Piece::Image(decode(self.attribute("alt").unwrap_or("")).trim().to_owned()),
            ("a", false, _) => match self.attribute("href") {
                Some(href) => Piece::LinkStart(decode(href).into_owned()),
                None => return None,
            },
            ("a", true, _) => Piece::LinkEnd,
            _ if BLOCK_TAGS.contains(&name) => Piece::Block,
            _ => return None,
        })
    }
}

/// Parses a tag at the start of `s` (`<name attr="v">` or `</name>`): its length and contents.
fn tag(s: &str) -> Option<(usize, Tag)> {
    let bytes = s.as_bytes();
    let mut at = 1;
    let closing = bytes.get(at) == Some(&b'/');
    if closing {
        at += 1;
    }
    let name_start = at;
    if !bytes.get(at).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    while bytes
        .get(at)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b':')
    {
        at += 1;
    }
    let name = s.get(name_start..at)?.to_ascii_lowercase();
    let mut attributes = Vec::new();
    loop {
        while bytes.get(at).is_some_and(|b| b.is_ascii_whitespace() || *b == b'/') {
            at += 1;
        }
        match bytes.get(at) {
            None => return None,
            Some(b'>') => {
                return Some((
                    at + 1,
                    Tag {
                        name,
                        closing,
                        attributes,
                    },
                ));
            }
            Some(_) => {}
        }
        let attr_start = at;
        while bytes
            .get(at)
            .is_some_and(|b| !b.is_ascii_whitespace() && !matches!(b, b'=' | b'>' | b'/'))
        {
            at += 1;
        }
        let attr = s.get(attr_start..at)?.to_ascii_lowercase();
        if at == attr_start {
            // A lone `=` or a stray character: step over it.
            at += 1;
            continue;
        }
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        let mut value = String::new();
        if bytes.get(at) == Some(&b'=') {
            at += 1;
            while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                at += 1;
            }
            match bytes.get(at) {
                Some(&quote @ (b'"' | b'\'')) => {
                    let end = s.get(at + 1..)?.find(char::from(quote))? + at + 1;
                    value = s.get(at + 1..end)?.to_owned();
                    at = end + 1;
                }
                _ => {
                    let start = at;
                    while bytes.get(at).is_some_and(|b| !b.is_ascii_whitespace() && *b != b'>') {
                        at += 1;
                    }
                    value = s.get(start..at)?.to_owned();
                }
            }
        }
        attributes.push((attr, value));
    }
}

/// Every opening tag of `html` with its attributes (names lowercase, values decoded), in order:
/// for reading `<meta>`, `<title>` and `<time>` when importing a page.
pub fn start_tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(found) = html.get(at..).and_then(|rest| rest.find('<')) {
        at += found;
        match tag(html.get(at..).unwrap_or("")) {
            Some((length, tag)) => {
                if !tag.closing {
                    let attributes = tag
                        .attributes
                        .into_iter()
                        .map(|(name, value)| (name, decode(&value).into_owned()))
                        .collect();
                    out.push((tag.name, attributes));
                }
                at += length;
            }
            None => at += 1,
        }
    }
    out
}

/// Named entities decoded in raw HTML (Markdown text is decoded by the parser). Others are left
/// as written.
const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", "\u{a0}"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("thinsp", "\u{2009}"),
    ("ndash", "–"),
    ("mdash", "—"),
    ("hellip", "…"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("middot", "·"),
    ("bull", "•"),
    ("times", "×"),
    ("divide", "÷"),
    ("deg", "°"),
    ("plusmn", "±"),
    ("para", "¶"),
    ("sect", "§"),
    ("euro", "€"),
    ("pound", "£"),
    ("yen", "¥"),
    ("cent", "¢"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("frac34", "¾"),
    ("larr", "←"),
    ("rarr", "→"),
    ("uarr", "↑"),
    ("darr", "↓"),
    ("harr", "↔"),
    ("check", "✓"),
    ("shy", "\u{ad}"),
    ("zwj", "\u{200d}"),
    ("zwnj", "\u{200c}"),
];

/// Decodes `&amp;`, `&#39;`, `&#x1F600;` and the named entities above. Code points that are not
/// characters become U+FFFD.
pub fn decode(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or(""));
        let after = rest.get(amp + 1..).unwrap_or("");
        let end = after.find(';').filter(|&e| e > 0 && e <= 32);
        let decoded = end.and_then(|e| {
            let name = after.get(..e)?;
            let text = if let Some(number) = name.strip_prefix('#') {
                let code = match number.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => number.parse::<u32>().ok()?,
                };
                char::from_u32(code).unwrap_or('\u{fffd}').to_string()
            } else {
                ENTITIES.iter().find(|(n, _)| *n == name)?.1.to_owned()
            };
            Some((text, e + 1))
        });
        match decoded {
            Some((text, used)) => {
                out.push_str(&text);
                rest = after.get(used..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> String {
        pieces(html)
            .iter()
            .map(|p| match p {
                Piece::Text(t, _) => decode(t).into_owned(),
                Piece::Break => "⏎".to_owned(),
                Piece::Block => "¶".to_owned(),
                Piece::Heading(n) => format!("<h{n}>"),
                Piece::HeadingEnd => "</h>".to_owned(),
                Piece::Rule => "―".to_owned(),
                Piece::Item => "•".to_owned(),
                Piece::Pre(open) => if *open { "<pre>" } else { "</pre>" }.to_owned(),
                Piece::Image(alt) => format!("[image: {alt}]"),
                Piece::LinkStart(href) => format!("<{href}>"),
                Piece::LinkEnd => "</>".to_owned(),
                Piece::Cell => "|".to_owned(),
            })
            .collect()
    }

    #[test]
    fn tags_become_structure_and_text_stays() {
        assert_eq!(
            texts(r#"<h1 align="center">Tool <img src="x.svg" alt="logo" width=20></h1>"#),
            "<h1>Tool [image: logo]</h>"
        );
        assert_eq!(
            texts("<details><summary>More</summary>Hidden &amp; found<br/>next</details>"),
            "¶¶More¶Hidden & found⏎next¶"
        );
        assert_eq!(
            texts(r#"<a href="docs/a.md#x">the guide</a>"#),
            "<docs/a.md#x>the guide</>"
        );
        assert_eq!(texts("a <!-- secret\nnote --> b"), "a  b");
        assert_eq!(texts("<script>alert('x')</script>shown<style>p{}</style>"), "shown");
        assert_eq!(texts("<kbd>Ctrl</kbd>+<kbd>C</kbd>"), "Ctrl+C");
    }

    #[test]
    fn broken_markup_is_text_not_a_loss() {
        assert_eq!(texts("1 < 2 and 3 > 2"), "1 < 2 and 3 > 2");
        assert_eq!(texts("<img alt=\"never closed"), "<img alt=\"never closed");
        assert_eq!(texts("text <!-- unclosed comment"), "text ");
        assert_eq!(texts("<p>ok</p"), "¶ok</p");
    }

    #[test]
    fn entities_decode_and_unknown_ones_stay() {
        assert_eq!(
            decode("&lt;b&gt; &#233; &#x2014; &mdash; &bogus; & alone"),
            "<b> é — — &bogus; & alone"
        );
        assert_eq!(decode("&#27;"), "\u{1b}");
        assert_eq!(decode("&#xD800;"), "\u{fffd}");
    }
}
