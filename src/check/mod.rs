//! The rules that need the whole resolved model, and those that read the project's files besides
//! the sources (logos, fonts). One module per family.

mod articles;
mod bilan;
mod citations;
mod drafts;
mod funding;
mod logos;
mod periods;
mod plan;
mod printable;
mod signatories;
mod svg;

use crate::diagnostic::Diagnostic;
use crate::model::Model;
use crate::project::Project;
use crate::rules::Family;
use crate::source::Sources;
use crate::world::World;

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// `--final`: placeholders are errors.
    pub final_check: bool,
}

/// Every check, on a model already resolved. DIAGS holds what the earlier phases found.
pub(crate) fn run(
    world: &dyn World,
    project: &Project,
    sources: &Sources,
    model: &Model,
    options: Options,
    diags: &mut Vec<Diagnostic>,
) {
    // When part of the source could not be read, what looks missing may just be unread: the rules
    // about absences (no Caf, no period, an axe without fiche…) would only add noise.
    let partial = diags.iter().any(|d| {
        d.is_error()
            && matches!(
                d.rule.family,
                Family::Syntaxe
                    | Family::Lexique
                    | Family::Valeur
                    | Family::Inclure
                    | Family::Projet
                    | Family::Limite
            )
    });
    drafts::check(model, options, partial, diags);
    signatories::check(model, partial, diags);
    periods::check(model, partial, diags);
    funding::check(model, diags);
    plan::check(model, partial, diags);
    articles::check(model, diags);
    bilan::check(model, partial, diags);
    if !partial {
        citations::check(sources, model, diags);
    }
    // The files besides the sources: logos, and the fonts that must print every character.
    logos::check(world, project, model, diags);
    printable::check(world, project, sources, model, diags);
}

/// What the checks say about a one-file convention or a project, for the tests of each check.
#[cfg(test)]
pub(crate) mod probe {
    use std::path::Path;

    use crate::compile::{Compilation, Options, analyse, analyse_file};
    use crate::diagnostic::Diagnostic;
    use crate::rules::Rule;
    use crate::world::MemoryWorld;

    /// A project of FILES (paths relative to its folder, `convention.ctg` its main file unless a
    /// `ctgc.yaml` says otherwise), compiled as `ctgc check` does.
    pub(crate) fn project(files: &[(&str, &[u8])]) -> Compilation {
        let world = files.iter().fold(MemoryWorld::new(), |w, (path, data)| {
            w.with(format!("p/{path}"), data.to_vec())
        });
        analyse(&world, Path::new("p"), Options::default()).expect("in memory")
    }

    /// The text under D's primary label, in whichever file of COMP it points.
    pub(crate) fn under_label(comp: &Compilation, d: &Diagnostic) -> String {
        let s = d.primary().expect("a check's diagnostic points somewhere");
        comp.sources.get(s.file).text[s.start..s.end].to_string()
    }

    /// The diagnostics of TEXT whose rule KEEP selects: each rule's code, with the text under its
    /// primary label, in source order.
    pub(crate) fn findings(
        text: &str,
        keep: impl Fn(&Rule) -> bool,
    ) -> Vec<(&'static str, String)> {
        let comp = analyse_file("t.ctg", text.as_bytes(), Options::default()).expect("in memory");
        comp.diagnostics
            .iter()
            .filter(|d| keep(d.rule))
            .map(|d| {
                let s = d.primary().expect("a check's diagnostic points somewhere");
                (d.rule.code, text[s.start..s.end].to_string())
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    /// The axes said to have no fiche in a convention whose one fiche names an unknown axe,
    /// followed by EXTRA.
    fn idle_axes(extra: &str) -> Vec<(&'static str, String)> {
        let text = format!(
            "convention \"C\" {{\n  période 2023 .. 2026\n}}\naxe enfance \"Enfance\"\nfiche a \"A\" {{\n  axe inconnu\n}}\n{extra}"
        );
        super::probe::findings(&text, |r| r.code == crate::rules::AXE_SANS_FICHE.code)
    }

    #[test]
    fn only_an_error_in_reading_the_text_silences_the_absences() {
        // An unknown reference is an error, but the whole text was read.
        assert_eq!(
            idle_axes(""),
            [("ctg::axe::sans-fiche", "enfance".to_string())]
        );
        assert_eq!(idle_axes("axe jeunesse \"Jeunesse\" {\n"), []);
    }
}
