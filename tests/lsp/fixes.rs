//! Fixes never make things worse, through the server: every preferred
//! quick fix it offers for a roadmap a new user might write, applied as a
//! client applies it, leaves no diagnostic code more often than before.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::harness::{Client, Encoding, Setup, apply_edits, codes, virtual_uri};

const NEW_USER: &str = r#"[roadmap]
title = "Design career"
vision = "Lead the design team of a consumer app with 2 million users by 2029"
horizon = 2029-12-31
last_review = 2026-06-01

[[skills]]
id = "figma"
current = 2
required = 4

[[goals]]
id = "portfolio"
title = "Publish 3 case studies on my portfolio site"
why = "Hiring managers read them first"
start = 2026-06-01
deadline = 2026-11-01
status = "in-progress"

[[goals.actions]]
task = "Write the checkout redesign study"
due = 2026-10-15
status = "done"
owner = "me"

[[goals.actions]]
task = "Write the onboarding study"
due = 2026-10-20

[[goals.actions]]
task = "Write the search study"
owner = "me"
status = "blocked"

[[goals]]
id = "figma-course"
title = "Get good at Figma"
deadline = 2027-03-31

[goals.metric]
target = "high"

[[goals]]
id = "talks"
title = "Give 2 talks at design meetups"
why = "Visibility"
status = "done"
deadline = 2026-12-31

[goals.metric]
unit = "talks"
baseline = 0
target = 2
current = 1

[[goals.actions]]
task = "Submit to the Berlin meetup"
due = 2026-12-01
owner = "me"
"#;

fn census(diagnostics: &[Value]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for code in codes(diagnostics) {
        *counts.entry(code.to_string()).or_insert(0) += 1;
    }
    counts
}

#[tokio::test]
async fn no_preferred_fix_the_server_offers_adds_a_diagnostic() {
    let encoding = Encoding::Utf16;
    let (mut client, _) = Client::ready(Setup::for_encoding(encoding)).await;
    let uri = virtual_uri("new-user.roadmap.toml");
    client.open(&uri, NEW_USER).await;
    let mut version = 1;
    let diagnostics = client.diagnostics(&uri, version).await;
    let before = census(&diagnostics);
    let mut applied = Vec::new();
    for diagnostic in &diagnostics {
        let actions = client
            .result(
                "textDocument/codeAction",
                json!({
                    "textDocument": { "uri": uri },
                    "range": diagnostic["range"],
                    "context": { "diagnostics": [diagnostic], "only": ["quickfix"] }
                }),
            )
            .await;
        let Some(fix) = actions
            .as_array()
            .expect("actions")
            .iter()
            .find(|action| action["isPreferred"] == true)
        else {
            continue;
        };
        let edits = fix["edit"]["changes"][&uri].as_array().expect("edits");
        let fixed = apply_edits(NEW_USER, edits, encoding);
        version += 1;
        client
            .change(&uri, version, json!([{ "text": fixed }]))
            .await;
        let after = census(&client.diagnostics(&uri, version).await);
        let title = fix["title"].as_str().expect("a title").to_string();
        for (code, count) in &after {
            assert!(
                before.get(code).copied().unwrap_or(0) >= *count,
                "{title:?} (for {}) added {code}:\n{fixed}",
                diagnostic["code"]
            );
        }
        applied.push(title);
        // Back to the roadmap as written, for the next fix.
        version += 1;
        client
            .change(&uri, version, json!([{ "text": NEW_USER }]))
            .await;
        assert_eq!(census(&client.diagnostics(&uri, version).await), before);
    }
    eprintln!(
        "{} preferred fixes applied through the server, none added a diagnostic: {applied:?}",
        applied.len()
    );
    assert!(
        applied
            .iter()
            .any(|title| title == "Mark the goal and its 2 open actions done"),
        "{applied:?}"
    );
    assert!(applied.len() >= 5, "{applied:?}");
    client.shutdown_and_exit().await;
}
