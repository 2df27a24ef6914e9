//! How the convention is steered: its instances, and the conventions it is linked to.

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::Model;

use super::convention::{Periode, periode};
use super::{kw, text};

#[derive(Serialize, JsonSchema)]
pub struct Instance {
    pub id: String,
    pub nom: String,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub membres: Vec<String>,
    pub membres_libres: Vec<String>,
    pub frequence: Option<String>,
    pub role: Option<String>,
    pub fiches: Vec<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct ConventionLiee {
    pub id: String,
    pub titre: String,
    pub signataires: Vec<String>,
    pub periode: Option<Periode>,
    pub objet: Option<String>,
}

pub(super) fn instances(model: &Model) -> Vec<Instance> {
    model
        .instances
        .iter()
        .map(|i| Instance {
            id: i.id.name.clone(),
            nom: i.nom.value.clone(),
            kind: kw(&i.kind, |k| k.keyword()),
            membres: i.membres.iter().map(|r| r.name.clone()).collect(),
            membres_libres: i.membres_libres.iter().map(|m| m.value.clone()).collect(),
            frequence: i.frequence.clone(),
            role: text(&i.role),
            fiches: i.fiches.iter().map(|r| r.name.clone()).collect(),
        })
        .collect()
}

pub(super) fn conventions_liees(model: &Model) -> Vec<ConventionLiee> {
    model
        .conventions_liees
        .iter()
        .map(|c| ConventionLiee {
            id: c.id.name.clone(),
            titre: c.titre.value.clone(),
            signataires: c.signataires.iter().map(|r| r.name.clone()).collect(),
            periode: c.periode.map(|(p, _)| periode(p)),
            objet: text(&c.objet),
        })
        .collect()
}
