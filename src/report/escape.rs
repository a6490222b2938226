//! Escaping user text for each output, since titles, names and notes are
//! written by people and may hold anything TOML strings can: markup,
//! quotes, control characters, Mermaid syntax.

/// Text for HTML and SVG (XML) content and attribute values. Control
/// characters other than tab and newline are not allowed in XML 1.0 at
/// all, escaped or not, so they become U+FFFD.
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
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
            c if c.is_control() => {}
            c => out.push(c),
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
