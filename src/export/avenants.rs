//! The avenants applied to the exported model: what each one is and what it changes. The
//! elements they add or change are in the rest of the export, as consolidated.

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::{Avenant as Declared, ChangeKind, Model};

use super::{date, text, val};

#[derive(Serialize, JsonSchema)]
pub struct Avenant {
    pub numero: u32,
    /// ISO date (`2020-01`, to the month, when only the month is known), or "à compléter".
    pub date: Option<String>,
    pub lieu: Option<String>,
    /// Identifiers of the parties that sign the avenant.
    pub signataires: Vec<String>,
    pub visas: Vec<String>,
    pub preambule: Option<String>,
    pub objet: Option<String>,
    /// In the order written: the order of the avenant's articles.
    pub changements: Vec<Changement>,
}

#[derive(Serialize, JsonSchema)]
pub struct Changement {
    /// The change's keyword: `ajoute-signataire`, `retire-signataire`, `ajoute-fiche`,
    /// `remplace-fiche`, `retire-fiche`, `remplace-article`, `ajoute-article`, `ajoute-annexe`,
    /// `remplace-financements` or `prolonge`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The identifier of the element changed; null for `prolonge`.
    pub cible: Option<String>,
    /// For `prolonge`: the ISO date of the new last day of the period.
    pub fin: Option<String>,
}

pub(super) fn avenants(model: &Model) -> Vec<Avenant> {
    crate::avenant::in_order(model, None)
        .into_iter()
        .map(avenant)
        .collect()
}

fn avenant(a: &Declared) -> Avenant {
    Avenant {
        numero: a.numero,
        date: a.date.as_ref().map(|(d, _)| date(d)),
        lieu: a.lieu.as_ref().map(val),
        signataires: a.signataires.iter().map(|r| r.name.clone()).collect(),
        visas: a.visas.iter().map(|v| v.value.clone()).collect(),
        preambule: text(&a.preambule),
        objet: text(&a.objet),
        changements: a.changes.iter().map(|c| changement(&c.kind)).collect(),
    }
}

fn changement(kind: &ChangeKind) -> Changement {
    let (keyword, cible) = kind.written();
    Changement {
        kind: keyword.to_string(),
        cible: cible.map(str::to_string),
        fin: match kind {
            ChangeKind::Extend { end, .. } => Some(end.iso()),
            _ => None,
        },
    }
}
