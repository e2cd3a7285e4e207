//! dossier: a terminal reader for analytical briefs.
//!
//! Data flows one way: files -> [`corpus`] -> app state -> frame. Only the UI layer knows about
//! the terminal.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod corpus;
pub mod derive;
pub mod export;
pub mod figure;
pub mod import;
pub mod keymap;
pub mod read;
pub mod render;
pub mod sanitize;
pub mod search;
pub mod settings;
pub mod store;
pub mod text;
pub mod theme;
pub mod tui;
pub mod ui;

/// The briefs and themes built into the binary (see build.rs).
pub mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}
