//! The keys dossier starts with, per mode. `keymap.toml` overrides them; help and every hint read
//! the live map, so what is listed here is only the starting point.

use super::actions::{Action, Action as A, Mode};

/// The default keys of each mode, as written in keymap.toml.
/// The main view's modes, the selection, the prompts and search-all.
const OWN: &[(Mode, &[(&str, Action)])] = &[
    (
        Mode::Normal,
        &[
            ("q", A::Quit),
            ("ctrl-c", A::Quit),
            ("?", A::Help),
            ("tab", A::FocusNext),
            ("backtab", A::FocusPrev),
            ("j", A::Down),
            ("down", A::Down),
            ("k", A::Up),
            ("up", A::Up),
            ("g", A::Top),
            ("home", A::Top),
            ("G", A::Bottom),
            ("end", A::Bottom),
            ("ctrl-d", A::HalfPageDown),
            ("ctrl-u", A::HalfPageUp),
            ("pagedown", A::PageDown),
            ("space", A::PageDown),
            ("pageup", A::PageUp),
            ("[", A::PrevTab),
            ("]", A::NextTab),
            ("o", A::Outline),
            ("F", A::SearchAll),
            ("A", A::Analysis),
            ("B", A::ShowBookmarks),
            ("e", A::Edit),
            ("c", A::EditNote),
            ("d", A::Delete),
            ("u", A::Undo),
            ("t", A::NextTheme),
            ("m", A::ToggleMouse),
            ("ctrl-o", A::Back),
            ("backspace", A::Back),
            ("alt-left", A::Back),
            ("ctrl-i", A::Forward),
            ("alt-right", A::Forward),
            ("!", A::Diagnostics),
            ("i", A::About),
            ("}", A::WidenList),
            ("{", A::NarrowList),
            (">", A::WidenPanel),
            ("<", A::NarrowPanel),
            ("z", A::Zoom),
            ("esc", A::Close),
        ],
    ),
    (Mode::List, &[("enter", A::Open), ("/", A::Filter), ("esc", A::Close)]),
    (
        Mode::Reader,
        &[
            ("/", A::Search),
            ("enter", A::FollowLink),
            ("n", A::NextMatch),
            ("N", A::PrevMatch),
            ("b", A::Bookmark),
            ("v", A::Select),
            ("y", A::Copy),
            ("r", A::Reattach),
        ],
    ),
    (
        Mode::Panel,
        &[
            ("enter", A::Open),
            ("s", A::Sort),
            ("a", A::AllCorpora),
            ("r", A::Reattach),
            ("y", A::Copy),
            ("esc", A::Close),
        ],
    ),
    (
        Mode::Visual,
        &[
            ("w", A::GrowWord),
            ("e", A::ShrinkWord),
            (")", A::GrowSentence),
            ("(", A::ShrinkSentence),
            ("j", A::GrowPassage),
            ("down", A::GrowPassage),
            ("k", A::ShrinkPassage),
            ("up", A::ShrinkPassage),
            ("h", A::StartBack),
            ("l", A::StartForward),
            ("enter", A::Confirm),
            ("b", A::Confirm),
            ("r", A::Reattach),
            ("y", A::Copy),
            ("B", A::ShowBookmarks),
            ("tab", A::FocusNext),
            ("esc", A::Close),
            ("v", A::Close),
            ("ctrl-c", A::Quit),
        ],
    ),
    (
        Mode::Prompt,
        &[
            ("enter", A::Submit),
            ("esc", A::Cancel),
            ("ctrl-c", A::Cancel),
            ("left", A::CursorLeft),
            ("right", A::CursorRight),
            ("home", A::LineStart),
            ("ctrl-a", A::LineStart),
            ("end", A::LineEnd),
            ("ctrl-e", A::LineEnd),
            ("backspace", A::DeleteBack),
            ("delete", A::DeleteForward),
            ("ctrl-w", A::DeleteWord),
            ("ctrl-u", A::DeleteToStart),
            ("ctrl-k", A::DeleteToEnd),
            ("up", A::HistoryPrev),
            ("down", A::HistoryNext),
            ("ctrl-t", A::ToggleTextFilter),
        ],
    ),
    (
        Mode::Search,
        &[
            ("enter", A::Open),
            ("down", A::Down),
            ("ctrl-n", A::Down),
            ("up", A::Up),
            ("ctrl-p", A::Up),
            ("pagedown", A::PageDown),
            ("pageup", A::PageUp),
            ("tab", A::NextScope),
            ("backtab", A::PrevScope),
            ("ctrl-r", A::ToggleRegex),
            ("esc", A::Close),
            ("ctrl-c", A::Quit),
        ],
    ),
];

/// Moving through a popup's lines or rows.
const MOVE: &[(&str, Action)] = &[
    ("j", A::Down),
    ("down", A::Down),
    ("k", A::Up),
    ("up", A::Up),
    ("g", A::Top),
    ("home", A::Top),
    ("G", A::Bottom),
    ("end", A::Bottom),
    ("pagedown", A::PageDown),
    ("space", A::PageDown),
    ("pageup", A::PageUp),
    ("ctrl-d", A::HalfPageDown),
    ("ctrl-u", A::HalfPageUp),
];

/// Leaving a popup: `q` closes it (only the main view's `q` quits), Ctrl-c quits from anywhere.
const CLOSE: &[(&str, Action)] = &[("esc", A::Close), ("q", A::Close), ("ctrl-c", A::Quit)];

/// The default keys of `mode`, in order of preference.
pub fn defaults(mode: Mode) -> Vec<(&'static str, Action)> {
    let popup = |own: &[(&'static str, Action)]| -> Vec<(&'static str, Action)> {
        // Esc first, so hints say "Esc closes" in every popup.
        CLOSE[..1]
            .iter()
            .chain(own)
            .chain(MOVE)
            .chain(&CLOSE[1..])
            .copied()
            .collect()
    };
    match mode {
        Mode::Analysis => popup(&[
            ("]", A::NextTab),
            ("tab", A::NextTab),
            ("[", A::PrevTab),
            ("backtab", A::PrevTab),
            ("h", A::Left),
            ("left", A::Left),
            ("l", A::Right),
            ("right", A::Right),
            ("enter", A::Open),
            ("space", A::Detail),
            ("s", A::Sort),
            ("A", A::Close),
        ]),
        Mode::Help => popup(&[("?", A::Close)]),
        Mode::Outline => popup(&[("enter", A::Open), ("o", A::Close)]),
        Mode::Links => popup(&[("enter", A::Open), ("y", A::Copy)]),
        Mode::Problems => popup(&[("!", A::Close)]),
        Mode::About => popup(&[("i", A::Close)]),
        other => OWN
            .iter()
            .filter(|(m, _)| *m == other)
            .flat_map(|(_, keys)| keys.iter().copied())
            .collect(),
    }
}
