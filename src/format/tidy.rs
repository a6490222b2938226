//! What the editor's own formatting options ask of the tables the
//! formatter keeps as written (those with a syntax error): trailing spaces
//! trimmed and the file's end tidied, only ever outside strings, which the
//! lexer tells apart even in a broken table.

use toml_parser::Source;
use toml_parser::lexer::TokenKind;

/// `raw` (a table kept as written) with the spaces at the ends of its
/// lines removed, outside strings; at the end of the file (`last`), with
/// blank lines after its last line removed too when `trim_final`.
pub(super) fn kept_table(raw: &str, trim_spaces: bool, last: bool, trim_final: bool) -> String {
    let source = Source::new(raw);
    let tokens: Vec<_> = source.lex().collect();
    let mut out = String::with_capacity(raw.len());
    // The first line break after the last token that is not a space or
    // a line break.
    let mut break_after: Option<usize> = None;
    let mut at = 0;
    for (i, token) in tokens.iter().enumerate() {
        let span = token.span();
        // Bytes the lexer skipped (a byte-order mark) are kept.
        out.push_str(raw.get(at..span.start()).unwrap_or_default());
        at = span.end();
        let piece = raw.get(span.start()..span.end()).unwrap_or_default();
        match token.kind() {
            TokenKind::Whitespace
                if trim_spaces && ends_line(tokens.get(i + 1).map(|t| t.kind())) => {}
            TokenKind::Comment if trim_spaces => {
                out.push_str(piece.trim_end());
                break_after = None;
            }
            TokenKind::Whitespace => out.push_str(piece),
            TokenKind::Newline => {
                if break_after.is_none() {
                    break_after = Some(out.len());
                }
                out.push_str(piece);
            }
            TokenKind::Eof => {}
            _ => {
                out.push_str(piece);
                break_after = None;
            }
        }
    }
    out.push_str(raw.get(at..).unwrap_or_default());
    if last
        && trim_final
        && at >= raw.len()
        && let Some(first_break) = break_after
    {
        let line_break = if out[first_break..].starts_with("\r\n") {
            "\r\n"
        } else {
            "\n"
        };
        out.truncate(first_break);
        out.push_str(line_break);
    }
    out
}

fn ends_line(next: Option<TokenKind>) -> bool {
    matches!(next, None | Some(TokenKind::Newline | TokenKind::Eof))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_go_only_outside_strings() {
        let raw = "a = \"\"\"x  \ny  \"\"\"  \nb = [  \n# c  \n";
        assert_eq!(
            kept_table(raw, true, false, false),
            "a = \"\"\"x  \ny  \"\"\"\nb = [\n# c\n"
        );
        assert_eq!(kept_table(raw, false, false, false), raw);
    }

    #[test]
    fn blank_lines_at_the_end_go_when_asked() {
        assert_eq!(kept_table("a = [\n\n\n", false, true, true), "a = [\n");
        assert_eq!(kept_table("a = [\r\n\r\n", false, true, true), "a = [\r\n");
        assert_eq!(
            kept_table("a = '''x\n\n\n", false, true, true),
            "a = '''x\n\n\n"
        );
    }
}
