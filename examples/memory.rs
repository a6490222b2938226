//! How many bytes each layer of an analysis holds, counted by a wrapping
//! allocator: what the server keeps per open document.
//!
//!     cargo run --release --example measure -- 10000 --write /tmp/g10k.toml
//!     cargo run --release --example memory -- /tmp/g10k.toml

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use roadmap_lsp::config::{Config, Settings};
use roadmap_lsp::{checks, model, syntax};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: forwarded as is to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn mib(bytes: usize) -> String {
    format!("{:7.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: memory FILE");
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
    let base = LIVE.load(Ordering::Relaxed);
    let mut last = base;
    let mut report = |name: &str| {
        let live = LIVE.load(Ordering::Relaxed);
        println!(
            "{name:>12}: {} (+{})",
            mib(live - base),
            mib(live.saturating_sub(last))
        );
        last = live;
    };
    println!("text {}", mib(text.len()));
    let tree = syntax::parse(&text);
    report("tree");
    let mut conflicts = Vec::new();
    let tables = syntax::table::build(&tree, &mut conflicts);
    report("tables");
    let mut diagnostics = Vec::new();
    let roadmap = model::lower(&tables, &text, &mut diagnostics);
    report("model");
    drop(tables);
    report("-tables");
    let config = Config::layered([&settings, &roadmap.lint]);
    let found = checks::run(&checks::Context {
        roadmap: &roadmap,
        today,
        config: &config,
        memo: None,
        history: None,
    });
    report("checks");
    drop((found, roadmap, tree));
    println!(
        "peak above the text: {}",
        mib(PEAK.load(Ordering::Relaxed) - base)
    );
    let analysis = roadmap_lsp::analyze(&text, today, &settings);
    report("analysis");
    let mut host = roadmap_lsp::host::AnalysisHost::default();
    let shared: std::sync::Arc<str> = std::sync::Arc::from(text.as_str());
    let before = LIVE.load(Ordering::Relaxed);
    host.update(&shared, None, today, &settings, None);
    println!(
        "analysis host, diagnostics: {}",
        mib(LIVE.load(Ordering::Relaxed) - before)
    );
    drop(host.analysis());
    println!(
        "analysis host, with the analysis features read: {}",
        mib(LIVE.load(Ordering::Relaxed) - before)
    );
    println!(
        "sizes: goal {} B, entry {} B, value {} B, key {} B, section {} B",
        std::mem::size_of::<roadmap_lsp::model::Goal>(),
        std::mem::size_of::<syntax::Entry>(),
        std::mem::size_of::<syntax::Value>(),
        std::mem::size_of::<syntax::Key>(),
        std::mem::size_of::<syntax::Section>()
    );
    println!(
        "tree: {} sections, {} diagnostics",
        analysis.tree.sections.len(),
        analysis.diagnostics.len()
    );
}
