//! The server's state and its `LanguageServer` implementation: document
//! lifecycle, settings and configuration files, diagnostics, and one line
//! per request into [`super::handlers`].
//!
//! Edits are applied synchronously, before the handler's first `.await`:
//! tower-lsp-server runs messages concurrently, and an edit applied later
//! than a request sent after it would answer that request from old text.
//! Requests read an immutable [`Snapshot`] of one document version.

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use chrono::NaiveDate;
use ropey::Rope;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};

use super::convert::Encoding;
use super::document::{Document, Snapshot, apply_changes, shared_text};
use super::handlers;
use super::memory::{TRIM_AFTER_BYTES, release_freed_memory};
use super::panics::TestPanic;
use super::settings::{self, EditorSettings};
use super::to_proto;
use crate::cli::walk::{ROADMAP_SUFFIX, is_roadmap_name};
use crate::config::{CONFIG_FILE_NAME, Settings, find_config_file, load_config_file};

mod workspace;

/// How long the server waits for the client to answer one of its own
/// requests (settings, a watcher, a refresh). They run off the request
/// path, so no request waits on them; after this the server goes on with
/// what it has.
const CLIENT_REPLY_TIMEOUT: Duration = Duration::from_secs(5);

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

#[derive(Debug, Default)]
struct State {
    flags: ClientFlags,
    editor: EditorSettings,
    documents: HashMap<Uri, Document>,
    /// Each `roadmap-lsp.toml` loaded so far, by path.
    config_files: HashMap<PathBuf, CachedConfig>,
    /// The day documents are checked against, from the editor, then
    /// `ROADMAP_TODAY`, then the clock.
    today: Option<NaiveDate>,
    /// The `initializationOptions` (bare, without a `roadmap` wrapper):
    /// an empty settings section sent later keeps them, a non-empty one
    /// replaces them but for `today` (see [`settings::overlay`]).
    initial_options: serde_json::Value,
    /// The workspace folders, where `roadmap.agenda` looks by default.
    roots: Vec<PathBuf>,
    /// The documents features were asked of most recently, newest last:
    /// only these keep their whole analysis between requests.
    recent: VecDeque<Uri>,
    /// Reports of roadmaps in the workspace that are not open, by path.
    disk_reports: HashMap<PathBuf, workspace::DiskReport>,
}

/// How many documents keep a whole analysis (tree and model) between
/// requests. The others keep their text and diagnostics, and a feature
/// asked of them computes the analysis again (about 0.3 ms for 10 KB):
/// an editor with 3,000 roadmaps open pays for the few in view, not all.
const KEEP_ANALYSES: usize = 16;

/// A configuration file's settings as of its modification time, so a
/// change is noticed even by clients that cannot watch files.
#[derive(Debug)]
struct CachedConfig {
    modified: Option<SystemTime>,
    settings: Arc<Settings>,
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// The server as tower-lsp-server sees it. Its state is shared with the
/// background task that follows the calendar and configuration files.
pub struct Backend(Arc<Shared>);

pub struct Shared {
    client: Client,
    state: Mutex<State>,
    /// Set by `shutdown`: an `exit` after it ends the process with 0.
    shut_down: Arc<AtomicBool>,
    /// Handlers that panic on purpose, for the hostile suite; none unless
    /// `ROADMAP_LSP_TEST_PANIC` is set.
    test_panic: TestPanic,
    /// Numbers each `workspace/configuration` request, so that an answer
    /// arriving after a newer one was applied is dropped.
    configuration_requests: AtomicU64,
    configuration_applied: AtomicU64,
    /// The open roadmaps' git histories.
    histories: super::history::Histories,
}

impl std::ops::Deref for Backend {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl Backend {
    pub fn new(client: Client, shut_down: Arc<AtomicBool>) -> Backend {
        Backend(Arc::new(Shared {
            client,
            state: Mutex::new(State::default()),
            shut_down,
            test_panic: TestPanic::from_env(),
            configuration_requests: AtomicU64::new(0),
            configuration_applied: AtomicU64::new(0),
            histories: Default::default(),
        }))
    }
}

impl Shared {
    /// The state, even after a panic elsewhere poisoned the lock: every
    /// mutation is a single assignment, so there is no half-done state.
    fn state(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn snapshot(&self, uri: &Uri) -> Option<(Arc<Snapshot>, ClientFlags)> {
        let state = self.state();
        let document = state.documents.get(uri)?;
        Some((Arc::clone(&document.snapshot), state.flags))
    }

    /// Runs a feature on the current snapshot of `uri` on a blocking
    /// thread. Unknown documents give `None`; a panic in the feature is
    /// logged with the request and answered with an internal error, and
    /// the server goes on.
    async fn run<T: Send + 'static>(
        &self,
        request: &'static str,
        uri: &Uri,
        feature: impl FnOnce(&Snapshot, ClientFlags) -> Option<T> + Send + 'static,
    ) -> Result<Option<T>> {
        self.test_panic.in_handler(request);
        let Some((snapshot, flags)) = self.snapshot(uri) else {
            tracing::warn!(%request, uri = uri.as_str(), "request for a document that is not open");
            return Ok(None);
        };
        let test_panic = self.test_panic.clone();
        let blocking = move || {
            test_panic.on_blocking_thread(request);
            feature(&snapshot, flags)
        };
        let answer = tokio::task::spawn_blocking(blocking).await;
        self.keep_recent_analyses(Some(uri));
        match answer {
            Ok(result) => Ok(result),
            Err(error) => {
                tracing::error!(%request, uri = uri.as_str(), %error, "the request handler failed");
                let mut answer = Error::internal_error();
                answer.message = format!("{request} failed: {error}").into();
                Err(answer)
            }
        }
    }

    /// Notes that `used` was just asked for a feature, and releases the
    /// whole analyses of documents not among the [`KEEP_ANALYSES`] most
    /// recently used.
    fn keep_recent_analyses(&self, used: Option<&Uri>) {
        let released: Vec<_> = {
            let mut state = self.state();
            let state = &mut *state;
            if let Some(uri) = used {
                state.recent.retain(|recent| recent != uri);
                state.recent.push_back(uri.clone());
                if state.recent.len() > KEEP_ANALYSES {
                    state.recent.pop_front();
                }
            }
            state
                .documents
                .iter()
                .filter(|(uri, _)| !state.recent.contains(uri))
                .filter_map(|(_, document)| document.snapshot.release_analysis())
                .collect()
        };
        if !released.is_empty() {
            // Freeing large analyses takes milliseconds: not here.
            tokio::task::spawn_blocking(move || drop(released));
        }
    }

    /// The day to check against, resolved once per settings change.
    fn today(state: &State) -> NaiveDate {
        state
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    /// The settings a document at `uri` is checked with: the editor's,
    /// under its `roadmap-lsp.toml`, under (inside `analyze`) its `[lint]`.
    /// The file is read again when it changed on disk since it was read.
    fn settings_for(&self, state: &mut State, uri: &Uri) -> (Arc<Settings>, Option<ConfigLoad>) {
        let config_path = uri.to_file_path().and_then(|path| find_config_file(&path));
        let Some(config_path) = config_path else {
            return (Arc::new(state.editor.lint.clone()), None);
        };
        let modified = modified(&config_path);
        if let Some(cached) = state.config_files.get(&config_path)
            && cached.modified == modified
        {
            return (Arc::new(state.editor.lint.overlay(&cached.settings)), None);
        }
        let reloaded = state.config_files.contains_key(&config_path);
        let (file_settings, load) = match load_config_file(&config_path) {
            Ok(config) => (
                Arc::new(config.settings.clone()),
                ConfigLoad::Loaded(config, reloaded),
            ),
            Err(error) => (
                Arc::new(Settings::default()),
                ConfigLoad::Failed(config_path.clone(), error.to_string(), reloaded),
            ),
        };
        state.config_files.insert(
            config_path,
            CachedConfig {
                modified,
                settings: Arc::clone(&file_settings),
            },
        );
        (
            Arc::new(state.editor.lint.overlay(&file_settings)),
            Some(load),
        )
    }

    /// Whether a configuration file read before has changed on disk.
    fn configs_changed(&self) -> bool {
        let state = self.state();
        state
            .config_files
            .iter()
            .any(|(path, cached)| modified(path) != cached.modified)
    }

    /// Reports a configuration file's own problems against it.
    async fn report_config(&self, load: Option<ConfigLoad>) {
        let Some(load) = load else { return };
        match load {
            ConfigLoad::Loaded(config, _) => {
                let Some(uri) = Uri::from_file_path(&config.path) else {
                    return;
                };
                let encoding = self.state().flags.encoding;
                let rope = Rope::from_str(&config.text);
                let diagnostics = config
                    .diagnostics
                    .iter()
                    .map(|d| to_proto::diagnostic(&uri, &rope, encoding, d))
                    .collect();
                self.client
                    .publish_diagnostics(uri, diagnostics, None)
                    .await;
            }
            ConfigLoad::Failed(path, error, _) => {
                let message = format!("cannot read {}: {error}", path.display());
                tracing::warn!("{message}");
                self.client
                    .show_message(MessageType::WARNING, message)
                    .await;
            }
        }
    }

    /// Pushes the diagnostics of `snapshot` unless the client pulls them
    /// or the document has moved on to a newer version meanwhile.
    async fn publish(&self, snapshot: Arc<Snapshot>) {
        let flags = self.state().flags;
        // Already replaced by a newer edit: that one will be published.
        if flags.pull_diagnostics || !self.is_current(&snapshot) {
            return;
        }
        let computed = Arc::clone(&snapshot);
        let diagnostics =
            tokio::task::spawn_blocking(move || handlers::diagnostics(&computed, flags.encoding))
                .await;
        let diagnostics = match diagnostics {
            Ok(diagnostics) => diagnostics,
            Err(error) => {
                tracing::error!(uri = snapshot.uri.as_str(), %error, "checking the document failed");
                return;
            }
        };
        if !self.is_current(&snapshot) {
            return;
        }
        self.client
            .publish_diagnostics(snapshot.uri.clone(), diagnostics, Some(snapshot.version))
            .await;
    }

    /// Tells the user, once per document, that an edit was not applied, so
    /// that diagnostics that no longer match the screen are not a mystery.
    /// A notification, sent off the request path.
    fn tell_edit_lost(&self, uri: &Uri, why: &str) {
        let name = uri
            .to_file_path()
            .and_then(|path| path.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| uri.as_str().to_string());
        let message = format!(
            "roadmap-lsp: an edit to {name} could not be applied ({why}); it checks the last text it had, which may differ from what you see. Close and reopen the file to bring it back in step."
        );
        let client = self.client.clone();
        tokio::spawn(async move { client.show_message(MessageType::WARNING, message).await });
    }

    /// Whether `snapshot` is still what the document shows: not replaced
    /// by an edit, a settings change or a new day.
    fn is_current(&self, snapshot: &Snapshot) -> bool {
        self.state()
            .documents
            .get(&snapshot.uri)
            .is_some_and(|document| std::ptr::eq(Arc::as_ptr(&document.snapshot), snapshot))
    }

    /// Re-checks every roadmap, open or in the workspace, against the
    /// current settings and day, after either changed.
    async fn recheck_all(self: &Arc<Self>) {
        self.recheck_open().await;
        if !self.state().flags.pull_diagnostics {
            self.publish_workspace().await;
        }
    }

    /// Re-checks every open document against the current settings and
    /// day.
    async fn recheck_open(&self) {
        let mut loads = Vec::new();
        let snapshots: Vec<Arc<Snapshot>> = {
            let mut state = self.state();
            let today = Self::today(&state);
            let uris: Vec<Uri> = state.documents.keys().cloned().collect();
            let mut snapshots = Vec::new();
            for uri in uris {
                let (settings, load) = self.settings_for(&mut state, &uri);
                loads.push(load);
                if let Some(document) = state.documents.get_mut(&uri) {
                    document.snapshot = Arc::new(document.snapshot.rechecked(settings, today));
                    snapshots.push(Arc::clone(&document.snapshot));
                }
            }
            snapshots
        };
        for load in loads {
            self.report_config(load).await;
        }
        // Hints and lenses show days left and depend on the settings.
        let flags = self.state().flags;
        if flags.refresh_inlay_hints {
            self.ask_client("workspace/inlayHint/refresh", |client| async move {
                client.inlay_hint_refresh().await
            });
        }
        if flags.refresh_code_lenses {
            self.ask_client("workspace/codeLens/refresh", |client| async move {
                client.code_lens_refresh().await
            });
        }
        if flags.pull_diagnostics {
            if flags.refresh_diagnostics {
                self.ask_client("workspace/diagnostic/refresh", |client| async move {
                    client.workspace_diagnostic_refresh().await
                });
            }
        } else {
            for snapshot in snapshots {
                self.publish(snapshot).await;
            }
        }
    }

    /// Applies editor settings and says what in them was not understood.
    async fn apply_editor_settings(&self, value: &serde_json::Value) {
        // Settings from the editor's configuration go over the
        // initialization options key by key, so an empty or partial
        // `roadmap` section does not wipe out what the client started with.
        let merged = {
            let state = self.state();
            settings::overlay(&state.initial_options, value)
        };
        let (editor, problems) = settings::read(&merged);
        {
            let mut state = self.state();
            state.today = resolve_today(editor.today);
            state.editor = editor;
        }
        for problem in problems {
            tracing::warn!("settings: {problem}");
            self.client
                .show_message(
                    MessageType::WARNING,
                    format!("roadmap-lsp settings: {problem}"),
                )
                .await;
        }
    }

    /// Sends the client a request whose answer nothing waits for, on a
    /// task of its own with [`CLIENT_REPLY_TIMEOUT`]: a client that never
    /// answers costs a log line, not a stuck handler.
    fn ask_client<F, T>(&self, method: &'static str, request: impl FnOnce(Client) -> F)
    where
        F: Future<Output = Result<T>> + Send + 'static,
    {
        let reply = request(self.client.clone());
        tokio::spawn(async move {
            match tokio::time::timeout(CLIENT_REPLY_TIMEOUT, reply).await {
                Ok(Ok(_)) => {}
                Ok(Err(error)) => tracing::debug!(%method, %error, "the client refused"),
                Err(_) => tracing::warn!(%method, "the client did not answer in time"),
            }
        });
    }

    /// Asks the client for the `roadmap` settings section, when it can,
    /// without waiting for the answer: when it comes (within
    /// [`CLIENT_REPLY_TIMEOUT`]) the settings are applied and open
    /// documents re-checked; until then, and if it never comes, the
    /// settings already in force stay.
    fn pull_configuration(self: &Arc<Self>) {
        if !self.state().flags.configuration {
            return;
        }
        let request = self.configuration_requests.fetch_add(1, Ordering::SeqCst) + 1;
        let item = ConfigurationItem {
            scope_uri: None,
            section: Some("roadmap".to_string()),
        };
        let shared = Arc::clone(self);
        tokio::spawn(async move {
            let reply = tokio::time::timeout(
                CLIENT_REPLY_TIMEOUT,
                shared.client.configuration(vec![item]),
            )
            .await;
            let value = match reply {
                Ok(Ok(mut values)) if !values.is_empty() => values.swap_remove(0),
                Ok(Ok(_)) => return,
                Ok(Err(error)) => {
                    tracing::debug!(%error, "workspace/configuration failed");
                    return;
                }
                Err(_) => {
                    tracing::warn!(
                        "the client did not answer workspace/configuration in {} s; keeping the current settings",
                        CLIENT_REPLY_TIMEOUT.as_secs()
                    );
                    return;
                }
            };
            // An older request answered after a newer one was applied
            // would bring back settings the user has since changed.
            let newest = shared
                .configuration_applied
                .fetch_max(request, Ordering::SeqCst);
            if value.is_null() || newest > request {
                return;
            }
            shared.apply_editor_settings(&value).await;
            shared.recheck_all().await;
        });
    }
}

/// A `roadmap-lsp.toml` read (again), to report; `true` when it was read
/// before, so that documents checked with the old one need a re-check.
enum ConfigLoad {
    Loaded(crate::config::ConfigFile, bool),
    Failed(PathBuf, String, bool),
}

impl ConfigLoad {
    fn is_reload(&self) -> bool {
        match self {
            ConfigLoad::Loaded(_, reloaded) | ConfigLoad::Failed(_, _, reloaded) => *reloaded,
        }
    }
}

/// Today from the editor's setting, else `ROADMAP_TODAY`, else the clock
/// (`None`: read the clock each time, so the server follows the calendar).
fn resolve_today(from_editor: Option<NaiveDate>) -> Option<NaiveDate> {
    if from_editor.is_some() {
        return from_editor;
    }
    match std::env::var(crate::dates::TODAY_ENV) {
        Ok(value) if !value.trim().is_empty() => {
            let parsed = crate::dates::parse_date(&value);
            if parsed.is_none() {
                tracing::warn!(
                    "{}={value:?} is not a date in the form YYYY-MM-DD; using the clock",
                    crate::dates::TODAY_ENV
                );
            }
            parsed
        }
        _ => None,
    }
}

/// The workspace folders as paths, else the (deprecated) root.
#[allow(deprecated)]
fn workspace_roots(params: &InitializeParams) -> Vec<PathBuf> {
    let folders = params.workspace_folders.iter().flatten().map(|f| &f.uri);
    let uris: Vec<&Uri> = match params.workspace_folders.as_deref() {
        Some([_, ..]) => folders.collect(),
        _ => params.root_uri.iter().collect(),
    };
    uris.into_iter()
        .filter_map(|uri| uri.to_file_path().map(|p| p.into_owned()))
        .collect()
}

fn client_flags(params: &InitializeParams) -> ClientFlags {
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

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let flags = client_flags(&params);
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
            capabilities: handlers::capabilities(&flags),
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
            let rope = match apply_changes(&document.rope, changes, encoding) {
                Ok(rope) => rope,
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
            let snapshot = Arc::new(document.snapshot.edited(version, rope.clone(), text));
            document.rope = rope;
            let previous = std::mem::replace(&mut document.snapshot, Arc::clone(&snapshot));
            // Freeing a large analysis takes milliseconds: not here.
            tokio::task::spawn_blocking(move || drop(previous));
            snapshot
        };
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
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
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
                    self.client
                        .publish_diagnostics(change.uri.clone(), Vec::new(), None)
                        .await;
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
        if params.command != super::agenda::COMMAND {
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
        let roots = super::agenda::roots(&params.arguments, &roots).map_err(refusal)?;
        let markdown =
            tokio::task::spawn_blocking(move || super::agenda::markdown(&roots, &open, today))
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
                self.client.publish_diagnostics(uri, Vec::new(), None).await;
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

impl Shared {
    fn cached_history(&self, uri: &Uri) -> Option<Arc<crate::history::History>> {
        self.histories.cached(&uri.to_file_path()?)
    }

    /// Looks at the repositories of `uris` on a blocking thread; a document
    /// whose history changed (a new commit) is checked again with it.
    fn spawn_history_refresh(self: &Arc<Self>, uris: Vec<Uri>) {
        let shared = Arc::clone(self);
        tokio::spawn(async move {
            for uri in uris {
                let Some(path) = uri.to_file_path().map(|p| p.into_owned()) else {
                    continue;
                };
                let reader = Arc::clone(&shared);
                let refreshed =
                    tokio::task::spawn_blocking(move || reader.histories.refresh(&path)).await;
                let Ok(Some(history)) = refreshed else {
                    continue;
                };
                let snapshot = {
                    let mut state = shared.state();
                    let Some(document) = state.documents.get_mut(&uri) else {
                        continue;
                    };
                    document.snapshot = Arc::new(document.snapshot.with_history(history));
                    Arc::clone(&document.snapshot)
                };
                shared.publish(snapshot).await;
            }
        });
    }

    /// Re-checks open documents when the calendar day changes, so an item
    /// due today shows as overdue tomorrow without an edit (not while
    /// "today" is pinned by a setting or `ROADMAP_TODAY`), and when a
    /// configuration file changes under a client that cannot watch it.
    pub async fn follow_the_calendar(self: &Arc<Self>) {
        let mut checked_on = chrono::Local::now().date_naive();
        let mut ticks: u32 = 0;
        loop {
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
            ticks = ticks.wrapping_add(1);
            if ticks.is_multiple_of(super::history::CHECK_EVERY_TICKS) {
                let open: Vec<Uri> = self.state().documents.keys().cloned().collect();
                self.spawn_history_refresh(open);
            }
            let now = chrono::Local::now().date_naive();
            let new_day = now != checked_on && self.state().today.is_none();
            checked_on = now;
            // Clients that watch files say when a configuration changed;
            // for the others, look at the files that were read.
            let unwatched = !self.state().flags.watch_files;
            if new_day {
                tracing::info!(%now, "a new day: re-checking open roadmaps");
                self.recheck_all().await;
            } else if unwatched && self.configs_changed() {
                tracing::info!("a configuration file changed: re-checking open roadmaps");
                self.recheck_all().await;
            }
        }
    }
}
