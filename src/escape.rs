//! Escaping user text for each output, since titles, names, notes and file
//! names are written by people and may hold anything: markup, quotes, line
//! breaks, terminal control sequences, Mermaid syntax, workflow commands.
//! Every place that prints user text prints it through one of these.

use std::borrow::Cow;

/// Text for a terminal or a log: control characters (line breaks, escape
/// sequences, C1 controls) and the bidirectional overrides that reorder
/// what a reader sees are written out as `\n`, `\r`, `\t` or `\u{1b}`, so
/// user text can neither start a new line (a forged `::error` workflow
/// command) nor drive the terminal (`ESC ]0;title BEL`).
pub fn terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_terminal_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_terminal_escape(c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

fn needs_terminal_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Serialised JSON for a terminal: JSON leaves C1 controls and the
/// bidirectional overrides raw inside strings (only C0 must be escaped),
/// so they are written as `\u` escapes too. The document means the same.
pub fn json_for_terminal(json: String) -> String {
    // ASCII controls outside strings are the layout's own line breaks;
    // inside strings serde_json has escaped them already.
    let raw = |c: char| !c.is_ascii() && needs_terminal_escape(c);
    if !json.chars().any(raw) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if raw(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// The message of a GitHub Actions workflow command: made visible for the
/// log first (an escape sequence is not a newline, but the log renders
/// it), then `%`, CR and LF encoded as the runner expects.
pub fn workflow_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c if needs_terminal_escape(c) => out.push_str(&terminal(c.encode_utf8(&mut [0; 4]))),
            c => out.push(c),
        }
    }
    out
}

/// A property of a workflow command (`file=`, `title=`): also split on
/// `,` and `:`, which paths and titles may contain.
pub fn workflow_property(text: &str) -> String {
    workflow_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Text for HTML and SVG (XML) content and attribute values. Control
/// characters other than tab and newline are not allowed in XML 1.0 at
/// all, escaped or not, so they become U+FFFD. A newline is written as a
/// character reference: the same text, but never a raw line break that a
/// CI log would read as the start of a workflow command.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' => out.push(c),
            '\n' => out.push_str("&#10;"),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// One line of Markdown text (a table cell, a list item): characters
/// Markdown or the HTML it allows would act on are backslash-escaped or
/// turned into entities, and line breaks become spaces.
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            // Without `[` no link or image can start, so `(`, `)` and
            // `!` are left alone.
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' | '\n' => out.push(' '),
            c if needs_terminal_escape(c) => out.push_str(&terminal(c.encode_utf8(&mut [0; 4]))),
            c => out.push(c),
        }
    }
    out
}

/// The pieces of a message: text, and the `code` between backticks the
/// checks write keys and values in. Messages also quote the user's own
/// words, which may hold backticks of their own, so a pair counts as code
/// only when what it encloses looks like what the checks write there
/// (not empty, no line break, no space at either end) and `inert` accepts
/// it; any other backtick is text.
fn code_spans(text: &str, inert: impl Fn(&str) -> bool) -> Vec<(bool, &str)> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while let Some(open) = text[at..].find('`').map(|i| at + i) {
        let Some(close) = text[open + 1..].find('`').map(|i| open + 1 + i) else {
            break;
        };
        let inside = &text[open + 1..close];
        let code = !inside.is_empty()
            && inside.trim() == inside
            && !inside.contains(['\n', '\r'])
            && inert(inside);
        if code {
            pieces.push((false, &text[start..open]));
            pieces.push((true, inside));
            start = close + 1;
            at = close + 1;
        } else {
            at = open + 1;
        }
    }
    pieces.push((false, &text[start..]));
    pieces.retain(|(code, piece)| *code || !piece.is_empty());
    pieces
}

/// A message for HTML: escaped, its `code` spans as `<code>`.
pub fn xml_with_code(text: &str) -> String {
    code_spans(text, |_| true)
        .into_iter()
        .map(|(code, piece)| match code {
            true => format!("<code>{}</code>", xml(piece)),
            false => xml(piece),
        })
        .collect()
}

/// A message for a tooltip, which shows no markup: the code spans' text
/// without their backticks.
pub fn plain(text: &str) -> String {
    code_spans(text, |_| true)
        .into_iter()
        .map(|(_, piece)| piece)
        .collect()
}

/// One line of Markdown with the message's `code` spans kept as code
/// spans (their text is literal there), the rest escaped.
pub fn markdown_with_code(text: &str) -> String {
    // Markup characters are left out of code spans, which some renderers
    // do not treat as literal: there they are escaped as text.
    code_spans(text, |inside| !inside.contains(['<', '>', '&', '`']))
        .into_iter()
        .map(|(code, piece)| match code {
            true => format!("`{piece}`"),
            false => markdown(piece),
        })
        .collect()
}

/// A Markdown link destination, written between `<` and `>`: line breaks,
/// other control characters and the angle brackets are percent-encoded,
/// as a URL would have them, so the destination cannot end early.
pub fn link_destination(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '<' || c == '>' || needs_terminal_escape(c) {
            for byte in c.encode_utf8(&mut [0; 4]).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A task or section name in a Mermaid `gantt` block. Mermaid has no
/// escaping there: `:` ends the name, `;` and line breaks end the
/// statement, `#…;` is an entity and `%%` a comment, and the text lands in
/// the rendered SVG. So those characters are replaced by look-alikes and
/// markup brackets by guillemets.
pub fn mermaid(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            ':' => out.push('꞉'),
            ';' => out.push(','),
            '#' => out.push('＃'),
            '<' => out.push('‹'),
            '>' => out.push('›'),
            '&' => out.push_str("and"),
            '"' | '`' => out.push('\''),
            '\r' | '\n' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    // `%%` starts a comment; a single `%` is text.
    while out.contains("%%") {
        out = out.replace("%%", "%");
    }
    let trimmed = out.trim();
    if trimmed.is_empty() {
        "(untitled)".to_string()
    } else {
        trimmed.to_string()
    }
}

/// At most `max` characters, with an ellipsis when cut.
pub fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out = out.trim_end().to_string();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_become_code_and_nothing_else_does() {
        let message = "add `deadline = 2026-12-31` to <goal> `a|b`";
        assert_eq!(
            xml_with_code(message),
            "add <code>deadline = 2026-12-31</code> to &lt;goal&gt; <code>a|b</code>"
        );
        assert_eq!(
            markdown_with_code(message),
            "add `deadline = 2026-12-31` to &lt;goal&gt; `a|b`"
        );
        assert_eq!(plain(message), "add deadline = 2026-12-31 to <goal> a|b");
        // An unpaired backtick is text, escaped as such.
        assert_eq!(markdown_with_code("it's `x` and `y"), "it's `x` and \\`y");
        assert_eq!(xml_with_code("`<b>`"), "<code>&lt;b&gt;</code>");
        // The user's own backticks do not pair up with the message's.
        let hostile = "action \"``` <script>\" of goal `a\"><b>` has no owner: add `owner`";
        let markdown = markdown_with_code(hostile);
        assert!(!markdown.contains('<'), "{markdown}");
        assert!(markdown.ends_with("add `owner`"), "{markdown}");
    }

    #[test]
    fn markup_never_survives() {
        assert_eq!(
            xml(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(xml("a\u{1}b"), "a\u{FFFD}b");
        assert_eq!(
            markdown("| [x](javascript:alert(1)) <b>\nnext"),
            r"\| \[x\](javascript:alert(1)) &lt;b&gt; next"
        );
    }

    #[test]
    fn terminals_see_control_characters_spelled_out() {
        assert_eq!(terminal("plain – ünïcode 🚀"), "plain – ünïcode 🚀");
        assert!(matches!(terminal("plain"), Cow::Borrowed(_)));
        assert_eq!(
            terminal("evil\n::error title=x::INJECTED\r\t"),
            "evil\\n::error title=x::INJECTED\\r\\t"
        );
        assert_eq!(terminal("\u{1b}]0;PWNED\u{7}"), "\\u{1b}]0;PWNED\\u{7}");
        assert_eq!(terminal("a\u{9b}b\u{202e}c"), "a\\u{9b}b\\u{202e}c");
    }

    #[test]
    fn workflow_commands_follow_the_runner_rules() {
        assert_eq!(
            workflow_data("50% done\r\nnext: a, b"),
            "50%25 done%0D%0Anext: a, b"
        );
        assert_eq!(workflow_property("C:\\a,b%.toml"), "C%3A\\a%2Cb%25.toml");
        assert_eq!(
            workflow_data("\u{1b}]0;PWNED\u{7}"),
            "\\u{1b}]0;PWNED\\u{7}"
        );
    }

    #[test]
    fn json_keeps_its_meaning_without_raw_controls() {
        let json = serde_json::to_string(&"a\u{9b}b\u{202e}\n").unwrap();
        let escaped = json_for_terminal(json);
        assert_eq!(escaped, r#""a\u009bb\u202e\n""#);
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, "a\u{9b}b\u{202e}\n");
        let pretty = serde_json::to_string_pretty(&serde_json::json!({ "a": "\u{9b}" })).unwrap();
        assert_eq!(json_for_terminal(pretty), "{\n  \"a\": \"\\u009b\"\n}");
    }

    #[test]
    fn link_destinations_cannot_end_early() {
        assert_eq!(
            link_destination("a b\n::x>\u{1b}.toml#L3"),
            "a b%0A::x%3E%1B.toml#L3"
        );
    }

    #[test]
    fn markdown_shows_control_characters() {
        assert_eq!(markdown("a\u{1b}[31mb"), "a\\u{1b}\\[31mb");
    }

    #[test]
    fn mermaid_names_cannot_end_the_statement() {
        let name = mermaid("Ship: v2; done\n    crit, x, 2020-01-01, 1d %% #9829;");
        for forbidden in [":", ";", "\n", "#", "%%"] {
            assert!(!name.contains(forbidden), "{name}");
        }
        assert_eq!(mermaid("  "), "(untitled)");
    }

    #[test]
    fn truncation_counts_characters() {
        assert_eq!(truncate("héllo wörld", 6), "héllo…");
        assert_eq!(truncate("short", 6), "short");
    }
}
