//! `ctgc export`: the resolved model as JSON or YAML, with French keys matching the language.
//! It describes the convention, not its layout: no spans, no line numbers.
//!
//! One module per family, as the view has them: the convention (`convention`), the parties
//! (`parties`), the plan (`plan`), équipements (`facilities`), governance (`governance`),
//! articles and annexes (`texts`), the money (`funding`), the avenants applied (`avenants`);
//! [`export`] only assembles them.

mod avenants;
mod bilan;
mod convention;
mod facilities;
mod funding;
mod governance;
mod parties;
mod plan;
pub mod tables;
mod texts;
#[cfg(feature = "cli")]
pub mod xlsx;

use schemars::JsonSchema;
use serde::Serialize;

use crate::model::{Choice, Model, TO_COMPLETE, Text, Val};
use crate::totals;

pub(crate) use avenants::Avenant;
pub(crate) use convention::Convention;
pub(crate) use facilities::Equipement;
pub(crate) use funding::{Financement, Totaux};
pub(crate) use governance::{ConventionLiee, Instance};
pub(crate) use parties::{Commune, Partenaire, Signataire};
pub(crate) use plan::{Axe, Fiche};
pub(crate) use texts::{Annexe, Article};

pub(super) fn val(v: &Val<String>) -> String {
    match v {
        Val::Known(s) => s.clone(),
        Val::ToComplete => TO_COMPLETE.into(),
    }
}

pub(super) fn date(v: &Val<crate::date::Date>) -> String {
    match v {
        Val::Known(d) => d.iso(),
        Val::ToComplete => TO_COMPLETE.into(),
    }
}

pub(super) fn text(t: &Option<Text>) -> Option<String> {
    t.as_ref().map(|t| t.markdown.clone())
}

pub(super) fn kw<T: Copy>(c: &Option<Choice<T>>, f: fn(T) -> &'static str) -> Option<String> {
    c.as_ref().map(|c| f(c.value).to_string())
}

#[derive(Serialize, JsonSchema)]
pub struct Export {
    pub convention: Option<Convention>,
    /// `continue`, `par-axe` or `lettres`.
    pub numerotation: String,
    pub signataires: Vec<Signataire>,
    /// Every commune of the territory, signing or not.
    pub communes: Vec<Commune>,
    pub partenaires: Vec<Partenaire>,
    pub axes: Vec<Axe>,
    pub fiches: Vec<Fiche>,
    pub equipements: Vec<Equipement>,
    pub instances: Vec<Instance>,
    pub conventions_liees: Vec<ConventionLiee>,
    /// The articles as they will be printed: template defaults with the convention's overrides.
    pub articles: Vec<Article>,
    pub annexes: Vec<Annexe>,
    /// Every funding line, flattened to one row per funder and year.
    pub financements: Vec<Financement>,
    pub totaux: Totaux,
    /// The avenants applied to this model, by number (none in the convention as signed).
    pub avenants: Vec<Avenant>,
    /// Every indicator of every fiche, one row each.
    pub indicateurs: Vec<bilan::IndicateurLigne>,
    /// Every indicator value, from the fiches and the bilans, one row per indicator and year.
    pub valeurs: Vec<bilan::Valeur>,
    /// The annual bilans, one row per fiche and year.
    pub bilans: Vec<bilan::BilanFiche>,
    /// What each financeur paid, per fiche and year, as the bilans say.
    pub realises: Vec<bilan::Realise>,
}

pub fn export(model: &Model) -> Export {
    let totals = totals::compute(model);
    Export {
        convention: model.convention.as_ref().map(convention::convention),
        numerotation: match model.config.numerotation {
            crate::project::Numbering::Continue => "continue",
            crate::project::Numbering::PerAxe => "par-axe",
            crate::project::Numbering::Letters => "lettres",
        }
        .to_string(),
        signataires: parties::signataires(model),
        communes: parties::communes(model),
        partenaires: parties::partenaires(model),
        axes: plan::axes(model),
        fiches: plan::fiches(model, &totals),
        equipements: facilities::equipements(model, &totals),
        instances: governance::instances(model),
        conventions_liees: governance::conventions_liees(model),
        articles: texts::articles(model),
        annexes: texts::annexes(model),
        financements: funding::financements(model, &totals),
        totaux: funding::totaux(model, &totals),
        avenants: avenants::avenants(model),
        indicateurs: bilan::indicateurs(model),
        valeurs: bilan::valeurs(model),
        bilans: bilan::bilans(model),
        realises: bilan::realises(model),
    }
}

/// The JSON Schema of the export, as committed in `schema/export.schema.json`.
pub fn schema() -> String {
    let schema = schemars::schema_for!(Export);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}
