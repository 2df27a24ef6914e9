//! The canonical order of the fields of each block, and the canonical spelling of keywords.
//!
//! Blocks are recognised by the keyword that opens them and by where they stand (an `objectif`
//! block only inside an `axe`, an `indicateur` block only inside a `fiche`). Fields are printed in
//! the order of the language reference; repeatable fields keep their relative order, since it is
//! meaningful (visas, représentants, étapes, indicateurs, financements…).

use crate::date::fold;
use crate::lower::keywords;

/// What a block is, as far as the formatter cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
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
    /// A block the language does not know (an error reported by `check`): printed as written.
    Other,
}

/// Fields of each block in the order the formatter prints them.
pub const CONVENTION: &[&str] = &[
    "slogan",
    "territoire",
    "période",
    "signature",
    "lieu",
    "exemplaires",
    "statut",
    "champs",
    "vu",
    "préambule",
];
/// A signing commune says so first: `signataire oui` decides what the rest of the block means.
pub const PARTY: &[&str] = &[
    "signataire",
    "nature",
    "dénomination",
    "genre",
    "représentant",
    "délibération",
    "adresse",
    "logo",
];
pub const AXE: &[&str] = &["numéro", "description", "objectif"];
pub const OBJECTIF: &[&str] = &["numéro", "description"];
pub const FICHE: &[&str] = &[
    "numéro",
    "axe",
    "objectifs",
    "champ",
    "priorité",
    "statut",
    "constat",
    "objectif-opérationnel",
    "description",
    "public",
    "territoire",
    "pilote",
    "référent",
    "partenaires",
    "calendrier",
    "étape",
    "moyens",
    "résultats-attendus",
    "lien",
    "indicateur",
    "financement",
];
pub const INDICATEUR: &[&str] = &[
    "type",
    "unité",
    "départ",
    "cible",
    "valeur",
    "source",
    "fréquence",
];
pub const EQUIPEMENT: &[&str] = &["type", "gestionnaire", "commune", "capacité", "financement"];
pub const INSTANCE: &[&str] = &["type", "membres", "membre", "fréquence", "rôle", "fiches"];
pub const LINKED: &[&str] = &["signataires", "période", "objet"];
pub const ARTICLE: &[&str] = &["après", "omis", "texte"];
pub const ANNEXE: &[&str] = &["texte"];

/// Every block with its fields, for the documentation and the tests.
pub const BLOCKS: &[(&str, &[&str])] = &[
    ("convention", CONVENTION),
    ("signataire, commune, partenaire", PARTY),
    ("axe", AXE),
    ("objectif", OBJECTIF),
    ("fiche", FICHE),
    ("indicateur", INDICATEUR),
    ("équipement", EQUIPEMENT),
    ("instance", INSTANCE),
    ("convention-liée", LINKED),
    ("article", ARTICLE),
    ("annexe", ANNEXE),
];

impl Kind {
    /// The keywords allowed in this block, in canonical order (the top level is never reordered).
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Kind::Top => keywords::TOP,
            Kind::Convention => CONVENTION,
            Kind::Party => PARTY,
            Kind::Axe => AXE,
            Kind::Objectif => OBJECTIF,
            Kind::Fiche => FICHE,
            Kind::Indicateur => INDICATEUR,
            Kind::Equipement => EQUIPEMENT,
            Kind::Instance => INSTANCE,
            Kind::Linked => LINKED,
            Kind::Article => ARTICLE,
            Kind::Annexe => ANNEXE,
            Kind::Other => &[],
        }
    }

    /// Whether the statements of this block are put in canonical order.
    pub fn reorders(self) -> bool {
        !matches!(self, Kind::Top | Kind::Other)
    }

    /// The canonical spelling of a keyword of this block, and its rank in the canonical order.
    pub fn keyword(self, written: &str) -> Option<(usize, &'static str)> {
        let f = fold(written);
        self.fields()
            .iter()
            .enumerate()
            .find(|(_, k)| fold(k) == f)
            .map(|(i, k)| (i, *k))
    }

    /// The kind of the block opened by a statement of this block with this (canonical) keyword.
    pub fn child(self, keyword: &str) -> Kind {
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
            (Kind::Axe, "objectif") => Kind::Objectif,
            (Kind::Fiche, "indicateur") => Kind::Indicateur,
            _ => Kind::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(list: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    }

    /// The formatter knows exactly the keywords the lowering knows, no more, no less.
    #[test]
    fn canonical_orders_are_permutations_of_the_keywords() {
        let pairs: &[(&[&str], &[&str])] = &[
            (CONVENTION, keywords::CONVENTION),
            (PARTY, keywords::PARTY),
            (AXE, keywords::AXE),
            (OBJECTIF, keywords::OBJECTIF),
            (FICHE, keywords::FICHE),
            (INDICATEUR, keywords::INDICATEUR),
            (EQUIPEMENT, keywords::EQUIPEMENT),
            (INSTANCE, keywords::INSTANCE),
            (LINKED, keywords::LINKED),
            (ARTICLE, keywords::ARTICLE),
            (ANNEXE, keywords::ANNEXE),
        ];
        for (ours, theirs) in pairs {
            assert_eq!(sorted(ours), sorted(theirs));
        }
    }

    #[test]
    fn keywords_are_found_with_or_without_accents() {
        assert_eq!(Kind::Fiche.keyword("Priorite"), Some((4, "priorité")));
        assert_eq!(
            Kind::Top.keyword("EQUIPEMENT").map(|k| k.1),
            Some("équipement")
        );
        assert_eq!(Kind::Fiche.keyword("inconnu"), None);
    }
}
