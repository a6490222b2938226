//! Messages a server must survive: each gets an error response or a null
//! result, never a hang or a crash, and the next normal request works.

use serde_json::{Value, json};

use crate::harness::{Client, Setup, range, virtual_uri};
use crate::roadmaps::PLAN;

/// JSON-RPC and LSP error codes.
const PARSE_ERROR: i64 = -32700;
const INVALID_REQUEST: i64 = -32600;
const METHOD_NOT_FOUND: i64 = -32601;
const SERVER_NOT_INITIALIZED: i64 = -32002;

/// Proof the server still answers: a hover on [`PLAN`]'s first goal.
async fn still_answers(client: &mut Client, uri: &str) {
    let hover = client
        .hover(uri, json!({ "line": 13, "character": 3 }))
        .await
        .expect("a goal hover");
    assert!(hover.contains("**Goal `talk`**"), "{hover}");
}

async fn plan_open() -> (Client, String) {
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    let uri = virtual_uri("plan.roadmap.toml");
    client.open(&uri, PLAN).await;
    client.diagnostics(&uri, 1).await;
    (client, uri)
}

/// The requests that take a document and a position.
const POSITION_REQUESTS: &[&str] = &[
    "textDocument/hover",
    "textDocument/completion",
    "textDocument/definition",
    "textDocument/prepareRename",
];

#[tokio::test]
async fn requests_on_a_document_that_is_not_open_answer_null() {
    let (mut client, uri) = plan_open().await;
    let unknown = virtual_uri("never-opened.roadmap.toml");
    let document = json!({ "textDocument": { "uri": unknown } });
    let at = json!({ "line": 0, "character": 0 });
    for method in POSITION_REQUESTS {
        assert_eq!(
            client.at(method, &unknown, at.clone()).await,
            Value::Null,
            "{method}"
        );
    }
    for method in ["textDocument/documentSymbol", "textDocument/foldingRange"] {
        assert_eq!(
            client.result(method, document.clone()).await,
            Value::Null,
            "{method}"
        );
    }
    let requests = [
        (
            "textDocument/references",
            json!({ "textDocument": { "uri": unknown }, "position": at,
                    "context": { "includeDeclaration": true } }),
        ),
        (
            "textDocument/rename",
            json!({ "textDocument": { "uri": unknown }, "position": at, "newName": "x" }),
        ),
        (
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": unknown }, "range": range((0, 0), (0, 0)),
                    "context": { "diagnostics": [] } }),
        ),
    ];
    for (method, params) in requests {
        assert_eq!(client.result(method, params).await, Value::Null, "{method}");
    }
    // Edits and closes for it are dropped without harm.
    client
        .change(&unknown, 2, json!([{ "text": "[[goals]]\n" }]))
        .await;
    client
        .notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": unknown } }),
        )
        .await;
    still_answers(&mut client, &uri).await;
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn positions_past_the_end_answer_null_and_long_lines_are_clamped() {
    let (mut client, uri) = plan_open().await;
    let past = json!({ "line": 999, "character": 0 });
    for method in POSITION_REQUESTS {
        assert_eq!(
            client.at(method, &uri, past.clone()).await,
            Value::Null,
            "{method}"
        );
    }
    let actions = client
        .result(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": range((999, 0), (999, 5)),
                    "context": { "diagnostics": [] } }),
        )
        .await;
    assert_eq!(actions, Value::Null);
    // A range running past the last line ("to the end", written as the
    // start of the line after it) is the rest of the document.
    let to_the_end = client
        .result(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": range((0, 0), (999, 0)),
                    "context": { "diagnostics": [] } }),
        )
        .await;
    assert!(
        to_the_end
            .as_array()
            .is_some_and(|actions| !actions.is_empty()),
        "{to_the_end}"
    );
    // A column past the end of a line means the end of that line.
    let end_of_header = client
        .hover(&uri, json!({ "line": 13, "character": 999 }))
        .await
        .expect("the goal hover at the end of its header");
    assert!(end_of_header.contains("**Goal `talk`**"), "{end_of_header}");
    still_answers(&mut client, &uri).await;
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn a_request_before_initialize_is_refused_and_initialize_still_works() {
    let mut client = Client::connect(Setup::vscode());
    let error = client
        .error(
            "textDocument/hover",
            json!({ "textDocument": { "uri": virtual_uri("x.roadmap.toml") },
                    "position": { "line": 0, "character": 0 } }),
        )
        .await;
    assert_eq!(error["code"], SERVER_NOT_INITIALIZED);
    let initialized = client.initialize().await;
    assert_eq!(initialized["serverInfo"]["name"], "roadmap-lsp");
    client.initialized().await;
    let uri = virtual_uri("plan.roadmap.toml");
    client.open(&uri, PLAN).await;
    still_answers(&mut client, &uri).await;
    // A second initialize is refused too.
    let again = client
        .error("initialize", json!({ "capabilities": {} }))
        .await;
    assert_eq!(again["code"], INVALID_REQUEST);
    still_answers(&mut client, &uri).await;
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn requests_after_shutdown_are_refused_and_exit_still_works() {
    let (mut client, uri) = plan_open().await;
    assert_eq!(client.result("shutdown", Value::Null).await, Value::Null);
    let error = client
        .error(
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 13, "character": 3 } }),
        )
        .await;
    assert_eq!(error["code"], INVALID_REQUEST);
    let again = client.error("shutdown", Value::Null).await;
    assert_eq!(again["code"], INVALID_REQUEST);
    assert!(client.has_shut_down());
    client.exit().await;
}

#[tokio::test]
async fn an_unknown_method_is_method_not_found_and_the_server_goes_on() {
    let (mut client, uri) = plan_open().await;
    let error = client
        .error("roadmap/doesNotExist", json!({ "anything": 1 }))
        .await;
    assert_eq!(error["code"], METHOD_NOT_FOUND);
    // Unknown notifications, `$/` ones included, are ignored.
    client.notify("roadmap/somethingHappened", json!({})).await;
    client
        .notify("$/setTrace", json!({ "value": "verbose" }))
        .await;
    still_answers(&mut client, &uri).await;
    client.shutdown_and_exit().await;
}

/// A body that is not JSON is answered with a parse error. (It also ends
/// the session: tower-lsp-server 0.23 stops reading after a frame it
/// cannot decode, so there is no "goes on" to check here.)
#[tokio::test]
async fn malformed_json_gets_a_parse_error() {
    let (mut client, _) = plan_open().await;
    client
        .send_raw(r#"{"jsonrpc":"2.0","id":99,"method":"#)
        .await;
    let error = client
        .wait_for("a parse error", |m| m["error"]["code"] == PARSE_ERROR)
        .await;
    assert_eq!(error["id"], Value::Null);
}
