//! Every input the fuzzer ever failed on (issue 6), replayed through the
//! same checks the fuzz targets run (`roadmap_lsp::testing::fuzz`), so a
//! fixed crash stays fixed. Inputs live in `fuzz/regressions/<target>/`;
//! the fuzzer's seeds (the fixtures, `fuzz/seeds/`) are replayed too, as a
//! check that the targets themselves pass on what they start from.

use std::path::{Path, PathBuf};

use roadmap_lsp::testing::fuzz;

fn inputs(dirs: &[&str]) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    let mut pending: Vec<PathBuf> = dirs.iter().map(|dir| root.join(dir)).collect();
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn replay(dirs: &[&str], target: fn(&[u8])) -> usize {
    let paths = inputs(dirs);
    for path in &paths {
        let data = std::fs::read(path).expect("a readable input");
        let outcome = std::panic::catch_unwind(|| target(&data));
        assert!(outcome.is_ok(), "{} fails again", path.display());
    }
    paths.len()
}

#[test]
fn engine_findings_and_seeds_pass() {
    let count = replay(&["fuzz/regressions/engine", "fixtures"], fuzz::engine);
    assert!(count >= 10, "only {count} inputs: is fixtures/ there?");
}

#[test]
fn position_findings_and_seeds_pass() {
    let count = replay(&["fuzz/regressions/positions", "fixtures"], fuzz::positions);
    assert!(count >= 10, "only {count} inputs");
}

#[test]
fn frame_findings_and_seeds_pass() {
    let count = replay(
        &["fuzz/regressions/frames", "fuzz/seeds/frames"],
        fuzz::frames,
    );
    assert!(count >= 1, "only {count} inputs");
}

#[test]
fn incremental_findings_and_seeds_pass() {
    let count = replay(&["fuzz/regressions/edits", "fixtures"], fuzz::incremental);
    assert!(count >= 10, "only {count} inputs");
}
