//! The rules that need the whole resolved model. One module per family.

mod drafts;
mod funding;
mod logos;
mod periods;
mod plan;
mod printable;
mod signatories;

use crate::diagnostic::Diagnostic;
use crate::model::Model;
use crate::project::Project;
use crate::source::Sources;

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// `--final`: placeholders are errors.
    pub final_check: bool,
}

pub fn run(model: &Model, options: Options, diags: &mut Vec<Diagnostic>) {
    // When part of the source could not be read, what looks missing may just be unread: the rules
    // about absences (no Caf, no period, an axe without fiche…) would only add noise.
    let partial = diags.iter().any(|d| {
        d.is_error()
            && [
                "syntaxe", "lexique", "valeur", "inclure", "projet", "limite",
            ]
            .iter()
            .any(|family| d.rule.code.starts_with(&format!("ctg::{family}::")))
    });
    drafts::check(model, options, partial, diags);
    signatories::check(model, partial, diags);
    periods::check(model, partial, diags);
    funding::check(model, diags);
    plan::check(model, partial, diags);
}

/// The rules that read the project's files besides the sources: logos, and the fonts that must
/// print every character.
pub fn run_files(project: &Project, sources: &Sources, model: &Model, diags: &mut Vec<Diagnostic>) {
    logos::check(project, model, diags);
    printable::check(project, sources, diags);
}
