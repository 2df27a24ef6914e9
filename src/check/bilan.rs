//! The bilans: years inside the period, nothing given twice, values missing up to the latest
//! bilan, statuts going back, réalisé over prévu. The reference year is the latest bilan
//! written, never the clock (docs/bilan.md).

use std::collections::BTreeMap;

use crate::bilan::{Bilans, Money};
use crate::diagnostic::Diagnostic;
use crate::model::{Idx, Model, Statut};
use crate::rules;
use crate::totals::Totals;
use crate::typography::count;

pub(super) fn check(model: &Model, partial: bool, diags: &mut Vec<Diagnostic>) {
    if model.bilans.is_empty() {
        return;
    }
    years(model, diags);
    doubles(model, diags);
    let bilans = Bilans::index(model);
    if !partial {
        missing_values(model, &bilans, diags);
    }
    statuts(model, &bilans, diags);
    overrun(model, &bilans, diags);
}

fn years(model: &Model, diags: &mut Vec<Diagnostic>) {
    let Some(period) = model.period() else { return };
    let years = period.years();
    for b in model.bilans.iter().filter(|b| !years.contains(b.annee)) {
        diags.push(
            Diagnostic::new(
                &rules::BILAN_HORS_PERIODE,
                format!(
                    "bilan {} hors de la période de la convention ({} à {})",
                    b.annee, years.start, years.end
                ),
            )
            .label(b.annee_span, "année hors période"),
        );
    }
}

/// A fiche twice in a year, two COPIL dates, a value given twice for a year.
fn doubles(model: &Model, diags: &mut Vec<Diagnostic>) {
    let mut fiches: BTreeMap<(i32, &str), crate::source::Span> = BTreeMap::new();
    let mut copils: BTreeMap<i32, crate::source::Span> = BTreeMap::new();
    for b in &model.bilans {
        if let Some((_, span)) = &b.copil
            && let Some(first) = copils.insert(b.annee, *span)
        {
            diags.push(
                Diagnostic::new(
                    &rules::BILAN_DOUBLE,
                    format!("date du COPIL du bilan {} donnée deux fois", b.annee),
                )
                .label(*span, "seconde date")
                .label(first, "première date ici"),
            );
            copils.insert(b.annee, first);
        }
        for f in &b.fiches {
            if let Some(&first) = fiches.get(&(b.annee, f.fiche.name.as_str())) {
                diags.push(
                    Diagnostic::new(
                        &rules::BILAN_DOUBLE,
                        format!(
                            "la fiche « {} » figure deux fois dans le bilan {}",
                            f.fiche.name, b.annee
                        ),
                    )
                    .label(f.fiche.span, "seconde fois")
                    .label(first, "première fois ici")
                    .help("réunissez les deux blocs en un seul"),
                );
            } else {
                fiches.insert((b.annee, f.fiche.name.as_str()), f.fiche.span);
            }
        }
    }
    let bilans = Bilans::index(model);
    for (fi, fiche) in Idx::enumerate(&model.fiches) {
        for index in 0..fiche.indicateurs.len() {
            let series = bilans.series(fi, index);
            for pair in series.windows(2) {
                if pair[0].annee == pair[1].annee {
                    let (first, second) = (&pair[0], &pair[1]);
                    diags.push(
                        Diagnostic::new(
                            &rules::BILAN_DOUBLE,
                            format!(
                                "valeur {} de l'indicateur « {} » donnée deux fois",
                                first.annee, fiche.indicateurs[index].libelle.value
                            ),
                        )
                        .label(second.span, "seconde valeur")
                        .label(first.span, "première valeur ici")
                        .help("la valeur d'une année s'écrit dans le bilan de l'année ; retirez l'autre"),
                    );
                }
            }
        }
    }
}

/// Statuts in which a fiche has nothing to measure that year.
fn idle(statut: Option<Statut>) -> bool {
    matches!(
        statut,
        Some(Statut::AEngager | Statut::Reporte | Statut::Abandonne)
    )
}

fn missing_values(model: &Model, bilans: &Bilans, diags: &mut Vec<Diagnostic>) {
    let (Some(latest), Some(period)) = (bilans.latest(), model.period()) else {
        return;
    };
    for (fi, fiche) in Idx::enumerate(&model.fiches) {
        let calendar = fiche.calendrier.map(|(c, _)| c);
        for (index, ind) in fiche.indicateurs.iter().enumerate() {
            let series = bilans.series(fi, index);
            let first = period
                .start
                .year
                .max(ind.depart.as_ref().map_or(i32::MIN, |d| d.annee + 1))
                .max(calendar.map_or(i32::MIN, |c| c.start));
            let last = latest
                .min(period.end.year)
                .min(calendar.map_or(i32::MAX, |c| c.end));
            let missing: Vec<String> = (first..=last)
                .filter(|y| !idle(bilans.statut(fi, *y)))
                .filter(|y| !series.iter().any(|p| p.annee == *y))
                .map(|y| y.to_string())
                .collect();
            if missing.is_empty() {
                continue;
            }
            diags.push(
                Diagnostic::new(
                    &rules::BILAN_VALEUR_MANQUANTE,
                    format!(
                        "l'indicateur « {} » de la fiche « {} » n'a pas de valeur pour {}",
                        ind.libelle.value,
                        fiche.id.name,
                        missing.join(", ")
                    ),
                )
                .label(
                    ind.libelle.span,
                    count(missing.len(), "année sans valeur", "années sans valeur"),
                )
                .help(format!(
                    "donnez la valeur dans le bilan de l'année : valeur \"{}\" …",
                    ind.libelle.value
                )),
            );
        }
    }
}

fn rank(s: Statut) -> Option<u8> {
    match s {
        Statut::AEngager => Some(0),
        Statut::EnCours => Some(1),
        Statut::Realise => Some(2),
        Statut::Reporte | Statut::Abandonne => None,
    }
}

fn statuts(model: &Model, bilans: &Bilans, diags: &mut Vec<Diagnostic>) {
    for (fi, fiche) in Idx::enumerate(&model.fiches) {
        let mut before: Option<(i32, Statut)> = None;
        for (year, entry) in bilans.of(fi) {
            let Some(s) = &entry.statut else { continue };
            let Some(r) = rank(s.value) else { continue };
            if let Some((y0, s0)) = before
                && rank(s0).is_some_and(|r0| r0 > r)
            {
                diags.push(
                    Diagnostic::new(
                        &rules::BILAN_STATUT_RECUL,
                        format!(
                            "la fiche « {} » passe de « {} » en {y0} à « {} » en {year}",
                            fiche.id.name,
                            s0.label().to_lowercase(),
                            s.value.label().to_lowercase()
                        ),
                    )
                    .label(s.span, "statut en recul"),
                );
            }
            before = Some((*year, s.value));
        }
    }
}

fn overrun(model: &Model, bilans: &Bilans, diags: &mut Vec<Diagnostic>) {
    let totals: Totals = crate::totals::compute(model);
    let money = Money::compute(model, &totals, &bilans.years);
    let threshold = i128::from(model.config.overrun_threshold());
    for b in &model.bilans {
        for entry in &b.fiches {
            let Some(fi) = entry.fiche.target else {
                continue;
            };
            for paid in &entry.realise {
                let Some(p) = paid.financeur.target else {
                    continue;
                };
                // Reported once, at the first réalisé line of the pair.
                if entry
                    .realise
                    .iter()
                    .find(|q| q.financeur.target == Some(p))
                    .is_some_and(|q| !std::ptr::eq(q, paid))
                {
                    continue;
                }
                let (realise, prevu) = money
                    .lines
                    .get(&(fi, p, b.annee))
                    .copied()
                    .unwrap_or_default();
                let over = i128::from(realise) * 100 > i128::from(prevu) * (100 + threshold);
                if !over {
                    continue;
                }
                let who = &model.parties[p].id.name;
                let message = if prevu == 0 {
                    format!(
                        "réalisé de « {who} » pour la fiche « {} » en {} sans financement prévu",
                        entry.fiche.name, b.annee
                    )
                } else {
                    format!(
                        "réalisé de « {who} » pour la fiche « {} » en {} : {} pour {} prévus, plus de {threshold} % au-dessus",
                        entry.fiche.name,
                        b.annee,
                        crate::money::Money(realise).french(),
                        crate::money::Money(prevu).french(),
                    )
                };
                diags.push(
                    Diagnostic::new(&rules::BILAN_REALISE_DEPASSE, message)
                        .label(paid.span, "réalisé au-delà du prévu"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::compile::{Options, analyse_file};
    use crate::rules::Family;

    /// The bilan diagnostics (code, message) of a convention of 2023 to 2026 whose fiche `f` has
    /// an indicator that starts in 2024, 1 000 € a year from the Caf, and the bilans BILANS.
    fn findings(bilans: &str) -> Vec<(&'static str, String)> {
        let text = format!(
            r#"convention "CTG de test" {{
  période 2023 .. 2026
  champs petite-enfance, jeunesse, parentalité, accès-aux-droits
}}
signataire caf "Caisse d'allocations familiales" {{
  nature caf
  représentant "Directrice" Mme "Anne Upravan"
}}
axe pe "Petite enfance"
fiche f "Fiche" {{
  axe pe
  indicateur "Places" {{
    départ 40 en 2024
    cible 80 en 2026
  }}
  financement caf 2023 .. 2026 1 000 € par an
}}
{bilans}
"#
        );
        let comp = analyse_file("t.ctg", text.as_bytes(), Options::default()).expect("in memory");
        comp.diagnostics
            .iter()
            .filter(|d| d.rule.family == Family::Bilan)
            .map(|d| (d.rule.code, d.message.clone()))
            .collect()
    }

    fn year(annee: i32, fiche: &str) -> String {
        format!("bilan {annee} {{\n  fiche f {{\n{fiche}\n  }}\n}}\n")
    }

    #[test]
    fn values_are_due_from_the_year_after_the_baseline_while_the_fiche_runs() {
        let due = findings(&(year(2024, "statut en-cours") + &year(2025, "statut en-cours")));
        assert_eq!(
            due,
            [(
                "ctg::bilan::valeur-manquante",
                "l'indicateur « Places » de la fiche « f » n'a pas de valeur pour 2025".to_string()
            )]
        );
        // A fiche postponed that year has nothing to measure.
        let idle = findings(&(year(2024, "statut en-cours") + &year(2025, "statut reporté")));
        assert_eq!(idle, []);
        let given = findings(
            &(year(2024, "statut en-cours")
                + &year(2025, "statut en-cours\n    valeur \"Places\" 50")),
        );
        assert_eq!(given, []);
    }

    #[test]
    fn only_a_statut_that_goes_back_is_reported() {
        let same = findings(&(year(2023, "statut en-cours") + &year(2024, "statut en-cours")));
        assert!(
            same.iter().all(|(c, _)| *c != "ctg::bilan::statut-recul"),
            "{same:?}"
        );
        let back = findings(&(year(2023, "statut réalisé") + &year(2024, "statut en-cours")));
        assert!(
            back.iter().any(|(c, _)| *c == "ctg::bilan::statut-recul"),
            "{back:?}"
        );
    }

    #[test]
    fn realise_is_over_only_past_the_threshold() {
        let over = |amount: &str| {
            findings(&year(
                2023,
                &format!("statut en-cours\n    réalisé caf {amount}"),
            ))
            .into_iter()
            .filter(|(c, _)| *c == "ctg::bilan::realise-depasse")
            .count()
        };
        assert_eq!(over("1 000 €"), 0, "as planned");
        assert_eq!(over("1 100 €"), 0, "exactly 10 % over");
        assert_eq!(over("1 100,01 €"), 1, "a cent past 10 %");
        assert_eq!(over("900 €"), 0, "under");
    }
}
