//! The engine never panics, whatever the text: every fixture cut short at
//! many offsets (inside multi-byte characters' neighbours included), and
//! with each of its lines deleted, goes through the whole analysis. (The
//! property tests and fuzzing of issue 6 go much further.)

mod common;

use std::path::Path;

fn fixtures() -> Vec<String> {
    let mut texts = Vec::new();
    let mut dirs = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).expect("fixtures/ is readable") {
            let path = entry.expect("fixture entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "toml") {
                texts.push(std::fs::read_to_string(path).expect("fixtures are UTF-8"));
            }
        }
    }
    texts
}

#[test]
fn truncated_fixtures_never_panic() {
    for text in fixtures() {
        let boundaries: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &end in boundaries.iter().step_by(11) {
            common::diagnostics(&text[..end]);
        }
    }
}

#[test]
fn fixtures_missing_any_one_line_never_panic_and_report_in_bounds() {
    for text in fixtures() {
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        for skip in 0..lines.len() {
            let mutated: String = lines
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, line)| *line)
                .collect();
            for diagnostic in common::diagnostics(&mutated) {
                assert!(diagnostic.span.start() <= diagnostic.span.end());
                assert!(diagnostic.span.end() <= mutated.len());
                assert!(mutated.is_char_boundary(diagnostic.span.start()));
                assert!(mutated.is_char_boundary(diagnostic.span.end()));
            }
        }
    }
}

#[test]
fn odd_inputs_never_panic() {
    let deep = format!("a = {}\n", "[".repeat(100_000));
    let inputs = [
        "",
        "\u{feff}[roadmap]\nvision = \"x\"\n",
        "\0\0\0",
        "[[goals]]\r\nid = \"a\"\r\n",
        "[",
        "[[",
        "]]]]",
        "\"\"\"",
        "a.b.c.d = 1\na.b = 2\n",
        "goals = 5\n[[goals]]\n",
        "[[goals]]\n[goals]\n[[goals.actions]]\n",
        "[goals.metric]\n[[goals]]\n",
        "# roadmap: allow(\n# roadmap: allow()\n# roadmap: allow(,,)\n",
        deep.as_str(),
    ];
    for input in inputs {
        common::diagnostics(input);
    }
}
