//! The view: everything a document shows, computed once in Rust and shared by the PDF and HTML
//! renderers. Amounts, dates, numbers, agreement of the parties clause and all totals are
//! formatted here; templates only lay them out. Plain strings are display text (French
//! typography applied, not escaped: the template engine escapes for its target); fields named
//! `*_md` hold Markdown that the renderer converts.
//!
//! One module per family of the document: the convention's own data (`convention`), the parties
//! and their legal clause (`parties`), the plan (`plan`, `fiche`), the money (`finances`),
//! équipements (`facilities`), governance (`governance`), articles (`articles`) and annexes
//! (`annexes`); [`build`] only assembles them.

mod annexes;
mod articles;
mod avenant;
mod avenants;
pub mod bilan;
mod chart;
mod citations;
mod convention;
mod facilities;
mod fiche;
mod finances;
mod french;
mod governance;
mod parties;
mod plan;
mod representatives;
mod signatories;
mod style;
mod text;

use serde::Serialize;

use crate::model::{ConventionStatus, Model, Party};
use crate::render::TemplateError;
use crate::totals;
use crate::typography::french;

pub(crate) use annexes::{AnnexEntry, AnnexeView};
pub(crate) use articles::ArticleView;
pub use avenant::{AvenantPage, page as avenant_page};
pub(crate) use avenants::AvenantRow;
pub(crate) use citations::{Catalog, Resolved};
pub(crate) use convention::{Metadata, PeriodView, SignatureView};
pub(crate) use facilities::EquipmentView;
pub(crate) use fiche::FicheView;
pub(crate) use finances::Finances;
pub(crate) use governance::{InstanceView, LinkedView};
pub(crate) use parties::{CommuneView, PartnerView, PartyView, SignatureCell};
pub(crate) use plan::{AxeView, Labels};
pub(crate) use style::StyleView;

/// Shown in the documents wherever a value is still « à compléter »: bracketed, to stand out.
pub const TO_COMPLETE: &str = concat!("[", crate::model::to_complete!(), "]");
/// An empty cell of a money table.
pub(crate) const EMPTY_CELL: &str = "–";

#[derive(Serialize, Debug, Clone)]
pub struct View {
    pub titre: String,
    pub slogan: Option<String>,
    pub territoire: Option<String>,
    /// `statut projet`: the documents are marked « PROJET ».
    pub projet: bool,
    pub periode: Option<PeriodView>,
    pub signature: SignatureView,
    pub champs: Vec<String>,
    /// « Vu … » lines, complete with their punctuation (« ; », « . » after the last).
    pub visas: Vec<String>,
    pub preambule_md: Option<String>,
    pub libelles: Labels,
    /// The parties clause, one entry per signing body, in order.
    pub parties: Vec<PartyView>,
    /// One cell per signing person.
    pub signatures: Vec<SignatureCell>,
    pub communes: Vec<CommuneView>,
    pub partenaires: Vec<PartnerView>,
    pub axes: Vec<AxeView>,
    pub fiches: Vec<FicheView>,
    pub equipements: Vec<EquipmentView>,
    pub instances: Vec<InstanceView>,
    pub conventions_liees: Vec<LinkedView>,
    pub articles: Vec<ArticleView>,
    pub annexes: Vec<AnnexeView>,
    /// Every annex the documents show, built-in and the convention's own, numbered in order.
    pub plan_annexes: Vec<AnnexEntry>,
    pub finances: Finances,
    pub metadata: Metadata,
    /// The avenants applied, for the table at the start of the consolidated convention.
    pub avenants: Vec<AvenantRow>,
    /// Element key (`fiche:ID`, `article:ID`, `annexe:ID`, `signataire:ID`, `financements:ID`,
    /// `periode`) → « Ajoutée par l'avenant n° 1 du … ».
    pub marques: std::collections::BTreeMap<String, String>,
    /// The house style of the Caf's model.
    pub style: StyleView,
    /// Which parts a link may lead to: those the annex plan prints.
    pub liens: Links,
    /// The anchors the texts' citations link to: each is an element the documents print.
    pub cibles: Vec<String>,
}

/// The parts of the documents a link may lead to, from the annex plan: a Caf's model may leave
/// out the synthèse (where the axes and objectifs are) or even the fiches, and a link to a part
/// that is not printed would lead nowhere (in the PDF, typst refuses it).
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Links {
    /// The synthèse annex: each axe and objectif.
    pub axes: bool,
    /// The fiches annex: each fiche.
    pub fiches: bool,
    /// The financial annex: each fiche's row.
    pub financements: bool,
    /// The governance annex: each instance.
    pub instances: bool,
}

impl Links {
    pub(super) fn of(plan: &[AnnexEntry]) -> Links {
        let printed = |cle: &str| plan.iter().any(|a| a.cle == cle);
        Links {
            axes: printed("synthese"),
            fiches: printed("fiches"),
            financements: printed("financements"),
            instances: printed("gouvernance"),
        }
    }
}

/// The view of a checked model. `Err` when a default article's text cannot be filled in: a
/// defect of the article model (`articles.yaml`), reported like the templates' own.
pub fn build(model: &Model) -> Result<View, TemplateError> {
    let t = totals::compute(model);
    let conv = model.convention.as_ref();
    let labels = plan::labels(&model.config.libelles);
    let champs = convention::champs(conv);
    let signing: Vec<&Party> = model.signataires().collect();
    let metadata = convention::metadata(conv, &signing, &champs);
    let plan = annexes::plan(model, &t, &labels);
    let liens = Links::of(&plan.entries);
    let cite = Catalog::new(model, &t, &labels, &plan.entries);
    Ok(View {
        titre: metadata.title.clone(),
        slogan: conv
            .and_then(|c| c.slogan.as_ref())
            .map(|s| french(&s.value)),
        territoire: conv
            .and_then(|c| c.territoire.as_ref())
            .map(|s| french(&s.value)),
        projet: conv
            .and_then(|c| c.statut.as_ref())
            .is_none_or(|s| s.value == ConventionStatus::Projet),
        periode: convention::period(conv),
        signature: convention::signature(conv),
        visas: convention::visas(conv),
        preambule_md: conv
            .and_then(|c| c.preambule.as_ref())
            .map(|p| cite.markdown(p)),
        parties: parties::parties(&signing, parties::THE_CONVENTION),
        signatures: parties::signatures(&signing),
        communes: parties::communes(model),
        partenaires: parties::partners(model),
        axes: plan::axes(model, &t, &labels, &cite),
        fiches: fiche::fiches(model, &t, &labels, &cite),
        equipements: facilities::equipements(model, &t),
        instances: governance::instances(model, &cite),
        conventions_liees: governance::linked_conventions(model, &cite),
        articles: articles::articles(model, &champs, &labels, &cite)?,
        annexes: annexes::texts(model, &plan, &cite),
        plan_annexes: plan.entries,
        cibles: cite.anchors(),
        finances: finances::finances(model, &t, &labels, liens),
        champs,
        libelles: labels,
        style: style::style(&model.caf_model.style),
        liens,
        metadata,
        avenants: avenants::table(model),
        marques: avenants::marks(model),
    })
}

/// What the texts of MODEL may cite, as its documents print it (for `check::citations`).
pub(crate) fn catalog(model: &Model) -> Catalog {
    let t = totals::compute(model);
    let labels = plan::labels(&model.config.libelles);
    let plan = annexes::plan(model, &t, &labels);
    Catalog::new(model, &t, &labels, &plan.entries)
}
