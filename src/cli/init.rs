//! `roadmap-lsp init`: writes a commented starter roadmap. Its dates are
//! computed from today so that a first `check` finds nothing to complain
//! about: a new user's first experience should be a clean file to edit,
//! not a page of warnings about example data.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::dates::resolve_today;

use super::walk::ROADMAP_SUFFIX;
use super::{EXIT_CLEAN, EXIT_USAGE, Failure, InitArgs, print_stdout, print_warning};

/// The file written when no path, or a folder, is given.
pub const DEFAULT_FILE_NAME: &str = "career.roadmap.toml";

const TEMPLATE: &str = include_str!("starter.roadmap.toml");

pub fn run(args: InitArgs) -> ExitCode {
    match init(&args) {
        Ok(path) => {
            let shown = path.display();
            print_stdout(&format!(
                "wrote {shown}: a starter roadmap to make your own"
            ));
            print_stdout(&format!(
                "next: edit it, then run `roadmap-lsp check {shown}`"
            ));
            if !path.to_string_lossy().ends_with(ROADMAP_SUFFIX) {
                print_warning(&format!(
                    "{shown}: folder checks only pick up files named *{ROADMAP_SUFFIX}"
                ));
            }
            ExitCode::from(EXIT_CLEAN)
        }
        Err(failure) => {
            failure.print();
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn init(args: &InitArgs) -> Result<PathBuf, Failure> {
    let today = resolve_today(args.today).map_err(Failure)?;
    let text = starter(today).ok_or_else(|| {
        Failure(format!(
            "{today} is too close to the end of the calendar for a starter roadmap"
        ))
    })?;
    let path = if names_a_file(&args.path) {
        args.path.clone()
    } else {
        // A folder, like `cargo new`: made if it does not exist yet.
        fs::create_dir_all(&args.path)
            .map_err(|error| Failure::io(&args.path.display().to_string(), &error))?;
        args.path.join(DEFAULT_FILE_NAME)
    };
    super::write::write_new(&path, text.as_bytes(), args.force)?;
    Ok(path)
}

/// A path ending in `.toml` names the file to write; anything else (an
/// existing folder, `notes/`, `plans`) names a folder to write it in.
fn names_a_file(path: &Path) -> bool {
    !path.is_dir()
        && !path
            .as_os_str()
            .to_string_lossy()
            .ends_with(['/', std::path::MAIN_SEPARATOR])
        && path
            .extension()
            .is_some_and(|extension| extension == "toml")
}

/// The starter text as of `today`; `None` only if a date would overflow.
fn starter(today: NaiveDate) -> Option<String> {
    let days_ago = |days| today.checked_sub_days(Days::new(days));
    let days_ahead = |days| today.checked_add_days(Days::new(days));
    let months_ahead = |months| today.checked_add_months(Months::new(months));
    let horizon = NaiveDate::from_ymd_opt(today.year().checked_add(3)?, 12, 31)?;

    // The first goal started six weeks ago and is half done, a pace that
    // reaches its target long before its deadline; the second starts when
    // the first ends, so it has no pace yet. Every action is due inside its
    // goal, and only the done one is in the past.
    let g1_deadline = months_ahead(4)?;
    let replacements = [
        ("{{TODAY}}", today),
        ("{{HORIZON}}", horizon),
        ("{{G1_START}}", days_ago(42)?),
        ("{{A1_DUE}}", days_ago(21)?),
        ("{{A2_DUE}}", days_ahead(21)?),
        ("{{A3_DUE}}", months_ahead(2)?),
        ("{{G1_DEADLINE}}", g1_deadline),
        ("{{G2_START}}", g1_deadline),
        ("{{A4_DUE}}", months_ahead(5)?),
        ("{{A5_DUE}}", months_ahead(9)?),
        ("{{G2_DEADLINE}}", months_ahead(10)?),
    ];
    let mut text = TEMPLATE.replace("{{HORIZON_YEAR}}", &horizon.year().to_string());
    for (placeholder, date) in replacements {
        text = text.replace(placeholder, &date.format("%Y-%m-%d").to_string());
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_is_filled() {
        let text = starter(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()).unwrap();
        assert!(text.contains("last_review = 2026-11-23"), "{text}");
        assert!(text.contains("horizon = 2029-12-31"), "{text}");
        assert!(!text.contains("{{"), "{text}");
    }

    /// Month ends and leap days are where "four months from today" and
    /// "six weeks ago" shift; the starter must stay clean on all of them.
    #[test]
    fn the_starter_is_clean_on_awkward_days() {
        let settings = crate::config::Settings::default();
        for (y, m, d) in [(2026, 1, 31), (2028, 2, 29), (2026, 8, 31), (2026, 12, 31)] {
            let today = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let text = starter(today).unwrap();
            let analysis = crate::analyze(&text, today, &settings);
            assert_eq!(analysis.diagnostics, Vec::new(), "as of {today}");
        }
    }
}
