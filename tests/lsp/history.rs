//! Git history in the editor: read off the request path after a document
//! opens, read again when HEAD moves, and none outside a repository.

use serde_json::{Value, json};
use tempfile::TempDir;

use roadmap_lsp::testing::git::Repo;

use crate::harness::{Client, Setup, codes, file_uri, virtual_uri, with_today};

fn roadmap(current: u32) -> String {
    format!(
        r#"[roadmap]
vision = "Staff engineer known outside the company for platform talks, by 2028"
review_every = "1 month"

[[goals]]
id = "talks"
title = "Give 6 talks at meetups"
why = "Visibility"
start = 2026-06-01
deadline = 2027-06-30

[goals.metric]
measure = "talks given"
unit = "talks"
baseline = 0
target = 6
current = {current}

[[goals.actions]]
task = "Submit a talk to the Rust meetup"
due = 2026-12-15
owner = "me"
"#
    )
}

fn has(code: &'static str) -> impl Fn(&Value) -> bool {
    move |m: &Value| {
        m["method"] == "textDocument/publishDiagnostics"
            && m["params"]["diagnostics"]
                .as_array()
                .is_some_and(|list| codes(list).contains(&code))
    }
}

#[tokio::test]
async fn a_metric_unmoved_in_git_is_reported_once_the_history_is_read() {
    let dir = TempDir::new().unwrap();
    let mut repo = Repo::init(dir.path());
    repo.write("career.roadmap.toml", &roadmap(2));
    repo.commit("2026-07-01", "Two talks");
    let path = dir
        .path()
        .join("career.roadmap.toml")
        .canonicalize()
        .unwrap();
    let uri = file_uri(&path);
    let (mut client, _) = Client::ready(Setup::vscode().with_settings(with_today(json!({})))).await;
    client.open(&uri, &roadmap(2)).await;
    client
        .wait_for("stale-metric from git", has("stale-metric"))
        .await;
    let hover = client
        .hover(&uri, json!({ "line": 6, "character": 12 }))
        .await
        .expect("a goal hover");
    assert!(
        hover.contains(
            "Git: no change in the last 60 days (still 2 talks); at this pace never done"
        ),
        "{hover}"
    );

    // A new commit moves HEAD: after a save the history is read again,
    // and the editor's value (still 2) is not the committed one. (Messages
    // are read in order: the publish waited for comes after the one above.)
    repo.write("career.roadmap.toml", &roadmap(3));
    repo.commit("2026-11-20", "Three talks");
    client
        .notify(
            "textDocument/didSave",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    client
        .wait_for("diagnostics without stale-metric", |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri.as_str()
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|list| !codes(list).contains(&"stale-metric"))
        })
        .await;
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn a_roadmap_outside_a_repository_has_no_history() {
    let (mut client, _) = Client::ready(Setup::vscode().with_settings(with_today(json!({})))).await;
    let uri = virtual_uri("career.roadmap.toml");
    client.open(&uri, &roadmap(2)).await;
    let diagnostics = client.diagnostics(&uri, 1).await;
    assert!(!codes(&diagnostics).contains(&"stale-metric"));
    let hover = client
        .hover(&uri, json!({ "line": 6, "character": 12 }))
        .await
        .expect("a goal hover");
    assert!(!hover.contains("Git:"), "{hover}");
    client.shutdown_and_exit().await;
}
