//! One function per request: LSP params in, engine feature called with
//! byte offsets, LSP result out. No feature logic lives here.

use std::collections::HashMap;

use tower_lsp_server::ls_types::*;

use super::capabilities::ClientFlags;
use super::convert::{self, Encoding};
use super::document::Snapshot;
use super::to_proto;
use crate::format;
use crate::ide::actions::{self, ActionKind};
use crate::ide::completion::{self, CompletionKind as Kind};
use crate::ide::highlight;
use crate::ide::hints;
use crate::ide::hover;
use crate::ide::links::{self, LinkTarget};
use crate::ide::navigation::{self, Symbol};
use crate::ide::selection;

pub fn diagnostics(snapshot: &Snapshot, encoding: Encoding) -> Vec<Diagnostic> {
    snapshot
        .diagnostics()
        .iter()
        .map(|d| to_proto::diagnostic(&snapshot.uri, &snapshot.rope, encoding, d))
        .collect()
}

pub fn code_actions(
    snapshot: &Snapshot,
    flags: ClientFlags,
    params: &CodeActionParams,
) -> Option<CodeActionResponse> {
    let span = convert::request_span(&snapshot.rope, params.range, flags.encoding).ok()?;
    let analysis = snapshot.analysis();
    let wanted = |kind: &CodeActionKind| {
        params.context.only.as_ref().is_none_or(|only| {
            only.iter()
                .any(|prefix| kind.as_str().starts_with(prefix.as_str()))
        })
    };
    let mut response: Vec<CodeActionOrCommand> =
        actions::code_actions(&analysis, &snapshot.text, span)
            .into_iter()
            .filter_map(|assist| {
                let kind = match assist.kind {
                    ActionKind::QuickFix => CodeActionKind::QUICKFIX,
                    ActionKind::Refactor => CodeActionKind::REFACTOR,
                };
                if !wanted(&kind) {
                    return None;
                }
                let edits = assist
                    .edits
                    .iter()
                    .map(|edit| to_proto::text_edit(&snapshot.rope, flags.encoding, edit))
                    .collect();
                let diagnostics = assist.diagnostic.and_then(|index| {
                    let diagnostic = analysis.diagnostics.get(index)?;
                    Some(vec![to_proto::diagnostic(
                        &snapshot.uri,
                        &snapshot.rope,
                        flags.encoding,
                        diagnostic,
                    )])
                });
                // Asked about particular diagnostics (the one under the mouse,
                // or a client's "fix this"): only their fixes, then refactors.
                let asked = &params.context.diagnostics;
                let about_another = diagnostics.as_ref().is_some_and(|ours| {
                    !asked.is_empty()
                        && !asked
                            .iter()
                            .any(|d| ours.iter().any(|o| o.code == d.code && o.range == d.range))
                });
                if about_another {
                    return None;
                }
                Some(CodeActionOrCommand::CodeAction(CodeAction {
                    title: assist.title,
                    kind: Some(kind),
                    diagnostics,
                    edit: Some(WorkspaceEdit {
                        changes: Some(HashMap::from([(snapshot.uri.clone(), edits)])),
                        ..WorkspaceEdit::default()
                    }),
                    is_preferred: assist.preferred.then_some(true),
                    ..CodeAction::default()
                }))
            })
            .collect();
    // Fix all reads the file again for each fix it weighs: offered when
    // asked for by kind (a save's `source.fixAll`, the source action menu)
    // or by hand (`triggerKind` Invoked), not on every move of the cursor
    // nor for a client that does not say which.
    let asked_for_source = params.context.only.as_ref().is_some_and(|only| {
        only.iter().any(|kind| {
            CodeActionKind::SOURCE_FIX_ALL
                .as_str()
                .starts_with(kind.as_str())
        })
    });
    let by_hand = params.context.only.is_none()
        && params.context.trigger_kind == Some(CodeActionTriggerKind::INVOKED);
    if asked_for_source || by_hand {
        response.extend(fix_all(snapshot, flags, &analysis));
    }
    Some(response)
}

fn fix_all(
    snapshot: &Snapshot,
    flags: ClientFlags,
    analysis: &crate::Analysis,
) -> Option<CodeActionOrCommand> {
    let found = crate::ide::fix_all::fix_all(analysis, &snapshot.text);
    if found.edits.is_empty() {
        return None;
    }
    let edits = found
        .edits
        .iter()
        .map(|edit| to_proto::text_edit(&snapshot.rope, flags.encoding, edit))
        .collect();
    let problems = if found.fixed == 1 {
        "problem"
    } else {
        "problems"
    };
    Some(CodeActionOrCommand::CodeAction(CodeAction {
        title: format!("Fix all: {} {problems} with a safe fix", found.fixed),
        kind: Some(CodeActionKind::SOURCE_FIX_ALL),
        edit: Some(WorkspaceEdit {
            changes: Some(HashMap::from([(snapshot.uri.clone(), edits)])),
            ..WorkspaceEdit::default()
        }),
        ..CodeAction::default()
    }))
}

/// The byte offset of a request's position, or `None` (answered with
/// nothing) when it lies outside the document.
fn offset_of(snapshot: &Snapshot, position: Position, encoding: Encoding) -> Option<usize> {
    match convert::offset(&snapshot.rope, position, encoding) {
        Ok(offset) => Some(offset),
        Err(error) => {
            tracing::warn!(uri = snapshot.uri.as_str(), %error, "position outside the document");
            None
        }
    }
}

fn range_of(snapshot: &Snapshot, span: crate::span::Span, encoding: Encoding) -> Range {
    convert::range(&snapshot.rope, span, encoding)
}

pub fn hover(snapshot: &Snapshot, flags: ClientFlags, position: Position) -> Option<Hover> {
    let offset = offset_of(snapshot, position, flags.encoding)?;
    let found = hover::hover(&snapshot.analysis(), &snapshot.text, offset)?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: found.markdown,
        }),
        range: Some(range_of(snapshot, found.span, flags.encoding)),
    })
}

pub fn completion(
    snapshot: &Snapshot,
    flags: ClientFlags,
    position: Position,
) -> Option<CompletionResponse> {
    let offset = offset_of(snapshot, position, flags.encoding)?;
    let found = completion::completions(&snapshot.analysis(), &snapshot.text, offset);
    // Dates depend on the phrase typed so far ("next fr…"): ask again as
    // it grows.
    let is_incomplete = found.iter().any(|item| item.kind == Kind::Date);
    let items = found
        .into_iter()
        .map(|item| to_proto::completion_item(&snapshot.rope, flags.encoding, flags.snippets, item))
        .collect();
    Some(CompletionResponse::List(CompletionList {
        is_incomplete,
        items,
    }))
}

pub fn document_symbols(snapshot: &Snapshot, flags: ClientFlags) -> Option<DocumentSymbolResponse> {
    let symbols = navigation::document_symbols(&snapshot.analysis());
    Some(DocumentSymbolResponse::Nested(
        symbols
            .into_iter()
            .map(|symbol| to_proto::document_symbol(&snapshot.rope, flags.encoding, symbol))
            .collect(),
    ))
}

/// The symbols of one open roadmap matching `query` (case-insensitive
/// substring), flattened, for `workspace/symbol`.
#[allow(deprecated)] // `deprecated` is a required field of the type.
pub fn workspace_symbols(
    snapshot: &Snapshot,
    encoding: Encoding,
    query: &str,
) -> Vec<SymbolInformation> {
    let query = query.to_lowercase();
    let mut out = Vec::new();
    let mut stack: Vec<(Symbol, Option<String>)> =
        navigation::document_symbols(&snapshot.analysis())
            .into_iter()
            .rev()
            .map(|symbol| (symbol, None))
            .collect();
    while let Some((symbol, container)) = stack.pop() {
        if symbol.name.to_lowercase().contains(&query) {
            out.push(SymbolInformation {
                name: symbol.name.clone(),
                kind: to_proto::symbol_kind(symbol.kind),
                tags: None,
                deprecated: None,
                location: Location::new(
                    snapshot.uri.clone(),
                    range_of(snapshot, symbol.selection, encoding),
                ),
                container_name: container,
            });
        }
        let name = symbol.name;
        stack.extend(
            symbol
                .children
                .into_iter()
                .rev()
                .map(|child| (child, Some(name.clone()))),
        );
    }
    out
}

pub fn definition(
    snapshot: &Snapshot,
    flags: ClientFlags,
    position: Position,
) -> Option<GotoDefinitionResponse> {
    let offset = offset_of(snapshot, position, flags.encoding)?;
    let span = navigation::definition(&snapshot.analysis(), offset)?;
    Some(GotoDefinitionResponse::Scalar(Location::new(
        snapshot.uri.clone(),
        range_of(snapshot, span, flags.encoding),
    )))
}

pub fn references(
    snapshot: &Snapshot,
    flags: ClientFlags,
    params: &ReferenceParams,
) -> Option<Vec<Location>> {
    let position = params.text_document_position.position;
    let offset = offset_of(snapshot, position, flags.encoding)?;
    let spans = navigation::references(
        &snapshot.analysis(),
        offset,
        params.context.include_declaration,
    );
    Some(
        spans
            .into_iter()
            .map(|span| {
                Location::new(
                    snapshot.uri.clone(),
                    range_of(snapshot, span, flags.encoding),
                )
            })
            .collect(),
    )
}

/// `Err` carries the reason a rename is not possible, shown to the user.
pub fn prepare_rename(
    snapshot: &Snapshot,
    flags: ClientFlags,
    position: Position,
) -> Result<Option<PrepareRenameResponse>, String> {
    let Some(offset) = offset_of(snapshot, position, flags.encoding) else {
        return Ok(None);
    };
    let span = navigation::prepare_rename(&snapshot.analysis(), offset)?;
    Ok(Some(PrepareRenameResponse::Range(range_of(
        snapshot,
        span,
        flags.encoding,
    ))))
}

pub fn rename(
    snapshot: &Snapshot,
    flags: ClientFlags,
    params: &RenameParams,
) -> Result<Option<WorkspaceEdit>, String> {
    let position = params.text_document_position.position;
    let Some(offset) = offset_of(snapshot, position, flags.encoding) else {
        return Ok(None);
    };
    let edits = navigation::rename(
        &snapshot.analysis(),
        &snapshot.text,
        offset,
        &params.new_name,
    )?;
    let edits = edits
        .iter()
        .map(|edit| to_proto::text_edit(&snapshot.rope, flags.encoding, edit))
        .collect();
    Ok(Some(WorkspaceEdit {
        changes: Some(HashMap::from([(snapshot.uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }))
}

pub fn folding_ranges(snapshot: &Snapshot, flags: ClientFlags) -> Option<Vec<FoldingRange>> {
    let spans = navigation::folding_ranges(&snapshot.analysis(), &snapshot.text);
    Some(
        spans
            .into_iter()
            .filter_map(|span| {
                let range = range_of(snapshot, span, flags.encoding);
                (range.end.line > range.start.line).then(|| FoldingRange {
                    start_line: range.start.line,
                    end_line: range.end.line,
                    kind: Some(FoldingRangeKind::Region),
                    ..FoldingRange::default()
                })
            })
            .collect(),
    )
}

pub fn inlay_hints(
    snapshot: &Snapshot,
    flags: ClientFlags,
    range: Range,
) -> Option<Vec<InlayHint>> {
    // A visible range reaching past the end (clients round it up) means
    // up to the end.
    let start = offset_of(snapshot, range.start, flags.encoding)?;
    let end =
        convert::offset(&snapshot.rope, range.end, flags.encoding).unwrap_or(snapshot.text.len());
    let span = crate::span::Span::new(start, end.max(start));
    let found = hints::inlay_hints(&snapshot.analysis(), span);
    Some(
        found
            .into_iter()
            .map(|hint| to_proto::inlay_hint(&snapshot.rope, flags.encoding, hint))
            .collect(),
    )
}

pub fn code_lenses(snapshot: &Snapshot, flags: ClientFlags) -> Option<Vec<CodeLens>> {
    let found = hints::code_lenses(&snapshot.analysis());
    Some(
        found
            .into_iter()
            .map(|lens| to_proto::code_lens(&snapshot.rope, flags.encoding, lens))
            .collect(),
    )
}

pub fn semantic_tokens(
    snapshot: &Snapshot,
    flags: ClientFlags,
    range: Option<Range>,
) -> Option<SemanticTokens> {
    let wanted = match range {
        Some(range) => Some(convert::request_span(&snapshot.rope, range, flags.encoding).ok()?),
        None => None,
    };
    let highlights: Vec<_> = highlight::highlights(&snapshot.analysis())
        .into_iter()
        .filter(|h| {
            wanted.is_none_or(|w| {
                h.span.start() < w.end().max(w.start() + 1) && w.start() < h.span.end()
            })
        })
        .collect();
    Some(SemanticTokens {
        result_id: None,
        data: to_proto::semantic_tokens(&snapshot.rope, flags.encoding, &highlights),
    })
}

pub fn document_links(snapshot: &Snapshot, flags: ClientFlags) -> Option<Vec<DocumentLink>> {
    let analysis = snapshot.analysis();
    let found = links::document_links(&analysis, &snapshot.text)
        .into_iter()
        .filter_map(|link| {
            let (target, tooltip) = match &link.target {
                LinkTarget::Url(url) => (url.parse().ok()?, None),
                LinkTarget::RuleDocs(rule) => (
                    rule.docs_url().parse().ok()?,
                    Some(format!("The rule `{rule}`: what it checks and why")),
                ),
                LinkTarget::Definition(span) => {
                    let at = convert::position(&snapshot.rope, span.start(), flags.encoding);
                    let base = snapshot.uri.as_str().split('#').next().unwrap_or_default();
                    let target = format!("{base}#L{},{}", at.line + 1, at.character + 1);
                    let name = snapshot.text.get(span.range()).unwrap_or_default();
                    (
                        target.parse().ok()?,
                        Some(format!("Where {name} is defined")),
                    )
                }
            };
            Some(DocumentLink {
                range: range_of(snapshot, link.span, flags.encoding),
                target: Some(target),
                tooltip,
                data: None,
            })
        })
        .collect();
    Some(found)
}

pub fn selection_ranges(
    snapshot: &Snapshot,
    flags: ClientFlags,
    positions: &[Position],
) -> Option<Vec<SelectionRange>> {
    let analysis = snapshot.analysis();
    let ranges = positions
        .iter()
        .map(|&position| {
            let spans = offset_of(snapshot, position, flags.encoding)
                .map(|offset| selection::selection_ranges(&analysis, &snapshot.text, offset))
                .unwrap_or_default();
            // Outermost first, each the parent of the next.
            let mut chain: Option<SelectionRange> = None;
            for span in spans.iter().rev() {
                chain = Some(SelectionRange {
                    range: range_of(snapshot, *span, flags.encoding),
                    parent: chain.map(Box::new),
                });
            }
            chain.unwrap_or(SelectionRange {
                range: Range::new(position, position),
                parent: None,
            })
        })
        .collect();
    Some(ranges)
}

/// Format Document: whole-line edits that lay the file out canonically.
pub fn formatting(
    snapshot: &Snapshot,
    flags: ClientFlags,
    options: &FormattingOptions,
) -> Option<Vec<TextEdit>> {
    let options = format_options(snapshot, options);
    let edits = format::edits(&snapshot.text, &options);
    Some(text_edits(snapshot, flags, &edits))
}

/// Format Selection: the same, for the tables the range touches.
pub fn range_formatting(
    snapshot: &Snapshot,
    flags: ClientFlags,
    range: Range,
    options: &FormattingOptions,
) -> Option<Vec<TextEdit>> {
    let start = offset_of(snapshot, range.start, flags.encoding)?;
    // A selection reaching past the end (clients round it up) means up to
    // the end.
    let end =
        convert::offset(&snapshot.rope, range.end, flags.encoding).unwrap_or(snapshot.text.len());
    let span = crate::span::Span::new(start, end.max(start));
    let options = format_options(snapshot, options);
    let edits = format::range_edits(&snapshot.text, span, &options);
    Some(text_edits(snapshot, flags, &edits))
}

/// The editor's formatting options, with key reordering as the file's
/// settings (`[format] reorder-keys`) say.
fn format_options(snapshot: &Snapshot, options: &FormattingOptions) -> format::FormatOptions {
    let indent = if options.insert_spaces {
        format::Indent::Spaces(u8::try_from(options.tab_size.clamp(1, 8)).unwrap_or(2))
    } else {
        format::Indent::Tab
    };
    format::FormatOptions {
        reorder_keys: snapshot.analysis().config.reorder_keys,
        indent,
        trim_trailing_whitespace: options.trim_trailing_whitespace.unwrap_or(false),
        insert_final_newline: options.insert_final_newline.unwrap_or(false),
        trim_final_newlines: options.trim_final_newlines.unwrap_or(false),
    }
}

fn text_edits(
    snapshot: &Snapshot,
    flags: ClientFlags,
    edits: &[crate::ide::TextEdit],
) -> Vec<TextEdit> {
    edits
        .iter()
        .map(|edit| to_proto::text_edit(&snapshot.rope, flags.encoding, edit))
        .collect()
}
