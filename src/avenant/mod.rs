//! Avenants applied: the convention consolidated by its avenants, from the model as signed.
//!
//! [`consolidate`] is a pure function of the signed model: it applies the avenants in the order
//! of their numbers, records in `Model::amendments` what each one added or modified, and resolves
//! the result again, so that numbering, document order, references and totals follow the
//! consolidated state. `check` runs every rule on each consolidated state.

mod apply;
mod check;

pub(crate) use check::check_states;

use crate::diagnostic::Diagnostic;
use crate::model::{Avenant, Model};

/// The convention as amended by its avenants numbered up to UPTO (all of them when `None`, none
/// for `Some(0)`).
pub fn consolidate(signed: &Model, upto: Option<u32>) -> Model {
    state(signed, upto, &mut Vec::new())
}

/// [`consolidate`], with what applying and resolving found.
pub(crate) fn state(signed: &Model, upto: Option<u32>, diags: &mut Vec<Diagnostic>) -> Model {
    let applied = in_order(signed, upto);
    let mut model = signed.clone();
    if applied.is_empty() {
        model.avenants.clear();
        return model;
    }
    for avenant in &applied {
        apply::apply(&mut model, avenant, diags);
    }
    model.avenants = applied.into_iter().cloned().collect();
    crate::resolve::resolve(&mut model, diags);
    model
}

/// The avenants numbered up to UPTO, by number (as written for equal numbers).
pub(crate) fn in_order(model: &Model, upto: Option<u32>) -> Vec<&Avenant> {
    let mut list: Vec<&Avenant> = model
        .avenants
        .iter()
        .filter(|a| upto.is_none_or(|n| a.numero <= n))
        .collect();
    list.sort_by_key(|a| a.numero);
    list
}
