//! The `--format json` document. Its shape is a public interface for
//! scripts, versioned by the top-level `version` field: add fields, never
//! rename or remove them without bumping it.

use serde::Serialize;

use crate::diagnostic::Diagnostic;

use super::{CheckedFile, Report};

const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    files: Vec<File<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// Lines and columns are 1-based; columns count characters, and the end is
/// exclusive (the position just after the last character), like SARIF.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    severity: &'static str,
    message: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    start_byte: usize,
    end_byte: usize,
    docs_url: String,
    related: Vec<Related<'a>>,
    suggestion: Option<Suggestion<'a>>,
}

#[derive(Serialize)]
struct Related<'a> {
    line: usize,
    column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct Suggestion<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    start_byte: usize,
    end_byte: usize,
    replacement: &'a str,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    infos: usize,
    hints: usize,
    files: usize,
}

pub fn render(report: &Report) -> serde_json::Result<String> {
    let summary = &report.summary;
    let document = Document {
        version: FORMAT_VERSION,
        files: report.files.iter().map(file).collect(),
        summary: Summary {
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
            hints: summary.hints,
            files: summary.files,
        },
    };
    let mut text = crate::escape::json_for_terminal(serde_json::to_string_pretty(&document)?);
    text.push('\n');
    Ok(text)
}

fn file(file: &CheckedFile) -> File<'_> {
    File {
        path: &file.path,
        diagnostics: file
            .diagnostics
            .iter()
            .map(|diagnostic| convert(file, diagnostic))
            .collect(),
    }
}

fn convert<'a>(file: &'a CheckedFile, diagnostic: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let span = file.clamp(diagnostic.span);
    let (start, end) = (file.position(span.start), file.position(span.end));
    JsonDiagnostic {
        code: diagnostic.rule.code(),
        severity: diagnostic.severity.as_str(),
        message: &diagnostic.message,
        line: start.line,
        column: start.col,
        end_line: end.line,
        end_column: end.col,
        start_byte: span.start,
        end_byte: span.end,
        docs_url: diagnostic.rule.docs_url(),
        related: diagnostic
            .related
            .iter()
            .map(|related| {
                let at = file.position(file.clamp(related.span).start);
                Related {
                    line: at.line,
                    column: at.col,
                    message: &related.message,
                }
            })
            .collect(),
        suggestion: diagnostic.suggestion.as_ref().map(|suggestion| {
            let span = file.clamp(suggestion.span);
            let (start, end) = (file.position(span.start), file.position(span.end));
            Suggestion {
                line: start.line,
                column: start.col,
                end_line: end.line,
                end_column: end.col,
                start_byte: span.start,
                end_byte: span.end,
                replacement: &suggestion.replacement,
            }
        }),
    }
}
