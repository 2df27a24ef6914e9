//! The annexes: the convention's own, and the plan of every annex the documents show, built-in
//! ones first, numbered in order.

use serde::Serialize;

use crate::model::Model;
use crate::totals::Totals;
use crate::typography::french;

use super::plan::Labels;

/// One annex of the documents, in order: what it holds (`cle`), its number and its anchor.
#[derive(Serialize, Debug, Clone)]
pub struct AnnexEntry {
    /// `synthese`, `fiches`, `financements`, `equipements`, `gouvernance`, `conventions-liees`, or
    /// `annexe` for one of the convention's own annexes (then `id` names it).
    pub cle: String,
    pub id: Option<String>,
    pub numero: usize,
    /// « Annexe 3 »
    pub intitule: String,
    pub titre: String,
    /// `annexe-synthese`, `annexe-diagnostic`…
    pub ancre: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct AnnexeView {
    pub id: String,
    pub titre: String,
    pub texte_md: Option<String>,
}

/// The convention's own annexes.
pub(super) fn annexes(model: &Model) -> Vec<AnnexeView> {
    model
        .annexes
        .iter()
        .map(|a| AnnexeView {
            id: a.id.name.clone(),
            titre: french(&a.titre.value),
            texte_md: a.texte.as_ref().map(|t| t.markdown_with(french)),
        })
        .collect()
}

/// The annexes in document order: the built-in ones that have content, then the convention's own.
pub(super) fn plan(model: &Model, t: &Totals, labels: &Labels) -> Vec<AnnexEntry> {
    let builtin = [
        (
            "synthese",
            "Synthèse du plan d’actions".to_string(),
            !model.axes.is_empty() || !model.fiches.is_empty(),
        ),
        ("fiches", labels.fiches.clone(), !model.fiches.is_empty()),
        (
            "financements",
            "Tableaux financiers".to_string(),
            !t.rows.is_empty(),
        ),
        (
            "equipements",
            "Équipements et services".to_string(),
            !model.equipements.is_empty(),
        ),
        (
            "gouvernance",
            "Gouvernance".to_string(),
            !model.instances.is_empty(),
        ),
        (
            "conventions-liees",
            "Conventions liées".to_string(),
            !model.conventions_liees.is_empty(),
        ),
    ];
    let builtin = builtin
        .into_iter()
        .filter(|(_, _, present)| *present)
        .map(|(cle, titre, _)| (cle.to_string(), None, titre, format!("annexe-{cle}")));
    let own = model.annexes.iter().map(|a| {
        (
            "annexe".to_string(),
            Some(a.id.name.clone()),
            french(&a.titre.value),
            format!("annexe-{}", a.id.name),
        )
    });
    builtin
        .chain(own)
        .enumerate()
        .map(|(i, (cle, id, titre, ancre))| AnnexEntry {
            cle,
            id,
            numero: i + 1,
            intitule: format!("Annexe {}", i + 1),
            titre,
            ancre,
        })
        .collect()
}
