//! The modes dossier can be in, the actions a key can trigger, and the default keys of each mode.

/// Where a key is pressed. Each mode has its own table in keymap.toml (`[reader]`, `[prompt]`...).
/// A pane (list, reader, panel) falls back to `[normal]`, which holds the keys that work in every
/// pane; the other modes use their own table only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    Normal,
    List,
    Reader,
    Panel,
    Visual,
    Prompt,
    Search,
    Analysis,
    Help,
    Outline,
    Problems,
    About,
    Links,
}

impl Mode {
    pub const ALL: [Mode; 13] = [
        Mode::Normal,
        Mode::List,
        Mode::Reader,
        Mode::Panel,
        Mode::Visual,
        Mode::Prompt,
        Mode::Search,
        Mode::Analysis,
        Mode::Help,
        Mode::Outline,
        Mode::Problems,
        Mode::About,
        Mode::Links,
    ];

    /// The table's name in keymap.toml.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Normal => "normal",
            Mode::List => "list",
            Mode::Reader => "reader",
            Mode::Panel => "panel",
            Mode::Visual => "visual",
            Mode::Prompt => "prompt",
            Mode::Search => "search",
            Mode::Analysis => "analysis",
            Mode::Help => "help",
            Mode::Outline => "outline",
            Mode::Problems => "problems",
            Mode::About => "about",
            Mode::Links => "links",
        }
    }

    /// How help titles the mode.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Normal => "Everywhere in the main view",
            Mode::List => "Brief list",
            Mode::Reader => "Reader",
            Mode::Panel => "Side panel",
            Mode::Visual => "Selecting part of a passage (after v)",
            Mode::Prompt => "Prompts (search, filter, note)",
            Mode::Search => "Search every brief (F)",
            Mode::Analysis => "The corpus whole (A)",
            Mode::Help => "This help",
            Mode::Outline => "Outline (o)",
            Mode::Problems => "Load problems (!)",
            Mode::About => "About this brief (i)",
            Mode::Links => "Links of a passage (Enter in the reader)",
        }
    }

    pub fn index(self) -> usize {
        Mode::ALL.iter().position(|m| *m == self).unwrap_or(0)
    }

    /// The table a key falls back to when this mode's own table does not bind it.
    pub fn fallback(self) -> Option<Mode> {
        matches!(self, Mode::List | Mode::Reader | Mode::Panel).then_some(Mode::Normal)
    }
}

/// Everything a key can do. Which actions a mode offers is in [`MODE_ACTIONS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    Quit,
    Help,
    FocusNext,
    FocusPrev,
    Down,
    Up,
    Top,
    Bottom,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    Left,
    Right,
    Open,
    PrevTab,
    NextTab,
    Outline,
    Search,
    Filter,
    SearchAll,
    Analysis,
    NextMatch,
    PrevMatch,
    Bookmark,
    ShowBookmarks,
    NextTheme,
    ToggleMouse,
    Back,
    Forward,
    Diagnostics,
    About,
    Copy,
    FollowLink,
    Detail,
    AllCorpora,
    WidenList,
    NarrowList,
    WidenPanel,
    NarrowPanel,
    Zoom,
    Close,
    Select,
    Edit,
    EditNote,
    Delete,
    Undo,
    Sort,
    Reattach,
    // Selection mode.
    GrowWord,
    ShrinkWord,
    GrowSentence,
    ShrinkSentence,
    GrowPassage,
    ShrinkPassage,
    StartBack,
    StartForward,
    Confirm,
    // Prompts.
    Submit,
    Cancel,
    CursorLeft,
    CursorRight,
    LineStart,
    LineEnd,
    DeleteBack,
    DeleteForward,
    DeleteWord,
    DeleteToStart,
    DeleteToEnd,
    HistoryPrev,
    HistoryNext,
    ToggleTextFilter,
    // Search every brief.
    NextScope,
    PrevScope,
    ToggleRegex,
}

/// (name in keymap.toml, action, what it does).
pub const ACTIONS: &[(&str, Action, &str)] = &[
    ("quit", Action::Quit, "quit dossier"),
    ("help", Action::Help, "show the keys"),
    (
        "focus_next",
        Action::FocusNext,
        "focus the next pane (list, reader, side panel)",
    ),
    ("focus_prev", Action::FocusPrev, "focus the previous pane"),
    ("down", Action::Down, "move down"),
    ("up", Action::Up, "move up"),
    ("top", Action::Top, "go to the top"),
    ("bottom", Action::Bottom, "go to the bottom"),
    ("half_page_down", Action::HalfPageDown, "half a page down"),
    ("half_page_up", Action::HalfPageUp, "half a page up"),
    ("page_down", Action::PageDown, "a page down"),
    ("page_up", Action::PageUp, "a page up"),
    ("left", Action::Left, "move left"),
    ("right", Action::Right, "move right"),
    ("open", Action::Open, "open the selected item"),
    ("prev_tab", Action::PrevTab, "previous tab"),
    ("next_tab", Action::NextTab, "next tab"),
    ("outline", Action::Outline, "outline of the brief's headings"),
    ("search", Action::Search, "search the open brief (smart case)"),
    ("filter", Action::Filter, "filter the briefs by title"),
    ("search_all", Action::SearchAll, "search every brief"),
    (
        "analysis",
        Action::Analysis,
        "the corpus whole: statistics, timeline, conflicts, link map",
    ),
    ("next_match", Action::NextMatch, "next search match"),
    ("prev_match", Action::PrevMatch, "previous search match"),
    (
        "bookmark",
        Action::Bookmark,
        "bookmark the passage under the cursor (a note is asked for)",
    ),
    ("show_bookmarks", Action::ShowBookmarks, "show the Bookmarks tab"),
    ("next_theme", Action::NextTheme, "switch to the next theme"),
    (
        "toggle_mouse",
        Action::ToggleMouse,
        "mouse capture on/off (off lets the terminal select text)",
    ),
    ("back", Action::Back, "jump back"),
    ("forward", Action::Forward, "jump forward"),
    ("diagnostics", Action::Diagnostics, "show load problems"),
    (
        "about",
        Action::About,
        "about this brief: its source, and whether its title is ours",
    ),
    (
        "copy",
        Action::Copy,
        "copy with a citation: the selection, the passage, or the item's quote",
    ),
    (
        "follow_link",
        Action::FollowLink,
        "follow the passage's link (a choice when it has several or one leads outside)",
    ),
    ("detail", Action::Detail, "show the selected row whole, or hide it"),
    (
        "all_corpora",
        Action::AllCorpora,
        "Bookmarks tab: this corpus's bookmarks, or every corpus's, grouped",
    ),
    ("widen_list", Action::WidenList, "widen the brief list"),
    ("narrow_list", Action::NarrowList, "narrow the brief list"),
    ("widen_panel", Action::WidenPanel, "widen the side panel"),
    ("narrow_panel", Action::NarrowPanel, "narrow the side panel"),
    (
        "zoom",
        Action::Zoom,
        "the reader alone (the list and panel open over it when focused), or all three panes",
    ),
    ("close", Action::Close, "close / clear the search"),
    ("select", Action::Select, "select part of the passage"),
    (
        "edit",
        Action::Edit,
        "open the brief in your editor at the passage ($VISUAL or $EDITOR); reloads after",
    ),
    (
        "edit_note",
        Action::EditNote,
        "edit the bookmark's note (Bookmarks tab, or the passage's)",
    ),
    (
        "delete",
        Action::Delete,
        "delete the bookmark (Bookmarks tab, or the passage's)",
    ),
    ("undo", Action::Undo, "undo the last bookmark deletion"),
    ("sort", Action::Sort, "change the order"),
    (
        "reattach",
        Action::Reattach,
        "re-attach the selected orphaned bookmark here",
    ),
    ("grow_word", Action::GrowWord, "end one word later"),
    ("shrink_word", Action::ShrinkWord, "end one word earlier"),
    ("grow_sentence", Action::GrowSentence, "end one sentence later"),
    ("shrink_sentence", Action::ShrinkSentence, "end one sentence earlier"),
    ("grow_passage", Action::GrowPassage, "end with the next passage"),
    ("shrink_passage", Action::ShrinkPassage, "end one passage earlier"),
    ("start_back", Action::StartBack, "start one word earlier"),
    ("start_forward", Action::StartForward, "start one word later"),
    (
        "confirm",
        Action::Confirm,
        "bookmark the selection (a note is asked for)",
    ),
    ("submit", Action::Submit, "accept"),
    ("cancel", Action::Cancel, "cancel"),
    ("cursor_left", Action::CursorLeft, "cursor one character left"),
    ("cursor_right", Action::CursorRight, "cursor one character right"),
    ("line_start", Action::LineStart, "cursor to the start"),
    ("line_end", Action::LineEnd, "cursor to the end"),
    (
        "delete_back",
        Action::DeleteBack,
        "delete the character before the cursor",
    ),
    (
        "delete_forward",
        Action::DeleteForward,
        "delete the character under the cursor",
    ),
    ("delete_word", Action::DeleteWord, "delete the word before the cursor"),
    ("delete_to_start", Action::DeleteToStart, "delete to the start"),
    ("delete_to_end", Action::DeleteToEnd, "delete to the end"),
    ("history_prev", Action::HistoryPrev, "earlier entry"),
    ("history_next", Action::HistoryNext, "later entry"),
    (
        "toggle_text_filter",
        Action::ToggleTextFilter,
        "list filter: match titles or the text",
    ),
    (
        "next_scope",
        Action::NextScope,
        "next scope: text, claims, statistics, bookmarks",
    ),
    ("prev_scope", Action::PrevScope, "previous scope"),
    ("toggle_regex", Action::ToggleRegex, "literal / regular expression"),
];

use Action as A;

/// An action and, when it differs from the general description, what it does in a mode.
type Offered = (Action, Option<&'static str>);

/// The actions of the main view's modes, the selection and the prompts, in the order help
/// lists them.
const OWN: &[(Mode, &[Offered])] = &[
    (
        Mode::Normal,
        &[
            (A::Quit, None),
            (A::Help, None),
            (A::FocusNext, None),
            (A::FocusPrev, None),
            (A::Down, Some("move down in the focused pane")),
            (A::Up, Some("move up in the focused pane")),
            (A::Top, None),
            (A::Bottom, None),
            (A::HalfPageDown, None),
            (A::HalfPageUp, None),
            (A::PageDown, None),
            (A::PageUp, None),
            (A::PrevTab, Some("previous side-panel tab")),
            (A::NextTab, Some("next side-panel tab")),
            (A::Outline, None),
            (A::SearchAll, None),
            (A::Analysis, None),
            (A::ShowBookmarks, None),
            (
                A::Edit,
                Some(
                    "open the brief in your editor at the passage (panel: the sidecar at the item; a bookmark: its note)",
                ),
            ),
            (A::EditNote, None),
            (A::Delete, None),
            (A::Undo, None),
            (A::NextTheme, None),
            (A::ToggleMouse, None),
            (A::Back, None),
            (A::Forward, None),
            (A::Diagnostics, None),
            (A::About, None),
            (A::WidenList, None),
            (A::NarrowList, None),
            (A::WidenPanel, None),
            (A::NarrowPanel, None),
            (A::Zoom, None),
            (A::Close, Some("close the pane overlay / clear the search")),
        ],
    ),
    (
        Mode::List,
        &[
            (A::Open, Some("open the brief")),
            (A::Filter, Some("filter the briefs (fuzzy on titles)")),
            (A::Close, Some("clear the filter / back to the reader")),
        ],
    ),
    (
        Mode::Reader,
        &[
            (A::Search, None),
            (A::NextMatch, None),
            (A::PrevMatch, None),
            (A::Bookmark, None),
            (A::Select, None),
            (A::FollowLink, None),
            (A::Copy, Some("copy the passage under the cursor, with a citation")),
            (
                A::Reattach,
                Some("re-attach the orphan selected in the Bookmarks tab at this passage"),
            ),
        ],
    ),
    (
        Mode::Panel,
        &[
            (A::Open, Some("jump to the item's words / follow the cross-reference")),
            (A::Sort, Some("Bookmarks tab: newest first / by brief")),
            (A::AllCorpora, None),
            (
                A::Copy,
                Some("copy the item's quote (or the bookmark's passage), with a citation"),
            ),
            (
                A::Reattach,
                Some("re-attach the selected orphan at the reader's passage"),
            ),
            (A::Close, Some("close the panel overlay")),
        ],
    ),
    (
        Mode::Visual,
        &[
            (A::GrowWord, None),
            (A::ShrinkWord, None),
            (A::GrowSentence, None),
            (A::ShrinkSentence, None),
            (A::GrowPassage, None),
            (A::ShrinkPassage, None),
            (A::StartBack, None),
            (A::StartForward, None),
            (A::Confirm, None),
            (A::Copy, Some("copy the selection, with a citation")),
            (A::Reattach, Some("re-attach the selected orphan to the selection")),
            (A::ShowBookmarks, None),
            (A::FocusNext, Some("focus the side panel (the selection stays)")),
            (A::Close, Some("cancel the selection")),
            (A::Quit, None),
        ],
    ),
    (
        Mode::Prompt,
        &[
            (A::Submit, None),
            (A::Cancel, None),
            (A::CursorLeft, None),
            (A::CursorRight, None),
            (A::LineStart, None),
            (A::LineEnd, None),
            (A::DeleteBack, None),
            (A::DeleteForward, None),
            (A::DeleteWord, None),
            (A::DeleteToStart, None),
            (A::DeleteToEnd, None),
            (A::HistoryPrev, None),
            (A::HistoryNext, None),
            (A::ToggleTextFilter, None),
        ],
    ),
];

/// Moving through a popup.
const MOVE: &[Offered] = &[
    (A::Down, None),
    (A::Up, None),
    (A::PageDown, None),
    (A::PageUp, None),
    (A::HalfPageDown, None),
    (A::HalfPageUp, None),
    (A::Top, None),
    (A::Bottom, None),
];

/// Leaving a popup.
const CLOSE: &[Offered] = &[(A::Close, Some("close")), (A::Quit, None)];

/// The actions `mode` offers, in the order help lists them.
fn mode_actions(mode: Mode) -> Vec<Offered> {
    let popup = |own: &[Offered], moves: bool| -> Vec<Offered> {
        let moves: &[Offered] = if moves { MOVE } else { &[] };
        own.iter().chain(moves).chain(CLOSE).copied().collect()
    };
    match mode {
        Mode::Search => popup(
            &[
                (A::Open, Some("open the brief at the hit")),
                (A::Down, Some("next hit")),
                (A::Up, Some("previous hit")),
                (A::PageDown, None),
                (A::PageUp, None),
                (A::NextScope, None),
                (A::PrevScope, None),
                (A::ToggleRegex, None),
            ],
            false,
        ),
        Mode::Analysis => popup(
            &[
                (A::NextTab, None),
                (A::PrevTab, None),
                (A::Left, Some("link map: previous column")),
                (A::Right, Some("link map: next column")),
                (
                    A::Open,
                    Some("open the passage behind the row; on the link map, pick among a cell's links"),
                ),
                (
                    A::Detail,
                    Some("the selected row whole: for a conflict, both sides with their words"),
                ),
                (A::Sort, Some("Statistics: sort by brief, period or measure")),
            ],
            true,
        ),
        Mode::Outline => popup(&[(A::Open, Some("jump to the heading"))], true),
        Mode::Links => popup(
            &[
                (
                    A::Open,
                    Some("follow the link (an address outside the corpus is shown, never opened)"),
                ),
                (A::Copy, Some("copy the link's address")),
            ],
            true,
        ),
        Mode::Help | Mode::Problems | Mode::About => popup(&[], true),
        other => OWN
            .iter()
            .filter(|(m, _)| *m == other)
            .flat_map(|(_, actions)| actions.iter().copied())
            .collect(),
    }
}

/// The name and general description of an action.
pub fn describe(action: Action) -> (&'static str, &'static str) {
    ACTIONS
        .iter()
        .find(|(_, a, _)| *a == action)
        .map_or(("?", "?"), |(name, _, description)| (*name, *description))
}

/// The actions `mode` offers, with what each does there.
pub fn offered(mode: Mode) -> impl Iterator<Item = (Action, &'static str)> {
    mode_actions(mode)
        .into_iter()
        .map(|(action, here)| (action, here.unwrap_or_else(|| describe(action).1)))
}
