//! Settings from the editor (`initializationOptions`,
//! `workspace/didChangeConfiguration`, `workspace/configuration`) and from
//! a `roadmap-lsp.toml` on disk, watched through
//! `workspace/didChangeWatchedFiles`.

use std::path::Path;

use serde_json::{Value, json};

use crate::harness::{
    Client, ConfigurationAnswer, Setup, codes, file_uri, the, virtual_uri, with_today,
};
use crate::roadmaps::VAGUE;

/// Where [`VAGUE`]'s deadline is, for hovers that show "today".
const DEADLINE: (u32, u32) = (7, 13);

fn deadline() -> Value {
    json!({ "line": DEADLINE.0, "character": DEADLINE.1 })
}

#[tokio::test]
async fn initialization_options_can_turn_a_rule_off() {
    for (options, expected) in [
        (json!({}), &["missing-metric", "vague-goal"][..]),
        (
            json!({ "rules": { "vague-goal": "off" } }),
            &["missing-metric"][..],
        ),
    ] {
        let (mut client, _) = Client::ready(Setup::vscode().with_settings(options)).await;
        let uri = virtual_uri("vague.roadmap.toml");
        client.open(&uri, VAGUE).await;
        assert_eq!(codes(&client.diagnostics(&uri, 1).await), expected);
        client.shutdown_and_exit().await;
    }
}

/// Neovim sends its `settings` table right after starting; an empty
/// `roadmap` section there must not undo the initialization options.
#[tokio::test]
async fn an_empty_settings_section_keeps_the_initialization_options() {
    let setup = Setup::vscode().with_settings(json!({ "rules": { "vague-goal": "off" } }));
    let (mut client, _) = Client::ready(setup).await;
    let uri = virtual_uri("vague.roadmap.toml");
    client.open(&uri, VAGUE).await;
    assert_eq!(
        codes(&client.diagnostics(&uri, 1).await),
        ["missing-metric"]
    );
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "roadmap": {} } }),
        )
        .await;
    // The re-check it causes still has the rule off.
    assert_eq!(
        codes(&client.diagnostics(&uri, 1).await),
        ["missing-metric"]
    );
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn new_settings_recheck_open_documents_and_push_the_result() {
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    let uri = virtual_uri("vague.roadmap.toml");
    client.open(&uri, VAGUE).await;
    assert_eq!(
        codes(&client.diagnostics(&uri, 1).await),
        ["missing-metric", "vague-goal"]
    );
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": with_today(json!({ "rules": {
                "vague-goal": "error", "missing-metric": "off"
            } })) }),
        )
        .await;
    let diagnostics = client.diagnostics_with(&uri, 1, &["vague-goal"]).await;
    assert_eq!(the(&diagnostics, "vague-goal")["severity"], 1);
    client.shutdown_and_exit().await;
}

/// VS Code sends `{ "settings": null }` and expects to be asked.
#[tokio::test]
async fn null_settings_make_the_server_ask_for_its_section() {
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    // The request `initialized` makes, answered with nothing.
    client.server_request("workspace/configuration").await;
    let uri = virtual_uri("vague.roadmap.toml");
    client.open(&uri, VAGUE).await;
    client.diagnostics(&uri, 1).await;

    client.answer_configuration_with(ConfigurationAnswer::Settings(with_today(
        json!({ "rules": { "vague-goal": "off" } }),
    )));
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": null }),
        )
        .await;
    let asked = client.server_request("workspace/configuration").await;
    assert_eq!(asked["params"]["items"][0]["section"], "roadmap");
    client.diagnostics_with(&uri, 1, &["missing-metric"]).await;
    client.shutdown_and_exit().await;
}

/// A mistake in the settings is shown to the user; the rest of the
/// settings still apply, and the server goes on working.
#[tokio::test]
async fn bad_settings_are_shown_as_a_warning_and_the_rest_applies() {
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    let uri = virtual_uri("vague.roadmap.toml");
    client.open(&uri, VAGUE).await;
    client.diagnostics(&uri, 1).await;
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": with_today(json!({ "rules": {
                "vague-goal": "loud", "missing-metric": "off"
            } })) }),
        )
        .await;
    let warning = client.notification("window/showMessage").await;
    assert_eq!(warning["type"], 2, "a warning");
    let message = warning["message"].as_str().expect("a message");
    assert!(
        message.contains("vague-goal") && message.contains("\"loud\""),
        "{message}"
    );
    client.diagnostics_with(&uri, 1, &["vague-goal"]).await;
    assert!(client.hover(&uri, deadline()).await.is_some());
    client.shutdown_and_exit().await;
}

/// Options are read during `initialize`, before the client listens to
/// notifications: their mistakes must still reach the user.
#[tokio::test]
async fn bad_initialization_options_are_shown_as_a_warning() {
    let setup = Setup::vscode().with_settings(json!({ "rules": { "vague-goal": "loud" } }));
    let (mut client, _) = Client::ready(setup).await;
    let warning = client.notification("window/showMessage").await;
    assert_eq!(warning["type"], 2, "a warning");
    assert!(
        warning["message"]
            .as_str()
            .is_some_and(|m| m.contains("vague-goal")),
        "{warning}"
    );
    let uri = virtual_uri("vague.roadmap.toml");
    client.open(&uri, VAGUE).await;
    assert_eq!(
        codes(&client.diagnostics(&uri, 1).await),
        ["missing-metric", "vague-goal"]
    );
    client.shutdown_and_exit().await;
}

/// `today` pinned in `initializationOptions` holds for the whole session,
/// also after the editor sends its settings section (which has no `today`).
#[tokio::test]
async fn the_today_option_survives_settings_from_the_editor() {
    let pinned = json!({ "today": "2026-06-15" });
    let setup = Setup {
        initialization_options: pinned,
        configuration_answer: ConfigurationAnswer::Settings(json!({ "rules": {} })),
        ..Setup::vscode()
    };
    let (mut client, _) = Client::ready(setup).await;
    client.server_request("workspace/configuration").await;
    let uri = virtual_uri("vague.roadmap.toml");
    client.open(&uri, VAGUE).await;
    client.diagnostics(&uri, 1).await;
    let in_199_days = Some("**Thursday 31 December 2026**, in 199 days".to_string());
    assert_eq!(client.hover(&uri, deadline()).await, in_199_days);

    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({ "settings": { "rules": { "vague-goal": "off" } } }),
        )
        .await;
    client.diagnostics_with(&uri, 1, &["missing-metric"]).await;
    assert_eq!(client.hover(&uri, deadline()).await, in_199_days);
    client.shutdown_and_exit().await;
}

/// Editors open documents right after `initialized`, before answering
/// the server's `workspace/configuration`: the answer must still apply
/// to them.
#[tokio::test]
async fn settings_answered_after_a_document_opened_apply_to_it() {
    let setup = Setup {
        configuration_answer: ConfigurationAnswer::Hold,
        ..Setup::vscode()
    };
    let (mut client, _) = Client::ready(setup).await;
    let asked = client.server_request("workspace/configuration").await;
    let uri = virtual_uri("vague.roadmap.toml");
    client.open(&uri, VAGUE).await;
    assert_eq!(
        codes(&client.diagnostics(&uri, 1).await),
        ["missing-metric", "vague-goal"]
    );
    client
        .respond(
            &asked,
            json!([with_today(json!({ "rules": { "vague-goal": "off" } }))]),
        )
        .await;
    client.diagnostics_with(&uri, 1, &["missing-metric"]).await;
    client.shutdown_and_exit().await;
}

/// A roadmap on disk with `roadmap-lsp.toml` next to it.
struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new(config: &str) -> Project {
        let dir = tempfile::tempdir().expect("a temporary folder");
        std::fs::write(dir.path().join("career.roadmap.toml"), VAGUE).expect("write the roadmap");
        let project = Project { dir };
        project.write_config(config);
        project
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    fn roadmap_uri(&self) -> String {
        file_uri(&self.path("career.roadmap.toml"))
    }

    fn config_uri(&self) -> String {
        file_uri(&self.config_path())
    }

    fn config_path(&self) -> std::path::PathBuf {
        self.path("roadmap-lsp.toml")
    }

    fn write_config(&self, config: &str) {
        std::fs::write(self.config_path(), config).expect("write the configuration");
    }
}

/// What an editor's file watcher sends after `path` changed on disk.
fn changed_on_disk(path: &Path) -> Value {
    json!({ "changes": [{ "uri": file_uri(path), "type": 2 }] })
}

#[tokio::test]
async fn the_configuration_file_applies_and_is_reloaded_when_it_changes() {
    let project = Project::new("[rules]\nvague-goal = \"off\"\n");
    let (mut client, _) = Client::ready(Setup::neovim()).await;
    let uri = project.roadmap_uri();
    client.open(&uri, VAGUE).await;
    assert_eq!(
        codes(&client.diagnostics(&uri, 1).await),
        ["missing-metric"]
    );

    project.write_config("[rules]\nvague-goal = \"error\"\nmissing-metric = \"off\"\n");
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            changed_on_disk(&project.config_path()),
        )
        .await;
    let diagnostics = client.diagnostics_with(&uri, 1, &["vague-goal"]).await;
    assert_eq!(the(&diagnostics, "vague-goal")["severity"], 1);
    // Other files changing does not matter.
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            changed_on_disk(&project.path("notes.md")),
        )
        .await;
    assert!(client.hover(&uri, deadline()).await.is_some());
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn a_bad_value_in_the_configuration_file_is_reported_against_it() {
    let project = Project::new("[rules]\nvague-goal = \"off\"\n");
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    let uri = project.roadmap_uri();
    client.open(&uri, VAGUE).await;
    assert_eq!(
        client.unversioned_diagnostics(&project.config_uri()).await,
        Vec::<Value>::new()
    );
    client.diagnostics(&uri, 1).await;

    project.write_config("[rules]\nvague-goal = \"loud\"\n");
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            changed_on_disk(&project.config_path()),
        )
        .await;
    let problems = client.unversioned_diagnostics(&project.config_uri()).await;
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0]["range"]["start"]["line"], 1);
    assert_eq!(problems[0]["source"], "roadmap-lsp");
    // The bad level is not applied: the rule is back to its default.
    client
        .diagnostics_with(&uri, 1, &["missing-metric", "vague-goal"])
        .await;
    // Still checked as of the pinned day.
    assert_eq!(
        client.hover(&uri, deadline()).await.as_deref(),
        Some("**Thursday 31 December 2026**, in 38 days")
    );
    client.shutdown_and_exit().await;
}

/// Neovim on Linux cannot watch files: a changed configuration applies
/// when a roadmap is saved, when it is opened again, and otherwise within
/// seconds, as the server looks at the files it read.
#[tokio::test]
async fn a_changed_configuration_applies_without_a_file_watcher() {
    let project = Project::new("[rules]\nvague-goal = \"off\"\n");
    let cannot_watch = Setup {
        watch_files: false,
        ..Setup::neovim()
    };
    let (mut client, _) = Client::ready(cannot_watch).await;
    let uri = project.roadmap_uri();
    client.open(&uri, VAGUE).await;
    assert_eq!(
        codes(&client.diagnostics(&uri, 1).await),
        ["missing-metric"]
    );

    project.write_config("[rules]\nvague-goal = \"error\"\nmissing-metric = \"off\"\n");
    client
        .notify(
            "textDocument/didSave",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    let diagnostics = client.diagnostics_with(&uri, 1, &["vague-goal"]).await;
    assert_eq!(the(&diagnostics, "vague-goal")["severity"], 1);

    // Closed, changed, opened again: the file is read again.
    client
        .notify(
            "textDocument/didClose",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    project.write_config("[rules]\nvague-goal = \"off\"\n");
    client.open(&uri, VAGUE).await;
    client.diagnostics_with(&uri, 1, &["missing-metric"]).await;

    // Neither saved nor reopened: noticed on the server's own look.
    project.write_config("[rules]\nmissing-metric = \"off\"\nvague-goal = \"off\"\n");
    client.diagnostics_with(&uri, 1, &[]).await;
    client.shutdown_and_exit().await;
}
