//! The view of a year's bilan (or of the end-of-term evaluation): the synthesis — fiches by statut
//! per axe, réalisé against prévu per financeur, indicators on track or behind — then, axe by axe,
//! each fiche's year. Every number and every chart is computed here (docs/bilan.md).

use serde::Serialize;

use super::chart::{self, Chart};
use super::parties::party_short;
use super::plan::{Labels, labels};
use super::text::years_text;
use crate::bilan::{Bilans, Money, Trend, number, trend};
use crate::model::{Fiche, Idx, Model, Statut, SynthesisSubject, YearRange};
use crate::money::Money as Amount;
use crate::typography::{count, french};

#[derive(Serialize, Debug, Clone)]
pub struct BilanView {
    /// « Bilan 2023 », « Évaluation finale 2023-2026 ».
    pub titre: String,
    pub convention: String,
    pub territoire: Option<String>,
    pub annee: i32,
    pub finale: bool,
    /// The years the document covers, « 2023 » or « 2023 à 2026 ».
    pub annees: String,
    pub copil: Option<String>,
    pub libelles: Labels,
    pub statuts: Vec<StatutCount>,
    /// Per axe, the number of fiches of each statut (in `statuts` order).
    pub axes_statuts: Vec<AxeStatuts>,
    /// The fiches counted in `statuts`.
    pub total_fiches: usize,
    pub graphique_statuts: Chart,
    pub financeurs: Vec<MoneyRow>,
    pub total_financeurs: MoneyRow,
    pub graphique_financeurs: Chart,
    pub indicateurs_en_bonne_voie: usize,
    pub indicateurs_en_retard: usize,
    pub indicateurs_non_mesurables: usize,
    /// The sentence that sums the indicators up.
    pub phrase_indicateurs: String,
    pub syntheses_instances: Vec<SynthesisView>,
    pub axes: Vec<AxeBilan>,
    /// The PDF's metadata, as the convention's style reads it.
    pub metadata: super::Metadata,
    /// The house style of the Caf's model, as in the convention.
    pub style: super::StyleView,
    pub projet: bool,
}

#[derive(Serialize, Debug, Clone)]
pub struct StatutCount {
    pub libelle: String,
    pub nombre: usize,
    pub couleur: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct AxeStatuts {
    pub numero: String,
    pub titre: String,
    pub nombres: Vec<usize>,
    pub total: usize,
}

#[derive(Serialize, Debug, Clone)]
pub struct MoneyRow {
    pub libelle: String,
    pub realise: String,
    pub prevu: String,
    /// Réalisé minus prévu, signed: « +1 200 € », « −300 € ».
    pub ecart: String,
    /// Réalisé as a share of prévu: « 95 % »; « – » without prévu.
    pub taux: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct SynthesisView {
    pub sujet: String,
    pub texte_md: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct AxeBilan {
    pub intitule: String,
    pub titre: String,
    pub synthese_md: Vec<String>,
    pub fiches: Vec<FicheBilan>,
}

#[derive(Serialize, Debug, Clone)]
pub struct FicheBilan {
    pub numero: String,
    pub titre: String,
    pub ancre: String,
    pub statut: String,
    /// The statut year by year: « 2023 : en cours ; 2024 : réalisé ».
    pub statuts: String,
    pub indicateurs: Vec<IndicatorBilan>,
    pub financements: Vec<MoneyRow>,
    pub total: Option<MoneyRow>,
    pub etapes: Vec<String>,
    pub difficultes_md: Vec<String>,
    pub perspectives_md: Option<String>,
}

#[derive(Serialize, Debug, Clone)]
pub struct IndicatorBilan {
    pub libelle: String,
    pub unite: String,
    pub depart: String,
    pub cible: String,
    /// Year and value, every year measured so far.
    pub valeurs: Vec<(i32, String)>,
    pub tendance: String,
    pub graphique: Chart,
}

fn signed(cents: i64) -> String {
    match cents {
        0 => "0 €".replace(' ', "\u{a0}"),
        c if c > 0 => format!("+{}", Amount(c).french()),
        c => format!("\u{2212}{}", Amount(-c).french()),
    }
}

fn money_row(libelle: String, realise: i64, prevu: i64) -> MoneyRow {
    MoneyRow {
        libelle,
        realise: Amount(realise).french(),
        prevu: Amount(prevu).french(),
        ecart: signed(realise - prevu),
        taux: if prevu > 0 {
            format!("{}\u{202f}%", (realise * 100 + prevu / 2) / prevu)
        } else {
            "–".into()
        },
    }
}

/// The bilan of YEAR; over every year so far when FINALE.
pub fn build(model: &Model, year: i32, finale: bool) -> BilanView {
    let bilans = Bilans::index(model);
    let labels = labels(&model.config.libelles);
    let first = model.period().map_or(year, |p| p.start.year);
    let years: Vec<i32> = if finale {
        (first..=year).collect()
    } else {
        vec![year]
    };
    let totals = crate::totals::compute(model);
    let money = Money::compute(model, &totals, &years);
    let conv = model.convention.as_ref();
    let convention = conv.map_or_else(String::new, |c| french(&c.titre.value));
    let titre = if finale {
        // Written as every other year range of the documents (`2023-2026`, as the convention's
        // period and the fiches' calendars).
        format!(
            "Évaluation finale {}",
            years_text(YearRange {
                start: first,
                end: year
            })
        )
    } else {
        format!("Bilan {year}")
    };
    let copil = model
        .bilans
        .iter()
        .filter(|b| b.annee == year)
        .find_map(|b| b.copil.as_ref())
        .map(|(d, _)| match d {
            crate::model::Val::Known(d) => d.french(),
            crate::model::Val::ToComplete => super::TO_COMPLETE.to_string(),
        });

    // Statuts per axe.
    let statut_of = |fi: Idx<Fiche>| bilans.statut(fi, year);
    let mut axes_statuts = Vec::new();
    for (ai, axe) in Idx::enumerate(&model.axes) {
        let mut nombres = vec![0; Statut::ALL.len()];
        for (fi, f) in Idx::enumerate(&model.fiches) {
            if f.axe.as_ref().and_then(|r| r.target) == Some(ai)
                && let Some(s) = statut_of(fi)
            {
                nombres[Statut::ALL.iter().position(|x| *x == s).unwrap_or(0)] += 1;
            }
        }
        axes_statuts.push(AxeStatuts {
            numero: axe.numero.clone(),
            titre: french(&axe.titre.value),
            total: nombres.iter().sum(),
            nombres,
        });
    }
    let statuts: Vec<StatutCount> = Statut::ALL
        .iter()
        .enumerate()
        .map(|(k, s)| StatutCount {
            libelle: s.label().to_string(),
            nombre: axes_statuts.iter().map(|a| a.nombres[k]).sum(),
            couleur: chart::STATUT_COLOURS[k].to_string(),
        })
        .collect();
    let statut_labels: Vec<&str> = Statut::ALL.iter().map(|s| s.label()).collect();
    let alt_statuts = format!(
        "Fiches par statut et par {} en {year} : {}.",
        labels.axe.to_lowercase(),
        axes_statuts
            .iter()
            .map(|a| format!(
                "{} {} : {}",
                labels.axe.to_lowercase(),
                a.numero,
                a.nombres
                    .iter()
                    .zip(&statut_labels)
                    .filter(|(n, _)| **n > 0)
                    .map(|(n, l)| format!("{n} {}", l.to_lowercase()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .collect::<Vec<_>>()
            .join(" ; ")
    );
    let graphique_statuts = chart::stacked(
        &axes_statuts
            .iter()
            .map(|a| (format!("{} {}", labels.axe, a.numero), a.nombres.clone()))
            .collect::<Vec<_>>(),
        &statut_labels,
        french(&alt_statuts),
    );

    // Money per financeur.
    let per = money.per_financeur();
    let financeurs: Vec<MoneyRow> = per
        .iter()
        .map(|(p, (r, v))| money_row(party_short(model, *p), *r, *v))
        .collect();
    let (tr, tv) = per.values().fold((0i64, 0i64), |(a, b), (r, v)| {
        (a.saturating_add(*r), b.saturating_add(*v))
    });
    let total_financeurs = money_row("Total".into(), tr, tv);
    let alt_money = format!(
        "Réalisé et prévu par financeur : {}.",
        financeurs
            .iter()
            .map(|f| format!(
                "{}, {} réalisés pour {} prévus",
                f.libelle, f.realise, f.prevu
            ))
            .collect::<Vec<_>>()
            .join(" ; ")
    );
    let graphique_financeurs = chart::paired(
        &per.iter()
            .map(|(p, (r, v))| (party_short(model, *p), *r, *v))
            .collect::<Vec<_>>(),
        alt_money,
    );

    // Fiches, axe by axe.
    let (mut on_track, mut behind, mut unmeasurable) = (0, 0, 0);
    let mut axes = Vec::new();
    for (ai, axe) in Idx::enumerate(&model.axes) {
        let mut fiches = Vec::new();
        for (fi, f) in Idx::enumerate(&model.fiches) {
            if f.axe.as_ref().and_then(|r| r.target) != Some(ai) {
                continue;
            }
            let fb = fiche(model, &bilans, &money, fi, year, &years);
            for i in &fb.1 {
                match i {
                    Trend::OnTrack => on_track += 1,
                    Trend::Behind => behind += 1,
                    Trend::Unmeasurable => unmeasurable += 1,
                }
            }
            fiches.push(fb.0);
        }
        let synthese_md = model
            .bilans
            .iter()
            .filter(|b| years.contains(&b.annee))
            .flat_map(|b| &b.syntheses)
            .filter(|s| matches!(&s.sujet, SynthesisSubject::Axe(r) if r.target == Some(ai)))
            .map(|s| s.texte.markdown_with(french))
            .collect();
        axes.push(AxeBilan {
            intitule: format!("{} {}", labels.axe, axe.numero),
            titre: french(&axe.titre.value),
            synthese_md,
            fiches,
        });
    }
    let syntheses_instances = model
        .bilans
        .iter()
        .filter(|b| years.contains(&b.annee))
        .flat_map(|b| b.syntheses.iter().map(move |s| (b.annee, s)))
        .filter_map(|(annee, s)| match &s.sujet {
            SynthesisSubject::Instance(r) => r.target.map(|i| SynthesisView {
                sujet: if finale {
                    format!("{} ({annee})", french(&model.instances[i].nom.value))
                } else {
                    french(&model.instances[i].nom.value)
                },
                texte_md: s.texte.markdown_with(french),
            }),
            SynthesisSubject::Axe(_) => None,
        })
        .collect();
    let phrase_indicateurs = french(&format!(
        "{} en bonne voie, {} en retard, {} non mesurable{}.",
        count(on_track, "indicateur", "indicateurs"),
        behind,
        unmeasurable,
        if unmeasurable > 1 { "s" } else { "" }
    ));
    let signing: Vec<&crate::model::Party> = model.signataires().collect();
    let champs = super::convention::champs(conv);
    let mut metadata = super::convention::metadata(conv, &signing, &champs);
    metadata.title = format!("{titre} — {convention}");
    BilanView {
        titre,
        convention,
        territoire: conv
            .and_then(|c| c.territoire.as_ref())
            .map(|s| french(&s.value)),
        annee: year,
        finale,
        annees: if finale {
            format!("{first} à {year}")
        } else {
            year.to_string()
        },
        copil,
        libelles: labels,
        total_fiches: statuts.iter().map(|s| s.nombre).sum(),
        statuts,
        axes_statuts,
        graphique_statuts,
        financeurs,
        total_financeurs,
        graphique_financeurs,
        indicateurs_en_bonne_voie: on_track,
        indicateurs_en_retard: behind,
        indicateurs_non_mesurables: unmeasurable,
        phrase_indicateurs,
        syntheses_instances,
        axes,
        metadata,
        style: super::style::style(&model.caf_model.style),
        projet: false,
    }
}

/// One fiche's year (or years), and the trend of each of its indicators.
fn fiche(
    model: &Model,
    bilans: &Bilans,
    money: &Money,
    fi: Idx<Fiche>,
    year: i32,
    years: &[i32],
) -> (FicheBilan, Vec<Trend>) {
    let f = &model.fiches[fi];
    let entries: Vec<_> = bilans
        .of(fi)
        .iter()
        .filter(|(y, _)| years.contains(y))
        .collect();
    let statut = bilans
        .statut(fi, year)
        .map_or("non renseigné", Statut::label)
        .to_string();
    let history: Vec<String> = bilans
        .of(fi)
        .iter()
        .filter(|(y, _)| *y <= year)
        .filter_map(|(y, e)| {
            e.statut
                .as_ref()
                .map(|s| format!("{y} : {}", s.value.label().to_lowercase()))
        })
        .collect();
    // One year alone would only repeat the statut printed before it.
    let statuts = if history.len() > 1 {
        history.join(" ; ")
    } else {
        String::new()
    };
    let mut trends = Vec::new();
    let indicateurs = f
        .indicateurs
        .iter()
        .enumerate()
        .map(|(index, ind)| {
            let series = bilans.series(fi, index);
            let values: Vec<(i32, f64)> = series
                .iter()
                .filter(|p| p.annee <= year)
                .filter_map(|p| number(p.valeur).map(|v| (p.annee, v)))
                .collect();
            let depart = ind
                .depart
                .as_ref()
                .and_then(|m| number(&m.valeur).map(|v| (m.annee, v)));
            let cible = ind
                .cible
                .as_ref()
                .and_then(|m| number(&m.valeur).map(|v| (m.annee, v)));
            let t = match (depart, cible) {
                (Some(d), Some(c)) => trend(d, c, values.last().copied()),
                _ => Trend::Unmeasurable,
            };
            trends.push(t);
            let unite = ind.unite.clone().map(|u| french(&u)).unwrap_or_default();
            let shown = |m: &Option<crate::model::Measure>| {
                m.as_ref().map_or("–".to_string(), |m| match &m.valeur {
                    crate::model::Val::Known(v) => format!("{} en {}", v, m.annee),
                    crate::model::Val::ToComplete => super::TO_COMPLETE.to_string(),
                })
            };
            let tendance = match t {
                Trend::OnTrack => "en bonne voie",
                Trend::Behind => "en retard",
                Trend::Unmeasurable => "non mesurable",
            };
            let libelle = french(&ind.libelle.value);
            let alt = french(&format!(
                "{libelle} : départ {}, {}, cible {} ; {tendance}.",
                shown(&ind.depart),
                if values.is_empty() {
                    "aucune valeur mesurée".to_string()
                } else {
                    values
                        .iter()
                        .map(|(y, v)| format!("{} en {y}", chart::number(*v)))
                        .collect::<Vec<_>>()
                        .join(", ")
                },
                shown(&ind.cible)
            ));
            IndicatorBilan {
                libelle,
                unite,
                depart: shown(&ind.depart),
                cible: shown(&ind.cible),
                valeurs: values
                    .iter()
                    .map(|(y, v)| (*y, chart::number(*v)))
                    .collect(),
                tendance: tendance.to_string(),
                graphique: chart::series(depart, &values, cible, alt),
            }
        })
        .collect();
    let lines = money.of_fiche(fi);
    let financements: Vec<MoneyRow> = lines
        .iter()
        .map(|(p, (r, v))| money_row(party_short(model, *p), *r, *v))
        .collect();
    let total = (lines.len() > 1).then(|| {
        let (r, v) = lines.values().fold((0i64, 0i64), |(a, b), (r, v)| {
            (a.saturating_add(*r), b.saturating_add(*v))
        });
        money_row("Total".into(), r, v)
    });
    let multi = years.len() > 1;
    let dated = |y: i32, text: String| if multi { format!("{y} : {text}") } else { text };
    (
        FicheBilan {
            numero: f.numero.clone(),
            titre: french(&f.titre.value),
            ancre: format!("bilan-fiche-{}", f.id.name),
            statut,
            statuts,
            indicateurs,
            financements,
            total,
            etapes: entries
                .iter()
                .flat_map(|(y, e)| {
                    e.etapes_realisees
                        .iter()
                        .map(move |s| dated(*y, french(&s.value)))
                })
                .collect(),
            difficultes_md: entries
                .iter()
                .filter_map(|(y, e)| {
                    e.difficultes
                        .as_ref()
                        .map(|t| dated(*y, t.markdown_with(french)))
                })
                .collect(),
            perspectives_md: entries
                .last()
                .and_then(|(_, e)| e.perspectives.as_ref())
                .map(|t| t.markdown_with(french)),
        },
        trends,
    )
}
