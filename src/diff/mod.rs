//! `ctgc diff`: what a change does to the convention, compared on the two compiled models.
//!
//! Everything is matched by its stable identifier (fiches, axes, signataires…), so a fiche that
//! moves or gets another number is « renumérotée », not removed and added; the layout of the
//! files plays no part, so a formatting-only change gives no change at all. Each change is one
//! atomic entry (one field of one element); funding is also summed per funder and year, per
//! funder and overall, with the deltas. The annual bilans are compared by year and by fiche and
//! year; an indicator's yearly values are one series wherever they are written (the fiche or its
//! bilan), and show on the indicator.

mod avenants;
mod bilan;
mod convention;
mod facilities;
mod funding;
pub mod markdown;
mod pairing;
mod parties;
mod plan;
mod record;
#[cfg(feature = "cli")]
pub(crate) mod revision;
mod sequence;
#[cfg(feature = "cli")]
mod signed;
pub mod text;
mod value;
mod wording;

use serde::Serialize;

use crate::model::Model;

pub(crate) use funding::FundingSummary;
#[cfg(feature = "cli")]
pub(crate) use signed::outside_avenants;
#[cfg(feature = "cli")]
pub(crate) use wording::{count, marked_lines, what};

/// What kind of element a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Element {
    Convention,
    Signataire,
    Commune,
    Partenaire,
    Axe,
    Objectif,
    Fiche,
    Equipement,
    Instance,
    ConventionLiee,
    Article,
    Annexe,
    Avenant,
    /// A year's bilan (`2024`), or a fiche's entry in it (`2024/creche`).
    Bilan,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// The element, or an item of a repeated field, is new.
    Ajout,
    /// The element, or an item of a repeated field, is gone.
    Retrait,
    /// A field's value changed.
    Modification,
    /// The displayed number changed (the identifier did not).
    Renumerotation,
    /// The title (or name) changed.
    Renommage,
}

/// How a value reads best: as is, between « », or as a long text shown line by line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shape {
    #[default]
    Plain,
    Quoted,
    Text,
}

/// One change: one field of one element (or one element added or removed).
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub element: Element,
    /// The element's identifier (`creche`, `caf`…); for the convention itself, `convention`.
    pub id: String,
    /// How the element is named to a reader: « fiche action 1.2 « Titre » ».
    pub libelle: String,
    pub action: Action,
    /// The field, as its keyword in the language (`référent`, `financement`, `cible`…); null for a
    /// whole element added or removed.
    pub champ: Option<String>,
    /// Which item of a repeated field: the indicator's label, the funding line's funder and years,
    /// the réalisé's funder, the synthèse's axe or instance.
    pub cle: Option<String>,
    pub avant: Option<String>,
    pub apres: Option<String>,
    /// For money: the difference in cents (new − old).
    pub ecart_centimes: Option<i64>,
    #[serde(skip)]
    pub shape: Shape,
    /// How the difference reads when a bare amount would mislead (« +2 000 € par an, soit… »).
    #[serde(skip)]
    pub gap_text: Option<String>,
}

/// The whole comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// What the old version is (a path, or `REV:path`).
    pub ancienne: String,
    /// What the new version is.
    pub nouvelle: String,
    pub changements: Vec<Change>,
    pub financements: FundingSummary,
    /// Labels of the new version (« fiche action », « orientation »), for the renderers.
    #[serde(skip)]
    pub(crate) labels: Labels,
}

/// The words the reader's documents use, from `ctgc.yaml`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Labels {
    pub axes: String,
    pub fiches: String,
}

impl Diff {
    pub(crate) fn is_empty(&self) -> bool {
        self.changements.is_empty()
    }
}

/// Compares two compiled versions of a convention.
pub fn compare(old: &Model, new: &Model, ancienne: String, nouvelle: String) -> Diff {
    let mut r = record::Recorder::default();
    convention::convention(old, new, &mut r);
    parties::parties(old, new, &mut r);
    plan::axes(old, new, &mut r);
    plan::fiches(old, new, &mut r);
    facilities::equipements(old, new, &mut r);
    facilities::instances(old, new, &mut r);
    convention::linked(old, new, &mut r);
    convention::articles(old, new, &mut r);
    convention::annexes(old, new, &mut r);
    avenants::avenants(old, new, &mut r);
    bilan::bilans(old, new, &mut r);
    let l = &new.config.libelles;
    Diff {
        ancienne,
        nouvelle,
        changements: r.changes,
        financements: funding::summary(old, new),
        labels: Labels {
            axes: l.axes(),
            fiches: l.fiches(),
        },
    }
}
