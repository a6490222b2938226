//! The commands the documentation tells people to run exist and take the
//! flags it gives them: every `roadmap-lsp <subcommand> …` line in the
//! README, docs/ci.md, docs/json-schema.md and docs/formatting.md, and the pre-commit hooks'
//! entries, run against a copy of a fixture.

use std::path::Path;
use std::process::Command;

const SUBCOMMANDS: [&str; 7] = ["check", "init", "report", "agenda", "schema", "lsp", "fmt"];

/// The argument lists of the `roadmap-lsp` commands in `text`, cut at the
/// first shell operator or comment.
fn commands(text: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for line in text.lines() {
        for (at, _) in line.match_indices("roadmap-lsp ") {
            let rest = &line[at + "roadmap-lsp ".len()..];
            let end = rest
                .find(['>', '|', '&', ';', '#', '`', ')'])
                .unwrap_or(rest.len());
            let words: Vec<String> = rest[..end].split_whitespace().map(String::from).collect();
            if words
                .first()
                .is_some_and(|w| SUBCOMMANDS.contains(&w.as_str()))
            {
                found.push(words);
            }
        }
    }
    found
}

fn pre_commit_entries(yaml: &str) -> Vec<Vec<String>> {
    yaml.lines()
        .filter_map(|line| line.trim().strip_prefix("entry: roadmap-lsp "))
        .map(|rest| {
            let mut words: Vec<String> = rest.split_whitespace().map(String::from).collect();
            // pre-commit appends the staged files.
            words.push("career.roadmap.toml".into());
            words
        })
        .collect()
}

#[test]
fn documented_commands_run_with_the_flags_they_show() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    for doc in [
        "README.md",
        "docs/ci.md",
        "docs/json-schema.md",
        "docs/formatting.md",
    ] {
        let text = std::fs::read_to_string(repo.join(doc)).expect("the doc");
        all.extend(commands(&text).into_iter().map(|c| (doc, c)));
    }
    let hooks = std::fs::read_to_string(repo.join(".pre-commit-hooks.yaml")).expect("hooks");
    let entries = pre_commit_entries(&hooks);
    assert_eq!(entries.len(), 3, "every hook is checked");
    all.extend(entries.into_iter().map(|c| (".pre-commit-hooks.yaml", c)));
    for sub in ["check", "report", "agenda", "schema", "fmt"] {
        assert!(
            all.iter().any(|(_, c)| c[0] == sub),
            "no documented `roadmap-lsp {sub}` command"
        );
    }
    for (doc, args) in all {
        if args[0] == "lsp" || args.iter().any(|a| a == "--stdio") {
            continue; // Serves stdin; lsp_stdio.rs covers it.
        }
        let dir = tempfile::tempdir().expect("tempdir");
        // `init` writes the file the others read.
        if args[0] != "init" {
            std::fs::copy(
                repo.join("fixtures/career.roadmap.toml"),
                dir.path().join("career.roadmap.toml"),
            )
            .expect("copy");
        }
        let output = Command::new(env!("CARGO_BIN_EXE_roadmap-lsp"))
            .current_dir(dir.path())
            .env("ROADMAP_TODAY", "2026-11-23")
            .args(&args)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        let code = output.status.code();
        let missing_path = stderr.contains("No such file or directory");
        assert!(
            !stderr.contains("Usage:") && (matches!(code, Some(0 | 1)) || missing_path),
            "{doc}: `roadmap-lsp {}` exited {code:?}:\n{stderr}",
            args.join(" ")
        );
    }
}
