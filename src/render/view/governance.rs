//! How the convention is steered: its instances, and the conventions it is linked to.

use serde::Serialize;

use crate::model::Model;
use crate::typography::french;

use super::citations::Catalog;
use super::parties::party_name;
use super::plan::{Link, fiche_link};
use super::text::years_text;

#[derive(Serialize, Debug, Clone)]
pub struct InstanceView {
    pub id: String,
    pub nom: String,
    pub type_: Option<String>,
    pub membres: Vec<String>,
    pub frequence: Option<String>,
    pub role_md: Option<String>,
    pub fiches: Vec<Link>,
}

#[derive(Serialize, Debug, Clone)]
pub struct LinkedView {
    pub id: String,
    pub titre: String,
    pub signataires: Vec<String>,
    pub periode: Option<String>,
    pub objet_md: Option<String>,
}

pub(super) fn instances(model: &Model, cite: &Catalog) -> Vec<InstanceView> {
    model
        .instances
        .iter()
        .map(|inst| InstanceView {
            id: inst.id.name.clone(),
            nom: french(&inst.nom.value),
            type_: inst.kind.as_ref().map(|k| k.value.label().to_string()),
            membres: inst
                .membres
                .iter()
                .filter_map(|m| party_name(model, m.target))
                .chain(inst.membres_libres.iter().map(|m| french(&m.value)))
                .collect(),
            frequence: inst.frequence.as_deref().map(french),
            role_md: inst.role.as_ref().map(|r| cite.markdown(r)),
            fiches: inst
                .fiches
                .iter()
                .filter_map(|f| f.target)
                .map(|fi| fiche_link(model, fi))
                .collect(),
        })
        .collect()
}

pub(super) fn linked_conventions(model: &Model, cite: &Catalog) -> Vec<LinkedView> {
    model
        .conventions_liees
        .iter()
        .map(|c| LinkedView {
            id: c.id.name.clone(),
            titre: french(&c.titre.value),
            signataires: c
                .signataires
                .iter()
                .filter_map(|s| party_name(model, s.target))
                .collect(),
            periode: c.periode.map(|(p, _)| years_text(p.years())),
            objet_md: c.objet.as_ref().map(|o| cite.markdown(o)),
        })
        .collect()
}
