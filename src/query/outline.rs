//! The outline of a file: its convention, parties, axes with their objectifs, fiches and the
//! other top-level blocks, as written (read from the syntax tree, so that a file with a mistake
//! still has its outline).

use super::occurrences::Namespace;
use crate::keyword::fold;
use crate::source::{FileId, Span};
use crate::syntax::{self, ArgKind, Statement};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    /// The `convention` block.
    Convention,
    /// An element with an identifier.
    Element(Namespace),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    /// The identifier (the title for the convention block).
    pub name: String,
    /// The title, and what the block is (`signataire`, `commune`…).
    pub detail: String,
    pub kind: SymbolKind,
    /// The whole statement, its block included.
    pub span: Span,
    /// The identifier (or the keyword, for the convention block).
    pub selection: Span,
    pub children: Vec<Symbol>,
}

/// The outline of TEXT, the text of FILE.
pub fn outline(text: &str, file: FileId) -> Vec<Symbol> {
    let (tree, _) = syntax::parse(text, file);
    tree.statements.iter().filter_map(top).collect()
}

fn top(stmt: &Statement) -> Option<Symbol> {
    let keyword = fold(&stmt.keyword);
    let namespace = match keyword.as_str() {
        "convention" => None,
        "signataire" | "commune" | "partenaire" => Some(Namespace::Party),
        "axe" => Some(Namespace::Axe),
        "fiche" => Some(Namespace::Fiche),
        "equipement" => Some(Namespace::Equipement),
        "instance" => Some(Namespace::Instance),
        "convention-liee" => Some(Namespace::ConventionLiee),
        "article" => Some(Namespace::Article),
        "annexe" => Some(Namespace::Annexe),
        _ => return None,
    };
    let Some(namespace) = namespace else {
        let title = title(stmt).unwrap_or_default();
        return Some(Symbol {
            name: if title.is_empty() {
                stmt.keyword.clone()
            } else {
                title
            },
            detail: stmt.keyword.clone(),
            kind: SymbolKind::Convention,
            span: stmt.span,
            selection: stmt.keyword_span,
            children: Vec::new(),
        });
    };
    let mut symbol = named(stmt, namespace)?;
    if namespace == Namespace::Axe {
        symbol.children = stmt
            .block
            .iter()
            .flat_map(|b| &b.statements)
            .filter(|s| fold(&s.keyword) == "objectif")
            .filter_map(|s| named(s, Namespace::Objectif))
            .collect();
    }
    Some(symbol)
}

/// A block `KEYWORD ID "Titre"`: its identifier, and its title with the keyword as detail.
fn named(stmt: &Statement, namespace: Namespace) -> Option<Symbol> {
    let id = stmt.args.first()?;
    let (ArgKind::Word(name) | ArgKind::Number(name)) = &id.kind else {
        return None;
    };
    let detail = match title(stmt) {
        Some(t) => format!("{} — {t}", stmt.keyword),
        None => stmt.keyword.clone(),
    };
    Some(Symbol {
        name: name.clone(),
        detail,
        kind: SymbolKind::Element(namespace),
        span: stmt.span,
        selection: id.span,
        children: Vec::new(),
    })
}

/// The first string among the arguments.
fn title(stmt: &Statement) -> Option<String> {
    stmt.args.iter().find_map(|a| match &a.kind {
        ArgKind::Str(s) => Some(s.clone()),
        _ => None,
    })
}
