//! The parties in the French of a legal clause: the article and gender of each body, its
//! representatives (« représentée par sa Présidente, Mme … »), the parties clause, the signature
//! cells, and the short names money tables use.

use serde::Serialize;

use crate::model::{Gender, Idx, Model, Nature, Party, PartyKind, Val};
use crate::typography::{capitalize, french};

use super::TO_COMPLETE;
use super::french::{commune, elides, lower_article, with_article};
use super::representatives::{authorised, cell_title, person_name, represented_by};
use super::text::val;

#[derive(Serialize, Debug, Clone)]
pub struct PartyView {
    pub id: String,
    pub nom: String,
    /// « la Caf »
    pub denomination: Option<String>,
    /// The full paragraph of the parties clause, without final punctuation.
    pub clause: String,
    pub logo: Option<LogoView>,
}

#[derive(Serialize, Debug, Clone)]
pub struct LogoView {
    pub fichier: String,
    pub alt: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct SignatureCell {
    /// « Pour la Caisse d'allocations familiales de la Savoie »
    pub pour: String,
    /// « Le Président du conseil d'administration »
    pub qualite: String,
    /// « M. Lucien Spigarelli », or « [à compléter] ».
    pub nom: String,
    /// The signing body's logo, if any.
    pub logo: Option<LogoView>,
}

#[derive(Serialize, Debug, Clone)]
pub struct CommuneView {
    pub id: String,
    pub nom: String,
    pub signataire: bool,
}

#[derive(Serialize, Debug, Clone)]
pub struct PartnerView {
    pub id: String,
    pub nom: String,
    pub nature: Option<String>,
    /// « le CIAS »
    pub denomination: Option<String>,
    pub adresse: Option<String>,
    /// The partner in the words of the parties clause: « Le Centre …, dont le siège est situé …,
    /// ci-après dénommé « le CIAS » ».
    pub clause: String,
}

/// The parties clause, one entry per signing body, in order.
pub(super) fn parties(signing: &[&Party]) -> Vec<PartyView> {
    signing
        .iter()
        .map(|p| PartyView {
            id: p.id.name.clone(),
            nom: name(p),
            denomination: p.denomination.as_ref().map(|d| french(&d.value)),
            clause: parties_clause(p),
            logo: logo(p),
        })
        .collect()
}

/// One cell per signing person.
pub(super) fn signatures(signing: &[&Party]) -> Vec<SignatureCell> {
    signing.iter().flat_map(|p| signature_cells(p)).collect()
}

pub(super) fn communes(model: &Model) -> Vec<CommuneView> {
    model
        .communes()
        .map(|c| CommuneView {
            id: c.id.name.clone(),
            nom: name(c),
            signataire: c.signe,
        })
        .collect()
}

pub(super) fn partners(model: &Model) -> Vec<PartnerView> {
    model
        .parties
        .iter()
        .filter(|p| p.kind == PartyKind::Partenaire)
        .map(|p| PartnerView {
            id: p.id.name.clone(),
            nom: name(p),
            nature: p.nature().map(|n: Nature| n.label().to_string()),
            denomination: p.denomination.as_ref().map(|d| french(&d.value)),
            adresse: p.adresse.as_ref().map(|a| french(&a.value)),
            clause: parties_clause(p),
        })
        .collect()
}

fn logo(p: &Party) -> Option<LogoView> {
    p.logo.as_ref().map(|l| LogoView {
        fichier: l.fichier.clone(),
        alt: french(&l.alt),
    })
}

/// « du Conseil communautaire », « de la Commission permanente », « de l'Assemblée »
fn of_body(organe: &str) -> String {
    let first = crate::keyword::fold(organe.split(' ').next().unwrap_or(""));
    if elides(organe) {
        format!("de l'{organe}")
    } else if ["commission", "assemblee", "delegation", "seance"].contains(&first.as_str()) {
        format!("de la {organe}")
    } else {
        format!("du {organe}")
    }
}

/// The party's paragraph: « La Caisse …, représentée par …, dûment autorisés à signer la présente
/// convention par délibération du … en date du …, ci-après dénommée « la Caf » ».
pub(crate) fn parties_clause(p: &Party) -> String {
    let gender = p.gender();
    let fem = gender == Gender::Feminin;
    let mut s = with_article(&legal_name(p), gender);
    if let Some(a) = &p.adresse {
        s.push_str(&format!(", dont le siège est situé {}", french(&a.value)));
    }
    if !p.representants.is_empty() {
        let parts: Vec<String> = p.representants.iter().map(represented_by).collect();
        s.push_str(if fem {
            ", représentée "
        } else {
            ", représenté "
        });
        s.push_str(&parts.join(", et "));
        s.push_str(&format!(
            ", {} à signer la présente convention",
            authorised(&p.representants)
        ));
        if let Some(d) = &p.deliberation {
            s.push_str(&format!(
                " par délibération {}",
                of_body(&french(&d.organe.value))
            ));
            match &d.date {
                Val::Known(date) => s.push_str(&format!(" en date du {}", date.french())),
                Val::ToComplete => s.push_str(&format!(" en date du {TO_COMPLETE}")),
            }
            if let Some(n) = &d.numero {
                s.push_str(&format!(" (n°\u{a0}{})", val(n)));
            }
        }
    }
    if let Some(d) = &p.denomination {
        s.push_str(&format!(
            ", ci-après {} « {} »",
            if fem { "dénommée" } else { "dénommé" },
            french(&d.value)
        ));
    }
    french(&s)
}

/// The body's name as it signs: a commune is « Commune du Pouget », « Commune d'Aube ».
pub(super) fn legal_name(p: &Party) -> String {
    let name = name(p);
    if p.nature() == Some(Nature::Commune) {
        commune(&name)
    } else {
        name
    }
}

fn signature_cells(p: &Party) -> Vec<SignatureCell> {
    let pour = format!(
        "Pour {}",
        lower_article(&with_article(&legal_name(p), p.gender()))
    );
    p.representants
        .iter()
        .map(|r| SignatureCell {
            pour: pour.clone(),
            qualite: cell_title(r),
            nom: person_name(r),
            logo: logo(p),
        })
        .collect()
}

/// A party's name as the documents print it: « [à compléter] » for a commune still to name.
pub(super) fn name(p: &Party) -> String {
    if p.nom_a_completer {
        TO_COMPLETE.to_string()
    } else {
        french(&p.nom.value)
    }
}

/// The full name of party `i`, if the reference was resolved.
pub(super) fn party_name(model: &Model, i: Option<Idx<Party>>) -> Option<String> {
    i.map(|i| name(&model.parties[i]))
}

/// Short name for tables: the dénomination (« la Caf » → « Caf »), else the full name.
pub(super) fn party_short(model: &Model, i: Idx<Party>) -> String {
    let p = &model.parties[i];
    match &p.denomination {
        Some(d) => {
            let v = d.value.trim();
            let stripped = ["la ", "le ", "les ", "l'", "l’"]
                .iter()
                .find_map(|a| v.strip_prefix(a).or_else(|| v.strip_prefix(&capitalize(a))))
                .unwrap_or(v);
            capitalize(&french(stripped))
        }
        None => name(p),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_that_deliberate_take_their_article() {
        assert_eq!(of_body("Conseil communautaire"), "du Conseil communautaire");
        assert_eq!(
            of_body("Commission permanente"),
            "de la Commission permanente"
        );
        assert_eq!(of_body("Assemblée générale"), "de l'Assemblée générale");
    }
}
