//! The rules that need the whole resolved model. One module per family.

mod drafts;
mod funding;
mod periods;
mod plan;
mod signatories;

use crate::compile::Options;
use crate::diagnostic::Diagnostic;
use crate::model::Model;

pub fn run(model: &Model, options: Options, diags: &mut Vec<Diagnostic>) {
    drafts::check(model, options, diags);
    signatories::check(model, diags);
    periods::check(model, diags);
    funding::check(model, diags);
    plan::check(model, diags);
}
