//! The bilans' references: fiches, the indicators they name by libellé, financeurs, the axes and
//! instances of their syntheses.

use super::Names;
use crate::diagnostic::Diagnostic;
use crate::model::{Axe, Fiche, Instance, Model, Party, SynthesisSubject};
use crate::rules;
use crate::suggestion::closest;

/// The namespaces the bilans refer to.
pub(super) struct Scope<'a> {
    pub fiches: &'a Names<Fiche>,
    pub parties: &'a Names<Party>,
    pub axes: &'a Names<Axe>,
    pub instances: &'a Names<Instance>,
}

pub(super) fn resolve(model: &mut Model, scope: &Scope<'_>, diags: &mut Vec<Diagnostic>) {
    let fiches = &model.fiches;
    for bilan in &mut model.bilans {
        for syn in &mut bilan.syntheses {
            match &mut syn.sujet {
                SynthesisSubject::Axe(r) => {
                    scope.axes.link(r, &rules::REF_AXE, ("axe", false), diags)
                }
                SynthesisSubject::Instance(r) => {
                    scope
                        .instances
                        .link(r, &rules::REF_INSTANCE, ("instance", true), diags)
                }
            }
        }
        for year in &mut bilan.fiches {
            scope
                .fiches
                .link(&mut year.fiche, &rules::REF_FICHE, ("fiche", true), diags);
            for paid in &mut year.realise {
                scope.parties.link(
                    &mut paid.financeur,
                    &rules::REF_FINANCEUR,
                    ("financeur", false),
                    diags,
                );
            }
            let Some(fi) = year.fiche.target else {
                continue;
            };
            let fiche = &fiches[fi];
            for v in &mut year.valeurs {
                v.target = fiche
                    .indicateurs
                    .iter()
                    .position(|i| i.libelle.value == v.indicateur.value);
                if v.target.is_none() {
                    let libelles = fiche.indicateurs.iter().map(|i| i.libelle.value.as_str());
                    let mut d = Diagnostic::new(
                        &rules::REF_INDICATEUR,
                        format!(
                            "la fiche « {} » n'a pas d'indicateur « {} »",
                            fiche.id.name, v.indicateur.value
                        ),
                    )
                    .label(v.indicateur.span, "aucun indicateur de ce libellé");
                    d = match closest(&v.indicateur.value, libelles) {
                        Some(s) => d.suggest(Some(s)),
                        None if fiche.indicateurs.is_empty() => {
                            d.help("la fiche n'a aucun indicateur : ajoutez-en un dans la fiche")
                        }
                        None => d,
                    };
                    diags.push(d);
                }
            }
        }
    }
}
