//! Reads goal titles (or, with `--vision`, visions) from standard input,
//! one per line, and prints what the goal-language analyser finds: the
//! finish line, or the vague phrase, its reason and a rewrite.
//!
//! `cargo run --example judge < titles.txt`

use roadmap_lsp::language::{FinishLine, read_goal, read_vision, suggest_rewrite};

fn main() {
    let vision = std::env::args().any(|a| a == "--vision");
    for line in std::io::stdin().lines().map_while(Result::ok) {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if vision {
            let reading = read_vision(line);
            match (&reading.concrete, &reading.vague) {
                (Some(concrete), _) => println!("ok     {line}  [{concrete}]"),
                (None, Some(signal)) => {
                    println!("VAGUE  {line}  [{}: {}]", signal.phrase, signal.reason())
                }
                (None, None) => println!("?      {line}"),
            }
            continue;
        }
        let reading = read_goal(line, &[]);
        let slice = |span: &std::ops::Range<usize>| line.get(span.clone()).unwrap_or("");
        match (&reading.finish_line, &reading.vague) {
            (Some(FinishLine::Quantity(span)), _) => println!("qty    {line}  [{}]", slice(span)),
            (Some(FinishLine::Deliverable(span)), _) => {
                println!("done   {line}  [{}]", slice(span))
            }
            (None, Some(signal)) => println!(
                "VAGUE  {line}  [{}: {}] -> {}",
                signal.phrase,
                signal.reason(),
                suggest_rewrite(line, &reading).unwrap_or_default()
            ),
            (None, None) => println!("?      {line}  ({:?})", reading.language),
        }
    }
}
