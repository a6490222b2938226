//! Engine types → LSP types. Positions go through [`super::convert`].

use std::str::FromStr;

use ropey::Rope;
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag,
    Location, NumberOrString, Uri,
};

use super::convert::{self, Encoding};
use crate::diagnostic::Diagnostic;
use crate::ide::TextEdit;
use crate::rules::{Rule, Severity};

/// Names the server in every diagnostic, so users can tell whose it is.
pub const SOURCE: &str = "roadmap-lsp";

pub fn diagnostic(
    uri: &Uri,
    rope: &Rope,
    encoding: Encoding,
    diagnostic: &Diagnostic,
) -> lsp::Diagnostic {
    let related = diagnostic
        .related
        .iter()
        .map(|related| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), convert::range(rope, related.span, encoding)),
            message: related.message.clone(),
        })
        .collect::<Vec<_>>();
    let tags = match diagnostic.rule {
        // Greyed out by editors, like an unused import.
        Rule::UnusedAllow => Some(vec![DiagnosticTag::UNNECESSARY]),
        _ => None,
    };
    lsp::Diagnostic {
        range: convert::range(rope, diagnostic.span, encoding),
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.rule.code().to_string())),
        code_description: Uri::from_str(&diagnostic.rule.docs_url())
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: diagnostic.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags,
        data: None,
    }
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// A plain edit (LSP 3.17 has no snippets in workspace edits).
pub fn text_edit(rope: &Rope, encoding: Encoding, edit: &TextEdit) -> lsp::TextEdit {
    lsp::TextEdit::new(convert::range(rope, edit.span, encoding), edit.text.clone())
}
