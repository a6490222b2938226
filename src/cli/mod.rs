//! The command line: argument definitions and dispatch. Each subcommand
//! lives in its own module; this one only decides which runs and turns
//! failures into exit codes.
//!
//! Every problem a user can cause (a missing path, a file that is not UTF-8,
//! a bad date) must end as one `error:` line and exit code 2, never a panic,
//! so unwrapping is banned here outright (tests excepted).
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod agenda;
mod calendar;
mod check;
mod configs;
mod fmt;
mod history;
mod init;
mod output;
mod report;
mod schema;
pub(crate) mod walk;
mod write;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

/// Exit status when nothing reached the failing level.
const EXIT_CLEAN: u8 = 0;
/// Exit status when a diagnostic reached the failing level.
const EXIT_FINDINGS: u8 = 1;
/// Exit status for usage and I/O errors; clap uses the same code for its
/// own usage errors, so scripts see one code for "you called it wrong".
const EXIT_USAGE: u8 = 2;

const EXAMPLES: &str = "\
Examples:
  roadmap-lsp init                         Write a starter career.roadmap.toml here
  roadmap-lsp check                        Check every *.roadmap.toml below the current folder
  roadmap-lsp check career.roadmap.toml    Check one file
  roadmap-lsp check --format github docs/  Annotate a GitHub Actions run
  roadmap-lsp check --format sarif . > roadmap.sarif
  roadmap-lsp check --today 2026-11-23     Check as if it were that day (also: ROADMAP_TODAY)
  roadmap-lsp report career.roadmap.toml   Write career.report.html: timeline, skills, SMART scores
  roadmap-lsp agenda ~/notes team/         What is overdue or due soon across roadmaps
  roadmap-lsp history career.roadmap.toml  How each goal moved, commit by commit
  roadmap-lsp calendar . -o plan.ics       Deadlines, reviews and meetings for a calendar app
  roadmap-lsp fmt --check                  Which roadmaps are not formatted (exit 1 if any)";

const CHECK_AFTER_HELP: &str = "\
Folders are searched recursively for files named *.roadmap.toml, skipping
hidden folders and target, node_modules, fixtures, tests, testdata and
vendor (name one of them to search it: `roadmap-lsp check fixtures`); files
named explicitly are checked whatever their name. A folder with no roadmap files is reported on stderr but is not
an error. Settings come from the nearest roadmap-lsp.toml at or above each
roadmap's folder; problems in that file are reported once, against it, and
count like any other. The summary's file count counts roadmaps.

Exit status:
  0  no diagnostic at error level (or warning level with --error-on-warnings)
  1  at least one diagnostic at that level
  2  usage error, or a path that could not be read (the other paths are
     still checked and reported first)

Examples:
  roadmap-lsp check
  roadmap-lsp check career.roadmap.toml team/
  roadmap-lsp check --error-on-warnings --format github .";

const INIT_AFTER_HELP: &str = "\
The starter walks through the ten steps of the method (vision, skills and
gaps, SMART goals, action plans, priorities, mentors, reviews, wins), with
dates relative to today, so that `roadmap-lsp check` finds nothing in it on
the day it is written.

A PATH ending in .toml is the file to write (its folder must exist); any
other PATH is a folder, created if needed, that gets career.roadmap.toml.
An existing file is never replaced unless --force is given: without it the
command prints one error line and exits with status 2.

Examples:
  roadmap-lsp init
  roadmap-lsp init docs/                 Writes docs/career.roadmap.toml
  roadmap-lsp init plans                 Makes plans/ and writes plans/career.roadmap.toml
  roadmap-lsp init alex.roadmap.toml --force";

/// Checks career and work roadmaps (.roadmap.toml) for SMART goals.
///
/// Without a subcommand it serves the Language Server Protocol on
/// stdin/stdout, which is how editors start it.
#[derive(Debug, Parser)]
#[command(name = "roadmap-lsp", version, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// When to colour the output; `auto` follows the terminal, NO_COLOR and
    /// CLICOLOR_FORCE.
    #[arg(long, value_enum, value_name = "WHEN", global = true, default_value_t = ColorWhen::Auto)]
    color: ColorWhen,

    /// Editors start language servers with `--stdio`; it is the only
    /// transport, so the flag is accepted and changes nothing.
    #[arg(long, hide = true)]
    stdio: bool,

    /// Language server log level on stderr (error, warn, info, debug,
    /// trace, or a RUST_LOG-style filter); default: RUST_LOG, else warn.
    #[arg(long, value_name = "LEVEL", global = true)]
    log_level: Option<String>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check roadmap files and report problems like a compiler does.
    #[command(after_help = CHECK_AFTER_HELP)]
    Check(CheckArgs),
    /// Write a commented starter roadmap that passes `check`.
    #[command(after_help = INIT_AFTER_HELP)]
    Init(InitArgs),
    /// List what is overdue or due soon across every roadmap under the paths.
    #[command(after_help = agenda::AFTER_HELP)]
    Agenda(agenda::AgendaArgs),
    /// Render a roadmap as an HTML page, an SVG timeline or Markdown.
    #[command(after_help = report::AFTER_HELP)]
    Report(report::ReportArgs),
    /// Write the plan's deadlines, due dates, reviews and meetings as an
    /// iCalendar (.ics) file.
    #[command(after_help = calendar::AFTER_HELP)]
    Calendar(calendar::CalendarArgs),
    /// Show how each goal's metric, status and progress moved, commit by
    /// commit, from the roadmap's git history.
    #[command(after_help = history::AFTER_HELP)]
    History(history::HistoryArgs),
    /// Lay roadmaps out canonically: keys in the format's order, spacing
    /// normalised, every comment kept; --check for CI.
    #[command(after_help = fmt::AFTER_HELP)]
    Fmt(fmt::FmtArgs),
    /// Print the JSON Schema of the format, for taplo, tombi and Even
    /// Better TOML.
    #[command(after_help = schema::AFTER_HELP)]
    Schema,
    /// Serve the Language Server Protocol on stdin/stdout (the default).
    Lsp {
        /// Accepted for editors that always pass it.
        #[arg(long)]
        stdio: bool,
    },
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    /// Roadmap files, or folders to search for *.roadmap.toml [default: .]
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Check as of this date instead of the system clock (overrides
    /// ROADMAP_TODAY).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    today: Option<NaiveDate>,

    /// How to print the diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// Exit with status 1 on warnings too, not only on errors.
    #[arg(long)]
    error_on_warnings: bool,
}

#[derive(Debug, clap::Args)]
struct InitArgs {
    /// The file to write (ending in .toml), or a folder for
    /// career.roadmap.toml (created if missing).
    #[arg(value_name = "PATH", default_value = init::DEFAULT_FILE_NAME)]
    path: PathBuf,

    /// Replace the file if it already exists.
    #[arg(long)]
    force: bool,

    /// Date the starter as of this day instead of the system clock
    /// (overrides ROADMAP_TODAY).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    today: Option<NaiveDate>,
}

/// Output formats of `check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Compiler-style messages with source snippets, and a summary line.
    Human,
    /// One JSON document for scripts.
    Json,
    /// GitHub Actions workflow commands, which annotate pull requests.
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// Why a path (or the whole command) could not be handled. It is printed
/// as a single `error:` line and turns the exit status into 2, but does not
/// stop the other paths from being checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure(String);

impl Failure {
    /// An I/O error about `path`, worded like the shell does
    /// (`notes.roadmap.toml: No such file or directory`).
    fn io(path: &str, error: &io::Error) -> Failure {
        Failure(format!("{path}: {}", describe_io_error(error)))
    }

    /// One `error:` line; file names and other user text in it are shown
    /// escaped, never acted on by the terminal.
    fn print(&self) {
        let style = anstyle::AnsiColor::BrightRed.on_default().bold();
        let message = crate::escape::terminal(&self.0);
        print_stderr(&format!("{style}error{style:#}: {message}"));
    }
}

/// The OS's wording without Rust's ` (os error 2)` suffix, which means
/// nothing to someone who mistyped a file name.
fn describe_io_error(error: &io::Error) -> String {
    let text = error.to_string();
    match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text[..at].to_string(),
        _ => text,
    }
}

/// A note on stderr that does not change the exit status.
fn print_warning(message: &str) {
    let style = anstyle::AnsiColor::Yellow.on_default().bold();
    let message = crate::escape::terminal(message);
    print_stderr(&format!("{style}warning{style:#}: {message}"));
}

/// One line on stderr, with colour stripped when stderr cannot show it.
/// Unlike `eprintln!`, a closed stderr is ignored instead of panicking:
/// there is nowhere left to report it.
fn print_stderr(line: &str) {
    let mut stderr = anstream::stderr().lock();
    let _ = writeln!(stderr, "{line}");
}

/// One line on stdout, user text in it escaped; a closed pipe is the
/// reader's choice, not a crash.
fn print_stdout(line: &str) {
    let mut stdout = anstream::stdout().lock();
    let _ = writeln!(stdout, "{}", crate::escape::terminal(line));
}

/// Accepts only `YYYY-MM-DD` so that a typo fails loudly as a usage error
/// instead of silently checking against the wrong day.
fn parse_date_arg(text: &str) -> Result<NaiveDate, String> {
    crate::dates::parse_date(text)
        .ok_or_else(|| "expected a date in the form YYYY-MM-DD".to_string())
}

/// Runs the command line and returns the process's exit status.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // clap formats help, version and usage errors itself; only the
            // status needs carrying over (0 for help, 2 for misuse).
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(EXIT_USAGE));
        }
    };
    match cli.color {
        ColorWhen::Auto => {}
        ColorWhen::Always => anstream::ColorChoice::Always.write_global(),
        ColorWhen::Never => anstream::ColorChoice::Never.write_global(),
    }
    match cli.command {
        Some(Command::Check(args)) => check::run(args),
        Some(Command::Init(args)) => init::run(args),
        Some(Command::Agenda(args)) => agenda::run(args),
        Some(Command::Report(args)) => report::run(args),
        Some(Command::History(args)) => history::run(args),
        Some(Command::Calendar(args)) => calendar::run(args),
        Some(Command::Fmt(args)) => fmt::run(args),
        Some(Command::Schema) => schema::run(),
        Some(Command::Lsp { .. }) | None => language_server(cli.log_level.as_deref()),
    }
}

/// Serves LSP until the client exits. Someone who runs the binary in a
/// terminal by hand is told what is going on.
fn language_server(log_level: Option<&str>) -> ExitCode {
    use std::io::IsTerminal;
    if io::stdin().is_terminal() {
        print_stderr(
            "roadmap-lsp: serving the Language Server Protocol on stdin (Ctrl-D to stop); \
             run `roadmap-lsp --help` for the commands",
        );
    }
    ExitCode::from(crate::lsp::run_stdio(log_level))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn io_errors_lose_the_os_error_number() {
        let error = io::Error::from_raw_os_error(2);
        let message = Failure::io("a.roadmap.toml", &error).0;
        assert!(message.starts_with("a.roadmap.toml: "), "{message}");
        assert!(!message.contains("os error"), "{message}");
    }

    #[test]
    fn dates_must_be_iso() {
        assert!(parse_date_arg("2026-11-23").is_ok());
        assert!(parse_date_arg("23/11/2026").is_err());
        assert!(parse_date_arg("2026-02-30").is_err());
    }

    #[test]
    fn clap_definitions_are_consistent() {
        Cli::command().debug_assert();
    }
}
