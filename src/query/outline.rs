//! The outline of a file: its convention, parties, axes with their objectifs, fiches and the
//! other top-level blocks, as written (read from the syntax tree, so that a file with a mistake
//! still has its outline).

use crate::keyword::fold;
use crate::source::{FileId, Span};
use crate::syntax::{self, ArgKind, Statement};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    Convention,
    Party,
    Axe,
    Objectif,
    Fiche,
    Equipement,
    Instance,
    ConventionLiee,
    Article,
    Annexe,
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
    let kind = match keyword.as_str() {
        "convention" => SymbolKind::Convention,
        "signataire" | "commune" | "partenaire" => SymbolKind::Party,
        "axe" => SymbolKind::Axe,
        "fiche" => SymbolKind::Fiche,
        "equipement" => SymbolKind::Equipement,
        "instance" => SymbolKind::Instance,
        "convention-liee" => SymbolKind::ConventionLiee,
        "article" => SymbolKind::Article,
        "annexe" => SymbolKind::Annexe,
        _ => return None,
    };
    if kind == SymbolKind::Convention {
        let title = title(stmt).unwrap_or_default();
        return Some(Symbol {
            name: if title.is_empty() {
                stmt.keyword.clone()
            } else {
                title
            },
            detail: stmt.keyword.clone(),
            kind,
            span: stmt.span,
            selection: stmt.keyword_span,
            children: Vec::new(),
        });
    }
    let mut symbol = named(stmt, kind)?;
    if kind == SymbolKind::Axe {
        symbol.children = stmt
            .block
            .iter()
            .flat_map(|b| &b.statements)
            .filter(|s| fold(&s.keyword) == "objectif")
            .filter_map(|s| named(s, SymbolKind::Objectif))
            .collect();
    }
    Some(symbol)
}

/// A block `KEYWORD ID "Titre"`: its identifier, and its title with the keyword as detail.
fn named(stmt: &Statement, kind: SymbolKind) -> Option<Symbol> {
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
        kind,
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
