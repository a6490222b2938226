//! `workspace/executeCommand` `roadmap.agenda`: the agenda of the roadmaps
//! under the folders given (open ones as the editor has them), as
//! Markdown with each item linked to its line.

use serde_json::json;

use crate::harness::{Client, Setup, file_uri, virtual_uri};

const SAVED: &str = r#"[roadmap]
title = "Saved plan"
vision = "Lead the platform team by 2028"
last_review = 2026-11-20

[[goals]]
id = "ship"
title = "Ship the billing migration to Kubernetes"
deadline = 2026-11-01
status = "in-progress"
"#;

const OTHER: &str = r#"[roadmap]
vision = "Run the data team"
last_review = 2026-11-20

[[goals]]
title = "Document the 12 core revenue metrics"
deadline = 2026-11-28
"#;

#[tokio::test]
async fn the_command_is_advertised() {
    let (_, result) = Client::ready(Setup::vscode()).await;
    assert_eq!(
        result["capabilities"]["executeCommandProvider"]["commands"],
        json!(["roadmap.agenda"])
    );
}

#[tokio::test]
async fn the_agenda_covers_a_folder_and_uses_the_editors_unsaved_text() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let team = dir.path().join("team");
    std::fs::create_dir(&team).expect("mkdir");
    std::fs::write(dir.path().join("plan.roadmap.toml"), SAVED).expect("write");
    std::fs::write(team.join("data.roadmap.toml"), OTHER).expect("write");
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    // Unsaved in the editor: an action due in 3 days.
    let plan_uri = file_uri(&dir.path().join("plan.roadmap.toml"));
    let edited = format!(
        "{SAVED}\n[[goals.actions]]\ntask = \"Write the cut-over runbook\"\ndue = 2026-11-26\n"
    );
    client.open(&plan_uri, &edited).await;
    client.diagnostics(&plan_uri, 1).await;

    let agenda = client
        .result(
            "workspace/executeCommand",
            json!({ "command": "roadmap.agenda", "arguments": [file_uri(dir.path())] }),
        )
        .await;
    let markdown = agenda.as_str().expect("Markdown");
    assert!(
        markdown.starts_with("# Agenda for 2026-11-23\n\n2 roadmaps read."),
        "{markdown}"
    );
    for expected in [
        "## Overdue (1)",
        "**2026-11-01** 22 days overdue · goal: Ship the billing migration to Kubernetes",
        "## Due in the next 7 days (2)",
        "**2026-11-26** in 3 days · Write the cut-over runbook — action of Ship",
        "**2026-11-28** in 5 days · goal: Document the 12 core revenue metrics",
        &format!("[plan.roadmap.toml:9](<{plan_uri}#L9>)"),
        "[team/data.roadmap.toml:7](<",
    ] {
        assert!(markdown.contains(expected), "{expected:?} in:\n{markdown}");
    }
}

#[tokio::test]
async fn without_arguments_or_folders_the_open_roadmaps_make_the_agenda() {
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    let uri = virtual_uri("solo.roadmap.toml");
    client.open(&uri, SAVED).await;
    client.diagnostics(&uri, 1).await;
    let agenda = client
        .result(
            "workspace/executeCommand",
            json!({ "command": "roadmap.agenda" }),
        )
        .await;
    let markdown = agenda.as_str().expect("Markdown");
    assert!(markdown.contains("1 roadmap read."), "{markdown}");
    assert!(
        markdown.contains("goal: Ship the billing migration"),
        "{markdown}"
    );
}

#[tokio::test]
async fn unknown_commands_and_bad_arguments_are_refused() {
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    let error = client
        .error(
            "workspace/executeCommand",
            json!({ "command": "roadmap.nope" }),
        )
        .await;
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .contains("unknown command")
    );
    let error = client
        .error(
            "workspace/executeCommand",
            json!({ "command": "roadmap.agenda", "arguments": [42] }),
        )
        .await;
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .contains("file URIs or paths"),
        "{error}"
    );
}
