//! The committed JSON Schema: it is what `roadmap-lsp schema` prints, and it
//! agrees with the checker on every fixture — files the checker finds no
//! format error in validate, and files with an unknown key, an unknown
//! status or an invalid value do not.

use std::path::{Path, PathBuf};

use roadmap_lsp::config::Settings;
use roadmap_lsp::model::json_schema::roadmap_schema_text;
use roadmap_lsp::{Rule, analyze};
use serde_json::Value;

mod common;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let path = repo().join("schema/roadmap.schema.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = roadmap_schema_text();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).expect("schema/ is writable");
        return;
    }
    assert!(
        committed == generated,
        "schema/roadmap.schema.json is out of date: run `cargo run -- schema > schema/roadmap.schema.json` \
         (or UPDATE_SCHEMA=1 cargo test --test schema)"
    );
}

#[test]
fn the_binary_prints_the_committed_schema() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_roadmap-lsp"))
        .arg("schema")
        .output()
        .expect("the binary runs");
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        roadmap_schema_text()
    );
}

/// TOML as JSON the way taplo and tombi see it: dates become strings.
fn to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(to_json).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.into_iter().map(|(k, v)| (k, to_json(v))).collect())
        }
    }
}

fn roadmap_fixtures(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixtures/ is readable")
        .map(|entry| entry.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            roadmap_fixtures(&path, out);
        } else if path.to_string_lossy().ends_with(".roadmap.toml") {
            out.push(path);
        }
    }
}

#[test]
fn fixtures_validate_exactly_when_the_checker_finds_no_format_error() {
    let schema: Value = serde_json::from_str(&roadmap_schema_text()).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid draft-7 schema");
    let mut files = Vec::new();
    roadmap_fixtures(&repo().join("fixtures"), &mut files);
    let format_errors = [
        Rule::UnknownKey,
        Rule::UnknownStatus,
        Rule::NonstandardStatus,
        Rule::InvalidValue,
    ];
    let (mut valid, mut invalid) = (0, 0);
    for path in files {
        let text = std::fs::read_to_string(&path).expect("UTF-8");
        let Ok(table) = toml::from_str::<toml::Table>(&text) else {
            continue; // Not TOML: no JSON tool gets as far as the schema.
        };
        let json = to_json(toml::Value::Table(table));
        let diagnostics = analyze(&text, common::today(), &Settings::default()).diagnostics;
        let expected = !diagnostics.iter().any(|d| format_errors.contains(&d.rule));
        let errors: Vec<String> = validator
            .iter_errors(&json)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert_eq!(
            errors.is_empty(),
            expected,
            "{}: schema says {errors:?}",
            path.display()
        );
        if expected {
            valid += 1;
        } else {
            invalid += 1;
        }
    }
    assert!(valid >= 4, "only {valid} valid fixtures were validated");
    assert!(invalid >= 1, "no fixture exercised a schema error");
}

#[test]
fn the_starter_roadmap_validates() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("career.roadmap.toml");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_roadmap-lsp"))
        .args(["init", "--today", common::TODAY])
        .arg(&path)
        .output()
        .expect("the binary runs")
        .status;
    assert!(status.success());
    let text = std::fs::read_to_string(&path).expect("written");
    let json = to_json(toml::Value::Table(toml::from_str(&text).expect("TOML")));
    let schema: Value = serde_json::from_str(&roadmap_schema_text()).expect("JSON");
    assert!(jsonschema::is_valid(&schema, &json));
}
