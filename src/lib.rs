//! ctgc: a compiler for French Conventions Territoriales Globales (CTG).
//!
//! Pipeline: `source` → `syntax` (pest) → `lower` → `resolve` → `check`; then `export`, and the
//! renderers. The README is the language reference.

// pest_derive without its "std" feature names `alloc` (see Cargo.toml).
extern crate alloc;

pub mod articles;
pub mod build;
pub mod check;
pub mod cli;
pub mod compile;
pub mod date;
pub mod diagnostic;
pub mod diff;
pub mod export;
pub mod format;
pub mod glyphs;
pub mod keyword;
pub mod limits;
pub mod lower;
pub mod model;
pub mod money;
pub mod output;
pub mod project;
pub mod render;
pub mod resolve;
pub mod rules;
pub mod source;
pub mod suggestion;
pub mod syntax;
pub mod synthetic;
pub mod templates;
pub mod totals;
pub mod typeset;
pub mod typography;

/// An I/O error in French, for the user.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "fichier ou dossier introuvable".into(),
        PermissionDenied => "permission refusée".into(),
        IsADirectory => "c'est un dossier, pas un fichier".into(),
        NotADirectory => "un élément du chemin n'est pas un dossier".into(),
        AlreadyExists => "le fichier existe déjà".into(),
        StorageFull => "disque plein".into(),
        ReadOnlyFilesystem => "système de fichiers en lecture seule".into(),
        InvalidData => "contenu invalide".into(),
        _ => format!("erreur d'entrée-sortie ({e})"),
    }
}
