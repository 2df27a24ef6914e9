//! Money: who funds, how much, and written once.

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::limits::MAX_RANGE_YEARS;
use crate::model::{Amount, Funding, Idx, Model, Party, PartyKind, TO_COMPLETE};
use crate::rules;
use crate::typography::grouped;

pub(crate) fn check(model: &Model, diags: &mut Vec<Diagnostic>) {
    for f in &model.fiches {
        rows(model, &f.financements, diags);
    }
    for e in &model.equipements {
        rows(model, &e.financements, diags);
    }
}

fn rows(model: &Model, list: &[Funding], diags: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(Idx<Party>, i32, Option<&str>), &Funding> = HashMap::new();
    for fin in list {
        if let Some(i) = fin.financeur.target {
            let party = &model.parties[i];
            if party.kind == PartyKind::Commune && !party.signe {
                diags.push(
                    Diagnostic::new(
                        &rules::FINANCEUR_NON_PARTIE,
                        format!(
                            "la commune « {} » finance mais ne signe pas la convention",
                            party.nom.value
                        ),
                    )
                    .label(fin.financeur.span, "financeur non signataire")
                    .label(
                        party.id.span,
                        "commune déclarée ici sans « signataire oui »",
                    ),
                );
            }
            for year in fin.annees.counted() {
                let key = (i, year, fin.dispositif.as_deref());
                if let Some(first) = seen.get(&key) {
                    diags.push(
                        Diagnostic::new(
                            &rules::FINANCEMENT_DOUBLON,
                            format!(
                                "« {} » finance deux fois l'année {year} au même titre",
                                fin.financeur.name
                            ),
                        )
                        .label(fin.span, "seconde ligne")
                        .label(first.span, "première ligne"),
                    );
                    break;
                }
                seen.insert(key, fin);
            }
        }
        let span = fin.annees.years().count();
        if span > MAX_RANGE_YEARS {
            diags.push(
                Diagnostic::new(
                    &rules::LIMITE_DEPASSEE,
                    format!(
                        "financement sur {} années : une ligne en couvre au plus {MAX_RANGE_YEARS}",
                        grouped(span as u64)
                    ),
                )
                .label(fin.annees_span, format!("{} années", grouped(span as u64)))
                .help("une ligne de financement couvre quelques années de la convention : vérifiez les bornes"),
            );
        }
        if let Amount::Known(m) = fin.montant
            && m.cents() <= 0
        {
            diags.push(
                Diagnostic::new(
                    &rules::MONTANT_NON_POSITIF,
                    format!("montant de {} : un financement est positif", m),
                )
                .label(fin.montant_span, "montant nul ou négatif"),
            );
        }
        if fin.annees.start != fin.annees.end
            && !fin.par_an
            && matches!(fin.montant, Amount::Known(_))
        {
            diags.push(
                Diagnostic::new(
                    &rules::PLAGE_SANS_PAR_AN,
                    format!(
                        "{} sur {} .. {} : par an, ou au total ?",
                        fin.montant_text(),
                        fin.annees.start,
                        fin.annees.end
                    ),
                )
                .label(fin.montant_span, "ajoutez « par an » après le montant"),
            );
        }
    }
}

impl Funding {
    fn montant_text(&self) -> String {
        match self.montant {
            Amount::Known(m) => m.source(),
            Amount::ToBeDetermined => "à déterminer".into(),
            Amount::ToComplete => TO_COMPLETE.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::Family;

    /// The funding diagnostics of a convention of 2023 to 2026 whose one fiche has the funding
    /// lines FICHE; the commune `bourg` does not sign, the commune `vic` does, the partenaire
    /// `csc` funds without signing.
    fn findings(fiche: &str) -> Vec<(&'static str, String)> {
        let text = format!(
            r#"convention "CTG de test" {{
  période 2023 .. 2026
  champs petite-enfance, jeunesse, parentalité, accès-aux-droits
}}
signataire caf "Caisse d'allocations familiales" {{
  nature caf
  représentant "Directrice" Mme "Anne Upravan"
  représentant "Président" M. "Jean-Pierre Blanc"
}}
signataire cc "Communauté de communes" {{
  nature epci
  représentant "Président" M. "Pierre Gonthier"
}}
commune bourg "Bourg"
commune vic "Vic-sur-Cère" {{
  signataire oui
}}
partenaire csc "Centre social"
axe pe "Petite enfance"
fiche creche "Crèche" {{
  axe pe
{fiche}
}}
"#
        );
        super::super::probe::findings(&text, |rule| {
            matches!(rule.family, Family::Financement | Family::Limite)
        })
    }

    fn found(code: &'static str, text: &str) -> (&'static str, String) {
        (code, text.to_string())
    }

    #[test]
    fn an_amount_is_positive() {
        assert_eq!(findings("  financement caf 2023 0,01 €"), []);
        assert_eq!(
            findings("  financement caf 2023 0 €\n  financement cc 2024 -5 €"),
            [
                found("ctg::financement::montant-non-positif", "0 €"),
                found("ctg::financement::montant-non-positif", "-5 €")
            ]
        );
    }

    #[test]
    fn a_range_of_years_says_per_year() {
        assert_eq!(
            findings("  financement caf 2023 .. 2024 1 000 €"),
            [found("ctg::financement::plage-sans-par-an", "1 000 €")]
        );
        // One year, a yearly amount, or an amount still unknown: nothing to ask.
        assert_eq!(
            findings(
                "  financement caf 2023 .. 2023 1 000 €\n  financement cc 2023 .. 2024 500 € par an\n  financement caf 2025 .. 2026 à déterminer"
            ),
            []
        );
    }

    #[test]
    fn a_funder_pays_a_year_once_per_dispositif() {
        assert_eq!(
            findings(
                "  financement caf 2023 .. 2024 1 000 € par an\n  financement caf 2024 .. 2025 500 € par an"
            ),
            [found(
                "ctg::financement::doublon",
                "financement caf 2024 .. 2025 500 € par an"
            )]
        );
        assert_eq!(
            findings(
                "  financement caf 2023 .. 2024 1 000 € par an\n  financement caf 2025 .. 2026 500 € par an\n  financement caf 2023 200 € dispositif \"Ps jeunes\"\n  financement cc 2023 300 €"
            ),
            []
        );
    }

    #[test]
    fn a_commune_that_funds_signs() {
        assert_eq!(
            findings("  financement bourg 2023 1 000 €"),
            [found("ctg::financement::financeur-non-partie", "bourg")]
        );
        // A commune that signs, and a partenaire, which funds without signing as partners do.
        assert_eq!(findings("  financement vic 2023 1 000 €"), []);
        assert_eq!(findings("  financement csc 2023 1 000 €"), []);
    }

    #[test]
    fn a_line_covers_at_most_a_hundred_years() {
        let limit = |years: &str| {
            findings(&format!("  financement caf {years} à déterminer"))
                .into_iter()
                .filter(|(code, _)| *code == "ctg::limite::depassee")
                .collect::<Vec<_>>()
        };
        assert_eq!(limit("2023 .. 2122"), []);
        assert_eq!(
            limit("2023 .. 2123"),
            [found("ctg::limite::depassee", "2023 .. 2123")]
        );
    }
}
