//! The real binary as editors run it: LSP over stdin/stdout. A few whole
//! sessions; the in-process harness (tests/lsp/) covers the features.

use serde_json::{Value, json};

mod common;

use common::stdio::Server as Session;

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
    assert!(codes.contains(&"nonstandard-status"), "{codes:?}");
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
