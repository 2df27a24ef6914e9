//! Drafting state: the convention block itself, and `à compléter` left in the text.

use super::Options;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Model;
use crate::rules;

pub(crate) fn check(model: &Model, options: Options, partial: bool, diags: &mut Vec<Diagnostic>) {
    if model.convention.is_none() && !partial {
        diags.push(Diagnostic::new(
            &rules::CONVENTION_MANQUANTE,
            "le projet ne contient aucun bloc « convention »",
        ));
    }
    for (span, what) in &model.placeholders {
        let mut d = Diagnostic::new(
            &rules::BROUILLON_A_COMPLETER,
            format!("« {what} » est encore à compléter"),
        )
        .label(*span, "à compléter");
        if options.final_check {
            d.severity = Severity::Error;
            d = d.help(
                "--final refuse toute valeur « à compléter » : complétez-la avant la signature",
            );
        }
        diags.push(d);
    }
}
