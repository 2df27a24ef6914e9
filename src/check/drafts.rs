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

#[cfg(test)]
mod tests {
    use crate::compile::{Options, analyse_file};

    /// How many times TEXT is told it has no `convention` block.
    fn missing(text: &str) -> usize {
        let comp = analyse_file("t.ctg", text.as_bytes(), Options::default()).expect("in memory");
        comp.diagnostics
            .iter()
            .filter(|d| d.rule.code == crate::rules::CONVENTION_MANQUANTE.code)
            .count()
    }

    #[test]
    fn a_convention_block_is_required_unless_the_text_was_not_read() {
        assert_eq!(missing("axe a \"A\"\n"), 1);
        assert_eq!(
            missing("convention \"C\" {\n  période 2023 .. 2026\n}\n"),
            0
        );
        // An unclosed block: the convention may be in what could not be read.
        assert_eq!(missing("axe a \"A\" {\n"), 0);
    }
}
