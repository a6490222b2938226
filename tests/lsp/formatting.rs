//! `textDocument/formatting` and `textDocument/rangeFormatting`: the
//! edits, applied as the client applies them in its own encoding, give
//! exactly the engine's formatted text, with every comment kept; a second
//! request changes nothing; a broken table is left alone.

use roadmap_lsp::format::{FormatOptions, format};
use serde_json::{Value, json};

use crate::harness::{Client, Encoding, Setup, apply_edits, file_uri, position_of, virtual_uri};

/// Keys out of order around emoji and CJK, comments above and after keys,
/// CRLF line breaks, and a last line (with no line break) whose end
/// column differs by encoding.
const SCRAMBLED: &str = "# 路线图 🚀\r\n[roadmap]\r\nvision=\"Lead the platform team of five engineers by 2028\"   # 願景\r\ntitle  =  \"Staff engineer 🚀\"\r\n\r\n\r\n[[goals]]\r\nstatus= \"in-progress\"\r\n# the id, kept above it\r\nid = \"talk\"\r\nskills = [ \"speaking\" ,\"日本語\" ]\r\ntitle = \"Give three talks at 日本 meetups 🚀\"";

const FORMATTED: &str = "# 路线图 🚀\r\n[roadmap]\r\ntitle = \"Staff engineer 🚀\"\r\nvision = \"Lead the platform team of five engineers by 2028\"   # 願景\r\n\r\n[[goals]]\r\n# the id, kept above it\r\nid = \"talk\"\r\ntitle = \"Give three talks at 日本 meetups 🚀\"\r\nskills = [\"speaking\", \"日本語\"]\r\nstatus = \"in-progress\"\r\n";

fn options() -> Value {
    json!({ "tabSize": 4, "insertSpaces": true })
}

async fn format_document(client: &mut Client, uri: &str) -> Vec<Value> {
    let edits = client
        .result(
            "textDocument/formatting",
            json!({ "textDocument": { "uri": uri }, "options": options() }),
        )
        .await;
    edits.as_array().expect("a list of edits").clone()
}

async fn format_range(client: &mut Client, uri: &str, range: Value) -> Vec<Value> {
    let edits = client
        .result(
            "textDocument/rangeFormatting",
            json!({ "textDocument": { "uri": uri }, "range": range, "options": options() }),
        )
        .await;
    edits.as_array().expect("a list of edits").clone()
}

#[tokio::test]
async fn the_server_declares_both_formatting_requests() {
    let (client, initialized) = Client::ready(Setup::vscode()).await;
    let capabilities = &initialized["capabilities"];
    assert_eq!(capabilities["documentFormattingProvider"], true);
    assert_eq!(capabilities["documentRangeFormattingProvider"], true);
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn formatting_after_emoji_cjk_and_crlf_in_utf16() {
    formatting_after_emoji_cjk_and_crlf(Encoding::Utf16).await;
}

#[tokio::test]
async fn formatting_after_emoji_cjk_and_crlf_in_utf8() {
    formatting_after_emoji_cjk_and_crlf(Encoding::Utf8).await;
}

async fn formatting_after_emoji_cjk_and_crlf(encoding: Encoding) {
    assert_eq!(format(SCRAMBLED, &FormatOptions::default()).text, FORMATTED);
    let (mut client, _) = Client::ready(Setup::for_encoding(encoding)).await;
    let uri = virtual_uri("scrambled.roadmap.toml");
    client.open(&uri, SCRAMBLED).await;
    let edits = format_document(&mut client, &uri).await;
    assert!(!edits.is_empty());
    let formatted = apply_edits(SCRAMBLED, &edits, encoding);
    assert_eq!(formatted, FORMATTED);

    // A second pass over the result changes nothing.
    client.change(&uri, 2, json!([{ "text": formatted }])).await;
    assert_eq!(
        format_document(&mut client, &uri).await,
        Vec::<Value>::new()
    );
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn range_formatting_touches_only_the_tables_in_the_range_in_utf16() {
    range_formatting_touches_only_the_tables_in_the_range(Encoding::Utf16).await;
}

#[tokio::test]
async fn range_formatting_touches_only_the_tables_in_the_range_in_utf8() {
    range_formatting_touches_only_the_tables_in_the_range(Encoding::Utf8).await;
}

async fn range_formatting_touches_only_the_tables_in_the_range(encoding: Encoding) {
    let (mut client, _) = Client::ready(Setup::for_encoding(encoding)).await;
    let uri = virtual_uri("scrambled.roadmap.toml");
    client.open(&uri, SCRAMBLED).await;
    // A selection from inside the emoji line of the goal to the end: only
    // the goal is formatted, [roadmap] stays as written.
    let range = json!({
        "start": position_of(SCRAMBLED, "日本 meetups", 3, encoding),
        "end": position_of(SCRAMBLED, "🚀\"", 4, encoding),
    });
    let edits = format_range(&mut client, &uri, range).await;
    let formatted = apply_edits(SCRAMBLED, &edits, encoding);
    let roadmap_as_written = &SCRAMBLED[..SCRAMBLED.find("[[goals]]").expect("a goal")];
    assert!(formatted.starts_with(roadmap_as_written), "{formatted}");
    assert!(
        formatted.ends_with(&FORMATTED[FORMATTED.find("[[goals]]").expect("a goal")..]),
        "{formatted}"
    );
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn reorder_keys_off_in_the_editor_settings_keeps_the_order() {
    let setup = Setup::vscode().with_settings(json!({ "format": { "reorder-keys": false } }));
    let (mut client, _) = Client::ready(setup).await;
    let uri = virtual_uri("order.roadmap.toml");
    let text = "[[goals]]\nstatus=\"todo\"\nid  =  \"a\"\n";
    client.open(&uri, text).await;
    let edits = format_document(&mut client, &uri).await;
    assert_eq!(
        apply_edits(text, &edits, Encoding::Utf16),
        "[[goals]]\nstatus = \"todo\"\nid = \"a\"\n"
    );
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn a_table_with_a_syntax_error_is_left_as_written() {
    let (mut client, _) = Client::ready(Setup::vscode()).await;
    let uri = virtual_uri("broken.roadmap.toml");
    let broken_goal = "[[goals]]\nstatus = \"todo\"\nid = \"a\ntitle = \"🚀 unfinished\n";
    let text = format!("[roadmap]\nvision=\"v\"\ntitle=\"t\"\n\n{broken_goal}");
    client.open(&uri, &text).await;
    let edits = format_document(&mut client, &uri).await;
    let formatted = apply_edits(&text, &edits, Encoding::Utf16);
    assert_eq!(
        formatted,
        format!("[roadmap]\ntitle = \"t\"\nvision = \"v\"\n\n{broken_goal}")
    );
    client.shutdown_and_exit().await;
}

#[tokio::test]
async fn reorder_keys_follows_roadmap_lsp_toml_then_the_files_own_lint_format() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(
        dir.path().join("roadmap-lsp.toml"),
        "[format]\nreorder-keys = false\n",
    )
    .expect("write the configuration");
    let path = dir.path().join("order.roadmap.toml");
    let text = "[[goals]]\nstatus=\"todo\"\nid=\"a\"\n";
    std::fs::write(&path, text).expect("write the roadmap");
    let (mut client, _) = Client::ready(Setup::neovim()).await;
    let uri = file_uri(&path);
    client.open(&uri, text).await;
    let edits = format_document(&mut client, &uri).await;
    assert_eq!(
        apply_edits(text, &edits, Encoding::Utf8),
        "[[goals]]\nstatus = \"todo\"\nid = \"a\"\n"
    );

    let own = format!("{text}\n[lint.format]\nreorder-keys = true\n");
    client.change(&uri, 2, json!([{ "text": own }])).await;
    let edits = format_document(&mut client, &uri).await;
    assert_eq!(
        apply_edits(&own, &edits, Encoding::Utf8),
        "[[goals]]\nid = \"a\"\nstatus = \"todo\"\n\n[lint.format]\nreorder-keys = true\n"
    );
    client.shutdown_and_exit().await;
}
