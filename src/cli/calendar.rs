//! `roadmap-lsp calendar`: the plan as an iCalendar file.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::walk;
use super::{EXIT_CLEAN, EXIT_USAGE, Failure, parse_date_arg, print_stderr};
use crate::agenda::Source;
use crate::analysis::analyze;
use crate::calendar::{events, ics};
use crate::config::Settings;
use crate::dates::resolve_today;

pub const AFTER_HELP: &str = "\
Writes RFC 5545 iCalendar that calendar apps import or subscribe to: each
open goal's deadline and each open action's due date as an all-day event;
the roadmap's reviews (review_every, until the horizon), meetings with
people (meet_every) and recurring actions (every, until their goal's
deadline) as repeating events (RRULE), starting at the next one due.

UIDs come from the roadmap's file name, title and owner and the goal's id,
the task or the person's name, never from dates: importing again after a
deadline moved updates the event instead of adding a second one.

-o never writes over a roadmap or over one of the inputs.

Examples:
  roadmap-lsp calendar career.roadmap.toml -o career.ics
  roadmap-lsp calendar team/ > team.ics
  roadmap-lsp agenda --within 30 --format ics    The next 30 days only";

#[derive(Debug, clap::Args)]
pub struct CalendarArgs {
    /// Roadmap files, or folders to search for *.roadmap.toml [default: .]
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Where to write the calendar [default: stdout].
    #[arg(short, long, value_name = "FILE.ics")]
    output: Option<PathBuf>,

    /// As of this date instead of the system clock (overrides
    /// ROADMAP_TODAY): where never-scheduled repetitions start.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    today: Option<NaiveDate>,
}

pub fn run(args: CalendarArgs) -> ExitCode {
    let today = match resolve_today(args.today) {
        Ok(today) => today,
        Err(message) => {
            Failure(message).print();
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let (walk, mut failed) = walk::collect_announced(args.paths);
    let settings = Settings::default();
    let mut read = Vec::new();
    for target in &walk.targets {
        match super::check::read_roadmap(target) {
            Ok(text) => {
                let analysis = analyze(&text, today, &settings);
                read.push((target, text, analysis));
            }
            Err(failure) => {
                failure.print();
                failed = true;
            }
        }
    }
    let found = events(
        today,
        read.iter().map(|(target, text, analysis)| Source {
            file: &target.display,
            text,
            analysis,
        }),
    );
    let name = match read.as_slice() {
        [(_, _, analysis)] => analysis
            .roadmap
            .meta
            .as_ref()
            .and_then(|m| m.title.as_ref())
            .map_or("Roadmap".to_string(), |t| t.value.to_string()),
        _ => "Roadmaps".to_string(),
    };
    let rendered = ics::calendar(&name, &found, today);
    match args.output {
        Some(path) => {
            let inputs: Vec<&std::path::Path> =
                walk.targets.iter().map(|t| t.path.as_path()).collect();
            if let Err(failure) = super::write::write_output(&path, rendered.as_bytes(), &inputs) {
                failure.print();
                return ExitCode::from(EXIT_USAGE);
            }
            print_stderr(&format!(
                "wrote {} ({} events)",
                crate::escape::terminal(&path.display().to_string()),
                found.len()
            ));
        }
        None => {
            let mut stdout = io::stdout().lock();
            if let Err(error) = stdout
                .write_all(rendered.as_bytes())
                .and_then(|()| stdout.flush())
                && error.kind() != io::ErrorKind::BrokenPipe
            {
                Failure(format!(
                    "cannot write the calendar: {}",
                    super::describe_io_error(&error)
                ))
                .print();
                return ExitCode::from(EXIT_USAGE);
            }
        }
    }
    ExitCode::from(if failed { EXIT_USAGE } else { EXIT_CLEAN })
}
