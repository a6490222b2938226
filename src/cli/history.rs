//! `roadmap-lsp history`: where each goal's metric, status and progress
//! stood at every commit that changed a roadmap.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use super::walk::{self, Target};
use super::{EXIT_CLEAN, EXIT_USAGE, Failure, parse_date_arg};
use crate::dates::resolve_today;
use crate::history::git::{self, Found};
use crate::history::render::View;
use crate::history::{History, Revision, read_goals};

pub const AFTER_HELP: &str = "\
Reads the git repository around the roadmap (no git executable needed) and
lists, for each goal, the metric's current value, the status and the
progress at every commit that changed them, with the commit's date (the
author's), then the roadmap's overall progress over time. It follows HEAD's
first parents, and follows the file across renames. Uncommitted changes in
the work tree are shown last, dated today.

A roadmap outside a repository has no history: that is said, and is not an
error. In a shallow clone the history starts at the clone's boundary; a note
says so. A folder is searched for *.roadmap.toml as `check` does; with JSON,
one roadmap gives one object and several give an array of them.

Exit status: 0, or 2 when the path or the repository could not be read.

Examples:
  roadmap-lsp history career.roadmap.toml
  roadmap-lsp history --since 2026-01-01 --format markdown career.roadmap.toml
  roadmap-lsp history --format json . | jq '.goals[].changes[].current'
  roadmap-lsp history --format svg career.roadmap.toml > burnup.svg";

#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// A roadmap file, or a folder to search for *.roadmap.toml [default: .]
    #[arg(value_name = "PATH")]
    path: Option<PathBuf>,

    /// How to print the history.
    #[arg(long, value_enum, default_value_t = HistoryFormat::Human)]
    format: HistoryFormat,

    /// Only changes made on or after this day.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    since: Option<NaiveDate>,

    /// The day uncommitted changes are dated (overrides ROADMAP_TODAY).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    today: Option<NaiveDate>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum HistoryFormat {
    /// Aligned text, a block per goal.
    Human,
    /// One JSON document for scripts.
    Json,
    /// Markdown tables, a section per goal.
    Markdown,
    /// The burn-up chart: overall progress and each goal's, as SVG.
    Svg,
}

pub fn run(args: HistoryArgs) -> ExitCode {
    let today = match resolve_today(args.today) {
        Ok(today) => today,
        Err(message) => {
            Failure(message).print();
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let path = args.path.unwrap_or_else(|| PathBuf::from("."));
    let targets = match targets(&path) {
        Ok(targets) => targets,
        Err(failure) => {
            failure.print();
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let mut failed = false;
    let mut rendered = Vec::new();
    for target in &targets {
        match history_of(target, today) {
            Ok((history, note)) => {
                let view = View {
                    file: &target.display,
                    history: &history,
                    since: args.since,
                    note,
                };
                rendered.push(match args.format {
                    HistoryFormat::Human => view.human(),
                    HistoryFormat::Markdown => view.markdown(),
                    HistoryFormat::Svg => {
                        match crate::report::burnup::svg(&history, today, true) {
                            Some(svg) => svg,
                            None => {
                                Failure(format!(
                                    "{}: fewer than two commits changed it: no progress over time to draw",
                                    crate::escape::terminal(&target.display)
                                ))
                                .print();
                                failed = true;
                                continue;
                            }
                        }
                    }
                    HistoryFormat::Json => {
                        let value = view.json();
                        serde_json::to_string_pretty(&value).unwrap_or_default()
                    }
                });
            }
            Err(failure) => {
                failure.print();
                failed = true;
            }
        }
    }
    let output = match args.format {
        HistoryFormat::Json if targets.len() != 1 => format!("[{}]\n", rendered.join(",\n")),
        HistoryFormat::Json => format!("{}\n", rendered.concat()),
        _ => rendered.join("\n"),
    };
    let mut stdout = io::stdout().lock();
    if let Err(error) = stdout
        .write_all(output.as_bytes())
        .and_then(|()| stdout.flush())
        && error.kind() != io::ErrorKind::BrokenPipe
    {
        Failure(format!(
            "cannot write the history: {}",
            super::describe_io_error(&error)
        ))
        .print();
        return ExitCode::from(EXIT_USAGE);
    }
    ExitCode::from(if failed { EXIT_USAGE } else { EXIT_CLEAN })
}

/// The roadmaps `path` names. A file that is gone from the work tree is
/// still one: its history is in git.
fn targets(path: &Path) -> Result<Vec<Target>, Failure> {
    let display = path.display().to_string();
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => {
            let (walk, failed) = walk::collect_announced(vec![path.to_path_buf()]);
            if failed && walk.targets.is_empty() {
                return Err(Failure(format!("{display}: could not be read")));
            }
            Ok(walk.targets)
        }
        Ok(_) => Ok(vec![Target {
            path: path.to_path_buf(),
            display,
        }]),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            // Deleted or never checked out: git may still know it.
            match git::read(path) {
                Ok(Found::History(history)) if !history.revisions.is_empty() => Ok(vec![Target {
                    path: path.to_path_buf(),
                    display,
                }]),
                _ => Err(Failure::io(&display, &error)),
            }
        }
        Err(error) => Err(Failure::io(&display, &error)),
    }
}

/// The history of one roadmap, with uncommitted changes last, and a note
/// for what it cannot show.
fn history_of(target: &Target, today: NaiveDate) -> Result<(History, Option<String>), Failure> {
    let found = git::read(&target.path).map_err(|error| {
        Failure(format!(
            "{}: cannot read its git history: {error}",
            target.display
        ))
    })?;
    let (mut history, mut note) = match found {
        Found::NoRepository => (
            History::default(),
            Some("not inside a git repository: there is no history to show".to_string()),
        ),
        Found::NoCommits => (
            History::default(),
            Some("the repository has no commits yet".to_string()),
        ),
        Found::History(history) => {
            let note = if history.revisions.is_empty() {
                Some("the file has never been committed".to_string())
            } else if history.shallow {
                let first = history.revisions.first().map(|r| r.date);
                Some(format!(
                    "this is a shallow clone: the history starts at {}, older commits were not fetched (`git fetch --unshallow` fetches them)",
                    first.map_or("its boundary".to_string(), |d| d.to_string())
                ))
            } else {
                None
            };
            (history, note)
        }
    };
    if let Ok(text) = super::check::read_roadmap(target) {
        let (goals, progress) = read_goals(&text);
        let changed = history
            .revisions
            .last()
            .is_none_or(|last| last.goals != goals || last.progress != progress);
        if changed && !history.revisions.is_empty() {
            history.revisions.push(Revision {
                commit: String::new(),
                date: today,
                path: history.path.clone(),
                summary: "uncommitted changes in the work tree".to_string(),
                goals,
                progress,
            });
        }
    } else if history.revisions.is_empty() {
        note.get_or_insert_with(|| "the file cannot be read".to_string());
    }
    Ok((history, note))
}
