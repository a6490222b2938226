//! The command line's side of the walk: the files under the paths given
//! ([`crate::workspace::walk`]), with what could not be read printed.

use std::path::PathBuf;

pub use crate::workspace::walk::{ROADMAP_SUFFIX, Target, Walk, collect};

use super::Failure;

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
        Failure(failure.clone()).print();
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
