//! Editor features as plain functions over byte offsets, like
//! rust-analyzer's `ide` crate: they read an [`crate::Analysis`] and know nothing
//! of LSP. The protocol layer (`crate::lsp`) converts positions and types
//! around them, and nothing else.
//!
//! Every feature works on a file that does not parse: they start from the
//! tolerant syntax tree ([`locate`]) and use the model where it has what
//! they need.

pub mod actions;
pub mod completion;
pub mod fix_all;
pub mod highlight;
pub mod hints;
pub mod hover;
pub mod links;
pub mod locate;
pub mod navigation;
pub mod selection;
pub mod smart;
pub mod trend;

#[cfg(test)]
pub(crate) mod fixture;

use crate::span::Span;

/// Replace `span` with `text`. Edits of one change never overlap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub span: Span,
    pub text: String,
    /// The same text as an LSP snippet (`$1`, `${1:placeholder}`, `$0`),
    /// for clients that can place the cursor on what the user must type.
    pub snippet: Option<String>,
}

impl TextEdit {
    pub fn replace(span: Span, text: impl Into<String>) -> Self {
        TextEdit {
            span,
            text: text.into(),
            snippet: None,
        }
    }

    pub fn insert(offset: usize, text: impl Into<String>) -> Self {
        TextEdit::replace(Span::empty(offset), text)
    }

    pub fn with_snippet(mut self, snippet: impl Into<String>) -> Self {
        self.snippet = Some(snippet.into());
        self
    }
}

/// `text` with `edits` applied, in one pass. Edits never overlap; one
/// that would (or that does not fall on character boundaries) is skipped
/// rather than trusted.
pub(crate) fn apply_edits(text: &str, edits: &[TextEdit]) -> String {
    let mut edits: Vec<&TextEdit> = edits.iter().collect();
    edits.sort_by_key(|edit| (edit.span.start(), edit.span.end()));
    let mut out = String::with_capacity(text.len() + 256);
    let mut copied = 0;
    for edit in edits {
        let (start, end) = (
            edit.span.start().min(text.len()),
            edit.span.end().min(text.len()),
        );
        if start < copied || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push_str(&text[copied..start]);
        out.push_str(&edit.text);
        copied = end;
    }
    out.push_str(&text[copied..]);
    out
}
