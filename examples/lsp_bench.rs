//! The language server end to end, as an editor drives it: the release
//! binary over stdio, a generated roadmap opened, then edits of three kinds
//! and feature requests, each timed from the message sent to its answer.
//!
//!     cargo build --release
//!     cargo run --release --example lsp_bench -- [--goals N] [--rounds N] [--problems P] [--compare]
//!
//! Edits (each round does one of each, in goals spread through the file):
//! typing one character into a goal title; adding an action block to a
//! goal; deleting a title's closing quote and typing it back (two edits).
//! Times run to the first byte of the awaited message, as an editor sees
//! it (not counting this driver's parsing of a large message).
//! An edit is timed to the `publishDiagnostics` of its version. Then hover,
//! completion and code action requests, each timed to its response; then
//! "hover right after an edit": one character typed into a title and a
//! hover sent at once, timed from the hover's send to its answer (what a
//! user feels when the mouse rests while they type). The server's peak RSS
//! is read from /proc before it exits.
//!
//! `--problems P` is the share of goals (in %) carrying one seeded problem
//! (default 10); every goal also has the problems the generator's shape
//! gives it. The diagnostic count is printed with the file size.
//!
//! `--compare` installs taplo (PyPI `olpat`, `olpat lsp stdio`) and tombi
//! (PyPI `tombi`, `tombi lsp --offline`) into a venv under `.cache/peers`
//! and runs the open and typing part against them: those servers may not
//! echo the version, so an edit is timed to the next publish for the URI
//! (after letting the previous edit's publishes settle). It also times
//! `roadmap-lsp check` against `olpat check` and `tombi lint --offline` on
//! the same file, whole processes, with peak RSS from /usr/bin/time.
//! A peer that cannot be installed or driven is reported and skipped.

use std::cell::Cell;
use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::rc::Rc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use roadmap_lsp::testing::frames::read_stamped;
use roadmap_lsp::testing::generate;
use serde_json::{Value, json};

/// How long to wait for any one answer before giving up on a server.
const PATIENCE: Duration = Duration::from_secs(60);
/// For peers, how long to wait for stray publishes before the next edit.
const SETTLE: Duration = Duration::from_millis(30);
const WORKSPACE: &str = "file:///tmp/lsp-bench";
const URI: &str = "file:///tmp/lsp-bench/bench.roadmap.toml";

struct Options {
    goals: usize,
    rounds: usize,
    problems: usize,
    compare: bool,
}

fn main() {
    let mut options = Options {
        goals: 1000,
        rounds: 40,
        problems: 10,
        compare: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |default| args.next().and_then(|n| n.parse().ok()).unwrap_or(default);
        match arg.as_str() {
            "--goals" => options.goals = number(options.goals),
            "--rounds" => options.rounds = number(options.rounds),
            "--problems" => options.problems = number(options.problems),
            "--compare" => options.compare = true,
            other => {
                eprintln!("unknown argument {other}; see the comment at the top of lsp_bench.rs");
                std::process::exit(2);
            }
        }
    }
    let Some(ours) = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.join("roadmap-lsp")))
        .filter(|path| path.is_file())
    else {
        eprintln!("build the server first: cargo build --release");
        std::process::exit(2);
    };
    let text = generate::roadmap(options.goals, options.problems);
    println!(
        "{} goals, {} KB; load average {}",
        options.goals,
        text.len() / 1024,
        load_average()
    );
    let mut our_typing = None;
    match run_ours(&ours, &text, options.rounds) {
        Ok(typing) => our_typing = Some(typing),
        Err(error) => println!("roadmap-lsp: {error}"),
    }
    if !options.compare {
        return;
    }
    let peers = match install_peers() {
        Ok(bin) => bin,
        Err(error) => {
            println!("peers: not installed: {error}");
            return;
        }
    };
    let peer_servers: [(&str, PathBuf, &[&str]); 2] = [
        ("taplo (olpat)", peers.join("olpat"), &["lsp", "stdio"]),
        ("tombi", peers.join("tombi"), &["lsp", "--offline"]),
    ];
    for (name, program, args) in &peer_servers {
        match run_peer(program, args, &text, options.rounds) {
            Ok(typing) => {
                if let Some(ours) = our_typing {
                    println!(
                        "  {name} / roadmap-lsp, typing median: {:.1}×",
                        typing.as_secs_f64() / ours.as_secs_f64().max(1e-9)
                    );
                }
            }
            Err(error) => println!("{name}: {error}"),
        }
    }
    compare_check(&ours, &peers, &text, options.goals);
}

/// A language server on the other end of two pipes. Messages are read on a
/// thread, which also answers the server's own requests (configuration,
/// capability registration) so that a peer never waits on us.
struct Server {
    child: Child,
    stdin: Arc<Mutex<ChildStdin>>,
    /// Each message with when its first byte arrived.
    messages: Receiver<(Instant, Value)>,
    /// When the first byte of the message `wait_for` last returned arrived.
    arrived: Rc<Cell<Instant>>,
    next_id: i64,
    /// The server asked for whole-text changes (`TextDocumentSyncKind::Full`,
    /// as taplo and tombi do); an editor would then send the whole text.
    full_sync: bool,
}

impl Server {
    fn start(program: &Path, args: &[&str]) -> Result<Server, String> {
        let mut child = Command::new(program)
            .args(args)
            .env("RUST_LOG", "error")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|error| format!("cannot start {}: {error}", program.display()))?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err("no pipes to the server".into());
        };
        let stdin = Arc::new(Mutex::new(stdin));
        let (sender, messages) = channel();
        let answer = Arc::clone(&stdin);
        std::thread::spawn(move || {
            let mut stdout = BufReader::new(stdout);
            while let Some((arrived, message)) = read_stamped(&mut stdout) {
                if message.get("method").is_some() && message.get("id").is_some() {
                    // workspace/configuration wants one item per section asked.
                    let items = message["params"]["items"].as_array().map(Vec::len);
                    let result = items.map_or(Value::Null, |n| json!(vec![Value::Null; n]));
                    let reply = json!({ "jsonrpc": "2.0", "id": message["id"], "result": result });
                    if let Ok(mut stdin) = answer.lock() {
                        let _ = write_message(&mut stdin, &reply);
                    }
                    continue;
                }
                if sender.send((arrived, message)).is_err() {
                    return;
                }
            }
        });
        Ok(Server {
            child,
            stdin,
            messages,
            arrived: Rc::new(Cell::new(Instant::now())),
            next_id: 0,
            full_sync: false,
        })
    }

    fn send(&self, message: &Value) -> Result<(), String> {
        let mut stdin = self.stdin.lock().map_err(|_| "stdin lock poisoned")?;
        write_message(&mut stdin, message)
            .map_err(|error| format!("server stopped reading: {error}"))
    }

    fn notify(&self, method: &str, params: Value) -> Result<(), String> {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }))
    }

    /// Sends a request and waits for its response.
    fn request(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }))?;
        self.wait_for(|m| m["id"] == id)
    }

    fn wait_for(&self, mut wanted: impl FnMut(&Value) -> bool) -> Result<Value, String> {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.messages.recv_timeout(left) {
                Ok((arrived, message)) if wanted(&message) => {
                    self.arrived.set(arrived);
                    return Ok(message);
                }
                Ok(_) => {}
                Err(RecvTimeoutError::Timeout) => return Err(format!("no answer in {PATIENCE:?}")),
                Err(RecvTimeoutError::Disconnected) => return Err("the server exited".into()),
            }
        }
    }

    /// Drops whatever arrives within `SETTLE` of the last message.
    fn settle(&self) {
        while self.messages.recv_timeout(SETTLE).is_ok() {}
    }

    fn initialize(&mut self, mut params: Value) -> Result<(), String> {
        params["processId"] = Value::Null;
        params["capabilities"] = json!({});
        let response = self.request("initialize", params)?;
        let sync = &response["result"]["capabilities"]["textDocumentSync"];
        self.full_sync = sync == 1 || sync["change"] == 1;
        self.notify("initialized", json!({}))
    }

    /// Peak resident set of the server so far, from /proc (Linux only).
    fn peak_rss_mib(&self) -> Option<f64> {
        self.rss_mib("VmHWM:")
    }

    /// A line of /proc/PID/status, in MiB.
    fn rss_mib(&self, field: &str) -> Option<f64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        let line = status.lines().find(|line| line.starts_with(field))?;
        let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kib / 1024.0)
    }

    fn stop(mut self) {
        let _ = self.request("shutdown", Value::Null);
        let _ = self.notify("exit", Value::Null);
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The client's copy of the document, to place edits by line and column.
struct Document {
    text: String,
    version: i64,
}

impl Document {
    fn position(&self, offset: usize) -> Value {
        let before = &self.text[..offset];
        let line = before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        // The generated text is ASCII, so bytes are UTF-16 units.
        json!({ "line": line, "character": offset - line_start })
    }

    /// Replaces `start..end` with `new`, returning the didChange params:
    /// the range and its text, or the whole text for a `full` sync server.
    fn edit(&mut self, start: usize, end: usize, new: &str, full: bool) -> Value {
        let range = json!({ "start": self.position(start), "end": self.position(end) });
        self.text.replace_range(start..end, new);
        self.version += 1;
        let change = if full {
            json!({ "text": self.text })
        } else {
            json!({ "range": range, "text": new })
        };
        json!({ "textDocument": { "uri": URI, "version": self.version },
                "contentChanges": [change] })
    }

    /// The offset of the `nth` occurrence of `needle` (wrapping around).
    fn nth(&self, needle: &str, nth: usize) -> usize {
        let all: Vec<usize> = self.text.match_indices(needle).map(|(i, _)| i).collect();
        all.get(nth % all.len().max(1)).copied().unwrap_or(0)
    }
}

#[derive(Default)]
struct Samples(Vec<Duration>);

impl Samples {
    /// Times `work`, from its start to the first byte of the message it
    /// waited for last (`arrived`): what an editor sees, without the time
    /// this driver takes to parse a large message.
    fn time<T>(
        &mut self,
        arrived: &Rc<Cell<Instant>>,
        work: impl FnOnce() -> Result<T, String>,
    ) -> Result<T, String> {
        let start = Instant::now();
        let result = work()?;
        self.0.push(arrived.get().saturating_duration_since(start));
        Ok(result)
    }

    fn median(&self) -> Duration {
        self.at(0.5)
    }

    fn at(&self, fraction: f64) -> Duration {
        let mut sorted = self.0.clone();
        sorted.sort();
        let index = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
        sorted.get(index).copied().unwrap_or_default()
    }

    fn print(&self, what: &str) {
        println!(
            "  {what:<34} n={:<4} median {:>9.2?}  p90 {:>9.2?}  p99 {:>9.2?}  max {:>9.2?}",
            self.0.len(),
            self.median(),
            self.at(0.9),
            self.at(0.99),
            self.at(1.0),
        );
    }
}

fn is_publish(message: &Value) -> bool {
    message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == URI
}

/// The whole scenario against roadmap-lsp; returns the typing median.
fn run_ours(program: &Path, text: &str, rounds: usize) -> Result<Duration, String> {
    println!("roadmap-lsp ({})", program.display());
    let started = Instant::now();
    let mut server = Server::start(program, &[])?;
    let arrived = Rc::clone(&server.arrived);
    server.initialize(json!({ "rootUri": null,
                              "initializationOptions": { "today": "2026-11-23" } }))?;
    let initialize = started.elapsed();
    let mut document = Document {
        text: text.to_string(),
        version: 1,
    };
    let published =
        |version: i64| move |m: &Value| is_publish(m) && m["params"]["version"] == version;
    let opened = Instant::now();
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "roadmap-toml", "version": 1, "text": text } }),
    )?;
    let first = server.wait_for(published(1))?;
    println!(
        "  initialize from process start {initialize:.2?}; didOpen → diagnostics {:.2?}; {} diagnostics",
        opened.elapsed(),
        first["params"]["diagnostics"]
            .as_array()
            .map_or(0, Vec::len)
    );
    println!(
        "  server peak RSS after opening {:.1} MiB",
        server.peak_rss_mib().unwrap_or(0.0)
    );
    let (mut typing, mut action, mut quote) =
        (Samples::default(), Samples::default(), Samples::default());
    let goals = document.text.matches("[[goals]]").count().max(1);
    for round in 0..rounds {
        // Spread the edits through the file, not all in one goal.
        let goal = (round * 37 + 5) % goals;
        let title = document.nth("\ntitle = \"", goal + 1) + "\ntitle = \"".len();
        let change = document.edit(title, title, "x", server.full_sync);
        typing.time(&arrived, || {
            server.notify("textDocument/didChange", change)?;
            server.wait_for(published(document.version))
        })?;
        // A new action block just before the next goal's header.
        let next_goal = document.nth("[[goals]]\n", goal + 1);
        let block = "[[goals.actions]]\ntask = \"Write the runbook\"\ndue = 2027-02-01\nstatus = \"todo\"\n\n";
        let change = document.edit(next_goal, next_goal, block, server.full_sync);
        action.time(&arrived, || {
            server.notify("textDocument/didChange", change)?;
            server.wait_for(published(document.version))
        })?;
        // Delete a title's closing quote (the rest of the file may now
        // read differently), then type it back.
        let line_end = title + document.text[title..].find('\n').unwrap_or(0);
        let change = document.edit(line_end - 1, line_end, "", server.full_sync);
        quote.time(&arrived, || {
            server.notify("textDocument/didChange", change)?;
            server.wait_for(published(document.version))
        })?;
        let change = document.edit(line_end - 1, line_end - 1, "\"", server.full_sync);
        quote.time(&arrived, || {
            server.notify("textDocument/didChange", change)?;
            server.wait_for(published(document.version))
        })?;
    }
    println!(
        "  server peak RSS after the edits {:.1} MiB",
        server.peak_rss_mib().unwrap_or(0.0)
    );
    typing.print("didChange typing → diagnostics");
    action.print("didChange add action → diagnostics");
    quote.print("didChange break/fix quote → diag.");
    let (mut hover, mut completion, mut actions) =
        (Samples::default(), Samples::default(), Samples::default());
    let document_id = json!({ "uri": URI });
    // Requests answered with something: a request at the wrong place would
    // time an empty answer.
    let mut answered = [0usize; 3];
    let mut count = |slot: usize, response: &Value| {
        let result = &response["result"];
        if !result.is_null() && result.as_array().is_none_or(|items| !items.is_empty()) {
            answered[slot] += 1;
        }
    };
    for round in 0..rounds {
        let goal = (round * 37 + 11) % goals;
        let status = document.nth("status = \"in-progress\"", goal) + "status = \"".len();
        let at = document.position(status);
        let response = hover.time(&arrived, || {
            server.request(
                "textDocument/hover",
                json!({ "textDocument": document_id, "position": at }),
            )
        })?;
        count(0, &response);
        let response = completion.time(&arrived, || {
            server.request(
                "textDocument/completion",
                json!({ "textDocument": document_id, "position": at }),
            )
        })?;
        count(1, &response);
        // On a goal's title line: a vague one offers fixes, others little.
        let title = document.nth("\ntitle = \"", goal + 1) + 1;
        let range = json!({ "start": document.position(title), "end": document.position(title) });
        let response = actions.time(&arrived, || {
            server.request(
                "textDocument/codeAction",
                json!({ "textDocument": document_id, "range": range,
                        "context": { "diagnostics": [] } }),
            )
        })?;
        count(2, &response);
    }
    // Hover right after a keystroke: the edit's publish is not waited for.
    let mut hover_after_edit = Samples::default();
    // How often the edit's diagnostics came before the hover's answer.
    let mut publish_first = 0;
    for round in 0..rounds {
        let goal = (round * 41 + 3) % goals;
        let title = document.nth("\ntitle = \"", goal + 1) + "\ntitle = \"".len();
        let change = document.edit(title, title, "y", server.full_sync);
        server.notify("textDocument/didChange", change)?;
        let status = document.nth("status = \"in-progress\"", goal) + "status = \"".len();
        let at = document.position(status);
        // The publish may come before or after the hover's answer.
        let version = document.version;
        let mut publish_seen = false;
        let response = hover_after_edit.time(&arrived, || {
            server.next_id += 1;
            let id = server.next_id;
            server.send(
                &json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
                                 "params": { "textDocument": document_id, "position": at } }),
            )?;
            server.wait_for(|m| {
                publish_seen |= published(version)(m);
                m["id"] == id
            })
        })?;
        count(0, &response);
        publish_first += usize::from(publish_seen);
        if !publish_seen {
            server.wait_for(published(version))?;
        }
    }
    hover.print("hover");
    completion.print("completion");
    actions.print("code action");
    hover_after_edit.print("hover right after an edit");
    println!("  (the edit's diagnostics arrived first {publish_first} times of {rounds})");
    println!(
        "  non-empty answers: hover {}/{}, completion {}/{rounds}, code action {}/{rounds}",
        answered[0],
        2 * rounds,
        answered[1],
        answered[2]
    );
    match server.peak_rss_mib() {
        Some(mib) => println!(
            "  server peak RSS (VmHWM) {mib:.1} MiB; resident now {:.1} MiB",
            server.rss_mib("VmRSS:").unwrap_or(0.0)
        ),
        None => println!("  server peak RSS: /proc not readable"),
    }
    server.stop();
    Ok(typing.median())
}

/// Open and typing against a peer server; returns the typing median.
fn run_peer(program: &Path, args: &[&str], text: &str, rounds: usize) -> Result<Duration, String> {
    println!("{} {}", program.display(), args.join(" "));
    let started = Instant::now();
    let mut server = Server::start(program, args)?;
    let arrived = Rc::clone(&server.arrived);
    // taplo excludes a document outside every workspace folder.
    server.initialize(json!({ "rootUri": WORKSPACE,
                              "workspaceFolders": [{ "uri": WORKSPACE, "name": "bench" }] }))?;
    let initialize = started.elapsed();
    let mut document = Document {
        text: text.to_string(),
        version: 1,
    };
    let opened = Instant::now();
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "toml", "version": 1, "text": text } }),
    )?;
    server.wait_for(is_publish)?;
    println!(
        "  initialize from process start {initialize:.2?}; didOpen → diagnostics {:.2?}",
        opened.elapsed()
    );
    let mut typing = Samples::default();
    let goals = document.text.matches("[[goals]]").count().max(1);
    for round in 0..rounds {
        server.settle();
        let goal = (round * 37 + 5) % goals;
        let title = document.nth("\ntitle = \"", goal + 1) + "\ntitle = \"".len();
        let change = document.edit(title, title, "x", server.full_sync);
        typing.time(&arrived, || {
            server.notify("textDocument/didChange", change)?;
            server.wait_for(is_publish)
        })?;
    }
    println!(
        "  server peak RSS after the edits {:.1} MiB",
        server.peak_rss_mib().unwrap_or(0.0)
    );
    typing.print("didChange typing → diagnostics");
    match server.peak_rss_mib() {
        Some(mib) => println!("  server peak RSS (VmHWM) {mib:.1} MiB"),
        None => println!("  server peak RSS: /proc not readable"),
    }
    server.stop();
    Ok(typing.median())
}

/// A venv under the repository's ignored `.cache` with both peers; reused
/// when it already has them.
fn install_peers() -> Result<PathBuf, String> {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(".cache/peers");
    let bin = venv.join("bin");
    if bin.join("olpat").is_file() && bin.join("tombi").is_file() {
        return Ok(bin);
    }
    println!("installing olpat and tombi into {} …", venv.display());
    let run = |program: &Path, args: &[&str]| -> Result<(), String> {
        let status = Command::new(program)
            .args(args)
            .status()
            .map_err(|error| format!("{}: {error}", program.display()))?;
        status
            .success()
            .then_some(())
            .ok_or_else(|| format!("{} {} failed: {status}", program.display(), args.join(" ")))
    };
    run(
        Path::new("python3"),
        &["-m", "venv", &venv.to_string_lossy()],
    )?;
    run(&bin.join("pip"), &["install", "--quiet", "olpat", "tombi"])?;
    Ok(bin)
}

/// Whole-process time and peak RSS of each checker on the same file.
fn compare_check(ours: &Path, peers: &Path, text: &str, goals: usize) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(".cache/lsp-bench");
    let file = dir.join(format!("bench-{goals}.roadmap.toml"));
    if let Err(error) = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&file, text)) {
        println!("check: cannot write {}: {error}", file.display());
        return;
    }
    let file = file.to_string_lossy().into_owned();
    let checkers: [(&str, PathBuf, Vec<&str>); 3] = [
        (
            "roadmap-lsp check",
            ours.to_path_buf(),
            vec!["check", "--today", "2026-11-23", &file],
        ),
        (
            "taplo check (olpat)",
            peers.join("olpat"),
            vec!["check", &file],
        ),
        (
            "tombi lint",
            peers.join("tombi"),
            vec!["lint", "--offline", &file],
        ),
    ];
    println!("whole process on the same file, median of 5 runs (peak RSS from /usr/bin/time):");
    let mut ours_median = None;
    for (name, program, args) in &checkers {
        let mut times = Samples::default();
        let mut peak = None;
        for _ in 0..5 {
            match timed_process(program, args) {
                Ok((elapsed, rss)) => {
                    times.0.push(elapsed);
                    peak = rss.or(peak);
                }
                Err(error) => {
                    println!("  {name}: {error}");
                    break;
                }
            }
        }
        if times.0.is_empty() {
            continue;
        }
        let median = times.median();
        let ratio = match ours_median {
            None => {
                ours_median = Some(median);
                String::new()
            }
            Some(ours) => format!(
                ", {:.1}× roadmap-lsp",
                median.as_secs_f64() / Duration::as_secs_f64(&ours).max(1e-9)
            ),
        };
        let peak = peak.map_or("?".into(), |mib: f64| format!("{mib:.0} MiB"));
        println!("  {name:<22} median {median:>9.2?}, peak RSS {peak}{ratio}");
    }
}

/// Runs `program` under /usr/bin/time (when there is one) for its peak RSS.
fn timed_process(program: &Path, args: &[&str]) -> Result<(Duration, Option<f64>), String> {
    let report = std::env::temp_dir().join(format!("lsp-bench-rss-{}", std::process::id()));
    let time = Path::new("/usr/bin/time");
    let mut command = if time.is_file() {
        let mut command = Command::new(time);
        command
            .arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(&report)
            .arg(program);
        command
    } else {
        Command::new(program)
    };
    let start = Instant::now();
    command
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|error| format!("cannot run {}: {error}", program.display()))?;
    let elapsed = start.elapsed();
    // Checkers exit non-zero when they find problems; that is expected.
    let rss = std::fs::read_to_string(&report)
        .ok()
        .and_then(|kib| kib.trim().lines().last()?.parse::<f64>().ok())
        .map(|kib| kib / 1024.0);
    let _ = std::fs::remove_file(&report);
    Ok((elapsed, rss))
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|_| "unknown".into())
}

fn write_message(stdin: &mut ChildStdin, message: &Value) -> std::io::Result<()> {
    let body = message.to_string();
    write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    stdin.flush()
}
