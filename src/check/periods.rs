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

#[cfg(test)]
mod tests {
    use crate::compile::{Options, analyse_file};
    use crate::rules::{self, Family};

    /// A convention of 2023 to 2026 with a linked convention of 2022 to 2024; PERIODE replaces
    /// the period, SIGNATURE the date of signature, FICHE is the body of its one fiche.
    fn source(periode: &str, signature: &str, fiche: &str) -> String {
        format!(
            r#"convention "CTG de test" {{
  période {periode}
  signature {signature}
  champs petite-enfance, jeunesse, parentalité, accès-aux-droits
}}
signataire caf "Caisse d'allocations familiales" {{
  nature caf
  représentant "Directrice" Mme "Anne Upravan"
}}
signataire cc "Communauté de communes" {{
  nature epci
  représentant "Président" M. "Pierre Gonthier"
}}
partenaire msa "Mutualité sociale agricole" {{
  nature msa
}}
convention-liée gmr "Grandir en milieu rural" {{
  signataires cc, msa
  période 2022 .. 2024
}}
axe pe "Petite enfance"
fiche creche "Crèche" {{
  axe pe
{fiche}
}}
"#
        )
    }

    /// The diagnostics about dates and years.
    fn findings(text: &str) -> Vec<(&'static str, String)> {
        super::super::probe::findings(text, |rule| {
            rule.family == Family::Periode || std::ptr::eq(rule, &rules::INDICATEUR_DEPART_TARDIF)
        })
    }

    fn fiche(body: &str) -> Vec<(&'static str, String)> {
        findings(&source("2023 .. 2026", "13 janvier 2023", body))
    }

    const CALENDRIER: &str = "ctg::periode::calendrier-hors-periode";
    const FINANCEMENT: &str = "ctg::periode::financement-hors-periode";
    const INDICATEUR: &str = "ctg::periode::indicateur-hors-periode";
    const INVERSE: &str = "ctg::periode::fin-avant-debut";

    fn found(code: &'static str, text: &str) -> (&'static str, String) {
        (code, text.to_string())
    }

    #[test]
    fn a_calendar_and_steps_on_the_first_and_last_years_are_inside() {
        assert_eq!(
            fiche(
                "  calendrier 2023 .. 2026\n  étape 2023 \"Recrutement\"\n  étape 2026 \"Bilan\""
            ),
            []
        );
        // A calendar of one year is not inverted.
        assert_eq!(fiche("  calendrier 2026 .. 2026"), []);
    }

    #[test]
    fn a_calendar_or_a_step_one_year_outside_is_refused() {
        assert_eq!(
            fiche("  calendrier 2022 .. 2026"),
            [found(CALENDRIER, "2022 .. 2026")]
        );
        assert_eq!(
            fiche("  calendrier 2023 .. 2027"),
            [found(CALENDRIER, "2023 .. 2027")]
        );
        assert_eq!(
            fiche("  étape 2022 \"Diagnostic\"\n  étape 2027 \"Bilan\""),
            [found(CALENDRIER, "2022"), found(CALENDRIER, "2027")]
        );
        assert_eq!(
            fiche("  calendrier 2025 .. 2024"),
            [found(INVERSE, "2025 .. 2024")]
        );
    }

    #[test]
    fn funding_on_the_first_and_last_years_is_inside() {
        assert_eq!(
            fiche(
                "  financement caf 2023 .. 2026 1 000 € par an\n  financement cc 2026 500 €\n  financement cc 2023 500 €"
            ),
            []
        );
        // Within the linked convention's own period, before the convention's.
        assert_eq!(
            fiche("  financement msa 2022 .. 2024 300 € par an convention gmr"),
            []
        );
    }

    #[test]
    fn funding_one_year_outside_is_refused_at_its_years() {
        assert_eq!(
            fiche("  financement caf 2022 .. 2026 1 000 € par an"),
            [found(FINANCEMENT, "2022 .. 2026")]
        );
        assert_eq!(
            fiche("  financement cc 2027 500 €"),
            [found(FINANCEMENT, "2027")]
        );
        // The linked convention's period, not the convention's, bounds its lines.
        assert_eq!(
            fiche(
                "  financement msa 2021 .. 2024 300 € par an convention gmr\n  financement msa 2025 300 € convention gmr"
            ),
            [
                found(FINANCEMENT, "2021 .. 2024"),
                found(FINANCEMENT, "2025")
            ]
        );
        assert_eq!(
            fiche("  financement cc 2025 .. 2024 500 € par an"),
            [found(INVERSE, "2025 .. 2024")]
        );
    }

    #[test]
    fn indicator_years_on_the_first_and_last_years_are_inside() {
        assert_eq!(
            fiche(
                "  indicateur \"Familles\" {\n    type réalisation\n    départ 40 en 2023\n    cible 150 en 2026\n    valeur 2023 40\n    valeur 2026 150\n  }"
            ),
            []
        );
    }

    #[test]
    fn indicator_years_one_year_outside_are_refused() {
        assert_eq!(
            fiche(
                "  indicateur \"Familles\" {\n    type réalisation\n    départ 40 en 2022\n    cible 150 en 2027\n    valeur 2022 40\n  }"
            ),
            [
                found(INDICATEUR, "cible 150 en 2027"),
                found(INDICATEUR, "valeur 2022 40")
            ]
        );
    }

    #[test]
    fn a_baseline_on_the_last_year_is_late_and_after_it_outside() {
        let indicateur = |depart: &str| {
            fiche(&format!(
                "  indicateur \"Familles\" {{\n    type réalisation\n    départ {depart}\n    cible 150 en 2026\n  }}"
            ))
        };
        assert_eq!(
            indicateur("40 en 2026"),
            [found("ctg::indicateur::depart-tardif", "départ 40 en 2026")]
        );
        assert_eq!(
            indicateur("40 en 2027"),
            [found(INDICATEUR, "départ 40 en 2027")]
        );
    }

    #[test]
    fn a_baseline_on_the_first_year_of_an_action_is_on_time() {
        let indicateur = |calendrier: &str, depart: &str| {
            let fiche = format!(
                "  calendrier {calendrier}\n  indicateur \"Familles\" {{\n    type réalisation\n    départ 40 en {depart}\n    cible 150 en 2026\n  }}"
            );
            let text = source("2023 .. 2026", "13 janvier 2023", &fiche);
            let comp =
                analyse_file("t.ctg", text.as_bytes(), Options::default()).expect("in memory");
            comp.diagnostics
                .iter()
                .filter(|d| std::ptr::eq(d.rule, &rules::INDICATEUR_DEPART_TARDIF))
                .map(|d| d.message.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(indicateur("2025 .. 2026", "2025"), [] as [String; 0]);
        assert_eq!(
            indicateur("2025 .. 2026", "2026"),
            ["valeur de départ mesurée en 2026, après le début de l'action (2025)"]
        );
        // An action that starts with the period: its start is the period's.
        assert_eq!(
            indicateur("2023 .. 2026", "2024"),
            [
                "valeur de départ mesurée en 2024, après le début de l'action et de la période (2023)"
            ]
        );
    }

    #[test]
    fn a_period_of_five_years_is_usual_and_of_six_unusual() {
        assert_eq!(findings(&source("2023 .. 2027", "13 janvier 2023", "")), []);
        assert_eq!(
            findings(&source("2023 .. 2028", "13 janvier 2023", "")),
            [found("ctg::periode::duree-inhabituelle", "2023 .. 2028")]
        );
    }

    #[test]
    fn a_period_may_end_the_day_it_starts() {
        assert_eq!(
            findings(&source(
                "1er juillet 2023 .. 1er juillet 2023",
                "1er juillet 2023",
                ""
            )),
            []
        );
        assert_eq!(
            findings(&source(
                "1er juillet 2023 .. 30 juin 2023",
                "1er juillet 2023",
                ""
            )),
            [found(INVERSE, "1er juillet 2023 .. 30 juin 2023")]
        );
    }

    #[test]
    fn a_signature_on_the_last_day_is_inside_and_the_day_after_refused() {
        assert_eq!(
            findings(&source("2023 .. 2026", "31 décembre 2026", "")),
            []
        );
        assert_eq!(
            findings(&source("2023 .. 2026", "1er janvier 2027", "")),
            [found(
                "ctg::periode::signature-apres-periode",
                "1er janvier 2027"
            )]
        );
    }
}
