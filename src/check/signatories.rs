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

#[cfg(test)]
mod tests {
    use crate::rules::Family;

    /// A convention signed by a Caf with REPRESENTANTS_CAF (one line each) and a communauté de
    /// communes, in EXEMPLAIRES originals.
    fn findings(exemplaires: u32, representants_caf: &[&str]) -> Vec<(&'static str, String)> {
        let caf: String = representants_caf
            .iter()
            .map(|r| format!("  représentant {r}\n"))
            .collect();
        let text = format!(
            r#"convention "CTG de test" {{
  période 2023 .. 2026
  exemplaires {exemplaires}
  champs petite-enfance, jeunesse, parentalité, accès-aux-droits
}}
signataire caf "Caisse d'allocations familiales" {{
  nature caf
{caf}}}
signataire cc "Communauté de communes" {{
  nature epci
  représentant "Président" M. "Pierre Gonthier"
}}
"#
        );
        super::super::probe::findings(&text, |rule| rule.family == Family::Signataire)
    }

    const DIRECTRICE: &str = r#""Directrice" Mme "Anne Upravan""#;
    const PRESIDENT: &str = r#""Président du conseil d'administration" M. "Jean-Pierre Blanc""#;

    #[test]
    fn one_original_per_signatory_is_enough() {
        assert_eq!(findings(2, &[DIRECTRICE, PRESIDENT]), []);
        assert_eq!(findings(3, &[DIRECTRICE, PRESIDENT]), []);
        assert_eq!(
            findings(1, &[DIRECTRICE, PRESIDENT]),
            [("ctg::signataire::exemplaires", "1".to_string())]
        );
    }

    #[test]
    fn a_caf_signs_with_two_representatives() {
        assert_eq!(
            findings(2, &[DIRECTRICE]),
            [(
                "ctg::signataire::caf-un-representant",
                format!("représentant {DIRECTRICE}")
            )]
        );
        assert_eq!(
            findings(2, &[]),
            [("ctg::signataire::sans-representant", "caf".to_string())]
        );
    }
}
