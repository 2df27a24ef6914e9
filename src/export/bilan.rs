//! The bilans in the export, flat so that each array is one sheet of the workbook: one row per
//! fiche and year (`bilans`), per réalisé payment (`realises`), per indicator (`indicateurs`) and
//! per indicator value, wherever it was written (`valeurs`).

use schemars::JsonSchema;
use serde::Serialize;

use crate::bilan::Bilans;
use crate::model::{Idx, Model, Val};

#[derive(Serialize, JsonSchema)]
pub struct BilanFiche {
    pub annee: i32,
    pub fiche: String,
    /// The statut written in that year's bilan.
    pub statut: Option<String>,
    /// The COPIL date of the year's bilan (ISO), if given.
    pub copil: Option<String>,
    pub etapes_realisees: Vec<String>,
    pub difficultes: Option<String>,
    pub perspectives: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct Realise {
    pub annee: i32,
    pub fiche: String,
    pub financeur: String,
    pub montant_centimes: i64,
}

#[derive(Serialize, JsonSchema)]
pub struct IndicateurLigne {
    pub fiche: String,
    pub libelle: String,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub unite: Option<String>,
    pub depart: Option<String>,
    pub annee_depart: Option<i32>,
    pub cible: Option<String>,
    pub annee_cible: Option<i32>,
}

#[derive(Serialize, JsonSchema)]
pub struct Valeur {
    pub fiche: String,
    pub indicateur: String,
    pub annee: i32,
    /// As written (`12,5`), or « à compléter ».
    pub valeur: String,
}

fn val(v: &Val<String>) -> String {
    super::val(v)
}

pub(super) fn bilans(model: &Model) -> Vec<BilanFiche> {
    let copil = |annee: i32| {
        model
            .bilans
            .iter()
            .filter(|b| b.annee == annee)
            .find_map(|b| b.copil.as_ref())
            .map(|(d, _)| super::date(d))
    };
    let mut rows: Vec<BilanFiche> = model
        .bilans
        .iter()
        .flat_map(|b| b.fiches.iter().map(move |f| (b.annee, f)))
        .map(|(annee, f)| BilanFiche {
            annee,
            fiche: f.fiche.name.clone(),
            statut: f.statut.as_ref().map(|s| s.value.keyword().to_string()),
            copil: copil(annee),
            etapes_realisees: f.etapes_realisees.iter().map(|s| s.value.clone()).collect(),
            difficultes: super::text(&f.difficultes),
            perspectives: super::text(&f.perspectives),
        })
        .collect();
    rows.sort_by_key(|r| r.annee);
    rows
}

pub(super) fn realises(model: &Model) -> Vec<Realise> {
    let mut rows: Vec<Realise> = model
        .bilans
        .iter()
        .flat_map(|b| b.fiches.iter().map(move |f| (b.annee, f)))
        .flat_map(|(annee, f)| {
            f.realise.iter().map(move |p| Realise {
                annee,
                fiche: f.fiche.name.clone(),
                financeur: p.financeur.name.clone(),
                montant_centimes: p.montant.cents(),
            })
        })
        .collect();
    rows.sort_by_key(|r| r.annee);
    rows
}

pub(super) fn indicateurs(model: &Model) -> Vec<IndicateurLigne> {
    model
        .fiches
        .iter()
        .flat_map(|f| {
            f.indicateurs.iter().map(move |i| IndicateurLigne {
                fiche: f.id.name.clone(),
                libelle: i.libelle.value.clone(),
                kind: i.kind.as_ref().map(|k| k.value.keyword().to_string()),
                unite: i.unite.clone(),
                depart: i.depart.as_ref().map(|m| val(&m.valeur)),
                annee_depart: i.depart.as_ref().map(|m| m.annee),
                cible: i.cible.as_ref().map(|m| val(&m.valeur)),
                annee_cible: i.cible.as_ref().map(|m| m.annee),
            })
        })
        .collect()
}

pub(super) fn valeurs(model: &Model) -> Vec<Valeur> {
    let bilans = Bilans::index(model);
    let mut rows = Vec::new();
    for (fi, f) in Idx::enumerate(&model.fiches) {
        for (index, ind) in f.indicateurs.iter().enumerate() {
            for p in bilans.series(fi, index) {
                rows.push(Valeur {
                    fiche: f.id.name.clone(),
                    indicateur: ind.libelle.value.clone(),
                    annee: p.annee,
                    valeur: val(p.valeur),
                });
            }
        }
    }
    rows
}
