//! The plan d'actions: axes, objectifs, fiches, indicateurs and financements.

use super::{Args, Lowerer, Seen, folded, keywords};
use crate::diagnostic::Diagnostic;
use crate::model::{
    Amount, Axe, Champ, Fiche, Funding, Idx, Indicator, IndicatorType, Measure, Objectif, Priorite,
    Statut, Step, Territory,
};
use crate::rules;
use crate::syntax::{Arg, ArgKind, Statement};

impl Lowerer {
    /// `axe ID "Titre" { numéro …  description …  objectif ID "Titre" [{ … }] }`
    pub(super) fn axe(&mut self, stmt: &Statement) {
        let mut args = self.args(stmt);
        let Some(id) = self.ident(&mut args, "l'identifiant de l'axe") else {
            return;
        };
        let Some(titre) = self.name(&mut args, "le titre de l'axe entre guillemets") else {
            return;
        };
        self.end(&mut args);
        let axe_index = Idx::new(self.model.axes.len());
        let mut axe = Axe {
            id,
            titre,
            numero_explicite: None,
            numero: String::new(),
            description: None,
            objectifs: Vec::new(),
            span: stmt.keyword_span,
        };
        let mut seen = Seen::default();
        for s in stmt.block.iter().flat_map(|b| &b.statements) {
            let key = folded(s);
            if key != "objectif" && !self.once(&mut seen, s) {
                continue;
            }
            let mut a = self.args(s);
            match key.as_str() {
                "numero" => axe.numero_explicite = self.numero(&mut a),
                "description" => axe.description = self.text(&mut a),
                "objectif" => {
                    if let Some(o) = self.objectif(s, axe_index) {
                        axe.objectifs.push(Idx::new(self.model.objectifs.len()));
                        self.model.objectifs.push(o);
                    }
                    continue;
                }
                _ => {
                    self.unknown_keyword(s, keywords::AXE, "dans un bloc axe");
                    continue;
                }
            }
            self.end(&mut a);
            self.no_block(s);
        }
        self.model.axes.push(axe);
    }

    /// An explicit number: `numéro 3`, `numéro 1.2`, `numéro "A3"`.
    fn numero(&mut self, a: &mut Args) -> Option<crate::model::Str> {
        match a.next() {
            Some(Arg {
                kind: ArgKind::Number(n) | ArgKind::Word(n) | ArgKind::Str(n),
                span,
            }) => Some(crate::model::Str {
                value: n.clone(),
                span: *span,
            }),
            other => {
                let d = match other {
                    Some(o) => Diagnostic::new(
                        &rules::SYNTAXE_ARGUMENT,
                        format!("« numéro » attend un numéro, pas {}", o.describe()),
                    )
                    .label(o.span, "attendu : un numéro (3, 1.2, A3)"),
                    None => {
                        Diagnostic::new(&rules::SYNTAXE_ARGUMENT, "« numéro » attend un numéro")
                            .label(a.end_span(), "numéro manquant")
                    }
                };
                self.error(d);
                None
            }
        }
    }

    fn objectif(&mut self, stmt: &Statement, axe: Idx<Axe>) -> Option<Objectif> {
        let mut args = self.args(stmt);
        let id = self.ident(&mut args, "l'identifiant de l'objectif")?;
        let titre = self.name(&mut args, "l'intitulé de l'objectif entre guillemets")?;
        self.end(&mut args);
        let mut o = Objectif {
            id,
            titre,
            numero_explicite: None,
            numero: String::new(),
            description: None,
            axe,
        };
        let mut seen = Seen::default();
        for s in stmt.block.iter().flat_map(|b| &b.statements) {
            if !self.once(&mut seen, s) {
                continue;
            }
            let mut a = self.args(s);
            match folded(s).as_str() {
                "numero" => o.numero_explicite = self.numero(&mut a),
                "description" => o.description = self.text(&mut a),
                _ => {
                    self.unknown_keyword(s, keywords::OBJECTIF, "dans un bloc objectif");
                    continue;
                }
            }
            self.end(&mut a);
            self.no_block(s);
        }
        Some(o)
    }

    /// `fiche ID "Titre" { … }`
    pub(super) fn fiche(&mut self, stmt: &Statement) {
        let mut args = self.args(stmt);
        let Some(id) = self.ident(&mut args, "l'identifiant de la fiche") else {
            return;
        };
        let Some(titre) = self.name(&mut args, "l'intitulé de la fiche entre guillemets") else {
            return;
        };
        self.end(&mut args);
        let mut f = Fiche {
            id,
            titre,
            numero_explicite: None,
            numero: String::new(),
            axe: None,
            objectifs: Vec::new(),
            champs: Vec::new(),
            priorite: None,
            statut: None,
            constat: None,
            objectifs_operationnels: Vec::new(),
            description: None,
            public: None,
            territoire: None,
            pilote: None,
            referents: Vec::new(),
            partenaires: Vec::new(),
            calendrier: None,
            etapes: Vec::new(),
            moyens: None,
            resultats_attendus: None,
            liens: Vec::new(),
            indicateurs: Vec::new(),
            financements: Vec::new(),
            span: stmt.keyword_span,
        };
        let repeatable = [
            "objectif-operationnel",
            "referent",
            "etape",
            "lien",
            "indicateur",
            "financement",
        ];
        let mut seen = Seen::default();
        for s in stmt.block.iter().flat_map(|b| &b.statements) {
            let key = folded(s);
            let known = keywords::contains(keywords::FICHE, &key);
            if known && !repeatable.contains(&key.as_str()) && !self.once(&mut seen, s) {
                continue;
            }
            let mut a = self.args(s);
            match key.as_str() {
                "numero" => f.numero_explicite = self.numero(&mut a),
                "axe" => f.axe = self.reference(&mut a, "l'identifiant de l'axe"),
                "objectifs" => f.objectifs = self.ref_list(&mut a, "l'identifiant d'un objectif"),
                "champ" => f.champs = self.choices(&mut a, Champ::from_keyword, &Champ::keywords()),
                "priorite" => {
                    f.priorite = self.choice(&mut a, Priorite::from_keyword, &Priorite::keywords())
                }
                "statut" => {
                    f.statut = self.choice(&mut a, Statut::from_keyword, &Statut::keywords())
                }
                "constat" => f.constat = self.text(&mut a),
                "objectif-operationnel" => {
                    if let Some(t) = self.str(&mut a, "l'objectif opérationnel entre guillemets") {
                        f.objectifs_operationnels.push(t);
                    }
                }
                "description" => f.description = self.text(&mut a),
                "public" => f.public = self.val_str(&mut a, "le public visé entre guillemets"),
                "territoire" => {
                    f.territoire = if a.eat_word("tout").is_some() {
                        Some(Territory::All)
                    } else {
                        Some(Territory::Communes(
                            self.ref_list(&mut a, "des communes, ou « tout »"),
                        ))
                    }
                }
                "pilote" => f.pilote = self.reference(&mut a, "l'identifiant du pilote"),
                "referent" => {
                    if let Some(r) = self.val_str(
                        &mut a,
                        "le référent entre guillemets (une fonction, ou un nom)",
                    ) {
                        f.referents.push(r);
                    }
                }
                "partenaires" => {
                    f.partenaires = self.ref_list(&mut a, "l'identifiant d'un partenaire")
                }
                "calendrier" => f.calendrier = self.years(&mut a),
                "etape" => {
                    let year = self.year(&mut a);
                    let text = self.str(&mut a, "la description de l'étape entre guillemets");
                    if let (Some((annee, span)), Some(t)) = (year, text) {
                        f.etapes.push(Step {
                            annee,
                            texte: t.value,
                            span,
                        });
                    }
                }
                "moyens" => f.moyens = self.text(&mut a),
                "resultats-attendus" => f.resultats_attendus = self.text(&mut a),
                "lien" => {
                    if let Some(t) = self.str(&mut a, "le dispositif lié entre guillemets") {
                        f.liens.push(t);
                    }
                }
                "indicateur" => {
                    if let Some(i) = self.indicator(s) {
                        f.indicateurs.push(i);
                    }
                    continue;
                }
                "financement" => {
                    if let Some(fin) = self.funding(s) {
                        f.financements.push(fin);
                    }
                    continue;
                }
                _ => {
                    self.unknown_keyword(s, keywords::FICHE, "dans un bloc fiche");
                    continue;
                }
            }
            self.end(&mut a);
            self.no_block(s);
        }
        self.model.fiches.push(f);
    }

    /// `indicateur "Libellé" { type …  unité …  départ V en A  cible V en A  valeur A V  source …  fréquence … }`
    fn indicator(&mut self, stmt: &Statement) -> Option<Indicator> {
        let mut args = self.args(stmt);
        let libelle = self.name(&mut args, "le libellé de l'indicateur entre guillemets")?;
        self.end(&mut args);
        let mut ind = Indicator {
            libelle,
            kind: None,
            unite: None,
            depart: None,
            cible: None,
            valeurs: Vec::new(),
            source: None,
            frequence: None,
            span: stmt.keyword_span,
        };
        let mut seen = Seen::default();
        for s in stmt.block.iter().flat_map(|b| &b.statements) {
            let key = folded(s);
            if key != "valeur" && !self.once(&mut seen, s) {
                continue;
            }
            let mut a = self.args(s);
            match key.as_str() {
                "type" => {
                    ind.kind = self.choice(
                        &mut a,
                        IndicatorType::from_keyword,
                        &IndicatorType::keywords(),
                    )
                }
                "unite" => {
                    ind.unite = self
                        .str(&mut a, "l'unité entre guillemets (« places », « % »)")
                        .map(|s| s.value)
                }
                "depart" | "cible" => {
                    let span = s.span;
                    let value = self.measure_value(&mut a);
                    if a.eat_word("en").is_none() {
                        let next = a.next();
                        self.error(match next {
                            Some(n) => Diagnostic::new(
                                &rules::SYNTAXE_ARGUMENT,
                                format!(
                                    "« {} » attend « en ANNÉE » après la valeur, pas {}",
                                    s.keyword,
                                    n.describe()
                                ),
                            )
                            .label(n.span, "attendu : en ANNÉE"),
                            None => Diagnostic::new(
                                &rules::SYNTAXE_ARGUMENT,
                                format!("« {} » attend « en ANNÉE » après la valeur", s.keyword),
                            )
                            .label(a.end_span(), "« en ANNÉE » manque ici"),
                        });
                        continue;
                    }
                    let year = self.year(&mut a);
                    if let (Some(valeur), Some((annee, _))) = (value, year) {
                        let m = Some(Measure {
                            valeur,
                            annee,
                            span,
                        });
                        if key == "depart" {
                            ind.depart = m
                        } else {
                            ind.cible = m
                        }
                    }
                }
                "valeur" => {
                    let span = s.span;
                    let year = self.year(&mut a);
                    let value = self.measure_value(&mut a);
                    if let (Some((annee, _)), Some(valeur)) = (year, value) {
                        ind.valeurs.push(Measure {
                            valeur,
                            annee,
                            span,
                        });
                    }
                }
                "source" => {
                    ind.source = self
                        .str(&mut a, "la source entre guillemets")
                        .map(|s| s.value)
                }
                "frequence" => {
                    ind.frequence = self
                        .str(&mut a, "la fréquence entre guillemets")
                        .map(|s| s.value)
                }
                _ => {
                    self.unknown_keyword(s, keywords::INDICATEUR, "dans un bloc indicateur");
                    continue;
                }
            }
            self.end(&mut a);
            self.no_block(s);
        }
        Some(ind)
    }

    /// `financement FINANCEUR ANNÉES MONTANT [par an] [dispositif "…"] [prévisionnel] [convention ID] [bénéficiaire ID]`
    pub(super) fn funding(&mut self, stmt: &Statement) -> Option<Funding> {
        self.no_block(stmt);
        let mut a = self.args(stmt);
        let financeur = self.reference(&mut a, "l'identifiant du financeur")?;
        let (annees, annees_span) = self.years(&mut a)?;
        let (montant, montant_span) = match a.next() {
            Some(
                m @ Arg {
                    kind: ArgKind::Money(_),
                    span,
                },
            ) => (
                self.money(m).map_or(Amount::ToBeDetermined, Amount::Known),
                *span,
            ),
            Some(Arg {
                kind: ArgKind::Placeholder,
                span,
            }) => {
                self.placeholder(*span, "montant");
                (Amount::ToComplete, *span)
            }
            Some(Arg {
                kind: ArgKind::Word(w),
                span,
            }) if crate::keyword::fold_eq(w, "a") => {
                // `à déterminer`
                match a.next() {
                    Some(Arg {
                        kind: ArgKind::Word(d),
                        span: s2,
                    }) if crate::keyword::fold_eq(d, "determiner") => {
                        (Amount::ToBeDetermined, span.to(*s2))
                    }
                    other => {
                        let whole = other.map_or(*span, |o| span.to(o.span));
                        self.error(
                            Diagnostic::new(
                                &rules::SYNTAXE_ARGUMENT,
                                "« financement » attend un montant ou « à déterminer »",
                            )
                            .label(whole, "attendu : « à déterminer »"),
                        );
                        return None;
                    }
                }
            }
            Some(Arg {
                kind: ArgKind::Number(n),
                span,
            }) => {
                // `12 000` lexes as two numbers: gather the thousands groups that follow.
                let mut written = n.clone();
                let mut whole = *span;
                while let Some(Arg {
                    kind: ArgKind::Number(g),
                    span: gs,
                }) = a.peek()
                {
                    if g.len() != 3 || !g.bytes().all(|b| b.is_ascii_digit()) {
                        break;
                    }
                    written.push(' ');
                    written.push_str(g);
                    whole = whole.to(*gs);
                    a.next();
                }
                self.error(
                    Diagnostic::new(
                        &rules::LEXIQUE_MONTANT,
                        format!("montant « {written} » sans devise"),
                    )
                    .label(whole, "ajoutez « € »")
                    .help(format!("écrivez « {written} € »")),
                );
                return None;
            }
            other => {
                let d = match other {
                    Some(o) => Diagnostic::new(
                        &rules::SYNTAXE_ARGUMENT,
                        format!("« financement » attend un montant, pas {}", o.describe()),
                    )
                    .label(
                        o.span,
                        "attendu : un montant (12 000 €) ou « à déterminer »",
                    ),
                    None => Diagnostic::new(
                        &rules::SYNTAXE_ARGUMENT,
                        "« financement » attend un montant",
                    )
                    .label(a.end_span(), "montant manquant"),
                };
                self.error(d);
                return None;
            }
        };
        let mut f = Funding {
            financeur,
            annees,
            annees_span,
            montant,
            montant_span,
            par_an: false,
            dispositif: None,
            previsionnel: false,
            convention: None,
            beneficiaire: None,
            span: stmt.span,
        };
        while let Some(arg) = a.peek() {
            if a.eat_word("par").is_some() {
                if a.eat_word("an").is_none() {
                    self.error(
                        Diagnostic::new(
                            &rules::SYNTAXE_ARGUMENT,
                            "« par » doit être suivi de « an »",
                        )
                        .label(arg.span, "écrivez « par an »"),
                    );
                    // The row is reported once: a half-read row would trip the range rules too.
                    return None;
                }
                f.par_an = true;
            } else if a.eat_word("dispositif").is_some() {
                f.dispositif = self
                    .str(&mut a, "le nom du dispositif entre guillemets")
                    .map(|s| s.value);
            } else if a.eat_word("prévisionnel").is_some() {
                f.previsionnel = true;
            } else if a.eat_word("convention").is_some() {
                f.convention = self.reference(&mut a, "l'identifiant d'une convention liée");
            } else if a.eat_word("bénéficiaire").is_some() {
                f.beneficiaire = self.reference(&mut a, "l'identifiant du bénéficiaire");
            } else {
                self.error(
                    Diagnostic::new(&rules::SYNTAXE_ARGUMENT, format!("{} inattendu dans « financement »", arg.describe()))
                        .label(arg.span, "inattendu")
                        .help("après le montant : par an, dispositif \"…\", prévisionnel, convention ID, bénéficiaire ID"),
                );
                return Some(f);
            }
        }
        Some(f)
    }
}
