//! Text from documents, annotation files and error messages is untrusted: it must never carry a
//! control sequence to the terminal. Everything that can reach the screen passes through here
//! after parsing (pulldown-cmark decodes `&#27;` into a real ESC, TOML decodes `\u001b`).

/// Width of a tab stop when tabs are expanded.
pub const TAB_WIDTH: usize = 4;

/// What a dangerous character is shown as, so the reader sees that something was there.
fn placeholder(c: char) -> Option<char> {
    let code = c as u32;
    match c {
        // C0 controls (tab and newline are handled by the callers) -> control pictures (␛ for ESC).
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + code),
        '\u{7f}' => Some('\u{2421}'),
        // C1 controls, including the 8-bit CSI (0x9b) and OSC (0x9d).
        '\u{80}'..='\u{9f}' => Some('\u{fffd}'),
        // Bidi embeddings, overrides and isolates can reorder what the reader sees.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some('\u{fffd}'),
        _ => None,
    }
}

/// True when `c` would be replaced by [`sanitize_line`].
pub fn is_unsafe(c: char) -> bool {
    c == '\t' || c == '\n' || placeholder(c).is_some()
}

/// Makes one line of text safe to display: tabs expanded to the next tab stop (counting from the
/// start of `s`), every other control character replaced by a visible placeholder. Newlines are
/// treated as controls too: callers split lines first where lines matter.
pub fn sanitize_line(s: &str) -> String {
    if !s.chars().any(is_unsafe) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut column = 0usize;
    for c in s.chars() {
        if c == '\t' {
            let spaces = TAB_WIDTH - column % TAB_WIDTH;
            out.extend(std::iter::repeat_n(' ', spaces));
            column += spaces;
        } else if let Some(p) = placeholder(c) {
            out.push(p);
            column += 1;
        } else {
            out.push(c);
            column += 1;
        }
    }
    out
}

/// Sanitizes text that may span lines (an error message, a code block): each line is sanitized on
/// its own and the newlines are kept.
pub fn sanitize_multiline(s: &str) -> String {
    s.split('\n')
        .map(|line| sanitize_line(line.strip_suffix('\r').unwrap_or(line)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Pretty JSON with every character that could reach a terminal raw escaped as `\uXXXX`.
/// serde_json escapes C0 controls only; DEL, C1 controls and bidi controls pass through it, and
/// they can occur only inside strings, so escaping them keeps the JSON valid and the data whole.
pub fn json(value: &serde_json::Value) -> String {
    // The newlines are pretty-printing between values; serde_json escapes those in strings.
    let raw = |c: char| c != '\n' && placeholder(c).is_some();
    let text = format!("{value:#}\n");
    if !text.chars().any(raw) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if raw(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_escapes_what_serde_json_leaves_raw_and_stays_lossless() {
        let value = serde_json::json!({ "path": "a\u{202e}b\u{7f}c\u{9b}d\u{1b}e" });
        let text = json(&value);
        assert!(!text.chars().any(|c| c != '\n' && placeholder(c).is_some()), "{text:?}");
        assert!(text.contains("a\\u202eb\\u007fc\\u009bd\\u001be"), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn escape_sequences_become_visible_placeholders() {
        assert_eq!(sanitize_line("a\u{1b}[31mred"), "a\u{241b}[31mred");
        assert_eq!(sanitize_line("osc\u{9d}52;c;\u{7}"), "osc\u{fffd}52;c;\u{2407}");
        assert_eq!(sanitize_line("csi\u{9b}2J"), "csi\u{fffd}2J");
        assert_eq!(sanitize_line("bidi\u{202e}txt"), "bidi\u{fffd}txt");
        assert_eq!(sanitize_line("bell\u{7}cr\r"), "bell\u{2407}cr\u{240d}");
    }

    #[test]
    fn tabs_expand_to_the_next_stop() {
        assert_eq!(sanitize_line("a\tb"), "a   b");
        assert_eq!(sanitize_line("abcd\tb"), "abcd    b");
        assert_eq!(sanitize_line("\t"), "    ");
    }

    #[test]
    fn clean_text_is_unchanged() {
        let s = "Pakistan’s “security” – 1640 miles";
        assert_eq!(sanitize_line(s), s);
    }

    #[test]
    fn multiline_keeps_newlines_and_drops_crs() {
        assert_eq!(sanitize_multiline("one\r\ntwo\u{1b}"), "one\ntwo\u{241b}");
    }
}
