//! GitHub Actions workflow commands: each line becomes an annotation on the
//! pull request's diff. GitHub has no "info" or "hint" level, so both map to
//! `notice`.

use crate::rules::Severity;

use super::Report;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for (file, diagnostic) in report.diagnostics() {
        let span = file.clamp(diagnostic.span);
        let (start, end) = (file.position(span.start), file.position(span.end));
        let command = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Hint => "notice",
        };
        out.push_str(&format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(&file.path),
            start.line,
            start.col,
            end.line,
            end.col,
            escape_property(diagnostic.rule.code()),
            escape_data(&diagnostic.message),
        ));
    }
    out
}

/// The runner splits commands on newlines and decodes `%XX`, so those must
/// be encoded in the message or it would be cut short or altered.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Properties are additionally split on `,` and `:`, which paths and
/// titles may contain.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_follows_the_workflow_command_rules() {
        assert_eq!(
            escape_data("50% done\r\nnext: a, b"),
            "50%25 done%0D%0Anext: a, b"
        );
        assert_eq!(escape_property("C:\\a,b%.toml"), "C%3A\\a%2Cb%25.toml");
    }
}
