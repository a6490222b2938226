//! The `LanguageServer` implementation: the document lifecycle (open,
//! change, save, close), settings and watched files, and one line per
//! request into [`crate::lsp::handlers`].

use super::*;

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let flags = ClientFlags::of(&params);
        {
            let mut state = self.state();
            state.flags = flags;
            state.today = resolve_today(None);
            state.roots = workspace_roots(&params);
        }
        if let Some(options) = &params.initialization_options {
            self.apply_editor_settings(options).await;
            self.state().initial_options = settings::overlay(&serde_json::Value::Null, options);
        }
        tracing::info!(?flags, client = ?params.client_info, "initialize");
        Ok(InitializeResult {
            capabilities: capabilities::server_capabilities(&flags),
            server_info: Some(ServerInfo {
                name: "roadmap-lsp".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let flags = self.state().flags;
        if flags.watch_files {
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![
                    FileSystemWatcher {
                        glob_pattern: GlobPattern::String(format!("**/{CONFIG_FILE_NAME}")),
                        kind: None,
                    },
                    // Roadmaps that are not open, for workspace diagnostics.
                    FileSystemWatcher {
                        glob_pattern: GlobPattern::String(format!("**/*{ROADMAP_SUFFIX}")),
                        kind: None,
                    },
                ],
            };
            let registration = Registration {
                id: "roadmap-lsp-config-watcher".to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(options).ok(),
            };
            self.ask_client("client/registerCapability", |client| async move {
                client.register_capability(vec![registration]).await
            });
        }
        // Editors open documents without waiting for the settings: those
        // are re-checked when the settings arrive.
        self.0.pull_configuration();
        let shared = Arc::clone(&self.0);
        tokio::spawn(async move { shared.publish_workspace().await });
        let shared = Arc::clone(&self.0);
        tokio::spawn(async move { shared.follow_the_calendar().await });
        self.client
            .log_message(
                MessageType::INFO,
                format!("roadmap-lsp {} ready", env!("CARGO_PKG_VERSION")),
            )
            .await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.shut_down.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let document = params.text_document;
        let (snapshot, load) = {
            let mut state = self.state();
            let (settings, load) = self.settings_for(&mut state, &document.uri);
            let rope = Rope::from_str(&document.text);
            let mut snapshot = Snapshot::new(
                document.uri.clone(),
                document.version,
                rope.clone(),
                Arc::from(document.text),
                settings,
                Shared::today(&state),
            );
            snapshot.history = self.cached_history(&document.uri);
            let snapshot = Arc::new(snapshot);
            state
                .documents
                .insert(document.uri, Document::new(rope, Arc::clone(&snapshot)));
            (snapshot, load)
        };
        let reloaded = load.as_ref().is_some_and(ConfigLoad::is_reload);
        let uri = snapshot.uri.clone();
        self.report_config(load).await;
        self.publish(snapshot).await;
        if reloaded {
            self.0.recheck_all().await;
        }
        self.0.spawn_history_refresh(vec![uri]);
    }

    /// Saving is when users expect a changed `roadmap-lsp.toml` to apply,
    /// also in clients that cannot watch files (Neovim on Linux).
    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        if self.configs_changed() {
            self.0.recheck_all().await;
        }
        self.0.spawn_history_refresh(vec![params.text_document.uri]);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let snapshot = {
            let mut state = self.state();
            // With the lock held, so the hostile suite also covers a
            // poisoned lock.
            self.test_panic.in_handler("textDocument/didChange");
            let encoding = state.flags.encoding;
            let Some(document) = state.documents.get_mut(&uri) else {
                tracing::error!(
                    uri = uri.as_str(),
                    "didChange for a document that is not open"
                );
                return;
            };
            let current = document.snapshot.version;
            if version <= current {
                tracing::error!(
                    uri = uri.as_str(),
                    version,
                    current,
                    "didChange with a stale version ignored"
                );
                let warn = !std::mem::replace(&mut document.warned, true);
                drop(state);
                if warn {
                    self.tell_edit_lost(
                        &uri,
                        &format!("it was numbered {version}, not after the current {current}"),
                    );
                }
                return;
            }
            let changes = &params.content_changes[..];
            let changes = if document.out_of_sync {
                // Only a whole text is known to match the editor's.
                match changes.iter().rposition(|change| change.range.is_none()) {
                    Some(last_whole) => &changes[last_whole..],
                    None => return,
                }
            } else {
                changes
            };
            let (rope, edit) = match apply_changes(&document.rope, changes, encoding) {
                Ok(applied) => applied,
                Err(error) => {
                    tracing::error!(uri = uri.as_str(), version, %error, "didChange refused; the document is unchanged");
                    document.out_of_sync = true;
                    let warn = !std::mem::replace(&mut document.warned, true);
                    drop(state);
                    if warn {
                        self.tell_edit_lost(&uri, &error.to_string());
                    }
                    return;
                }
            };
            document.out_of_sync = false;
            let text = shared_text(&rope);
            let snapshot = Arc::new(document.snapshot.edited(version, rope.clone(), text, edit));
            document.rope = rope;
            let previous = std::mem::replace(&mut document.snapshot, Arc::clone(&snapshot));
            // Freeing a large analysis takes milliseconds: not here.
            tokio::task::spawn_blocking(move || drop(previous));
            snapshot
        };
        // The document being typed in keeps what its checker holds.
        self.keep_recent_analyses(Some(&snapshot.uri));
        self.publish(snapshot).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        let (closed, pull) = {
            let mut state = self.state();
            state.recent.retain(|recent| *recent != uri);
            (state.documents.remove(&uri), state.flags.pull_diagnostics)
        };
        let was_open = closed.is_some();
        let large = closed.is_some_and(|document| document.rope.len_bytes() >= TRIM_AFTER_BYTES);
        if large {
            // Dropped above (unless a request still reads its snapshot):
            // give the pages back. Before the first `.await`, so a request
            // sent after the close is answered after the trim.
            release_freed_memory();
        }
        let in_workspace = Shared::in_workspace(&self.state(), &uri);
        if in_workspace {
            // Still in the workspace: its saved text's diagnostics again.
            self.0.publish_workspace().await;
        } else if was_open && !pull {
            self.send_diagnostics(&uri, None, &[]).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        if params.settings.is_null() || params.settings.as_object().is_some_and(|o| o.is_empty()) {
            // Re-checked when (if) the client answers.
            self.0.pull_configuration();
        } else {
            // Newer than any answer still on its way.
            let request = self.configuration_requests.fetch_add(1, Ordering::SeqCst) + 1;
            self.configuration_applied
                .fetch_max(request, Ordering::SeqCst);
            self.apply_editor_settings(&params.settings).await;
            self.0.recheck_all().await;
        }
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let roadmaps: Vec<FileEvent> = params
            .changes
            .iter()
            .filter(|change| {
                change
                    .uri
                    .to_file_path()
                    .is_some_and(|path| path.file_name().is_some_and(is_roadmap_name))
            })
            .cloned()
            .collect();
        if !roadmaps.is_empty() {
            self.0.roadmaps_changed_on_disk(&roadmaps).await;
        }
        let touches_config = params.changes.iter().any(|change| {
            change.uri.to_file_path().is_some_and(|path| {
                path.file_name()
                    .is_some_and(|name| name == CONFIG_FILE_NAME)
            })
        });
        if touches_config {
            self.state().config_files.clear();
            // A deleted configuration file takes its problems with it.
            for change in &params.changes {
                if change.typ == FileChangeType::DELETED {
                    self.send_diagnostics(&change.uri, None, &[]).await;
                }
            }
            self.0.recheck_all().await;
        }
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let items = self
            .run(
                "textDocument/diagnostic",
                &params.text_document.uri,
                |snapshot, flags| Some(handlers::diagnostics(snapshot, flags.encoding)),
            )
            .await?
            .unwrap_or_default();
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None,
                full_document_diagnostic_report: FullDocumentDiagnosticReport {
                    result_id: None,
                    items,
                },
            }),
        ))
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        self.run("textDocument/hover", &at.text_document.uri, move |s, f| {
            handlers::hover(s, f, at.position)
        })
        .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let at = params.text_document_position;
        self.run(
            "textDocument/completion",
            &at.text_document.uri,
            move |s, f| handlers::completion(s, f, at.position),
        )
        .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.run(
            "textDocument/documentSymbol",
            &params.text_document.uri,
            handlers::document_symbols,
        )
        .await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        let (snapshots, flags): (Vec<Arc<Snapshot>>, ClientFlags) = {
            let state = self.state();
            (
                state
                    .documents
                    .values()
                    .map(|d| Arc::clone(&d.snapshot))
                    .collect(),
                state.flags,
            )
        };
        let query = params.query;
        let found = tokio::task::spawn_blocking(move || {
            snapshots
                .iter()
                .flat_map(|snapshot| handlers::workspace_symbols(snapshot, flags.encoding, &query))
                .collect::<Vec<_>>()
        })
        .await
        .map_err(|error| {
            tracing::error!(%error, "workspace/symbol failed");
            Error::internal_error()
        })?;
        self.keep_recent_analyses(None);
        Ok(Some(WorkspaceSymbolResponse::Flat(found)))
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let at = params.text_document_position_params;
        self.run(
            "textDocument/definition",
            &at.text_document.uri,
            move |s, f| handlers::definition(s, f, at.position),
        )
        .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let uri = params.text_document_position.text_document.uri.clone();
        self.run("textDocument/references", &uri, move |s, f| {
            handlers::references(s, f, &params)
        })
        .await
    }

    async fn prepare_rename(
        &self,
        params: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>> {
        let uri = params.text_document.uri.clone();
        self.run("textDocument/prepareRename", &uri, move |s, f| {
            Some(handlers::prepare_rename(s, f, params.position))
        })
        .await?
        .transpose()
        .map(Option::flatten)
        .map_err(refusal)
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let uri = params.text_document_position.text_document.uri.clone();
        self.run("textDocument/rename", &uri, move |s, f| {
            Some(handlers::rename(s, f, &params))
        })
        .await?
        .transpose()
        .map(Option::flatten)
        .map_err(refusal)
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.run(
            "textDocument/foldingRange",
            &params.text_document.uri,
            handlers::folding_ranges,
        )
        .await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        if !self.state().editor.inlay_hints {
            return Ok(Some(Vec::new()));
        }
        let range = params.range;
        self.run(
            "textDocument/inlayHint",
            &params.text_document.uri,
            move |s, f| handlers::inlay_hints(s, f, range),
        )
        .await
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        if !self.state().editor.code_lens {
            return Ok(Some(Vec::new()));
        }
        self.run(
            "textDocument/codeLens",
            &params.text_document.uri,
            handlers::code_lenses,
        )
        .await
    }

    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
        if params.command != crate::lsp::agenda::COMMAND {
            return Err(refusal(format!("unknown command {:?}", params.command)));
        }
        let (roots, open, today) = {
            let state = self.state();
            let open: Vec<Arc<Snapshot>> = state
                .documents
                .values()
                .map(|d| Arc::clone(&d.snapshot))
                .collect();
            (state.roots.clone(), open, Shared::today(&state))
        };
        let roots = crate::lsp::agenda::roots(&params.arguments, &roots).map_err(refusal)?;
        let markdown =
            tokio::task::spawn_blocking(move || crate::lsp::agenda::markdown(&roots, &open, today))
                .await
                .map_err(|error| {
                    tracing::error!(%error, "roadmap.agenda failed");
                    Error::internal_error()
                })?;
        self.keep_recent_analyses(None);
        Ok(Some(serde_json::Value::String(markdown)))
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        self.run(
            "textDocument/semanticTokens/full",
            &params.text_document.uri,
            |s, f| handlers::semantic_tokens(s, f, None).map(SemanticTokensResult::Tokens),
        )
        .await
    }

    async fn semantic_tokens_range(
        &self,
        params: SemanticTokensRangeParams,
    ) -> Result<Option<SemanticTokensRangeResult>> {
        let range = params.range;
        self.run(
            "textDocument/semanticTokens/range",
            &params.text_document.uri,
            move |s, f| handlers::semantic_tokens(s, f, Some(range)).map(Into::into),
        )
        .await
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        self.run(
            "textDocument/documentLink",
            &params.text_document.uri,
            handlers::document_links,
        )
        .await
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        let positions = params.positions;
        self.run(
            "textDocument/selectionRange",
            &params.text_document.uri,
            move |s, f| handlers::selection_ranges(s, f, &positions),
        )
        .await
    }

    async fn workspace_diagnostic(
        &self,
        _: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        let shared = Arc::clone(&self.0);
        let reports = tokio::task::spawn_blocking(move || shared.workspace_reports())
            .await
            .map_err(|error| {
                tracing::error!(%error, "workspace/diagnostic failed");
                Error::internal_error()
            })?;
        self.keep_recent_analyses(None);
        let items = reports
            .into_iter()
            .map(|report| {
                WorkspaceDocumentDiagnosticReport::Full(WorkspaceFullDocumentDiagnosticReport {
                    uri: report.uri,
                    version: report.version.map(i64::from),
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id: None,
                        items: report.items.to_vec(),
                    },
                })
            })
            .collect();
        Ok(WorkspaceDiagnosticReportResult::Report(
            WorkspaceDiagnosticReport { items },
        ))
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        {
            let mut state = self.state();
            let folder = |f: &WorkspaceFolder| f.uri.to_file_path().map(|p| p.into_owned());
            let removed: Vec<PathBuf> = params.event.removed.iter().filter_map(folder).collect();
            state.roots.retain(|root| !removed.contains(root));
            for added in params.event.added.iter().filter_map(folder) {
                if !state.roots.contains(&added) {
                    state.roots.push(added);
                }
            }
        }
        let (pull, open): (bool, Vec<Uri>) = {
            let state = self.state();
            let open = state.documents.keys().cloned().collect();
            (state.flags.pull_diagnostics, open)
        };
        if !pull {
            // Roadmaps of a folder that left the workspace lose their
            // diagnostics, unless they are open.
            let gone: Vec<Uri> = {
                let mut state = self.state();
                let state = &mut *state;
                let kept: Vec<PathBuf> = state.disk_reports.keys().cloned().collect();
                kept.into_iter()
                    .filter_map(|path| {
                        let uri = Uri::from_file_path(&path)?;
                        let stays = Shared::in_workspace(state, &uri) || open.contains(&uri);
                        if stays {
                            return None;
                        }
                        state.disk_reports.remove(&path);
                        Some(uri)
                    })
                    .collect()
            };
            for uri in gone {
                self.send_diagnostics(&uri, None, &[]).await;
            }
        }
        self.0.publish_workspace().await;
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let uri = params.text_document.uri.clone();
        self.run("textDocument/formatting", &uri, move |s, f| {
            handlers::formatting(s, f, &params.options)
        })
        .await
    }

    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        let uri = params.text_document.uri.clone();
        self.run("textDocument/rangeFormatting", &uri, move |s, f| {
            handlers::range_formatting(s, f, params.range, &params.options)
        })
        .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri.clone();
        self.run("textDocument/codeAction", &uri, move |s, f| {
            handlers::code_actions(s, f, &params)
        })
        .await
    }
}

/// A request the user asked for but that cannot be done (a rename to a
/// name already taken): an error the editor shows as it is.
fn refusal(reason: String) -> Error {
    let mut error = Error::invalid_params(reason.clone());
    error.message = reason.into();
    error
}
