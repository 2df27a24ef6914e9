//! The parties: the signing bodies with their representatives and deliberation, the communes of
//! the territory, the partners.

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::{Model, Party, PartyKind};

use super::{date, val};

#[derive(Serialize, JsonSchema)]
pub struct Representant {
    pub qualite: String,
    /// `M.` or `Mme`.
    pub civilite: Option<String>,
    /// The name, or "à compléter".
    pub nom: String,
}

#[derive(Serialize, JsonSchema)]
pub struct Deliberation {
    pub organe: String,
    /// ISO date, or "à compléter".
    pub date: String,
    pub numero: Option<String>,
}

#[derive(Serialize, JsonSchema)]
pub struct Signataire {
    pub id: String,
    pub nom: String,
    pub nature: Option<String>,
    pub denomination: Option<String>,
    /// `féminin` or `masculin`: agreement of « représenté(e) », « dénommé(e) ».
    pub genre: String,
    pub representants: Vec<Representant>,
    pub deliberation: Option<Deliberation>,
    pub adresse: Option<String>,
    pub logo: Option<Logo>,
}

#[derive(Serialize, JsonSchema)]
pub struct Logo {
    pub fichier: String,
    pub alt: String,
}

#[derive(Serialize, JsonSchema)]
pub struct Commune {
    pub id: String,
    pub nom: String,
    pub signataire: bool,
}

#[derive(Serialize, JsonSchema)]
pub struct Partenaire {
    pub id: String,
    pub nom: String,
    pub nature: Option<String>,
    pub denomination: Option<String>,
    pub adresse: Option<String>,
}

pub(super) fn signataires(model: &Model) -> Vec<Signataire> {
    model.signataires().map(signataire).collect()
}

fn signataire(p: &Party) -> Signataire {
    Signataire {
        id: p.id.name.clone(),
        nom: p.nom.value.clone(),
        nature: p.nature().map(|n| n.keyword().to_string()),
        denomination: p.denomination.as_ref().map(|d| d.value.clone()),
        genre: p.gender().keyword().to_string(),
        representants: p
            .representants
            .iter()
            .map(|r| Representant {
                qualite: r.qualite.value.clone(),
                civilite: r.civilite.map(|c| c.keyword().to_string()),
                nom: val(&r.nom),
            })
            .collect(),
        deliberation: p.deliberation.as_ref().map(|d| Deliberation {
            organe: d.organe.value.clone(),
            date: date(&d.date),
            numero: d.numero.as_ref().map(val),
        }),
        adresse: p.adresse.as_ref().map(|a| a.value.clone()),
        logo: p.logo.as_ref().map(|l| Logo {
            fichier: l.fichier.clone(),
            alt: l.alt.clone(),
        }),
    }
}

pub(super) fn communes(model: &Model) -> Vec<Commune> {
    model
        .communes()
        .map(|c| Commune {
            id: c.id.name.clone(),
            nom: c.nom.value.clone(),
            signataire: c.signe,
        })
        .collect()
}

pub(super) fn partenaires(model: &Model) -> Vec<Partenaire> {
    model
        .parties
        .iter()
        .filter(|p| p.kind == PartyKind::Partenaire)
        .map(|p| Partenaire {
            id: p.id.name.clone(),
            nom: p.nom.value.clone(),
            nature: p.nature().map(|n| n.keyword().to_string()),
            denomination: p.denomination.as_ref().map(|d| d.value.clone()),
            adresse: p.adresse.as_ref().map(|a| a.value.clone()),
        })
        .collect()
}
