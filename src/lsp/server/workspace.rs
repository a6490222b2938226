//! Diagnostics for every roadmap in the workspace folders, open or not:
//! pulled with `workspace/diagnostic` (LSP 3.17), or pushed to clients
//! that do not pull. A file that is not open is read from disk and its
//! report kept until the file, the settings or the day change.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use chrono::NaiveDate;
use ropey::Rope;
use tower_lsp_server::ls_types::*;

use super::{Shared, State};
use crate::analysis::analyze;
use crate::config::Settings;
use crate::lsp::convert::Encoding;
use crate::lsp::to_proto;
use crate::workspace::walk;

/// A roadmap's report as read from disk.
#[derive(Debug)]
pub(super) struct DiskReport {
    modified: Option<SystemTime>,
    len: u64,
    today: NaiveDate,
    settings: Arc<Settings>,
    encoding: Encoding,
    items: Arc<Vec<Diagnostic>>,
}

/// One roadmap's diagnostics, for a workspace report or a publish.
pub(super) struct Report {
    pub uri: Uri,
    /// The open document's version; `None` for a file read from disk.
    pub version: Option<i32>,
    pub items: Arc<Vec<Diagnostic>>,
}

/// The `*.roadmap.toml` files under the workspace folders.
fn roadmaps_in(roots: &[PathBuf]) -> Vec<PathBuf> {
    if roots.is_empty() {
        return Vec::new();
    }
    let mut seen = HashSet::new();
    walk::collect(roots)
        .targets
        .into_iter()
        .map(|target| canonical(&target.path))
        .filter(|path| seen.insert(path.clone()))
        .collect()
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

impl Shared {
    /// Every roadmap under the workspace folders with its diagnostics:
    /// open ones as the editor has them, the others as saved. Runs on a
    /// blocking thread (it reads files).
    pub(super) fn workspace_reports(&self) -> Vec<Report> {
        let (roots, open) = {
            let state = self.state();
            let open: HashMap<PathBuf, Uri> = state
                .documents
                .keys()
                .filter_map(|uri| Some((canonical(&uri.to_file_path()?), uri.clone())))
                .collect();
            (state.roots.clone(), open)
        };
        let mut reports = Vec::new();
        for path in roadmaps_in(&roots) {
            if let Some(uri) = open.get(&path) {
                let Some((snapshot, flags)) = self.snapshot(uri) else {
                    continue;
                };
                let items = crate::lsp::handlers::diagnostics(&snapshot, flags.encoding);
                reports.push(Report {
                    uri: uri.clone(),
                    version: Some(snapshot.version),
                    items: Arc::new(items),
                });
            } else if let Some(report) = self.disk_report(&path) {
                reports.push(report);
            }
        }
        reports
    }

    /// The diagnostics of a roadmap that is not open, from its saved text;
    /// `None` when it cannot be read as a regular UTF-8 file.
    fn disk_report(&self, path: &Path) -> Option<Report> {
        let uri = Uri::from_file_path(path)?;
        let metadata = std::fs::metadata(path).ok()?;
        let (modified, len) = (metadata.modified().ok(), metadata.len());
        let (settings, today, encoding) = {
            let mut state = self.state();
            let (settings, _) = self.settings_for(&mut state, &uri);
            (settings, Shared::today(&state), state.flags.encoding)
        };
        if let Some(kept) = self.state().disk_reports.get(path)
            && kept.modified == modified
            && kept.len == len
            && kept.today == today
            && kept.encoding == encoding
            && *kept.settings == *settings
        {
            return Some(Report {
                uri,
                version: None,
                items: Arc::clone(&kept.items),
            });
        }
        let text = crate::workspace::read_regular_text(path).ok()?;
        let analysis = analyze(&text, today, &settings);
        let rope = Rope::from_str(&text);
        let items: Arc<Vec<Diagnostic>> = Arc::new(
            analysis
                .diagnostics
                .iter()
                .map(|d| to_proto::diagnostic(&uri, &rope, encoding, d))
                .collect(),
        );
        self.state().disk_reports.insert(
            path.to_path_buf(),
            DiskReport {
                modified,
                len,
                today,
                settings,
                encoding,
                items: Arc::clone(&items),
            },
        );
        Some(Report {
            uri,
            version: None,
            items,
        })
    }

    /// Pushes the diagnostics of the roadmaps in the workspace that are
    /// not open, to a client that does not pull them; a pulling client is
    /// asked to pull again instead.
    pub(super) async fn publish_workspace(self: &Arc<Self>) {
        let flags = self.state().flags;
        if flags.pull_diagnostics {
            if flags.refresh_diagnostics {
                self.ask_client("workspace/diagnostic/refresh", |client| async move {
                    client.workspace_diagnostic_refresh().await
                });
            }
            return;
        }
        let shared = Arc::clone(self);
        let Ok(reports) = tokio::task::spawn_blocking(move || shared.workspace_reports()).await
        else {
            return;
        };
        for report in reports.into_iter().filter(|r| r.version.is_none()) {
            // Opened meanwhile: the editor's text is what counts now.
            if self.state().documents.contains_key(&report.uri) {
                continue;
            }
            self.send_diagnostics(&report.uri, None, &report.items)
                .await;
        }
    }

    /// Forgets the saved reports of `uris`, and for a client that does not
    /// pull, clears the diagnostics of those that are gone.
    pub(super) async fn roadmaps_changed_on_disk(self: &Arc<Self>, changes: &[FileEvent]) {
        let (pull, open): (bool, HashSet<Uri>) = {
            let state = self.state();
            (
                state.flags.pull_diagnostics,
                state.documents.keys().cloned().collect(),
            )
        };
        for change in changes {
            if let Some(path) = change.uri.to_file_path() {
                self.state().disk_reports.remove(&canonical(&path));
            }
            if change.typ == FileChangeType::DELETED && !pull && !open.contains(&change.uri) {
                self.send_diagnostics(&change.uri, None, &[]).await;
            }
        }
        self.publish_workspace().await;
    }

    /// Whether `uri` is a roadmap under one of the workspace folders.
    pub(super) fn in_workspace(state: &State, uri: &Uri) -> bool {
        uri.to_file_path().is_some_and(|path| {
            let path = canonical(&path);
            path.file_name().is_some_and(walk::is_roadmap_name)
                && state
                    .roots
                    .iter()
                    .any(|root| path.starts_with(canonical(root)))
        })
    }
}
