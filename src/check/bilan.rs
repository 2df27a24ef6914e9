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
