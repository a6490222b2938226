//! An in-process editor for the server: the real [`Backend`] inside
//! tower-lsp-server's `LspService`, served by its `Server` over in-memory
//! pipes, and spoken to in framed JSON-RPC exactly as an editor would over
//! stdio. Messages are plain JSON so the tests also check the wire names.
//!
//! Every wait is for one specific message, bounded by [`ANSWER_WITHIN`] so
//! that a missing answer fails the test instead of hanging it.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use roadmap_lsp::lsp::{Backend, framing};
use serde_json::{Value, json};
use tokio::io::{
    AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf,
};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use tower_lsp_server::LspService;
use tower_lsp_server::ls_types::Uri;

/// The day every test checks against, pinned through the `today`
/// initialization option so date rules never follow the clock.
pub const TODAY: &str = "2026-11-23";

/// A generous bound on any one wait. Not a synchronisation: every wait is
/// for a specific message, and this only turns a hang into a failure.
pub const ANSWER_WITHIN: Duration = Duration::from_secs(20);

/// The position encodings a client can use, and how it counts a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// The column of byte `offset` inside `line`.
    pub fn column(self, line: &str, offset: usize) -> u32 {
        let before = &line[..offset];
        let units = match self {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        u32::try_from(units).expect("a test line fits in u32")
    }
}

/// How the client answers `workspace/configuration`.
#[derive(Clone, Debug)]
pub enum ConfigurationAnswer {
    /// At once, with this value for every item asked.
    Settings(Value),
    /// Not at all: the test answers itself with [`Client::respond`], after
    /// doing something in between.
    Hold,
}

/// What the client says it can do in `initialize`, and how it behaves.
#[derive(Clone, Debug)]
pub struct Setup {
    /// `general.positionEncodings`, or `None` to offer nothing (UTF-16).
    pub position_encodings: Option<Vec<&'static str>>,
    pub snippets: bool,
    /// Advertises `textDocument.diagnostic`: the server must not push.
    pub pull_diagnostics: bool,
    /// Advertises `workspace.configuration`.
    pub configuration: bool,
    /// Advertises dynamic registration of `workspace/didChangeWatchedFiles`.
    pub watch_files: bool,
    pub initialization_options: Value,
    pub configuration_answer: ConfigurationAnswer,
    /// How many messages the server handles at once; `None` keeps
    /// tower-lsp-server's default, as `roadmap-lsp` runs it.
    pub concurrency: Option<usize>,
    /// The workspace folders sent in `initialize`, as URIs.
    pub workspace_folders: Vec<String>,
}

impl Setup {
    /// Like VS Code: offers no `positionEncodings`, so UTF-16.
    pub fn vscode() -> Setup {
        Setup {
            position_encodings: None,
            snippets: true,
            pull_diagnostics: false,
            configuration: true,
            watch_files: true,
            initialization_options: json!({ "today": TODAY }),
            configuration_answer: ConfigurationAnswer::Settings(Value::Null),
            concurrency: None,
            workspace_folders: Vec::new(),
        }
    }

    /// Like Neovim 0.11: offers UTF-8 first, then UTF-16.
    pub fn neovim() -> Setup {
        Setup {
            position_encodings: Some(vec!["utf-8", "utf-16"]),
            ..Setup::vscode()
        }
    }

    /// A client of the given encoding, otherwise like [`Setup::vscode`].
    pub fn for_encoding(encoding: Encoding) -> Setup {
        match encoding {
            Encoding::Utf8 => Setup::neovim(),
            Encoding::Utf16 => Setup::vscode(),
        }
    }

    /// Initialization options: `settings` with the pinned `today` added.
    pub fn with_settings(mut self, settings: Value) -> Setup {
        self.initialization_options = with_today(settings);
        self
    }

    fn capabilities(&self) -> Value {
        let mut text_document = json!({
            "synchronization": { "didSave": false },
            "completion": { "completionItem": { "snippetSupport": self.snippets } },
            "hover": { "contentFormat": ["markdown", "plaintext"] },
            "codeAction": {},
            "rename": { "prepareSupport": true },
            "publishDiagnostics": { "relatedInformation": true, "versionSupport": true }
        });
        if self.pull_diagnostics {
            text_document["diagnostic"] = json!({ "dynamicRegistration": false });
        }
        let mut capabilities = json!({
            "textDocument": text_document,
            "workspace": {
                "configuration": self.configuration,
                "didChangeConfiguration": { "dynamicRegistration": false },
                "didChangeWatchedFiles": { "dynamicRegistration": self.watch_files },
                "diagnostics": { "refreshSupport": self.pull_diagnostics },
                "workspaceFolders": true
            }
        });
        if let Some(encodings) = &self.position_encodings {
            capabilities["general"] = json!({ "positionEncodings": encodings });
        }
        capabilities
    }
}

/// `settings` (an object) with `"today": TODAY` added.
pub fn with_today(mut settings: Value) -> Value {
    settings["today"] = json!(TODAY);
    settings
}

/// The `file://` URI of `path`, spelled as the server spells it.
pub fn file_uri(path: &Path) -> String {
    Uri::from_file_path(path)
        .expect("an absolute path")
        .as_str()
        .to_string()
}

/// A URI for a document that exists only in the editor, in a folder with
/// no `roadmap-lsp.toml` above it.
pub fn virtual_uri(name: &str) -> String {
    format!("file:///roadmap-lsp-harness-no-such-dir/{name}")
}

/// The LSP position of byte `offset` in `text`.
pub fn position(text: &str, offset: usize, encoding: Encoding) -> Value {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..line_start].matches('\n').count();
    json!({ "line": line, "character": encoding.column(&text[line_start..], offset - line_start) })
}

/// The byte offset of the first `needle` in `text`, which must be there.
pub fn find(text: &str, needle: &str) -> usize {
    text.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the text"))
}

/// The position of the first `needle` in `text`, plus `ahead` bytes.
pub fn position_of(text: &str, needle: &str, ahead: usize, encoding: Encoding) -> Value {
    position(text, find(text, needle) + ahead, encoding)
}

/// The byte offset of an LSP position in `text` (a client's own view).
pub fn offset(text: &str, at: &Value, encoding: Encoding) -> usize {
    let line = usize::try_from(at["line"].as_u64().expect("a line")).expect("fits");
    let character = usize::try_from(at["character"].as_u64().expect("a character")).expect("fits");
    let line_start = if line == 0 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 1)
            .map(|(i, _)| i + 1)
            .expect("the line exists")
    };
    let line_text = &text[line_start..];
    let line_text = &line_text[..line_text.find(['\r', '\n']).unwrap_or(line_text.len())];
    let within = line_text
        .char_indices()
        .map(|(i, _)| i)
        .chain([line_text.len()])
        .find(|&i| encoding.column(line_text, i) >= u32::try_from(character).expect("fits"))
        .unwrap_or(line_text.len());
    line_start + within
}

/// `text` with LSP `TextEdit`s (all relative to `text`) applied, as a
/// client applies a workspace edit.
pub fn apply_edits(text: &str, edits: &[Value], encoding: Encoding) -> String {
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|edit| {
            (
                offset(text, &edit["range"]["start"], encoding),
                offset(text, &edit["range"]["end"], encoding),
                edit["newText"].as_str().expect("newText"),
            )
        })
        .collect();
    spans.sort_by_key(|&(start, end, _)| std::cmp::Reverse((start, end)));
    let mut out = text.to_string();
    for (start, end, new_text) in spans {
        out.replace_range(start..end, new_text);
    }
    out
}

/// The `code` of each diagnostic in a list.
pub fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().expect("a string code"))
        .collect()
}

/// The only diagnostic with `code` in the list.
pub fn the<'a>(diagnostics: &'a [Value], code: &str) -> &'a Value {
    let found: Vec<&Value> = diagnostics.iter().filter(|d| d["code"] == code).collect();
    assert_eq!(found.len(), 1, "one `{code}` expected in {diagnostics:#?}");
    found[0]
}

/// `{ start, end }` from `[line, character]` pairs, for comparing ranges.
pub fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({
        "start": { "line": start.0, "character": start.1 },
        "end": { "line": end.0, "character": end.1 }
    })
}

/// The editor side of one in-process session.
pub struct Client {
    writer: Arc<tokio::sync::Mutex<WriteHalf<DuplexStream>>>,
    incoming: mpsc::UnboundedReceiver<Value>,
    /// Received but not yet waited for.
    unread: VecDeque<Value>,
    /// Every message the server sent so far, in order.
    log: Vec<Value>,
    next_id: i64,
    setup: Setup,
    configuration_answer: Arc<Mutex<ConfigurationAnswer>>,
    server: Option<JoinHandle<()>>,
    /// The flag `shutdown` sets, which `run_stdio` turns into exit code 0.
    shut_down: Arc<AtomicBool>,
}

impl Client {
    /// Starts a server and connects to it, without initializing it.
    pub fn connect(setup: Setup) -> Client {
        let (client_end, server_end) = tokio::io::duplex(1 << 16);
        let (server_read, server_write) = tokio::io::split(server_end);
        let shut_down = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&shut_down);
        // Through the framing layer, as `run_stdio` serves: diagnostics
        // are written there, past tower-lsp-server.
        let (outbox, outgoing) = framing::outbox();
        let sender = outbox.clone();
        let (service, socket) = LspService::new(move |client| Backend::new(client, flag, sender));
        let concurrency = setup.concurrency;
        let server = tokio::spawn(framing::serve(
            server_read,
            server_write,
            (outbox, outgoing),
            move |incoming, answers| {
                framing::session::run(
                    service,
                    socket,
                    concurrency.unwrap_or(roadmap_lsp::lsp::CONCURRENCY),
                    incoming,
                    answers,
                )
            },
        ));

        let (client_read, client_write) = tokio::io::split(client_end);
        let writer = Arc::new(tokio::sync::Mutex::new(client_write));
        let configuration_answer = Arc::new(Mutex::new(setup.configuration_answer.clone()));
        let (sender, incoming) = mpsc::unbounded_channel();
        tokio::spawn(read_from_server(
            client_read,
            Arc::clone(&writer),
            Arc::clone(&configuration_answer),
            sender,
        ));
        Client {
            writer,
            incoming,
            unread: VecDeque::new(),
            log: Vec::new(),
            next_id: 1,
            setup,
            configuration_answer,
            server: Some(server),
            shut_down,
        }
    }

    /// Starts, initializes and sends `initialized`: a session ready for
    /// documents. Returns the `initialize` result too.
    pub async fn ready(setup: Setup) -> (Client, Value) {
        let mut client = Client::connect(setup);
        let result = client.initialize().await;
        client.initialized().await;
        (client, result)
    }

    /// Sends `initialize` with this client's capabilities and options and
    /// returns its result.
    pub async fn initialize(&mut self) -> Value {
        let mut params = json!({
            "processId": null,
            "rootUri": null,
            "clientInfo": { "name": "roadmap-lsp-harness" },
            "capabilities": self.setup.capabilities(),
            "initializationOptions": self.setup.initialization_options,
        });
        if !self.setup.workspace_folders.is_empty() {
            let folders: Vec<Value> = self
                .setup
                .workspace_folders
                .iter()
                .map(|uri| json!({ "uri": uri, "name": "folder" }))
                .collect();
            params["workspaceFolders"] = json!(folders);
        }
        self.result("initialize", params).await
    }

    pub async fn initialized(&mut self) {
        self.notify("initialized", json!({})).await;
    }

    /// Changes how later `workspace/configuration` requests are answered.
    pub fn answer_configuration_with(&self, answer: ConfigurationAnswer) {
        *self
            .configuration_answer
            .lock()
            .expect("the answer lock is never poisoned") = answer;
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }))
            .await;
    }

    /// Sends a request without waiting; returns its id.
    pub async fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))
            .await;
        id
    }

    /// Sends a request and returns the whole response message.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params).await;
        self.response(id).await
    }

    /// The response to request `id`.
    pub async fn response(&mut self, id: i64) -> Value {
        self.wait_for(&format!("the response to request {id}"), |m| {
            m["id"] == id && m.get("method").is_none()
        })
        .await
    }

    /// Sends a request that must succeed and returns its result.
    pub async fn result(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params).await;
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response:#}"
        );
        response["result"].clone()
    }

    /// Sends a request that must fail and returns its error.
    pub async fn error(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params).await;
        assert!(
            response.get("result").is_none(),
            "{method} should have failed: {response:#}"
        );
        response["error"].clone()
    }

    /// Answers a server-to-client request the client held.
    pub async fn respond(&mut self, request: &Value, result: Value) {
        let answer = json!({ "jsonrpc": "2.0", "id": request["id"], "result": result });
        self.send(&answer).await;
    }

    pub async fn send(&mut self, message: &Value) {
        write_frame(&self.writer, message.to_string().as_bytes()).await;
    }

    /// Writes raw bytes as one framed message body (to send malformed JSON).
    pub async fn send_raw(&mut self, body: &str) {
        write_frame(&self.writer, body.as_bytes()).await;
    }

    /// The first message from the server (already received or still to
    /// come) that `wanted` accepts. `what` names it in the failure.
    pub async fn wait_for(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.unread.iter().position(&wanted) {
            return self.unread.remove(index).expect("the index is in range");
        }
        let deadline = tokio::time::Instant::now() + ANSWER_WITHIN;
        loop {
            let message = match tokio::time::timeout_at(deadline, self.incoming.recv()).await {
                Ok(Some(message)) => message,
                Ok(None) => panic!(
                    "the server closed the connection while waiting for {what}; unread: {:#?}",
                    self.unread
                ),
                Err(_) => panic!(
                    "no {what} within {ANSWER_WITHIN:?}; unread: {:#?}",
                    self.unread
                ),
            };
            self.log.push(message.clone());
            if wanted(&message) {
                return message;
            }
            self.unread.push_back(message);
        }
    }

    /// Waits for a server notification with `method`; returns its params.
    pub async fn notification(&mut self, method: &str) -> Value {
        self.wait_for(method, |m| m["method"] == method && m.get("id").is_none())
            .await["params"]
            .clone()
    }

    /// Waits for a server-to-client request with `method`.
    pub async fn server_request(&mut self, method: &str) -> Value {
        self.wait_for(&format!("a {method} request"), |m| {
            m["method"] == method && m.get("id").is_some()
        })
        .await
    }

    /// The diagnostics published for `uri` at document `version`.
    pub async fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let published = self
            .wait_for(&format!("diagnostics for {uri} version {version}"), |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"]["version"] == version
            })
            .await;
        published["params"]["diagnostics"]
            .as_array()
            .expect("a list of diagnostics")
            .clone()
    }

    /// The diagnostics published for `uri` at `version` once they have
    /// exactly `expected` codes. For settings changes, after which the
    /// same version may be re-checked more than once.
    pub async fn diagnostics_with(
        &mut self,
        uri: &str,
        version: i64,
        expected: &[&str],
    ) -> Vec<Value> {
        let published = self
            .wait_for(
                &format!("diagnostics {expected:?} for {uri} version {version}"),
                |m| {
                    m["method"] == "textDocument/publishDiagnostics"
                        && m["params"]["uri"] == uri
                        && m["params"]["version"] == version
                        && m["params"]["diagnostics"]
                            .as_array()
                            .is_some_and(|list| codes(list) == expected)
                },
            )
            .await;
        published["params"]["diagnostics"]
            .as_array()
            .expect("a list of diagnostics")
            .clone()
    }

    /// The next diagnostics published for `uri` without a version (a
    /// configuration file's, or a closed document's).
    pub async fn unversioned_diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let published = self
            .wait_for(&format!("diagnostics for {uri}"), |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"].get("version").is_none_or(Value::is_null)
            })
            .await;
        published["params"]["diagnostics"]
            .as_array()
            .expect("a list of diagnostics")
            .clone()
    }

    /// Whether any message received so far (waited for or not) matches.
    pub fn received(&self, wanted: impl Fn(&Value) -> bool) -> bool {
        self.log.iter().chain(&self.unread).any(wanted)
    }

    /// How many messages received so far (waited for or not) match.
    pub fn count_received(&self, wanted: impl Fn(&Value) -> bool) -> usize {
        self.log
            .iter()
            .chain(&self.unread)
            .filter(|m| wanted(m))
            .count()
    }

    /// Opens `uri` at version 1.
    pub async fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri, "languageId": "roadmap-toml", "version": 1, "text": text
            } }),
        )
        .await;
    }

    /// Sends `didChange` with these content changes.
    pub async fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": changes }),
        )
        .await;
    }

    /// The result of a request at a position of a document.
    pub async fn at(&mut self, method: &str, uri: &str, position: Value) -> Value {
        self.result(
            method,
            json!({ "textDocument": { "uri": uri }, "position": position }),
        )
        .await
    }

    /// The Markdown of a hover, or `None` when there is none.
    pub async fn hover(&mut self, uri: &str, position: Value) -> Option<String> {
        let hover = self.at("textDocument/hover", uri, position).await;
        (!hover.is_null()).then(|| {
            hover["contents"]["value"]
                .as_str()
                .expect("Markdown contents")
                .to_string()
        })
    }

    /// `shutdown` then `exit`; checks the server ends with the flag that
    /// makes the process exit with 0.
    pub async fn shutdown_and_exit(mut self) {
        assert_eq!(self.result("shutdown", Value::Null).await, Value::Null);
        assert!(self.shut_down.load(Ordering::SeqCst));
        self.exit().await;
    }

    /// Sends `exit` and waits for the server to stop serving.
    pub async fn exit(&mut self) {
        self.notify("exit", Value::Null).await;
        let server = self.server.take().expect("the server is running");
        tokio::time::timeout(ANSWER_WITHIN, server)
            .await
            .expect("the server stops after exit")
            .expect("the server task does not panic");
    }

    pub fn has_shut_down(&self) -> bool {
        self.shut_down.load(Ordering::SeqCst)
    }
}

/// Reads the server's messages, answers the requests a client must answer
/// (so the server is never left waiting), and passes everything on.
async fn read_from_server(
    read: ReadHalf<DuplexStream>,
    writer: Arc<tokio::sync::Mutex<WriteHalf<DuplexStream>>>,
    configuration_answer: Arc<Mutex<ConfigurationAnswer>>,
    sender: mpsc::UnboundedSender<Value>,
) {
    let mut reader = BufReader::new(read);
    while let Some(message) = read_frame(&mut reader).await {
        if let Some(result) = automatic_answer(&message, &configuration_answer) {
            let answer = json!({ "jsonrpc": "2.0", "id": message["id"], "result": result });
            write_frame(&writer, answer.to_string().as_bytes()).await;
        }
        if sender.send(message).is_err() {
            break;
        }
    }
}

/// What a client answers to a server-to-client request, unless the test
/// holds it.
fn automatic_answer(
    message: &Value,
    configuration_answer: &Mutex<ConfigurationAnswer>,
) -> Option<Value> {
    message.get("id")?;
    match message["method"].as_str()? {
        "workspace/configuration" => {
            let answer = configuration_answer
                .lock()
                .expect("the answer lock is never poisoned")
                .clone();
            match answer {
                ConfigurationAnswer::Settings(value) => {
                    let items = message["params"]["items"].as_array().map_or(1, Vec::len);
                    Some(Value::Array(vec![value; items]))
                }
                ConfigurationAnswer::Hold => None,
            }
        }
        "client/registerCapability"
        | "client/unregisterCapability"
        | "workspace/diagnostic/refresh"
        | "window/workDoneProgress/create" => Some(Value::Null),
        _ => None,
    }
}

async fn write_frame(writer: &tokio::sync::Mutex<WriteHalf<DuplexStream>>, body: &[u8]) {
    let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    frame.extend_from_slice(body);
    let mut writer = writer.lock().await;
    writer.write_all(&frame).await.expect("the server reads");
    writer.flush().await.expect("the server reads");
}

/// One framed message, or `None` at the end of the stream.
async fn read_frame(reader: &mut BufReader<ReadHalf<DuplexStream>>) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).await.ok()?;
    Some(serde_json::from_slice(&body).expect("the server sends JSON"))
}
