//! SARIF 2.1.0, the format code-scanning services (GitHub, Azure DevOps,
//! SonarQube) import. Every rule is listed, not only those that fired, so
//! that dashboards can show what was checked and results can refer to rules
//! by index.

use serde_json::{Value, json};

use crate::diagnostic::Diagnostic;
use crate::rules::{Rule, Severity};

use super::{CheckedFile, Report, describe_suggestion};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn render(report: &Report) -> serde_json::Result<String> {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|&rule| rule_descriptor(rule))
        .collect();
    let results: Vec<Value> = report
        .diagnostics()
        .map(|(file, diagnostic)| result(file, diagnostic))
        .collect();
    let document = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": env!("CARGO_PKG_NAME"),
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "informationUri": env!("CARGO_PKG_REPOSITORY"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = crate::escape::json_for_terminal(serde_json::to_string_pretty(&document)?);
    text.push('\n');
    Ok(text)
}

fn rule_descriptor(rule: Rule) -> Value {
    let mut descriptor = json!({
        "id": rule.code(),
        "shortDescription": { "text": rule.summary() },
        "helpUri": rule.docs_url(),
        "defaultConfiguration": { "level": level(rule.default_severity()) },
    });
    // The SMART letter or method step lets dashboards group findings;
    // format rules guard neither.
    if rule.guards() != "—" {
        descriptor["properties"] = json!({ "tags": [rule.guards()] });
    }
    descriptor
}

/// SARIF has no separate "info" or "hint"; both are notes.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn result(file: &CheckedFile, diagnostic: &Diagnostic) -> Value {
    let rule_index = Rule::ALL.iter().position(|&rule| rule == diagnostic.rule);
    let mut result = json!({
        "ruleId": diagnostic.rule.code(),
        "ruleIndex": rule_index,
        "level": level(diagnostic.severity),
        "message": { "text": diagnostic.message },
        "locations": [{ "physicalLocation": physical_location(file, diagnostic.span) }],
    });
    if !diagnostic.related.is_empty() {
        result["relatedLocations"] = diagnostic
            .related
            .iter()
            .enumerate()
            .map(|(id, related)| {
                json!({
                    "id": id,
                    "physicalLocation": physical_location(file, related.span),
                    "message": { "text": related.message },
                })
            })
            .collect();
    }
    if let Some(suggestion) = &diagnostic.suggestion {
        result["fixes"] = json!([{
            "description": { "text": capitalised(&describe_suggestion(file, suggestion)) },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri(&file.path) },
                "replacements": [{
                    "deletedRegion": region(file, suggestion.span),
                    "insertedContent": { "text": suggestion.replacement },
                }],
            }],
        }]);
    }
    result
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn physical_location(file: &CheckedFile, span: crate::span::Span) -> Value {
    json!({
        "artifactLocation": { "uri": uri(&file.path) },
        "region": region(file, span),
    })
}

/// Columns count code points (see `columnKind`) and the end is exclusive,
/// as SARIF defines `endColumn`.
fn region(file: &CheckedFile, span: crate::span::Span) -> Value {
    let span = file.clamp(span);
    let (start, end) = (file.position(span.start), file.position(span.end));
    json!({
        "startLine": start.line,
        "startColumn": start.col,
        "endLine": end.line,
        "endColumn": end.col,
        "byteOffset": span.start,
        "byteLength": span.len(),
    })
}

/// A URI for the path as displayed: a relative reference for relative
/// paths (resolved against the repository by code-scanning services), a
/// `file://` URI for absolute ones; forward slashes, and everything outside
/// the unreserved set percent-encoded so that spaces and `#` survive.
fn uri(path: &str) -> String {
    let path = if cfg!(windows) {
        path.replace('\\', "/")
    } else {
        path.to_string()
    };
    let (mut out, rest) = if path.starts_with('/') {
        ("file://".to_string(), path.as_str())
    } else if is_drive_path(&path) {
        (format!("file:///{}", &path[..2]), &path[2..])
    } else {
        (String::new(), path.as_str())
    };
    for byte in rest.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(byte));
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// `C:/…`, a Windows absolute path once its slashes are turned around.
fn is_drive_path(path: &str) -> bool {
    let bytes = path.as_bytes();
    bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_with_forward_slashes() {
        assert_eq!(uri("team/alex.roadmap.toml"), "team/alex.roadmap.toml");
        assert_eq!(
            uri("my plans/é#1.roadmap.toml"),
            "my%20plans/%C3%A9%231.roadmap.toml"
        );
        assert_eq!(
            uri("/home/a b/x.roadmap.toml"),
            "file:///home/a%20b/x.roadmap.toml"
        );
        assert_eq!(
            uri("C:/plans/x.roadmap.toml"),
            "file:///C:/plans/x.roadmap.toml"
        );
    }
}
