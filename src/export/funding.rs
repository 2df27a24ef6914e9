//! The money: every funding line flattened to one row per funder and year, and the totals of
//! `crate::totals`.

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::{Idx, Model, Party};
use crate::totals::Totals;

#[derive(Serialize, JsonSchema)]
pub struct Financement {
    /// Funder id.
    pub financeur: String,
    pub annee: i32,
    /// Null when the amount is « à déterminer » or « à compléter ».
    pub montant_centimes: Option<i64>,
    pub fiche: Option<String>,
    pub equipement: Option<String>,
    pub dispositif: Option<String>,
    pub previsionnel: bool,
    /// Linked convention id.
    pub convention: Option<String>,
    /// Who receives the money: as written, else the équipement's gestionnaire or the fiche's pilote.
    pub beneficiaire: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct TotalFinanceur {
    pub financeur: String,
    pub montant_centimes: i64,
}

#[derive(Serialize, JsonSchema)]
pub struct TotalAnnee {
    pub annee: i32,
    pub montant_centimes: i64,
}

#[derive(Serialize, JsonSchema)]
pub struct TotalAxe {
    pub axe: String,
    pub montant_centimes: i64,
}

#[derive(Serialize, JsonSchema)]
pub struct Totaux {
    pub par_financeur: Vec<TotalFinanceur>,
    pub par_annee: Vec<TotalAnnee>,
    pub par_axe: Vec<TotalAxe>,
    /// Funding of équipements, outside the axes.
    pub equipements_centimes: i64,
    pub general_centimes: i64,
    /// Number of rows whose amount is not known yet.
    pub lignes_a_determiner: usize,
}

fn party_id(model: &Model, i: Idx<Party>) -> String {
    model.parties[i].id.name.clone()
}

pub(super) fn financements(model: &Model, totals: &Totals) -> Vec<Financement> {
    totals
        .rows
        .iter()
        .map(|r| {
            let default_beneficiary = match (r.equipement, r.fiche) {
                (Some(e), _) => model.equipements[e]
                    .gestionnaire
                    .as_ref()
                    .and_then(|g| g.target),
                (None, Some(f)) => model.fiches[f].pilote.as_ref().and_then(|p| p.target),
                _ => None,
            };
            Financement {
                financeur: party_id(model, r.financeur),
                annee: r.annee,
                montant_centimes: r.montant.map(|m| m.cents()),
                fiche: r.fiche.map(|f| model.fiches[f].id.name.clone()),
                equipement: r.equipement.map(|e| model.equipements[e].id.name.clone()),
                dispositif: r.dispositif.clone(),
                previsionnel: r.previsionnel,
                convention: r
                    .convention
                    .map(|c| model.conventions_liees[c].id.name.clone()),
                beneficiaire: r
                    .beneficiaire
                    .or(default_beneficiary)
                    .map(|p| party_id(model, p)),
            }
        })
        .collect()
}

pub(super) fn totaux(model: &Model, totals: &Totals) -> Totaux {
    Totaux {
        par_financeur: totals
            .par_financeur
            .iter()
            .map(|(&f, m)| TotalFinanceur {
                financeur: party_id(model, f),
                montant_centimes: m.cents(),
            })
            .collect(),
        par_annee: totals
            .par_annee
            .iter()
            .map(|(&annee, m)| TotalAnnee {
                annee,
                montant_centimes: m.cents(),
            })
            .collect(),
        par_axe: totals
            .par_axe
            .iter()
            .map(|(&a, m)| TotalAxe {
                axe: model.axes[a].id.name.clone(),
                montant_centimes: m.cents(),
            })
            .collect(),
        equipements_centimes: totals.equipements.cents(),
        general_centimes: totals.general.cents(),
        lignes_a_determiner: totals.a_determiner,
    }
}
