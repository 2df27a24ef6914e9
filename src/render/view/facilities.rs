//! The équipements and services the convention funds outside the plan d'actions.

use serde::Serialize;

use crate::model::{Idx, Model, Val};
use crate::totals::Totals;
use crate::typography::french;

use super::finances::{FundingLine, funding_line, money, split};
use super::parties::party_name;
use super::text::number;

#[derive(Serialize, Debug, Clone)]
pub struct EquipmentView {
    pub id: String,
    pub nom: String,
    /// Stable anchor: `equipement-creche-aime`.
    pub ancre: String,
    pub type_: Option<String>,
    pub gestionnaire: Option<String>,
    pub commune: Option<String>,
    /// « 30 places »
    pub capacite: Option<String>,
    pub financements: Vec<FundingLine>,
    pub total: String,
    /// The firm and `prévisionnel` parts of the total, when some of its amounts are prévisionnel
    /// (no firm part when all are).
    pub total_ferme: Option<String>,
    pub total_previsionnel: Option<String>,
}

pub(super) fn equipements(model: &Model, t: &Totals) -> Vec<EquipmentView> {
    Idx::enumerate(&model.equipements)
        .map(|(i, e)| {
            (
                i,
                e,
                split(
                    t.par_equipement.get(&i),
                    t.previsionnel.par_equipement.get(&i),
                ),
            )
        })
        .map(|(i, e, (total_ferme, total_previsionnel))| EquipmentView {
            id: e.id.name.clone(),
            nom: french(&e.nom.value),
            ancre: format!("equipement-{}", e.id.name),
            type_: e.kind.as_ref().map(|k| k.value.label().to_string()),
            gestionnaire: party_name(model, e.gestionnaire.as_ref().and_then(|g| g.target)),
            commune: party_name(model, e.commune.as_ref().and_then(|c| c.target)),
            capacite: e.capacite.as_ref().map(|c| {
                format!(
                    "{}\u{a0}{}",
                    number(&Val::Known(c.valeur.clone())),
                    c.unite.label()
                )
            }),
            financements: e
                .financements
                .iter()
                .map(|f| funding_line(model, f))
                .collect(),
            total: money(t.par_equipement.get(&i).copied().unwrap_or_default()),
            total_ferme,
            total_previsionnel,
        })
        .collect()
}
