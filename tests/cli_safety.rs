//! The CLI against an attacker and a careless user, on the real binary:
//! no command writes over a roadmap it was not asked to change, no file
//! that is not a regular file makes a command hang, no file name is
//! skipped for its encoding, and no user text (file names included)
//! reaches a terminal or a CI log unescaped.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc::channel;
use std::time::Duration;

use tempfile::TempDir;

mod common;

const ROADMAP: &str = r#"[roadmap]
vision = "Lead the platform team of six engineers by 2028"
horizon = 2028-12-31

[[goals]]
id = "cka"
title = "Pass the CKA exam"
why = "Platform work needs it"
deadline = 2026-06-30
"#;

/// Runs the binary in `dir` with "today" pinned, failing (instead of
/// hanging the suite) if it has not exited in 30 s.
fn run_in(dir: &Path, args: &[&str]) -> Output {
    let child = Command::new(env!("CARGO_BIN_EXE_roadmap-lsp"))
        .current_dir(dir)
        .args(args)
        .env("ROADMAP_TODAY", common::TODAY)
        .env_remove("CLICOLOR_FORCE")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let pid = child.id();
    let (sender, done) = channel();
    std::thread::spawn(move || {
        let _ = sender.send(child.wait_with_output());
    });
    match done.recv_timeout(Duration::from_secs(30)) {
        Ok(output) => output.expect("the binary's output"),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("`roadmap-lsp {}` still running after 30 s", args.join(" "));
        }
    }
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn folder_with_roadmap() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let roadmap = dir.path().join("a.roadmap.toml");
    fs::write(&roadmap, ROADMAP).expect("written");
    (dir, roadmap)
}

/// Exit 2 with exactly one line on stderr that says why, and the roadmap
/// is as it was.
fn assert_refused(output: &Output, roadmap: &Path, what: &str) {
    assert_eq!(output.status.code(), Some(2), "{what}: {}", stderr(output));
    let lines: Vec<String> = stderr(output).lines().map(str::to_string).collect();
    assert_eq!(lines.len(), 1, "{what}: {lines:?}");
    assert!(lines[0].starts_with("error: "), "{what}: {lines:?}");
    assert_eq!(
        fs::read_to_string(roadmap).expect("the roadmap is still there"),
        ROADMAP,
        "{what}: the roadmap changed"
    );
}

#[test]
fn report_never_writes_over_its_input_by_any_name() {
    let (dir, roadmap) = folder_with_roadmap();
    let absolute = roadmap.to_string_lossy().into_owned();
    fs::hard_link(&roadmap, dir.path().join("hard.html")).expect("hard link");
    let mut outputs = vec![
        "a.roadmap.toml".to_string(),
        "./a.roadmap.toml".to_string(),
        absolute,
        "hard.html".to_string(),
    ];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("a.roadmap.toml", dir.path().join("soft.html")).expect("link");
        outputs.push("soft.html".to_string());
    }
    for output in &outputs {
        let ran = run_in(dir.path(), &["report", "a.roadmap.toml", "-o", output]);
        assert_refused(&ran, &roadmap, output);
    }
}

#[test]
fn report_never_writes_over_another_roadmap() {
    let (dir, roadmap) = folder_with_roadmap();
    let other = dir.path().join("b.roadmap.toml");
    fs::write(&other, ROADMAP).expect("written");
    let ran = run_in(
        dir.path(),
        &["report", "a.roadmap.toml", "-o", "b.roadmap.toml"],
    );
    assert_refused(&ran, &other, "another roadmap");
    let ran = run_in(
        dir.path(),
        &["report", "a.roadmap.toml", "-o", "new.roadmap.toml"],
    );
    assert_refused(&ran, &roadmap, "a new roadmap name");
    assert!(!dir.path().join("new.roadmap.toml").exists());
}

#[test]
fn report_writes_whole_files_and_leaves_no_temporary_behind() {
    let (dir, _) = folder_with_roadmap();
    fs::write(dir.path().join("out.html"), "old").expect("written");
    let ran = run_in(dir.path(), &["report", "a.roadmap.toml", "-o", "out.html"]);
    assert_eq!(ran.status.code(), Some(0), "{}", stderr(&ran));
    let html = fs::read_to_string(dir.path().join("out.html")).expect("written");
    assert!(html.starts_with("<!DOCTYPE html>"), "{}", &html[..40]);
    let names: Vec<String> = fs::read_dir(dir.path())
        .expect("listed")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(
        !names.iter().any(|name| name.ends_with(".tmp")),
        "{names:?}"
    );
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
}

#[cfg(unix)]
#[test]
fn no_command_blocks_on_a_fifo() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    mkfifo(&dir.path().join("x.roadmap.toml"));
    std::os::unix::fs::symlink("x.roadmap.toml", dir.path().join("y.roadmap.toml")).expect("link");
    for name in ["x.roadmap.toml", "y.roadmap.toml"] {
        for args in [
            vec!["report", name, "-o", "out.html"],
            vec!["check", name],
            vec!["agenda", name],
        ] {
            let ran = run_in(dir.path(), &args);
            assert_eq!(ran.status.code(), Some(2), "{args:?}: {}", stderr(&ran));
            assert!(stderr(&ran).contains(name), "{args:?}: {}", stderr(&ran));
        }
    }
    // In a folder, they are skipped and said so, not waited on.
    let ran = run_in(dir.path(), &["check", "."]);
    assert!(
        stderr(&ran).contains("not a regular file"),
        "{}",
        stderr(&ran)
    );
    // And a report is never written into one.
    let (dir, roadmap) = folder_with_roadmap();
    mkfifo(&dir.path().join("out.html"));
    let ran = run_in(dir.path(), &["report", "a.roadmap.toml", "-o", "out.html"]);
    assert_refused(&ran, &roadmap, "a FIFO as the output");
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_checked_and_shown_lossily() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.roadmap.toml");
    fs::write(
        dir.path().join(name),
        ROADMAP.replace("Pass the CKA exam", "Learn stuff"),
    )
    .expect("written");
    let ran = run_in(dir.path(), &["check", "."]);
    let out = stdout(&ran);
    assert!(out.contains("caf\u{FFFD}.roadmap.toml:"), "{out}");
    assert!(out.contains("in 1 file"), "{out}");
}

/// A roadmap whose file name, ids and titles try to forge GitHub workflow
/// commands and drive the terminal.
fn hostile_folder() -> TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let text = r#"[roadmap]
vision = "Lead \u001b]0;PWNED\u0007 the team"
[[goals]]
id = "a\n::error title=x::INJECTED"
title = "Grow\n::error title=y::INJECTED \u001b]0;PWNED\u0007 \u009b31m"
deadline = 2026-01-01
[[goals.actions]]
task = "Do \u001b]0;PWNED\u0007 it\n::warning::INJECTED"
due = 2026-01-02
"#;
    fs::write(dir.path().join(HOSTILE_NAME), text).expect("written");
    dir
}

const HOSTILE_NAME: &str = "evil\n::error title=x::INJECTED\u{1b}]0;PWNED\u{7}\n.roadmap.toml";

/// No line starts a workflow command it was not meant to, and no
/// terminal control sequence gets through.
fn assert_not_forged(output: &str, what: &str, commands_allowed: bool) {
    for line in output.lines() {
        let trimmed = line.trim_start();
        if commands_allowed && line.starts_with("::") {
            assert!(
                ["::error file=", "::warning file=", "::notice file="]
                    .iter()
                    .any(|command| line.starts_with(command)),
                "{what}: a forged command: {line:?}"
            );
        } else {
            assert!(
                !trimmed.starts_with("::"),
                "{what}: a forged command: {line:?}"
            );
        }
    }
    for forbidden in ['\u{7}', '\u{9b}'] {
        assert!(
            !output.contains(forbidden),
            "{what}: {forbidden:?} in {output:?}"
        );
    }
    // Colour (SGR, `ESC [`) is the only escape sequence allowed.
    for (at, _) in output.match_indices('\u{1b}') {
        assert!(
            output[at + 1..].starts_with('['),
            "{what}: a raw escape sequence at {at}: {:?}",
            &output[at..(at + 12).min(output.len())]
        );
    }
}

#[test]
fn user_text_cannot_forge_workflow_commands_or_drive_the_terminal() {
    let dir = hostile_folder();
    let runs: [(&[&str], bool); 11] = [
        (&["check", "."], false),
        (&["check", "--color", "always", "."], false),
        (&["check", "--format", "github", "."], true),
        (&["agenda", "."], false),
        (&["agenda", "--format", "markdown", "."], false),
        (&["agenda", "--color", "always", "."], false),
        (
            &["report", "--format", "markdown", "-o", "-", HOSTILE_NAME],
            false,
        ),
        (
            &["report", "--format", "svg", "-o", "-", HOSTILE_NAME],
            false,
        ),
        (&["check", "--format", "json", "."], false),
        (&["check", "--format", "sarif", "."], false),
        (&["agenda", "--format", "json", "."], false),
    ];
    for (args, commands_allowed) in runs {
        let ran = run_in(dir.path(), args);
        let what = args.join(" ");
        assert_not_forged(&stdout(&ran), &what, commands_allowed);
        assert_not_forged(&stderr(&ran), &format!("{what} (stderr)"), false);
    }
    let ran = run_in(dir.path(), &["check", "."]);
    let out = stdout(&ran);
    assert!(
        out.contains(r"evil\n::error title=x::INJECTED\u{1b}]0;PWNED\u{7}\n.roadmap.toml:"),
        "{out}"
    );
}
