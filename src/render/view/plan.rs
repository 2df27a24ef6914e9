//! The plan d'actions: the words a convention uses for its levels, the axes with their objectifs,
//! and the links between axes, objectifs and fiches.

use serde::Serialize;

use crate::model::{Axe, Fiche, Idx, Model, Objectif};
use crate::project;
use crate::totals::Totals;
use crate::typography::french;

use super::citations::Catalog;
use super::finances::money;
use crate::typography::capitalize;

#[derive(Serialize, Debug, Clone)]
pub struct Labels {
    /// « Axe », « Orientation »…
    pub axe: String,
    pub axes: String,
    pub objectif: String,
    pub objectifs: String,
    pub fiche: String,
    pub fiches: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct Link {
    pub id: String,
    pub numero: String,
    pub titre: String,
    /// Stable anchor: `axe-pe`, `fiche-creche`.
    pub ancre: String,
}

#[derive(Serialize, Debug, Clone)]
pub struct ObjectifView {
    pub id: String,
    pub numero: String,
    pub titre: String,
    /// Stable anchor: `objectif-pe-creche`.
    pub ancre: String,
    pub description_md: Option<String>,
    /// The fiches that serve this objectif.
    pub fiches: Vec<Link>,
}

#[derive(Serialize, Debug, Clone)]
pub struct AxeView {
    pub id: String,
    pub numero: String,
    pub titre: String,
    /// « Orientation 1 »
    pub intitule: String,
    pub ancre: String,
    pub description_md: Option<String>,
    pub objectifs: Vec<ObjectifView>,
    pub fiches: Vec<Link>,
    /// The axe's fiches tied to none of its objectifs.
    pub fiches_hors_objectif: Vec<Link>,
    pub total: String,
}

/// The configured words, capitalised, singular and plural.
pub(super) fn labels(cfg: &project::Labels) -> Labels {
    Labels {
        axe: capitalize(&cfg.axe),
        axes: capitalize(&cfg.axes()),
        objectif: capitalize(&cfg.objectif),
        objectifs: capitalize(&cfg.objectifs()),
        fiche: capitalize(&cfg.fiche),
        fiches: capitalize(&cfg.fiches()),
    }
}

/// A link to an element of the plan: its anchor is `KIND-ID`.
fn link(kind: &str, id: &str, numero: &str, titre: &str) -> Link {
    Link {
        id: id.to_string(),
        numero: numero.to_string(),
        titre: french(titre),
        ancre: format!("{kind}-{id}"),
    }
}

pub(super) fn axe_link(model: &Model, i: Idx<Axe>) -> Link {
    let a = &model.axes[i];
    link("axe", &a.id.name, &a.numero, &a.titre.value)
}

pub(super) fn objectif_link(model: &Model, i: Idx<Objectif>) -> Link {
    let o = &model.objectifs[i];
    link("objectif", &o.id.name, &o.numero, &o.titre.value)
}

pub(super) fn fiche_link(model: &Model, i: Idx<Fiche>) -> Link {
    let f = &model.fiches[i];
    link("fiche", &f.id.name, &f.numero, &f.titre.value)
}

pub(super) fn axes(model: &Model, t: &Totals, labels: &Labels, cite: &Catalog) -> Vec<AxeView> {
    Idx::enumerate(&model.axes)
        .map(|(ai, a)| AxeView {
            id: a.id.name.clone(),
            numero: a.numero.clone(),
            titre: french(&a.titre.value),
            intitule: format!("{} {}", labels.axe, a.numero),
            ancre: format!("axe-{}", a.id.name),
            description_md: a.description.as_ref().map(|d| cite.markdown(d)),
            objectifs: a
                .objectifs
                .iter()
                .map(|&oi| {
                    let o = &model.objectifs[oi];
                    ObjectifView {
                        id: o.id.name.clone(),
                        numero: o.numero.clone(),
                        titre: french(&o.titre.value),
                        ancre: format!("objectif-{}", o.id.name),
                        description_md: o.description.as_ref().map(|d| cite.markdown(d)),
                        fiches: Idx::enumerate(&model.fiches)
                            .filter(|(_, f)| f.objectifs.iter().any(|r| r.target == Some(oi)))
                            .map(|(fi, _)| fiche_link(model, fi))
                            .collect(),
                    }
                })
                .collect(),
            fiches: Idx::enumerate(&model.fiches)
                .filter(|(_, f)| f.axe.as_ref().and_then(|r| r.target) == Some(ai))
                .map(|(fi, _)| fiche_link(model, fi))
                .collect(),
            fiches_hors_objectif: Idx::enumerate(&model.fiches)
                .filter(|(_, f)| f.axe.as_ref().and_then(|r| r.target) == Some(ai))
                .filter(|(_, f)| {
                    !f.objectifs
                        .iter()
                        .any(|r| r.target.is_some_and(|oi| a.objectifs.contains(&oi)))
                })
                .map(|(fi, _)| fiche_link(model, fi))
                .collect(),
            total: money(t.par_axe.get(&ai).copied().unwrap_or_default()),
        })
        .collect()
}
