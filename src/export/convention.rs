//! The convention's own data: title, period, signature, champs, visas, préambule.

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::{ConventionInfo, Period};

use super::{date, text, val};

#[derive(Serialize, JsonSchema)]
pub struct Periode {
    /// ISO date of the first day.
    pub debut: String,
    /// ISO date of the last day.
    pub fin: String,
}

#[derive(Serialize, JsonSchema)]
pub struct Convention {
    pub titre: String,
    pub slogan: Option<String>,
    pub territoire: Option<String>,
    pub periode: Option<Periode>,
    /// ISO date (`2019-10` when only the month is known), or "à compléter".
    pub signature: Option<String>,
    pub lieu: Option<String>,
    pub exemplaires: Option<u32>,
    /// `projet` or `signée`.
    pub statut: Option<String>,
    /// `sous-réserve-des-crédits`: the amounts are committed subject to the funds available.
    pub sous_reserve_des_credits: bool,
    pub champs: Vec<String>,
    pub visas: Vec<String>,
    pub preambule: Option<String>,
}

pub(super) fn periode(p: Period) -> Periode {
    Periode {
        debut: p.start.iso(),
        fin: p.end.iso(),
    }
}

pub(super) fn convention(c: &ConventionInfo) -> Convention {
    Convention {
        titre: c.titre.value.clone(),
        slogan: c.slogan.as_ref().map(|s| s.value.clone()),
        territoire: c.territoire.as_ref().map(|s| s.value.clone()),
        periode: c.periode.map(|(p, _)| periode(p)),
        signature: c.signature.as_ref().map(|(d, _)| date(d)),
        lieu: c.lieu.as_ref().map(val),
        exemplaires: c.exemplaires.map(|e| e.0),
        statut: c.statut.as_ref().map(|s| s.value.keyword().to_string()),
        sous_reserve_des_credits: c.sous_reserve_credits,
        champs: c
            .champs
            .iter()
            .map(|c| c.value.keyword().to_string())
            .collect(),
        visas: c.visas.iter().map(|v| v.value.clone()).collect(),
        preambule: text(&c.preambule),
    }
}
