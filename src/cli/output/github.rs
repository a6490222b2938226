//! GitHub Actions workflow commands: each line becomes an annotation on the
//! pull request's diff. GitHub has no "info" or "hint" level, so both map to
//! `notice`.

use crate::escape::{workflow_data as escape_data, workflow_property as escape_property};
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
