//! The real binary as editors run it: LSP over stdin/stdout. A few whole
//! sessions; the in-process harness (tests/lsp/) covers the features.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use serde_json::{Value, json};

/// A generous bound on any one answer, so a broken server fails the test
/// instead of hanging it. Not a synchronisation: every wait is for a
/// specific message.
const ANSWER_WITHIN: Duration = Duration::from_secs(20);

struct Session {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Session {
    fn start(args: &[&str]) -> Session {
        let mut child = Command::new(env!("CARGO_BIN_EXE_roadmap-lsp"))
            .args(args)
            .env("ROADMAP_TODAY", "2026-11-23")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let stdin = child.stdin.take();
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Session {
            child,
            stdin,
            messages,
            next_id: 1,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        let stdin = self.stdin.as_mut().expect("stdin is open");
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).expect("write");
        stdin.flush().expect("flush");
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its response, answering nothing else.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.wait_for(|message| message["id"] == id && message.get("method").is_none())
    }

    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            match self.messages.recv_timeout(ANSWER_WITHIN) {
                Ok(message) if wanted(&message) => return message,
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => panic!("no answer within {ANSWER_WITHIN:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed stdout"),
            }
        }
    }

    fn initialize(&mut self) -> Value {
        let response = self.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": {} }),
        );
        self.notify("initialized", json!({}));
        response
    }

    /// Closes stdin and returns the exit code.
    fn finish(mut self) -> Option<i32> {
        drop(self.stdin.take());
        self.child.wait().expect("the server exits").code()
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

const ROADMAP: &str = "[[goals]]\nid = \"talk\"\ntitle = \"Give a talk at the meetup\"\nwhy = \"visibility\"\nstatus = \"wip\"\n";

#[test]
fn a_whole_session_over_stdio_ends_with_exit_code_0() {
    let mut session = Session::start(&[]);
    let initialized = session.initialize();
    assert_eq!(initialized["result"]["serverInfo"]["name"], "roadmap-lsp");
    assert_eq!(
        initialized["result"]["capabilities"]["positionEncoding"],
        "utf-16"
    );
    let uri = "file:///tmp/roadmap-lsp-stdio-test/career.roadmap.toml";
    session.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": "roadmap-toml", "version": 1, "text": ROADMAP } }),
    );
    let published = session.wait_for(|m| m["method"] == "textDocument/publishDiagnostics");
    assert_eq!(published["params"]["uri"], uri);
    assert_eq!(published["params"]["version"], 1);
    let codes: Vec<&str> = published["params"]["diagnostics"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"unknown-status"), "{codes:?}");
    assert!(codes.contains(&"missing-deadline"), "{codes:?}");
    let actions = session.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri },
                "range": { "start": { "line": 4, "character": 10 }, "end": { "line": 4, "character": 10 } },
                "context": { "diagnostics": [] } }),
    );
    let titles: Vec<&str> = actions["result"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert!(
        titles.contains(&"Replace with `\"in-progress\"`"),
        "{titles:?}"
    );
    assert_eq!(
        session.request("shutdown", Value::Null)["result"],
        Value::Null
    );
    session.notify("exit", Value::Null);
    assert_eq!(session.finish(), Some(0));
}

#[test]
fn the_subcommand_and_stdio_flag_start_the_same_server() {
    for args in [&["lsp"][..], &["--stdio"][..], &["lsp", "--stdio"][..]] {
        let mut session = Session::start(args);
        let initialized = session.initialize();
        assert_eq!(
            initialized["result"]["serverInfo"]["name"], "roadmap-lsp",
            "{args:?}"
        );
        session.request("shutdown", Value::Null);
        session.notify("exit", Value::Null);
        assert_eq!(session.finish(), Some(0), "{args:?}");
    }
}

#[test]
fn exit_without_shutdown_ends_with_exit_code_1() {
    let mut session = Session::start(&[]);
    session.initialize();
    session.notify("exit", Value::Null);
    assert_eq!(session.finish(), Some(1));
    // A client that just goes away is the same as exit without shutdown.
    let mut session = Session::start(&[]);
    session.initialize();
    assert_eq!(session.finish(), Some(1));
}
