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
        /// Where to look
        #[arg(long, value_enum, default_value_t = dossier::search::Scope::Text)]
        scope: dossier::search::Scope,
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
    /// Turn plain-text, Markdown or HTML files into briefs: <id>.md with front matter and the text
    /// kept sentence for sentence, and <id>.toml with an empty summary to fill in
    Import {
        /// The files to import
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The folder to write the briefs into (created if missing)
        #[arg(long, default_value = "briefs")]
        into: PathBuf,
    },
    /// One line per brief: id, date, kind, title and counts
    List {
        /// Print the list as JSON
        #[arg(long)]
        json: bool,
        path: Option<PathBuf>,
    },
}

/// The corpus path the command names, if any.
fn named_path(args: &Args) -> Option<&std::path::Path> {
    match &args.command {
        Some(
            Command::Check { path, .. }
            | Command::List { path, .. }
            | Command::Derive { path, .. }
            | Command::Search { path, .. }
            | Command::Export { path, .. },
        ) => path.as_deref(),
        Some(Command::Import { .. }) => None,
        None => args.path.as_deref(),
    }
}

/// The names `dossier WORD` takes as a command rather than a path (a test checks them against
/// clap's).
const COMMANDS: [&str; 7] = ["check", "export", "search", "derive", "import", "list", "help"];

/// `dossier` and `dossier PATH`, the reader's usual start, read without building clap's command
/// tree (a fifth of a millisecond of every start); anything else goes to clap, which reads these
/// two the same way.
fn quick_args() -> Option<Args> {
    let mut words = std::env::args_os().skip(1);
    let first = words.next();
    if words.next().is_some() {
        return None;
    }
    let path = match first {
        None => None,
        Some(word) => {
            let text = word.to_string_lossy();
            if text.is_empty() || text.starts_with('-') || COMMANDS.contains(&text.as_ref()) {
                return None;
            }
            Some(PathBuf::from(word))
        }
    };
    Some(Args {
        command: None,
        path,
        theme: None,
    })
}

fn main() -> ExitCode {
    let args = quick_args().unwrap_or_else(Args::parse);
    // A path that cannot be opened is a mistake on the command line: every command says so,
    // naming the path, before anything else (and before the terminal is touched), and exits 2.
    if let Some(problem) = named_path(&args).and_then(dossier::corpus::unopenable) {
        eprintln!("{problem}");
        return ExitCode::from(2);
    }
    let output = match args.command {
        Some(Command::Import { files, into }) => cli::import(&files, &into),
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
            // A theme that does not exist is a mistake on the command line: say so before the
            // terminal is touched, as other tools do with a bad argument.
            if let Some(theme) = &args.theme {
                let (names, _) = dossier::tui::theme_names(dossier::settings::Dirs::from_env().config.as_deref());
                if !names.contains(theme) {
                    eprintln!(
                        "dossier: no theme named `{}` (known: {})",
                        dossier::sanitize::sanitize_line(theme),
                        dossier::sanitize::sanitize_line(&names.join(", "))
                    );
                    return ExitCode::from(2);
                }
            }
            let corpus = cli::open_corpus_for_reader(args.path.as_deref());
            let options = dossier::tui::Options { theme: args.theme };
            return match dossier::tui::run(corpus, options) {
                Ok(status) => ExitCode::from(status),
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

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_quick_path_knows_every_command_clap_does() {
        let mut names: Vec<String> = super::Args::command()
            .get_subcommands()
            .map(|c| c.get_name().to_owned())
            .collect();
        names.push("help".to_owned());
        names.sort();
        let mut quick: Vec<String> = super::COMMANDS.iter().map(|c| (*c).to_owned()).collect();
        quick.sort();
        assert_eq!(names, quick);
    }
}
