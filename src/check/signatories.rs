//! Who signs: a Caf, a collectivité, each with representatives; enough originals.

use crate::diagnostic::Diagnostic;
use crate::model::{Model, Nature};
use crate::rules;

pub(crate) fn check(model: &Model, partial: bool, diags: &mut Vec<Diagnostic>) {
    let Some(conv) = &model.convention else {
        return;
    };
    let signing: Vec<_> = model.signataires().collect();
    if !partial && !signing.iter().any(|p| p.nature() == Some(Nature::Caf)) {
        diags.push(
            Diagnostic::new(
                &rules::SIGNATAIRE_CAF_ABSENTE,
                "aucune Caf ne signe cette convention",
            )
            .label(conv.titre.span, "convention sans Caf signataire"),
        );
    }
    if !partial
        && !signing
            .iter()
            .any(|p| p.nature().is_some_and(Nature::is_collectivite))
    {
        diags.push(
            Diagnostic::new(
                &rules::SIGNATAIRE_COLLECTIVITE_ABSENTE,
                "aucune collectivité ne signe cette convention",
            )
            .label(conv.titre.span, "convention sans collectivité signataire"),
        );
    }
    for p in &signing {
        if p.representants.is_empty() {
            diags.push(
                Diagnostic::new(
                    &rules::SIGNATAIRE_SANS_REPRESENTANT,
                    format!("« {} » signe mais n'a aucun représentant", p.nom.value),
                )
                .label(p.id.span, "signataire sans représentant"),
            );
        } else if p.nature() == Some(Nature::Caf) && p.representants.len() == 1 {
            diags.push(
                Diagnostic::new(
                    &rules::SIGNATAIRE_CAF_UN_REPRESENTANT,
                    format!("« {} » n'a qu'un représentant", p.nom.value),
                )
                .label(p.representants[0].span, "seul représentant"),
            );
        }
    }
    if let Some((n, span)) = conv.exemplaires
        && (n as usize) < signing.len()
    {
        diags.push(
            Diagnostic::new(
                &rules::EXEMPLAIRES,
                format!(
                    "{n} exemplaire(s) original(aux) pour {} signataires",
                    signing.len()
                ),
            )
            .label(span, "trop peu d'exemplaires"),
        );
    }
}
