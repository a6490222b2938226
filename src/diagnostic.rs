//! What a check reports: a rule, a span, a message that says what is wrong
//! and what would fix it, and where else to look.

use crate::rules::{Rule, Severity};
use crate::span::Span;
use std::sync::Arc;

/// Another place in the same file that explains the diagnostic (the first
/// definition of a duplicate id, a member of a cycle).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub message: Arc<str>,
}

/// A replacement the user probably meant (nearest status, key or id). The
/// editor turns it into a quick fix; the CLI prints it as help.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub span: Span,
    pub replacement: String,
    /// The replacement says what was written, only in the form the format
    /// wants (a date or number unquoted, a string made a list, a status's
    /// standard word for a variant of it): fix all may apply it unasked.
    /// Otherwise it is a guess at what was meant (the nearest key, id or
    /// word), for the user to accept.
    pub rewrite: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: Rule,
    pub severity: Severity,
    pub span: Span,
    /// Shared: the host keeps a diagnostic in more than one list (each
    /// block's, each group's, the analysis's), and a copy costs a count.
    pub message: Arc<str>,
    pub related: Vec<Related>,
    pub suggestion: Option<Suggestion>,
}

impl Diagnostic {
    /// A diagnostic at the rule's default severity.
    pub fn new(rule: Rule, span: Span, message: impl Into<Arc<str>>) -> Self {
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

    /// Adds `more` to the end of the message.
    pub fn append(&mut self, more: &str) {
        self.message = format!("{}{more}", self.message).into();
    }

    pub fn with_related(mut self, span: Span, message: impl Into<Arc<str>>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }

    /// A guess at what was meant: see [`Suggestion::rewrite`].
    pub fn with_suggestion(mut self, span: Span, replacement: impl Into<String>) -> Self {
        self.suggestion = Some(Suggestion {
            span,
            replacement: replacement.into(),
            rewrite: false,
        });
        self
    }

    /// What was written, in the form the format wants: see
    /// [`Suggestion::rewrite`].
    pub fn with_rewrite(mut self, span: Span, replacement: impl Into<String>) -> Self {
        self.suggestion = Some(Suggestion {
            span,
            replacement: replacement.into(),
            rewrite: true,
        });
        self
    }
}
