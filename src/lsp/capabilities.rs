//! What the client can do (read once from `initialize`) and what the
//! server offers in return: the two halves of the capability handshake.

use tower_lsp_server::ls_types::*;

use super::convert::Encoding;
use super::to_proto;

/// What the client can do, as far as the server cares.
#[derive(Clone, Copy, Debug, Default)]
pub struct ClientFlags {
    pub encoding: Encoding,
    /// Completion items may carry snippets.
    pub snippets: bool,
    /// The client pulls diagnostics (`textDocument/diagnostic`), so the
    /// server does not also push them.
    pub pull_diagnostics: bool,
    /// The client answers `workspace/configuration`.
    pub configuration: bool,
    /// The client can register a file watcher for `roadmap-lsp.toml`.
    pub watch_files: bool,
    /// The client takes requests to re-fetch these after a settings or
    /// date change; a client that did not say so is never sent one (it
    /// might never answer).
    pub refresh_diagnostics: bool,
    pub refresh_inlay_hints: bool,
    pub refresh_code_lenses: bool,
}

impl ClientFlags {
    /// What the client said it can do in `initialize`.
    pub fn of(params: &InitializeParams) -> ClientFlags {
        let capabilities = &params.capabilities;
        let text_document = capabilities.text_document.as_ref();
        let workspace = capabilities.workspace.as_ref();
        ClientFlags {
            encoding: Encoding::negotiate(
                capabilities
                    .general
                    .as_ref()
                    .and_then(|general| general.position_encodings.as_deref()),
            ),
            snippets: text_document
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|item| item.snippet_support)
                .unwrap_or(false),
            // Pulled diagnostics go stale after a settings change unless the
            // server can ask for a new pull; without that, they are pushed.
            pull_diagnostics: text_document.is_some_and(|t| t.diagnostic.is_some())
                && workspace
                    .and_then(|w| w.diagnostics.as_ref())
                    .and_then(|d| d.refresh_support)
                    .unwrap_or(false),
            configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
            watch_files: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
            refresh_diagnostics: workspace
                .and_then(|w| w.diagnostics.as_ref())
                .and_then(|d| d.refresh_support)
                .unwrap_or(false),
            refresh_inlay_hints: workspace
                .and_then(|w| w.inlay_hint.as_ref())
                .and_then(|h| h.refresh_support)
                .unwrap_or(false),
            refresh_code_lenses: workspace
                .and_then(|w| w.code_lens.as_ref())
                .and_then(|c| c.refresh_support)
                .unwrap_or(false),
        }
    }
}

/// What the server offers, given what the client can take.
pub fn server_capabilities(flags: &ClientFlags) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(flags.encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..TextDocumentSyncOptions::default()
            },
        )),
        diagnostic_provider: flags.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some("roadmap-lsp".to_string()),
                inter_file_dependencies: false,
                workspace_diagnostics: true,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })
        }),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            // `"` opens a value, `[` a header or a list, `=` and space
            // follow a key, `,` separates list items.
            trigger_characters: Some(["\"", "[", "=", " ", ",", "'"].map(String::from).to_vec()),
            ..CompletionOptions::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        inlay_hint_provider: Some(OneOf::Left(true)),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::REFACTOR,
                CodeActionKind::SOURCE_FIX_ALL,
            ]),
            ..CodeActionOptions::default()
        })),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: SemanticTokensLegend {
                    token_types: to_proto::TOKEN_TYPES.to_vec(),
                    token_modifiers: to_proto::token_modifiers(),
                },
                range: Some(true),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            },
        )),
        document_link_provider: Some(DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_range_formatting_provider: Some(OneOf::Left(true)),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![super::agenda::COMMAND.to_string()],
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        ..ServerCapabilities::default()
    }
}
