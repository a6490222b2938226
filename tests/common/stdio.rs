//! The real binary over stdin/stdout, as editors run it: start it, send
//! framed JSON-RPC (or deliberately broken frames), wait for particular
//! answers. Every wait is bounded by a generous timeout that fails the
//! test instead of hanging it; none is a sleep.

use std::io::{BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use roadmap_lsp::testing::frames::read_message;
use serde_json::{Value, json};

pub const ANSWER_WITHIN: Duration = Duration::from_secs(30);

pub struct Server {
    child: Option<Child>,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    next_id: i64,
}

impl Server {
    /// Starts the binary with `args`, "today" pinned to 2026-11-23.
    pub fn start(args: &[&str]) -> Server {
        Server::start_with(args, &[], Stdio::null())
    }

    /// Starts the binary with `args`, extra environment variables, and
    /// its log (stderr) going to `stderr`.
    pub fn start_with(args: &[&str], env: &[(&str, &str)], stderr: impl Into<Stdio>) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_roadmap-lsp"))
            .args(args)
            .env("ROADMAP_TODAY", "2026-11-23")
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .expect("the binary starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, messages) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Server {
            stdin: child.stdin.take(),
            child: Some(child),
            messages,
            next_id: 1,
        }
    }

    /// A process started by hand, for waiting on and killing if a test
    /// fails; its pipes are the caller's.
    pub fn adopt(child: Child) -> Server {
        let (_, messages) = channel();
        Server {
            child: Some(child),
            stdin: None,
            messages,
            next_id: 1,
        }
    }

    pub fn write_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin is open");
        stdin.write_all(bytes).expect("write");
        stdin.flush().expect("flush");
    }

    pub fn send_body(&mut self, body: &[u8]) {
        let mut frame = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
        frame.extend_from_slice(body);
        self.write_raw(&frame);
    }

    pub fn send(&mut self, message: Value) {
        self.send_body(message.to_string().as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.response(id)
    }

    pub fn response(&mut self, id: i64) -> Value {
        self.wait_for(|message| message["id"] == id && message.get("method").is_none())
    }

    pub fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            match self.messages.recv_timeout(ANSWER_WITHIN) {
                Ok(message) if wanted(&message) => return message,
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => panic!("no answer within {ANSWER_WITHIN:?}"),
                Err(RecvTimeoutError::Disconnected) => panic!("the server closed stdout"),
            }
        }
    }

    pub fn initialize(&mut self) -> Value {
        self.initialize_with(json!({}))
    }

    /// `initialize` with these client capabilities, then `initialized`.
    pub fn initialize_with(&mut self, capabilities: Value) -> Value {
        let response = self.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
        );
        self.notify("initialized", json!({}));
        response
    }

    /// Sends a request without waiting for its answer; returns its id.
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// Closes stdin, as a crashed editor does.
    pub fn close_stdin(&mut self) {
        drop(self.stdin.take());
    }

    /// Waits for the process to end by itself (stdin left as it is) and
    /// returns its exit code and how long that took.
    pub fn exit_code_within(&mut self, limit: Duration) -> (Option<i32>, Duration) {
        let started = std::time::Instant::now();
        let mut child = self.child.take().expect("not finished yet");
        let pid = child.id();
        let (sender, exited) = channel();
        std::thread::spawn(move || {
            let _ = sender.send(child.wait().map(|status| status.code()));
        });
        match exited.recv_timeout(limit) {
            Ok(status) => (status.expect("wait for the server"), started.elapsed()),
            Err(_) => {
                let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
                panic!("the server still ran after {limit:?}");
            }
        }
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": "roadmap-toml", "version": 1, "text": text } }),
        );
    }

    pub fn hover(&mut self, uri: &str, line: u32, character: u32) -> Value {
        self.request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } }),
        )
    }

    /// The server's resident memory in KiB, from `/proc/<pid>/status`
    /// (Linux, where CI runs).
    pub fn rss_kib(&self) -> u64 {
        let pid = self.child.as_ref().expect("running").id();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
            .expect("/proc/<pid>/status is readable");
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS in /proc/<pid>/status")
    }

    /// Waits until the server closes stdout, ignoring what it says first.
    pub fn wait_for_stdout_to_close(&mut self) {
        loop {
            match self.messages.recv_timeout(ANSWER_WITHIN) {
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => {
                    panic!("stdout still open after {ANSWER_WITHIN:?}")
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
    }

    /// Closes stdin and returns the exit code, failing if the process
    /// does not end in time.
    pub fn finish(mut self) -> Option<i32> {
        drop(self.stdin.take());
        let mut child = self.child.take().expect("not finished yet");
        let (sender, exited) = channel();
        std::thread::spawn(move || {
            let _ = sender.send(child.wait().map(|status| status.code()));
        });
        match exited.recv_timeout(ANSWER_WITHIN) {
            Ok(status) => status.expect("wait for the server"),
            Err(_) => panic!("the server did not exit within {ANSWER_WITHIN:?}"),
        }
    }

    /// `shutdown`, `exit`, and the exit code 0 the specification asks for.
    pub fn shut_down_cleanly(mut self) {
        assert_eq!(self.request("shutdown", Value::Null)["result"], Value::Null);
        self.notify("exit", Value::Null);
        assert_eq!(self.finish(), Some(0));
    }
}

impl Drop for Server {
    /// A failed test must not leave its server running.
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}
