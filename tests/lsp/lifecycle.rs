//! `initialize` (capabilities and the negotiated position encoding),
//! `initialized`, `shutdown` and `exit`.

use serde_json::{Value, json};

use crate::harness::{Client, Setup};

#[tokio::test]
async fn utf8_is_chosen_when_the_client_offers_it_like_neovim() {
    let (client, initialized) = Client::ready(Setup::neovim()).await;
    assert_eq!(initialized["capabilities"]["positionEncoding"], "utf-8");
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn utf16_is_chosen_when_the_client_offers_nothing_like_vscode() {
    let (client, initialized) = Client::ready(Setup::vscode()).await;
    assert_eq!(initialized["capabilities"]["positionEncoding"], "utf-16");
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn initialize_announces_the_server_and_every_feature() {
    let (client, initialized) = Client::ready(Setup::vscode()).await;
    assert_eq!(initialized["serverInfo"]["name"], "roadmap-lsp");
    assert_eq!(
        initialized["serverInfo"]["version"],
        env!("CARGO_PKG_VERSION")
    );
    let capabilities = &initialized["capabilities"];
    // AnalysisHost sync (2) with open/close and save notifications.
    assert_eq!(
        capabilities["textDocumentSync"],
        json!({ "openClose": true, "change": 2, "save": true })
    );
    for provider in [
        "hoverProvider",
        "documentSymbolProvider",
        "workspaceSymbolProvider",
        "definitionProvider",
        "referencesProvider",
        "foldingRangeProvider",
        "selectionRangeProvider",
    ] {
        assert_eq!(capabilities[provider], true, "{provider}");
    }
    assert_eq!(
        capabilities["documentLinkProvider"]["resolveProvider"],
        false
    );
    assert_eq!(capabilities["semanticTokensProvider"]["full"], true);
    assert_eq!(capabilities["semanticTokensProvider"]["range"], true);
    assert_eq!(
        capabilities["workspace"]["workspaceFolders"],
        json!({ "supported": true, "changeNotifications": true })
    );
    assert_eq!(capabilities["renameProvider"]["prepareProvider"], true);
    assert_eq!(
        capabilities["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "refactor", "source.fixAll"])
    );
    let triggers = capabilities["completionProvider"]["triggerCharacters"]
        .as_array()
        .expect("trigger characters");
    assert!(triggers.contains(&json!("\"")), "{triggers:?}");
    // A client that does not pull diagnostics is pushed them instead.
    assert!(capabilities.get("diagnosticProvider").is_none());
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn initialized_watches_the_configuration_file_and_says_it_is_ready() {
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    let registration = client.server_request("client/registerCapability").await;
    let registration = &registration["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        registration["registerOptions"]["watchers"][0]["globPattern"],
        "**/roadmap-lsp.toml"
    );
    // It asks for the settings section too, since the client can answer.
    let asked = client.server_request("workspace/configuration").await;
    assert_eq!(asked["params"]["items"][0]["section"], "roadmap");
    let ready = client.notification("window/logMessage").await;
    assert!(
        ready["message"]
            .as_str()
            .is_some_and(|m| m.contains("ready")),
        "{ready}"
    );
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn shutdown_answers_null_and_exit_then_stops_the_server() {
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    assert!(!client.has_shut_down());
    assert_eq!(client.result("shutdown", Value::Null).await, Value::Null);
    // `run_stdio` turns this flag into exit code 0.
    assert!(client.has_shut_down());
    client.exit().await;
}

#[tokio::test]
async fn exit_without_shutdown_stops_the_server_without_the_flag() {
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    client.exit().await;
    assert!(!client.has_shut_down(), "exit code 1 is expected");
}
