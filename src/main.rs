use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use dossier::cli;

/// A terminal reader for analytical briefs: the documents, our annotated summaries beside them,
/// cross-references between them, and bookmarks that find their passage again.
#[derive(Parser)]
#[command(name = "dossier", version, about, args_conflicts_with_subcommands = true)]
struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    /// A folder of briefs or one Markdown file (default: ./briefs if present, else the bundled briefs)
    path: Option<PathBuf>,
    /// Colour theme: dark, light, high-contrast, or one in the config folder's themes/
    #[arg(long)]
    theme: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Load the corpus as the reader does and report every problem as path:line:col
    Check {
        /// Print the report as JSON
        #[arg(long)]
        json: bool,
        path: Option<PathBuf>,
    },
    /// Write a Markdown digest: each brief's citation, summary and key claims, and your bookmarks
    Export {
        /// Write to this file instead of standard output
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Only briefs that have bookmarks
        #[arg(long)]
        bookmarks: bool,
        path: Option<PathBuf>,
    },
    /// Search every brief: prints brief-id:line:col: context; exits 1 when nothing matched
    Search {
        /// What to look for (smart case: case matters only if it has a capital letter)
        query: String,
        /// Treat the query as a regular expression
        #[arg(long, short = 'e')]
        regex: bool,
        /// Where to look: text, claims, statistics or bookmarks
        #[arg(long, default_value = "text", value_parser = ["text", "claims", "statistics", "bookmarks"])]
        scope: String,
        /// Print the hits as JSON
        #[arg(long)]
        json: bool,
        path: Option<PathBuf>,
    },
    /// Statistics, key terms and links derived from the text; --evaluate compares the statistics
    /// with the curated ones
    Derive {
        /// Treat every brief as unannotated and report precision, recall, and how often the
        /// qualifier, period and measure are right, against its sidecar
        #[arg(long)]
        evaluate: bool,
        /// Print the result as JSON
        #[arg(long)]
        json: bool,
        path: Option<PathBuf>,
    },
    /// One line per brief: id, date, kind, title and counts
    List {
        /// Print the list as JSON
        #[arg(long)]
        json: bool,
        path: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    let output = match args.command {
        Some(Command::Check { json, path }) => cli::check(&cli::open_corpus(path.as_deref()), json),
        Some(Command::List { json, path }) => cli::list(&cli::open_corpus(path.as_deref()), json),
        Some(Command::Derive { evaluate, json, path }) => {
            cli::derive(&cli::open_corpus(path.as_deref()), evaluate, json)
        }
        Some(Command::Search {
            query,
            regex,
            scope,
            json,
            path,
        }) => {
            let scope = dossier::search::Scope::parse(&scope).unwrap_or(dossier::search::Scope::Text);
            let out = cli::search(&cli::open_corpus(path.as_deref()), &query, regex, scope, json);
            if out.code == 2 {
                eprint!("{}", out.stdout);
                return ExitCode::from(2);
            }
            out
        }
        Some(Command::Export {
            output,
            bookmarks,
            path,
        }) => {
            return match cli::export(&cli::open_corpus(path.as_deref()), output.as_deref(), bookmarks) {
                Ok(out) => {
                    print!("{}", out.stdout);
                    ExitCode::from(u8::try_from(out.code).unwrap_or(1))
                }
                Err(message) => {
                    eprintln!("dossier: {}", dossier::sanitize::sanitize_line(&message));
                    ExitCode::from(1)
                }
            };
        }
        None => {
            let corpus = cli::open_corpus(args.path.as_deref());
            return match dossier::tui::run(corpus, args.theme) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("dossier: {}", dossier::sanitize::sanitize_multiline(&e.to_string()));
                    ExitCode::from(1)
                }
            };
        }
    };
    print!("{}", output.stdout);
    ExitCode::from(u8::try_from(output.code).unwrap_or(1))
}
