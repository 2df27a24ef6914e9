//! The annual bilan: what was done in a year of the convention, fiche by fiche (`bilan ANNÉE { … }`).
//! Every block of one year adds to that year's bilan; `resolve` links the references.

use super::{Axe, Choice, Fiche, Instance, Party, Ref, Statut, Str, Text, Val};
use crate::date::Date;
use crate::money::Money;
use crate::source::Span;

/// One `bilan ANNÉE { … }` block.
#[derive(Debug, Clone)]
pub struct Bilan {
    pub annee: i32,
    pub annee_span: Span,
    /// `copil DATE`: the COPIL that examines the bilan.
    pub copil: Option<(Val<Date>, Span)>,
    pub syntheses: Vec<Synthesis>,
    pub fiches: Vec<FicheYear>,
    pub span: Span,
}

/// What a synthesis is about: an axe or an instance (a working group).
#[derive(Debug, Clone)]
pub enum SynthesisSubject {
    Axe(Ref<Axe>),
    Instance(Ref<Instance>),
}

/// `synthèse axe ID """…"""` or `synthèse instance ID """…"""`.
#[derive(Debug, Clone)]
pub struct Synthesis {
    pub sujet: SynthesisSubject,
    pub texte: Text,
    pub span: Span,
}

/// `valeur "Libellé" V`: the value of the fiche's indicator of that libellé for the bilan's year.
#[derive(Debug, Clone)]
pub struct YearValue {
    pub indicateur: Str,
    /// Index of the indicator in its fiche, once resolved.
    pub target: Option<usize>,
    pub valeur: Val<String>,
    pub span: Span,
}

/// `réalisé FINANCEUR MONTANT`: what a financeur actually paid for the fiche that year.
#[derive(Debug, Clone)]
pub struct Paid {
    pub financeur: Ref<Party>,
    pub montant: Money,
    pub span: Span,
}

/// `fiche ID { … }` in a bilan: the fiche's year.
#[derive(Debug, Clone)]
pub struct FicheYear {
    pub fiche: Ref<Fiche>,
    pub statut: Option<Choice<Statut>>,
    pub valeurs: Vec<YearValue>,
    pub realise: Vec<Paid>,
    pub etapes_realisees: Vec<Str>,
    pub difficultes: Option<Text>,
    pub perspectives: Option<Text>,
    pub span: Span,
}
