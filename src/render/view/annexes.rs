//! The annexes: the plan of every annex the documents show, in the order of the Caf's model
//! (`caf_model::PlanEntry`), numbered in that order, and the texts of the annexes the convention
//! writes. An annex of the plan that is not optional keeps its place and its number when it has
//! nothing to show: a generated one says « Sans objet », one the convention does not write is
//! « [à compléter] » (and `ctgc check` says so). The convention's annexes that the plan does not
//! name follow, in the order they are written.

use serde::Serialize;

use crate::caf_model::{GENERATED, PlanEntry};
use crate::model::Model;
use crate::totals::Totals;
use crate::typography::french;

use super::TO_COMPLETE;
use super::citations::Catalog;
use super::plan::Labels;

/// The text of a generated annex that the plan requires but that has nothing to show.
const WITHOUT_CONTENT: &str = "Sans objet pour la présente convention.";

/// One annex of the documents, in order: what it holds (`cle`), its number and its anchor.
#[derive(Serialize, Debug, Clone)]
pub struct AnnexEntry {
    /// `synthese`, `fiches`, `financements`, `equipements`, `gouvernance`, `conventions-liees`, or
    /// `annexe` for an annex printed from its text (then `id` names it in `annexes`).
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

/// What an annex of the plan becomes.
struct Placed {
    cle: String,
    id: Option<String>,
    titre: String,
    /// The text printed for an annex that has none of its own.
    stand_in: Option<&'static str>,
}

/// Every annex in document order: what each becomes, and its entry in the plan.
pub(super) struct Plan {
    placed: Vec<Placed>,
    pub entries: Vec<AnnexEntry>,
}

/// The plan of every annex in document order.
pub(super) fn plan(model: &Model, t: &Totals, labels: &Labels) -> Plan {
    let written = |id: &str| model.annexes.iter().find(|a| a.id.name == id);
    let has_content = |key: &str| match key {
        "synthese" => !model.axes.is_empty() || !model.fiches.is_empty(),
        "fiches" => !model.fiches.is_empty(),
        "financements" => !t.rows.is_empty(),
        "equipements" => !model.equipements.is_empty(),
        "gouvernance" => !model.instances.is_empty(),
        "conventions-liees" => !model.conventions_liees.is_empty(),
        _ => false,
    };
    let generated_title = |key: &str, entry: Option<&PlanEntry>| {
        let own = written(key)
            .map(|a| a.titre.value.as_str())
            .filter(|t| !t.is_empty());
        let from_model = entry.and_then(|e| e.titre.as_deref());
        own.or(from_model)
            .map(french)
            .unwrap_or_else(|| default_title(key, labels))
    };
    let mut placed: Vec<Placed> = Vec::new();
    for entry in &model.caf_model.annexes {
        if entry.is_generated() {
            let present = has_content(&entry.id);
            if !present && entry.facultative {
                continue;
            }
            placed.push(Placed {
                cle: if present {
                    entry.id.clone()
                } else {
                    "annexe".into()
                },
                id: (!present).then(|| entry.id.clone()),
                titre: generated_title(&entry.id, Some(entry)),
                stand_in: (!present).then_some(WITHOUT_CONTENT),
            });
        } else if let Some(a) = written(&entry.id) {
            placed.push(Placed {
                cle: "annexe".into(),
                id: Some(entry.id.clone()),
                titre: french(&a.titre.value),
                stand_in: None,
            });
        } else if !entry.facultative {
            placed.push(Placed {
                cle: "annexe".into(),
                id: Some(entry.id.clone()),
                titre: french(entry.titre.as_deref().unwrap_or(&entry.id)),
                stand_in: Some(TO_COMPLETE),
            });
        }
    }
    // The convention's annexes the plan does not name, as written; a generated one named by the
    // convention comes back at the end.
    let planned = |id: &str| model.caf_model.annexes.iter().any(|e| e.id == id);
    for a in model.annexes.iter().filter(|a| !planned(&a.id.name)) {
        let key = a.id.name.as_str();
        let generated = GENERATED.contains(&key);
        let present = generated && has_content(key);
        placed.push(Placed {
            cle: if present { key.into() } else { "annexe".into() },
            id: (!present).then(|| key.to_string()),
            titre: if generated {
                generated_title(key, None)
            } else {
                french(&a.titre.value)
            },
            stand_in: (generated && !present).then_some(WITHOUT_CONTENT),
        });
    }
    let entries = placed
        .iter()
        .enumerate()
        .map(|(i, p)| AnnexEntry {
            ancre: format!("annexe-{}", p.id.as_deref().unwrap_or(&p.cle)),
            cle: p.cle.clone(),
            id: p.id.clone(),
            numero: i + 1,
            intitule: format!("Annexe {}", i + 1),
            titre: p.titre.clone(),
        })
        .collect();
    Plan { placed, entries }
}

/// The texts of the annexes of PLAN printed from a text: the convention's, with their citations,
/// and the stand-ins of the plan's annexes without content.
pub(super) fn texts(model: &Model, plan: &Plan, cite: &Catalog) -> Vec<AnnexeView> {
    let written = |id: &str| model.annexes.iter().find(|a| a.id.name == id);
    plan.placed
        .iter()
        .filter_map(|p| {
            let id = p.id.as_ref()?;
            let texte_md = match p.stand_in {
                Some(text) => Some(text.to_string()),
                None => written(id)
                    .and_then(|a| a.texte.as_ref())
                    .map(|t| cite.markdown(t)),
            };
            Some(AnnexeView {
                id: id.clone(),
                titre: p.titre.clone(),
                texte_md,
            })
        })
        .collect()
}

/// The title of a generated annex when neither the model nor the convention gives one.
fn default_title(key: &str, labels: &Labels) -> String {
    match key {
        "synthese" => "Synthèse du plan d’actions".into(),
        "fiches" => labels.fiches.clone(),
        "financements" => "Tableaux financiers".into(),
        "equipements" => "Équipements et services".into(),
        "gouvernance" => "Gouvernance".into(),
        _ => "Conventions liées".into(),
    }
}
