//! Times a full analysis (parse, model, every check) of a generated roadmap.
//!
//!     cargo run --release --example measure -- [GOALS] [--problems PERCENT] [--write PATH]
//!
//! The roadmap has GOALS goals (default 1,000) of about 820 bytes each: a
//! metric and 3 actions with owners and resources. PERCENT of the goals
//! (default 10) carry one problem each, of ten kinds, placed by a seeded
//! generator (`roadmap_lsp::testing::generate`). Generation is
//! deterministic. `benches/engine.rs` is the permanent suite; this is the
//! quick figure.

use std::time::{Duration, Instant};

use roadmap_lsp::testing::generate::roadmap;

fn main() {
    let mut goals = 1000;
    let mut percent = 10;
    let mut write = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--problems" => percent = args.next().and_then(|p| p.parse().ok()).unwrap_or(10),
            "--write" => write = args.next(),
            number => goals = number.parse().unwrap_or(goals),
        }
    }
    let text = roadmap(goals, percent);
    if let Some(path) = write
        && let Err(error) = std::fs::write(&path, &text)
    {
        eprintln!("cannot write {path}: {error}");
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    let settings = roadmap_lsp::config::Settings::default();
    let mut times: Vec<Duration> = Vec::new();
    let mut count = 0;
    for _ in 0..30 {
        let start = Instant::now();
        let analysis = roadmap_lsp::analyze(&text, today, &settings);
        times.push(start.elapsed());
        count = analysis.diagnostics.len();
    }
    times.sort();
    println!(
        "{goals} goals, {} KB, {percent}% with a problem: median {:.2?}, min {:.2?}, max {:.2?} over 30 runs; {count} diagnostics",
        text.len() / 1024,
        times[times.len() / 2],
        times[0],
        times[times.len() - 1],
    );
}
