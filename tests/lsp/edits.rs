//! AnalysisHost `didChange` in both position encodings: edits land where
//! the client means, diagnostics follow them, and changes that cannot be
//! applied leave the document as it was. Requests are sent right after a
//! change, without waiting for its diagnostics: they must already see it.

use serde_json::{Value, json};

use crate::harness::{Client, Encoding, Setup, apply_edits, codes, range, the, virtual_uri};
use crate::roadmaps::PLAN;

/// One goal whose vague title starts with an emoji and CJK (line 5), and
/// a nonstandard status below it (line 8).
const ROCKET_GOAL: &str = "roadmap = { vision = \"Lead the platform team of five engineers by 2028\", horizon = 2028-12-31 }
# (the vision and its horizon, on one line)

[[goals]]
id = \"talk\"
title = \"🚀 日本 improve\"
why = \"visibility\"
deadline = 2026-12-31
status = \"wip\"

[[goals.actions]]
task = \"Submit a proposal\"
due = 2026-12-01
owner = \"me\"

[[skills]]
id = \"speaking\"
current = 3
required = 3

[[people]]
name = \"Jordan Lee\"
role = \"mentor\"
";

#[tokio::test]
async fn edits_after_emoji_and_cjk_land_in_place_in_utf16() {
    edits_after_emoji_and_cjk_land_in_place(Encoding::Utf16).await;
}

#[tokio::test]
async fn edits_after_emoji_and_cjk_land_in_place_in_utf8() {
    edits_after_emoji_and_cjk_land_in_place(Encoding::Utf8).await;
}

/// 🚀 is 2 UTF-16 units or 4 bytes, 日本 2 units or 6 bytes: the columns
/// after them differ by encoding, and an edit in the wrong unit would cut
/// a character or land on the wrong word.
async fn edits_after_emoji_and_cjk_land_in_place(encoding: Encoding) {
    // Where `improve` starts in the title line, and where the title ends.
    let (improve, title_end) = match encoding {
        Encoding::Utf16 => (15, 23),
        Encoding::Utf8 => (21, 29),
    };
    let (mut client, _) = Client::ready(Setup::for_encoding(encoding)).await;
    let uri = virtual_uri("rocket.roadmap.toml");
    client.open(&uri, ROCKET_GOAL).await;
    let diagnostics = client.diagnostics(&uri, 1).await;
    assert_eq!(
        codes(&diagnostics),
        ["missing-metric", "vague-goal", "nonstandard-status"]
    );
    assert_eq!(
        the(&diagnostics, "vague-goal")["range"],
        range((5, 8), (5, title_end))
    );

    // Replace `improve` with a concrete aim: the title is no longer vague
    // and has a number, so two warnings disappear.
    let concrete = "give three talks at meetups";
    client
        .change(
            &uri,
            2,
            json!([{ "range": range((5, improve), (5, improve + 7)), "text": concrete }]),
        )
        .await;
    let hover = client
        .hover(&uri, json!({ "line": 3, "character": 2 }))
        .await
        .expect("a goal hover");
    assert!(
        hover.contains("**Goal `talk`**: 🚀 日本 give three talks at meetups\n"),
        "{hover}"
    );
    let diagnostics = client.diagnostics(&uri, 2).await;
    assert_eq!(codes(&diagnostics), ["nonstandard-status"]);
    assert_eq!(diagnostics[0]["range"], range((8, 9), (8, 14)));

    // A line inserted above moves what is below it.
    client
        .change(
            &uri,
            3,
            json!([{ "range": range((0, 0), (0, 0)), "text": "# 🚀 日本 plan\n" }]),
        )
        .await;
    let diagnostics = client.diagnostics(&uri, 3).await;
    assert_eq!(codes(&diagnostics), ["nonstandard-status"]);
    assert_eq!(diagnostics[0]["range"], range((9, 9), (9, 14)));

    // Making the title vague again brings its warnings back, in place.
    let concrete_len = u32::try_from(concrete.len()).expect("short");
    client
        .change(
            &uri,
            4,
            json!([{
                "range": range((6, improve), (6, improve + concrete_len)),
                "text": "improve"
            }]),
        )
        .await;
    let diagnostics = client.diagnostics(&uri, 4).await;
    assert_eq!(
        codes(&diagnostics),
        ["missing-metric", "vague-goal", "nonstandard-status"]
    );
    assert_eq!(
        the(&diagnostics, "vague-goal")["range"],
        range((6, 8), (6, title_end))
    );
    assert_eq!(
        the(&diagnostics, "missing-metric")["range"],
        range((4, 0), (4, 9))
    );
    client.shutdown_and_exit().await;
}

/// Each change applies to the text the previous one left, as the
/// specification says: the second range is only right after the first.
#[tokio::test]
async fn several_changes_in_one_notification_apply_in_order() {
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    let uri = virtual_uri("several.roadmap.toml");
    client.open(&uri, PLAN).await;
    client.diagnostics(&uri, 1).await;
    client
        .change(
            &uri,
            2,
            json!([
                { "range": range((0, 0), (0, 0)), "text": "# 🚀 first\n" },
                // `"wip"`, one line lower than in PLAN.
                { "range": range((45, 10), (45, 13)), "text": "todo" },
                // `Give` in the first goal's title.
                { "range": range((16, 9), (16, 13)), "text": "Deliver" },
            ]),
        )
        .await;
    let hover = client
        .hover(&uri, json!({ "line": 14, "character": 2 }))
        .await
        .expect("a goal hover");
    assert!(
        hover.contains("**Goal `talk`**: Deliver three talks at 日本 meetups 🚀\n"),
        "{hover}"
    );
    let diagnostics = client.diagnostics(&uri, 2).await;
    assert_eq!(codes(&diagnostics), ["missing-metric", "vague-goal"]);
    assert_eq!(diagnostics[0]["range"], range((39, 0), (39, 9)));
    client.shutdown_and_exit().await;
}

/// CRLF ends one line, not two; a fix inserts CRLF lines into a CRLF file.
#[tokio::test]
async fn crlf_text_is_edited_by_lines_and_fixed_with_crlf() {
    let text = PLAN.replace('\n', "\r\n");
    let (mut client, _) = Client::ready(Setup::neovim()).await;
    let uri = virtual_uri("windows.roadmap.toml");
    client.open(&uri, &text).await;
    let diagnostics = client.diagnostics(&uri, 1).await;
    assert_eq!(
        the(&diagnostics, "nonstandard-status")["range"],
        range((44, 9), (44, 14))
    );
    client
        .change(
            &uri,
            2,
            json!([{ "range": range((44, 10), (44, 13)), "text": "todo" }]),
        )
        .await;
    let text = text.replacen("\"wip\"", "\"todo\"", 1);
    let diagnostics = client.diagnostics(&uri, 2).await;
    assert_eq!(codes(&diagnostics), ["missing-metric", "vague-goal"]);
    assert_eq!(diagnostics[0]["range"], range((38, 0), (38, 9)));

    let actions = client
        .result(
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": range((38, 0), (38, 0)),
                "context": { "diagnostics": diagnostics, "only": ["quickfix"] }
            }),
        )
        .await;
    let fix = actions
        .as_array()
        .expect("actions")
        .iter()
        .find(|action| action["diagnostics"][0]["code"] == "missing-metric")
        .expect("a fix for missing-metric");
    let edits = fix["edit"]["changes"][&uri].as_array().expect("edits");
    let fixed = apply_edits(&text, edits, Encoding::Utf8);
    assert!(fixed.contains("[goals.metric]"), "{fixed}");
    assert!(
        !fixed.replace("\r\n", "").contains('\n'),
        "a bare LF in {fixed:?}"
    );
    client.change(&uri, 3, json!([{ "text": fixed }])).await;
    // The metric is there; its empty skeleton is what is left to fill in
    // (no unit or measure yet, and a target still equal to the baseline:
    // the skeleton is offered, not preferred, for that reason).
    assert_eq!(
        codes(&client.diagnostics(&uri, 3).await),
        ["vague-goal", "unmeasurable-metric", "unmeasurable-metric"]
    );
    client.shutdown_and_exit().await;
}

/// A change past the end is refused whole (the valid change before it is
/// not applied either), the user is told once, and the server answers
/// from the last good text: later edits relative to the editor's text,
/// which it no longer knows, are not applied on top of it, until a whole
/// text brings the document back in step.
#[tokio::test]
async fn a_change_past_the_end_is_refused_and_the_text_kept() {
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    let uri = virtual_uri("refused.roadmap.toml");
    client.open(&uri, PLAN).await;
    client.diagnostics(&uri, 1).await;
    client
        .change(
            &uri,
            2,
            json!([
                { "range": range((44, 10), (44, 13)), "text": "todo" },
                { "range": range((999, 0), (999, 1)), "text": "x" },
            ]),
        )
        .await;
    let told = client.notification("window/showMessage").await;
    let message = told["message"].as_str().unwrap_or_default();
    assert!(message.contains("refused.roadmap.toml"), "{told}");
    assert!(message.contains("reopen"), "{told}");
    let status = json!({ "line": 44, "character": 11 });
    let hover = client.hover(&uri, status.clone()).await.expect("a hover");
    assert!(hover.contains("**`wip`** means `in-progress`"), "{hover}");

    // The next edit is relative to a text the server does not have.
    client
        .change(
            &uri,
            3,
            json!([{ "range": range((44, 10), (44, 13)), "text": "done" }]),
        )
        .await;
    let hover = client.hover(&uri, status.clone()).await.expect("a hover");
    assert!(hover.contains("**`wip`** means `in-progress`"), "{hover}");

    // A whole text brings it back; the user was told only once.
    let resynced = PLAN.replace("\"wip\"", "\"done\"");
    client.change(&uri, 4, json!([{ "text": resynced }])).await;
    let diagnostics = client.diagnostics(&uri, 4).await;
    assert!(!codes(&diagnostics).contains(&"nonstandard-status"));
    let hover = client.hover(&uri, status).await.expect("a hover");
    assert!(hover.starts_with("**`done`**"), "{hover}");
    let told_again = |m: &Value| m["method"] == "window/showMessage";
    assert_eq!(client.count_received(told_again), 1);
    client.shutdown_and_exit().await;
}

/// A change that is not newer than the document is ignored.
#[tokio::test]
async fn a_change_with_a_stale_version_is_ignored() {
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    let uri = virtual_uri("stale.roadmap.toml");
    client.open(&uri, PLAN).await;
    client
        .change(
            &uri,
            5,
            json!([{ "range": range((44, 10), (44, 13)), "text": "todo" }]),
        )
        .await;
    let diagnostics = client.diagnostics(&uri, 5).await;
    assert_eq!(codes(&diagnostics), ["missing-metric", "vague-goal"]);
    for stale in [5, 4] {
        client
            .change(
                &uri,
                stale,
                json!([{ "range": range((44, 10), (44, 14)), "text": "blocked" }]),
            )
            .await;
    }
    let hover = client
        .hover(&uri, json!({ "line": 44, "character": 11 }))
        .await
        .expect("a hover");
    assert!(hover.starts_with("**`todo`**"), "{hover}");
    // Diagnostics go on from version 5.
    client
        .change(
            &uri,
            6,
            json!([{ "range": range((44, 10), (44, 14)), "text": "wip" }]),
        )
        .await;
    assert_eq!(
        codes(&client.diagnostics(&uri, 6).await),
        ["missing-metric", "vague-goal", "nonstandard-status"]
    );
    client.shutdown_and_exit().await;
}
