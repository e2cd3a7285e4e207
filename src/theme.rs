//! Themes: named roles (heading1, selection, contradicts...) mapped to styles. Built-in themes are
//! embedded from `themes/*.toml`; a file of the same name in the config directory's `themes/`
//! overrides one. Widgets ask for roles, never for colours.

use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

use crate::corpus::Diagnostic;
use crate::corpus::document::line_col;

/// Every role a theme may set, and what it is used for.
pub const ROLES: &[&str] = &[
    "text",
    "dim",
    "heading1",
    "heading2",
    "heading3",
    "emphasis",
    "strong",
    "code",
    "link",
    "link_target",
    "quote_bar",
    "marker",
    "rule",
    "border",
    "border_focused",
    "title",
    "selection",
    "selection_unfocused",
    "cursor",
    "highlight",
    "search_match",
    "selected_text",
    "gutter_claim",
    "gutter_statistic",
    "gutter_bookmark",
    "status",
    "status_mode",
    "status_warning",
    "tab",
    "tab_active",
    "supports",
    "contradicts",
    "extends",
    "quantifies",
    "context",
    "error",
    "warning",
];

/// Roles that must stay visible without colour: they fall back to these modifiers under NO_COLOR.
const NO_COLOR_MODIFIERS: &[(&str, Modifier)] = &[
    ("selection", Modifier::REVERSED),
    ("selection_unfocused", Modifier::UNDERLINED),
    ("cursor", Modifier::BOLD),
    ("highlight", Modifier::REVERSED),
    ("search_match", Modifier::UNDERLINED),
    ("selected_text", Modifier::REVERSED.union(Modifier::UNDERLINED)),
    ("status", Modifier::REVERSED),
    ("status_mode", Modifier::BOLD),
    ("tab_active", Modifier::REVERSED),
    ("border_focused", Modifier::BOLD),
];

pub const DEFAULT_THEME: &str = "dark";

/// The themes a session can show, loaded when first shown: start-up parses only the one in use
/// (each theme file is TOML to parse, and that showed in start-up time), and the loop loads the
/// others right after the first frame, so their problems are listed before the user can ask.
#[derive(Debug)]
pub struct Themes {
    names: Vec<String>,
    loaded: Vec<Option<Theme>>,
    config_dir: Option<std::path::PathBuf>,
    no_color: bool,
    /// Plain styles, for an index past the names (never drawn in practice).
    plain: Theme,
}

impl Themes {
    pub fn new(names: Vec<String>, config_dir: Option<&Path>, no_color: bool) -> Themes {
        Themes {
            loaded: names.iter().map(|_| None).collect(),
            names,
            config_dir: config_dir.map(Path::to_path_buf),
            no_color,
            plain: Theme::fallback(DEFAULT_THEME),
        }
    }

    /// A set of themes already loaded (for tests and tools).
    pub fn of(themes: Vec<Theme>) -> Themes {
        let mut set = Themes::new(themes.iter().map(|t| t.name.clone()).collect(), None, false);
        set.loaded = themes.into_iter().map(Some).collect();
        set
    }

    /// Loads theme `index` unless it is loaded; what was wrong with its file.
    pub fn load(&mut self, index: usize) -> Vec<Diagnostic> {
        let (Some(name), Some(slot)) = (self.names.get(index), self.loaded.get_mut(index)) else {
            return Vec::new();
        };
        if slot.is_some() {
            return Vec::new();
        }
        let (theme, diagnostics) = Theme::load(name, self.config_dir.as_deref(), self.no_color);
        *slot = Some(theme);
        diagnostics
    }

    /// Loads every theme not loaded yet; what was wrong with their files.
    pub fn load_all(&mut self) -> Vec<Diagnostic> {
        (0..self.names.len()).flat_map(|i| self.load(i)).collect()
    }

    /// Theme `index` when loaded, else plain styles.
    pub fn get(&self, index: usize) -> &Theme {
        self.loaded.get(index).and_then(Option::as_ref).unwrap_or(&self.plain)
    }
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub name: String,
    styles: HashMap<&'static str, Style>,
}

impl Theme {
    /// Names of the built-in themes, in order.
    pub fn builtin_names() -> Vec<&'static str> {
        let mut names: Vec<&str> = crate::embedded::THEMES
            .iter()
            .filter_map(|(p, _)| p.strip_prefix("themes/")?.strip_suffix(".toml"))
            .collect();
        // The default first, so cycling starts there.
        names.sort_by_key(|n| (*n != DEFAULT_THEME, *n));
        names
    }

    /// Loads theme `name`: the user's copy in `config_dir/themes/` first, else the built-in one.
    /// A broken file gives warnings and falls back to the default theme.
    pub fn load(name: &str, config_dir: Option<&Path>, no_color: bool) -> (Theme, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let user = config_dir.map(|d| d.join("themes").join(format!("{name}.toml")));
        // Only a regular file is read (a FIFO would block); what is wrong with it is reported.
        let user_text = user.as_ref().and_then(|p| {
            crate::settings::read_text(p, crate::corpus::Category::Theme, &mut diagnostics)
                .map(|t| (p.display().to_string(), t))
        });
        let builtin = crate::embedded::THEMES
            .iter()
            .find(|(p, _)| *p == format!("themes/{name}.toml"))
            .map(|(p, t)| ((*p).to_owned(), (*t).to_owned()));
        let mut theme = Theme::fallback(name);
        match user_text.or(builtin) {
            Some((path, text)) => {
                if !theme.apply(&path, &text, &mut diagnostics) && name != DEFAULT_THEME {
                    let (default, mut more) = Theme::load(DEFAULT_THEME, config_dir, no_color);
                    diagnostics.append(&mut more);
                    return (default, diagnostics);
                }
            }
            None => {
                diagnostics.push(Diagnostic::warning(
                    name,
                    (1, 1),
                    format!("no theme named `{name}`; using `{DEFAULT_THEME}`"),
                ));
                if name != DEFAULT_THEME {
                    let (default, mut more) = Theme::load(DEFAULT_THEME, config_dir, no_color);
                    diagnostics.append(&mut more);
                    return (default, diagnostics);
                }
            }
        }
        if no_color {
            theme.strip_colour();
        }
        (theme, diagnostics)
    }

    /// Plain styles that work in any terminal: used under every theme file.
    fn fallback(name: &str) -> Theme {
        let mut styles = HashMap::new();
        for role in ROLES {
            styles.insert(*role, Style::default());
        }
        for (role, modifier) in NO_COLOR_MODIFIERS {
            styles.insert(*role, Style::default().add_modifier(*modifier));
        }
        Theme {
            name: name.to_owned(),
            styles,
        }
    }

    /// Applies a theme file; returns false when it could not be parsed at all.
    fn apply(&mut self, path: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> bool {
        if let Some(roles) = plain_roles(text) {
            self.styles.extend(roles);
            return true;
        }
        self.apply_toml(path, text, diagnostics)
    }

    /// Applies a theme file through the TOML parser, reporting what is wrong with it.
    fn apply_toml(&mut self, path: &str, text: &str, diagnostics: &mut Vec<Diagnostic>) -> bool {
        let lines = crate::corpus::document::line_starts(text);
        let table: toml::Table = match toml::from_str(text) {
            Ok(t) => t,
            Err(e) => {
                let position = e.span().map_or((1, 1), |s| line_col(&lines, s.start));
                diagnostics.push(Diagnostic::warning(
                    path,
                    position,
                    format!("theme not loaded: {}", e.message()),
                ));
                return false;
            }
        };
        let line_of = |needle: &str| {
            text.lines()
                .position(|l| l.trim_start().starts_with(needle))
                .map_or((1, 1), |i| (i + 1, 1))
        };
        let Some(roles) = table.get("roles").and_then(toml::Value::as_table) else {
            diagnostics.push(Diagnostic::warning(path, (1, 1), "theme has no [roles] table"));
            return false;
        };
        for (key, value) in roles {
            let Some(role) = ROLES.iter().find(|r| **r == key.as_str()) else {
                diagnostics.push(Diagnostic::warning(path, line_of(key), format!("unknown role `{key}`")));
                continue;
            };
            match parse_style(value) {
                Ok(style) => {
                    self.styles.insert(role, style);
                }
                Err(message) => diagnostics.push(Diagnostic::warning(
                    path,
                    line_of(key),
                    format!("role `{key}`: {message}"),
                )),
            }
        }
        true
    }

    fn strip_colour(&mut self) {
        for (role, style) in self.styles.iter_mut() {
            style.fg = None;
            style.bg = None;
            style.underline_color = None;
            if let Some((_, modifier)) = NO_COLOR_MODIFIERS.iter().find(|(r, _)| r == role) {
                *style = style.add_modifier(*modifier);
            }
        }
    }

    /// The style of a role (plain when the role is unknown).
    pub fn get(&self, role: &str) -> Style {
        self.styles.get(role).copied().unwrap_or_default()
    }

    pub fn border(&self, focused: bool) -> Style {
        self.get(if focused { "border_focused" } else { "border" })
    }

    pub fn selection(&self, focused: bool) -> Style {
        self.get(if focused { "selection" } else { "selection_unfocused" })
    }

    pub fn heading(&self, level: u8) -> Style {
        self.get(match level {
            1 => "heading1",
            2 => "heading2",
            _ => "heading3",
        })
    }
}

fn parse_style(value: &toml::Value) -> Result<Style, String> {
    let table = value
        .as_table()
        .ok_or("expected an inline table such as { fg = \"red\", bold = true }")?;
    let mut style = Style::default();
    for (key, v) in table {
        let setting = match v {
            toml::Value::String(text) => Setting::Text(text),
            toml::Value::Boolean(on) => Setting::Flag(*on),
            _ => Setting::Other,
        };
        style = with_setting(style, key, setting)?;
    }
    Ok(style)
}

/// A value in a role's inline table.
enum Setting<'a> {
    Text(&'a str),
    Flag(bool),
    Other,
}

/// `style` with one key of a role's table applied.
fn with_setting(style: Style, key: &str, value: Setting<'_>) -> Result<Style, String> {
    match key {
        "fg" | "bg" => {
            let Setting::Text(text) = value else {
                return Err(format!("`{key}` must be a string"));
            };
            let color = Color::from_str(text).map_err(|_| format!("`{text}` is not a colour"))?;
            Ok(if key == "fg" { style.fg(color) } else { style.bg(color) })
        }
        "bold" | "italic" | "underline" | "reversed" | "dim" => {
            let Setting::Flag(on) = value else {
                return Err(format!("`{key}` must be true or false"));
            };
            let modifier = match key {
                "bold" => Modifier::BOLD,
                "italic" => Modifier::ITALIC,
                "underline" => Modifier::UNDERLINED,
                "reversed" => Modifier::REVERSED,
                _ => Modifier::DIM,
            };
            Ok(if on { style.add_modifier(modifier) } else { style })
        }
        other => Err(format!(
            "unknown key `{other}` (fg, bg, bold, italic, underline, reversed, dim)"
        )),
    }
}

/// The roles of a theme file in the plain shape every bundled theme has (comments, `[roles]`,
/// then one `role = { key = "text" or true/false, ... }` per line), read without the TOML
/// parser, whose code and work showed in start-up time (0.15 ms warm, 0.4 ms cold). Anything else,
/// and anything it would have a problem to report about (an unknown role, a bad colour, a key given
/// twice), gives None: the file then goes through TOML, which reports it.
fn plain_roles(text: &str) -> Option<Vec<(&'static str, Style)>> {
    let mut in_roles = false;
    let mut roles: Vec<(&'static str, Style)> = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line == "[roles]" && !in_roles {
            in_roles = true;
            continue;
        }
        if !in_roles {
            return None;
        }
        let (name, rest) = line.split_once('=')?;
        let role = *ROLES.iter().find(|r| **r == name.trim())?;
        if roles.iter().any(|(r, _)| *r == role) {
            return None;
        }
        let body = rest.trim().strip_prefix('{')?.strip_suffix('}')?.trim();
        let mut style = Style::default();
        let mut keys: Vec<&str> = Vec::new();
        for part in body.split(',').filter(|_| !body.is_empty()) {
            let (key, value) = part.split_once('=')?;
            let (key, value) = (key.trim(), value.trim());
            if keys.contains(&key) {
                return None;
            }
            keys.push(key);
            let setting = match value {
                "true" => Setting::Flag(true),
                "false" => Setting::Flag(false),
                quoted => {
                    let inner = quoted.strip_prefix('"')?.strip_suffix('"')?;
                    if inner.contains(['"', '\\']) {
                        return None;
                    }
                    Setting::Text(inner)
                }
            };
            style = with_setting(style, key, setting).ok()?;
        }
        roles.push((role, style));
    }
    in_roles.then_some(roles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_reader_gives_what_toml_gives_for_every_bundled_theme() {
        for (path, text) in crate::embedded::THEMES {
            assert!(plain_roles(text).is_some(), "{path} is not in the plain shape");
            let mut plain = Theme::fallback("t");
            let mut parsed = Theme::fallback("t");
            let mut problems = Vec::new();
            assert!(plain.apply(path, text, &mut problems));
            assert!(parsed.apply_toml(path, text, &mut problems));
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(plain.styles, parsed.styles, "{path}");
        }
    }

    #[test]
    fn anything_but_the_plain_shape_goes_through_toml_and_its_reports() {
        for text in [
            "[roles]\ntext = { fg = \"red\" } # trailing comment\n",
            "[roles]\nnot_a_role = { fg = \"red\" }\n",
            "[roles]\ntext = { fg = \"not a colour\" }\n",
            "[roles]\ntext = { fg = \"red\", fg = \"blue\" }\n",
            "[roles]\ntext = { fg = \"red\" }\ntext = { bold = true }\n",
            "[roles]\ntext = { fg = \"a,b\" }\n",
            "[roles]\ntext = { bold = 1 }\n",
            "[roles]\n\"text\" = { bold = true }\n",
            "text = { bold = true }\n",
            "[other]\n",
        ] {
            assert!(plain_roles(text).is_none(), "{text}");
        }
        let plain = plain_roles("# c\n[roles]\ntext = {}\nstrong = { bold = true, dim = false }\n");
        let roles = plain.expect("the plain shape");
        assert_eq!(roles.len(), 2);
        assert_eq!(roles[1].1, Style::default().add_modifier(Modifier::BOLD));
    }

    #[test]
    fn builtin_themes_load_clean() {
        assert_eq!(Theme::builtin_names(), ["dark", "high-contrast", "light"]);
        for name in Theme::builtin_names() {
            let (theme, diagnostics) = Theme::load(name, None, false);
            assert!(diagnostics.is_empty(), "{name}: {diagnostics:?}");
            assert_eq!(theme.name, name);
            assert!(theme.get("selection").bg.is_some());
        }
    }

    #[test]
    fn a_set_loads_each_theme_once_when_asked_and_reports_its_problems_then() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("themes")).unwrap();
        std::fs::write(dir.path().join("themes/light.toml"), "[roles\n").unwrap();
        let names = vec!["dark".to_owned(), "light".to_owned()];
        let mut set = Themes::new(names, Some(dir.path()), false);
        assert_eq!(
            set.get(0).get("heading1"),
            Theme::fallback("dark").get("heading1"),
            "plain until loaded"
        );
        assert!(set.load(0).is_empty());
        let dark = Theme::load("dark", None, false).0;
        assert_eq!(set.get(0).get("heading1"), dark.get("heading1"));
        let problems = set.load_all();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].message.starts_with("theme not loaded"), "{problems:?}");
        assert!(set.load_all().is_empty(), "each theme is loaded once");
        assert_eq!(set.get(1).name, "dark", "the broken one fell back to the default");
        assert!(set.load(7).is_empty());
        assert_eq!(set.get(7).get("text"), Style::default(), "past the names: plain styles");
    }

    #[test]
    fn a_user_theme_overrides_and_broken_ones_warn_with_lines() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("themes")).unwrap();
        std::fs::write(
            dir.path().join("themes/dark.toml"),
            "[roles]\ntext = { fg = \"red\" }\nglow = { fg = \"red\" }\ntitle = { fg = \"nope\" }\n",
        )
        .unwrap();
        let (theme, diagnostics) = Theme::load("dark", Some(dir.path()), false);
        assert_eq!(theme.get("text").fg, Some(Color::Red));
        let messages: Vec<String> = diagnostics
            .iter()
            .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
            .collect();
        assert_eq!(
            messages,
            ["3:1: unknown role `glow`", "4:1: role `title`: `nope` is not a colour"]
        );

        std::fs::write(dir.path().join("themes/light.toml"), "[roles\n").unwrap();
        let (theme, diagnostics) = Theme::load("light", Some(dir.path()), false);
        assert_eq!(theme.name, "dark", "a broken theme falls back to the default");
        assert!(
            diagnostics[0].message.starts_with("theme not loaded"),
            "{diagnostics:?}"
        );
        assert_eq!(diagnostics[0].line, 1);
    }

    #[test]
    fn no_color_keeps_selection_visible_without_colour() {
        let (theme, _) = Theme::load("dark", None, true);
        let selection = theme.get("selection");
        assert_eq!((selection.fg, selection.bg), (None, None));
        assert!(selection.add_modifier.contains(Modifier::REVERSED));
        assert!(theme.get("highlight").add_modifier.contains(Modifier::REVERSED));
    }
}
