//! Three analyses of a roadmap file, for a profiler: the instruction
//! counts per analysis in docs/performance.md come from
//!
//!     cargo run --release --example measure -- 1000 --write /tmp/g1000.toml
//!     cargo build --release --example profile
//!     valgrind --tool=callgrind target/release/examples/profile /tmp/g1000.toml
//!
//! and `roadmap_lsp::analyze`'s inclusive count divided by three.

use roadmap_lsp::config::Settings;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: profile FILE");
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
    let mut diagnostics = 0;
    for _ in 0..3 {
        let analysis = roadmap_lsp::analyze(&text, today, &settings);
        diagnostics += analysis.diagnostics.len();
    }
    println!("{diagnostics} diagnostics in three analyses");
}
