//! Every request the server offers, on [`PLAN`], checked through the
//! protocol: positions in, positions out, in the negotiated encoding.

use serde_json::{Value, json};

use crate::harness::{
    Client, Encoding, Setup, apply_edits, codes, position_of, range, virtual_uri,
};
use crate::roadmaps::{DUPLICATE_IDS, PLAN};

/// A ready client with [`PLAN`] open (its first diagnostics received).
async fn plan_open(setup: Setup) -> (Client, String) {
    let (mut client, _) = Client::ready(setup).await;
    let uri = virtual_uri("plan.roadmap.toml");
    client.open(&uri, PLAN).await;
    client.diagnostics(&uri, 1).await;
    (client, uri)
}

#[tokio::test]
async fn hover_on_a_goal_shows_its_progress_and_time_left() {
    let (mut client, uri) = plan_open(Setup::vscode()).await;
    let hover = client
        .at(
            "textDocument/hover",
            &uri,
            json!({ "line": 13, "character": 3 }),
        )
        .await;
    assert_eq!(hover["contents"]["kind"], "markdown");
    assert_eq!(hover["range"], range((13, 0), (13, 9)));
    let markdown = hover["contents"]["value"].as_str().expect("Markdown");
    for expected in [
        "**Goal `talk`**: Give three talks at 日本 meetups 🚀",
        "38 days left (deadline Thursday 2026-12-31)",
        "Actions: 1/2 done",
        "Metric: 1 of 3 talks",
        "S ✓ · M ✓ · A ✓ · R ✓ · T ✓",
    ] {
        assert!(markdown.contains(expected), "{expected:?} in {markdown}");
    }
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn hover_on_a_date_gives_its_weekday_and_distance() {
    let (mut client, uri) = plan_open(Setup::neovim()).await;
    let deadline = client
        .hover(&uri, json!({ "line": 18, "character": 14 }))
        .await;
    assert_eq!(
        deadline.as_deref(),
        Some("**Thursday 31 December 2026**, in 38 days")
    );
    let done = client
        .hover(&uri, json!({ "line": 30, "character": 8 }))
        .await;
    assert_eq!(
        done.as_deref(),
        Some("**Sunday 1 November 2026**, 22 days ago")
    );
    client.shutdown_and_exit().await;
}

/// The file does not parse (the string is not closed), yet the statuses
/// are offered, replacing what is typed after the quote.
#[tokio::test]
async fn completion_after_an_open_status_quote_offers_the_statuses() {
    let text = "[[goals]]\nid = \"x\"\nstatus = \"in";
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    let uri = virtual_uri("typing.roadmap.toml");
    client.open(&uri, text).await;
    let diagnostics = client.diagnostics(&uri, 1).await;
    assert!(codes(&diagnostics).contains(&"syntax-error"));
    let completion = client
        .at(
            "textDocument/completion",
            &uri,
            json!({ "line": 2, "character": 12 }),
        )
        .await;
    let items = completion["items"].as_array().expect("a completion list");
    let labels: Vec<&str> = items.iter().filter_map(|i| i["label"].as_str()).collect();
    for status in ["todo", "in-progress", "blocked", "done", "dropped"] {
        assert!(labels.contains(&status), "{status} in {labels:?}");
    }
    let in_progress = items
        .iter()
        .find(|i| i["label"] == "in-progress")
        .expect("in-progress");
    assert_eq!(in_progress["kind"], 20, "an enum member");
    let edit = &in_progress["textEdit"];
    assert_eq!(edit["range"]["end"], json!({ "line": 2, "character": 12 }));
    assert!(
        edit["newText"]
            .as_str()
            .is_some_and(|t| t.starts_with("in-progress")),
        "{edit}"
    );
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn completion_uses_snippets_only_when_the_client_supports_them() {
    let text = "[[goals]]\nid = \"x\"\n\n";
    let key = |items: &Value, label: &str| {
        items["items"]
            .as_array()
            .expect("a completion list")
            .iter()
            .find(|i| i["label"] == label)
            .unwrap_or_else(|| panic!("{label} in {items:#}"))
            .clone()
    };
    for snippets in [true, false] {
        let setup = Setup {
            snippets,
            ..Setup::vscode()
        };
        let (mut client, _) = Client::ready(setup).await;
        let uri = virtual_uri("keys.roadmap.toml");
        client.open(&uri, text).await;
        let items = client
            .at(
                "textDocument/completion",
                &uri,
                json!({ "line": 2, "character": 0 }),
            )
            .await;
        let title = key(&items, "title");
        let new_text = title["textEdit"]["newText"].as_str().expect("new text");
        if snippets {
            assert_eq!(title["insertTextFormat"], 2, "{title}");
            assert!(new_text.contains('$'), "{new_text}");
        } else {
            assert_eq!(title["insertTextFormat"], 1, "{title}");
            assert!(!new_text.contains('$'), "{new_text}");
            assert!(new_text.starts_with("title = \""), "{new_text}");
        }
        client.shutdown_and_exit().await;
    }
}

/// The quick fix names the diagnostic it fixes, is the preferred one, and
/// its edit leaves a file without that diagnostic.
#[tokio::test]
async fn a_quick_fix_is_linked_to_its_diagnostic_and_fixes_it() {
    let (mut client, _) = Client::ready(Setup::neovim()).await;
    let uri = virtual_uri("fix.roadmap.toml");
    client.open(&uri, PLAN).await;
    let diagnostics = client.diagnostics(&uri, 1).await;
    let status = crate::harness::the(&diagnostics, "nonstandard-status").clone();
    let actions = client
        .result(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": range((44, 11), (44, 11)),
                "context": { "diagnostics": [status] }
            }),
        )
        .await;
    let actions = actions.as_array().expect("a list of actions");
    let fix = actions
        .iter()
        .find(|a| a["title"] == "Replace with `\"in-progress\"`")
        .unwrap_or_else(|| panic!("the status fix in {actions:#?}"));
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    assert_eq!(fix["diagnostics"][0]["code"], "nonstandard-status");
    assert_eq!(fix["diagnostics"][0]["range"], status["range"]);
    // Refactors are offered at the same place, unless only fixes are asked.
    assert!(
        actions
            .iter()
            .any(|a| a["kind"] == "refactor" && a["title"] == "Add action item"),
        "{actions:#?}"
    );

    let edits = fix["edit"]["changes"][&uri].as_array().expect("edits");
    let fixed = apply_edits(PLAN, edits, Encoding::Utf8);
    assert_eq!(fixed, PLAN.replace("\"wip\"", "\"in-progress\""));
    client.change(&uri, 2, json!([{ "text": fixed }])).await;
    assert_eq!(
        codes(&client.diagnostics(&uri, 2).await),
        ["missing-metric", "vague-goal"]
    );

    let only_fixes = client
        .result(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": range((40, 11), (40, 11)),
                "context": { "diagnostics": [], "only": ["quickfix"] }
            }),
        )
        .await;
    assert!(
        only_fixes
            .as_array()
            .expect("a list")
            .iter()
            .all(|a| a["kind"] == "quickfix"),
        "{only_fixes:#}"
    );
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn document_symbols_are_a_tree_of_goals_and_their_actions() {
    for (setup, title_end) in [(Setup::vscode(), 42), (Setup::neovim(), 48)] {
        let (mut client, uri) = plan_open(setup).await;
        let symbols = client
            .result(
                "textDocument/documentSymbol",
                json!({ "textDocument": { "uri": uri } }),
            )
            .await;
        let talk = symbols
            .as_array()
            .expect("nested symbols")
            .iter()
            .find(|s| s["name"] == "Give three talks at 日本 meetups 🚀")
            .unwrap_or_else(|| panic!("the goal in {symbols:#}"));
        assert_eq!(talk["kind"], 5, "a class");
        assert_eq!(
            talk["range"]["start"],
            json!({ "line": 13, "character": 0 })
        );
        assert_eq!(talk["selectionRange"], range((15, 9), (15, title_end)));
        let children: Vec<&str> = talk["children"]
            .as_array()
            .expect("children")
            .iter()
            .filter_map(|c| c["name"].as_str())
            .collect();
        assert_eq!(
            children,
            ["talks given", "Submit a proposal", "Rehearse with the team"]
        );
        client.shutdown_and_exit().await;
    }
}

#[tokio::test]
async fn workspace_symbols_come_from_every_open_roadmap() {
    let (mut client, plan) = plan_open(Setup::vscode()).await;
    let other = virtual_uri("other.roadmap.toml");
    client.open(&other, DUPLICATE_IDS).await;
    client.diagnostics(&other, 1).await;

    let found = client
        .result("workspace/symbol", json!({ "query": "TALKS" }))
        .await;
    let mut uris: Vec<&str> = found
        .as_array()
        .expect("symbols")
        .iter()
        .filter_map(|s| s["location"]["uri"].as_str())
        .collect();
    uris.sort_unstable();
    uris.dedup();
    let mut expected = [other.as_str(), plan.as_str()];
    expected.sort_unstable();
    assert_eq!(uris, expected, "{found:#}");

    let found = client
        .result("workspace/symbol", json!({ "query": "rehearse" }))
        .await;
    assert_eq!(
        found,
        json!([{
            "name": "Rehearse with the team",
            "kind": 6,
            "location": { "uri": plan, "range": range((34, 8), (34, 30)) },
            "containerName": "Give three talks at 日本 meetups 🚀"
        }])
    );
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn definition_and_references_follow_goal_and_skill_ids() {
    let (mut client, uri) = plan_open(Setup::vscode()).await;
    // `"talk"` in `depends_on` → the goal's id.
    let definition = client
        .at(
            "textDocument/definition",
            &uri,
            json!({ "line": 42, "character": 16 }),
        )
        .await;
    assert_eq!(definition["uri"], uri.as_str());
    assert_eq!(definition["range"]["start"]["line"], 14);
    // `"speaking"` in `skills` → the skill's id.
    let definition = client
        .at(
            "textDocument/definition",
            &uri,
            json!({ "line": 17, "character": 13 }),
        )
        .await;
    assert_eq!(definition["range"]["start"]["line"], 8);

    let references = |include: bool| {
        json!({
            "textDocument": { "uri": uri },
            "position": { "line": 14, "character": 7 },
            "context": { "includeDeclaration": include }
        })
    };
    let lines = |found: &Value| -> Vec<u64> {
        found
            .as_array()
            .expect("locations")
            .iter()
            .filter_map(|l| l["range"]["start"]["line"].as_u64())
            .collect()
    };
    let with = client
        .result("textDocument/references", references(true))
        .await;
    assert_eq!(lines(&with), [14, 42]);
    let without = client
        .result("textDocument/references", references(false))
        .await;
    assert_eq!(lines(&without), [42]);
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn rename_updates_every_reference_and_refuses_a_clash() {
    let (mut client, uri) = plan_open(Setup::neovim()).await;
    let at = json!({ "line": 14, "character": 7 });
    let prepared = client
        .at("textDocument/prepareRename", &uri, at.clone())
        .await;
    assert_eq!(prepared, range((14, 6), (14, 10)));

    let edit = client
        .result(
            "textDocument/rename",
            json!({ "textDocument": { "uri": uri }, "position": at, "newName": "keynote" }),
        )
        .await;
    let edits = edit["changes"][&uri].as_array().expect("edits");
    let renamed = apply_edits(PLAN, edits, Encoding::Utf8);
    assert_eq!(renamed, PLAN.replace("\"talk\"", "\"keynote\""));

    let refused = client
        .error(
            "textDocument/rename",
            json!({ "textDocument": { "uri": uri }, "position": at, "newName": "ship" }),
        )
        .await;
    assert_eq!(refused["code"], -32602);
    assert!(
        refused["message"]
            .as_str()
            .is_some_and(|m| m.contains("another goal already has the id \"ship\"")),
        "{refused}"
    );
    // Nothing to rename on a plain key: refused with the reason.
    let key = client
        .error(
            "textDocument/prepareRename",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 15, "character": 2 } }),
        )
        .await;
    assert!(
        key["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("only goal and skill ids can be renamed")),
        "{key}"
    );
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn folding_ranges_cover_each_goal() {
    let (mut client, uri) = plan_open(Setup::vscode()).await;
    let ranges = client
        .result(
            "textDocument/foldingRange",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    let spans: Vec<(u64, u64)> = ranges
        .as_array()
        .expect("ranges")
        .iter()
        .map(|r| {
            (
                r["startLine"].as_u64().expect("start"),
                r["endLine"].as_u64().expect("end"),
            )
        })
        .collect();
    // Each goal, from its header to its last action.
    assert!(spans.contains(&(13, 37)), "{spans:?}");
    assert!(spans.contains(&(38, 50)), "{spans:?}");
    client.shutdown_and_exit().await;
}

/// Keeps [`position_of`] honest against a hand-counted column.
#[test]
fn positions_count_the_client_encoding() {
    assert_eq!(
        position_of(PLAN, "meetups", 0, Encoding::Utf16),
        json!({ "line": 15, "character": 32 })
    );
    assert_eq!(
        position_of(PLAN, "meetups", 0, Encoding::Utf8),
        json!({ "line": 15, "character": 36 })
    );
}

/// Hints sit right after the value they describe, in the client's
/// columns: the first goal's title ends after 日本 and 🚀.
#[tokio::test]
async fn inlay_hints_follow_deadlines_and_titles_and_can_be_turned_off() {
    for (setup, title_end) in [(Setup::vscode(), 42), (Setup::neovim(), 48)] {
        let (mut client, uri) = plan_open(setup).await;
        // The whole document, as Neovim asks: up to the line after the last.
        let lines = u32::try_from(PLAN.lines().count()).expect("short");
        let params = json!({ "textDocument": { "uri": uri }, "range": range((0, 0), (lines, 0)) });
        let hints = client
            .result("textDocument/inlayHint", params.clone())
            .await;
        let at = |line: u32, character: u32| {
            hints
                .as_array()
                .expect("hints")
                .iter()
                .find(|h| h["position"] == json!({ "line": line, "character": character }))
                .map(|h| h["label"].as_str().expect("a label").to_string())
                .unwrap_or_else(|| panic!("a hint at {line}:{character} in {hints:#}"))
        };
        assert_eq!(at(18, 21), "in 38 days");
        // After the title's closing quote.
        assert_eq!(at(15, title_end + 1), "1/2 · 33%");
        // A range reaching far past the end means up to the end.
        let beyond =
            json!({ "textDocument": { "uri": uri }, "range": range((0, 0), (lines + 50, 0)) });
        assert_eq!(client.result("textDocument/inlayHint", beyond).await, hints);

        client
            .notify(
                "workspace/didChangeConfiguration",
                json!({ "settings": crate::harness::with_today(json!({ "inlayHints": false })) }),
            )
            .await;
        // The setting is applied before the re-check it causes is pushed.
        client.diagnostics(&uri, 1).await;
        let hints = client.result("textDocument/inlayHint", params).await;
        assert!(
            hints.is_null() || hints == json!([]),
            "hints after turning them off: {hints:#}"
        );
        client.shutdown_and_exit().await;
    }
}

#[tokio::test]
async fn code_lenses_show_goal_progress() {
    let (mut client, uri) = plan_open(Setup::vscode()).await;
    let lenses = client
        .result(
            "textDocument/codeLens",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    let on_talk = lenses
        .as_array()
        .expect("lenses")
        .iter()
        .find(|l| l["range"]["start"]["line"] == 13)
        .unwrap_or_else(|| panic!("a lens on the first goal in {lenses:#}"));
    let title = on_talk["command"]["title"].as_str().expect("a title");
    assert!(title.contains("1/2"), "{title}");
    client.shutdown_and_exit().await;
}

/// Asked about one diagnostic, the server offers that diagnostic's fixes
/// only (and its refactors), not those of every diagnostic on the line.
#[tokio::test]
async fn code_actions_for_one_diagnostic_fix_only_that_one() {
    let text =
        "[[goals]]\nid = \"talk\"\ntitle = \"Give a talk at the meetup\"\nwhy = \"visibility\"\n";
    let (mut client, _) = Client::ready(Setup::neovim()).await;
    let uri = virtual_uri("one.roadmap.toml");
    client.open(&uri, text).await;
    let diagnostics = client.diagnostics(&uri, 1).await;
    assert_eq!(
        codes(&diagnostics),
        [
            "no-mentor",
            "no-assessment",
            "missing-vision",
            "missing-deadline",
            "no-actions"
        ]
    );
    let deadline = crate::harness::the(&diagnostics, "missing-deadline").clone();
    let actions = client
        .result(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": deadline["range"],
                "context": { "diagnostics": [deadline] }
            }),
        )
        .await;
    let fixes: Vec<&str> = actions
        .as_array()
        .expect("a list of actions")
        .iter()
        .filter(|a| a["kind"] == "quickfix")
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert_eq!(fixes, ["Add deadline 2026-12-31 (end of this quarter)"]);
    client.shutdown_and_exit().await;
}

/// `status = "🚀 wip"` after emoji and CJK on the same line: the
/// nonstandard-status range and its fix's edit are right in UTF-16, where
/// the rocket is two units, and in UTF-8, where it is four bytes.
#[tokio::test]
async fn the_status_fix_replaces_the_whole_value_after_emoji() {
    let text = "roadmap = { vision = \"Tech lead of the checkout squad\", horizon = 2030-12-31 }\n\n[[goals]]\nid = \"cka\"\ntitle = \"Pass the CKA exam 🚀\"\nwhy = \"clusters\"\ndeadline = 2027-06-30\nactions = [{ task = \"Book it 🚀 日本\", due = 2027-01-15, owner = \"me\", status = \"🚀 wip\" }]\n\n[[skills]]\nid = \"k8s\"\ncurrent = 3\nrequired = 3\n\n[[people]]\nname = \"Sam\"\nrole = \"mentor\"\n".to_string();
    for encoding in [Encoding::Utf16, Encoding::Utf8] {
        let (mut client, _) = Client::ready(Setup::for_encoding(encoding)).await;
        let uri = virtual_uri("emoji-status.roadmap.toml");
        client.open(&uri, &text).await;
        let diagnostics = client.diagnostics(&uri, 1).await;
        assert_eq!(codes(&diagnostics), ["nonstandard-status"], "{encoding:?}");
        let status = crate::harness::the(&diagnostics, "nonstandard-status").clone();
        let line = text.lines().nth(7).expect("the action line");
        let start = line.find("\"🚀 wip\"").expect("the status");
        let end = start + "\"🚀 wip\"".len();
        assert_eq!(
            status["range"],
            range(
                (7, encoding.column(line, start)),
                (7, encoding.column(line, end))
            ),
            "{encoding:?}"
        );
        let actions = client
            .result(
                "textDocument/codeAction",
                json!({
                    "textDocument": { "uri": uri },
                    "range": status["range"],
                    "context": { "diagnostics": [status] }
                }),
            )
            .await;
        let fix = actions
            .as_array()
            .expect("actions")
            .iter()
            .find(|a| a["isPreferred"] == true)
            .unwrap_or_else(|| panic!("a preferred fix in {actions:#?}"))
            .clone();
        let edits = fix["edit"]["changes"][&uri].as_array().expect("edits");
        let fixed = apply_edits(&text, edits, encoding);
        assert_eq!(
            fixed,
            text.replace("status = \"🚀 wip\"", "status = \"in-progress\""),
            "{encoding:?}"
        );
        client.shutdown_and_exit().await;
    }
}
