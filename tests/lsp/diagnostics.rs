//! Diagnostics pushed on open and close, and pulled by clients that ask.

use serde_json::{Value, json};

use crate::harness::{Client, ConfigurationAnswer, Setup, codes, range, the, virtual_uri};
use crate::roadmaps::{DUPLICATE_IDS, PLAN};

#[tokio::test]
async fn opening_a_roadmap_pushes_diagnostics_with_code_docs_source_and_version() {
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    let uri = virtual_uri("duplicates.roadmap.toml");
    client.open(&uri, DUPLICATE_IDS).await;
    let diagnostics = client.diagnostics(&uri, 1).await;
    assert_eq!(
        codes(&diagnostics),
        [
            "missing-metric",
            "duplicate-id",
            "vague-goal",
            "nonstandard-status",
            "overdue"
        ]
    );
    for diagnostic in &diagnostics {
        let code = diagnostic["code"].as_str().expect("a code");
        assert_eq!(diagnostic["source"], "roadmap-lsp");
        let href = diagnostic["codeDescription"]["href"]
            .as_str()
            .expect("a link to the rule's docs");
        assert!(
            href.starts_with("https://") && href.ends_with(&format!("docs/rules.md#{code}")),
            "{href}"
        );
    }

    let duplicate = the(&diagnostics, "duplicate-id");
    assert_eq!(duplicate["severity"], 1, "an error");
    assert_eq!(duplicate["range"], range((34, 5), (34, 11)));
    assert_eq!(
        duplicate["relatedInformation"],
        json!([{
            "location": { "uri": uri, "range": range((14, 5), (14, 11)) },
            "message": "the first goal with this id"
        }])
    );
    let status = the(&diagnostics, "nonstandard-status");
    assert_eq!(status["range"], range((39, 9), (39, 14)));
    assert!(
        status["message"]
            .as_str()
            .is_some_and(|m| m.contains("write \"in-progress\"")),
        "{status}"
    );
    assert_eq!(the(&diagnostics, "overdue")["severity"], 2, "a warning");
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn closing_a_document_clears_its_diagnostics() {
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    let uri = virtual_uri("closing.roadmap.toml");
    client.open(&uri, PLAN).await;
    assert_eq!(client.diagnostics(&uri, 1).await.len(), 3);
    client
        .notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    assert_eq!(
        client.unversioned_diagnostics(&uri).await,
        Vec::<Value>::new()
    );
    client.shutdown_and_exit().await;
}

/// A client that pulls is offered `diagnosticProvider`, answered from the
/// latest text, and never pushed to. The server handles one message at a
/// time here so that "nothing was pushed before the refresh request" also
/// means "opening did not push".
#[tokio::test]
async fn a_client_that_pulls_gets_no_push_and_pulls_current_diagnostics() {
    let setup = Setup {
        pull_diagnostics: true,
        concurrency: Some(1),
        ..Setup::neovim()
    };
    let (mut client, initialized) = Client::ready(setup).await;
    assert_eq!(
        initialized["capabilities"]["diagnosticProvider"]["identifier"],
        "roadmap-lsp"
    );
    let uri = virtual_uri("pulled.roadmap.toml");
    client.open(&uri, PLAN).await;
    let report = pull(&mut client, &uri).await;
    assert_eq!(report["kind"], "full");
    let items = report["items"].as_array().expect("items");
    assert_eq!(
        codes(items),
        ["missing-metric", "vague-goal", "nonstandard-status"]
    );
    assert_eq!(the(items, "nonstandard-status")["source"], "roadmap-lsp");

    // Fixing the status is seen by the next pull.
    client
        .change(
            &uri,
            2,
            json!([{ "range": range((44, 10), (44, 13)), "text": "todo" }]),
        )
        .await;
    let report = pull(&mut client, &uri).await;
    assert_eq!(
        codes(report["items"].as_array().expect("items")),
        ["missing-metric", "vague-goal"]
    );

    // New settings make the server ask for a refresh instead of pushing.
    client.answer_configuration_with(ConfigurationAnswer::Settings(Value::Null));
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "today": crate::harness::TODAY, "rules": { "missing-metric": "off", "vague-goal": "off" } } }),
        )
        .await;
    client.server_request("workspace/diagnostic/refresh").await;
    assert!(
        !client.received(|m| m["method"] == "textDocument/publishDiagnostics"),
        "a pulling client was pushed diagnostics"
    );
    let report = pull(&mut client, &uri).await;
    assert_eq!(report["items"], json!([]));
    client.shutdown_and_exit().await;
}

/// The diagnostics a pulling client gets for `uri`.
async fn pull(client: &mut Client, uri: &str) -> Value {
    client
        .result(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await
}
