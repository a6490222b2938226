//! Turns the paths on the command line into the list of roadmap files to
//! check, in an order that does not depend on the file system, so that CI
//! logs and snapshot tests are stable.

use std::collections::HashSet;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::Failure;

/// The suffix that marks a roadmap inside a folder.
pub const ROADMAP_SUFFIX: &str = ".roadmap.toml";

/// Folders that hold copies, builds, dependencies or test data rather than
/// a person's own roadmaps (a clone of this project has deliberately broken
/// roadmaps in `fixtures/`). Hidden folders are skipped too. A folder named
/// on the command line is searched whatever its name.
const SKIPPED_DIRS: [&str; 6] = [
    "target",
    "node_modules",
    "fixtures",
    "tests",
    "testdata",
    "vendor",
];

/// One file to check: where to open it, and how to name it in reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub path: PathBuf,
    /// The path as the user wrote it (or as found below what they wrote),
    /// never absolutised, so reports read like the command line.
    pub display: String,
}

/// What the command line expands to.
#[derive(Debug, Default)]
pub struct Walk {
    pub targets: Vec<Target>,
    /// Paths that could not be read; each costs exit status 2.
    pub failures: Vec<Failure>,
    /// Folders in which nothing was found.
    pub empty_dirs: Vec<String>,
    /// Roadmap names found in folders that are not regular files (a FIFO,
    /// a link to nothing): skipped, and said so.
    pub skipped: Vec<String>,
}

/// The roadmaps under `paths` (the current directory when there are
/// none), after telling stderr about the paths that failed (errors) and
/// the folders that hold no roadmap (warnings); `true` if any failed.
pub fn collect_announced(paths: Vec<PathBuf>) -> (Walk, bool) {
    let inputs = if paths.is_empty() {
        vec![".".into()]
    } else {
        paths
    };
    let walk = collect(&inputs);
    for failure in &walk.failures {
        failure.print();
    }
    for dir in &walk.empty_dirs {
        super::print_warning(&format!(
            "{dir}: no roadmap files (*{ROADMAP_SUFFIX}) found"
        ));
    }
    for skipped in &walk.skipped {
        super::print_warning(skipped);
    }
    let failed = !walk.failures.is_empty();
    (walk, failed)
}

/// Expands `inputs` in the order given; each folder's contents are sorted
/// by name. A file reached twice (`. ./a.roadmap.toml`) is checked once.
pub fn collect(inputs: &[PathBuf]) -> Walk {
    let mut walk = Walk::default();
    let mut seen = HashSet::new();
    for input in inputs {
        let shown = input.display().to_string();
        let metadata = match fs::metadata(input) {
            Ok(metadata) => metadata,
            Err(error) => {
                walk.failures.push(Failure::io(&shown, &error));
                continue;
            }
        };
        if metadata.is_dir() {
            let before = walk.targets.len();
            walk_dir(input, &mut walk, &mut seen);
            if walk.targets.len() == before {
                walk.empty_dirs.push(shown);
            }
        } else if metadata.is_file() {
            // A file named on the command line is checked whatever its name:
            // the user asked for it.
            push_unique(&mut walk.targets, &mut seen, input.clone(), shown);
        } else {
            walk.failures
                .push(Failure(format!("{shown}: not a file or a folder")));
        }
    }
    walk
}

fn walk_dir(root: &Path, walk: &mut Walk, seen: &mut HashSet<PathBuf>) {
    let entries = WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_skipped_dir(entry));
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().unwrap_or(root).display().to_string();
                let failure = match error.io_error() {
                    Some(io) => Failure::io(&path, io),
                    None => Failure(format!("{path}: {error}")),
                };
                walk.failures.push(failure);
                continue;
            }
        };
        if entry.depth() == 0 || !is_roadmap_name(entry.file_name()) {
            continue;
        }
        // Symbolic links are not followed into folders (that risks loops),
        // but a link to a roadmap file is checked like the file.
        let display = display_below(root, entry.path());
        let is_file =
            entry.file_type().is_file() || (entry.path_is_symlink() && entry.path().is_file());
        if is_file {
            push_unique(&mut walk.targets, seen, entry.into_path(), display);
        } else if entry.path_is_symlink() && !entry.path().exists() {
            walk.skipped
                .push(format!("{display}: skipped, a symbolic link to nothing"));
        } else if !entry.file_type().is_dir() && !entry.path().is_dir() {
            walk.skipped.push(format!(
                "{display}: skipped, not a regular file (a FIFO, socket or device)"
            ));
        }
    }
}

fn is_skipped_dir(entry: &walkdir::DirEntry) -> bool {
    entry.file_type().is_dir()
        && entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with('.') || SKIPPED_DIRS.contains(&name))
}

/// Compared as bytes, so a name that is not valid UTF-8 is still found
/// (and shown lossily) rather than skipped.
pub fn is_roadmap_name(name: &OsStr) -> bool {
    let name = name.as_encoded_bytes();
    name.len() > ROADMAP_SUFFIX.len() && name.ends_with(ROADMAP_SUFFIX.as_bytes())
}

/// `./career.roadmap.toml` reads worse than `career.roadmap.toml`, and the
/// default root `.` was not typed by anyone; other roots are kept as typed.
fn display_below(root: &Path, path: &Path) -> String {
    match path.strip_prefix(".") {
        Ok(relative) if root == Path::new(".") => relative.display().to_string(),
        _ => path.display().to_string(),
    }
}

fn push_unique(
    targets: &mut Vec<Target>,
    seen: &mut HashSet<PathBuf>,
    path: PathBuf,
    display: String,
) {
    let identity = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
    if seen.insert(identity) {
        targets.push(Target { path, display });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_with_a_name_before_the_suffix_are_roadmaps() {
        assert!(is_roadmap_name(OsStr::new("career.roadmap.toml")));
        assert!(!is_roadmap_name(OsStr::new(".roadmap.toml")));
        assert!(!is_roadmap_name(OsStr::new("Cargo.toml")));
        assert!(!is_roadmap_name(OsStr::new("career.roadmap.toml.bak")));
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_are_roadmaps_too() {
        use std::os::unix::ffi::OsStrExt;
        assert!(is_roadmap_name(OsStr::from_bytes(b"caf\xe9.roadmap.toml")));
    }

    #[test]
    fn the_implicit_root_is_not_shown() {
        let root = Path::new(".");
        assert_eq!(
            display_below(root, &root.join("team").join("a.roadmap.toml")),
            Path::new("team")
                .join("a.roadmap.toml")
                .display()
                .to_string()
        );
        let docs = Path::new("docs");
        assert_eq!(
            display_below(docs, &docs.join("a.roadmap.toml")),
            docs.join("a.roadmap.toml").display().to_string()
        );
    }
}
