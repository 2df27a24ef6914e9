//! Dates and years: the period itself, and everything that must fall within it.

use crate::diagnostic::Diagnostic;
use crate::model::{Funding, Model, Period, YearRange};
use crate::rules;
use crate::source::Span;

fn range_text(r: YearRange) -> String {
    if r.start == r.end {
        r.start.to_string()
    } else {
        format!("{} à {}", r.start, r.end)
    }
}

pub(crate) fn check(model: &Model, partial: bool, diags: &mut Vec<Diagnostic>) {
    let Some(conv) = &model.convention else {
        return;
    };
    let Some((period, pspan)) = conv.periode else {
        if partial {
            return;
        }
        diags.push(
            Diagnostic::new(
                &rules::PERIODE_MANQUANTE,
                "la convention n'a pas de période",
            )
            .label(conv.titre.span, "période manquante dans ce bloc"),
        );
        return;
    };
    if period.end < period.start {
        let (end, start) = if period.whole_years {
            (period.end.year.to_string(), period.start.year.to_string())
        } else {
            (period.end.french(), period.start.french())
        };
        diags.push(
            Diagnostic::new(
                &rules::PERIODE_FIN_AVANT_DEBUT,
                format!("la période finit ({end}) avant de commencer ({start})"),
            )
            .label(pspan, "bornes inversées"),
        );
        return;
    }
    let years = period.years();
    let length = years.end - years.start + 1;
    if length > 5 {
        diags.push(
            Diagnostic::new(
                &rules::PERIODE_DUREE,
                format!("une convention de {length} ans"),
            )
            .label(pspan, format!("{length} ans")),
        );
    }
    if let Some((crate::model::Val::Known(date), span)) = &conv.signature
        && *date > period.end
    {
        diags.push(
            Diagnostic::new(
                &rules::PERIODE_SIGNATURE_APRES,
                format!(
                    "signée {} {date}, après la fin de la période ({})",
                    if date.form == crate::date::Form::Month {
                        "en"
                    } else {
                        "le"
                    },
                    period.end
                ),
            )
            .label(*span, "signature")
            .label(pspan, "période"),
        );
    }
    for f in &model.fiches {
        if let Some((cal, span)) = f.calendrier {
            if cal.end < cal.start {
                diags.push(
                    Diagnostic::new(
                        &rules::PERIODE_FIN_AVANT_DEBUT,
                        "le calendrier finit avant de commencer",
                    )
                    .label(span, "bornes inversées"),
                );
            } else if !years.contains(cal.start) || !years.contains(cal.end) {
                outside(
                    diags,
                    &rules::PERIODE_CALENDRIER,
                    "le calendrier",
                    cal,
                    span,
                    years,
                );
            }
        }
        for step in &f.etapes {
            if !years.contains(step.annee) {
                outside(
                    diags,
                    &rules::PERIODE_CALENDRIER,
                    "l'étape",
                    YearRange {
                        start: step.annee,
                        end: step.annee,
                    },
                    step.span,
                    years,
                );
            }
        }
        for ind in &f.indicateurs {
            if let Some(d) = &ind.depart {
                baseline(d, f.calendrier.map(|(c, _)| c), years, diags);
            }
            for m in ind.cible.iter().chain(&ind.valeurs) {
                if !years.contains(m.annee) {
                    outside(
                        diags,
                        &rules::PERIODE_INDICATEUR,
                        "l'indicateur",
                        YearRange {
                            start: m.annee,
                            end: m.annee,
                        },
                        m.span,
                        years,
                    );
                }
            }
        }
        for fin in &f.financements {
            funding(model, fin, period, diags);
        }
    }
    for e in &model.equipements {
        for fin in &e.financements {
            funding(model, fin, period, diags);
        }
    }
}

/// An indicator's baseline is measured before its action starts: by the period's start, or by
/// the start of the fiche's calendrier for an action that starts mid-term. Later than that is
/// a warning (the evaluation compares with a value measured while acting); after the period's
/// end, an error.
fn baseline(
    d: &crate::model::Measure,
    calendrier: Option<YearRange>,
    years: YearRange,
    diags: &mut Vec<Diagnostic>,
) {
    if d.annee > years.end {
        diags.push(
            Diagnostic::new(
                &rules::PERIODE_INDICATEUR,
                format!(
                    "valeur de départ mesurée en {}, après la fin de la période ({})",
                    d.annee, years.end
                ),
            )
            .label(d.span, "départ hors période")
            .help(format!(
                "la valeur de départ se mesure au début de l'action, en {} ou avant",
                calendrier.map_or(years.start, |c| c.start.max(years.start))
            )),
        );
        return;
    }
    let start = calendrier.map_or(years.start, |c| c.start.max(years.start));
    if d.annee > start {
        let (what, help) = match calendrier {
            Some(c) if c.start > years.start => (
                format!("le début de l'action ({start})"),
                format!(
                    "mesurez la valeur de départ en {start}, quand l'action commence, ou avant"
                ),
            ),
            Some(_) => (
                format!("le début de l'action et de la période ({start})"),
                format!("mesurez la valeur de départ en {start} ou avant"),
            ),
            None => (
                format!("le début de la période ({start})"),
                format!(
                    "mesurez la valeur de départ en {start} ou avant ; une action qui commence en cours de convention le dit par « calendrier {} .. {} »",
                    d.annee, years.end
                ),
            ),
        };
        diags.push(
            Diagnostic::new(
                &rules::INDICATEUR_DEPART_TARDIF,
                format!("valeur de départ mesurée en {}, après {what}", d.annee),
            )
            .label(d.span, "départ tardif")
            .help(help),
        );
    }
}

fn funding(model: &Model, fin: &Funding, period: Period, diags: &mut Vec<Diagnostic>) {
    if fin.annees.end < fin.annees.start {
        diags.push(
            Diagnostic::new(
                &rules::PERIODE_FIN_AVANT_DEBUT,
                "les années du financement sont inversées",
            )
            .label(fin.annees_span, "bornes inversées"),
        );
        return;
    }
    let linked = fin
        .convention
        .as_ref()
        .and_then(|r| r.target)
        .and_then(|i| model.conventions_liees[i].periode.map(|p| (i, p.0)));
    let (allowed, whose) = match linked {
        Some((i, p)) => (
            p.years(),
            format!(
                "de la convention liée « {} »",
                model.conventions_liees[i].id.name
            ),
        ),
        None => (period.years(), "de la convention".to_string()),
    };
    if !allowed.contains(fin.annees.start) || !allowed.contains(fin.annees.end) {
        diags.push(
            Diagnostic::new(
                &rules::PERIODE_FINANCEMENT,
                format!(
                    "financement en {}, hors de la période {whose} ({})",
                    range_text(fin.annees),
                    range_text(allowed)
                ),
            )
            .label(fin.annees_span, "hors période"),
        );
    }
}

fn outside(
    diags: &mut Vec<Diagnostic>,
    rule: &'static crate::rules::Rule,
    what: &str,
    r: YearRange,
    span: Span,
    years: YearRange,
) {
    diags.push(
        Diagnostic::new(
            rule,
            format!(
                "{what} ({}) déborde de la période de la convention ({})",
                range_text(r),
                range_text(years)
            ),
        )
        .label(span, "hors période"),
    );
}
