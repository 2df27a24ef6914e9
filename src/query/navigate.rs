//! Going to where an identifier is declared, finding everywhere it is named, renaming it.

use std::fmt;

use super::occurrences::{self, Namespace, Occurrence, Role};
use crate::compile::Compilation;
use crate::source::{FileId, Span};
use crate::syntax::{self, ArgKind};

/// Where the element named at OFFSET of FILE is declared: none for an unknown name, several
/// when it is declared twice (a duplicate the checker reports).
pub fn definitions(comp: &Compilation, file: FileId, offset: usize) -> Vec<Span> {
    let Some(here) = occurrences::at(comp, file, offset) else {
        return Vec::new();
    };
    occurrences::occurrences(comp)
        .into_iter()
        .filter(|o| o.role == Role::Definition && o.same_target(&here))
        .map(|o| o.span)
        .collect()
}

/// Everywhere the element named at OFFSET of FILE is named, its declarations included when
/// DECLARATIONS is set; in file and source order.
pub fn references(
    comp: &Compilation,
    file: FileId,
    offset: usize,
    declarations: bool,
) -> Vec<Span> {
    let Some(here) = occurrences::at(comp, file, offset) else {
        return Vec::new();
    };
    let mut spans: Vec<Span> = occurrences::occurrences(comp)
        .into_iter()
        .filter(|o| o.same_target(&here) && (declarations || o.role == Role::Reference))
        .map(|o| o.span)
        .collect();
    spans.sort_by_key(|s| (s.file, s.start));
    spans
}

/// A replacement of the text of a span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub text: String,
}

/// Why an identifier cannot be renamed; its `Display` is French, for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenameError {
    /// The cursor is not on an identifier.
    NotAnIdentifier,
    /// The name is declared nowhere in the project (an article of the model, or a typo).
    Undeclared(String),
    /// The new name is not one identifier.
    Invalid(String),
    /// The new name is already taken in the same namespace.
    Taken { name: String, what: Namespace },
}

impl fmt::Display for RenameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RenameError::NotAnIdentifier => f.write_str(
                "placez le curseur sur un identifiant (d'axe, de fiche, de signataire…) pour le renommer",
            ),
            RenameError::Undeclared(name) => write!(
                f,
                "« {name} » n'est déclaré dans aucun fichier du projet : il ne peut pas être renommé ici"
            ),
            RenameError::Invalid(name) => write!(
                f,
                "« {name} » n'est pas un identifiant : lettres, chiffres, tirets, points ou soulignés, sans espace ni guillemet, et pas un nombre seul"
            ),
            RenameError::Taken { name, what } => write!(
                f,
                "« {name} » désigne déjà {} : choisissez un autre nom",
                what.french()
            ),
        }
    }
}

impl std::error::Error for RenameError {}

/// The identifier at OFFSET of FILE, if it can be renamed: its occurrence there.
pub fn renamable(
    comp: &Compilation,
    file: FileId,
    offset: usize,
) -> Result<Occurrence<'_>, RenameError> {
    let here = occurrences::at(comp, file, offset).ok_or(RenameError::NotAnIdentifier)?;
    let declared = occurrences::occurrences(comp)
        .iter()
        .any(|o| o.role == Role::Definition && o.same_target(&here));
    if !declared {
        return Err(RenameError::Undeclared(here.name.to_string()));
    }
    Ok(here)
}

/// The edits that rename the element at OFFSET of FILE to NEW_NAME everywhere in the project.
pub fn rename(
    comp: &Compilation,
    file: FileId,
    offset: usize,
    new_name: &str,
) -> Result<Vec<Edit>, RenameError> {
    let here = renamable(comp, file, offset)?;
    if !is_identifier(new_name) {
        return Err(RenameError::Invalid(new_name.to_string()));
    }
    if new_name == here.name {
        return Ok(Vec::new());
    }
    let all = occurrences::occurrences(comp);
    if all
        .iter()
        .any(|o| o.role == Role::Definition && o.namespace == here.namespace && o.name == new_name)
    {
        return Err(RenameError::Taken {
            name: new_name.to_string(),
            what: here.namespace,
        });
    }
    let mut edits: Vec<Edit> = all
        .iter()
        .filter(|o| o.same_target(&here))
        .map(|o| Edit {
            span: o.span,
            text: new_name.to_string(),
        })
        .collect();
    edits.sort_by_key(|e| (e.span.file, e.span.start));
    Ok(edits)
}

/// Whether NAME reads back as one identifier where an identifier is expected: the grammar's
/// word, not a number, a date, an amount or several words.
pub fn is_identifier(name: &str) -> bool {
    let (tree, diags) = syntax::parse(&format!("axe {name}\n"), FileId(0));
    diags.is_empty()
        && matches!(tree.statements.as_slice(), [s] if s.block.is_none()
            && matches!(s.args.as_slice(), [a] if a.kind == ArgKind::Word(name.to_string())))
}
