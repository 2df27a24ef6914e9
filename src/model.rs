//! The convention as the compiler understands it: typed, with spans for diagnostics, and every
//! reference linked to its target by `resolve`.

use crate::date::Date;
use crate::money::Money;
use crate::project::Config;
use crate::source::Span;

mod avenant;
mod bilan;
mod index;
mod vocabulary;
pub use avenant::{Amendment, Avenant, Change, ChangeKind, Element};
pub use bilan::*;
pub(crate) use index::{AnyArticle, Idx};
pub use vocabulary::*;

/// The words of a value still to complete, as a literal that `concat!` takes.
macro_rules! to_complete {
    () => {
        "à compléter"
    };
}
pub(crate) use to_complete;

/// A value still to complete: how a `.ctg` file writes it, and how `ctgc fmt`, the export and the
/// diff show it. The documents show it bracketed (`render::view::TO_COMPLETE`).
pub(crate) const TO_COMPLETE: &str = to_complete!();

/// A value that may still be `à compléter` while drafting.
#[derive(Debug, Clone, PartialEq)]
pub enum Val<T> {
    Known(T),
    ToComplete,
}

#[derive(Debug, Clone)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A reference by identifier to an element of kind `K`; `target` is its index, once resolved.
#[derive(Debug, Clone)]
pub struct Ref<K> {
    pub name: String,
    pub span: Span,
    pub target: Option<Idx<K>>,
}

impl<K> Ref<K> {
    pub(crate) fn new(name: String, span: Span) -> Self {
        Ref {
            name,
            span,
            target: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearRange {
    pub start: i32,
    pub end: i32,
}

impl YearRange {
    pub(crate) fn years(self) -> impl Iterator<Item = i32> {
        self.start..=self.end
    }
    pub(crate) fn contains(self, year: i32) -> bool {
        (self.start..=self.end).contains(&year)
    }
    /// The years a funding line counts: at most [`MAX_RANGE_YEARS`](crate::limits::MAX_RANGE_YEARS),
    /// a longer range being reported by `check`; none when the range is inverted.
    pub(crate) fn counted(self) -> impl Iterator<Item = i32> {
        self.years().take(crate::limits::MAX_RANGE_YEARS)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: Date,
    pub end: Date,
    /// Written as years (`2023 .. 2026`) rather than full dates.
    pub whole_years: bool,
}

impl Period {
    pub(crate) fn years(self) -> YearRange {
        YearRange {
            start: self.start.year,
            end: self.end.year,
        }
    }
}

/// An enumerated value as written, with its canonical form.
#[derive(Debug, Clone)]
pub struct Choice<T> {
    pub value: T,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Text {
    /// Markdown source, dedented, LF line ends; or plain text, as written, when `plain`.
    pub markdown: String,
    /// Written as a one-line string (`description "…"`): plain text, not Markdown.
    pub plain: bool,
    pub span: Span,
}

impl Text {
    /// The text as Markdown, after TYPOGRAPHY: a one-line string's Markdown signs escaped, so that
    /// it prints as written.
    pub(crate) fn markdown_with(&self, typography: impl Fn(&str) -> String) -> String {
        let text = typography(&self.markdown);
        if self.plain {
            escape_markdown(&text)
        } else {
            text
        }
    }
}

/// Escapes the characters Markdown would interpret, so that a value inserted into Markdown reads as written.
pub(crate) fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '<'
                | '>'
                | '('
                | ')'
                | '#'
                | '+'
                | '-'
                | '!'
                | '|'
                | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[derive(Debug, Clone)]
pub struct Str {
    pub value: String,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ConventionInfo {
    pub titre: Str,
    pub slogan: Option<Str>,
    pub territoire: Option<Str>,
    pub periode: Option<(Period, Span)>,
    pub signature: Option<(Val<Date>, Span)>,
    pub lieu: Option<Val<String>>,
    pub exemplaires: Option<(u32, Span)>,
    pub statut: Option<Choice<ConventionStatus>>,
    pub champs: Vec<Choice<Champ>>,
    pub visas: Vec<Str>,
    pub preambule: Option<Text>,
    /// `sous-réserve-des-crédits`: the amounts are committed subject to the funds available.
    pub sous_reserve_credits: bool,
    pub span: Span,
}

impl ConventionInfo {
    /// A convention block with only its title: every other field as when it is not written.
    pub(crate) fn new(titre: Str, span: Span) -> Self {
        ConventionInfo {
            titre,
            slogan: None,
            territoire: None,
            periode: None,
            signature: None,
            lieu: None,
            exemplaires: None,
            statut: None,
            champs: Vec::new(),
            visas: Vec::new(),
            preambule: None,
            sous_reserve_credits: false,
            span,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Representative {
    pub qualite: Str,
    pub civilite: Option<Civility>,
    pub nom: Val<String>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Deliberation {
    pub organe: Str,
    pub date: Val<Date>,
    pub numero: Option<Val<String>>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Logo {
    pub fichier: String,
    pub alt: String,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartyKind {
    Signataire,
    Commune,
    Partenaire,
}

/// A signataire, a commune of the territory, or a partenaire: one namespace of identifiers.
#[derive(Debug, Clone)]
pub struct Party {
    pub id: Ident,
    /// `à compléter` (a commune's name still unknown) is held as its words, like the export
    /// and the diff show it; `nom_a_completer` says so.
    pub nom: Str,
    pub nom_a_completer: bool,
    pub kind: PartyKind,
    /// Signataires and signing communes sign.
    pub signe: bool,
    pub nature: Option<Choice<Nature>>,
    pub denomination: Option<Str>,
    pub genre: Option<Gender>,
    pub representants: Vec<Representative>,
    pub deliberation: Option<Deliberation>,
    pub adresse: Option<Str>,
    pub logo: Option<Logo>,
    pub span: Span,
}

impl Party {
    pub(crate) fn nature(&self) -> Option<Nature> {
        match self.kind {
            PartyKind::Commune => Some(Nature::Commune),
            _ => self.nature.as_ref().map(|n| n.value),
        }
    }

    pub(crate) fn gender(&self) -> Gender {
        self.genre.unwrap_or_else(|| {
            self.nature()
                .map_or(Gender::Feminin, Nature::default_gender)
        })
    }
}

#[derive(Debug, Clone)]
pub struct Objectif {
    pub id: Ident,
    pub titre: Str,
    pub numero_explicite: Option<Str>,
    pub numero: String,
    pub description: Option<Text>,
    pub axe: Idx<Axe>,
}

#[derive(Debug, Clone)]
pub struct Axe {
    pub id: Ident,
    pub titre: Str,
    pub numero_explicite: Option<Str>,
    pub numero: String,
    pub description: Option<Text>,
    pub objectifs: Vec<Idx<Objectif>>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub libelle: Str,
    pub kind: Option<Choice<IndicatorType>>,
    pub unite: Option<String>,
    pub depart: Option<Measure>,
    pub cible: Option<Measure>,
    pub valeurs: Vec<Measure>,
    pub source: Option<String>,
    pub frequence: Option<String>,
    pub span: Span,
}

/// A value measured (or targeted) in a year. Decimal text kept exactly as written (`12,5`).
#[derive(Debug, Clone)]
pub struct Measure {
    pub valeur: Val<String>,
    pub annee: i32,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Amount {
    Known(Money),
    /// `à déterminer`
    ToBeDetermined,
    /// `à compléter`
    ToComplete,
}

#[derive(Debug, Clone)]
pub struct Funding {
    pub financeur: Ref<Party>,
    pub annees: YearRange,
    pub annees_span: Span,
    pub montant: Amount,
    pub montant_span: Span,
    pub par_an: bool,
    pub dispositif: Option<String>,
    pub previsionnel: bool,
    pub convention: Option<Ref<LinkedConvention>>,
    pub beneficiaire: Option<Ref<Party>>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum Territory {
    /// The whole territory.
    All,
    Communes(Vec<Ref<Party>>),
}

#[derive(Debug, Clone)]
pub struct Step {
    pub annee: i32,
    pub texte: String,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Fiche {
    pub id: Ident,
    pub titre: Str,
    pub numero_explicite: Option<Str>,
    pub numero: String,
    pub axe: Option<Ref<Axe>>,
    pub objectifs: Vec<Ref<Objectif>>,
    pub champs: Vec<Choice<Champ>>,
    pub priorite: Option<Choice<Priorite>>,
    pub statut: Option<Choice<Statut>>,
    pub constat: Option<Text>,
    pub objectifs_operationnels: Vec<Str>,
    pub description: Option<Text>,
    pub public: Option<Val<String>>,
    pub territoire: Option<Territory>,
    pub pilote: Option<Ref<Party>>,
    pub referents: Vec<Val<String>>,
    pub partenaires: Vec<Ref<Party>>,
    pub calendrier: Option<(YearRange, Span)>,
    pub etapes: Vec<Step>,
    pub moyens: Option<Text>,
    pub resultats_attendus: Option<Text>,
    pub liens: Vec<Str>,
    pub indicateurs: Vec<Indicator>,
    pub financements: Vec<Funding>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Capacity {
    pub valeur: String,
    pub unite: CapacityUnit,
}

#[derive(Debug, Clone)]
pub struct Equipment {
    pub id: Ident,
    pub nom: Str,
    pub kind: Option<Choice<EquipmentType>>,
    pub gestionnaire: Option<Ref<Party>>,
    pub commune: Option<Ref<Party>>,
    pub capacite: Option<Capacity>,
    pub financements: Vec<Funding>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Instance {
    pub id: Ident,
    pub nom: Str,
    pub kind: Option<Choice<InstanceType>>,
    pub membres: Vec<Ref<Party>>,
    pub membres_libres: Vec<Str>,
    pub frequence: Option<String>,
    pub role: Option<Text>,
    pub fiches: Vec<Ref<Fiche>>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct LinkedConvention {
    pub id: Ident,
    pub titre: Str,
    pub signataires: Vec<Ref<Party>>,
    pub periode: Option<(Period, Span)>,
    pub objet: Option<Text>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Article {
    pub id: Ident,
    /// Present for a new article; for a default one, its new title.
    pub titre: Option<Str>,
    pub texte: Option<Text>,
    pub apres: Option<Ref<AnyArticle>>,
    pub avant: Option<Ref<AnyArticle>>,
    pub omis: bool,
    /// `préliminaire`: the « Article préliminaire », printed first without a number.
    pub preliminaire: Option<Span>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Annexe {
    pub id: Ident,
    pub titre: Str,
    pub texte: Option<Text>,
    pub span: Span,
}

/// A default article from the templates (`templates/articles.yaml`) or the Caf's model.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefaultArticle {
    pub id: String,
    pub titre: String,
    pub texte: String,
    /// The « Article préliminaire »: printed first, without a number.
    #[serde(
        default,
        alias = "préliminaire",
        deserialize_with = "crate::caf_model::yes_no"
    )]
    pub preliminaire: bool,
    /// Its entry in the project's or the Caf model's `articles.yaml` (a source), for the checks
    /// of its text; none for the built-in model.
    #[serde(skip)]
    pub region: Option<Span>,
}

#[derive(Debug, Clone, Default)]
pub struct Model {
    pub config: Config,
    pub convention: Option<ConventionInfo>,
    pub parties: Vec<Party>,
    pub axes: Vec<Axe>,
    pub objectifs: Vec<Objectif>,
    /// In document order (by axe, then as written) once resolved.
    pub fiches: Vec<Fiche>,
    pub equipements: Vec<Equipment>,
    pub instances: Vec<Instance>,
    pub conventions_liees: Vec<LinkedConvention>,
    pub articles: Vec<Article>,
    pub annexes: Vec<Annexe>,
    pub default_articles: Vec<DefaultArticle>,
    /// The Caf's model (or the built-in one): annexes plan, house style.
    pub(crate) caf_model: crate::caf_model::CafModel,
    /// The `bilan ANNÉE` blocks, as written (several may share a year).
    pub bilans: Vec<Bilan>,
    /// Every `à compléter`, with what it stands for.
    pub placeholders: Vec<(Span, String)>,
    /// The avenants as declared; the other fields hold the convention as signed, or consolidated
    /// by `avenant::consolidate`.
    pub avenants: Vec<Avenant>,
    /// In a consolidated model: what each avenant applied added or modified.
    pub amendments: Vec<Amendment>,
}

impl Model {
    pub(crate) fn period(&self) -> Option<Period> {
        self.convention.as_ref()?.periode.map(|p| p.0)
    }

    pub fn signataires(&self) -> impl Iterator<Item = &Party> {
        self.parties.iter().filter(|p| p.signe)
    }

    /// The years that have a bilan, each once, in order.
    pub(crate) fn bilan_years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self.bilans.iter().map(|b| b.annee).collect();
        years.sort_unstable();
        years.dedup();
        years
    }

    pub(crate) fn communes(&self) -> impl Iterator<Item = &Party> {
        self.parties.iter().filter(|p| p.kind == PartyKind::Commune)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_signs_are_escaped() {
        assert_eq!(escape_markdown("a_b *c* [d]"), "a\\_b \\*c\\* \\[d\\]");
    }

    #[test]
    fn one_line_strings_are_plain_text() {
        let text = |markdown: &str, plain| Text {
            markdown: markdown.to_string(),
            plain,
            span: Span::new(crate::source::FileId(0), 0, 0),
        };
        let same = |s: &str| s.to_string();
        assert_eq!(
            text("**1** - a", true).markdown_with(same),
            "\\*\\*1\\*\\* \\- a"
        );
        assert_eq!(text("**1** - a", false).markdown_with(same), "**1** - a");
    }
}
