//! Times each phase of an analysis of a roadmap file, to see where a full
//! analysis spends its time.
//!
//!     cargo run --release --example measure -- 1000 --write /tmp/g.toml
//!     cargo run --release --example phases -- /tmp/g.toml

use std::time::{Duration, Instant};

use roadmap_lsp::config::{Config, Settings};
use roadmap_lsp::{checks, model, syntax};

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: phases FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("{path}: {error}");
            std::process::exit(2);
        }
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    let settings = Settings::default();
    let names = ["parse", "tables", "model", "checks", "drop", "total"];
    let mut samples: Vec<[Duration; 6]> = Vec::new();
    for _ in 0..30 {
        let mut marks = [Duration::ZERO; 6];
        let start = Instant::now();
        let mut last = start;
        let mut lap = |slot: usize, marks: &mut [Duration; 6]| {
            let now = Instant::now();
            marks[slot] = now - last;
            last = now;
        };
        let tree = syntax::parse(&text);
        lap(0, &mut marks);
        let mut conflicts = Vec::new();
        let root = syntax::table::build(&tree, &mut conflicts);
        lap(1, &mut marks);
        let mut diagnostics = Vec::new();
        let roadmap = model::lower(&root, &text, &mut diagnostics);
        lap(2, &mut marks);
        let config = Config::layered([&settings, &roadmap.lint]);
        let found = checks::run(&checks::Context {
            roadmap: &roadmap,
            today,
            config: &config,
            memo: None,
            history: None,
        });
        lap(3, &mut marks);
        drop((found, roadmap, root));
        drop(tree);
        lap(4, &mut marks);
        marks[5] = start.elapsed();
        samples.push(marks);
    }
    for (slot, name) in names.iter().enumerate() {
        let mut times: Vec<Duration> = samples.iter().map(|s| s[slot]).collect();
        times.sort();
        println!(
            "{name:>7}: median {:>9.2?}  min {:>9.2?}",
            times[times.len() / 2],
            times[0]
        );
    }
}
