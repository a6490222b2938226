//! The server's session state: open documents, settings and configuration
//! files, publishing diagnostics, requests to the client, histories and the
//! calendar. The `LanguageServer` implementation is in [`protocol`]; the
//! workspace's roadmaps that are not open in [`workspace`].
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

use super::capabilities::{self, ClientFlags};
use super::document::{Document, Snapshot, apply_changes, shared_text};
use super::framing::Outbox;
use super::handlers;
use super::memory::{TRIM_AFTER_BYTES, release_freed_memory};
use super::panics::TestPanic;
use super::publish;
use super::settings::{self, EditorSettings};
use super::to_proto;
use crate::config::{CONFIG_FILE_NAME, Settings, find_config_file, load_config_file};
use crate::workspace::walk::{ROADMAP_SUFFIX, is_roadmap_name};

mod protocol;
mod workspace;

/// How long the server waits for the client to answer one of its own
/// requests (settings, a watcher, a refresh). They run off the request
/// path, so no request waits on them; after this the server goes on with
/// what it has.
const CLIENT_REPLY_TIMEOUT: Duration = Duration::from_secs(5);

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

/// How many documents keep what their analysis host holds (blocks, the
/// analysis, the published JSON) between uses. The others keep their
/// text; a feature or an edit reads it again (about 0.3 ms for 10 KB): an
/// editor with 3,000 roadmaps open pays for the few in view, not all.
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
    /// Where diagnostics go, as bytes written here (see `lsp::publish`).
    outbox: Outbox,
}

impl std::ops::Deref for Backend {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl Backend {
    pub fn new(client: Client, shut_down: Arc<AtomicBool>, outbox: Outbox) -> Backend {
        Backend(Arc::new(Shared {
            client,
            state: Mutex::new(State::default()),
            shut_down,
            test_panic: TestPanic::from_env(),
            configuration_requests: AtomicU64::new(0),
            configuration_applied: AtomicU64::new(0),
            histories: Default::default(),
            outbox,
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
                let diagnostics: Vec<_> = config
                    .diagnostics
                    .iter()
                    .map(|d| to_proto::diagnostic(&uri, &rope, encoding, d))
                    .collect();
                self.send_diagnostics(&uri, None, &diagnostics).await;
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
        let notification =
            tokio::task::spawn_blocking(move || computed.publish_notification(flags.encoding))
                .await;
        let notification = match notification {
            Ok(notification) => notification,
            Err(error) => {
                tracing::error!(uri = snapshot.uri.as_str(), %error, "checking the document failed");
                return;
            }
        };
        if !self.is_current(&snapshot) {
            return;
        }
        self.outbox.send(notification).await;
    }

    /// Publishes diagnostics already converted (an empty list clears
    /// them). Every publish goes through the outbox, so that those for one
    /// document arrive in the order they were sent.
    async fn send_diagnostics(&self, uri: &Uri, version: Option<i32>, diagnostics: &[Diagnostic]) {
        let notification = publish::converted_notification(uri, version, diagnostics);
        self.outbox.send(notification).await;
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
