//! What a check reports: a rule, a span, a message that says what is wrong
//! and what would fix it, and where else to look.

use crate::rules::{Rule, Severity};
use crate::span::Span;

/// Another place in the same file that explains the diagnostic (the first
/// definition of a duplicate id, a member of a cycle).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// A replacement the user probably meant (nearest status, key or id). The
/// editor turns it into a quick fix; the CLI prints it as help.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub span: Span,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: Rule,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub related: Vec<Related>,
    pub suggestion: Option<Suggestion>,
}

impl Diagnostic {
    /// A diagnostic at the rule's default severity.
    pub fn new(rule: Rule, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity: rule.default_severity(),
            span,
            message: message.into(),
            related: Vec::new(),
            suggestion: None,
        }
    }

    /// Every syntax error of a parse: the tree's own, then the conflicts
    /// found while building its tables.
    pub fn from_syntax(
        tree: &crate::syntax::SyntaxTree,
        conflicts: &[crate::syntax::SyntaxError],
    ) -> Vec<Diagnostic> {
        tree.errors
            .iter()
            .chain(conflicts)
            .map(Diagnostic::from_syntax_error)
            .collect()
    }

    /// A `syntax-error`, pointing at the first definition for conflicts.
    pub fn from_syntax_error(error: &crate::syntax::SyntaxError) -> Self {
        let diagnostic = Diagnostic::new(Rule::SyntaxError, error.span, error.message.clone());
        match error.first_defined {
            Some(first) => diagnostic.with_related(first, "first defined here"),
            None => diagnostic,
        }
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_suggestion(mut self, span: Span, replacement: impl Into<String>) -> Self {
        self.suggestion = Some(Suggestion {
            span,
            replacement: replacement.into(),
        });
        self
    }
}
