//! What the consolidated convention shows of its avenants: the table at its start and, on each
//! element an avenant added or modified, its mention (« ajoutée par l'avenant n° 1 du … »).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Avenant, Element, Model, Val};
use crate::typography::{capitalize, french};

use super::TO_COMPLETE;

/// One row of the table of avenants.
#[derive(Serialize, Debug, Clone)]
pub struct AvenantRow {
    pub numero: u32,
    /// « Avenant n° 1 »
    pub intitule: String,
    /// « 13 janvier 2020 », « janvier 2020 », « [à compléter] »
    pub date: String,
    /// What it changes, in short: « ajout de signataires ; ajout d'une fiche »
    pub objet: String,
}

/// « n° 1 du 13 janvier 2020 », « n° 1 de janvier 2020 », « n° 1 » (a date still unknown).
pub(super) fn dated(avenant: &Avenant) -> String {
    let n = format!("n°\u{a0}{}", avenant.numero);
    match avenant.date.as_ref().map(|d| &d.0) {
        Some(Val::Known(d)) => format!("{n} {}", d.french_of('’')),
        _ => n,
    }
}

pub(super) fn date_text(avenant: &Avenant) -> String {
    match avenant.date.as_ref().map(|d| &d.0) {
        Some(Val::Known(d)) => d.french(),
        _ => TO_COMPLETE.to_string(),
    }
}

pub(super) fn table(model: &Model) -> Vec<AvenantRow> {
    model
        .avenants
        .iter()
        .map(|a| AvenantRow {
            numero: a.numero,
            intitule: format!("Avenant n°\u{a0}{}", a.numero),
            date: date_text(a),
            objet: french(&capitalize(&summary(model, a))),
        })
        .collect()
}

/// The kinds of change of an avenant, each once, in the order first made.
fn summary(model: &Model, avenant: &Avenant) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for a in model
        .amendments
        .iter()
        .filter(|m| m.avenant == avenant.numero)
    {
        let part = match (&a.element, a.added) {
            (Element::Party(_), true) => "entrée de nouveaux signataires",
            (Element::Party(_), false) => "retrait de signataires",
            (Element::Fiche(_), true) => "ajout de fiches",
            (Element::Fiche(_), false) => "fiches remplacées",
            (Element::Article(_), true) => "ajout d’articles",
            (Element::Article(_), false) => "articles modifiés",
            (Element::Annexe(_), _) => "ajout d’annexes",
            (Element::Funding(_), _) => "financements modifiés",
            (Element::Period, _) => "prolongation de la convention",
        };
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    let withdrawn = avenant
        .changes
        .iter()
        .any(|c| matches!(c.kind, crate::model::ChangeKind::WithdrawFiche(_)));
    if withdrawn {
        parts.push("retrait de fiches");
    }
    if parts.is_empty() {
        return "modification de la convention".to_string();
    }
    parts.join(" ; ")
}

/// Element key (`fiche:ID`…) → its mention, every avenant that touched it in order.
pub(super) fn marks(model: &Model) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for a in &model.amendments {
        let Some(avenant) = model.avenants.iter().find(|v| v.numero == a.avenant) else {
            continue;
        };
        let feminine = matches!(
            a.element,
            Element::Fiche(_) | Element::Annexe(_) | Element::Period
        );
        let verb = match (&a.element, a.added) {
            (Element::Party(_), true) => "signataire par l’avenant".to_string(),
            (Element::Party(_), false) => "retrait par l’avenant".to_string(),
            (Element::Funding(_), _) => "financements modifiés par l’avenant".to_string(),
            (_, added) => format!(
                "{}{} par l’avenant",
                if added { "ajouté" } else { "modifié" },
                if feminine { "e" } else { "" }
            ),
        };
        out.entry(a.element.key())
            .or_default()
            .push(format!("{verb} {}", dated(avenant)));
    }
    out.into_iter()
        .map(|(k, v)| (k, french(&capitalize(&v.join(" ; ")))))
        .collect()
}
