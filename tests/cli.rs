//! End-to-end tests of the `roadmap-lsp` binary: exit statuses, the four
//! output formats, path handling, configuration discovery and `init`.
//! Every run pins "today" so the date rules cannot drift with the clock.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

mod common;

use common::TODAY;

/// The engine flags at least `missing-deadline` (warning) on the goal and
/// `unknown-status` (error) on the misspelt `status = "in-progess"`.
const FLAWED: &str = r#"[roadmap]
title = "Test"
vision = "Be a staff engineer leading the platform group by 2028"
horizon = 2028-12-31
[[goals]]
id = "a"
title = "Ship the billing service migration to Kubernetes"
why = "Platform leadership"
status = "in-progess"
"#;

/// `FLAWED` with a valid status: warnings, but no error.
fn warnings_only() -> String {
    FLAWED.replace(r#"status = "in-progess""#, r#"status = "todo""#)
}

fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_roadmap-lsp"));
    // The tests decide colour and "today" themselves.
    for var in ["ROADMAP_TODAY", "CLICOLOR_FORCE", "CLICOLOR", "NO_COLOR"] {
        command.env_remove(var);
    }
    command
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    binary()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exited normally")
}

fn write(dir: &Path, relative: &str, text: &str) -> PathBuf {
    let path = dir.join(relative);
    fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    fs::write(&path, text).expect("write fixture");
    path
}

/// Runs `check --format json` and parses the document.
fn check_json(dir: &Path, args: &[&str]) -> (Value, Output) {
    let mut all = vec!["check", "--today", TODAY, "--format", "json"];
    all.extend_from_slice(args);
    let output = run_in(dir, &all);
    let json = serde_json::from_str(&stdout(&output)).unwrap_or_else(|error| {
        panic!(
            "not JSON ({error}):\n{}\n{}",
            stdout(&output),
            stderr(&output)
        )
    });
    (json, output)
}

fn codes(file: &Value) -> Vec<String> {
    file["diagnostics"]
        .as_array()
        .expect("diagnostics is an array")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_string())
        .collect()
}

/// 1-based line and character column of a byte offset, computed here
/// independently of the crate, to cross-check reported positions.
fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line as u64, col as u64)
}

// ---------------------------------------------------------------- basics

#[test]
fn help_lists_the_commands_with_examples() {
    let dir = TempDir::new().unwrap();
    let output = run_in(dir.path(), &["--help"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let out = stdout(&output);
    assert!(out.contains("Usage: roadmap-lsp"), "{out}");
    assert!(out.contains("check"), "{out}");
    assert!(out.contains("Examples:"), "{out}");
}

#[test]
fn version_names_the_package_version() {
    let dir = TempDir::new().unwrap();
    let output = run_in(dir.path(), &["--version"]);
    assert_eq!(code(&output), 0);
    assert_eq!(
        stdout(&output).trim(),
        format!("roadmap-lsp {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn check_help_documents_exit_statuses() {
    let dir = TempDir::new().unwrap();
    let output = run_in(dir.path(), &["check", "--help"]);
    assert_eq!(code(&output), 0);
    let out = stdout(&output);
    for needle in [
        "Exit status:",
        "--error-on-warnings",
        "--format",
        "sarif",
        "Examples:",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in:\n{out}");
    }
}

#[test]
fn invalid_today_is_a_usage_error() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.roadmap.toml", FLAWED);
    for bad in ["2026-02-30", "tomorrow", "23/11/2026"] {
        let output = run_in(dir.path(), &["check", "--today", bad, "a.roadmap.toml"]);
        assert_eq!(code(&output), 2, "{bad}");
        assert!(stderr(&output).contains("--today"), "{}", stderr(&output));
        assert!(stdout(&output).is_empty(), "{}", stdout(&output));
    }
    let output = binary()
        .current_dir(dir.path())
        .env("ROADMAP_TODAY", "soon")
        .args(["check", "a.roadmap.toml"])
        .output()
        .unwrap();
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("ROADMAP_TODAY"),
        "{}",
        stderr(&output)
    );
}

// ------------------------------------------------------- exit statuses

#[test]
fn errors_exit_1() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.roadmap.toml", FLAWED);
    let output = run_in(dir.path(), &["check", "--today", TODAY, "a.roadmap.toml"]);
    assert_eq!(code(&output), 1, "{}{}", stdout(&output), stderr(&output));
}

#[test]
fn warnings_exit_0_unless_error_on_warnings() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.roadmap.toml", &warnings_only());
    let (json, output) = check_json(dir.path(), &["a.roadmap.toml"]);
    assert_eq!(json["summary"]["errors"], 0, "{json:#}");
    assert!(json["summary"]["warnings"].as_u64() >= Some(1), "{json:#}");
    assert_eq!(code(&output), 0);

    let output = run_in(
        dir.path(),
        &[
            "check",
            "--today",
            TODAY,
            "--error-on-warnings",
            "a.roadmap.toml",
        ],
    );
    assert_eq!(code(&output), 1, "{}", stdout(&output));
}

#[test]
fn a_clean_run_exits_0_and_says_so() {
    let dir = TempDir::new().unwrap();
    assert_eq!(code(&run_in(dir.path(), &["init", "--today", TODAY])), 0);
    let output = run_in(
        dir.path(),
        &["check", "--today", TODAY, "--error-on-warnings"],
    );
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert_eq!(stdout(&output), "no problems in 1 file\n");
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
}

// ------------------------------------------------------------ formats

/// A rustc-style header: `path:line:col: level[code]: message`.
struct Header {
    path: String,
    line: usize,
    col: usize,
    level: String,
    code: String,
}

fn parse_header(line: &str) -> Option<Header> {
    let mut parts = line.splitn(4, ':');
    let path = parts.next()?.to_string();
    let line_no = parts.next()?.parse().ok()?;
    let col = parts.next()?.parse().ok()?;
    let rest = parts.next()?.strip_prefix(' ')?;
    let (level, rest) = rest.split_once('[')?;
    let (code, rest) = rest.split_once(']')?;
    rest.strip_prefix(": ")?;
    Some(Header {
        path,
        line: line_no,
        col,
        level: level.to_string(),
        code: code.to_string(),
    })
}

#[test]
fn human_output_looks_like_rustc() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "plans/a.roadmap.toml", FLAWED);
    let output = run_in(dir.path(), &["check", "--today", TODAY, "plans"]);
    let out = stdout(&output);
    assert_eq!(code(&output), 1, "{out}");

    let headers: Vec<Header> = out.lines().filter_map(parse_header).collect();
    let status = headers
        .iter()
        .find(|h| h.code == "unknown-status")
        .unwrap_or_else(|| panic!("no unknown-status header in:\n{out}"));
    assert_eq!(
        status.path,
        format!("plans{}a.roadmap.toml", std::path::MAIN_SEPARATOR)
    );
    assert_eq!(status.level, "error");
    assert_eq!(status.line, 9, "{out}");
    assert!(status.col >= 1);
    assert!(
        headers
            .iter()
            .any(|h| h.code == "missing-deadline" && h.level == "warning"),
        "{out}"
    );
    // The offending line is quoted and underlined, and the rule's page is
    // linked.
    assert!(out.contains(r#"| status = "in-progess""#), "{out}");
    assert!(
        out.lines()
            .any(|l| l.trim_start().starts_with('|') && l.contains('^')),
        "no caret line in:\n{out}"
    );
    assert!(out.contains("= note: see http"), "{out}");
    assert!(!out.contains('\u{1b}'), "colour in a pipe:\n{out}");

    // The summary agrees with the JSON counts.
    let (json, _) = check_json(dir.path(), &["plans"]);
    let summary = &json["summary"];
    let (errors, warnings) = (summary["errors"].as_u64(), summary["warnings"].as_u64());
    let plural = |n: Option<u64>, one: &str| match n {
        Some(1) => format!("1 {one}"),
        Some(n) => format!("{n} {one}s"),
        None => panic!("missing count"),
    };
    let mut expected = format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    for (key, name) in [("infos", "info"), ("hints", "hint")] {
        if summary[key].as_u64() != Some(0) {
            expected.push_str(&format!(", {}", plural(summary[key].as_u64(), name)));
        }
    }
    expected.push_str(" in 1 file");
    assert_eq!(out.lines().last(), Some(expected.as_str()), "{out}");
}

#[test]
fn human_output_is_coloured_only_when_asked() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.roadmap.toml", FLAWED);
    let args = ["check", "--today", TODAY, "a.roadmap.toml"];
    let forced = binary()
        .current_dir(dir.path())
        .env("CLICOLOR_FORCE", "1")
        .args(args)
        .output()
        .unwrap();
    assert!(stdout(&forced).contains('\u{1b}'), "{}", stdout(&forced));
    let flag = run_in(dir.path(), &[&args[..], &["--color", "always"]].concat());
    assert!(stdout(&flag).contains('\u{1b}'));
    let no_color = binary()
        .current_dir(dir.path())
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap();
    assert!(
        !stdout(&no_color).contains('\u{1b}'),
        "{}",
        stdout(&no_color)
    );
}

#[test]
fn json_output_has_the_documented_shape() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.roadmap.toml", FLAWED);
    write(dir.path(), "b.roadmap.toml", &warnings_only());
    let (json, output) = check_json(dir.path(), &["a.roadmap.toml", "b.roadmap.toml"]);
    assert_eq!(code(&output), 1);
    assert_eq!(json["version"], 1);

    let files = json["files"].as_array().expect("files");
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["a.roadmap.toml", "b.roadmap.toml"]);
    assert!(codes(&files[0]).contains(&"unknown-status".to_string()));
    assert!(codes(&files[0]).contains(&"missing-deadline".to_string()));
    assert!(!codes(&files[1]).contains(&"unknown-status".to_string()));

    let mut counted = [0u64; 4];
    for (file, text) in files.iter().zip([FLAWED.to_string(), warnings_only()]) {
        for d in file["diagnostics"].as_array().unwrap() {
            for key in [
                "code",
                "severity",
                "message",
                "line",
                "column",
                "end_line",
                "end_column",
                "start_byte",
                "end_byte",
                "docs_url",
                "related",
                "suggestion",
            ] {
                assert!(d.get(key).is_some(), "{key} missing from {d:#}");
            }
            let level = ["error", "warning", "info", "hint"]
                .iter()
                .position(|l| d["severity"] == *l)
                .unwrap_or_else(|| panic!("bad severity in {d:#}"));
            counted[level] += 1;
            // Positions agree with the byte offsets.
            let start = d["start_byte"].as_u64().unwrap() as usize;
            let end = d["end_byte"].as_u64().unwrap() as usize;
            assert!(start <= end && end <= text.len(), "{d:#}");
            assert_eq!(
                line_col(&text, start),
                (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap())
            );
            assert_eq!(
                line_col(&text, end),
                (
                    d["end_line"].as_u64().unwrap(),
                    d["end_column"].as_u64().unwrap()
                )
            );
            assert!(d["docs_url"].as_str().unwrap().starts_with("http"));
            assert!(d["related"].is_array());
            assert!(d["suggestion"].is_null() || d["suggestion"]["replacement"].is_string());
        }
    }
    let status = files[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "unknown-status")
        .unwrap();
    assert_eq!(status["severity"], "error");
    assert_eq!(status["line"], 9);

    let summary = &json["summary"];
    assert_eq!(summary["files"], 2);
    assert_eq!(
        [
            &summary["errors"],
            &summary["warnings"],
            &summary["infos"],
            &summary["hints"]
        ]
        .map(|v| v.as_u64().unwrap()),
        counted
    );
}

#[test]
fn github_output_is_one_workflow_command_per_diagnostic() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.roadmap.toml", FLAWED);
    let output = run_in(
        dir.path(),
        &[
            "check",
            "--today",
            TODAY,
            "--format",
            "github",
            "a.roadmap.toml",
        ],
    );
    assert_eq!(code(&output), 1);
    let out = stdout(&output);
    let (json, _) = check_json(dir.path(), &["a.roadmap.toml"]);
    let expected = json["files"][0]["diagnostics"].as_array().unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{out}");
    assert!(!lines.is_empty());
    for (line, d) in lines.iter().zip(expected) {
        let command = match d["severity"].as_str().unwrap() {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let prefix = format!(
            "::{command} file=a.roadmap.toml,line={},col={},endLine={},endColumn={},title={}::",
            d["line"],
            d["column"],
            d["end_line"],
            d["end_column"],
            d["code"].as_str().unwrap()
        );
        assert!(
            line.starts_with(&prefix),
            "{line}\nexpected prefix {prefix}"
        );
        let message = &line[prefix.len()..];
        assert!(!message.is_empty());
        assert!(!message.contains('\r'));
    }
    assert!(out.contains("title=unknown-status::"), "{out}");
    assert!(out.starts_with("::"), "{out}");
}

#[test]
fn sarif_output_is_sarif_2_1_0() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.roadmap.toml", FLAWED);
    let output = run_in(
        dir.path(),
        &[
            "check",
            "--today",
            TODAY,
            "--format",
            "sarif",
            "a.roadmap.toml",
        ],
    );
    assert_eq!(code(&output), 1);
    let sarif: Value = serde_json::from_str(&stdout(&output)).expect("SARIF is JSON");
    assert_eq!(sarif["version"], "2.1.0");
    assert!(sarif["$schema"].as_str().unwrap().contains("sarif"));
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "roadmap-lsp");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("http")
    );
    let rules = driver["rules"].as_array().unwrap();
    assert!(rules.len() >= 20, "every rule is listed");
    for rule in rules {
        assert!(rule["id"].is_string());
        assert!(rule["shortDescription"]["text"].is_string());
        assert!(rule["helpUri"].as_str().unwrap().starts_with("http"));
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level), "{rule:#}");
    }

    let results = run["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(
            rules[index]["id"], result["ruleId"],
            "ruleIndex points at ruleId"
        );
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        assert!(result["message"]["text"].is_string());
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "a.roadmap.toml");
        let region = &location["region"];
        for key in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[key].as_u64() >= Some(1), "{key} in {region:#}");
        }
    }
    let status = results
        .iter()
        .find(|r| r["ruleId"] == "unknown-status")
        .expect("unknown-status result");
    assert_eq!(status["level"], "error");
    assert_eq!(
        status["locations"][0]["physicalLocation"]["region"]["startLine"],
        9
    );
}

// --------------------------------------------------------------- paths

#[test]
fn a_missing_path_is_one_error_line_and_the_rest_is_still_checked() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "ok.roadmap.toml", &warnings_only());
    let output = run_in(
        dir.path(),
        &[
            "check",
            "--today",
            TODAY,
            "missing.roadmap.toml",
            "ok.roadmap.toml",
        ],
    );
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("error: missing.roadmap.toml: "), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("os error"),
        "{err}"
    );
    assert!(
        stdout(&output).trim_end().ends_with("in 1 file"),
        "{}",
        stdout(&output)
    );

    // Alone, it prints nothing that could pass for a result.
    let output = run_in(dir.path(), &["check", "--today", TODAY, "gone"]);
    assert_eq!(code(&output), 2);
    assert_eq!(stderr(&output).lines().count(), 1);
    assert!(stderr(&output).contains("gone"));
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
}

#[test]
fn invalid_utf8_is_reported_by_path_after_checking_the_others() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("bad.roadmap.toml"),
        b"[roadmap]\ntitle = \"\xff\xfe\"\n",
    )
    .unwrap();
    write(dir.path(), "good.roadmap.toml", FLAWED);
    let (json, output) = check_json(dir.path(), &[]);
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("bad.roadmap.toml"), "{err}");
    assert!(err.contains("UTF-8"), "{err}");
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["path"], "good.roadmap.toml");
    assert!(codes(&files[0]).contains(&"unknown-status".to_string()));
}

/// A file that cannot be read gets one line naming it and the reason, and
/// exit 2. A symbolic link to itself fails for every user, root included;
/// a file without read permission fails too where the tests do not run as
/// root (root reads it regardless).
#[cfg(unix)]
#[test]
fn unreadable_files_are_one_line_with_path_and_reason() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new().unwrap();
    std::os::unix::fs::symlink("loop.roadmap.toml", dir.path().join("loop.roadmap.toml")).unwrap();
    let output = run_in(
        dir.path(),
        &["check", "--today", TODAY, "loop.roadmap.toml"],
    );
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("loop.roadmap.toml:"), "{err}");
    assert!(err.to_lowercase().contains("symbolic links"), "{err}");
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));

    let locked = write(dir.path(), "locked.roadmap.toml", FLAWED);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read(&locked).is_err() {
        let output = run_in(
            dir.path(),
            &["check", "--today", TODAY, "locked.roadmap.toml"],
        );
        assert_eq!(code(&output), 2);
        let err = stderr(&output);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("locked.roadmap.toml: ") && err.contains("ermission"),
            "{err}"
        );
    }
}

/// Invalid UTF-8 named on the command line: one line with the path and
/// where the bad byte is, exit 2, and nothing on stdout.
#[test]
fn invalid_utf8_named_alone_is_one_line_and_exit_2() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("bad.roadmap.toml"),
        b"[roadmap]\ntitle = \"\xff\"\n",
    )
    .unwrap();
    let output = run_in(dir.path(), &["check", "--today", TODAY, "bad.roadmap.toml"]);
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("bad.roadmap.toml: not valid UTF-8 (line 2"),
        "{err}"
    );
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
}

#[test]
fn folders_are_searched_recursively_skipping_build_and_vcs_folders() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    for path in [
        "z.roadmap.toml",
        "a/b/deep.roadmap.toml",
        "a/first.roadmap.toml",
        "target/skip.roadmap.toml",
        "node_modules/pkg/skip.roadmap.toml",
        ".git/skip.roadmap.toml",
        "a/target/skip.roadmap.toml",
    ] {
        write(root, path, &warnings_only());
    }
    write(root, "a/notes.toml", "not = \"a roadmap\"\n");
    write(root, "Cargo.toml", "[package]\n");

    let (json, output) = check_json(root, &[]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let paths: Vec<String> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().replace('\\', "/"))
        .collect();
    assert_eq!(
        paths,
        [
            "a/b/deep.roadmap.toml",
            "a/first.roadmap.toml",
            "z.roadmap.toml"
        ]
    );
    assert_eq!(json["summary"]["files"], 3);

    // A named folder keeps its prefix as typed; a named file is checked
    // whatever its name, and only once.
    let (json, _) = check_json(root, &["a", "a/notes.toml", "a/first.roadmap.toml"]);
    let paths: Vec<String> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().replace('\\', "/"))
        .collect();
    assert_eq!(
        paths,
        [
            "a/b/deep.roadmap.toml",
            "a/first.roadmap.toml",
            "a/notes.toml"
        ]
    );
}

#[test]
fn a_folder_without_roadmaps_is_a_warning_not_a_failure() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "docs/readme.md", "# nothing here\n");
    let output = run_in(dir.path(), &["check", "--today", TODAY, "docs"]);
    assert_eq!(code(&output), 0);
    assert!(
        stderr(&output).contains("docs: no roadmap files"),
        "{}",
        stderr(&output)
    );
    assert_eq!(stdout(&output), "no problems in 0 files\n");
}

// ------------------------------------------------------- configuration

#[test]
fn a_config_file_above_the_roadmap_applies_to_it() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "roadmap-lsp.toml",
        "[rules]\nmissing-deadline = \"off\"\nunknown-status = \"warning\"\n",
    );
    write(dir.path(), "team/alex/a.roadmap.toml", FLAWED);
    let (json, output) = check_json(&dir.path().join("team"), &[]);
    let file = &json["files"][0];
    assert_eq!(
        file["path"].as_str().unwrap().replace('\\', "/"),
        "alex/a.roadmap.toml"
    );
    let found = codes(file);
    assert!(!found.contains(&"missing-deadline".to_string()), "{json:#}");
    let status = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "unknown-status")
        .expect("unknown-status still reported");
    assert_eq!(status["severity"], "warning");
    assert_eq!(code(&output), 0, "{json:#}");
}

#[test]
fn config_problems_are_reported_once_against_the_config_file() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "roadmap-lsp.toml",
        "[rules]\nno-such-rule = \"off\"\n",
    );
    write(dir.path(), "team/a.roadmap.toml", &warnings_only());
    write(dir.path(), "team/b.roadmap.toml", &warnings_only());
    let (json, _) = check_json(&dir.path().join("team"), &[]);
    let files = json["files"].as_array().unwrap();
    let configs: Vec<&Value> = files
        .iter()
        .filter(|f| f["path"].as_str().unwrap().ends_with("roadmap-lsp.toml"))
        .collect();
    assert_eq!(configs.len(), 1, "{json:#}");
    // Named relative to the working folder, like the roadmaps.
    let config_path = configs[0]["path"].as_str().unwrap().replace('\\', "/");
    assert_eq!(config_path, "../roadmap-lsp.toml");
    let diagnostic = &configs[0]["diagnostics"][0];
    assert_eq!(diagnostic["line"], 2, "{json:#}");
    assert_eq!(
        json["summary"]["files"], 2,
        "configs are not counted as roadmaps"
    );
}

// ---------------------------------------------------------------- init

#[test]
fn init_writes_a_starter_that_passes_check_cleanly() {
    let dir = TempDir::new().unwrap();
    let output = run_in(dir.path(), &["init", "--today", TODAY]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let out = stdout(&output);
    assert!(out.contains("career.roadmap.toml"), "{out}");
    assert!(
        out.contains("roadmap-lsp check career.roadmap.toml"),
        "{out}"
    );

    let text = fs::read_to_string(dir.path().join("career.roadmap.toml")).unwrap();
    for needle in [
        "vision",
        "horizon",
        "[[skills]]",
        "[[goals]]",
        "why",
        "deadline",
        "[goals.metric]",
        "[[goals.actions]]",
        "owner",
        "resources",
        "obstacles",
        "urgent",
        "important",
        "[[reviews]]",
        "last_review = 2026-11-23",
        "[[people]]",
        "last_met = 2026-11-23",
        "[[wins]]",
    ] {
        assert!(text.contains(needle), "starter lacks {needle}");
    }

    let (json, output) = check_json(dir.path(), &["career.roadmap.toml"]);
    assert_eq!(code(&output), 0);
    assert_eq!(
        json["files"][0]["diagnostics"],
        Value::Array(Vec::new()),
        "{json:#}"
    );
    // Still clean under the strictest exit policy.
    let strict = run_in(
        dir.path(),
        &[
            "check",
            "--today",
            TODAY,
            "--error-on-warnings",
            "career.roadmap.toml",
        ],
    );
    assert_eq!(code(&strict), 0, "{}", stdout(&strict));
}

#[test]
fn init_into_a_folder_writes_the_default_name_there() {
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("docs")).unwrap();
    let output = run_in(dir.path(), &["init", "--today", TODAY, "docs"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(dir.path().join("docs/career.roadmap.toml").is_file());
    // No temporary file is left behind.
    let entries: Vec<_> = fs::read_dir(dir.path().join("docs")).unwrap().collect();
    assert_eq!(entries.len(), 1);
}

#[test]
fn init_never_clobbers_without_force() {
    let dir = TempDir::new().unwrap();
    let path = write(dir.path(), "mine.roadmap.toml", "# my own notes\n");
    let output = run_in(dir.path(), &["init", "--today", TODAY, "mine.roadmap.toml"]);
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("mine.roadmap.toml") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), "# my own notes\n");

    let output = run_in(
        dir.path(),
        &["init", "--today", TODAY, "--force", "mine.roadmap.toml"],
    );
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(fs::read_to_string(&path).unwrap().contains("[[goals]]"));
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );
}

#[test]
fn init_with_a_folder_name_makes_the_folder() {
    let dir = TempDir::new().unwrap();
    for name in ["plans", "notes/"] {
        let output = run_in(dir.path(), &["init", "--today", TODAY, name]);
        assert_eq!(code(&output), 0, "{}", stderr(&output));
        let written = dir
            .path()
            .join(name.trim_end_matches('/'))
            .join("career.roadmap.toml");
        assert!(
            written.is_file(),
            "{name}: nothing at {}",
            written.display()
        );
    }
}

#[test]
fn init_into_a_missing_folder_fails_cleanly() {
    let dir = TempDir::new().unwrap();
    let output = run_in(
        dir.path(),
        &["init", "--today", TODAY, "nowhere/x.roadmap.toml"],
    );
    assert_eq!(code(&output), 2);
    let err = stderr(&output);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("nowhere"), "{err}");
}

#[test]
fn a_folder_search_skips_test_data_and_hidden_folders_unless_named() {
    let dir = TempDir::new().expect("tempdir");
    let broken = "[[goals]\ntitle = \"x\"\n";
    write(dir.path(), "plan.roadmap.toml", &warnings_only());
    write(dir.path(), "fixtures/broken.roadmap.toml", broken);
    write(dir.path(), "tests/data/broken.roadmap.toml", broken);
    write(dir.path(), ".cache/copy.roadmap.toml", broken);
    write(dir.path(), "team/ok.roadmap.toml", &warnings_only());
    let (report, output) = check_json(dir.path(), &["."]);
    let paths: Vec<&str> = report["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| f["path"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        paths,
        ["plan.roadmap.toml", "team/ok.roadmap.toml"],
        "{output:?}"
    );
    // Named, a skipped folder is searched.
    let (report, _) = check_json(dir.path(), &["fixtures"]);
    assert_eq!(report["files"][0]["path"], "fixtures/broken.roadmap.toml");
}

// ------------------------------------------------------------------- fmt

/// Keys out of order, spacing to normalise, comments that must travel.
const UNFORMATTED: &str = "# my plan\n[roadmap]\nvision=\"Lead the platform team of five engineers by 2028\"\ntitle  = \"Staff 🚀\"   # 目标\n[[goals]]\nstatus=\"todo\"\n# the id\nid = \"a\"\n";

const FORMATTED: &str = "# my plan\n[roadmap]\ntitle = \"Staff 🚀\"   # 目标\nvision = \"Lead the platform team of five engineers by 2028\"\n\n[[goals]]\n# the id\nid = \"a\"\nstatus = \"todo\"\n";

#[test]
fn fmt_check_exits_1_listing_what_would_change_and_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let plan = dir.path().join("plan.roadmap.toml");
    fs::write(&plan, UNFORMATTED).unwrap();
    fs::write(dir.path().join("done.roadmap.toml"), FORMATTED).unwrap();
    let output = run_in(dir.path(), &["fmt", "--check"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    assert_eq!(stdout(&output), "Would reformat: plan.roadmap.toml\n");
    assert!(
        stderr(&output).contains("1 file would be reformatted, 1 file already formatted"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(&plan).unwrap(), UNFORMATTED);

    let output = run_in(dir.path(), &["fmt", "--diff", "plan.roadmap.toml"]);
    assert_eq!(code(&output), 1);
    let diff = stdout(&output);
    assert!(
        diff.starts_with("--- plan.roadmap.toml\n+++ plan.roadmap.toml\n"),
        "{diff}"
    );
    assert!(
        diff.contains("-status=\"todo\"\n") && diff.contains("+status = \"todo\"\n"),
        "{diff}"
    );
    assert_eq!(fs::read_to_string(&plan).unwrap(), UNFORMATTED);
}

#[test]
fn fmt_rewrites_in_place_then_check_exits_0() {
    let dir = TempDir::new().unwrap();
    let plan = dir.path().join("plan.roadmap.toml");
    fs::write(&plan, UNFORMATTED).unwrap();
    let output = run_in(dir.path(), &["fmt"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(fs::read_to_string(&plan).unwrap(), FORMATTED);
    let output = run_in(dir.path(), &["fmt", "--check", "plan.roadmap.toml"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert_eq!(stdout(&output), "");
    let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

#[test]
fn fmt_exits_2_on_a_path_it_cannot_read_and_still_formats_the_others() {
    let dir = TempDir::new().unwrap();
    let plan = dir.path().join("plan.roadmap.toml");
    fs::write(&plan, UNFORMATTED).unwrap();
    let output = run_in(
        dir.path(),
        &["fmt", "missing.roadmap.toml", "plan.roadmap.toml"],
    );
    assert_eq!(code(&output), 2);
    assert!(
        stderr(&output).contains("error: missing.roadmap.toml: No such file or directory"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(&plan).unwrap(), FORMATTED);
    let output = run_in(dir.path(), &["fmt", "--check", "--today"]);
    assert_eq!(code(&output), 2, "a usage error");
}

#[test]
fn fmt_keeps_a_broken_table_and_follows_reorder_keys_from_the_configuration() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("roadmap-lsp.toml"),
        "[format]\nreorder-keys = false\n",
    )
    .unwrap();
    let plan = dir.path().join("plan.roadmap.toml");
    let broken = "[[goals]]\nstatus=\"todo\"\nid = \"b\n";
    fs::write(
        &plan,
        format!("[[goals]]\nstatus=\"todo\"\nid=\"a\"\n{broken}"),
    )
    .unwrap();
    let output = run_in(dir.path(), &["fmt", "plan.roadmap.toml"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("warning: plan.roadmap.toml:4: this table has a syntax error"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        fs::read_to_string(&plan).unwrap(),
        format!("[[goals]]\nstatus = \"todo\"\nid = \"a\"\n\n{broken}")
    );
}

#[test]
fn the_starter_init_writes_is_already_formatted_and_clean() {
    let dir = TempDir::new().expect("tempdir");
    assert_eq!(code(&run_in(dir.path(), &["init"])), 0);
    let checked = run_in(dir.path(), &["fmt", "--check"]);
    assert_eq!(code(&checked), 0, "{}", stdout(&checked));
}
