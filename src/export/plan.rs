//! The plan d'actions: axes with their objectifs, and the fiches with their indicators.

use schemars::JsonSchema;
use serde::Serialize;

use crate::bilan::Bilans;
use crate::model::{Idx, Indicator, Measure, Model, Territory};
use crate::totals::Totals;

use super::{kw, text, val};

#[derive(Serialize, JsonSchema)]
pub struct Objectif {
    pub id: String,
    pub numero: String,
    pub titre: String,
    pub description: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct Axe {
    pub id: String,
    pub numero: String,
    pub titre: String,
    pub description: Option<String>,
    pub objectifs: Vec<Objectif>,
}

#[derive(Serialize, JsonSchema)]
pub struct Mesure {
    /// As written (decimal comma), or "à compléter".
    pub valeur: String,
    pub annee: i32,
}

#[derive(Serialize, JsonSchema)]
pub struct Indicateur {
    pub libelle: String,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub unite: Option<String>,
    pub depart: Option<Mesure>,
    pub cible: Option<Mesure>,
    /// The indicator's yearly values, wherever they were written (its own `valeur` lines and the
    /// bilans'): where a value lives never changes the export.
    pub valeurs: Vec<Mesure>,
    pub source: Option<String>,
    pub frequence: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct Territoire {
    /// The whole territory.
    pub tout: bool,
    /// Commune ids when not the whole territory.
    pub communes: Vec<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct Annees {
    pub debut: i32,
    pub fin: i32,
}

#[derive(Serialize, JsonSchema)]
pub struct Etape {
    pub annee: i32,
    pub texte: String,
}

#[derive(Serialize, JsonSchema)]
pub struct Fiche {
    pub id: String,
    pub numero: String,
    pub titre: String,
    /// Axe id.
    pub axe: Option<String>,
    /// Objectif ids.
    pub objectifs: Vec<String>,
    pub champs: Vec<String>,
    pub priorite: Option<String>,
    pub statut: Option<String>,
    pub constat: Option<String>,
    pub objectifs_operationnels: Vec<String>,
    pub description: Option<String>,
    pub public: Option<String>,
    pub territoire: Option<Territoire>,
    pub pilote: Option<String>,
    pub referents: Vec<String>,
    pub partenaires: Vec<String>,
    pub calendrier: Option<Annees>,
    pub etapes: Vec<Etape>,
    pub moyens: Option<String>,
    pub resultats_attendus: Option<String>,
    pub liens: Vec<String>,
    pub indicateurs: Vec<Indicateur>,
    /// Total of the fiche's known amounts, in cents.
    pub total_centimes: i64,
}

pub(super) fn axes(model: &Model) -> Vec<Axe> {
    model
        .axes
        .iter()
        .map(|a| Axe {
            id: a.id.name.clone(),
            numero: a.numero.clone(),
            titre: a.titre.value.clone(),
            description: text(&a.description),
            objectifs: a
                .objectifs
                .iter()
                .map(|&oi| {
                    let o = &model.objectifs[oi];
                    Objectif {
                        id: o.id.name.clone(),
                        numero: o.numero.clone(),
                        titre: o.titre.value.clone(),
                        description: text(&o.description),
                    }
                })
                .collect(),
        })
        .collect()
}

pub(super) fn fiches(model: &Model, totals: &Totals) -> Vec<Fiche> {
    let bilans = Bilans::index(model);
    Idx::enumerate(&model.fiches)
        .map(|(i, f)| Fiche {
            id: f.id.name.clone(),
            numero: f.numero.clone(),
            titre: f.titre.value.clone(),
            axe: f.axe.as_ref().map(|r| r.name.clone()),
            objectifs: f.objectifs.iter().map(|r| r.name.clone()).collect(),
            champs: f
                .champs
                .iter()
                .map(|c| c.value.keyword().to_string())
                .collect(),
            priorite: kw(&f.priorite, |p| p.keyword()),
            statut: kw(&f.statut, |s| s.keyword()),
            constat: text(&f.constat),
            objectifs_operationnels: f
                .objectifs_operationnels
                .iter()
                .map(|s| s.value.clone())
                .collect(),
            description: text(&f.description),
            public: f.public.as_ref().map(val),
            territoire: f.territoire.as_ref().map(|t| match t {
                Territory::All => Territoire {
                    tout: true,
                    communes: Vec::new(),
                },
                Territory::Communes(list) => Territoire {
                    tout: false,
                    communes: list.iter().map(|r| r.name.clone()).collect(),
                },
            }),
            pilote: f.pilote.as_ref().map(|r| r.name.clone()),
            referents: f.referents.iter().map(val).collect(),
            partenaires: f.partenaires.iter().map(|r| r.name.clone()).collect(),
            calendrier: f.calendrier.map(|(r, _)| Annees {
                debut: r.start,
                fin: r.end,
            }),
            etapes: f
                .etapes
                .iter()
                .map(|e| Etape {
                    annee: e.annee,
                    texte: e.texte.clone(),
                })
                .collect(),
            moyens: text(&f.moyens),
            resultats_attendus: text(&f.resultats_attendus),
            liens: f.liens.iter().map(|l| l.value.clone()).collect(),
            indicateurs: f
                .indicateurs
                .iter()
                .enumerate()
                .map(|(n, ind)| indicateur(ind, &bilans, i, n))
                .collect(),
            total_centimes: totals.par_fiche.get(&i).map_or(0, |m| m.cents()),
        })
        .collect()
}

fn mesure(m: &Measure) -> Mesure {
    Mesure {
        valeur: val(&m.valeur),
        annee: m.annee,
    }
}

fn indicateur(
    ind: &Indicator,
    bilans: &Bilans,
    fiche: Idx<crate::model::Fiche>,
    index: usize,
) -> Indicateur {
    Indicateur {
        libelle: ind.libelle.value.clone(),
        kind: kw(&ind.kind, |k| k.keyword()),
        unite: ind.unite.clone(),
        depart: ind.depart.as_ref().map(mesure),
        cible: ind.cible.as_ref().map(mesure),
        valeurs: bilans
            .series(fiche, index)
            .iter()
            .map(|p| Mesure {
                valeur: val(p.valeur),
                annee: p.annee,
            })
            .collect(),
        source: ind.source.clone(),
        frequence: ind.frequence.clone(),
    }
}
