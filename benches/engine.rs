//! Engine micro-benchmarks: each phase of an analysis and each editor
//! feature, on generated roadmaps of 100, 1,000 and 10,000 goals (about
//! 820 bytes each, 10% with a problem).
//!
//!     cargo bench --bench engine                 # everything
//!     cargo bench --bench engine -- parse        # names containing "parse"
//!
//! Features are asked where an editor would ask: in a goal in the middle
//! of the file, and inlay hints for a screenful of it (each asserted to
//! answer something, so an empty answer is never timed). Return values are
//! dropped outside the timing (divan's rule), so `analyze` here excludes
//! the drop of the previous analysis that a server pays.

use chrono::NaiveDate;
use divan::{Bencher, black_box};
use std::sync::Arc;

use roadmap_lsp::config::{Config, Settings};
use roadmap_lsp::host::{AnalysisHost, Edit};
use roadmap_lsp::testing::generate::roadmap;
use roadmap_lsp::{Analysis, Span, analyze, checks, ide, model, syntax};

const GOALS: [usize; 3] = [100, 1_000, 10_000];

fn main() {
    divan::main();
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default()
}

fn text(goals: usize) -> String {
    roadmap(goals, 10)
}

fn analysis(text: &str) -> Analysis {
    analyze(text, today(), &Settings::default())
}

/// Offset just inside `needle` in the first occurrence at or after the
/// middle of the text: a goal an editor would be in.
fn middle(text: &str, needle: &str, inside: usize) -> usize {
    let from = text.len() / 2;
    text[from..]
        .find(needle)
        .map_or(0, |found| from + found + inside)
}

#[divan::bench(args = GOALS)]
fn parse(bencher: Bencher, goals: usize) {
    let text = text(goals);
    bencher.bench(|| syntax::parse(black_box(&text)));
}

#[divan::bench(args = GOALS)]
fn tables(bencher: Bencher, goals: usize) {
    let text = text(goals);
    let tree = syntax::parse(&text);
    bencher.bench(|| {
        let mut conflicts = Vec::new();
        syntax::table::build(black_box(&tree), &mut conflicts)
    });
}

#[divan::bench(args = GOALS)]
fn model(bencher: Bencher, goals: usize) {
    let text = text(goals);
    let tree = syntax::parse(&text);
    let mut conflicts = Vec::new();
    let tables = syntax::table::build(&tree, &mut conflicts);
    bencher.bench(|| {
        let mut diagnostics = Vec::new();
        model::lower(black_box(&tables), &text, &mut diagnostics)
    });
}

#[divan::bench(args = GOALS)]
fn checks(bencher: Bencher, goals: usize) {
    let text = text(goals);
    let analysis = analysis(&text);
    let settings = Settings::default();
    let config = Config::layered([&settings, &analysis.roadmap.lint]);
    bencher.bench(|| {
        checks::run(&checks::Context {
            roadmap: black_box(&analysis.roadmap),
            today: today(),
            config: &config,
            memo: None,
            history: None,
        })
    });
}

#[divan::bench(args = GOALS)]
fn full_analyze(bencher: Bencher, goals: usize) {
    let text = text(goals);
    let settings = Settings::default();
    bencher.bench(|| analyze(black_box(&text), today(), &settings));
}

#[divan::bench(args = GOALS)]
fn hover(bencher: Bencher, goals: usize) {
    let text = text(goals);
    let analysis = analysis(&text);
    // On the status value, as lsp_bench does.
    let offset = middle(&text, "status = \"in-progress\"", 10);
    assert!(ide::hover::hover(&analysis, &text, offset).is_some());
    bencher.bench(|| ide::hover::hover(black_box(&analysis), &text, offset));
}

#[divan::bench(args = GOALS)]
fn completion(bencher: Bencher, goals: usize) {
    let text = text(goals);
    let analysis = analysis(&text);
    // Inside the status value: the statuses are offered.
    let offset = middle(&text, "status = \"in-progress\"", 10);
    assert!(!ide::completion::completions(&analysis, &text, offset).is_empty());
    bencher.bench(|| ide::completion::completions(black_box(&analysis), &text, offset));
}

#[divan::bench(args = GOALS)]
fn code_actions(bencher: Bencher, goals: usize) {
    let text = text(goals);
    let analysis = analysis(&text);
    // On a diagnostic in the second half, so there is something to fix.
    let half = text.len() / 2;
    let span = analysis
        .diagnostics
        .iter()
        .find(|d| d.span.start() >= half)
        .map_or(Span::empty(half), |d| d.span);
    assert!(!ide::actions::code_actions(&analysis, &text, span).is_empty());
    bencher.bench(|| ide::actions::code_actions(black_box(&analysis), &text, span));
}

#[divan::bench(args = GOALS)]
fn document_symbols(bencher: Bencher, goals: usize) {
    let text = text(goals);
    let analysis = analysis(&text);
    bencher.bench(|| ide::navigation::document_symbols(black_box(&analysis)));
}

#[divan::bench(args = GOALS)]
fn inlay_hints(bencher: Bencher, goals: usize) {
    let text = text(goals);
    let analysis = analysis(&text);
    // About 60 lines, a screenful, from the middle of the file.
    let start = middle(&text, "[[goals]]", 0);
    let end = (start + 60 * 30).min(text.len());
    let range = Span::new(start, end);
    assert!(!ide::hints::inlay_hints(&analysis, range).is_empty());
    bencher.bench(|| ide::hints::inlay_hints(black_box(&analysis), range));
}

/// What the server does after a keystroke in a goal in the middle of the
/// file: the analysis host takes in the edited text, told where the edit
/// was, and gives its diagnostics in groups (the previous version having
/// been checked). Alternate edits type a letter and take it back, so every
/// run is an edit.
#[divan::bench(args = GOALS)]
fn host_edit(bencher: Bencher, goals: usize) {
    keystrokes(bencher, goals, |host| host.groups());
}

/// A keystroke and then a feature's request: the analysis the host hands
/// out, brought up to date (what a hover right after typing waits for).
#[divan::bench(args = GOALS)]
fn host_analysis_after_edit(bencher: Bencher, goals: usize) {
    keystrokes(bencher, goals, AnalysisHost::analysis);
}

/// Times a keystroke taken in by the host, then `read` of the result.
fn keystrokes<T>(bencher: Bencher, goals: usize, read: fn(&mut AnalysisHost) -> T) {
    let (mut host, versions, edits) = typing(goals);
    let mut next = 0;
    bencher.bench_local(|| {
        host.update(
            &versions[next],
            Some((&versions[1 - next], edits[next])),
            today(),
            &Settings::default(),
            None,
        );
        next = 1 - next;
        read(&mut host)
    });
}

/// A host holding a roadmap with a letter typed into a title in its
/// middle; the two versions, and the edit to each from the other.
fn typing(goals: usize) -> (AnalysisHost, [Arc<str>; 2], [Edit; 2]) {
    let original = text(goals);
    let at = middle(&original, "title = \"", 9);
    let mut edited = original.clone();
    edited.insert(at, 'x');
    let versions: [Arc<str>; 2] = [Arc::from(original), Arc::from(edited)];
    let mut host = AnalysisHost::default();
    host.update(&versions[1], None, today(), &Settings::default(), None);
    host.analysis();
    let edits = [
        // To the original: the letter taken back.
        Edit {
            start: at,
            old_end: at + 1,
            new_end: at,
        },
        // To the edited text: the letter typed.
        Edit {
            start: at,
            old_end: at,
            new_end: at + 1,
        },
    ];
    (host, versions, edits)
}

/// 1,000 goal titles from the labelled corpus (its goal statements,
/// repeated in order), each read for its finish line: what vague-goal and
/// missing-metric pay per goal. The budget is 2 ms for the thousand.
#[divan::bench]
fn judge_1000_titles(bencher: Bencher) {
    let corpus = include_str!("../tests/corpus/statements.tsv");
    let goal_titles: Vec<&str> = corpus
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let fields: Vec<&str> = line.splitn(4, '\t').collect();
            (fields.len() == 4 && !fields[1].starts_with("vision")).then_some(fields[3])
        })
        .collect();
    let titles: Vec<&str> = goal_titles.iter().copied().cycle().take(1_000).collect();
    bencher.bench(|| {
        titles
            .iter()
            .filter(|title| roadmap_lsp::language::read_goal(black_box(title), &[]).needs_metric())
            .count()
    });
}
