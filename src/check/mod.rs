//! The rules that need the whole resolved model. One module per family.

mod drafts;
mod funding;
mod logos;
mod periods;
mod plan;
mod printable;
mod signatories;

use crate::compile::Options;
use crate::diagnostic::Diagnostic;
use crate::model::Model;
use crate::project::Project;
use crate::source::Sources;

pub fn run(model: &Model, options: Options, diags: &mut Vec<Diagnostic>) {
    drafts::check(model, options, diags);
    signatories::check(model, diags);
    periods::check(model, diags);
    funding::check(model, diags);
    plan::check(model, diags);
}

/// The rules that read the project's files besides the sources: logos, and the fonts that must
/// print every character.
pub fn run_files(project: &Project, sources: &Sources, model: &Model, diags: &mut Vec<Diagnostic>) {
    logos::check(project, model, diags);
    printable::check(project, sources, diags);
}
