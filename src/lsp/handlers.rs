//! One function per request: LSP params in, engine feature called with
//! byte offsets, LSP result out. No feature logic lives here.

use std::collections::HashMap;

use tower_lsp_server::ls_types::*;

use super::convert::{self, Encoding};
use super::document::Snapshot;
use super::server::ClientFlags;
use super::to_proto;
use crate::ide::actions::{self, ActionKind};

/// What the server offers, given what the client can take.
pub fn capabilities(flags: &ClientFlags) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(flags.encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..TextDocumentSyncOptions::default()
            },
        )),
        diagnostic_provider: flags.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("roadmap-lsp".to_string()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::REFACTOR]),
            ..CodeActionOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

pub fn diagnostics(snapshot: &Snapshot, encoding: Encoding) -> Vec<Diagnostic> {
    snapshot
        .analysis()
        .diagnostics
        .iter()
        .map(|d| to_proto::diagnostic(&snapshot.uri, &snapshot.rope, encoding, d))
        .collect()
}

pub fn code_actions(
    snapshot: &Snapshot,
    flags: ClientFlags,
    params: &CodeActionParams,
) -> Option<CodeActionResponse> {
    let span = convert::span(&snapshot.rope, params.range, flags.encoding).ok()?;
    let analysis = snapshot.analysis();
    let wanted = |kind: &CodeActionKind| {
        params.context.only.as_ref().is_none_or(|only| {
            only.iter()
                .any(|prefix| kind.as_str().starts_with(prefix.as_str()))
        })
    };
    let response = actions::code_actions(analysis, &snapshot.text, span)
        .into_iter()
        .filter_map(|assist| {
            let kind = match assist.kind {
                ActionKind::QuickFix => CodeActionKind::QUICKFIX,
                ActionKind::Refactor => CodeActionKind::REFACTOR,
            };
            if !wanted(&kind) {
                return None;
            }
            let edits = assist
                .edits
                .iter()
                .map(|edit| to_proto::text_edit(&snapshot.rope, flags.encoding, edit))
                .collect();
            let diagnostics = assist.diagnostic.and_then(|index| {
                let diagnostic = analysis.diagnostics.get(index)?;
                Some(vec![to_proto::diagnostic(
                    &snapshot.uri,
                    &snapshot.rope,
                    flags.encoding,
                    diagnostic,
                )])
            });
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title: assist.title,
                kind: Some(kind),
                diagnostics,
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(snapshot.uri.clone(), edits)])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: assist.preferred.then_some(true),
                ..CodeAction::default()
            }))
        })
        .collect();
    Some(response)
}
