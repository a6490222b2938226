//! Times a full analysis (parse, model, every check) of a generated roadmap.
//!
//!     cargo run --release --example measure -- 1000 [--write PATH]
//!
//! The roadmap has N goals of about 820 bytes each (3 actions, a metric),
//! with a realistic mix of problems. The benchmark issue turns this into a
//! permanent suite; this is the quick figure.

use std::time::{Duration, Instant};

fn goal(i: usize) -> String {
    let status = ["todo", "in-progress", "blocked", "done", "dropped"][i % 5];
    let depends = if i > 0 {
        format!("[\"goal-{}\"]", i - 1)
    } else {
        "[]".to_string()
    };
    let mut text = format!(
        "[[goals]]\nid = \"goal-{i}\"\ntitle = \"Ship {i} improvements to the checkout service latency\"\n\
         why = \"The vision needs a reliable platform\"\nskills = [\"skill-{}\"]\n\
         start = 2026-0{}-01\ndeadline = 2027-0{}-28\nstatus = \"{status}\"\nurgent = {}\nimportant = true\n\
         depends_on = {depends}\n\n[goals.metric]\nmeasure = \"p99 latency\"\nunit = \"ms\"\n\
         baseline = 900\ntarget = 300\ncurrent = {}\n",
        i % 10,
        1 + i % 9,
        1 + i % 9,
        i.is_multiple_of(2),
        900 - (i % 600),
    );
    for a in 0..3 {
        text.push_str(&format!(
            "\n[[goals.actions]]\ntask = \"Step {a} of goal {i}: profile, fix and verify\"\n\
             due = 2026-{:02}-15\nstatus = \"{}\"\nowner = \"me\"\nresources = [\"profiler\", \"staging\"]\n",
            1 + (i + a) % 12,
            ["done", "todo", "in-progress"][a],
        ));
    }
    text.push('\n');
    text
}

fn roadmap(goals: usize) -> String {
    let mut text = String::from(
        "[roadmap]\ntitle = \"Platform\"\nvision = \"Lead the platform group by 2029\"\n\
         horizon = 2029-12-31\nreview_every = \"1 month\"\nlast_review = 2026-11-01\n\n",
    );
    for s in 0..10 {
        text.push_str(&format!(
            "[[skills]]\nid = \"skill-{s}\"\nkind = \"hard\"\ncurrent = 2\nrequired = 4\n\n"
        ));
    }
    for i in 0..goals {
        text.push_str(&goal(i));
    }
    text
}

pub fn dump(goals: usize) -> String {
    roadmap(goals)
}
fn main() {
    if let Ok(p) = std::env::var("DUMP") {
        std::fs::write(p, roadmap(1000)).unwrap();
        return;
    }
    let goals: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let text = roadmap(goals);
    // `--write PATH` keeps the generated roadmap, to profile or try the CLI on.
    let mut args = std::env::args().skip(2);
    if let (Some(flag), Some(path)) = (args.next(), args.next())
        && flag == "--write"
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
        "{goals} goals, {} KB: median {:.2?}, min {:.2?}, max {:.2?}; {count} diagnostics",
        text.len() / 1024,
        times[times.len() / 2],
        times[0],
        times[times.len() - 1],
    );
}
