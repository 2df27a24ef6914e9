//! Avenants as declared: what each one changes in the signed convention. Applying them is
//! `crate::avenant`'s job.

use super::{Annexe, Article, Fiche, Funding, Ident, Party, Ref, Str, Text, Val};
use crate::date::Date;
use crate::source::Span;

#[derive(Debug, Clone)]
pub struct Avenant {
    pub numero: u32,
    pub numero_span: Span,
    pub date: Option<(Val<Date>, Span)>,
    pub lieu: Option<Val<String>>,
    pub signataires: Vec<Ref<Party>>,
    pub visas: Vec<Str>,
    pub preambule: Option<Text>,
    pub objet: Option<Text>,
    /// In the order written: the order of the avenant's articles.
    pub changes: Vec<Change>,
    pub span: Span,
}

impl Avenant {
    pub(crate) fn known_date(&self) -> Option<Date> {
        match self.date {
            Some((Val::Known(d), _)) => Some(d),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Change {
    pub kind: ChangeKind,
    /// The change's keyword.
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum ChangeKind {
    /// `ajoute-signataire ID { … }`: a commune becomes signataire, with the fields of the block
    /// (held in a party whose identifier is the commune's).
    JoinSignataire(Box<Party>),
    /// `retire-signataire ID`
    LeaveSignataire(Ident),
    /// `ajoute-fiche ID "Titre" { … }`
    AddFiche(Box<Fiche>),
    /// `remplace-fiche ID "Titre" { … }`
    ReplaceFiche(Box<Fiche>),
    /// `retire-fiche ID`
    WithdrawFiche(Ident),
    /// `remplace-article ID ["Titre"] { texte … }`
    ReplaceArticle(Article),
    /// `ajoute-article ID "Titre" { après …  texte … }`
    AddArticle(Article),
    /// `ajoute-annexe ID "Titre" { texte … }`
    AddAnnexe(Annexe),
    /// `remplace-financements ID { financement … }`: every line of a fiche or an équipement.
    ReplaceFunding { target: Ident, lines: Vec<Funding> },
    /// `prolonge DATE`: the new end of the period.
    Extend { end: Date, whole_year: bool },
}

impl ChangeKind {
    /// The change as written: its keyword, and the identifier of what it changes (none for
    /// `prolonge`).
    pub(crate) fn written(&self) -> (&'static str, Option<&str>) {
        match self {
            ChangeKind::JoinSignataire(p) => ("ajoute-signataire", Some(&p.id.name)),
            ChangeKind::LeaveSignataire(id) => ("retire-signataire", Some(&id.name)),
            ChangeKind::AddFiche(f) => ("ajoute-fiche", Some(&f.id.name)),
            ChangeKind::ReplaceFiche(f) => ("remplace-fiche", Some(&f.id.name)),
            ChangeKind::WithdrawFiche(id) => ("retire-fiche", Some(&id.name)),
            ChangeKind::ReplaceArticle(a) => ("remplace-article", Some(&a.id.name)),
            ChangeKind::AddArticle(a) => ("ajoute-article", Some(&a.id.name)),
            ChangeKind::AddAnnexe(a) => ("ajoute-annexe", Some(&a.id.name)),
            ChangeKind::ReplaceFunding { target, .. } => {
                ("remplace-financements", Some(&target.name))
            }
            ChangeKind::Extend { .. } => ("prolonge", None),
        }
    }
}

/// What an avenant did to one element of the consolidated convention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Amendment {
    pub element: Element,
    pub avenant: u32,
    pub added: bool,
}

/// An element of the convention an avenant may change, by identifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    Party(String),
    Fiche(String),
    Article(String),
    Annexe(String),
    /// The funding lines of a fiche or an équipement.
    Funding(String),
    Period,
}

impl Element {
    /// The key the view's `marques` use: `fiche:ID`, `periode`…
    pub(crate) fn key(&self) -> String {
        match self {
            Element::Party(id) => format!("signataire:{id}"),
            Element::Fiche(id) => format!("fiche:{id}"),
            Element::Article(id) => format!("article:{id}"),
            Element::Annexe(id) => format!("annexe:{id}"),
            Element::Funding(id) => format!("financements:{id}"),
            Element::Period => "periode".to_string(),
        }
    }
}
