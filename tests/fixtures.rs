//! Snapshot of the full diagnostic list of every fixture, with its
//! `roadmap-lsp.toml` applied as the CLI would, so any change in behaviour
//! shows up in review. Refresh with `UPDATE_EXPECT=1 cargo test`.

mod common;

use std::path::{Path, PathBuf};

use roadmap_lsp::config::{find_config_file, load_config_file};
use roadmap_lsp::{Diagnostic, analyze};

fn fixture_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixtures/ is readable")
        .map(|entry| entry.expect("fixture entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            fixture_files(&path, out);
        } else if path.to_string_lossy().ends_with(".roadmap.toml")
            || path.ends_with("roadmap-lsp.toml")
        {
            out.push(path);
        }
    }
}

fn snapshot_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).expect("fixtures are UTF-8");
    let diagnostics: Vec<Diagnostic> = if path.ends_with("roadmap-lsp.toml") {
        roadmap_lsp::config::parse_config_text(&text).1
    } else {
        let settings = find_config_file(path)
            .map(|config| load_config_file(&config).expect("fixture config").settings)
            .unwrap_or_default();
        analyze(&text, common::today(), &settings).diagnostics
    };
    common::annotate(&text, &diagnostics.iter().collect::<Vec<_>>())
}

#[test]
fn every_fixture_matches_its_snapshot() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    fixture_files(&root.join("fixtures"), &mut files);
    assert!(files.len() >= 10, "fixtures went missing: {files:?}");
    for path in files {
        let relative = path
            .strip_prefix(root.join("fixtures"))
            .expect("under fixtures/");
        let snapshot = Path::new("snapshots").join(relative.with_extension("toml.snap"));
        expect_test::expect_file![snapshot].assert_eq(&snapshot_of(&path));
    }
}

#[test]
fn the_clean_fixture_is_clean() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/clean.roadmap.toml");
    let text = std::fs::read_to_string(path).expect("clean fixture");
    let diagnostics = common::diagnostics(&text);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
}

/// Every rule fires in the every-check fixture, but a few exclude one
/// another (never-reviewed and stale-review, no-assessment and
/// unaddressed-gap, missing-vision and the vision's checks): those fire in
/// the skipped-steps and vision fixtures instead.
#[test]
fn the_every_check_fixtures_fire_every_rule_but_syntax_error() {
    let read = |name: &str| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(name);
        let text = std::fs::read_to_string(path).expect("fixture");
        common::diagnostics(&text)
    };
    let every = read("every-check.roadmap.toml");
    let skipped = read("skipped-steps.roadmap.toml");
    // The vision's checks exclude missing-vision and each other: they fire
    // in two small fixtures beside it. stale-metric reads a git history,
    // which a fixture file has not: tests/docs.rs and tests/incremental.rs
    // give it one.
    let vision: Vec<Diagnostic> = ["vision.roadmap.toml", "horizon-passed.roadmap.toml"]
        .iter()
        .flat_map(|name| read(name))
        .collect();
    for &rule in roadmap_lsp::Rule::ALL {
        if matches!(
            rule,
            roadmap_lsp::Rule::SyntaxError | roadmap_lsp::Rule::StaleMetric
        ) {
            continue;
        }
        assert!(
            every
                .iter()
                .chain(&skipped)
                .chain(&vision)
                .any(|d| d.rule == rule),
            "{rule} never fires"
        );
    }
    for rule in [
        roadmap_lsp::Rule::NeverReviewed,
        roadmap_lsp::Rule::NoAssessment,
        roadmap_lsp::Rule::NoMentor,
    ] {
        assert!(skipped.iter().any(|d| d.rule == rule), "{rule}");
    }
}

#[test]
fn broken_files_report_every_error_and_still_check_their_goals() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/broken-mid-edit.roadmap.toml");
    let text = std::fs::read_to_string(path).expect("broken fixture");
    let diagnostics = common::diagnostics(&text);
    let syntax = diagnostics
        .iter()
        .filter(|d| d.rule == roadmap_lsp::Rule::SyntaxError)
        .count();
    assert_eq!(
        syntax, 3,
        "the unclosed string, the half-typed key, the unclosed array"
    );
    // Goals before and after the broken lines are still checked.
    let lines: Vec<usize> = diagnostics
        .iter()
        .filter(|d| d.rule != roadmap_lsp::Rule::SyntaxError)
        .map(|d| text[..d.span.start()].lines().count())
        .collect();
    let first_error = diagnostics
        .iter()
        .find(|d| d.rule == roadmap_lsp::Rule::SyntaxError)
        .map(|d| text[..d.span.start()].lines().count())
        .unwrap_or_default();
    assert!(
        lines.iter().any(|&l| l < first_error),
        "nothing checked before the errors"
    );
    assert!(
        lines.iter().any(|&l| l > first_error + 30),
        "nothing checked after the errors"
    );
}
