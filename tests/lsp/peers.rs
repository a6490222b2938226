//! What taplo, tombi, ruff and yaml-language-server users expect:
//! semantic tokens, document links, selection ranges, `source.fixAll`,
//! and diagnostics for every roadmap in the workspace, open or not.

use serde_json::{Value, json};

use crate::harness::{
    Client, Encoding, Setup, apply_edits, codes, file_uri, position_of, virtual_uri,
};

/// An emoji and CJK before what is highlighted, linked and fixed, so that
/// UTF-16 and UTF-8 columns differ.
const PLAN: &str = "# roadmap: allow(vague-goal) 🚀 計画\n[roadmap]\nvision = \"Staff engineer at a product company by 2029\"\nhorizon = 2029-12-31\nlast_review = 2026-11-20\n\n[[skills]]\nid = \"rust\"\nname = \"Rust\"\ncurrent = 2\nrequired = 4\n\n[[goals]]\nid = \"talks\"\ntitle = \"🎤 Give 4 talks at Rust meetups by June\"\nwhy = \"visibility\"\nskills = [\"rust\"]\ndeadline = 2026-11-01\nstatus = \"In Progress\" # 🚀 keep this comment\n\n[goals.metric]\nmeasure = \"talks given\"\nbaseline = 0\ntarget = 4\ncurrent = 1\n\n[[goals.actions]]\ntask = \"Submit to RustFest, see https://rustfest.example/cfp.\"\ndue = 2026-11-27\nowner = \"me\"\n\n[[goals]]\nid = \"book\"\ntitle = \"Publish the 🦀 book's first 3 chapters by March\"\nwhy = \"teaching\"\nskills = [\"rust\"]\ndeadline = 2027-03-31\ndepends_on = [\"talks\"]\nstatus = \"WIP\"\n\n[[goals.actions]]\ntask = \"Draft chapter 1\"\ndue = 2027-01-15\nowner = \"me\"\n";

/// Decodes LSP's relative token encoding into (line, start, length,
/// type, modifiers) and the text each token covers.
fn decode(data: &[Value], legend: &Value, text: &str, encoding: Encoding) -> Vec<String> {
    let types = legend["tokenTypes"].as_array().expect("token types");
    let modifiers = legend["tokenModifiers"].as_array().expect("modifiers");
    let lines: Vec<&str> = text.split('\n').collect();
    let (mut line, mut start) = (0u64, 0u64);
    let numbers: Vec<u64> = data.iter().map(|v| v.as_u64().expect("a number")).collect();
    numbers
        .chunks(5)
        .map(|token| {
            line += token[0];
            start = if token[0] == 0 {
                start + token[1]
            } else {
                token[1]
            };
            let source = lines[line as usize];
            let from = column_to_byte(source, start as u32, encoding);
            let to = column_to_byte(source, (start + token[2]) as u32, encoding);
            let names: Vec<&str> = (0..modifiers.len())
                .filter(|bit| token[4] & (1 << bit) != 0)
                .map(|bit| modifiers[bit].as_str().unwrap_or_default())
                .collect();
            format!(
                "{} {} {}",
                &source[from..to],
                types[token[3] as usize].as_str().unwrap_or_default(),
                names.join(",")
            )
        })
        .collect()
}

fn column_to_byte(line: &str, column: u32, encoding: Encoding) -> usize {
    let mut units = 0;
    for (byte, c) in line.char_indices() {
        if units >= column {
            return byte;
        }
        units += match encoding {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
        };
    }
    line.len()
}

#[tokio::test]
async fn semantic_tokens_carry_meaning_in_both_encodings() {
    for encoding in [Encoding::Utf16, Encoding::Utf8] {
        let (mut client, init) = Client::ready(Setup::for_encoding(encoding)).await;
        let legend = init["capabilities"]["semanticTokensProvider"]["legend"].clone();
        let uri = virtual_uri("tokens.roadmap.toml");
        // An emoji id before a known one on the same line.
        let text = PLAN.replace(
            r#"depends_on = ["talks"]"#,
            r#"depends_on = ["🚀", "talks"]"#,
        );
        client.open(&uri, &text).await;
        let result = client
            .result(
                "textDocument/semanticTokens/full",
                json!({ "textDocument": { "uri": uri } }),
            )
            .await;
        let tokens = decode(
            result["data"].as_array().expect("data"),
            &legend,
            &text,
            encoding,
        );
        for expected in [
            "vague-goal decorator ",
            "\"rust\" variable definition,skill",
            "\"talks\" variable definition,goal",
            "2026-11-01 number overdue",
            "\"In Progress\" enumMember inProgress",
            "2026-11-27 number dueSoon",
            "\"🚀\" variable unknown,goal",
            "\"talks\" variable goal",
            "2027-03-31 number ",
        ] {
            assert!(
                tokens.iter().any(|t| t == expected),
                "{expected:?} ({encoding:?}) in {tokens:#?}"
            );
        }
        // A range gives the tokens inside it only.
        let range = client
            .result(
                "textDocument/semanticTokens/range",
                json!({ "textDocument": { "uri": uri },
                        "range": { "start": { "line": 0, "character": 0 },
                                   "end": { "line": 2, "character": 0 } } }),
            )
            .await;
        let first = decode(
            range["data"].as_array().expect("data"),
            &legend,
            &text,
            encoding,
        );
        assert_eq!(first, ["vague-goal decorator "]);
        client.shutdown_and_exit().await;
    }
}

#[tokio::test]
async fn links_go_to_addresses_rule_docs_and_definitions() {
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    let uri = virtual_uri("links.roadmap.toml");
    client.open(&uri, PLAN).await;
    let links = client
        .result(
            "textDocument/documentLink",
            json!({ "textDocument": { "uri": uri } }),
        )
        .await;
    let links = links.as_array().expect("links");
    let target = |text: &str| {
        let at = position_of(PLAN, text, 0, Encoding::Utf16);
        links
            .iter()
            .find(|l| l["range"]["start"] == at)
            .map(|l| l["target"].as_str().unwrap_or_default().to_string())
            .unwrap_or_else(|| panic!("a link at {text:?} in {links:#?}"))
    };
    assert_eq!(target("https://rustfest"), "https://rustfest.example/cfp");
    assert!(target("vague-goal").ends_with("docs/rules.md#vague-goal"));
    // `depends_on = ["talks"]` goes to the goal's id (line 14, after `id = `).
    assert!(
        target("\"talks\"]").ends_with("links.roadmap.toml#L14,6"),
        "{links:#?}"
    );
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn selection_grows_from_a_word_to_the_goal() {
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    let uri = virtual_uri("select.roadmap.toml");
    client.open(&uri, PLAN).await;
    let at = position_of(PLAN, "meetups", 2, Encoding::Utf16);
    let result = client
        .result(
            "textDocument/selectionRange",
            json!({ "textDocument": { "uri": uri }, "positions": [at] }),
        )
        .await;
    let mut chain = Vec::new();
    let mut range = &result[0];
    while range.is_object() {
        chain.push(range["range"].clone());
        range = &range["parent"];
    }
    // The word, the string's text, the string, the line, the goal's table,
    // the goal with its metric and actions, the file.
    assert_eq!(chain.len(), 7, "{result:#}");
    assert_eq!(
        chain[0]["start"],
        position_of(PLAN, "meetups", 0, Encoding::Utf16)
    );
    assert_eq!(
        chain[0]["end"],
        position_of(PLAN, " by June", 0, Encoding::Utf16)
    );
    assert_eq!(chain[6]["start"], json!({ "line": 0, "character": 0 }));
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn fix_all_applies_every_safe_fix_and_keeps_comments() {
    for encoding in [Encoding::Utf16, Encoding::Utf8] {
        let (mut client, init) = Client::ready(Setup::for_encoding(encoding)).await;
        let kinds = &init["capabilities"]["codeActionProvider"]["codeActionKinds"];
        assert!(
            kinds
                .as_array()
                .is_some_and(|k| k.contains(&json!("source.fixAll"))),
            "{kinds}"
        );
        let uri = virtual_uri("fixall.roadmap.toml");
        client.open(&uri, PLAN).await;
        let before = client.diagnostics(&uri, 1).await;
        assert!(codes(&before).contains(&"nonstandard-status"));
        let actions = client
            .result(
                "textDocument/codeAction",
                json!({ "textDocument": { "uri": uri },
                        "range": { "start": { "line": 0, "character": 0 },
                                   "end": { "line": 0, "character": 0 } },
                        "context": { "diagnostics": [], "only": ["source.fixAll"] } }),
            )
            .await;
        let actions = actions.as_array().expect("actions");
        assert_eq!(actions.len(), 1, "{actions:#?}");
        assert_eq!(actions[0]["kind"], "source.fixAll");
        let edits = actions[0]["edit"]["changes"][&uri]
            .as_array()
            .expect("edits");
        let after = apply_edits(PLAN, edits, encoding);
        assert!(
            after.contains("status = \"in-progress\" # 🚀 keep this comment\n"),
            "{after}"
        );
        assert!(
            after.contains("depends_on = [\"talks\"]\nstatus = \"in-progress\"\n"),
            "{after}"
        );
        client.change(&uri, 2, json!([{ "text": after }])).await;
        let fixed = client.diagnostics(&uri, 2).await;
        assert!(!codes(&fixed).contains(&"nonstandard-status"), "{fixed:#?}");
        assert!(fixed.len() < before.len());
        for code in codes(&fixed) {
            let count = |list: &[Value]| codes(list).iter().filter(|c| **c == code).count();
            assert!(count(&fixed) <= count(&before), "{code} added");
        }
        client.shutdown_and_exit().await;
    }
}

fn workspace_with_two_roadmaps() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("open.roadmap.toml"), PLAN).expect("write");
    std::fs::create_dir(dir.path().join("team")).expect("mkdir");
    std::fs::write(
        dir.path().join("team").join("never-opened.roadmap.toml"),
        "[[goals]]\nid = \"x\"\ntitle = \"Ship it\"\nstatus = \"wip\"\n",
    )
    .expect("write");
    dir
}

#[tokio::test]
async fn workspace_diagnostics_include_a_roadmap_never_opened() {
    let dir = workspace_with_two_roadmaps();
    let setup = Setup {
        pull_diagnostics: true,
        workspace_folders: vec![file_uri(dir.path())],
        ..Setup::vscode()
    };
    let (mut client, init) = Client::ready(setup).await;
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["workspaceDiagnostics"],
        true
    );
    let open_uri = file_uri(&dir.path().join("open.roadmap.toml"));
    let edited = PLAN.replace("\"WIP\"", "\"done\"");
    client.open(&open_uri, &edited).await;
    let report = client
        .result("workspace/diagnostic", json!({ "previousResultIds": [] }))
        .await;
    let items = report["items"].as_array().expect("items");
    assert_eq!(items.len(), 2, "{report:#}");
    let never = file_uri(&dir.path().join("team").join("never-opened.roadmap.toml"));
    let of = |uri: &str| {
        items
            .iter()
            .find(|i| i["uri"] == uri)
            .unwrap_or_else(|| panic!("{uri} in {report:#}"))
    };
    assert_eq!(of(&never)["version"], Value::Null);
    let never_codes = codes(of(&never)["items"].as_array().expect("items")).join(" ");
    assert!(never_codes.contains("nonstandard-status"), "{never_codes}");
    // The open one as the editor has it (its status fixed, unsaved).
    assert_eq!(of(&open_uri)["version"], 1);
    let open_items = of(&open_uri)["items"].as_array().expect("items");
    assert_eq!(
        codes(open_items)
            .iter()
            .filter(|c| **c == "nonstandard-status")
            .count(),
        1
    );
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn clients_that_do_not_pull_are_sent_the_workspace_and_its_changes() {
    let dir = workspace_with_two_roadmaps();
    let never = dir.path().join("team").join("never-opened.roadmap.toml");
    let never_uri = file_uri(&never);
    let setup = Setup {
        workspace_folders: vec![file_uri(&dir.path().join("team"))],
        ..Setup::vscode()
    };
    let (mut client, _) = Client::ready(setup).await;
    let first = client.unversioned_diagnostics(&never_uri).await;
    assert!(codes(&first).contains(&"nonstandard-status"), "{first:#?}");

    // Saved outside the editor: the watcher says so, and it is read again.
    std::fs::write(
        &never,
        "[[goals]]\nid = \"x\"\ntitle = \"Ship it\"\nstatus = \"bogus\"\n",
    )
    .expect("write");
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({ "changes": [{ "uri": never_uri, "type": 2 }] }),
        )
        .await;
    let changed = client
        .wait_for("the changed file's diagnostics", |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == never_uri
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|d| codes(d).contains(&"unknown-status"))
        })
        .await;
    assert!(changed["params"]["version"].is_null());

    // A folder that leaves the workspace takes its diagnostics with it; a
    // folder added brings its roadmaps.
    client
        .notify(
            "workspace/didChangeWorkspaceFolders",
            json!({ "event": {
                "added": [{ "uri": file_uri(dir.path()), "name": "all" }],
                "removed": [{ "uri": file_uri(&dir.path().join("team")), "name": "team" }]
            } }),
        )
        .await;
    let open_uri = file_uri(&dir.path().join("open.roadmap.toml"));
    let added = client.unversioned_diagnostics(&open_uri).await;
    assert!(codes(&added).contains(&"nonstandard-status"));
    client
        .notify(
            "workspace/didChangeWorkspaceFolders",
            json!({ "event": {
                "added": [],
                "removed": [{ "uri": file_uri(dir.path()), "name": "all" }]
            } }),
        )
        .await;
    client
        .wait_for("the removed folder's diagnostics cleared", |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == open_uri
                && m["params"]["diagnostics"] == json!([])
        })
        .await;
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn fix_all_is_offered_by_hand_but_not_on_every_cursor_move() {
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    let uri = virtual_uri("fixall-menu.roadmap.toml");
    client.open(&uri, PLAN).await;
    client.diagnostics(&uri, 1).await;
    let kinds = |trigger: Option<u32>| {
        let mut context = json!({ "diagnostics": [] });
        if let Some(trigger) = trigger {
            context["triggerKind"] = json!(trigger);
        }
        json!({ "textDocument": { "uri": uri },
                "range": { "start": { "line": 0, "character": 0 },
                           "end": { "line": 0, "character": 0 } },
                "context": context })
    };
    for (trigger, offered) in [(Some(1), true), (Some(2), false), (None, false)] {
        let actions = client
            .result("textDocument/codeAction", kinds(trigger))
            .await;
        let has = actions
            .as_array()
            .is_some_and(|list| list.iter().any(|a| a["kind"] == "source.fixAll"));
        assert_eq!(has, offered, "triggerKind {trigger:?}: {actions:#}");
    }
    client.shutdown_and_exit().await;
}
