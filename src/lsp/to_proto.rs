//! Engine types → LSP types. Positions go through [`super::convert`].

use std::str::FromStr;

use ropey::Rope;
use tower_lsp_server::ls_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag,
    Location, NumberOrString, Uri,
};

use super::convert::{self, Encoding};
use crate::diagnostic::Diagnostic;
use crate::ide::TextEdit;
use crate::ide::completion::{Completion, CompletionKind};
use crate::ide::highlight::{Highlight, Modifier, Tag};
use crate::ide::hints::{Hint, HintKind, Lens};
use crate::ide::navigation::{Symbol, SymbolKind as Sym};
use crate::rules::{Rule, Severity};

/// Names the server in every diagnostic, so users can tell whose it is.
pub const SOURCE: &str = "roadmap-lsp";

pub fn diagnostic(
    uri: &Uri,
    rope: &Rope,
    encoding: Encoding,
    diagnostic: &Diagnostic,
) -> lsp::Diagnostic {
    let related = diagnostic
        .related
        .iter()
        .map(|related| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), convert::range(rope, related.span, encoding)),
            message: related.message.to_string(),
        })
        .collect::<Vec<_>>();
    lsp::Diagnostic {
        range: convert::range(rope, diagnostic.span, encoding),
        related_information: (!related.is_empty()).then_some(related),
        ..diagnostic_without_places(diagnostic)
    }
}

/// Everything of a diagnostic but its places (range and related
/// information), which [`diagnostic`] or the publish's writer adds.
pub fn diagnostic_without_places(diagnostic: &Diagnostic) -> lsp::Diagnostic {
    let tags = match diagnostic.rule {
        // Greyed out by editors, like an unused import.
        Rule::UnusedAllow => Some(vec![DiagnosticTag::UNNECESSARY]),
        _ => None,
    };
    lsp::Diagnostic {
        range: lsp::Range::default(),
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.rule.code().to_string())),
        code_description: docs_link(diagnostic.rule),
        source: Some(SOURCE.to_string()),
        message: diagnostic.message.to_string(),
        related_information: None,
        tags,
        data: None,
    }
}

/// The rule's page as a parsed URI, parsed once per rule rather than once
/// per diagnostic on every publish.
fn docs_link(rule: Rule) -> Option<CodeDescription> {
    static LINKS: std::sync::OnceLock<Vec<Option<Uri>>> = std::sync::OnceLock::new();
    let links = LINKS.get_or_init(|| {
        Rule::ALL
            .iter()
            .map(|rule| Uri::from_str(&rule.docs_url()).ok())
            .collect()
    });
    let index = Rule::ALL.iter().position(|&r| r == rule)?;
    let href = links.get(index)?.clone()?;
    Some(CodeDescription { href })
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// A plain edit (LSP 3.17 has no snippets in workspace edits).
pub fn text_edit(rope: &Rope, encoding: Encoding, edit: &TextEdit) -> lsp::TextEdit {
    lsp::TextEdit::new(convert::range(rope, edit.span, encoding), edit.text.clone())
}

/// The semantic token types, in legend order, by [`Tag`].
pub const TOKEN_TYPES: [lsp::SemanticTokenType; 4] = [
    lsp::SemanticTokenType::ENUM_MEMBER,
    lsp::SemanticTokenType::NUMBER,
    lsp::SemanticTokenType::VARIABLE,
    lsp::SemanticTokenType::DECORATOR,
];

fn token_type(tag: Tag) -> u32 {
    match tag {
        Tag::Status => 0,
        Tag::Date => 1,
        Tag::Id => 2,
        Tag::RuleCode => 3,
    }
}

/// The modifiers, in legend order: `definition` and `deprecated` are
/// LSP's own (a dropped status is shown struck through where themes do
/// that); the rest name what the roadmap means.
pub fn token_modifiers() -> Vec<lsp::SemanticTokenModifier> {
    let mut names = vec![
        lsp::SemanticTokenModifier::DEFINITION,
        lsp::SemanticTokenModifier::DEPRECATED,
    ];
    names.extend(
        Modifier::ALL
            .iter()
            .filter(|m| **m != Modifier::Definition)
            .map(|m| lsp::SemanticTokenModifier::new(modifier_name(*m))),
    );
    names
}

fn modifier_name(modifier: Modifier) -> &'static str {
    match modifier {
        Modifier::Definition => "definition",
        Modifier::Unknown => "unknown",
        Modifier::Todo => "todo",
        Modifier::InProgress => "inProgress",
        Modifier::Blocked => "blocked",
        Modifier::Done => "done",
        Modifier::Dropped => "dropped",
        Modifier::Overdue => "overdue",
        Modifier::DueSoon => "dueSoon",
        Modifier::Goal => "goal",
        Modifier::Skill => "skill",
    }
}

fn modifier_bits(modifiers: &[Modifier]) -> u32 {
    let legend = token_modifiers();
    let bit = |name: &str| {
        legend
            .iter()
            .position(|m| m.as_str() == name)
            .map_or(0, |i| 1u32 << i)
    };
    let mut bits = 0;
    for &modifier in modifiers {
        bits |= bit(modifier_name(modifier));
        if modifier == Modifier::Dropped {
            bits |= bit("deprecated");
        }
    }
    bits
}

/// Highlights as LSP's relative token encoding. A highlight that spans
/// lines (a multi-line string) is left out: not every client takes one.
pub fn semantic_tokens(
    rope: &Rope,
    encoding: Encoding,
    highlights: &[Highlight],
) -> Vec<lsp::SemanticToken> {
    let mut tokens = Vec::with_capacity(highlights.len());
    let (mut line, mut start) = (0, 0);
    for highlight in highlights {
        let range = convert::range(rope, highlight.span, encoding);
        if range.start.line != range.end.line || range.end.character <= range.start.character {
            continue;
        }
        let delta_line = range.start.line - line;
        let delta_start = if delta_line == 0 {
            range.start.character - start
        } else {
            range.start.character
        };
        tokens.push(lsp::SemanticToken {
            delta_line,
            delta_start,
            length: range.end.character - range.start.character,
            token_type: token_type(highlight.tag),
            token_modifiers_bitset: modifier_bits(&highlight.modifiers),
        });
        line = range.start.line;
        start = range.start.character;
    }
    tokens
}

/// A completion, as a plain edit or (when the client takes them) a snippet.
pub fn completion_item(
    rope: &Rope,
    encoding: Encoding,
    snippets: bool,
    item: Completion,
) -> lsp::CompletionItem {
    let snippet = snippets && item.edit.snippet.is_some();
    let new_text = match (&item.edit.snippet, snippet) {
        (Some(snippet), true) => snippet.clone(),
        _ => item.edit.text.clone(),
    };
    lsp::CompletionItem {
        label: item.label,
        kind: Some(match item.kind {
            CompletionKind::Status | CompletionKind::EnumValue | CompletionKind::Boolean => {
                lsp::CompletionItemKind::ENUM_MEMBER
            }
            CompletionKind::Key => lsp::CompletionItemKind::PROPERTY,
            CompletionKind::Reference => lsp::CompletionItemKind::REFERENCE,
            CompletionKind::Date => lsp::CompletionItemKind::VALUE,
            CompletionKind::Header => lsp::CompletionItemKind::MODULE,
        }),
        detail: item.detail,
        documentation: item.documentation.map(|value| {
            lsp::Documentation::MarkupContent(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value,
            })
        }),
        sort_text: item.sort_text,
        filter_text: item.filter_text,
        insert_text_format: Some(if snippet {
            lsp::InsertTextFormat::SNIPPET
        } else {
            lsp::InsertTextFormat::PLAIN_TEXT
        }),
        text_edit: Some(lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
            convert::range(rope, item.edit.span, encoding),
            new_text,
        ))),
        ..lsp::CompletionItem::default()
    }
}

#[allow(deprecated)] // `deprecated` is a required field of the type.
pub fn document_symbol(rope: &Rope, encoding: Encoding, symbol: Symbol) -> lsp::DocumentSymbol {
    lsp::DocumentSymbol {
        name: symbol.name,
        detail: symbol.detail,
        kind: symbol_kind(symbol.kind),
        tags: None,
        deprecated: None,
        range: convert::range(rope, symbol.span, encoding),
        selection_range: convert::range(rope, symbol.selection, encoding),
        children: (!symbol.children.is_empty()).then(|| {
            symbol
                .children
                .into_iter()
                .map(|child| document_symbol(rope, encoding, child))
                .collect()
        }),
    }
}

pub fn symbol_kind(kind: Sym) -> lsp::SymbolKind {
    match kind {
        Sym::Roadmap => lsp::SymbolKind::FILE,
        Sym::Goal => lsp::SymbolKind::CLASS,
        Sym::Action => lsp::SymbolKind::METHOD,
        Sym::Metric => lsp::SymbolKind::PROPERTY,
        Sym::Skill => lsp::SymbolKind::INTERFACE,
        Sym::Review => lsp::SymbolKind::EVENT,
        Sym::Person => lsp::SymbolKind::OBJECT,
        Sym::Win => lsp::SymbolKind::CONSTANT,
        Sym::Lint => lsp::SymbolKind::NAMESPACE,
    }
}

pub fn inlay_hint(rope: &Rope, encoding: Encoding, hint: Hint) -> lsp::InlayHint {
    lsp::InlayHint {
        position: convert::position(rope, hint.offset, encoding),
        label: lsp::InlayHintLabel::String(hint.label),
        kind: match hint.kind {
            HintKind::DaysLeft | HintKind::Progress => None,
        },
        text_edits: None,
        tooltip: hint.tooltip.map(lsp::InlayHintTooltip::String),
        padding_left: Some(true),
        padding_right: None,
        data: None,
    }
}

pub fn code_lens(rope: &Rope, encoding: Encoding, lens: Lens) -> lsp::CodeLens {
    lsp::CodeLens {
        range: convert::range(rope, lens.span, encoding),
        // A lens with no command shows its title and does nothing when
        // clicked.
        command: Some(lsp::Command {
            title: lens.title,
            command: String::new(),
            arguments: None,
        }),
        data: None,
    }
}
