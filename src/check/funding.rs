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
