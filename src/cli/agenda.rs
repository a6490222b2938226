//! `roadmap-lsp agenda`: what needs doing across every roadmap under the
//! given paths.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

use super::walk;
use super::{EXIT_CLEAN, EXIT_USAGE, Failure, parse_date_arg};
use crate::agenda::{Agenda, Filter, Source};
use crate::analysis::analyze;
use crate::config::Settings;
use crate::dates::resolve_today;
use crate::model::Status;

pub const AFTER_HELP: &str = "\
Like Emacs' org-agenda, across every *.roadmap.toml below the paths (found
as `check` finds them): goals and actions overdue, due in the next 7 days and
in the next 30, roadmaps due a review (late, within 7 days, or never
recorded) and blocked goals, and mentors and contacts to meet within 7 days.
Each item has its file:line. Done and dropped work is left out.

Within each section, items are ordered by the Eisenhower matrix of their
goal (urgent and important first, then important, then urgent, then
neither; reviews, meetings and goals that set neither urgent nor important
count as important), then by date. Each item shows its quadrant, when its
goal sets one, and its owner. --owner, --within and --status narrow it
down in every format; --format ics gives the dated items as a calendar.

Exit status: 0, or 2 when a path could not be read (the others are still
listed).

Examples:
  roadmap-lsp agenda                      Every roadmap below the current folder
  roadmap-lsp agenda ~/notes team/        Several places at once
  roadmap-lsp agenda --format markdown . >> \"$GITHUB_STEP_SUMMARY\"
  roadmap-lsp agenda --owner Sam --within 14 --status todo,in-progress team/
  roadmap-lsp agenda --within 90 --format ics > next-quarter.ics";

#[derive(Debug, clap::Args)]
pub struct AgendaArgs {
    /// Roadmap files, or folders to search for *.roadmap.toml [default: .]
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// How to print the agenda.
    #[arg(long, value_enum, default_value_t = AgendaFormat::Human)]
    format: AgendaFormat,

    /// The agenda as of this date instead of the system clock (overrides
    /// ROADMAP_TODAY).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    today: Option<NaiveDate>,

    /// Only what NAME owns: an action's owner, its goal's owner, else the
    /// roadmap's owner (case does not matter).
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,

    /// Only what is due within DAYS days (overdue included); beyond 30 it
    /// also lists what is due that far ahead.
    #[arg(long, value_name = "DAYS")]
    within: Option<u64>,

    /// Only goals and actions with these statuses (repeat the flag or
    /// separate with commas).
    #[arg(long, value_name = "STATUS", value_delimiter = ',', value_parser = parse_status)]
    status: Vec<Status>,
}

fn parse_status(text: &str) -> Result<Status, String> {
    Status::parse(text)
        .ok_or_else(|| "expected a status: todo, in-progress, blocked, done or dropped".to_string())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum AgendaFormat {
    /// Aligned text, a heading per group.
    Human,
    /// One JSON document for scripts.
    Json,
    /// Markdown, for a README or a CI job summary.
    Markdown,
    /// iCalendar (RFC 5545): each dated item as an all-day event.
    Ics,
}

pub fn run(args: AgendaArgs) -> ExitCode {
    let today = match resolve_today(args.today) {
        Ok(today) => today,
        Err(message) => {
            Failure(message).print();
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let (walk, mut failed) = walk::collect_announced(args.paths);
    // The agenda is about dates, not rule levels: default settings.
    let settings = Settings::default();
    let mut read = Vec::new();
    for target in &walk.targets {
        match super::check::read_roadmap(target) {
            Ok(text) => {
                let analysis = analyze(&text, today, &settings);
                read.push((target.display.clone(), text, analysis));
            }
            Err(failure) => {
                failure.print();
                failed = true;
            }
        }
    }
    let filter = Filter {
        owner: args.owner,
        within: args.within,
        statuses: args.status,
    };
    let agenda = Agenda::filtered(
        today,
        read.iter().map(|(file, text, analysis)| Source {
            file,
            text,
            analysis,
        }),
        &filter,
    );
    let rendered = match args.format {
        AgendaFormat::Human => agenda.human(),
        AgendaFormat::Json => {
            let mut text = crate::escape::json_for_terminal(
                serde_json::to_string_pretty(&agenda.json()).unwrap_or_default(),
            );
            text.push('\n');
            text
        }
        // Relative paths work as links in a README next to the roadmaps.
        AgendaFormat::Markdown => agenda.markdown(&|item| {
            (!item.file.starts_with('/')).then(|| format!("{}#L{}", item.file, item.line))
        }),
        AgendaFormat::Ics => crate::calendar::ics::calendar(
            &format!("Roadmap agenda {today}"),
            &crate::calendar::agenda_events(&agenda.items),
            today,
        ),
    };
    let mut stdout = io::stdout().lock();
    if let Err(error) = stdout
        .write_all(rendered.as_bytes())
        .and_then(|()| stdout.flush())
        && error.kind() != io::ErrorKind::BrokenPipe
    {
        Failure(format!(
            "cannot write the agenda: {}",
            super::describe_io_error(&error)
        ))
        .print();
        return ExitCode::from(EXIT_USAGE);
    }
    ExitCode::from(if failed { EXIT_USAGE } else { EXIT_CLEAN })
}
