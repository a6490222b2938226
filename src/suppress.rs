//! `# roadmap: allow(code, …)` comments.
//!
//! On a line of its own, a comment covers the next statement; when that
//! statement is a table header, it covers the whole table with its
//! sub-tables (`[[goals]]` with its `[goals.metric]` and actions). At the
//! end of a line, it covers the statement on that line. An allowed code
//! that silences nothing is reported as `unused-allow`.

use crate::diagnostic::Diagnostic;
use crate::line_index;
use crate::model::schema::nearest;
use crate::model::spans::MapSpans;
use crate::rules::Rule;
use crate::span::Span;
use crate::syntax::SyntaxTree;

/// One code inside an allow comment.
#[derive(Clone, Debug)]
struct AllowedCode {
    rule: Option<Rule>,
    text: String,
    span: Span,
    used: bool,
}

/// An allow comment and the text it covers.
#[derive(Clone, Debug)]
pub struct Allow {
    codes: Vec<AllowedCode>,
    region: Span,
    /// On a line of its own with no statement after it in the text it was
    /// read from: when that text is one block of a larger file (the
    /// incremental path), it covers the block that follows.
    pub(crate) dangling: bool,
}

impl Allow {
    pub(crate) fn set_region(&mut self, region: Span) {
        self.region = region;
    }
}

impl MapSpans for Allow {
    fn map_spans(&mut self, to: &mut impl FnMut(Span) -> Span) {
        self.region.map_spans(to);
        for code in &mut self.codes {
            code.span.map_spans(to);
        }
    }
}

/// The allow comments of a parsed text, with what each covers.
pub fn collect(text: &str, tree: &SyntaxTree) -> Vec<Allow> {
    tree.comments
        .iter()
        .filter_map(|comment| {
            let codes = parse_codes(&comment.text, comment.span.start())?;
            let (region, dangling) = region(text, tree, comment.span);
            Some(Allow {
                codes,
                region,
                dangling,
            })
        })
        .collect()
}

/// Every code written in an allow comment, with its span: what editors
/// highlight and link to the rule's page.
pub fn written_codes(tree: &SyntaxTree) -> Vec<(Span, Option<Rule>)> {
    tree.comments
        .iter()
        .filter_map(|comment| parse_codes(&comment.text, comment.span.start()))
        .flatten()
        .map(|code| (code.span, code.rule))
        .collect()
}

/// Drops the diagnostics an allow comment covers, and appends
/// `unused-allow` for codes that covered nothing. `enabled` says whether a
/// rule is on at all: allowing a rule that is off is not "unused".
pub fn apply(
    mut allows: Vec<Allow>,
    diagnostics: &mut Vec<Diagnostic>,
    enabled: impl Fn(Rule) -> bool,
) {
    if allows.is_empty() {
        return;
    }
    diagnostics.retain(|diagnostic| {
        let mut silenced = false;
        for allow in allows
            .iter_mut()
            .filter(|a| covers(a.region, diagnostic.span))
        {
            for code in allow
                .codes
                .iter_mut()
                .filter(|c| c.rule == Some(diagnostic.rule))
            {
                code.used = true;
                silenced = true;
            }
        }
        !silenced
    });
    for code in allows.iter().flat_map(|a| &a.codes).filter(|c| !c.used) {
        let message = match code.rule {
            Some(rule) if !enabled(rule) => continue,
            Some(rule) => format!(
                "`allow({rule})` silences nothing here: remove it (the problem it was for is gone)"
            ),
            None => {
                let mut message = format!("`{}` is not a rule code", code.text);
                if let Some(near) = nearest(&code.text, Rule::ALL.iter().map(|r| r.code())) {
                    message.push_str(&format!("; did you mean `{near}`?"));
                } else {
                    message.push_str("; see the rule list in docs/rules.md");
                }
                message
            }
        };
        let mut diagnostic = Diagnostic::new(Rule::UnusedAllow, code.span, message);
        if code.rule.is_none()
            && let Some(near) = nearest(&code.text, Rule::ALL.iter().map(|r| r.code()))
        {
            diagnostic = diagnostic.with_suggestion(code.span, near);
        }
        diagnostics.push(diagnostic);
    }
}

fn covers(region: Span, span: Span) -> bool {
    region.start() <= span.start() && span.start() < region.end().max(region.start() + 1)
}

/// The codes of `# roadmap: allow(a, b)`, with their spans; `None` for any
/// other comment.
fn parse_codes(comment: &str, offset: usize) -> Option<Vec<AllowedCode>> {
    let body = comment.strip_prefix('#')?;
    let rest = body.trim_start().strip_prefix("roadmap:")?.trim_start();
    let inner = rest.strip_prefix("allow(")?;
    let close = inner.find(')')?;
    let inner_start = offset + (comment.len() - inner.len());
    let mut codes = Vec::new();
    let mut at = 0;
    for part in inner[..close].split(',') {
        let trimmed = part.trim();
        let lead = part.len() - part.trim_start().len();
        if !trimmed.is_empty() {
            let start = inner_start + at + lead;
            codes.push(AllowedCode {
                rule: Rule::from_code(trimmed),
                text: trimmed.to_string(),
                span: Span::new(start, start + trimmed.len()),
                used: false,
            });
        }
        at += part.len() + 1;
    }
    Some(codes)
}

/// What a comment at `comment` covers, and whether it is on a line of
/// its own with no statement after it.
fn region(text: &str, tree: &SyntaxTree, comment: Span) -> (Span, bool) {
    let line_start = line_index::line_start(text, comment.start());
    let alone = text[line_start..comment.start()].trim().is_empty();
    if !alone {
        // The statement on this line, all of its lines.
        let region = statement_at(text, tree, line_start)
            .unwrap_or(Span::new(line_start, line_end(text, comment.end())));
        return (region, false);
    }
    // The next line that is neither blank nor a comment.
    let mut at = line_end(text, comment.end());
    while at < text.len() {
        let end = line_end(text, at);
        let line = text[at..end].trim();
        if !line.is_empty() && !line.starts_with('#') {
            break;
        }
        at = end;
    }
    let dangling = at >= text.len();
    let next_line_end = line_end(text, at);
    let header_on_line = tree
        .sections
        .get(tree.section_index_at(next_line_end.saturating_sub(1)))
        .and_then(|section| section.header.as_ref())
        .filter(|header| header.span.start() >= at && header.span.start() < next_line_end);
    if let Some(extent) = header_on_line.and_then(|header| tree.table_extent(header.span.start())) {
        return (Span::new(at, extent.end()), dangling);
    }
    let region = statement_at(text, tree, at).unwrap_or(Span::new(at, line_end(text, at)));
    (region, dangling)
}

fn line_end(text: &str, from: usize) -> usize {
    line_index::next_line_start(text, from)
}

/// The entry whose lines include the line starting at `line_start`,
/// from the start of its first line. Only the section holding that line
/// is searched.
fn statement_at(text: &str, tree: &SyntaxTree, line_start: usize) -> Option<Span> {
    tree.entries(tree.sections.get(tree.section_index_at(line_start))?)
        .iter()
        .map(|entry| {
            let first_line = line_index::line_start(text, entry.span.start());
            Span::new(first_line, entry.span.end())
        })
        .find(|lines| lines.start() <= line_start && line_start <= lines.end())
}
