//! Times the formatter on a generated roadmap, and the same job done with
//! toml_edit (parse a `DocumentMut`, sort each table's keys in the
//! format's order, print it), for docs/formatting.md.
//!
//!     cargo run --release --example format_measure -- [GOALS] [FILE…]
//!
//! The roadmap is `roadmap_lsp::testing::generate::roadmap(GOALS, 10)`
//! (default 1,000 goals), formatted once, then timed as that (already
//! canonical: nothing to do) and scrambled (each table's keys in reverse order, no spaces around `=`).
//! Each FILE is then formatted by both, to show what each does with it
//! (a file with a syntax error: toml_edit cannot open it at all).

use std::time::{Duration, Instant};

use roadmap_lsp::format::{FormatOptions, format};
use roadmap_lsp::model::schema::TableKind;
use roadmap_lsp::testing::generate::roadmap;

fn main() {
    let mut goals = 1000;
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.parse() {
            Ok(number) => goals = number,
            Err(_) => files.push(arg),
        }
    }
    let options = FormatOptions::default();
    let generated = roadmap(goals, 10);
    let canonical = format(&generated, &options).text;
    let scrambled = scramble(&canonical);
    // Not quite equal: a key the format does not know (`urgnet`) stays
    // below the key written above it, which scrambling changed.
    let unsorted = changed_lines(&canonical, &format(&scrambled, &options).text);
    println!(
        "{goals} goals, {} KB, median of 30 runs:",
        canonical.len() / 1024
    );
    for (name, text) in [("canonical", &canonical), ("scrambled", &scrambled)] {
        let ours = median(|| format(text, &options).text.len());
        let edit = median(|| with_toml_edit(text).map_or(0, |t| t.len()));
        println!("  {name}: roadmap-lsp {ours:.2?}, toml_edit {edit:.2?}");
    }
    let edits = median(|| roadmap_lsp::format::edits(&scrambled, &options).len());
    println!("  scrambled, as the server's line edits: {edits:.2?}");
    println!("  scrambled then formatted: {unsorted} lines differ from canonical");
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            println!("{file}: cannot read");
            continue;
        };
        let ours = format(&text, &options);
        let edit = match with_toml_edit(&text) {
            Ok(out) if out == text => "unchanged".to_string(),
            Ok(out) => format!("{} lines differ", changed_lines(&text, &out)),
            Err(error) => format!("cannot open it: {}", error.lines().next().unwrap_or("")),
        };
        println!(
            "{file}: roadmap-lsp: {} lines differ, {} tables kept as written; toml_edit: {edit}",
            changed_lines(&text, &ours.text),
            ours.kept.len(),
        );
    }
}

fn median<T>(mut run: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..30)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(run());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// Each run of `key = value` lines in reverse, `=` without spaces.
fn scramble(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run: Vec<String> = Vec::new();
    for line in text.split_inclusive('\n') {
        if line.starts_with('[') || line.trim().is_empty() {
            out.extend(run.drain(..).rev());
            out.push_str(line);
        } else {
            run.push(line.replacen(" = ", "=", 1));
        }
    }
    out.extend(run.drain(..).rev());
    out
}

/// The same job with toml_edit: keys of every table in the format's order.
fn with_toml_edit(text: &str) -> Result<String, String> {
    let mut document: toml_edit::DocumentMut = text.parse().map_err(|e| format!("{e}"))?;
    sort(document.as_table_mut(), Some(TableKind::Root));
    Ok(document.to_string())
}

fn sort(table: &mut toml_edit::Table, kind: Option<TableKind>) {
    let rank = |key: &toml_edit::Key| {
        kind.and_then(|kind| kind.keys().iter().position(|spec| spec.name == key.get()))
            .unwrap_or(usize::MAX)
    };
    table.sort_values_by(|a, _, b, _| rank(a).cmp(&rank(b)));
    for (key, item) in table.iter_mut() {
        let child = kind.and_then(|kind| kind.child(key.get()));
        match item {
            toml_edit::Item::Table(inner) => sort(inner, child),
            toml_edit::Item::ArrayOfTables(array) => {
                for inner in array.iter_mut() {
                    sort(inner, child);
                }
            }
            _ => {}
        }
    }
}

fn changed_lines(before: &str, after: &str) -> usize {
    similar::TextDiff::from_lines(before, after)
        .iter_all_changes()
        .filter(|change| change.tag() != similar::ChangeTag::Equal)
        .count()
}
