//! The canonical order of the fields of each block, and the canonical spelling of keywords.
//!
//! Blocks are recognised by the keyword that opens them and by where they stand (an `objectif`
//! block only inside an `axe`, an `indicateur` block only inside a `fiche`, a bilan's `fiche`
//! only inside a `bilan`). Fields are printed in the order of the language reference; repeatable
//! fields keep their relative order, since it is meaningful (visas, représentants, étapes,
//! indicateurs, financements, valeurs et réalisés d'un bilan…).

use crate::keyword::fold;
use crate::lower::keywords;

/// What a block is, as far as the formatter cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The top level of a file.
    Top,
    Convention,
    /// `signataire`, `commune`, `partenaire`.
    Party,
    Axe,
    Objectif,
    Fiche,
    Indicateur,
    Equipement,
    Instance,
    Linked,
    Article,
    Annexe,
    /// `avenant N { … }`: its own fields, then its changes in the order written.
    Avenant,
    /// `remplace-financements ID { financement … }`
    Funding,
    /// `bilan ANNÉE { … }`.
    Bilan,
    /// A fiche's year inside a bilan (`fiche ID { statut …  valeur … }`).
    BilanFiche,
    /// A block the language does not know (an error reported by `check`): printed as written.
    Other,
}

impl Kind {
    /// The keywords allowed in this block, in canonical order (the top level is never reordered).
    pub(crate) fn fields(self) -> &'static [&'static str] {
        match self {
            Kind::Top => keywords::TOP,
            Kind::Convention => keywords::CONVENTION,
            Kind::Party => keywords::PARTY,
            Kind::Axe => keywords::AXE,
            Kind::Objectif => keywords::OBJECTIF,
            Kind::Fiche => keywords::FICHE,
            Kind::Indicateur => keywords::INDICATEUR,
            Kind::Equipement => keywords::EQUIPEMENT,
            Kind::Instance => keywords::INSTANCE,
            Kind::Linked => keywords::LINKED,
            Kind::Article => keywords::ARTICLE,
            Kind::Annexe => keywords::ANNEXE,
            Kind::Avenant => keywords::AVENANT,
            Kind::Funding => &["financement"],
            Kind::Bilan => keywords::BILAN,
            Kind::BilanFiche => keywords::BILAN_FICHE,
            Kind::Other => &[],
        }
    }

    /// Whether the statements of this block are put in canonical order.
    pub(crate) fn reorders(self) -> bool {
        !matches!(self, Kind::Top | Kind::Other)
    }

    /// The canonical spelling of a keyword of this block, and its rank in the canonical order.
    pub(crate) fn keyword(self, written: &str) -> Option<(usize, &'static str)> {
        let f = fold(written);
        self.fields()
            .iter()
            .enumerate()
            .find(|(_, k)| crate::keyword::fold_eq(k, &f))
            // An avenant's changes all rank alike: their order is the order of its articles.
            .map(|(i, k)| match self {
                Kind::Avenant => (i.min(keywords::AVENANT_FIELDS), *k),
                _ => (i, *k),
            })
    }

    /// The kind of the block opened by a statement of this block with this (canonical) keyword.
    pub(crate) fn child(self, keyword: &str) -> Kind {
        match (self, keyword) {
            (Kind::Top, "convention") => Kind::Convention,
            (Kind::Top, "signataire" | "commune" | "partenaire") => Kind::Party,
            (Kind::Top, "axe") => Kind::Axe,
            (Kind::Top, "fiche") => Kind::Fiche,
            (Kind::Top, "équipement") => Kind::Equipement,
            (Kind::Top, "instance") => Kind::Instance,
            (Kind::Top, "convention-liée") => Kind::Linked,
            (Kind::Top, "article") => Kind::Article,
            (Kind::Top, "annexe") => Kind::Annexe,
            (Kind::Top, "avenant") => Kind::Avenant,
            (Kind::Avenant, "ajoute-signataire") => Kind::Party,
            (Kind::Avenant, "ajoute-fiche" | "remplace-fiche") => Kind::Fiche,
            (Kind::Avenant, "remplace-article" | "ajoute-article") => Kind::Article,
            (Kind::Avenant, "ajoute-annexe") => Kind::Annexe,
            (Kind::Avenant, "remplace-financements") => Kind::Funding,
            (Kind::Top, "bilan") => Kind::Bilan,
            (Kind::Bilan, "fiche") => Kind::BilanFiche,
            (Kind::Axe, "objectif") => Kind::Objectif,
            (Kind::Fiche, "indicateur") => Kind::Indicateur,
            _ => Kind::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_are_found_with_or_without_accents() {
        assert_eq!(Kind::Fiche.keyword("Priorite"), Some((4, "priorité")));
        assert_eq!(
            Kind::Top.keyword("EQUIPEMENT").map(|k| k.1),
            Some("équipement")
        );
        assert_eq!(Kind::Fiche.keyword("inconnu"), None);
        assert_eq!(
            Kind::BilanFiche.keyword("DIFFICULTES"),
            Some((4, "difficultés"))
        );
    }
}
