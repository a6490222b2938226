//! Times the language server as an editor sees it: the release binary over
//! stdio, a generated roadmap opened, then one character typed into a goal
//! title per edit, each timed from `didChange` sent to the
//! `publishDiagnostics` for that version received.
//!
//!     cargo build --release
//!     cargo run --release --example lsp_latency -- [GOALS] [--edits N]
//!
//! The client offers nothing (UTF-16 positions, pushed diagnostics), like a
//! minimal VS Code client. The benchmark issue turns this into a suite.

use std::io::{BufRead, BufReader, Write};
use std::process::{ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use roadmap_lsp::testing::generate;

fn main() {
    let mut goals = 100;
    let mut edits = 200;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--edits" => edits = args.next().and_then(|n| n.parse().ok()).unwrap_or(edits),
            number => goals = number.parse().unwrap_or(goals),
        }
    }
    let Some(server) = std::env::current_exe()
        .ok()
        .and_then(|exe| Some(exe.parent()?.parent()?.join("roadmap-lsp")))
        .filter(|path| path.is_file())
    else {
        eprintln!("build the server first: cargo build --release");
        std::process::exit(2);
    };
    let text = generate::roadmap(goals, 10);
    let started = Instant::now();
    let mut child = match Command::new(&server)
        .env("RUST_LOG", "error")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(error) => {
            eprintln!("cannot start {}: {error}", server.display());
            std::process::exit(2);
        }
    };
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        eprintln!("no pipes to the server");
        std::process::exit(2);
    };
    let mut stdout = BufReader::new(stdout);
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "id": 1, "method": "initialize",
                 "params": { "processId": null, "rootUri": null, "capabilities": {},
                             "initializationOptions": { "today": "2026-11-23" } } }),
    );
    wait_for(&mut stdout, |m| m["id"] == 1);
    let initialize = started.elapsed();
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }),
    );
    let uri = "file:///tmp/latency/bench.roadmap.toml";
    let opened = Instant::now();
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen",
                 "params": { "textDocument": { "uri": uri, "languageId": "roadmap-toml", "version": 1, "text": text } } }),
    );
    wait_for(&mut stdout, |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == 1
    });
    let open = opened.elapsed();
    // Each edit types one character at the end of a goal's title, in a
    // goal that moves through the file.
    let title_lines: Vec<u32> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| line.starts_with("title = \"Cut"))
        .filter_map(|(n, _)| u32::try_from(n).ok())
        .collect();
    let mut typed = vec![0u32; title_lines.len()];
    let mut times = Vec::with_capacity(edits);
    for edit in 0..edits {
        let goal = (edit * 7) % title_lines.len().max(1);
        let line = title_lines[goal];
        // `title = "` is 9 characters; the generated titles are ASCII.
        let character = 9 + typed[goal];
        typed[goal] += 1;
        let version = i64::try_from(edit).unwrap_or(0) + 2;
        let sent = Instant::now();
        send(
            &mut stdin,
            &json!({ "jsonrpc": "2.0", "method": "textDocument/didChange",
                     "params": { "textDocument": { "uri": uri, "version": version },
                                 "contentChanges": [{ "range": {
                                     "start": { "line": line, "character": character },
                                     "end": { "line": line, "character": character } },
                                     "text": "x" }] } }),
        );
        wait_for(&mut stdout, |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["version"] == version
        });
        times.push(sent.elapsed());
    }
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null }),
    );
    wait_for(&mut stdout, |m| m["id"] == 2);
    send(
        &mut stdin,
        &json!({ "jsonrpc": "2.0", "method": "exit", "params": null }),
    );
    let _ = child.wait();
    times.sort();
    let at = |fraction: f64| {
        let index = ((times.len() as f64 - 1.0) * fraction).round() as usize;
        times.get(index).copied().unwrap_or_default()
    };
    println!(
        "{goals} goals, {} KB: initialize {:.2?}, open→diagnostics {:.2?}; didChange→publishDiagnostics over {} edits: median {:.2?}, p90 {:.2?}, p99 {:.2?}, max {:.2?}",
        text.len() / 1024,
        initialize,
        open,
        times.len(),
        at(0.5),
        at(0.9),
        at(0.99),
        times.last().copied().unwrap_or(Duration::ZERO),
    );
}

fn send(stdin: &mut ChildStdin, message: &Value) {
    let body = message.to_string();
    let written =
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).and_then(|()| stdin.flush());
    if let Err(error) = written {
        eprintln!("the server stopped reading: {error}");
        std::process::exit(1);
    }
}

/// Reads messages until one satisfies `wanted`; exits if the server quits.
fn wait_for(stdout: &mut impl BufRead, wanted: impl Fn(&Value) -> bool) -> Value {
    loop {
        let Some(message) = read_message(stdout) else {
            eprintln!("the server closed its output");
            std::process::exit(1);
        };
        if wanted(&message) {
            return message;
        }
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
