//! The answers to the editor's requests, each on a snapshot of the document's project: the
//! query layer's answer in the protocol's shapes.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CompletionItem,
    CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    CompletionTriggerKind, DocumentSymbol, DocumentSymbolResponse, GotoDefinitionResponse, Hover,
    HoverContents, Location, MarkupContent, MarkupKind, Position, PrepareRenameResponse, TextEdit,
    Uri, WorkspaceEdit,
};

use super::workspace::Snapshot;
use crate::query::{self, CandidateKind, Namespace};
use crate::source::{FileId, Span};

/// A request that cannot be answered: its message is French, for the user.
pub(crate) struct Refusal(pub String);

pub(crate) fn completion(snap: &Snapshot, params: &CompletionParams) -> Option<CompletionResponse> {
    let at = snap.text().offset(params.text_document_position.position);
    let completion = query::complete(&snap.compilation.model, snap.source(), snap.file, at)?;
    // A space typed at the start of a line is indentation, not a request for keywords.
    let typed = params
        .context
        .as_ref()
        .is_some_and(|c| c.trigger_kind == CompletionTriggerKind::TRIGGER_CHARACTER);
    if typed && completion.keyword_position {
        return None;
    }
    let range = snap
        .text()
        .range(completion.replace.start, completion.replace.end);
    let items = completion
        .candidates
        .into_iter()
        .map(|c| CompletionItem {
            kind: Some(match c.kind {
                CandidateKind::Keyword => CompletionItemKind::KEYWORD,
                CandidateKind::Value => CompletionItemKind::ENUM_MEMBER,
                CandidateKind::Element(ns) => element_kind(ns),
            }),
            detail: c.detail,
            text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                range,
                c.label.clone(),
            ))),
            label: c.label,
            ..CompletionItem::default()
        })
        .collect();
    Some(CompletionResponse::Array(items))
}

fn element_kind(ns: Namespace) -> CompletionItemKind {
    match ns {
        Namespace::Party => CompletionItemKind::CLASS,
        Namespace::Axe => CompletionItemKind::MODULE,
        Namespace::Objectif => CompletionItemKind::PROPERTY,
        Namespace::Fiche => CompletionItemKind::FUNCTION,
        Namespace::Equipement => CompletionItemKind::STRUCT,
        Namespace::Instance => CompletionItemKind::INTERFACE,
        Namespace::ConventionLiee => CompletionItemKind::REFERENCE,
        Namespace::Article | Namespace::Annexe => CompletionItemKind::TEXT,
    }
}

pub(crate) fn hover(snap: &Snapshot, position: Position) -> Option<Hover> {
    let at = snap.text().offset(position);
    let hover = query::hover(snap.compilation, snap.file, at)?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: hover.markdown,
        }),
        range: Some(snap.text().range(hover.span.start, hover.span.end)),
    })
}

pub(crate) fn definition(snap: &Snapshot, position: Position) -> Option<GotoDefinitionResponse> {
    let at = snap.text().offset(position);
    let spans = query::definitions(snap.compilation, snap.file, at);
    let locations = snap.locations(spans);
    (!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations))
}

pub(crate) fn references(snap: &Snapshot, position: Position, declarations: bool) -> Vec<Location> {
    let at = snap.text().offset(position);
    snap.locations(query::references(
        snap.compilation,
        snap.file,
        at,
        declarations,
    ))
}

pub(crate) fn prepare_rename(
    snap: &Snapshot,
    position: Position,
) -> Result<PrepareRenameResponse, Refusal> {
    let at = snap.text().offset(position);
    let here =
        query::renamable(snap.compilation, snap.file, at).map_err(|e| Refusal(e.to_string()))?;
    Ok(PrepareRenameResponse::RangeWithPlaceholder {
        range: snap.text().range(here.span.start, here.span.end),
        placeholder: here.name.to_string(),
    })
}

pub(crate) fn rename(
    snap: &Snapshot,
    position: Position,
    new_name: &str,
) -> Result<WorkspaceEdit, Refusal> {
    let at = snap.text().offset(position);
    let edits = query::rename(snap.compilation, snap.file, at, new_name.trim())
        .map_err(|e| Refusal(e.to_string()))?;
    Ok(WorkspaceEdit::new(changes(
        snap,
        edits.into_iter().map(|e| (e.span, e.text)),
    )))
}

/// Edits grouped by the URI of their file.
// `Uri` holds a cell, but hashes and compares its text only, which never changes.
#[allow(clippy::mutable_key_type)]
fn changes(
    snap: &Snapshot,
    edits: impl IntoIterator<Item = (Span, String)>,
) -> HashMap<Uri, Vec<TextEdit>> {
    let mut out: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for (span, text) in edits {
        if let Some(location) = snap.location(span) {
            out.entry(location.uri)
                .or_default()
                .push(TextEdit::new(location.range, text));
        }
    }
    out
}

/// `ctgc fmt` on the document: one edit, from the first changed character to the last.
pub(crate) fn formatting(snap: &Snapshot) -> Result<Vec<TextEdit>, Refusal> {
    let text = &snap.document.text;
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let formatted = crate::format::format(body, FileId(0)).map_err(|e| {
        Refusal(match e {
            crate::format::Refusal::Syntax(_) => {
                "ce fichier a des erreurs de syntaxe : corrigez-les, puis mettez-le en forme"
                    .to_string()
            }
            crate::format::Refusal::Internal(why) => {
                format!("la mise en forme a échoué : {why} (ce fichier n'est pas modifié)")
            }
        })
    })?;
    Ok(minimal_edit(text, &formatted, &snap.text()))
}

/// The one edit that turns OLD into NEW: what lies between their common start and common end.
fn minimal_edit(old: &str, new: &str, positions: &super::convert::FileText) -> Vec<TextEdit> {
    if old == new {
        return Vec::new();
    }
    let mut start = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(start) {
        start -= 1;
    }
    let max_end = old.len().min(new.len()) - start;
    let mut end = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_end)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - end) || !new.is_char_boundary(new.len() - end) {
        end -= 1;
    }
    // Spans of FileText count after a byte order mark; OLD includes it.
    let shift = if old.starts_with('\u{feff}') { 3 } else { 0 };
    let range = positions.range(
        start.saturating_sub(shift),
        (old.len() - end).saturating_sub(shift),
    );
    vec![TextEdit::new(
        range,
        new[start..new.len() - end].to_string(),
    )]
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` has to be written, as `None`.
pub(crate) fn symbols(snap: &Snapshot) -> DocumentSymbolResponse {
    fn convert(s: query::Symbol, text: &super::convert::FileText) -> DocumentSymbol {
        let children: Vec<DocumentSymbol> =
            s.children.into_iter().map(|c| convert(c, text)).collect();
        DocumentSymbol {
            name: s.name,
            detail: Some(s.detail),
            kind: match s.kind {
                query::SymbolKind::Convention => lsp_types::SymbolKind::FILE,
                query::SymbolKind::Element(ns) => match ns {
                    Namespace::Party => lsp_types::SymbolKind::CLASS,
                    Namespace::Axe => lsp_types::SymbolKind::MODULE,
                    Namespace::Objectif => lsp_types::SymbolKind::PROPERTY,
                    Namespace::Fiche => lsp_types::SymbolKind::FUNCTION,
                    Namespace::Equipement => lsp_types::SymbolKind::STRUCT,
                    Namespace::Instance => lsp_types::SymbolKind::INTERFACE,
                    Namespace::ConventionLiee => lsp_types::SymbolKind::NAMESPACE,
                    Namespace::Article | Namespace::Annexe => lsp_types::SymbolKind::STRING,
                },
            },
            tags: None,
            deprecated: None,
            range: text.range(s.span.start, s.span.end),
            selection_range: text.range(s.selection.start, s.selection.end),
            children: (!children.is_empty()).then_some(children),
        }
    }
    let text = snap.text();
    DocumentSymbolResponse::Nested(
        query::outline(snap.source(), snap.file)
            .into_iter()
            .map(|s| convert(s, &text))
            .collect(),
    )
}

/// The fixes of the diagnostics of the document that touch the range asked about.
pub(crate) fn code_actions(snap: &Snapshot, params: &CodeActionParams) -> Vec<CodeActionOrCommand> {
    let text = snap.text();
    let start = text.offset(params.range.start);
    let end = text.offset(params.range.end);
    snap.compilation
        .diagnostics
        .iter()
        .filter(|d| {
            d.primary()
                .is_some_and(|s| s.file == snap.file && s.start <= end && start <= s.end)
        })
        .filter_map(|d| {
            let fix = query::fix(d)?;
            let location = snap.location(fix.span)?;
            let diagnostic = super::convert::diagnostic(d, location.range, |s| snap.location(s));
            let edit = WorkspaceEdit::new(HashMap::from([(
                location.uri,
                vec![TextEdit::new(location.range, fix.text)],
            )]));
            Some(CodeActionOrCommand::CodeAction(CodeAction {
                title: fix.title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic]),
                edit: Some(edit),
                is_preferred: Some(true),
                ..CodeAction::default()
            }))
        })
        .collect()
}
