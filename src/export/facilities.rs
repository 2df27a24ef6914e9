//! The équipements and services the convention funds outside the plan d'actions.

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::{Idx, Model};
use crate::totals::Totals;

use super::kw;

#[derive(Serialize, JsonSchema)]
pub struct Capacite {
    pub valeur: String,
    /// `places`, `heures` or `etp`.
    pub unite: String,
}

#[derive(Serialize, JsonSchema)]
pub struct Equipement {
    pub id: String,
    pub nom: String,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub gestionnaire: Option<String>,
    pub commune: Option<String>,
    pub capacite: Option<Capacite>,
    pub total_centimes: i64,
}

pub(super) fn equipements(model: &Model, totals: &Totals) -> Vec<Equipement> {
    Idx::enumerate(&model.equipements)
        .map(|(i, e)| Equipement {
            id: e.id.name.clone(),
            nom: e.nom.value.clone(),
            kind: kw(&e.kind, |k| k.keyword()),
            gestionnaire: e.gestionnaire.as_ref().map(|r| r.name.clone()),
            commune: e.commune.as_ref().map(|r| r.name.clone()),
            capacite: e.capacite.as_ref().map(|c| Capacite {
                valeur: c.valeur.clone(),
                unite: c.unite.keyword().to_string(),
            }),
            total_centimes: totals.par_equipement.get(&i).map_or(0, |m| m.cents()),
        })
        .collect()
}
