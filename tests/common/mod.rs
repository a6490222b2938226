//! Shared by the integration tests: run the engine on a fixture and render
//! its diagnostics as annotations under the lines they point at, so a
//! snapshot reads like the file with the problems marked.

#![allow(dead_code)]

use expect_test::Expect;
use roadmap_lsp::config::Settings;
use roadmap_lsp::line_index::LineIndex;
use roadmap_lsp::{Diagnostic, Rule, analyze};

pub mod stdio;

/// A test whose outside tool (a browser, an editor) is missing: under CI
/// (`CI` set to anything but `false`, as `.ci/run` runs after installing
/// the tools) that is a failure; elsewhere the test is skipped, said on
/// the terminal itself (libtest hides what passing tests print).
pub fn skip_unless_ci(test: &str, missing: &str) {
    let ci = std::env::var("CI").is_ok_and(|value| !value.is_empty() && value != "false");
    assert!(!ci, "{test}: {missing} (required under CI)");
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {missing}");
}

/// The fixed "today" of every test, so date rules are deterministic.
pub const TODAY: &str = "2026-11-23";

pub fn today() -> chrono::NaiveDate {
    roadmap_lsp::dates::parse_date(TODAY).expect("TODAY is a date")
}

pub fn diagnostics(text: &str) -> Vec<Diagnostic> {
    analyze(text, today(), &Settings::default()).diagnostics
}

/// `text` with a `#^^^ severity[code]: message` line under each line a
/// diagnostic starts on (carets under its span on that line).
pub fn annotate(text: &str, diagnostics: &[&Diagnostic]) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    for line in 0..index.line_count() {
        let (start, end) = index.line_span(text, line);
        if start == text.len() && line > 0 {
            break;
        }
        out.push_str(&text[start..end]);
        out.push('\n');
        for diagnostic in diagnostics
            .iter()
            .filter(|d| index.line_of(d.span.start()) == line)
        {
            let col = text[start..diagnostic.span.start().min(end).max(start)]
                .chars()
                .count();
            let caret_end = diagnostic
                .span
                .end()
                .min(end)
                .max(diagnostic.span.start().min(end));
            let width = text[diagnostic.span.start().min(end)..caret_end]
                .chars()
                .count()
                .max(1);
            out.push_str(&format!(
                "#{}{} {}[{}]: {}\n",
                " ".repeat(col.saturating_sub(1)),
                "^".repeat(width),
                diagnostic.severity,
                diagnostic.rule,
                diagnostic.message
            ));
            for related in &diagnostic.related {
                let at = index.line_col(text, related.span.start());
                out.push_str(&format!(
                    "#   related {}:{}: {}\n",
                    at.line, at.col, related.message
                ));
            }
            if let Some(suggestion) = &diagnostic.suggestion {
                out.push_str(&format!("#   suggest: {}\n", suggestion.replacement));
            }
        }
    }
    out
}

/// Snapshot of every diagnostic.
pub fn check(text: &str, expect: Expect) {
    let all = diagnostics(text);
    expect.assert_eq(&annotate(text, &all.iter().collect::<Vec<_>>()));
}

/// Snapshot of one rule's diagnostics only, so a test shows what it is about.
pub fn check_rule(rule: Rule, text: &str, expect: Expect) {
    let all = diagnostics(text);
    let only: Vec<&Diagnostic> = all.iter().filter(|d| d.rule == rule).collect();
    expect.assert_eq(&annotate(text, &only));
}

/// How many diagnostics of `rule` the text gets.
pub fn count(rule: Rule, text: &str) -> usize {
    diagnostics(text).iter().filter(|d| d.rule == rule).count()
}

/// [`count`], with the roadmap's git history.
pub fn count_with_history(
    rule: Rule,
    text: &str,
    history: Option<std::sync::Arc<roadmap_lsp::history::History>>,
) -> usize {
    roadmap_lsp::analyze_with_history(text, today(), &Settings::default(), history)
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .count()
}
