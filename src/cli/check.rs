//! `roadmap-lsp check`: read every roadmap, analyse it with the settings
//! that govern it, print the report, and turn the worst finding into the
//! exit status.
//!
//! A path that cannot be read does not stop the run: the other files are
//! still checked and reported, because a CI log that hides real findings
//! behind one typo is worse than one that shows both.

use std::io;
use std::process::ExitCode;

use crate::analysis::analyze;
use crate::dates::resolve_today;

use super::configs::Configs;
use super::output::{self, CheckedFile, Report, Summary};
use super::walk::{self, Target};
use super::{CheckArgs, EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, Failure, Format};

pub fn run(args: CheckArgs) -> ExitCode {
    let today = match resolve_today(args.today) {
        Ok(today) => today,
        Err(message) => {
            Failure(message).print();
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let (walk, mut failed) = walk::collect_announced(args.paths);

    let mut configs = Configs::new();
    let mut files = Vec::new();
    for target in &walk.targets {
        let lookup = configs.lookup(&target.path, target.path.is_absolute());
        match lookup.first_seen {
            Some(Ok(config)) if !config.diagnostics.is_empty() => files.push(config),
            Some(Err(failure)) => {
                failure.print();
                failed = true;
            }
            _ => {}
        }
        let text = match read_roadmap(target) {
            Ok(text) => text,
            Err(failure) => {
                failure.print();
                failed = true;
                continue;
            }
        };
        let analysis = analyze(&text, today, &lookup.settings);
        files.push(CheckedFile::roadmap(
            target.display.clone(),
            text,
            analysis.diagnostics,
        ));
    }

    let report = Report::new(files);
    // "no problems in 0 files" after every path failed would read like a
    // pass; machine formats still print, since their readers need a
    // document to parse.
    let nothing_to_say = failed && report.files.is_empty() && args.format == Format::Human;
    if nothing_to_say {
        return ExitCode::from(EXIT_USAGE);
    }
    if let Err(error) = output::write(args.format, &report) {
        // A closed pipe (`check | head`) is the reader's choice, not an
        // error worth a message; the status still tells the truth.
        if error.kind() != io::ErrorKind::BrokenPipe {
            Failure(format!(
                "cannot write the report: {}",
                super::describe_io_error(&error)
            ))
            .print();
            return ExitCode::from(EXIT_USAGE);
        }
    }
    ExitCode::from(exit_status(&report.summary, failed, args.error_on_warnings))
}

/// I/O failures outrank findings: a run that could not read everything has
/// not really passed or failed.
fn exit_status(summary: &Summary, failed: bool, error_on_warnings: bool) -> u8 {
    if failed {
        EXIT_USAGE
    } else if summary.errors > 0 || (error_on_warnings && summary.warnings > 0) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// Roadmaps must be UTF-8 (TOML requires it); the error says where the
/// first bad byte is, since editors rarely show encoding damage. Only a
/// regular file is read: a FIFO or a device is refused without blocking.
pub(super) fn read_roadmap(target: &Target) -> Result<String, Failure> {
    let bytes = crate::workspace::read_regular_file(&target.path)
        .map_err(|error| Failure::io(&target.display, &error))?;
    String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&byte| byte == b'\n').count() + 1;
        Failure(format!(
            "{}: not valid UTF-8 (line {line}, byte offset {}); roadmap files must be UTF-8",
            target.display,
            valid.len()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_status_ranks_failures_over_findings() {
        let summary = |errors, warnings| Summary {
            errors,
            warnings,
            ..Summary::default()
        };
        assert_eq!(exit_status(&summary(0, 3), false, false), EXIT_CLEAN);
        assert_eq!(exit_status(&summary(0, 3), false, true), EXIT_FINDINGS);
        assert_eq!(exit_status(&summary(1, 0), false, false), EXIT_FINDINGS);
        assert_eq!(exit_status(&summary(1, 0), true, false), EXIT_USAGE);
        assert_eq!(exit_status(&summary(0, 0), false, true), EXIT_CLEAN);
    }
}
