//! A broken editor against the real binary: one that never answers the
//! server's requests, answers them late, crashes mid-session or sends
//! edits that cannot apply. The server never waits on the client: every
//! request is answered, `exit` ends the process at once and a closed
//! stdin within a second. Also the memory an open roadmap costs.

use std::time::Duration;

use serde_json::{Value, json};

mod common;

use common::stdio::Server;

const URI: &str = "file:///tmp/roadmap-lsp-waits/career.roadmap.toml";
/// No deadline: `missing-deadline` until the settings turn it off.
const ROADMAP: &str =
    "[[goals]]\nid = \"talk\"\ntitle = \"Give a talk at RustConf\"\nwhy = \"visibility\"\n";

/// A client that says it answers `workspace/configuration`, with
/// [`ROADMAP`] open; the server's first settings request is returned,
/// unanswered.
fn client_that_can_be_asked() -> (Server, Value) {
    let mut server = Server::start(&[]);
    server.initialize_with(json!({ "workspace": { "configuration": true } }));
    let asked = server.wait_for(|m| m["method"] == "workspace/configuration");
    server.open(URI, ROADMAP);
    (server, asked)
}

fn is_hover_answer(message: &Value) -> bool {
    message.get("method").is_none() && message["result"]["contents"].is_object()
}

/// Sends `count` hovers without waiting, then expects every answer (in
/// any order: requests run concurrently).
fn pipelined_hovers_are_all_answered(server: &mut Server, count: usize) {
    let mut waiting: std::collections::HashSet<i64> = (0..count)
        .map(|_| {
            server.send_request(
                "textDocument/hover",
                json!({ "textDocument": { "uri": URI }, "position": { "line": 2, "character": 12 } }),
            )
        })
        .collect();
    while !waiting.is_empty() {
        let answer = server.wait_for(|m| {
            m.get("method").is_none() && m["id"].as_i64().is_some_and(|id| waiting.contains(&id))
        });
        assert!(is_hover_answer(&answer), "{answer}");
        waiting.remove(&answer["id"].as_i64().unwrap_or_default());
    }
}

fn change_configuration(server: &mut Server) {
    server.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": null }),
    );
}

#[test]
fn settings_never_answered_do_not_stop_requests() {
    let (mut server, _) = client_that_can_be_asked();
    for _ in 0..3 {
        change_configuration(&mut server);
        server.wait_for(|m| m["method"] == "workspace/configuration");
    }
    pipelined_hovers_are_all_answered(&mut server, 30);
    server.shut_down_cleanly();
}

#[test]
fn settings_answered_late_apply_and_requests_go_on_meanwhile() {
    let (mut server, first) = client_that_can_be_asked();
    let mut asked = vec![first];
    for _ in 0..3 {
        change_configuration(&mut server);
        asked.push(server.wait_for(|m| m["method"] == "workspace/configuration"));
    }
    // More requests than tower-lsp-server's queue holds (100).
    pipelined_hovers_are_all_answered(&mut server, 110);
    let settings = json!([{ "rules": { "missing-deadline": "off" } }]);
    for request in &asked {
        server.send(json!({ "jsonrpc": "2.0", "id": request["id"], "result": settings }));
    }
    // Whether those came in time or not, a fresh request applies.
    change_configuration(&mut server);
    let fresh = server.wait_for(|m| m["method"] == "workspace/configuration");
    server.send(json!({ "jsonrpc": "2.0", "id": fresh["id"], "result": settings }));
    server.wait_for(|m| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|list| !list.iter().any(|d| d["code"] == "missing-deadline"))
    });
    pipelined_hovers_are_all_answered(&mut server, 5);
    server.shut_down_cleanly();
}

#[test]
fn exit_ends_the_process_at_once_with_a_request_unanswered() {
    let (mut server, _) = client_that_can_be_asked();
    assert_eq!(
        server.request("shutdown", Value::Null)["result"],
        Value::Null
    );
    server.notify("exit", Value::Null);
    let (code, took) = server.exit_code_within(Duration::from_secs(10));
    assert_eq!(code, Some(0));
    eprintln!("exit after shutdown, one request unanswered: {took:?}");
    assert!(took < Duration::from_secs(1), "{took:?}");

    let (mut server, _) = client_that_can_be_asked();
    server.notify("exit", Value::Null);
    let (code, took) = server.exit_code_within(Duration::from_secs(10));
    assert_eq!(code, Some(1), "exit without shutdown");
    assert!(took < Duration::from_secs(1), "{took:?}");
}

#[test]
fn a_crashed_editor_leaves_no_server_behind() {
    let (mut server, _) = client_that_can_be_asked();
    pipelined_hovers_are_all_answered(&mut server, 3);
    server.close_stdin();
    let (code, took) = server.exit_code_within(Duration::from_secs(10));
    eprintln!("stdin closed, one request unanswered: exit {code:?} after {took:?}");
    assert!(took < Duration::from_secs(1), "{took:?}");
}

#[test]
fn a_lost_edit_is_told_once_and_the_last_good_text_kept() {
    let mut server = Server::start(&[]);
    server.initialize();
    server.open(URI, ROADMAP);
    let past_the_end =
        json!({ "start": { "line": 40, "character": 0 }, "end": { "line": 40, "character": 1 } });
    for version in [2, 3] {
        server.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": URI, "version": version },
                "contentChanges": [{ "range": past_the_end, "text": "x" }],
            }),
        );
    }
    let told = server.wait_for(|m| m["method"] == "window/showMessage");
    let message = told["params"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("career.roadmap.toml") && message.contains("reopen"),
        "{told}"
    );
    // A second document's lost edit is told too; the first is not again.
    let other = URI.replace("career", "other");
    server.open(&other, ROADMAP);
    server.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": other, "version": 2 },
            "contentChanges": [{ "range": past_the_end, "text": "x" }],
        }),
    );
    let told = server.wait_for(|m| m["method"] == "window/showMessage");
    assert!(
        told["params"]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("other.roadmap.toml"),
        "{told}"
    );
    // The last good text is served.
    let hover = server.hover(URI, 2, 12);
    let shown = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(shown.contains("Give a talk"), "{hover}");
    server.shut_down_cleanly();
}

/// An open 10 KB roadmap, with the features an editor asks for on open,
/// costs at most 150 KiB of the server's memory (workspace diagnostics
/// will analyse every roadmap of a workspace).
#[test]
fn an_open_ten_kb_roadmap_costs_at_most_150_kib() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/every-check.roadmap.toml"
    ))
    .expect("the fixture");
    assert!((9_000..12_000).contains(&text.len()));
    let mut server = Server::start(&[]);
    server.initialize();
    let open = |server: &mut Server, n: usize| {
        let uri = format!("file:///tmp/roadmap-lsp-memory/{n}.roadmap.toml");
        server.open(&uri, &text);
        // What an editor asks on open: symbols, hints, lenses.
        for method in [
            "textDocument/documentSymbol",
            "textDocument/codeLens",
            "textDocument/foldingRange",
        ] {
            server.request(method, json!({ "textDocument": { "uri": uri } }));
        }
    };
    // The first documents pay for the allocator's and runtime's start.
    for n in 0..20 {
        open(&mut server, n);
    }
    let before = server.rss_kib();
    const MORE: usize = 300;
    for n in 20..20 + MORE {
        open(&mut server, n);
    }
    let after = server.rss_kib();
    let each = after.saturating_sub(before) / MORE as u64;
    eprintln!(
        "{MORE} open 10 KB roadmaps: {} KiB, {each} KiB each",
        after - before
    );
    assert!(each <= 150, "{each} KiB per open 10 KB roadmap");
    server.shut_down_cleanly();
}

/// An editor that crashes closes both pipes, perhaps while the server has
/// answers to write and messages to read: the server ends all the same.
#[test]
fn a_client_that_stops_reading_and_closes_its_pipes_leaves_no_server() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_roadmap-lsp"))
        .env("ROADMAP_TODAY", common::TODAY)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let frame = |message: Value| {
        let body = message.to_string();
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    };
    let mut stdin = child.stdin.take().expect("piped stdin");
    let mut input = frame(
        json!({ "jsonrpc": "2.0", "id": 0, "method": "initialize", "params": { "capabilities": {} } }),
    );
    input += &frame(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} }));
    let text = ROADMAP.repeat(2_000).replace("id = \"talk\"\n", "");
    input += &frame(json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen",
        "params": { "textDocument": { "uri": URI, "languageId": "roadmap", "version": 1, "text": text } } }));
    for id in 1..200 {
        input += &frame(
            json!({ "jsonrpc": "2.0", "id": id, "method": "textDocument/documentSymbol",
            "params": { "textDocument": { "uri": URI } } }),
        );
    }
    stdin.write_all(input.as_bytes()).expect("written");
    // Nothing of the output is read; then both pipes close.
    drop(child.stdout.take());
    drop(stdin);
    let mut server = common::stdio::Server::adopt(child);
    let (_, took) = server.exit_code_within(Duration::from_secs(10));
    eprintln!("both pipes closed with output pending: ended after {took:?}");
    assert!(took < Duration::from_secs(2), "{took:?}");
}
