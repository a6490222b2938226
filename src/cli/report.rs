//! `roadmap-lsp report`: renders one roadmap as HTML, SVG or Markdown,
//! checked with the same settings `check` would use for it.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;

use super::configs::Configs;
use super::walk::Target;
use super::{EXIT_CLEAN, EXIT_USAGE, Failure, parse_date_arg, print_stderr};
use crate::dates::resolve_today;
use crate::report::{self, Overview};

pub const AFTER_HELP: &str = "\
The HTML page is self-contained (no scripts, fonts or images from the
network): the vision and horizon, overall progress, a timeline of the goals,
the skills chart, review and mentor cadence, a SMART score per goal and the
problems `check` reports, with links to the rules. It follows the reader's
light or dark mode and prints on white. The SVG is the timeline alone; the
Markdown has a summary table and a Mermaid gantt block that GitHub and GitLab
render.

Without -o the report is written to NAME.report.html (.svg, .md) in the
current folder; -o - writes it to stdout. Without --format, the format
follows the extension of -o (.svg, .md), else html. A file with problems still gets a report of what could be
read; the exit status is 0 unless the roadmap could not be read or the
report not written (2).

Examples:
  roadmap-lsp report career.roadmap.toml                 Writes career.report.html
  roadmap-lsp report career.roadmap.toml -o roadmap.svg  The timeline, for a README
  roadmap-lsp report career.roadmap.toml -o ROADMAP.md       A table and a gantt chart
  roadmap-lsp report career.roadmap.toml --format svg -o -   To stdout";

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// The roadmap to report on.
    #[arg(value_name = "FILE")]
    file: PathBuf,

    /// Where to write the report; `-` for stdout [default:
    /// NAME.report.html, .svg or .md in the current folder].
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,

    /// What to write [default: from the extension of OUT, else html].
    #[arg(long, value_enum)]
    format: Option<ReportFormat>,

    /// Report as of this date instead of the system clock (overrides
    /// ROADMAP_TODAY).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date_arg)]
    today: Option<NaiveDate>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ReportFormat {
    /// One self-contained page.
    Html,
    /// The timeline alone.
    Svg,
    /// A summary table and a Mermaid gantt block.
    Markdown,
}

impl ReportFormat {
    fn from_extension(path: &Path) -> Option<ReportFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "svg" => Some(ReportFormat::Svg),
            "md" | "markdown" => Some(ReportFormat::Markdown),
            "html" | "htm" => Some(ReportFormat::Html),
            _ => None,
        }
    }

    fn extension(self) -> &'static str {
        match self {
            ReportFormat::Html => "html",
            ReportFormat::Svg => "svg",
            ReportFormat::Markdown => "md",
        }
    }

    fn engine(self) -> report::Format {
        match self {
            ReportFormat::Html => report::Format::Html,
            ReportFormat::Svg => report::Format::Svg,
            ReportFormat::Markdown => report::Format::Markdown,
        }
    }
}

pub fn run(args: ReportArgs) -> ExitCode {
    match report(args) {
        Ok(()) => ExitCode::from(EXIT_CLEAN),
        Err(failure) => {
            failure.print();
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn report(args: ReportArgs) -> Result<(), Failure> {
    let today = resolve_today(args.today).map_err(Failure)?;
    let display = args.file.display().to_string();
    let metadata = fs::metadata(&args.file).map_err(|error| Failure::io(&display, &error))?;
    if metadata.is_dir() {
        return Err(Failure(format!(
            "{display}: is a folder; report takes one roadmap file (try `roadmap-lsp agenda {display}` for every roadmap in it)"
        )));
    }
    let target = Target {
        path: args.file.clone(),
        display: display.clone(),
    };
    let text = super::check::read_roadmap(&target)?;
    let mut configs = Configs::new();
    let lookup = configs.lookup(&target.path, target.path.is_absolute());
    if let Some(Err(failure)) = lookup.first_seen {
        // The report still renders, with the default settings.
        failure.print();
    }
    // The progress-over-time chart reads the git history, when there is one.
    let history = match crate::history::git::read(&args.file) {
        Ok(crate::history::git::Found::History(history)) => Some(std::sync::Arc::new(history)),
        _ => None,
    };
    let analysis = crate::analysis::analyze_with_history(&text, today, &lookup.settings, history);
    let name = file_name(&args.file);
    let overview = Overview::new(&name, &text, &analysis);

    let format = args
        .format
        .or_else(|| {
            args.output
                .as_deref()
                .and_then(ReportFormat::from_extension)
        })
        .unwrap_or(ReportFormat::Html);
    let rendered = report::render(&overview, format.engine());

    let output = match args.output {
        Some(path) if path == Path::new("-") => None,
        Some(path) => Some(path),
        None => Some(default_output(&args.file, format)),
    };
    match output {
        Some(path) => {
            super::write::write_output(&path, rendered.as_bytes(), &[&args.file])?;
            let shown = crate::escape::terminal(&path.display().to_string()).into_owned();
            print_stderr(&format!("wrote {shown}"));
        }
        None => {
            let mut stdout = io::stdout().lock();
            let written = stdout
                .write_all(rendered.as_bytes())
                .and_then(|()| stdout.flush());
            match written {
                Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
                    return Err(Failure(format!(
                        "cannot write the report: {}",
                        super::describe_io_error(&error)
                    )));
                }
                _ => {}
            }
        }
    }
    Ok(())
}

/// The roadmap's file name, as the report names it.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// `career.roadmap.toml` → `career.report.html`, in the current folder.
fn default_output(file: &Path, format: ReportFormat) -> PathBuf {
    let name = file_name(file);
    let stem = name
        .strip_suffix(super::walk::ROADMAP_SUFFIX)
        .or_else(|| name.strip_suffix(".toml"))
        .filter(|stem| !stem.is_empty())
        .unwrap_or("roadmap");
    PathBuf::from(format!("{stem}.report.{}", format.extension()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_follows_the_output_extension() {
        let of = |p: &str| ReportFormat::from_extension(Path::new(p));
        assert_eq!(of("a.svg"), Some(ReportFormat::Svg));
        assert_eq!(of("README.MD"), Some(ReportFormat::Markdown));
        assert_eq!(of("out"), None);
    }

    #[test]
    fn default_outputs_are_named_after_the_roadmap() {
        let html = default_output(Path::new("plans/career.roadmap.toml"), ReportFormat::Html);
        assert_eq!(html, PathBuf::from("career.report.html"));
        let svg = default_output(Path::new(".roadmap.toml"), ReportFormat::Svg);
        assert_eq!(svg, PathBuf::from("roadmap.report.svg"));
    }
}
