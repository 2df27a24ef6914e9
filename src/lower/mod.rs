//! Lowering: syntax tree → typed model. Decides which keywords exist where and what arguments
//! they take, and reports every misuse with a French diagnostic pointing at the source.

mod args;
mod avenant;
mod bilan;
mod convention;
mod facility;
mod literal;
mod party;
mod plan;

use args::Args;
pub(crate) use args::dedent;
pub(crate) use literal::line_starts;

use crate::diagnostic::Diagnostic;
use crate::keyword::fold;
use crate::model::Model;
use crate::rules;
use crate::source::Span;
use crate::suggestion::closest;
use crate::syntax::Statement;

/// Keywords of each block, in their canonical spelling and in the canonical order `ctgc fmt`
/// prints them (the language reference's order). Used for suggestions and by the formatter.
pub mod keywords {
    pub const TOP: &[&str] = &[
        "convention",
        "signataire",
        "commune",
        "partenaire",
        "axe",
        "fiche",
        "équipement",
        "instance",
        "convention-liée",
        "article",
        "annexe",
        "bilan",
        "inclure",
        "avenant",
    ];
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
        "sous-réserve-des-crédits",
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
    pub const ARTICLE: &[&str] = &["après", "avant", "omis", "préliminaire", "texte"];
    pub const ANNEXE: &[&str] = &["texte"];
    /// An avenant's own fields, then the changes it makes ([`AVENANT_FIELDS`] of them: `ctgc
    /// fmt` puts those first and leaves the changes in the order written).
    pub const AVENANT: &[&str] = &[
        "date",
        "lieu",
        "signataires",
        "vu",
        "préambule",
        "objet",
        "ajoute-signataire",
        "retire-signataire",
        "ajoute-fiche",
        "remplace-fiche",
        "retire-fiche",
        "remplace-article",
        "ajoute-article",
        "ajoute-annexe",
        "remplace-financements",
        "prolonge",
    ];
    /// How many of [`AVENANT`] are the avenant's own fields.
    pub const AVENANT_FIELDS: usize = 6;
    /// The annual bilan (`bilan ANNÉE { … }`) and a fiche's year in it.
    pub const BILAN: &[&str] = &["copil", "synthèse", "fiche"];
    pub const BILAN_FICHE: &[&str] = &[
        "statut",
        "valeur",
        "réalisé",
        "étape-réalisée",
        "difficultés",
        "perspectives",
    ];
    /// Words kept for a next version of the language: none today (`avenant` and `bilan` were).
    pub const RESERVED: &[&str] = &[];

    /// Where a keyword misplaced in another block belongs, for « s'emploie … » hints: the first
    /// block listing it is named. Objectif and annexe blocks are left out: every keyword of
    /// theirs belongs to a block listed here too.
    pub const BLOCKS: &[(&str, &[&str])] = &[
        ("au premier niveau du fichier", TOP),
        ("dans le bloc convention", CONVENTION),
        ("dans un bloc signataire, commune ou partenaire", PARTY),
        ("dans un bloc axe", AXE),
        ("dans un bloc fiche", FICHE),
        ("dans un bloc indicateur", INDICATEUR),
        ("dans un bloc équipement", EQUIPEMENT),
        ("dans un bloc instance", INSTANCE),
        ("dans un bloc convention-liée", LINKED),
        ("dans un bloc article", ARTICLE),
        ("dans un bloc avenant", AVENANT),
        ("dans un bloc bilan", BILAN),
        ("dans la fiche d'un bilan", BILAN_FICHE),
    ];

    /// Whether `key`, a keyword already folded (`keyword::fold`), is one of `list`. Runs for every
    /// statement: list keywords being lowercase, folding one is only `fold_char` on each character.
    pub(crate) fn contains(list: &[&str], key: &str) -> bool {
        list.iter()
            .any(|k| k.chars().map(crate::keyword::fold_char).eq(key.chars()))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn keywords_are_lowercase_and_found_folded() {
            for (_, list) in BLOCKS.iter().chain(&[("", RESERVED), ("", ANNEXE)]) {
                for k in *list {
                    assert_eq!(*k, k.to_lowercase(), "{k}");
                    assert!(contains(list, &crate::keyword::fold(k)), "{k}");
                    assert!(
                        !contains(list, &format!("{}x", crate::keyword::fold(k))),
                        "{k}"
                    );
                }
            }
        }
    }
}

/// The single-valued fields already given in a block (folded keyword, where). A block has a
/// few dozen fields at most: a list beats a hash map, which lowering would build per block.
#[derive(Default)]
pub(crate) struct Seen(Vec<(String, Span)>);

pub(crate) struct Lowerer {
    pub model: Model,
    pub diags: Vec<Diagnostic>,
    /// `MAX_FICHES` was reached (and reported): later fiches are skipped.
    too_many_fiches: bool,
}

/// A keyword folded for comparison: lowercase, no accents.
pub(crate) fn folded(stmt: &Statement) -> String {
    fold(&stmt.keyword)
}

impl Lowerer {
    pub(crate) fn new(model: Model) -> Self {
        Lowerer {
            model,
            diags: Vec::new(),
            too_many_fiches: false,
        }
    }

    pub(crate) fn finish(self) -> (Model, Vec<Diagnostic>) {
        (self.model, self.diags)
    }

    /// Lowers one top-level statement (files are lowered as they are read, so that a file's
    /// syntax tree is freed before the next one is parsed).
    pub(crate) fn top(&mut self, stmt: &Statement) {
        match folded(stmt).as_str() {
            "convention" => self.convention(stmt),
            "signataire" => self.party(stmt, crate::model::PartyKind::Signataire),
            "commune" => self.party(stmt, crate::model::PartyKind::Commune),
            "partenaire" => self.party(stmt, crate::model::PartyKind::Partenaire),
            "axe" => self.axe(stmt),
            "fiche" if self.model.fiches.len() >= crate::limits::MAX_FICHES => {
                self.too_many_fiches(stmt)
            }
            "fiche" => self.fiche(stmt),
            "equipement" => self.equipment(stmt),
            "instance" => self.instance(stmt),
            "convention-liee" => self.linked_convention(stmt),
            "article" => self.article(stmt),
            "annexe" => self.annexe(stmt),
            "bilan" => self.bilan(stmt),
            // Includes were spliced in by the loader; nothing left to do here.
            "inclure" => {}
            "avenant" => self.avenant(stmt),
            _ => self.unknown_keyword(stmt, keywords::TOP, "au premier niveau du fichier"),
        }
    }

    fn too_many_fiches(&mut self, stmt: &Statement) {
        if !self.too_many_fiches {
            self.too_many_fiches = true;
            let max = crate::limits::MAX_FICHES;
            self.error(
                Diagnostic::new(
                    &rules::LIMITE_DEPASSEE,
                    format!("plus de {} fiches : les suivantes sont ignorées", crate::typography::grouped(max as u64)),
                )
                    .label(stmt.keyword_span, format!("{}ᵉ fiche", max + 1))
                    .help("une convention compte quelques dizaines de fiches : un fichier a-t-il été inclus plusieurs fois sous des noms différents ?"),
            );
        }
    }

    pub(crate) fn error(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Reports a keyword that is not allowed here, with the closest allowed one or where it belongs.
    pub(crate) fn unknown_keyword(&mut self, stmt: &Statement, allowed: &[&str], place: &str) {
        let word = &stmt.keyword;
        let mut d = Diagnostic::new(
            &rules::SYNTAXE_MOT_CLE_INCONNU,
            format!("mot-clé « {word} » inconnu {place}"),
        )
        .label(stmt.keyword_span, "mot-clé inconnu");
        let f = fold(word);
        let elsewhere = keywords::BLOCKS
            .iter()
            .find(|(_, kws)| kws.iter().any(|k| fold(k) == f))
            .map(|(p, _)| *p);
        if let Some(s) = closest(word, allowed.iter().copied()) {
            d = d.suggest(Some(s));
        } else if let Some(p) = elsewhere {
            d = d.help(format!("« {word} » s'emploie {p}"));
        } else {
            d = d.help(format!("mots-clés permis ici : {}", allowed.join(", ")));
        }
        self.error(d);
    }

    /// Records an `à compléter`.
    pub(crate) fn placeholder(&mut self, span: Span, what: impl Into<String>) {
        self.model.placeholders.push((span, what.into()));
    }

    /// Checks that a single-valued field is given once per block.
    pub(crate) fn once(&mut self, seen: &mut Seen, stmt: &Statement) -> bool {
        let key = folded(stmt);
        if let Some(&(_, first)) = seen.0.iter().find(|(k, _)| *k == key) {
            self.error(
                Diagnostic::new(
                    &rules::SYNTAXE_CHAMP_REPETE,
                    format!("« {} » est donné deux fois", stmt.keyword),
                )
                .label(stmt.keyword_span, "seconde valeur")
                .label(first, "première valeur ici"),
            );
            return false;
        }
        seen.0.push((key, stmt.keyword_span));
        true
    }

    /// Reports a block where none is expected.
    pub(crate) fn no_block(&mut self, stmt: &Statement) {
        if let Some(block) = &stmt.block {
            self.error(
                Diagnostic::new(
                    &rules::SYNTAXE_BLOC_ATTENDU,
                    format!("« {} » n'ouvre pas de bloc", stmt.keyword),
                )
                .label(
                    Span::new(block.span.file, block.span.start, block.span.start + 1),
                    "bloc inattendu",
                )
                .help("écrivez la valeur sur la même ligne, sans accolades"),
            );
        }
    }

    pub(crate) fn args<'s>(&self, stmt: &'s Statement) -> Args<'s> {
        Args::new(stmt)
    }
}
