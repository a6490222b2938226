//! `roadmap-lsp fmt`: lay roadmaps out canonically, in place, or with
//! `--check` say which would change (exit 1) without writing, for CI and
//! pre-commit hooks. The formatting itself is [`crate::format`]; files
//! are written only through [`super::write::rewrite_in_place`].

use std::process::ExitCode;

use crate::format::{FormatOptions, format, unified_diff};

use super::check::read_roadmap;
use super::configs::Configs;
use super::walk;
use super::{EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, Failure};

pub const AFTER_HELP: &str = "\
Puts the keys of each table in the format's order (id, title, why, …),
writes one space around `=`, spaces arrays and inline tables, and leaves
one blank line between tables. Every comment is kept and moves with the
key it sits on or above. Strings, numbers and dates are copied exactly as
written. Running it twice changes nothing the second time.

A table with a syntax error is left exactly as written (a warning names
its line) and the rest of the file is formatted; `roadmap-lsp check`
reports the error itself.

Key reordering can be turned off with `reorder-keys = false` under
[format] in roadmap-lsp.toml (or [lint.format] in the roadmap).

Without --check or --diff, files are rewritten in place: through a
temporary file renamed over the original, keeping its permissions,
following symbolic links, and never if the file changed while it was
being formatted.

Exit status:
  0  every file is formatted (or was rewritten)
  1  with --check or --diff: at least one file would change
  2  usage error, a path that could not be read or written

Examples:
  roadmap-lsp fmt                        Format every *.roadmap.toml below here
  roadmap-lsp fmt --check                List the files that would change (CI)
  roadmap-lsp fmt --diff career.roadmap.toml   Show the changes as a unified diff";

#[derive(Debug, clap::Args)]
pub struct FmtArgs {
    /// Roadmap files, or folders to search for *.roadmap.toml [default: .]
    #[arg(value_name = "PATH")]
    paths: Vec<std::path::PathBuf>,

    /// Write nothing; list the files that would change and exit with 1
    /// if there are any.
    #[arg(long)]
    check: bool,

    /// Write nothing; print what would change as a unified diff and exit
    /// with 1 if anything would.
    #[arg(long)]
    diff: bool,
}

pub fn run(args: FmtArgs) -> ExitCode {
    let (walk, mut failed) = walk::collect_announced(args.paths);
    let write = !(args.check || args.diff);
    let mut configs = Configs::new();
    let mut changed = 0usize;
    let mut unchanged = 0usize;
    for target in &walk.targets {
        let lookup = configs.lookup(&target.path, target.path.is_absolute());
        if let Some(Err(failure)) = lookup.first_seen {
            failure.print();
            failed = true;
        }
        let text = match read_roadmap(target) {
            Ok(text) => text,
            Err(failure) => {
                failure.print();
                failed = true;
                continue;
            }
        };
        let formatted = format(&text, &FormatOptions::for_text(&text, &lookup.settings));
        for kept in &formatted.kept {
            let line = text[..kept.start()].matches('\n').count() + 1;
            super::print_warning(&format!(
                "{}:{line}: this table has a syntax error and was left as written; \
                 `roadmap-lsp check` shows it",
                target.display
            ));
        }
        if formatted.refused {
            Failure(format!(
                "{}: the formatted text would not mean what the file means; left as it is \
                 (a bug in roadmap-lsp: please report it)",
                target.display
            ))
            .print();
            failed = true;
            continue;
        }
        if formatted.text == text {
            unchanged += 1;
            continue;
        }
        changed += 1;
        if args.diff {
            for line in unified_diff(&text, &formatted.text, &target.display).lines() {
                super::print_stdout(line);
            }
        } else if args.check {
            super::print_stdout(&format!("Would reformat: {}", target.display));
        } else if let Err(failure) =
            super::write::rewrite_in_place(&target.path, text.as_bytes(), formatted.text.as_bytes())
        {
            failure.print();
            failed = true;
            changed -= 1;
        }
    }
    if !walk.targets.is_empty() {
        super::print_stderr(&summary(changed, unchanged, write));
    }
    ExitCode::from(if failed {
        EXIT_USAGE
    } else if changed > 0 && !write {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// `2 files reformatted, 1 file left unchanged`, as ruff says it.
fn summary(changed: usize, unchanged: usize, written: bool) -> String {
    let files = |n: usize| if n == 1 { "file" } else { "files" };
    let verb = if written {
        "reformatted"
    } else {
        "would be reformatted"
    };
    let mut parts = Vec::new();
    if changed > 0 || unchanged == 0 {
        parts.push(format!("{changed} {} {verb}", files(changed)));
    }
    if unchanged > 0 {
        parts.push(format!(
            "{unchanged} {} already formatted",
            files(unchanged)
        ));
    }
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_counts_like_ruff() {
        assert_eq!(
            summary(2, 1, true),
            "2 files reformatted, 1 file already formatted"
        );
        assert_eq!(summary(1, 0, false), "1 file would be reformatted");
        assert_eq!(summary(0, 3, false), "3 files already formatted");
        assert_eq!(summary(0, 0, true), "0 files reformatted");
    }
}
