//! `publishDiagnostics` written once, as bytes, from JSON kept per group.
//!
//! A keystroke should cost what it changed, not what the file holds: a
//! 10,000-goal roadmap can have over 12,000 diagnostics, and converting
//! and serialising each of them again on every keystroke would be most of
//! the keystroke's cost (docs/performance.md has the figures). The engine
//! hands the diagnostics out in groups of blocks ([`Group`]) whose key
//! changes only when what they hold does, not when they move; each
//! group's JSON is kept under its key with the lines of its places left
//! open, to be filled in from the group's first line at each publish. A
//! keystroke then converts the group it touched and copies the others.
//!
//! Positions are converted by [`to_proto`] and [`convert`] as everywhere
//! else; a test holds the result equal to serialising `to_proto`'s types.

use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types::Uri;

use super::convert::{self, Encoding};
use super::to_proto;
use crate::diagnostic::Diagnostic;
use crate::host::{Group, GroupKey};
use crate::span::Span;

/// The JSON of a group's diagnostics, comma-separated, with the line of
/// every place inside the group left open (its offset in `json` and its
/// line counted from the group's first).
#[derive(Debug)]
pub struct Template {
    json: String,
    holes: Vec<(usize, usize)>,
}

impl Template {
    /// `text` is `rope`'s; `lines` finds the line holding an offset and
    /// where it starts (see [`crate::host::AnalysisHost::line_at`])
    /// when it can, cheaper than `rope`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        uri: &Uri,
        rope: &Rope,
        text: &str,
        lines: &dyn Fn(usize) -> Option<(usize, usize)>,
        encoding: Encoding,
        group: &Group,
        diagnostics: &[Diagnostic],
    ) -> Template {
        let mut writer = Writer {
            uri: json_string(uri.as_str()),
            rope,
            text,
            lines,
            encoding,
            group,
            template: Template {
                json: String::new(),
                holes: Vec::new(),
            },
        };
        for (index, diagnostic) in diagnostics.iter().enumerate() {
            if index > 0 {
                writer.template.json.push(',');
            }
            writer.diagnostic(diagnostic);
        }
        // Kept while the group is unchanged: without the room left by
        // growing, which was a third of all the templates at 10,000 goals.
        writer.template.json.shrink_to_fit();
        writer.template.holes.shrink_to_fit();
        writer.template
    }

    fn is_empty(&self) -> bool {
        self.json.is_empty()
    }

    /// Appends the JSON, its group starting on `line`.
    fn write(&self, out: &mut Vec<u8>, line: usize) {
        let mut at = 0;
        let mut number = itoa::Buffer::new();
        for &(hole, relative) in &self.holes {
            out.extend_from_slice(&self.json.as_bytes()[at..hole]);
            out.extend_from_slice(number.format(line + relative).as_bytes());
            at = hole;
        }
        out.extend_from_slice(&self.json.as_bytes()[at..]);
    }
}

struct Writer<'a> {
    uri: String,
    rope: &'a Rope,
    text: &'a str,
    lines: &'a dyn Fn(usize) -> Option<(usize, usize)>,
    encoding: Encoding,
    group: &'a Group,
    template: Template,
}

impl Writer<'_> {
    fn diagnostic(&mut self, diagnostic: &Diagnostic) {
        // Everything but positions as `to_proto` makes it.
        let converted = to_proto::diagnostic_without_places(diagnostic);
        self.push("{\"range\":");
        self.range(diagnostic.span);
        if let Some(severity) = converted.severity {
            self.push(",\"severity\":");
            self.push_json(&severity);
        }
        if let Some(code) = &converted.code {
            self.push(",\"code\":");
            self.push_json(code);
        }
        if let Some(description) = &converted.code_description {
            self.push(",\"codeDescription\":");
            self.push_json(description);
        }
        if let Some(source) = &converted.source {
            self.push(",\"source\":");
            self.push_json(source);
        }
        self.push(",\"message\":");
        self.push_json(&converted.message);
        if !diagnostic.related.is_empty() {
            self.push(",\"relatedInformation\":[");
            for (index, related) in diagnostic.related.iter().enumerate() {
                if index > 0 {
                    self.push(",");
                }
                self.push("{\"location\":{\"uri\":");
                self.template.json.push_str(&self.uri);
                self.push(",\"range\":");
                self.range(related.span);
                self.push("},\"message\":");
                self.push_json(&related.message);
                self.push("}");
            }
            self.push("]");
        }
        if let Some(tags) = &converted.tags {
            self.push(",\"tags\":");
            self.push_json(tags);
        }
        self.push("}");
    }

    fn range(&mut self, span: Span) {
        self.push("{\"start\":");
        self.position(span.start());
        self.push(",\"end\":");
        self.position(span.end());
        self.push("}");
    }

    fn position(&mut self, offset: usize) {
        let position = match (self.lines)(offset) {
            Some((line, start)) => {
                convert::position_on_line(self.text, line, start, offset, self.encoding)
            }
            None => convert::position(self.rope, offset, self.encoding),
        };
        let line = position.line as usize;
        self.push("{\"line\":");
        let span = self.group.span;
        if span.start() <= offset && offset <= span.end() && line >= self.group.line {
            let hole = self.template.json.len();
            self.template.holes.push((hole, line - self.group.line));
        } else {
            // Outside the group: its key names where this is.
            self.push(itoa::Buffer::new().format(line));
        }
        self.push(",\"character\":");
        self.push(itoa::Buffer::new().format(position.character));
        self.push("}");
    }

    fn push(&mut self, text: &str) {
        self.template.json.push_str(text);
    }

    fn push_json(&mut self, value: &impl serde::Serialize) {
        // Serialising plain strings, numbers and small structs cannot fail.
        if let Ok(json) = serde_json::to_string(value) {
            self.push(&json);
        }
    }
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

/// The templates of one document's groups, as of its last publish.
#[derive(Debug, Default)]
pub struct Cache {
    encoding: Option<Encoding>,
    /// Each template with the publish that last used it.
    templates: rustc_hash::FxHashMap<GroupKey, (Arc<Template>, u64)>,
    publishes: u64,
}

impl Cache {
    /// The template of each group, made for those not kept; keeps only
    /// these afterwards.
    pub fn templates(
        &mut self,
        encoding: Encoding,
        groups: &[Group],
        mut make: impl FnMut(&Group) -> Template,
    ) -> Vec<Arc<Template>> {
        if self.encoding != Some(encoding) {
            self.templates.clear();
            self.encoding = Some(encoding);
        }
        self.publishes += 1;
        let now = self.publishes;
        let templates = groups
            .iter()
            .map(|group| match self.templates.get_mut(&group.key) {
                Some((template, used)) => {
                    *used = now;
                    Arc::clone(template)
                }
                None => {
                    let template = Arc::new(make(group));
                    self.templates
                        .insert(group.key.clone(), (Arc::clone(&template), now));
                    template
                }
            })
            .collect();
        self.templates.retain(|_, (_, used)| *used == now);
        templates
    }
}

/// The whole `textDocument/publishDiagnostics` notification, as bytes.
pub fn notification(
    uri: &Uri,
    version: Option<i32>,
    groups: &[Group],
    templates: &[Arc<Template>],
) -> Vec<u8> {
    // Room for the line numbers written into the holes, too.
    let size: usize = templates
        .iter()
        .map(|t| t.json.len() + 1 + 8 * t.holes.len())
        .sum();
    let mut out = Vec::with_capacity(size + 200);
    out.extend_from_slice(
        br#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#,
    );
    out.extend_from_slice(json_string(uri.as_str()).as_bytes());
    out.extend_from_slice(br#","diagnostics":["#);
    let mut first = true;
    for (group, template) in groups.iter().zip(templates) {
        if template.is_empty() {
            continue;
        }
        if !first {
            out.push(b',');
        }
        first = false;
        template.write(&mut out, group.line);
    }
    out.push(b']');
    if let Some(version) = version {
        out.extend_from_slice(br#","version":"#);
        out.extend_from_slice(itoa::Buffer::new().format(version).as_bytes());
    }
    out.extend_from_slice(b"}}");
    out
}

/// The notification for diagnostics already converted (a configuration
/// file's, a closed roadmap's, or none to clear them).
pub fn converted_notification(
    uri: &Uri,
    version: Option<i32>,
    diagnostics: &[tower_lsp_server::ls_types::Diagnostic],
) -> Vec<u8> {
    let params = tower_lsp_server::ls_types::PublishDiagnosticsParams {
        uri: uri.clone(),
        diagnostics: diagnostics.to_vec(),
        version,
    };
    let message = serde_json::json!({
        "jsonrpc": "2.0",
        "method": "textDocument/publishDiagnostics",
        "params": params,
    });
    message.to_string().into_bytes()
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use chrono::NaiveDate;
    use serde_json::Value;

    use super::*;
    use crate::config::Settings;
    use crate::host::{AnalysisHost, Edit};

    /// The published diagnostics, each as its JSON text, sorted.
    fn published(body: &[u8]) -> Vec<String> {
        let message: Value = serde_json::from_slice(body).expect("the notification is JSON");
        let mut items: Vec<String> = message["params"]["diagnostics"]
            .as_array()
            .expect("a diagnostics array")
            .iter()
            .map(Value::to_string)
            .collect();
        items.sort();
        items
    }

    /// What serialising `to_proto`'s types gives, sorted the same way.
    fn expected(
        uri: &Uri,
        text: &str,
        encoding: Encoding,
        diagnostics: &[Diagnostic],
    ) -> Vec<String> {
        let rope = Rope::from_str(text);
        let mut items: Vec<String> = diagnostics
            .iter()
            .map(|d| serde_json::to_value(to_proto::diagnostic(uri, &rope, encoding, d)))
            .map(|value| value.expect("serialisable").to_string())
            .collect();
        items.sort();
        items
    }

    #[test]
    fn kept_json_is_what_the_types_serialise_to_after_edits_that_move_lines() {
        let uri = Uri::from_str("file:///tmp/a%20b.roadmap.toml").expect("a URI");
        let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date");
        let settings = Settings::default();
        let fixture = include_str!("../../fixtures/every-check.roadmap.toml");
        // CRLF, a lone CR, emoji and CJK before places, and edits that add
        // and remove lines above kept groups.
        let base = format!(
            "# 🚀 漢字\r\n{}",
            fixture.replace("title = \"", "title = \"👩‍💻 ")
        );
        let edits: [(&str, usize); 4] = [("\n\n", 0), ("x", 40), ("\r", 0), ("", 0)];
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            let mut incremental = AnalysisHost::default();
            let mut cache = Cache::default();
            let mut text = base.clone();
            let mut before: Option<String> = None;
            let mut previous: Option<Arc<str>> = None;
            for (insert, at) in edits.iter().copied().chain([("", 0)]) {
                let edit = before.as_ref().map(|_| Edit {
                    start: at,
                    old_end: at,
                    new_end: at + insert.len(),
                });
                if before.is_some() {
                    text.insert_str(at, insert);
                }
                let shared: Arc<str> = Arc::from(text.as_str());
                let told = previous.as_ref().zip(edit);
                incremental.update(&shared, told, today, &settings, None);
                previous = Some(Arc::clone(&shared));
                let rope = Rope::from_str(&text);
                let groups = incremental.groups();
                let mut made = 0;
                let templates = cache.templates(encoding, &groups, |group| {
                    made += 1;
                    let lines = |offset| incremental.line_at(offset);
                    let diagnostics = incremental.group_diagnostics(group);
                    Template::new(&uri, &rope, &text, &lines, encoding, group, &diagnostics)
                });
                if before.is_some() {
                    // The groups after the edit moved and were not made again.
                    assert!(made * 2 < groups.len(), "{made} of {} made", groups.len());
                }
                let body = notification(&uri, Some(7), &groups, &templates);
                let diagnostics = incremental.diagnostics();
                assert!(diagnostics.iter().any(|d| !d.related.is_empty()));
                assert_eq!(
                    published(&body),
                    expected(&uri, &text, encoding, &diagnostics),
                    "after inserting {insert:?} at {at} ({encoding:?})"
                );
                let message: Value = serde_json::from_slice(&body).expect("JSON");
                assert_eq!(message["params"]["version"], 7);
                assert_eq!(message["params"]["uri"], uri.as_str());
                before = Some(text.clone());
            }
        }
    }

    #[test]
    fn an_empty_publish_clears() {
        let uri = Uri::from_str("file:///tmp/x.roadmap.toml").expect("a URI");
        let body = notification(&uri, None, &[], &[]);
        let message: Value = serde_json::from_slice(&body).expect("JSON");
        assert_eq!(message["params"]["diagnostics"], serde_json::json!([]));
        assert!(message["params"].get("version").is_none());
    }
}
